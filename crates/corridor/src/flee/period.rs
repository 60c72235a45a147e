//! `sim_period.csv` and `registration_corrections.csv`, read as FLEE reads them.
//! Also the `%Y-%m-%d` date parsing that every FLEE data file shares.

use std::path::Path;

use chrono::NaiveDate;

use super::csvread::{explain_quotes, parse_rows, py_int};
use super::error::{FleeInputError, Location};
use super::files::FileCache;
use crate::time::MAX_DAYS;

/// Parses a `%Y-%m-%d` date as Python's `datetime.strptime` does (no blanks allowed).
pub fn parse_date(text: &str, at: Location) -> Result<NaiveDate, FleeInputError> {
    parse_date_at(text, || at)
}

/// [`parse_date`] with the location made only for an error (series files hold a date per row).
pub fn parse_date_at(text: &str, at: impl FnOnce() -> Location) -> Result<NaiveDate, FleeInputError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| crate::time::four_digit_year(text))
        .ok_or_else(|| FleeInputError::invalid(at(), "a date YYYY-MM-DD", format!("`{text}`")))
}

/// The simulated period from `sim_period.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimPeriod {
    /// `StartDate`: day 0 of the simulation.
    pub start_date: NaiveDate,
    /// `Length` in days (0 when the file has no `Length` row, as in FLEE).
    pub length: u32,
    /// 1-based line of the `Length` row that counts (the last), when there is one.
    pub length_line: Option<u64>,
}

impl SimPeriod {
    /// Reads `sim_period.csv`: rows `StartDate,<date>` and `Length,<days>`, names matched
    /// case-insensitively, later rows overriding earlier ones, other rows ignored
    /// (FLEE `datamanager/read_period.py:32-38`). An error an unbalanced quote led to (a row run
    /// into one cell, and so not found) names the quote.
    /// The file is read through `files`.
    pub fn read(files: &FileCache, path: &Path) -> Result<Self, FleeInputError> {
        Self::read_unexplained(files, path).map_err(|e| explain_quotes(path, e, None, |_| None))
    }

    /// [`read`](Self::read), its errors as found.
    fn read_unexplained(files: &FileCache, path: &Path) -> Result<Self, FleeInputError> {
        let mut start = None;
        let mut start_line = 0;
        let mut length = 0u32;
        let mut length_line = None;
        for row in parse_rows(&files.bytes(path)?, path)? {
            let Some(key) = row.cells.first() else {
                continue;
            };
            let key = key.to_lowercase();
            if key == "startdate" {
                let text = row.cell(1, path, "StartDate")?;
                let at = Location::file(path).line(row.line).field("StartDate").column(1);
                start = Some(parse_date(text, at)?);
                start_line = row.line;
            } else if key == "length" {
                let text = row.cell(1, path, "Length")?;
                let at = Location::file(path).line(row.line).field("Length").column(1);
                length = py_int(text).and_then(|v| u32::try_from(v).ok()).ok_or_else(|| {
                    FleeInputError::invalid(at.clone(), "a whole number of days", format!("`{text}`"))
                })?;
                length_line = Some(row.line);
                if length > MAX_DAYS {
                    return Err(FleeInputError::invalid(
                        at,
                        format!("at most {MAX_DAYS} days (1,000 years: corridor's longest period)"),
                        format!("`{text}`"),
                    ));
                }
            }
        }
        let start_date = start.ok_or_else(|| {
            FleeInputError::invalid(Location::file(path).field("StartDate"), "a `StartDate,YYYY-MM-DD` row", "none")
        })?;
        if start_date.checked_add_days(chrono::Days::new(u64::from(length))).is_none() {
            return Err(FleeInputError::invalid(
                Location::file(path).line(start_line).field("StartDate"),
                "a period that ends within the calendar (before the year 262,143)",
                format!("{length} days from {start_date}"),
            ));
        }
        Ok(SimPeriod { start_date, length, length_line })
    }
}

/// The name of cell `i` of a `registration_corrections.csv` row (`name,date[,anything]`), for messages.
pub(super) fn correction_field(i: usize) -> Option<String> {
    ["name", "date"].get(i).map(|f| f.to_string())
}

/// One row of `registration_corrections.csv`: from `date` on, `name`'s series switches
/// to a new registration level, and FLEE rescales the earlier points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationCorrection {
    /// Series (camp) name as in `data_layout.csv`.
    pub name: String,
    /// Date of the first point of the new level (must be a dated point of the series).
    pub date: NaiveDate,
    /// 1-based line in the corrections file, for error messages.
    pub line: u64,
}

/// The rows of one `registration_corrections.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegistrationCorrections {
    /// The file they came from (for error messages).
    pub path: std::path::PathBuf,
    /// The rows, in file order (FLEE applies them in this order).
    pub rows: Vec<RegistrationCorrection>,
}

/// Reads `registration_corrections.csv` (`name,date[,anything]`). A missing file means
/// no corrections, as in FLEE (`handle_refugee_data.py:54`); rows with fewer than two
/// cells are skipped. An error an unbalanced quote led to names the quote. The file is read through `files`.
pub fn read_registration_corrections(
    files: &FileCache,
    path: &Path,
) -> Result<RegistrationCorrections, FleeInputError> {
    let mut out = RegistrationCorrections { path: path.to_path_buf(), rows: Vec::new() };
    if !super::files::present(path) {
        return Ok(out);
    }
    for row in parse_rows(&files.bytes(path)?, path)? {
        if row.cells.len() < 2 {
            continue;
        }
        let at = Location::file(path).line(row.line).field("date").column(1);
        let date = parse_date(&row.cells[1], at).map_err(|e| explain_quotes(path, e, None, correction_field))?;
        out.rows.push(RegistrationCorrection { name: row.cells[0].clone(), date, line: row.line });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// Writes `text` to `name` in `dir` (a test's own temporary folder, removed when the test ends).
    fn temp_file(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
        let path = dir.path().join(name);
        let mut f = std::fs::File::create(&path).unwrap();
        f.write_all(text.as_bytes()).unwrap();
        path
    }

    #[test]
    fn reads_period_case_insensitively() {
        let dir = tempfile::tempdir().unwrap();
        let p = temp_file(&dir, "p1.csv", "startdate,2012-02-29\nLENGTH,300\n");
        let sp = SimPeriod::read(&FileCache::default(), &p).unwrap();
        assert_eq!(sp.start_date, NaiveDate::from_ymd_opt(2012, 2, 29).unwrap());
        assert_eq!(sp.length, 300);
        assert_eq!(sp.length_line, Some(2));
        let p = temp_file(&dir, "p1b.csv", "StartDate,2012-02-29\n");
        assert_eq!(
            (
                SimPeriod::read(&FileCache::default(), &p).unwrap().length,
                SimPeriod::read(&FileCache::default(), &p).unwrap().length_line
            ),
            (0, None)
        );
    }

    /// Bad-input review of session 32: `StartDate,10-01-01` ran from the year 10, where FLEE's
    /// `strptime` (`%Y`, four digits) refuses it.
    #[test]
    fn a_year_of_two_digits_is_refused_as_flee_refuses_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = temp_file(&dir, "p.csv", "StartDate,10-01-01\nLength,90\n");
        let msg = SimPeriod::read(&FileCache::default(), &p).unwrap_err().to_string();
        assert!(msg.contains("p.csv:1") && msg.contains("`10-01-01`"), "{msg}");
        let p = temp_file(&dir, "q.csv", "StartDate,0010-01-01\nLength,90\n");
        assert!(SimPeriod::read(&FileCache::default(), &p).is_ok(), "four digits, as Python reads them");
    }

    #[test]
    fn bad_length_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = temp_file(&dir, "p2.csv", "StartDate,2012-02-29\nLength,abc\n");
        let msg = SimPeriod::read(&FileCache::default(), &p).unwrap_err().to_string();
        assert!(msg.contains("p2.csv:2"), "{msg}");
        assert!(msg.contains("Length"), "{msg}");
    }

    /// Issue 5: a length past corridor's longest period, or a period past the calendar's end, is an
    /// error at its row (a mistyped length once asked for 103 GB of per-day tables).
    #[test]
    fn issue5_periods_past_the_limits_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = temp_file(&dir, "p4.csv", "StartDate,2012-02-29\nLength,365251\n");
        let msg = SimPeriod::read(&FileCache::default(), &p).unwrap_err().to_string();
        assert!(msg.contains("p4.csv:2: `Length`: expected at most 365250 days"), "{msg}");
        let p = temp_file(&dir, "p5.csv", "StartDate,2012-02-29\nLength,365250\n");
        assert_eq!(SimPeriod::read(&FileCache::default(), &p).unwrap().length, 365_250);
        let p = temp_file(&dir, "p6.csv", "StartDate,+262142-12-01\nLength,90\n");
        let msg = SimPeriod::read(&FileCache::default(), &p).unwrap_err().to_string();
        // (A year of four digits, as Python's `%Y` reads, and at most 1,000 years ends within chrono's
        // calendar: a year past 9999 is no date to FLEE.)
        assert!(msg.contains("p6.csv:1: `StartDate`: expected a date YYYY-MM-DD, found `+262142-12-01`"), "{msg}");
        // The line is the StartDate row's, wherever it stands.
        let p = temp_file(&dir, "p7.csv", "Length,90\nStartDate,+262142-12-01\n");
        let msg = SimPeriod::read(&FileCache::default(), &p).unwrap_err().to_string();
        assert!(msg.contains("p7.csv:2: `StartDate`"), "{msg}");
    }

    /// Review 2: a quote in the value's own cell (`StartDate,"2010-01-01"x`, read as `2010-01-01x`)
    /// went unnamed, the error's field being the row's label: the reader says which cell it is about.
    #[test]
    fn a_quote_in_the_value_cell_is_named() {
        let dir = tempfile::tempdir().unwrap();
        for (text, line, written, failed) in [
            ("StartDate,\"2010-01-01\"x\nLength,90\n", 1, "`\"2010-01-01\"x`", "`StartDate`: expected a date"),
            ("StartDate,2010-01-01\nLength,\"90\"x\n", 2, "`\"90\"x`", "`Length`: expected a whole number"),
        ] {
            let p = temp_file(&dir, "sp.csv", text);
            let msg = SimPeriod::read(&FileCache::default(), &p).unwrap_err().to_string();
            assert!(msg.contains(&format!("sp.csv:{line}: unbalanced quotes: column 2, {written}, closes")), "{msg}");
            assert!(msg.contains(&format!("Read so: {failed}")), "{msg}");
        }
        let p = temp_file(&dir, "rc.csv", "A,\"2010-01-01\"x,n\n");
        let msg = read_registration_corrections(&FileCache::default(), &p).unwrap_err().to_string();
        assert!(msg.contains("rc.csv:1: `date`: unbalanced quotes: column 2, `\"2010-01-01\"x`"), "{msg}");
    }

    #[test]
    fn bad_date_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = temp_file(&dir, "p3.csv", "StartDate,29/02/2012\n");
        assert!(SimPeriod::read(&FileCache::default(), &p).unwrap_err().to_string().contains(":1"));
    }

    #[test]
    fn corrections_missing_file_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no-such-dir/registration_corrections.csv");
        assert!(read_registration_corrections(&FileCache::default(), &p).unwrap().rows.is_empty());
        let p = temp_file(&dir, "rc.csv", "\"Mentao\",\"2012-10-03\",\"normalize\"\nx\n");
        let rc = read_registration_corrections(&FileCache::default(), &p).unwrap().rows;
        assert_eq!(rc.len(), 1);
        assert_eq!(rc[0].name, "Mentao");
    }

    /// User review: `"StartDate,"2012-02-29"` (one cell, so no StartDate row) was reported as a file
    /// without a StartDate row, and a date cell run into the next as a bad date.
    #[test]
    fn an_unbalanced_quote_is_named_as_the_cause() {
        let dir = tempfile::tempdir().unwrap();
        let p = temp_file(&dir, "q1.csv", "Length,3\n\"StartDate,\"2012-02-29\"\n");
        let msg = SimPeriod::read(&FileCache::default(), &p).unwrap_err().to_string();
        assert!(msg.contains("q1.csv:2: unbalanced quotes: column 1, `\"StartDate,\"2012-02-29\"`"), "{msg}");
        assert!(msg.ends_with("Read so: `StartDate`: expected a `StartDate,YYYY-MM-DD` row, found none"), "{msg}");
        // Review: a row not found blamed the file's first misquoted cell, whatever it held.
        let p = temp_file(&dir, "q3.csv", "#c,\"a,\"b\nLength,3\n");
        let msg = SimPeriod::read(&FileCache::default(), &p).unwrap_err().to_string();
        assert_eq!(msg, format!("{}: `StartDate`: expected a `StartDate,YYYY-MM-DD` row, found none", p.display()));
        let p = temp_file(&dir, "q2.csv", "A,\"2012-10-03,\"x\n");
        let msg = read_registration_corrections(&FileCache::default(), &p).unwrap_err().to_string();
        assert!(msg.contains("q2.csv:1: `date`: unbalanced quotes: column 2"), "{msg}");
    }

    /// Review of session 18: a correction's date found wrong for its series (no dated point of it,
    /// or the point before it below 1) was reported at the row's name (`rc.csv:2: `E``): it is at the
    /// date's cell, line and column, the series named in the words.
    #[test]
    fn a_corrections_date_error_is_at_the_date_cell() {
        use crate::flee::validation::{ValidationData, ValidationOptions};
        let dir = tempfile::tempdir().unwrap();
        temp_file(&dir, "t.csv", "2010-01-01,5\n2010-01-05,9\n2010-01-09,0\n2010-01-12,4\n");
        temp_file(&dir, "data_layout.csv", "total,t.csv\n");
        let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        for (date, said) in [
            ("2010-01-06", "rc.csv:2:2: `date`: expected a date that is a dated point (not the first) of `total`'s"),
            ("2010-01-12", "rc.csv:2:2: `date`: expected a value of `total`'s series of at least 1 before the correction date, found 0"),
        ] {
            let p = temp_file(&dir, "rc.csv", &format!("note\ntotal,{date}\n"));
            let list = read_registration_corrections(&FileCache::default(), &p).unwrap();
            let e = ValidationData::load(&FileCache::default(), dir.path(), start, ValidationOptions::default(), Some(&list)).unwrap_err();
            assert!(e.to_string().contains(said), "{e}");
        }
    }
}
