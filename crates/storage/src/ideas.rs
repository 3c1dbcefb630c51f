//! Ideas, their history, supports, followers and comments; product areas and releases.

use crate::db::{BeginWrite, map_err, unique_as, with_db};
use crate::rows::ts;
use crate::store_impl::SqlStore;
use idespor_domain::audit::AuditEntry;
use idespor_domain::idea::{
    Comment, Idea, IdeaEvent, IdeaFilter, IdeaInput, IdeaPage, IdeaSort, IdeaStatus, MoveKind, Provenance, Release,
    Supporter,
};
use idespor_domain::store::ReleaseInput;
use idespor_domain::{CommentId, DomainError, DomainResult, GroupId, IdeaId, OrgId, ProductAreaId, ReleaseId, UserId};
use jiff::Timestamp;
use jiff::civil::Date;

pub(crate) fn bad(what: &str, value: &str) -> DomainError {
    DomainError::Internal(format!("stored {what} not understood: {value}"))
}

pub(crate) fn status(value: &str) -> DomainResult<IdeaStatus> {
    IdeaStatus::parse(value).ok_or_else(|| bad("idea status", value))
}

fn date(value: Option<String>) -> Option<Date> {
    value.and_then(|v| v.parse().ok())
}

macro_rules! idea_select {
    () => {
        "SELECT i.id, i.title, i.role, i.situation, i.need, i.effect, i.product_area_id, pa.name AS product_area, \
         i.author_id, au.name AS author_name, i.author_org_id, ao.name AS author_org_name, \
         i.erfa_group_id, eg.name AS erfa_group_name, i.status, i.holder_group_id, hg.name AS holder_group_name, \
         i.return_status, i.return_holder_id, i.rank, i.release_id, r.version AS release_version, i.merged_into, \
         i.resolution, i.review_date, i.support_count, i.follower_count, i.comment_count, i.version, i.created_at, \
         i.status_changed_at \
         FROM ideas i \
         JOIN product_areas pa ON pa.id = i.product_area_id \
         JOIN users au ON au.id = i.author_id \
         LEFT JOIN organizations ao ON ao.id = i.author_org_id \
         LEFT JOIN community_groups eg ON eg.id = i.erfa_group_id \
         LEFT JOIN community_groups hg ON hg.id = i.holder_group_id \
         LEFT JOIN releases r ON r.id = i.release_id"
    };
}

/// The statuses an idea's journey ends in, as SQL (`IdeaStatus::is_final`; a unit test holds
/// the two to each other).
const FINAL_STATUSES: &str = "'delivered', 'solved_by_configuration', 'declined', 'merged', 'withdrawn'";

/// A bound value of a list condition.
enum Param {
    Int(i64),
    Text(&'static str),
}

/// The list's condition with only the filters that are set, so that the database can use its
/// indexes (a condition like `$1 IS NULL OR …` for every filter cannot).
fn list_condition(filter: &IdeaFilter) -> (String, Vec<Param>) {
    let mut parts: Vec<String> = Vec::new();
    let mut params: Vec<Param> = Vec::new();
    let next = |param: Param, params: &mut Vec<Param>| {
        params.push(param);
        format!("${}", params.len())
    };
    match filter.viewer {
        Some(viewer) => {
            let p = next(Param::Int(viewer.0), &mut params);
            parts.push(format!("(i.status <> 'draft' OR i.author_id = {p})"));
        }
        None => parts.push("i.status <> 'draft'".into()),
    }
    if let Some(status) = filter.status {
        let p = next(Param::Text(status.as_str()), &mut params);
        parts.push(format!("i.status = {p}"));
    }
    if filter.open_only {
        parts.push(format!("i.status NOT IN ({FINAL_STATUSES})"));
    }
    if let Some(group) = filter.group {
        let p = next(Param::Int(group.0), &mut params);
        parts.push(format!("(i.erfa_group_id = {p} OR i.holder_group_id = {p})"));
    }
    let equal = |column: &str, value: Option<i64>, parts: &mut Vec<String>, params: &mut Vec<Param>| {
        if let Some(value) = value {
            let p = next(Param::Int(value), params);
            parts.push(format!("{column} = {p}"));
        }
    };
    equal("i.holder_group_id", filter.holder.map(|g| g.0), &mut parts, &mut params);
    equal("i.product_area_id", filter.product_area.map(|a| a.0), &mut parts, &mut params);
    equal("i.author_org_id", filter.organization.map(|o| o.0), &mut parts, &mut params);
    equal("i.author_id", filter.author.map(|u| u.0), &mut parts, &mut params);
    equal("i.release_id", filter.release.map(|r| r.0), &mut parts, &mut params);
    if let Some(org) = filter.supported_by {
        params.push(Param::Int(org.0));
        parts.push(format!(
            "i.id IN (SELECT s.idea_id FROM idea_supports s WHERE s.organization_id = ${})",
            params.len()
        ));
    }
    (parts.join(" AND "), params)
}

/// The list's total read from the status tallies (`idea_status_counts`, kept by triggers) when
/// the filter asks only for the visible ideas, maybe of one status or only open ones: the common
/// case, which would otherwise count thousands of rows on every request. Drafts are visible only
/// to their authors, so the viewer's own are counted from the ideas (an index on the author).
/// Uses the same parameters, in the same order, as [`list_condition`]; `None` for other filters.
fn tallied_count(filter: &IdeaFilter) -> Option<String> {
    let IdeaFilter {
        status,
        open_only,
        group: None,
        holder: None,
        product_area: None,
        organization: None,
        author: None,
        supported_by: None,
        release: None,
        viewer,
    } = filter
    else {
        return None;
    };
    let mut tallied = vec!["t.status <> 'draft'".to_string()];
    let mut own = vec!["i.status = 'draft'".to_string(), "i.author_id = $1".to_string()];
    let status_param = if viewer.is_some() { "$2" } else { "$1" };
    if status.is_some() {
        tallied.push(format!("t.status = {status_param}"));
        own.push(format!("i.status = {status_param}"));
    }
    if *open_only {
        tallied.push(format!("t.status NOT IN ({FINAL_STATUSES})"));
    }
    let tallied = format!(
        "SELECT CAST(COALESCE(SUM(t.n), 0) AS BIGINT) FROM idea_status_counts t WHERE {}",
        tallied.join(" AND ")
    );
    Some(match viewer {
        Some(_) => format!("SELECT ({tallied}) + (SELECT COUNT(*) FROM ideas i WHERE {})", own.join(" AND ")),
        None => tallied,
    })
}

/// Moves an idea to a new journey state if it still has the expected version, inside `$tx`;
/// evaluates to the statement's result (no row changed: the idea moved on meanwhile).
macro_rules! update_idea_state {
    ($tx:expr, $id:expr, $expected_version:expr, $state:expr, $at:expr) => {{
        let state: &idespor_domain::idea::journey::JourneyState = $state;
        sqlx::query(
            "UPDATE ideas SET status = $1, erfa_group_id = $2, holder_group_id = $3, return_status = $4, return_holder_id = $5, \
             rank = $6, release_id = $7, merged_into = $8, resolution = $9, review_date = $10, version = version + 1, \
             status_changed_at = $11 WHERE id = $12 AND version = $13",
        )
        .bind(state.status.as_str())
        .bind(state.erfa_group.map(|g| g.0))
        .bind(state.holder.map(|g| g.0))
        .bind(state.return_status.map(|s| s.as_str()))
        .bind(state.return_holder.map(|g| g.0))
        .bind(state.rank)
        .bind(state.release.map(|r| r.0))
        .bind(state.merged_into.map(|i| i.0))
        .bind(&state.resolution)
        .bind(state.review_date.map(|d| d.to_string()))
        .bind($at.as_second())
        .bind($id.0)
        .bind($expected_version)
        .execute(&mut *$tx)
        .await
        .map_err($crate::db::map_err)?
    }};
}
pub(crate) use update_idea_state;

/// Appends an event to an idea's history inside the transaction `$tx`; with a meeting and a
/// decision when a group's decision made the move.
macro_rules! insert_event {
    ($tx:expr, $idea:expr, $event:expr) => {
        $crate::ideas::insert_event!($tx, $idea, $event, None::<i64>, None::<i64>)
    };
    ($tx:expr, $idea:expr, $event:expr, $meeting:expr, $decision:expr) => {{
        let event: &idespor_domain::idea::NewEvent = $event;
        sqlx::query(
            "INSERT INTO idea_events (idea_id, at, actor_id, kind, from_status, to_status, from_group_id, to_group_id, reason, details, meeting_id, decision_id, since_at, since_kind) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
             (SELECT p.at FROM idea_events p WHERE p.idea_id = $1 ORDER BY p.id DESC LIMIT 1), \
             (SELECT p.kind FROM idea_events p WHERE p.idea_id = $1 ORDER BY p.id DESC LIMIT 1))",
        )
        .bind($idea)
        .bind(event.at.as_second())
        .bind(event.actor.map(|a| a.0))
        .bind(event.kind.as_str())
        .bind(event.from_status.map(|s| s.as_str()))
        .bind(event.to_status.as_str())
        .bind(event.from_group.map(|g| g.0))
        .bind(event.to_group.map(|g| g.0))
        .bind(&event.reason)
        .bind(event.details.to_string())
        .bind($meeting)
        .bind($decision)
        .execute(&mut *$tx)
        .await
        .map_err($crate::db::map_err)?;
    }};
}
pub(crate) use insert_event;

/// Writes one notification per recipient inside the transaction `$tx`, and an outbox row for
/// each recipient who wants it by e-mail at once. `$meeting` and `$decision` give the ids of a
/// meeting or decision written in the same transaction (their ids were not known before).
macro_rules! write_notifications {
    ($tx:expr, $n:expr) => {
        $crate::ideas::write_notifications!($tx, $n, None::<i64>, None::<i64>)
    };
    ($tx:expr, $n:expr, $meeting:expr, $decision:expr) => {{
        use idespor_domain::notify::Subject;
        let n: &idespor_domain::notify::NewNotification = $n;
        let (idea_id, meeting_id, decision_id, change): (Option<i64>, Option<i64>, Option<i64>, Option<&str>) =
            match n.subject {
                Subject::Idea(id) => (Some(id.0), None, None, None),
                Subject::Meeting(id, change) => (None, $meeting.or(Some(id.0)), None, Some(change.as_str())),
                Subject::Decision(id) => (None, None, $decision.or(id.map(|d| d.0)), None),
            };
        let batch: Vec<i64> = n.recipients.iter().filter(|u| !n.email_now.contains(u)).map(|u| u.0).collect();
        for chunk in batch.chunks(500) {
            let mut builder = sqlx::QueryBuilder::new(
                "INSERT INTO notifications (user_id, kind, idea_id, actor_id, move_kind, to_status, created_at, meeting_id, decision_id, change) ",
            );
            builder.push_values(chunk, |mut row, user| {
                row.push_bind(*user)
                    .push_bind(n.kind.as_str())
                    .push_bind(idea_id)
                    .push_bind(n.actor.map(|a| a.0))
                    .push_bind(n.move_kind.map(|k| k.as_str()))
                    .push_bind(n.to_status.map(|s| s.as_str()))
                    .push_bind(n.at.as_second())
                    .push_bind(meeting_id)
                    .push_bind(decision_id)
                    .push_bind(change);
            });
            builder.build().execute(&mut *$tx).await.map_err($crate::db::map_err)?;
        }
        for user in n.email_now.iter().filter(|u| n.recipients.contains(u)) {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO notifications (user_id, kind, idea_id, actor_id, move_kind, to_status, created_at, meeting_id, decision_id, change) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            )
            .bind(user.0)
            .bind(n.kind.as_str())
            .bind(idea_id)
            .bind(n.actor.map(|a| a.0))
            .bind(n.move_kind.map(|k| k.as_str()))
            .bind(n.to_status.map(|s| s.as_str()))
            .bind(n.at.as_second())
            .bind(meeting_id)
            .bind(decision_id)
            .bind(change)
            .fetch_one(&mut *$tx)
            .await
            .map_err($crate::db::map_err)?;
            sqlx::query(
                "INSERT INTO outbox (dedupe_key, user_id, kind, notification_id, status, attempts, next_attempt_at, created_at) \
                 VALUES ($1, $2, 'notification', $3, 'queued', 0, $4, $4)",
            )
            .bind(format!("notification:{id}"))
            .bind(user.0)
            .bind(id)
            .bind(n.at.as_second())
            .execute(&mut *$tx)
            .await
            .map_err($crate::db::map_err)?;
        }
    }};
}
pub(crate) use write_notifications;

/// Writes an idea's search terms inside the transaction `$tx`.
macro_rules! write_terms {
    ($tx:expr, $idea:expr, $terms:expr) => {{
        for (term, weight) in $terms {
            sqlx::query("INSERT INTO idea_terms (idea_id, term, weight) VALUES ($1, $2, $3)")
                .bind($idea)
                .bind(term.as_str())
                .bind(*weight)
                .execute(&mut *$tx)
                .await
                .map_err(map_err)?;
        }
    }};
}

#[derive(sqlx::FromRow)]
struct IdeaRow {
    id: i64,
    title: String,
    role: String,
    situation: String,
    need: String,
    effect: String,
    product_area_id: i64,
    product_area: String,
    author_id: i64,
    author_name: String,
    author_org_id: Option<i64>,
    author_org_name: Option<String>,
    erfa_group_id: Option<i64>,
    erfa_group_name: Option<String>,
    status: String,
    holder_group_id: Option<i64>,
    holder_group_name: Option<String>,
    return_status: Option<String>,
    return_holder_id: Option<i64>,
    rank: Option<i32>,
    release_id: Option<i64>,
    release_version: Option<String>,
    merged_into: Option<i64>,
    resolution: String,
    review_date: Option<String>,
    support_count: i64,
    follower_count: i64,
    comment_count: i64,
    version: i64,
    created_at: i64,
    status_changed_at: i64,
}

impl IdeaRow {
    fn into_domain(self) -> DomainResult<Idea> {
        Ok(Idea {
            id: IdeaId(self.id),
            title: self.title,
            role: self.role,
            situation: self.situation,
            need: self.need,
            effect: self.effect,
            product_area_id: ProductAreaId(self.product_area_id),
            product_area: self.product_area,
            author_id: UserId(self.author_id),
            author_name: self.author_name,
            author_org_id: self.author_org_id.map(OrgId),
            author_org_name: self.author_org_name,
            erfa_group_id: self.erfa_group_id.map(GroupId),
            erfa_group_name: self.erfa_group_name,
            status: status(&self.status)?,
            holder_group_id: self.holder_group_id.map(GroupId),
            holder_group_name: self.holder_group_name,
            return_status: self.return_status.as_deref().map(status).transpose()?,
            return_holder_id: self.return_holder_id.map(GroupId),
            rank: self.rank,
            release_id: self.release_id.map(ReleaseId),
            release_version: self.release_version,
            merged_into: self.merged_into.map(IdeaId),
            resolution: self.resolution,
            review_date: date(self.review_date),
            support_count: self.support_count,
            follower_count: self.follower_count,
            comment_count: self.comment_count,
            version: self.version,
            created_at: ts(self.created_at),
            status_changed_at: ts(self.status_changed_at),
        })
    }
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    idea_id: i64,
    at: i64,
    actor_id: Option<i64>,
    actor_name: Option<String>,
    actor_org: Option<String>,
    kind: String,
    from_status: Option<String>,
    to_status: String,
    from_group: Option<String>,
    to_group: Option<String>,
    reason: String,
    details: String,
    decision_id: Option<i64>,
    decision_title: Option<String>,
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    idea_id: i64,
    author_id: i64,
    author_name: String,
    org_name: Option<String>,
    body: String,
    created_at: i64,
    edited_at: Option<i64>,
    revisions: i64,
}

impl CommentRow {
    fn into_domain(self) -> Comment {
        Comment {
            id: CommentId(self.id),
            idea_id: IdeaId(self.idea_id),
            author_id: UserId(self.author_id),
            author_name: self.author_name,
            org_name: self.org_name,
            body: self.body,
            created_at: ts(self.created_at),
            edited_at: self.edited_at.map(ts),
            revisions: self.revisions,
        }
    }
}

const COMMENT_SELECT: &str = "SELECT c.id, c.idea_id, c.author_id, u.name AS author_name, o.name AS org_name, c.body, \
     c.created_at, c.edited_at, (SELECT COUNT(*) FROM comment_revisions r WHERE r.comment_id = c.id) AS revisions \
     FROM comments c JOIN users u ON u.id = c.author_id LEFT JOIN organizations o ON o.id = c.organization_id";

#[derive(sqlx::FromRow)]
struct ReleaseRow {
    id: i64,
    version: String,
    planned_date: Option<String>,
    released_date: Option<String>,
    notes: String,
}

impl ReleaseRow {
    fn into_domain(self) -> Release {
        Release {
            id: ReleaseId(self.id),
            version: self.version,
            planned_date: date(self.planned_date),
            released_date: date(self.released_date),
            notes: self.notes,
        }
    }
}

#[derive(sqlx::FromRow)]
struct AreaRow {
    id: i64,
    name: String,
}

/// Search results beyond this many are counted as "more than".
pub(crate) const SEARCH_COUNT_CAP: i64 = 1000;

/// Takes the idea row's lock before its supports or followers change. On PostgreSQL (READ
/// COMMITTED) each statement sees what was committed when it began: without the lock, two
/// people following at once each recount without the other's row, and one is lost from the
/// count. With it, the second waits for the first and then counts both. (On SQLite,
/// `BEGIN IMMEDIATE` already serializes writers.)
const LOCK_IDEA: &str = "UPDATE ideas SET follower_count = follower_count WHERE id = $1";

const RECOUNT: &str = "UPDATE ideas SET \
     support_count = (SELECT COUNT(DISTINCT s.organization_id) FROM idea_supports s WHERE s.idea_id = $1), \
     follower_count = (SELECT COUNT(*) FROM idea_followers f WHERE f.idea_id = $1) WHERE id = $1";

impl SqlStore {
    pub(crate) async fn ideas_list_releases(&self) -> DomainResult<Vec<Release>> {
        let rows: Vec<ReleaseRow> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT id, version, planned_date, released_date, notes FROM releases ORDER BY COALESCE(released_date, planned_date, '9999') DESC, id DESC",
        )
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        Ok(rows.into_iter().map(ReleaseRow::into_domain).collect())
    }

    pub(crate) async fn ideas_get_release(&self, id: ReleaseId) -> DomainResult<Option<Release>> {
        let row: Option<ReleaseRow> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT id, version, planned_date, released_date, notes FROM releases WHERE id = $1",
        )
        .bind(id.0)
        .fetch_optional(pool)
        .await)
        .map_err(map_err)?;
        Ok(row.map(ReleaseRow::into_domain))
    }

    pub(crate) async fn ideas_insert_release(
        &self,
        release: &ReleaseInput,
        audit: AuditEntry,
    ) -> DomainResult<Release> {
        let id: i64 = with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO releases (version, planned_date, released_date, notes, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(&release.version)
            .bind(release.planned_date.map(|d| d.to_string()))
            .bind(release.released_date.map(|d| d.to_string()))
            .bind(&release.notes)
            .bind(audit.at.as_second())
            .fetch_one(&mut *tx)
            .await
            .map_err(unique_as("version", "version_taken"))?;
            crate::store_impl::write_audit!(tx, audit, Some(id));
            tx.commit().await.map_err(map_err)?;
            id
        });
        self.ideas_get_release(ReleaseId(id)).await?.ok_or(DomainError::NotFound("release"))
    }

    pub(crate) async fn ideas_update_release(
        &self,
        id: ReleaseId,
        release: &ReleaseInput,
        audit: AuditEntry,
    ) -> DomainResult<Release> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let done = sqlx::query("UPDATE releases SET version = $1, planned_date = $2, released_date = $3, notes = $4 WHERE id = $5")
                .bind(&release.version)
                .bind(release.planned_date.map(|d| d.to_string()))
                .bind(release.released_date.map(|d| d.to_string()))
                .bind(&release.notes)
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(unique_as("version", "version_taken"))?;
            if done.rows_affected() == 0 {
                return Err(DomainError::NotFound("release"));
            }
            crate::store_impl::write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)?;
        });
        self.ideas_get_release(id).await?.ok_or(DomainError::NotFound("release"))
    }

    pub(crate) async fn ideas_get(&self, id: IdeaId) -> DomainResult<Option<Idea>> {
        let sql = concat!(idea_select!(), " WHERE i.id = $1");
        let row: Option<IdeaRow> =
            with_db!(self.db(), pool => sqlx::query_as(sql).bind(id.0).fetch_optional(pool).await).map_err(map_err)?;
        row.map(IdeaRow::into_domain).transpose()
    }

    pub(crate) async fn ideas_insert(
        &self,
        idea: &IdeaInput,
        author: UserId,
        org: Option<OrgId>,
        terms: &[(String, i32)],
        audit: AuditEntry,
    ) -> DomainResult<Idea> {
        let id: i64 = with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO ideas (title, role, situation, need, effect, product_area_id, author_id, author_org_id, status, \
                 follower_count, created_at, status_changed_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', 1, $9, $9) RETURNING id",
            )
            .bind(&idea.title)
            .bind(&idea.role)
            .bind(&idea.situation)
            .bind(&idea.need)
            .bind(&idea.effect)
            .bind(idea.product_area_id.0)
            .bind(author.0)
            .bind(org.map(|o| o.0))
            .bind(audit.at.as_second())
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
            // The author follows their own idea (follower_count starts at 1 above).
            sqlx::query("INSERT INTO idea_followers (idea_id, user_id, at) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(author.0)
                .bind(audit.at.as_second())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            write_terms!(tx, id, terms);
            crate::store_impl::write_audit!(tx, audit, Some(id));
            tx.commit().await.map_err(map_err)?;
            id
        });
        self.ideas_get(IdeaId(id)).await?.ok_or(DomainError::NotFound("idea"))
    }

    pub(crate) async fn ideas_update(
        &self,
        id: IdeaId,
        expected_version: i64,
        idea: &IdeaInput,
        terms: &[(String, i32)],
        audit: AuditEntry,
    ) -> DomainResult<Idea> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let done = sqlx::query(
                "UPDATE ideas SET title = $1, role = $2, situation = $3, need = $4, effect = $5, product_area_id = $6, version = version + 1 \
                 WHERE id = $7 AND version = $8",
            )
            .bind(&idea.title)
            .bind(&idea.role)
            .bind(&idea.situation)
            .bind(&idea.need)
            .bind(&idea.effect)
            .bind(idea.product_area_id.0)
            .bind(id.0)
            .bind(expected_version)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            if done.rows_affected() == 0 {
                return Err(DomainError::Conflict("stale_version"));
            }
            sqlx::query("DELETE FROM idea_terms WHERE idea_id = $1").bind(id.0).execute(&mut *tx).await.map_err(map_err)?;
            write_terms!(tx, id.0, terms);
            crate::store_impl::write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)?;
        });
        self.ideas_get(id).await?.ok_or(DomainError::NotFound("idea"))
    }

    pub(crate) async fn ideas_search(
        &self,
        stems: &[String],
        exclude: Option<IdeaId>,
        page: i64,
        page_size: i64,
    ) -> DomainResult<IdeaPage> {
        let page = page.max(1);
        if stems.is_empty() {
            return Ok(IdeaPage { ideas: Vec::new(), total: 0, page, page_size });
        }
        // One indexed prefix range per stem: [stem, stem + U+10FFFF), compared bytewise.
        let mut matches = Vec::with_capacity(stems.len());
        for i in 0..stems.len() {
            matches.push(format!(
                "SELECT idea_id, MAX(weight) AS w FROM idea_terms WHERE term >= ${} AND term < ${} GROUP BY idea_id",
                2 * i + 1,
                2 * i + 2
            ));
        }
        let n = 2 * stems.len();
        // Only submitted ideas have terms, so every match is visible to everyone.
        let from =
            format!("FROM ({}) m WHERE (${} IS NULL OR m.idea_id <> ${})", matches.join(" UNION ALL "), n + 1, n + 1);
        let ids_sql = format!(
            "SELECT m.idea_id {from} GROUP BY m.idea_id ORDER BY COUNT(*) DESC, SUM(m.w) DESC, m.idea_id DESC LIMIT ${} OFFSET ${}",
            n + 2,
            n + 3
        );
        // Counting every match of a common word costs as much as ranking them; beyond this many
        // the list says "more than".
        let count_sql = format!("SELECT COUNT(*) FROM (SELECT DISTINCT m.idea_id {from} LIMIT {SEARCH_COUNT_CAP}) c");
        let upper: Vec<String> = stems.iter().map(|s| format!("{s}\u{10FFFF}")).collect();
        let (ids, total): (Vec<i64>, i64) = with_db!(self.db(), pool => {
            let mut ids_query = sqlx::query_scalar(sqlx::AssertSqlSafe(ids_sql.clone()));
            let mut count_query = sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql.clone()));
            for (stem, upper) in stems.iter().zip(&upper) {
                ids_query = ids_query.bind(stem.as_str()).bind(upper.as_str());
                count_query = count_query.bind(stem.as_str()).bind(upper.as_str());
            }
            let ids: Vec<i64> = ids_query
                .bind(exclude.map(|e| e.0))
                .bind(page_size)
                .bind((page - 1) * page_size)
                .fetch_all(pool)
                .await
                .map_err(map_err)?;
            let total: i64 = count_query.bind(exclude.map(|e| e.0)).fetch_one(pool).await.map_err(map_err)?;
            (ids, total)
        });
        let ideas = self.ideas_by_ids(&ids).await?;
        Ok(IdeaPage { ideas, total, page, page_size })
    }

    /// The ideas with these ids, in the given order.
    async fn ideas_by_ids(&self, ids: &[i64]) -> DomainResult<Vec<Idea>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!("{} WHERE i.id IN ({})", idea_select!(), placeholders.join(", "));
        let rows: Vec<IdeaRow> = with_db!(self.db(), pool => {
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
            for id in ids {
                query = query.bind(*id);
            }
            query.fetch_all(pool).await.map_err(map_err)?
        });
        let mut ideas: Vec<Idea> = rows.into_iter().map(IdeaRow::into_domain).collect::<DomainResult<_>>()?;
        ideas.sort_by_key(|i| ids.iter().position(|id| *id == i.id.0));
        Ok(ideas)
    }

    pub(crate) async fn ideas_list(
        &self,
        filter: &IdeaFilter,
        sort: IdeaSort,
        page: i64,
        page_size: i64,
    ) -> DomainResult<IdeaPage> {
        let page = page.max(1);
        let (condition, params) = list_condition(filter);
        let order = match sort {
            IdeaSort::Newest => "i.created_at DESC, i.id DESC",
            IdeaSort::MostSupported => "i.support_count DESC, i.id DESC",
            IdeaSort::RecentlyMoved => "i.status_changed_at DESC, i.id DESC",
            IdeaSort::LongestWaiting => "i.status_changed_at ASC, i.id ASC",
        };
        let n = params.len();
        // The page's ids first, from the ideas table alone in index order; then their rows.
        let ids_sql =
            format!("SELECT i.id FROM ideas i WHERE {condition} ORDER BY {order} LIMIT ${} OFFSET ${}", n + 1, n + 2);
        let count_sql = match tallied_count(filter) {
            Some(sql) => sql,
            None => format!("SELECT COUNT(*) FROM ideas i WHERE {condition}"),
        };
        let (ids, total): (Vec<i64>, i64) = with_db!(self.db(), pool => {
            let mut ids_query = sqlx::query_scalar(sqlx::AssertSqlSafe(ids_sql.clone()));
            let mut count_query = sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql.clone()));
            for param in &params {
                ids_query = match param {
                    Param::Int(v) => ids_query.bind(*v),
                    Param::Text(v) => ids_query.bind(*v),
                };
                count_query = match param {
                    Param::Int(v) => count_query.bind(*v),
                    Param::Text(v) => count_query.bind(*v),
                };
            }
            let ids = ids_query.bind(page_size).bind((page - 1) * page_size).fetch_all(pool).await.map_err(map_err)?;
            let total = count_query.fetch_one(pool).await.map_err(map_err)?;
            (ids, total)
        });
        Ok(IdeaPage { ideas: self.ideas_by_ids(&ids).await?, total, page, page_size })
    }

    pub(crate) async fn ideas_apply_move(
        &self,
        id: IdeaId,
        expected_version: i64,
        record: idespor_domain::store::MoveRecord<'_>,
        audit: AuditEntry,
    ) -> DomainResult<Idea> {
        let idespor_domain::store::MoveRecord { state, event, terms, notification } = record;
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let done = update_idea_state!(tx, id, expected_version, state, event.at);
            if done.rows_affected() == 0 {
                return Err(DomainError::Conflict("stale_version"));
            }
            insert_event!(tx, id.0, event);
            write_notifications!(tx, notification);
            if let Some(terms) = terms {
                sqlx::query("DELETE FROM idea_terms WHERE idea_id = $1").bind(id.0).execute(&mut *tx).await.map_err(map_err)?;
                write_terms!(tx, id.0, terms);
            }
            if let (MoveKind::Merge, Some(target)) = (event.kind, state.merged_into) {
                let at = event.at.as_second();
                sqlx::query(LOCK_IDEA).bind(target.0).execute(&mut *tx).await.map_err(map_err)?;
                sqlx::query(
                    "INSERT INTO idea_supports (idea_id, user_id, organization_id, at) \
                     SELECT $1, user_id, organization_id, at FROM idea_supports WHERE idea_id = $2 ON CONFLICT DO NOTHING",
                )
                .bind(target.0)
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                sqlx::query(
                    "INSERT INTO idea_followers (idea_id, user_id, at) \
                     SELECT $1, user_id, at FROM idea_followers WHERE idea_id = $2 ON CONFLICT DO NOTHING",
                )
                .bind(target.0)
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                sqlx::query(
                    "INSERT INTO idea_provenance (idea_id, source_idea_id) \
                     SELECT $1, source_idea_id FROM idea_provenance WHERE idea_id = $2 ON CONFLICT DO NOTHING",
                )
                .bind(target.0)
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                sqlx::query("INSERT INTO idea_provenance (idea_id, source_idea_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .bind(target.0)
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                sqlx::query(RECOUNT).bind(target.0).execute(&mut *tx).await.map_err(map_err)?;
                // The surviving idea's history tells that it absorbed this one.
                let target_status: String = sqlx::query_scalar("SELECT status FROM ideas WHERE id = $1")
                    .bind(target.0)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(map_err)?;
                sqlx::query(
                    "INSERT INTO idea_events (idea_id, at, actor_id, kind, from_status, to_status, reason, details, since_at, since_kind) \
                     VALUES ($1, $2, $3, 'merge', $4, $4, '', $5, (SELECT p.at FROM idea_events p WHERE p.idea_id = $1 ORDER BY p.id DESC LIMIT 1), \
                     (SELECT p.kind FROM idea_events p WHERE p.idea_id = $1 ORDER BY p.id DESC LIMIT 1))",
                )
                .bind(target.0)
                .bind(at)
                .bind(event.actor.map(|a| a.0))
                .bind(&target_status)
                .bind(serde_json::json!({ "merged_from": id.0 }).to_string())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            }
            crate::store_impl::write_audit!(tx, audit, Some(id.0));
            tx.commit().await.map_err(map_err)?;
        });
        self.ideas_get(id).await?.ok_or(DomainError::NotFound("idea"))
    }

    pub(crate) async fn ideas_events(&self, id: IdeaId) -> DomainResult<Vec<IdeaEvent>> {
        let rows: Vec<EventRow> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT e.id, e.idea_id, e.at, e.actor_id, u.name AS actor_name, o.name AS actor_org, e.kind, e.from_status, \
             e.to_status, fg.name AS from_group, tg.name AS to_group, e.reason, e.details, e.decision_id, d.title AS decision_title \
             FROM idea_events e LEFT JOIN users u ON u.id = e.actor_id LEFT JOIN organizations o ON o.id = u.organization_id \
             LEFT JOIN community_groups fg ON fg.id = e.from_group_id LEFT JOIN community_groups tg ON tg.id = e.to_group_id \
             LEFT JOIN decisions d ON d.id = e.decision_id \
             WHERE e.idea_id = $1 ORDER BY e.id",
        )
        .bind(id.0)
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        rows.into_iter()
            .map(|r| {
                Ok(IdeaEvent {
                    id: r.id,
                    idea_id: IdeaId(r.idea_id),
                    at: ts(r.at),
                    actor_id: r.actor_id.map(UserId),
                    actor_name: r.actor_name,
                    actor_org: r.actor_org,
                    kind: MoveKind::parse(&r.kind).ok_or_else(|| bad("move", &r.kind))?,
                    from_status: r.from_status.as_deref().map(status).transpose()?,
                    to_status: status(&r.to_status)?,
                    from_group: r.from_group,
                    to_group: r.to_group,
                    reason: r.reason,
                    details: r.details,
                    decision_id: r.decision_id.map(idespor_domain::DecisionId),
                    decision_title: r.decision_title,
                })
            })
            .collect()
    }

    pub(crate) async fn ideas_supporters(&self, id: IdeaId) -> DomainResult<Vec<Supporter>> {
        type Rows = (Vec<(i64, String, String)>, Vec<(i64, String)>);
        let (people, groups): Rows = with_db!(self.db(), pool => {
            let people = sqlx::query_as(
                "SELECT s.organization_id, o.name, u.name FROM idea_supports s JOIN organizations o ON o.id = s.organization_id \
                 JOIN users u ON u.id = s.user_id WHERE s.idea_id = $1 ORDER BY s.at, u.name",
            )
            .bind(id.0)
            .fetch_all(pool)
            .await
            .map_err(map_err)?;
            let groups = sqlx::query_as(
                "SELECT DISTINCT s.organization_id, g.name FROM idea_supports s \
                 JOIN group_organizations go ON go.organization_id = s.organization_id \
                 JOIN community_groups g ON g.id = go.group_id AND g.kind = 'erfa' WHERE s.idea_id = $1",
            )
            .bind(id.0)
            .fetch_all(pool)
            .await
            .map_err(map_err)?;
            (people, groups)
        });
        let mut supporters: Vec<Supporter> = Vec::new();
        for (org_id, org_name, person) in people {
            match supporters.iter_mut().find(|s| s.org_id.0 == org_id) {
                Some(s) => s.people.push(person),
                None => supporters.push(Supporter {
                    org_id: OrgId(org_id),
                    org_name,
                    people: vec![person],
                    groups: Vec::new(),
                }),
            }
        }
        for (org_id, group) in groups {
            if let Some(s) = supporters.iter_mut().find(|s| s.org_id.0 == org_id) {
                s.groups.push(group);
            }
        }
        Ok(supporters)
    }

    pub(crate) async fn ideas_support(&self, id: IdeaId, user: UserId, org: OrgId, at: Timestamp) -> DomainResult<()> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            sqlx::query(LOCK_IDEA).bind(id.0).execute(&mut *tx).await.map_err(map_err)?;
            sqlx::query("INSERT INTO idea_supports (idea_id, user_id, organization_id, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .bind(id.0)
                .bind(user.0)
                .bind(org.0)
                .bind(at.as_second())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            sqlx::query(RECOUNT).bind(id.0).execute(&mut *tx).await.map_err(map_err)?;
            tx.commit().await.map_err(map_err)
        })
    }

    pub(crate) async fn ideas_withdraw_support(&self, id: IdeaId, user: UserId) -> DomainResult<()> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            sqlx::query(LOCK_IDEA).bind(id.0).execute(&mut *tx).await.map_err(map_err)?;
            sqlx::query("DELETE FROM idea_supports WHERE idea_id = $1 AND user_id = $2")
                .bind(id.0)
                .bind(user.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            sqlx::query(RECOUNT).bind(id.0).execute(&mut *tx).await.map_err(map_err)?;
            tx.commit().await.map_err(map_err)
        })
    }

    pub(crate) async fn ideas_follow(&self, id: IdeaId, user: UserId, at: Timestamp, follow: bool) -> DomainResult<()> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            sqlx::query(LOCK_IDEA).bind(id.0).execute(&mut *tx).await.map_err(map_err)?;
            if follow {
                sqlx::query("INSERT INTO idea_followers (idea_id, user_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                    .bind(id.0)
                    .bind(user.0)
                    .bind(at.as_second())
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
            } else {
                sqlx::query("DELETE FROM idea_followers WHERE idea_id = $1 AND user_id = $2")
                    .bind(id.0)
                    .bind(user.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
            }
            sqlx::query(RECOUNT).bind(id.0).execute(&mut *tx).await.map_err(map_err)?;
            tx.commit().await.map_err(map_err)
        })
    }

    pub(crate) async fn ideas_viewer_relation(&self, id: IdeaId, user: UserId) -> DomainResult<(bool, bool)> {
        let sql = "SELECT (SELECT COUNT(*) FROM idea_supports WHERE idea_id = $1 AND user_id = $2), \
             (SELECT COUNT(*) FROM idea_followers WHERE idea_id = $1 AND user_id = $2)";
        let (supports, follows): (i64, i64) =
            with_db!(self.db(), pool => sqlx::query_as(sql).bind(id.0).bind(user.0).fetch_one(pool).await)
                .map_err(map_err)?;
        Ok((supports > 0, follows > 0))
    }

    pub(crate) async fn ideas_provenance(&self, id: IdeaId) -> DomainResult<Vec<Provenance>> {
        let rows: Vec<(i64, String, Option<String>, Option<String>)> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT i.id, i.title, g.name, o.name FROM idea_provenance p JOIN ideas i ON i.id = p.source_idea_id \
             LEFT JOIN community_groups g ON g.id = i.erfa_group_id LEFT JOIN organizations o ON o.id = i.author_org_id \
             WHERE p.idea_id = $1 ORDER BY i.id",
        )
        .bind(id.0)
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(|(id, title, group_name, org_name)| Provenance { idea_id: IdeaId(id), title, group_name, org_name })
            .collect())
    }

    pub(crate) async fn ideas_add_comment(
        &self,
        id: IdeaId,
        author: UserId,
        org: Option<OrgId>,
        body: &str,
        notification: &idespor_domain::notify::NewNotification,
    ) -> DomainResult<Comment> {
        let comment_id: i64 = with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let comment_id: i64 = sqlx::query_scalar(
                "INSERT INTO comments (idea_id, author_id, organization_id, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(id.0)
            .bind(author.0)
            .bind(org.map(|o| o.0))
            .bind(body)
            .bind(notification.at.as_second())
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
            sqlx::query("UPDATE ideas SET comment_count = comment_count + 1 WHERE id = $1").bind(id.0).execute(&mut *tx).await.map_err(map_err)?;
            write_notifications!(tx, notification);
            tx.commit().await.map_err(map_err)?;
            comment_id
        });
        self.ideas_get_comment(CommentId(comment_id)).await?.ok_or(DomainError::NotFound("comment"))
    }

    pub(crate) async fn ideas_followers(&self, id: IdeaId) -> DomainResult<Vec<UserId>> {
        let rows: Vec<i64> =
            with_db!(self.db(), pool => sqlx::query_scalar("SELECT user_id FROM idea_followers WHERE idea_id = $1")
            .bind(id.0)
            .fetch_all(pool)
            .await)
            .map_err(map_err)?;
        Ok(rows.into_iter().map(UserId).collect())
    }

    pub(crate) async fn notify_list(
        &self,
        user: UserId,
        limit: i64,
    ) -> DomainResult<Vec<idespor_domain::notify::Notification>> {
        let sql =
            sqlx::AssertSqlSafe(format!("{NOTIFICATION_SELECT} WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2"));
        let rows: Vec<NotificationRow> =
            with_db!(self.db(), pool => sqlx::query_as(sql).bind(user.0).bind(limit).fetch_all(pool).await)
                .map_err(map_err)?;
        rows.into_iter().map(NotificationRow::into_domain).collect()
    }

    pub(crate) async fn notify_unread(&self, user: UserId) -> DomainResult<i64> {
        with_db!(self.db(), pool => sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
            .bind(user.0)
            .fetch_one(pool)
            .await)
        .map_err(map_err)
    }

    pub(crate) async fn notify_mark_read(&self, user: UserId, id: Option<i64>, at: Timestamp) -> DomainResult<()> {
        with_db!(self.db(), pool => sqlx::query(
            "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL AND ($3 IS NULL OR id = $3)",
        )
        .bind(at.as_second())
        .bind(user.0)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ()))
        .map_err(map_err)
    }

    pub(crate) async fn ideas_get_comment(&self, id: CommentId) -> DomainResult<Option<Comment>> {
        let sql = sqlx::AssertSqlSafe(format!("{COMMENT_SELECT} WHERE c.id = $1"));
        let row: Option<CommentRow> =
            with_db!(self.db(), pool => sqlx::query_as(sql).bind(id.0).fetch_optional(pool).await).map_err(map_err)?;
        Ok(row.map(CommentRow::into_domain))
    }

    pub(crate) async fn ideas_edit_comment(&self, id: CommentId, body: &str, at: Timestamp) -> DomainResult<Comment> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            sqlx::query("INSERT INTO comment_revisions (comment_id, body, replaced_at) SELECT id, body, $2 FROM comments WHERE id = $1")
                .bind(id.0)
                .bind(at.as_second())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            sqlx::query("UPDATE comments SET body = $1, edited_at = $2 WHERE id = $3")
                .bind(body)
                .bind(at.as_second())
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            tx.commit().await.map_err(map_err)?;
        });
        self.ideas_get_comment(id).await?.ok_or(DomainError::NotFound("comment"))
    }

    pub(crate) async fn ideas_comments(&self, id: IdeaId) -> DomainResult<Vec<Comment>> {
        let sql = sqlx::AssertSqlSafe(format!("{COMMENT_SELECT} WHERE c.idea_id = $1 ORDER BY c.id"));
        let rows: Vec<CommentRow> =
            with_db!(self.db(), pool => sqlx::query_as(sql).bind(id.0).fetch_all(pool).await).map_err(map_err)?;
        Ok(rows.into_iter().map(CommentRow::into_domain).collect())
    }

    pub(crate) async fn ideas_comment_revisions(
        &self,
        id: IdeaId,
    ) -> DomainResult<Vec<idespor_domain::idea::CommentRevision>> {
        let rows: Vec<(i64, String, i64)> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT r.comment_id, r.body, r.replaced_at FROM comment_revisions r JOIN comments c ON c.id = r.comment_id \
             WHERE c.idea_id = $1 ORDER BY r.id",
        )
        .bind(id.0)
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(|(comment_id, body, replaced_at)| idespor_domain::idea::CommentRevision {
                comment_id: CommentId(comment_id),
                body,
                replaced_at: ts(replaced_at),
            })
            .collect())
    }
}

/// A notification with what it is about, for `NotificationRow`.
pub(crate) const NOTIFICATION_SELECT: &str = "SELECT n.id, n.user_id, n.kind, n.idea_id, i.title AS idea_title, \
     i.author_id AS idea_author_id, n.meeting_id, m.title AS meeting_title, m.starts_at AS meeting_starts_at, n.change, \
     n.decision_id, d.title AS decision_title, COALESCE(mg.name, dg.name) AS group_name, u.name AS actor_name, \
     n.move_kind, n.to_status, n.created_at, n.read_at \
     FROM notifications n LEFT JOIN ideas i ON i.id = n.idea_id LEFT JOIN users u ON u.id = n.actor_id \
     LEFT JOIN meetings m ON m.id = n.meeting_id LEFT JOIN community_groups mg ON mg.id = m.group_id \
     LEFT JOIN decisions d ON d.id = n.decision_id LEFT JOIN community_groups dg ON dg.id = d.group_id";

#[derive(sqlx::FromRow)]
pub(crate) struct NotificationRow {
    pub id: i64,
    pub user_id: i64,
    pub kind: String,
    pub idea_id: Option<i64>,
    pub idea_title: Option<String>,
    pub idea_author_id: Option<i64>,
    pub meeting_id: Option<i64>,
    pub meeting_title: Option<String>,
    pub meeting_starts_at: Option<i64>,
    pub change: Option<String>,
    pub decision_id: Option<i64>,
    pub decision_title: Option<String>,
    pub group_name: Option<String>,
    pub actor_name: Option<String>,
    pub move_kind: Option<String>,
    pub to_status: Option<String>,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

impl NotificationRow {
    pub(crate) fn into_domain(self) -> DomainResult<idespor_domain::notify::Notification> {
        use idespor_domain::notify::{MeetingChange, Notification, NotificationKind};
        Ok(Notification {
            id: self.id,
            kind: NotificationKind::parse(&self.kind).ok_or_else(|| bad("notification kind", &self.kind))?,
            idea_id: self.idea_id.map(IdeaId),
            idea_title: self.idea_title,
            meeting_id: self.meeting_id.map(idespor_domain::MeetingId),
            meeting_title: self.meeting_title,
            meeting_starts_at: self.meeting_starts_at.map(ts),
            meeting_change: self.change.as_deref().and_then(MeetingChange::parse),
            decision_id: self.decision_id.map(idespor_domain::DecisionId),
            decision_title: self.decision_title,
            group_name: self.group_name,
            actor_name: self.actor_name,
            move_kind: self.move_kind.as_deref().and_then(MoveKind::parse),
            to_status: self.to_status.as_deref().map(status).transpose()?,
            created_at: ts(self.created_at),
            read_at: self.read_at.map(ts),
        })
    }
}

#[cfg(test)]
mod tests {
    use idespor_domain::idea::IdeaStatus;

    #[test]
    fn the_final_statuses_in_sql_are_the_domains() {
        let in_sql: Vec<&str> = super::FINAL_STATUSES.split(", ").map(|s| s.trim_matches('\'')).collect();
        for status in IdeaStatus::ALL {
            assert_eq!(in_sql.contains(&status.as_str()), status.is_final(), "{}", status.as_str());
        }
    }
}
