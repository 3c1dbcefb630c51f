//! Moderation: redacting a passage everywhere a text is kept, hiding a comment, the log.

use crate::audit::AuditEntry;
use crate::error::DomainResult;
use crate::ids::{CommentId, UserId};
use crate::moderation::{LogEntry, Redaction, Target, TargetView};
use crate::notify::NewNotification;
use async_trait::async_trait;

#[async_trait]
pub trait ModerationStore: Send + Sync {
    /// The target with its texts as they stand, if it exists and is shared (not a draft).
    async fn moderation_target(&self, target: Target) -> DomainResult<Option<TargetView>>;
    /// Replaces the passage with [`crate::moderation::MARKER`] in every stored text of the
    /// target and wherever else it was copied, in one transaction; records the log entry and the
    /// audit entry (with the number of texts changed) and writes the author's notification.
    /// How many of the target's texts changed; none is `Invalid(passage: passage_not_found)`
    /// and nothing is written.
    async fn redact(
        &self,
        target: Target,
        redaction: &Redaction,
        moderator: UserId,
        audit: AuditEntry,
        notification: Option<&NewNotification>,
    ) -> DomainResult<i64>;
    /// Hides a comment (its text is no longer shown anywhere) or shows it again, at the audit
    /// entry's time.
    async fn set_comment_hidden(
        &self,
        id: CommentId,
        hidden: bool,
        reason: &str,
        moderator: UserId,
        audit: AuditEntry,
        notification: Option<&NewNotification>,
    ) -> DomainResult<()>;
    /// The latest moderation, newest first.
    async fn moderation_log(&self, limit: usize) -> DomainResult<Vec<LogEntry>>;
}
