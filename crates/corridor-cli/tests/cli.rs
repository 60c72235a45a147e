//! The `corridor` command as a user meets it: complete output files, exit codes, help, bench, the
//! same outputs on any thread count, entries and export, and seeds beside sets.

use crate::common;

use common::{corridor, flee_reference, repo, s, tmp};
use std::path::{Path, PathBuf};

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

/// Reproducibility audit of session 31: `--set institutions.iom.base_daily=0.01` on demo (no
/// institutions) was told it "changes nothing", and gave the run every institution at its default.
#[test]
fn a_set_that_brings_in_the_institutions_says_so() {
    let out = tmp("added-institutions");
    let demo = repo().join("scenarios/demo");
    let o = corridor(&[
        "run",
        s(&demo),
        "--set",
        "institutions.iom.base_daily=0.01",
        "--out",
        s(out.path()),
        "--quiet",
        "--no-report",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains(
            "warning: --set institutions.iom.base_daily=0.01 gives the scenario institutions, which it had none of"
        ),
        "{err}"
    );
    // iom.active is off by default: the value itself still changes nothing, and is said to.
    assert!(
        err.contains("--set institutions.iom.base_daily=0.01 changes nothing itself: iom.base_daily acts only while iom.active is on"),
        "{err}"
    );
    assert!(out.path().join("waits_by_month.csv").is_file(), "the run has institutions");
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

#[test]
fn validate_a_flee_folder_reports_ard_beside_flee() {
    let dir = flee_reference("tiny_a2f");
    let out_guard = tmp("validate-flee");
    let out = out_guard.path().to_path_buf();
    let o = corridor(&["validate", s(&dir), "--replicates", "4", "--out", s(&out)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("FLEE reference") && text.contains("ARD median"), "{text}");
    // What the ARD can show (statistician's review of session 25).
    assert!(text.contains("note: the ARD is one number over every camp and day"), "{text}");
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

/// User review: `compare` alone required `--out`, so documented commands such as `corridor compare
/// caravan-2018 --set 'policy[parameter=mpp.active].value=false' --replicates 2` exited 2. Like `run`
/// and `validate`, it writes to `out` without one.
#[test]
fn compare_without_out_writes_to_the_default_folder_as_run_does() {
    let cwd = tmp("compare-default-out");
    let o = common::command()
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
    let o = common::command()
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

/// Scale review of session 35: a failed write to stdout or stderr (`> /dev/full`) panicked, exit 101
/// with a backtrace. It ends the command with exit 1 and a line of error, no panic.
#[test]
fn issue_session_35_a_full_terminal_output_is_exit_1_not_a_panic() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let out = common::command().args(["entries", "demo"]).stdout(full()).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: could not write to the terminal's output"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // stderr full: no message can be read, but the exit is 1, not a panic's 101.
    let dir = tmp("full-stderr");
    let args = ["run", "demo", "--out", s(dir.path()), "--threads", "1"];
    let out = common::command().args(args).stderr(full()).output().expect("runs");
    assert_ne!(out.status.code(), Some(101));
}

/// Standards audit of session 35: `validate` refused a scenario without `[[observed]]` figures, and
/// with it the spreads over the runs (places.csv) a planner reads. It runs, and says nothing is checked.
#[test]
fn issue_session_35_validate_without_observed_figures_still_gives_the_spreads() {
    let dir = tmp("validate-unobserved");
    let scenario = dir.path().join("demo");
    assert!(corridor(&["export", "demo", s(&scenario)]).status.success());
    let toml = std::fs::read_to_string(scenario.join("scenario.toml")).expect("scenario.toml");
    let cut = toml.find("[[observed]]").expect("demo has an observed figure");
    std::fs::write(scenario.join("scenario.toml"), &toml[..cut]).expect("written");
    let out_dir = dir.path().join("out");
    let out = corridor(&["validate", s(&scenario), "--replicates", "2", "--threads", "1", "--out", s(&out_dir)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("demo: no [[observed]] figures to check"), "{stdout}");
    let places = std::fs::read_to_string(out_dir.join("places.csv")).expect("places.csv");
    assert!(places.lines().count() > 10, "{places}");
    let validation = std::fs::read_to_string(out_dir.join("validation.csv")).expect("validation.csv");
    assert_eq!(validation.lines().count(), 1, "a header only: {validation}");
}
