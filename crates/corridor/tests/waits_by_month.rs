//! Waits by month of joining (waits_by_month.csv): a hand-checkable list across a month's end, and on
//! a whole scenario the cohorts against the queues' own counters (each month's joins, counted day by
//! day, and the run's totals), for every queue and seed.

use crate::common;

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
    let rows = sim.institutions().expect("institutions").cohort_rows(sim.agents(), sim.day());
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
    assert_eq!(jan.still_waiting_p50_days, None, "nobody waiting at the end");
}

/// Planner's review of session 21: a month whose joiners are not all called within the period gave
/// no wait for those still waiting ("how long if I join in July 2019": nothing). The same 300 over 20
/// days: 200 called (waits 0..=19), 100 still waiting, who cannot be called before day 20, 20 days
/// after they joined.
#[test]
fn those_still_waiting_at_the_end_have_waited_at_least_until_the_day_after_the_period() {
    let mut s = common::one_port_list(300, 10.0);
    s.period = Period { start: chrono::NaiveDate::from_ymd_opt(2019, 1, 25).expect("date"), days: 20 };
    let (rows, _) = cohorts_after(&s, 1);
    let jan = rows.iter().find(|r| r.queue == "waitlist:P").expect("January's row");
    assert_eq!((jan.joined, jan.admitted, jan.left, jan.waiting_at_end), (300, 200, 0, 100));
    assert_eq!((jan.wait_p50_days, jan.wait_p90_days), (Some(9), Some(17)));
    assert_eq!(jan.still_waiting_p50_days, Some(20));
}

/// Each queue's joins by calendar month, in people, counted day by day from the queue's own
/// counters (a day's joins are the change in those waiting plus those served and those who left that
/// day), apart from the cohorts' bookkeeping; months without joins are left out.
type JoinsByMonth = Vec<BTreeMap<String, u64>>;

/// Each queue's waits of those it served, in days, by month of joining (indexed as `System::queues`),
/// worked out day by day from its list as each day leaves it, apart from the cohorts' histograms
/// (`served_from_the_list`); None for a month some of whose served could not be told from those who
/// left the same day.
type WaitsByMonth = Vec<BTreeMap<String, Option<Vec<u32>>>>;

/// An entry of a queue's list one evening: agent, day joined, whether it stands
/// (`System::entry_stands`) and the agent's flags then.
#[derive(Clone, Copy)]
struct Entry {
    agent: u32,
    joined: u32,
    stands: bool,
    flags: u16,
}

/// Notes in `waits` those `queue` served on `day`, from its list the evening before (`before`),
/// `joined` (agents who joined that day) and the queue as the day left it. Serving pops entries from
/// the front of the list (those who left are skipped when met), joining pushes them at the back: the
/// day popped the first `popped` of the evening's entries and that day's joins. Today's joiners
/// popped were served after 0 days; of the evening's standing entries popped, all were served but as
/// many as left the list today before the calls, which `admitted` (today's, a counter of its own)
/// tells. When some did and their join days differ, the served are those that `seems_served`
/// (`looks_served`: true of everyone served, and maybe of some who left), if exactly as many do; when
/// not, which were served is unknown. On the day IOM's budget ran out (`lapsed`), those still on its
/// list after the last return it paid for lapsed, today's joiners among them: which of the day's
/// entries were served is then unknown.
#[allow(clippy::too_many_arguments)]
fn served_from_the_list(
    waits: &mut BTreeMap<String, Option<Vec<u32>>>,
    before: &[Entry],
    joined: u64,
    queue: &corridor::institutions::queue::Queue,
    seems_served: impl Fn(&Entry) -> bool,
    month: impl Fn(u32) -> String,
    day: u32,
    lapsed: bool,
) {
    let popped = before.len() + joined as usize - queue.fifo.len();
    let from_before = popped.min(before.len());
    let kept: Vec<(u32, u32)> = before[from_before..].iter().map(|e| (e.agent, e.joined)).collect();
    let now: Vec<(u32, u32)> = queue.fifo.iter().take(kept.len()).copied().collect();
    assert_eq!(now, kept, "{} day {day}: the list lost entries other than from its front", queue.name);
    let same_day = popped - from_before;
    let standing: Vec<&Entry> = before[..from_before].iter().filter(|e| e.stands).collect();
    if lapsed {
        assert!(queue.fifo.is_empty(), "{} day {day}: every registration lapses when the budget runs out", queue.name);
        for month_joined in standing.iter().map(|e| month(e.joined)).chain((same_day > 0).then(|| month(day))) {
            waits.insert(month_joined, None);
        }
        return;
    }
    let from_standing = (queue.admitted as usize).checked_sub(same_day).expect("today's joiners popped were served");
    assert!(from_standing <= standing.len(), "{} day {day}: more served than stood in the list's front", queue.name);
    let looks: Vec<&Entry> = standing.iter().copied().filter(|e| seems_served(e)).collect();
    let served: Vec<u32> = if from_standing == standing.len() || standing.iter().all(|e| e.joined == standing[0].joined)
    {
        standing[..from_standing].iter().map(|e| e.joined).collect()
    } else if looks.len() == from_standing {
        looks.iter().map(|e| e.joined).collect()
    } else {
        for e in &standing {
            waits.insert(month(e.joined), None);
        }
        Vec::new()
    };
    for joined_on in served.into_iter().chain(std::iter::repeat_n(day, same_day)) {
        if let Some(w) = waits.entry(month(joined_on)).or_insert_with(|| Some(Vec::new())) {
            w.push(day - joined_on);
        }
    }
}

/// Whether the agent of `e`, an entry of queue `q`, looks as serving leaves it (settle.rs's
/// `serve_*`): called to a port, in screening; decided by COMAR, settled or back at a place; issued a
/// visa; returned home by IOM. Each one served does; some who left may too (a person caught crossing
/// is in screening as well, but crossed today, unless it had crossed before).
fn looks_served(sim: &Simulation<'_>, q: usize, e: &Entry) -> bool {
    use corridor::institutions::iflags;
    use corridor::population::Status;
    let (sys, i) = (sim.institutions().expect("institutions"), e.agent as usize);
    let (status, flags) = (sim.agents().status[i], sys.agents.flags[i]);
    let newly = |f: u16| flags & f != 0 && e.flags & f == 0;
    match q {
        q if q == sys.ids.comar() => newly(iflags::SETTLED) || status == Status::AtPlace,
        q if q == sys.ids.visa() => status == Status::HumanitarianVisa,
        q if q == sys.ids.iom() => status == Status::ReturnedHome,
        _ => status == Status::InScreening && !newly(iflags::TRIED_CROSSING),
    }
}

/// Runs `s` to its end, counting each queue's joins by month (`JoinsByMonth`) and working out the
/// waits of those it served (`WaitsByMonth`) as it goes, both indexed as `System::queues`, and
/// returns them with the cohorts and the simulation.
fn cohorts_and_joins_after(s: &Scenario, seed: u64) -> (Vec<CohortRow>, JoinsByMonth, WaitsByMonth, Simulation<'_>) {
    let ppa = u64::from(s.people_per_agent);
    let mut sim = Simulation::new(s, seed);
    let counters = |sim: &Simulation<'_>| -> Vec<u64> {
        let sys = sim.institutions().expect("institutions");
        sys.queues.iter().map(|q| q.waiting + q.admitted_total + q.left_total).collect()
    };
    let evenings = |sim: &Simulation<'_>| -> Vec<Vec<Entry>> {
        let sys = sim.institutions().expect("institutions");
        let status = &sim.agents().status;
        let entry = |q: usize, &(agent, joined): &(u32, u32)| {
            let (stands, flags) =
                (sys.entry_stands(status, q, agent as usize, joined), sys.agents.flags[agent as usize]);
            Entry { agent, joined, stands, flags }
        };
        sys.ids.first_come_first_served().map(|q| sys.queues[q].fifo.iter().map(|e| entry(q, e)).collect()).collect()
    };
    let month = |day: u32| s.period.date(day).format("%Y-%m").to_string();
    let unfunded = |sim: &Simulation<'_>| {
        sim.institutions().expect("institutions").counters[corridor::institutions::Counter::IomUnfunded as usize]
    };
    let mut joins: JoinsByMonth = vec![BTreeMap::new(); counters(&sim).len()];
    let mut waits: WaitsByMonth = vec![BTreeMap::new(); joins.len()];
    for _ in 0..s.period.days {
        let day = sim.day();
        let (before, lists, unfunded_before) = (counters(&sim), evenings(&sim), unfunded(&sim));
        sim.step();
        let iom = sim.institutions().expect("institutions").ids.iom();
        let lapsed_today = unfunded(&sim) > unfunded_before;
        for (q, (after, before)) in counters(&sim).into_iter().zip(before).enumerate() {
            let joined = after.checked_sub(before).expect("a queue's counters only grow");
            if joined > 0 {
                *joins[q].entry(month(day)).or_default() += joined * ppa;
            }
            if let Some(list) = lists.get(q) {
                let queue = &sim.institutions().expect("institutions").queues[q];
                let lapsed = q == iom && lapsed_today;
                served_from_the_list(
                    &mut waits[q],
                    list,
                    joined,
                    queue,
                    |e| looks_served(&sim, q, e),
                    month,
                    day,
                    lapsed,
                );
            }
        }
    }
    let rows = sim.institutions().expect("institutions").cohort_rows(sim.agents(), sim.day());
    (rows, joins, waits, sim)
}

/// The `k`-th of `n` waits, sorted, that the `percent` percentile is (the least wait with at least
/// `percent`% of them at or below it), in whole numbers.
fn percentile(sorted: &[u32], percent: usize) -> Option<u32> {
    let k = (sorted.len() * percent).div_ceil(100).max(1);
    sorted.get(k - 1).copied()
}

#[test]
fn each_months_joiners_are_called_left_or_waiting_and_the_sums_match_the_queues_counters() {
    let demo = common::demo();
    let caravans = worlds::builtin("caravan-2018").expect("built in").scenario().expect("caravan-2018 loads");
    for (s, seed) in [(&demo, 1), (&demo, 2), (&demo, 3), (&caravans, 1)] {
        let ppa = u64::from(s.people_per_agent);
        let (rows, joins, _, sim) = cohorts_and_joins_after(s, seed);
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

/// Leftover: the test above checked each row's `wait_p50_days <= wait_p90_days`, which holds by
/// construction (both come from one histogram). Each month's served and the percentiles of their waits
/// are now those of the waits seen on the lists day by day (`served_from_the_list`), for every queue
/// and seed; the few months whose served cannot be told from those who left are counted, not checked.
#[test]
fn each_months_wait_percentiles_are_those_of_the_waits_seen_on_the_lists() {
    let demo = common::demo();
    let caravans = worlds::builtin("caravan-2018").expect("built in").scenario().expect("caravan-2018 loads");
    for (s, seed) in [(&demo, 1), (&demo, 2), (&demo, 3), (&caravans, 1)] {
        let ppa = u64::from(s.people_per_agent);
        let (rows, _, waits, sim) = cohorts_and_joins_after(s, seed);
        let sys = sim.institutions().expect("institutions");
        let (mut checked, mut unknown, mut spread) = (0, 0, 0);
        for q in sys.ids.first_come_first_served() {
            let name = &sys.queues[q].name;
            let mine: Vec<&CohortRow> = rows.iter().filter(|r| &r.queue == name).collect();
            for month in waits[q].keys() {
                assert!(mine.iter().any(|r| &r.month == month), "seed {seed}, {name}: served from {month}, no row");
            }
            for r in &mine {
                match waits[q].get(&r.month) {
                    Some(Some(w)) => {
                        let mut w = w.clone();
                        w.sort_unstable();
                        assert_eq!(w.len() as u64 * ppa, r.admitted, "seed {seed}: served, seen on the list: {r:?}");
                        let (p50, p90) = (percentile(&w, 50), percentile(&w, 90));
                        assert_eq!((r.wait_p50_days, r.wait_p90_days), (p50, p90), "seed {seed}: {r:?}");
                        checked += 1;
                        spread += usize::from(p50 != p90);
                    }
                    Some(None) => unknown += 1,
                    None => assert_eq!((r.admitted, r.wait_p50_days), (0, None), "seed {seed}: nobody served: {r:?}"),
                }
            }
        }
        // Enough months, months whose two percentiles differ, and few left unchecked, for the check
        // to say something (the demo calls most people the day they join; caravan-2018 does not).
        assert!(
            checked >= 30 && spread >= 2 && unknown * 20 <= checked,
            "seed {seed}: {checked} months checked ({spread} with p50 below p90), {unknown} not"
        );
    }
}

/// Regression (session 15): a COMAR applicant who abandoned the claim and applied again the same day
/// stayed counted twice in COMAR's `waiting` (queues.csv), never as having left. (Since session 31 a
/// person applies to COMAR once; the counts are still checked for every queue.)
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
