//! The exports page and its downloads: the community's tables, and a closed round's ballots, as CSV or XLSX.
use crate::ctx::{Ctx, PageUser};
use crate::error::{OrPage, PageError, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use idespor_domain::DomainError;
use idespor_domain::round::{Phase, Round};

#[derive(Template)]
#[template(path = "exports.html")]
pub struct ExportsPage {
    pub ctx: Ctx,
    pub closed_rounds: Vec<Round>,
}

/// The downloads: ideas, moves, decisions, and each closed round's ballots.
pub async fn exports(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = user.viewer.ctx(&state, "exports");
    let now = ctx.now;
    let closed_rounds =
        state.svc.rounds().await.or_page(&ctx)?.into_iter().filter(|r| r.phase(now) == Phase::Closed).collect();
    Ok(render(&ExportsPage { ctx, closed_rounds }))
}

/// `/exports/{kind}.{csv|xlsx}`
pub async fn export_file(State(state): State<AppState>, user: PageUser, Path(file): Path<String>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "exports");
    let not_found = || PageError::new(DomainError::NotFound("export"), ctx.clone());
    let (kind, format) = file.rsplit_once('.').ok_or_else(not_found)?;
    let kind = idespor_domain::export::ExportKind::parse(kind).ok_or_else(not_found)?;
    let format = crate::export::FileFormat::parse(format).ok_or_else(not_found)?;
    let table = state.svc.export(&user.actor, kind).await.or_page(&ctx)?;
    Ok(crate::export::download(&table, ctx.lang, format))
}

/// `/rounds/{id}/ballots.{csv|xlsx}`
pub async fn ballots_file(
    State(state): State<AppState>,
    user: PageUser,
    Path((id, file)): Path<(i64, String)>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "rounds");
    let format = file
        .strip_prefix("ballots.")
        .and_then(crate::export::FileFormat::parse)
        .ok_or_else(|| PageError::new(DomainError::NotFound("export"), ctx.clone()))?;
    let table = state.svc.export_ballots(&user.actor, idespor_domain::RoundId(id)).await.or_page(&ctx)?;
    Ok(crate::export::download(&table, ctx.lang, format))
}
