//! The audit trail: who changed what, when. Written in the same transaction as the change.

use crate::ids::UserId;
use jiff::Timestamp;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub at: Timestamp,
    pub actor: Option<UserId>,
    /// What was done, e.g. `organization.create`.
    pub action: &'static str,
    /// The kind of thing changed, e.g. `organization`.
    pub entity: &'static str,
    /// Filled in by storage after an insert when not known before.
    pub entity_id: Option<i64>,
    /// What changed; never a password, token or session id.
    pub details: serde_json::Value,
}

impl AuditEntry {
    pub fn new(at: Timestamp, actor: Option<UserId>, action: &'static str, entity: &'static str) -> Self {
        Self { at, actor, action, entity, entity_id: None, details: serde_json::Value::Null }
    }
    pub fn id(mut self, id: i64) -> Self {
        self.entity_id = Some(id);
        self
    }
    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// An audit entry as read back, with the actor's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditRecord {
    pub id: i64,
    pub at: Timestamp,
    pub actor: Option<UserId>,
    pub actor_name: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub details: String,
}
