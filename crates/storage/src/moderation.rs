//! Moderation: a passage replaced in every stored copy of a text, in one transaction; comments
//! hidden and shown; the moderation log.

use crate::accounts::like_pattern;
use crate::sql::{Conn, args};
use crate::store::SqlStore;
use crate::writes;
use async_trait::async_trait;
use idespor_domain::audit::AuditEntry;
use idespor_domain::moderation::{Action, LogEntry, MARKER, Redaction, Target, TargetView};
use idespor_domain::notify::NewNotification;
use idespor_domain::store::ModerationStore;
use idespor_domain::{CommentId, DomainError, DomainResult, IdeaId, UserId};
use jiff::Timestamp;

/// The stored texts of each kind of target: (table, its text columns, the condition on `$3`).
/// The first entry is the target's own row; the others are its earlier wordings and the
/// reasons in its history.
fn places(target: Target) -> &'static [(&'static str, &'static [&'static str], &'static str)] {
    match target {
        Target::Idea(_) => &[
            ("ideas", &["title", "role", "situation", "need", "effect", "resolution"], "id = $3"),
            ("idea_revisions", &["title", "role", "situation", "need", "effect"], "idea_id = $3"),
            ("idea_events", &["reason"], "idea_id = $3"),
        ],
        Target::Comment(_) => {
            &[("comments", &["body"], "id = $3"), ("comment_revisions", &["body"], "comment_id = $3")]
        }
        Target::Minutes(_) => &[("meetings", &["minutes", "description"], "id = $3")],
        Target::Decision(_) => {
            &[("decisions", &["title", "body", "reason"], "id = $3"), ("idea_events", &["reason"], "decision_id = $3")]
        }
    }
}

/// Replaces the passage in one column where it occurs; the number of rows changed.
async fn replace_in(c: &Conn, table: &str, column: &str, condition: &str, passage: &str, id: i64) -> DomainResult<i64> {
    let sql = format!(
        "UPDATE {table} SET {column} = REPLACE({column}, $1, $2) WHERE {condition} AND {column} LIKE $4 ESCAPE '\\'"
    );
    Ok(c.exec(&sql, args![passage, MARKER, id, &like_pattern(passage)]).await? as i64)
}

async fn view(c: &Conn, target: Target) -> DomainResult<Option<TargetView>> {
    let id = target.id();
    // An erased or deactivated author is not told.
    let author = |id: Option<i64>, active: bool| id.filter(|_| active).map(UserId);
    Ok(match target {
        Target::Idea(idea) => {
            c.opt(
                "SELECT i.title, i.role, i.situation, i.need, i.effect, i.resolution, i.author_id, u.active FROM ideas i \
                 JOIN users u ON u.id = i.author_id WHERE i.id = $1 AND i.status <> 'draft'",
                args![id],
                |r| {
                    let texts = ["title", "role", "situation", "need", "effect", "resolution"]
                        .iter()
                        .enumerate()
                        .map(|(n, field)| Ok((*field, r.text(n)?)))
                        .collect::<DomainResult<Vec<_>>>()?;
                    Ok(TargetView {
                        target,
                        title: texts[0].1.clone(),
                        path: format!("/ideas/{id}"),
                        texts,
                        author: author(Some(r.i64(6)?), r.bool(7)?),
                        idea_id: Some(idea),
                        hidden_at: None,
                    })
                },
            )
            .await?
        }
        Target::Comment(_) => {
            c.opt(
                "SELECT c.body, c.idea_id, i.title, c.author_id, u.active, c.hidden_at FROM comments c \
                 JOIN ideas i ON i.id = c.idea_id JOIN users u ON u.id = c.author_id WHERE c.id = $1",
                args![id],
                |r| {
                    let idea = r.i64(1)?;
                    Ok(TargetView {
                        target,
                        title: r.text(2)?,
                        path: format!("/ideas/{idea}#comment-{id}"),
                        texts: vec![("body", r.text(0)?)],
                        author: author(Some(r.i64(3)?), r.bool(4)?),
                        idea_id: Some(IdeaId(idea)),
                        hidden_at: r.opt_ts(5)?,
                    })
                },
            )
            .await?
        }
        Target::Minutes(_) => {
            c.opt(
                "SELECT m.title, m.minutes, m.description, m.created_by, COALESCE(u.active, FALSE) FROM meetings m \
                 LEFT JOIN users u ON u.id = m.created_by WHERE m.id = $1",
                args![id],
                |r| {
                    Ok(TargetView {
                        target,
                        title: r.text(0)?,
                        path: format!("/meetings/{id}"),
                        texts: vec![("minutes", r.text(1)?), ("description", r.text(2)?)],
                        author: author(r.opt_i64(3)?, r.bool(4)?),
                        idea_id: None,
                        hidden_at: None,
                    })
                },
            )
            .await?
        }
        Target::Decision(_) => {
            c.opt(
                "SELECT d.title, d.body, d.reason, d.decided_by, COALESCE(u.active, FALSE) FROM decisions d \
                 LEFT JOIN users u ON u.id = d.decided_by WHERE d.id = $1",
                args![id],
                |r| {
                    let title = r.text(0)?;
                    Ok(TargetView {
                        target,
                        title: title.clone(),
                        path: format!("/decisions/{id}"),
                        texts: vec![("title", title), ("body", r.text(1)?), ("reason", r.text(2)?)],
                        author: author(r.opt_i64(3)?, r.bool(4)?),
                        idea_id: None,
                        hidden_at: None,
                    })
                },
            )
            .await?
        }
    })
}

async fn log_entry(
    c: &Conn,
    action: Action,
    target: Target,
    moderator: UserId,
    reason: &str,
    replaced: i64,
    at: Timestamp,
) -> DomainResult<()> {
    c.exec(
        "INSERT INTO moderations (action, target_kind, target_id, moderator_id, reason, replaced, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        args![action.as_str(), target.kind(), target.id(), moderator.0, reason, replaced, at.as_second()],
    )
    .await?;
    Ok(())
}

#[async_trait]
impl ModerationStore for SqlStore {
    async fn moderation_target(&self, target: Target) -> DomainResult<Option<TargetView>> {
        self.db.read(|c| async move { view(&c, target).await }).await
    }

    async fn redact(
        &self,
        target: Target,
        redaction: &Redaction,
        moderator: UserId,
        audit: AuditEntry,
        notification: Option<&NewNotification>,
    ) -> DomainResult<i64> {
        self.db
            .write(|c| async move {
                let (passage, id) = (redaction.passage.as_str(), target.id());
                if view(&c, target).await?.is_none() {
                    return Err(DomainError::NotFound("moderation_target"));
                }
                let mut replaced = 0;
                for (table, columns, condition) in places(target) {
                    for column in *columns {
                        replaced += replace_in(&c, table, column, condition, passage, id).await?;
                    }
                }
                if replaced == 0 {
                    return Err(DomainError::invalid("passage", "passage_not_found"));
                }
                match target {
                    // A form opened before the redaction must not write the passage back.
                    Target::Idea(idea) => {
                        c.exec("UPDATE ideas SET version = version + 1 WHERE id = $1", args![id]).await?;
                        let indexed = c.int("SELECT COUNT(*) FROM idea_terms WHERE idea_id = $1", args![id]).await?;
                        if indexed > 0 {
                            let texts = c
                                .opt(
                                    "SELECT title, need, role, situation, effect FROM ideas WHERE id = $1",
                                    args![id],
                                    |r| Ok([r.text(0)?, r.text(1)?, r.text(2)?, r.text(3)?, r.text(4)?]),
                                )
                                .await?
                                .ok_or(DomainError::NotFound("idea"))?;
                            use idespor_domain::search::{WEIGHT_NEED, WEIGHT_OTHER, WEIGHT_TITLE, index_terms};
                            let terms = index_terms(&[
                                (&texts[0], WEIGHT_TITLE),
                                (&texts[1], WEIGHT_NEED),
                                (&texts[2], WEIGHT_OTHER),
                                (&texts[3], WEIGHT_OTHER),
                                (&texts[4], WEIGHT_OTHER),
                            ]);
                            writes::terms(&c, idea, &terms).await?;
                        }
                    }
                    Target::Minutes(_) => {
                        c.exec("UPDATE meetings SET version = version + 1 WHERE id = $1", args![id]).await?;
                    }
                    Target::Comment(_) | Target::Decision(_) => {}
                }
                // Copies elsewhere: mail subjects, the audit trail's quotes (inside JSON strings,
                // so the passage is matched and replaced in its JSON form).
                c.exec(
                    "UPDATE outbox SET subject = REPLACE(subject, $1, $2) WHERE subject LIKE $3 ESCAPE '\\'",
                    args![passage, MARKER, &like_pattern(passage)],
                )
                .await?;
                let json = |s: &str| serde_json::to_string(s).map(|q| q[1..q.len() - 1].to_string());
                let (quoted, marker) = (
                    json(passage).map_err(|e| DomainError::Internal(e.to_string()))?,
                    json(MARKER).map_err(|e| DomainError::Internal(e.to_string()))?,
                );
                c.exec(
                    "UPDATE audit_log SET details = REPLACE(details, $1, $2) WHERE details LIKE $3 ESCAPE '\\'",
                    args![&quoted, &marker, &like_pattern(&quoted)],
                )
                .await?;
                // Copies of people's data waiting for their download are gathered again.
                c.exec(
                    "UPDATE data_exports SET status = 'queued', data = NULL, claimed_at = NULL, ready_at = NULL \
                     WHERE status = 'ready' OR status = 'building'",
                    &[],
                )
                .await?;
                log_entry(&c, Action::Redact, target, moderator, &redaction.reason, replaced, audit.at).await?;
                let mut audit = audit;
                audit.details["replaced"] = serde_json::json!(replaced);
                writes::audit(&c, &audit, Some(id)).await?;
                if let Some(n) = notification {
                    writes::notifications(&c, n, None, None).await?;
                }
                Ok(replaced)
            })
            .await
    }

    async fn set_comment_hidden(
        &self,
        id: CommentId,
        hidden: bool,
        reason: &str,
        moderator: UserId,
        audit: AuditEntry,
        notification: Option<&NewNotification>,
    ) -> DomainResult<()> {
        let at = audit.at;
        self.db
            .write(|c| async move {
                let changed = if hidden {
                    c.exec(
                        "UPDATE comments SET hidden_at = $1, hidden_by = $2 WHERE id = $3 AND hidden_at IS NULL",
                        args![at.as_second(), moderator.0, id.0],
                    )
                    .await?
                } else {
                    c.exec(
                        "UPDATE comments SET hidden_at = NULL, hidden_by = NULL WHERE id = $1 AND hidden_at IS NOT NULL",
                        args![id.0],
                    )
                    .await?
                };
                if changed == 0 {
                    // Missing, or already as asked (a second moderator at the same moment).
                    let exists = c.int("SELECT COUNT(*) FROM comments WHERE id = $1", args![id.0]).await?;
                    return Err(if exists == 0 {
                        DomainError::NotFound("comment")
                    } else {
                        DomainError::Conflict(if hidden { "comment_already_hidden" } else { "comment_not_hidden" })
                    });
                }
                let action = if hidden { Action::Hide } else { Action::Show };
                log_entry(&c, action, Target::Comment(id), moderator, reason, 0, at).await?;
                writes::audit(&c, &audit, Some(id.0)).await?;
                if let Some(n) = notification {
                    writes::notifications(&c, n, None, None).await?;
                }
                Ok(())
            })
            .await
    }

    async fn moderation_log(&self, limit: usize) -> DomainResult<Vec<LogEntry>> {
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT m.id, m.action, m.target_kind, m.target_id, u.name, m.reason, m.replaced, m.at \
                     FROM moderations m LEFT JOIN users u ON u.id = m.moderator_id ORDER BY m.id DESC LIMIT $1",
                    args![limit as i64],
                    |r| {
                        let (action, kind) = (r.text(1)?, r.text(2)?);
                        Ok(LogEntry {
                            id: r.i64(0)?,
                            action: Action::parse(&action)
                                .ok_or_else(|| DomainError::Internal(format!("moderation action {action:?}")))?,
                            target: Target::parse(&kind, r.i64(3)?)
                                .ok_or_else(|| DomainError::Internal(format!("moderation target {kind:?}")))?,
                            moderator_name: r.opt_text(4)?,
                            reason: r.text(5)?,
                            replaced: r.i64(6)?,
                            at: r.ts(7)?,
                        })
                    },
                )
                .await
            })
            .await
    }
}
