//! Danish working days: the public holidays (helligdage) and the customary days off of the
//! public sector, so that meetings, deadlines and review dates that the system proposes or the
//! demo computes from today never land on a weekend, on Christmas or on Easter.
//!
//! The helligdage are those of Danish law since Store Bededag was abolished (from 2024):
//! nytårsdag, skærtorsdag, langfredag, påskedag, 2. påskedag, Kristi himmelfartsdag, pinsedag,
//! 2. pinsedag, juledag and 2. juledag. Municipal staff also have grundlovsdag (5 June),
//! juleaftensdag (24 December) and nytårsaftensdag (31 December) off under their agreements,
//! so those are no working days either.

use jiff::civil::{Date, Weekday};

/// Why a date is no working day, if it is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOff {
    Weekend,
    /// A public holiday (helligdag) by law.
    PublicHoliday(&'static str),
    /// A day the public sector customarily has off (grundlovsdag, juleaften, nytårsaften).
    Customary(&'static str),
}

/// Easter Sunday of a year in the Gregorian calendar (the anonymous algorithm of Meeus, Jones
/// and Butcher), from which the moveable holidays are counted.
pub fn easter_sunday(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // month is 3 or 4 and day 1..=31 by construction of the algorithm.
    Date::new(year, month as i8, day as i8).unwrap_or(Date::constant(2000, 4, 23))
}

/// Whether `date` is a day off, and why; `None` for a working day.
pub fn day_off(date: Date) -> Option<DayOff> {
    if matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) {
        return Some(DayOff::Weekend);
    }
    let fixed = match (date.month(), date.day()) {
        (1, 1) => Some(DayOff::PublicHoliday("nytårsdag")),
        (6, 5) => Some(DayOff::Customary("grundlovsdag")),
        (12, 24) => Some(DayOff::Customary("juleaftensdag")),
        (12, 25) => Some(DayOff::PublicHoliday("juledag")),
        (12, 26) => Some(DayOff::PublicHoliday("2. juledag")),
        (12, 31) => Some(DayOff::Customary("nytårsaftensdag")),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    let easter = easter_sunday(date.year());
    let from_easter = (date - easter).get_days();
    let name = match from_easter {
        -3 => "skærtorsdag",
        -2 => "langfredag",
        0 => "påskedag",
        1 => "2. påskedag",
        26 if date.year() < 2024 => "store bededag",
        39 => "Kristi himmelfartsdag",
        49 => "pinsedag",
        50 => "2. pinsedag",
        _ => return None,
    };
    Some(DayOff::PublicHoliday(name))
}

pub fn is_working_day(date: Date) -> bool {
    day_off(date).is_none()
}

/// The first working day on or after `date`.
pub fn working_day_on_or_after(date: Date) -> Date {
    let mut d = date;
    // At most a long weekend plus Christmas: the loop ends within a few days.
    while !is_working_day(d) {
        match d.tomorrow() {
            Ok(next) => d = next,
            Err(_) => return date,
        }
    }
    d
}

/// The last working day on or before `date`.
pub fn working_day_on_or_before(date: Date) -> Date {
    let mut d = date;
    while !is_working_day(d) {
        match d.yesterday() {
            Ok(previous) => d = previous,
            Err(_) => return date,
        }
    }
    d
}

/// The working day after `date` (not `date` itself).
pub fn next_working_day(date: Date) -> Date {
    date.tomorrow().map(working_day_on_or_after).unwrap_or(date)
}

/// The working day before `date` (not `date` itself).
pub fn previous_working_day(date: Date) -> Date {
    date.yesterday().map(working_day_on_or_before).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use jiff::civil::date;

    #[test]
    fn easter_sunday_matches_the_almanac() {
        // Dates from the Danish almanac (and any church calendar).
        for (year, month, day) in [
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2029, 4, 1),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(year), date(year, month, day), "{year}");
        }
    }

    #[test]
    fn the_holidays_of_2026_and_2027() {
        let named = |d: Date| match day_off(d) {
            Some(DayOff::PublicHoliday(n) | DayOff::Customary(n)) => n,
            Some(DayOff::Weekend) => "weekend",
            None => "",
        };
        assert_eq!(named(date(2026, 4, 2)), "skærtorsdag");
        assert_eq!(named(date(2026, 4, 3)), "langfredag");
        assert_eq!(named(date(2026, 4, 6)), "2. påskedag");
        assert_eq!(named(date(2026, 5, 14)), "Kristi himmelfartsdag");
        assert_eq!(named(date(2026, 5, 25)), "2. pinsedag");
        assert_eq!(named(date(2026, 6, 5)), "grundlovsdag");
        assert_eq!(named(date(2026, 12, 24)), "juleaftensdag");
        assert_eq!(named(date(2026, 12, 25)), "juledag");
        assert_eq!(named(date(2026, 12, 31)), "nytårsaftensdag");
        assert_eq!(named(date(2027, 1, 1)), "nytårsdag");
        // Store Bededag is gone since 2024: the fourth Friday after Easter 2026 is a working day.
        assert_eq!(named(date(2026, 5, 1)), "");
        assert_eq!(named(date(2023, 5, 5)), "store bededag");
        assert_eq!(named(date(2026, 12, 5)), "weekend");
        assert_eq!(named(date(2026, 12, 7)), "");
    }

    #[test]
    fn working_days_skip_christmas_and_new_year() {
        // Wednesday 23 December 2026: the next working day is Monday 28 December.
        assert_eq!(next_working_day(date(2026, 12, 23)), date(2026, 12, 28));
        // Monday 25 December 2028: back to Friday 22 December, forward to Wednesday 27.
        assert_eq!(working_day_on_or_before(date(2028, 12, 25)), date(2028, 12, 22));
        assert_eq!(working_day_on_or_after(date(2028, 12, 25)), date(2028, 12, 27));
        // 31 December 2026 is a Thursday, 1 January 2027 a Friday: on to Monday 4 January.
        assert_eq!(working_day_on_or_after(date(2026, 12, 31)), date(2027, 1, 4));
        assert_eq!(previous_working_day(date(2027, 1, 4)), date(2026, 12, 30));
        // Easter 2027: Thursday 25 March to Monday 29 March are all off.
        assert_eq!(next_working_day(date(2027, 3, 24)), date(2027, 3, 30));
        // A working day is its own nearest working day.
        assert_eq!(working_day_on_or_after(date(2026, 12, 7)), date(2026, 12, 7));
    }

    #[test]
    fn no_year_has_a_run_of_days_off_longer_than_five() {
        // The loops above end quickly; the longest run (Easter from a weekend) is five days.
        let mut d = date(2020, 1, 1);
        let mut run = 0;
        while d < date(2060, 1, 1) {
            run = if is_working_day(d) { 0 } else { run + 1 };
            assert!(run <= 5, "{d}");
            d = d.tomorrow().unwrap();
        }
    }
}
