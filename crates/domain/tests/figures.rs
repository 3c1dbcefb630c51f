//! Influence figures against a hand-built community whose answers are known by hand.
#![allow(clippy::unwrap_used)]

use idespor_domain::figures::{HistoryStep, IdeaHistory, Scope, compute};
use idespor_domain::group::GroupKind;
use idespor_domain::idea::{IdeaStatus as S, MoveKind as K};
use idespor_domain::{GroupId, IdeaId, OrgId};
use jiff::{SignedDuration, Timestamp};

fn day(n: i64) -> Timestamp {
    Timestamp::UNIX_EPOCH + SignedDuration::from_hours(24 * 1000 + 24 * n)
}

fn step(d: i64, kind: K, from: Option<S>, to: S, level: Option<GroupKind>) -> HistoryStep {
    HistoryStep { at: day(d), kind, from_status: from, to_status: to, from_level: level }
}

fn idea(id: i64, group: i64, org: i64, created: i64, status: S, steps: Vec<HistoryStep>) -> IdeaHistory {
    IdeaHistory {
        idea_id: IdeaId(id),
        title: format!("Idé {id}"),
        erfa_group: Some(GroupId(group)),
        author_org: Some(OrgId(org)),
        created_at: day(created),
        status,
        steps,
    }
}

/// A: delivered after the whole journey; B: forwarded and still waiting; C: declined by its
/// erfagruppe; D: declined by the tovholdergruppe after 78 days.
fn community() -> Vec<IdeaHistory> {
    use GroupKind::{Erfa, Product, Steering};
    vec![
        idea(
            1,
            1,
            10,
            0,
            S::Delivered,
            vec![
                step(1, K::Submit, Some(S::Draft), S::Submitted, None),
                step(3, K::Forward, Some(S::Submitted), S::Forwarded, Some(Erfa)),
                step(13, K::Prioritize, Some(S::Forwarded), S::Prioritized, Some(Steering)),
                step(15, K::SendToProduct, Some(S::Prioritized), S::InAssessment, Some(Steering)),
                step(20, K::Accept, Some(S::InAssessment), S::Accepted, Some(Product)),
                step(25, K::Plan, Some(S::Accepted), S::Planned, Some(Product)),
                step(40, K::Deliver, Some(S::Planned), S::Delivered, Some(Product)),
            ],
        ),
        idea(
            2,
            1,
            11,
            2,
            S::Forwarded,
            vec![
                step(2, K::Submit, Some(S::Draft), S::Submitted, None),
                step(5, K::Forward, Some(S::Submitted), S::Forwarded, Some(Erfa)),
            ],
        ),
        idea(
            3,
            2,
            10,
            4,
            S::Declined,
            vec![
                step(5, K::Submit, Some(S::Draft), S::Submitted, None),
                step(6, K::Decline, Some(S::Submitted), S::Declined, Some(Erfa)),
            ],
        ),
        idea(
            4,
            2,
            12,
            1,
            S::Declined,
            vec![
                step(1, K::Submit, Some(S::Draft), S::Submitted, None),
                step(2, K::Forward, Some(S::Submitted), S::Forwarded, Some(Erfa)),
                step(80, K::Decline, Some(S::Forwarded), S::Declined, Some(Steering)),
            ],
        ),
    ]
}

#[test]
fn the_community_s_figures_are_the_hand_counted_ones() {
    let f = compute(&community(), Scope::Community, day(0), day(90), day(100), 60);
    let count = |name: &str| f.counts.iter().find(|(c, _)| *c == name).unwrap().1;
    assert_eq!(count("written"), 4);
    assert_eq!(count("submitted"), 4);
    assert_eq!(count("forwarded"), 3);
    assert_eq!(count("prioritized"), 1);
    assert_eq!(count("accepted"), 1);
    assert_eq!(count("planned"), 1);
    assert_eq!(count("delivered"), 1);
    assert_eq!(count("declined"), 2);
    assert_eq!(count("solved_by_configuration"), 0);
    let by = |level| f.declines.iter().find(|d| d.level == Some(level)).map(|d| d.count);
    assert_eq!((by(GroupKind::Erfa), by(GroupKind::Steering)), (Some(1), Some(1)));
    // With the erfagruppe: A 2 days, B 3, C 1, D 1 → median 1.5, 90th percentile 3.
    let submitted = f.stage_times.iter().find(|s| s.stage == S::Submitted).unwrap();
    assert_eq!((submitted.count, submitted.median_days, submitted.p90_days), (4, Some(1.5), Some(3.0)));
    // With the tovholdergruppe: A 10 days, D 78 days (B still there).
    let forwarded = f.stage_times.iter().find(|s| s.stage == S::Forwarded).unwrap();
    assert_eq!((forwarded.count, forwarded.median_days), (2, Some(44.0)));
    // Answered within 60 days: A; late: D (78 days); still waiting past the target: B (95 days).
    assert_eq!((f.answered_within_target, f.answered_late), (1, 1));
    let late: Vec<_> = f.late.iter().map(|l| (l.idea_id.0, l.days, l.answered)).collect();
    assert_eq!(late, vec![(2, 95, false), (4, 78, true)]);
}

#[test]
fn a_group_and_a_municipality_see_their_own_ideas_only() {
    let f = compute(&community(), Scope::Group(GroupId(1)), day(0), day(90), day(100), 60);
    let count = |f: &idespor_domain::figures::Figures, name: &str| f.counts.iter().find(|(c, _)| *c == name).unwrap().1;
    assert_eq!((count(&f, "written"), count(&f, "declined"), count(&f, "delivered")), (2, 0, 1));
    let org = compute(&community(), Scope::Organization(OrgId(10)), day(0), day(90), day(100), 60);
    assert_eq!((count(&org, "written"), count(&org, "declined")), (2, 1));
}

#[test]
fn a_period_counts_only_what_happened_in_it() {
    // Days 10 to 30: A prioritized (13), sent on (15), accepted (20), planned (25); nothing else.
    let f = compute(&community(), Scope::Community, day(10), day(30), day(100), 60);
    let nonzero: Vec<_> = f.counts.iter().filter(|(_, n)| *n > 0).map(|(c, n)| (*c, *n)).collect();
    assert_eq!(nonzero, vec![("prioritized", 1), ("accepted", 1), ("planned", 1)]);
    assert_eq!(f.answered_within_target, 1);
}
