//! Organizations: reading them (everyone signed in) and keeping them (administrators).

use super::{Actor, Services};
use crate::audit::AuditEntry;
use crate::collation::sort_danish_by;
use crate::error::{DomainError, DomainResult, FieldErrors};
use crate::group::Group;
use crate::ids::OrgId;
use crate::org::{OrgFilter, OrgKind, Organization, OrganizationForm, OrganizationInput};
use crate::store::ImportOutcome;
use crate::user::User;
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Clone, Serialize)]
pub struct OrgDetail {
    pub organization: Organization,
    pub region: Option<Organization>,
    pub groups: Vec<Group>,
    pub people: Vec<User>,
}

/// One row of an import file with the line it came from, for error messages.
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub line: u64,
    pub form: OrganizationForm,
}

impl Services {
    /// An organization by its kommunekode (leading zeros or not) or its name, for the
    /// operator's command line.
    pub async fn find_organization(&self, key: &str) -> DomainResult<Option<Organization>> {
        let key = key.trim();
        match self.store.find_organization_by_code(key.trim_start_matches('0')).await? {
            Some(org) => Ok(Some(org)),
            None => self.store.find_organization_by_name(key).await,
        }
    }

    /// Organizations in Danish order (Aabenraa with Å), optionally filtered.
    pub async fn list_organizations(&self, _actor: &Actor, filter: &OrgFilter) -> DomainResult<Vec<Organization>> {
        let mut orgs = self.store.list_organizations(filter).await?;
        sort_danish_by(&mut orgs, |o| o.name.as_str());
        Ok(orgs)
    }

    /// The organization a person means by a name typed into a filter: its name, or its name
    /// followed by "kommune" or "region", in any case ("varde", "Varde Kommune"). A filter names
    /// an organization this way rather than offering them all: a hosted community has
    /// thousands.
    pub async fn organization_named(&self, _actor: &Actor, text: &str) -> DomainResult<Option<crate::org::OrgChoice>> {
        self.organization_as_typed(text).await
    }

    /// An organization by its id, code, CVR number or name as typed (with or without
    /// "Kommune"/"Region"), or none.
    pub(crate) async fn organization_as_typed(&self, text: &str) -> DomainResult<Option<crate::org::OrgChoice>> {
        let wanted = text.trim().to_lowercase();
        if wanted.is_empty() {
            return Ok(None);
        }
        // A link names it by id (the organization's page links to its ideas).
        if let Ok(id) = wanted.parse::<i64>() {
            let found = self.store.get_organization(OrgId(id)).await?;
            return Ok(found.map(|o| crate::org::OrgChoice { id: o.id, name: o.name }));
        }
        let bare = ["kommune", "region", "regionen"]
            .iter()
            .find_map(|suffix| wanted.strip_suffix(suffix).map(|w| w.trim().to_string()))
            .unwrap_or_else(|| wanted.clone());
        let orgs = self.store.organization_choices().await?;
        Ok(orgs
            .iter()
            .find(|o| o.name.to_lowercase() == wanted)
            .or_else(|| orgs.iter().find(|o| o.name.to_lowercase() == bare))
            .cloned())
    }

    /// The regions, for filters and forms.
    pub async fn list_regions(&self, actor: &Actor) -> DomainResult<Vec<Organization>> {
        self.list_organizations(actor, &OrgFilter { kind: Some(OrgKind::Region), region_id: None }).await
    }

    pub async fn organization_detail(&self, _actor: &Actor, id: OrgId) -> DomainResult<OrgDetail> {
        let organization = self.store.get_organization(id).await?.ok_or(DomainError::NotFound("organization"))?;
        let region = match organization.region_id {
            Some(region_id) if region_id != id => self.store.get_organization(region_id).await?,
            _ => None,
        };
        let mut groups = self.store.groups_of_organization(id).await?;
        sort_danish_by(&mut groups, |g| g.name.as_str());
        let mut people = self.store.users_of_organization(id).await?;
        people.retain(|u| u.active);
        sort_danish_by(&mut people, |u| u.name.as_str());
        Ok(OrgDetail { organization, region, groups, people })
    }

    /// Checks what a stored organization may point to: a region must be a region.
    async fn check_region(&self, input: &OrganizationInput) -> DomainResult<()> {
        if let Some(region_id) = input.region_id {
            match self.store.get_organization(region_id).await? {
                Some(region) if region.kind == OrgKind::Region => {}
                _ => return Err(DomainError::invalid("region_id", "region_unknown")),
            }
        }
        Ok(())
    }

    pub async fn create_organization(&self, actor: &Actor, form: &OrganizationForm) -> DomainResult<Organization> {
        actor.require_admin()?;
        let input = form.parse()?;
        self.check_region(&input).await?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "organization.create", "organization")
            .details(json!({ "name": input.name, "code": input.code }));
        self.store.insert_organization(&input, audit).await
    }

    pub async fn update_organization(
        &self,
        actor: &Actor,
        id: OrgId,
        form: &OrganizationForm,
    ) -> DomainResult<Organization> {
        actor.require_admin()?;
        let input = form.parse()?;
        self.check_region(&input).await?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "organization.update", "organization")
            .id(id.0)
            .details(json!({ "name": input.name, "code": input.code }));
        self.store.update_organization(id, &input, audit).await
    }

    /// Imports organizations: every row is checked first; one bad row and nothing is written.
    /// Rows whose code already exists update that organization. Regions may be named by code or
    /// by name.
    pub async fn import_organizations(
        &self,
        actor: Option<&Actor>,
        rows: &[ImportRow],
    ) -> Result<Vec<ImportOutcome>, ImportError> {
        if let Some(actor) = actor {
            actor.require_admin().map_err(|e| ImportError { line: 0, error: e })?;
        }
        let regions = self
            .store
            .list_organizations(&OrgFilter { kind: Some(OrgKind::Region), region_id: None })
            .await
            .map_err(|e| ImportError { line: 0, error: e })?;
        let mut inputs = Vec::with_capacity(rows.len());
        let mut seen_codes = std::collections::HashSet::new();
        for row in rows {
            let mut form = row.form.clone();
            // A region may be given by its code (1081) or its name ("Region Nordjylland", or
            // "Nordjylland"), rather than by its id.
            let given = form.region_id.trim().to_lowercase();
            let named = |r: &&crate::org::Organization| {
                let name = r.name.to_lowercase();
                !given.is_empty() && (name == given || name.strip_prefix("region ") == Some(given.as_str()))
            };
            if let Some(region) = regions
                .iter()
                .find(|r| r.code.as_deref() == Some(form.region_id.trim()))
                .or_else(|| regions.iter().find(named))
            {
                form.region_id = region.id.to_string();
            } else if !form.region_id.trim().is_empty() {
                return Err(ImportError { line: row.line, error: DomainError::invalid("region_id", "region_unknown") });
            }
            let input = form.parse().map_err(|error| ImportError { line: row.line, error })?;
            if let Some(code) = &input.code
                && !seen_codes.insert(code.clone())
            {
                return Err(ImportError {
                    line: row.line,
                    error: DomainError::Invalid(FieldErrors::single("code", "code_duplicate_in_file")),
                });
            }
            inputs.push(input);
        }
        let audit = AuditEntry::new(self.now(), actor.map(|a| a.user.id), "organization.import", "organization")
            .details(json!({ "rows": inputs.len() }));
        self.store.import_organizations(&inputs, audit).await.map_err(|error| ImportError { line: 0, error })
    }
}

/// An import that wrote nothing, with the line (1-based, header = line 1) that stopped it.
#[derive(Debug)]
pub struct ImportError {
    pub line: u64,
    pub error: DomainError,
}
