//! Ideas: the text, the journey's moves and their history, supports, followers, comments,
//! lists and search.

use crate::rows::bad;
use crate::sql::{Arg, Conn, Row, args};
use crate::store::SqlStore;
use crate::writes;
use async_trait::async_trait;
use idespor_domain::audit::AuditEntry;
use idespor_domain::idea::{
    Comment, CommentRevision, Idea, IdeaEvent, IdeaFilter, IdeaInput, IdeaPage, IdeaRevision, IdeaSort, IdeaStatus,
    MoveKind, Provenance, Supporter,
};
use idespor_domain::notify::NewNotification;
use idespor_domain::store::{IdeaStore, MoveRecord};
use idespor_domain::{
    CommentId, DecisionId, DomainError, DomainResult, GroupId, IdeaId, OrgId, ProductAreaId, ReleaseId, UserId,
};
use jiff::Timestamp;

pub(crate) fn status(value: &str) -> DomainResult<IdeaStatus> {
    IdeaStatus::parse(value).ok_or_else(|| bad("idea status", value))
}

pub(crate) fn move_kind(value: &str) -> DomainResult<MoveKind> {
    MoveKind::parse(value).ok_or_else(|| bad("move", value))
}

/// The columns [`idea`] reads, in order.
pub(crate) const IDEA_SELECT: &str = "SELECT i.id, i.title, i.role, i.situation, i.need, i.effect, \
     i.product_area_id, pa.name, i.author_id, au.name, i.author_org_id, ao.name, i.erfa_group_id, eg.name, i.status, \
     i.holder_group_id, hg.name, i.return_status, i.return_holder_id, i.rank, i.release_id, r.version, i.merged_into, \
     i.resolution, i.review_date, i.support_count, i.follower_count, i.comment_count, i.version, i.created_at, \
     i.status_changed_at, i.resolution_code \
     FROM ideas i \
     JOIN product_areas pa ON pa.id = i.product_area_id \
     JOIN users au ON au.id = i.author_id \
     LEFT JOIN organizations ao ON ao.id = i.author_org_id \
     LEFT JOIN community_groups eg ON eg.id = i.erfa_group_id \
     LEFT JOIN community_groups hg ON hg.id = i.holder_group_id \
     LEFT JOIN releases r ON r.id = i.release_id";

pub(crate) fn idea(r: &Row<'_>) -> DomainResult<Idea> {
    Ok(Idea {
        id: IdeaId(r.i64(0)?),
        title: r.text(1)?,
        role: r.text(2)?,
        situation: r.text(3)?,
        need: r.text(4)?,
        effect: r.text(5)?,
        product_area_id: ProductAreaId(r.i64(6)?),
        product_area: r.text(7)?,
        author_id: UserId(r.i64(8)?),
        author_name: r.text(9)?,
        author_org_id: r.opt_i64(10)?.map(OrgId),
        author_org_name: r.opt_text(11)?,
        erfa_group_id: r.opt_i64(12)?.map(GroupId),
        erfa_group_name: r.opt_text(13)?,
        status: status(&r.text(14)?)?,
        holder_group_id: r.opt_i64(15)?.map(GroupId),
        holder_group_name: r.opt_text(16)?,
        return_status: r.opt_text(17)?.as_deref().map(status).transpose()?,
        return_holder_id: r.opt_i64(18)?.map(GroupId),
        rank: r.opt_i32(19)?,
        release_id: r.opt_i64(20)?.map(ReleaseId),
        release_version: r.opt_text(21)?,
        merged_into: r.opt_i64(22)?.map(IdeaId),
        resolution: r.text(23)?,
        review_date: r.opt_date(24)?,
        support_count: r.i64(25)?,
        follower_count: r.i64(26)?,
        comment_count: r.i64(27)?,
        version: r.i64(28)?,
        created_at: r.ts(29)?,
        status_changed_at: r.ts(30)?,
        resolution_code: r.opt_text(31)?,
    })
}

pub(crate) async fn get_idea(c: &Conn, id: IdeaId) -> DomainResult<Idea> {
    let sql = format!("{IDEA_SELECT} WHERE i.id = $1");
    c.opt(&sql, args![id.0], idea).await?.ok_or(DomainError::NotFound("idea"))
}

/// The ideas with these ids, in the given order.
async fn ideas_by_ids(c: &Conn, ids: &[i64]) -> DomainResult<Vec<Idea>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Bound, not written in: one statement text per number of ids, prepared once and cached.
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!("{IDEA_SELECT} WHERE i.id IN ({})", placeholders.join(", "));
    let params: Vec<Arg<'_>> = ids.iter().map(|id| Arg::from(*id)).collect();
    let mut ideas = c.all(&sql, &params, idea).await?;
    ideas.sort_by_key(|i| ids.iter().position(|id| *id == i.id.0));
    Ok(ideas)
}

/// The statuses an idea's journey ends in, as SQL (`IdeaStatus::is_final`; a unit test holds
/// the two to each other).
const FINAL_STATUSES: &str = "'delivered', 'solved_by_configuration', 'declined', 'merged', 'withdrawn'";

/// The list's condition with only the filters that are set, so that the database can use its
/// indexes (a condition like `$1 IS NULL OR …` for every filter cannot).
fn list_condition(filter: &IdeaFilter) -> (String, Vec<Arg<'static>>) {
    let mut parts: Vec<String> = Vec::new();
    let mut params: Vec<Arg<'static>> = Vec::new();
    let next = |param: Arg<'static>, params: &mut Vec<Arg<'static>>| {
        params.push(param);
        format!("${}", params.len())
    };
    match filter.viewer {
        Some(viewer) => {
            let p = next(viewer.0.into(), &mut params);
            parts.push(format!("(i.status <> 'draft' OR i.author_id = {p})"));
        }
        None => parts.push("i.status <> 'draft'".into()),
    }
    if let Some(status) = filter.status {
        let p = next(status.as_str().into(), &mut params);
        parts.push(format!("i.status = {p}"));
    }
    if filter.open_only {
        parts.push(format!("i.status NOT IN ({FINAL_STATUSES})"));
    }
    if filter.ranked_only {
        parts.push("i.rank IS NOT NULL".into());
    }
    if let Some(group) = filter.group {
        let p = next(group.0.into(), &mut params);
        parts.push(format!("(i.erfa_group_id = {p} OR i.holder_group_id = {p})"));
    }
    for (column, value) in [
        ("i.holder_group_id", filter.holder.map(|g| g.0)),
        ("i.product_area_id", filter.product_area.map(|a| a.0)),
        ("i.author_org_id", filter.organization.map(|o| o.0)),
        ("i.author_id", filter.author.map(|u| u.0)),
        ("i.release_id", filter.release.map(|r| r.0)),
    ] {
        if let Some(value) = value {
            let p = next(value.into(), &mut params);
            parts.push(format!("{column} = {p}"));
        }
    }
    if let Some(org) = filter.supported_by {
        let p = next(org.0.into(), &mut params);
        parts.push(format!("i.id IN (SELECT s.idea_id FROM idea_supports s WHERE s.organization_id = {p})"));
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
        ranked_only: false,
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

/// Takes the idea row's lock before its supports or followers change. On PostgreSQL (READ
/// COMMITTED) each statement sees what was committed when it began: without the lock, two
/// people following at once each recount without the other's row, and one is lost from the
/// count. With it, the second waits for the first and then counts both. (On SQLite,
/// `BEGIN IMMEDIATE` already serializes writers.)
const LOCK_IDEA: &str = "UPDATE ideas SET follower_count = follower_count WHERE id = $1";

const RECOUNT: &str = "UPDATE ideas SET \
     support_count = (SELECT COUNT(DISTINCT s.organization_id) FROM idea_supports s WHERE s.idea_id = $1), \
     follower_count = (SELECT COUNT(*) FROM idea_followers f WHERE f.idea_id = $1) WHERE id = $1";

/// A hidden comment's text is not read at all: no page, feed, mail or API answer can show it.
const COMMENT_SELECT: &str = "SELECT c.id, c.idea_id, c.author_id, u.name, o.name, \
     CASE WHEN c.hidden_at IS NULL THEN c.body ELSE '' END, c.created_at, c.edited_at, \
     CASE WHEN c.hidden_at IS NULL THEN (SELECT COUNT(*) FROM comment_revisions r WHERE r.comment_id = c.id) ELSE 0 END, \
     c.hidden_at IS NOT NULL \
     FROM comments c JOIN users u ON u.id = c.author_id LEFT JOIN organizations o ON o.id = c.organization_id";

fn comment(r: &Row<'_>) -> DomainResult<Comment> {
    Ok(Comment {
        id: CommentId(r.i64(0)?),
        idea_id: IdeaId(r.i64(1)?),
        author_id: UserId(r.i64(2)?),
        author_name: r.text(3)?,
        org_name: r.opt_text(4)?,
        body: r.text(5)?,
        created_at: r.ts(6)?,
        edited_at: r.opt_ts(7)?,
        revisions: r.i64(8)?,
        hidden: r.bool(9)?,
    })
}

async fn get_comment(c: &Conn, id: CommentId) -> DomainResult<Comment> {
    let sql = format!("{COMMENT_SELECT} WHERE c.id = $1");
    c.opt(&sql, args![id.0], comment).await?.ok_or(DomainError::NotFound("comment"))
}

/// Carries a merged idea's supports, followers and provenance to the surviving idea, and tells
/// in the survivor's history that it absorbed this one.
async fn carry_merge(c: &Conn, id: IdeaId, target: IdeaId, actor: Option<UserId>, at: Timestamp) -> DomainResult<()> {
    c.exec(LOCK_IDEA, args![target.0]).await?;
    c.exec(
        "INSERT INTO idea_supports (idea_id, user_id, organization_id, at) \
         SELECT $1, user_id, organization_id, at FROM idea_supports WHERE idea_id = $2 ON CONFLICT DO NOTHING",
        args![target.0, id.0],
    )
    .await?;
    c.exec(
        "INSERT INTO idea_followers (idea_id, user_id, at) \
         SELECT $1, user_id, at FROM idea_followers WHERE idea_id = $2 ON CONFLICT DO NOTHING",
        args![target.0, id.0],
    )
    .await?;
    c.exec(
        "INSERT INTO idea_provenance (idea_id, source_idea_id) \
         SELECT $1, source_idea_id FROM idea_provenance WHERE idea_id = $2 ON CONFLICT DO NOTHING",
        args![target.0, id.0],
    )
    .await?;
    c.exec(
        "INSERT INTO idea_provenance (idea_id, source_idea_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        args![target.0, id.0],
    )
    .await?;
    c.exec(RECOUNT, args![target.0]).await?;
    let target_status = c.one("SELECT status FROM ideas WHERE id = $1", args![target.0], |r| r.text(0)).await?;
    let details = serde_json::json!({ "merged_from": id.0 }).to_string();
    c.exec(
        "INSERT INTO idea_events (idea_id, at, actor_id, kind, from_status, to_status, reason, details, since_at, \
         since_kind) VALUES ($1, $2, $3, 'merge', $4, $4, '', $5, \
         (SELECT p.at FROM idea_events p WHERE p.idea_id = $1 ORDER BY p.id DESC LIMIT 1), \
         (SELECT p.kind FROM idea_events p WHERE p.idea_id = $1 ORDER BY p.id DESC LIMIT 1))",
        args![target.0, at.as_second(), actor.map(|a| a.0), &target_status, &details],
    )
    .await?;
    Ok(())
}

/// Adds or removes one row of an idea's supports or followers and recounts, under the idea's
/// lock (see [`LOCK_IDEA`]).
async fn change_relation(c: &Conn, id: IdeaId, sql: &str, args: &[Arg<'_>]) -> DomainResult<()> {
    c.exec(LOCK_IDEA, args![id.0]).await?;
    c.exec(sql, args).await?;
    c.exec(RECOUNT, args![id.0]).await?;
    Ok(())
}

#[async_trait]
impl IdeaStore for SqlStore {
    async fn insert_idea(
        &self,
        input: &IdeaInput,
        author: UserId,
        org: Option<OrgId>,
        terms: &[(String, i32)],
        audit: AuditEntry,
    ) -> DomainResult<Idea> {
        self.db
            .write(|c| async move {
                let id = c
                    .int(
                        "INSERT INTO ideas (title, role, situation, need, effect, product_area_id, author_id, \
                         author_org_id, status, follower_count, created_at, status_changed_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', 1, $9, $9) RETURNING id",
                        args![
                            &input.title,
                            &input.role,
                            &input.situation,
                            &input.need,
                            &input.effect,
                            input.product_area_id.0,
                            author.0,
                            org.map(|o| o.0),
                            audit.at.as_second()
                        ],
                    )
                    .await?;
                // The author follows their own idea (follower_count starts at 1 above).
                c.exec(
                    "INSERT INTO idea_followers (idea_id, user_id, at) VALUES ($1, $2, $3)",
                    args![id, author.0, audit.at.as_second()],
                )
                .await?;
                writes::terms(&c, IdeaId(id), terms).await?;
                writes::audit(&c, &audit, Some(id)).await?;
                get_idea(&c, IdeaId(id)).await
            })
            .await
    }

    async fn update_idea(
        &self,
        id: IdeaId,
        expected_version: i64,
        input: &IdeaInput,
        terms: &[(String, i32)],
        revision: Option<(UserId, &NewNotification)>,
        audit: AuditEntry,
    ) -> DomainResult<Idea> {
        self.db
            .write(|c| async move {
                if let Some((by, _)) = revision {
                    // The wording it had, kept before it is replaced (nothing, if it moved on).
                    c.exec(
                        "INSERT INTO idea_revisions (idea_id, version, title, role, situation, need, effect, \
                         product_area_id, replaced_at, replaced_by) SELECT id, version, title, role, situation, \
                         need, effect, product_area_id, $1, $2 FROM ideas WHERE id = $3 AND version = $4",
                        args![audit.at.as_second(), by.0, id.0, expected_version],
                    )
                    .await?;
                }
                let changed = c
                    .exec(
                        "UPDATE ideas SET title = $1, role = $2, situation = $3, need = $4, effect = $5, \
                         product_area_id = $6, version = version + 1 WHERE id = $7 AND version = $8",
                        args![
                            &input.title,
                            &input.role,
                            &input.situation,
                            &input.need,
                            &input.effect,
                            input.product_area_id.0,
                            id.0,
                            expected_version
                        ],
                    )
                    .await?;
                if changed == 0 {
                    return Err(DomainError::Conflict("stale_version"));
                }
                writes::terms(&c, id, terms).await?;
                if let Some((_, notification)) = revision {
                    writes::notifications(&c, notification, None, None).await?;
                }
                writes::audit(&c, &audit, Some(id.0)).await?;
                get_idea(&c, id).await
            })
            .await
    }

    async fn search_idea_ids(
        &self,
        stems: &[String],
        exclude: Option<IdeaId>,
        page: i64,
        page_size: i64,
    ) -> DomainResult<(Vec<IdeaId>, i64)> {
        let page = page.max(1);
        if stems.is_empty() {
            return Ok((Vec::new(), 0));
        }
        // One indexed prefix range per stem: [stem, stem + U+10FFFF), compared bytewise.
        let matches: Vec<String> = (0..stems.len())
            .map(|i| {
                format!(
                    "SELECT idea_id, MAX(weight) AS w FROM idea_terms WHERE term >= ${} AND term < ${} GROUP BY idea_id",
                    2 * i + 1,
                    2 * i + 2
                )
            })
            .collect();
        let n = 2 * stems.len();
        // Only submitted ideas have terms, so every match is visible to everyone. Ranking reads
        // every match anyway, so the total is counted over the same groups (a window) instead of
        // by a second query.
        let from =
            format!("FROM ({}) m WHERE (${} IS NULL OR m.idea_id <> ${})", matches.join(" UNION ALL "), n + 1, n + 1);
        let ranked_sql = format!(
            "SELECT m.idea_id, COUNT(*) OVER () {from} GROUP BY m.idea_id \
             ORDER BY COUNT(*) DESC, SUM(m.w) DESC, m.idea_id DESC LIMIT ${} OFFSET ${}",
            n + 2,
            n + 3
        );
        let count_sql = format!("SELECT COUNT(*) FROM (SELECT DISTINCT m.idea_id {from}) c");
        let upper: Vec<String> = stems.iter().map(|s| format!("{s}\u{10FFFF}")).collect();
        let mut params: Vec<Arg<'_>> = Vec::with_capacity(n + 3);
        for (stem, upper) in stems.iter().zip(&upper) {
            params.push(stem.into());
            params.push(upper.into());
        }
        params.push(exclude.map(|e| e.0).into());
        self.db
            .read(|c| async move {
                let mut paged = params.clone();
                paged.push(page_size.into());
                paged.push(((page - 1) * page_size).into());
                let rows = c.all(&ranked_sql, &paged, |r| Ok((IdeaId(r.i64(0)?), r.i64(1)?))).await?;
                let total = match rows.first() {
                    Some((_, total)) => *total,
                    // A page past the last: its rows cannot say how many there are.
                    None if page > 1 => c.int(&count_sql, &params).await?,
                    None => 0,
                };
                Ok((rows.into_iter().map(|(id, _)| id).collect(), total))
            })
            .await
    }

    async fn search_generation(&self) -> DomainResult<i64> {
        self.db.read(|c| async move { c.int("SELECT generation FROM search_generation WHERE id = 1", &[]).await }).await
    }

    async fn ideas_by_ids(&self, ids: &[IdeaId]) -> DomainResult<Vec<Idea>> {
        let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
        self.db.read(|c| async move { ideas_by_ids(&c, &ids).await }).await
    }

    async fn get_idea(&self, id: IdeaId) -> DomainResult<Option<Idea>> {
        let sql = format!("{IDEA_SELECT} WHERE i.id = $1");
        self.db.read(|c| async move { c.opt(&sql, args![id.0], idea).await }).await
    }

    async fn list_ideas(
        &self,
        filter: &IdeaFilter,
        sort: IdeaSort,
        page: i64,
        page_size: i64,
    ) -> DomainResult<IdeaPage> {
        let page = page.max(1);
        let (condition, mut params) = list_condition(filter);
        let order = match sort {
            IdeaSort::Newest => "i.created_at DESC, i.id DESC",
            IdeaSort::MostSupported => "i.support_count DESC, i.id DESC",
            IdeaSort::RecentlyMoved => "i.status_changed_at DESC, i.id DESC",
            IdeaSort::LongestWaiting => "i.status_changed_at ASC, i.id ASC",
            IdeaSort::Priority => "i.rank ASC, i.id ASC",
        };
        let n = params.len();
        // The page's ids first, from the ideas table alone in index order; then their rows.
        let ids_sql =
            format!("SELECT i.id FROM ideas i WHERE {condition} ORDER BY {order} LIMIT ${} OFFSET ${}", n + 1, n + 2);
        let count_sql = match tallied_count(filter) {
            Some(sql) => sql,
            None => format!("SELECT COUNT(*) FROM ideas i WHERE {condition}"),
        };
        self.db
            .read(|c| async move {
                let total = c.int(&count_sql, &params).await?;
                params.push(page_size.into());
                params.push(((page - 1) * page_size).into());
                let ids = c.ints(&ids_sql, &params).await?;
                Ok(IdeaPage { ideas: ideas_by_ids(&c, &ids).await?, total, page, page_size })
            })
            .await
    }

    async fn apply_move(
        &self,
        id: IdeaId,
        expected_version: i64,
        record: MoveRecord<'_>,
        audit: AuditEntry,
    ) -> DomainResult<Idea> {
        let MoveRecord { state, event, terms, notification } = record;
        self.db
            .write(|c| async move {
                if writes::idea_state(&c, id, expected_version, state, event.at).await? == 0 {
                    return Err(DomainError::Conflict("stale_version"));
                }
                writes::idea_event(&c, id, event, None, None).await?;
                writes::notifications(&c, notification, None, None).await?;
                if let Some(terms) = terms {
                    writes::terms(&c, id, terms).await?;
                }
                if let (MoveKind::Merge, Some(target)) = (event.kind, state.merged_into) {
                    carry_merge(&c, id, target, event.actor, event.at).await?;
                }
                if state.rank.is_some() {
                    let placed: Vec<(IdeaId, i32)> = match (event.kind, state.rank) {
                        (MoveKind::Prioritize, Some(rank)) => vec![(id, rank)],
                        _ => Vec::new(),
                    };
                    writes::settle_ranks(&c, &placed).await?;
                }
                writes::audit(&c, &audit, Some(id.0)).await?;
                get_idea(&c, id).await
            })
            .await
    }

    async fn idea_events(&self, id: IdeaId) -> DomainResult<Vec<IdeaEvent>> {
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT e.id, e.idea_id, e.at, e.actor_id, u.name, o.name, e.kind, e.from_status, e.to_status, \
                     fg.name, tg.name, e.reason, e.details, e.decision_id, d.title \
                     FROM idea_events e LEFT JOIN users u ON u.id = e.actor_id \
                     LEFT JOIN organizations o ON o.id = u.organization_id \
                     LEFT JOIN community_groups fg ON fg.id = e.from_group_id \
                     LEFT JOIN community_groups tg ON tg.id = e.to_group_id \
                     LEFT JOIN decisions d ON d.id = e.decision_id WHERE e.idea_id = $1 ORDER BY e.id",
                    args![id.0],
                    |r| {
                        Ok(IdeaEvent {
                            id: r.i64(0)?,
                            idea_id: IdeaId(r.i64(1)?),
                            at: r.ts(2)?,
                            actor_id: r.opt_i64(3)?.map(UserId),
                            actor_name: r.opt_text(4)?,
                            actor_org: r.opt_text(5)?,
                            kind: move_kind(&r.text(6)?)?,
                            from_status: r.opt_text(7)?.as_deref().map(status).transpose()?,
                            to_status: status(&r.text(8)?)?,
                            from_group: r.opt_text(9)?,
                            to_group: r.opt_text(10)?,
                            reason: r.text(11)?,
                            details: r.text(12)?,
                            decision_id: r.opt_i64(13)?.map(DecisionId),
                            decision_title: r.opt_text(14)?,
                        })
                    },
                )
                .await
            })
            .await
    }

    async fn supporters(&self, id: IdeaId) -> DomainResult<Vec<Supporter>> {
        let (people, groups) = self
            .db
            .read(|c| async move {
                let people = c
                    .all(
                        "SELECT s.organization_id, o.name, u.name FROM idea_supports s \
                         JOIN organizations o ON o.id = s.organization_id JOIN users u ON u.id = s.user_id \
                         WHERE s.idea_id = $1 ORDER BY s.at, u.name",
                        args![id.0],
                        |r| Ok((r.i64(0)?, r.text(1)?, r.text(2)?)),
                    )
                    .await?;
                let groups = c
                    .all(
                        "SELECT DISTINCT s.organization_id, g.name FROM idea_supports s \
                         JOIN group_organizations go ON go.organization_id = s.organization_id \
                         JOIN community_groups g ON g.id = go.group_id AND g.kind = 'erfa' WHERE s.idea_id = $1",
                        args![id.0],
                        |r| Ok((r.i64(0)?, r.text(1)?)),
                    )
                    .await?;
                Ok((people, groups))
            })
            .await?;
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

    async fn support_idea(
        &self,
        id: IdeaId,
        user: UserId,
        org: OrgId,
        at: Timestamp,
        follow: bool,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                if follow {
                    c.exec(LOCK_IDEA, args![id.0]).await?;
                    c.exec(
                        "INSERT INTO idea_followers (idea_id, user_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                        args![id.0, user.0, at.as_second()],
                    )
                    .await?;
                }
                change_relation(
                    &c,
                    id,
                    "INSERT INTO idea_supports (idea_id, user_id, organization_id, at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT DO NOTHING",
                    args![id.0, user.0, org.0, at.as_second()],
                )
                .await
            })
            .await
    }

    async fn withdraw_support(&self, id: IdeaId, user: UserId) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                change_relation(
                    &c,
                    id,
                    "DELETE FROM idea_supports WHERE idea_id = $1 AND user_id = $2",
                    args![id.0, user.0],
                )
                .await
            })
            .await
    }

    async fn follow_idea(&self, id: IdeaId, user: UserId, at: Timestamp, follow: bool) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                if follow {
                    change_relation(
                        &c,
                        id,
                        "INSERT INTO idea_followers (idea_id, user_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                        args![id.0, user.0, at.as_second()],
                    )
                    .await
                } else {
                    change_relation(
                        &c,
                        id,
                        "DELETE FROM idea_followers WHERE idea_id = $1 AND user_id = $2",
                        args![id.0, user.0],
                    )
                    .await
                }
            })
            .await
    }

    async fn viewer_relation(&self, id: IdeaId, user: UserId) -> DomainResult<(bool, bool)> {
        self.db
            .read(|c| async move {
                c.one(
                    "SELECT (SELECT COUNT(*) FROM idea_supports WHERE idea_id = $1 AND user_id = $2), \
                     (SELECT COUNT(*) FROM idea_followers WHERE idea_id = $1 AND user_id = $2)",
                    args![id.0, user.0],
                    |r| Ok((r.i64(0)? > 0, r.i64(1)? > 0)),
                )
                .await
            })
            .await
    }

    async fn provenance(&self, id: IdeaId) -> DomainResult<Vec<Provenance>> {
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT i.id, i.title, g.name, o.name FROM idea_provenance p JOIN ideas i ON i.id = p.source_idea_id \
                     LEFT JOIN community_groups g ON g.id = i.erfa_group_id \
                     LEFT JOIN organizations o ON o.id = i.author_org_id WHERE p.idea_id = $1 ORDER BY i.id",
                    args![id.0],
                    |r| {
                        Ok(Provenance {
                            idea_id: IdeaId(r.i64(0)?),
                            title: r.text(1)?,
                            group_name: r.opt_text(2)?,
                            org_name: r.opt_text(3)?,
                        })
                    },
                )
                .await
            })
            .await
    }

    async fn add_comment(
        &self,
        id: IdeaId,
        author: UserId,
        org: Option<OrgId>,
        body: &str,
        notification: &NewNotification,
        follow: bool,
    ) -> DomainResult<Comment> {
        self.db
            .write(|c| async move {
                if follow {
                    c.exec(LOCK_IDEA, args![id.0]).await?;
                    c.exec(
                        "INSERT INTO idea_followers (idea_id, user_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                        args![id.0, author.0, notification.at.as_second()],
                    )
                    .await?;
                    c.exec(RECOUNT, args![id.0]).await?;
                }
                let comment_id = c
                    .int(
                        "INSERT INTO comments (idea_id, author_id, organization_id, body, created_at) \
                         VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        args![id.0, author.0, org.map(|o| o.0), body, notification.at.as_second()],
                    )
                    .await?;
                c.exec("UPDATE ideas SET comment_count = comment_count + 1 WHERE id = $1", args![id.0]).await?;
                writes::notifications(&c, notification, None, None).await?;
                get_comment(&c, CommentId(comment_id)).await
            })
            .await
    }

    async fn idea_followers(&self, id: IdeaId) -> DomainResult<Vec<UserId>> {
        self.db
            .read(|c| async move {
                c.all("SELECT user_id FROM idea_followers WHERE idea_id = $1", args![id.0], |r| Ok(UserId(r.i64(0)?)))
                    .await
            })
            .await
    }

    async fn get_comment(&self, id: CommentId) -> DomainResult<Option<Comment>> {
        let sql = format!("{COMMENT_SELECT} WHERE c.id = $1");
        self.db.read(|c| async move { c.opt(&sql, args![id.0], comment).await }).await
    }

    async fn edit_comment(&self, id: CommentId, body: &str, at: Timestamp) -> DomainResult<Comment> {
        self.db
            .write(|c| async move {
                c.exec(
                    "INSERT INTO comment_revisions (comment_id, body, replaced_at) \
                     SELECT id, body, $2 FROM comments WHERE id = $1",
                    args![id.0, at.as_second()],
                )
                .await?;
                c.exec(
                    "UPDATE comments SET body = $1, edited_at = $2 WHERE id = $3",
                    args![body, at.as_second(), id.0],
                )
                .await?;
                get_comment(&c, id).await
            })
            .await
    }

    async fn comments(&self, id: IdeaId) -> DomainResult<Vec<Comment>> {
        let sql = format!("{COMMENT_SELECT} WHERE c.idea_id = $1 ORDER BY c.id");
        self.db.read(|c| async move { c.all(&sql, args![id.0], comment).await }).await
    }

    async fn idea_revisions(&self, id: IdeaId) -> DomainResult<Vec<IdeaRevision>> {
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT r.version, r.title, r.role, r.situation, r.need, r.effect, COALESCE(a.name, ''), \
                     r.replaced_at, u.name FROM idea_revisions r LEFT JOIN product_areas a ON a.id = r.product_area_id \
                     LEFT JOIN users u ON u.id = r.replaced_by WHERE r.idea_id = $1 ORDER BY r.id",
                    args![id.0],
                    |r| {
                        Ok(IdeaRevision {
                            version: r.i64(0)?,
                            title: r.text(1)?,
                            role: r.text(2)?,
                            situation: r.text(3)?,
                            need: r.text(4)?,
                            effect: r.text(5)?,
                            product_area: r.text(6)?,
                            replaced_at: r.ts(7)?,
                            replaced_by: r.opt_text(8)?,
                        })
                    },
                )
                .await
            })
            .await
    }

    async fn comment_revisions(&self, id: IdeaId) -> DomainResult<Vec<CommentRevision>> {
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT r.comment_id, r.body, r.replaced_at FROM comment_revisions r \
                     JOIN comments c ON c.id = r.comment_id WHERE c.idea_id = $1 AND c.hidden_at IS NULL ORDER BY r.id",
                    args![id.0],
                    |r| {
                        Ok(CommentRevision {
                            comment_id: CommentId(r.i64(0)?),
                            body: r.text(1)?,
                            replaced_at: r.ts(2)?,
                        })
                    },
                )
                .await
            })
            .await
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
