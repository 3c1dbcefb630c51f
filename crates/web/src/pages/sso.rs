//! Single sign-on on the pages: the buttons on the sign-in page post here, the browser goes to
//! the provider, and comes back to the callback, which signs the person in or says in Danish
//! why not. The protocol is `crate::sso`'s; the rules are the domain's (`service/sso.rs`).

use crate::ctx::{Ctx, Viewer};
use crate::middleware::{SSO_COOKIE, append_cookie, removal_cookie_at, session_cookie, sso_cookie};
use crate::pages::PeerAddr;
use crate::pages::account::safe_next;
use crate::sso::SsoProviderConfig;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use idespor_domain::DomainError;
use idespor_domain::sso::SsoAttempt;
use serde::Deserialize;

/// The address a provider sends the browser back to (registered at the provider).
pub fn callback_url(state: &AppState, provider: &str) -> String {
    format!("{}/login/sso/{provider}/callback", state.config.base_url)
}

#[derive(Template)]
#[template(path = "sso_refused.html")]
pub struct RefusedPage {
    pub ctx: Ctx,
    /// Why, in the reader's language.
    pub message: String,
}

/// A refusal page: what went wrong in words, and the way back to the sign-in page. The details
/// go to the log (never a token or a code).
fn refused(ctx: Ctx, code: &str, detail: &str) -> Response {
    let status = match code {
        "sso_provider_unreachable" => StatusCode::BAD_GATEWAY,
        "sso_rate_limited" => StatusCode::TOO_MANY_REQUESTS,
        "sso_unknown_provider" | "sso_attempt" => StatusCode::BAD_REQUEST,
        _ => StatusCode::FORBIDDEN,
    };
    tracing::warn!(code, detail, "single sign-on refused");
    let message = ctx.t(&format!("err-{code}"));
    crate::error::render_with(status, &RefusedPage { ctx, message })
}

/// The provider an address names (of the configuration file or the administration), or the
/// refusal: unknown, or the database does not answer.
async fn provider_named(state: &AppState, ctx: &Ctx, id: &str) -> Result<SsoProviderConfig, Response> {
    match state.config.sso.find(&state.svc, id).await {
        Ok(Some(found)) => Ok(found),
        Ok(None) => Err(refused(ctx.clone(), "sso_unknown_provider", &format!("no provider {id:?}"))),
        Err(e) => Err(crate::error::PageError::new(e, ctx.clone()).into_response()),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StartForm {
    pub next: String,
}

/// Begins a sign-in at a provider (a form on the sign-in page, with its CSRF token).
pub async fn start(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(provider): Path<String>,
    Form(form): Form<StartForm>,
) -> Response {
    let ctx = viewer.ctx(&state, "login");
    let found = match provider_named(&state, &ctx, &provider).await {
        Ok(found) => found,
        Err(refusal) => return refusal,
    };
    let authorization = match state.config.sso.authorization(&found, &callback_url(&state, &provider)).await {
        Ok(a) => a,
        Err(e) => return refused(ctx, e.code, &e.detail),
    };
    let browser = idespor_domain::auth::new_secret();
    let attempt = SsoAttempt {
        provider: provider.clone(),
        pkce_verifier: authorization.pkce_verifier,
        nonce: authorization.nonce,
        next: safe_next(&form.next),
    };
    if let Err(e) = state.svc.begin_sso(&authorization.state, &browser, &attempt).await {
        return crate::error::PageError::new(e, ctx).into_response();
    }
    let mut response = Redirect::to(&authorization.url).into_response();
    append_cookie(&mut response, sso_cookie(browser, state.config.secure_cookies));
    response
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CallbackQuery {
    pub code: String,
    pub state: String,
    /// The provider's refusal (e.g. `access_denied` when the person cancelled).
    pub error: String,
}

/// The provider's answer: taken once, in the browser that began the sign-in, its token checked,
/// and the person signed in (created or linked as the rules say).
pub async fn callback(
    State(state): State<AppState>,
    viewer: Viewer,
    PeerAddr(peer): PeerAddr,
    jar: axum_extra::extract::CookieJar,
    Path(provider): Path<String>,
    Query(q): Query<CallbackQuery>,
) -> Response {
    let ctx = viewer.ctx(&state, "login");
    let browser = jar.get(SSO_COOKIE).map(|c| c.value().to_string());
    let attempt = match state.svc.take_sso_attempt(&q.state, browser.as_deref(), &peer).await {
        Ok(attempt) if attempt.provider == provider => attempt,
        Ok(_) => return refused(ctx, "sso_attempt", "the answer came to another provider's address"),
        Err(DomainError::RateLimited) => return refused(ctx, "sso_rate_limited", "too many failed answers"),
        Err(DomainError::NotFound(_)) => return refused(ctx, "sso_attempt", "unknown, used or expired state"),
        Err(DomainError::Forbidden(code)) => return refused(ctx, code, "the answer belongs to another browser"),
        Err(e) => return crate::error::PageError::new(e, ctx).into_response(),
    };
    if !q.error.is_empty() {
        return refused(ctx, "sso_provider_refused", &format!("the provider answered {:?}", q.error));
    }
    let found = match provider_named(&state, &ctx, &provider).await {
        Ok(found) => found,
        Err(refusal) => return refusal,
    };
    let identity = match state
        .config
        .sso
        .finish(&found, &q.code, &attempt.pkce_verifier, &attempt.nonce, &callback_url(&state, &provider))
        .await
    {
        Ok(identity) => identity,
        Err(e) => return refused(ctx, e.code, &e.detail),
    };
    match state.svc.sign_in_with_sso(&identity).await {
        Ok(signed_in) if signed_in.second_step => {
            let next = form_urlencoded::byte_serialize(attempt.next.as_bytes()).collect::<String>();
            let mut response = Redirect::to(&format!("/login/code?next={next}")).into_response();
            append_cookie(&mut response, removal_cookie_at(SSO_COOKIE, "/login/sso"));
            append_cookie(
                &mut response,
                crate::middleware::pending_cookie(signed_in.session_secret, state.config.secure_cookies),
            );
            response
        }
        Ok(signed_in) => {
            let mut response = Redirect::to(&attempt.next).into_response();
            append_cookie(&mut response, removal_cookie_at(SSO_COOKIE, "/login/sso"));
            append_cookie(&mut response, session_cookie(signed_in.session_secret, state.config.secure_cookies));
            response
        }
        Err(DomainError::Forbidden(code) | DomainError::Conflict(code)) => refused(ctx, code, "the identity's rules"),
        Err(e) => crate::error::PageError::new(e, ctx).into_response(),
    }
}
