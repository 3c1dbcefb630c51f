//! Who is told what: when an idea moves or gets a comment, when a group decides or a meeting is
//! planned or changed, the people it concerns learn of it. The rules live here; storage writes
//! the notifications (and the e-mails of those who want them at once) in the same transaction
//! as the change.

use crate::idea::{Idea, IdeaStatus, MoveKind};
use crate::ids::{DecisionId, IdeaId, MeetingId, UserId};
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
    /// The author changed the idea's wording (its earlier wording is kept).
    Edited,
    /// A group the person belongs to (or the tovholdergruppe, for everyone in an erfagruppe)
    /// recorded a decision.
    Decision,
    /// A meeting the person is invited to was planned, changed, cancelled or got its minutes.
    Meeting,
    /// A moderator removed a passage from what the person wrote, or hid their comment.
    Moderated,
    /// Someone from an organization of the coordinator's group signed in for the first time
    /// (through single sign-on) and waits to be added to a group.
    NewPerson,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 7] =
        [Self::Moved, Self::Commented, Self::Edited, Self::Decision, Self::Meeting, Self::Moderated, Self::NewPerson];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Moved => "moved",
            Self::Commented => "commented",
            Self::Edited => "edited",
            Self::Decision => "decision",
            Self::Meeting => "meeting",
            Self::Moderated => "moderated",
            Self::NewPerson => "new_person",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What happened to a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingChange {
    Planned,
    Changed,
    Cancelled,
    Minutes,
}

impl MeetingChange {
    pub const ALL: [MeetingChange; 4] = [Self::Planned, Self::Changed, Self::Cancelled, Self::Minutes];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Changed => "changed",
            Self::Cancelled => "cancelled",
            Self::Minutes => "minutes",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Idea(IdeaId),
    Meeting(MeetingId, MeetingChange),
    /// A decision; storage fills in its id when the decision is written in the same transaction.
    Decision(Option<DecisionId>),
    /// A person; storage fills in the id (as the notification's actor) when the person is
    /// created in the same transaction.
    Person(Option<UserId>),
}

/// A notification to write: to whom, about what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    pub recipients: Vec<UserId>,
    /// Of the recipients, those who want this kind by e-mail at once (an outbox row each).
    pub email_now: Vec<UserId>,
    pub kind: NotificationKind,
    pub subject: Subject,
    pub actor: Option<UserId>,
    pub move_kind: Option<MoveKind>,
    pub to_status: Option<IdeaStatus>,
    pub at: Timestamp,
}

/// A notification as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notification {
    pub id: crate::ids::NotificationId,
    pub kind: NotificationKind,
    pub idea_id: Option<IdeaId>,
    pub idea_title: Option<String>,
    pub meeting_id: Option<MeetingId>,
    pub meeting_title: Option<String>,
    pub meeting_starts_at: Option<Timestamp>,
    pub meeting_change: Option<MeetingChange>,
    pub decision_id: Option<DecisionId>,
    pub decision_title: Option<String>,
    /// The group that decided or meets.
    pub group_name: Option<String>,
    pub actor_name: Option<String>,
    pub move_kind: Option<MoveKind>,
    pub to_status: Option<IdeaStatus>,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
}

/// Which of a person's notifications to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NotificationFilter {
    pub kind: Option<NotificationKind>,
    pub unread_only: bool,
}

/// Notifications listed a page at a time.
pub const NOTIFICATIONS_PAGE: i64 = 50;

/// One page of a person's notifications, newest first.
#[derive(Debug, Clone)]
pub struct NotificationPage {
    pub list: Vec<Notification>,
    /// How many match the filter.
    pub total: i64,
    /// How many of all the person's notifications are unread (the header's number).
    pub unread: i64,
    pub page: i64,
    pub page_size: i64,
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

/// Those a decision concerns: the members of the group that made it, and when the
/// tovholdergruppe decides, everyone in every erfagruppe; never the person who recorded it.
pub fn decision_recipients(group_members: &[UserId], erfa_members: &[UserId], actor: UserId) -> Vec<UserId> {
    let mut people: BTreeSet<UserId> = group_members.iter().chain(erfa_members).copied().collect();
    people.remove(&actor);
    people.into_iter().collect()
}

/// Those a meeting's change concerns: everyone invited; never the person who made the change.
pub fn meeting_recipients(invited: &[UserId], actor: UserId) -> Vec<UserId> {
    let mut people: BTreeSet<UserId> = invited.iter().copied().collect();
    people.remove(&actor);
    people.into_iter().collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_person_who_acts_is_not_told_and_nobody_is_told_twice() {
        let u = |n| UserId(n);
        assert_eq!(decision_recipients(&[u(1), u(2)], &[u(2), u(3)], u(1)), vec![u(2), u(3)]);
        assert_eq!(meeting_recipients(&[u(5), u(4), u(5)], u(4)), vec![u(5)]);
    }
}
