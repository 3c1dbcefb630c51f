//! A person's copy of their data as a ZIP: `idespor-data.json` (everything, by section, for
//! machines) and `index.html` (the same as readable tables in the person's language, a page
//! that opens offline without scripts or outside resources). Made at download time from the
//! gathered data, so the words follow the language the person reads in when they download.

use crate::i18n;
use askama::Template;
use idespor_domain::privacy::SECTIONS;
use idespor_domain::user::Language;
use serde_json::{Map, Value};
use std::io::Write;

/// One section as a table: its column names and its rows of cell texts.
pub struct Table {
    pub key: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Template)]
#[template(path = "data_export.html")]
struct Summary<'a> {
    lang: &'a str,
    title: String,
    intro: String,
    empty: String,
    tables: Vec<Table>,
}

fn text_of(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(true) => "✓".into(),
        Value::Bool(false) => "–".into(),
        other => other.to_string(),
    }
}

/// The sections as tables, in the order of `SECTIONS`.
pub fn tables(lang: Language, data: &Map<String, Value>) -> Vec<Table> {
    SECTIONS
        .iter()
        .map(|key| {
            let records = data.get(*key).and_then(Value::as_array).cloned().unwrap_or_default();
            let columns: Vec<String> =
                records.first().and_then(Value::as_object).map(|o| o.keys().cloned().collect()).unwrap_or_default();
            let rows = records
                .iter()
                .filter_map(Value::as_object)
                .map(|o| columns.iter().map(|c| o.get(c).map(text_of).unwrap_or_default()).collect())
                .collect();
            Table { key, title: i18n::t(lang, &format!("my-data-section-{key}")), columns, rows }
        })
        .collect()
}

/// The ZIP with the data as JSON and as a readable page.
pub fn archive(lang: Language, data: &Map<String, Value>) -> Result<Vec<u8>, String> {
    let json = serde_json::to_string_pretty(data).map_err(|e| e.to_string())?;
    let summary = Summary {
        lang: lang.as_str(),
        title: i18n::t(lang, "my-data-file-title"),
        intro: i18n::t(lang, "my-data-file-intro"),
        empty: i18n::t(lang, "my-data-file-empty"),
        tables: tables(lang, data),
    }
    .render()
    .map_err(|e| e.to_string())?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in [("index.html", summary.as_bytes()), ("idespor-data.json", json.as_bytes())] {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(body).map_err(|e| e.to_string())?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

/// The copy as a download, or the failure logged and answered 500.
pub fn download(lang: Language, data: &Map<String, Value>) -> axum::response::Response {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;
    match archive(lang, data) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/zip"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"idespor-mine-data.zip\""),
            ],
            bytes,
        )
            .into_response(),
        Err(err) => {
            tracing::error!(error = %err, "the copy of a person's data could not be packed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
