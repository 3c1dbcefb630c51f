//! The rows several areas read, and their conversion to domain types: each mapper reads the
//! columns of its `*_COLUMNS` (or `*_SELECT`) in order, by position.

use crate::sql::Row;
use idespor_domain::audit::AuditRecord;
use idespor_domain::group::{Group, GroupKind, GroupMember, GroupRole};
use idespor_domain::org::{OrgKind, Organization};
use idespor_domain::store::ApiToken;
use idespor_domain::user::{Language, User};
use idespor_domain::{DomainError, DomainResult, GroupId, OrgId, TokenId, UserId};

pub(crate) fn bad(what: &str, value: &str) -> DomainError {
    DomainError::Internal(format!("stored {what} not understood: {value}"))
}

/// The columns [`organization`] reads, from `organizations o`.
pub(crate) const ORG_COLUMNS: &str =
    "o.id, o.kind, o.name, o.official_name, o.code, o.cvr, o.region_id, o.created_at, o.sso_required";

pub(crate) fn organization(r: &Row<'_>) -> DomainResult<Organization> {
    let kind = r.text(1)?;
    Ok(Organization {
        id: OrgId(r.i64(0)?),
        kind: OrgKind::parse(&kind).ok_or_else(|| bad("organization kind", &kind))?,
        name: r.text(2)?,
        official_name: r.text(3)?,
        code: r.opt_text(4)?,
        cvr: r.opt_text(5)?,
        region_id: r.opt_i64(6)?.map(OrgId),
        created_at: r.ts(7)?,
        sso_required: r.bool(8)?,
    })
}

/// The columns [`group`] reads (from `community_groups g`), starting at column `at`.
pub(crate) const GROUP_COLUMNS: &str = "g.id, g.kind, g.name, g.description, g.region_id, g.created_at";
pub(crate) const GROUP_COLUMN_COUNT: usize = 6;

pub(crate) fn group_at(r: &Row<'_>, at: usize) -> DomainResult<Group> {
    let kind = r.text(at + 1)?;
    Ok(Group {
        id: GroupId(r.i64(at)?),
        kind: GroupKind::parse(&kind).ok_or_else(|| bad("group kind", &kind))?,
        name: r.text(at + 2)?,
        description: r.text(at + 3)?,
        region_id: r.opt_i64(at + 4)?.map(OrgId),
        created_at: r.ts(at + 5)?,
    })
}

pub(crate) fn group(r: &Row<'_>) -> DomainResult<Group> {
    group_at(r, 0)
}

pub(crate) fn group_role(value: &str) -> DomainResult<GroupRole> {
    GroupRole::parse(value).ok_or_else(|| bad("group role", value))
}

macro_rules! user_column_list {
    () => {
        "u.id, u.email, u.name, u.organization_id, o.name AS org_name, u.language, u.is_admin, u.active, \
         CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS has_password, u.created_at, u.is_moderator, \
         EXISTS (SELECT 1 FROM two_factor t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) AS two_factor"
    };
}
/// The columns [`user`] reads, from `users u` and `organizations o`.
pub(crate) const USER_COLUMNS: &str = user_column_list!();
pub(crate) const USER_COLUMN_COUNT: usize = 12;
/// `SELECT` of a [`user`] with its organization's name.
pub(crate) const USER_SELECT: &str =
    concat!("SELECT ", user_column_list!(), " FROM users u LEFT JOIN organizations o ON o.id = u.organization_id");

pub(crate) fn user(r: &Row<'_>) -> DomainResult<User> {
    let language = r.text(5)?;
    Ok(User {
        id: UserId(r.i64(0)?),
        email: r.text(1)?,
        name: r.text(2)?,
        org_id: r.opt_i64(3)?.map(OrgId),
        org_name: r.opt_text(4)?,
        language: Language::parse(&language).ok_or_else(|| bad("language", &language))?,
        is_admin: r.bool(6)?,
        active: r.bool(7)?,
        has_password: r.bool(8)?,
        created_at: r.ts(9)?,
        is_moderator: r.bool(10)?,
        two_factor: r.bool(11)?,
    })
}

/// A group's members with their names and organizations, for [`member`].
pub(crate) const MEMBER_SELECT: &str = "SELECT m.user_id, u.name, u.email, u.organization_id, o.name AS org_name, m.role \
     FROM group_members m JOIN users u ON u.id = m.user_id LEFT JOIN organizations o ON o.id = u.organization_id";

pub(crate) fn member(r: &Row<'_>) -> DomainResult<GroupMember> {
    Ok(GroupMember {
        user_id: UserId(r.i64(0)?),
        name: r.text(1)?,
        email: r.text(2)?,
        org_id: r.opt_i64(3)?.map(OrgId),
        org_name: r.opt_text(4)?,
        role: group_role(&r.text(5)?)?,
    })
}

pub(crate) const TOKEN_COLUMNS: &str = "id, name, created_at, last_used_at";

pub(crate) fn token(r: &Row<'_>) -> DomainResult<ApiToken> {
    Ok(ApiToken { id: TokenId(r.i64(0)?), name: r.text(1)?, created_at: r.ts(2)?, last_used_at: r.opt_ts(3)? })
}

pub(crate) fn audit_record(r: &Row<'_>) -> DomainResult<AuditRecord> {
    Ok(AuditRecord {
        id: r.i64("id")?,
        at: r.ts("at")?,
        actor: r.opt_i64("actor_id")?.map(UserId),
        actor_name: r.opt_text("actor_name")?,
        action: r.text("action")?,
        entity: r.text("entity")?,
        entity_id: r.opt_i64("entity_id")?,
        details: r.text("details")?,
    })
}
