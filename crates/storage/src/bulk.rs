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

/// Writes every table's rows, in the order given (parents before children), in one transaction.
pub async fn insert(db: &Db, tables: &[Rows]) -> DomainResult<()> {
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
    db.write(|c| async move {
        c.exec("UPDATE search_generation SET generation = generation + 1 WHERE id = 1", &[]).await.map(|_| ())
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
