//! People and how they sign in: users, sessions, API tokens, invitations, sign-in throttling, and the audit log.

use crate::audit::{AuditEntry, AuditRecord};
use crate::error::DomainResult;
use crate::ids::{OrgId, TokenId, UserId};
use crate::user::{Language, User, UserAdminInput};
use async_trait::async_trait;
use jiff::Timestamp;
use serde::Serialize;

#[async_trait]
pub trait AccountStore: Send + Sync {
    async fn get_user(&self, id: UserId) -> DomainResult<Option<User>>;
    async fn find_login_candidate(&self, email: &str) -> DomainResult<Option<LoginCandidate>>;
    /// The same by id: for checking the signed-in person's password, whose e-mail may have
    /// changed since their request began.
    async fn login_candidate_by_id(&self, id: UserId) -> DomainResult<Option<LoginCandidate>>;
    async fn list_users(&self) -> DomainResult<Vec<User>>;
    /// Every membership: (person, group, role).
    async fn all_memberships(&self) -> DomainResult<Vec<(UserId, crate::ids::GroupId, crate::group::GroupRole)>>;
    /// An import of people, in one transaction: new people created (each to be invited gets a
    /// password link valid until `invite_expires` and its mail in the outbox), existing ones
    /// changed, memberships added or their role changed.
    async fn import_people(
        &self,
        targets: &[crate::people::PersonTarget],
        invite_expires: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<()>;
    async fn users_of_organization(&self, org: OrgId) -> DomainResult<Vec<User>>;
    /// Inserts a person; with an invitation (hash, expiry) in the same transaction when given.
    async fn insert_user(
        &self,
        user: &UserAdminInput,
        password_hash: Option<&str>,
        invitation: Option<(&str, Timestamp)>,
        audit: AuditEntry,
    ) -> DomainResult<User>;
    async fn update_user(&self, id: UserId, user: &UserAdminInput, audit: AuditEntry) -> DomainResult<User>;
    async fn update_profile(
        &self,
        id: UserId,
        name: &str,
        email: &str,
        language: Language,
        audit: AuditEntry,
    ) -> DomainResult<User>;
    /// Sets the password and ends every session of the person but the one kept.
    async fn set_password(
        &self,
        id: UserId,
        hash: &str,
        keep_session: Option<&str>,
        audit: AuditEntry,
    ) -> DomainResult<()>;
    async fn create_session(
        &self,
        id_hash: &str,
        user: UserId,
        created: Timestamp,
        expires: Timestamp,
    ) -> DomainResult<()>;
    /// The person behind a valid session, with how many of their notifications are unread (every
    /// page shows that number, so it comes with the same query).
    async fn session_user(&self, id_hash: &str, now: Timestamp) -> DomainResult<Option<(User, i64)>>;
    /// Ends a session; the provider it came from, if it came from one.
    async fn delete_session(&self, id_hash: &str) -> DomainResult<Option<String>>;
    async fn delete_expired_sessions(&self, now: Timestamp) -> DomainResult<u64>;
    async fn create_api_token(&self, user: UserId, name: &str, hash: &str, audit: AuditEntry)
    -> DomainResult<ApiToken>;
    async fn list_api_tokens(&self, user: UserId) -> DomainResult<Vec<ApiToken>>;
    async fn revoke_api_token(&self, user: UserId, id: TokenId, audit: AuditEntry) -> DomainResult<()>;
    async fn token_user(&self, hash: &str, now: Timestamp) -> DomainResult<Option<User>>;
    async fn create_invitation(
        &self,
        user: UserId,
        hash: &str,
        expires: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<()>;
    async fn invitation_user(&self, hash: &str, now: Timestamp) -> DomainResult<Option<User>>;
    /// Sets the password and uses the invitation up, atomically; false when it was already used.
    async fn accept_invitation(
        &self,
        hash: &str,
        password_hash: &str,
        now: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<Option<User>>;
    /// Counts an attempt against each key, atomically: when every key has had fewer than its
    /// limit of attempts since `since`, one attempt is recorded for each (as a failure until
    /// `forget_login_attempts` takes it back) and their ids returned; otherwise nothing is
    /// recorded and `None` returned. Parallel attempts on one key are serialized, so no more
    /// than the limit are ever let through.
    async fn reserve_login_attempt(
        &self,
        keys: &[(String, i64)],
        since: Timestamp,
        now: Timestamp,
    ) -> DomainResult<Option<Vec<i64>>>;
    /// Takes back the attempts `ids` (it succeeded) and every failure of `clear_keys`.
    async fn forget_login_attempts(&self, ids: &[i64], clear_keys: &[String]) -> DomainResult<()>;
    async fn list_audit(&self, limit: i64) -> DomainResult<Vec<AuditRecord>>;
    /// Writes a password link for the person, its mail in the outbox and the audit entry, in
    /// one transaction; the person's earlier links stop working. The new link's id.
    async fn create_password_reset(&self, user: UserId, expires_at: Timestamp, audit: AuditEntry) -> DomainResult<i64>;
    async fn password_reset(&self, id: i64) -> DomainResult<Option<PasswordReset>>;
    /// Uses the link up (of two at once, one), sets the password and ends every session of the
    /// person; `None` when the link is used, expired or gone.
    async fn use_password_reset(
        &self,
        id: i64,
        password_hash: &str,
        now: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<Option<User>>;
    /// Erases a person in one transaction: their personal data itself is deleted or
    /// overwritten (name, e-mail, password, sessions, tokens, feed key, preferences,
    /// notifications, mail, sign-ins, copies, memberships, follows, and their name and e-mail
    /// wherever the audit trail or a mail's subject quoted them); what the community owns stays
    /// with the organization (ideas, comments, supports, decisions, ballots). The id is kept in
    /// `erasures`, which holds nothing else. `NotFound` when there is no such person (or they
    /// were erased already).
    async fn erase_user(&self, id: UserId, erased_name: &str, at: Timestamp, audit: AuditEntry) -> DomainResult<()>;
    /// Writes an audit entry of its own: something looked at, not changed.
    async fn record_audit(&self, audit: AuditEntry) -> DomainResult<()>;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    pub id: TokenId,
    pub name: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

/// A password link ("Glemt adgangskode").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordReset {
    pub id: i64,
    pub user_id: UserId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub used_at: Option<Timestamp>,
}

/// A user row for sign-in, with the stored password hash.
#[derive(Debug, Clone)]
pub struct LoginCandidate {
    pub user: User,
    pub password_hash: Option<String>,
    /// The person's organization requires single sign-on: no password sign-in.
    pub sso_required: bool,
}
