//! The warnings about rows FLEE reads otherwise than corridor because of a blank line: a series
//! file's header after a blank first line, which FLEE reads as a count.

use crate::flee::FleeScenarioData;
use std::path::Path;

/// The warnings about the series files of `data` whose header corridor skips as their first row,
/// where FLEE's first row is the blank line (or lone byte order mark) before it: FLEE reads the
/// header as a count and stops (`ConvertCsvFileToNumPyTable`, `_processEntry` in `DataTable.py`).
pub(super) fn unskipped_headers(data: &FleeScenarioData, warnings: &mut Vec<String>) {
    for (path, seen) in data.validation.marked_files() {
        if let Some((line, first)) = seen.unskipped_header {
            warnings.push(unskipped_header(path, line, first));
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

#[cfg(test)]
mod tests {
    use super::*;

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
