//! Idéspor's web adapter: the HTML pages and the JSON API over the domain's use cases.
//!
//! A request flows: [`middleware::observe`] (log line, metrics) → [`middleware::resolve_viewer`]
//! (session cookie or bearer token → [`ctx::Viewer`]) → [`middleware::csrf`] → a handler in
//! [`pages`] or [`api`], which calls one use case of `idespor_domain::service::Services` and
//! renders a template or JSON. Errors become pages or JSON in [`error`] only.

pub mod api;
pub mod ctx;
pub mod data_export;
pub mod encode;
pub mod error;
pub mod export;
pub mod i18n;
pub mod mail;
pub mod markdown;
pub mod middleware;
pub mod notice;
pub mod ops;
pub mod pages;
pub mod people_csv;
pub mod proxy;
pub mod routes;
pub mod snippet;
pub mod sso;
pub mod state;

pub use routes::{RouteTable, Verb};
pub use state::{AppState, WebConfig};

use axum::Router;
use axum::extract::DefaultBodyLimit;

/// The whole application with its middleware, ready to serve.
pub fn app(state: AppState) -> Router {
    let body_limit = state.config.body_limit;
    routes::table()
        .into_router()
        .fallback(ops::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::csrf))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::friendly_rejections))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::resolve_viewer))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::observe))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::security_headers))
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(state)
}
