//! `queues.csv`: each institution queue's people waiting, admitted and leaving, one row per queue and day.
//! Columns: `date,queue,waiting,admitted,left`; see docs/outputs.md.

use super::daily::csv_field;
use super::{AtomicFile, OutputError};
use crate::institutions::report::QueueRow;
use crate::observe::{DayObservation, RunInfo, RunSummary, Sink};
use std::io::Write;
use std::path::PathBuf;

pub struct QueuesCsv {
    path: PathBuf,
    file: Option<AtomicFile>,
    info: Option<RunInfo>,
}

impl QueuesCsv {
    pub fn new(path: PathBuf) -> Self {
        QueuesCsv { path, file: None, info: None }
    }
}

impl Sink for QueuesCsv {
    fn begin(&mut self, info: &RunInfo) -> Result<(), OutputError> {
        let mut f = AtomicFile::create(&self.path)?;
        f.write_all(b"date,queue,waiting,admitted,left\n")?;
        self.file = Some(f);
        self.info = Some(info.clone());
        Ok(())
    }

    fn day(&mut self, _obs: &DayObservation<'_>) -> Result<(), OutputError> {
        Ok(())
    }

    fn queues(&mut self, day: u32, rows: &[QueueRow<'_>]) -> Result<(), OutputError> {
        let (Some(f), Some(info)) = (self.file.as_mut(), self.info.as_ref()) else {
            return Err(OutputError::Other("queues.csv: day before begin".into()));
        };
        let date = crate::time::iso_date(info.period.date(day));
        let path = f.path().to_path_buf();
        for r in rows {
            writeln!(f.writer(), "{date},{},{},{},{}", csv_field(r.queue), r.waiting, r.admitted, r.left)
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
