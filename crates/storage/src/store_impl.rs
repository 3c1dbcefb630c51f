//! The [`Store`] implementation, written once for both backends.

use crate::db::{BeginWrite, Db, map_err, unique_as, with_db};
use crate::rows::*;
use async_trait::async_trait;
use idespor_domain::audit::{AuditEntry, AuditRecord};
use idespor_domain::group::GroupKind;
use idespor_domain::group::{Group, GroupInput, GroupMember, GroupRole, GroupSummary, PersonRef};
use idespor_domain::idea::{
    Comment, Idea, IdeaEvent, IdeaFilter, IdeaInput, IdeaPage, IdeaSort, ProductArea, Provenance, Release, Supporter,
};
use idespor_domain::mail::{Cadence, DigestKind, OutboxMessage, OutboxStatus};
use idespor_domain::meeting::{
    AgendaItem, AgendaItemInput, Attendee, Decision, DecisionFilter, Meeting, MeetingInput, Presentation,
};
use idespor_domain::notify::{NewNotification, Notification, NotificationKind};
use idespor_domain::org::{OrgFilter, Organization, OrganizationInput};
use idespor_domain::store::ReleaseInput;
use idespor_domain::store::{
    AccountStore, CommunityStore, ExportStore, FigureStore, IdeaStore, MailStore, MeetingStore, NotificationStore,
    RoadmapStore, RoundStore,
};
use idespor_domain::store::{ApiToken, ImportOutcome, LoginCandidate, Membership, Store};
use idespor_domain::store::{DigestItem, MeetingFilter, NewDecision, NewMeeting};
use idespor_domain::user::{Language, User, UserAdminInput};
use idespor_domain::{AgendaItemId, DecisionId, MeetingId};
use idespor_domain::{
    CommentId, DomainError, DomainResult, GroupId, IdeaId, OrgId, ProductAreaId, ReleaseId, TokenId, UserId,
};
use jiff::Timestamp;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct SqlStore {
    db: Db,
}

impl SqlStore {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
    pub fn db(&self) -> &Db {
        &self.db
    }
}

/// Writes an audit entry inside the transaction `$tx`.
macro_rules! write_audit {
    ($tx:expr, $audit:expr, $entity_id:expr) => {{
        let audit: &AuditEntry = &$audit;
        let entity_id: Option<i64> = audit.entity_id.or($entity_id);
        sqlx::query(
            "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, details) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(audit.at.as_second())
        .bind(audit.actor.map(|a| a.0))
        .bind(audit.action)
        .bind(audit.entity)
        .bind(entity_id)
        .bind(audit.details.to_string())
        .execute(&mut *$tx)
        .await
        .map_err(map_err)?;
    }};
}

pub(crate) use write_audit;

fn orgs(rows: Vec<OrgRow>) -> DomainResult<Vec<Organization>> {
    rows.into_iter().map(OrgRow::into_domain).collect()
}

fn users(rows: Vec<UserRow>) -> DomainResult<Vec<User>> {
    rows.into_iter().map(UserRow::into_domain).collect()
}

const ORG_INSERT: &str = "INSERT INTO organizations (kind, name, official_name, code, cvr, region_id, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
const ORG_UPDATE: &str = "UPDATE organizations SET kind = $1, name = $2, official_name = $3, code = $4, cvr = $5, \
     region_id = $6 WHERE id = $7";

/// A group's members with their names and organizations, for `MemberRow`.
macro_rules! member_select {
    () => {
        "SELECT m.user_id, u.name, u.email, u.organization_id, o.name AS org_name, m.role \
         FROM group_members m JOIN users u ON u.id = m.user_id LEFT JOIN organizations o ON o.id = u.organization_id"
    };
}

#[async_trait]
impl Store for SqlStore {
    async fn ping(&self) -> DomainResult<()> {
        with_db!(&self.db, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()).map_err(|e| {
            DomainError::Unavailable(e.to_string())
        }))
    }
}

#[async_trait]
impl CommunityStore for SqlStore {
    async fn list_organizations(&self, filter: &OrgFilter) -> DomainResult<Vec<Organization>> {
        let sql = concat!(
            "SELECT ",
            org_columns!(),
            " FROM organizations o WHERE ($1 IS NULL OR o.kind = $1) AND ($2 IS NULL OR o.region_id = $2 OR o.id = $2)"
        );
        let kind = filter.kind.map(|k| k.as_str());
        let region = filter.region_id.map(|r| r.0);
        let rows: Vec<OrgRow> =
            with_db!(&self.db, pool => sqlx::query_as(sql).bind(kind).bind(region).fetch_all(pool).await)
                .map_err(map_err)?;
        orgs(rows)
    }

    async fn organization_choices(&self) -> DomainResult<Vec<idespor_domain::org::OrgChoice>> {
        let rows: Vec<(i64, String)> =
            with_db!(&self.db, pool => sqlx::query_as("SELECT id, name FROM organizations").fetch_all(pool).await)
                .map_err(map_err)?;
        Ok(rows.into_iter().map(|(id, name)| idespor_domain::org::OrgChoice { id: OrgId(id), name }).collect())
    }

    async fn get_organization(&self, id: OrgId) -> DomainResult<Option<Organization>> {
        let sql = concat!("SELECT ", org_columns!(), " FROM organizations o WHERE o.id = $1");
        let row: Option<OrgRow> =
            with_db!(&self.db, pool => sqlx::query_as(sql).bind(id.0).fetch_optional(pool).await).map_err(map_err)?;
        row.map(OrgRow::into_domain).transpose()
    }

    async fn find_organization_by_code(&self, code: &str) -> DomainResult<Option<Organization>> {
        let sql = concat!("SELECT ", org_columns!(), " FROM organizations o WHERE o.code = $1");
        let row: Option<OrgRow> =
            with_db!(&self.db, pool => sqlx::query_as(sql).bind(code).fetch_optional(pool).await).map_err(map_err)?;
        row.map(OrgRow::into_domain).transpose()
    }

    async fn find_organization_by_name(&self, name: &str) -> DomainResult<Option<Organization>> {
        let sql = concat!("SELECT ", org_columns!(), " FROM organizations o WHERE o.name = $1 ORDER BY o.id LIMIT 1");
        let row: Option<OrgRow> =
            with_db!(&self.db, pool => sqlx::query_as(sql).bind(name).fetch_optional(pool).await).map_err(map_err)?;
        row.map(OrgRow::into_domain).transpose()
    }

    async fn insert_organization(&self, org: &OrganizationInput, audit: AuditEntry) -> DomainResult<Organization> {
        let id: i64 = with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let id: i64 = sqlx::query_scalar(ORG_INSERT)
                .bind(org.kind.as_str())
                .bind(&org.name)
                .bind(&org.official_name)
                .bind(&org.code)
                .bind(&org.cvr)
                .bind(org.region_id.map(|r| r.0))
                .bind(audit.at.as_second())
                .fetch_one(&mut *tx)
                .await
                .map_err(unique_as("code", "code_taken"))?;
            write_audit!(tx, audit, Some(id));
            tx.commit().await.map_err(map_err)?;
            id
        });
        self.get_organization(OrgId(id)).await?.ok_or(DomainError::NotFound("organization"))
    }

    async fn update_organization(
        &self,
        id: OrgId,
        org: &OrganizationInput,
        audit: AuditEntry,
    ) -> DomainResult<Organization> {
        with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let done = sqlx::query(ORG_UPDATE)
                .bind(org.kind.as_str())
                .bind(&org.name)
                .bind(&org.official_name)
                .bind(&org.code)
                .bind(&org.cvr)
                .bind(org.region_id.map(|r| r.0))
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(unique_as("code", "code_taken"))?;
            if done.rows_affected() == 0 {
                return Err(DomainError::NotFound("organization"));
            }
            write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)?;
        });
        self.get_organization(id).await?.ok_or(DomainError::NotFound("organization"))
    }

    async fn import_organizations(
        &self,
        rows: &[OrganizationInput],
        audit: AuditEntry,
    ) -> DomainResult<Vec<ImportOutcome>> {
        with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let mut outcomes = Vec::with_capacity(rows.len());
            for org in rows {
                let existing: Option<i64> = match &org.code {
                    Some(code) => sqlx::query_scalar("SELECT id FROM organizations WHERE code = $1")
                        .bind(code)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?,
                    None => None,
                };
                match existing {
                    Some(id) => {
                        sqlx::query(ORG_UPDATE)
                            .bind(org.kind.as_str())
                            .bind(&org.name)
                            .bind(&org.official_name)
                            .bind(&org.code)
                            .bind(&org.cvr)
                            .bind(org.region_id.map(|r| r.0))
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        outcomes.push(ImportOutcome::Updated);
                    }
                    None => {
                        sqlx::query_scalar::<_, i64>(ORG_INSERT)
                            .bind(org.kind.as_str())
                            .bind(&org.name)
                            .bind(&org.official_name)
                            .bind(&org.code)
                            .bind(&org.cvr)
                            .bind(org.region_id.map(|r| r.0))
                            .bind(audit.at.as_second())
                            .fetch_one(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        outcomes.push(ImportOutcome::Inserted);
                    }
                }
            }
            write_audit!(tx, audit, None);
            tx.commit().await.map_err(map_err)?;
            Ok(outcomes)
        })
    }

    async fn list_groups(&self) -> DomainResult<Vec<GroupSummary>> {
        let sql = concat!(
            "SELECT ",
            group_columns!(),
            ", (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) AS member_count, \
             (SELECT COUNT(*) FROM group_organizations go WHERE go.group_id = g.id) AS organization_count \
             FROM community_groups g"
        );
        let coordinators_sql = "SELECT m.group_id, u.id AS user_id, u.name, o.name AS org_name FROM group_members m \
             JOIN users u ON u.id = m.user_id LEFT JOIN organizations o ON o.id = u.organization_id \
             WHERE m.role = 'coordinator' ORDER BY u.name";
        let (rows, coordinator_rows): (Vec<GroupSummaryRow>, Vec<CoordinatorRow>) = with_db!(&self.db, pool => {
            let rows = sqlx::query_as(sql).fetch_all(pool).await.map_err(map_err)?;
            let coordinators = sqlx::query_as(coordinators_sql).fetch_all(pool).await.map_err(map_err)?;
            (rows, coordinators)
        });
        let mut by_group: HashMap<i64, Vec<PersonRef>> = HashMap::new();
        for c in coordinator_rows {
            by_group.entry(c.group_id).or_default().push(PersonRef {
                id: UserId(c.user_id),
                name: c.name,
                org_name: c.org_name,
            });
        }
        rows.into_iter()
            .map(|row| {
                let group = row.group.into_domain()?;
                Ok(GroupSummary {
                    coordinators: by_group.remove(&group.id.0).unwrap_or_default(),
                    group,
                    member_count: row.member_count,
                    organization_count: row.organization_count,
                })
            })
            .collect()
    }

    async fn get_group(&self, id: GroupId) -> DomainResult<Option<Group>> {
        let sql = concat!("SELECT ", group_columns!(), " FROM community_groups g WHERE g.id = $1");
        let row: Option<GroupRow> =
            with_db!(&self.db, pool => sqlx::query_as(sql).bind(id.0).fetch_optional(pool).await).map_err(map_err)?;
        row.map(GroupRow::into_domain).transpose()
    }

    async fn find_group_by_name(&self, name: &str) -> DomainResult<Option<Group>> {
        let sql = concat!("SELECT ", group_columns!(), " FROM community_groups g WHERE g.name = $1");
        let row: Option<GroupRow> =
            with_db!(&self.db, pool => sqlx::query_as(sql).bind(name).fetch_optional(pool).await).map_err(map_err)?;
        row.map(GroupRow::into_domain).transpose()
    }

    async fn insert_group(&self, group: &GroupInput, audit: AuditEntry) -> DomainResult<Group> {
        let id: i64 = with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO community_groups (kind, name, description, region_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(group.kind.as_str())
            .bind(&group.name)
            .bind(&group.description)
            .bind(group.region_id.map(|r| r.0))
            .bind(audit.at.as_second())
            .fetch_one(&mut *tx)
            .await
            .map_err(unique_as("name", "name_taken"))?;
            write_audit!(tx, audit, Some(id));
            tx.commit().await.map_err(map_err)?;
            id
        });
        self.get_group(GroupId(id)).await?.ok_or(DomainError::NotFound("group"))
    }

    async fn update_group(&self, id: GroupId, group: &GroupInput, audit: AuditEntry) -> DomainResult<Group> {
        with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let done = sqlx::query("UPDATE community_groups SET kind = $1, name = $2, description = $3, region_id = $4 WHERE id = $5")
                .bind(group.kind.as_str())
                .bind(&group.name)
                .bind(&group.description)
                .bind(group.region_id.map(|r| r.0))
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(unique_as("name", "name_taken"))?;
            if done.rows_affected() == 0 {
                return Err(DomainError::NotFound("group"));
            }
            write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)?;
        });
        self.get_group(id).await?.ok_or(DomainError::NotFound("group"))
    }

    async fn group_organizations(&self, id: GroupId) -> DomainResult<Vec<Organization>> {
        let sql = concat!(
            "SELECT ",
            org_columns!(),
            " FROM group_organizations go JOIN organizations o ON o.id = go.organization_id WHERE go.group_id = $1"
        );
        let rows: Vec<OrgRow> =
            with_db!(&self.db, pool => sqlx::query_as(sql).bind(id.0).fetch_all(pool).await).map_err(map_err)?;
        orgs(rows)
    }

    async fn group_members(&self, id: GroupId) -> DomainResult<Vec<GroupMember>> {
        let sql = concat!(member_select!(), " WHERE m.group_id = $1 AND u.active = TRUE");
        let rows: Vec<MemberRow> =
            with_db!(&self.db, pool => sqlx::query_as(sql).bind(id.0).fetch_all(pool).await).map_err(map_err)?;
        rows.into_iter().map(MemberRow::into_domain).collect()
    }

    async fn group_coordinators(&self, id: GroupId) -> DomainResult<Vec<GroupMember>> {
        let sql = concat!(member_select!(), " WHERE m.group_id = $1 AND m.role = 'coordinator' AND u.active = TRUE");
        let rows: Vec<MemberRow> =
            with_db!(&self.db, pool => sqlx::query_as(sql).bind(id.0).fetch_all(pool).await).map_err(map_err)?;
        rows.into_iter().map(MemberRow::into_domain).collect()
    }

    async fn group_member_count(&self, id: GroupId) -> DomainResult<i64> {
        let sql = "SELECT COUNT(*) FROM group_members m JOIN users u ON u.id = m.user_id \
             WHERE m.group_id = $1 AND m.role = 'member' AND u.active = TRUE";
        with_db!(&self.db, pool => sqlx::query_scalar(sql).bind(id.0).fetch_one(pool).await).map_err(map_err)
    }

    async fn add_group_organization(&self, group: GroupId, org: OrgId, audit: AuditEntry) -> DomainResult<()> {
        with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            sqlx::query("INSERT INTO group_organizations (group_id, organization_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(group.0)
                .bind(org.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            write_audit!(tx, audit, Some(group.0));
            tx.commit().await.map_err(map_err)
        })
    }

    async fn remove_group_organization(&self, group: GroupId, org: OrgId, audit: AuditEntry) -> DomainResult<()> {
        with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            sqlx::query("DELETE FROM group_organizations WHERE group_id = $1 AND organization_id = $2")
                .bind(group.0)
                .bind(org.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            write_audit!(tx, audit, Some(group.0));
            tx.commit().await.map_err(map_err)
        })
    }

    async fn set_group_member(
        &self,
        group: GroupId,
        user: UserId,
        role: GroupRole,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            sqlx::query(
                "INSERT INTO group_members (group_id, user_id, role) VALUES ($1, $2, $3) \
                 ON CONFLICT (group_id, user_id) DO UPDATE SET role = excluded.role",
            )
            .bind(group.0)
            .bind(user.0)
            .bind(role.as_str())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            write_audit!(tx, audit, Some(group.0));
            tx.commit().await.map_err(map_err)
        })
    }

    async fn remove_group_member(&self, group: GroupId, user: UserId, audit: AuditEntry) -> DomainResult<()> {
        with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND user_id = $2")
                .bind(group.0)
                .bind(user.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            write_audit!(tx, audit, Some(group.0));
            tx.commit().await.map_err(map_err)
        })
    }

    async fn memberships_of_user(&self, user: UserId) -> DomainResult<Vec<Membership>> {
        let sql = concat!(
            "SELECT ",
            group_columns!(),
            ", m.role FROM group_members m JOIN community_groups g ON g.id = m.group_id WHERE m.user_id = $1"
        );
        let rows: Vec<MembershipRow> =
            with_db!(&self.db, pool => sqlx::query_as(sql).bind(user.0).fetch_all(pool).await).map_err(map_err)?;
        rows.into_iter().map(|r| Ok(Membership { role: role(&r.role)?, group: r.group.into_domain()? })).collect()
    }

    async fn groups_of_organization(&self, org: OrgId) -> DomainResult<Vec<Group>> {
        let sql = concat!(
            "SELECT ",
            group_columns!(),
            " FROM group_organizations go JOIN community_groups g ON g.id = go.group_id WHERE go.organization_id = $1"
        );
        let rows: Vec<GroupRow> =
            with_db!(&self.db, pool => sqlx::query_as(sql).bind(org.0).fetch_all(pool).await).map_err(map_err)?;
        rows.into_iter().map(GroupRow::into_domain).collect()
    }
    async fn groups_of_kind(&self, kind: GroupKind) -> DomainResult<Vec<Group>> {
        self.ideas_groups_of_kind(Some(kind)).await
    }
    async fn all_groups(&self) -> DomainResult<Vec<Group>> {
        self.ideas_groups_of_kind(None).await
    }

    async fn list_product_areas(&self) -> DomainResult<Vec<ProductArea>> {
        self.ideas_list_product_areas().await
    }
    async fn insert_product_area(&self, name: &str, audit: AuditEntry) -> DomainResult<ProductArea> {
        self.ideas_insert_product_area(name, audit).await
    }
    async fn find_product_area(&self, id: ProductAreaId) -> DomainResult<Option<ProductArea>> {
        self.ideas_find_product_area(id).await
    }
}

#[async_trait]
impl AccountStore for SqlStore {
    async fn get_user(&self, id: UserId) -> DomainResult<Option<User>> {
        let sql = concat!(user_select!(), " WHERE u.id = $1");
        let row: Option<UserRow> =
            with_db!(&self.db, pool => sqlx::query_as(sql).bind(id.0).fetch_optional(pool).await).map_err(map_err)?;
        row.map(UserRow::into_domain).transpose()
    }

    async fn find_login_candidate(&self, email: &str) -> DomainResult<Option<LoginCandidate>> {
        let sql = "SELECT u.id, u.email, u.name, u.organization_id, o.name AS org_name, u.language, u.is_admin, u.active, \
             CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS has_password, u.created_at, u.password_hash \
             FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.email = $1";
        let row: Option<LoginRow> =
            with_db!(&self.db, pool => sqlx::query_as(sql).bind(email).fetch_optional(pool).await).map_err(map_err)?;
        row.map(|r| Ok(LoginCandidate { user: r.user.into_domain()?, password_hash: r.password_hash })).transpose()
    }

    async fn list_users(&self) -> DomainResult<Vec<User>> {
        let rows: Vec<UserRow> =
            with_db!(&self.db, pool => sqlx::query_as(user_select!()).fetch_all(pool).await).map_err(map_err)?;
        users(rows)
    }

    async fn users_of_organization(&self, org: OrgId) -> DomainResult<Vec<User>> {
        let sql = concat!(user_select!(), " WHERE u.organization_id = $1");
        let rows: Vec<UserRow> =
            with_db!(&self.db, pool => sqlx::query_as(sql).bind(org.0).fetch_all(pool).await).map_err(map_err)?;
        users(rows)
    }

    async fn insert_user(
        &self,
        user: &UserAdminInput,
        password_hash: Option<&str>,
        invitation: Option<(&str, Timestamp)>,
        audit: AuditEntry,
    ) -> DomainResult<User> {
        let id: i64 = with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO users (email, name, organization_id, language, is_admin, active, password_hash, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(&user.email)
            .bind(&user.name)
            .bind(user.org_id.map(|o| o.0))
            .bind(user.language.as_str())
            .bind(user.is_admin)
            .bind(user.active)
            .bind(password_hash)
            .bind(audit.at.as_second())
            .fetch_one(&mut *tx)
            .await
            .map_err(unique_as("email", "email_taken"))?;
            if let Some((hash, expires)) = invitation {
                sqlx::query("INSERT INTO invitations (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                    .bind(hash)
                    .bind(id)
                    .bind(audit.at.as_second())
                    .bind(expires.as_second())
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
            }
            write_audit!(tx, audit, Some(id));
            tx.commit().await.map_err(map_err)?;
            id
        });
        self.get_user(UserId(id)).await?.ok_or(DomainError::NotFound("user"))
    }

    async fn update_user(&self, id: UserId, user: &UserAdminInput, audit: AuditEntry) -> DomainResult<User> {
        with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let done = sqlx::query(
                "UPDATE users SET email = $1, name = $2, organization_id = $3, language = $4, is_admin = $5, active = $6 WHERE id = $7",
            )
            .bind(&user.email)
            .bind(&user.name)
            .bind(user.org_id.map(|o| o.0))
            .bind(user.language.as_str())
            .bind(user.is_admin)
            .bind(user.active)
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(unique_as("email", "email_taken"))?;
            if done.rows_affected() == 0 {
                return Err(DomainError::NotFound("user"));
            }
            if !user.active {
                // A deactivated person is signed out everywhere at once.
                sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id.0).execute(&mut *tx).await.map_err(map_err)?;
            }
            write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)?;
        });
        self.get_user(id).await?.ok_or(DomainError::NotFound("user"))
    }

    async fn update_profile(
        &self,
        id: UserId,
        name: &str,
        email: &str,
        language: Language,
        audit: AuditEntry,
    ) -> DomainResult<User> {
        with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            sqlx::query("UPDATE users SET name = $1, email = $2, language = $3 WHERE id = $4")
                .bind(name)
                .bind(email)
                .bind(language.as_str())
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(unique_as("email", "email_taken"))?;
            write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)?;
        });
        self.get_user(id).await?.ok_or(DomainError::NotFound("user"))
    }

    async fn set_password(
        &self,
        id: UserId,
        hash: &str,
        keep_session: Option<&str>,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(hash)
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND ($2 IS NULL OR id_hash <> $2)")
                .bind(id.0)
                .bind(keep_session)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)
        })
    }

    async fn create_session(
        &self,
        id_hash: &str,
        user: UserId,
        created: Timestamp,
        expires: Timestamp,
    ) -> DomainResult<()> {
        with_db!(&self.db, pool => sqlx::query("INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(id_hash)
            .bind(user.0)
            .bind(created.as_second())
            .bind(expires.as_second())
            .execute(pool)
            .await
            .map(|_| ()))
        .map_err(map_err)
    }

    async fn session_user(&self, id_hash: &str, now: Timestamp) -> DomainResult<Option<(User, i64)>> {
        let sql = concat!(
            "SELECT ",
            crate::rows::user_columns!(),
            ", (SELECT COUNT(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL) AS unread \
             FROM users u LEFT JOIN organizations o ON o.id = u.organization_id \
             JOIN sessions s ON s.user_id = u.id WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.active = TRUE"
        );
        let row: Option<SessionRow> = with_db!(&self.db, pool => sqlx::query_as(sql)
            .bind(id_hash)
            .bind(now.as_second())
            .fetch_optional(pool)
            .await)
        .map_err(map_err)?;
        row.map(|r| Ok((r.user.into_domain()?, r.unread))).transpose()
    }

    async fn delete_session(&self, id_hash: &str) -> DomainResult<()> {
        with_db!(&self.db, pool => sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(pool).await.map(|_| ()))
            .map_err(map_err)
    }

    async fn delete_expired_sessions(&self, now: Timestamp) -> DomainResult<u64> {
        with_db!(&self.db, pool => sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now.as_second()).execute(pool).await.map(|r| r.rows_affected()))
            .map_err(map_err)
    }

    async fn create_api_token(
        &self,
        user: UserId,
        name: &str,
        hash: &str,
        audit: AuditEntry,
    ) -> DomainResult<ApiToken> {
        let row: TokenRow = with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let row: TokenRow = sqlx::query_as(
                "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) \
                 RETURNING id, name, created_at, last_used_at",
            )
            .bind(user.0)
            .bind(name)
            .bind(hash)
            .bind(audit.at.as_second())
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
            write_audit!(tx, audit, None);
            tx.commit().await.map_err(map_err)?;
            row
        });
        Ok(row.into_domain())
    }

    async fn list_api_tokens(&self, user: UserId) -> DomainResult<Vec<ApiToken>> {
        let rows: Vec<TokenRow> = with_db!(&self.db, pool => sqlx::query_as(
            "SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id DESC",
        )
        .bind(user.0)
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        Ok(rows.into_iter().map(TokenRow::into_domain).collect())
    }

    async fn revoke_api_token(&self, user: UserId, id: TokenId, audit: AuditEntry) -> DomainResult<()> {
        with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let done = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
                .bind(audit.at.as_second())
                .bind(id.0)
                .bind(user.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            if done.rows_affected() == 0 {
                return Err(DomainError::NotFound("api_token"));
            }
            write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)
        })
    }

    async fn token_user(&self, hash: &str, now: Timestamp) -> DomainResult<Option<User>> {
        let sql = concat!(
            user_select!(),
            " JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = TRUE"
        );
        let row: Option<UserRow> = with_db!(&self.db, pool => {
            let row = sqlx::query_as(sql).bind(hash).fetch_optional(pool).await.map_err(map_err)?;
            if row.is_some() {
                // Last use is shown to the owner; minute precision is enough and saves writes.
                // It is a courtesy: a database that cannot write (a full disk, read-only) still
                // lets the token read.
                if let Err(e) = sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 AND (last_used_at IS NULL OR last_used_at < $1 - 60)")
                    .bind(now.as_second())
                    .bind(hash)
                    .execute(pool)
                    .await
                {
                    tracing::warn!(error = %e, "could not record the token's last use");
                }
            }
            row
        });
        row.map(UserRow::into_domain).transpose()
    }

    async fn create_invitation(
        &self,
        user: UserId,
        hash: &str,
        expires: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            // Only the newest link works.
            sqlx::query("UPDATE invitations SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
                .bind(audit.at.as_second())
                .bind(user.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            sqlx::query("INSERT INTO invitations (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                .bind(hash)
                .bind(user.0)
                .bind(audit.at.as_second())
                .bind(expires.as_second())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            write_audit!(tx, audit, Some(user.0));
            tx.commit().await.map_err(map_err)
        })
    }

    async fn invitation_user(&self, hash: &str, now: Timestamp) -> DomainResult<Option<User>> {
        let sql = concat!(
            user_select!(),
            " JOIN invitations i ON i.user_id = u.id WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2 AND u.active = TRUE"
        );
        let row: Option<UserRow> = with_db!(&self.db, pool => sqlx::query_as(sql)
            .bind(hash)
            .bind(now.as_second())
            .fetch_optional(pool)
            .await)
        .map_err(map_err)?;
        row.map(UserRow::into_domain).transpose()
    }

    async fn accept_invitation(
        &self,
        hash: &str,
        password_hash: &str,
        now: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<Option<User>> {
        let user_id: Option<i64> = with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            // Using the link up is the guard: of two simultaneous uses, only one updates a row.
            let user_id: Option<i64> = sqlx::query_scalar(
                "UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
            )
            .bind(now.as_second())
            .bind(hash)
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?;
            if let Some(user_id) = user_id {
                sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                let mut audit = audit;
                audit.actor = Some(UserId(user_id));
                write_audit!(tx, audit, Some(user_id));
            }
            tx.commit().await.map_err(map_err)?;
            user_id
        });
        match user_id {
            Some(id) => self.get_user(UserId(id)).await,
            None => Ok(None),
        }
    }

    async fn record_login_failure(&self, keys: &[String], at: Timestamp) -> DomainResult<()> {
        with_db!(&self.db, pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            for key in keys {
                sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
                    .bind(key)
                    .bind(at.as_second())
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
            }
            // Old failures have no use; keep the table small.
            sqlx::query("DELETE FROM login_failures WHERE at < $1")
                .bind(at.as_second() - 86_400)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            tx.commit().await.map_err(map_err)
        })
    }

    async fn count_login_failures(&self, key: &str, since: Timestamp) -> DomainResult<i64> {
        with_db!(&self.db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2")
            .bind(key)
            .bind(since.as_second())
            .fetch_one(pool)
            .await)
        .map_err(map_err)
    }

    async fn clear_login_failures(&self, key: &str) -> DomainResult<()> {
        with_db!(&self.db, pool => sqlx::query("DELETE FROM login_failures WHERE key = $1").bind(key).execute(pool).await.map(|_| ()))
            .map_err(map_err)
    }

    async fn list_audit(&self, limit: i64) -> DomainResult<Vec<AuditRecord>> {
        let rows: Vec<AuditRow> = with_db!(&self.db, pool => sqlx::query_as(
            "SELECT a.id, a.at, a.actor_id, u.name AS actor_name, a.action, a.entity, a.entity_id, a.details \
             FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id ORDER BY a.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        Ok(rows.into_iter().map(AuditRow::into_domain).collect())
    }
}

#[async_trait]
impl IdeaStore for SqlStore {
    async fn insert_idea(
        &self,
        idea: &IdeaInput,
        author: UserId,
        org: Option<OrgId>,
        terms: &[(String, i32)],
        audit: AuditEntry,
    ) -> DomainResult<Idea> {
        self.ideas_insert(idea, author, org, terms, audit).await
    }
    async fn update_idea(
        &self,
        id: IdeaId,
        expected_version: i64,
        idea: &IdeaInput,
        terms: &[(String, i32)],
        audit: AuditEntry,
    ) -> DomainResult<Idea> {
        self.ideas_update(id, expected_version, idea, terms, audit).await
    }
    async fn search_ideas(
        &self,
        stems: &[String],
        exclude: Option<IdeaId>,
        page: i64,
        page_size: i64,
    ) -> DomainResult<IdeaPage> {
        self.ideas_search(stems, exclude, page, page_size).await
    }
    async fn get_idea(&self, id: IdeaId) -> DomainResult<Option<Idea>> {
        self.ideas_get(id).await
    }
    async fn list_ideas(
        &self,
        filter: &IdeaFilter,
        sort: IdeaSort,
        page: i64,
        page_size: i64,
    ) -> DomainResult<IdeaPage> {
        self.ideas_list(filter, sort, page, page_size).await
    }
    async fn apply_move(
        &self,
        id: IdeaId,
        expected_version: i64,
        record: idespor_domain::store::MoveRecord<'_>,
        audit: AuditEntry,
    ) -> DomainResult<Idea> {
        self.ideas_apply_move(id, expected_version, record, audit).await
    }
    async fn idea_events(&self, id: IdeaId) -> DomainResult<Vec<IdeaEvent>> {
        self.ideas_events(id).await
    }
    async fn supporters(&self, id: IdeaId) -> DomainResult<Vec<Supporter>> {
        self.ideas_supporters(id).await
    }
    async fn support_idea(&self, id: IdeaId, user: UserId, org: OrgId, at: Timestamp) -> DomainResult<()> {
        self.ideas_support(id, user, org, at).await
    }
    async fn withdraw_support(&self, id: IdeaId, user: UserId) -> DomainResult<()> {
        self.ideas_withdraw_support(id, user).await
    }
    async fn follow_idea(&self, id: IdeaId, user: UserId, at: Timestamp, follow: bool) -> DomainResult<()> {
        self.ideas_follow(id, user, at, follow).await
    }
    async fn viewer_relation(&self, id: IdeaId, user: UserId) -> DomainResult<(bool, bool)> {
        self.ideas_viewer_relation(id, user).await
    }
    async fn provenance(&self, id: IdeaId) -> DomainResult<Vec<Provenance>> {
        self.ideas_provenance(id).await
    }
    async fn add_comment(
        &self,
        id: IdeaId,
        author: UserId,
        org: Option<OrgId>,
        body: &str,
        notification: &idespor_domain::notify::NewNotification,
    ) -> DomainResult<Comment> {
        self.ideas_add_comment(id, author, org, body, notification).await
    }
    async fn idea_followers(&self, id: IdeaId) -> DomainResult<Vec<UserId>> {
        self.ideas_followers(id).await
    }
    async fn get_comment(&self, id: CommentId) -> DomainResult<Option<Comment>> {
        self.ideas_get_comment(id).await
    }
    async fn edit_comment(&self, id: CommentId, body: &str, at: Timestamp) -> DomainResult<Comment> {
        self.ideas_edit_comment(id, body, at).await
    }
    async fn comments(&self, id: IdeaId) -> DomainResult<Vec<Comment>> {
        self.ideas_comments(id).await
    }
    async fn comment_revisions(&self, id: IdeaId) -> DomainResult<Vec<idespor_domain::idea::CommentRevision>> {
        self.ideas_comment_revisions(id).await
    }
}

#[async_trait]
impl NotificationStore for SqlStore {
    async fn notifications(&self, user: UserId, limit: i64) -> DomainResult<Vec<idespor_domain::notify::Notification>> {
        self.notify_list(user, limit).await
    }
    async fn unread_notifications(&self, user: UserId) -> DomainResult<i64> {
        self.notify_unread(user).await
    }
    async fn mark_notifications_read(&self, user: UserId, id: Option<i64>, at: Timestamp) -> DomainResult<()> {
        self.notify_mark_read(user, id, at).await
    }
    async fn get_notification(&self, id: i64) -> DomainResult<Option<(UserId, Notification)>> {
        self.mail_get_notification(id).await
    }
}

#[async_trait]
impl MeetingStore for SqlStore {
    async fn insert_meeting(&self, new: NewMeeting<'_>, audit: AuditEntry) -> DomainResult<Meeting> {
        self.meetings_insert(new, audit).await
    }
    async fn update_meeting(
        &self,
        id: MeetingId,
        expected_version: i64,
        input: &MeetingInput,
        cancel: Option<Timestamp>,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<Meeting> {
        self.meetings_update(id, expected_version, input, cancel, notification, audit).await
    }
    async fn get_meeting(&self, id: MeetingId) -> DomainResult<Option<Meeting>> {
        self.meetings_get(id).await
    }
    async fn list_meetings(&self, filter: &MeetingFilter) -> DomainResult<Vec<Meeting>> {
        self.meetings_list(filter).await
    }
    async fn meeting_attendees(&self, id: MeetingId) -> DomainResult<Vec<Attendee>> {
        self.meetings_attendees(id).await
    }
    async fn invite_to_meeting(
        &self,
        id: MeetingId,
        user: UserId,
        guest: bool,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.meetings_invite(id, user, guest, notification, audit).await
    }
    async fn record_attendance(&self, id: MeetingId, attended: &[UserId], audit: AuditEntry) -> DomainResult<()> {
        self.meetings_attendance(id, attended, audit).await
    }
    async fn agenda(&self, id: MeetingId) -> DomainResult<Vec<AgendaItem>> {
        self.meetings_agenda(id).await
    }
    async fn add_agenda_item(
        &self,
        id: MeetingId,
        item: &AgendaItemInput,
        audit: AuditEntry,
    ) -> DomainResult<AgendaItem> {
        let at = audit.at;
        self.meetings_add_item(id, item, audit, at).await
    }
    async fn remove_agenda_item(&self, id: MeetingId, item: AgendaItemId, audit: AuditEntry) -> DomainResult<()> {
        self.meetings_remove_item(id, item, audit).await
    }
    async fn move_agenda_item(&self, id: MeetingId, item: AgendaItemId, up: bool) -> DomainResult<()> {
        self.meetings_move_item(id, item, up).await
    }
    async fn set_minutes(
        &self,
        id: MeetingId,
        minutes: &str,
        approve: Option<(UserId, Timestamp)>,
        notification: &NewNotification,
        audit: AuditEntry,
    ) -> DomainResult<Meeting> {
        self.meetings_set_minutes(id, minutes, approve, notification, audit).await
    }
    async fn next_meetings(&self, groups: &[GroupId], now: Timestamp) -> DomainResult<Vec<(GroupId, MeetingId)>> {
        self.meetings_next(groups, now).await
    }
    async fn insert_decision(&self, new: NewDecision<'_>, audit: AuditEntry) -> DomainResult<DecisionId> {
        self.decisions_insert(new, audit).await
    }
    async fn get_decision(&self, id: DecisionId) -> DomainResult<Option<Decision>> {
        self.decisions_get(id).await
    }
    async fn list_decisions(&self, filter: &DecisionFilter) -> DomainResult<Vec<Decision>> {
        self.decisions_list(filter).await
    }
    async fn presentations(
        &self,
        decision: Option<DecisionId>,
        group: Option<GroupId>,
        pending_only: bool,
    ) -> DomainResult<Vec<Presentation>> {
        self.decisions_presentations(decision, group, pending_only).await
    }
    async fn mark_presented(
        &self,
        decision: DecisionId,
        group: GroupId,
        by: UserId,
        at: Timestamp,
        meeting: Option<MeetingId>,
        audit: AuditEntry,
    ) -> DomainResult<bool> {
        self.decisions_mark_presented(decision, group, by, at, meeting, audit).await
    }
    async fn group_outcomes(&self, group: GroupId) -> DomainResult<Vec<idespor_domain::outcome::IdeaOutcome>> {
        self.outcomes_of_group(group).await
    }
}

#[async_trait]
impl RoundStore for SqlStore {
    async fn insert_round(
        &self,
        input: &idespor_domain::round::RoundInput,
        created_by: UserId,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<i64> {
        self.rounds_insert(input, created_by, at, audit).await
    }
    async fn list_rounds(&self) -> DomainResult<Vec<idespor_domain::round::Round>> {
        self.rounds_list().await
    }
    async fn get_round(&self, id: i64) -> DomainResult<Option<idespor_domain::round::Round>> {
        self.rounds_get(id).await
    }
    async fn cast_ballot(
        &self,
        round: i64,
        voter: &idespor_domain::round::Voter,
        by: UserId,
        at: Timestamp,
        values: &std::collections::BTreeMap<IdeaId, i32>,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.rounds_cast(round, voter, by, at, values, audit).await
    }
    async fn ballots(&self, round: i64) -> DomainResult<Vec<idespor_domain::round::Ballot>> {
        self.rounds_ballots(round).await
    }
}

#[async_trait]
impl MailStore for SqlStore {
    async fn preferences(&self, user: UserId) -> DomainResult<Vec<(NotificationKind, Cadence)>> {
        self.mail_preferences(user).await
    }
    async fn set_preferences(
        &self,
        user: UserId,
        prefs: &[(NotificationKind, Cadence)],
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.mail_set_preferences(user, prefs, audit).await
    }
    async fn users_with_cadence(
        &self,
        kind: NotificationKind,
        cadence: Cadence,
        users: &[UserId],
    ) -> DomainResult<Vec<UserId>> {
        self.mail_users_with_cadence(kind, cadence, users).await
    }
    async fn instance_secret(&self, name: &str, candidate: &str) -> DomainResult<String> {
        self.mail_instance_secret(name, candidate).await
    }
    async fn feed_generation(&self, user: UserId) -> DomainResult<i64> {
        self.mail_feed_generation(user).await
    }
    async fn new_feed_generation(&self, user: UserId, audit: AuditEntry) -> DomainResult<i64> {
        self.mail_new_feed_generation(user, audit).await
    }
    async fn enqueue_digests(
        &self,
        kind: DigestKind,
        key: &str,
        start: Timestamp,
        end: Timestamp,
        now: Timestamp,
    ) -> DomainResult<u64> {
        self.mail_enqueue_digests(kind, key, start, end, now).await
    }
    async fn claim_outbox(
        &self,
        now: Timestamp,
        locked_until: Timestamp,
        limit: i64,
    ) -> DomainResult<Vec<OutboxMessage>> {
        self.mail_claim(now, locked_until, limit).await
    }
    async fn outbox_sent(&self, id: i64, subject: &str, at: Timestamp) -> DomainResult<()> {
        self.mail_sent(id, subject, at).await
    }
    async fn outbox_failed(&self, id: i64, error: &str, next: Option<Timestamp>) -> DomainResult<()> {
        self.mail_failed(id, error, next).await
    }
    async fn list_outbox(&self, status: Option<OutboxStatus>, limit: i64) -> DomainResult<Vec<OutboxMessage>> {
        self.mail_list(status, limit).await
    }
    async fn outbox_counts(&self) -> DomainResult<Vec<(OutboxStatus, i64)>> {
        self.mail_counts().await
    }
    async fn retry_outbox(&self, id: i64, now: Timestamp, audit: AuditEntry) -> DomainResult<bool> {
        self.mail_retry(id, now, audit).await
    }
    async fn digest_notifications(
        &self,
        user: UserId,
        org: Option<OrgId>,
        start: Timestamp,
        end: Timestamp,
        cadence: Cadence,
    ) -> DomainResult<Vec<DigestItem>> {
        self.mail_digest_notifications(user, org, start, end, cadence).await
    }
}

#[async_trait]
impl RoadmapStore for SqlStore {
    async fn list_releases(&self) -> DomainResult<Vec<Release>> {
        self.ideas_list_releases().await
    }
    async fn get_release(&self, id: ReleaseId) -> DomainResult<Option<Release>> {
        self.ideas_get_release(id).await
    }
    async fn insert_release(&self, release: &ReleaseInput, audit: AuditEntry) -> DomainResult<Release> {
        self.ideas_insert_release(release, audit).await
    }
    async fn update_release(&self, id: ReleaseId, release: &ReleaseInput, audit: AuditEntry) -> DomainResult<Release> {
        self.ideas_update_release(id, release, audit).await
    }
    async fn roadmap_ideas(&self) -> DomainResult<Vec<idespor_domain::roadmap::RoadmapIdea>> {
        self.roadmap_ideas_query().await
    }
    async fn release_items(&self) -> DomainResult<Vec<idespor_domain::roadmap::ReleaseItem>> {
        self.release_items_query().await
    }
    async fn insert_release_item(
        &self,
        release: ReleaseId,
        item: (&str, idespor_domain::roadmap::ItemSource, &str),
        by: Option<UserId>,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<i64> {
        self.release_item_insert(release, item, by, at, audit).await
    }
    async fn release_counts(&self) -> DomainResult<Vec<(ReleaseId, i64, i64)>> {
        self.release_counts_query().await
    }
}

#[async_trait]
impl FigureStore for SqlStore {
    async fn idea_histories(
        &self,
        scope: idespor_domain::figures::Scope,
    ) -> DomainResult<Vec<idespor_domain::figures::IdeaHistory>> {
        self.histories_query(scope).await
    }
    async fn last_event_id(&self) -> DomainResult<i64> {
        with_db!(&self.db, pool => sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM idea_events").fetch_one(pool).await)
            .map_err(map_err)
    }
    async fn figure_facts(
        &self,
        scope: idespor_domain::figures::Scope,
        from: jiff::Timestamp,
        to: jiff::Timestamp,
    ) -> DomainResult<idespor_domain::figures::FigureFacts> {
        self.figure_facts_query(scope, from, to).await
    }
    async fn setting(&self, name: &str) -> DomainResult<Option<String>> {
        self.setting_get(name).await
    }
    async fn set_setting(
        &self,
        name: &str,
        value: &str,
        by: UserId,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.setting_set(name, value, by, at, audit).await
    }
}

#[async_trait]
impl ExportStore for SqlStore {
    async fn export_ideas(&self) -> DomainResult<Vec<Vec<idespor_domain::export::Cell>>> {
        self.export_ideas_query().await
    }
    async fn export_moves(&self) -> DomainResult<Vec<Vec<idespor_domain::export::Cell>>> {
        self.export_moves_query().await
    }
}
