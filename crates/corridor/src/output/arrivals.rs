//! `arrivals.csv`: the people arriving at each place each day, one row per place and day with any.
//! Columns: `date,place,arrivals`; see docs/outputs.md.

use super::daily::csv_field;
use super::{AtomicFile, OutputError};
use crate::observe::{DayObservation, RunInfo, RunSummary, Sink};
use std::io::Write;
use std::path::PathBuf;

pub struct ArrivalsCsv {
    path: PathBuf,
    file: Option<AtomicFile>,
    info: Option<RunInfo>,
}

impl ArrivalsCsv {
    pub fn new(path: PathBuf) -> Self {
        ArrivalsCsv { path, file: None, info: None }
    }
}

impl Sink for ArrivalsCsv {
    fn begin(&mut self, info: &RunInfo) -> Result<(), OutputError> {
        let mut f = AtomicFile::create(&self.path)?;
        f.write_all(b"date,place,arrivals\n")?;
        self.file = Some(f);
        self.info = Some(info.clone());
        Ok(())
    }

    fn day(&mut self, obs: &DayObservation<'_>) -> Result<(), OutputError> {
        let (Some(f), Some(info)) = (self.file.as_mut(), self.info.as_ref()) else {
            return Err(OutputError::Other("arrivals.csv: day before begin".into()));
        };
        if obs.arrivals.iter().all(|&a| a == 0) {
            return Ok(());
        }
        let date = info.period.date(obs.day).format("%Y-%m-%d").to_string();
        let ppa = u64::from(info.people_per_agent);
        let path = f.path().to_path_buf();
        for (place, &agents) in obs.arrivals.iter().enumerate().filter(|x| *x.1 > 0) {
            writeln!(f.writer(), "{date},{},{}", csv_field(&info.place_names[place]), agents * ppa)
                .map_err(|e| OutputError::io(&path, e))?;
        }
        Ok(())
    }

    fn end(&mut self, _summary: &RunSummary) -> Result<(), OutputError> {
        match self.file.take() {
            Some(f) => f.commit(),
            None => Ok(()),
        }
    }
}
