//! `daily.csv`: people by date, place and status, one row per non-zero count (long format).
//! Columns: `date,place,status,count`; see docs/outputs.md.

use super::{AtomicFile, OutputError};
use crate::observe::{DayObservation, RunInfo, Sink};
use crate::population::Status;
use std::io::Write;
use std::path::PathBuf;

pub struct DailyCsv {
    path: PathBuf,
    file: Option<AtomicFile>,
    info: Option<RunInfo>,
    line: String,
}

impl DailyCsv {
    pub fn new(path: PathBuf) -> Self {
        DailyCsv { path, file: None, info: None, line: String::with_capacity(128) }
    }
}

/// Quotes a CSV field when it needs it (RFC 4180).
pub fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

impl Sink for DailyCsv {
    fn begin(&mut self, info: &RunInfo) -> Result<(), OutputError> {
        let mut f = AtomicFile::create(&self.path)?;
        f.write_all(b"date,place,status,count\n")?;
        self.file = Some(f);
        self.info = Some(info.clone());
        Ok(())
    }

    fn day(&mut self, obs: &DayObservation<'_>) -> Result<(), OutputError> {
        let (Some(f), Some(info)) = (self.file.as_mut(), self.info.as_ref()) else {
            return Err(OutputError::Other("daily.csv: day before begin".into()));
        };
        let date = info.period.date(obs.day).format("%Y-%m-%d").to_string();
        let ppa = u64::from(info.people_per_agent);
        for (p, name) in info.place_names.iter().enumerate() {
            for s in Status::ALL {
                let c = obs.count(p, s);
                if c > 0 {
                    use std::fmt::Write as _;
                    self.line.clear();
                    let _ = writeln!(self.line, "{date},{},{},{}", csv_field(name), s.name(), c * ppa);
                    if let Err(e) = f.writer().write_all(self.line.as_bytes()) {
                        return Err(OutputError::io(f.path(), e));
                    }
                }
            }
        }
        Ok(())
    }

    fn end(&mut self, _summary: &crate::observe::RunSummary) -> Result<(), OutputError> {
        match self.file.take() {
            Some(f) => f.commit(),
            None => Ok(()),
        }
    }
}
