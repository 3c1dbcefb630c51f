//! The roadmap's ideas with their backers, and the items releases carry besides customer ideas.

use crate::db::{BeginWrite, map_err, with_db};
use crate::ideas::{bad, status};
use crate::store_impl::{SqlStore, write_audit};
use idespor_domain::audit::AuditEntry;
use idespor_domain::roadmap::{ItemSource, ReleaseItem, RoadmapIdea};
use idespor_domain::{DomainResult, IdeaId, ReleaseId, UserId};
use jiff::Timestamp;
use std::collections::HashMap;

impl SqlStore {
    pub(crate) async fn roadmap_ideas_query(&self) -> DomainResult<Vec<RoadmapIdea>> {
        type IdeaRow = (i64, String, String, Option<i64>, Option<String>, Option<String>);
        let rows: Vec<IdeaRow> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT i.id, i.title, i.status, i.release_id, g.name, o.name FROM ideas i \
             LEFT JOIN community_groups g ON g.id = i.erfa_group_id LEFT JOIN organizations o ON o.id = i.author_org_id \
             WHERE i.status IN ('accepted', 'planned', 'in_development', 'delivered') ORDER BY i.support_count DESC, i.id",
        )
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        // The supporting organizations and their erfagrupper, for all of them in one query.
        let backers: Vec<(i64, String, Option<String>)> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT DISTINCT s.idea_id, o.name, g.name FROM idea_supports s JOIN ideas i ON i.id = s.idea_id \
             JOIN organizations o ON o.id = s.organization_id \
             LEFT JOIN group_organizations go ON go.organization_id = s.organization_id \
             LEFT JOIN community_groups g ON g.id = go.group_id AND g.kind = 'erfa' \
             WHERE i.status IN ('accepted', 'planned', 'in_development', 'delivered')",
        )
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        let mut by_idea: HashMap<i64, (Vec<String>, Vec<String>)> = HashMap::new();
        for (idea, org, group) in backers {
            let (groups, orgs) = by_idea.entry(idea).or_default();
            if !orgs.contains(&org) {
                orgs.push(org);
            }
            if let Some(g) = group
                && !groups.contains(&g)
            {
                groups.push(g);
            }
        }
        rows.into_iter()
            .map(|(id, title, st, release, group, org)| {
                let (mut groups, mut orgs) = by_idea.remove(&id).unwrap_or_default();
                groups.sort();
                orgs.sort();
                if let Some(g) = group {
                    groups.retain(|x| *x != g);
                    groups.insert(0, g);
                }
                if let Some(o) = org {
                    orgs.retain(|x| *x != o);
                    orgs.insert(0, o);
                }
                Ok(RoadmapIdea {
                    idea_id: IdeaId(id),
                    title,
                    status: status(&st)?,
                    release_id: release.map(ReleaseId),
                    groups,
                    municipalities: orgs,
                })
            })
            .collect()
    }

    pub(crate) async fn release_items_query(&self) -> DomainResult<Vec<ReleaseItem>> {
        let rows: Vec<(i64, i64, String, String, String)> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT id, release_id, title, source, description FROM release_items ORDER BY release_id, id",
        )
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        rows.into_iter()
            .map(|(id, release, title, source, description)| {
                Ok(ReleaseItem {
                    id,
                    release_id: ReleaseId(release),
                    title,
                    source: ItemSource::parse(&source).ok_or_else(|| bad("item source", &source))?,
                    description,
                })
            })
            .collect()
    }

    pub(crate) async fn release_item_insert(
        &self,
        release: ReleaseId,
        (title, source, description): (&str, ItemSource, &str),
        by: Option<UserId>,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<i64> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO release_items (release_id, title, source, description, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(release.0)
            .bind(title)
            .bind(source.as_str())
            .bind(description)
            .bind(by.map(|u| u.0))
            .bind(at.as_second())
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
            write_audit!(tx, audit, Some(release.0));
            tx.commit().await.map_err(map_err)?;
            Ok(id)
        })
    }
}

impl SqlStore {
    pub(crate) async fn export_ideas_query(&self) -> DomainResult<Vec<Vec<idespor_domain::export::Cell>>> {
        use idespor_domain::export::Cell;
        type Row = (i64, String, String, Option<String>, Option<String>, String, i64, i64, i64, i64, Option<String>);
        let rows: Vec<Row> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT i.id, i.title, i.status, eg.name, ao.name, pa.name, i.support_count, i.comment_count, i.created_at, \
             i.status_changed_at, r.version FROM ideas i JOIN product_areas pa ON pa.id = i.product_area_id \
             LEFT JOIN community_groups eg ON eg.id = i.erfa_group_id LEFT JOIN organizations ao ON ao.id = i.author_org_id \
             LEFT JOIN releases r ON r.id = i.release_id WHERE i.status <> 'draft' ORDER BY i.id",
        )
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(|(id, title, st, group, org, area, supports, comments, created, changed, release)| {
                vec![
                    Cell::Int(id),
                    Cell::Text(title),
                    Cell::Label(format!("status-{st}")),
                    group.into(),
                    org.into(),
                    Cell::Text(area),
                    Cell::Int(supports),
                    Cell::Int(comments),
                    Cell::Time(crate::rows::ts(created)),
                    Cell::Time(crate::rows::ts(changed)),
                    release.into(),
                ]
            })
            .collect())
    }

    pub(crate) async fn export_moves_query(&self) -> DomainResult<Vec<Vec<idespor_domain::export::Cell>>> {
        use idespor_domain::export::Cell;
        type Row =
            (i64, String, i64, String, Option<String>, String, Option<String>, Option<String>, String, Option<String>);
        let rows: Vec<Row> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT e.idea_id, i.title, e.at, e.kind, e.from_status, e.to_status, u.name, o.name, e.reason, d.title \
             FROM idea_events e JOIN ideas i ON i.id = e.idea_id LEFT JOIN users u ON u.id = e.actor_id \
             LEFT JOIN organizations o ON o.id = u.organization_id LEFT JOIN decisions d ON d.id = e.decision_id \
             WHERE i.status <> 'draft' ORDER BY e.id",
        )
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(|(idea, title, at, kind, from, to, by, org, reason, decision)| {
                vec![
                    Cell::Int(idea),
                    Cell::Text(title),
                    Cell::Time(crate::rows::ts(at)),
                    Cell::Label(format!("event-{kind}")),
                    from.map(|f| Cell::Label(format!("status-{f}"))).unwrap_or(Cell::Empty),
                    Cell::Label(format!("status-{to}")),
                    by.into(),
                    org.into(),
                    Cell::Text(reason),
                    decision.into(),
                ]
            })
            .collect())
    }
}

impl SqlStore {
    pub(crate) async fn histories_query(
        &self,
        scope: idespor_domain::figures::Scope,
    ) -> DomainResult<Vec<idespor_domain::figures::IdeaHistory>> {
        use idespor_domain::figures::{HistoryStep, IdeaHistory, Scope};
        use idespor_domain::group::GroupKind;
        use idespor_domain::idea::MoveKind;
        type IdeaRow = (i64, String, Option<i64>, Option<i64>, i64, String);
        type StepRow = (i64, i64, String, Option<String>, String, Option<String>);
        // The scope narrows both queries, so an erfagruppe's figures read its ideas only.
        let (condition, id) = match scope {
            Scope::Community => ("", None),
            Scope::Group(g) => (" AND i.erfa_group_id = $1", Some(g.0)),
            Scope::Organization(o) => (" AND i.author_org_id = $1", Some(o.0)),
        };
        let ideas_sql = format!(
            "SELECT i.id, i.title, i.erfa_group_id, i.author_org_id, i.created_at, i.status FROM ideas i \
             WHERE i.status <> 'draft'{condition} ORDER BY i.id"
        );
        let steps_sql = format!(
            "SELECT e.idea_id, e.at, e.kind, e.from_status, e.to_status, g.kind FROM idea_events e \
             JOIN ideas i ON i.id = e.idea_id LEFT JOIN community_groups g ON g.id = e.from_group_id \
             WHERE i.status <> 'draft'{condition} ORDER BY e.idea_id, e.id"
        );
        let (ideas, steps): (Vec<IdeaRow>, Vec<StepRow>) = with_db!(self.db(), pool => {
            let mut q1 = sqlx::query_as(sqlx::AssertSqlSafe(ideas_sql));
            let mut q2 = sqlx::query_as(sqlx::AssertSqlSafe(steps_sql));
            if let Some(id) = id {
                q1 = q1.bind(id);
                q2 = q2.bind(id);
            }
            (q1.fetch_all(pool).await.map_err(map_err)?, q2.fetch_all(pool).await.map_err(map_err)?)
        });
        let mut by_idea: HashMap<i64, Vec<HistoryStep>> = HashMap::new();
        for (idea, at, kind, from, to, level) in steps {
            by_idea.entry(idea).or_default().push(HistoryStep {
                at: crate::rows::ts(at),
                kind: MoveKind::parse(&kind).ok_or_else(|| bad("move", &kind))?,
                from_status: from.as_deref().map(status).transpose()?,
                to_status: status(&to)?,
                from_level: level.as_deref().and_then(GroupKind::parse),
            });
        }
        ideas
            .into_iter()
            .map(|(id, title, group, org, created, st)| {
                Ok(IdeaHistory {
                    idea_id: IdeaId(id),
                    title,
                    erfa_group: group.map(idespor_domain::GroupId),
                    author_org: org.map(idespor_domain::OrgId),
                    created_at: crate::rows::ts(created),
                    status: status(&st)?,
                    steps: by_idea.remove(&id).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// The figures' facts, counted from the period's moves: four queries whatever the size of the
    /// community (each move carries when and by which move its idea entered the status it leaves).
    pub(crate) async fn figure_facts_query(
        &self,
        scope: idespor_domain::figures::Scope,
        from: Timestamp,
        to: Timestamp,
    ) -> DomainResult<idespor_domain::figures::FigureFacts> {
        use idespor_domain::figures::{Answer, FigureFacts, MoveTally, Scope, Waiting};
        use idespor_domain::group::GroupKind;
        use idespor_domain::idea::MoveKind;
        let (condition, id) = match scope {
            Scope::Community => ("", 0),
            Scope::Group(g) => (" AND i.erfa_group_id = $3", g.0),
            Scope::Organization(o) => (" AND i.author_org_id = $3", o.0),
        };
        // The community's counts read the moves' covering index alone; a scope needs the ideas.
        let join = if condition.is_empty() { "" } else { "JOIN ideas i ON i.id = e.idea_id " };
        let (from, to) = (from.as_second(), to.as_second());
        let written_sql = format!(
            "SELECT COUNT(*) FROM ideas i WHERE i.status <> 'draft' AND i.created_at >= $1 AND i.created_at < $2{condition}"
        );
        let moves_sql = format!(
            "SELECT e.kind, e.from_status, e.to_status, g.kind, COUNT(*) FROM idea_events e \
             {join}LEFT JOIN community_groups g ON g.id = e.from_group_id \
             WHERE e.at >= $1 AND e.at < $2{condition} GROUP BY e.kind, e.from_status, e.to_status, g.kind"
        );
        let stages =
            idespor_domain::figures::STAGES.iter().map(|s| format!("'{}'", s.as_str())).collect::<Vec<_>>().join(", ");
        let stage_sql = format!(
            "SELECT e.from_status, e.at - e.since_at FROM idea_events e {join}\
             WHERE e.at >= $1 AND e.at < $2 AND e.since_at IS NOT NULL AND e.from_status IN ({stages}){condition}"
        );
        let answers_sql = format!(
            "SELECT e.idea_id, i.title, e.at - e.since_at FROM idea_events e JOIN ideas i ON i.id = e.idea_id \
             WHERE e.at >= $1 AND e.at < $2 AND e.since_kind = 'forward' AND e.from_status = 'forwarded'{condition}"
        );
        // Still waiting: forwarded, and the latest move was the forward ($1 and $2 unused).
        let waiting_sql = format!(
            "SELECT i.id, i.title, e.at FROM ideas i JOIN idea_events e ON e.idea_id = i.id \
             AND e.id = (SELECT MAX(l.id) FROM idea_events l WHERE l.idea_id = i.id) \
             WHERE i.status = 'forwarded' AND e.kind = 'forward' AND $1 <= $2{condition}"
        );
        type MoveRow = (String, Option<String>, String, Option<String>, i64);
        type IdeaTime = (i64, String, i64);
        type Rows = (i64, Vec<MoveRow>, Vec<(String, i64)>, Vec<IdeaTime>, Vec<IdeaTime>);
        let (written, moves, stage_rows, answers, waiting): Rows = with_db!(self.db(), pool => {
            macro_rules! run {
                ($sql:expr, $fetch:ident) => {{
                    let q = sqlx::query_as(sqlx::AssertSqlSafe($sql)).bind(from).bind(to);
                    let q = if condition.is_empty() { q } else { q.bind(id) };
                    q.$fetch(pool).await.map_err(map_err)?
                }};
            }
            let (written,): (i64,) = run!(written_sql, fetch_one);
            (written, run!(moves_sql, fetch_all), run!(stage_sql, fetch_all), run!(answers_sql, fetch_all), run!(waiting_sql, fetch_all))
        });
        let secs = jiff::SignedDuration::from_secs;
        Ok(FigureFacts {
            written,
            moves: moves
                .into_iter()
                .map(|(kind, from_status, to_status, level, count)| {
                    Ok(MoveTally {
                        kind: MoveKind::parse(&kind).ok_or_else(|| bad("move", &kind))?,
                        from_status: from_status.as_deref().map(status).transpose()?,
                        to_status: status(&to_status)?,
                        from_level: level.as_deref().and_then(GroupKind::parse),
                        count,
                    })
                })
                .collect::<DomainResult<_>>()?,
            stage_times: stage_rows
                .into_iter()
                .map(|(s, d)| Ok((status(&s)?, secs(d))))
                .collect::<DomainResult<_>>()?,
            answers: answers
                .into_iter()
                .map(|(idea, title, waited)| Answer { idea_id: IdeaId(idea), title, waited: secs(waited) })
                .collect(),
            waiting: waiting
                .into_iter()
                .map(|(idea, title, since)| Waiting { idea_id: IdeaId(idea), title, since: crate::rows::ts(since) })
                .collect(),
        })
    }

    pub(crate) async fn release_counts_query(&self) -> DomainResult<Vec<(ReleaseId, i64, i64)>> {
        let rows: Vec<(i64, i64, i64)> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT r.id, \
             (SELECT COUNT(*) FROM ideas i WHERE i.release_id = r.id AND i.status IN ('accepted', 'planned', 'in_development', 'delivered')), \
             (SELECT COUNT(*) FROM release_items ri WHERE ri.release_id = r.id) FROM releases r",
        )
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        Ok(rows.into_iter().map(|(id, ideas, items)| (ReleaseId(id), ideas, items)).collect())
    }

    pub(crate) async fn setting_get(&self, name: &str) -> DomainResult<Option<String>> {
        with_db!(self.db(), pool => sqlx::query_scalar("SELECT value FROM community_settings WHERE name = $1")
            .bind(name)
            .fetch_optional(pool)
            .await)
        .map_err(map_err)
    }

    pub(crate) async fn setting_set(
        &self,
        name: &str,
        value: &str,
        by: UserId,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            sqlx::query(
                "INSERT INTO community_settings (name, value, changed_by, changed_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (name) DO UPDATE SET value = excluded.value, changed_by = excluded.changed_by, changed_at = excluded.changed_at",
            )
            .bind(name)
            .bind(value)
            .bind(by.0)
            .bind(at.as_second())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            write_audit!(tx, audit, None::<i64>);
            tx.commit().await.map_err(map_err)?;
            Ok(())
        })
    }
}
