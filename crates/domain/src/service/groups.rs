//! Groups and their membership: read by everyone signed in, kept by administrators.

use super::authorise;
use super::{Actor, Services};
use crate::audit::AuditEntry;
use crate::collation::sort_danish_by;
use crate::error::{DomainError, DomainResult};
use crate::group::{Group, GroupForm, GroupKind, GroupMember, GroupRole, GroupSummary};
use crate::ids::{GroupId, OrgId, UserId};
use crate::org::{OrgKind, Organization};
use serde::Serialize;
use serde_json::json;

/// A group as its page shows it: its coordinators by name, its other members counted (an
/// erfagruppe can have a thousand; [`Services::group_detail`] lists them all).
#[derive(Debug, Clone, Serialize)]
pub struct GroupOverview {
    pub group: Group,
    pub region: Option<Organization>,
    pub organizations: Vec<Organization>,
    pub coordinators: Vec<GroupMember>,
    pub member_count: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupDetail {
    pub group: Group,
    pub region: Option<Organization>,
    pub organizations: Vec<Organization>,
    pub coordinators: Vec<GroupMember>,
    pub members: Vec<GroupMember>,
}

/// Steering, product, then erfagrupper.
fn kind_order(kind: GroupKind) -> u8 {
    match kind {
        GroupKind::Steering => 0,
        GroupKind::Product => 1,
        GroupKind::Erfa => 2,
    }
}

impl Services {
    /// Groups in the order a person looks for them: steering, product, then erfagrupper A–Å.
    pub async fn list_groups(&self, _actor: &Actor) -> DomainResult<Vec<GroupSummary>> {
        self.list_groups_as_operator().await
    }

    /// The groups, for the operator's command line.
    pub async fn list_groups_as_operator(&self) -> DomainResult<Vec<GroupSummary>> {
        let mut groups = self.store.list_groups().await?;
        sort_danish_by(&mut groups, |g| g.group.name.as_str());
        groups.sort_by_key(|g| kind_order(g.group.kind));
        Ok(groups)
    }

    /// What the idea's journey lacks (administrators): groups of each kind, a coordinator in
    /// every group.
    pub async fn setup_warnings(&self, actor: &Actor) -> DomainResult<Vec<crate::group::SetupWarning>> {
        actor.require_admin()?;
        Ok(crate::group::setup_warnings(&self.list_groups(actor).await?))
    }

    /// The groups alone, in the same order, for a filter's choices: without the member counts
    /// and coordinators [`Self::list_groups`] reads for every group.
    /// A group by its id (groups and their names are no secret: the community is open to its
    /// members, and a feed's reader has shown a valid link).
    pub async fn find_group(&self, id: GroupId) -> DomainResult<Option<Group>> {
        self.store.get_group(id).await
    }

    pub async fn group_choices(&self, _actor: &Actor) -> DomainResult<Vec<Group>> {
        self.groups_in_order().await
    }

    /// Every group, in the order the choices show them: by kind, then by Danish name.
    pub(crate) async fn groups_in_order(&self) -> DomainResult<Vec<Group>> {
        let mut groups = self.store.all_groups().await?;
        sort_danish_by(&mut groups, |g| g.name.as_str());
        groups.sort_by_key(|g| kind_order(g.kind));
        Ok(groups)
    }

    pub async fn group_detail(&self, _actor: &Actor, id: GroupId) -> DomainResult<GroupDetail> {
        let (group, region, organizations) = self.group_with_organizations(id).await?;
        let mut people = self.store.group_members(id).await?;
        sort_danish_by(&mut people, |m| m.name.as_str());
        let (coordinators, members) = people.into_iter().partition(|m| m.role == GroupRole::Coordinator);
        Ok(GroupDetail { group, region, organizations, coordinators, members })
    }

    pub async fn group_overview(&self, _actor: &Actor, id: GroupId) -> DomainResult<GroupOverview> {
        let (group, region, organizations) = self.group_with_organizations(id).await?;
        let mut coordinators = self.store.group_coordinators(id).await?;
        sort_danish_by(&mut coordinators, |m| m.name.as_str());
        let member_count = self.store.group_member_count(id).await?;
        Ok(GroupOverview { group, region, organizations, coordinators, member_count })
    }

    /// The group, its region and its organizations A–Å.
    async fn group_with_organizations(
        &self,
        id: GroupId,
    ) -> DomainResult<(Group, Option<Organization>, Vec<Organization>)> {
        let group = self.store.get_group(id).await?.ok_or(DomainError::NotFound("group"))?;
        let region = match group.region_id {
            Some(region) => self.store.get_organization(region).await?,
            None => None,
        };
        let mut organizations = self.store.group_organizations(id).await?;
        sort_danish_by(&mut organizations, |o| o.name.as_str());
        Ok((group, region, organizations))
    }

    async fn check_group_region(&self, region_id: Option<OrgId>) -> DomainResult<()> {
        if let Some(region_id) = region_id {
            match self.store.get_organization(region_id).await? {
                Some(org) if org.kind == OrgKind::Region => {}
                _ => return Err(DomainError::invalid("region_id", "region_unknown")),
            }
        }
        Ok(())
    }

    pub async fn create_group(&self, actor: &Actor, form: &GroupForm) -> DomainResult<Group> {
        self.create_group_by(Some(actor), form).await
    }

    /// The same on the operator's authority (the command line, which has no one to check).
    pub async fn create_group_as_operator(&self, form: &GroupForm) -> DomainResult<Group> {
        self.create_group_by(None, form).await
    }

    async fn create_group_by(&self, actor: Option<&Actor>, form: &GroupForm) -> DomainResult<Group> {
        let by = authorise(actor)?;
        let input = form.parse()?;
        self.check_group_region(input.region_id).await?;
        let audit = AuditEntry::new(self.now(), by, "group.create", "group")
            .details(json!({ "name": input.name, "kind": input.kind.as_str() }));
        self.store.insert_group(&input, audit).await
    }

    pub async fn update_group(&self, actor: &Actor, id: GroupId, form: &GroupForm) -> DomainResult<Group> {
        actor.require_admin()?;
        let input = form.parse()?;
        self.check_group_region(input.region_id).await?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "group.update", "group")
            .id(id.0)
            .details(json!({ "name": input.name, "kind": input.kind.as_str() }));
        self.store.update_group(id, &input, audit).await
    }

    /// A group by its name (the command line names groups).
    pub async fn group_by_name(&self, name: &str) -> DomainResult<Option<Group>> {
        self.store.find_group_by_name(name.trim()).await
    }

    async fn existing_group(&self, id: GroupId) -> DomainResult<Group> {
        self.store.get_group(id).await?.ok_or(DomainError::NotFound("group"))
    }

    /// Adds a customer organization to a group (an erfagruppe's member municipalities).
    pub async fn add_group_organization(&self, actor: &Actor, group: GroupId, org: OrgId) -> DomainResult<()> {
        self.add_group_organization_by(Some(actor), group, org).await
    }

    /// The same on the operator's authority (the command line, which has no one to check).
    pub async fn add_group_organization_as_operator(&self, group: GroupId, org: OrgId) -> DomainResult<()> {
        self.add_group_organization_by(None, group, org).await
    }

    async fn add_group_organization_by(&self, actor: Option<&Actor>, group: GroupId, org: OrgId) -> DomainResult<()> {
        let by = authorise(actor)?;
        self.existing_group(group).await?;
        if self.store.get_organization(org).await?.is_none() {
            return Err(DomainError::invalid("org_id", "organization_unknown"));
        }
        let audit = AuditEntry::new(self.now(), by, "group.add_organization", "group")
            .id(group.0)
            .details(json!({ "organization": org }));
        self.store.add_group_organization(group, org, audit).await
    }

    pub async fn remove_group_organization(&self, actor: &Actor, group: GroupId, org: OrgId) -> DomainResult<()> {
        actor.require_admin()?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "group.remove_organization", "group")
            .id(group.0)
            .details(json!({ "organization": org }));
        self.store.remove_group_organization(group, org, audit).await
    }

    /// Makes a person a member of a group with a role, or changes their role there.
    pub async fn set_group_member(
        &self,
        actor: &Actor,
        group: GroupId,
        user: UserId,
        role: GroupRole,
    ) -> DomainResult<()> {
        self.set_group_member_by(Some(actor), group, user, role).await
    }

    /// The same on the operator's authority (the command line, which has no one to check).
    pub async fn set_group_member_as_operator(
        &self,
        group: GroupId,
        user: UserId,
        role: GroupRole,
    ) -> DomainResult<()> {
        self.set_group_member_by(None, group, user, role).await
    }

    async fn set_group_member_by(
        &self,
        actor: Option<&Actor>,
        group: GroupId,
        user: UserId,
        role: GroupRole,
    ) -> DomainResult<()> {
        let by = authorise(actor)?;
        self.existing_group(group).await?;
        if self.store.get_user(user).await?.is_none() {
            return Err(DomainError::invalid("user_id", "user_unknown"));
        }
        let audit = AuditEntry::new(self.now(), by, "group.set_member", "group")
            .id(group.0)
            .details(json!({ "user": user, "role": role.as_str() }));
        self.store.set_group_member(group, user, role, audit).await
    }

    pub async fn remove_group_member(&self, actor: &Actor, group: GroupId, user: UserId) -> DomainResult<()> {
        self.remove_group_member_by(Some(actor), group, user).await
    }

    /// The same on the operator's authority (the command line, which has no one to check).
    pub async fn remove_group_member_as_operator(&self, group: GroupId, user: UserId) -> DomainResult<()> {
        self.remove_group_member_by(None, group, user).await
    }

    async fn remove_group_member_by(&self, actor: Option<&Actor>, group: GroupId, user: UserId) -> DomainResult<()> {
        let by = authorise(actor)?;
        let audit = AuditEntry::new(self.now(), by, "group.remove_member", "group")
            .id(group.0)
            .details(json!({ "user": user }));
        self.store.remove_group_member(group, user, audit).await
    }
}
