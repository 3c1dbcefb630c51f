//! Two-step sign-in on SQLite and PostgreSQL.

use crate::sql::args;
use crate::store::SqlStore;
use crate::writes;
use async_trait::async_trait;
use idespor_domain::audit::AuditEntry;
use idespor_domain::store::TwoFactorStore;
use idespor_domain::two_factor::TwoFactor;
use idespor_domain::{DomainError, DomainResult, UserId};
use jiff::Timestamp;

#[async_trait]
impl TwoFactorStore for SqlStore {
    async fn two_factor(&self, user: UserId) -> DomainResult<Option<TwoFactor>> {
        self.db
            .read(|c| async move {
                c.opt(
                    "SELECT t.secret, t.confirmed_at, t.last_step, \
                     (SELECT COUNT(*) FROM recovery_codes r WHERE r.user_id = t.user_id AND r.used_at IS NULL) \
                     FROM two_factor t WHERE t.user_id = $1",
                    args![user.0],
                    |r| {
                        Ok(TwoFactor {
                            secret: r.text(0)?,
                            confirmed_at: r.opt_ts(1)?,
                            last_step: r.i64(2)?,
                            recovery_codes_left: r.i64(3)?,
                        })
                    },
                )
                .await
            })
            .await
    }

    async fn start_two_factor(&self, user: UserId, secret: &str, at: Timestamp) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                let on = c
                    .int(
                        "SELECT COUNT(*) FROM two_factor WHERE user_id = $1 AND confirmed_at IS NOT NULL",
                        args![user.0],
                    )
                    .await?;
                if on > 0 {
                    return Err(DomainError::Conflict("two_factor_already_on"));
                }
                c.exec("DELETE FROM two_factor WHERE user_id = $1", args![user.0]).await?;
                c.exec(
                    "INSERT INTO two_factor (user_id, secret, created_at) VALUES ($1, $2, $3)",
                    args![user.0, secret, at.as_second()],
                )
                .await?;
                Ok(())
            })
            .await
    }

    async fn confirm_two_factor(
        &self,
        user: UserId,
        step: i64,
        recovery_hashes: &[String],
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                let changed = c
                    .exec(
                        "UPDATE two_factor SET confirmed_at = $1, last_step = $2 WHERE user_id = $3 AND confirmed_at IS NULL",
                        args![audit.at.as_second(), step, user.0],
                    )
                    .await?;
                if changed == 0 {
                    return Err(DomainError::Conflict("two_factor_already_on"));
                }
                c.exec("DELETE FROM recovery_codes WHERE user_id = $1", args![user.0]).await?;
                for hash in recovery_hashes {
                    c.exec("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)", args![user.0, hash]).await?;
                }
                writes::audit(&c, &audit, Some(user.0)).await
            })
            .await
    }

    async fn disable_two_factor(&self, user: UserId, audit: AuditEntry) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                c.exec("DELETE FROM two_factor WHERE user_id = $1", args![user.0]).await?;
                c.exec("DELETE FROM recovery_codes WHERE user_id = $1", args![user.0]).await?;
                writes::audit(&c, &audit, Some(user.0)).await
            })
            .await
    }

    async fn use_code_step(&self, user: UserId, step: i64) -> DomainResult<bool> {
        self.db
            .write(|c| async move {
                let changed = c
                    .exec(
                        "UPDATE two_factor SET last_step = $1 WHERE user_id = $2 AND last_step < $1 \
                         AND confirmed_at IS NOT NULL",
                        args![step, user.0],
                    )
                    .await?;
                Ok(changed == 1)
            })
            .await
    }

    async fn use_recovery_code(&self, user: UserId, hash: &str, at: Timestamp) -> DomainResult<bool> {
        self.db
            .write(|c| async move {
                let changed = c
                    .exec(
                        "UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
                        args![at.as_second(), user.0, hash],
                    )
                    .await?;
                Ok(changed == 1)
            })
            .await
    }

    async fn create_pending_sign_in(
        &self,
        hash: &str,
        user: UserId,
        at: Timestamp,
        expires: Timestamp,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                c.exec(
                    "INSERT INTO pending_sign_ins (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                    args![hash, user.0, at.as_second(), expires.as_second()],
                )
                .await?;
                Ok(())
            })
            .await
    }

    async fn pending_sign_in(&self, hash: &str, now: Timestamp) -> DomainResult<Option<UserId>> {
        self.db
            .read(|c| async move {
                c.opt(
                    "SELECT p.user_id FROM pending_sign_ins p JOIN users u ON u.id = p.user_id \
                     WHERE p.token_hash = $1 AND p.expires_at > $2 AND u.active = TRUE",
                    args![hash, now.as_second()],
                    |r| Ok(UserId(r.i64(0)?)),
                )
                .await
            })
            .await
    }

    async fn end_pending_sign_in(&self, hash: &str) -> DomainResult<bool> {
        self.db
            .write(|c| async move {
                Ok(c.exec("DELETE FROM pending_sign_ins WHERE token_hash = $1", args![hash]).await? == 1)
            })
            .await
    }
}
