//! `outcomes.csv`: one row per agent at the end of the run (status, time in the system, waits, flags).
//! Columns: `agent,group,origin,status,days_in_system,days_waitlisted,days_to_hearing,crossed_between_ports,vulnerable`.

use super::daily::csv_field;
use super::{AtomicFile, OutputError};
use crate::institutions::iflags;
use crate::observe::{DayObservation, Outcomes, RunInfo, Sink};
use crate::population::{Status, NONE};
use std::io::Write;
use std::path::PathBuf;

/// The header line of outcomes.csv.
pub const HEADER: &str =
    "agent,group,origin,status,days_in_system,days_waitlisted,days_to_hearing,crossed_between_ports,vulnerable\n";

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
    pub crossed: bool,
    pub vulnerable: bool,
}

impl OutcomeRow {
    /// The values of [`DAY_COLUMNS`], in that order (None: an empty field).
    pub fn day_values(&self) -> [Option<u32>; 3] {
        [Some(self.days_in_system), Some(u32::from(self.days_waitlisted)), self.days_to_hearing.map(u32::from)]
    }
}

impl Outcomes<'_> {
    /// Agent `i`'s row of outcomes.csv.
    #[inline]
    pub fn row(&self, i: usize) -> OutcomeRow {
        let a = self.agents;
        let status = a.status[i];
        let end = if is_final(status) { a.since[i] } else { self.days };
        let (days_waitlisted, days_to_hearing, crossed) = match self.inst {
            Some(x) if i < x.len() => (
                x.waited[i],
                (x.to_hearing[i] != u16::MAX).then_some(x.to_hearing[i]),
                x.flags[i] & iflags::CROSSED != 0,
            ),
            _ => (0, None, false),
        };
        OutcomeRow {
            group: (a.group[i] != NONE).then_some(a.group[i]),
            origin: a.origin[i],
            status,
            days_in_system: end.saturating_sub(a.born[i]),
            days_waitlisted,
            days_to_hearing,
            crossed,
            vulnerable: a.attrs[i].vulnerable(),
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
        w.write_all(HEADER.as_bytes()).map_err(io)?;
        // Rows are formatted by hand into one buffer (this file has a row per agent: a million rows
        // through `write!` cost more than the simulation's last days).
        let origins: Vec<String> = info.place_names.iter().map(|n| csv_field(n).into_owned()).collect();
        let mut row: Vec<u8> = Vec::with_capacity(1 << 18);
        let mut id = DecimalCounter::default();
        for i in 0..a.len() {
            let r = o.row(i);
            row.extend_from_slice(id.digits());
            id.increment();
            row.push(b',');
            if let Some(g) = r.group {
                push_u64(&mut row, u64::from(g));
            }
            row.push(b',');
            row.extend_from_slice(origins[r.origin as usize].as_bytes());
            row.push(b',');
            row.extend_from_slice(r.status.name().as_bytes());
            row.push(b',');
            push_u64(&mut row, u64::from(r.days_in_system));
            row.push(b',');
            push_u64(&mut row, u64::from(r.days_waitlisted));
            row.push(b',');
            if let Some(h) = r.days_to_hearing {
                push_u64(&mut row, u64::from(h));
            }
            row.push(b',');
            row.push(if r.crossed { b'1' } else { b'0' });
            row.push(b',');
            row.push(if r.vulnerable { b'1' } else { b'0' });
            row.push(b'\n');
            if row.len() >= (1 << 18) - 256 {
                w.write_all(&row).map_err(|e| OutputError::io(&path, e))?;
                row.clear();
            }
        }
        w.write_all(&row).map_err(|e| OutputError::io(&path, e))?;
        f.commit()
    }
}

/// A number kept as its decimal digits, counting up from 0 (the agent column: no division per row).
struct DecimalCounter {
    digits: [u8; 20],
    start: usize,
}

impl Default for DecimalCounter {
    fn default() -> Self {
        DecimalCounter { digits: [b'0'; 20], start: 19 }
    }
}

impl DecimalCounter {
    fn digits(&self) -> &[u8] {
        &self.digits[self.start..]
    }

    fn increment(&mut self) {
        let mut k = self.digits.len();
        while k > 0 {
            k -= 1;
            if self.digits[k] == b'9' {
                self.digits[k] = b'0';
            } else {
                self.digits[k] += 1;
                self.start = self.start.min(k);
                return;
            }
        }
    }
}

/// Appends `v` in decimal (what `write!("{v}")` writes).
#[inline]
pub fn push_u64(out: &mut Vec<u8>, mut v: u64) {
    if v < 10 {
        out.push(b'0' + v as u8);
        return;
    }
    if v < 100 {
        out.extend_from_slice(&[b'0' + (v / 10) as u8, b'0' + (v % 10) as u8]);
        return;
    }
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[k..]);
}

#[cfg(test)]
mod tests {
    use super::{push_u64, DecimalCounter};

    #[test]
    fn counter_counts_in_decimal() {
        let mut c = DecimalCounter::default();
        for v in 0..100_500u64 {
            assert_eq!(c.digits(), v.to_string().as_bytes());
            c.increment();
        }
    }

    #[test]
    fn decimal_digits_match_format() {
        for v in [0u64, 7, 10, 99, 100, 12_345, 4_294_967_295, u64::MAX] {
            let mut out = Vec::new();
            push_u64(&mut out, v);
            assert_eq!(String::from_utf8(out).unwrap(), v.to_string());
        }
    }
}
