//! `daily.csv`: people by date, place and status, one row per non-zero count (long format).
//! Columns: `date,place,status,count`; see docs/outputs.md.

use super::rowbuf::{put_u64, status_cells, Cells, LineBuf, StatusCells, MAX_U64_DIGITS};
use super::{AtomicFile, OutputError};
use crate::observe::{DayObservation, RunInfo, Sink, StatusBits};
use crate::population::Status;
use std::io::Write;
use std::path::PathBuf;

pub struct DailyCsv {
    path: PathBuf,
    file: Option<AtomicFile>,
    info: Option<RunInfo>,
    /// Place names as CSV fields, each with its comma (cut once per run).
    names: Option<Cells>,
    /// Status names with their commas.
    statuses: Option<StatusCells>,
    /// One day's rows, written by position.
    rows: LineBuf,
}

impl DailyCsv {
    pub fn new(path: PathBuf) -> Self {
        DailyCsv { path, file: None, info: None, names: None, statuses: None, rows: LineBuf::default() }
    }
}

/// Room one row needs after the date: a place name cell, a status cell, the count and a newline.
fn row_room(names: &Cells) -> usize {
    names.width() + StatusCells::WIDTH + MAX_U64_DIGITS + 1
}

/// Place names as CSV cells (see `csv_field`), copied only when quoted.
pub fn name_cells(names: &[String]) -> Cells {
    Cells::new(names.iter().map(|n| match csv_field(n) {
        std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
        std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s.into_bytes()),
    }))
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
        self.names = Some(name_cells(&info.place_names));
        self.statuses = Some(status_cells()?);
        self.info = Some(info.clone());
        Ok(())
    }

    fn day(&mut self, obs: &DayObservation<'_>) -> Result<(), OutputError> {
        let (Some(f), Some(info), Some(names), Some(statuses)) =
            (self.file.as_mut(), self.info.as_ref(), self.names.as_ref(), self.statuses.as_ref())
        else {
            return Err(OutputError::Other("daily.csv: day before begin".into()));
        };
        // The date as a cell too: a copy of fixed length per row rather than a `memcpy` call.
        let date = Cells::new([crate::time::iso_date(info.period.date(obs.day))]);
        let ppa = u64::from(info.people_per_agent);
        // Rows are written by hand (a row per place and status present, every day), each by position:
        // fixed-width cells of the date and names.
        let room = date.width() + row_room(names);
        self.rows.clear();
        let rows = obs.counts.as_chunks::<{ Status::COUNT }>().0.iter().zip(obs.present);
        for (p, (row, &present)) in rows.take(info.place_names.len()).enumerate() {
            // Most places hold people in one or two statuses: a row per status present.
            if present == 0 {
                continue;
            }
            // Room for a row of every status (no count of the bits: the baseline target has no
            // instruction for it).
            let out = self.rows.room(Status::COUNT * room);
            let mut pos = 0;
            for s in StatusBits(present) {
                pos = date.put(out, pos, 0);
                pos = names.put(out, pos, p);
                pos = statuses.put(out, pos, s);
                pos = put_u64(out, pos, row[s] * ppa);
                out[pos] = b'\n';
                pos += 1;
            }
            self.rows.advance(pos);
        }
        if let Err(e) = f.writer().write_all(self.rows.as_bytes()) {
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
