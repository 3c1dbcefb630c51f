//! API handlers for a person's notifications.
use super::ApiUser;
use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use idespor_domain::DomainError;
use idespor_domain::notify::{NotificationFilter, NotificationKind};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationDto {
    pub id: i64,
    /// moved, commented, edited, decision, meeting or moderated
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
    /// How many of all my notifications are unread.
    pub unread: i64,
    /// How many match the filter.
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    /// This page of them, newest first.
    pub notifications: Vec<NotificationDto>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct NotificationsParams {
    /// Only this kind: moved, commented, decision or meeting.
    pub kind: Option<String>,
    /// Only the unread ones.
    pub unread: Option<bool>,
    /// The page, from 1 (50 to a page).
    pub page: Option<i64>,
}

/// My notifications, newest first, a page at a time, with the number unread.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", params(NotificationsParams), responses((status = 200, body = NotificationsDto), (status = 422, body = crate::error::ErrorBody)))]
pub async fn notifications(
    State(state): State<AppState>,
    user: ApiUser,
    Query(q): Query<NotificationsParams>,
) -> ApiResult<Json<NotificationsDto>> {
    let kind = match q.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(
            NotificationKind::parse(k).ok_or_else(|| ApiError::from(DomainError::invalid("kind", "kind_unknown")))?,
        ),
        None => None,
    };
    let filter = NotificationFilter { kind, unread_only: q.unread.unwrap_or(false) };
    let page = state.svc.notifications(&user.actor, filter, q.page.unwrap_or(1)).await?;
    Ok(Json(NotificationsDto {
        unread: page.unread,
        total: page.total,
        page: page.page,
        page_size: page.page_size,
        notifications: page
            .list
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
