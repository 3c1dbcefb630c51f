//! Personal data: the retention job, its record, a person's sign-in history, and the
//! community's privacy policy.

use super::{Actor, Services};
use crate::audit::AuditEntry;
use crate::error::DomainResult;
use crate::privacy::{DataExport, EXPORT_CLAIM_MINUTES, EXPORT_DAYS, PrivacyPolicy, SETTING};
use crate::retention::{Removed, Retention, RetentionRun, period};
use jiff::SignedDuration;
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

    /// The person asks for a copy of everything Idéspor holds about them; a background job
    /// gathers it (`build_next_export`). Asked for again while one is on its way or waiting, the
    /// same one is answered.
    pub async fn request_export(&self, actor: &Actor) -> DomainResult<DataExport> {
        let now = self.now();
        let expires = now + SignedDuration::from_hours(24 * EXPORT_DAYS);
        self.store.request_export(actor.user.id, now, expires).await
    }

    /// The person's copy on its way or waiting for its download, if any.
    pub async fn current_export(&self, actor: &Actor) -> DomainResult<Option<DataExport>> {
        self.store.current_export(actor.user.id, self.now()).await
    }

    /// Gathers the oldest copy asked for, if any (one node takes each); answers whether it made
    /// one. The background job calls it until there is none.
    pub async fn build_next_export(&self) -> DomainResult<bool> {
        let now = self.now();
        let stale = now - SignedDuration::from_mins(EXPORT_CLAIM_MINUTES);
        let Some((id, user)) = self.store.claim_export(now, stale).await? else {
            return Ok(false);
        };
        let data = self.store.personal_data(user).await?;
        let text = serde_json::to_string(&data).map_err(|e| crate::DomainError::Internal(e.to_string()))?;
        self.store.finish_export(id, &text, self.now()).await?;
        Ok(true)
    }

    /// Hands the person their ready copy, once: the sections of `privacy::SECTIONS`.
    pub async fn take_export(
        &self,
        actor: &Actor,
        id: i64,
    ) -> DomainResult<serde_json::Map<String, serde_json::Value>> {
        let Some(text) = self.store.take_export(id, actor.user.id, self.now()).await? else {
            // Asked for and still being gathered: say so (try again shortly), not "not found".
            let current = self.store.current_export(actor.user.id, self.now()).await?;
            return Err(match current {
                Some(e) if e.id == id && e.status != crate::privacy::ExportStatus::Ready => {
                    crate::DomainError::Conflict("export_not_ready")
                }
                _ => crate::DomainError::NotFound("export"),
            });
        };
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "user.export", "user").id(actor.user.id.0);
        self.store.record_audit(audit).await?;
        serde_json::from_str(&text).map_err(|e| crate::DomainError::Internal(e.to_string()))
    }
}
