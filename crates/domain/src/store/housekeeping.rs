//! Housekeeping: removing personal data whose retention period has run out, and the sign-in
//! history it keeps short.

use crate::error::DomainResult;
use crate::ids::UserId;
use crate::privacy::DataExport;
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
    /// Asks for a copy of the person's data; when one is already asked for or waiting, that
    /// one is answered (asked for twice at once, made once).
    async fn request_export(&self, user: UserId, now: Timestamp, expires: Timestamp) -> DomainResult<DataExport>;
    /// The person's copy in the making or waiting (not expired), if any.
    async fn current_export(&self, user: UserId, now: Timestamp) -> DomainResult<Option<DataExport>>;
    /// Claims the oldest copy to gather (or one whose claim went stale): its id and owner.
    async fn claim_export(&self, now: Timestamp, stale_before: Timestamp) -> DomainResult<Option<(i64, UserId)>>;
    /// Everything stored about the person, by section (`privacy::SECTIONS`), each a list of
    /// records.
    async fn personal_data(&self, user: UserId) -> DomainResult<serde_json::Map<String, serde_json::Value>>;
    /// Stores the gathered copy: ready for download.
    async fn finish_export(&self, id: i64, data: &str, now: Timestamp) -> DomainResult<()>;
    /// Hands the ready copy to its owner once: marks it used and forgets its data in the same
    /// transaction; `None` when it is not the owner's, not ready, used or expired.
    async fn take_export(&self, id: i64, user: UserId, now: Timestamp) -> DomainResult<Option<String>>;
    /// A person's newest sign-ins, newest first.
    async fn sign_ins(&self, user: UserId, limit: i64) -> DomainResult<Vec<Timestamp>>;
}
