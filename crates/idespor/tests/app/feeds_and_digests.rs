//! Feeds and digests, on SQLite and PostgreSQL: the private calendar and Atom feeds read by real
//! parsers (the `ical` and `feed-rs` crates), with correct Copenhagen times and links that stop
//! working when renewed; digests queued and mail claimed exactly once however many processes
//! run the jobs; and a digest's content for a fixed week.

use crate::common::{Demo, TestApp};

const DEMO: Demo = Demo::Full;

use idespor_domain::Store;
use idespor_domain::clock::FixedClock;
use idespor_domain::idea::{IdeaFilter, IdeaSort, IdeaStatus, Move};
use idespor_domain::mail::{Cadence, DigestKind, OutboxKind};
use idespor_domain::notify::NotificationKind;
use idespor_domain::service::{Actor, Services};
use idespor_domain::store::MeetingFilter;
use idespor_domain::{GroupId, OutboxId, UserId};
use jiff::{SignedDuration, Timestamp};
use reqwest::StatusCode;
use std::collections::HashSet;
use std::sync::Arc;

const HANNE: &str = "hanne.bro@idespor.test"; // tovholder for Erfagruppe Syd
const MAJA: &str = "maja.winther@idespor.test"; // member of Erfagruppe Syd

on_both_backends!(
    calendar_and_atom_feeds_parse_and_follow_the_link_s_owner,
    feeds_carry_hostile_text_that_got_in_before_the_rules_inside_its_own_fields,
    digests_are_queued_and_mail_claimed_once_across_processes,
);

async fn actor(app: &TestApp, email: &str) -> Actor {
    Actor::new(app.store.find_login_candidate(email).await.unwrap().unwrap().user)
}

/// The path of a feed address as shown on a page (the page names the configured public address).
fn feed_path(page: &str, id: &str) -> String {
    let start = page.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} on the page"));
    let value = &page[start..];
    let value = &value[value.find("value=\"").unwrap() + 7..];
    let url = &value[..value.find('"').unwrap()];
    let path = &url[url.find("/feeds/").unwrap()..];
    path.to_string()
}

async fn calendar_and_atom_feeds_parse_and_follow_the_link_s_owner(app: TestApp) {
    app.login_ok(HANNE).await;
    let hanne = actor(&app, HANNE).await;
    let (status, profile) = app.get_text("/profile").await;
    assert_eq!(status, StatusCode::OK);
    let ics_path = feed_path(&profile, "feed-ics");

    // My meetings as iCalendar, read by a real parser; no session needed.
    let anonymous = crate::common::http().build().unwrap();
    let response = anonymous.get(app.url(&ics_path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let body = response.text().await.unwrap();
    let calendar = ical::IcalParser::new(body.as_bytes()).next().expect("a calendar").expect("it parses");
    let since = app.svc.now() - SignedDuration::from_hours(24 * 365);
    let mine = app
        .svc
        .meetings(&MeetingFilter {
            invited: Some(hanne.user.id),
            ends_after: Some(since),
            include_cancelled: true,
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!mine.is_empty(), "the demo invites Hanne to meetings");
    assert_eq!(calendar.events.len(), mine.len(), "one event per meeting she is invited to");
    let tz = jiff::tz::TimeZone::get("Europe/Copenhagen").unwrap();
    for meeting in &mine {
        let uid = format!("meeting-{}@", meeting.id);
        let event = calendar
            .events
            .iter()
            .find(|e| {
                e.properties.iter().any(|p| p.name == "UID" && p.value.as_deref().is_some_and(|v| v.starts_with(&uid)))
            })
            .unwrap_or_else(|| panic!("meeting {} is in the calendar", meeting.id));
        let prop = |name: &str| event.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap();
        // Written in UTC ("…Z"); the same instant as the meeting's local Copenhagen time.
        let start = prop("DTSTART");
        let parsed = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%SZ", &start)
            .unwrap()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .unwrap();
        assert_eq!(parsed.timestamp(), meeting.starts_at, "{start}");
        let local = meeting.starts_at.to_zoned_datetime(tz.clone());
        assert_eq!(
            parsed.with_time_zone(tz.clone()).time(),
            local.time(),
            "the calendar shows the meeting at its Copenhagen time"
        );
        assert!(prop("SUMMARY").contains(&meeting.title));
    }

    // A group's decisions as Atom, read by a real parser.
    let syd = app.store.find_group_by_name("Erfagruppe Syd").await.unwrap().unwrap();
    let (status, group_page) = app.get_text(&format!("/groups/{}", syd.id)).await;
    assert_eq!(status, StatusCode::OK);
    let atom_start = group_page.find("/decisions.atom").unwrap();
    let href_start = group_page[..atom_start].rfind("href=\"").unwrap() + 6;
    let atom_url = &group_page[href_start..atom_start + "/decisions.atom".len()];
    let atom_path = &atom_url[atom_url.find("/feeds/").unwrap()..];
    let response = anonymous.get(app.url(atom_path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let feed = feed_rs::parser::parse(response.text().await.unwrap().as_bytes()).expect("the Atom feed parses");
    let decisions = app.svc.decision_feed(syd.id, 50).await.unwrap();
    assert!(!decisions.is_empty());
    assert_eq!(feed.entries.len(), decisions.len());
    let newest = feed.entries[0].title.as_ref().unwrap().content.clone();
    assert!(newest.contains(&decisions[0].title), "newest first: {newest}");
    // Steering decisions published to the erfagruppe are in its feed.
    assert!(decisions.iter().any(|d| d.group_name == "Tovholdergruppen"));

    // One idea's history.
    let idea = app.store.list_ideas(&IdeaFilter::default(), IdeaSort::Newest, 1, 1).await.unwrap().ideas.remove(0);
    let history =
        atom_path.replace(&format!("/groups/{}/decisions.atom", syd.id), &format!("/ideas/{}/history.atom", idea.id));
    let response = anonymous.get(app.url(&history)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let feed = feed_rs::parser::parse(response.text().await.unwrap().as_bytes()).unwrap();
    assert_eq!(feed.entries.len(), app.store.idea_events(idea.id).await.unwrap().len());

    // Another person's token, or a forged one, reads nothing.
    let maja = actor(&app, MAJA).await;
    let forged = ics_path.replacen(&format!("/feeds/{}/", hanne.user.id), &format!("/feeds/{}/", maja.user.id), 1);
    assert_eq!(anonymous.get(app.url(&forged)).send().await.unwrap().status(), StatusCode::NOT_FOUND);

    // New addresses: the old ones stop working.
    assert_eq!(app.post_form("/profile/feeds", &[]).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(anonymous.get(app.url(&ics_path)).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    let (_, profile) = app.get_text("/profile").await;
    let renewed = feed_path(&profile, "feed-ics");
    assert_ne!(renewed, ics_path);
    assert_eq!(anonymous.get(app.url(&renewed)).send().await.unwrap().status(), StatusCode::OK);
}

/// Names and titles stored before line breaks and noncharacters were refused (or by an import):
/// a group name that would add an attendee to every calendar, a lone CR in a meeting title,
/// U+FFFE and U+FFFF in a decision. The calendar keeps each inside its property, folded as RFC
/// 5545 says, and the Atom feed stays XML that a parser reads.
async fn feeds_carry_hostile_text_that_got_in_before_the_rules_inside_its_own_fields(app: TestApp) {
    let syd = app.store.find_group_by_name("Erfagruppe Syd").await.unwrap().unwrap();
    let g = syd.id;
    app.pool
        .execute(&format!(
            "UPDATE community_groups SET name = 'Syd\r\nATTENDEE:mailto:evil@example.com' WHERE id = {g};
             UPDATE meetings SET title = 'Møde\rX-EVIL:1', place = 'Vejle\r\nBEGIN:VALARM' \
             WHERE id = (SELECT MAX(id) FROM meetings WHERE group_id = {g});
             UPDATE decisions SET title = 'Beslutning \u{FFFE}', body = 'Tekst \u{FFFF} og \u{1}' \
             WHERE id = (SELECT MAX(id) FROM decisions WHERE group_id = {g});"
        ))
        .await
        .unwrap();
    app.login_ok(HANNE).await;
    let (_, profile) = app.get_text("/profile").await;
    let mine = feed_path(&profile, "feed-ics");
    let anonymous = crate::common::http().build().unwrap();

    let ics = mine.replace("/meetings.ics", &format!("/groups/{g}/meetings.ics"));
    let response = anonymous.get(app.url(&ics)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.text().await.unwrap();
    assert!(body.ends_with("\r\n"), "{body}");
    for line in body.strip_suffix("\r\n").unwrap().split("\r\n") {
        assert!(!line.contains(['\r', '\n']), "a bare line break: {line:?}");
        assert!(line.len() <= 75, "a line longer than 75 octets is folded: {line:?}");
        for injected in ["ATTENDEE", "X-EVIL", "BEGIN:VALARM"] {
            assert!(!line.starts_with(injected), "{injected} became a property: {body}");
        }
    }
    let calendar = ical::IcalParser::new(body.as_bytes()).next().expect("a calendar").expect("it parses");
    let name = calendar.properties.iter().find(|p| p.name == "X-WR-CALNAME").and_then(|p| p.value.clone()).unwrap();
    assert!(name.contains("ATTENDEE:mailto:evil@example.com"), "the name is kept, as text: {name}");
    assert!(calendar.events.iter().all(|e| e.properties.iter().all(|p| p.name != "ATTENDEE" && p.name != "X-EVIL")));
    assert!(calendar.events.iter().all(|e| e.alarms.is_empty()));
    let summaries: Vec<String> = calendar
        .events
        .iter()
        .flat_map(|e| e.properties.iter().filter(|p| p.name == "SUMMARY"))
        .filter_map(|p| p.value.clone())
        .collect();
    assert!(summaries.iter().any(|s| s.contains("X-EVIL:1")), "the title is kept, as text: {summaries:?}");

    let atom = mine.replace("/meetings.ics", &format!("/groups/{g}/decisions.atom"));
    let response = anonymous.get(app.url(&atom)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let feed = feed_rs::parser::parse(response.text().await.unwrap().as_bytes()).expect("the feed is still XML");
    let titles: Vec<String> = feed.entries.iter().filter_map(|e| e.title.as_ref().map(|t| t.content.clone())).collect();
    assert!(titles.iter().any(|t| t.contains("Beslutning")), "{titles:?}");
    assert_eq!(feed.entries.len(), app.svc.decision_feed(g, 50).await.unwrap().len(), "no entry lost");
}

/// A second "process": its own connection pool and a clock of its own, on the same database.
/// Its storage, too, to look at its outbox.
async fn another_process(app: &TestApp, clock: &FixedClock) -> (Services, Arc<dyn Store>) {
    let db = idespor::startup::open_database(&app.db.config).await.unwrap();
    (idespor::startup::services(db.clone(), Arc::new(clock.clone())), crate::common::storage(&db))
}

/// A week after the demo's newest activity, whatever day the demo was loaded: the Wednesday at
/// least a week after the application's today, 11.00, and the Monday after it, 7.05 (Copenhagen).
fn a_quiet_week_ahead(app: &TestApp) -> (Timestamp, Timestamp) {
    let tz = idespor_domain::clock::copenhagen();
    let mut wednesday = app.svc.now().to_zoned_datetime(tz.clone()).date() + jiff::Span::new().days(7);
    while wednesday.weekday() != jiff::civil::Weekday::Wednesday {
        wednesday = wednesday.tomorrow().unwrap();
    }
    let monday = wednesday + jiff::Span::new().days(5);
    let at = |d: jiff::civil::Date, h: i8, m: i8| d.at(h, m, 0, 0).to_zoned_datetime(tz.clone()).unwrap().timestamp();
    (at(wednesday, 11, 0), at(monday, 7, 5))
}

async fn digests_are_queued_and_mail_claimed_once_across_processes(app: TestApp) {
    // A week of its own, after everything the demo did: on Wednesday a move that tells an
    // erfagruppe; the weekly digest the Monday after.
    let (wednesday, monday) = a_quiet_week_ahead(&app);
    let clock = FixedClock::at(wednesday);
    let (one, one_store) = another_process(&app, &clock).await;
    let (two, two_store) = another_process(&app, &clock).await;
    let hanne = actor(&app, HANNE).await;
    let maja = actor(&app, MAJA).await;
    // Maja wants moves in her weekly digest (the default), comments off.
    one.set_preferences(
        &maja,
        &[(NotificationKind::Moved, Cadence::Weekly), (NotificationKind::Commented, Cadence::Off)],
    )
    .await
    .unwrap();
    let syd: GroupId = app.store.find_group_by_name("Erfagruppe Syd").await.unwrap().unwrap().id;
    let waiting = one.group_queue(&hanne, syd, 1).await.unwrap().ideas;
    let idea = waiting.into_iter().find(|i| i.status == IdeaStatus::Submitted).expect("Syd has a submitted idea");
    one.move_idea(&hanne, idea.id, idea.version, Move::Forward).await.unwrap();
    one.add_comment(&hanne, idea.id, "Sendt videre efter mødet.").await.unwrap();

    // Monday, 7.05 Copenhagen time: both processes queue the weekly digests at once.
    clock.set(monday);
    let (a, b) = tokio::join!(one.enqueue_due_digests(), two.enqueue_due_digests());
    let queued = a.unwrap() + b.unwrap();
    assert!(queued > 0, "the move's recipients get a digest");
    assert_eq!(one.enqueue_due_digests().await.unwrap(), 0, "queued once: a third run adds nothing");
    let digests: Vec<_> = one_store
        .list_outbox(None, 10_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == OutboxKind::Digest(DigestKind::Weekly))
        .collect();
    assert_eq!(digests.len() as u64, queued);
    let people: HashSet<Option<UserId>> = digests.iter().map(|m| m.user_id).collect();
    assert_eq!(people.len(), digests.len(), "one digest per person");
    assert!(people.contains(&Some(maja.user.id)));
    assert!(!people.contains(&Some(hanne.user.id)), "the one who acted is not told");

    // Maja's digest: the move is under new ideas or other news, the comment (off) is not.
    let theirs = digests.iter().find(|m| m.user_id == Some(maja.user.id)).unwrap();
    let digest = one
        .digest(&maja.user, DigestKind::Weekly, theirs.period_start.unwrap(), theirs.period_end.unwrap())
        .await
        .unwrap();
    let all: Vec<_> =
        [&digest.my_ideas, &digest.supported, &digest.new_ideas, &digest.other].into_iter().flatten().collect();
    assert!(all.iter().any(|n| n.idea_id == Some(idea.id) && n.kind == NotificationKind::Moved), "{digest:?}");
    assert!(!all.iter().any(|n| n.kind == NotificationKind::Commented), "comments are off for her");
    let mail =
        idespor_web::mail::compose(&one, "https://idespor.example.dk", "KMD Nexus", theirs).await.unwrap().unwrap();
    assert!(mail.subject.contains("Ugens overblik"), "{}", mail.subject);
    assert!(mail.text.contains(&idea.title));
    assert!(mail.text.contains(&format!("https://idespor.example.dk/ideas/{}", idea.id)));

    // Both processes claim at once: every mail goes to exactly one of them.
    let now = clock_now(&clock);
    let until = now + SignedDuration::from_secs(120);
    let (a, b) =
        tokio::join!(one_store.claim_outbox(now, until, 10_000, 12), two_store.claim_outbox(now, until, 10_000, 12));
    let (a, b) = (a.unwrap(), b.unwrap());
    let a_ids: HashSet<OutboxId> = a.iter().map(|m| m.id).collect();
    let b_ids: HashSet<OutboxId> = b.iter().map(|m| m.id).collect();
    assert!(a_ids.is_disjoint(&b_ids), "no mail claimed twice");
    for d in &digests {
        assert!(a_ids.contains(&d.id) || b_ids.contains(&d.id), "every due mail claimed");
    }
    // While claimed, nobody else takes them.
    assert!(one_store.claim_outbox(now, until, 10_000, 12).await.unwrap().is_empty());
}

fn clock_now(clock: &FixedClock) -> Timestamp {
    use idespor_domain::clock::Clock;
    clock.now()
}
