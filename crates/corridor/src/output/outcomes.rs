//! `outcomes.csv`: one row per agent at the end of the run (status, time in the system, waits, flags).
//! Columns: `agent,group,origin,status,days_in_system,days_waitlisted,days_to_hearing,tried_crossing_between_ports,vulnerable,returned_under_mpp`.

use super::daily::name_cells;
use super::rowbuf::{put_u64, status_cells, Cells, DecimalCounter, SmallNumbers, StatusCells, MAX_U64_DIGITS};
use super::{AtomicFile, OutputError};
use crate::institutions::{iflags, InstAgents};
use crate::observe::{DayObservation, Outcomes, RunInfo, Sink};
use crate::population::{Attributes, Status, NONE};
use std::io::Write;
use std::path::PathBuf;

/// The header line of outcomes.csv.
pub const HEADER: &str =
    "agent,group,origin,status,days_in_system,days_waitlisted,days_to_hearing,tried_crossing_between_ports,vulnerable,returned_under_mpp\n";

/// The columns of outcomes.csv that count days, in column order (the report draws their distributions).
pub const DAY_COLUMNS: [&str; 3] = ["days_in_system", "days_waitlisted", "days_to_hearing"];

/// One agent's end state as its outcomes.csv row has it (the agent column is its index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutcomeRow {
    pub group: Option<u32>,
    /// Index of the origin place.
    pub origin: u32,
    pub status: Status,
    /// Days from the agent's creation to the final status it entered, or to the end of the run.
    pub days_in_system: u32,
    pub days_waitlisted: u16,
    /// None when the agent has no hearing date.
    pub days_to_hearing: Option<u16>,
    /// Whether it ever tried to cross between ports, caught or not (its status says who got in).
    pub tried_crossing: bool,
    pub vulnerable: bool,
    /// Whether it was ever returned to Mexico under MPP (`iflags::MPP_EVER`).
    pub returned_under_mpp: bool,
}

impl OutcomeRow {
    /// The values of [`DAY_COLUMNS`], in that order (None: an empty field).
    pub fn day_values(&self) -> [Option<u32>; 3] {
        [Some(self.days_in_system), Some(u32::from(self.days_waitlisted)), self.days_to_hearing.map(u32::from)]
    }
}

impl Outcomes<'_> {
    /// Agent `i`'s row of outcomes.csv (the writer reads the same columns, cut once per run).
    #[inline]
    pub fn row(&self, i: usize) -> OutcomeRow {
        let inst = self.inst.filter(|x| i < x.len()).map(|x| InstColumns::new(x, x.len()));
        Columns::new(self).row(i, inst.as_ref())
    }

    /// Calls `f` with every agent's row in agent order (what [`Outcomes::row`] gives for each), the
    /// columns cut once rather than per agent.
    pub fn for_each_row(&self, mut f: impl FnMut(OutcomeRow)) {
        let cols = Columns::new(self);
        let with_inst = self.inst.map_or(0, |x| x.len().min(cols.status.len()));
        let inst = self.inst.map(|x| InstColumns::new(x, with_inst));
        for i in 0..with_inst {
            f(cols.row(i, inst.as_ref()));
        }
        for i in with_inst..cols.status.len() {
            f(cols.row(i, None));
        }
    }

    /// Calls `f` with every agent's [`OutcomeRow::day_values`] in agent order, reading only the
    /// columns they come from (the report's histograms need no more).
    #[inline]
    pub fn for_each_day_values(&self, mut f: impl FnMut([Option<u32>; 3])) {
        let cols = Columns::new(self);
        let with_inst = self.inst.map_or(0, |x| x.len().min(cols.status.len()));
        if let Some(x) = self.inst.map(|x| InstColumns::new(x, with_inst)) {
            for i in 0..with_inst {
                let (waited, to_hearing, _) = x.fields(i, cols.status[i] == Status::Waitlisted, cols.days);
                f([Some(cols.days_in_system(i)), Some(u32::from(waited)), to_hearing.map(u32::from)]);
            }
        }
        for i in with_inst..cols.status.len() {
            f([Some(cols.days_in_system(i)), Some(0), None]);
        }
    }
}

pub struct OutcomesCsv {
    path: PathBuf,
    info: Option<RunInfo>,
}

impl OutcomesCsv {
    pub fn new(path: PathBuf) -> Self {
        OutcomesCsv { path, info: None }
    }
}

impl Sink for OutcomesCsv {
    fn begin(&mut self, info: &RunInfo) -> Result<(), OutputError> {
        self.info = Some(info.clone());
        Ok(())
    }

    fn day(&mut self, _obs: &DayObservation<'_>) -> Result<(), OutputError> {
        Ok(())
    }

    fn outcomes(&mut self, o: &Outcomes<'_>) -> Result<(), OutputError> {
        let info =
            self.info.as_ref().ok_or_else(|| OutputError::Other("outcomes.csv: outcomes before begin".into()))?;
        let mut f = AtomicFile::create(&self.path)?;
        let path = f.path().to_path_buf();
        let w = f.writer();
        let io = |e| OutputError::io(&path, e);
        w.write_all(HEADER.as_bytes()).map_err(io)?;
        // A row per agent (a million rows through `write!` cost more than the simulation's last days):
        // rows are written by position into one fixed buffer, names as padded cells made once per run.
        let mut rows = RowWriter::new(info)?;
        let cols = Columns::new(o);
        let with_inst = o.inst.map_or(0, |x| x.len().min(cols.status.len()));
        let inst = o.inst.map(|x| InstColumns::new(x, with_inst));
        // Agents the institutions know (all of them, or none), then any others; each loop reads its
        // arrays without a bounds check per agent.
        for i in 0..with_inst {
            if rows.pos as usize >= CHUNK {
                w.write_all(rows.take()).map_err(io)?;
            }
            let r = cols.row(i, inst.as_ref());
            rows.put(&r);
        }
        for i in with_inst..cols.status.len() {
            if rows.pos as usize >= CHUNK {
                w.write_all(rows.take()).map_err(io)?;
            }
            let r = cols.row(i, None);
            rows.put(&r);
        }
        w.write_all(rows.take()).map_err(io)?;
        f.commit()
    }
}

/// The per-agent arrays a row reads, each cut to the number of agents once per run.
struct Columns<'a> {
    status: &'a [Status],
    since: &'a [u32],
    born: &'a [u32],
    group: &'a [u32],
    origin: &'a [u32],
    attrs: &'a [Attributes],
    days: u32,
}

/// The institution arrays a row reads, cut to the agents the institutions know.
struct InstColumns<'a> {
    waited: &'a [u16],
    mark: &'a [u32],
    to_hearing: &'a [u16],
    flags: &'a [u16],
}

impl<'a> Columns<'a> {
    fn new(o: &Outcomes<'a>) -> Self {
        let a = o.agents;
        let n = a.len();
        Columns {
            status: &a.status[..n],
            since: &a.since[..n],
            born: &a.born[..n],
            group: &a.group[..n],
            origin: &a.origin[..n],
            attrs: &a.attrs[..n],
            days: o.days,
        }
    }

    /// Days from agent `i`'s creation to the final status it entered, or to the end of the run.
    #[inline(always)]
    fn days_in_system(&self, i: usize) -> u32 {
        // Days in the system stop when a status ends the journey.
        let end = if self.status[i].ends_journey() { self.since[i] } else { self.days };
        end.saturating_sub(self.born[i])
    }

    /// Agent `i`'s row; `inst` is given exactly when `i` is below the institutions' length.
    #[inline(always)]
    fn row(&self, i: usize, inst: Option<&InstColumns<'_>>) -> OutcomeRow {
        let status = self.status[i];
        let (days_waitlisted, days_to_hearing, flags) =
            inst.map_or((0, None, 0), |x| x.fields(i, status == Status::Waitlisted, self.days));
        let group = self.group[i];
        OutcomeRow {
            group: (group != NONE).then_some(group),
            origin: self.origin[i],
            status,
            days_in_system: self.days_in_system(i),
            days_waitlisted,
            days_to_hearing,
            tried_crossing: flags & iflags::TRIED_CROSSING != 0,
            vulnerable: self.attrs[i].vulnerable(),
            returned_under_mpp: flags & iflags::MPP_EVER != 0,
        }
    }
}

impl<'a> InstColumns<'a> {
    fn new(x: &'a InstAgents, n: usize) -> Self {
        InstColumns { waited: &x.waited[..n], mark: &x.mark[..n], to_hearing: &x.to_hearing[..n], flags: &x.flags[..n] }
    }

    /// Agent `i`'s days waitlisted, days to its hearing (None: no hearing date) and its institution
    /// flags (`iflags`). One still `waitlisted` at the end of a run of `days` days has its
    /// stretch on the list so far added, from the day it joined (planner's review of session 31: 20,030
    /// of the 21,000 people still waiting at caravan-2018's end showed 0).
    #[inline(always)]
    fn fields(&self, i: usize, waiting: bool, days: u32) -> (u16, Option<u16>, u16) {
        let to_hearing = self.to_hearing[i];
        let stretch = if waiting { days.saturating_sub(self.mark[i]) } else { 0 };
        let waited = crate::institutions::add_days(self.waited[i], stretch);
        (waited, (to_hearing != u16::MAX).then_some(to_hearing), self.flags[i])
    }
}

/// outcomes.csv rows written by position into a buffer of [`CHUNK`] bytes plus room for one row.
struct RowWriter {
    buf: Vec<u8>,
    /// Where the next row goes (32 bits: the buffer is far smaller, and positions derived from it are then
    /// known not to overflow, which spares a check per write).
    pos: u32,
    id: DecimalCounter,
    origins: Cells,
    statuses: StatusCells,
    numbers: SmallNumbers,
}

impl RowWriter {
    fn new(info: &RunInfo) -> Result<Self, OutputError> {
        let origins = name_cells(&info.place_names);
        let statuses = status_cells()?;
        // Room for one row: the agent, the two cells, four numbers with their commas, and the flags.
        let row_max = DecimalCounter::WIDTH
            + origins.width()
            + StatusCells::WIDTH
            + MAX_U64_DIGITS
            + 1
            + 3 * SmallNumbers::WIDTH
            + TAIL_WIDTH;
        if u32::try_from(CHUNK + row_max).is_err() {
            let longest = info.place_names.iter().map(String::len).max().unwrap_or(0);
            return Err(OutputError::Other(format!(
                "outcomes.csv: the place name of {longest} bytes makes a row of {row_max} bytes, too long to write"
            )));
        }
        Ok(RowWriter {
            buf: vec![0u8; CHUNK + row_max],
            pos: 0,
            id: DecimalCounter::default(),
            origins,
            statuses,
            numbers: SmallNumbers::default(),
        })
    }

    /// The rows written since the last call.
    fn take(&mut self) -> &[u8] {
        let n = std::mem::take(&mut self.pos) as usize;
        &self.buf[..n]
    }

    /// Writes the next agent's row (the caller empties the buffer once `pos` reaches [`CHUNK`]).
    #[inline(always)]
    fn put(&mut self, r: &OutcomeRow) {
        let buf = &mut self.buf[..];
        let mut pos = self.id.put(buf, self.pos as usize);
        self.id.increment();
        if let Some(g) = r.group {
            pos = put_u64(buf, pos, u64::from(g));
        }
        buf[pos] = b',';
        pos = self.origins.put(buf, pos + 1, r.origin as usize);
        pos = self.statuses.put(buf, pos, r.status as usize);
        pos = self.numbers.put(buf, pos, r.days_in_system);
        pos = self.numbers.put(buf, pos, u32::from(r.days_waitlisted));
        if let Some(h) = r.days_to_hearing {
            // The tail starts with the comma the number is written with.
            pos = self.numbers.put(buf, pos, u32::from(h)) - 1;
        }
        let tail =
            usize::from(r.tried_crossing) * 4 + usize::from(r.vulnerable) * 2 + usize::from(r.returned_under_mpp);
        buf[pos..pos + TAIL_WIDTH].copy_from_slice(&TAILS[tail]);
        // Below CHUNK + row_max, which `new` checked fits 32 bits.
        self.pos = (pos + TAIL_LEN) as u32;
    }
}

/// Bytes the row buffer collects before they go to the file.
const CHUNK: usize = 1 << 16;

/// The end of a row after the hearing column, `,tried_crossing,vulnerable,returned_under_mpp\n`, by
/// `tried_crossing * 4 + vulnerable * 2 + returned_under_mpp`, padded to a fixed-length copy of
/// [`TAIL_WIDTH`] bytes of which [`TAIL_LEN`] count.
const TAILS: [[u8; TAIL_WIDTH]; 8] = [
    *b",0,0,0\n\0",
    *b",0,0,1\n\0",
    *b",0,1,0\n\0",
    *b",0,1,1\n\0",
    *b",1,0,0\n\0",
    *b",1,0,1\n\0",
    *b",1,1,0\n\0",
    *b",1,1,1\n\0",
];
const TAIL_WIDTH: usize = 8;
const TAIL_LEN: usize = 7;
