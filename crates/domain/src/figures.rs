//! Influence figures: what became of the ideas, counted from their histories, for the whole
//! community, an erfagruppe or a municipality over a period: how many were written, submitted,
//! solved, forwarded, prioritized, accepted, planned, delivered and declined (by level); how long
//! each stage took (median and 90th percentile); and how quickly the tovholdergruppe answered a
//! forwarded idea against the target it has set, with the ideas past it. Pure functions over the
//! histories, so a hand-built scenario gives known answers.

use crate::group::GroupKind;
use crate::idea::{IdeaStatus, MoveKind};
use crate::ids::{GroupId, IdeaId, OrgId};
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

/// Whose figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Scope {
    Community,
    /// Ideas submitted to this erfagruppe.
    Group(GroupId),
    /// Ideas written by people of this organization.
    Organization(OrgId),
}

impl Scope {
    /// `community`, `group:<id>` or `org:<id>`.
    pub fn parse(s: &str) -> Option<Scope> {
        match s.split_once(':') {
            None if s.is_empty() || s == "community" => Some(Scope::Community),
            Some(("group", id)) => id.parse().ok().map(|i| Scope::Group(GroupId(i))),
            Some(("org", id)) => id.parse().ok().map(|i| Scope::Organization(OrgId(i))),
            _ => None,
        }
    }
    pub fn key(&self) -> String {
        match self {
            Scope::Community => "community".into(),
            Scope::Group(g) => format!("group:{g}"),
            Scope::Organization(o) => format!("org:{o}"),
        }
    }
}

/// One move in an idea's history, as the figures need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryStep {
    pub at: Timestamp,
    pub kind: MoveKind,
    pub from_status: Option<IdeaStatus>,
    pub to_status: IdeaStatus,
    /// The kind of group that held the idea when it moved (who made the decision).
    pub from_level: Option<GroupKind>,
}

/// An idea with its whole history, oldest step first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdeaHistory {
    pub idea_id: IdeaId,
    pub title: String,
    pub erfa_group: Option<GroupId>,
    pub author_org: Option<OrgId>,
    pub created_at: Timestamp,
    pub status: IdeaStatus,
    pub steps: Vec<HistoryStep>,
}

/// The counted events, in the funnel's order.
pub const COUNTED: [&str; 9] = [
    "written",
    "submitted",
    "solved_by_configuration",
    "forwarded",
    "prioritized",
    "accepted",
    "planned",
    "delivered",
    "declined",
];

/// The stages whose duration is measured: the time an idea spent in the status.
pub const STAGES: [IdeaStatus; 7] = [
    IdeaStatus::Submitted,
    IdeaStatus::Forwarded,
    IdeaStatus::Prioritized,
    IdeaStatus::InAssessment,
    IdeaStatus::Accepted,
    IdeaStatus::Planned,
    IdeaStatus::InDevelopment,
];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageTime {
    pub stage: IdeaStatus,
    /// How many ideas left the stage in the period.
    pub count: usize,
    pub median_days: Option<f64>,
    pub p90_days: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Declines {
    pub level: Option<GroupKind>,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LateIdea {
    pub idea_id: IdeaId,
    pub title: String,
    /// Days since it was forwarded (still unanswered) or until it was answered.
    pub days: i64,
    pub answered: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub scope: Scope,
    pub from: Timestamp,
    pub to: Timestamp,
    /// (event, ideas) in the order of `COUNTED`.
    pub counts: Vec<(&'static str, i64)>,
    pub declines: Vec<Declines>,
    pub stage_times: Vec<StageTime>,
    /// The tovholdergruppe's answer to forwarded ideas against its target.
    pub target_days: i64,
    pub answered_within_target: i64,
    pub answered_late: i64,
    /// Answered late in the period, or forwarded and still waiting past the target.
    pub late: Vec<LateIdea>,
}

fn in_scope(idea: &IdeaHistory, scope: Scope) -> bool {
    match scope {
        Scope::Community => true,
        Scope::Group(g) => idea.erfa_group == Some(g),
        Scope::Organization(o) => idea.author_org == Some(o),
    }
}

/// The value below which `p` of the sorted values lie (nearest rank).
fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1])
}

fn median(sorted: &[f64]) -> Option<f64> {
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[n / 2]),
        n => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

fn days(d: SignedDuration) -> f64 {
    d.as_secs_f64() / 86_400.0
}

/// Moves of one kind between two statuses, made while a group of `from_level` held the idea.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MoveTally {
    pub kind: MoveKind,
    pub from_status: Option<IdeaStatus>,
    pub to_status: IdeaStatus,
    pub from_level: Option<GroupKind>,
    pub count: i64,
}

/// A tovholdergruppe answer to a forwarded idea: the move right after the forward.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Answer {
    pub idea_id: IdeaId,
    pub title: String,
    pub waited: SignedDuration,
}

/// A forwarded idea still waiting for its answer, forwarded at `since`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Waiting {
    pub idea_id: IdeaId,
    pub title: String,
    pub since: Timestamp,
}

/// What a scope's figures for a period are made of, as a database can count it from the
/// period's moves alone (each move knows when and by which move the idea entered the status it
/// leaves). `facts` derives the same from whole histories: the reference the tests hold the
/// store's counting to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureFacts {
    /// Ideas (not drafts) written in the period.
    pub written: i64,
    /// The period's moves, tallied.
    pub moves: Vec<MoveTally>,
    /// For each move in the period out of a measured stage: the stage and the time spent in it.
    pub stage_times: Vec<(IdeaStatus, SignedDuration)>,
    /// The tovholdergruppe's answers in the period.
    pub answers: Vec<Answer>,
    /// Ideas forwarded and not yet answered (whenever forwarded).
    pub waiting: Vec<Waiting>,
}

impl FigureFacts {
    /// The same facts in one order, so that two countings compare equal.
    pub fn normalized(mut self) -> Self {
        let mut tallies: Vec<MoveTally> = Vec::new();
        self.moves.sort();
        for m in self.moves {
            match tallies.last_mut() {
                Some(last)
                    if (last.kind, last.from_status, last.to_status, last.from_level)
                        == (m.kind, m.from_status, m.to_status, m.from_level) =>
                {
                    last.count += m.count
                }
                _ => tallies.push(m),
            }
        }
        self.moves = tallies;
        self.stage_times.sort();
        self.answers.sort();
        self.waiting.sort();
        self
    }
}

/// The facts of `scope` for moves in `[from, to)`, from whole histories (the reference).
pub fn facts(ideas: &[IdeaHistory], scope: Scope, from: Timestamp, to: Timestamp) -> FigureFacts {
    let in_period = |t: Timestamp| t >= from && t < to;
    let mut out = FigureFacts::default();
    for idea in ideas.iter().filter(|i| in_scope(i, scope)) {
        if in_period(idea.created_at) {
            out.written += 1;
        }
        let mut previous: Option<&HistoryStep> = None;
        for step in &idea.steps {
            if in_period(step.at) {
                out.moves.push(MoveTally {
                    kind: step.kind,
                    from_status: step.from_status,
                    to_status: step.to_status,
                    from_level: step.from_level,
                    count: 1,
                });
                if let Some(prev) = previous {
                    if STAGES.contains(&prev.to_status) {
                        out.stage_times.push((prev.to_status, step.at.duration_since(prev.at)));
                    }
                    if prev.kind == MoveKind::Forward && step.from_status == Some(IdeaStatus::Forwarded) {
                        out.answers.push(Answer {
                            idea_id: idea.idea_id,
                            title: idea.title.clone(),
                            waited: step.at.duration_since(prev.at),
                        });
                    }
                }
            }
            previous = Some(step);
        }
        if let Some(last) = previous
            && last.kind == MoveKind::Forward
            && idea.status == IdeaStatus::Forwarded
        {
            out.waiting.push(Waiting { idea_id: idea.idea_id, title: idea.title.clone(), since: last.at });
        }
    }
    out
}

/// Which counted event a move is, if any.
fn counted_as(m: &MoveTally) -> Option<&'static str> {
    Some(match m.to_status {
        IdeaStatus::Submitted if m.kind == MoveKind::Submit => "submitted",
        IdeaStatus::SolvedByConfiguration => "solved_by_configuration",
        IdeaStatus::Forwarded if m.kind == MoveKind::Forward => "forwarded",
        IdeaStatus::Prioritized if m.from_status != Some(IdeaStatus::Prioritized) => "prioritized",
        IdeaStatus::Accepted => "accepted",
        IdeaStatus::Planned if m.from_status != Some(IdeaStatus::Planned) => "planned",
        IdeaStatus::Delivered => "delivered",
        IdeaStatus::Declined => "declined",
        _ => return None,
    })
}

/// The figures from their facts; `now` for ideas still waiting.
pub fn assemble(
    facts: FigureFacts,
    scope: Scope,
    from: Timestamp,
    to: Timestamp,
    now: Timestamp,
    target_days: i64,
) -> Figures {
    let mut counts: Vec<(&'static str, i64)> = COUNTED.iter().map(|c| (*c, 0)).collect();
    counts[0].1 = facts.written;
    let mut declines: Vec<Declines> = Vec::new();
    for m in &facts.moves {
        let Some(name) = counted_as(m) else { continue };
        if let Some((_, n)) = counts.iter_mut().find(|(c, _)| *c == name) {
            *n += m.count;
        }
        if name == "declined" {
            match declines.iter_mut().find(|d| d.level == m.from_level) {
                Some(d) => d.count += m.count,
                None => declines.push(Declines { level: m.from_level, count: m.count }),
            }
        }
    }
    declines.sort_by_key(|d| d.level.map(|l| l.as_str()));
    let mut durations: Vec<Vec<f64>> = vec![Vec::new(); STAGES.len()];
    for (stage, d) in &facts.stage_times {
        if let Some(i) = STAGES.iter().position(|s| s == stage) {
            durations[i].push(days(*d));
        }
    }
    let stage_times = STAGES
        .iter()
        .zip(durations.iter_mut())
        .map(|(stage, values)| {
            values.sort_by(f64::total_cmp);
            StageTime {
                stage: *stage,
                count: values.len(),
                median_days: median(values),
                p90_days: percentile(values, 0.9),
            }
        })
        .collect();
    let target = SignedDuration::from_hours(24 * target_days);
    let (mut within, mut late_count) = (0, 0);
    let mut late = Vec::new();
    for a in facts.answers {
        if a.waited <= target {
            within += 1;
        } else {
            late_count += 1;
            late.push(LateIdea {
                idea_id: a.idea_id,
                title: a.title,
                days: a.waited.as_secs() / 86_400,
                answered: true,
            });
        }
    }
    for w in facts.waiting {
        let waited = now.duration_since(w.since);
        if waited > target {
            late.push(LateIdea {
                idea_id: w.idea_id,
                title: w.title,
                days: waited.as_secs() / 86_400,
                answered: false,
            });
        }
    }
    late.sort_by(|a, b| b.days.cmp(&a.days).then(a.idea_id.cmp(&b.idea_id)));
    Figures {
        scope,
        from,
        to,
        counts,
        declines,
        stage_times,
        target_days,
        answered_within_target: within,
        answered_late: late_count,
        late,
    }
}

/// Counts the figures of `scope` for moves in `[from, to)` from whole histories; `now` for
/// ideas still waiting. The reference for the store's counting (see `FigureFacts`).
pub fn compute(
    ideas: &[IdeaHistory],
    scope: Scope,
    from: Timestamp,
    to: Timestamp,
    now: Timestamp,
    target_days: i64,
) -> Figures {
    assemble(facts(ideas, scope, from, to), scope, from, to, now, target_days)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        assert_eq!(percentile(&v, 0.9), Some(9.0));
        assert_eq!(median(&v), Some(5.5));
        assert_eq!(median(&[3.0]), Some(3.0));
        assert_eq!(percentile(&[], 0.9), None);
    }

    #[test]
    fn scopes_parse_and_print() {
        assert_eq!(Scope::parse("group:4"), Some(Scope::Group(GroupId(4))));
        assert_eq!(Scope::parse(""), Some(Scope::Community));
        assert_eq!(Scope::parse("org:x"), None);
        assert_eq!(Scope::Organization(OrgId(7)).key(), "org:7");
    }
}
