//! The scheduled looks at waiting people's small daily chances (institutions/schedule.rs) give the
//! daily model's outcomes: day by day, the people leaving a waitlist (home; IOM registration with a
//! propensity growing with time and shelter hardship) match the daily hazards, through a policy change.

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
