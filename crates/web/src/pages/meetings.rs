//! Meetings and decisions in the browser: plan a meeting and build its agenda, invite guests,
//! record attendance and minutes, record decisions that move ideas, and follow a tovholdergruppe
//! decision until every erfagruppe has presented it.

use crate::ctx::{Ctx, PageReader, PageUser};
use crate::error::{OrPage, PageError, PageResult, render, render_with};
use crate::pages::NoticeQuery;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use idespor_domain::group::{Group, GroupKind};
use idespor_domain::meeting::{
    AgendaItemForm, Decision, DecisionFilter, DecisionForm, DecisionMoveForm, MeetingForm, MeetingKind, Presentation,
};
use idespor_domain::service::{GroupMeetings, MeetingView, Services};
use idespor_domain::{AgendaItemId, DecisionId, DomainError, FieldErrors, GroupId, MeetingId, UserId};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "meeting_form.html")]
pub struct MeetingFormPage {
    pub ctx: Ctx,
    pub group: Group,
    pub heading: String,
    pub action: String,
    pub form: MeetingForm,
    pub kinds: Vec<MeetingKind>,
    pub errors: FieldErrors,
}

pub async fn new_meeting(State(state): State<AppState>, user: PageUser, Path(group): Path<i64>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "meetings");
    let group = state
        .svc
        .find_group(GroupId(group))
        .await
        .or_page(&ctx)?
        .ok_or_else(|| PageError::new(DomainError::NotFound("group"), ctx.clone()))?;
    if !state.svc.may_manage_group(&user.actor, &group).await.or_page(&ctx)? {
        return Err(PageError::new(DomainError::Forbidden("only_group_coordinator"), ctx));
    }
    let kinds = Services::meeting_kinds(&group);
    let form = MeetingForm { kind: kinds[0].as_str().into(), ..Default::default() };
    Ok(render(&MeetingFormPage {
        heading: ctx.t("meeting-new"),
        action: format!("/groups/{}/meetings", group.id),
        ctx,
        group,
        form,
        kinds,
        errors: FieldErrors::new(),
    }))
}

pub async fn create_meeting(
    State(state): State<AppState>,
    user: PageUser,
    Path(group_id): Path<i64>,
    Form(form): Form<MeetingForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "meetings");
    match state.svc.plan_meeting(&user.actor, GroupId(group_id), &form).await {
        Ok(m) => Ok(Redirect::to(&format!("/meetings/{}", m.id)).into_response()),
        Err(DomainError::Invalid(errors)) => {
            let group = state
                .svc
                .find_group(GroupId(group_id))
                .await
                .or_page(&ctx)?
                .ok_or_else(|| PageError::new(DomainError::NotFound("group"), ctx.clone()))?;
            let kinds = Services::meeting_kinds(&group);
            Ok(render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &MeetingFormPage {
                    heading: ctx.t("meeting-new"),
                    action: format!("/groups/{group_id}/meetings"),
                    ctx,
                    group,
                    form,
                    kinds,
                    errors,
                },
            ))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

pub async fn edit_meeting(State(state): State<AppState>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "meetings");
    let view = state.svc.meeting_view(&user.actor, MeetingId(id)).await.or_page(&ctx)?;
    if !view.may_manage {
        return Err(PageError::new(DomainError::Forbidden("only_group_coordinator"), ctx));
    }
    let group = group_of(&state, &ctx, view.meeting.group_id).await?;
    Ok(render(&MeetingFormPage {
        heading: ctx.t("meeting-edit"),
        action: format!("/meetings/{id}/edit"),
        kinds: Services::meeting_kinds(&group),
        form: MeetingForm::from_meeting(&view.meeting),
        ctx,
        group,
        errors: FieldErrors::new(),
    }))
}

async fn group_of(state: &AppState, ctx: &Ctx, id: GroupId) -> Result<Group, PageError> {
    state
        .svc
        .find_group(id)
        .await
        .or_page(ctx)?
        .ok_or_else(|| PageError::new(DomainError::NotFound("group"), ctx.clone()))
}

pub async fn update_meeting(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<MeetingForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "meetings");
    match state.svc.update_meeting(&user.actor, MeetingId(id), &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/meetings/{id}?notice=saved")).into_response()),
        Err(DomainError::Invalid(errors)) => {
            let meeting = state.svc.meeting(MeetingId(id)).await.or_page(&ctx)?;
            let group = group_of(&state, &ctx, meeting.group_id).await?;
            Ok(render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &MeetingFormPage {
                    heading: ctx.t("meeting-edit"),
                    action: format!("/meetings/{id}/edit"),
                    kinds: Services::meeting_kinds(&group),
                    ctx,
                    group,
                    form,
                    errors,
                },
            ))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

pub async fn cancel_meeting(State(state): State<AppState>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "meetings");
    let cancelled = state.svc.cancel_meeting(&user.actor, MeetingId(id)).await.or_page(&ctx)?;
    let notice = match (&cancelled.carried_to, cancelled.unmoved) {
        (Some(_), _) => "cancelled_carried",
        (None, 0) => "cancelled",
        (None, _) => "cancelled_waiting",
    };
    Ok(Redirect::to(&format!("/meetings/{id}?notice={notice}")).into_response())
}

/// The forms on a meeting's page, with what was typed and its errors.
#[derive(Default)]
pub struct MeetingForms {
    pub agenda: AgendaItemForm,
    pub agenda_errors: FieldErrors,
    pub guest: String,
    pub guest_errors: FieldErrors,
    pub minutes: Option<String>,
    pub minutes_errors: FieldErrors,
    pub decision: DecisionForm,
    pub decision_errors: FieldErrors,
    /// A decision refused as a whole (e.g. a move its group may not make), in words.
    pub decision_refused: Option<String>,
}

#[derive(Template)]
#[template(path = "meeting.html")]
pub struct MeetingPage {
    pub ctx: Ctx,
    pub v: MeetingView,
    pub f: MeetingForms,
    pub notice: Option<String>,
}

impl MeetingPage {
    fn minutes_text(&self) -> &str {
        self.f.minutes.as_deref().unwrap_or(&self.v.meeting.minutes)
    }
    /// What was chosen for an idea in a decision form that came back with errors.
    fn chosen(&self, idea: &i64) -> Option<&DecisionMoveForm> {
        self.f.decision.moves.iter().find(|m| m.idea_id == *idea)
    }
    fn chosen_move(&self, idea: &i64) -> String {
        self.chosen(idea).map(|m| m.move_kind.clone()).unwrap_or_default()
    }
    fn chosen_rank(&self, idea: &i64) -> String {
        self.chosen(idea).and_then(|m| m.rank).map(|r| r.to_string()).unwrap_or_default()
    }
    fn offers(&self, allowed: &[idespor_domain::idea::MoveKind], kind: &str) -> bool {
        allowed.iter().any(|k| k.as_str() == kind)
    }
    fn chosen_into(&self, idea: &i64) -> String {
        self.chosen(idea).and_then(|m| m.into).map(|r| r.to_string()).unwrap_or_default()
    }
    fn chosen_review(&self, idea: &i64) -> String {
        self.chosen(idea).and_then(|m| m.review_date.clone()).unwrap_or_default()
    }
    /// The ideas named by number beyond the group's own, as typed.
    fn mentioned_others(&self) -> String {
        let offered: Vec<i64> = self.v.waiting_ideas.iter().map(|i| i.id.0).collect();
        self.f
            .decision
            .moves
            .iter()
            .filter(|m| !offered.contains(&m.idea_id))
            .map(|m| m.idea_id.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn presentation(&self, decision: &DecisionId) -> Option<&Presentation> {
        self.v.presentations.iter().find(|p| p.decision_id == *decision)
    }
    fn is_erfa(&self) -> bool {
        self.v.meeting.group_kind == GroupKind::Erfa
    }
}

async fn meeting_page(
    state: &AppState,
    user: &PageUser,
    id: MeetingId,
    f: MeetingForms,
    notice: Option<String>,
) -> Result<MeetingPage, PageError> {
    let ctx = user.viewer.ctx(state, "meetings");
    let v = state.svc.meeting_view(&user.actor, id).await.or_page(&ctx)?;
    let notice = notice.and_then(|n| crate::pages::notice_text(&ctx, &n));
    Ok(MeetingPage { ctx, v, f, notice })
}

pub async fn meeting(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    Ok(render(&meeting_page(&state, &user, MeetingId(id), MeetingForms::default(), Some(q.notice)).await?))
}

fn back(id: i64, anchor: &str) -> axum::response::Response {
    Redirect::to(&format!("/meetings/{id}#{anchor}")).into_response()
}

pub async fn add_agenda_item(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<AgendaItemForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "meetings");
    match state.svc.add_agenda_item(&user.actor, MeetingId(id), &form).await {
        Ok(_) => Ok(back(id, "agenda")),
        Err(DomainError::Invalid(errors)) => {
            let f = MeetingForms { agenda: form, agenda_errors: errors, ..Default::default() };
            Ok(render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &meeting_page(&state, &user, MeetingId(id), f, None).await?,
            ))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AgendaActionForm {
    /// `up`, `down` or `remove`.
    pub action: String,
}

pub async fn agenda_item_action(
    State(state): State<AppState>,
    user: PageUser,
    Path((id, item)): Path<(i64, i64)>,
    Form(form): Form<AgendaActionForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "meetings");
    let (meeting, item) = (MeetingId(id), AgendaItemId(item));
    match form.action.as_str() {
        "up" | "down" => state.svc.move_agenda_item(&user.actor, meeting, item, form.action == "up").await,
        "remove" => state.svc.remove_agenda_item(&user.actor, meeting, item).await,
        _ => Err(DomainError::invalid("action", "action_unknown")),
    }
    .or_page(&ctx)?;
    Ok(back(id, "agenda"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GuestForm {
    pub email: String,
}

pub async fn invite_guest(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<GuestForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "meetings");
    match state.svc.invite_guest(&user.actor, MeetingId(id), &form.email).await {
        Ok(()) => Ok(back(id, "attendees")),
        Err(DomainError::Invalid(errors)) => {
            let f = MeetingForms { guest: form.email, guest_errors: errors, ..Default::default() };
            Ok(render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &meeting_page(&state, &user, MeetingId(id), f, None).await?,
            ))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

/// Attendance comes as `attended=<user id>` once per ticked person.
pub async fn record_attendance(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "meetings");
    let attended: Vec<UserId> =
        pairs.iter().filter(|(k, _)| k == "attended").filter_map(|(_, v)| v.parse().ok().map(UserId)).collect();
    state.svc.record_attendance(&user.actor, MeetingId(id), &attended).await.or_page(&ctx)?;
    Ok(back(id, "attendees"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MinutesForm {
    pub minutes: String,
    /// `approve` to approve as well as save.
    pub action: String,
}

pub async fn save_minutes(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<MinutesForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "meetings");
    match state.svc.save_minutes(&user.actor, MeetingId(id), &form.minutes, form.action == "approve").await {
        Ok(_) => Ok(back(id, "minutes")),
        Err(DomainError::Invalid(errors)) => {
            let f = MeetingForms { minutes: Some(form.minutes), minutes_errors: errors, ..Default::default() };
            Ok(render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &meeting_page(&state, &user, MeetingId(id), f, None).await?,
            ))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

/// The decision form: title, body, reason, and per offered idea `move_<id>` (a move, `mention` or
/// empty), `rank_<id>`, `into_<id>`, `review_<id>` and `version_<id>`; `mention_other` names
/// further ideas by number.
fn decision_from_pairs(pairs: &[(String, String)], meeting: Option<i64>) -> DecisionForm {
    let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
    let given = |key: String| Some(get(&key).trim().to_string()).filter(|v| !v.is_empty());
    let mut moves = Vec::new();
    for (key, value) in pairs {
        if let Some(idea) = key.strip_prefix("move_").and_then(|i| i.parse::<i64>().ok()) {
            if value.is_empty() {
                continue;
            }
            moves.push(DecisionMoveForm {
                idea_id: idea,
                move_kind: value.clone(),
                rank: get(&format!("rank_{idea}")).trim().parse().ok(),
                into: given(format!("into_{idea}")).map(|v| v.trim_start_matches('#').parse().unwrap_or(0)),
                review_date: given(format!("review_{idea}")),
                version: get(&format!("version_{idea}")).parse().ok(),
            });
        }
    }
    for number in get("mention_other").split([',', ' ', ';']).map(|n| n.trim().trim_start_matches('#')) {
        if number.is_empty() {
            continue;
        }
        // A number that is not one is told as an unknown idea, like one that does not exist.
        moves.push(DecisionMoveForm {
            idea_id: number.parse().unwrap_or(0),
            move_kind: idespor_domain::meeting::MENTION.into(),
            ..Default::default()
        });
    }
    DecisionForm { title: get("title"), body: get("body"), reason: get("reason"), meeting_id: meeting, moves }
}

pub async fn record_decision(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "meetings");
    let meeting = state.svc.meeting(MeetingId(id)).await.or_page(&ctx)?;
    let form = decision_from_pairs(&pairs, Some(id));
    match state.svc.record_decision(&user.actor, meeting.group_id, &form).await {
        Ok(d) => Ok(Redirect::to(&format!("/decisions/{d}?notice=decided")).into_response()),
        Err(error @ (DomainError::Invalid(_) | DomainError::Conflict(_) | DomainError::MoveNotAllowed { .. })) => {
            let (errors, refused) = match error {
                DomainError::Invalid(errors) => (errors, None),
                other => (FieldErrors::new(), Some(ctx.t(&format!("err-{}", other.code())))),
            };
            let f = MeetingForms {
                decision: form,
                decision_errors: errors,
                decision_refused: refused,
                ..Default::default()
            };
            let status =
                if f.decision_refused.is_some() { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
            Ok(render_with(status, &meeting_page(&state, &user, MeetingId(id), f, None).await?))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

#[derive(Template)]
#[template(path = "decision.html")]
pub struct DecisionPage {
    pub ctx: Ctx,
    pub d: Decision,
    pub presentations: Vec<Presentation>,
    /// Erfagrupper the viewer may mark it presented for.
    pub may_present: Vec<GroupId>,
    /// The prioritization round whose result the decision published, if it did.
    pub round: Option<idespor_domain::round::PublishedRound>,
    pub notice: Option<String>,
}

/// A decision, for members and (when an administrator opened the decision log) visitors.
pub async fn decision(
    State(state): State<AppState>,
    reader: PageReader,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let ctx = reader.viewer.ctx(&state, "decisions");
    let (d, presentations) = reader.or_sign_in(state.svc.decision_for(reader.reader(), DecisionId(id)).await, &ctx)?;
    let may_present = match &reader.actor {
        Some(actor) => state.svc.may_present(actor, &presentations).await.or_page(&ctx)?,
        None => Vec::new(),
    };
    let round = state.svc.published_round(d.id).await.or_page(&ctx)?;
    let notice = crate::pages::notice_text(&ctx, &q.notice);
    Ok(render(&DecisionPage { ctx, d, presentations, may_present, round, notice }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PresentedForm {
    pub group_id: i64,
    pub meeting_id: Option<i64>,
    /// Where to go back to: `meeting` or the decision.
    pub back: String,
}

pub async fn mark_presented(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<PresentedForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "decisions");
    let meeting = form.meeting_id.map(MeetingId);
    state.svc.mark_presented(&user.actor, DecisionId(id), GroupId(form.group_id), meeting).await.or_page(&ctx)?;
    match (form.back.as_str(), meeting) {
        ("meeting", Some(m)) => Ok(back(m.0, "agenda")),
        _ => Ok(Redirect::to(&format!("/decisions/{id}?notice=presented")).into_response()),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionsQuery {
    pub group: Option<i64>,
    pub kind: String,
}

impl DecisionsPage {
    fn is_group(&self, id: &i64) -> bool {
        self.group == Some(*id)
    }
}

#[derive(Template)]
#[template(path = "decisions.html")]
pub struct DecisionsPage {
    pub ctx: Ctx,
    pub list: Vec<Decision>,
    pub groups: Vec<idespor_domain::group::Group>,
    pub group: Option<i64>,
    pub kind: String,
}

/// The community's decision log, filterable by group and by group kind.
pub async fn decisions(
    State(state): State<AppState>,
    reader: PageReader,
    Query(q): Query<DecisionsQuery>,
) -> PageResult {
    let ctx = reader.viewer.ctx(&state, "decisions");
    let filter = DecisionFilter {
        group: q.group.filter(|g| *g > 0).map(GroupId),
        group_kind: GroupKind::parse(&q.kind),
        limit: Some(200),
        titles_only: true,
        ..Default::default()
    };
    let list = reader.or_sign_in(state.svc.decisions_for(reader.reader(), &filter).await, &ctx)?;
    let groups = state.svc.decision_groups(reader.reader()).await.or_page(&ctx)?;
    Ok(render(&DecisionsPage { ctx, list, groups, group: q.group, kind: q.kind }))
}

#[derive(Template)]
#[template(path = "meetings.html")]
pub struct MeetingsPage {
    pub ctx: Ctx,
    pub upcoming: Vec<idespor_domain::meeting::Meeting>,
    pub past: Vec<idespor_domain::meeting::Meeting>,
    pub feed_url: String,
}

/// My meetings: upcoming and recent, with my calendar link.
pub async fn my_meetings(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = user.viewer.ctx(&state, "meetings");
    let upcoming = state.svc.my_meetings(&user.actor, true).await.or_page(&ctx)?;
    let past = state.svc.my_meetings(&user.actor, false).await.or_page(&ctx)?;
    let token = state.svc.feed_token(&user.actor).await.or_page(&ctx)?;
    let feed_url = format!("{}/feeds/{}/{token}/meetings.ics", state.config.base_url, user.actor.user.id);
    Ok(render(&MeetingsPage { ctx, upcoming, past, feed_url }))
}

/// A group's meetings and decisions, shown on its page.
pub async fn group_meetings(
    state: &AppState,
    user: &PageUser,
    ctx: &Ctx,
    group: GroupId,
) -> Result<GroupMeetings, PageError> {
    state.svc.group_meetings(&user.actor, group).await.or_page(ctx)
}

#[derive(Template)]
#[template(path = "outcomes.html")]
pub struct OutcomesPage {
    pub ctx: Ctx,
    pub group: Group,
    pub outcomes: Vec<(idespor_domain::outcome::Outcome, Vec<idespor_domain::outcome::IdeaOutcome>)>,
    pub total: usize,
}

/// "Hvad blev der af…?": every idea the erfagruppe sent, by outcome, with decision and reason.
pub async fn outcomes(State(state): State<AppState>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "groups");
    let (group, outcomes) = state.svc.group_outcomes(&user.actor, GroupId(id)).await.or_page(&ctx)?;
    let total = outcomes.iter().map(|(_, l)| l.len()).sum();
    Ok(render(&OutcomesPage { ctx, group, outcomes, total }))
}
