//! `daily.csv`: people by date, place and status, one row per non-zero count (long format).
//! Columns: `date,place,status,count`; see docs/outputs.md.

use super::rowbuf::{put_u64, Cells, FixedCells, MAX_U64_DIGITS};
use super::{AtomicFile, OutputError};
use crate::observe::{DayObservation, RunInfo, Sink};
use crate::population::Status;
use std::io::Write;
use std::path::PathBuf;

pub struct DailyCsv {
    path: PathBuf,
    file: Option<AtomicFile>,
    info: Option<RunInfo>,
    /// Place names as CSV fields, each with its comma (cut once per run).
    names: Option<Cells>,
    /// Status names with their commas (None: a name too long for a cell, written by a plain copy).
    statuses: Option<FixedCells<{ Status::COUNT }>>,
    /// One day's rows, written by position (the buffer is longer than the rows).
    rows: Vec<u8>,
}

impl DailyCsv {
    pub fn new(path: PathBuf) -> Self {
        DailyCsv { path, file: None, info: None, names: None, statuses: None, rows: Vec::new() }
    }
}

// A day's statuses present at a place are the bits of a u32.
const _: () = assert!(Status::COUNT <= 32);

/// Room one row needs after the date: a place name cell, a status cell, the count and a newline.
fn row_room(names: &Cells) -> usize {
    let longest_status = Status::ALL.iter().map(|s| s.name().len() + 1).max().unwrap_or(0);
    names.width() + longest_status.max(FixedCells::<{ Status::COUNT }>::WIDTH) + MAX_U64_DIGITS + 1
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
        self.names = Some(Cells::new(info.place_names.iter().map(|n| csv_field(n).into_owned())));
        self.statuses = FixedCells::new(Status::ALL.map(Status::name));
        self.info = Some(info.clone());
        Ok(())
    }

    fn day(&mut self, obs: &DayObservation<'_>) -> Result<(), OutputError> {
        let (Some(f), Some(info), Some(names)) = (self.file.as_mut(), self.info.as_ref(), self.names.as_ref()) else {
            return Err(OutputError::Other("daily.csv: day before begin".into()));
        };
        let mut date = info.period.date(obs.day).format("%Y-%m-%d").to_string();
        date.push(',');
        let ppa = u64::from(info.people_per_agent);
        // Rows are written by hand (a row per place and status present, every day), each by position
        // into a buffer kept longer than the rows: the date, then fixed-width cells of names.
        let room = date.len() + row_room(names);
        let mut pos = 0;
        for (p, row) in obs.counts.chunks_exact(Status::COUNT).take(info.place_names.len()).enumerate() {
            // Most places hold people in one or two statuses: a bit per status present (a loop without
            // branches), then a row per bit.
            let Ok(row) = <&[u64; Status::COUNT]>::try_from(row) else { continue };
            let mut present = 0u32;
            for (s, &c) in row.iter().enumerate() {
                present |= u32::from(c != 0) << s;
            }
            if present == 0 {
                continue;
            }
            let need = pos + present.count_ones() as usize * room;
            if self.rows.len() < need {
                self.rows.resize(need.max(2 * self.rows.len()), 0);
            }
            let out = &mut self.rows[..];
            while present != 0 {
                let s = present.trailing_zeros() as usize;
                present &= present - 1;
                out[pos..pos + date.len()].copy_from_slice(date.as_bytes());
                pos += date.len();
                pos = names.put(out, pos, p);
                pos = match &self.statuses {
                    Some(cells) => cells.put(out, pos, s),
                    None => {
                        let name = Status::ALL[s].name().as_bytes();
                        out[pos..pos + name.len()].copy_from_slice(name);
                        out[pos + name.len()] = b',';
                        pos + name.len() + 1
                    }
                };
                pos = put_u64(out, pos, row[s] * ppa);
                out[pos] = b'\n';
                pos += 1;
            }
        }
        if let Err(e) = f.writer().write_all(&self.rows[..pos]) {
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
