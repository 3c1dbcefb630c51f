//! Writes that several areas make inside their own transactions: the audit entry of a change,
//! the notifications it causes (and the mail of those who want it at once), and an idea's move
//! (its new state, the event in its history, its search terms).

use crate::sql::{Conn, args};
use idespor_domain::DomainResult;
use idespor_domain::audit::AuditEntry;
use idespor_domain::idea::NewEvent;
use idespor_domain::idea::journey::JourneyState;
use idespor_domain::notify::{NewNotification, Subject};
use idespor_domain::{DecisionId, IdeaId, MeetingId};
use jiff::Timestamp;

/// Writes the audit entry of a change; its entity id, if the entry has none, is `entity_id`
/// (known only once the row is written).
/// Makes a person a member of a group with a role, or changes their role there.
pub(crate) async fn set_member(
    c: &Conn,
    group: i64,
    user: i64,
    role: idespor_domain::group::GroupRole,
) -> DomainResult<()> {
    c.exec(
        "INSERT INTO group_members (group_id, user_id, role) VALUES ($1, $2, $3) \
         ON CONFLICT (group_id, user_id) DO UPDATE SET role = excluded.role",
        args![group, user, role.as_str()],
    )
    .await?;
    Ok(())
}

/// A new session (from a provider, when one is named), and the sign-in it begins in the
/// person's history.
pub(crate) async fn session(
    c: &Conn,
    id_hash: &str,
    user: i64,
    created: Timestamp,
    expires: Timestamp,
    provider: Option<&str>,
) -> DomainResult<()> {
    c.exec(
        "INSERT INTO sessions (id_hash, user_id, created_at, expires_at, sso_provider) VALUES ($1, $2, $3, $4, $5)",
        args![id_hash, user, created.as_second(), expires.as_second(), provider],
    )
    .await?;
    c.exec("INSERT INTO sign_ins (user_id, at) VALUES ($1, $2)", args![user, created.as_second()]).await?;
    Ok(())
}

pub(crate) async fn audit(c: &Conn, audit: &AuditEntry, entity_id: Option<i64>) -> DomainResult<()> {
    let details = audit.details.to_string();
    c.exec(
        "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, details) VALUES ($1, $2, $3, $4, $5, $6)",
        args![
            audit.at.as_second(),
            audit.actor.map(|a| a.0),
            audit.action,
            audit.entity,
            audit.entity_id.or(entity_id),
            &details
        ],
    )
    .await?;
    Ok(())
}

/// How many notification rows one multi-row `INSERT` writes (a tovholdergruppe decision
/// reaches everyone in every erfagruppe; ten columns each keeps a statement under SQLite's
/// 32,766 parameters).
const NOTIFICATION_BATCH: usize = 500;

/// Writes one notification per recipient, and an outbox row for each recipient who wants it by
/// e-mail at once. `meeting` and `decision` give the ids of a meeting or decision written in
/// the same transaction (their ids were not known when the notification was made).
pub(crate) async fn notifications(
    c: &Conn,
    n: &NewNotification,
    meeting: Option<MeetingId>,
    decision: Option<DecisionId>,
) -> DomainResult<()> {
    let (idea_id, meeting_id, decision_id, change): (Option<i64>, Option<i64>, Option<i64>, Option<&str>) =
        match n.subject {
            Subject::Idea(id) => (Some(id.0), None, None, None),
            Subject::Meeting(id, change) => (None, meeting.map(|m| m.0).or(Some(id.0)), None, Some(change.as_str())),
            Subject::Decision(id) => (None, None, decision.map(|d| d.0).or(id.map(|d| d.0)), None),
            // The person is the notification's actor.
            Subject::Person(_) => (None, None, None, None),
        };
    let columns = "INSERT INTO notifications (user_id, kind, idea_id, actor_id, move_kind, to_status, created_at, \
                   meeting_id, decision_id, change) VALUES ";
    let batch: Vec<i64> = n.recipients.iter().filter(|u| !n.email_now.contains(u)).map(|u| u.0).collect();
    for chunk in batch.chunks(NOTIFICATION_BATCH) {
        let mut sql = String::with_capacity(columns.len() + chunk.len() * 48);
        sql.push_str(columns);
        let mut values = Vec::with_capacity(chunk.len() * 10);
        for (row, user) in chunk.iter().enumerate() {
            if row > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for col in 0..10 {
                if col > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!("${}", row * 10 + col + 1));
            }
            sql.push(')');
            values.extend_from_slice(args![
                *user,
                n.kind.as_str(),
                idea_id,
                n.actor.map(|a| a.0),
                n.move_kind.map(|k| k.as_str()),
                n.to_status.map(|s| s.as_str()),
                n.at.as_second(),
                meeting_id,
                decision_id,
                change
            ]);
        }
        c.exec(&sql, &values).await?;
    }
    for user in n.email_now.iter().filter(|u| n.recipients.contains(u)) {
        let id = c
            .int(
                "INSERT INTO notifications (user_id, kind, idea_id, actor_id, move_kind, to_status, created_at, \
                 meeting_id, decision_id, change) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                args![
                    user.0,
                    n.kind.as_str(),
                    idea_id,
                    n.actor.map(|a| a.0),
                    n.move_kind.map(|k| k.as_str()),
                    n.to_status.map(|s| s.as_str()),
                    n.at.as_second(),
                    meeting_id,
                    decision_id,
                    change
                ],
            )
            .await?;
        let key = format!("notification:{id}");
        c.exec(
            "INSERT INTO outbox (dedupe_key, user_id, kind, notification_id, status, attempts, next_attempt_at, created_at) \
             VALUES ($1, $2, 'notification', $3, 'queued', 0, $4, $4)",
            args![&key, user.0, id, n.at.as_second()],
        )
        .await?;
    }
    Ok(())
}

/// Moves an idea to a new journey state if it still has the expected version; the number of
/// rows changed (none: the idea moved on meanwhile).
pub(crate) async fn idea_state(
    c: &Conn,
    id: IdeaId,
    expected_version: i64,
    state: &JourneyState,
    at: Timestamp,
) -> DomainResult<u64> {
    let review = state.review_date.map(|d| d.to_string());
    c.exec(
        "UPDATE ideas SET status = $1, erfa_group_id = $2, holder_group_id = $3, return_status = $4, \
         return_holder_id = $5, rank = $6, release_id = $7, merged_into = $8, resolution = $9, review_date = $10, \
         version = version + 1, status_changed_at = $11, resolution_code = $14 WHERE id = $12 AND version = $13",
        args![
            state.status.as_str(),
            state.erfa_group.map(|g| g.0),
            state.holder.map(|g| g.0),
            state.return_status.map(|s| s.as_str()),
            state.return_holder.map(|g| g.0),
            state.rank,
            state.release.map(|r| r.0),
            state.merged_into.map(|i| i.0),
            &state.resolution,
            review.as_deref(),
            at.as_second(),
            id.0,
            expected_version,
            state.resolution_code.as_deref()
        ],
    )
    .await
}

/// Appends an event to an idea's history, with the meeting and decision when a group's
/// decision made the move. It also records when and by which move the idea entered the status
/// it now leaves, so the figures count stage times from the moves alone.
pub(crate) async fn idea_event(
    c: &Conn,
    idea: IdeaId,
    event: &NewEvent,
    meeting: Option<MeetingId>,
    decision: Option<DecisionId>,
) -> DomainResult<()> {
    let details = event.details.to_string();
    c.exec(
        "INSERT INTO idea_events (idea_id, at, actor_id, kind, from_status, to_status, from_group_id, to_group_id, \
         reason, details, meeting_id, decision_id, since_at, since_kind) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
         (SELECT p.at FROM idea_events p WHERE p.idea_id = $1 ORDER BY p.id DESC LIMIT 1), \
         (SELECT p.kind FROM idea_events p WHERE p.idea_id = $1 ORDER BY p.id DESC LIMIT 1))",
        args![
            idea.0,
            event.at.as_second(),
            event.actor.map(|a| a.0),
            event.kind.as_str(),
            event.from_status.map(|s| s.as_str()),
            event.to_status.as_str(),
            event.from_group.map(|g| g.0),
            event.to_group.map(|g| g.0),
            &event.reason,
            &details,
            meeting.map(|m| m.0),
            decision.map(|d| d.0)
        ],
    )
    .await?;
    Ok(())
}

/// Replaces an idea's search terms (stem, weight), and moves the search generation on (ranked
/// results kept for the earlier terms are no longer used).
pub(crate) async fn terms(c: &Conn, idea: IdeaId, terms: &[(String, i32)]) -> DomainResult<()> {
    c.exec("UPDATE search_generation SET generation = generation + 1 WHERE id = 1", &[]).await?;
    c.exec("DELETE FROM idea_terms WHERE idea_id = $1", args![idea.0]).await?;
    for (term, weight) in terms {
        c.exec("INSERT INTO idea_terms (idea_id, term, weight) VALUES ($1, $2, $3)", args![idea.0, term, *weight])
            .await?;
    }
    Ok(())
}

/// Keeps the tovholdergruppe's priority list one order (see `idespor_domain::idea::priority`):
/// the ideas placed (a move that prioritizes, a published round) take their places, the others
/// move down, ideas that reached a final status leave and close their gaps; ranks are written
/// 1, 2, 3, … wherever they changed. One list for everyone: on PostgreSQL a transaction lock
/// makes two placements at once wait for each other (SQLite's write transaction already does).
pub(crate) async fn settle_ranks(c: &Conn, placements: &[(IdeaId, i32)]) -> DomainResult<()> {
    if c.is_postgres() {
        c.exec("SELECT pg_advisory_xact_lock(7001)", &[]).await?;
    }
    let ranked: Vec<(i64, i64, String)> = c
        .all("SELECT id, rank, status FROM ideas WHERE rank IS NOT NULL ORDER BY rank, id", &[], |r| {
            Ok((r.i64(0)?, r.i64(1)?, r.text(2)?))
        })
        .await?;
    let is_final = |status: &str| idespor_domain::idea::IdeaStatus::parse(status).is_some_and(|s| s.is_final());
    let list: Vec<IdeaId> = ranked.iter().map(|(id, _, _)| IdeaId(*id)).collect();
    let leaving: Vec<IdeaId> = ranked.iter().filter(|(_, _, s)| is_final(s)).map(|(id, _, _)| IdeaId(*id)).collect();
    let order = idespor_domain::idea::priority::place(&list, placements, &leaving);
    let stored: std::collections::HashMap<i64, i64> = ranked.iter().map(|(id, rank, _)| (*id, *rank)).collect();
    for (place, id) in order.iter().enumerate() {
        let rank = place as i64 + 1;
        if stored.get(&id.0) != Some(&rank) {
            c.exec("UPDATE ideas SET rank = $1 WHERE id = $2", args![rank, id.0]).await?;
        }
    }
    for id in leaving {
        c.exec("UPDATE ideas SET rank = NULL WHERE id = $1", args![id.0]).await?;
    }
    Ok(())
}
