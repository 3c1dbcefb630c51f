//! Ideas, their journey's moves and history, supports, followers and comments, and search.

use crate::audit::AuditEntry;
use crate::error::DomainResult;
use crate::idea::NewEvent;
use crate::idea::journey::JourneyState;
use crate::idea::{Comment, Idea, IdeaEvent, IdeaFilter, IdeaInput, IdeaPage, IdeaSort, Provenance, Supporter};
use crate::ids::{CommentId, IdeaId, OrgId, UserId};
use crate::notify::NewNotification;
use async_trait::async_trait;
use jiff::Timestamp;

#[async_trait]
pub trait IdeaStore: Send + Sync {
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
    /// Changes an idea's text if it still has `expected_version`. With `revision`, the text it
    /// had is kept as a revision (replaced now, by that person) and the notification written,
    /// in the same transaction.
    async fn update_idea(
        &self,
        id: IdeaId,
        expected_version: i64,
        idea: &IdeaInput,
        terms: &[(String, i32)],
        revision: Option<(UserId, &NewNotification)>,
        audit: AuditEntry,
    ) -> DomainResult<Idea>;
    /// The idea's earlier wordings, oldest first.
    async fn idea_revisions(&self, id: IdeaId) -> DomainResult<Vec<crate::idea::IdeaRevision>>;
    /// The ids of the submitted ideas whose terms start with the query's stems, best first:
    /// most stems matched, then weight; one page of them, and how many there are in all.
    /// (Drafts have no terms until they are submitted, so the answer is the same for everyone.)
    async fn search_idea_ids(
        &self,
        stems: &[String],
        exclude: Option<IdeaId>,
        page: i64,
        page_size: i64,
    ) -> DomainResult<(Vec<IdeaId>, i64)>;
    /// The generation of the search terms: it changes whenever any idea's terms are written.
    async fn search_generation(&self) -> DomainResult<i64>;
    /// The ideas with these ids, in the given order (those that exist).
    async fn ideas_by_ids(&self, ids: &[IdeaId]) -> DomainResult<Vec<Idea>>;
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
    /// Adds the person's support (counted for their organization) and, with `follow`, makes
    /// them a follower, in one transaction.
    async fn support_idea(&self, id: IdeaId, user: UserId, org: OrgId, at: Timestamp, follow: bool)
    -> DomainResult<()>;
    async fn withdraw_support(&self, id: IdeaId, user: UserId) -> DomainResult<()>;
    async fn follow_idea(&self, id: IdeaId, user: UserId, at: Timestamp, follow: bool) -> DomainResult<()>;
    /// Whether the person supports and follows the idea.
    async fn viewer_relation(&self, id: IdeaId, user: UserId) -> DomainResult<(bool, bool)>;
    async fn provenance(&self, id: IdeaId) -> DomainResult<Vec<Provenance>>;
    /// Adds a comment, notifies and, with `follow`, makes the author a follower, in one
    /// transaction.
    async fn add_comment(
        &self,
        id: IdeaId,
        author: UserId,
        org: Option<OrgId>,
        body: &str,
        notification: &crate::notify::NewNotification,
        follow: bool,
    ) -> DomainResult<Comment>;
    /// The people who follow an idea.
    async fn idea_followers(&self, id: IdeaId) -> DomainResult<Vec<UserId>>;
    async fn get_comment(&self, id: CommentId) -> DomainResult<Option<Comment>>;
    /// Replaces a comment's text and keeps the earlier text as a revision.
    async fn edit_comment(&self, id: CommentId, body: &str, at: Timestamp) -> DomainResult<Comment>;
    async fn comments(&self, id: IdeaId) -> DomainResult<Vec<Comment>>;
    /// The earlier texts of all the idea's comments, oldest first.
    async fn comment_revisions(&self, id: IdeaId) -> DomainResult<Vec<crate::idea::CommentRevision>>;
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
