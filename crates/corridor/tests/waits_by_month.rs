//! Waits by month of joining (waits_by_month.csv): a hand-checkable list across a month's end, and on
//! a whole scenario the cohorts against the queues' own counters (each month's joins, counted day by
//! day, and the run's totals), for every queue and seed.

mod common;

use corridor::institutions::cohorts::CohortRow;
use corridor::scenario::Scenario;
use corridor::time::Period;
use corridor::{worlds, Simulation};
use std::collections::BTreeMap;

/// Runs `s` to its end and returns the cohorts and the simulation.
fn cohorts_after(s: &Scenario, seed: u64) -> (Vec<CohortRow>, Simulation<'_>) {
    let mut sim = Simulation::new(s, seed);
    for _ in 0..s.period.days {
        sim.step();
    }
    let rows = sim.institutions().expect("institutions").cohort_rows(sim.agents());
    (rows, sim)
}

#[test]
fn three_hundred_joining_on_jan_25_and_called_ten_a_day_wait_0_to_29_days_all_in_januarys_row() {
    let mut s = common::one_port_list(300, 10.0);
    s.period = Period { start: chrono::NaiveDate::from_ymd_opt(2019, 1, 25).expect("date"), days: 45 };
    let (rows, _) = cohorts_after(&s, 1);
    let list: Vec<&CohortRow> = rows.iter().filter(|r| r.queue == "waitlist:P").collect();
    assert_eq!(list.len(), 1, "one month joined, though the calls run into February: {rows:?}");
    let jan = list[0];
    assert_eq!(jan.month, "2019-01");
    assert_eq!((jan.joined, jan.admitted, jan.left, jan.waiting_at_end), (300, 300, 0, 0));
    // Ten called a day from the day they joined: waits 0..=29, ten each. The median is the 150th
    // wait (day 14), the 90th percentile the 270th (day 26).
    assert_eq!((jan.wait_p50_days, jan.wait_p90_days), (Some(14), Some(26)));
}

/// Each queue's joins by calendar month, in people, counted day by day from the queue's own
/// counters (a day's joins are the change in those waiting plus those served and those who left that
/// day), apart from the cohorts' bookkeeping; months without joins are left out.
type JoinsByMonth = Vec<BTreeMap<String, u64>>;

/// Runs `s` to its end, counting each queue's joins by month (`JoinsByMonth`, indexed as
/// `System::queues`) as it goes, and returns them with the cohorts and the simulation.
fn cohorts_and_joins_after(s: &Scenario, seed: u64) -> (Vec<CohortRow>, JoinsByMonth, Simulation<'_>) {
    let ppa = u64::from(s.people_per_agent);
    let mut sim = Simulation::new(s, seed);
    let counters = |sim: &Simulation<'_>| -> Vec<u64> {
        let sys = sim.institutions().expect("institutions");
        sys.queues.iter().map(|q| q.waiting + q.admitted_total + q.left_total).collect()
    };
    let mut joins: JoinsByMonth = vec![BTreeMap::new(); counters(&sim).len()];
    for _ in 0..s.period.days {
        let month = s.period.date(sim.day()).format("%Y-%m").to_string();
        let before = counters(&sim);
        sim.step();
        for (q, (after, before)) in counters(&sim).into_iter().zip(before).enumerate() {
            let joined = after.checked_sub(before).expect("a queue's counters only grow");
            if joined > 0 {
                *joins[q].entry(month.clone()).or_default() += joined * ppa;
            }
        }
    }
    let rows = sim.institutions().expect("institutions").cohort_rows(sim.agents());
    (rows, joins, sim)
}

#[test]
fn each_months_joiners_are_called_left_or_waiting_and_the_sums_match_the_queues_counters() {
    let demo = common::demo();
    let caravans = worlds::builtin("caravan-2018").expect("built in").scenario().expect("caravan-2018 loads");
    for (s, seed) in [(&demo, 1), (&demo, 2), (&demo, 3), (&caravans, 1)] {
        let ppa = u64::from(s.people_per_agent);
        let (rows, joins, sim) = cohorts_and_joins_after(s, seed);
        let sys = sim.institutions().expect("institutions");
        let mut checked = 0;
        for q in sys.ids.first_come_first_served() {
            let queue = &sys.queues[q];
            let mine: Vec<&CohortRow> = rows.iter().filter(|r| r.queue == queue.name).collect();
            // Each month's joiners, and only months someone joined, as the queue's counters saw them.
            let joined: BTreeMap<String, u64> = mine.iter().map(|r| (r.month.clone(), r.joined)).collect();
            assert_eq!(joined, joins[q], "seed {seed}, {}: joiners by month", queue.name);
            for r in &mine {
                assert!(
                    r.admitted + r.waiting_at_end <= r.joined,
                    "seed {seed}: more served or waiting than joined: {r:?}"
                );
                // A wait runs from a day of the month joined to a day of the run: no longer than from
                // the month's first day in the run to its last.
                let first = (0..s.period.days).find(|&d| s.period.date(d).format("%Y-%m").to_string() == r.month);
                let longest = s.period.days - 1 - first.expect("the month is in the run");
                assert!(r.wait_p50_days <= r.wait_p90_days, "{r:?}");
                assert!(r.wait_p90_days.is_none_or(|w| w <= longest), "seed {seed}: waits over {longest} days: {r:?}");
            }
            let sum = |f: fn(&CohortRow) -> u64| mine.iter().map(|r| f(r)).sum::<u64>();
            // The lists' own counts, kept day by day as people join, are served and leave.
            assert_eq!(sum(|r| r.waiting_at_end), queue.waiting * ppa, "seed {seed}, {}", queue.name);
            assert_eq!(sum(|r| r.admitted), queue.admitted_total * ppa, "seed {seed}, {}", queue.name);
            assert_eq!(sum(|r| r.left), queue.left_total * ppa, "seed {seed}, {}", queue.name);
            checked += mine.len();
        }
        assert!(rows.iter().any(|r| r.queue.starts_with("waitlist:") && r.left > 0 && r.admitted > 0));
        assert!(checked >= 10, "seed {seed}: only {checked} cohorts; the test would prove little");
    }
}

/// Regression (session 15): a COMAR applicant who abandoned the claim and applied again the same day
/// stayed counted twice in COMAR's `waiting` (queues.csv), never as having left.
#[test]
fn every_day_each_lists_count_is_the_people_in_it_and_their_standing_entries() {
    let demo = common::demo();
    let caravans = worlds::builtin("caravan-2018").expect("built in").scenario().expect("caravan-2018 loads");
    for (s, seed) in [(&demo, 1), (&demo, 2), (&caravans, 1)] {
        let mut sim = Simulation::new(s, seed);
        for _ in 0..s.period.days {
            sim.step();
            let sys = sim.institutions().expect("institutions");
            let a = sim.agents();
            let mut members = vec![0u64; sys.queues.len()];
            for i in 0..a.len() {
                if let Some(q) = sys.ids.of(a.status[i], sys.agents.flags[i], sys.agents.port[i]) {
                    members[q] += 1;
                }
            }
            for q in sys.ids.first_come_first_served() {
                let queue = &sys.queues[q];
                let standing =
                    queue.fifo.iter().filter(|&&(id, d)| sys.entry_stands(&a.status, q, id as usize, d)).count();
                let day = sim.day() - 1;
                assert_eq!(queue.waiting, members[q], "{} seed {seed} day {day}: count against members", queue.name);
                assert_eq!(
                    standing as u64, members[q],
                    "{} seed {seed} day {day}: entries against members",
                    queue.name
                );
            }
        }
    }
}
