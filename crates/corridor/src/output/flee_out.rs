//! `out.csv` in FLEE's layout (per camp simulated and observed counts and errors, totals), written for
//! runs of FLEE input folders so FLEE's users can read corridor's results with their tools.

use super::{AtomicFile, OutputError};
use crate::flee::{OutCsvWriter, OutDay};
use crate::flee_dir::FleeScenario;
use crate::observe::{DayObservation, RunInfo, RunSummary, Sink};
use std::path::PathBuf;

pub struct FleeOutCsv<'f> {
    path: PathBuf,
    flee: &'f FleeScenario,
    writer: Option<OutCsvWriter<AtomicFile>>,
    sim: Vec<i64>,
    data: Vec<i64>,
    names: Vec<String>,
    /// Each camp's series in the validation data (None: `field` by name gives the error).
    series: Vec<Option<usize>>,
    /// Whether rows end with FLEE's `total IDPs` column (`log_levels.idp_totals` above 0).
    idp_totals: bool,
}

impl<'f> FleeOutCsv<'f> {
    pub fn new(path: PathBuf, flee: &'f FleeScenario) -> Self {
        let names: Vec<String> = flee.camps.iter().map(|c| flee.scenario.place(*c).name.clone()).collect();
        let series = names.iter().map(|n| flee.data.validation.index(n)).collect();
        let idp_totals = flee.data.settings.log_levels.idp_totals > 0;
        FleeOutCsv { path, flee, writer: None, sim: Vec::new(), data: Vec::new(), names, series, idp_totals }
    }
}

/// FLEE's `numIDPs`: the agents located at the places that are IDP camps today (a camp closure
/// changes which: `DayObservation::idp_camps`).
fn idps(obs: &DayObservation<'_>) -> i64 {
    obs.idp_camps.iter().zip(obs.occupancy).filter(|(idp, _)| **idp).map(|(_, &n)| i64::from(n)).sum()
}

impl std::io::Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.writer().flush()
    }
}

impl Sink for FleeOutCsv<'_> {
    fn begin(&mut self, info: &RunInfo) -> Result<(), OutputError> {
        let file = AtomicFile::create(&self.path)?;
        let mut w = OutCsvWriter::new(file, self.names.clone(), info.period.start).with_idp_totals(self.idp_totals);
        w.write_header().map_err(|e| OutputError::io(&self.path, e))?;
        self.writer = Some(w);
        Ok(())
    }

    fn day(&mut self, obs: &DayObservation<'_>) -> Result<(), OutputError> {
        let Some(w) = self.writer.as_mut() else { return Err(OutputError::Other("out.csv: day before begin".into())) };
        self.sim.clear();
        self.data.clear();
        for (k, c) in self.flee.camps.iter().enumerate() {
            // FLEE counts the agents located at the camp (not those on roads into it).
            self.sim.push(i64::from(obs.occupancy[c.index()]));
            let validation = &self.flee.data.validation;
            let d = match self.series[k] {
                Some(i) => validation.field_at(i, i64::from(obs.day)),
                None => validation.field(&self.names[k], i64::from(obs.day)),
            }
            .map_err(|e| OutputError::Other(e.to_string()))?;
            self.data.push(d);
        }
        let spawn = self.flee.schedule.get(obs.day as usize).copied().unwrap_or_default();
        let day = OutDay {
            day: obs.day,
            camp_sim: &self.sim,
            camp_data: &self.data,
            total_agents: obs.agents as i64,
            raw_count: spawn.raw_count,
            debt: spawn.debt,
            // FLEE's `numIDPs`: the agents located at the places that are IDP camps today.
            idps: if self.idp_totals { idps(obs) } else { 0 },
        };
        w.write_day(&day).map_err(|e| OutputError::io(&self.path, e))
    }

    fn end(&mut self, _summary: &RunSummary) -> Result<(), OutputError> {
        match self.writer.take() {
            Some(w) => w.into_inner().commit(),
            None => Ok(()),
        }
    }
}
