//! Where a chart's date axis puts its labels: on the first of a month (every one, two, three, four or
//! six months, or years), or on weeks for a period of under three months, never on odd days.

use chrono::{Datelike, Days, Months, NaiveDate};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;

/// Labels an axis holds at most (seven to eight fit a 960-pixel chart's dates).
const MOST: usize = 8;

/// The label of day `day` of a period starting on `start` (`2018-11-01`).
pub(crate) fn date_label(start: NaiveDate, day: f64) -> String {
    let d = start + Days::new(day.max(0.0).round() as u64);
    d.format("%Y-%m-%d").to_string()
}

/// The days, counted from `start`, of the first of each month in `0..days`.
fn month_starts(start: NaiveDate, days: u32) -> Vec<u32> {
    let Some(end) = start.checked_add_days(Days::new(u64::from(days))) else {
        return Vec::new();
    };
    // The period's first day when it is a month's first, else the next month's.
    let first = start.with_day(1).and_then(|d| if d == start { Some(d) } else { d.checked_add_months(Months::new(1)) });
    std::iter::successors(first, |d| d.checked_add_months(Months::new(1)))
        .take_while(|&d| d < end)
        .map(|d| (d - start).num_days() as u32)
        .collect()
}

/// The labelled days of a period of `days` days from `start` (bold: a label and a grid line each)
/// and the days of a light grid line: the first of every `step` months (a step of 1, 2, 3, 4, 6, 12,
/// 24 … months, those whose month count from year 0 divides by it, so that a quarter starts in
/// January, April, July and October), each month's first a light line; under three months, every
/// week or two from the first day.
pub(crate) fn date_ticks(start: NaiveDate, days: u32) -> (Vec<u32>, Vec<u32>) {
    let months = month_starts(start, days);
    if months.len() < 3 {
        let step = [7u32, 14, 28].into_iter().find(|s| days.div_ceil(*s) as usize <= MOST).unwrap_or(28);
        return ((0..days).step_by(step as usize).collect(), (0..days).step_by(7).collect());
    }
    let index = |day: u32| {
        let d = start + Days::new(u64::from(day));
        d.year() as i64 * 12 + i64::from(d.month0())
    };
    // Months, then years at round steps (every 18 years over 150 read badly: code review of session 25).
    let years = [1i64, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000];
    let steps = [1i64, 2, 3, 4, 6].into_iter().chain(years.into_iter().map(|y| 12 * y));
    let labelled = |step: i64| months.iter().copied().filter(|&m| index(m).rem_euclid(step) == 0).collect::<Vec<_>>();
    let bold = steps.map(labelled).find(|b| b.len() <= MOST).unwrap_or_default();
    (bold, months)
}

/// A date axis in units of `per` days (1: days, 7: weeks), with its grid lines and labels on the days
/// `date_ticks` gives. (plotters' `WithKeyPoints` over an `f64` axis takes no label formatter.)
pub(crate) struct DateAxis {
    range: RangedCoordf64,
    bold: Vec<f64>,
    light: Vec<f64>,
}

impl DateAxis {
    /// The axis from 0 to `end` (in its units) of a period of `days` days from `start`, labelled
    /// within the period.
    pub(crate) fn new(start: NaiveDate, days: u32, per: f64, end: f64) -> DateAxis {
        let (bold, light) = date_ticks(start, days);
        let at = |d: Vec<u32>| d.into_iter().map(|d| f64::from(d) / per).collect();
        DateAxis { range: (0f64..end).into(), bold: at(bold), light: at(light) }
    }
}

impl Ranged for DateAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.range.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            self.light.clone()
        } else {
            self.bold.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.range.range()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Journalist's review of session 25: caravan-2018's charts were labelled 2018-03-25, 2018-07-03,
    /// 2018-10-11 …, so that November 2018 was hard to find.
    #[test]
    fn a_long_period_is_labelled_on_the_first_of_its_quarters_or_halves() {
        // caravan-2018: 2018-03-25 to 2019-12-31, 647 days.
        let start = day("2018-03-25");
        let (bold, light) = date_ticks(start, 647);
        let labels: Vec<String> = bold.iter().map(|&d| date_label(start, f64::from(d))).collect();
        assert_eq!(
            labels,
            ["2018-04-01", "2018-07-01", "2018-10-01", "2019-01-01", "2019-04-01", "2019-07-01", "2019-10-01"]
        );
        assert_eq!(light.len(), 21, "a light line on each first of the month, April 2018 to December 2019");
        assert!(light.iter().all(|&d| date_label(start, f64::from(d)).ends_with("-01")));
        // Six months: every month; two years and more: quarters, halves, years.
        let (bold, _) = date_ticks(day("2019-01-01"), 182);
        assert_eq!(bold.len(), 7, "{bold:?}");
        assert_eq!(date_ticks(day("2019-01-01"), 365 * 3).0.len(), 6, "half-years over three years");
        assert_eq!(date_ticks(day("2000-01-01"), 365 * 20).0.len(), 4, "every five years over twenty");
        let (bold, _) = date_ticks(day("1870-01-01"), 365 * 150);
        let years: Vec<String> =
            bold.iter().map(|&d| date_label(day("1870-01-01"), f64::from(d))[..4].to_string()).collect();
        assert_eq!(years, ["1880", "1900", "1920", "1940", "1960", "1980", "2000"], "every 20 years over 150");
    }

    /// A period of under three months (FLEE's generated 60-day worlds) is labelled by weeks from its
    /// first day; every labelled day lies in the period.
    #[test]
    fn a_short_period_is_labelled_by_weeks() {
        let (bold, light) = date_ticks(day("2020-01-01"), 60);
        assert_eq!(bold, [0, 14, 28, 42, 56]);
        assert_eq!(light, [0, 7, 14, 21, 28, 35, 42, 49, 56]);
        for days in [1, 2, 30, 89, 90, 400, 3_000] {
            let (bold, light) = date_ticks(day("2018-02-13"), days);
            assert!(!bold.is_empty() && bold.len() <= MOST, "{days}: {bold:?}");
            assert!(bold.iter().chain(&light).all(|&d| d < days), "{days}");
        }
    }
}
