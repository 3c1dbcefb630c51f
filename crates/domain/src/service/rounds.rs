//! Prioritization rounds: opened by the tovholdergruppe, voted by the erfagrupper or the
//! municipalities, counted by a stated method from ballots published at the close, and
//! published as a tovholdergruppe decision that ranks the ideas by the journey's own moves.

use super::{Actor, Services};
use crate::audit::AuditEntry;
use crate::error::{DomainError, DomainResult};
use crate::group::{GroupKind, GroupRole};
use crate::idea::{Idea, IdeaStatus};
use crate::ids::{DecisionId, IdeaId, RoundId};
use crate::meeting::{DecisionForm, DecisionMoveForm};
use crate::round::{Ballot, Phase, PublishedRound, Round, RoundForm, Standing, Voter, Voters, check_ballot, count};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

/// A round as a person sees it.
#[derive(Debug, Clone, Serialize)]
pub struct RoundView {
    pub round: Round,
    pub phase: Phase,
    /// Whom the person may vote for (while the round is open).
    pub my_voters: Vec<Voter>,
    /// The ballots the person's voters have cast (theirs to see while it is open).
    pub my_ballots: Vec<Ballot>,
    /// Every ballot, published once the round is closed.
    pub ballots: Vec<Ballot>,
    /// The result, once the round is closed.
    pub result: Vec<Standing>,
    /// Those who could have voted and did not (once closed).
    pub non_voters: Vec<Voter>,
    /// Whether the person may publish the result as a decision.
    pub may_publish: bool,
}

impl Services {
    /// Members of the tovholdergruppe run rounds (publishing prioritizes ideas, which only they may).
    pub async fn may_run_rounds(&self, actor: &Actor) -> DomainResult<bool> {
        Ok(self.store.memberships_of_user(actor.user.id).await?.iter().any(|m| m.group.kind == GroupKind::Steering))
    }

    /// The ideas a round may put on its ballot: those the tovholdergruppe holds, forwarded or
    /// already prioritized.
    pub async fn round_candidates(&self, actor: &Actor) -> DomainResult<Vec<Idea>> {
        let steering = self.levels().await?.steering;
        let mut ideas = Vec::new();
        let mut page = 1;
        loop {
            let batch = self.group_queue(actor, steering, page).await?;
            let done = batch.ideas.len() < crate::idea::PAGE_SIZE as usize || page >= 20;
            ideas.extend(
                batch.ideas.into_iter().filter(|i| matches!(i.status, IdeaStatus::Forwarded | IdeaStatus::Prioritized)),
            );
            if done {
                break;
            }
            page += 1;
        }
        Ok(ideas)
    }

    pub async fn create_round(&self, actor: &Actor, form: &RoundForm) -> DomainResult<RoundId> {
        if !self.may_run_rounds(actor).await? {
            return Err(DomainError::Forbidden("only_steering_member"));
        }
        let input = form.parse()?;
        if input.closes_at <= self.now() {
            return Err(DomainError::invalid("closes_date", "closes_in_past"));
        }
        let candidates = self.round_candidates(actor).await?;
        if input.ideas.iter().any(|id| !candidates.iter().any(|c| c.id == *id)) {
            return Err(DomainError::invalid("ideas", "idea_not_with_steering"));
        }
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "round.create", "round")
            .details(json!({ "title": input.title, "ideas": input.ideas.len() }));
        self.store.insert_round(&input, actor.user.id, self.now(), audit).await
    }

    pub async fn rounds(&self) -> DomainResult<Vec<Round>> {
        self.store.list_rounds().await
    }

    async fn round(&self, id: RoundId) -> DomainResult<Round> {
        self.store.get_round(id).await?.ok_or(DomainError::NotFound("round"))
    }

    /// Everyone who may vote in the round.
    async fn all_voters(&self, round: &Round) -> DomainResult<Vec<Voter>> {
        let erfa = self.store.groups_of_kind(GroupKind::Erfa).await?;
        let mut voters: Vec<Voter> = Vec::new();
        match round.voters {
            Voters::Erfagrupper => {
                voters.extend(erfa.iter().map(|g| Voter { key: format!("group:{}", g.id), label: g.name.clone() }))
            }
            Voters::Municipalities => {
                for g in &erfa {
                    for org in self.store.group_organizations(g.id).await? {
                        let key = format!("org:{}", org.id);
                        if !voters.iter().any(|v| v.key == key) {
                            voters.push(Voter { key, label: org.name });
                        }
                    }
                }
            }
        }
        crate::collation::sort_danish_by(&mut voters, |v| v.label.as_str());
        Ok(voters)
    }

    /// Whom a person votes for: the erfagrupper they are tovholder of, or their municipality
    /// when it belongs to an erfagruppe.
    async fn voters_of(&self, actor: &Actor, round: &Round) -> DomainResult<Vec<Voter>> {
        let all = self.all_voters(round).await?;
        let memberships = self.store.memberships_of_user(actor.user.id).await?;
        Ok(all
            .into_iter()
            .filter(|v| match round.voters {
                Voters::Erfagrupper => memberships.iter().any(|m| {
                    m.group.kind == GroupKind::Erfa
                        && m.role == GroupRole::Coordinator
                        && v.key == format!("group:{}", m.group.id)
                }),
                Voters::Municipalities => actor.user.org_id.is_some_and(|o| v.key == format!("org:{o}")),
            })
            .collect())
    }

    pub async fn round_view(&self, actor: &Actor, id: RoundId) -> DomainResult<RoundView> {
        let round = self.round(id).await?;
        let phase = round.phase(self.now());
        let my_voters = self.voters_of(actor, &round).await?;
        // Only ballots cast before the close count (a write that waited past it does not).
        let all_ballots: Vec<Ballot> =
            self.store.ballots(id).await?.into_iter().filter(|b| b.cast_at < round.closes_at).collect();
        let my_ballots = all_ballots.iter().filter(|b| my_voters.iter().any(|v| v.key == b.voter)).cloned().collect();
        let (ballots, result, non_voters) = if phase == Phase::Closed {
            let ideas: Vec<IdeaId> = round.ideas.iter().map(|i| i.idea_id).collect();
            let values: Vec<BTreeMap<IdeaId, i32>> = all_ballots.iter().map(|b| b.values.clone()).collect();
            let result = count(round.method, &ideas, &values);
            let non_voters = self
                .all_voters(&round)
                .await?
                .into_iter()
                .filter(|v| !all_ballots.iter().any(|b| b.voter == v.key))
                .collect();
            (all_ballots, result, non_voters)
        } else {
            (Vec::new(), Vec::new(), Vec::new())
        };
        let may_publish = phase == Phase::Closed && round.decision_id.is_none() && self.may_run_rounds(actor).await?;
        Ok(RoundView { round, phase, my_voters, my_ballots, ballots, result, non_voters, may_publish })
    }

    /// Casts (or replaces) a ballot on behalf of one voter the person speaks for.
    pub async fn cast_ballot(
        &self,
        actor: &Actor,
        id: RoundId,
        voter: &str,
        values: &BTreeMap<IdeaId, i32>,
    ) -> DomainResult<()> {
        let round = self.round(id).await?;
        match round.phase(self.now()) {
            Phase::Upcoming => return Err(DomainError::Conflict("round_not_open")),
            Phase::Closed => return Err(DomainError::Conflict("round_closed")),
            Phase::Open => {}
        }
        let Some(voter) = self.voters_of(actor, &round).await?.into_iter().find(|v| v.key == voter) else {
            return Err(DomainError::Forbidden("not_a_voter"));
        };
        let values = check_ballot(&round, values)?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "round.ballot", "round")
            .id(id.0)
            .details(json!({ "voter": voter.key }));
        self.store.cast_ballot(id, &voter, actor.user.id, self.now(), &values, audit).await
    }

    /// The round whose result the decision published, if it did.
    pub async fn published_round(&self, decision: DecisionId) -> DomainResult<Option<PublishedRound>> {
        self.store.round_published_as(decision).await
    }

    /// Publishes a closed round's result as a tovholdergruppe decision that prioritizes the
    /// ideas in the order of the result (those still with the tovholdergruppe).
    pub async fn publish_round(&self, actor: &Actor, id: RoundId) -> DomainResult<DecisionId> {
        let view = self.round_view(actor, id).await?;
        if view.phase != Phase::Closed {
            return Err(DomainError::Conflict("round_not_closed"));
        }
        if view.round.decision_id.is_some() {
            return Err(DomainError::Conflict("round_published"));
        }
        if !view.may_publish {
            return Err(DomainError::Forbidden("only_steering_member"));
        }
        let steering = self.levels().await?.steering;
        let mut moves = Vec::new();
        let mut lines = Vec::new();
        let mut rank = 0;
        for s in &view.result {
            let title =
                view.round.ideas.iter().find(|i| i.idea_id == s.idea_id).map(|i| i.title.clone()).unwrap_or_default();
            lines.push(format!("{}. {} ({})", s.position, title, s.score));
            if let Some(idea) = self.store.get_idea(s.idea_id).await?
                && idea.holder_group_id == Some(steering)
                && matches!(idea.status, IdeaStatus::Forwarded | IdeaStatus::Prioritized)
            {
                rank += 1;
                moves.push(DecisionMoveForm {
                    idea_id: idea.id.0,
                    move_kind: "prioritize".into(),
                    rank: Some(rank),
                    version: Some(idea.version),
                    ..Default::default()
                });
            }
        }
        // Only what the community wrote or counted is stored: the round's title and the result.
        // How it was counted is said on the decision's page in the reader's language, from the
        // round (`published_round`).
        let form = DecisionForm {
            title: view.round.title.chars().take(200).collect(),
            body: lines.join("\n"),
            reason: String::new(),
            meeting_id: None,
            moves,
        };
        // The round is marked published in the decision's own transaction: once, or not at all.
        self.record_decision_inner(actor, steering, &form, Some(id)).await
    }
}
