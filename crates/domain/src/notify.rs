//! Who is told what: when an idea moves or gets a comment, the people it concerns learn of it.
//! The rule lives here; storage writes the notifications in the same transaction as the change.

use crate::idea::{Idea, IdeaStatus, MoveKind};
use crate::ids::{IdeaId, UserId};
use jiff::Timestamp;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// The idea moved (the move and the new status are recorded).
    Moved,
    /// Someone commented on the idea.
    Commented,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Moved => "moved",
            Self::Commented => "commented",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "moved" => Some(Self::Moved),
            "commented" => Some(Self::Commented),
            _ => None,
        }
    }
}

/// A notification to write: to whom, about what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    pub recipients: Vec<UserId>,
    pub kind: NotificationKind,
    pub idea: IdeaId,
    pub actor: Option<UserId>,
    pub move_kind: Option<MoveKind>,
    pub to_status: Option<IdeaStatus>,
    pub at: Timestamp,
}

/// A notification as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    pub idea_id: IdeaId,
    pub idea_title: String,
    pub actor_name: Option<String>,
    pub move_kind: Option<MoveKind>,
    pub to_status: Option<IdeaStatus>,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
}

/// Those an idea's news concerns: its author, its followers (which include the people at the
/// supporting organizations who chose to follow), the members of the erfagruppe it came from and
/// of the group that holds it now; never the person who made the change.
pub fn recipients(
    idea: &Idea,
    followers: &[UserId],
    origin_group_members: &[UserId],
    holder_group_members: &[UserId],
    actor: UserId,
) -> Vec<UserId> {
    let mut people: BTreeSet<UserId> = BTreeSet::new();
    people.insert(idea.author_id);
    people.extend(followers);
    people.extend(origin_group_members);
    people.extend(holder_group_members);
    people.remove(&actor);
    people.into_iter().collect()
}
