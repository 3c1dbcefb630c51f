//! Moderation: citizen data that got in anyway (a CPR number, a citizen's name in a comment)
//! is taken out by a moderator, a person an administrator has given the role. A redaction
//! replaces one passage everywhere the target's text is kept: its current wording, every earlier
//! revision, its history's reasons, the search terms, mail subjects, and the audit trail; a
//! copy of someone's data not yet downloaded is gathered again. Mail bodies and feeds are
//! written from the stored text when they are sent or read, so they follow. The moderation log
//! records who did what and why, never the text removed. A whole comment can also be hidden.

use crate::error::{DomainResult, FieldErrors};
use crate::ids::{CommentId, DecisionId, IdeaId, MeetingId, UserId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// What a removed passage is replaced with. Stored in the text itself, in the community's
/// language (like the text around it), so that every copy of the text says the same.
pub const MARKER: &str = "[fjernet af moderator]";
/// A passage is at least this long: shorter, it would match inside unrelated words (and inside
/// the escapes of the audit trail's JSON).
pub const PASSAGE_MIN: usize = 3;
pub const PASSAGE_MAX: usize = 2_000;
pub const REASON_MAX: usize = 500;
/// How many entries the moderation log shows.
pub const LOG_LIMIT: usize = 200;

/// What a moderator acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Target {
    Idea(IdeaId),
    Comment(CommentId),
    /// A meeting's minutes (and its description).
    Minutes(MeetingId),
    Decision(DecisionId),
}

impl Target {
    pub const KINDS: [&'static str; 4] = ["idea", "comment", "minutes", "decision"];

    pub fn parse(kind: &str, id: i64) -> Option<Self> {
        match kind {
            "idea" => Some(Self::Idea(IdeaId(id))),
            "comment" => Some(Self::Comment(CommentId(id))),
            "minutes" => Some(Self::Minutes(MeetingId(id))),
            "decision" => Some(Self::Decision(DecisionId(id))),
            _ => None,
        }
    }
    pub fn kind(self) -> &'static str {
        match self {
            Self::Idea(_) => "idea",
            Self::Comment(_) => "comment",
            Self::Minutes(_) => "minutes",
            Self::Decision(_) => "decision",
        }
    }
    pub fn id(self) -> i64 {
        match self {
            Self::Idea(i) => i.0,
            Self::Comment(c) => c.0,
            Self::Minutes(m) => m.0,
            Self::Decision(d) => d.0,
        }
    }
}

/// What is being moderated, as the moderator sees it before acting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetView {
    pub target: Target,
    /// The idea's, meeting's or decision's title (for a comment: its idea's).
    pub title: String,
    /// Where it is read, e.g. `/ideas/12#comment-40`.
    pub path: String,
    /// The texts as they stand now, labelled by field (`title`, `need`, `body`, `minutes`, …).
    pub texts: Vec<(&'static str, String)>,
    /// Who wrote it, to be told (none: nobody to tell, e.g. an erased person).
    pub author: Option<UserId>,
    /// The idea the comment belongs to, for telling its author where.
    pub idea_id: Option<IdeaId>,
    /// For a comment: hidden since when.
    pub hidden_at: Option<Timestamp>,
}

/// What a moderator types to remove a passage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RedactionForm {
    pub passage: String,
    pub reason: String,
}

/// A passage to remove, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    pub passage: String,
    pub reason: String,
}

impl RedactionForm {
    /// The passage keeps its inner spacing (it must match the text exactly); its ends are
    /// trimmed, as a selection copied from a page often carries a space.
    pub fn parse(&self) -> DomainResult<Redaction> {
        let mut errors = FieldErrors::new();
        let passage = self.passage.trim();
        let length = passage.chars().count();
        if passage.is_empty() {
            errors.add("passage", "required");
        } else if length < PASSAGE_MIN {
            errors.add("passage", "passage_too_short");
        } else if length > PASSAGE_MAX {
            errors.add("passage", "too_long");
        } else if crate::text::has_forbidden_control(passage) || crate::text::has_noncharacter(passage) {
            errors.add("passage", "control_character");
        } else if passage.contains(MARKER) {
            errors.add("passage", "passage_already_removed");
        }
        let reason = check_reason(&self.reason, &mut errors);
        errors.into_result(Redaction { passage: passage.to_string(), reason })
    }
}

/// Why a moderator acted: required, one line. (It may well name what kind of data it was, e.g.
/// "CPR-nummer", but must not repeat it: a CPR number is refused here as everywhere.)
pub fn check_reason(raw: &str, errors: &mut FieldErrors) -> String {
    let reason = raw.trim().to_string();
    if reason.is_empty() {
        errors.add("reason", "required");
    } else {
        crate::text::check_line(errors, "reason", &reason, REASON_MAX);
    }
    reason
}

/// What a moderator did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Action {
    Redact,
    Hide,
    Show,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Redact => "redact",
            Self::Hide => "hide",
            Self::Show => "show",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Redact, Self::Hide, Self::Show].into_iter().find(|a| a.as_str() == s)
    }
}

/// One entry of the moderation log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogEntry {
    pub id: i64,
    pub action: Action,
    pub target: Target,
    pub moderator_name: Option<String>,
    pub reason: String,
    /// For a redaction: in how many stored texts the passage was replaced.
    pub replaced: i64,
    pub at: Timestamp,
}

/// Replaces every occurrence of `passage` in `text`; how many there were.
pub fn redact_text(text: &str, passage: &str) -> (String, usize) {
    let count = text.matches(passage).count();
    if count == 0 { (text.to_string(), 0) } else { (text.replace(passage, MARKER), count) }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::DomainError;

    fn errors(form: RedactionForm) -> FieldErrors {
        match form.parse() {
            Err(DomainError::Invalid(e)) => e,
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn a_passage_is_long_enough_to_be_unambiguous_and_a_reason_is_given() {
        let e = errors(RedactionForm { passage: "  ".into(), reason: String::new() });
        assert_eq!(e.for_field("passage"), Some("required"));
        assert_eq!(e.for_field("reason"), Some("required"));
        let e = errors(RedactionForm { passage: "ab".into(), reason: "x".into() });
        assert_eq!(e.for_field("passage"), Some("passage_too_short"));
        let e = errors(RedactionForm { passage: "a".repeat(PASSAGE_MAX + 1), reason: "x".into() });
        assert_eq!(e.for_field("passage"), Some("too_long"));
        let e = errors(RedactionForm { passage: MARKER.into(), reason: "x".into() });
        assert_eq!(e.for_field("passage"), Some("passage_already_removed"));
        let e = errors(RedactionForm { passage: "abc".into(), reason: "to\nlinjer".into() });
        assert_eq!(e.for_field("reason"), Some("line_break"));
    }

    #[test]
    fn a_cpr_number_is_a_passage_to_remove_but_not_a_reason() {
        let ok = RedactionForm { passage: " 010203-1234 ".into(), reason: "CPR-nummer".into() }.parse().unwrap();
        assert_eq!(ok.passage, "010203-1234");
        let e = errors(RedactionForm { passage: "010203-1234".into(), reason: "CPR 010203-1234".into() });
        assert_eq!(e.for_field("reason"), Some("cpr_number"));
    }

    #[test]
    fn every_occurrence_is_replaced_and_counted() {
        assert_eq!(redact_text("a 010203-1234 b 010203-1234", "010203-1234"), (format!("a {MARKER} b {MARKER}"), 2));
        assert_eq!(redact_text("intet", "010203-1234"), ("intet".to_string(), 0));
    }

    #[test]
    fn targets_read_back_from_their_kind_and_id() {
        for kind in Target::KINDS {
            let target = Target::parse(kind, 7).unwrap();
            assert_eq!((target.kind(), target.id()), (kind, 7));
        }
        assert_eq!(Target::parse("user", 7), None);
    }
}
