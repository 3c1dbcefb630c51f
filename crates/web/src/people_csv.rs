//! The people file (`navn;email;organisation;grupper;roller`) read and written, for the
//! administration's import and export, the API and the command line alike. Danish headers, or
//! English ones (name, email, organization, groups, roles); `;` or `,` as separator (Danish
//! Excel writes `;`); a byte order mark is skipped. Cells that a spreadsheet would run as a
//! formula are written inert.

use idespor_domain::people::{HEADER, PersonRow};

/// The largest people file read (bytes).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// A file that cannot be read as a table: the line and what is wrong (an i18n key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvProblem {
    pub line: u64,
    pub key: &'static str,
}

fn column(headers: &csv::StringRecord, names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| names.iter().any(|n| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(n)))
}

pub fn parse(text: &str) -> Result<Vec<PersonRow>, CsvProblem> {
    if text.len() > MAX_BYTES {
        return Err(CsvProblem { line: 0, key: "people-csv-too_large" });
    }
    let text = text.trim_start_matches('\u{feff}');
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() >= first_line.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(false).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|_| CsvProblem { line: 1, key: "people-csv-unreadable" })?.clone();
    let need = |names: &[&str]| column(&headers, names).ok_or(CsvProblem { line: 1, key: "people-csv-columns" });
    let name = need(&["navn", "name"])?;
    let email = need(&["email", "e-mail", "mail"])?;
    let organization = need(&["organisation", "organization", "kommunekode", "cvr"])?;
    let groups = column(&headers, &["grupper", "groups"]);
    let roles = column(&headers, &["roller", "roles"]);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| CsvProblem {
            line: e.position().map(|p| p.line()).unwrap_or(0),
            key: "people-csv-unreadable",
        })?;
        let get = |i: usize| record.get(i).unwrap_or("").trim().to_string();
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push(PersonRow {
            line: record.position().map(|p| p.line()).unwrap_or(0),
            name: get(name),
            email: get(email),
            organization: get(organization),
            groups: groups.map(get).unwrap_or_default(),
            roles: roles.map(get),
        });
        if rows.len() > idespor_domain::people::MAX_ROWS {
            return Err(CsvProblem { line: 0, key: "people-csv-too_many" });
        }
    }
    Ok(rows)
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return at the
/// start) gets an apostrophe first.
fn inert(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() }
}

/// The file export writes (with a byte order mark, so that Excel reads æ, ø and å).
pub fn write(rows: &[PersonRow]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(&mut out);
        let _ = writer.write_record(HEADER);
        for r in rows {
            let _ = writer.write_record([
                inert(&r.name),
                inert(&r.email),
                inert(&r.organization),
                inert(&r.groups),
                inert(r.roles.as_deref().unwrap_or("")),
            ]);
        }
        let _ = writer.flush();
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_with_danish_or_english_headers_and_either_separator() {
        let danish = "\u{feff}navn;email;organisation;grupper;roller\nAnne Jensen;anne@varde.dk;573;Erfagruppe Syd:tovholder;\n\n";
        let rows = parse(danish).unwrap();
        assert_eq!(rows.len(), 1, "empty lines are skipped");
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].groups, "Erfagruppe Syd:tovholder");
        assert_eq!(rows[0].roles.as_deref(), Some(""));
        let english = "name,email,organization\n\"Jensen, Anne\",anne@varde.dk,29189919\n";
        let rows = parse(english).unwrap();
        assert_eq!(rows[0].name, "Jensen, Anne");
        assert_eq!(rows[0].roles, None, "no roles column: roles are left as they are");
        assert_eq!(parse("navn;email\nA;a@b.dk\n").unwrap_err().key, "people-csv-columns");
        assert_eq!(parse("navn;email;organisation\nA;a@b.dk;573;extra\n").unwrap_err().line, 2);
    }

    #[test]
    fn what_export_writes_import_reads_back_and_formulas_are_inert() {
        let rows = vec![PersonRow {
            line: 0,
            name: "=HYPERLINK(\"http://evil\")".into(),
            email: "a@b.dk".into(),
            organization: "573".into(),
            groups: "Erfagruppe Syd:tovholder|Tovholdergruppen".into(),
            roles: Some("administrator".into()),
        }];
        let bytes = write(&rows);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("'=HYPERLINK"), "{text}");
        let back = parse(&text).unwrap();
        assert_eq!(back[0].groups, rows[0].groups);
        assert_eq!(back[0].roles, rows[0].roles);
        assert_eq!(back[0].name, "'=HYPERLINK(\"http://evil\")");
    }
}
