//! Influence figures on SQLite and PostgreSQL, from a hand-built community made through the use
//! cases with the clock set: two ideas, one declined by its erfagruppe after two days, one
//! forwarded and declined by the tovholdergruppe after 77 days (past its 60-day target).

use crate::common::{Demo, TestApp};

const DEMO: Demo = Demo::Community;

use idespor_domain::clock::FixedClock;
use idespor_domain::idea::{IdeaForm, Move};
use idespor_domain::service::{Actor, Services};
use jiff::{SignedDuration, Timestamp};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::sync::Arc;

const MAJA: &str = "maja.winther@idespor.test"; // Erfagruppe Syd
const HANNE: &str = "hanne.bro@idespor.test"; // tovholder, Erfagruppe Syd
const PERNILLE: &str = "pernille.frost@idespor.test"; // tovholdergruppen

on_both_backends!(figures_count_a_hand_built_community_on_the_database, the_database_counts_what_whole_histories_give);

async fn actor(app: &TestApp, email: &str) -> Actor {
    Actor::new(app.store.find_login_candidate(email).await.unwrap().unwrap().user)
}

async fn figures_count_a_hand_built_community_on_the_database(app: TestApp) {
    let start: Timestamp = "2026-03-02T09:00:00Z".parse().unwrap();
    let day = |n: i64| start + SignedDuration::from_hours(24 * n);
    let clock = FixedClock::at(start);
    let svc = Services::new(app.store.clone(), Arc::new(clock.clone()));
    let (maja, hanne, pernille) = (actor(&app, MAJA).await, actor(&app, HANNE).await, actor(&app, PERNILLE).await);
    let area = svc.create_product_area(None, "Medicin").await.unwrap().id;
    let syd = app.store.find_group_by_name("Erfagruppe Syd").await.unwrap().unwrap().id;
    let write = |title: &str| IdeaForm {
        title: title.into(),
        role: "Sygeplejerske".into(),
        situation: "Ved aftenbesøget".into(),
        need: "Overblik over medicinen".into(),
        effect: "Færre fejl".into(),
        product_area_id: area.to_string(),
    };
    let store = app.store.clone();
    let mv = |svc: &Services, who: &Actor, id, m| {
        let (svc, who, store) = (svc.clone(), who.clone(), store.clone());
        async move {
            let idea = store.get_idea(id).await.unwrap().unwrap();
            svc.move_idea(&who, id, idea.version, m).await.unwrap();
        }
    };
    // A: written and submitted on day 0, forwarded day 3, declined by the tovholdergruppe day 80.
    let a = svc.create_idea(&maja, &write("Idé A")).await.unwrap().id;
    mv(&svc, &maja, a, Move::Submit { group: syd }).await;
    clock.set(day(3));
    mv(&svc, &hanne, a, Move::Forward).await;
    // B: written day 5, submitted day 6, declined by the erfagruppe day 8.
    clock.set(day(5));
    let b = svc.create_idea(&maja, &write("Idé B")).await.unwrap().id;
    clock.set(day(6));
    mv(&svc, &maja, b, Move::Submit { group: syd }).await;
    clock.set(day(8));
    mv(&svc, &hanne, b, Move::Decline { reason: "Findes allerede i systemet.".into(), standard: None }).await;
    clock.set(day(80));
    mv(&svc, &pernille, a, Move::Decline { reason: "Kræver en lovændring.".into(), standard: None }).await;

    let token = app.token_for(MAJA).await;
    let get = |query: String| {
        let request = app.api(Method::GET, &format!("/api/v1/figures?{query}"), &token);
        async move { request.send().await.unwrap() }
    };
    let response = get("scope=community&from=2026-03-01&to=2026-06-30".into()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let f: Value = response.json().await.unwrap();
    let counts = &f["counts"];
    assert_eq!((counts["written"].as_i64(), counts["submitted"].as_i64()), (Some(2), Some(2)));
    assert_eq!((counts["forwarded"].as_i64(), counts["declined"].as_i64()), (Some(1), Some(2)));
    assert_eq!(counts["delivered"], 0);
    assert_eq!((f["declines"]["erfa"].as_i64(), f["declines"]["steering"].as_i64()), (Some(1), Some(1)));
    // With the erfagruppe: A 3 days, B 2 days → median 2.5.
    let submitted = f["stage_times"].as_array().unwrap().iter().find(|s| s["stage"] == "submitted").unwrap();
    assert_eq!((submitted["count"].as_i64(), submitted["median_days"].as_f64()), (Some(2), Some(2.5)));
    // The tovholdergruppe answered A after 77 days, past the 60-day target.
    assert_eq!(
        (f["target_days"].as_i64(), f["answered_within_target"].as_i64(), f["answered_late"].as_i64()),
        (Some(60), Some(0), Some(1))
    );
    assert_eq!(f["late"][0][0], a.0);
    assert_eq!(f["late"][0][1], 77);
    // Only March: the forward and B's decline, not A's decline in May.
    let march: Value = get("scope=community&from=2026-03-01&to=2026-03-31".into()).await.json().await.unwrap();
    assert_eq!((march["counts"]["declined"].as_i64(), march["answered_late"].as_i64()), (Some(1), Some(0)));
    // Another erfagruppe's figures are empty; Syd's are these.
    let nord = app.store.find_group_by_name("Erfagruppe Nord").await.unwrap().unwrap().id;
    let theirs: Value = get(format!("scope=group:{nord}&from=2026-03-01&to=2026-06-30")).await.json().await.unwrap();
    assert_eq!(theirs["counts"]["written"], 0);
    let ours: Value = get(format!("scope=group:{syd}&from=2026-03-01&to=2026-06-30")).await.json().await.unwrap();
    assert_eq!(ours["counts"], f["counts"]);
    // Bad input: a period that ends before it begins, an unknown scope.
    assert_eq!(get("from=2026-06-01&to=2026-03-01".into()).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(get("scope=planet:1".into()).await.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The tovholdergruppe tightens its target to 30 days; a member of an erfagruppe may not.
    app.login_ok(MAJA).await;
    assert_eq!(app.post_form("/figures/target", &[("target_days", "30")]).await.status(), StatusCode::FORBIDDEN);
    assert!(svc.set_response_target(&pernille, "0").await.is_err());
    svc.set_response_target(&pernille, "30").await.unwrap();
    assert_eq!(app.svc.response_target_days().await.unwrap(), 30);
    // The page draws the chart with a text alternative and the table.
    let (status, page) = app.get_text("/figures?scope=community&from=2026-03-01&to=2026-06-30").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("<svg")
            && page.contains("<title id=\"funnel-title\">")
            && page.contains("<desc id=\"funnel-desc\">")
    );
    assert!(page.contains("Idé A") && page.contains("inden for 30 dage"));
    assert!(page.contains("Tallene tæller, hvad der skete i perioden"), "the funnel says it counts events");
    // An organization is named, not picked from a list of all of them (a hosted community has
    // thousands): the scope list holds the community and the erfagrupper only.
    let options = page.matches("<option").count();
    let erfagrupper = app.store.groups_of_kind(idespor_domain::group::GroupKind::Erfa).await.unwrap().len();
    assert_eq!(options, 1 + erfagrupper, "{page}");
    let (status, varde) = app.get_text("/figures?organization=varde+kommune&from=2026-03-01&to=2026-06-30").await;
    assert_eq!(status, StatusCode::OK);
    assert!(varde.contains("Idéernes vej: Varde"), "the figures are Varde's");
    assert!(varde.contains("name=\"organization\" autocomplete=\"off\" value=\"Varde\""), "and the field says so");
    let (status, nowhere) = app.get_text("/figures?organization=Atlantis&scope=community").await;
    assert_eq!(status, StatusCode::OK);
    assert!(nowhere.contains("Ingen organisation hedder «Atlantis»") && nowhere.contains("aria-invalid=\"true\""));
    // How long each stage took, in days with one decimal: a decimal comma in Danish, a point
    // in English.
    let stage_days = |page: &str| -> Vec<String> {
        let start = page.find("id=\"stages\"").expect("the stages table");
        let table = &page[start..start + page[start..].find("</table>").unwrap()];
        table
            .split("<td>")
            .skip(1)
            .map(|cell| cell[..cell.find("</td>").unwrap()].to_string())
            .filter(|cell| cell.len() > 2 && cell.chars().next().unwrap().is_ascii_digit())
            .filter(|cell| cell.contains(',') || cell.contains('.'))
            .collect()
    };
    let (_, danish) = app.get_text("/figures?scope=community&from=2026-03-01&to=2026-06-30").await;
    let days = stage_days(&danish);
    assert!(!days.is_empty() && days.iter().all(|d| d.contains(',') && !d.contains('.')), "{days:?}");
    let maja_actor = actor(&app, MAJA).await;
    let profile = idespor_domain::user::ProfileForm {
        name: maja_actor.user.name.clone(),
        email: maja_actor.user.email.as_str().to_string(),
        language: "en".into(),
    };
    app.svc.update_profile(&maja_actor, &profile).await.unwrap();
    let (_, english) = app.get_text("/figures?scope=community&from=2026-03-01&to=2026-06-30").await;
    let days = stage_days(&english);
    assert!(!days.is_empty() && days.iter().all(|d| d.contains('.') && !d.contains(',')), "{days:?}");
    app.svc
        .update_profile(&maja_actor, &idespor_domain::user::ProfileForm { language: "da".into(), ..profile })
        .await
        .unwrap();
    // The same figures as a spreadsheet.
    use calamine::{Data, Reader, Xlsx};
    let bytes = app
        .get("/figures/indflydelse.xlsx?scope=community&from=2026-03-01&to=2026-06-30")
        .await
        .bytes()
        .await
        .unwrap()
        .to_vec();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("indflydelse").unwrap();
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows[0][0], Data::String("Tal".into()));
    let declined = rows.iter().find(|r| r[0] == Data::String("Afvist".into())).unwrap();
    assert_eq!(declined[1], Data::Float(2.0));
    let by_steering = rows.iter().find(|r| r[0] == Data::String("Afvist af tovholdergruppen".into())).unwrap();
    assert_eq!(by_steering[1], Data::Float(1.0));

    // Counted figures are kept while nothing moves; a move made through other services (as on
    // another node) is counted at once.
    let period = "scope=community&from=2026-03-01&to=2026-06-30";
    let before: Value = get(period.into()).await.json().await.unwrap();
    assert_eq!(before, get(period.into()).await.json::<Value>().await.unwrap(), "asked again: the same figures");
    assert_eq!(before["counts"]["submitted"], 2);
    clock.set(day(81));
    let c = svc.create_idea(&maja, &write("Idé C")).await.unwrap().id;
    mv(&svc, &maja, c, Move::Submit { group: syd }).await;
    let after: Value = get(period.into()).await.json().await.unwrap();
    assert_eq!((after["counts"]["written"].as_i64(), after["counts"]["submitted"].as_i64()), (Some(3), Some(3)));
}

/// The store counts the figures' facts from the period's moves; the pure `figures::facts` over
/// whole histories is the reference. On the demo (two years of journeys through the use cases,
/// merges, parks, questions) and 400 seeded ideas (five years, written in bulk by
/// `idespor seed`), for every scope and for periods that cut journeys in two.
async fn the_database_counts_what_whole_histories_give(app: TestApp) {
    use idespor_domain::figures::{Scope, facts};
    let sizes = idespor::seed::Sizes::COMMUNITY.with_ideas(400);
    let seeded = idespor::seed::seed(&app.pool, &app.svc, sizes, 3).await.unwrap();
    assert_eq!(seeded.ideas, 400);
    assert!(seeded.moves > 1_000, "seeded ideas move: {seeded}");
    let store = &app.store;
    let mut scopes = vec![Scope::Community];
    for g in store.list_groups().await.unwrap() {
        scopes.push(Scope::Group(g.group.id));
    }
    for org in ["Aabenraa", "Aarhus", "Sønderborg", "Esbjerg"] {
        if let Some(o) = store.find_organization_by_name(org).await.unwrap() {
            scopes.push(Scope::Organization(o.id));
        }
    }
    let now = app.svc.now();
    let periods = [
        (now - SignedDuration::from_hours(24 * 800), now),
        (now - SignedDuration::from_hours(24 * 365), now - SignedDuration::from_hours(24 * 120)),
        (now - SignedDuration::from_hours(24 * 90), now),
    ];
    let mut moves_seen = 0;
    for scope in scopes {
        let histories = store.idea_histories(scope).await.unwrap();
        for (from, to) in periods {
            let expected = facts(&histories, scope, from, to).normalized();
            let counted = store.figure_facts(scope, from, to).await.unwrap().normalized();
            assert_eq!(counted, expected, "{scope:?} from {from} to {to}");
            moves_seen += expected.moves.iter().map(|m| m.count).sum::<i64>();
        }
    }
    assert!(moves_seen > 2_000, "the comparison should have moves to compare, not {moves_seen}");

    // Each release's share of customer ideas, counted by the database, is the roadmap's.
    let roadmap = app.svc.roadmap().await.unwrap();
    let shares = app.svc.release_shares().await.unwrap();
    assert_eq!(shares.len(), roadmap.releases.len());
    for (share, release) in shares.iter().zip(&roadmap.releases) {
        assert_eq!(share.release.id, release.release.id);
        assert_eq!(share.customer_ideas, release.ideas.len() as i64, "{}", share.release.version);
        assert_eq!(share.other_items, release.items.len() as i64, "{}", share.release.version);
        assert_eq!(share.customer_share(), release.customer_share());
    }
    let with_other = shares.iter().find(|s| s.other_items > 0 && s.customer_ideas > 0).expect("a release with both");
    // The page and the API show them.
    app.login_ok(MAJA).await;
    let (status, page) = app.get_text("/figures").await;
    assert_eq!(status, StatusCode::OK);
    let share = with_other.customer_share().unwrap();
    assert!(
        page.contains(&format!(
            "{}</a></th><td>{}</td><td>{}</td><td>{share} %",
            with_other.release.version, with_other.customer_ideas, with_other.other_items
        )),
        "release share row missing"
    );
    let token = app.token_for(MAJA).await;
    let json: Value = app.api(Method::GET, "/api/v1/figures", &token).send().await.unwrap().json().await.unwrap();
    let row = json["release_shares"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["version"] == with_other.release.version.as_str())
        .unwrap();
    assert_eq!(row["customer_share"], share);
}
