//! Scenario tests of an arrival's choice of another port when the list where it arrives promises a
//! long wait (`metering.other_port_on_arrival_per_month_of_wait`, session 28): a hand-checkable line of
//! two border cities, each with a port.

use crate::common::STAY_ON_THE_LIST;
use corridor::institutions::{iflags, Counter};
use corridor::policy::{Param, Policy};
use corridor::scenario::institutions::{Institutions, Port};
use corridor::scenario::{PlaceId, PlaceKind, Scenario};
use corridor::{worlds, Simulation};

/// Origin — A — B — US, 1,000 km then 50 km apart. 2,000 people wait at A from day 0 (its port calls 1
/// a day), and 2,000 more come in from Origin from day 2 on (a day's travel is under 1,000 km); B's port calls 100 a day, and
/// `b_waiting` people are on its list from day 0. Nobody leaves a list, crosses or is turned back. The
/// border cities' move chance is the default 0: nobody passes A, and those sent on from it leave it
/// all the same (they decided to go).
fn world(per_month: f64, b_waiting: u64, b_capacity: f64) -> Scenario {
    let mut s = worlds::line_world(&["Origin", "A", "B", "US"], 50.0, 1);
    for p in &mut s.places[1..3] {
        p.kind = PlaceKind::BorderCity;
    }
    s.places[3].kind = PlaceKind::Destination;
    s.routes[0].distance_km = 1_000.0;
    s.period.days = 60;
    s.prefill = vec![(PlaceId(0), 2_000), (PlaceId(1), 2_000)];
    if b_waiting > 0 {
        s.prefill.push((PlaceId(2), b_waiting));
    }
    let mut inst = Institutions::empty();
    inst.ports.push(Port::between("A port", PlaceId(1), PlaceId(3)));
    inst.ports.push(Port::between("B port", PlaceId(2), PlaceId(3)));
    inst.params.set_all(STAY_ON_THE_LIST.map(|p| (p, 0.0)));
    inst.params.set_all([(Param::MeteringCapacity, 1.0), (Param::OtherPortOnArrivalPerMonth, per_month)]);
    inst.params.set_at_port(1, Param::MeteringCapacity, b_capacity);
    s.institutions = Some(inst);
    s
}

/// (agents who joined A's list, agents who joined B's list, arrivals sent on to another port). Each
/// person is sent on at most once: the count is the people marked so.
fn joins(s: &Scenario) -> (u64, u64, u64) {
    let mut sim = Simulation::new(s, 5);
    for _ in 0..s.period.days {
        sim.step();
    }
    let sys = sim.institutions().expect("institutions");
    let joined = |k: usize| sys.queues[sys.ids.waitlist(k)].cohorts.iter().map(|c| c.joined).sum::<u64>();
    let sent = sys.counters[Counter::OtherPortOnArrival as usize];
    let marked = sys.agents.flags.iter().filter(|f| **f & iflags::SENT_ON != 0).count() as u64;
    assert_eq!(sent, marked, "sent on {sent} times, {marked} people marked as sent on");
    (joined(0), joined(1), sent)
}

#[test]
fn arrivals_at_a_long_list_go_on_to_a_port_with_a_shorter_one() {
    let s = world(1.0, 0, 100.0);
    let first = u64::from(2_000 / s.people_per_agent);
    // Without the response (the default), everyone from Origin joins A's list behind the first 2,000.
    let (a, b, sent) = joins(&world(0.0, 0, 100.0));
    assert!(a > first + first / 2 && b == 0 && sent == 0, "no response: A {a}, B {b}, sent on {sent}");
    // With it, A's list promises 2,000 / 1 a day = 67 months, B's none: every arrival after day 0 goes
    // on to B (a chance of 67 × 1, at most 1), and A keeps only those who were there on day 0.
    let (a, b, sent) = joins(&s);
    assert_eq!(a, first, "A's list took people after day 0");
    assert!(b > first / 2 && sent == b, "with the response: B {b} joined, {sent} sent on from A");
}

#[test]
fn arrivals_stay_when_no_other_port_promises_a_shorter_wait() {
    // B's list holds 3,000 at 0.3 a day from day 0: 333 months, against A's 133 at most (its 2,000
    // and the 2,000 from Origin at 1 a day). Nobody goes on.
    let (a, b, sent) = joins(&world(1.0, 3_000, 0.3));
    let s = world(1.0, 3_000, 0.3);
    let first = u64::from(2_000 / s.people_per_agent);
    assert!(a > first + first / 2 && b == 3 * first / 2 && sent == 0, "A {a}, B {b}, sent on {sent}");
}

/// `s` with only A's 2,000 on day 0, who leave A's list for another port at 0.02 a day: (each port's
/// joins, people who left for another port).
fn leaving_a(mut s: Scenario) -> (Vec<u64>, u64) {
    s.prefill.retain(|&(p, _)| p == PlaceId(1));
    s.institutions.as_mut().expect("institutions").params.set(Param::LeaveOtherPortDaily, 0.02);
    let mut sim = Simulation::new(&s, 5);
    for _ in 0..s.period.days {
        sim.step();
    }
    let sys = sim.institutions().expect("institutions");
    let joined = (0..sys.layout.port_count())
        .map(|k| sys.queues[sys.ids.waitlist(k)].cohorts.iter().map(|c| c.joined).sum::<u64>())
        .collect();
    (joined, sys.counters[Counter::LeftOtherPort as usize])
}

/// Session 28: people who leave a list for another port reach it, though the border cities' move
/// chance is 0 (before, they stayed where they were for good, with the other port as their goal).
#[test]
fn people_who_leave_a_list_for_another_port_get_there() {
    let s = world(0.0, 0, 100.0);
    let first = u64::from(2_000 / s.people_per_agent);
    let (joined, left) = leaving_a(s);
    // 50 km: each reaches the other city the day it leaves, and joins its list there.
    assert!(left > first / 4, "only {left} left A's list for B's");
    assert_eq!(joined[0] + joined[1] - first, left, "joined {joined:?}: not everyone who left got there");
}

/// Review of session 28: a port whose city no road reaches is nobody's other port. With a third port
/// at C, cut off, people who leave A's list all go to B, and arrivals passing A by (C's empty list
/// promising no wait at all) go to B too: none stand in A for good with C as their goal.
#[test]
fn nobody_is_sent_on_to_a_port_no_road_reaches() {
    let with_c = |mut s: Scenario| {
        let mut c = s.places[2].clone();
        c.name = "C".into();
        s.places.push(c);
        let inst = s.institutions.as_mut().expect("institutions");
        inst.ports.push(Port::between("C port", PlaceId(4), PlaceId(3)));
        s
    };
    let first = u64::from(2_000 / world(0.0, 0, 100.0).people_per_agent);
    // Leaving A's list for another port: everyone who leaves joins B's.
    let (joined, left) = leaving_a(with_c(world(0.0, 0, 100.0)));
    assert!(left > first / 4, "only {left} left");
    assert_eq!((joined[0] + joined[1] - first, joined[2]), (left, 0), "not everyone who left got to B");
    // Passing A by: all to B, none to C.
    let (a, b, sent) = joins(&with_c(world(1.0, 0, 100.0)));
    assert_eq!(a, first, "A's list took people after day 0");
    assert!(b > first / 2 && sent == b, "B {b} joined, {sent} sent on from A");
}

/// Second review of session 28: a port whose only road is closed is nobody's other port while it is
/// closed, and is again once it reopens. C joins A by a road closed for the first 30 days: people who
/// leave A's list go to B only while it is shut, to B or C after, and every one of them gets there.
#[test]
fn a_port_a_closure_cuts_off_is_nobodys_other_port_until_it_reopens() {
    use corridor::scenario::{Closure, ClosureTarget, Route};
    let mut s = world(0.0, 0, 100.0);
    let mut c = s.places[2].clone();
    c.name = "C".into();
    s.places.push(c);
    s.routes.push(Route { a: PlaceId(1), b: PlaceId(4), distance_km: 50.0, ..s.routes[0].clone() });
    s.closures.push(Closure { target: ClosureTarget::Link(PlaceId(1), PlaceId(4)), start: 0, end: Some(30) });
    let inst = s.institutions.as_mut().expect("institutions");
    inst.ports.push(Port::between("C port", PlaceId(4), PlaceId(3)));
    // Only A's list is left for another port (B's leavers would pass A, which nobody passes at the
    // default move chance, on their way to C).
    let stay_at = |at| Policy {
        name: String::new(),
        param: Param::LeaveOtherPortDaily,
        at: Some(at),
        from_day: 0,
        to_day: None,
        value: 0.0,
        source: String::new(),
    };
    inst.params.policies.extend([stay_at(1), stay_at(2)]);
    let first = u64::from(2_000 / s.people_per_agent);
    // The day the road reopens, the chances of leaving A's list for another port change with the
    // ports it reaches: every look day is drawn afresh, as on a policy's day (day 0's).
    let mut sim = Simulation::new(&s, 5);
    let changed: Vec<u32> = (0..s.period.days)
        .filter(|_| {
            sim.step();
            sim.institutions().expect("institutions").today.changed
        })
        .collect();
    assert_eq!(changed, [0, 30], "days whose values changed");
    let (joined, left) = leaving_a(s);
    assert!(joined[2] > 0, "nobody went to C after its road reopened: {joined:?}");
    assert_eq!(joined.iter().sum::<u64>() - first, left, "joined {joined:?}: not everyone who left got there");
}
