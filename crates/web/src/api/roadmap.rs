//! API handlers for the roadmap: releases, the customer ideas planned into them, and what else they carry.
use super::ideas::IdeaPageDto;
use super::{ApiJson, ApiReader, ApiUser};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use idespor_domain::ReleaseId;
use idespor_domain::idea::Release;
use idespor_domain::service::ReleaseForm;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Serialize, ToSchema)]
pub struct ReleaseDto {
    pub id: i64,
    pub version: String,
    pub planned_date: Option<String>,
    pub released_date: Option<String>,
    pub notes: String,
}

impl From<&Release> for ReleaseDto {
    fn from(r: &Release) -> Self {
        Self {
            id: r.id.0,
            version: r.version.clone(),
            planned_date: r.planned_date.map(|d| d.to_string()),
            released_date: r.released_date.map(|d| d.to_string()),
            notes: r.notes.clone(),
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReleaseBody {
    #[schema(required = true)]
    pub version: String,
    pub planned_date: Option<String>,
    pub released_date: Option<String>,
    pub notes: String,
}

/// The releases, newest first.
#[utoipa::path(get, path = "/api/v1/releases", security((), ("bearer" = [])), tag = "ideas", responses((status = 200, body = [ReleaseDto])))]
pub async fn releases(State(state): State<AppState>, reader: ApiReader) -> ApiResult<Json<Vec<ReleaseDto>>> {
    Ok(Json(state.svc.releases_for(reader.reader()).await?.iter().map(ReleaseDto::from).collect()))
}

/// Creates a release (product managers).
#[utoipa::path(post, path = "/api/v1/releases", tag = "ideas", request_body = ReleaseBody,
    responses((status = 201, body = ReleaseDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_release(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<ReleaseBody>,
) -> ApiResult<(StatusCode, Json<ReleaseDto>)> {
    let form = ReleaseForm {
        version: body.version,
        planned_date: body.planned_date.unwrap_or_default(),
        released_date: body.released_date.unwrap_or_default(),
        notes: body.notes,
    };
    let release = state.svc.save_release(Some(&user.actor), None, &form).await?;
    Ok((StatusCode::CREATED, Json(ReleaseDto::from(&release))))
}

/// Changes a release (product managers): its version, dates and notes. A release is out when
/// it has a release date (not in the future); one with delivered ideas stays out.
#[utoipa::path(put, path = "/api/v1/releases/{id}", tag = "ideas", params(("id" = i64, Path)), request_body = ReleaseBody,
    responses((status = 200, body = ReleaseDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_release(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<ReleaseBody>,
) -> ApiResult<Json<ReleaseDto>> {
    let form = ReleaseForm {
        version: body.version,
        planned_date: body.planned_date.unwrap_or_default(),
        released_date: body.released_date.unwrap_or_default(),
        notes: body.notes,
    };
    let release = state.svc.save_release(Some(&user.actor), Some(idespor_domain::ReleaseId(id)), &form).await?;
    Ok(Json(ReleaseDto::from(&release)))
}

/// One release with its ideas.
#[utoipa::path(get, path = "/api/v1/releases/{id}/ideas", security((), ("bearer" = [])), tag = "ideas", params(("id" = i64, Path)), responses((status = 200, body = IdeaPageDto)))]
pub async fn release_ideas(
    State(state): State<AppState>,
    reader: ApiReader,
    Path(id): Path<i64>,
) -> ApiResult<Json<IdeaPageDto>> {
    let (_, page) = state.svc.release_for(reader.reader(), ReleaseId(id)).await?;
    Ok(Json(IdeaPageDto::from(&page)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoadmapIdeaDto {
    pub idea_id: i64,
    pub title: String,
    pub status: String,
    pub release_id: Option<i64>,
    /// The erfagruppe it came from first, then those of the supporting organizations.
    pub groups: Vec<String>,
    /// The supporting organizations, the author's first.
    pub organizations: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReleaseItemDto {
    pub title: String,
    /// legislation, vendor or other
    pub source: String,
    pub description: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoadmapReleaseDto {
    pub id: i64,
    pub version: String,
    pub planned_date: Option<String>,
    pub released_date: Option<String>,
    pub ideas: Vec<RoadmapIdeaDto>,
    /// What the release carries that did not come from customers.
    pub other_items: Vec<ReleaseItemDto>,
    /// Percent of the release's content that came from customer ideas.
    pub customer_share: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoadmapDto {
    pub releases: Vec<RoadmapReleaseDto>,
    pub in_development: Vec<RoadmapIdeaDto>,
    pub accepted: Vec<RoadmapIdeaDto>,
}

fn idea_dto(i: &idespor_domain::roadmap::RoadmapIdea) -> RoadmapIdeaDto {
    RoadmapIdeaDto {
        idea_id: i.idea_id.0,
        title: i.title.clone(),
        status: i.status.as_str().into(),
        release_id: i.release_id.map(|r| r.0),
        groups: i.groups.clone(),
        organizations: i.municipalities.clone(),
    }
}

/// The roadmap: releases with their customer ideas and other items, in development, accepted.
#[utoipa::path(get, path = "/api/v1/roadmap", security((), ("bearer" = [])), tag = "releases", responses((status = 200, body = RoadmapDto)))]
pub async fn roadmap(State(state): State<AppState>, reader: ApiReader) -> ApiResult<Json<RoadmapDto>> {
    let r = state.svc.roadmap_for(reader.reader()).await?;
    Ok(Json(RoadmapDto {
        releases: r
            .releases
            .iter()
            .map(|rel| RoadmapReleaseDto {
                id: rel.release.id.0,
                version: rel.release.version.clone(),
                planned_date: rel.release.planned_date.map(|d| d.to_string()),
                released_date: rel.release.released_date.map(|d| d.to_string()),
                ideas: rel.ideas.iter().map(idea_dto).collect(),
                other_items: rel
                    .items
                    .iter()
                    .map(|it| ReleaseItemDto {
                        title: it.title.clone(),
                        source: it.source.as_str().into(),
                        description: it.description.clone(),
                    })
                    .collect(),
                customer_share: rel.customer_share(),
            })
            .collect(),
        in_development: r.in_development.iter().map(idea_dto).collect(),
        accepted: r.accepted.iter().map(idea_dto).collect(),
    }))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReleaseItemBody {
    #[schema(required = true)]
    pub title: String,
    /// legislation, vendor or other
    pub source: String,
    pub description: String,
}

/// Records what a release carries that did not come from customers (product managers).
#[utoipa::path(post, path = "/api/v1/releases/{id}/items", tag = "releases", params(("id" = i64, Path)),
    request_body = ReleaseItemBody,
    responses((status = 201, body = CreatedItemDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_release_item(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<ReleaseItemBody>,
) -> ApiResult<(StatusCode, Json<CreatedItemDto>)> {
    let form = idespor_domain::roadmap::ReleaseItemForm {
        title: body.title,
        source: body.source,
        description: body.description,
    };
    let item = state.svc.add_release_item(Some(&user.actor), idespor_domain::ReleaseId(id), &form).await?;
    Ok((StatusCode::CREATED, Json(CreatedItemDto { id: item })))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedItemDto {
    pub id: i64,
}
