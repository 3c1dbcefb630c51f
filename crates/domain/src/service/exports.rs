//! Exports for everyone signed in: the community's ideas, moves and decisions, and a closed
//! round's published ballots.

use super::{Actor, Services};
use crate::error::{DomainError, DomainResult};
use crate::export::{Cell, ExportKind, Table};
use crate::meeting::DecisionFilter;
use crate::round::Phase;

fn headers(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| format!("export-col-{k}")).collect()
}

impl Services {
    pub async fn export(&self, _actor: &Actor, kind: ExportKind) -> DomainResult<Table> {
        Ok(match kind {
            ExportKind::Ideas => Table {
                name: "ideer".into(),
                headers: headers(&[
                    "id",
                    "title",
                    "need",
                    "status",
                    "erfa-group",
                    "organization",
                    "area",
                    "supports",
                    "comments",
                    "created",
                    "changed",
                    "release",
                ]),
                rows: self.store.export_ideas().await?,
            },
            ExportKind::Moves => Table {
                name: "flytninger".into(),
                headers: headers(&[
                    "idea-id",
                    "title",
                    "at",
                    "move",
                    "from-status",
                    "to-status",
                    "by",
                    "organization",
                    "reason",
                    "decision",
                ]),
                rows: self.store.export_moves().await?,
            },
            ExportKind::Decisions => {
                let list =
                    self.store.list_decisions(&DecisionFilter { limit: Some(1_000_000), ..Default::default() }).await?;
                Table {
                    name: "beslutninger".into(),
                    headers: headers(&["id", "group", "title", "decided", "text", "reason", "meeting", "ideas"]),
                    rows: list
                        .into_iter()
                        .map(|d| {
                            vec![
                                Cell::Int(d.id.0),
                                Cell::Text(d.group_name),
                                Cell::Text(d.title),
                                Cell::Time(d.decided_at),
                                Cell::Text(d.body),
                                Cell::Text(d.reason),
                                d.meeting_title.into(),
                                // Each idea by its title, with what the decision did to it.
                                Cell::List(
                                    d.ideas
                                        .iter()
                                        .map(|i| {
                                            (i.title.clone(), i.move_kind.map(|k| format!("event-{}", k.as_str())))
                                        })
                                        .collect(),
                                ),
                            ]
                        })
                        .collect(),
                }
            }
        })
    }

    /// A closed round's ballots: one row per voter, one column per idea (points or place).
    pub async fn export_ballots(&self, actor: &Actor, round: crate::ids::RoundId) -> DomainResult<Table> {
        let view = self.round_view(actor, round).await?;
        if view.phase != Phase::Closed {
            return Err(DomainError::Conflict("round_not_closed"));
        }
        let mut headers = headers(&["voter", "cast-by", "cast-at"]);
        headers.extend(view.round.ideas.iter().map(|i| format!("=#{} {}", i.idea_id, i.title)));
        let rows = view
            .ballots
            .iter()
            .map(|b| {
                let mut row = vec![Cell::Text(b.voter_label.clone()), b.cast_by.clone().into(), Cell::Time(b.cast_at)];
                row.extend(view.round.ideas.iter().map(|i| b.values.get(&i.idea_id).map(|v| i64::from(*v)).into()));
                row
            })
            .collect();
        Ok(Table { name: format!("stemmesedler-runde-{round}"), headers, rows })
    }
}
