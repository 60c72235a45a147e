//! Regressions of the institutions that session 31's reviews found: a person applies to COMAR once
//! (at an office or on giving up MPP), IOM registrations lapse when the programme ends, a deportation
//! leaves the centre that held the person, families meet checkpoints as people, and every stretch on
//! a list counts in `days_waitlisted`.

use crate::common;

use super::institutions::office_at_g;
use common::{demo, set};
use corridor::institutions::{iflags, Counter};
use corridor::policy::Param;
use corridor::population::Status;
use corridor::scenario::institutions::{DetentionCentre, OfficeKind};
use corridor::scenario::PlaceId;
use corridor::Simulation;

/// Runs `s` with `seed` to its end.
fn run_to_end(s: &corridor::scenario::Scenario, seed: u64) -> Simulation<'_> {
    let mut sim = Simulation::new(s, seed);
    for _ in 0..s.period.days {
        sim.step();
    }
    sim
}

/// Planner's review of session 31: people who gave up their number to register with IOM had their days
/// on the list lost (those leaving it for home, across or another port had theirs counted). Each way
/// off the list now counts the days from joining to leaving, once.
#[test]
fn days_on_a_list_count_for_people_who_leave_it_uncalled() {
    use corridor::scenario::institutions::{Office, OfficeKind};
    let left_uncalled = |iom: bool| {
        let mut s = common::one_port_list(2_000, 2.0);
        s.period.days = 200;
        let inst = s.institutions.as_mut().expect("institutions");
        if iom {
            inst.offices.push(Office { kind: OfficeKind::Iom, place: PlaceId(1), source: String::new() });
            inst.params.set(Param::IomActive, 1.0);
            inst.params.set(Param::IomBaseDaily, 0.01);
            inst.params.set(Param::IomGrowth, 0.0);
        } else {
            inst.params.set(Param::LeaveHomeDaily, 0.01);
        }
        let sim = run_to_end(&s, 3);
        let sys = sim.institutions().expect("institutions");
        let agents = sim.agents();
        let home: Vec<usize> = (0..agents.len()).filter(|&i| agents.status[i] == Status::ReturnedHome).collect();
        assert!(home.len() > 100, "{} went home from the list (IOM: {iom})", home.len());
        for &i in &home {
            // On the list from the day they came to it (day 0) to the day they left it, at most the day
            // they were home.
            let waited = u32::from(sys.agents.waited[i]);
            assert!(
                waited >= 1 && waited <= agents.since[i],
                "agent {i}: {waited} days, home on {} (IOM: {iom})",
                agents.since[i]
            );
        }
        assert!(sys.queues[0].admitted_total > 0);
    };
    left_uncalled(false);
    left_uncalled(true);
}

/// Institutions review of session 31: of two centres at one place, a deportation was charged to the
/// first, whichever held the person: the first "let out" people it never took in, the second filled.
#[test]
fn a_deportation_leaves_the_centre_that_held_the_person() {
    let mut s = demo();
    let inst = s.institutions.as_mut().expect("institutions");
    let centre =
        |name: &str| DetentionCentre { name: name.into(), place: PlaceId(3), capacity: 1_000, source: String::new() };
    inst.detention = vec![centre("first"), centre("second")];
    for c in &mut inst.checkpoints {
        c.apprehension = 0.9;
        c.detention = 1;
    }
    inst.params.set(Param::CaravanFactor, 1.0);
    inst.params.set(Param::DetentionDays, 5.0);
    // Only the checkpoints detain: a raid takes people to the nearest centre, here the first (session
    // 35's spawning, which draws no family where none are wanted, met one).
    inst.params.set(Param::RaidDaily, 0.0);
    let sim = run_to_end(&s, 1);
    let sys = sim.institutions().expect("institutions");
    let (first, second) = (&sys.queues[sys.ids.centre(0)], &sys.queues[sys.ids.centre(1)]);
    assert_eq!((first.admitted_total, first.left_total, first.waiting), (0, 0, 0));
    assert!(second.left_total > 0, "the second centre deported no one");
    let a = sim.agents();
    let in_mexico = |i: usize| a.status[i] == Status::Detained && sys.agents.flags[i] & iflags::US_DETAINED == 0;
    let held = (0..a.len()).filter(|&i| in_mexico(i)).count() as u64;
    assert_eq!(second.waiting, held, "the second centre holds everyone detained in Mexico");
}

/// Institutions review of session 31: members of a family met checkpoints under the caravans' rules
/// (a clash per group and day, `caravan_factor` of the risk). Without caravans there are no clashes,
/// and families are caught as often as people on their own.
#[test]
fn families_meet_checkpoints_as_people_not_as_caravans() {
    let apprehended = |family_size: u32| {
        let mut s = demo();
        s.caravans.clear();
        for f in &mut s.inflows {
            f.family_size = family_size;
        }
        set(&mut s, Param::ClashChance, 1.0);
        set(&mut s, Param::CaravanFactor, 0.01);
        let sim = run_to_end(&s, 1);
        let sys = sim.institutions().expect("institutions");
        assert_eq!(sys.counters[Counter::Clashes as usize], 0, "a clash without a caravan (families of {family_size})");
        sys.counters[Counter::Apprehended as usize]
    };
    let (alone, families) = (apprehended(1), apprehended(4));
    // The factor 0.01 would cut families' arrests a hundredfold; as people they are caught about as
    // often (chance sets them apart only by the draws).
    assert!(families * 2 > alone && alone * 2 > families, "{families} in families against {alone} alone");
}

/// Institutions review of session 31: a rejected applicant (or one who abandoned the claim) went back to
/// the full daily chance of applying, and each application counted again among COMAR's requests.
#[test]
fn a_person_applies_to_comar_once() {
    let mut s = office_at_g(["Mexico", "Mexico", "Mexico"], false, OfficeKind::Comar);
    s.caravans.clear();
    let inst = s.institutions.as_mut().expect("institutions");
    inst.params.set(Param::EnforcementActive, 0.0);
    inst.params.set(Param::ComarApplyDaily, 1.0);
    inst.params.set(Param::ComarCapacity, 1_000.0);
    inst.params.set(Param::ComarRecognition, 0.0);
    let sim = run_to_end(&s, 1);
    let sys = sim.institutions().expect("institutions");
    let count = |c: Counter| sys.counters[c as usize];
    assert!(s.period.days > 5, "days enough to apply again: {}", s.period.days);
    assert_eq!((count(Counter::ComarApplied), count(Counter::ComarRejected)), (7, 7));
    let at_m = sim.agents().status.iter().filter(|&&st| st == Status::AtPlace).count();
    assert_eq!(at_m, 7, "the rejected stay where they are, on their own");
}

/// Institutions review of session 31: when `iom.active` switched off with people registered and not
/// yet returned, they stayed held in place, waiting, to the end of the run. They lapse and carry on.
#[test]
fn iom_registrations_lapse_when_the_programme_ends() {
    let mut s = office_at_g(["Guatemala", "Guatemala", "Mexico"], true, OfficeKind::Iom);
    let inst = s.institutions.as_mut().expect("institutions");
    inst.params.set(Param::IomBaseDaily, 1.0);
    inst.params.set(Param::IomCaravanOnly, 0.0);
    // One return a day, for the first three days: 27 register on day 0, 3 go home, 24 lapse on day 3.
    inst.params.set(Param::IomCapacity, 1.0);
    inst.params.policies.push(corridor::policy::Policy {
        name: "three days".into(),
        param: Param::IomActive,
        at: None,
        from_day: 0,
        to_day: Some(3),
        value: 1.0,
        source: String::new(),
    });
    let sim = run_to_end(&s, 1);
    let sys = sim.institutions().expect("institutions");
    let count = |c: Counter| sys.counters[c as usize];
    assert_eq!((count(Counter::IomRegistered), count(Counter::IomReturned)), (27, 3));
    assert_eq!((count(Counter::IomClosed), count(Counter::IomUnfunded)), (24, 0));
    assert!(sys.agents.flags.iter().all(|f| f & iflags::HOLD_IOM == 0), "someone still waits for a return");
    assert_eq!(sys.queues.iter().map(|q| q.waiting).sum::<u64>(), 0);
}

/// Code review of session 31: giving up MPP to settle in Mexico applied to COMAR without the
/// once-only flag, so people looped office → abandon → port → MPP → COMAR (24,290 applications from
/// 8,825 people on demo-institutions set as here).
#[test]
fn giving_up_mpp_applies_to_comar_only_for_those_who_never_did() {
    let mut s = demo();
    s.caravans.clear();
    for f in &mut s.inflows {
        f.family_size = 1;
    }
    let inst = s.institutions.as_mut().expect("institutions");
    inst.params.policies.retain(|p| !matches!(p.param, Param::MppActive | Param::MeteringActive));
    inst.params.set_all([
        (Param::ComarApplyDaily, 1.0),
        (Param::ComarAbandonDaily, 1.0),
        (Param::ComarCapacity, 0.0),
        (Param::MppActive, 1.0),
        (Param::MppGiveUpDaily, 0.5),
        (Param::MppGiveUpHome, 0.0),
        (Param::MppGiveUpCross, 0.0),
        (Param::MppExemptVulnerable, 0.0),
        (Param::MppExemptFear, 0.0),
        (Param::EnforcementActive, 0.0),
        (Param::MeteringActive, 0.0),
    ]);
    let sim = run_to_end(&s, 1);
    let sys = sim.institutions().expect("institutions");
    let count = |c: Counter| sys.counters[c as usize];
    let people = sim.agents().len() as u64;
    assert!(count(Counter::MppGaveUpSettle) > 100, "{} gave up MPP to settle", count(Counter::MppGaveUpSettle));
    assert!(
        count(Counter::ComarApplied) <= people,
        "{} applications from {people} people",
        count(Counter::ComarApplied)
    );
    // Each settles once (review of session 31: one who had applied before was left `at_place` in the
    // port's city, presented again, was returned under MPP again and "settled" again).
    let settled = count(Counter::MppGaveUpSettle);
    assert!(settled <= people, "{settled} settled from {people} people");
}

/// Code review of session 32: US detention's room in people was its room in agents times
/// people_per_agent, which wrapped for a capacity near u64::MAX people, and the report said US
/// detention was full on most days. The room saturates.
#[test]
fn a_huge_detention_capacity_is_no_small_room() {
    let mut s = demo();
    s.people_per_agent = 10;
    s.period.days = 3;
    set(&mut s, Param::UsDetentionCapacity, 2f64.powi(64));
    let mut sim = Simulation::new(&s, 1);
    sim.step();
    let sys = sim.institutions().expect("institutions");
    let row = sys.queue_rows().into_iter().last().expect("US detention's row, the last");
    assert_eq!(row.queue, "us_detention");
    assert!(row.room.is_some_and(|r| r > 1 << 60), "{:?}", row.room);
}

/// Planner's review of session 32: summary.json's metering totals did not add up (joined − called −
/// left was 1,200 more than those waiting in caravan-2018), as people who gave up their number to
/// register with IOM had no event. `metering.left_for_iom` counts them.
#[test]
fn the_lists_totals_add_up_to_those_waiting() {
    let s = corridor::worlds::caravan_2018().expect("caravan-2018");
    let sim = run_to_end(&s, 1);
    let t = sim.institutions().expect("institutions").totals();
    let left = t.get(Counter::LeftHome) + t.get(Counter::LeftOtherPort) + t.get(Counter::LeftCross);
    assert!(t.get(Counter::LeftForIom) > 0, "some leave a list for IOM in caravan-2018");
    let waiting = sim.agents().status.iter().filter(|&&st| st == Status::Waitlisted).count() as u64 * 10;
    assert_eq!(t.get(Counter::Joined) - t.get(Counter::Called) - left - t.get(Counter::LeftForIom), waiting);
}

/// Code review of session 34: a registration with IOM given up as the person's status changed while
/// waiting (an MPP hearing day, a visa's end) left IOM's list with no counter, so registered was more
/// than returned, lapsed and waiting. It is counted (`iom.registrations_withdrawn`), and they add up.
#[test]
fn issue_session_34_every_iom_registration_is_accounted_for() {
    let mut s = demo();
    let inst = s.institutions.as_mut().expect("institutions");
    inst.params.set_all([
        (Param::IomCapacity, 1.0),
        (Param::IomBudget, 1e9),
        (Param::IomCaravanOnly, 0.0),
        (Param::IomBaseDaily, 0.05),
        (Param::CourtMppDays, 20.0),
    ]);
    let sim = run_to_end(&s, 1);
    let sys = sim.institutions().expect("institutions");
    let count = |c: Counter| sys.counters[c as usize];
    let iom = corridor::scenario::checks::IOM_QUEUE;
    let waiting = sys.queues.iter().find(|q| q.name == iom).expect("an IOM queue").waiting;
    let withdrawn = count(Counter::IomWithdrawn);
    assert!(withdrawn > 0 && waiting > 0, "withdrawn {withdrawn}, waiting {waiting}: nothing to test");
    let ended = count(Counter::IomReturned) + count(Counter::IomUnfunded) + count(Counter::IomClosed) + withdrawn;
    assert_eq!(count(Counter::IomRegistered), ended + waiting);
}

/// Robustness review of session 34: a list's daily chances of leaving (to cross, home, to another
/// port) were split in order, so where they added up to more than 1 the last had no share (0.6 each:
/// 4,386 crossed, 2,870 home, none to another port). They split in proportion now; and so do a road's
/// hazards (at 0.6 each, no accident deaths).
#[test]
fn issue_session_34_chances_over_one_split_in_proportion() {
    let mut s = demo();
    set(&mut s, Param::CrossMaxDaily, 1.0);
    let inst = s.institutions.as_mut().expect("institutions");
    for p in [Param::CrossDaily, Param::LeaveHomeDaily, Param::LeaveOtherPortDaily] {
        inst.params.set(p, 0.6);
        for k in 0..inst.ports.len() as u32 {
            inst.params.set_at_port(k, p, 0.6);
        }
    }
    let sim = run_to_end(&s, 1);
    let sys = sim.institutions().expect("institutions");
    let count = |c: Counter| sys.counters[c as usize] as f64;
    let left = [Counter::LeftCross, Counter::LeftHome, Counter::LeftOtherPort].map(count);
    let all: f64 = left.iter().sum();
    assert!(all > 300.0, "too few left lists to test: {left:?}");
    for n in left {
        assert!((n / all - 1.0 / 3.0).abs() < 0.08, "not a third each: {left:?}");
    }
    // Scale review of session 35: a scale that makes the rates' sum infinite (6e307) put every death
    // under accident; the split is the rates' whatever the scale.
    for scale in [1e5, 6e307] {
        let mut s = demo();
        set(&mut s, Param::HazardScale, scale); // violence, kidnapping, accident: 2, 2 and 1 to the day
        let sim = run_to_end(&s, 1);
        let sys = sim.institutions().expect("institutions");
        let count = |c: Counter| sys.counters[c as usize] as f64;
        let lost = [Counter::HazardViolence, Counter::HazardKidnapping, Counter::HazardAccident].map(count);
        let all: f64 = lost.iter().sum();
        assert!(all > 300.0, "too few deaths to test at {scale}: {lost:?}");
        for (n, share) in lost.into_iter().zip([0.4, 0.4, 0.2]) {
            assert!((n / all - share).abs() < 0.08, "not 2:2:1 at {scale}: {lost:?}");
        }
    }
}

/// Robustness review of session 34: queues.csv's court hearings were each day's rounded alone, so at
/// 0.3 a day the column summed to 816 where summary.json's total said 891. The days add up to it.
#[test]
fn issue_session_34_the_courts_daily_hearings_add_up_to_the_total() {
    let mut s = demo();
    set(&mut s, Param::CourtCapacity, 0.3);
    set(&mut s, Param::CourtBacklog, 0.0);
    let mut sim = Simulation::new(&s, 1);
    let mut summed = 0;
    for _ in 0..s.period.days {
        sim.step();
        let sys = sim.institutions().expect("institutions");
        summed += sys.queue_rows().iter().find(|r| r.queue == "court").expect("a court row").admitted;
    }
    let total = sim.institutions().expect("institutions").courts.heard_total().round() as u64;
    assert!(total > 10, "too few hearings to test: {total}");
    assert_eq!(summed, total);
}
