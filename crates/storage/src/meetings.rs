//! Meetings (agenda, attendees, minutes) and decisions (with their moves and presentations),
//! and what became of an erfagruppe's ideas.

use crate::ideas::status;
use crate::rows::bad;
use crate::sql::{Arg, Conn, Row, args};
use crate::store::SqlStore;
use crate::writes;
use async_trait::async_trait;
use idespor_domain::audit::AuditEntry;
use idespor_domain::group::{GroupKind, PersonRef};
use idespor_domain::idea::MoveKind;
use idespor_domain::meeting::{
    AgendaItem, AgendaItemInput, Attendee, Decision, DecisionFilter, DecisionIdea, Meeting, MeetingInput, MeetingKind,
    Presentation,
};
use idespor_domain::notify::NewNotification;
use idespor_domain::outcome::IdeaOutcome;
use idespor_domain::store::{MeetingFilter, MeetingStore, NewDecision, NewMeeting};
use idespor_domain::{AgendaItemId, DecisionId, DomainError, DomainResult, GroupId, IdeaId, MeetingId, UserId};
use jiff::Timestamp;
use std::collections::HashMap;

const MEETING_SELECT: &str = "SELECT m.id, m.group_id, g.name, g.kind, m.kind, m.title, m.starts_at, m.ends_at, \
     m.place, m.online_url, m.description, m.minutes, m.minutes_approved_at, au.name, m.cancelled_at, m.created_at, \
     m.version FROM meetings m JOIN community_groups g ON g.id = m.group_id \
     LEFT JOIN users au ON au.id = m.minutes_approved_by";

fn group_kind(value: &str) -> DomainResult<GroupKind> {
    GroupKind::parse(value).ok_or_else(|| bad("group kind", value))
}

fn meeting(r: &Row<'_>) -> DomainResult<Meeting> {
    let kind = r.text(4)?;
    Ok(Meeting {
        id: MeetingId(r.i64(0)?),
        group_id: GroupId(r.i64(1)?),
        group_name: r.text(2)?,
        group_kind: group_kind(&r.text(3)?)?,
        kind: MeetingKind::parse(&kind).ok_or_else(|| bad("meeting kind", &kind))?,
        title: r.text(5)?,
        starts_at: r.ts(6)?,
        ends_at: r.ts(7)?,
        place: r.text(8)?,
        online_url: r.text(9)?,
        description: r.text(10)?,
        minutes: r.text(11)?,
        minutes_approved_at: r.opt_ts(12)?,
        minutes_approved_by: r.opt_text(13)?,
        cancelled_at: r.opt_ts(14)?,
        created_at: r.ts(15)?,
        version: r.i64(16)?,
    })
}

async fn get_meeting(c: &Conn, id: MeetingId) -> DomainResult<Meeting> {
    let sql = format!("{MEETING_SELECT} WHERE m.id = $1");
    c.opt(&sql, args![id.0], meeting).await?.ok_or(DomainError::NotFound("meeting"))
}

const AGENDA_SELECT: &str = "SELECT a.id, a.meeting_id, a.position, a.title, a.notes, a.idea_id, i.title, i.status, \
     a.decision_id FROM agenda_items a LEFT JOIN ideas i ON i.id = a.idea_id";

fn agenda_item(r: &Row<'_>) -> DomainResult<AgendaItem> {
    Ok(AgendaItem {
        id: AgendaItemId(r.i64(0)?),
        meeting_id: MeetingId(r.i64(1)?),
        position: r.i32(2)?,
        title: r.text(3)?,
        notes: r.text(4)?,
        idea_id: r.opt_i64(5)?.map(IdeaId),
        idea_title: r.opt_text(6)?,
        idea_status: r.opt_text(7)?.as_deref().map(status).transpose()?,
        decision_id: r.opt_i64(8)?.map(DecisionId),
    })
}

/// Puts an item at the end of a meeting's agenda; returns its id.
async fn insert_agenda_item(c: &Conn, id: MeetingId, item: &AgendaItemInput, at: Timestamp) -> DomainResult<i64> {
    c.int(
        "INSERT INTO agenda_items (meeting_id, position, title, notes, idea_id, decision_id, created_at) \
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE meeting_id = $1), \
         $2, $3, $4, $5, $6) RETURNING id",
        args![id.0, &item.title, &item.notes, item.idea_id.map(|i| i.0), item.decision_id.map(|d| d.0), at.as_second()],
    )
    .await
}

async fn agenda(c: &Conn, id: MeetingId) -> DomainResult<Vec<AgendaItem>> {
    let sql = format!("{AGENDA_SELECT} WHERE a.meeting_id = $1 ORDER BY a.position, a.id");
    c.all(&sql, args![id.0], agenda_item).await
}

/// The decisions' columns; a list of titles leaves out their texts.
fn decision_select(titles_only: bool) -> String {
    let texts = if titles_only { "'', ''" } else { "d.body, d.reason" };
    format!(
        "SELECT d.id, d.group_id, g.name, g.kind, d.meeting_id, m.title, d.title, {texts}, d.decided_at, d.decided_by, \
         u.name, o.name, (SELECT COUNT(*) FROM decision_ideas c WHERE c.decision_id = d.id) \
         FROM decisions d JOIN community_groups g ON g.id = d.group_id LEFT JOIN meetings m ON m.id = d.meeting_id \
         LEFT JOIN users u ON u.id = d.decided_by LEFT JOIN organizations o ON o.id = u.organization_id"
    )
}

fn decision(r: &Row<'_>) -> DomainResult<Decision> {
    let decided_by = match (r.opt_i64(10)?, r.opt_text(11)?) {
        (Some(id), Some(name)) => Some(PersonRef { id: UserId(id), name, org_name: r.opt_text(12)? }),
        _ => None,
    };
    Ok(Decision {
        id: DecisionId(r.i64(0)?),
        group_id: GroupId(r.i64(1)?),
        group_name: r.text(2)?,
        group_kind: group_kind(&r.text(3)?)?,
        meeting_id: r.opt_i64(4)?.map(MeetingId),
        meeting_title: r.opt_text(5)?,
        title: r.text(6)?,
        body: r.text(7)?,
        reason: r.text(8)?,
        decided_at: r.ts(9)?,
        decided_by,
        idea_count: r.i64(13)?,
        ideas: Vec::new(),
    })
}

async fn decisions(c: &Conn, filter: &DecisionFilter, one: Option<DecisionId>) -> DomainResult<Vec<Decision>> {
    let mut conditions: Vec<String> = Vec::new();
    let mut params: Vec<Arg<'_>> = Vec::new();
    let mut param = |value: i64| {
        params.push(value.into());
        format!("${}", params.len())
    };
    if let Some(id) = one {
        conditions.push(format!("d.id = {}", param(id.0)));
    }
    if let Some(group) = filter.group {
        conditions.push(format!("d.group_id = {}", param(group.0)));
    }
    if let Some(group) = filter.feed_of {
        let p = param(group.0);
        // One set of ids from two indexes (an OR on the joined table would read the decisions
        // newest first until it had found enough).
        conditions.push(format!(
            "d.id IN (SELECT id FROM decisions WHERE group_id = {p} \
             UNION SELECT decision_id FROM decision_presentations WHERE group_id = {p})"
        ));
    }
    if let Some(kind) = filter.group_kind {
        // An enum's own spelling: safe to write into the statement. As a subquery rather than
        // on the joined group, so that the newest decisions are read in the order of their index
        // instead of sorting every one of the kind (the start page asks for 5).
        conditions.push(format!("d.group_id IN (SELECT id FROM community_groups WHERE kind = '{}')", kind.as_str()));
    }
    if let Some(idea) = filter.idea {
        conditions.push(format!("d.id IN (SELECT decision_id FROM decision_ideas WHERE idea_id = {})", param(idea.0)));
    }
    if let Some(meeting) = filter.meeting {
        conditions.push(format!("d.meeting_id = {}", param(meeting.0)));
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
    let mut found = c.all(&sql, &params, decision).await?;
    if found.is_empty() || filter.titles_only {
        return Ok(found);
    }
    // The ideas of all listed decisions in one query (unless only their number is shown).
    let ids: Vec<Arg<'_>> = found.iter().map(|d| Arg::from(d.id.0)).collect();
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT di.decision_id, di.idea_id, i.title, di.move_kind FROM decision_ideas di \
         JOIN ideas i ON i.id = di.idea_id WHERE di.decision_id IN ({}) ORDER BY i.title",
        placeholders.join(", ")
    );
    let mut ideas: HashMap<i64, Vec<DecisionIdea>> = HashMap::new();
    for (decision, idea) in c
        .all(&sql, &ids, |r| {
            Ok((
                r.i64(0)?,
                DecisionIdea {
                    idea_id: IdeaId(r.i64(1)?),
                    title: r.text(2)?,
                    move_kind: r.opt_text(3)?.as_deref().and_then(MoveKind::parse),
                },
            ))
        })
        .await?
    {
        ideas.entry(decision).or_default().push(idea);
    }
    for d in &mut found {
        d.ideas = ideas.remove(&d.id.0).unwrap_or_default();
    }
    Ok(found)
}

#[async_trait]
impl MeetingStore for SqlStore {
    async fn insert_meeting(&self, new: NewMeeting<'_>, audit: AuditEntry) -> DomainResult<Meeting> {
        let input = new.input;
        self.db
            .write(|c| async move {
                let id = c
                    .int(
                        "INSERT INTO meetings (group_id, kind, title, starts_at, ends_at, place, online_url, description, \
                         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                        args![
                            new.group.0,
                            input.kind.as_str(),
                            &input.title,
                            input.starts_at.as_second(),
                            input.ends_at.as_second(),
                            &input.place,
                            &input.online_url,
                            &input.description,
                            new.created_by.0,
                            new.created_at.as_second()
                        ],
                    )
                    .await?;
                for (user, guest) in new.invited {
                    c.exec(
                        "INSERT INTO meeting_attendees (meeting_id, user_id, guest) VALUES ($1, $2, $3) \
                         ON CONFLICT DO NOTHING",
                        args![id, user.0, *guest],
                    )
                    .await?;
                }
                for (position, item) in new.agenda.iter().enumerate() {
                    c.exec(
                        "INSERT INTO agenda_items (meeting_id, position, title, notes, idea_id, decision_id, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        args![
                            id,
                            position as i64 + 1,
                            &item.title,
                            &item.notes,
                            item.idea_id.map(|i| i.0),
                            item.decision_id.map(|d| d.0),
                            new.created_at.as_second()
                        ],
                    )
                    .await?;
                }
                writes::notifications(&c, new.notification, Some(MeetingId(id)), None).await?;
                writes::audit(&c, &audit, Some(id)).await?;
                get_meeting(&c, MeetingId(id)).await
            })
            .await
    }

    async fn update_meeting(
        &self,
        id: MeetingId,
        expected_version: i64,
        input: &MeetingInput,
        cancel: Option<Timestamp>,
        carry: Option<(MeetingId, &[AgendaItemInput])>,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<Meeting> {
        self.db
            .write(|c| async move {
                let changed = c
                    .exec(
                        "UPDATE meetings SET kind = $1, title = $2, starts_at = $3, ends_at = $4, place = $5, \
                         online_url = $6, description = $7, cancelled_at = COALESCE($8, cancelled_at), \
                         version = version + 1 WHERE id = $9 AND version = $10",
                        args![
                            input.kind.as_str(),
                            &input.title,
                            input.starts_at.as_second(),
                            input.ends_at.as_second(),
                            &input.place,
                            &input.online_url,
                            &input.description,
                            cancel.map(|c| c.as_second()),
                            id.0,
                            expected_version
                        ],
                    )
                    .await?;
                if changed == 0 {
                    return Err(DomainError::Conflict("stale_version"));
                }
                if let Some((to, items)) = carry {
                    for item in items {
                        insert_agenda_item(&c, to, item, audit.at).await?;
                    }
                }
                writes::notifications(&c, notification, None, None).await?;
                writes::audit(&c, &audit, Some(id.0)).await?;
                get_meeting(&c, id).await
            })
            .await
    }

    async fn get_meeting(&self, id: MeetingId) -> DomainResult<Option<Meeting>> {
        let sql = format!("{MEETING_SELECT} WHERE m.id = $1");
        self.db.read(|c| async move { c.opt(&sql, args![id.0], meeting).await }).await
    }

    async fn list_meetings(&self, filter: &MeetingFilter) -> DomainResult<Vec<Meeting>> {
        // Only the conditions asked for, so that the planner can use the indexes.
        let mut conditions: Vec<String> = Vec::new();
        let mut params: Vec<Arg<'_>> = Vec::new();
        let mut param = |value: i64| {
            params.push(value.into());
            format!("${}", params.len())
        };
        if let Some(group) = filter.group {
            conditions.push(format!("m.group_id = {}", param(group.0)));
        }
        if let Some(user) = filter.invited {
            conditions
                .push(format!("m.id IN (SELECT meeting_id FROM meeting_attendees WHERE user_id = {})", param(user.0)));
        }
        if let Some(at) = filter.ends_after {
            conditions.push(format!("m.ends_at > {}", param(at.as_second())));
        }
        if let Some(at) = filter.starts_before {
            conditions.push(format!("m.starts_at < {}", param(at.as_second())));
        }
        if !filter.include_cancelled {
            conditions.push("m.cancelled_at IS NULL".into());
        }
        // Written into the statement, as for decisions (see `decisions`).
        let limit = filter.limit.max(1);
        let order = if filter.newest_first { "m.starts_at DESC, m.id DESC" } else { "m.starts_at, m.id" };
        let sql = format!(
            "{MEETING_SELECT} {} {} ORDER BY {order} LIMIT {limit}",
            if conditions.is_empty() { "" } else { "WHERE" },
            conditions.join(" AND ")
        );
        self.db.read(|c| async move { c.all(&sql, &params, meeting).await }).await
    }

    async fn meeting_attendees(&self, id: MeetingId) -> DomainResult<Vec<Attendee>> {
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT a.user_id, u.name, o.name, a.guest, a.attended FROM meeting_attendees a \
                     JOIN users u ON u.id = a.user_id LEFT JOIN organizations o ON o.id = u.organization_id \
                     WHERE a.meeting_id = $1 ORDER BY a.guest, u.name",
                    args![id.0],
                    |r| {
                        Ok(Attendee {
                            user_id: UserId(r.i64(0)?),
                            name: r.text(1)?,
                            org_name: r.opt_text(2)?,
                            group_name: None,
                            guest: r.bool(3)?,
                            attended: r.opt_i64(4)?.map(|v| v != 0),
                        })
                    },
                )
                .await
            })
            .await
    }

    async fn invite_to_meeting(
        &self,
        id: MeetingId,
        user: UserId,
        guest: bool,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                c.exec(
                    "INSERT INTO meeting_attendees (meeting_id, user_id, guest) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    args![id.0, user.0, guest],
                )
                .await?;
                writes::notifications(&c, notification, None, None).await?;
                writes::audit(&c, &audit, Some(id.0)).await
            })
            .await
    }

    async fn record_attendance(&self, id: MeetingId, attended: &[UserId], audit: AuditEntry) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                c.exec("UPDATE meeting_attendees SET attended = FALSE WHERE meeting_id = $1", args![id.0]).await?;
                for user in attended {
                    c.exec(
                        "UPDATE meeting_attendees SET attended = TRUE WHERE meeting_id = $1 AND user_id = $2",
                        args![id.0, user.0],
                    )
                    .await?;
                }
                writes::audit(&c, &audit, Some(id.0)).await
            })
            .await
    }

    async fn agenda(&self, id: MeetingId) -> DomainResult<Vec<AgendaItem>> {
        self.db.read(|c| async move { agenda(&c, id).await }).await
    }

    async fn add_agenda_item(
        &self,
        id: MeetingId,
        item: &AgendaItemInput,
        audit: AuditEntry,
    ) -> DomainResult<AgendaItem> {
        self.db
            .write(|c| async move {
                let item_id = insert_agenda_item(&c, id, item, audit.at).await?;
                writes::audit(&c, &audit, Some(id.0)).await?;
                let sql = format!("{AGENDA_SELECT} WHERE a.id = $1");
                c.opt(&sql, args![item_id], agenda_item).await?.ok_or(DomainError::NotFound("agenda_item"))
            })
            .await
    }

    async fn remove_agenda_item(&self, id: MeetingId, item: AgendaItemId, audit: AuditEntry) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                let changed =
                    c.exec("DELETE FROM agenda_items WHERE id = $1 AND meeting_id = $2", args![item.0, id.0]).await?;
                if changed == 0 {
                    return Err(DomainError::NotFound("agenda_item"));
                }
                writes::audit(&c, &audit, Some(id.0)).await
            })
            .await
    }

    async fn move_agenda_item(&self, id: MeetingId, item: AgendaItemId, up: bool) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                let items = agenda(&c, id).await?;
                let Some(index) = items.iter().position(|i| i.id == item) else {
                    return Err(DomainError::NotFound("agenda_item"));
                };
                let other = if up { index.checked_sub(1) } else { Some(index + 1).filter(|i| *i < items.len()) };
                let Some(other) = other else { return Ok(()) };
                // Positions are renumbered 1..n in the new order, so that ties from earlier edits vanish.
                let mut order: Vec<AgendaItemId> = items.iter().map(|i| i.id).collect();
                order.swap(index, other);
                for (position, item) in order.iter().enumerate() {
                    c.exec(
                        "UPDATE agenda_items SET position = $1 WHERE id = $2 AND meeting_id = $3",
                        args![position as i64 + 1, item.0, id.0],
                    )
                    .await?;
                }
                Ok(())
            })
            .await
    }

    async fn set_minutes(
        &self,
        id: MeetingId,
        minutes: &str,
        approve: Option<(UserId, Timestamp)>,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<Meeting> {
        self.db
            .write(|c| async move {
                let current = c
                    .opt(
                        "SELECT minutes, minutes_approved_at, minutes_approved_by FROM meetings WHERE id = $1",
                        args![id.0],
                        |r| Ok((r.text(0)?, r.opt_i64(1)?, r.opt_i64(2)?)),
                    )
                    .await?;
                let Some((old, approved_at, approved_by)) = current else {
                    return Err(DomainError::NotFound("meeting"));
                };
                // Changed minutes need a new approval; unchanged ones keep theirs.
                let (approved_at, approved_by) = match approve {
                    Some((by, at)) => (Some(at.as_second()), Some(by.0)),
                    None if old == minutes => (approved_at, approved_by),
                    None => (None, None),
                };
                c.exec(
                    "UPDATE meetings SET minutes = $1, minutes_approved_at = $2, minutes_approved_by = $3, \
                     version = version + 1 WHERE id = $4",
                    args![minutes, approved_at, approved_by, id.0],
                )
                .await?;
                writes::notifications(&c, notification, None, None).await?;
                writes::audit(&c, &audit, Some(id.0)).await?;
                get_meeting(&c, id).await
            })
            .await
    }

    async fn next_meetings(&self, groups: &[GroupId], now: Timestamp) -> DomainResult<Vec<(GroupId, MeetingId)>> {
        if groups.is_empty() {
            return Ok(Vec::new());
        }
        let mut params: Vec<Arg<'_>> = vec![now.as_second().into()];
        params.extend(groups.iter().map(|g| Arg::from(g.0)));
        let placeholders: Vec<String> = (2..=params.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT m.group_id, MIN(m.id) FROM meetings m WHERE m.group_id IN ({}) AND m.starts_at > $1 \
             AND m.cancelled_at IS NULL AND m.starts_at = (SELECT MIN(m2.starts_at) FROM meetings m2 \
             WHERE m2.group_id = m.group_id AND m2.starts_at > $1 AND m2.cancelled_at IS NULL) GROUP BY m.group_id",
            placeholders.join(", ")
        );
        self.db
            .read(|c| async move { c.all(&sql, &params, |r| Ok((GroupId(r.i64(0)?), MeetingId(r.i64(1)?)))).await })
            .await
    }

    async fn insert_decision(&self, new: NewDecision<'_>, audit: AuditEntry) -> DomainResult<DecisionId> {
        self.db
            .write(|c| async move {
                let at = new.decided_at.as_second();
                let id = c
                    .int(
                        "INSERT INTO decisions (group_id, meeting_id, title, body, reason, decided_at, decided_by, \
                         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $6) RETURNING id",
                        args![
                            new.group.0,
                            new.meeting.map(|m| m.0),
                            new.title,
                            new.body,
                            new.reason,
                            at,
                            new.decided_by.0
                        ],
                    )
                    .await?;
                let decision = DecisionId(id);
                for (idea, kind) in new.ideas {
                    c.exec(
                        "INSERT INTO decision_ideas (decision_id, idea_id, move_kind) VALUES ($1, $2, $3)",
                        args![id, idea.0, kind.map(|k| k.as_str())],
                    )
                    .await?;
                }
                let mut placed = Vec::new();
                let mut ranked = false;
                for mv in new.moves {
                    if writes::idea_state(&c, mv.idea, mv.expected_version, &mv.state, mv.event.at).await? == 0 {
                        return Err(DomainError::Conflict("stale_version"));
                    }
                    writes::idea_event(&c, mv.idea, &mv.event, new.meeting, Some(decision)).await?;
                    writes::notifications(&c, &mv.notification, None, None).await?;
                    ranked |= mv.state.rank.is_some();
                    if let (idespor_domain::idea::MoveKind::Prioritize, Some(rank)) = (mv.event.kind, mv.state.rank) {
                        placed.push((mv.idea, rank));
                    }
                }
                if ranked {
                    writes::settle_ranks(&c, &placed).await?;
                }
                for group in new.publish_to {
                    c.exec(
                        "INSERT INTO decision_presentations (decision_id, group_id) VALUES ($1, $2)",
                        args![id, group.0],
                    )
                    .await?;
                }
                let item = AgendaItemInput {
                    title: new.title.to_string(),
                    notes: String::new(),
                    idea_id: None,
                    decision_id: Some(decision),
                };
                for meeting in new.agenda_on {
                    insert_agenda_item(&c, *meeting, &item, new.decided_at).await?;
                }
                writes::notifications(&c, new.notification, None, Some(decision)).await?;
                if let Some(round) = new.publishes_round {
                    let changed = c
                        .exec(
                            "UPDATE rounds SET decision_id = $1 WHERE id = $2 AND decision_id IS NULL",
                            args![id, round],
                        )
                        .await?;
                    if changed == 0 {
                        return Err(DomainError::Conflict("round_published"));
                    }
                }
                writes::audit(&c, &audit, Some(id)).await?;
                Ok(decision)
            })
            .await
    }

    async fn get_decision(&self, id: DecisionId) -> DomainResult<Option<Decision>> {
        self.db
            .read(|c| async move { Ok(decisions(&c, &DecisionFilter::default(), Some(id)).await?.into_iter().next()) })
            .await
    }

    async fn list_decisions(&self, filter: &DecisionFilter) -> DomainResult<Vec<Decision>> {
        self.db.read(|c| async move { decisions(&c, filter, None).await }).await
    }

    async fn presentations(
        &self,
        decision: Option<DecisionId>,
        group: Option<GroupId>,
        pending_only: bool,
    ) -> DomainResult<Vec<Presentation>> {
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT p.decision_id, d.title, d.decided_at, p.group_id, g.name, p.presented_at, u.name, \
                     p.meeting_id FROM decision_presentations p JOIN decisions d ON d.id = p.decision_id \
                     JOIN community_groups g ON g.id = p.group_id LEFT JOIN users u ON u.id = p.presented_by \
                     WHERE ($1 IS NULL OR p.decision_id = $1) AND ($2 IS NULL OR p.group_id = $2) \
                     AND ($3 = 0 OR p.presented_at IS NULL) ORDER BY d.decided_at, d.id, g.name",
                    args![decision.map(|d| d.0), group.map(|g| g.0), i64::from(pending_only)],
                    |r| {
                        Ok(Presentation {
                            decision_id: DecisionId(r.i64(0)?),
                            decision_title: r.text(1)?,
                            decided_at: r.ts(2)?,
                            group_id: GroupId(r.i64(3)?),
                            group_name: r.text(4)?,
                            presented_at: r.opt_ts(5)?,
                            presented_by: r.opt_text(6)?,
                            meeting_id: r.opt_i64(7)?.map(MeetingId),
                        })
                    },
                )
                .await
            })
            .await
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
        self.db
            .write(|c| async move {
                let changed = c
                    .exec(
                        "UPDATE decision_presentations SET presented_at = $1, presented_by = $2, meeting_id = $3 \
                         WHERE decision_id = $4 AND group_id = $5 AND presented_at IS NULL",
                        args![at.as_second(), by.0, meeting.map(|m| m.0), decision.0, group.0],
                    )
                    .await?;
                if changed > 0 {
                    writes::audit(&c, &audit, Some(decision.0)).await?;
                }
                Ok(changed > 0)
            })
            .await
    }

    async fn group_outcomes(&self, group: GroupId) -> DomainResult<Vec<IdeaOutcome>> {
        // The latest event of each idea names the decision and the level that made the move.
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT i.id, i.title, i.status, i.resolution, i.status_changed_at, r.version, i.merged_into, \
                     mi.title, e.decision_id, d.title, fg.kind, i.resolution_code \
                     FROM ideas i LEFT JOIN releases r ON r.id = i.release_id LEFT JOIN ideas mi ON mi.id = i.merged_into \
                     LEFT JOIN idea_events e ON e.id = (SELECT MAX(e2.id) FROM idea_events e2 WHERE e2.idea_id = i.id) \
                     LEFT JOIN decisions d ON d.id = e.decision_id \
                     LEFT JOIN community_groups fg ON fg.id = e.from_group_id \
                     WHERE i.erfa_group_id = $1 AND i.status <> 'draft' ORDER BY i.status_changed_at DESC, i.id DESC",
                    args![group.0],
                    |r| {
                        Ok(IdeaOutcome {
                            idea_id: IdeaId(r.i64(0)?),
                            title: r.text(1)?,
                            status: status(&r.text(2)?)?,
                            resolution: r.text(3)?,
                            status_changed_at: r.ts(4)?,
                            release: r.opt_text(5)?,
                            merged_into: r.opt_i64(6)?.map(IdeaId),
                            merged_into_title: r.opt_text(7)?,
                            decision_id: r.opt_i64(8)?.map(DecisionId),
                            decision_title: r.opt_text(9)?,
                            decided_by_level: r.opt_text(10)?.as_deref().and_then(GroupKind::parse),
                            resolution_code: r.opt_text(11)?,
                        })
                    },
                )
                .await
            })
            .await
    }
}
