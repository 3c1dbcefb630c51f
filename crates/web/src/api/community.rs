//! API handlers for the community's structure, people and tokens.

use super::dto::*;
use super::{ApiJson, ApiUser};
use crate::error::{ApiError, ErrorBody};
use crate::pages::community::OrgQuery;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use idespor_domain::group::GroupRole;
use idespor_domain::user::ProfileForm;
use idespor_domain::{DomainError, GroupId, OrgId, TokenId, UserId};

type ApiResult<T> = Result<T, ApiError>;

/// The signed-in person.
#[utoipa::path(get, path = "/api/v1/me", tag = "people",
    responses((status = 200, body = MeDto), (status = 401, body = ErrorBody)))]
pub async fn me(user: ApiUser) -> Json<MeDto> {
    Json(MeDto { user: UserDto::from(&user.actor.user), csrf_token: user.viewer.csrf_token })
}

/// Changes one's own name, e-mail and language.
#[utoipa::path(patch, path = "/api/v1/me", tag = "people", request_body = ProfileBody,
    responses((status = 200, body = UserDto), (status = 422, body = ErrorBody)))]
pub async fn update_me(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<ProfileBody>,
) -> ApiResult<Json<UserDto>> {
    let form = ProfileForm { name: body.name, email: body.email, language: body.language };
    let updated = state.svc.update_profile(&user.actor, &form).await?;
    Ok(Json(UserDto::from(&updated)))
}

/// The organization list's filters: typed, so that a malformed region is answered 400.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct OrgListParams {
    kind: Option<String>,
    region: Option<i64>,
}

/// Organizations in Danish order, optionally filtered by kind and region.
#[utoipa::path(get, path = "/api/v1/organizations", tag = "community",
    params(("kind" = Option<String>, Query, description = "municipality, region or vendor"), ("region" = Option<i64>, Query, description = "a region's id")),
    responses((status = 200, body = [OrganizationDto])))]
pub async fn list_organizations(
    State(state): State<AppState>,
    user: ApiUser,
    Query(q): Query<OrgListParams>,
) -> ApiResult<Json<Vec<OrganizationDto>>> {
    let q = OrgQuery { kind: q.kind.unwrap_or_default(), region: q.region.map(|r| r.to_string()).unwrap_or_default() };
    let orgs = state.svc.list_organizations(&user.actor, &q.filter()).await?;
    Ok(Json(orgs.iter().map(OrganizationDto::from).collect()))
}

/// Creates an organization (administrators).
#[utoipa::path(post, path = "/api/v1/organizations", tag = "community", request_body = OrganizationBody,
    responses((status = 201, body = OrganizationDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_organization(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<OrganizationBody>,
) -> ApiResult<(StatusCode, Json<OrganizationDto>)> {
    let org = state.svc.create_organization(&user.actor, &body.into_form()).await?;
    Ok((StatusCode::CREATED, Json(OrganizationDto::from(&org))))
}

/// An organization with its groups and people.
#[utoipa::path(get, path = "/api/v1/organizations/{id}", tag = "community", params(("id" = i64, Path)),
    responses((status = 200, body = OrganizationDetailDto), (status = 404, body = ErrorBody)))]
pub async fn get_organization(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult<Json<OrganizationDetailDto>> {
    let d = state.svc.organization_detail(&user.actor, OrgId(id)).await?;
    Ok(Json(OrganizationDetailDto {
        organization: OrganizationDto::from(&d.organization),
        region: d.region.as_ref().map(OrganizationDto::from),
        groups: d.groups.iter().map(GroupDto::from).collect(),
        people: d
            .people
            .iter()
            .map(|p| PersonDto { id: p.id.0, name: p.name.clone(), organization: p.org_name.clone() })
            .collect(),
    }))
}

/// Changes an organization (administrators).
#[utoipa::path(put, path = "/api/v1/organizations/{id}", tag = "community", params(("id" = i64, Path)), request_body = OrganizationBody,
    responses((status = 200, body = OrganizationDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_organization(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<OrganizationBody>,
) -> ApiResult<Json<OrganizationDto>> {
    let org = state.svc.update_organization(&user.actor, OrgId(id), &body.into_form()).await?;
    Ok(Json(OrganizationDto::from(&org)))
}

/// All groups with counts and coordinators.
#[utoipa::path(get, path = "/api/v1/groups", tag = "community", responses((status = 200, body = [GroupSummaryDto])))]
pub async fn list_groups(State(state): State<AppState>, user: ApiUser) -> ApiResult<Json<Vec<GroupSummaryDto>>> {
    let groups = state.svc.list_groups(&user.actor).await?;
    Ok(Json(groups.iter().map(GroupSummaryDto::from).collect()))
}

/// Creates a group (administrators).
#[utoipa::path(post, path = "/api/v1/groups", tag = "community", request_body = GroupBody,
    responses((status = 201, body = GroupDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_group(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<GroupBody>,
) -> ApiResult<(StatusCode, Json<GroupDto>)> {
    let group = state.svc.create_group(&user.actor, &body.into_form()).await?;
    Ok((StatusCode::CREATED, Json(GroupDto::from(&group))))
}

/// A group with its organizations and members.
#[utoipa::path(get, path = "/api/v1/groups/{id}", tag = "community", params(("id" = i64, Path)),
    responses((status = 200, body = GroupDetailDto), (status = 404, body = ErrorBody)))]
pub async fn get_group(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult<Json<GroupDetailDto>> {
    let d = state.svc.group_detail(&user.actor, GroupId(id)).await?;
    Ok(Json(GroupDetailDto {
        group: GroupDto::from(&d.group),
        organizations: d.organizations.iter().map(OrganizationDto::from).collect(),
        members: d.coordinators.iter().chain(d.members.iter()).map(MemberDto::from).collect(),
    }))
}

/// Changes a group (administrators).
#[utoipa::path(put, path = "/api/v1/groups/{id}", tag = "community", params(("id" = i64, Path)), request_body = GroupBody,
    responses((status = 200, body = GroupDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_group(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<GroupBody>,
) -> ApiResult<Json<GroupDto>> {
    let group = state.svc.update_group(&user.actor, GroupId(id), &body.into_form()).await?;
    Ok(Json(GroupDto::from(&group)))
}

/// Makes a person a member or coordinator of a group (administrators).
#[utoipa::path(put, path = "/api/v1/groups/{id}/members/{user_id}", tag = "community",
    params(("id" = i64, Path), ("user_id" = i64, Path)), request_body = RoleBody,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_group_member(
    State(state): State<AppState>,
    user: ApiUser,
    Path((id, user_id)): Path<(i64, i64)>,
    ApiJson(body): ApiJson<RoleBody>,
) -> ApiResult<StatusCode> {
    let role = GroupRole::parse(&body.role).ok_or(DomainError::invalid("role", "role_unknown"))?;
    state.svc.set_group_member(&user.actor, GroupId(id), UserId(user_id), role).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a person from a group (administrators).
#[utoipa::path(delete, path = "/api/v1/groups/{id}/members/{user_id}", tag = "community",
    params(("id" = i64, Path), ("user_id" = i64, Path)), responses((status = 204), (status = 403, body = ErrorBody)))]
pub async fn delete_group_member(
    State(state): State<AppState>,
    user: ApiUser,
    Path((id, user_id)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    state.svc.remove_group_member(&user.actor, GroupId(id), UserId(user_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds an organization to a group (administrators).
#[utoipa::path(put, path = "/api/v1/groups/{id}/organizations/{org_id}", tag = "community",
    params(("id" = i64, Path), ("org_id" = i64, Path)), responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn put_group_organization(
    State(state): State<AppState>,
    user: ApiUser,
    Path((id, org_id)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    // The organization is named by the path: one that does not exist is not found (the page's
    // form, which chooses it from a list, says "choose one from the list" instead).
    state.svc.add_group_organization(&user.actor, GroupId(id), OrgId(org_id)).await.map_err(|error| match error {
        DomainError::Invalid(e) if e.for_field("org_id") == Some("organization_unknown") => {
            DomainError::NotFound("organization")
        }
        other => other,
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes an organization from a group (administrators).
#[utoipa::path(delete, path = "/api/v1/groups/{id}/organizations/{org_id}", tag = "community",
    params(("id" = i64, Path), ("org_id" = i64, Path)), responses((status = 204), (status = 403, body = ErrorBody)))]
pub async fn delete_group_organization(
    State(state): State<AppState>,
    user: ApiUser,
    Path((id, org_id)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    state.svc.remove_group_organization(&user.actor, GroupId(id), OrgId(org_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Everyone, for administrators.
#[utoipa::path(get, path = "/api/v1/users", tag = "people", responses((status = 200, body = [UserDto]), (status = 403, body = ErrorBody)))]
pub async fn list_users(State(state): State<AppState>, user: ApiUser) -> ApiResult<Json<Vec<UserDto>>> {
    let users = state.svc.list_users(&user.actor).await?;
    Ok(Json(users.iter().map(UserDto::from).collect()))
}

/// Invites a person; the answer carries the one-time link (administrators).
#[utoipa::path(post, path = "/api/v1/users", tag = "people", request_body = UserBody,
    responses((status = 201, body = InvitationDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn invite_user(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<UserBody>,
) -> ApiResult<(StatusCode, Json<InvitationDto>)> {
    let invitation = state.svc.invite_user(&user.actor, &body.into_form()).await?;
    Ok((
        StatusCode::CREATED,
        Json(InvitationDto {
            user: UserDto::from(&invitation.user),
            invitation_path: format!("/invitation/{}", invitation.secret),
        }),
    ))
}

/// One person (administrators, or oneself).
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "people", params(("id" = i64, Path)),
    responses((status = 200, body = UserDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_user(State(state): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> ApiResult<Json<UserDto>> {
    let person = state.svc.get_user(&user.actor, UserId(id)).await?;
    Ok(Json(UserDto::from(&person)))
}

/// Changes a person (administrators).
#[utoipa::path(put, path = "/api/v1/users/{id}", tag = "people", params(("id" = i64, Path)), request_body = UserBody,
    responses((status = 200, body = UserDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_user(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<UserBody>,
) -> ApiResult<Json<UserDto>> {
    let person = state.svc.update_user(&user.actor, UserId(id), &body.into_form()).await?;
    Ok(Json(UserDto::from(&person)))
}

/// My personal API tokens (not revoked).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "people", responses((status = 200, body = [TokenDto])))]
pub async fn list_tokens(State(state): State<AppState>, user: ApiUser) -> ApiResult<Json<Vec<TokenDto>>> {
    let tokens = state.svc.list_api_tokens(&user.actor).await?;
    Ok(Json(tokens.iter().map(TokenDto::from).collect()))
}

/// Creates a personal API token; the secret is in this answer only.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "people", request_body = TokenBody,
    responses((status = 201, body = NewTokenDto), (status = 422, body = ErrorBody)))]
pub async fn create_token(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<TokenBody>,
) -> ApiResult<(StatusCode, Json<NewTokenDto>)> {
    let (token, secret) = state.svc.create_api_token(&user.actor, &body.name).await?;
    Ok((StatusCode::CREATED, Json(NewTokenDto { token: TokenDto::from(&token), secret })))
}

/// Revokes one of my tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "people", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn delete_token(State(state): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    state.svc.revoke_api_token(&user.actor, TokenId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct SetupWarningDto {
    /// no_erfa_group, no_steering_group, no_product_group or no_coordinator
    pub code: String,
    /// For `no_coordinator`: the group.
    pub group_id: Option<i64>,
    pub group: Option<String>,
}

/// What the idea's journey still lacks (administrators): a group of each kind, a coordinator in
/// every group. Empty when nothing is missing.
#[utoipa::path(get, path = "/api/v1/admin/setup", tag = "admin",
    responses((status = 200, body = [SetupWarningDto]), (status = 403, body = ErrorBody)))]
pub async fn setup_warnings(State(state): State<AppState>, user: ApiUser) -> ApiResult<Json<Vec<SetupWarningDto>>> {
    use idespor_domain::group::SetupWarning;
    let warnings = state.svc.setup_warnings(&user.actor).await?;
    Ok(Json(
        warnings
            .iter()
            .map(|w| {
                let (group_id, group) = match w {
                    SetupWarning::NoCoordinator { group, name } => (Some(group.0), Some(name.clone())),
                    _ => (None, None),
                };
                SetupWarningDto { code: w.code().into(), group_id, group }
            })
            .collect(),
    ))
}
