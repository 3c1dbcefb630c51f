//! The storage the use cases need. Implemented once per backend family in `idespor-storage`.
//! Each write method is one transaction, and takes the audit entry that it writes with it.

use crate::audit::{AuditEntry, AuditRecord};
use crate::error::DomainResult;
use crate::group::{Group, GroupInput, GroupMember, GroupRole, GroupSummary};
use crate::idea::journey::JourneyState;
use crate::idea::{
    Comment, Idea, IdeaEvent, IdeaFilter, IdeaInput, IdeaPage, IdeaSort, NewEvent, ProductArea, Provenance, Release,
    Supporter,
};
use crate::ids::{CommentId, GroupId, IdeaId, OrgId, ProductAreaId, ReleaseId, TokenId, UserId};
use crate::org::{OrgFilter, Organization, OrganizationInput};
use crate::user::{Language, User, UserAdminInput};
use async_trait::async_trait;
use jiff::Timestamp;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    pub id: TokenId,
    pub name: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

/// A user row for sign-in, with the stored password hash.
#[derive(Debug, Clone)]
pub struct LoginCandidate {
    pub user: User,
    pub password_hash: Option<String>,
}

/// A group a person belongs to, with their role there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub group: Group,
    pub role: GroupRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    Inserted,
    Updated,
}

#[async_trait]
pub trait Store: Send + Sync {
    /// Answers when the database answers.
    async fn ping(&self) -> DomainResult<()>;

    // Organizations
    async fn list_organizations(&self, filter: &OrgFilter) -> DomainResult<Vec<Organization>>;
    async fn get_organization(&self, id: OrgId) -> DomainResult<Option<Organization>>;
    async fn find_organization_by_code(&self, code: &str) -> DomainResult<Option<Organization>>;
    async fn find_organization_by_name(&self, name: &str) -> DomainResult<Option<Organization>>;
    async fn insert_organization(&self, org: &OrganizationInput, audit: AuditEntry) -> DomainResult<Organization>;
    async fn update_organization(
        &self,
        id: OrgId,
        org: &OrganizationInput,
        audit: AuditEntry,
    ) -> DomainResult<Organization>;
    /// Inserts or updates (by code) every row in one transaction: all or nothing.
    async fn import_organizations(
        &self,
        orgs: &[OrganizationInput],
        audit: AuditEntry,
    ) -> DomainResult<Vec<ImportOutcome>>;

    // Groups
    async fn list_groups(&self) -> DomainResult<Vec<GroupSummary>>;
    async fn get_group(&self, id: GroupId) -> DomainResult<Option<Group>>;
    async fn find_group_by_name(&self, name: &str) -> DomainResult<Option<Group>>;
    async fn insert_group(&self, group: &GroupInput, audit: AuditEntry) -> DomainResult<Group>;
    async fn update_group(&self, id: GroupId, group: &GroupInput, audit: AuditEntry) -> DomainResult<Group>;
    async fn group_organizations(&self, id: GroupId) -> DomainResult<Vec<Organization>>;
    async fn group_members(&self, id: GroupId) -> DomainResult<Vec<GroupMember>>;
    async fn add_group_organization(&self, group: GroupId, org: OrgId, audit: AuditEntry) -> DomainResult<()>;
    async fn remove_group_organization(&self, group: GroupId, org: OrgId, audit: AuditEntry) -> DomainResult<()>;
    async fn set_group_member(
        &self,
        group: GroupId,
        user: UserId,
        role: GroupRole,
        audit: AuditEntry,
    ) -> DomainResult<()>;
    async fn remove_group_member(&self, group: GroupId, user: UserId, audit: AuditEntry) -> DomainResult<()>;
    async fn memberships_of_user(&self, user: UserId) -> DomainResult<Vec<Membership>>;
    async fn groups_of_organization(&self, org: OrgId) -> DomainResult<Vec<Group>>;

    // People
    async fn get_user(&self, id: UserId) -> DomainResult<Option<User>>;
    async fn find_login_candidate(&self, email: &str) -> DomainResult<Option<LoginCandidate>>;
    async fn list_users(&self) -> DomainResult<Vec<User>>;
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

    // Sessions (ids stored hashed)
    async fn create_session(
        &self,
        id_hash: &str,
        user: UserId,
        created: Timestamp,
        expires: Timestamp,
    ) -> DomainResult<()>;
    async fn session_user(&self, id_hash: &str, now: Timestamp) -> DomainResult<Option<User>>;
    async fn delete_session(&self, id_hash: &str) -> DomainResult<()>;
    async fn delete_expired_sessions(&self, now: Timestamp) -> DomainResult<u64>;

    // API tokens (stored hashed)
    async fn create_api_token(&self, user: UserId, name: &str, hash: &str, audit: AuditEntry)
    -> DomainResult<ApiToken>;
    async fn list_api_tokens(&self, user: UserId) -> DomainResult<Vec<ApiToken>>;
    async fn revoke_api_token(&self, user: UserId, id: TokenId, audit: AuditEntry) -> DomainResult<()>;
    async fn token_user(&self, hash: &str, now: Timestamp) -> DomainResult<Option<User>>;

    // Invitations (stored hashed)
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

    // Sign-in throttling
    async fn record_login_failure(&self, keys: &[String], at: Timestamp) -> DomainResult<()>;
    async fn count_login_failures(&self, key: &str, since: Timestamp) -> DomainResult<i64>;
    async fn clear_login_failures(&self, key: &str) -> DomainResult<()>;

    // Audit
    async fn list_audit(&self, limit: i64) -> DomainResult<Vec<AuditRecord>>;

    // Product areas and releases
    async fn list_product_areas(&self) -> DomainResult<Vec<ProductArea>>;
    async fn insert_product_area(&self, name: &str, audit: AuditEntry) -> DomainResult<ProductArea>;
    async fn list_releases(&self) -> DomainResult<Vec<Release>>;
    async fn get_release(&self, id: ReleaseId) -> DomainResult<Option<Release>>;
    async fn insert_release(&self, release: &ReleaseInput, audit: AuditEntry) -> DomainResult<Release>;
    async fn update_release(&self, id: ReleaseId, release: &ReleaseInput, audit: AuditEntry) -> DomainResult<Release>;

    // Ideas
    /// Inserts a draft with its search terms (stem, weight).
    async fn insert_idea(
        &self,
        idea: &IdeaInput,
        author: UserId,
        org: Option<OrgId>,
        terms: &[(String, i32)],
        audit: AuditEntry,
    ) -> DomainResult<Idea>;
    /// Changes the text and its search terms; fails with `Conflict("stale_version")` when the
    /// idea moved on.
    async fn update_idea(
        &self,
        id: IdeaId,
        expected_version: i64,
        idea: &IdeaInput,
        terms: &[(String, i32)],
        audit: AuditEntry,
    ) -> DomainResult<Idea>;
    /// Submitted ideas whose terms start with the query's stems, best first: most stems
    /// matched, then weight. (Drafts have no terms until they are submitted.)
    async fn search_ideas(
        &self,
        stems: &[String],
        exclude: Option<IdeaId>,
        page: i64,
        page_size: i64,
    ) -> DomainResult<IdeaPage>;
    async fn get_idea(&self, id: IdeaId) -> DomainResult<Option<Idea>>;
    async fn list_ideas(
        &self,
        filter: &IdeaFilter,
        sort: IdeaSort,
        page: i64,
        page_size: i64,
    ) -> DomainResult<IdeaPage>;
    /// Moves an idea to `state` if it still has `expected_version`, appends the event, replaces
    /// its search terms when given (on submission), and for a merge carries supports, followers
    /// and provenance to the surviving idea; one transaction.
    async fn apply_move(
        &self,
        id: IdeaId,
        expected_version: i64,
        record: MoveRecord<'_>,
        audit: AuditEntry,
    ) -> DomainResult<Idea>;
    async fn idea_events(&self, id: IdeaId) -> DomainResult<Vec<IdeaEvent>>;
    async fn supporters(&self, id: IdeaId) -> DomainResult<Vec<Supporter>>;
    /// Adds a person's support on behalf of their organization; the count is of organizations.
    async fn support_idea(&self, id: IdeaId, user: UserId, org: OrgId, at: Timestamp) -> DomainResult<()>;
    async fn withdraw_support(&self, id: IdeaId, user: UserId) -> DomainResult<()>;
    async fn follow_idea(&self, id: IdeaId, user: UserId, at: Timestamp, follow: bool) -> DomainResult<()>;
    /// Whether the person supports and follows the idea.
    async fn viewer_relation(&self, id: IdeaId, user: UserId) -> DomainResult<(bool, bool)>;
    async fn provenance(&self, id: IdeaId) -> DomainResult<Vec<Provenance>>;
    /// Adds a comment and notifies, in one transaction.
    async fn add_comment(
        &self,
        id: IdeaId,
        author: UserId,
        org: Option<OrgId>,
        body: &str,
        notification: &crate::notify::NewNotification,
    ) -> DomainResult<Comment>;
    /// The people who follow an idea.
    async fn idea_followers(&self, id: IdeaId) -> DomainResult<Vec<UserId>>;
    /// A person's notifications, newest first.
    async fn notifications(&self, user: UserId, limit: i64) -> DomainResult<Vec<crate::notify::Notification>>;
    async fn unread_notifications(&self, user: UserId) -> DomainResult<i64>;
    /// Marks one notification (or, with `None`, all) of the person read.
    async fn mark_notifications_read(&self, user: UserId, id: Option<i64>, at: Timestamp) -> DomainResult<()>;
    async fn get_comment(&self, id: CommentId) -> DomainResult<Option<Comment>>;
    /// Replaces a comment's text and keeps the earlier text as a revision.
    async fn edit_comment(&self, id: CommentId, body: &str, at: Timestamp) -> DomainResult<Comment>;
    async fn comments(&self, id: IdeaId) -> DomainResult<Vec<Comment>>;
    /// The earlier texts of all the idea's comments, oldest first.
    async fn comment_revisions(&self, id: IdeaId) -> DomainResult<Vec<crate::idea::CommentRevision>>;
    /// The group kinds' ids, for the levels of the journey.
    async fn groups_of_kind(&self, kind: crate::group::GroupKind) -> DomainResult<Vec<Group>>;
    /// The product area a name refers to.
    async fn find_product_area(&self, id: ProductAreaId) -> DomainResult<Option<ProductArea>>;
}

/// What one move writes, besides the audit entry.
#[derive(Debug, Clone, Copy)]
pub struct MoveRecord<'a> {
    /// The idea's new journey state.
    pub state: &'a JourneyState,
    /// The entry appended to the idea's history.
    pub event: &'a NewEvent,
    /// New search terms (when the idea is submitted).
    pub terms: Option<&'a [(String, i32)]>,
    /// Who is told.
    pub notification: &'a crate::notify::NewNotification,
}

/// A release as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseInput {
    pub version: String,
    pub planned_date: Option<jiff::civil::Date>,
    pub released_date: Option<jiff::civil::Date>,
    pub notes: String,
}
