//! `corridor run`'s report against what the same run wrote: its word on a full US detention against
//! queues.csv's `us_detention` rows.

mod common;

use common::{corridor, repo, s, tmp};
use std::path::Path;

/// `corridor run ARGS --out OUT`, which must succeed.
fn run(args: &[&str], out: &Path) {
    let mut all = vec!["run"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", s(out)]);
    let done = corridor(&all);
    assert!(done.status.success(), "{all:?}: {}", String::from_utf8_lossy(&done.stderr));
}

/// Review of session 18: the report's "US detention was full" re-derived the engine's rule from the
/// people detained by country. Run with room for 30 and everyone screened detained, its statement is
/// what queues.csv's `us_detention` rows give: the days held reached 30, the first, and its count.
#[test]
fn us_detention_full_is_what_queues_csv_says() {
    let out = tmp("report-detention");
    let scenario = repo().join("scenarios/demo-institutions");
    let sets = [
        "--set",
        "institutions.screening.detain_share=1.0",
        "--set",
        "institutions.us_detention.capacity=30",
        "--set",
        "institutions.courts.detained_hearing_days=30",
    ];
    let mut args = vec![s(&scenario)];
    args.extend_from_slice(&sets);
    run(&args, out.path());
    let queues = std::fs::read_to_string(out.path().join("queues.csv")).unwrap();
    // (date, waiting) of us_detention on each day the 30 places were taken (one person per agent).
    let full: Vec<(&str, u64)> = queues
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|f| f[1] == "us_detention")
        .map(|f| (f[0], f[2].parse::<u64>().unwrap()))
        .filter(|&(_, held)| held >= 30)
        .collect();
    let days = queues.lines().filter(|l| l.contains(",us_detention,")).count();
    assert!(full.len() > 10 && full.len() < days, "full on some days, not all: {} of {days}", full.len());
    let (first, held) = full[0];
    let said = format!(
        "US detention was full on {} days from {first} ({held} held against a capacity of 30 that day)",
        full.len()
    );
    let html = std::fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(html.contains(&said), "{said} not in the report: {:?}", html.find("US detention was full"));
}
