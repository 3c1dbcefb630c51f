//! The idea's journey: which move is allowed from which status, by whom, with what it requires,
//! and what state it leads to. Pure functions, so that every status × move × role can be tested
//! as a table, and sequences of moves as properties.

use super::IdeaStatus;
use crate::error::{DomainError, DomainResult, FieldErrors};
use crate::ids::{GroupId, IdeaId, ReleaseId};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub const REASON_MAX: usize = 4000;

/// The standard reasons for a decline, which the interface offers to be written out in full
/// (legislation must often come before customers' wishes, and a decline then says so).
pub const STANDARD_DECLINE_REASONS: [&str; 3] = ["legislation", "conflicts", "existing"];
pub const RANK_MAX: i32 = 999;

/// A move with what it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Move {
    Submit {
        group: GroupId,
    },
    Withdraw,
    Forward,
    SolveByConfiguration {
        solution: String,
    },
    /// A decline: the decider's own words and, for a standard reason (one of
    /// [`STANDARD_DECLINE_REASONS`]), its code, stored as a code and put in words on display in
    /// the reader's language.
    Decline {
        reason: String,
        standard: Option<&'static str>,
    },
    Merge {
        into: IdeaId,
    },
    Prioritize {
        rank: i32,
    },
    SendToProduct,
    Park {
        reason: String,
        review_date: Date,
    },
    Resume,
    AskForInformation {
        question: String,
    },
    Answer {
        answer: String,
    },
    Accept,
    Plan {
        release: ReleaseId,
    },
    Start,
    Deliver {
        release: ReleaseId,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    Submit,
    Withdraw,
    Forward,
    SolveByConfiguration,
    Decline,
    Merge,
    Prioritize,
    SendToProduct,
    Park,
    Resume,
    AskForInformation,
    Answer,
    Accept,
    Plan,
    Start,
    Deliver,
}

impl MoveKind {
    pub const ALL: [MoveKind; 16] = [
        Self::Submit,
        Self::Withdraw,
        Self::Forward,
        Self::SolveByConfiguration,
        Self::Decline,
        Self::Merge,
        Self::Prioritize,
        Self::SendToProduct,
        Self::Park,
        Self::Resume,
        Self::AskForInformation,
        Self::Answer,
        Self::Accept,
        Self::Plan,
        Self::Start,
        Self::Deliver,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::Withdraw => "withdraw",
            Self::Forward => "forward",
            Self::SolveByConfiguration => "solve_by_configuration",
            Self::Decline => "decline",
            Self::Merge => "merge",
            Self::Prioritize => "prioritize",
            Self::SendToProduct => "send_to_product",
            Self::Park => "park",
            Self::Resume => "resume",
            Self::AskForInformation => "ask_for_information",
            Self::Answer => "answer",
            Self::Accept => "accept",
            Self::Plan => "plan",
            Self::Start => "start",
            Self::Deliver => "deliver",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl Move {
    pub fn kind(&self) -> MoveKind {
        match self {
            Self::Submit { .. } => MoveKind::Submit,
            Self::Withdraw => MoveKind::Withdraw,
            Self::Forward => MoveKind::Forward,
            Self::SolveByConfiguration { .. } => MoveKind::SolveByConfiguration,
            Self::Decline { .. } => MoveKind::Decline,
            Self::Merge { .. } => MoveKind::Merge,
            Self::Prioritize { .. } => MoveKind::Prioritize,
            Self::SendToProduct => MoveKind::SendToProduct,
            Self::Park { .. } => MoveKind::Park,
            Self::Resume => MoveKind::Resume,
            Self::AskForInformation { .. } => MoveKind::AskForInformation,
            Self::Answer { .. } => MoveKind::Answer,
            Self::Accept => MoveKind::Accept,
            Self::Plan { .. } => MoveKind::Plan,
            Self::Start => MoveKind::Start,
            Self::Deliver { .. } => MoveKind::Deliver,
        }
    }

    /// The text a move records as its reason (the decline reason, the solution, the question).
    pub fn reason(&self) -> &str {
        match self {
            Self::SolveByConfiguration { solution } => solution,
            Self::Decline { reason, .. } | Self::Park { reason, .. } => reason,
            Self::AskForInformation { question } => question,
            Self::Answer { answer } => answer,
            _ => "",
        }
    }
}

/// Who may make a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// The person who wrote the idea.
    Author,
    /// A tovholder of the erfagruppe the idea was submitted to.
    ErfaCoordinator,
    /// A member of the tovholdergruppe.
    SteeringMember,
    /// A member of the produktmanagergruppe.
    ProductManager,
    /// A member of the group that holds the idea (the one that parked it).
    Holder,
    /// Whoever can answer for the idea: the author, the erfagruppe's tovholder, or a member of
    /// the group the question went back to.
    InformationGiver,
}

impl Who {
    /// The reason code when someone else tries.
    pub fn refusal(self) -> &'static str {
        match self {
            Self::Author => "only_author",
            Self::ErfaCoordinator => "only_erfa_coordinator",
            Self::SteeringMember => "only_steering_member",
            Self::ProductManager => "only_product_manager",
            Self::Holder => "only_holder",
            Self::InformationGiver => "only_information_giver",
        }
    }
}

/// Where a move leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    To(IdeaStatus),
    /// Back to the status the idea had before it was parked or sent back for information.
    Return,
}

/// The rule for a move from a status, if the move is allowed there at all.
pub fn rule_for(status: IdeaStatus, kind: MoveKind) -> Option<(Who, Target)> {
    use IdeaStatus as S;
    use MoveKind as K;
    use Target::{Return, To};
    let rule = match (status, kind) {
        (S::Draft, K::Submit) => (Who::Author, To(S::Submitted)),
        (S::Submitted, K::Withdraw) => (Who::Author, To(S::Withdrawn)),
        (S::Submitted, K::Forward) => (Who::ErfaCoordinator, To(S::Forwarded)),
        (S::Submitted, K::SolveByConfiguration) => (Who::ErfaCoordinator, To(S::SolvedByConfiguration)),
        (S::Submitted, K::Decline) => (Who::ErfaCoordinator, To(S::Declined)),
        (S::Submitted, K::Merge) => (Who::ErfaCoordinator, To(S::Merged)),
        (S::Forwarded | S::Prioritized, K::Prioritize) => (Who::SteeringMember, To(S::Prioritized)),
        (S::Forwarded | S::Prioritized, K::SendToProduct) => (Who::SteeringMember, To(S::InAssessment)),
        (S::Forwarded | S::Prioritized, K::Decline) => (Who::SteeringMember, To(S::Declined)),
        (S::Forwarded | S::Prioritized, K::Merge) => (Who::SteeringMember, To(S::Merged)),
        (S::Forwarded | S::Prioritized, K::Park) => (Who::SteeringMember, To(S::Parked)),
        (S::InAssessment, K::AskForInformation) => (Who::ProductManager, To(S::NeedsInformation)),
        (S::NeedsInformation, K::Answer) => (Who::InformationGiver, Return),
        (S::InAssessment, K::Accept) => (Who::ProductManager, To(S::Accepted)),
        (S::InAssessment | S::Accepted | S::Planned, K::Plan) => (Who::ProductManager, To(S::Planned)),
        (S::Planned, K::Start) => (Who::ProductManager, To(S::InDevelopment)),
        (S::InDevelopment, K::Deliver) => (Who::ProductManager, To(S::Delivered)),
        (S::InAssessment | S::Accepted | S::Planned, K::Decline) => (Who::ProductManager, To(S::Declined)),
        (S::InAssessment | S::Accepted, K::Park) => (Who::ProductManager, To(S::Parked)),
        (S::Parked, K::Resume) => (Who::Holder, Return),
        _ => return None,
    };
    Some(rule)
}

/// What a person is, relative to one idea.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    pub is_author: bool,
    pub coordinates_erfa_group: bool,
    pub steering_member: bool,
    pub product_manager: bool,
    pub member_of_holder: bool,
}

impl Standing {
    pub fn may(&self, who: Who) -> bool {
        match who {
            Who::Author => self.is_author,
            Who::ErfaCoordinator => self.coordinates_erfa_group,
            Who::SteeringMember => self.steering_member,
            Who::ProductManager => self.product_manager,
            Who::Holder => self.member_of_holder,
            Who::InformationGiver => self.is_author || self.coordinates_erfa_group || self.member_of_holder,
        }
    }
}

/// The moves this person may make now.
pub fn allowed_moves(status: IdeaStatus, standing: &Standing) -> Vec<MoveKind> {
    MoveKind::ALL.into_iter().filter(|kind| rule_for(status, *kind).is_some_and(|(who, _)| standing.may(who))).collect()
}

/// The part of an idea a move changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JourneyState {
    pub status: IdeaStatus,
    pub erfa_group: Option<GroupId>,
    pub holder: Option<GroupId>,
    pub return_status: Option<IdeaStatus>,
    pub return_holder: Option<GroupId>,
    pub rank: Option<i32>,
    pub release: Option<ReleaseId>,
    pub merged_into: Option<IdeaId>,
    pub resolution: String,
    /// A standard decline reason's code, with `resolution` as the decider's own words.
    pub resolution_code: Option<String>,
    pub review_date: Option<Date>,
}

impl JourneyState {
    pub fn draft() -> Self {
        Self {
            status: IdeaStatus::Draft,
            erfa_group: None,
            holder: None,
            return_status: None,
            return_holder: None,
            rank: None,
            release: None,
            merged_into: None,
            resolution: String::new(),
            resolution_code: None,
            review_date: None,
        }
    }
}

/// The community's standing groups, which hold ideas at their levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Levels {
    pub steering: GroupId,
    pub product: GroupId,
}

fn required_text(field: &'static str, text: &str, errors: &mut FieldErrors) {
    let count = text.trim().chars().count();
    if count == 0 {
        errors.add(field, "required");
    } else {
        crate::text::check(errors, field, text.trim(), REASON_MAX);
    }
}

/// Checks a move's own content (independent of who makes it and of the idea's status).
pub fn validate(mv: &Move, today: Date) -> DomainResult<()> {
    let mut errors = FieldErrors::new();
    match mv {
        Move::SolveByConfiguration { solution } => required_text("reason", solution, &mut errors),
        // A standard reason is a reason; the decider's own words may then add to it.
        Move::Decline { reason, standard: Some(code) } => {
            if !STANDARD_DECLINE_REASONS.contains(code) {
                errors.add("standard_reason", "standard_reason_unknown");
            }
            crate::text::check(&mut errors, "reason", reason.trim(), REASON_MAX);
        }
        Move::Decline { reason, standard: None } => required_text("reason", reason, &mut errors),
        Move::AskForInformation { question } => required_text("reason", question, &mut errors),
        Move::Answer { answer } => required_text("reason", answer, &mut errors),
        Move::Park { reason, review_date } => {
            required_text("reason", reason, &mut errors);
            if *review_date <= today {
                errors.add("review_date", "review_date_in_past");
            }
        }
        Move::Prioritize { rank } if !(1..=RANK_MAX).contains(rank) => {
            errors.add("rank", "rank_invalid");
        }
        _ => {}
    }
    errors.into_result(())
}

/// Applies a move: the rule for the status, the person's right, the move's content, and the new
/// state. References (the group submitted to, the release, the merge target) are checked by the
/// caller, which can read the database.
pub fn apply(
    state: &JourneyState,
    mv: &Move,
    standing: &Standing,
    levels: Levels,
    today: Date,
) -> DomainResult<JourneyState> {
    let Some((who, target)) = rule_for(state.status, mv.kind()) else {
        return Err(DomainError::MoveNotAllowed {
            status: state.status.as_str(),
            allowed: allowed_moves(state.status, standing),
        });
    };
    if !standing.may(who) {
        return Err(DomainError::Forbidden(who.refusal()));
    }
    validate(mv, today)?;
    let mut next = state.clone();
    next.status = match target {
        Target::To(status) => status,
        Target::Return => state.return_status.unwrap_or(IdeaStatus::InAssessment),
    };
    next.holder = match next.status.level() {
        super::Level::Author | super::Level::Nobody => None,
        super::Level::Erfa => state.erfa_group,
        super::Level::Steering => Some(levels.steering),
        super::Level::Product => Some(levels.product),
        super::Level::Recorded => state.holder,
    };
    if matches!(target, Target::Return) {
        next.holder = state.return_holder.or(next.holder);
        next.return_status = None;
        next.return_holder = None;
        next.review_date = None;
        next.resolution = String::new();
        next.resolution_code = None;
    }
    match mv {
        Move::Submit { group } => {
            next.erfa_group = Some(*group);
            next.holder = Some(*group);
        }
        Move::Prioritize { rank } => next.rank = Some(*rank),
        Move::Plan { release } | Move::Deliver { release } => next.release = Some(*release),
        Move::Merge { into } => next.merged_into = Some(*into),
        Move::Park { reason, review_date } => {
            next.return_status = Some(state.status);
            next.return_holder = state.holder;
            next.holder = state.holder;
            next.resolution = reason.trim().to_string();
            next.resolution_code = None;
            next.review_date = Some(*review_date);
        }
        Move::AskForInformation { .. } => {
            // The question goes back to the group that sent the idea to the product team.
            next.return_status = Some(state.status);
            next.return_holder = state.holder;
            next.holder = Some(levels.steering);
        }
        Move::SolveByConfiguration { solution } => {
            next.resolution = solution.trim().to_string();
            next.resolution_code = None;
        }
        Move::Decline { reason, standard } => {
            next.resolution = reason.trim().to_string();
            next.resolution_code = standard.map(str::to_string);
        }
        _ => {}
    }
    if next.status.is_final() {
        next.holder = None;
    }
    Ok(next)
}
