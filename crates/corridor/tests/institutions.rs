//! Scenario tests of the institutions with known answers: waitlist service time, detention capacity,
//! caravans at offices and IOM booths, visas, conservation of agents, determinism and the units of
//! summary.json's totals. MPP is in `mpp.rs`, its response to a list's length in `crossing.rs`, US
//! detention and in absentia orders in `detention_and_orders.rs`, the proclamation in
//! `proclamation.rs`, input errors in `institution_inputs.rs`.

use crate::common;

use common::{demo, run_checked};
use corridor::institutions::{iflags, Counter};
use corridor::policy::Param;
use corridor::population::Status;
use corridor::scenario::institutions::{DetentionCentre, Institutions, OfficeKind, Port};
use corridor::scenario::{PlaceId, PlaceKind, Scenario};
use corridor::{worlds, Simulation};

#[test]
fn a_list_of_6500_served_at_250_a_month_takes_26_months() {
    let mut s = common::one_port_list(6_500, 250.0 / 30.4);
    s.period.days = 900;
    let mut sim = Simulation::new(&s, 1);
    for _ in 0..s.period.days {
        sim.step();
    }
    let sys = sim.institutions().expect("institutions");
    let last = *sys.agents.waited.iter().max().expect("agents");
    let waitlisted = sim.agents().status.iter().filter(|s| **s == Status::Waitlisted).count();
    assert_eq!(waitlisted, 0, "everyone is called within 900 days");
    let months = f64::from(last) / 30.4;
    assert!((months - 26.0).abs() <= 1.0, "last called after {months:.2} months");
    assert_eq!(sys.queues[0].admitted_total, 6_500);
    assert_eq!(sys.queues[0].left_total, 0);
}

#[test]
fn a_detention_centre_never_holds_more_than_its_capacity() {
    let mut s = demo();
    let inst = s.institutions.as_mut().expect("institutions");
    inst.detention =
        vec![DetentionCentre { name: "small".into(), place: PlaceId(3), capacity: 25, source: String::new() }];
    for c in &mut inst.checkpoints {
        c.apprehension = 0.9;
    }
    inst.params.set(Param::CaravanFactor, 1.0);
    inst.params.set(Param::DetentionDays, 30.0);
    let tapachula = 3usize;
    let mut peak = 0;
    run_checked(&s, |sim| {
        let a = sim.agents();
        let held =
            (0..a.len()).filter(|&i| a.status[i] == Status::Detained && a.place[i] as usize == tapachula).count();
        assert!(held <= 25, "{held} held in a centre for 25");
        peak = peak.max(held);
    });
    assert_eq!(peak, 25, "the centre never filled: the test would prove nothing");
}

#[test]
fn results_do_not_depend_on_thread_count() {
    let s = demo();
    let run = |threads| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| {
            let mut sim = Simulation::new(&s, 7);
            sim.set_sharing(corridor::engine::Sharing::always());
            for _ in 0..s.period.days {
                sim.step();
            }
            let a = sim.agents();
            (a.status.clone(), a.place.clone(), sim.institutions().unwrap().summary())
        })
    };
    assert_eq!(run(1), run(4));
}

/// A 20-member caravan from `names[0]` to the last place, 50 km apart at 100 km a day, paused at
/// place 1 until day 5 if `pause`; `countries` per place; institutions with no other flows.
pub(crate) fn paused_caravan(names: &[&str], countries: &[&str], pause: bool) -> Scenario {
    use corridor::scenario::{Caravan, Makeup, Pause, PauseEnd};
    let mut s = worlds::line_world(names, 50.0, 1);
    for (p, c) in s.places.iter_mut().zip(countries) {
        p.country = c.to_string();
    }
    let last = PlaceId(names.len() as u32 - 1);
    s.caravans.push(Caravan {
        name: "k".into(),
        depart_day: 0,
        origin: PlaceId(0),
        home: None,
        people: 20,
        itinerary: vec![PlaceId(1), last],
        goal: None,
        pauses: if pause { vec![Pause { place: PlaceId(1), end: PauseEnd::OnDay(5) }] } else { Vec::new() },
        speed_km_per_day: 100.0,
        straggle_rate: 0.0,
        splits: Vec::new(),
        joins: Vec::new(),
        makeup: Makeup::default(),
        source: String::new(),
    });
    s.institutions = Some(Institutions::empty());
    s
}

/// [`paused_caravan`] over O, G and B in `countries`, with 7 more people waiting at G, where an office
/// of `kind` is; nobody moves on their own.
pub(crate) fn office_at_g(
    countries: [&str; 3],
    pause: bool,
    kind: corridor::scenario::institutions::OfficeKind,
) -> Scenario {
    use corridor::scenario::institutions::Office;
    let mut s = paused_caravan(&["O", "G", "B"], &countries, pause);
    s.prefill = vec![(PlaceId(1), 7)];
    s.movement.default_movechance = 0.0;
    let inst = s.institutions.as_mut().expect("institutions");
    inst.offices.push(Office { kind, place: PlaceId(1), source: String::new() });
    s
}

fn counter(s: &Scenario, c: corridor::institutions::Counter) -> u64 {
    let mut sim = Simulation::new(s, 1);
    for _ in 0..s.period.days {
        sim.step();
    }
    sim.institutions().expect("institutions").counters[c as usize]
}

#[test]
fn members_of_a_paused_caravan_petition_at_a_visa_office_and_passing_ones_do_not() {
    use corridor::institutions::Counter;
    use corridor::scenario::institutions::{Office, OfficeKind};
    let make = |pause: bool| {
        let mut s = paused_caravan(&["G", "B", "C"], &["Guatemala", "Mexico", "Mexico"], pause);
        let inst = s.institutions.as_mut().expect("institutions");
        inst.offices.push(Office { kind: OfficeKind::HumanitarianVisa, place: PlaceId(1), source: String::new() });
        inst.params.set(Param::VisaActive, 1.0);
        inst.params.set(Param::VisaPetitionDaily, 1.0);
        s
    };
    // Paused at B with certain petitions: every member petitions; passing through B: nobody does.
    assert_eq!(counter(&make(true), Counter::VisaPetitions), 20);
    assert_eq!(counter(&make(false), Counter::VisaPetitions), 0);
}

#[test]
fn an_iom_booth_outside_mexico_registers_caravan_members_only_where_there_is_one() {
    use corridor::institutions::Counter;
    use corridor::scenario::institutions::{Office, OfficeKind};
    let make = |booth: bool, caravan_only: bool| {
        // The caravan pauses at G (Guatemala); 7 people on their own wait at G too.
        let mut s = paused_caravan(&["O", "G", "B"], &["Guatemala", "Guatemala", "Mexico"], true);
        s.prefill = vec![(PlaceId(1), 7)];
        s.movement.default_movechance = 0.0;
        let inst = s.institutions.as_mut().expect("institutions");
        if booth {
            inst.offices.push(Office { kind: OfficeKind::Iom, place: PlaceId(1), source: String::new() });
        }
        inst.params.set(Param::IomActive, 1.0);
        inst.params.set(Param::IomBaseDaily, 1.0);
        inst.params.set(Param::IomCaravanOnly, if caravan_only { 1.0 } else { 0.0 });
        s
    };
    assert_eq!(counter(&make(true, true), Counter::IomRegistered), 20, "members only");
    assert_eq!(counter(&make(true, false), Counter::IomRegistered), 27, "members and the 7 others");
    assert_eq!(counter(&make(false, true), Counter::IomRegistered), 0, "no booth, no registration");
}

/// Policy-researcher review of session 13: once IOM's budget was spent, booths still registered people,
/// who then waited for a return that never came, held in place to the end of the run.
#[test]
fn iom_registers_only_what_its_budget_pays_for_and_the_unfunded_carry_on() {
    let mut s = office_at_g(["Guatemala", "Guatemala", "Mexico"], true, OfficeKind::Iom);
    let inst = s.institutions.as_mut().expect("institutions");
    inst.params.set(Param::IomActive, 1.0);
    inst.params.set(Param::IomBaseDaily, 1.0);
    inst.params.set(Param::IomCaravanOnly, 0.0);
    // Five returns' worth: 27 people at G register on the first day, five go home, 22 lapse.
    inst.params.set(Param::IomCost, 100.0);
    inst.params.set(Param::IomBudget, 500.0);
    let mut sim = Simulation::new(&s, 1);
    for _ in 0..s.period.days {
        sim.step();
    }
    let sys = sim.institutions().expect("institutions");
    let count = |c: Counter| sys.counters[c as usize];
    assert_eq!(count(Counter::IomReturned), 5);
    assert_eq!(count(Counter::IomRegistered), 27, "the booth closed once the budget was committed");
    assert_eq!(count(Counter::IomUnfunded), 22);
    assert!(sys.agents.flags.iter().all(|f| f & iflags::HOLD_IOM == 0), "someone still waits for a return");
    let returned = sim.agents().status.iter().filter(|&&st| st == Status::ReturnedHome).count();
    assert_eq!(returned, 5);
}

/// Issue 3, point 3: holders of a humanitarian visa travel on (keeping their status) and are not
/// apprehended while the visa is valid, even at checkpoints that catch everyone else.
#[test]
fn issue3_visa_holders_travel_and_are_not_apprehended() {
    let mut s = demo();
    let inst = s.institutions.as_mut().expect("institutions");
    inst.params.policies.retain(|p| p.param != Param::VisaActive);
    for c in &mut inst.checkpoints {
        c.apprehension = 1.0;
    }
    inst.params.set(Param::CaravanFactor, 1.0);
    inst.params.set_all([(Param::VisaActive, 1.0), (Param::VisaPetitionDaily, 1.0), (Param::VisaCapacity, 1e6)]);
    let office = s.places.iter().position(|p| p.name == "Tapachula").expect("Tapachula") as u32;
    let mut was_holder: Vec<bool> = Vec::new();
    let (mut away, mut on_road) = (0u64, 0u64);
    run_checked(&s, |sim| {
        let a = sim.agents();
        was_holder.resize(a.len(), false);
        for (i, was) in was_holder.iter_mut().enumerate() {
            if *was {
                assert_ne!(a.status[i], Status::Detained, "visa holder {i} apprehended on day {}", sim.day());
            }
            let holder = a.status[i] == Status::HumanitarianVisa;
            if holder && a.link[i] != corridor::population::NONE {
                on_road += 1;
            } else if holder && a.place[i] != office {
                away += 1;
            }
            *was = holder;
        }
    });
    assert!(on_road > 0 && away > 0, "holders never left the office: {on_road} agent-days on roads, {away} elsewhere");
}

#[test]
fn summary_totals_are_people_but_accepted_caravans_are_caravans() {
    let s = worlds::caravan_2018().expect("caravan-2018 loads");
    let ppa = u64::from(s.people_per_agent);
    assert!(ppa > 1, "the test needs agents that stand for several people");
    let mut sim = Simulation::new(&s, s.seed);
    for _ in 0..s.period.days {
        sim.step();
    }
    let sys = sim.institutions().expect("institutions");
    let totals = &sys.summary()["totals"];
    let raw = |c: Counter| sys.counters[c as usize];
    let caravans = raw(Counter::ProgrammeCaravans);
    assert!(caravans > 0, "no caravan accepted the programme: the test would prove nothing");
    assert!(caravans <= s.caravans.len() as u64);
    assert_eq!(totals["programme"]["caravans_accepted"], caravans);
    for &c in Counter::ALL.iter().filter(|c| c.counts_agents()) {
        assert_eq!(totals[c.institution()][c.event()], raw(c) * ppa, "{}.{}", c.institution(), c.event());
    }
}

/// Policy-researcher review of session 13: the April 2018 caravan formed in Tapachula, and the US
/// deported its members there, to Mexico. A caravan's `home` is where deportations and returns take
/// its members.
#[test]
fn a_caravan_formed_on_the_way_sends_its_members_home_not_to_where_it_formed() {
    let mut s = paused_caravan(&["H", "T", "B"], &["Honduras", "Mexico", "Mexico"], false);
    s.caravans[0].origin = PlaceId(1);
    s.caravans[0].itinerary = vec![PlaceId(2)];
    s.caravans[0].home = Some(PlaceId(0));
    let mut sim = Simulation::new(&s, 1);
    sim.step();
    let agents = sim.agents();
    assert_eq!(agents.len(), 20);
    assert!(agents.origin.iter().all(|&o| o == 0), "members' home is H");
    assert!(agents.place.iter().all(|&p| p != 0), "they set out from T, not from H");
}

/// `Status::ends_journey` (the report charts these statuses apart, as running totals): no agent ever
/// leaves one.
#[test]
fn no_agent_leaves_a_status_that_ends_its_journey() {
    let s = demo();
    let mut ended: Vec<Option<Status>> = Vec::new();
    let mut seen = 0;
    run_checked(&s, |sim| {
        let a = sim.agents();
        ended.resize(a.len(), None);
        for (i, end) in ended.iter_mut().enumerate() {
            match *end {
                Some(st) => assert_eq!(a.status[i], st, "agent {i} left {} on day {}", st.name(), sim.day()),
                None if a.status[i].ends_journey() => {
                    *end = Some(a.status[i]);
                    seen += 1;
                }
                None => {}
            }
        }
    });
    assert!(seen > 100, "too few journeys ended to test: {seen}");
}

#[test]
fn caravan_members_and_others_choose_to_cross_on_arrival_with_their_own_chances() {
    use corridor::institutions::Counter;
    let make = |others: f64, members: f64| {
        let mut s = paused_caravan(&["A", "P", "US"], &["Guatemala", "Mexico", "United States"], false);
        s.caravans[0].itinerary = vec![PlaceId(1)];
        s.places[1].kind = PlaceKind::BorderCity;
        s.places[2].kind = PlaceKind::Destination;
        s.prefill = vec![(PlaceId(1), 7)];
        s.movement.default_movechance = 0.0;
        let inst = s.institutions.as_mut().expect("institutions");
        inst.ports.push(Port::between("P", PlaceId(1), PlaceId(2)));
        inst.params.set(Param::CrossOnArrival, others);
        inst.params.set(Param::CrossOnArrivalCaravan, members);
        inst.params.set(Param::CrossDaily, 0.0);
        inst.params.set(Param::CrossGrowth, 0.0);
        s
    };
    assert_eq!(counter(&make(1.0, 0.0), Counter::CrossAttempts), 7, "only the 7 who are not members");
    assert_eq!(counter(&make(0.0, 1.0), Counter::CrossAttempts), 20, "only the 20 members");
}

/// Review of session 21: caravan members' arrivals were told from where they stood at the end of each
/// day, so a member deported home "arrived" there and one reaching a place and going on to end the day
/// on a road did not; and 10 people caught at a cordon short of Arriaga on the April caravan's first
/// day counted as arriving at Arriaga. Members' arrivals are now the engine's (never more than
/// everyone's, place by place and day by day), and a person stopped at a checkpoint arrives there.
#[test]
fn caravan_members_arrive_as_everyone_does_and_the_stopped_arrive_at_their_checkpoint() {
    let s = worlds::caravan_2018().expect("caravan-2018 loads");
    let places = s.places.len();
    let at = |name: &str| s.places.iter().position(|p| p.name == name).expect("a place of the scenario");
    let (arriaga, home) = (at("Arriaga"), at("San Pedro Sula"));
    let mut sim = Simulation::new(&s, 1);
    let mut members_home = 0;
    for day in 0..s.period.days {
        let obs = sim.step();
        for p in 0..places {
            let members: u64 = (0..s.caravans.len()).map(|c| obs.caravan_arrivals[c * places + p]).sum();
            assert!(
                members <= obs.arrivals[p],
                "day {day}, {}: {members} members of {}",
                s.places[p].name,
                obs.arrivals[p]
            );
            if p == home {
                members_home += members;
            }
        }
        if day == 0 {
            // The April caravan's first day: nobody was at or beyond Arriaga before it.
            let beyond: u64 = (0..Status::COUNT).map(|st| obs.counts[arriaga * Status::COUNT + st]).sum();
            assert_eq!(obs.arrivals[arriaga], beyond, "arrivals at Arriaga on day 0 are the people there");
            assert!(obs.arrivals.iter().sum::<u64>() > obs.arrivals[arriaga], "the apprehended arrive at their cordon");
        }
    }
    assert_eq!(members_home, 0, "deported members do not arrive home: San Pedro Sula is where autumn caravans set out");
}

/// Review of session 21: a road's hazards met only those whose day ended on it; most travel days end
/// in a town, so the calibrated scale stood over an artefact (at 30% death a day on every Mexican
/// road, 57% of travellers lived). Every day's travel now meets the hazards of the last road it took:
/// with hazards certain on every road touching Mexico, nobody who travels ends a day alive at a
/// Mexican place (its status `at_place`), and everyone lost is recorded at a place, not on a road.
#[test]
fn every_days_travel_meets_the_hazards_of_its_road() {
    let mut s = worlds::caravan_2018().expect("caravan-2018 loads");
    s.period.days = 60;
    s.people_per_agent = 20;
    s.institutions.as_mut().expect("institutions").params.set(Param::HazardScale, 1e9);
    let places = s.places.len();
    let mexican: Vec<usize> = (0..places).filter(|&p| s.places[p].country == "Mexico").collect();
    let mut sim = Simulation::new(&s, 1);
    let mut dead = 0;
    for day in 0..s.period.days {
        let obs = sim.step();
        for &p in &mexican {
            let alive_there = obs.counts[p * Status::COUNT + Status::AtPlace as usize];
            assert_eq!(alive_there, 0, "day {day}: travellers alive at {}", s.places[p].name);
        }
        dead = (0..places).map(|p| obs.counts[p * Status::COUNT + Status::DeadOrMissing as usize]).sum::<u64>();
    }
    assert!(dead > 1000, "{dead} agents lost on the roads");
    let a = sim.agents();
    for i in (0..a.len()).filter(|&i| a.status[i] == Status::DeadOrMissing) {
        assert_eq!(a.link[i], corridor::population::NONE, "agent {i} is lost at a place, not on a road");
    }
}
