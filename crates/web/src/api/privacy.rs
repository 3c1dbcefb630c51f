//! API handlers for personal data: a person's sign-in history, and how long Idéspor keeps
//! personal data with the housekeeping job's record (administrators).
use super::{ApiObject, ApiUser};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
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
    ApiObject(body): ApiObject<PrivacyPolicyDto>,
) -> ApiResult<Json<PrivacyPolicyDto>> {
    let form = PrivacyPolicy { controller: body.controller, contact: body.contact, text: body.text };
    Ok(Json(state.svc.set_privacy_policy(&user.actor, &form).await?.into()))
}

/// A person's copy of their data.
#[derive(Debug, Serialize, ToSchema)]
pub struct DataExportDto {
    pub id: i64,
    /// `queued` or `building` while it is gathered, `ready` for its one download.
    pub status: String,
    pub requested_at: String,
    pub ready_at: Option<String>,
    /// After this it can no longer be downloaded.
    pub expires_at: String,
    /// Where to download it (once), when ready.
    pub download: Option<String>,
}

impl From<idespor_domain::privacy::DataExport> for DataExportDto {
    fn from(e: idespor_domain::privacy::DataExport) -> Self {
        let ready = e.status == idespor_domain::privacy::ExportStatus::Ready;
        Self {
            id: e.id,
            status: e.status.as_str().into(),
            requested_at: e.requested_at.to_string(),
            ready_at: e.ready_at.map(|t| t.to_string()),
            expires_at: e.expires_at.to_string(),
            download: ready.then(|| format!("/api/v1/me/export/{}/download", e.id)),
        }
    }
}

/// Asks for a copy of everything Idéspor holds about me; it is gathered in the background.
/// Asked for again while one is on its way or waiting, the same one is answered.
#[utoipa::path(post, path = "/api/v1/me/export", tag = "people", responses((status = 202, body = DataExportDto)))]
pub async fn request_export(
    State(state): State<AppState>,
    user: ApiUser,
) -> ApiResult<(StatusCode, Json<DataExportDto>)> {
    Ok((StatusCode::ACCEPTED, Json(state.svc.request_export(&user.actor).await?.into())))
}

/// My copy on its way or waiting for its download (404 when there is none).
#[utoipa::path(get, path = "/api/v1/me/export", tag = "people",
    responses((status = 200, body = DataExportDto), (status = 404, body = ErrorBody)))]
pub async fn current_export(State(state): State<AppState>, user: ApiUser) -> ApiResult<Json<DataExportDto>> {
    let export = state.svc.current_export(&user.actor).await?;
    Ok(Json(export.ok_or(idespor_domain::DomainError::NotFound("export"))?.into()))
}

/// Downloads my ready copy, once: a ZIP with `index.html` (readable) and `idespor-data.json`.
#[utoipa::path(get, path = "/api/v1/me/export/{id}/download", tag = "people", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/zip", body = Vec<u8>), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Still being gathered (`export_not_ready`): try again shortly.")))]
pub async fn download_export(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult<axum::response::Response> {
    let data = state.svc.take_export(&user.actor, id).await?;
    Ok(crate::data_export::download(user.viewer.lang, &data))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct EraseMeBody {
    /// My password, to confirm.
    #[schema(required = true)]
    pub current_password: String,
}

/// Erases me: my personal data is deleted at once (every session and token ends); what I wrote
/// for the community stays under "Tidligere bruger" and my organization.
#[utoipa::path(delete, path = "/api/v1/me", tag = "people", request_body = EraseMeBody,
    responses((status = 204), (status = 404, body = ErrorBody, description = "I was erased by another request meanwhile"),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn erase_me(
    State(state): State<AppState>,
    user: ApiUser,
    ApiObject(body): ApiObject<EraseMeBody>,
) -> ApiResult<StatusCode> {
    state.svc.erase_me(&user.actor, &body.current_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An administrator erases a person (not themselves: that is `DELETE /api/v1/me`).
#[utoipa::path(delete, path = "/api/v1/users/{id}", tag = "admin", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn erase_user(State(state): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    state.svc.erase_person(&user.actor, idespor_domain::UserId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}
