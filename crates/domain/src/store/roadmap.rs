//! Releases, the ideas planned into them and what else they carry.

use crate::audit::AuditEntry;
use crate::error::DomainResult;
use crate::idea::Release;
use crate::ids::{ReleaseId, UserId};
use async_trait::async_trait;
use jiff::Timestamp;

#[async_trait]
pub trait RoadmapStore: Send + Sync {
    async fn list_releases(&self) -> DomainResult<Vec<Release>>;
    async fn get_release(&self, id: ReleaseId) -> DomainResult<Option<Release>>;
    async fn insert_release(&self, release: &ReleaseInput, audit: AuditEntry) -> DomainResult<Release>;
    async fn update_release(&self, id: ReleaseId, release: &ReleaseInput, audit: AuditEntry) -> DomainResult<Release>;
    /// Ideas accepted, planned, in development or delivered, with who backed them.
    async fn roadmap_ideas(&self) -> DomainResult<Vec<crate::roadmap::RoadmapIdea>>;
    async fn release_items(&self) -> DomainResult<Vec<crate::roadmap::ReleaseItem>>;
    /// Adds an item (title, source, description) a release carries besides customer ideas.
    async fn insert_release_item(
        &self,
        release: ReleaseId,
        item: (&str, crate::roadmap::ItemSource, &str),
        by: Option<UserId>,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<i64>;
    /// Per release: how many customer ideas it carries (accepted, planned, in development or
    /// delivered) and how many other items, counted by the database.
    async fn release_counts(&self) -> DomainResult<Vec<(ReleaseId, i64, i64)>>;
}

/// A release as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseInput {
    pub version: String,
    pub planned_date: Option<jiff::civil::Date>,
    pub released_date: Option<jiff::civil::Date>,
    pub notes: String,
}
