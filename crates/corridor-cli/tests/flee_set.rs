//! `--set KEY=VALUE` on a FLEE input folder: run, validate and compare change simsetting.yml's keys
//! as an edit of the file would, and errors name the file's own lines.

use crate::common;

use common::{copy_flee, corridor, flee_reference, repo, s, tmp};
use std::path::Path;

/// `corridor run DIR --set ...` into `out`: its out.csv, after checking it succeeded.
fn run_out_csv(dir: &Path, out: &Path, sets: &[&str]) -> String {
    let mut args = vec!["run", s(dir), "--quiet", "--no-report", "--out", s(out)];
    for set in sets {
        args.extend(["--set", set]);
    }
    let o = corridor(&args);
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(out.join("out.csv")).expect("out.csv")
}

/// The error of a refused `corridor run DIR --set ...`, after checking it exits with code 2.
fn refused(dir: &Path, set: &str) -> String {
    let out = tmp("refused");
    let o = corridor(&["run", s(dir), "--quiet", "--no-report", "--out", s(out.path()), "--set", set]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(2), "{set}: {err}");
    assert!(!out.path().join("out.csv").exists(), "no output from a refused run");
    err
}

/// The FLEE user's request: `--set move_rules.max_move_speed=…` on a FLEE folder without copying it
/// (it was refused: "--set needs a scenario.toml"). The run is the run of the folder whose file says
/// so, and summary.json records the override.
#[test]
fn a_set_move_rule_runs_as_the_edited_file_does() {
    let tiny = flee_reference("tiny_a2f");
    let (out, edited) = (tmp("speed"), tmp("speed-edited"));
    let plain = run_out_csv(&tiny, &out.path().join("plain"), &[]);
    let set = run_out_csv(&tiny, &out.path().join("set"), &["move_rules.max_move_speed=50"]);
    assert_ne!(set, plain, "a slower speed changes the camps' counts");
    copy_flee(&tiny, edited.path(), Some(&|t| format!("{t}move_rules:\n  max_move_speed: 50\n")));
    assert_eq!(set, run_out_csv(edited.path(), &out.path().join("edited"), &[]));
    let summary = std::fs::read_to_string(out.path().join("set/summary.json")).expect("summary.json");
    let summary: serde_json::Value = serde_json::from_str(&summary).expect("json");
    assert_eq!(summary["sets"], serde_json::json!(["move_rules.max_move_speed=50"]), "{summary}");
    let plain = std::fs::read_to_string(out.path().join("plain/summary.json")).expect("summary.json");
    let plain: serde_json::Value = serde_json::from_str(&plain).expect("json");
    assert_eq!((&plain["sets"], &plain["sets_applied"]), (&serde_json::json!([]), &serde_json::json!([])), "{plain}");
}

/// A key the file sets is replaced where it stands: an error in the value names the file's own line.
#[test]
fn a_set_key_the_file_has_keeps_its_line_in_errors() {
    let mali = flee_reference("mali2012");
    let text = std::fs::read_to_string(mali.join("simsetting.yml")).expect("simsetting.yml");
    let line = 1 + text.lines().position(|l| l.trim_start().starts_with("max_move_speed:")).expect("the key");
    let err = refused(&mali, "move_rules.max_move_speed=-1");
    assert!(err.contains(&format!("mali2012/simsetting.yml:{line}: field `move_rules.max_move_speed`")), "{err}");
    assert!(err.contains("move_rules.max_move_speed=-1") && !err.contains("rewritten"), "{err}");
}

/// A key FLEE does not read is the error the file gets, with its hint, told at the override with the
/// line of the section it goes in (newcomer's walkthrough, session 29: it was told at a line of the
/// settings as rewritten, `simsetting.yml:3` of tiny_a2f's file of two lines).
#[test]
fn an_unknown_set_key_is_refused_with_a_hint() {
    let mali = flee_reference("mali2012");
    let text = std::fs::read_to_string(mali.join("simsetting.yml")).expect("simsetting.yml");
    let line = 1 + text.lines().position(|l| l.starts_with("move_rules:")).expect("the section");
    let err = refused(&mali, "move_rules.max_move_sped=150");
    assert!(
        err.contains("override `move_rules.max_move_sped=150`: `move_rules`: unknown key `max_move_sped`"),
        "{err}"
    );
    assert!(err.contains("did you mean `max_move_speed`?"), "{err}");
    assert!(err.contains("; the key goes in `move_rules`, at "), "{err}");
    assert!(err.contains(&format!("mali2012/simsetting.yml:{line}")) && !err.contains("rewritten"), "{err}");
    let err = refused(&flee_reference("tiny_a2f"), "move_rules.max_move_speed=-1");
    assert!(err.contains("override `move_rules.max_move_speed=-1`: field `move_rules.max_move_speed`"), "{err}");
    assert!(err.contains("; not in ") && !err.contains("simsetting.yml:3"), "{err}");
    let err = refused(&flee_reference("tiny_a2f"), "optimisations.hasten.x=1");
    assert!(err.contains("`optimisations.hasten` is integer 5, not a mapping"), "{err}");
    assert!(err.contains("simsetting.yml:2)"), "the file's line of the value in the way: {err}");
}

/// Review of session 21 (bad input): a negative or NaN conflict_spawn_decay was taken, and the folder
/// then refused for want of a spawn weight, blaming conflicts.csv. The setting is the error, and NaN
/// or infinite movement powers are too.
#[test]
fn bad_decay_and_powers_are_refused_at_their_setting() {
    for set in ["spawn_rules.conflict_spawn_decay=[1.0, -0.5, 1.0]", "spawn_rules.conflict_spawn_decay=[.nan]"] {
        let err = refused(&flee_reference("mali2012"), set);
        assert!(
            err.contains("`spawn_rules.conflict_spawn_decay`: expected") && err.contains("finite numbers >= 0"),
            "{err}"
        );
        assert!(!err.contains("conflicts.csv"), "{err}");
    }
    let err = refused(&flee_reference("tiny_a2f"), "move_rules.weight_power=.nan");
    assert!(err.contains("move_rules.weight_power") && err.contains("must be a finite number"), "{err}");
}

/// A key the file lacks is added, in a section the file lacks too: mali2012 with
/// `corridor.capacity_counts=flee_order` writes the golden out.csv of the folder whose file has it.
#[test]
fn a_set_key_the_file_lacks_is_added() {
    let out = tmp("flee-order");
    let got = run_out_csv(&flee_reference("mali2012"), out.path(), &["corridor.capacity_counts=flee_order"]);
    let golden = repo().join("crates/corridor-cli/tests/golden/flee-mali2012-flee_order/out.csv");
    assert!(got == std::fs::read_to_string(golden).expect("golden out.csv"), "out.csv differs from the golden one");
}

/// A folder without simsetting.yml: the overrides make the whole file. tiny_a2f's file sets only
/// `optimisations.hasten: 5`, so its copy without the file, with that override, runs as tiny_a2f.
#[test]
fn a_folder_without_settings_takes_the_overrides_as_its_file() {
    let (dir, out) = (tmp("no-settings"), tmp("no-settings-out"));
    let tiny = flee_reference("tiny_a2f");
    copy_flee(&tiny, dir.path(), None);
    let want = run_out_csv(&tiny, &out.path().join("tiny"), &[]);
    assert_ne!(run_out_csv(dir.path(), &out.path().join("none"), &[]), want, "FLEE's defaults differ");
    assert_eq!(run_out_csv(dir.path(), &out.path().join("set"), &["optimisations.hasten=5"]), want);
    let err = refused(dir.path(), "optimisations.hasten=0");
    assert!(err.contains("simsetting.yml does not exist") && err.contains("at least 1"), "{err}");
}

/// `compare FLEE --set …` runs B with the override and lists it in compare.json; `validate` takes
/// `--set` too, says FLEE's reference runs are of the file's own settings, and records the sets in
/// validate.json.
#[test]
fn compare_and_validate_take_set_on_a_flee_folder() {
    let tiny = flee_reference("tiny_a2f");
    let out = tmp("compare");
    let set = "move_rules.max_move_speed=50";
    let o = corridor(&["compare", s(&tiny), "--set", set, "--replicates", "2", "--out", s(out.path())]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let what = std::fs::read_to_string(out.path().join("compare.json")).expect("compare.json");
    let what: serde_json::Value = serde_json::from_str(&what).expect("json");
    assert_eq!(what["b"]["sets"], serde_json::json!([set]), "{what}");
    assert!(!String::from_utf8_lossy(&o.stderr).contains("made no difference"), "{o:?}");
    let o = corridor(&["validate", s(&tiny), "--set", set, "--replicates", "2", "--out", s(out.path())]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("reference runs") && err.contains(set), "{err}");
    // What was validated is recorded beside validation.csv and named in the closing line (user review:
    // a changed scenario's folder could not be told from the file's own).
    let what = std::fs::read_to_string(out.path().join("validate.json")).expect("validate.json");
    let what: serde_json::Value = serde_json::from_str(&what).expect("json");
    assert_eq!(
        (what["sets"].clone(), what["sets_applied"].clone()),
        (serde_json::json!([set]), serde_json::json!([set]))
    );
    assert_eq!(what["replicates"], 2, "{what}");
    assert!(String::from_utf8_lossy(&o.stdout).contains(&format!("changed by --set {set}: ")), "{o:?}");
}

/// A tiny_a2f copy in `dir` with the town C2 made an IDP camp (given validation data, as FLEE asks of
/// every camp) and `closures` added to its closures.csv.
fn tiny_with_idp_camp(dir: &Path, closures: &str) {
    copy_flee(&flee_reference("tiny_a2f"), dir, Some(&|t| t));
    let locations = dir.join("input_csv/locations.csv");
    let text = std::fs::read_to_string(&locations).expect("locations.csv");
    let idp = text.replace(r#""C2","C","ABC",1.0,1.0,"town",0,"#, r#""C2","C","ABC",1.0,1.0,"idpcamp",0,"#);
    assert_ne!(idp, text, "tiny_a2f has the town C2");
    std::fs::write(&locations, idp).expect("written");
    let data = dir.join("source_data");
    std::fs::copy(data.join("F.csv"), data.join("C2.csv")).expect("copied");
    let layout = std::fs::read_to_string(data.join("data_layout.csv")).expect("layout");
    std::fs::write(data.join("data_layout.csv"), format!("{}\nC2,C2.csv\n", layout.trim_end())).expect("written");
    let closures_csv = dir.join("input_csv/closures.csv");
    let text = std::fs::read_to_string(&closures_csv).expect("closures.csv");
    std::fs::write(&closures_csv, format!("{text}{closures}")).expect("written");
}

/// out.csv's rows as cells (the header first).
fn rows(csv: &str) -> Vec<Vec<&str>> {
    csv.lines().map(|l| l.split(',').collect()).collect()
}

/// FLEE-user review, session 17: `log_levels.idp_totals: 1` makes FLEE's run.py end each out.csv row
/// with `total IDPs` (its `numIDPs`: the agents at IDP camps); corridor ignored it and wrote the
/// rows without. A tiny_a2f copy with one town made an IDP camp now gets FLEE's header and, each day,
/// that camp's own `sim` count in the column.
#[test]
fn idp_totals_adds_flees_total_idps_column() {
    let dir = tmp("idp-totals");
    tiny_with_idp_camp(dir.path(), "");
    let out = tmp("idp-totals-out");
    let plain = run_out_csv(dir.path(), out.path(), &[]);
    assert!(plain.lines().next().expect("header").ends_with(",refugee_debt"), "no column unless asked");
    let csv = run_out_csv(dir.path(), out.path(), &["log_levels.idp_totals=1"]);
    let rows = rows(&csv);
    let header = &rows[0];
    assert_eq!(header.last(), Some(&"total IDPs"));
    assert_eq!(header[2], "C2 sim", "IDP camps are camps of out.csv, in table order");
    let mut peak = 0;
    for cells in &rows[1..] {
        assert_eq!(cells.len(), header.len(), "{cells:?}");
        assert_eq!(cells.last(), Some(&cells[2]), "total IDPs is the IDP camp's count: {cells:?}");
        peak = peak.max(cells[2].parse::<u64>().expect("a count"));
    }
    assert!(peak > 0, "people reach the IDP camp");
}

/// Review of session 21: FLEE's `numIDPs` counts the places that are IDP camps that day, and a `camp`
/// closure makes an IDP camp a town, then a plain camp when it ends (FLEE's `close_camp`,
/// `open_camp(IDP=False)`); corridor's column went on counting it. Run on this folder (seed 20),
/// FLEE's own out.csv gave `total IDPs` equal to C2's count on days 0–3 and 0 from day 4 on.
#[test]
fn total_idps_follows_a_camp_closure_as_flee_does() {
    let dir = tmp("idp-closed");
    tiny_with_idp_camp(dir.path(), "camp,C2,C2,4,8\n");
    let out = tmp("idp-closed-out");
    let csv = run_out_csv(dir.path(), out.path(), &["log_levels.idp_totals=1"]);
    let rows = rows(&csv);
    assert_eq!((rows[0][2], *rows[0].last().expect("header")), ("C2 sim", "total IDPs"));
    for cells in &rows[1..] {
        let day: u32 = cells[0].parse().expect("a day");
        let (c2, idps) = (cells[2], *cells.last().expect("a row"));
        let expected = if day < 4 { c2 } else { "0" };
        assert_eq!(idps, expected, "day {day}: C2 is an IDP camp before day 4 only: {cells:?}");
    }
    let reached_later = rows[5..].iter().any(|cells| cells[2] != "0");
    assert!(reached_later, "people are at C2 after the closure, and not counted as IDPs");
}

/// FLEE-user review: `--set`s of keys corridor ignores left out.csv as it was, yet summary.json,
/// report.html ("Changed from the scenario … of the changed run"), compare.json and validate.json
/// recorded them as applied. They are listed apart, as ignored, and the run is not called changed.
#[test]
fn sets_corridor_ignores_are_recorded_as_ignored_not_applied() {
    let mali = flee_reference("mali2012");
    // (log_levels.agent: review of session 21, where run and validate called it a change and compare
    // did not; corridor writes no agents.out.)
    let ignored = [
        "move_rules.stay_close_to_home=true",
        "spawn_rules.conflict_driven_spawning.spawn_mode=constant",
        "log_levels.agent=1",
    ];
    let (plain, changed) = (tmp("plain"), tmp("ignored"));
    let plain_csv = run_out_csv(&mali, plain.path(), &[]);
    let mut args = vec!["run", s(&mali), "--quiet", "--out", s(changed.path())];
    for set in ignored {
        args.extend(["--set", set]);
    }
    let o = corridor(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(changed.path().join("out.csv")).unwrap(), plain_csv, "no effect");
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(changed.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["sets"], serde_json::json!(ignored), "{summary}");
    assert_eq!(summary["sets_applied"], serde_json::json!([]), "{summary}");
    assert_eq!(summary["sets_ignored"], serde_json::json!(ignored), "{summary}");
    let html = std::fs::read_to_string(changed.path().join("report.html")).unwrap();
    assert!(!html.contains("Changed from the scenario") && !html.contains("(changed)"), "not a changed run");
    assert!(html.contains(&format!("<b>Ignored by corridor:</b> {}", ignored.join(", "))), "ignored named");
    // compare's B and validate record them so too.
    let tiny = flee_reference("tiny_a2f");
    let out = tmp("compare-ignored");
    let (kept, dropped) = ("move_rules.max_move_speed=50", ignored[0]);
    let o =
        corridor(&["compare", s(&tiny), "--set", kept, "--set", dropped, "--replicates", "2", "--out", s(out.path())]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let what: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("compare.json")).unwrap()).unwrap();
    assert_eq!(what["b"]["sets_applied"], serde_json::json!([kept]), "{what}");
    assert_eq!(what["b"]["sets_ignored"], serde_json::json!([dropped]), "{what}");
    let page = std::fs::read_to_string(out.path().join("compare.html")).unwrap();
    assert!(page.contains(&format!("({dropped} ignored by corridor)")), "compare.html's B label");
    let o =
        corridor(&["validate", s(&tiny), "--set", kept, "--set", dropped, "--replicates", "2", "--out", s(out.path())]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let what: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("validate.json")).unwrap()).unwrap();
    assert_eq!(what["sets_applied"], serde_json::json!([kept]), "{what}");
    assert_eq!(what["sets_ignored"], serde_json::json!([dropped]), "{what}");
    // Its warning that FLEE's reference runs had other settings names the set that took effect only,
    // and is not given when every set was ignored (session 18's review: it named ignored ones).
    let stderr = String::from_utf8_lossy(&o.stderr);
    let other_settings = "the comparison below is with runs of other settings";
    assert!(stderr.contains(&format!("not with --set {kept}: {other_settings}")), "{stderr}");
    let o = corridor(&["validate", s(&tiny), "--set", dropped, "--replicates", "1", "--out", s(out.path())]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!String::from_utf8_lossy(&o.stderr).contains(other_settings), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Review of session 18: compare loads A, then B from A's files again with its sets, and printed
/// every warning of A's files twice. Each is said once; a warning of B's own sets still is.
#[test]
fn compare_says_a_warning_of_a_and_b_once() {
    let tiny = flee_reference("tiny_a2f");
    let dir = tmp("said-once");
    let folder = dir.path().join("tiny");
    copy_flee(
        &tiny,
        &folder,
        Some(&|t| format!("{t}move_rules:\n  stay_close_to_home: true\n  max_move_speed: 200\n")),
    );
    let out = dir.path().join("out");
    let o = corridor(&[
        "compare",
        s(&folder),
        "--set",
        "move_rules.max_move_speed=50",
        "--set",
        "move_rules.avoid_short_stints=true",
        "--replicates",
        "1",
        "--out",
        s(&out),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(stderr.matches("`move_rules.stay_close_to_home` is not implemented").count(), 1, "{stderr}");
    assert_eq!(stderr.matches("`move_rules.avoid_short_stints` is not implemented").count(), 1, "{stderr}");
}
