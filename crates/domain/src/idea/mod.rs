//! Ideas: a need written by someone in a municipality, and its journey through the groups.

pub mod form;
pub mod journey;
pub mod move_form;
pub mod priority;

pub use move_form::{MoveForm, MoveParts};

pub use form::{IdeaForm, IdeaInput};
pub use journey::{Move, MoveKind, Who, rule_for};

use crate::ids::{GroupId, IdeaId, OrgId, ProductAreaId, ReleaseId, UserId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdeaStatus {
    Draft,
    Submitted,
    Forwarded,
    Prioritized,
    InAssessment,
    NeedsInformation,
    Accepted,
    Planned,
    InDevelopment,
    Delivered,
    SolvedByConfiguration,
    Declined,
    Merged,
    Parked,
    Withdrawn,
}

impl IdeaStatus {
    pub const ALL: [IdeaStatus; 15] = [
        Self::Draft,
        Self::Submitted,
        Self::Forwarded,
        Self::Prioritized,
        Self::InAssessment,
        Self::NeedsInformation,
        Self::Accepted,
        Self::Planned,
        Self::InDevelopment,
        Self::Delivered,
        Self::SolvedByConfiguration,
        Self::Declined,
        Self::Merged,
        Self::Parked,
        Self::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Forwarded => "forwarded",
            Self::Prioritized => "prioritized",
            Self::InAssessment => "in_assessment",
            Self::NeedsInformation => "needs_information",
            Self::Accepted => "accepted",
            Self::Planned => "planned",
            Self::InDevelopment => "in_development",
            Self::Delivered => "delivered",
            Self::SolvedByConfiguration => "solved_by_configuration",
            Self::Declined => "declined",
            Self::Merged => "merged",
            Self::Parked => "parked",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A final status never changes again.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Delivered | Self::SolvedByConfiguration | Self::Declined | Self::Merged | Self::Withdrawn)
    }

    /// Which level holds an idea in this status (parked and needs-information ideas are held by
    /// a group recorded on the idea).
    pub fn level(self) -> Level {
        match self {
            Self::Draft => Level::Author,
            Self::Submitted => Level::Erfa,
            Self::Forwarded | Self::Prioritized => Level::Steering,
            Self::InAssessment | Self::Accepted | Self::Planned | Self::InDevelopment => Level::Product,
            Self::NeedsInformation | Self::Parked => Level::Recorded,
            Self::Delivered | Self::SolvedByConfiguration | Self::Declined | Self::Merged | Self::Withdrawn => {
                Level::Nobody
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Author,
    Erfa,
    Steering,
    Product,
    /// The group stored on the idea (`holder_group_id`).
    Recorded,
    Nobody,
}

/// An idea as stored, with the counts kept on its row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Idea {
    pub id: IdeaId,
    pub title: String,
    pub role: String,
    pub situation: String,
    pub need: String,
    pub effect: String,
    pub product_area_id: ProductAreaId,
    pub product_area: String,
    pub author_id: UserId,
    pub author_name: String,
    pub author_org_id: Option<OrgId>,
    pub author_org_name: Option<String>,
    /// The erfagruppe the idea was submitted to.
    pub erfa_group_id: Option<GroupId>,
    pub erfa_group_name: Option<String>,
    pub status: IdeaStatus,
    /// The group that holds the idea now (none for drafts and final statuses).
    pub holder_group_id: Option<GroupId>,
    pub holder_group_name: Option<String>,
    /// For a parked idea or one that needs information: the status it returns to, and the
    /// group that held it then.
    pub return_status: Option<IdeaStatus>,
    pub return_holder_id: Option<GroupId>,
    pub rank: Option<i32>,
    pub release_id: Option<ReleaseId>,
    pub release_version: Option<String>,
    pub merged_into: Option<IdeaId>,
    /// The solution, when solved by configuration; the reason, when declined or parked (for a
    /// standard decline reason, the decider's own words added to it).
    pub resolution: String,
    /// A standard decline reason's code (see `journey::STANDARD_DECLINE_REASONS`).
    pub resolution_code: Option<String>,
    pub review_date: Option<jiff::civil::Date>,
    pub support_count: i64,
    pub follower_count: i64,
    pub comment_count: i64,
    /// Optimistic concurrency: every move must name the version it saw.
    pub version: i64,
    pub created_at: Timestamp,
    pub status_changed_at: Timestamp,
}

impl Idea {
    /// The part of the idea the journey's moves change.
    pub fn journey_state(&self) -> journey::JourneyState {
        journey::JourneyState {
            status: self.status,
            erfa_group: self.erfa_group_id,
            holder: self.holder_group_id,
            return_status: self.return_status,
            return_holder: self.return_holder_id,
            rank: self.rank,
            release: self.release_id,
            merged_into: self.merged_into,
            resolution: self.resolution.clone(),
            resolution_code: self.resolution_code.clone(),
            review_date: self.review_date,
        }
    }
}

/// One recorded move in an idea's history (append-only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdeaEvent {
    pub id: i64,
    pub idea_id: IdeaId,
    pub at: Timestamp,
    pub actor_id: Option<UserId>,
    pub actor_name: Option<String>,
    pub actor_org: Option<String>,
    pub kind: MoveKind,
    pub from_status: Option<IdeaStatus>,
    pub to_status: IdeaStatus,
    pub from_group: Option<String>,
    pub to_group: Option<String>,
    pub reason: String,
    pub details: String,
    /// The decision that made the move, when a group decided it.
    pub decision_id: Option<crate::ids::DecisionId>,
    pub decision_title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProductArea {
    pub id: ProductAreaId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Release {
    pub id: ReleaseId,
    pub version: String,
    pub planned_date: Option<jiff::civil::Date>,
    pub released_date: Option<jiff::civil::Date>,
    pub notes: String,
}

impl Release {
    /// Whether the release is out on this day: ideas are delivered in it, no longer planned
    /// into it.
    pub fn is_out(&self, today: jiff::civil::Date) -> bool {
        self.released_date.is_some_and(|d| d <= today)
    }
}

/// What an idea list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdeaFilter {
    pub status: Option<IdeaStatus>,
    /// Only ideas not yet in a final status.
    pub open_only: bool,
    /// Ideas submitted to or held by this group.
    pub group: Option<GroupId>,
    /// Ideas held by this group now (its queue).
    pub holder: Option<GroupId>,
    pub product_area: Option<ProductAreaId>,
    /// Ideas written by someone from this organization.
    pub organization: Option<OrgId>,
    pub author: Option<UserId>,
    /// Ideas this organization supports.
    pub supported_by: Option<OrgId>,
    /// Ideas in this release.
    pub release: Option<ReleaseId>,
    /// Drafts are shown only to their authors: the viewer, to include theirs.
    pub viewer: Option<UserId>,
    /// Only the ideas on the tovholdergruppe's priority list.
    pub ranked_only: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum IdeaSort {
    #[default]
    Newest,
    MostSupported,
    RecentlyMoved,
    LongestWaiting,
    /// The tovholdergruppe's priority list, nr. 1 first (only the ideas on it).
    Priority,
}

impl IdeaSort {
    pub const ALL: [IdeaSort; 5] =
        [Self::Newest, Self::MostSupported, Self::RecentlyMoved, Self::LongestWaiting, Self::Priority];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::MostSupported => "most_supported",
            Self::RecentlyMoved => "recently_moved",
            Self::LongestWaiting => "longest_waiting",
            Self::Priority => "priority",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

pub const PAGE_SIZE: i64 = 25;

/// One page of a list, with the total for paging.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdeaPage {
    pub ideas: Vec<Idea>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

/// An event to append to an idea's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub at: Timestamp,
    pub actor: Option<UserId>,
    pub kind: MoveKind,
    pub from_status: Option<IdeaStatus>,
    pub to_status: IdeaStatus,
    pub from_group: Option<GroupId>,
    pub to_group: Option<GroupId>,
    pub reason: String,
    pub details: serde_json::Value,
}

/// An organization that supports an idea, with the people who added its support and the
/// erfagrupper it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Supporter {
    pub org_id: OrgId,
    pub org_name: String,
    pub people: Vec<String>,
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub id: crate::ids::CommentId,
    pub idea_id: IdeaId,
    pub author_id: UserId,
    pub author_name: String,
    pub org_name: Option<String>,
    pub body: String,
    pub created_at: Timestamp,
    pub edited_at: Option<Timestamp>,
    pub revisions: i64,
    /// Hidden by a moderator: its text is not shown (and not read: `body` is empty).
    pub hidden: bool,
}

/// An earlier text of a comment, kept when its author changed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommentRevision {
    pub comment_id: crate::ids::CommentId,
    pub body: String,
    pub replaced_at: Timestamp,
}

impl IdeaEvent {
    /// A decline's standard reason (its code), kept in the event's details.
    pub fn standard_reason(&self) -> Option<String> {
        standard_reason_in(&self.details)
    }
}

/// The standard decline reason (its code) an event's stored details name, if any.
pub fn standard_reason_in(details: &str) -> Option<String> {
    let details: serde_json::Value = serde_json::from_str(details).ok()?;
    details.get("standard_reason")?.as_str().map(str::to_string)
}

/// An idea's wording before its author changed it: the text it had as `version`, until
/// `replaced_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdeaRevision {
    pub version: i64,
    pub title: String,
    pub role: String,
    pub situation: String,
    pub need: String,
    pub effect: String,
    pub product_area: String,
    pub replaced_at: Timestamp,
    pub replaced_by: Option<String>,
}

/// The fields of an idea's text, as revisions compare them.
pub const TEXT_FIELDS: [&str; 6] = ["title", "role", "situation", "need", "effect", "product_area"];

impl IdeaRevision {
    /// The text of one of [`TEXT_FIELDS`].
    pub fn field(&self, name: &str) -> &str {
        match name {
            "title" => &self.title,
            "role" => &self.role,
            "situation" => &self.situation,
            "need" => &self.need,
            "effect" => &self.effect,
            "product_area" => &self.product_area,
            _ => "",
        }
    }

    /// The current wording of an idea, to compare the last revision with.
    pub fn current(idea: &Idea) -> Self {
        Self {
            version: idea.version,
            title: idea.title.clone(),
            role: idea.role.clone(),
            situation: idea.situation.clone(),
            need: idea.need.clone(),
            effect: idea.effect.clone(),
            product_area: idea.product_area.clone(),
            replaced_at: idea.created_at,
            replaced_by: None,
        }
    }
}

/// One change of an idea's wording: the text before, the text after, and which fields differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdeaEdit {
    pub at: Timestamp,
    pub by: Option<String>,
    pub before: IdeaRevision,
    pub after: IdeaRevision,
    pub changed: Vec<&'static str>,
}

/// The changes, newest first, from the revisions (oldest first) and the current wording.
pub fn edits(revisions: &[IdeaRevision], current: &Idea) -> Vec<IdeaEdit> {
    let now = IdeaRevision::current(current);
    let mut edits: Vec<IdeaEdit> = revisions
        .iter()
        .enumerate()
        .map(|(i, before)| {
            let after = revisions.get(i + 1).unwrap_or(&now).clone();
            let changed = TEXT_FIELDS.into_iter().filter(|f| before.field(f) != after.field(f)).collect();
            IdeaEdit { at: before.replaced_at, by: before.replaced_by.clone(), before: before.clone(), after, changed }
        })
        .collect();
    edits.reverse();
    edits
}

/// An idea merged into another, shown on the surviving idea.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    pub idea_id: IdeaId,
    pub title: String,
    pub group_name: Option<String>,
    pub org_name: Option<String>,
}
