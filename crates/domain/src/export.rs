//! Exports: ideas, their moves, decisions and a round's ballots as tables with typed cells,
//! which the web layer writes as CSV and XLSX with translated headers.

use jiff::Timestamp;
use serde::Serialize;

/// One cell, typed so that a spreadsheet gets numbers as numbers and times as times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Cell {
    Text(String),
    /// A translation key (`status-delivered`), written in the reader's language.
    Label(String),
    Int(i64),
    Time(Timestamp),
    /// Several things in one cell, each a text with an optional translated label after it in
    /// brackets ("Medicinoverblik (Prioriteret)"), separated by semicolons.
    List(Vec<(String, Option<String>)>),
    /// A reason: a standard decline reason's code (written in the reader's language) and the
    /// decider's own words.
    Reason(Option<String>, String),
    Empty,
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}
impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Int(n)
    }
}
impl From<Timestamp> for Cell {
    fn from(t: Timestamp) -> Self {
        Cell::Time(t)
    }
}
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Empty, Into::into)
    }
}

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    Ideas,
    Moves,
    Decisions,
}

impl ExportKind {
    pub const ALL: [ExportKind; 3] = [Self::Ideas, Self::Moves, Self::Decisions];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ideas => "ideas",
            Self::Moves => "moves",
            Self::Decisions => "decisions",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A table: `headers` are i18n keys (`export-col-…`) or literal texts (`=…`, e.g. an idea's
/// title as a ballot column); every row has as many cells as there are headers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// The file and sheet name, e.g. `ideer`.
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}
