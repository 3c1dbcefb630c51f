//! The public face over the API: which pages are open to callers without credentials, and the
//! administrator's switch. The open operations themselves (roadmap, releases, decisions,
//! figures) take an [`super::ApiReader`] and answer callers without credentials while open.

use super::{ApiJson, ApiReader, ApiUser};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use idespor_domain::public::PublicPages;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

type ApiResult<T> = Result<T, ApiError>;

/// Which pages (and their API operations) are open to visitors who are not signed in.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PublicPagesDto {
    /// `GET /roadmap`, `GET /api/v1/roadmap`.
    pub roadmap: bool,
    /// `GET /decisions`, `GET /decisions/{id}` and their API operations.
    pub decisions: bool,
    /// `GET /figures` and `GET /api/v1/figures`.
    pub figures: bool,
    /// `GET /releases`, `GET /releases/{id}`, `GET /api/v1/releases` and the ideas of one.
    pub releases: bool,
}

impl From<PublicPages> for PublicPagesDto {
    fn from(p: PublicPages) -> Self {
        Self { roadmap: p.roadmap, decisions: p.decisions, figures: p.figures, releases: p.releases }
    }
}

/// The pages open to visitors (anyone may ask, with or without credentials).
#[utoipa::path(get, path = "/api/v1/public-pages", security((), ("bearer" = [])), tag = "community", responses((status = 200, body = PublicPagesDto)))]
pub async fn public_pages(State(state): State<AppState>, _reader: ApiReader) -> ApiResult<Json<PublicPagesDto>> {
    Ok(Json(state.svc.public_pages().await?.into()))
}

/// Opens pages to visitors or closes them (administrators). Closed is the default.
#[utoipa::path(put, path = "/api/v1/admin/public-pages", tag = "admin", request_body = PublicPagesDto,
    responses((status = 200, body = PublicPagesDto), (status = 403, body = ErrorBody)))]
pub async fn set_public_pages(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<PublicPagesDto>,
) -> ApiResult<Json<PublicPagesDto>> {
    let pages = PublicPages {
        roadmap: body.roadmap,
        decisions: body.decisions,
        figures: body.figures,
        releases: body.releases,
    };
    state.svc.set_public_pages(&user.actor, pages).await?;
    Ok(Json(state.svc.public_pages().await?.into()))
}
