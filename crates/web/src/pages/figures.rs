//! Influence figures: counts, stage times and the tovholdergruppe's response time, for the
//! community, an erfagruppe or a municipality over a period; a funnel drawn as SVG on the
//! server with the same numbers in a table beside it.

use crate::ctx::{Ctx, PageReader, PageUser};
use crate::error::{OrPage, PageError, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use idespor_domain::DomainError;
use idespor_domain::figures::{Figures, Scope};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FiguresQuery {
    pub scope: String,
    /// An organization named as typed (it wins over `scope`): a hosted community has thousands,
    /// too many for a list.
    pub organization: String,
    pub from: String,
    pub to: String,
}

/// One bar of the funnel chart, in the SVG's coordinates.
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub y: i64,
    pub width: i64,
}

pub struct ScopeOption {
    pub key: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "figures.html")]
pub struct FiguresPage {
    pub ctx: Ctx,
    pub f: Figures,
    pub scopes: Vec<ScopeOption>,
    pub scope_key: String,
    pub scope_label: String,
    /// The organization's name when the scope is one, for the field; and the text typed when
    /// it names none.
    pub organization: String,
    pub org_unknown: bool,
    pub from: String,
    pub to: String,
    pub bars: Vec<Bar>,
    pub chart_height: i64,
    pub may_set_target: bool,
    pub shares: Vec<idespor_domain::roadmap::ReleaseShare>,
}

/// The longest waits shown on the page (all of them are counted; the page prints on one sheet).
pub const LATE_SHOWN: usize = 40;

impl FiguresPage {
    fn period(&self) -> String {
        let d = |s: &str| s.parse::<jiff::civil::Date>().map(|d| self.ctx.civil_date(&d)).unwrap_or_default();
        format!("{} – {}", d(&self.from), d(&self.to))
    }
    /// The longest waits, as many as the page shows.
    fn late_rows(&self) -> &[idespor_domain::figures::LateIdea] {
        &self.f.late[..self.f.late.len().min(LATE_SHOWN)]
    }
    fn days(&self, v: &Option<f64>) -> String {
        v.map(|d| self.ctx.decimal(d)).unwrap_or_else(|| "–".into())
    }
}

pub const BAR_MAX_WIDTH: i64 = 380;

/// The scope and period asked for: the community and the last twelve months unless chosen. An
/// organization named as typed wins over the scope chosen; one that names none gives the
/// community, with `true` to say so.
async fn scope_and_period(
    state: &AppState,
    reader: &PageReader,
    ctx: &Ctx,
    q: &FiguresQuery,
) -> Result<(Scope, jiff::civil::Date, jiff::civil::Date, bool), PageError> {
    // A visitor on closed figures goes to the sign-in page, whatever the query says.
    reader.or_sign_in(state.svc.may_read(reader.reader(), idespor_domain::public::PublicPage::Figures).await, ctx)?;
    let mut scope =
        Scope::parse(&q.scope).ok_or_else(|| PageError::new(DomainError::NotFound("scope"), ctx.clone()))?;
    let mut unknown = false;
    if !q.organization.trim().is_empty() {
        match reader.or_sign_in(state.svc.figures_organization(reader.reader(), &q.organization).await, ctx)? {
            Some(org) => scope = Scope::Organization(org.id),
            None => (scope, unknown) = (Scope::Community, true),
        }
    }
    let today = ctx.now.to_zoned_datetime(crate::i18n::copenhagen().clone()).date();
    let to = q.to.parse().unwrap_or(today);
    let from = q.from.parse().unwrap_or_else(|_| today.checked_sub(jiff::Span::new().years(1)).unwrap_or(today));
    Ok((scope, from, to, unknown))
}

/// `/figures/indflydelse.{csv|xlsx}` with the page's scope and period.
pub async fn figures_file(
    State(state): State<AppState>,
    reader: PageReader,
    axum::extract::Path(file): axum::extract::Path<String>,
    Query(q): Query<FiguresQuery>,
) -> PageResult {
    let ctx = reader.viewer.ctx(&state, "figures");
    let format = file
        .strip_prefix("indflydelse.")
        .and_then(crate::export::FileFormat::parse)
        .ok_or_else(|| PageError::new(DomainError::NotFound("export"), ctx.clone()))?;
    let (scope, from, to, _) = scope_and_period(&state, &reader, &ctx, &q).await?;
    let f = reader.or_sign_in(state.svc.figures_for(reader.reader(), scope, from, to).await, &ctx)?;
    Ok(crate::export::download(&idespor_domain::service::figures_table(&f), ctx.lang, format))
}

/// The figures, for members and (when an administrator opened them) visitors.
pub async fn figures(State(state): State<AppState>, reader: PageReader, Query(q): Query<FiguresQuery>) -> PageResult {
    let ctx = reader.viewer.ctx(&state, "figures");
    let (scope, from, to, org_unknown) = scope_and_period(&state, &reader, &ctx, &q).await?;
    let f = reader.or_sign_in(state.svc.figures_for(reader.reader(), scope, from, to).await, &ctx)?;
    // The scopes to choose from: the community and each erfagruppe; an organization is typed.
    let scopes: Vec<ScopeOption> = state
        .svc
        .figure_scopes_for(reader.reader())
        .await
        .or_page(&ctx)?
        .into_iter()
        .map(|(scope, name)| ScopeOption {
            key: scope.key(),
            label: if scope == Scope::Community { ctx.t("figures-community") } else { name },
        })
        .collect();
    let scope_key = scope.key();
    let (scope_label, organization) = match scope {
        Scope::Organization(id) => {
            let name = state.svc.figures_organization(reader.reader(), &id.0.to_string()).await.or_page(&ctx)?;
            let name = name.ok_or_else(|| PageError::new(DomainError::NotFound("organization"), ctx.clone()))?.name;
            (name.clone(), name)
        }
        _ => {
            let label = scopes.iter().find(|s| s.key == scope_key).map(|s| s.label.clone());
            let label = label.ok_or_else(|| PageError::new(DomainError::NotFound("scope"), ctx.clone()))?;
            (label, if org_unknown { q.organization.trim().to_string() } else { String::new() })
        }
    };
    let max = f.counts.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let bars: Vec<Bar> = f
        .counts
        .iter()
        .enumerate()
        .map(|(i, (name, n))| Bar {
            label: ctx.t(&format!("figures-count-{name}")),
            value: *n,
            y: 10 + 34 * i as i64,
            width: (n * BAR_MAX_WIDTH / max).max(if *n > 0 { 2 } else { 0 }),
        })
        .collect();
    let chart_height = 20 + 34 * bars.len() as i64;
    let may_set_target = match &reader.actor {
        Some(actor) => state.svc.may_run_rounds(actor).await.or_page(&ctx)?,
        None => false,
    };
    let shares = state.svc.release_shares_for(reader.reader()).await.or_page(&ctx)?;
    Ok(render(&FiguresPage {
        ctx,
        f,
        scopes,
        scope_key,
        scope_label,
        organization,
        org_unknown,
        from: from.to_string(),
        to: to.to_string(),
        bars,
        chart_height,
        may_set_target,
        shares,
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TargetForm {
    pub target_days: String,
}

pub async fn set_target(State(state): State<AppState>, user: PageUser, Form(form): Form<TargetForm>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "figures");
    state.svc.set_response_target(&user.actor, &form.target_days).await.or_page(&ctx)?;
    Ok(Redirect::to("/figures?notice=saved#response").into_response())
}
