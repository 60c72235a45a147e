//! tiny_a2f's FLEE folder to damage: a fresh copy, and what loading and running a damaged copy
//! gives (the error, or the warnings of one that runs), for the `flee_damaged_*` test files.

use corridor::flee_dir::load_flee;
use corridor::population::MAX_AGENTS;
use corridor::time::MAX_DAYS;
use corridor::Simulation;
use std::path::Path;

/// tiny_a2f's input files, as paths inside its folder.
pub const FILES: [&str; 9] = [
    "input_csv/locations.csv",
    "input_csv/routes.csv",
    "input_csv/sim_period.csv",
    "input_csv/conflicts.csv",
    "input_csv/closures.csv",
    "source_data/data_layout.csv",
    "source_data/E.csv",
    "source_data/total.csv",
    "simsetting.yml",
];

/// A copy of tiny_a2f's inputs in a temporary folder (removed when the guard drops).
pub fn copy_tiny() -> tempfile::TempDir {
    super::copy_flee_reference("tiny_a2f", "damaged")
}

/// Loads `dir`; when it loads, checks the limits and runs its first days. Gives the load's warnings.
pub fn load_and_run(dir: &Path) -> Result<Vec<String>, String> {
    let flee = load_flee(dir).map_err(|e| e.to_string())?;
    let s = &flee.scenario;
    assert!(s.period.days <= MAX_DAYS, "a period of {} days loaded", s.period.days);
    let planned = corridor::engine::spawn::planned_agents(s);
    assert!(planned <= MAX_AGENTS, "{planned} agents loaded");
    // Millions of agents are a valid (if slow) scenario: run only the small ones.
    if planned <= 100_000 {
        let mut sim = Simulation::new(s, 1);
        for _ in 0..s.period.days.min(12) {
            sim.step();
        }
    }
    Ok(flee.warnings)
}

/// A copy of tiny_a2f with `from` replaced by `to` in `file` (which must hold it).
pub fn damaged(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let tmp = copy_tiny();
    let path = tmp.path().join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replace(from, to)).expect("write");
    tmp
}

/// The error from tiny_a2f with `from` replaced by `to` in `file`.
pub fn error_with(file: &str, from: &str, to: &str) -> String {
    load_and_run(damaged(file, from, to).path()).expect_err("the damaged folder should be refused")
}

/// The warnings of tiny_a2f with `from` replaced by `to` in `file` (the folder must load and run).
pub fn warnings_with(file: &str, from: &str, to: &str) -> Vec<String> {
    load_and_run(damaged(file, from, to).path()).expect("the folder loads and runs")
}
