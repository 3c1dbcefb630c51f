//! Moderation pages: the log of what moderators did, and one target (an idea, a comment,
//! minutes, a decision) with its texts as they stand, a form to remove a passage everywhere, and
//! for a comment a form to hide or show it. The rules are the domain's (`service::moderation`).

use crate::ctx::{Ctx, PageUser};
use crate::error::{OrPage, PageError, PageResult, render, render_with};
use crate::pages::NoticeQuery;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use idespor_domain::error::FieldErrors;
use idespor_domain::moderation::{LogEntry, RedactionForm, Target, TargetView};
use idespor_domain::{CommentId, DomainError};
use serde::Deserialize;

fn moderation_ctx(state: &AppState, user: &PageUser) -> Result<Ctx, PageError> {
    let ctx = user.viewer.ctx(state, "moderation");
    user.actor.require_moderator().or_page(&ctx)?;
    Ok(ctx)
}

fn target(kind: &str, id: i64, ctx: &Ctx) -> Result<Target, PageError> {
    Target::parse(kind, id).ok_or_else(|| PageError::new(DomainError::NotFound("moderation_target"), ctx.clone()))
}

#[derive(Template)]
#[template(path = "moderation/log.html")]
pub struct LogPage {
    pub ctx: Ctx,
    pub entries: Vec<LogEntry>,
}

pub async fn log(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = moderation_ctx(&state, &user)?;
    let entries = state.svc.moderation_log(&user.actor).await.or_page(&ctx)?;
    Ok(render(&LogPage { ctx, entries }))
}

#[derive(Template)]
#[template(path = "moderation/target.html")]
pub struct TargetPage {
    pub ctx: Ctx,
    pub view: TargetView,
    pub form: RedactionForm,
    pub errors: FieldErrors,
    /// The hide/show form's reason and its errors.
    pub hide_reason: String,
    pub hide_errors: FieldErrors,
    pub notice: String,
}

impl TargetPage {
    async fn build(state: &AppState, user: &PageUser, ctx: Ctx, target: Target) -> Result<Self, PageError> {
        let view = state.svc.moderation_target(&user.actor, target).await.or_page(&ctx)?;
        Ok(Self {
            ctx,
            view,
            form: RedactionForm::default(),
            errors: FieldErrors::new(),
            hide_reason: String::new(),
            hide_errors: FieldErrors::new(),
            notice: String::new(),
        })
    }
    pub fn kind_label(&self) -> String {
        self.ctx.t(&format!("moderation-kind-{}", self.view.target.kind()))
    }
    pub fn field_label(&self, field: &str) -> String {
        self.ctx.t(&format!("moderation-field-{field}"))
    }
    pub fn action(&self) -> String {
        format!("/moderation/{}/{}", self.view.target.kind(), self.view.target.id())
    }
}

pub async fn target_page(
    State(state): State<AppState>,
    user: PageUser,
    Path((kind, id)): Path<(String, i64)>,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let ctx = moderation_ctx(&state, &user)?;
    let target = target(&kind, id, &ctx)?;
    let mut page = TargetPage::build(&state, &user, ctx, target).await?;
    page.notice = q.text(&page.ctx);
    Ok(render(&page))
}

pub async fn redact(
    State(state): State<AppState>,
    user: PageUser,
    Path((kind, id)): Path<(String, i64)>,
    Form(form): Form<RedactionForm>,
) -> PageResult {
    let ctx = moderation_ctx(&state, &user)?;
    let target = target(&kind, id, &ctx)?;
    match state.svc.redact(&user.actor, target, &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/moderation/{kind}/{id}?notice=redacted")).into_response()),
        Err(DomainError::Invalid(errors)) => {
            let mut page = TargetPage::build(&state, &user, ctx, target).await?;
            page.form = form;
            page.errors = errors;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HideForm {
    pub reason: String,
}

async fn set_hidden(state: AppState, user: PageUser, id: i64, hidden: bool, form: HideForm) -> PageResult {
    let ctx = moderation_ctx(&state, &user)?;
    match state.svc.hide_comment(&user.actor, CommentId(id), hidden, &form.reason).await {
        Ok(()) => {
            let notice = if hidden { "comment_hidden" } else { "comment_shown" };
            Ok(Redirect::to(&format!("/moderation/comment/{id}?notice={notice}")).into_response())
        }
        Err(DomainError::Invalid(errors)) => {
            let mut page = TargetPage::build(&state, &user, ctx, Target::Comment(CommentId(id))).await?;
            page.hide_reason = form.reason;
            page.hide_errors = errors;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

pub async fn hide_comment(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<HideForm>,
) -> PageResult {
    set_hidden(state, user, id, true, form).await
}

pub async fn show_comment(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<HideForm>,
) -> PageResult {
    set_hidden(state, user, id, false, form).await
}
