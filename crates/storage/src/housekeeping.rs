//! Housekeeping: the retention job's removals and the sign-in history.

use crate::rows::bad;
use crate::sql::{Conn, Row, args};
use crate::store::SqlStore;
use async_trait::async_trait;
use idespor_domain::privacy::{DataExport, ExportStatus};
use idespor_domain::retention::{Cutoffs, JOB, Removed, RetentionRun};
use idespor_domain::store::HousekeepingStore;
use idespor_domain::{DomainResult, UserId};
use jiff::Timestamp;
use serde_json::{Map, Value, json};

/// How a column of a personal-data section is read into JSON.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    OptText,
    Int,
    OptInt,
    Bool,
    Time,
    OptTime,
}

fn cell(r: &Row<'_>, i: usize, kind: Kind) -> DomainResult<Value> {
    Ok(match kind {
        Kind::Text => json!(r.text(i)?),
        Kind::OptText => json!(r.opt_text(i)?),
        Kind::Int => json!(r.i64(i)?),
        Kind::OptInt => json!(r.opt_i64(i)?),
        Kind::Bool => json!(r.bool(i)?),
        Kind::Time => json!(r.ts(i)?.to_string()),
        Kind::OptTime => json!(r.opt_ts(i)?.map(|t| t.to_string())),
    })
}

/// One section of a person's data: the query's rows as JSON objects, the columns named.
async fn section(c: &Conn, sql: &str, user: i64, columns: &[(&str, Kind)]) -> DomainResult<Value> {
    let rows = c
        .all(sql, args![user], |r| {
            let mut record = Map::new();
            for (i, (name, kind)) in columns.iter().enumerate() {
                record.insert((*name).to_string(), cell(r, i, *kind)?);
            }
            Ok(Value::Object(record))
        })
        .await?;
    Ok(Value::Array(rows))
}

fn export(r: &Row<'_>) -> DomainResult<DataExport> {
    let status = r.text(1)?;
    Ok(DataExport {
        id: r.i64(0)?,
        status: ExportStatus::parse(&status).ok_or_else(|| bad("export status", &status))?,
        requested_at: r.ts(2)?,
        ready_at: r.opt_ts(3)?,
        expires_at: r.ts(4)?,
    })
}

const EXPORT_COLUMNS: &str = "id, status, requested_at, ready_at, expires_at";

#[async_trait]
impl HousekeepingStore for SqlStore {
    async fn apply_retention(&self, period: &str, cutoffs: &Cutoffs) -> DomainResult<Option<Removed>> {
        let cutoffs = *cutoffs;
        self.db
            .write(|c| async move {
                // The run's row first: a second node's insert of the same period waits for this
                // transaction (PostgreSQL) or for the write lock (SQLite), then inserts nothing.
                let claimed = c
                    .exec(
                        "INSERT INTO job_runs (job, period, started_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (job, period) DO NOTHING",
                        args![JOB, period, cutoffs.now.as_second()],
                    )
                    .await?;
                if claimed == 0 {
                    return Ok(None);
                }
                let removed = Removed {
                    // Sessions, sign-ins that waited for their code in vain, and sign-ins that
                    // never came back from a provider.
                    sessions: c
                        .exec("DELETE FROM sessions WHERE expires_at <= $1", args![cutoffs.now.as_second()])
                        .await?
                        + c.exec("DELETE FROM pending_sign_ins WHERE expires_at <= $1", args![cutoffs.now.as_second()])
                            .await?
                        + c.exec("DELETE FROM sso_attempts WHERE expires_at <= $1", args![cutoffs.now.as_second()])
                            .await?,
                    // Invitation links and password links ("Glemt adgangskode") alike; a password
                    // link's mail row goes with it.
                    invitations: c
                        .exec(
                            "DELETE FROM invitations WHERE expires_at <= $1 OR used_at IS NOT NULL",
                            args![cutoffs.now.as_second()],
                        )
                        .await?
                        + c.exec(
                            "DELETE FROM password_resets WHERE expires_at <= $1 OR used_at IS NOT NULL",
                            args![cutoffs.now.as_second()],
                        )
                        .await?,
                    sign_in_failures: c
                        .exec("DELETE FROM login_failures WHERE at < $1", args![cutoffs.sign_in_failures.as_second()])
                        .await?,
                    sign_ins: c
                        .exec("DELETE FROM sign_ins WHERE at < $1", args![cutoffs.sign_in_history.as_second()])
                        .await?,
                    // Unread ones wait for their reader, however old.
                    notifications: c
                        .exec(
                            "DELETE FROM notifications WHERE read_at IS NOT NULL AND read_at < $1",
                            args![cutoffs.read_notifications.as_second()],
                        )
                        .await?,
                    // The delivery record stays; what the mail said (its subject, an error that
                    // may quote an address) goes. Mail still waiting to go out keeps its subject.
                    mail_subjects: c
                        .exec(
                            "UPDATE outbox SET subject = NULL, last_error = NULL \
                             WHERE (subject IS NOT NULL OR last_error IS NOT NULL) AND created_at < $1 \
                             AND status IN ('sent', 'failed')",
                            args![cutoffs.sent_mail.as_second()],
                        )
                        .await?,
                    audit_entries: c
                        .exec("DELETE FROM audit_log WHERE at < $1", args![cutoffs.audit.as_second()])
                        .await?,
                    exports: c
                        .exec(
                            "DELETE FROM data_exports WHERE expires_at <= $1 OR status = 'used'",
                            args![cutoffs.now.as_second()],
                        )
                        .await?,
                };
                let details = serde_json::to_string(&removed).unwrap_or_else(|_| "{}".into());
                c.exec("UPDATE job_runs SET details = $1 WHERE job = $2 AND period = $3", args![&details, JOB, period])
                    .await?;
                Ok(Some(removed))
            })
            .await
    }

    async fn retention_runs(&self, limit: i64) -> DomainResult<Vec<RetentionRun>> {
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT period, started_at, details FROM job_runs WHERE job = $1 \
                     ORDER BY started_at DESC, period DESC LIMIT $2",
                    args![JOB, limit],
                    |r| {
                        Ok(RetentionRun {
                            period: r.text(0)?,
                            started_at: r.ts(1)?,
                            removed: serde_json::from_str(&r.text(2)?).unwrap_or_default(),
                        })
                    },
                )
                .await
            })
            .await
    }

    async fn request_export(&self, user: UserId, now: Timestamp, expires: Timestamp) -> DomainResult<DataExport> {
        self.db
            .write(|c| async move {
                // One that ran out is no longer open: it makes way for the new one.
                c.exec(
                    "DELETE FROM data_exports WHERE user_id = $1 AND expires_at <= $2",
                    args![user.0, now.as_second()],
                )
                .await?;
                c.exec(
                    "INSERT INTO data_exports (user_id, status, requested_at, expires_at) VALUES ($1, 'queued', $2, $3) \
                     ON CONFLICT (user_id) WHERE status <> 'used' DO NOTHING",
                    args![user.0, now.as_second(), expires.as_second()],
                )
                .await?;
                let sql = format!(
                    "SELECT {EXPORT_COLUMNS} FROM data_exports WHERE user_id = $1 \
                     AND status IN ('queued', 'building', 'ready')"
                );
                c.opt(&sql, args![user.0], export).await?.ok_or_else(|| bad("export", "missing after insert"))
            })
            .await
    }

    async fn current_export(&self, user: UserId, now: Timestamp) -> DomainResult<Option<DataExport>> {
        self.db
            .read(|c| async move {
                let sql = format!(
                    "SELECT {EXPORT_COLUMNS} FROM data_exports WHERE user_id = $1 \
                     AND status IN ('queued', 'building', 'ready') AND expires_at > $2"
                );
                c.opt(&sql, args![user.0, now.as_second()], export).await
            })
            .await
    }

    async fn claim_export(&self, now: Timestamp, stale_before: Timestamp) -> DomainResult<Option<(i64, UserId)>> {
        self.db
            .write(|c| async move {
                let Some((id, user)) = c
                    .opt(
                        "SELECT id, user_id FROM data_exports WHERE (status = 'queued' \
                         OR (status = 'building' AND claimed_at < $1)) AND expires_at > $2 \
                         ORDER BY requested_at, id LIMIT 1",
                        args![stale_before.as_second(), now.as_second()],
                        |r| Ok((r.i64(0)?, r.i64(1)?)),
                    )
                    .await?
                else {
                    return Ok(None);
                };
                // Claimed only if still claimable: another node that got here first wins.
                let claimed = c
                    .exec(
                        "UPDATE data_exports SET status = 'building', claimed_at = $1 WHERE id = $2 \
                         AND (status = 'queued' OR (status = 'building' AND claimed_at < $3))",
                        args![now.as_second(), id, stale_before.as_second()],
                    )
                    .await?;
                Ok((claimed == 1).then_some((id, UserId(user))))
            })
            .await
    }

    async fn personal_data(&self, user: UserId) -> DomainResult<Map<String, Value>> {
        use Kind::*;
        self.db
            .read(|c| async move {
                let u = user.0;
                let mut data = Map::new();
                let sections: [(&str, &str, &[(&str, Kind)]); 14] = [
                    (
                        "profile",
                        "SELECT u.id, u.name, u.email, o.name, u.language, u.is_admin, u.is_moderator, u.active, u.created_at \
                         FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1",
                        &[("id", Int), ("name", Text), ("email", Text), ("organization", OptText), ("language", Text),
                          ("administrator", Bool), ("moderator", Bool), ("active", Bool), ("created_at", Time)],
                    ),
                    (
                        "memberships",
                        "SELECT g.id, g.name, m.role FROM group_members m JOIN community_groups g ON g.id = m.group_id \
                         WHERE m.user_id = $1 ORDER BY g.id",
                        &[("group_id", Int), ("group", Text), ("role", Text)],
                    ),
                    (
                        "ideas",
                        "SELECT id, title, role, situation, need, effect, status, created_at FROM ideas \
                         WHERE author_id = $1 ORDER BY id",
                        &[("id", Int), ("title", Text), ("role", Text), ("situation", Text), ("need", Text),
                          ("effect", Text), ("status", Text), ("created_at", Time)],
                    ),
                    (
                        "idea_revisions",
                        "SELECT r.idea_id, r.version, r.title, r.role, r.situation, r.need, r.effect, r.replaced_at \
                         FROM idea_revisions r WHERE r.replaced_by = $1 ORDER BY r.idea_id, r.version",
                        &[("idea_id", Int), ("version", Int), ("title", Text), ("role", Text), ("situation", Text),
                          ("need", Text), ("effect", Text), ("replaced_at", Time)],
                    ),
                    (
                        "comments",
                        "SELECT id, idea_id, body, created_at, edited_at FROM comments WHERE author_id = $1 ORDER BY id",
                        &[("id", Int), ("idea_id", Int), ("body", Text), ("created_at", Time), ("edited_at", OptTime)],
                    ),
                    (
                        "supports",
                        "SELECT s.idea_id, i.title, s.at FROM idea_supports s JOIN ideas i ON i.id = s.idea_id \
                         WHERE s.user_id = $1 ORDER BY s.idea_id",
                        &[("idea_id", Int), ("title", Text), ("at", Time)],
                    ),
                    (
                        "follows",
                        "SELECT f.idea_id, i.title, f.at FROM idea_followers f JOIN ideas i ON i.id = f.idea_id \
                         WHERE f.user_id = $1 ORDER BY f.idea_id",
                        &[("idea_id", Int), ("title", Text), ("at", Time)],
                    ),
                    (
                        "ballots",
                        "SELECT b.round_id, r.title, b.voter_label, b.cast_at FROM ballots b \
                         JOIN rounds r ON r.id = b.round_id WHERE b.cast_by = $1 ORDER BY b.round_id",
                        &[("round_id", Int), ("round", Text), ("voter", Text), ("cast_at", Time)],
                    ),
                    (
                        "notifications",
                        "SELECT id, kind, idea_id, meeting_id, decision_id, created_at, read_at FROM notifications \
                         WHERE user_id = $1 ORDER BY id",
                        &[("id", Int), ("kind", Text), ("idea_id", OptInt), ("meeting_id", OptInt),
                          ("decision_id", OptInt), ("created_at", Time), ("read_at", OptTime)],
                    ),
                    (
                        "preferences",
                        "SELECT kind, cadence FROM notification_preferences WHERE user_id = $1 ORDER BY kind",
                        &[("kind", Text), ("cadence", Text)],
                    ),
                    (
                        "sign_ins",
                        "SELECT at FROM sign_ins WHERE user_id = $1 ORDER BY at",
                        &[("at", Time)],
                    ),
                    (
                        "api_tokens",
                        "SELECT name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY id",
                        &[("name", Text), ("created_at", Time), ("last_used_at", OptTime), ("revoked_at", OptTime)],
                    ),
                    (
                        "sso_identities",
                        "SELECT provider, subject, created_at, last_sign_in_at FROM sso_identities WHERE user_id = $1 \
                         ORDER BY provider",
                        &[("provider", Text), ("subject", Text), ("created_at", Time), ("last_sign_in_at", Time)],
                    ),
                    (
                        "audit",
                        "SELECT at, action, entity, entity_id FROM audit_log WHERE actor_id = $1 ORDER BY id",
                        &[("at", Time), ("action", Text), ("entity", Text), ("entity_id", OptInt)],
                    ),
                ];
                for (name, sql, columns) in sections {
                    data.insert(name.to_string(), section(&c, sql, u, columns).await?);
                }
                Ok(data)
            })
            .await
    }

    async fn finish_export(&self, id: i64, data: &str, now: Timestamp) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                c.exec(
                    "UPDATE data_exports SET status = 'ready', ready_at = $1, data = $2 WHERE id = $3 AND status = 'building'",
                    args![now.as_second(), data, id],
                )
                .await
                .map(|_| ())
            })
            .await
    }

    async fn take_export(&self, id: i64, user: UserId, now: Timestamp) -> DomainResult<Option<String>> {
        self.db
            .write(|c| async move {
                let data = c
                    .opt(
                        "SELECT data FROM data_exports WHERE id = $1 AND user_id = $2 AND status = 'ready' \
                         AND expires_at > $3",
                        args![id, user.0, now.as_second()],
                        |r| r.opt_text(0),
                    )
                    .await?
                    .flatten();
                let Some(data) = data else { return Ok(None) };
                // Only one download takes it: a second, at the same moment, finds it used.
                let taken = c
                    .exec(
                        "UPDATE data_exports SET status = 'used', data = NULL WHERE id = $1 AND status = 'ready'",
                        args![id],
                    )
                    .await?;
                Ok((taken == 1).then_some(data))
            })
            .await
    }

    async fn sign_ins(&self, user: UserId, limit: i64) -> DomainResult<Vec<Timestamp>> {
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT at FROM sign_ins WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
                    args![user.0, limit],
                    |r| r.ts(0),
                )
                .await
            })
            .await
    }
}
