//! Signing in and out, sessions, personal API tokens, invitations and passwords.

use super::{Actor, Services, blocking};
use crate::audit::AuditEntry;
use crate::auth::{self, LOGIN_MAX_FAILED_PER_ACCOUNT, LOGIN_WINDOW};
use crate::error::{DomainError, DomainResult};
use crate::ids::{TokenId, UserId};
use crate::store::ApiToken;
use crate::user::User;
use serde_json::json;

/// A new session: the person and the secret for their cookie (stored only hashed).
#[derive(Debug)]
pub struct SignedIn {
    pub user: User,
    /// The session's secret; with `second_step`, the secret of the sign-in that waits for its
    /// code (not a session yet).
    pub session_secret: String,
    /// The person uses two-step sign-in: a code must follow (`complete_sign_in`).
    pub second_step: bool,
}

impl Services {
    /// Signs a person in. A wrong password and an unknown e-mail get the same answer, take the
    /// same time, and count against the account from this address, the account from anywhere
    /// and the network address (see `auth::login_limits`). Each attempt is counted before the
    /// password is checked, in one step with the check of the limits, so parallel guesses get
    /// no more tries than one after the other.
    pub async fn sign_in(&self, email: &str, password: &str, peer: &str) -> DomainResult<SignedIn> {
        // Text that is no e-mail address (a megabyte, a NUL byte) names no account: it is never
        // looked up or stored, and the failure counts against the network address only.
        let email = crate::user::Email::parse(email).ok().map(crate::user::Email::into_string);
        let now = self.now();
        let limits = auth::login_limits(email.as_deref(), peer);
        let Some(attempt) = self.store.reserve_login_attempt(&limits, now - LOGIN_WINDOW, now).await? else {
            return Err(DomainError::RateLimited);
        };
        let candidate = match &email {
            Some(email) => self.store.find_login_candidate(email).await?,
            None => None,
        };
        let hash =
            candidate.as_ref().and_then(|c| c.password_hash.clone()).unwrap_or_else(|| auth::dummy_hash().to_string());
        let password = password.to_string();
        let matches = blocking(move || auth::verify_password(&password, &hash)).await?;
        let (user, sso_required) = match candidate {
            Some(c) if matches && c.user.active && c.password_hash.is_some() => (c.user, c.sso_required),
            // The attempt stays counted: it was a failure. A failure on an account is in the
            // audit trail (which account, when; never what was typed); text that names no
            // account is not kept anywhere.
            Some(c) => {
                let audit = AuditEntry::new(now, None, "user.sign_in_failed", "user").id(c.user.id.0);
                self.store.record_audit(audit).await?;
                return Err(DomainError::invalid("login", "login_failed"));
            }
            None => return Err(DomainError::invalid("login", "login_failed")),
        };
        // The person's own earlier typos from this address are forgiven; failures from
        // elsewhere (someone guessing) still count against the account.
        let own: Vec<String> = limits.first().map(|(key, _)| key.clone()).into_iter().collect();
        self.store.forget_login_attempts(&attempt, &own).await?;
        // Said only after the right password, so it tells nothing about who has an account.
        if sso_required {
            return Err(DomainError::Forbidden("sso_required"));
        }
        if user.two_factor {
            return self.begin_second_step(user).await;
        }
        self.store.record_audit(AuditEntry::new(now, Some(user.id), "user.sign_in", "user").id(user.id.0)).await?;
        let session_secret = auth::new_secret();
        self.store
            .create_session(&auth::hash_secret(&session_secret), user.id, now, now + auth::SESSION_LIFETIME)
            .await?;
        Ok(SignedIn { user, session_secret, second_step: false })
    }

    /// Ends a session; the provider it came from (whose session the pages end too), if any.
    pub async fn sign_out(&self, session_secret: &str) -> DomainResult<Option<String>> {
        self.store.delete_session(&auth::hash_secret(session_secret)).await
    }

    /// The person behind a session cookie, if the session is valid and the person active, with
    /// the number of their unread notifications.
    pub async fn user_for_session(&self, session_secret: &str) -> DomainResult<Option<(User, i64)>> {
        self.store.session_user(&auth::hash_secret(session_secret), self.now()).await
    }

    /// The person behind a bearer token, if it is valid and not revoked.
    pub async fn user_for_token(&self, token: &str) -> DomainResult<Option<User>> {
        if !token.starts_with(auth::API_TOKEN_PREFIX) {
            return Ok(None);
        }
        self.store.token_user(&auth::hash_secret(token), self.now()).await
    }

    /// Creates a personal API token; the secret is returned once and never stored in clear.
    pub async fn create_api_token(&self, actor: &Actor, name: &str) -> DomainResult<(ApiToken, String)> {
        let name = name.trim();
        if name.is_empty() {
            return Err(DomainError::invalid("name", "required"));
        }
        if let Some(code) = crate::text::line_problem(name, auth::TOKEN_NAME_MAX) {
            return Err(DomainError::invalid("name", code));
        }
        let secret = auth::new_api_token();
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "token.create", "api_token")
            .details(json!({ "name": name }));
        let token = self.store.create_api_token(actor.user.id, name, &auth::hash_secret(&secret), audit).await?;
        Ok((token, secret))
    }

    pub async fn list_api_tokens(&self, actor: &Actor) -> DomainResult<Vec<ApiToken>> {
        self.store.list_api_tokens(actor.user.id).await
    }

    pub async fn revoke_api_token(&self, actor: &Actor, id: TokenId) -> DomainResult<()> {
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "token.revoke", "api_token").id(id.0);
        self.store.revoke_api_token(actor.user.id, id, audit).await
    }

    /// Changes one's own password; the current one must be given. Other sessions end.
    pub async fn change_password(
        &self,
        actor: &Actor,
        current: &str,
        new: &str,
        keep_session_secret: Option<&str>,
    ) -> DomainResult<()> {
        auth::validate_new_password(new)?;
        self.check_current_password(actor, current).await?;
        let new = new.to_string();
        let hash = blocking(move || auth::hash_password(&new)).await??;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "user.password", "user").id(actor.user.id.0);
        let keep = keep_session_secret.map(auth::hash_secret);
        self.store.set_password(actor.user.id, &hash, keep.as_deref(), audit).await
    }

    /// Checks the person's current password, throttled like sign-in (guessing it from a
    /// borrowed session is no easier than guessing it at the door).
    pub(crate) async fn check_current_password(&self, actor: &Actor, current: &str) -> DomainResult<()> {
        let now = self.now();
        let key = vec![(format!("password:{}", actor.user.id.0), LOGIN_MAX_FAILED_PER_ACCOUNT)];
        let Some(attempt) = self.store.reserve_login_attempt(&key, now - LOGIN_WINDOW, now).await? else {
            return Err(DomainError::RateLimited);
        };
        let candidate = self.store.login_candidate_by_id(actor.user.id).await?.ok_or(DomainError::NotFound("user"))?;
        let stored = candidate.password_hash.unwrap_or_else(|| auth::dummy_hash().to_string());
        let current = current.to_string();
        if !blocking(move || auth::verify_password(&current, &stored)).await? {
            return Err(DomainError::invalid("current_password", "password_wrong"));
        }
        self.store.forget_login_attempts(&attempt, &[key[0].0.clone()]).await
    }

    /// The person erases themselves, confirming with their password.
    pub async fn erase_me(&self, actor: &Actor, current: &str) -> DomainResult<()> {
        self.check_current_password(actor, current).await?;
        self.erase(actor, actor.user.id).await
    }

    /// An administrator erases another person.
    pub async fn erase_person(&self, actor: &Actor, id: UserId) -> DomainResult<()> {
        actor.require_admin()?;
        if id == actor.user.id {
            return Err(DomainError::Conflict("erase_yourself_on_profile"));
        }
        self.erase(actor, id).await
    }

    async fn erase(&self, actor: &Actor, id: UserId) -> DomainResult<()> {
        let person = self.store.get_user(id).await?.ok_or(DomainError::NotFound("user"))?;
        if person.is_admin && person.active {
            let admins = self.store.list_users().await?.iter().filter(|u| u.is_admin && u.active).count();
            if admins <= 1 {
                return Err(DomainError::Conflict("last_admin"));
            }
        }
        // The entry names no one: the person is gone, the id says which row was erased.
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "user.erase", "user").id(id.0);
        self.store.erase_user(id, crate::user::ERASED_NAME, self.now(), audit).await
    }

    /// The person an invitation link belongs to, while it is valid.
    pub async fn invitation_user(&self, secret: &str) -> DomainResult<User> {
        self.store
            .invitation_user(&auth::hash_secret(secret), self.now())
            .await?
            .ok_or(DomainError::NotFound("invitation"))
    }

    /// Uses an invitation link up: sets the password, and the link stops working.
    pub async fn accept_invitation(&self, secret: &str, password: &str) -> DomainResult<User> {
        auth::validate_new_password(password)?;
        let password = password.to_string();
        let hash = blocking(move || auth::hash_password(&password)).await??;
        let now = self.now();
        let audit = AuditEntry::new(now, None, "invitation.accept", "user");
        self.store
            .accept_invitation(&auth::hash_secret(secret), &hash, now, audit)
            .await?
            .ok_or(DomainError::NotFound("invitation"))
    }

    /// "Glemt adgangskode": mails a link to choose a new password to the person with this
    /// e-mail, if there is one (and they are active). The answer is the same either way; the
    /// requests are throttled per typed address and per network address.
    pub async fn request_password_reset(&self, email: &str, peer: &str) -> DomainResult<()> {
        let Ok(email) = crate::user::Email::parse(email).map(crate::user::Email::into_string) else {
            return Err(DomainError::invalid("email", "email_invalid"));
        };
        let now = self.now();
        // Every request counts (none is forgiven): a link is not a guess, but a flood of mail is
        // a nuisance to the owner of the address.
        let limits = auth::reset_limits(&email, peer);
        if self.store.reserve_login_attempt(&limits, now - LOGIN_WINDOW, now).await?.is_none() {
            return Err(DomainError::RateLimited);
        }
        let Some(candidate) = self.store.find_login_candidate(&email).await? else { return Ok(()) };
        if !candidate.user.active {
            return Ok(());
        }
        let user = candidate.user.id;
        let audit = AuditEntry::new(now, Some(user), "password.reset_request", "user").id(user.0);
        self.store.create_password_reset(user, now + auth::RESET_LIFETIME, audit).await?;
        Ok(())
    }

    /// The person a password link belongs to, while it works: the token must be the link's
    /// (checked in constant time), unused, unexpired, and the person active.
    pub async fn password_reset_user(&self, id: i64, token: &str) -> DomainResult<User> {
        let gone = || DomainError::NotFound("reset_link");
        let reset = self.store.password_reset(id).await?.ok_or_else(gone)?;
        let signer = self.link_signer().await?;
        if !signer.verify(&format!("reset:{id}:{}:{}", reset.user_id, reset.expires_at.as_second()), token)
            || reset.used_at.is_some()
            || reset.expires_at <= self.now()
        {
            return Err(gone());
        }
        let user = self.store.get_user(reset.user_id).await?.ok_or_else(gone)?;
        if user.active { Ok(user) } else { Err(gone()) }
    }

    /// Sets a new password through a password link; the link works once, and every session
    /// of the person ends (whoever knew the old password is signed out).
    pub async fn reset_password(&self, id: i64, token: &str, password: &str) -> DomainResult<User> {
        let user = self.password_reset_user(id, token).await?;
        auth::validate_new_password(password)?;
        let password = password.to_string();
        let hash = blocking(move || auth::hash_password(&password)).await??;
        let now = self.now();
        let audit = AuditEntry::new(now, Some(user.id), "password.reset", "user").id(user.id.0);
        self.store.use_password_reset(id, &hash, now, audit).await?.ok_or(DomainError::NotFound("reset_link"))
    }

    /// A password link's mail, while the link works: the person and the link's path.
    pub async fn password_reset_mail(&self, id: i64) -> DomainResult<Option<(User, String, jiff::Timestamp)>> {
        let Some(reset) = self.store.password_reset(id).await? else { return Ok(None) };
        if reset.used_at.is_some() || reset.expires_at <= self.now() {
            return Ok(None);
        }
        let Some(user) = self.store.get_user(reset.user_id).await? else { return Ok(None) };
        let token = self.link_signer().await?.reset_token(id, user.id, reset.expires_at);
        Ok(Some((user, format!("/password/reset/{id}/{token}"), reset.expires_at)))
    }
}
