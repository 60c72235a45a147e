//! `outcomes.csv`: one row per agent at the end of the run (status, time in the system, waits, flags).
//! Columns: `agent,group,origin,status,days_in_system,days_waitlisted,days_to_hearing,crossed_between_ports,vulnerable`.

use super::daily::csv_field;
use super::{AtomicFile, OutputError};
use crate::institutions::iflags;
use crate::observe::{DayObservation, Outcomes, RunInfo, Sink};
use crate::population::{Status, NONE};
use std::io::Write;
use std::path::PathBuf;

pub struct OutcomesCsv {
    path: PathBuf,
    info: Option<RunInfo>,
}

impl OutcomesCsv {
    pub fn new(path: PathBuf) -> Self {
        OutcomesCsv { path, info: None }
    }
}

/// Statuses that end a person's journey: their days in the system stop when they enter one.
pub fn is_final(s: Status) -> bool {
    matches!(
        s,
        Status::Deported
            | Status::CrossedBetweenPorts
            | Status::Granted
            | Status::Denied
            | Status::InAbsentia
            | Status::ReturnedHome
            | Status::DeadOrMissing
    )
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
        let a = o.agents;
        let w = f.writer();
        let io = |e| OutputError::io(&path, e);
        w.write_all(b"agent,group,origin,status,days_in_system,days_waitlisted,days_to_hearing,crossed_between_ports,vulnerable\n")
            .map_err(io)?;
        for i in 0..a.len() {
            let s = a.status[i];
            let end = if is_final(s) { a.since[i] } else { o.days };
            let (waited, hearing, crossed) = match o.inst {
                Some(x) if i < x.len() => (
                    x.waited[i],
                    (x.to_hearing[i] != u16::MAX).then_some(x.to_hearing[i]),
                    x.flags[i] & iflags::CROSSED != 0,
                ),
                _ => (0, None, false),
            };
            let group = if a.group[i] == NONE { String::new() } else { a.group[i].to_string() };
            writeln!(
                w,
                "{i},{group},{},{},{},{waited},{},{},{}",
                csv_field(&info.place_names[a.origin[i] as usize]),
                s.name(),
                end.saturating_sub(a.born[i]),
                hearing.map(|h| h.to_string()).unwrap_or_default(),
                u8::from(crossed),
                u8::from(a.attrs[i].vulnerable()),
            )
            .map_err(|e| OutputError::io(&path, e))?;
        }
        f.commit()
    }
}
