//! Who is asking (the [`Viewer`], resolved once per request by middleware) and the page context
//! every template gets: language, the signed-in person, the CSRF token, the product name.

use crate::error::{OrPage, PageError};
use crate::i18n::{self, FluentArg};
use crate::state::AppState;
use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use idespor_domain::public::{PublicPage, PublicPages, Reader};
use idespor_domain::service::Actor;
use idespor_domain::user::{Language, User};
use idespor_domain::{DomainError, FieldErrors};
use jiff::Timestamp;

/// The person behind a request (if any), resolved from the session cookie or a bearer token.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: Option<User>,
    pub lang: Language,
    pub csrf_token: String,
    pub session_secret: Option<String>,
    pub via_token: bool,
    /// Unread notifications (pages only; the API asks for them when it wants them).
    pub unread: i64,
    /// An administrator held back until they turn on two-step sign-in (the community requires it).
    pub admin_needs_two_factor: bool,
    /// The pages open to visitors (read for pages shown to someone not signed in, for the
    /// navigation and the sign-in page; closed otherwise).
    pub public_pages: PublicPages,
}

impl Viewer {
    pub fn ctx(&self, state: &AppState, section: &'static str) -> Ctx {
        Ctx {
            lang: self.lang,
            user: self.user.clone(),
            csrf: self.csrf_token.clone(),
            product_name: state.config.product_name.clone(),
            section,
            now: state.svc.now(),
            unread: self.unread,
            admin_needs_two_factor: self.admin_needs_two_factor,
            public_pages: self.public_pages,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .ok_or_else(|| (axum::http::StatusCode::INTERNAL_SERVER_ERROR, "viewer middleware missing").into_response())
    }
}

/// A signed-in person on a page; anyone else is sent to the sign-in page and brought back after.
#[derive(Debug, Clone)]
pub struct PageUser {
    pub actor: Actor,
    pub viewer: Viewer,
}

impl<S: Send + Sync> FromRequestParts<S> for PageUser {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let viewer = Viewer::from_request_parts(parts, state).await?;
        match viewer.user.clone() {
            Some(user) => Ok(PageUser { actor: Actor::new(user), viewer }),
            None => Err(Redirect::to(&sign_in_target(parts)).into_response()),
        }
    }
}

/// The sign-in page, bringing the person back to the page they asked for.
fn sign_in_target(parts: &Parts) -> String {
    let uri = parts.extensions.get::<OriginalUri>().map(|u| u.0.clone()).unwrap_or_else(|| parts.uri.clone());
    let next = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    if next == "/" {
        "/login".to_string()
    } else {
        format!("/login?next={}", form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>())
    }
}

/// Someone reading a page an administrator may open to visitors: a signed-in person, or a
/// visitor who is not. Whether the visitor may read it is the domain's answer
/// ([`Reader`]); when it says "sign in first", [`PageReader::or_sign_in`] sends them there.
#[derive(Debug, Clone)]
pub struct PageReader {
    pub actor: Option<Actor>,
    pub viewer: Viewer,
    sign_in: String,
}

impl PageReader {
    pub fn reader(&self) -> Reader<'_> {
        match &self.actor {
            Some(actor) => Reader::Member(actor),
            None => Reader::Visitor,
        }
    }

    pub fn is_visitor(&self) -> bool {
        self.actor.is_none()
    }

    /// The domain's answer, with "sign in first" as the way to the sign-in page.
    pub fn or_sign_in<T>(&self, result: Result<T, DomainError>, ctx: &Ctx) -> Result<T, PageError> {
        match result {
            Err(DomainError::Unauthenticated) if self.actor.is_none() => {
                Err(PageError::sign_in(self.sign_in.clone(), ctx.clone()))
            }
            other => other.or_page(ctx),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageReader {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let viewer = Viewer::from_request_parts(parts, state).await?;
        Ok(PageReader { actor: viewer.user.clone().map(Actor::new), viewer, sign_in: sign_in_target(parts) })
    }
}

/// What every page template can use.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Language,
    pub user: Option<User>,
    pub csrf: String,
    pub product_name: String,
    /// Which navigation item is current.
    pub section: &'static str,
    /// The time the page is made, from the application's clock.
    pub now: Timestamp,
    pub unread: i64,
    pub admin_needs_two_factor: bool,
    /// The pages open to visitors, when the page is shown to someone not signed in.
    pub public_pages: PublicPages,
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }
    pub fn t1(&self, key: &str, name: &'static str, value: impl Into<FluentArg>) -> String {
        i18n::t_args(self.lang, key, &[(name, value.into())])
    }
    pub fn t2(
        &self,
        key: &str,
        name: &'static str,
        value: impl Into<FluentArg>,
        name2: &'static str,
        value2: impl Into<FluentArg>,
    ) -> String {
        i18n::t_args(self.lang, key, &[(name, value.into()), (name2, value2.into())])
    }
    pub fn lang_code(&self) -> &'static str {
        self.lang.as_str()
    }
    pub fn date(&self, ts: &Timestamp) -> String {
        i18n::format_date(self.lang, *ts)
    }
    pub fn datetime(&self, ts: &Timestamp) -> String {
        i18n::format_datetime(self.lang, *ts)
    }
    /// An optional time: the date and time, or a dash.
    pub fn maybe_datetime(&self, ts: &Option<Timestamp>) -> String {
        ts.map(|ts| i18n::format_datetime(self.lang, ts)).unwrap_or_else(|| "–".into())
    }
    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_admin)
    }
    /// Whether the reader can open the pages of a section (to link them): a signed-in person
    /// all of them, a visitor only those an administrator opened to the public.
    pub fn opens(&self, section: &str) -> bool {
        self.user.is_some() || PublicPage::parse(section).is_some_and(|p| self.public_pages.is_open(p))
    }
    /// A visitor reading a page opened to the public (the layout says what they see there).
    pub fn public_view(&self) -> bool {
        self.user.is_none() && PublicPage::parse(self.section).is_some_and(|p| self.public_pages.is_open(p))
    }
    pub fn signed_in(&self) -> bool {
        self.user.is_some()
    }
    /// The translated error for one form field, if it has one.
    pub fn field_error(&self, errors: &FieldErrors, field: &str) -> Option<String> {
        errors.error_for(field).map(|e| i18n::field_message(self.lang, e))
    }
    /// One line of a form's error summary: the field's name and what is wrong with it.
    pub fn summary_line(&self, error: &idespor_domain::FieldError) -> String {
        let message = i18n::field_message(self.lang, error);
        let key = format!("label-{}", error.field);
        let label = self.t(&key);
        if label == key { message } else { format!("{label}: {message}") }
    }
    /// `aria-describedby`/`aria-invalid` attributes for a field with an error (empty otherwise).
    pub fn invalid_attrs(&self, errors: &FieldErrors, field: &str) -> String {
        if errors.for_field(field).is_some() {
            format!("aria-invalid=\"true\" aria-describedby=\"{field}-error\"")
        } else {
            String::new()
        }
    }
    /// Whole days since a moment (for "waited N days").
    pub fn days_since(&self, ts: &Timestamp) -> i64 {
        (self.now.as_second() - ts.as_second()).max(0) / 86_400
    }
    /// Markdown from people, rendered and sanitized; safe to insert unescaped.
    pub fn md(&self, source: &str) -> String {
        rendered_markdown(source)
    }
    /// A reason in the reader's words: a standard decline reason's code put in words, then the
    /// decider's own.
    pub fn reason(&self, code: Option<&str>, words: &str) -> String {
        i18n::reason_text(self.lang, code, words)
    }
    pub fn decimal(&self, value: f64) -> String {
        i18n::format_decimal(self.lang, value)
    }
    pub fn civil_date(&self, date: &jiff::civil::Date) -> String {
        i18n::format_civil_date(self.lang, *date)
    }
    /// Whether the viewer may still change this comment.
    pub fn may_edit_comment(&self, comment: &idespor_domain::idea::Comment) -> bool {
        self.user.as_ref().is_some_and(|u| u.id == comment.author_id)
            && !comment.hidden
            && self.now <= comment.created_at + idespor_domain::service::COMMENT_EDIT_WINDOW
    }
    /// Moderators and administrators see the way to moderate what they read.
    pub fn may_moderate(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_moderator || u.is_admin)
    }
    pub fn kind_label(&self, prefix: &str, kind: &str) -> String {
        self.t(&format!("{prefix}-{kind}"))
    }
}

/// Markdown rendered and sanitized, kept by its source text: the same text always gives the same
/// HTML, whoever reads it, so the cache crosses no permission boundary (a text is only ever
/// looked up by someone who was allowed to read it). An idea's fields and comments change
/// rarely and are read on every visit of their page. The memory is bounded: all is forgotten
/// when the kept sources and results pass 16 MB.
pub fn rendered_markdown(source: &str) -> String {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    const BUDGET_BYTES: usize = 16 * 1024 * 1024;
    struct Kept {
        html: HashMap<String, Arc<str>>,
        bytes: usize,
    }
    static KEPT: OnceLock<Mutex<Kept>> = OnceLock::new();
    let kept = KEPT.get_or_init(|| Mutex::new(Kept { html: HashMap::new(), bytes: 0 }));
    if let Some(html) = kept.lock().ok().and_then(|k| k.html.get(source).cloned()) {
        return html.to_string();
    }
    let html = crate::markdown::render(source);
    if let Ok(mut kept) = kept.lock() {
        let size = source.len() + html.len();
        if kept.bytes + size > BUDGET_BYTES {
            kept.html.clear();
            kept.bytes = 0;
        }
        if size <= BUDGET_BYTES / 16 {
            kept.bytes += size;
            kept.html.insert(source.to_string(), html.as_str().into());
        }
    }
    html
}
