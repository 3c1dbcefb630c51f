//! The way back, on SQLite and PostgreSQL: meetings and decisions that move ideas by the
//! journey's rules, a tovholdergruppe decision travelling to every erfagruppe until each has
//! presented it, and notifications by e-mail through the outbox to a real SMTP server, with a
//! one-click unsubscribe link that works without signing in.

use crate::common::mail::{SmtpServer, Worker, aiosmtpd_or_skip, decode_header, header_of, mails_to};
use crate::common::{Demo, TestApp, free_port};

const DEMO: Demo = Demo::Full;
use idespor_domain::OutboxId;
use idespor_domain::group::GroupKind;
use idespor_domain::idea::{Idea, IdeaForm, IdeaStatus, Move, MoveKind};
use idespor_domain::mail::{Cadence, OutboxKind, OutboxMessage, OutboxStatus};
use idespor_domain::meeting::DecisionFilter;
use idespor_domain::notify::{NotificationFilter, NotificationKind};
use idespor_domain::service::{Actor, UNSUBSCRIBE_ALL};
use idespor_domain::store::MeetingFilter;
use idespor_domain::{DecisionId, GroupId, IdeaId, UserId};
use jiff::{SignedDuration, Timestamp};
use reqwest::{StatusCode, header};
use std::time::{Duration, Instant};

const MAJA: &str = "maja.winther@idespor.test"; // Varde, member of Erfagruppe Syd
const PETER: &str = "peter.hvid@idespor.test"; // Odense, member of Erfagruppe Syd
const HANNE: &str = "hanne.bro@idespor.test"; // tovholder for Erfagruppe Syd, in the tovholdergruppe
const METTE: &str = "mette.kragh@idespor.test"; // tovholder for Erfagruppe Nord, in the tovholdergruppe
const PERNILLE: &str = "pernille.frost@idespor.test"; // a plain member of the tovholdergruppe

on_both_backends!(
    a_steering_decision_moves_an_idea_and_travels_to_every_erfagruppe,
    a_decision_that_moves_an_idea_its_group_does_not_hold_saves_nothing,
    a_meeting_that_ends_before_it_starts_is_refused_and_keeps_the_input,
    mail_goes_out_once_through_a_real_smtp_server_even_after_it_was_down,
    a_mail_whose_sender_never_answers_fails_visibly_after_its_last_attempt,
    supporters_and_commenters_hear_what_became_of_the_idea,
    the_start_page_is_the_person_s_work_for_today,
    a_decision_and_its_presentation_carry_their_meeting_s_date,
    a_group_counts_its_active_members,
    the_one_click_unsubscribe_link_turns_mail_off_without_signing_in,
    the_api_keeps_meetings_and_decisions_by_the_same_rules,
    what_became_of_an_erfagruppe_s_ideas_is_told_by_outcome,
    a_cancelled_meeting_hands_its_decisions_to_the_group_s_next_meeting,
    a_meeting_can_mention_merge_and_park_in_its_decision,
    an_author_s_changes_are_kept_shown_and_told_to_followers,
);

// ---------------------------------------------------------------------------------------------
// Meetings and decisions

async fn a_steering_decision_moves_an_idea_and_travels_to_every_erfagruppe(app: TestApp) {
    let steering = group_id(&app, "Tovholdergruppen").await;
    let syd = group_id(&app, "Erfagruppe Syd").await;
    let erfa: Vec<GroupId> =
        app.store.groups_of_kind(GroupKind::Erfa).await.unwrap().into_iter().map(|g| g.id).collect();
    assert_eq!(erfa.len(), 5, "the demo has five erfagrupper");
    assert!(erfa.contains(&syd));

    // An idea the tovholdergruppe holds, forwarded and waiting for its prioritization.
    let pernille = actor(&app, PERNILLE).await;
    let idea = app
        .svc
        .group_queue(&pernille, steering, 1)
        .await
        .unwrap()
        .ideas
        .into_iter()
        .find(|i| i.status == IdeaStatus::Forwarded)
        .expect("the demo's tovholdergruppe holds a forwarded idea");
    assert_eq!(idea.holder_group_id, Some(steering));

    // Erfagruppe Syd has a meeting coming up: the decision will be on its agenda.
    app.login_ok(HANNE).await;
    plan_meeting(&app, syd, "erfa", "Erfamøde i Syd").await;

    // Any member of the tovholdergruppe keeps its meetings and records its decisions.
    app.login_ok(PERNILLE).await;
    let meeting = plan_meeting(&app, steering, "steering", "Tovholdermøde om prioriteringen").await;
    let (status, page) = app.get_text(&format!("/meetings/{meeting}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!("name=\"move_{}\"", idea.id)), "the ideas the group holds are offered");

    let title = "Overblikket prioriteres som nummer 1";
    let response = record_decision(&app, meeting, title, &[(&idea, "prioritize", Some(1))]).await;
    let status = response.status();
    let location = location_of(&response);
    assert_eq!(status, StatusCode::SEE_OTHER, "{}", response.text().await.unwrap_or_default());
    assert!(location.starts_with("/decisions/"), "{location}");
    let decision = id_from(&location, "/decisions/");

    // The idea moved by the journey's own rules, and its history cites the decision.
    let moved = app.store.get_idea(idea.id).await.unwrap().unwrap();
    assert_eq!(moved.status, IdeaStatus::Prioritized);
    assert_eq!(moved.rank, Some(1));
    assert!(moved.version > idea.version, "the move made a new version");
    let view = app.svc.idea_view(&pernille, idea.id).await.unwrap();
    let event = view.events.iter().rev().find(|e| e.kind == MoveKind::Prioritize).expect("a prioritize event");
    assert_eq!(event.decision_id, Some(DecisionId(decision)));
    assert_eq!(event.decision_title.as_deref(), Some(title));
    let (_, page) = app.get_text(&format!("/ideas/{}", idea.id)).await;
    assert!(
        page.contains(title) && page.contains(&format!("href=\"/decisions/{decision}\"")),
        "the idea's timeline names and links the decision"
    );

    // Published to every erfagruppe, none of which has presented it yet.
    let (status, page) = app.get_text(&format!("/decisions/{decision}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(title) && page.contains(&format!("href=\"/ideas/{}\"", idea.id)));
    for group in &erfa {
        let row = presentation_row(&page, *group);
        assert!(row.contains("Ikke fremlagt endnu"), "group {group}: {row}");
    }
    let (_, page) = app.get_text(&format!("/meetings/{meeting}")).await;
    assert!(
        section(&page, "id=\"decisions\"").contains(&format!("href=\"/decisions/{decision}\"")),
        "the meeting lists its decision"
    );

    // An erfagruppe member sees it on the group's page, under "At fremlægge" …
    app.login_ok(MAJA).await;
    let (status, page) = app.get_text(&format!("/groups/{syd}")).await;
    assert_eq!(status, StatusCode::OK);
    let to_present = section(&page, "id=\"to-present\"");
    assert!(
        to_present.contains("At fremlægge") && to_present.contains(&format!("href=\"/decisions/{decision}\"")),
        "{to_present}"
    );
    // … and on the agenda of the group's next meeting, as an information item.
    let now = app.svc.now();
    let next = app
        .svc
        .meetings(&MeetingFilter { group: Some(syd), ends_after: Some(now), limit: 50, ..Default::default() })
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.starts_at > now && m.cancelled_at.is_none())
        .min_by_key(|m| (m.starts_at, m.id.0))
        .expect("Erfagruppe Syd's next meeting");
    let (_, page) = app.get_text(&format!("/meetings/{}", next.id)).await;
    assert!(
        section(&page, "id=\"agenda\"").contains(&format!("href=\"/decisions/{decision}\"")),
        "the decision is on the next erfamøde's agenda"
    );

    // Only the erfagruppe's tovholder marks it presented.
    let syd_id = syd.to_string();
    let presented = format!("/decisions/{decision}/presented");
    let response = app.post_form(&presented, &[("group_id", &syd_id)]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "a member does not mark decisions presented");
    app.login_ok(HANNE).await;
    let response = app.post_form(&presented, &[("group_id", &syd_id)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location_of(&response).starts_with(&format!("/decisions/{decision}")));
    let again = app.post_form(&presented, &[("group_id", &syd_id)]).await;
    assert_eq!(again.status(), StatusCode::CONFLICT, "presented once");

    let (_, page) = app.get_text(&format!("/decisions/{decision}")).await;
    for group in &erfa {
        let row = presentation_row(&page, *group);
        if *group == syd {
            assert!(row.contains("Fremlagt") && row.contains("Hanne Bro"), "Syd has presented it: {row}");
            assert!(!row.contains("Ikke fremlagt endnu"), "{row}");
        } else {
            assert!(row.contains("Ikke fremlagt endnu"), "group {group} has not: {row}");
        }
    }
    app.login_ok(MAJA).await;
    let (_, page) = app.get_text(&format!("/groups/{syd}")).await;
    assert!(
        !section(&page, "id=\"to-present\"").contains(&format!("/decisions/{decision}\"")),
        "no longer waiting to be presented in Syd"
    );
}

async fn a_decision_that_moves_an_idea_its_group_does_not_hold_saves_nothing(app: TestApp) {
    let nord = group_id(&app, "Erfagruppe Nord").await;
    let ours = submitted_idea(&app, METTE, "Erfagruppe Nord", "Vagtplanen skal vise kørselstid").await;
    let theirs = submitted_idea(&app, MAJA, "Erfagruppe Syd", "Medicinoverblik ved aftenbesøg").await;
    assert_eq!(ours.holder_group_id, Some(nord));
    assert_ne!(theirs.holder_group_id, Some(nord));

    app.login_ok(METTE).await;
    let meeting = plan_meeting(&app, nord, "erfa", "Erfamøde i Nord").await;
    let all = DecisionFilter { limit: Some(500), ..Default::default() };
    let before = app.svc.decisions(&all).await.unwrap().len();

    // A move Nord may make, and one on an idea Erfagruppe Syd holds: all or nothing.
    let title = "Nord sender to idéer videre";
    let response = record_decision(&app, meeting, title, &[(&ours, "forward", None), (&theirs, "forward", None)]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body = response.text().await.unwrap();
    assert!(body.contains("Beslutningen blev ikke gemt"), "the page says the decision was refused");
    assert!(!body.contains("err-decision_idea_not_held"), "and why, in words");
    assert!(body.contains(&format!("value=\"{title}\"")), "the typed decision is kept");

    for idea in [&ours, &theirs] {
        let now = app.store.get_idea(idea.id).await.unwrap().unwrap();
        assert_eq!(
            (now.status, now.version, now.holder_group_id),
            (idea.status, idea.version, idea.holder_group_id),
            "#{} is untouched",
            idea.id
        );
    }
    assert_eq!(app.svc.decisions(&all).await.unwrap().len(), before, "no decision was saved");
    let (_, log) = app.get_text("/decisions").await;
    assert!(!log.contains(title));

    // The same decision about Nord's own idea alone is recorded (so the refusal was the other idea).
    let response = record_decision(&app, meeting, "Nord sender sin idé videre", &[(&ours, "forward", None)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location_of(&response).starts_with("/decisions/"));
    assert_eq!(app.store.get_idea(ours.id).await.unwrap().unwrap().status, IdeaStatus::Forwarded);
    assert_eq!(app.svc.decisions(&all).await.unwrap().len(), before + 1);
}

async fn a_meeting_that_ends_before_it_starts_is_refused_and_keeps_the_input(app: TestApp) {
    let steering = group_id(&app, "Tovholdergruppen").await;
    let before = meeting_count(&app, steering).await;
    app.login_ok(PERNILLE).await;
    let title = "Tovholdermøde om prioriteringen";
    let date = in_a_week(&app);
    let response = app
        .post_form(
            &format!("/groups/{steering}/meetings"),
            &[
                ("kind", "steering"),
                ("title", title),
                ("date", &date),
                ("start_time", "14.00"),
                ("end_time", "13.00"),
                ("place", "Vejle Rådhus"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(body.contains(&format!("value=\"{title}\"")), "the typed title is kept");
    assert!(body.contains("value=\"14.00\"") && body.contains("value=\"13.00\"") && body.contains(&date));
    let message = field_error(&body, "end_time").expect("the error is at the end time");
    assert!(!message.trim().is_empty() && !message.starts_with("err-"), "a message in Danish, not a key: {message}");
    assert!(body.contains("href=\"#end_time\""), "the error summary points at the field");
    assert_eq!(meeting_count(&app, steering).await, before, "no meeting was planned");
}

// ---------------------------------------------------------------------------------------------
// Mail

async fn mail_goes_out_once_through_a_real_smtp_server_even_after_it_was_down(app: TestApp) {
    if !aiosmtpd_or_skip("mail_goes_out_once_through_a_real_smtp_server_even_after_it_was_down") {
        return;
    }
    let maja = crate::common::mail::only_moves_by_mail_at_once(&app.svc, MAJA).await;
    let idea = submitted_idea(&app, MAJA, "Erfagruppe Syd", "Påmindelse før medicinen udløber").await;

    // The mail worker runs, but the mail server is not there yet.
    let port = free_port();
    let dir = tempfile::tempdir().unwrap();
    let maildir = dir.path().join("maildir");
    let mut config = app.db.config.clone();
    config.public_url = app.base.clone();
    config.mail.smtp_url = format!("smtp://127.0.0.1:{port}");
    config.mail.from = "Idéspor <noreply@idespor.test>".into();
    config.mail.poll_millis = 100;
    let _worker =
        Worker(idespor::startup::spawn_mail_worker(&app.svc, &config).expect("the worker starts with a mail server"));

    // Hanne forwards Maja's idea: Maja is told, by mail at once.
    forward(&app, HANNE, idea.id).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let waiting = loop {
        if let Some(row) = mail_to(&app, maja.user.id).await
            && row.attempts >= 1
            && row.status == OutboxStatus::Queued
        {
            break row;
        }
        assert!(Instant::now() < deadline, "no failed attempt recorded: {:?}", mail_to(&app, maja.user.id).await);
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(waiting.last_error.as_deref().is_some_and(|e| !e.trim().is_empty()), "the error is kept: {waiting:?}");
    assert!(waiting.next_attempt_at > app.svc.now(), "the next attempt waits: {waiting:?}");
    tokio::time::sleep(Duration::from_millis(600)).await;
    let still = mail_to(&app, maja.user.id).await.unwrap();
    assert_eq!((still.attempts, still.status), (1, OutboxStatus::Queued), "it backs off, not hammering the server");

    // The mail server comes up; an operator makes the mail due now instead of waiting.
    let _smtp = SmtpServer::start(port, &maildir).await;
    let admin = actor(&app, crate::common::ADMIN).await;
    let deadline = Instant::now() + Duration::from_secs(5);
    while let Err(e) = app.svc.retry_mail(&admin, waiting.id).await {
        assert!(Instant::now() < deadline, "the mail could not be retried: {e}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let deadline = Instant::now() + Duration::from_secs(15);
    while mails_to(&maildir, MAJA).is_empty() {
        assert!(
            Instant::now() < deadline,
            "no mail reached the server; outbox: {:?}",
            mail_to(&app, maja.user.id).await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mails = mails_to(&maildir, MAJA);
    assert_eq!(mails.len(), 1, "one mail");
    let mail = &mails[0];

    // What was sent is what the outbox row stands for: the subject, and the one-click link.
    let expected = idespor_web::mail::compose(&app.svc, &app.base, &config.product_name, &waiting)
        .await
        .unwrap()
        .expect("the mail still has something to say");
    assert!(header_of(mail, "To").is_some_and(|to| to.contains(MAJA)), "{mail:?}");
    assert!(header_of(mail, "From").is_some_and(|from| from.contains("noreply@idespor.test")), "{mail:?}");
    let subject = header_of(mail, "Subject").expect("a Subject header");
    assert_eq!(decode_header(subject), expected.subject);
    let unsubscribe = header_of(mail, "List-Unsubscribe").expect("a List-Unsubscribe header");
    assert_eq!(unsubscribe, format!("<{}>", expected.unsubscribe_url));
    let url = unsubscribe.trim_start_matches('<').trim_end_matches('>').to_string();
    assert!(url.starts_with(&format!("{}/unsubscribe/{}/moved/", app.base, maja.user.id)), "{url}");
    assert_eq!(header_of(mail, "List-Unsubscribe-Post"), Some("List-Unsubscribe=One-Click"));

    // Sent, once.
    let deadline = Instant::now() + Duration::from_secs(5);
    let sent = loop {
        let row = mail_to(&app, maja.user.id).await.unwrap();
        if row.status == OutboxStatus::Sent {
            break row;
        }
        assert!(Instant::now() < deadline, "the outbox row is not marked sent: {row:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(sent.id, waiting.id);
    assert_eq!(sent.attempts, 2, "one failed attempt, one that went through");
    assert_eq!(sent.last_error, None);
    assert!(sent.sent_at.is_some());
    assert_eq!(sent.subject.as_deref(), Some(expected.subject.as_str()));
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(mails_to(&maildir, MAJA).len(), 1, "never sent twice");
    assert_eq!(mail_to(&app, maja.user.id).await.unwrap().status, OutboxStatus::Sent);
    assert!(app.svc.retry_mail(&admin, sent.id).await.is_err(), "a sent mail cannot be sent again");

    // The link in the header works from the mail provider: a POST without cookies.
    let (status, _) = one_click(&url).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.svc.preferences(&maja).await.unwrap().get(NotificationKind::Moved), Cadence::Off);
}

/// Supporting an idea and commenting on it make the person follow it, so the organization that
/// supported it hears what became of it; whoever stops following hears no more. The idea page
/// says so.
async fn supporters_and_commenters_hear_what_became_of_the_idea(app: TestApp) {
    let idea = submitted_idea(&app, MAJA, "Erfagruppe Syd", "Fælles skabelon til handleplaner").await;
    // Anders is in Erfagruppe Nord: he hears of a Syd idea only by following it.
    let peter = actor(&app, "anders.kjeldsen@idespor.test").await;
    let pernille = actor(&app, PERNILLE).await;
    app.svc.support_idea(&peter, idea.id, true).await.unwrap();
    app.svc.add_comment(&pernille, idea.id, "Det har vi også brug for i Nordfyn.").await.unwrap();
    for person in [&peter, &pernille] {
        let view = app.svc.idea_view(person, idea.id).await.unwrap();
        assert!(view.follows, "{} follows the idea", person.user.name);
        // News of moves in the list (and the daily digest), not by mail at once.
        app.svc.set_preferences(person, &[(NotificationKind::Moved, Cadence::Daily)]).await.unwrap();
    }
    app.login_ok("anders.kjeldsen@idespor.test").await;
    let (_, page) = app.get_text(&format!("/ideas/{}", idea.id)).await;
    assert!(page.contains("Du følger idéen og får besked om, hvad der bliver af den."), "the page says so");

    let told = |person: Actor| {
        let svc = app.svc.clone();
        async move {
            let moves = NotificationFilter { kind: Some(NotificationKind::Moved), unread_only: false };
            let page = svc.notifications(&person, moves, 1).await.unwrap();
            page.list.iter().filter(|n| n.idea_id == Some(idea.id)).count()
        }
    };
    let (peter_before, pernille_before) = (told(peter.clone()).await, told(pernille.clone()).await);
    forward(&app, HANNE, idea.id).await;
    assert_eq!(told(peter.clone()).await, peter_before + 1, "the supporter is told of the forward");
    assert_eq!(told(pernille.clone()).await, pernille_before + 1, "the commenter is told of the forward");

    // Peter stops following: the next move reaches Pernille, not him.
    app.svc.follow_idea(&peter, idea.id, false).await.unwrap();
    assert!(app.svc.idea_view(&peter, idea.id).await.unwrap().supports, "he still supports it");
    let mette = actor(&app, METTE).await;
    let steering = app.svc.idea_view(&mette, idea.id).await.unwrap().idea;
    app.svc.move_idea(&mette, idea.id, steering.version, Move::SendToProduct).await.unwrap();
    assert_eq!(told(peter).await, peter_before + 1, "no news after he stopped following");
    assert_eq!(told(pernille).await, pernille_before + 2);
}

/// The start page is each person's work for today: the author sees the ideas that wait for her
/// answer ("Mangler information" leaves the idea with the product managers, but she must
/// answer); a tovholder sees her group's queue with the number the list gives; everyone sees
/// how to write an idea, their own ideas, and the rounds open for ballots.
async fn the_start_page_is_the_person_s_work_for_today(app: TestApp) {
    let idea = submitted_idea(&app, MAJA, "Erfagruppe Syd", "Samlet visning af hjælpemidler").await;
    forward(&app, HANNE, idea.id).await;
    let mette = actor(&app, METTE).await;
    let now = app.store.get_idea(idea.id).await.unwrap().unwrap();
    let now = app.svc.move_idea(&mette, idea.id, now.version, Move::SendToProduct).await.unwrap();
    let lone = actor(&app, "lone.kjaergaard@idespor.test").await;
    let ask = Move::AskForInformation { question: "Hvilke hjælpemidler drejer det sig om?".into() };
    app.svc.move_idea(&lone, idea.id, now.version, ask).await.unwrap();

    app.login_ok(MAJA).await;
    let (status, page) = app.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    let waiting = section(&page, "id=\"awaiting-answer\"");
    assert!(waiting.contains(&format!("href=\"/ideas/{}\"", idea.id)), "her idea waits for her answer: {waiting}");
    assert!(page.contains("href=\"/ideas/new\"") && page.contains("href=\"/ideas?mine=1\""));
    let syd = group_id(&app, "Erfagruppe Syd").await;
    assert!(page.contains(&format!("href=\"/groups/{syd}/outcomes\"")), "what became of her group's ideas");
    assert!(!page.contains("id=\"my-queues\""), "a member has no queue of her own");

    app.login_ok(HANNE).await;
    let (_, page) = app.get_text("/").await;
    assert!(!page.contains("id=\"awaiting-answer\""), "nothing waits for Hanne's answer");
    let queues = section(&page, "id=\"my-queues\"");
    let held = app.svc.group_queue(&actor(&app, HANNE).await, syd, 1).await.unwrap().total;
    let line = queues.split("<li>").find(|l| l.contains("Erfagruppe Syd")).expect("Syd's queue is listed");
    assert!(line.contains(&format!("{held} idé")), "the queue says {held}: {line}");
    // The navigation is short: personal links sit apart from the eight sections.
    let main_nav = section(&page, "aria-label=\"Hovedmenu\"");
    let main_nav = &main_nav[..main_nav.find("</nav>").unwrap()];
    assert_eq!(main_nav.matches("<li>").count(), 8, "{main_nav}");
}

/// A decision recorded for a meeting that has been held carries the meeting's time, not the day
/// the minutes were typed in (and the moves it makes never go before the idea's last step); a
/// presentation at an erfagruppe's meeting carries that meeting's time.
async fn a_decision_and_its_presentation_carry_their_meeting_s_date(app: TestApp) {
    let held = |group: GroupId| {
        let svc = app.svc.clone();
        async move {
            let filter = MeetingFilter {
                group: Some(group),
                starts_before: Some(svc.now() - jiff::SignedDuration::from_hours(48)),
                newest_first: true,
                limit: 1,
                ..Default::default()
            };
            svc.meetings(&filter).await.unwrap().into_iter().next().expect("a meeting held some days ago")
        }
    };
    let steering = group_id(&app, "Tovholdergruppen").await;
    let syd = group_id(&app, "Erfagruppe Syd").await;
    let meeting = held(steering).await;
    let idea = submitted_idea(&app, MAJA, "Erfagruppe Syd", "Samme skabelon til alle handleplaner").await;
    forward(&app, HANNE, idea.id).await;
    let idea = app.store.get_idea(idea.id).await.unwrap().unwrap();

    app.login_ok(PERNILLE).await;
    let response =
        record_decision(&app, meeting.id.0, "Prioriteret efter mødet", &[(&idea, "prioritize", Some(1))]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let decision = DecisionId(id_from(&location_of(&response), "/decisions/"));
    let (recorded, presentations) = app.svc.decision(decision).await.unwrap();
    assert_eq!(recorded.decided_at, meeting.starts_at, "decided at the meeting, not when typed in");
    assert!(recorded.decided_at < app.svc.now());
    let events = app.store.idea_events(idea.id).await.unwrap();
    let prioritized = events.iter().find(|e| e.kind == MoveKind::Prioritize).unwrap();
    assert_eq!(prioritized.at, idea.status_changed_at, "the move is not put before the idea's forward");

    // Syd presents it at a meeting it held: at that meeting's time.
    assert!(presentations.iter().any(|p| p.group_id == syd && p.presented_at.is_none()));
    let syd_meeting = held(syd).await;
    let hanne = actor(&app, HANNE).await;
    app.svc.mark_presented(&hanne, decision, syd, Some(syd_meeting.id)).await.unwrap();
    let (_, presentations) = app.svc.decision(decision).await.unwrap();
    let ours = presentations.iter().find(|p| p.group_id == syd).unwrap();
    assert_eq!(ours.presented_at, Some(syd_meeting.starts_at));
    assert_eq!(ours.meeting_id, Some(syd_meeting.id));
}

/// A group's member count (the group page names the coordinators and counts the others) leaves
/// out people who are deactivated, and counts them again when they come back.
async fn a_group_counts_its_active_members(app: TestApp) {
    let syd = group_id(&app, "Erfagruppe Syd").await;
    let admin = actor(&app, crate::common::ADMIN).await;
    let count = || async { app.svc.group_overview(&admin, syd).await.unwrap().member_count };
    let before = count().await;
    let members = app.svc.group_detail(&admin, syd).await.unwrap().members;
    let listed = members.iter().filter(|m| m.role == idespor_domain::group::GroupRole::Member).count() as i64;
    assert_eq!(before, listed, "the count is the members page's list");
    let peter = actor(&app, PETER).await.user;
    let form = |active: &str| idespor_domain::user::UserAdminForm {
        name: peter.name.clone(),
        email: peter.email.clone(),
        org_id: peter.org_id.map(|o| o.0.to_string()).unwrap_or_default(),
        language: "da".into(),
        is_admin: String::new(),
        is_moderator: String::new(),
        active: active.into(),
    };
    app.svc.update_user(&admin, peter.id, &form("")).await.unwrap();
    assert_eq!(count().await, before - 1, "a deactivated member is not counted");
    app.svc.update_user(&admin, peter.id, &form("on")).await.unwrap();
    assert_eq!(count().await, before);
}

/// A claimed mail whose sender never reports back (the process died, or the mail made it crash)
/// is claimed again until its attempts are used up, and then fails where an operator sees it:
/// it never stays "sending" for ever.
async fn a_mail_whose_sender_never_answers_fails_visibly_after_its_last_attempt(app: TestApp) {
    let maja = crate::common::mail::only_moves_by_mail_at_once(&app.svc, MAJA).await;
    let idea = submitted_idea(&app, MAJA, "Erfagruppe Syd", "Besked når en borger flytter kommune").await;
    forward(&app, HANNE, idea.id).await;
    let mail = mail_to(&app, maja.user.id).await.expect("a mail to Maja is queued");
    let claim = SignedDuration::from_secs(120);
    let claims_at = |at: Timestamp| {
        let store = app.store.clone();
        async move {
            store.claim_outbox(at, at + claim, 10_000, 2).await.unwrap().into_iter().map(|m| m.id).collect::<Vec<_>>()
        }
    };
    let start = app.svc.now() + SignedDuration::from_secs(1);
    assert!(claims_at(start).await.contains(&mail.id), "claimed the first time");
    assert!(!claims_at(start + SignedDuration::from_secs(60)).await.contains(&mail.id), "not while its claim holds");
    let second = start + SignedDuration::from_secs(121);
    assert!(claims_at(second).await.contains(&mail.id), "claimed again once the claim ran out");
    assert!(!claims_at(second + SignedDuration::from_secs(121)).await.contains(&mail.id), "not after the last attempt");
    let row = mail_to(&app, maja.user.id).await.unwrap();
    assert_eq!((row.status, row.attempts), (OutboxStatus::Failed, 2), "{row:?}");
    assert!(row.last_error.as_deref().is_some_and(|e| e.contains("no answer")), "{row:?}");
}

async fn the_one_click_unsubscribe_link_turns_mail_off_without_signing_in(app: TestApp) {
    // Maja chooses mail at once for moves and comments, in her profile.
    let maja = actor(&app, MAJA).await;
    app.login_ok(MAJA).await;
    let response = app
        .post_form(
            "/profile/notifications",
            &[("moved", "immediate"), ("commented", "immediate"), ("decision", "weekly"), ("meeting", "weekly")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let prefs = app.svc.preferences(&maja).await.unwrap();
    assert_eq!(prefs.get(NotificationKind::Moved), Cadence::Immediate);
    assert_eq!(prefs.get(NotificationKind::Commented), Cadence::Immediate);
    assert_eq!(prefs.get(NotificationKind::Edited), Cadence::DEFAULT, "a kind the form did not carry keeps its choice");

    let idea = submitted_idea(&app, MAJA, "Erfagruppe Syd", "Afmelding med ét klik").await;
    forward(&app, HANNE, idea.id).await;
    let row = mail_to(&app, maja.user.id).await.expect("a mail at once is queued for the author");
    let mail = idespor_web::mail::compose(&app.svc, &app.base, "KMD Nexus", &row)
        .await
        .unwrap()
        .expect("the mail has something to say");
    assert_eq!(mail.to, MAJA);
    let url = mail.unsubscribe_url.clone();
    assert!(url.starts_with(&format!("{}/unsubscribe/{}/moved/", app.base, maja.user.id)), "{url}");
    assert!(mail.text.contains(&url) && mail.html.contains(&url), "the link is in the mail's text too");

    // Opening the link only asks (mail scanners open links); it does not unsubscribe.
    let stranger = no_cookies();
    let response = stranger.get(&url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    let path = url.strip_prefix(&app.base).unwrap();
    assert!(page.contains(&format!("action=\"{path}\"")), "one button that posts to the link");
    assert_eq!(cadence_of_moves(&app, &maja).await, Cadence::Immediate, "unchanged");

    // A link with a wrong signature, or for someone else, does nothing.
    let last = url.chars().last().unwrap();
    let forged = format!("{}{}", &url[..url.len() - 1], if last == '0' { '1' } else { '0' });
    assert_eq!(one_click(&forged).await.0, StatusCode::FORBIDDEN);
    let peter = actor(&app, PETER).await;
    let peters = url.replace(&format!("/unsubscribe/{}/", maja.user.id), &format!("/unsubscribe/{}/", peter.user.id));
    assert_eq!(one_click(&peters).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.svc.preferences(&peter).await.unwrap().get(NotificationKind::Moved), Cadence::Weekly);
    assert_eq!(cadence_of_moves(&app, &maja).await, Cadence::Immediate, "unchanged");

    // The one-click POST (RFC 8058): no cookies, no CSRF token; that kind of mail is off.
    let (status, page) = one_click(&url).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Du er afmeldt"), "the page confirms it");
    let prefs = app.svc.preferences(&maja).await.unwrap();
    assert_eq!(prefs.get(NotificationKind::Moved), Cadence::Off);
    assert_eq!(prefs.get(NotificationKind::Commented), Cadence::Immediate, "only that kind");
    assert_eq!(prefs.get(NotificationKind::Decision), Cadence::Weekly);

    // The next move tells Maja in Idéspor, but puts no mail in the outbox.
    let mails_before = mails_for(&app, maja.user.id).await;
    let pernille = actor(&app, PERNILLE).await;
    let current = app.store.get_idea(idea.id).await.unwrap().unwrap();
    app.svc.move_idea(&pernille, idea.id, current.version, Move::Prioritize { rank: 7 }).await.unwrap();
    assert_eq!(mails_for(&app, maja.user.id).await, mails_before, "no mail after unsubscribing");

    // The digest's link unsubscribes from everything.
    let token = app.svc.link_signer().await.unwrap().unsubscribe_token(maja.user.id, UNSUBSCRIBE_ALL);
    let all = format!("{}/unsubscribe/{}/{UNSUBSCRIBE_ALL}/{token}", app.base, maja.user.id);
    assert_eq!(one_click(&all).await.0, StatusCode::OK);
    let prefs = app.svc.preferences(&maja).await.unwrap();
    for kind in NotificationKind::ALL {
        assert_eq!(prefs.get(kind), Cadence::Off, "{kind:?}");
    }
}

/// Cancelling an erfagruppe's meeting moves the tovholdergruppe decisions it was to present to
/// the group's next meeting; a coordinator can put any decision still to present on an agenda;
/// the tovholdergruppe's meeting shows, per erfagruppe, what is still unpresented.
async fn a_cancelled_meeting_hands_its_decisions_to_the_group_s_next_meeting(app: TestApp) {
    let steering = group_id(&app, "Tovholdergruppen").await;
    let syd = group_id(&app, "Erfagruppe Syd").await;
    // Syd meets in one and in two weeks (and maybe already before, in the demo).
    app.login_ok(HANNE).await;
    plan_meeting_on(&app, syd, "Erfamøde om en uge", 7).await;
    plan_meeting_on(&app, syd, "Erfamøde om to uger", 14).await;
    let upcoming = |app: &TestApp| {
        let svc = app.svc.clone();
        async move {
            svc.meetings(&MeetingFilter {
                group: Some(syd),
                ends_after: Some(svc.now()),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap()
        }
    };
    let before = upcoming(&app).await;
    assert!(before.len() >= 2);
    let (first, second) = (before[0].id, before[1].id);

    // The tovholdergruppe decides at its meeting: the decision goes on Syd's next agenda.
    app.login_ok(PERNILLE).await;
    let steering_meeting = plan_meeting_on(&app, steering, "Tovholdermøde", 3).await;
    let response = record_decision(&app, steering_meeting, "Ny skabelon til handleplaner", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let decision = DecisionId(id_from(&location_of(&response), "/decisions/"));
    let on_agenda = |app: &TestApp, meeting: idespor_domain::MeetingId| {
        let store = app.store.clone();
        async move { store.agenda(meeting).await.unwrap().iter().any(|i| i.decision_id == Some(decision)) }
    };
    assert!(on_agenda(&app, first).await);
    assert!(!on_agenda(&app, second).await);

    // The tovholdergruppe's meeting shows it as unpresented in Syd (and the four others).
    let (_, page) = app.get_text(&format!("/meetings/{steering_meeting}")).await;
    let unpresented = section(&page, "id=\"unpresented\"");
    let syd_part = &unpresented[unpresented.find(&format!("id=\"unpresented-{syd}\"")).expect(unpresented)..];
    let syd_part = &syd_part[..syd_part.find("</ul>").unwrap()];
    assert!(syd_part.contains("Ny skabelon til handleplaner"), "{syd_part}");
    assert_eq!(unpresented.matches("<h3 id=\"unpresented-").count(), 5, "every erfagruppe: {unpresented}");

    // Syd cancels its next meeting: the decision moves to the one after, and the page says so.
    app.login_ok(HANNE).await;
    let response = app.post_form(&format!("/meetings/{first}/cancel"), &[]).await;
    assert_eq!(location_of(&response), format!("/meetings/{first}?notice=cancelled_carried"));
    assert!(on_agenda(&app, second).await, "the next meeting takes the decision");
    let (_, page) = app.get_text(&location_of(&response)).await;
    assert!(page.contains("er flyttet til gruppens næste møde"), "the notice tells it");

    // On any other meeting of Syd's, the coordinator can put it on the agenda too, once.
    let third = plan_meeting_on(&app, syd, "Erfamøde om tre uger", 21).await;
    let (_, page) = app.get_text(&format!("/meetings/{third}")).await;
    assert!(page.contains(&format!("<option value=\"{decision}\">")), "offered for the agenda");
    let add = |value: String| {
        let app = &app;
        async move { app.post_form(&format!("/meetings/{third}/agenda"), &[("title", ""), ("decision_id", &value)]).await }
    };
    assert_eq!(add(decision.to_string()).await.status(), StatusCode::SEE_OTHER);
    assert!(on_agenda(&app, idespor_domain::MeetingId(third)).await);
    let agenda = app.store.agenda(idespor_domain::MeetingId(third)).await.unwrap();
    assert_eq!(agenda.iter().filter(|i| i.decision_id == Some(decision)).count(), 1);
    assert!(agenda.iter().any(|i| i.title == "Ny skabelon til handleplaner"), "the title is the decision's");
    let again = add(decision.to_string()).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = again.text().await.unwrap();
    assert_eq!(field_error(&page, "agenda-decision_id").as_deref(), Some("Beslutningen står allerede på dagsordenen."));
    // A decision that is not Syd's to present (its own, or unknown) is refused by name.
    let unknown = add("999999".into()).await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = unknown.text().await.unwrap();
    assert_eq!(
        field_error(&page, "agenda-decision_id").as_deref(),
        Some("Gruppen har ikke den beslutning til fremlæggelse.")
    );
    assert_eq!(app.store.agenda(idespor_domain::MeetingId(third)).await.unwrap().len(), agenda.len(), "nothing added");

    // Once Syd has presented it, the tovholdergruppe's meeting no longer lists it for Syd.
    let hanne = actor(&app, HANNE).await;
    app.svc.mark_presented(&hanne, decision, syd, None).await.unwrap();
    app.login_ok(PERNILLE).await;
    let (_, page) = app.get_text(&format!("/meetings/{steering_meeting}")).await;
    let unpresented = section(&page, "id=\"unpresented\"");
    let syd_part = unpresented.find(&format!("id=\"unpresented-{syd}\"")).map(|at| &unpresented[at..]).unwrap_or("");
    let syd_part = &syd_part[..syd_part.find("</ul>").unwrap_or(syd_part.len())];
    assert!(!syd_part.contains("Ny skabelon til handleplaner"), "{syd_part}");
    assert!(unpresented.contains("Ny skabelon til handleplaner"), "still unpresented elsewhere");

    // Without a next meeting the decisions wait for the next one planned.
    app.login_ok(METTE).await;
    let nord = group_id(&app, "Erfagruppe Nord").await;
    for m in app
        .svc
        .meetings(&MeetingFilter {
            group: Some(nord),
            ends_after: Some(app.svc.now()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap()
    {
        app.post_form(&format!("/meetings/{}/cancel", m.id), &[]).await;
    }
    let only = plan_meeting_on(&app, nord, "Nords eneste møde", 10).await;
    assert!(on_agenda(&app, idespor_domain::MeetingId(only)).await, "planning takes the decisions still to present");
    let response = app.post_form(&format!("/meetings/{only}/cancel"), &[]).await;
    assert_eq!(location_of(&response), format!("/meetings/{only}?notice=cancelled_waiting"));
    let later = plan_meeting_on(&app, nord, "Nords nye møde", 20).await;
    assert!(on_agenda(&app, idespor_domain::MeetingId(later)).await);
}

/// At a meeting, a decision can name an idea without moving it (one the group holds, or any
/// other by number), merge one into another and park one until a date: in the browser and the
/// API, by the journey's rules, all or nothing.
async fn a_meeting_can_mention_merge_and_park_in_its_decision(app: TestApp) {
    use reqwest::Method;
    use serde_json::{Value, json};
    let steering = group_id(&app, "Tovholdergruppen").await;
    let mut held = Vec::new();
    for title in [
        "Fælles skabelon til handleplaner",
        "Skabelon til handleplaner i hjemmeplejen",
        "Tale til tekst",
        "Mørk skærm om natten",
    ] {
        let idea = submitted_idea(&app, MAJA, "Erfagruppe Syd", title).await;
        forward(&app, HANNE, idea.id).await;
        held.push(app.store.get_idea(idea.id).await.unwrap().unwrap());
    }
    let (keep, merged, parked, mentioned) = (&held[0], &held[1], &held[2], &held[3]);
    let elsewhere = submitted_idea(&app, PETER, "Erfagruppe Syd", "Et andet sted i kommunen").await;

    app.login_ok(PERNILLE).await;
    let meeting = plan_meeting_on(&app, steering, "Tovholdermøde", 3).await;
    let (_, page) = app.get_text(&format!("/meetings/{meeting}")).await;
    let row = section(&page, &format!("id=\"move_{}\"", merged.id));
    assert!(
        row.contains("<option value=\"mention\">")
            && row.contains("<option value=\"merge\">")
            && row.contains("<option value=\"park\">"),
        "{row}"
    );
    assert!(
        page.contains(&format!("id=\"into_{}\"", merged.id)) && page.contains(&format!("id=\"review_{}\"", parked.id))
    );

    let review = (app.svc.now() + SignedDuration::from_hours(24 * 60))
        .to_zoned_datetime(jiff::tz::TimeZone::get("Europe/Copenhagen").unwrap())
        .date()
        .to_string();
    let post = |into: &str, review: &str| {
        let fields: Vec<(String, String)> = vec![
            ("title".into(), "Skabeloner og tale til tekst".into()),
            ("body".into(), "Drøftet på mødet.".into()),
            ("reason".into(), "Afventer den nye version af mobilappen.".into()),
            (format!("move_{}", merged.id), "merge".into()),
            (format!("into_{}", merged.id), into.into()),
            (format!("version_{}", merged.id), merged.version.to_string()),
            (format!("move_{}", parked.id), "park".into()),
            (format!("review_{}", parked.id), review.into()),
            (format!("move_{}", mentioned.id), "mention".into()),
            ("mention_other".into(), format!("#{}", elsewhere.id)),
        ];
        let app = &app;
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.post_form(&format!("/meetings/{meeting}/decisions"), &fields).await
        }
    };
    let count = app.svc.decisions(&DecisionFilter { group: Some(steering), ..Default::default() }).await.unwrap().len();
    // Without the idea to merge into, or the date to look again: refused beside the moves, kept.
    let response = post("", &review).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert_eq!(
        field_error(&page, "decision-moves").as_deref(),
        Some("Skriv nummeret på den idé, der skal lægges sammen med.")
    );
    assert!(page.contains(&format!("value=\"{review}\"")), "the date typed is kept");
    assert!(page.contains(&format!("value=\"{}\"", elsewhere.id)), "the other idea named is kept");
    let response = post(&merged.id.to_string(), "").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Merging an idea into itself is the journey's refusal, told beside the moves.
    let page = response.text().await.unwrap();
    assert!(field_error(&page, "decision-moves").is_some());
    let page = post(&merged.id.to_string(), &review).await.text().await.unwrap();
    assert_eq!(field_error(&page, "decision-moves").as_deref(), Some("En idé kan ikke lægges sammen med sig selv."));
    let after = app.svc.decisions(&DecisionFilter { group: Some(steering), ..Default::default() }).await.unwrap();
    assert_eq!(after.len(), count, "nothing saved");
    assert_eq!(app.store.get_idea(parked.id).await.unwrap().unwrap().status, IdeaStatus::Forwarded);

    let response = post(&format!("#{}", keep.id), &review).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{}", response.text().await.unwrap_or_default());
    let decision = DecisionId(id_from(&location_of(&response), "/decisions/"));
    let (recorded, _) = app.svc.decision(decision).await.unwrap();
    let move_of = |id: IdeaId| recorded.ideas.iter().find(|i| i.idea_id == id).map(|i| i.move_kind);
    assert_eq!(move_of(merged.id), Some(Some(MoveKind::Merge)));
    assert_eq!(move_of(parked.id), Some(Some(MoveKind::Park)));
    assert_eq!(move_of(mentioned.id), Some(None), "named, not moved");
    assert_eq!(move_of(elsewhere.id), Some(None), "named by number, not moved");
    assert_eq!(move_of(keep.id), None);
    let merged_now = app.store.get_idea(merged.id).await.unwrap().unwrap();
    assert_eq!((merged_now.status, merged_now.merged_into), (IdeaStatus::Merged, Some(keep.id)));
    let parked_now = app.store.get_idea(parked.id).await.unwrap().unwrap();
    assert_eq!(parked_now.status, IdeaStatus::Parked);
    assert_eq!(parked_now.review_date.map(|d| d.to_string()), Some(review.clone()));
    assert_eq!(app.store.get_idea(mentioned.id).await.unwrap().unwrap().status, IdeaStatus::Forwarded);

    // The API decides the same, by the same rules.
    let token = app.token_for(PERNILLE).await;
    let body = |review: Option<&str>| {
        json!({ "title": "Parkeret via API", "body": "Drøftet.", "reason": "Venter på ny lovgivning.",
            "ideas": [{ "idea_id": keep.id.0, "move": "park", "review_date": review }] })
    };
    let response = app
        .api(Method::POST, &format!("/api/v1/groups/{steering}/decisions"), &token)
        .json(&body(None))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = response.json().await.unwrap();
    assert!(error.to_string().contains("review_date_missing"), "{error}");
    let response = app
        .api(Method::POST, &format!("/api/v1/groups/{steering}/decisions"), &token)
        .json(&body(Some(&review)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(app.store.get_idea(keep.id).await.unwrap().unwrap().status, IdeaStatus::Parked);
}

/// Once an idea is sent, every change of its wording is kept: the idea page shows what changed
/// (word by word, escaped), the API gives the earlier text, and its followers are told; a
/// draft's changes and a save that changes nothing are not kept.
async fn an_author_s_changes_are_kept_shown_and_told_to_followers(app: TestApp) {
    use reqwest::Method;
    use serde_json::Value;
    let idea = submitted_idea(&app, MAJA, "Erfagruppe Syd", "Overblik over medicin ved aftenbesøg").await;
    let (maja, peter) = (actor(&app, MAJA).await, actor(&app, PETER).await);
    // Peter supports it, so he follows it.
    app.svc.support_idea(&peter, idea.id, true).await.unwrap();
    let told = |who: Actor| {
        let svc = app.svc.clone();
        async move {
            let filter = NotificationFilter { kind: Some(NotificationKind::Edited), unread_only: false };
            svc.notifications(&who, filter, 1).await.unwrap().list.iter().filter(|n| n.idea_id == Some(idea.id)).count()
        }
    };
    let edit = |need: &str, version: i64| {
        let fields = [
            ("title".to_string(), idea.title.clone()),
            ("role".into(), idea.role.clone()),
            ("situation".into(), idea.situation.clone()),
            ("need".into(), need.to_string()),
            ("effect".into(), idea.effect.clone()),
            ("product_area_id".into(), idea.product_area_id.to_string()),
            ("version".into(), version.to_string()),
        ];
        let app = &app;
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.post_form(&format!("/ideas/{}/edit", idea.id), &fields).await
        }
    };
    app.login_ok(MAJA).await;
    // Saving the same text keeps nothing and tells nobody.
    assert_eq!(edit(&idea.need, idea.version).await.status(), StatusCode::SEE_OTHER);
    assert!(app.store.idea_revisions(idea.id).await.unwrap().is_empty());
    assert_eq!(told(peter.clone()).await, 0);
    let version = app.store.get_idea(idea.id).await.unwrap().unwrap().version;
    let rewritten = "Vi mangler overblik over <b>alle</b> borgerens præparater";
    assert_eq!(edit(rewritten, version).await.status(), StatusCode::SEE_OTHER);

    let revisions = app.store.idea_revisions(idea.id).await.unwrap();
    assert_eq!(revisions.len(), 1);
    assert_eq!(revisions[0].need, idea.need, "the earlier wording is kept");
    assert_eq!(revisions[0].replaced_by.as_deref(), Some("Maja Winther"));
    assert_eq!(told(peter.clone()).await, 1, "the follower is told");
    assert_eq!(told(maja.clone()).await, 0, "not the author herself");

    // The page shows what changed, word by word, with the hostile text escaped.
    app.login_ok(PETER).await;
    let (_, page) = app.get_text(&format!("/ideas/{}", idea.id)).await;
    let edits = section(&page, "id=\"edits\"");
    assert!(edits.contains("Ændrede felter: Behov"), "{edits}");
    assert!(edits.contains("<del><span class=\"visually-hidden\">slettet: </span>medicin</del>"), "{edits}");
    assert!(edits.contains("&#60;b&#62;alle&#60;/b&#62;"), "escaped: {edits}");
    assert!(!edits.contains("<b>alle"), "{edits}");

    // The API gives the earlier text too.
    let token = app.token_for(PETER).await;
    let detail: Value =
        app.api(Method::GET, &format!("/api/v1/ideas/{}", idea.id), &token).send().await.unwrap().json().await.unwrap();
    assert_eq!(detail["edits"][0]["changed"], serde_json::json!(["need"]));
    assert_eq!(detail["edits"][0]["before"]["need"], idea.need.as_str());

    // A draft is its author's own: its changes are not kept.
    let area = app.svc.product_areas().await.unwrap()[0].id;
    let form = IdeaForm {
        title: "Kladde".into(),
        need: "Første udgave".into(),
        product_area_id: area.to_string(),
        ..Default::default()
    };
    let draft = app.svc.create_idea(&maja, &form).await.unwrap();
    let changed = IdeaForm { need: "Anden udgave".into(), ..form };
    app.svc.update_idea(&maja, draft.id, draft.version, &changed).await.unwrap();
    assert!(app.store.idea_revisions(draft.id).await.unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Helpers: people, ideas, meetings, decisions

async fn actor(app: &TestApp, email: &str) -> Actor {
    Actor::new(app.store.find_login_candidate(email).await.unwrap().expect(email).user)
}

async fn group_id(app: &TestApp, name: &str) -> GroupId {
    app.store.find_group_by_name(name).await.unwrap().expect(name).id
}

/// A complete idea by `author`, submitted to `group` through the domain.
async fn submitted_idea(app: &TestApp, author: &str, group: &str, title: &str) -> Idea {
    let author = actor(app, author).await;
    let area = app.svc.product_areas().await.unwrap()[0].id;
    let form = IdeaForm {
        title: title.into(),
        role: "Sygeplejerske".into(),
        situation: "Ved aftenbesøget hos borgeren".into(),
        need: "Vi mangler overblik over borgerens medicin".into(),
        effect: "Færre fejl".into(),
        product_area_id: area.to_string(),
    };
    let draft = app.svc.create_idea(&author, &form).await.unwrap();
    let group = group_id(app, group).await;
    app.svc.move_idea(&author, draft.id, draft.version, Move::Submit { group }).await.unwrap()
}

/// The erfagruppe's tovholder forwards an idea, from the idea's page.
async fn forward(app: &TestApp, coordinator: &str, id: IdeaId) {
    app.login_ok(coordinator).await;
    let version = app.store.get_idea(id).await.unwrap().unwrap().version.to_string();
    let response = app.post_form(&format!("/ideas/{id}/moves"), &[("kind", "forward"), ("version", &version)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "forwarding #{id}");
}

/// A date a week from the application's today, as the form takes it.
fn in_a_week(app: &TestApp) -> String {
    let tz = jiff::tz::TimeZone::get("Europe/Copenhagen").unwrap();
    (app.svc.now() + jiff::SignedDuration::from_hours(24 * 7)).to_zoned_datetime(tz).date().to_string()
}

/// Plans a meeting of the group's own kind `days` from the application's today (at 13.00), as
/// the signed-in person; returns its id.
async fn plan_meeting_on(app: &TestApp, group: GroupId, title: &str, days: i64) -> i64 {
    let tz = jiff::tz::TimeZone::get("Europe/Copenhagen").unwrap();
    let date = (app.svc.now() + SignedDuration::from_hours(24 * days)).to_zoned_datetime(tz).date().to_string();
    let kind = match app.store.get_group(group).await.unwrap().unwrap().kind {
        GroupKind::Steering => "steering",
        _ => "erfa",
    };
    let response = app
        .post_form(
            &format!("/groups/{group}/meetings"),
            &[("kind", kind), ("title", title), ("date", &date), ("start_time", "13.00"), ("end_time", "15.30")],
        )
        .await;
    let status = response.status();
    let location = location_of(&response);
    assert_eq!(status, StatusCode::SEE_OTHER, "planning {title}: {}", response.text().await.unwrap_or_default());
    id_from(&location, "/meetings/")
}

/// Plans a meeting through the form, as the signed-in person; returns its id.
async fn plan_meeting(app: &TestApp, group: GroupId, kind: &str, title: &str) -> i64 {
    let date = in_a_week(app);
    let response = app
        .post_form(
            &format!("/groups/{group}/meetings"),
            &[
                ("kind", kind),
                ("title", title),
                ("date", &date),
                ("start_time", "13.00"),
                ("end_time", "15.30"),
                ("place", "Vejle Rådhus, mødelokale 2"),
            ],
        )
        .await;
    let status = response.status();
    let location = location_of(&response);
    assert_eq!(status, StatusCode::SEE_OTHER, "planning {title}: {}", response.text().await.unwrap_or_default());
    id_from(&location, "/meetings/")
}

async fn meeting_count(app: &TestApp, group: GroupId) -> usize {
    app.svc
        .meetings(&MeetingFilter { group: Some(group), include_cancelled: true, limit: 500, ..Default::default() })
        .await
        .unwrap()
        .len()
}

/// Records a decision at a meeting through its form: for each idea, the move (and rank).
async fn record_decision(
    app: &TestApp,
    meeting: i64,
    title: &str,
    moves: &[(&Idea, &str, Option<i32>)],
) -> reqwest::Response {
    let mut fields: Vec<(String, String)> = vec![
        ("title".into(), title.into()),
        ("body".into(), "Besluttet på mødet efter en runde om kommunernes behov.".into()),
        ("reason".into(), "Flere kommuner har det samme behov.".into()),
    ];
    for (idea, kind, rank) in moves {
        fields.push((format!("move_{}", idea.id), (*kind).to_string()));
        fields.push((format!("rank_{}", idea.id), rank.map(|r| r.to_string()).unwrap_or_default()));
        fields.push((format!("version_{}", idea.id), idea.version.to_string()));
    }
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.post_form(&format!("/meetings/{meeting}/decisions"), &fields).await
}

fn location_of(response: &reqwest::Response) -> String {
    response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// The number in `/meetings/12?notice=…` after `prefix`.
fn id_from(location: &str, prefix: &str) -> i64 {
    let rest = location.strip_prefix(prefix).unwrap_or_else(|| panic!("{location} does not start with {prefix}"));
    rest.split(['?', '#']).next().unwrap().parse().unwrap_or_else(|_| panic!("no id in {location}"))
}

/// The part of a page from `marker` to the end of its `<section>` (empty when not there).
fn section<'a>(page: &'a str, marker: &str) -> &'a str {
    match page.find(marker) {
        Some(start) => {
            let rest = &page[start..];
            &rest[..rest.find("</section>").unwrap_or(rest.len())]
        }
        None => "",
    }
}

/// The row of the decision page's presentations table for one erfagruppe.
fn presentation_row(page: &str, group: GroupId) -> String {
    let table = section(page, "id=\"presented\"");
    assert!(!table.is_empty(), "the decision page lists the erfagrupper");
    let link = format!("href=\"/groups/{group}\"");
    let row = table.split("<tr>").find(|row| row.contains(&link));
    row.unwrap_or_else(|| panic!("no row for group {group} in {table}")).to_string()
}

/// The message shown at a form field, if any.
fn field_error(page: &str, field: &str) -> Option<String> {
    let marker = format!("id=\"{field}-error\">");
    let start = page.find(&marker)? + marker.len();
    let rest = &page[start..];
    Some(rest[..rest.find("</p>")?].trim().to_string())
}

// ---------------------------------------------------------------------------------------------
// Helpers: the outbox, the mail server, the delivered mail

/// The newest notification mail for a person in the outbox.
async fn mail_to(app: &TestApp, user: UserId) -> Option<OutboxMessage> {
    app.store
        .list_outbox(None, 200)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.kind == OutboxKind::Notification && m.user_id == Some(user))
}

async fn cadence_of_moves(app: &TestApp, person: &Actor) -> Cadence {
    app.svc.preferences(person).await.unwrap().get(NotificationKind::Moved)
}

/// Every outbox row for a person, by id.
async fn mails_for(app: &TestApp, user: UserId) -> Vec<OutboxId> {
    app.store
        .list_outbox(None, 200)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.user_id == Some(user))
        .map(|m| m.id)
        .collect()
}

/// An HTTP client with no cookies: a mail provider, or a mail scanner.
fn no_cookies() -> reqwest::Client {
    crate::common::http().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// The one-click unsubscribe POST of RFC 8058, as a mail provider sends it.
async fn one_click(url: &str) -> (StatusCode, String) {
    let response = no_cookies()
        .post(url)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.text().await.unwrap_or_default())
}

// ---------------------------------------------------------------------------------------------
// The API

async fn the_api_keeps_meetings_and_decisions_by_the_same_rules(app: TestApp) {
    use reqwest::Method;
    use serde_json::{Value, json};
    let pernille = app.token_for(PERNILLE).await;
    let maja = app.token_for(MAJA).await;
    let steering = app.store.find_group_by_name("Tovholdergruppen").await.unwrap().unwrap().id;
    let date = (app.svc.now() + jiff::SignedDuration::from_hours(24 * 30))
        .to_zoned_datetime(jiff::tz::TimeZone::get("Europe/Copenhagen").unwrap())
        .date()
        .to_string();
    let meeting = json!({ "kind": "steering", "title": "Tovholdermøde via API", "date": date,
        "start_time": "10:00", "end_time": "12:00", "online_url": "https://teams.example.dk/m/api" });

    // A member of an erfagruppe may not plan the tovholdergruppe's meetings: 403, nothing made.
    let response = app
        .api(Method::POST, &format!("/api/v1/groups/{steering}/meetings"), &maja)
        .json(&meeting)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "forbidden");
    // In Maja's own language (Danish), unless the request asks for another.
    assert_eq!(body["message"], "Kun gruppens tovholdere kan gøre dette.", "says why: {body}");
    let response = app
        .api(Method::POST, &format!("/api/v1/groups/{steering}/meetings"), &maja)
        .header("accept-language", "en-GB,en;q=0.8")
        .json(&meeting)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["message"], "Only the group's coordinators can do this.");
    // A meeting ending before it starts: 422 with the field.
    let mut backwards = meeting.clone();
    backwards["end_time"] = json!("09:00");
    let response = app
        .api(Method::POST, &format!("/api/v1/groups/{steering}/meetings"), &pernille)
        .json(&backwards)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid_input");
    assert!(body.to_string().contains("ends_before_start"), "{body}");
    // The field's message too follows the language asked for; a bad token's answer as well.
    let response = app
        .api(Method::POST, &format!("/api/v1/groups/{steering}/meetings"), &pernille)
        .header("accept-language", "da")
        .json(&backwards)
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["message"], "Nogle oplysninger er ikke gyldige.", "{body}");
    assert_eq!(body["fields"][0]["field"], "end_time");
    assert!(body["fields"][0]["message"].as_str().unwrap().contains("slutte"), "{body}");
    let response = app
        .api(Method::GET, "/api/v1/ideas", "idespor_not_a_token")
        .header("accept-language", "da")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid_token");
    assert_eq!(body["message"], "API-nøglen er ugyldig eller tilbagekaldt.");

    let response = app
        .api(Method::POST, &format!("/api/v1/groups/{steering}/meetings"), &pernille)
        .json(&meeting)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["title"], "Tovholdermøde via API");
    // 10.00 Copenhagen time is 09.00 or 08.00 UTC, depending on the season.
    assert!(
        created["starts_at"].as_str().unwrap().contains("T09:00:00Z")
            || created["starts_at"].as_str().unwrap().contains("T08:00:00Z")
    );

    // An agenda item pointing to a missing idea: 422, the agenda unchanged.
    let response = app
        .api(Method::POST, &format!("/api/v1/meetings/{id}/agenda"), &pernille)
        .json(&json!({ "idea_id": 999_999 }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let detail: Value =
        app.api(Method::GET, &format!("/api/v1/meetings/{id}"), &pernille).send().await.unwrap().json().await.unwrap();
    let info_items = detail["agenda"].as_array().unwrap().len();

    // A decision moving an idea the tovholdergruppe holds, through the API.
    let waiting = app.svc.group_queue(&actor(&app, PERNILLE).await, GroupId(steering.0), 1).await.unwrap().ideas;
    let idea = waiting.iter().find(|i| i.status == IdeaStatus::Forwarded).unwrap();
    let decision = json!({ "title": "Prioriteret via API", "body": "Idéen prioriteres.", "meeting_id": id,
        "ideas": [{ "idea_id": idea.id.0, "move": "prioritize", "rank": 2, "version": idea.version }] });
    // A decision may not name someone's draft, not even its recorder's own, in passing.
    let area = app.svc.product_areas().await.unwrap()[0].id;
    let form = IdeaForm {
        title: "Min private kladde".into(),
        role: String::new(),
        situation: String::new(),
        need: "Noget".into(),
        effect: String::new(),
        product_area_id: area.to_string(),
    };
    let draft = app.svc.create_idea(&actor(&app, PERNILLE).await, &form).await.unwrap();
    let naming_draft = json!({ "title": "Nævner en kladde", "body": "Tekst", "ideas": [{ "idea_id": draft.id.0 }] });
    let response = app
        .api(Method::POST, &format!("/api/v1/groups/{steering}/decisions"), &pernille)
        .json(&naming_draft)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A stale version refuses the whole decision.
    let mut stale = decision.clone();
    stale["ideas"][0]["version"] = json!(idea.version - 1);
    let response = app
        .api(Method::POST, &format!("/api/v1/groups/{steering}/decisions"), &pernille)
        .json(&stale)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(response.json::<Value>().await.unwrap()["error"], "stale_version");
    assert_eq!(app.store.get_idea(idea.id).await.unwrap().unwrap().status, IdeaStatus::Forwarded);

    let response = app
        .api(Method::POST, &format!("/api/v1/groups/{steering}/decisions"), &pernille)
        .json(&decision)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let decision_id = response.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let detail: Value = app
        .api(Method::GET, &format!("/api/v1/decisions/{decision_id}"), &maja)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(detail["decision"]["ideas"][0]["move"], "prioritize");
    assert_eq!(detail["presentations"].as_array().unwrap().len(), 5, "published to every erfagruppe");
    assert!(detail["presentations"].as_array().unwrap().iter().all(|p| p["presented_at"].is_null()));
    // The meeting lists it; the agenda of the steering meeting itself is unchanged.
    let meeting_detail: Value =
        app.api(Method::GET, &format!("/api/v1/meetings/{id}"), &maja).send().await.unwrap().json().await.unwrap();
    assert_eq!(meeting_detail["decisions"][0]["id"], decision_id);
    assert_eq!(meeting_detail["agenda"].as_array().unwrap().len(), info_items);
    // Syd's decision feed has it.
    let syd = app.store.find_group_by_name("Erfagruppe Syd").await.unwrap().unwrap().id;
    let feed: Value = app
        .api(Method::GET, &format!("/api/v1/decisions?feed_of={syd}"), &maja)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(feed[0]["id"], decision_id);

    // Preferences through the API; an unknown cadence is refused and changes nothing.
    let response = app
        .api(Method::PUT, "/api/v1/me/preferences", &maja)
        .json(&json!({ "decision": "hourly" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = app
        .api(Method::PUT, "/api/v1/me/preferences", &maja)
        .json(&json!({ "decision": "immediate" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let prefs: Value = response.json().await.unwrap();
    assert_eq!(prefs["decision"], "immediate");
    assert_eq!(prefs["moved"], "weekly", "the others keep the default");
    // The outbox is for administrators only.
    let response = app.api(Method::GET, "/api/v1/admin/outbox", &maja).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

// ---------------------------------------------------------------------------------------------
// "Hvad blev der af…?"

async fn what_became_of_an_erfagruppe_s_ideas_is_told_by_outcome(app: TestApp) {
    use idespor_domain::meeting::{DecisionForm, DecisionMoveForm};
    use idespor_domain::outcome::Outcome;
    use reqwest::Method;
    use serde_json::Value;
    let syd = app.store.find_group_by_name("Erfagruppe Syd").await.unwrap().unwrap().id;
    let steering = app.store.find_group_by_name("Tovholdergruppen").await.unwrap().unwrap().id;
    let pernille = actor(&app, PERNILLE).await;
    // The tovholdergruppe declines one of Syd's ideas by a decision.
    let held = app.svc.group_queue(&pernille, steering, 1).await.unwrap().ideas;
    let idea = held.iter().find(|i| i.erfa_group_id == Some(syd) && i.status == IdeaStatus::Forwarded);
    let idea = match idea {
        Some(i) => i.clone(),
        None => held.iter().find(|i| i.status == IdeaStatus::Forwarded).unwrap().clone(),
    };
    let group_of_idea = idea.erfa_group_id.unwrap();
    let form = DecisionForm {
        title: "Afvist: kræver lovændring".into(),
        body: "Idéen afvises.".into(),
        reason: "Lovgivningen tillader det ikke i dag.".into(),
        meeting_id: None,
        moves: vec![DecisionMoveForm { idea_id: idea.id.0, move_kind: "decline".into(), ..Default::default() }],
    };
    let decision = app.svc.record_decision(&pernille, steering, &form).await.unwrap();

    let token = app.token_for(MAJA).await;
    let response =
        app.api(Method::GET, &format!("/api/v1/groups/{group_of_idea}/outcomes"), &token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let groups: Value = response.json().await.unwrap();
    let groups = groups.as_array().unwrap();
    // Every idea the group sent, once, under the outcome of its status; no drafts.
    let mut seen = std::collections::HashSet::new();
    for g in groups {
        let outcome = g["outcome"].as_str().unwrap();
        for i in g["ideas"].as_array().unwrap() {
            assert!(seen.insert(i["idea_id"].as_i64().unwrap()), "an idea appears once");
            let status = idespor_domain::idea::IdeaStatus::parse(i["status"].as_str().unwrap()).unwrap();
            assert_eq!(Outcome::of(status).unwrap().as_str(), outcome);
        }
    }
    let sent = app
        .store
        .list_ideas(&idespor_domain::idea::IdeaFilter::default(), Default::default(), 1, 500)
        .await
        .unwrap()
        .ideas
        .into_iter()
        .filter(|i| i.erfa_group_id == Some(group_of_idea) && i.status != IdeaStatus::Draft)
        .count();
    assert_eq!(seen.len(), sent, "every idea the group sent");
    let declined = groups.iter().find(|g| g["outcome"] == "declined").unwrap();
    let ours = declined["ideas"].as_array().unwrap().iter().find(|i| i["idea_id"] == idea.id.0).unwrap();
    assert_eq!(ours["decision_id"], decision.0);
    assert_eq!(ours["decided_by_level"], "steering");
    assert_eq!(ours["resolution"], "Lovgivningen tillader det ikke i dag.");

    // The page says the same, in Danish, linked from the group's page.
    app.login_ok(MAJA).await;
    let (status, group_page) = app.get_text(&format!("/groups/{group_of_idea}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(group_page.contains(&format!("href=\"/groups/{group_of_idea}/outcomes\"")));
    let (status, page) = app.get_text(&format!("/groups/{group_of_idea}/outcomes")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Hvad blev der af idéerne fra"));
    let section = &page[page.find("id=\"outcome-declined\"").unwrap()..];
    assert!(section.contains(&idea.title) && section.contains("Afvist: kræver lovændring"));
    assert!(section.contains("Lovgivningen tillader det ikke i dag."));
}

// ---------------------------------------------------------------------------------------------
// The demo's calendar, whatever day it is loaded

/// The demo loaded on a Christmas Monday just after midnight (two years on) and on Easter
/// Monday the day after the clocks went forward: its meetings, rounds, releases and review
/// dates fall on working days, upcoming meetings lie ahead, and everything people did happened
/// on a working day in working hours (meetings may run until 17.00), before the load.
async fn the_demo_keeps_to_working_days_whatever_day_it_is_loaded(backend: crate::common::Backend) {
    use idespor_domain::calendar::{is_working_day, working_day_on_or_before};
    use idespor_domain::clock::{FixedClock, copenhagen, parse_instant};
    use jiff::Timestamp;
    for today in ["2028-12-25T00:05", "2027-03-29T00:05"] {
        let Some(db) = crate::common::TestDb::new(backend).await else { return };
        let now = parse_instant(today).unwrap();
        let database = idespor::startup::open_database(&db.config).await.unwrap();
        let svc = idespor::startup::services(database.clone(), std::sync::Arc::new(FixedClock::at(now)));
        let store = crate::common::storage(&database);
        idespor::demo::load(&svc, &database).await.unwrap();
        let tz = copenhagen();
        let local = |t: Timestamp| t.to_zoned_datetime(tz.clone());
        let at_work = |t: Timestamp, what: &str| {
            let z = local(t);
            assert!(is_working_day(z.date()), "{today}: {what} on a day off: {z}");
            assert!((8..17).contains(&z.hour()), "{today}: {what} outside working hours: {z}");
            assert!(t <= now, "{today}: {what} after the load: {z}");
        };

        let meetings = store
            .list_meetings(&MeetingFilter { include_cancelled: true, limit: 1000, ..Default::default() })
            .await
            .unwrap();
        assert!(meetings.iter().any(|m| m.starts_at > now), "{today}: the demo has upcoming meetings");
        for m in &meetings {
            assert!(is_working_day(local(m.starts_at).date()), "{today}: {:?} on {}", m.title, local(m.starts_at));
        }
        let rounds = store.list_rounds().await.unwrap();
        assert_eq!(rounds.len(), 2, "{today}: a closed round and an open one");
        for r in &rounds {
            assert!(is_working_day(local(r.opens_at).date()), "{today}: {:?} opens {}", r.title, local(r.opens_at));
            assert!(is_working_day(local(r.closes_at).date()), "{today}: {:?} closes {}", r.title, local(r.closes_at));
        }
        assert!(rounds.iter().any(|r| r.opens_at < now && r.closes_at > now), "{today}: one round is open");
        for release in store.list_releases().await.unwrap() {
            for date in [release.planned_date, release.released_date].into_iter().flatten() {
                assert!(is_working_day(date), "{today}: release {} dated {date}", release.version);
            }
        }
        let ideas = store.list_ideas(&Default::default(), Default::default(), 1, 500).await.unwrap().ideas;
        assert!(ideas.len() > 50);
        let mut newest = Timestamp::MIN;
        for idea in &ideas {
            if let Some(review) = idea.review_date {
                assert!(is_working_day(review), "{today}: #{} to be reviewed on {review}", idea.id);
            }
            for event in store.idea_events(idea.id).await.unwrap() {
                at_work(event.at, &format!("#{} {:?}", idea.id, event.kind));
                newest = newest.max(event.at);
            }
            for comment in store.comments(idea.id).await.unwrap() {
                at_work(comment.created_at, &format!("a comment on #{}", idea.id));
                newest = newest.max(comment.created_at);
            }
        }
        let decisions = svc.decisions(&DecisionFilter { limit: Some(1000), ..Default::default() }).await.unwrap();
        for d in &decisions {
            at_work(d.decided_at, &format!("decision {:?}", d.title));
        }
        // The newest activity lies in the last working week before the load (five working days).
        let mut week_start = working_day_on_or_before(local(now).date().yesterday().unwrap());
        for _ in 0..4 {
            week_start = idespor_domain::calendar::previous_working_day(week_start);
        }
        assert!(local(newest).date() >= week_start, "{today}: the newest activity was {}", local(newest));

        // A real community's year: deliveries in releases that were out, people who read
        // their news (only the last two weeks' is unread).
        for idea in ideas.iter().filter(|i| i.status == IdeaStatus::Delivered) {
            let release = store.get_release(idea.release_id.unwrap()).await.unwrap().unwrap();
            let delivered =
                store.idea_events(idea.id).await.unwrap().into_iter().rfind(|e| e.kind == MoveKind::Deliver);
            let day = local(delivered.unwrap().at).date();
            assert!(
                release.released_date.is_some_and(|out| out <= day),
                "{today}: #{} delivered {day} in {release:?}",
                idea.id
            );
        }
        let two_weeks = now - jiff::SignedDuration::from_hours(24 * 14);
        let mut someone_has_news = false;
        for email in [MAJA, PETER, HANNE, METTE, PERNILLE] {
            let person =
                idespor_domain::service::Actor::new(store.find_login_candidate(email).await.unwrap().unwrap().user);
            let unread = NotificationFilter { kind: None, unread_only: true };
            let page = svc.notifications(&person, unread, 1).await.unwrap();
            assert!(page.list.iter().all(|n| n.created_at >= two_weeks), "{today}: {email} has old news unread");
            assert!(page.unread < 60, "{today}: {email} starts with {} unread", page.unread);
            someone_has_news |= page.unread > 0;
        }
        assert!(someone_has_news, "{today}: the last two weeks' news is there to read");
    }
}

mod demo_calendar {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_demo_keeps_to_working_days_whatever_day_it_is_loaded_sqlite() {
        super::the_demo_keeps_to_working_days_whatever_day_it_is_loaded(crate::common::Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_demo_keeps_to_working_days_whatever_day_it_is_loaded_postgres() {
        super::the_demo_keeps_to_working_days_whatever_day_it_is_loaded(crate::common::Backend::Postgres).await;
    }
}
