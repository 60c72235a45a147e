//! Waits by month of joining over replicates: for each queue and month, the spread over the runs of
//! its joiners, of those served, gone and still waiting, and of their median wait (`validate`'s
//! waits_by_month.csv; one run's table is `run`'s file of the same name).

use super::spread::{csv_number, Spread};
use crate::institutions::cohorts::CohortRow;

/// One queue's joiners of one month over the runs (a run where nobody joined that month counts 0).
#[derive(Clone, Debug, PartialEq)]
pub struct CohortSpread {
    pub queue: String,
    pub month: String,
    pub joined: Spread,
    pub admitted: Spread,
    pub left: Spread,
    pub waiting_at_end: Spread,
    /// The spread of the runs' median waits, over the runs where someone was served (None: no run).
    pub wait_p50_days: Option<Spread>,
    /// Runs in which someone of the month's joiners was served.
    pub runs_with_admitted: usize,
    pub runs: usize,
}

/// The spreads of every (queue, month) any run has, in the first run's order of queues (then months).
pub fn cohort_spreads(per_run: &[Vec<CohortRow>]) -> Vec<CohortSpread> {
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for r in per_run.iter().flatten() {
        if !keys.contains(&(r.queue.as_str(), r.month.as_str())) {
            keys.push((&r.queue, &r.month));
        }
    }
    // Queues in their first appearance, months in calendar order within each.
    let queue_rank = |q: &str| keys.iter().position(|k| k.0 == q).unwrap_or(usize::MAX);
    let mut ordered = keys.clone();
    ordered.sort_by(|a, b| queue_rank(a.0).cmp(&queue_rank(b.0)).then(a.1.cmp(b.1)));
    ordered
        .into_iter()
        .map(|(queue, month)| {
            let rows: Vec<Option<&CohortRow>> =
                per_run.iter().map(|run| run.iter().find(|r| r.queue == queue && r.month == month)).collect();
            let of = |f: fn(&CohortRow) -> u64| {
                let v: Vec<f64> = rows.iter().map(|r| r.map_or(0.0, |r| f(r) as f64)).collect();
                Spread::of(&v)
            };
            let waits: Vec<f64> = rows.iter().flatten().filter_map(|r| r.wait_p50_days).map(f64::from).collect();
            CohortSpread {
                queue: queue.to_string(),
                month: month.to_string(),
                joined: of(|r| r.joined),
                admitted: of(|r| r.admitted),
                left: of(|r| r.left),
                waiting_at_end: of(|r| r.waiting_at_end),
                wait_p50_days: (!waits.is_empty()).then(|| Spread::of(&waits)),
                runs_with_admitted: waits.len(),
                runs: per_run.len(),
            }
        })
        .collect()
}

/// validate's waits_by_month.csv header line.
pub const HEADER: &str = "queue,joined_month,joined_median,joined_p5,joined_p95,admitted_median,admitted_p5,admitted_p95,left_median,left_p5,left_p95,waiting_at_end_median,waiting_at_end_p5,waiting_at_end_p95,wait_p50_days_median,wait_p50_days_p5,wait_p50_days_p95,runs_with_admitted,replicates";

/// validate's waits_by_month.csv: one row per queue and month (see `HEADER`).
pub fn waits_csv(spreads: &[CohortSpread]) -> String {
    use crate::output::daily::csv_field;
    let mut out = format!("{HEADER}\n");
    let three = |s: &Spread| format!("{},{},{}", csv_number(s.median), csv_number(s.p5), csv_number(s.p95));
    for c in spreads {
        let waits = c.wait_p50_days.as_ref().map_or(",,".to_string(), three);
        out.push_str(&format!(
            "{},{},{},{},{},{},{waits},{},{}\n",
            csv_field(&c.queue),
            c.month,
            three(&c.joined),
            three(&c.admitted),
            three(&c.left),
            three(&c.waiting_at_end),
            c.runs_with_admitted,
            c.runs
        ));
    }
    out
}

/// compare's waits_by_month.csv header line.
pub const COMPARE_HEADER: &str = "queue,joined_month,a_joined_median,b_joined_median,a_admitted_median,b_admitted_median,a_waiting_at_end_median,b_waiting_at_end_median,a_wait_p50_days_median,b_wait_p50_days_median,a_runs_with_admitted,b_runs_with_admitted";

/// compare's waits_by_month.csv: A's and B's medians side by side for every (queue, month) either
/// has, A's rows first, then B's own (a month only B's joiners have: A's cells 0, or empty waits).
pub fn compare_waits_csv(a: &[CohortSpread], b: &[CohortSpread]) -> String {
    use crate::output::daily::csv_field;
    let mut out = format!("{COMPARE_HEADER}\n");
    let key = |c: &CohortSpread| (c.queue.clone(), c.month.clone());
    let mut keys: Vec<(String, String)> = a.iter().map(key).collect();
    keys.extend(b.iter().map(key).filter(|k| !a.iter().any(|c| key(c) == *k)));
    let median = |side: &[CohortSpread], k: &(String, String), f: fn(&CohortSpread) -> f64| {
        csv_number(side.iter().find(|c| key(c) == *k).map_or(0.0, f))
    };
    let runs = |side: &[CohortSpread], k: &(String, String)| {
        side.iter().find(|c| key(c) == *k).map_or(0, |c| c.runs_with_admitted)
    };
    for k in &keys {
        let wait = |side: &[CohortSpread]| {
            side.iter()
                .find(|c| key(c) == *k)
                .and_then(|c| c.wait_p50_days)
                .map_or(String::new(), |s| csv_number(s.median))
        };
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{},{}\n",
            csv_field(&k.0),
            k.1,
            median(a, k, |c| c.joined.median),
            median(b, k, |c| c.joined.median),
            median(a, k, |c| c.admitted.median),
            median(b, k, |c| c.admitted.median),
            median(a, k, |c| c.waiting_at_end.median),
            median(b, k, |c| c.waiting_at_end.median),
            wait(a),
            wait(b),
            runs(a, k),
            runs(b, k)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(queue: &str, month: &str, joined: u64, admitted: u64, p50: Option<u32>) -> CohortRow {
        CohortRow {
            queue: queue.into(),
            month: month.into(),
            joined,
            admitted,
            left: 0,
            waiting_at_end: joined - admitted,
            wait_p50_days: p50,
            wait_p90_days: p50,
        }
    }

    #[test]
    fn a_month_missing_from_a_run_counts_nobody_and_waits_come_from_runs_with_calls() {
        let runs = vec![
            vec![row("waitlist:A", "2018-12", 100, 50, Some(30)), row("waitlist:A", "2018-11", 40, 40, Some(10))],
            vec![row("waitlist:A", "2018-12", 300, 0, None)],
            vec![row("waitlist:A", "2018-12", 200, 100, Some(50)), row("comar", "2018-11", 7, 7, Some(90))],
        ];
        let s = cohort_spreads(&runs);
        let keys: Vec<(&str, &str)> = s.iter().map(|c| (c.queue.as_str(), c.month.as_str())).collect();
        assert_eq!(keys, [("waitlist:A", "2018-11"), ("waitlist:A", "2018-12"), ("comar", "2018-11")]);
        let nov = &s[0];
        assert_eq!(nov.joined.median, 0.0, "two of three runs had no November joiners: 40, 0, 0");
        assert_eq!(nov.joined.p95, 36.0, "interpolated between 0 and 40");
        let dec = &s[1];
        assert_eq!((dec.joined.median, dec.admitted.median), (200.0, 50.0));
        assert_eq!(dec.runs_with_admitted, 2);
        assert_eq!(dec.wait_p50_days.map(|w| w.median), Some(40.0), "the runs with calls: 30 and 50");
        let csv = waits_csv(&s);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 4);
        let cols = HEADER.split(',').count();
        assert!(lines.iter().all(|l| l.split(',').count() == cols), "{csv}");
        assert!(lines[2].starts_with("waitlist:A,2018-12,200,110,290,50,5,95,"), "{}", lines[2]);
    }

    #[test]
    fn compare_sets_a_and_b_side_by_side_with_months_only_one_side_has() {
        let a = cohort_spreads(&[vec![row("waitlist:A", "2018-12", 100, 50, Some(30))]]);
        let b = cohort_spreads(&[vec![
            row("waitlist:A", "2018-12", 100, 20, Some(80)),
            row("comar", "2019-01", 9, 0, None),
        ]]);
        let csv = compare_waits_csv(&a, &b);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[1], "waitlist:A,2018-12,100,100,50,20,50,80,30,80,1,1");
        assert_eq!(lines[2], "comar,2019-01,0,9,0,0,0,9,,,0,0", "only B has it: A's counts 0, no waits");
        assert!(lines.iter().all(|l| l.split(',').count() == COMPARE_HEADER.split(',').count()));
    }
}
