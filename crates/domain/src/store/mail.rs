//! Mail: preferences, digests, the outbox, and the secrets and generations behind signed links.

use crate::audit::AuditEntry;
use crate::error::DomainResult;
use crate::ids::UserId;
use crate::mail::{Cadence, DigestKind, OutboxMessage, OutboxStatus};
use crate::notify::{Notification, NotificationKind};
use async_trait::async_trait;
use jiff::Timestamp;
use serde::Serialize;

#[async_trait]
pub trait MailStore: Send + Sync {
    async fn preferences(&self, user: UserId) -> DomainResult<Vec<(NotificationKind, Cadence)>>;
    async fn set_preferences(
        &self,
        user: UserId,
        prefs: &[(NotificationKind, Cadence)],
        audit: AuditEntry,
    ) -> DomainResult<()>;
    /// Of `users`, those whose cadence for `kind` is `cadence` (the default where unset).
    async fn users_with_cadence(
        &self,
        kind: NotificationKind,
        cadence: Cadence,
        users: &[UserId],
    ) -> DomainResult<Vec<UserId>>;
    /// The named secret, made from `candidate` the first time it is asked for (by any process).
    async fn instance_secret(&self, name: &str, candidate: &str) -> DomainResult<String>;
    async fn feed_generation(&self, user: UserId) -> DomainResult<i64>;
    async fn new_feed_generation(&self, user: UserId, audit: AuditEntry) -> DomainResult<i64>;
    /// Queues one digest for every person with news of this cadence in the period; a period
    /// already queued is not queued again. Returns how many were queued now.
    async fn enqueue_digests(
        &self,
        kind: DigestKind,
        key: &str,
        start: Timestamp,
        end: Timestamp,
        now: Timestamp,
    ) -> DomainResult<u64>;
    /// Takes up to `limit` mails that are due, for this process, until `locked_until`. A mail
    /// whose claim ran out without an answer (its sender died or crashed on it) is claimed again
    /// while it has had fewer than `max_attempts` attempts, and fails for good, visibly, after.
    async fn claim_outbox(
        &self,
        now: Timestamp,
        locked_until: Timestamp,
        limit: i64,
        max_attempts: i64,
    ) -> DomainResult<Vec<OutboxMessage>>;
    async fn outbox_sent(&self, id: crate::ids::OutboxId, subject: &str, at: Timestamp) -> DomainResult<()>;
    /// Records a failed attempt; `next` is when to try again, `None` to give up.
    async fn outbox_failed(&self, id: crate::ids::OutboxId, error: &str, next: Option<Timestamp>) -> DomainResult<()>;
    async fn list_outbox(&self, status: Option<OutboxStatus>, limit: i64) -> DomainResult<Vec<OutboxMessage>>;
    async fn outbox_counts(&self) -> DomainResult<Vec<(OutboxStatus, i64)>>;
    /// Makes a failed or queued mail due now; false when it was sent or is being sent.
    async fn retry_outbox(&self, id: crate::ids::OutboxId, now: Timestamp, audit: AuditEntry) -> DomainResult<bool>;
    /// A person's notifications of the period of kinds they get at `cadence`, oldest first,
    /// each with whether the idea is theirs and whether their organization supports it.
    async fn digest_notifications(
        &self,
        user: UserId,
        org: Option<crate::ids::OrgId>,
        start: Timestamp,
        end: Timestamp,
        cadence: Cadence,
    ) -> DomainResult<Vec<DigestItem>>;
}

/// A notification in a digest, with what it is to the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DigestItem {
    pub notification: Notification,
    pub idea_is_mine: bool,
    pub idea_supported_by_my_org: bool,
}
