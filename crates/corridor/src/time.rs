//! Calendar of a run: the first date and the number of days, and conversions between dates and day indices.
//! Day 0 is the start date; one step of the engine is one day.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The longest period a scenario may have: 365,250 days (1,000 years). Assumption: far beyond any
/// question of migration, and it keeps a mistyped length from asking for terabytes of per-day tables
/// or for dates past the calendar's end (chrono's, year 262,142).
pub const MAX_DAYS: u32 = 365_250;

/// The simulated period: `days` days from `start` (day 0) to `start + days - 1` inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub days: u32,
}

impl Period {
    /// The period from `start` to `end`, both inclusive; None if `end` is before `start`.
    pub fn from_dates(start: NaiveDate, end: NaiveDate) -> Option<Period> {
        let days = (end - start).num_days();
        (days >= 0).then(|| Period { start, days: days as u32 + 1 })
    }

    /// The last simulated date.
    pub fn end(&self) -> NaiveDate {
        self.date(self.days.saturating_sub(1))
    }

    /// The date of day `day`.
    pub fn date(&self, day: u32) -> NaiveDate {
        self.start + chrono::Days::new(u64::from(day))
    }

    /// The day index of `date`, or None when it falls outside the period.
    pub fn day_of(&self, date: NaiveDate) -> Option<u32> {
        let d = (date - self.start).num_days();
        (d >= 0 && d < i64::from(self.days)).then_some(d as u32)
    }

    /// The calendar months the period touches (1 for a period within one month; 0 for no days).
    pub fn months(&self) -> u32 {
        if self.days == 0 {
            return 0;
        }
        let index = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        (index(self.end()) - index(self.start) + 1) as u32
    }

    /// The day index of `date`, clamped into the period's range `0..=days` (days = after the end).
    pub fn day_clamped(&self, date: NaiveDate) -> u32 {
        let d = (date - self.start).num_days();
        d.clamp(0, i64::from(self.days)) as u32
    }

    /// The day index of `date`, 0 for a date before the start but not clamped at the end: a day past
    /// the period, where something read beyond it (a court calendar's days ahead) needs the date itself.
    pub fn day_from_start(&self, date: NaiveDate) -> u32 {
        let d = (date - self.start).num_days();
        d.clamp(0, i64::from(u32::MAX)) as u32
    }
}

/// `date` as `YYYY-MM-DD`, the outputs' date cells: written by hand for years 0–9999 (chrono's
/// formatter, called for every day's rows, cost more than the rows' numbers), by chrono otherwise.
pub fn iso_date(date: NaiveDate) -> String {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&y) {
        return date.format("%Y-%m-%d").to_string();
    }
    let y = y as u32;
    let digit = |v: u32| char::from(b'0' + v as u8);
    let mut s = String::with_capacity(10);
    for v in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
        s.push(digit(v));
    }
    s.push('-');
    s.push(digit(m / 10));
    s.push(digit(m % 10));
    s.push('-');
    s.push(digit(d / 10));
    s.push(digit(d % 10));
    s
}

/// Whether `text` starts with a year of four digits and a `-`, as Python's `%Y` needs (FLEE's
/// `strptime` refuses `10-01-01`, which chrono's `%Y` reads as the year 10).
pub fn four_digit_year(text: &str) -> bool {
    text.split_once('-').is_some_and(|(y, _)| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
}

/// A scenario's date (year-month-day, as chrono's `%Y-%m-%d` reads it: `2019-4-25` is April 25), or
/// why `text` is not one, in words: a month, day or year the calendar lacks is named as such.
pub fn read_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let not = |why: String| Err(format!("`{text}` is not a date: {why}"));
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        // chrono's `%Y` reads `19` as the year 19 (bad-input review of session 32: a policy dated
        // `19-06-01` was in force from the first day); a year is written with its four digits.
        if !four_digit_year(text) {
            return not("write the year with four digits, as in 2019-06-01".into());
        }
        return Ok(date);
    }
    // Digits only, at most `len` of them (a month or day has one or two).
    let number = |p: &str, len: usize| {
        (!p.is_empty() && p.len() <= len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    if let [y, m, d] = text.split('-').collect::<Vec<_>>()[..] {
        if let (Some(year), Some(month), Some(day)) = (number(y, 9), number(m, 2), number(d, 2)) {
            if !(1..=12).contains(&month) {
                return not(format!("there is no month {month}"));
            }
            let Some(first) = i32::try_from(year).ok().and_then(|y| NaiveDate::from_ymd_opt(y, month, 1)) else {
                return not(format!("year {year} is beyond the calendar"));
            };
            if day == 0 {
                return not("there is no day 0".into());
            }
            let days = first.checked_add_months(chrono::Months::new(1)).map_or(31, |next| (next - first).num_days());
            if i64::from(day) > days {
                return not(format!("{} {year} has {days} days", first.format("%B")));
            }
        }
    }
    not("expected year-month-day, like 2018-11-09".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_date_says_why_a_date_is_not_one() {
        assert_eq!(read_date(" 2019-04-25 "), NaiveDate::from_ymd_opt(2019, 4, 25).ok_or(String::new()));
        assert_eq!(read_date("2019-4-25"), read_date("2019-04-25"), "chrono's %m reads one digit too");
        let why = |t: &str| read_date(t).unwrap_err();
        assert_eq!(why("2018-10-32"), "`2018-10-32` is not a date: October 2018 has 31 days");
        assert_eq!(why("2019-02-29"), "`2019-02-29` is not a date: February 2019 has 28 days");
        assert_eq!(why("2018-13-01"), "`2018-13-01` is not a date: there is no month 13");
        assert_eq!(why("2018-00-01"), "`2018-00-01` is not a date: there is no month 0");
        // Code review of session 30: a valid day or month written with too many digits, or day 0, was
        // said to be past the month's end.
        assert_eq!(why("2018-10-00"), "`2018-10-00` is not a date: there is no day 0");
        for shape in ["2018-10-015", "2018-010-15", "2018-10-0015"] {
            assert!(why(shape).ends_with("expected year-month-day, like 2018-11-09"), "{shape}: {}", why(shape));
        }
        assert_eq!(why("999999-01-01"), "`999999-01-01` is not a date: year 999999 is beyond the calendar");
        // A day the calendar has, in a year chrono's `%Y` does not read (five digits): no false reason.
        assert!(why("10000-01-01").ends_with("expected year-month-day, like 2018-11-09"));
        // Bad-input review of session 32: `19-06-01` was the year 19.
        assert_eq!(why("19-06-01"), "`19-06-01` is not a date: write the year with four digits, as in 2019-06-01");
        assert!(read_date("0019-06-01").is_ok());
        for shape in ["11/09/2018", "2018-11", "Nov 9", "2018-11-09T10:00", ""] {
            assert!(why(shape).ends_with("expected year-month-day, like 2018-11-09"), "{shape}: {}", why(shape));
        }
    }

    #[test]
    fn a_period_counts_the_calendar_months_it_touches() {
        let at = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let months = |a, b| Period::from_dates(a, b).unwrap().months();
        assert_eq!(months(at(2018, 3, 25), at(2019, 12, 31)), 22, "caravan-2018");
        assert_eq!(months(at(2018, 3, 31), at(2018, 4, 1)), 2, "two days, two months");
        assert_eq!(months(at(2018, 3, 1), at(2018, 3, 31)), 1);
        assert_eq!(months(at(2018, 12, 31), at(2019, 1, 1)), 2, "over the year's end");
        assert_eq!(Period { start: at(2018, 3, 1), days: 0 }.months(), 0);
    }

    #[test]
    fn iso_date_is_chronos_format() {
        let mut date = NaiveDate::from_ymd_opt(-3, 12, 25).unwrap();
        let last = NaiveDate::from_ymd_opt(10_002, 1, 3).unwrap();
        let mut seen = 0;
        while date <= last {
            assert_eq!(iso_date(date), date.format("%Y-%m-%d").to_string());
            // Every day of years at the edges (and leap days), a stride through the rest.
            let step =
                if date.year() < 3 || date.year() > 9997 || (1999..2002).contains(&date.year()) { 1 } else { 97 };
            date = date + chrono::Days::new(step);
            seen += 1;
        }
        assert!(seen > 8000, "{seen} dates checked");
    }

    #[test]
    fn dates_and_days_round_trip() {
        let start = NaiveDate::from_ymd_opt(2018, 10, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2019, 1, 31).unwrap();
        let p = Period::from_dates(start, end).unwrap();
        assert_eq!(p.days, 123);
        assert_eq!(p.end(), end);
        let nov9 = NaiveDate::from_ymd_opt(2018, 11, 9).unwrap();
        assert_eq!(p.day_of(nov9), Some(39));
        assert_eq!(p.date(39), nov9);
        assert_eq!(p.day_of(end + chrono::Days::new(1)), None);
        assert!(Period::from_dates(end, start).is_none());
    }
}
