//! Moderation (issue 15, item 3): a moderator, given the role by an administrator, removes a
//! passage of citizen data everywhere it is kept, hides a whole comment, and the author is told;
//! everyone else is refused and nothing changes.

use crate::common::{Demo, TestApp};
use crate::privacy::{count, dump};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const DEMO: Demo = Demo::Full;

const MAJA: &str = "maja.winther@idespor.test";
const PETER: &str = "peter.hvid@idespor.test";
const JONAS: &str = "jonas.bech@idespor.test";
const ADMIN: &str = "admin@idespor.test";
/// A citizen's name that slipped into the text (a CPR number would have been refused).
const CITIZEN: &str = "Ingolf Brøndsted";
const MARKER: &str = idespor_domain::moderation::MARKER;

on_both_backends!(
    a_moderator_removes_a_passage_everywhere_it_is_kept_and_the_author_is_told,
    minutes_and_decisions_are_redacted_too_and_mistakes_are_answered_without_change,
    a_moderator_hides_a_comment_and_shows_it_again_once_at_a_time,
    an_administrator_gives_the_moderator_role,
);

async fn send(app: &TestApp, method: Method, path: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
    let mut request = app.api(method, path, token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, serde_json::from_str(&response.text().await.unwrap()).unwrap_or(Value::Null))
}

fn ok(response: (StatusCode, Value)) -> Value {
    assert!(response.0.is_success(), "{response:?}");
    response.1
}

/// Maja's submitted idea that names the citizen, whose wording she changed once (so an earlier
/// version names him too), with Peter's comment naming him, edited once.
async fn idea_naming_the_citizen(app: &TestApp) -> (i64, i64) {
    let maja = app.token_for(MAJA).await;
    let area = ok(send(app, Method::GET, "/api/v1/product-areas", &maja, None).await)[0]["id"].as_i64().unwrap();
    let body = |need: &str, version: i64| {
        json!({
            "title": "Overblik over aftenbesøg",
            "role": "Sygeplejerske",
            "situation": "Når borgeren får besøg om aftenen",
            "need": need,
            "effect": "Færre fejl",
            "product_area_id": area,
            "version": version
        })
    };
    let need = format!("Hos {CITIZEN} på Østergade gik medicinen tabt.");
    let idea = ok(send(app, Method::POST, "/api/v1/ideas", &maja, Some(body(&need, 0))).await);
    let id = idea["id"].as_i64().unwrap();
    let group = app.store.find_group_by_name("Erfagruppe Syd").await.unwrap().unwrap().id.0;
    let move_body = json!({"kind": "submit", "group_id": group, "version": idea["version"]});
    let moved = ok(send(app, Method::POST, &format!("/api/v1/ideas/{id}/moves"), &maja, Some(move_body)).await);
    let changed = format!("{need} Det sker igen for {CITIZEN}.");
    let path = format!("/api/v1/ideas/{id}");
    ok(send(app, Method::PUT, &path, &maja, Some(body(&changed, moved["version"].as_i64().unwrap()))).await);

    let peter = app.token_for(PETER).await;
    let comment_body = json!({"body": format!("Vi har også set det hos {CITIZEN}.")});
    let comment =
        ok(send(app, Method::POST, &format!("/api/v1/ideas/{id}/comments"), &peter, Some(comment_body)).await);
    let comment = comment["id"].as_i64().unwrap();
    let edited = json!({"body": format!("Vi har også set det hos {CITIZEN} i Varde.")});
    ok(send(app, Method::PUT, &format!("/api/v1/comments/{comment}"), &peter, Some(edited)).await);
    (id, comment)
}

async fn found_by_search(app: &TestApp, token: &str, id: i64) -> bool {
    let list = ok(send(app, Method::GET, "/api/v1/ideas?q=Br%C3%B8ndsted", token, None).await);
    list["ideas"].as_array().unwrap().iter().any(|i| i["id"] == id)
}

async fn a_moderator_removes_a_passage_everywhere_it_is_kept_and_the_author_is_told(app: TestApp) {
    let (id, comment) = idea_naming_the_citizen(&app).await;
    let maja_id = app.store.find_login_candidate(MAJA).await.unwrap().unwrap().user.id.0;
    let peter_id = app.store.find_login_candidate(PETER).await.unwrap().unwrap().user.id.0;
    // Copies elsewhere: a mail subject waiting to be sent, and an audit entry that quoted it.
    app.pool
        .execute(&format!(
            "INSERT INTO outbox (dedupe_key, user_id, kind, status, attempts, next_attempt_at, created_at, subject) \
             VALUES ('test:subject', {peter_id}, 'notification', 'sent', 1, 0, 0, 'Nyt om {CITIZEN}')"
        ))
        .await
        .unwrap();
    app.pool
        .execute(&format!(
            "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, details) \
             VALUES (0, {maja_id}, 'test.quote', 'idea', {id}, '{{\"need\":\"Hos {CITIZEN}\"}}')"
        ))
        .await
        .unwrap();
    let maja = app.token_for(MAJA).await;
    assert!(found_by_search(&app, &maja, id).await, "searchable by the citizen's name before");
    let before = dump(&app).await;
    let places = before.iter().filter(|r| r.contains(CITIZEN)).count();
    assert_eq!(places, 6, "the idea, its earlier version, the comment, its earlier text, a mail, the audit trail");

    // The author and an ordinary member may not; nothing changes.
    let idea_path = format!("/api/v1/moderation/idea/{id}/redactions");
    let body = json!({"passage": CITIZEN, "reason": "Borgers navn"});
    for token in [&maja, &app.token_for(PETER).await] {
        let (status, refused) = send(&app, Method::POST, &idea_path, token, Some(body.clone())).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
        assert_eq!(
            (refused["error"].as_str(), refused["message"].as_str()),
            (Some("forbidden"), Some("Kun moderatorer kan gøre det."))
        );
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM moderations").await, 0);

    // The moderator removes it from the idea, then from the comment.
    let jonas = app.token_for(JONAS).await;
    let seen = ok(send(&app, Method::GET, &format!("/api/v1/moderation/idea/{id}"), &jonas, None).await);
    assert!(
        seen["texts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["field"] == "need" && t["text"].as_str().unwrap().contains(CITIZEN))
    );
    let version_before =
        ok(send(&app, Method::GET, &format!("/api/v1/ideas/{id}"), &maja, None).await)["idea"]["version"].clone();
    let done = ok(send(&app, Method::POST, &idea_path, &jonas, Some(body.clone())).await);
    assert_eq!(done["replaced"], 2, "the need now and in its earlier version");
    let comment_path = format!("/api/v1/moderation/comment/{comment}/redactions");
    let done = ok(send(&app, Method::POST, &comment_path, &jonas, Some(body.clone())).await);
    assert_eq!(done["replaced"], 2, "the comment now and its earlier text");

    // Nowhere in the database any more; the marker where it stood; the log says who and why.
    let after = dump(&app).await;
    let left: Vec<&String> = after.iter().filter(|r| r.contains(CITIZEN)).collect();
    assert!(left.is_empty(), "still in the database: {left:#?}");
    let idea = ok(send(&app, Method::GET, &format!("/api/v1/ideas/{id}"), &maja, None).await);
    assert!(idea["idea"]["need"].as_str().unwrap().contains(MARKER), "{idea}");
    assert_ne!(idea["idea"]["version"], version_before, "a form opened before cannot write it back");
    assert!(!found_by_search(&app, &maja, id).await, "not found by the name any more");
    let log = ok(send(&app, Method::GET, "/api/v1/moderation", &jonas, None).await);
    assert_eq!(log.as_array().unwrap().len(), 2);
    assert_eq!(log[1]["kind"], "idea");
    assert_eq!(log[1]["reason"], "Borgers navn");
    assert_eq!(log[1]["moderator"], "Jonas Bech");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'content.redact'").await, 2);
    let (_, refused) = send(&app, Method::GET, "/api/v1/moderation", &maja, None).await;
    assert_eq!(refused["error"], "forbidden");

    // Maja (the idea) and Peter (the comment) are told.
    for (who, token) in [(MAJA, maja.clone()), (PETER, app.token_for(PETER).await)] {
        let list = ok(send(&app, Method::GET, "/api/v1/notifications", &token, None).await);
        let told =
            list["notifications"].as_array().unwrap().iter().any(|n| n["kind"] == "moderated" && n["idea_id"] == id);
        assert!(told, "{who} is told: {list}");
    }
    // The idea page in the browser shows the marker, not the name.
    app.login_ok(MAJA).await;
    let (status, page) = app.get_text(&format!("/ideas/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(MARKER) && !page.contains(CITIZEN));
}

async fn minutes_and_decisions_are_redacted_too_and_mistakes_are_answered_without_change(app: TestApp) {
    let meeting = count(&app, "SELECT MIN(id) FROM meetings WHERE minutes <> ''").await;
    let decision = count(&app, "SELECT MIN(id) FROM decisions").await;
    app.pool
        .execute(&format!(
            "UPDATE meetings SET minutes = minutes || ' Sagen om {CITIZEN} blev nævnt.' WHERE id = {meeting}"
        ))
        .await
        .unwrap();
    app.pool.execute(&format!("UPDATE decisions SET reason = 'Jf. {CITIZEN}.' WHERE id = {decision}")).await.unwrap();
    let jonas = app.token_for(JONAS).await;

    // Mistakes: an unknown kind, a missing target, a passage not in the text, a short passage,
    // no reason; each answered with its code, and nothing written.
    let body = |passage: &str, reason: &str| Some(json!({"passage": passage, "reason": reason}));
    let (status, _) =
        send(&app, Method::POST, "/api/v1/moderation/user/1/redactions", &jonas, body(CITIZEN, "Navn")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) =
        send(&app, Method::POST, "/api/v1/moderation/decision/999999/redactions", &jonas, body(CITIZEN, "Navn")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let path = format!("/api/v1/moderation/minutes/{meeting}/redactions");
    for (passage, reason, field, code) in [
        ("Ingen her", "Navn", "passage", "passage_not_found"),
        ("In", "Navn", "passage", "passage_too_short"),
        (CITIZEN, "  ", "reason", "required"),
        (CITIZEN, "CPR 010203-1234", "reason", "cpr_number"),
    ] {
        let (status, refused) = send(&app, Method::POST, &path, &jonas, body(passage, reason)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert_eq!(refused["fields"][0]["field"], field, "{refused}");
        assert_eq!(refused["fields"][0]["code"], code, "{refused}");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM moderations").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'content.redact'").await, 0);

    // On the page, a mistake comes back with the moderator's text and a Danish message.
    app.login_ok(JONAS).await;
    let response = app
        .post_form(&format!("/moderation/minutes/{meeting}/redact"), &[("passage", "Ingen her"), ("reason", "Navn")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Passagen står ikke i teksten."), "the message");
    assert!(page.contains(">Ingen her</textarea>"), "the text kept");
    // Done right on the page; then through the API on the decision.
    let response = app
        .post_form(&format!("/moderation/minutes/{meeting}/redact"), &[("passage", CITIZEN), ("reason", "Navn")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], format!("/moderation/minutes/{meeting}?notice=redacted").as_str());
    let (_, page) = app.get_text(&format!("/meetings/{meeting}")).await;
    assert!(page.contains(MARKER) && !page.contains(CITIZEN), "the meeting page");
    let done = ok(send(
        &app,
        Method::POST,
        &format!("/api/v1/moderation/decision/{decision}/redactions"),
        &jonas,
        body(CITIZEN, "Navn"),
    )
    .await);
    assert_eq!(done["replaced"], 1);
    let left: Vec<String> = dump(&app).await.into_iter().filter(|r| r.contains(CITIZEN)).collect();
    assert!(left.is_empty(), "{left:#?}");
    let (_, page) = app.get_text("/moderation").await;
    assert!(page.contains("Passage fjernet") && page.contains("Referat"), "the log page");
}

async fn a_moderator_hides_a_comment_and_shows_it_again_once_at_a_time(app: TestApp) {
    let (id, comment) = idea_naming_the_citizen(&app).await;
    let jonas = app.token_for(JONAS).await;
    let admin = app.token_for(ADMIN).await;
    let path = format!("/api/v1/comments/{comment}/hidden");
    let hide = Some(json!({"hidden": true, "reason": "Borgers navn"}));
    // Two moderators at once: hidden once, the other told it already is.
    let (a, b) = tokio::join!(
        send(&app, Method::PUT, &path, &jonas, hide.clone()),
        send(&app, Method::PUT, &path, &admin, hide.clone())
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::NO_CONTENT, StatusCode::CONFLICT], "{a:?} {b:?}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM moderations WHERE action = 'hide'").await, 1);

    // Its text is read nowhere: the API, the page; its author cannot change it.
    let peter = app.token_for(PETER).await;
    let comments = ok(send(&app, Method::GET, &format!("/api/v1/ideas/{id}/comments"), &peter, None).await);
    let shown = comments.as_array().unwrap().iter().find(|c| c["id"] == comment).unwrap().clone();
    assert_eq!(
        (shown["hidden"].clone(), shown["body"].clone(), shown["revisions"].clone()),
        (json!(true), json!(""), json!(0))
    );
    app.login_ok(PETER).await;
    let (_, page) = app.get_text(&format!("/ideas/{id}")).await;
    assert!(page.contains("Kommentaren er skjult af en moderator."), "the idea page says so");
    assert!(!page.contains("Vi har også set det"), "and shows nothing of it");
    let (status, refused) =
        send(&app, Method::PUT, &format!("/api/v1/comments/{comment}"), &peter, Some(json!({"body": "Ny tekst"})))
            .await;
    assert_eq!((status, refused["error"].clone()), (StatusCode::CONFLICT, json!("comment_hidden")));
    let notifications = ok(send(&app, Method::GET, "/api/v1/notifications", &peter, None).await);
    assert!(
        notifications["notifications"].as_array().unwrap().iter().any(|n| n["kind"] == "moderated"),
        "Peter is told"
    );
    // Peter may not show it himself; the moderator shows it again on the page.
    let (status, _) =
        send(&app, Method::PUT, &path, &peter, Some(json!({"hidden": false, "reason": "Mit eget"}))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    app.login_ok(JONAS).await;
    let (_, page) = app.get_text(&format!("/moderation/comment/{comment}")).await;
    assert!(page.contains(CITIZEN), "the moderator reads what was hidden, to decide");
    let response = app.post_form(&format!("/moderation/comment/{comment}/show"), &[("reason", "")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "a reason is required");
    let response = app.post_form(&format!("/moderation/comment/{comment}/show"), &[("reason", "Fejl")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let comments = ok(send(&app, Method::GET, &format!("/api/v1/ideas/{id}/comments"), &peter, None).await);
    let shown = comments.as_array().unwrap().iter().find(|c| c["id"] == comment).unwrap().clone();
    assert_eq!(shown["hidden"], false);
    assert!(shown["body"].as_str().unwrap().contains(CITIZEN));
}

async fn an_administrator_gives_the_moderator_role(app: TestApp) {
    let peter = app.token_for(PETER).await;
    let (status, _) = send(&app, Method::GET, "/api/v1/moderation", &peter, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    app.login_ok(PETER).await;
    let (_, page) = app.get_text("/ideas").await;
    assert!(!page.contains("href=\"/moderation\""), "no way to moderation in the menu");

    let admin = app.token_for(ADMIN).await;
    let person = ok(send(&app, Method::GET, "/api/v1/me", &peter, None).await)["user"].clone();
    let id = person["id"].as_i64().unwrap();
    let mut body = json!({"name": person["name"], "email": person["email"], "organization_id": person["organization_id"],
        "language": "da", "is_admin": false, "is_moderator": true, "active": true});
    let (status, _) = send(&app, Method::PUT, &format!("/api/v1/users/{id}"), &peter, Some(body.clone())).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "not his own to give");
    let updated = ok(send(&app, Method::PUT, &format!("/api/v1/users/{id}"), &admin, Some(body.clone())).await);
    assert_eq!(updated["is_moderator"], true);
    assert_eq!(ok(send(&app, Method::GET, "/api/v1/moderation", &peter, None).await), json!([]));
    let (_, page) = app.get_text("/ideas").await;
    assert!(page.contains("href=\"/moderation\""), "the menu leads to moderation");
    // Taken away again on the admin page's form.
    body["is_moderator"] = json!(false);
    app.login_ok(ADMIN).await;
    let (_, form) = app.get_text(&format!("/admin/users/{id}")).await;
    assert!(
        form.contains("id=\"is_moderator\" name=\"is_moderator\"")
            && form.contains(" checked> <label for=\"is_moderator\">")
    );
    ok(send(&app, Method::PUT, &format!("/api/v1/users/{id}"), &admin, Some(body)).await);
    let (status, _) = send(&app, Method::GET, "/api/v1/moderation", &peter, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
