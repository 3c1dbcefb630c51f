//! `idespor backup FILE` and `idespor restore FILE`: an online, consistent copy of the database
//! while the server serves, and putting such a copy into an empty database.
//!
//! SQLite: `VACUUM INTO` a file next to FILE (one read snapshot; writers go on under WAL), then
//! renamed into place, so FILE is complete or absent. Restore checks the copy (`PRAGMA
//! integrity_check`, foreign keys, Idéspor's schema) and moves it into place.
//! PostgreSQL: `pg_dump --format=custom` (one repeatable-read snapshot) and `pg_restore` in one
//! transaction, found under /usr/lib/postgresql/*/bin or on PATH.

use crate::config::Config;
use anyhow::{Context, anyhow, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Makes a backup of the configured database into `file`, which must not exist yet.
pub async fn backup(config: &Config, file: &Path) -> anyhow::Result<String> {
    if file.exists() {
        bail!("{} already exists; a backup never overwrites a file", file.display());
    }
    let partial = partial_name(file);
    let _ = std::fs::remove_file(&partial);
    let url = config.database_url();
    if config.is_postgres() {
        let status = Command::new(pg_tool("pg_dump")?)
            .args(["--format=custom", "--no-password", "--file"])
            .arg(&partial)
            .arg("--dbname")
            .arg(libpq_url(&url).0)
            .envs(libpq_url(&url).1.map(|p| ("PGPASSWORD", p)))
            .status()
            .context("cannot run pg_dump")?;
        if !status.success() {
            let _ = std::fs::remove_file(&partial);
            bail!("pg_dump failed ({status}); no backup was written");
        }
    } else {
        let path = sqlite_path(&url);
        if !path.exists() {
            bail!("there is no database at {}", path.display());
        }
        let db = idespor_storage::connect(&url).await.map_err(|e| anyhow!("cannot open the database: {e}"))?;
        let copied = db.vacuum_into(&partial).await;
        db.close().await;
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&partial);
            bail!("the backup failed: {e}; no backup was written");
        }
    }
    sync_file(&partial)?;
    std::fs::rename(&partial, file).with_context(|| format!("cannot move the backup to {}", file.display()))?;
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    Ok(format!("Backup written to {} ({size} bytes).", file.display()))
}

/// Restores a backup into the configured database, which must be empty (or, for SQLite, absent).
pub async fn restore(config: &Config, file: &Path) -> anyhow::Result<String> {
    if !file.is_file() {
        bail!("there is no backup file at {}", file.display());
    }
    let url = config.database_url();
    if config.is_postgres() {
        let db = idespor_storage::connect(&url).await.map_err(|e| anyhow!("cannot open the database: {e}"))?;
        let tables = db.table_count().await;
        db.close().await;
        refuse_unless_empty(tables.map_err(|e| anyhow!("{e}"))?)?;
        let output = Command::new(pg_tool("pg_restore")?)
            .args(["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--no-password"])
            .arg("--dbname")
            .arg(libpq_url(&url).0)
            .envs(libpq_url(&url).1.map(|p| ("PGPASSWORD", p)))
            .arg(file)
            .output()
            .context("cannot run pg_restore")?;
        if !output.status.success() {
            bail!(
                "pg_restore failed ({}); nothing was restored: {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
    } else {
        idespor_storage::check_sqlite_copy(file).await.map_err(|e| anyhow!("{}: {e}", file.display()))?;
        let path = sqlite_path(&url);
        if path.exists() {
            let db = idespor_storage::connect(&url).await.map_err(|e| anyhow!("cannot open the database: {e}"))?;
            let tables = db.table_count().await;
            db.close().await;
            refuse_unless_empty(tables.map_err(|e| anyhow!("{e}"))?)?;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let partial = partial_name(&path);
        std::fs::copy(file, &partial).with_context(|| format!("cannot copy to {}", partial.display()))?;
        sync_file(&partial)?;
        // The empty database's files go; the copy takes their place in one rename.
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(sidecar(&path, suffix));
        }
        std::fs::rename(&partial, &path).with_context(|| format!("cannot move the copy to {}", path.display()))?;
    }
    // Opening it brings an older backup's schema up to date and proves it opens.
    let db = crate::startup::open_database(config).await?;
    let problems = db.integrity_problems().await.map_err(|e| anyhow!("{e}"))?;
    db.close().await;
    if !problems.is_empty() {
        bail!("the restored database fails its integrity check: {}", problems.join("; "));
    }
    Ok(format!("Restored {} into the database.", file.display()))
}

/// Erases again, in the restored database, the people listed (one id per line, `#` comments
/// allowed): those erased after the backup was taken come back with the backup otherwise.
pub async fn reapply_erasures(config: &Config, list: &Path) -> anyhow::Result<String> {
    use idespor_domain::store::AccountStore;
    let text = std::fs::read_to_string(list).with_context(|| format!("cannot read {}", list.display()))?;
    let mut ids = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let id: i64 = line.parse().map_err(|_| anyhow!("{} line {}: not an id: {line:?}", list.display(), n + 1))?;
        ids.push(id);
    }
    let db = crate::startup::open_database(config).await?;
    let store = idespor_storage::SqlStore::new(db.clone());
    let now = jiff::Timestamp::now();
    let mut applied = 0;
    for id in ids {
        let audit = idespor_domain::audit::AuditEntry::new(now, None, "user.erase_reapplied", "user").id(id);
        match store.erase_user(idespor_domain::UserId(id), idespor_domain::user::ERASED_NAME, now, audit).await {
            Ok(()) => applied += 1,
            // Erased in the backup already, or made after it: nothing to do.
            Err(idespor_domain::DomainError::NotFound(_)) => {}
            Err(e) => {
                db.close().await;
                bail!("could not erase person {id} again: {e}");
            }
        }
    }
    db.close().await;
    Ok(format!("Erased {applied} people again who were erased after the backup was taken."))
}

fn refuse_unless_empty(tables: i64) -> anyhow::Result<()> {
    if tables > 0 {
        bail!(
            "the database is not empty ({tables} tables); a backup is restored only into an empty database, \
             so nothing was changed"
        );
    }
    Ok(())
}

/// The file a backup is written to before it is complete.
fn partial_name(file: &Path) -> PathBuf {
    let mut name = file.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    file.with_file_name(name)
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn sync_file(path: &Path) -> anyhow::Result<()> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("cannot write {} to disk", path.display()))
}

/// The SQLite file of a database URL (`sqlite://path?…`, `sqlite:path` or a plain path).
pub fn sqlite_path(url: &str) -> PathBuf {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
    PathBuf::from(rest.split('?').next().unwrap_or(rest))
}

/// A PostgreSQL URL for libpq's tools, with the password taken out (it goes in `PGPASSWORD`,
/// so it is never on a command line other users can read).
fn libpq_url(url: &str) -> (String, Option<String>) {
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((credentials, host)) = rest.split_once('@')
        && let Some((user, password)) = credentials.split_once(':')
    {
        return (format!("{scheme}://{user}@{host}"), Some(percent_decode(password)));
    }
    (url.to_string(), None)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A PostgreSQL client tool: the newest under /usr/lib/postgresql/*/bin (a dump needs a pg_dump
/// at least as new as the server), else the one on PATH.
pub fn pg_tool(name: &str) -> anyhow::Result<PathBuf> {
    let mut candidates: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            Some((version, e.path().join("bin").join(name)))
        })
        .filter(|(_, p)| p.is_file())
        .collect();
    candidates.sort();
    if let Some((_, newest)) = candidates.pop() {
        return Ok(newest);
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file());
    on_path.ok_or_else(|| {
        anyhow!(
            "{name} was not found on PATH or under /usr/lib/postgresql/*/bin; \
             install PostgreSQL's client tools (Debian: postgresql-client)"
        )
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_leave_the_url_for_the_environment() {
        assert_eq!(
            super::libpq_url("postgres://idespor:h%C3%A6mlig@db:5432/idespor"),
            ("postgres://idespor@db:5432/idespor".to_string(), Some("hæmlig".to_string()))
        );
        assert_eq!(
            super::libpq_url("postgres://postgres@127.0.0.1/x"),
            ("postgres://postgres@127.0.0.1/x".into(), None)
        );
    }

    #[test]
    fn the_sqlite_file_of_a_url() {
        assert_eq!(
            super::sqlite_path("sqlite:///tmp/a/idespor.db?mode=rwc"),
            std::path::PathBuf::from("/tmp/a/idespor.db")
        );
        assert_eq!(super::sqlite_path("data/idespor.db"), std::path::PathBuf::from("data/idespor.db"));
    }
}
