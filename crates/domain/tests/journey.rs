//! The idea's state machine: every status × every move × every role as a table, and properties
//! of sequences of moves.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use idespor_domain::idea::journey::{JourneyState, Levels, Standing, allowed_moves, apply};
use idespor_domain::idea::{IdeaStatus as S, Move, MoveKind as K};
use idespor_domain::{DomainError, GroupId, IdeaId, ReleaseId};
use jiff::civil::date;
use proptest::prelude::*;

const TODAY: jiff::civil::Date = date(2026, 5, 11);
const ERFA: GroupId = GroupId(10);
const LEVELS: Levels = Levels { steering: GroupId(20), product: GroupId(30) };

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Author,
    ErfaCoordinator,
    Steering,
    ProductManager,
    HolderMember,
    Outsider,
}

const ROLES: [Role; 6] =
    [Role::Author, Role::ErfaCoordinator, Role::Steering, Role::ProductManager, Role::HolderMember, Role::Outsider];

fn standing(role: Role) -> Standing {
    Standing {
        is_author: role == Role::Author,
        coordinates_erfa_group: role == Role::ErfaCoordinator,
        steering_member: role == Role::Steering,
        product_manager: role == Role::ProductManager,
        member_of_holder: role == Role::HolderMember,
    }
}

fn sample(kind: K) -> Move {
    match kind {
        K::Submit => Move::Submit { group: ERFA },
        K::Withdraw => Move::Withdraw,
        K::Forward => Move::Forward,
        K::SolveByConfiguration => Move::SolveByConfiguration { solution: "Slå feltet til i opsætningen".into() },
        K::Decline => Move::Decline { reason: "Fortrængt af lovgivning".into(), standard: None },
        K::Merge => Move::Merge { into: IdeaId(99) },
        K::Prioritize => Move::Prioritize { rank: 2 },
        K::SendToProduct => Move::SendToProduct,
        K::Park => Move::Park { reason: "Afventer ny lov".into(), review_date: date(2026, 9, 1) },
        K::Resume => Move::Resume,
        K::AskForInformation => Move::AskForInformation { question: "Hvor ofte sker det?".into() },
        K::Answer => Move::Answer { answer: "Dagligt".into() },
        K::Accept => Move::Accept,
        K::Plan => Move::Plan { release: ReleaseId(1) },
        K::Start => Move::Start,
        K::Deliver => Move::Deliver { release: ReleaseId(1) },
    }
}

/// The journey as DOMAIN.md §4 and the issue state it, written out independently of the code:
/// (from, move, who may, to). `None` as the target means "back to where it was".
const EXPECTED: &[(S, K, Role, Option<S>)] = &[
    (S::Draft, K::Submit, Role::Author, Some(S::Submitted)),
    (S::Submitted, K::Withdraw, Role::Author, Some(S::Withdrawn)),
    (S::Submitted, K::Forward, Role::ErfaCoordinator, Some(S::Forwarded)),
    (S::Submitted, K::SolveByConfiguration, Role::ErfaCoordinator, Some(S::SolvedByConfiguration)),
    (S::Submitted, K::Decline, Role::ErfaCoordinator, Some(S::Declined)),
    (S::Submitted, K::Merge, Role::ErfaCoordinator, Some(S::Merged)),
    (S::Forwarded, K::Prioritize, Role::Steering, Some(S::Prioritized)),
    (S::Forwarded, K::SendToProduct, Role::Steering, Some(S::InAssessment)),
    (S::Forwarded, K::Decline, Role::Steering, Some(S::Declined)),
    (S::Forwarded, K::Merge, Role::Steering, Some(S::Merged)),
    (S::Forwarded, K::Park, Role::Steering, Some(S::Parked)),
    (S::Prioritized, K::Prioritize, Role::Steering, Some(S::Prioritized)),
    (S::Prioritized, K::SendToProduct, Role::Steering, Some(S::InAssessment)),
    (S::Prioritized, K::Decline, Role::Steering, Some(S::Declined)),
    (S::Prioritized, K::Merge, Role::Steering, Some(S::Merged)),
    (S::Prioritized, K::Park, Role::Steering, Some(S::Parked)),
    (S::InAssessment, K::AskForInformation, Role::ProductManager, Some(S::NeedsInformation)),
    (S::InAssessment, K::Accept, Role::ProductManager, Some(S::Accepted)),
    (S::InAssessment, K::Plan, Role::ProductManager, Some(S::Planned)),
    (S::InAssessment, K::Decline, Role::ProductManager, Some(S::Declined)),
    (S::InAssessment, K::Park, Role::ProductManager, Some(S::Parked)),
    (S::NeedsInformation, K::Answer, Role::Author, None),
    (S::NeedsInformation, K::Answer, Role::ErfaCoordinator, None),
    (S::NeedsInformation, K::Answer, Role::HolderMember, None),
    (S::Accepted, K::Plan, Role::ProductManager, Some(S::Planned)),
    (S::Accepted, K::Decline, Role::ProductManager, Some(S::Declined)),
    (S::Accepted, K::Park, Role::ProductManager, Some(S::Parked)),
    (S::Planned, K::Plan, Role::ProductManager, Some(S::Planned)),
    (S::Planned, K::Start, Role::ProductManager, Some(S::InDevelopment)),
    (S::Planned, K::Decline, Role::ProductManager, Some(S::Declined)),
    (S::InDevelopment, K::Deliver, Role::ProductManager, Some(S::Delivered)),
    (S::Parked, K::Resume, Role::HolderMember, None),
];

fn state_in(status: S) -> JourneyState {
    let mut state = JourneyState::draft();
    state.status = status;
    state.erfa_group = Some(ERFA);
    state.holder = match status {
        S::Submitted => Some(ERFA),
        S::Forwarded | S::Prioritized | S::NeedsInformation => Some(LEVELS.steering),
        S::InAssessment | S::Accepted | S::Planned | S::InDevelopment | S::Parked => Some(LEVELS.product),
        _ => None,
    };
    if matches!(status, S::Parked | S::NeedsInformation) {
        state.return_status = Some(S::InAssessment);
        state.return_holder = Some(LEVELS.product);
    }
    state
}

#[test]
fn every_status_move_and_role() {
    let mut checked = 0;
    for status in S::ALL {
        for kind in K::ALL {
            for role in ROLES {
                let expected = EXPECTED.iter().find(|(s, k, r, _)| *s == status && *k == kind && *r == role);
                let any_role = EXPECTED.iter().any(|(s, k, _, _)| *s == status && *k == kind);
                let result = apply(&state_in(status), &sample(kind), &standing(role), LEVELS, TODAY);
                match (expected, result) {
                    (Some((_, _, _, Some(to))), Ok(next)) => {
                        assert_eq!(next.status, *to, "{status:?} {kind:?} {role:?}")
                    }
                    (Some((_, _, _, None)), Ok(next)) => {
                        assert_eq!(next.status, S::InAssessment, "{status:?} {kind:?} returns")
                    }
                    (None, Err(DomainError::Forbidden(_))) if any_role => {}
                    (None, Err(DomainError::MoveNotAllowed { .. })) if !any_role => {}
                    (expected, result) => panic!("{status:?} {kind:?} {role:?}: expected {expected:?}, got {result:?}"),
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 15 * 16 * 6);
}

#[test]
fn a_refused_move_lists_the_allowed_ones() {
    let Err(DomainError::MoveNotAllowed { status, allowed }) =
        apply(&state_in(S::Submitted), &Move::Accept, &standing(Role::ErfaCoordinator), LEVELS, TODAY)
    else {
        panic!("accepting a submitted idea is not a move")
    };
    assert_eq!(status, "submitted");
    assert_eq!(allowed, vec![K::Forward, K::SolveByConfiguration, K::Decline, K::Merge]);
    assert_eq!(allowed_moves(S::Submitted, &standing(Role::Author)), vec![K::Withdraw]);
}

#[test]
fn what_moves_require() {
    let coordinator = standing(Role::ErfaCoordinator);
    let empty = Move::Decline { reason: "   ".into(), standard: None };
    let Err(DomainError::Invalid(errors)) = apply(&state_in(S::Submitted), &empty, &coordinator, LEVELS, TODAY) else {
        panic!("a decline needs a reason")
    };
    assert_eq!(errors.for_field("reason"), Some("required"));
    let solution = Move::SolveByConfiguration { solution: String::new() };
    assert!(matches!(
        apply(&state_in(S::Submitted), &solution, &coordinator, LEVELS, TODAY),
        Err(DomainError::Invalid(_))
    ));
    let steering = standing(Role::Steering);
    let past = Move::Park { reason: "Afventer".into(), review_date: TODAY };
    let Err(DomainError::Invalid(errors)) = apply(&state_in(S::Forwarded), &past, &steering, LEVELS, TODAY) else {
        panic!("a park needs a future review date")
    };
    assert_eq!(errors.for_field("review_date"), Some("review_date_in_past"));
    let rank = Move::Prioritize { rank: 0 };
    assert!(matches!(apply(&state_in(S::Forwarded), &rank, &steering, LEVELS, TODAY), Err(DomainError::Invalid(_))));
}

#[test]
fn holders_follow_the_levels() {
    let forwarded =
        apply(&state_in(S::Submitted), &Move::Forward, &standing(Role::ErfaCoordinator), LEVELS, TODAY).unwrap();
    assert_eq!(forwarded.holder, Some(LEVELS.steering));
    let sent = apply(&forwarded, &Move::SendToProduct, &standing(Role::Steering), LEVELS, TODAY).unwrap();
    assert_eq!(sent.holder, Some(LEVELS.product));
    let asked = apply(&sent, &sample(K::AskForInformation), &standing(Role::ProductManager), LEVELS, TODAY).unwrap();
    assert_eq!(asked.holder, Some(LEVELS.steering), "the question goes back to the group that sent it");
    let answered = apply(&asked, &sample(K::Answer), &standing(Role::Author), LEVELS, TODAY).unwrap();
    assert_eq!((answered.status, answered.holder), (S::InAssessment, Some(LEVELS.product)));
    let parked = apply(&answered, &sample(K::Park), &standing(Role::ProductManager), LEVELS, TODAY).unwrap();
    assert_eq!((parked.status, parked.holder), (S::Parked, Some(LEVELS.product)));
    assert_eq!(parked.resolution, "Afventer ny lov");
    let resumed = apply(&parked, &Move::Resume, &standing(Role::HolderMember), LEVELS, TODAY).unwrap();
    assert_eq!((resumed.status, resumed.holder, resumed.review_date), (S::InAssessment, Some(LEVELS.product), None));
    let declined = apply(&resumed, &sample(K::Decline), &standing(Role::ProductManager), LEVELS, TODAY).unwrap();
    assert_eq!((declined.status, declined.holder), (S::Declined, None));
}

fn any_move() -> impl Strategy<Value = Move> {
    (0..K::ALL.len()).prop_map(|i| sample(K::ALL[i]))
}

fn almighty() -> Standing {
    Standing {
        is_author: true,
        coordinates_erfa_group: true,
        steering_member: true,
        product_manager: true,
        member_of_holder: true,
    }
}

proptest! {
    /// No sequence of moves changes a final status, and a refused move changes nothing.
    #[test]
    fn final_statuses_stay_final(moves in proptest::collection::vec(any_move(), 1..40)) {
        let mut state = JourneyState::draft();
        let mut history: Vec<S> = vec![state.status];
        for mv in &moves {
            if let Ok(next) = apply(&state, mv, &almighty(), LEVELS, TODAY) {
                prop_assert!(!state.status.is_final(), "{:?} left final status {:?}", mv, state.status);
                state = next;
                history.push(state.status);
            }
        }
        // Once a final status appears in the history, it is the last entry.
        if let Some(i) = history.iter().position(|s| s.is_final()) {
            prop_assert_eq!(i, history.len() - 1);
        }
        // Final ideas are held by nobody; open ones past the draft by some group.
        if state.status.is_final() || state.status == S::Draft {
            prop_assert!(state.holder.is_none());
        } else {
            prop_assert!(state.holder.is_some());
        }
    }
}
