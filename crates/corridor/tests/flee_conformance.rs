//! Issue 5: corridor reproduces FLEE's results on FLEE's own scenarios. For every camp and day, the
//! mean over corridor's seeds must lie within FLEE's mean (over its five reference seeds, or over 61
//! FLEE seeds for mali2012: tests/data/README.md) give or take 3 standard errors of the difference + 5%
//! of FLEE's mean + 3 agents; totals must agree within 2%.

use crate::common;

use common::{flee_reference, record};
use corridor::flee::OutCsv;
use corridor::flee_dir::load_flee;
use corridor::scenario::CapacityCounts;

const OUR_SEEDS: u64 = 12;

fn mean_sd(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0);
    (m, v.sqrt())
}

/// FLEE's count at a camp on a day: (mean, sample standard deviation, runs).
type Stat = (f64, f64, f64);

/// FLEE's per-camp, per-day statistics from the folder's five reference runs.
fn five_reference_seeds(reference: &[OutCsv], camp: usize, day: usize) -> Stat {
    let f: Vec<f64> = reference.iter().map(|r| r.rows[day].camp_sim[camp] as f64).collect();
    let (m, s) = mean_sd(&f);
    (m, s, f.len() as f64)
}

/// FLEE's per-camp, per-day statistics over 61 FLEE runs of mali2012 (tests/data/README.md).
fn mali2012_61_seeds() -> std::collections::HashMap<(String, usize), Stat> {
    let text = include_str!("data/mali2012-flee-seeds-1-61.csv");
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    rows.records()
        .map(|r| {
            let r = r.expect("summary row");
            let num = |i: usize| r[i].parse::<f64>().expect("a number");
            ((r[1].to_string(), num(0) as usize), (num(3), num(4), num(2)))
        })
        .collect()
}

/// Which FLEE runs corridor is compared with.
#[derive(Clone, Copy, Debug)]
enum Flee {
    /// `out-seed1.csv` … `out-seed5.csv` of the reference folder.
    FiveSeeds,
    /// 61 FLEE seeds of mali2012, summarised in tests/data/.
    SixtyOneSeeds,
}

fn conformance(name: &str, counts: CapacityCounts) {
    conformance_against(name, counts, Flee::FiveSeeds);
}

fn conformance_against(name: &str, counts: CapacityCounts, against: Flee) {
    let dir = flee_reference(name);
    let (worst, at) = worst_camp_day(&dir, &dir, counts, against, true);
    assert!(worst <= 1.0, "{name} ({counts:?}, {against:?}): outside FLEE's spread: {at}");
}

/// The worst camp-day of corridor's runs of the FLEE folder `dir` against FLEE's runs of the reference
/// folder `reference_dir` (the same folder, or a reference folder `dir` is a changed copy of), as a
/// share of its tolerance, and where; with `totals`, every day's total agents must also agree within
/// 2% (a run of a changed copy need not).
fn worst_camp_day(
    dir: &std::path::Path,
    reference_dir: &std::path::Path,
    counts: CapacityCounts,
    against: Flee,
    totals: bool,
) -> (f64, String) {
    let name = reference_dir.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_string();
    let mut flee = load_flee(dir).expect("folder loads");
    flee.scenario.movement.capacity_counts = counts;
    let reference: Vec<OutCsv> = (1..=5)
        .map(|k| OutCsv::read(&reference_dir.join(format!("out-seed{k}.csv"))).expect("reference out.csv"))
        .collect();
    let pooled = matches!(against, Flee::SixtyOneSeeds).then(mali2012_61_seeds);
    let runs: Vec<_> = (1..=OUR_SEEDS).map(|seed| record(&flee.scenario, seed, 2)).collect();
    let days = flee.scenario.period.days as usize;
    assert_eq!(reference[0].rows.len(), days, "{name}: FLEE ran as many days as we do");
    let mut worst = (0.0f64, String::new());
    for (k, camp) in flee.camps.iter().enumerate() {
        let camp_name = &flee.scenario.place(*camp).name;
        assert_eq!(&reference[0].camps[k], camp_name, "{name}: camp order follows locations.csv");
        for day in 0..days {
            let (mf, sf, nf) = match &pooled {
                Some(stats) => stats[&(camp_name.clone(), day)],
                None => five_reference_seeds(&reference, k, day),
            };
            let o: Vec<f64> = runs.iter().map(|r| r.at_place(day, camp.index()) as f64).collect();
            let (mo, so) = mean_sd(&o);
            let se = (sf * sf / nf + so * so / o.len() as f64).sqrt();
            let tolerance = 3.0 * se + 0.05 * mf + 3.0;
            let ratio = (mo - mf).abs() / tolerance;
            if ratio > worst.0 {
                worst = (ratio, format!("{camp_name} day {day}: corridor {mo:.1} vs FLEE {mf:.1} ± {tolerance:.1}"));
            }
        }
    }
    if !totals {
        return worst;
    }
    let mut worst_total = 0.0f64;
    for day in 0..days {
        let f = reference[0].rows[day].total_agents as f64;
        for r in &runs {
            let o = r.agents[day] as f64;
            assert!((o - f).abs() <= 0.02 * f.max(1.0), "{name} day {day}: total {o} vs FLEE {f}");
            worst_total = worst_total.max((o - f).abs() / f.max(1.0));
        }
    }
    // Shown with `--nocapture`: how close the rules come to the limits (docs/flee-compat.md).
    eprintln!(
        "{name} ({counts:?}, against FLEE's {against:?}): worst camp-day at {:.2} of its tolerance ({}); largest daily total difference {:.2}%",
        worst.0,
        worst.1,
        100.0 * worst_total
    );
    worst
}

#[test]
fn tiny_a2f_matches_flee() {
    conformance("tiny_a2f", CapacityCounts::Snapshot);
}

#[test]
fn tiny_a2f_matches_flee_in_flee_order() {
    conformance("tiny_a2f", CapacityCounts::FleeOrder);
}

/// Against the five reference seeds mali2012 passes with corridor's seeds 1–12 (0.73 of its tolerance)
/// but not with 1–36 (1.11, Mangaize day 174: corridor 265.1 against FLEE's 227.6 ± 33.9; the same seeds
/// give 0.58 against 61 FLEE seeds): all five FLEE seeds fill Mangaize's last places late, and more of
/// corridor's runs pin its mean down below them (statistician's review of session 25: a test that fails
/// with more runs tests the luck of FLEE's five seeds). So it stays ignored (run with `--ignored`); the
/// tests against 61 FLEE seeds below are mali2012's conformance (docs/flee-compat.md (a)).
#[test]
#[ignore = "seed-sensitive: FLEE's five reference seeds jump late at Mangaize (docs/flee-compat.md (a))"]
fn mali2012_matches_flee() {
    conformance("mali2012", CapacityCounts::Snapshot);
}

/// As `mali2012_matches_flee`, in FLEE's order: 1.16 with seeds 1–36 (Mangaize day 175).
#[test]
#[ignore = "seed-sensitive: FLEE's five reference seeds jump late at Mangaize (docs/flee-compat.md (a))"]
fn mali2012_matches_flee_in_flee_order() {
    conformance("mali2012", CapacityCounts::FleeOrder);
}

/// Both capacity modes against 61 FLEE runs of mali2012 (tests/data/README.md).
#[test]
fn mali2012_matches_61_flee_seeds() {
    conformance_against("mali2012", CapacityCounts::Snapshot, Flee::SixtyOneSeeds);
}

#[test]
fn mali2012_matches_61_flee_seeds_in_flee_order() {
    conformance_against("mali2012", CapacityCounts::FleeOrder, Flee::SixtyOneSeeds);
}

/// FLEE's own error measure (ARD against the UNHCR series): corridor's median over seeds lies within
/// the range of FLEE's five reference runs, widened by 0.01.
#[test]
fn mali2012_ard_matches_flee() {
    let dir = flee_reference("mali2012");
    let flee = load_flee(&dir).expect("mali");
    let v = corridor::flee_validate::validate_flee(&dir, &flee, 1, OUR_SEEDS as u32, &|| {}).expect("validate");
    assert_eq!(v.reference.len(), 5, "five reference runs");
    let (lo, hi) = (v.check.observed.low, v.check.observed.high);
    assert!((0.35..0.361).contains(&lo) && (0.35..0.361).contains(&hi), "FLEE's ARD {lo}-{hi} (README: 0.350-0.361)");
    let m = v.check.spread.median;
    assert!(m >= lo - 0.01 && m <= hi + 0.01, "corridor's median ARD {m:.4} vs FLEE {lo:.4}-{hi:.4}");
}

/// FLEE-user review of session 12: `validate` took any out.csv or out-seed*.csv in the folder for a
/// FLEE run of the scenario (corridor's own out.csv, another scenario's run), and with none said
/// corridor was "within" an infinite range. A file of other camps or days, and an out.csv beside
/// corridor's own outputs, are left out and said why; with no FLEE run there is no range.
#[test]
fn validate_uses_only_flee_runs_of_this_scenario() {
    use corridor::flee_validate::validate_flee;
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let tiny = flee_reference("tiny_a2f");
    let copy = |from: &std::path::Path, to: &std::path::Path| {
        std::fs::create_dir_all(to).expect("mkdir");
        for e in std::fs::read_dir(from).expect("read") {
            let p = e.expect("entry").path();
            if p.is_file() {
                std::fs::copy(&p, to.join(p.file_name().expect("name"))).expect("copy");
            }
        }
    };
    for sub in ["input_csv", "source_data"] {
        copy(&tiny.join(sub), &dir.join(sub));
    }
    // Its settings too: FLEE's runs were made with them, and their observed columns depend on them.
    std::fs::copy(tiny.join("simsetting.yml"), dir.join("simsetting.yml")).expect("copy");
    let flee = load_flee(dir).expect("tiny loads");
    let none = validate_flee(dir, &flee, 1, 2, &|| {}).expect("validates");
    assert!(none.reference.is_empty() && none.left_out.is_empty());
    assert!(!none.check.within && none.check.observed.low.is_nan());
    let csv = corridor::validate::validation_csv(std::slice::from_ref(&none.check));
    assert!(csv.lines().nth(1).expect("a row").contains(",ard,check,,,"), "{csv}");
    // FLEE's own run, another scenario's, one cut short, and corridor's out.csv beside its outputs.
    let seed1 = std::fs::read_to_string(tiny.join("out-seed1.csv")).expect("tiny's FLEE run");
    std::fs::write(dir.join("out-seed1.csv"), &seed1).expect("write");
    let mali = flee_reference("mali2012").join("out-seed1.csv");
    std::fs::copy(mali, dir.join("out-seed2.csv")).expect("copy");
    let short: String = seed1.lines().take(3).map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.join("out-seed3.csv"), short).expect("write");
    std::fs::write(dir.join("out.csv"), &seed1).expect("write");
    for f in ["summary.json", "daily.csv"] {
        std::fs::write(dir.join(f), "").expect("write");
    }
    let v = validate_flee(dir, &flee, 1, 2, &|| {}).expect("validates");
    let used: Vec<_> = v.reference.iter().map(|(p, _)| p.file_name().expect("name").to_owned()).collect();
    assert_eq!(used, ["out-seed1.csv"], "{:?}", v.left_out);
    let why = v.left_out.join("\n");
    assert_eq!(v.left_out.len(), 3, "{why}");
    assert!(why.contains("out-seed2.csv: left out: not a run of this scenario: its camps are"), "{why}");
    assert!(why.contains("out-seed3.csv: left out: not a run of this scenario: 2 days"), "{why}");
    assert!(why.contains("out.csv: left out: beside corridor's summary.json"), "{why}");
    assert!(v.check.observed.low == v.reference[0].1 && v.check.observed.high == v.reference[0].1);
    // The folder given by its input folder: FLEE's runs beside it are found (final review of session
    // 33: `validate input_csv` found none).
    let by_input = validate_flee(&dir.join("input_csv"), &flee, 1, 2, &|| {}).expect("validates");
    assert_eq!(by_input.reference.len(), 1, "{:?}", by_input.left_out);
    // FLEE user's review of session 34: a run made before a series was edited was compared as if it
    // were of these inputs. Its observed columns are this folder's data, or it is left out.
    let header = seed1.lines().next().expect("a header");
    let col = header.split(',').position(|c| c.trim() == "F data").expect("an `F data` column");
    let edited: String = seed1
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut cells: Vec<String> = l.split(',').map(String::from).collect();
            if i == 5 {
                cells[col] = format!("{}", cells[col].trim().parse::<i64>().expect("a count") + 1);
            }
            cells.join(",") + "\n"
        })
        .collect();
    std::fs::write(dir.join("out-seed1.csv"), edited).expect("write");
    let stale = validate_flee(dir, &flee, 1, 2, &|| {}).expect("validates");
    assert!(stale.reference.is_empty(), "{:?}", stale.reference);
    let why = stale.left_out.join("\n");
    assert!(why.contains("out-seed1.csv: left out: not a run of these inputs: its `F data` on"), "{why}");
}

/// mali2012 with `from` replaced by `to` in its simsetting.yml: the worst camp-day against 61 FLEE
/// seeds of the unchanged folder, as a share of its tolerance, and where.
fn drifted_mali2012(from: &str, to: &str) -> (f64, String) {
    let reference = flee_reference("mali2012");
    let tmp = common::copy_flee_reference("mali2012", "drift");
    let path = tmp.path().join("simsetting.yml");
    let text = std::fs::read_to_string(&path).expect("simsetting.yml");
    assert!(text.contains(from), "mali2012's settings have no `{from}`");
    std::fs::write(&path, text.replace(from, to)).expect("write");
    worst_camp_day(tmp.path(), &reference, CapacityCounts::Snapshot, Flee::SixtyOneSeeds, false)
}

/// Changes of mali2012's settings (`from` written `to` in its simsetting.yml) the 61-seed test catches.
const CAUGHT_DRIFTS: [(&str, &str); 5] = [
    ("max_move_speed: 200.0", "max_move_speed: 180.0"),
    ("max_move_speed: 200.0", "max_move_speed: 220.0"),
    ("conflict_weight: 0.25", "conflict_weight: 0.5"),
    ("awareness_level: 1", "awareness_level: 2"),
    ("default_movechance: 0.3", "default_movechance: 0.4"),
];

/// The test fails if the rules drift (issue 5, point 2; statistician's review of session 25: what size
/// of drift does it catch?). Each of these changes of mali2012's settings, a tenth of the move speed
/// either way, conflict zones weighed twice, routes two hops deep, a third more movement from towns,
/// takes some camp-day past its tolerance against 61 FLEE seeds. Smaller ones may pass: see
/// `drift_ratios` and docs/flee-compat.md (a).
#[test]
fn the_61_seed_test_fails_when_mali2012s_rules_drift() {
    for (from, to) in CAUGHT_DRIFTS {
        let (worst, at) = drifted_mali2012(from, to);
        assert!(worst > 1.0, "`{to}` passes ({worst:.2} of the tolerance at {at}): the test would miss this drift");
    }
}

/// The share of its tolerance each drift of mali2012's settings reaches at its worst camp-day against
/// 61 FLEE seeds (`cargo test -p corridor --test integration flee_conformance::drift_ratios -- --ignored
/// --nocapture`): the figures docs/flee-compat.md (a) quotes.
#[test]
#[ignore = "prints the figures of docs/flee-compat.md (a); asserts nothing"]
fn drift_ratios() {
    for (from, to) in CAUGHT_DRIFTS.into_iter().chain([
        ("default_movechance: 0.3", "default_movechance: 0.33"),
        ("camp_weight: 5.0", "camp_weight: 4.0"),
        ("camp_weight: 5.0", "camp_weight: 6.0"),
        ("camp_movechance: 0.001", "camp_movechance: 0.005"),
        ("capacity_buffer: 0.75", "capacity_buffer: 0.7"),
    ]) {
        let (worst, at) = drifted_mali2012(from, to);
        println!("{to}: {worst:.2} ({at})");
    }
}
