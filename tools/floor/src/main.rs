//! `idespor-floor`: what the idea list and the idea page cost at the least, the floor that
//! `scripts/bench` measures Idéspor against. It serves the same rows from the same SQLite file
//! with the same statements (a session lookup, the list's total, ids and rows; the idea with its
//! history, comments and supporters, Markdown rendered and sanitized), with axum and rusqlite on
//! tokio's blocking pool, and nothing else: no templates, translations, middleware or domain.
//! The ratio of Idéspor's throughput to this one's is what the product's layers cost.
//!
//! Usage: idespor-floor DATABASE_FILE 127.0.0.1:18095
//! Not part of the product: never installed, never served to people.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Html;
use axum::routing::get;
use rusqlite::{Connection, OpenFlags, Row};
use sha2::{Digest, Sha256};
use std::fmt::Write;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

struct Manager(std::path::PathBuf);

impl r2d2::ManageConnection for Manager {
    type Connection = Connection;
    type Error = rusqlite::Error;
    fn connect(&self) -> Result<Connection, rusqlite::Error> {
        let conn =
            Connection::open_with_flags(&self.0, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(conn)
    }
    fn is_valid(&self, _: &mut Connection) -> Result<(), rusqlite::Error> {
        Ok(())
    }
    fn has_broken(&self, _: &mut Connection) -> bool {
        false
    }
}

type Pool = Arc<r2d2::Pool<Manager>>;
type Answer = Result<Html<String>, (StatusCode, String)>;

const IDEA_SELECT: &str = "SELECT i.id, i.title, i.role, i.situation, i.need, i.effect, \
     i.product_area_id, pa.name, i.author_id, au.name, i.author_org_id, ao.name, i.erfa_group_id, eg.name, i.status, \
     i.holder_group_id, hg.name, i.return_status, i.return_holder_id, i.rank, i.release_id, r.version, i.merged_into, \
     i.resolution, i.review_date, i.support_count, i.follower_count, i.comment_count, i.version, i.created_at, \
     i.status_changed_at \
     FROM ideas i JOIN product_areas pa ON pa.id = i.product_area_id JOIN users au ON au.id = i.author_id \
     LEFT JOIN organizations ao ON ao.id = i.author_org_id LEFT JOIN community_groups eg ON eg.id = i.erfa_group_id \
     LEFT JOIN community_groups hg ON hg.id = i.holder_group_id LEFT JOIN releases r ON r.id = i.release_id";

/// The columns of an idea the pages show.
struct Idea {
    id: i64,
    title: String,
    role: String,
    situation: String,
    need: String,
    effect: String,
    area: String,
    author: String,
    org: Option<String>,
    group: Option<String>,
    status: String,
    supports: i64,
    comments: i64,
}

fn idea(r: &Row<'_>) -> rusqlite::Result<Idea> {
    Ok(Idea {
        id: r.get(0)?,
        title: r.get(1)?,
        role: r.get(2)?,
        situation: r.get(3)?,
        need: r.get(4)?,
        effect: r.get(5)?,
        area: r.get(7)?,
        author: r.get(9)?,
        org: r.get(11)?,
        group: r.get(13)?,
        status: r.get(14)?,
        supports: r.get(25)?,
        comments: r.get(27)?,
    })
}

fn fail(e: impl std::fmt::Display) -> (StatusCode, String) {
    (StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn markdown(source: &str) -> String {
    static SANITIZER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    let sanitizer = SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.link_rel(Some("noopener noreferrer nofollow"));
        b
    });
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(source, options));
    sanitizer.clean(&html).to_string()
}

/// The person behind the session cookie and their unread notifications, as Idéspor looks it up.
fn session(conn: &Connection, headers: &HeaderMap) -> Result<(i64, String, i64), (StatusCode, String)> {
    let cookie = headers.get("cookie").and_then(|v| v.to_str().ok()).unwrap_or("");
    let secret = cookie
        .split(';')
        .find_map(|c| c.trim().strip_prefix("idespor_session="))
        .ok_or((StatusCode::UNAUTHORIZED, "no session".to_string()))?;
    let hash = hex::encode(Sha256::digest(secret.as_bytes()));
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let mut stmt = conn
        .prepare_cached(
            "SELECT u.id, u.email, u.name, u.organization_id, o.name AS org_name, u.language, u.is_admin, u.active, \
             CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS has_password, u.created_at, \
             (SELECT COUNT(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL) \
             FROM users u LEFT JOIN organizations o ON o.id = u.organization_id \
             JOIN sessions s ON s.user_id = u.id WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.active = TRUE",
        )
        .map_err(fail)?;
    stmt.query_row(rusqlite::params![hash, now], |r| Ok((r.get(0)?, r.get(2)?, r.get(10)?)))
        .map_err(|_| (StatusCode::UNAUTHORIZED, "no session".to_string()))
}

async fn blocking(pool: Pool, work: impl FnOnce(&Connection) -> Answer + Send + 'static) -> Answer {
    tokio::task::spawn_blocking(move || {
        let conn = pool.get().map_err(fail)?;
        work(&conn)
    })
    .await
    .map_err(fail)?
}

/// The first page of the idea list (newest first), as Idéspor reads it: the total from the status
/// tallies and the viewer's own drafts, the page's ids in index order, then their rows.
async fn ideas(State(pool): State<Pool>, headers: HeaderMap) -> Answer {
    blocking(pool, move |conn| {
        let (viewer, name, unread) = session(conn, &headers)?;
        let total: i64 = conn
            .prepare_cached(
                "SELECT (SELECT CAST(COALESCE(SUM(t.n), 0) AS BIGINT) FROM idea_status_counts t WHERE t.status <> 'draft') \
                 + (SELECT COUNT(*) FROM ideas i WHERE i.status = 'draft' AND i.author_id = $1)",
            )
            .and_then(|mut s| s.query_row([viewer], |r| r.get(0)))
            .map_err(fail)?;
        let ids: Vec<i64> = conn
            .prepare_cached(
                "SELECT i.id FROM ideas i WHERE (i.status <> 'draft' OR i.author_id = $1) \
                 ORDER BY i.created_at DESC, i.id DESC LIMIT $2 OFFSET $3",
            )
            .and_then(|mut s| {
                s.query_map(rusqlite::params![viewer, 20, 0], |r| r.get(0))?.collect::<rusqlite::Result<_>>()
            })
            .map_err(fail)?;
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!("{IDEA_SELECT} WHERE i.id IN ({})", placeholders.join(", "));
        let mut rows: Vec<Idea> = conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_map(rusqlite::params_from_iter(&ids), idea)?.collect::<rusqlite::Result<_>>())
            .map_err(fail)?;
        rows.sort_by_key(|i| ids.iter().position(|id| *id == i.id));
        let mut out = String::with_capacity(32 * 1024);
        let _ = write!(out, "<!doctype html><title>Idéer</title><p>{} ({unread})</p><ul>", escape(&name));
        for i in &rows {
            let _ = write!(
                out,
                "<li><a href=\"/ideas/{}\">{}</a> {} {} {} {} {}</li>",
                i.id,
                escape(&i.title),
                i.status,
                i.supports,
                escape(&i.area),
                escape(i.org.as_deref().unwrap_or("")),
                escape(i.group.as_deref().unwrap_or(""))
            );
        }
        let _ = write!(out, "</ul><p>{total} idéer</p>");
        Ok(Html(out))
    })
    .await
}

/// An idea's page, as Idéspor reads it: the idea, its history, its comments, its supporters and
/// their erfagrupper, what it was merged from, and the viewer's support and follow; its texts and
/// comments rendered from Markdown and sanitized.
async fn idea_page(State(pool): State<Pool>, Path(id): Path<i64>, headers: HeaderMap) -> Answer {
    blocking(pool, move |conn| {
        let (viewer, name, unread) = session(conn, &headers)?;
        let sql = format!("{IDEA_SELECT} WHERE i.id = $1");
        let idea = conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row([id], idea))
            .map_err(|_| (StatusCode::NOT_FOUND, "no such idea".to_string()))?;
        let mut out = String::with_capacity(64 * 1024);
        let _ = write!(
            out,
            "<!doctype html><title>{}</title><p>{} ({unread})</p><h1>{}</h1><p>{} · {} · {} · {} · {} støtter · {} kommentarer</p>",
            escape(&idea.title),
            escape(&name),
            escape(&idea.title),
            escape(&idea.author),
            escape(idea.org.as_deref().unwrap_or("")),
            escape(idea.group.as_deref().unwrap_or("")),
            idea.status,
            idea.supports,
            idea.comments
        );
        for text in [&idea.role, &idea.situation, &idea.need, &idea.effect] {
            out.push_str(&markdown(text));
        }
        let mut events = conn
            .prepare_cached(
                "SELECT e.id, e.idea_id, e.at, e.actor_id, u.name, o.name, e.kind, e.from_status, e.to_status, \
                 fg.name, tg.name, e.reason, e.details, e.decision_id, d.title \
                 FROM idea_events e LEFT JOIN users u ON u.id = e.actor_id \
                 LEFT JOIN organizations o ON o.id = u.organization_id \
                 LEFT JOIN community_groups fg ON fg.id = e.from_group_id \
                 LEFT JOIN community_groups tg ON tg.id = e.to_group_id \
                 LEFT JOIN decisions d ON d.id = e.decision_id WHERE e.idea_id = $1 ORDER BY e.id",
            )
            .map_err(fail)?;
        let mut rows = events.query([id]).map_err(fail)?;
        out.push_str("<ol>");
        while let Some(r) = rows.next().map_err(fail)? {
            let actor: Option<String> = r.get(4).map_err(fail)?;
            let kind: String = r.get(6).map_err(fail)?;
            let reason: String = r.get(11).map_err(fail)?;
            let _ = write!(
                out,
                "<li>{} {} {}</li>",
                escape(actor.as_deref().unwrap_or("")),
                kind,
                escape(&reason)
            );
        }
        out.push_str("</ol>");
        let mut comments = conn
            .prepare_cached(
                "SELECT c.id, c.idea_id, c.author_id, u.name, o.name, c.body, c.created_at, \
                 c.edited_at, (SELECT COUNT(*) FROM comment_revisions r WHERE r.comment_id = c.id) \
                 FROM comments c JOIN users u ON u.id = c.author_id LEFT JOIN organizations o ON o.id = c.organization_id \
                 WHERE c.idea_id = $1 ORDER BY c.id",
            )
            .map_err(fail)?;
        let mut rows = comments.query([id]).map_err(fail)?;
        while let Some(r) = rows.next().map_err(fail)? {
            let author: String = r.get(3).map_err(fail)?;
            let body: String = r.get(5).map_err(fail)?;
            let _ = write!(out, "<article><h3>{}</h3>{}</article>", escape(&author), markdown(&body));
        }
        let mut supporters = conn
            .prepare_cached(
                "SELECT s.organization_id, o.name, u.name FROM idea_supports s \
                 JOIN organizations o ON o.id = s.organization_id JOIN users u ON u.id = s.user_id \
                 WHERE s.idea_id = $1 ORDER BY s.at, u.name",
            )
            .map_err(fail)?;
        let mut rows = supporters.query([id]).map_err(fail)?;
        out.push_str("<ul>");
        while let Some(r) = rows.next().map_err(fail)? {
            let org: String = r.get(1).map_err(fail)?;
            let person: String = r.get(2).map_err(fail)?;
            let _ = write!(out, "<li>{} ({})</li>", escape(&org), escape(&person));
        }
        out.push_str("</ul>");
        let groups: Vec<String> = conn
            .prepare_cached(
                "SELECT DISTINCT s.organization_id, g.name FROM idea_supports s \
                 JOIN group_organizations go ON go.organization_id = s.organization_id \
                 JOIN community_groups g ON g.id = go.group_id AND g.kind = 'erfa' WHERE s.idea_id = $1",
            )
            .and_then(|mut s| s.query_map([id], |r| r.get(1))?.collect::<rusqlite::Result<_>>())
            .map_err(fail)?;
        let merged: Vec<String> = conn
            .prepare_cached(
                "SELECT i.id, i.title, g.name, o.name FROM idea_provenance p JOIN ideas i ON i.id = p.source_idea_id \
                 LEFT JOIN community_groups g ON g.id = i.erfa_group_id \
                 LEFT JOIN organizations o ON o.id = i.author_org_id WHERE p.idea_id = $1 ORDER BY i.id",
            )
            .and_then(|mut s| s.query_map([id], |r| r.get(1))?.collect::<rusqlite::Result<_>>())
            .map_err(fail)?;
        let (supports, follows): (i64, i64) = conn
            .prepare_cached(
                "SELECT (SELECT COUNT(*) FROM idea_supports WHERE idea_id = $1 AND user_id = $2), \
                 (SELECT COUNT(*) FROM idea_followers WHERE idea_id = $1 AND user_id = $2)",
            )
            .and_then(|mut s| s.query_row([id, viewer], |r| Ok((r.get(0)?, r.get(1)?))))
            .map_err(fail)?;
        let _ = write!(
            out,
            "<p>{} erfagrupper; sammenlagt fra {}; støtter {}; følger {}</p>",
            groups.len(),
            merged.len(),
            supports > 0,
            follows > 0
        );
        Ok(Html(out))
    })
    .await
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(file), Some(bind)) = (args.next(), args.next()) else {
        eprintln!("usage: idespor-floor DATABASE_FILE ADDRESS (e.g. data/idespor.db 127.0.0.1:18095)");
        std::process::exit(2);
    };
    let pool = Arc::new(r2d2::Pool::builder().max_size(16).build(Manager(file.into()))?);
    let app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/ideas", get(ideas))
        .route("/ideas/{id}", get(idea_page))
        .with_state(pool);
    let listener = tokio::net::TcpListener::bind(&bind).await?;
    println!("idespor-floor: serving /ideas and /ideas/{{id}} on http://{bind}");
    axum::serve(listener, app).await?;
    Ok(())
}
