//! A move as people make it. The idea page's forms post text fields ([`MoveForm`]); the API
//! posts typed JSON, which it turns into the same [`MoveParts`] without going through text; both
//! become a [`Move`] by one set of rules here, so a field is read and refused the same way.

use super::Move;
use super::journey::STANDARD_DECLINE_REASONS;
use crate::error::DomainError;
use crate::idea::MoveKind;
use crate::ids::{GroupId, IdeaId, ReleaseId};
use jiff::civil::Date;
use serde::Deserialize;

/// A move as posted by one of the idea page's move forms: every field as typed.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    pub kind: String,
    pub version: i64,
    pub reason: String,
    pub standard_reason: String,
    pub rank: String,
    pub review_date: String,
    pub release_id: String,
    pub into: String,
    pub group_id: String,
}

/// A move's parts, typed: what the form's text fields hold once read, or what the API's JSON
/// gives directly. Which parts a move needs depends on its kind ([`MoveParts::to_move`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MoveParts {
    pub kind: String,
    pub reason: String,
    /// A standard decline reason's code (one of [`STANDARD_DECLINE_REASONS`]).
    pub standard_reason: Option<String>,
    pub rank: Option<i32>,
    pub review_date: Option<Date>,
    pub release: Option<ReleaseId>,
    pub into: Option<IdeaId>,
    pub group: Option<GroupId>,
}

/// A part the move needs.
fn need<T>(part: Option<T>, field: &'static str, code: &'static str) -> Result<T, DomainError> {
    part.ok_or(DomainError::invalid(field, code))
}

fn field<T>(
    raw: &str,
    read: impl FnOnce(&str) -> Option<T>,
    field: &'static str,
    code: &'static str,
) -> Result<Option<T>, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    read(raw).map(Some).ok_or(DomainError::invalid(field, code))
}

impl MoveForm {
    /// Reads the text fields; a field that is given but malformed is refused by name (an empty
    /// one is simply not given: whether the move needs it is [`MoveParts::to_move`]'s rule).
    pub fn parts(&self) -> Result<MoveParts, DomainError> {
        Ok(MoveParts {
            kind: self.kind.trim().to_string(),
            reason: self.reason.clone(),
            standard_reason: Some(self.standard_reason.trim().to_string()).filter(|s| !s.is_empty()),
            rank: field(&self.rank, |r| r.parse().ok(), "rank", "rank_invalid")?,
            review_date: field(&self.review_date, |d| d.parse().ok(), "review_date", "date_invalid")?,
            release: field(&self.release_id, |r| r.parse().ok().map(ReleaseId), "release_id", "release_unknown")?,
            into: field(&self.into, |i| i.parse().ok().map(IdeaId), "into", "idea_unknown")?,
            group: field(&self.group_id, |g| g.parse().ok().map(GroupId), "group_id", "group_not_yours")?,
        })
    }
}

impl MoveParts {
    /// The move these parts make; a part the move needs but lacks is refused by field. A
    /// standard decline reason is kept as its code (put in words on display, in the reader's
    /// language), with the reason's own words beside it.
    pub fn to_move(&self) -> Result<Move, DomainError> {
        let kind = MoveKind::parse(&self.kind).ok_or(DomainError::invalid("kind", "move_unknown"))?;
        let reason = self.reason.clone();
        Ok(match kind {
            MoveKind::Submit => Move::Submit { group: need(self.group, "group_id", "group_not_yours")? },
            MoveKind::Withdraw => Move::Withdraw,
            MoveKind::Forward => Move::Forward,
            MoveKind::SolveByConfiguration => Move::SolveByConfiguration { solution: reason },
            MoveKind::Decline => {
                let standard = match self.standard_reason.as_deref() {
                    None => None,
                    Some(code) => Some(
                        STANDARD_DECLINE_REASONS
                            .into_iter()
                            .find(|r| *r == code)
                            .ok_or(DomainError::invalid("standard_reason", "standard_reason_unknown"))?,
                    ),
                };
                Move::Decline { reason: reason.trim().to_string(), standard }
            }
            MoveKind::Merge => Move::Merge { into: need(self.into, "into", "idea_unknown")? },
            MoveKind::Prioritize => Move::Prioritize { rank: need(self.rank, "rank", "rank_invalid")? },
            MoveKind::SendToProduct => Move::SendToProduct,
            MoveKind::Park => {
                Move::Park { reason, review_date: need(self.review_date, "review_date", "date_invalid")? }
            }
            MoveKind::Resume => Move::Resume,
            MoveKind::AskForInformation => Move::AskForInformation { question: reason },
            MoveKind::Answer => Move::Answer { answer: reason },
            MoveKind::Accept => Move::Accept,
            MoveKind::Plan => Move::Plan { release: need(self.release, "release_id", "release_unknown")? },
            MoveKind::Start => Move::Start,
            MoveKind::Deliver => Move::Deliver { release: need(self.release, "release_id", "release_unknown")? },
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn form(kind: &str) -> MoveForm {
        MoveForm { kind: kind.into(), ..Default::default() }
    }

    #[test]
    fn the_form_and_the_typed_parts_make_the_same_move() {
        let posted = MoveForm { rank: " 3 ".into(), ..form("prioritize") };
        let typed = MoveParts { kind: "prioritize".into(), rank: Some(3), ..Default::default() };
        assert_eq!(posted.parts().unwrap(), typed);
        assert_eq!(typed.to_move().unwrap(), Move::Prioritize { rank: 3 });
    }

    #[test]
    fn missing_and_malformed_parts_are_refused_by_field() {
        let field_of = |e: DomainError| match e {
            DomainError::Invalid(errors) => errors.0[0].field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field_of(form("plan").parts().unwrap().to_move().unwrap_err()), "release_id");
        assert_eq!(field_of(MoveForm { release_id: "x".into(), ..form("plan") }.parts().unwrap_err()), "release_id");
        assert_eq!(
            field_of(MoveForm { review_date: "31-12".into(), ..form("park") }.parts().unwrap_err()),
            "review_date"
        );
        assert_eq!(field_of(form("leap").parts().unwrap().to_move().unwrap_err()), "kind");
    }

    #[test]
    fn a_standard_decline_reason_is_kept_as_its_code_with_the_decider_s_own_words() {
        let parts = MoveParts {
            kind: "decline".into(),
            standard_reason: Some("legislation".into()),
            reason: " fra 2027 ".into(),
            ..Default::default()
        };
        let mv = parts.to_move().unwrap();
        assert_eq!(mv, Move::Decline { reason: "fra 2027".into(), standard: Some("legislation") });
        let unknown = MoveParts { standard_reason: Some("whim".into()), reason: "Nej".into(), ..parts };
        assert!(matches!(
            unknown.to_move().unwrap_err(),
            DomainError::Invalid(errors) if errors.for_field("standard_reason") == Some("standard_reason_unknown")
        ));
    }
}
