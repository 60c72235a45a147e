//! The warnings about blank lines FLEE reads as rows, where corridor skips them: one in sim_period.csv,
//! and one first in conflicts.csv or before a series file's header, which FLEE takes for its header.

use crate::flee::csvread::{blank_first_line, parse_rows};
use crate::flee::{FileCache, FleeScenarioData};
use std::path::Path;

/// The warnings about the series files of `data` whose header corridor skips as their first row,
/// where FLEE's first row is the blank line (or lone byte order mark) before it: FLEE reads the
/// header as a count and stops (`ConvertCsvFileToNumPyTable`, `_processEntry` in `DataTable.py`).
pub(super) fn unskipped_headers(data: &FleeScenarioData, warnings: &mut Vec<String>) {
    for (path, seen) in data.validation.marked_files() {
        if let Some((line, first)) = seen.unskipped_header {
            warnings.push(unskipped_header(path, line, first));
        }
        if let Some((line, date, same)) = seen.date_back {
            let how = if same { "the same as" } else { "earlier than" };
            warnings.push(format!(
                "{}:{line}: date `{date}` is {how} the row before's: FLEE reads the rows as they stand (a date given \
                 twice counts its later count; dates out of order break its interpolation between them), and so \
                 does corridor (one row a date, in order)",
                path.display()
            ));
        }
        if let Some((line, count)) = seen.negative {
            warnings.push(format!(
                "{}:{line}: a count of {count}, below 0: FLEE reads it as it stands (a camp's observed people, or \
                 the total, below none in out.csv and its errors), and so does corridor",
                path.display()
            ));
        }
    }
}

/// The warning for the header at `line` of series file `path`, whose first cell is `first` (empty,
/// `Date` or `DateTime`).
fn unskipped_header(path: &Path, line: u64, first: &str) -> String {
    let (header, then) = if first.is_empty() {
        (
            "a header row with an empty first cell".to_string(),
            "stops on its empty date (IndexError: string index out of range)".to_string(),
        )
    } else {
        (
            format!("the header row `{first}`"),
            format!("stops on the date `{first}` (ValueError: time data '{first}' does not match format '%Y-%m-%d')"),
        )
    };
    format!(
        "{}:{line}:1: {header} after a blank first line: FLEE skips a header only as the file's first row, \
         which is line 1 (a row to Python's csv module, `[]`, or `['\\ufeff']` when it holds only a byte order \
         mark), so it reads this one as a count and {then}; corridor skips it as the header (remove the blank line)",
        path.display()
    )
}

/// The warning about the first blank line of sim_period.csv (`path`), if it has one: FLEE's
/// `read_sim_period` reads each row's first cell (`row[0]`), and a blank line is a row of none, `[]`,
/// so FLEE stops there (IndexError), before anything else; corridor skips it.
pub(super) fn blank_period_line(files: &FileCache, path: &Path, warnings: &mut Vec<String>) {
    let Some(line) = files.read(path).ok().and_then(|bytes| first_blank_line(&bytes)) else { return };
    warnings.push(format!(
        "{}:{line}: a blank line: FLEE reads the first cell of each row of this file (`row[0]` in \
         read_sim_period), and a blank line is a row without one (`[]` to Python's csv module), so FLEE stops on \
         it before simulating anything (IndexError: list index out of range); corridor skips it (remove the line)",
        path.display()
    ));
}

/// The warning about a blank first line of conflicts.csv (`path`), or one holding only a byte order
/// mark: FLEE reads the first row as the header (`ReadConflictInputCSV`), `[]` (or `['\ufeff']`), so it
/// has no name for the values of a later row of two cells or more, and stops (IndexError).
pub(super) fn blank_conflicts_header(files: &FileCache, path: &Path, warnings: &mut Vec<String>) {
    let Ok(bytes) = files.read(path) else { return };
    if !blank_first_line(&bytes) {
        return;
    }
    if parse_rows(&bytes, path).is_ok_and(|rows| rows.iter().any(|r| r.cells.len() > 1)) {
        warnings.push(format!(
            "{}:1: a blank first line: FLEE reads the file's first row as the header, and so this line (`[]` to \
             Python's csv module, or `['\\ufeff']` when it holds only a byte order mark), which names no place: it \
             stops on the first values after it, having no name for them (IndexError: list index out of range); \
             corridor reads the first row that is not blank as the header (remove the line)",
            path.display()
        ));
    }
}

/// The first line of `bytes` that Python's `csv` module, reading a file opened as text (line ends
/// `\n`, `\r\n` or `\r`), reads as an empty row: an empty line outside quotes (a byte order mark,
/// read as a cell, is not empty). A quote opens a quoted cell only at the cell's start, as in that
/// module (`a"b` is text, and a line end after it ends the row). Lines are counted by those line
/// ends, from 1.
fn first_blank_line(bytes: &[u8]) -> Option<u64> {
    /// Where the reader is in a row: at a cell's start, in a plain cell, in a quoted one, or just past
    /// a quote inside a quoted cell (a second quote there is a quote in the text; anything else
    /// closes the cell).
    #[derive(Clone, Copy, PartialEq)]
    enum At {
        CellStart,
        Plain,
        Quoted,
        QuoteInQuoted,
    }
    let (mut line, mut empty, mut at) = (1u64, true, At::CellStart);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match (at, b) {
            (At::Quoted, b'"') => at = At::QuoteInQuoted,
            (At::QuoteInQuoted, b'"') => at = At::Quoted,
            (_, b'\n' | b'\r') => {
                if empty && at != At::Quoted {
                    return Some(line);
                }
                if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                line += 1;
                if at != At::Quoted {
                    (empty, at) = (true, At::CellStart);
                }
            }
            (At::Quoted, _) => {}
            (At::CellStart, b'"') => (at, empty) = (At::Quoted, false),
            (_, b',') => (at, empty) = (At::CellStart, false),
            _ => (at, empty) = (At::Plain, false),
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found after review of session 19: a conflicts.csv whose first line is blank (or holds only a byte
    /// order mark) ran silently, where FLEE takes that line for the header and stops on the header's row
    /// after it (IndexError; tried on tiny_a2f). A blank line further down changes nothing in FLEE.
    #[test]
    fn a_blank_first_line_in_conflicts_is_warned_of() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("conflicts.csv");
        let warned = |text: &[u8]| {
            std::fs::write(&path, text).unwrap();
            let mut w = Vec::new();
            blank_conflicts_header(&FileCache::default(), &path, &mut w);
            w
        };
        for text in [b"\n#Day,A\n0,1\n".as_slice(), b"\r\n#Day,A\r\n", b"\xef\xbb\xbf\n#Day,A\n0,1\n"] {
            let w = warned(text);
            assert!(w.len() == 1 && w[0].contains("conflicts.csv:1: a blank first line: FLEE reads"), "{w:?}");
        }
        for text in [b"#Day,A\n\n0,1\n".as_slice(), b"\xef\xbb\xbf#Day,A\n", b"\n#Day\n0\n", b""] {
            assert!(warned(text).is_empty(), "{text:?}");
        }
    }

    /// Review of session 19: a blank line in sim_period.csv ran silently, where FLEE stops on it with
    /// an IndexError (`row[0]` of `[]`), wherever it is: first, between the rows, or after the last
    /// line end, with `\n`, `\r\n` or `\r` line ends (tried on tiny_a2f). A line of spaces, a byte
    /// order mark alone on its line and a blank line within quotes are rows with a cell: FLEE runs.
    #[test]
    fn a_blank_line_in_the_period_is_found_where_flee_stops() {
        let (s, l) = ("StartDate,2010-01-01", "Length,90");
        for (text, line) in [
            (format!("\n{s}\n{l}\n"), 1),
            (format!("{s}\n\n{l}\n"), 2),
            (format!("{s}\n{l}\n\n"), 3),
            (format!("{s}\r\n{l}\r\n\r\n"), 3),
            (format!("{s}\r{l}\r\r"), 3),
            (format!("\u{feff}{s}\n{l}\n\n"), 3),
            (format!("\u{feff}\n\n{s}\n"), 2),
            // A quote inside a plain cell is text (session 19's leftover: it was taken for an opening
            // quote, and the blank line after it for a line within quotes); one past a quoted cell's
            // closing quote is text too.
            (format!("{s}\nNote,a\"b\n\n{l}\n"), 3),
            (format!("{s}\nNote,\"ab\"x\n\n{l}\n"), 3),
        ] {
            assert_eq!(first_blank_line(text.as_bytes()), Some(line), "{text:?}");
        }
        for text in [format!("{s}\n{l}\n"), format!("{s}\n{l}"), format!("{s}\n \n{l}\n"), format!("\u{feff}\n{s}\n")]
            .into_iter()
            .chain([format!("{s}\n\"x\n\ny\",1\n{l}\n"), format!("{s}\nNote,\"a\"\"b\n\nc\"\n{l}\n"), String::new()])
        {
            assert_eq!(first_blank_line(text.as_bytes()), None, "{text:?}");
        }
        let mut w = Vec::new();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sim_period.csv");
        std::fs::write(&path, format!("{s}\n{l}\n\n")).unwrap();
        blank_period_line(&FileCache::default(), &path, &mut w);
        assert_eq!(w.len(), 1);
        assert!(w[0].ends_with(
            "sim_period.csv:3: a blank line: FLEE reads the first cell of each row of this file (`row[0]` in \
             read_sim_period), and a blank line is a row without one (`[]` to Python's csv module), so FLEE stops \
             on it before simulating anything (IndexError: list index out of range); corridor skips it (remove the \
             line)"
        ));
    }

    /// Review of session 19: a series file starting with a blank line, then `Date,n`, ran silently,
    /// where FLEE reads the header as a count and stops (tried on tiny_a2f's D.csv, with and
    /// without a byte order mark; `,n` stops it with an IndexError): the warning says so at the header.
    #[test]
    fn a_header_after_a_blank_first_line_says_what_flee_does() {
        assert_eq!(
            unskipped_header(Path::new("D.csv"), 2, "Date"),
            "D.csv:2:1: the header row `Date` after a blank first line: FLEE skips a header only as the file's \
             first row, which is line 1 (a row to Python's csv module, `[]`, or `['\\ufeff']` when it holds only a \
             byte order mark), so it reads this one as a count and stops on the date `Date` (ValueError: time data \
             'Date' does not match format '%Y-%m-%d'); corridor skips it as the header (remove the blank line)"
        );
        let empty = unskipped_header(Path::new("D.csv"), 3, "");
        assert!(empty.starts_with("D.csv:3:1: a header row with an empty first cell after a blank first line"));
        assert!(empty.contains("stops on its empty date (IndexError: string index out of range);"), "{empty}");
    }
}
