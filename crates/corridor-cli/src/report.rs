//! The report after `corridor run`: report.html and plots/ from the run's recording, plus extra charts
//! from institution tables (queues.csv, outcomes.csv) this same run wrote into the output folder.

use crate::Failure;
use corridor::validate::Recording;
use corridor::Scenario;
use corridor_report::{extras_from_csv, write_report, Extra};
use std::path::Path;
use std::time::SystemTime;

/// Tables whose numbers become extra plots when the run wrote them.
pub const EXTRA_TABLES: &[&str] = &["queues.csv", "outcomes.csv"];

pub fn write(scenario: &Scenario, rec: &Recording, out: &Path, started: SystemTime) -> Result<(), Failure> {
    let mut extras: Vec<Extra> = Vec::new();
    for name in EXTRA_TABLES {
        let path = out.join(name);
        // Only tables written by this run: an older file left in the folder belongs to another run.
        let fresh = std::fs::metadata(&path).and_then(|m| m.modified()).is_ok_and(|t| t >= started);
        if fresh {
            match extras_from_csv(&path, scenario.period.start, scenario.period.days) {
                Ok(x) => extras.extend(x),
                Err(e) => eprintln!("warning: no plots from {name}: {e}"),
            }
        }
    }
    write_report(scenario, rec, &extras, out).map_err(Failure::other)?;
    Ok(())
}
