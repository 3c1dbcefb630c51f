//! Two-step sign-in on the pages: the code page after the password, turning it on (QR code,
//! secret, first code, recovery codes shown once) and off on the profile, and the
//! administrators' rule. The rules are the domain's (`service/two_factor.rs`).

use crate::ctx::{Ctx, PageUser, Viewer};
use crate::error::{OrPage, PageError, PageResult, render, render_with};
use crate::middleware::{PENDING_COOKIE, append_cookie, removal_cookie_at, session_cookie};
use crate::pages::account::safe_next;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use idespor_domain::DomainError;
use idespor_domain::error::FieldErrors;
use idespor_domain::service::TwoFactorSetup;
use serde::Deserialize;

/// The pending sign-in's secret from its cookie.
fn pending_secret(jar: &axum_extra::extract::CookieJar) -> Option<String> {
    jar.get(PENDING_COOKIE).map(|c| c.value().to_string())
}

#[derive(Template)]
#[template(path = "login_code.html")]
pub struct CodePage {
    pub ctx: Ctx,
    pub name: String,
    pub next: String,
    pub errors: FieldErrors,
    pub problem: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeQuery {
    pub next: String,
}

fn back_to_login() -> Response {
    let mut response = Redirect::to("/login?notice=code_expired").into_response();
    append_cookie(&mut response, removal_cookie_at(PENDING_COOKIE, "/login"));
    response
}

pub async fn code_form(
    State(state): State<AppState>,
    viewer: Viewer,
    jar: axum_extra::extract::CookieJar,
    Query(q): Query<CodeQuery>,
) -> PageResult {
    let ctx = viewer.ctx(&state, "login");
    let Some(secret) = pending_secret(&jar) else { return Ok(back_to_login()) };
    match state.svc.pending_sign_in_user(&secret).await {
        Ok(user) => Ok(render(&CodePage {
            ctx,
            name: user.name,
            next: safe_next(&q.next),
            errors: FieldErrors::new(),
            problem: String::new(),
        })),
        Err(DomainError::NotFound(_)) => Ok(back_to_login()),
        Err(e) => Err(PageError::new(e, ctx)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeForm {
    pub code: String,
    pub next: String,
}

pub async fn code(
    State(state): State<AppState>,
    viewer: Viewer,
    jar: axum_extra::extract::CookieJar,
    Form(form): Form<CodeForm>,
) -> PageResult {
    let ctx = viewer.ctx(&state, "login");
    let Some(secret) = pending_secret(&jar) else { return Ok(back_to_login()) };
    let next = safe_next(&form.next);
    match state.svc.complete_sign_in(&secret, &form.code).await {
        Ok(signed_in) => {
            let mut response = Redirect::to(&next).into_response();
            append_cookie(&mut response, removal_cookie_at(PENDING_COOKIE, "/login"));
            append_cookie(&mut response, session_cookie(signed_in.session_secret, state.config.secure_cookies));
            Ok(response)
        }
        Err(DomainError::NotFound(_)) => Ok(back_to_login()),
        Err(error @ (DomainError::Invalid(_) | DomainError::RateLimited)) => {
            let user = state.svc.pending_sign_in_user(&secret).await.or_page(&ctx)?;
            let (status, errors, problem) = match error {
                DomainError::Invalid(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors, String::new()),
                _ => (StatusCode::TOO_MANY_REQUESTS, FieldErrors::new(), ctx.t("err-rate_limited")),
            };
            Ok(render_with(status, &CodePage { ctx, name: user.name, next, errors, problem }))
        }
        Err(e) => Err(PageError::new(e, ctx)),
    }
}

#[derive(Template)]
#[template(path = "two_factor_setup.html")]
pub struct SetupPage {
    pub ctx: Ctx,
    pub setup: TwoFactorSetup,
    /// The QR code of the app address, as inline SVG (our own markup; the CSP allows it).
    pub qr_svg: String,
    /// The secret in groups of four, for typing.
    pub secret_groups: String,
    pub errors: FieldErrors,
    /// After confirming: the recovery codes, shown this once.
    pub recovery_codes: Vec<String>,
}

fn qr_svg(url: &str) -> String {
    use qrcode::QrCode;
    use qrcode::render::svg;
    match QrCode::new(url.as_bytes()) {
        Ok(code) => code
            .render::<svg::Color<'_>>()
            .min_dimensions(200, 200)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build(),
        Err(_) => String::new(),
    }
}

fn setup_page(ctx: Ctx, setup: TwoFactorSetup) -> SetupPage {
    let qr_svg = qr_svg(&setup.url);
    let secret_groups = setup
        .secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    SetupPage { ctx, setup, qr_svg, secret_groups, errors: FieldErrors::new(), recovery_codes: Vec::new() }
}

pub async fn setup_form(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = user.viewer.ctx(&state, "profile");
    match state.svc.two_factor_setup(&user.actor, &state.config.product_name).await.or_page(&ctx)? {
        Some(setup) => Ok(render(&setup_page(ctx, setup))),
        None => Ok(Redirect::to("/profile#two-factor").into_response()),
    }
}

pub async fn start(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = user.viewer.ctx(&state, "profile");
    state.svc.start_two_factor(&user.actor, &state.config.product_name).await.or_page(&ctx)?;
    Ok(Redirect::to("/profile/two-factor").into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConfirmForm {
    pub code: String,
}

pub async fn confirm(State(state): State<AppState>, user: PageUser, Form(form): Form<ConfirmForm>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "profile");
    let setup = state.svc.two_factor_setup(&user.actor, &state.config.product_name).await.or_page(&ctx)?;
    let Some(setup) = setup else { return Ok(Redirect::to("/profile#two-factor").into_response()) };
    match state.svc.confirm_two_factor(&user.actor, &form.code).await {
        Ok(codes) => {
            let mut page = setup_page(ctx, setup);
            page.recovery_codes = codes;
            Ok(render(&page))
        }
        Err(DomainError::Invalid(errors)) => {
            let mut page = setup_page(ctx, setup);
            page.errors = errors;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(PageError::new(e, ctx)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OffForm {
    pub current_password: String,
}

pub async fn off(State(state): State<AppState>, user: PageUser, Form(form): Form<OffForm>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "profile");
    match state.svc.disable_two_factor(&user.actor, &form.current_password).await {
        Ok(()) => Ok(Redirect::to("/profile?notice=two_factor_off#two-factor").into_response()),
        Err(DomainError::Invalid(errors)) => {
            let mut page = crate::pages::account::ProfilePage::build(&state, &user, ctx).await?;
            page.two_factor_errors = errors;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(PageError::new(e, ctx)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RequireForm {
    pub required: String,
}

/// The administrators' rule, set on the people page.
pub async fn require_for_admins(
    State(state): State<AppState>,
    user: PageUser,
    Form(form): Form<RequireForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "admin");
    let required = matches!(form.required.as_str(), "on" | "true");
    state.svc.set_two_factor_required_for_admins(&user.actor, required).await.or_page(&ctx)?;
    Ok(Redirect::to("/admin/users?notice=saved").into_response())
}
