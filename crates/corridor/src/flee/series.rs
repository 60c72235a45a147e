//! One validation series file (`date,count` rows), read and interpolated as FLEE does.
//! Mirrors `ConvertCsvFileToNumPyTable`, `AddCSVTables` and `get_interpolated_data` in FLEE's `datamanager/DataTable.py`.

use std::path::Path;

use chrono::NaiveDate;

use super::csvread::{explain_quotes, for_each_row, py_int, TextSeen};
use super::error::{FleeInputError, Location};
use super::files::FileCache;
use super::period::parse_date_at;

/// The name of cell `i` of a series row (`date,count`), for messages.
pub(super) fn field(i: usize) -> Option<String> {
    ["date", "count"].get(i).map(|f| f.to_string())
}

/// A dated series: points `(day offset from the start date, count / hasten)`, in file
/// order (FLEE does not sort them).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// `(day, value)` pairs; day may be negative (before the start date).
    pub points: Vec<(f64, f64)>,
}

impl Series {
    /// Reads one series file. Rules (`DataTable.py:86-211`): the first row is data unless
    /// its first cell is empty, `Date` or `DateTime` (or starts with `#`); rows with
    /// fewer than two cells, a first cell starting with `#`, or an empty second cell are
    /// skipped; counts must be integers and are divided (as floats) by `hasten`. An error an
    /// unbalanced quote led to names the quote.
    /// The file is read through `files`.
    pub fn read(files: &FileCache, path: &Path, start: NaiveDate, hasten: i64) -> Result<Self, FleeInputError> {
        Self::read_noting_quotes(files, path, start, hasten).map(|(series, _)| series)
    }

    /// [`Series::read`], and what was seen of the file (`csvread::for_each_row`), so that the
    /// loader's warnings read again only the files that need one: whether it held a double quote, and
    /// whether it started with a byte order mark that FLEE reads into a cell it reads (the first row's
    /// date, when that row has two cells and a count: FLEE skips a shorter row and an empty count; and
    /// not a mark alone on its line, which FLEE reads as a row of one cell and skips); and a header
    /// skipped as the first row that FLEE reads as a count, after a first line FLEE reads as its first row.
    pub fn read_noting_quotes(
        files: &FileCache,
        path: &Path,
        start: NaiveDate,
        hasten: i64,
    ) -> Result<(Self, TextSeen), FleeInputError> {
        let mut points: Vec<(f64, f64)> = Vec::new();
        let mut i = 0usize;
        // Whether FLEE reads the first row's date, into which it reads the mark.
        let mut first_date_read = false;
        // The first row when skipped as a header that FLEE reads as a count, should it not be FLEE's first.
        let mut header = None;
        // The first row dated on or before the row before it, with its date (bad-input review of
        // session 32: repeated or unordered dates were read without a word).
        let mut back: Option<(u64, NaiveDate, bool)> = None;
        // The first row counting fewer than no one.
        let mut negative: Option<(u64, i64)> = None;
        let mut seen = for_each_row(path, &files.bytes(path)?, |line, cells| {
            // `i` counts rows (blank lines give none), as read_rows' positions do.
            let first_row = i == 0;
            i += 1;
            if cells.len() < 2 {
                return Ok(());
            }
            first_date_read |= first_row && !cells[1].is_empty();
            let first = cells[0];
            if first_row && (first.is_empty() || first == "DateTime" || first == "Date") {
                // FLEE skips a row with an empty count, but first reads its date's first character.
                let name = ["", "Date", "DateTime"].into_iter().find(|n| *n == first);
                header = name.filter(|n| n.is_empty() || !cells[1].is_empty()).map(|n| (line, n));
                return Ok(());
            }
            if first.is_empty() {
                return Err(FleeInputError::invalid(
                    Location::file(path).line(line).field("date"),
                    "a date YYYY-MM-DD (FLEE crashes on an empty date cell)",
                    "an empty cell",
                ));
            }
            if first.starts_with('#') || cells[1].is_empty() {
                return Ok(());
            }
            let at = || Location::file(path).line(line);
            let date = parse_date_at(first, || at().field("date"))?;
            let count = py_int(cells[1]).ok_or_else(|| {
                FleeInputError::invalid(at().field("count"), "an integer count", format!("`{}`", cells[1]))
            })?;
            let day = (date - start).num_days() as f64;
            if let Some(&(before, _)) = points.last().filter(|p| back.is_none() && day <= p.0) {
                back = Some((line, date, day == before));
            }
            if count < 0 && negative.is_none() {
                negative = Some((line, count));
            }
            points.push((day, count as f64 / hasten as f64));
            Ok(())
        })
        .map_err(|e| explain_quotes(path, e, None, field))?;
        seen.mark_in_first_date = seen.byte_order_mark && first_date_read && !seen.lone_mark();
        seen.unskipped_header = header.filter(|_| seen.blank_first_line);
        seen.date_back = back;
        seen.negative = negative;
        Ok((Series { points }, seen))
    }

    /// FLEE's `AddCSVTables(self, other)`, used when `data_layout.csv` lists several
    /// files for one name. Reproduced with its quirks: dates of `self` after the last
    /// date of `other` are dropped, and the last point of `self` may be repeated.
    pub fn add_flee(&self, other: &Series) -> Option<Series> {
        let t1 = &self.points;
        let mut out = Vec::new();
        let mut offset = 0usize;
        let mut last_c2 = (0.0, 0.0);
        for &c2 in &other.points {
            while c2.0 > t1.get(offset)?.0 {
                let p = t1.get(offset)?;
                out.push((p.0, last_c2.1 + p.1));
                if offset + 1 < t1.len() {
                    offset += 1;
                } else {
                    break;
                }
            }
            let p = *t1.get(offset)?;
            if c2.0 == p.0 {
                out.push((c2.0, c2.1 + p.1));
                if offset + 1 < t1.len() {
                    offset += 1;
                }
                last_c2 = c2;
                continue;
            }
            if c2.0 < p.0 {
                out.push((c2.0, c2.1 + p.1));
                last_c2 = c2;
            }
        }
        Some(Series { points: out })
    }

    /// FLEE's `get_interpolated_data` (`DataTable.py:407-457`): the first value up to the
    /// first date, linear interpolation truncated towards zero between dated points, the
    /// last value after the last date; `-1` where FLEE's interpolation fraction exceeds 1
    /// (unsorted dates). `None` for an empty series (FLEE exits there).
    pub fn interpolated(&self, day: i64) -> Option<i64> {
        let (first_day, first_val) = *self.points.first()?;
        let day_f = day as f64;
        if day_f <= first_day {
            return Some(first_val as i64);
        }
        for w in self.points.windows(2) {
            let (old_day, old_val) = w[0];
            let (new_day, new_val) = w[1];
            if day_f < new_day {
                let fraction = (day_f - old_day) / (new_day - old_day);
                if fraction > 1.0 {
                    return Some(-1);
                }
                return Some((old_val + fraction * (new_val - old_val)) as i64);
            }
        }
        self.points.last().map(|p| p.1 as i64)
    }

    /// Multiplies the values of points `0..end` by `factor` (registration correction).
    pub fn scale_before(&mut self, end: usize, factor: f64) {
        for p in self.points.iter_mut().take(end) {
            p.1 *= factor;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn s(points: &[(f64, f64)]) -> Series {
        Series { points: points.to_vec() }
    }

    #[test]
    fn interpolation_truncates_and_clamps() {
        let x = s(&[(0.0, 0.4), (10.0, 10.0), (20.0, 60.0)]);
        assert_eq!(x.interpolated(-3), Some(0));
        assert_eq!(x.interpolated(0), Some(0));
        assert_eq!(x.interpolated(1), Some(1)); // 0.4 + 0.1 * 9.6 = 1.36
        assert_eq!(x.interpolated(15), Some(35));
        assert_eq!(x.interpolated(99), Some(60));
        assert_eq!(Series::default().interpolated(0), None);
    }

    #[test]
    fn add_matches_flee_on_interleaved_dates() {
        let a = s(&[(0.0, 1.0), (5.0, 2.0), (10.0, 3.0)]);
        let b = s(&[(0.0, 10.0), (7.0, 20.0)]);
        // FLEE: (0, 11); c2=7 > 5 -> (5, 10+2), then 7 < 10 -> (7, 20+3)
        assert_eq!(a.add_flee(&b).unwrap().points, vec![(0.0, 11.0), (5.0, 12.0), (7.0, 23.0)]);
    }

    #[test]
    fn reads_and_divides_by_hasten() {
        let dir = tempfile::tempdir().unwrap(); // removed when the test ends
        let p = dir.path().join("x.csv");
        std::fs::File::create(&p).unwrap().write_all(b"2010-01-01,3\n#c,1\n2010-01-03,\n2010-01-11,50\n").unwrap();
        let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        let x = Series::read(&FileCache::default(), &p, start, 2).unwrap();
        assert_eq!(x.points, vec![(0.0, 1.5), (10.0, 25.0)]);
        std::fs::File::create(&p).unwrap().write_all(b"Date,n\n2010-01-01,3.5\n").unwrap();
        let msg = Series::read(&FileCache::default(), &p, start, 1).unwrap_err().to_string();
        assert!(msg.contains("x.csv:2: `count`"), "{msg}");
    }

    /// User review: an unbalanced quote in a series file was reported as a count that is not a number.
    #[test]
    fn an_unbalanced_quote_is_named_as_the_cause() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("q.csv");
        std::fs::write(&p, "Date,n\n2010-01-01,\"3,\"4\n").unwrap();
        let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        let msg = Series::read(&FileCache::default(), &p, start, 1).unwrap_err().to_string();
        assert!(msg.contains("q.csv:2: `count`: unbalanced quotes: column 2, `\"3,\"4`"), "{msg}");
        assert!(msg.ends_with("Read so: `count`: expected an integer count, found `3,4`"), "{msg}");
    }

    /// Review of session 19: a byte order mark was warned of as read into the first row's date when
    /// FLEE reads no date there: after a mark alone on its line (FLEE's first row is `['\ufeff']`,
    /// skipped) or in a first row with an empty count (`#Date,`, which FLEE skips). Each was tried on
    /// FLEE (tiny_a2f's D.csv so marked runs); a first row with a count is still marked.
    #[test]
    fn a_mark_is_noted_only_where_flee_reads_it_into_a_date() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.csv");
        let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        let marked = |text: &str| {
            std::fs::write(&p, [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat()).unwrap();
            Series::read_noting_quotes(&FileCache::default(), &p, start, 1).unwrap().1.mark_in_first_date
        };
        for unread in ["\n#Date,n\n2010-01-01,2\n", "\r\n2010-01-01,2\n", "#Date,\n2010-01-01,2\n", "\n\"#Date\",n\n"] {
            assert!(!marked(unread), "{unread:?}");
        }
        for read in ["#Date,n\n2010-01-01,2\n", "2010-01-01,2\n", "\"#Date\",\"n\"\n2010-01-01,2\n"] {
            assert!(marked(read), "{read:?}");
        }
    }

    /// Review of session 19: a header after a blank first line was skipped as the first row, where
    /// FLEE's first row is the blank line (`[]`, or `['\ufeff']` after a mark), so it reads the header as
    /// a count and stops (`Date,n`: ValueError; `,n`: IndexError; tried on tiny_a2f's D.csv). A header
    /// with an empty count (`Date,`) FLEE skips, and one on the first line it skips as corridor does.
    #[test]
    fn a_header_after_a_blank_first_line_is_noted() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("h.csv");
        let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        let noted = |text: &str| {
            std::fs::write(&p, text).unwrap();
            let (series, seen) = Series::read_noting_quotes(&FileCache::default(), &p, start, 1).unwrap();
            assert_eq!(series.points, [(0.0, 2.0)], "{text:?}");
            (seen.unskipped_header, seen.first_row_noted())
        };
        let rows = "2010-01-01,2\n";
        for (head, line, first) in [
            ("\nDate,n\n", 2, "Date"),
            ("\u{feff}\nDate,n\n", 2, "Date"),
            ("\r\n\r\nDateTime,n\r\n", 3, "DateTime"),
            ("\n,n\n", 2, ""),
            ("\n,\n", 2, ""),
            ("\n\"Date\",\"n\"\n", 2, "Date"),
        ] {
            assert_eq!(noted(&format!("{head}{rows}")), (Some((line, first)), true), "{head:?}");
        }
        for head in ["Date,n\n", ",n\n", "\nDate,\n", "\n#Date,n\n", "\nDate\n", "\n"] {
            assert_eq!(noted(&format!("{head}{rows}")), (None, false), "{head:?}");
        }
    }
}
