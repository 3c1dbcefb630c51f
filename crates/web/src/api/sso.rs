//! API handlers for single sign-on: the providers to sign in with (the sign-in itself is a
//! browser's journey through the provider; the API uses tokens), the providers a person has
//! signed in with, and an organization's requirement of single sign-on.

use super::{ApiJson, ApiUser};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use idespor_domain::OrgId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Serialize, ToSchema)]
pub struct ProviderDto {
    pub id: String,
    /// What the sign-in button names, e.g. "MitID Erhverv".
    pub name: String,
    /// Where a browser begins the sign-in (a form POST with the CSRF token, from `/login`).
    pub start_path: String,
    /// The address to register at the provider as the redirect URI.
    pub redirect_uri: String,
}

/// The OpenID providers people may sign in with.
#[utoipa::path(get, path = "/api/v1/sso/providers", tag = "people", security(()),
    responses((status = 200, body = [ProviderDto])))]
pub async fn providers(State(state): State<AppState>) -> Json<Vec<ProviderDto>> {
    Json(
        state
            .config
            .sso
            .list()
            .iter()
            .map(|p| ProviderDto {
                id: p.id.clone(),
                name: p.name.clone(),
                start_path: format!("/login/sso/{}", p.id),
                redirect_uri: crate::pages::sso::callback_url(&state, &p.id),
            })
            .collect(),
    )
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinkedIdentityDto {
    pub provider: String,
    pub created_at: String,
    pub last_sign_in_at: String,
}

/// The providers the caller has signed in with.
#[utoipa::path(get, path = "/api/v1/me/sso", tag = "people", responses((status = 200, body = [LinkedIdentityDto])))]
pub async fn my_identities(State(state): State<AppState>, user: ApiUser) -> ApiResult<Json<Vec<LinkedIdentityDto>>> {
    let identities = state.svc.my_sso_identities(&user.actor).await?;
    Ok(Json(
        identities
            .into_iter()
            .map(|i| LinkedIdentityDto {
                provider: i.provider,
                created_at: i.created_at.to_string(),
                last_sign_in_at: i.last_sign_in_at.to_string(),
            })
            .collect(),
    ))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SsoRequirementBody {
    /// The organization's people sign in through single sign-on only.
    #[schema(required = true)]
    pub required: bool,
}

/// Requires (or no longer requires) single sign-on for an organization's people (administrators;
/// 409 for one's own organization before signing in through a provider oneself).
#[utoipa::path(put, path = "/api/v1/organizations/{id}/sso", tag = "community", params(("id" = i64, Path)),
    request_body = SsoRequirementBody,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn set_requirement(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<SsoRequirementBody>,
) -> ApiResult<StatusCode> {
    state.svc.set_sso_required(&user.actor, OrgId(id), body.required).await?;
    Ok(StatusCode::NO_CONTENT)
}
