//! The scheduled looks at waiting people's small daily chances (institutions/schedule.rs) give the
//! daily model's outcomes: day by day, the people leaving a waitlist (home; IOM registration with a
//! propensity growing with time and shelter hardship) match the daily hazards, through a policy change.

use crate::common::STAY_ON_THE_LIST;
use corridor::institutions::iflags;
use corridor::policy::{Param, Policy};
use corridor::population::Status;
use corridor::scenario::institutions::{Institutions, Office, OfficeKind, Port};
use corridor::scenario::{PlaceId, PlaceKind, Scenario};
use corridor::{worlds, Simulation};

const DAYS: u32 = 160;

/// A border city with a waitlist that is never served: 4,000 people wait there from day 0, 4,000 more
/// walk in from a town over the following weeks (raising the shelter's overcrowding).
fn world() -> Scenario {
    let mut s = worlds::line_world(&["A", "Border", "US"], 50.0, 1);
    s.places[1].kind = PlaceKind::BorderCity;
    s.places[1].shelter_capacity = Some(3_000);
    s.places[2].kind = PlaceKind::Destination;
    s.period.days = DAYS;
    s.prefill = vec![(PlaceId(1), 4_000), (PlaceId(0), 4_000)];
    let mut inst = Institutions::empty();
    inst.ports.push(Port::between("P", PlaceId(1), PlaceId(2)));
    inst.offices.push(Office { kind: OfficeKind::Iom, place: PlaceId(1), source: String::new() });
    inst.params.set_all([
        (Param::MeteringCapacity, 0.0),
        (Param::CrossOnArrival, 0.0),
        (Param::CrossDaily, 0.0),
        (Param::CrossGrowth, 0.0),
        (Param::LeaveOtherPortDaily, 0.0),
        (Param::LeaveHomeDaily, 0.001),
        (Param::LeaveHomeGrowth, 0.006),
        (Param::IomActive, 1.0),
        (Param::IomCapacity, 0.0),
        (Param::IomCost, 0.0), // no budget to run out: the booth stays open to every registration
        (Param::IomBaseDaily, 0.0005),
        (Param::IomGrowth, 0.002),
        (Param::IomHardship, 0.5),
    ]);
    // A dated change of a chance: every drawn look day is void that day.
    inst.params.policies.push(Policy {
        name: "more go home".into(),
        param: Param::LeaveHomeDaily,
        at: None,
        from_day: 40,
        to_day: None,
        value: 0.008,
        source: String::new(),
    });
    s.institutions = Some(inst);
    s
}

/// Observed and expected events per day, and the chi-square-like sum of (O − E)² / E.
#[derive(Default)]
struct Series {
    observed: Vec<f64>,
    expected: Vec<f64>,
}

impl Series {
    fn push(&mut self, o: u64, e: f64) {
        self.observed.push(o as f64);
        self.expected.push(e);
    }

    /// Checks the daily counts against the expected ones: the sum of (O − E)² / E (E is at least the
    /// variance of a sum of independent Bernoulli draws) within four standard deviations of its
    /// degrees of freedom, and the total within four standard errors.
    fn check(&self, what: &str) {
        let (o, e): (f64, f64) = (self.observed.iter().sum(), self.expected.iter().sum());
        assert!(e > 500.0, "{what}: too few expected events ({e:.0}) to test anything");
        assert!((o - e).abs() < 4.0 * e.sqrt(), "{what}: {o} events, {e:.1} expected");
        let mut chi = 0.0;
        let mut dof = 0.0f64;
        for (&o, &e) in self.observed.iter().zip(&self.expected) {
            if e > 0.0 {
                chi += (o - e) * (o - e) / e;
                dof += 1.0;
            }
        }
        assert!(chi < dof + 4.0 * (2.0 * dof).sqrt(), "{what}: chi-square {chi:.1} on {dof} days");
    }
}

#[test]
fn people_leave_a_waitlist_day_by_day_as_the_daily_chances_say() {
    let s = world();
    let mut sim = Simulation::new(&s, 7);
    let (mut home, mut iom) = (Series::default(), Series::default());
    let mut raised = false;
    for day in 0..DAYS {
        // Who waits on the list, not held, as the day begins: (agent, day joined, status since).
        let waiting: Vec<(usize, u32, u32)> = {
            let agents = sim.agents();
            match sim.institutions() {
                Some(sys) => (0..agents.len())
                    .filter(|&i| agents.status[i] == Status::Waitlisted && sys.agents.flags[i] & iflags::HOLD == 0)
                    .map(|i| (i, sys.agents.mark[i], agents.since[i]))
                    .collect(),
                None => Vec::new(),
            }
        };
        sim.step();
        let sys = sim.institutions().expect("institutions");
        let g = |p: Param| sys.today.global[p as usize];
        let x = sys.today.hardship[1];
        raised |= day > 0 && sys.today.redraw[1] && !sys.today.changed;
        let (mut e_home, mut e_iom, mut o_home, mut o_iom) = (0.0, 0.0, 0, 0);
        for &(i, mark, since) in &waiting {
            let months = |from: u32| f64::from(day - from) / 30.0;
            let leave = (g(Param::LeaveHomeDaily) + g(Param::LeaveHomeGrowth) * months(mark)).min(1.0);
            let register = ((g(Param::IomBaseDaily) + g(Param::IomGrowth) * months(since)) * x).min(1.0);
            e_home += leave;
            e_iom += (1.0 - leave) * register;
            o_home += u64::from(sim.agents().status[i] == Status::ReturnedHome);
            o_iom += u64::from(sys.agents.flags[i] & iflags::HOLD_IOM != 0);
        }
        home.push(o_home, e_home);
        iom.push(o_iom, e_iom);
    }
    assert!(raised, "the shelter's hardship bound was never raised after day 0: the test misses that path");
    home.check("gone home");
    iom.check("registered with IOM");
}

/// Session 28: the chances of leaving a list are each port's own. Two border cities with a port each,
/// never served, 4,000 people waiting at each; only a `[[policy]]` at one port sends people home, and
/// one at the other port from day 10 starts them going there on that day: look days drawn with a
/// chance of 0 are drawn afresh when one port's value changes (else they would wait for the end of
/// the schedule's 32-day window).
#[test]
fn a_policy_at_one_port_sets_leaving_its_list_there_alone() {
    let mut s = worlds::line_world(&["North", "South", "US"], 50.0, 1);
    for p in &mut s.places[..2] {
        p.kind = PlaceKind::BorderCity;
    }
    s.places[2].kind = PlaceKind::Destination;
    s.period.days = 60;
    s.prefill = vec![(PlaceId(0), 4_000), (PlaceId(1), 4_000)];
    let mut inst = Institutions::empty();
    inst.ports.push(Port::between("North port", PlaceId(0), PlaceId(2)));
    inst.ports.push(Port::between("South port", PlaceId(1), PlaceId(2)));
    inst.params.set_all(STAY_ON_THE_LIST.map(|p| (p, 0.0)));
    inst.params.set(Param::MeteringCapacity, 0.0);
    let home_at = |port: u32, from_day: u32| Policy {
        name: format!("home from port {port}"),
        param: Param::LeaveHomeDaily,
        at: Some(port),
        from_day,
        to_day: None,
        value: 0.02,
        source: String::new(),
    };
    inst.params.policies.extend([home_at(1, 0), home_at(0, 10)]);
    s.institutions = Some(inst);
    let mut sim = Simulation::new(&s, 3);
    // People gone home from each port's list by the end of each day.
    let mut gone = Vec::new();
    for _ in 0..s.period.days {
        sim.step();
        let sys = sim.institutions().expect("institutions");
        let agents = sim.agents();
        let mut by_port = [0u32; 2];
        for i in 0..agents.len() {
            if agents.status[i] == Status::ReturnedHome {
                by_port[usize::from(sys.agents.port[i])] += 1;
            }
        }
        gone.push(by_port);
    }
    let (north_before, north_end, south_end) = (gone[9][0], gone[59][0], gone[59][1]);
    assert_eq!(north_before, 0, "no one leaves the north port's list before its policy's day");
    // 0.02 a day: 1 − 0.98^60 ≈ 70% in 60 days, ≈ 64% in 50 (43% in 28).
    let n = f64::from(4_000 / s.people_per_agent);
    let within = |got: u32, days: i32| {
        let p = 1.0 - 0.98f64.powi(days);
        (f64::from(got) - n * p).abs() < 4.0 * (n * p * (1.0 - p)).sqrt()
    };
    assert!(within(south_end, 60), "south port: {south_end} of {n} agents gone home in 60 days");
    assert!(within(north_end, 50), "north port: {north_end} of {n} agents gone home in its policy's 50 days");
}
