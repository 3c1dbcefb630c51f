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
pub async fn providers(State(state): State<AppState>) -> Result<Json<Vec<ProviderDto>>, crate::error::ApiError> {
    Ok(Json(
        state
            .config
            .sso
            .all(&state.svc)
            .await?
            .iter()
            .map(|p| ProviderDto {
                id: p.id.clone(),
                name: p.name.clone(),
                start_path: format!("/login/sso/{}", p.id),
                redirect_uri: crate::pages::sso::callback_url(&state, &p.id),
            })
            .collect(),
    ))
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

/// A provider kept in the administration, as the API shows it (never its client secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct KeptProviderDto {
    pub id: String,
    pub name: String,
    pub issuer: String,
    pub discovery_url: String,
    pub client_id: String,
    /// Whether a client secret is stored (it is never shown again).
    pub has_client_secret: bool,
    pub scopes: Vec<String>,
    pub cvr_claim: String,
    /// Trusted tenant id → the organization's code or CVR number.
    pub tenants: std::collections::BTreeMap<String, String>,
    pub trust_email: bool,
}

impl From<&idespor_domain::sso::ProviderSettings> for KeptProviderDto {
    fn from(p: &idespor_domain::sso::ProviderSettings) -> Self {
        Self {
            id: p.id.clone(),
            name: p.name.clone(),
            issuer: p.issuer.clone(),
            discovery_url: p.discovery_url.clone(),
            client_id: p.client_id.clone(),
            has_client_secret: !p.client_secret.is_empty(),
            scopes: p.scopes.clone(),
            cvr_claim: p.cvr_claim.clone(),
            tenants: p.tenants.clone(),
            trust_email: p.trust_email,
        }
    }
}

/// A provider to keep: the same fields, the client secret empty or left out to keep the stored one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct KeptProviderBody {
    pub name: String,
    pub issuer: String,
    pub discovery_url: String,
    pub client_id: String,
    pub client_secret: String,
    /// Default: openid, email, profile.
    pub scopes: Vec<String>,
    pub cvr_claim: String,
    pub tenants: std::collections::BTreeMap<String, String>,
    pub trust_email: bool,
}

/// The providers kept in the administration (administrators; those of the configuration file
/// are in `GET /api/v1/sso/providers`).
#[utoipa::path(get, path = "/api/v1/admin/sso-providers", tag = "admin",
    responses((status = 200, body = [KeptProviderDto]), (status = 403, body = ErrorBody)))]
pub async fn kept_providers(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<Vec<KeptProviderDto>>, ApiError> {
    Ok(Json(state.svc.sso_providers_kept(&user.actor).await?.iter().map(KeptProviderDto::from).collect()))
}

/// Adds a provider under this id, or changes the one kept under it (administrators); 422 with
/// the fields that are wrong.
#[utoipa::path(put, path = "/api/v1/admin/sso-providers/{id}", tag = "admin", params(("id" = String, Path)),
    request_body = KeptProviderBody,
    responses((status = 200, body = KeptProviderDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn keep_provider(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<KeptProviderBody>,
) -> Result<Json<KeptProviderDto>, ApiError> {
    let form = idespor_domain::sso::ProviderForm {
        provider_id: id.clone(),
        name: body.name,
        issuer: body.issuer,
        discovery_url: body.discovery_url,
        client_id: body.client_id,
        client_secret: body.client_secret,
        scopes: body.scopes.join(" "),
        cvr_claim: body.cvr_claim,
        tenants: body.tenants.iter().map(|(t, o)| format!("{t} = {o}")).collect::<Vec<_>>().join("\n"),
        trust_email: body.trust_email,
    };
    let creating = !state.svc.sso_providers_kept(&user.actor).await?.iter().any(|p| p.id == id);
    let configured = state.config.sso.configured_ids();
    let saved = state.svc.save_sso_provider(&user.actor, &form, &configured, creating).await?;
    Ok(Json(KeptProviderDto::from(&saved)))
}

/// Removes a provider kept in the administration (administrators).
#[utoipa::path(delete, path = "/api/v1/admin/sso-providers/{id}", tag = "admin", params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove_provider(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.svc.remove_sso_provider(&user.actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
