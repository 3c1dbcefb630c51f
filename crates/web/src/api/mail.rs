//! API handlers for mail: a person's notification preferences, and the operators' outbox.
use super::{ApiJson, ApiUser};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use idespor_domain::DomainError;
use idespor_domain::mail::{Cadence, OutboxMessage, OutboxStatus};
use idespor_domain::notify::NotificationKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

type ApiResult<T> = Result<T, ApiError>;

/// My e-mail preferences: for each kind (moved, commented, decision, meeting) one of
/// immediate, daily, weekly or off.
#[utoipa::path(get, path = "/api/v1/me/preferences", tag = "notifications",
    responses((status = 200, body = BTreeMap<String, String>)))]
pub async fn get_preferences(
    State(state): State<AppState>,
    user: ApiUser,
) -> ApiResult<Json<BTreeMap<String, String>>> {
    let prefs = state.svc.preferences(&user.actor).await?;
    Ok(Json(prefs.0.iter().map(|(k, c)| (k.as_str().to_string(), c.as_str().to_string())).collect()))
}

/// Changes some or all of my e-mail preferences.
#[utoipa::path(put, path = "/api/v1/me/preferences", tag = "notifications",
    request_body = BTreeMap<String, String>,
    responses((status = 200, body = BTreeMap<String, String>), (status = 422, body = ErrorBody)))]
pub async fn put_preferences(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<BTreeMap<String, String>>,
) -> ApiResult<Json<BTreeMap<String, String>>> {
    let mut prefs = Vec::new();
    for (kind, cadence) in &body {
        let kind = NotificationKind::parse(kind).ok_or(DomainError::invalid("kind", "kind_unknown"))?;
        let cadence = Cadence::parse(cadence).ok_or(DomainError::invalid("cadence", "cadence_unknown"))?;
        prefs.push((kind, cadence));
    }
    state.svc.set_preferences(&user.actor, &prefs).await?;
    get_preferences(State(state), user).await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxDto {
    pub id: i64,
    /// notification, digest_daily or digest_weekly
    pub kind: String,
    pub to: Option<String>,
    /// queued, sending, sent or failed
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: String,
    pub last_error: Option<String>,
    pub subject: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
}

impl From<&OutboxMessage> for OutboxDto {
    fn from(m: &OutboxMessage) -> Self {
        Self {
            id: m.id.0,
            kind: m.kind.as_str().into(),
            to: m.to_address.clone(),
            status: m.status.as_str().into(),
            attempts: m.attempts,
            next_attempt_at: m.next_attempt_at.to_string(),
            last_error: m.last_error.clone(),
            subject: m.subject.clone(),
            created_at: m.created_at.to_string(),
            sent_at: m.sent_at.map(|t| t.to_string()),
        }
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// queued, sending, sent or failed
    pub status: Option<String>,
}

/// The outbox (administrators): the newest 200 mails.
#[utoipa::path(get, path = "/api/v1/admin/outbox", tag = "admin", params(OutboxQuery),
    responses((status = 200, body = [OutboxDto]), (status = 403, body = ErrorBody)))]
pub async fn outbox(
    State(state): State<AppState>,
    user: ApiUser,
    Query(q): Query<OutboxQuery>,
) -> ApiResult<Json<Vec<OutboxDto>>> {
    let status = q.status.as_deref().and_then(OutboxStatus::parse);
    let (list, _) = state.svc.outbox(&user.actor, status).await?;
    Ok(Json(list.iter().map(OutboxDto::from).collect()))
}

/// Sends a queued or failed mail again now (administrators).
#[utoipa::path(post, path = "/api/v1/admin/outbox/{id}/retry", tag = "admin", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn retry(State(state): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    state.svc.retry_mail(&user.actor, idespor_domain::OutboxId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}
