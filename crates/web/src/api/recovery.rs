//! API handlers for "Glemt adgangskode": asking for a password link by mail and using it. No
//! credentials: the caller has forgotten them. The same use cases and rules as the pages.

use super::ApiJson;
use crate::error::{ApiError, ErrorBody};
use crate::pages::PeerAddr;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ForgotBody {
    /// The work e-mail of the account.
    #[schema(required = true)]
    pub email: String,
}

/// Mails a link to choose a new password, if the address is an active person's. The answer is
/// 202 either way (it does not tell whether the address has an account); 429 when asked too
/// often for the address or from the network address.
#[utoipa::path(post, path = "/api/v1/password/forgot", tag = "people", request_body = ForgotBody, security(()),
    responses((status = 202), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn forgot(
    State(state): State<AppState>,
    PeerAddr(peer): PeerAddr,
    ApiJson(body): ApiJson<ForgotBody>,
) -> ApiResult<StatusCode> {
    state.svc.request_password_reset(&body.email, &peer).await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ResetBody {
    /// The link's id and token: `/password/reset/{id}/{token}` in the mail.
    #[schema(required = true)]
    pub id: i64,
    #[schema(required = true)]
    pub token: String,
    /// At least 10 characters.
    #[schema(required = true)]
    pub password: String,
}

/// Sets a new password with a password link; the link works once, and every session and
/// sign-in of the person ends. 404 `not_found` when the link is used, expired, superseded or
/// wrong.
#[utoipa::path(post, path = "/api/v1/password/reset", tag = "people", request_body = ResetBody, security(()),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reset(State(state): State<AppState>, ApiJson(body): ApiJson<ResetBody>) -> ApiResult<StatusCode> {
    state.svc.reset_password(body.id, &body.token, &body.password).await?;
    Ok(StatusCode::NO_CONTENT)
}
