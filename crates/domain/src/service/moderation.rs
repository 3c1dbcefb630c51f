//! Moderation use cases: a moderator removes a passage of citizen data from an idea, a comment,
//! minutes or a decision, or hides a whole comment; the author is told; everything is logged
//! without the text removed.

use super::{Actor, Services};
use crate::audit::AuditEntry;
use crate::error::{DomainError, DomainResult};
use crate::ids::CommentId;
use crate::moderation::{LOG_LIMIT, LogEntry, RedactionForm, Target, TargetView};
use crate::notify::{MeetingChange, NewNotification, NotificationKind, Subject};
use serde_json::json;

impl Services {
    /// The target as it stands, for a moderator about to act on it.
    pub async fn moderation_target(&self, actor: &Actor, target: Target) -> DomainResult<TargetView> {
        actor.require_moderator()?;
        self.store.moderation_target(target).await?.ok_or(DomainError::NotFound("moderation_target"))
    }

    /// Removes a passage everywhere the target's text is kept; the number of stored texts it
    /// was replaced in.
    pub async fn redact(&self, actor: &Actor, target: Target, form: &RedactionForm) -> DomainResult<i64> {
        actor.require_moderator()?;
        let redaction = form.parse()?;
        let view = self.moderation_target(actor, target).await?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "content.redact", target.kind())
            .id(target.id())
            .details(json!({ "reason": redaction.reason }));
        let notification = self.tell_author(actor, &view).await?;
        self.store.redact(target, &redaction, actor.user.id, audit, notification.as_ref()).await
    }

    /// Hides a comment (`hidden`) or shows it again, with the reason why.
    pub async fn hide_comment(&self, actor: &Actor, id: CommentId, hidden: bool, reason: &str) -> DomainResult<()> {
        actor.require_moderator()?;
        let mut errors = crate::error::FieldErrors::new();
        let reason = crate::moderation::check_reason(reason, &mut errors);
        errors.into_result(())?;
        let view = self.moderation_target(actor, Target::Comment(id)).await?;
        let action = if hidden { "comment.hide" } else { "comment.show" };
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), action, "comment")
            .id(id.0)
            .details(json!({ "reason": reason }));
        let notification = self.tell_author(actor, &view).await?;
        self.store.set_comment_hidden(id, hidden, &reason, actor.user.id, audit, notification.as_ref()).await
    }

    /// The moderation log: moderators and administrators.
    pub async fn moderation_log(&self, actor: &Actor) -> DomainResult<Vec<LogEntry>> {
        actor.require_moderator()?;
        self.store.moderation_log(LOG_LIMIT).await
    }

    /// The author hears that a moderator changed what they wrote (unless they did it themselves).
    async fn tell_author(&self, actor: &Actor, view: &TargetView) -> DomainResult<Option<NewNotification>> {
        let Some(author) = view.author.filter(|a| *a != actor.user.id) else { return Ok(None) };
        let subject = match view.target {
            Target::Idea(idea) => Subject::Idea(idea),
            Target::Comment(_) => Subject::Idea(view.idea_id.ok_or(DomainError::NotFound("idea"))?),
            Target::Minutes(meeting) => Subject::Meeting(meeting, MeetingChange::Minutes),
            Target::Decision(decision) => Subject::Decision(Some(decision)),
        };
        let notification = NewNotification {
            recipients: vec![author],
            email_now: Vec::new(),
            kind: NotificationKind::Moderated,
            subject,
            actor: Some(actor.user.id),
            move_kind: None,
            to_status: None,
            at: self.now(),
        };
        Ok(Some(self.with_email_now(notification).await?))
    }
}
