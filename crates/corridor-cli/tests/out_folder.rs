//! The output folder: not the scenario's own folder (its inputs would be replaced), a file given as
//! one refused as a bad argument, one the system cannot create a failure of the run.

use crate::common;

use common::{corridor, flee_reference, repo, s, tmp};

/// Adversarial review of session 22: `run FOLDER --out FOLDER` wrote its outputs among the inputs, and
/// replaced a FLEE folder's out.csv from FLEE's own runs (a reference run for `validate`) without a
/// word; a scenario whose table was named like an output was overwritten by it. The scenario's own
/// folder is refused as --out (exit 2), as is a file.
#[test]
fn the_scenarios_own_folder_is_refused_as_out() {
    let guard = tmp("out-is-input");
    let flee = guard.path().join("tiny");
    common::copy_flee(&flee_reference("tiny_a2f"), &flee, None);
    let reference = "Day,Date\n0,2010-01-02\n";
    std::fs::write(flee.join("out.csv"), reference).unwrap();
    let o = corridor(&["run", s(&flee), "--quiet", "--out", s(&flee)]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("is a folder of the scenario") && err.contains("give --out another folder"), "{err}");
    assert_eq!(std::fs::read_to_string(flee.join("out.csv")).unwrap(), reference, "FLEE's out.csv kept");
    assert!(!flee.join("summary.json").exists());
    // The FLEE folder given by its input_csv folder (review of session 22: it got past the check).
    let o = corridor(&["run", s(&flee.join("input_csv")), "--quiet", "--out", s(&flee)]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(flee.join("out.csv")).unwrap(), reference, "FLEE's out.csv kept");
    // ... and by an input folder of another name, found as the loader finds it (read-through of
    // sessions 22-23: the guard went by the name `input_csv`).
    std::fs::rename(flee.join("input_csv"), flee.join("tables")).unwrap();
    let o = corridor(&["run", s(&flee.join("tables")), "--quiet", "--out", s(&flee)]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(flee.join("out.csv")).unwrap(), reference, "FLEE's out.csv kept");
    std::fs::rename(flee.join("tables"), flee.join("input_csv")).unwrap();
    // Bad-input review of session 32: its input and source_data folders took the outputs, and a series
    // file named like an output (daily.csv) was overwritten by it.
    for inputs in ["input_csv", "source_data"] {
        let o = corridor(&["run", s(&flee), "--quiet", "--out", s(&flee.join(inputs))]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{inputs}: {err}");
        assert!(
            err.contains("is a folder of the scenario") && !flee.join(inputs).join("summary.json").exists(),
            "{err}"
        );
    }
    let scenario = guard.path().join("s");
    assert!(corridor(&["export", "demo", s(&scenario)]).status.success());
    for (command, given) in [("validate", scenario.clone()), ("compare", scenario.join("scenario.toml"))] {
        let o = corridor(&[command, s(&given), "--replicates", "1", "--out", s(&scenario)]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{command}: {err}");
        assert!(err.contains("is a folder of the scenario"), "{command}: {err}");
    }
    // A scenario's tables in a folder below it: that folder is refused too.
    std::fs::create_dir(scenario.join("tables")).unwrap();
    for table in ["locations.csv", "routes.csv"] {
        std::fs::rename(scenario.join(table), scenario.join("tables").join(table)).unwrap();
    }
    let toml = std::fs::read_to_string(scenario.join("scenario.toml")).unwrap();
    let toml = toml
        .replace("= \"locations.csv\"", "= \"tables/locations.csv\"")
        .replace("= \"routes.csv\"", "= \"tables/routes.csv\"");
    std::fs::write(scenario.join("scenario.toml"), toml).unwrap();
    let o = corridor(&["run", s(&scenario), "--quiet", "--out", s(&scenario.join("tables"))]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    let file = guard.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = corridor(&["run", "demo", "--quiet", "--out", s(&file)]);
    assert_eq!(o.status.code(), Some(2), "a file for --out is a bad argument: {}", String::from_utf8_lossy(&o.stderr));
    // Bad-input hunt of session 30: a link to nowhere was "cannot create output folder: File exists".
    #[cfg(unix)]
    {
        let link = guard.path().join("dangling");
        std::os::unix::fs::symlink(guard.path().join("nowhere"), &link).unwrap();
        let o = corridor(&["run", "demo", "--quiet", "--out", s(&link)]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("/nowhere, which leads to no folder (give --out a folder)"), "{err}");
    }
}

/// An output folder the system cannot create (here under a file) is a failure of the run (exit 1);
/// a file given as the folder itself is a bad argument (exit 2, `the_scenarios_own_folder_is_refused_as_out`).
#[test]
fn an_unwritable_output_folder_exits_1() {
    let dir_guard = tmp("unwritable");
    let dir = dir_guard.path().to_path_buf();
    let file = dir.join("a-file");
    std::fs::write(&file, "x").expect("file");
    let demo = repo().join("scenarios/demo");
    let o = corridor(&["run", s(&demo), "--out", s(&file.join("sub")), "--quiet"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot create output folder"), "{err}");
}

/// Bad-input hunt of session 30: an output that cannot be written (a folder in its place) failed the
/// command, but `run` left daily.csv, outcomes.csv, queues.csv and a whole-looking summary.json while
/// saying none was written, and `validate` and `compare` left their first tables without a word.
/// Each now removes what it wrote and says so; what was there before it began stays.
#[test]
fn a_command_failing_part_way_removes_what_it_wrote() {
    let guard = tmp("failing-part-way");
    let demo = repo().join("scenarios/demo");
    let cases: [(&str, &[&str], &str); 3] = [
        ("run", &["run", s(&demo), "--quiet"], "arrivals.csv"),
        ("validate", &["validate", s(&demo), "--replicates", "2"], "places.csv"),
        ("compare", &["compare", s(&demo), "--set", "seed=3", "--replicates", "2"], "compare.json"),
    ];
    for (name, args, blocked) in cases {
        let out = guard.path().join(name);
        std::fs::create_dir_all(out.join(blocked)).unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let mut all = args.to_vec();
        all.extend_from_slice(&["--threads", "1", "--out", s(&out)]);
        let o = corridor(&all);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(&format!("{blocked}: cannot write")), "{name}: {err}");
        assert!(
            err.contains("removed: it was not a whole result") || err.contains("removed: they were not"),
            "{name}: {err}"
        );
        let mut left: Vec<String> =
            std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        let mut expected = [blocked, "notes.txt"];
        expected.sort();
        assert_eq!(left, expected, "{name}: only the blocker and the user's file are left");
    }
}

/// Diff reviews of session 35: a run refused for its `--threads` (after the folder checks) had removed
/// the earlier run's summary.json, then still created a new output folder. It touches nothing.
#[test]
fn issue_session_35_a_run_refused_for_its_threads_touches_nothing() {
    let dir = tmp("refused-threads");
    let out = dir.path().join("run");
    assert!(corridor(&["run", "demo", "--out", s(&out), "--quiet", "--no-report"]).status.success());
    let refused = corridor(&["run", "demo", "--out", s(&out), "--quiet", "--threads", "5000"]);
    assert_eq!(refused.status.code(), Some(2), "{}", String::from_utf8_lossy(&refused.stderr));
    assert!(out.join("summary.json").is_file(), "the earlier run is whole");
    let fresh = dir.path().join("fresh");
    let refused = corridor(&["run", "demo", "--out", s(&fresh), "--quiet", "--threads", "5000"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(!fresh.exists(), "no folder made");
}
