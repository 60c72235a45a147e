//! The `corridor` command as a user meets it: exit codes, error messages naming file and line, help,
//! and complete output files.

mod common;

use common::{corridor, flee_reference, repo, s, tmp};
use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn runs_a_scenario_and_writes_whole_outputs() {
    let out_guard = tmp("ok");
    let out = out_guard.path().to_path_buf();
    let demo = repo().join("scenarios/demo");
    let o = corridor(&["run", s(&demo), "--out", s(&out), "--quiet"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let daily = std::fs::read_to_string(out.join("daily.csv")).expect("daily.csv");
    assert!(daily.starts_with("date,place,status,count\n"));
    assert!(daily.lines().count() > 100);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).expect("summary")).expect("json");
    for key in
        ["scenario", "seed", "days", "agents_created", "agent_steps", "wall_seconds", "threads", "final_status_counts"]
    {
        assert!(summary.get(key).is_some(), "summary.json lacks {key}");
    }
    assert_eq!(summary["days"], 92);
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn bad_input_exits_2_naming_file_and_line() {
    let dir_guard = tmp("bad");
    let dir = dir_guard.path().to_path_buf();
    let demo = repo().join("scenarios/demo");
    for f in ["scenario.toml", "locations.csv"] {
        std::fs::copy(demo.join(f), dir.join(f)).expect("copy");
    }
    std::fs::write(
        dir.join("routes.csv"),
        "#name1,name2,distance\nSan Pedro Sula,Guatemala City,390\nTapachula,Atlantis,10\n",
    )
    .expect("routes");
    let out_guard = tmp("bad-out");
    let out = out_guard.path().to_path_buf();
    let o = corridor(&["run", s(&dir), "--out", s(&out), "--quiet"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("routes.csv:3:2: field `name2`: unknown place `Atlantis`"), "{err}");
    assert!(!out.join("daily.csv").exists(), "no output from a rejected scenario");

    let o = corridor(&["run", "/nonexistent/scenario.toml", "--quiet"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/scenario.toml"));
}

#[test]
fn help_lists_every_option() {
    let o = corridor(&["run", "--help"]);
    let text = String::from_utf8_lossy(&o.stdout);
    for opt in ["--out", "--seed", "--threads", "--quiet"] {
        assert!(text.contains(opt), "run --help lacks {opt}");
    }
    let o = corridor(&["bench", "--help"]);
    let text = String::from_utf8_lossy(&o.stdout);
    for opt in ["--agents", "--days", "--threads", "--json"] {
        assert!(text.contains(opt), "bench --help lacks {opt}");
    }
}

#[test]
fn bench_json_reports_throughput_and_memory() {
    let o = corridor(&["bench", "--agents", "20000", "--days", "5", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    for key in ["agents", "days", "threads", "agent_steps_per_second", "peak_rss_bytes"] {
        assert!(v.get(key).is_some(), "bench --json lacks {key}");
    }
    assert_eq!(v["agents"], 20000);
    assert!(v["agent_steps_per_second"].as_f64().unwrap_or(0.0) > 0.0);
    assert_eq!(v["workload"], "corridor");
}

/// Review of session 21: `bench --institutions --workload random-walk` ran the corridor workload and
/// said `"workload":"randomwalk"` (a spelling the option does not take).
#[test]
fn bench_says_the_workload_it_runs() {
    let o = corridor(&["bench", "--agents", "2000", "--days", "2", "--workload", "random-walk", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    assert_eq!((v["workload"].as_str(), v["agent_steps"].as_u64()), (Some("random-walk"), Some(4000)));
    let o = corridor(&["bench", "--agents", "2000", "--days", "2", "--institutions", "--workload", "random-walk"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("leave out --workload random-walk"));
}

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

#[test]
fn validate_a_flee_folder_reports_ard_beside_flee() {
    let dir = flee_reference("tiny_a2f");
    let out_guard = tmp("validate-flee");
    let out = out_guard.path().to_path_buf();
    let o = corridor(&["validate", s(&dir), "--replicates", "4", "--out", s(&out)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("FLEE reference") && text.contains("ARD median"), "{text}");
    let csv = std::fs::read_to_string(out.join("validation.csv")).expect("validation.csv");
    assert!(csv.lines().nth(1).is_some_and(|l| l.starts_with("\"ARD") || l.starts_with("ARD")), "{csv}");
}

/// Regression (issue 2, reproducibility): every output file of the default scenario, report and plots
/// included, is byte-identical on 1 and 2 threads, and from one run to the next (plotters' Histogram
/// once drew bars in HashMap order). summary.json differs only in the fields describing the run.
#[test]
fn issue2_every_output_is_identical_for_any_thread_count() {
    let guards: Vec<tempfile::TempDir> = ["t1", "t2", "t2-again"].iter().map(|t| tmp(&format!("repro-{t}"))).collect();
    let dirs: Vec<PathBuf> = guards.iter().map(|g| g.path().to_path_buf()).collect();
    for (dir, threads) in dirs.iter().zip(["1", "2", "2"]) {
        let o = corridor(&["run", "--quiet", "--threads", threads, "--out", s(dir)]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    fn files(dir: &Path, prefix: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, prefix, out);
            } else {
                out.push(p.strip_prefix(prefix).expect("prefix").to_path_buf());
            }
        }
    }
    let mut names = Vec::new();
    files(&dirs[0], &dirs[0], &mut names);
    names.sort();
    assert!(names.iter().any(|n| n.ends_with("report.html")) && names.len() > 6, "{names:?}");
    for other in &dirs[1..] {
        for name in &names {
            let (a, b) = (std::fs::read(dirs[0].join(name)).expect("a"), std::fs::read(other.join(name)).expect("b"));
            if name.ends_with("summary.json") {
                let strip = |bytes: &[u8]| {
                    let mut v: serde_json::Value = serde_json::from_slice(bytes).expect("json");
                    for k in ["wall_seconds", "threads", "agent_steps_per_second"] {
                        v.as_object_mut().expect("object").remove(k);
                    }
                    v
                };
                assert_eq!(strip(&a), strip(&b), "summary.json");
            } else {
                assert!(a == b, "{} differs between runs", name.display());
            }
        }
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
        let o = Command::new(env!("CARGO_BIN_EXE_corridor"))
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

/// Scenario-author review of session 13: with a file named `plots` in the output folder, a run wrote
/// its CSVs, failed at the plots and left them beside an earlier run's report. It now stops first.
#[test]
fn a_file_where_the_plots_go_stops_the_run_before_it_writes() {
    let dir = tmp("plots-file");
    std::fs::write(dir.path().join("plots"), "not a folder").unwrap();
    let o = corridor(&["run", "demo", "--quiet", "--out", s(dir.path())]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("plots is a file"), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!dir.path().join("daily.csv").exists(), "nothing written");
}

/// Planner review (session 14): the indices `--set` takes (`policy.16`, `caravan.2.pause.9`) were
/// listed nowhere, and a planner with the program alone had no copy of the built-in scenario to edit.
#[test]
fn entries_lists_set_names_and_export_writes_a_scenario_that_runs() {
    let out = corridor(&["entries"]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    let line = |key: &str| text.lines().find(|l| l.split_whitespace().next() == Some(key)).map(str::to_string);
    assert!(line("policy.16").is_some_and(|l| l.contains("`MPP at San Ysidro`: mpp.active at San Ysidro")), "{text}");
    assert!(line("caravan.2.pause.0").is_some_and(|l| l.contains("pause at ")), "{text}");
    assert!(line("port.0").is_some_and(|l| l.contains("`San Ysidro`: Tijuana")), "{text}");
    let dir = tmp("export");
    let into = dir.path().join("mine");
    let out = corridor(&["export", "caravan-2018", s(&into)]);
    assert!(out.status.success(), "{out:?}");
    for file in ["scenario.toml", "locations.csv", "routes.csv", "SOURCES.md"] {
        assert!(into.join(file).is_file(), "{file} not written");
    }
    let again = corridor(&["export", "caravan-2018", s(&into)]);
    assert_eq!(again.status.code(), Some(2), "overwrote an export: {again:?}");
    let runs = corridor(&["validate", s(&into), "--replicates", "1", "--out", s(&dir.path().join("v"))]);
    assert!(runs.status.success(), "{runs:?}");
    let unknown = corridor(&["run", "caravan2018"]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("nor a built-in scenario (built in: caravan-2018, demo)"));
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

/// User review: `compare` alone required `--out`, so documented commands such as `corridor compare
/// caravan-2018 --set 'policy[parameter=mpp.active].value=false' --replicates 2` exited 2. Like `run`
/// and `validate`, it writes to `out` without one.
#[test]
fn compare_without_out_writes_to_the_default_folder_as_run_does() {
    let cwd = tmp("compare-default-out");
    let o = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .current_dir(cwd.path())
        .args(["compare", "demo", "--set", "seed=7", "--replicates", "1"])
        .output()
        .expect("corridor runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in ["compare.csv", "compare.json", "compare.html"] {
        assert!(cwd.path().join("out").join(f).is_file(), "out/{f} not written");
    }
    let compare_csv = std::fs::read_to_string(cwd.path().join("out/compare.csv")).expect("compare.csv");
    assert!(compare_csv.starts_with("figure,a_median,"), "{compare_csv}");
    let o = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .current_dir(cwd.path())
        .args(["run", "demo", "--quiet", "--no-report"])
        .output()
        .expect("corridor runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(cwd.path().join("out/daily.csv").is_file(), "run's default folder is compare's");
    let after = std::fs::read_to_string(cwd.path().join("out/compare.csv")).expect("compare.csv kept");
    assert_eq!(after, compare_csv, "a run leaves compare's outputs alone");
}

/// User review: `run demo --set seed=7 --seed 1` ran seed 1 without a word, and summary.json listed
/// `seed=7` under `sets_applied`, which is said to reproduce the run. `--seed` still wins, in run,
/// validate and compare alike, but each says so on stderr, and the records list the overridden `--set`
/// as not applied.
#[test]
fn a_seed_that_overrides_a_set_seed_is_warned_of_and_not_recorded_as_applied() {
    let dir = tmp("seed-wins");
    let warning = "warning: --set seed=7 has no effect: --seed 1 wins over it";
    let sets = serde_json::json!(["caravan.0.size=300"]);
    let stderr = |command: &str, out: &Path, extra: &[&str]| {
        let mut args = vec![command, "demo", "--set", "seed=7", "--set", "caravan.0.size=300", "--seed", "1"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--out", s(out)]);
        let o = corridor(&args);
        assert!(o.status.success(), "{command}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let run = dir.path().join("run");
    assert!(stderr("run", &run, &["--quiet", "--no-report"]).contains(warning), "run");
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(run.join("summary.json")).expect("summary")).expect("json");
    assert_eq!(summary["seed"], 1);
    assert_eq!(summary["sets"], serde_json::json!(["seed=7", "caravan.0.size=300"]), "as given");
    assert_eq!(summary["sets_applied"], sets);
    assert_eq!(summary["sets_not_applied"], serde_json::json!(["seed=7"]));
    // The report's header names the set that took effect as the change and the beaten seed apart
    // (session 17's read-through: it was headed "Changed from the scenario: seed=7, …").
    let reported = dir.path().join("reported");
    assert!(stderr("run", &reported, &["--quiet"]).contains(warning), "run with its report");
    let page = std::fs::read_to_string(reported.join("report.html")).expect("report.html");
    let (head, _) = page.split_once("<h2>Key figures</h2>").expect("key figures");
    let (changed, apart) = head.split_once("<b>Not applied:</b>").expect("the beaten seed named apart");
    assert!(changed.contains("<b>Changed from the scenario:</b> caravan.0.size=300"), "{head}");
    assert!(!changed.contains("seed=7") && apart.contains("seed=7"), "{head}");
    // The demo has no observed figures to validate.
    let v = dir.path().join("validate");
    let o =
        corridor(&["validate", "caravan-2018", "--set", "seed=7", "--seed", "1", "--replicates", "1", "--out", s(&v)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains(warning), "validate");
    let what: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(v.join("validate.json")).expect("validate.json")).expect("json");
    assert_eq!(what["sets_applied"], serde_json::json!([]), "{what}");
    assert_eq!(what["sets_not_applied"], serde_json::json!(["seed=7"]), "{what}");
    let compare = dir.path().join("compare");
    let err = stderr("compare", &compare, &["--replicates", "1"]);
    assert!(err.contains(warning), "compare");
    let what: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(compare.join("compare.json")).expect("compare.json"))
            .expect("json");
    assert_eq!(what["b"]["seeds"], serde_json::json!([1, 1]));
    assert_eq!(what["b"]["sets_applied"], sets);
    assert_eq!(what["b"]["sets_not_applied"], serde_json::json!(["seed=7"]));
    // compare.html's B label names it as the report's header does (review of session 18: it was left out).
    let page = std::fs::read_to_string(compare.join("compare.html")).expect("compare.html");
    assert!(page.contains(" (seed=7 not applied: --seed wins)"), "{page}");
    // With it the only set, nothing changed: B is A run again, not a change that made no difference.
    let only =
        corridor(&["compare", "demo", "--set", "seed=7", "--seed", "1", "--replicates", "1", "--out", s(&compare)]);
    let only_err = String::from_utf8_lossy(&only.stderr);
    assert!(only.status.success(), "{only_err}");
    assert!(only_err.contains("B is A run again") && !only_err.contains("made no difference"), "{only_err}");
    assert!(!err.contains("B is A run again"), "{err}");
    let page = std::fs::read_to_string(compare.join("compare.html")).expect("compare.html");
    assert!(page.contains("B = demo (seed=7 not applied: --seed wins)"), "{page}");
    // The seed --seed gives anyway is no override lost, and no warning.
    let same = corridor(&["run", "demo", "--set", "seed=1", "--seed", "1", "--quiet", "--no-report", "--out", s(&run)]);
    assert!(!String::from_utf8_lossy(&same.stderr).contains("warning"), "{}", String::from_utf8_lossy(&same.stderr));
    let summary = std::fs::read_to_string(run.join("summary.json")).expect("summary");
    assert!(!summary.contains("sets_not_applied"), "{summary}");
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
