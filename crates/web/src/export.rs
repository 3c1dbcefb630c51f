//! Writing export tables: CSV for any tool (UTF-8 with a byte-order mark and `;` between fields,
//! so Danish Excel reads æ, ø and å and splits the columns) and XLSX with typed cells (numbers
//! as numbers, times as Copenhagen times), both with translated headers.

use crate::i18n::{copenhagen, t};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use idespor_domain::export::{Cell, Table};
use idespor_domain::user::Language;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A file format for exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    Xlsx,
}

impl FileFormat {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "csv" => Some(Self::Csv),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }
}

fn header_text(lang: Language, key: &str) -> String {
    match key.strip_prefix('=') {
        Some(literal) => literal.to_string(),
        None => t(lang, key),
    }
}

fn local(ts: jiff::Timestamp) -> jiff::civil::DateTime {
    ts.to_zoned_datetime(copenhagen().clone()).datetime()
}

/// Text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading
/// apostrophe, so that what people typed is shown, never run.
fn inert(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() }
}

/// A list cell as a person reads it: "Medicinoverblik (Prioriteret); Kørelister".
fn list_text(lang: Language, items: &[(String, Option<String>)]) -> String {
    items
        .iter()
        .map(|(text, label)| match label {
            Some(key) => format!("{text} ({})", t(lang, key)),
            None => text.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn to_csv(table: &Table, lang: Language) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(&mut out);
        let _ = writer.write_record(table.headers.iter().map(|h| header_text(lang, h)));
        for row in &table.rows {
            let _ = writer.write_record(row.iter().map(|c| match c {
                Cell::Text(s) => inert(s),
                Cell::Label(key) => t(lang, key),
                Cell::List(items) => inert(&list_text(lang, items)),
                Cell::Reason(code, words) => inert(&crate::i18n::reason_text(lang, code.as_deref(), words)),
                Cell::Int(n) => n.to_string(),
                Cell::Time(ts) => local(*ts).strftime("%Y-%m-%d %H:%M").to_string(),
                Cell::Empty => String::new(),
            }));
        }
        let _ = writer.flush();
    }
    out
}

pub fn to_xlsx(table: &Table, lang: Language) -> Result<Vec<u8>, String> {
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(table.name.chars().take(31).collect::<String>()).map_err(e)?;
    let bold = Format::new().set_bold();
    let time = Format::new().set_num_format("dd-mm-yyyy hh:mm");
    for (col, h) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, header_text(lang, h), &bold).map_err(e)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(s) => {
                    // A workbook is XML: what XML cannot carry is left out (see `xml_text`).
                    sheet.write_string(r, col, crate::encode::xml_text(s)).map_err(e)?;
                }
                Cell::Label(key) => {
                    sheet.write_string(r, col, t(lang, key)).map_err(e)?;
                }
                Cell::List(items) => {
                    sheet.write_string(r, col, crate::encode::xml_text(&list_text(lang, items))).map_err(e)?;
                }
                Cell::Reason(code, words) => {
                    let text = crate::i18n::reason_text(lang, code.as_deref(), words);
                    sheet.write_string(r, col, crate::encode::xml_text(&text)).map_err(e)?;
                }
                Cell::Int(n) => {
                    sheet.write_number(r, col, *n as f64).map_err(e)?;
                }
                Cell::Time(ts) => {
                    let d = local(*ts);
                    let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                        .and_then(|x| x.and_hms(d.hour() as u16, d.minute() as u8, d.second() as f64))
                        .map_err(e)?;
                    sheet.write_datetime_with_format(r, col, &dt, &time).map_err(e)?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(e)?;
    workbook.save_to_buffer().map_err(e)
}

/// The file as a download.
pub fn download(table: &Table, lang: Language, format: FileFormat) -> Response {
    let (body, content_type, ext) = match format {
        FileFormat::Csv => (to_csv(table, lang), "text/csv; charset=utf-8", "csv"),
        FileFormat::Xlsx => match to_xlsx(table, lang) {
            Ok(bytes) => (bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            Err(err) => {
                tracing::error!(error = %err, "export failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        },
    };
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}.{ext}\"", table.name)),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn text_a_spreadsheet_would_run_is_written_inert() {
        let table = Table {
            name: "ideer".into(),
            headers: vec!["=Titel".into()],
            rows: vec![
                vec![Cell::Text("=HYPERLINK(\"http://evil\")".into())],
                vec![Cell::Text("-2+3".into())],
                vec![Cell::Text("Almindelig tekst æøå".into())],
            ],
        };
        let csv = String::from_utf8(to_csv(&table, Language::Da)[3..].to_vec()).unwrap();
        let lines: Vec<_> = csv.lines().collect();
        assert_eq!(lines[0], "Titel");
        assert!(lines[1].starts_with("\"'=HYPERLINK") || lines[1].starts_with("'=HYPERLINK"), "{}", lines[1]);
        assert_eq!(lines[2], "'-2+3");
        assert_eq!(lines[3], "Almindelig tekst æøå");
    }
}
