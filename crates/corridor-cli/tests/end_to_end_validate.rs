//! The `corridor` binary end to end, `validate`: its table with a `within` column, each place per day,
//! and each queue's waits by month, which with one replicate are that run's own figures.

use crate::common;

use common::cmd::{ok, temp};
use common::command as corridor;
use std::collections::HashMap;

#[test]
fn validate_writes_a_table_with_a_within_column() {
    let dir = temp("validate");
    let out = ok(corridor().args(["validate", "demo", "--replicates", "3", "--out"]).arg(&dir));
    assert!(out.contains("Caravan in Mexico City"), "{out}");
    let csv = std::fs::read_to_string(dir.join("validation.csv")).unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().contains(",within,"));
    let row = lines.next().unwrap();
    assert!(row.contains(",true,") || row.contains(",false,"), "{row}");
    // Same replicates on one thread: the same table.
    let dir1 = temp("validate1");
    ok(corridor().args(["validate", "demo", "--replicates", "3", "--threads", "1", "--out"]).arg(&dir1));
    assert_eq!(csv, std::fs::read_to_string(dir1.join("validation.csv")).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&dir1).unwrap();
}

/// places.csv (planner review, session 14: no per-city, per-day figures with a range over runs):
/// with one replicate, its median is that run's count of people on the route at the place, and its
/// arrivals that run's arrivals.csv (planner's review of session 21: no range over runs for arrivals,
/// and only border cities and shelters listed). (One run never falls in two groups; the groups
/// column is tested on ten hand-made runs in `corridor::validate::places`.)
#[test]
fn validate_writes_each_place_per_day_and_one_run_gives_its_counts_and_arrivals() {
    let dir = temp("places");
    ok(corridor().args(["validate", "demo", "--replicates", "1", "--seed", "4", "--out"]).arg(&dir));
    let run = dir.join("run");
    ok(corridor().args(["run", "demo", "--seed", "4", "--no-report", "--quiet", "--out"]).arg(&run));
    let daily = std::fs::read_to_string(run.join("daily.csv")).unwrap();
    let mut on_route: HashMap<(String, String), f64> = HashMap::new();
    for line in daily.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if !["travelling", "deported", "returned_home", "dead_or_missing"].contains(&f[2]) {
            *on_route.entry((f[0].into(), f[1].into())).or_default() += f[3].parse::<f64>().unwrap();
        }
    }
    let arrivals_csv = std::fs::read_to_string(run.join("arrivals.csv")).unwrap();
    let mut arrivals: HashMap<(String, String), f64> = HashMap::new();
    for line in arrivals_csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        arrivals.insert((f[0].into(), f[1].into()), f[2].parse::<f64>().unwrap());
    }
    let places = std::fs::read_to_string(dir.join("places.csv")).unwrap();
    let mut rows = places.lines();
    assert_eq!(
        rows.next(),
        Some("date,place,median,p5,p95,groups,arrivals_median,arrivals_p5,arrivals_p95,shelter_capacity")
    );
    let (mut checked, mut arrived, mut listed) = (0, 0, std::collections::BTreeSet::new());
    for line in rows {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), 10, "{line}");
        let key = (f[0].to_string(), f[1].to_string());
        let want = on_route.get(&key).copied().unwrap_or(0.0);
        let number = |x: &&str| x.parse::<f64>().unwrap();
        assert_eq!(f[2..5].iter().map(number).collect::<Vec<_>>(), [want; 3], "{line}");
        let came = arrivals.get(&key).copied().unwrap_or(0.0);
        assert_eq!(f[6..9].iter().map(number).collect::<Vec<_>>(), [came; 3], "{line}");
        checked += usize::from(want > 0.0);
        arrived += usize::from(came > 0.0);
        listed.insert(f[1].to_string());
    }
    assert!(checked > 10 && arrived > 10, "too few non-zero rows to test: {checked}, {arrived}");
    // Every place but the origins: those of the exported locations.csv that are not an origin.
    let exported = dir.join("exported");
    ok(corridor().args(["export", "demo"]).arg(&exported));
    let locations = std::fs::read_to_string(exported.join("locations.csv")).unwrap();
    let not_origins: std::collections::BTreeSet<String> = locations
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|cells| cells[5] != "origin")
        .map(|cells| cells[0].to_string())
        .collect();
    assert_eq!(listed, not_origins);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Waits by month of joining (planner and journalist reviews, session 14; built in session 15): with
/// one replicate, validate's medians and count ranges (waits_by_month_spread.csv) are the run's own waits_by_month.csv values,
/// and a scenario without institutions leaves no earlier waits_by_month_spread.csv behind.
#[test]
fn validate_gives_each_queues_waits_by_month_and_one_run_gives_its_own_table() {
    let dir = temp("waits");
    ok(corridor().args(["validate", "caravan-2018", "--replicates", "1", "--seed", "3", "--out"]).arg(&dir));
    let run = dir.join("run");
    ok(corridor().args(["run", "caravan-2018", "--seed", "3", "--no-report", "--quiet", "--out"]).arg(&run));
    let own = std::fs::read_to_string(run.join("waits_by_month.csv")).unwrap();
    let over_runs = std::fs::read_to_string(dir.join("waits_by_month_spread.csv")).unwrap();
    let (mut own_rows, mut rows) = (own.lines(), over_runs.lines());
    assert_eq!(
        own_rows.next(),
        Some(
            "queue,joined_month,joined,admitted,left,waiting_at_end,wait_p50_days,wait_p90_days,still_waiting_p50_days"
        )
    );
    assert!(rows.next().is_some_and(|h| h.starts_with("queue,joined_month,joined_median,joined_p5,joined_p95,")));
    let (own_rows, rows): (Vec<&str>, Vec<&str>) = (own_rows.collect(), rows.collect());
    assert_eq!(own_rows.len(), rows.len());
    assert!(rows.len() > 50, "every list, COMAR, visas and IOM by month: {}", rows.len());
    for (mine, line) in own_rows.iter().zip(&rows) {
        let (m, f): (Vec<&str>, Vec<&str>) = (mine.split(',').collect(), line.split(',').collect());
        assert_eq!(m[..2], f[..2], "same queue and month, in the same order");
        // Counts over every run: the run's own value three times. Waits over the runs in which someone
        // was served (or still waits), here one run: its value as the median, and no range from a
        // single run (statistician's review of session 25).
        for (k, col) in [2, 3, 4, 5].into_iter().enumerate() {
            assert_eq!([f[2 + 3 * k], f[3 + 3 * k], f[4 + 3 * k]], [m[col]; 3], "column {col}: {mine} / {line}");
        }
        for (k, col) in [6, 7].into_iter().enumerate() {
            assert_eq!(
                [f[14 + 3 * k], f[15 + 3 * k], f[16 + 3 * k]],
                [m[col], "", ""],
                "column {col}: {mine} / {line}"
            );
        }
        assert_eq!(f[20], if m[6].is_empty() { "0" } else { "1" }, "{line}");
        assert_eq!([f[22], f[23], f[24]], [m[8], "", ""], "still waiting: {mine} / {line}");
        assert_eq!(f[25], if m[8].is_empty() { "0" } else { "1" }, "{line}");
        assert_eq!(m[8].is_empty(), m[5] == "0", "a wait so far exactly when someone is waiting: {mine}");
    }
    let still = own_rows.iter().filter(|r| !r.ends_with(',')).count();
    assert!(still > 10, "months with people waiting at the end: {still}");
    ok(corridor().args(["validate", "demo", "--replicates", "1", "--out"]).arg(&dir));
    assert!(!dir.join("waits_by_month_spread.csv").exists(), "a stale waits_by_month_spread.csv was left");
    std::fs::remove_dir_all(&dir).unwrap();
}
