//! Micro-benchmarks of the domain's pure rules at the sizes of one community (DOMAIN.md §10:
//! about 100 organizations, 5,000 people, 20,000 ideas, 150,000 moves): the journey's rules, the
//! idea form, Danish search terms, the text check, Danish sorting and the influence figures.
//!
//! `cargo bench -p idespor-domain` runs them all; `cargo bench -p idespor-domain -- figures`
//! only those whose path contains `figures`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use divan::{Bencher, black_box};
use idespor_domain::figures::{self, HistoryStep, IdeaHistory, Scope};
use idespor_domain::group::GroupKind;
use idespor_domain::idea::journey::{self, JourneyState, Levels, Standing};
use idespor_domain::idea::{IdeaForm, IdeaStatus, Move, MoveKind};
use idespor_domain::{GroupId, IdeaId, ReleaseId, collation, search, text};
use jiff::civil::{Date, date};
use jiff::{SignedDuration, Timestamp};

fn main() {
    divan::main();
}

const TODAY: Date = date(2026, 5, 11);
const ERFA: GroupId = GroupId(1);
const LEVELS: Levels = Levels { steering: GroupId(20), product: GroupId(30) };

/// A person with every right the journey knows but the author's: tovholder of the erfagruppe,
/// member of the tovholdergruppe, product manager and of the group holding the idea.
const EVERY_RIGHT: Standing = Standing {
    is_author: false,
    coordinates_erfa_group: true,
    steering_member: true,
    product_manager: true,
    member_of_holder: true,
};

/// An idea as it typically is when the erfagruppe's tovholder looks at it.
fn submitted() -> JourneyState {
    JourneyState { status: IdeaStatus::Submitted, erfa_group: Some(ERFA), holder: Some(ERFA), ..JourneyState::draft() }
}

fn forwarded() -> JourneyState {
    JourneyState { status: IdeaStatus::Forwarded, holder: Some(LEVELS.steering), ..submitted() }
}

const DECLINE_REASON: &str = "Tovholdergruppen har drøftet idéen på mødet i marts. Ønsket kræver en ændring af \
     lovgivningen om elektronisk medicinhåndtering, og leverandøren kan ikke ændre dokumentationskravene alene. \
     Vi tager den op igen, når Sundhedsstyrelsens nye vejledning foreligger.";

mod journey_rules {
    use super::*;

    #[divan::bench(args = [IdeaStatus::Submitted, IdeaStatus::Forwarded, IdeaStatus::InAssessment, IdeaStatus::Delivered])]
    fn allowed_moves(status: IdeaStatus) -> Vec<MoveKind> {
        journey::allowed_moves(black_box(status), black_box(&EVERY_RIGHT))
    }

    /// The content check of a decline with a written reason (the text is checked in full).
    #[divan::bench]
    fn validate_decline(bencher: Bencher) {
        let mv = Move::Decline { reason: DECLINE_REASON.into(), standard: None };
        bencher.bench_local(|| journey::validate(black_box(&mv), TODAY));
    }

    /// The tovholder forwards a submitted idea to the tovholdergruppe.
    #[divan::bench]
    fn apply_forward(bencher: Bencher) {
        let (state, standing) = (submitted(), Standing { coordinates_erfa_group: true, ..Standing::default() });
        bencher.bench_local(|| journey::apply(black_box(&state), &Move::Forward, &standing, LEVELS, TODAY).unwrap());
    }

    /// The tovholdergruppe declines a forwarded idea with a reason.
    #[divan::bench]
    fn apply_decline(bencher: Bencher) {
        let (state, standing) = (forwarded(), Standing { steering_member: true, ..Standing::default() });
        let mv = Move::Decline { reason: DECLINE_REASON.into(), standard: None };
        bencher.bench_local(|| journey::apply(black_box(&state), black_box(&mv), &standing, LEVELS, TODAY).unwrap());
    }
}

/// A need as the erfagrupper write them: a few hundred words in the agreed template.
fn danish_idea() -> IdeaForm {
    IdeaForm {
        title: "Overblik over ændret medicindosering ved aftenbesøget".into(),
        role: "Sygeplejerske i hjemmeplejen, aftenvagt i distrikt Vest".into(),
        situation: "Om aftenen besøger vi 25–30 borgere på en rute. Når lægen har ændret doseringen af en borgers \
                    medicin i løbet af dagen, står ændringen i medicinmodulet, men ikke på kørelisten eller i \
                    besøgsoversigten på telefonen. Vi opdager den først, når vi åbner medicinlisten hos borgeren, \
                    og må så ringe til dagvagten for at høre, om doseringsæsken allerede er lavet om. Det sker \
                    flere gange om ugen i vores distrikt, oftest fredag aften, hvor lægerne har ryddet op i \
                    medicinlisterne inden weekenden."
            .into(),
        need: "Vi har brug for at kunne se på kørelisten, at en borgers medicinering er ændret siden sidste \
               besøg, så vi kan forberede os, før vi kører ud. Det skal fremgå, hvornår ændringen er sket, og \
               hvem der har ordineret den. Markeringen skal forsvinde, når en medarbejder har kvitteret for at \
               have set ændringen, så den næste vagt ikke bliver forstyrret af gamle markeringer. Borgere med \
               dosisdispenseret medicin fra apoteket skal også markeres, når apoteket har ændret pakningen."
            .into(),
        effect: "Færre fejl i medicingivningen om aftenen, færre opkald mellem vagterne og mere tid hos \
                 borgeren. Vi regner med at spare 10–15 minutter pr. aftenvagt i distriktet og at undgå de \
                 utilsigtede hændelser, vi i dag indberetter om forkert dosering efter ændringer."
            .into(),
        product_area_id: "3".into(),
    }
}

mod idea_form {
    use super::*;

    /// Parsing a posted idea: every field trimmed and checked.
    #[divan::bench]
    fn parse(bencher: Bencher) {
        let form = danish_idea();
        bencher.bench_local(|| black_box(&form).parse().unwrap());
    }

    /// The weighted search terms of a parsed idea (what is stored when it is submitted).
    #[divan::bench]
    fn search_terms(bencher: Bencher) {
        let input = danish_idea().parse().unwrap();
        bencher.bench_local(|| black_box(&input).search_terms());
    }
}

mod danish_search {
    use super::*;

    #[divan::bench(args = ["medicin", "medicin dosering", "planlægning af kørelister til aftenvagten i hjemmeplejen"])]
    fn query_terms(query: &str) -> Vec<String> {
        search::query_terms(black_box(query))
    }

    /// A typical idea's texts, each with its weight.
    #[divan::bench]
    fn index_terms_idea(bencher: Bencher) {
        let idea = danish_idea();
        bencher.bench_local(|| {
            search::index_terms(black_box(&[
                (idea.title.as_str(), search::WEIGHT_TITLE),
                (idea.need.as_str(), search::WEIGHT_NEED),
                (idea.role.as_str(), search::WEIGHT_OTHER),
                (idea.situation.as_str(), search::WEIGHT_OTHER),
                (idea.effect.as_str(), search::WEIGHT_OTHER),
            ]))
        });
    }

    /// A need as long as the form allows (5,000 characters).
    #[divan::bench]
    fn index_terms_longest_need(bencher: Bencher) {
        let need = danish_text(idespor_domain::idea::form::TEXT_MAX);
        assert_eq!(need.chars().count(), idespor_domain::idea::form::TEXT_MAX);
        bencher.bench_local(|| search::index_terms(&[(black_box(need.as_str()), search::WEIGHT_NEED)]));
    }
}

/// Danish prose (with æ, ø, å) of exactly `chars` characters.
fn danish_text(chars: usize) -> String {
    let idea = danish_idea();
    let paragraph = format!("{}\n\n{}\n\n{}\n\n", idea.situation, idea.need, idea.effect);
    paragraph.chars().cycle().take(chars).collect()
}

/// Danish prose of (just under) `bytes` bytes.
fn danish_text_of_bytes(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes);
    for c in danish_text(bytes).chars() {
        if text.len() + c.len_utf8() > bytes {
            break;
        }
        text.push(c);
    }
    text
}

mod text_check {
    use super::*;

    /// The check every typed text passes: length in characters, control characters, bidi
    /// controls left open. A clean text is the worst case: all three scans run to the end.
    #[divan::bench(args = [10_000, 1_000_000])]
    fn problem(bencher: Bencher, bytes: usize) {
        let text = danish_text_of_bytes(bytes);
        let max = text.chars().count();
        bencher.bench_local(|| {
            let found = text::problem(black_box(&text), max);
            assert_eq!(found, None);
        });
    }
}

/// The names of the 98 municipalities, in the order of the project's reference data (by code).
fn municipality_names() -> Vec<&'static str> {
    const CSV: &str = include_str!("../../idespor/data/kommuner_udvidet.csv");
    let mut lines = CSV.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let name = header.iter().position(|h| *h == "navn").unwrap();
    let names: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).map(|l| l.split(',').nth(name).unwrap()).collect();
    assert_eq!(names.len(), 98);
    names
}

/// Sorting the 98 municipalities the Danish way (Aabenraa with Å, after Ø).
#[divan::bench]
fn sort_danish_municipalities(bencher: Bencher) {
    let names = municipality_names();
    bencher.with_inputs(|| names.clone()).bench_local_refs(|names| collation::sort_danish_by(names, |s| s));
}

/// A small deterministic generator (xorshift64*), so every run measures the same histories.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The first moment of the five years of history.
fn epoch() -> Timestamp {
    "2021-05-11T08:00:00Z".parse().unwrap()
}

/// The end of the five years: the moment the figures are asked for.
fn now() -> Timestamp {
    epoch() + days(5 * 365)
}

fn days(n: u64) -> SignedDuration {
    SignedDuration::from_hours(24 * n as i64)
}

/// Where a waiting idea goes next from its status, for a roll in 0..100 (`None`: it waits
/// there). Most ideas are submitted and forwarded; the tovholdergruppe ranks its ideas again at
/// most of its meetings; the product team often asks for more before it accepts.
fn next_kind(status: IdeaStatus, roll: u64) -> Option<MoveKind> {
    use IdeaStatus as S;
    use MoveKind as K;
    let weighted: &[(u64, MoveKind)] = match status {
        S::Draft => &[(92, K::Submit)],
        S::Submitted => &[(2, K::Withdraw), (10, K::SolveByConfiguration), (6, K::Decline), (74, K::Forward)],
        S::Forwarded => &[(4, K::Decline), (3, K::Park), (80, K::Prioritize), (9, K::SendToProduct)],
        S::Prioritized => &[(2, K::Decline), (2, K::Park), (84, K::Prioritize), (10, K::SendToProduct)],
        S::InAssessment => &[(44, K::AskForInformation), (30, K::Accept), (8, K::Plan), (7, K::Decline), (5, K::Park)],
        S::NeedsInformation => &[(94, K::Answer)],
        S::Accepted => &[(80, K::Plan), (5, K::Decline), (5, K::Park)],
        S::Planned => &[(19, K::Plan), (72, K::Start), (3, K::Decline)],
        S::InDevelopment => &[(90, K::Deliver)],
        S::Parked => &[(50, K::Resume)],
        _ => &[],
    };
    let mut left = roll;
    for &(weight, kind) in weighted {
        if left < weight {
            return Some(kind);
        }
        left -= weight;
    }
    None
}

/// The move of `kind` with plausible content.
fn make_move(kind: MoveKind, rng: &mut Rng, idea: u64) -> Move {
    let release = ReleaseId(1 + rng.below(12) as i64);
    match kind {
        MoveKind::Submit => Move::Submit { group: GroupId(1 + (idea % 10) as i64) },
        MoveKind::Withdraw => Move::Withdraw,
        MoveKind::Forward => Move::Forward,
        MoveKind::SolveByConfiguration => {
            Move::SolveByConfiguration { solution: "Slå feltet til i opsætningen.".into() }
        }
        MoveKind::Decline => Move::Decline { reason: DECLINE_REASON.into(), standard: None },
        MoveKind::Merge => Move::Merge { into: IdeaId(idea.max(1) as i64) },
        MoveKind::Prioritize => Move::Prioritize { rank: 1 + rng.below(50) as i32 },
        MoveKind::SendToProduct => Move::SendToProduct,
        MoveKind::Park => Move::Park { reason: "Afventer ny lovgivning.".into(), review_date: date(2027, 1, 4) },
        MoveKind::Resume => Move::Resume,
        MoveKind::AskForInformation => Move::AskForInformation { question: "Gælder det også natten?".into() },
        MoveKind::Answer => Move::Answer { answer: "Ja, også om natten.".into() },
        MoveKind::Accept => Move::Accept,
        MoveKind::Plan => Move::Plan { release },
        MoveKind::Start => Move::Start,
        MoveKind::Deliver => Move::Deliver { release },
    }
}

/// The kind of group that holds an idea in this state (who decides its next move).
fn level(state: &JourneyState) -> Option<GroupKind> {
    match state.holder {
        Some(g) if g == LEVELS.steering => Some(GroupKind::Steering),
        Some(g) if g == LEVELS.product => Some(GroupKind::Product),
        Some(_) => Some(GroupKind::Erfa),
        None => None,
    }
}

/// `n` ideas written over five years, each moved by the journey's own rules (`journey::apply`)
/// until it reaches a final status, waits, or reaches the present. For 20,000 ideas this makes
/// about 146,000 moves (the community has 150,000): two thirds of the ideas are forwarded, two
/// fifths reach the product team and one in six is delivered.
fn histories(n: u64) -> Vec<IdeaHistory> {
    let mut rng = Rng(0x1de5_9012);
    let all = Standing { is_author: true, ..EVERY_RIGHT };
    (0..n)
        .map(|i| {
            let created = epoch() + days(rng.below(5 * 365));
            let mut at = created;
            let mut state = JourneyState::draft();
            let mut steps = Vec::new();
            while let Some(kind) = next_kind(state.status, rng.below(100)) {
                at += days(1 + rng.below(30));
                if at >= now() {
                    break;
                }
                let mv = make_move(kind, &mut rng, i);
                let next = journey::apply(&state, &mv, &all, LEVELS, TODAY).expect("the rules allow the move");
                steps.push(HistoryStep {
                    at,
                    kind,
                    from_status: Some(state.status),
                    to_status: next.status,
                    from_level: level(&state),
                });
                state = next;
            }
            IdeaHistory {
                idea_id: IdeaId(i as i64 + 1),
                title: format!("Idé nummer {}", i + 1),
                erfa_group: state.erfa_group,
                author_org: Some(idespor_domain::OrgId(1 + (i % 98) as i64)),
                created_at: created,
                status: state.status,
                steps,
            }
        })
        .collect()
}

mod influence_figures {
    use super::*;

    /// The last two of the five years.
    fn period() -> (Timestamp, Timestamp) {
        (now() - days(2 * 365), now())
    }

    /// The facts of the whole community for the period, from whole histories.
    #[divan::bench(args = [2_000, 20_000])]
    fn facts(bencher: Bencher, ideas: u64) {
        let ideas = histories(ideas);
        let (from, to) = period();
        bencher.bench_local(|| figures::facts(black_box(&ideas), Scope::Community, from, to));
    }

    /// One erfagruppe's facts: the same histories read, a tenth of them counted.
    #[divan::bench(args = [2_000, 20_000])]
    fn facts_of_a_group(bencher: Bencher, ideas: u64) {
        let ideas = histories(ideas);
        let (from, to) = period();
        bencher.bench_local(|| figures::facts(black_box(&ideas), Scope::Group(ERFA), from, to));
    }

    /// The figures from the facts: counts, declines by level, stage medians and 90th
    /// percentiles, answers against the target.
    #[divan::bench(args = [2_000, 20_000])]
    fn assemble(bencher: Bencher, ideas: u64) {
        let (from, to) = period();
        let facts = figures::facts(&histories(ideas), Scope::Community, from, to);
        assert!(facts.moves.len() as u64 > ideas, "the histories move: {}", facts.moves.len());
        bencher
            .with_inputs(|| facts.clone())
            .bench_local_values(|facts| figures::assemble(facts, Scope::Community, from, to, to, 60));
    }
}
