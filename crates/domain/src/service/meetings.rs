//! Meetings and decisions: plan a meeting and its agenda, invite guests, record attendance and
//! minutes; record decisions, which move ideas by the journey's own rules and, from the
//! tovholdergruppe, travel down to every erfagruppe until each has presented them.

use super::{Actor, Services};
use crate::audit::AuditEntry;
use crate::error::{DomainError, DomainResult};
use crate::group::{Group, GroupKind, GroupRole};
use crate::ids::{AgendaItemId, DecisionId, GroupId, IdeaId, MeetingId, UserId};
use crate::meeting::{
    AgendaItem, AgendaItemForm, AgendaItemInput, Attendee, Decision, DecisionFilter, DecisionForm, Meeting,
    MeetingForm, MeetingKind, Presentation,
};
use crate::notify::{MeetingChange, NewNotification, NotificationKind, Subject};
use crate::store::{DecisionMove, MeetingFilter, NewDecision, NewMeeting};
use serde::Serialize;
use serde_json::json;

/// Everything a meeting's page shows.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub meeting: Meeting,
    pub agenda: Vec<AgendaItem>,
    pub attendees: Vec<Attendee>,
    pub decisions: Vec<Decision>,
    /// The ideas the group holds, offered for the agenda and for decisions.
    pub waiting_ideas: Vec<crate::idea::Idea>,
    /// For each waiting idea (same order), the moves a decision of the viewer's could make.
    pub decision_moves: Vec<Vec<crate::idea::MoveKind>>,
    pub may_manage: bool,
    pub is_past: bool,
    /// For an erfagruppe's meeting: where the tovholdergruppe's decisions stand in the group.
    pub presentations: Vec<Presentation>,
    /// For an erfagruppe's meeting: the decisions still to present that are not on this agenda,
    /// offered for it.
    pub decisions_to_add: Vec<Presentation>,
    /// For the tovholdergruppe's meeting: per erfagruppe, what it has yet to present.
    pub unpresented: Vec<Unpresented>,
}

/// A cancelled meeting, and where the decisions it was to present went.
#[derive(Debug, Clone, Serialize)]
pub struct Cancellation {
    pub meeting: Meeting,
    /// How many tovholdergruppe decisions moved to `carried_to`.
    pub carried: usize,
    pub carried_to: Option<Meeting>,
    /// Decisions it was to present that wait for the next meeting planned (there is none yet).
    pub unmoved: usize,
}

/// An erfagruppe and the tovholdergruppe decisions it has yet to present.
#[derive(Debug, Clone, Serialize)]
pub struct Unpresented {
    pub group_id: GroupId,
    pub group_name: String,
    pub decisions: Vec<Presentation>,
}

/// A group's meetings and decisions, for its page.
#[derive(Debug, Clone, Serialize)]
pub struct GroupMeetings {
    pub upcoming: Vec<Meeting>,
    pub past: Vec<Meeting>,
    pub decisions: Vec<Decision>,
    /// Steering decisions this erfagruppe has yet to present.
    pub to_present: Vec<Presentation>,
    pub may_manage: bool,
}

impl Services {
    /// A group's coordinators keep its meetings and record its decisions; in the tovholdergruppe
    /// and the produktmanagergruppe every member does; administrators always may.
    pub async fn may_manage_group(&self, actor: &Actor, group: &Group) -> DomainResult<bool> {
        if actor.user.is_admin {
            return Ok(true);
        }
        let memberships = self.store.memberships_of_user(actor.user.id).await?;
        Ok(Self::manages(&memberships, actor, group.id, group.kind))
    }

    /// The rule of [`Self::may_manage_group`], over memberships read once for many groups.
    fn manages(memberships: &[crate::store::Membership], actor: &Actor, group: GroupId, kind: GroupKind) -> bool {
        actor.user.is_admin
            || memberships
                .iter()
                .any(|m| m.group.id == group && (m.role == GroupRole::Coordinator || kind != GroupKind::Erfa))
    }

    async fn group(&self, id: GroupId) -> DomainResult<Group> {
        self.store.get_group(id).await?.ok_or(DomainError::NotFound("group"))
    }

    async fn require_manager(&self, actor: &Actor, group: &Group) -> DomainResult<()> {
        if self.may_manage_group(actor, group).await? {
            Ok(())
        } else {
            Err(DomainError::Forbidden("only_group_coordinator"))
        }
    }

    pub async fn meeting(&self, id: MeetingId) -> DomainResult<Meeting> {
        self.store.get_meeting(id).await?.ok_or(DomainError::NotFound("meeting"))
    }

    async fn managed_meeting(&self, actor: &Actor, id: MeetingId) -> DomainResult<(Meeting, Group)> {
        let meeting = self.meeting(id).await?;
        let group = self.group(meeting.group_id).await?;
        self.require_manager(actor, &group).await?;
        Ok((meeting, group))
    }

    async fn invited_ids(&self, id: MeetingId) -> DomainResult<Vec<UserId>> {
        Ok(self.store.meeting_attendees(id).await?.into_iter().map(|a| a.user_id).collect())
    }

    async fn meeting_notification(
        &self,
        actor: &Actor,
        id: MeetingId,
        change: MeetingChange,
        invited: &[UserId],
    ) -> DomainResult<NewNotification> {
        self.with_email_now(NewNotification {
            recipients: crate::notify::meeting_recipients(invited, actor.user.id),
            email_now: Vec::new(),
            kind: NotificationKind::Meeting,
            subject: Subject::Meeting(id, change),
            actor: Some(actor.user.id),
            move_kind: None,
            to_status: None,
            at: self.now(),
        })
        .await
    }

    /// Plans a meeting: the group's members are invited, and an erfagruppe's agenda starts with
    /// the tovholdergruppe's decisions it has yet to present.
    pub async fn plan_meeting(&self, actor: &Actor, group: GroupId, form: &MeetingForm) -> DomainResult<Meeting> {
        let group = self.group(group).await?;
        self.require_manager(actor, &group).await?;
        let input = form.parse()?;
        let members = self.store.group_members(group.id).await?;
        let invited: Vec<(UserId, bool)> = members.iter().map(|m| (m.user_id, false)).collect();
        let agenda: Vec<AgendaItemInput> = if group.kind == GroupKind::Erfa {
            let upcoming = self
                .store
                .list_meetings(&MeetingFilter {
                    group: Some(group.id),
                    ends_after: Some(self.now()),
                    limit: 50,
                    ..Default::default()
                })
                .await?;
            let mut already = Vec::new();
            for m in &upcoming {
                already.extend(self.store.agenda(m.id).await?.into_iter().filter_map(|i| i.decision_id));
            }
            self.store
                .presentations(None, Some(group.id), true)
                .await?
                .into_iter()
                .filter(|p| !already.contains(&p.decision_id))
                .map(|p| AgendaItemInput {
                    title: p.decision_title,
                    notes: String::new(),
                    idea_id: None,
                    decision_id: Some(p.decision_id),
                })
                .collect()
        } else {
            Vec::new()
        };
        let ids: Vec<UserId> = invited.iter().map(|(u, _)| *u).collect();
        // The meeting's id is not known yet: storage fills it into the notification's subject.
        let notification = self.meeting_notification(actor, MeetingId(0), MeetingChange::Planned, &ids).await?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "meeting.plan", "meeting")
            .details(json!({ "group": group.id, "title": input.title }));
        self.store
            .insert_meeting(
                NewMeeting {
                    group: group.id,
                    input: &input,
                    created_by: actor.user.id,
                    created_at: self.now(),
                    invited: &invited,
                    agenda: &agenda,
                    notification: &notification,
                },
                audit,
            )
            .await
    }

    /// Changes a meeting's details; `expected_version` is the version the person saw.
    pub async fn update_meeting(&self, actor: &Actor, id: MeetingId, form: &MeetingForm) -> DomainResult<Meeting> {
        let (meeting, _) = self.managed_meeting(actor, id).await?;
        if meeting.cancelled_at.is_some() {
            return Err(DomainError::Conflict("meeting_cancelled"));
        }
        let input = form.parse()?;
        let invited = self.invited_ids(id).await?;
        let notification = self.meeting_notification(actor, id, MeetingChange::Changed, &invited).await?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "meeting.update", "meeting").id(id.0);
        let version = form.version.unwrap_or(meeting.version);
        self.store.update_meeting(id, version, &input, None, None, &notification, audit).await
    }

    /// Cancels a meeting. The tovholdergruppe decisions it was to present and that the group has
    /// not presented yet move to the group's next meeting; without one they stay "to present",
    /// and the next meeting planned takes them.
    pub async fn cancel_meeting(&self, actor: &Actor, id: MeetingId) -> DomainResult<Cancellation> {
        let (meeting, _) = self.managed_meeting(actor, id).await?;
        if meeting.cancelled_at.is_some() {
            return Err(DomainError::Conflict("meeting_cancelled"));
        }
        let input = MeetingForm::from_meeting(&meeting).parse()?;
        let invited = self.invited_ids(id).await?;
        let unpresented: Vec<DecisionId> = self
            .store
            .presentations(None, Some(meeting.group_id), true)
            .await?
            .into_iter()
            .map(|p| p.decision_id)
            .collect();
        let carried: Vec<AgendaItemInput> = self
            .store
            .agenda(id)
            .await?
            .into_iter()
            .filter(|item| item.decision_id.is_some_and(|d| unpresented.contains(&d)))
            .map(|item| AgendaItemInput {
                title: item.title,
                notes: item.notes,
                idea_id: None,
                decision_id: item.decision_id,
            })
            .collect();
        let next = self
            .store
            .list_meetings(&MeetingFilter {
                group: Some(meeting.group_id),
                ends_after: Some(self.now()),
                limit: 2,
                ..Default::default()
            })
            .await?
            .into_iter()
            .find(|m| m.id != id && m.starts_at >= self.now());
        let unmoved = if next.is_none() { carried.len() } else { 0 };
        let mut carry = Vec::new();
        if let Some(next) = &next {
            let already: Vec<DecisionId> =
                self.store.agenda(next.id).await?.into_iter().filter_map(|i| i.decision_id).collect();
            carry = carried.into_iter().filter(|i| i.decision_id.is_some_and(|d| !already.contains(&d))).collect();
        }
        let notification = self.meeting_notification(actor, id, MeetingChange::Cancelled, &invited).await?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "meeting.cancel", "meeting").id(id.0).details(
            json!({ "carried_to": next.as_ref().map(|m| m.id), "decisions": carry.iter().map(|i| i.decision_id).collect::<Vec<_>>() }),
        );
        let carry_to = next.as_ref().filter(|_| !carry.is_empty()).map(|m| (m.id, carry.as_slice()));
        let meeting = self
            .store
            .update_meeting(id, meeting.version, &input, Some(self.now()), carry_to, &notification, audit)
            .await?;
        Ok(Cancellation { meeting, carried: carry.len(), carried_to: next.filter(|_| !carry.is_empty()), unmoved })
    }

    pub async fn meeting_view(&self, actor: &Actor, id: MeetingId) -> DomainResult<MeetingView> {
        let meeting = self.meeting(id).await?;
        let group = self.group(meeting.group_id).await?;
        let may_manage = self.may_manage_group(actor, &group).await?;
        let agenda = self.store.agenda(id).await?;
        let attendees = self.store.meeting_attendees(id).await?;
        let decisions = self.store.list_decisions(&DecisionFilter { meeting: Some(id), ..Default::default() }).await?;
        let waiting_ideas = if may_manage { self.group_queue(actor, group.id, 1).await?.ideas } else { Vec::new() };
        let presentations = if group.kind == GroupKind::Erfa {
            self.store.presentations(None, Some(group.id), false).await?
        } else {
            Vec::new()
        };
        let decisions_to_add = presentations
            .iter()
            .filter(|p| p.presented_at.is_none() && !agenda.iter().any(|i| i.decision_id == Some(p.decision_id)))
            .cloned()
            .collect();
        let unpresented = if group.kind == GroupKind::Steering {
            let mut by_group: Vec<Unpresented> = Vec::new();
            for p in self.store.presentations(None, None, true).await? {
                match by_group.iter_mut().find(|u| u.group_id == p.group_id) {
                    Some(u) => u.decisions.push(p),
                    None => by_group.push(Unpresented {
                        group_id: p.group_id,
                        group_name: p.group_name.clone(),
                        decisions: vec![p],
                    }),
                }
            }
            crate::collation::sort_danish_by(&mut by_group, |u| u.group_name.as_str());
            by_group
        } else {
            Vec::new()
        };
        let memberships = self.store.memberships_of_user(actor.user.id).await?;
        let decision_moves = waiting_ideas
            .iter()
            .map(|idea| {
                let standing = Self::standing_from(&memberships, actor, idea);
                crate::idea::journey::allowed_moves(idea.status, &standing)
                    .into_iter()
                    .filter(|k| crate::meeting::DECISION_MOVES.contains(k))
                    .collect()
            })
            .collect();
        Ok(MeetingView {
            is_past: meeting.is_past(self.now()),
            meeting,
            agenda,
            attendees,
            decisions,
            waiting_ideas,
            decision_moves,
            may_manage,
            presentations,
            decisions_to_add,
            unpresented,
        })
    }

    /// A group's upcoming and recent meetings, its decision feed and what it has to present.
    pub async fn group_meetings(&self, actor: &Actor, group: GroupId) -> DomainResult<GroupMeetings> {
        let group = self.group(group).await?;
        let now = self.now();
        let upcoming = self
            .store
            .list_meetings(&MeetingFilter {
                group: Some(group.id),
                ends_after: Some(now),
                limit: 10,
                ..Default::default()
            })
            .await?;
        let past = self
            .store
            .list_meetings(&MeetingFilter {
                group: Some(group.id),
                starts_before: Some(now),
                newest_first: true,
                include_cancelled: true,
                limit: 10,
                ..Default::default()
            })
            .await?
            .into_iter()
            .filter(|m| m.is_past(now))
            .collect();
        // The page shows how many ideas each decision concerns, not which.
        let filter =
            DecisionFilter { feed_of: Some(group.id), limit: Some(20), titles_only: true, ..Default::default() };
        let decisions = self.store.list_decisions(&filter).await?;
        let to_present = if group.kind == GroupKind::Erfa {
            self.store.presentations(None, Some(group.id), true).await?
        } else {
            Vec::new()
        };
        Ok(GroupMeetings {
            upcoming,
            past,
            decisions,
            to_present,
            may_manage: self.may_manage_group(actor, &group).await?,
        })
    }

    /// A group's own decisions and, for an erfagruppe, the tovholdergruppe's decisions published
    /// to it, newest first.
    pub async fn decision_feed(&self, group: GroupId, limit: i64) -> DomainResult<Vec<Decision>> {
        self.store
            .list_decisions(&DecisionFilter { feed_of: Some(group), limit: Some(limit), ..Default::default() })
            .await
    }

    /// The meetings a person is invited to, upcoming first.
    pub async fn my_meetings(&self, actor: &Actor, upcoming: bool) -> DomainResult<Vec<Meeting>> {
        let now = self.now();
        let filter = if upcoming {
            MeetingFilter { invited: Some(actor.user.id), ends_after: Some(now), limit: 20, ..Default::default() }
        } else {
            MeetingFilter {
                invited: Some(actor.user.id),
                starts_before: Some(now),
                newest_first: true,
                limit: 20,
                ..Default::default()
            }
        };
        self.store.list_meetings(&filter).await
    }

    pub async fn meetings(&self, filter: &MeetingFilter) -> DomainResult<Vec<Meeting>> {
        let mut filter = filter.clone();
        filter.limit = filter.limit.clamp(1, 500);
        self.store.list_meetings(&filter).await
    }

    pub async fn add_agenda_item(
        &self,
        actor: &Actor,
        id: MeetingId,
        form: &AgendaItemForm,
    ) -> DomainResult<AgendaItem> {
        let (meeting, _) = self.managed_meeting(actor, id).await?;
        if meeting.cancelled_at.is_some() {
            return Err(DomainError::Conflict("meeting_cancelled"));
        }
        let mut item = form.parse()?;
        if let Some(decision) = item.decision_id {
            // A tovholdergruppe decision the group has yet to present, not on this agenda yet.
            let pending = self.store.presentations(Some(decision), Some(meeting.group_id), true).await?;
            let Some(p) = pending.into_iter().next() else {
                return Err(DomainError::invalid("decision_id", "decision_not_to_present"));
            };
            if self.store.agenda(id).await?.iter().any(|i| i.decision_id == Some(decision)) {
                return Err(DomainError::invalid("decision_id", "decision_on_agenda"));
            }
            if item.title.is_empty() {
                item.title = p.decision_title;
            }
        }
        if let Some(idea) = item.idea_id {
            match self.store.get_idea(idea).await? {
                Some(i) if i.status != crate::idea::IdeaStatus::Draft => {
                    if item.title.is_empty() {
                        item.title = i.title;
                    }
                }
                _ => return Err(DomainError::invalid("idea_id", "idea_unknown")),
            }
        }
        if self.store.agenda(id).await?.len() >= crate::meeting::AGENDA_MAX_ITEMS {
            return Err(DomainError::invalid("title", "agenda_full"));
        }
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "meeting.agenda_add", "meeting")
            .id(id.0)
            .details(json!({ "title": item.title, "idea": item.idea_id, "decision": item.decision_id }));
        self.store.add_agenda_item(id, &item, audit).await
    }

    pub async fn remove_agenda_item(&self, actor: &Actor, id: MeetingId, item: AgendaItemId) -> DomainResult<()> {
        self.managed_meeting(actor, id).await?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "meeting.agenda_remove", "meeting")
            .id(id.0)
            .details(json!({ "item": item.0 }));
        self.store.remove_agenda_item(id, item, audit).await
    }

    pub async fn move_agenda_item(
        &self,
        actor: &Actor,
        id: MeetingId,
        item: AgendaItemId,
        up: bool,
    ) -> DomainResult<()> {
        self.managed_meeting(actor, id).await?;
        self.store.move_agenda_item(id, item, up).await
    }

    /// Invites a guest from outside the group (a product manager visiting an erfamøde), by e-mail.
    pub async fn invite_guest(&self, actor: &Actor, id: MeetingId, email: &str) -> DomainResult<()> {
        let (meeting, _) = self.managed_meeting(actor, id).await?;
        let email = crate::user::Email::parse(email).map_err(|code| DomainError::invalid("email", code))?;
        let guest = self
            .store
            .find_login_candidate(email.as_str())
            .await?
            .filter(|c| c.user.active)
            .ok_or(DomainError::invalid("email", "user_unknown"))?
            .user;
        let attendees = self.store.meeting_attendees(id).await?;
        if attendees.iter().any(|a| a.user_id == guest.id) {
            return Err(DomainError::invalid("email", "already_invited"));
        }
        let notification = self.meeting_notification(actor, meeting.id, MeetingChange::Planned, &[guest.id]).await?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "meeting.invite", "meeting")
            .id(id.0)
            .details(json!({ "guest": guest.id }));
        self.store.invite_to_meeting(id, guest.id, true, &notification, audit).await
    }

    /// Records who attended, once the meeting has begun.
    pub async fn record_attendance(&self, actor: &Actor, id: MeetingId, attended: &[UserId]) -> DomainResult<()> {
        let (meeting, _) = self.managed_meeting(actor, id).await?;
        if meeting.starts_at > self.now() {
            return Err(DomainError::Conflict("meeting_not_begun"));
        }
        let invited = self.invited_ids(id).await?;
        if attended.iter().any(|u| !invited.contains(u)) {
            return Err(DomainError::invalid("attended", "not_invited"));
        }
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "meeting.attendance", "meeting")
            .id(id.0)
            .details(json!({ "attended": attended.len() }));
        self.store.record_attendance(id, attended, audit).await
    }

    /// Writes the minutes; with `approve`, approves them too. Changing approved minutes
    /// withdraws the approval.
    pub async fn save_minutes(
        &self,
        actor: &Actor,
        id: MeetingId,
        minutes: &str,
        approve: bool,
    ) -> DomainResult<Meeting> {
        let (meeting, _) = self.managed_meeting(actor, id).await?;
        let minutes = minutes.trim();
        let mut errors = crate::FieldErrors::new();
        crate::text::check(&mut errors, "minutes", minutes, crate::meeting::MINUTES_MAX);
        errors.into_result(())?;
        if approve && minutes.is_empty() {
            return Err(DomainError::invalid("minutes", "required"));
        }
        if meeting.starts_at > self.now() && approve {
            return Err(DomainError::Conflict("meeting_not_begun"));
        }
        let invited = self.invited_ids(id).await?;
        let recipients = if approve { invited } else { Vec::new() };
        let notification = self.meeting_notification(actor, id, MeetingChange::Minutes, &recipients).await?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "meeting.minutes", "meeting")
            .id(id.0)
            .details(json!({ "approved": approve }));
        let approval = approve.then(|| (actor.user.id, self.now()));
        self.store.set_minutes(id, minutes, approval, &notification, audit).await
    }

    /// Records a group's decision. Each move it makes goes through the journey's rules as the
    /// person recording it, on an idea the group holds; any refusal refuses the whole decision
    /// and nothing is saved. A tovholdergruppe decision is published to every erfagruppe.
    pub async fn record_decision(
        &self,
        actor: &Actor,
        group: GroupId,
        form: &DecisionForm,
    ) -> DomainResult<DecisionId> {
        self.record_decision_inner(actor, group, form, None).await
    }

    /// A decision, and for a round's result the round it publishes (marked in the same transaction).
    pub(crate) async fn record_decision_inner(
        &self,
        actor: &Actor,
        group: GroupId,
        form: &DecisionForm,
        round: Option<crate::ids::RoundId>,
    ) -> DomainResult<DecisionId> {
        let group = self.group(group).await?;
        self.require_manager(actor, &group).await?;
        let input = form.parse()?;
        let now = self.now();
        // Decided at the meeting: the decision, and the moves it makes, carry the meeting's
        // time, whenever the minutes are typed in (a meeting still to come: now).
        let mut decided_at = now;
        if let Some(meeting) = input.meeting_id {
            match self.store.get_meeting(meeting).await? {
                Some(m) if m.group_id == group.id => decided_at = at_meeting(&m, now),
                _ => return Err(DomainError::invalid("meeting_id", "meeting_unknown")),
            }
        }
        let mut ideas: Vec<(IdeaId, Option<crate::idea::MoveKind>)> = Vec::new();
        let mut moves = Vec::new();
        for (idea_id, mv, version) in &input.ideas {
            let idea = match self.visible_idea(actor, *idea_id).await {
                // A draft is its author's own: a decision may not name it, not even in passing.
                Ok(idea) if idea.status != crate::idea::IdeaStatus::Draft => idea,
                _ => return Err(DomainError::invalid("moves", "idea_unknown")),
            };
            if let Some(mv) = mv {
                if idea.holder_group_id != Some(group.id) {
                    return Err(DomainError::Conflict("decision_idea_not_held"));
                }
                // The decision form has one field for all moves' details: a detail refused by
                // the journey (a merge's target, a park's date) is told beside it.
                let mut prepared = self.prepare_move(actor, &idea, mv).await.map_err(|error| match error {
                    DomainError::Invalid(errors) => DomainError::Invalid(crate::error::FieldErrors(
                        errors
                            .0
                            .into_iter()
                            .map(|mut e| {
                                if !matches!(e.field, "reason" | "title" | "body") {
                                    e.field = "moves";
                                }
                                e
                            })
                            .collect(),
                    )),
                    other => other,
                })?;
                // Never before the idea's last step (it may have moved since the meeting).
                prepared.event.at = decided_at.max(idea.status_changed_at);
                moves.push(DecisionMove {
                    idea: idea.id,
                    expected_version: version.unwrap_or(idea.version),
                    state: prepared.state,
                    event: prepared.event,
                    notification: prepared.notification,
                });
            }
            ideas.push((idea.id, mv.as_ref().map(|m| m.kind())));
        }
        let members: Vec<UserId> = self.store.group_members(group.id).await?.into_iter().map(|m| m.user_id).collect();
        let (publish_to, erfa_members) = if group.kind == GroupKind::Steering {
            let erfa = self.store.groups_of_kind(GroupKind::Erfa).await?;
            let mut people = Vec::new();
            for g in &erfa {
                people.extend(self.store.group_members(g.id).await?.into_iter().map(|m| m.user_id));
            }
            (erfa.into_iter().map(|g| g.id).collect::<Vec<_>>(), people)
        } else {
            (Vec::new(), Vec::new())
        };
        let agenda_on: Vec<MeetingId> =
            self.store.next_meetings(&publish_to, self.now()).await?.into_iter().map(|(_, m)| m).collect();
        let notification = self
            .with_email_now(NewNotification {
                recipients: crate::notify::decision_recipients(&members, &erfa_members, actor.user.id),
                email_now: Vec::new(),
                kind: NotificationKind::Decision,
                subject: Subject::Decision(None),
                actor: Some(actor.user.id),
                move_kind: None,
                to_status: None,
                at: self.now(),
            })
            .await?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "decision.record", "decision").details(json!({
            "group": group.id,
            "title": input.title,
            "moves": moves.iter().map(|m| json!({ "idea": m.idea, "move": m.event.kind.as_str() })).collect::<Vec<_>>(),
        }));
        self.store
            .insert_decision(
                NewDecision {
                    group: group.id,
                    meeting: input.meeting_id,
                    title: &input.title,
                    body: &input.body,
                    reason: &input.reason,
                    decided_at,
                    decided_by: actor.user.id,
                    ideas: &ideas,
                    moves: &moves,
                    publish_to: &publish_to,
                    agenda_on: &agenda_on,
                    notification: &notification,
                    publishes_round: round,
                },
                audit,
            )
            .await
    }

    pub async fn decision(&self, id: DecisionId) -> DomainResult<(Decision, Vec<Presentation>)> {
        let decision = self.store.get_decision(id).await?.ok_or(DomainError::NotFound("decision"))?;
        let presentations = self.store.presentations(Some(id), None, false).await?;
        Ok((decision, presentations))
    }

    /// The erfagrupper that have yet to present the decision and whose presentation the person
    /// may mark: the rule `mark_presented` checks, for all of them with one read.
    pub async fn may_present(&self, actor: &Actor, presentations: &[Presentation]) -> DomainResult<Vec<GroupId>> {
        let memberships = self.store.memberships_of_user(actor.user.id).await?;
        Ok(presentations
            .iter()
            .filter(|p| p.presented_at.is_none() && Self::manages(&memberships, actor, p.group_id, GroupKind::Erfa))
            .map(|p| p.group_id)
            .collect())
    }

    pub async fn decisions(&self, filter: &DecisionFilter) -> DomainResult<Vec<Decision>> {
        let mut filter = filter.clone();
        filter.limit = Some(filter.limit.unwrap_or(50).clamp(1, 500));
        self.store.list_decisions(&filter).await
    }

    /// The erfagruppe's coordinator marks a tovholdergruppe decision as presented (at a meeting).
    pub async fn mark_presented(
        &self,
        actor: &Actor,
        decision: DecisionId,
        group: GroupId,
        meeting: Option<MeetingId>,
    ) -> DomainResult<()> {
        let group = self.group(group).await?;
        self.require_manager(actor, &group).await?;
        let presentations = self.store.presentations(Some(decision), Some(group.id), false).await?;
        if presentations.is_empty() {
            return Err(DomainError::NotFound("presentation"));
        }
        // Presented at a meeting: at the meeting's time.
        let now = self.now();
        let mut presented_at = now;
        if let Some(meeting) = meeting {
            match self.store.get_meeting(meeting).await? {
                Some(m) if m.group_id == group.id => presented_at = at_meeting(&m, now),
                _ => return Err(DomainError::invalid("meeting_id", "meeting_unknown")),
            }
        }
        let audit = AuditEntry::new(now, Some(actor.user.id), "decision.presented", "decision")
            .id(decision.0)
            .details(json!({ "group": group.id }));
        if self.store.mark_presented(decision, group.id, actor.user.id, presented_at, meeting, audit).await? {
            Ok(())
        } else {
            Err(DomainError::Conflict("already_presented"))
        }
    }

    /// The meeting kinds a group's meeting may be.
    pub fn meeting_kinds(group: &Group) -> Vec<MeetingKind> {
        let first = MeetingKind::default_for(group.kind);
        let mut kinds = vec![first];
        kinds.extend(MeetingKind::ALL.into_iter().filter(|k| *k != first));
        kinds
    }

    /// "Hvad blev der af…?": what became of every idea the erfagruppe sent, by outcome.
    pub async fn group_outcomes(
        &self,
        _actor: &Actor,
        group: GroupId,
    ) -> DomainResult<(Group, Vec<(crate::outcome::Outcome, Vec<crate::outcome::IdeaOutcome>)>)> {
        let group = self.group(group).await?;
        let ideas = self.store.group_outcomes(group.id).await?;
        Ok((group, crate::outcome::group_by_outcome(ideas)))
    }
}

/// When something done at a meeting happened: the meeting's start, once it has begun; for a
/// meeting still to come, now.
fn at_meeting(meeting: &crate::meeting::Meeting, now: jiff::Timestamp) -> jiff::Timestamp {
    if meeting.starts_at <= now { meeting.starts_at } else { now }
}
