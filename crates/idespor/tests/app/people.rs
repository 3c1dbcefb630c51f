//! People in bulk (issue 14, item 3): a file previewed line by line (created, changed,
//! unchanged, refused with the reason beside the column), then imported all or nothing, new
//! people invited by mail through the outbox; everyone exported in the same format, which
//! imports back unchanged. In the browser and the API, administrators only.

use crate::common::{ADMIN, Demo, MEMBER, TestApp};
use crate::privacy::count;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const DEMO: Demo = Demo::Community;

on_both_backends!(a_people_file_is_previewed_then_imported_all_or_nothing, people_export_imports_back_unchanged,);

const GOOD: &str = "navn;email;organisation;grupper;roller\n\
    Ny Person;ny.person@varde.dk;573;Erfagruppe Syd:tovholder;\n\
    Maja Winther-Holm;maja.winther@idespor.test;573;Erfagruppe Syd;\n";

async fn a_people_file_is_previewed_then_imported_all_or_nothing(app: TestApp) {
    let users_before = count(&app, "SELECT COUNT(*) FROM users").await;
    let bad = format!(
        "{GOOD}Ukendt Sted;ukendt@sted.dk;999;;\nDobbelt;ny.person@varde.dk;573;;\nForkert Rolle;rolle@varde.dk;573;Ingen gruppe:formand;superbruger\n"
    );
    app.login_ok(ADMIN).await;
    let (status, page) = app.get_text("/admin/people/import").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Importér personer"));

    // The preview says what each line would do; nothing is written.
    let r = app.post_form("/admin/people/import/preview", &[("csv", &bad)]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let preview = r.text().await.unwrap();
    assert!(preview.contains("Oprettes og får en invitation på mail"), "{preview}");
    assert!(preview.contains("Ændres: Navn"), "maja's new name");
    assert!(
        preview.contains("Organisation: Ingen organisation har den kode, det CVR-nummer eller det navn."),
        "{preview}"
    );
    assert!(preview.contains("Den e-mailadresse står på en tidligere linje"));
    assert!(preview.contains("Rollen i gruppen skal være tovholder eller medlem"));
    assert!(preview.contains("3 linjer er afvist"));
    assert!(!preview.contains("action=\"/admin/people/import\""), "no import button while lines are refused");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, users_before);

    // Importing anyway writes nothing and comes back with the preview and the text.
    let r = app.post_form("/admin/people/import", &[("csv", &bad)]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("Intet er importeret"));
    assert!(page.contains("Ukendt Sted;ukendt@sted.dk"), "the text is kept");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, users_before);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users WHERE name = 'Maja Winther-Holm'").await, 0);

    // The good lines: all of them.
    let r = app.post_form("/admin/people/import/preview", &[("csv", GOOD)]).await;
    assert!(r.text().await.unwrap().contains("Importér (1 nye, 1 ændrede)"));
    let r = app.post_form("/admin/people/import", &[("csv", GOOD)]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Importeret: 1 oprettet, 1 ændret."));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, users_before + 1);
    let new = app.store.find_login_candidate("ny.person@varde.dk").await.unwrap().expect("created").user;
    assert!(!new.has_password);
    let coordinating = count(
        &app,
        &format!(
            "SELECT COUNT(*) FROM group_members m JOIN community_groups g ON g.id = m.group_id \
             WHERE m.user_id = {} AND g.name = 'Erfagruppe Syd' AND m.role = 'coordinator'",
            new.id.0
        ),
    )
    .await;
    assert_eq!(coordinating, 1, "a coordinator of Erfagruppe Syd");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users WHERE name = 'Maja Winther-Holm'").await, 1);
    // The invitation is a mail in the outbox whose link lets them choose a password.
    let reset = count(
        &app,
        &format!("SELECT MAX(password_reset_id) FROM outbox WHERE kind = 'invitation' AND user_id = {}", new.id.0),
    )
    .await;
    assert!(reset > 0, "an invitation in the outbox");
    let (_, path, _) = app.svc.password_reset_mail(reset).await.unwrap().expect("a link that works");
    app.post_form("/logout", &[]).await;
    let (status, form) = app.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Ny Person"), "{form}");

    // The API: the same rules; members may not.
    let admin = app.token_for(ADMIN).await;
    let r = app
        .api(Method::POST, "/api/v1/people/import", &admin)
        .json(&json!({"csv": "navn;email;organisation\nX;x@varde.dk;999\n", "dry_run": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["imported"], false);
    assert_eq!(body["rows"][0]["action"], "refused");
    assert_eq!(body["rows"][0]["errors"][0]["code"], "organization_not_found");
    let r = app
        .api(Method::POST, "/api/v1/people/import", &admin)
        .json(&json!({"csv": "navn;email;organisation\nX;x@varde.dk;999\n"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r =
        app.api(Method::POST, "/api/v1/people/import", &admin).json(&json!({"csv": "navn;email\nX;x@y.dk\n"})).send();
    assert_eq!(r.await.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY, "no organization column");
    let member = app.token_for(MEMBER).await;
    let r = app.api(Method::POST, "/api/v1/people/import", &member).json(&json!({"csv": GOOD})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, users_before + 1);
}

async fn people_export_imports_back_unchanged(app: TestApp) {
    let admin = app.token_for(ADMIN).await;
    let r = app.api(Method::GET, "/api/v1/people/export", &admin).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = r.text().await.unwrap();
    assert!(csv.starts_with("\u{feff}navn;email;organisation;grupper;roller"), "{csv}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("Mette Kragh;mette.kragh@idespor.test;851;")
                && l.contains("Erfagruppe Nord:tovholder"))
    );
    assert!(csv.lines().any(|l| l.contains("admin@idespor.test") && l.ends_with(";administrator")));
    let people = count(&app, "SELECT COUNT(*) FROM users WHERE active = TRUE").await;
    assert_eq!(csv.lines().count() as i64, people + 1, "everyone and the header");
    let r = app
        .api(Method::POST, "/api/v1/people/import", &admin)
        .json(&json!({"csv": csv, "dry_run": true}))
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["unchanged"].as_i64(), Some(people), "{body}");
    assert_eq!(body["created"], 0);
    assert_eq!(body["updated"], 0);
    assert_eq!(body["refused"], 0);
    // The administration's download is the same file.
    app.login_ok(ADMIN).await;
    let r = app.get("/admin/people/export.csv").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.text().await.unwrap(), csv);
}
