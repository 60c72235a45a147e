//! `arrivals.csv`: the people arriving at each place each day, one row per place and day with any.
//! Columns: `date,place,arrivals`; see docs/outputs.md.

use super::daily::name_cells;
use super::rowbuf::{put_u64, Cells, LineBuf, MAX_U64_DIGITS};
use super::{AtomicFile, OutputError};
use crate::observe::{DayObservation, RunInfo, RunSummary, Sink};
use std::path::PathBuf;

pub struct ArrivalsCsv {
    path: PathBuf,
    file: Option<AtomicFile>,
    info: Option<RunInfo>,
    /// Place names as CSV fields, each with its comma (cut once per run).
    names: Option<Cells>,
    /// One day's rows, written by position (as `daily.csv`'s: the sink runs in the day loop).
    rows: LineBuf,
}

impl ArrivalsCsv {
    pub fn new(path: PathBuf) -> Self {
        ArrivalsCsv { path, file: None, info: None, names: None, rows: LineBuf::default() }
    }
}

impl Sink for ArrivalsCsv {
    fn begin(&mut self, info: &RunInfo) -> Result<(), OutputError> {
        let mut f = AtomicFile::create(&self.path)?;
        f.write_all(b"date,place,arrivals\n")?;
        self.file = Some(f);
        self.names = Some(name_cells(&info.place_names));
        self.info = Some(info.clone());
        Ok(())
    }

    fn day(&mut self, obs: &DayObservation<'_>) -> Result<(), OutputError> {
        let (Some(f), Some(info), Some(names)) = (self.file.as_mut(), self.info.as_ref(), self.names.as_ref()) else {
            return Err(OutputError::Other("arrivals.csv: day before begin".into()));
        };
        let arriving = obs.arrivals.iter().filter(|&&a| a > 0).count();
        if arriving == 0 {
            return Ok(());
        }
        let mut date = crate::time::iso_date(info.period.date(obs.day));
        date.push(',');
        let ppa = u64::from(info.people_per_agent);
        let room = date.len() + names.width() + MAX_U64_DIGITS + 1;
        self.rows.clear();
        let out = self.rows.room(arriving * room);
        let mut pos = 0;
        for (place, &agents) in obs.arrivals.iter().enumerate().filter(|x| *x.1 > 0) {
            out[pos..pos + date.len()].copy_from_slice(date.as_bytes());
            pos += date.len();
            pos = names.put(out, pos, place);
            pos = put_u64(out, pos, agents * ppa);
            out[pos] = b'\n';
            pos += 1;
        }
        self.rows.advance(pos);
        f.write_all(self.rows.as_bytes())
    }

    fn end(&mut self, _summary: &RunSummary) -> Result<(), OutputError> {
        match self.file.take() {
            Some(f) => f.commit(),
            None => Ok(()),
        }
    }
}
