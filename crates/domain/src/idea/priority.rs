//! The tovholdergruppe's priority list: one order of the open ideas it has prioritized. A rank
//! is a place in that list, not a label: placing an idea at place 3 moves the ideas from place
//! 3 on one down, and an idea that leaves the list (it reached a final status) closes its gap.
//! So two ideas are never "nr. 1" at once.

use crate::ids::IdeaId;
use std::collections::HashSet;

/// The list after placing ideas, in the order given: `list` is the current order (first is
/// place 1, without the ideas being placed), each placement puts its idea at that place (or
/// last, if the list is shorter), and `leaving` are taken out.
pub fn place(list: &[IdeaId], placements: &[(IdeaId, i32)], leaving: &[IdeaId]) -> Vec<IdeaId> {
    // Sets: after a bulk load the list and the leavers run to thousands.
    let leaving: HashSet<IdeaId> = leaving.iter().copied().collect();
    let placed: HashSet<IdeaId> = placements.iter().map(|(id, _)| *id).collect();
    let mut order: Vec<IdeaId> =
        list.iter().copied().filter(|id| !placed.contains(id) && !leaving.contains(id)).collect();
    for (id, rank) in placements {
        if leaving.contains(id) {
            continue;
        }
        let at = usize::try_from(rank.saturating_sub(1)).unwrap_or(0).min(order.len());
        order.insert(at, *id);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[i64]) -> Vec<IdeaId> {
        v.iter().map(|i| IdeaId(*i)).collect()
    }

    #[test]
    fn a_place_moves_the_others_down_and_a_leaver_closes_its_gap() {
        let list = ids(&[10, 20, 30, 40]);
        // 50 becomes nr. 1: the rest move down one.
        assert_eq!(place(&list, &[(IdeaId(50), 1)], &[]), ids(&[50, 10, 20, 30, 40]));
        // 40 moves up to nr. 2.
        assert_eq!(place(&list, &[(IdeaId(40), 2)], &[]), ids(&[10, 40, 20, 30]));
        // 10 moves down to nr. 3.
        assert_eq!(place(&list, &[(IdeaId(10), 3)], &[]), ids(&[20, 30, 10, 40]));
        // A place past the end is the end.
        assert_eq!(place(&list, &[(IdeaId(50), 99)], &[]), ids(&[10, 20, 30, 40, 50]));
        // 20 is delivered: 30 and 40 move up.
        assert_eq!(place(&list, &[], &[IdeaId(20)]), ids(&[10, 30, 40]));
        // A round's result: its ideas in its order at the top.
        assert_eq!(place(&list, &[(IdeaId(30), 1), (IdeaId(60), 2)], &[]), ids(&[30, 60, 10, 20, 40]));
    }
}
