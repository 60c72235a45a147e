//! Waits by month of joining over replicates: for each queue and month, the spread over the runs of
//! its joiners, of those served, gone and still waiting, and of their median wait (`validate`'s
//! `waits_by_month_spread.csv`; one run's table is `run`'s waits_by_month.csv).

use super::spread::{csv_number, Spread, RANGE_MIN_RUNS};
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
    /// The same for the runs' 90th percentiles of the waits.
    pub wait_p90_days: Option<Spread>,
    /// Runs in which someone of the month's joiners was served.
    pub runs_with_admitted: usize,
    pub runs: usize,
    /// The spread of the runs' `still_waiting_p50_days`, over the runs where someone of the month's
    /// joiners is still waiting at the end (None: no run).
    pub still_waiting_p50_days: Option<Spread>,
    /// Runs in which someone of the month's joiners is still waiting at the end.
    pub runs_with_waiting: usize,
}

/// The spreads of every (queue, month) any run has: queues in the order they first appear over the
/// runs (run 0's first, then any only later runs have), months in calendar order within each.
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
            let long: Vec<f64> = rows.iter().flatten().filter_map(|r| r.wait_p90_days).map(f64::from).collect();
            let still: Vec<f64> =
                rows.iter().flatten().filter_map(|r| r.still_waiting_p50_days).map(f64::from).collect();
            CohortSpread {
                queue: queue.to_string(),
                month: month.to_string(),
                joined: of(|r| r.joined),
                admitted: of(|r| r.admitted),
                left: of(|r| r.left),
                waiting_at_end: of(|r| r.waiting_at_end),
                wait_p50_days: (!waits.is_empty()).then(|| Spread::of(&waits)),
                wait_p90_days: (!long.is_empty()).then(|| Spread::of(&long)),
                runs_with_admitted: waits.len(),
                runs: per_run.len(),
                still_waiting_p50_days: (!still.is_empty()).then(|| Spread::of(&still)),
                runs_with_waiting: still.len(),
            }
        })
        .collect()
}

/// validate's waits_by_month_spread.csv header line.
pub const HEADER: &str = "queue,joined_month,joined_median,joined_p5,joined_p95,admitted_median,admitted_p5,admitted_p95,left_median,left_p5,left_p95,waiting_at_end_median,waiting_at_end_p5,waiting_at_end_p95,wait_p50_days_median,wait_p50_days_p5,wait_p50_days_p95,wait_p90_days_median,wait_p90_days_p5,wait_p90_days_p95,runs_with_admitted,replicates,still_waiting_p50_days_median,still_waiting_p50_days_p5,still_waiting_p50_days_p95,runs_with_waiting";

/// validate's waits_by_month_spread.csv: one row per queue and month (see `HEADER`).
pub fn waits_csv(spreads: &[CohortSpread]) -> String {
    use crate::output::daily::csv_field;
    let mut out = format!("{HEADER}\n");
    let three = |s: &Spread| format!("{},{},{}", csv_number(s.median), csv_number(s.p5), csv_number(s.p95));
    // A spread over the runs in which someone was served (or still waits): its median, and its range
    // only from `RANGE_MIN_RUNS` runs on (statistician's review of session 25: one run of 20 gave
    // "212, 212–212").
    let over_runs_with = |s: &Option<Spread>, runs: usize| match s {
        Some(s) if runs >= RANGE_MIN_RUNS => three(s),
        Some(s) => format!("{},,", csv_number(s.median)),
        None => ",,".to_string(),
    };
    for c in spreads {
        let waits = over_runs_with(&c.wait_p50_days, c.runs_with_admitted);
        let long = over_runs_with(&c.wait_p90_days, c.runs_with_admitted);
        let still = over_runs_with(&c.still_waiting_p50_days, c.runs_with_waiting);
        out.push_str(&format!(
            "{},{},{},{},{},{},{waits},{long},{},{},{still},{}\n",
            csv_field(&c.queue),
            c.month,
            three(&c.joined),
            three(&c.admitted),
            three(&c.left),
            three(&c.waiting_at_end),
            c.runs_with_admitted,
            c.runs,
            c.runs_with_waiting
        ));
    }
    out
}

/// compare's compare_waits_by_month.csv header line.
pub const COMPARE_HEADER: &str = "queue,joined_month,a_joined_median,b_joined_median,a_admitted_median,b_admitted_median,a_left_median,b_left_median,a_waiting_at_end_median,b_waiting_at_end_median,a_wait_p50_days_median,b_wait_p50_days_median,admitted_pair_difference_p5,admitted_pair_difference_p95,wait_p50_days_pair_difference_p5,wait_p50_days_pair_difference_p95,wait_p50_pairs,a_runs_with_admitted,b_runs_with_admitted";

/// compare's compare_waits_by_month.csv from each side's runs (`a[i]`, `b[i]`: run i's cohorts, in
/// replicate order): A's and B's medians side by side for every (queue, month) either has, A's rows
/// first, then B's own (a month only one side has counts 0 on the other). The pair differences are
/// B's run i minus A's run i (runs of one seed when the sides share their seeds); for the median
/// wait, over the pairs in which both runs called someone of that month (`wait_p50_pairs`).
pub fn compare_waits_csv(a: &[Vec<CohortRow>], b: &[Vec<CohortRow>]) -> String {
    use crate::output::daily::csv_field;
    let (sa, sb) = (cohort_spreads(a), cohort_spreads(b));
    let mut out = format!("{COMPARE_HEADER}\n");
    let key = |c: &CohortSpread| (c.queue.clone(), c.month.clone());
    let mut keys: Vec<(String, String)> = sa.iter().map(key).collect();
    keys.extend(sb.iter().map(key).filter(|k| !sa.iter().any(|c| key(c) == *k)));
    let find = |side: &[CohortSpread], k: &(String, String)| side.iter().find(|c| key(c) == *k).cloned();
    let row_of =
        |run: &[CohortRow], k: &(String, String)| run.iter().find(|r| r.queue == k.0 && r.month == k.1).cloned();
    let range = |v: &[f64]| {
        if v.is_empty() {
            ",".to_string()
        } else {
            let s = Spread::of(v);
            format!("{},{}", csv_number(s.p5), csv_number(s.p95))
        }
    };
    for k in &keys {
        let (ca, cb) = (find(&sa, k), find(&sb, k));
        let med = |c: &Option<CohortSpread>, f: fn(&CohortSpread) -> f64| csv_number(c.as_ref().map_or(0.0, f));
        let wait = |c: &Option<CohortSpread>| {
            c.as_ref().and_then(|c| c.wait_p50_days).map_or(String::new(), |s| csv_number(s.median))
        };
        let runs = |c: &Option<CohortSpread>| c.as_ref().map_or(0, |c| c.runs_with_admitted);
        let (mut admitted, mut waits) = (Vec::new(), Vec::new());
        for (ra, rb) in a.iter().zip(b) {
            let (x, y) = (row_of(ra, k), row_of(rb, k));
            let called = |r: &Option<CohortRow>| r.as_ref().map_or(0.0, |r| r.admitted as f64);
            admitted.push(called(&y) - called(&x));
            let p50 = |r: &Option<CohortRow>| r.as_ref().and_then(|r| r.wait_p50_days).map(f64::from);
            if let (Some(wx), Some(wy)) = (p50(&x), p50(&y)) {
                waits.push(wy - wx);
            }
        }
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
            csv_field(&k.0),
            k.1,
            med(&ca, |c| c.joined.median),
            med(&cb, |c| c.joined.median),
            med(&ca, |c| c.admitted.median),
            med(&cb, |c| c.admitted.median),
            med(&ca, |c| c.left.median),
            med(&cb, |c| c.left.median),
            med(&ca, |c| c.waiting_at_end.median),
            med(&cb, |c| c.waiting_at_end.median),
            wait(&ca),
            wait(&cb),
            range(&admitted),
            range(&waits),
            waits.len(),
            runs(&ca),
            runs(&cb)
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
            still_waiting_p50_days: (joined > admitted).then_some(99),
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

    /// Statistician's review of session 25: a month's waits from the few runs in which someone of it
    /// was served give a median, and a range only from `RANGE_MIN_RUNS` such runs on.
    #[test]
    fn waits_from_fewer_than_five_runs_give_a_median_and_no_range() {
        let month = |served: usize| {
            let runs: Vec<Vec<CohortRow>> = (0..6)
                .map(|k| {
                    let p50 = (k < served).then_some(10 + k as u32);
                    vec![row("waitlist:A", "2018-12", 10, if p50.is_some() { 10 } else { 0 }, p50)]
                })
                .collect();
            let csv = waits_csv(&cohort_spreads(&runs));
            let header: Vec<&str> = HEADER.split(',').collect();
            let line = csv.lines().nth(1).expect("a row").to_string();
            let cells: Vec<String> = line.split(',').map(String::from).collect();
            let cell = |name: &str| cells[header.iter().position(|h| *h == name).expect("a column")].clone();
            (cell("wait_p50_days_median"), cell("wait_p50_days_p5"), cell("runs_with_admitted"))
        };
        let (median, p5, runs) = month(4);
        assert_eq!((median.as_str(), p5.as_str(), runs.as_str()), ("11.5", "", "4"));
        let (median, p5, runs) = month(5);
        assert_eq!((median.as_str(), p5.as_str(), runs.as_str()), ("12", "10.2", "5"));
    }

    #[test]
    fn compare_sets_a_and_b_side_by_side_with_months_only_one_side_has() {
        let a = vec![
            vec![row("waitlist:A", "2018-12", 100, 50, Some(30))],
            vec![row("waitlist:A", "2018-12", 100, 60, Some(40))],
        ];
        let b = vec![
            vec![row("waitlist:A", "2018-12", 100, 20, Some(80)), row("comar", "2019-01", 9, 0, None)],
            vec![row("waitlist:A", "2018-12", 100, 10, None)],
        ];
        let csv = compare_waits_csv(&a, &b);
        let lines: Vec<&str> = csv.lines().collect();
        // Medians: A called 55 (50, 60), B 15 (20, 10); A waits 35, B 80 (its one run with calls);
        // pairs: called -30 and -50; the wait only in pair 0 (80 - 30).
        assert_eq!(lines[1], "waitlist:A,2018-12,100,100,55,15,0,0,45,85,35,80,-49,-31,50,50,1,2,1");
        assert_eq!(lines[2], "comar,2019-01,0,4.5,0,0,0,0,0,4.5,,,0,0,,,0,0,0", "only B has it, in one run of two");
        assert!(lines.iter().all(|l| l.split(',').count() == COMPARE_HEADER.split(',').count()));
    }
}
