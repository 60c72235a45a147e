//! The report's table of waits on the ports' lists by month of joining: for the busiest lists, what
//! became of each month's joiners by the run's end (waits_by_month.csv has every queue and month).

use crate::{esc, n, queue_label};
use corridor::institutions::cohorts::CohortRow;
use corridor::scenario::Scenario;
use corridor::validate::Recording;
use std::fmt::Write as _;

/// At most this many waitlists get a column (the most joined; the CSV has them all).
pub const LISTS: usize = 3;

/// The waitlists with the most joiners over the run, most first (ties: queue order).
pub fn busiest_lists(rows: &[CohortRow], cap: usize) -> Vec<&str> {
    let mut lists: Vec<(&str, u64)> = Vec::new();
    for r in rows.iter().filter(|r| r.queue.starts_with("waitlist:")) {
        match lists.iter_mut().find(|(q, _)| *q == r.queue) {
            Some(l) => l.1 += r.joined,
            None => lists.push((&r.queue, r.joined)),
        }
    }
    lists.sort_by_key(|l| std::cmp::Reverse(l.1));
    lists.into_iter().take(cap).map(|l| l.0).collect()
}

/// The section, or nothing when no one joined a waitlist.
pub fn waits_html(scenario: &Scenario, rec: &Recording) -> String {
    let rows = &rec.queue_cohorts;
    let lists = busiest_lists(rows, LISTS);
    if lists.is_empty() {
        return String::new();
    }
    let mut months: Vec<&str> =
        rows.iter().filter(|r| lists.contains(&r.queue.as_str())).map(|r| r.month.as_str()).collect();
    months.sort_unstable();
    months.dedup();
    let mut s = String::from("<h2>Waits on the ports' lists, by month of joining</h2><p>The people who put their names on a port's list in a month, and what had become of them by the run's end: called to the port (with the median and 90th percentile of their waits), gone from the list unserved (crossed between ports, went home, another port, assisted return), or still waiting, with the median of how long they had waited by the day after the run's end (<i>D+ days</i>: at least that long, as none of them was called within it). A late month's waits are those of the few called before the run ended, so they understate the wait of its joiners: read them beside the share still waiting. The lists with the most joiners; <code>waits_by_month.csv</code> has every list, COMAR, visas and IOM.</p>");
    let _ = write!(
        s,
        "<p>One run (seed {seed}): <code>corridor validate</code> writes the same table over several seeds, with each figure's median and 5–95% range (<code>waits_by_month_spread.csv</code>). Where a random choice splits the runs in two (validate names such figures' groups), one run shows its own group's waits only.</p><table><tr><th>joined in</th>",
        seed = rec.info.seed
    );
    for q in &lists {
        let _ = write!(s, "<th>{}</th>", esc(&queue_label(scenario, q)));
    }
    s.push_str("</tr>");
    for m in &months {
        let _ = write!(s, "<tr><td>{m}</td>");
        for q in &lists {
            let cell = rows.iter().find(|r| r.queue == *q && r.month == *m).map_or(String::new(), cell_text);
            let _ = write!(s, "<td class=\"l\">{cell}</td>");
        }
        s.push_str("</tr>");
    }
    s.push_str("</table>");
    let assumed = assumed_capacity(scenario, &lists);
    if !assumed.is_empty() {
        let _ = write!(
            s,
            "<p>The processing capacity of {} is an assumption of the scenario (its <code>[[port]]</code> source says so); the others' rest on counted figures (where sources disagree, the scenario's documentation says which it took and why). No observed figure checks a wait: see the scenario's documentation for how the waits compare with reported ones.</p>",
            esc(&assumed.join(", "))
        );
    }
    s
}

/// The `lists` whose port's source calls its capacity an assumption, labelled with their city.
fn assumed_capacity(scenario: &Scenario, lists: &[&str]) -> Vec<String> {
    let Some(inst) = &scenario.institutions else {
        return Vec::new();
    };
    lists
        .iter()
        .filter(|q| {
            let port = q.strip_prefix("waitlist:");
            inst.ports.iter().any(|p| Some(p.name.as_str()) == port && p.source.contains("assumption"))
        })
        .map(|q| queue_label(scenario, q).trim_start_matches("waitlist:").to_string())
        .collect()
}

/// One list's month: `5,800 joined; 3,830 called, median 36 days (90%: 70); 1,870 left; 100 waiting
/// (median 120+ days)`: those still waiting at the end have waited at least that (`still_waiting_p50_days`).
fn cell_text(r: &CohortRow) -> String {
    let waits = match (r.wait_p50_days, r.wait_p90_days) {
        (Some(p50), Some(p90)) => format!(", median {p50} days (90%: {p90})"),
        _ => String::new(),
    };
    let still = r.still_waiting_p50_days.map_or(String::new(), |d| format!(" (median {d}+ days)"));
    format!(
        "{} joined; {} called{waits}; {} left; {} waiting{still}",
        n(r.joined as f64),
        n(r.admitted as f64),
        n(r.left as f64),
        n(r.waiting_at_end as f64)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(queue: &str, month: &str, joined: u64) -> CohortRow {
        CohortRow {
            queue: queue.into(),
            month: month.into(),
            joined,
            admitted: joined / 2,
            left: joined / 4,
            waiting_at_end: joined - joined / 2 - joined / 4,
            wait_p50_days: Some(30),
            wait_p90_days: Some(60),
            still_waiting_p50_days: Some(90),
        }
    }

    #[test]
    fn the_busiest_lists_are_summed_over_months_and_exclude_other_queues() {
        let rows = [
            row("waitlist:A", "2018-11", 100),
            row("waitlist:B", "2018-11", 150),
            row("waitlist:A", "2018-12", 100),
            row("comar", "2018-11", 900),
            row("waitlist:C", "2018-12", 10),
        ];
        assert_eq!(busiest_lists(&rows, 2), ["waitlist:A", "waitlist:B"]);
        assert_eq!(busiest_lists(&rows, 9), ["waitlist:A", "waitlist:B", "waitlist:C"]);
        assert!(busiest_lists(&rows[3..4], 3).is_empty());
    }

    #[test]
    fn lists_whose_capacity_is_an_assumption_are_named() {
        let s = corridor::worlds::caravan_2018().unwrap();
        let named = assumed_capacity(&s, &["waitlist:San Ysidro", "waitlist:El Paso", "waitlist:Calexico"]);
        assert_eq!(named, ["Calexico (Mexicali)"], "San Ysidro's and El Paso's are counted");
    }

    #[test]
    fn a_cell_gives_the_months_joiners_and_their_fates() {
        let mut r = row("waitlist:A", "2018-11", 5800);
        assert_eq!(
            cell_text(&r),
            "5,800 joined; 2,900 called, median 30 days (90%: 60); 1,450 left; 1,450 waiting (median 90+ days)"
        );
        r.wait_p50_days = None;
        r.wait_p90_days = None;
        assert_eq!(cell_text(&r), "5,800 joined; 2,900 called; 1,450 left; 1,450 waiting (median 90+ days)");
        r.still_waiting_p50_days = None;
        assert!(!cell_text(&r).contains("median"), "no wait without anyone called or waiting");
    }
}
