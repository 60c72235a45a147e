//! The report after `corridor run`: report.html and plots/ from the run's recording, plus extra charts
//! of the institution queues and of the outcomes' day columns, built from the same run in memory.

use crate::Failure;
use corridor::flee_dir::FleeScenario;
use corridor::flee_validate::{ard_of_camps, camp_series, CampSeries};
use corridor::overrides::Sets;
use corridor::validate::Recording;
use corridor::Scenario;
use corridor_report::counted::Counted;
use corridor_report::{queue_extras, write_report, Extra, OutcomeCharts};
use std::path::{Path, PathBuf};

/// Writes report.html and plots/ (for a FLEE folder, `flee`, with its camps against FLEE's
/// validation data; for a run with `--set`, `sets`, named in its header); returns the files written.
pub fn write(
    scenario: &Scenario,
    flee: Option<&FleeScenario>,
    rec: &Recording,
    outcomes: &OutcomeCharts,
    sets: &Sets,
    out: &Path,
) -> Result<Vec<PathBuf>, Failure> {
    // People, or under FLEE's `hasten` agents: the charts' axes and captions say which.
    let counted = Counted::of(scenario);
    let mut extras = match flee {
        Some(f) => camp_extras(f, rec, counted).map_err(Failure::other)?,
        None => Vec::new(),
    };
    extras.extend(queue_extras(rec, scenario.period.days, |q| corridor_report::queue_label(scenario, q)));
    extras.extend(outcomes.extras(counted));
    let written = write_report(scenario, rec, &extras, sets, out).map_err(Failure::other)?;
    Ok(std::iter::once(written.html).chain(written.svgs).collect())
}

/// A FLEE folder's camps, simulated (this run, as out.csv counts them) against FLEE's validation
/// data, as FLEE's users plot them: all camps together, with this run's ARD (FLEE's error measure),
/// then each camp; counted as `counted` says (agents under `hasten`, as out.csv's).
fn camp_extras(flee: &FleeScenario, rec: &Recording, counted: Counted) -> anyhow::Result<Vec<Extra>> {
    let camps = camp_series(flee, rec)?;
    if camps.is_empty() || rec.days == 0 {
        return Ok(Vec::new());
    }
    let ard = ard_of_camps(flee, &camps);
    let total = |pick: fn(&CampSeries) -> &[f64]| -> Vec<f64> {
        (0..rec.days as usize).map(|d| camps.iter().map(|c| pick(c)[d]).sum()).collect()
    };
    let pair = |sim: Vec<f64>, data: Vec<f64>| vec![("simulated".to_string(), sim), ("observed".to_string(), data)];
    let mut out = vec![Extra::Lines {
        file: "camps_all".into(),
        title: format!("camps: all together, simulated and observed (this run's ARD {ard:.4})"),
        y_label: counted.noun().into(),
        series: pair(total(|c| &c.sim), total(|c| &c.data)),
    }];
    // The camps most observed at the end, in out.csv's order; a world of many camps (the generated
    // benchmark's 40) would otherwise get a chart and a file per camp.
    let count = camps.len();
    let ends: Vec<f64> = camps.iter().map(|c| c.data.last().copied().unwrap_or(0.0)).collect();
    let largest = most_observed(&ends, CAMP_CHARTS);
    let of = if count > CAMP_CHARTS {
        format!(", one of the {CAMP_CHARTS} most observed at the end of {count}")
    } else {
        String::new()
    };
    for (k, c) in camps.into_iter().enumerate().filter(|(k, _)| largest.contains(k)) {
        out.push(Extra::Lines {
            file: format!("camp_{k}"),
            title: format!("camp {}: simulated and observed{of}", c.name),
            y_label: counted.noun().into(),
            series: pair(c.sim, c.data),
        });
    }
    Ok(out)
}

/// At most this many camps get a chart of their own (out.csv has them all).
const CAMP_CHARTS: usize = 12;

/// The `cap` camps with the most observed at the end (`ends`), by index; ties to the first.
fn most_observed(ends: &[f64], cap: usize) -> Vec<usize> {
    let mut largest: Vec<usize> = (0..ends.len()).collect();
    largest.sort_by(|&a, &b| ends[b].total_cmp(&ends[a]).then(a.cmp(&b)));
    largest.truncate(cap);
    largest
}

#[cfg(test)]
mod tests {
    use super::most_observed;

    #[test]
    fn the_camps_charted_are_the_most_observed_at_the_end() {
        let ends = [5.0, 90.0, 0.0, 90.0, 40.0];
        assert_eq!(most_observed(&ends, 3), [1, 3, 4]);
        assert_eq!(most_observed(&ends, 9), [1, 3, 4, 0, 2], "all, when fewer than the cap");
        assert!(most_observed(&[], 12).is_empty());
    }
}
