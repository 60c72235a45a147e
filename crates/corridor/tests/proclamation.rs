//! The November 2018 proclamation with known answers: who crosses between ports while it stands is
//! marked ineligible, and a court grants no one so marked while it is in force, anyone after it ends.

use crate::common;

use common::demo;
use corridor::institutions::iflags;
use corridor::policy::Param;
use corridor::population::Status;
use corridor::Simulation;

/// The demo with the proclamation's base value `proclamation` and no policy of it, no court backlog,
/// half of arrivals crossing between ports, and everyone heard who claims asylum granted.
fn grant_all_who_claim(s: &mut corridor::Scenario, proclamation: f64) {
    let inst = s.institutions.as_mut().expect("institutions");
    inst.params.policies.retain(|p| p.param != Param::Proclamation);
    inst.params.set_all([
        (Param::Proclamation, proclamation),
        (Param::CourtBacklog, 0.0),
        (Param::CrossOnArrival, 0.5),
        (Param::GrantProtected, 1.0),
        (Param::GrantUnprotected, 1.0),
        (Param::NoShowReleased, 0.0),
        (Param::NoShowMpp, 0.0),
        (Param::NeverFile, 0.0),
    ]);
}

#[test]
fn while_the_proclamation_is_in_force_nobody_who_crossed_between_ports_is_granted() {
    let mut s = demo();
    grant_all_who_claim(&mut s, 1.0);
    let mut sim = Simulation::new(&s, s.seed);
    for _ in 0..s.period.days {
        sim.step();
    }
    let a = sim.agents();
    let f = &sim.institutions().expect("institutions").agents.flags;
    let (mut granted, mut crossers_heard) = (0, 0);
    for (i, (flags, status)) in f.iter().zip(&a.status).enumerate() {
        let crossed = flags & iflags::TRIED_CROSSING != 0;
        if *status == Status::Granted {
            assert!(!crossed, "agent {i} crossed between ports and was granted asylum");
            granted += 1;
        }
        if crossed && *status == Status::Denied {
            crossers_heard += 1;
        }
    }
    assert!(granted > 0 && crossers_heard > 0, "granted {granted}, crossers heard {crossers_heard}");
}

/// Journalist's review of session 25: caravan-2018's proclamation, blocked by a court on Nov 19 2018,
/// kept everyone who crossed while it stood from a grant for good. Its bar holds while it is in force:
/// people who crossed in its days and are heard after it ends may be granted (with every grant chance
/// 1, some of them are).
#[test]
fn those_who_crossed_under_a_proclamation_since_switched_off_can_be_granted() {
    let mut s = demo();
    let days = s.period.days;
    grant_all_who_claim(&mut s, 0.0);
    s.institutions.as_mut().expect("institutions").params.policies.push(corridor::policy::Policy {
        name: "a proclamation blocked a third of the way in".into(),
        param: Param::Proclamation,
        at: None,
        from_day: 0,
        to_day: Some(days / 3),
        value: 1.0,
        source: "test".into(),
    });
    let mut sim = Simulation::new(&s, s.seed);
    // While it stands, no one it marked is granted (the bar is read on the hearing day).
    let granted_marked = |sim: &Simulation<'_>| {
        let f = &sim.institutions().expect("institutions").agents.flags;
        f.iter()
            .zip(&sim.agents().status)
            .filter(|(fl, st)| *fl & iflags::INELIGIBLE != 0 && **st == Status::Granted)
            .count()
    };
    for _ in 0..days / 3 {
        sim.step();
    }
    assert_eq!(granted_marked(&sim), 0, "granted while the proclamation stood");
    for _ in days / 3..days {
        sim.step();
    }
    let f = &sim.institutions().expect("institutions").agents.flags;
    let barred_then_granted = f
        .iter()
        .zip(&sim.agents().status)
        .filter(|(flags, status)| *flags & iflags::INELIGIBLE != 0 && **status == Status::Granted)
        .count();
    let marked = f.iter().filter(|flags| *flags & iflags::INELIGIBLE != 0).count();
    assert!(marked > 0, "nobody crossed while the proclamation stood: the test would prove nothing");
    assert!(barred_then_granted > 0, "of {marked} who crossed under the proclamation, none was granted after it ended");
}
