//! The `corridor` command given awkward inputs: unreadable or misplaced files, FLEE folders found by
//! `.`, sets too long or replacing lists, runs past the limits; each an error naming file and line.

use crate::common;

use common::{corridor, flee_reference, repo, s, tmp};
use std::path::Path;

/// Review of session 21 (bad input): a FLEE folder's closures.csv, registration_corrections.csv or
/// simsetting.yml that was a folder or a link to nowhere was taken for an absent file (no closures,
/// FLEE's default settings) without a word. It is an error naming the file, as FLEE's open() fails.
#[cfg(unix)]
#[test]
fn a_flee_folders_optional_file_that_cannot_be_read_is_an_error() {
    for name in ["input_csv/closures.csv", "input_csv/registration_corrections.csv", "simsetting.yml"] {
        for broken in ["a folder", "a link to nowhere"] {
            let guard = tmp("unreadable-optional");
            let dir = guard.path().join("folder");
            common::copy_flee(&flee_reference("tiny_a2f"), &dir, Some(&|t| t));
            let path = dir.join(name);
            let _ = std::fs::remove_file(&path);
            if broken == "a folder" {
                std::fs::create_dir(&path).unwrap();
            } else {
                std::os::unix::fs::symlink(guard.path().join("nowhere"), &path).unwrap();
            }
            let out = guard.path().join("out");
            let o = corridor(&["run", s(&dir), "--quiet", "--no-report", "--out", s(&out)]);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{name} as {broken}: {err}");
            assert!(err.contains(&format!("{name}: cannot read")), "{name} as {broken}: {err}");
            assert!(!out.join("summary.json").exists());
        }
    }
}

/// Review of session 21 (bad input): a routes.csv cell `"Tapa\nchula"` printed its line end, so the
/// error `unknown place `Tapa…` ran onto a second line; messages keep to one line (scenario-format.md).
#[test]
fn an_error_quoting_a_value_with_a_line_end_stays_on_one_line() {
    let guard = tmp("one-line");
    let dir = guard.path().join("s");
    let o = corridor(&["export", "demo", s(&dir)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let routes = std::fs::read_to_string(dir.join("routes.csv")).unwrap();
    let first = routes.lines().nth(1).expect("a route").split(',').next().expect("name1").to_string();
    std::fs::write(dir.join("routes.csv"), routes.replacen(&first, "\"Tapa\nchula\"", 1)).unwrap();
    let o = corridor(&["run", s(&dir), "--quiet", "--out", s(&guard.path().join("out"))]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("unknown place `Tapa\\nchula`"), "{err}");
}

/// Review of session 21 (bad input): a scenario's locations.csv that was a folder was said to be
/// "not found next to the scenario"; it is the read's own failure, naming the path.
#[test]
fn a_scenario_table_that_is_a_folder_is_named_as_such() {
    let guard = tmp("table-folder");
    let dir = guard.path().join("s");
    assert!(corridor(&["export", "demo", s(&dir)]).status.success());
    std::fs::remove_file(dir.join("locations.csv")).unwrap();
    std::fs::create_dir(dir.join("locations.csv")).unwrap();
    let o = corridor(&["run", s(&dir), "--quiet", "--out", s(&guard.path().join("out"))]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("locations.csv): cannot read: Is a directory") && !err.contains("not found"), "{err}");
    // At the scenario.toml key naming it (adversarial review of session 22).
    assert!(err.contains("scenario.toml:") && err.contains("field `tables`"), "{err}");
}

/// Review of session 21 (FLEE user): a FLEE folder without closures.csv ran without a word, where
/// FLEE's run.py stops (FileNotFoundError, exit 1). It runs, with a warning saying so.
#[test]
fn a_flee_folder_without_closures_is_warned_of() {
    let guard = tmp("no-closures");
    let dir = guard.path().join("folder");
    common::copy_flee(&flee_reference("tiny_a2f"), &dir, Some(&|t| t));
    std::fs::remove_file(dir.join("input_csv/closures.csv")).unwrap();
    let o = corridor(&["run", s(&dir), "--no-report", "--out", s(&guard.path().join("out"))]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("closures.csv: no such file: FLEE's run.py opens it and stops"), "{err}");
}

/// Review of session 21 (bad input): a `--set` key of 20,000 parts overflowed the stack (exit 134).
/// Keys have at most 32 parts, for a scenario and a FLEE folder alike.
#[test]
fn a_set_key_of_thousands_of_parts_is_refused() {
    let key = format!("{}.b=1", vec!["a"; 20_000].join("."));
    let guard = tmp("deep-key");
    for scenario in [repo().join("scenarios/demo"), flee_reference("tiny_a2f")] {
        let o = corridor(&["run", s(&scenario), "--set", &key, "--quiet", "--out", s(guard.path())]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("a key of 20001 parts: at most 32"), "{err}");
    }
}

/// Review of session 21 (bad input): `--set caravan=5` (or `caravan={}`) wrote the value over the
/// file's `[[caravan]]` entries and reported the rewritten file's syntax error at a line of the user's
/// file. Such a set is refused as what it is; the built-in scenario's note stays a line of its own.
#[test]
fn a_set_replacing_a_list_of_entries_is_refused_as_such() {
    let guard = tmp("whole-list");
    for set in ["caravan=5", "caravan={}"] {
        let o = corridor(&["run", "demo", "--set", set, "--quiet", "--out", s(guard.path())]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{err}");
        assert!(lines[0].contains("`caravan` is a list of entries ([[caravan]] in the file)"), "{err}");
        assert!(lines[1].starts_with("note: ") && lines[1].contains("is the built-in scenario `demo`"), "{err}");
    }
}

/// Newcomer's walkthrough and review of session 29: `--set movement.max_move_sped=100` was told at a
/// line of the rewritten scenario; an error on a key the file lacks is told at the `--set`, with the
/// line of the table it goes in, and a selector's error says which entries it stood for.
#[test]
fn a_misspelt_set_key_is_told_at_the_set() {
    let guard = tmp("misspelt-set");
    let run = |set: &str| {
        let o = corridor(&["run", "--set", set, "--quiet", "--out", s(guard.path())]);
        assert_eq!(o.status.code(), Some(2));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let err = run("movement.max_move_sped=100");
    assert!(err.starts_with("error: override `movement.max_move_sped=100`: unknown field `max_move_sped`"), "{err}");
    assert!(err.contains("; the key goes in `movement`, at scenarios/caravan-2018/scenario.toml:"), "{err}");
    let err = run("policy[name=MPP at Calexico].valu=1");
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines[0].starts_with("note: --set policy[name=MPP at Calexico].valu=1 stands for `policy."), "{err}");
    assert!(lines[1].starts_with("error: override `policy.") && lines[1].contains("unknown field `valu`"), "{err}");
}

/// Issue 5 (found by fuzzing FLEE folders): beyond the limits a run can hold, every command stops
/// before it starts, with exit code 2 and the figure to change, and writes nothing.
#[test]
fn issue5_runs_beyond_the_limits_exit_2_before_starting() {
    let o = corridor(&["bench", "--agents", "5000000000", "--days", "2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--agents must be at most 4294967295"));
    let dir_guard = tmp("huge");
    let dir = dir_guard.path().to_path_buf();
    let demo = repo().join("scenarios/demo");
    for f in ["locations.csv", "routes.csv"] {
        std::fs::copy(demo.join(f), dir.join(f)).expect("copy");
    }
    let toml = std::fs::read_to_string(demo.join("scenario.toml")).expect("demo scenario");
    let huge = toml.replacen("people_per_day = ", "people_per_day = 1e12 # was ", 1);
    assert_ne!(huge, toml, "the demo has an inflow");
    std::fs::write(dir.join("scenario.toml"), huge).expect("write");
    let out_guard = tmp("huge-out");
    let out = out_guard.path().to_path_buf();
    for command in ["run", "validate"] {
        let o = corridor(&[command, s(&dir), "--out", s(&out)]);
        assert_eq!(o.status.code(), Some(2), "{command}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("field `people_per_day`") && err.contains("more than a run holds"), "{err}");
        assert!(!out.join("daily.csv").exists(), "no output from a refused run");
    }
}

/// FLEE-user review of session 13: `corridor run .` inside an input_csv folder looked for
/// `source_data` beside the current folder's empty parent and failed, and `.` named the scenario
/// "flee". Run from inside the folder, or from inside its input_csv, it is the same scenario.
#[test]
fn a_flee_folder_given_as_dot_is_found_and_named() {
    let tiny = flee_reference("tiny_a2f");
    let out = std::env::temp_dir().join(format!("corridor-dot-{}", std::process::id()));
    for (cwd, name) in [(tiny.clone(), "dot"), (tiny.join("input_csv"), "dot-input")] {
        let dir = out.join(name);
        let o = common::command()
            .current_dir(&cwd)
            .args(["run", ".", "--quiet", "--no-report", "--out"])
            .arg(&dir)
            .output()
            .expect("corridor runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let summary = std::fs::read_to_string(dir.join("summary.json")).unwrap();
        assert!(summary.contains("\"scenario\": \"tiny_a2f\""), "{summary}");
    }
    let (a, b) =
        (std::fs::read(out.join("dot/out.csv")).unwrap(), std::fs::read(out.join("dot-input/out.csv")).unwrap());
    assert_eq!(a, b);
    std::fs::remove_dir_all(&out).ok();
}

/// Planner review (session 14): a later date for one of a caravan's pauses left the pauses after it
/// dated for the old schedule, each then a day's stop, without a word. Each gets a warning under the
/// key `--set` would change; the built-in scenario as it is gets none.
#[test]
fn pauses_the_caravan_reaches_after_their_date_are_warned_of_by_key() {
    let dir = tmp("late-pauses");
    let run = |sets: &[&str]| {
        let mut args = vec!["run", "--no-report", "--quiet", "--out", s(dir.path())];
        args.extend_from_slice(sets);
        let out = corridor(&args);
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(!run(&[]).contains("warning"));
    let warned = run(&["--set", "caravan.2.pause.9.until=2018-11-23"]);
    assert!(
        warned
            .contains("warning: caravan.2.pause.10.until: caravan `Autumn caravan 1 (main)`: the pause at `Querétaro`"),
        "{warned}"
    );
    assert_eq!(warned.matches("warning: caravan.2.pause.").count(), 3, "{warned}");
}

/// User review: `corridor run scenarios/caravan-2018/locations.csv` (a table given as the scenario)
/// answered with a TOML error at the table's first line. It says the path is not a scenario, what one
/// is, and the scenario holding the table, with `--set` too.
#[test]
fn a_table_given_as_the_scenario_is_said_not_to_be_one() {
    let table = repo().join("scenarios/caravan-2018/locations.csv");
    let out = tmp("not-a-scenario");
    for sets in [&[][..], &["--set", "seed=2"][..]] {
        let mut args = vec!["run", s(&table), "--quiet", "--out", s(out.path())];
        args.extend_from_slice(sets);
        let o = corridor(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("locations.csv: not a scenario: a .csv file (the folder holding it, "), "{err}");
        assert!(err.contains("a scenario is a .toml file (scenario.toml), a folder holding a scenario.toml"), "{err}");
        assert!(!err.contains("key with no value"), "{err}");
        assert!(!out.path().join("daily.csv").exists(), "nothing written");
    }
}

/// User review: a UTF-8 byte order mark (Excel's "CSV UTF-8") at the start of a scenario's files was
/// reported to give "unknown column" and "key with no value" errors. Those came from the twelve
/// characters `\xef\xbb\xbf` (a shell's printf that does not read `\x`), not from a mark: a real one
/// is read past in the tables and in scenario.toml, on every path a `--set` takes (a value changed
/// in place, a key added, a selector), and the run is the one without it.
#[test]
fn a_byte_order_mark_at_the_start_of_a_scenarios_files_is_read_past() {
    let demo = repo().join("scenarios/demo");
    let marked = tmp("bom");
    for f in ["scenario.toml", "locations.csv", "routes.csv"] {
        let mut bytes = b"\xef\xbb\xbf".to_vec();
        bytes.extend(std::fs::read(demo.join(f)).expect("demo file"));
        std::fs::write(marked.path().join(f), bytes).expect("write");
    }
    let out = tmp("bom-out");
    let sets = [
        &[][..],
        &["--set", "seed=2"][..],
        &["--set", "movement.max_walk_speed=20"][..],
        &["--set", "caravan[name=Demo caravan].size=900"][..],
    ];
    for sets in sets {
        let daily = |scenario: &Path, name: &str| {
            let dir = out.path().join(name);
            let mut args = vec!["run", s(scenario), "--quiet", "--no-report", "--out", s(&dir)];
            args.extend_from_slice(sets);
            let o = corridor(&args);
            assert!(o.status.success(), "{sets:?}: {}", String::from_utf8_lossy(&o.stderr));
            std::fs::read(dir.join("daily.csv")).expect("daily.csv")
        };
        assert!(daily(marked.path(), "marked") == daily(&demo, "plain"), "{sets:?}: another run");
    }
}

/// Bad-input review of session 32: a folder holding both a scenario.toml and FLEE's input_csv/ ran
/// the scenario.toml and left the FLEE inputs unread without a word. It is said, with the path that
/// runs them; a scenario.toml that reads its tables from input_csv/ is not noted.
#[test]
fn a_folder_with_both_a_scenario_and_flee_inputs_says_which_runs() {
    let guard = tmp("toml-and-flee");
    let dir = guard.path().join("both");
    let o = corridor(&["export", "demo", s(&dir)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    common::copy_flee(&flee_reference("tiny_a2f"), &guard.path().join("flee"), Some(&|t| t));
    std::fs::rename(guard.path().join("flee/input_csv"), dir.join("input_csv")).unwrap();
    let run = |dir: &Path| corridor(&["run", s(dir), "--quiet", "--no-report", "--out", s(&guard.path().join("out"))]);
    let o = run(&dir);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let note = format!(
        "beside a scenario.toml that reads none of them: it runs as the scenario.toml; to run the FLEE inputs, give {}",
        dir.join("input_csv").display()
    );
    assert!(err.contains(&note), "{err}");
    // The scenario.toml reading its tables from input_csv/ runs them, with no note.
    for table in ["locations.csv", "routes.csv"] {
        std::fs::rename(dir.join(table), dir.join("input_csv").join(table)).unwrap();
    }
    let toml = std::fs::read_to_string(dir.join("scenario.toml")).unwrap();
    let toml = toml
        .replace("= \"locations.csv\"", "= \"input_csv/locations.csv\"")
        .replace("= \"routes.csv\"", "= \"input_csv/routes.csv\"");
    std::fs::write(dir.join("scenario.toml"), toml).unwrap();
    let o = run(&dir);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("reads none of them"), "{err}");
}
