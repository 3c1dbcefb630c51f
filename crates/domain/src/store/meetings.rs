//! Meetings with agendas, attendees and minutes; decisions and their presentation in the erfagrupper.

use crate::audit::AuditEntry;
use crate::error::DomainResult;
use crate::idea::NewEvent;
use crate::idea::journey::JourneyState;
use crate::ids::{AgendaItemId, DecisionId, GroupId, IdeaId, MeetingId, UserId};
use crate::meeting::{
    AgendaItem, AgendaItemInput, Attendee, Decision, DecisionFilter, Meeting, MeetingInput, Presentation,
};
use crate::notify::NewNotification;
use async_trait::async_trait;
use jiff::Timestamp;

#[async_trait]
pub trait MeetingStore: Send + Sync {
    /// Plans a meeting, invites people, puts the given items on its agenda and notifies; one
    /// transaction.
    async fn insert_meeting(&self, new: NewMeeting<'_>, audit: AuditEntry) -> DomainResult<Meeting>;
    /// Changes a meeting if it still has `expected_version` (or cancels it, with `cancel`, and
    /// puts `carry`'s items on the agenda of the meeting it names).
    #[allow(clippy::too_many_arguments)]
    async fn update_meeting(
        &self,
        id: MeetingId,
        expected_version: i64,
        input: &MeetingInput,
        cancel: Option<Timestamp>,
        carry: Option<(MeetingId, &[AgendaItemInput])>,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<Meeting>;
    async fn get_meeting(&self, id: MeetingId) -> DomainResult<Option<Meeting>>;
    async fn list_meetings(&self, filter: &MeetingFilter) -> DomainResult<Vec<Meeting>>;
    async fn meeting_attendees(&self, id: MeetingId) -> DomainResult<Vec<Attendee>>;
    async fn invite_to_meeting(
        &self,
        id: MeetingId,
        user: UserId,
        guest: bool,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<()>;
    /// Records who attended (everyone invited not listed did not).
    async fn record_attendance(&self, id: MeetingId, attended: &[UserId], audit: AuditEntry) -> DomainResult<()>;
    async fn agenda(&self, id: MeetingId) -> DomainResult<Vec<AgendaItem>>;
    async fn add_agenda_item(
        &self,
        id: MeetingId,
        item: &AgendaItemInput,
        audit: AuditEntry,
    ) -> DomainResult<AgendaItem>;
    async fn remove_agenda_item(&self, id: MeetingId, item: AgendaItemId, audit: AuditEntry) -> DomainResult<()>;
    /// Swaps the item with its neighbour above (`up`) or below.
    async fn move_agenda_item(&self, id: MeetingId, item: AgendaItemId, up: bool) -> DomainResult<()>;
    /// Sets the minutes; `approve` records who approved them (changing them clears an approval).
    async fn set_minutes(
        &self,
        id: MeetingId,
        minutes: &str,
        approve: Option<(UserId, Timestamp)>,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<Meeting>;
    /// The next planned, not cancelled meeting of each group, from `now`.
    async fn next_meetings(&self, groups: &[GroupId], now: Timestamp) -> DomainResult<Vec<(GroupId, MeetingId)>>;
    /// Records a decision with every move it makes, its presentations to the erfagrupper, the
    /// information items on their next agendas and all notifications; one transaction. A move
    /// whose idea changed meanwhile fails the whole decision (`stale_version`).
    async fn insert_decision(&self, new: NewDecision<'_>, audit: AuditEntry) -> DomainResult<DecisionId>;
    async fn get_decision(&self, id: DecisionId) -> DomainResult<Option<Decision>>;
    async fn list_decisions(&self, filter: &DecisionFilter) -> DomainResult<Vec<Decision>>;
    /// Where one decision stands in each erfagruppe, or (by group) the decisions a group has
    /// to present or has presented.
    async fn presentations(
        &self,
        decision: Option<DecisionId>,
        group: Option<GroupId>,
        pending_only: bool,
    ) -> DomainResult<Vec<Presentation>>;
    /// Marks a decision presented in a group; false when it already was.
    async fn mark_presented(
        &self,
        decision: DecisionId,
        group: GroupId,
        by: UserId,
        at: Timestamp,
        meeting: Option<MeetingId>,
        audit: AuditEntry,
    ) -> DomainResult<bool>;
    /// Every idea the erfagruppe sent (drafts aside), newest change first, with the decision and
    /// level of its latest move.
    async fn group_outcomes(&self, group: GroupId) -> DomainResult<Vec<crate::outcome::IdeaOutcome>>;
}

/// Which meetings to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingFilter {
    pub group: Option<GroupId>,
    /// Meetings this person is invited to.
    pub invited: Option<UserId>,
    /// Meetings that end after this moment (upcoming and running).
    pub ends_after: Option<Timestamp>,
    /// Meetings that started before this moment (past and running).
    pub starts_before: Option<Timestamp>,
    pub include_cancelled: bool,
    /// Latest first (for past meetings) instead of soonest first.
    pub newest_first: bool,
    pub limit: i64,
}

/// A meeting to plan.
#[derive(Debug, Clone, Copy)]
pub struct NewMeeting<'a> {
    pub group: GroupId,
    pub input: &'a MeetingInput,
    pub created_by: UserId,
    pub created_at: Timestamp,
    /// (person, invited as a guest from outside the group)
    pub invited: &'a [(UserId, bool)],
    /// Items to start the agenda with (the steering decisions waiting to be presented).
    pub agenda: &'a [AgendaItemInput],
    pub notification: &'a NewNotification,
}

/// One move a decision makes.
#[derive(Debug, Clone)]
pub struct DecisionMove {
    pub idea: IdeaId,
    pub expected_version: i64,
    pub state: JourneyState,
    pub event: NewEvent,
    pub notification: NewNotification,
}

/// A decision to record.
#[derive(Debug, Clone, Copy)]
pub struct NewDecision<'a> {
    pub group: GroupId,
    pub meeting: Option<MeetingId>,
    pub title: &'a str,
    pub body: &'a str,
    pub reason: &'a str,
    pub decided_at: Timestamp,
    pub decided_by: UserId,
    /// Every idea the decision concerns, with its move if it makes one.
    pub ideas: &'a [(IdeaId, Option<crate::idea::MoveKind>)],
    pub moves: &'a [DecisionMove],
    /// The erfagrupper the decision is published to (for a steering decision).
    pub publish_to: &'a [GroupId],
    /// Their next meetings, which get an information item about it.
    pub agenda_on: &'a [MeetingId],
    pub notification: &'a NewNotification,
    /// The prioritization round whose result this decision publishes: marked in the same
    /// transaction, which fails with `round_published` if it already was.
    pub publishes_round: Option<crate::ids::RoundId>,
}
