//! The roadmap: releases, the customer ideas planned into them with their backers, and the
//! items releases carry besides customer ideas.

use crate::db::unique_field;
use crate::ideas::status;
use crate::rows::bad;
use crate::sql::{Conn, Row, args};
use crate::store::SqlStore;
use crate::writes;
use async_trait::async_trait;
use idespor_domain::audit::AuditEntry;
use idespor_domain::idea::Release;
use idespor_domain::roadmap::{ItemSource, ReleaseItem, RoadmapIdea};
use idespor_domain::store::{ReleaseInput, RoadmapStore};
use idespor_domain::{DomainError, DomainResult, IdeaId, ReleaseId, UserId};
use jiff::Timestamp;
use std::collections::HashMap;

const RELEASE_SELECT: &str = "SELECT id, version, planned_date, released_date, notes FROM releases";

fn release(r: &Row<'_>) -> DomainResult<Release> {
    Ok(Release {
        id: ReleaseId(r.i64(0)?),
        version: r.text(1)?,
        planned_date: r.opt_date(2)?,
        released_date: r.opt_date(3)?,
        notes: r.text(4)?,
    })
}

async fn get_release(c: &Conn, id: ReleaseId) -> DomainResult<Release> {
    let sql = format!("{RELEASE_SELECT} WHERE id = $1");
    c.opt(&sql, args![id.0], release).await?.ok_or(DomainError::NotFound("release"))
}

/// The statuses of a customer idea on the roadmap.
const ON_THE_ROADMAP: &str = "'accepted', 'planned', 'in_development', 'delivered'";

#[async_trait]
impl RoadmapStore for SqlStore {
    async fn list_releases(&self) -> DomainResult<Vec<Release>> {
        let sql = format!("{RELEASE_SELECT} ORDER BY COALESCE(released_date, planned_date, '9999') DESC, id DESC");
        self.db.read(|c| async move { c.all(&sql, &[], release).await }).await
    }

    async fn get_release(&self, id: ReleaseId) -> DomainResult<Option<Release>> {
        let sql = format!("{RELEASE_SELECT} WHERE id = $1");
        self.db.read(|c| async move { c.opt(&sql, args![id.0], release).await }).await
    }

    async fn insert_release(&self, input: &ReleaseInput, audit: AuditEntry) -> DomainResult<Release> {
        let planned = input.planned_date.map(|d| d.to_string());
        let released = input.released_date.map(|d| d.to_string());
        self.db
            .write(|c| async move {
                let id = c
                    .int(
                        "INSERT INTO releases (version, planned_date, released_date, notes, created_at) \
                         VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        args![
                            &input.version,
                            planned.as_deref(),
                            released.as_deref(),
                            &input.notes,
                            audit.at.as_second()
                        ],
                    )
                    .await
                    .map_err(unique_field("version", "version_taken"))?;
                writes::audit(&c, &audit, Some(id)).await?;
                get_release(&c, ReleaseId(id)).await
            })
            .await
    }

    async fn update_release(&self, id: ReleaseId, input: &ReleaseInput, audit: AuditEntry) -> DomainResult<Release> {
        let planned = input.planned_date.map(|d| d.to_string());
        let released = input.released_date.map(|d| d.to_string());
        self.db
            .write(|c| async move {
                let changed = c
                    .exec(
                        "UPDATE releases SET version = $1, planned_date = $2, released_date = $3, notes = $4 WHERE id = $5",
                        args![&input.version, planned.as_deref(), released.as_deref(), &input.notes, id.0],
                    )
                    .await
                    .map_err(unique_field("version", "version_taken"))?;
                if changed == 0 {
                    return Err(DomainError::NotFound("release"));
                }
                writes::audit(&c, &audit, Some(id.0)).await?;
                get_release(&c, id).await
            })
            .await
    }

    async fn roadmap_ideas(&self) -> DomainResult<Vec<RoadmapIdea>> {
        let ideas_sql = format!(
            "SELECT i.id, i.title, i.status, i.release_id, g.name, o.name FROM ideas i \
             LEFT JOIN community_groups g ON g.id = i.erfa_group_id LEFT JOIN organizations o ON o.id = i.author_org_id \
             WHERE i.status IN ({ON_THE_ROADMAP}) ORDER BY i.support_count DESC, i.id"
        );
        // The supporting organizations and their erfagrupper, for all of them in one query.
        let backers_sql = format!(
            "SELECT DISTINCT s.idea_id, o.name, g.name FROM idea_supports s JOIN ideas i ON i.id = s.idea_id \
             JOIN organizations o ON o.id = s.organization_id \
             LEFT JOIN group_organizations go ON go.organization_id = s.organization_id \
             LEFT JOIN community_groups g ON g.id = go.group_id AND g.kind = 'erfa' \
             WHERE i.status IN ({ON_THE_ROADMAP})"
        );
        let (rows, backers) = self
            .db
            .read(|c| async move {
                let rows = c
                    .all(&ideas_sql, &[], |r| {
                        Ok((r.i64(0)?, r.text(1)?, r.text(2)?, r.opt_i64(3)?, r.opt_text(4)?, r.opt_text(5)?))
                    })
                    .await?;
                let backers = c.all(&backers_sql, &[], |r| Ok((r.i64(0)?, r.text(1)?, r.opt_text(2)?))).await?;
                Ok((rows, backers))
            })
            .await?;
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

    async fn release_items(&self) -> DomainResult<Vec<ReleaseItem>> {
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT id, release_id, title, source, description FROM release_items ORDER BY release_id, id",
                    &[],
                    |r| {
                        let source = r.text(3)?;
                        Ok(ReleaseItem {
                            id: r.i64(0)?,
                            release_id: ReleaseId(r.i64(1)?),
                            title: r.text(2)?,
                            source: ItemSource::parse(&source).ok_or_else(|| bad("item source", &source))?,
                            description: r.text(4)?,
                        })
                    },
                )
                .await
            })
            .await
    }

    async fn insert_release_item(
        &self,
        release: ReleaseId,
        (title, source, description): (&str, ItemSource, &str),
        by: Option<UserId>,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<i64> {
        self.db
            .write(|c| async move {
                let id = c
                    .int(
                        "INSERT INTO release_items (release_id, title, source, description, created_by, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                        args![release.0, title, source.as_str(), description, by.map(|u| u.0), at.as_second()],
                    )
                    .await?;
                writes::audit(&c, &audit, Some(release.0)).await?;
                Ok(id)
            })
            .await
    }

    async fn release_counts(&self) -> DomainResult<Vec<(ReleaseId, i64, i64)>> {
        let sql = format!(
            "SELECT r.id, (SELECT COUNT(*) FROM ideas i WHERE i.release_id = r.id AND i.status IN ({ON_THE_ROADMAP})), \
             (SELECT COUNT(*) FROM release_items ri WHERE ri.release_id = r.id) FROM releases r"
        );
        self.db
            .read(|c| async move { c.all(&sql, &[], |r| Ok((ReleaseId(r.i64(0)?), r.i64(1)?, r.i64(2)?))).await })
            .await
    }
}
