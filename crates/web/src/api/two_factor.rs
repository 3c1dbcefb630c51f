//! API handlers for two-step sign-in: turning it on and off for oneself, and the community's
//! rule for administrators. (Signing in with a code is for the pages; the API uses tokens.)

use super::{ApiJson, ApiObject, ApiUser};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Serialize, ToSchema)]
pub struct TwoFactorSetupDto {
    /// The secret in base32, for typing into the app.
    pub secret: String,
    /// The `otpauth://` address (for a QR code).
    pub url: String,
}

/// Begins turning on two-step sign-in: a new secret for the authenticator app, unconfirmed
/// until `POST /api/v1/me/two-factor/confirm` gets a first code.
#[utoipa::path(post, path = "/api/v1/me/two-factor", tag = "people",
    responses((status = 201, body = TwoFactorSetupDto), (status = 409, body = ErrorBody)))]
pub async fn start(State(state): State<AppState>, user: ApiUser) -> ApiResult<(StatusCode, Json<TwoFactorSetupDto>)> {
    let setup = state.svc.start_two_factor(&user.actor, &state.config.product_name).await?;
    Ok((StatusCode::CREATED, Json(TwoFactorSetupDto { secret: setup.secret, url: setup.url })))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CodeBody {
    /// The six digits the app shows now.
    #[schema(required = true)]
    pub code: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecoveryCodesDto {
    /// Ten single-use codes for when the phone is lost; shown this once.
    pub recovery_codes: Vec<String>,
}

/// Turns two-step sign-in on with the first code from the app.
#[utoipa::path(post, path = "/api/v1/me/two-factor/confirm", tag = "people", request_body = CodeBody,
    responses((status = 200, body = RecoveryCodesDto), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn confirm(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<CodeBody>,
) -> ApiResult<Json<RecoveryCodesDto>> {
    Ok(Json(RecoveryCodesDto { recovery_codes: state.svc.confirm_two_factor(&user.actor, &body.code).await? }))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct PasswordBody {
    #[schema(required = true)]
    pub current_password: String,
}

/// Turns two-step sign-in off, with the password.
#[utoipa::path(delete, path = "/api/v1/me/two-factor", tag = "people", request_body = PasswordBody,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn off(
    State(state): State<AppState>,
    user: ApiUser,
    ApiObject(body): ApiObject<PasswordBody>,
) -> ApiResult<StatusCode> {
    state.svc.disable_two_factor(&user.actor, &body.current_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RequirementDto {
    /// Administrators must use two-step sign-in; until they do, they act as members.
    #[schema(required = true)]
    pub required: bool,
}

/// Whether the community requires two-step sign-in of administrators.
#[utoipa::path(get, path = "/api/v1/admin/two-factor", tag = "admin", responses((status = 200, body = RequirementDto)))]
pub async fn requirement(State(state): State<AppState>, user: ApiUser) -> ApiResult<Json<RequirementDto>> {
    Ok(Json(RequirementDto { required: state.svc.two_factor_requirement(&user.actor).await? }))
}

/// Requires (or no longer requires) two-step sign-in of administrators; 409 while the caller has
/// not turned it on for themselves.
#[utoipa::path(put, path = "/api/v1/admin/two-factor", tag = "admin", request_body = RequirementDto,
    responses((status = 200, body = RequirementDto), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn set_requirement(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<RequirementDto>,
) -> ApiResult<Json<RequirementDto>> {
    state.svc.set_two_factor_required_for_admins(&user.actor, body.required).await?;
    Ok(Json(body))
}
