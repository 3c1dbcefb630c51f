//! API handlers for meetings (agenda, guests, attendance, minutes), decisions and their
//! presentations, notification preferences and the operators' outbox. The rules are the
//! domain's, exactly as for the pages.

use super::{ApiJson, ApiReader, ApiUser};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use idespor_domain::meeting::{
    AgendaItem, AgendaItemForm, Attendee, Decision, DecisionFilter, DecisionForm, DecisionMoveForm, Meeting,
    MeetingForm, Presentation,
};
use idespor_domain::store::MeetingFilter;
use idespor_domain::{AgendaItemId, DecisionId, GroupId, IdeaId, MeetingId, UserId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingDto {
    pub id: i64,
    pub group_id: i64,
    pub group: String,
    /// erfa, steering, visit or other
    pub kind: String,
    pub title: String,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub online_url: String,
    pub description: String,
    /// Markdown.
    pub minutes: String,
    pub minutes_approved_at: Option<String>,
    pub minutes_approved_by: Option<String>,
    pub cancelled_at: Option<String>,
    /// Send this back when changing the meeting.
    pub version: i64,
}

impl From<&Meeting> for MeetingDto {
    fn from(m: &Meeting) -> Self {
        Self {
            id: m.id.0,
            group_id: m.group_id.0,
            group: m.group_name.clone(),
            kind: m.kind.as_str().into(),
            title: m.title.clone(),
            starts_at: m.starts_at.to_string(),
            ends_at: m.ends_at.to_string(),
            place: m.place.clone(),
            online_url: m.online_url.clone(),
            description: m.description.clone(),
            minutes: m.minutes.clone(),
            minutes_approved_at: m.minutes_approved_at.map(|t| t.to_string()),
            minutes_approved_by: m.minutes_approved_by.clone(),
            cancelled_at: m.cancelled_at.map(|t| t.to_string()),
            version: m.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgendaItemDto {
    pub id: i64,
    pub position: i32,
    pub title: String,
    pub notes: String,
    pub idea_id: Option<i64>,
    pub idea_status: Option<String>,
    /// An information item: a tovholdergruppe decision to present.
    pub decision_id: Option<i64>,
}

impl From<&AgendaItem> for AgendaItemDto {
    fn from(a: &AgendaItem) -> Self {
        Self {
            id: a.id.0,
            position: a.position,
            title: a.title.clone(),
            notes: a.notes.clone(),
            idea_id: a.idea_id.map(|i| i.0),
            idea_status: a.idea_status.map(|s| s.as_str().into()),
            decision_id: a.decision_id.map(|d| d.0),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttendeeDto {
    pub user_id: i64,
    pub name: String,
    pub organization: Option<String>,
    pub guest: bool,
    /// Null until attendance is recorded.
    pub attended: Option<bool>,
}

impl From<&Attendee> for AttendeeDto {
    fn from(a: &Attendee) -> Self {
        Self {
            user_id: a.user_id.0,
            name: a.name.clone(),
            organization: a.org_name.clone(),
            guest: a.guest,
            attended: a.attended,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionIdeaDto {
    pub idea_id: i64,
    pub title: String,
    /// The move the decision made, or null when it only mentions the idea.
    #[serde(rename = "move")]
    pub move_kind: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionDto {
    pub id: i64,
    pub group_id: i64,
    pub group: String,
    pub meeting_id: Option<i64>,
    pub title: String,
    /// Markdown.
    pub body: String,
    pub reason: String,
    pub decided_at: String,
    pub decided_by: Option<String>,
    pub ideas: Vec<DecisionIdeaDto>,
}

impl From<&Decision> for DecisionDto {
    fn from(d: &Decision) -> Self {
        Self {
            id: d.id.0,
            group_id: d.group_id.0,
            group: d.group_name.clone(),
            meeting_id: d.meeting_id.map(|m| m.0),
            title: d.title.clone(),
            body: d.body.clone(),
            reason: d.reason.clone(),
            decided_at: d.decided_at.to_string(),
            decided_by: d.decided_by.as_ref().map(|p| p.name.clone()),
            ideas: d
                .ideas
                .iter()
                .map(|i| DecisionIdeaDto {
                    idea_id: i.idea_id.0,
                    title: i.title.clone(),
                    move_kind: i.move_kind.map(|k| k.as_str().into()),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PresentationDto {
    pub decision_id: i64,
    pub group_id: i64,
    pub group: String,
    /// Null while the erfagruppe has not presented it.
    pub presented_at: Option<String>,
    pub presented_by: Option<String>,
    pub meeting_id: Option<i64>,
}

impl From<&Presentation> for PresentationDto {
    fn from(p: &Presentation) -> Self {
        Self {
            decision_id: p.decision_id.0,
            group_id: p.group_id.0,
            group: p.group_name.clone(),
            presented_at: p.presented_at.map(|t| t.to_string()),
            presented_by: p.presented_by.clone(),
            meeting_id: p.meeting_id.map(|m| m.0),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingDetailDto {
    pub meeting: MeetingDto,
    pub agenda: Vec<AgendaItemDto>,
    pub attendees: Vec<AttendeeDto>,
    pub decisions: Vec<DecisionDto>,
    /// Whether the caller may change the meeting and record decisions.
    pub may_manage: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionDetailDto {
    pub decision: DecisionDto,
    /// For a tovholdergruppe decision: where it stands in each erfagruppe.
    pub presentations: Vec<PresentationDto>,
    /// The prioritization round whose result the decision published (`GET /api/v1/rounds/{id}`
    /// tells how it was counted), or null.
    pub round_id: Option<i64>,
}

/// A meeting as sent: local date and times in Europe/Copenhagen.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct MeetingBody {
    /// erfa, steering, visit or other
    #[schema(required = true)]
    pub kind: String,
    #[schema(required = true)]
    pub title: String,
    /// YYYY-MM-DD
    #[schema(required = true)]
    pub date: String,
    /// HH:MM (or HH.MM)
    #[schema(required = true)]
    pub start_time: String,
    #[schema(required = true)]
    pub end_time: String,
    /// Only for meetings ending on another day.
    pub end_date: String,
    pub place: String,
    pub online_url: String,
    pub description: String,
    /// When changing: the version read.
    pub version: Option<i64>,
}

impl MeetingBody {
    fn form(self) -> MeetingForm {
        MeetingForm {
            kind: self.kind,
            title: self.title,
            date: self.date,
            start_time: self.start_time,
            end_time: self.end_time,
            end_date: self.end_date,
            place: self.place,
            online_url: self.online_url,
            description: self.description,
            version: self.version,
        }
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct MeetingsQuery {
    pub group: Option<i64>,
    /// Only meetings I am invited to.
    pub mine: bool,
    /// Only upcoming (not yet ended) meetings; otherwise past ones, newest first.
    pub upcoming: Option<bool>,
}

/// Meetings, upcoming or past, of a group or of mine.
#[utoipa::path(get, path = "/api/v1/meetings", tag = "meetings", params(MeetingsQuery),
    responses((status = 200, body = [MeetingDto])))]
pub async fn list_meetings(
    State(state): State<AppState>,
    user: ApiUser,
    Query(q): Query<MeetingsQuery>,
) -> ApiResult<Json<Vec<MeetingDto>>> {
    let now = state.svc.now();
    let upcoming = q.upcoming.unwrap_or(true);
    let filter = MeetingFilter {
        group: q.group.map(GroupId),
        invited: q.mine.then_some(user.actor.user.id),
        ends_after: upcoming.then_some(now),
        starts_before: (!upcoming).then_some(now),
        newest_first: !upcoming,
        include_cancelled: true,
        limit: 200,
    };
    Ok(Json(state.svc.meetings(&filter).await?.iter().map(MeetingDto::from).collect()))
}

/// Plans a meeting of a group (its coordinators; in the tovholdergruppe every member).
#[utoipa::path(post, path = "/api/v1/groups/{id}/meetings", tag = "meetings", params(("id" = i64, Path)),
    request_body = MeetingBody,
    responses((status = 201, body = MeetingDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_meeting(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<MeetingBody>,
) -> ApiResult<(StatusCode, Json<MeetingDto>)> {
    let m = state.svc.plan_meeting(&user.actor, GroupId(id), &body.form()).await?;
    Ok((StatusCode::CREATED, Json(MeetingDto::from(&m))))
}

/// One meeting with its agenda, attendees and decisions.
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, body = MeetingDetailDto), (status = 404, body = ErrorBody)))]
pub async fn get_meeting(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult<Json<MeetingDetailDto>> {
    let v = state.svc.meeting_view(&user.actor, MeetingId(id)).await?;
    Ok(Json(MeetingDetailDto {
        meeting: MeetingDto::from(&v.meeting),
        agenda: v.agenda.iter().map(AgendaItemDto::from).collect(),
        attendees: v.attendees.iter().map(AttendeeDto::from).collect(),
        decisions: v.decisions.iter().map(DecisionDto::from).collect(),
        may_manage: v.may_manage,
    }))
}

/// Changes a meeting; `version` must be the version read (409 `stale_version` otherwise).
#[utoipa::path(put, path = "/api/v1/meetings/{id}", tag = "meetings", params(("id" = i64, Path)),
    request_body = MeetingBody,
    responses((status = 200, body = MeetingDto), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_meeting(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<MeetingBody>,
) -> ApiResult<Json<MeetingDto>> {
    Ok(Json(MeetingDto::from(&state.svc.update_meeting(&user.actor, MeetingId(id), &body.form()).await?)))
}

/// A cancelled meeting, and where the decisions it was to present went.
#[derive(Debug, Serialize, ToSchema)]
pub struct CancelledMeetingDto {
    #[serde(flatten)]
    pub meeting: MeetingDto,
    /// How many tovholdergruppe decisions moved to the group's next meeting.
    pub carried_decisions: usize,
    /// That next meeting (absent when nothing moved).
    pub carried_to_meeting_id: Option<i64>,
}

/// Cancels a meeting; the invited are told. The tovholdergruppe decisions it was to present,
/// and that the group has not presented, move to the group's next meeting.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/cancel", tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, body = CancelledMeetingDto), (status = 409, body = ErrorBody)))]
pub async fn cancel_meeting(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult<Json<CancelledMeetingDto>> {
    let cancelled = state.svc.cancel_meeting(&user.actor, MeetingId(id)).await?;
    Ok(Json(CancelledMeetingDto {
        meeting: MeetingDto::from(&cancelled.meeting),
        carried_decisions: cancelled.carried,
        carried_to_meeting_id: cancelled.carried_to.map(|m| m.id.0),
    }))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AgendaItemBody {
    pub title: String,
    pub notes: String,
    /// An idea the item is about; its title is used when `title` is empty.
    pub idea_id: Option<i64>,
    /// A tovholdergruppe decision the (erfa)group has yet to present; its title is used when
    /// `title` is empty.
    pub decision_id: Option<i64>,
}

/// Adds an item to the end of the agenda.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/agenda", tag = "meetings", params(("id" = i64, Path)),
    request_body = AgendaItemBody,
    responses((status = 201, body = AgendaItemDto), (status = 422, body = ErrorBody)))]
pub async fn add_agenda_item(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<AgendaItemBody>,
) -> ApiResult<(StatusCode, Json<AgendaItemDto>)> {
    let form = AgendaItemForm {
        title: body.title,
        notes: body.notes,
        idea_id: body.idea_id.map(|i| i.to_string()).unwrap_or_default(),
        decision_id: body.decision_id.map(|i| i.to_string()).unwrap_or_default(),
    };
    let item = state.svc.add_agenda_item(&user.actor, MeetingId(id), &form).await?;
    Ok((StatusCode::CREATED, Json(AgendaItemDto::from(&item))))
}

/// Removes an item from the agenda.
#[utoipa::path(delete, path = "/api/v1/meetings/{id}/agenda/{item}", tag = "meetings",
    params(("id" = i64, Path), ("item" = i64, Path)), responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn remove_agenda_item(
    State(state): State<AppState>,
    user: ApiUser,
    Path((id, item)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    state.svc.remove_agenda_item(&user.actor, MeetingId(id), AgendaItemId(item)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct GuestBody {
    #[schema(required = true)]
    pub email: String,
}

/// Invites a guest from outside the group, by e-mail.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/guests", tag = "meetings", params(("id" = i64, Path)),
    request_body = GuestBody, responses((status = 204), (status = 422, body = ErrorBody)))]
pub async fn invite_guest(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<GuestBody>,
) -> ApiResult<StatusCode> {
    state.svc.invite_guest(&user.actor, MeetingId(id), &body.email).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AttendanceBody {
    /// The ids of those who attended; every other invited person did not.
    pub attended: Vec<i64>,
}

/// Records who attended.
#[utoipa::path(put, path = "/api/v1/meetings/{id}/attendance", tag = "meetings", params(("id" = i64, Path)),
    request_body = AttendanceBody, responses((status = 204), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn record_attendance(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<AttendanceBody>,
) -> ApiResult<StatusCode> {
    let attended: Vec<UserId> = body.attended.into_iter().map(UserId).collect();
    state.svc.record_attendance(&user.actor, MeetingId(id), &attended).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct MinutesBody {
    /// Markdown.
    pub minutes: String,
    /// Approve them as well.
    pub approve: bool,
}

/// Writes (and approves) the minutes.
#[utoipa::path(put, path = "/api/v1/meetings/{id}/minutes", tag = "meetings", params(("id" = i64, Path)),
    request_body = MinutesBody, responses((status = 200, body = MeetingDto), (status = 422, body = ErrorBody)))]
pub async fn save_minutes(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<MinutesBody>,
) -> ApiResult<Json<MeetingDto>> {
    let m = state.svc.save_minutes(&user.actor, MeetingId(id), &body.minutes, body.approve).await?;
    Ok(Json(MeetingDto::from(&m)))
}

#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct DecisionMoveBody {
    #[schema(required = true)]
    pub idea_id: i64,
    /// forward, solve_by_configuration, decline, merge, prioritize, park, send_to_product,
    /// ask_for_information, accept or start; empty or `mention` to name the idea without moving it.
    #[serde(rename = "move")]
    pub move_kind: String,
    /// For prioritize.
    pub rank: Option<i32>,
    /// For merge: the idea it is merged into.
    pub into: Option<i64>,
    /// For park: when to look at it again (YYYY-MM-DD); the decision's reason is the park's reason.
    pub review_date: Option<String>,
    /// The idea's version read (409 `stale_version` if it moved meanwhile).
    pub version: Option<i64>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct DecisionBody {
    #[schema(required = true)]
    pub title: String,
    /// Markdown.
    #[schema(required = true)]
    pub body: String,
    /// Also the reason each move records (a decline's reason, a solution, a question).
    pub reason: String,
    pub meeting_id: Option<i64>,
    pub ideas: Vec<DecisionMoveBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedDto {
    pub id: i64,
}

/// Records a group's decision; its moves go through the idea journey's rules, all or nothing.
/// A tovholdergruppe decision is published to every erfagruppe.
#[utoipa::path(post, path = "/api/v1/groups/{id}/decisions", tag = "decisions", params(("id" = i64, Path)),
    request_body = DecisionBody,
    responses((status = 201, body = CreatedDto), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn record_decision(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<DecisionBody>,
) -> ApiResult<(StatusCode, Json<CreatedDto>)> {
    let form = DecisionForm {
        title: body.title,
        body: body.body,
        reason: body.reason,
        meeting_id: body.meeting_id,
        moves: body
            .ideas
            .into_iter()
            .map(|m| DecisionMoveForm {
                idea_id: m.idea_id,
                move_kind: m.move_kind,
                rank: m.rank,
                into: m.into,
                review_date: m.review_date,
                version: m.version,
            })
            .collect(),
    };
    let decision = state.svc.record_decision(&user.actor, GroupId(id), &form).await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id: decision.0 })))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct DecisionsQuery {
    /// Decisions of this group.
    pub group: Option<i64>,
    /// A group's decision feed: its own decisions and those of the tovholdergruppe published to it.
    pub feed_of: Option<i64>,
    /// erfa, steering or product
    pub kind: Option<String>,
    /// Decisions concerning this idea.
    pub idea: Option<i64>,
    pub limit: Option<i64>,
}

/// The decision log, newest first.
#[utoipa::path(get, path = "/api/v1/decisions", security((), ("bearer" = [])), tag = "decisions", params(DecisionsQuery),
    responses((status = 200, body = [DecisionDto])))]
pub async fn list_decisions(
    State(state): State<AppState>,
    reader: ApiReader,
    Query(q): Query<DecisionsQuery>,
) -> ApiResult<Json<Vec<DecisionDto>>> {
    let filter = DecisionFilter {
        group: q.group.map(GroupId),
        feed_of: q.feed_of.map(GroupId),
        group_kind: q.kind.as_deref().and_then(idespor_domain::group::GroupKind::parse),
        idea: q.idea.map(IdeaId),
        meeting: None,
        limit: q.limit,
        titles_only: false,
    };
    Ok(Json(state.svc.decisions_for(reader.reader(), &filter).await?.iter().map(DecisionDto::from).collect()))
}

/// One decision, with where it stands in each erfagruppe.
#[utoipa::path(get, path = "/api/v1/decisions/{id}", security((), ("bearer" = [])), tag = "decisions", params(("id" = i64, Path)),
    responses((status = 200, body = DecisionDetailDto), (status = 404, body = ErrorBody)))]
pub async fn get_decision(
    State(state): State<AppState>,
    reader: ApiReader,
    Path(id): Path<i64>,
) -> ApiResult<Json<DecisionDetailDto>> {
    let (d, p) = state.svc.decision_for(reader.reader(), DecisionId(id)).await?;
    let round = state.svc.published_round(d.id).await?;
    Ok(Json(DecisionDetailDto {
        decision: DecisionDto::from(&d),
        presentations: p.iter().map(PresentationDto::from).collect(),
        round_id: round.map(|r| r.id.0),
    }))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct PresentedBody {
    #[schema(required = true)]
    pub group_id: i64,
    pub meeting_id: Option<i64>,
}

/// An erfagruppe's coordinator marks a tovholdergruppe decision presented.
#[utoipa::path(post, path = "/api/v1/decisions/{id}/presentations", tag = "decisions", params(("id" = i64, Path)),
    request_body = PresentedBody,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn mark_presented(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<PresentedBody>,
) -> ApiResult<StatusCode> {
    state
        .svc
        .mark_presented(&user.actor, DecisionId(id), GroupId(body.group_id), body.meeting_id.map(MeetingId))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaOutcomeDto {
    pub idea_id: i64,
    pub title: String,
    pub status: String,
    /// The solution, or the reason for a decline or park (the decider's own words).
    pub resolution: String,
    /// A standard decline reason: legislation, conflicts or existing.
    pub resolution_code: Option<String>,
    pub status_changed_at: String,
    pub release: Option<String>,
    pub merged_into: Option<i64>,
    /// The decision that made the latest move.
    pub decision_id: Option<i64>,
    pub decision_title: Option<String>,
    /// erfa, steering or product: the level that made the latest move.
    pub decided_by_level: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomeGroupDto {
    /// delivered, on_the_way, solved_by_configuration, under_consideration, with_the_group,
    /// parked, declined, merged or withdrawn
    pub outcome: String,
    pub ideas: Vec<IdeaOutcomeDto>,
}

/// "Hvad blev der af…?": what became of every idea the erfagruppe sent, by outcome.
#[utoipa::path(get, path = "/api/v1/groups/{id}/outcomes", tag = "decisions", params(("id" = i64, Path)),
    responses((status = 200, body = [OutcomeGroupDto]), (status = 404, body = ErrorBody)))]
pub async fn outcomes(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult<Json<Vec<OutcomeGroupDto>>> {
    let (_, groups) = state.svc.group_outcomes(&user.actor, GroupId(id)).await?;
    Ok(Json(
        groups
            .into_iter()
            .map(|(outcome, ideas)| OutcomeGroupDto {
                outcome: outcome.as_str().into(),
                ideas: ideas
                    .into_iter()
                    .map(|i| IdeaOutcomeDto {
                        idea_id: i.idea_id.0,
                        title: i.title,
                        status: i.status.as_str().into(),
                        resolution: i.resolution,
                        resolution_code: i.resolution_code,
                        status_changed_at: i.status_changed_at.to_string(),
                        release: i.release,
                        merged_into: i.merged_into.map(|m| m.0),
                        decision_id: i.decision_id.map(|d| d.0),
                        decision_title: i.decision_title,
                        decided_by_level: i.decided_by_level.map(|l| l.as_str().into()),
                    })
                    .collect(),
            })
            .collect(),
    ))
}
