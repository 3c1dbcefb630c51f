//! The roadmap's pages: releases with the customer ideas planned into them and what else they carry.
use crate::ctx::{Ctx, PageReader, PageUser};
use crate::error::{OrPage, PageError, PageResult, render, render_with};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use idespor_domain::idea::IdeaPage;
use idespor_domain::service::ReleaseForm;
use idespor_domain::{DomainError, FieldErrors, ReleaseId};

#[derive(Template)]
#[template(path = "releases.html")]
pub struct ReleasesPage {
    pub ctx: Ctx,
    pub releases: Vec<idespor_domain::idea::Release>,
    pub may_edit: bool,
    pub form: ReleaseForm,
    pub errors: FieldErrors,
}

/// The releases, for members and (when an administrator opened them) visitors.
pub async fn releases(State(state): State<AppState>, reader: PageReader) -> PageResult {
    let ctx = reader.viewer.ctx(&state, "releases");
    let releases = reader.or_sign_in(state.svc.releases_for(reader.reader()).await, &ctx)?;
    let may_edit = match &reader.actor {
        Some(actor) => state.svc.may_keep_releases(actor).await.or_page(&ctx)?,
        None => false,
    };
    Ok(render(&ReleasesPage { ctx, releases, may_edit, form: ReleaseForm::default(), errors: FieldErrors::new() }))
}

pub async fn create_release(
    State(state): State<AppState>,
    user: PageUser,
    Form(form): Form<ReleaseForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "releases");
    match state.svc.save_release(Some(&user.actor), None, &form).await {
        Ok(r) => Ok(Redirect::to(&format!("/releases/{}", r.id)).into_response()),
        Err(DomainError::Invalid(errors)) => {
            let releases = state.svc.releases().await.or_page(&ctx)?;
            Ok(render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ReleasesPage { ctx, releases, may_edit: true, form, errors },
            ))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

#[derive(Template)]
#[template(path = "release.html")]
pub struct ReleasePage {
    pub ctx: Ctx,
    pub release: idespor_domain::idea::Release,
    pub page: IdeaPage,
    pub snippets: Vec<String>,
    pub may_edit: bool,
    pub form: ReleaseForm,
    pub errors: FieldErrors,
}

fn release_form(r: &idespor_domain::idea::Release) -> ReleaseForm {
    ReleaseForm {
        version: r.version.clone(),
        planned_date: r.planned_date.map(|d| d.to_string()).unwrap_or_default(),
        released_date: r.released_date.map(|d| d.to_string()).unwrap_or_default(),
        notes: r.notes.clone(),
    }
}

/// Product managers change a release (e.g. record the day it was released).
pub async fn update_release(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<ReleaseForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "releases");
    match state.svc.save_release(Some(&user.actor), Some(ReleaseId(id)), &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/releases/{id}")).into_response()),
        Err(DomainError::Invalid(errors)) => {
            let (release, page) = state.svc.release_view(&user.actor, ReleaseId(id)).await.or_page(&ctx)?;
            let page = ReleasePage { ctx, release, page, snippets: Vec::new(), may_edit: true, form, errors };
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

/// A release and the customer ideas it carries, for members and (when open) visitors.
pub async fn release(State(state): State<AppState>, reader: PageReader, Path(id): Path<i64>) -> PageResult {
    let ctx = reader.viewer.ctx(&state, "releases");
    let (release, page) = reader.or_sign_in(state.svc.release_for(reader.reader(), ReleaseId(id)).await, &ctx)?;
    let may_edit = match &reader.actor {
        Some(actor) => state.svc.may_keep_releases(actor).await.or_page(&ctx)?,
        None => false,
    };
    let form = release_form(&release);
    Ok(render(&ReleasePage { ctx, release, page, snippets: Vec::new(), may_edit, form, errors: FieldErrors::new() }))
}

#[derive(Template)]
#[template(path = "roadmap.html")]
pub struct RoadmapPage {
    pub ctx: Ctx,
    pub roadmap: idespor_domain::roadmap::Roadmap,
}

/// The roadmap for every member, and for visitors when an administrator opened it.
pub async fn roadmap(State(state): State<AppState>, reader: PageReader) -> PageResult {
    let ctx = reader.viewer.ctx(&state, "roadmap");
    let roadmap = reader.or_sign_in(state.svc.roadmap_for(reader.reader()).await, &ctx)?;
    Ok(render(&RoadmapPage { ctx, roadmap }))
}

/// Product managers add what a release carries that did not come from customers.
pub async fn add_release_item(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<idespor_domain::roadmap::ReleaseItemForm>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "releases");
    state.svc.add_release_item(Some(&user.actor), ReleaseId(id), &form).await.or_page(&ctx)?;
    Ok(Redirect::to(&format!("/releases/{id}?notice=saved")).into_response())
}
