//! A person's notifications: the list, what is unread, and marking them read.

use super::{Actor, Services};
use crate::error::DomainResult;
use crate::notify::{NotificationFilter, NotificationPage};

impl Services {
    /// A page of a person's notifications, newest first, with how many match and how many of
    /// all of them are unread.
    pub async fn notifications(
        &self,
        actor: &Actor,
        filter: NotificationFilter,
        page: i64,
    ) -> DomainResult<NotificationPage> {
        let page = page.clamp(1, 100_000);
        let size = crate::notify::NOTIFICATIONS_PAGE;
        let (list, total) = self.store.notifications(actor.user.id, filter, size, (page - 1) * size).await?;
        let unread = self.store.unread_notifications(actor.user.id).await?;
        Ok(NotificationPage { list, total, unread, page, page_size: size })
    }

    /// The person opened an idea: what they were told about it is read. How many that was.
    pub async fn idea_seen(&self, actor: &Actor, idea: crate::ids::IdeaId) -> DomainResult<u64> {
        self.store.mark_idea_notifications_read(actor.user.id, idea, self.now()).await
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
