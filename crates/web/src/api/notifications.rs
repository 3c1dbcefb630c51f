//! API handlers for a person's notifications.
use super::ApiUser;
use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationDto {
    pub id: i64,
    /// moved, commented, decision or meeting
    pub kind: String,
    pub idea_id: Option<i64>,
    pub idea_title: Option<String>,
    pub meeting_id: Option<i64>,
    pub meeting_title: Option<String>,
    /// For a meeting: planned, changed, cancelled or minutes.
    pub meeting_change: Option<String>,
    pub decision_id: Option<i64>,
    pub decision_title: Option<String>,
    /// The group that decided or meets.
    pub group: Option<String>,
    pub actor: Option<String>,
    pub move_kind: Option<String>,
    pub to_status: Option<String>,
    pub created_at: String,
    pub read_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationsDto {
    pub unread: i64,
    /// The newest 100.
    pub notifications: Vec<NotificationDto>,
}

/// My notifications, newest first, with the number unread.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", responses((status = 200, body = NotificationsDto)))]
pub async fn notifications(State(state): State<AppState>, user: ApiUser) -> ApiResult<Json<NotificationsDto>> {
    let (list, unread) = state.svc.notifications(&user.actor).await?;
    Ok(Json(NotificationsDto {
        unread,
        notifications: list
            .iter()
            .map(|n| NotificationDto {
                id: n.id.0,
                kind: n.kind.as_str().into(),
                idea_id: n.idea_id.map(|i| i.0),
                idea_title: n.idea_title.clone(),
                meeting_id: n.meeting_id.map(|m| m.0),
                meeting_title: n.meeting_title.clone(),
                meeting_change: n.meeting_change.map(|c| c.as_str().into()),
                decision_id: n.decision_id.map(|d| d.0),
                decision_title: n.decision_title.clone(),
                group: n.group_name.clone(),
                actor: n.actor_name.clone(),
                move_kind: n.move_kind.map(|k| k.as_str().into()),
                to_status: n.to_status.map(|s| s.as_str().into()),
                created_at: n.created_at.to_string(),
                read_at: n.read_at.map(|t| t.to_string()),
            })
            .collect(),
    }))
}

/// Marks one of my notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications", params(("id" = i64, Path)), responses((status = 204)))]
pub async fn read_notification(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    state.svc.mark_notifications_read(&user.actor, Some(idespor_domain::NotificationId(id))).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Marks all my notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/read", tag = "notifications", responses((status = 204)))]
pub async fn read_all_notifications(State(state): State<AppState>, user: ApiUser) -> ApiResult<StatusCode> {
    state.svc.mark_notifications_read(&user.actor, None).await?;
    Ok(StatusCode::NO_CONTENT)
}
