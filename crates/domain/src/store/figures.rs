//! Influence figures, counted by the database, and the settings they use.

use crate::audit::AuditEntry;
use crate::error::DomainResult;
use crate::ids::UserId;
use async_trait::async_trait;
use jiff::Timestamp;

#[async_trait]
pub trait FigureStore: Send + Sync {
    /// The submitted ideas of a scope with their whole histories, oldest step first (only what
    /// the figures need: no texts but the title).
    async fn idea_histories(&self, scope: crate::figures::Scope) -> DomainResult<Vec<crate::figures::IdeaHistory>>;
    /// The newest move's id (0 before the first): any move changes it.
    async fn last_event_id(&self) -> DomainResult<i64>;
    /// What a scope's figures for moves in `[from, to)` are made of, counted by the database from
    /// the period's moves (the same as `figures::facts` over `idea_histories`, in any order).
    async fn figure_facts(
        &self,
        scope: crate::figures::Scope,
        from: jiff::Timestamp,
        to: jiff::Timestamp,
    ) -> DomainResult<crate::figures::FigureFacts>;
    async fn setting(&self, name: &str) -> DomainResult<Option<String>>;
    async fn set_setting(
        &self,
        name: &str,
        value: &str,
        by: UserId,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<()>;
    /// Sets a setting only while it still holds `expected` (`None`: while it is not set), in one
    /// step: `false` when another change came first, and nothing is written.
    async fn replace_setting(
        &self,
        name: &str,
        expected: Option<&str>,
        value: &str,
        by: UserId,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<bool>;
}
