//! Time is passed in, so that deadlines, digests and reports can be tested with a fixed clock.

use jiff::Timestamp;
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
