//! The influence figures, counted by the database, and the community settings they use.

use crate::ideas::{move_kind, status};
use crate::sql::{Arg, args};
use crate::store::SqlStore;
use crate::writes;
use async_trait::async_trait;
use idespor_domain::audit::AuditEntry;
use idespor_domain::figures::{Answer, FigureFacts, HistoryStep, IdeaHistory, MoveTally, STAGES, Scope, Waiting};
use idespor_domain::group::GroupKind;
use idespor_domain::store::FigureStore;
use idespor_domain::{DomainResult, GroupId, IdeaId, OrgId, UserId};
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;

/// The condition narrowing a query to a scope's ideas (`i`), as the `n`th parameter, and its
/// value; nothing for the whole community.
fn scope_condition(scope: Scope, n: usize) -> (String, Option<i64>) {
    match scope {
        Scope::Community => (String::new(), None),
        Scope::Group(g) => (format!(" AND i.erfa_group_id = ${n}"), Some(g.0)),
        Scope::Organization(o) => (format!(" AND i.author_org_id = ${n}"), Some(o.0)),
    }
}

#[async_trait]
impl FigureStore for SqlStore {
    async fn idea_histories(&self, scope: Scope) -> DomainResult<Vec<IdeaHistory>> {
        // The scope narrows both queries, so an erfagruppe's figures read its ideas only.
        let (condition, id) = scope_condition(scope, 1);
        let ideas_sql = format!(
            "SELECT i.id, i.title, i.erfa_group_id, i.author_org_id, i.created_at, i.status FROM ideas i \
             WHERE i.status <> 'draft'{condition} ORDER BY i.id"
        );
        let steps_sql = format!(
            "SELECT e.idea_id, e.at, e.kind, e.from_status, e.to_status, g.kind FROM idea_events e \
             JOIN ideas i ON i.id = e.idea_id LEFT JOIN community_groups g ON g.id = e.from_group_id \
             WHERE i.status <> 'draft'{condition} ORDER BY e.idea_id, e.id"
        );
        let params: Vec<Arg<'_>> = id.map(Arg::from).into_iter().collect();
        self.db
            .read(|c| async move {
                let mut by_idea: HashMap<i64, Vec<HistoryStep>> = HashMap::new();
                for (idea, step) in c
                    .all(&steps_sql, &params, |r| {
                        Ok((
                            r.i64(0)?,
                            HistoryStep {
                                at: r.ts(1)?,
                                kind: move_kind(&r.text(2)?)?,
                                from_status: r.opt_text(3)?.as_deref().map(status).transpose()?,
                                to_status: status(&r.text(4)?)?,
                                from_level: r.opt_text(5)?.as_deref().and_then(GroupKind::parse),
                            },
                        ))
                    })
                    .await?
                {
                    by_idea.entry(idea).or_default().push(step);
                }
                c.all(&ideas_sql, &params, |r| {
                    let id = r.i64(0)?;
                    Ok(IdeaHistory {
                        idea_id: IdeaId(id),
                        title: r.text(1)?,
                        erfa_group: r.opt_i64(2)?.map(GroupId),
                        author_org: r.opt_i64(3)?.map(OrgId),
                        created_at: r.ts(4)?,
                        status: status(&r.text(5)?)?,
                        steps: by_idea.remove(&id).unwrap_or_default(),
                    })
                })
                .await
            })
            .await
    }

    async fn last_event_id(&self) -> DomainResult<i64> {
        self.db.read(|c| async move { c.int("SELECT COALESCE(MAX(id), 0) FROM idea_events", &[]).await }).await
    }

    /// The figures' facts, counted from the period's moves: five queries on one connection
    /// whatever the size of the community (each move carries when and by which move its idea
    /// entered the status it leaves).
    async fn figure_facts(&self, scope: Scope, from: Timestamp, to: Timestamp) -> DomainResult<FigureFacts> {
        let (condition, id) = scope_condition(scope, 3);
        // The community's counts read the moves' covering index alone; a scope needs the ideas.
        let join = if condition.is_empty() { "" } else { "JOIN ideas i ON i.id = e.idea_id " };
        let written_sql = format!(
            "SELECT COUNT(*) FROM ideas i WHERE i.status <> 'draft' AND i.created_at >= $1 AND i.created_at < $2{condition}"
        );
        let moves_sql = format!(
            "SELECT e.kind, e.from_status, e.to_status, g.kind, COUNT(*) FROM idea_events e \
             {join}LEFT JOIN community_groups g ON g.id = e.from_group_id \
             WHERE e.at >= $1 AND e.at < $2{condition} GROUP BY e.kind, e.from_status, e.to_status, g.kind"
        );
        let stages = STAGES.iter().map(|s| format!("'{}'", s.as_str())).collect::<Vec<_>>().join(", ");
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
        let mut params: Vec<Arg<'_>> = vec![from.as_second().into(), to.as_second().into()];
        params.extend(id.map(Arg::from));
        let secs = SignedDuration::from_secs;
        self.db
            .read(|c| async move {
                let written = c.int(&written_sql, &params).await?;
                let moves = c
                    .all(&moves_sql, &params, |r| {
                        Ok(MoveTally {
                            kind: move_kind(&r.text(0)?)?,
                            from_status: r.opt_text(1)?.as_deref().map(status).transpose()?,
                            to_status: status(&r.text(2)?)?,
                            from_level: r.opt_text(3)?.as_deref().and_then(GroupKind::parse),
                            count: r.i64(4)?,
                        })
                    })
                    .await?;
                let stage_times = c.all(&stage_sql, &params, |r| Ok((status(&r.text(0)?)?, secs(r.i64(1)?)))).await?;
                let answers = c
                    .all(&answers_sql, &params, |r| {
                        Ok(Answer { idea_id: IdeaId(r.i64(0)?), title: r.text(1)?, waited: secs(r.i64(2)?) })
                    })
                    .await?;
                let waiting = c
                    .all(&waiting_sql, &params, |r| {
                        Ok(Waiting { idea_id: IdeaId(r.i64(0)?), title: r.text(1)?, since: r.ts(2)? })
                    })
                    .await?;
                Ok(FigureFacts { written, moves, stage_times, answers, waiting })
            })
            .await
    }

    async fn setting(&self, name: &str) -> DomainResult<Option<String>> {
        self.db
            .read(|c| async move {
                c.opt("SELECT value FROM community_settings WHERE name = $1", args![name], |r| r.text(0)).await
            })
            .await
    }

    async fn set_setting(
        &self,
        name: &str,
        value: &str,
        by: UserId,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                c.exec(
                    "INSERT INTO community_settings (name, value, changed_by, changed_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (name) DO UPDATE SET value = excluded.value, changed_by = excluded.changed_by, \
                     changed_at = excluded.changed_at",
                    args![name, value, by.0, at.as_second()],
                )
                .await?;
                writes::audit(&c, &audit, None).await
            })
            .await
    }

    async fn replace_setting(
        &self,
        name: &str,
        expected: Option<&str>,
        value: &str,
        by: UserId,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<bool> {
        self.db
            .write(|c| async move {
                // One statement decides: an update whose condition another change made false
                // (PostgreSQL checks it again on the row as that change left it) touches nothing.
                let changed = match expected {
                    Some(old) => {
                        c.exec(
                            "UPDATE community_settings SET value = $1, changed_by = $2, changed_at = $3 \
                             WHERE name = $4 AND value = $5",
                            args![value, by.0, at.as_second(), name, old],
                        )
                        .await?
                    }
                    None => {
                        c.exec(
                            "INSERT INTO community_settings (name, value, changed_by, changed_at) \
                             VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING",
                            args![name, value, by.0, at.as_second()],
                        )
                        .await?
                    }
                };
                if changed == 0 {
                    return Ok(false);
                }
                writes::audit(&c, &audit, None).await?;
                Ok(true)
            })
            .await
    }
}
