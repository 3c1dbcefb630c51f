//! Single sign-on on SQLite and PostgreSQL.

use crate::accounts::{get_user, insert_user_row};
use crate::rows::{ORG_COLUMNS, organization};
use crate::sql::args;
use crate::store::SqlStore;
use crate::writes;
use async_trait::async_trait;
use idespor_domain::audit::AuditEntry;
use idespor_domain::notify::NewNotification;
use idespor_domain::org::Organization;
use idespor_domain::sso::SsoAttempt;
use idespor_domain::store::{LinkedIdentity, SsoStore};
use idespor_domain::user::{User, UserAdminInput};
use idespor_domain::{DomainError, DomainResult, OrgId, UserId};
use jiff::Timestamp;

/// An identity that is linked already (a parallel first sign-in won).
fn identity_taken(e: DomainError) -> DomainError {
    match e {
        DomainError::Conflict(_) => DomainError::Conflict("sso_identity_linked"),
        other => other,
    }
}

#[async_trait]
impl SsoStore for SqlStore {
    async fn create_sso_attempt(
        &self,
        state_hash: &str,
        browser_hash: &str,
        attempt: &SsoAttempt,
        at: Timestamp,
        expires: Timestamp,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                c.exec(
                    "INSERT INTO sso_attempts (state_hash, provider, browser_hash, pkce_verifier, nonce, next_path, \
                     created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    args![
                        state_hash,
                        &attempt.provider,
                        browser_hash,
                        &attempt.pkce_verifier,
                        &attempt.nonce,
                        &attempt.next,
                        at.as_second(),
                        expires.as_second()
                    ],
                )
                .await?;
                Ok(())
            })
            .await
    }

    async fn take_sso_attempt(&self, state_hash: &str, now: Timestamp) -> DomainResult<Option<(SsoAttempt, String)>> {
        self.db
            .write(|c| async move {
                let found = c
                    .opt(
                        "SELECT provider, pkce_verifier, nonce, next_path, browser_hash, expires_at \
                         FROM sso_attempts WHERE state_hash = $1",
                        args![state_hash],
                        |r| {
                            Ok((
                                SsoAttempt {
                                    provider: r.text(0)?,
                                    pkce_verifier: r.text(1)?,
                                    nonce: r.text(2)?,
                                    next: r.text(3)?,
                                },
                                r.text(4)?,
                                r.i64(5)?,
                            ))
                        },
                    )
                    .await?;
                let Some((attempt, browser, expires)) = found else { return Ok(None) };
                // Of two uses of one state at once, the one that deletes it has it.
                if c.exec("DELETE FROM sso_attempts WHERE state_hash = $1", args![state_hash]).await? != 1 {
                    return Ok(None);
                }
                Ok((expires > now.as_second()).then_some((attempt, browser)))
            })
            .await
    }

    async fn sso_identity_user(&self, provider: &str, subject: &str) -> DomainResult<Option<UserId>> {
        self.db
            .read(|c| async move {
                c.opt(
                    "SELECT user_id FROM sso_identities WHERE provider = $1 AND subject = $2",
                    args![provider, subject],
                    |r| Ok(UserId(r.i64(0)?)),
                )
                .await
            })
            .await
    }

    async fn link_sso_identity(
        &self,
        user: UserId,
        provider: &str,
        subject: &str,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                c.exec(
                    "INSERT INTO sso_identities (provider, subject, user_id, created_at, last_sign_in_at) \
                     VALUES ($1, $2, $3, $4, $4)",
                    args![provider, subject, user.0, audit.at.as_second()],
                )
                .await
                .map_err(identity_taken)?;
                writes::audit(&c, &audit, Some(user.0)).await
            })
            .await
    }

    async fn create_sso_user(
        &self,
        input: &UserAdminInput,
        provider: &str,
        subject: &str,
        audit: AuditEntry,
        notification: Option<&NewNotification>,
    ) -> DomainResult<User> {
        self.db
            .write(|c| async move {
                let id = insert_user_row(&c, input, None, audit.at).await?;
                c.exec(
                    "INSERT INTO sso_identities (provider, subject, user_id, created_at, last_sign_in_at) \
                     VALUES ($1, $2, $3, $4, $4)",
                    args![provider, subject, id, audit.at.as_second()],
                )
                .await
                .map_err(identity_taken)?;
                let audit = AuditEntry { actor: Some(UserId(id)), ..audit };
                writes::audit(&c, &audit, Some(id)).await?;
                if let Some(n) = notification {
                    let n = NewNotification { actor: Some(UserId(id)), ..n.clone() };
                    writes::notifications(&c, &n, None, None).await?;
                }
                get_user(&c, UserId(id)).await
            })
            .await
    }

    async fn sso_identities_of(&self, user: UserId) -> DomainResult<Vec<LinkedIdentity>> {
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT provider, created_at, last_sign_in_at FROM sso_identities WHERE user_id = $1 \
                     ORDER BY provider",
                    args![user.0],
                    |r| Ok(LinkedIdentity { provider: r.text(0)?, created_at: r.ts(1)?, last_sign_in_at: r.ts(2)? }),
                )
                .await
            })
            .await
    }

    async fn find_organization_by_cvr(&self, cvr: &str) -> DomainResult<Option<Organization>> {
        let sql = format!("SELECT {ORG_COLUMNS} FROM organizations o WHERE o.cvr = $1 ORDER BY o.id LIMIT 1");
        self.db.read(|c| async move { c.opt(&sql, args![cvr], organization).await }).await
    }

    async fn set_organization_sso_required(&self, org: OrgId, required: bool, audit: AuditEntry) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                c.exec("UPDATE organizations SET sso_required = $1 WHERE id = $2", args![required, org.0]).await?;
                if required {
                    // Password sessions of its people end now, not when they expire.
                    c.exec(
                        "DELETE FROM sessions WHERE sso_provider IS NULL AND user_id IN \
                         (SELECT id FROM users WHERE organization_id = $1)",
                        args![org.0],
                    )
                    .await?;
                }
                writes::audit(&c, &audit, Some(org.0)).await
            })
            .await
    }

    async fn create_sso_session(
        &self,
        id_hash: &str,
        user: UserId,
        provider: &str,
        subject: &str,
        created: Timestamp,
        expires: Timestamp,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                writes::session(&c, id_hash, user.0, created, expires, Some(provider)).await?;
                c.exec(
                    "UPDATE sso_identities SET last_sign_in_at = $1 WHERE provider = $2 AND subject = $3",
                    args![created.as_second(), provider, subject],
                )
                .await?;
                Ok(())
            })
            .await
    }
}
