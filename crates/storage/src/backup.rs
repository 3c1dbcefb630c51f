//! What a backup needs from the database itself: a consistent copy of a serving SQLite database
//! (`VACUUM INTO` reads one snapshot, WAL lets writers go on), the integrity checks of a copy, and
//! whether a database is empty (a restore goes only into an empty one). PostgreSQL's copies are
//! made by its own tools (`pg_dump`, `pg_restore`), run by the binary.

use crate::db::{Db, map_err};
use idespor_domain::{DomainError, DomainResult};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};
use std::path::Path;

impl Db {
    /// Writes a consistent copy of this SQLite database to `path` (which must not exist), while
    /// others go on reading and writing.
    pub async fn vacuum_into(&self, path: &Path) -> DomainResult<()> {
        let Db::Sqlite(pool) = self else {
            return Err(DomainError::Internal("VACUUM INTO is for SQLite; use pg_dump for PostgreSQL".into()));
        };
        let target = path.to_str().ok_or_else(|| DomainError::Internal("the backup path is not UTF-8".into()))?;
        sqlx::query("VACUUM INTO $1").bind(target).execute(pool).await.map_err(map_err)?;
        Ok(())
    }

    /// Whether the database holds no tables at all (a restore refuses anything else). Returns
    /// the number of tables found.
    pub async fn table_count(&self) -> DomainResult<i64> {
        match self {
            Db::Sqlite(pool) => sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")
                .fetch_one(pool)
                .await
                .map_err(map_err),
            Db::Postgres(pool) => sqlx::query_scalar(
                "SELECT COUNT(*) FROM information_schema.tables \
                 WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
            )
            .fetch_one(pool)
            .await
            .map_err(map_err),
        }
    }

    /// SQLite's own checks of the whole file: `PRAGMA integrity_check` and
    /// `PRAGMA foreign_key_check`. Returns the problems found (empty when all is well).
    pub async fn integrity_problems(&self) -> DomainResult<Vec<String>> {
        match self {
            Db::Sqlite(pool) => {
                let mut conn = pool.acquire().await.map_err(map_err)?;
                sqlite_problems(&mut conn).await
            }
            // PostgreSQL checks its constraints on every write and again when a dump is restored.
            Db::Postgres(_) => Ok(Vec::new()),
        }
    }
}

async fn sqlite_problems(conn: &mut SqliteConnection) -> DomainResult<Vec<String>> {
    let mut problems: Vec<String> =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut *conn).await.map_err(map_err)?;
    problems.retain(|p| p != "ok");
    let orphans: Vec<(String, i64)> = sqlx::query_as("SELECT \"table\", rowid FROM pragma_foreign_key_check")
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)?;
    problems.extend(orphans.into_iter().map(|(table, rowid)| format!("{table} row {rowid} refers to a missing row")));
    Ok(problems)
}

/// Checks an SQLite file that is to be restored, without changing it: it must be an SQLite
/// database that passes its integrity checks and holds Idéspor's schema.
pub async fn check_sqlite_copy(path: &Path) -> DomainResult<()> {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| DomainError::Internal(format!("cannot open the file as an SQLite database: {e}")))?;
    let problems = sqlite_problems(&mut conn).await;
    let migrations: Result<i64, _> =
        sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations").fetch_one(&mut conn).await;
    let _ = conn.close().await;
    let problems = problems?;
    if !problems.is_empty() {
        return Err(DomainError::Internal(format!("the copy fails its integrity check: {}", problems.join("; "))));
    }
    match migrations {
        Ok(n) if n > 0 => Ok(()),
        _ => Err(DomainError::Internal("the file is an SQLite database, but not Idéspor's".into())),
    }
}
