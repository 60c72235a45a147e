//! `compare` when B is A run again: said as what happened, on stderr and in compare.json.

use crate::common;

use common::{copy_flee, corridor, flee_reference, s, tmp};

fn reruns_of_a(out: &std::path::Path) -> serde_json::Value {
    let what = std::fs::read_to_string(out.join("compare.json")).expect("compare.json");
    let what: serde_json::Value = serde_json::from_str(&what).expect("json");
    what["b"]["runs_of_a"].clone()
}

/// Review 2 of session 18: `compare demo B --set …`, B another file whose sets made it A's, was said as
/// "no --set changed A's scenario"; compare.json did not say B was A run again.
#[test]
fn a_named_b_its_sets_made_a_is_said_so() {
    let dir = tmp("reruns");
    let b = dir.path().join("b");
    std::fs::create_dir_all(&b).unwrap();
    let demo = common::repo().join("scenarios/demo");
    for f in ["locations.csv", "routes.csv"] {
        std::fs::copy(demo.join(f), b.join(f)).unwrap();
    }
    let toml = std::fs::read_to_string(demo.join("scenario.toml")).unwrap();
    assert!(toml.contains("\nseed = 1\n"));
    std::fs::write(b.join("scenario.toml"), toml.replace("\nseed = 1\n", "\nseed = 2\n")).unwrap();
    let out = dir.path().join("out");
    let o = corridor(&["compare", s(&demo), s(&b), "--set", "seed=1", "--replicates", "1", "--out", s(&out)]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("warning: B's scenario with seed=1 is A's: B is A run again"), "{err}");
    assert!(!err.contains("no --set changed A's scenario"), "{err}");
    assert_eq!(reruns_of_a(&out), serde_json::json!(true));
    // A change: B's own runs.
    let o = corridor(&["compare", s(&demo), s(&b), "--replicates", "1", "--out", s(&out)]);
    assert!(o.status.success());
    assert_eq!(reruns_of_a(&out), serde_json::json!(false));
}

/// Review 2 of session 18: a FLEE set of the folder's own value appended ", with …" to the
/// description, so B was run again and "the change made no difference" was said of no change.
#[test]
fn a_flee_set_of_the_folders_own_value_runs_a_once() {
    let mali = flee_reference("mali2012");
    let settings = std::fs::read_to_string(mali.join("simsetting.yml")).unwrap();
    assert!(settings.contains("max_move_speed: 200"), "the folder's own value");
    let out = tmp("reruns-flee");
    let set = "move_rules.max_move_speed=200";
    let o = corridor(&["compare", s(&mali), "--set", set, "--replicates", "1", "--out", s(out.path())]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("made no difference"), "{err}");
    assert!(err.contains(&format!("no --set changed A's scenario ({set} as the scenario has it already)")), "{err}");
    assert!(err.contains("B is A run again"), "{err}");
    assert_eq!(reruns_of_a(out.path()), serde_json::json!(true));
}

/// Review of session 21: compare.html showed the 5–95% ranges of 4 runs with no word that so few say
/// little; only the terminal said it. The page says it too, under 5 replicates.
#[test]
fn few_replicates_are_said_on_the_page() {
    let out = tmp("few-replicates");
    for (replicates, said) in [("2", true), ("5", false)] {
        let o = corridor(&["compare", "demo", "--set", "seed=3", "--replicates", replicates, "--out", s(out.path())]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let page = std::fs::read_to_string(out.path().join("compare.html")).unwrap();
        assert_eq!(page.contains("replicate(s) each: the 5–95% ranges are of so few runs"), said, "{replicates}");
    }
}

/// Review of session 21: two sets of one key that together leave the scenario as it is
/// (`max_move_speed=150` then `=200`, the folder's own) were both called values it has already; the
/// first is overridden by the second.
#[test]
fn a_set_taken_back_by_a_later_one_is_overridden_not_already_so() {
    let mali = flee_reference("mali2012");
    let out = tmp("reruns-taken-back");
    let (first, last) = ("move_rules.max_move_speed=150", "move_rules.max_move_speed=200");
    let args = ["compare", s(&mali), "--set", first, "--set", last, "--replicates", "1", "--out", s(out.path())];
    let o = corridor(&args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let said = format!(
        "no --set changed A's scenario ({last} as the scenario has it already; {first} overridden by the other sets)"
    );
    assert!(err.contains(&said), "{err}");
    assert_eq!(reruns_of_a(out.path()), serde_json::json!(true));
}

/// Session 19 (the leftover of review 2 of session 18, fixed where the sets are worked out): a run
/// with a set of the folder's own value is the folder's own run: its description has no ", with …",
/// its report no "Changed from the scenario", and summary.json records the set as `sets_already`.
#[test]
fn a_run_with_a_set_of_the_folders_own_value_is_said_as_the_folders_own() {
    let mali = flee_reference("mali2012");
    let out = tmp("already-flee");
    let set = "move_rules.max_move_speed=200";
    let o = corridor(&["run", s(&mali), "--set", set, "--quiet", "--out", s(out.path())]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["sets_already"], serde_json::json!([set]), "{summary}");
    let report = std::fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(!report.contains("Changed from the scenario") && report.contains("<b>Already so:</b>"), "the header");
    assert!(!report.contains(", with move_rules"), "the description as the folder's own");
    // A set that changes a value is a change, as before.
    let o = corridor(&["run", s(&mali), "--set", "move_rules.max_move_speed=150", "--quiet", "--out", s(out.path())]);
    assert!(o.status.success());
    let report = std::fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(report.contains("Changed from the scenario") && !report.contains("<b>Already so:</b>"), "the header");
}

/// Review of session 19: the second load (without the sets) failed a command whose set mends a
/// file's bad value; a seed set equal to `--seed` was said as a change; a set beside one that takes
/// no effect was not seen as a value the scenario has already.
#[test]
fn sets_already_so_are_judged_with_the_command_s_seed_and_other_sets() {
    let out = tmp("already-mend");
    let bad = out.path().join("tiny");
    let tiny = flee_reference("tiny_a2f");
    copy_flee(&tiny, &bad, Some(&|_| "optimisations:\n  hasten: 0.5\n".into()));
    let o =
        corridor(&["run", s(&bad), "--set", "optimisations.hasten=5", "--quiet", "--out", s(&out.path().join("r"))]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary = |dir: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(out.path().join(dir).join("summary.json")).unwrap()).unwrap()
    };
    assert!(summary("r").get("sets_already").is_none(), "the set changed the file's value");
    // `--set seed=5 --seed 5`: the run is `--seed 5`'s own.
    let o = corridor(&["run", "demo", "--seed", "5", "--set", "seed=5", "--quiet", "--out", s(&out.path().join("d"))]);
    assert!(o.status.success());
    assert_eq!(summary("d")["sets_already"], serde_json::json!(["seed=5"]));
    // Beside a beaten seed set, a set of demo's own speed is still a value it has already.
    let o = corridor(&[
        "validate",
        "demo",
        "--seed",
        "5",
        "--set",
        "seed=3",
        "--set",
        "movement.max_move_speed=200",
        "--replicates",
        "2",
        "--out",
        s(&out.path().join("v")),
    ]);
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    assert!(said.contains("(--set movement.max_move_speed=200 as the scenario has it already)"), "{said}");
}

/// Session 19's leftover (review 2): sets were judged "already so" together, so a set of the folder's
/// own value beside one that changes a value was called a change too. Each is now judged alone.
#[test]
fn a_set_of_the_folders_own_value_beside_a_change_is_already_so() {
    let tiny = flee_reference("tiny_a2f");
    let out = tmp("already-each");
    // tiny_a2f keeps FLEE's default speed, 360 km a day; its camp weight becomes 7.
    let (own, change) = ("move_rules.max_move_speed=360", "move_rules.camp_weight=7");
    let o = corridor(&["run", s(&tiny), "--set", own, "--set", change, "--quiet", "--out", s(out.path())]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["sets_already"], serde_json::json!([own]), "{summary}");
    let report = std::fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(report.contains("<b>Changed from the scenario:</b> move_rules.camp_weight=7."), "the change");
    assert!(report.contains(&format!("<b>Already so:</b> {own}")), "the set of the folder's own value");
    assert!(report.contains("tiny_a2f, with move_rules.camp_weight=7<"), "the description names the change alone");
    // Review of session 20: a key corridor reads but does not implement changes nothing: ignored, and
    // the description names a set as `KEY=VALUE` however it was typed.
    let spaced = "move_rules.max_move_speed = 360";
    let unread = "spawn_rules.take_from_population=true";
    let t = out.path().join("t");
    let o = corridor(&[
        "run",
        s(&tiny),
        "--set",
        spaced,
        "--set",
        "move_rules.camp_weight = 7",
        "--set",
        unread,
        "--quiet",
        "--out",
        s(&t),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(t.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["sets_ignored"], serde_json::json!([unread]), "{summary}");
    assert_eq!(summary["sets_already"], serde_json::json!([spaced]), "{summary}");
    let report = std::fs::read_to_string(t.join("report.html")).unwrap();
    assert!(report.contains("tiny_a2f, with move_rules.camp_weight=7<"), "as KEY=VALUE");
    // Review 3 of session 20: with flood-driven spawning the key must be true (the folder does not load
    // otherwise, in FLEE as in corridor), so a set of it is a change there.
    let flood = out.path().join("flood");
    let settings = "spawn_rules:\n  take_from_population: false\n  conflict_zone_spawning_only: false\n  \
                    flood_zone_spawning_only: true\n  flood_driven_spawn_mode: {spawn_mode: pop_ratio}\n";
    copy_flee(&tiny, &flood, Some(&|_| settings.into()));
    let f = out.path().join("f");
    let o = corridor(&["run", s(&flood), "--set", unread, "--quiet", "--no-report", "--out", s(&f)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(f.join("summary.json")).unwrap()).unwrap();
    assert!(summary.get("sets_ignored").is_none(), "{summary}");
    assert_eq!(summary["sets_applied"], serde_json::json!([unread]), "{summary}");
    // Review of session 20: not a value another set forces (`use_v1_rules` forces a camp weight of 2),
    // nor one a later set of the same key overrides.
    let v1 = out.path().join("v1");
    copy_flee(&tiny, &v1, Some(&|_| "optimisations:\n  hasten: 5\nmove_rules:\n  use_v1_rules: True\n".into()));
    let sets = ["move_rules.use_v1_rules=False", "move_rules.camp_weight=2"];
    let o =
        corridor(&["run", s(&v1), "--set", sets[0], "--set", sets[1], "--quiet", "--out", s(&out.path().join("r"))]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("r/summary.json")).unwrap()).unwrap();
    assert!(summary.get("sets_already").is_none(), "{summary}");
    // A camp weight of 7, then the folder's own (FLEE's default, 1), beside a change of speed: the 7 is
    // overridden, the 1 already so, and the speed the change (review 2 of session 20: the 7 was called
    // a change).
    let three = ["move_rules.camp_weight=7", "move_rules.camp_weight=1", "move_rules.max_move_speed=300"];
    let mut args = vec!["run", s(&tiny), "--quiet", "--out"];
    let k = out.path().join("k");
    args.push(s(&k));
    for set in &three {
        args.extend(["--set", set]);
    }
    assert!(corridor(&args).status.success());
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(k.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["sets_overridden"], serde_json::json!([three[0]]), "{summary}");
    assert_eq!(summary["sets_already"], serde_json::json!([three[1]]), "{summary}");
    let report = std::fs::read_to_string(k.join("report.html")).unwrap();
    assert!(report.contains("<b>Changed from the scenario:</b> move_rules.max_move_speed=300."), "the change");
    assert!(report.contains(&format!("<b>Overridden:</b> {}", three[0])), "the overridden set");
}

/// Review 3 of session 20: a selector left as the change was described by the entries of a set set
/// apart as overridden too ("that is caravan.0.size=800 …, caravan.0.size=900 …").
#[test]
fn a_selector_is_described_without_the_sets_set_apart() {
    let out = tmp("overridden-selector");
    let (first, selector) = ("caravan.0.size=800", "caravan[home=San Pedro Sula].size=900");
    let o = corridor(&["run", "--set", first, "--set", selector, "--quiet", "--out", s(out.path())]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["sets_overridden"], serde_json::json!([first]), "{summary}");
    let report = std::fs::read_to_string(out.path().join("report.html")).unwrap();
    let (changed, apart) = report.split_once("<b>Overridden:</b>").expect("the overridden set named apart");
    let changed = changed.rsplit_once("<b>Changed from the scenario:</b>").expect("the change").1;
    assert!(changed.contains("that is caravan.0.size=900") && !changed.contains(first), "{changed}");
    assert!(apart.starts_with(&format!(" {first}")), "{apart}");
}

/// Adversarial review of session 22: `compare demo tiny_a2f` set figures of Oct–Dec 2018 against
/// figures of Jan–Mar 2010 without a word on it. Two periods are said, on the terminal and the page.
#[test]
fn compare_says_when_the_two_sides_run_other_periods() {
    let guard = tmp("other-periods");
    let out = guard.path().join("out");
    let tiny = flee_reference("tiny_a2f");
    let o = corridor(&["compare", "demo", s(&tiny), "--replicates", "1", "--out", s(&out)]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let said = "A runs 2018-10-01 to 2018-12-31 (92 days) and B 2010-01-01 to 2010-03-31 (90 days)";
    assert!(err.contains(said), "{err}");
    assert!(std::fs::read_to_string(out.join("compare.html")).unwrap().contains(said));
    let o = corridor(&["compare", "demo", "--set", "seed=5", "--replicates", "1", "--out", s(&out)]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("A runs"), "one period, no note");
}
