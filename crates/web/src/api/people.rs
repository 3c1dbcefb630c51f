//! API handlers for people in bulk: the same file as the administration's import, previewed
//! or imported (all or nothing), and the export in the same format.

use super::{ApiJson, ApiUser};
use crate::error::{ApiError, ErrorBody};
use crate::people_csv;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use idespor_domain::people::RowAction;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct PeopleImportBody {
    /// The file: `navn;email;organisation;grupper;roller` (or the English headers).
    #[schema(required = true)]
    pub csv: String,
    /// Only say what would happen; write nothing.
    pub dry_run: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlannedRowDto {
    pub line: u64,
    pub email: String,
    /// create, update, unchanged or refused
    pub action: String,
    /// For update: the columns that change.
    pub changes: Vec<String>,
    /// For refused: each column's reason.
    pub errors: Vec<RowErrorDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RowErrorDto {
    /// The column: navn, email, organisation, grupper or roller.
    pub field: String,
    /// A stable code, e.g. organization_unknown.
    pub code: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PeopleImportDto {
    /// Whether the rows were written (false for a dry run).
    pub imported: bool,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub refused: usize,
    pub rows: Vec<PlannedRowDto>,
}

fn csv_problem(p: people_csv::CsvProblem) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, &format!("csv_{}", p.key.trim_start_matches("people-csv-")))
}

/// Imports people from the file (administrators): with `dry_run`, what each line would do;
/// otherwise all lines, or none when one is refused (409 `import_refused`; a dry run says why).
/// New people are invited by mail through the outbox.
#[utoipa::path(post, path = "/api/v1/people/import", tag = "people", request_body = PeopleImportBody,
    responses((status = 200, body = PeopleImportDto), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<PeopleImportBody>,
) -> Result<Json<PeopleImportDto>, ApiError> {
    let rows = people_csv::parse(&body.csv).map_err(csv_problem)?;
    let planned = state.svc.plan_people_import(Some(&user.actor), &rows).await?;
    let imported = if body.dry_run {
        false
    } else {
        state.svc.import_people(Some(&user.actor), &rows).await?;
        true
    };
    let count = |f: fn(&RowAction) -> bool| planned.iter().filter(|p| f(&p.action)).count();
    Ok(Json(PeopleImportDto {
        imported,
        created: count(|a| matches!(a, RowAction::Create)),
        updated: count(|a| matches!(a, RowAction::Update { .. })),
        unchanged: count(|a| matches!(a, RowAction::Unchanged)),
        refused: count(|a| matches!(a, RowAction::Refused { .. })),
        rows: planned
            .into_iter()
            .map(|p| {
                let (action, changes, errors) = match p.action {
                    RowAction::Create => ("create", Vec::new(), Vec::new()),
                    RowAction::Update { changes } => {
                        ("update", changes.into_iter().map(str::to_string).collect(), Vec::new())
                    }
                    RowAction::Unchanged => ("unchanged", Vec::new(), Vec::new()),
                    RowAction::Refused { errors } => (
                        "refused",
                        Vec::new(),
                        errors.0.iter().map(|e| RowErrorDto { field: e.field.into(), code: e.code.into() }).collect(),
                    ),
                };
                PlannedRowDto { line: p.row.line, email: p.row.email, action: action.into(), changes, errors }
            })
            .collect(),
    }))
}

/// Everyone, in the import's format (administrators).
#[utoipa::path(get, path = "/api/v1/people/export", tag = "people",
    responses((status = 200, content_type = "text/csv", body = String), (status = 403, body = ErrorBody)))]
pub async fn export(State(state): State<AppState>, user: ApiUser) -> Result<Response, ApiError> {
    let rows = state.svc.export_people(Some(&user.actor)).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"personer.csv\""),
        ],
        people_csv::write(&rows),
    )
        .into_response())
}
