//! Input that tries to break it, on SQLite and PostgreSQL: markup and script, `javascript:` and
//! `data:` links, bidi and zero-width characters, NUL bytes, floods of combining characters, SQL
//! fragments, very long words and megabyte fields, sent through every text field of the forms
//! and of the JSON API; plus broken UTF-8 as raw bytes and bodies over the limit.
//!
//! For every input: never a 5xx; it is stored exactly (trimmed, as every field is) or refused
//! cleanly exactly when the domain's text rule (`idespor_domain::text::problem`) says so: 422
//! with a stable code in the API, the form back with the Danish message and the text kept on
//! the pages; a refused input changes nothing; and every page (and feed) that shows a stored
//! input shows it inert, read back by an HTML tokenizer the way a browser reads it.

use crate::common::{ADMIN, Demo, TestApp};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use idespor_domain::idea::{IdeaForm, Move};
use idespor_domain::service::Actor;
use idespor_domain::{GroupId, IdeaId};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::cell::RefCell;

const DEMO: Demo = Demo::Full;

const MAJA: &str = "maja.winther@idespor.test"; // Varde, Erfagruppe Syd
const HANNE: &str = "hanne.bro@idespor.test"; // tovholder for Erfagruppe Syd
const LONE: &str = "lone.kjaergaard@idespor.test"; // produktmanager
const PERNILLE: &str = "pernille.frost@idespor.test"; // tovholdergruppen

on_both_backends!(
    every_idea_field_comment_and_move_reason,
    every_meeting_agenda_minutes_guest_and_decision_field,
    every_community_admin_release_and_round_field,
    broken_utf8_oversize_bodies_and_hostile_queries,
    every_moderation_reason,
);

/// The hostile inputs, by name.
fn corpus() -> Vec<(&'static str, String)> {
    vec![
        ("script", "<script>alert(1)</script>".into()),
        ("img-onerror", "\"><img src=x onerror=alert(1)>".into()),
        (
            "markdown-links",
            "[x](javascript:alert(1)) [y](data:text/html,<script>alert(1)</script>) ![z](javascript:alert(2))".into(),
        ),
        (
            "data-link",
            "<a href=\"data:text/html,<script>alert(1)</script>\">klik</a> <a href=\"javascript:alert(1)\">her</a>"
                .into(),
        ),
        (
            "bidi-zero-width",
            "Idé \u{202E}fdp.exe\u{202C} \u{2066}isoleret\u{2069} nul\u{200B}bredde\u{200D}\u{FEFF}x\u{061C}".into(),
        ),
        ("bidi-unclosed", "Idé \u{202E}fdp.exe og resten".into()),
        ("nul", "før\0efter".into()),
        ("escape", "farve \u{1b}[31mrød".into()),
        ("header-injection", "Navn\r\nBcc: alle@example.com\r\nX-Injected: 1".into()),
        ("lone-cr", "Titel\rATTENDEE:mailto:evil@example.com".into()),
        ("noncharacter", "beslutning \u{FFFE} og \u{FFFF}".into()),
        ("combining-flood", format!("Z{}", "\u{0301}".repeat(3000))),
        ("sql-drop", "'; DROP TABLE ideas; --".into()),
        ("sql-like", "%' OR 1=1 --".into()),
        ("cpr-number", "Borgeren 010190-1234 fik ikke sit besøg".into()),
        ("cpr-no-hyphen", "Fru Hansen, 3112991234, venter".into()),
        ("long-word", "Kørselsgodtgørelsesberegningsgrundlag".repeat(60)),
        ("megabyte", "a".repeat(1 << 20)),
    ]
}

// ---------------------------------------------------------------------------------------------
// Reading pages back

#[derive(Default)]
struct Reader {
    problems: RefCell<Vec<String>>,
    /// Text and attribute values, decoded (entities resolved), as a browser would show them.
    decoded: RefCell<String>,
    /// The links (`href`), decoded.
    hrefs: RefCell<Vec<String>>,
}

fn scheme_of(value: &str) -> String {
    value.chars().filter(|c| *c as u32 > 0x20 && *c != '\u{7f}').flat_map(char::to_lowercase).take(16).collect()
}

impl TokenSink for Reader {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::CharacterTokens(text) => self.decoded.borrow_mut().push_str(&text),
            Token::NullCharacterToken => self.decoded.borrow_mut().push('\u{FFFD}'),
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                let name: &str = &tag.name;
                let ours =
                    |attr: &str, want: &str| tag.attrs.iter().any(|a| &*a.name.local == attr && &*a.value == want);
                if name == "script" && !ours("src", "/static/app.js") {
                    self.problems.borrow_mut().push("a <script> that is not ours".into());
                }
                if ["iframe", "object", "embed", "base", "frame", "frameset", "applet"].contains(&name) {
                    self.problems.borrow_mut().push(format!("<{name}>"));
                }
                for attr in &tag.attrs {
                    let attr_name: &str = &attr.name.local;
                    self.decoded.borrow_mut().push_str(&attr.value);
                    self.decoded.borrow_mut().push('\n');
                    if attr_name == "href" {
                        self.hrefs.borrow_mut().push(attr.value.to_string());
                    }
                    if attr_name.starts_with("on") {
                        self.problems.borrow_mut().push(format!("{attr_name}= on <{name}>"));
                    }
                    if ["href", "src", "action", "formaction", "srcset", "poster"].contains(&attr_name) {
                        let scheme = scheme_of(&attr.value);
                        // Our own empty favicon (`<link rel="icon" href="data:,">`) is the one data address.
                        let own_favicon = name == "link" && &*attr.value == "data:,";
                        if ["javascript:", "vbscript:", "data:"].iter().any(|s| scheme.starts_with(s)) && !own_favicon {
                            self.problems.borrow_mut().push(format!("{attr_name}={:?} on <{name}>", &*attr.value));
                        }
                    }
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The page's links, decoded.
fn hrefs(html: &str) -> Vec<String> {
    let tokenizer = Tokenizer::new(Reader::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.hrefs.take()
}

/// The path of the group page's decision feed (a signed link), without the host.
fn decision_feed(app: &TestApp, group_page: &str) -> Option<String> {
    let feed = hrefs(group_page).into_iter().find(|h| h.ends_with("/decisions.atom"))?;
    // The link is absolute, to the configured public address; the path is what we fetch.
    let _ = app;
    Some(feed[feed.find("/feeds/")?..].to_string())
}

/// Reads a page like a browser's tokenizer: what would run, and the decoded text.
fn read(html: &str) -> (Vec<String>, String) {
    let tokenizer = Tokenizer::new(Reader::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let problems = tokenizer.sink.problems.take();
    let decoded = tokenizer.sink.decoded.take();
    (problems, decoded)
}

fn assert_inert(html: &str, what: &str) {
    let (problems, _) = read(html);
    assert!(problems.is_empty(), "{what}: the page would run people's input: {problems:?}");
}

/// The Danish message for a field error code, as the form shows it.
fn danish(code: &str) -> &'static str {
    match code {
        "too_long" => "Teksten er for lang.",
        "control_character" => "Teksten indeholder et kontroltegn",
        "direction_unclosed" => "Teksten skifter skriveretning uden at skifte tilbage",
        "line_break" => "Skal stå på én linje",
        "email_invalid" => "e-mail",
        "cpr_number" => "ser ud til at indeholde et CPR-nummer",
        other => panic!("no Danish message known to this test for {other}"),
    }
}

/// The fields that are one line wherever they are (names, titles, places, versions): they go
/// into mail headers, calendar properties and feed titles.
const ONE_LINE: [&str; 5] = ["title", "name", "official_name", "place", "version"];

/// What the domain will say about a text for the field, of at most `max` characters.
fn verdict(field: &str, value: &str, max: usize) -> Option<&'static str> {
    if ONE_LINE.contains(&field) {
        idespor_domain::text::line_problem(value.trim(), max)
    } else {
        idespor_domain::text::problem(value.trim(), max)
    }
}

fn short(value: &str) -> String {
    let head: String = value.chars().take(40).collect();
    if value.chars().count() > 40 {
        format!("{head:?}… ({} chars)", value.chars().count())
    } else {
        format!("{head:?}")
    }
}

// ---------------------------------------------------------------------------------------------
// Sending

async fn call(app: &TestApp, token: &str, method: Method, path: &str, body: &Value) -> (StatusCode, Value) {
    let response = app.api(method, path, token).json(body).send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(!status.is_server_error(), "{path}: {status} {text}");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn get_json(app: &TestApp, token: &str, path: &str) -> Value {
    let (status, body) = call(app, token, Method::GET, path, &Value::Null).await;
    assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
    body
}

/// An API answer to one hostile input: a success when `expected` is None, otherwise 422
/// `invalid_input` naming the code. Returns whether it was stored.
fn api_outcome(status: StatusCode, body: &Value, expected: Option<&str>, what: &str) -> bool {
    match expected {
        None => {
            assert!(status.is_success(), "{what}: expected it stored, got {status} {body}");
            true
        }
        Some(code) => {
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: expected {code}, got {body}");
            assert_eq!(body["error"], "invalid_input", "{what}: {body}");
            assert!(body["fields"].to_string().contains(code), "{what}: expected {code} in {body}");
            false
        }
    }
}

async fn page_post(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let response = app.post_form(path, fields).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(!status.is_server_error(), "POST {path}: {status} {}", short(&text));
    (status, text)
}

/// A page form's answer to one hostile input: a redirect when `expected` is None, otherwise
/// the form again (422) with the Danish message and the text kept. Returns whether it was stored.
fn page_outcome(status: StatusCode, page: &str, value: &str, expected: Option<&str>, what: &str) -> bool {
    match expected {
        None => {
            // A redirect to what was made, or (an invitation) a page with its link.
            assert!(status == StatusCode::SEE_OTHER || status.is_success(), "{what}: expected it stored, got {status}");
            assert_inert(page, what);
            true
        }
        Some(code) => {
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: expected the form back with {code}");
            assert_inert(page, what);
            let (_, decoded) = read(page);
            assert!(decoded.contains(danish(code)), "{what}: no Danish message for {code}");
            // As HTML's input stream reads it: NUL replaced, CR LF and a lone CR both as LF.
            let kept = value.trim().replace('\0', "\u{FFFD}").replace("\r\n", "\n").replace('\r', "\n");
            assert!(decoded.contains(&kept), "{what}: the text typed is not kept in the form");
            false
        }
    }
}

/// A record an administrator edits through the API (`key` names it in the API's answers), and
/// the pages that show it.
struct AdminEdit<'a> {
    path: &'a str,
    key: &'a str,
    record: &'a Value,
    pages: &'a [String],
}

impl AdminEdit<'_> {
    /// Puts `value` into one field: stored exactly and inert on every page, or refused with the
    /// record unchanged; then the record is put back as it was.
    async fn put(&self, app: &TestApp, admin: &str, field: &str, value: &str, name: &str, max: usize) {
        let expected = verdict(field, value, max);
        let before = get_json(app, admin, self.path).await[self.key].clone();
        let mut body = self.record.clone();
        body[field] = json!(value);
        let what = format!("API {} {field} = {name}", self.key);
        let (status, answer) = call(app, admin, Method::PUT, self.path, &body).await;
        let after = get_json(app, admin, self.path).await[self.key].clone();
        if api_outcome(status, &answer, expected, &what) {
            assert_eq!(after[field].as_str().unwrap(), value.trim(), "{what}");
            app.login_ok(ADMIN).await;
            for p in self.pages {
                page(app, p).await;
            }
        } else {
            assert_eq!(after, before, "{what}: unchanged");
        }
        call(app, admin, Method::PUT, self.path, self.record).await;
    }
}

async fn page(app: &TestApp, path: &str) -> String {
    let (status, text) = app.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "GET {path}");
    assert_inert(&text, path);
    text
}

async fn actor(app: &TestApp, email: &str) -> Actor {
    Actor::new(app.store.find_login_candidate(email).await.unwrap().unwrap().user)
}

async fn group_id(app: &TestApp, name: &str) -> i64 {
    app.store.find_group_by_name(name).await.unwrap().unwrap().id.0
}

async fn area_id(app: &TestApp) -> i64 {
    app.svc.product_areas().await.unwrap()[0].id.0
}

fn base_idea(area: i64) -> Value {
    json!({
        "title": "Hostilprøve: overblik over kørelister",
        "role": "Sygeplejerske",
        "situation": "Om morgenen før første besøg",
        "need": "Vi mangler overblik, hostilprøve",
        "effect": "Færre fejl",
        "product_area_id": area,
    })
}

/// A complete idea by Maja, submitted to Erfagruppe Syd, made through the use cases.
async fn submitted_idea(app: &TestApp, title: &str) -> (IdeaId, i64) {
    let maja = actor(app, MAJA).await;
    let area = area_id(app).await;
    let form = IdeaForm {
        title: title.into(),
        role: "Sygeplejerske".into(),
        situation: "Om morgenen".into(),
        need: "Overblik".into(),
        effect: "Ro".into(),
        product_area_id: area.to_string(),
    };
    let idea = app.svc.create_idea(&maja, &form).await.unwrap();
    let syd = GroupId(group_id(app, "Erfagruppe Syd").await);
    let idea = app.svc.move_idea(&maja, idea.id, idea.version, Move::Submit { group: syd }).await.unwrap();
    (idea.id, idea.version)
}

// ---------------------------------------------------------------------------------------------
// Ideas, comments, moves

const IDEA_FIELDS: [(&str, usize); 5] = [
    ("title", idespor_domain::idea::form::TITLE_MAX),
    ("role", idespor_domain::idea::form::ROLE_MAX),
    ("situation", idespor_domain::idea::form::TEXT_MAX),
    ("need", idespor_domain::idea::form::TEXT_MAX),
    ("effect", idespor_domain::idea::form::TEXT_MAX),
];

async fn every_idea_field_comment_and_move_reason(app: TestApp) {
    let maja = app.token_for(MAJA).await;
    let area = area_id(&app).await;
    let syd = group_id(&app, "Erfagruppe Syd").await;
    app.login_ok(MAJA).await;

    // One submitted idea whose every field gets every input, through the API and the edit page.
    let (status, created) = call(&app, &maja, Method::POST, "/api/v1/ideas", &base_idea(area)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().unwrap();
    let (status, _) = call(
        &app,
        &maja,
        Method::POST,
        &format!("/api/v1/ideas/{id}/moves"),
        &json!({"kind": "submit", "version": created["version"], "group_id": syd}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let ideas_before = get_json(&app, &maja, "/api/v1/ideas?mine=true").await["total"].clone();

    for (name, value) in corpus() {
        for (field, max) in IDEA_FIELDS {
            let expected = verdict(field, &value, max);
            let before = get_json(&app, &maja, &format!("/api/v1/ideas/{id}")).await["idea"].clone();
            // A new idea with the input: made or refused.
            let mut body = base_idea(area);
            body[field] = json!(value);
            let what = format!("API create idea {field} = {name}");
            let (status, made) = call(&app, &maja, Method::POST, "/api/v1/ideas", &body).await;
            if api_outcome(status, &made, expected, &what) {
                assert_eq!(made[field].as_str().unwrap(), value.trim(), "{what}: stored exactly");
            }
            // The submitted idea edited through the API.
            body["version"] = before["version"].clone();
            let what = format!("API edit idea {field} = {name}");
            let (status, edited) = call(&app, &maja, Method::PUT, &format!("/api/v1/ideas/{id}"), &body).await;
            let stored = api_outcome(status, &edited, expected, &what);
            let after = get_json(&app, &maja, &format!("/api/v1/ideas/{id}")).await["idea"].clone();
            if stored {
                assert_eq!(after[field].as_str().unwrap(), value.trim(), "{what}: read back exactly");
                check_idea_page(&app, id, &format!("{field} = {name}")).await;
            } else {
                assert_eq!(after, before, "{what}: a refused edit changes nothing");
            }
            // The same through the edit page.
            let version = after["version"].as_i64().unwrap().to_string();
            let area = area.to_string();
            let mut fields: Vec<(&str, &str)> = vec![
                ("title", "Hostilprøve: overblik over kørelister"),
                ("role", "Sygeplejerske"),
                ("situation", "Om morgenen"),
                ("need", "Vi mangler overblik, hostilprøve"),
                ("effect", "Færre fejl"),
                ("product_area_id", &area),
                ("version", &version),
            ];
            fields.retain(|(k, _)| *k != field);
            fields.push((field, &value));
            let what = format!("page edit idea {field} = {name}");
            let (status, answer) = page_post(&app, &format!("/ideas/{id}/edit"), &fields).await;
            let stored = page_outcome(status, &answer, &value, expected, &what);
            let again = get_json(&app, &maja, &format!("/api/v1/ideas/{id}")).await["idea"].clone();
            if stored {
                assert_eq!(again[field].as_str().unwrap(), value.trim(), "{what}: read back exactly");
            } else {
                assert_eq!(again, after, "{what}: a refused edit changes nothing");
            }
        }
        // Every field that takes the input gets it at once; then every page that lists the idea.
        let current = get_json(&app, &maja, &format!("/api/v1/ideas/{id}")).await["idea"].clone();
        let mut body = base_idea(area);
        for (field, max) in IDEA_FIELDS {
            if verdict(field, &value, max).is_none() {
                body[field] = json!(value);
            }
        }
        body["version"] = current["version"].clone();
        let (status, edited) = call(&app, &maja, Method::PUT, &format!("/api/v1/ideas/{id}"), &body).await;
        assert_eq!(status, StatusCode::OK, "{name} in every field that takes it: {edited}");
        check_idea_pages(&app, id, syd, &format!("every field = {name}")).await;
    }
    // The refused ideas were never made; the stored ones are Maja's drafts.
    let ideas_after = get_json(&app, &maja, "/api/v1/ideas?mine=true").await["total"].clone();
    let stored_creates: usize = corpus()
        .iter()
        .map(|(_, v)| IDEA_FIELDS.iter().filter(|(field, max)| verdict(field, v, *max).is_none()).count())
        .sum();
    assert_eq!(
        ideas_after.as_i64().unwrap(),
        ideas_before.as_i64().unwrap() + stored_creates as i64,
        "exactly the accepted ideas were made"
    );

    // Comments: through the API and the page, shown on the idea page.
    for (name, value) in corpus() {
        let expected = verdict("body", &value, idespor_domain::service::COMMENT_MAX);
        let path = format!("/api/v1/ideas/{id}/comments");
        let count = get_json(&app, &maja, &path).await.as_array().unwrap().len();
        let what = format!("API comment = {name}");
        let (status, made) = call(&app, &maja, Method::POST, &path, &json!({"body": value})).await;
        if api_outcome(status, &made, expected, &what) {
            assert_eq!(made["body"].as_str().unwrap(), value.trim(), "{what}");
            let comment = made["id"].as_i64().unwrap();
            let (status, edited) =
                call(&app, &maja, Method::PUT, &format!("/api/v1/comments/{comment}"), &json!({"body": value})).await;
            api_outcome(status, &edited, expected, &format!("API edit comment = {name}"));
            page(&app, &format!("/ideas/{id}")).await;
            page(&app, &format!("/ideas/{id}?edit_comment={comment}")).await;
        }
        let what = format!("page comment = {name}");
        let (status, answer) = page_post(&app, &format!("/ideas/{id}/comments"), &[("body", &value)]).await;
        let comments = get_json(&app, &maja, &path).await.as_array().unwrap().len();
        if page_outcome(status, &answer, &value, expected, &what) {
            assert_eq!(comments, count + 2, "{what}: both comments stored");
        } else {
            assert_eq!(comments, count, "{what}: a refused comment is not stored");
        }
    }

    // Move reasons: decline and solve (Syd's tovholder, a submitted idea), park (a member of the
    // tovholdergruppe, a forwarded idea), ask (the product manager, an idea in assessment) and
    // the author's answer.
    let review_date = (app.svc.now() + jiff::SignedDuration::from_hours(24 * 90))
        .to_zoned_datetime(jiff::tz::TimeZone::get("Europe/Copenhagen").unwrap())
        .date()
        .to_string();
    for (kind, by) in
        [("decline", HANNE), ("solve_by_configuration", HANNE), ("park", PERNILLE), ("ask_for_information", LONE)]
    {
        let token = app.token_for(by).await;
        app.login_ok(by).await;
        let mut last_idea = id;
        for (name, value) in corpus() {
            let expected = verdict("reason", &value, idespor_domain::idea::journey::REASON_MAX);
            for through_page in [false, true] {
                let (idea, version, status_before) = idea_ready_for(&app, kind, &format!("Grund {kind} {name}")).await;
                last_idea = idea.0;
                let what = format!("{} {kind} reason = {name}", if through_page { "page" } else { "API" });
                let path = format!("/api/v1/ideas/{idea}/moves");
                if through_page {
                    let version = version.to_string();
                    let fields = [
                        ("kind", kind),
                        ("version", version.as_str()),
                        ("reason", value.as_str()),
                        ("review_date", review_date.as_str()),
                    ];
                    let (status, answer) = page_post(&app, &format!("/ideas/{idea}/moves"), &fields).await;
                    page_outcome(status, &answer, &value, expected, &what);
                } else {
                    let body = json!({"kind": kind, "version": version, "reason": value, "review_date": review_date});
                    let (status, moved) = call(&app, &token, Method::POST, &path, &body).await;
                    api_outcome(status, &moved, expected, &what);
                }
                let after = get_json(&app, &token, &format!("/api/v1/ideas/{idea}")).await["idea"].clone();
                if expected.is_none() {
                    assert_ne!(after["status"], status_before, "{what}: moved");
                    if kind != "ask_for_information" {
                        assert_eq!(after["resolution"].as_str().unwrap(), value.trim(), "{what}: stored exactly");
                    }
                    check_idea_page(&app, idea.0, &what).await;
                    if kind == "ask_for_information" && !through_page {
                        // The author answers with the same text.
                        let body = json!({"kind": "answer", "version": after["version"], "reason": value});
                        let (status, answered) = call(&app, &maja, Method::POST, &path, &body).await;
                        api_outcome(status, &answered, expected, &format!("API answer = {name}"));
                        page(&app, &format!("/ideas/{idea}")).await;
                    }
                } else {
                    assert_eq!(after["status"], status_before, "{what}: a refused move changes nothing");
                    assert_eq!(after["version"], version, "{what}");
                }
            }
        }
        // The lists, the overview and the notifications that mention these ideas.
        check_idea_pages(&app, last_idea, syd, &format!("{kind} with every input")).await;
    }
}

/// A fresh idea where `kind` can be made: submitted (decline, solve), forwarded (park), or in
/// assessment (ask). Returns its id, version and status.
async fn idea_ready_for(app: &TestApp, kind: &str, title: &str) -> (IdeaId, i64, &'static str) {
    let (id, version) = submitted_idea(app, title).await;
    if matches!(kind, "decline" | "solve_by_configuration") {
        return (id, version, "submitted");
    }
    let hanne = actor(app, HANNE).await;
    let idea = app.svc.move_idea(&hanne, id, version, Move::Forward).await.unwrap();
    if kind == "park" {
        return (id, idea.version, "forwarded");
    }
    let pernille = actor(app, PERNILLE).await;
    let idea = app.svc.move_idea(&pernille, id, idea.version, Move::SendToProduct).await.unwrap();
    assert_eq!(idea.status.as_str(), "in_assessment");
    (id, idea.version, "in_assessment")
}

/// Every page that shows an idea's text: the idea, the lists, the search, the group, the feed.
async fn check_idea_pages(app: &TestApp, id: i64, group: i64, what: &str) {
    check_idea_page(app, id, what).await;
    for path in [
        "/ideas".to_string(),
        "/ideas?sort=newest".to_string(),
        "/ideas?q=hostilpr%C3%B8ve".to_string(),
        "/ideas?q=script+alert+drop+bredde".to_string(),
        format!("/groups/{group}"),
        format!("/groups/{group}/outcomes"),
        "/".to_string(),
        "/notifications".to_string(),
    ] {
        let (status, text) = app.get_text(&path).await;
        assert!(status == StatusCode::OK, "{what}: GET {path}: {status}");
        assert_inert(&text, &format!("{what}: {path}"));
    }
}

/// The idea's page and its history feed (for a feed reader: read by a real parser, inert).
async fn check_idea_page(app: &TestApp, id: i64, what: &str) {
    let (status, text) = app.get_text(&format!("/ideas/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{what}: the idea page");
    assert_inert(&text, &format!("{what}: /ideas/{id}"));
    let syd = group_id(app, "Erfagruppe Syd").await;
    let group_page = app.get_text(&format!("/groups/{syd}")).await.1;
    if let Some(feed) = decision_feed(app, &group_page) {
        let base = feed.rsplit_once("/groups/").unwrap().0;
        for path in [feed.clone(), format!("{base}/ideas/{id}/history.atom")] {
            let (status, xml) = app.get_text(&path).await;
            assert_eq!(status, StatusCode::OK, "{what}: {path}");
            check_feed(&xml, &format!("{what}: {path}"));
        }
    }
}

/// A feed's entries as a reader shows them: text as text, and whatever is marked as HTML inert.
fn check_feed(xml: &str, what: &str) {
    let feed =
        feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{what}: the feed does not parse: {e}"));
    for entry in feed.entries {
        let is_html = |mime: &str| mime.contains("html");
        let mut html = Vec::new();
        if let Some(summary) = entry.summary.filter(|s| is_html(s.content_type.as_ref())) {
            html.push(summary.content);
        }
        if let Some(content) = entry.content.filter(|c| is_html(c.content_type.as_ref())) {
            html.extend(content.body);
        }
        for body in html {
            assert_inert(&body, what);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Meetings, agendas, minutes, guests, decisions

async fn every_meeting_agenda_minutes_guest_and_decision_field(app: TestApp) {
    use idespor_domain::meeting as m;
    let hanne = app.token_for(HANNE).await;
    let syd = group_id(&app, "Erfagruppe Syd").await;
    app.login_ok(HANNE).await;
    let date = (app.svc.now() + jiff::SignedDuration::from_hours(24 * 20))
        .to_zoned_datetime(jiff::tz::TimeZone::get("Europe/Copenhagen").unwrap())
        .date()
        .to_string();
    let base = json!({ "kind": "erfa", "title": "Hostilmøde", "date": date, "start_time": "10:00",
        "end_time": "12:00", "place": "Vejle Rådhus", "description": "Dagsorden følger" });
    let (status, made) = call(&app, &hanne, Method::POST, &format!("/api/v1/groups/{syd}/meetings"), &base).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let meeting = made["id"].as_i64().unwrap();
    let meeting_path = format!("/api/v1/meetings/{meeting}");

    for (name, value) in corpus() {
        // The meeting's own text fields, through the API and the edit page.
        for (field, max) in [("title", m::TITLE_MAX), ("place", m::PLACE_MAX), ("description", m::DESCRIPTION_MAX)] {
            let expected = verdict(field, &value, max);
            let before = get_json(&app, &hanne, &meeting_path).await;
            let mut body = base.clone();
            body[field] = json!(value);
            body["version"] = before["meeting"]["version"].clone();
            let what = format!("API meeting {field} = {name}");
            let (status, answer) = call(&app, &hanne, Method::PUT, &meeting_path, &body).await;
            let after = get_json(&app, &hanne, &meeting_path).await;
            if api_outcome(status, &answer, expected, &what) {
                assert_eq!(after["meeting"][field].as_str().unwrap(), value.trim(), "{what}");
                check_meeting_pages(&app, meeting, syd, &what).await;
            } else {
                assert_eq!(after["meeting"], before["meeting"], "{what}: a refused change changes nothing");
            }
            let version = after["meeting"]["version"].as_i64().unwrap().to_string();
            let mut fields: Vec<(&str, &str)> = vec![
                ("kind", "erfa"),
                ("title", "Hostilmøde"),
                ("date", &date),
                ("start_time", "10.00"),
                ("end_time", "12.00"),
                ("place", "Vejle Rådhus"),
                ("description", "Dagsorden følger"),
                ("version", &version),
            ];
            fields.retain(|(k, _)| *k != field);
            fields.push((field, &value));
            let what = format!("page meeting {field} = {name}");
            let (status, answer) = page_post(&app, &format!("/meetings/{meeting}/edit"), &fields).await;
            let stored = page_outcome(status, &answer, &value, expected, &what);
            let again = get_json(&app, &hanne, &meeting_path).await;
            if stored {
                assert_eq!(again["meeting"][field].as_str().unwrap(), value.trim(), "{what}");
            } else {
                assert_eq!(again["meeting"], after["meeting"], "{what}: a refused change changes nothing");
            }
        }

        // Agenda items: title and notes.
        for (field, max) in [("title", m::TITLE_MAX), ("notes", m::AGENDA_NOTES_MAX)] {
            let expected = verdict(field, &value, max);
            let items = get_json(&app, &hanne, &meeting_path).await["agenda"].as_array().unwrap().len();
            let mut body = json!({"title": "Punkt", "notes": "Noter"});
            body[field] = json!(value);
            let what = format!("API agenda {field} = {name}");
            let (status, answer) = call(&app, &hanne, Method::POST, &format!("{meeting_path}/agenda"), &body).await;
            let agenda = get_json(&app, &hanne, &meeting_path).await["agenda"].as_array().unwrap().clone();
            if api_outcome(status, &answer, expected, &what) {
                assert_eq!(agenda.len(), items + 1);
                assert_eq!(agenda.last().unwrap()[field].as_str().unwrap(), value.trim(), "{what}");
                page(&app, &format!("/meetings/{meeting}")).await;
                // Keep the agenda under its limit of items.
                let item = agenda.last().unwrap()["id"].as_i64().unwrap();
                let (status, _) =
                    call(&app, &hanne, Method::DELETE, &format!("{meeting_path}/agenda/{item}"), &Value::Null).await;
                assert!(status.is_success());
            } else {
                assert_eq!(agenda.len(), items, "{what}: nothing added");
            }
            let mut fields = vec![("title", "Punkt"), ("notes", "Noter")];
            fields.retain(|(k, _)| *k != field);
            fields.push((field, &value));
            let what = format!("page agenda {field} = {name}");
            let (status, answer) = page_post(&app, &format!("/meetings/{meeting}/agenda"), &fields).await;
            let agenda = get_json(&app, &hanne, &meeting_path).await["agenda"].as_array().unwrap().clone();
            if page_outcome(status, &answer, &value, expected, &what) {
                let item = agenda.last().unwrap()["id"].as_i64().unwrap();
                call(&app, &hanne, Method::DELETE, &format!("{meeting_path}/agenda/{item}"), &Value::Null).await;
            } else {
                assert_eq!(agenda.len(), items, "{what}: nothing added");
            }
        }

        // Minutes.
        let expected = verdict("minutes", &value, m::MINUTES_MAX);
        let before = get_json(&app, &hanne, &meeting_path).await["meeting"]["minutes"].clone();
        let what = format!("API minutes = {name}");
        let (status, answer) =
            call(&app, &hanne, Method::PUT, &format!("{meeting_path}/minutes"), &json!({"minutes": value})).await;
        let after = get_json(&app, &hanne, &meeting_path).await["meeting"]["minutes"].clone();
        if api_outcome(status, &answer, expected, &what) {
            assert_eq!(after.as_str().unwrap(), value.trim(), "{what}");
            page(&app, &format!("/meetings/{meeting}")).await;
        } else {
            assert_eq!(after, before, "{what}: unchanged");
        }
        let what = format!("page minutes = {name}");
        let (status, answer) =
            page_post(&app, &format!("/meetings/{meeting}/minutes"), &[("minutes", &value), ("action", "save")]).await;
        page_outcome(status, &answer, &value, expected, &what);

        // The online link: none of these is a web address (`javascript:` least of all).
        let mut body = base.clone();
        body["online_url"] = json!(value);
        body["version"] = get_json(&app, &hanne, &meeting_path).await["meeting"]["version"].clone();
        let (status, answer) = call(&app, &hanne, Method::PUT, &meeting_path, &body).await;
        api_outcome(status, &answer, Some("url_invalid"), &format!("API meeting online_url = {name}"));

        // Guests: none of these is an e-mail address.
        let what = format!("API guest = {name}");
        let (status, answer) =
            call(&app, &hanne, Method::POST, &format!("{meeting_path}/guests"), &json!({"email": value})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: {answer}");
        let (status, answer) = page_post(&app, &format!("/meetings/{meeting}/guests"), &[("email", &value)]).await;
        assert!(status.is_client_error() || status == StatusCode::SEE_OTHER, "page guest = {name}: {status}");
        assert_inert(&answer, &format!("page guest = {name}"));

        // Decisions: title, text, reason; through the API and the meeting page.
        for (field, max) in
            [("title", m::TITLE_MAX), ("body", m::DECISION_TEXT_MAX), ("reason", m::DECISION_REASON_MAX)]
        {
            let expected = verdict(field, &value, max);
            let count =
                get_json(&app, &hanne, &format!("/api/v1/decisions?group={syd}")).await.as_array().unwrap().len();
            let mut body = json!({"title": "Beslutning", "body": "Tekst", "reason": "Fordi", "meeting_id": meeting});
            body[field] = json!(value);
            let what = format!("API decision {field} = {name}");
            let (status, answer) =
                call(&app, &hanne, Method::POST, &format!("/api/v1/groups/{syd}/decisions"), &body).await;
            if api_outcome(status, &answer, expected, &what) {
                let decision = answer["id"].as_i64().unwrap();
                let detail = get_json(&app, &hanne, &format!("/api/v1/decisions/{decision}")).await;
                assert_eq!(detail["decision"][field].as_str().unwrap(), value.trim(), "{what}");
                page(&app, &format!("/decisions/{decision}")).await;
                page(&app, "/decisions").await;
                check_meeting_pages(&app, meeting, syd, &what).await;
            } else {
                let now = get_json(&app, &hanne, &format!("/api/v1/decisions?group={syd}")).await;
                assert_eq!(now.as_array().unwrap().len(), count, "{what}: nothing recorded");
            }
            let mut fields = vec![("title", "Beslutning"), ("body", "Tekst"), ("reason", "Fordi")];
            fields.retain(|(k, _)| *k != field);
            fields.push((field, &value));
            let what = format!("page decision {field} = {name}");
            let (status, answer) = page_post(&app, &format!("/meetings/{meeting}/decisions"), &fields).await;
            if !page_outcome(status, &answer, &value, expected, &what) {
                let now = get_json(&app, &hanne, &format!("/api/v1/decisions?group={syd}")).await;
                assert_eq!(now.as_array().unwrap().len(), count, "{what}: nothing recorded");
            }
        }
    }
}

async fn check_meeting_pages(app: &TestApp, meeting: i64, group: i64, what: &str) {
    for path in [
        format!("/meetings/{meeting}"),
        format!("/meetings/{meeting}/edit"),
        "/meetings".to_string(),
        format!("/groups/{group}"),
        "/decisions".to_string(),
        "/notifications".to_string(),
    ] {
        let (status, text) = app.get_text(&path).await;
        assert_eq!(status, StatusCode::OK, "{what}: GET {path}");
        assert_inert(&text, &format!("{what}: {path}"));
    }
    let group_page = app.get_text(&format!("/groups/{group}")).await.1;
    if let Some(path) = decision_feed(app, &group_page) {
        let (status, xml) = app.get_text(&path).await;
        assert_eq!(status, StatusCode::OK, "{what}: {path}");
        check_feed(&xml, what);
    }
}

// ---------------------------------------------------------------------------------------------
// The community, administration, releases, rounds

async fn every_community_admin_release_and_round_field(app: TestApp) {
    let admin = app.token_for(ADMIN).await;
    let maja = app.token_for(MAJA).await;
    let lone = app.token_for(LONE).await;
    let pernille = app.token_for(PERNILLE).await;
    let me = get_json(&app, &maja, "/api/v1/me").await;
    let orgs = get_json(&app, &admin, "/api/v1/organizations").await;
    let org = orgs.as_array().unwrap().iter().find(|o| o["kind"] == "municipality").unwrap().clone();
    let org_id = org["id"].as_i64().unwrap();
    let syd = group_id(&app, "Erfagruppe Syd").await;
    let group = get_json(&app, &admin, &format!("/api/v1/groups/{syd}")).await["group"].clone();
    let maja_id = me["user"]["id"].as_i64().unwrap();
    let release = {
        let (status, made) =
            call(&app, &lone, Method::POST, "/api/v1/releases", &json!({"version": "2031.1", "notes": "Hostil"})).await;
        assert_eq!(status, StatusCode::CREATED, "{made}");
        made["id"].as_i64().unwrap()
    };
    let steering = GroupId(group_id(&app, "Tovholdergruppen").await);
    let idea_ids: Vec<i64> = app
        .svc
        .group_queue(&actor(&app, PERNILLE).await, steering, 1)
        .await
        .unwrap()
        .ideas
        .iter()
        .filter(|i| i.holder_group_id == Some(steering) && i.status.as_str() == "forwarded")
        .map(|i| i.id.0)
        .take(3)
        .collect();
    assert!(!idea_ids.is_empty(), "the demo's tovholdergruppe holds forwarded ideas");
    let tz = jiff::tz::TimeZone::get("Europe/Copenhagen").unwrap();
    let day = |days: i64| {
        (app.svc.now() + jiff::SignedDuration::from_hours(24 * days)).to_zoned_datetime(tz.clone()).date().to_string()
    };

    for (n, (name, value)) in corpus().into_iter().enumerate() {
        // The profile: name, through the API and the page.
        let expected = verdict("name", &value, idespor_domain::user::NAME_MAX);
        let before = get_json(&app, &maja, "/api/v1/me").await["user"].clone();
        let body = json!({"name": value, "email": MAJA, "language": "da"});
        let what = format!("API profile name = {name}");
        let (status, answer) = call(&app, &maja, Method::PATCH, "/api/v1/me", &body).await;
        let after = get_json(&app, &maja, "/api/v1/me").await["user"].clone();
        if api_outcome(status, &answer, expected, &what) {
            assert_eq!(after["name"].as_str().unwrap(), value.trim(), "{what}");
            app.login_ok(MAJA).await;
            page(&app, "/profile").await;
            page(&app, &format!("/organizations/{}", me["user"]["organization_id"])).await;
            page(&app, &format!("/groups/{syd}")).await;
            page(&app, &format!("/groups/{syd}/members")).await;
        } else {
            assert_eq!(after, before, "{what}: unchanged");
        }
        app.login_ok(MAJA).await;
        let what = format!("page profile name = {name}");
        let (status, answer) =
            page_post(&app, "/profile", &[("name", &value), ("email", MAJA), ("language", "da")]).await;
        page_outcome(status, &answer, &value, expected, &what);
        call(
            &app,
            &maja,
            Method::PATCH,
            "/api/v1/me",
            &json!({"name": "Maja Winther", "email": MAJA, "language": "da"}),
        )
        .await;

        // API token names.
        let expected = verdict("name", &value, idespor_domain::auth::TOKEN_NAME_MAX);
        let what = format!("API token name = {name}");
        let (status, answer) = call(&app, &maja, Method::POST, "/api/v1/tokens", &json!({"name": value})).await;
        if api_outcome(status, &answer, expected, &what) {
            page(&app, "/profile").await;
        }
        let (status, answer) = page_post(&app, "/profile/tokens", &[("token_name", &value)]).await;
        assert!(status.is_success() || status.is_redirection() || status.is_client_error(), "page token = {name}");
        assert_inert(&answer, &format!("page token name = {name}"));

        // Organizations (administrator): name and official name.
        let path = format!("/api/v1/organizations/{org_id}");
        let pages = ["/organizations".to_string(), format!("/organizations/{org_id}"), "/admin/organizations".into()];
        for (field, max) in
            [("name", idespor_domain::org::NAME_MAX), ("official_name", idespor_domain::org::OFFICIAL_NAME_MAX)]
        {
            let edit = AdminEdit { path: &path, key: "organization", record: &org, pages: &pages };
            edit.put(&app, &admin, field, &value, name, max).await;
        }

        // Groups (administrator): name and description.
        let path = format!("/api/v1/groups/{syd}");
        let pages = ["/groups".to_string(), format!("/groups/{syd}"), format!("/admin/groups/{syd}")];
        for (field, max) in
            [("name", idespor_domain::group::NAME_MAX), ("description", idespor_domain::group::DESCRIPTION_MAX)]
        {
            let edit = AdminEdit { path: &path, key: "group", record: &group, pages: &pages };
            edit.put(&app, &admin, field, &value, name, max).await;
        }

        // People (administrator): the name, through the API and the admin page.
        let expected = verdict("name", &value, idespor_domain::user::NAME_MAX);
        let path = format!("/api/v1/users/{maja_id}");
        let before = get_json(&app, &admin, &path).await;
        let mut body = before.clone();
        body["name"] = json!(value);
        body["is_admin"] = json!(false);
        let what = format!("API user name = {name}");
        let (status, answer) = call(&app, &admin, Method::PUT, &path, &body).await;
        let after = get_json(&app, &admin, &path).await;
        if api_outcome(status, &answer, expected, &what) {
            assert_eq!(after["name"].as_str().unwrap(), value.trim(), "{what}");
            app.login_ok(ADMIN).await;
            page(&app, "/admin/users").await;
            page(&app, &format!("/admin/users/{maja_id}")).await;
        } else {
            assert_eq!(after, before, "{what}: unchanged");
        }
        body["name"] = json!("Maja Winther");
        call(&app, &admin, Method::PUT, &path, &body).await;
        app.login_ok(ADMIN).await;
        let org_text = org_id.to_string();
        let what = format!("page user name = {name}");
        let fields =
            [("name", value.as_str()), ("email", MAJA), ("org_id", &org_text), ("language", "da"), ("active", "on")];
        let (status, answer) = page_post(&app, &format!("/admin/users/{maja_id}"), &fields).await;
        page_outcome(status, &answer, &value, expected, &what);
        // A new person invited with the name.
        let what = format!("page invite user name = {name}");
        let email = format!("hostil{n}@kommune.dk");
        let fields = [("name", value.as_str()), ("email", email.as_str()), ("org_id", &org_text), ("language", "da")];
        let (status, answer) = page_post(&app, "/admin/users", &fields).await;
        page_outcome(status, &answer, &value, expected, &what);

        // Organizations and groups through the admin pages, and product areas.
        let what = format!("page organization name = {name}");
        let fields = [("kind", "vendor"), ("name", value.as_str()), ("official_name", "Leverandøren A/S")];
        let (status, answer) = page_post(&app, "/admin/organizations", &fields).await;
        page_outcome(status, &answer, &value, verdict("name", &value, idespor_domain::org::NAME_MAX), &what);
        let what = format!("page group description = {name}");
        let fields = [("kind", "erfa"), ("name", "Hostilgruppe"), ("description", value.as_str()), ("region_id", "")];
        let (status, answer) = page_post(&app, &format!("/admin/groups/{syd}"), &fields).await;
        page_outcome(
            status,
            &answer,
            &value,
            verdict("description", &value, idespor_domain::group::DESCRIPTION_MAX),
            &what,
        );
        call(&app, &admin, Method::PUT, &format!("/api/v1/groups/{syd}"), &group).await;
        let what = format!("page product area = {name}");
        let (status, answer) = page_post(&app, "/admin/product-areas", &[("name", &value)]).await;
        let area_expected = verdict("name", &value, idespor_domain::service::PRODUCT_AREA_MAX);
        if area_expected.is_none() {
            assert!(status == StatusCode::SEE_OTHER || status == StatusCode::CONFLICT, "{what}: {status}");
            page(&app, "/admin/product-areas").await;
            page(&app, "/ideas/new").await;
        } else {
            assert!(status.is_client_error(), "{what}: {status}");
            assert_inert(&answer, &what);
        }

        // Releases (product manager): notes, and items' title and description.
        let expected = verdict("notes", &value, 5000);
        let what = format!("API release notes = {name}");
        let version = format!("2032.{n}");
        let (status, answer) =
            call(&app, &lone, Method::POST, "/api/v1/releases", &json!({"version": version, "notes": value})).await;
        if status != StatusCode::CONFLICT {
            api_outcome(status, &answer, expected, &what);
        }
        let (status, answer) =
            call(&app, &lone, Method::POST, "/api/v1/releases", &json!({"version": value, "notes": "x"})).await;
        if status != StatusCode::CONFLICT {
            api_outcome(status, &answer, verdict("version", &value, 40), &format!("API release version = {name}"));
        }
        for (field, max) in [
            ("title", idespor_domain::roadmap::ITEM_TITLE_MAX),
            ("description", idespor_domain::roadmap::ITEM_DESCRIPTION_MAX),
        ] {
            let mut body = json!({"title": "Lovkrav", "source": "legislation", "description": "Ny lov"});
            body[field] = json!(value);
            let what = format!("API release item {field} = {name}");
            let (status, answer) =
                call(&app, &lone, Method::POST, &format!("/api/v1/releases/{release}/items"), &body).await;
            api_outcome(status, &answer, verdict(field, &value, max), &what);
        }
        app.login_ok(LONE).await;
        let what = format!("page release notes = {name}");
        let fields = [("version", "2031.1"), ("notes", value.as_str())];
        let (status, answer) = page_post(&app, &format!("/releases/{release}"), &fields).await;
        page_outcome(status, &answer, &value, expected, &what);
        let what = format!("page release item = {name}");
        let fields = [("title", value.as_str()), ("source", "vendor"), ("description", "Eget arbejde")];
        let (status, answer) = page_post(&app, &format!("/releases/{release}/items"), &fields).await;
        assert!(!status.is_server_error(), "{what}");
        assert_inert(&answer, &what);
        for p in ["/releases".to_string(), format!("/releases/{release}"), "/roadmap".into()] {
            page(&app, &p).await;
        }

        // Rounds (tovholdergruppen): title and description, through the API and the page.
        app.login_ok(PERNILLE).await;
        let what = format!("page round title = {name}");
        let (opens, closes) = (day(1), day(8));
        let mut fields: Vec<(&str, &str)> = vec![
            ("title", value.as_str()),
            ("description", "Runde"),
            ("method", "points"),
            ("budget", "10"),
            ("voters", "erfagrupper"),
            ("opens_date", &opens),
            ("opens_time", "9"),
            ("closes_date", &closes),
            ("closes_time", "16"),
        ];
        let ideas_text: Vec<String> = idea_ids.iter().map(i64::to_string).collect();
        fields.extend(ideas_text.iter().map(|i| ("ideas", i.as_str())));
        let (status, answer) = page_post(&app, "/rounds", &fields).await;
        page_outcome(status, &answer, &value, verdict("title", &value, idespor_domain::round::TITLE_MAX), &what);
        for (field, max) in
            [("title", idespor_domain::round::TITLE_MAX), ("description", idespor_domain::round::DESCRIPTION_MAX)]
        {
            let mut body = json!({"title": "Hostilrunde", "description": "Runde", "method": "points", "budget": 10,
                "voters": "erfagrupper", "opens_date": day(1), "opens_time": "9", "closes_date": day(8),
                "closes_time": "16", "idea_ids": idea_ids});
            body[field] = json!(value);
            let what = format!("API round {field} = {name}");
            let (status, answer) = call(&app, &pernille, Method::POST, "/api/v1/rounds", &body).await;
            if api_outcome(status, &answer, verdict(field, &value, max), &what) {
                let round = answer["id"].as_i64().unwrap();
                let read_back = get_json(&app, &pernille, &format!("/api/v1/rounds/{round}")).await;
                assert!(read_back.to_string().contains(&serde_json::to_string(value.trim()).unwrap()), "{what}");
                app.login_ok(PERNILLE).await;
                page(&app, "/rounds").await;
                page(&app, &format!("/rounds/{round}")).await;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Bytes that are not text, bodies over the limit, hostile queries

async fn broken_utf8_oversize_bodies_and_hostile_queries(app: TestApp) {
    let maja = app.token_for(MAJA).await;
    let area = area_id(&app).await;
    app.login_ok(MAJA).await;
    let csrf = app.csrf().await;
    let broken: [&[u8]; 5] = [b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"ok\xe2\x82"];

    // Raw bytes in a urlencoded body, percent-encoded and not: decoded lossily (as axum's Form
    // does) into U+FFFD, then stored or refused like any text; never a 5xx.
    for bytes in broken {
        for encoded in [false, true] {
            let mut body = format!("csrf_token={csrf}&product_area_id={area}&need=Behov&title=Brudt+").into_bytes();
            if encoded {
                for b in bytes {
                    body.extend(format!("%{b:02X}").bytes());
                }
            } else {
                body.extend_from_slice(bytes);
            }
            let response = app
                .client
                .post(app.url("/ideas"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .unwrap();
            let status = response.status();
            assert!(status == StatusCode::SEE_OTHER || status.is_client_error(), "{bytes:?}: {status}");
            if status == StatusCode::SEE_OTHER {
                let location = response.headers()["location"].to_str().unwrap().to_string();
                let id = location.trim_start_matches("/ideas/").split('?').next().unwrap().to_string();
                let idea = get_json(&app, &maja, &format!("/api/v1/ideas/{id}")).await;
                let title = idea["idea"]["title"].as_str().unwrap();
                assert_eq!(title, format!("Brudt {}", String::from_utf8_lossy(bytes)).trim(), "lossy, as axum decodes");
                page(&app, &location).await;
            }
        }
        // The same bytes inside a JSON string: not JSON (RFC 8259 is UTF-8), 400 invalid_json.
        let mut body = br#"{"title": "Brudt "#.to_vec();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!(r#"", "need": "Behov", "product_area_id": {area}}}"#).as_bytes());
        let response = app
            .api(Method::POST, "/api/v1/ideas", &maja)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bytes:?}");
        assert_eq!(response.json::<Value>().await.unwrap()["error"], "invalid_json");
    }
    // Lone surrogates written as JSON escapes are not text either.
    let body = format!(r#"{{"title": "Brudt \ud800", "need": "Behov", "product_area_id": {area}}}"#);
    let response = app
        .api(Method::POST, "/api/v1/ideas", &maja)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(response.json::<Value>().await.unwrap()["error"], "invalid_json");

    // Bodies over the limit (2 MB): 413, cleanly, for forms and JSON; nothing stored.
    let before = get_json(&app, &maja, "/api/v1/ideas?mine=true").await["total"].clone();
    // Just over the limit, not far over: a client still sending megabytes after the server has
    // answered 413 and closed may see the connection reset instead of the answer. Two bytes
    // per "æ" in JSON; the form sends them percent-encoded, six bytes each.
    let huge = "æ".repeat(1024 * 1024 + 512);
    let huge_form = "æ".repeat(2 * 1024 * 1024 / 6 + 512);
    let response = app
        .post_form("/ideas", &[("title", "Stor"), ("need", &huge_form), ("product_area_id", &area.to_string())])
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let (status, body) = call(
        &app,
        &maja,
        Method::POST,
        "/api/v1/ideas",
        &json!({"title": "Stor", "need": huge, "product_area_id": area}),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"], "payload_too_large");
    let (status, body) = call(&app, &maja, Method::POST, "/api/v1/ideas/1/comments", &json!({"body": huge})).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    let after = get_json(&app, &maja, "/api/v1/ideas?mine=true").await["total"].clone();
    assert_eq!(after, before, "nothing stored");

    // Hostile searches and filters: the pages and the API answer, and show the query inert.
    for (name, value) in corpus() {
        // A URL holds at most 64 KB (the http crate's limit); a shorter cut of the long inputs.
        let q: String = value.chars().take(1500).collect();
        let encoded: String = url_encode(&q);
        for path in [
            format!("/ideas?q={encoded}"),
            format!("/ideas?q={encoded}&status={encoded}&group={encoded}&area={encoded}&sort={encoded}"),
            format!("/ideas/similar?q={encoded}"),
            format!("/organizations?kind={encoded}&region={encoded}"),
            format!("/figures?scope={encoded}&from={encoded}&to={encoded}"),
            format!("/decisions?kind={encoded}"),
            format!("/login?next={encoded}&notice={encoded}"),
            format!("/ideas/1?notice={encoded}"),
        ] {
            let (status, text) = app.get_text(&path).await;
            assert!(!status.is_server_error(), "{name}: GET {path}: {status}");
            assert_inert(&text, &format!("{name}: {}", &path[..path.len().min(60)]));
        }
        let (status, body) =
            call(&app, &maja, Method::GET, &format!("/api/v1/ideas?q={encoded}&status={encoded}"), &Value::Null).await;
        assert!(status == StatusCode::OK || status.is_client_error(), "{name}: API search {status} {body}");
    }
    // A megabyte query string (no client library sends one; a raw request does): refused
    // cleanly by the HTTP layer.
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(app.base.trim_start_matches("http://")).await.unwrap();
    let request =
        format!("GET /ideas?q={} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", "a".repeat(1 << 20));
    let _ = stream.write_all(request.as_bytes()).await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let status_line = String::from_utf8_lossy(&answer[..answer.len().min(40)]).to_string();
    assert!(status_line.starts_with("HTTP/1.1 4"), "a megabyte query: {status_line:?}");

    // Signing in with hostile text as the address: refused like a wrong password, never a 5xx,
    // and nothing of it is looked up or stored (the store is asked for valid addresses only).
    for (name, value) in corpus() {
        let response = app.login(&value, "forkert").await;
        let status = response.status();
        let text = response.text().await.unwrap();
        assert!(status.is_client_error(), "sign-in with {name}: {status}");
        assert_inert(&text, &format!("sign-in with {name}"));
    }
}

fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A moderator's reason for hiding or showing a comment, from the corpus: refused with its code,
/// or kept and shown as text on the moderation log, never run.
async fn every_moderation_reason(app: TestApp) {
    let jonas = app.token_for("jonas.bech@idespor.test").await;
    let comment = app.pool.count("SELECT MIN(id) FROM comments", &[]).await.unwrap();
    let path = format!("/api/v1/comments/{comment}/hidden");
    let mut hidden = false;
    let mut kept = Vec::new();
    for (name, value) in corpus() {
        let expected = idespor_domain::text::line_problem(value.trim(), idespor_domain::moderation::REASON_MAX);
        let body = serde_json::json!({"hidden": !hidden, "reason": value});
        let (status, answer) = call(&app, &jonas, Method::PUT, &path, &body).await;
        if api_outcome(status, &answer, expected, &format!("reason {name}")) {
            hidden = !hidden;
            kept.push(value.trim().to_string());
        }
    }
    assert!(kept.len() >= 5, "some hostile reasons are ordinary text and kept: {}", kept.len());
    app.login_ok("jonas.bech@idespor.test").await;
    let (status, page) = app.get_text("/moderation").await;
    assert_eq!(status, StatusCode::OK);
    assert_inert(&page, "the moderation log");
    let (_, shown) = read(&page);
    for reason in &kept {
        assert!(shown.contains(reason.as_str()), "the reason is shown as written: {}", short(reason));
    }
}
