//! The [`Store`] implementation, written once for both backends.

use crate::db::{map_err, with_db};
use async_trait::async_trait;
use idespor_domain::audit::AuditEntry;
use idespor_domain::idea::{
    Comment, Idea, IdeaEvent, IdeaFilter, IdeaInput, IdeaPage, IdeaSort, Provenance, Release, Supporter,
};
use idespor_domain::mail::{Cadence, DigestKind, OutboxMessage, OutboxStatus};
use idespor_domain::meeting::{
    AgendaItem, AgendaItemInput, Attendee, Decision, DecisionFilter, Meeting, MeetingInput, Presentation,
};
use idespor_domain::notify::{NewNotification, Notification, NotificationKind};
use idespor_domain::store::ReleaseInput;
use idespor_domain::store::{DigestItem, MeetingFilter, NewDecision, NewMeeting};
use idespor_domain::store::{
    ExportStore, FigureStore, IdeaStore, MailStore, MeetingStore, NotificationStore, RoadmapStore, RoundStore,
};
use idespor_domain::{AgendaItemId, DecisionId, MeetingId};
use idespor_domain::{CommentId, DomainResult, GroupId, IdeaId, OrgId, ReleaseId, UserId};
use jiff::Timestamp;

pub use crate::store::SqlStore;

/// Writes an audit entry inside the transaction `$tx`.
macro_rules! write_audit {
    ($tx:expr, $audit:expr, $entity_id:expr) => {{
        let audit: &AuditEntry = &$audit;
        let entity_id: Option<i64> = audit.entity_id.or($entity_id);
        sqlx::query(
            "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, details) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(audit.at.as_second())
        .bind(audit.actor.map(|a| a.0))
        .bind(audit.action)
        .bind(audit.entity)
        .bind(entity_id)
        .bind(audit.details.to_string())
        .execute(&mut *$tx)
        .await
        .map_err(map_err)?;
    }};
}

pub(crate) use write_audit;

#[async_trait]
impl IdeaStore for SqlStore {
    async fn insert_idea(
        &self,
        idea: &IdeaInput,
        author: UserId,
        org: Option<OrgId>,
        terms: &[(String, i32)],
        audit: AuditEntry,
    ) -> DomainResult<Idea> {
        self.ideas_insert(idea, author, org, terms, audit).await
    }
    async fn update_idea(
        &self,
        id: IdeaId,
        expected_version: i64,
        idea: &IdeaInput,
        terms: &[(String, i32)],
        audit: AuditEntry,
    ) -> DomainResult<Idea> {
        self.ideas_update(id, expected_version, idea, terms, audit).await
    }
    async fn search_ideas(
        &self,
        stems: &[String],
        exclude: Option<IdeaId>,
        page: i64,
        page_size: i64,
    ) -> DomainResult<IdeaPage> {
        self.ideas_search(stems, exclude, page, page_size).await
    }
    async fn get_idea(&self, id: IdeaId) -> DomainResult<Option<Idea>> {
        self.ideas_get(id).await
    }
    async fn list_ideas(
        &self,
        filter: &IdeaFilter,
        sort: IdeaSort,
        page: i64,
        page_size: i64,
    ) -> DomainResult<IdeaPage> {
        self.ideas_list(filter, sort, page, page_size).await
    }
    async fn apply_move(
        &self,
        id: IdeaId,
        expected_version: i64,
        record: idespor_domain::store::MoveRecord<'_>,
        audit: AuditEntry,
    ) -> DomainResult<Idea> {
        self.ideas_apply_move(id, expected_version, record, audit).await
    }
    async fn idea_events(&self, id: IdeaId) -> DomainResult<Vec<IdeaEvent>> {
        self.ideas_events(id).await
    }
    async fn supporters(&self, id: IdeaId) -> DomainResult<Vec<Supporter>> {
        self.ideas_supporters(id).await
    }
    async fn support_idea(&self, id: IdeaId, user: UserId, org: OrgId, at: Timestamp) -> DomainResult<()> {
        self.ideas_support(id, user, org, at).await
    }
    async fn withdraw_support(&self, id: IdeaId, user: UserId) -> DomainResult<()> {
        self.ideas_withdraw_support(id, user).await
    }
    async fn follow_idea(&self, id: IdeaId, user: UserId, at: Timestamp, follow: bool) -> DomainResult<()> {
        self.ideas_follow(id, user, at, follow).await
    }
    async fn viewer_relation(&self, id: IdeaId, user: UserId) -> DomainResult<(bool, bool)> {
        self.ideas_viewer_relation(id, user).await
    }
    async fn provenance(&self, id: IdeaId) -> DomainResult<Vec<Provenance>> {
        self.ideas_provenance(id).await
    }
    async fn add_comment(
        &self,
        id: IdeaId,
        author: UserId,
        org: Option<OrgId>,
        body: &str,
        notification: &idespor_domain::notify::NewNotification,
    ) -> DomainResult<Comment> {
        self.ideas_add_comment(id, author, org, body, notification).await
    }
    async fn idea_followers(&self, id: IdeaId) -> DomainResult<Vec<UserId>> {
        self.ideas_followers(id).await
    }
    async fn get_comment(&self, id: CommentId) -> DomainResult<Option<Comment>> {
        self.ideas_get_comment(id).await
    }
    async fn edit_comment(&self, id: CommentId, body: &str, at: Timestamp) -> DomainResult<Comment> {
        self.ideas_edit_comment(id, body, at).await
    }
    async fn comments(&self, id: IdeaId) -> DomainResult<Vec<Comment>> {
        self.ideas_comments(id).await
    }
    async fn comment_revisions(&self, id: IdeaId) -> DomainResult<Vec<idespor_domain::idea::CommentRevision>> {
        self.ideas_comment_revisions(id).await
    }
}

#[async_trait]
impl NotificationStore for SqlStore {
    async fn notifications(&self, user: UserId, limit: i64) -> DomainResult<Vec<idespor_domain::notify::Notification>> {
        self.notify_list(user, limit).await
    }
    async fn unread_notifications(&self, user: UserId) -> DomainResult<i64> {
        self.notify_unread(user).await
    }
    async fn mark_notifications_read(&self, user: UserId, id: Option<i64>, at: Timestamp) -> DomainResult<()> {
        self.notify_mark_read(user, id, at).await
    }
    async fn get_notification(&self, id: i64) -> DomainResult<Option<(UserId, Notification)>> {
        self.mail_get_notification(id).await
    }
}

#[async_trait]
impl MeetingStore for SqlStore {
    async fn insert_meeting(&self, new: NewMeeting<'_>, audit: AuditEntry) -> DomainResult<Meeting> {
        self.meetings_insert(new, audit).await
    }
    async fn update_meeting(
        &self,
        id: MeetingId,
        expected_version: i64,
        input: &MeetingInput,
        cancel: Option<Timestamp>,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<Meeting> {
        self.meetings_update(id, expected_version, input, cancel, notification, audit).await
    }
    async fn get_meeting(&self, id: MeetingId) -> DomainResult<Option<Meeting>> {
        self.meetings_get(id).await
    }
    async fn list_meetings(&self, filter: &MeetingFilter) -> DomainResult<Vec<Meeting>> {
        self.meetings_list(filter).await
    }
    async fn meeting_attendees(&self, id: MeetingId) -> DomainResult<Vec<Attendee>> {
        self.meetings_attendees(id).await
    }
    async fn invite_to_meeting(
        &self,
        id: MeetingId,
        user: UserId,
        guest: bool,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.meetings_invite(id, user, guest, notification, audit).await
    }
    async fn record_attendance(&self, id: MeetingId, attended: &[UserId], audit: AuditEntry) -> DomainResult<()> {
        self.meetings_attendance(id, attended, audit).await
    }
    async fn agenda(&self, id: MeetingId) -> DomainResult<Vec<AgendaItem>> {
        self.meetings_agenda(id).await
    }
    async fn add_agenda_item(
        &self,
        id: MeetingId,
        item: &AgendaItemInput,
        audit: AuditEntry,
    ) -> DomainResult<AgendaItem> {
        let at = audit.at;
        self.meetings_add_item(id, item, audit, at).await
    }
    async fn remove_agenda_item(&self, id: MeetingId, item: AgendaItemId, audit: AuditEntry) -> DomainResult<()> {
        self.meetings_remove_item(id, item, audit).await
    }
    async fn move_agenda_item(&self, id: MeetingId, item: AgendaItemId, up: bool) -> DomainResult<()> {
        self.meetings_move_item(id, item, up).await
    }
    async fn set_minutes(
        &self,
        id: MeetingId,
        minutes: &str,
        approve: Option<(UserId, Timestamp)>,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<Meeting> {
        self.meetings_set_minutes(id, minutes, approve, notification, audit).await
    }
    async fn next_meetings(&self, groups: &[GroupId], now: Timestamp) -> DomainResult<Vec<(GroupId, MeetingId)>> {
        self.meetings_next(groups, now).await
    }
    async fn insert_decision(&self, new: NewDecision<'_>, audit: AuditEntry) -> DomainResult<DecisionId> {
        self.decisions_insert(new, audit).await
    }
    async fn get_decision(&self, id: DecisionId) -> DomainResult<Option<Decision>> {
        self.decisions_get(id).await
    }
    async fn list_decisions(&self, filter: &DecisionFilter) -> DomainResult<Vec<Decision>> {
        self.decisions_list(filter).await
    }
    async fn presentations(
        &self,
        decision: Option<DecisionId>,
        group: Option<GroupId>,
        pending_only: bool,
    ) -> DomainResult<Vec<Presentation>> {
        self.decisions_presentations(decision, group, pending_only).await
    }
    async fn mark_presented(
        &self,
        decision: DecisionId,
        group: GroupId,
        by: UserId,
        at: Timestamp,
        meeting: Option<MeetingId>,
        audit: AuditEntry,
    ) -> DomainResult<bool> {
        self.decisions_mark_presented(decision, group, by, at, meeting, audit).await
    }
    async fn group_outcomes(&self, group: GroupId) -> DomainResult<Vec<idespor_domain::outcome::IdeaOutcome>> {
        self.outcomes_of_group(group).await
    }
}

#[async_trait]
impl RoundStore for SqlStore {
    async fn insert_round(
        &self,
        input: &idespor_domain::round::RoundInput,
        created_by: UserId,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<i64> {
        self.rounds_insert(input, created_by, at, audit).await
    }
    async fn list_rounds(&self) -> DomainResult<Vec<idespor_domain::round::Round>> {
        self.rounds_list().await
    }
    async fn get_round(&self, id: i64) -> DomainResult<Option<idespor_domain::round::Round>> {
        self.rounds_get(id).await
    }
    async fn cast_ballot(
        &self,
        round: i64,
        voter: &idespor_domain::round::Voter,
        by: UserId,
        at: Timestamp,
        values: &std::collections::BTreeMap<IdeaId, i32>,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.rounds_cast(round, voter, by, at, values, audit).await
    }
    async fn ballots(&self, round: i64) -> DomainResult<Vec<idespor_domain::round::Ballot>> {
        self.rounds_ballots(round).await
    }
}

#[async_trait]
impl MailStore for SqlStore {
    async fn preferences(&self, user: UserId) -> DomainResult<Vec<(NotificationKind, Cadence)>> {
        self.mail_preferences(user).await
    }
    async fn set_preferences(
        &self,
        user: UserId,
        prefs: &[(NotificationKind, Cadence)],
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.mail_set_preferences(user, prefs, audit).await
    }
    async fn users_with_cadence(
        &self,
        kind: NotificationKind,
        cadence: Cadence,
        users: &[UserId],
    ) -> DomainResult<Vec<UserId>> {
        self.mail_users_with_cadence(kind, cadence, users).await
    }
    async fn instance_secret(&self, name: &str, candidate: &str) -> DomainResult<String> {
        self.mail_instance_secret(name, candidate).await
    }
    async fn feed_generation(&self, user: UserId) -> DomainResult<i64> {
        self.mail_feed_generation(user).await
    }
    async fn new_feed_generation(&self, user: UserId, audit: AuditEntry) -> DomainResult<i64> {
        self.mail_new_feed_generation(user, audit).await
    }
    async fn enqueue_digests(
        &self,
        kind: DigestKind,
        key: &str,
        start: Timestamp,
        end: Timestamp,
        now: Timestamp,
    ) -> DomainResult<u64> {
        self.mail_enqueue_digests(kind, key, start, end, now).await
    }
    async fn claim_outbox(
        &self,
        now: Timestamp,
        locked_until: Timestamp,
        limit: i64,
    ) -> DomainResult<Vec<OutboxMessage>> {
        self.mail_claim(now, locked_until, limit).await
    }
    async fn outbox_sent(&self, id: i64, subject: &str, at: Timestamp) -> DomainResult<()> {
        self.mail_sent(id, subject, at).await
    }
    async fn outbox_failed(&self, id: i64, error: &str, next: Option<Timestamp>) -> DomainResult<()> {
        self.mail_failed(id, error, next).await
    }
    async fn list_outbox(&self, status: Option<OutboxStatus>, limit: i64) -> DomainResult<Vec<OutboxMessage>> {
        self.mail_list(status, limit).await
    }
    async fn outbox_counts(&self) -> DomainResult<Vec<(OutboxStatus, i64)>> {
        self.mail_counts().await
    }
    async fn retry_outbox(&self, id: i64, now: Timestamp, audit: AuditEntry) -> DomainResult<bool> {
        self.mail_retry(id, now, audit).await
    }
    async fn digest_notifications(
        &self,
        user: UserId,
        org: Option<OrgId>,
        start: Timestamp,
        end: Timestamp,
        cadence: Cadence,
    ) -> DomainResult<Vec<DigestItem>> {
        self.mail_digest_notifications(user, org, start, end, cadence).await
    }
}

#[async_trait]
impl RoadmapStore for SqlStore {
    async fn list_releases(&self) -> DomainResult<Vec<Release>> {
        self.ideas_list_releases().await
    }
    async fn get_release(&self, id: ReleaseId) -> DomainResult<Option<Release>> {
        self.ideas_get_release(id).await
    }
    async fn insert_release(&self, release: &ReleaseInput, audit: AuditEntry) -> DomainResult<Release> {
        self.ideas_insert_release(release, audit).await
    }
    async fn update_release(&self, id: ReleaseId, release: &ReleaseInput, audit: AuditEntry) -> DomainResult<Release> {
        self.ideas_update_release(id, release, audit).await
    }
    async fn roadmap_ideas(&self) -> DomainResult<Vec<idespor_domain::roadmap::RoadmapIdea>> {
        self.roadmap_ideas_query().await
    }
    async fn release_items(&self) -> DomainResult<Vec<idespor_domain::roadmap::ReleaseItem>> {
        self.release_items_query().await
    }
    async fn insert_release_item(
        &self,
        release: ReleaseId,
        item: (&str, idespor_domain::roadmap::ItemSource, &str),
        by: Option<UserId>,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<i64> {
        self.release_item_insert(release, item, by, at, audit).await
    }
    async fn release_counts(&self) -> DomainResult<Vec<(ReleaseId, i64, i64)>> {
        self.release_counts_query().await
    }
}

#[async_trait]
impl FigureStore for SqlStore {
    async fn idea_histories(
        &self,
        scope: idespor_domain::figures::Scope,
    ) -> DomainResult<Vec<idespor_domain::figures::IdeaHistory>> {
        self.histories_query(scope).await
    }
    async fn last_event_id(&self) -> DomainResult<i64> {
        with_db!(&self.db, pool => sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM idea_events").fetch_one(pool).await)
            .map_err(map_err)
    }
    async fn figure_facts(
        &self,
        scope: idespor_domain::figures::Scope,
        from: jiff::Timestamp,
        to: jiff::Timestamp,
    ) -> DomainResult<idespor_domain::figures::FigureFacts> {
        self.figure_facts_query(scope, from, to).await
    }
    async fn setting(&self, name: &str) -> DomainResult<Option<String>> {
        self.setting_get(name).await
    }
    async fn set_setting(
        &self,
        name: &str,
        value: &str,
        by: UserId,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.setting_set(name, value, by, at, audit).await
    }
}

#[async_trait]
impl ExportStore for SqlStore {
    async fn export_ideas(&self) -> DomainResult<Vec<Vec<idespor_domain::export::Cell>>> {
        self.export_ideas_query().await
    }
    async fn export_moves(&self) -> DomainResult<Vec<Vec<idespor_domain::export::Cell>>> {
        self.export_moves_query().await
    }
}
