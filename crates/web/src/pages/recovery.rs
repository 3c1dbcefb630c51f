//! "Glemt adgangskode": asking for a password link by mail, and choosing a new password with it.
//! The rules (same answer for every address, throttling, one use, sessions ended) are the
//! domain's (`service/account.rs`).

use crate::ctx::{Ctx, Viewer};
use crate::error::{PageError, PageResult, render, render_with};
use crate::middleware::{SESSION_COOKIE, append_cookie, removal_cookie};
use crate::pages::{NoticeQuery, PeerAddr};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use idespor_domain::DomainError;
use idespor_domain::error::FieldErrors;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "password_forgot.html")]
pub struct ForgotPage {
    pub ctx: Ctx,
    pub email: String,
    pub errors: FieldErrors,
    pub notice: String,
    /// A problem for the whole form (too many requests).
    pub problem: String,
}

pub async fn forgot_form(State(state): State<AppState>, viewer: Viewer, Query(q): Query<NoticeQuery>) -> PageResult {
    let ctx = viewer.ctx(&state, "login");
    let notice = q.text(&ctx);
    Ok(render(&ForgotPage { ctx, email: String::new(), errors: FieldErrors::new(), notice, problem: String::new() }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ForgotForm {
    pub email: String,
}

pub async fn forgot(
    State(state): State<AppState>,
    viewer: Viewer,
    PeerAddr(peer): PeerAddr,
    Form(form): Form<ForgotForm>,
) -> PageResult {
    let ctx = viewer.ctx(&state, "login");
    let page = |ctx: Ctx, errors: FieldErrors, problem: String| ForgotPage {
        ctx,
        email: form.email.clone(),
        errors,
        notice: String::new(),
        problem,
    };
    match state.svc.request_password_reset(&form.email, &peer).await {
        Ok(()) => Ok(Redirect::to("/password/forgot?notice=reset_sent").into_response()),
        Err(DomainError::Invalid(errors)) => {
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page(ctx, errors, String::new())))
        }
        Err(DomainError::RateLimited) => {
            let problem = ctx.t("err-rate_limited");
            Ok(render_with(StatusCode::TOO_MANY_REQUESTS, &page(ctx, FieldErrors::new(), problem)))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

#[derive(Template)]
#[template(path = "password_reset.html")]
pub struct ResetPage {
    pub ctx: Ctx,
    pub action: String,
    pub name: String,
    pub errors: FieldErrors,
}

pub async fn reset_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, token)): Path<(i64, String)>,
) -> PageResult {
    let ctx = viewer.ctx(&state, "login");
    let user = state.svc.password_reset_user(id, &token).await.map_err(|e| PageError::new(e, ctx.clone()))?;
    let action = format!("/password/reset/{id}/{token}");
    Ok(render(&ResetPage { ctx, action, name: user.name, errors: FieldErrors::new() }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    pub password: String,
}

pub async fn reset(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, token)): Path<(i64, String)>,
    Form(form): Form<ResetForm>,
) -> PageResult {
    let ctx = viewer.ctx(&state, "login");
    match state.svc.reset_password(id, &token, &form.password).await {
        Ok(_) => {
            // Every session of the person ended, this browser's too if it was theirs.
            let mut response = Redirect::to("/login?notice=password_reset").into_response();
            append_cookie(&mut response, removal_cookie(SESSION_COOKIE));
            Ok(response)
        }
        Err(DomainError::Invalid(errors)) => {
            let user = state.svc.password_reset_user(id, &token).await.map_err(|e| PageError::new(e, ctx.clone()))?;
            let action = format!("/password/reset/{id}/{token}");
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &ResetPage { ctx, action, name: user.name, errors }))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}
