//! Single sign-on (issue 14, item 1) against a real OpenID provider: the npm `oidc-provider`
//! package, run by the test on loopback (`tests/oidc/provider.mjs`). A municipal person signs in
//! and lands in the organization their CVR number names; an existing person with the same
//! verified e-mail is linked, never duplicated; an unknown CVR number, a wrong issuer, a wrong
//! audience, an expired or forged token, a replayed state and an answer for another browser are
//! refused with a Danish page and change nothing; a rotated key is fetched; an organization can
//! require single sign-on; signing out ends the provider's session too.

use crate::common::{Demo, PASSWORD, TestApp, free_port, skip};
use crate::privacy::count;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

const DEMO: Demo = Demo::Community;
const CLIENT_ID: &str = "idespor-test";
const CLIENT_SECRET: &str = "a-client-secret-for-the-tests";
/// Mette Kragh coordinates Erfagruppe Nord, which Aalborg (code 851) belongs to.
const COORDINATOR: &str = "mette.kragh@idespor.test";
const AALBORG: &str = "851";

on_both_backends!(
    a_municipal_person_signs_in_through_the_provider_and_lands_in_their_organization,
    a_provider_answer_that_is_not_right_is_refused_and_changes_nothing,
    an_organization_can_require_single_sign_on,
    an_administrator_keeps_a_provider_in_the_administration,
    providers_added_at_once_are_all_kept,
);

/// The provider process, ended when dropped.
struct OidcProvider {
    child: Child,
    issuer: String,
    http: reqwest::Client,
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn provider_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/oidc")
}

impl OidcProvider {
    /// Starts the provider for an Idéspor at `base`, or says loudly why it cannot (no Node.js,
    /// or its packages not installed: `npm ci --prefix tests/oidc`).
    fn start(base: &str) -> Option<OidcProvider> {
        let dir = provider_dir();
        if !dir.join("node_modules/oidc-provider").exists() {
            skip("single sign-on tests", "tests/oidc/node_modules is missing (run: npm ci --prefix tests/oidc)");
            return None;
        }
        let child = Command::new("node")
            .arg(dir.join("provider.mjs"))
            .env("CLIENT_ID", CLIENT_ID)
            .env("CLIENT_SECRET", CLIENT_SECRET)
            .env("REDIRECT_URIS", format!("{base}/login/sso/broker/callback"))
            .env("POST_LOGOUT_URIS", format!("{base}/login?notice=signed_out"))
            .stdout(Stdio::piped())
            .stderr(
                std::fs::File::create(std::env::temp_dir().join("idespor-oidc-provider.log"))
                    .map(Stdio::from)
                    .unwrap_or_else(|_| Stdio::null()),
            )
            .spawn();
        let mut child = match child {
            Ok(child) => child,
            Err(e) => {
                skip("single sign-on tests", &format!("node cannot be started: {e}"));
                return None;
            }
        };
        let mut line = String::new();
        let mut out = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        out.read_line(&mut line).expect("the provider starts");
        // The provider keeps writing notices to its standard output: read them, or it dies of
        // a closed pipe.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        let ready: Value = serde_json::from_str(&line).unwrap_or_else(|_| panic!("the provider says: {line}"));
        let issuer = ready["issuer"].as_str().expect("issuer").to_string();
        let http = crate::common::http().build().unwrap();
        Some(OidcProvider { child, issuer, http })
    }

    fn config(&self) -> idespor_web::sso::SsoProviderConfig {
        let toml = format!(
            "id = \"broker\"\nname = \"MitID Erhverv\"\nissuer = \"{}\"\nclient_id = \"{CLIENT_ID}\"\n\
             client_secret = \"{CLIENT_SECRET}\"\ncvr_claim = \"nemlogin.cvr\"\n",
            self.issuer
        );
        toml::from_str(&toml).expect("a provider's configuration")
    }

    /// The person who signs in next.
    async fn next(&self, claims: Value) {
        let r = self.http.post(format!("{}/test/next", self.issuer)).json(&claims).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }

    async fn mischief(&self, mode: &str) {
        let r = self.http.post(format!("{}/test/mischief", self.issuer)).json(&json!({ "mode": mode })).send().await;
        assert_eq!(r.unwrap().status(), StatusCode::NO_CONTENT);
    }
}

/// Idéspor again on the same database, on a port known beforehand, with the provider running
/// but not in the configuration file (an administrator adds it).
async fn with_provider_unconfigured(app: TestApp) -> Option<(TestApp, OidcProvider)> {
    let (mut db, _) = app.stop();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let provider = OidcProvider::start(&base)?;
    db.config.bind = format!("127.0.0.1:{port}");
    db.config.public_url = base;
    db.config.sso = Vec::new();
    Some((TestApp::start(db, Demo::None).await, provider))
}

/// Idéspor again on the same database, on a port known beforehand, with the provider configured.
async fn with_provider(app: TestApp) -> Option<(TestApp, OidcProvider)> {
    let (mut db, _) = app.stop();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let provider = OidcProvider::start(&base)?;
    db.config.bind = format!("127.0.0.1:{port}");
    db.config.public_url = base;
    db.config.sso = vec![provider.config()];
    Some((TestApp::start(db, Demo::None).await, provider))
}

/// Begins a sign-in on Idéspor's sign-in page and goes through the provider (whose browser
/// state is the provider's own client); the provider's answer, not yet given to Idéspor.
async fn through_provider(app: &TestApp, provider: &OidcProvider) -> String {
    let (_, login) = app.get_text("/login").await;
    assert!(login.contains("Log ind med MitID Erhverv"), "the sign-in page offers the provider");
    let start = app.post_form("/login/sso/broker", &[("next", "/ideas")]).await;
    assert_eq!(start.status(), StatusCode::SEE_OTHER);
    let mut location = start.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(&provider.issuer), "to the provider: {location}");
    assert!(location.contains("code_challenge_method=S256") && location.contains("nonce="), "PKCE and nonce");
    // A new browser session at the provider each time (as after signing out there).
    let browser = crate::common::http().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    for _ in 0..10 {
        if location.starts_with(&app.base) {
            return location;
        }
        let url = if location.starts_with('/') { format!("{}{location}", provider.issuer) } else { location };
        let r = browser.get(&url).send().await.unwrap();
        assert!(r.status().is_redirection(), "the provider at {url} answered {}", r.status());
        location = r.headers()["location"].to_str().unwrap().to_string();
    }
    panic!("the provider never sent the browser back");
}

async fn sign_in(app: &TestApp, provider: &OidcProvider, claims: Value) -> reqwest::Response {
    provider.next(claims).await;
    let callback = through_provider(app, provider).await;
    app.client.get(&callback).send().await.unwrap()
}

async fn aalborg_sso_required(app: &TestApp) -> bool {
    aalborg(app).await.sso_required
}

async fn aalborg(app: &TestApp) -> idespor_domain::org::Organization {
    app.store.find_organization_by_code(AALBORG).await.unwrap().expect("Aalborg")
}

async fn a_municipal_person_signs_in_through_the_provider_and_lands_in_their_organization(app: TestApp) {
    let Some((app, provider)) = with_provider(app).await else { return };
    let aalborg = aalborg(&app).await;
    let cvr = aalborg.cvr.clone().expect("the reference data gives Aalborg its CVR number");
    let coordinator = app.store.find_login_candidate(COORDINATOR).await.unwrap().unwrap().user.id;
    let told_before = count(
        &app,
        &format!("SELECT COUNT(*) FROM notifications WHERE user_id = {} AND kind = 'new_person'", coordinator.0),
    )
    .await;

    // A first sign-in creates the person in the organization the CVR number names.
    let claims = json!({"sub": "aalborg-0001", "email": "Signe.Skov@Aalborg.dk", "email_verified": true,
                        "name": "Signe Skov", "nemlogin.cvr": format!("DK{cvr}")});
    let r = sign_in(&app, &provider, claims.clone()).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/ideas", "back where the person was going");
    let (status, page) = app.get_text("/profile").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Signe Skov"), "signed in as the new person");
    assert!(page.contains("Du logger ind via din arbejdsplads") && page.contains("MitID Erhverv"), "{page}");
    let signe = app.store.find_login_candidate("signe.skov@aalborg.dk").await.unwrap().expect("created").user;
    assert_eq!(signe.org_id, Some(aalborg.id), "in Aalborg Kommune");
    assert!(!signe.has_password, "no password: the provider signs them in");
    assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM group_members WHERE user_id = {}", signe.id.0)).await, 0);
    let told_after = count(
        &app,
        &format!("SELECT COUNT(*) FROM notifications WHERE user_id = {} AND kind = 'new_person'", coordinator.0),
    )
    .await;
    assert_eq!(told_after, told_before + 1, "Erfagruppe Nord's coordinator is told");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.sso_create'").await, 1);

    // The same person again: the same account, not a second one.
    app.post_form("/logout", &[]).await;
    let r = sign_in(&app, &provider, claims).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users WHERE email = 'signe.skov@aalborg.dk'").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sso_identities").await, 1);

    // Signing out ends the provider's session too.
    let out = app.post_form("/logout", &[]).await;
    let to = out.headers()["location"].to_str().unwrap();
    assert!(to.starts_with(&format!("{}/session/end?", provider.issuer)), "to the provider's sign-out: {to}");
    assert!(to.contains(&format!("client_id={CLIENT_ID}")));
    assert_eq!(app.get("/profile").await.status(), StatusCode::SEE_OTHER, "the local session is gone");

    // A person who has a password account with the same verified e-mail is linked, not duplicated.
    let mette = app.store.find_login_candidate(COORDINATOR).await.unwrap().unwrap().user;
    let mette_claims = json!({"sub": "aalborg-0002", "email": COORDINATOR, "email_verified": true,
                              "name": "Mette K.", "nemlogin.cvr": cvr});
    let r = sign_in(&app, &provider, mette_claims).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM users WHERE email = '{COORDINATOR}'")).await, 1);
    let linked = count(&app, &format!("SELECT COUNT(*) FROM sso_identities WHERE user_id = {}", mette.id.0)).await;
    assert_eq!(linked, 1, "linked to the existing account");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.sso_link'").await, 1);

    // A key rotation at the provider: the new key is fetched, and the sign-in works.
    app.post_form("/logout", &[]).await;
    provider.mischief("rotated").await;
    let r = sign_in(&app, &provider, json!({"sub": "aalborg-0001", "nemlogin.cvr": cvr})).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "signed with the new key");

    // A person with two-step sign-in gives their code after the provider too.
    app.post_form("/logout", &[]).await;
    let now = app.svc.now();
    app.store.start_two_factor(signe.id, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", now).await.unwrap();
    let audit = idespor_domain::audit::AuditEntry::new(now, Some(signe.id), "two_factor.on", "user");
    app.store.confirm_two_factor(signe.id, 0, &[], audit).await.unwrap();
    let r = sign_in(&app, &provider, json!({"sub": "aalborg-0001", "nemlogin.cvr": cvr})).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/login/code?next=%2Fideas", "the code comes next");
    assert_eq!(app.get("/profile").await.status(), StatusCode::SEE_OTHER, "not signed in before the code");
}

/// A refused answer: a Danish page with the reason, the way back, and no session.
async fn assert_refused(app: &TestApp, r: reqwest::Response, status: StatusCode, reason: &str) {
    assert_eq!(r.status(), status);
    assert!(r.headers().get("set-cookie").is_none_or(|c| !c.to_str().unwrap().starts_with("idespor_session=")));
    let page = r.text().await.unwrap();
    assert!(page.contains("Du blev ikke logget ind"), "{page}");
    assert!(page.contains(reason), "expected {reason:?} in {page}");
    assert!(page.contains("href=\"/login\""));
    assert_eq!(app.get("/profile").await.status(), StatusCode::SEE_OTHER, "not signed in");
}

async fn a_provider_answer_that_is_not_right_is_refused_and_changes_nothing(app: TestApp) {
    let Some((app, provider)) = with_provider(app).await else { return };
    let cvr = aalborg(&app).await.cvr.unwrap();
    let users_before = count(&app, "SELECT COUNT(*) FROM users").await;
    let person = |sub: &str| json!({"sub": sub, "email": format!("{sub}@aalborg.dk"), "email_verified": true, "nemlogin.cvr": cvr});
    let token_refused = "kunne ikke godkendes";

    for mode in ["iss", "aud", "exp", "forged"] {
        provider.mischief(mode).await;
        let r = sign_in(&app, &provider, person(&format!("bad-{mode}"))).await;
        assert_refused(&app, r, StatusCode::FORBIDDEN, token_refused).await;
    }

    // An unknown CVR number: a clear Danish page, nobody created.
    let r = sign_in(
        &app,
        &provider,
        json!({"sub": "x", "email": "x@firma.dk", "email_verified": true,
                                             "nemlogin.cvr": "99999999"}),
    )
    .await;
    assert_refused(&app, r, StatusCode::FORBIDDEN, "Din organisation er ikke med i Idéspor").await;

    // A state used once cannot be used again (a replay).
    provider.next(person("replay")).await;
    let callback = through_provider(&app, &provider).await;
    assert_eq!(app.client.get(&callback).send().await.unwrap().status(), StatusCode::SEE_OTHER);
    app.post_form("/logout", &[]).await;
    let again = app.client.get(&callback).send().await.unwrap();
    assert_refused(&app, again, StatusCode::BAD_REQUEST, "allerede brugt eller er udløbet").await;

    // An answer for a sign-in another browser began is refused (and uses that attempt up).
    provider.next(person("victim")).await;
    let callback = through_provider(&app, &provider).await;
    let other_browser =
        crate::common::http().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = other_browser.get(&callback).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("startet i en anden browser"));
    let r = app.client.get(&callback).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "the attempt is used up");

    // A made-up state.
    let r = app.client.get(app.url("/login/sso/broker/callback?code=x&state=made-up")).send().await.unwrap();
    assert_refused(&app, r, StatusCode::BAD_REQUEST, "allerede brugt eller er udløbet").await;

    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, users_before + 1, "only the replay's person");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sso_attempts").await, 0, "every attempt was used up");
}

async fn an_organization_can_require_single_sign_on(app: TestApp) {
    let Some((app, provider)) = with_provider(app).await else { return };
    let aalborg = aalborg(&app).await;
    let admin = app.token_for(crate::common::ADMIN).await;
    // Mette is signed in with her password when the requirement comes: that session ends.
    app.login_ok(COORDINATOR).await;
    assert_eq!(app.get("/profile").await.status(), StatusCode::OK);
    let r = app
        .api(reqwest::Method::PUT, &format!("/api/v1/organizations/{}/sso", aalborg.id.0), &admin)
        .json(&json!({"required": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.get("/profile").await.status(), StatusCode::SEE_OTHER, "her password session ended");
    // Mette Kragh (Aalborg) can no longer sign in with her password: told why, after the
    // right password only.
    let wrong = app.login(COORDINATOR, "not-her-password").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let right = app.login(COORDINATOR, PASSWORD).await;
    assert_eq!(right.status(), StatusCode::FORBIDDEN);
    assert!(right.text().await.unwrap().contains("Din organisation bruger log ind via arbejdspladsen"));
    // Through the provider she can.
    let cvr = aalborg.cvr.unwrap();
    let r = sign_in(
        &app,
        &provider,
        json!({"sub": "mette", "email": COORDINATOR, "email_verified": true,
                                             "nemlogin.cvr": cvr}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let org: Value = app
        .api(reqwest::Method::GET, &format!("/api/v1/organizations/{}", aalborg.id.0), &admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(org["organization"]["sso_required"], true);
    // The administration shows the provider (with the address to register) and the requirement.
    app.post_form("/logout", &[]).await;
    app.login_ok(crate::common::ADMIN).await;
    let (_, admin_page) = app.get_text("/admin").await;
    assert!(admin_page.contains(&format!("{}/login/sso/broker/callback", app.base)), "the redirect URI to register");
    assert!(admin_page.contains("CVR-nummer i claim nemlogin.cvr"));
    let org_path = format!("/admin/organizations/{}", aalborg.id.0);
    let (_, org_page) = app.get_text(&org_path).await;
    assert!(org_page.contains("id=\"sso-required\" name=\"required\" aria-describedby=\"sso-required-hint\" checked"));
    // Turned off on the page: the password works again.
    let r = app.post_form(&format!("{org_path}/sso"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(!aalborg_sso_required(&app).await);
    app.post_form("/logout", &[]).await;
    app.login_ok(COORDINATOR).await;
    let r = app.post_form(&format!("{org_path}/sso"), &[("required", "on")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "only administrators decide");
    assert!(!aalborg_sso_required(&app).await);
    app.post_form("/logout", &[]).await;

    // Someone else's organization: only administrators decide.
    let member = app.token_for(crate::common::MEMBER).await;
    let r = app
        .api(reqwest::Method::PUT, &format!("/api/v1/organizations/{}/sso", aalborg.id.0), &member)
        .json(&json!({"required": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // An unverified e-mail of an existing person is not linked.
    app.post_form("/logout", &[]).await;
    let r = sign_in(
        &app,
        &provider,
        json!({"sub": "not-maja", "email": crate::common::MEMBER,
                                             "email_verified": false, "nemlogin.cvr": cvr}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("bekræfter ikke adressen"));
    // A verified e-mail of a person in another organization is not linked either (a provider
    // for Aalborg does not get another municipality's person).
    let maja = app.store.find_login_candidate(crate::common::MEMBER).await.unwrap().unwrap().user;
    assert_ne!(maja.org_id, Some(aalborg.id));
    let r = sign_in(
        &app,
        &provider,
        json!({"sub": "maja-at-aalborg", "email": crate::common::MEMBER,
                                             "email_verified": true, "nemlogin.cvr": cvr}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("i en anden organisation"));
    assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM sso_identities WHERE user_id = {}", maja.id.0)).await, 0);
}

async fn an_administrator_keeps_a_provider_in_the_administration(app: TestApp) {
    let Some((app, provider)) = with_provider_unconfigured(app).await else { return };
    let cvr = aalborg(&app).await.cvr.unwrap();
    let (_, login) = app.get_text("/login").await;
    assert!(!login.contains("Log ind med MitID Erhverv"), "no provider yet");
    let body = json!({"name": "MitID Erhverv", "issuer": provider.issuer, "client_id": CLIENT_ID,
                      "client_secret": CLIENT_SECRET, "cvr_claim": "nemlogin.cvr"});

    // Only an administrator keeps providers.
    let member = app.token_for(COORDINATOR).await;
    let r =
        app.api(reqwest::Method::PUT, "/api/v1/admin/sso-providers/broker", &member).json(&body).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM community_settings WHERE name = 'sso_providers'").await, 0);

    // In the administration: mistakes come back with the input kept, beside each field, in
    // Danish, and the secret typed is not written back into the page.
    app.login_ok(crate::common::ADMIN).await;
    let (status, _) = app.get_text("/admin/sso/new").await;
    assert_eq!(status, StatusCode::OK);
    let wrong = [
        ("provider_id", "Mægler!"),
        ("name", "MitID Erhverv"),
        ("issuer", "http://broker.example.org"),
        ("client_id", CLIENT_ID),
        ("client_secret", "typed-secret-not-to-be-echoed"),
        ("scopes", "email profile"),
        ("cvr_claim", "nemlogin.cvr"),
        ("tenants", "en-lejer = 851\nuden lighedstegn"),
    ];
    let r = app.post_form("/admin/sso", &wrong).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    for message in [
        "Brug 1–40 tegn af a–z, 0–9 og -.",
        "Adressen skal begynde med https://.",
        "Scopes skal indeholde openid.",
        "Brug enten CVR-krav eller lejere",
        "Skriv én lejer pr. linje",
    ] {
        assert!(page.contains(message), "{message:?} in the page");
    }
    assert!(page.contains("value=\"Mægler!\"") && page.contains("uden lighedstegn"), "the input is kept");
    assert!(!page.contains("typed-secret-not-to-be-echoed"), "the secret is not shown again");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM community_settings WHERE name = 'sso_providers'").await,
        0,
        "nothing kept"
    );

    let right = [
        ("provider_id", "broker"),
        ("name", "MitID Erhverv"),
        ("issuer", provider.issuer.as_str()),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
        ("scopes", "openid email profile"),
        ("cvr_claim", "nemlogin.cvr"),
    ];
    let r = app.post_form("/admin/sso", &right).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/admin?notice=saved");
    let (_, admin) = app.get_text("/admin").await;
    assert!(admin.contains("href=\"/admin/sso/broker\""), "listed, to be changed");
    assert!(admin.contains(&format!("{}/login/sso/broker/callback", app.base)), "with the address to register");
    let (_, edit) = app.get_text("/admin/sso/broker").await;
    assert!(!edit.contains(CLIENT_SECRET), "the secret is never shown again");
    // The same id again is refused.
    let r = app.post_form("/admin/sso", &right).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("Der er allerede en udbyder med det id."));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'sso.provider_added'").await, 1);
    let secret_in_audit = format!("SELECT COUNT(*) FROM audit_log WHERE details LIKE '%{CLIENT_SECRET}%'");
    assert_eq!(count(&app, &secret_in_audit).await, 0, "the audit trail never holds the secret");
    app.post_form("/logout", &[]).await;

    // People sign in through it at once (the provider is read from the database).
    let person = json!({"sub": "kept-0001", "email": "ulla@aalborg.dk", "email_verified": true,
                        "name": "Ulla Bach", "nemlogin.cvr": cvr});
    let r = sign_in(&app, &provider, person.clone()).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "signed in through the kept provider");
    let ulla = app.store.find_login_candidate("ulla@aalborg.dk").await.unwrap().expect("created").user;
    assert_eq!(ulla.org_id, Some(aalborg(&app).await.id));
    app.post_form("/logout", &[]).await;

    // Over the API: renamed without sending the secret again; the stored one is kept (the token
    // exchange needs it), and the API never shows it.
    let admin = app.token_for(crate::common::ADMIN).await;
    let mut renamed = body.clone();
    renamed["name"] = json!("MitID Erhverv (mægler)");
    renamed["client_secret"] = json!("");
    let r = app
        .api(reqwest::Method::PUT, "/api/v1/admin/sso-providers/broker", &admin)
        .json(&renamed)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = app.api(reqwest::Method::GET, "/api/v1/admin/sso-providers", &admin).send().await.unwrap();
    let listed = r.text().await.unwrap();
    assert!(!listed.contains(CLIENT_SECRET), "{listed}");
    let listed: Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed[0]["name"], "MitID Erhverv (mægler)");
    assert_eq!(listed[0]["has_client_secret"], true);
    let (_, login) = app.get_text("/login").await;
    assert!(login.contains("Log ind med MitID Erhverv (mægler)"));
    // The code is exchanged with the kept secret: a whole sign-in works.
    let r = sign_in(&app, &provider, person).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the secret kept signs in");
    assert_eq!(r.headers()["location"], "/ideas");
    app.post_form("/logout", &[]).await;
    let invalid = json!({"name": "", "issuer": "ftp://x", "client_id": ""});
    let r = app
        .api(reqwest::Method::PUT, "/api/v1/admin/sso-providers/broker", &admin)
        .json(&invalid)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Value = r.json().await.unwrap();
    let named: Vec<&str> = fields["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert!(named.contains(&"name") && named.contains(&"issuer") && named.contains(&"client_id"), "{named:?}");

    // Removed: no longer offered, and a sign-in through it is refused with a Danish page.
    let r = app.api(reqwest::Method::DELETE, "/api/v1/admin/sso-providers/broker", &admin).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = app.api(reqwest::Method::DELETE, "/api/v1/admin/sso-providers/broker", &admin).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (_, login) = app.get_text("/login").await;
    assert!(!login.contains("Log ind med MitID Erhverv"));
    let r = app.post_form("/login/sso/broker", &[("next", "/")]).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("Du blev ikke logget ind"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'sso.provider_removed'").await, 1);
}

/// Administrators adding providers at the same moment: every one is kept (the list is written
/// only over the list each change was made from).
async fn providers_added_at_once_are_all_kept(app: TestApp) {
    let admin = app.store.find_login_candidate(crate::common::ADMIN).await.unwrap().unwrap().user;
    let actor = idespor_domain::service::Actor::new(admin);
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let svc = app.svc.clone();
            let actor = actor.clone();
            tokio::spawn(async move {
                let form = idespor_domain::sso::ProviderForm {
                    provider_id: format!("broker-{i}"),
                    name: format!("Mægler {i}"),
                    issuer: format!("https://broker-{i}.example.org"),
                    client_id: "idespor".into(),
                    client_secret: format!("secret-{i}"),
                    cvr_claim: "nemlogin.cvr".into(),
                    ..Default::default()
                };
                svc.save_sso_provider(&actor, &form, &[], true).await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().expect("each is kept");
    }
    let kept = app.svc.stored_sso_providers().await.unwrap();
    let mut ids: Vec<String> = kept.iter().map(|p| p.id.clone()).collect();
    ids.sort();
    assert_eq!(ids, (0..8).map(|i| format!("broker-{i}")).collect::<Vec<_>>());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'sso.provider_added'").await, 8);
    // An id of the configuration file's is refused.
    let form = idespor_domain::sso::ProviderForm {
        provider_id: "kl".into(),
        name: "KL".into(),
        issuer: "https://kl.example.org".into(),
        client_id: "x".into(),
        scopes: "openid".into(),
        ..Default::default()
    };
    match app.svc.save_sso_provider(&actor, &form, &["kl".to_string()], true).await {
        Err(idespor_domain::DomainError::Invalid(errors)) => {
            assert_eq!(errors.error_for("provider_id").map(|e| e.code), Some("sso_id_configured"))
        }
        other => panic!("expected the id to be refused, got {other:?}"),
    }
}
