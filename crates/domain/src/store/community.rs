//! The community: organizations, groups and their members, product areas.

use crate::audit::AuditEntry;
use crate::error::DomainResult;
use crate::group::{Group, GroupInput, GroupMember, GroupRole, GroupSummary};
use crate::idea::ProductArea;
use crate::ids::{GroupId, OrgId, ProductAreaId, UserId};
use crate::org::{OrgFilter, Organization, OrganizationInput};
use async_trait::async_trait;
use serde::Serialize;

#[async_trait]
pub trait CommunityStore: Send + Sync {
    async fn list_organizations(&self, filter: &OrgFilter) -> DomainResult<Vec<Organization>>;
    /// Every organization's id and name, in no particular order.
    async fn organization_choices(&self) -> DomainResult<Vec<crate::org::OrgChoice>>;
    async fn get_organization(&self, id: OrgId) -> DomainResult<Option<Organization>>;
    async fn find_organization_by_code(&self, code: &str) -> DomainResult<Option<Organization>>;
    async fn find_organization_by_name(&self, name: &str) -> DomainResult<Option<Organization>>;
    async fn insert_organization(&self, org: &OrganizationInput, audit: AuditEntry) -> DomainResult<Organization>;
    async fn update_organization(
        &self,
        id: OrgId,
        org: &OrganizationInput,
        audit: AuditEntry,
    ) -> DomainResult<Organization>;
    /// Inserts or updates (by code) every row in one transaction: all or nothing.
    async fn import_organizations(
        &self,
        orgs: &[OrganizationInput],
        audit: AuditEntry,
    ) -> DomainResult<Vec<ImportOutcome>>;
    async fn list_groups(&self) -> DomainResult<Vec<GroupSummary>>;
    async fn get_group(&self, id: GroupId) -> DomainResult<Option<Group>>;
    async fn find_group_by_name(&self, name: &str) -> DomainResult<Option<Group>>;
    async fn insert_group(&self, group: &GroupInput, audit: AuditEntry) -> DomainResult<Group>;
    async fn update_group(&self, id: GroupId, group: &GroupInput, audit: AuditEntry) -> DomainResult<Group>;
    async fn group_organizations(&self, id: GroupId) -> DomainResult<Vec<Organization>>;
    async fn group_members(&self, id: GroupId) -> DomainResult<Vec<GroupMember>>;
    /// The group's coordinators alone (a few among its members).
    async fn group_coordinators(&self, id: GroupId) -> DomainResult<Vec<GroupMember>>;
    /// How many active members the group has besides its coordinators.
    async fn group_member_count(&self, id: GroupId) -> DomainResult<i64>;
    async fn add_group_organization(&self, group: GroupId, org: OrgId, audit: AuditEntry) -> DomainResult<()>;
    async fn remove_group_organization(&self, group: GroupId, org: OrgId, audit: AuditEntry) -> DomainResult<()>;
    async fn set_group_member(
        &self,
        group: GroupId,
        user: UserId,
        role: GroupRole,
        audit: AuditEntry,
    ) -> DomainResult<()>;
    async fn remove_group_member(&self, group: GroupId, user: UserId, audit: AuditEntry) -> DomainResult<()>;
    async fn memberships_of_user(&self, user: UserId) -> DomainResult<Vec<Membership>>;
    async fn groups_of_organization(&self, org: OrgId) -> DomainResult<Vec<Group>>;
    /// The group kinds' ids, for the levels of the journey.
    async fn groups_of_kind(&self, kind: crate::group::GroupKind) -> DomainResult<Vec<Group>>;
    /// Every group, in no particular order.
    async fn all_groups(&self) -> DomainResult<Vec<Group>>;
    async fn list_product_areas(&self) -> DomainResult<Vec<ProductArea>>;
    async fn insert_product_area(&self, name: &str, audit: AuditEntry) -> DomainResult<ProductArea>;
    /// The product area a name refers to.
    async fn find_product_area(&self, id: ProductAreaId) -> DomainResult<Option<ProductArea>>;
}

/// A group a person belongs to, with their role there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub group: Group,
    pub role: GroupRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    Inserted,
    Updated,
}
