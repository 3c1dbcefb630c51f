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
