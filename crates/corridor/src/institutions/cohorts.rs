//! Waits by month of joining: the people who joined each first-come-first-served queue (a port's
//! waitlist, COMAR, visas, IOM) in one calendar month, followed to the run's end (served, left, waiting).

use super::queue::WaitHistogram;
use super::state::System;
use crate::population::Agents;
use crate::time::Period;
use chrono::Datelike;

/// One month's joiners of one queue, in agents, as the run goes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cohort {
    pub joined: u64,
    pub admitted: u64,
    /// Waits of those admitted.
    pub waits: WaitHistogram,
}

impl Cohort {
    pub(super) fn note_admitted(&mut self, days: u32) {
        self.admitted += 1;
        self.waits.add(days);
    }
}

/// The calendar month of each day of a period, as an index from the period's first month, and each
/// month's label (`2018-11`).
#[derive(Clone, Debug, Default)]
pub struct Months {
    of_day: Vec<u16>,
    labels: Vec<String>,
}

impl Months {
    pub fn new(period: &Period) -> Months {
        let mut m = Months::default();
        let mut last = None;
        for day in 0..period.days {
            let d = period.date(day);
            let key = (d.year(), d.month());
            if last != Some(key) {
                last = Some(key);
                m.labels.push(format!("{:04}-{:02}", key.0, key.1));
            }
            m.of_day.push((m.labels.len() - 1) as u16);
        }
        m
    }

    /// The month of `day` (days past the period count in its last month).
    pub fn of(&self, day: u32) -> usize {
        self.of_day.get(day as usize).or(self.of_day.last()).map_or(0, |&m| usize::from(m))
    }

    pub fn label(&self, month: usize) -> &str {
        &self.labels[month]
    }
}

/// The people who joined one queue in one month, at the run's end (people: agents × scale).
#[derive(Clone, Debug, PartialEq)]
pub struct CohortRow {
    pub queue: String,
    /// `YYYY-MM`.
    pub month: String,
    /// Joins in the month: a person who joins again counts again, and waits from the latest join.
    pub joined: u64,
    /// Served by the run's end (called to the port, decided, issued a visa, returned home).
    pub admitted: u64,
    /// Left the queue unserved (crossed, went home, another port or queue, a lapsed registration).
    pub left: u64,
    pub waiting_at_end: u64,
    /// Percentiles of the waits of those served (None when nobody was).
    pub wait_p50_days: Option<u32>,
    pub wait_p90_days: Option<u32>,
    /// The median, over those still waiting at the end, of the days from joining to the day after
    /// the period: the least wait they can have, as they were not served within it (None when
    /// nobody is waiting). For a month nobody of which was served, the only wait there is.
    pub still_waiting_p50_days: Option<u32>,
}

impl System {
    /// The first-come-first-served queues' cohorts by month of joining, at the end of the run
    /// (`agents`: the engine's agents as the run ended; `days`: the days simulated, so that day
    /// `days` is the first a person still waiting could be served). Months nobody joined are left out.
    pub fn cohort_rows(&self, agents: &Agents, days: u32) -> Vec<CohortRow> {
        let ppa = self.ppa as u64;
        let mut rows = Vec::new();
        for q in self.ids.first_come_first_served() {
            let queue = &self.queues[q];
            let mut waiting = vec![0u64; queue.cohorts.len()];
            let mut waited = vec![WaitHistogram::default(); queue.cohorts.len()];
            for &(id, joined) in &queue.fifo {
                if self.entry_stands(&agents.status, q, id as usize, joined) {
                    let month = self.months.of(joined);
                    waiting[month] += 1;
                    waited[month].add(days.saturating_sub(joined));
                }
            }
            for (month, c) in queue.cohorts.iter().enumerate().filter(|(_, c)| c.joined > 0) {
                let unserved = c.joined.saturating_sub(c.admitted + waiting[month]);
                debug_assert_eq!(unserved + c.admitted + waiting[month], c.joined, "{}: cohort {month}", queue.name);
                rows.push(CohortRow {
                    queue: queue.name.clone(),
                    month: self.months.label(month).to_string(),
                    joined: c.joined * ppa,
                    admitted: c.admitted * ppa,
                    left: unserved * ppa,
                    waiting_at_end: waiting[month] * ppa,
                    wait_p50_days: c.waits.quantile(0.5),
                    wait_p90_days: c.waits.quantile(0.9),
                    still_waiting_p50_days: waited[month].quantile(0.5),
                });
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn months_follow_the_calendar_from_the_period_start() {
        let start = NaiveDate::from_ymd_opt(2018, 10, 30).expect("date");
        let m = Months::new(&Period { start, days: 40 });
        assert_eq!(
            (m.of(0), m.of(1), m.of(2), m.of(31), m.of(32)),
            (0, 0, 1, 1, 2),
            "Oct 30, 31, Nov 1, Nov 30, Dec 1"
        );
        assert_eq!((m.label(0), m.label(1), m.label(2)), ("2018-10", "2018-11", "2018-12"));
        assert_eq!(m.of(1000), 2, "a day past the period counts in its last month");
        // Across a year's end: the year is part of the month.
        let start = NaiveDate::from_ymd_opt(2018, 12, 30).expect("date");
        let m = Months::new(&Period { start, days: 5 });
        assert_eq!((m.of(1), m.of(2)), (0, 1));
        assert_eq!((m.label(0), m.label(1)), ("2018-12", "2019-01"));
    }
}
