//! People: one's own overview and profile; administrators invite and edit.

use super::{Actor, Services};
use crate::audit::{AuditEntry, AuditRecord};
use crate::auth;
use crate::collation::sort_danish_by;
use crate::error::{DomainError, DomainResult};
use crate::ids::UserId;
use crate::org::Organization;
use crate::store::Membership;
use crate::user::{ProfileForm, User, UserAdminForm};
use serde::Serialize;
use serde_json::json;

/// "Mit overblik": what a person sees first.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub memberships: Vec<Membership>,
    pub organization: Option<Organization>,
    /// My next meetings.
    pub upcoming: Vec<crate::meeting::Meeting>,
    /// The tovholdergruppe's latest decisions: what travels back to everyone.
    pub steering_decisions: Vec<crate::meeting::Decision>,
    /// Tovholdergruppe decisions the erfagrupper I coordinate have yet to present.
    pub to_present: Vec<crate::meeting::Presentation>,
    /// My ideas that wait for my answer ("Mangler information": the product managers asked).
    pub awaiting_my_answer: Vec<crate::idea::Idea>,
    /// How many ideas I wrote are still on their way (drafts included).
    pub my_open_ideas: i64,
    /// The queues I work: each group I coordinate, and the tovholdergruppe or product group I
    /// am in, with how many ideas it holds now.
    pub queues: Vec<Queue>,
    /// Prioritization rounds open for ballots now.
    pub open_rounds: Vec<crate::round::Round>,
}

/// A group's queue on the start page: the ideas it holds now.
#[derive(Debug, Clone, Serialize)]
pub struct Queue {
    pub group: crate::group::Group,
    pub waiting: i64,
}

/// A new invitation: the person and the one-time secret for their link.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub user: User,
    pub secret: String,
}

impl Services {
    /// A person by their e-mail address, for the operator's command line.
    pub async fn person_by_email(&self, email: &str) -> DomainResult<Option<User>> {
        Ok(self.store.find_login_candidate(&email.trim().to_lowercase()).await?.map(|c| c.user))
    }

    pub async fn overview(&self, actor: &Actor) -> DomainResult<Overview> {
        let mut memberships = self.store.memberships_of_user(actor.user.id).await?;
        sort_danish_by(&mut memberships, |m| m.group.name.as_str());
        let organization = match actor.user.org_id {
            Some(org) => self.store.get_organization(org).await?,
            None => None,
        };
        let upcoming = self
            .store
            .list_meetings(&crate::store::MeetingFilter {
                invited: Some(actor.user.id),
                ends_after: Some(self.now()),
                limit: 5,
                ..Default::default()
            })
            .await?;
        let steering_decisions = self
            .store
            .list_decisions(&crate::meeting::DecisionFilter {
                group_kind: Some(crate::group::GroupKind::Steering),
                limit: Some(5),
                titles_only: true,
                ..Default::default()
            })
            .await?;
        let mut to_present = Vec::new();
        for m in memberships
            .iter()
            .filter(|m| m.group.kind == crate::group::GroupKind::Erfa && m.role == crate::group::GroupRole::Coordinator)
        {
            to_present.extend(self.store.presentations(None, Some(m.group.id), true).await?);
        }
        use crate::group::{GroupKind, GroupRole};
        use crate::idea::{IdeaFilter, IdeaSort, IdeaStatus};
        let mine = |status: Option<IdeaStatus>| IdeaFilter {
            author: Some(actor.user.id),
            status,
            open_only: status.is_none(),
            viewer: Some(actor.user.id),
            ..Default::default()
        };
        let awaiting_my_answer =
            self.store.list_ideas(&mine(Some(IdeaStatus::NeedsInformation)), IdeaSort::Newest, 1, 10).await?.ideas;
        let my_open_ideas = self.store.list_ideas(&mine(None), IdeaSort::Newest, 1, 1).await?.total;
        let mut queues = Vec::new();
        for m in &memberships {
            if m.role == GroupRole::Coordinator || m.group.kind != GroupKind::Erfa {
                let held = IdeaFilter { holder: Some(m.group.id), open_only: true, ..Default::default() };
                let waiting = self.store.list_ideas(&held, IdeaSort::LongestWaiting, 1, 1).await?.total;
                queues.push(Queue { group: m.group.clone(), waiting });
            }
        }
        let now = self.now();
        let open_rounds =
            self.store.list_rounds().await?.into_iter().filter(|r| r.phase(now) == crate::round::Phase::Open).collect();
        Ok(Overview {
            memberships,
            organization,
            upcoming,
            steering_decisions,
            to_present,
            awaiting_my_answer,
            my_open_ideas,
            queues,
            open_rounds,
        })
    }

    pub async fn update_profile(&self, actor: &Actor, form: &ProfileForm) -> DomainResult<User> {
        let input = form.parse()?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "user.profile", "user")
            .id(actor.user.id.0)
            .details(json!({ "name": input.name, "email": input.email, "language": input.language.as_str() }));
        self.store.update_profile(actor.user.id, &input.name, &input.email, input.language, audit).await
    }

    pub async fn list_users(&self, actor: &Actor) -> DomainResult<Vec<User>> {
        actor.require_admin()?;
        let mut users = self.store.list_users().await?;
        sort_danish_by(&mut users, |u| u.name.as_str());
        Ok(users)
    }

    /// A person's account. An administrator looking at someone else's is written to the audit
    /// trail: who looked at whose personal data, and when.
    pub async fn get_user(&self, actor: &Actor, id: UserId) -> DomainResult<User> {
        if actor.user.id == id {
            return self.store.get_user(id).await?.ok_or(DomainError::NotFound("user"));
        }
        actor.require_admin()?;
        let person = self.store.get_user(id).await?.ok_or(DomainError::NotFound("user"))?;
        self.store.record_audit(AuditEntry::new(self.now(), Some(actor.user.id), "user.view", "user").id(id.0)).await?;
        Ok(person)
    }

    async fn check_org(&self, org: Option<crate::ids::OrgId>) -> DomainResult<()> {
        if let Some(org) = org
            && self.store.get_organization(org).await?.is_none()
        {
            return Err(DomainError::invalid("org_id", "organization_unknown"));
        }
        Ok(())
    }

    /// Invites a person: the account exists at once, without a password, and a one-time link
    /// lets them choose one. The secret is returned once; only its hash is stored.
    pub async fn invite_user(&self, actor: &Actor, form: &UserAdminForm) -> DomainResult<Invitation> {
        actor.require_admin()?;
        self.invite(Some(actor), form).await
    }

    /// Invites a person on the operator's authority (the command line, which has none to check).
    pub async fn invite_user_as_operator(&self, form: &UserAdminForm) -> DomainResult<Invitation> {
        self.invite(None, form).await
    }

    async fn invite(&self, actor: Option<&Actor>, form: &UserAdminForm) -> DomainResult<Invitation> {
        let mut input = form.parse()?;
        input.active = true;
        self.check_org(input.org_id).await?;
        let secret = auth::new_secret();
        let now = self.now();
        let audit = AuditEntry::new(now, actor.map(|a| a.user.id), "user.invite", "user")
            .details(json!({ "email": input.email, "name": input.name }));
        let hash = auth::hash_secret(&secret);
        let user = self.store.insert_user(&input, None, Some((&hash, now + auth::INVITATION_LIFETIME)), audit).await?;
        Ok(Invitation { user, secret })
    }

    /// A fresh invitation link for a person (e.g. the first one expired); older links stop working.
    pub async fn reinvite_user(&self, actor: &Actor, id: UserId) -> DomainResult<Invitation> {
        actor.require_admin()?;
        let user = self.store.get_user(id).await?.ok_or(DomainError::NotFound("user"))?;
        let secret = auth::new_secret();
        let now = self.now();
        let audit = AuditEntry::new(now, Some(actor.user.id), "user.reinvite", "user").id(id.0);
        self.store.create_invitation(id, &auth::hash_secret(&secret), now + auth::INVITATION_LIFETIME, audit).await?;
        Ok(Invitation { user, secret })
    }

    /// Creates a person with a password directly (the CLI's `admin create-user`, the demo).
    pub async fn create_user_with_password(
        &self,
        actor: Option<&Actor>,
        form: &UserAdminForm,
        password: &str,
    ) -> DomainResult<User> {
        if let Some(actor) = actor {
            actor.require_admin()?;
        }
        let input = form.parse()?;
        auth::validate_new_password(password)?;
        self.check_org(input.org_id).await?;
        let password = password.to_string();
        let hash = super::blocking(move || auth::hash_password(&password)).await??;
        let audit = AuditEntry::new(self.now(), actor.map(|a| a.user.id), "user.create", "user")
            .details(json!({ "email": input.email, "name": input.name }));
        self.store.insert_user(&input, Some(&hash), None, audit).await
    }

    pub async fn update_user(&self, actor: &Actor, id: UserId, form: &UserAdminForm) -> DomainResult<User> {
        actor.require_admin()?;
        let input = form.parse()?;
        if id == actor.user.id && (!input.is_admin || !input.active) {
            // An administrator cannot lock themselves out; another administrator must do it.
            return Err(DomainError::Forbidden("cannot_demote_self"));
        }
        self.check_org(input.org_id).await?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "user.update", "user").id(id.0).details(json!({
            "email": input.email, "name": input.name, "is_admin": input.is_admin, "active": input.active
        }));
        self.store.update_user(id, &input, audit).await
    }

    pub async fn audit_log(&self, actor: &Actor, limit: i64) -> DomainResult<Vec<AuditRecord>> {
        actor.require_admin()?;
        self.store.list_audit(limit.clamp(1, 1000)).await
    }
}
