//! Domain errors to HTTP, in one place: the status code of each meaning, the JSON body for the
//! API, and the error page for the browser. Internal details are logged once, never shown.

use crate::ctx::Ctx;
use crate::i18n;
use crate::pages::ErrorPage;
use askama::Template;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use idespor_domain::DomainError;
use idespor_domain::user::Language;
use serde::Serialize;

pub fn status_of(error: &DomainError) -> StatusCode {
    match error {
        DomainError::NotFound(_) => StatusCode::NOT_FOUND,
        DomainError::Unauthenticated => StatusCode::UNAUTHORIZED,
        DomainError::Forbidden(_) => StatusCode::FORBIDDEN,
        DomainError::Conflict(_) | DomainError::MoveNotAllowed { .. } => StatusCode::CONFLICT,
        DomainError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        DomainError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        DomainError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        DomainError::StorageFull(_) => StatusCode::INSUFFICIENT_STORAGE,
        DomainError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The i18n key of the human message for an error.
pub fn message_key(error: &DomainError) -> String {
    match error {
        DomainError::Forbidden(reason) => format!("err-{reason}"),
        // A link that no longer works deserves more than "not found": what to do instead.
        DomainError::NotFound("reset_link") => "err-reset_link".into(),
        DomainError::NotFound(_) => "err-not_found".into(),
        other => format!("err-{}", other.code()),
    }
}

/// How long a client should wait before trying again, in seconds, for the statuses that pass
/// by themselves (the database is back, a disk has space again).
pub const RETRY_AFTER_SECONDS: &str = "5";

/// Adds `Retry-After` to a 503 or 507 answer.
pub fn with_retry_after(mut response: Response) -> Response {
    if matches!(response.status(), StatusCode::SERVICE_UNAVAILABLE | StatusCode::INSUFFICIENT_STORAGE) {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECONDS));
    }
    response
}

fn log(error: &DomainError) {
    match error {
        DomainError::Internal(detail) => tracing::error!(error = %detail, "internal error"),
        DomainError::Unavailable(detail) => tracing::warn!(error = %detail, "database unavailable"),
        DomainError::StorageFull(detail) => tracing::error!(error = %detail, "the database's disk is full"),
        _ => {}
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A stable snake_case code.
    pub error: String,
    /// A human-readable message.
    pub message: String,
    /// Per-field problems, for `invalid_input`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldErrorBody>,
    /// For `move_not_allowed`: the moves the caller may make instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<String>>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FieldErrorBody {
    pub field: String,
    pub code: String,
    pub message: String,
    /// The line of the field's text the problem is on (from 1), when the problem is in one
    /// place (`cpr_number`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// An error answered as JSON (the API).
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: String,
    pub error: Option<DomainError>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str) -> Self {
        Self { status, code: code.to_string(), error: None }
    }
}

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> Self {
        Self { status: status_of(&error), code: error.code().to_string(), error: Some(error) }
    }
}

/// An API error's body before it is put in words: the words follow the caller's language,
/// which [`crate::middleware::resolve_viewer`] knows (it answers the error in that language
/// with [`api_error_in`]); until then the body is in English.
#[derive(Debug, Clone)]
pub struct ApiErrorWords {
    pub code: String,
    pub message_key: String,
    /// Each field refused.
    pub fields: Vec<idespor_domain::FieldError>,
    pub allowed: Option<Vec<String>>,
}

impl ApiErrorWords {
    fn body(&self, lang: Language) -> ErrorBody {
        ErrorBody {
            error: self.code.clone(),
            message: i18n::t(lang, &self.message_key),
            fields: self
                .fields
                .iter()
                .map(|e| FieldErrorBody {
                    field: e.field.to_string(),
                    code: e.code.to_string(),
                    message: i18n::field_message(lang, e),
                    line: e.place.as_ref().map(|p| p.line),
                })
                .collect(),
            allowed: self.allowed.clone(),
        }
    }
}

/// An API error response, in `lang`: the same status and headers, the body in other words.
pub fn api_error_in(mut response: Response, lang: Language) -> Response {
    let Some(words) = response.extensions_mut().remove::<ApiErrorWords>() else { return response };
    if lang == Language::En {
        return response;
    }
    let Ok(json) = serde_json::to_vec(&words.body(lang)) else { return response };
    response.headers_mut().remove(header::CONTENT_LENGTH);
    *response.body_mut() = axum::body::Body::from(json);
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let allowed = match &self.error {
            Some(DomainError::MoveNotAllowed { allowed, .. }) => {
                Some(allowed.iter().map(|k| k.as_str().to_string()).collect())
            }
            _ => None,
        };
        let (message_key, fields) = match &self.error {
            Some(error) => {
                log(error);
                let fields = match error {
                    DomainError::Invalid(errors) => errors.0.clone(),
                    _ => Vec::new(),
                };
                (message_key(error), fields)
            }
            None => (format!("err-{}", self.code), Vec::new()),
        };
        let words = ApiErrorWords { code: self.code, message_key, fields, allowed };
        let mut response = with_retry_after((self.status, Json(words.body(Language::En))).into_response());
        response.extensions_mut().insert(words);
        response
    }
}

/// An error answered as a page (the browser), inside the usual layout.
#[derive(Debug)]
pub struct PageError {
    pub error: DomainError,
    pub ctx: Box<Ctx>,
    /// For a visitor on a page that is not open to them: the sign-in page to send them to.
    sign_in: Option<String>,
}

impl PageError {
    pub fn new(error: DomainError, ctx: Ctx) -> Self {
        Self { error, ctx: Box::new(ctx), sign_in: None }
    }

    /// Not signed in, where that is what the page needs: off to the sign-in page (`target`).
    pub fn sign_in(target: String, ctx: Ctx) -> Self {
        Self { error: DomainError::Unauthenticated, ctx: Box::new(ctx), sign_in: Some(target) }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        if let Some(target) = self.sign_in {
            return axum::response::Redirect::to(&target).into_response();
        }
        log(&self.error);
        let key = message_key(&self.error);
        error_page(*self.ctx, status_of(&self.error), &key)
    }
}

/// The error page for a status, in the layout and the person's language, with the message of
/// `message_key`.
pub fn error_page(ctx: Ctx, status: StatusCode, message_key: &str) -> Response {
    let page =
        ErrorPage { title: ctx.t(&format!("error-title-{}", status.as_u16())), message: ctx.t(message_key), ctx };
    with_retry_after(match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            status.into_response()
        }
    })
}

/// Renders a template, or answers 500 (logged) if rendering fails.
pub fn render(template: &impl Template) -> Response {
    render_with(StatusCode::OK, template)
}

pub fn render_with(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed to render");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

pub type PageResult = Result<Response, PageError>;

/// Turns a domain error into a page error with the request's context.
pub trait OrPage<T> {
    fn or_page(self, ctx: &Ctx) -> Result<T, PageError>;
}

impl<T> OrPage<T> for Result<T, DomainError> {
    fn or_page(self, ctx: &Ctx) -> Result<T, PageError> {
        self.map_err(|error| PageError::new(error, ctx.clone()))
    }
}
