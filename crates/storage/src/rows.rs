//! Rows as they come from SQL, and their conversion to domain types.

use idespor_domain::audit::AuditRecord;
use idespor_domain::group::{Group, GroupKind, GroupMember, GroupRole};
use idespor_domain::org::{OrgKind, Organization};
use idespor_domain::store::ApiToken;
use idespor_domain::user::{Language, User};
use idespor_domain::{DomainError, DomainResult, GroupId, OrgId, TokenId, UserId};
use jiff::Timestamp;

pub(crate) fn ts(seconds: i64) -> Timestamp {
    Timestamp::from_second(seconds).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn bad(what: &str, value: &str) -> DomainError {
    DomainError::Internal(format!("stored {what} not understood: {value}"))
}

/// The columns of an [`OrgRow`], for `concat!` into static SQL.
macro_rules! org_columns {
    () => {
        "o.id, o.kind, o.name, o.official_name, o.code, o.cvr, o.region_id, o.created_at"
    };
}
pub(crate) use org_columns;

#[derive(sqlx::FromRow)]
pub(crate) struct OrgRow {
    id: i64,
    kind: String,
    name: String,
    official_name: String,
    code: Option<String>,
    cvr: Option<String>,
    region_id: Option<i64>,
    created_at: i64,
}

impl OrgRow {
    pub(crate) fn into_domain(self) -> DomainResult<Organization> {
        Ok(Organization {
            id: OrgId(self.id),
            kind: OrgKind::parse(&self.kind).ok_or_else(|| bad("organization kind", &self.kind))?,
            name: self.name,
            official_name: self.official_name,
            code: self.code,
            cvr: self.cvr,
            region_id: self.region_id.map(OrgId),
            created_at: ts(self.created_at),
        })
    }
}

macro_rules! group_columns {
    () => {
        "g.id, g.kind, g.name, g.description, g.region_id, g.created_at"
    };
}
pub(crate) use group_columns;

#[derive(sqlx::FromRow)]
pub(crate) struct GroupRow {
    id: i64,
    kind: String,
    name: String,
    description: String,
    region_id: Option<i64>,
    created_at: i64,
}

impl GroupRow {
    pub(crate) fn into_domain(self) -> DomainResult<Group> {
        Ok(Group {
            id: GroupId(self.id),
            kind: GroupKind::parse(&self.kind).ok_or_else(|| bad("group kind", &self.kind))?,
            name: self.name,
            description: self.description,
            region_id: self.region_id.map(OrgId),
            created_at: ts(self.created_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct GroupSummaryRow {
    #[sqlx(flatten)]
    pub(crate) group: GroupRow,
    pub(crate) member_count: i64,
    pub(crate) organization_count: i64,
}

#[derive(sqlx::FromRow)]
pub(crate) struct MembershipRow {
    #[sqlx(flatten)]
    pub(crate) group: GroupRow,
    pub(crate) role: String,
}

pub(crate) fn role(value: &str) -> DomainResult<GroupRole> {
    GroupRole::parse(value).ok_or_else(|| bad("group role", value))
}

/// The columns of a [`UserRow`] (from `users u` and `organizations o`).
macro_rules! user_columns {
    () => {
        "u.id, u.email, u.name, u.organization_id, o.name AS org_name, u.language, u.is_admin, u.active, \
         CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS has_password, u.created_at"
    };
}
pub(crate) use user_columns;

/// `SELECT` of a [`UserRow`] with its organization's name, for `concat!` into static SQL.
macro_rules! user_select {
    () => {
        concat!(
            "SELECT ",
            crate::rows::user_columns!(),
            " FROM users u LEFT JOIN organizations o ON o.id = u.organization_id"
        )
    };
}
pub(crate) use user_select;

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: i64,
    email: String,
    name: String,
    organization_id: Option<i64>,
    org_name: Option<String>,
    language: String,
    is_admin: bool,
    active: bool,
    has_password: i32,
    created_at: i64,
}

impl UserRow {
    pub(crate) fn into_domain(self) -> DomainResult<User> {
        Ok(User {
            id: UserId(self.id),
            email: self.email,
            name: self.name,
            org_id: self.organization_id.map(OrgId),
            org_name: self.org_name,
            language: Language::parse(&self.language).ok_or_else(|| bad("language", &self.language))?,
            is_admin: self.is_admin,
            active: self.active,
            has_password: self.has_password != 0,
            created_at: ts(self.created_at),
        })
    }
}

/// A session's person and their unread notifications.
#[derive(sqlx::FromRow)]
pub(crate) struct SessionRow {
    #[sqlx(flatten)]
    pub(crate) user: UserRow,
    pub(crate) unread: i64,
}

#[derive(sqlx::FromRow)]
pub(crate) struct LoginRow {
    #[sqlx(flatten)]
    pub(crate) user: UserRow,
    pub(crate) password_hash: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct MemberRow {
    user_id: i64,
    name: String,
    email: String,
    organization_id: Option<i64>,
    org_name: Option<String>,
    role: String,
}

impl MemberRow {
    pub(crate) fn into_domain(self) -> DomainResult<GroupMember> {
        Ok(GroupMember {
            user_id: UserId(self.user_id),
            name: self.name,
            email: self.email,
            org_id: self.organization_id.map(OrgId),
            org_name: self.org_name,
            role: role(&self.role)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CoordinatorRow {
    pub(crate) group_id: i64,
    pub(crate) user_id: i64,
    pub(crate) name: String,
    pub(crate) org_name: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct TokenRow {
    id: i64,
    name: String,
    created_at: i64,
    last_used_at: Option<i64>,
}

impl TokenRow {
    pub(crate) fn into_domain(self) -> ApiToken {
        ApiToken {
            id: TokenId(self.id),
            name: self.name,
            created_at: ts(self.created_at),
            last_used_at: self.last_used_at.map(ts),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AuditRow {
    id: i64,
    at: i64,
    actor_id: Option<i64>,
    actor_name: Option<String>,
    action: String,
    entity: String,
    entity_id: Option<i64>,
    details: String,
}

impl AuditRow {
    pub(crate) fn into_domain(self) -> AuditRecord {
        AuditRecord {
            id: self.id,
            at: ts(self.at),
            actor: self.actor_id.map(UserId),
            actor_name: self.actor_name,
            action: self.action,
            entity: self.entity,
            entity_id: self.entity_id,
            details: self.details,
        }
    }
}
