//! A person's notifications: the list, what is unread, and marking them read.

use super::{Actor, Services};
use crate::error::DomainResult;

impl Services {
    /// A person's notifications, newest first, with the number not yet read.
    pub async fn notifications(&self, actor: &Actor) -> DomainResult<(Vec<crate::notify::Notification>, i64)> {
        let list = self.store.notifications(actor.user.id, 100).await?;
        let unread = self.store.unread_notifications(actor.user.id).await?;
        Ok((list, unread))
    }

    pub async fn unread_notifications(&self, actor: &Actor) -> DomainResult<i64> {
        self.store.unread_notifications(actor.user.id).await
    }

    /// Marks one of the person's notifications read, or all of them.
    pub async fn mark_notifications_read(
        &self,
        actor: &Actor,
        id: Option<crate::ids::NotificationId>,
    ) -> DomainResult<()> {
        self.store.mark_notifications_read(actor.user.id, id, self.now()).await
    }
}
