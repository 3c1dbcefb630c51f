//! Influence figures for anyone signed in, and the tovholdergruppe's response target.

use super::{Actor, Services};
use crate::audit::AuditEntry;
use crate::error::{DomainError, DomainResult};
use crate::figures::{Figures, Scope, assemble};
use jiff::civil::Date;
use serde_json::json;
use std::sync::Arc;

/// The tovholdergruppe's target for answering a forwarded idea, unless it sets another.
pub const DEFAULT_RESPONSE_TARGET_DAYS: i64 = 60;
const TARGET_SETTING: &str = "response_target_days";

impl Services {
    pub async fn response_target_days(&self) -> DomainResult<i64> {
        Ok(self
            .store
            .setting(TARGET_SETTING)
            .await?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_RESPONSE_TARGET_DAYS))
    }

    /// The tovholdergruppe sets how quickly it means to answer a forwarded idea.
    pub async fn set_response_target(&self, actor: &Actor, raw: &str) -> DomainResult<i64> {
        if !self.may_run_rounds(actor).await? {
            return Err(DomainError::Forbidden("only_steering_member"));
        }
        let days: i64 = match raw.trim().parse() {
            Ok(d) if (1..=365).contains(&d) => d,
            _ => return Err(DomainError::invalid("target_days", "target_invalid")),
        };
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "settings.response_target", "settings")
            .details(json!({ "days": days }));
        self.store.set_setting(TARGET_SETTING, &days.to_string(), actor.user.id, self.now(), audit).await?;
        Ok(days)
    }

    /// The scopes figures can be shown for: the community, each erfagruppe, and each
    /// organization that belongs to one (A–Å), with their names.
    pub async fn figure_scopes(&self, _actor: &Actor) -> DomainResult<Vec<(Scope, String)>> {
        self.scopes_of_figures().await
    }

    pub(crate) async fn scopes_of_figures(&self) -> DomainResult<Vec<(Scope, String)>> {
        let mut scopes = vec![(Scope::Community, String::new())];
        let groups = self.store.groups_of_kind(crate::group::GroupKind::Erfa).await?;
        scopes.extend(groups.iter().map(|g| (Scope::Group(g.id), g.name.clone())));
        Ok(scopes)
    }

    /// The figures of a scope for the days `from` to `to` (Copenhagen dates, both included).
    pub async fn figures(&self, _actor: &Actor, scope: Scope, from: Date, to: Date) -> DomainResult<Figures> {
        self.figures_counted(scope, from, to).await
    }

    /// The figures themselves, for whoever `figures` or `figures_for` let read them.
    pub(crate) async fn figures_counted(&self, scope: Scope, from: Date, to: Date) -> DomainResult<Figures> {
        if to < from {
            return Err(DomainError::invalid("to", "period_invalid"));
        }
        let tz = crate::clock::copenhagen();
        let start =
            from.to_zoned_datetime(tz.clone()).map_err(|_| DomainError::invalid("from", "date_invalid"))?.timestamp();
        let end = to
            .tomorrow()
            .and_then(|d| d.to_zoned_datetime(tz))
            .map_err(|_| DomainError::invalid("to", "date_invalid"))?
            .timestamp();
        let target = self.response_target_days().await?;
        let now = self.now();
        // Counted figures stay right while no idea has moved (every move adds an event, on any
        // node) and within the minute (the ages of waiting ideas); the same figures asked for
        // at once are counted once, the others wait for them.
        let key = FiguresKey {
            scope: scope.key(),
            start: start.as_second(),
            end: end.as_second(),
            target,
            last_move: self.store.last_event_id().await?,
            minute: now.as_second().div_euclid(60),
        };
        let store = self.store.clone();
        let figures = self
            .figures_cache
            .0
            .try_get_with(key, async move {
                let facts = store.figure_facts(scope, start, end).await?;
                Ok::<_, DomainError>(Arc::new(assemble(facts, scope, start, end, now, target)))
            })
            .await
            .map_err(|e: Arc<DomainError>| (*e).clone())?;
        Ok((*figures).clone())
    }
}

/// What a period's figures were counted from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct FiguresKey {
    scope: String,
    start: i64,
    end: i64,
    target: i64,
    last_move: i64,
    minute: i64,
}

/// The figures most recently asked for: a few dozen, each for a few minutes (a report is asked
/// for again by the next reader; counting it takes a fraction of a second to seconds).
#[derive(Clone)]
pub(crate) struct FiguresCache(moka::future::Cache<FiguresKey, Arc<Figures>>);

impl FiguresCache {
    pub(crate) fn new() -> Self {
        Self(moka::future::Cache::builder().max_capacity(64).time_to_live(std::time::Duration::from_secs(180)).build())
    }
}

/// The figures as one table: each count, then each stage's times, then the response times.
pub fn figures_table(f: &Figures) -> crate::export::Table {
    use crate::export::{Cell, Table};
    let mut rows: Vec<Vec<Cell>> = f
        .counts
        .iter()
        .map(|(name, n)| vec![Cell::Label(format!("figures-count-{name}")), Cell::Int(*n), Cell::Empty, Cell::Empty])
        .collect();
    for d in &f.declines {
        rows.push(vec![
            Cell::Label(format!("figures-declined-by-{}", d.level.map_or("unknown", |l| l.as_str()))),
            Cell::Int(d.count),
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    let tenth = |v: Option<f64>| v.map_or(Cell::Empty, |d| Cell::Text(format!("{d:.1}").replace('.', ",")));
    for s in &f.stage_times {
        rows.push(vec![
            Cell::Label(format!("status-{}", s.stage.as_str())),
            Cell::Int(s.count as i64),
            tenth(s.median_days),
            tenth(s.p90_days),
        ]);
    }
    rows.push(vec![
        Cell::Label("figures-answered-within".into()),
        Cell::Int(f.answered_within_target),
        Cell::Empty,
        Cell::Empty,
    ]);
    rows.push(vec![Cell::Label("figures-answered-late".into()), Cell::Int(f.answered_late), Cell::Empty, Cell::Empty]);
    Table {
        name: "indflydelse".into(),
        headers: vec![
            "export-col-figure".into(),
            "export-col-ideas".into(),
            "export-col-median-days".into(),
            "export-col-p90-days".into(),
        ],
        rows,
    }
}
