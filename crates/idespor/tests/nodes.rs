//! Several nodes: three Idéspor processes (the real binary) against one PostgreSQL database, each
//! on its own port with nothing in front of them, each running its own mail worker. A session
//! made on one node works on the others (and a sign-out on one ends it on all), an idea moved on
//! one is seen moved on all, and mail queued by any of them goes out exactly once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::mail::{SmtpServer, aiosmtpd_or_skip, mails_to};
use common::{Backend, ServerProcess, TestDb, db_args, free_port, idespor_command};
use idespor_domain::clock::SystemClock;
use idespor_domain::mail::OutboxStatus;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};

const MAJA: &str = "maja.winther@idespor.test"; // Erfagruppe Syd
const PETER: &str = "peter.hvid@idespor.test"; // Erfagruppe Syd
const HANNE: &str = "hanne.bro@idespor.test"; // tovholder, Erfagruppe Syd

/// A node: `idespor serve` with its own data directory and a mail worker sending to `smtp_port`.
async fn start_node(db: &TestDb, dir: &std::path::Path, smtp_port: u16) -> ServerProcess {
    std::fs::create_dir_all(dir).unwrap();
    let config = idespor::config::Config { data_dir: dir.to_path_buf(), ..db.config.clone() };
    let env = [
        ("IDESPOR_MAIL__SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}")),
        ("IDESPOR_MAIL__POLL_MILLIS", "100".to_string()),
    ];
    ServerProcess::start_with(&config, &dir.join("log"), &env).await
}

fn token(db: &TestDb, email: &str) -> String {
    let out = idespor_command().args(db_args(&db.config)).args(["admin", "create-token", email]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

async fn api(
    client: &reqwest::Client,
    node: &ServerProcess,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Value,
) -> Value {
    let response =
        client.request(method, format!("{}{path}", node.base)).bearer_auth(token).json(&body).send().await.unwrap();
    let status = response.status();
    let value: Value = response.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{path} on {}: {status} {value}", node.base);
    value
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_nodes_share_sessions_moves_and_mail() {
    let Some(db) = TestDb::new(Backend::Postgres).await else { return };
    if !aiosmtpd_or_skip("three_nodes_share_sessions_moves_and_mail") {
        return;
    }
    let database = idespor::startup::open_database(&db.config).await.unwrap();
    let svc = idespor::startup::services(database.clone(), Arc::new(SystemClock));
    let store = common::storage(&database);
    idespor::demo::load(&svc, &database).await.unwrap();
    // Three members of Erfagruppe Syd hear of moves at once, and of nothing else by mail.
    let people = ["maja.winther@idespor.test", PETER, "gitte.bonde@idespor.test"];
    for email in people {
        common::mail::only_moves_by_mail_at_once(&svc, email).await;
    }
    let dir = tempfile::tempdir().unwrap();
    let smtp_port = free_port();
    let maildir = dir.path().join("maildir");
    let _smtp = SmtpServer::start(smtp_port, &maildir).await;
    let mut nodes = Vec::new();
    for n in 0..3 {
        nodes.push(start_node(&db, &dir.path().join(format!("node{n}")), smtp_port).await);
    }

    // A session made on node 0 works on nodes 1 and 2.
    let browser = crate::common::http().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let login = browser.get(format!("{}/login", nodes[0].base)).send().await.unwrap().text().await.unwrap();
    let marker = "name=\"csrf_token\" value=\"";
    let at = login.find(marker).unwrap() + marker.len();
    let csrf = login[at..at + 64].to_string();
    let signed_in = browser
        .post(format!("{}/login", nodes[0].base))
        .form(&[("email", PETER), ("password", "idespor-demo"), ("csrf_token", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    for node in &nodes {
        let profile = browser.get(format!("{}/profile", node.base)).send().await.unwrap();
        assert_eq!(profile.status(), StatusCode::OK, "the session works on {}", node.base);
        assert!(profile.text().await.unwrap().contains("Peter Hvid"));
    }

    // Maja writes and submits ideas on one node; Hanne forwards each on another; every node
    // sees each move at once.
    let (maja, hanne) = (token(&db, MAJA), token(&db, HANNE));
    // The API client carries no cookies (a request with a session cookie must pass CSRF).
    let client = crate::common::http().build().unwrap();
    let groups = api(&client, &nodes[0], &maja, reqwest::Method::GET, "/api/v1/groups", json!(null)).await;
    let syd = groups.as_array().unwrap().iter().find(|g| g["name"] == "Erfagruppe Syd").unwrap()["id"].clone();
    let area = svc.product_areas().await.unwrap()[0].id.0;
    const IDEAS: usize = 6;
    for i in 0..IDEAS {
        let (write_on, forward_on) = (&nodes[i % 3], &nodes[(i + 1) % 3]);
        let body = json!({"title": format!("Idé fra node {} nr. {i}", i % 3), "role": "Sygeplejerske",
            "situation": "Ved aftenbesøget", "need": "Overblik over dagens besøg", "effect": "Færre fejl", "product_area_id": area, "version": 0});
        let idea = api(&client, write_on, &maja, reqwest::Method::POST, "/api/v1/ideas", body).await;
        let id = idea["id"].as_i64().unwrap();
        let moves = format!("/api/v1/ideas/{id}/moves");
        let submitted = api(
            &client,
            write_on,
            &maja,
            reqwest::Method::POST,
            &moves,
            json!({"kind": "submit", "group_id": syd, "version": idea["version"]}),
        )
        .await;
        let forwarded = api(
            &client,
            forward_on,
            &hanne,
            reqwest::Method::POST,
            &moves,
            json!({"kind": "forward", "version": submitted["version"]}),
        )
        .await;
        for node in &nodes {
            let seen =
                api(&client, node, &maja, reqwest::Method::GET, &format!("/api/v1/ideas/{id}"), json!(null)).await;
            assert_eq!(
                (seen["idea"]["status"].clone(), seen["idea"]["version"].clone()),
                (json!("forwarded"), forwarded["version"].clone())
            );
        }
    }

    // Signing out on node 2 ends the session on every node.
    let page = browser.get(format!("{}/profile", nodes[2].base)).send().await.unwrap().text().await.unwrap();
    let at = page.find(marker).unwrap() + marker.len();
    let csrf = page[at..at + 64].to_string();
    browser.post(format!("{}/logout", nodes[2].base)).form(&[("csrf_token", &csrf)]).send().await.unwrap();
    for node in &nodes {
        let profile = browser.get(format!("{}/profile", node.base)).send().await.unwrap();
        assert_eq!(profile.status(), StatusCode::SEE_OTHER, "signed out on {}", node.base);
    }

    // Each submission told Peter and Gitte (not Maja, who made it); each forward told all three.
    // Three workers claim from one outbox; every mail goes out once.
    let expected = IDEAS * 2 + IDEAS * 3;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        // The notification mails only: the workers also queue the demo's digests when one is
        // due at the real time of day the test runs (daily ones after 7.00 Copenhagen time).
        let outbox: Vec<_> = store
            .list_outbox(None, 2_000)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.kind == idespor_domain::mail::OutboxKind::Notification)
            .collect();
        let sent = outbox.iter().filter(|m| m.status == OutboxStatus::Sent).count();
        let pending =
            outbox.iter().filter(|m| matches!(m.status, OutboxStatus::Queued | OutboxStatus::Sending)).count();
        if sent >= expected && pending == 0 {
            assert_eq!(sent, expected, "mail queued once per notification");
            break;
        }
        assert!(Instant::now() < deadline, "the mail did not go out: {sent} sent, {pending} pending of {expected}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let received =
        [mails_to(&maildir, MAJA).len(), mails_to(&maildir, PETER).len(), mails_to(&maildir, people[2]).len()];
    assert_eq!(received, [IDEAS, 2 * IDEAS, 2 * IDEAS], "each mail delivered exactly once");
}
