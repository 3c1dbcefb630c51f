//! One notification in words, for the notifications page, the e-mails and the digests alike:
//! what happened (in the reader's language) and what it is about, with its address.

use crate::i18n::{FluentArg, t, t_args};
use idespor_domain::notify::{MeetingChange, Notification, NotificationKind};
use idespor_domain::user::Language;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// "Hanne Bro: Videresendt", "Erfagruppe Nord: mødet er flyttet".
    pub text: String,
    /// The path of the thing it is about, e.g. `/ideas/12`.
    pub path: String,
    /// Its title.
    pub title: String,
}

pub fn describe(lang: Language, n: &Notification) -> Notice {
    let who = n.actor_name.clone().unwrap_or_else(|| t(lang, "admin-audit-system"));
    let group = n.group_name.clone().unwrap_or_default();
    match n.kind {
        NotificationKind::Moved | NotificationKind::Commented | NotificationKind::Edited => {
            let text = match (n.kind, n.to_status) {
                (NotificationKind::Edited, _) => t_args(lang, "notification-edited", &[("who", FluentArg::from(who))]),
                (NotificationKind::Moved, Some(status)) => t_args(
                    lang,
                    "notification-moved",
                    &[
                        ("who", FluentArg::from(who)),
                        ("status", FluentArg::from(t(lang, &format!("status-{}", status.as_str())))),
                    ],
                ),
                _ => t_args(lang, "notification-commented", &[("who", FluentArg::from(who))]),
            };
            Notice {
                text,
                path: n.idea_id.map(|i| format!("/ideas/{i}")).unwrap_or_default(),
                title: n.idea_title.clone().unwrap_or_default(),
            }
        }
        NotificationKind::Moderated => {
            let (path, title) = if let Some(idea) = n.idea_id {
                (format!("/ideas/{idea}"), n.idea_title.clone())
            } else if let Some(decision) = n.decision_id {
                (format!("/decisions/{decision}"), n.decision_title.clone())
            } else {
                (n.meeting_id.map(|m| format!("/meetings/{m}")).unwrap_or_default(), n.meeting_title.clone())
            };
            Notice {
                text: t_args(lang, "notification-moderated", &[("who", FluentArg::from(who))]),
                path,
                title: title.unwrap_or_default(),
            }
        }
        // The new person is the notification's actor; coordinators add people on their groups.
        NotificationKind::NewPerson => Notice {
            text: t_args(lang, "notification-new_person", &[("who", FluentArg::from(who.clone()))]),
            path: "/groups".into(),
            title: who,
        },
        NotificationKind::Decision => Notice {
            text: t_args(lang, "notification-decision", &[("group", FluentArg::from(group))]),
            path: n.decision_id.map(|d| format!("/decisions/{d}")).unwrap_or_default(),
            title: n.decision_title.clone().unwrap_or_default(),
        },
        NotificationKind::Meeting => {
            let change = n.meeting_change.unwrap_or(MeetingChange::Changed);
            let when = n.meeting_starts_at.map(|at| crate::i18n::format_datetime(lang, at)).unwrap_or_default();
            Notice {
                text: t_args(
                    lang,
                    &format!("notification-meeting-{}", change.as_str()),
                    &[("group", FluentArg::from(group)), ("when", FluentArg::from(when))],
                ),
                path: n.meeting_id.map(|m| format!("/meetings/{m}")).unwrap_or_default(),
                title: n.meeting_title.clone().unwrap_or_default(),
            }
        }
    }
}
