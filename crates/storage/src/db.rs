//! Connecting, migrating and the per-backend differences that cannot be hidden in SQL.

use idespor_domain::{DomainError, DomainResult};
use sqlx::postgres::{PgPool, PgPoolOptions};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::time::Duration;

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqliteDb),
    Postgres(PgPool),
}

/// An SQLite database: a pool of rusqlite connections, used on the requests' own threads (see
/// `sql.rs`).
#[derive(Clone)]
pub struct SqliteDb {
    pub(crate) pool: r2d2::Pool<SqliteManager>,
    path: std::path::PathBuf,
    /// `PRAGMA query_only` for every connection checked out: 0 as opened, 1 on, 2 off again.
    query_only: Arc<AtomicU8>,
    /// Set by [`Db::close`]: nothing more is checked out (r2d2 pools cannot be closed).
    closed: Arc<AtomicBool>,
}

impl std::fmt::Debug for SqliteDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteDb").field("path", &self.path).finish_non_exhaustive()
    }
}

impl SqliteDb {
    /// The database file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Applies a `query_only` set by [`Db::sqlite_query_only`] to a connection being checked out
    /// (two atomic loads and nothing else when it was never set).
    pub(crate) fn prepare(&self, conn: &rusqlite::Connection) -> DomainResult<()> {
        if self.closed.load(Ordering::Acquire) {
            return Err(DomainError::Unavailable("the database is closed".into()));
        }
        let pragma = match self.query_only.load(Ordering::Acquire) {
            0 => return Ok(()),
            1 => "PRAGMA query_only = 1",
            _ => "PRAGMA query_only = 0",
        };
        conn.execute_batch(pragma).map_err(map_sqlite_err)
    }

    pub(crate) fn set_query_only(&self, on: bool) {
        self.query_only.store(if on { 1 } else { 2 }, Ordering::Release);
    }
}

/// Opens SQLite connections the way Idéspor uses them: WAL (readers never wait for the
/// writer), `synchronous = NORMAL` (durable at each checkpoint, safe against a crash of the
/// process), foreign keys enforced, a 10 s busy timeout for writers queueing behind each other,
/// and room for many cached prepared statements.
#[derive(Debug)]
pub struct SqliteManager {
    path: std::path::PathBuf,
}

impl r2d2::ManageConnection for SqliteManager {
    type Connection = rusqlite::Connection;
    type Error = rusqlite::Error;

    fn connect(&self) -> Result<rusqlite::Connection, rusqlite::Error> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = rusqlite::Connection::open_with_flags(&self.path, flags)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
        conn.set_prepared_statement_cache_capacity(512);
        Ok(conn)
    }

    fn is_valid(&self, _conn: &mut rusqlite::Connection) -> Result<(), rusqlite::Error> {
        Ok(())
    }

    /// A connection still inside a transaction (a rollback that failed, say on a full disk)
    /// is closed instead of pooled again: the next request would find it mid-transaction.
    fn has_broken(&self, conn: &mut rusqlite::Connection) -> bool {
        !conn.is_autocommit()
    }
}

/// The file of an SQLite URL (`sqlite://path`, `sqlite:path?mode=rwc`) or plain path.
fn sqlite_path(url: &str) -> std::path::PathBuf {
    let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    std::path::PathBuf::from(path)
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
            Db::Sqlite(lite) => lite.closed.store(true, Ordering::Release),
            Db::Postgres(pool) => pool.close().await,
        }
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
        let path = sqlite_path(url);
        let manager = SqliteManager { path: path.clone() };
        let pool = tokio::task::spawn_blocking(move || {
            r2d2::Pool::builder()
                .max_size(16)
                .min_idle(Some(2))
                .connection_timeout(Duration::from_secs(10))
                .build(manager)
        })
        .await
        .map_err(|e| DomainError::Internal(e.to_string()))?
        .map_err(|e| DomainError::Unavailable(e.to_string()))?;
        Ok(Db::Sqlite(SqliteDb { pool, path, query_only: Default::default(), closed: Default::default() }))
    }
}

/// Never let a password in a database URL reach a log line or an error message.
fn redact(message: &str, url: &str) -> String {
    match url.split_once("://").and_then(|(_, rest)| rest.split_once('@')) {
        Some((credentials, _)) if credentials.contains(':') => message.replace(credentials, "***"),
        _ => message.to_string(),
    }
}

/// Brings the schema up to date; idempotent. PostgreSQL through sqlx's migrator; SQLite by
/// applying the same embedded migrations with rusqlite and recording them in the same table,
/// in the same form, as sqlx does (`_sqlx_migrations`), so databases made by either agree.
pub async fn migrate(db: &Db) -> DomainResult<()> {
    match db {
        Db::Postgres(pool) => sqlx::migrate!("./migrations/postgres")
            .run(pool)
            .await
            .map_err(|e| DomainError::Internal(format!("migration failed: {e}"))),
        Db::Sqlite(_) => {
            let migrator = sqlx::migrate!("./migrations/sqlite");
            db.read(|c| async move {
                c.with_sqlite(|conn| migrate_sqlite(conn, &migrator))?.unwrap_or(Ok(()))?;
                // Keeps SQLite's query planner statistics current (cheap when nothing changed).
                c.batch("PRAGMA optimize").await
            })
            .await
        }
    }
}

fn migrate_sqlite(conn: &rusqlite::Connection, migrator: &sqlx::migrate::Migrator) -> DomainResult<()> {
    let failed = |e: rusqlite::Error| DomainError::Internal(format!("migration failed: {e}"));
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, \
         installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL, \
         checksum BLOB NOT NULL, execution_time BIGINT NOT NULL)",
    )
    .map_err(failed)?;
    for migration in migrator.iter().filter(|m| m.migration_type.is_up_migration()) {
        // One transaction per migration; another process migrating at the same time waits on
        // the write lock, then finds the migration applied.
        conn.execute_batch("BEGIN IMMEDIATE").map_err(failed)?;
        let outcome = (|| -> DomainResult<()> {
            let applied: Option<Vec<u8>> = {
                let mut stmt = conn
                    .prepare("SELECT checksum FROM _sqlx_migrations WHERE version = ?1 AND success = TRUE")
                    .map_err(failed)?;
                let mut rows = stmt.query([migration.version]).map_err(failed)?;
                match rows.next().map_err(failed)? {
                    Some(row) => Some(row.get(0).map_err(failed)?),
                    None => None,
                }
            };
            match applied {
                Some(checksum) if checksum == *migration.checksum => Ok(()),
                Some(_) => Err(DomainError::Internal(format!(
                    "migration {} was changed after it was applied",
                    migration.version
                ))),
                None => {
                    let started = std::time::Instant::now();
                    conn.execute_batch(migration.sql.as_str()).map_err(failed)?;
                    let nanos = i64::try_from(started.elapsed().as_nanos()).unwrap_or(i64::MAX);
                    conn.execute(
                        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
                         VALUES (?1, ?2, TRUE, ?3, ?4)",
                        rusqlite::params![migration.version, &*migration.description, &*migration.checksum, nanos],
                    )
                    .map_err(failed)?;
                    Ok(())
                }
            }
        })();
        match outcome {
            Ok(()) => conn.execute_batch("COMMIT").map_err(failed)?,
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
    }
    Ok(())
}

/// Maps sqlx's (PostgreSQL's) errors to a meaning. Unique violations are handled at the call site, where the
/// field is known; anything left is a conflict. A database that cannot be reached, is shutting
/// down, is read-only or fails to read or write its files is `Unavailable` (503, try again); a
/// full disk is `StorageFull` (507). Neither is a bug, and both pass when the cause does.
pub(crate) fn map_err(e: sqlx::Error) -> DomainError {
    match e {
        sqlx::Error::RowNotFound => DomainError::NotFound("row"),
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::WorkerCrashed => DomainError::Unavailable(e.to_string()),
        sqlx::Error::Database(db) if db.is_unique_violation() => DomainError::Conflict("duplicate"),
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => DomainError::Conflict("still_referenced"),
        sqlx::Error::Database(db) => {
            let message = db.message().to_string();
            let code = db.code().map(|c| c.to_string()).unwrap_or_default();
            match postgres_fault(&code) {
                Some(Fault::Full) => DomainError::StorageFull(message),
                Some(Fault::Unavailable) => DomainError::Unavailable(message),
                None => DomainError::Internal(message),
            }
        }
        other => DomainError::Internal(other.to_string()),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Fault {
    Full,
    Unavailable,
}

/// SQLite reports extended result codes; the primary code is the low byte.
fn sqlite_fault(code: &str) -> Option<Fault> {
    const BUSY: i64 = 5;
    const LOCKED: i64 = 6;
    const READONLY: i64 = 8;
    const IOERR: i64 = 10;
    const FULL: i64 = 13;
    const CANTOPEN: i64 = 14;
    const PROTOCOL: i64 = 15;
    match code.parse::<i64>().ok()? & 0xff {
        FULL => Some(Fault::Full),
        BUSY | LOCKED | READONLY | IOERR | CANTOPEN | PROTOCOL => Some(Fault::Unavailable),
        _ => None,
    }
}

/// PostgreSQL SQLSTATEs: class 08 (connection exception), 57P (shutting down, cannot connect
/// now), 53 (insufficient resources; 53100 is a full disk), 25006 (read-only transaction).
fn postgres_fault(code: &str) -> Option<Fault> {
    if code == "53100" {
        Some(Fault::Full)
    } else if code.starts_with("08")
        || code.starts_with("57P")
        || code.starts_with("53")
        || code == "25006"
        // A deadlock or a serialization failure: the transaction was rolled back whole, and the
        // same request a moment later succeeds.
        || code.starts_with("40")
    {
        Some(Fault::Unavailable)
    } else {
        None
    }
}

/// A PostgreSQL driver error as a meaning (see [`map_err`]).
pub(crate) fn map_pg_err(e: sqlx::Error) -> DomainError {
    map_err(e)
}

/// A rusqlite error as a meaning, as [`map_err`] does for sqlx's.
pub(crate) fn map_sqlite_err(e: rusqlite::Error) -> DomainError {
    use rusqlite::ffi::ErrorCode;
    match &e {
        rusqlite::Error::QueryReturnedNoRows => DomainError::NotFound("row"),
        rusqlite::Error::SqliteFailure(failure, message) => {
            let message = message.clone().unwrap_or_else(|| failure.to_string());
            match failure.extended_code {
                // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
                2067 | 1555 => return DomainError::Conflict("duplicate"),
                // SQLITE_CONSTRAINT_FOREIGNKEY
                787 => return DomainError::Conflict("still_referenced"),
                _ => {}
            }
            if failure.code == ErrorCode::ConstraintViolation {
                return DomainError::Internal(message);
            }
            match sqlite_fault(&failure.extended_code.to_string()) {
                Some(Fault::Full) => DomainError::StorageFull(message),
                Some(Fault::Unavailable) => DomainError::Unavailable(message),
                None => DomainError::Internal(message),
            }
        }
        _ => DomainError::Internal(e.to_string()),
    }
}

/// A unique violation as an error on one field, for errors already turned into meanings.
pub(crate) fn unique_field(field: &'static str, code: &'static str) -> impl FnOnce(DomainError) -> DomainError {
    move |e| match e {
        DomainError::Conflict("duplicate") => DomainError::invalid(field, code),
        other => other,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::{Fault, postgres_fault, sqlite_fault};

    #[test]
    fn passwords_in_urls_are_redacted() {
        let url = "postgres://idespor:hemmelig@db.example:5432/idespor";
        assert_eq!(super::redact("failed for idespor:hemmelig@db", url), "failed for ***@db");
    }

    #[test]
    fn faults_of_the_database_are_told_apart_from_bugs() {
        assert_eq!(sqlite_fault("13"), Some(Fault::Full), "SQLITE_FULL");
        assert_eq!(sqlite_fault("8"), Some(Fault::Unavailable), "SQLITE_READONLY");
        assert_eq!(sqlite_fault("1032"), Some(Fault::Unavailable), "SQLITE_READONLY_DBMOVED");
        assert_eq!(sqlite_fault("778"), Some(Fault::Unavailable), "SQLITE_IOERR_WRITE");
        assert_eq!(sqlite_fault("11"), None, "SQLITE_CORRUPT is not waited out");
        assert_eq!(sqlite_fault("1"), None);
        assert_eq!(postgres_fault("53100"), Some(Fault::Full), "disk_full");
        assert_eq!(postgres_fault("57P01"), Some(Fault::Unavailable), "admin_shutdown");
        assert_eq!(postgres_fault("57P03"), Some(Fault::Unavailable), "cannot_connect_now");
        assert_eq!(postgres_fault("08006"), Some(Fault::Unavailable), "connection_failure");
        assert_eq!(postgres_fault("25006"), Some(Fault::Unavailable), "read_only_sql_transaction");
        assert_eq!(postgres_fault("40P01"), Some(Fault::Unavailable), "deadlock_detected: rolled back, try again");
        assert_eq!(postgres_fault("40001"), Some(Fault::Unavailable), "serialization_failure");
        assert_eq!(postgres_fault("42P01"), None, "undefined_table is a bug");
    }

    /// SQLite's page limit gives exactly the error a full disk gives (SQLITE_FULL).
    #[test]
    fn a_full_sqlite_database_is_storage_full_and_a_read_only_one_unavailable() {
        use idespor_domain::DomainError;
        let conn = rusqlite::Connection::open_in_memory().expect("in-memory SQLite");
        conn.execute_batch("CREATE TABLE t (x TEXT); PRAGMA max_page_count = 3;").expect("limit");
        let error =
            conn.execute("INSERT INTO t (x) SELECT hex(randomblob(9000))", []).expect_err("the database is full");
        assert!(matches!(super::map_sqlite_err(error), DomainError::StorageFull(_)), "SQLITE_FULL is StorageFull");
        conn.execute_batch("PRAGMA query_only = 1").expect("read-only");
        let error = conn.execute("INSERT INTO t (x) VALUES ('a')", []).expect_err("read-only");
        assert!(matches!(super::map_sqlite_err(error), DomainError::Unavailable(_)), "SQLITE_READONLY");
        let conn = rusqlite::Connection::open_in_memory().expect("in-memory SQLite");
        conn.execute_batch("CREATE TABLE u (k TEXT UNIQUE); INSERT INTO u VALUES ('a');").expect("unique");
        let error = conn.execute("INSERT INTO u VALUES ('a')", []).expect_err("duplicate");
        assert!(matches!(super::map_sqlite_err(error), DomainError::Conflict("duplicate")));
    }
}
