//! Reading organizations from CSV: the reference data shipped with Idéspor, and files given to
//! `idespor import organizations`. Danish headers (kode, navn, officielt_navn, cvr, region,
//! type) or English ones; `,` or `;` as separator (Danish Excel writes `;`).

use idespor_domain::org::OrganizationForm;
use idespor_domain::service::ImportRow;

#[derive(Debug)]
pub struct CsvError {
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for CsvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

fn column(headers: &csv::StringRecord, names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| names.iter().any(|n| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(n)))
}

/// Parses CSV text into rows to import. `default_kind` is used when there is no kind column.
pub fn parse_organizations(text: &str, default_kind: &str) -> Result<Vec<ImportRow>, CsvError> {
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(false).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| CsvError { line: 1, message: e.to_string() })?.clone();
    let name =
        column(&headers, &["navn", "name"]).ok_or(CsvError { line: 1, message: "no column navn/name".into() })?;
    let code = column(&headers, &["kode", "code", "kommunekode"]);
    let official = column(&headers, &["officielt_navn", "official_name"]);
    let cvr = column(&headers, &["cvr"]);
    let region = column(&headers, &["region", "region_code", "regionskode"]);
    let kind = column(&headers, &["type", "kind"]);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record
            .map_err(|e| CsvError { line: e.position().map(|p| p.line()).unwrap_or(0), message: e.to_string() })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim().to_string();
        let kind_value = get(kind);
        rows.push(ImportRow {
            line,
            form: OrganizationForm {
                kind: if kind_value.is_empty() { default_kind.to_string() } else { kind_value },
                name: get(Some(name)),
                official_name: get(official),
                code: get(code),
                cvr: get(cvr),
                region_id: get(region),
            },
        });
    }
    Ok(rows)
}

/// The 5 regions, shipped with Idéspor (source: data/SOURCES.md).
pub const REGIONS_CSV: &str = include_str!("../data/regioner.csv");
/// The 98 municipalities with official names and CVR numbers (source: data/SOURCES.md).
pub const MUNICIPALITIES_CSV: &str = include_str!("../data/kommuner_udvidet.csv");

/// An import's refusal in Danish words for the operator, naming the line and, for a field, the
/// column as the file names it (never a debug dump of the error).
pub fn refusal(file: &std::path::Path, line: u64, error: &idespor_domain::DomainError) -> String {
    use idespor_domain::user::Language;
    use idespor_web::i18n::{field_message, t};
    let column = |field: &str| {
        match field {
            "code" => "kode",
            "name" => "navn",
            "official_name" => "officielt_navn",
            "cvr" => "cvr",
            "region_id" => "region",
            "kind" => "type",
            other => other,
        }
        .to_string()
    };
    let what = match error {
        idespor_domain::DomainError::Invalid(errors) => errors
            .0
            .iter()
            .map(|e| format!("{}: {}", column(e.field), field_message(Language::Da, e)))
            .collect::<Vec<_>>()
            .join("; "),
        other => t(Language::Da, &idespor_web::error::message_key(other)),
    };
    let place = if line > 0 { format!("{}, linje {line}", file.display()) } else { file.display().to_string() };
    format!("{place}: {what} Intet blev importeret.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_data_parses() {
        let regions = parse_organizations(REGIONS_CSV, "region").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(regions.len(), 5);
        let municipalities = parse_organizations(MUNICIPALITIES_CSV, "municipality").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(municipalities.len(), 98);
        for row in &municipalities {
            assert!(row.form.parse().is_ok(), "line {} does not parse: {:?}", row.line, row.form);
        }
    }

    #[test]
    fn semicolons_and_line_numbers() {
        let rows = parse_organizations("kode;navn;region\n0573;Varde;1083\n101;København;1084\n", "municipality")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rows[0].form.code, "0573");
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[1].line, 3);
    }
}
