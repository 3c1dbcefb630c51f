//! People in bulk: what an import would do, row by row (the preview), then all of it or
//! nothing; and the same format out. Administrators only (the command line on the operator's
//! authority).

use super::{Actor, Services, authorise};
use crate::audit::AuditEntry;
use crate::auth;
use crate::error::{DomainError, DomainResult, FieldErrors};
use crate::ids::{GroupId, UserId};
use crate::org::OrgFilter;
use crate::people::{self, MAX_ROWS, PersonRow, PersonTarget, PlannedRow, RowAction};
use crate::user::{Email, NAME_MAX};
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PeopleImported {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Invitation mails queued (new people whose organization does not require single sign-on).
    pub invited: usize,
}

impl Services {
    /// What importing the rows would do, each row on its own (nothing is written). A few reads
    /// whatever the number of rows: people, organizations, groups and memberships once each.
    pub async fn plan_people_import(&self, actor: Option<&Actor>, rows: &[PersonRow]) -> DomainResult<Vec<PlannedRow>> {
        authorise(actor)?;
        if rows.len() > MAX_ROWS {
            return Err(DomainError::invalid("file", "too_many_rows"));
        }
        let users = self.store.list_users().await?;
        let by_email: HashMap<&str, &crate::user::User> = users.iter().map(|u| (u.email.as_str(), u)).collect();
        let orgs = self.store.list_organizations(&OrgFilter::default()).await?;
        let groups = self.store.all_groups().await?;
        let memberships: HashSet<(UserId, GroupId, &'static str)> =
            self.store.all_memberships().await?.into_iter().map(|(u, g, r)| (u, g, r.as_str())).collect();
        let mut seen = HashSet::new();
        let mut planned = Vec::with_capacity(rows.len());
        for row in rows {
            let mut errors = FieldErrors::new();
            let name = row.name.trim().to_string();
            crate::text::check_line(&mut errors, "navn", &name, NAME_MAX);
            if name.is_empty() {
                errors.add("navn", "required");
            }
            let email = match Email::parse(&row.email) {
                Ok(e) => e.into_string(),
                Err(code) => {
                    errors.add("email", code);
                    String::new()
                }
            };
            if !email.is_empty() && !seen.insert(email.clone()) {
                errors.add("email", "duplicate_in_file");
            }
            let key = row.organization.trim();
            let cvr = crate::sso::normalise_cvr(key);
            let org = orgs.iter().find(|o| {
                (!key.is_empty() && o.code.as_deref() == Some(key.trim_start_matches('0')))
                    || (cvr.is_some() && o.cvr == cvr)
                    || o.name.eq_ignore_ascii_case(key)
                    || o.official_name.eq_ignore_ascii_case(key)
            });
            if org.is_none() {
                errors.add("organisation", if key.is_empty() { "required" } else { "organization_not_found" });
            }
            let mut wanted = Vec::new();
            for entry in row.groups.split('|').filter(|e| !e.trim().is_empty()) {
                match people::group_entry(entry) {
                    Some((group_name, role)) => match groups.iter().find(|g| g.name.eq_ignore_ascii_case(group_name)) {
                        Some(g) => wanted.push((g.id, role)),
                        None => errors.add("grupper", "group_unknown"),
                    },
                    None => errors.add("grupper", "group_role_unknown"),
                }
            }
            let roles = match row.roles.as_deref().map(people::roles) {
                Some(None) => {
                    errors.add("roller", "role_unknown");
                    None
                }
                Some(Some(r)) => Some(r),
                None => None,
            };
            let existing = by_email.get(email.as_str()).copied();
            if let (Some(user), Some((admin, _)), Some(actor)) = (existing, roles, actor)
                && user.id == actor.user.id
                && user.is_admin
                && !admin
            {
                errors.add("roller", "cannot_demote_self");
            }
            let (Some(org), true) = (org, errors.0.is_empty()) else {
                planned.push(PlannedRow { row: row.clone(), action: RowAction::Refused { errors }, target: None });
                continue;
            };
            let memberships: Vec<(GroupId, crate::group::GroupRole)> = wanted
                .into_iter()
                .filter(|(g, r)| existing.is_none_or(|u| !memberships.contains(&(u.id, *g, r.as_str()))))
                .collect();
            let action = match existing {
                None => RowAction::Create,
                Some(user) => {
                    let mut changes = Vec::new();
                    if user.name != name {
                        changes.push("navn");
                    }
                    if user.org_id != Some(org.id) {
                        changes.push("organisation");
                    }
                    if roles.is_some_and(|(a, m)| a != user.is_admin || m != user.is_moderator) {
                        changes.push("roller");
                    }
                    if !memberships.is_empty() {
                        changes.push("grupper");
                    }
                    if changes.is_empty() { RowAction::Unchanged } else { RowAction::Update { changes } }
                }
            };
            let target = PersonTarget {
                existing: existing.map(|u| u.id),
                name,
                email,
                org_id: org.id,
                roles,
                memberships,
                invite: existing.is_none() && !org.sso_required,
            };
            planned.push(PlannedRow { row: row.clone(), action, target: Some(target) });
        }
        Ok(planned)
    }

    /// Imports the rows: all of them in one transaction, or, when any row is refused, nothing
    /// (`Conflict("import_refused")`; the preview says why). New people are invited by mail
    /// through the outbox (a link to choose their password, valid for 7 days).
    pub async fn import_people(&self, actor: Option<&Actor>, rows: &[PersonRow]) -> DomainResult<PeopleImported> {
        let by = authorise(actor)?;
        let planned = self.plan_people_import(actor, rows).await?;
        if planned.iter().any(|p| matches!(p.action, RowAction::Refused { .. })) {
            return Err(DomainError::Conflict("import_refused"));
        }
        let count = |f: fn(&RowAction) -> bool| planned.iter().filter(|p| f(&p.action)).count();
        let summary = PeopleImported {
            created: count(|a| matches!(a, RowAction::Create)),
            updated: count(|a| matches!(a, RowAction::Update { .. })),
            unchanged: count(|a| matches!(a, RowAction::Unchanged)),
            invited: planned.iter().filter(|p| p.target.as_ref().is_some_and(|t| t.invite)).count(),
        };
        let targets: Vec<PersonTarget> = planned
            .into_iter()
            .filter(|p| !matches!(p.action, RowAction::Unchanged))
            .filter_map(|p| p.target)
            .collect();
        let now = self.now();
        let audit = AuditEntry::new(now, by, "people.import", "user").details(json!({
            "created": summary.created, "updated": summary.updated, "invited": summary.invited
        }));
        self.store.import_people(&targets, now + auth::INVITATION_LIFETIME, audit).await?;
        Ok(summary)
    }

    /// Everyone in the import's format, sorted by name (Danish order).
    pub async fn export_people(&self, actor: Option<&Actor>) -> DomainResult<Vec<PersonRow>> {
        authorise(actor)?;
        let mut users = self.store.list_users().await?;
        crate::collation::sort_danish_by(&mut users, |u| u.name.as_str());
        let orgs = self.store.list_organizations(&OrgFilter::default()).await?;
        let groups = self.store.all_groups().await?;
        let mut of_user: HashMap<UserId, Vec<String>> = HashMap::new();
        for (user, group, role) in self.store.all_memberships().await? {
            let Some(g) = groups.iter().find(|g| g.id == group) else { continue };
            let entry = match role {
                crate::group::GroupRole::Coordinator => format!("{}:tovholder", g.name),
                crate::group::GroupRole::Member => g.name.clone(),
            };
            of_user.entry(user).or_default().push(entry);
        }
        Ok(users
            .into_iter()
            .filter(|u| u.active)
            .map(|u| {
                let org = u.org_id.and_then(|id| orgs.iter().find(|o| o.id == id));
                let mut groups = of_user.remove(&u.id).unwrap_or_default();
                crate::collation::sort_danish_by(&mut groups, |g| g.as_str());
                PersonRow {
                    line: 0,
                    name: u.name,
                    email: u.email,
                    organization: org
                        .map(|o| o.code.clone().or(o.cvr.clone()).unwrap_or(o.name.clone()))
                        .unwrap_or_default(),
                    groups: groups.join("|"),
                    roles: Some(people::roles_text(u.is_admin, u.is_moderator)),
                }
            })
            .collect())
    }
}
