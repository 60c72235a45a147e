//! `waits_by_month.csv`: the people who joined each first-come-first-served queue in a month, and what
//! became of them by the run's end. Columns: see `HEADER` and docs/outputs.md; institutions only.

use super::daily::csv_field;
use super::{write_atomic, OutputError};
use crate::institutions::cohorts::CohortRow;
use crate::observe::{DayObservation, Outcomes, Sink};
use std::fmt::Write;
use std::path::PathBuf;

pub const HEADER: &str =
    "queue,joined_month,joined,admitted,left,waiting_at_end,wait_p50_days,wait_p90_days,still_waiting_p50_days\n";

/// Writes the table when the run ends, if the scenario has institutions (`written` says whether it did).
pub struct WaitsByMonthCsv {
    path: PathBuf,
    pub written: bool,
}

impl WaitsByMonthCsv {
    pub fn new(path: PathBuf) -> Self {
        WaitsByMonthCsv { path, written: false }
    }
}

/// The table's text: a header and one line per row.
pub fn table(rows: &[CohortRow]) -> String {
    let mut s = String::from(HEADER);
    let opt = |v: Option<u32>| v.map(|d| d.to_string()).unwrap_or_default();
    for r in rows {
        // Writing to a String cannot fail.
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{},{},{}",
            csv_field(&r.queue),
            r.month,
            r.joined,
            r.admitted,
            r.left,
            r.waiting_at_end,
            opt(r.wait_p50_days),
            opt(r.wait_p90_days),
            opt(r.still_waiting_p50_days)
        );
    }
    s
}

impl Sink for WaitsByMonthCsv {
    fn day(&mut self, _obs: &DayObservation<'_>) -> Result<(), OutputError> {
        Ok(())
    }

    fn outcomes(&mut self, o: &Outcomes<'_>) -> Result<(), OutputError> {
        if o.institutions.is_none() {
            return Ok(());
        }
        write_atomic(&self.path, table(&o.queue_cohorts).as_bytes())?;
        self.written = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_without_anyone_served_leaves_its_percentiles_empty() {
        let row = |queue: &str, p50| CohortRow {
            queue: queue.into(),
            month: "2018-11".into(),
            joined: 30,
            admitted: 10,
            left: 5,
            waiting_at_end: 15,
            wait_p50_days: p50,
            wait_p90_days: p50.map(|d| d * 2),
            still_waiting_p50_days: Some(70),
        };
        let t = table(&[row("waitlist:San Ysidro (Tijuana)", Some(40)), row("comar", None)]);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[1], "waitlist:San Ysidro (Tijuana),2018-11,30,10,5,15,40,80,70");
        assert_eq!(lines[2], "comar,2018-11,30,10,5,15,,,70");
        assert_eq!(lines[0].split(',').count(), lines[2].split(',').count());
    }
}
