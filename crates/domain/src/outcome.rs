//! "Hvad blev der af…?": what became of every idea an erfagruppe ever sent, grouped by outcome,
//! with the decision and the reason for each. The grouping is a rule of the domain, so the page,
//! the API and the exports tell the same story.

use crate::group::GroupKind;
use crate::idea::IdeaStatus;
use crate::ids::{DecisionId, IdeaId};
use jiff::Timestamp;
use serde::Serialize;

/// Where an idea ended up (or stands now), in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Delivered in a release.
    Delivered,
    /// Accepted, planned or in development.
    OnTheWay,
    /// Solved by configuration: no development needed.
    SolvedByConfiguration,
    /// With the tovholdergruppe or the product managers, not yet decided.
    UnderConsideration,
    /// Still with the erfagruppe.
    WithTheGroup,
    Parked,
    Declined,
    /// Merged into another idea (which carries on).
    Merged,
    Withdrawn,
}

impl Outcome {
    pub const ALL: [Outcome; 9] = [
        Self::Delivered,
        Self::OnTheWay,
        Self::SolvedByConfiguration,
        Self::UnderConsideration,
        Self::WithTheGroup,
        Self::Parked,
        Self::Declined,
        Self::Merged,
        Self::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Delivered => "delivered",
            Self::OnTheWay => "on_the_way",
            Self::SolvedByConfiguration => "solved_by_configuration",
            Self::UnderConsideration => "under_consideration",
            Self::WithTheGroup => "with_the_group",
            Self::Parked => "parked",
            Self::Declined => "declined",
            Self::Merged => "merged",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// The outcome of an idea in this status (drafts were never sent, so they have none).
    pub fn of(status: IdeaStatus) -> Option<Outcome> {
        use IdeaStatus::*;
        Some(match status {
            Draft => return None,
            Submitted => Self::WithTheGroup,
            Forwarded | Prioritized | InAssessment | NeedsInformation => Self::UnderConsideration,
            Accepted | Planned | InDevelopment => Self::OnTheWay,
            Delivered => Self::Delivered,
            SolvedByConfiguration => Self::SolvedByConfiguration,
            Declined => Self::Declined,
            Merged => Self::Merged,
            Parked => Self::Parked,
            Withdrawn => Self::Withdrawn,
        })
    }
}

/// One idea as the outcome page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdeaOutcome {
    pub idea_id: IdeaId,
    pub title: String,
    pub status: IdeaStatus,
    /// The solution, or the reason for a decline or park (for a standard decline reason, the
    /// decider's own words beside its code).
    pub resolution: String,
    pub resolution_code: Option<String>,
    pub status_changed_at: Timestamp,
    pub release: Option<String>,
    pub merged_into: Option<IdeaId>,
    pub merged_into_title: Option<String>,
    /// The decision that made the latest move, if a group decided it.
    pub decision_id: Option<DecisionId>,
    pub decision_title: Option<String>,
    /// The level that made the latest move (for a decline: who declined it).
    pub decided_by_level: Option<GroupKind>,
}

/// The ideas grouped by outcome, in the page's order; empty outcomes left out.
pub fn group_by_outcome(ideas: Vec<IdeaOutcome>) -> Vec<(Outcome, Vec<IdeaOutcome>)> {
    let mut groups: Vec<(Outcome, Vec<IdeaOutcome>)> = Outcome::ALL.iter().map(|o| (*o, Vec::new())).collect();
    for idea in ideas {
        if let Some(outcome) = Outcome::of(idea.status)
            && let Some((_, list)) = groups.iter_mut().find(|(o, _)| *o == outcome)
        {
            list.push(idea);
        }
    }
    groups.retain(|(_, list)| !list.is_empty());
    groups
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_sent_status_has_exactly_one_outcome_and_drafts_none() {
        for status in IdeaStatus::ALL {
            assert_eq!(Outcome::of(status).is_none(), status == IdeaStatus::Draft, "{status:?}");
        }
    }

    #[test]
    fn ideas_are_grouped_in_the_page_s_order_without_empty_groups() {
        let idea = |id: i64, status| IdeaOutcome {
            idea_id: IdeaId(id),
            title: format!("Idé {id}"),
            status,
            resolution: String::new(),
            resolution_code: None,
            status_changed_at: Timestamp::UNIX_EPOCH,
            release: None,
            merged_into: None,
            merged_into_title: None,
            decision_id: None,
            decision_title: None,
            decided_by_level: None,
        };
        let grouped = group_by_outcome(vec![
            idea(1, IdeaStatus::Declined),
            idea(2, IdeaStatus::Delivered),
            idea(3, IdeaStatus::Planned),
            idea(4, IdeaStatus::Draft),
            idea(5, IdeaStatus::Declined),
        ]);
        let order: Vec<_> = grouped.iter().map(|(o, l)| (*o, l.len())).collect();
        assert_eq!(order, vec![(Outcome::Delivered, 1), (Outcome::OnTheWay, 1), (Outcome::Declined, 2)]);
    }
}
