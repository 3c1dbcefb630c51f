//! `idespor seed --scale community|hosted`: a community at the sizes in DOMAIN.md §10 for
//! benchmarks, deterministic from a seed number, written in bulk.
//!
//! The demo community is loaded first (through the use cases). The people, ideas, journeys,
//! supports, comments, meetings, decisions and notifications added after it are generated here
//! and written many rows to a statement, because going through the use cases one move at a time
//! would take hours at the hosted size. The data still obeys the rules: every move is made by
//! the domain's own `journey::apply` from the idea's state, by a person who holds that right, and
//! the counters on each idea row are counted from the rows written beside it.

use crate::demo_ideas::IDEAS;
use anyhow::{Context, anyhow};
use idespor_domain::group::{GroupKind, GroupRole};
use idespor_domain::idea::journey::{self, JourneyState, Levels, Standing};
use idespor_domain::idea::{IdeaInput, IdeaStatus, Move};
use idespor_domain::org::OrgKind;
use idespor_domain::service::Services;
use idespor_domain::{GroupId, ProductAreaId, ReleaseId};
use idespor_storage::Db;
use idespor_storage::bulk::{self, Cell, Rows};
use indicatif::{ProgressBar, ProgressStyle};
use jiff::{SignedDuration, Timestamp, ToSpan};
use std::collections::{BTreeMap, HashSet};

/// How big a community to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub people: usize,
    pub extra_organizations: usize,
    pub ideas: usize,
    pub supports: usize,
    pub comments: usize,
    pub meetings: usize,
}

impl Sizes {
    /// DOMAIN.md §10: one community on one machine.
    pub const COMMUNITY: Sizes = Sizes {
        people: 5_000,
        extra_organizations: 0,
        ideas: 20_000,
        supports: 200_000,
        comments: 100_000,
        meetings: 2_000,
    };

    /// Twenty times the community (a hosted service for many vendors' communities), meant for
    /// PostgreSQL. The 98 municipalities stay; the other organizations are invented.
    pub fn hosted() -> Sizes {
        let c = Self::COMMUNITY;
        Sizes {
            people: c.people * 20,
            extra_organizations: 1_900,
            ideas: c.ideas * 20,
            supports: c.supports * 20,
            comments: c.comments * 20,
            meetings: c.meetings * 20,
        }
    }

    /// The same community with `ideas` ideas; people, supports, comments and meetings follow in
    /// proportion (at least a handful of each).
    pub fn with_ideas(self, ideas: usize) -> Sizes {
        let scale = |n: usize| (n as f64 * ideas as f64 / self.ideas.max(1) as f64).ceil() as usize;
        Sizes {
            people: scale(self.people).max(50),
            extra_organizations: scale(self.extra_organizations),
            ideas,
            supports: scale(self.supports),
            comments: scale(self.comments),
            meetings: scale(self.meetings).max(12),
        }
    }

    pub fn parse(scale: &str) -> Option<Sizes> {
        match scale {
            "community" => Some(Self::COMMUNITY),
            "hosted" => Some(Self::hosted()),
            _ => None,
        }
    }
}

/// What was written.
#[derive(Debug, Default)]
pub struct Summary {
    pub organizations: usize,
    pub people: usize,
    pub ideas: usize,
    pub moves: usize,
    pub supports: usize,
    pub comments: usize,
    pub meetings: usize,
    pub decisions: usize,
    pub notifications: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} organizations, {} people, {} ideas, {} moves, {} supports, {} comments, {} meetings, {} decisions, {} notifications",
            self.organizations,
            self.people,
            self.ideas,
            self.moves,
            self.supports,
            self.comments,
            self.meetings,
            self.decisions,
            self.notifications
        )
    }
}

/// How many years of history the community has.
const YEARS: i64 = 5;

/// A small deterministic generator (xorshift64*): the same seed gives the same community.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).max(1))
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn percent(&mut self) -> usize {
        self.below(100)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn days(&mut self, from: i64, to: i64) -> SignedDuration {
        let secs = (from * 86_400) + self.below(((to - from).max(1) * 86_400) as usize) as i64;
        SignedDuration::from_secs(secs)
    }
}

const FIRST_NAMES: &[&str] = &[
    "Anne",
    "Mette",
    "Hanne",
    "Susanne",
    "Lene",
    "Marianne",
    "Camilla",
    "Louise",
    "Charlotte",
    "Maria",
    "Tina",
    "Pia",
    "Bente",
    "Karen",
    "Lone",
    "Helle",
    "Rikke",
    "Sofie",
    "Ida",
    "Emma",
    "Peter",
    "Jens",
    "Lars",
    "Henrik",
    "Søren",
    "Niels",
    "Michael",
    "Thomas",
    "Anders",
    "Jesper",
    "Morten",
    "Rasmus",
    "Martin",
    "Kim",
    "Ole",
    "Bo",
    "Jakob",
    "Mads",
    "Frederik",
    "Åse",
];
const LAST_NAMES: &[&str] = &[
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Christiansen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Østergaard",
    "Krogh",
    "Dalgaard",
    "Bech",
    "Holm",
    "Lund",
    "Kjær",
    "Skov",
    "Vestergaard",
    "Ærø",
];
const COMMENTS: &[&str] = &[
    "Det kender vi også fra vores hjemmepleje.",
    "Vi har samme problem i aftenvagten, især i weekenderne.",
    "Hos os har vi løst det midlertidigt med et ekstra skema, men det giver dobbeltregistrering.",
    "God idé. Det vil spare vores sygeplejersker for mange klik.",
    "Kan man ikke allerede gøre det under opsætningen af **indsatser**?",
    "Vi støtter, men det skal også virke på mobilen ude hos borgeren.",
    "Vores jurist mener, at det skal afklares med databeskyttelsesrådgiveren først.",
    "Vi prøvede det i et pilotprojekt sidste år, og det virkede godt.",
    "Det er vigtigt, at pårørende ikke kan se oplysningerne.",
    "Tak for et godt oplæg på erfamødet.",
    "Det hænger sammen med idéen om bedre overblik over medicin.",
    "Vi har skrevet en kort vejledning, som vi gerne deler.",
];
const SOLUTIONS: &[&str] = &[
    "Kan løses ved at slå feltet til under Opsætning → Indsatser.",
    "Findes allerede: brug filteret »Mine borgere« på forsiden.",
    "Løst med en ny skabelon, som erfagruppen har delt.",
];
const DECLINES: &[&str] = &[
    "Strider mod gældende lovgivning om behandling af helbredsoplysninger.",
    "Er i konflikt med en anden, højere prioriteret idé.",
    "Findes allerede i systemet; vejledning er sendt til kommunen.",
    "For få kommuner har behovet til, at det kan prioriteres nu.",
];
const QUESTIONS: &[&str] = &[
    "Hvor mange borgere drejer det sig om om ugen?",
    "Skal det også gælde for midlertidige ophold?",
    "Hvilke roller skal kunne se oplysningen?",
];
const ANSWERS: &[&str] = &[
    "Omkring 40 borgere om ugen i en mellemstor kommune.",
    "Ja, også midlertidige ophold.",
    "Sygeplejersker og social- og sundhedsassistenter.",
];
const PARKS: &[&str] = &["Afventer ny lovgivning på området.", "Tages op igen efter næste store release."];

/// Adds a community of `sizes` to the database (after loading the demo). Running it twice does
/// nothing the second time.
pub async fn seed(db: &Db, svc: &Services, sizes: Sizes, seed: u64) -> anyhow::Result<Summary> {
    crate::demo::load(svc, db).await?;
    let e = |e: idespor_domain::DomainError| anyhow!("{e}");
    // Seeding fills the database directly (in bulk, see `idespor_storage::bulk`), outside any
    // person's use case; it looks up what is there through the storage itself.
    let store: &dyn idespor_domain::Store = &idespor_storage::SqlStore::new(db.clone());
    let users = store.list_users().await.map_err(e)?;
    if users.iter().any(|u| u.email.ends_with("@seed.idespor.test")) {
        println!("The database is already seeded; nothing to do.");
        return Ok(Summary::default());
    }
    let mut rng = Rng::new(seed);
    let now = svc.now();
    let bar_style = ProgressStyle::with_template("{msg:>14} [{bar:40}] {pos}/{len} {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    let mut summary = Summary::default();

    // --- The community as the demo left it ---------------------------------------------------
    let groups = store.list_groups().await.map_err(e)?;
    let group_of = |kind: GroupKind| groups.iter().find(|g| g.group.kind == kind).map(|g| g.group.id);
    let levels = Levels {
        steering: group_of(GroupKind::Steering).ok_or_else(|| anyhow!("the demo has no tovholdergruppe"))?,
        product: group_of(GroupKind::Product).ok_or_else(|| anyhow!("the demo has no produktmanagergruppe"))?,
    };
    let erfa: Vec<GroupId> = groups.iter().filter(|g| g.group.kind == GroupKind::Erfa).map(|g| g.group.id).collect();
    let members_of = |id: GroupId| async move { store.group_members(id).await };
    let steering_people: Vec<i64> = members_of(levels.steering).await.map_err(e)?.iter().map(|m| m.user_id.0).collect();
    let product_people: Vec<i64> = members_of(levels.product).await.map_err(e)?.iter().map(|m| m.user_id.0).collect();
    anyhow::ensure!(
        !steering_people.is_empty() && !product_people.is_empty(),
        "the demo's standing groups have no members"
    );
    let filter = idespor_domain::org::OrgFilter::default();
    let municipalities: Vec<i64> = store
        .list_organizations(&filter)
        .await
        .map_err(e)?
        .iter()
        .filter(|o| o.kind == OrgKind::Municipality)
        .map(|o| o.id.0)
        .collect();
    let mut orgs_of_group: BTreeMap<GroupId, Vec<i64>> = BTreeMap::new();
    let mut groups_of_org: BTreeMap<i64, Vec<GroupId>> = BTreeMap::new();
    let mut coordinator: BTreeMap<GroupId, i64> = BTreeMap::new();
    let mut members: BTreeMap<GroupId, Vec<i64>> = BTreeMap::new();
    for &g in &erfa {
        for org in store.group_organizations(g).await.map_err(e)? {
            orgs_of_group.entry(g).or_default().push(org.id.0);
            groups_of_org.entry(org.id.0).or_default().push(g);
        }
        for m in members_of(g).await.map_err(e)? {
            members.entry(g).or_default().push(m.user_id.0);
            if m.role == GroupRole::Coordinator {
                coordinator.entry(g).or_insert(m.user_id.0);
            }
        }
    }
    let releases: Vec<(ReleaseId, String)> =
        store.list_releases().await.map_err(e)?.into_iter().map(|r| (r.id, r.version)).collect();
    let areas: Vec<ProductAreaId> = svc.product_areas().await.map_err(e)?.iter().map(|a| a.id).collect();
    anyhow::ensure!(!releases.is_empty() && !areas.is_empty() && !erfa.is_empty(), "the demo is incomplete");
    let at = |t: Timestamp| Cell::Int(t.as_second());

    // --- Organizations (hosted only) and people -----------------------------------------------
    let mut orgs: Vec<i64> = municipalities.clone();
    let mut tables = vec![
        Rows::new("organizations", &["id", "kind", "name", "official_name", "created_at"]),
        Rows::new("group_organizations", &["group_id", "organization_id"]),
    ];
    let mut next_org = bulk::next_id(db, "organizations").await.map_err(e)?;
    for n in 0..sizes.extra_organizations {
        let id = next_org;
        next_org += 1;
        let name = format!("Testkommune {:04}", n + 1);
        tables[0].push(vec![id.into(), "municipality".into(), name.clone().into(), name.into(), at(now)]);
        let g = erfa[n % erfa.len()];
        tables[1].push(vec![g.0.into(), id.into()]);
        orgs_of_group.entry(g).or_default().push(id);
        groups_of_org.entry(id).or_default().push(g);
        orgs.push(id);
    }
    summary.organizations = sizes.extra_organizations;
    let mut people = Rows::new("users", &["id", "email", "name", "organization_id", "language", "created_at"]);
    let mut memberships = Rows::new("group_members", &["group_id", "user_id", "role"]);
    let mut org_of_user: BTreeMap<i64, i64> = users.iter().filter_map(|u| u.org_id.map(|o| (u.id.0, o.0))).collect();
    let mut authors: Vec<(i64, GroupId)> = Vec::new();
    let mut next_user = bulk::next_id(db, "users").await.map_err(e)?;
    for n in 0..sizes.people {
        let id = next_user;
        next_user += 1;
        let (first, last) = (rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        let org = *rng.pick(&orgs);
        let email = format!("{}.{}.{}@seed.idespor.test", ascii(first), ascii(last), n + 1);
        people.push(vec![
            id.into(),
            email.into(),
            format!("{first} {last}").into(),
            Some(org).into(),
            "da".into(),
            at(now),
        ]);
        org_of_user.insert(id, org);
        for &g in groups_of_org.get(&org).into_iter().flatten() {
            let role = if coordinator.contains_key(&g) { "member" } else { "coordinator" };
            if role == "coordinator" {
                coordinator.insert(g, id);
            }
            memberships.push(vec![g.0.into(), id.into(), role.into()]);
            members.entry(g).or_default().push(id);
        }
        if let Some(&g) = groups_of_org.get(&org).and_then(|gs| gs.first()) {
            authors.push((id, g));
        }
    }
    anyhow::ensure!(!authors.is_empty(), "no seeded person belongs to an erfagruppe");
    summary.people = people.len();
    tables.push(people);
    tables.push(memberships);
    bulk::insert(db, &tables).await.map_err(e).context("writing organizations and people")?;
    let all_people: Vec<i64> = org_of_user.keys().copied().collect();

    // --- Meetings: every erfagruppe and the tovholdergruppe, evenly over the years ------------
    let window_start = now - SignedDuration::from_hours(YEARS * 365 * 24);
    let meeting_groups: Vec<GroupId> = erfa.iter().copied().chain([levels.steering]).collect();
    let per_group = (sizes.meetings / meeting_groups.len()).max(1);
    let span = (now + SignedDuration::from_hours(30 * 24)).as_second() - window_start.as_second();
    let mut meeting_rows = Rows::new(
        "meetings",
        &[
            "id",
            "group_id",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "description",
            "minutes",
            "minutes_approved_at",
            "minutes_approved_by",
            "created_by",
            "created_at",
        ],
    );
    let mut attendees = Rows::new("meeting_attendees", &["meeting_id", "user_id", "guest", "attended"]);
    // Per group, its meetings in time order: (start, meeting id, who runs it).
    let mut schedule: BTreeMap<GroupId, Vec<(i64, i64, i64)>> = BTreeMap::new();
    let mut next_meeting = bulk::next_id(db, "meetings").await.map_err(e)?;
    let bar = ProgressBar::new((per_group * meeting_groups.len()) as u64).with_style(bar_style.clone());
    bar.set_message("Meetings");
    for &g in &meeting_groups {
        let steering = g == levels.steering;
        let runner =
            if steering { steering_people[0] } else { coordinator.get(&g).copied().unwrap_or(steering_people[0]) };
        let roster: Vec<i64> =
            if steering { steering_people.clone() } else { members.get(&g).cloned().unwrap_or_default() };
        for k in 0..per_group {
            let id = next_meeting;
            next_meeting += 1;
            // 9.00–12.00 Copenhagen time is 8.00–11.00 UTC in winter; close enough for a benchmark.
            let day = window_start.as_second() + span * k as i64 / per_group as i64;
            let starts = day - day.rem_euclid(86_400) + 8 * 3600;
            let past = starts < now.as_second();
            let (kind, title) = if steering {
                ("steering", format!("Tovholdermøde {}", k + 1))
            } else {
                ("erfa", format!("Erfamøde {}", k + 1))
            };
            let minutes =
                if past { "Gruppen gennemgik de nye idéer og besluttede, hvilke der sendes videre." } else { "" };
            meeting_rows.push(vec![
                id.into(),
                g.0.into(),
                kind.into(),
                title.into(),
                starts.into(),
                (starts + 3 * 3600).into(),
                "Rådhuset, mødelokale 2".into(),
                "Gennemgang af nye idéer og nyt fra tovholdergruppen.".into(),
                minutes.into(),
                past.then_some(starts + 7 * 86_400).into(),
                past.then_some(runner).into(),
                Some(runner).into(),
                (starts - 30 * 86_400).into(),
            ]);
            let mut seen = HashSet::new();
            for _ in 0..roster.len().min(12) {
                let person = *rng.pick(&roster);
                if seen.insert(person) {
                    let attended: Option<i64> = past.then(|| (rng.percent() < 85) as i64);
                    attendees.push(vec![
                        id.into(),
                        person.into(),
                        false.into(),
                        Cell::OptBool(attended.map(|a| a == 1)),
                    ]);
                }
            }
            schedule.entry(g).or_default().push((starts, id, runner));
            bar.inc(1);
        }
    }
    bar.finish();
    summary.meetings = meeting_rows.len();
    bulk::insert(db, &[meeting_rows, attendees]).await.map_err(e).context("writing meetings")?;

    // --- Ideas with their journeys, supports, comments and notifications, in chunks -------------
    let standing = Standing {
        is_author: true,
        coordinates_erfa_group: true,
        steering_member: true,
        product_manager: true,
        member_of_holder: true,
    };
    let tz = idespor_domain::clock::copenhagen();
    let mut next_idea = bulk::next_id(db, "ideas").await.map_err(e)?;
    let mut next_event = bulk::next_id(db, "idea_events").await.map_err(e)?;
    let mut next_comment = bulk::next_id(db, "comments").await.map_err(e)?;
    let mut next_notification = bulk::next_id(db, "notifications").await.map_err(e)?;
    let mut next_decision = bulk::next_id(db, "decisions").await.map_err(e)?;
    // A meeting's decision, made when the first idea is moved at it.
    let mut decision_of_meeting: BTreeMap<i64, i64> = BTreeMap::new();
    // Drawn evenly from 0 to twice the mean; the mean is over the submitted ideas (about 92 %).
    let submitted = (sizes.ideas as f64 * 0.92).max(1.0);
    let supports_per_idea = (2.0 * sizes.supports as f64 / submitted).round() as usize;
    let comments_per_idea = (2.0 * sizes.comments as f64 / submitted).round() as usize;
    let bar = ProgressBar::new(sizes.ideas as u64).with_style(bar_style);
    bar.set_message("Ideas");
    let chunk = 2_000;
    let mut done = 0;
    while done < sizes.ideas {
        let count = chunk.min(sizes.ideas - done);
        let mut decisions = Rows::new(
            "decisions",
            &["id", "group_id", "meeting_id", "title", "body", "decided_at", "decided_by", "created_at"],
        );
        let mut ideas = Rows::new(
            "ideas",
            &[
                "id",
                "title",
                "role",
                "situation",
                "need",
                "effect",
                "product_area_id",
                "author_id",
                "author_org_id",
                "erfa_group_id",
                "status",
                "holder_group_id",
                "return_status",
                "return_holder_id",
                "rank",
                "release_id",
                "resolution",
                "review_date",
                "support_count",
                "follower_count",
                "comment_count",
                "version",
                "created_at",
                "status_changed_at",
            ],
        );
        let mut events = Rows::new(
            "idea_events",
            &[
                "id",
                "idea_id",
                "at",
                "actor_id",
                "kind",
                "from_status",
                "to_status",
                "from_group_id",
                "to_group_id",
                "reason",
                "details",
                "meeting_id",
                "decision_id",
                "since_at",
                "since_kind",
            ],
        );
        let mut supports = Rows::new("idea_supports", &["idea_id", "user_id", "organization_id", "at"]);
        let mut followers = Rows::new("idea_followers", &["idea_id", "user_id", "at"]);
        let mut comments =
            Rows::new("comments", &["id", "idea_id", "author_id", "organization_id", "body", "created_at"]);
        let mut terms = Rows::new("idea_terms", &["idea_id", "term", "weight"]);
        let mut decision_ideas = Rows::new("decision_ideas", &["decision_id", "idea_id", "move_kind"]);
        let mut notifications = Rows::new(
            "notifications",
            &["id", "user_id", "kind", "idea_id", "actor_id", "move_kind", "to_status", "created_at", "read_at"],
        );
        for _ in 0..count {
            let id = next_idea;
            next_idea += 1;
            let (author, group) = *rng.pick(&authors);
            let author_org = org_of_user[&author];
            let (a, b) = (rng.pick(IDEAS), rng.pick(IDEAS));
            let input = IdeaInput {
                title: format!("{} ({})", a.title, id),
                role: b.role.into(),
                situation: b.situation.into(),
                need: format!("{} {}", a.need, b.need),
                effect: a.effect.into(),
                product_area_id: *rng.pick(&areas),
            };
            let created = window_start + rng.days(0, YEARS * 365);
            let mut state = JourneyState::draft();
            let mut t = created;
            let mut moves = 0i64;
            let mut submitted_at = None;
            let mut last_move_at = created;
            let mut previous: Option<(Timestamp, &str)> = None;
            while let Some(mv) = next_move(&mut rng, &state, group, &releases) {
                let product_stage = state.holder == Some(levels.product);
                t += if product_stage { rng.days(5, 30) } else { rng.days(1, 21) };
                let deciding = deciding_group(&state, &mv, levels);
                // A group's move is made at its next meeting, and cited by that meeting's decision.
                let meeting = deciding
                    .and_then(|g| schedule.get(&g))
                    .and_then(|list| list.get(list.partition_point(|(start, _, _)| *start < t.as_second())).copied());
                if let Some((start, _, _)) = meeting {
                    t = Timestamp::from_second(start + 3600).unwrap_or(t);
                }
                if t >= now {
                    break;
                }
                let actor = match (&mv, deciding) {
                    (Move::Submit { .. } | Move::Answer { .. }, _) => author,
                    (_, Some(g)) if g == levels.steering => *rng.pick(&steering_people),
                    (_, Some(g)) => coordinator.get(&g).copied().unwrap_or(author),
                    (_, None) => *rng.pick(&product_people),
                };
                let today = t.to_zoned_datetime(tz.clone()).date();
                let mv = match mv {
                    Move::Park { reason, .. } => Move::Park { reason, review_date: today.saturating_add(120.days()) },
                    other => other,
                };
                let next = journey::apply(&state, &mv, &standing, levels, today)
                    .map_err(|err| anyhow!("the seed made a move the rules refuse ({:?}): {err}", mv.kind()))?;
                let details = match &mv {
                    Move::Prioritize { rank } => format!(r#"{{"rank":{rank}}}"#),
                    Move::Plan { release } | Move::Deliver { release } => {
                        let version =
                            releases.iter().find(|(r, _)| r == release).map(|(_, v)| v.as_str()).unwrap_or("");
                        format!(r#"{{"release":"{version}"}}"#)
                    }
                    Move::Park { review_date, .. } => format!(r#"{{"review_date":"{review_date}"}}"#),
                    _ => "{}".into(),
                };
                let (meeting_id, decision_id) = match meeting {
                    Some((start, meeting, runner)) => {
                        let decision = *decision_of_meeting.entry(meeting).or_insert_with(|| {
                            let d = next_decision;
                            next_decision += 1;
                            decisions.push(vec![
                                d.into(),
                                deciding.map(|g| g.0).unwrap_or(levels.steering.0).into(),
                                Some(meeting).into(),
                                "Behandling af idéer".into(),
                                "Gruppen behandlede idéerne på dagsordenen.".into(),
                                (start + 3600).into(),
                                Some(runner).into(),
                                (start + 3600).into(),
                            ]);
                            d
                        });
                        decision_ideas.push(vec![
                            decision.into(),
                            id.into(),
                            Some(mv.kind().as_str().to_string()).into(),
                        ]);
                        (Some(meeting), Some(decision))
                    }
                    None => (None, None),
                };
                events.push(vec![
                    next_event.into(),
                    id.into(),
                    at(t),
                    Some(actor).into(),
                    mv.kind().as_str().into(),
                    Some(state.status.as_str().to_string()).into(),
                    next.status.as_str().into(),
                    state.holder.map(|g| g.0).into(),
                    next.holder.map(|g| g.0).into(),
                    mv.reason().trim().into(),
                    details.into(),
                    meeting_id.into(),
                    decision_id.into(),
                    previous.map(|(at, _)| at.as_second()).into(),
                    previous.map(|(_, kind): (Timestamp, &str)| kind.to_string()).into(),
                ]);
                previous = Some((t, mv.kind().as_str()));
                next_event += 1;
                if actor != author {
                    notifications.push(vec![
                        next_notification.into(),
                        author.into(),
                        "moved".into(),
                        Some(id).into(),
                        Some(actor).into(),
                        Some(mv.kind().as_str().to_string()).into(),
                        Some(next.status.as_str().to_string()).into(),
                        at(t),
                        read_after(t, now).into(),
                    ]);
                    next_notification += 1;
                }
                if matches!(mv, Move::Submit { .. }) {
                    submitted_at = Some(t);
                }
                moves += 1;
                last_move_at = t;
                state = next;
            }
            summary.moves += moves as usize;

            // Supports and comments come after the submission (a draft is the author's alone).
            let mut follow: Vec<(i64, Timestamp)> = vec![(author, created)];
            let mut supporting_orgs = HashSet::new();
            let mut comment_count = 0i64;
            if let Some(from) = submitted_at {
                let after = |rng: &mut Rng| {
                    let room = (now.as_second() - from.as_second()).max(60);
                    from + SignedDuration::from_secs(rng.below(room as usize) as i64)
                };
                let mut supporters = HashSet::new();
                for _ in 0..rng.below(supports_per_idea + 1) {
                    let person = *rng.pick(&all_people);
                    if supporters.insert(person) {
                        let when = after(&mut rng);
                        let org = org_of_user[&person];
                        supporting_orgs.insert(org);
                        supports.push(vec![id.into(), person.into(), org.into(), at(when)]);
                        follow.push((person, when));
                    }
                }
                for _ in 0..rng.below(comments_per_idea + 1) {
                    let person = *rng.pick(&all_people);
                    let when = after(&mut rng);
                    let body = if rng.percent() < 30 {
                        format!("{} {}", rng.pick(COMMENTS), rng.pick(COMMENTS))
                    } else {
                        rng.pick(COMMENTS).to_string()
                    };
                    comments.push(vec![
                        next_comment.into(),
                        id.into(),
                        person.into(),
                        org_of_user.get(&person).copied().into(),
                        body.into(),
                        at(when),
                    ]);
                    next_comment += 1;
                    comment_count += 1;
                    follow.push((person, when));
                    if person != author {
                        notifications.push(vec![
                            next_notification.into(),
                            author.into(),
                            "commented".into(),
                            Some(id).into(),
                            Some(person).into(),
                            Cell::OptText(None),
                            Cell::OptText(None),
                            at(when),
                            read_after(when, now).into(),
                        ]);
                        next_notification += 1;
                    }
                }
            }
            // A draft is not found by search until it is submitted.
            if submitted_at.is_some() {
                for (term, weight) in input.search_terms() {
                    terms.push(vec![id.into(), term.into(), i64::from(weight).into()]);
                }
            }
            let mut followed = HashSet::new();
            for (person, when) in follow {
                if followed.insert(person) {
                    followers.push(vec![id.into(), person.into(), at(when)]);
                }
            }
            ideas.push(vec![
                id.into(),
                input.title.into(),
                input.role.into(),
                input.situation.into(),
                input.need.into(),
                input.effect.into(),
                input.product_area_id.0.into(),
                author.into(),
                Some(author_org).into(),
                state.erfa_group.map(|g| g.0).into(),
                state.status.as_str().into(),
                state.holder.map(|g| g.0).into(),
                state.return_status.map(|s| s.as_str().to_string()).into(),
                state.return_holder.map(|g| g.0).into(),
                state.rank.map(i64::from).into(),
                state.release.map(|r| r.0).into(),
                state.resolution.clone().into(),
                state.review_date.map(|d| d.to_string()).into(),
                (supporting_orgs.len() as i64).into(),
                (followed.len() as i64).into(),
                comment_count.into(),
                (1 + moves).into(),
                at(created),
                at(last_move_at),
            ]);
            bar.inc(1);
        }
        summary.ideas += ideas.len();
        summary.supports += supports.len();
        summary.comments += comments.len();
        summary.decisions += decisions.len();
        summary.notifications += notifications.len();
        bulk::insert(
            db,
            &[decisions, ideas, events, supports, followers, comments, terms, decision_ideas, notifications],
        )
        .await
        .map_err(e)
        .context("writing ideas")?;
        done += count;
    }
    bar.finish();
    bulk::finish(
        db,
        &["organizations", "users", "meetings", "decisions", "ideas", "idea_events", "comments", "notifications"],
    )
    .await
    .map_err(e)?;
    Ok(summary)
}

/// Where a waiting idea goes next, or `None` when it stays where it is. The weights make a
/// community where most ideas are submitted, about half reach the tovholdergruppe, a fifth reach
/// the product team and about one in ten is delivered, with re-rankings, questions and parking
/// along the way (about 7.5 moves per idea, as in DOMAIN.md §10).
fn next_move(rng: &mut Rng, state: &JourneyState, group: GroupId, releases: &[(ReleaseId, String)]) -> Option<Move> {
    use IdeaStatus as S;
    let roll = rng.percent();
    // A park's review date is set by the caller once the move's day is known.
    let text = |rng: &mut Rng, list: &[&str]| rng.pick(list).to_string();
    let release = |rng: &mut Rng| rng.pick(releases).0;
    Some(match state.status {
        S::Draft if roll < 92 => Move::Submit { group },
        S::Submitted => match roll {
            0..8 => return None,
            8..10 => Move::Withdraw,
            10..20 => Move::SolveByConfiguration { solution: text(rng, SOLUTIONS) },
            20..25 => Move::Decline { reason: text(rng, DECLINES), standard: None },
            _ => Move::Forward,
        },
        S::Forwarded => match roll {
            0..4 => return None,
            4..8 => Move::Decline { reason: text(rng, DECLINES), standard: None },
            8..11 => Move::Park { reason: text(rng, PARKS), review_date: jiff::civil::date(2000, 1, 1) },
            11..88 => Move::Prioritize { rank: 1 + rng.below(30) as i32 },
            _ => Move::SendToProduct,
        },
        // The tovholdergruppe ranks its ideas again at most of its meetings.
        S::Prioritized => match roll {
            0..2 => return None,
            2..4 => Move::Decline { reason: text(rng, DECLINES), standard: None },
            4..6 => Move::Park { reason: text(rng, PARKS), review_date: jiff::civil::date(2000, 1, 1) },
            6..90 => Move::Prioritize { rank: 1 + rng.below(30) as i32 },
            _ => Move::SendToProduct,
        },
        S::InAssessment => match roll {
            0..6 => return None,
            6..50 => Move::AskForInformation { question: text(rng, QUESTIONS) },
            50..80 => Move::Accept,
            80..88 => Move::Plan { release: release(rng) },
            88..95 => Move::Decline { reason: text(rng, DECLINES), standard: None },
            _ => Move::Park { reason: text(rng, PARKS), review_date: jiff::civil::date(2000, 1, 1) },
        },
        S::NeedsInformation if roll < 94 => Move::Answer { answer: text(rng, ANSWERS) },
        S::Accepted => match roll {
            0..10 => return None,
            10..90 => Move::Plan { release: release(rng) },
            90..95 => Move::Decline { reason: text(rng, DECLINES), standard: None },
            _ => Move::Park { reason: text(rng, PARKS), review_date: jiff::civil::date(2000, 1, 1) },
        },
        S::Planned => match roll {
            0..6 => return None,
            6..25 => Move::Plan { release: release(rng) },
            25..97 => Move::Start,
            _ => Move::Decline { reason: text(rng, DECLINES), standard: None },
        },
        S::InDevelopment if roll < 90 => Move::Deliver { release: release(rng) },
        S::Parked if roll < 50 => Move::Resume,
        _ => return None,
    })
}

/// The group that makes a move at its meeting: the erfagruppe for its own decisions, the
/// tovholdergruppe for its own; `None` for the author's and the product team's moves.
fn deciding_group(state: &JourneyState, mv: &Move, levels: Levels) -> Option<GroupId> {
    match mv {
        Move::Submit { .. } | Move::Withdraw | Move::Answer { .. } => None,
        _ if state.holder == Some(levels.product) => None,
        _ => state.holder,
    }
}

/// Notifications older than two weeks have been read (a day after they came).
fn read_after(t: Timestamp, now: Timestamp) -> Option<i64> {
    (now.as_second() - t.as_second() > 14 * 86_400).then_some(t.as_second() + 86_400)
}

/// An e-mail-safe spelling of a Danish name.
fn ascii(name: &str) -> String {
    name.to_lowercase().replace('æ', "ae").replace('ø', "oe").replace('å', "aa")
}
