//! Notification preferences, the e-mail outbox, digests' contents, and installation secrets.

use crate::db::{Backend, BeginWrite, id_list, map_err, with_db};
use crate::ideas::{NOTIFICATION_SELECT, NotificationRow, bad};
use crate::rows::ts;
use crate::store_impl::{SqlStore, write_audit};
use idespor_domain::audit::AuditEntry;
use idespor_domain::mail::{Cadence, DigestKind, OutboxKind, OutboxMessage, OutboxStatus};
use idespor_domain::notify::{Notification, NotificationKind};
use idespor_domain::store::DigestItem;
use idespor_domain::{DomainResult, OrgId, UserId};
use jiff::Timestamp;
use std::collections::HashSet;

const OUTBOX_SELECT: &str = "SELECT o.id, o.kind, o.user_id, u.email, u.name, o.notification_id, o.period_start, \
     o.period_end, o.status, o.attempts, o.next_attempt_at, o.last_error, o.subject, o.created_at, o.sent_at \
     FROM outbox o LEFT JOIN users u ON u.id = o.user_id";

#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: i64,
    kind: String,
    user_id: Option<i64>,
    email: Option<String>,
    name: Option<String>,
    notification_id: Option<i64>,
    period_start: Option<i64>,
    period_end: Option<i64>,
    status: String,
    attempts: i64,
    next_attempt_at: i64,
    last_error: Option<String>,
    subject: Option<String>,
    created_at: i64,
    sent_at: Option<i64>,
}

impl OutboxRow {
    fn into_domain(self) -> DomainResult<OutboxMessage> {
        Ok(OutboxMessage {
            id: self.id,
            kind: OutboxKind::parse(&self.kind).ok_or_else(|| bad("outbox kind", &self.kind))?,
            user_id: self.user_id.map(UserId),
            to_address: self.email,
            to_name: self.name,
            notification_id: self.notification_id,
            period_start: self.period_start.map(ts),
            period_end: self.period_end.map(ts),
            status: OutboxStatus::parse(&self.status).ok_or_else(|| bad("outbox status", &self.status))?,
            attempts: self.attempts,
            next_attempt_at: ts(self.next_attempt_at),
            last_error: self.last_error,
            subject: self.subject,
            created_at: ts(self.created_at),
            sent_at: self.sent_at.map(ts),
        })
    }
}

impl SqlStore {
    pub(crate) async fn mail_preferences(&self, user: UserId) -> DomainResult<Vec<(NotificationKind, Cadence)>> {
        let rows: Vec<(String, String)> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT kind, cadence FROM notification_preferences WHERE user_id = $1",
        )
        .bind(user.0)
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        Ok(rows.into_iter().filter_map(|(k, c)| Some((NotificationKind::parse(&k)?, Cadence::parse(&c)?))).collect())
    }

    pub(crate) async fn mail_set_preferences(
        &self,
        user: UserId,
        prefs: &[(NotificationKind, Cadence)],
        audit: AuditEntry,
    ) -> DomainResult<()> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            for (kind, cadence) in prefs {
                sqlx::query(
                    "INSERT INTO notification_preferences (user_id, kind, cadence) VALUES ($1, $2, $3) \
                     ON CONFLICT (user_id, kind) DO UPDATE SET cadence = excluded.cadence",
                )
                .bind(user.0)
                .bind(kind.as_str())
                .bind(cadence.as_str())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            }
            write_audit!(tx, audit, Some(user.0));
            tx.commit().await.map_err(map_err)?;
        });
        Ok(())
    }

    pub(crate) async fn mail_users_with_cadence(
        &self,
        kind: NotificationKind,
        cadence: Cadence,
        users: &[UserId],
    ) -> DomainResult<Vec<UserId>> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let mut found = Vec::new();
        // Chunks keep the statement short for a decision that reaches thousands of people.
        for chunk in users.chunks(1000) {
            let op = if cadence == Cadence::DEFAULT { "<>" } else { "=" };
            let sql = format!(
                "SELECT user_id FROM notification_preferences WHERE kind = $1 AND cadence {op} $2 AND user_id IN ({})",
                id_list(chunk.iter().map(|u| u.0))
            );
            let rows: Vec<i64> = with_db!(self.db(), pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(kind.as_str())
                .bind(cadence.as_str())
                .fetch_all(pool)
                .await)
            .map_err(map_err)?;
            if cadence == Cadence::DEFAULT {
                // Those who chose nothing else keep the default.
                let other: HashSet<i64> = rows.into_iter().collect();
                found.extend(chunk.iter().filter(|u| !other.contains(&u.0)));
            } else {
                found.extend(rows.into_iter().map(UserId));
            }
        }
        Ok(found)
    }

    pub(crate) async fn mail_instance_secret(&self, name: &str, candidate: &str) -> DomainResult<String> {
        with_db!(self.db(), pool => {
            sqlx::query("INSERT INTO instance_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
                .bind(name)
                .bind(candidate)
                .execute(pool)
                .await
                .map_err(map_err)?;
            sqlx::query_scalar("SELECT value FROM instance_secrets WHERE name = $1")
                .bind(name)
                .fetch_one(pool)
                .await
                .map_err(map_err)
        })
    }

    pub(crate) async fn mail_feed_generation(&self, user: UserId) -> DomainResult<i64> {
        let row: Option<i64> =
            with_db!(self.db(), pool => sqlx::query_scalar("SELECT generation FROM feed_keys WHERE user_id = $1")
            .bind(user.0)
            .fetch_optional(pool)
            .await)
            .map_err(map_err)?;
        Ok(row.unwrap_or(0))
    }

    pub(crate) async fn mail_new_feed_generation(&self, user: UserId, audit: AuditEntry) -> DomainResult<i64> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let generation: i64 = sqlx::query_scalar(
                "INSERT INTO feed_keys (user_id, generation) VALUES ($1, 1) \
                 ON CONFLICT (user_id) DO UPDATE SET generation = feed_keys.generation + 1 RETURNING generation",
            )
            .bind(user.0)
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
            write_audit!(tx, audit, Some(user.0));
            tx.commit().await.map_err(map_err)?;
            Ok(generation)
        })
    }

    pub(crate) async fn mail_enqueue_digests(
        &self,
        kind: DigestKind,
        key: &str,
        start: Timestamp,
        end: Timestamp,
        now: Timestamp,
    ) -> DomainResult<u64> {
        // One row per person with news of this cadence in the period; the unique key makes a
        // second run (or another process) add nothing.
        let sql = "INSERT INTO outbox (dedupe_key, user_id, kind, period_start, period_end, status, attempts, next_attempt_at, created_at) \
             SELECT CAST($1 AS TEXT) || ':' || CAST(u.id AS TEXT), u.id, $2, $3, $4, 'queued', 0, $5, $5 FROM users u \
             WHERE u.active = TRUE AND u.id IN (SELECT n.user_id FROM notifications n \
             LEFT JOIN notification_preferences p ON p.user_id = n.user_id AND p.kind = n.kind \
             WHERE n.created_at >= $3 AND n.created_at < $4 AND COALESCE(p.cadence, $6) = $7) \
             ON CONFLICT (dedupe_key) DO NOTHING";
        let done = with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let done = sqlx::query(sql)
                .bind(key)
                .bind(kind.as_str())
                .bind(start.as_second())
                .bind(end.as_second())
                .bind(now.as_second())
                .bind(Cadence::DEFAULT.as_str())
                .bind(kind.cadence().as_str())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            tx.commit().await.map_err(map_err)?;
            done.rows_affected()
        });
        Ok(done)
    }

    pub(crate) async fn mail_claim(
        &self,
        now: Timestamp,
        locked_until: Timestamp,
        limit: i64,
    ) -> DomainResult<Vec<OutboxMessage>> {
        // PostgreSQL: rows another process is claiming are skipped, not waited for. SQLite:
        // the write transaction serializes the claims.
        let lock = if self.db().backend() == Backend::Postgres { "FOR UPDATE SKIP LOCKED" } else { "" };
        let sql = format!(
            "UPDATE outbox SET status = 'sending', locked_until = $2, attempts = attempts + 1 WHERE id IN \
             (SELECT id FROM outbox WHERE (status = 'queued' AND next_attempt_at <= $1) OR (status = 'sending' AND locked_until < $1) \
             ORDER BY id LIMIT $3 {lock}) RETURNING id"
        );
        let ids: Vec<i64> = with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let ids: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(now.as_second())
                .bind(locked_until.as_second())
                .bind(limit)
                .fetch_all(&mut *tx)
                .await
                .map_err(map_err)?;
            tx.commit().await.map_err(map_err)?;
            ids
        });
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!("{OUTBOX_SELECT} WHERE o.id IN ({}) ORDER BY o.id", id_list(ids));
        let rows: Vec<OutboxRow> =
            with_db!(self.db(), pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)
                .map_err(map_err)?;
        rows.into_iter().map(OutboxRow::into_domain).collect()
    }

    pub(crate) async fn mail_sent(&self, id: i64, subject: &str, at: Timestamp) -> DomainResult<()> {
        with_db!(self.db(), pool => sqlx::query(
            "UPDATE outbox SET status = 'sent', sent_at = $1, subject = $2, locked_until = NULL, last_error = NULL WHERE id = $3 AND status = 'sending'",
        )
        .bind(at.as_second())
        .bind(subject)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ()))
        .map_err(map_err)
    }

    pub(crate) async fn mail_failed(&self, id: i64, error: &str, next: Option<Timestamp>) -> DomainResult<()> {
        let error: String = error.chars().take(1000).collect();
        with_db!(self.db(), pool => match next {
            Some(next) => sqlx::query(
                "UPDATE outbox SET status = 'queued', next_attempt_at = $1, last_error = $2, locked_until = NULL WHERE id = $3 AND status = 'sending'",
            )
            .bind(next.as_second())
            .bind(&error)
            .bind(id)
            .execute(pool)
            .await
            .map(|_| ()),
            None => sqlx::query("UPDATE outbox SET status = 'failed', last_error = $1, locked_until = NULL WHERE id = $2 AND status = 'sending'")
                .bind(&error)
                .bind(id)
                .execute(pool)
                .await
                .map(|_| ()),
        })
        .map_err(map_err)
    }

    pub(crate) async fn mail_list(&self, status: Option<OutboxStatus>, limit: i64) -> DomainResult<Vec<OutboxMessage>> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{OUTBOX_SELECT} WHERE ($1 IS NULL OR o.status = $1) ORDER BY o.id DESC LIMIT $2"
        ));
        let rows: Vec<OutboxRow> = with_db!(self.db(), pool => sqlx::query_as(sql)
            .bind(status.map(|s| s.as_str()))
            .bind(limit)
            .fetch_all(pool)
            .await)
        .map_err(map_err)?;
        rows.into_iter().map(OutboxRow::into_domain).collect()
    }

    pub(crate) async fn mail_counts(&self) -> DomainResult<Vec<(OutboxStatus, i64)>> {
        let rows: Vec<(String, i64)> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT status, COUNT(*) FROM outbox GROUP BY status",
        )
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        Ok(OutboxStatus::ALL
            .into_iter()
            .map(|s| (s, rows.iter().find(|(r, _)| r == s.as_str()).map_or(0, |(_, n)| *n)))
            .collect())
    }

    pub(crate) async fn mail_retry(&self, id: i64, now: Timestamp, audit: AuditEntry) -> DomainResult<bool> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let done = sqlx::query(
                "UPDATE outbox SET status = 'queued', next_attempt_at = $1, locked_until = NULL WHERE id = $2 AND status IN ('failed', 'queued')",
            )
            .bind(now.as_second())
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            if done.rows_affected() > 0 {
                write_audit!(tx, audit, Some(id));
            }
            tx.commit().await.map_err(map_err)?;
            Ok(done.rows_affected() > 0)
        })
    }

    pub(crate) async fn mail_get_notification(&self, id: i64) -> DomainResult<Option<(UserId, Notification)>> {
        let sql = sqlx::AssertSqlSafe(format!("{NOTIFICATION_SELECT} WHERE n.id = $1"));
        let row: Option<NotificationRow> =
            with_db!(self.db(), pool => sqlx::query_as(sql).bind(id).fetch_optional(pool).await).map_err(map_err)?;
        row.map(|r| {
            let user = UserId(r.user_id);
            r.into_domain().map(|n| (user, n))
        })
        .transpose()
    }

    pub(crate) async fn mail_digest_notifications(
        &self,
        user: UserId,
        org: Option<OrgId>,
        start: Timestamp,
        end: Timestamp,
        cadence: Cadence,
    ) -> DomainResult<Vec<DigestItem>> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{NOTIFICATION_SELECT} LEFT JOIN notification_preferences p ON p.user_id = n.user_id AND p.kind = n.kind \
             WHERE n.user_id = $1 AND n.created_at >= $2 AND n.created_at < $3 AND COALESCE(p.cadence, $4) = $5 ORDER BY n.id"
        ));
        let rows: Vec<NotificationRow> = with_db!(self.db(), pool => sqlx::query_as(sql)
            .bind(user.0)
            .bind(start.as_second())
            .bind(end.as_second())
            .bind(Cadence::DEFAULT.as_str())
            .bind(cadence.as_str())
            .fetch_all(pool)
            .await)
        .map_err(map_err)?;
        let idea_ids: Vec<i64> = rows.iter().filter_map(|r| r.idea_id).collect();
        let supported: HashSet<i64> = match org {
            Some(org) if !idea_ids.is_empty() => {
                let sql = format!(
                    "SELECT DISTINCT idea_id FROM idea_supports WHERE organization_id = $1 AND idea_id IN ({})",
                    id_list(idea_ids)
                );
                let ids: Vec<i64> = with_db!(self.db(), pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                    .bind(org.0)
                    .fetch_all(pool)
                    .await)
                .map_err(map_err)?;
                ids.into_iter().collect()
            }
            _ => HashSet::new(),
        };
        rows.into_iter()
            .map(|r| {
                let mine = r.idea_author_id == Some(user.0);
                let supported = r.idea_id.is_some_and(|i| supported.contains(&i));
                Ok(DigestItem {
                    notification: r.into_domain()?,
                    idea_is_mine: mine,
                    idea_supported_by_my_org: supported,
                })
            })
            .collect()
    }
}
