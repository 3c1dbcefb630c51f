//! The idea journey's use cases: write, submit and move ideas, support and follow them,
//! comment, and read them: one idea with its whole history, lists, and each group's queue.

use super::{Actor, Services};
use crate::audit::AuditEntry;
use crate::error::{DomainError, DomainResult, FieldErrors};
use crate::group::{Group, GroupKind, GroupRole};
use crate::idea::journey::{self, Levels, Standing, allowed_moves};
use crate::idea::{
    Comment, Idea, IdeaEvent, IdeaFilter, IdeaForm, IdeaPage, IdeaSort, IdeaStatus, Move, MoveKind, NewEvent,
    PAGE_SIZE, ProductArea, Provenance, Release, Supporter,
};
use crate::ids::{CommentId, GroupId, IdeaId};
use crate::notify::{NewNotification, NotificationKind, Subject};
use jiff::SignedDuration;
use serde::Serialize;
use serde_json::json;
use std::sync::Arc;

/// How long the author of a comment may still change it.
pub const COMMENT_EDIT_WINDOW: SignedDuration = SignedDuration::from_mins(30);
pub const COMMENT_MAX: usize = 5000;
pub const PRODUCT_AREA_MAX: usize = 80;

/// Everything the idea page shows, read in a fixed number of queries.
#[derive(Debug, Clone, Serialize)]
pub struct IdeaView {
    pub idea: Idea,
    pub events: Vec<IdeaEvent>,
    pub supporters: Vec<Supporter>,
    /// The number of erfagrupper the supporting organizations belong to.
    pub supporting_groups: usize,
    pub comments: Vec<Comment>,
    /// Earlier texts of edited comments: edits are kept, for everyone to see.
    pub comment_revisions: Vec<crate::idea::CommentRevision>,
    pub provenance: Vec<Provenance>,
    /// Changes of the idea's wording since others could see it, newest first.
    pub edits: Vec<crate::idea::IdeaEdit>,
    pub supports: bool,
    pub follows: bool,
    pub allowed: Vec<MoveKind>,
    /// The erfagrupper the author may submit to.
    pub submit_groups: Vec<Group>,
    pub releases: Vec<Release>,
    pub can_edit: bool,
    pub can_support: bool,
}

/// What a checked move writes.
#[derive(Debug, Clone)]
pub(crate) struct PreparedMove {
    pub state: crate::idea::journey::JourneyState,
    pub event: NewEvent,
    pub terms: Option<Vec<(String, i32)>>,
    pub notification: NewNotification,
}

pub(crate) fn today(svc: &Services) -> jiff::civil::Date {
    svc.now().to_zoned_datetime(crate::clock::copenhagen()).date()
}

impl Services {
    /// The groups that hold ideas at the steering and product levels.
    pub async fn levels(&self) -> DomainResult<Levels> {
        let steering = self.store.groups_of_kind(GroupKind::Steering).await?;
        let product = self.store.groups_of_kind(GroupKind::Product).await?;
        match (steering.first(), product.first()) {
            (Some(s), Some(p)) => Ok(Levels { steering: s.id, product: p.id }),
            _ => Err(DomainError::Conflict("community_not_set_up")),
        }
    }

    /// What the person is, relative to one idea.
    pub async fn standing(&self, actor: &Actor, idea: &Idea) -> DomainResult<Standing> {
        let memberships = self.store.memberships_of_user(actor.user.id).await?;
        Ok(Self::standing_from(&memberships, actor, idea))
    }

    /// What the person is, relative to one idea, from their memberships (read once for many ideas).
    pub fn standing_from(memberships: &[crate::store::Membership], actor: &Actor, idea: &Idea) -> Standing {
        Standing {
            is_author: idea.author_id == actor.user.id,
            coordinates_erfa_group: memberships
                .iter()
                .any(|m| Some(m.group.id) == idea.erfa_group_id && m.role == GroupRole::Coordinator),
            steering_member: memberships.iter().any(|m| m.group.kind == GroupKind::Steering),
            product_manager: memberships.iter().any(|m| m.group.kind == GroupKind::Product),
            member_of_holder: memberships.iter().any(|m| Some(m.group.id) == idea.holder_group_id),
        }
    }

    /// The erfagrupper a person may submit to: those they are a member of, and those their
    /// organization belongs to.
    pub async fn submit_groups(&self, actor: &Actor) -> DomainResult<Vec<Group>> {
        let mut groups: Vec<Group> = self
            .store
            .memberships_of_user(actor.user.id)
            .await?
            .into_iter()
            .map(|m| m.group)
            .filter(|g| g.kind == GroupKind::Erfa)
            .collect();
        if let Some(org) = actor.user.org_id {
            for group in self.store.groups_of_organization(org).await? {
                if group.kind == GroupKind::Erfa && !groups.iter().any(|g| g.id == group.id) {
                    groups.push(group);
                }
            }
        }
        crate::collation::sort_danish_by(&mut groups, |g| g.name.as_str());
        Ok(groups)
    }

    pub(crate) async fn visible_idea(&self, actor: &Actor, id: IdeaId) -> DomainResult<Idea> {
        match self.store.get_idea(id).await? {
            // A draft is the author's own until it is submitted.
            Some(idea) if idea.status != IdeaStatus::Draft || idea.author_id == actor.user.id => Ok(idea),
            _ => Err(DomainError::NotFound("idea")),
        }
    }

    async fn check_area(&self, form: &IdeaForm) -> DomainResult<crate::idea::IdeaInput> {
        let input = form.parse()?;
        if self.store.find_product_area(input.product_area_id).await?.is_none() {
            return Err(DomainError::invalid("product_area_id", "product_area_unknown"));
        }
        Ok(input)
    }

    /// Writes a draft; only the author sees it until it is submitted.
    pub async fn create_idea(&self, actor: &Actor, form: &IdeaForm) -> DomainResult<Idea> {
        let input = self.check_area(form).await?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "idea.create", "idea")
            .details(json!({ "title": input.title }));
        // A draft is private: it becomes searchable when it is submitted.
        self.store.insert_idea(&input, actor.user.id, actor.user.org_id, &[], audit).await
    }

    /// The author changes the text while the idea is a draft or still with the erfagruppe.
    pub async fn update_idea(
        &self,
        actor: &Actor,
        id: IdeaId,
        expected_version: i64,
        form: &IdeaForm,
    ) -> DomainResult<Idea> {
        let idea = self.visible_idea(actor, id).await?;
        if idea.author_id != actor.user.id {
            return Err(DomainError::Forbidden("only_author"));
        }
        if !matches!(idea.status, IdeaStatus::Draft | IdeaStatus::Submitted) {
            return Err(DomainError::Conflict("idea_not_editable"));
        }
        let input = self.check_area(form).await?;
        if idea.status == IdeaStatus::Submitted {
            input.check_complete()?;
        }
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "idea.update", "idea").id(id.0);
        let terms = if idea.status == IdeaStatus::Draft { Vec::new() } else { input.search_terms() };
        // Once others can see it, a change of wording is kept (the earlier text stays readable)
        // and its followers are told; a draft is its author's own.
        let changed = input.title != idea.title
            || input.role != idea.role
            || input.situation != idea.situation
            || input.need != idea.need
            || input.effect != idea.effect
            || input.product_area_id != idea.product_area_id;
        if idea.status == IdeaStatus::Draft || !changed {
            return self.store.update_idea(id, expected_version, &input, &terms, None, audit).await;
        }
        let followers = self.store.idea_followers(id).await?;
        let notification = self
            .with_email_now(NewNotification {
                recipients: followers.into_iter().filter(|u| *u != actor.user.id).collect(),
                email_now: Vec::new(),
                kind: NotificationKind::Edited,
                subject: Subject::Idea(id),
                actor: Some(actor.user.id),
                move_kind: None,
                to_status: None,
                at: self.now(),
            })
            .await?;
        self.store.update_idea(id, expected_version, &input, &terms, Some((actor.user.id, &notification)), audit).await
    }

    pub async fn idea_view(&self, actor: &Actor, id: IdeaId) -> DomainResult<IdeaView> {
        let idea = self.visible_idea(actor, id).await?;
        let standing = self.standing(actor, &idea).await?;
        let events = self.store.idea_events(id).await?;
        let supporters = self.store.supporters(id).await?;
        let mut groups: Vec<&str> = supporters.iter().flat_map(|s| s.groups.iter().map(String::as_str)).collect();
        groups.sort_unstable();
        groups.dedup();
        let comments = self.store.comments(id).await?;
        let comment_revisions =
            if comments.iter().any(|c| c.revisions > 0) { self.store.comment_revisions(id).await? } else { Vec::new() };
        let provenance = self.store.provenance(id).await?;
        let (supports, follows) = self.store.viewer_relation(id, actor.user.id).await?;
        let allowed = allowed_moves(idea.status, &standing);
        let submit_groups =
            if allowed.contains(&MoveKind::Submit) { self.submit_groups(actor).await? } else { Vec::new() };
        let releases = if allowed.iter().any(|k| matches!(k, MoveKind::Plan | MoveKind::Deliver)) {
            self.store.list_releases().await?
        } else {
            Vec::new()
        };
        let can_edit = standing.is_author && matches!(idea.status, IdeaStatus::Draft | IdeaStatus::Submitted);
        let can_support = actor.user.org_id.is_some() && idea.status != IdeaStatus::Draft && !idea.status.is_final();
        let edits = crate::idea::edits(&self.store.idea_revisions(id).await?, &idea);
        Ok(IdeaView {
            edits,
            supporting_groups: groups.len(),
            idea,
            events,
            supporters,
            comments,
            comment_revisions,
            provenance,
            supports,
            follows,
            allowed,
            submit_groups,
            releases,
            can_edit,
            can_support,
        })
    }

    pub async fn list_ideas(
        &self,
        actor: &Actor,
        filter: &IdeaFilter,
        sort: IdeaSort,
        page: i64,
    ) -> DomainResult<IdeaPage> {
        let mut filter = filter.clone();
        filter.viewer = Some(actor.user.id);
        if sort == IdeaSort::LongestWaiting {
            filter.open_only = true;
        }
        if sort == IdeaSort::Priority {
            filter.ranked_only = true;
        }
        self.store.list_ideas(&filter, sort, page.clamp(1, 100_000), PAGE_SIZE).await
    }

    /// Danish full-text search over ideas, best matches first.
    pub async fn search_ideas(&self, _actor: &Actor, query: &str, page: i64) -> DomainResult<IdeaPage> {
        let stems = crate::search::query_terms(query);
        let page = page.clamp(1, 100_000);
        let (ids, total) = self.ranked_search(stems, None, page, PAGE_SIZE).await?;
        Ok(IdeaPage { ideas: self.store.ideas_by_ids(&ids).await?, total, page, page_size: PAGE_SIZE })
    }

    /// Ideas like the one being written (title and need), so duplicates are found before they are made.
    pub async fn similar_ideas(&self, _actor: &Actor, text: &str, exclude: Option<IdeaId>) -> DomainResult<Vec<Idea>> {
        let stems = crate::search::query_terms(text);
        let (ids, _) = self.ranked_search(stems, exclude, 1, 5).await?;
        let ideas = self.store.ideas_by_ids(&ids).await?;
        Ok(ideas.into_iter().filter(|i| i.status != IdeaStatus::Draft).collect())
    }

    /// A search's ranked ids and total. Ranking reads every idea that matches (thousands for a
    /// common word), and its answer is the same for everyone (only submitted ideas have terms)
    /// until any idea's terms change: it is kept under the terms' generation, which every
    /// process reads from the database, so a change made on any node is searched at once. The
    /// ideas themselves are always read fresh (their status and counts change without their
    /// terms).
    async fn ranked_search(
        &self,
        stems: Vec<String>,
        exclude: Option<IdeaId>,
        page: i64,
        page_size: i64,
    ) -> DomainResult<(Vec<IdeaId>, i64)> {
        if stems.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let generation = self.store.search_generation().await?;
        let key = SearchKey { stems, exclude, page, page_size, generation };
        let store = self.store.clone();
        let ranked = self
            .searches
            .0
            .try_get_with(key.clone(), async move {
                store.search_idea_ids(&key.stems, key.exclude, key.page, key.page_size).await.map(Arc::new)
            })
            .await
            .map_err(|e: Arc<DomainError>| (*e).clone())?;
        Ok((*ranked).clone())
    }

    /// The ideas a group holds, oldest first ("venter på os").
    pub async fn group_queue(&self, actor: &Actor, group: GroupId, page: i64) -> DomainResult<IdeaPage> {
        let filter = IdeaFilter { holder: Some(group), open_only: true, ..Default::default() };
        self.list_ideas(actor, &filter, IdeaSort::LongestWaiting, page).await
    }

    /// Moves an idea: the journey's rules, the references the move names, and optimistic
    /// concurrency (`expected_version` must be the version the person saw).
    pub async fn move_idea(&self, actor: &Actor, id: IdeaId, expected_version: i64, mv: Move) -> DomainResult<Idea> {
        let idea = self.visible_idea(actor, id).await?;
        let prepared = self.prepare_move(actor, &idea, &mv).await?;
        let audit = AuditEntry::new(prepared.event.at, Some(actor.user.id), "idea.move", "idea").id(id.0).details(
            json!({ "move": mv.kind().as_str(), "from": idea.status.as_str(), "to": prepared.state.status.as_str() }),
        );
        let record = crate::store::MoveRecord {
            state: &prepared.state,
            event: &prepared.event,
            terms: prepared.terms.as_deref(),
            notification: &prepared.notification,
        };
        self.store.apply_move(id, expected_version, record, audit).await
    }

    /// Checks a move against the journey's rules and the references it names, and works out
    /// what it writes: the new state, the history entry and who is told. Used by a single move
    /// and by a group's decision alike.
    pub(crate) async fn prepare_move(&self, actor: &Actor, idea: &Idea, mv: &Move) -> DomainResult<PreparedMove> {
        let id = idea.id;
        let standing = self.standing(actor, idea).await?;
        let levels = self.levels().await?;
        let next = journey::apply(&idea.journey_state(), mv, &standing, levels, today(self))?;
        let mut details = json!({});
        let mut terms = None;
        match mv {
            Move::Submit { group } => {
                let mut input = IdeaForm::from_idea(idea).parse()?;
                input.product_area_id = idea.product_area_id;
                input.check_complete()?;
                terms = Some(input.search_terms());
                if !self.submit_groups(actor).await?.iter().any(|g| g.id == *group) {
                    return Err(DomainError::invalid("group_id", "group_not_yours"));
                }
            }
            Move::Merge { into } => {
                if *into == id {
                    return Err(DomainError::invalid("into", "merge_into_self"));
                }
                match self.store.get_idea(*into).await? {
                    Some(target) if target.status.is_final() || target.status == IdeaStatus::Draft => {
                        return Err(DomainError::invalid("into", "merge_target_closed"));
                    }
                    Some(target) => details = json!({ "into": into, "into_title": target.title }),
                    None => return Err(DomainError::invalid("into", "idea_unknown")),
                }
            }
            Move::Plan { release } | Move::Deliver { release } => match self.store.get_release(*release).await? {
                // A plan is for a release still to come; a delivery is in one that is out.
                Some(r) if matches!(mv, Move::Plan { .. }) && r.is_out(today(self)) => {
                    return Err(DomainError::invalid("release_id", "release_already_out"));
                }
                Some(r) if matches!(mv, Move::Deliver { .. }) && !r.is_out(today(self)) => {
                    return Err(DomainError::invalid("release_id", "release_not_out"));
                }
                Some(r) => details = json!({ "release": r.version }),
                None => return Err(DomainError::invalid("release_id", "release_unknown")),
            },
            Move::Prioritize { rank } => details = json!({ "rank": rank }),
            Move::Park { review_date, .. } => details = json!({ "review_date": review_date.to_string() }),
            Move::Decline { standard: Some(code), .. } => details = json!({ "standard_reason": code }),
            _ => {}
        }
        let now = self.now();
        let event = NewEvent {
            at: now,
            actor: Some(actor.user.id),
            kind: mv.kind(),
            from_status: Some(idea.status),
            to_status: next.status,
            from_group: idea.holder_group_id,
            to_group: next.holder,
            reason: mv.reason().trim().to_string(),
            details,
        };
        let recipients = self.concerned(idea, next.holder, actor).await?;
        let notification = NewNotification {
            recipients,
            email_now: Vec::new(),
            kind: NotificationKind::Moved,
            subject: Subject::Idea(id),
            actor: Some(actor.user.id),
            move_kind: Some(mv.kind()),
            to_status: Some(next.status),
            at: now,
        };
        let notification = self.with_email_now(notification).await?;
        Ok(PreparedMove { state: next, event, terms, notification })
    }

    /// Fills in which recipients want this kind of news by e-mail at once.
    pub(crate) async fn with_email_now(&self, mut notification: NewNotification) -> DomainResult<NewNotification> {
        notification.email_now = if notification.recipients.is_empty() {
            Vec::new()
        } else {
            self.store
                .users_with_cadence(notification.kind, crate::mail::Cadence::Immediate, &notification.recipients)
                .await?
        };
        Ok(notification)
    }

    /// The people an idea's news concerns (see [`crate::notify::recipients`]).
    async fn concerned(
        &self,
        idea: &Idea,
        holder: Option<GroupId>,
        actor: &Actor,
    ) -> DomainResult<Vec<crate::ids::UserId>> {
        let followers = self.store.idea_followers(idea.id).await?;
        let members = |group: Option<GroupId>| async move {
            match group {
                Some(group) => Ok::<_, DomainError>(
                    self.store.group_members(group).await?.into_iter().map(|m| m.user_id).collect(),
                ),
                None => Ok(Vec::new()),
            }
        };
        let origin: Vec<_> = members(idea.erfa_group_id).await?;
        let holding: Vec<_> = if holder == idea.erfa_group_id { Vec::new() } else { members(holder).await? };
        Ok(crate::notify::recipients(idea, &followers, &origin, &holding, actor.user.id))
    }

    /// Supports an idea on behalf of the person's organization (or withdraws that support).
    pub async fn support_idea(&self, actor: &Actor, id: IdeaId, support: bool) -> DomainResult<()> {
        let idea = self.visible_idea(actor, id).await?;
        let Some(org) = actor.user.org_id else { return Err(DomainError::Forbidden("no_organization")) };
        if support {
            if idea.status == IdeaStatus::Draft || idea.status.is_final() {
                return Err(DomainError::Conflict("idea_closed"));
            }
            // Whoever supports an idea hears what becomes of it (they can stop following).
            self.store.support_idea(id, actor.user.id, org, self.now(), true).await
        } else {
            self.store.withdraw_support(id, actor.user.id).await
        }
    }

    pub async fn follow_idea(&self, actor: &Actor, id: IdeaId, follow: bool) -> DomainResult<()> {
        self.visible_idea(actor, id).await?;
        self.store.follow_idea(id, actor.user.id, self.now(), follow).await
    }

    fn comment_text(body: &str) -> DomainResult<String> {
        let body = body.trim();
        let mut errors = FieldErrors::new();
        if body.is_empty() {
            errors.add("body", "required");
        } else {
            crate::text::check(&mut errors, "body", body, COMMENT_MAX);
        }
        errors.into_result(body.to_string())
    }

    pub async fn add_comment(&self, actor: &Actor, id: IdeaId, body: &str) -> DomainResult<Comment> {
        let idea = self.visible_idea(actor, id).await?;
        if idea.status == IdeaStatus::Draft {
            return Err(DomainError::Conflict("idea_is_draft"));
        }
        let body = Self::comment_text(body)?;
        let notification = NewNotification {
            recipients: self.concerned(&idea, idea.holder_group_id, actor).await?,
            email_now: Vec::new(),
            kind: NotificationKind::Commented,
            subject: Subject::Idea(id),
            actor: Some(actor.user.id),
            move_kind: None,
            to_status: None,
            at: self.now(),
        };
        let notification = self.with_email_now(notification).await?;
        // Whoever joins the conversation hears how it goes on (they can stop following).
        self.store.add_comment(id, actor.user.id, actor.user.org_id, &body, &notification, true).await
    }

    /// The author may change a comment for a while after writing it; earlier text is kept.
    pub async fn edit_comment(&self, actor: &Actor, id: CommentId, body: &str) -> DomainResult<Comment> {
        let comment = self.store.get_comment(id).await?.ok_or(DomainError::NotFound("comment"))?;
        if comment.author_id != actor.user.id {
            return Err(DomainError::Forbidden("only_comment_author"));
        }
        if comment.hidden {
            return Err(DomainError::Conflict("comment_hidden"));
        }
        if self.now() > comment.created_at + COMMENT_EDIT_WINDOW {
            return Err(DomainError::Forbidden("comment_edit_window_passed"));
        }
        let body = Self::comment_text(body)?;
        self.store.edit_comment(id, &body, self.now()).await
    }

    pub async fn product_areas(&self) -> DomainResult<Vec<ProductArea>> {
        let mut areas = self.store.list_product_areas().await?;
        crate::collation::sort_danish_by(&mut areas, |a| a.name.as_str());
        Ok(areas)
    }

    pub async fn create_product_area(&self, actor: Option<&Actor>, name: &str) -> DomainResult<ProductArea> {
        if let Some(actor) = actor {
            actor.require_admin()?;
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(DomainError::invalid("name", "required"));
        }
        if let Some(code) = crate::text::line_problem(name, PRODUCT_AREA_MAX) {
            return Err(DomainError::invalid("name", code));
        }
        let audit = AuditEntry::new(self.now(), actor.map(|a| a.user.id), "product_area.create", "product_area");
        self.store.insert_product_area(name, audit).await
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct SearchKey {
    stems: Vec<String>,
    exclude: Option<IdeaId>,
    page: i64,
    page_size: i64,
    generation: i64,
}

/// Ranked searches most recently asked for (ids and totals only: a few hundred bytes each).
#[derive(Clone)]
pub(crate) struct SearchCache(moka::future::Cache<SearchKey, Arc<(Vec<IdeaId>, i64)>>);

impl SearchCache {
    pub(crate) fn new() -> Self {
        Self(
            moka::future::Cache::builder()
                .max_capacity(2_000)
                .time_to_live(std::time::Duration::from_secs(600))
                .build(),
        )
    }
}
