//! Scenario tests of what follows a hearing date outside MPP's waiting: US detention (the detained
//! docket, parole, removal after a denial) and in absentia orders at MPP hearings (leaving the
//! border city), on the demo corridor with known answers.

use crate::common;

use common::{demo, set};
use corridor::institutions::{iflags, Counter};
use corridor::policy::Param;
use corridor::population::Status;
use corridor::scenario::Scenario;
use corridor::Simulation;

/// What each agent did in US detention: the day it was taken in, the day it left and the status it
/// left for (None while still held).
#[derive(Clone, Copy, Debug, Default)]
struct Stay {
    from: u32,
    left: Option<(u32, Status)>,
}

/// Runs `s`, checking each day that the agents are all counted, and returns every US detention stay
/// and the finished run (its counters, courts and agents).
fn us_detention_stays(s: &Scenario) -> (Vec<Stay>, Simulation<'_>) {
    let mut sim = Simulation::new(s, s.seed);
    let mut stays: Vec<Option<Stay>> = Vec::new();
    let mut was_held: Vec<bool> = Vec::new();
    for _ in 0..s.period.days {
        let totals = sim.step().status_totals();
        let day = sim.day() - 1;
        let agents = sim.agents();
        assert_eq!(totals.iter().sum::<u64>(), agents.len() as u64, "agents not conserved on day {day}");
        let sys = sim.institutions().expect("institutions");
        let flags = &sys.agents.flags;
        stays.resize(agents.len(), None);
        was_held.resize(agents.len(), false);
        let mut held_now = 0;
        for i in 0..agents.len() {
            let held = agents.status[i] == Status::Detained && flags[i] & iflags::US_DETAINED != 0;
            held_now += u64::from(held);
            match (was_held[i], held) {
                (false, true) => {
                    assert!(stays[i].is_none(), "agent {i} detained in the US twice");
                    stays[i] = Some(Stay { from: day, left: None });
                }
                (true, false) => {
                    if let Some(stay) = stays[i].as_mut() {
                        stay.left = Some((day, agents.status[i]));
                    }
                }
                _ => {}
            }
            was_held[i] = held;
        }
        let queue = sys.queues.iter().find(|q| q.name == "us_detention").expect("a us_detention queue");
        assert_eq!(queue.waiting, held_now, "us_detention's count against the agents held, day {day}");
    }
    (stays.into_iter().flatten().collect(), sim)
}

/// Session 16: US detention filled up by mid-2019 in caravan-2018 and nobody ever left it, as the
/// detained waited for the general calendar's hearings, years away. Detained cases now have their own
/// docket: each is heard `courts.detained_hearing_days` after detention while the docket has room,
/// and leaves detention granted, or denied and removed (deported); none is ordered removed in
/// absentia (the detained are brought to their hearing).
#[test]
fn detained_cases_are_heard_on_their_own_docket() {
    let mut s = demo();
    set(&mut s, Param::DetainShare, 1.0);
    set(&mut s, Param::CourtDetainedDays, 25.0);
    let (stays, sim) = us_detention_stays(&s);
    let counters = &sim.institutions().expect("institutions").counters;
    let heard: Vec<_> = stays.iter().filter_map(|st| st.left.map(|l| (st.from, l))).collect();
    assert!(heard.len() > 50, "too few detained hearings to test: {}", heard.len());
    for &(from, (left, status)) in &heard {
        assert_eq!(left - from, 25, "held from day {from} to day {left}");
        assert!(matches!(status, Status::Granted | Status::Deported), "left detention as {}", status.name());
    }
    let removed = heard.iter().filter(|h| h.1 .1 == Status::Deported).count() as u64;
    let granted = heard.iter().filter(|h| h.1 .1 == Status::Granted).count() as u64;
    assert!(removed > 0 && granted > 0, "removed {removed}, granted {granted}");
    assert_eq!(counters[Counter::RemovedAfterDenial as usize], removed);
    // Still held at the end: those detained within the last 25 days, and no one else.
    let end = s.period.days - 1;
    for st in stays.iter().filter(|st| st.left.is_none()) {
        assert!(end - st.from < 25, "detained on day {} and still held on day {end}", st.from);
    }
}

/// With room for one agent a day on the detained docket, no day hears more than one detained case,
/// so some wait longer than `courts.detained_hearing_days`, and none less.
#[test]
fn the_detained_docket_hears_no_more_than_its_daily_capacity() {
    let mut s = demo();
    set(&mut s, Param::DetainShare, 1.0);
    set(&mut s, Param::CourtDetainedDays, 25.0);
    let one_agent = f64::from(s.people_per_agent);
    set(&mut s, Param::CourtDetainedCapacity, one_agent);
    let (stays, _) = us_detention_stays(&s);
    let mut per_day = std::collections::BTreeMap::new();
    for st in &stays {
        if let Some((left, _)) = st.left {
            *per_day.entry(left).or_insert(0) += 1;
            assert!(left - st.from >= 25, "heard after {} days", left - st.from);
        }
    }
    assert!(per_day.values().all(|&n| n == 1), "{per_day:?}");
    assert!(stays.iter().any(|st| st.left.is_some_and(|(left, _)| left - st.from > 25)), "nobody waited longer");
}

/// A daily parole chance of 1 paroles everyone the day after detention, before any detained hearing:
/// each leaves as released in the US, with a case on the general calendar (a hearing date years
/// ahead, behind the backlog), and its detained docket's slot is given back: the detained docket keeps
/// only the bookings of those still held, and the court queue one wait per case filed.
#[test]
fn paroled_people_are_released_and_give_back_their_detained_hearing() {
    let mut s = demo();
    set(&mut s, Param::DetainShare, 1.0);
    set(&mut s, Param::CourtDetainedDays, 25.0);
    set(&mut s, Param::UsParoleDaily, 1.0);
    let (stays, sim) = us_detention_stays(&s);
    let counters = &sim.institutions().expect("institutions").counters;
    assert!(stays.len() > 50, "too few detained to test: {}", stays.len());
    let end = s.period.days - 1;
    for st in stays.iter().filter(|st| st.from < end) {
        let (left, status) = st.left.expect("paroled by the end");
        assert_eq!((left - st.from, status), (1, Status::ReleasedInUs), "detained on day {}", st.from);
    }
    let paroled = stays.iter().filter(|st| st.left.is_some()).count() as u64;
    assert_eq!(counters[Counter::Paroled as usize], paroled);
    assert_eq!(counters[Counter::RemovedAfterDenial as usize], 0);
    // Parolees are not counted again as released at screening: everyone who passed was detained or
    // returned under MPP.
    assert_eq!(counters[Counter::Released as usize], 0);
    let placed = counters[Counter::UsDetained as usize] + counters[Counter::MppReturned as usize];
    assert_eq!(placed, counters[Counter::ScreenPassed as usize]);
    let sys = sim.institutions().expect("institutions");
    // Every detained hearing was given back but those of the people detained on the last day.
    let held_at_end = stays.iter().filter(|st| st.left.is_none()).count() as f64;
    let ppa = f64::from(s.people_per_agent);
    assert_eq!(sys.courts.detained_waiting(), held_at_end * ppa, "detained docket's bookings left");
    // One wait per case (the general calendar's, counted from the filing), none for the hearings
    // given back: the court queue's waits are those of the cases booked.
    let court = sys.queues.iter().find(|q| q.name == "court").expect("a court queue");
    assert_eq!(court.waits.count(), sys.counters[Counter::CasesFiled as usize]);
    let agents = sim.agents();
    for i in (0..agents.len()).filter(|&i| agents.status[i] == Status::ReleasedInUs) {
        let (filed_to_hearing, due) = (sys.agents.to_hearing[i], sys.agents.due[i]);
        assert!(
            u32::from(filed_to_hearing) > 365 && due > s.period.days,
            "agent {i}: {filed_to_hearing} days to {due}"
        );
    }
}

/// Session 16: people ordered removed in absentia at an MPP hearing stayed in the border city to the
/// end of the run. With `mpp.ordered_leave_daily` at 1 each leaves the day after the order, by
/// `mpp.give_up_*_share` (all home here), and the counters say so; at 0 all stay.
#[test]
fn people_ordered_removed_in_absentia_leave_the_border_city() {
    let mut s = demo();
    set(&mut s, Param::MppGiveUpDaily, 0.0);
    set(&mut s, Param::CourtMppDays, 20.0);
    set(&mut s, Param::NoShowMpp, 1.0);
    set(&mut s, Param::MppGiveUpHome, 1.0);
    // No IOM returns (its policies switch it on by date; with no budget it registers nobody).
    set(&mut s, Param::IomBudget, 0.0);
    let run = |s: &Scenario| {
        let mut sim = Simulation::new(s, s.seed);
        let mut ordered_on: Vec<Option<u32>> = Vec::new();
        let mut stays: Vec<u32> = Vec::new();
        for _ in 0..s.period.days {
            sim.step();
            let day = sim.day() - 1;
            let a = sim.agents();
            ordered_on.resize(a.len(), None);
            for (i, on) in ordered_on.iter_mut().enumerate() {
                match (*on, a.status[i]) {
                    (None, Status::InAbsentia) => *on = Some(day),
                    (Some(from), Status::ReturnedHome) if a.since[i] == day => {
                        stays.push(day - from);
                        *on = None;
                    }
                    (Some(_), st) => assert_eq!(st, Status::InAbsentia, "agent {i} left its order as {}", st.name()),
                    _ => {}
                }
            }
        }
        let counters = sim.institutions().expect("institutions").counters.clone();
        let still_there: Vec<u32> = ordered_on.into_iter().flatten().collect();
        (stays, still_there, counters)
    };
    set(&mut s, Param::MppOrderedLeaveDaily, 1.0);
    let (stays, still_there, counters) = run(&s);
    assert!(stays.len() > 20, "too few orders to test: {}", stays.len());
    assert!(stays.iter().all(|&d| d == 1), "days in the city after the order: {stays:?}");
    let end = s.period.days - 1;
    assert!(still_there.iter().all(|&d| d == end), "ordered before the last day and still there: {still_there:?}");
    assert_eq!(counters[Counter::OrderedLeftHome as usize], stays.len() as u64);
    assert_eq!(counters[Counter::OrderedLeftCross as usize] + counters[Counter::OrderedLeftSettle as usize], 0);
    set(&mut s, Param::MppOrderedLeaveDaily, 0.0);
    let (stays, still_there, _) = run(&s);
    assert!(stays.is_empty() && still_there.len() > 20, "left {}, stayed {}", stays.len(), still_there.len());
}

/// Session 16 review: a person ordered removed in absentia who crossed and was caught was screened
/// afresh, with a new case. Caught, the order is reinstated: the person is removed (`deported`), and
/// files no new case.
#[test]
fn people_under_an_order_caught_crossing_are_removed() {
    let mut s = demo();
    set(&mut s, Param::MppGiveUpDaily, 0.0);
    set(&mut s, Param::CourtMppDays, 20.0);
    set(&mut s, Param::NoShowMpp, 1.0);
    set(&mut s, Param::MppOrderedLeaveDaily, 1.0);
    set(&mut s, Param::MppGiveUpHome, 0.0);
    set(&mut s, Param::MppGiveUpCross, 1.0);
    set(&mut s, Param::CrossApprehension, 1.0);
    set(&mut s, Param::TroopsBoost, 0.0);
    set(&mut s, Param::IomBudget, 0.0);
    let mut sim = Simulation::new(&s, s.seed);
    let mut ordered: Vec<bool> = Vec::new();
    let mut removed = 0;
    for _ in 0..s.period.days {
        sim.step();
        let a = sim.agents();
        ordered.resize(a.len(), false);
        for (i, was) in ordered.iter_mut().enumerate() {
            match (*was, a.status[i]) {
                (false, Status::InAbsentia) => *was = true,
                (true, Status::Deported) => {
                    removed += 1;
                    *was = false;
                }
                (true, st) => assert_eq!(st, Status::InAbsentia, "agent {i} left its order as {}", st.name()),
                _ => {}
            }
        }
    }
    let counters = &sim.institutions().expect("institutions").counters;
    assert!(removed > 20, "too few removals to test: {removed}");
    assert_eq!(counters[Counter::OrderedCaughtRemoved as usize], removed);
    assert_eq!(counters[Counter::OrderedLeftCross as usize], removed);
}

/// Code review of session 34: the order was only a status, so one ordered removed who settled in Mexico
/// (COMAR), abandoned the claim and later crossed from a port's list was caught and screened afresh,
/// with a new case. The order goes with the person: caught crossing, by whatever way, it is removed.
#[test]
fn issue_session_34_an_order_holds_after_settling_in_mexico() {
    let mut s = demo();
    set(&mut s, Param::MppGiveUpDaily, 0.0);
    set(&mut s, Param::CourtMppDays, 20.0);
    set(&mut s, Param::NoShowMpp, 1.0);
    set(&mut s, Param::MppOrderedLeaveDaily, 0.05);
    // Every ordered person leaving the border city settles in Mexico (applies to COMAR) and soon
    // abandons the claim; the lists call no one, and those on them cross and are caught.
    set(&mut s, Param::MppGiveUpHome, 0.0);
    set(&mut s, Param::MppGiveUpCross, 0.0);
    set(&mut s, Param::ComarAbandonDaily, 0.3);
    set(&mut s, Param::CrossApprehension, 1.0);
    set(&mut s, Param::TroopsBoost, 0.0);
    set(&mut s, Param::CrossDaily, 0.05);
    set(&mut s, Param::IomBudget, 0.0);
    let inst = s.institutions.as_mut().expect("institutions");
    inst.params.policies.retain(|q| q.param != Param::MeteringCapacity);
    for k in 0..inst.ports.len() as u32 {
        inst.params.set_at_port(k, Param::MeteringCapacity, 0.0);
    }
    let mut sim = Simulation::new(&s, s.seed);
    let mut ordered: Vec<bool> = Vec::new();
    for _ in 0..s.period.days {
        sim.step();
        let a = sim.agents();
        ordered.resize(a.len(), false);
        for (i, was) in ordered.iter_mut().enumerate() {
            *was |= a.status[i] == Status::InAbsentia;
            assert!(!(*was && a.status[i] == Status::InScreening), "agent {i}, under an order, screened afresh");
        }
    }
    let counters = &sim.institutions().expect("institutions").counters;
    let settled = counters[Counter::OrderedLeftSettle as usize];
    let removed = counters[Counter::OrderedCaughtRemoved as usize];
    assert!(settled > 20, "too few ordered people settled to test: {settled}");
    assert!(removed > 10, "too few removed after settling: {removed}");
    assert_eq!(counters[Counter::OrderedLeftCross as usize], 0);
}

/// Session 16 review: US detention's capacity was read on the first day only, so a `[[policy]]`
/// changing it later did nothing. Closed from day 100 (capacity 0), nobody is detained from then on.
#[test]
fn us_detention_capacity_follows_its_policies_by_date() {
    let mut s = demo();
    set(&mut s, Param::DetainShare, 1.0);
    s.institutions.as_mut().expect("institutions").params.policies.push(corridor::policy::Policy {
        name: "no more room".into(),
        param: Param::UsDetentionCapacity,
        at: None,
        from_day: 100,
        to_day: None,
        value: 0.0,
        source: String::new(),
    });
    let (stays, _) = us_detention_stays(&s);
    assert!(stays.iter().any(|st| st.from < 100), "nobody detained before the policy");
    assert!(stays.iter().all(|st| st.from < 100), "detained after capacity 0 from day 100");
}

/// Session 16 recheck: with no room on the detained docket a detained case gets no date; a parolee's
/// general-calendar hearing still counts its wait from the filing (the day of detention), not from
/// the parole.
#[test]
fn a_parolee_without_a_detained_date_waits_from_its_filing() {
    let mut s = demo();
    set(&mut s, Param::DetainShare, 1.0);
    set(&mut s, Param::CourtDetainedCapacity, 0.0);
    set(&mut s, Param::UsParoleDaily, 0.2);
    let mut sim = Simulation::new(&s, s.seed);
    let mut detained_on: Vec<Option<u32>> = Vec::new();
    let mut checked = 0;
    for _ in 0..s.period.days {
        sim.step();
        let day = sim.day() - 1;
        let (a, sys) = (sim.agents(), sim.institutions().expect("institutions"));
        detained_on.resize(a.len(), None);
        for (i, on) in detained_on.iter_mut().enumerate() {
            let held = a.status[i] == Status::Detained && sys.agents.flags[i] & iflags::US_DETAINED != 0;
            match *on {
                None if held => *on = Some(day),
                Some(from) if a.status[i] == Status::ReleasedInUs && a.since[i] == day => {
                    assert!(day > from, "paroled the day it was detained");
                    let waited = u32::from(sys.agents.to_hearing[i]);
                    assert_eq!(from + waited, sys.agents.due[i], "agent {i}: wait counted from {from}?");
                    *on = None;
                    checked += 1;
                }
                _ => {}
            }
        }
    }
    assert!(checked > 20, "too few parolees to check: {checked}");
}

/// Review of session 18: the report re-derived US detention's room from the people detained, so the
/// engine now gives each holding queue's room with its row. It is the room that gates admissions:
/// the day's `us_detention.capacity` (here 31 until day 100, then 61) in whole agents (3 people each:
/// 30, then 60), a centre's capacity likewise; no queue holds more, and US detention fills to it.
#[test]
fn queue_rows_give_the_room_the_engine_lets_people_into() {
    let mut s = demo();
    s.people_per_agent = 3;
    set(&mut s, Param::DetainShare, 1.0);
    set(&mut s, Param::CourtDetainedDays, 30.0);
    set(&mut s, Param::UsDetentionCapacity, 61.0);
    s.institutions.as_mut().expect("institutions").params.policies.push(corridor::policy::Policy {
        name: "a smaller detention".into(),
        param: Param::UsDetentionCapacity,
        at: None,
        from_day: 0,
        to_day: Some(100),
        value: 31.0,
        source: String::new(),
    });
    let centre = s.institutions.as_ref().expect("institutions").detention[0].capacity;
    let mut sim = Simulation::new(&s, s.seed);
    let mut full = [0u32; 2];
    for day in 0..s.period.days {
        sim.step();
        let rows = sim.institutions().expect("institutions").queue_rows();
        let room = |name: &str| rows.iter().find(|r| r.queue == name).map(|r| (r.waiting, r.room));
        let (held, us_room) = room("us_detention").expect("a us_detention row");
        let want = if day < 100 { 30 } else { 60 };
        assert_eq!(us_room, Some(want), "day {day}");
        assert!(held <= want, "day {day}: {held} held in room for {want}");
        full[usize::from(day >= 100)] += u32::from(held == want);
        let (in_centre, centre_room) = room("detention:Siglo XXI").expect("a centre row");
        assert_eq!(centre_room, Some(centre / 3 * 3), "day {day}");
        assert!(in_centre <= centre / 3 * 3, "day {day}");
        assert!(rows.iter().filter(|r| !r.queue.contains("detention")).all(|r| r.room.is_none()), "day {day}");
    }
    assert!(full[0] > 10 && full[1] > 10, "full at both capacities on some days: {full:?}");
}
