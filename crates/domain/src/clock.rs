//! Time is passed in, so that deadlines, digests and reports can be tested with a fixed clock.

use jiff::{SignedDuration, Timestamp};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// The community's time zone: dates, meeting times and digest hours are Copenhagen's.
pub fn copenhagen() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Europe/Copenhagen").unwrap_or(jiff::tz::TimeZone::UTC)
}

pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> Timestamp;
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock for tests: starts at a given instant and moves only when told.
#[derive(Debug, Clone)]
pub struct FixedClock(Arc<AtomicI64>);

impl FixedClock {
    pub fn at(ts: Timestamp) -> Self {
        Self(Arc::new(AtomicI64::new(ts.as_second())))
    }
    pub fn set(&self, ts: Timestamp) {
        self.0.store(ts.as_second(), Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_second(self.0.load(Ordering::SeqCst)).unwrap_or(Timestamp::UNIX_EPOCH)
    }
}

/// The real clock, moved so that it starts at another instant and runs on in real time from
/// there: "today" simulated, for tests that must hold on any date (`IDESPOR_TEST_NOW`) and for
/// showing the demo as it looks on another day.
#[derive(Debug, Clone, Copy)]
pub struct ShiftedClock {
    offset: SignedDuration,
}

impl ShiftedClock {
    pub fn starting_at(start: Timestamp) -> Self {
        Self { offset: start.duration_since(Timestamp::now()) }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> Timestamp {
        Timestamp::now().checked_add(self.offset).unwrap_or(Timestamp::MAX)
    }
}

/// Reads an instant the way a person writes one: an RFC 3339 timestamp
/// (`2028-12-25T00:05:00+01:00`), a Copenhagen date and time (`2028-12-25T00:05`, `2028-12-25
/// 00:05`) or a Copenhagen date alone (`2028-12-25`, meaning 10.00 that day).
pub fn parse_instant(text: &str) -> Result<Timestamp, String> {
    let text = text.trim();
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts);
    }
    // jiff reads a date out of a date and time too, so a date alone is told by its length.
    let local = if text.len() == "2028-12-25".len() {
        text.parse::<jiff::civil::Date>().map(|d| d.at(10, 0, 0, 0))
    } else {
        text.parse::<jiff::civil::DateTime>()
    };
    let local = local.map_err(|_| {
        format!("{text:?} is no instant: write 2028-12-25T00:05 (Copenhagen time) or an RFC 3339 timestamp")
    })?;
    local.to_zoned_datetime(copenhagen()).map(|z| z.timestamp()).map_err(|e| format!("{text:?}: {e}"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn instants_are_read_in_copenhagen_time_unless_they_say_otherwise() {
        assert_eq!(parse_instant("2028-12-25T00:05").unwrap().to_string(), "2028-12-24T23:05:00Z");
        assert_eq!(parse_instant("2028-06-01").unwrap().to_string(), "2028-06-01T08:00:00Z");
        assert_eq!(parse_instant("2028-12-25T00:05:00Z").unwrap().to_string(), "2028-12-25T00:05:00Z");
        assert!(parse_instant("juleaften").is_err());
    }

    #[test]
    fn a_shifted_clock_starts_where_it_is_told_and_runs_on() {
        let start = parse_instant("2030-01-07T09:00").unwrap();
        let clock = ShiftedClock::starting_at(start);
        let first = clock.now();
        assert!(first >= start && first < start + SignedDuration::from_secs(5), "{first}");
        assert!(clock.now() >= first);
    }
}
