//! The foundation through HTTP, on SQLite and on PostgreSQL: sign-in, sessions, CSRF, pages,
//! forms, administration, the API and its errors.

use crate::common::{ADMIN, Demo, MEMBER, PASSWORD, TestApp};

/// The foundation's tests need the community, not its ideas.
const DEMO: Demo = Demo::Community;
use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

on_both_backends!(
    health_and_metrics,
    anonymous_visitors_are_sent_to_sign_in,
    wrong_password_and_unknown_email_get_the_same_answer,
    sign_in_and_out,
    sessions_survive_a_restart,
    sign_in_is_throttled_per_account,
    parallel_guesses_get_no_more_tries_than_one_after_another,
    the_current_password_is_throttled_too,
    someone_guessing_elsewhere_does_not_lock_the_owner_out,
    after_sign_in_only_this_site_is_returned_to,
    secrets_are_not_cached_and_https_is_kept_to,
    malformed_addresses_get_the_error_page_in_the_person_s_language,
    every_state_changing_route_is_csrf_protected,
    organizations_in_danish_order_with_filters,
    organization_and_group_pages,
    profile_errors_keep_the_input,
    language_follows_the_person_and_the_browser,
    duplicate_kommunekode_is_a_field_error_and_saves_nothing,
    admin_pages_are_for_administrators,
    invitation_link_works_once,
    admin_manages_group_membership,
    api_tokens_from_the_profile_page,
    api_answers_errors_with_stable_codes,
    api_rules_are_the_domains,
    password_change_ends_other_sessions,
    health_answers_503_without_the_database,
    openapi_documents_every_api_route,
);

async fn health_answers_503_without_the_database(app: TestApp) {
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    app.login_ok(MEMBER).await;
    app.pool.close().await;
    assert_eq!(app.get("/healthz").await.status(), StatusCode::SERVICE_UNAVAILABLE);
    let (status, page) = app.get_text("/").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.contains("Idéspor kan ikke nå sin database lige nu"), "{page}");
    let token = "idespor_".to_string() + &"0".repeat(64);
    let api = app.api(Method::GET, "/api/v1/me", &token).send().await.unwrap();
    assert_eq!(api.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(api.json::<Value>().await.unwrap()["error"], "unavailable");
}

async fn openapi_documents_every_api_route(app: TestApp) {
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with('3'));
    let paths = doc["paths"].as_object().unwrap();
    for (verb, path) in idespor_web::routes::table().routes() {
        if !path.starts_with("/api/v1/") || *path == "/api/v1/openapi.json" {
            continue;
        }
        let method = verb.as_str().to_lowercase();
        assert!(
            paths.get(*path).and_then(|p| p.get(&method)).is_some(),
            "{method} {path} is not in the OpenAPI document"
        );
    }
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
    // What the server answers is documented: every operation can be refused 401, 403 and 400;
    // a write can conflict (409); the list's filters are query parameters, not path ones.
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            for status in ["400", "401", "403"] {
                assert!(responses.contains_key(status), "{method} {path} does not document {status}");
            }
            if method != "get" {
                assert!(responses.contains_key("409"), "{method} {path} does not document 409");
            }
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                let name = parameter["name"].as_str().unwrap();
                let placeholder = format!("{{{name}}}");
                assert_eq!(
                    parameter["in"],
                    if path.contains(&placeholder) { "path" } else { "query" },
                    "{method} {path}: {name}"
                );
            }
        }
    }
    // The ideas' filters are typed: a malformed number is refused, not read as "no filter".
    let token = app.token_for(ADMIN).await;
    for query in ["organization=abc", "organization=", "group=9223372036854775808"] {
        let response = app.api(reqwest::Method::GET, &format!("/api/v1/ideas?{query}"), &token).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(response.json::<Value>().await.unwrap()["error"], "bad_request", "{query}");
    }
    let response = app.api(reqwest::Method::GET, "/api/v1/organizations?region=x", &token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    // An organization named by the path that does not exist is not found.
    let response = app.api(reqwest::Method::PUT, "/api/v1/groups/1/organizations/987654", &token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

async fn health_and_metrics(app: TestApp) {
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    app.get("/login").await;
    let (status, metrics) = app.get_text("/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert!(metrics.contains("http_requests_total"), "{metrics}");
    assert!(metrics.contains("route=\"/login\""), "{metrics}");
    assert!(metrics.contains("http_request_duration_seconds"), "{metrics}");
}

async fn anonymous_visitors_are_sent_to_sign_in(app: TestApp) {
    let response = app.get("/").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/login");
    let response = app.get("/groups").await;
    assert_eq!(response.headers()[header::LOCATION], "/login?next=%2Fgroups");
    let (status, body) = app.get_text("/login").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<html lang=\"da\">"));
    assert!(body.contains("class=\"skip-link\" href=\"#main\""));
    assert!(body.contains("<label for=\"email\">"));
}

async fn wrong_password_and_unknown_email_get_the_same_answer(app: TestApp) {
    let wrong = app.login(ADMIN, "not the password").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let wrong = wrong.text().await.unwrap();
    let unknown = app.login("nobody@idespor.test", "not the password").await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let unknown = unknown.text().await.unwrap();
    assert!(wrong.contains("E-mail eller adgangskode er forkert."));
    // The same page, except for the e-mail typed (kept in the field) and the CSRF token.
    let strip = |s: &str, email: &str| s.replace(email, "EMAIL");
    assert_eq!(strip(&wrong, ADMIN), strip(&unknown, "nobody@idespor.test"));
    assert!(app.cookie("idespor_session").is_none());
}

async fn sign_in_and_out(app: TestApp) {
    let response = app.login(MEMBER, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/");
    let set_cookie: Vec<_> =
        response.headers().get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_string()).collect();
    let session = set_cookie.iter().find(|c| c.starts_with("idespor_session=")).expect("session cookie");
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"), "{session}");
    let (status, body) = app.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Mit overblik"));
    assert!(body.contains("Maja Winther"));
    assert!(body.contains("Varde"), "my organization");
    assert!(body.contains("Erfagruppe Syd"), "my group");
    let response = app.post_form("/logout", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get("/").await.status(), StatusCode::SEE_OTHER);
}

async fn sessions_survive_a_restart(app: TestApp) {
    app.login_ok(MEMBER).await;
    let (db, jar) = app.stop();
    let again = TestApp::start(db, Demo::None).await;
    let client =
        crate::common::http().cookie_provider(jar).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let response = client.get(again.url("/")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.unwrap().contains("Maja Winther"));
}

async fn sign_in_is_throttled_per_account(app: TestApp) {
    for _ in 0..idespor_domain::auth::LOGIN_MAX_FAILED_PER_ACCOUNT {
        assert_eq!(app.login(MEMBER, "wrong wrong wrong").await.status(), StatusCode::UNAUTHORIZED);
    }
    // Now even the right password is refused for a while; other accounts are not affected.
    let response = app.login(MEMBER, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.text().await.unwrap().contains("For mange mislykkede forsøg"));
    assert_eq!(app.login(ADMIN, PASSWORD).await.status(), StatusCode::SEE_OTHER);
    // The audit trail has each failure on the account (never what was typed) and the sign-in.
    let member = app.store.find_login_candidate(MEMBER).await.unwrap().unwrap().user.id.0;
    let failed =
        format!("SELECT COUNT(*) FROM audit_log WHERE action = 'user.sign_in_failed' AND entity_id = {member}");
    let failures = app.pool.count(&failed, &[]).await.unwrap();
    assert_eq!(
        failures,
        idespor_domain::auth::LOGIN_MAX_FAILED_PER_ACCOUNT,
        "the refused attempt is not checked, so not a failure"
    );
    let typed = app.pool.count("SELECT COUNT(*) FROM audit_log WHERE details LIKE '%wrong wrong%'", &[]).await.unwrap();
    assert_eq!(typed, 0);
    let admin = app.store.find_login_candidate(ADMIN).await.unwrap().unwrap().user.id.0;
    let signed_in = format!("SELECT COUNT(*) FROM audit_log WHERE action = 'user.sign_in' AND actor_id = {admin}");
    assert!(app.pool.count(&signed_in, &[]).await.unwrap() >= 1);
}

/// Forty wrong passwords at once for one account: exactly as many are checked as one after
/// the other would be (the limit), the rest are refused unchecked; and the right password
/// among them, after the limit, does not get in either.
async fn parallel_guesses_get_no_more_tries_than_one_after_another(app: TestApp) {
    let limit = idespor_domain::auth::LOGIN_MAX_FAILED_PER_ACCOUNT as usize;
    let token = app.csrf().await;
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..40 {
        let (client, url, token) = (app.client.clone(), app.url("/login"), token.clone());
        guesses.spawn(async move {
            let password = format!("forkert gæt nummer {n}");
            let form = [("email", MEMBER), ("password", password.as_str()), ("csrf_token", token.as_str())];
            client.post(url).form(&form).send().await.expect("POST").status()
        });
    }
    let mut statuses = Vec::new();
    while let Some(status) = guesses.join_next().await {
        statuses.push(status.unwrap());
    }
    let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((checked, refused), (limit, 40 - limit), "{statuses:?}");
    let right = app.login(MEMBER, PASSWORD).await;
    assert_eq!(right.status(), StatusCode::TOO_MANY_REQUESTS, "the limit holds for the right password too");
    assert!(app.cookie("idespor_session").is_none());
}

/// Guesses from one address slow down that address, not the owner at her own desk; guesses
/// from many addresses together still meet the account's own limit.
async fn someone_guessing_elsewhere_does_not_lock_the_owner_out(app: TestApp) {
    use idespor_domain::DomainError;
    use idespor_domain::auth::{LOGIN_MAX_FAILED_PER_ACCOUNT, LOGIN_MAX_FAILED_PER_ACCOUNT_ANYWHERE};
    for _ in 0..LOGIN_MAX_FAILED_PER_ACCOUNT {
        let guess = app.svc.sign_in(MEMBER, "et forkert gæt", "198.51.100.7").await;
        assert!(matches!(guess, Err(DomainError::Invalid(_))), "{guess:?}");
    }
    let guess = app.svc.sign_in(MEMBER, PASSWORD, "198.51.100.7").await;
    assert!(matches!(guess, Err(DomainError::RateLimited)), "the guessing address waits: {guess:?}");
    assert!(app.svc.sign_in(MEMBER, PASSWORD, "192.0.2.10").await.is_ok(), "the owner, elsewhere, gets in");

    // Many addresses, each under its own limit, together meet the account's.
    let mut tried = 0;
    for n in 0.. {
        let peer = format!("203.0.113.{n}");
        match app.svc.sign_in(ADMIN, "et forkert gæt", &peer).await {
            Err(DomainError::Invalid(_)) => tried += 1,
            Err(DomainError::RateLimited) => break,
            other => panic!("{other:?}"),
        }
        assert!(n < 200, "no limit met");
    }
    assert_eq!(tried, LOGIN_MAX_FAILED_PER_ACCOUNT_ANYWHERE);
}

/// The current password on the password form is no way around the sign-in limit.
async fn the_current_password_is_throttled_too(app: TestApp) {
    app.login_ok(MEMBER).await;
    let limit = idespor_domain::auth::LOGIN_MAX_FAILED_PER_ACCOUNT;
    for _ in 0..limit {
        assert_eq!(change_password(&app, "forkert kodeord").await, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(change_password(&app, "forkert kodeord").await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(change_password(&app, PASSWORD).await, StatusCode::TOO_MANY_REQUESTS, "not even the right one, for now");
}

async fn change_password(app: &TestApp, current: &str) -> StatusCode {
    let fields = [("current_password", current), ("password", "et helt nyt kodeord")];
    app.post_form("/profile/password", &fields).await.status()
}

/// `next` after sign-in is read as a browser reads an address: only this site, and never a 500.
async fn after_sign_in_only_this_site_is_returned_to(app: TestApp) {
    for (next, expected) in [
        ("/groups?x=1", "/groups?x=1"),
        ("/\t/evil.example", "/"),
        ("/\r\n/evil.example", "/"),
        ("/\\evil.example", "/"),
        ("//evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/%09/evil.example", "/%09/evil.example"),
        ("/ideas\u{1}\u{7f}", "/ideas%01%7F"),
    ] {
        let _ = app.post_form("/logout", &[]).await;
        let (status, form) = app.get_text(&format!("/login?next={}", urlencode(next))).await;
        assert_eq!(status, StatusCode::OK, "{next:?}");
        assert!(!form.contains("evil.example") || expected != "/", "the form keeps only a safe next: {next:?}");
        let response = app.post_form("/login", &[("email", MEMBER), ("password", PASSWORD), ("next", next)]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{next:?}");
        assert_eq!(response.headers()[header::LOCATION], expected, "{next:?}");
    }
}

fn urlencode(text: &str) -> String {
    reqwest::Url::parse_with_params("http://x/", [("next", text)]).unwrap().query().unwrap()["next=".len()..]
        .to_string()
}

/// Pages and API answers are never kept by a browser or proxy (the profile shows feed links and
/// new tokens); the stylesheet is. Over http there is no HSTS; with an https public address,
/// every answer carries it.
async fn secrets_are_not_cached_and_https_is_kept_to(app: TestApp) {
    app.login_ok(MEMBER).await;
    for path in ["/profile", "/", "/api/v1/me"] {
        let response = app.get(path).await;
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store", "{path}");
        assert!(response.headers().get(header::STRICT_TRANSPORT_SECURITY).is_none(), "{path}: not over http");
    }
    let made = app.post_form("/profile/tokens", &[("name", "Min integration")]).await;
    assert_eq!(made.headers()[header::CACHE_CONTROL], "no-store", "the page with the new token");
    let css = app.get("/static/app.css").await;
    assert!(css.headers()[header::CACHE_CONTROL].to_str().unwrap().starts_with("public"));

    let (mut db, _) = app.stop();
    db.config.public_url = "https://idespor.example.dk".into();
    let https = TestApp::start(db, Demo::None).await;
    for path in ["/login", "/healthz", "/static/app.css"] {
        let response = https.get(path).await;
        let hsts = response.headers().get(header::STRICT_TRANSPORT_SECURITY).map(|v| v.to_str().unwrap().to_string());
        assert_eq!(hsts.as_deref(), Some("max-age=31536000; includeSubDomains"), "{path}");
    }
}

/// A malformed id or query is answered like any other error: the error page in the person's
/// language inside the layout, or the API's JSON error with a stable code; never the
/// framework's plain English text.
async fn malformed_addresses_get_the_error_page_in_the_person_s_language(app: TestApp) {
    app.login_ok(MEMBER).await;
    for path in ["/ideas/abc", "/ideas?page=abc", "/groups/1.5", "/meetings/-"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
        assert!(response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"), "{path}");
        let page = response.text().await.unwrap();
        assert!(page.contains("<html lang=\"da\">") && page.contains("<title>Forkert forespørgsel"), "{path}: {page}");
        assert!(page.contains("et tal eller en værdi i den er ikke gyldig"), "{path}");
    }
    let token = app.token_for(MEMBER).await;
    for path in ["/api/v1/ideas/abc", "/api/v1/ideas?page=abc"] {
        let response = app.api(Method::GET, path, &token).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], "bad_request", "{path}: {body}");
    }
}

async fn every_state_changing_route_is_csrf_protected(app: TestApp) {
    app.login_ok(ADMIN).await;
    let token = app.csrf().await;
    let table = idespor_web::routes::table();
    let changing: Vec<_> = table.routes().iter().filter(|(verb, _)| verb.changes_state()).collect();
    assert!(changing.len() > 20, "the route table lists the routes");
    for (verb, path) in changing {
        if path.starts_with(idespor_web::pages::mail::UNSUBSCRIBE_PREFIX) {
            // RFC 8058: the one-click unsubscribe is a cross-site POST by design; its signed
            // link is the authority (tested in way_back.rs).
            continue;
        }
        let path =
            path.replace("{token}", "abc").replace("{id}", "1").replace("{user_id}", "1").replace("{org_id}", "1");
        let method = Method::from_bytes(verb.as_str().as_bytes()).unwrap();
        // Signed in, but no token.
        let response = app
            .client
            .request(method.clone(), app.url(&path))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("name=x")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{verb:?} {path} without a token");
        // A valid token, but sent from another site.
        let response = app
            .client
            .request(method.clone(), app.url(&path))
            .header(header::ORIGIN, "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(format!("csrf_token={token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{verb:?} {path} cross-site");
        // A wrong token in the header.
        let response =
            app.client.request(method, app.url(&path)).header("x-csrf-token", "0".repeat(64)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{verb:?} {path} with a wrong token");
    }
    // Still signed in: nothing above changed anything.
    assert_eq!(app.get("/").await.status(), StatusCode::OK);
}

async fn organizations_in_danish_order_with_filters(app: TestApp) {
    app.login_ok(MEMBER).await;
    let (status, body) = app.get_text("/organizations").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("104 organisationer"), "98 municipalities, 5 regions, the vendor");
    let at = |name: &str| body.find(&format!(">{name}</a>")).unwrap_or_else(|| panic!("{name} missing"));
    assert!(at("Allerød") < at("Vordingborg"));
    assert!(at("Vordingborg") < at("Ærø"), "æ after z");
    assert!(at("Ærø") < at("Aabenraa"), "aa sorts as å, after æ and ø");
    assert!(at("Aabenraa") < at("Aalborg"));
    assert!(at("Aalborg") < at("Aarhus"));

    let (_, regions) = app.get_text("/organizations?kind=region").await;
    assert!(regions.contains("5 organisationer"));
    assert!(regions.contains("Region Syddanmark"));
    assert!(!regions.contains(">Varde</a>"));

    let syd = app.store.find_organization_by_code("1083").await.unwrap().unwrap();
    let (_, in_region) = app.get_text(&format!("/organizations?kind=municipality&region={}", syd.id)).await;
    assert!(in_region.contains(">Varde</a>"));
    assert!(in_region.contains(">Aabenraa</a>"));
    assert!(!in_region.contains(">Aalborg</a>"));
    assert!(in_region.contains("22 organisationer"), "Region Syddanmark has 22 municipalities");
}

async fn organization_and_group_pages(app: TestApp) {
    app.login_ok(MEMBER).await;
    let varde = app.store.find_organization_by_code("573").await.unwrap().unwrap();
    let (status, body) = app.get_text(&format!("/organizations/{}", varde.id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Varde Kommune"));
    assert!(body.contains("Erfagruppe Syd"));
    assert!(body.contains("Hanne Bro") && body.contains("Maja Winther"), "its people");

    let (_, groups) = app.get_text("/groups").await;
    assert!(
        groups.find("Tovholdergruppen").unwrap() < groups.find("Erfagruppe Hovedstaden").unwrap(),
        "steering group first"
    );
    let syd = app.store.find_group_by_name("Erfagruppe Syd").await.unwrap().unwrap();
    let (_, group) = app.get_text(&format!("/groups/{}", syd.id)).await;
    let coordinators = group.find("Tovholdere").unwrap();
    let members = group.find("<h2 id=\"members\">").unwrap();
    let hanne = group.find("Hanne Bro").unwrap();
    assert!(coordinators < hanne && hanne < members, "Hanne Bro is listed as coordinator");
    assert!(group.contains(">Varde</a>"));
    // The group page counts the other members; their own page names them all, A–Å.
    let member = app.store.find_login_candidate(MEMBER).await.unwrap().unwrap().user;
    let actor = idespor_domain::service::Actor::new(member);
    let others = app.svc.group_detail(&actor, syd.id).await.unwrap().members;
    assert!(others.len() >= 2);
    assert!(group.contains(&format!("{} medlemmer ud over tovholderne.", others.len())), "{group}");
    assert!(group.contains(&format!("href=\"/groups/{}/members\"", syd.id)));
    assert!(
        others.iter().all(|m| !group.contains(&format!("<li>{} <span", m.name))),
        "members are not listed on the group page"
    );
    let (status, people) = app.get_text(&format!("/groups/{}/members", syd.id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(people.contains("<h1>Medlemmer af Erfagruppe Syd</h1>"));
    let members_heading = people.find("<h2 id=\"members\">").unwrap();
    assert!(people.find("Hanne Bro").unwrap() < members_heading, "coordinators first");
    let listed = &people[members_heading..];
    let positions: Vec<Option<usize>> = others.iter().map(|m| listed.find(&format!("<li>{} <span", m.name))).collect();
    assert!(positions.iter().all(Option::is_some) && positions.is_sorted(), "every member, A–Å: {positions:?}");
    assert_eq!(app.get("/groups/999999/members").await.status(), StatusCode::NOT_FOUND);

    assert_eq!(app.get("/groups/999999").await.status(), StatusCode::NOT_FOUND);
    let (status, body) = app.get_text("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Siden findes ikke"));
}

async fn profile_errors_keep_the_input(app: TestApp) {
    app.login_ok(MEMBER).await;
    let response =
        app.post_form("/profile", &[("name", "  "), ("email", "maja@ikke-en-adresse"), ("language", "da")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(body.contains("Feltet skal udfyldes."));
    assert!(body.contains("Skriv en gyldig e-mailadresse"));
    assert!(body.contains("value=\"maja@ikke-en-adresse\""), "the input is kept");
    assert!(body.contains("aria-invalid=\"true\" aria-describedby=\"name-error\""));
    let unchanged = app.store.find_login_candidate(MEMBER).await.unwrap().unwrap();
    assert_eq!(unchanged.user.name, "Maja Winther");

    // Someone else's address is taken: a field error, nothing saved.
    let response = app.post_form("/profile", &[("name", "Maja W."), ("email", ADMIN), ("language", "da")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("Der findes allerede en person med den e-mailadresse."));
    assert_eq!(app.store.find_login_candidate(MEMBER).await.unwrap().unwrap().user.name, "Maja Winther");

    let response =
        app.post_form("/profile", &[("name", "Maja Winther-Holm"), ("email", MEMBER), ("language", "da")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, body) = app.get_text("/profile?notice=saved").await;
    assert!(body.contains("Ændringerne er gemt."));
    assert!(body.contains("value=\"Maja Winther-Holm\""));
}

async fn language_follows_the_person_and_the_browser(app: TestApp) {
    let english =
        app.client.get(app.url("/login")).header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9").send().await.unwrap();
    let body = english.text().await.unwrap();
    assert!(body.contains("<html lang=\"en\">") && body.contains("Sign in"));
    app.login_ok(MEMBER).await;
    let response = app.post_form("/profile", &[("name", "Maja Winther"), ("email", MEMBER), ("language", "en")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, body) = app.get_text("/").await;
    assert!(body.contains("My overview"));
    assert!(body.contains("Experience group"));
}

async fn duplicate_kommunekode_is_a_field_error_and_saves_nothing(app: TestApp) {
    app.login_ok(ADMIN).await;
    let before = app.store.list_organizations(&Default::default()).await.unwrap().len();
    let response = app
        .post_form(
            "/admin/organizations",
            &[("kind", "municipality"), ("name", "Ny Varde"), ("code", "573"), ("cvr", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(body.contains("Der findes allerede en organisation med den kode."));
    assert!(body.contains("value=\"Ny Varde\""));
    assert_eq!(app.store.list_organizations(&Default::default()).await.unwrap().len(), before);

    let response = app
        .post_form(
            "/admin/organizations",
            &[("kind", "municipality"), ("name", "Indkøbsfællesskab Test"), ("code", "0999"), ("cvr", "12345678")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let created = app.store.find_organization_by_code("999").await.unwrap().expect("created with 3-digit code");
    assert_eq!(created.cvr.as_deref(), Some("12345678"));
    let (_, admin) = app.get_text("/admin").await;
    assert!(admin.contains("organization.create"), "the audit trail shows the change");
}

async fn admin_pages_are_for_administrators(app: TestApp) {
    app.login_ok(MEMBER).await;
    for path in ["/admin", "/admin/organizations", "/admin/groups", "/admin/users"] {
        let (status, body) = app.get_text(path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert!(body.contains("Kun administratorer kan gøre det."));
    }
    let response = app.post_form("/admin/organizations", &[("kind", "vendor"), ("name", "Nyt firma")]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(app.store.find_organization_by_name("Nyt firma").await.unwrap().is_none());
}

async fn invitation_link_works_once(app: TestApp) {
    app.login_ok(ADMIN).await;
    let varde = app.store.find_organization_by_code("573").await.unwrap().unwrap();
    let org = varde.id.to_string();
    let response = app
        .post_form(
            "/admin/users",
            &[("name", "Ny Kollega"), ("email", "ny.kollega@idespor.test"), ("org_id", &org), ("language", "da")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body = response.text().await.unwrap();
    let start = body.find("/invitation/").expect("the link is shown");
    let link: String = body[start..].chars().take_while(|c| *c != '"').collect();

    let other = crate::common::http().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let page = other.get(app.url(&link)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("Hej Ny Kollega"));
    let token = csrf_from(&page);
    let short = other.post(app.url(&link)).form(&[("password", "kort"), ("csrf_token", &token)]).send().await.unwrap();
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.text().await.unwrap().contains("mindst 10 tegn"));
    let ok = other
        .post(app.url(&link))
        .form(&[("password", "en god lang sætning"), ("csrf_token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(other.get(app.url(&link)).send().await.unwrap().status(), StatusCode::NOT_FOUND, "used up");
    let login = other
        .post(app.url("/login"))
        .form(&[("email", "ny.kollega@idespor.test"), ("password", "en god lang sætning"), ("csrf_token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
}

fn csrf_from(page: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = page.find(marker).expect("a form with a CSRF token") + marker.len();
    page[start..start + 64].to_string()
}

async fn admin_manages_group_membership(app: TestApp) {
    app.login_ok(ADMIN).await;
    let syd = app.store.find_group_by_name("Erfagruppe Syd").await.unwrap().unwrap();
    let peter = app.store.find_login_candidate("peter.hvid@idespor.test").await.unwrap().unwrap().user;
    let path = format!("/admin/groups/{}/members", syd.id);
    let response = app.post_form(&path, &[("user_id", &peter.id.to_string()), ("role", "coordinator")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let members = app.store.group_members(syd.id).await.unwrap();
    let role = members.iter().find(|m| m.user_id == peter.id).unwrap().role;
    assert_eq!(role, idespor_domain::group::GroupRole::Coordinator);
    let response = app.post_form(&format!("/admin/groups/{}/members/{}/remove", syd.id, peter.id), &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(!app.store.group_members(syd.id).await.unwrap().iter().any(|m| m.user_id == peter.id));
    let location = response.headers()[header::LOCATION].to_str().unwrap().to_string();
    let (status, page) = app.get_text(&location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Personen er fjernet fra gruppen."));
}

async fn api_tokens_from_the_profile_page(app: TestApp) {
    app.login_ok(MEMBER).await;
    let response = app.post_form("/profile/tokens", &[("token_name", "Mit script")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.text().await.unwrap();
    let start = body.find("value=\"idespor_").expect("the token is shown once") + "value=\"".len();
    let token: String = body[start..].chars().take_while(|c| *c != '"').collect();
    let me: Value = app.api(Method::GET, "/api/v1/me", &token).send().await.unwrap().json().await.unwrap();
    assert_eq!(me["user"]["email"], MEMBER);
    let (_, profile) = app.get_text("/profile").await;
    assert!(profile.contains("Mit script"));
    assert!(!profile.contains(&token), "the secret is never shown again");
    let tokens = app
        .svc
        .list_api_tokens(&idespor_domain::service::Actor::new(
            app.store.find_login_candidate(MEMBER).await.unwrap().unwrap().user,
        ))
        .await
        .unwrap();
    let response = app.post_form(&format!("/profile/tokens/{}/revoke", tokens[0].id), &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = app.api(Method::GET, "/api/v1/me", &token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"], "invalid_token");
}

async fn api_answers_errors_with_stable_codes(app: TestApp) {
    let admin = app.token_for(ADMIN).await;
    let member = app.token_for(MEMBER).await;
    let no_token = crate::common::http().build().unwrap().get(app.url("/api/v1/organizations")).send().await.unwrap();
    assert_eq!(no_token.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(no_token.json::<Value>().await.unwrap()["error"], "unauthenticated");

    let malformed = app
        .api(Method::POST, "/api/v1/organizations", &admin)
        .header(header::CONTENT_TYPE, "application/json")
        .body("{\"kind\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    let body: Value = malformed.json().await.unwrap();
    assert_eq!(body["error"], "invalid_json");
    assert!(body["message"].as_str().unwrap().len() > 5);

    let unknown = app.api(Method::GET, "/api/v1/organizations/987654", &member).send().await.unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert_eq!(unknown.json::<Value>().await.unwrap()["error"], "not_found");

    let forbidden = app
        .api(Method::POST, "/api/v1/organizations", &member)
        .json(&json!({"kind": "vendor", "name": "X"}))
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    assert_eq!(forbidden.json::<Value>().await.unwrap()["error"], "forbidden");

    let huge = "x".repeat(3 * 1024 * 1024);
    let too_large = app
        .api(Method::POST, "/api/v1/organizations", &admin)
        .json(&json!({"kind": "vendor", "name": huge}))
        .send()
        .await
        .unwrap();
    assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(too_large.json::<Value>().await.unwrap()["error"], "payload_too_large");

    let invalid = app
        .api(Method::POST, "/api/v1/organizations", &admin)
        .json(&json!({"kind": "municipality", "name": "", "code": "12"}))
        .send()
        .await
        .unwrap();
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = invalid.json().await.unwrap();
    assert_eq!(body["error"], "invalid_input");
    let fields: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["name", "code"]);

    let unknown_route = app.api(Method::GET, "/api/v1/nothing-here", &member).send().await.unwrap();
    assert_eq!(unknown_route.status(), StatusCode::NOT_FOUND);
    assert_eq!(unknown_route.json::<Value>().await.unwrap()["error"], "not_found");
}

async fn api_rules_are_the_domains(app: TestApp) {
    let admin = app.token_for(ADMIN).await;
    let member = app.token_for(MEMBER).await;
    let orgs: Vec<Value> =
        app.api(Method::GET, "/api/v1/organizations?kind=region", &member).send().await.unwrap().json().await.unwrap();
    assert_eq!(orgs.len(), 5);
    assert_eq!(orgs[0]["name"], "Region Hovedstaden", "Danish order");

    let created = app
        .api(Method::POST, "/api/v1/organizations", &admin)
        .json(&json!({"kind": "municipality", "name": "Testkommune", "code": "998"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let org: Value = created.json().await.unwrap();
    let duplicate = app
        .api(Method::POST, "/api/v1/organizations", &admin)
        .json(&json!({"kind": "municipality", "name": "Igen", "code": "998"}))
        .send()
        .await
        .unwrap();
    assert_eq!(duplicate.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(duplicate.json::<Value>().await.unwrap()["fields"][0]["code"], "code_taken");

    let groups: Vec<Value> =
        app.api(Method::GET, "/api/v1/groups", &member).send().await.unwrap().json().await.unwrap();
    assert_eq!(groups.len(), 7);
    let syd = groups.iter().find(|g| g["name"] == "Erfagruppe Syd").unwrap();
    assert_eq!(syd["coordinators"][0]["name"], "Hanne Bro");
    let group_id = syd["id"].as_i64().unwrap();
    let path = format!("/api/v1/groups/{group_id}/organizations/{}", org["id"]);
    assert_eq!(app.api(Method::PUT, &path, &member).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::PUT, &path, &admin).send().await.unwrap().status(), StatusCode::NO_CONTENT);
    let detail: Value = app
        .api(Method::GET, &format!("/api/v1/groups/{group_id}"), &member)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(detail["organizations"].as_array().unwrap().iter().any(|o| o["name"] == "Testkommune"));

    let invite = app
        .api(Method::POST, "/api/v1/users", &admin)
        .json(&json!({"name": "API Person", "email": "api.person@idespor.test"}))
        .send()
        .await
        .unwrap();
    assert_eq!(invite.status(), StatusCode::CREATED);
    let invite: Value = invite.json().await.unwrap();
    assert!(invite["invitation_path"].as_str().unwrap().starts_with("/invitation/"));
    assert_eq!(invite["user"]["has_password"], false);

    let me = app
        .api(Method::PATCH, "/api/v1/me", &member)
        .json(&json!({"name": "Maja", "email": "bad", "language": "da"}))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // A session cookie works for the API too, but writes need the CSRF header.
    app.login_ok(MEMBER).await;
    let me: Value = app.client.get(app.url("/api/v1/me")).send().await.unwrap().json().await.unwrap();
    let csrf = me["csrf_token"].as_str().unwrap().to_string();
    let without = app.client.post(app.url("/api/v1/tokens")).json(&json!({"name": "x"})).send().await.unwrap();
    assert_eq!(without.status(), StatusCode::FORBIDDEN);
    assert_eq!(without.json::<Value>().await.unwrap()["error"], "csrf_failed");
    let with = app
        .client
        .post(app.url("/api/v1/tokens"))
        .header("x-csrf-token", csrf)
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(with.status(), StatusCode::CREATED);
    // With no credential at all, a write is answered as the API documents it: 401, not a CSRF
    // refusal (there is nothing a forged request could borrow); a write made nothing.
    let tokens = app.client.get(app.url("/api/v1/tokens")).send().await.unwrap().json::<Value>().await.unwrap();
    let anonymous = crate::common::http()
        .build()
        .unwrap()
        .post(app.url("/api/v1/tokens"))
        .json(&json!({"name": "y"}))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.json::<Value>().await.unwrap()["error"], "unauthenticated");
    let after = app.client.get(app.url("/api/v1/tokens")).send().await.unwrap().json::<Value>().await.unwrap();
    assert_eq!(after, tokens);
}

async fn password_change_ends_other_sessions(app: TestApp) {
    app.login_ok(MEMBER).await;
    let elsewhere =
        crate::common::http().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let page = elsewhere.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    let token = csrf_from(&page);
    let login = elsewhere
        .post(app.url("/login"))
        .form(&[("email", MEMBER), ("password", PASSWORD), ("csrf_token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    assert_eq!(elsewhere.get(app.url("/")).send().await.unwrap().status(), StatusCode::OK);

    let wrong = app
        .post_form(
            "/profile/password",
            &[("current_password", "forkert forkert"), ("password", "en helt ny adgangskode")],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text().await.unwrap().contains("Den nuværende adgangskode er forkert."));
    let ok = app
        .post_form("/profile/password", &[("current_password", PASSWORD), ("password", "en helt ny adgangskode")])
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get("/").await.status(), StatusCode::OK, "this session goes on");
    assert_eq!(
        elsewhere.get(app.url("/")).send().await.unwrap().status(),
        StatusCode::SEE_OTHER,
        "the other one ended"
    );
}
