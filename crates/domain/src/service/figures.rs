//! Influence figures for anyone signed in, and the tovholdergruppe's response target.

use super::{Actor, Services};
use crate::audit::AuditEntry;
use crate::error::{DomainError, DomainResult};
use crate::figures::{Figures, Scope, assemble};
use jiff::civil::Date;
use serde_json::json;

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

    /// The figures of a scope for the days `from` to `to` (Copenhagen dates, both included).
    pub async fn figures(&self, _actor: &Actor, scope: Scope, from: Date, to: Date) -> DomainResult<Figures> {
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
        let facts = self.store.figure_facts(scope, start, end).await?;
        let target = self.response_target_days().await?;
        Ok(assemble(facts, scope, start, end, self.now(), target))
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
