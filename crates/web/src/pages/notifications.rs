//! My notifications: what happened to the ideas that concern me.

use crate::ctx::{Ctx, PageUser};
use crate::error::{OrPage, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use idespor_domain::notify::{Notification, NotificationFilter, NotificationKind, NotificationPage};
use serde::Deserialize;

/// The list's filter and page, as the address gives them (`?kind=decision&unread=1&page=2`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NotificationsQuery {
    pub kind: String,
    pub unread: String,
    pub page: Option<i64>,
}

impl NotificationsQuery {
    pub fn filter(&self) -> NotificationFilter {
        NotificationFilter { kind: NotificationKind::parse(&self.kind), unread_only: !self.unread.is_empty() }
    }
    /// The address of another page of the same list.
    pub fn query_for_page(&self, page: i64) -> String {
        let f = self.filter();
        let mut parts = Vec::new();
        if let Some(kind) = f.kind {
            parts.push(format!("kind={}", kind.as_str()));
        }
        if f.unread_only {
            parts.push("unread=1".into());
        }
        parts.push(format!("page={page}"));
        parts.join("&")
    }
}

#[derive(Template)]
#[template(path = "notifications.html")]
pub struct NotificationsPage {
    pub ctx: Ctx,
    pub q: NotificationsQuery,
    pub filter: NotificationFilter,
    pub kinds: [NotificationKind; NotificationKind::ALL.len()],
    pub page: NotificationPage,
    pub last_page: i64,
}

impl NotificationsPage {
    fn notice(&self, n: &Notification) -> crate::notice::Notice {
        crate::notice::describe(self.ctx.lang, n)
    }
    fn is_kind(&self, kind: &NotificationKind) -> bool {
        self.filter.kind == Some(*kind)
    }
}

pub async fn list(State(state): State<AppState>, user: PageUser, Query(q): Query<NotificationsQuery>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "notifications");
    let filter = q.filter();
    let page = state.svc.notifications(&user.actor, filter, q.page.unwrap_or(1)).await.or_page(&ctx)?;
    let last_page = ((page.total + page.page_size - 1) / page.page_size).max(1);
    Ok(render(&NotificationsPage { ctx, q, filter, kinds: NotificationKind::ALL, page, last_page }))
}

pub async fn mark_one(State(state): State<AppState>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "notifications");
    state.svc.mark_notifications_read(&user.actor, Some(idespor_domain::NotificationId(id))).await.or_page(&ctx)?;
    Ok(Redirect::to("/notifications").into_response())
}

pub async fn mark_all(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = user.viewer.ctx(&state, "notifications");
    state.svc.mark_notifications_read(&user.actor, None).await.or_page(&ctx)?;
    Ok(Redirect::to("/notifications").into_response())
}
