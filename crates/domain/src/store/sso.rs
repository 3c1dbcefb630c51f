//! Single sign-on: attempts waiting for the provider, identities linked to people, the
//! organizations that require it, and sessions that came from a provider.

use crate::audit::AuditEntry;
use crate::error::DomainResult;
use crate::ids::{OrgId, UserId};
use crate::org::Organization;
use crate::sso::SsoAttempt;
use crate::user::{User, UserAdminInput};
use async_trait::async_trait;
use jiff::Timestamp;

/// A person's link to a provider, as their profile and their data copy show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LinkedIdentity {
    pub provider: String,
    pub created_at: Timestamp,
    pub last_sign_in_at: Timestamp,
}

#[async_trait]
pub trait SsoStore: Send + Sync {
    async fn create_sso_attempt(
        &self,
        state_hash: &str,
        browser_hash: &str,
        attempt: &SsoAttempt,
        at: Timestamp,
        expires: Timestamp,
    ) -> DomainResult<()>;
    /// Takes the attempt a state names, with the hash of the browser that began it: it is
    /// deleted in the same step, so a state works once (of two uses at once, one). `None` when
    /// unknown, used or expired.
    async fn take_sso_attempt(&self, state_hash: &str, now: Timestamp) -> DomainResult<Option<(SsoAttempt, String)>>;
    async fn sso_identity_user(&self, provider: &str, subject: &str) -> DomainResult<Option<UserId>>;
    /// Links an identity to an existing person; `Conflict` when the identity is linked already.
    async fn link_sso_identity(
        &self,
        user: UserId,
        provider: &str,
        subject: &str,
        audit: AuditEntry,
    ) -> DomainResult<()>;
    /// Creates a person (without a password) with their identity, in one transaction;
    /// `Conflict` when a parallel sign-in created them first.
    async fn create_sso_user(
        &self,
        input: &UserAdminInput,
        provider: &str,
        subject: &str,
        audit: AuditEntry,
        notification: Option<&crate::notify::NewNotification>,
    ) -> DomainResult<User>;
    async fn sso_identities_of(&self, user: UserId) -> DomainResult<Vec<LinkedIdentity>>;
    async fn find_organization_by_cvr(&self, cvr: &str) -> DomainResult<Option<Organization>>;
    async fn set_organization_sso_required(&self, org: OrgId, required: bool, audit: AuditEntry) -> DomainResult<()>;
    /// A session begun through a provider (a sign-in is recorded as for any session).
    async fn create_sso_session(
        &self,
        id_hash: &str,
        user: UserId,
        provider: &str,
        subject: &str,
        created: Timestamp,
        expires: Timestamp,
    ) -> DomainResult<()>;
}
