//! Validation of a FLEE folder in FLEE's own terms: the averaged relative difference (ARD) of the
//! camps' simulated counts against the observed series, for corridor's runs beside FLEE's reference runs.

use crate::flee::{ard, ard_of_out, ArdDay, FleeInputError, OutCsv};
use crate::flee_dir::FleeScenario;
use crate::output::OutputError;
use crate::scenario::Observed;
use crate::validate::{run_replicates, FigureCheck, Recording, StatusSet};
use std::path::{Path, PathBuf};

/// One camp of a run of a FLEE scenario, day by day: simulated as out.csv counts it (everyone there
/// but on a road) and observed (FLEE's validation data, the `<camp> data` column).
pub struct CampSeries {
    pub name: String,
    pub sim: Vec<f64>,
    pub data: Vec<f64>,
}

/// Each camp of `flee` (out.csv's column order) in the run `rec`.
pub fn camp_series(flee: &FleeScenario, rec: &Recording) -> Result<Vec<CampSeries>, FleeInputError> {
    flee.camps
        .iter()
        .map(|&c| {
            let name = flee.scenario.place(c).name.clone();
            let sim = rec.series(&[c.index()], &StatusSet::PRESENT);
            let validation = &flee.data.validation;
            // The camp's series looked up once, not searched for by its name on every day.
            let series = validation.index(&name).ok_or_else(|| validation.missing(&name))?;
            let data = (0..i64::from(rec.days))
                .map(|d| validation.field_at(series, d).map(|v| v as f64))
                .collect::<Result<Vec<f64>, _>>()?;
            Ok(CampSeries { name, sim, data })
        })
        .collect()
}

/// FLEE's ARD of one of corridor's runs of a FLEE scenario.
pub fn ard_of_run(flee: &FleeScenario, rec: &Recording) -> Result<f64, FleeInputError> {
    Ok(ard_of_camps(flee, &camp_series(flee, rec)?))
}

/// FLEE's ARD of a run's camps (`camp_series`); 0 without a day.
pub fn ard_of_camps(flee: &FleeScenario, camps: &[CampSeries]) -> f64 {
    let days = camps.first().map_or(0, |c| c.sim.len());
    let sims: Vec<Vec<f64>> = (0..days).map(|d| camps.iter().map(|c| c.sim[d]).collect()).collect();
    let datas: Vec<Vec<f64>> = (0..days).map(|d| camps.iter().map(|c| c.data[d]).collect()).collect();
    // FLEE writes 0 as the day's camp total when its raw count is not positive (run.py).
    let unhcr: Vec<f64> = (0..days)
        .map(|d| {
            let raw = flee.schedule.get(d).map_or(0, |s| s.raw_count);
            if raw > 0 {
                datas[d].iter().sum()
            } else {
                0.0
            }
        })
        .collect();
    let days: Vec<ArdDay<'_>> =
        (0..days).map(|d| ArdDay { sim: &sims[d], data: &datas[d], unhcr_in_camps: unhcr[d] }).collect();
    ard(&days).unwrap_or(0.0)
}

/// FLEE's own output files in a scenario folder (`out-seed*.csv`, `out.csv`), sorted by name.
pub fn reference_outputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    name.ends_with(".csv") && (name == "out.csv" || name.starts_with("out-seed"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The result of validating a FLEE folder.
pub struct FleeValidation {
    /// corridor's ARD, with FLEE's reference runs' range as the "observed" range when present (NaN
    /// bounds when there is none: nothing to be within).
    pub check: FigureCheck,
    /// FLEE's reference runs and their ARD.
    pub reference: Vec<(PathBuf, f64)>,
    /// Output files found beside the inputs but left out, each with why: not a run of this scenario
    /// (other camps, other days), unreadable, or most likely corridor's own `out.csv`.
    pub left_out: Vec<String>,
}

/// Whether `path` can be a FLEE run of `flee`: Ok(its ARD, None when it has no day to average), or
/// why it is left out.
fn reference_ard(dir: &Path, path: &Path, flee: &FleeScenario) -> Result<Option<f64>, String> {
    let shown = path.display();
    if path.file_name().is_some_and(|n| n == "out.csv") && crate::output::holds_run(dir) {
        return Err(format!(
            "{shown}: left out: beside corridor's summary.json and daily.csv it is most likely corridor's own \
             output (write corridor's outputs elsewhere with --out)"
        ));
    }
    let out = OutCsv::read(path).map_err(|e| format!("{e}: left out"))?;
    let camps: Vec<&str> = flee.camps.iter().map(|c| flee.scenario.place(*c).name.as_str()).collect();
    if out.camps.iter().map(String::as_str).ne(camps.iter().copied()) {
        return Err(format!(
            "{shown}: left out: not a run of this scenario: its camps are {}, the scenario's {}",
            out.camps.join(", "),
            camps.join(", ")
        ));
    }
    let days = flee.scenario.period.days as usize;
    if out.rows.len() != days {
        return Err(format!(
            "{shown}: left out: not a run of this scenario: {} days, the scenario's {days}",
            out.rows.len()
        ));
    }
    // Its observed columns must be this folder's data (FLEE user's review of session 34: a run made
    // before a series was edited, or at another `hasten`, was compared as if it were of these inputs,
    // and corridor's rules were said to be outside FLEE's range).
    let validation = &flee.data.validation;
    for (k, name) in camps.iter().enumerate() {
        let series =
            validation.index(name).ok_or_else(|| format!("{shown}: left out: {}", validation.missing(name)))?;
        for (d, row) in out.rows.iter().enumerate() {
            let here = validation.field_at(series, d as i64).map_err(|e| format!("{shown}: left out: {e}"))?;
            let there = row.camp_data.get(k).copied().unwrap_or(i64::MIN);
            if there != here {
                return Err(format!(
                    "{shown}: left out: not a run of these inputs: its `{name} data` on {} is {there}, this folder's \
                     data {here} (made before the data or `hasten` changed?)",
                    row.date
                ));
            }
        }
    }
    Ok(ard_of_out(&out))
}

/// Runs `replicates` seeds of a FLEE scenario and computes FLEE's ARD for each, beside the ARD of
/// FLEE's own outputs found in `dir`; `run_done` is called as each run ends, for a progress display.
pub fn validate_flee(
    dir: &Path,
    flee: &FleeScenario,
    base_seed: u64,
    replicates: u32,
    run_done: &(dyn Fn() + Sync),
) -> Result<FleeValidation, OutputError> {
    let (mut reference, mut left_out) = (Vec::new(), Vec::new());
    // FLEE's outputs lie in the FLEE folder, beside input_csv/, also for a folder given by its input
    // folder (final review of session 33: `validate input_csv` found none).
    let base = crate::flee_dir::FleeLayout::of(dir).map_or_else(|| dir.to_path_buf(), |layout| layout.base);
    let dir = base.as_path();
    for path in reference_outputs(dir) {
        match reference_ard(dir, &path, flee) {
            Ok(Some(v)) => reference.push((path, v)),
            Ok(None) => left_out.push(format!("{}: left out: no day with camp counts to average", path.display())),
            Err(why) => left_out.push(why),
        }
    }
    let values = run_replicates(&flee.scenario, base_seed, replicates, |_, rec| {
        run_done();
        ard_of_run(flee, rec)
    })?
    .into_iter()
    .collect::<Result<Vec<f64>, _>>()
    .map_err(|e| OutputError::Other(e.to_string()))?;
    let (low, high) = if reference.is_empty() {
        (f64::NAN, f64::NAN)
    } else {
        reference.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (_, v)| (lo.min(*v), hi.max(*v)))
    };
    let observed = Observed {
        name: "ARD (FLEE's averaged relative difference; range = FLEE's reference runs)".into(),
        metric: crate::scenario::Metric::Ard,
        places: Vec::new(),
        statuses: Vec::new(),
        queues: Vec::new(),
        caravans: None,
        from_day: 0,
        to_day: flee.scenario.period.days.saturating_sub(1),
        low,
        high,
        reported: None,
        role: crate::scenario::ObservedRole::Check,
        source: "FLEE's out.csv files in the scenario folder".into(),
    };
    Ok(FleeValidation { check: FigureCheck::new(&observed, values), reference, left_out })
}
