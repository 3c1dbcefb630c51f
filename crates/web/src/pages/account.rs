//! Signing in and out, invitations, and my profile (details, password, API tokens).

use super::{NoticeQuery, PeerAddr};
use crate::ctx::{Ctx, PageUser, Viewer};
use crate::error::{OrPage, PageResult, render, render_with};
use crate::middleware::{SESSION_COOKIE, append_cookie, removal_cookie, session_cookie};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use idespor_domain::store::ApiToken;
use idespor_domain::user::ProfileForm;
use idespor_domain::{DomainError, FieldErrors, TokenId};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub ctx: Ctx,
    pub email: String,
    pub next: String,
    pub error: String,
    pub notice: String,
    /// The OpenID providers to sign in with (id, name).
    pub providers: Vec<(String, String)>,
}

/// The sign-in buttons: the providers of the configuration file and of the administration (when
/// the database does not answer, those of the file: signing in fails then anyway, with its own
/// message).
pub async fn providers(state: &AppState) -> Vec<(String, String)> {
    let all = match state.config.sso.all(&state.svc).await {
        Ok(all) => all,
        Err(e) => {
            tracing::warn!(error = %e, "could not read the providers kept in the administration");
            state.config.sso.configured().to_vec()
        }
    };
    all.iter().map(|p| (p.id.clone(), p.name.clone())).collect()
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    pub next: String,
    #[serde(default)]
    pub notice: String,
}

/// Only a path on this site may be returned to after sign-in. The address is read the way a
/// browser reads it (the URL standard: tabs and line breaks removed, `\\` as `/`, `/%09/` and
/// the like), against a stand-in origin: anything that leaves that origin goes to the start
/// page, and what stays is written back percent-encoded, so a control character can neither
/// reach the `Location` header nor fail it.
pub fn safe_next(next: &str) -> String {
    const HERE: &str = "http://idespor.invalid/";
    let (Ok(base), false) = (url::Url::parse(HERE), next.is_empty()) else {
        return "/".into();
    };
    if !next.starts_with('/') {
        return "/".into();
    }
    match base.join(next) {
        Ok(target) if target.origin() == base.origin() && target.as_str().starts_with(HERE) => {
            target.as_str()[HERE.len() - 1..].to_string()
        }
        _ => "/".into(),
    }
}

pub async fn login_form(State(state): State<AppState>, viewer: Viewer, Query(q): Query<LoginQuery>) -> Response {
    if viewer.user.is_some() {
        return Redirect::to("/").into_response();
    }
    let ctx = viewer.ctx(&state, "login");
    let notice = NoticeQuery { notice: q.notice }.text(&ctx);
    render(&LoginPage {
        ctx,
        email: String::new(),
        next: safe_next(&q.next),
        error: String::new(),
        notice,
        providers: providers(&state).await,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub next: String,
}

pub async fn login(
    State(state): State<AppState>,
    viewer: Viewer,
    PeerAddr(peer): PeerAddr,
    Form(form): Form<LoginForm>,
) -> Response {
    let ctx = viewer.ctx(&state, "login");
    match state.svc.sign_in(&form.email, &form.password, &peer).await {
        Ok(signed_in) if signed_in.second_step => {
            let next = safe_next(&form.next);
            let to =
                format!("/login/code?next={}", form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>());
            let mut response = Redirect::to(&to).into_response();
            append_cookie(
                &mut response,
                crate::middleware::pending_cookie(signed_in.session_secret, state.config.secure_cookies),
            );
            response
        }
        Ok(signed_in) => {
            let mut response = Redirect::to(&safe_next(&form.next)).into_response();
            append_cookie(&mut response, session_cookie(signed_in.session_secret, state.config.secure_cookies));
            response
        }
        Err(error) => {
            let (status, key) = match error {
                DomainError::RateLimited => (StatusCode::TOO_MANY_REQUESTS, "err-rate_limited"),
                DomainError::Invalid(_) => (StatusCode::UNAUTHORIZED, "err-login_failed"),
                DomainError::Forbidden("sso_required") => (StatusCode::FORBIDDEN, "err-sso_required"),
                other => return crate::error::PageError::new(other, ctx).into_response(),
            };
            let error = ctx.t(key);
            render_with(
                status,
                &LoginPage {
                    ctx,
                    email: form.email,
                    next: safe_next(&form.next),
                    error,
                    notice: String::new(),
                    providers: providers(&state).await,
                },
            )
        }
    }
}

/// Ends the session; a session that came from a provider ends the provider's session too,
/// where the provider offers that (it sends the browser back to the sign-in page).
pub async fn logout(State(state): State<AppState>, viewer: Viewer) -> Response {
    let after = format!("{}/login?notice=signed_out", state.config.base_url);
    let mut to = "/login?notice=signed_out".to_string();
    if let Some(secret) = &viewer.session_secret {
        match state.svc.sign_out(secret).await {
            Ok(Some(provider)) => {
                if let Ok(Some(found)) = state.config.sso.find(&state.svc, &provider).await
                    && let Some(url) = state.config.sso.logout_url(&found, &after).await
                {
                    to = url;
                }
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "could not delete the session"),
        }
    }
    let mut response = Redirect::to(&to).into_response();
    append_cookie(&mut response, removal_cookie(SESSION_COOKIE));
    response
}

#[derive(Template)]
#[template(path = "invitation.html")]
pub struct InvitationPage {
    pub ctx: Ctx,
    pub token: String,
    pub name: String,
    pub errors: FieldErrors,
}

pub async fn invitation_form(State(state): State<AppState>, viewer: Viewer, Path(token): Path<String>) -> PageResult {
    let ctx = viewer.ctx(&state, "login");
    let user = state.svc.invitation_user(&token).await.or_page(&ctx)?;
    Ok(render(&InvitationPage { ctx, token, name: user.name, errors: FieldErrors::new() }))
}

#[derive(Debug, Default, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub current_password: String,
}

pub async fn accept_invitation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
    Form(form): Form<PasswordForm>,
) -> PageResult {
    let ctx = viewer.ctx(&state, "login");
    match state.svc.accept_invitation(&token, &form.password).await {
        Ok(_) => Ok(Redirect::to("/login?notice=welcome").into_response()),
        Err(DomainError::Invalid(errors)) => {
            let user = state.svc.invitation_user(&token).await.or_page(&ctx)?;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &InvitationPage { ctx, token, name: user.name, errors }))
        }
        Err(error) => Err(crate::error::PageError::new(error, ctx)),
    }
}

#[derive(Template)]
#[template(path = "profile.html")]
pub struct ProfilePage {
    pub ctx: Ctx,
    pub form: ProfileForm,
    pub errors: FieldErrors,
    pub password_errors: FieldErrors,
    pub token_errors: FieldErrors,
    pub tokens: Vec<ApiToken>,
    pub token_name: String,
    pub new_token: String,
    pub notice: String,
    pub preferences: idespor_domain::mail::Preferences,
    /// The start of my private feed addresses.
    pub feed_base: String,
    /// My newest sign-ins, newest first.
    pub sign_ins: Vec<jiff::Timestamp>,
    /// How many days sign-ins are kept.
    pub sign_in_days: i64,
    /// My copy of my data, on its way or waiting for its download.
    pub export: Option<idespor_domain::privacy::DataExport>,
    /// My two-step sign-in, if on or being set up.
    pub two_factor: Option<idespor_domain::two_factor::TwoFactor>,
    pub two_factor_errors: FieldErrors,
    pub erase_errors: FieldErrors,
    /// The providers I sign in with: (name, last sign-in).
    pub sso_identities: Vec<(String, jiff::Timestamp)>,
}

impl ProfilePage {
    /// With two-step sign-in on: how many recovery codes are left.
    fn recovery_codes_left(&self) -> Option<i64> {
        self.two_factor.as_ref().filter(|t| t.confirmed_at.is_some()).map(|t| t.recovery_codes_left)
    }
    fn cadences(&self) -> [idespor_domain::mail::Cadence; 4] {
        idespor_domain::mail::Cadence::ALL
    }
    fn chosen(&self, kind: &idespor_domain::notify::NotificationKind, cadence: &idespor_domain::mail::Cadence) -> bool {
        self.preferences.get(*kind) == *cadence
    }
    pub(crate) async fn build(state: &AppState, user: &PageUser, ctx: Ctx) -> Result<Self, crate::error::PageError> {
        let tokens = state.svc.list_api_tokens(&user.actor).await.or_page(&ctx)?;
        let preferences = state.svc.preferences(&user.actor).await.or_page(&ctx)?;
        let token = state.svc.feed_token(&user.actor).await.or_page(&ctx)?;
        let feed_base = format!("{}/feeds/{}/{token}", state.config.base_url, user.actor.user.id);
        let sign_ins = state.svc.my_sign_ins(&user.actor).await.or_page(&ctx)?;
        let export = state.svc.current_export(&user.actor).await.or_page(&ctx)?;
        let two_factor = state.svc.two_factor_status(&user.actor).await.or_page(&ctx)?;
        let known = state.config.sso.all(&state.svc).await.or_page(&ctx)?;
        let sso_identities = state
            .svc
            .my_sso_identities(&user.actor)
            .await
            .or_page(&ctx)?
            .into_iter()
            .map(|i| {
                // A provider since removed is named by its id.
                let name = known.iter().find(|p| p.id == i.provider).map(|p| p.name.clone()).unwrap_or(i.provider);
                (name, i.last_sign_in_at)
            })
            .collect();
        Ok(Self {
            sso_identities,
            two_factor,
            two_factor_errors: FieldErrors::new(),
            export,
            erase_errors: FieldErrors::new(),
            preferences,
            sign_ins,
            sign_in_days: i64::from(state.config.retention.sign_in_history_days),
            feed_base,
            form: ProfileForm::from_user(&user.actor.user),
            ctx,
            errors: FieldErrors::new(),
            password_errors: FieldErrors::new(),
            token_errors: FieldErrors::new(),
            tokens,
            token_name: String::new(),
            new_token: String::new(),
            notice: String::new(),
        })
    }
}

pub async fn profile(State(state): State<AppState>, user: PageUser, Query(q): Query<NoticeQuery>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "profile");
    let mut page = ProfilePage::build(&state, &user, ctx).await?;
    page.notice = q.text(&page.ctx);
    Ok(render(&page))
}

/// Asks for a copy of my data; the background job gathers it.
pub async fn request_export(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = user.viewer.ctx(&state, "profile");
    state.svc.request_export(&user.actor).await.or_page(&ctx)?;
    Ok(Redirect::to("/profile?notice=export_requested#my-data").into_response())
}

/// My ready copy, once.
pub async fn download_export(State(state): State<AppState>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "profile");
    let data = state.svc.take_export(&user.actor, id).await.or_page(&ctx)?;
    Ok(crate::data_export::download(ctx.lang, &data))
}

pub async fn update_profile(
    State(state): State<AppState>,
    user: PageUser,
    Form(form): Form<ProfileForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "profile");
    match state.svc.update_profile(&user.actor, &form).await {
        Ok(_) => Ok(Redirect::to("/profile?notice=saved").into_response()),
        Err(DomainError::Invalid(errors)) => {
            let mut page = ProfilePage::build(&state, &user, ctx).await?;
            page.form = form;
            page.errors = errors;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(crate::error::PageError::new(error, ctx)),
    }
}

pub async fn change_password(
    State(state): State<AppState>,
    user: PageUser,
    Form(form): Form<PasswordForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "profile");
    let keep = user.viewer.session_secret.as_deref();
    match state.svc.change_password(&user.actor, &form.current_password, &form.password, keep).await {
        Ok(()) => Ok(Redirect::to("/profile?notice=password_changed").into_response()),
        Err(DomainError::Invalid(errors)) => {
            let mut page = ProfilePage::build(&state, &user, ctx).await?;
            page.password_errors = errors;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(crate::error::PageError::new(error, ctx)),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    pub current_password: String,
}

/// I erase myself: confirmed with my password; signed out everywhere at once.
pub async fn erase_me(State(state): State<AppState>, user: PageUser, Form(form): Form<EraseForm>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "profile");
    match state.svc.erase_me(&user.actor, &form.current_password).await {
        Ok(()) => {
            let mut response = Redirect::to("/login?notice=erased").into_response();
            append_cookie(&mut response, removal_cookie(SESSION_COOKIE));
            Ok(response)
        }
        Err(DomainError::Invalid(errors)) => {
            let mut page = ProfilePage::build(&state, &user, ctx).await?;
            page.erase_errors = errors;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(crate::error::PageError::new(error, ctx)),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    pub token_name: String,
}

pub async fn create_token(State(state): State<AppState>, user: PageUser, Form(form): Form<TokenForm>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "profile");
    match state.svc.create_api_token(&user.actor, &form.token_name).await {
        // The secret is shown on this one response only, never put in a URL.
        Ok((_, secret)) => {
            let mut page = ProfilePage::build(&state, &user, ctx).await?;
            page.new_token = secret;
            Ok(render(&page))
        }
        Err(DomainError::Invalid(errors)) => {
            let mut page = ProfilePage::build(&state, &user, ctx).await?;
            page.token_errors = FieldErrors(
                errors
                    .0
                    .into_iter()
                    .map(|e| idespor_domain::FieldError { field: "token_name", code: e.code, place: e.place.clone() })
                    .collect(),
            );
            page.token_name = form.token_name;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(crate::error::PageError::new(error, ctx)),
    }
}

pub async fn revoke_token(State(state): State<AppState>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "profile");
    state.svc.revoke_api_token(&user.actor, TokenId(id)).await.or_page(&ctx)?;
    Ok(Redirect::to("/profile?notice=token_revoked").into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_returned_to() {
        assert_eq!(super::safe_next("/groups/3"), "/groups/3");
        assert_eq!(super::safe_next("//evil.example"), "/");
        assert_eq!(super::safe_next("https://evil.example"), "/");
        assert_eq!(super::safe_next("/\\evil.example"), "/");
        assert_eq!(
            super::safe_next("/ideas?status=forwarded&sort=newest#top"),
            "/ideas?status=forwarded&sort=newest#top"
        );
        assert_eq!(super::safe_next("/søg?q=æøå"), "/s%C3%B8g?q=%C3%A6%C3%B8%C3%A5");
        // What a browser makes of them: another host, so the start page.
        for hostile in
            ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "\\\\evil.example", "/\\/evil.example"]
        {
            assert_eq!(super::safe_next(hostile), "/", "{hostile:?}");
        }
        // Escaped, the tab is a path segment on this site, and stays escaped.
        assert_eq!(super::safe_next("/%09/evil.example"), "/%09/evil.example");
        assert_eq!(super::safe_next("javascript:alert(1)"), "/");
        assert_eq!(super::safe_next(""), "/");
        // Control characters are encoded, never written raw into a header.
        let next = super::safe_next("/ideas\u{1}\u{7f}x");
        assert!(next.chars().all(|c| c.is_ascii_graphic()), "{next}");
        assert!(axum::http::HeaderValue::from_str(&next).is_ok());
    }
}
