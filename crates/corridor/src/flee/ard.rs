//! FLEE's averaged relative difference (ARD, "Error (normal)" of
//! `postprocessing/extract-validation-results.py`): the validation error of the FLEE papers.

use std::path::Path;

use super::error::FleeInputError;
use super::out_csv::OutCsv;
use super::pyfmt::np_round;

/// One day of the inputs to the ARD.
#[derive(Debug, Clone, Copy)]
pub struct ArdDay<'a> {
    /// Simulated agents per camp.
    pub sim: &'a [f64],
    /// Observed (validation) count per camp, same order.
    pub data: &'a [f64],
    /// The `refugees in camps (UNHCR)` value of that day: Σ camp data, except that FLEE
    /// writes 0 there on days whose raw UNHCR count is not positive.
    pub unhcr_in_camps: f64,
}

/// ARD = mean over days of Σ_camps round(|sim − data|, 4) / max(unhcr_in_camps, 1)
/// (`extract-validation-results.py:173,334,339`). `None` when there are no days.
/// Camps beyond the shorter of `sim` and `data` are ignored. NumPy's mean sums pairwise,
/// so the last bits can differ from this plain sum.
pub fn ard(days: &[ArdDay<'_>]) -> Option<f64> {
    if days.is_empty() {
        return None;
    }
    let mut total = 0.0;
    for d in days {
        let mut diff = 0.0;
        for (s, o) in d.sim.iter().zip(d.data) {
            diff += np_round((s - o).abs(), 4);
        }
        total += diff / d.unhcr_in_camps.max(1.0);
    }
    Some(total / days.len() as f64)
}

/// The ARD of one `out.csv` written by FLEE (or by `OutCsvWriter`).
pub fn ard_of_out_csv(path: &Path) -> Result<Option<f64>, FleeInputError> {
    Ok(ard_of_out(&OutCsv::read(path)?))
}

/// The ARD of a read `out.csv`.
pub fn ard_of_out(out: &OutCsv) -> Option<f64> {
    let rows: Vec<(Vec<f64>, Vec<f64>, f64)> = out
        .rows
        .iter()
        .map(|r| {
            (
                r.camp_sim.iter().map(|&v| v as f64).collect(),
                r.camp_data.iter().map(|&v| v as f64).collect(),
                r.unhcr_in_camps as f64,
            )
        })
        .collect();
    let days: Vec<ArdDay<'_>> = rows.iter().map(|(sim, data, u)| ArdDay { sim, data, unhcr_in_camps: *u }).collect();
    ard(&days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_of_daily_ratios() {
        let days = [
            ArdDay { sim: &[1.0, 3.0], data: &[2.0, 2.0], unhcr_in_camps: 4.0 },
            ArdDay { sim: &[0.0, 0.0], data: &[0.0, 0.0], unhcr_in_camps: 0.0 },
            ArdDay { sim: &[2.0], data: &[0.0], unhcr_in_camps: 0.0 },
        ];
        // (2/4 + 0/1 + 2/1) / 3
        assert_eq!(ard(&days), Some(2.5 / 3.0));
        assert_eq!(ard(&[]), None);
    }
}
