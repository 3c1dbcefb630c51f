//! Prioritization rounds and their ballots.

use crate::audit::AuditEntry;
use crate::error::DomainResult;
use crate::ids::{IdeaId, UserId};
use async_trait::async_trait;
use jiff::Timestamp;

#[async_trait]
pub trait RoundStore: Send + Sync {
    async fn insert_round(
        &self,
        input: &crate::round::RoundInput,
        created_by: UserId,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<crate::ids::RoundId>;
    /// Rounds, newest first, each with its ideas.
    async fn list_rounds(&self) -> DomainResult<Vec<crate::round::Round>>;
    async fn get_round(&self, id: crate::ids::RoundId) -> DomainResult<Option<crate::round::Round>>;
    /// Replaces the voter's ballot as a whole, in one transaction: the last complete ballot wins.
    async fn cast_ballot(
        &self,
        round: crate::ids::RoundId,
        voter: &crate::round::Voter,
        by: UserId,
        at: Timestamp,
        values: &std::collections::BTreeMap<IdeaId, i32>,
        audit: AuditEntry,
    ) -> DomainResult<()>;
    async fn ballots(&self, round: crate::ids::RoundId) -> DomainResult<Vec<crate::round::Ballot>>;
    /// The round the decision published the result of, if it did.
    async fn round_published_as(
        &self,
        decision: crate::ids::DecisionId,
    ) -> DomainResult<Option<crate::round::PublishedRound>>;
}
