//! Personal data: the retention job, its record, a person's sign-in history, and the
//! community's privacy policy.

use super::{Actor, Services};
use crate::audit::AuditEntry;
use crate::error::DomainResult;
use crate::privacy::{PrivacyPolicy, SETTING};
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

    /// The community's privacy policy as the administrator wrote it (empty until then).
    pub async fn privacy_policy(&self) -> DomainResult<PrivacyPolicy> {
        Ok(self.store.setting(SETTING).await?.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
    }

    /// An administrator writes the privacy policy.
    pub async fn set_privacy_policy(&self, actor: &Actor, form: &PrivacyPolicy) -> DomainResult<PrivacyPolicy> {
        actor.require_admin()?;
        let policy = PrivacyPolicy::parse(form)?;
        let value = serde_json::to_string(&policy).map_err(|e| crate::DomainError::Internal(e.to_string()))?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "settings.privacy_policy", "settings");
        self.store.set_setting(SETTING, &value, actor.user.id, self.now(), audit).await?;
        Ok(policy)
    }
}
