//! Groups: erfagrupper, the tovholdergruppe and the produktmanagergruppe, with their members.

use crate::error::{DomainResult, FieldErrors};
use crate::ids::{GroupId, OrgId, UserId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    Erfa,
    Steering,
    Product,
}

impl GroupKind {
    pub const ALL: [GroupKind; 3] = [GroupKind::Erfa, GroupKind::Steering, GroupKind::Product];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Erfa => "erfa",
            Self::Steering => "steering",
            Self::Product => "product",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupRole {
    Member,
    Coordinator,
}

impl GroupRole {
    pub const ALL: [GroupRole; 2] = [GroupRole::Member, GroupRole::Coordinator];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Coordinator => "coordinator",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub id: GroupId,
    pub kind: GroupKind,
    pub name: String,
    pub description: String,
    pub region_id: Option<OrgId>,
    pub created_at: Timestamp,
}

/// A group as listed: with its counts and coordinators, read in a fixed number of queries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupSummary {
    #[serde(flatten)]
    pub group: Group,
    pub member_count: i64,
    pub organization_count: i64,
    pub coordinators: Vec<PersonRef>,
}

/// A person as shown beside something: name and organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonRef {
    pub id: UserId,
    pub name: String,
    pub org_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupMember {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub org_id: Option<OrgId>,
    pub org_name: Option<String>,
    pub role: GroupRole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupInput {
    pub kind: GroupKind,
    pub name: String,
    pub description: String,
    pub region_id: Option<OrgId>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupForm {
    pub kind: String,
    pub name: String,
    pub description: String,
    pub region_id: String,
}

impl GroupForm {
    pub fn from_group(group: &Group) -> Self {
        Self {
            kind: group.kind.as_str().into(),
            name: group.name.clone(),
            description: group.description.clone(),
            region_id: group.region_id.map(|r| r.to_string()).unwrap_or_default(),
        }
    }

    pub fn parse(&self) -> DomainResult<GroupInput> {
        let mut errors = FieldErrors::new();
        let kind = GroupKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add("kind", "kind_unknown");
        }
        let name = self.name.trim().to_string();
        if name.is_empty() {
            errors.add("name", "required");
        } else {
            crate::text::check_line(&mut errors, "name", &name, NAME_MAX);
        }
        let description = self.description.trim().to_string();
        crate::text::check(&mut errors, "description", &description, DESCRIPTION_MAX);
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
        errors.into_result(()).map(|()| GroupInput {
            kind: kind.unwrap_or(GroupKind::Erfa),
            name,
            description,
            region_id,
        })
    }
}

/// Something the idea's journey needs that the community lacks, for the administrators to fix
/// (shown on the administration's front page until it is fixed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum SetupWarning {
    /// No erfagruppe: ideas have nowhere to be submitted.
    NoErfaGroup,
    /// No tovholdergruppe: forwarded ideas have no one to decide on them.
    NoSteeringGroup,
    /// No produktmanagergruppe: ideas sent to product management reach no one.
    NoProductGroup,
    /// A group without a coordinator: nobody can move its ideas or plan its meetings.
    NoCoordinator { group: GroupId, name: String },
}

impl SetupWarning {
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoErfaGroup => "no_erfa_group",
            Self::NoSteeringGroup => "no_steering_group",
            Self::NoProductGroup => "no_product_group",
            Self::NoCoordinator { .. } => "no_coordinator",
        }
    }
}

/// What the journey lacks, in the order an administrator would fix it.
pub fn setup_warnings(groups: &[GroupSummary]) -> Vec<SetupWarning> {
    let has = |kind: GroupKind| groups.iter().any(|g| g.group.kind == kind);
    let mut warnings = Vec::new();
    if !has(GroupKind::Erfa) {
        warnings.push(SetupWarning::NoErfaGroup);
    }
    if !has(GroupKind::Steering) {
        warnings.push(SetupWarning::NoSteeringGroup);
    }
    if !has(GroupKind::Product) {
        warnings.push(SetupWarning::NoProductGroup);
    }
    warnings.extend(
        groups
            .iter()
            .filter(|g| g.coordinators.is_empty())
            .map(|g| SetupWarning::NoCoordinator { group: g.group.id, name: g.group.name.clone() }),
    );
    warnings
}

#[cfg(test)]
mod setup_tests {
    use super::*;

    fn summary(id: i64, kind: GroupKind, coordinated: bool) -> GroupSummary {
        GroupSummary {
            group: Group {
                id: GroupId(id),
                kind,
                name: format!("Gruppe {id}"),
                description: String::new(),
                region_id: None,
                created_at: Timestamp::UNIX_EPOCH,
            },
            member_count: 1,
            organization_count: 1,
            coordinators: if coordinated {
                vec![PersonRef { id: UserId(1), name: "Hanne".into(), org_name: None }]
            } else {
                Vec::new()
            },
        }
    }

    #[test]
    fn a_new_community_is_told_everything_the_journey_lacks() {
        let codes = |groups: &[GroupSummary]| setup_warnings(groups).iter().map(SetupWarning::code).collect::<Vec<_>>();
        assert_eq!(codes(&[]), ["no_erfa_group", "no_steering_group", "no_product_group"]);
        let complete = [
            summary(1, GroupKind::Erfa, true),
            summary(2, GroupKind::Steering, true),
            summary(3, GroupKind::Product, true),
        ];
        assert!(setup_warnings(&complete).is_empty());
        let mut lacking = complete.to_vec();
        lacking[0].coordinators.clear();
        assert_eq!(
            setup_warnings(&lacking),
            [SetupWarning::NoCoordinator { group: GroupId(1), name: "Gruppe 1".into() }]
        );
    }
}
