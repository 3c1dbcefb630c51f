//! Exports: whole tables as rows of typed cells.

use crate::error::DomainResult;
use async_trait::async_trait;

#[async_trait]
pub trait ExportStore: Send + Sync {
    /// Every submitted idea (drafts are private), oldest first, as export rows.
    async fn export_ideas(&self) -> DomainResult<Vec<Vec<crate::export::Cell>>>;
    /// Every move of every submitted idea, in order, as export rows.
    async fn export_moves(&self) -> DomainResult<Vec<Vec<crate::export::Cell>>>;
}
