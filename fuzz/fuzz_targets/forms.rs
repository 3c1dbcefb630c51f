//! The product's forms, decoded from arbitrary bytes the way axum's `Form` decodes a request
//! body (serde_urlencoded) and the way its `Json` decodes an API body (serde_json), then checked
//! by the domain's own `parse()`/`validate()`: whatever comes in, nothing panics, and what the
//! domain accepts keeps its limits.
//!
//! The first byte picks the form, the rest is the body.
#![no_main]

use idespor_domain::group::GroupForm;
use idespor_domain::idea::journey::{self, REASON_MAX};
use idespor_domain::idea::{IdeaForm, Move, MoveForm};
use idespor_domain::meeting::{self, AgendaItemForm, DecisionForm, MeetingForm};
use idespor_domain::org::OrganizationForm;
use idespor_domain::roadmap::ReleaseItemForm;
use idespor_domain::round::RoundForm;
use idespor_domain::service::ReleaseForm;
use idespor_domain::user::{Email, ProfileForm, UserAdminForm};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

/// Decodes a body as a page form (urlencoded) and as an API body (JSON); each decoding that
/// succeeds is handed to `check`.
fn decoded<T: DeserializeOwned>(body: &[u8], check: impl Fn(T)) {
    if let Ok(form) = serde_urlencoded::from_bytes::<T>(body) {
        check(form);
    }
    if let Ok(form) = serde_json::from_slice::<T>(body) {
        check(form);
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else { return };
    match which % 13 {
        0 => decoded(body, |f: IdeaForm| {
            if let Ok(idea) = f.parse() {
                assert!(chars(&idea.title) <= idespor_domain::idea::form::TITLE_MAX);
                assert!(!idea.title.is_empty() && !idea.need.is_empty());
                let _ = idea.check_complete();
            }
        }),
        1 => decoded(body, |f: MeetingForm| {
            if let Ok(m) = f.parse() {
                assert!(m.ends_at > m.starts_at, "a meeting ends after it starts");
                assert!(chars(&m.title) <= meeting::TITLE_MAX);
                if !m.online_url.is_empty() {
                    assert!(m.online_url.starts_with("https://") || m.online_url.starts_with("http://"));
                }
            }
        }),
        2 => decoded(body, |f: AgendaItemForm| {
            if let Ok(item) = f.parse() {
                assert!(chars(&item.notes) <= meeting::AGENDA_NOTES_MAX);
            }
        }),
        3 => decoded(body, |f: DecisionForm| {
            if let Ok(d) = f.parse() {
                assert!(chars(&d.body) <= meeting::DECISION_TEXT_MAX);
                assert!(d.ideas.len() <= meeting::DECISION_MAX_IDEAS);
            }
        }),
        4 => decoded(body, |f: OrganizationForm| {
            let _ = f.parse();
        }),
        5 => decoded(body, |f: GroupForm| {
            let _ = f.parse();
        }),
        6 => decoded(body, |f: ProfileForm| {
            if let Ok(p) = f.parse() {
                assert!(Email::parse(&p.email).is_ok(), "a stored address parses again");
            }
        }),
        7 => decoded(body, |f: UserAdminForm| {
            let _ = f.parse();
        }),
        8 => decoded(body, |f: ReleaseForm| {
            let _ = f.parse();
        }),
        9 => decoded(body, |f: ReleaseItemForm| {
            let _ = f.parse();
        }),
        10 => decoded(body, |f: RoundForm| {
            if let Ok(r) = f.parse() {
                assert!(r.closes_at > r.opens_at, "a round closes after it opens");
            }
        }),
        11 => decoded(body, |f: MoveForm| {
            // The page's form and the API's parts become a move by the domain's one set of rules.
            if let Ok(mv) = f.parts().and_then(|parts| parts.to_move()) {
                let today = jiff::civil::date(2026, 5, 11);
                if journey::validate(&mv, today).is_ok()
                    && let Move::Decline { reason, standard } = &mv
                {
                    // A decline has a reason: a standard one, or words of the decider's own.
                    assert!(chars(reason.trim()) <= REASON_MAX && (standard.is_some() || !reason.trim().is_empty()));
                }
            }
            let _ = meeting::parse_time(&f.rank);
            let _ = meeting::check_url(&f.reason);
        }),
        _ => {
            let text = String::from_utf8_lossy(body);
            let _ = Email::parse(&text);
            let _ = idespor_domain::auth::validate_new_password(&text);
        }
    }
});
