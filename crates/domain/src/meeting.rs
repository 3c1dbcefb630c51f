//! Meetings and decisions: the way back. A group meets (erfamøde, tovholdermøde, a visit), with
//! an agenda, attendees and minutes; its decisions move ideas through the journey's own rules,
//! and a decision of the tovholdergruppe travels down to every erfagruppe to be presented.

use crate::error::{DomainResult, FieldErrors};
use crate::group::{GroupKind, PersonRef};
use crate::idea::{IdeaStatus, MoveKind};
use crate::ids::{AgendaItemId, DecisionId, GroupId, IdeaId, MeetingId, UserId};
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 200;
pub const PLACE_MAX: usize = 300;
pub const URL_MAX: usize = 500;
pub const DESCRIPTION_MAX: usize = 5000;
pub const MINUTES_MAX: usize = 50_000;
pub const AGENDA_NOTES_MAX: usize = 2000;
pub const AGENDA_MAX_ITEMS: usize = 50;
pub const DECISION_TEXT_MAX: usize = 10_000;
pub const DECISION_REASON_MAX: usize = 4000;
/// How many ideas one decision may move; a decision is one transaction.
pub const DECISION_MAX_IDEAS: usize = 50;
/// The longest meeting: a two-day conference.
pub const MEETING_MAX_HOURS: i64 = 72;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// An erfagruppe's meeting.
    Erfa,
    /// A tovholdergruppe meeting.
    Steering,
    /// A visit: e.g. a product manager attending an erfamøde as a guest.
    Visit,
    Other,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 4] = [Self::Erfa, Self::Steering, Self::Visit, Self::Other];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Erfa => "erfa",
            Self::Steering => "steering",
            Self::Visit => "visit",
            Self::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
    /// The kind a new meeting of a group of this kind gets unless told otherwise.
    pub fn default_for(group: GroupKind) -> Self {
        match group {
            GroupKind::Erfa => Self::Erfa,
            GroupKind::Steering => Self::Steering,
            GroupKind::Product => Self::Other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    pub id: MeetingId,
    pub group_id: GroupId,
    pub group_name: String,
    pub group_kind: GroupKind,
    pub kind: MeetingKind,
    pub title: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub place: String,
    pub online_url: String,
    pub description: String,
    pub minutes: String,
    pub minutes_approved_at: Option<Timestamp>,
    pub minutes_approved_by: Option<String>,
    pub cancelled_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub version: i64,
}

impl Meeting {
    pub fn is_past(&self, now: Timestamp) -> bool {
        self.ends_at <= now
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendee {
    pub user_id: UserId,
    pub name: String,
    pub org_name: Option<String>,
    pub group_name: Option<String>,
    /// Invited from outside the group.
    pub guest: bool,
    /// Recorded after the meeting; `None` until then.
    pub attended: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub meeting_id: MeetingId,
    pub position: i32,
    pub title: String,
    pub notes: String,
    pub idea_id: Option<IdeaId>,
    pub idea_title: Option<String>,
    pub idea_status: Option<IdeaStatus>,
    /// An information item: a tovholdergruppe decision to present.
    pub decision_id: Option<DecisionId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub id: DecisionId,
    pub group_id: GroupId,
    pub group_name: String,
    pub group_kind: GroupKind,
    pub meeting_id: Option<MeetingId>,
    pub meeting_title: Option<String>,
    pub title: String,
    pub body: String,
    pub reason: String,
    pub decided_at: Timestamp,
    pub decided_by: Option<PersonRef>,
    /// How many ideas it moved or mentioned (also when `ideas` was not read).
    pub idea_count: i64,
    pub ideas: Vec<DecisionIdea>,
}

/// An idea a decision concerns, and the move it made (if it moved it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionIdea {
    pub idea_id: IdeaId,
    pub title: String,
    pub move_kind: Option<MoveKind>,
}

/// Where a steering decision stands in one erfagruppe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Presentation {
    pub decision_id: DecisionId,
    pub decision_title: String,
    pub decided_at: Timestamp,
    pub group_id: GroupId,
    pub group_name: String,
    pub presented_at: Option<Timestamp>,
    pub presented_by: Option<String>,
    pub meeting_id: Option<MeetingId>,
}

/// Which decisions to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct DecisionFilter {
    pub group: Option<GroupId>,
    /// Only decisions of groups of this kind.
    pub group_kind: Option<GroupKind>,
    pub idea: Option<IdeaId>,
    pub meeting: Option<MeetingId>,
    /// Also the steering decisions published to this erfagruppe (its decision feed).
    pub feed_of: Option<GroupId>,
    pub limit: Option<i64>,
    /// A list of titles: each decision's ideas are only counted (`ideas` is left empty), and its
    /// text and reason are not read (left empty).
    pub titles_only: bool,
}

/// A meeting as typed into the form (local date and times, Europe/Copenhagen).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub kind: String,
    pub title: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    /// For meetings over midnight or several days; empty means the same day.
    pub end_date: String,
    pub place: String,
    pub online_url: String,
    pub description: String,
    /// The version the person saw, when changing a meeting.
    pub version: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingInput {
    pub kind: MeetingKind,
    pub title: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub place: String,
    pub online_url: String,
    pub description: String,
}

/// Reads "17.30", "17:30" or "9" as a time of day.
pub fn parse_time(raw: &str) -> Option<Time> {
    let raw = raw.trim().replace('.', ":");
    let (h, m) = match raw.split_once(':') {
        Some((h, m)) => (h.parse::<i8>().ok()?, m.parse::<i8>().ok()?),
        None => (raw.parse::<i8>().ok()?, 0),
    };
    Time::new(h, m, 0, 0).ok()
}

/// A one-line field (a title, a place, an address): see `text::check_line`.
fn check_line(errors: &mut FieldErrors, field: &'static str, value: &str, max: usize) {
    crate::text::check_line(errors, field, value, max);
}

fn check_len(errors: &mut FieldErrors, field: &'static str, value: &str, max: usize) {
    crate::text::check(errors, field, value, max);
}

/// An online link must be a web address, so that it cannot carry `javascript:` or the like.
pub fn check_url(raw: &str) -> Result<(), &'static str> {
    let ok = (raw.starts_with("https://") || raw.starts_with("http://"))
        && raw.len() > "https://".len()
        && !raw.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    if ok { Ok(()) } else { Err("url_invalid") }
}

impl MeetingForm {
    pub fn from_meeting(m: &Meeting) -> Self {
        let tz = crate::clock::copenhagen();
        let start = m.starts_at.to_zoned_datetime(tz.clone());
        let end = m.ends_at.to_zoned_datetime(tz);
        let hm = |t: Time| format!("{:02}.{:02}", t.hour(), t.minute());
        Self {
            kind: m.kind.as_str().into(),
            title: m.title.clone(),
            date: start.date().to_string(),
            start_time: hm(start.time()),
            end_time: hm(end.time()),
            end_date: if end.date() == start.date() { String::new() } else { end.date().to_string() },
            place: m.place.clone(),
            online_url: m.online_url.clone(),
            description: m.description.clone(),
            version: Some(m.version),
        }
    }

    pub fn parse(&self) -> DomainResult<MeetingInput> {
        let mut errors = FieldErrors::new();
        let kind = MeetingKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add("kind", "kind_unknown");
        }
        let title = self.title.trim().to_string();
        if title.is_empty() {
            errors.add("title", "required");
        }
        check_line(&mut errors, "title", &title, TITLE_MAX);
        let date: Option<Date> = match self.date.trim() {
            "" => {
                errors.add("date", "required");
                None
            }
            s => s.parse().map_err(|_| errors.add("date", "date_invalid")).ok(),
        };
        let end_date: Option<Date> = match self.end_date.trim() {
            "" => date,
            s => s.parse().map_err(|_| errors.add("end_date", "date_invalid")).ok(),
        };
        let mut time = |field: &'static str, raw: &str| match raw.trim() {
            "" => {
                errors.add(field, "required");
                None
            }
            s => parse_time(s).or_else(|| {
                errors.add(field, "time_invalid");
                None
            }),
        };
        let start_time = time("start_time", &self.start_time);
        let end_time = time("end_time", &self.end_time);
        let tz = crate::clock::copenhagen();
        let at = |d: Date, t: Time| d.to_datetime(t).to_zoned_datetime(tz.clone()).ok().map(|z| z.timestamp());
        let starts_at = date.zip(start_time).and_then(|(d, t)| at(d, t));
        let ends_at = end_date.zip(end_time).and_then(|(d, t)| at(d, t));
        if let (Some(s), Some(e)) = (starts_at, ends_at) {
            if e <= s {
                errors.add("end_time", "ends_before_start");
            } else if e.duration_since(s).as_hours() > MEETING_MAX_HOURS {
                errors.add("end_time", "meeting_too_long");
            }
        }
        let place = self.place.trim().to_string();
        check_line(&mut errors, "place", &place, PLACE_MAX);
        let online_url = self.online_url.trim().to_string();
        if !online_url.is_empty() {
            if let Err(code) = check_url(&online_url) {
                errors.add("online_url", code);
            }
            check_line(&mut errors, "online_url", &online_url, URL_MAX);
        }
        let description = self.description.trim().to_string();
        check_len(&mut errors, "description", &description, DESCRIPTION_MAX);
        errors.into_result(()).map(|()| MeetingInput {
            kind: kind.unwrap_or(MeetingKind::Other),
            title,
            starts_at: starts_at.unwrap_or_default(),
            ends_at: ends_at.unwrap_or_default(),
            place,
            online_url,
            description,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgendaItemForm {
    pub title: String,
    pub notes: String,
    /// An idea the item is about (its number), or empty.
    pub idea_id: String,
    /// A tovholdergruppe decision to present (its number), or empty.
    pub decision_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItemInput {
    pub title: String,
    pub notes: String,
    pub idea_id: Option<IdeaId>,
    pub decision_id: Option<DecisionId>,
}

impl AgendaItemForm {
    pub fn parse(&self) -> DomainResult<AgendaItemInput> {
        let mut errors = FieldErrors::new();
        let title = self.title.trim().to_string();
        let notes = self.notes.trim().to_string();
        let idea_id = match self.idea_id.trim().trim_start_matches('#') {
            "" => None,
            s => s.parse::<i64>().map(IdeaId).map_err(|_| errors.add("idea_id", "idea_unknown")).ok(),
        };
        let decision_id = match self.decision_id.trim() {
            "" => None,
            s => {
                s.parse::<i64>().map(DecisionId).map_err(|_| errors.add("decision_id", "decision_not_to_present")).ok()
            }
        };
        if idea_id.is_some() && decision_id.is_some() {
            errors.add("decision_id", "idea_or_decision");
        }
        if title.is_empty() && idea_id.is_none() && decision_id.is_none() {
            errors.add("title", "required");
        }
        check_line(&mut errors, "title", &title, TITLE_MAX);
        check_len(&mut errors, "notes", &notes, AGENDA_NOTES_MAX);
        errors.into_result(AgendaItemInput { title, notes, idea_id, decision_id })
    }
}

/// A decision as typed: its text, and for each idea the group holds, the move to make (if any).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub title: String,
    pub body: String,
    pub reason: String,
    pub meeting_id: Option<i64>,
    pub moves: Vec<DecisionMoveForm>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecisionMoveForm {
    pub idea_id: i64,
    /// A move kind (`forward`, `decline`, `prioritize`, `merge`, `park`, …), or empty (or
    /// `mention`) for "mentioned, not moved".
    #[serde(rename = "move")]
    pub move_kind: String,
    /// For `prioritize`.
    pub rank: Option<i32>,
    /// For `merge`: the idea it is merged into.
    pub into: Option<i64>,
    /// For `park`: the date to look at it again (YYYY-MM-DD).
    pub review_date: Option<String>,
    /// The version of the idea the person saw (optional: without it the current one is used).
    pub version: Option<i64>,
}

/// The move value that names an idea in a decision without moving it.
pub const MENTION: &str = "mention";

/// The moves a decision may make: those a group decides at a meeting. The decision's reason is
/// the reason each move records (a decline's reason, a solution, a question).
pub const DECISION_MOVES: [MoveKind; 10] = [
    MoveKind::Forward,
    MoveKind::SolveByConfiguration,
    MoveKind::Decline,
    MoveKind::Merge,
    MoveKind::Prioritize,
    MoveKind::Park,
    MoveKind::SendToProduct,
    MoveKind::AskForInformation,
    MoveKind::Accept,
    MoveKind::Start,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionInput {
    pub title: String,
    pub body: String,
    pub reason: String,
    pub meeting_id: Option<MeetingId>,
    /// (idea, move or mention, version seen)
    pub ideas: Vec<(IdeaId, Option<crate::idea::Move>, Option<i64>)>,
}

impl DecisionForm {
    pub fn parse(&self) -> DomainResult<DecisionInput> {
        use crate::idea::Move;
        let mut errors = FieldErrors::new();
        let title = self.title.trim().to_string();
        if title.is_empty() {
            errors.add("title", "required");
        }
        check_line(&mut errors, "title", &title, TITLE_MAX);
        let body = self.body.trim().to_string();
        if body.is_empty() {
            errors.add("body", "required");
        }
        check_len(&mut errors, "body", &body, DECISION_TEXT_MAX);
        let reason = self.reason.trim().to_string();
        check_len(&mut errors, "reason", &reason, DECISION_REASON_MAX);
        if self.moves.len() > DECISION_MAX_IDEAS {
            errors.add("moves", "too_many");
        }
        let mut ideas = Vec::new();
        for m in &self.moves {
            if ideas.iter().any(|(id, _, _): &(IdeaId, _, _)| id.0 == m.idea_id) {
                errors.add("moves", "idea_twice");
                continue;
            }
            let mv = match m.move_kind.trim() {
                "" | MENTION => None,
                s => match MoveKind::parse(s).filter(|k| DECISION_MOVES.contains(k)) {
                    None => {
                        errors.add("moves", "move_unknown");
                        None
                    }
                    Some(kind) => {
                        let needs_reason = matches!(
                            kind,
                            MoveKind::Decline
                                | MoveKind::SolveByConfiguration
                                | MoveKind::AskForInformation
                                | MoveKind::Park
                        );
                        if needs_reason && reason.is_empty() {
                            errors.add("reason", "reason_required");
                        }
                        match kind {
                            MoveKind::Forward => Some(Move::Forward),
                            MoveKind::SolveByConfiguration => {
                                Some(Move::SolveByConfiguration { solution: reason.clone() })
                            }
                            MoveKind::Decline => Some(Move::Decline { reason: reason.clone(), standard: None }),
                            MoveKind::Prioritize => match m.rank {
                                Some(rank) if (1..=crate::idea::journey::RANK_MAX).contains(&rank) => {
                                    Some(Move::Prioritize { rank })
                                }
                                _ => {
                                    errors.add("moves", "rank_invalid");
                                    None
                                }
                            },
                            MoveKind::Merge => match m.into {
                                Some(into) if into > 0 => Some(Move::Merge { into: IdeaId(into) }),
                                _ => {
                                    errors.add("moves", "merge_into_missing");
                                    None
                                }
                            },
                            MoveKind::Park => {
                                match m.review_date.as_deref().map(str::trim).and_then(|d| d.parse().ok()) {
                                    Some(review_date) => Some(Move::Park { reason: reason.clone(), review_date }),
                                    None => {
                                        errors.add("moves", "review_date_missing");
                                        None
                                    }
                                }
                            }
                            MoveKind::SendToProduct => Some(Move::SendToProduct),
                            MoveKind::AskForInformation => Some(Move::AskForInformation { question: reason.clone() }),
                            MoveKind::Accept => Some(Move::Accept),
                            _ => Some(Move::Start),
                        }
                    }
                },
            };
            ideas.push((IdeaId(m.idea_id), mv, m.version));
        }
        errors.into_result(DecisionInput { title, body, reason, meeting_id: self.meeting_id.map(MeetingId), ideas })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn form() -> MeetingForm {
        MeetingForm {
            kind: "erfa".into(),
            title: "Erfamøde".into(),
            date: "2026-05-11".into(),
            start_time: "9.30".into(),
            end_time: "12:00".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_meeting_is_read_in_copenhagen_time() {
        let input = form().parse().unwrap();
        // 9.30 in May is CEST (UTC+2).
        assert_eq!(input.starts_at.to_string(), "2026-05-11T07:30:00Z");
        assert_eq!(input.ends_at.to_string(), "2026-05-11T10:00:00Z");
    }

    #[test]
    fn a_meeting_that_ends_before_it_starts_is_refused() {
        let mut f = form();
        f.end_time = "8.00".into();
        let err = f.parse().unwrap_err();
        assert!(
            matches!(err, crate::DomainError::Invalid(ref e) if e.for_field("end_time") == Some("ends_before_start"))
        );
    }

    #[test]
    fn an_online_link_must_be_a_web_address() {
        let mut f = form();
        f.online_url = "javascript:alert(1)".into();
        assert!(f.parse().is_err());
        f.online_url = "https://teams.example.dk/møde".into();
        assert!(f.parse().is_ok());
    }

    #[test]
    fn a_decline_in_a_decision_needs_the_reason() {
        let f = DecisionForm {
            title: "Afvist".into(),
            body: "Idéen afvises.".into(),
            moves: vec![DecisionMoveForm { idea_id: 4, move_kind: "decline".into(), ..Default::default() }],
            ..Default::default()
        };
        let err = f.parse().unwrap_err();
        assert!(matches!(err, crate::DomainError::Invalid(ref e) if e.for_field("reason") == Some("reason_required")));
        let ok = DecisionForm { reason: "Lovgivningen kræver andet.".into(), ..f }.parse().unwrap();
        assert_eq!(ok.ideas.len(), 1);
    }

    #[test]
    fn a_decision_may_not_make_moves_outside_a_meeting_s_reach() {
        let f = DecisionForm {
            title: "x".into(),
            body: "y".into(),
            moves: vec![DecisionMoveForm { idea_id: 4, move_kind: "submit".into(), ..Default::default() }],
            ..Default::default()
        };
        assert!(f.parse().is_err());
    }
}
