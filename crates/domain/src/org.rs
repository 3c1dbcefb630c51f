//! Organizations: the municipalities, regions and the vendor of a community.

use crate::error::{DomainResult, FieldErrors};
use crate::ids::OrgId;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 120;
pub const OFFICIAL_NAME_MAX: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Municipality,
    Region,
    Vendor,
}

impl OrgKind {
    pub const ALL: [OrgKind; 3] = [OrgKind::Municipality, OrgKind::Region, OrgKind::Vendor];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Municipality => "municipality",
            Self::Region => "region",
            Self::Vendor => "vendor",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organization {
    pub id: OrgId,
    pub kind: OrgKind,
    pub name: String,
    pub official_name: String,
    /// The official code: a municipality's 3-digit kommunekode, a region's 4-digit code.
    pub code: Option<String>,
    pub cvr: Option<String>,
    pub region_id: Option<OrgId>,
    pub created_at: Timestamp,
    /// Its people sign in through single sign-on only (an administrator sets it).
    pub sso_required: bool,
}

/// An organization as a filter offers it: its name alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgChoice {
    pub id: OrgId,
    pub name: String,
}

/// A parsed organization, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationInput {
    pub kind: OrgKind,
    pub name: String,
    pub official_name: String,
    pub code: Option<String>,
    pub cvr: Option<String>,
    pub region_id: Option<OrgId>,
}

/// The raw text of an organization as typed in a form, an API body or a CSV row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrganizationForm {
    pub kind: String,
    pub name: String,
    pub official_name: String,
    pub code: String,
    pub cvr: String,
    pub region_id: String,
}

impl OrganizationForm {
    pub fn from_org(org: &Organization) -> Self {
        Self {
            kind: org.kind.as_str().into(),
            name: org.name.clone(),
            official_name: org.official_name.clone(),
            code: org.code.clone().unwrap_or_default(),
            cvr: org.cvr.clone().unwrap_or_default(),
            region_id: org.region_id.map(|r| r.to_string()).unwrap_or_default(),
        }
    }

    /// Parses every field and reports every problem at once.
    pub fn parse(&self) -> DomainResult<OrganizationInput> {
        let mut errors = FieldErrors::new();
        let kind = OrgKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add("kind", "kind_unknown");
        }
        let name = self.name.trim().to_string();
        if name.is_empty() {
            errors.add("name", "required");
        } else {
            crate::text::check_line(&mut errors, "name", &name, NAME_MAX);
        }
        let official_name = self.official_name.trim().to_string();
        crate::text::check_line(&mut errors, "official_name", &official_name, OFFICIAL_NAME_MAX);
        let code = match kind {
            Some(kind) => match parse_code(kind, self.code.trim()) {
                Ok(code) => code,
                Err(code) => {
                    errors.add("code", code);
                    None
                }
            },
            None => None,
        };
        let cvr = self.cvr.trim().replace(' ', "");
        let cvr = if cvr.is_empty() {
            None
        } else if cvr.len() == 8 && cvr.bytes().all(|b| b.is_ascii_digit()) {
            Some(cvr)
        } else {
            errors.add("cvr", "cvr_invalid");
            None
        };
        let region_id = match self.region_id.trim() {
            "" => None,
            s => match s.parse::<i64>() {
                Ok(id) => Some(OrgId(id)),
                Err(_) => {
                    errors.add("region_id", "region_unknown");
                    None
                }
            },
        };
        let official_name = if official_name.is_empty() { name.clone() } else { official_name };
        errors.into_result(()).map(|()| OrganizationInput {
            kind: kind.unwrap_or(OrgKind::Municipality),
            name,
            official_name,
            code,
            cvr,
            region_id,
        })
    }
}

/// A municipality's kommunekode has 3 digits; registers often write 4 ("0101"), which we accept.
/// A region's code has 4 digits. A vendor has none.
fn parse_code(kind: OrgKind, raw: &str) -> Result<Option<String>, &'static str> {
    let digits = raw.bytes().all(|b| b.is_ascii_digit());
    match kind {
        OrgKind::Municipality => {
            if raw.is_empty() {
                return Err("required");
            }
            let trimmed = if raw.len() == 4 && raw.starts_with('0') { &raw[1..] } else { raw };
            if digits && trimmed.len() == 3 { Ok(Some(trimmed.to_string())) } else { Err("kommunekode_invalid") }
        }
        OrgKind::Region => {
            if raw.is_empty() {
                Ok(None)
            } else if digits && raw.len() == 4 {
                Ok(Some(raw.to_string()))
            } else {
                Err("region_code_invalid")
            }
        }
        OrgKind::Vendor => {
            if raw.is_empty() {
                Ok(None)
            } else {
                Err("code_not_allowed")
            }
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgFilter {
    pub kind: Option<OrgKind>,
    pub region_id: Option<OrgId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(kind: &str, name: &str, code: &str, cvr: &str) -> OrganizationForm {
        OrganizationForm {
            kind: kind.into(),
            name: name.into(),
            code: code.into(),
            cvr: cvr.into(),
            ..Default::default()
        }
    }

    #[test]
    fn four_digit_kommunekode_is_accepted_as_three() {
        let org = form("municipality", "Varde", "0573", "29189757").parse().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(org.code.as_deref(), Some("573"));
        assert_eq!(org.official_name, "Varde");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let Err(crate::DomainError::Invalid(errors)) = form("planet", "", "x", "12").parse() else {
            panic!("expected invalid");
        };
        assert_eq!(errors.for_field("kind"), Some("kind_unknown"));
        assert_eq!(errors.for_field("name"), Some("required"));
        assert_eq!(errors.for_field("cvr"), Some("cvr_invalid"));
    }

    #[test]
    fn name_limit_is_enforced_in_characters() {
        let ok = "æ".repeat(NAME_MAX);
        assert!(form("vendor", &ok, "", "").parse().is_ok());
        let long = "æ".repeat(NAME_MAX + 1);
        let Err(crate::DomainError::Invalid(errors)) = form("vendor", &long, "", "").parse() else {
            panic!("expected invalid");
        };
        assert_eq!(errors.for_field("name"), Some("too_long"));
    }

    #[test]
    fn municipality_needs_a_kommunekode() {
        let Err(crate::DomainError::Invalid(errors)) = form("municipality", "X", "", "").parse() else {
            panic!("expected invalid");
        };
        assert_eq!(errors.for_field("code"), Some("required"));
    }
}
