//! Row reading shared by the FLEE CSV readers, behaving like Python's `csv.reader`.
//! Rows keep their 1-based line numbers so that errors can point at them.

use std::path::Path;

use super::error::{FleeInputError, Location};
use crate::scenario::quotes::{self, Failure};

/// One CSV row: its 1-based line number and its cells, untrimmed.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based line where the row starts.
    pub line: u64,
    /// Cells as written (quotes removed, no trimming).
    pub cells: Vec<String>,
}

impl Row {
    /// Cell `i`, or an error naming `what` when the row is too short.
    pub fn cell(&self, i: usize, path: &Path, what: &str) -> Result<&str, FleeInputError> {
        self.cells.get(i).map(String::as_str).ok_or_else(|| {
            FleeInputError::invalid(
                Location::file(path).line(self.line).field(what),
                format!("at least {} columns", i + 1),
                format!("{} columns", self.cells.len()),
            )
        })
    }
}

/// Reads every row of `path`. Blank lines give no row (Python gives `[]`, which every
/// FLEE reader skips).
pub fn read_rows(path: &Path) -> Result<Vec<Row>, FleeInputError> {
    let bytes = super::files::read_input(path).map_err(|e| FleeInputError::io(path, e))?;
    parse_rows(&bytes, path)
}

/// Calls `f` with each row of `bytes` (the file at `path`; its line and cells), as [`read_rows`] gives
/// them, stopping at the first error. Text without quotes is split in place, with no `String` per cell (FLEE tables hold
/// thousands of cells); errors are those of `read_rows`, in the same order. Returns what it saw of
/// the text besides its rows, for the loader's warnings.
pub fn for_each_row(
    path: &Path,
    bytes: &[u8],
    mut f: impl FnMut(u64, &[&str]) -> Result<(), FleeInputError>,
) -> Result<TextSeen, FleeInputError> {
    let byte_order_mark = bytes.starts_with(BYTE_ORDER_MARK);
    let blank_first_line = blank_first_line(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) if !text.contains('"') => text,
        // Quoted cells, or bytes that are not UTF-8 (read_rows reports the first such line).
        _ => {
            for row in parse_rows(bytes, path)? {
                let cells: Vec<&str> = row.cells.iter().map(String::as_str).collect();
                f(row.line, &cells)?;
            }
            return Ok(TextSeen { quoted: true, byte_order_mark, blank_first_line, ..TextSeen::default() });
        }
    };
    let mut cells = Vec::new();
    for (line, record) in plain_records(text.as_bytes()) {
        // A record of UTF-8 text cut at ASCII bytes is UTF-8 text.
        let record = std::str::from_utf8(record).unwrap_or_default();
        cells.clear();
        cells.extend(record.split(','));
        f(line, &cells)?;
    }
    Ok(TextSeen { quoted: false, byte_order_mark, blank_first_line, ..TextSeen::default() })
}

/// A UTF-8 byte order mark, which corridor's readers read past, and FLEE's (opening files as plain
/// UTF-8) read as a character of the first cell, `\ufeff`.
pub const BYTE_ORDER_MARK: &[u8] = b"\xef\xbb\xbf";

/// Whether `bytes` start with a blank line after any byte order mark (a line end or the end of the
/// text first): Python's `csv` module reads it as a row of its own, `[]` or, after a mark, `['\ufeff']`.
pub fn blank_first_line(bytes: &[u8]) -> bool {
    let after_mark = bytes.strip_prefix(BYTE_ORDER_MARK).unwrap_or(bytes);
    matches!(after_mark.first(), None | Some(b'\n' | b'\r'))
}

/// Whether `bytes` start with a byte order mark alone on its line ([`blank_first_line`] after a mark).
pub fn lone_mark(bytes: &[u8]) -> bool {
    bytes.starts_with(BYTE_ORDER_MARK) && blank_first_line(bytes)
}

/// What [`for_each_row`] saw of a file's text besides its rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextSeen {
    /// The text held a double quote (or bytes that are not UTF-8): only such a file can hold a quote
    /// to warn of.
    pub quoted: bool,
    /// The text started with a UTF-8 byte order mark ([`BYTE_ORDER_MARK`]).
    pub byte_order_mark: bool,
    /// The first line was blank, or held only the mark: Python's `csv` module reads it as a row, `[]`
    /// (or `['\ufeff']`), so the first row of cells read here is its second.
    pub blank_first_line: bool,
    /// Set by `Series::read_noting_quotes`: the line and first cell (`""`, `Date` or `DateTime`) of
    /// a first row skipped as a header that FLEE reads as a count, as it is not FLEE's first row.
    pub unskipped_header: Option<(u64, &'static str)>,
    /// Set by `Series::read_noting_quotes`: the byte order mark is read, by FLEE, into the first row's
    /// date (a date was read on the mark's line).
    pub mark_in_first_date: bool,
    /// Set by `Series::read_noting_quotes`: the first row dated on (true) or before (false) the date
    /// of the row before it, with its line and date.
    pub date_back: Option<(u64, chrono::NaiveDate, bool)>,
    /// Set by `Series::read_noting_quotes`: the first row with a count below 0, with its line and count
    /// (standards audit of session 35: FLEE runs them, and out.csv showed camps of -40 people).
    pub negative: Option<(u64, i64)>,
}

impl TextSeen {
    /// Whether the mark stood alone on its line (a line end or the end of the text next): Python's
    /// `csv` module reads it as a row of one cell, `['\ufeff']`, and the line after it as the next row.
    pub fn lone_mark(&self) -> bool {
        self.byte_order_mark && self.blank_first_line
    }

    /// Whether FLEE reads the first rows otherwise: a mark read into the first row's date, or a header
    /// read as a count.
    pub fn first_row_noted(&self) -> bool {
        self.mark_in_first_date || self.unskipped_header.is_some()
    }
}

/// Parses CSV text; `path` is only used in error messages.
pub fn parse_rows(bytes: &[u8], path: &Path) -> Result<Vec<Row>, FleeInputError> {
    if !bytes.contains(&b'"') {
        return parse_plain_rows(bytes, path);
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut rows = Vec::new();
    // The csv crate's own line count skips blank lines, so count newlines up to each
    // record's byte offset instead.
    let (mut counted_to, mut line_at) = (0usize, 1u64);
    let mut line_of = |byte: u64| {
        let mut byte = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
        // A record's position is where the reader started, before the blank lines it skipped.
        while matches!(bytes.get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        if byte >= counted_to {
            line_at += crate::scenario::cut::line_ends(&bytes[counted_to..byte]) as u64;
            counted_to = byte;
        }
        line_at
    };
    for record in reader.byte_records() {
        let record = record.map_err(|e| {
            let mut at = Location::file(path);
            at.line = e.position().map(|p| p.line());
            FleeInputError::invalid(at, "well-formed CSV", e.to_string())
        })?;
        let line = record.position().map(|p| line_of(p.byte())).unwrap_or(0);
        let mut cells = Vec::with_capacity(record.len());
        for cell in record.iter() {
            let text = std::str::from_utf8(cell).map_err(|e| {
                // The rows before it and the cells before this one are UTF-8 text, and what lies
                // between cells is ASCII: this byte is the file's first that is not, named in the text
                // as written, as `parse_plain_rows` names it.
                match std::str::from_utf8(bytes) {
                    Err(in_file) => super::files::not_utf8_error(path, 1, bytes, in_file),
                    Ok(_) => super::files::not_utf8_error(path, line, cell, e),
                }
            })?;
            cells.push(text.to_string());
        }
        if cells.len() == 1 && cells[0].is_empty() {
            continue;
        }
        rows.push(Row { line, cells });
    }
    Ok(rows)
}

/// `parse_rows` of text without a quote, as the CSV reader reads it but without building one (a
/// FLEE folder has dozens of small files, and building a reader costs more than reading one): the
/// records of [`plain_records`], cells ending at commas.
fn parse_plain_rows(bytes: &[u8], path: &Path) -> Result<Vec<Row>, FleeInputError> {
    let mut rows = Vec::new();
    for (line, record) in plain_records(bytes) {
        let text = std::str::from_utf8(record).map_err(|e| super::files::not_utf8_error(path, line, record, e))?;
        rows.push(Row { line, cells: text.split(',').map(str::to_string).collect() });
    }
    Ok(rows)
}

/// The records of text without a quote, with their line numbers (1-based), as the CSV reader cuts
/// them: a UTF-8 byte order mark at the start is dropped, a record ends at `\n` or `\r`, and runs of
/// them are blank lines (no record). Lines are counted as they end: at `\n`, `\r\n` or a lone `\r`.
fn plain_records(bytes: &[u8]) -> impl Iterator<Item = (u64, &[u8])> {
    let bytes = bytes.strip_prefix(BYTE_ORDER_MARK).unwrap_or(bytes);
    let (mut line, mut after_cr) = (0u64, false);
    bytes.split_inclusive(|b| matches!(b, b'\n' | b'\r')).filter_map(move |part| {
        // The `\n` of a `\r\n` ends the line its `\r` ended.
        let crlf_tail = after_cr && part == b"\n";
        after_cr = part.last() == Some(&b'\r');
        if crlf_tail {
            return None;
        }
        line += 1;
        let record = part.strip_suffix(b"\n").or_else(|| part.strip_suffix(b"\r")).unwrap_or(part);
        (!record.is_empty()).then_some((line, record))
    })
}

/// `e`, found reading the FLEE table at `path`, said as the unbalanced quote it comes from (`"a,"b`:
/// one cell, `a,b`, and every cell after it shifted), in the words a scenario's tables use; which
/// quote could have caused it is `scenario::quotes::blame`'s to say. `header` is the line of the
/// header, for a table whose header names its cells (a quote there shifts every row's); `field(i)`
/// names a row's 0-based cell `i` where the reader has a name for it (the error's cell is its
/// location's `column`, else its field looked up there). An error naming a field but no line is a row looked for by that name and not
/// found. Errors of other kinds or files, and those no quote could have caused, are returned as they
/// are (the file is read again: this is for an error on its way out).
pub fn explain_quotes(
    path: &Path,
    e: FleeInputError,
    header: Option<u64>,
    field: impl Fn(usize) -> Option<String>,
) -> FleeInputError {
    let FleeInputError::Invalid { at, expected, found } = &e else {
        return e;
    };
    let Some(cells) = (at.path == path).then(|| quotes::cut_file(path)).flatten() else {
        return e;
    };
    let width = cells.records.iter().map(|r| r.2).max().unwrap_or(0);
    let failure = Failure {
        line: at.line.map(|l| l as usize),
        header: header.map(|h| h as usize),
        column: at
            .column
            .map(|c| c.index as usize)
            .or_else(|| at.field.as_deref().and_then(|f| (0..width).find(|&i| field(i).as_deref() == Some(f)))),
        sought: at.field.as_deref().filter(|_| at.line.is_none()),
    };
    let Some(m) = quotes::blame(&cells, &failure) else {
        return e;
    };
    let line = cells.line_of(m) as u64;
    let mut failed = at.line.filter(|&l| l != line).map(|l| format!("line {l}: ")).unwrap_or_default();
    if let Some(f) = &at.field {
        failed.push_str(&format!("`{f}`: "));
    }
    failed.push_str(&format!("expected {expected}, found {found}"));
    let mut quote_at = Location::file(path).line(line);
    if let Some(name) = (header != Some(line)).then(|| field(m.field)).flatten() {
        quote_at = quote_at.field(name);
    }
    FleeInputError::UnbalancedQuote { at: quote_at, message: quotes::explained(&cells, m, &failed) }
}

/// Parses an integer the way Python's `int(str)` does (surrounding blanks allowed).
pub fn py_int(text: &str) -> Option<i64> {
    let t = text.trim();
    if plain_number(t) {
        return t.parse::<i64>().ok();
    }
    if t.contains("__") || t.starts_with('_') || t.ends_with('_') {
        return None;
    }
    t.replace('_', "").parse::<i64>().ok()
}

/// Parses a float the way Python's `float(str)` does (blanks, `inf`, `nan` allowed).
pub fn py_float(text: &str) -> Option<f64> {
    // A short run of digits (most cells of a conflicts table) is its integer value, exactly.
    if (1..=15).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
        return Some(text.bytes().fold(0u64, |v, b| 10 * v + u64::from(b - b'0')) as f64);
    }
    let t = text.trim();
    if plain_number(t) {
        return t.parse::<f64>().ok();
    }
    match t.to_ascii_lowercase().as_str() {
        "inf" | "+inf" | "infinity" | "+infinity" => return Some(f64::INFINITY),
        "-inf" | "-infinity" => return Some(f64::NEG_INFINITY),
        "nan" | "+nan" | "-nan" => return Some(f64::NAN),
        _ => {}
    }
    if t.contains("__") || t.starts_with('_') || t.ends_with('_') {
        return None;
    }
    t.replace('_', "").parse::<f64>().ok()
}

/// Digits and dots after an optional sign: text both Python and Rust read the same way, with no
/// underscores or words to look at first (FLEE tables hold thousands of such cells).
fn plain_number(t: &str) -> bool {
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_line_numbers_and_skip_blank_lines() {
        let rows = parse_rows(b"a,b\n\n\"c,d\",e\n", Path::new("x.csv")).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].cells, vec!["c,d", "e"]);
    }

    /// Bad-input review of session 32: a file whose lines end in a lone `\r` (old Mac) had every
    /// row at line 1; with quotes or without, lines are counted at `\n`, `\r\n` and a lone `\r`.
    #[test]
    fn lines_ending_in_a_lone_carriage_return_are_counted() {
        for text in [&b"a,b\r\rc,d\re,f\r"[..], b"a,b\r\r\"c\",d\re,f\r", b"a,b\r\n\rc,d\ne,f"] {
            let rows = parse_rows(text, Path::new("x.csv")).unwrap();
            let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
            assert_eq!(lines, [1, 3, 4], "{}", String::from_utf8_lossy(text));
        }
        let cut = crate::scenario::cut::cut("name,lat\r\rA,1\rB,x\r");
        assert_eq!(cut.records.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 3, 4]);
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_named_at_its_line() {
        let path = Path::new("x.csv");
        // The byte's column in its line, with quotes or without (review of session 23: "bytes that are
        // not UTF-8", with neither byte nor column).
        let e = parse_rows(b"a,b\nc,d\xe9\n", path).unwrap_err().to_string();
        assert_eq!(e, "x.csv:2: expected UTF-8 text (save the file as UTF-8), found byte 0xe9 at column 4");
        let e = parse_rows(b"a,b\n\"c\",d\xe9\n", path).unwrap_err().to_string();
        assert_eq!(e, "x.csv:2: expected UTF-8 text (save the file as UTF-8), found byte 0xe9 at column 6");
    }

    #[test]
    fn plain_text_reads_as_the_csv_reader_reads_it() {
        let texts: [&[u8]; 11] = [
            b"\xef\xbb\xbf\n",
            b"\xef\xbb\xbf",
            b"x,\xef\xbb\xbf\n",
            b"a,b\n\nc,d\n",
            b"a,b\r\n\r\n c , d ,\r\ne",
            b"\n\n,\n,,x\n",
            b"a\rb\r\rc\n",
            b"\xef\xbb\xbfname,x\n1,2",
            b"",
            b"\r\n",
            b"only",
        ];
        for text in texts {
            let plain = parse_rows(text, Path::new("x.csv")).unwrap();
            // The same text with a quoted cell added at the end goes through the CSV reader.
            let mut quoted = text.to_vec();
            quoted.extend_from_slice(b"\n\"q\"\n");
            let mut reader = parse_rows(&quoted, Path::new("x.csv")).unwrap();
            assert_eq!(reader.pop().map(|r| r.cells), Some(vec!["q".to_string()]));
            assert_eq!(plain, reader, "{}", String::from_utf8_lossy(text));
        }
        let bad = parse_rows(b"a,b\n\nc,\xff\n", Path::new("x.csv")).unwrap_err().to_string();
        let bad_quoted = parse_rows(b"a,b\n\nc,\xff\n\"q\"\n", Path::new("x.csv")).unwrap_err().to_string();
        assert_eq!(bad, bad_quoted);
        assert!(bad.contains(":3"), "{bad}");
    }

    #[test]
    fn rows_visited_in_place_are_the_rows_read() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let texts: [&[u8]; 8] = [
            b"\xef\xbb\xbfa,b\r\n\r\n c , d ,\r\ne",
            b"\n\n,\n,,x\n",
            b"a\rb\r\rc\n",
            b"a,\"b,c\"\n\nd\n",
            b"a,b\n\nc,\xff\n",
            b"a,b\n\"q\"\n\xff\n",
            b"",
            b"only",
        ];
        for (k, text) in texts.iter().enumerate() {
            let path = dir.join(format!("t{k}.csv"));
            std::fs::write(&path, text).unwrap();
            let read = read_rows(&path).map(|rows| rows.into_iter().map(|r| (r.line, r.cells)).collect::<Vec<_>>());
            let mut seen = Vec::new();
            let visited = for_each_row(&path, text, |line, cells| {
                seen.push((line, cells.iter().map(|c| c.to_string()).collect::<Vec<_>>()));
                Ok(())
            });
            match read {
                Ok(rows) => assert_eq!((visited.is_ok(), seen), (true, rows), "{k}"),
                Err(e) => assert_eq!(visited.unwrap_err().to_string(), e.to_string(), "{k}"),
            }
        }
        // An error from the callback stops the visit.
        let mut calls = 0;
        let e = for_each_row(&dir.join("t1.csv"), texts[1], |line, _| {
            calls += 1;
            Err(FleeInputError::invalid(Location::file(Path::new("x")).line(line), "a", "b"))
        });
        assert!(e.is_err() && calls == 1);
    }

    #[test]
    fn digit_runs_parse_as_floats_do() {
        for t in ["0", "1", "007", "123456789012345", "999999999999999", "1234567890123456", "12345678901234567890"] {
            assert_eq!(py_float(t), t.parse::<f64>().ok(), "{t}");
        }
        assert_eq!(py_float(""), None);
        assert_eq!(py_float(" 1 "), Some(1.0));
    }

    #[test]
    fn python_number_parsing() {
        assert_eq!(py_int(" 12 "), Some(12));
        assert_eq!(py_int("1.5"), None);
        assert_eq!(py_float(" 0.5"), Some(0.5));
        assert_eq!(py_float("1e3"), Some(1000.0));
        assert_eq!(py_float("x"), None);
        assert_eq!(py_int("-3"), Some(-3));
        assert_eq!(py_int("+3"), Some(3));
        assert_eq!(py_int("1_000"), Some(1000));
        assert_eq!(py_int("-"), None);
        assert_eq!(py_int("1."), None);
        assert_eq!(py_float("1."), Some(1.0));
        assert_eq!(py_float(".5"), Some(0.5));
        assert_eq!(py_float("-0.25"), Some(-0.25));
        assert_eq!(py_float("."), None);
        assert_eq!(py_float("1.2.3"), None);
        assert_eq!(py_float("+-1"), None);
    }

    /// User review: an unbalanced quote in a FLEE table read here (`"1,"2` for `"1","2"`) was reported
    /// by what it did, a value not a number or a row too wide, and not where it is.
    #[test]
    fn an_error_an_unbalanced_quote_led_to_names_the_quote() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("t.csv");
        let at = |line: Option<u64>, field: Option<&str>| {
            let at = Location::file(&path);
            let at = line.map_or(at.clone(), |l| at.line(l));
            field.map_or(at.clone(), |f| at.field(f))
        };
        let explain = |e: FleeInputError, header: Option<u64>| {
            explain_quotes(&path, e, header, |i| ["day", "A", "B"].get(i).map(|f| f.to_string())).to_string()
        };
        let p = path.display();
        // On the error's line: named by the reader's name of its cell.
        std::fs::write(
            &path,
            "#Day,A,B
0,\"1,\"2\n",
        )
        .unwrap();
        let e = explain(FleeInputError::invalid(at(Some(2), Some("A")), "a number", "`1,2`"), None);
        assert!(e.starts_with(&format!("{p}:2: `A`: unbalanced quotes: column 2, `\"1,\"2`, closes")), "{e}");
        assert!(e.contains("and its row is a cell shorter than written (no column after it to shift)"), "{e}");
        assert!(e.ends_with("Read so: `A`: expected a number, found `1,2`"), "{e}");
        // In the header that names the columns, for an error on a later line.
        std::fs::write(&path, "#Day,\"A,\"B,C\n0,1,0,1\n").unwrap();
        let wide = FleeInputError::invalid(at(Some(2), None), "at most 3 columns", "4 columns");
        let e = explain(wide, Some(1));
        assert!(e.starts_with(&format!("{p}:1: unbalanced quotes: column 2, `\"A,\"B`")), "{e}");
        assert!(e.ends_with("Read so: line 2: expected at most 3 columns, found 4 columns"), "{e}");
        // An error naming no line (a row looked for, not found): the quote that merged the name sought
        // into another cell, and no other.
        let e = explain(FleeInputError::invalid(at(None, Some("B")), "a row", "none"), None);
        assert!(e.starts_with(&format!("{p}:1: `A`: unbalanced quotes: column 2")), "{e}");
        let e = explain(FleeInputError::invalid(at(None, Some("C")), "a row", "none"), None);
        assert_eq!(e, format!("{p}: `C`: expected a row, found none"));
        // Else the error as it was: another line with no header, another file, or no such quote.
        for (e, header) in [
            (FleeInputError::invalid(at(Some(2), None), "x", "y"), None),
            (FleeInputError::invalid(Location::file(Path::new("other.csv")).line(1), "x", "y"), Some(1)),
        ] {
            let before = e.to_string();
            assert_eq!(explain(e, header), before);
        }
        std::fs::write(&path, "#Day,\"A\" ,B\n").unwrap();
        let e = FleeInputError::invalid(at(Some(1), None), "x", "y");
        assert_eq!(explain(e, Some(1)), format!("{p}:1: expected x, found y"));
    }
}
