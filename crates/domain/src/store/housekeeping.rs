//! Housekeeping: removing personal data whose retention period has run out, and the sign-in
//! history it keeps short.

use crate::error::DomainResult;
use crate::ids::UserId;
use crate::retention::{Cutoffs, Removed, RetentionRun};
use async_trait::async_trait;
use jiff::Timestamp;

#[async_trait]
pub trait HousekeepingStore: Send + Sync {
    /// Removes what has run out, in one transaction, and records the run for `period`; when the
    /// period's run is already recorded (another node did it), does nothing and answers `None`.
    async fn apply_retention(&self, period: &str, cutoffs: &Cutoffs) -> DomainResult<Option<Removed>>;
    /// The newest recorded runs, newest first.
    async fn retention_runs(&self, limit: i64) -> DomainResult<Vec<RetentionRun>>;
    /// A person's newest sign-ins, newest first.
    async fn sign_ins(&self, user: UserId, limit: i64) -> DomainResult<Vec<Timestamp>>;
}
