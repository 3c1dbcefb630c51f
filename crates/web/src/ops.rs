//! Operations: health, metrics, the stylesheet, and the pages for unknown addresses.

use crate::ctx::Viewer;
use crate::error::{ApiError, PageError};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use idespor_domain::DomainError;

/// 200 when the database answers, 503 otherwise.
pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.svc.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Prometheus text format.
pub async fn metrics(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], state.metrics.handle.render())
        .into_response()
}

const STYLESHEET: &str = include_str!("../static/app.css");

pub async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], STYLESHEET)
        .into_response()
}

const SCRIPT: &str = include_str!("../static/app.js");

pub async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        SCRIPT,
    )
        .into_response()
}

/// Unknown addresses: a JSON 404 under `/api/`, the error page elsewhere.
pub async fn not_found(State(state): State<AppState>, req: Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        return ApiError::from(DomainError::NotFound("route")).into_response();
    }
    let viewer = req.extensions().get::<Viewer>().cloned();
    match viewer {
        Some(viewer) => PageError::new(DomainError::NotFound("page"), viewer.ctx(&state, "")).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
