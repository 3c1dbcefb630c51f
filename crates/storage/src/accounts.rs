//! People and how they sign in: users, sessions, API tokens, invitations, sign-in throttling,
//! and the audit log.

use crate::db::{Backend, unique_field};
use crate::rows::{TOKEN_COLUMNS, USER_COLUMN_COUNT, USER_COLUMNS, USER_SELECT, audit_record, token, user};
use crate::sql::{Arg, Conn, args};
use crate::store::SqlStore;
use crate::writes;
use async_trait::async_trait;
use idespor_domain::audit::{AuditEntry, AuditRecord};
use idespor_domain::group::GroupRole;
use idespor_domain::store::{AccountStore, ApiToken, LoginCandidate, PasswordReset};
use idespor_domain::user::{Language, User, UserAdminInput};
use idespor_domain::{DomainError, DomainResult, OrgId, TokenId, UserId};
use jiff::Timestamp;

/// The row of a new person; `Invalid` (email_taken) when the address is someone's already.
pub(crate) async fn insert_user_row(
    c: &Conn,
    input: &UserAdminInput,
    password_hash: Option<&str>,
    at: Timestamp,
) -> DomainResult<i64> {
    c.int(
        "INSERT INTO users (email, name, organization_id, language, is_admin, active, password_hash, created_at, \
         is_moderator) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        args![
            &input.email,
            &input.name,
            input.org_id.map(|o| o.0),
            input.language.as_str(),
            input.is_admin,
            input.active,
            password_hash,
            at.as_second(),
            input.is_moderator
        ],
    )
    .await
    .map_err(unique_field("email", "email_taken"))
}

pub(crate) async fn get_user(c: &Conn, id: UserId) -> DomainResult<User> {
    let sql = format!("{USER_SELECT} WHERE u.id = $1");
    c.opt(&sql, args![id.0], user).await?.ok_or(DomainError::NotFound("user"))
}

impl SqlStore {
    /// A person with their password hash, found by one condition on `u` (a parameter `$1`).
    async fn login_candidate(&self, condition: &str, key: Arg<'_>) -> DomainResult<Option<LoginCandidate>> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, u.password_hash, COALESCE(o.sso_required, FALSE) \
             FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE {condition}"
        );
        self.db
            .read(|c| async move {
                c.opt(&sql, &[key], |r| {
                    Ok(LoginCandidate {
                        user: user(r)?,
                        password_hash: r.opt_text(USER_COLUMN_COUNT)?,
                        sso_required: r.bool(USER_COLUMN_COUNT + 1)?,
                    })
                })
                .await
            })
            .await
    }
}

#[async_trait]
impl AccountStore for SqlStore {
    async fn get_user(&self, id: UserId) -> DomainResult<Option<User>> {
        let sql = format!("{USER_SELECT} WHERE u.id = $1");
        self.db.read(|c| async move { c.opt(&sql, args![id.0], user).await }).await
    }

    async fn find_login_candidate(&self, email: &str) -> DomainResult<Option<LoginCandidate>> {
        self.login_candidate("u.email = $1", Arg::from(email)).await
    }

    async fn login_candidate_by_id(&self, id: UserId) -> DomainResult<Option<LoginCandidate>> {
        self.login_candidate("u.id = $1", Arg::from(id.0)).await
    }

    async fn list_users(&self) -> DomainResult<Vec<User>> {
        self.db.read(|c| async move { c.all(USER_SELECT, &[], user).await }).await
    }

    async fn all_memberships(&self) -> DomainResult<Vec<(UserId, idespor_domain::GroupId, GroupRole)>> {
        self.db
            .read(|c| async move {
                c.all("SELECT user_id, group_id, role FROM group_members", &[], |r| {
                    let role = r.text(2)?;
                    let role = GroupRole::parse(&role)
                        .ok_or_else(|| DomainError::Internal(format!("unknown group role {role:?}")))?;
                    Ok((UserId(r.i64(0)?), idespor_domain::GroupId(r.i64(1)?), role))
                })
                .await
            })
            .await
    }

    async fn import_people(
        &self,
        targets: &[idespor_domain::people::PersonTarget],
        invite_expires: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                let now = audit.at.as_second();
                for t in targets {
                    let id = match t.existing {
                        Some(id) => {
                            c.exec(
                                "UPDATE users SET name = $1, organization_id = $2 WHERE id = $3",
                                args![&t.name, t.org_id.0, id.0],
                            )
                            .await?;
                            if let Some((admin, moderator)) = t.roles {
                                c.exec(
                                    "UPDATE users SET is_admin = $1, is_moderator = $2 WHERE id = $3",
                                    args![admin, moderator, id.0],
                                )
                                .await?;
                            }
                            id.0
                        }
                        None => {
                            let (admin, moderator) = t.roles.unwrap_or((false, false));
                            let input = UserAdminInput {
                                name: t.name.clone(),
                                email: t.email.clone(),
                                org_id: Some(t.org_id),
                                language: Language::Da,
                                is_admin: admin,
                                is_moderator: moderator,
                                active: true,
                            };
                            insert_user_row(&c, &input, None, audit.at).await?
                        }
                    };
                    for (group, role) in &t.memberships {
                        writes::set_member(&c, group.0, id, *role).await?;
                    }
                    if t.invite {
                        // The invitation is a password link (as "Glemt adgangskode" sends), by mail.
                        let link = c
                            .int(
                                "INSERT INTO password_resets (user_id, created_at, expires_at) VALUES ($1, $2, $3) \
                                 RETURNING id",
                                args![id, now, invite_expires.as_second()],
                            )
                            .await?;
                        c.exec(
                            "INSERT INTO outbox (dedupe_key, user_id, kind, password_reset_id, status, attempts, \
                             next_attempt_at, created_at) VALUES ($1, $2, 'invitation', $3, 'queued', 0, $4, $4)",
                            args![&format!("invitation:{link}"), id, link, now],
                        )
                        .await?;
                    }
                }
                writes::audit(&c, &audit, None).await
            })
            .await
    }

    async fn users_of_organization(&self, org: OrgId) -> DomainResult<Vec<User>> {
        let sql = format!("{USER_SELECT} WHERE u.organization_id = $1");
        self.db.read(|c| async move { c.all(&sql, args![org.0], user).await }).await
    }

    async fn insert_user(
        &self,
        input: &UserAdminInput,
        password_hash: Option<&str>,
        invitation: Option<(&str, Timestamp)>,
        audit: AuditEntry,
    ) -> DomainResult<User> {
        self.db
            .write(|c| async move {
                let id = insert_user_row(&c, input, password_hash, audit.at).await?;
                if let Some((hash, expires)) = invitation {
                    c.exec(
                        "INSERT INTO invitations (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                        args![hash, id, audit.at.as_second(), expires.as_second()],
                    )
                    .await?;
                }
                writes::audit(&c, &audit, Some(id)).await?;
                get_user(&c, UserId(id)).await
            })
            .await
    }

    async fn update_user(&self, id: UserId, input: &UserAdminInput, audit: AuditEntry) -> DomainResult<User> {
        self.db
            .write(|c| async move {
                let changed = c
                    .exec(
                        "UPDATE users SET email = $1, name = $2, organization_id = $3, language = $4, is_admin = $5, \
                         active = $6, is_moderator = $8 WHERE id = $7",
                        args![
                            &input.email,
                            &input.name,
                            input.org_id.map(|o| o.0),
                            input.language.as_str(),
                            input.is_admin,
                            input.active,
                            id.0,
                            input.is_moderator
                        ],
                    )
                    .await
                    .map_err(unique_field("email", "email_taken"))?;
                if changed == 0 {
                    return Err(DomainError::NotFound("user"));
                }
                if !input.active {
                    // A deactivated person is signed out everywhere at once.
                    c.exec("DELETE FROM sessions WHERE user_id = $1", args![id.0]).await?;
                }
                writes::audit(&c, &audit, Some(id.0)).await?;
                get_user(&c, id).await
            })
            .await
    }

    async fn update_profile(
        &self,
        id: UserId,
        name: &str,
        email: &str,
        language: Language,
        audit: AuditEntry,
    ) -> DomainResult<User> {
        self.db
            .write(|c| async move {
                c.exec(
                    "UPDATE users SET name = $1, email = $2, language = $3 WHERE id = $4",
                    args![name, email, language.as_str(), id.0],
                )
                .await
                .map_err(unique_field("email", "email_taken"))?;
                writes::audit(&c, &audit, Some(id.0)).await?;
                get_user(&c, id).await
            })
            .await
    }

    async fn set_password(
        &self,
        id: UserId,
        hash: &str,
        keep_session: Option<&str>,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                c.exec("UPDATE users SET password_hash = $1 WHERE id = $2", args![hash, id.0]).await?;
                c.exec(
                    "DELETE FROM sessions WHERE user_id = $1 AND ($2 IS NULL OR id_hash <> $2)",
                    args![id.0, keep_session],
                )
                .await?;
                writes::audit(&c, &audit, Some(id.0)).await
            })
            .await
    }

    async fn create_session(
        &self,
        id_hash: &str,
        user: UserId,
        created: Timestamp,
        expires: Timestamp,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                // Every session begins with a sign-in: the person's history of them.
                writes::session(&c, id_hash, user.0, created, expires, None).await
            })
            .await
    }

    async fn session_user(&self, id_hash: &str, now: Timestamp) -> DomainResult<Option<(User, i64)>> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, \
             (SELECT COUNT(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL) \
             FROM users u LEFT JOIN organizations o ON o.id = u.organization_id \
             JOIN sessions s ON s.user_id = u.id WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.active = TRUE"
        );
        self.db
            .read(|c| async move {
                c.opt(&sql, args![id_hash, now.as_second()], |r| Ok((user(r)?, r.i64(USER_COLUMN_COUNT)?))).await
            })
            .await
    }

    async fn delete_session(&self, id_hash: &str) -> DomainResult<Option<String>> {
        self.db
            .write(|c| async move {
                let provider = c
                    .opt("SELECT sso_provider FROM sessions WHERE id_hash = $1", args![id_hash], |r| r.opt_text(0))
                    .await?
                    .flatten();
                c.exec("DELETE FROM sessions WHERE id_hash = $1", args![id_hash]).await?;
                Ok(provider)
            })
            .await
    }

    async fn delete_expired_sessions(&self, now: Timestamp) -> DomainResult<u64> {
        self.db
            .write(
                |c| async move { c.exec("DELETE FROM sessions WHERE expires_at <= $1", args![now.as_second()]).await },
            )
            .await
    }

    async fn create_api_token(
        &self,
        user: UserId,
        name: &str,
        hash: &str,
        audit: AuditEntry,
    ) -> DomainResult<ApiToken> {
        self.db
            .write(|c| async move {
                let made = c
                    .one(
                        &format!(
                            "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) \
                             RETURNING {TOKEN_COLUMNS}"
                        ),
                        args![user.0, name, hash, audit.at.as_second()],
                        token,
                    )
                    .await?;
                writes::audit(&c, &audit, None).await?;
                Ok(made)
            })
            .await
    }

    async fn list_api_tokens(&self, user: UserId) -> DomainResult<Vec<ApiToken>> {
        let sql = format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL \
             ORDER BY created_at DESC, id DESC"
        );
        self.db.read(|c| async move { c.all(&sql, args![user.0], token).await }).await
    }

    async fn revoke_api_token(&self, user: UserId, id: TokenId, audit: AuditEntry) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                let changed = c
                    .exec(
                        "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
                        args![audit.at.as_second(), id.0, user.0],
                    )
                    .await?;
                if changed == 0 {
                    return Err(DomainError::NotFound("api_token"));
                }
                writes::audit(&c, &audit, Some(id.0)).await
            })
            .await
    }

    async fn token_user(&self, hash: &str, now: Timestamp) -> DomainResult<Option<User>> {
        let sql = format!(
            "{USER_SELECT} JOIN api_tokens t ON t.user_id = u.id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = TRUE"
        );
        let found = self.db.read(|c| async move { c.opt(&sql, args![hash], user).await }).await?;
        if found.is_some() {
            // Last use is shown to the owner; minute precision is enough and saves writes. It
            // is a courtesy: a database that cannot write (a full disk, read-only) still lets
            // the token read.
            let recorded = self
                .db
                .write(|c| async move {
                    c.exec(
                        "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 \
                         AND (last_used_at IS NULL OR last_used_at < $1 - 60)",
                        args![now.as_second(), hash],
                    )
                    .await
                })
                .await;
            if let Err(e) = recorded {
                tracing::warn!(error = %e, "could not record the token's last use");
            }
        }
        Ok(found)
    }

    async fn create_invitation(
        &self,
        user: UserId,
        hash: &str,
        expires: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                // Only the newest link works.
                c.exec(
                    "UPDATE invitations SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL",
                    args![audit.at.as_second(), user.0],
                )
                .await?;
                c.exec(
                    "INSERT INTO invitations (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                    args![hash, user.0, audit.at.as_second(), expires.as_second()],
                )
                .await?;
                writes::audit(&c, &audit, Some(user.0)).await
            })
            .await
    }

    async fn invitation_user(&self, hash: &str, now: Timestamp) -> DomainResult<Option<User>> {
        let sql = format!(
            "{USER_SELECT} JOIN invitations i ON i.user_id = u.id \
             WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2 AND u.active = TRUE"
        );
        self.db.read(|c| async move { c.opt(&sql, args![hash, now.as_second()], user).await }).await
    }

    async fn create_password_reset(&self, user: UserId, expires_at: Timestamp, audit: AuditEntry) -> DomainResult<i64> {
        self.db
            .write(|c| async move {
                let now = audit.at.as_second();
                c.exec(
                    "UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL",
                    args![now, user.0],
                )
                .await?;
                let id = c
                    .int(
                        "INSERT INTO password_resets (user_id, created_at, expires_at) VALUES ($1, $2, $3) RETURNING id",
                        args![user.0, now, expires_at.as_second()],
                    )
                    .await?;
                c.exec(
                    "INSERT INTO outbox (dedupe_key, user_id, kind, password_reset_id, status, attempts, next_attempt_at, \
                     created_at) VALUES ($1, $2, 'password_reset', $3, 'queued', 0, $4, $4)",
                    args![&format!("password_reset:{id}"), user.0, id, now],
                )
                .await?;
                writes::audit(&c, &audit, Some(user.0)).await?;
                Ok(id)
            })
            .await
    }

    async fn password_reset(&self, id: i64) -> DomainResult<Option<PasswordReset>> {
        self.db
            .read(|c| async move {
                c.opt(
                    "SELECT id, user_id, created_at, expires_at, used_at FROM password_resets WHERE id = $1",
                    args![id],
                    |r| {
                        Ok(PasswordReset {
                            id: r.i64(0)?,
                            user_id: UserId(r.i64(1)?),
                            created_at: r.ts(2)?,
                            expires_at: r.ts(3)?,
                            used_at: r.opt_ts(4)?,
                        })
                    },
                )
                .await
            })
            .await
    }

    async fn use_password_reset(
        &self,
        id: i64,
        password_hash: &str,
        now: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<Option<User>> {
        self.db
            .write(|c| async move {
                // Using the link up is the guard: of two simultaneous uses, only one updates a row.
                let user_id = c
                    .opt(
                        "UPDATE password_resets SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND expires_at > $1 \
                         RETURNING user_id",
                        args![now.as_second(), id],
                        |r| r.i64(0),
                    )
                    .await?;
                let Some(user_id) = user_id else { return Ok(None) };
                let active = c.opt("SELECT active FROM users WHERE id = $1", args![user_id], |r| r.bool(0)).await?;
                if active != Some(true) {
                    return Ok(None);
                }
                c.exec("UPDATE users SET password_hash = $1 WHERE id = $2", args![password_hash, user_id]).await?;
                // Whoever else was signed in with the old password is signed out.
                c.exec("DELETE FROM sessions WHERE user_id = $1", args![user_id]).await?;
                writes::audit(&c, &audit, Some(user_id)).await?;
                get_user(&c, UserId(user_id)).await.map(Some)
            })
            .await
    }

    async fn accept_invitation(
        &self,
        hash: &str,
        password_hash: &str,
        now: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<Option<User>> {
        self.db
            .write(|c| async move {
                // Using the link up is the guard: of two simultaneous uses, only one updates a row.
                let user_id = c
                    .opt(
                        "UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
                         AND expires_at > $1 RETURNING user_id",
                        args![now.as_second(), hash],
                        |r| r.i64(0),
                    )
                    .await?;
                let Some(user_id) = user_id else { return Ok(None) };
                c.exec("UPDATE users SET password_hash = $1 WHERE id = $2", args![password_hash, user_id]).await?;
                let mut audit = audit;
                audit.actor = Some(UserId(user_id));
                writes::audit(&c, &audit, Some(user_id)).await?;
                get_user(&c, UserId(user_id)).await.map(Some)
            })
            .await
    }

    async fn reserve_login_attempt(
        &self,
        keys: &[(String, i64)],
        since: Timestamp,
        now: Timestamp,
    ) -> DomainResult<Option<Vec<i64>>> {
        let postgres = self.db.backend() == Backend::Postgres;
        let mut sorted: Vec<&(String, i64)> = keys.iter().collect();
        sorted.sort();
        self.db
            .write(|c| async move {
                if postgres {
                    // SQLite's write transaction is already one at a time; on PostgreSQL a lock
                    // per key (taken in one order, so two attempts never deadlock) makes the
                    // count and the insert one step. Held until the transaction ends.
                    for (key, _) in &sorted {
                        c.exec("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", args![key]).await?;
                    }
                }
                for (key, limit) in &sorted {
                    let n = c
                        .int(
                            "SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2",
                            args![key, since.as_second()],
                        )
                        .await?;
                    if n >= *limit {
                        return Ok(None);
                    }
                }
                let mut ids = Vec::with_capacity(sorted.len());
                for (key, _) in &sorted {
                    ids.push(
                        c.int(
                            "INSERT INTO login_failures (key, at) VALUES ($1, $2) RETURNING id",
                            args![key, now.as_second()],
                        )
                        .await?,
                    );
                }
                // Old failures have no use; keep the table small.
                c.exec("DELETE FROM login_failures WHERE at < $1", args![now.as_second() - 86_400]).await?;
                Ok(Some(ids))
            })
            .await
    }

    async fn forget_login_attempts(&self, ids: &[i64], clear_keys: &[String]) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                for id in ids {
                    c.exec("DELETE FROM login_failures WHERE id = $1", args![*id]).await?;
                }
                for key in clear_keys {
                    c.exec("DELETE FROM login_failures WHERE key = $1", args![key]).await?;
                }
                Ok(())
            })
            .await
    }

    async fn erase_user(&self, id: UserId, erased_name: &str, at: Timestamp, audit: AuditEntry) -> DomainResult<()> {
        let erased_name = erased_name.to_string();
        self.db
            .write(|c| async move {
                let erased_name = erased_name.as_str();
                // The person's row first: a second erasure at the same moment waits here (on
                // PostgreSQL; SQLite's write transaction already does), then finds it done.
                c.exec("UPDATE users SET active = active WHERE id = $1", args![id.0]).await?;
                let already =
                    c.opt("SELECT user_id FROM erasures WHERE user_id = $1", args![id.0], |r| r.i64(0)).await?;
                let person = c
                    .opt("SELECT name, email FROM users WHERE id = $1", args![id.0], |r| Ok((r.text(0)?, r.text(1)?)))
                    .await?;
                let (Some((name, email)), None) = (person, already) else {
                    return Err(DomainError::NotFound("user"));
                };
                // Checked again inside the transaction, one administrator's erasure at a time:
                // two administrators erasing each other at once leave one.
                if c.is_postgres() {
                    c.exec("SELECT pg_advisory_xact_lock(7002)", &[]).await?;
                }
                let admin = c
                    .opt("SELECT is_admin FROM users WHERE id = $1 AND active = TRUE", args![id.0], |r| r.bool(0))
                    .await?
                    .unwrap_or(false);
                if admin
                    && c.int(
                        "SELECT COUNT(*) FROM users WHERE is_admin = TRUE AND active = TRUE AND id <> $1",
                        args![id.0],
                    )
                    .await?
                        == 0
                {
                    return Err(DomainError::Conflict("last_admin"));
                }
                // The person's own records: gone.
                for table in [
                    "sessions",
                    "invitations",
                    "api_tokens",
                    "feed_keys",
                    "notification_preferences",
                    "notifications",
                    "outbox",
                    "sign_ins",
                    "data_exports",
                    "password_resets",
                    "two_factor",
                    "recovery_codes",
                    "pending_sign_ins",
                    "sso_identities",
                    "group_members",
                    "idea_followers",
                ] {
                    c.exec(&format!("DELETE FROM {table} WHERE user_id = $1"), args![id.0]).await?;
                }
                c.exec(
                    "DELETE FROM login_failures WHERE key LIKE $1 OR key = $2",
                    args![&format!("account:{email}%"), &format!("password:{}", id.0)],
                )
                .await?;
                // The name and e-mail wherever the audit trail quoted them (as whole JSON
                // strings, so that no other text is touched) or another person's mail subject
                // named them (the subject goes; the delivery record stays).
                for text in [&name, &email] {
                    let quoted = serde_json::to_string(text).map_err(|e| DomainError::Internal(e.to_string()))?;
                    c.exec(
                        "UPDATE audit_log SET details = REPLACE(details, $1, '\"\"') WHERE details LIKE $2 ESCAPE '\\'",
                        args![&quoted, &like_pattern(&quoted)],
                    )
                    .await?;
                    if text.chars().count() >= 3 {
                        c.exec(
                            "UPDATE outbox SET subject = NULL WHERE subject LIKE $1 ESCAPE '\\'",
                            args![&like_pattern(text)],
                        )
                        .await?;
                    }
                }
                // The row stays for what the community owns (ideas, comments, supports counted
                // for the organization, decisions): without anything that says who it was.
                c.exec(
                    "UPDATE users SET name = $1, email = $2, password_hash = NULL, active = FALSE, is_admin = FALSE, is_moderator = FALSE, \
                     language = 'da' WHERE id = $3",
                    args![erased_name, &format!("slettet-{}@slettet.invalid", id.0), id.0],
                )
                .await?;
                c.exec("INSERT INTO erasures (user_id, erased_at) VALUES ($1, $2)", args![id.0, at.as_second()])
                    .await?;
                writes::audit(&c, &audit, None).await
            })
            .await
    }

    async fn record_audit(&self, audit: AuditEntry) -> DomainResult<()> {
        self.db.write(|c| async move { writes::audit(&c, &audit, None).await }).await
    }

    async fn list_audit(&self, limit: i64) -> DomainResult<Vec<AuditRecord>> {
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT a.id, a.at, a.actor_id, u.name AS actor_name, a.action, a.entity, a.entity_id, a.details \
                     FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id ORDER BY a.id DESC LIMIT $1",
                    args![limit],
                    audit_record,
                )
                .await
            })
            .await
    }
}

/// A LIKE pattern that finds the text anywhere, its own `%`, `_` and `\` taken literally.
pub(crate) fn like_pattern(text: &str) -> String {
    format!("%{}%", text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}
