//! A person's notifications.

use crate::error::DomainResult;
use crate::ids::UserId;
use crate::notify::Notification;
use async_trait::async_trait;
use jiff::Timestamp;

#[async_trait]
pub trait NotificationStore: Send + Sync {
    /// A person's notifications that match the filter, newest first, a page at a time, with how
    /// many match.
    async fn notifications(
        &self,
        user: UserId,
        filter: crate::notify::NotificationFilter,
        limit: i64,
        offset: i64,
    ) -> DomainResult<(Vec<crate::notify::Notification>, i64)>;
    /// Marks the person's unread notifications about one idea read (they opened it); how many.
    async fn mark_idea_notifications_read(
        &self,
        user: UserId,
        idea: crate::ids::IdeaId,
        at: Timestamp,
    ) -> DomainResult<u64>;
    async fn unread_notifications(&self, user: UserId) -> DomainResult<i64>;
    /// Marks one notification (or, with `None`, all) of the person read.
    async fn mark_notifications_read(
        &self,
        user: UserId,
        id: Option<crate::ids::NotificationId>,
        at: Timestamp,
    ) -> DomainResult<()>;
    async fn get_notification(&self, id: crate::ids::NotificationId) -> DomainResult<Option<(UserId, Notification)>>;
}
