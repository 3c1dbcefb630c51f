//! API handlers for moderation: the log, one target's texts, removing a passage everywhere,
//! hiding and showing a comment. The same use cases and rules as the pages.

use super::{ApiJson, ApiUser};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use idespor_domain::moderation::{LogEntry, RedactionForm, Target, TargetView};
use idespor_domain::{CommentId, DomainError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

type ApiResult<T> = Result<T, ApiError>;

fn target(kind: &str, id: i64) -> ApiResult<Target> {
    Ok(Target::parse(kind, id).ok_or(DomainError::NotFound("moderation_target"))?)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ModeratedTextDto {
    /// title, role, situation, need, effect, resolution, body, minutes, description or reason
    pub field: String,
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ModerationTargetDto {
    /// idea, comment, minutes or decision
    pub kind: String,
    pub id: i64,
    pub title: String,
    /// Where it is read.
    pub path: String,
    /// The texts as they stand now.
    pub texts: Vec<ModeratedTextDto>,
    /// A comment hidden since (RFC 3339).
    pub hidden_at: Option<String>,
}

impl From<TargetView> for ModerationTargetDto {
    fn from(v: TargetView) -> Self {
        Self {
            kind: v.target.kind().into(),
            id: v.target.id(),
            title: v.title,
            path: v.path,
            texts: v.texts.into_iter().map(|(field, text)| ModeratedTextDto { field: field.into(), text }).collect(),
            hidden_at: v.hidden_at.map(|t| t.to_string()),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ModerationLogDto {
    pub id: i64,
    /// redact, hide or show
    pub action: String,
    /// idea, comment, minutes or decision
    pub kind: String,
    pub target_id: i64,
    pub moderator: Option<String>,
    pub reason: String,
    /// For a redaction: in how many stored texts the passage was replaced.
    pub replaced: i64,
    pub at: String,
}

impl From<LogEntry> for ModerationLogDto {
    fn from(e: LogEntry) -> Self {
        Self {
            id: e.id,
            action: e.action.as_str().into(),
            kind: e.target.kind().into(),
            target_id: e.target.id(),
            moderator: e.moderator_name,
            reason: e.reason,
            replaced: e.replaced,
            at: e.at.to_string(),
        }
    }
}

/// The moderation log, newest first (moderators and administrators).
#[utoipa::path(get, path = "/api/v1/moderation", tag = "moderation",
    responses((status = 200, body = [ModerationLogDto]), (status = 403, body = ErrorBody)))]
pub async fn log(State(state): State<AppState>, user: ApiUser) -> ApiResult<Json<Vec<ModerationLogDto>>> {
    Ok(Json(state.svc.moderation_log(&user.actor).await?.into_iter().map(Into::into).collect()))
}

/// What a moderator is about to act on, with its texts as they stand.
#[utoipa::path(get, path = "/api/v1/moderation/{kind}/{id}", tag = "moderation",
    params(("kind" = String, Path, description = "idea, comment, minutes or decision"), ("id" = i64, Path)),
    responses((status = 200, body = ModerationTargetDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_target(
    State(state): State<AppState>,
    user: ApiUser,
    Path((kind, id)): Path<(String, i64)>,
) -> ApiResult<Json<ModerationTargetDto>> {
    let target = target(&kind, id)?;
    Ok(Json(state.svc.moderation_target(&user.actor, target).await?.into()))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RedactionBody {
    /// The passage, exactly as it stands (at least 3 characters).
    #[schema(required = true)]
    pub passage: String,
    /// Why, e.g. "CPR-nummer"; not the data itself.
    #[schema(required = true)]
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RedactionDto {
    /// In how many stored texts (current, earlier versions, history) the passage was replaced.
    pub replaced: i64,
}

/// Removes a passage wherever the target's text is kept; the author is told.
#[utoipa::path(post, path = "/api/v1/moderation/{kind}/{id}/redactions", tag = "moderation",
    params(("kind" = String, Path, description = "idea, comment, minutes or decision"), ("id" = i64, Path)),
    request_body = RedactionBody,
    responses((status = 200, body = RedactionDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn redact(
    State(state): State<AppState>,
    user: ApiUser,
    Path((kind, id)): Path<(String, i64)>,
    ApiJson(body): ApiJson<RedactionBody>,
) -> ApiResult<Json<RedactionDto>> {
    let target = target(&kind, id)?;
    let form = RedactionForm { passage: body.passage, reason: body.reason };
    Ok(Json(RedactionDto { replaced: state.svc.redact(&user.actor, target, &form).await? }))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct HiddenBody {
    #[schema(required = true)]
    pub hidden: bool,
    /// Why; not the data itself.
    #[schema(required = true)]
    pub reason: String,
}

/// Hides a comment (its text is shown nowhere) or shows it again; the author is told.
#[utoipa::path(put, path = "/api/v1/comments/{id}/hidden", tag = "moderation", params(("id" = i64, Path)),
    request_body = HiddenBody,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_hidden(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<HiddenBody>,
) -> ApiResult<StatusCode> {
    state.svc.hide_comment(&user.actor, CommentId(id), body.hidden, &body.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}
