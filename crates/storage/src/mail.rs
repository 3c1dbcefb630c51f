//! Mail: notification preferences, digests and their contents, the outbox, and the secrets and
//! generations behind signed links.

use crate::db::Backend;
use crate::notifications::{IDEA_AUTHOR_COLUMN, NOTIFICATION_SELECT, notification};
use crate::rows::bad;
use crate::sql::{Arg, Row, args};
use crate::store::SqlStore;
use crate::writes;
use async_trait::async_trait;
use idespor_domain::audit::AuditEntry;
use idespor_domain::mail::{Cadence, DigestKind, OutboxKind, OutboxMessage, OutboxStatus};
use idespor_domain::notify::NotificationKind;
use idespor_domain::store::{DigestItem, MailStore};
use idespor_domain::{DomainResult, NotificationId, OrgId, OutboxId, UserId};
use jiff::Timestamp;
use std::collections::HashSet;

const OUTBOX_SELECT: &str = "SELECT o.id, o.kind, o.user_id, u.email, u.name, o.notification_id, o.period_start, \
     o.period_end, o.status, o.attempts, o.next_attempt_at, o.last_error, o.subject, o.created_at, o.sent_at, \
     o.password_reset_id \
     FROM outbox o LEFT JOIN users u ON u.id = o.user_id";

fn outbox_message(r: &Row<'_>) -> DomainResult<OutboxMessage> {
    let (kind, status) = (r.text(1)?, r.text(8)?);
    Ok(OutboxMessage {
        id: OutboxId(r.i64(0)?),
        kind: OutboxKind::parse(&kind).ok_or_else(|| bad("outbox kind", &kind))?,
        user_id: r.opt_i64(2)?.map(UserId),
        to_address: r.opt_text(3)?,
        to_name: r.opt_text(4)?,
        notification_id: r.opt_i64(5)?.map(NotificationId),
        period_start: r.opt_ts(6)?,
        period_end: r.opt_ts(7)?,
        status: OutboxStatus::parse(&status).ok_or_else(|| bad("outbox status", &status))?,
        attempts: r.i64(9)?,
        next_attempt_at: r.ts(10)?,
        last_error: r.opt_text(11)?,
        subject: r.opt_text(12)?,
        created_at: r.ts(13)?,
        sent_at: r.opt_ts(14)?,
        password_reset_id: r.opt_i64(15)?,
    })
}

/// `$first, $first+1, …` for `n` bound values.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

#[async_trait]
impl MailStore for SqlStore {
    async fn preferences(&self, user: UserId) -> DomainResult<Vec<(NotificationKind, Cadence)>> {
        let rows = self
            .db
            .read(|c| async move {
                c.all("SELECT kind, cadence FROM notification_preferences WHERE user_id = $1", args![user.0], |r| {
                    Ok((r.text(0)?, r.text(1)?))
                })
                .await
            })
            .await?;
        Ok(rows.into_iter().filter_map(|(k, c)| Some((NotificationKind::parse(&k)?, Cadence::parse(&c)?))).collect())
    }

    async fn set_preferences(
        &self,
        user: UserId,
        prefs: &[(NotificationKind, Cadence)],
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                for (kind, cadence) in prefs {
                    c.exec(
                        "INSERT INTO notification_preferences (user_id, kind, cadence) VALUES ($1, $2, $3) \
                         ON CONFLICT (user_id, kind) DO UPDATE SET cadence = excluded.cadence",
                        args![user.0, kind.as_str(), cadence.as_str()],
                    )
                    .await?;
                }
                writes::audit(&c, &audit, Some(user.0)).await
            })
            .await
    }

    async fn users_with_cadence(
        &self,
        kind: NotificationKind,
        cadence: Cadence,
        users: &[UserId],
    ) -> DomainResult<Vec<UserId>> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        self.db
            .read(|c| async move {
                let mut found = Vec::new();
                // Chunks keep the statement short for a decision that reaches thousands of people.
                for chunk in users.chunks(1000) {
                    let op = if cadence == Cadence::DEFAULT { "<>" } else { "=" };
                    let sql = format!(
                        "SELECT user_id FROM notification_preferences WHERE kind = $1 AND cadence {op} $2 \
                         AND user_id IN ({})",
                        placeholders(3, chunk.len())
                    );
                    let mut params: Vec<Arg<'_>> = vec![kind.as_str().into(), cadence.as_str().into()];
                    params.extend(chunk.iter().map(|u| Arg::from(u.0)));
                    let rows = c.ints(&sql, &params).await?;
                    if cadence == Cadence::DEFAULT {
                        // Those who chose nothing else keep the default.
                        let other: HashSet<i64> = rows.into_iter().collect();
                        found.extend(chunk.iter().filter(|u| !other.contains(&u.0)));
                    } else {
                        found.extend(rows.into_iter().map(UserId));
                    }
                }
                Ok(found)
            })
            .await
    }

    async fn instance_secret(&self, name: &str, candidate: &str) -> DomainResult<String> {
        self.db
            .write(|c| async move {
                c.exec(
                    "INSERT INTO instance_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
                    args![name, candidate],
                )
                .await?;
                c.one("SELECT value FROM instance_secrets WHERE name = $1", args![name], |r| r.text(0)).await
            })
            .await
    }

    async fn feed_generation(&self, user: UserId) -> DomainResult<i64> {
        self.db
            .read(|c| async move {
                let found =
                    c.opt("SELECT generation FROM feed_keys WHERE user_id = $1", args![user.0], |r| r.i64(0)).await?;
                Ok(found.unwrap_or(0))
            })
            .await
    }

    async fn new_feed_generation(&self, user: UserId, audit: AuditEntry) -> DomainResult<i64> {
        self.db
            .write(|c| async move {
                let generation = c
                    .int(
                        "INSERT INTO feed_keys (user_id, generation) VALUES ($1, 1) \
                         ON CONFLICT (user_id) DO UPDATE SET generation = feed_keys.generation + 1 RETURNING generation",
                        args![user.0],
                    )
                    .await?;
                writes::audit(&c, &audit, Some(user.0)).await?;
                Ok(generation)
            })
            .await
    }

    async fn enqueue_digests(
        &self,
        kind: DigestKind,
        key: &str,
        start: Timestamp,
        end: Timestamp,
        now: Timestamp,
    ) -> DomainResult<u64> {
        // One row per person with news of this cadence in the period; the unique key makes a
        // second run (or another process) add nothing.
        self.db
            .write(|c| async move {
                c.exec(
                    "INSERT INTO outbox (dedupe_key, user_id, kind, period_start, period_end, status, attempts, \
                     next_attempt_at, created_at) \
                     SELECT CAST($1 AS TEXT) || ':' || CAST(u.id AS TEXT), u.id, $2, $3, $4, 'queued', 0, $5, $5 \
                     FROM users u WHERE u.active = TRUE AND u.id IN (SELECT n.user_id FROM notifications n \
                     LEFT JOIN notification_preferences p ON p.user_id = n.user_id AND p.kind = n.kind \
                     WHERE n.created_at >= $3 AND n.created_at < $4 AND COALESCE(p.cadence, $6) = $7) \
                     ON CONFLICT (dedupe_key) DO NOTHING",
                    args![
                        key,
                        kind.as_str(),
                        start.as_second(),
                        end.as_second(),
                        now.as_second(),
                        Cadence::DEFAULT.as_str(),
                        kind.cadence().as_str()
                    ],
                )
                .await
            })
            .await
    }

    async fn claim_outbox(
        &self,
        now: Timestamp,
        locked_until: Timestamp,
        limit: i64,
        max_attempts: i64,
    ) -> DomainResult<Vec<OutboxMessage>> {
        // PostgreSQL: rows another process is claiming are skipped, not waited for. SQLite: the
        // write transaction serializes the claims.
        let lock = if self.db.backend() == Backend::Postgres { "FOR UPDATE SKIP LOCKED" } else { "" };
        // A claim that ran out after the last attempt: its sender never answered (it stopped,
        // or the mail made it crash), so it fails where an operator sees it.
        let exhausted = format!(
            "UPDATE outbox SET status = 'failed', locked_until = NULL, \
             last_error = 'no answer from the sender after the last attempt' WHERE id IN \
             (SELECT id FROM outbox WHERE status = 'sending' AND locked_until < $1 AND attempts >= $2 {lock})"
        );
        let claim = format!(
            "UPDATE outbox SET status = 'sending', locked_until = $2, attempts = attempts + 1 WHERE id IN \
             (SELECT id FROM outbox WHERE (status = 'queued' AND next_attempt_at <= $1) \
             OR (status = 'sending' AND locked_until < $1 AND attempts < $4) ORDER BY id LIMIT $3 {lock}) \
             RETURNING id"
        );
        let ids = self
            .db
            .write(|c| async move {
                c.exec(&exhausted, args![now.as_second(), max_attempts]).await?;
                c.ints(&claim, args![now.as_second(), locked_until.as_second(), limit, max_attempts]).await
            })
            .await?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!("{OUTBOX_SELECT} WHERE o.id IN ({}) ORDER BY o.id", placeholders(1, ids.len()));
        let params: Vec<Arg<'_>> = ids.iter().map(|id| Arg::from(*id)).collect();
        self.db.read(|c| async move { c.all(&sql, &params, outbox_message).await }).await
    }

    async fn outbox_sent(&self, id: OutboxId, subject: &str, at: Timestamp) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                c.exec(
                    "UPDATE outbox SET status = 'sent', sent_at = $1, subject = $2, locked_until = NULL, \
                     last_error = NULL WHERE id = $3 AND status = 'sending'",
                    args![at.as_second(), subject, id],
                )
                .await
                .map(|_| ())
            })
            .await
    }

    async fn outbox_failed(&self, id: OutboxId, error: &str, next: Option<Timestamp>) -> DomainResult<()> {
        let error: String = error.chars().take(1000).collect();
        self.db
            .write(|c| async move {
                match next {
                    Some(next) => {
                        c.exec(
                            "UPDATE outbox SET status = 'queued', next_attempt_at = $1, last_error = $2, \
                             locked_until = NULL WHERE id = $3 AND status = 'sending'",
                            args![next.as_second(), &error, id],
                        )
                        .await?
                    }
                    None => {
                        c.exec(
                            "UPDATE outbox SET status = 'failed', last_error = $1, locked_until = NULL \
                             WHERE id = $2 AND status = 'sending'",
                            args![&error, id],
                        )
                        .await?
                    }
                };
                Ok(())
            })
            .await
    }

    async fn list_outbox(&self, status: Option<OutboxStatus>, limit: i64) -> DomainResult<Vec<OutboxMessage>> {
        let sql = format!("{OUTBOX_SELECT} WHERE ($1 IS NULL OR o.status = $1) ORDER BY o.id DESC LIMIT $2");
        self.db
            .read(|c| async move { c.all(&sql, args![status.map(|s| s.as_str()), limit], outbox_message).await })
            .await
    }

    async fn outbox_counts(&self) -> DomainResult<Vec<(OutboxStatus, i64)>> {
        let rows = self
            .db
            .read(|c| async move {
                c.all("SELECT status, COUNT(*) FROM outbox GROUP BY status", &[], |r| Ok((r.text(0)?, r.i64(1)?))).await
            })
            .await?;
        Ok(OutboxStatus::ALL
            .into_iter()
            .map(|s| (s, rows.iter().find(|(r, _)| r == s.as_str()).map_or(0, |(_, n)| *n)))
            .collect())
    }

    async fn retry_outbox(&self, id: OutboxId, now: Timestamp, audit: AuditEntry) -> DomainResult<bool> {
        self.db
            .write(|c| async move {
                let changed = c
                    .exec(
                        "UPDATE outbox SET status = 'queued', next_attempt_at = $1, locked_until = NULL \
                         WHERE id = $2 AND status IN ('failed', 'queued')",
                        args![now.as_second(), id],
                    )
                    .await?;
                if changed > 0 {
                    writes::audit(&c, &audit, Some(id.0)).await?;
                }
                Ok(changed > 0)
            })
            .await
    }

    async fn digest_notifications(
        &self,
        user: UserId,
        org: Option<OrgId>,
        start: Timestamp,
        end: Timestamp,
        cadence: Cadence,
    ) -> DomainResult<Vec<DigestItem>> {
        let sql = format!(
            "{NOTIFICATION_SELECT} LEFT JOIN notification_preferences p ON p.user_id = n.user_id AND p.kind = n.kind \
             WHERE n.user_id = $1 AND n.created_at >= $2 AND n.created_at < $3 AND COALESCE(p.cadence, $4) = $5 \
             ORDER BY n.id"
        );
        self.db
            .read(|c| async move {
                let items = c
                    .all(
                        &sql,
                        args![user.0, start.as_second(), end.as_second(), Cadence::DEFAULT.as_str(), cadence.as_str()],
                        |r| Ok((notification(r)?, r.opt_i64(IDEA_AUTHOR_COLUMN)?)),
                    )
                    .await?;
                let idea_ids: Vec<i64> = items.iter().filter_map(|(n, _)| n.idea_id.map(|i| i.0)).collect();
                let supported: HashSet<i64> = match org {
                    Some(org) if !idea_ids.is_empty() => {
                        let sql = format!(
                            "SELECT DISTINCT idea_id FROM idea_supports WHERE organization_id = $1 AND idea_id IN ({})",
                            placeholders(2, idea_ids.len())
                        );
                        let mut params: Vec<Arg<'_>> = vec![org.0.into()];
                        params.extend(idea_ids.iter().map(|i| Arg::from(*i)));
                        c.ints(&sql, &params).await?.into_iter().collect()
                    }
                    _ => HashSet::new(),
                };
                Ok(items
                    .into_iter()
                    .map(|(notification, author)| DigestItem {
                        idea_is_mine: author == Some(user.0),
                        idea_supported_by_my_org: notification.idea_id.is_some_and(|i| supported.contains(&i.0)),
                        notification,
                    })
                    .collect())
            })
            .await
    }
}
