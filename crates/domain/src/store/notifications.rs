//! A person's notifications.

use crate::error::DomainResult;
use crate::ids::UserId;
use crate::notify::Notification;
use async_trait::async_trait;
use jiff::Timestamp;

#[async_trait]
pub trait NotificationStore: Send + Sync {
    /// A person's notifications, newest first.
    async fn notifications(&self, user: UserId, limit: i64) -> DomainResult<Vec<crate::notify::Notification>>;
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
