//! Scenario tests of the choice to cross between ports on arriving at a port: its response to the wait
//! a list promises (caravan members' and others' own chances are in `institutions.rs`).

use crate::common;

use common::{demo, set};
use corridor::policy::Param;
use corridor::Simulation;

/// Session 16: `crossing.on_arrival_per_month_of_wait` makes the choice to cross on arrival respond to
/// the list's length. With an overwhelming response and no base chance, nobody joins a list that
/// someone is already on as the day begins: they all cross; at 0 (the default) people join long lists.
#[test]
fn a_long_list_sends_arrivals_across_when_the_response_is_set() {
    let joins_onto_a_list = |per_month: f64| {
        let mut s = demo();
        set(&mut s, Param::CrossOnArrival, 0.0);
        set(&mut s, Param::CrossOnArrivalCaravan, 0.0);
        set(&mut s, Param::CrossOnArrivalPerMonth, per_month);
        let mut sim = Simulation::new(&s, s.seed);
        let joined = |sim: &Simulation<'_>| -> Vec<(u64, u64)> {
            let sys = sim.institutions().expect("institutions");
            (0..sys.layout.port_count())
                .map(|k| {
                    let q = &sys.queues[sys.ids.waitlist(k)];
                    (q.waiting, q.cohorts.iter().map(|c| c.joined).sum())
                })
                .collect()
        };
        let (mut onto_a_list, mut joins) = (0, 0);
        for _ in 0..s.period.days {
            let before = joined(&sim);
            sim.step();
            for ((waiting, was), (_, now)) in before.iter().zip(joined(&sim)) {
                joins += now - was;
                if *waiting > 0 {
                    onto_a_list += now - was;
                }
            }
        }
        (onto_a_list, joins)
    };
    let (onto_a_list, joins) = joins_onto_a_list(1e9);
    assert_eq!(onto_a_list, 0, "joined a list that was not empty ({joins} joins in all)");
    assert!(joins > 0, "nobody joined even an empty list");
    let (onto_a_list, _) = joins_onto_a_list(0.0);
    assert!(onto_a_list > 100, "without the response, few joined a list already there: {onto_a_list}");
}

/// The wait a list promises (`Today::expected_months`, read by `crossing.on_arrival_per_month_of_wait`)
/// is in people: the agents on the list as the day begins, times the people per agent, over the port's
/// daily capacity in people, in 30-day months.
#[test]
fn the_wait_a_list_promises_counts_people_not_agents() {
    let mut s = demo();
    s.people_per_agent = 10;
    let mut sim = Simulation::new(&s, s.seed);
    let mut checked = 0;
    for _ in 0..s.period.days {
        let sys = sim.institutions().expect("institutions");
        let waiting: Vec<u64> = (0..sys.layout.port_count()).map(|k| sys.queues[sys.ids.waitlist(k)].waiting).collect();
        sim.step();
        let today = &sim.institutions().expect("institutions").today;
        for (k, &agents) in waiting.iter().enumerate() {
            if !today.metering[k] || agents == 0 {
                assert_eq!(today.expected_months[k], 0.0);
                continue;
            }
            let want = agents as f64 * 10.0 / today.capacity[k] / 30.0;
            assert!((today.expected_months[k] - want).abs() < 1e-9, "port {k}: {} vs {want}", today.expected_months[k]);
            checked += 1;
        }
    }
    assert!(checked > 30, "too few days with a list to check: {checked}");
}
