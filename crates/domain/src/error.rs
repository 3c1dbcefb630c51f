//! One error type of meanings. Adapters map each variant to a status code and render it as a
//! page, a form error or a JSON error in exactly one place each; the codes are stable and are
//! also the keys of their translated messages (`err-<code>` in the i18n files).

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub code: &'static str,
    /// Where in the field's text the problem is, when that helps the person find it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<TextPlace>,
}

/// A place in a text: the line (from 1) and what is there, as it may be shown back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextPlace {
    pub line: u32,
    pub shown: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn single(field: &'static str, code: &'static str) -> Self {
        Self(vec![FieldError { field, code, place: None }])
    }
    pub fn add(&mut self, field: &'static str, code: &'static str) {
        self.0.push(FieldError { field, code, place: None });
    }
    pub fn add_at(&mut self, field: &'static str, code: &'static str, place: Option<TextPlace>) {
        self.0.push(FieldError { field, code, place });
    }
    /// The first error for one field, if that field has one.
    pub fn error_for(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The error code for one field, if that field has one (the first wins).
    pub fn for_field(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.code)
    }
    /// `Ok(value)` when no error was collected, otherwise the collected errors.
    pub fn into_result<T>(self, value: T) -> DomainResult<T> {
        if self.0.is_empty() { Ok(value) } else { Err(DomainError::Invalid(self)) }
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum DomainError {
    /// The thing asked for does not exist (or is not visible to the actor).
    #[error("not found: {0}")]
    NotFound(&'static str),
    /// No valid session or token.
    #[error("not signed in")]
    Unauthenticated,
    /// Signed in, but without the right; the code says which right is missing.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// The request clashes with the current state (e.g. a duplicate).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Input that does not parse; one code per field.
    #[error("invalid input: {0:?}")]
    Invalid(FieldErrors),
    /// The move is not possible from the idea's current status; `allowed` lists what the
    /// person may do instead.
    #[error("move not allowed from {status}")]
    MoveNotAllowed { status: &'static str, allowed: Vec<crate::idea::MoveKind> },
    /// Too many attempts; try again later.
    #[error("too many attempts")]
    RateLimited,
    /// The database does not answer (or is read-only, or is shutting down): try again shortly.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// The database's disk is full: nothing was saved; it works again when space returns.
    #[error("storage full: {0}")]
    StorageFull(String),
    /// A bug or an unexpected failure; details are logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl DomainError {
    pub fn invalid(field: &'static str, code: &'static str) -> Self {
        Self::Invalid(FieldErrors::single(field, code))
    }

    /// The stable snake_case code of this error, as used by the API.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound(_) => "not_found",
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden(_) => "forbidden",
            Self::Conflict(code) => code,
            Self::MoveNotAllowed { .. } => "move_not_allowed",
            Self::Invalid(_) => "invalid_input",
            Self::RateLimited => "rate_limited",
            Self::Unavailable(_) => "unavailable",
            Self::StorageFull(_) => "storage_full",
            Self::Internal(_) => "internal",
        }
    }
}

pub type DomainResult<T> = Result<T, DomainError>;
