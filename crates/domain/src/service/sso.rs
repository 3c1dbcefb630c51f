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
use crate::sso::{self, ATTEMPT_LIFETIME, OrgKey, SsoAttempt, VerifiedIdentity};
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
}
