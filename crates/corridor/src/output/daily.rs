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
    /// Place names as CSV fields.
    names: Vec<String>,
    /// One day's rows.
    rows: Vec<u8>,
}

impl DailyCsv {
    pub fn new(path: PathBuf) -> Self {
        DailyCsv { path, file: None, info: None, names: Vec::new(), rows: Vec::new() }
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
        self.names = info.place_names.iter().map(|n| csv_field(n).into_owned()).collect();
        self.info = Some(info.clone());
        Ok(())
    }

    fn day(&mut self, obs: &DayObservation<'_>) -> Result<(), OutputError> {
        let (Some(f), Some(info)) = (self.file.as_mut(), self.info.as_ref()) else {
            return Err(OutputError::Other("daily.csv: day before begin".into()));
        };
        let date = info.period.date(obs.day).format("%Y-%m-%d").to_string();
        let ppa = u64::from(info.people_per_agent);
        // Rows are formatted by hand (a row per place and status present, every day).
        self.rows.clear();
        for (p, name) in self.names.iter().enumerate() {
            for s in Status::ALL {
                let c = obs.count(p, s);
                if c > 0 {
                    self.rows.extend_from_slice(date.as_bytes());
                    self.rows.push(b',');
                    self.rows.extend_from_slice(name.as_bytes());
                    self.rows.push(b',');
                    self.rows.extend_from_slice(s.name().as_bytes());
                    self.rows.push(b',');
                    super::rowbuf::push_u64(&mut self.rows, c * ppa);
                    self.rows.push(b'\n');
                }
            }
        }
        if let Err(e) = f.writer().write_all(&self.rows) {
            return Err(OutputError::io(f.path(), e));
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
