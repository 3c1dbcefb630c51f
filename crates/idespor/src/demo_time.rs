//! When the demo's things happen. The demo is replayed relative to the day it is loaded, and
//! it should look like a community at work whatever that day is: meetings, deadlines, review
//! dates and releases fall on Danish working days (no weekends, no Easter, no Christmas), and
//! what people do falls in working hours, the newest of it in the last working day.

use idespor_domain::calendar::{is_working_day, next_working_day, working_day_on_or_after, working_day_on_or_before};
use idespor_domain::clock::copenhagen;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// The hours in which demo people act as they would: 8.00 to 15.00 as they are; the rest of a
/// working day's afternoon, the night and any days off until the next working morning are
/// squeezed into the hour from 15.00 to 16.00.
const WORK_STARTS: (i8, i8) = (8, 0);
const SQUEEZE_STARTS: (i8, i8) = (15, 0);

#[derive(Debug, Clone)]
pub struct DemoTime {
    tz: TimeZone,
    today: Date,
}

impl DemoTime {
    /// The demo's time for a load at `now`.
    pub fn new(now: Timestamp) -> Self {
        let tz = copenhagen();
        let today = now.to_zoned_datetime(tz.clone()).date();
        Self { tz, today }
    }

    fn offset(&self, days: i64) -> Date {
        self.today.checked_add(SignedDuration::from_hours(24 * days)).unwrap_or(self.today)
    }

    /// The working day `days` from today: for today and the past the last working day on or
    /// before it, for the future the first working day on or after it. The order of offsets is
    /// kept (a later offset never gives an earlier day), and a future offset stays in the future.
    pub fn day(&self, days: i64) -> Date {
        if days <= 0 { self.on_or_before(days) } else { self.on_or_after(days) }
    }

    /// The last working day on or before today plus `days`.
    pub fn on_or_before(&self, days: i64) -> Date {
        working_day_on_or_before(self.offset(days))
    }

    /// The first working day on or after today plus `days`.
    pub fn on_or_after(&self, days: i64) -> Date {
        working_day_on_or_after(self.offset(days))
    }

    /// A local time on a date, as an instant.
    pub fn at(&self, date: Date, hour: i8, minute: i8) -> Timestamp {
        let time = Time::new(hour, minute, 0, 0).unwrap_or(Time::midnight());
        date.to_datetime(time)
            .to_zoned_datetime(self.tz.clone())
            .map(|z| z.timestamp())
            .unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// Moves an instant of activity into working hours, keeping the order of any two instants
    /// (the map never decreases), so a history replayed through it stays in order: from 8.00 to
    /// 15.00 on a working day an instant stays where it is; from 15.00 until the next working
    /// day's 8.00 it is squeezed into the hour after 15.00. Never later than the instant itself.
    pub fn at_work(&self, t: Timestamp) -> Timestamp {
        let mut day = t.to_zoned_datetime(self.tz.clone()).date();
        // The working day whose morning is the last at or before `t` (days off come in runs of
        // at most five, so this looks back a week at most).
        for _ in 0..10 {
            if is_working_day(day) && self.at(day, WORK_STARTS.0, WORK_STARTS.1) <= t {
                break;
            }
            day = match day.yesterday() {
                Ok(d) => d,
                Err(_) => return t,
            };
        }
        let squeeze = self.at(day, SQUEEZE_STARTS.0, SQUEEZE_STARTS.1);
        if t < squeeze {
            return t;
        }
        let next_morning = self.at(next_working_day(day), WORK_STARTS.0, WORK_STARTS.1);
        let stretch = next_morning.as_second() - squeeze.as_second();
        let into = t.as_second() - squeeze.as_second();
        if stretch <= 0 {
            return t;
        }
        Timestamp::from_second(squeeze.as_second() + into.min(stretch) * 3600 / stretch).unwrap_or(t)
    }

    /// The same, but never before `floor` (for what must follow something that happened in
    /// working hours, such as minutes after the meeting's end).
    pub fn at_work_after(&self, t: Timestamp, floor: Timestamp) -> Timestamp {
        self.at_work(t).max(floor)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use idespor_domain::clock::parse_instant;

    fn local(t: Timestamp) -> String {
        t.to_zoned_datetime(copenhagen()).strftime("%a %Y-%m-%d %H:%M").to_string()
    }

    #[test]
    fn days_from_a_christmas_monday_land_on_working_days() {
        // Monday 25 December 2028, five minutes past midnight.
        let time = DemoTime::new(parse_instant("2028-12-25T00:05").unwrap());
        assert_eq!(time.day(0).to_string(), "2028-12-22");
        assert_eq!(time.day(1).to_string(), "2028-12-27");
        assert_eq!(time.day(7).to_string(), "2029-01-02");
        assert_eq!(time.day(-3).to_string(), "2028-12-22");
        for offset in -400..400 {
            assert!(is_working_day(time.day(offset)), "{offset}");
            assert!(time.day(offset) <= time.day(offset + 1), "{offset}");
        }
    }

    #[test]
    fn activity_lands_in_working_hours_in_order() {
        let time = DemoTime::new(parse_instant("2028-12-25T00:05").unwrap());
        let now = parse_instant("2028-12-25T00:05").unwrap();
        // The newest activity is on the last working afternoon, Friday 22 December.
        assert!(local(time.at_work(now)).starts_with("Fri 2028-12-22 15:"), "{}", local(time.at_work(now)));
        // A working morning stays as it is.
        let morning = parse_instant("2028-12-20T10:30").unwrap();
        assert_eq!(time.at_work(morning), morning);
        // Every instant of two years, hour by hour, lands on a working day between 8.00 and
        // 16.00, never later than itself, and the order is kept.
        let mut t = now - SignedDuration::from_hours(24 * 730);
        let mut previous = Timestamp::MIN;
        while t <= now {
            let moved = time.at_work(t);
            let z = moved.to_zoned_datetime(copenhagen());
            assert!(is_working_day(z.date()) && (8..16).contains(&z.hour()), "{} -> {}", local(t), local(moved));
            assert!(moved <= t && moved >= previous, "{} -> {}", local(t), local(moved));
            previous = moved;
            t += SignedDuration::from_mins(61);
        }
    }
}
