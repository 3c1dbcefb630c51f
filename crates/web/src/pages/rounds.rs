//! Prioritization rounds in the browser: the list, a new round, the ballot, and the result with
//! every published ballot.

use crate::ctx::{Ctx, PageUser};
use crate::error::{OrPage, PageError, PageResult, render, render_with};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use idespor_domain::idea::Idea;
use idespor_domain::round::{Ballot, Round, RoundForm};
use idespor_domain::service::RoundView;
use idespor_domain::{DomainError, FieldErrors, IdeaId};
use std::collections::BTreeMap;

#[derive(Template)]
#[template(path = "rounds.html")]
pub struct RoundsPage {
    pub ctx: Ctx,
    pub rounds: Vec<Round>,
    pub may_run: bool,
}

impl RoundsPage {
    fn phase(&self, r: &Round) -> &'static str {
        r.phase(self.ctx.now).as_str()
    }
}

pub async fn rounds(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = user.viewer.ctx(&state, "rounds");
    let rounds = state.svc.rounds().await.or_page(&ctx)?;
    let may_run = state.svc.may_run_rounds(&user.actor).await.or_page(&ctx)?;
    Ok(render(&RoundsPage { ctx, rounds, may_run }))
}

#[derive(Template)]
#[template(path = "round_form.html")]
pub struct RoundFormPage {
    pub ctx: Ctx,
    pub form: RoundForm,
    pub candidates: Vec<Idea>,
    pub errors: FieldErrors,
}

impl RoundFormPage {
    fn chosen(&self, id: &IdeaId) -> bool {
        self.form.ideas.contains(&id.0)
    }
}

pub async fn new_round(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = user.viewer.ctx(&state, "rounds");
    if !state.svc.may_run_rounds(&user.actor).await.or_page(&ctx)? {
        return Err(PageError::new(DomainError::Forbidden("only_steering_member"), ctx));
    }
    let candidates = state.svc.round_candidates(&user.actor).await.or_page(&ctx)?;
    // All forwarded ideas on the ballot unless the tovholdergruppe chooses otherwise.
    let form = RoundForm {
        method: "points".into(),
        budget: "10".into(),
        voters: "erfagrupper".into(),
        opens_time: "08.00".into(),
        closes_time: "16.00".into(),
        ideas: candidates.iter().map(|i| i.id.0).collect(),
        ..Default::default()
    };
    Ok(render(&RoundFormPage { ctx, form, candidates, errors: FieldErrors::new() }))
}

/// The form's fields, with the ideas as repeated `ideas=<id>`.
fn round_form(pairs: &[(String, String)]) -> RoundForm {
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
    RoundForm {
        title: get("title"),
        description: get("description"),
        method: get("method"),
        budget: get("budget"),
        voters: get("voters"),
        opens_date: get("opens_date"),
        opens_time: get("opens_time"),
        closes_date: get("closes_date"),
        closes_time: get("closes_time"),
        ideas: pairs.iter().filter(|(k, _)| k == "ideas").filter_map(|(_, v)| v.parse().ok()).collect(),
    }
}

pub async fn create_round(
    State(state): State<AppState>,
    user: PageUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "rounds");
    let form = round_form(&pairs);
    match state.svc.create_round(&user.actor, &form).await {
        Ok(id) => Ok(Redirect::to(&format!("/rounds/{id}")).into_response()),
        Err(DomainError::Invalid(errors)) => {
            let candidates = state.svc.round_candidates(&user.actor).await.or_page(&ctx)?;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &RoundFormPage { ctx, form, candidates, errors }))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

#[derive(Template)]
#[template(path = "round.html")]
pub struct RoundPage {
    pub ctx: Ctx,
    pub v: RoundView,
    pub phase: &'static str,
    /// What was typed into a refused ballot, by voter and idea.
    pub typed: Option<(String, BTreeMap<i64, String>)>,
    pub errors: FieldErrors,
    pub notice: Option<String>,
}

impl RoundPage {
    /// The value to show in the ballot form: what was just typed, else the voter's ballot.
    fn value(&self, voter: &str, idea: &IdeaId) -> String {
        if let Some((v, typed)) = &self.typed
            && v == voter
        {
            return typed.get(&idea.0).cloned().unwrap_or_default();
        }
        self.v
            .my_ballots
            .iter()
            .find(|b| b.voter == voter)
            .and_then(|b| b.values.get(idea))
            .map(|v| v.to_string())
            .unwrap_or_default()
    }
    fn cell(&self, ballot: &Ballot, idea: &IdeaId) -> String {
        ballot.values.get(idea).map(|v| v.to_string()).unwrap_or_default()
    }
    fn title_of(&self, idea: &IdeaId) -> String {
        self.v.round.ideas.iter().find(|i| i.idea_id == *idea).map(|i| i.title.clone()).unwrap_or_default()
    }
    /// An id for a voter's ballot form (`group:3` → `ballot-group-3`).
    fn form_id(&self, voter: &str) -> String {
        format!("ballot-{}", voter.replace(':', "-"))
    }
    /// Whether this voter's ballot was the one just refused.
    fn was_typed(&self, voter: &str) -> bool {
        self.typed.as_ref().is_some_and(|(v, _)| v == voter)
    }
    fn has_ballot(&self, voter: &str) -> bool {
        self.v.my_ballots.iter().any(|b| b.voter == voter)
    }
}

async fn round_page(
    state: &AppState,
    user: &PageUser,
    id: i64,
    typed: Option<(String, BTreeMap<i64, String>)>,
    errors: FieldErrors,
    notice: Option<String>,
) -> Result<RoundPage, PageError> {
    let ctx = user.viewer.ctx(state, "rounds");
    let v = state.svc.round_view(&user.actor, idespor_domain::RoundId(id)).await.or_page(&ctx)?;
    let notice = notice.and_then(|n| crate::pages::notice_text(&ctx, &n));
    Ok(RoundPage { phase: v.phase.as_str(), ctx, v, typed, errors, notice })
}

pub async fn round(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Query(q): Query<crate::pages::NoticeQuery>,
) -> PageResult {
    Ok(render(&round_page(&state, &user, id, None, FieldErrors::new(), Some(q.notice)).await?))
}

/// A ballot: `voter`, and `value_<idea>` per idea (points or rank; empty for none).
pub async fn cast_ballot(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "rounds");
    let voter = pairs.iter().find(|(k, _)| k == "voter").map(|(_, v)| v.clone()).unwrap_or_default();
    let mut typed = BTreeMap::new();
    let mut values = BTreeMap::new();
    let mut errors = FieldErrors::new();
    for (key, value) in &pairs {
        if let Some(idea) = key.strip_prefix("value_").and_then(|i| i.parse::<i64>().ok()) {
            typed.insert(idea, value.clone());
            match value.trim() {
                "" => {}
                v => match v.parse::<i32>() {
                    Ok(n) => {
                        values.insert(IdeaId(idea), n);
                    }
                    Err(_) => errors.add("ballot", "number_invalid"),
                },
            }
        }
    }
    let result = if errors.is_empty() {
        state.svc.cast_ballot(&user.actor, idespor_domain::RoundId(id), &voter, &values).await
    } else {
        Err(DomainError::Invalid(errors))
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/rounds/{id}?notice=ballot_saved")).into_response()),
        Err(DomainError::Invalid(errors)) => Ok(render_with(
            StatusCode::UNPROCESSABLE_ENTITY,
            &round_page(&state, &user, id, Some((voter, typed)), errors, None).await?,
        )),
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

pub async fn publish_round(State(state): State<AppState>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "rounds");
    let decision = state.svc.publish_round(&user.actor, idespor_domain::RoundId(id)).await.or_page(&ctx)?;
    Ok(Redirect::to(&format!("/decisions/{decision}?notice=decided")).into_response())
}
