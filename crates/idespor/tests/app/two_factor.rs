//! Two-step sign-in (issue 14, item 2b): turned on with a first code, then every sign-in takes a
//! code (each works once) or a recovery code (each works once); wrong codes are throttled; an
//! administrator can require it of administrators.

use crate::common::{Demo, PASSWORD, TestApp};
use crate::privacy::{count, node_at};
use idespor_domain::two_factor::code_at;
use jiff::SignedDuration;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const DEMO: Demo = Demo::Full;
const MAJA: &str = "maja.winther@idespor.test";
const PETER: &str = "peter.hvid@idespor.test";
const ADMIN: &str = "admin@idespor.test";

on_both_backends!(
    two_step_sign_in_takes_each_code_once_and_each_recovery_code_once,
    administrators_can_be_required_to_use_two_step_sign_in,
);

/// A client of its own (its own cookies), as another browser is.
fn browser() -> reqwest::Client {
    crate::common::http().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
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

/// Signs in with the password in a new browser; the browser, now waiting for its code.
async fn password_step(app: &TestApp, email: &str) -> reqwest::Client {
    let client = browser();
    let response = post(&client, app, "/login", "/login", &[("email", email), ("password", PASSWORD)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login/code?next=%2F", "the code comes next");
    client
}

async fn two_step_sign_in_takes_each_code_once_and_each_recovery_code_once(app: TestApp) {
    let maja = app.store.find_login_candidate(MAJA).await.unwrap().unwrap().user.id;
    app.login_ok(MAJA).await;
    let (_, profile) = app.get_text("/profile").await;
    assert!(profile.contains("Slå to-trins-login til"));
    let response = app.post_form("/profile/two-factor", &[]).await;
    assert_eq!(response.headers()["location"], "/profile/two-factor");
    let (_, setup) = app.get_text("/profile/two-factor").await;
    assert!(setup.contains("<svg") && setup.contains("otpauth://totp/"), "a QR code and the app link");
    let secret = app.store.two_factor(maja).await.unwrap().unwrap().secret;
    let grouped = secret.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join(" ");
    assert!(setup.contains(&grouped), "the key to type in, in groups of four");

    // A wrong first code: said beside the field; the right one turns it on and shows ten codes.
    let wrong = if code_at(&secret, app.svc.now()).unwrap() == "000000" { "111111" } else { "000000" };
    let response = app.post_form("/profile/two-factor/confirm", &[("code", wrong)]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("Koden passer ikke."));
    let code = code_at(&secret, app.svc.now()).unwrap();
    let response = app.post_form("/profile/two-factor/confirm", &[("code", &code)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    let recovery: Vec<String> =
        page.split("<code>").skip(1).map(|s| s[..s.find("</code>").unwrap()].to_string()).collect();
    assert_eq!(recovery.len(), 10, "{page}");
    let (_, profile) = app.get_text("/profile").await;
    assert!(profile.contains("Du har 10 gendannelseskoder tilbage."));

    // A new sign-in: the password gives no session, only the code page.
    let sessions = format!("SELECT COUNT(*) FROM sessions WHERE user_id = {}", maja.0);
    let before = count(&app, &sessions).await;
    let other = password_step(&app, MAJA).await;
    assert_eq!(count(&app, &sessions).await, before, "no session before the code");
    let page = other.get(app.url("/login/code")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Maja Winther") && page.contains("autocomplete=\"one-time-code\""));
    assert_eq!(other.get(app.url("/profile")).send().await.unwrap().status(), StatusCode::SEE_OTHER, "not signed in");
    // The code that turned it on is spent; a recovery code signs in, once.
    let response = post(&other, &app, "/login/code", "/login/code", &[("code", &code), ("next", "/")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "a code works once");
    let spaced = recovery[0].to_uppercase();
    let response = post(&other, &app, "/login/code", "/login/code", &[("code", &spaced), ("next", "/")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/");
    assert_eq!(other.get(app.url("/profile")).send().await.unwrap().status(), StatusCode::OK, "signed in");
    let again = password_step(&app, MAJA).await;
    let response = post(&again, &app, "/login/code", "/login/code", &[("code", &recovery[0]), ("next", "/")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "a recovery code works once");
    // The audit trail: the sign-in with its recovery code, and the failed password attempts of
    // nobody (none here); never the code itself.
    let sql = format!(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'user.sign_in' AND actor_id = {} AND details LIKE '%recovery_code%'",
        maja.0
    );
    assert_eq!(count(&app, &sql).await, 1);
    let leaked = format!("SELECT COUNT(*) FROM audit_log WHERE details LIKE '%{}%'", recovery[0]);
    assert_eq!(count(&app, &leaked).await, 0, "no code in the audit trail");

    // A minute and a half later (another node's clock), the app's next code signs in, once,
    // even when sent twice at once.
    let later_at = app.svc.now() + SignedDuration::from_secs(90);
    let later = node_at(&app, later_at).await;
    let next_code = code_at(&secret, later_at).unwrap();
    let (a, b) = (
        later.sign_in(MAJA, PASSWORD, "192.0.2.1").await.unwrap(),
        later.sign_in(MAJA, PASSWORD, "192.0.2.1").await.unwrap(),
    );
    assert!(a.second_step && b.second_step);
    let (first, second) = tokio::join!(
        later.complete_sign_in(&a.session_secret, &next_code),
        later.complete_sign_in(&b.session_secret, &next_code)
    );
    assert_eq!([first.is_ok(), second.is_ok()].iter().filter(|ok| **ok).count(), 1, "{first:?} {second:?}");

    // Five wrong codes, then even the right one waits (the throttle counts per person).
    let c = later.sign_in(MAJA, PASSWORD, "192.0.2.1").await.unwrap();
    let mut last = None;
    for _ in 0..6 {
        last = Some(later.complete_sign_in(&c.session_secret, "123 456").await);
    }
    assert!(matches!(last, Some(Err(idespor_domain::DomainError::RateLimited))), "{last:?}");

    // Off, with the password (a wrong one changes nothing).
    let response = app.post_form("/profile/two-factor/off", &[("current_password", "forkert kodeord")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(app.store.two_factor(maja).await.unwrap().is_some());
    let response = app.post_form("/profile/two-factor/off", &[("current_password", PASSWORD)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(app.store.two_factor(maja).await.unwrap().is_none());
    let plain = browser();
    let response = post(&plain, &app, "/login", "/login", &[("email", MAJA), ("password", PASSWORD)]).await;
    assert_eq!(response.headers()["location"], "/", "the password alone again");
}

async fn send(app: &TestApp, method: Method, path: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
    let mut request = app.api(method, path, token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, serde_json::from_str(&response.text().await.unwrap()).unwrap_or(Value::Null))
}

async fn administrators_can_be_required_to_use_two_step_sign_in(app: TestApp) {
    let admin = app.token_for(ADMIN).await;
    let required = Some(json!({"required": true}));
    let (status, body) = send(&app, Method::PUT, "/api/v1/admin/two-factor", &admin, required.clone()).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::CONFLICT, Some("two_factor_yourself_first")));

    // The administrator turns it on through the API, then requires it.
    let (status, setup) = send(&app, Method::POST, "/api/v1/me/two-factor", &admin, None).await;
    assert_eq!(status, StatusCode::CREATED, "{setup}");
    let secret = setup["secret"].as_str().unwrap().to_string();
    assert!(setup["url"].as_str().unwrap().starts_with("otpauth://totp/"));
    let code = code_at(&secret, app.svc.now()).unwrap();
    let (status, codes) =
        send(&app, Method::POST, "/api/v1/me/two-factor/confirm", &admin, Some(json!({"code": code}))).await;
    assert_eq!(status, StatusCode::OK, "{codes}");
    assert_eq!(codes["recovery_codes"].as_array().unwrap().len(), 10);
    let (status, _) = send(&app, Method::PUT, "/api/v1/admin/two-factor", &admin, required).await;
    assert_eq!(status, StatusCode::OK);
    let (_, now) = send(&app, Method::GET, "/api/v1/admin/two-factor", &admin, None).await;
    assert_eq!(now["required"], true);
    let (status, body) =
        send(&app, Method::DELETE, "/api/v1/me/two-factor", &admin, Some(json!({"current_password": PASSWORD}))).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")), "cannot be turned off");

    // Peter, an administrator without it, acts as a member (API and pages) and is told why.
    let peter = app.store.find_login_candidate(PETER).await.unwrap().unwrap().user.id.0;
    app.pool.execute(&format!("UPDATE users SET is_admin = TRUE WHERE id = {peter}")).await.unwrap();
    let token = app.token_for(PETER).await;
    assert_eq!(send(&app, Method::GET, "/api/v1/users", &token, None).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        send(&app, Method::GET, "/api/v1/users", &admin, None).await.0,
        StatusCode::OK,
        "the administrator with it"
    );
    app.login_ok(PETER).await;
    let (status, _) = app.get_text("/admin").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, page) = app.get_text("/profile").await;
    assert!(page.contains("fællesskabet kræver to-trins-login af administratorer"), "the reason, on every page");
    // Not required any more: Peter is an administrator again.
    let (status, _) =
        send(&app, Method::PUT, "/api/v1/admin/two-factor", &admin, Some(json!({"required": false}))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(send(&app, Method::GET, "/api/v1/users", &token, None).await.0, StatusCode::OK);
}
