//! The idea journey through HTTP, on SQLite and PostgreSQL: writing, the moves with their rules,
//! optimistic concurrency, merges, supports, comments, lists and the pages.

use crate::common::{Demo, TestApp};

const DEMO: Demo = Demo::Full;
use idespor_domain::{GroupId, IdeaId};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const MAJA: &str = "maja.winther@idespor.test"; // Varde, Erfagruppe Syd
const PETER: &str = "peter.hvid@idespor.test"; // Odense, Erfagruppe Syd
const HANNE: &str = "hanne.bro@idespor.test"; // Varde, tovholder for Erfagruppe Syd
const HENRIK: &str = "henrik.dam@idespor.test"; // tovholdergruppen
const LONE: &str = "lone.kjaergaard@idespor.test"; // produktmanager
const METTE: &str = "mette.kragh@idespor.test"; // Aalborg, tovholder for Erfagruppe Nord

on_both_backends!(
    the_whole_journey_through_the_api,
    moves_by_the_wrong_person_change_nothing,
    a_move_the_status_does_not_allow_lists_the_allowed_ones,
    two_moves_at_once_one_wins,
    a_decline_needs_a_reason,
    citizen_data_is_refused_and_the_refusal_names_the_line,
    a_merge_carries_supports_followers_and_provenance,
    support_counts_organizations_not_people,
    drafts_are_private_and_incomplete_ideas_cannot_be_submitted,
    comments_can_be_edited_for_a_while_and_keep_their_history,
    lists_filter_sort_and_page,
    the_organization_filter_names_one_instead_of_listing_all,
    notifications_are_paged_filtered_and_read_when_their_idea_is_opened,
    the_priority_list_has_one_idea_at_each_place_even_under_parallel_decisions,
    list_totals_follow_every_move,
    the_idea_pages_in_the_browser,
    user_text_is_rendered_inert,
    danish_search_with_stemming_and_snippets,
    a_kept_search_follows_every_change_of_the_terms,
    product_managers_keep_releases_and_administrators_product_areas,
    moves_and_comments_tell_the_people_concerned,
);

async fn about(api: &Api<'_>, id: i64) -> Vec<Value> {
    let all = api.get("/api/v1/notifications").await;
    all["notifications"].as_array().unwrap().iter().filter(|n| n["idea_id"] == id).cloned().collect()
}

async fn moves_and_comments_tell_the_people_concerned(app: TestApp) {
    let id = submitted_idea(&app, MAJA, "Notifikationer om rejsen").await;
    let peter = Api::new(&app, PETER).await; // a member of the erfagruppe it was submitted to
    let signe = Api::new(&app, "signe.vinther@idespor.test").await; // Erfagruppe Midt: not concerned
    let maja = Api::new(&app, MAJA).await;
    let told = about(&peter, id).await;
    assert_eq!(told.len(), 1, "the erfagruppe hears of the submission");
    assert_eq!((told[0]["kind"].clone(), told[0]["to_status"].clone()), (json!("moved"), json!("submitted")));
    assert_eq!(told[0]["actor"], "Maja Winther");
    assert!(about(&maja, id).await.is_empty(), "nobody is told of their own move");
    assert!(about(&signe, id).await.is_empty());

    let hanne = Api::new(&app, HANNE).await;
    hanne.moved(id, json!({"kind": "forward"})).await;
    let henrik = Api::new(&app, HENRIK).await; // the tovholdergruppe now holds it
    assert_eq!(about(&henrik, id).await[0]["to_status"], "forwarded");
    assert_eq!(about(&maja, id).await.len(), 1, "the author hears every move");
    assert!(about(&hanne, id).await.iter().all(|n| n["to_status"] != "forwarded"));

    // A follower from another region is told too; and of comments.
    let mette = Api::new(&app, METTE).await;
    mette.send(Method::PUT, &format!("/api/v1/ideas/{id}/follow"), None).await;
    peter.send(Method::POST, &format!("/api/v1/ideas/{id}/comments"), Some(json!({"body": "Godt forslag"}))).await;
    let comment = about(&maja, id).await;
    assert_eq!((comment[0]["kind"].clone(), comment[0]["actor"].clone()), (json!("commented"), json!("Peter Hvid")));
    assert!(about(&mette, id).await.iter().any(|n| n["kind"] == "commented"));

    // Reading them: the header counts, the page lists, marking read counts down.
    app.login_ok(MAJA).await;
    let before = maja.get("/api/v1/notifications").await["unread"].as_i64().unwrap();
    assert!(before >= 2);
    let (_, page) = app.get_text("/notifications").await;
    assert!(page.contains("Notifikationer om rejsen") && page.contains("Peter Hvid har kommenteret"));
    assert!(page.contains(&format!("<span class=\"badge\">{before}")), "the unread count in the header");
    let first = comment[0]["id"].as_i64().unwrap();
    let response = app.post_form(&format!("/notifications/{first}/read"), &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(maja.get("/api/v1/notifications").await["unread"], before - 1);
    let (status, _) = maja.send(Method::POST, "/api/v1/notifications/read", None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(maja.get("/api/v1/notifications").await["unread"], 0);
    // Someone else's notification cannot be marked.
    let peters = about(&peter, id).await[0]["id"].as_i64().unwrap();
    maja.send(Method::POST, &format!("/api/v1/notifications/{peters}/read"), None).await;
    assert!(about(&peter, id).await.iter().any(|n| n["id"] == peters && n["read_at"].is_null()));
}

async fn product_managers_keep_releases_and_administrators_product_areas(app: TestApp) {
    app.login_ok(MAJA).await;
    let response = app.post_form("/releases", &[("version", "2028.1")]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "a municipal employee keeps no releases");
    app.login_ok(LONE).await;
    let response =
        app.post_form("/releases", &[("version", "2028.1"), ("planned_date", "2028-03-01"), ("notes", "Forår")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let bad = app.post_form(&location, &[("version", "2028.1"), ("released_date", "1. marts")]).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("Skriv en dato som 2026-05-11."));
    let future = app
        .post_form(&location, &[("version", "2028.1"), ("planned_date", "2028-03-01"), ("released_date", "2099-03-15")])
        .await;
    assert_eq!(future.status(), StatusCode::UNPROCESSABLE_ENTITY, "out is out: a date to come is the planned one");
    assert!(future.text().await.unwrap().contains("kan ikke ligge i fremtiden"));
    let good = app
        .post_form(&location, &[("version", "2028.1"), ("planned_date", "2026-03-01"), ("released_date", "2026-03-15")])
        .await;
    assert_eq!(good.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.get_text(&location).await;
    assert!(page.contains("15. marts 2026"), "released date shown the Danish way");
    let duplicate = app.post_form("/releases", &[("version", "2028.1")]).await;
    assert_eq!(duplicate.status(), StatusCode::UNPROCESSABLE_ENTITY);

    app.login_ok(crate::common::ADMIN).await;
    let response = app.post_form("/admin/product-areas", &[("name", "Økonomi og afregning")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let again = app.post_form("/admin/product-areas", &[("name", "Økonomi og afregning")]).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.text().await.unwrap().contains("Der findes allerede et produktområde med det navn."));
    let (_, page) = app.get_text("/admin/product-areas").await;
    assert!(page.contains("Økonomi og afregning"));
    app.login_ok(MAJA).await;
    assert_eq!(app.get("/admin/product-areas").await.status(), StatusCode::FORBIDDEN);
}

/// Ranked searches are kept until any idea's terms change: a search asked before an idea was
/// submitted, edited or written through another process (another node, with its own kept
/// searches) finds the change at once; and the ideas it shows are read fresh (a move shows).
async fn a_kept_search_follows_every_change_of_the_terms(app: TestApp) {
    let maja = Api::new(&app, MAJA).await;
    let area = area_id(&maja).await;
    let search = |q: &'static str| {
        let api = &maja;
        async move {
            let found = api.get(&format!("/api/v1/ideas?q={q}")).await;
            found["ideas"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| (i["id"].as_i64().unwrap(), i["status"].clone()))
                .collect::<Vec<_>>()
        }
    };
    assert!(search("fjernbetjening").await.is_empty(), "nothing yet");
    let (_, idea) = maja
        .send(
            Method::POST,
            "/api/v1/ideas",
            Some(json!({"title": "Fjernbetjening af dørlåse", "role": "Hjemmehjælper", "situation": "Om natten",
                "need": "At låse op uden nøgle", "effect": "Færre nøgler", "product_area_id": area})),
        )
        .await;
    let id = idea["id"].as_i64().unwrap();
    assert!(search("fjernbetjening").await.is_empty(), "a draft has no terms");
    let syd = group_id(&app, "Erfagruppe Syd").await;
    maja.moved(id, json!({"kind": "submit", "group_id": syd})).await;
    assert_eq!(search("fjernbetjening").await, vec![(id, json!("submitted"))], "submitted: found at once");
    // Edited through the API: the old word is gone, the new one found.
    let version = app.store.get_idea(IdeaId(id)).await.unwrap().unwrap().version;
    let (status, _) = maja
        .send(
            Method::PUT,
            &format!("/api/v1/ideas/{id}"),
            Some(json!({"title": "Fjernoplåsning af dørlåse", "role": "Hjemmehjælper", "situation": "Om natten",
                "need": "At låse op uden nøgle", "effect": "Færre nøgler", "product_area_id": area, "version": version})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(search("fjernbetjening").await.is_empty(), "the edit's terms are searched at once");
    assert_eq!(search("fjernoplåsning").await.len(), 1);
    // A move changes no terms, yet the result shows the idea as it is now.
    Api::new(&app, HANNE).await.moved(id, json!({"kind": "forward"})).await;
    assert_eq!(search("fjernoplåsning").await, vec![(id, json!("forwarded"))]);
    // Another process (its own kept searches, the same database) writes an idea: found here.
    let db = idespor::startup::open_database(&app.db.config).await.unwrap();
    let other = idespor::startup::services(db, crate::common::test_clock());
    let writer = idespor_domain::service::Actor::new(other.person_by_email(MAJA).await.unwrap().unwrap());
    let form = idespor_domain::idea::IdeaForm {
        title: "Fjernoplåsning for pårørende".into(),
        role: "Pårørende".into(),
        situation: "Ved besøg".into(),
        need: "At komme ind".into(),
        effect: "Ro".into(),
        product_area_id: area.to_string(),
    };
    let second = other.create_idea(&writer, &form).await.unwrap();
    other
        .move_idea(&writer, second.id, second.version, idespor_domain::idea::Move::Submit { group: GroupId(syd) })
        .await
        .unwrap();
    assert_eq!(search("fjernoplåsning").await.len(), 2, "what another node wrote is searched at once");
}

/// The idea list's organization filter is a name typed (a hosted community has thousands of
/// organizations: a list of them all made the page 119 kB), in any case, with or without
/// "Kommune"; a link may name it by id; a name that names none shows nothing and says so beside
/// the field.
async fn the_organization_filter_names_one_instead_of_listing_all(app: TestApp) {
    app.login_ok(PETER).await;
    let (status, page) = app.get_text("/ideas").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !page.contains("<option value=\"") || page.matches("<option").count() < 60,
        "no list of every organization"
    );
    let varde = app.store.find_organization_by_name("Varde").await.unwrap().unwrap();
    let varde_ideas = app
        .store
        .list_ideas(
            &idespor_domain::idea::IdeaFilter { organization: Some(varde.id), ..Default::default() },
            Default::default(),
            1,
            100,
        )
        .await
        .unwrap();
    assert!(varde_ideas.total > 0, "the demo has ideas from Varde");
    for query in ["varde", "Varde%20Kommune", &varde.id.to_string()] {
        let (status, page) = app.get_text(&format!("/ideas?organization={query}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("value=\"Varde\""), "{query}: the field shows the organization's name");
        let listed = page.matches("<h2 class=\"idea-title\">").count() as i64;
        assert_eq!(listed, varde_ideas.total.min(25), "{query}: Varde's ideas and no others");
        assert!(!page.contains("organization-error"));
    }
    let (status, page) = app.get_text("/ideas?organization=Atlantis").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("aria-invalid=\"true\"") && page.contains("id=\"organization-error\""));
    assert!(page.contains("Ingen organisation hedder «Atlantis»."));
    assert_eq!(page.matches("<h2 class=\"idea-title\">").count(), 0, "a name that names none shows nothing");
}

async fn danish_search_with_stemming_and_snippets(app: TestApp) {
    let maja = Api::new(&app, MAJA).await;
    let area = area_id(&maja).await;
    let (_, idea) = maja
        .send(
            Method::POST,
            "/api/v1/ideas",
            Some(json!({"title": "Kvittering når borgeren har fået medicinen", "role": "Sygeplejerske", "situation": "Ved aftenbesøget på Ærø",
                "need": "Vi mangler at se, om borgeren har taget sin medicin", "effect": "Tryghed", "product_area_id": area})),
        )
        .await;
    let id = idea["id"].as_i64().unwrap();
    let syd = group_id(&app, "Erfagruppe Syd").await;
    maja.moved(id, json!({"kind": "submit", "group_id": syd})).await;
    app.login_ok(PETER).await;
    for query in ["borgere", "medicinering", "kvitteringer", "ærø", "Medicin borger"] {
        let (status, page) = app.get_text(&format!("/ideas?q={}", urlencode(query))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Kvittering når borgeren har fået medicinen"), "{query} should find the idea");
        if query != "kvitteringer" {
            // (that one matches the title only; the snippet shows the text)
            assert!(page.contains("<mark>"), "{query}: matches in the text are marked");
        }
    }
    let (_, page) = app.get_text(&format!("/ideas?q={}", urlencode("borgere"))).await;
    assert!(page.contains("<mark>borgeren</mark>"), "the snippet marks the matching word");
    let (_, page) = app.get_text(&format!("/ideas?q={}", urlencode("aero"))).await;
    assert!(!page.contains("Kvittering når borgeren"), "æ, ø and å are not folded to ASCII");
    // The best match comes first: both words, one of them in the title.
    let (_, page) = app.get_text(&format!("/ideas?q={}", urlencode("kvittering medicin"))).await;
    let first = page.find("<h2 class=\"idea-title\">").unwrap();
    assert!(page[first..].starts_with(&format!("<h2 class=\"idea-title\"><a href=\"/ideas/{id}\">")), "ranked first");
    // Similar ideas while writing, as an HTML fragment.
    let (status, fragment) = app.get_text(&format!("/ideas/similar?q={}", urlencode("kvittering for medicin"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(fragment.contains("Lignende idéer") && fragment.contains(&format!("/ideas/{id}")));
    // Another person's draft is never found.
    let peter = Api::new(&app, PETER).await;
    peter
        .send(
            Method::POST,
            "/api/v1/ideas",
            Some(json!({"title": "Hemmelig zebrakladde", "need": "zebra", "product_area_id": area})),
        )
        .await;
    app.login_ok(MAJA).await;
    let (_, page) = app.get_text("/ideas?q=zebrakladde").await;
    assert!(!page.contains("Hemmelig zebrakladde"));
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

struct Api<'a> {
    app: &'a TestApp,
    token: String,
}

impl<'a> Api<'a> {
    async fn new(app: &'a TestApp, email: &str) -> Api<'a> {
        Api { app, token: app.token_for(email).await }
    }
    async fn send(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut request = self.app.api(method, path, &self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }
    async fn get(&self, path: &str) -> Value {
        let (status, body) = self.send(Method::GET, path, None).await;
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
        body
    }
    async fn idea(&self, id: i64) -> Value {
        self.get(&format!("/api/v1/ideas/{id}")).await
    }
    async fn make_move(&self, id: i64, body: Value) -> (StatusCode, Value) {
        self.send(Method::POST, &format!("/api/v1/ideas/{id}/moves"), Some(body)).await
    }
    /// Makes a move with the idea's current version and expects it to succeed.
    async fn moved(&self, id: i64, mut body: Value) -> Value {
        let version = self.idea(id).await["idea"]["version"].clone();
        body["version"] = version;
        let (status, idea) = self.make_move(id, body.clone()).await;
        assert_eq!(status, StatusCode::OK, "{body}: {idea}");
        idea
    }
}

async fn area_id(api: &Api<'_>) -> i64 {
    api.get("/api/v1/product-areas").await[0]["id"].as_i64().unwrap()
}

async fn group_id(app: &TestApp, name: &str) -> i64 {
    app.store.find_group_by_name(name).await.unwrap().unwrap().id.0
}

/// A complete idea by `author`, submitted to their erfagruppe; returns its id.
async fn submitted_idea(app: &TestApp, author: &str, title: &str) -> i64 {
    let api = Api::new(app, author).await;
    let area = area_id(&api).await;
    let (status, idea) = api
        .send(
            Method::POST,
            "/api/v1/ideas",
            Some(json!({
                "title": title,
                "role": "Systemadministrator",
                "situation": "Når borgeren får besøg om aftenen",
                "need": "Vi mangler overblik over borgernes medicinering",
                "effect": "Færre fejl",
                "product_area_id": area
            })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{idea}");
    let id = idea["id"].as_i64().unwrap();
    let syd = group_id(app, "Erfagruppe Syd").await;
    let group = if author == METTE { group_id(app, "Erfagruppe Nord").await } else { syd };
    api.moved(id, json!({"kind": "submit", "group_id": group})).await;
    id
}

async fn the_whole_journey_through_the_api(app: TestApp) {
    let id = submitted_idea(&app, MAJA, "Overblik over aftenmedicin").await;
    let hanne = Api::new(&app, HANNE).await;
    let syd = group_id(&app, "Erfagruppe Syd").await;
    let queue = hanne.get(&format!("/api/v1/groups/{syd}/queue")).await;
    assert!(queue["ideas"].as_array().unwrap().iter().any(|i| i["id"] == id), "waiting for Erfagruppe Syd");
    let detail = hanne.idea(id).await;
    assert_eq!(detail["allowed_moves"], json!(["forward", "solve_by_configuration", "decline", "merge"]));
    let idea = hanne.moved(id, json!({"kind": "forward"})).await;
    assert_eq!(idea["status"], "forwarded");
    assert_eq!(idea["holder_group"], "Tovholdergruppen");
    let henrik = Api::new(&app, HENRIK).await;
    assert_eq!(henrik.moved(id, json!({"kind": "prioritize", "rank": 2})).await["rank"], 2);
    assert_eq!(henrik.moved(id, json!({"kind": "send_to_product"})).await["status"], "in_assessment");
    let lone = Api::new(&app, LONE).await;
    assert_eq!(
        lone.moved(id, json!({"kind": "ask_for_information", "reason": "Hvor mange borgere drejer det sig om?"})).await
            ["holder_group"],
        "Tovholdergruppen"
    );
    let maja = Api::new(&app, MAJA).await;
    assert_eq!(
        maja.moved(id, json!({"kind": "answer", "reason": "Omkring 40 om ugen"})).await["status"],
        "in_assessment"
    );
    let releases = lone.get("/api/v1/releases").await;
    let release_of = |version: &str| {
        releases.as_array().unwrap().iter().find(|r| r["version"] == version).unwrap()["id"].as_i64().unwrap()
    };
    let release = release_of("2027.1");
    let refused = |(status, body): (StatusCode, Value), code: &str| {
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["fields"][0]["code"], code, "{body}");
    };
    // A plan is for a release to come, not one that is out.
    let version = lone.idea(id).await["idea"]["version"].clone();
    let out = release_of("2025.1");
    refused(
        lone.make_move(id, json!({"kind": "plan", "release_id": out, "version": version})).await,
        "release_already_out",
    );
    assert_eq!(lone.moved(id, json!({"kind": "plan", "release_id": release})).await["release"], "2027.1");
    assert_eq!(lone.moved(id, json!({"kind": "start"})).await["status"], "in_development");
    // A delivery is in a release that is out: first the release comes out (over the API).
    let version = lone.idea(id).await["idea"]["version"].clone();
    refused(
        lone.make_move(id, json!({"kind": "deliver", "release_id": release, "version": version})).await,
        "release_not_out",
    );
    let tz = jiff::tz::TimeZone::get("Europe/Copenhagen").unwrap();
    let today = app.svc.now().to_zoned_datetime(tz).date();
    let release_path = format!("/api/v1/releases/{release}");
    let put = |released: String| {
        let body =
            json!({"version": "2027.1", "planned_date": "2027-03-01", "released_date": released, "notes": "Ude"});
        lone.send(Method::PUT, &release_path, Some(body))
    };
    refused(put(today.tomorrow().unwrap().to_string()).await, "released_in_future");
    let (status, saved) = put(today.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["released_date"], today.to_string());
    let delivered = lone.moved(id, json!({"kind": "deliver", "release_id": release})).await;
    assert_eq!(delivered["status"], "delivered");
    assert_eq!(delivered["holder_group"], Value::Null);

    let detail = maja.idea(id).await;
    let kinds: Vec<&str> = detail["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        vec![
            "submit",
            "forward",
            "prioritize",
            "send_to_product",
            "ask_for_information",
            "answer",
            "plan",
            "start",
            "deliver"
        ]
    );
    assert_eq!(detail["events"][1]["actor"], "Hanne Bro");
    assert_eq!(detail["events"][4]["reason"], "Hvor mange borgere drejer det sig om?");
    assert_eq!(detail["allowed_moves"], json!([]), "a delivered idea is final");
    let in_release = maja.get(&format!("/api/v1/releases/{release}/ideas")).await;
    assert!(in_release["ideas"].as_array().unwrap().iter().any(|i| i["id"] == id));
    // A release with a delivery in it stays out.
    refused(put(String::new()).await, "release_has_deliveries");
    // A final status does not change again.
    let (status, body) =
        lone.make_move(id, json!({"kind": "decline", "reason": "x", "version": delivered["version"]})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "move_not_allowed");
}

async fn moves_by_the_wrong_person_change_nothing(app: TestApp) {
    let id = submitted_idea(&app, MAJA, "Kun tovholderen må videresende").await;
    let maja = Api::new(&app, MAJA).await;
    let before = maja.idea(id).await;
    let version = before["idea"]["version"].clone();
    let (status, body) = maja.make_move(id, json!({"kind": "forward", "version": version})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"], "forbidden");
    assert!(body["message"].as_str().unwrap().contains("tovholder"), "in Maja's Danish: {body}");
    // The coordinator of another erfagruppe may not either.
    let mette = Api::new(&app, METTE).await;
    let (status, _) = mette.make_move(id, json!({"kind": "forward", "version": version})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let after = maja.idea(id).await;
    assert_eq!(after["idea"]["version"], version);
    assert_eq!(after["events"].as_array().unwrap().len(), before["events"].as_array().unwrap().len());
    // The author may withdraw while the idea is with the erfagruppe.
    assert_eq!(maja.moved(id, json!({"kind": "withdraw"})).await["status"], "withdrawn");
}

async fn a_move_the_status_does_not_allow_lists_the_allowed_ones(app: TestApp) {
    let id = submitted_idea(&app, MAJA, "Forkert rækkefølge").await;
    let hanne = Api::new(&app, HANNE).await;
    let version = hanne.idea(id).await["idea"]["version"].clone();
    let (status, body) = hanne.make_move(id, json!({"kind": "accept", "version": version})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "move_not_allowed");
    assert_eq!(body["allowed"], json!(["forward", "solve_by_configuration", "decline", "merge"]));
    let (status, body) = hanne.make_move(id, json!({"kind": "fly", "version": version})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}

async fn two_moves_at_once_one_wins(app: TestApp) {
    let id = submitted_idea(&app, MAJA, "To tovholdere på samme tid").await;
    let hanne = Api::new(&app, HANNE).await;
    let version = hanne.idea(id).await["idea"]["version"].clone();
    // The same person in two windows: forward in one, solve in the other, with the same version.
    let forward = hanne.make_move(id, json!({"kind": "forward", "version": version}));
    let solve =
        hanne.make_move(id, json!({"kind": "solve_by_configuration", "reason": "Slå feltet til", "version": version}));
    let ((a, _), (b, body_b)) = tokio::join!(forward, solve);
    let statuses = [a, b];
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count(), 1, "{statuses:?} {body_b}");
    let detail = hanne.idea(id).await;
    assert_eq!(detail["events"].as_array().unwrap().len(), 2, "submit and exactly one of the two");
    let status = detail["idea"]["status"].as_str().unwrap();
    assert!(status == "forwarded" || status == "solved_by_configuration");
    // The loser, retrying with the old version, is told the idea changed.
    let (status, body) = hanne.make_move(id, json!({"kind": "decline", "reason": "x", "version": version})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body["error"] == "stale_version" || body["error"] == "move_not_allowed", "{body}");
}

async fn a_decline_needs_a_reason(app: TestApp) {
    let id = submitted_idea(&app, MAJA, "Afvisning uden grund").await;
    let hanne = Api::new(&app, HANNE).await;
    let version = hanne.idea(id).await["idea"]["version"].clone();
    let (status, body) = hanne.make_move(id, json!({"kind": "decline", "reason": "  ", "version": version})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "reason");
    let declined = hanne
        .moved(id, json!({"kind": "decline", "standard_reason": "legislation", "reason": "Ældreloven går forud"}))
        .await;
    // The standard reason is kept as its code, the decider's words beside it; each reader reads
    // the reason in their own language, on the page, in the history and in the export.
    assert_eq!(declined["resolution"], "Ældreloven går forud");
    assert_eq!(declined["resolution_code"], "legislation");
    let detail = hanne.idea(id).await;
    let last = detail["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["reason_code"].clone(), last["reason"].clone()),
        (json!("legislation"), json!("Ældreloven går forud"))
    );
    let stored = app.store.get_idea(IdeaId(id)).await.unwrap().unwrap();
    assert_eq!(stored.resolution_code.as_deref(), Some("legislation"));
    app.login_ok(MAJA).await;
    let (_, danish) = app.get_text(&format!("/ideas/{id}")).await;
    assert!(danish.contains("Fortrængt af lovgivning: Ældreloven går forud"), "Danish reader");
    let maja = idespor_domain::service::Actor::new(app.store.find_login_candidate(MAJA).await.unwrap().unwrap().user);
    let mut profile = idespor_domain::user::ProfileForm {
        name: maja.user.name.clone(),
        email: maja.user.email.as_str().to_string(),
        language: "en".into(),
    };
    app.svc.update_profile(&maja, &profile).await.unwrap();
    let (_, english) = app.get_text(&format!("/ideas/{id}")).await;
    assert!(english.contains("Displaced by legislation: Ældreloven går forud"), "English reader");
    assert!(!english.contains("Fortrængt af lovgivning"), "no Danish on the English page");
    let export = app.get("/exports/moves.csv").await.text().await.unwrap();
    assert!(export.contains("Displaced by legislation: Ældreloven går forud"), "the export, in English");
    profile.language = "da".into();
    app.svc.update_profile(&maja, &profile).await.unwrap();
}

/// A CPR number in an idea or a comment is refused, through the API and the page, and the
/// answer names the line it is on; nothing is stored, and the form keeps what was typed.
async fn citizen_data_is_refused_and_the_refusal_names_the_line(app: TestApp) {
    let maja = Api::new(&app, MAJA).await;
    let area = area_id(&maja).await;
    let need = "Vi mangler overblik.\n\nFx borgeren 010190-1234, som ikke fik besøg.";
    let mine = maja.get("/api/v1/ideas?mine=true").await["total"].clone();
    let (status, refused) = maja
        .send(
            Method::POST,
            "/api/v1/ideas",
            Some(json!({"title": "Aflyste besøg", "need": need, "product_area_id": area})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    let field = &refused["fields"][0];
    assert_eq!(
        (field["field"].clone(), field["code"].clone(), field["line"].clone()),
        (json!("need"), json!("cpr_number"), json!(3))
    );
    assert!(field["message"].as_str().unwrap().contains("010190-••••"), "{field}");
    assert!(!refused.to_string().contains("1234"), "the answer does not repeat the number whole: {refused}");
    assert_eq!(maja.get("/api/v1/ideas?mine=true").await["total"], mine, "nothing made");

    app.login_ok(MAJA).await;
    let area = area.to_string();
    let response =
        app.post_form("/ideas", &[("title", "Aflyste besøg"), ("need", need), ("product_area_id", &area)]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Linje 3 ser ud til at indeholde et CPR-nummer (010190-••••)"), "the message names the line");
    assert!(page.contains("id=\"need-error\""), "beside the field");
    assert!(page.contains("borgeren 010190-1234, som"), "the text typed is kept for the person to correct");
    assert_eq!(maja.get("/api/v1/ideas?mine=true").await["total"], mine, "nothing made");

    let id = submitted_idea(&app, MAJA, "Overblik over aflyste besøg").await;
    let path = format!("/api/v1/ideas/{id}/comments");
    let (status, refused) =
        maja.send(Method::POST, &path, Some(json!({"body": "Det skete også for 3112991234"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["fields"][0]["code"], "cpr_number");
    assert_eq!(maja.get(&path).await.as_array().unwrap().len(), 0, "no comment stored");
    // Numbers that are no CPR number pass: a date that cannot be, a phone number, a case number.
    let (status, _) = maja
        .send(Method::POST, &path, Some(json!({"body": "Sag 320190-1234, tlf. 45 12 34 56, sag 01019012345"})))
        .await;
    assert_eq!(status, StatusCode::CREATED);
}

async fn a_merge_carries_supports_followers_and_provenance(app: TestApp) {
    let keep = submitted_idea(&app, MAJA, "Samlet overblik over medicin").await;
    let merge = submitted_idea(&app, PETER, "Overblik over medicinen, igen").await;
    let mette = Api::new(&app, METTE).await; // Aalborg
    let (status, _) = mette.send(Method::PUT, &format!("/api/v1/ideas/{merge}/support"), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    mette.send(Method::PUT, &format!("/api/v1/ideas/{merge}/follow"), None).await;
    let hanne = Api::new(&app, HANNE).await;
    let version = hanne.idea(merge).await["idea"]["version"].clone();
    let (status, body) = hanne.make_move(merge, json!({"kind": "merge", "into": merge, "version": version})).await;
    assert_eq!(
        (status, body["fields"][0]["code"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("merge_into_self"))
    );
    let merged = hanne.moved(merge, json!({"kind": "merge", "into": keep})).await;
    assert_eq!(merged["status"], "merged");
    assert_eq!(merged["merged_into"], keep);
    let kept = hanne.idea(keep).await;
    assert_eq!(kept["idea"]["support_count"], 1, "Aalborg's support moved over");
    assert_eq!(kept["supporters"][0]["organization"], "Aalborg");
    let mette_view = mette.idea(keep).await;
    assert_eq!(mette_view["follows"], true, "followers moved over");
    assert!(
        kept["events"].as_array().unwrap().iter().any(|e| e["kind"] == "merge"),
        "the surviving idea's history tells"
    );
    // Merging into a merged idea is refused.
    let third = submitted_idea(&app, MAJA, "Endnu en om medicin").await;
    let version = hanne.idea(third).await["idea"]["version"].clone();
    let (status, body) = hanne.make_move(third, json!({"kind": "merge", "into": merge, "version": version})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["code"], "merge_target_closed");
    app.login_ok(MAJA).await;
    let (_, page) = app.get_text(&format!("/ideas/{keep}")).await;
    assert!(page.contains(&format!("#{merge} Overblik over medicinen, igen")), "provenance on the page");
}

async fn support_counts_organizations_not_people(app: TestApp) {
    let id = submitted_idea(&app, PETER, "Støtte tæller pr. kommune").await;
    for email in [MAJA, HANNE] {
        let api = Api::new(&app, email).await;
        let (status, _) = api.send(Method::PUT, &format!("/api/v1/ideas/{id}/support"), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
    let api = Api::new(&app, MAJA).await;
    let detail = api.idea(id).await;
    assert_eq!(detail["idea"]["support_count"], 1, "two people from Varde are one organization");
    let mut people: Vec<&str> =
        detail["supporters"][0]["people"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    people.sort_unstable();
    assert_eq!(people, vec!["Hanne Bro", "Maja Winther"], "both names are listed");
    assert_eq!(detail["supporting_groups"], 1);
    api.send(Method::DELETE, &format!("/api/v1/ideas/{id}/support"), None).await;
    assert_eq!(api.idea(id).await["idea"]["support_count"], 1, "Hanne still supports for Varde");
    let hanne = Api::new(&app, HANNE).await;
    hanne.send(Method::DELETE, &format!("/api/v1/ideas/{id}/support"), None).await;
    assert_eq!(api.idea(id).await["idea"]["support_count"], 0);
}

async fn drafts_are_private_and_incomplete_ideas_cannot_be_submitted(app: TestApp) {
    // The form marks what a draft needs (required) and what sending it needs (said in the label).
    app.login_ok(MAJA).await;
    let (_, form) = app.get_text("/ideas/new").await;
    for field in ["role", "situation", "effect"] {
        let label = &form[form.find(&format!("<label for=\"{field}\">")).unwrap()..];
        let label = &label[..label.find("</label>").unwrap()];
        assert!(label.contains("skal udfyldes, før idéen sendes"), "{field}: {label}");
    }
    for field in ["title", "need", "product_area_id"] {
        let label = &form[form.find(&format!("<label for=\"{field}\">")).unwrap()..];
        assert!(label[..label.find("</label>").unwrap()].contains("(skal udfyldes)"), "{field}");
    }
    let maja = Api::new(&app, MAJA).await;
    let area = area_id(&maja).await;
    let (status, draft) = maja
        .send(
            Method::POST,
            "/api/v1/ideas",
            Some(json!({"title": "Halv idé", "need": "Et behov", "product_area_id": area})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let id = draft["id"].as_i64().unwrap();
    let peter = Api::new(&app, PETER).await;
    let (status, _) = peter.send(Method::GET, &format!("/api/v1/ideas/{id}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let listed = peter.get("/api/v1/ideas?status=draft").await;
    assert!(!listed["ideas"].as_array().unwrap().iter().any(|i| i["id"] == id));
    let syd = group_id(&app, "Erfagruppe Syd").await;
    let (status, body) =
        maja.make_move(id, json!({"kind": "submit", "group_id": syd, "version": draft["version"]})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["role", "situation", "effect"]);
    // Submitting to someone else's erfagruppe is refused.
    let nord = group_id(&app, "Erfagruppe Nord").await;
    let (status, _) = maja
        .send(
            Method::PUT,
            &format!("/api/v1/ideas/{id}"),
            Some(json!({"title": "Hel idé", "role": "Sygeplejerske", "situation": "Om aftenen", "need": "Et behov", "effect": "Ro", "product_area_id": area, "version": draft["version"]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let version = maja.idea(id).await["idea"]["version"].clone();
    let (status, body) = maja.make_move(id, json!({"kind": "submit", "group_id": nord, "version": version})).await;
    assert_eq!(
        (status, body["fields"][0]["code"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("group_not_yours"))
    );
    let long = "x".repeat(151);
    let (status, body) = maja
        .send(Method::POST, "/api/v1/ideas", Some(json!({"title": long, "need": "n", "product_area_id": area})))
        .await;
    assert_eq!((status, body["fields"][0]["code"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("too_long")));
    let (status, body) = maja
        .send(Method::POST, "/api/v1/ideas", Some(json!({"title": "t", "need": "n", "product_area_id": 999999})))
        .await;
    assert_eq!(
        (status, body["fields"][0]["code"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("product_area_unknown"))
    );
}

async fn comments_can_be_edited_for_a_while_and_keep_their_history(app: TestApp) {
    let id = submitted_idea(&app, MAJA, "Kommentarer").await;
    let peter = Api::new(&app, PETER).await;
    let (status, comment) = peter
        .send(Method::POST, &format!("/api/v1/ideas/{id}/comments"), Some(json!({"body": "Det kender vi **også**"})))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(comment["organization"], "Odense");
    let cid = comment["id"].as_i64().unwrap();
    let (status, edited) = peter
        .send(Method::PUT, &format!("/api/v1/comments/{cid}"), Some(json!({"body": "Det kender vi også i Odense"})))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(edited["revisions"], 1);
    assert!(edited["edited_at"].is_string());
    let maja = Api::new(&app, MAJA).await;
    let (status, body) =
        maja.send(Method::PUT, &format!("/api/v1/comments/{cid}"), Some(json!({"body": "Hacket"}))).await;
    assert_eq!((status, body["error"].clone()), (StatusCode::FORBIDDEN, json!("forbidden")));
    let (status, _) =
        peter.send(Method::POST, &format!("/api/v1/ideas/{id}/comments"), Some(json!({"body": ""}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    app.login_ok(MAJA).await;
    let (_, page) = app.get_text(&format!("/ideas/{id}")).await;
    assert!(
        page.contains("Tidligere version") && page.contains("Det kender vi <strong>også</strong>"),
        "the earlier text is shown"
    );
    let comments = maja.get(&format!("/api/v1/ideas/{id}/comments")).await;
    assert_eq!(comments.as_array().unwrap().len(), 1);
    assert_eq!(maja.idea(id).await["idea"]["comment_count"], 1);
}

async fn lists_filter_sort_and_page(app: TestApp) {
    let maja = Api::new(&app, MAJA).await;
    let all = maja.get("/api/v1/ideas").await;
    let total = all["total"].as_i64().unwrap();
    assert!(total >= 55, "the demo's ideas, without others' drafts: {total}");
    assert_eq!(all["ideas"].as_array().unwrap().len(), 25);
    let page3 = maja.get("/api/v1/ideas?page=3").await;
    assert_eq!(page3["ideas"].as_array().unwrap().len() as i64, total - 50);
    let mine = maja.get("/api/v1/ideas?mine=1").await;
    assert_eq!(mine["total"], 3, "Maja wrote three demo ideas");
    let delivered = maja.get("/api/v1/ideas?status=delivered").await;
    assert!(delivered["ideas"].as_array().unwrap().iter().all(|i| i["status"] == "delivered"));
    assert_eq!(delivered["total"], 8);
    let supported = maja.get("/api/v1/ideas?sort=most_supported").await;
    let counts: Vec<i64> =
        supported["ideas"].as_array().unwrap().iter().map(|i| i["support_count"].as_i64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let waiting = maja.get("/api/v1/ideas?sort=longest_waiting").await;
    let changed: Vec<&str> =
        waiting["ideas"].as_array().unwrap().iter().map(|i| i["status_changed_at"].as_str().unwrap()).collect();
    assert!(changed.windows(2).all(|w| w[0] <= w[1]));
    let finals = ["delivered", "solved_by_configuration", "declined", "merged", "withdrawn"];
    assert!(waiting["ideas"].as_array().unwrap().iter().all(|i| !finals.contains(&i["status"].as_str().unwrap())));
    let ours = maja.get("/api/v1/ideas?ours=1").await;
    assert!(ours["ideas"].as_array().unwrap().iter().all(|i| i["author_organization"] == "Varde"));
    let we_support = maja.get("/api/v1/ideas?supported=1").await;
    assert!(we_support["total"].as_i64().unwrap() > 0);
    let syd = group_id(&app, "Erfagruppe Syd").await;
    let in_group = maja.get(&format!("/api/v1/ideas?group={syd}")).await;
    assert!(
        in_group["ideas"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["erfa_group"] == "Erfagruppe Syd" || i["holder_group_id"] == syd)
    );
}

/// How many ideas the viewer may see, counted row by row (the list reads it from the tallies).
async fn counted(app: &TestApp, viewer_email: &str, status: Option<&str>, open_only: bool) -> i64 {
    let finals = "'delivered', 'solved_by_configuration', 'declined', 'merged', 'withdrawn'";
    let sql = format!(
        "SELECT COUNT(*) FROM ideas i JOIN users u ON u.email = $1 \
         WHERE (i.status <> 'draft' OR i.author_id = u.id) AND ($2 = '' OR i.status = $2){}",
        if open_only { format!(" AND i.status NOT IN ({finals})") } else { String::new() }
    );
    app.pool.count(&sql, &[viewer_email, status.unwrap_or("")]).await.unwrap()
}

/// The list's totals come from tallies the database keeps; after new drafts, moves, a merge and
/// a withdrawal they still equal a count of the rows, for each viewer, status and open-only list.
async fn list_totals_follow_every_move(app: TestApp) {
    let maja = Api::new(&app, MAJA).await;
    let hanne = Api::new(&app, HANNE).await;
    let check = |when: &'static str| {
        let app = &app;
        async move {
            for (email, api) in [(MAJA, Api::new(app, MAJA).await), (PETER, Api::new(app, PETER).await)] {
                let all = api.get("/api/v1/ideas").await["total"].as_i64().unwrap();
                assert_eq!(all, counted(app, email, None, false).await, "{when}: all, as {email}");
                let waiting = api.get("/api/v1/ideas?sort=longest_waiting").await["total"].as_i64().unwrap();
                assert_eq!(waiting, counted(app, email, None, true).await, "{when}: open ideas, as {email}");
                for status in idespor_domain::idea::IdeaStatus::ALL.map(|s| s.as_str()) {
                    let listed = api.get(&format!("/api/v1/ideas?status={status}")).await["total"].as_i64().unwrap();
                    assert_eq!(listed, counted(app, email, Some(status), false).await, "{when}: {status}, as {email}");
                }
            }
        }
    };
    check("the demo").await;
    let first = submitted_idea(&app, MAJA, "Tællerne følger med, første").await;
    let second = submitted_idea(&app, MAJA, "Tællerne følger med, anden").await;
    let area = area_id(&maja).await;
    let (status, _) = maja
        .send(
            Method::POST,
            "/api/v1/ideas",
            Some(json!({"title": "Et udkast kun Maja ser", "need": "Overblik", "product_area_id": area})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "a draft needs a title, a need and an area");
    check("after two submissions and a draft").await;
    hanne.moved(first, json!({"kind": "forward"})).await;
    hanne.moved(second, json!({"kind": "merge", "into": first})).await;
    check("after a forward and a merge").await;
    let third = submitted_idea(&app, MAJA, "Tællerne følger med, tredje").await;
    maja.moved(third, json!({"kind": "withdraw"})).await;
    check("after a withdrawal").await;
}

async fn the_idea_pages_in_the_browser(app: TestApp) {
    app.login_ok(MAJA).await;
    let (status, form) = app.get_text("/ideas/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Skriv aldrig borgeroplysninger her."));
    let areas = app.svc.product_areas().await.unwrap();
    let area = areas[0].id.to_string();
    let response =
        app.post_form("/ideas", &[("title", ""), ("need", "Vi mangler noget"), ("product_area_id", &area)]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(body.contains("Feltet skal udfyldes.") && body.contains("Vi mangler noget"), "the input is kept");
    let response = app
        .post_form(
            "/ideas",
            &[
                ("title", "Idé fra formularen"),
                ("role", "Sygeplejerske"),
                ("situation", "Aften"),
                ("need", "Behov"),
                ("effect", "Ro"),
                ("product_area_id", &area),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let id: i64 = location.trim_start_matches("/ideas/").split('?').next().unwrap().parse().unwrap();
    let (_, page) = app.get_text(&location).await;
    assert!(page.contains("Kladden er gemt.") && page.contains("Kladde"));
    let syd = group_id(&app, "Erfagruppe Syd").await.to_string();
    let response =
        app.post_form(&format!("/ideas/{id}/moves"), &[("kind", "submit"), ("version", "1"), ("group_id", &syd)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // The same form again (an old page): the idea has moved on; the page says so and shows the new state.
    let response =
        app.post_form(&format!("/ideas/{id}/moves"), &[("kind", "submit"), ("version", "1"), ("group_id", &syd)]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body = response.text().await.unwrap();
    assert!(body.contains("Indsendt til erfagruppe"), "the new state");
    // A move with a missing reason comes back with the error inside that move's form.
    app.login_ok(HANNE).await;
    let version = app.store.get_idea(idespor_domain::IdeaId(id)).await.unwrap().unwrap().version.to_string();
    let response = app
        .post_form(&format!("/ideas/{id}/moves"), &[("kind", "decline"), ("version", &version), ("reason", " ")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(body.contains("href=\"#move-decline\""), "the summary points at the form that failed");
    let form = &body[body.find("id=\"move-decline\"").unwrap()..];
    assert!(
        form[..form.find("</form>").unwrap()].contains("Begrundelse: Feltet skal udfyldes."),
        "the error is inside it"
    );
    app.login_ok(MAJA).await;
    let (_, list) = app.get_text("/ideas?mine=1&sort=newest").await;
    assert!(list.contains("Idé fra formularen"));
    let (status, group) = app.get_text(&format!("/groups/{syd}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(group.contains("Venter på os") && group.contains("Idé fra formularen"));
    for path in ["/releases", "/ideas?status=open&sort=longest_waiting&page=2"] {
        assert_eq!(app.get(path).await.status(), StatusCode::OK, "{path}");
    }
}

async fn user_text_is_rendered_inert(app: TestApp) {
    let maja = Api::new(&app, MAJA).await;
    let area = area_id(&maja).await;
    let (_, idea) = maja
        .send(
            Method::POST,
            "/api/v1/ideas",
            Some(json!({"title": "<script>alert('titel')</script>", "need": "<img src=x onerror=alert(1)> **fed**", "product_area_id": area})),
        )
        .await;
    app.login_ok(MAJA).await;
    let (_, page) = app.get_text(&format!("/ideas/{}", idea["id"])).await;
    assert!(!page.contains("<script>alert"), "the title is escaped");
    assert!(page.contains("&lt;script&gt;") || page.contains("&#60;script&#62;"));
    assert!(!page.contains("onerror"), "markdown is sanitized");
    assert!(page.contains("<strong>fed</strong>"));
}

/// Every notification can be reached (a page at a time, never only the newest 100), filtered by
/// kind and by unread; opening an idea reads what the person was told about it; the idea page
/// links its history feed.
async fn notifications_are_paged_filtered_and_read_when_their_idea_is_opened(app: TestApp) {
    let token = app.token_for(HANNE).await;
    let get = |query: String| {
        let request = app.api(Method::GET, &format!("/api/v1/notifications?{query}"), &token);
        async move {
            let response = request.send().await.unwrap();
            let status = response.status();
            (status, response.json::<Value>().await.unwrap())
        }
    };
    let ids = |body: &Value| -> Vec<i64> {
        body["notifications"].as_array().unwrap().iter().map(|n| n["id"].as_i64().unwrap()).collect()
    };
    let (status, first) = get(String::new()).await;
    assert_eq!(status, StatusCode::OK);
    let (total, size) = (first["total"].as_i64().unwrap(), first["page_size"].as_i64().unwrap());
    assert!(total > size, "the demo gives Hanne more than a page of notifications: {total}");
    // Every page in turn: each notification once, newest first, all of them.
    let mut seen: Vec<i64> = Vec::new();
    for page in 1..=(total + size - 1) / size {
        let (_, body) = get(format!("page={page}")).await;
        seen.extend(ids(&body));
    }
    assert_eq!(seen.len() as i64, total);
    assert!(seen.windows(2).all(|w| w[0] > w[1]), "newest first, none twice");

    // Filtered by kind, and by unread.
    let (_, decisions) = get("kind=decision".into()).await;
    let listed = decisions["notifications"].as_array().unwrap();
    assert!(!listed.is_empty() && listed.iter().all(|n| n["kind"] == "decision"), "{decisions}");
    assert!(decisions["total"].as_i64().unwrap() < total);
    let (_, unread) = get("unread=true".into()).await;
    assert_eq!(unread["total"], first["unread"], "unread only: as many as the header says");
    assert!(unread["notifications"].as_array().unwrap().iter().all(|n| n["read_at"].is_null()));
    let (status, wrong) = get("kind=everything".into()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong["fields"][0]["field"], "kind", "{wrong}");

    // The page offers the same, with a pager.
    app.login_ok(HANNE).await;
    let (status, page) = app.get_text("/notifications?kind=moved&page=2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<option value=\"moved\" selected>") && page.contains("rel=\"prev\""), "{page}");

    // Opening an idea she was told about reads those notifications, and only those.
    let unread_list = unread["notifications"].as_array().unwrap();
    let about = unread_list.iter().find_map(|n| n["idea_id"].as_i64()).expect("an unread notification about an idea");
    let about_it = |body: &Value| {
        body["notifications"].as_array().unwrap().iter().filter(|n| n["idea_id"] == json!(about)).count() as i64
    };
    let mut unread_about = 0;
    for page in 1..=(unread["total"].as_i64().unwrap() + size - 1) / size {
        unread_about += about_it(&get(format!("unread=true&page={page}")).await.1);
    }
    let (status, idea_page) = app.get_text(&format!("/ideas/{about}")).await;
    assert_eq!(status, StatusCode::OK);
    let (_, after) = get("unread=true".into()).await;
    assert_eq!(after["total"].as_i64().unwrap(), unread["total"].as_i64().unwrap() - unread_about);
    assert_eq!(about_it(&after), 0, "nothing about the opened idea is unread");

    // Its history feed is linked, and reads.
    let start = idea_page.find("/history.atom").expect("the history feed is linked");
    let href = &idea_page[idea_page[..start].rfind("href=\"").unwrap() + 6..start + "/history.atom".len()];
    let feed = reqwest::get(app.url(&href[href.find("/feeds/").unwrap()..])).await.unwrap();
    assert_eq!(feed.status(), StatusCode::OK);
    assert!(feed.headers()["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
}

/// The tovholdergruppe's priority list: ranks are places 1, 2, 3, … with no two ideas at one
/// place, whatever is prioritized, declined or decided at the same moment; the idea list sorts
/// by it (the demo's ranks came through the same rule).
async fn the_priority_list_has_one_idea_at_each_place_even_under_parallel_decisions(app: TestApp) {
    let henrik = Api::new(&app, HENRIK).await;
    let list = || async {
        let mut ids = Vec::new();
        let mut ranks = Vec::new();
        for page in 1.. {
            let body = henrik.get(&format!("/api/v1/ideas?sort=priority&page={page}")).await;
            let ideas = body["ideas"].as_array().unwrap().clone();
            for idea in &ideas {
                ids.push(idea["id"].as_i64().unwrap());
                ranks.push(idea["rank"].as_i64().unwrap());
            }
            if ideas.is_empty() || ids.len() as i64 >= body["total"].as_i64().unwrap() {
                break;
            }
        }
        (ids, ranks)
    };
    let one_order = |ranks: &[i64]| ranks.iter().enumerate().all(|(i, r)| *r == i as i64 + 1);
    let (before, ranks) = list().await;
    assert!(!before.is_empty(), "the demo prioritizes ideas");
    assert!(one_order(&ranks), "the demo's list is one order: {ranks:?}");

    // A new idea becomes nr. 1: the others move down one, in their order.
    let first = submitted_idea(&app, MAJA, "Fælles oversigt over hjælpemidler").await;
    forward_by_api(&app, first).await;
    henrik.moved(first, json!({"kind": "prioritize", "rank": 1})).await;
    let (after, ranks) = list().await;
    assert!(one_order(&ranks), "{ranks:?}");
    assert_eq!(after[0], first);
    assert_eq!(&after[1..], &before[..], "the others keep their order, one place down");

    // Nr. 1 is declined: it leaves the list and the gap closes.
    let version = henrik.idea(first).await["idea"]["version"].clone();
    let (status, body) = henrik
        .make_move(first, json!({"kind": "decline", "reason": "Løses i et andet projekt", "version": version}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (now, ranks) = list().await;
    assert!(one_order(&ranks), "{ranks:?}");
    assert_eq!(now, before, "the list is as it was");
    assert_eq!(henrik.idea(first).await["idea"]["rank"], Value::Null, "a declined idea has no place");

    // Six ideas made nr. 1 at the same moment: one order still, each on the list once.
    let mut newcomers = Vec::new();
    for n in 0..6 {
        let id = submitted_idea(&app, MAJA, &format!("Samtidig prioritering {n}")).await;
        forward_by_api(&app, id).await;
        newcomers.push(id);
    }
    let mut moves = tokio::task::JoinSet::new();
    for id in &newcomers {
        let version = henrik.idea(*id).await["idea"]["version"].clone();
        let request = app.api(Method::POST, &format!("/api/v1/ideas/{id}/moves"), &henrik.token);
        moves.spawn(async move {
            request.json(&json!({"kind": "prioritize", "rank": 1, "version": version})).send().await.unwrap().status()
        });
    }
    while let Some(status) = moves.join_next().await {
        assert_eq!(status.unwrap(), StatusCode::OK);
    }
    let (now, ranks) = list().await;
    assert!(one_order(&ranks), "parallel placements keep one order: {ranks:?}");
    let mut top: Vec<i64> = now[..6].to_vec();
    top.sort();
    let mut expected = newcomers.clone();
    expected.sort();
    assert_eq!(top, expected, "the six are the first six, in some order");
}

/// The erfagruppe's tovholder forwards an idea (the API).
async fn forward_by_api(app: &TestApp, id: i64) {
    let hanne = Api::new(app, HANNE).await;
    hanne.moved(id, json!({"kind": "forward"})).await;
}
