//! Two-step sign-in use cases: turning it on (a secret shown once as a QR code and text, confirmed
//! with a first code, ten recovery codes shown once), off (with the password), signing in with a
//! code or a recovery code after the password, and the community's rule that administrators
//! must use it.

use super::{Actor, Services, SignedIn};
use crate::audit::AuditEntry;
use crate::auth::{self, LOGIN_WINDOW};
use crate::error::{DomainError, DomainResult};
use crate::two_factor::{self, PENDING_LIFETIME, REQUIRE_FOR_ADMINS, TwoFactor};
use crate::user::User;

/// What a person needs to add Idéspor to their authenticator app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwoFactorSetup {
    /// The secret in base32, for typing in by hand.
    pub secret: String,
    /// The `otpauth://` address, for the QR code and for a tap on a phone.
    pub url: String,
}

impl Services {
    pub async fn two_factor_status(&self, actor: &Actor) -> DomainResult<Option<TwoFactor>> {
        self.store.two_factor(actor.user.id).await
    }

    /// Begins turning two-step sign-in on: a new secret, kept unconfirmed until a first code
    /// proves the app has it. Asking again replaces an unconfirmed secret.
    pub async fn start_two_factor(&self, actor: &Actor, product: &str) -> DomainResult<TwoFactorSetup> {
        if !actor.user.has_password {
            return Err(DomainError::Conflict("two_factor_needs_password"));
        }
        let secret = two_factor::new_secret();
        if secret.is_empty() {
            return Err(DomainError::Internal("no randomness for a two-factor secret".into()));
        }
        self.store.start_two_factor(actor.user.id, &secret, self.now()).await?;
        self.two_factor_setup(actor, product).await?.ok_or(DomainError::NotFound("two_factor"))
    }

    /// The unconfirmed secret being set up, if any.
    pub async fn two_factor_setup(&self, actor: &Actor, product: &str) -> DomainResult<Option<TwoFactorSetup>> {
        let Some(stored) = self.store.two_factor(actor.user.id).await? else { return Ok(None) };
        if stored.confirmed_at.is_some() {
            return Ok(None);
        }
        let url = two_factor::otpauth_url(&stored.secret, &actor.user.email, product)?;
        Ok(Some(TwoFactorSetup { secret: stored.secret, url }))
    }

    /// Turns two-step sign-in on with the first code from the app; the recovery codes, shown
    /// once (only their hashes are kept).
    pub async fn confirm_two_factor(&self, actor: &Actor, code: &str) -> DomainResult<Vec<String>> {
        let user = actor.user.id;
        let stored = self.store.two_factor(user).await?.ok_or(DomainError::NotFound("two_factor"))?;
        if stored.confirmed_at.is_some() {
            return Err(DomainError::Conflict("two_factor_already_on"));
        }
        let now = self.now();
        let key = two_factor::code_limits(user);
        let Some(attempt) = self.store.reserve_login_attempt(&key, now - LOGIN_WINDOW, now).await? else {
            return Err(DomainError::RateLimited);
        };
        let Some(step) = two_factor::code_step(&stored.secret, code, now)? else {
            return Err(DomainError::invalid("code", "code_wrong"));
        };
        let codes = two_factor::new_recovery_codes();
        let hashes: Vec<String> = codes.iter().map(|c| auth::hash_secret(c)).collect();
        let audit = AuditEntry::new(now, Some(user), "two_factor.on", "user").id(user.0);
        self.store.confirm_two_factor(user, i64::try_from(step).unwrap_or(i64::MAX), &hashes, audit).await?;
        self.store.forget_login_attempts(&attempt, &[key[0].0.clone()]).await?;
        Ok(codes)
    }

    /// Turns two-step sign-in off, with the password; not for an administrator while the
    /// community requires it of administrators.
    pub async fn disable_two_factor(&self, actor: &Actor, current_password: &str) -> DomainResult<()> {
        if actor.user.is_admin && self.two_factor_required_for_admins().await? {
            return Err(DomainError::Forbidden("two_factor_required_for_admins"));
        }
        self.check_current_password(actor, current_password).await?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "two_factor.off", "user").id(actor.user.id.0);
        self.store.disable_two_factor(actor.user.id, audit).await
    }

    /// After the right password of a person with two-step sign-in: a sign-in that waits for the
    /// code (its secret goes in a short-lived cookie).
    pub(crate) async fn begin_second_step(&self, user: User) -> DomainResult<SignedIn> {
        let secret = auth::new_secret();
        let now = self.now();
        self.store.create_pending_sign_in(&auth::hash_secret(&secret), user.id, now, now + PENDING_LIFETIME).await?;
        Ok(SignedIn { user, session_secret: secret, second_step: true })
    }

    /// The person a sign-in waits for (the code page greets them), while it waits.
    pub async fn pending_sign_in_user(&self, pending_secret: &str) -> DomainResult<User> {
        let gone = || DomainError::NotFound("pending_sign_in");
        let user =
            self.store.pending_sign_in(&auth::hash_secret(pending_secret), self.now()).await?.ok_or_else(gone)?;
        self.store.get_user(user).await?.ok_or_else(gone)
    }

    /// The second step: a code from the app (each works once) or a recovery code (each works
    /// once). Wrong codes are throttled per person like passwords; the right one gives the
    /// session.
    pub async fn complete_sign_in(&self, pending_secret: &str, code: &str) -> DomainResult<SignedIn> {
        let hash = auth::hash_secret(pending_secret);
        let now = self.now();
        let user = self.pending_sign_in_user(pending_secret).await?;
        let key = two_factor::code_limits(user.id);
        let Some(attempt) = self.store.reserve_login_attempt(&key, now - LOGIN_WINDOW, now).await? else {
            return Err(DomainError::RateLimited);
        };
        let stored = self.store.two_factor(user.id).await?.ok_or(DomainError::NotFound("pending_sign_in"))?;
        let by_code = match two_factor::code_step(&stored.secret, code, now)? {
            Some(step) => self.store.use_code_step(user.id, i64::try_from(step).unwrap_or(i64::MAX)).await?,
            None => false,
        };
        let accepted = by_code || {
            let recovery = auth::hash_secret(&two_factor::normalise_recovery_code(code));
            self.store.use_recovery_code(user.id, &recovery, now).await?
        };
        if !accepted {
            return Err(DomainError::invalid("code", "code_wrong"));
        }
        // Of two right codes at once, one signs in.
        if !self.store.end_pending_sign_in(&hash).await? {
            return Err(DomainError::NotFound("pending_sign_in"));
        }
        self.store.forget_login_attempts(&attempt, &[key[0].0.clone()]).await?;
        let how = if by_code { "code" } else { "recovery_code" };
        let audit = AuditEntry::new(now, Some(user.id), "user.sign_in", "user")
            .id(user.id.0)
            .details(serde_json::json!({ "second_step": how }));
        self.store.record_audit(audit).await?;
        let session_secret = auth::new_secret();
        self.store
            .create_session(&auth::hash_secret(&session_secret), user.id, now, now + auth::SESSION_LIFETIME)
            .await?;
        Ok(SignedIn { user, session_secret, second_step: false })
    }

    /// Whether administrators must use two-step sign-in, as the administration shows it.
    pub async fn two_factor_requirement(&self, actor: &Actor) -> DomainResult<bool> {
        actor.require_admin()?;
        self.two_factor_required_for_admins().await
    }

    pub async fn two_factor_required_for_admins(&self) -> DomainResult<bool> {
        Ok(self.store.setting(REQUIRE_FOR_ADMINS).await?.as_deref() == Some("true"))
    }

    /// An administrator requires (or no longer requires) two-step sign-in of administrators.
    /// Requiring it is refused while they have not turned it on themselves (they would lock
    /// themselves out of the administration).
    pub async fn set_two_factor_required_for_admins(&self, actor: &Actor, required: bool) -> DomainResult<()> {
        actor.require_admin()?;
        if required && !actor.user.two_factor {
            return Err(DomainError::Conflict("two_factor_yourself_first"));
        }
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "settings.require_two_factor_admins", "settings")
            .details(serde_json::json!({ "required": required }));
        let value = if required { "true" } else { "false" };
        self.store.set_setting(REQUIRE_FOR_ADMINS, value, actor.user.id, self.now(), audit).await
    }

    /// The person as their rights stand for this request: an administrator without two-step
    /// sign-in, where the community requires it, acts as a member until they turn it on (true:
    /// held back, so the pages can say why).
    pub async fn effective_user(&self, mut user: User) -> DomainResult<(User, bool)> {
        if user.is_admin && !user.two_factor && self.two_factor_required_for_admins().await? {
            user.is_admin = false;
            return Ok((user, true));
        }
        Ok((user, false))
    }
}
