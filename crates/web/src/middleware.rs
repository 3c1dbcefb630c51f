//! Middleware run on every request: observing (log line and metrics), resolving the viewer
//! (session cookie or bearer token, language, CSRF cookie) and CSRF protection.

use crate::ctx::Viewer;
use crate::error::ApiError;
use crate::i18n;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use idespor_domain::DomainError;
use idespor_domain::auth::new_secret;
use std::time::Instant;
use subtle::ConstantTimeEq;

pub const SESSION_COOKIE: &str = "idespor_session";
pub const CSRF_COOKIE: &str = "idespor_csrf";
pub const CSRF_FIELD: &str = "csrf_token";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// One log line per request (route template, never the query string, which may carry tokens)
/// and the Prometheus metrics.
pub async fn observe(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let response = next.run(req).await;
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    tracing::info!(
        method = %method,
        route = %route,
        status,
        duration_ms = elapsed.as_secs_f64() * 1000.0,
        "request"
    );
    let labels = [("method", method.to_string()), ("route", route), ("status", status.to_string())];
    metrics::with_local_recorder(&state.metrics.recorder, || {
        metrics::counter!("http_requests_total", &labels).increment(1);
        metrics::histogram!("http_request_duration_seconds", &labels[..2]).record(elapsed.as_secs_f64());
    });
    response
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn accept_language(req: &Request) -> idespor_domain::user::Language {
    i18n::from_accept_language(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
}

/// The language of the API's error messages: the one the request asks for (`Accept-Language`),
/// else the person's own, else English.
fn api_language(req: &Request, person: Option<idespor_domain::user::Language>) -> idespor_domain::user::Language {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(i18n::asked_language)
        .or(person)
        .unwrap_or(idespor_domain::user::Language::En)
}

/// Resolves who is asking, once, and leaves a [`Viewer`] in the request's extensions.
pub async fn resolve_viewer(State(state): State<AppState>, jar: CookieJar, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut user = None;
    let mut via_token = false;
    let mut session_secret = None;
    let mut session_unread = None;
    let mut clear_session = false;
    if let Some(token) = bearer(req.headers()) {
        match state.svc.user_for_token(token).await {
            Ok(Some(u)) => {
                user = Some(u);
                via_token = true;
            }
            Ok(None) => {
                let response = ApiError::new(StatusCode::UNAUTHORIZED, "invalid_token").into_response();
                return crate::error::api_error_in(response, api_language(&req, None));
            }
            Err(e) => return unavailable(&state, &path, accept_language(&req), e),
        }
    } else if let Some(cookie) = jar.get(SESSION_COOKIE) {
        match state.svc.user_for_session(cookie.value()).await {
            Ok(Some((u, unread))) => {
                user = Some(u);
                session_unread = Some(unread);
                session_secret = Some(cookie.value().to_string());
            }
            Ok(None) => clear_session = true,
            Err(e) => return unavailable(&state, &path, accept_language(&req), e),
        }
    }
    // An administrator the community requires two-step sign-in of, without it, acts as a
    // member until they turn it on.
    let mut admin_needs_two_factor = false;
    if let Some(u) = user.take() {
        match state.svc.effective_user(u).await {
            Ok((u, held)) => {
                user = Some(u);
                admin_needs_two_factor = held;
            }
            Err(e) => return unavailable(&state, &path, accept_language(&req), e),
        }
    }
    let (csrf_token, new_csrf) = match jar.get(CSRF_COOKIE) {
        Some(c) if c.value().len() == 64 => (c.value().to_string(), false),
        _ => (new_secret(), true),
    };
    let lang = match &user {
        Some(u) => u.language,
        None => accept_language(&req),
    };
    let unread = match (&user, session_unread) {
        (Some(_), _) if is_api(&path) => 0,
        (Some(_), Some(unread)) => unread,
        (Some(u), None) => {
            state.svc.unread_notifications(&idespor_domain::service::Actor::new(u.clone())).await.unwrap_or(0)
        }
        (None, _) => 0,
    };
    let user_language = user.as_ref().map(|u| u.language);
    // Someone not signed in on a page: which pages are open to them, for the navigation only
    // (whether they may read one is the domain's answer in its handler). Not for the operator's
    // endpoints and the stylesheet, which answer while the database does not.
    let page = !is_api(&path) && !path.starts_with("/static/") && !matches!(path.as_str(), "/healthz" | "/metrics");
    let public_pages = if user.is_none() && page {
        state.svc.public_pages().await.unwrap_or_else(|e| {
            tracing::warn!(error = %e, "could not read which pages are open to visitors");
            Default::default()
        })
    } else {
        Default::default()
    };
    req.extensions_mut().insert(Viewer {
        user,
        lang,
        csrf_token: csrf_token.clone(),
        session_secret,
        via_token,
        unread,
        admin_needs_two_factor,
        public_pages,
    });
    let api_lang = api_language(&req, user_language);
    let mut response = next.run(req).await;
    if is_api(&path) {
        response = crate::error::api_error_in(response, api_lang);
    }
    if new_csrf {
        append_cookie(&mut response, csrf_cookie(csrf_token, state.config.secure_cookies));
    }
    if clear_session {
        append_cookie(&mut response, removal_cookie(SESSION_COOKIE));
    }
    response
}

/// The database failed while finding out who is asking: the API's JSON error, or the error page
/// in the layout (as an anonymous visitor, since who it is could not be read).
fn unavailable(state: &AppState, path: &str, lang: idespor_domain::user::Language, error: DomainError) -> Response {
    tracing::warn!(error = %error, "could not resolve the session");
    if is_api(path) {
        ApiError::from(error).into_response()
    } else {
        let ctx = crate::ctx::Ctx {
            lang,
            user: None,
            csrf: String::new(),
            product_name: state.config.product_name.clone(),
            section: "",
            now: state.svc.now(),
            unread: 0,
            admin_needs_two_factor: false,
            public_pages: Default::default(),
        };
        crate::error::PageError::new(error, ctx).into_response()
    }
}

pub fn append_cookie(response: &mut Response, cookie: Cookie<'static>) {
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

pub fn session_cookie(secret: String, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, secret))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::seconds(idespor_domain::auth::SESSION_LIFETIME.as_secs()))
        .build()
}

fn csrf_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((CSRF_COOKIE, token)).path("/").http_only(true).secure(secure).same_site(SameSite::Strict).build()
}

/// The cookie of a sign-in that waits for its code: short-lived, for the code page only.
pub const PENDING_COOKIE: &str = "idespor_pending";

pub fn pending_cookie(secret: String, secure: bool) -> Cookie<'static> {
    Cookie::build((PENDING_COOKIE, secret))
        .path("/login")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::seconds(idespor_domain::two_factor::PENDING_LIFETIME.as_secs()))
        .build()
}

/// The cookie of a sign-in begun at a provider: the browser's half of the attempt, so that
/// the provider's answer is taken only in the browser that began it. Lax: the answer arrives
/// as a top-level navigation from the provider's site.
pub const SSO_COOKIE: &str = "idespor_sso";

pub fn sso_cookie(secret: String, secure: bool) -> Cookie<'static> {
    Cookie::build((SSO_COOKIE, secret))
        .path("/login/sso")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::seconds(idespor_domain::sso::ATTEMPT_LIFETIME.as_secs()))
        .build()
}

pub fn removal_cookie_at(name: &'static str, path: &'static str) -> Cookie<'static> {
    Cookie::build((name, "")).path(path).max_age(cookie::time::Duration::ZERO).build()
}

pub fn removal_cookie(name: &'static str) -> Cookie<'static> {
    Cookie::build((name, "")).path("/").max_age(cookie::time::Duration::ZERO).build()
}

fn csrf_failure(path: &str, lang: idespor_domain::user::Language) -> Response {
    if is_api(path) {
        ApiError::new(StatusCode::FORBIDDEN, "csrf_failed").into_response()
    } else {
        (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], i18n::t(lang, "err-csrf_failed"))
            .into_response()
    }
}

/// CSRF protection for every state-changing request, pages and API alike:
/// 1. a request a browser marks as cross-site (`Sec-Fetch-Site`, or an `Origin` that is not
///    this host) is refused;
/// 2. a request carrying cookies must also carry the CSRF token (form field `csrf_token` or
///    header `X-CSRF-Token`) equal to the `idespor_csrf` cookie (double submit);
/// 3. a request authenticated only by a bearer token carries no ambient credential and needs
///    no CSRF token; neither does an API call with no credential at all (it is answered 401).
pub async fn csrf(State(state): State<AppState>, jar: CookieJar, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let path = req.uri().path().to_string();
    // A one-click unsubscribe (RFC 8058) comes from the mail provider, cross-site and without
    // cookies; the signed link itself is the authority, and all it can do is turn mail off.
    if path.starts_with(crate::pages::mail::UNSUBSCRIBE_PREFIX) {
        return next.run(req).await;
    }
    let lang = req.extensions().get::<Viewer>().map(|v| v.lang).unwrap_or_default();
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return csrf_failure(&path, lang);
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
        let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or(origin);
        if origin == "null" || !origin_host.eq_ignore_ascii_case(host) {
            return csrf_failure(&path, lang);
        }
    }
    let has_cookie_credentials = jar.get(SESSION_COOKIE).is_some();
    if bearer(headers).is_some() && !has_cookie_credentials {
        return next.run(req).await;
    }
    // An API call with no credential at all has nothing a forged request could borrow: let it
    // through to be answered 401 `unauthenticated`, as the API documents.
    if is_api(&path) && !has_cookie_credentials {
        return next.run(req).await;
    }
    let Some(expected) = jar.get(CSRF_COOKIE).map(|c| c.value().to_string()) else {
        return csrf_failure(&path, lang);
    };
    let matches = |given: &str| bool::from(given.as_bytes().ct_eq(expected.as_bytes()));
    if let Some(given) = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()) {
        return if matches(given) { next.run(req).await } else { csrf_failure(&path, lang) };
    }
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return csrf_failure(&path, lang);
    }
    // Read the form to find the token, then hand the same bytes on to the handler.
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, state.config.body_limit).await {
        Ok(bytes) => bytes,
        Err(_) => return (StatusCode::PAYLOAD_TOO_LARGE, i18n::t(lang, "err-payload_too_large")).into_response(),
    };
    let token = form_urlencoded::parse(&bytes).find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v.into_owned());
    match token {
        Some(given) if matches(&given) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        _ => csrf_failure(&path, lang),
    }
}

/// The framework's own refusals (a malformed id in the path such as `/ideas/abc`, `?page=abc`,
/// a form that cannot be read, a body over the limit) come as plain English text. A person gets
/// the error page in their language instead, inside the layout; the API its JSON error with a
/// stable code. Our own answers are HTML or JSON, never plain text, so only those are changed.
pub async fn friendly_rejections(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let viewer = req.extensions().get::<Viewer>().cloned();
    let response = next.run(req).await;
    let status = response.status();
    let plain = response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/plain"));
    if !plain || !status.is_client_error() {
        return response;
    }
    let code = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        _ => "bad_request",
    };
    if api {
        return ApiError::new(status, code).into_response();
    }
    let Some(viewer) = viewer else { return response };
    crate::error::error_page(viewer.ctx(&state, ""), status, &format!("err-{code}"))
}

/// Security headers on every response.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    if state.config.base_url.starts_with("https://") {
        // Served over https: browsers keep to https for a year, on subdomains too.
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    // Pages and API answers are one person's: the profile shows feed addresses and new API
    // tokens, an invitation its link. Nothing is kept by the browser or a proxy unless the
    // handler says it may (the stylesheet, the script, the feeds).
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}
