//! People in bulk on the pages: paste the file, see what it would do to each line, then import
//! all of it or nothing; download everyone in the same format. The rules are the domain's
//! (`service/people.rs`), the format `people_csv`'s.

use crate::ctx::{Ctx, PageUser};
use crate::error::{OrPage, PageResult, render, render_with};
use crate::pages::admin::admin_ctx;
use crate::people_csv;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use idespor_domain::DomainError;
use idespor_domain::people::{PlannedRow, RowAction};
use idespor_domain::service::PeopleImported;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "admin/people_import.html")]
pub struct ImportPage {
    pub ctx: Ctx,
    /// The file's text as pasted (kept through preview and errors).
    pub csv: String,
    /// A file that could not be read as a table: the message.
    pub problem: String,
    /// The preview, once asked for.
    pub planned: Option<Vec<PlannedRow>>,
    /// After the import: what it did.
    pub done: Option<PeopleImported>,
}

impl ImportPage {
    fn count(&self, f: fn(&RowAction) -> bool) -> usize {
        self.planned.as_ref().map(|p| p.iter().filter(|r| f(&r.action)).count()).unwrap_or(0)
    }
    pub fn refused(&self) -> usize {
        self.count(|a| matches!(a, RowAction::Refused { .. }))
    }
    pub fn creates(&self) -> usize {
        self.count(|a| matches!(a, RowAction::Create))
    }
    pub fn updates(&self) -> usize {
        self.count(|a| matches!(a, RowAction::Update { .. }))
    }
    /// What happens to one line, in words.
    pub fn action_text(&self, row: &PlannedRow) -> String {
        let ctx = &self.ctx;
        match &row.action {
            RowAction::Create if row.target.as_ref().is_some_and(|t| t.invite) => ctx.t("people-import-create"),
            RowAction::Create => ctx.t("people-import-create-sso"),
            RowAction::Update { changes } => {
                let what: Vec<String> = changes.iter().map(|c| ctx.t(&format!("label-{c}"))).collect();
                ctx.t1("people-import-update", "what", what.join(", "))
            }
            RowAction::Unchanged => ctx.t("people-import-unchanged"),
            RowAction::Refused { errors } => {
                let why: Vec<String> = errors.0.iter().map(|e| ctx.summary_line(e)).collect();
                format!("{} {}", ctx.t("people-import-refused"), why.join("; "))
            }
        }
    }
}

pub async fn form(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    Ok(render(&ImportPage { ctx, csv: String::new(), problem: String::new(), planned: None, done: None }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ImportForm {
    pub csv: String,
}

/// The preview: what each line would do; nothing is written.
pub async fn preview(State(state): State<AppState>, user: PageUser, Form(form): Form<ImportForm>) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let rows = match people_csv::parse(&form.csv) {
        Ok(rows) => rows,
        Err(p) => return Ok(unreadable(ctx, form.csv, p)),
    };
    let planned = state.svc.plan_people_import(Some(&user.actor), &rows).await.or_page(&ctx)?;
    Ok(render(&ImportPage { ctx, csv: form.csv, problem: String::new(), planned: Some(planned), done: None }))
}

fn unreadable(ctx: Ctx, csv: String, p: people_csv::CsvProblem) -> Response {
    let problem = ctx.t1(p.key, "line", i64::try_from(p.line).unwrap_or(i64::MAX));
    render_with(StatusCode::UNPROCESSABLE_ENTITY, &ImportPage { ctx, csv, problem, planned: None, done: None })
}

/// The import: all lines or, when one is refused, none (the preview comes back, saying why).
pub async fn import(State(state): State<AppState>, user: PageUser, Form(form): Form<ImportForm>) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let rows = match people_csv::parse(&form.csv) {
        Ok(rows) => rows,
        Err(p) => return Ok(unreadable(ctx, form.csv, p)),
    };
    match state.svc.import_people(Some(&user.actor), &rows).await {
        Ok(done) => {
            Ok(render(&ImportPage { ctx, csv: String::new(), problem: String::new(), planned: None, done: Some(done) }))
        }
        Err(DomainError::Conflict("import_refused")) => {
            let planned = state.svc.plan_people_import(Some(&user.actor), &rows).await.or_page(&ctx)?;
            let problem = ctx.t("err-import_refused");
            Ok(render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ImportPage { ctx, csv: form.csv, problem, planned: Some(planned), done: None },
            ))
        }
        Err(e) => Err(crate::error::PageError::new(e, ctx)),
    }
}

/// Everyone, in the import's format.
pub async fn export(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let rows = state.svc.export_people(Some(&user.actor)).await.or_page(&ctx)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"personer.csv\""),
        ],
        people_csv::write(&rows),
    )
        .into_response())
}
