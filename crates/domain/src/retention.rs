//! How long personal data is kept, and what the housekeeping job removes when it has run out.
//!
//! Danish public bodies must keep personal data no longer than it is needed (GDPR article 5(1)(e)).
//! What Idéspor keeps about a person beyond their own writing is listed in docs/PRIVACY.md with
//! its period; the periods an operator may change are here, with safe defaults:
//!
//! - sessions and invitation links: removed as soon as they expire (or, a link, once used);
//! - sign-in failures: after a day (the sign-in limit looks back no further);
//! - sign-in history: after 180 days;
//! - read notifications: after a year (unread ones wait for their reader);
//! - sent mail: its subject and any error text after 90 days; the delivery record (who, when,
//!   which kind, delivered or not) stays. Mail bodies are never stored: they are written when sent;
//! - the audit trail: after 5 years.
//!
//! The job runs every hour; each run is recorded with its period (the hour, Copenhagen time), so
//! however many nodes run it, one does the work and the others find it done.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// The retention periods, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Retention {
    pub sign_in_history_days: u32,
    pub read_notifications_days: u32,
    pub sent_mail_days: u32,
    pub audit_days: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Self { sign_in_history_days: 180, read_notifications_days: 365, sent_mail_days: 90, audit_days: 5 * 365 + 1 }
    }
}

/// The shortest period an operator may choose for each kind, in days: the audit trail must cover
/// at least a year, the rest at least a day (a shorter period would remove what a person has not
/// had the chance to read or look back on).
pub const MIN_AUDIT_DAYS: u32 = 365;

impl Retention {
    /// What is wrong with the periods, if anything: the name of the first period out of bounds.
    pub fn problem(&self) -> Option<&'static str> {
        if self.audit_days < MIN_AUDIT_DAYS {
            Some("audit_days")
        } else if self.sign_in_history_days == 0 {
            Some("sign_in_history_days")
        } else if self.read_notifications_days == 0 {
            Some("read_notifications_days")
        } else if self.sent_mail_days == 0 {
            Some("sent_mail_days")
        } else {
            None
        }
    }

    /// The instants before which each kind of data has run out, at `now`.
    pub fn cutoffs(&self, now: Timestamp) -> Cutoffs {
        let before = |days: u32| now - SignedDuration::from_hours(24 * i64::from(days));
        Cutoffs {
            now,
            sign_in_failures: before(1),
            sign_in_history: before(self.sign_in_history_days),
            read_notifications: before(self.read_notifications_days),
            sent_mail: before(self.sent_mail_days),
            audit: before(self.audit_days),
        }
    }
}

/// The instants before which each kind of data is removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cutoffs {
    /// Sessions and invitation links that expire at or before this are removed.
    pub now: Timestamp,
    pub sign_in_failures: Timestamp,
    pub sign_in_history: Timestamp,
    pub read_notifications: Timestamp,
    pub sent_mail: Timestamp,
    pub audit: Timestamp,
}

/// What one run removed, by kind: recorded with the run and shown to administrators.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Removed {
    pub sessions: u64,
    pub invitations: u64,
    pub sign_in_failures: u64,
    pub sign_ins: u64,
    pub notifications: u64,
    pub mail_subjects: u64,
    pub audit_entries: u64,
    /// Copies of people's data downloaded or past their 7 days.
    pub exports: u64,
}

/// A recorded run of the job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionRun {
    pub period: String,
    pub started_at: Timestamp,
    pub removed: Removed,
}

/// The job's name in `job_runs`.
pub const JOB: &str = "retention";

/// The period a run at `now` belongs to: the hour, Copenhagen time ("2026-12-07T14").
pub fn period(now: Timestamp) -> String {
    now.to_zoned_datetime(crate::clock::copenhagen()).strftime("%Y-%m-%dT%H").to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn cutoffs_lie_the_periods_before_now_and_periods_are_copenhagen_hours() {
        let now: Timestamp = "2026-12-07T13:30:00Z".parse().unwrap();
        let c = Retention::default().cutoffs(now);
        assert_eq!(c.sign_in_history, "2026-06-10T13:30:00Z".parse().unwrap());
        assert_eq!(c.read_notifications, "2025-12-07T13:30:00Z".parse().unwrap());
        assert_eq!(c.sent_mail, "2026-09-08T13:30:00Z".parse().unwrap());
        assert_eq!(c.sign_in_failures, "2026-12-06T13:30:00Z".parse().unwrap());
        assert_eq!(period(now), "2026-12-07T14", "14.30 in Copenhagen in winter");
        assert_eq!(period("2026-07-01T21:59:59Z".parse().unwrap()), "2026-07-01T23", "summer time");
    }

    #[test]
    fn periods_out_of_bounds_are_named() {
        assert_eq!(Retention::default().problem(), None);
        assert_eq!(Retention { audit_days: 30, ..Default::default() }.problem(), Some("audit_days"));
        assert_eq!(Retention { sent_mail_days: 0, ..Default::default() }.problem(), Some("sent_mail_days"));
    }
}
