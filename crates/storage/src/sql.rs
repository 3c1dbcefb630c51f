//! One way to run a statement on either database, so that each store method is written once.
//!
//! - SQLite runs through rusqlite, synchronously, on a blocking thread: [`Db::read`] and
//!   [`Db::write`] check out one pooled connection there and run the whole method on it, every
//!   statement from the connection's cache of prepared statements. No thread switch per
//!   statement, no rows sent over a channel (what made sqlx's SQLite driver four times slower).
//! - PostgreSQL runs through sqlx's async driver, on the request's task.
//!
//! A method is an async block over a [`Conn`]: on SQLite its awaits complete at once (the
//! block is driven to its end on the blocking thread); on PostgreSQL they are real round trips.
//! The same SQL text serves both (`$1` placeholders; SQLite binds them by name, so a statement
//! may use `$2` before `$1`). Rows are read by column name or position through [`Row`], which
//! hides the drivers' types: PostgreSQL's 2-, 4- and 8-byte integers all read as `i64`, SQLite's
//! 0/1 as `bool`.

use crate::db::{map_pg_err, map_sqlite_err};
use idespor_domain::{DomainError, DomainResult};
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::postgres::PgRow;
use sqlx::{Postgres, Row as _, TypeInfo as _, ValueRef as _};
use std::future::Future;
use std::sync::Arc;

/// A value bound to a statement's `$n` placeholder. A null keeps its type, as PostgreSQL
/// infers a parameter's type from it (`$1 IS NULL OR kind = $1` needs a text null).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Arg<'a> {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<&'a str>),
    Bool(Option<bool>),
}

macro_rules! arg_from {
    ($($t:ty => |$v:ident| $e:expr),* $(,)?) => {
        $(
            impl<'a> From<$t> for Arg<'a> {
                fn from($v: $t) -> Self {
                    $e
                }
            }
        )*
    };
}

arg_from! {
    i64 => |v| Arg::Int(Some(v)),
    i32 => |v| Arg::Int(Some(i64::from(v))),
    f64 => |v| Arg::Real(Some(v)),
    bool => |v| Arg::Bool(Some(v)),
    &'a str => |v| Arg::Text(Some(v)),
    &'a String => |v| Arg::Text(Some(v.as_str())),
    Option<i64> => |v| Arg::Int(v),
    Option<i32> => |v| Arg::Int(v.map(i64::from)),
    Option<f64> => |v| Arg::Real(v),
    Option<bool> => |v| Arg::Bool(v),
    Option<&'a str> => |v| Arg::Text(v),
    Option<&'a String> => |v| Arg::Text(v.map(String::as_str)),
}

/// The domain's ids bind as their integers.
macro_rules! arg_from_ids {
    ($($id:ident),*) => {
        $(
            arg_from! {
                idespor_domain::$id => |v| Arg::Int(Some(v.0)),
                Option<idespor_domain::$id> => |v| Arg::Int(v.map(|v| v.0)),
            }
        )*
    };
}

arg_from_ids!(RoundId, NotificationId, OutboxId);

/// The arguments of a statement, in the order of their `$n`: `args![id.0, &title, None::<i64>]`.
macro_rules! args {
    ($($arg:expr),* $(,)?) => {
        &[$($crate::sql::Arg::from($arg)),*][..]
    };
}
pub(crate) use args;

/// A column by position (from 0) or by name.
pub(crate) trait Col: rusqlite::RowIndex + sqlx::ColumnIndex<PgRow> + Copy + std::fmt::Debug {}
impl Col for usize {}
impl Col for &str {}

/// One row of a result, of either database.
pub(crate) struct Row<'r>(RowOf<'r>);

enum RowOf<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Pg(&'r PgRow),
}

fn column_error(col: impl std::fmt::Debug, e: impl std::fmt::Display) -> DomainError {
    DomainError::Internal(format!("column {col:?}: {e}"))
}

impl Row<'_> {
    pub fn opt_i64(&self, col: impl Col) -> DomainResult<Option<i64>> {
        match &self.0 {
            RowOf::Sqlite(r) => {
                use rusqlite::types::ValueRef;
                match r.get_ref(col).map_err(|e| column_error(col, e))? {
                    ValueRef::Null => Ok(None),
                    ValueRef::Integer(v) => Ok(Some(v)),
                    // SQLite's SUM and AVG over integers may come back as a real.
                    ValueRef::Real(v) => Ok(Some(v as i64)),
                    other => Err(column_error(col, format!("not an integer: {:?}", other.data_type()))),
                }
            }
            RowOf::Pg(r) => {
                let raw = r.try_get_raw(col).map_err(|e| column_error(col, e))?;
                if raw.is_null() {
                    return Ok(None);
                }
                let kind = raw.type_info().name().to_string();
                let value = match kind.as_str() {
                    "INT8" => r.try_get::<i64, _>(col),
                    "INT4" => r.try_get::<i32, _>(col).map(i64::from),
                    "INT2" => r.try_get::<i16, _>(col).map(i64::from),
                    "BOOL" => r.try_get::<bool, _>(col).map(i64::from),
                    "FLOAT8" => r.try_get::<f64, _>(col).map(|v| v as i64),
                    _ => return Err(column_error(col, format!("not an integer: {kind}"))),
                };
                value.map(Some).map_err(|e| column_error(col, e))
            }
        }
    }

    pub fn i64(&self, col: impl Col) -> DomainResult<i64> {
        self.opt_i64(col)?.ok_or_else(|| column_error(col, "null"))
    }

    pub fn i32(&self, col: impl Col) -> DomainResult<i32> {
        i32::try_from(self.i64(col)?).map_err(|e| column_error(col, e))
    }

    pub fn opt_i32(&self, col: impl Col) -> DomainResult<Option<i32>> {
        self.opt_i64(col)?.map(|v| i32::try_from(v).map_err(|e| column_error(col, e))).transpose()
    }

    pub fn bool(&self, col: impl Col) -> DomainResult<bool> {
        Ok(self.i64(col)? != 0)
    }

    pub fn opt_text(&self, col: impl Col) -> DomainResult<Option<String>> {
        match &self.0 {
            RowOf::Sqlite(r) => r.get::<_, Option<String>>(col).map_err(|e| column_error(col, e)),
            RowOf::Pg(r) => r.try_get::<Option<String>, _>(col).map_err(|e| column_error(col, e)),
        }
    }

    pub fn text(&self, col: impl Col) -> DomainResult<String> {
        self.opt_text(col)?.ok_or_else(|| column_error(col, "null"))
    }

    /// UTC seconds, as every time is stored.
    pub fn ts(&self, col: impl Col) -> DomainResult<Timestamp> {
        Ok(timestamp(self.i64(col)?))
    }

    pub fn opt_ts(&self, col: impl Col) -> DomainResult<Option<Timestamp>> {
        Ok(self.opt_i64(col)?.map(timestamp))
    }

    /// A civil date stored as `YYYY-MM-DD` text; anything else reads as none.
    pub fn opt_date(&self, col: impl Col) -> DomainResult<Option<Date>> {
        Ok(self.opt_text(col)?.and_then(|v| v.parse().ok()))
    }
}

pub(crate) fn timestamp(seconds: i64) -> Timestamp {
    Timestamp::from_second(seconds).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// A pooled SQLite connection, as the pool hands it out.
pub(crate) type SqliteConnection = r2d2::PooledConnection<crate::db::SqliteManager>;

/// A checked-out connection, cloneable so that a method's block and the transaction around it
/// can both hold it. Statements on one `Conn` run one after another.
#[derive(Clone)]
pub(crate) struct Conn(Arc<ConnOf>);

enum ConnOf {
    Sqlite(std::sync::Mutex<SqliteConnection>),
    Pg(tokio::sync::Mutex<PgConn>),
}

/// A PostgreSQL connection, inside a transaction or not. sqlx's transaction rolls itself back
/// when dropped (a request cancelled halfway), so no connection returns to the pool mid-way.
enum PgConn {
    Plain(sqlx::pool::PoolConnection<Postgres>),
    Tx(Option<sqlx::Transaction<'static, Postgres>>),
}

impl PgConn {
    fn connection(&mut self) -> DomainResult<&mut sqlx::PgConnection> {
        match self {
            PgConn::Plain(c) => Ok(&mut **c),
            PgConn::Tx(Some(tx)) => Ok(&mut **tx),
            PgConn::Tx(None) => Err(DomainError::Internal("statement after the transaction ended".into())),
        }
    }
}

fn poisoned() -> DomainError {
    DomainError::Internal("a statement panicked on this connection".into())
}

/// Binds `args` to `$1`, `$2`, … of a prepared SQLite statement, by name.
fn bind_sqlite(stmt: &mut rusqlite::Statement<'_>, args: &[Arg<'_>]) -> DomainResult<()> {
    for (i, arg) in args.iter().enumerate() {
        let name = placeholder(i + 1);
        let Some(index) = stmt.parameter_index(&name).map_err(map_sqlite_err)? else {
            return Err(DomainError::Internal(format!("statement has no {name}")));
        };
        let bound = match *arg {
            Arg::Int(v) => stmt.raw_bind_parameter(index, v),
            Arg::Real(v) => stmt.raw_bind_parameter(index, v),
            Arg::Text(v) => stmt.raw_bind_parameter(index, v),
            Arg::Bool(v) => stmt.raw_bind_parameter(index, v.map(i64::from)),
        };
        bound.map_err(map_sqlite_err)?;
    }
    if stmt.parameter_count() != args.len() {
        return Err(DomainError::Internal(format!(
            "statement takes {} arguments, {} given",
            stmt.parameter_count(),
            args.len()
        )));
    }
    Ok(())
}

fn placeholder(n: usize) -> String {
    format!("${n}")
}

type PgQuery<'q> = sqlx::query::Query<'q, Postgres, sqlx::postgres::PgArguments>;

fn bind_pg<'q>(sql: &'q str, args: &[Arg<'q>]) -> PgQuery<'q> {
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for arg in args {
        query = match *arg {
            Arg::Int(v) => query.bind(v),
            Arg::Real(v) => query.bind(v),
            Arg::Text(v) => query.bind(v),
            Arg::Bool(v) => query.bind(v),
        };
    }
    query
}

impl Conn {
    pub(crate) fn sqlite(conn: SqliteConnection) -> Self {
        Conn(Arc::new(ConnOf::Sqlite(std::sync::Mutex::new(conn))))
    }

    fn pg(conn: PgConn) -> Self {
        Conn(Arc::new(ConnOf::Pg(tokio::sync::Mutex::new(conn))))
    }

    /// Whether this is a PostgreSQL connection (for the few statements that differ).
    pub fn is_postgres(&self) -> bool {
        matches!(&*self.0, ConnOf::Pg(_))
    }

    /// Every row, mapped.
    pub async fn all<T>(
        &self,
        sql: &str,
        args: &[Arg<'_>],
        mut map: impl FnMut(&Row<'_>) -> DomainResult<T>,
    ) -> DomainResult<Vec<T>> {
        match &*self.0 {
            ConnOf::Sqlite(conn) => {
                let conn = conn.lock().map_err(|_| poisoned())?;
                let mut stmt = conn.prepare_cached(sql).map_err(map_sqlite_err)?;
                bind_sqlite(&mut stmt, args)?;
                let mut rows = stmt.raw_query();
                let mut out = Vec::new();
                while let Some(row) = rows.next().map_err(map_sqlite_err)? {
                    out.push(map(&Row(RowOf::Sqlite(row)))?);
                }
                Ok(out)
            }
            ConnOf::Pg(conn) => {
                let mut conn = conn.lock().await;
                let rows = bind_pg(sql, args).fetch_all(conn.connection()?).await.map_err(map_pg_err)?;
                rows.iter().map(|r| map(&Row(RowOf::Pg(r)))).collect()
            }
        }
    }

    /// The first row, if any, mapped.
    pub async fn opt<T>(
        &self,
        sql: &str,
        args: &[Arg<'_>],
        map: impl FnOnce(&Row<'_>) -> DomainResult<T>,
    ) -> DomainResult<Option<T>> {
        match &*self.0 {
            ConnOf::Sqlite(conn) => {
                let conn = conn.lock().map_err(|_| poisoned())?;
                let mut stmt = conn.prepare_cached(sql).map_err(map_sqlite_err)?;
                bind_sqlite(&mut stmt, args)?;
                let mut rows = stmt.raw_query();
                match rows.next().map_err(map_sqlite_err)? {
                    Some(row) => map(&Row(RowOf::Sqlite(row))).map(Some),
                    None => Ok(None),
                }
            }
            ConnOf::Pg(conn) => {
                let mut conn = conn.lock().await;
                let row = bind_pg(sql, args).fetch_optional(conn.connection()?).await.map_err(map_pg_err)?;
                row.as_ref().map(|r| map(&Row(RowOf::Pg(r)))).transpose()
            }
        }
    }

    /// The one row the statement must give (`NotFound` if none), mapped.
    pub async fn one<T>(
        &self,
        sql: &str,
        args: &[Arg<'_>],
        map: impl FnOnce(&Row<'_>) -> DomainResult<T>,
    ) -> DomainResult<T> {
        self.opt(sql, args, map).await?.ok_or(DomainError::NotFound("row"))
    }

    /// The first column of the one row, as an integer (a count, a `RETURNING id`).
    pub async fn int(&self, sql: &str, args: &[Arg<'_>]) -> DomainResult<i64> {
        self.one(sql, args, |r| r.i64(0)).await
    }

    /// The first column of every row, as integers (ids).
    pub async fn ints(&self, sql: &str, args: &[Arg<'_>]) -> DomainResult<Vec<i64>> {
        self.all(sql, args, |r| r.i64(0)).await
    }

    /// Runs a statement that returns no rows; the number of rows it changed.
    pub async fn exec(&self, sql: &str, args: &[Arg<'_>]) -> DomainResult<u64> {
        match &*self.0 {
            ConnOf::Sqlite(conn) => {
                let conn = conn.lock().map_err(|_| poisoned())?;
                let mut stmt = conn.prepare_cached(sql).map_err(map_sqlite_err)?;
                bind_sqlite(&mut stmt, args)?;
                let changed = stmt.raw_execute().map_err(map_sqlite_err)?;
                Ok(changed as u64)
            }
            ConnOf::Pg(conn) => {
                let mut conn = conn.lock().await;
                let done = bind_pg(sql, args).execute(conn.connection()?).await.map_err(map_pg_err)?;
                Ok(done.rows_affected())
            }
        }
    }

    /// Runs statements without arguments, separated by semicolons (migrations, pragmas).
    pub async fn batch(&self, sql: &str) -> DomainResult<()> {
        match &*self.0 {
            ConnOf::Sqlite(conn) => {
                let conn = conn.lock().map_err(|_| poisoned())?;
                conn.execute_batch(sql).map_err(map_sqlite_err)
            }
            ConnOf::Pg(conn) => {
                use sqlx::Executor as _;
                let mut conn = conn.lock().await;
                conn.connection()?.execute(sqlx::raw_sql(sqlx::AssertSqlSafe(sql))).await.map_err(map_pg_err)?;
                Ok(())
            }
        }
    }

    /// Runs `f` with the SQLite connection itself (backups, checks, bulk loading); `None` on
    /// PostgreSQL.
    pub fn with_sqlite<T>(&self, f: impl FnOnce(&rusqlite::Connection) -> T) -> DomainResult<Option<T>> {
        match &*self.0 {
            ConnOf::Sqlite(conn) => {
                let conn = conn.lock().map_err(|_| poisoned())?;
                Ok(Some(f(&conn)))
            }
            ConnOf::Pg(_) => Ok(None),
        }
    }

    /// Loads rows into a table with PostgreSQL's `COPY … FROM STDIN` (text format; the caller
    /// escapes the data). For bulk loading; an error on SQLite.
    pub async fn copy_in(&self, statement: &str, data: &[u8]) -> DomainResult<u64> {
        match &*self.0 {
            ConnOf::Sqlite(_) => Err(DomainError::Internal("COPY is PostgreSQL's".into())),
            ConnOf::Pg(conn) => {
                let mut conn = conn.lock().await;
                let mut copy = conn.connection()?.copy_in_raw(statement).await.map_err(map_pg_err)?;
                copy.send(data).await.map_err(map_pg_err)?;
                copy.finish().await.map_err(map_pg_err)
            }
        }
    }

    /// A statement on the SQLite connection, synchronously (transaction control); a no-op on
    /// PostgreSQL.
    fn sqlite_batch(&self, sql: &str) -> DomainResult<()> {
        match &*self.0 {
            ConnOf::Sqlite(conn) => {
                let conn = conn.lock().map_err(|_| poisoned())?;
                if sql == "ROLLBACK" && conn.is_autocommit() {
                    return Ok(());
                }
                conn.execute_batch(sql).map_err(map_sqlite_err)
            }
            ConnOf::Pg(_) => Ok(()),
        }
    }

    async fn commit_pg(&self) -> DomainResult<()> {
        match &*self.0 {
            ConnOf::Sqlite(_) => Ok(()),
            ConnOf::Pg(conn) => {
                let mut conn = conn.lock().await;
                match &mut *conn {
                    PgConn::Tx(tx) => match tx.take() {
                        Some(tx) => tx.commit().await.map_err(map_pg_err),
                        None => Ok(()),
                    },
                    PgConn::Plain(_) => Ok(()),
                }
            }
        }
    }
}

impl crate::db::Db {
    /// Runs `f` on one connection, outside a transaction: a page's reads on one checkout.
    pub(crate) async fn read<T, F, Fut>(&self, f: F) -> DomainResult<T>
    where
        F: FnOnce(Conn) -> Fut + Send,
        Fut: Future<Output = DomainResult<T>> + Send,
        T: Send,
    {
        self.run(false, f).await
    }

    /// Runs `f` in one transaction, committed when it returns `Ok` and rolled back otherwise
    /// (or when it panics, or is cancelled). On SQLite it starts with `BEGIN IMMEDIATE`, so
    /// that writers queue on the busy timeout instead of failing when a read lock upgrades.
    pub(crate) async fn write<T, F, Fut>(&self, f: F) -> DomainResult<T>
    where
        F: FnOnce(Conn) -> Fut + Send,
        Fut: Future<Output = DomainResult<T>> + Send,
        T: Send,
    {
        self.run(true, f).await
    }

    async fn run<T, F, Fut>(&self, transaction: bool, f: F) -> DomainResult<T>
    where
        F: FnOnce(Conn) -> Fut + Send,
        Fut: Future<Output = DomainResult<T>> + Send,
        T: Send,
    {
        match self {
            crate::db::Db::Sqlite(lite) => on_this_thread(transaction, || {
                let pooled = lite.pool.get().map_err(|e| DomainError::Unavailable(e.to_string()))?;
                lite.prepare(&pooled)?;
                if transaction {
                    pooled.execute_batch("BEGIN IMMEDIATE").map_err(map_sqlite_err)?;
                }
                let conn = Conn::sqlite(pooled);
                let result = drive(f(conn.clone()));
                if !transaction {
                    return result;
                }
                let result = result.and_then(|value| conn.sqlite_batch("COMMIT").map(|()| value));
                if result.is_err() {
                    // If even the rollback fails, the connection is not pooled again (see
                    // `SqliteManager::has_broken`).
                    let _ = conn.sqlite_batch("ROLLBACK");
                }
                result
            }),
            crate::db::Db::Postgres(pool) => {
                let conn = if transaction {
                    PgConn::Tx(Some(pool.begin().await.map_err(map_pg_err)?))
                } else {
                    PgConn::Plain(pool.acquire().await.map_err(map_pg_err)?)
                };
                let conn = Conn::pg(conn);
                let value = f(conn.clone()).await?;
                if transaction {
                    conn.commit_pg().await?;
                }
                Ok(value)
            }
        }
    }
}

/// Runs SQLite's statements on the request's own thread. Reads simply run: in WAL mode a
/// reader never waits for a lock, and a page's reads take microseconds to a few milliseconds
/// of CPU, like rendering its template (handing them to another thread cost more than the
/// reads: the idea list at 16 connections went from about 1,300 to 1,900 requests/s and its
/// p99 from 40 to 18 ms). Writes may wait up to the busy timeout for another writer, so on the
/// multi-threaded runtime the thread first hands its other tasks to another worker
/// (`block_in_place`) and nothing else waits behind it; on a single-threaded runtime (some
/// tools and tests) they simply run.
fn on_this_thread<T>(may_wait: bool, work: impl FnOnce() -> T) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    if !may_wait {
        return work();
    }
    match Handle::try_current().map(|h| h.runtime_flavor()) {
        Ok(RuntimeFlavor::MultiThread) => tokio::task::block_in_place(work),
        _ => work(),
    }
}

/// Drives a method's block to its end. On SQLite every await in it is already complete, so
/// one poll finishes it; should it wait on something else, the runtime drives it on.
fn drive<F: Future>(future: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => value,
        Poll::Pending => tokio::runtime::Handle::current().block_on(future),
    }
}
