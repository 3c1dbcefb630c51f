//! Looking into the database from outside the domain: for operators' tools (backup checks) and
//! for tests that compare what is stored with what was asked for. Statements take text
//! arguments only and answer in text or integers; nothing here is used by the product's pages.

use crate::db::{Backend, Db};
use crate::sql::Arg;
use idespor_domain::DomainResult;

/// A table's column as the schema declares it, in words both databases share.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SchemaColumn {
    pub table: String,
    pub column: String,
    /// `integer`, `text`, `real` or `boolean`.
    pub kind: String,
    pub nullable: bool,
}

/// An index: its table, name, whether it is unique, and its columns (or expressions) in order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SchemaIndex {
    pub table: String,
    pub name: String,
    pub unique: bool,
    pub columns: Vec<String>,
    /// The condition of a partial index, normalized to lower case without spaces or quotes.
    pub condition: Option<String>,
}

/// Maps a declared type to the words both backends share.
fn kind_of(declared: &str) -> String {
    let t = declared.to_ascii_lowercase();
    if t.contains("int") || t.contains("serial") {
        "integer".into()
    } else if t.contains("bool") {
        "boolean".into()
    } else if t.contains("real") || t.contains("double") || t.contains("float") || t.contains("numeric") {
        "real".into()
    } else {
        "text".into()
    }
}

/// A partial index's condition without what only one database writes: spaces, quotes,
/// parentheses and PostgreSQL's casts (`'coordinator'::text`).
fn normalize_condition(text: &str) -> String {
    let plain: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '"' && *c != '(' && *c != ')')
        .collect::<String>()
        .to_lowercase();
    let mut out = String::with_capacity(plain.len());
    let mut rest = plain.as_str();
    while let Some(at) = rest.find("::") {
        out.push_str(&rest[..at]);
        rest = rest[at + 2..].trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == ' ');
    }
    out.push_str(rest);
    out
}

impl Db {
    /// The first column of every row, as text.
    pub async fn texts(&self, sql: &str, args: &[&str]) -> DomainResult<Vec<String>> {
        let args: Vec<Arg<'_>> = args.iter().map(|a| Arg::Text(Some(a))).collect();
        self.read(|c| async move { c.all(sql, &args, |r| r.text(0)).await }).await
    }

    /// Every row with every column read as text (the statement casts: SQLite's `quote()`,
    /// PostgreSQL's `CAST(… AS TEXT)`).
    pub async fn text_rows(&self, sql: &str, columns: usize) -> DomainResult<Vec<Vec<Option<String>>>> {
        self.read(|c| async move { c.all(sql, &[], |r| (0..columns).map(|i| r.opt_text(i)).collect()).await }).await
    }

    /// Every row with every column read as an integer.
    pub async fn int_rows(&self, sql: &str, columns: usize) -> DomainResult<Vec<Vec<i64>>> {
        self.read(|c| async move { c.all(sql, &[], |r| (0..columns).map(|i| r.i64(i)).collect()).await }).await
    }

    /// The one integer a statement gives (a count).
    pub async fn count(&self, sql: &str, args: &[&str]) -> DomainResult<i64> {
        let args: Vec<Arg<'_>> = args.iter().map(|a| Arg::Text(Some(a))).collect();
        self.read(|c| async move { c.int(sql, &args).await }).await
    }

    /// Runs statements without arguments (a checkpoint, say).
    pub async fn execute(&self, sql: &str) -> DomainResult<()> {
        self.read(|c| async move { c.batch(sql).await }).await
    }

    /// The tables of Idéspor's schema (not the migrations' own table), by name.
    pub async fn tables(&self) -> DomainResult<Vec<String>> {
        let sql = match self.backend() {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                 AND name NOT LIKE '_sqlx%' ORDER BY name"
            }
            Backend::Postgres => {
                "SELECT table_name::TEXT FROM information_schema.tables WHERE table_schema = 'public' \
                 AND table_type = 'BASE TABLE' AND table_name NOT LIKE '_sqlx%' ORDER BY 1"
            }
        };
        self.texts(sql, &[]).await
    }

    /// A table's columns, in order.
    pub async fn columns(&self, table: &str) -> DomainResult<Vec<SchemaColumn>> {
        let table = table.to_string();
        let backend = self.backend();
        self.read(|c| async move {
            match backend {
                Backend::Sqlite => {
                    c.all(
                        "SELECT name, type, \"notnull\", pk FROM pragma_table_info($1) ORDER BY cid",
                        &[Arg::Text(Some(&table))],
                        |r| {
                            Ok(SchemaColumn {
                                table: table.clone(),
                                column: r.text(0)?,
                                kind: kind_of(&r.text(1)?),
                                // A primary key column is never null, declared so or not.
                                nullable: !r.bool(2)? && !r.bool(3)?,
                            })
                        },
                    )
                    .await
                }
                Backend::Postgres => {
                    c.all(
                        "SELECT column_name::TEXT, data_type::TEXT, is_nullable::TEXT FROM information_schema.columns \
                         WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
                        &[Arg::Text(Some(&table))],
                        |r| {
                            Ok(SchemaColumn {
                                table: table.clone(),
                                column: r.text(0)?,
                                kind: kind_of(&r.text(1)?),
                                nullable: r.text(2)? == "YES",
                            })
                        },
                    )
                    .await
                }
            }
        })
        .await
    }

    /// The indexes made by the schema's own statements (not those the database makes for a
    /// primary key or a unique constraint by itself), with their columns.
    pub async fn indexes(&self) -> DomainResult<Vec<SchemaIndex>> {
        let backend = self.backend();
        self.read(|c| async move {
            match backend {
                Backend::Sqlite => {
                    let list = c
                        .all(
                            "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
                             ORDER BY name",
                            &[],
                            |r| Ok((r.text(0)?, r.text(1)?, r.text(2)?)),
                        )
                        .await?;
                    let mut out = Vec::new();
                    for (table, name, sql) in list {
                        let columns = c
                            .all("SELECT name FROM pragma_index_xinfo($1) WHERE key = 1 ORDER BY seqno", &[Arg::Text(Some(&name))], |r| {
                                Ok(r.opt_text(0)?.unwrap_or_else(|| "<expression>".into()))
                            })
                            .await?;
                        let upper = sql.to_ascii_uppercase();
                        let condition = upper.find(" WHERE ").map(|at| normalize_condition(&sql[at + 7..]));
                        out.push(SchemaIndex { table, name, unique: upper.starts_with("CREATE UNIQUE"), columns, condition });
                    }
                    Ok(out)
                }
                Backend::Postgres => {
                    let list = c
                        .all(
                            "SELECT t.relname::TEXT, i.relname::TEXT, x.indisunique, \
                             pg_get_indexdef(x.indexrelid)::TEXT, pg_get_expr(x.indpred, x.indrelid)::TEXT, \
                             ARRAY(SELECT COALESCE(a.attname::TEXT, '<expression>') FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n) \
                                   LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum \
                                   WHERE k.n <= x.indnkeyatts ORDER BY k.n)::TEXT \
                             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid \
                             JOIN pg_namespace ns ON ns.oid = t.relnamespace \
                             LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid \
                             WHERE ns.nspname = 'public' AND con.oid IS NULL AND t.relname NOT LIKE '_sqlx%' \
                             ORDER BY 2",
                            &[],
                            |r| {
                                let columns = r.text(5)?;
                                let columns = columns
                                    .trim_matches(|c| c == '{' || c == '}')
                                    .split(',')
                                    .filter(|s| !s.is_empty())
                                    .map(|s| s.trim_matches('"').to_string())
                                    .collect();
                                Ok(SchemaIndex {
                                    table: r.text(0)?,
                                    name: r.text(1)?,
                                    unique: r.bool(2)?,
                                    columns,
                                    condition: r.opt_text(4)?.map(|c| normalize_condition(&c)),
                                })
                            },
                        )
                        .await?;
                    Ok(list)
                }
            }
        })
        .await
    }

    /// Sets SQLite's `query_only` on every connection of the pool: writes fail with
    /// SQLITE_READONLY as on a read-only file system (which Linux will not remount under an open
    /// database). For the fault tests; a no-op on PostgreSQL.
    pub async fn sqlite_query_only(&self, on: bool) -> DomainResult<()> {
        if let Db::Sqlite(lite) = self {
            lite.set_query_only(on);
        }
        Ok(())
    }
}
