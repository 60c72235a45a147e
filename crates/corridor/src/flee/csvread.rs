//! Row reading shared by the FLEE CSV readers, behaving like Python's `csv.reader`.
//! Rows keep their 1-based line numbers so that errors can point at them.

use std::path::Path;

use super::error::{FleeInputError, Location};

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
    let bytes = std::fs::read(path).map_err(|e| FleeInputError::io(path, e))?;
    parse_rows(&bytes, path)
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
            line_at += bytes[counted_to..byte].iter().filter(|b| **b == b'\n').count() as u64;
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
            let text = std::str::from_utf8(cell).map_err(|_| {
                FleeInputError::invalid(Location::file(path).line(line), "UTF-8 text", "bytes that are not UTF-8")
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
/// FLEE folder has dozens of small files, and building a reader costs more than reading one): a
/// record ends at `\n` or `\r`, runs of them are blank lines (no record), cells end at commas, and
/// a UTF-8 byte order mark at the start is dropped.
fn parse_plain_rows(bytes: &[u8], path: &Path) -> Result<Vec<Row>, FleeInputError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut rows = Vec::new();
    for (this, part) in (1u64..).zip(bytes.split_inclusive(|b| *b == b'\n')) {
        for record in part.split(|b| matches!(b, b'\n' | b'\r')).filter(|r| !r.is_empty()) {
            let text = std::str::from_utf8(record).map_err(|_| {
                FleeInputError::invalid(Location::file(path).line(this), "UTF-8 text", "bytes that are not UTF-8")
            })?;
            rows.push(Row { line: this, cells: text.split(',').map(str::to_string).collect() });
        }
    }
    Ok(rows)
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
}
