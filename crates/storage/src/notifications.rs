//! A person's notifications. (They are written by the change that causes them, in its own
//! transaction: see `writes::notifications`.)

use crate::ideas::status;
use crate::rows::bad;
use crate::sql::{Row, args};
use crate::store::SqlStore;
use async_trait::async_trait;
use idespor_domain::idea::MoveKind;
use idespor_domain::notify::{MeetingChange, Notification, NotificationFilter, NotificationKind};
use idespor_domain::store::NotificationStore;
use idespor_domain::{DecisionId, DomainResult, IdeaId, MeetingId, NotificationId, UserId};
use jiff::Timestamp;

/// A notification with what it is about, for [`notification`]; then the recipient and the
/// idea's author (columns 16 and 17).
pub(crate) const NOTIFICATION_SELECT: &str = "SELECT n.id, n.kind, n.idea_id, i.title, n.meeting_id, m.title, \
     m.starts_at, n.change, n.decision_id, d.title, COALESCE(mg.name, dg.name), u.name, n.move_kind, n.to_status, \
     n.created_at, n.read_at, n.user_id, i.author_id \
     FROM notifications n LEFT JOIN ideas i ON i.id = n.idea_id LEFT JOIN users u ON u.id = n.actor_id \
     LEFT JOIN meetings m ON m.id = n.meeting_id LEFT JOIN community_groups mg ON mg.id = m.group_id \
     LEFT JOIN decisions d ON d.id = n.decision_id LEFT JOIN community_groups dg ON dg.id = d.group_id";

pub(crate) const RECIPIENT_COLUMN: usize = 16;
pub(crate) const IDEA_AUTHOR_COLUMN: usize = 17;

pub(crate) fn notification(r: &Row<'_>) -> DomainResult<Notification> {
    let kind = r.text(1)?;
    Ok(Notification {
        id: NotificationId(r.i64(0)?),
        kind: NotificationKind::parse(&kind).ok_or_else(|| bad("notification kind", &kind))?,
        idea_id: r.opt_i64(2)?.map(IdeaId),
        idea_title: r.opt_text(3)?,
        meeting_id: r.opt_i64(4)?.map(MeetingId),
        meeting_title: r.opt_text(5)?,
        meeting_starts_at: r.opt_ts(6)?,
        meeting_change: r.opt_text(7)?.as_deref().and_then(MeetingChange::parse),
        decision_id: r.opt_i64(8)?.map(DecisionId),
        decision_title: r.opt_text(9)?,
        group_name: r.opt_text(10)?,
        actor_name: r.opt_text(11)?,
        move_kind: r.opt_text(12)?.as_deref().and_then(MoveKind::parse),
        to_status: r.opt_text(13)?.as_deref().map(status).transpose()?,
        created_at: r.ts(14)?,
        read_at: r.opt_ts(15)?,
    })
}

#[async_trait]
impl NotificationStore for SqlStore {
    async fn notifications(
        &self,
        user: UserId,
        filter: NotificationFilter,
        limit: i64,
        offset: i64,
    ) -> DomainResult<(Vec<Notification>, i64)> {
        // The kind is an enum's own spelling and safe in the statement; so is the limit.
        let mut condition = String::from("n.user_id = $1");
        if let Some(kind) = filter.kind {
            condition.push_str(&format!(" AND n.kind = '{}'", kind.as_str()));
        }
        if filter.unread_only {
            condition.push_str(" AND n.read_at IS NULL");
        }
        let list_sql = format!("{NOTIFICATION_SELECT} WHERE {condition} ORDER BY n.id DESC LIMIT {limit} OFFSET $2");
        let count_sql = format!("SELECT COUNT(*) FROM notifications n WHERE {condition}");
        self.db
            .read(|c| async move {
                let list = c.all(&list_sql, args![user.0, offset], notification).await?;
                let total = c.int(&count_sql, args![user.0]).await?;
                Ok((list, total))
            })
            .await
    }

    async fn mark_idea_notifications_read(&self, user: UserId, idea: IdeaId, at: Timestamp) -> DomainResult<u64> {
        // Most idea pages are opened with nothing unread about them: a read first, so that they
        // write nothing.
        let unread = self
            .db
            .read(|c| async move {
                c.int(
                    "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND idea_id = $2 AND read_at IS NULL",
                    args![user.0, idea.0],
                )
                .await
            })
            .await?;
        if unread == 0 {
            return Ok(0);
        }
        self.db
            .write(|c| async move {
                c.exec(
                    "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND idea_id = $3 AND read_at IS NULL",
                    args![at.as_second(), user.0, idea.0],
                )
                .await
            })
            .await
    }

    async fn unread_notifications(&self, user: UserId) -> DomainResult<i64> {
        self.db
            .read(|c| async move {
                c.int("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL", args![user.0]).await
            })
            .await
    }

    async fn mark_notifications_read(
        &self,
        user: UserId,
        id: Option<NotificationId>,
        at: Timestamp,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                c.exec(
                    "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL AND ($3 IS NULL OR id = $3)",
                    args![at.as_second(), user.0, id],
                )
                .await
                .map(|_| ())
            })
            .await
    }

    async fn get_notification(&self, id: NotificationId) -> DomainResult<Option<(UserId, Notification)>> {
        let sql = format!("{NOTIFICATION_SELECT} WHERE n.id = $1");
        self.db
            .read(|c| async move {
                c.opt(&sql, args![id], |r| Ok((UserId(r.i64(RECIPIENT_COLUMN)?), notification(r)?))).await
            })
            .await
    }
}
