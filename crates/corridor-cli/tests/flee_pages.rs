//! The pages and tables of a FLEE input folder end to end: the report's camps against their data with
//! the run's ARD, the camps' section in FLEE's terms, warnings said once, no stale validation files.

use crate::common;

use common::{corridor, s};

/// `corridor ARGS`, which must succeed: its standard output (`cmd::ok`).
fn ok(args: &[&str]) -> String {
    common::cmd::ok(common::command().args(args))
}

/// FLEE-user review of session 12: a FLEE folder's report had no camp against its data and no ARD,
/// though out.csv holds both. It now plots all camps and each camp, simulated and observed, with the
/// run's ARD: the one `validate` gives for the same seed.
#[test]
fn a_flee_report_plots_each_camp_against_its_data_with_the_ard() {
    let guard = common::tmp("flee-report");
    let dir = guard.path();
    let tiny = common::flee_reference("tiny_a2f");
    ok(&["run", s(&tiny), "--quiet", "--seed", "1", "--out", s(dir)]);
    let report = std::fs::read_to_string(dir.join("report.html")).unwrap();
    let out = std::fs::read_to_string(dir.join("out.csv")).unwrap();
    let camps = out.lines().next().unwrap().split(',').filter(|c| c.ends_with(" sim")).count();
    assert!(camps > 0);
    for k in 0..camps {
        assert!(dir.join(format!("plots/camp_{k}.svg")).is_file() && report.contains(&format!("camp_{k}.svg")));
    }
    assert!(!dir.join(format!("plots/camp_{camps}.svg")).exists());
    let ard = |text: &str, before: &str| -> String {
        let at = text.find(before).unwrap_or_else(|| panic!("{before} in {text}")) + before.len();
        text[at..].chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect()
    };
    let in_report = ard(&report, "this run&apos;s ARD ");
    let vguard = common::tmp("flee-report-validate");
    let vdir = vguard.path();
    let printed = ok(&["validate", s(&tiny), "--replicates", "1", "--seed", "1", "--out", s(vdir)]);
    assert_eq!(in_report, ard(&printed, "ARD median "), "{printed}");
}

/// User review: mali2012's report headed its camps "People at border cities and shelters" and said a
/// capacity turns no one away and only raises IOM's hardship, naming El Barretal, MPP and in absentia:
/// in FLEE's rules a camp's capacity steers movers away as it fills. The section says that instead.
#[test]
fn a_flee_reports_camps_table_says_capacity_shapes_movement_not_iom() {
    let guard = common::tmp("flee-camps-text");
    let dir = guard.path();
    ok(&["run", s(&common::flee_reference("mali2012")), "--quiet", "--out", s(dir)]);
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    // Agents: mali2012 sets `hasten: 10` (FLEE-user review of session 18).
    let at = html.find("<h2>Agents in camps</h2>").expect("the camps' table, headed as such");
    let section = &html[at..at + html[at..].find("<table>").expect("its table")];
    assert!(section.contains(corridor_report::places::CAMP_CAPACITY_SHAPES_MOVEMENT), "{section}");
    assert!(section.contains("movers avoid camps near or at capacity"), "{section}");
    assert!(!html.contains(corridor_report::places::SHELTER_RAISES_IOM_HARDSHIP), "the IOM sentence");
    for absent in ["IOM", "MPP", "absentia", "Barretal", "shelter", "border cit"] {
        assert!(!section.contains(absent), "`{absent}` in {section}");
    }
}

/// Review of session 21: summary.json said `people_per_agent: 1` for mali2012 (`hasten: 10`), where
/// the report says each agent stands for 10 people, and did not name `hasten`. It does now; the counts
/// stay those of agents, as FLEE's.
#[test]
fn a_flee_summary_names_hasten_beside_its_counts_of_agents() {
    let guard = common::tmp("flee-summary-hasten");
    let dir = guard.path();
    let summary = |folder: &str| {
        ok(&["run", s(&common::flee_reference(folder)), "--quiet", "--no-report", "--out", s(dir)]);
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap();
        (v["hasten"].as_u64(), v["people_per_agent"].as_u64(), v["people_created"] == v["agents_created"])
    };
    assert_eq!(summary("mali2012"), (Some(10), Some(1), true));
    assert_eq!(summary("tiny_a2f"), (Some(5), Some(1), true));
    ok(&["run", "demo", "--quiet", "--no-report", "--out", s(dir)]);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap();
    assert!(v.get("hasten").is_none(), "a corridor scenario has no hasten");
}

/// Review of session 12: `compare` (and `validate`) on a FLEE folder without `--set` did not show
/// the folder's warnings; with B = A they are shown once.
#[test]
fn compare_shows_a_flee_folders_warnings_once() {
    let guard = common::tmp("flee-warnings");
    let dir = guard.path();
    let tiny = common::flee_reference("tiny_a2f");
    common::copy_flee(&tiny, dir, None);
    // A column FLEE keeps and corridor does not read: a warning.
    let locations = dir.join("input_csv/locations.csv");
    let text = std::fs::read_to_string(&locations).unwrap();
    let noted: String =
        text.lines().enumerate().map(|(i, l)| format!("{l},{}\n", if i == 0 { "notes" } else { "x" })).collect();
    std::fs::write(&locations, noted).unwrap();
    let out = corridor(&["compare", s(dir), "--replicates", "1", "--out", s(&dir.join("cmp"))]);
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("column `notes`").count(), 1, "{stderr}");
}

/// User review: `validate --out D` on caravan-2018, then on a FLEE folder, left caravan-2018's places.csv
/// and waits_by_month_spread.csv in D beside the FLEE folder's validation.csv, as if they were its.
/// Every validate path removes the files it does not write (a file of the user's stays).
#[test]
fn validate_of_a_flee_folder_leaves_no_earlier_validations_places_or_waits() {
    let guard = common::tmp("validate-flee-stale");
    let dir = guard.path();
    ok(&["validate", "caravan-2018", "--replicates", "1", "--out", s(dir)]);
    for f in ["places.csv", "waits_by_month_spread.csv"] {
        assert!(dir.join(f).is_file(), "caravan-2018 writes {f}");
    }
    std::fs::write(dir.join("notes.csv"), "mine").unwrap();
    let tiny = common::flee_reference("tiny_a2f");
    ok(&["validate", s(&tiny), "--replicates", "1", "--out", s(dir)]);
    assert!(std::fs::read_to_string(dir.join("validation.csv")).unwrap().contains("ARD"));
    assert!(!dir.join("places.csv").exists(), "caravan-2018's places.csv beside a FLEE folder's validation");
    assert!(!dir.join("waits_by_month_spread.csv").exists(), "caravan-2018's waits beside a FLEE folder's validation");
    assert!(dir.join("notes.csv").is_file(), "a file corridor does not write");
    // Review of session 22: files of the headers before that session's added columns were left behind.
    std::fs::write(dir.join("places.csv"), "date,place,median,p5,p95,groups\n2018-11-01,Tijuana,1,1,1,\n").unwrap();
    let old_waits = "queue,joined_month,joined_median,joined_p5,joined_p95,admitted_median,admitted_p5,\
                     admitted_p95,left_median,left_p5,left_p95,waiting_at_end_median,waiting_at_end_p5,\
                     waiting_at_end_p95,wait_p50_days_median,wait_p50_days_p5,wait_p50_days_p95,wait_p90_days_median,\
                     wait_p90_days_p5,wait_p90_days_p95,runs_with_admitted,replicates\n";
    std::fs::write(dir.join("waits_by_month_spread.csv"), old_waits).unwrap();
    ok(&["validate", s(&tiny), "--replicates", "1", "--out", s(dir)]);
    for f in ["places.csv", "waits_by_month_spread.csv"] {
        assert!(!dir.join(f).exists(), "an earlier version's {f} left behind");
    }
}
