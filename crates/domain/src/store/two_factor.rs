//! Two-step sign-in: the secret, its confirmation, codes used once, recovery codes, and
//! sign-ins waiting for their code.

use crate::audit::AuditEntry;
use crate::error::DomainResult;
use crate::ids::UserId;
use crate::two_factor::TwoFactor;
use async_trait::async_trait;
use jiff::Timestamp;

#[async_trait]
pub trait TwoFactorStore: Send + Sync {
    async fn two_factor(&self, user: UserId) -> DomainResult<Option<TwoFactor>>;
    /// Keeps a new, unconfirmed secret (replacing an unconfirmed one); `Conflict` when two-step
    /// sign-in is already on.
    async fn start_two_factor(&self, user: UserId, secret: &str, at: Timestamp) -> DomainResult<()>;
    /// Turns it on with the step of the code that confirmed it and the recovery codes' hashes.
    async fn confirm_two_factor(
        &self,
        user: UserId,
        step: i64,
        recovery_hashes: &[String],
        audit: AuditEntry,
    ) -> DomainResult<()>;
    async fn disable_two_factor(&self, user: UserId, audit: AuditEntry) -> DomainResult<()>;
    /// Takes a code's step if it is later than every step used before (of two uses of the same
    /// code at once, one).
    async fn use_code_step(&self, user: UserId, step: i64) -> DomainResult<bool>;
    /// Uses a recovery code up, if it is the person's and unused.
    async fn use_recovery_code(&self, user: UserId, hash: &str, at: Timestamp) -> DomainResult<bool>;
    async fn create_pending_sign_in(
        &self,
        hash: &str,
        user: UserId,
        at: Timestamp,
        expires: Timestamp,
    ) -> DomainResult<()>;
    async fn pending_sign_in(&self, hash: &str, now: Timestamp) -> DomainResult<Option<UserId>>;
    /// Ends a pending sign-in; false when it was already ended (by a parallel request).
    async fn end_pending_sign_in(&self, hash: &str) -> DomainResult<bool>;
}
