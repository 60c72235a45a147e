//! Runs every command of docs/tutorial.md (its ```sh blocks) against the built binary, in a fresh
//! folder, and checks the outputs the tutorial promises.

use std::path::Path;
use std::process::Command;

fn tutorial_commands() -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/tutorial.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut cmds = Vec::new();
    let mut in_sh = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_sh = !in_sh && t == "```sh";
            continue;
        }
        if in_sh && !t.is_empty() && !t.starts_with('#') {
            let words: Vec<String> = t.split_whitespace().map(str::to_string).collect();
            assert_eq!(words[0], "corridor", "tutorial command `{t}` is not a corridor command");
            cmds.push(words);
        }
    }
    cmds
}

#[test]
fn every_tutorial_command_runs() {
    let cmds = tutorial_commands();
    assert!(cmds.len() >= 4, "{cmds:?}");
    let dir = std::env::temp_dir().join(format!("corridor-tutorial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for words in &cmds {
        let out = Command::new(env!("CARGO_BIN_EXE_corridor")).args(&words[1..]).current_dir(&dir).output().unwrap();
        assert!(out.status.success(), "`{}` failed: {}", words.join(" "), String::from_utf8_lossy(&out.stderr));
    }
    for f in [
        "results/base/report.html",
        "results/base/plots/people_by_place.svg",
        "results/base/daily.csv",
        "results/validation/validation.csv",
        "results/later-vote/report.html",
        "results/later-vote-compare/compare.csv",
        "results/later-vote-compare/compare.html",
    ] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    // The tutorial's claim: a vote two weeks later moves the main caravan's arrival past November.
    let csv = std::fs::read_to_string(dir.join("results/later-vote-compare/compare.csv")).unwrap();
    let row = csv.lines().find(|l| l.starts_with("Caravan members reaching Tijuana by Nov 28 2018,")).unwrap();
    let diff: f64 = row.rsplit(',').next().unwrap().parse().unwrap();
    assert!(diff < -4000.0, "{row}");
    // And: MPP at San Ysidro three months later means fewer MPP returns and more people released to
    // wait in the US, while Tijuana's July waitlist hardly moves.
    let csv = std::fs::read_to_string(dir.join("results/mpp-later/compare.csv")).unwrap();
    let cells = |figure: &str| -> Vec<f64> {
        let row = csv.lines().find(|l| l.starts_with(&format!("{figure},"))).unwrap_or_else(|| panic!("{figure}"));
        row.split(',').skip(1).map(|c| c.parse().unwrap()).collect()
    };
    assert!(cells("MPP returns to Mexico (Jan 25 – Jun 7 2019)")[6] < -1000.0, "{csv}");
    assert!(cells("People released_in_us at the end")[6] > 1000.0, "{csv}");
    let waitlist = cells("Tijuana waitlist (Jul 10 2019)");
    assert!(waitlist[6].abs() < 0.05 * waitlist[0], "{csv}");
    std::fs::remove_dir_all(&dir).unwrap();
}
