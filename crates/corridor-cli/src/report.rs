//! The report after `corridor run`: report.html and plots/ from the run's recording, plus extra charts
//! of the institution queues and of the outcomes' day columns, built from the same run in memory.

use crate::Failure;
use corridor::validate::Recording;
use corridor::Scenario;
use corridor_report::{queue_extras, write_report, OutcomeCharts};
use std::path::{Path, PathBuf};

/// Writes report.html and plots/; returns the files written.
pub fn write(
    scenario: &Scenario,
    rec: &Recording,
    outcomes: &OutcomeCharts,
    out: &Path,
) -> Result<Vec<PathBuf>, Failure> {
    let mut extras = queue_extras(rec, scenario.period.days);
    extras.extend(outcomes.extras());
    let written = write_report(scenario, rec, &extras, out).map_err(Failure::other)?;
    Ok(std::iter::once(written.html).chain(written.svgs).collect())
}
