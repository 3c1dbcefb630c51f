//! Storage for Idéspor: the domain's [`Store`] trait on SQLite (the default) and PostgreSQL.
//!
//! The SQL is written once: both pools run the same statements (`$1` placeholders work on both),
//! dispatched by the `with_db!` macro, which expands one body per backend. Where the dialects
//! differ, a statement gets explicit arms. Driver errors never leave this crate: unique
//! violations become field errors or conflicts, lost connections `Unavailable`.

mod accounts;
mod backup;
pub mod bulk;
mod community;
mod db;
mod exports;
mod figures;
mod housekeeping;
mod ideas;
mod inspect;
mod mail;
mod meetings;
mod moderation;
mod notifications;
mod roadmap;
mod rounds;
mod rows;
mod sql;
mod sso;
mod store;
mod two_factor;
mod writes;

pub use backup::check_sqlite_copy;
pub use db::{Backend, Db, SqliteDb, connect, migrate};
pub use inspect::{SchemaColumn, SchemaIndex};
pub use store::SqlStore;
