//! A public face, when wanted (issue 14, item 5): an administrator opens chosen pages (the
//! roadmap, the releases, the decision log, the figures) to visitors who are not signed in;
//! closed by default; no person named there, their organization instead; the same rules in the
//! pages and the API.

use crate::common::{Demo, TestApp};
use crate::privacy::count;
use idespor_domain::UserId;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const DEMO: Demo = Demo::Full;
const ADMIN: &str = "admin@idespor.test";
const MAJA: &str = "maja.winther@idespor.test";

on_both_backends!(
    pages_open_to_visitors_only_while_an_administrator_opens_them,
    a_visitor_reads_organizations_where_members_read_names,
);

/// A browser that is not signed in (its own cookies), that does not follow redirects.
fn visitor() -> reqwest::Client {
    crate::common::http().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

async fn visit(app: &TestApp, path: &str) -> (StatusCode, String, String) {
    let response = visitor().get(app.url(path)).send().await.unwrap();
    let status = response.status();
    let location = response.headers().get("location").map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
    (status, location, response.text().await.unwrap())
}

/// Text as the pages write it (askama escapes these five).
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&#34;").replace('\'', "&#39;")
}

async fn csrf(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let page = client.get(app.url(path)).send().await.unwrap().text().await.unwrap();
    const FIELD: &str = "name=\"csrf_token\" value=\"";
    let at = page.find(FIELD).expect("a form with a CSRF token") + FIELD.len();
    page[at..at + 64].to_string()
}

async fn post(
    client: &reqwest::Client,
    app: &TestApp,
    form_page: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let token = csrf(client, app, form_page).await;
    let mut fields = fields.to_vec();
    fields.push(("csrf_token", &token));
    client.post(app.url(path)).form(&fields).send().await.unwrap()
}

/// An API call without any credential.
async fn anonymous_api(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let response = crate::common::http().build().unwrap().get(app.url(path)).send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn open(app: &TestApp, token: &str, pages: Value) -> reqwest::Response {
    app.api(Method::PUT, "/api/v1/admin/public-pages", token).json(&pages).send().await.unwrap()
}

async fn pages_open_to_visitors_only_while_an_administrator_opens_them(app: TestApp) {
    let decision = count(&app, "SELECT MIN(id) FROM decisions").await;
    let release = count(&app, "SELECT MIN(release_id) FROM ideas WHERE release_id IS NOT NULL").await;
    let pages = [
        "/roadmap".to_string(),
        "/releases".to_string(),
        format!("/releases/{release}"),
        "/decisions".to_string(),
        format!("/decisions/{decision}"),
        "/figures".to_string(),
        "/figures/indflydelse.csv".to_string(),
    ];
    let api = [
        "/api/v1/roadmap".to_string(),
        "/api/v1/releases".to_string(),
        format!("/api/v1/releases/{release}/ideas"),
        "/api/v1/decisions".to_string(),
        format!("/api/v1/decisions/{decision}"),
        "/api/v1/figures".to_string(),
    ];

    // Closed by default: the sign-in page, bringing the visitor back; the API says 401.
    let (status, body) = anonymous_api(&app, "/api/v1/public-pages").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({ "roadmap": false, "decisions": false, "figures": false, "releases": false }));
    for path in &pages {
        let (status, location, _) = visit(&app, path).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{path} is closed");
        let next = path.replace('/', "%2F");
        assert_eq!(location, format!("/login?next={next}"), "{path}");
    }
    for path in &api {
        let (status, body) = anonymous_api(&app, path).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path} is closed");
        assert_eq!(body["error"], "unauthenticated", "{path}");
    }
    // Who may read is asked before what: a wrong query is no way past the gate.
    let (status, location, _) = visit(&app, "/figures?scope=nothing&from=x").await;
    assert_eq!(
        (status, location.as_str()),
        (StatusCode::SEE_OTHER, "/login?next=%2Ffigures%3Fscope%3Dnothing%26from%3Dx")
    );
    assert_eq!(anonymous_api(&app, "/api/v1/figures?scope=&to=x").await.0, StatusCode::UNAUTHORIZED);
    let (_, _, login) = visit(&app, "/login").await;
    assert!(!login.contains("href=\"/roadmap\""), "the sign-in page offers no closed page");

    // Only an administrator opens them; a member's attempt changes nothing.
    let maja = app.token_for(MAJA).await;
    let response =
        open(&app, &maja, json!({ "roadmap": true, "decisions": true, "figures": true, "releases": true })).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(response.json::<Value>().await.unwrap()["error"], "forbidden");
    assert_eq!(anonymous_api(&app, "/api/v1/public-pages").await.1["roadmap"], false);
    let member = visitor();
    let response =
        post(&member, &app, "/login", "/login", &[("email", MAJA), ("password", crate::common::PASSWORD)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post(&member, &app, "/", "/admin/public-pages", &[("roadmap", "on")]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(visit(&app, "/roadmap").await.0, StatusCode::SEE_OTHER);

    // The administrator opens the roadmap and the decision log in the administration.
    app.login_ok(ADMIN).await;
    let response = app.post_form("/admin/public-pages", &[("roadmap", "on"), ("decisions", "on")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/admin?notice=saved");
    let (_, page) = app.get_text("/admin").await;
    assert!(page.contains("id=\"public-roadmap\" name=\"roadmap\" value=\"on\" checked"), "the form shows it open");
    assert!(!page.contains("id=\"public-figures\" name=\"figures\" value=\"on\" checked"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'settings.public_pages'").await, 1);

    let open_now = |path: &str| {
        ["/roadmap", "/decisions"].iter().any(|p| path == *p || path.starts_with(&format!("{p}/")))
            || ["/api/v1/roadmap", "/api/v1/decisions"].iter().any(|p| path == *p || path.starts_with(&format!("{p}/")))
    };
    for path in &pages {
        let (status, _, body) = visit(&app, path).await;
        if open_now(path) {
            assert_eq!(status, StatusCode::OK, "{path} is open");
            assert!(body.contains("Du ser en offentlig side"), "{path} says it is public");
            assert!(!body.contains("href=\"/ideas/"), "{path} links no idea a visitor cannot open");
            assert!(!body.contains("href=\"/groups/"), "{path} links no group page");
            assert!(!body.contains("action=\"/logout\""), "{path} is shown to no one signed in");
            // The navigation offers what is open, and the sign-in.
            assert!(body.contains("href=\"/decisions\""), "{path}");
            assert!(body.contains("href=\"/login\""), "{path}");
            assert!(!body.contains("href=\"/releases\""), "{path} does not offer the closed releases");
        } else {
            assert_eq!(status, StatusCode::SEE_OTHER, "{path} is still closed");
        }
    }
    for path in &api {
        let (status, _) = anonymous_api(&app, path).await;
        let expected = if open_now(path) { StatusCode::OK } else { StatusCode::UNAUTHORIZED };
        assert_eq!(status, expected, "{path}");
    }
    // Only reading is open: a visitor's form is still refused.
    let (status, _) = anonymous_api(&app, "/api/v1/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Over the API, the administrator opens everything, then closes it again.
    let admin_token = app.token_for(ADMIN).await;
    let all = json!({ "roadmap": true, "decisions": true, "figures": true, "releases": true });
    let response = open(&app, &admin_token, all.clone()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.json::<Value>().await.unwrap(), all);
    for path in &pages {
        assert_eq!(visit(&app, path).await.0, StatusCode::OK, "{path} is open");
    }
    for path in &api {
        assert_eq!(anonymous_api(&app, path).await.0, StatusCode::OK, "{path} is open");
    }
    let (_, _, figures) = visit(&app, "/figures").await;
    assert!(!figures.contains("action=\"/figures/target\""), "a visitor sets no target");
    let none = json!({ "roadmap": false, "decisions": false, "figures": false, "releases": false });
    assert_eq!(open(&app, &admin_token, none).await.status(), StatusCode::OK);
    for path in &pages {
        assert_eq!(visit(&app, path).await.0, StatusCode::SEE_OTHER, "{path} is closed again");
    }
    // Members read them all along.
    for path in &pages {
        assert_eq!(app.get(path).await.status(), StatusCode::OK, "{path} for a member");
    }
}

async fn a_visitor_reads_organizations_where_members_read_names(app: TestApp) {
    let admin = app.token_for(ADMIN).await;
    let all = json!({ "roadmap": true, "decisions": true, "figures": true, "releases": true });
    assert_eq!(open(&app, &admin, all).await.status(), StatusCode::OK);

    // A decision recorded by a person of an organization, and presented in an erfagruppe.
    let decision = count(
        &app,
        "SELECT MIN(d.id) FROM decisions d JOIN users u ON u.id = d.decided_by \
         WHERE u.organization_id IS NOT NULL \
         AND EXISTS (SELECT 1 FROM decision_presentations p WHERE p.decision_id = d.id AND p.presented_by IS NOT NULL)",
    )
    .await;
    assert!(decision > 0, "the demo has a presented decision recorded by a person");
    let decider = count(&app, &format!("SELECT decided_by FROM decisions WHERE id = {decision}")).await;
    let person = app.store.get_user(UserId(decider)).await.unwrap().unwrap();
    let organization = app.store.get_organization(person.org_id.unwrap()).await.unwrap().unwrap().name;
    let presenter = count(
        &app,
        &format!("SELECT MIN(presented_by) FROM decision_presentations WHERE decision_id = {decision} AND presented_by IS NOT NULL"),
    )
    .await;
    let presenter = app.store.get_user(UserId(presenter)).await.unwrap().unwrap().name;

    // A member reads who recorded and who presented it.
    app.login_ok(MAJA).await;
    let path = format!("/decisions/{decision}");
    let (_, member_page) = app.get_text(&path).await;
    assert!(member_page.contains(&escaped(&person.name)), "a member reads the name");
    let member_api = app.api(Method::GET, &format!("/api/v1/decisions/{decision}"), &admin).send().await.unwrap();
    let member_api: Value = member_api.json().await.unwrap();
    assert_eq!(member_api["decision"]["decided_by"], person.name.as_str());

    // A visitor reads the organization, and no person at all.
    let (status, _, page) = visit(&app, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains(&escaped(&person.name)), "no name on the public page");
    assert!(!page.contains(&escaped(&presenter)), "nor the presenter's");
    assert!(page.contains(&escaped(&organization)), "the organization instead");
    let (_, body) = anonymous_api(&app, &format!("/api/v1/decisions/{decision}")).await;
    assert_eq!(body["decision"]["decided_by"], organization.as_str());
    assert!(body["presentations"].as_array().unwrap().iter().all(|p| p["presented_by"].is_null()));
    let (_, list) = anonymous_api(&app, "/api/v1/decisions?limit=500").await;
    for d in list.as_array().unwrap() {
        let by = d["decided_by"].as_str().unwrap_or_default();
        assert!(
            by.is_empty()
                || app
                    .pool
                    .count(
                        &format!("SELECT COUNT(*) FROM organizations WHERE name = '{}'", by.replace('\'', "''")),
                        &[]
                    )
                    .await
                    .unwrap()
                    == 1,
            "decision {} names {by:?}, not an organization",
            d["id"]
        );
    }

    // A release's ideas: the organization where the author was; the page shows no author.
    let release = count(&app, "SELECT MIN(release_id) FROM ideas WHERE release_id IS NOT NULL").await;
    let (status, body) = anonymous_api(&app, &format!("/api/v1/releases/{release}/ideas")).await;
    assert_eq!(status, StatusCode::OK);
    let ideas = body["ideas"].as_array().unwrap();
    assert!(!ideas.is_empty());
    for idea in ideas {
        assert_eq!(
            idea["author"].as_str().unwrap_or_default(),
            idea["author_organization"].as_str().unwrap_or_default()
        );
    }
    let authors = app
        .pool
        .count(&format!("SELECT COUNT(DISTINCT author_id) FROM ideas WHERE release_id = {release}"), &[])
        .await
        .unwrap();
    assert!(authors > 0);
    let (_, _, page) = visit(&app, &format!("/releases/{release}")).await;
    let first_author = count(&app, &format!("SELECT MIN(author_id) FROM ideas WHERE release_id = {release}")).await;
    let first_author = app.store.get_user(UserId(first_author)).await.unwrap().unwrap().name;
    assert!(!page.contains(&escaped(&first_author)), "no author on the public release page");
}
