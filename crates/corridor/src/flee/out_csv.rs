//! FLEE's `out.csv`: a writer that reproduces `runscripts/run.py`'s rows byte for byte,
//! and a reader for comparing against FLEE's own output files.

use std::io::{self, Write};
use std::path::Path;

use chrono::{Days, NaiveDate};

use super::csvread::{explain_quotes, py_float, py_int, read_rows, Row};
use super::error::{FleeInputError, Location};
use super::pyfmt::{np_round, np_round4_units, put_py_float_repr, put_ten_thousandths};
use crate::output::rowbuf::LineBuf;

/// The six columns after the per-camp triplets, in order.
pub const TAIL_COLUMNS: [&str; 6] = [
    "Total error",
    "refugees in camps (UNHCR)",
    "total refugees (simulation)",
    "raw UNHCR refugee count",
    "refugees in camps (simulation)",
    "refugee_debt",
];

/// One day's numbers, as run.py has them after simulating day `day`.
#[derive(Debug, Clone, Copy)]
pub struct OutDay<'a> {
    /// Day index t (from 0).
    pub day: u32,
    /// Agents in each camp at the end of the day, in camp order.
    pub camp_sim: &'a [i64],
    /// Validation value of each camp that day (`ValidationData::field`).
    pub camp_data: &'a [i64],
    /// All agents in the simulation.
    pub total_agents: i64,
    /// `raw UNHCR refugee count` (`SpawnDay::raw_count`).
    pub raw_count: i64,
    /// `refugee_debt` (`SpawnDay::debt`).
    pub debt: i64,
    /// `total IDPs`: agents at IDP camps (FLEE's `numIDPs`), written only when the writer was asked
    /// for the column (`log_levels.idp_totals`).
    pub idps: i64,
}

/// FLEE's per-camp error: |sim/data − 1| rounded (NumPy) to 4 decimals, 0 when data < 1e-5
/// (`postprocessing/analysis.py:rel_error`).
pub fn rel_error(sim: i64, data: i64) -> f64 {
    rel_error_units(sim, data) / 10f64.powi(4)
}

/// [`rel_error`] in ten-thousandths, before `np_round`'s division (a whole number), which out.csv
/// writes from it (`put_ten_thousandths`).
fn rel_error_units(sim: i64, data: i64) -> f64 {
    if (data as f64) < 0.00001 {
        return 0.0;
    }
    // What the expression below gives, without its rounding, in the two commonest cases: an empty
    // camp (|0 − 1| = 1) and an exact match (0).
    if sim == 0 {
        return 10_000.0;
    }
    if sim == data {
        return 0.0;
    }
    np_round4_units((sim as f64 / data as f64 - 1.0).abs())
}

/// Below this magnitude two counts, their difference and 10⁴ times it are exact doubles, so
/// [`abs_difference`]'s rounding to four decimals gives the whole difference itself.
const EXACT_DIFFERENCE: u64 = 1 << 38;

/// A camp's term of FLEE's total error: |sim − data| rounded (NumPy) to 4 decimals.
pub fn abs_difference(sim: i64, data: i64) -> f64 {
    if sim.unsigned_abs() < EXACT_DIFFERENCE && data.unsigned_abs() < EXACT_DIFFERENCE {
        return (sim - data).unsigned_abs() as f64;
    }
    np_round((sim as f64 - data as f64).abs(), 4)
}

/// Writes `out.csv` in FLEE's layout.
pub struct OutCsvWriter<W: Write> {
    out: W,
    camps: Vec<String>,
    start: NaiveDate,
    /// The line being written (kept between days for its capacity).
    line: LineBuf,
    /// Whether rows end with FLEE's `total IDPs` column (`log_levels.idp_totals` above 0).
    idp_totals: bool,
}

impl<W: Write> OutCsvWriter<W> {
    /// A writer for `camps` (in `locations.csv` order) and the simulation start date.
    pub fn new(out: W, camps: Vec<String>, start: NaiveDate) -> Self {
        OutCsvWriter { out, camps, start, line: LineBuf::default(), idp_totals: false }
    }

    /// The writer with FLEE's `total IDPs` column after the totals, as run.py writes it when
    /// `log_levels.idp_totals` is above 0.
    pub fn with_idp_totals(mut self, on: bool) -> Self {
        self.idp_totals = on;
        self
    }

    /// Writes the header line.
    pub fn write_header(&mut self) -> io::Result<()> {
        let mut s = String::from("Day,Date,");
        for c in &self.camps {
            s.push_str(&format!("{c} sim,{c} data,{c} error,"));
        }
        s.push_str(&TAIL_COLUMNS.join(","));
        if self.idp_totals {
            s.push_str(",total IDPs");
        }
        writeln!(self.out, "{s}")
    }

    /// Writes one day. `Date` is start + day + 1 (FLEE prints the date after evolving).
    /// When the raw count is not positive FLEE writes `0.0,0,<agents>,0,<in camps>,0`.
    pub fn write_day(&mut self, d: &OutDay<'_>) -> io::Result<()> {
        let n = self.camps.len();
        if d.camp_sim.len() != n || d.camp_data.len() != n {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "day {}: {} camps, but {} sim and {} data values",
                    d.day,
                    n,
                    d.camp_sim.len(),
                    d.camp_data.len()
                ),
            ));
        }
        let date = self
            .start
            .checked_add_days(Days::new(u64::from(d.day) + 1))
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "date out of range"))?;
        // The line is built by hand into one buffer: a `format!` per value cost more than the rest.
        let s = &mut self.line;
        s.clear();
        s.u64(u64::from(d.day));
        s.byte(b',');
        s.bytes(crate::time::iso_date(date).as_bytes());
        let mut abs_sum = 0.0f64;
        for (sim, data) in d.camp_sim.iter().zip(d.camp_data) {
            let err = rel_error_units(*sim, *data);
            s.byte(b',');
            s.i64(*sim);
            s.byte(b',');
            s.i64(*data);
            s.byte(b',');
            if !put_ten_thousandths(s, err) {
                put_py_float_repr(s, err / 10f64.powi(4));
            }
            abs_sum += abs_difference(*sim, *data);
        }
        let in_camps: i64 = d.camp_sim.iter().sum();
        if d.raw_count > 0 {
            let data_sum: i64 = d.camp_data.iter().sum();
            let total_error = abs_sum / d.raw_count as f64;
            s.byte(b',');
            put_py_float_repr(s, total_error);
            for v in [data_sum, d.total_agents, d.raw_count, in_camps, d.debt] {
                s.byte(b',');
                s.i64(v);
            }
        } else {
            s.bytes(b",0.0,0,");
            s.i64(d.total_agents);
            s.bytes(b",0,");
            s.i64(in_camps);
            s.bytes(b",0");
        }
        if self.idp_totals {
            s.byte(b',');
            s.i64(d.idps);
        }
        s.byte(b'\n');
        self.out.write_all(s.as_bytes())
    }

    /// The underlying writer.
    pub fn into_inner(self) -> W {
        self.out
    }
}

/// One parsed row of an `out.csv`.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub struct OutCsvRow {
    pub day: i64,
    pub date: String,
    pub camp_sim: Vec<i64>,
    pub camp_data: Vec<i64>,
    pub camp_error: Vec<f64>,
    pub total_error: f64,
    pub unhcr_in_camps: i64,
    pub total_agents: i64,
    pub raw_count: i64,
    pub sim_in_camps: i64,
    pub debt: i64,
}

/// A parsed `out.csv` (extra trailing columns such as `total IDPs` are ignored).
#[derive(Debug, Clone, PartialEq)]
pub struct OutCsv {
    /// Camp names, in column order.
    pub camps: Vec<String>,
    /// One row per day.
    pub rows: Vec<OutCsvRow>,
}

impl OutCsv {
    /// Reads an `out.csv` written by FLEE (or by [`OutCsvWriter`]). An error an unbalanced quote
    /// led to (in a row, or in the header that names the columns) names the quote.
    pub fn read(path: &Path) -> Result<Self, FleeInputError> {
        let rows = read_rows(path)?;
        Self::of_rows(path, &rows).map_err(|e| {
            let header = rows.first().map(|r| &r.cells);
            let field = |i: usize| header.and_then(|h| h.get(i).cloned());
            explain_quotes(path, e, rows.first().map(|r| r.line), field)
        })
    }

    /// The table of `rows`, read from `path`.
    fn of_rows(path: &Path, rows: &[Row]) -> Result<Self, FleeInputError> {
        let Some((header, body)) = rows.split_first() else {
            return Err(FleeInputError::invalid(Location::file(path), "a header line", "an empty file"));
        };
        let h = &header.cells;
        let bad_header = |what: &str| {
            FleeInputError::invalid(
                Location::file(path).line(header.line),
                what.to_string(),
                format!("`{}`", h.join(",")),
            )
        };
        if h.len() < 2 || h[0] != "Day" || h[1] != "Date" {
            return Err(bad_header("a header starting `Day,Date`"));
        }
        let mut camps = Vec::new();
        let mut i = 2;
        while let Some(name) = h.get(i).and_then(|c| c.strip_suffix(" sim")) {
            if h.get(i + 1) != Some(&format!("{name} data")) || h.get(i + 2) != Some(&format!("{name} error")) {
                return Err(bad_header("`<camp> sim,<camp> data,<camp> error` triplets"));
            }
            camps.push(name.to_string());
            i += 3;
        }
        if h.get(i..i + 6).is_none_or(|t| t.iter().zip(TAIL_COLUMNS).any(|(a, b)| a != b)) {
            return Err(bad_header("FLEE's six total columns after the camps"));
        }
        let n = camps.len();
        let mut out = Vec::with_capacity(body.len());
        for row in body {
            let cell = |j: usize| -> Result<&str, FleeInputError> {
                let name = h.get(j).map(String::as_str).unwrap_or("?");
                row.cell(j, path, name)
            };
            let int = |j: usize| -> Result<i64, FleeInputError> {
                let t = cell(j)?;
                py_int(t).ok_or_else(|| {
                    let f = h.get(j).cloned().unwrap_or_default();
                    FleeInputError::invalid(
                        Location::file(path).line(row.line).field(f),
                        "an integer",
                        format!("`{t}`"),
                    )
                })
            };
            let float = |j: usize| -> Result<f64, FleeInputError> {
                let t = cell(j)?;
                py_float(t).ok_or_else(|| {
                    let f = h.get(j).cloned().unwrap_or_default();
                    FleeInputError::invalid(Location::file(path).line(row.line).field(f), "a number", format!("`{t}`"))
                })
            };
            let mut r = OutCsvRow {
                day: int(0)?,
                date: cell(1)?.to_string(),
                camp_sim: Vec::with_capacity(n),
                camp_data: Vec::with_capacity(n),
                camp_error: Vec::with_capacity(n),
                total_error: float(i)?,
                unhcr_in_camps: int(i + 1)?,
                total_agents: int(i + 2)?,
                raw_count: int(i + 3)?,
                sim_in_camps: int(i + 4)?,
                debt: int(i + 5)?,
            };
            for c in 0..n {
                r.camp_sim.push(int(2 + 3 * c)?);
                r.camp_data.push(int(3 + 3 * c)?);
                r.camp_error.push(float(4 + 3 * c)?);
            }
            out.push(r);
        }
        Ok(OutCsv { camps, rows: out })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_flee_rows() {
        let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        let mut w = OutCsvWriter::new(Vec::new(), vec!["D".into(), "E".into()], start);
        w.write_header().unwrap();
        let d =
            OutDay { day: 1, camp_sim: &[0, 1], camp_data: &[1, 2], total_agents: 3, raw_count: 5, debt: 0, idps: 0 };
        w.write_day(&d).unwrap();
        let d0 =
            OutDay { day: 0, camp_sim: &[0, 1], camp_data: &[0, 0], total_agents: 1, raw_count: 0, debt: 0, idps: 0 };
        w.write_day(&d0).unwrap();
        let text = String::from_utf8(w.into_inner()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Day,Date,D sim,D data,D error,E sim,E data,E error,Total error,refugees in camps (UNHCR),total refugees (simulation),raw UNHCR refugee count,refugees in camps (simulation),refugee_debt");
        assert_eq!(lines[1], "1,2010-01-03,0,1,1.0,1,2,0.5,0.4,3,3,5,1,0");
        assert_eq!(lines[2], "0,2010-01-02,0,0,0.0,1,0,0.0,0.0,0,1,0,1,0");
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn writes_negative_and_large_numbers_as_display_does() {
        let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        let mut w = OutCsvWriter::new(Vec::new(), vec!["D".into(), "E".into()], start);
        let (sim, data) = ([-3, i64::MAX], [7, i64::MIN + 1]);
        let d =
            OutDay { day: 12_345, camp_sim: &sim, camp_data: &data, total_agents: -1, raw_count: 3, debt: -9, idps: 0 };
        w.write_day(&d).unwrap();
        let text = String::from_utf8(w.into_inner()).unwrap();
        let e0 = crate::flee::pyfmt::py_float_repr(rel_error(-3, 7));
        let e1 = crate::flee::pyfmt::py_float_repr(rel_error(i64::MAX, i64::MIN + 1));
        let abs = np_round(10.0, 4) + np_round((i64::MAX as f64 - (i64::MIN + 1) as f64).abs(), 4);
        let total = crate::flee::pyfmt::py_float_repr(abs / 3.0);
        let want = format!(
            "12345,2043-10-21,-3,7,{e0},{},{},{e1},{total},{},-1,3,{},-9\n",
            i64::MAX,
            i64::MIN + 1,
            7 + i64::MIN + 1,
            i64::MAX - 3
        );
        assert_eq!(text, want);
    }

    #[test]
    fn mismatched_lengths_are_an_error_not_a_panic() {
        let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        let mut w = OutCsvWriter::new(Vec::new(), vec!["D".into()], start);
        let d = OutDay { day: 0, camp_sim: &[], camp_data: &[1], total_agents: 0, raw_count: 0, debt: 0, idps: 0 };
        assert!(w.write_day(&d).is_err());
    }

    /// The shortcuts of `rel_error` and `abs_difference` give what FLEE's expressions give, from small
    /// counts to the largest.
    #[test]
    fn error_shortcuts_agree_with_the_rounded_expressions() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut values = vec![0, 1, -1, 5, 1 << 38, (1 << 38) - 1, -(1 << 38), i64::MAX, i64::MIN + 1, i64::MIN];
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            values.push((state >> (state % 64)) as i64);
            values.push((state % 1000) as i64);
        }
        let small = (0..300).flat_map(|s| (-2..300).map(move |d| [s, d]));
        for w in values.windows(2).map(|w| [w[0], w[1]]).chain(small) {
            let [sim, data] = w;
            for (s, d) in [(sim, data), (0, data), (data, data)] {
                let want = if (d as f64) < 0.00001 { 0.0 } else { np_round((s as f64 / d as f64 - 1.0).abs(), 4) };
                assert_eq!(rel_error(s, d).to_bits(), want.to_bits(), "rel_error({s}, {d})");
                let want = np_round((s as f64 - d as f64).abs(), 4);
                assert_eq!(abs_difference(s, d).to_bits(), want.to_bits(), "abs_difference({s}, {d})");
                // out.csv's error cell, written from the ten-thousandths: the text of the error.
                let mut line = LineBuf::default();
                if !put_ten_thousandths(&mut line, rel_error_units(s, d)) {
                    put_py_float_repr(&mut line, rel_error(s, d));
                }
                let text = crate::flee::pyfmt::py_float_repr(rel_error(s, d));
                assert_eq!(line.as_bytes(), text.as_bytes(), "error cell of ({s}, {d})");
            }
        }
    }

    #[test]
    fn rel_error_rounds_like_numpy() {
        assert_eq!(rel_error(925, 926), 0.0011);
        assert_eq!(rel_error(5, 0), 0.0);
        assert_eq!(rel_error(5, -3), 0.0);
    }

    /// An out.csv read back (compare, ARD) with an unbalanced quote says where it is, not only what
    /// it did: a day that is not a number, named by its header.
    #[test]
    fn an_unbalanced_quote_is_named_as_the_cause() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.csv");
        let head = format!("Day,Date,D sim,D data,D error,{}\n", TAIL_COLUMNS.join(","));
        std::fs::write(&p, format!("{head}\"1,\"2010-01-03,0,1,1.0,0.4,3,3,5,1,0\n")).unwrap();
        let msg = OutCsv::read(&p).unwrap_err().to_string();
        assert!(msg.contains("out.csv:2: `Day`: unbalanced quotes: column 1, `\"1,\"2010-01-03`"), "{msg}");
        assert!(msg.ends_with("Read so: `Day`: expected an integer, found `1,2010-01-03`"), "{msg}");
    }
}
