//! Micro-benchmarks of what a page costs besides its queries: the sanitizing Markdown renderer,
//! a Fluent lookup, and the two busiest templates (the idea list with 25 ideas and its filters
//! over the community's groups, product areas and ~100 organizations; an idea with 35 events,
//! 20 supporting organizations and 10 comments), filled with fixture data, no database.
//!
//! `cargo bench -p idespor-web` runs them all.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use askama::Template;
use divan::{Bencher, black_box};
use idespor_domain::group::{Group, GroupKind};
use idespor_domain::idea::{
    Comment, CommentRevision, Idea, IdeaEvent, IdeaPage, IdeaSort, IdeaStatus, MoveKind, PAGE_SIZE, ProductArea,
    Provenance, Release, Supporter,
};
use idespor_domain::org::OrgChoice;
use idespor_domain::service::IdeaView;
use idespor_domain::user::{Language, User};
use idespor_domain::{CommentId, DecisionId, GroupId, IdeaId, OrgId, ProductAreaId, ReleaseId, UserId};
use idespor_web::ctx::Ctx;
use idespor_web::i18n::{self, FluentArg};
use idespor_web::markdown;
use idespor_web::pages::ideas::{IdeaPageTemplate, IdeaQuery, IdeasPage, last_page, timeline};
use jiff::{SignedDuration, Timestamp};

fn main() {
    divan::main();
}

/// A comment as people write them: a few lines, some emphasis, a list, a link.
const COMMENT: &str = "Vi har **præcis** det samme problem i Sønderborg, især om aftenen og i weekenden.\n\n\
Det vi gør i dag:\n\n\
- ringer til dagvagten, når doseringen er ændret\n\
- skriver det på en seddel i bilen\n\
- tjekker medicinlisten igen, når vi er hjemme hos borgeren\n\n\
Se også vejledningen om [Fælles Medicinkort](https://fmk-online.dk/) – den siger det samme.";

/// An idea's need as long as the form allows (about 5,000 characters), with the Markdown
/// people use: headings, lists, emphasis, a table, links.
fn long_idea_text() -> String {
    let mut text = String::new();
    let paragraph = "Når lægen har ændret doseringen af en borgers medicin i løbet af dagen, står ændringen \
                     i medicinmodulet, men *ikke* på kørelisten eller i besøgsoversigten på telefonen. Vi \
                     opdager den først hos borgeren og må ringe til dagvagten for at høre, om \
                     doseringsæsken allerede er lavet om.";
    for section in ["Baggrund", "Hvad vi mangler", "Hvordan vi arbejder i dag"] {
        text.push_str(&format!("## {section}\n\n{paragraph}\n\n{paragraph}\n\n"));
        text.push_str(
            "1. Markér ændret medicin på kørelisten\n2. Vis **hvem** der har ordineret og hvornår\n\
             3. Fjern markeringen, når en medarbejder har kvitteret\n\n",
        );
    }
    text.push_str(
        "| Distrikt | Ændringer pr. uge | Opkald pr. uge |\n|---|---:|---:|\n| Vest | 14 | 22 |\n\
         | Øst | 9 | 17 |\n| Nord | 11 | 19 |\n\n",
    );
    text.push_str("Læs mere i [Sundhedsstyrelsens vejledning](https://www.sst.dk/) om medicinhåndtering.\n\n");
    while text.chars().count() < 4_800 {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    text
}

mod markdown_render {
    use super::*;

    #[divan::bench]
    fn comment() -> String {
        markdown::render(black_box(COMMENT))
    }

    #[divan::bench]
    fn long_idea_text(bencher: Bencher) {
        let text = super::long_idea_text();
        assert!((4_800..=5_400).contains(&text.chars().count()), "{}", text.chars().count());
        bencher.bench_local(|| markdown::render(black_box(&text)));
    }
}

mod fluent {
    use super::*;

    /// A plain message.
    #[divan::bench]
    fn t() -> String {
        i18n::t(Language::Da, black_box("ideas-title"))
    }

    /// A message with a number that picks the plural form.
    #[divan::bench]
    fn t_args_plural() -> String {
        i18n::t_args(Language::Da, black_box("idea-supports"), &[("count", FluentArg::Number(12))])
    }
}

fn at(days_ago: i64) -> Timestamp {
    now() - SignedDuration::from_hours(24 * days_ago)
}

fn now() -> Timestamp {
    "2026-05-11T10:30:00Z".parse().unwrap()
}

/// The 98 municipalities from the project's reference data.
fn municipalities() -> Vec<String> {
    const CSV: &str = include_str!("../../idespor/data/kommuner_udvidet.csv");
    CSV.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split(',').nth(1).unwrap().to_string()).collect()
}

fn viewer() -> User {
    User {
        id: UserId(42),
        email: "maja.winther@idespor.test".into(),
        name: "Maja Winther".into(),
        org_id: Some(OrgId(7)),
        org_name: Some("Aabenraa".into()),
        language: Language::Da,
        is_admin: false,
        is_moderator: false,
        two_factor: false,
        active: true,
        has_password: true,
        created_at: at(900),
    }
}

/// The page context of a signed-in person on the idea pages.
fn ctx() -> Ctx {
    Ctx {
        lang: Language::Da,
        user: Some(viewer()),
        csrf: "kR3uJ0m5q2VhX8bPz1yNfLw7tCeA4dGs9oHiUjMn6Qx".into(),
        product_name: "KMD Nexus".into(),
        section: "ideas",
        now: now(),
        unread: 3,
        admin_needs_two_factor: false,
        public_pages: Default::default(),
    }
}

const AREAS: [&str; 12] = [
    "Medicin",
    "Kørelister og planlægning",
    "Dokumentation",
    "Borgerens overblik",
    "Hjælpemidler",
    "Sygepleje",
    "Træning og rehabilitering",
    "Myndighed og visitation",
    "Økonomi og afregning",
    "Integrationer",
    "Mobil",
    "Rapporter og ledelsesinformation",
];

const GROUPS: [&str; 10] = [
    "Erfagruppe Nord",
    "Erfagruppe Midt",
    "Erfagruppe Syd",
    "Erfagruppe Sjælland",
    "Erfagruppe Hovedstaden",
    "Erfagruppe Fyn",
    "Erfagruppe Vest",
    "Erfagruppe Øerne",
    "Tovholdergruppen",
    "Produktmanagergruppen",
];

const TITLES: [&str; 5] = [
    "Overblik over ændret medicindosering ved aftenbesøget",
    "Kørelisten skal vise nøglebokskoder uden ekstra klik",
    "Genbrug af observationer fra sygeplejen i træningsforløbet",
    "Advarsel når et hjælpemiddel mangler service",
    "Samlet visning af borgerens aftaler på tværs af teams",
];

/// One of the community's ideas, somewhere on its journey.
fn idea(n: i64) -> Idea {
    let statuses = [
        IdeaStatus::Submitted,
        IdeaStatus::Forwarded,
        IdeaStatus::Prioritized,
        IdeaStatus::InAssessment,
        IdeaStatus::Planned,
        IdeaStatus::Delivered,
        IdeaStatus::Declined,
    ];
    let status = statuses[n as usize % statuses.len()];
    let holder = match status.level() {
        idespor_domain::idea::Level::Erfa => Some(2),
        idespor_domain::idea::Level::Steering => Some(8),
        idespor_domain::idea::Level::Product => Some(9),
        _ => None,
    };
    let municipalities = municipalities();
    Idea {
        id: IdeaId(20_000 - n),
        title: format!("{} ({n})", TITLES[n as usize % TITLES.len()]),
        role: "Sygeplejerske i hjemmeplejen, aftenvagt".into(),
        situation: "Om aftenen besøger vi 25–30 borgere på en rute, og ændringer i medicinen ses først hos borgeren."
            .into(),
        need: "Vi har brug for at kunne se på kørelisten, at en borgers medicinering er ændret siden sidste besøg."
            .into(),
        effect: "Færre fejl i medicingivningen og færre opkald mellem vagterne.".into(),
        product_area_id: ProductAreaId(1 + n % 12),
        product_area: AREAS[n as usize % AREAS.len()].into(),
        author_id: UserId(100 + n),
        author_name: format!("Forfatter {n}"),
        author_org_id: Some(OrgId(1 + n % 98)),
        author_org_name: Some(municipalities[n as usize % municipalities.len()].clone()),
        erfa_group_id: Some(GroupId(1 + n % 8)),
        erfa_group_name: Some(GROUPS[n as usize % 8].into()),
        status,
        holder_group_id: holder.map(GroupId),
        holder_group_name: holder.map(|h| GROUPS[h as usize - 1].to_string()),
        return_status: None,
        return_holder_id: None,
        rank: (status == IdeaStatus::Prioritized).then_some(3),
        release_id: (status == IdeaStatus::Planned).then_some(ReleaseId(9)),
        release_version: (status == IdeaStatus::Planned).then(|| "2026.3".to_string()),
        merged_into: None,
        resolution: if status == IdeaStatus::Declined {
            "Kræver en ændring af lovgivningen om medicinhåndtering.".into()
        } else {
            String::new()
        },
        resolution_code: None,
        review_date: None,
        support_count: 3 + n * 7 % 40,
        follower_count: 5 + n * 3 % 20,
        comment_count: n * 5 % 12,
        version: 4,
        created_at: at(30 + n * 13),
        status_changed_at: at(2 + n * 3),
    }
}

fn group(id: i64, name: &str) -> Group {
    let kind = match id {
        9 => GroupKind::Steering,
        10 => GroupKind::Product,
        _ => GroupKind::Erfa,
    };
    Group {
        id: GroupId(id),
        kind,
        name: name.into(),
        description: String::new(),
        region_id: None,
        created_at: at(1_500),
    }
}

/// The idea list as the community sees it by default: the newest 25 of 20,000 ideas.
fn ideas_page() -> IdeasPage {
    let page = IdeaPage { ideas: (0..PAGE_SIZE).map(idea).collect(), total: 20_000, page: 1, page_size: PAGE_SIZE };
    IdeasPage {
        ctx: ctx(),
        q: IdeaQuery::default(),
        last_page: last_page(&page),
        page,
        statuses: IdeaStatus::ALL.iter().map(|s| s.as_str()).collect(),
        sorts: IdeaSort::ALL.iter().map(|s| s.as_str()).collect(),
        groups: GROUPS.iter().enumerate().map(|(i, name)| group(i as i64 + 1, name)).collect(),
        areas: AREAS
            .iter()
            .enumerate()
            .map(|(i, name)| ProductArea { id: ProductAreaId(i as i64 + 1), name: (*name).into() })
            .collect(),
        // Filtered to one organization, named as the user typed it.
        org: Some(OrgChoice { id: OrgId(1), name: "Aabenraa Kommune".into() }),
        org_unknown: false,
        snippets: Vec::new(),
    }
}

/// One event of the idea's journey.
fn event(n: i64, kind: MoveKind, from: IdeaStatus, to: IdeaStatus, days_ago: i64) -> IdeaEvent {
    let steering = matches!(to, IdeaStatus::Forwarded | IdeaStatus::Prioritized | IdeaStatus::Parked);
    IdeaEvent {
        id: 1_000 + n,
        idea_id: IdeaId(4_711),
        at: at(days_ago),
        actor_id: Some(UserId(7 + n)),
        actor_name: Some(format!("Medlem {n}")),
        actor_org: Some("Vejle".into()),
        kind,
        from_status: Some(from),
        to_status: to,
        from_group: Some("Erfagruppe Syd".into()),
        to_group: steering.then(|| "Tovholdergruppen".to_string()),
        reason: match kind {
            MoveKind::Park => "Afventer Sundhedsstyrelsens nye vejledning om **medicinhåndtering**.".into(),
            MoveKind::Resume => "Vejledningen er udkommet; idéen tages op igen.".into(),
            _ => String::new(),
        },
        details: match kind {
            MoveKind::Prioritize => format!(r#"{{"rank":{}}}"#, 1 + n % 9),
            _ => "{}".into(),
        },
        decision_id: steering.then_some(DecisionId(300 + n)),
        decision_title: steering.then(|| format!("Prioritering af idéer, møde {n}")),
    }
}

/// An idea at the tovholdergruppe after two years: submitted, forwarded, parked once, and
/// ranked again at most meetings since (35 events), supported by 20 organizations, with 10
/// comments (one of them edited twice), seen by a member of the tovholdergruppe.
fn idea_page() -> IdeaPageTemplate {
    use IdeaStatus as S;
    use MoveKind as K;
    let mut events = vec![
        event(0, K::Submit, S::Draft, S::Submitted, 700),
        event(1, K::Forward, S::Submitted, S::Forwarded, 690),
        event(2, K::Prioritize, S::Forwarded, S::Prioritized, 660),
        event(3, K::Park, S::Prioritized, S::Parked, 640),
        event(4, K::Resume, S::Parked, S::Prioritized, 560),
    ];
    for n in 5..35 {
        events.push(event(n, K::Prioritize, S::Prioritized, S::Prioritized, 560 - 18 * (n - 4)));
    }
    let municipalities = municipalities();
    let supporters: Vec<Supporter> = (0..20)
        .map(|i| Supporter {
            org_id: OrgId(1 + i),
            org_name: municipalities[(i * 5) as usize].clone(),
            people: (0..1 + i % 3).map(|p| format!("Person {i}-{p}")).collect(),
            groups: vec![GROUPS[(i % 8) as usize].into()],
        })
        .collect();
    let comments: Vec<Comment> = (0..10)
        .map(|i| Comment {
            id: CommentId(900 + i),
            idea_id: IdeaId(4_711),
            author_id: UserId(50 + i),
            author_name: format!("Kommentator {i}"),
            org_name: Some(municipalities[(i * 7) as usize].clone()),
            body: COMMENT.into(),
            created_at: at(650 - 60 * i),
            edited_at: (i == 3).then(|| at(400)),
            revisions: if i == 3 { 2 } else { 0 },
            hidden: false,
        })
        .collect();
    let comment_revisions = (0..2)
        .map(|r| CommentRevision { comment_id: CommentId(903), body: COMMENT.into(), replaced_at: at(420 - r) })
        .collect();
    let releases = (0..10)
        .map(|r| Release {
            id: ReleaseId(r + 1),
            version: format!("202{}.{}", 4 + r / 4, 1 + r % 4),
            planned_date: None,
            released_date: None,
            notes: String::new(),
        })
        .collect();
    let mut idea = idea(2);
    idea.id = IdeaId(4_711);
    idea.situation = long_idea_text();
    idea.need = long_idea_text();
    idea.created_at = at(710);
    idea.status_changed_at = at(2);
    idea.support_count = 20;
    idea.comment_count = 10;
    let v = IdeaView {
        idea,
        events,
        supporters,
        supporting_groups: 6,
        comments,
        comment_revisions,
        provenance: vec![Provenance {
            idea_id: IdeaId(3_100),
            title: "Markering af ny medicin på kørelisten".into(),
            group_name: Some("Erfagruppe Fyn".into()),
            org_name: Some("Odense".into()),
        }],
        edits: Vec::new(),
        supports: true,
        follows: false,
        allowed: vec![K::Decline, K::Merge, K::Prioritize, K::SendToProduct, K::Park],
        submit_groups: Vec::new(),
        releases,
        can_edit: false,
        can_support: true,
    };
    IdeaPageTemplate::new(ctx(), v, Vec::new())
}

mod templates {
    use super::*;

    /// The idea list: 25 ideas, the filters' options (10 groups, 12 areas) and one organization named.
    #[divan::bench]
    fn idea_list(bencher: Bencher) {
        let page = ideas_page();
        assert_eq!(page.page.ideas.len(), 25);
        let html = page.render().unwrap();
        assert!(html.contains("Overblik over ændret medicindosering") && html.contains("Aabenraa"));
        bencher.bench_local(|| black_box(&page).render().unwrap());
    }

    /// The idea page: 35 events, 20 supporters, 10 comments, two long texts, five move forms.
    /// The Markdown of the texts, reasons and comments is rendered as part of the template.
    #[divan::bench]
    fn idea_page(bencher: Bencher) {
        let page = super::idea_page();
        assert_eq!((page.v.events.len(), page.v.supporters.len(), page.v.comments.len()), (35, 20, 10));
        let html = page.render().unwrap();
        assert!(html.contains("Prioritering af idéer, møde 34") && html.contains("Kommentator 9"));
        bencher.bench_local(|| black_box(&page).render().unwrap());
    }

    /// The idea page's timeline: the stage and note of each of the 35 events (Fluent lookups).
    #[divan::bench]
    fn idea_page_timeline(bencher: Bencher) {
        let (ctx, page) = (ctx(), super::idea_page());
        bencher.bench_local(|| timeline(&ctx, black_box(&page.v.events), page.v.idea.created_at));
    }
}
