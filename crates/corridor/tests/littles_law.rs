//! Issue 3, point 13: Little's law (people waiting = arrivals a day × mean wait) holds on the court queue
//! of a whole scenario in a steady state, both for the scenario's own people and for the reported backlog.

use corridor::policy::Param;
use corridor::population::Status;
use corridor::scenario::institutions::{Institutions, Port};
use corridor::scenario::{Inflow, PlaceId, PlaceKind};
use corridor::{worlds, Simulation};

const INFLOW_PER_DAY: f64 = 20.0;
const BACKGROUND_PER_DAY: f64 = 80.0;
const CAPACITY_PER_DAY: f64 = 100.0;
const BACKLOG: f64 = 6_000.0;
/// Steady window: filings on these days are booked behind a backlog that neither grows nor shrinks.
const WINDOW: std::ops::Range<u32> = 150..300;

/// A line Origin → Border → US with a steady inflow, no metering, everyone screened in and released to
/// wait for a hearing whose date comes from a calendar that runs at capacity (backlog / capacity = 60 days).
fn steady_court_world() -> corridor::scenario::Scenario {
    let mut s = worlds::line_world(&["Origin", "Border", "US"], 60.0, 1);
    s.places[1].kind = PlaceKind::BorderCity;
    s.places[2].kind = PlaceKind::Destination;
    s.period.days = 420;
    s.inflows.push(Inflow {
        goals: vec![(PlaceId(1), 1.0)],
        ..Inflow::steady("steady", PlaceId(0), 0, 420, INFLOW_PER_DAY)
    });
    let mut inst = Institutions::empty();
    inst.ports.push(Port::between("P", PlaceId(1), PlaceId(2)));
    inst.params.set_all([
        (Param::MeteringActive, 0.0),
        (Param::CrossOnArrival, 0.0),
        (Param::EnforcementActive, 0.0),
        (Param::PassProtected, 1.0),
        (Param::PassUnprotected, 1.0),
        (Param::DetainShare, 0.0),
        (Param::NoShowReleased, 0.0),
        (Param::CourtBacklog, BACKLOG),
        (Param::CourtCapacity, CAPACITY_PER_DAY),
        (Param::CourtBackground, BACKGROUND_PER_DAY),
    ]);
    s.institutions = Some(inst);
    s
}

#[test]
fn issue3_littles_law_holds_on_the_court_queue_of_a_whole_scenario() {
    let s = steady_court_world();
    let mut sim = Simulation::new(&s, 11);
    // Per agent: the day its case was filed (became ReleasedInUs) and the day it was heard.
    let mut filed: Vec<Option<u32>> = Vec::new();
    let mut heard: Vec<Option<u32>> = Vec::new();
    let (mut agents_waiting, mut backlog, mut heard_people, mut days) = (0.0, 0.0, 0.0, 0.0);
    for _ in 0..s.period.days {
        sim.step();
        let day = sim.day() - 1;
        let a = sim.agents();
        filed.resize(a.len(), None);
        heard.resize(a.len(), None);
        let mut waiting_now = 0u64;
        for (i, st) in a.status.iter().enumerate() {
            match st {
                Status::ReleasedInUs => {
                    filed[i].get_or_insert(day);
                    waiting_now += 1;
                }
                Status::Granted | Status::Denied if filed[i].is_some() => {
                    heard[i].get_or_insert(day);
                }
                _ => {}
            }
        }
        if WINDOW.contains(&day) {
            let sys = sim.institutions().expect("institutions");
            let court = sys.queue_rows().into_iter().find(|r| r.queue.contains("court")).expect("a court row");
            agents_waiting += waiting_now as f64;
            backlog += court.waiting as f64;
            heard_people += court.admitted as f64;
            days += 1.0;
        }
    }
    let sys = sim.institutions().expect("institutions");
    // The agents' own queue: mean number waiting vs filings a day × mean wait of those filed in the window.
    let waits: Vec<f64> = (0..filed.len())
        .filter_map(|i| match (filed[i], heard[i]) {
            (Some(f), Some(h)) if WINDOW.contains(&f) => {
                // Counted at the end of days f..h-1 as waiting: h - f days, the recorded days_to_hearing.
                assert_eq!(u32::from(sys.agents.to_hearing[i]), h - f, "agent {i}: days_to_hearing");
                Some(f64::from(h - f))
            }
            _ => None,
        })
        .collect();
    let lambda = waits.len() as f64 / days;
    let w = waits.iter().sum::<f64>() / waits.len() as f64;
    let l = agents_waiting / days;
    eprintln!("agents: L = {l:.1}, lambda = {lambda:.2}, W = {w:.2}");
    assert!((lambda - INFLOW_PER_DAY).abs() < 2.0, "filings a day {lambda}");
    assert!((w - BACKLOG / CAPACITY_PER_DAY).abs() < 3.0, "mean wait {w} days");
    assert!(
        (l - lambda * w).abs() / l < 0.03,
        "agents: L = {l:.1}, λW = {:.1} (λ = {lambda:.2}, W = {w:.2})",
        lambda * w
    );
    // The reported backlog (queues.csv): people waiting = people heard a day × the same wait.
    let backlog = backlog / days;
    let throughput = heard_people / days;
    eprintln!("court: L = {backlog:.0}, heard/day = {throughput:.2}");
    assert!((throughput - CAPACITY_PER_DAY).abs() < 1.0, "heard a day {throughput}");
    assert!((backlog - throughput * w).abs() / backlog < 0.03, "court: L = {backlog:.0}, λW = {:.0}", throughput * w);
}
