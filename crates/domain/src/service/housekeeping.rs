//! Housekeeping: the retention job, its record, and a person's sign-in history.

use super::{Actor, Services};
use crate::error::DomainResult;
use crate::retention::{Removed, Retention, RetentionRun, period};
use jiff::Timestamp;

/// How many sign-ins the profile shows.
pub const SIGN_INS_SHOWN: i64 = 10;

impl Services {
    /// Removes what has run out under the policy, once per hour across all nodes: `None` when
    /// this hour's run was already made (here or on another node).
    pub async fn apply_retention(&self, policy: &Retention) -> DomainResult<Option<Removed>> {
        let now = self.now();
        self.store.apply_retention(&period(now), &policy.cutoffs(now)).await
    }

    /// The newest runs of the retention job (administrators).
    pub async fn retention_runs(&self, actor: &Actor, limit: i64) -> DomainResult<Vec<RetentionRun>> {
        actor.require_admin()?;
        self.store.retention_runs(limit.clamp(1, 100)).await
    }

    /// The person's own newest sign-ins.
    pub async fn my_sign_ins(&self, actor: &Actor) -> DomainResult<Vec<Timestamp>> {
        self.store.sign_ins(actor.user.id, SIGN_INS_SHOWN).await
    }
}
