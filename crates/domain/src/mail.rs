//! E-mail: each person's preferences per kind of news, the outbox that holds mail until the mail
//! server has taken it, the digests' periods, and the signed links in every mail (one-click
//! unsubscribe, RFC 8058) and feed (private calendar and Atom links).

use crate::ids::UserId;
use crate::notify::NotificationKind;
use hmac::{Hmac, Mac};
use jiff::civil::{Time, Weekday};
use jiff::{SignedDuration, Timestamp, ToSpan};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// How often a person hears of one kind of news by e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Immediate,
    Daily,
    Weekly,
    Off,
}

impl Cadence {
    pub const ALL: [Cadence; 4] = [Self::Immediate, Self::Daily, Self::Weekly, Self::Off];
    /// Digests, not spam: unless a person chooses otherwise, news comes once a week.
    pub const DEFAULT: Cadence = Cadence::Weekly;
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Immediate => "immediate",
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::Off => "off",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A person's choice for every kind (the default where they chose nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preferences(pub Vec<(NotificationKind, Cadence)>);

impl Preferences {
    pub fn from_stored(stored: &[(NotificationKind, Cadence)]) -> Self {
        Self(
            NotificationKind::ALL
                .into_iter()
                .map(|k| (k, stored.iter().find(|(s, _)| *s == k).map_or(Cadence::DEFAULT, |(_, c)| *c)))
                .collect(),
        )
    }
    pub fn get(&self, kind: NotificationKind) -> Cadence {
        self.0.iter().find(|(k, _)| *k == kind).map_or(Cadence::DEFAULT, |(_, c)| *c)
    }
}

/// A digest's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DigestKind {
    Daily,
    Weekly,
}

impl DigestKind {
    pub fn cadence(self) -> Cadence {
        match self {
            Self::Daily => Cadence::Daily,
            Self::Weekly => Cadence::Weekly,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Daily => "digest_daily",
            Self::Weekly => "digest_weekly",
        }
    }
}

/// Digests go out at 7.00 in the morning, Copenhagen time: the weekly one on Mondays.
pub const DIGEST_HOUR: i8 = 7;

/// The digest period that ended most recently at or before `now`: `[start, end)`, with a key
/// that names it (the same in every process, so that it is sent once).
pub fn last_digest_period(kind: DigestKind, now: Timestamp) -> (Timestamp, Timestamp, String) {
    let tz = crate::clock::copenhagen();
    let local = now.to_zoned_datetime(tz.clone());
    let mut day = local.date();
    let at_seven = |d: jiff::civil::Date| {
        d.to_datetime(Time::constant(DIGEST_HOUR, 0, 0, 0))
            .to_zoned_datetime(tz.clone())
            .map(|z| z.timestamp())
            .unwrap_or(now)
    };
    if at_seven(day) > now {
        day = day.yesterday().unwrap_or(day);
    }
    match kind {
        DigestKind::Daily => {
            let start_day = day.yesterday().unwrap_or(day);
            (at_seven(start_day), at_seven(day), format!("daily:{day}"))
        }
        DigestKind::Weekly => {
            while day.weekday() != Weekday::Monday {
                day = day.yesterday().unwrap_or(day);
            }
            let start_day = day.checked_sub(7.days()).unwrap_or(day);
            let week = day.iso_week_date();
            (at_seven(start_day), at_seven(day), format!("weekly:{}-W{:02}", week.year(), week.week()))
        }
    }
}

/// An e-mail in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxStatus {
    Queued,
    Sending,
    Sent,
    Failed,
}

impl OutboxStatus {
    pub const ALL: [OutboxStatus; 4] = [Self::Queued, Self::Sending, Self::Sent, Self::Failed];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What a mail in the outbox is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxKind {
    /// One notification, for a person who wants that kind at once.
    Notification,
    Digest(DigestKind),
    /// A link to choose a new password ("Glemt adgangskode").
    PasswordReset,
    /// An invitation for a person created by an import: a link to choose their password.
    Invitation,
}

impl OutboxKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Notification => "notification",
            Self::Digest(d) => d.as_str(),
            Self::PasswordReset => "password_reset",
            Self::Invitation => "invitation",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "notification" => Some(Self::Notification),
            "digest_daily" => Some(Self::Digest(DigestKind::Daily)),
            "digest_weekly" => Some(Self::Digest(DigestKind::Weekly)),
            "password_reset" => Some(Self::PasswordReset),
            "invitation" => Some(Self::Invitation),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxMessage {
    pub id: crate::ids::OutboxId,
    pub kind: OutboxKind,
    pub user_id: Option<UserId>,
    pub to_address: Option<String>,
    pub to_name: Option<String>,
    pub notification_id: Option<crate::ids::NotificationId>,
    /// For a password link's mail: its row in `password_resets`.
    pub password_reset_id: Option<i64>,
    pub period_start: Option<Timestamp>,
    pub period_end: Option<Timestamp>,
    pub status: OutboxStatus,
    pub attempts: i64,
    pub next_attempt_at: Timestamp,
    pub last_error: Option<String>,
    pub subject: Option<String>,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
}

/// How long a process may hold a claimed mail before another may take it over.
pub const CLAIM_SECONDS: i64 = 120;
/// After this many failed attempts a mail is marked failed (an operator can retry it).
pub const MAX_ATTEMPTS: i64 = 12;

/// The wait before the next attempt: 30 s doubling, at most an hour, so that a mail server
/// that is down for an hour gets everything soon after it returns.
pub fn backoff(attempts: i64) -> SignedDuration {
    let exp = attempts.clamp(1, 12) as u32 - 1;
    SignedDuration::from_secs((30i64 << exp).min(3600))
}

/// Signs and checks the links in mails and feeds with the installation's secret key.
#[derive(Clone)]
pub struct LinkSigner {
    key: Vec<u8>,
}

impl std::fmt::Debug for LinkSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkSigner(…)")
    }
}

impl LinkSigner {
    pub fn new(key: &[u8]) -> Self {
        Self { key: key.to_vec() }
    }

    fn mac(&self, message: &str) -> Hmac<Sha256> {
        // HMAC takes a key of any length.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key).unwrap_or_else(|_| unreachable!());
        mac.update(message.as_bytes());
        mac
    }

    pub fn sign(&self, message: &str) -> String {
        hex::encode(&self.mac(message).finalize().into_bytes()[..16])
    }

    pub fn verify(&self, message: &str, token: &str) -> bool {
        match hex::decode(token) {
            Ok(bytes) if bytes.len() == 16 => self.mac(message).verify_truncated_left(&bytes).is_ok(),
            _ => false,
        }
    }

    /// The token of a person's one-click unsubscribe link for one kind (or "all").
    pub fn unsubscribe_token(&self, user: UserId, what: &str) -> String {
        self.sign(&format!("unsubscribe:{user}:{what}"))
    }

    /// The token of a password link: bound to the link's row, its person and its expiry, so that
    /// nothing secret is stored and a guessed id is worth nothing.
    pub fn reset_token(&self, reset: i64, user: UserId, expires_at: Timestamp) -> String {
        self.sign(&format!("reset:{reset}:{user}:{}", expires_at.as_second()))
    }

    /// The token in a person's private feed links; a new generation invalidates the old links.
    pub fn feed_token(&self, user: UserId, generation: i64) -> String {
        self.sign(&format!("feed:{user}:{generation}"))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_weekly_digest_covers_monday_to_monday_at_seven_copenhagen_time() {
        // Wednesday 25 November 2026, 12.00 UTC.
        let now: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
        let (start, end, key) = last_digest_period(DigestKind::Weekly, now);
        assert_eq!(end.to_string(), "2026-11-23T06:00:00Z"); // Monday 7.00 CET
        assert_eq!(start.to_string(), "2026-11-16T06:00:00Z");
        assert_eq!(key, "weekly:2026-W48");
        // Monday at 6.59 local time the period is still the one before.
        let early: Timestamp = "2026-11-23T05:59:00Z".parse().unwrap();
        assert_eq!(last_digest_period(DigestKind::Weekly, early).2, "weekly:2026-W47");
    }

    #[test]
    fn the_daily_digest_follows_summer_time() {
        let now: Timestamp = "2026-06-10T05:30:00Z".parse().unwrap(); // 7.30 CEST
        let (start, end, key) = last_digest_period(DigestKind::Daily, now);
        assert_eq!(end.to_string(), "2026-06-10T05:00:00Z");
        assert_eq!(start.to_string(), "2026-06-09T05:00:00Z");
        assert_eq!(key, "daily:2026-06-10");
    }

    #[test]
    fn backoff_grows_to_an_hour() {
        assert_eq!(backoff(1).as_secs(), 30);
        assert_eq!(backoff(2).as_secs(), 60);
        assert_eq!(backoff(12).as_secs(), 3600);
    }

    #[test]
    fn a_signed_link_is_refused_for_another_person_or_generation() {
        let signer = LinkSigner::new(b"secret");
        let token = signer.unsubscribe_token(UserId(7), "all");
        assert!(signer.verify("unsubscribe:7:all", &token));
        assert!(!signer.verify("unsubscribe:8:all", &token));
        assert_ne!(signer.feed_token(UserId(7), 1), signer.feed_token(UserId(7), 2));
        assert!(!signer.verify("unsubscribe:7:all", "zz"));
    }
}
