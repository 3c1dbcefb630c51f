//! Properties of a round's counting and ballots: the order of the ballots never matters, an
//! accepted points ballot never exceeds the budget, an accepted ranking never repeats a place,
//! and the result orders every idea on the ballot exactly once.
#![allow(clippy::unwrap_used)]

use idespor_domain::IdeaId;
use idespor_domain::round::{BallotIdea, Method, Round, Voters, check_ballot, count};
use jiff::Timestamp;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn round(method: Method, budget: i32, ideas: usize) -> Round {
    Round {
        id: idespor_domain::RoundId(1),
        title: "Runde".into(),
        description: String::new(),
        method,
        budget,
        voters: Voters::Erfagrupper,
        opens_at: Timestamp::UNIX_EPOCH,
        closes_at: Timestamp::MAX,
        created_by: None,
        created_at: Timestamp::UNIX_EPOCH,
        decision_id: None,
        ideas: (1..=ideas as i64)
            .map(|i| BallotIdea {
                idea_id: IdeaId(i),
                title: format!("Idé {i}"),
                need: String::new(),
                support_count: 0,
            })
            .collect(),
    }
}

fn ballot(values: Vec<(i64, i32)>) -> BTreeMap<IdeaId, i32> {
    values.into_iter().map(|(i, v)| (IdeaId(i), v)).collect()
}

proptest! {
    #[test]
    fn the_order_of_the_ballots_does_not_matter(
        ballots in prop::collection::vec(prop::collection::vec((1i64..=6, 0i32..=10), 0..6), 0..12),
        ranking in any::<bool>(),
        seed in any::<u64>(),
    ) {
        let method = if ranking { Method::Ranking } else { Method::Points };
        let ideas: Vec<IdeaId> = (1..=6).map(IdeaId).collect();
        let ballots: Vec<_> = ballots.into_iter().map(ballot).collect();
        let mut shuffled = ballots.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(count(method, &ideas, &ballots), count(method, &ideas, &shuffled));
    }

    #[test]
    fn an_accepted_points_ballot_keeps_the_budget(
        values in prop::collection::vec((1i64..=8, -3i32..=40), 0..10),
        budget in 1i32..=100,
    ) {
        let r = round(Method::Points, budget, 8);
        if let Ok(kept) = check_ballot(&r, &ballot(values)) {
            let total: i32 = kept.values().sum();
            prop_assert!(total <= budget && total > 0);
            prop_assert!(kept.values().all(|v| *v > 0));
        }
    }

    #[test]
    fn an_accepted_ranking_never_repeats_a_place(values in prop::collection::vec((1i64..=5, 0i32..=7), 0..8)) {
        let r = round(Method::Ranking, 0, 5);
        if let Ok(kept) = check_ballot(&r, &ballot(values)) {
            let mut places: Vec<i32> = kept.values().copied().collect();
            let before = places.len();
            places.sort_unstable();
            places.dedup();
            prop_assert_eq!(places.len(), before);
            prop_assert!(places.iter().all(|p| (1..=5).contains(p)));
        }
    }

    #[test]
    fn the_result_orders_every_idea_once(ballots in prop::collection::vec(prop::collection::vec((1i64..=5, 0i32..=9), 0..5), 0..6)) {
        let ideas: Vec<IdeaId> = (1..=5).map(IdeaId).collect();
        let result = count(Method::Points, &ideas, &ballots.into_iter().map(ballot).collect::<Vec<_>>());
        let mut seen: Vec<i64> = result.iter().map(|s| s.idea_id.0).collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, vec![1, 2, 3, 4, 5]);
        prop_assert!(result.windows(2).all(|w| w[0].score >= w[1].score));
        prop_assert_eq!(result.iter().map(|s| s.position).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5]);
    }
}

#[test]
fn an_idea_off_the_ballot_a_negative_value_and_an_empty_ballot_are_refused() {
    let r = round(Method::Points, 10, 3);
    assert!(check_ballot(&r, &ballot(vec![(9, 1)])).is_err());
    assert!(check_ballot(&r, &ballot(vec![(1, -1)])).is_err());
    assert!(check_ballot(&r, &ballot(vec![(1, 0)])).is_err());
    assert!(check_ballot(&r, &ballot(vec![(1, 6), (2, 5)])).is_err(), "11 points over a budget of 10");
    assert_eq!(check_ballot(&r, &ballot(vec![(1, 6), (2, 4), (3, 0)])).unwrap().len(), 2);
    let ranking = round(Method::Ranking, 0, 3);
    assert!(check_ballot(&ranking, &ballot(vec![(1, 1), (2, 1)])).is_err(), "two firsts");
    assert!(check_ballot(&ranking, &ballot(vec![(1, 4)])).is_err(), "place 4 of 3");
}
