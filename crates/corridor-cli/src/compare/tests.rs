//! Tests of compare's command: the terminal table, its notes, and what a side keeps.

use super::*;
use corridor_report::counted::Counted;

#[test]
fn differences_that_round_to_nothing_have_no_sign() {
    assert_eq!([-0.32, 0.4, -0.5, 12.2, -3.0].map(signed), ["0", "0", "-1", "+12", "-3"]);
}

/// Policy researcher's review of session 24: in caravan-2018 turn-backs at the ports lead to most
/// crossings between ports, through a calibrated chance compare.html did not name.
#[test]
fn turn_backs_are_named_where_a_port_turns_people_back() {
    let caravan = corridor::worlds::caravan_2018().expect("caravan-2018");
    assert!(turn_backs(&caravan), "caravan-2018 turns people back");
    let demo = corridor::worlds::demo().expect("demo");
    assert!(!turn_backs(&demo), "no institutions, no turn-backs");
    // Metering off everywhere: no one is turned back, whatever the chance.
    let mut off = caravan.clone();
    let inst = off.institutions.as_mut().unwrap();
    inst.params.policies.retain(|q| q.param != corridor::policy::Param::MeteringActive);
    inst.params.set(corridor::policy::Param::MeteringActive, 0.0);
    for k in 0..inst.ports.len() as u32 {
        inst.params.set_at_port(k, corridor::policy::Param::MeteringActive, 0.0);
    }
    assert!(!turn_backs(&off), "metering off at every port");
    let named =
        |t: bool| corridor_report::compare::limits(t, false).iter().any(|l| l.contains("metering.turn_back_chance"));
    assert!(named(true) && !named(false));
    // What metering off means, only where the change touches metering (planner's review of
    // session 32: it stood in every comparison).
    assert_ne!(metering(&caravan), metering(&off));
    // Sides of other periods but the same metering are not told of it (final review of session 33).
    let mut longer = caravan.clone();
    longer.period.days += 30;
    let side = |s: &Scenario| corridor_report::compare::Side {
        metering: metering(s),
        start: s.period.start,
        ..side(s, None, Vec::new())
    };
    assert!(!corridor_report::compare::metering_differs(&side(&caravan), &side(&longer)));
    // ... nor of another start, the policies dated alike (final review 2 of session 33).
    let mut earlier = caravan.clone();
    for _ in 0..7 {
        earlier.period.start = earlier.period.start.pred_opt().unwrap();
    }
    earlier.period.days += 7;
    for p in earlier.institutions.as_mut().unwrap().params.policies.iter_mut() {
        p.from_day += 7;
        p.to_day = p.to_day.map(|t| t + 7);
    }
    assert!(!corridor_report::compare::metering_differs(&side(&caravan), &side(&earlier)));
    assert!(corridor_report::compare::metering_differs(&side(&caravan), &side(&off)));
    let said =
        |changed: bool| corridor_report::compare::limits(false, changed).iter().any(|l| l.starts_with("Metering off"));
    assert!(said(true) && !said(false));
}

/// Session 24: the memory check counted a comparison's kept results as their two series a day,
/// a fifth of what a caravan-2018 run keeps (its waits by month of joining and key figures left
/// out): the count now covers every part of a kept run.
#[test]
fn the_memory_check_counts_all_a_kept_run_holds() {
    let s = corridor::worlds::caravan_2018().expect("caravan-2018");
    let run = run_replicates(&s, s.seed, 1, |_, rec| Replicate::of(&s, rec)).expect("a run").remove(0);
    let names: usize = run.figures.iter().map(|f| f.0.capacity()).sum();
    let figures = run.figures.capacity() * std::mem::size_of::<(String, f64)>() + names;
    let cohort_names: usize = run.cohorts.iter().map(|c| c.queue.capacity() + c.month.capacity()).sum();
    let cohorts = run.cohorts.capacity() * std::mem::size_of_val(&run.cohorts[0]) + cohort_names;
    let series = 8 * (run.waiting.capacity() + run.on_way.capacity());
    assert!(figures as u64 <= figures_kept_bytes(&s), "{} figures take {figures} bytes", run.figures.len());
    let held = (figures + cohorts + series) as u64;
    // Against the count before its peak factor (code review of session 24: after it, an under-count
    // of a fifth passed).
    let counted = crate::memory::kept_counted(&s, 2, figures_kept_bytes(&s));
    assert!(held <= counted, "a run holds {held} bytes, counted {counted}");
    assert!(cohorts as u64 > 16 * u64::from(s.period.days), "the waits outweigh the series: {cohorts}");
}

/// One side of `s` for the tests: `replicates` counted as `hasten` says.
fn side(s: &Scenario, hasten: Option<u64>, replicates: Vec<Replicate>) -> Side {
    Side {
        label: "x".into(),
        start: s.period.start,
        waiting_at: "camps",
        replicates,
        seeds: "1".into(),
        institutions: false,
        min_gap: 0.0,
        turn_backs: false,
        metering: Vec::new(),
        counted: Counted { hasten },
    }
}

/// Review of session 18's agents: under `hasten` the table compare prints named its figures in people
/// ("People created", "Peak people in camps") where compare.html says agents.
#[test]
fn the_terminal_table_names_figures_as_the_page_does() {
    let s = corridor::worlds::demo().unwrap();
    let side = |hasten: Option<u64>| {
        let figures = vec![("People created".into(), 50.0), ("Peak people in camps".into(), 30.0)];
        let one = Replicate { figures, waiting: Vec::new(), on_way: Vec::new(), cohorts: Vec::new() };
        side(&s, hasten, vec![one])
    };
    let agents = terminal_table(&rows(&side(Some(10)), &side(Some(10)), &s, &s));
    assert!(agents.contains("\nAgents created ") && agents.contains("\nPeak agents in camps "), "{agents}");
    assert!(!agents.contains("eople"), "{agents}");
    for (a, b) in [(None, None), (Some(10), None)] {
        let people = terminal_table(&rows(&side(a), &side(b), &s, &s));
        assert!(people.contains("\nPeople created ") && people.contains("\nPeak people in camps "), "{people}");
    }
}

/// Bad-input review of session 32: a median of 988.5 was printed 988 (half to even) beside a
/// difference rounded half away from zero; both round alike now.
#[test]
fn the_terminal_rounds_medians_as_it_rounds_differences() {
    let s = corridor::worlds::demo().unwrap();
    let runs = |values: &[f64]| {
        let one =
            |v: f64| Replicate { figures: vec![("F".into(), v)], waiting: vec![], on_way: vec![], cohorts: vec![] };
        side(&s, None, values.iter().map(|&v| one(v)).collect())
    };
    let table = terminal_table(&rows(&runs(&[988.0, 989.0]), &runs(&[988.0, 989.0]), &s, &s));
    let line = table.lines().find(|l| l.starts_with("F ")).expect("the figure's line");
    assert_eq!(line.split_whitespace().take(3).collect::<Vec<_>>(), ["F", "989", "989"], "{table}");
}

#[test]
fn the_notes_say_what_each_side_counts_when_they_differ() {
    let s = corridor::worlds::demo().unwrap();
    let side = |hasten: Option<u64>| side(&s, hasten, Vec::new());
    let given = vec!["a split".to_string()];
    assert_eq!(terminal_notes(&side(Some(10)), &side(Some(10)), &given), given);
    assert_eq!(terminal_notes(&side(None), &side(None), &given), given);
    for (a, b, said) in [
        (Some(10), None, "A counts agents, each standing for 10 people (FLEE's optimisations.hasten: 10); B counts people: "),
        (Some(5), Some(2), "A counts agents, each standing for 5 people (FLEE's optimisations.hasten: 5); B counts agents, each standing for 2 people"),
    ] {
        let notes = terminal_notes(&side(a), &side(b), &given);
        assert_eq!((notes.len(), notes[0].as_str()), (2, "a split"));
        assert!(notes[1].starts_with(said), "{notes:?}");
    }
}

#[test]
fn a_b_no_set_changed_says_why() {
    let given = vec!["seed=7".to_string()];
    let beaten = Sets::new(given.clone(), given.clone(), Vec::new(), Some(1));
    assert_eq!(unchanged(false, &beaten), "no --set changed A's scenario (seed=7 not applied: --seed wins)");
    let took = Sets::new(given.clone(), given.clone(), Vec::new(), None);
    assert_eq!(unchanged(false, &took), "no --set changed A's scenario (seed=7 changing nothing A's run reads)");
    let mut already = took.clone();
    already.mark_already();
    assert_eq!(unchanged(false, &already), "no --set changed A's scenario (seed=7 as the scenario has it already)");
    assert_eq!(unchanged(false, &Sets::default()), "B's scenario is A's");
    // Review 2 of session 18: B another file, which its sets made A's, is said as what happened.
    assert_eq!(unchanged(true, &took), "B's scenario with seed=7 is A's");
    assert_eq!(unchanged(true, &beaten), "B's scenario is A's (seed=7 not applied: --seed wins)");
    assert_eq!(unchanged(true, &Sets::default()), "B's scenario is A's");
}

#[test]
fn a_scenario_that_differs_only_in_its_description_is_run_once() {
    let a = corridor::worlds::demo().unwrap();
    let mut b = a.clone();
    b.description.push_str(", with move_rules.max_move_speed=200");
    assert!(same_scenario(&a, &a) && same_scenario(&a, &b));
    b.seed += 1;
    assert!(!same_scenario(&a, &b));
}
