//! Tests of the metrics on hand-made recordings and of replicate runs (thread-independent).
use super::*;
use crate::scenario::{Caravan, ConflictChange, Makeup, Metric, PlaceId, PlaceKind};
use crate::time::Period;
use chrono::NaiveDate;

/// A recording of 2 places over 4 days with hand-set counts.
fn hand_recording() -> Recording {
    let info = RunInfo {
        scenario: "hand".into(),
        seed: 1,
        period: Period { start: NaiveDate::from_ymd_opt(2018, 1, 1).unwrap(), days: 4 },
        people_per_agent: 1,
        hasten: None,
        place_names: ["A".into(), "B".into()].into(),
        threads: 1,
    };
    let mut rec = Recording {
        info,
        days: 4,
        counts: StatusCounts::default(),
        arrivals: vec![0; 4 * 2],
        entries: vec![0; 4 * Status::COUNT],
        kinds: vec![PlaceKind::Town; 4 * 2],
        caravans: 0,
        caravan_counts: Vec::new(),
        caravan_arrivals: Vec::new(),
        queue_names: vec!["court".into(), "humanitarian_visa".into()],
        queue_rows: vec![QueueDay::default(); 4 * 2],
        queue_cohorts: Vec::new(),
        iom_spent_usd: None,
        totals: None,
        summary: None,
    };
    // The visa queue: 5 join on day 0; day 1: 3 admitted, 1 left, 4 join; day 2: 2 admitted; day 3: 6 join.
    for (d, (w, a, l)) in [(5, 0, 0), (5, 3, 1), (3, 2, 0), (9, 0, 0)].into_iter().enumerate() {
        rec.queue_rows[d * 2 + 1] = QueueDay { waiting: w, admitted: a, left: l, room: None };
    }
    for (d, w) in [800, 810, 805, 820].into_iter().enumerate() {
        rec.queue_rows[d * 2].waiting = w;
    }
    let mut counts = vec![0; 4 * 2 * Status::COUNT];
    let mut set = |d: usize, p: usize, s: Status, v: u64| {
        counts[(d * 2 + p) * Status::COUNT + s as usize] = v;
    };
    // At B: 10, 30, 20, 5 people at_place; plus 100 travelling on day 1 (not counted by default).
    for (d, v) in [10, 30, 20, 5].into_iter().enumerate() {
        set(d, 1, Status::AtPlace, v);
    }
    set(1, 1, Status::Travelling, 100);
    set(2, 0, Status::Waitlisted, 7);
    set(3, 0, Status::HumanitarianVisa, 2); // at A, on a road from A or not
    rec.counts = StatusCounts::from_dense(&counts, 1);
    rec.arrivals[2 + 1] = 4; // day 1, place B
    rec.arrivals[2 * 2 + 1] = 6; // day 2, place B
    rec.arrivals[2 * 2] = 50; // day 2, place A
    rec.entries[2 * Status::COUNT + Status::Waitlisted as usize] = 7;
    rec
}

fn figure(metric: &str, places: &[u32], statuses: &[&str], from: u32, to: u32) -> Observed {
    Observed {
        name: "x".into(),
        metric: Metric::parse(metric).expect("a metric"),
        places: places.iter().map(|p| PlaceId(*p)).collect(),
        statuses: statuses.iter().map(|s| s.to_string()).collect(),
        queues: Vec::new(),
        caravans: None,
        from_day: from,
        to_day: to,
        low: 0.0,
        high: 1.0,
        reported: None,
        role: crate::scenario::ObservedRole::Check,
        source: String::new(),
    }
}

#[test]
fn metrics_on_a_hand_series() {
    let r = hand_recording();
    assert_eq!(evaluate(&figure("peak_count", &[1], &[], 0, 3), &r), 30.0);
    assert_eq!(evaluate(&figure("peak_count", &[1], &[], 2, 3), &r), 20.0);
    assert_eq!(evaluate(&figure("mean_count", &[1], &[], 0, 3), &r), 16.25);
    assert_eq!(evaluate(&figure("end_count", &[1], &[], 0, 2), &r), 20.0);
    // Travelling counts only when asked for.
    assert_eq!(evaluate(&figure("peak_count", &[1], &["travelling"], 0, 3), &r), 100.0);
    // No places = every place: day 2 has 20 at B and 7 waitlisted at A.
    assert_eq!(evaluate(&figure("end_count", &[], &[], 2, 2), &r), 27.0);
    assert_eq!(evaluate(&figure("end_count", &[], &["waitlisted"], 2, 2), &r), 7.0);
    assert_eq!(evaluate(&figure("arrivals", &[1], &[], 0, 3), &r), 10.0);
    assert_eq!(evaluate(&figure("arrivals", &[], &[], 2, 2), &r), 56.0);
    assert_eq!(evaluate(&figure("entries", &[], &["waitlisted"], 0, 3), &r), 7.0);
    assert_eq!(evaluate(&figure("entries", &[], &["granted"], 0, 3), &r), 0.0);
}

#[test]
fn queue_metrics_on_a_hand_series() {
    let r = hand_recording();
    let q = |metric: &str, names: &[&str], from: u32, to: u32| {
        let mut o = figure(metric, &[], &[], from, to);
        o.queues = names.iter().map(|s| s.to_string()).collect();
        evaluate(&o, &r)
    };
    assert_eq!(q("end_count", &["court"], 0, 3), 820.0);
    assert_eq!(q("peak_count", &["court"], 0, 2), 810.0);
    assert_eq!(q("mean_count", &["court", "humanitarian_visa"], 0, 1), (805.0 + 815.0) / 2.0);
    assert_eq!(q("admitted", &["humanitarian_visa"], 0, 3), 5.0);
    assert_eq!(q("admitted", &["humanitarian_visa"], 2, 3), 2.0);
    // Joined: 5 + 4 + 0 + 6 over the run; 4 on day 1 alone; 6 on days 2-3.
    assert_eq!(q("joined", &["humanitarian_visa"], 0, 3), 15.0);
    assert_eq!(q("joined", &["humanitarian_visa"], 1, 1), 4.0);
    assert_eq!(q("joined", &["humanitarian_visa"], 2, 3), 6.0);
}

/// Robustness review of session 34: a detention queue's `admitted` are the people taken in, so
/// `joined` (admitted + left + the growth of those held) counted them twice (Siglo XXI took in 360,
/// and `joined` said 720).
#[test]
fn issue_session_34_joined_counts_a_detention_queues_intake_once() {
    let mut r = hand_recording();
    r.queue_names[1] = "detention:X".into();
    // 5 taken in on day 0, 3 on day 1 (1 deported), 2 deported on day 2.
    for (d, (w, a, l)) in [(5, 5, 0), (7, 3, 1), (5, 0, 2), (5, 0, 0)].into_iter().enumerate() {
        r.queue_rows[d * 2 + 1] = QueueDay { waiting: w, admitted: a, left: l, room: None };
    }
    let mut o = figure("joined", &[], &[], 0, 3);
    o.queues = vec!["detention:X".into()];
    assert_eq!(evaluate(&o, &r), 8.0);
    o.from_day = 1;
    assert_eq!(evaluate(&o, &r), 3.0);
}

#[test]
fn quantiles_interpolate() {
    let v = [4.0, 1.0, 3.0, 2.0, 5.0];
    assert_eq!(quantile(&v, 0.5), 3.0);
    assert_eq!(quantile(&v, 0.0), 1.0);
    assert_eq!(quantile(&v, 1.0), 5.0);
    assert_eq!(quantile(&v, 0.25), 2.0);
    assert!((quantile(&[1.0, 2.0], 0.05) - 1.05).abs() < 1e-12);
    assert!(quantile(&[], 0.5).is_nan());
    let s = Spread::of(&[10.0; 3]);
    assert_eq!((s.p5, s.median, s.p95), (10.0, 10.0, 10.0));
}

#[test]
fn within_uses_the_median() {
    let mut o = figure("peak_count", &[], &[], 0, 0);
    o.low = 10.0;
    o.high = 20.0;
    assert!(FigureCheck::new(&o, vec![0.0, 15.0, 100.0]).within);
    assert!(!FigureCheck::new(&o, vec![0.0, 5.0, 100.0]).within);
    assert_eq!(range_text(10.0, 20.0), "10–20");
    assert_eq!(range_text(300.0, f64::INFINITY), ">= 300");
}

fn caravan_line() -> Scenario {
    let mut s = crate::worlds::line_world(&["A", "B", "C", "D"], 50.0, 1);
    // Alone, people would cover 10 km a day: only the caravan can bring them to D on day 1.
    s.movement.max_move_speed = 10.0;
    s.caravans.push(Caravan {
        name: "c".into(),
        depart_day: 0,
        origin: PlaceId(0),
        home: None,
        people: 40,
        itinerary: vec![PlaceId(3)],
        goal: None,
        pauses: Vec::new(),
        speed_km_per_day: 100.0,
        straggle_rate: 0.0,
        splits: Vec::new(),
        joins: Vec::new(),
        makeup: Makeup::default(),
        source: String::new(),
    });
    s
}

#[test]
fn a_caravan_arrives_whole_at_its_destination() {
    // 150 km at 100 km/day: on the road after day 0, at D at the end of day 1, all 40 together.
    let s = caravan_line();
    let checks = run_replicates(&s, 1, 1, |_, rec| {
        (
            rec.count(1, 3, Status::AtPlace),
            (0..4).map(|p| rec.count(1, p, Status::Travelling)).sum::<u64>(),
            evaluate(&figure("arrivals", &[3], &[], 0, 9), rec),
        )
    })
    .unwrap();
    assert_eq!(checks, vec![(40, 0, 40.0)]);
}

#[test]
fn a_caravan_count_ignores_people_who_are_not_members() {
    // 7 people are at D from the start (not members); the 40 caravan members reach D on day 1.
    // Nobody leaves a town alone (move chance 0), so the non-members stay at D whatever the draws.
    let mut s = caravan_line();
    s.movement.default_movechance = 0.0;
    s.prefill.push((PlaceId(3), 7));
    let members = |metric: &str| {
        let mut o = figure(metric, &[3], &[], 0, 3);
        o.caravans = Some(vec![0]);
        o
    };
    let checks = run_replicates(&s, 1, 1, |_, rec| {
        (
            evaluate(&figure("end_count", &[3], &[], 0, 3), rec),
            evaluate(&members("end_count"), rec),
            evaluate(&members("arrivals"), rec),
            evaluate(&members("peak_count"), rec),
        )
    })
    .unwrap();
    let (gross, end, arrivals, peak) = checks[0];
    // The 7 count only in the gross count.
    assert_eq!(gross, 47.0, "the non-members at D");
    assert_eq!((end, arrivals, peak), (40.0, 40.0, 40.0));
    // Before the caravan comes (day 0) its count at D is 0 while the place holds non-members.
    let day0 = run_replicates(&s, 1, 1, |_, rec| {
        let mut o = members("end_count");
        o.to_day = 0;
        (evaluate(&figure("end_count", &[3], &[], 0, 0), rec), evaluate(&o, rec))
    })
    .unwrap();
    assert!(day0[0].0 > 0.0);
    assert_eq!(day0[0].1, 0.0);
}

#[test]
fn replicates_do_not_depend_on_threads() {
    let s = crate::worlds::demo().unwrap();
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| run_replicates(&s, 5, 3, |i, rec| (i, key_figures(&s, rec))).unwrap())
    };
    let one = run(1);
    assert_eq!(one, run(3));
    assert_eq!(one.iter().map(|x| x.0).collect::<Vec<_>>(), vec![0, 1, 2]);
    assert_ne!(one[0].1, one[1].1, "different seeds give different runs");
}

/// Session 30: validate ran hundreds of runs with no sign of progress; its callback, which the command
/// line's progress bar counts, is called once per run, from whichever thread ran it.
#[test]
fn validate_says_each_run_done() {
    let s = crate::worlds::demo().unwrap();
    let done = std::sync::atomic::AtomicU32::new(0);
    let tick = || {
        done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    pool.install(|| validate_over_runs(&s, 1, 5, &tick)).unwrap();
    assert_eq!(done.into_inner(), 5);
}

/// FLEE-user review of session 12: in a FLEE world every agent counted as "on the way", as camps and
/// conflict zones were taken for places passed through. At a camp, a conflict zone, an origin, a
/// border city or a destination, people are not on the way; at a town they are, and on a road anywhere.
/// Policy-researcher review of session 13: visa holders, who keep their status on a road, were not on
/// the way at a town either.
#[test]
fn people_at_camps_and_conflict_zones_are_not_on_the_way() {
    // At B: 10, 30, 20, 5 at_place; 100 travelling on day 1; at A: 2 visa holders on day 3.
    let mut rec = hand_recording();
    for (kind, at_b) in [
        (PlaceKind::Town, [10.0, 130.0, 20.0, 7.0]),
        (PlaceKind::Camp, [0.0, 100.0, 0.0, 2.0]),
        (PlaceKind::IdpCamp, [0.0, 100.0, 0.0, 2.0]),
        (PlaceKind::ConflictZone, [0.0, 100.0, 0.0, 2.0]),
        (PlaceKind::BorderCity, [0.0, 100.0, 0.0, 2.0]),
    ] {
        set_kinds(&mut rec, |_, p| if p == 1 { kind } else { PlaceKind::Town });
        assert_eq!(on_the_way(&rec), at_b, "{kind:?}");
    }
    set_kinds(&mut rec, |_, p| if p == 0 { PlaceKind::BorderCity } else { PlaceKind::Town });
    assert_eq!(on_the_way(&rec)[3], 5.0, "visa holders in a border city are not on the way");
}

/// Sets `rec`'s kind of each place on each day to `kind(day, place)`.
fn set_kinds(rec: &mut Recording, kind: impl Fn(u32, usize) -> PlaceKind) {
    let places = rec.places();
    rec.kinds = (0..rec.days).flat_map(|d| (0..places).map(move |p| (d, p))).map(|(d, p)| kind(d, p)).collect();
}

/// Review of session 21: on mali2012 the report's "people on the way" counted agents in Gao, Menaka
/// and the other conflict zones whose conflict begins after day 0 (a FLEE folder's such zone starts
/// as a town); and, in the review of that fix, people at a camp closed for a while (FLEE makes it a
/// town) were not on the way. A place is judged by the kind the run gave it that day.
#[test]
fn people_are_on_the_way_by_the_kind_of_their_place_that_day() {
    let mut rec = hand_recording();
    // B a conflict zone on day 2 only.
    set_kinds(&mut rec, |d, p| if (p, d) == (1, 2) { PlaceKind::ConflictZone } else { PlaceKind::Town });
    assert_eq!(on_the_way(&rec), [10.0, 130.0, 0.0, 7.0]);
    // B a camp closed on day 1 (a town that day), a conflict zone from day 3.
    set_kinds(&mut rec, |d, p| match (p, d) {
        (0, _) | (1, 1) => PlaceKind::Town,
        (1, 3) => PlaceKind::ConflictZone,
        _ => PlaceKind::Camp,
    });
    assert_eq!(on_the_way(&rec), [0.0, 130.0, 0.0, 2.0]);
}

/// Review of session 21: the kinds a run records are the engine's, after the day's conflicts and
/// closures: a town whose conflict begins on day 2 and a camp closed on days 1–2 (a town then).
#[test]
fn a_run_records_each_places_kind_after_the_days_conflicts_and_closures() {
    use crate::scenario::{Closure, ClosureTarget};
    let mut s = crate::worlds::line_world(&["A", "B", "C"], 10.0, 1);
    s.period.days = 5;
    s.places[1].kind = PlaceKind::Town;
    s.places[2].kind = PlaceKind::Camp;
    s.conflicts = vec![ConflictChange { day: 2, place: PlaceId(1), intensity: 1.0 }];
    s.closures = vec![Closure { target: ClosureTarget::Camp(PlaceId(2)), start: 1, end: Some(3) }];
    let kinds =
        run_replicates(&s, 1, 1, |_, rec| (0..rec.days).map(|d| (rec.kind(d, 1), rec.kind(d, 2))).collect::<Vec<_>>())
            .unwrap();
    let (t, c, z) = (PlaceKind::Town, PlaceKind::Camp, PlaceKind::ConflictZone);
    assert_eq!(kinds, [vec![(t, c), (t, t), (z, t), (z, c), (z, c)]]);
}

/// FLEE-user review of session 12: `compare` on a FLEE folder listed fourteen statuses of the asylum
/// system, all 0, and nothing of the camps. A world with camps gets their figures; one without
/// institutions only the three statuses its people can be in.
#[test]
fn key_figures_of_a_camp_world_are_its_camps() {
    let rec = hand_recording(); // at B: 10, 30, 20, 5 at_place
    let mut s = crate::worlds::line_world(&["A", "B"], 10.0, 1);
    s.places[1].kind = PlaceKind::Camp;
    let figures: std::collections::HashMap<String, f64> = key_figures(&s, &rec).into_iter().collect();
    assert_eq!(figures.get("Peak people in camps"), Some(&30.0));
    assert_eq!(figures.get("People in camps at the end"), Some(&5.0));
    assert_eq!(figures.get("People in B at the end"), Some(&5.0));
    assert!(figures.contains_key("People travelling at the end"));
    assert!(!figures.contains_key("People deported at the end"), "{figures:?}");
    s.institutions = Some(crate::scenario::institutions::Institutions::empty());
    let names: Vec<String> = key_figures(&s, &rec).into_iter().map(|f| f.0).collect();
    assert!(names.contains(&"People deported at the end".to_string()), "{names:?}");
}

/// Policy-researcher review of session 13: "People detained at the end" lumped Mexico's detention
/// centres with US detention, so doubling Mexican enforcement seemed to detain fewer people. The key
/// figures also give it by the country that holds them.
#[test]
fn detained_people_are_also_counted_by_the_country_that_holds_them() {
    use crate::scenario::institutions::{DetentionCentre, Institutions, Port};
    let mut rec = hand_recording();
    let mut counts = vec![0; 4 * 2 * Status::COUNT];
    counts[(3 * 2) * Status::COUNT + Status::Detained as usize] = 3; // at A on the last day
    counts[(3 * 2 + 1) * Status::COUNT + Status::Detained as usize] = 4; // at B
    rec.counts = StatusCounts::from_dense(&counts, 1);
    let mut s = crate::worlds::line_world(&["A", "B"], 10.0, 1);
    (s.places[0].country, s.places[1].country) = ("Mexico".into(), "United States".into());
    let mut inst = Institutions::empty();
    inst.detention.push(DetentionCentre { name: "d".into(), place: PlaceId(0), capacity: 10, source: String::new() });
    inst.ports.push(Port::between("p", PlaceId(0), PlaceId(1)));
    s.institutions = Some(inst);
    let figures: std::collections::HashMap<String, f64> = key_figures(&s, &rec).into_iter().collect();
    assert_eq!(figures.get("People detained at the end"), Some(&7.0));
    assert_eq!(figures.get("People detained in Mexico at the end"), Some(&3.0));
    assert_eq!(figures.get("People detained in United States at the end"), Some(&4.0));
    // Policy researcher's review of session 32: where a capacity limits a policy, the events it turned
    // away are figures too, from the run's totals.
    assert_eq!(figures.get("Apprehended in Mexico over the run"), None, "no totals recorded: no figure");
    let mut counts = vec![0; crate::institutions::Counter::COUNT];
    counts[crate::institutions::Counter::Apprehended as usize] = 9;
    counts[crate::institutions::Counter::ReleasedFull as usize] = 2;
    rec.totals = Some(crate::institutions::counters::Totals::of(&counts, 10));
    let figures: std::collections::HashMap<String, f64> = key_figures(&s, &rec).into_iter().collect();
    assert_eq!(figures.get("Apprehended in Mexico over the run"), Some(&90.0));
    assert_eq!(figures.get("Let go for want of room in detention in Mexico over the run"), Some(&20.0));
    assert_eq!(figures.get("Not returned under MPP for its daily limit over the run"), Some(&0.0));
}

/// The seeds a command names for its runs: first and last, wrapping past the largest seed as the
/// runs' own seeds do (`replicate_seed`).
#[test]
fn seed_range_names_the_first_and_last_runs_seeds() {
    assert_eq!(seed_range(1, 5), [1, 5]);
    assert_eq!(seed_range(7, 1), [7, 7]);
    assert_eq!(seed_range(u64::MAX, 3), [u64::MAX, 1]);
    assert_eq!(seed_range(4, 0), [4, 4], "no runs: no wrap below the first seed");
}

/// Review of session 21: validate's count of figures within their ranges mixed independent checks with
/// calibration targets and inputs read back. It now says each role's count apart, when there are roles.
#[test]
fn figures_within_are_counted_by_role() {
    use crate::scenario::ObservedRole;
    let check = |role: ObservedRole, value: f64| {
        let o = Observed { role, low: 10.0, high: 20.0, ..figure("end_count", &[0], &[], 0, 0) };
        FigureCheck::new(&o, vec![value])
    };
    let checks = [
        check(ObservedRole::Check, 15.0),
        check(ObservedRole::Check, 25.0),
        check(ObservedRole::Input, 15.0),
        check(ObservedRole::Calibrated, 5.0),
    ];
    assert_eq!(within_by_role(&checks), "1 of 2 checks, 0 of 1 calibration targets, 1 of 1 inputs read back");
    assert_eq!(within_by_role(&checks[..2]), "", "checks alone: the count of figures within says it");
    let csv = validation_csv(&checks);
    let roles: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').nth(2).unwrap_or("")).collect();
    assert_eq!(roles, ["check", "check", "input", "calibrated"]);
}

/// Code review of session 22: the metric was a string, and `evaluate` had an `unreachable!` for any
/// other than the seven a scenario may declare, which `flee_validate`'s own "ard" figure would have
/// reached. A `Metric` is one of the eight; ARD evaluates to NaN on a recording (it comes from out.csv).
#[test]
fn the_declared_metrics_parse_back_and_ard_is_not_declared() {
    for m in Metric::DECLARED {
        assert_eq!(Metric::parse(m.name()), Some(m));
    }
    assert_eq!(Metric::parse("ard"), None, "no scenario declares FLEE's ARD");
    let mut o = figure("arrivals", &[1], &[], 0, 3);
    o.metric = Metric::Ard;
    assert!(evaluate(&o, &hand_recording()).is_nan());
}

/// Statistician's review of session 25: the verdict reads the median alone; `runs_within` says how
/// many runs lie in the range, and validation.csv gives it beside `within`.
#[test]
fn the_share_of_runs_in_range_is_told_beside_the_verdict() {
    let mut o = figure("end_count", &[1], &[], 0, 3);
    (o.low, o.high) = (10.0, 20.0);
    let c = FigureCheck::new(&o, vec![5.0, 10.0, 12.0, 15.0, 20.0, 21.0, 30.0, 18.0]);
    assert!(c.within, "median 16.5");
    assert_eq!(c.runs_within(), Some(5.0 / 8.0), "10, 12, 15, 18 and 20 are in, bounds included");
    let csv = validation_csv(std::slice::from_ref(&c));
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    let col = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!((col("within"), col("runs_within")), ("true", "0.625"));
    let outside = FigureCheck::new(&o, vec![21.0, 22.0, 19.0]);
    assert_eq!((outside.within, outside.runs_within()), (false, Some(1.0 / 3.0)));
    o.low = f64::NAN;
    o.high = f64::NAN;
    assert_eq!(FigureCheck::new(&o, vec![1.0]).runs_within(), None, "no range, no share");
}
