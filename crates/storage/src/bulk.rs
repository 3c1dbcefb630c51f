//! Bulk loading for `idespor seed`: rows generated elsewhere (already obeying the domain's rules)
//! written many to a statement, many statements to a transaction. Not used while serving.
//!
//! Table and column names are `&'static str` written in the program, never user input, so the
//! statements built from them are safe; the values are always bound.

use crate::db::{Backend, Db};
use crate::sql::Arg;
use idespor_domain::DomainResult;

/// One value of a row.
#[derive(Debug, Clone)]
pub enum Cell {
    Int(i64),
    OptInt(Option<i64>),
    Text(String),
    OptText(Option<String>),
    Bool(bool),
    OptBool(Option<bool>),
}

impl From<i64> for Cell {
    fn from(v: i64) -> Self {
        Cell::Int(v)
    }
}
impl From<Option<i64>> for Cell {
    fn from(v: Option<i64>) -> Self {
        Cell::OptInt(v)
    }
}
impl From<String> for Cell {
    fn from(v: String) -> Self {
        Cell::Text(v)
    }
}
impl From<&str> for Cell {
    fn from(v: &str) -> Self {
        Cell::Text(v.to_string())
    }
}
impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Self {
        Cell::OptText(v)
    }
}
impl From<bool> for Cell {
    fn from(v: bool) -> Self {
        Cell::Bool(v)
    }
}

/// Rows for one table, every row with one cell per column.
#[derive(Debug)]
pub struct Rows {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Cell>>,
}

impl Rows {
    pub fn new(table: &'static str, columns: &'static [&'static str]) -> Self {
        Self { table, columns, rows: Vec::new() }
    }
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len(), "a {} row with the wrong number of cells", self.table);
        self.rows.push(row);
    }
    pub fn len(&self) -> usize {
        self.rows.len()
    }
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Bound values per statement: under SQLite's limit (32,766) and PostgreSQL's (65,535).
const MAX_BINDS: usize = 30_000;

impl Cell {
    fn arg(&self) -> Arg<'_> {
        match self {
            Cell::Int(v) => Arg::from(*v),
            Cell::OptInt(v) => Arg::from(*v),
            Cell::Text(v) => Arg::from(v),
            Cell::OptText(v) => Arg::from(v.as_ref()),
            Cell::Bool(v) => Arg::from(*v),
            Cell::OptBool(v) => Arg::from(*v),
        }
    }
}

impl Cell {
    /// The cell in `COPY`'s text format: `\N` for null, `t`/`f`, and text with backslash, tab,
    /// line feed and carriage return escaped.
    fn write_copy_text(&self, out: &mut Vec<u8>) {
        use std::io::Write;
        match self {
            Cell::Int(v) | Cell::OptInt(Some(v)) => {
                let _ = write!(out, "{v}");
            }
            Cell::Bool(v) | Cell::OptBool(Some(v)) => out.push(if *v { b't' } else { b'f' }),
            Cell::Text(v) | Cell::OptText(Some(v)) => {
                for byte in v.bytes() {
                    match byte {
                        b'\\' => out.extend_from_slice(b"\\\\"),
                        b'\t' => out.extend_from_slice(b"\\t"),
                        b'\n' => out.extend_from_slice(b"\\n"),
                        b'\r' => out.extend_from_slice(b"\\r"),
                        other => out.push(other),
                    }
                }
            }
            Cell::OptInt(None) | Cell::OptText(None) | Cell::OptBool(None) => out.extend_from_slice(b"\\N"),
        }
    }
}

/// Rows of one table in `COPY`'s text format.
fn copy_text(table: &Rows) -> Vec<u8> {
    let mut out = Vec::with_capacity(table.rows.len() * table.columns.len() * 12);
    for row in &table.rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(b'\t');
            }
            cell.write_copy_text(&mut out);
        }
        out.push(b'\n');
    }
    out
}

/// Writes every table's rows, in the order given (parents before children), in one transaction:
/// on PostgreSQL with `COPY` (several times faster than `INSERT`s for the hosted community's
/// millions of rows), on SQLite with multi-row `INSERT`s from cached statements.
pub async fn insert(db: &Db, tables: &[Rows]) -> DomainResult<()> {
    if db.backend() == Backend::Postgres {
        return db
            .write(|c| async move {
                // The rows are generated whole and consistent: a superuser (as the benchmark
                // connects) loads them without running a trigger per row (foreign key checks,
                // the status tallies; `finish` counts those again), which is most of the time a
                // load takes. Anyone else loads them with every check.
                if c.int("SELECT CASE WHEN rolsuper THEN 1 ELSE 0 END FROM pg_roles WHERE rolname = current_user", &[])
                    .await?
                    == 1
                {
                    c.batch("SET LOCAL session_replication_role = replica").await?;
                }
                for table in tables.iter().filter(|t| !t.is_empty()) {
                    let statement =
                        format!("COPY {} ({}) FROM STDIN WITH (FORMAT text)", table.table, table.columns.join(", "));
                    c.copy_in(&statement, &copy_text(table)).await?;
                }
                Ok(())
            })
            .await;
    }
    db.write(|c| async move {
        for table in tables.iter().filter(|t| !t.is_empty()) {
            let width = table.columns.len();
            let per_statement = (MAX_BINDS / width).max(1);
            for chunk in table.rows.chunks(per_statement) {
                let mut sql = format!("INSERT INTO {} ({}) VALUES ", table.table, table.columns.join(", "));
                let mut args: Vec<Arg<'_>> = Vec::with_capacity(chunk.len() * width);
                for (n, row) in chunk.iter().enumerate() {
                    if n > 0 {
                        sql.push_str(", ");
                    }
                    sql.push('(');
                    for (i, cell) in row.iter().enumerate() {
                        if i > 0 {
                            sql.push_str(", ");
                        }
                        sql.push_str(&format!("${}", args.len() + 1));
                        args.push(cell.arg());
                    }
                    sql.push(')');
                }
                c.exec(&sql, &args).await?;
            }
        }
        Ok(())
    })
    .await
}

/// The next free id of each table (one more than the largest).
pub async fn next_id(db: &Db, table: &'static str) -> DomainResult<i64> {
    let sql = format!("SELECT COALESCE(MAX(id), 0) + 1 FROM {table}");
    db.read(|c| async move { c.int(&sql, &[]).await }).await
}

/// After loading rows with explicit ids: PostgreSQL's identity sequences continue after the
/// largest id (SQLite's rowids do by themselves), and both databases refresh their statistics.
pub async fn finish(db: &Db, tables_with_ids: &[&'static str]) -> DomainResult<()> {
    // Search terms were written behind the search's back: results kept for the old ones go.
    // The status tallies are counted again (a load may have skipped the triggers that keep them).
    db.write(|c| async move {
        c.exec("UPDATE search_generation SET generation = generation + 1 WHERE id = 1", &[]).await?;
        c.exec(
            "UPDATE idea_status_counts SET n = (SELECT COUNT(*) FROM ideas i WHERE i.status = idea_status_counts.status)",
            &[],
        )
        .await?;
        // Loaded ranks become one priority list.
        crate::writes::settle_ranks(&c, &[]).await
    })
    .await?;
    match db.backend() {
        Backend::Postgres => {
            for table in tables_with_ids {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
                );
                db.read(|c| async move { c.all(&sql, &[], |_| Ok(())).await }).await?;
            }
            // VACUUM also sets the visibility map, without which PostgreSQL cannot answer from an
            // index alone (the figures' covering index): 1.5 s → 0.6 s at the hosted size.
            db.read(|c| async move { c.batch("VACUUM ANALYZE").await }).await
        }
        Backend::Sqlite => db.read(|c| async move { c.batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);").await }).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_what_its_format_reads_specially() {
        let mut rows = Rows::new("t", &["a", "b", "c", "d"]);
        rows.push(vec![
            Cell::Int(7),
            Cell::Text("tab\there\nline \\ back\r".into()),
            Cell::OptText(None),
            Cell::Bool(true),
        ]);
        rows.push(vec![Cell::OptInt(None), Cell::from("æøå"), Cell::OptBool(Some(false)), Cell::OptInt(Some(-1))]);
        assert_eq!(
            String::from_utf8(copy_text(&rows)).unwrap_or_default(),
            "7\ttab\\there\\nline \\\\ back\\r\t\\N\tt\n\\N\tæøå\tf\t-1\n"
        );
    }
}
