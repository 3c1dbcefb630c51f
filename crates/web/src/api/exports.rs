//! API handlers for exports: the community's tables as CSV or XLSX.
use super::ApiUser;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use serde::Deserialize;

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
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
    let table = state.svc.export_ballots(&user.actor, idespor_domain::RoundId(id)).await?;
    Ok(crate::export::download(&table, user.viewer.lang, format))
}
