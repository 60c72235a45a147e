//! `conflicts.csv`: conflict intensity per day and location, read as FLEE reads it.
//! Rows are indexed by position (the `#Day` column is ignored, as in FLEE).

use std::path::Path;

use super::csvread::{explain_quotes, for_each_row, py_float};
use super::error::{FleeInputError, Location};
use super::files::FileCache;

/// FLEE's threshold: a value above it means "in conflict" (`InputGeography.py:703`).
pub const CONFLICT_THRESHOLD: f64 = 0.000001;

/// The conflict matrix: `intensity[day][column]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictTable {
    /// Location names from the header, stripped of blanks, in file order.
    pub names: Vec<String>,
    /// One row per data line after the header; row i is day i whatever its first cell
    /// says (FLEE `InputGeography.py:62-64` appends values in file order).
    pub rows: Vec<Vec<f64>>,
    /// 1-based line of each data row: `rows[i]` is written on `lines[i]` (blank lines give no row).
    pub lines: Vec<u64>,
    /// 1-based line of the last row read (the header's when there is no data row; 0 for an empty file).
    pub last_line: u64,
    /// 1-based line of the header (0 for an empty file).
    pub header_line: u64,
    /// The first data row whose `#Day` cell is not its day (its position), with the line, the day and
    /// the cell: FLEE reads rows by position, and so does corridor, so a row missing or repeated above
    /// shifts every day after it (input review of session 32).
    pub day_mismatch: Option<(u64, usize, String)>,
}

impl ConflictTable {
    /// Reads `conflicts.csv`: the first row is the header (first cell ignored), the
    /// others hold one float per location (blanks around values allowed). An error an unbalanced
    /// quote led to (a row of the wrong width, a value not a number) names the quote.
    /// The file is read through `files`.
    pub fn read(files: &FileCache, path: &Path) -> Result<Self, FleeInputError> {
        let mut names: Option<Vec<String>> = None;
        let (mut table, mut lines) = (Vec::new(), Vec::new());
        let (mut last_line, mut header_line) = (0, 0);
        let mut day_mismatch = None;
        let read = for_each_row(path, &files.bytes(path)?, |line, cells| {
            last_line = line;
            let Some(names) = &names else {
                header_line = line;
                let mut header: Vec<String> = cells.iter().skip(1).map(|s| s.trim().to_string()).collect();
                // FLEE skips empty header cells (`InputGeography.py:57-59`): a trailing comma, as in
                // its own burundi, car and ssudan inputs, names no location. Rows may not reach them.
                while header.last().is_some_and(String::is_empty) {
                    header.pop();
                }
                for (i, n) in header.iter().enumerate() {
                    if n.is_empty() {
                        return Err(FleeInputError::invalid(
                            Location::file(path).line(line).field(format!("column {}", i + 2)),
                            "a location name (FLEE crashes on a value under an empty header cell)",
                            "an empty header cell",
                        ));
                    }
                }
                names = Some(header);
                return Ok(());
            };
            let mut values = Vec::with_capacity(names.len());
            for (i, cell) in cells.iter().enumerate().skip(1) {
                let name = names.get(i - 1).ok_or_else(|| {
                    FleeInputError::invalid(
                        Location::file(path).line(line),
                        format!("at most {} columns, as in the header", names.len() + 1),
                        format!("{} columns", cells.len()),
                    )
                })?;
                // NaN or infinity (which Python's float() reads) would make every spawn weight so.
                let v = py_float(cell).filter(|v| v.is_finite()).ok_or_else(|| {
                    let at = Location::file(path).line(line).field(name.clone());
                    FleeInputError::invalid(at, "a finite number", format!("`{cell}`"))
                })?;
                values.push(v);
            }
            if values.len() != names.len() {
                return Err(FleeInputError::invalid(
                    Location::file(path).line(line),
                    format!("{} columns, as in the header", names.len() + 1),
                    format!("{} columns", cells.len()),
                ));
            }
            let day = cells.first().map_or("", |c| c.trim());
            if day_mismatch.is_none() && py_float(day) != Some(table.len() as f64) {
                day_mismatch = Some((line, table.len(), day.to_string()));
            }
            table.push(values);
            lines.push(line);
            Ok(())
        });
        let names = names.unwrap_or_default();
        if let Err(e) = read {
            // The header names the columns: a quote there shifts every row's.
            let header = (header_line > 0).then_some(header_line);
            return Err(explain_quotes(path, e, header, |i| i.checked_sub(1).and_then(|i| names.get(i).cloned())));
        }
        Ok(ConflictTable { names, rows: table, lines, last_line, header_line, day_mismatch })
    }

    /// Column index of `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// Intensity of `name` on `day`, if both exist.
    pub fn intensity(&self, name: &str, day: usize) -> Option<f64> {
        let c = self.column(name)?;
        self.rows.get(day)?.get(c).copied()
    }

    /// Checks that the table has a row for each of the `days` of the period, as FLEE needs: it reads day
    /// t's values from data row t for every named column, and stops with an `IndexError` on the first day
    /// past the table (`InputGeography.AddNewConflictZones`, line 703), having written the days before.
    /// A table naming no column is never read, so any length will do.
    pub fn check_covers(&self, days: u32, path: &Path) -> Result<(), FleeInputError> {
        if self.names.is_empty() || self.rows.len() >= days as usize {
            return Ok(());
        }
        Err(FleeInputError::invalid(
            Location::file(path).line(self.last_line),
            format!(
                "a row for each of the {days} days of the period (`Length` in sim_period.csv; FLEE reads day t \
                 from row t and stops with an IndexError on day {})",
                self.rows.len()
            ),
            format!("{} day rows, the last on this line", self.rows.len()),
        ))
    }

    /// Number of days (data rows).
    pub fn days(&self) -> usize {
        self.rows.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// Writes `text` to `name` in `dir` (a test's own temporary folder, removed when the test ends).
    fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
        let path = dir.path().join(name);
        std::fs::File::create(&path).unwrap().write_all(text.as_bytes()).unwrap();
        path
    }

    #[test]
    fn reads_matrix_by_row_position() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "c1.csv", "#Day, A, B\n0, 1, 0\n5, 0.5, 1\n");
        let t = ConflictTable::read(&FileCache::default(), &p).unwrap();
        assert_eq!(t.names, vec!["A", "B"]);
        assert_eq!(t.intensity("A", 1), Some(0.5));
        assert_eq!(t.intensity("B", 0), Some(0.0));
        assert_eq!(t.intensity("C", 0), None);
        assert_eq!(t.days(), 2);
    }

    #[test]
    fn malformed_value_names_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "c2.csv", "#Day, A, B\n0, 1, 0\n1, x, 0\n");
        let msg = ConflictTable::read(&FileCache::default(), &p).unwrap_err().to_string();
        assert!(msg.contains("c2.csv:3: `A`"), "{msg}");
        // Review of session 21: NaN and infinity, which Python's float() reads, were taken.
        for bad in ["nan", "inf", "-Infinity"] {
            let p = write(&dir, "c3.csv", &format!("#Day, A, B\n0, 1, 0\n1, 1, {bad}\n"));
            let msg = ConflictTable::read(&FileCache::default(), &p).unwrap_err().to_string();
            assert!(msg.contains("c3.csv:3: `B`: expected a finite number"), "{msg}");
        }
    }

    /// FLEE's own burundi, car and ssudan inputs end their header with a comma: no location, and
    /// rows that stop before it load. A row with a cell there is an error (FLEE crashes on it).
    #[test]
    fn issue5_a_trailing_empty_header_cell_names_no_location() {
        let dir = tempfile::tempdir().unwrap();
        let rows = "0, 1, 0\n1, 0.5, 1\n";
        let with_comma =
            ConflictTable::read(&FileCache::default(), &write(&dir, "c4.csv", &format!("#Day, A, B, \n{rows}")))
                .unwrap();
        let without =
            ConflictTable::read(&FileCache::default(), &write(&dir, "c4b.csv", &format!("#Day, A, B\n{rows}")))
                .unwrap();
        assert_eq!(with_comma, without, "the same table as without the trailing comma");
        let p = write(&dir, "c5.csv", "#Day, A, B, \n0, 1, 0, 1\n");
        let msg = ConflictTable::read(&FileCache::default(), &p).unwrap_err().to_string();
        assert!(msg.contains("c5.csv:2") && msg.contains("at most 3 columns"), "{msg}");
        let p = write(&dir, "c6.csv", "#Day, A, , B\n0, 1, 0, 1\n");
        let msg = ConflictTable::read(&FileCache::default(), &p).unwrap_err().to_string();
        assert!(msg.contains("c6.csv:1: `column 3`: expected a location name"), "{msg}");
    }

    /// A table shorter than the period ran with its last row's conflicts held to the end, with no
    /// word; FLEE stops with an IndexError on the first day past the table. A table of no column is
    /// never read, so it may be shorter.
    #[test]
    fn a_table_shorter_than_the_period_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "c7.csv", "#Day, A, B\n0, 1, 0\n\n1, 1, 1\n");
        let t = ConflictTable::read(&FileCache::default(), &p).unwrap();
        assert_eq!(t.lines, [2, 4], "each row's line, past the blank one");
        assert!(t.check_covers(2, &p).is_ok());
        let msg = t.check_covers(3, &p).unwrap_err().to_string();
        assert!(msg.contains("c7.csv:4: expected a row for each of the 3 days of the period"), "{msg}");
        assert!(msg.contains("IndexError on day 2") && msg.contains("found 2 day rows"), "{msg}");
        let p = write(&dir, "c8.csv", "#Day, A\n");
        let msg = ConflictTable::read(&FileCache::default(), &p).unwrap().check_covers(1, &p).unwrap_err().to_string();
        assert!(msg.contains("c8.csv:1:") && msg.contains("found 0 day rows"), "{msg}");
        let p = write(&dir, "c9.csv", "#Day\n0\n");
        assert!(ConflictTable::read(&FileCache::default(), &p).unwrap().check_covers(300, &p).is_ok());
    }

    #[test]
    fn short_row_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "c3.csv", "#Day, A, B\n0, 1\n");
        assert!(ConflictTable::read(&FileCache::default(), &p).is_err());
    }

    /// User review: an unbalanced quote in conflicts.csv was reported by what it did (a value not a
    /// number; a row wider than the header, whose two names it had run into one), not where it is.
    #[test]
    fn an_unbalanced_quote_is_named_as_the_cause() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "q1.csv", "#Day,A,B\n0,1,0\n1,\"1,\"0\n");
        let msg = ConflictTable::read(&FileCache::default(), &p).unwrap_err().to_string();
        assert!(msg.contains("q1.csv:3: `A`: unbalanced quotes: column 2, `\"1,\"0`"), "{msg}");
        assert!(msg.ends_with("Read so: `A`: expected a finite number, found `1,0`"), "{msg}");
        // In the header: the rows are one cell too wide for the names it gives.
        let p = write(&dir, "q2.csv", "\n#Day,\"A,\"B,C\n0,1,0,1\n");
        let msg = ConflictTable::read(&FileCache::default(), &p).unwrap_err().to_string();
        assert!(msg.contains("q2.csv:2: unbalanced quotes: column 2, `\"A,\"B`"), "{msg}");
        assert!(msg.contains("Read so: line 3: expected at most 3 columns"), "{msg}");
        // Read as written when nothing fails (FLEE's reader reads it so too), the header's line kept.
        let t = ConflictTable::read(&FileCache::default(), &write(&dir, "q3.csv", "\n#Day,\"A\"x,B\n0,1,0\n")).unwrap();
        assert_eq!((t.names[0].as_str(), t.header_line), ("Ax", 2));
    }
}
