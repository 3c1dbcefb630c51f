//! Single sign-on use cases: beginning a sign-in at a provider, taking the provider's answer
//! (once, in the browser that began it), and what a verified identity may do: sign in the
//! person it is linked to, link a person with the same verified e-mail in the same
//! organization, or create the person in the organization its CVR number or tenant names
//! (their groups' coordinators are told, and add them to a group). An administrator can
//! require it for an organization; its people then cannot sign in with a password.

use super::{Actor, Services, SignedIn};
use crate::audit::AuditEntry;
use crate::auth::{self, LOGIN_WINDOW};
use crate::error::{DomainError, DomainResult};
use crate::ids::{OrgId, UserId};
use crate::notify::{NewNotification, NotificationKind, Subject};
use crate::org::Organization;
use crate::sso::{self, ATTEMPT_LIFETIME, OrgKey, ProviderForm, ProviderSettings, SsoAttempt, VerifiedIdentity};
use crate::store::LinkedIdentity;
use crate::user::{Email, Language, User, UserAdminInput};
use serde_json::json;

impl Services {
    /// Keeps a sign-in begun at a provider until it comes back. `state` and `browser` are
    /// secrets (the state travels through the provider, the browser's stays in its cookie);
    /// only their hashes are kept.
    pub async fn begin_sso(&self, state: &str, browser: &str, attempt: &SsoAttempt) -> DomainResult<()> {
        let now = self.now();
        self.store
            .create_sso_attempt(
                &auth::hash_secret(state),
                &auth::hash_secret(browser),
                attempt,
                now,
                now + ATTEMPT_LIFETIME,
            )
            .await
    }

    /// Takes the provider's answer for a state: it works once, within its time, and only in the
    /// browser that began it (otherwise someone else's answer could sign this browser in).
    /// Failures count against the network address like wrong passwords.
    pub async fn take_sso_attempt(&self, state: &str, browser: Option<&str>, peer: &str) -> DomainResult<SsoAttempt> {
        let now = self.now();
        let limits = sso::callback_limits(peer);
        let Some(reservation) = self.store.reserve_login_attempt(&limits, now - LOGIN_WINDOW, now).await? else {
            return Err(DomainError::RateLimited);
        };
        let Some((attempt, browser_hash)) = self.store.take_sso_attempt(&auth::hash_secret(state), now).await? else {
            return Err(DomainError::NotFound("sso_attempt"));
        };
        let same_browser = browser.is_some_and(|b| auth::same_secret(&auth::hash_secret(b), &browser_hash));
        if !same_browser {
            return Err(DomainError::Forbidden("sso_other_browser"));
        }
        self.store.forget_login_attempts(&reservation, &[]).await?;
        Ok(attempt)
    }

    /// Signs in the person a provider vouched for, linking or creating them as the rules say.
    pub async fn sign_in_with_sso(&self, identity: &VerifiedIdentity) -> DomainResult<SignedIn> {
        let now = self.now();
        let user = match self.store.sso_identity_user(&identity.provider, &identity.subject).await? {
            Some(id) => self.store.get_user(id).await?.ok_or(DomainError::NotFound("user"))?,
            None => self.link_or_create(identity).await?,
        };
        if !user.active {
            return Err(DomainError::Forbidden("sso_inactive"));
        }
        // A person who turned on two-step sign-in gives their code after the provider too: the
        // provider's word replaces the password, not the second step.
        if user.two_factor {
            return self.begin_second_step(user).await;
        }
        let audit = AuditEntry::new(now, Some(user.id), "user.sign_in", "user")
            .id(user.id.0)
            .details(json!({ "provider": identity.provider }));
        self.store.record_audit(audit).await?;
        let session_secret = auth::new_secret();
        self.store
            .create_sso_session(
                &auth::hash_secret(&session_secret),
                user.id,
                &identity.provider,
                &identity.subject,
                now,
                now + auth::SESSION_LIFETIME,
            )
            .await?;
        Ok(SignedIn { user, session_secret, second_step: false })
    }

    /// The organization an identity names: by the CVR number in its claim, or by the code or
    /// CVR number configured for its tenant.
    async fn sso_organization(&self, key: Option<&OrgKey>) -> DomainResult<Organization> {
        let unknown = DomainError::Forbidden("sso_unknown_organization");
        let found = match key {
            Some(OrgKey::Cvr(cvr)) => self.store.find_organization_by_cvr(cvr).await?,
            Some(OrgKey::Configured(key)) => match sso::normalise_cvr(key) {
                Some(cvr) => self.store.find_organization_by_cvr(&cvr).await?,
                None => self.store.find_organization_by_code(key.trim()).await?,
            },
            None => return Err(DomainError::Forbidden("sso_no_organization")),
        };
        found.ok_or(unknown)
    }

    async fn link_or_create(&self, identity: &VerifiedIdentity) -> DomainResult<User> {
        let org = self.sso_organization(identity.org.as_ref()).await?;
        let email = identity
            .email
            .as_deref()
            .and_then(|e| Email::parse(e).ok())
            .ok_or(DomainError::Forbidden("sso_no_email"))?
            .into_string();
        let now = self.now();
        if let Some(existing) = self.store.find_login_candidate(&email).await?.map(|c| c.user) {
            // Linking gives the provider's person this account: only when the provider vouches
            // for the address, and only within the organization the account belongs to.
            if !identity.email_verified {
                return Err(DomainError::Forbidden("sso_email_unverified"));
            }
            if existing.org_id != Some(org.id) {
                return Err(DomainError::Forbidden("sso_other_organization"));
            }
            let audit = AuditEntry::new(now, Some(existing.id), "user.sso_link", "user")
                .id(existing.id.0)
                .details(json!({ "provider": identity.provider }));
            match self.store.link_sso_identity(existing.id, &identity.provider, &identity.subject, audit).await {
                Ok(()) | Err(DomainError::Conflict(_)) => {}
                Err(e) => return Err(e),
            }
            return self.linked_user(identity).await;
        }
        let input = UserAdminInput {
            name: sso::display_name(identity.name.as_deref(), &email),
            email: email.clone(),
            org_id: Some(org.id),
            language: Language::Da,
            is_admin: false,
            is_moderator: false,
            active: true,
        };
        let audit = AuditEntry::new(now, None, "user.sso_create", "user")
            .details(json!({ "provider": identity.provider, "organization": org.id.0 }));
        let notification = self.new_person_notice(org.id).await?;
        match self
            .store
            .create_sso_user(&input, &identity.provider, &identity.subject, audit, notification.as_ref())
            .await
        {
            Ok(user) => Ok(user),
            // A parallel first sign-in of the same person created them: sign in that person.
            Err(DomainError::Conflict(_) | DomainError::Invalid(_)) => self.linked_user(identity).await,
            Err(e) => Err(e),
        }
    }

    async fn linked_user(&self, identity: &VerifiedIdentity) -> DomainResult<User> {
        let id = self
            .store
            .sso_identity_user(&identity.provider, &identity.subject)
            .await?
            .ok_or(DomainError::Forbidden("sso_email_taken"))?;
        self.store.get_user(id).await?.ok_or(DomainError::NotFound("user"))
    }

    /// The coordinators of the groups an organization belongs to hear that one of its people
    /// signed in for the first time and has no group yet (the new person is the notice's actor,
    /// filled in by storage).
    async fn new_person_notice(&self, org: OrgId) -> DomainResult<Option<NewNotification>> {
        let mut recipients: Vec<UserId> = Vec::new();
        for group in self.store.groups_of_organization(org).await? {
            for coordinator in self.store.group_coordinators(group.id).await? {
                if !recipients.contains(&coordinator.user_id) {
                    recipients.push(coordinator.user_id);
                }
            }
        }
        if recipients.is_empty() {
            return Ok(None);
        }
        let notification = NewNotification {
            recipients,
            email_now: Vec::new(),
            kind: NotificationKind::NewPerson,
            subject: Subject::Person(None),
            actor: None,
            move_kind: None,
            to_status: None,
            at: self.now(),
        };
        Ok(Some(self.with_email_now(notification).await?))
    }

    /// The providers a person has signed in with (their profile shows them).
    pub async fn my_sso_identities(&self, actor: &Actor) -> DomainResult<Vec<LinkedIdentity>> {
        self.store.sso_identities_of(actor.user.id).await
    }

    /// An administrator requires (or no longer requires) single sign-on for an organization.
    /// Requiring it for their own organization is refused while they have not signed in through
    /// a provider themselves (they would lock themselves out).
    pub async fn set_sso_required(&self, actor: &Actor, org: OrgId, required: bool) -> DomainResult<()> {
        actor.require_admin()?;
        self.store.get_organization(org).await?.ok_or(DomainError::NotFound("organization"))?;
        if required && actor.user.org_id == Some(org) && self.store.sso_identities_of(actor.user.id).await?.is_empty() {
            return Err(DomainError::Conflict("sso_yourself_first"));
        }
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "organization.sso_required", "organization")
            .id(org.0)
            .details(json!({ "required": required }));
        self.store.set_organization_sso_required(org, required, audit).await
    }

    /// The providers administrators keep in the administration (beside those of the
    /// configuration file), read for every sign-in so that a change made on any node counts at
    /// once. A stored value that no longer reads (written by a newer version) gives none.
    pub async fn stored_sso_providers(&self) -> DomainResult<Vec<ProviderSettings>> {
        let raw = self.store.setting(sso::PROVIDERS_SETTING).await?;
        Ok(raw.and_then(|r| serde_json::from_str(&r).ok()).unwrap_or_default())
    }

    /// The providers administrators keep, as the administration lists them (administrators).
    pub async fn sso_providers_kept(&self, actor: &Actor) -> DomainResult<Vec<ProviderSettings>> {
        actor.require_admin()?;
        self.stored_sso_providers().await
    }

    /// An administrator adds a provider (`creating`) or changes one they keep. The ids of the
    /// configuration file's providers (`configured`) are taken. An empty client secret keeps
    /// the one stored (the secret is never shown again). The audit trail records what changed,
    /// never the secret. Two administrators changing providers at once both keep their change.
    pub async fn save_sso_provider(
        &self,
        actor: &Actor,
        form: &ProviderForm,
        configured: &[String],
        creating: bool,
    ) -> DomainResult<ProviderSettings> {
        actor.require_admin()?;
        let (settings, errors) = form.settings();
        if !errors.is_empty() {
            // The id's own rules first; the list is read below only for the rest.
            return Err(DomainError::Invalid(with_id_rules(errors, &settings, configured, None, creating)));
        }
        let action = if creating { "sso.provider_added" } else { "sso.provider_changed" };
        let details = json!({
            "provider": settings.id,
            "issuer": settings.issuer,
            "client_id": settings.client_id,
            "cvr_claim": settings.cvr_claim,
            "tenants": settings.tenants.len(),
        });
        self.change_kept_providers(actor, action, details, |kept| {
            let existing = kept.iter().position(|p| p.id == settings.id);
            if !creating && existing.is_none() {
                return Err(DomainError::NotFound("sso_provider"));
            }
            let errors = with_id_rules(crate::FieldErrors::new(), &settings, configured, existing, creating);
            if !errors.is_empty() {
                return Err(DomainError::Invalid(errors));
            }
            let mut saved = settings.clone();
            match existing {
                Some(i) => {
                    if saved.client_secret.is_empty() {
                        saved.client_secret = kept[i].client_secret.clone();
                    }
                    kept[i] = saved.clone();
                }
                None => kept.push(saved.clone()),
            }
            Ok(saved)
        })
        .await
    }

    /// An administrator removes a provider they keep. People linked to it keep their accounts
    /// (and their links, should it be added again under the same id).
    pub async fn remove_sso_provider(&self, actor: &Actor, id: &str) -> DomainResult<()> {
        actor.require_admin()?;
        self.change_kept_providers(actor, "sso.provider_removed", json!({ "provider": id }), |kept| {
            let before = kept.len();
            kept.retain(|p| p.id != id);
            if kept.len() == before { Err(DomainError::NotFound("sso_provider")) } else { Ok(()) }
        })
        .await
    }

    /// Changes the kept providers as `change` says, written only over the list it was made
    /// from (read again and made again when another change came first).
    async fn change_kept_providers<T>(
        &self,
        actor: &Actor,
        action: &'static str,
        details: serde_json::Value,
        change: impl Fn(&mut Vec<ProviderSettings>) -> DomainResult<T>,
    ) -> DomainResult<T> {
        // Each round at least one of the changes racing each other is written, so as many rounds
        // as there are administrators changing providers at once suffice; a short random pause
        // spreads out those that lost.
        for attempt in 0..32 {
            if attempt > 0 {
                let mut byte = [0u8; 1];
                let _ = getrandom::fill(&mut byte);
                tokio::time::sleep(std::time::Duration::from_millis(u64::from(byte[0] % 20) + 1)).await;
            }
            let before = self.store.setting(sso::PROVIDERS_SETTING).await?;
            // A list that does not read (written by a newer version) is not written over.
            let mut kept: Vec<ProviderSettings> = match before.as_deref() {
                Some(raw) => serde_json::from_str(raw)
                    .map_err(|e| DomainError::Internal(format!("the kept providers do not read: {e}")))?,
                None => Vec::new(),
            };
            let answer = change(&mut kept)?;
            let value = serde_json::to_string(&kept).map_err(|e| DomainError::Internal(e.to_string()))?;
            let audit = AuditEntry::new(self.now(), Some(actor.user.id), action, "settings").details(details.clone());
            let now = self.now();
            if self
                .store
                .replace_setting(sso::PROVIDERS_SETTING, before.as_deref(), &value, actor.user.id, now, audit)
                .await?
            {
                return Ok(answer);
            }
        }
        Err(DomainError::Unavailable("the providers kept changing; try again".into()))
    }
}

/// The rules for a provider's id: not one of the configuration file's, not one kept already
/// when adding.
fn with_id_rules(
    mut errors: crate::FieldErrors,
    settings: &ProviderSettings,
    configured: &[String],
    existing: Option<usize>,
    creating: bool,
) -> crate::FieldErrors {
    if configured.contains(&settings.id) {
        errors.add("provider_id", "sso_id_configured");
    } else if creating && existing.is_some() {
        errors.add("provider_id", "sso_id_taken");
    }
    errors
}
