//! Mail seen from the browser: my notification preferences, the one-click unsubscribe page,
//! my private feeds (Atom and iCalendar), and the operators' outbox.

use crate::ctx::{Ctx, PageUser, Viewer};
use crate::error::{OrPage, PageError, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use idespor_domain::mail::{Cadence, OutboxMessage, OutboxStatus};
use idespor_domain::meeting::{Decision, Meeting};
use idespor_domain::notify::NotificationKind;
use idespor_domain::service::Actor;
use idespor_domain::store::MeetingFilter;
use idespor_domain::{DomainError, GroupId, IdeaId, UserId};
use serde::Deserialize;

pub const UNSUBSCRIBE_PREFIX: &str = "/unsubscribe/";

/// The preferences form: one `<kind>=<cadence>` per kind.
pub async fn save_preferences(
    State(state): State<AppState>,
    user: PageUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> PageResult {
    let ctx = user.viewer.ctx(&state, "profile");
    let mut prefs = Vec::new();
    for kind in NotificationKind::ALL {
        // A kind the form did not carry (a page from before it existed) keeps its choice.
        let Some(value) = pairs.iter().find(|(k, _)| k == kind.as_str()).map(|(_, v)| v.as_str()) else {
            continue;
        };
        match Cadence::parse(value) {
            Some(cadence) => prefs.push((kind, cadence)),
            None => return Err(PageError::new(DomainError::invalid("cadence", "cadence_unknown"), ctx)),
        }
    }
    state.svc.set_preferences(&user.actor, &prefs).await.or_page(&ctx)?;
    Ok(Redirect::to("/profile?notice=preferences_saved#notifications").into_response())
}

pub async fn renew_feeds(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = user.viewer.ctx(&state, "profile");
    state.svc.renew_feed_token(&user.actor).await.or_page(&ctx)?;
    Ok(Redirect::to("/profile?notice=feeds_renewed#feeds").into_response())
}

#[derive(Template)]
#[template(path = "unsubscribe.html")]
pub struct UnsubscribePage {
    pub ctx: Ctx,
    pub action: String,
    pub what: String,
    pub done: bool,
}

fn unsubscribe_ctx(state: &AppState, viewer: &Viewer) -> Ctx {
    viewer.ctx(state, "profile")
}

/// The page behind the link in a mail: one button, no sign-in.
pub async fn unsubscribe_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((user, what, token)): Path<(i64, String, String)>,
) -> PageResult {
    let ctx = unsubscribe_ctx(&state, &viewer);
    let signer = state.svc.link_signer().await.or_page(&ctx)?;
    if !signer.verify(&format!("unsubscribe:{user}:{what}"), &token) {
        return Err(PageError::new(DomainError::Forbidden("link_invalid"), ctx));
    }
    let action = format!("{UNSUBSCRIBE_PREFIX}{user}/{what}/{token}");
    Ok(render(&UnsubscribePage { ctx, action, what, done: false }))
}

/// RFC 8058 one-click: a POST to the link (from the mail provider or the page's button).
pub async fn unsubscribe(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((user, what, token)): Path<(i64, String, String)>,
) -> PageResult {
    let ctx = unsubscribe_ctx(&state, &viewer);
    state.svc.unsubscribe(UserId(user), &what, &token).await.or_page(&ctx)?;
    Ok(render(&UnsubscribePage { ctx, action: String::new(), what, done: true }))
}

/// A feed's reader, from the signed token in its address.
async fn reader(state: &AppState, user: i64, token: &str) -> Result<Actor, Response> {
    state.svc.feed_reader(UserId(user), token).await.map_err(|_| StatusCode::NOT_FOUND.into_response())
}

fn feed_response(content_type: &'static str, body: String) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "private, max-age=300")], body).into_response()
}

fn chrono_time(ts: jiff::Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(ts.as_second(), 0).unwrap_or_default()
}

/// The decisions of a group (and those published to it) as an Atom feed.
pub async fn group_decisions_atom(
    State(state): State<AppState>,
    Path((user, token, group)): Path<(i64, String, i64)>,
) -> Response {
    if let Err(r) = reader(&state, user, &token).await {
        return r;
    }
    let Ok(Some(g)) = state.svc.find_group(GroupId(group)).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(list) = state.svc.decision_feed(g.id, 50).await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let base = &state.config.base_url;
    let entries = list.iter().map(|d| decision_entry(base, d)).collect();
    feed_response(
        "application/atom+xml; charset=utf-8",
        atom_feed(
            &format!("{} · beslutninger", g.name),
            &format!("{base}/groups/{group}"),
            list.first().map(|d| d.decided_at),
            entries,
        ),
    )
}

fn decision_entry(base: &str, d: &Decision) -> atom_syndication::Entry {
    let mut entry = atom_syndication::Entry::default();
    entry.set_title(crate::encode::xml_text(&format!("{}: {}", d.group_name, d.title)));
    entry.set_id(format!("{base}/decisions/{}", d.id));
    entry.set_updated(chrono_time(d.decided_at).fixed_offset());
    let mut link = atom_syndication::Link::default();
    link.set_href(format!("{base}/decisions/{}", d.id));
    entry.set_links(vec![link]);
    let summary = if d.reason.is_empty() { d.body.clone() } else { format!("{}\n\n{}", d.body, d.reason) };
    entry.set_summary(Some(atom_syndication::Text::plain(crate::encode::xml_text(&summary))));
    entry
}

fn atom_feed(
    title: &str,
    url: &str,
    updated: Option<jiff::Timestamp>,
    entries: Vec<atom_syndication::Entry>,
) -> String {
    let mut feed = atom_syndication::Feed::default();
    feed.set_title(crate::encode::xml_text(title));
    feed.set_id(url.to_string());
    feed.set_updated(chrono_time(updated.unwrap_or(jiff::Timestamp::UNIX_EPOCH)).fixed_offset());
    let mut link = atom_syndication::Link::default();
    link.set_href(url.to_string());
    feed.set_links(vec![link]);
    feed.set_entries(entries);
    feed.to_string()
}

/// One idea's history as an Atom feed.
pub async fn idea_atom(State(state): State<AppState>, Path((user, token, idea)): Path<(i64, String, i64)>) -> Response {
    let actor = match reader(&state, user, &token).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let Ok(view) = state.svc.idea_view(&actor, IdeaId(idea)).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let base = &state.config.base_url;
    let lang = actor.user.language;
    let entries = view
        .events
        .iter()
        .rev()
        .map(|e| {
            let mut entry = atom_syndication::Entry::default();
            let status = crate::i18n::t(lang, &format!("status-{}", e.to_status.as_str()));
            entry.set_title(crate::encode::xml_text(&format!("{}: {status}", view.idea.title)));
            entry.set_id(format!("{base}/ideas/{idea}#event-{}", e.id));
            entry.set_updated(chrono_time(e.at).fixed_offset());
            let mut link = atom_syndication::Link::default();
            link.set_href(format!("{base}/ideas/{idea}"));
            entry.set_links(vec![link]);
            let who = e.actor_name.clone().unwrap_or_default();
            let reason = crate::i18n::reason_text(lang, e.standard_reason().as_deref(), &e.reason);
            let text = if reason.is_empty() { who } else { format!("{who}: {reason}") };
            entry.set_summary(Some(atom_syndication::Text::plain(crate::encode::xml_text(&text))));
            entry
        })
        .collect();
    feed_response(
        "application/atom+xml; charset=utf-8",
        atom_feed(&view.idea.title, &format!("{base}/ideas/{idea}"), Some(view.idea.status_changed_at), entries),
    )
}

/// Meetings as iCalendar. Times are written in UTC (which every calendar converts to the
/// reader's zone, Europe/Copenhagen here) and the calendar names its zone for display.
fn calendar(name: &str, base: &str, meetings: &[Meeting]) -> String {
    use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
    let mut cal = Calendar::new();
    // NAME and X-WR-CALNAME are written as given by the crate: escaped here.
    let name = crate::encode::ical_escaped(name);
    cal.append_property(icalendar::Property::new("NAME", &name));
    cal.append_property(icalendar::Property::new("X-WR-CALNAME", &name));
    cal.append_property(icalendar::Property::new("X-WR-TIMEZONE", "Europe/Copenhagen"));
    for m in meetings {
        let mut event = Event::new();
        event
            .uid(&format!("meeting-{}@{}", m.id, base.trim_start_matches("https://").trim_start_matches("http://")))
            .summary(&crate::encode::ical_text(&format!("{}: {}", m.group_name, m.title)))
            .starts(chrono_time(m.starts_at))
            .ends(chrono_time(m.ends_at))
            .description(&format!("{base}/meetings/{}", m.id))
            .add_property("URL", format!("{base}/meetings/{}", m.id));
        let location = match (m.place.is_empty(), m.online_url.is_empty()) {
            (false, false) => format!("{} · {}", m.place, m.online_url),
            (false, true) => m.place.clone(),
            (true, _) => m.online_url.clone(),
        };
        if !location.is_empty() {
            event.location(&crate::encode::ical_text(&location));
        }
        if m.cancelled_at.is_some() {
            event.status(EventStatus::Cancelled);
        }
        cal.push(event.done());
    }
    cal.done().to_string()
}

/// A group's meetings (from a year back) as a calendar.
pub async fn group_meetings_ics(
    State(state): State<AppState>,
    Path((user, token, group)): Path<(i64, String, i64)>,
) -> Response {
    if let Err(r) = reader(&state, user, &token).await {
        return r;
    }
    let Ok(Some(g)) = state.svc.find_group(GroupId(group)).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let since = state.svc.now() - jiff::SignedDuration::from_hours(24 * 365);
    let filter = MeetingFilter {
        group: Some(g.id),
        ends_after: Some(since),
        include_cancelled: true,
        limit: 500,
        ..Default::default()
    };
    match state.svc.meetings(&filter).await {
        Ok(list) => feed_response("text/calendar; charset=utf-8", calendar(&g.name, &state.config.base_url, &list)),
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// The meetings a person is invited to, as a calendar.
pub async fn my_meetings_ics(State(state): State<AppState>, Path((user, token)): Path<(i64, String)>) -> Response {
    let actor = match reader(&state, user, &token).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let since = state.svc.now() - jiff::SignedDuration::from_hours(24 * 365);
    let filter = MeetingFilter {
        invited: Some(actor.user.id),
        ends_after: Some(since),
        include_cancelled: true,
        limit: 500,
        ..Default::default()
    };
    match state.svc.meetings(&filter).await {
        Ok(list) => feed_response("text/calendar; charset=utf-8", calendar("Idéspor", &state.config.base_url, &list)),
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

#[derive(Template)]
#[template(path = "admin/outbox.html")]
pub struct OutboxPage {
    pub ctx: Ctx,
    pub list: Vec<OutboxMessage>,
    pub counts: Vec<(OutboxStatus, i64)>,
    pub status: String,
    pub mail_configured: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OutboxQuery {
    pub status: String,
}

pub async fn outbox(State(state): State<AppState>, user: PageUser, Query(q): Query<OutboxQuery>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "admin");
    let (list, counts) = state.svc.outbox(&user.actor, OutboxStatus::parse(&q.status)).await.or_page(&ctx)?;
    Ok(render(&OutboxPage { ctx, list, counts, status: q.status, mail_configured: state.config.mail_configured }))
}

pub async fn retry(State(state): State<AppState>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "admin");
    state.svc.retry_mail(&user.actor, idespor_domain::OutboxId(id)).await.or_page(&ctx)?;
    Ok(Redirect::to("/admin/outbox").into_response())
}
