//! API handlers for personal data: a person's sign-in history, and how long Idéspor keeps
//! personal data with the housekeeping job's record (administrators).
use super::{ApiJson, ApiUser};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use idespor_domain::privacy::PrivacyPolicy;
use idespor_domain::retention::{Removed, Retention};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Serialize, ToSchema)]
pub struct SignInsDto {
    /// How many days a sign-in is kept.
    pub kept_days: u32,
    /// The newest sign-ins (at most 10), newest first, as RFC 3339 times.
    pub sign_ins: Vec<String>,
}

/// My newest sign-ins: to notice one that was not mine.
#[utoipa::path(get, path = "/api/v1/me/sign-ins", tag = "people", responses((status = 200, body = SignInsDto)))]
pub async fn my_sign_ins(State(state): State<AppState>, user: ApiUser) -> ApiResult<Json<SignInsDto>> {
    let sign_ins = state.svc.my_sign_ins(&user.actor).await?;
    Ok(Json(SignInsDto {
        kept_days: state.config.retention.sign_in_history_days,
        sign_ins: sign_ins.iter().map(ToString::to_string).collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RetentionRunDto {
    /// The hour the run belongs to, Copenhagen time (`2026-12-07T14`).
    pub period: String,
    pub started_at: String,
    /// How many of each kind the run removed (`mail_subjects`: sent mails whose subject and
    /// error text were cleared).
    #[schema(value_type = Object)]
    pub removed: Removed,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RetentionDto {
    /// The retention periods in days.
    #[schema(value_type = Object)]
    pub periods: Retention,
    /// The newest runs of the housekeeping job, newest first.
    pub runs: Vec<RetentionRunDto>,
}

/// How long personal data is kept, and what the housekeeping job removed (administrators).
#[utoipa::path(get, path = "/api/v1/admin/retention", tag = "admin",
    responses((status = 200, body = RetentionDto), (status = 403, body = ErrorBody)))]
pub async fn retention(State(state): State<AppState>, user: ApiUser) -> ApiResult<Json<RetentionDto>> {
    let runs = state.svc.retention_runs(&user.actor, 24).await?;
    Ok(Json(RetentionDto {
        periods: state.config.retention,
        runs: runs
            .into_iter()
            .map(|r| RetentionRunDto { period: r.period, started_at: r.started_at.to_string(), removed: r.removed })
            .collect(),
    }))
}

/// The privacy policy as the administrator wrote it; empty fields are not set.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct PrivacyPolicyDto {
    /// The data controller (one line, at most 200 characters).
    pub controller: String,
    /// How to reach the controller or its data protection officer (one line, at most 200).
    pub contact: String,
    /// More, in the controller's words (Markdown, at most 20,000 characters).
    pub text: String,
}

impl From<PrivacyPolicy> for PrivacyPolicyDto {
    fn from(p: PrivacyPolicy) -> Self {
        Self { controller: p.controller, contact: p.contact, text: p.text }
    }
}

/// The community's privacy policy (the page `/privacy` adds what Idéspor stores and for how long).
#[utoipa::path(get, path = "/api/v1/privacy", tag = "people", responses((status = 200, body = PrivacyPolicyDto)))]
pub async fn policy(State(state): State<AppState>, _user: ApiUser) -> ApiResult<Json<PrivacyPolicyDto>> {
    Ok(Json(state.svc.privacy_policy().await?.into()))
}

/// An administrator writes the privacy policy.
#[utoipa::path(put, path = "/api/v1/admin/privacy", tag = "admin", request_body = PrivacyPolicyDto,
    responses((status = 200, body = PrivacyPolicyDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_policy(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<PrivacyPolicyDto>,
) -> ApiResult<Json<PrivacyPolicyDto>> {
    let form = PrivacyPolicy { controller: body.controller, contact: body.contact, text: body.text };
    Ok(Json(state.svc.set_privacy_policy(&user.actor, &form).await?.into()))
}
