//! Housekeeping: the retention job's removals and the sign-in history.

use crate::sql::args;
use crate::store::SqlStore;
use async_trait::async_trait;
use idespor_domain::retention::{Cutoffs, JOB, Removed, RetentionRun};
use idespor_domain::store::HousekeepingStore;
use idespor_domain::{DomainResult, UserId};
use jiff::Timestamp;

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
                    sessions: c
                        .exec("DELETE FROM sessions WHERE expires_at <= $1", args![cutoffs.now.as_second()])
                        .await?,
                    invitations: c
                        .exec(
                            "DELETE FROM invitations WHERE expires_at <= $1 OR used_at IS NOT NULL",
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
