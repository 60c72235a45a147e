//! `compare` when B is A run again: said as what happened, on stderr and in compare.json.

mod common;

use common::{corridor, flee_reference, s, tmp};

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
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/demo");
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
    assert!(err.contains(&format!("no --set changed A's scenario ({set} as A's scenario has it already)")), "{err}");
    assert!(err.contains("B is A run again"), "{err}");
    assert_eq!(reruns_of_a(out.path()), serde_json::json!(true));
}
