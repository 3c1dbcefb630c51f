//! The administration warns while the idea's journey lacks something (issue 14, item 4): a
//! group of each kind, a coordinator in every group.

use crate::common::{Demo, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::Value;

const DEMO: Demo = Demo::Full;
const ADMIN: &str = "admin@idespor.test";

on_both_backends!(the_administration_says_what_the_journey_lacks_until_it_is_fixed);

async fn warnings(app: &TestApp, token: &str) -> Vec<Value> {
    let response = app.api(Method::GET, "/api/v1/admin/setup", token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json::<Vec<Value>>().await.unwrap()
}

async fn the_administration_says_what_the_journey_lacks_until_it_is_fixed(app: TestApp) {
    let admin = app.token_for(ADMIN).await;
    assert!(warnings(&app, &admin).await.is_empty(), "the demo lacks nothing");
    app.login_ok(ADMIN).await;
    let (_, page) = app.get_text("/admin").await;
    assert!(!page.contains("Det mangler fællesskabet endnu"));

    // Erfagruppe Syd loses its coordinators: named, with the way to fix it.
    let syd = app.store.find_group_by_name("Erfagruppe Syd").await.unwrap().unwrap().id.0;
    app.pool.execute(&format!("UPDATE group_members SET role = 'member' WHERE group_id = {syd}")).await.unwrap();
    let list = warnings(&app, &admin).await;
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!((list[0]["code"].as_str(), list[0]["group_id"].as_i64()), (Some("no_coordinator"), Some(syd)));
    let (_, page) = app.get_text("/admin").await;
    assert!(page.contains("Erfagruppe Syd har ingen tovholder"), "the page names the group");
    assert!(page.contains(&format!("href=\"/admin/groups/{syd}\"")), "and links to it");

    // Not for members.
    let member = app.token_for("maja.winther@idespor.test").await;
    let refused = app.api(Method::GET, "/api/v1/admin/setup", &member).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}
