//! API handlers for prioritization rounds: the same rules as the pages.

use super::{ApiJson, ApiUser};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use idespor_domain::IdeaId;
use idespor_domain::round::{Round, RoundForm};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Serialize, ToSchema)]
pub struct RoundDto {
    pub id: i64,
    pub title: String,
    pub description: String,
    /// points or ranking (counted by Borda: on a ballot of n ideas, place r gets n − r + 1)
    pub method: String,
    /// Points per ballot (points method).
    pub budget: i32,
    /// erfagrupper or municipalities
    pub voters: String,
    pub opens_at: String,
    pub closes_at: String,
    /// upcoming, open or closed
    pub phase: String,
    pub idea_ids: Vec<i64>,
    /// The decision that published the result.
    pub decision_id: Option<i64>,
}

fn dto(r: &Round, now: jiff::Timestamp) -> RoundDto {
    RoundDto {
        id: r.id,
        title: r.title.clone(),
        description: r.description.clone(),
        method: r.method.as_str().into(),
        budget: r.budget,
        voters: r.voters.as_str().into(),
        opens_at: r.opens_at.to_string(),
        closes_at: r.closes_at.to_string(),
        phase: r.phase(now).as_str().into(),
        idea_ids: r.ideas.iter().map(|i| i.idea_id.0).collect(),
        decision_id: r.decision_id.map(|d| d.0),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BallotDto {
    /// group:<id> or org:<id>
    pub voter: String,
    pub voter_label: String,
    pub cast_by: Option<String>,
    pub cast_at: String,
    /// Points or place per idea id.
    pub values: BTreeMap<i64, i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StandingDto {
    pub position: i32,
    pub idea_id: i64,
    pub score: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoundDetailDto {
    pub round: RoundDto,
    /// Whom the caller may vote for.
    pub my_voters: Vec<String>,
    /// The caller's voters' ballots (while open), or every ballot (once closed).
    pub ballots: Vec<BallotDto>,
    /// The result, once closed.
    pub result: Vec<StandingDto>,
    /// Those who could have voted and did not, once closed.
    pub non_voters: Vec<String>,
}

/// All rounds, newest first.
#[utoipa::path(get, path = "/api/v1/rounds", tag = "rounds", responses((status = 200, body = [RoundDto])))]
pub async fn list(State(state): State<AppState>, _user: ApiUser) -> ApiResult<Json<Vec<RoundDto>>> {
    let now = state.svc.now();
    Ok(Json(state.svc.rounds().await?.iter().map(|r| dto(r, now)).collect()))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RoundBody {
    pub title: String,
    pub description: String,
    /// points or ranking
    pub method: String,
    pub budget: Option<i32>,
    /// erfagrupper or municipalities
    pub voters: String,
    /// YYYY-MM-DD and HH:MM, Europe/Copenhagen
    pub opens_date: String,
    pub opens_time: String,
    pub closes_date: String,
    pub closes_time: String,
    pub idea_ids: Vec<i64>,
}

/// Opens a round (members of the tovholdergruppe).
#[utoipa::path(post, path = "/api/v1/rounds", tag = "rounds", request_body = RoundBody,
    responses((status = 201, body = RoundDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<RoundBody>,
) -> ApiResult<(StatusCode, Json<RoundDto>)> {
    let form = RoundForm {
        title: body.title,
        description: body.description,
        method: body.method,
        budget: body.budget.map(|b| b.to_string()).unwrap_or_default(),
        voters: body.voters,
        opens_date: body.opens_date,
        opens_time: body.opens_time,
        closes_date: body.closes_date,
        closes_time: body.closes_time,
        ideas: body.idea_ids,
    };
    let id = state.svc.create_round(&user.actor, &form).await?;
    let view = state.svc.round_view(&user.actor, id).await?;
    Ok((StatusCode::CREATED, Json(dto(&view.round, state.svc.now()))))
}

/// One round: while open, the caller's own ballots; once closed, every ballot and the result.
#[utoipa::path(get, path = "/api/v1/rounds/{id}", tag = "rounds", params(("id" = i64, Path)),
    responses((status = 200, body = RoundDetailDto), (status = 404, body = ErrorBody)))]
pub async fn get(State(state): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> ApiResult<Json<RoundDetailDto>> {
    let v = state.svc.round_view(&user.actor, id).await?;
    let ballots = if v.ballots.is_empty() { &v.my_ballots } else { &v.ballots };
    Ok(Json(RoundDetailDto {
        round: dto(&v.round, state.svc.now()),
        my_voters: v.my_voters.iter().map(|x| x.key.clone()).collect(),
        ballots: ballots
            .iter()
            .map(|b| BallotDto {
                voter: b.voter.clone(),
                voter_label: b.voter_label.clone(),
                cast_by: b.cast_by.clone(),
                cast_at: b.cast_at.to_string(),
                values: b.values.iter().map(|(k, v)| (k.0, *v)).collect(),
            })
            .collect(),
        result: v
            .result
            .iter()
            .map(|s| StandingDto { position: s.position, idea_id: s.idea_id.0, score: s.score })
            .collect(),
        non_voters: v.non_voters.iter().map(|x| x.key.clone()).collect(),
    }))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct BallotBody {
    /// group:<id> or org:<id>: whom the caller votes for.
    pub voter: String,
    /// Points or place per idea id; the whole ballot replaces any earlier one.
    pub values: BTreeMap<i64, i32>,
}

/// Casts or replaces a ballot while the round is open.
#[utoipa::path(put, path = "/api/v1/rounds/{id}/ballot", tag = "rounds", params(("id" = i64, Path)),
    request_body = BallotBody,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn cast(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<BallotBody>,
) -> ApiResult<StatusCode> {
    let values: BTreeMap<IdeaId, i32> = body.values.into_iter().map(|(k, v)| (IdeaId(k), v)).collect();
    state.svc.cast_ballot(&user.actor, id, &body.voter, &values).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublishedDto {
    pub decision_id: i64,
}

/// Publishes a closed round's result as a tovholdergruppe decision ranking the ideas.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/publish", tag = "rounds", params(("id" = i64, Path)),
    responses((status = 201, body = PublishedDto), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult<(StatusCode, Json<PublishedDto>)> {
    let decision = state.svc.publish_round(&user.actor, id).await?;
    Ok((StatusCode::CREATED, Json(PublishedDto { decision_id: decision.0 })))
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
#[utoipa::path(get, path = "/api/v1/roadmap", tag = "releases", responses((status = 200, body = RoadmapDto)))]
pub async fn roadmap(State(state): State<AppState>, _user: ApiUser) -> ApiResult<Json<RoadmapDto>> {
    let r = state.svc.roadmap().await?;
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

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
pub struct ExportQuery {
    /// csv (UTF-8 with BOM, `;` between fields) or xlsx; default xlsx.
    pub format: Option<String>,
}

fn format_of(q: &ExportQuery) -> ApiResult<crate::export::FileFormat> {
    crate::export::FileFormat::parse(q.format.as_deref().unwrap_or("xlsx"))
        .ok_or_else(|| idespor_domain::DomainError::invalid("format", "format_unknown").into())
}

/// The community's ideas, moves or decisions as CSV or XLSX, with headers in the caller's language.
#[utoipa::path(get, path = "/api/v1/exports/{kind}", tag = "exports", params(("kind" = String, Path, description = "ideas, moves or decisions"), ExportQuery),
    responses((status = 200, description = "The file"), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    user: ApiUser,
    Path(kind): Path<String>,
    axum::extract::Query(q): axum::extract::Query<ExportQuery>,
) -> ApiResult<axum::response::Response> {
    let kind =
        idespor_domain::export::ExportKind::parse(&kind).ok_or(idespor_domain::DomainError::NotFound("export"))?;
    let format = format_of(&q)?;
    let table = state.svc.export(&user.actor, kind).await?;
    Ok(crate::export::download(&table, user.viewer.lang, format))
}

/// A closed round's published ballots as CSV or XLSX.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/ballots", tag = "exports", params(("id" = i64, Path), ExportQuery),
    responses((status = 200, description = "The file"), (status = 409, body = ErrorBody)))]
pub async fn export_ballots(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<ExportQuery>,
) -> ApiResult<axum::response::Response> {
    let format = format_of(&q)?;
    let table = state.svc.export_ballots(&user.actor, id).await?;
    Ok(crate::export::download(&table, user.viewer.lang, format))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
pub struct FiguresQuery {
    /// community, group:<id> or org:<id>
    pub scope: Option<String>,
    /// YYYY-MM-DD (Copenhagen), included
    pub from: Option<String>,
    /// YYYY-MM-DD (Copenhagen), included
    pub to: Option<String>,
    /// csv or xlsx for a file instead of JSON.
    pub format: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StageTimeDto {
    pub stage: String,
    pub count: usize,
    pub median_days: Option<f64>,
    pub p90_days: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FiguresDto {
    pub scope: String,
    pub from: String,
    pub to: String,
    /// written, submitted, solved_by_configuration, forwarded, prioritized, accepted, planned,
    /// delivered, declined: ideas for which that happened in the period.
    pub counts: BTreeMap<String, i64>,
    /// Declines by the level that declined (erfa, steering, product).
    pub declines: BTreeMap<String, i64>,
    pub stage_times: Vec<StageTimeDto>,
    pub target_days: i64,
    pub answered_within_target: i64,
    pub answered_late: i64,
    /// Ideas answered late in the period or still waiting past the target: (id, days, answered).
    pub late: Vec<(i64, i64, bool)>,
    /// Each release's customer ideas and other items (the whole community, whatever the scope).
    pub release_shares: Vec<ReleaseShareDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReleaseShareDto {
    pub version: String,
    pub customer_ideas: i64,
    pub other_items: i64,
    /// Whole percent, rounded down; null for an empty release.
    pub customer_share: Option<u32>,
}

/// Influence figures for the community, an erfagruppe or an organization over a period (JSON,
/// or with `format` a CSV or XLSX file).
#[utoipa::path(get, path = "/api/v1/figures", tag = "figures", params(FiguresQuery),
    responses((status = 200, body = FiguresDto), (status = 422, body = ErrorBody)))]
pub async fn figures(
    State(state): State<AppState>,
    user: ApiUser,
    axum::extract::Query(q): axum::extract::Query<FiguresQuery>,
) -> ApiResult<axum::response::Response> {
    use axum::response::IntoResponse;
    use idespor_domain::DomainError;
    let scope = idespor_domain::figures::Scope::parse(q.scope.as_deref().unwrap_or("community"))
        .ok_or(DomainError::invalid("scope", "scope_unknown"))?;
    let today = state.svc.now().to_zoned_datetime(crate::i18n::copenhagen().clone()).date();
    let date = |raw: &Option<String>, default: jiff::civil::Date, field: &'static str| match raw {
        Some(s) => s.parse::<jiff::civil::Date>().map_err(|_| DomainError::invalid(field, "date_invalid")),
        None => Ok(default),
    };
    let to = date(&q.to, today, "to")?;
    let from = date(&q.from, today.checked_sub(jiff::Span::new().years(1)).unwrap_or(today), "from")?;
    let f = state.svc.figures(&user.actor, scope, from, to).await?;
    if let Some(format) = q.format.as_deref() {
        let format =
            crate::export::FileFormat::parse(format).ok_or(DomainError::invalid("format", "format_unknown"))?;
        return Ok(crate::export::download(&idespor_domain::service::figures_table(&f), user.viewer.lang, format));
    }
    let shares = state.svc.release_shares().await?;
    Ok(Json(FiguresDto {
        scope: f.scope.key(),
        from: from.to_string(),
        to: to.to_string(),
        counts: f.counts.iter().map(|(k, v)| ((*k).to_string(), *v)).collect(),
        declines: f
            .declines
            .iter()
            .map(|d| (d.level.map(|l| l.as_str().to_string()).unwrap_or_else(|| "unknown".into()), d.count))
            .collect(),
        stage_times: f
            .stage_times
            .iter()
            .map(|s| StageTimeDto {
                stage: s.stage.as_str().into(),
                count: s.count,
                median_days: s.median_days,
                p90_days: s.p90_days,
            })
            .collect(),
        target_days: f.target_days,
        answered_within_target: f.answered_within_target,
        answered_late: f.answered_late,
        late: f.late.iter().map(|l| (l.idea_id.0, l.days, l.answered)).collect(),
        release_shares: shares
            .into_iter()
            .map(|r| ReleaseShareDto {
                customer_share: r.customer_share(),
                version: r.release.version,
                customer_ideas: r.customer_ideas,
                other_items: r.other_items,
            })
            .collect(),
    })
    .into_response())
}
