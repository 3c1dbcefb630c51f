//! The idea journey in the browser: lists, writing, the idea page with its moves, support,
//! following and comments; releases.

use super::NoticeQuery;
use crate::ctx::{Ctx, PageUser};
use crate::error::{OrPage, PageError, PageResult, render, render_with};
use crate::i18n::FluentArg;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use idespor_domain::idea::{
    IdeaEvent, IdeaFilter, IdeaForm, IdeaPage, IdeaSort, IdeaStatus, MoveForm, MoveKind, ProductArea,
};
use idespor_domain::service::IdeaView;
use idespor_domain::{CommentId, DomainError, FieldErrors, GroupId, IdeaId, OrgId, ProductAreaId, ReleaseId};
use serde::Deserialize;

/// The list's query string, kept as typed so the form shows it again.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct IdeaQuery {
    /// Words to search for; when given, results are ranked by relevance.
    pub q: String,
    pub status: String,
    pub group: String,
    pub area: String,
    pub organization: String,
    pub mine: String,
    pub ours: String,
    pub supported: String,
    pub sort: String,
    pub page: Option<i64>,
}

impl IdeaQuery {
    pub fn filter(&self, actor: &idespor_domain::service::Actor) -> IdeaFilter {
        let org = actor.user.org_id;
        IdeaFilter {
            status: IdeaStatus::parse(&self.status),
            open_only: self.status == "open",
            group: self.group.parse().ok().map(GroupId),
            product_area: self.area.parse().ok().map(ProductAreaId),
            organization: if self.ours == "1" { org } else { self.organization.parse().ok().map(OrgId) },
            author: (self.mine == "1").then_some(actor.user.id),
            // Someone without an organization supports nothing: id 0 matches no organization.
            supported_by: if self.supported == "1" { org.or(Some(OrgId(0))) } else { None },
            release: None,
            viewer: None,
            holder: None,
            ranked_only: false,
        }
    }
    pub fn sort(&self) -> IdeaSort {
        IdeaSort::parse(&self.sort).unwrap_or_default()
    }
    /// This query for another page.
    pub fn query_for_page(&self, page: i64) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("q", &self.q),
            ("status", &self.status),
            ("group", &self.group),
            ("area", &self.area),
            ("organization", &self.organization),
            ("mine", &self.mine),
            ("ours", &self.ours),
            ("supported", &self.supported),
            ("sort", &self.sort),
        ] {
            if !value.is_empty() {
                query.append_pair(key, value);
            }
        }
        query.append_pair("page", &page.to_string());
        query.finish()
    }
}

#[derive(Template)]
#[template(path = "ideas.html")]
pub struct IdeasPage {
    pub ctx: Ctx,
    pub q: IdeaQuery,
    pub page: IdeaPage,
    pub last_page: i64,
    pub statuses: Vec<&'static str>,
    pub sorts: Vec<&'static str>,
    pub groups: Vec<idespor_domain::group::Group>,
    pub areas: Vec<ProductArea>,
    /// The organization the filter names (typed as a name, or linked to by id), as it is called;
    /// `None` with `org_unknown` when the typed name names none.
    pub org: Option<idespor_domain::org::OrgChoice>,
    pub org_unknown: bool,
    /// For a search: each result's text around its first match, marked (safe HTML).
    pub snippets: Vec<String>,
}

pub fn last_page(page: &IdeaPage) -> i64 {
    ((page.total + page.page_size - 1) / page.page_size).max(1)
}

pub async fn list(State(state): State<AppState>, user: PageUser, Query(q): Query<IdeaQuery>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "ideas");
    // The organization is named, not chosen from a list of them all (a hosted community has
    // thousands); a name that names none shows nothing, and says so.
    let org = state.svc.organization_named(&user.actor, &q.organization).await.or_page(&ctx)?;
    let org_unknown = org.is_none() && !q.organization.trim().is_empty();
    let (page, snippets) = if q.q.trim().is_empty() {
        let mut filter = q.filter(&user.actor);
        if q.ours != "1" && !q.organization.trim().is_empty() {
            filter.organization = Some(org.as_ref().map_or(OrgId(0), |o| o.id));
        }
        let page = state.svc.list_ideas(&user.actor, &filter, q.sort(), q.page.unwrap_or(1)).await.or_page(&ctx)?;
        (page, Vec::new())
    } else {
        let page = state.svc.search_ideas(&user.actor, &q.q, q.page.unwrap_or(1)).await.or_page(&ctx)?;
        let stems = idespor_domain::search::query_terms(&q.q);
        let snippets = page
            .ideas
            .iter()
            .map(|i| crate::snippet::snippet(&format!("{} {}", i.need, i.situation), &stems, 30))
            .collect();
        (page, snippets)
    };
    let groups = state.svc.group_choices(&user.actor).await.or_page(&ctx)?;
    let areas = state.svc.product_areas().await.or_page(&ctx)?;
    Ok(render(&IdeasPage {
        last_page: last_page(&page),
        ctx,
        q,
        page,
        statuses: IdeaStatus::ALL.iter().map(|s| s.as_str()).collect(),
        sorts: IdeaSort::ALL.iter().map(|s| s.as_str()).collect(),
        groups,
        areas,
        org,
        org_unknown,
        snippets,
    }))
}

#[derive(Template)]
#[template(path = "similar.html")]
pub struct SimilarFragment {
    pub ctx: Ctx,
    pub ideas: Vec<idespor_domain::idea::Idea>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SimilarQuery {
    pub q: String,
    pub exclude: Option<i64>,
}

/// Similar ideas as an HTML fragment, for the suggestions shown while an idea is written.
pub async fn similar(State(state): State<AppState>, user: PageUser, Query(q): Query<SimilarQuery>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "ideas");
    let text: String = q.q.chars().take(500).collect();
    let ideas = state.svc.similar_ideas(&user.actor, &text, q.exclude.map(IdeaId)).await.or_page(&ctx)?;
    Ok(render(&SimilarFragment { ctx, ideas }))
}

#[derive(Template)]
#[template(path = "idea_form.html")]
pub struct IdeaFormPage {
    pub ctx: Ctx,
    pub title: String,
    pub action: String,
    pub submit: String,
    pub version: i64,
    pub form: IdeaForm,
    pub errors: FieldErrors,
    pub areas: Vec<ProductArea>,
    pub idea_id: i64,
    /// Why the idea could not be saved when it was not the input's fault (a full disk, the
    /// database away); the input stays in the form.
    pub problem: String,
}

async fn form_page(
    state: &AppState,
    ctx: Ctx,
    id: Option<(IdeaId, i64)>,
    form: IdeaForm,
    errors: FieldErrors,
) -> Result<IdeaFormPage, PageError> {
    let areas = state.svc.product_areas().await.or_page(&ctx)?;
    let idea_id = id.map(|(i, _)| i.0).unwrap_or_default();
    let (title, action, submit, version) = match id {
        Some((id, version)) => (ctx.t("idea-edit"), format!("/ideas/{id}/edit"), ctx.t("form-save"), version),
        None => (ctx.t("ideas-new"), "/ideas".to_string(), ctx.t("idea-save-draft"), 0),
    };
    Ok(IdeaFormPage { ctx, title, action, submit, version, form, errors, areas, idea_id, problem: String::new() })
}

/// The form again with the person's input when saving failed for a passing reason (a full disk,
/// the database away): the status of the error, `Retry-After`, and the reason above the form.
async fn form_kept(
    state: &AppState,
    ctx: Ctx,
    id: Option<(IdeaId, i64)>,
    form: IdeaForm,
    error: DomainError,
) -> PageResult {
    let problem = ctx.t(&crate::error::message_key(&error));
    let mut page = form_page(state, ctx, id, form, FieldErrors::new()).await?;
    page.problem = problem;
    Ok(crate::error::with_retry_after(render_with(crate::error::status_of(&error), &page)))
}

pub async fn new_form(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = user.viewer.ctx(&state, "ideas");
    Ok(render(&form_page(&state, ctx, None, IdeaForm::default(), FieldErrors::new()).await?))
}

pub async fn create(State(state): State<AppState>, user: PageUser, Form(form): Form<IdeaForm>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "ideas");
    match state.svc.create_idea(&user.actor, &form).await {
        Ok(idea) => Ok(Redirect::to(&format!("/ideas/{}?notice=draft_saved", idea.id)).into_response()),
        Err(DomainError::Invalid(errors)) => {
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &form_page(&state, ctx, None, form, errors).await?))
        }
        Err(error @ (DomainError::StorageFull(_) | DomainError::Unavailable(_))) => {
            form_kept(&state, ctx, None, form, error).await
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

pub async fn edit_form(State(state): State<AppState>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "ideas");
    let view = state.svc.idea_view(&user.actor, IdeaId(id)).await.or_page(&ctx)?;
    if !view.can_edit {
        return Err(PageError::new(DomainError::Forbidden("only_author"), ctx));
    }
    let form = IdeaForm::from_idea(&view.idea);
    Ok(render(&form_page(&state, ctx, Some((view.idea.id, view.idea.version)), form, FieldErrors::new()).await?))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EditForm {
    #[serde(flatten)]
    pub idea: IdeaForm,
    pub version: i64,
}

pub async fn update(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<EditForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "ideas");
    match state.svc.update_idea(&user.actor, IdeaId(id), form.version, &form.idea).await {
        Ok(_) => Ok(Redirect::to(&format!("/ideas/{id}?notice=saved")).into_response()),
        Err(DomainError::Invalid(errors)) => Ok(render_with(
            StatusCode::UNPROCESSABLE_ENTITY,
            &form_page(&state, ctx, Some((IdeaId(id), form.version)), form.idea, errors).await?,
        )),
        Err(error @ (DomainError::StorageFull(_) | DomainError::Unavailable(_))) => {
            form_kept(&state, ctx, Some((IdeaId(id), form.version)), form.idea, error).await
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

/// One entry of the timeline, with how long the stage before it took.
pub struct TimelineEntry {
    pub event: IdeaEvent,
    pub stage: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "idea.html")]
pub struct IdeaPageTemplate {
    pub ctx: Ctx,
    pub v: IdeaView,
    pub timeline: Vec<TimelineEntry>,
    pub support_summary: String,
    pub standard_reasons: Vec<&'static str>,
    pub errors: FieldErrors,
    pub comment_errors: FieldErrors,
    pub comment_body: String,
    pub edit_comment: i64,
    pub notice: String,
    pub problem: String,
    /// The move whose form had errors; they are shown inside that form.
    pub failed_move: String,
    /// What was typed into that form (reason, review date), kept for the person to correct.
    pub failed_reason: String,
    pub failed_review_date: String,
    /// For an idea still with its author or erfagruppe: ideas like it, to find duplicates.
    pub similar: Vec<idespor_domain::idea::Idea>,
    /// The idea's history as an Atom feed, for the viewer (empty where not offered).
    pub history_feed: String,
}

impl IdeaPageTemplate {
    /// The page of an idea as it is shown first: no notice, no errors, empty forms.
    pub fn new(ctx: Ctx, v: IdeaView, similar: Vec<idespor_domain::idea::Idea>) -> Self {
        let support_summary = crate::i18n::t_args(
            ctx.lang,
            "idea-supported-by",
            &[("orgs", FluentArg::from(v.supporters.len())), ("groups", FluentArg::from(v.supporting_groups))],
        );
        Self {
            timeline: timeline(&ctx, &v.events, v.idea.created_at),
            ctx,
            v,
            support_summary,
            standard_reasons: STANDARD_REASONS.to_vec(),
            errors: FieldErrors::new(),
            comment_errors: FieldErrors::new(),
            comment_body: String::new(),
            edit_comment: 0,
            history_feed: String::new(),
            notice: String::new(),
            problem: String::new(),
            failed_move: String::new(),
            failed_reason: String::new(),
            failed_review_date: String::new(),
            similar,
        }
    }

    /// Today in Copenhagen, for which releases are out.
    /// The label of one of the idea's text fields, as its form names it.
    fn field_label(&self, field: &str) -> String {
        let key = match field {
            "role" => "field-role-at-work",
            "situation" => "field-situation",
            "need" => "field-need",
            "effect" => "field-effect",
            "product_area" => "field-area",
            _ => "field-title",
        };
        self.ctx.t(key)
    }
    /// The changed fields of an edit, named.
    fn changed_labels(&self, edit: &idespor_domain::idea::IdeaEdit) -> String {
        edit.changed.iter().map(|f| self.field_label(f)).collect::<Vec<_>>().join(", ")
    }
    /// What changed between two wordings, word by word: `(kind, text)` with kind `same`,
    /// `removed` or `added`.
    fn diff(&self, before: &str, after: &str) -> Vec<(&'static str, String)> {
        let mut parts: Vec<(&'static str, String)> = Vec::new();
        for change in similar::TextDiff::from_words(before, after).iter_all_changes() {
            let kind = match change.tag() {
                similar::ChangeTag::Equal => "same",
                similar::ChangeTag::Delete => "removed",
                similar::ChangeTag::Insert => "added",
            };
            match parts.last_mut() {
                Some((last, text)) if *last == kind => text.push_str(change.value()),
                _ => parts.push((kind, change.value().to_string())),
            }
        }
        parts
    }
    fn today(&self) -> jiff::civil::Date {
        self.ctx.now.to_zoned_datetime(crate::i18n::copenhagen().clone()).date()
    }
    fn is_current_release(&self, id: &ReleaseId) -> bool {
        self.v.idea.release_id == Some(*id)
    }
    /// The reason typed into the form of `kind` if that move was refused, so nothing is lost.
    fn kept_reason(&self, kind: &str) -> &str {
        if self.failed_move == kind { &self.failed_reason } else { "" }
    }
    fn kept_review_date(&self) -> &str {
        if self.failed_move == "park" { &self.failed_review_date } else { "" }
    }
}

use idespor_domain::idea::journey::STANDARD_DECLINE_REASONS as STANDARD_REASONS;

/// The idea page's timeline: each event with the days since the step before it and its note.
/// (Public for the rendering benchmark, which builds an idea page without a database.)
#[doc(hidden)]
pub fn timeline(ctx: &Ctx, events: &[IdeaEvent], created: jiff::Timestamp) -> Vec<TimelineEntry> {
    let mut previous = created;
    events
        .iter()
        .map(|event| {
            let days = (event.at.as_second() - previous.as_second()).max(0) / 86_400;
            previous = event.at;
            let note = serde_json::from_str::<serde_json::Value>(&event.details)
                .ok()
                .and_then(|d| {
                    if let Some(from) = d.get("merged_from").and_then(|v| v.as_i64()) {
                        Some(ctx.t1("event-merged-from", "id", from))
                    } else if let Some(into) = d.get("into").and_then(|v| v.as_i64()) {
                        Some(ctx.t1("idea-merged-into", "id", into))
                    } else if let Some(release) = d.get("release").and_then(|v| v.as_str()) {
                        Some(ctx.t1("idea-release", "version", release))
                    } else {
                        d.get("rank").and_then(|v| v.as_i64()).map(|rank| ctx.t1("idea-rank", "rank", rank))
                    }
                })
                .unwrap_or_default();
            TimelineEntry { event: event.clone(), stage: ctx.t1("event-stage-days", "days", days), note }
        })
        .collect()
}

async fn idea_page(state: &AppState, user: &PageUser, id: IdeaId) -> Result<IdeaPageTemplate, PageError> {
    let ctx = user.viewer.ctx(state, "ideas");
    let v = state.svc.idea_view(&user.actor, id).await.or_page(&ctx)?;
    let similar = if matches!(v.idea.status, IdeaStatus::Draft | IdeaStatus::Submitted) {
        let text = format!("{} {}", v.idea.title, v.idea.need);
        state.svc.similar_ideas(&user.actor, &text, Some(v.idea.id)).await.or_page(&ctx)?
    } else {
        Vec::new()
    };
    Ok(IdeaPageTemplate::new(ctx, v, similar))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct IdeaPageQuery {
    pub notice: String,
    pub edit_comment: i64,
}

pub async fn show(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Query(q): Query<IdeaPageQuery>,
) -> PageResult {
    let mut page = idea_page(&state, &user, IdeaId(id)).await?;
    page.notice = NoticeQuery { notice: q.notice }.text(&page.ctx);
    page.edit_comment = q.edit_comment;
    // Opened: what the person was told about this idea is read now (and the header says so).
    let seen = state.svc.idea_seen(&user.actor, IdeaId(id)).await.or_page(&page.ctx)?;
    page.ctx.unread = (page.ctx.unread - seen as i64).max(0);
    let token = state.svc.feed_token(&user.actor).await.or_page(&page.ctx)?;
    page.history_feed =
        format!("{}/feeds/{}/{token}/ideas/{id}/history.atom", state.config.base_url, user.actor.user.id);
    Ok(render(&page))
}

pub async fn make_move(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<MoveForm>,
) -> PageResult {
    let result = match form.parts().and_then(|parts| parts.to_move()) {
        Ok(mv) => state.svc.move_idea(&user.actor, IdeaId(id), form.version, mv).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/ideas/{id}?notice=moved")).into_response()),
        // The page again, with the new state and what went wrong.
        Err(DomainError::Invalid(errors)) => {
            let mut page = idea_page(&state, &user, IdeaId(id)).await?;
            page.errors = errors;
            page.failed_move = MoveKind::parse(&form.kind).map(|k| k.as_str().to_string()).unwrap_or_default();
            page.failed_reason = form.reason.clone();
            page.failed_review_date = form.review_date.clone();
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error @ (DomainError::Conflict(_) | DomainError::MoveNotAllowed { .. })) => {
            let mut page = idea_page(&state, &user, IdeaId(id)).await?;
            page.problem = page.ctx.t(&crate::error::message_key(&error));
            Ok(render_with(StatusCode::CONFLICT, &page))
        }
        Err(error) => Err(PageError::new(error, user.viewer.ctx(&state, "ideas"))),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ToggleForm {
    pub support: String,
    pub follow: String,
}

pub async fn support(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<ToggleForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "ideas");
    state.svc.support_idea(&user.actor, IdeaId(id), form.support == "1").await.or_page(&ctx)?;
    Ok(Redirect::to(&format!("/ideas/{id}#support")).into_response())
}

pub async fn follow(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<ToggleForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "ideas");
    state.svc.follow_idea(&user.actor, IdeaId(id), form.follow == "1").await.or_page(&ctx)?;
    Ok(Redirect::to(&format!("/ideas/{id}#support")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CommentForm {
    pub body: String,
}

pub async fn comment(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<CommentForm>,
) -> PageResult {
    match state.svc.add_comment(&user.actor, IdeaId(id), &form.body).await {
        Ok(c) => Ok(Redirect::to(&format!("/ideas/{id}#comment-{}", c.id)).into_response()),
        Err(DomainError::Invalid(errors)) => {
            let mut page = idea_page(&state, &user, IdeaId(id)).await?;
            page.comment_errors = errors;
            page.comment_body = form.body;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(PageError::new(error, user.viewer.ctx(&state, "ideas"))),
    }
}

pub async fn edit_comment(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<CommentForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "ideas");
    let comment = state.svc.edit_comment(&user.actor, CommentId(id), &form.body).await.or_page(&ctx)?;
    Ok(Redirect::to(&format!("/ideas/{}#comment-{}", comment.idea_id, comment.id)).into_response())
}
