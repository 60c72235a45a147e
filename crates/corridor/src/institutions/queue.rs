//! A FIFO queue ordered by (day joined, agent id), with lazy removal of people who left it, and the
//! day's counts and a histogram of measured waits for queues.csv and summary.json.

use super::cohorts::Cohort;
use std::collections::VecDeque;

/// A place in a queue: (agent, day joined).
pub type Entry = (u32, u32);

/// One institution's queue (a port's waitlist, COMAR's docket, a detention centre...).
#[derive(Clone, Debug, Default)]
pub struct Queue {
    pub name: String,
    /// (agent, day joined), in the order people joined; entries of people who left are skipped when met.
    pub fifo: VecDeque<Entry>,
    /// Agents in the queue now.
    pub waiting: u64,
    /// Admitted (served) and left today, in agents.
    pub admitted: u64,
    pub left: u64,
    /// Totals over the run.
    pub admitted_total: u64,
    pub left_total: u64,
    /// Waits of those admitted.
    pub waits: WaitHistogram,
    /// Fractional service owed (capacities per day need not be whole agents).
    pub credit: f64,
    /// Those who joined, by month of joining (see `cohorts`): served and their waits.
    pub cohorts: Vec<Cohort>,
}

impl Queue {
    /// Bytes of a place in a queue (an agent waiting holds one).
    pub const ENTRY_BYTES: usize = std::mem::size_of::<Entry>();

    pub fn new(name: impl Into<String>) -> Self {
        Queue { name: name.into(), ..Default::default() }
    }

    /// `agent` joins on `day`, in month `month` (an index of `cohorts::Months`).
    pub fn push(&mut self, agent: u32, day: u32, month: usize) {
        self.fifo.push_back((agent, day));
        self.waiting += 1;
        if self.cohorts.len() <= month {
            self.cohorts.resize_with(month + 1, Cohort::default);
        }
        self.cohorts[month].joined += 1;
    }

    /// Starts a new day's counts.
    pub fn new_day(&mut self) {
        self.admitted = 0;
        self.left = 0;
    }

    pub fn note_left(&mut self, n: u64) {
        self.waiting = self.waiting.saturating_sub(n);
        self.left += n;
        self.left_total += n;
    }

    /// Records someone entering without a FIFO entry (a detention centre's intake).
    pub fn note_in(&mut self) {
        self.waiting += 1;
        self.admitted += 1;
        self.admitted_total += 1;
    }

    /// Records the admission of someone who joined in `month` (as given to `push`), after a wait of
    /// `days`.
    pub fn note_admitted(&mut self, days: u32, month: usize) {
        self.waiting = self.waiting.saturating_sub(1);
        self.admitted += 1;
        self.admitted_total += 1;
        self.note_wait(days);
        debug_assert!(month < self.cohorts.len(), "{}: admitted from month {month}, which nobody joined", self.name);
        if let Some(c) = self.cohorts.get_mut(month) {
            c.note_admitted(days);
        }
    }

    /// Records a measured wait without changing the counts.
    pub fn note_wait(&mut self, days: u32) {
        self.waits.add(days);
    }

    /// Takes back a wait recorded with `note_wait` (a booking cancelled before it was met).
    pub fn forget_wait(&mut self, days: u32) {
        self.waits.remove(days);
    }

    /// Adds this many to the credit for today and returns how many whole agents may be served.
    pub fn take_credit(&mut self, agents_per_day: f64) -> u64 {
        self.credit += agents_per_day.max(0.0);
        let n = self.credit.floor();
        self.credit -= n;
        n as u64
    }

    /// The `q` quantile (0..1) of recorded waits in days, None if none were recorded.
    pub fn wait_quantile(&self, q: f64) -> Option<u32> {
        self.waits.quantile(q)
    }
}

/// Waits in whole days, as a histogram (index = days).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WaitHistogram(Vec<u64>);

impl WaitHistogram {
    /// Records a wait of `days`.
    pub fn add(&mut self, days: u32) {
        let d = days as usize;
        if self.0.len() <= d {
            self.0.resize(d + 1, 0);
        }
        self.0[d] += 1;
    }

    /// How many waits are recorded.
    pub fn count(&self) -> u64 {
        self.0.iter().sum()
    }

    /// Takes back one recorded wait of `days` (nothing if none was recorded).
    pub fn remove(&mut self, days: u32) {
        if let Some(n) = self.0.get_mut(days as usize) {
            *n = n.saturating_sub(1);
        }
    }

    /// The `q` quantile (0..1) in days, None if no wait was recorded.
    pub fn quantile(&self, q: f64) -> Option<u32> {
        quantile(&self.0, q)
    }
}

/// The `q` quantile of a histogram by whole days (the smallest d with at least q of the mass at or below).
pub fn quantile(hist: &[u64], q: f64) -> Option<u32> {
    let total: u64 = hist.iter().sum();
    if total == 0 {
        return None;
    }
    let target = (q * total as f64).ceil().max(1.0) as u64;
    let mut acc = 0;
    for (d, n) in hist.iter().enumerate() {
        acc += n;
        if acc >= target {
            return Some(d as u32);
        }
    }
    Some(hist.len() as u32 - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_of_a_histogram() {
        let mut q = Queue::new("x");
        for d in 1..=10 {
            q.note_wait(d);
        }
        assert_eq!(q.wait_quantile(0.5), Some(5));
        assert_eq!(q.wait_quantile(0.9), Some(9));
        assert_eq!(Queue::new("y").wait_quantile(0.5), None);
    }

    #[test]
    fn credit_serves_fractions_over_days() {
        let mut q = Queue::new("x");
        let served: u64 = (0..30).map(|_| q.take_credit(250.0 / 30.4)).sum();
        assert!((246..=247).contains(&served), "{served}");
    }
}
