//! My notifications: what happened to the ideas that concern me.

use crate::ctx::{Ctx, PageUser};
use crate::error::{OrPage, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use idespor_domain::notify::Notification;

#[derive(Template)]
#[template(path = "notifications.html")]
pub struct NotificationsPage {
    pub ctx: Ctx,
    pub list: Vec<Notification>,
    pub unread: i64,
}

impl NotificationsPage {
    fn notice(&self, n: &Notification) -> crate::notice::Notice {
        crate::notice::describe(self.ctx.lang, n)
    }
}

pub async fn list(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = user.viewer.ctx(&state, "notifications");
    let (list, unread) = state.svc.notifications(&user.actor).await.or_page(&ctx)?;
    Ok(render(&NotificationsPage { ctx, list, unread }))
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
