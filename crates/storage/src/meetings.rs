//! Meetings (agenda, attendees, minutes) and decisions (with their moves and presentations).

use crate::db::{BeginWrite, id_list, map_err, with_db};
use crate::ideas::{bad, insert_event, status, update_idea_state, write_notifications};
use crate::rows::ts;
use crate::store_impl::{SqlStore, write_audit};
use idespor_domain::audit::AuditEntry;
use idespor_domain::group::{GroupKind, PersonRef};
use idespor_domain::idea::MoveKind;
use idespor_domain::meeting::{
    AgendaItem, AgendaItemInput, Attendee, Decision, DecisionFilter, DecisionIdea, Meeting, MeetingInput, MeetingKind,
    Presentation,
};
use idespor_domain::notify::NewNotification;
use idespor_domain::store::{MeetingFilter, NewDecision, NewMeeting};
use idespor_domain::{AgendaItemId, DecisionId, DomainError, DomainResult, GroupId, IdeaId, MeetingId, UserId};
use jiff::Timestamp;
use std::collections::HashMap;

const MEETING_SELECT: &str = "SELECT m.id, m.group_id, g.name AS group_name, g.kind AS group_kind, m.kind, m.title, \
     m.starts_at, m.ends_at, m.place, m.online_url, m.description, m.minutes, m.minutes_approved_at, \
     au.name AS approved_by, m.cancelled_at, m.created_at, m.version \
     FROM meetings m JOIN community_groups g ON g.id = m.group_id LEFT JOIN users au ON au.id = m.minutes_approved_by";

#[derive(sqlx::FromRow)]
struct MeetingRow {
    id: i64,
    group_id: i64,
    group_name: String,
    group_kind: String,
    kind: String,
    title: String,
    starts_at: i64,
    ends_at: i64,
    place: String,
    online_url: String,
    description: String,
    minutes: String,
    minutes_approved_at: Option<i64>,
    approved_by: Option<String>,
    cancelled_at: Option<i64>,
    created_at: i64,
    version: i64,
}

fn group_kind(value: &str) -> DomainResult<GroupKind> {
    GroupKind::parse(value).ok_or_else(|| bad("group kind", value))
}

impl MeetingRow {
    fn into_domain(self) -> DomainResult<Meeting> {
        Ok(Meeting {
            id: MeetingId(self.id),
            group_id: GroupId(self.group_id),
            group_name: self.group_name,
            group_kind: group_kind(&self.group_kind)?,
            kind: MeetingKind::parse(&self.kind).ok_or_else(|| bad("meeting kind", &self.kind))?,
            title: self.title,
            starts_at: ts(self.starts_at),
            ends_at: ts(self.ends_at),
            place: self.place,
            online_url: self.online_url,
            description: self.description,
            minutes: self.minutes,
            minutes_approved_at: self.minutes_approved_at.map(ts),
            minutes_approved_by: self.approved_by,
            cancelled_at: self.cancelled_at.map(ts),
            created_at: ts(self.created_at),
            version: self.version,
        })
    }
}

/// The decisions' columns; a list of titles leaves out their texts.
fn decision_select(titles_only: bool) -> String {
    let texts = if titles_only { "'' AS body, '' AS reason" } else { "d.body, d.reason" };
    format!(
        "SELECT d.id, d.group_id, g.name AS group_name, g.kind AS group_kind, d.meeting_id, \
         m.title AS meeting_title, d.title, {texts}, d.decided_at, d.decided_by, u.name AS decided_by_name, \
         o.name AS decided_by_org, (SELECT COUNT(*) FROM decision_ideas c WHERE c.decision_id = d.id) AS idea_count \
         FROM decisions d JOIN community_groups g ON g.id = d.group_id LEFT JOIN meetings m ON m.id = d.meeting_id \
         LEFT JOIN users u ON u.id = d.decided_by LEFT JOIN organizations o ON o.id = u.organization_id"
    )
}

#[derive(sqlx::FromRow)]
struct DecisionRow {
    id: i64,
    group_id: i64,
    group_name: String,
    group_kind: String,
    meeting_id: Option<i64>,
    meeting_title: Option<String>,
    title: String,
    body: String,
    reason: String,
    decided_at: i64,
    decided_by: Option<i64>,
    decided_by_name: Option<String>,
    decided_by_org: Option<String>,
    idea_count: i64,
}

impl SqlStore {
    pub(crate) async fn meetings_insert(&self, new: NewMeeting<'_>, audit: AuditEntry) -> DomainResult<Meeting> {
        let input = new.input;
        let id: i64 = with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO meetings (group_id, kind, title, starts_at, ends_at, place, online_url, description, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            )
            .bind(new.group.0)
            .bind(input.kind.as_str())
            .bind(&input.title)
            .bind(input.starts_at.as_second())
            .bind(input.ends_at.as_second())
            .bind(&input.place)
            .bind(&input.online_url)
            .bind(&input.description)
            .bind(new.created_by.0)
            .bind(new.created_at.as_second())
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
            for (user, guest) in new.invited {
                sqlx::query("INSERT INTO meeting_attendees (meeting_id, user_id, guest) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                    .bind(id)
                    .bind(user.0)
                    .bind(*guest)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
            }
            for (position, item) in new.agenda.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO agenda_items (meeting_id, position, title, notes, idea_id, decision_id, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(id)
                .bind(position as i32 + 1)
                .bind(&item.title)
                .bind(&item.notes)
                .bind(item.idea_id.map(|i| i.0))
                .bind(item.decision_id.map(|d| d.0))
                .bind(new.created_at.as_second())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            }
            write_notifications!(tx, new.notification, Some(id), None::<i64>);
            write_audit!(tx, audit, Some(id));
            tx.commit().await.map_err(map_err)?;
            id
        });
        self.meetings_get(MeetingId(id)).await?.ok_or(DomainError::NotFound("meeting"))
    }

    pub(crate) async fn meetings_update(
        &self,
        id: MeetingId,
        expected_version: i64,
        input: &MeetingInput,
        cancel: Option<Timestamp>,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<Meeting> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let done = sqlx::query(
                "UPDATE meetings SET kind = $1, title = $2, starts_at = $3, ends_at = $4, place = $5, online_url = $6, \
                 description = $7, cancelled_at = COALESCE($8, cancelled_at), version = version + 1 WHERE id = $9 AND version = $10",
            )
            .bind(input.kind.as_str())
            .bind(&input.title)
            .bind(input.starts_at.as_second())
            .bind(input.ends_at.as_second())
            .bind(&input.place)
            .bind(&input.online_url)
            .bind(&input.description)
            .bind(cancel.map(|c| c.as_second()))
            .bind(id.0)
            .bind(expected_version)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            if done.rows_affected() == 0 {
                return Err(DomainError::Conflict("stale_version"));
            }
            write_notifications!(tx, notification);
            write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)?;
        });
        self.meetings_get(id).await?.ok_or(DomainError::NotFound("meeting"))
    }

    pub(crate) async fn meetings_get(&self, id: MeetingId) -> DomainResult<Option<Meeting>> {
        let sql = sqlx::AssertSqlSafe(format!("{MEETING_SELECT} WHERE m.id = $1"));
        let row: Option<MeetingRow> =
            with_db!(self.db(), pool => sqlx::query_as(sql).bind(id.0).fetch_optional(pool).await).map_err(map_err)?;
        row.map(MeetingRow::into_domain).transpose()
    }

    pub(crate) async fn meetings_list(&self, filter: &MeetingFilter) -> DomainResult<Vec<Meeting>> {
        // Only the conditions asked for, so that the planner can use the indexes.
        let mut conditions: Vec<String> = Vec::new();
        let mut params: Vec<i64> = Vec::new();
        let param = |value: i64, params: &mut Vec<i64>| {
            params.push(value);
            format!("${}", params.len())
        };
        if let Some(group) = filter.group {
            conditions.push(format!("m.group_id = {}", param(group.0, &mut params)));
        }
        if let Some(user) = filter.invited {
            conditions.push(format!(
                "m.id IN (SELECT meeting_id FROM meeting_attendees WHERE user_id = {})",
                param(user.0, &mut params)
            ));
        }
        if let Some(at) = filter.ends_after {
            conditions.push(format!("m.ends_at > {}", param(at.as_second(), &mut params)));
        }
        if let Some(at) = filter.starts_before {
            conditions.push(format!("m.starts_at < {}", param(at.as_second(), &mut params)));
        }
        if !filter.include_cancelled {
            conditions.push("m.cancelled_at IS NULL".into());
        }
        // Written into the statement, as for decisions (see `decisions_query`).
        let limit = filter.limit.max(1);
        let order = if filter.newest_first { "m.starts_at DESC, m.id DESC" } else { "m.starts_at, m.id" };
        let sql = format!(
            "{MEETING_SELECT} {} {} ORDER BY {order} LIMIT {limit}",
            if conditions.is_empty() { "" } else { "WHERE" },
            conditions.join(" AND ")
        );
        let rows: Vec<MeetingRow> = with_db!(self.db(), pool => {
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            for p in &params {
                query = query.bind(*p);
            }
            query.fetch_all(pool).await
        })
        .map_err(map_err)?;
        rows.into_iter().map(MeetingRow::into_domain).collect()
    }

    pub(crate) async fn meetings_attendees(&self, id: MeetingId) -> DomainResult<Vec<Attendee>> {
        type Row = (i64, String, Option<String>, bool, Option<bool>);
        let rows: Vec<Row> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT a.user_id, u.name, o.name, a.guest, a.attended FROM meeting_attendees a JOIN users u ON u.id = a.user_id \
             LEFT JOIN organizations o ON o.id = u.organization_id WHERE a.meeting_id = $1 ORDER BY a.guest, u.name",
        )
        .bind(id.0)
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(|(user_id, name, org_name, guest, attended)| Attendee {
                user_id: UserId(user_id),
                name,
                org_name,
                group_name: None,
                guest,
                attended,
            })
            .collect())
    }

    pub(crate) async fn meetings_invite(
        &self,
        id: MeetingId,
        user: UserId,
        guest: bool,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            sqlx::query("INSERT INTO meeting_attendees (meeting_id, user_id, guest) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(id.0)
                .bind(user.0)
                .bind(guest)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            write_notifications!(tx, notification);
            write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)?;
        });
        Ok(())
    }

    pub(crate) async fn meetings_attendance(
        &self,
        id: MeetingId,
        attended: &[UserId],
        audit: AuditEntry,
    ) -> DomainResult<()> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            sqlx::query("UPDATE meeting_attendees SET attended = FALSE WHERE meeting_id = $1")
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            for user in attended {
                sqlx::query("UPDATE meeting_attendees SET attended = TRUE WHERE meeting_id = $1 AND user_id = $2")
                    .bind(id.0)
                    .bind(user.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
            }
            write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)?;
        });
        Ok(())
    }

    pub(crate) async fn meetings_agenda(&self, id: MeetingId) -> DomainResult<Vec<AgendaItem>> {
        type Row = (i64, i64, i32, String, String, Option<i64>, Option<String>, Option<String>, Option<i64>);
        let rows: Vec<Row> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT a.id, a.meeting_id, a.position, a.title, a.notes, a.idea_id, i.title, i.status, a.decision_id \
             FROM agenda_items a LEFT JOIN ideas i ON i.id = a.idea_id WHERE a.meeting_id = $1 ORDER BY a.position, a.id",
        )
        .bind(id.0)
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        rows.into_iter()
            .map(|(id, meeting_id, position, title, notes, idea_id, idea_title, idea_status, decision_id)| {
                Ok(AgendaItem {
                    id: AgendaItemId(id),
                    meeting_id: MeetingId(meeting_id),
                    position,
                    title,
                    notes,
                    idea_id: idea_id.map(IdeaId),
                    idea_title,
                    idea_status: idea_status.as_deref().map(status).transpose()?,
                    decision_id: decision_id.map(DecisionId),
                })
            })
            .collect()
    }

    pub(crate) async fn meetings_add_item(
        &self,
        id: MeetingId,
        item: &AgendaItemInput,
        audit: AuditEntry,
        at: Timestamp,
    ) -> DomainResult<AgendaItem> {
        let item_id: i64 = with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let item_id: i64 = sqlx::query_scalar(
                "INSERT INTO agenda_items (meeting_id, position, title, notes, idea_id, decision_id, created_at) \
                 VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE meeting_id = $1), $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(id.0)
            .bind(&item.title)
            .bind(&item.notes)
            .bind(item.idea_id.map(|i| i.0))
            .bind(item.decision_id.map(|d| d.0))
            .bind(at.as_second())
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
            write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)?;
            item_id
        });
        self.meetings_agenda(id)
            .await?
            .into_iter()
            .find(|i| i.id.0 == item_id)
            .ok_or(DomainError::NotFound("agenda_item"))
    }

    pub(crate) async fn meetings_remove_item(
        &self,
        id: MeetingId,
        item: AgendaItemId,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let done = sqlx::query("DELETE FROM agenda_items WHERE id = $1 AND meeting_id = $2")
                .bind(item.0)
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            if done.rows_affected() == 0 {
                return Err(DomainError::NotFound("agenda_item"));
            }
            write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)?;
        });
        Ok(())
    }

    pub(crate) async fn meetings_move_item(&self, id: MeetingId, item: AgendaItemId, up: bool) -> DomainResult<()> {
        let agenda = self.meetings_agenda(id).await?;
        let Some(index) = agenda.iter().position(|i| i.id == item) else {
            return Err(DomainError::NotFound("agenda_item"));
        };
        let other = if up { index.checked_sub(1) } else { Some(index + 1).filter(|i| *i < agenda.len()) };
        let Some(other) = other else { return Ok(()) };
        // Positions are renumbered 1..n in the new order, so that ties from earlier edits vanish.
        let mut order: Vec<AgendaItemId> = agenda.iter().map(|i| i.id).collect();
        order.swap(index, other);
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            for (position, item) in order.iter().enumerate() {
                sqlx::query("UPDATE agenda_items SET position = $1 WHERE id = $2 AND meeting_id = $3")
                    .bind(position as i32 + 1)
                    .bind(item.0)
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
            }
            tx.commit().await.map_err(map_err)?;
        });
        Ok(())
    }

    pub(crate) async fn meetings_set_minutes(
        &self,
        id: MeetingId,
        minutes: &str,
        approve: Option<(UserId, Timestamp)>,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<Meeting> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let current: Option<(String, Option<i64>, Option<i64>)> =
                sqlx::query_as("SELECT minutes, minutes_approved_at, minutes_approved_by FROM meetings WHERE id = $1")
                    .bind(id.0)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(map_err)?;
            let Some((old, approved_at, approved_by)) = current else { return Err(DomainError::NotFound("meeting")) };
            // Changed minutes need a new approval; unchanged ones keep theirs.
            let (approved_at, approved_by) = match approve {
                Some((by, at)) => (Some(at.as_second()), Some(by.0)),
                None if old == minutes => (approved_at, approved_by),
                None => (None, None),
            };
            sqlx::query(
                "UPDATE meetings SET minutes = $1, minutes_approved_at = $2, minutes_approved_by = $3, version = version + 1 WHERE id = $4",
            )
            .bind(minutes)
            .bind(approved_at)
            .bind(approved_by)
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            write_notifications!(tx, notification);
            write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)?;
        });
        self.meetings_get(id).await?.ok_or(DomainError::NotFound("meeting"))
    }

    pub(crate) async fn meetings_next(
        &self,
        groups: &[GroupId],
        now: Timestamp,
    ) -> DomainResult<Vec<(GroupId, MeetingId)>> {
        if groups.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT m.group_id, MIN(m.id) FROM meetings m WHERE m.group_id IN ({}) AND m.starts_at > $1 AND m.cancelled_at IS NULL \
             AND m.starts_at = (SELECT MIN(m2.starts_at) FROM meetings m2 WHERE m2.group_id = m.group_id AND m2.starts_at > $1 \
             AND m2.cancelled_at IS NULL) GROUP BY m.group_id",
            id_list(groups.iter().map(|g| g.0))
        );
        let rows: Vec<(i64, i64)> = with_db!(self.db(), pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(now.as_second())
            .fetch_all(pool)
            .await)
        .map_err(map_err)?;
        Ok(rows.into_iter().map(|(g, m)| (GroupId(g), MeetingId(m))).collect())
    }

    pub(crate) async fn decisions_insert(&self, new: NewDecision<'_>, audit: AuditEntry) -> DomainResult<DecisionId> {
        let id: i64 = with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let at = new.decided_at.as_second();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO decisions (group_id, meeting_id, title, body, reason, decided_at, decided_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $6) RETURNING id",
            )
            .bind(new.group.0)
            .bind(new.meeting.map(|m| m.0))
            .bind(new.title)
            .bind(new.body)
            .bind(new.reason)
            .bind(at)
            .bind(new.decided_by.0)
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
            for (idea, kind) in new.ideas {
                sqlx::query("INSERT INTO decision_ideas (decision_id, idea_id, move_kind) VALUES ($1, $2, $3)")
                    .bind(id)
                    .bind(idea.0)
                    .bind(kind.map(|k| k.as_str()))
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
            }
            for mv in new.moves {
                let done = update_idea_state!(tx, mv.idea, mv.expected_version, &mv.state, mv.event.at);
                if done.rows_affected() == 0 {
                    return Err(DomainError::Conflict("stale_version"));
                }
                insert_event!(tx, mv.idea.0, &mv.event, new.meeting.map(|m| m.0), Some(id));
                write_notifications!(tx, &mv.notification);
            }
            for group in new.publish_to {
                sqlx::query("INSERT INTO decision_presentations (decision_id, group_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(group.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
            }
            for meeting in new.agenda_on {
                sqlx::query(
                    "INSERT INTO agenda_items (meeting_id, position, title, notes, decision_id, created_at) \
                     VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE meeting_id = $1), $2, '', $3, $4)",
                )
                .bind(meeting.0)
                .bind(new.title)
                .bind(id)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            }
            write_notifications!(tx, new.notification, None::<i64>, Some(id));
            if let Some(round) = new.publishes_round {
                let done = sqlx::query("UPDATE rounds SET decision_id = $1 WHERE id = $2 AND decision_id IS NULL")
                    .bind(id)
                    .bind(round)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                if done.rows_affected() == 0 {
                    return Err(DomainError::Conflict("round_published"));
                }
            }
            write_audit!(tx, audit, Some(id));
            tx.commit().await.map_err(map_err)?;
            id
        });
        Ok(DecisionId(id))
    }

    pub(crate) async fn decisions_get(&self, id: DecisionId) -> DomainResult<Option<Decision>> {
        let filter = DecisionFilter::default();
        Ok(self.decisions_query(&filter, Some(id)).await?.into_iter().next())
    }

    pub(crate) async fn decisions_list(&self, filter: &DecisionFilter) -> DomainResult<Vec<Decision>> {
        self.decisions_query(filter, None).await
    }

    async fn decisions_query(&self, filter: &DecisionFilter, one: Option<DecisionId>) -> DomainResult<Vec<Decision>> {
        let mut conditions: Vec<String> = Vec::new();
        let mut params: Vec<i64> = Vec::new();
        let param = |value: i64, params: &mut Vec<i64>| {
            params.push(value);
            format!("${}", params.len())
        };
        if let Some(id) = one {
            conditions.push(format!("d.id = {}", param(id.0, &mut params)));
        }
        if let Some(group) = filter.group {
            conditions.push(format!("d.group_id = {}", param(group.0, &mut params)));
        }
        if let Some(group) = filter.feed_of {
            let p = param(group.0, &mut params);
            // One set of ids from two indexes (an OR on the joined table would read the decisions
            // newest first until it had found enough).
            conditions.push(format!(
                "d.id IN (SELECT id FROM decisions WHERE group_id = {p} \
                 UNION SELECT decision_id FROM decision_presentations WHERE group_id = {p})"
            ));
        }
        if let Some(kind) = filter.group_kind {
            // An enum's own spelling: safe to write into the statement. As a subquery rather
            // than on the joined group, so that the newest decisions are read in the order of
            // their index instead of sorting every one of the kind (the start page asks for 5).
            conditions
                .push(format!("d.group_id IN (SELECT id FROM community_groups WHERE kind = '{}')", kind.as_str()));
        }
        if let Some(idea) = filter.idea {
            conditions.push(format!(
                "d.id IN (SELECT decision_id FROM decision_ideas WHERE idea_id = {})",
                param(idea.0, &mut params)
            ));
        }
        if let Some(meeting) = filter.meeting {
            conditions.push(format!("d.meeting_id = {}", param(meeting.0, &mut params)));
        }
        // Written into the statement, not bound: with `LIMIT $n` PostgreSQL's generic plan (used
        // after a few executions of a prepared statement) cannot know the list is short and sorts
        // every matching decision (the start page's five: 0.5 ms → 4.6 ms).
        let limit = filter.limit.unwrap_or(50).max(1);
        let sql = format!(
            "{} {} {} ORDER BY d.decided_at DESC, d.id DESC LIMIT {limit}",
            decision_select(filter.titles_only),
            if conditions.is_empty() { "" } else { "WHERE" },
            conditions.join(" AND ")
        );
        let rows: Vec<DecisionRow> = with_db!(self.db(), pool => {
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            for p in &params {
                query = query.bind(*p);
            }
            query.fetch_all(pool).await
        })
        .map_err(map_err)?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        // The ideas of all listed decisions in one query (unless only their number is shown).
        let idea_rows: Vec<(i64, i64, String, Option<String>)> = if filter.titles_only {
            Vec::new()
        } else {
            let sql = format!(
                "SELECT di.decision_id, di.idea_id, i.title, di.move_kind FROM decision_ideas di JOIN ideas i ON i.id = di.idea_id \
                 WHERE di.decision_id IN ({}) ORDER BY i.title",
                id_list(rows.iter().map(|r| r.id).collect::<Vec<i64>>())
            );
            with_db!(self.db(), pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)
                .map_err(map_err)?
        };
        let mut ideas: HashMap<i64, Vec<DecisionIdea>> = HashMap::new();
        for (decision, idea, title, kind) in idea_rows {
            ideas.entry(decision).or_default().push(DecisionIdea {
                idea_id: IdeaId(idea),
                title,
                move_kind: kind.as_deref().and_then(MoveKind::parse),
            });
        }
        rows.into_iter()
            .map(|r| {
                Ok(Decision {
                    id: DecisionId(r.id),
                    group_id: GroupId(r.group_id),
                    group_name: r.group_name,
                    group_kind: group_kind(&r.group_kind)?,
                    meeting_id: r.meeting_id.map(MeetingId),
                    meeting_title: r.meeting_title,
                    title: r.title,
                    body: r.body,
                    reason: r.reason,
                    decided_at: ts(r.decided_at),
                    decided_by: r.decided_by.zip(r.decided_by_name).map(|(id, name)| PersonRef {
                        id: UserId(id),
                        name,
                        org_name: r.decided_by_org,
                    }),
                    idea_count: r.idea_count,
                    ideas: ideas.remove(&r.id).unwrap_or_default(),
                })
            })
            .collect()
    }

    pub(crate) async fn decisions_presentations(
        &self,
        decision: Option<DecisionId>,
        group: Option<GroupId>,
        pending_only: bool,
    ) -> DomainResult<Vec<Presentation>> {
        type Row = (i64, String, i64, i64, String, Option<i64>, Option<String>, Option<i64>);
        let rows: Vec<Row> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT p.decision_id, d.title, d.decided_at, p.group_id, g.name, p.presented_at, u.name, p.meeting_id \
             FROM decision_presentations p JOIN decisions d ON d.id = p.decision_id JOIN community_groups g ON g.id = p.group_id \
             LEFT JOIN users u ON u.id = p.presented_by \
             WHERE ($1 IS NULL OR p.decision_id = $1) AND ($2 IS NULL OR p.group_id = $2) AND ($3 = 0 OR p.presented_at IS NULL) \
             ORDER BY d.decided_at, d.id, g.name",
        )
        .bind(decision.map(|d| d.0))
        .bind(group.map(|g| g.0))
        .bind(i64::from(pending_only))
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(|(decision_id, decision_title, decided_at, group_id, group_name, presented_at, by, meeting)| {
                Presentation {
                    decision_id: DecisionId(decision_id),
                    decision_title,
                    decided_at: ts(decided_at),
                    group_id: GroupId(group_id),
                    group_name,
                    presented_at: presented_at.map(ts),
                    presented_by: by,
                    meeting_id: meeting.map(MeetingId),
                }
            })
            .collect())
    }

    pub(crate) async fn decisions_mark_presented(
        &self,
        decision: DecisionId,
        group: GroupId,
        by: UserId,
        at: Timestamp,
        meeting: Option<MeetingId>,
        audit: AuditEntry,
    ) -> DomainResult<bool> {
        let changed = with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let done = sqlx::query(
                "UPDATE decision_presentations SET presented_at = $1, presented_by = $2, meeting_id = $3 \
                 WHERE decision_id = $4 AND group_id = $5 AND presented_at IS NULL",
            )
            .bind(at.as_second())
            .bind(by.0)
            .bind(meeting.map(|m| m.0))
            .bind(decision.0)
            .bind(group.0)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            if done.rows_affected() > 0 {
                write_audit!(tx, audit, Some(decision.0));
            }
            tx.commit().await.map_err(map_err)?;
            done.rows_affected() > 0
        });
        Ok(changed)
    }
}

impl SqlStore {
    pub(crate) async fn outcomes_of_group(
        &self,
        group: GroupId,
    ) -> DomainResult<Vec<idespor_domain::outcome::IdeaOutcome>> {
        type Row = (
            i64,
            String,
            String,
            String,
            i64,
            Option<String>,
            Option<i64>,
            Option<String>,
            Option<i64>,
            Option<String>,
            Option<String>,
        );
        // The latest event of each idea names the decision and the level that made the move.
        let rows: Vec<Row> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT i.id, i.title, i.status, i.resolution, i.status_changed_at, r.version, i.merged_into, mi.title, \
             e.decision_id, d.title, fg.kind \
             FROM ideas i LEFT JOIN releases r ON r.id = i.release_id LEFT JOIN ideas mi ON mi.id = i.merged_into \
             LEFT JOIN idea_events e ON e.id = (SELECT MAX(e2.id) FROM idea_events e2 WHERE e2.idea_id = i.id) \
             LEFT JOIN decisions d ON d.id = e.decision_id LEFT JOIN community_groups fg ON fg.id = e.from_group_id \
             WHERE i.erfa_group_id = $1 AND i.status <> 'draft' ORDER BY i.status_changed_at DESC, i.id DESC",
        )
        .bind(group.0)
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        rows.into_iter()
            .map(
                |(
                    id,
                    title,
                    st,
                    resolution,
                    changed,
                    release,
                    merged,
                    merged_title,
                    decision,
                    decision_title,
                    level,
                )| {
                    Ok(idespor_domain::outcome::IdeaOutcome {
                        idea_id: IdeaId(id),
                        title,
                        status: status(&st)?,
                        resolution,
                        status_changed_at: ts(changed),
                        release,
                        merged_into: merged.map(IdeaId),
                        merged_into_title: merged_title,
                        decision_id: decision.map(DecisionId),
                        decision_title,
                        decided_by_level: level.as_deref().and_then(GroupKind::parse),
                    })
                },
            )
            .collect()
    }
}
