//! Extra charts that drop into a report from other outputs, so new institutions need no report code:
//! - a long table with a `date` column (e.g. `queues.csv`: date, port, waitlist, admitted…) gives one
//!   time chart per numeric column, one line per combination of its text columns;
//! - a table without dates (e.g. `outcomes.csv`, one row per person) gives a histogram of each
//!   numeric column whose name mentions `wait` or `days` (wait-time distributions).

use crate::charts::{self, Series, TimeChart};
use crate::Plot;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// An extra chart.
#[derive(Clone, Debug)]
pub enum Extra {
    /// Lines over days: (label, value per day from the run's start).
    Lines { file: String, title: String, y_label: String, series: Vec<(String, Vec<f64>)> },
    /// A distribution of values.
    Histogram { file: String, title: String, x_label: String, values: Vec<f64> },
}

impl Extra {
    pub fn plot(&self, start: NaiveDate) -> charts::Result<Plot> {
        match self {
            Extra::Lines { file, title, y_label, series } => Ok(Plot {
                file: file.clone(),
                caption: title.clone(),
                svg: charts::time_chart(
                    &TimeChart {
                        title: title.clone(),
                        y_label: y_label.clone(),
                        start,
                        series: series.iter().map(|(l, v)| Series::new(l.clone(), v.clone())).collect(),
                    },
                    (960, 420),
                )?,
            }),
            Extra::Histogram { file, title, x_label, values } => Ok(Plot {
                file: file.clone(),
                caption: format!("{title} ({} people)", values.len()),
                svg: charts::histogram(title, x_label, values, 30, (960, 380))?,
            }),
        }
    }
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Reads the extra charts of a CSV table (see the module doc); days are counted from `start` over
/// `days` days. An empty list when the table has nothing to plot.
pub fn extras_from_csv(path: &Path, start: NaiveDate, days: u32) -> Result<Vec<Extra>, String> {
    let mut r = csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let header: Vec<String> =
        r.headers().map_err(|e| format!("{}: {e}", path.display()))?.iter().map(str::to_string).collect();
    let name = stem(path);
    if header.iter().any(|h| h == "date") {
        let rows: Vec<csv::StringRecord> =
            r.records().collect::<Result<_, _>>().map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok(dated_extras(&name, &header, &rows, start, days));
    }
    // A table without dates (one row per person: a million rows) is read in one pass, keeping only
    // the values of the columns that can become histograms.
    let wanted: Vec<usize> = (0..header.len())
        .filter(|&c| {
            let h = header[c].to_ascii_lowercase();
            h.contains("wait") || h.contains("days")
        })
        .collect();
    let mut cols = Columns {
        wanted: &wanted,
        numeric: vec![true; wanted.len()],
        values: vec![Vec::new(); wanted.len()],
        any: false,
    };
    if !cols.read_plain(path, header.len())? {
        // Quoted fields: the CSV reader proper.
        cols = Columns {
            wanted: &wanted,
            numeric: vec![true; wanted.len()],
            values: vec![Vec::new(); wanted.len()],
            any: false,
        };
        let mut record = csv::ByteRecord::new();
        loop {
            match r.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(format!("{}: {e}", path.display())),
            }
            // Like reading every row as text: a row that is not UTF-8 is an error.
            if let Err(e) = std::str::from_utf8(record.as_slice()) {
                let line = record.position().map_or(0, |p| p.line());
                return Err(format!("{}: invalid UTF-8 in line {line}: {e}", path.display()));
            }
            cols.row(|c| record.get(c));
        }
    }
    let Columns { numeric, mut values, any, .. } = cols;
    let mut out = Vec::new();
    for (k, &c) in wanted.iter().enumerate() {
        if any && numeric[k] && !values[k].is_empty() {
            out.push(Extra::Histogram {
                file: format!("{name}_{}", header[c]),
                title: format!("{name}: distribution of {} (values above 0)", header[c].replace('_', " ")),
                x_label: header[c].replace('_', " "),
                values: std::mem::take(&mut values[k]),
            });
        }
    }
    Ok(out)
}

/// The histogram columns of a table without dates, filled row by row.
struct Columns<'w> {
    wanted: &'w [usize],
    numeric: Vec<bool>,
    values: Vec<Vec<f64>>,
    any: bool,
}

impl Columns<'_> {
    fn row<'r>(&mut self, get: impl Fn(usize) -> Option<&'r [u8]>) {
        self.any = true;
        for (k, &c) in self.wanted.iter().enumerate() {
            if !self.numeric[k] {
                continue;
            }
            match get(c) {
                Some([]) => {}
                Some(v) => match parse_number(v) {
                    // Zero means the person never went through that stage: left out.
                    Some(x) => {
                        if x > 0.0 {
                            self.values[k].push(x);
                        }
                    }
                    None => self.numeric[k] = false,
                },
                None => self.numeric[k] = false,
            }
        }
    }

    /// Reads the rows after the header by splitting lines at commas, which is what the CSV reader
    /// does when no field is quoted. Returns false (having read nothing usable) at the first quote.
    /// The file is read in large blocks and each byte looked at once.
    fn read_plain(&mut self, path: &Path, width: usize) -> Result<bool, String> {
        use std::io::Read;
        let err = |e: std::io::Error| format!("{}: {e}", path.display());
        let mut file = std::fs::File::open(path).map_err(err)?;
        let mut buf: Vec<u8> = Vec::with_capacity(1 << 20);
        let mut bounds: Vec<(usize, usize)> = Vec::with_capacity(width);
        let mut line = 0u64;
        let mut eof = false;
        while !eof {
            let kept = buf.len();
            buf.resize(kept + (1 << 20), 0);
            let n = file.read(&mut buf[kept..]).map_err(err)?;
            buf.truncate(kept + n);
            eof = n == 0;
            let mut start = 0;
            let mut ascii = true;
            bounds.clear();
            for k in 0..buf.len() {
                match buf[k] {
                    b',' => {
                        bounds.push((start, k));
                        start = k + 1;
                    }
                    b'\n' => {
                        line += 1;
                        bounds.push((start, k));
                        self.line(&buf, &mut bounds, ascii, line, width, path)?;
                        bounds.clear();
                        start = k + 1;
                        ascii = true;
                    }
                    b'"' => return Ok(false),
                    b => ascii &= b < 0x80,
                }
            }
            if eof && (start < buf.len() || !bounds.is_empty()) {
                line += 1;
                bounds.push((start, buf.len()));
                self.line(&buf, &mut bounds, ascii, line, width, path)?;
                bounds.clear();
                start = buf.len();
            }
            // Keep the unfinished line for the next block.
            let row_start = bounds.first().map_or(start, |f| f.0);
            buf.drain(..row_start.min(buf.len()));
        }
        Ok(true)
    }

    /// One line of `read_plain`: `bounds` are its fields' byte ranges in `buf`.
    #[allow(clippy::too_many_arguments)]
    fn line(
        &mut self,
        buf: &[u8],
        bounds: &mut [(usize, usize)],
        ascii: bool,
        line: u64,
        width: usize,
        path: &Path,
    ) -> Result<(), String> {
        // A line ending "\r\n": the "\r" is not part of the last field.
        if let Some(last) = bounds.last_mut() {
            if last.1 > last.0 && buf[last.1 - 1] == b'\r' {
                last.1 -= 1;
            }
        }
        let (Some(first), Some(last)) = (bounds.first(), bounds.last()) else { return Ok(()) };
        let text = &buf[first.0..last.1];
        if line == 1 || text.is_empty() {
            return Ok(()); // the header (already read), or a blank line (the CSV reader skips those)
        }
        if !ascii {
            if let Err(e) = std::str::from_utf8(text) {
                return Err(format!("{}: invalid UTF-8 in line {line}: {e}", path.display()));
            }
        }
        if bounds.len() != width {
            return Err(format!("{}: line {line} has {} fields, the header {width}", path.display(), bounds.len()));
        }
        self.row(|c| bounds.get(c).map(|&(a, b)| &buf[a..b]));
        Ok(())
    }
}

/// A CSV field as a number, as `str::parse::<f64>` reads it (plain digits take a shortcut).
fn parse_number(v: &[u8]) -> Option<f64> {
    if v.len() <= 15 && v.iter().all(u8::is_ascii_digit) {
        return Some(v.iter().fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0')) as f64);
    }
    std::str::from_utf8(v).ok()?.parse().ok()
}

/// Time charts of a long table with a `date` column (see the module doc).
fn dated_extras(name: &str, header: &[String], rows: &[csv::StringRecord], start: NaiveDate, days: u32) -> Vec<Extra> {
    let numeric: Vec<bool> = (0..header.len())
        .map(|c| {
            !rows.is_empty()
                && rows.iter().all(|row| row.get(c).is_some_and(|v| v.is_empty() || v.parse::<f64>().is_ok()))
        })
        .collect();
    let mut out = Vec::new();
    if let Some(dc) = header.iter().position(|h| h == "date") {
        let labels: Vec<usize> = (0..header.len()).filter(|&c| c != dc && !numeric[c]).collect();
        for c in (0..header.len()).filter(|&c| c != dc && numeric[c]) {
            let mut series: BTreeMap<String, Vec<f64>> = BTreeMap::new();
            for row in rows {
                let Some(date) = row.get(dc).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) else {
                    continue;
                };
                let day = (date - start).num_days();
                if day < 0 || day >= i64::from(days) {
                    continue;
                }
                let label = labels.iter().filter_map(|&l| row.get(l)).collect::<Vec<_>>().join(" ");
                let v: f64 = row.get(c).and_then(|v| v.parse().ok()).unwrap_or(0.0);
                series.entry(label).or_insert_with(|| vec![0.0; days as usize])[day as usize] += v;
            }
            let groups = by_scale(series.into_iter().filter(|s| s.1.iter().any(|v| *v != 0.0)).collect());
            let many = groups.len() > 1;
            for (k, group) in groups.into_iter().enumerate() {
                let part = match (many, k) {
                    (false, _) => String::new(),
                    (true, 0) => " (largest values)".to_string(),
                    (true, k) => format!(" (smaller values, group {})", k + 1),
                };
                out.push(Extra::Lines {
                    file: if k == 0 {
                        format!("{name}_{}", header[c])
                    } else {
                        format!("{name}_{}_{}", header[c], k + 1)
                    },
                    title: format!("{name}: {}{part}", header[c].replace('_', " ")),
                    y_label: header[c].replace('_', " "),
                    series: group,
                });
            }
        }
    }
    out
}

/// Splits series so that each chart's lines are of a similar size: sorted by peak, a new group
/// starts when a series' peak is below a twentieth of its group's largest (a court backlog of
/// 800,000 would otherwise flatten waitlists of a few thousand).
fn by_scale(mut series: Vec<(String, Vec<f64>)>) -> Vec<Vec<(String, Vec<f64>)>> {
    let peak = |s: &(String, Vec<f64>)| s.1.iter().copied().fold(0.0, f64::max);
    series.sort_by(|a, b| peak(b).total_cmp(&peak(a)).then_with(|| a.0.cmp(&b.0)));
    let mut groups: Vec<Vec<(String, Vec<f64>)>> = Vec::new();
    let mut top = 0.0;
    for s in series {
        let p = peak(&s);
        match groups.last_mut() {
            Some(g) if p * 20.0 >= top => g.push(s),
            _ => {
                top = p;
                groups.push(vec![s]);
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_and_outcome_tables_become_charts() {
        let dir = std::env::temp_dir().join(format!("corridor-extras-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let q = dir.join("queues.csv");
        std::fs::write(&q, "date,port,waitlist,admitted\n2018-01-01,San Ysidro,10,1\n2018-01-02,San Ysidro,12,2\n2018-01-02,El Paso,0.5,0\n").unwrap();
        let o = dir.join("outcomes.csv");
        std::fs::write(&o, "agent,status,wait_days,origin\n1,granted,30,HN\n2,denied,400,SV\n3,denied,0,SV\n").unwrap();
        let start = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
        let qx = extras_from_csv(&q, start, 3).unwrap();
        assert_eq!(qx.len(), 3, "{qx:?}"); // waitlist (two scales: 12 vs 0.5) and admitted
        match &qx[0] {
            Extra::Lines { series, file, .. } => {
                assert_eq!(file, "queues_waitlist");
                assert_eq!(series.len(), 1);
                let sy = &series.iter().find(|s| s.0 == "San Ysidro").unwrap().1;
                assert_eq!(sy, &vec![10.0, 12.0, 0.0]);
            }
            other => panic!("{other:?}"),
        }
        let ox = extras_from_csv(&o, start, 3).unwrap();
        assert_eq!(ox.len(), 1);
        assert!(matches!(&ox[0], Extra::Histogram { values, .. } if values == &vec![30.0, 400.0]));
        // A quoted field (a place name with a comma) takes the CSV reader proper: same histogram.
        let quoted = dir.join("quoted.csv");
        std::fs::write(&quoted, "agent,origin,wait_days\n1,\"Tapachula, MX\",30\n2,SV,400\n3,SV,0\n").unwrap();
        let qo = extras_from_csv(&quoted, start, 3).unwrap();
        assert!(matches!(&qo[..], [Extra::Histogram { values, .. }] if values == &vec![30.0, 400.0]), "{qo:?}");
        // A row with a missing field is an error, as with the CSV reader.
        let ragged = dir.join("ragged.csv");
        std::fs::write(&ragged, "agent,wait_days\n1,30\n2\n").unwrap();
        assert!(extras_from_csv(&ragged, start, 3).is_err());
        for x in qx.iter().chain(&ox) {
            assert!(x.plot(start).unwrap().svg.contains("<svg"));
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
