//! Connecting, migrating and the per-backend differences that cannot be hidden in SQL.

use idespor_domain::{DomainError, DomainResult};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Postgres, Sqlite, Transaction};
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Db {
    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }
    pub async fn close(&self) {
        match self {
            Db::Sqlite(pool) => pool.close().await,
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

/// Integer ids as an SQL list for `IN (…)` (integers need no binding to be safe); `NULL` when
/// empty, so that `IN (NULL)` matches nothing.
pub(crate) fn id_list(ids: impl IntoIterator<Item = i64>) -> String {
    let list: Vec<String> = ids.into_iter().map(|i| i.to_string()).collect();
    if list.is_empty() { "NULL".into() } else { list.join(",") }
}

/// Runs `$body` with `$pool` bound to the concrete pool of either backend.
macro_rules! with_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_db;

/// Starts a write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`),
/// so that two writers queue on the busy timeout instead of failing when a read lock upgrades.
pub(crate) trait BeginWrite {
    type Database: sqlx::Database;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<Transaction<'static, Self::Database>, sqlx::Error>> + Send;
}

impl BeginWrite for SqlitePool {
    type Database = Sqlite;
    async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

impl BeginWrite for PgPool {
    type Database = Postgres;
    async fn begin_write(&self) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
        self.begin().await
    }
}

/// Opens the database named by `url`: `postgres://…` for PostgreSQL, anything else
/// (`sqlite://path`, a plain path) for SQLite, created if missing, in WAL mode with foreign keys.
pub async fn connect(url: &str) -> DomainResult<Db> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .min_connections(0)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await
            .map_err(|e| DomainError::Unavailable(redact(&e.to_string(), url)))?;
        Ok(Db::Postgres(pool))
    } else {
        let options = if url.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(url).map_err(|e| DomainError::Unavailable(e.to_string()))?
        } else {
            SqliteConnectOptions::new().filename(url)
        };
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(|e| DomainError::Unavailable(e.to_string()))?;
        Ok(Db::Sqlite(pool))
    }
}

/// Never let a password in a database URL reach a log line or an error message.
fn redact(message: &str, url: &str) -> String {
    match url.split_once("://").and_then(|(_, rest)| rest.split_once('@')) {
        Some((credentials, _)) if credentials.contains(':') => message.replace(credentials, "***"),
        _ => message.to_string(),
    }
}

/// Brings the schema up to date; idempotent.
pub async fn migrate(db: &Db) -> DomainResult<()> {
    let result = match db {
        Db::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await,
        Db::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await,
    };
    result.map_err(|e| DomainError::Internal(format!("migration failed: {e}")))?;
    if let Db::Sqlite(pool) = db {
        // Keeps SQLite's query planner statistics current (cheap when nothing changed).
        sqlx::query("PRAGMA optimize").execute(pool).await.map_err(map_err)?;
    }
    Ok(())
}

/// Maps a driver error to a meaning. Unique violations are handled at the call site, where the
/// field is known; anything left is a conflict.
pub(crate) fn map_err(e: sqlx::Error) -> DomainError {
    match e {
        sqlx::Error::RowNotFound => DomainError::NotFound("row"),
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::Tls(_) => {
            DomainError::Unavailable(e.to_string())
        }
        sqlx::Error::Database(db) if db.is_unique_violation() => DomainError::Conflict("duplicate"),
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => DomainError::Conflict("still_referenced"),
        sqlx::Error::Database(db) => {
            let message = db.message().to_string();
            // SQLite: disk full / read-only; PostgreSQL: admin shutdown, cannot connect now.
            let code = db.code().map(|c| c.to_string()).unwrap_or_default();
            if ["13", "8", "5", "57P01", "57P02", "57P03", "53100", "25006"].contains(&code.as_str()) {
                DomainError::Unavailable(message)
            } else {
                DomainError::Internal(message)
            }
        }
        other => DomainError::Internal(other.to_string()),
    }
}

/// A unique violation reported as an error on one field; other errors as usual.
pub(crate) fn unique_as(field: &'static str, code: &'static str) -> impl FnOnce(sqlx::Error) -> DomainError {
    move |e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => DomainError::invalid(field, code),
        _ => map_err(e),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_in_urls_are_redacted() {
        let url = "postgres://idespor:hemmelig@db.example:5432/idespor";
        assert_eq!(super::redact("failed for idespor:hemmelig@db", url), "failed for ***@db");
    }
}
