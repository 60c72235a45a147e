//! Scenario tests of the choice to cross between ports on arriving at a port: its response to the wait
//! a list promises (caravan members' and others' own chances are in `institutions.rs`).

use crate::common;

use common::{demo, set};
use corridor::institutions::iflags;
use corridor::policy::Param;
use corridor::population;
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

/// Session 26 (the calibration study): a flow of people who cross between ports (`cross_on_arrival`
/// on an inflow) fed the lists through `crossing.on_arrival`'s draw at each border city. People of an
/// inflow that sets it decide as they set out, and `crossing.on_arrival` no longer decides for them.
#[test]
fn an_inflow_that_decided_to_cross_never_joins_a_list() {
    // (joins onto any list, people who crossed between ports) with no caravans, no leaving a list or
    // MPP across the border.
    let run = |decided: Option<f64>, on_arrival: f64| {
        let mut s = demo();
        s.caravans.clear();
        s.inflows.iter_mut().for_each(|f| f.cross_on_arrival = decided);
        set(&mut s, Param::CrossOnArrival, on_arrival);
        let leaving = [Param::CrossDaily, Param::CrossMaxDaily, Param::LeaveHomeDaily, Param::LeaveOtherPortDaily];
        for p in leaving.into_iter().chain([Param::MppGiveUpCross]) {
            set(&mut s, p, 0.0);
        }
        let mut sim = Simulation::new(&s, s.seed);
        for _ in 0..s.period.days {
            sim.step();
        }
        let sys = sim.institutions().expect("institutions");
        let joins: u64 = (0..sys.layout.port_count())
            .flat_map(|k| sys.queues[sys.ids.waitlist(k)].cohorts.iter().map(|c| c.joined))
            .sum();
        let crossed = sys.agents.flags.iter().filter(|f| **f & iflags::TRIED_CROSSING != 0).count();
        (joins, crossed)
    };
    let (joins, crossed) = run(Some(1.0), 0.0);
    assert!(joins == 0 && crossed > 100, "decided to cross: {joins} joins, {crossed} crossed");
    let (joins, crossed) = run(Some(0.0), 1.0);
    assert!(joins > 100 && crossed == 0, "decided to ask at the port: {joins} joins, {crossed} crossed");
    // Undecided, `crossing.on_arrival` decides as before.
    let (joins, crossed) = run(None, 1.0);
    assert!(joins == 0 && crossed > 100, "undecided, all cross on arrival: {joins} joins, {crossed} crossed");
}

/// Each of an inflow's people decides with the inflow's chance: of 0.3, about 3 in 10.
#[test]
fn an_inflows_people_decide_to_cross_with_its_share() {
    let mut s = demo();
    s.caravans.clear();
    s.inflows.iter_mut().for_each(|f| f.cross_on_arrival = Some(0.3));
    let mut sim = Simulation::new(&s, s.seed);
    for _ in 0..s.period.days {
        sim.step();
    }
    let flags = &sim.agents().flags;
    let decided = flags.iter().filter(|f| **f & population::flags::ARRIVAL_DECIDED != 0).count();
    let crosses = flags.iter().filter(|f| **f & population::flags::CROSSES_ON_ARRIVAL != 0).count();
    assert_eq!(decided, flags.len(), "every agent of the inflows decided");
    let (n, share) = (decided as f64, crosses as f64 / decided as f64);
    let sd = (0.3 * 0.7 / n).sqrt();
    assert!(n > 1000.0 && (share - 0.3).abs() < 5.0 * sd, "{crosses} of {decided} decided to cross");
    // A family decides once for all its members (session 26's review: 90 of 1,060 families split).
    let mut by_family: std::collections::BTreeMap<u32, Vec<bool>> = Default::default();
    for (g, f) in sim.agents().group.iter().zip(flags) {
        if *g != population::NONE {
            by_family.entry(*g).or_default().push(*f & population::flags::CROSSES_ON_ARRIVAL != 0);
        }
    }
    let families = by_family.values().filter(|m| m.len() > 1).count();
    let split = by_family.values().filter(|m| m.iter().any(|c| *c) && !m.iter().all(|c| *c)).count();
    assert!(families > 100 && split == 0, "{split} of {families} families decided apart");
}
