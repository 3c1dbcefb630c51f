//! API handlers for ideas, their moves, support, following and comments; releases and
//! product areas. The rules are the domain's, exactly as for the pages.

use super::{ApiJson, ApiUser};
use crate::error::{ApiError, ErrorBody};
use crate::pages::ideas::IdeaQuery;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use idespor_domain::idea::{Comment, Idea, IdeaEvent, IdeaForm, IdeaPage, MoveParts};
use idespor_domain::{CommentId, DomainError, GroupId, IdeaId, ReleaseId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaDto {
    pub id: i64,
    pub title: String,
    pub role: String,
    pub situation: String,
    pub need: String,
    pub effect: String,
    pub product_area_id: i64,
    pub product_area: String,
    pub author: String,
    pub author_organization: Option<String>,
    pub erfa_group_id: Option<i64>,
    pub erfa_group: Option<String>,
    /// draft, submitted, forwarded, prioritized, in_assessment, needs_information, accepted, planned,
    /// in_development, delivered, solved_by_configuration, declined, merged, parked, withdrawn
    pub status: String,
    pub holder_group_id: Option<i64>,
    pub holder_group: Option<String>,
    pub rank: Option<i32>,
    pub release: Option<String>,
    pub merged_into: Option<i64>,
    /// The solution, or the reason for a decline or park: the decider's own words (beside a
    /// standard decline reason, when there is one).
    pub resolution: String,
    /// A standard decline reason: legislation, conflicts or existing.
    pub resolution_code: Option<String>,
    pub review_date: Option<String>,
    pub support_count: i64,
    pub follower_count: i64,
    pub comment_count: i64,
    /// Send this back with moves and edits (optimistic concurrency).
    pub version: i64,
    pub created_at: String,
    pub status_changed_at: String,
}

impl From<&Idea> for IdeaDto {
    fn from(i: &Idea) -> Self {
        Self {
            id: i.id.0,
            title: i.title.clone(),
            role: i.role.clone(),
            situation: i.situation.clone(),
            need: i.need.clone(),
            effect: i.effect.clone(),
            product_area_id: i.product_area_id.0,
            product_area: i.product_area.clone(),
            author: i.author_name.clone(),
            author_organization: i.author_org_name.clone(),
            erfa_group_id: i.erfa_group_id.map(|g| g.0),
            erfa_group: i.erfa_group_name.clone(),
            status: i.status.as_str().into(),
            holder_group_id: i.holder_group_id.map(|g| g.0),
            holder_group: i.holder_group_name.clone(),
            rank: i.rank,
            release: i.release_version.clone(),
            merged_into: i.merged_into.map(|m| m.0),
            resolution: i.resolution.clone(),
            resolution_code: i.resolution_code.clone(),
            review_date: i.review_date.map(|d| d.to_string()),
            support_count: i.support_count,
            follower_count: i.follower_count,
            comment_count: i.comment_count,
            version: i.version,
            created_at: i.created_at.to_string(),
            status_changed_at: i.status_changed_at.to_string(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaPageDto {
    pub ideas: Vec<IdeaDto>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

impl From<&IdeaPage> for IdeaPageDto {
    fn from(p: &IdeaPage) -> Self {
        Self {
            ideas: p.ideas.iter().map(IdeaDto::from).collect(),
            total: p.total,
            page: p.page,
            page_size: p.page_size,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventDto {
    pub at: String,
    pub actor: Option<String>,
    pub actor_organization: Option<String>,
    pub kind: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub from_group: Option<String>,
    pub to_group: Option<String>,
    /// The reason, solution, question or answer, in the words of the person who moved it.
    pub reason: String,
    /// For a decline with a standard reason: legislation, conflicts or existing.
    pub reason_code: Option<String>,
}

impl From<&IdeaEvent> for EventDto {
    fn from(e: &IdeaEvent) -> Self {
        Self {
            at: e.at.to_string(),
            actor: e.actor_name.clone(),
            actor_organization: e.actor_org.clone(),
            kind: e.kind.as_str().into(),
            from_status: e.from_status.map(|s| s.as_str().into()),
            to_status: e.to_status.as_str().into(),
            from_group: e.from_group.clone(),
            to_group: e.to_group.clone(),
            reason: e.reason.clone(),
            reason_code: e.standard_reason(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SupporterDto {
    pub organization: String,
    pub people: Vec<String>,
    pub groups: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaDetailDto {
    pub idea: IdeaDto,
    pub events: Vec<EventDto>,
    pub supporters: Vec<SupporterDto>,
    /// The number of erfagrupper the supporting organizations belong to.
    pub supporting_groups: usize,
    /// The moves the caller may make now.
    pub allowed_moves: Vec<String>,
    pub supports: bool,
    pub follows: bool,
    /// Changes of the wording since others could see it, newest first.
    pub edits: Vec<IdeaEditDto>,
}

/// One change of an idea's wording: when, by whom, which fields, and the text before it.
#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaEditDto {
    pub at: String,
    pub by: Option<String>,
    /// The version the text had before the change.
    pub from_version: i64,
    /// title, role, situation, need, effect or product_area.
    pub changed: Vec<String>,
    pub before: IdeaTextDto,
}

/// An idea's wording.
#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaTextDto {
    pub title: String,
    pub role: String,
    pub situation: String,
    pub need: String,
    pub effect: String,
    pub product_area: String,
}

impl From<&idespor_domain::idea::IdeaEdit> for IdeaEditDto {
    fn from(e: &idespor_domain::idea::IdeaEdit) -> Self {
        let b = &e.before;
        Self {
            at: e.at.to_string(),
            by: e.by.clone(),
            from_version: b.version,
            changed: e.changed.iter().map(|f| f.to_string()).collect(),
            before: IdeaTextDto {
                title: b.title.clone(),
                role: b.role.clone(),
                situation: b.situation.clone(),
                need: b.need.clone(),
                effect: b.effect.clone(),
                product_area: b.product_area.clone(),
            },
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct IdeaBody {
    #[schema(required = true, min_length = 1, max_length = 150)]
    pub title: String,
    #[schema(max_length = 200)]
    pub role: String,
    #[schema(max_length = 5000)]
    pub situation: String,
    /// A need, not a feature (Markdown).
    #[schema(required = true, min_length = 1, max_length = 5000)]
    pub need: String,
    #[schema(max_length = 5000)]
    pub effect: String,
    #[schema(required = true)]
    pub product_area_id: Option<i64>,
    /// Required when editing: the version you saw.
    pub version: i64,
}

impl IdeaBody {
    fn form(&self) -> IdeaForm {
        IdeaForm {
            title: self.title.clone(),
            role: self.role.clone(),
            situation: self.situation.clone(),
            need: self.need.clone(),
            effect: self.effect.clone(),
            product_area_id: self.product_area_id.map(|a| a.to_string()).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct MoveBody {
    /// submit, withdraw, forward, solve_by_configuration, decline, merge, prioritize, send_to_product,
    /// park, resume, ask_for_information, answer, accept, plan, start, deliver
    #[schema(required = true)]
    pub kind: String,
    /// The idea's version you saw.
    #[schema(required = true)]
    pub version: i64,
    /// The reason, solution, question or answer the move needs.
    #[schema(max_length = 4000)]
    pub reason: Option<String>,
    /// For decline: legislation, conflicts or existing.
    pub standard_reason: Option<String>,
    #[schema(minimum = 1, maximum = 999)]
    pub rank: Option<i32>,
    /// For park: YYYY-MM-DD, after today.
    pub review_date: Option<String>,
    pub release_id: Option<i64>,
    pub into: Option<i64>,
    pub group_id: Option<i64>,
}

impl MoveBody {
    /// The move's parts, typed as they came (only the date is read from its text).
    fn parts(&self) -> Result<MoveParts, DomainError> {
        let review_date = match self.review_date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(date) => Some(date.parse().map_err(|_| DomainError::invalid("review_date", "date_invalid"))?),
            None => None,
        };
        Ok(MoveParts {
            kind: self.kind.trim().to_string(),
            reason: self.reason.clone().unwrap_or_default(),
            standard_reason: self.standard_reason.clone(),
            rank: self.rank,
            review_date,
            release: self.release_id.map(ReleaseId),
            into: self.into.map(IdeaId),
            group: self.group_id.map(GroupId),
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentDto {
    pub id: i64,
    pub idea_id: i64,
    pub author: String,
    pub organization: Option<String>,
    /// Markdown.
    pub body: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub revisions: i64,
    /// Hidden by a moderator: `body` is empty.
    pub hidden: bool,
}

impl From<&Comment> for CommentDto {
    fn from(c: &Comment) -> Self {
        Self {
            id: c.id.0,
            idea_id: c.idea_id.0,
            author: c.author_name.clone(),
            organization: c.org_name.clone(),
            body: c.body.clone(),
            created_at: c.created_at.to_string(),
            edited_at: c.edited_at.map(|t| t.to_string()),
            revisions: c.revisions,
            hidden: c.hidden,
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CommentBody {
    /// Markdown.
    #[schema(required = true, min_length = 1, max_length = 5000)]
    pub body: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProductAreaDto {
    pub id: i64,
    pub name: String,
}

/// The list's filters, as query parameters: typed, so that a malformed number is answered
/// 400 instead of being read as "no filter".
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct IdeaListParams {
    /// Words to search for (Danish stemming: "borgere" finds "borger"); when given, the other
    /// filters are not used and the ideas come best match first.
    q: Option<String>,
    /// A status, or `open` for all open ideas.
    status: Option<String>,
    group: Option<i64>,
    area: Option<i64>,
    organization: Option<i64>,
    /// `1`: only mine.
    mine: Option<String>,
    /// `1`: only my organization's.
    ours: Option<String>,
    /// `1`: only those my organization supports.
    supported: Option<String>,
    /// newest, most_supported, recently_moved, longest_waiting or priority (the tovholdergruppe's priority list, nr. 1 first, only the ideas on it)
    sort: Option<String>,
    page: Option<i64>,
}

impl IdeaListParams {
    /// The same filters as the idea list page reads.
    fn query(self) -> IdeaQuery {
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        IdeaQuery {
            q: self.q.unwrap_or_default(),
            status: self.status.unwrap_or_default(),
            group: number(self.group),
            area: number(self.area),
            organization: number(self.organization),
            mine: self.mine.unwrap_or_default(),
            ours: self.ours.unwrap_or_default(),
            supported: self.supported.unwrap_or_default(),
            sort: self.sort.unwrap_or_default(),
            page: self.page,
        }
    }
}

/// Ideas with filters, sorted and paginated (25 a page); or, with `q`, the ideas that match the
/// words, best first (the same search as the idea list's).
#[utoipa::path(get, path = "/api/v1/ideas", tag = "ideas", params(IdeaListParams), responses((status = 200, body = IdeaPageDto)))]
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    Query(params): Query<IdeaListParams>,
) -> ApiResult<Json<IdeaPageDto>> {
    let q = params.query();
    let page = if q.q.trim().is_empty() {
        state.svc.list_ideas(&user.actor, &q.filter(&user.actor), q.sort(), q.page.unwrap_or(1)).await?
    } else {
        state.svc.search_ideas(&user.actor, &q.q, q.page.unwrap_or(1)).await?
    };
    Ok(Json(IdeaPageDto::from(&page)))
}

/// Writes a draft.
#[utoipa::path(post, path = "/api/v1/ideas", tag = "ideas", request_body = IdeaBody,
    responses((status = 201, body = IdeaDto), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<IdeaBody>,
) -> ApiResult<(StatusCode, Json<IdeaDto>)> {
    let idea = state.svc.create_idea(&user.actor, &body.form()).await?;
    Ok((StatusCode::CREATED, Json(IdeaDto::from(&idea))))
}

/// One idea with its journey, supporters and the moves the caller may make.
#[utoipa::path(get, path = "/api/v1/ideas/{id}", tag = "ideas", params(("id" = i64, Path)),
    responses((status = 200, body = IdeaDetailDto), (status = 404, body = ErrorBody)))]
pub async fn get(State(state): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> ApiResult<Json<IdeaDetailDto>> {
    let v = state.svc.idea_view(&user.actor, IdeaId(id)).await?;
    Ok(Json(IdeaDetailDto {
        idea: IdeaDto::from(&v.idea),
        events: v.events.iter().map(EventDto::from).collect(),
        supporters: v
            .supporters
            .iter()
            .map(|s| SupporterDto {
                organization: s.org_name.clone(),
                people: s.people.clone(),
                groups: s.groups.clone(),
            })
            .collect(),
        supporting_groups: v.supporting_groups,
        allowed_moves: v.allowed.iter().map(|k| k.as_str().to_string()).collect(),
        supports: v.supports,
        follows: v.follows,
        edits: v.edits.iter().map(IdeaEditDto::from).collect(),
    }))
}

/// Changes the text (the author, while the idea is a draft or with the erfagruppe).
#[utoipa::path(put, path = "/api/v1/ideas/{id}", tag = "ideas", params(("id" = i64, Path)), request_body = IdeaBody,
    responses((status = 200, body = IdeaDto), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<IdeaBody>,
) -> ApiResult<Json<IdeaDto>> {
    let idea = state.svc.update_idea(&user.actor, IdeaId(id), body.version, &body.form()).await?;
    Ok(Json(IdeaDto::from(&idea)))
}

/// Moves the idea. 403 with the reason when the caller lacks the right, 409 `move_not_allowed`
/// with `allowed` when the status does not allow it, 409 `stale_version` when someone moved it first.
#[utoipa::path(post, path = "/api/v1/ideas/{id}/moves", tag = "ideas", params(("id" = i64, Path)), request_body = MoveBody,
    responses((status = 200, body = IdeaDto), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn make_move(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<MoveBody>,
) -> ApiResult<Json<IdeaDto>> {
    let mv = body.parts()?.to_move()?;
    let idea = state.svc.move_idea(&user.actor, IdeaId(id), body.version, mv).await?;
    Ok(Json(IdeaDto::from(&idea)))
}

/// Supports the idea on behalf of the caller's organization.
#[utoipa::path(put, path = "/api/v1/ideas/{id}/support", tag = "ideas", params(("id" = i64, Path)),
    responses((status = 204), (status = 409, body = ErrorBody)))]
pub async fn support(State(state): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    state.svc.support_idea(&user.actor, IdeaId(id), true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Withdraws the caller's support.
#[utoipa::path(delete, path = "/api/v1/ideas/{id}/support", tag = "ideas", params(("id" = i64, Path)), responses((status = 204)))]
pub async fn unsupport(State(state): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    state.svc.support_idea(&user.actor, IdeaId(id), false).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Follows the idea.
#[utoipa::path(put, path = "/api/v1/ideas/{id}/follow", tag = "ideas", params(("id" = i64, Path)), responses((status = 204)))]
pub async fn follow(State(state): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    state.svc.follow_idea(&user.actor, IdeaId(id), true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Stops following the idea.
#[utoipa::path(delete, path = "/api/v1/ideas/{id}/follow", tag = "ideas", params(("id" = i64, Path)), responses((status = 204)))]
pub async fn unfollow(State(state): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    state.svc.follow_idea(&user.actor, IdeaId(id), false).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The idea's comments, oldest first.
#[utoipa::path(get, path = "/api/v1/ideas/{id}/comments", tag = "ideas", params(("id" = i64, Path)), responses((status = 200, body = [CommentDto])))]
pub async fn comments(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult<Json<Vec<CommentDto>>> {
    let v = state.svc.idea_view(&user.actor, IdeaId(id)).await?;
    Ok(Json(v.comments.iter().map(CommentDto::from).collect()))
}

/// Comments on the idea (Markdown).
#[utoipa::path(post, path = "/api/v1/ideas/{id}/comments", tag = "ideas", params(("id" = i64, Path)), request_body = CommentBody,
    responses((status = 201, body = CommentDto), (status = 422, body = ErrorBody)))]
pub async fn add_comment(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<CommentBody>,
) -> ApiResult<(StatusCode, Json<CommentDto>)> {
    let comment = state.svc.add_comment(&user.actor, IdeaId(id), &body.body).await?;
    Ok((StatusCode::CREATED, Json(CommentDto::from(&comment))))
}

/// Changes one's own comment within the edit window; the earlier text is kept.
#[utoipa::path(put, path = "/api/v1/comments/{id}", tag = "ideas", params(("id" = i64, Path)), request_body = CommentBody,
    responses((status = 200, body = CommentDto), (status = 403, body = ErrorBody)))]
pub async fn edit_comment(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<CommentBody>,
) -> ApiResult<Json<CommentDto>> {
    let comment = state.svc.edit_comment(&user.actor, CommentId(id), &body.body).await?;
    Ok(Json(CommentDto::from(&comment)))
}

/// The ideas a group holds, oldest first ("venter på os").
#[utoipa::path(get, path = "/api/v1/groups/{id}/queue", tag = "ideas", params(("id" = i64, Path)), responses((status = 200, body = IdeaPageDto)))]
pub async fn queue(State(state): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> ApiResult<Json<IdeaPageDto>> {
    let page = state.svc.group_queue(&user.actor, GroupId(id), 1).await?;
    Ok(Json(IdeaPageDto::from(&page)))
}

/// The product areas.
#[utoipa::path(get, path = "/api/v1/product-areas", tag = "ideas", responses((status = 200, body = [ProductAreaDto])))]
pub async fn product_areas(State(state): State<AppState>, _user: ApiUser) -> ApiResult<Json<Vec<ProductAreaDto>>> {
    Ok(Json(
        state.svc.product_areas().await?.iter().map(|a| ProductAreaDto { id: a.id.0, name: a.name.clone() }).collect(),
    ))
}
