//! Prioritization rounds on SQLite and PostgreSQL: opened by the tovholdergruppe with the rules
//! for bad input, voted by the erfagrupper' tovholdere (over the budget, not a voter, after the
//! close: refused, nothing saved), counted again from the published ballots, and published as a
//! decision that prioritizes the ideas in the result's order. The roadmap with the ideas'
//! backers and the share of each release that came from customers.

use crate::common::{Demo, TestApp};

const DEMO: Demo = Demo::Full;

use idespor_domain::clock::FixedClock;
use idespor_domain::idea::IdeaStatus;
use idespor_domain::round::{Phase, count};
use idespor_domain::service::{Actor, Services};
use idespor_domain::{IdeaId, RoundId};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;

const PERNILLE: &str = "pernille.frost@idespor.test"; // tovholdergruppen
const HANNE: &str = "hanne.bro@idespor.test"; // tovholder, Erfagruppe Syd
const METTE: &str = "mette.kragh@idespor.test"; // tovholder, Erfagruppe Nord
const MAJA: &str = "maja.winther@idespor.test"; // member of Erfagruppe Syd

on_both_backends!(
    a_round_is_voted_counted_from_its_published_ballots_and_ranks_the_ideas,
    the_roadmap_shows_releases_with_backers_and_an_honest_customer_share,
    exports_open_in_a_spreadsheet_with_danish_headers_and_typed_cells,
);

async fn actor(app: &TestApp, email: &str) -> Actor {
    Actor::new(app.store.find_login_candidate(email).await.unwrap().unwrap().user)
}

fn local_date(ts: jiff::Timestamp) -> String {
    ts.to_zoned_datetime(jiff::tz::TimeZone::get("Europe/Copenhagen").unwrap()).date().to_string()
}

async fn a_round_is_voted_counted_from_its_published_ballots_and_ranks_the_ideas(app: TestApp) {
    let pernille = actor(&app, PERNILLE).await;
    let candidates = app.svc.round_candidates(&pernille).await.unwrap();
    assert!(candidates.len() >= 3, "the demo's tovholdergruppe holds forwarded ideas");
    let ballot_ideas: Vec<i64> = candidates.iter().take(3).map(|i| i.id.0).collect();
    let now = app.svc.now();
    let round = json!({
        "title": "Prioritering efterår", "method": "points", "budget": 10, "voters": "erfagrupper",
        "opens_date": local_date(now - jiff::SignedDuration::from_hours(24)), "opens_time": "08:00",
        "closes_date": local_date(now + jiff::SignedDuration::from_hours(48)), "closes_time": "16:00",
        "idea_ids": ballot_ideas,
    });
    let steering = app.token_for(PERNILLE).await;
    let hanne = app.token_for(HANNE).await;
    let mette = app.token_for(METTE).await;
    let maja = app.token_for(MAJA).await;

    // Bad rounds: refused with the field, nothing made.
    let before = app.svc.rounds().await.unwrap().len();
    let mut backwards = round.clone();
    backwards["closes_date"] = backwards["opens_date"].clone();
    backwards["closes_time"] = json!("07:00");
    let response = app.api(Method::POST, "/api/v1/rounds", &steering).json(&backwards).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("closes_before_opens"));
    let mut empty = round.clone();
    empty["idea_ids"] = json!([]);
    let response = app.api(Method::POST, "/api/v1/rounds", &steering).json(&empty).send().await.unwrap();
    assert!(response.text().await.unwrap().contains("round_without_ideas"));
    let response = app.api(Method::POST, "/api/v1/rounds", &maja).json(&round).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "only the tovholdergruppe opens rounds");
    assert_eq!(app.svc.rounds().await.unwrap().len(), before, "nothing saved");

    let response = app.api(Method::POST, "/api/v1/rounds", &steering).json(&round).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    let id = RoundId(created["id"].as_i64().unwrap());
    assert_eq!(created["phase"], "open");

    let syd = app.store.find_group_by_name("Erfagruppe Syd").await.unwrap().unwrap().id;
    let nord = app.store.find_group_by_name("Erfagruppe Nord").await.unwrap().unwrap().id;
    let (a, b, c) = (ballot_ideas[0], ballot_ideas[1], ballot_ideas[2]);
    let vote = |token: &str, voter: String, values: Value| {
        app.api(Method::PUT, &format!("/api/v1/rounds/{id}/ballot"), token)
            .json(&json!({ "voter": voter, "values": values }))
            .send()
    };
    // Over the budget, for someone else's group, by a non-voter, an idea off the ballot: refused.
    let over = vote(&hanne, format!("group:{syd}"), json!({ a.to_string(): 6, b.to_string(): 5 })).await.unwrap();
    assert_eq!(over.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(over.text().await.unwrap().contains("over_budget"));
    let theirs = vote(&hanne, format!("group:{nord}"), json!({ a.to_string(): 1 })).await.unwrap();
    assert_eq!(theirs.status(), StatusCode::FORBIDDEN);
    let member = vote(&maja, format!("group:{syd}"), json!({ a.to_string(): 1 })).await.unwrap();
    assert_eq!(member.status(), StatusCode::FORBIDDEN, "a member is not the group's voter");
    let off = vote(&hanne, format!("group:{syd}"), json!({ "999999": 1 })).await.unwrap();
    assert_eq!(off.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(app.store.ballots(id).await.unwrap().is_empty(), "nothing saved");

    // Valid ballots; Syd changes its mind, and the whole new ballot replaces the old one.
    assert_eq!(
        vote(&hanne, format!("group:{syd}"), json!({ a.to_string(): 10 })).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        vote(&hanne, format!("group:{syd}"), json!({ b.to_string(): 7, c.to_string(): 3 })).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        vote(&mette, format!("group:{nord}"), json!({ c.to_string(): 6, a.to_string(): 4 })).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let ballots = app.store.ballots(id).await.unwrap();
    let syd_ballot = ballots.iter().find(|x| x.voter == format!("group:{syd}")).unwrap();
    assert_eq!(syd_ballot.values, BTreeMap::from([(IdeaId(b), 7), (IdeaId(c), 3)]), "never a mix of the two");
    // While open, a voter sees only their own ballot; others' are secret.
    let detail: Value =
        app.api(Method::GET, &format!("/api/v1/rounds/{id}"), &hanne).send().await.unwrap().json().await.unwrap();
    assert_eq!(detail["ballots"].as_array().unwrap().len(), 1);
    assert!(detail["result"].as_array().unwrap().is_empty());
    // The page offers Hanne her group's ballot with her values.
    app.login_ok(HANNE).await;
    let (status, page) = app.get_text(&format!("/rounds/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!("name=\"value_{b}\" value=\"7\"")), "the ballot shows what was cast");

    // After the close (another process with its clock past it): counted, published, frozen.
    let round_row = app.store.get_round(id).await.unwrap().unwrap();
    let clock = FixedClock::at(round_row.closes_at + jiff::SignedDuration::from_mins(1));
    let later = Services::new(app.store.clone(), Arc::new(clock));
    let late = later
        .cast_ballot(&actor(&app, HANNE).await, id, &format!("group:{syd}"), &BTreeMap::from([(IdeaId(a), 1)]))
        .await;
    assert!(matches!(late, Err(idespor_domain::DomainError::Conflict("round_closed"))), "{late:?}");
    let view = later.round_view(&pernille, id).await.unwrap();
    assert_eq!(view.phase, Phase::Closed);
    assert_eq!(view.ballots.len(), 2, "every ballot is published");
    let recount = count(
        view.round.method,
        &view.round.ideas.iter().map(|i| i.idea_id).collect::<Vec<_>>(),
        &view.ballots.iter().map(|b| b.values.clone()).collect::<Vec<_>>(),
    );
    assert_eq!(view.result, recount, "anyone can count the published ballots again");
    // b: 7, c: 3 + 6 = 9, a: 4
    assert_eq!(view.result.iter().map(|s| (s.idea_id.0, s.score)).collect::<Vec<_>>(), vec![(c, 9), (b, 7), (a, 4)]);
    assert_eq!(view.non_voters.len(), 3, "the three other erfagrupper did not vote");

    let decision = later.publish_round(&pernille, id).await.unwrap();
    for (rank, idea) in [c, b, a].iter().enumerate() {
        let idea = app.store.get_idea(IdeaId(*idea)).await.unwrap().unwrap();
        assert_eq!(idea.status, IdeaStatus::Prioritized);
        assert_eq!(idea.rank, Some(rank as i32 + 1), "ranked in the result's order");
    }
    let (d, presentations) = app.svc.decision(decision).await.unwrap();
    assert_eq!(d.title, "Prioritering efterår", "the decision carries the round's own title");
    assert_eq!(presentations.len(), 5, "the result travels to every erfagruppe");
    // Only what the community wrote or counted is stored; how it was counted is said in the
    // reader's language on display.
    assert_eq!(
        d.body,
        format!(
            "1. {} (9)\n2. {} (7)\n3. {} (4)",
            title_of(&app, c).await,
            title_of(&app, b).await,
            title_of(&app, a).await
        )
    );
    assert_eq!(d.reason, "");
    let published = app.svc.published_round(decision).await.unwrap().expect("the decision knows its round");
    assert_eq!((published.id, published.ballots, published.budget), (id, 2, 10));
    let api: Value = app
        .api(Method::GET, &format!("/api/v1/decisions/{}", decision.0), &maja)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["round_id"], json!(id.0), "the API names the round too");
    app.login_ok(MAJA).await;
    let (status, danish) = app.get_text(&format!("/decisions/{}", decision.0)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(danish.contains("Beslutningen offentliggør resultatet af prioriteringsrunden"), "{danish}");
    assert!(danish.contains(&format!("href=\"/rounds/{}\"", id.0)), "the decision links its round");
    assert!(danish.contains("2 stemmesedler er afgivet.") && danish.contains("Pointfordeling: 10 point pr. stemme"));
    let profile = [("name", "Maja Winther"), ("email", MAJA), ("language", "en")];
    assert_eq!(app.post_form("/profile", &profile).await.status(), StatusCode::SEE_OTHER);
    let (_, english) = app.get_text(&format!("/decisions/{}", decision.0)).await;
    assert!(english.contains("This decision publishes the result of the prioritization round"), "{english}");
    assert!(english.contains("2 ballots were cast.") && english.contains("Points: 10 points per ballot"));
    for danish_word in ["stemme", "Pointfordeling", "afgivet", "Resultat", "uafgjort"] {
        assert!(!english.contains(danish_word), "Danish '{danish_word}' on the English decision page");
    }
    assert!(later.publish_round(&pernille, id).await.is_err(), "published once");
}

async fn the_roadmap_shows_releases_with_backers_and_an_honest_customer_share(app: TestApp) {
    let maja = app.token_for(MAJA).await;
    let pm = app.token_for("lone.kjaergaard@idespor.test").await;
    let roadmap: Value = app.api(Method::GET, "/api/v1/roadmap", &maja).send().await.unwrap().json().await.unwrap();
    let releases = roadmap["releases"].as_array().unwrap();
    assert!(!releases.is_empty());
    // Every delivered or planned idea sits under its own release, with its backers.
    for r in releases {
        for i in r["ideas"].as_array().unwrap() {
            let idea = app.store.get_idea(IdeaId(i["idea_id"].as_i64().unwrap())).await.unwrap().unwrap();
            assert_eq!(idea.release_id.map(|x| x.0), r["id"].as_i64());
            assert!(matches!(
                idea.status,
                IdeaStatus::Planned | IdeaStatus::Delivered | IdeaStatus::InDevelopment | IdeaStatus::Accepted
            ));
            if let Some(group) = idea.erfa_group_name.as_deref() {
                assert_eq!(i["groups"][0], group, "the erfagruppe it came from comes first");
            }
        }
        let ideas = r["ideas"].as_array().unwrap().len();
        let items = r["other_items"].as_array().unwrap().len();
        let expected = (ideas * 100).checked_div(ideas + items).map_or(Value::Null, |share| json!(share));
        assert_eq!(r["customer_share"], expected, "release {}", r["version"]);
    }
    // A product manager adds what did not come from customers; the share is honest about it.
    let release = releases.iter().find(|r| !r["ideas"].as_array().unwrap().is_empty()).unwrap();
    let id = release["id"].as_i64().unwrap();
    let body = json!({ "title": "Krav fra ny bekendtgørelse", "source": "legislation" });
    let refused =
        app.api(Method::POST, &format!("/api/v1/releases/{id}/items"), &maja).json(&body).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let bad = app
        .api(Method::POST, &format!("/api/v1/releases/{id}/items"), &pm)
        .json(&json!({ "title": "", "source": "rumour" }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let made = app.api(Method::POST, &format!("/api/v1/releases/{id}/items"), &pm).json(&body).send().await.unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let after: Value = app.api(Method::GET, "/api/v1/roadmap", &maja).send().await.unwrap().json().await.unwrap();
    let changed = after["releases"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
    let ideas = changed["ideas"].as_array().unwrap().len();
    let items = changed["other_items"].as_array().unwrap().len();
    assert_eq!(items, release["other_items"].as_array().unwrap().len() + 1);
    assert_eq!(changed["customer_share"], json!(ideas * 100 / (ideas + items)));
    // The page for everyone.
    app.login_ok(MAJA).await;
    let (status, page) = app.get_text("/roadmap").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Køreplan")
            && page.contains("Krav fra ny bekendtgørelse")
            && page.contains("fra kundernes idéer")
    );
}

async fn exports_open_in_a_spreadsheet_with_danish_headers_and_typed_cells(app: TestApp) {
    use calamine::{Data, Reader, Xlsx};
    app.login_ok(MAJA).await;
    // XLSX: read back with calamine.
    let response = app.get("/exports/ideas.xlsx").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-disposition"].to_str().unwrap().contains("ideer.xlsx"));
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("ideer").unwrap();
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows[0][0], Data::String("Nummer".into()));
    assert_eq!(rows[0][2], Data::String("Behov".into()), "the need is what an idea is");
    assert_eq!(rows[0][6], Data::String("Produktområde".into()));
    let submitted = app
        .store
        .list_ideas(&idespor_domain::idea::IdeaFilter::default(), Default::default(), 1, 500)
        .await
        .unwrap()
        .ideas
        .into_iter()
        .filter(|i| i.status != IdeaStatus::Draft)
        .count();
    assert_eq!(rows.len() - 1, submitted, "one row per submitted idea, no drafts");
    assert!(matches!(rows[1][0], Data::Float(_)), "numbers are numbers: {:?}", rows[1][0]);
    assert!(matches!(&rows[1][2], Data::String(need) if need.len() > 20), "the need: {:?}", rows[1][2]);
    assert!(matches!(rows[1][7], Data::Float(_)), "supports are numbers");
    assert!(matches!(rows[1][9], Data::DateTime(_)), "times are times: {:?}", rows[1][9]);
    // The moves: as many rows as the submitted ideas have events.
    let bytes = app.get("/exports/moves.xlsx").await.bytes().await.unwrap().to_vec();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let moves = book.worksheet_range("flytninger").unwrap();
    assert!(moves.rows().count() > submitted, "every idea has at least its submission");
    // Statuses are words in the reader's language, not codes.
    assert!(rows.iter().skip(1).all(|r| matches!(&r[3], Data::String(s) if !s.contains('_'))), "{:?}", rows[1][3]);
    // CSV: byte-order mark, semicolons, Danish letters intact.
    let csv = app.get("/exports/decisions.csv").await.bytes().await.unwrap().to_vec();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert!(text.lines().next().unwrap().starts_with("Nummer;Gruppe;Titel;Besluttet"));
    assert!(text.contains("Tovholdergruppen"));
    // What a person reads: ideas by title with what was done to them, meetings by name; no
    // move codes, no bare ids.
    let decisions = app.store.list_decisions(&Default::default()).await.unwrap();
    let with_moves = decisions.iter().find(|d| d.ideas.iter().any(|i| i.move_kind.is_some())).unwrap();
    let moved = with_moves.ideas.iter().find(|i| i.move_kind.is_some()).unwrap();
    let label = idespor_web::i18n::t(
        idespor_domain::user::Language::Da,
        &format!("event-{}", moved.move_kind.unwrap().as_str()),
    );
    assert!(text.contains(&format!("{} ({label})", moved.title)), "{} ({label}) in the export", moved.title);
    for code in ["(send_to_product)", "(prioritize)", "(forward)", "(decline)"] {
        assert!(!text.contains(code), "{code} in the decisions export");
    }
    if let Some(title) = decisions.iter().find_map(|d| d.meeting_title.clone()) {
        assert!(text.contains(&title), "the meeting by its title");
    }
    // A closed round's ballots: one row per ballot; an open round's are secret.
    let rounds = app.svc.rounds().await.unwrap();
    let now = app.svc.now();
    let closed = rounds.iter().find(|r| r.phase(now) == Phase::Closed).expect("the demo has a closed round");
    let bytes = app.get(&format!("/rounds/{}/ballots.xlsx", closed.id)).await.bytes().await.unwrap().to_vec();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let name = book.sheet_names()[0].clone();
    let ballots = book.worksheet_range(&name).unwrap();
    assert_eq!(ballots.rows().count() - 1, app.store.ballots(closed.id).await.unwrap().len());
    let open = rounds.iter().find(|r| r.phase(now) == Phase::Open).expect("the demo has an open round");
    assert_eq!(app.get(&format!("/rounds/{}/ballots.csv", open.id)).await.status(), StatusCode::CONFLICT);
    // The API, and a bad format.
    let token = app.token_for(MAJA).await;
    let response = app.api(Method::GET, "/api/v1/exports/ideas?format=csv", &token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = app.api(Method::GET, "/api/v1/exports/ideas?format=pdf", &token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn title_of(app: &TestApp, idea: i64) -> String {
    app.store.get_idea(IdeaId(idea)).await.unwrap().unwrap().title
}
