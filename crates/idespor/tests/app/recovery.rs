//! "Glemt adgangskode" (issue 14, item 2): a password link by mail that works once, for an hour,
//! answers the same for every address, is throttled (also under parallel requests), and ends
//! every session when used.

use crate::common::{Demo, PASSWORD, TestApp};
use crate::privacy::{count, node_at};
use idespor_domain::mail::{OutboxKind, OutboxMessage};
use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::json;

const DEMO: Demo = Demo::Full;
const MAJA: &str = "maja.winther@idespor.test";
const NEW_PASSWORD: &str = "et helt nyt kodeord";

on_both_backends!(
    a_forgotten_password_is_replaced_through_a_link_that_works_once,
    password_links_are_throttled_alike_for_every_address_even_all_at_once,
    behind_a_trusted_proxy_sign_ins_are_counted_under_the_address_it_forwards,
);

async fn reset_mails(app: &TestApp) -> Vec<OutboxMessage> {
    let all = app.store.list_outbox(None, 1000).await.unwrap();
    all.into_iter().filter(|m| m.kind == OutboxKind::PasswordReset).collect()
}

/// The newest password link mail, composed as the mail worker would, and its link's path.
async fn newest_link(app: &TestApp) -> (idespor_web::mail::Mail, String) {
    let mails = reset_mails(app).await;
    let newest = mails.iter().max_by_key(|m| m.id.0).expect("a password link mail");
    let mail = idespor_web::mail::compose(&app.svc, "https://idespor.example.dk", "Idéspor", newest)
        .await
        .unwrap()
        .expect("the mail is composed");
    let url = mail.text.lines().find(|l| l.contains("/password/reset/")).expect("the link in the mail").trim();
    let path = url.strip_prefix("https://idespor.example.dk").expect("an address on the site").to_string();
    (mail, path)
}

async fn a_forgotten_password_is_replaced_through_a_link_that_works_once(app: TestApp) {
    let (_, login) = app.get_text("/login").await;
    assert!(login.contains("href=\"/password/forgot\""), "the sign-in page links to the form");
    // Maja is signed in somewhere (this client's session): that session must end.
    app.login_ok(MAJA).await;
    let (status, _) = app.get_text("/profile").await;
    assert_eq!(status, StatusCode::OK);

    // The same answer for her address and for nobody's; one mail, hers.
    for email in [MAJA, "ingen.her@idespor.test"] {
        let response = app.post_form("/password/forgot", &[("email", email)]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{email}");
        assert_eq!(response.headers()["location"], "/password/forgot?notice=reset_sent", "{email}");
    }
    let (_, page) = app.get_text("/password/forgot?notice=reset_sent").await;
    assert!(page.contains("Hvis adressen hører til en konto her"), "the answer");
    assert_eq!(reset_mails(&app).await.len(), 1, "a mail for the account only");
    // Not an address: said beside the field, with the text kept.
    let response = app.post_form("/password/forgot", &[("email", "ikke en adresse")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("value=\"ikke en adresse\""));

    // The mail: to her, in Danish, no unsubscribe link (she asked for it), with the link.
    let (mail, path) = newest_link(&app).await;
    assert_eq!(mail.to, MAJA);
    assert!(mail.subject.contains("Vælg en ny adgangskode"), "{}", mail.subject);
    let from = "Idéspor <idespor@idespor.example.dk>".parse().unwrap();
    let message = String::from_utf8(idespor_web::mail::to_message(&mail, &from).unwrap().formatted()).unwrap();
    assert!(!message.contains("List-Unsubscribe"), "a mail asked for has nothing to unsubscribe from");

    // A tampered token is refused; the link shows the form; a short password is refused there.
    let tampered = format!("{}0", &path[..path.len() - 1]);
    let tampered = if tampered == path { format!("{}1", &path[..path.len() - 1]) } else { tampered };
    let (status, page) = app.get_text(&tampered).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("Linket virker ikke"), "what to do instead");
    let (status, page) = app.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Vælg en ny adgangskode"));
    let response = app.post_form(&path, &[("password", "kort")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Used: her sessions end, the new password works, the old does not, the link is spent.
    let response = app.post_form(&path, &[("password", NEW_PASSWORD)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login?notice=password_reset");
    let maja = app.store.find_login_candidate(MAJA).await.unwrap().unwrap().user.id.0;
    assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM sessions WHERE user_id = {maja}")).await, 0);
    assert_ne!(app.login(MAJA, PASSWORD).await.status(), StatusCode::SEE_OTHER, "the old password");
    assert_eq!(app.login(MAJA, NEW_PASSWORD).await.status(), StatusCode::SEE_OTHER, "the new password");
    let (status, _) = app.get_text(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a link works once");
    for action in ["password.reset_request", "password.reset"] {
        let sql = format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}' AND entity_id = {maja}");
        assert_eq!(count(&app, &sql).await, 1, "{action} in the audit trail");
    }

    // A newer link replaces the older; a link runs out after an hour; the same use twice at
    // once sets the password once.
    app.post_form("/password/forgot", &[("email", MAJA)]).await;
    let (_, older) = newest_link(&app).await;
    app.post_form("/password/forgot", &[("email", MAJA)]).await;
    let (_, newer) = newest_link(&app).await;
    assert_ne!(older, newer);
    assert_eq!(app.get_text(&older).await.0, StatusCode::NOT_FOUND, "only the newest link works");
    let parts: Vec<&str> = newer.rsplitn(3, '/').collect();
    let (token, id) = (parts[0].to_string(), parts[1].parse::<i64>().unwrap());
    let later = node_at(&app, app.svc.now() + SignedDuration::from_mins(61)).await;
    assert!(later.password_reset_user(id, &token).await.is_err(), "run out after an hour");
    let body = json!({"id": id, "token": token, "password": "endnu et nyt kodeord"});
    // A client without cookies, as an API caller who forgot their password is.
    let client = crate::common::http().build().unwrap();
    let send = || client.post(app.url("/api/v1/password/reset")).json(&body).send();
    let (a, b) = tokio::join!(send(), send());
    let mut statuses = [a.unwrap().status(), b.unwrap().status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::NO_CONTENT, StatusCode::NOT_FOUND], "used once");
}

async fn password_links_are_throttled_alike_for_every_address_even_all_at_once(app: TestApp) {
    // Six at once, for an account and for nobody: three of each get through, alike.
    for email in [MAJA, "ingen.her@idespor.test"] {
        let mut requests = tokio::task::JoinSet::new();
        for _ in 0..6 {
            let (client, url) = (crate::common::http().build().unwrap(), app.url("/api/v1/password/forgot"));
            requests
                .spawn(async move { client.post(url).json(&json!({"email": email})).send().await.unwrap().status() });
        }
        let statuses = requests.join_all().await;
        let accepted = statuses.iter().filter(|s| **s == StatusCode::ACCEPTED).count();
        let limited = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
        assert_eq!((accepted, limited), (3, 3), "{email}: {statuses:?}");
    }
    assert_eq!(reset_mails(&app).await.len(), 3, "three mails, all to the account");
    let (status, body) = {
        let response = app
            .client
            .post(app.url("/api/v1/password/forgot"))
            .json(&json!({"email": "ikke en adresse"}))
            .send()
            .await
            .unwrap();
        (response.status(), response.json::<serde_json::Value>().await.unwrap())
    };
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["code"], "email_invalid");
}

/// Failed sign-ins with an unknown e-mail (they count against the network address only) until
/// the address's limit, each claiming `forwarded` as the client; the status of the next one.
async fn sign_ins_until_throttled(app: &TestApp, forwarded: &dyn Fn(usize) -> String) -> Vec<StatusCode> {
    let token = app.csrf().await;
    let mut statuses = Vec::new();
    for i in 0..=idespor_domain::auth::LOGIN_MAX_FAILED_PER_ADDRESS as usize {
        let response = app
            .client
            .post(app.url("/login"))
            .header("x-forwarded-for", forwarded(i))
            .form(&[
                ("email", format!("ingen{i}@idespor.test").as_str()),
                ("password", "forkert"),
                ("csrf_token", &token),
            ])
            .send()
            .await
            .unwrap();
        statuses.push(response.status());
    }
    statuses
}

async fn behind_a_trusted_proxy_sign_ins_are_counted_under_the_address_it_forwards(app: TestApp) {
    // Not trusted: a client naming a new address each time is still counted under its own.
    let statuses = sign_ins_until_throttled(&app, &|i| format!("198.51.100.{i}")).await;
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");

    // The same server behind a trusted proxy (loopback): each forwarded client has its own count.
    let (mut db, _) = app.stop();
    db.config.trusted_proxies = vec!["127.0.0.1".into(), "::1".into()];
    let app = TestApp::start(db, crate::common::Demo::None).await;
    let statuses = sign_ins_until_throttled(&app, &|_| "203.0.113.5".into()).await;
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "one client, throttled: {statuses:?}");
    let statuses = sign_ins_until_throttled(&app, &|i| format!("1.2.3.{i}, 203.0.113.6")).await;
    assert_eq!(statuses[0], StatusCode::UNAUTHORIZED, "another client is not: {statuses:?}");
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "and a made-up first hop changes nothing");
}
