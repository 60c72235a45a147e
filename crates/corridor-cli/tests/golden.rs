//! Whole scenarios against golden outputs: `corridor run` on the demo scenarios and a FLEE folder must
//! write the files in tests/golden/ byte for byte. After an intended change, re-bless them with
//! `CORRIDOR_BLESS=1 cargo test -p corridor-cli --test integration golden::` and review the diff before committing.

use crate::common;

use common::{flee_reference, repo};
use std::path::{Path, PathBuf};

/// summary.json keys that depend on the machine, not on the simulation.
const UNSTABLE_KEYS: [&str; 3] = ["agent_steps_per_second", "threads", "wall_seconds"];

fn run(input: &Path, name: &str) -> PathBuf {
    let out = std::env::temp_dir().join(format!("corridor-golden-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let status = common::command()
        .args(["run", "--quiet", "--no-report", "--out"])
        .arg(&out)
        .arg(input)
        .status()
        .expect("corridor starts");
    assert!(status.success(), "corridor run {} failed", input.display());
    out
}

/// summary.json without the machine-dependent keys, one key per line as written.
fn stable_summary(text: &str) -> String {
    text.lines().filter(|l| !UNSTABLE_KEYS.iter().any(|k| l.trim_start().starts_with(&format!("\"{k}\"")))).fold(
        String::new(),
        |mut s, l| {
            s.push_str(l.trim_end_matches(','));
            s.push('\n');
            s
        },
    )
}

fn check(name: &str, input: &Path, files: &[&str]) {
    let out = run(input, name);
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    let bless = std::env::var_os("CORRIDOR_BLESS").is_some();
    for file in files {
        let mut got = std::fs::read_to_string(out.join(file)).unwrap_or_else(|e| panic!("{name}/{file}: {e}"));
        if *file == "summary.json" {
            got = stable_summary(&got);
        }
        let path = golden.join(file);
        if bless {
            std::fs::create_dir_all(&golden).expect("golden folder");
            std::fs::write(&path, &got).expect("golden written");
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (bless with CORRIDOR_BLESS=1)", path.display()));
        if got != want {
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(g, w)| g != w)
                .unwrap_or(got.lines().count().min(want.lines().count()));
            panic!(
                "{name}/{file} differs from {} at line {}:\n  got:  {}\n  want: {}\n(intended? re-bless with CORRIDOR_BLESS=1)",
                path.display(),
                line + 1,
                got.lines().nth(line).unwrap_or("<end of file>"),
                want.lines().nth(line).unwrap_or("<end of file>"),
            );
        }
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn demo_matches_its_golden_outputs() {
    check(
        "demo",
        &repo().join("scenarios/demo"),
        &["daily.csv", "caravans.csv", "caravan_arrivals.csv", "summary.json"],
    );
}

#[test]
fn demo_institutions_matches_its_golden_outputs() {
    check("demo-institutions", &repo().join("scenarios/demo-institutions"), &["queues.csv", "summary.json"]);
}

#[test]
fn flee_tiny_a2f_matches_its_golden_out_csv() {
    check("flee-tiny_a2f", &flee_reference("tiny_a2f"), &["out.csv", "summary.json"]);
}

/// FLEE's order of capacity counts (`capacity_counts: flee_order`) on mali2012, whose camps fill to
/// their limits and whose borders close and reopen: the sequential pass, its live capacity factors
/// and its visits of only the agents the rules act on are pinned here.
#[test]
fn flee_mali2012_in_flee_order_matches_its_golden_out_csv() {
    let temp = tempfile::tempdir().expect("temp dir");
    let folder = temp.path().join("mali2012-flee_order"); // the scenario's name in summary.json
    let from = flee_reference("mali2012");
    for sub in ["input_csv", "source_data"] {
        std::fs::create_dir_all(folder.join(sub)).expect("folder");
        for file in std::fs::read_dir(from.join(sub)).expect("reference folder") {
            let file = file.expect("entry").path();
            std::fs::copy(&file, folder.join(sub).join(file.file_name().expect("name"))).expect("copied");
        }
    }
    let settings = std::fs::read_to_string(from.join("simsetting.yml")).expect("simsetting.yml");
    std::fs::write(folder.join("simsetting.yml"), format!("{settings}\ncorridor:\n  capacity_counts: flee_order\n"))
        .expect("written");
    check("flee-mali2012-flee_order", &folder, &["out.csv", "summary.json"]);
}
