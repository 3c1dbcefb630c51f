//! The storage the use cases need. Implemented once per backend family in `idespor-storage`.
//! Each write method is one transaction, and takes the audit entry that it writes with it.

use crate::audit::{AuditEntry, AuditRecord};
use crate::error::DomainResult;
use crate::group::{Group, GroupInput, GroupMember, GroupRole, GroupSummary};
use crate::idea::journey::JourneyState;
use crate::idea::{
    Comment, Idea, IdeaEvent, IdeaFilter, IdeaInput, IdeaPage, IdeaSort, NewEvent, ProductArea, Provenance, Release,
    Supporter,
};
use crate::ids::{
    AgendaItemId, CommentId, DecisionId, GroupId, IdeaId, MeetingId, OrgId, ProductAreaId, ReleaseId, TokenId, UserId,
};
use crate::mail::{Cadence, DigestKind, OutboxMessage, OutboxStatus};
use crate::meeting::{
    AgendaItem, AgendaItemInput, Attendee, Decision, DecisionFilter, Meeting, MeetingInput, Presentation,
};
use crate::notify::{NewNotification, Notification, NotificationKind};
use crate::org::{OrgFilter, Organization, OrganizationInput};
use crate::user::{Language, User, UserAdminInput};
use async_trait::async_trait;
use jiff::Timestamp;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    pub id: TokenId,
    pub name: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

/// A user row for sign-in, with the stored password hash.
#[derive(Debug, Clone)]
pub struct LoginCandidate {
    pub user: User,
    pub password_hash: Option<String>,
}

/// A group a person belongs to, with their role there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub group: Group,
    pub role: GroupRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    Inserted,
    Updated,
}

#[async_trait]
pub trait Store: Send + Sync {
    /// Answers when the database answers.
    async fn ping(&self) -> DomainResult<()>;

    // Organizations
    async fn list_organizations(&self, filter: &OrgFilter) -> DomainResult<Vec<Organization>>;
    /// Every organization's id and name, in no particular order.
    async fn organization_choices(&self) -> DomainResult<Vec<crate::org::OrgChoice>>;
    async fn get_organization(&self, id: OrgId) -> DomainResult<Option<Organization>>;
    async fn find_organization_by_code(&self, code: &str) -> DomainResult<Option<Organization>>;
    async fn find_organization_by_name(&self, name: &str) -> DomainResult<Option<Organization>>;
    async fn insert_organization(&self, org: &OrganizationInput, audit: AuditEntry) -> DomainResult<Organization>;
    async fn update_organization(
        &self,
        id: OrgId,
        org: &OrganizationInput,
        audit: AuditEntry,
    ) -> DomainResult<Organization>;
    /// Inserts or updates (by code) every row in one transaction: all or nothing.
    async fn import_organizations(
        &self,
        orgs: &[OrganizationInput],
        audit: AuditEntry,
    ) -> DomainResult<Vec<ImportOutcome>>;

    // Groups
    async fn list_groups(&self) -> DomainResult<Vec<GroupSummary>>;
    async fn get_group(&self, id: GroupId) -> DomainResult<Option<Group>>;
    async fn find_group_by_name(&self, name: &str) -> DomainResult<Option<Group>>;
    async fn insert_group(&self, group: &GroupInput, audit: AuditEntry) -> DomainResult<Group>;
    async fn update_group(&self, id: GroupId, group: &GroupInput, audit: AuditEntry) -> DomainResult<Group>;
    async fn group_organizations(&self, id: GroupId) -> DomainResult<Vec<Organization>>;
    async fn group_members(&self, id: GroupId) -> DomainResult<Vec<GroupMember>>;
    /// The group's coordinators alone (a few among its members).
    async fn group_coordinators(&self, id: GroupId) -> DomainResult<Vec<GroupMember>>;
    /// How many active members the group has besides its coordinators.
    async fn group_member_count(&self, id: GroupId) -> DomainResult<i64>;
    async fn add_group_organization(&self, group: GroupId, org: OrgId, audit: AuditEntry) -> DomainResult<()>;
    async fn remove_group_organization(&self, group: GroupId, org: OrgId, audit: AuditEntry) -> DomainResult<()>;
    async fn set_group_member(
        &self,
        group: GroupId,
        user: UserId,
        role: GroupRole,
        audit: AuditEntry,
    ) -> DomainResult<()>;
    async fn remove_group_member(&self, group: GroupId, user: UserId, audit: AuditEntry) -> DomainResult<()>;
    async fn memberships_of_user(&self, user: UserId) -> DomainResult<Vec<Membership>>;
    async fn groups_of_organization(&self, org: OrgId) -> DomainResult<Vec<Group>>;

    // People
    async fn get_user(&self, id: UserId) -> DomainResult<Option<User>>;
    async fn find_login_candidate(&self, email: &str) -> DomainResult<Option<LoginCandidate>>;
    async fn list_users(&self) -> DomainResult<Vec<User>>;
    async fn users_of_organization(&self, org: OrgId) -> DomainResult<Vec<User>>;
    /// Inserts a person; with an invitation (hash, expiry) in the same transaction when given.
    async fn insert_user(
        &self,
        user: &UserAdminInput,
        password_hash: Option<&str>,
        invitation: Option<(&str, Timestamp)>,
        audit: AuditEntry,
    ) -> DomainResult<User>;
    async fn update_user(&self, id: UserId, user: &UserAdminInput, audit: AuditEntry) -> DomainResult<User>;
    async fn update_profile(
        &self,
        id: UserId,
        name: &str,
        email: &str,
        language: Language,
        audit: AuditEntry,
    ) -> DomainResult<User>;
    /// Sets the password and ends every session of the person but the one kept.
    async fn set_password(
        &self,
        id: UserId,
        hash: &str,
        keep_session: Option<&str>,
        audit: AuditEntry,
    ) -> DomainResult<()>;

    // Sessions (ids stored hashed)
    async fn create_session(
        &self,
        id_hash: &str,
        user: UserId,
        created: Timestamp,
        expires: Timestamp,
    ) -> DomainResult<()>;
    /// The person behind a valid session, with how many of their notifications are unread (every
    /// page shows that number, so it comes with the same query).
    async fn session_user(&self, id_hash: &str, now: Timestamp) -> DomainResult<Option<(User, i64)>>;
    async fn delete_session(&self, id_hash: &str) -> DomainResult<()>;
    async fn delete_expired_sessions(&self, now: Timestamp) -> DomainResult<u64>;

    // API tokens (stored hashed)
    async fn create_api_token(&self, user: UserId, name: &str, hash: &str, audit: AuditEntry)
    -> DomainResult<ApiToken>;
    async fn list_api_tokens(&self, user: UserId) -> DomainResult<Vec<ApiToken>>;
    async fn revoke_api_token(&self, user: UserId, id: TokenId, audit: AuditEntry) -> DomainResult<()>;
    async fn token_user(&self, hash: &str, now: Timestamp) -> DomainResult<Option<User>>;

    // Invitations (stored hashed)
    async fn create_invitation(
        &self,
        user: UserId,
        hash: &str,
        expires: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<()>;
    async fn invitation_user(&self, hash: &str, now: Timestamp) -> DomainResult<Option<User>>;
    /// Sets the password and uses the invitation up, atomically; false when it was already used.
    async fn accept_invitation(
        &self,
        hash: &str,
        password_hash: &str,
        now: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<Option<User>>;

    // Sign-in throttling
    async fn record_login_failure(&self, keys: &[String], at: Timestamp) -> DomainResult<()>;
    async fn count_login_failures(&self, key: &str, since: Timestamp) -> DomainResult<i64>;
    async fn clear_login_failures(&self, key: &str) -> DomainResult<()>;

    // Audit
    async fn list_audit(&self, limit: i64) -> DomainResult<Vec<AuditRecord>>;

    // Product areas and releases
    async fn list_product_areas(&self) -> DomainResult<Vec<ProductArea>>;
    async fn insert_product_area(&self, name: &str, audit: AuditEntry) -> DomainResult<ProductArea>;
    async fn list_releases(&self) -> DomainResult<Vec<Release>>;
    async fn get_release(&self, id: ReleaseId) -> DomainResult<Option<Release>>;
    async fn insert_release(&self, release: &ReleaseInput, audit: AuditEntry) -> DomainResult<Release>;
    async fn update_release(&self, id: ReleaseId, release: &ReleaseInput, audit: AuditEntry) -> DomainResult<Release>;

    // Ideas
    /// Inserts a draft with its search terms (stem, weight).
    async fn insert_idea(
        &self,
        idea: &IdeaInput,
        author: UserId,
        org: Option<OrgId>,
        terms: &[(String, i32)],
        audit: AuditEntry,
    ) -> DomainResult<Idea>;
    /// Changes the text and its search terms; fails with `Conflict("stale_version")` when the
    /// idea moved on.
    async fn update_idea(
        &self,
        id: IdeaId,
        expected_version: i64,
        idea: &IdeaInput,
        terms: &[(String, i32)],
        audit: AuditEntry,
    ) -> DomainResult<Idea>;
    /// Submitted ideas whose terms start with the query's stems, best first: most stems
    /// matched, then weight. (Drafts have no terms until they are submitted.)
    async fn search_ideas(
        &self,
        stems: &[String],
        exclude: Option<IdeaId>,
        page: i64,
        page_size: i64,
    ) -> DomainResult<IdeaPage>;
    async fn get_idea(&self, id: IdeaId) -> DomainResult<Option<Idea>>;
    async fn list_ideas(
        &self,
        filter: &IdeaFilter,
        sort: IdeaSort,
        page: i64,
        page_size: i64,
    ) -> DomainResult<IdeaPage>;
    /// Moves an idea to `state` if it still has `expected_version`, appends the event, replaces
    /// its search terms when given (on submission), and for a merge carries supports, followers
    /// and provenance to the surviving idea; one transaction.
    async fn apply_move(
        &self,
        id: IdeaId,
        expected_version: i64,
        record: MoveRecord<'_>,
        audit: AuditEntry,
    ) -> DomainResult<Idea>;
    async fn idea_events(&self, id: IdeaId) -> DomainResult<Vec<IdeaEvent>>;
    async fn supporters(&self, id: IdeaId) -> DomainResult<Vec<Supporter>>;
    /// Adds a person's support on behalf of their organization; the count is of organizations.
    async fn support_idea(&self, id: IdeaId, user: UserId, org: OrgId, at: Timestamp) -> DomainResult<()>;
    async fn withdraw_support(&self, id: IdeaId, user: UserId) -> DomainResult<()>;
    async fn follow_idea(&self, id: IdeaId, user: UserId, at: Timestamp, follow: bool) -> DomainResult<()>;
    /// Whether the person supports and follows the idea.
    async fn viewer_relation(&self, id: IdeaId, user: UserId) -> DomainResult<(bool, bool)>;
    async fn provenance(&self, id: IdeaId) -> DomainResult<Vec<Provenance>>;
    /// Adds a comment and notifies, in one transaction.
    async fn add_comment(
        &self,
        id: IdeaId,
        author: UserId,
        org: Option<OrgId>,
        body: &str,
        notification: &crate::notify::NewNotification,
    ) -> DomainResult<Comment>;
    /// The people who follow an idea.
    async fn idea_followers(&self, id: IdeaId) -> DomainResult<Vec<UserId>>;
    /// A person's notifications, newest first.
    async fn notifications(&self, user: UserId, limit: i64) -> DomainResult<Vec<crate::notify::Notification>>;
    async fn unread_notifications(&self, user: UserId) -> DomainResult<i64>;
    /// Marks one notification (or, with `None`, all) of the person read.
    async fn mark_notifications_read(&self, user: UserId, id: Option<i64>, at: Timestamp) -> DomainResult<()>;
    async fn get_comment(&self, id: CommentId) -> DomainResult<Option<Comment>>;
    /// Replaces a comment's text and keeps the earlier text as a revision.
    async fn edit_comment(&self, id: CommentId, body: &str, at: Timestamp) -> DomainResult<Comment>;
    async fn comments(&self, id: IdeaId) -> DomainResult<Vec<Comment>>;
    /// The earlier texts of all the idea's comments, oldest first.
    async fn comment_revisions(&self, id: IdeaId) -> DomainResult<Vec<crate::idea::CommentRevision>>;
    /// The group kinds' ids, for the levels of the journey.
    async fn groups_of_kind(&self, kind: crate::group::GroupKind) -> DomainResult<Vec<Group>>;
    /// Every group, in no particular order.
    async fn all_groups(&self) -> DomainResult<Vec<Group>>;
    /// The product area a name refers to.
    async fn find_product_area(&self, id: ProductAreaId) -> DomainResult<Option<ProductArea>>;

    // Meetings
    /// Plans a meeting, invites people, puts the given items on its agenda and notifies; one
    /// transaction.
    async fn insert_meeting(&self, new: NewMeeting<'_>, audit: AuditEntry) -> DomainResult<Meeting>;
    /// Changes a meeting if it still has `expected_version` (or cancels it, with `cancel`).
    async fn update_meeting(
        &self,
        id: MeetingId,
        expected_version: i64,
        input: &MeetingInput,
        cancel: Option<Timestamp>,
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

    // Decisions
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

    // Influence figures
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
    /// Per release: how many customer ideas it carries (accepted, planned, in development or
    /// delivered) and how many other items, counted by the database.
    async fn release_counts(&self) -> DomainResult<Vec<(ReleaseId, i64, i64)>>;
    async fn setting(&self, name: &str) -> DomainResult<Option<String>>;
    async fn set_setting(
        &self,
        name: &str,
        value: &str,
        by: UserId,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<()>;

    // Exports
    /// Every submitted idea (drafts are private), oldest first, as export rows.
    async fn export_ideas(&self) -> DomainResult<Vec<Vec<crate::export::Cell>>>;
    /// Every move of every submitted idea, in order, as export rows.
    async fn export_moves(&self) -> DomainResult<Vec<Vec<crate::export::Cell>>>;

    // The roadmap
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

    // Prioritization rounds
    async fn insert_round(
        &self,
        input: &crate::round::RoundInput,
        created_by: UserId,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<i64>;
    /// Rounds, newest first, each with its ideas.
    async fn list_rounds(&self) -> DomainResult<Vec<crate::round::Round>>;
    async fn get_round(&self, id: i64) -> DomainResult<Option<crate::round::Round>>;
    /// Replaces the voter's ballot as a whole, in one transaction: the last complete ballot wins.
    async fn cast_ballot(
        &self,
        round: i64,
        voter: &crate::round::Voter,
        by: UserId,
        at: Timestamp,
        values: &std::collections::BTreeMap<IdeaId, i32>,
        audit: AuditEntry,
    ) -> DomainResult<()>;
    async fn ballots(&self, round: i64) -> DomainResult<Vec<crate::round::Ballot>>;

    // Mail
    async fn preferences(&self, user: UserId) -> DomainResult<Vec<(NotificationKind, Cadence)>>;
    async fn set_preferences(
        &self,
        user: UserId,
        prefs: &[(NotificationKind, Cadence)],
        audit: AuditEntry,
    ) -> DomainResult<()>;
    /// Of `users`, those whose cadence for `kind` is `cadence` (the default where unset).
    async fn users_with_cadence(
        &self,
        kind: NotificationKind,
        cadence: Cadence,
        users: &[UserId],
    ) -> DomainResult<Vec<UserId>>;
    /// The named secret, made from `candidate` the first time it is asked for (by any process).
    async fn instance_secret(&self, name: &str, candidate: &str) -> DomainResult<String>;
    async fn feed_generation(&self, user: UserId) -> DomainResult<i64>;
    async fn new_feed_generation(&self, user: UserId, audit: AuditEntry) -> DomainResult<i64>;
    /// Queues one digest for every person with news of this cadence in the period; a period
    /// already queued is not queued again. Returns how many were queued now.
    async fn enqueue_digests(
        &self,
        kind: DigestKind,
        key: &str,
        start: Timestamp,
        end: Timestamp,
        now: Timestamp,
    ) -> DomainResult<u64>;
    /// Takes up to `limit` mails that are due, for this process, until `locked_until`.
    async fn claim_outbox(
        &self,
        now: Timestamp,
        locked_until: Timestamp,
        limit: i64,
    ) -> DomainResult<Vec<OutboxMessage>>;
    async fn outbox_sent(&self, id: i64, subject: &str, at: Timestamp) -> DomainResult<()>;
    /// Records a failed attempt; `next` is when to try again, `None` to give up.
    async fn outbox_failed(&self, id: i64, error: &str, next: Option<Timestamp>) -> DomainResult<()>;
    async fn list_outbox(&self, status: Option<OutboxStatus>, limit: i64) -> DomainResult<Vec<OutboxMessage>>;
    async fn outbox_counts(&self) -> DomainResult<Vec<(OutboxStatus, i64)>>;
    /// Makes a failed or queued mail due now; false when it was sent or is being sent.
    async fn retry_outbox(&self, id: i64, now: Timestamp, audit: AuditEntry) -> DomainResult<bool>;
    async fn get_notification(&self, id: i64) -> DomainResult<Option<(UserId, Notification)>>;
    /// A person's notifications of the period of kinds they get at `cadence`, oldest first,
    /// each with whether the idea is theirs and whether their organization supports it.
    async fn digest_notifications(
        &self,
        user: UserId,
        org: Option<crate::ids::OrgId>,
        start: Timestamp,
        end: Timestamp,
        cadence: Cadence,
    ) -> DomainResult<Vec<DigestItem>>;
}

/// A notification in a digest, with what it is to the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DigestItem {
    pub notification: Notification,
    pub idea_is_mine: bool,
    pub idea_supported_by_my_org: bool,
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
    pub publishes_round: Option<i64>,
}

/// What one move writes, besides the audit entry.
#[derive(Debug, Clone, Copy)]
pub struct MoveRecord<'a> {
    /// The idea's new journey state.
    pub state: &'a JourneyState,
    /// The entry appended to the idea's history.
    pub event: &'a NewEvent,
    /// New search terms (when the idea is submitted).
    pub terms: Option<&'a [(String, i32)]>,
    /// Who is told.
    pub notification: &'a crate::notify::NewNotification,
}

/// A release as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseInput {
    pub version: String,
    pub planned_date: Option<jiff::civil::Date>,
    pub released_date: Option<jiff::civil::Date>,
    pub notes: String,
}
