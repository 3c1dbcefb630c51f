//! The HTML pages: typed templates (one struct per template) and their handlers. Handlers parse
//! the request, call a use case of the domain, and render; no rule of the domain lives here.

pub mod account;
pub mod admin;
pub mod community;
pub mod exports;
pub mod figures;
pub mod ideas;
pub mod mail;
pub mod meetings;
pub mod moderation;
pub mod notifications;
pub mod people;
pub mod privacy;
pub mod recovery;
pub mod roadmap;
pub mod rounds;
pub mod sso;
pub mod two_factor;

use crate::ctx::Ctx;
use askama::Template;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub ctx: Ctx,
    pub title: String,
    pub message: String,
}

/// The network address of the client, for sign-in throttling: the connection's, or behind a
/// trusted reverse proxy the one it forwarded (`crate::proxy`).
pub struct PeerAddr(pub String);

impl FromRequestParts<crate::state::AppState> for PeerAddr {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, state: &crate::state::AppState) -> Result<Self, Self::Rejection> {
        let Some(ConnectInfo(addr)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() else {
            return Ok(PeerAddr("unknown".to_string()));
        };
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
        let client = crate::proxy::client_address(
            addr.ip(),
            header("forwarded"),
            header("x-forwarded-for"),
            &state.config.trusted_proxies,
        );
        Ok(PeerAddr(client.to_string()))
    }
}

/// `?notice=…` after a redirect: only known notices are shown, so a link cannot inject text.
#[derive(Debug, Default, Deserialize)]
pub struct NoticeQuery {
    #[serde(default)]
    pub notice: String,
}

const NOTICES: &[&str] = &[
    "sso_removed",
    "cancelled_carried",
    "cancelled_waiting",
    "saved",
    "export_requested",
    "erased",
    "person_erased",
    "created",
    "password_changed",
    "token_revoked",
    "welcome",
    "signed_out",
    "member_saved",
    "member_removed",
    "organization_added",
    "organization_removed",
    "draft_saved",
    "moved",
    "preferences_saved",
    "feeds_renewed",
    "cancelled",
    "decided",
    "presented",
    "ballot_saved",
    "redacted",
    "comment_hidden",
    "comment_shown",
    "reset_sent",
    "password_reset",
    "code_expired",
    "two_factor_off",
];

/// The translated notice for a `?notice=` code, if it is one of ours (anything else shows nothing).
pub fn notice_text(ctx: &Ctx, code: &str) -> Option<String> {
    NOTICES.contains(&code).then(|| ctx.t(&format!("notice-{code}")))
}

impl NoticeQuery {
    pub fn text(&self, ctx: &Ctx) -> String {
        notice_text(ctx, &self.notice).unwrap_or_default()
    }
}
