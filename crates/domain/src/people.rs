//! People in bulk: a CSV file's rows (name, e-mail, organization, groups, roles), what importing
//! them would do to each (create, change, leave, or refuse, with the reasons), and the same
//! format for export. The file's columns are Danish (`navn;email;organisation;grupper;roller`),
//! English names are accepted too. `grupper` lists groups separated by `|`, each
//! `Gruppenavn` (a member) or `Gruppenavn:tovholder`; `roller` lists `administrator` and
//! `moderator` separated by `|`.

use crate::error::FieldErrors;
use crate::group::GroupRole;
use crate::ids::{GroupId, OrgId, UserId};
use serde::Serialize;

/// The most rows one import takes (a community's people fit many times over).
pub const MAX_ROWS: usize = 10_000;

/// The header of the format, as export writes it.
pub const HEADER: [&str; 5] = ["navn", "email", "organisation", "grupper", "roller"];

/// One row of the file as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PersonRow {
    /// The row's line in the file (the header is line 1).
    pub line: u64,
    pub name: String,
    pub email: String,
    /// A kommunekode or region code, a CVR number, or a name.
    pub organization: String,
    pub groups: String,
    /// `None` when the file has no roles column: the roles are then left as they are.
    pub roles: Option<String>,
}

/// What importing a row would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum RowAction {
    /// A new person, invited by mail (unless their organization signs in through its provider).
    Create,
    /// An existing person (by e-mail); the fields that change.
    Update {
        changes: Vec<&'static str>,
    },
    Unchanged,
    /// The reasons, by column.
    Refused {
        errors: FieldErrors,
    },
}

/// A row, what it names and what importing it would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRow {
    pub row: PersonRow,
    pub action: RowAction,
    pub target: Option<PersonTarget>,
}

/// A row's person as it will be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonTarget {
    pub existing: Option<UserId>,
    pub name: String,
    pub email: String,
    pub org_id: OrgId,
    /// Set when the file has a roles column.
    pub roles: Option<(bool, bool)>,
    /// Memberships to add or whose role changes (others are kept).
    pub memberships: Vec<(GroupId, GroupRole)>,
    /// Whether a new person gets an invitation mail (not when their organization requires
    /// single sign-on: they sign in through their provider).
    pub invite: bool,
}

/// `Gruppenavn` or `Gruppenavn:tovholder` (also `:koordinator`, `:coordinator`, `:medlem`,
/// `:member`); `None` for an unknown role.
pub fn group_entry(entry: &str) -> Option<(&str, GroupRole)> {
    match entry.rsplit_once(':') {
        Some((name, role)) => {
            let role = match role.trim().to_lowercase().as_str() {
                "tovholder" | "koordinator" | "coordinator" => GroupRole::Coordinator,
                "medlem" | "member" | "" => GroupRole::Member,
                _ => return None,
            };
            Some((name.trim(), role))
        }
        None => Some((entry.trim(), GroupRole::Member)),
    }
}

/// The roles column: (administrator, moderator); `None` for an unknown role.
pub fn roles(text: &str) -> Option<(bool, bool)> {
    let mut admin = false;
    let mut moderator = false;
    for role in text.split('|').map(|r| r.trim().to_lowercase()).filter(|r| !r.is_empty()) {
        match role.as_str() {
            "administrator" | "admin" => admin = true,
            "moderator" => moderator = true,
            _ => return None,
        }
    }
    Some((admin, moderator))
}

/// The roles column as export writes it.
pub fn roles_text(admin: bool, moderator: bool) -> String {
    let mut roles = Vec::new();
    if admin {
        roles.push("administrator");
    }
    if moderator {
        roles.push("moderator");
    }
    roles.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_entries_and_roles_are_read_in_danish_and_english() {
        assert_eq!(group_entry("Erfagruppe Nord"), Some(("Erfagruppe Nord", GroupRole::Member)));
        assert_eq!(group_entry(" Erfagruppe Nord : Tovholder"), Some(("Erfagruppe Nord", GroupRole::Coordinator)));
        assert_eq!(group_entry("X:coordinator"), Some(("X", GroupRole::Coordinator)));
        assert_eq!(group_entry("X:formand"), None);
        assert_eq!(roles(""), Some((false, false)));
        assert_eq!(roles("Administrator | moderator"), Some((true, true)));
        assert_eq!(roles("moderator"), Some((false, true)));
        assert_eq!(roles("superbruger"), None);
        assert_eq!(roles_text(true, true), "administrator|moderator");
        assert_eq!(roles(&roles_text(false, true)), Some((false, true)));
    }
}
