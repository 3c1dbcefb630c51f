//! Prioritization rounds: the tovholdergruppe puts forwarded ideas on a ballot, each erfagruppe
//! (through its tovholder) or each municipality (through its people) votes with a points budget
//! or a ranking, and at the close the result is counted by a stated method from ballots that are
//! then published, so that anyone can count them again.

use crate::error::{DomainResult, FieldErrors};
use crate::ids::{IdeaId, UserId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 5000;
pub const BUDGET_MAX: i32 = 1000;
/// As many as one decision may move, so that every result can be published.
pub const BALLOT_MAX_IDEAS: usize = crate::meeting::DECISION_MAX_IDEAS;

/// How votes are given and counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Each voter spreads at most `budget` points over the ideas; the points are summed.
    Points,
    /// Each voter ranks ideas 1, 2, 3 …; counted by Borda: on a ballot of n ideas, rank r gets
    /// n − r + 1 points, an unranked idea none; the points are summed.
    Ranking,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Points => "points",
            Self::Ranking => "ranking",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "points" => Some(Self::Points),
            "ranking" => Some(Self::Ranking),
            _ => None,
        }
    }
}

/// Who votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Voters {
    /// Each erfagruppe, through its tovholder(e).
    Erfagrupper,
    /// Each municipality, through its people in the erfagrupper (the last complete ballot counts).
    Municipalities,
}

impl Voters {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Erfagrupper => "erfagrupper",
            Self::Municipalities => "municipalities",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "erfagrupper" => Some(Self::Erfagrupper),
            "municipalities" => Some(Self::Municipalities),
            _ => None,
        }
    }
}

/// Where a round stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Upcoming,
    Open,
    /// Voting is over; the result is fixed by the ballots.
    Closed,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Upcoming => "upcoming",
            Self::Open => "open",
            Self::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Round {
    pub id: crate::ids::RoundId,
    pub title: String,
    pub description: String,
    pub method: Method,
    /// The points each voter may spread (points method).
    pub budget: i32,
    pub voters: Voters,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    pub created_by: Option<String>,
    pub created_at: Timestamp,
    /// The tovholdergruppe decision that published the result and ranked the ideas.
    pub decision_id: Option<crate::ids::DecisionId>,
    pub ideas: Vec<BallotIdea>,
}

/// The round whose result a decision published: what the decision's page says, in the reader's
/// language, about how the result was counted (the decision itself stores no prose of ours).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedRound {
    pub id: crate::ids::RoundId,
    pub title: String,
    pub method: Method,
    pub budget: i32,
    pub ballots: i64,
}

impl Round {
    pub fn phase(&self, now: Timestamp) -> Phase {
        if now < self.opens_at {
            Phase::Upcoming
        } else if now < self.closes_at {
            Phase::Open
        } else {
            Phase::Closed
        }
    }
}

/// An idea on the ballot, with what voters see of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BallotIdea {
    pub idea_id: IdeaId,
    pub title: String,
    pub need: String,
    pub support_count: i64,
}

/// A voter's ballot: `voter` is `group:<id>` or `org:<id>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ballot {
    pub voter: String,
    pub voter_label: String,
    pub cast_by: Option<String>,
    pub cast_by_id: Option<UserId>,
    pub cast_at: Timestamp,
    /// Points, or rank (1 = first), per idea.
    pub values: BTreeMap<IdeaId, i32>,
}

/// One who may vote, and whom the person casting speaks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Voter {
    pub key: String,
    pub label: String,
}

/// The typed round.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoundForm {
    pub title: String,
    pub description: String,
    pub method: String,
    pub budget: String,
    pub voters: String,
    pub opens_date: String,
    pub opens_time: String,
    pub closes_date: String,
    pub closes_time: String,
    /// The ideas on the ballot.
    pub ideas: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundInput {
    pub title: String,
    pub description: String,
    pub method: Method,
    pub budget: i32,
    pub voters: Voters,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    pub ideas: Vec<IdeaId>,
}

impl RoundForm {
    pub fn parse(&self) -> DomainResult<RoundInput> {
        let mut errors = FieldErrors::new();
        let title = self.title.trim().to_string();
        if title.is_empty() {
            errors.add("title", "required");
        } else {
            crate::text::check_line(&mut errors, "title", &title, TITLE_MAX);
        }
        let description = self.description.trim().to_string();
        crate::text::check(&mut errors, "description", &description, DESCRIPTION_MAX);
        let method = Method::parse(self.method.trim());
        if method.is_none() {
            errors.add("method", "method_unknown");
        }
        let budget = match (method, self.budget.trim()) {
            (Some(Method::Points), raw) => match raw.parse::<i32>() {
                Ok(b) if (1..=BUDGET_MAX).contains(&b) => b,
                _ => {
                    errors.add("budget", "budget_invalid");
                    0
                }
            },
            _ => 0,
        };
        let voters = Voters::parse(self.voters.trim());
        if voters.is_none() {
            errors.add("voters", "voters_unknown");
        }
        let tz = crate::clock::copenhagen();
        let mut at =
            |date_field: &'static str, time_field: &'static str, date: &str, time: &str| -> Option<Timestamp> {
                let Ok(d) = date.trim().parse::<jiff::civil::Date>() else {
                    errors.add(date_field, if date.trim().is_empty() { "required" } else { "date_invalid" });
                    return None;
                };
                let t = if time.trim().is_empty() {
                    jiff::civil::Time::midnight()
                } else {
                    match crate::meeting::parse_time(time) {
                        Some(t) => t,
                        None => {
                            errors.add(time_field, "time_invalid");
                            return None;
                        }
                    }
                };
                d.to_datetime(t).to_zoned_datetime(tz.clone()).ok().map(|z| z.timestamp())
            };
        let opens_at = at("opens_date", "opens_time", &self.opens_date, &self.opens_time);
        let closes_at = at("closes_date", "closes_time", &self.closes_date, &self.closes_time);
        if let (Some(o), Some(c)) = (opens_at, closes_at)
            && c <= o
        {
            errors.add("closes_date", "closes_before_opens");
        }
        let mut ideas: Vec<IdeaId> = self.ideas.iter().map(|i| IdeaId(*i)).collect();
        ideas.sort();
        ideas.dedup();
        if ideas.is_empty() {
            errors.add("ideas", "round_without_ideas");
        } else if ideas.len() > BALLOT_MAX_IDEAS {
            errors.add("ideas", "too_many");
        }
        errors.into_result(()).map(|()| RoundInput {
            title,
            description,
            method: method.unwrap_or(Method::Points),
            budget,
            voters: voters.unwrap_or(Voters::Erfagrupper),
            opens_at: opens_at.unwrap_or_default(),
            closes_at: closes_at.unwrap_or_default(),
            ideas,
        })
    }
}

/// Checks a ballot against the round: only the ballot's ideas, no negative points, the budget
/// kept; ranks distinct and between 1 and the number of ideas. Zero points or no rank: left out.
pub fn check_ballot(round: &Round, values: &BTreeMap<IdeaId, i32>) -> DomainResult<BTreeMap<IdeaId, i32>> {
    let mut errors = FieldErrors::new();
    let on_ballot = |id: &IdeaId| round.ideas.iter().any(|i| i.idea_id == *id);
    let mut kept = BTreeMap::new();
    for (idea, value) in values {
        if !on_ballot(idea) {
            errors.add("ballot", "idea_not_on_ballot");
            continue;
        }
        if *value < 0 {
            errors.add("ballot", "value_negative");
            continue;
        }
        if *value > 0 {
            kept.insert(*idea, *value);
        }
    }
    match round.method {
        Method::Points => {
            let total: i64 = kept.values().map(|v| i64::from(*v)).sum();
            if total > i64::from(round.budget) {
                errors.add("ballot", "over_budget");
            }
        }
        Method::Ranking => {
            let n = round.ideas.len() as i32;
            let mut ranks: Vec<i32> = kept.values().copied().collect();
            ranks.sort_unstable();
            if ranks.iter().any(|r| *r > n) {
                errors.add("ballot", "rank_invalid");
            }
            if ranks.windows(2).any(|w| w[0] == w[1]) {
                errors.add("ballot", "rank_twice");
            }
        }
    }
    if kept.is_empty() && errors.is_empty() {
        errors.add("ballot", "ballot_empty");
    }
    errors.into_result(kept)
}

/// One idea's place in the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Standing {
    pub position: i32,
    pub idea_id: IdeaId,
    pub score: i64,
}

/// Counts the ballots: points summed (for a ranking, Borda points). Ties share the order of the
/// lower idea number, so that the result is the same whoever counts. The order of the ballots
/// does not matter.
pub fn count(method: Method, ideas: &[IdeaId], ballots: &[BTreeMap<IdeaId, i32>]) -> Vec<Standing> {
    let n = ideas.len() as i64;
    let mut scores: BTreeMap<IdeaId, i64> = ideas.iter().map(|i| (*i, 0)).collect();
    for ballot in ballots {
        for (idea, value) in ballot {
            if let Some(score) = scores.get_mut(idea) {
                *score += match method {
                    Method::Points => i64::from(*value),
                    Method::Ranking => (n - i64::from(*value) + 1).max(0),
                };
            }
        }
    }
    let mut list: Vec<(IdeaId, i64)> = scores.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list.into_iter()
        .enumerate()
        .map(|(i, (idea_id, score))| Standing { position: i as i32 + 1, idea_id, score })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn borda_gives_n_points_for_first_place() {
        let ideas = [IdeaId(1), IdeaId(2), IdeaId(3)];
        let ballots = vec![
            BTreeMap::from([(IdeaId(1), 1), (IdeaId(2), 2)]),
            BTreeMap::from([(IdeaId(2), 1), (IdeaId(3), 2), (IdeaId(1), 3)]),
        ];
        let result = count(Method::Ranking, &ideas, &ballots);
        // 1: 3 + 1 = 4; 2: 2 + 3 = 5; 3: 0 + 2 = 2
        assert_eq!(result.iter().map(|s| (s.idea_id.0, s.score)).collect::<Vec<_>>(), vec![(2, 5), (1, 4), (3, 2)]);
    }

    #[test]
    fn ties_go_to_the_lower_idea_number() {
        let ideas = [IdeaId(9), IdeaId(4)];
        let result = count(Method::Points, &ideas, &[BTreeMap::from([(IdeaId(9), 5), (IdeaId(4), 5)])]);
        assert_eq!(result[0].idea_id, IdeaId(4));
        assert_eq!(result[1].position, 2);
    }
}
