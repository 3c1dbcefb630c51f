//! People's data on SQLite and PostgreSQL: the housekeeping job removes exactly what has run out
//! (a row just past its period goes, one just inside stays), once per hour however many nodes
//! run it; a person sees their own sign-ins and nobody else's; administrators see the periods
//! and the job's record.

use crate::common::{Demo, TestApp};

const DEMO: Demo = Demo::Full;

use idespor_domain::clock::FixedClock;
use idespor_domain::retention::{Removed, Retention};
use idespor_domain::service::Services;
use jiff::{SignedDuration, Timestamp};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::sync::Arc;

const MAJA: &str = "maja.winther@idespor.test";
const PETER: &str = "peter.hvid@idespor.test";
const ADMIN: &str = "admin@idespor.test";

on_both_backends!(
    retention_removes_what_has_run_out_and_nothing_else_once_per_hour,
    a_person_sees_their_own_sign_ins,
    an_administrator_looking_at_a_person_is_written_in_the_audit_trail,
    the_privacy_policy_is_open_to_everyone_and_the_administrator_writes_it,
    a_person_gets_a_copy_of_exactly_their_own_data_once,
    erasure_leaves_no_name_or_email_and_keeps_what_the_community_owns,
    two_administrators_erasing_each_other_at_once_leave_one,
    a_password_is_checked_for_the_person_even_when_their_e_mail_changed_meanwhile,
);

/// A second process's use cases on the same database, with its own clock at `at`.
pub(crate) async fn node_at(app: &TestApp, at: Timestamp) -> Services {
    let db = idespor::startup::open_database(&app.db.config).await.unwrap();
    idespor::startup::services(db, Arc::new(FixedClock::at(at)))
}

pub(crate) async fn count(app: &TestApp, sql: &str) -> i64 {
    app.pool.count(sql, &[]).await.unwrap()
}

async fn retention_removes_what_has_run_out_and_nothing_else_once_per_hour(app: TestApp) {
    // A fixed instant in the middle of an hour, so that both nodes' runs fall in the same one.
    let now = Timestamp::from_second(app.svc.now().as_second() / 3600 * 3600 + 1800).unwrap();
    let policy = Retention::default();
    let day = 86_400;
    let t = now.as_second();
    let maja = app.store.find_login_candidate(MAJA).await.unwrap().unwrap().user.id.0;
    let idea = count(&app, "SELECT MIN(id) FROM ideas").await;
    let other = count(&app, &format!("SELECT MAX(id) FROM users WHERE id <> {maja}")).await;
    let (history, read, mail, audit) = (
        i64::from(policy.sign_in_history_days) * day,
        i64::from(policy.read_notifications_days) * day,
        i64::from(policy.sent_mail_days) * day,
        i64::from(policy.audit_days) * day,
    );
    // For each kind, one row just past its period (marked "gone") and one just inside ("kept").
    app.pool
        .execute(&format!(
            "INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES \
               ('ret-gone', {maja}, {t0}, {t}), ('ret-kept', {maja}, {t0}, {t1});
             INSERT INTO invitations (token_hash, user_id, created_at, expires_at, used_at) VALUES \
               ('ret-gone-expired', {maja}, {t0}, {tm}, NULL), ('ret-gone-used', {maja}, {t0}, {t1}, {tm}), \
               ('ret-kept', {maja}, {t0}, {t1}, NULL);
             INSERT INTO login_failures (key, at) VALUES ('ret-gone', {fail_gone}), ('ret-kept', {fail_kept});
             INSERT INTO sign_ins (user_id, at) VALUES ({maja}, {hist_gone}), ({maja}, {hist_kept});
             INSERT INTO notifications (user_id, kind, idea_id, created_at, read_at, change) VALUES \
               ({maja}, 'moved', {idea}, {read_gone}, {read_gone}, 'ret-gone'), \
               ({maja}, 'moved', {idea}, {read_gone}, {read_kept}, 'ret-kept'), \
               ({maja}, 'moved', {idea}, {ancient}, NULL, 'ret-kept-unread');
             INSERT INTO outbox (dedupe_key, user_id, kind, status, attempts, next_attempt_at, subject, last_error, \
               created_at, sent_at) VALUES \
               ('ret-gone', {maja}, 'notification', 'sent', 1, {mail_gone}, 'Emne', NULL, {mail_gone}, {mail_gone}), \
               ('ret-gone-failed', {maja}, 'notification', 'failed', 5, {mail_gone}, 'Emne', 'fejl', {mail_gone}, NULL), \
               ('ret-kept', {maja}, 'notification', 'sent', 1, {mail_kept}, 'Emne', NULL, {mail_kept}, {mail_kept}), \
               ('ret-kept-queued', {maja}, 'notification', 'queued', 0, {mail_gone}, 'Emne', NULL, {mail_gone}, NULL);
             INSERT INTO audit_log (at, action, entity, details) VALUES \
               ({audit_gone}, 'ret-gone', 'test', 'null'), ({audit_kept}, 'ret-kept', 'test', 'null');
             INSERT INTO data_exports (user_id, status, requested_at, ready_at, expires_at, data) VALUES \
               ({maja}, 'used', {t0}, {t0}, {t1}, NULL), ({maja}, 'ready', {t0}, {t0}, {t}, '{{}}'), \
               ({other}, 'queued', {t0}, NULL, {t1}, NULL);",
            t0 = t - 10 * day,
            t1 = t + 60,
            tm = t - 60,
            fail_gone = t - day - 60,
            fail_kept = t - day + 60,
            hist_gone = t - history - 60,
            hist_kept = t - history + 60,
            read_gone = t - read - 60,
            read_kept = t - read + 60,
            ancient = t - 3 * read,
            mail_gone = t - mail - 60,
            mail_kept = t - mail + 60,
            audit_gone = t - audit - 60,
            audit_kept = t - audit + 60,
        ))
        .await
        .unwrap();

    // What an independent count says must go (the demo's own rows too), and the tables' sizes.
    let due = Removed {
        sessions: count(&app, &format!("SELECT COUNT(*) FROM sessions WHERE expires_at <= {t}")).await as u64,
        invitations: count(
            &app,
            &format!("SELECT COUNT(*) FROM invitations WHERE expires_at <= {t} OR used_at IS NOT NULL"),
        )
        .await as u64,
        sign_in_failures: count(&app, &format!("SELECT COUNT(*) FROM login_failures WHERE at < {}", t - day)).await
            as u64,
        sign_ins: count(&app, &format!("SELECT COUNT(*) FROM sign_ins WHERE at < {}", t - history)).await as u64,
        notifications: count(
            &app,
            &format!("SELECT COUNT(*) FROM notifications WHERE read_at IS NOT NULL AND read_at < {}", t - read),
        )
        .await as u64,
        mail_subjects: count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM outbox WHERE status IN ('sent', 'failed') AND created_at < {} \
                 AND (subject IS NOT NULL OR last_error IS NOT NULL)",
                t - mail
            ),
        )
        .await as u64,
        audit_entries: count(&app, &format!("SELECT COUNT(*) FROM audit_log WHERE at < {}", t - audit)).await as u64,
        exports: count(&app, &format!("SELECT COUNT(*) FROM data_exports WHERE expires_at <= {t} OR status = 'used'"))
            .await as u64,
    };
    assert!(due.sessions >= 1 && due.invitations >= 2 && due.notifications >= 1 && due.mail_subjects >= 2);
    assert_eq!(due.exports, 2, "the downloaded copy and the one past its days");
    let tables = [
        "sessions",
        "invitations",
        "login_failures",
        "sign_ins",
        "notifications",
        "outbox",
        "audit_log",
        "data_exports",
    ];
    let mut sizes = Vec::new();
    for table in tables {
        sizes.push(count(&app, &format!("SELECT COUNT(*) FROM {table}")).await);
    }

    // Two nodes run the job at once: one does the work, the other finds it done.
    let (a, b) = (node_at(&app, now).await, node_at(&app, now + SignedDuration::from_secs(5)).await);
    let (ra, rb) = tokio::join!(a.apply_retention(&policy), b.apply_retention(&policy));
    let runs: Vec<Removed> = [ra.unwrap(), rb.unwrap()].into_iter().flatten().collect();
    assert_eq!(runs.len(), 1, "one run per hour across nodes: {runs:?}");
    assert_eq!(runs[0], due, "it removed exactly what had run out");
    assert_eq!(a.apply_retention(&policy).await.unwrap(), None, "the hour's run is made");

    // Nothing else: each table lost exactly what was due (the outbox loses no rows at all).
    let lost =
        [due.sessions, due.invitations, due.sign_in_failures, due.sign_ins, due.notifications, 0, due.audit_entries];
    for ((table, before), lost) in tables.iter().zip(&sizes).zip(lost) {
        let after = count(&app, &format!("SELECT COUNT(*) FROM {table}")).await;
        assert_eq!(after, before - lost as i64, "{table}");
    }
    for (sql, expected, what) in [
        ("SELECT COUNT(*) FROM sessions WHERE id_hash LIKE 'ret-%'", 1, "the session still valid stays"),
        ("SELECT COUNT(*) FROM invitations WHERE token_hash = 'ret-kept'", 1, "the unused valid link stays"),
        ("SELECT COUNT(*) FROM login_failures WHERE key = 'ret-kept'", 1, "yesterday's failure stays"),
        ("SELECT COUNT(*) FROM login_failures WHERE key LIKE 'ret-%'", 1, "the older one goes"),
        ("SELECT COUNT(*) FROM notifications WHERE change = 'ret-kept'", 1, "read within the year stays"),
        ("SELECT COUNT(*) FROM notifications WHERE change = 'ret-kept-unread'", 1, "unread stays, however old"),
        ("SELECT COUNT(*) FROM notifications WHERE change = 'ret-gone'", 0, "read over a year ago goes"),
        ("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'ret-%'", 4, "every delivery record stays"),
        (
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'ret-gone%' AND subject IS NULL AND last_error IS NULL",
            2,
            "old mail loses its words",
        ),
        (
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'ret-kept%' AND subject = 'Emne'",
            2,
            "recent and waiting mail keep theirs",
        ),
        ("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'ret-%'", 1, "the audit trail within 5 years stays"),
        ("SELECT COUNT(*) FROM audit_log WHERE action = 'ret-kept'", 1, "it is the newer one"),
    ] {
        assert_eq!(count(&app, sql).await, expected, "{what}");
    }
    let hist =
        count(&app, &format!("SELECT COUNT(*) FROM sign_ins WHERE user_id = {maja} AND at < {}", t - history + 120))
            .await;
    assert_eq!(hist, 1, "the sign-in just inside 180 days stays, the one past it goes");

    // The next hour runs again; an administrator sees the runs, through the page and the API.
    let later = node_at(&app, now + SignedDuration::from_hours(1)).await;
    assert!(later.apply_retention(&policy).await.unwrap().is_some(), "the next hour's run");
    let admin = app.token_for(ADMIN).await;
    let answer: Value =
        app.api(Method::GET, "/api/v1/admin/retention", &admin).send().await.unwrap().json().await.unwrap();
    assert_eq!(answer["periods"]["sent_mail_days"], 90);
    assert_eq!(answer["runs"].as_array().unwrap().len(), 2, "{answer}");
    assert_eq!(answer["runs"][1]["removed"]["invitations"], due.invitations, "the first run's record");
    let maja_token = app.token_for(MAJA).await;
    let refused = app.api(Method::GET, "/api/v1/admin/retention", &maja_token).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    app.login_ok(ADMIN).await;
    let (status, page) = app.get_text("/admin/privacy").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Læste notifikationer") && page.contains("365 dage"), "the periods are shown");
    assert!(page.contains(&due.invitations.to_string()), "the record is shown");
}

async fn a_person_sees_their_own_sign_ins(app: TestApp) {
    let maja = app.store.find_login_candidate(MAJA).await.unwrap().unwrap().user.id.0;
    let peter = app.store.find_login_candidate(PETER).await.unwrap().unwrap().user.id.0;
    let sql = |id: i64| format!("SELECT COUNT(*) FROM sign_ins WHERE user_id = {id}");
    let (maja_before, peter_before) = (count(&app, &sql(maja)).await, count(&app, &sql(peter)).await);
    app.login_ok(MAJA).await;
    assert_eq!(count(&app, &sql(maja)).await, maja_before + 1, "a sign-in is kept");
    let wrong = app.login(MAJA, "forkert-adgangskode").await;
    assert_ne!(wrong.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, &sql(maja)).await, maja_before + 1, "a failed one is not a sign-in");
    assert_eq!(count(&app, &sql(peter)).await, peter_before, "nobody else's");
    app.login_ok(MAJA).await;
    let (status, page) = app.get_text("/profile").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Seneste logins") && page.contains("Logins gemmes i 180 dage."), "on the profile");
    let token = app.token_for(MAJA).await;
    let mine: Value = app.api(Method::GET, "/api/v1/me/sign-ins", &token).send().await.unwrap().json().await.unwrap();
    assert_eq!(mine["kept_days"], 180);
    let listed = mine["sign_ins"].as_array().unwrap().len() as i64;
    assert_eq!(listed, count(&app, &sql(maja)).await.min(10), "the newest, at most 10: {mine}");
}

async fn an_administrator_looking_at_a_person_is_written_in_the_audit_trail(app: TestApp) {
    let maja = app.store.find_login_candidate(MAJA).await.unwrap().unwrap().user.id.0;
    let admin = app.store.find_login_candidate(ADMIN).await.unwrap().unwrap().user.id.0;
    let views = |who: i64| {
        format!("SELECT COUNT(*) FROM audit_log WHERE action = 'user.view' AND entity_id = {maja} AND actor_id = {who}")
    };
    // Maja looking at herself is no one else looking.
    let token = app.token_for(MAJA).await;
    let own = app.api(Method::GET, &format!("/api/v1/users/{maja}"), &token).send().await.unwrap();
    assert_eq!(own.status(), StatusCode::OK);
    assert_eq!(count(&app, &views(maja)).await, 0);
    // The administrator, through the API and the page: once each.
    let token = app.token_for(ADMIN).await;
    let seen = app.api(Method::GET, &format!("/api/v1/users/{maja}"), &token).send().await.unwrap();
    assert_eq!(seen.status(), StatusCode::OK);
    assert_eq!(count(&app, &views(admin)).await, 1, "the API look is written");
    app.login_ok(ADMIN).await;
    assert_eq!(app.get_text(&format!("/admin/users/{maja}")).await.0, StatusCode::OK);
    assert_eq!(count(&app, &views(admin)).await, 2, "the page look is written");
    // Someone without the right sees nothing and leaves no trace of a look.
    let peter = app.store.find_login_candidate(PETER).await.unwrap().unwrap().user.id.0;
    let token = app.token_for(PETER).await;
    let refused = app.api(Method::GET, &format!("/api/v1/users/{maja}"), &token).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app, &views(peter)).await, 0);
}

async fn the_privacy_policy_is_open_to_everyone_and_the_administrator_writes_it(app: TestApp) {
    // Open to everyone, linked from every page, telling what is kept for how long.
    let (status, login) = app.get_text("/login").await;
    assert_eq!(status, StatusCode::OK);
    assert!(login.contains("<a href=\"/privacy\">Privatlivspolitik</a>"), "the footer links the policy");
    let (status, page) = app.get_text("/privacy").await;
    assert_eq!(status, StatusCode::OK, "no sign-in needed");
    assert!(page.contains("Hvad Idéspor gemmer om dig") && page.contains("180 dage") && page.contains("Datatilsynet"));
    assert!(!page.contains("Dataansvarlig"), "no controller section until one is named");
    let english = app.client.get(app.url("/privacy")).header("accept-language", "en").send().await.unwrap();
    let english = english.text().await.unwrap();
    assert!(english.contains("What Idéspor stores about you") && english.contains("180 days"));

    // The administrator writes it; bad input comes back with the text kept and nothing saved.
    app.login_ok(ADMIN).await;
    let text = "Formålet er at samle idéer.\n\nEksempel: 010190-1234";
    let response = app
        .post_form(
            "/admin/privacy",
            &[("controller", "Foreningen af Nexus-kommuner"), ("contact", "dpo@example.dk"), ("text", text)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let form = response.text().await.unwrap();
    assert!(
        form.contains("Linje 3 ser ud til at indeholde et CPR-nummer") && form.contains("Foreningen af Nexus-kommuner")
    );
    assert_eq!(app.svc.privacy_policy().await.unwrap(), Default::default(), "nothing saved");
    let hostile = "Formålet er at samle idéer. <script>alert(1)</script> [x](javascript:alert(1))";
    let response = app
        .post_form(
            "/admin/privacy",
            &[("controller", "Foreningen <af> Nexus-kommuner"), ("contact", "dpo@example.dk"), ("text", hostile)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.get_text("/privacy").await;
    assert!(page.contains("Dataansvarlig") && page.contains("Nexus-kommuner"), "{page}");
    assert!(!page.contains("Foreningen <af>"), "the controller is escaped");
    assert!(page.contains("dpo@example.dk") && page.contains("Formålet er at samle idéer."));
    assert!(!page.contains("<script>alert") && !page.contains("javascript:"), "the Markdown is sanitized");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'settings.privacy_policy'").await, 1);

    // The API: everyone signed in reads it, only an administrator writes it.
    let maja = app.token_for(MAJA).await;
    let read: Value = app.api(Method::GET, "/api/v1/privacy", &maja).send().await.unwrap().json().await.unwrap();
    assert_eq!(read["contact"], "dpo@example.dk");
    let body = serde_json::json!({"controller": "Maja", "contact": "", "text": ""});
    let refused = app.api(Method::PUT, "/api/v1/admin/privacy", &maja).json(&body).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let admin = app.token_for(ADMIN).await;
    let long = serde_json::json!({"controller": "x".repeat(201)});
    let refused = app.api(Method::PUT, "/api/v1/admin/privacy", &admin).json(&long).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let array =
        app.api(Method::PUT, "/api/v1/admin/privacy", &admin).json(&serde_json::json!([])).send().await.unwrap();
    assert_eq!(array.status(), StatusCode::BAD_REQUEST, "a body that is no object is refused");
    let saved = app.api(Method::PUT, "/api/v1/admin/privacy", &admin).json(&body).send().await.unwrap();
    assert_eq!(saved.status(), StatusCode::OK);
    assert_eq!(app.svc.privacy_policy().await.unwrap().controller, "Maja");
}

fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut files = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        files.insert(file.name().unwrap().to_string(), text);
    }
    files
}

async fn a_person_gets_a_copy_of_exactly_their_own_data_once(app: TestApp) {
    let maja = app.store.find_login_candidate(MAJA).await.unwrap().unwrap().user.id.0;
    let open = |id: i64| format!("SELECT COUNT(*) FROM data_exports WHERE user_id = {id} AND status <> 'used'");
    // Asked for twice at once: made once.
    app.login_ok(MAJA).await;
    let (a, b) = tokio::join!(app.post_form("/profile/export", &[]), app.post_form("/profile/export", &[]));
    assert_eq!((a.status(), b.status()), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER));
    assert_eq!(count(&app, &open(maja)).await, 1, "one copy asked for");
    let (_, profile) = app.get_text("/profile").await;
    assert!(profile.contains("Kopien af dine data bliver samlet."), "the profile says it is on its way");
    let peter_token = app.token_for(PETER).await;
    let asked = app.api(Method::POST, "/api/v1/me/export", &peter_token).send().await.unwrap();
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let peter_copy = asked.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let early =
        app.api(Method::GET, &format!("/api/v1/me/export/{peter_copy}/download"), &peter_token).send().await.unwrap();
    assert_eq!(early.status(), StatusCode::CONFLICT, "not ready yet: try again shortly");
    assert_eq!(early.json::<Value>().await.unwrap()["error"], "export_not_ready");

    // Two nodes gather at once: each copy is made once.
    let now = app.svc.now();
    let (x, y) = (node_at(&app, now).await, node_at(&app, now).await);
    let gather = |svc: Services| async move {
        let mut made = 0;
        while svc.build_next_export().await.unwrap() {
            made += 1;
        }
        made
    };
    let (mx, my) = tokio::join!(gather(x), gather(y));
    assert_eq!(mx + my, 2, "Maja's and Peter's, once each");

    // Ready: the profile links it; nobody else can take it.
    let (_, profile) = app.get_text("/profile").await;
    let id = count(&app, &format!("SELECT id FROM data_exports WHERE user_id = {maja}")).await;
    assert!(profile.contains(&format!("href=\"/profile/export/{id}\"")), "the profile links the ready copy");
    let stolen = app.api(Method::GET, &format!("/api/v1/me/export/{id}/download"), &peter_token).send().await.unwrap();
    assert_eq!(stolen.status(), StatusCode::NOT_FOUND, "Peter cannot take Maja's copy");

    // Maja downloads it: exactly her data.
    let response = app.get(&format!("/profile/export/{id}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/zip");
    let files = unzip(&response.bytes().await.unwrap());
    assert_eq!(files.keys().collect::<Vec<_>>(), ["idespor-data.json", "index.html"]);
    let json = &files["idespor-data.json"];
    let data: Value = serde_json::from_str(json).unwrap();
    assert_eq!(data["profile"][0]["email"], MAJA);
    let ids = |v: &Value| v.as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect::<Vec<_>>();
    let mut stored: Vec<i64> = app
        .pool
        .texts(&format!("SELECT CAST(id AS TEXT) FROM ideas WHERE author_id = {maja}"), &[])
        .await
        .unwrap()
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    stored.sort_unstable();
    assert_eq!(ids(&data["ideas"]), stored, "her ideas, all of them");
    assert!(!stored.is_empty(), "the demo's Maja has written ideas");
    for (section, sql) in [
        ("comments", format!("SELECT COUNT(*) FROM comments WHERE author_id = {maja}")),
        ("supports", format!("SELECT COUNT(*) FROM idea_supports WHERE user_id = {maja}")),
        ("follows", format!("SELECT COUNT(*) FROM idea_followers WHERE user_id = {maja}")),
        ("notifications", format!("SELECT COUNT(*) FROM notifications WHERE user_id = {maja}")),
        ("sign_ins", format!("SELECT COUNT(*) FROM sign_ins WHERE user_id = {maja}")),
        ("memberships", format!("SELECT COUNT(*) FROM group_members WHERE user_id = {maja}")),
    ] {
        assert_eq!(data[section].as_array().unwrap().len() as i64, count(&app, &sql).await, "{section}");
    }
    // No one else's: no other person's e-mail, and no secret of hers.
    for email in app.pool.texts("SELECT email FROM users", &[]).await.unwrap() {
        if email != MAJA {
            assert!(!json.contains(&email) && !files["index.html"].contains(&email), "{email} is in Maja's copy");
        }
    }
    let hash = app.pool.texts(&format!("SELECT password_hash FROM users WHERE id = {maja}"), &[]).await.unwrap();
    assert!(!json.contains(&hash[0]), "no password hash");
    let page = &files["index.html"];
    assert!(
        page.contains("<html lang=\"da\">")
            && page.contains("Dine data i Idéspor")
            && page.contains("Idéer, du har skrevet")
    );
    assert!(!page.contains("<script"), "the page runs nothing");

    // Once: the second download finds nothing, and the profile offers a new copy.
    assert_eq!(app.get(&format!("/profile/export/{id}")).await.status(), StatusCode::NOT_FOUND);
    let (_, profile) = app.get_text("/profile").await;
    assert!(profile.contains("Bestil en kopi af dine data"));
    assert_eq!(
        count(&app, &format!("SELECT COUNT(*) FROM audit_log WHERE action = 'user.export' AND actor_id = {maja}"))
            .await,
        1
    );

    // Peter's through the API, in English when asked.
    let mine: Value =
        app.api(Method::GET, "/api/v1/me/export", &peter_token).send().await.unwrap().json().await.unwrap();
    assert_eq!(mine["status"], "ready");
    let link = mine["download"].as_str().unwrap().to_string();
    let response = app.api(Method::GET, &link, &peter_token).header("accept-language", "en").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let files = unzip(&response.bytes().await.unwrap());
    assert_eq!(serde_json::from_str::<Value>(&files["idespor-data.json"]).unwrap()["profile"][0]["email"], PETER);
    let gone = app.api(Method::GET, "/api/v1/me/export", &peter_token).send().await.unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND, "used: none waiting");
}

/// Every row of every table, as text: the whole database, as a dump would hold it.
pub(crate) async fn dump(app: &TestApp) -> Vec<String> {
    let mut rows = Vec::new();
    let postgres = app.pool.backend() == idespor_storage::Backend::Postgres;
    let tables = if postgres {
        app.pool
            .texts(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() \
                 AND table_type = 'BASE TABLE'",
                &[],
            )
            .await
            .unwrap()
    } else {
        app.pool
            .texts("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", &[])
            .await
            .unwrap()
    };
    assert!(tables.len() > 30, "{tables:?}");
    for table in tables {
        let sql = if postgres {
            format!("SELECT CAST(t AS TEXT) FROM \"{table}\" t")
        } else {
            let columns = app.pool.texts(&format!("SELECT name FROM pragma_table_info('{table}')"), &[]).await.unwrap();
            let row = columns
                .iter()
                .map(|c| {
                    format!("CASE WHEN typeof(\"{c}\") = 'blob' THEN hex(\"{c}\") ELSE COALESCE(CAST(\"{c}\" AS TEXT), '') END")
                })
                .collect::<Vec<_>>()
                .join(" || '|' || ");
            format!("SELECT {row} FROM \"{table}\"")
        };
        for row in app.pool.texts(&sql, &[]).await.unwrap() {
            rows.push(format!("{table}: {row}"));
        }
    }
    rows
}

async fn erasure_leaves_no_name_or_email_and_keeps_what_the_community_owns(app: TestApp) {
    let person = app.store.find_login_candidate(MAJA).await.unwrap().unwrap().user;
    let (maja, name) = (person.id.0, person.name.clone());
    let org = person.org_id.map(|o| o.0).unwrap();
    let ideas = format!("SELECT COUNT(*) FROM ideas WHERE author_id = {maja}");
    let supports = format!("SELECT COUNT(*) FROM idea_supports WHERE organization_id = {org}");
    let (ideas_before, supports_before) = (count(&app, &ideas).await, count(&app, &supports).await);
    assert!(ideas_before > 0);
    // Her name and e-mail are in the database before: in her row, and in the audit trail once
    // she changes her profile.
    let actor = idespor_domain::service::Actor::new(person.clone());
    let profile = idespor_domain::user::ProfileForm { name: name.clone(), email: MAJA.into(), language: "en".into() };
    app.svc.update_profile(&actor, &profile).await.unwrap();
    let before = dump(&app).await;
    assert!(before.iter().any(|r| r.starts_with("audit_log: ") && r.contains(MAJA)), "the audit trail quotes her");
    assert!(
        before.iter().any(|r| r.starts_with("users: ") && r.contains(MAJA) && r.contains(&name)),
        "the dump finds her"
    );

    // Maja is signed in; Peter may not erase her; the administrator does.
    app.login_ok(MAJA).await;
    let peter = app.token_for(PETER).await;
    let refused = app.api(Method::DELETE, &format!("/api/v1/users/{maja}"), &peter).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let admin = app.token_for(ADMIN).await;
    // Twice at once: erased once.
    let path = format!("/api/v1/users/{maja}");
    let (first, second) =
        tokio::join!(app.api(Method::DELETE, &path, &admin).send(), app.api(Method::DELETE, &path, &admin).send());
    let mut statuses = [first.unwrap().status(), second.unwrap().status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::NO_CONTENT, StatusCode::NOT_FOUND], "one erasure, the other finds it done");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.erase'").await, 1);

    // Her session ended at once; nothing anywhere holds her name or e-mail.
    let response = app.get("/profile").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "signed out at once");
    let after = dump(&app).await;
    let left: Vec<&String> = after.iter().filter(|r| r.contains(MAJA) || r.contains(&name)).collect();
    assert!(left.is_empty(), "still in the database: {left:#?}");
    assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM erasures WHERE user_id = {maja}")).await, 1);
    // What the community owns stays, under "Tidligere bruger" and her organization.
    assert_eq!(count(&app, &ideas).await, ideas_before, "her ideas stay");
    assert_eq!(count(&app, &supports).await, supports_before, "her supports still count for the organization");
    let idea = count(&app, &format!("SELECT MIN(id) FROM ideas WHERE author_id = {maja}")).await;
    app.login_ok(ADMIN).await;
    let (_, page) = app.get_text(&format!("/ideas/{idea}")).await;
    assert!(page.contains("Tidligere bruger"), "the idea shows the former user");
    assert!(app.login(MAJA, "idespor-demo").await.status() != StatusCode::SEE_OTHER, "she cannot sign in");
    let again = app.api(Method::DELETE, &format!("/api/v1/users/{maja}"), &admin).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "erased once");

    // Peter erases himself on his profile: a wrong password changes nothing.
    app.login_ok(PETER).await;
    let wrong = app.post_form("/profile/erase", &[("current_password", "forkert")]).await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(app.store.find_login_candidate(PETER).await.unwrap().is_some(), "still there");
    let right = app.post_form("/profile/erase", &[("current_password", "idespor-demo")]).await;
    assert_eq!(right.status(), StatusCode::SEE_OTHER);
    assert_eq!(right.headers()["location"], "/login?notice=erased");
    assert!(app.store.find_login_candidate(PETER).await.unwrap().is_none(), "his e-mail is gone");

    // The last administrator cannot erase themselves.
    let admins = count(&app, "SELECT COUNT(*) FROM users WHERE is_admin = TRUE AND active = TRUE").await;
    assert_eq!(admins, 1, "the demo has one administrator");
    let last = app
        .api(Method::DELETE, "/api/v1/me", &admin)
        .json(&serde_json::json!({"current_password": "idespor-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(last.status(), StatusCode::CONFLICT);
}

async fn two_administrators_erasing_each_other_at_once_leave_one(app: TestApp) {
    let admin = app.store.find_login_candidate(ADMIN).await.unwrap().unwrap().user.id.0;
    let other = app.store.find_login_candidate(PETER).await.unwrap().unwrap().user.id.0;
    app.pool.execute(&format!("UPDATE users SET is_admin = TRUE WHERE id = {other}")).await.unwrap();
    let (admin_token, other_token) = (app.token_for(ADMIN).await, app.token_for(PETER).await);
    let (a, b) = tokio::join!(
        app.api(Method::DELETE, &format!("/api/v1/users/{other}"), &admin_token).send(),
        app.api(Method::DELETE, &format!("/api/v1/users/{admin}"), &other_token).send()
    );
    let statuses = [a.unwrap().status(), b.unwrap().status()];
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::NO_CONTENT).count(), 1, "{statuses:?}");
    let admins = count(&app, "SELECT COUNT(*) FROM users WHERE is_admin = TRUE AND active = TRUE").await;
    assert_eq!(admins, 1, "one administrator is left");
}

/// A request that began before the person's e-mail changed (another tab, or a parallel API
/// call) still checks the password of that person: schemathesis found DELETE /api/v1/me
/// answering 404 while a parallel PATCH /api/v1/me changed the address.
async fn a_password_is_checked_for_the_person_even_when_their_e_mail_changed_meanwhile(app: TestApp) {
    let person = app.store.find_login_candidate(MAJA).await.unwrap().unwrap().user;
    let stale = idespor_domain::service::Actor::new(person.clone());
    let profile = idespor_domain::user::ProfileForm {
        name: person.name.clone(),
        email: "maja.ny@idespor.test".into(),
        language: "da".into(),
    };
    app.svc.update_profile(&stale, &profile).await.unwrap();

    let wrong = app.svc.change_password(&stale, "forkert kodeord", "et nyt langt kodeord", None).await;
    assert!(matches!(wrong, Err(idespor_domain::DomainError::Invalid(_))), "{wrong:?}");
    app.svc.change_password(&stale, crate::common::PASSWORD, "et nyt langt kodeord", None).await.unwrap();
    app.svc.erase_me(&stale, "et nyt langt kodeord").await.unwrap();
    let erased = app.store.get_user(person.id).await.unwrap().unwrap();
    assert_eq!(erased.name, idespor_domain::user::ERASED_NAME);
}
