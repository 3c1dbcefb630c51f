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
        id: r.id.0,
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
    /// Points or place per idea id (the idea's id as the key, as JSON keys are strings).
    #[schema(value_type = BTreeMap<String, i32>)]
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
    #[schema(required = true)]
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
    let v = state.svc.round_view(&user.actor, idespor_domain::RoundId(id)).await?;
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
    /// Points or place per idea id (the idea's id as the key); the whole ballot replaces any
    /// earlier one.
    #[schema(value_type = BTreeMap<String, i32>)]
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
    state.svc.cast_ballot(&user.actor, idespor_domain::RoundId(id), &body.voter, &values).await?;
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
    let decision = state.svc.publish_round(&user.actor, idespor_domain::RoundId(id)).await?;
    Ok((StatusCode::CREATED, Json(PublishedDto { decision_id: decision.0 })))
}
