//! What a backup needs from the database itself: a consistent copy of a serving SQLite database
//! (`VACUUM INTO` reads one snapshot, WAL lets writers go on), the integrity checks of a copy, and
//! whether a database is empty (a restore goes only into an empty one). PostgreSQL's copies are
//! made by its own tools (`pg_dump`, `pg_restore`), run by the binary.

use crate::db::{Backend, Db, map_sqlite_err};
use crate::sql::{Conn, args};
use idespor_domain::{DomainError, DomainResult};
use std::path::Path;

impl Db {
    /// Writes a consistent copy of this SQLite database to `path` (which must not exist), while
    /// others go on reading and writing.
    pub async fn vacuum_into(&self, path: &Path) -> DomainResult<()> {
        if self.backend() != Backend::Sqlite {
            return Err(DomainError::Internal("VACUUM INTO is for SQLite; use pg_dump for PostgreSQL".into()));
        }
        let target = path.to_str().ok_or_else(|| DomainError::Internal("the backup path is not UTF-8".into()))?;
        let target = target.to_string();
        self.read(move |c| async move { c.exec("VACUUM INTO $1", args![&target]).await.map(|_| ()) }).await
    }

    /// Whether the database holds no tables at all (a restore refuses anything else). Returns
    /// the number of tables found.
    pub async fn table_count(&self) -> DomainResult<i64> {
        let sql = match self.backend() {
            Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
            Backend::Postgres => {
                "SELECT COUNT(*) FROM information_schema.tables \
                 WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
            }
        };
        self.read(move |c| async move { c.int(sql, &[]).await }).await
    }

    /// SQLite's own checks of the whole file: `PRAGMA integrity_check` and
    /// `PRAGMA foreign_key_check`. Returns the problems found (empty when all is well).
    pub async fn integrity_problems(&self) -> DomainResult<Vec<String>> {
        match self.backend() {
            Backend::Sqlite => self.read(|c| async move { sqlite_problems(&c).await }).await,
            // PostgreSQL checks its constraints on every write and again when a dump is restored.
            Backend::Postgres => Ok(Vec::new()),
        }
    }
}

async fn sqlite_problems(c: &Conn) -> DomainResult<Vec<String>> {
    let mut problems: Vec<String> = c.all("PRAGMA integrity_check", &[], |r| r.text(0)).await?;
    problems.retain(|p| p != "ok");
    let orphans =
        c.all("SELECT \"table\", rowid FROM pragma_foreign_key_check", &[], |r| Ok((r.text(0)?, r.i64(1)?))).await?;
    problems.extend(orphans.into_iter().map(|(table, rowid)| format!("{table} row {rowid} refers to a missing row")));
    Ok(problems)
}

/// Checks an SQLite file that is to be restored, without changing it: it must be an SQLite
/// database that passes its integrity checks and holds Idéspor's schema.
pub async fn check_sqlite_copy(path: &Path) -> DomainResult<()> {
    let path = path.to_path_buf();
    tokio::task::spawn_blocking(move || {
        use rusqlite::OpenFlags;
        let conn = rusqlite::Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| DomainError::Internal(format!("cannot open the file as an SQLite database: {e}")))?;
        let mut problems: Vec<String> = {
            let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(not_sqlite)?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(not_sqlite)?;
            rows.collect::<Result<_, _>>().map_err(not_sqlite)?
        };
        problems.retain(|p| p != "ok");
        let mut stmt = conn.prepare("SELECT \"table\", rowid FROM pragma_foreign_key_check").map_err(map_sqlite_err)?;
        let orphans = stmt
            .query_map([], |r| {
                Ok(format!("{} row {} refers to a missing row", r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })
            .map_err(map_sqlite_err)?;
        for orphan in orphans {
            problems.push(orphan.map_err(map_sqlite_err)?);
        }
        if !problems.is_empty() {
            return Err(DomainError::Internal(format!("the copy fails its integrity check: {}", problems.join("; "))));
        }
        match conn.query_row("SELECT COUNT(*) FROM _sqlx_migrations", [], |r| r.get::<_, i64>(0)) {
            Ok(n) if n > 0 => Ok(()),
            _ => Err(DomainError::Internal("the file is an SQLite database, but not Idéspor's".into())),
        }
    })
    .await
    .map_err(|e| DomainError::Internal(e.to_string()))?
}

fn not_sqlite(e: rusqlite::Error) -> DomainError {
    DomainError::Internal(format!("cannot read the file as an SQLite database: {e}"))
}
