//! Unbalanced quotes (`"a,"b` for `"a","b"`) in the CSV files corridor reads: which one an error
//! comes from, which ones a FLEE folder is warned of, and the words for them. Every reader asks here:
//! a scenario's tables and a FLEE folder's (`Table::explain_quotes`, [`explain`]), FLEE's other
//! files (`flee::csvread::explain_quotes`) and the FLEE loader's warnings (`flee_dir::notes`).
//!
//! A quote is blamed only where it could have caused what is blamed on it: where its quoted text
//! spans a comma or a line end ([`merges`]: it ran two cells, or rows, into one), or where it is the
//! very cell the error is about (`"A"x`, read as `Ax`).

use super::cut::{cut, Cut, Misquoted};
use super::error::{InputLocation, ScenarioError};
use std::path::Path;

/// Where an error is, as far as it says, for [`blame`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Failure<'a> {
    /// The error's line (1-based); None for a row looked for and not found.
    pub line: Option<usize>,
    /// The line of a header whose names name the cells of the error's row (a quote there shifts them).
    pub header: Option<usize>,
    /// The 0-based cell the error is about, when known.
    pub column: Option<usize>,
    /// For an error with no line: the name whose row was looked for (None: any row).
    pub sought: Option<&'a str>,
}

/// Whether `m` ran cells or rows into one: its quoted text spans a comma or a line end, or it is
/// never closed (the rest of the file is its cell).
pub fn merges(cells: &Cut, m: &Misquoted) -> bool {
    !m.closed || cells.text[m.written.0..m.closed_at].contains([',', '\n', '\r'])
}

/// The quote of `cells` that could have caused an error at `at`: on the error's line, the first that
/// merged cells at or before the error's cell, else one in that very cell; else, for a row of a
/// table whose header names its cells, the first in the header that merged cells. For an error
/// with no line (a row not found), the first that merged cells or rows and whose text holds the
/// name sought (the row that would have held it), or any that merged when no name is sought.
pub fn blame<'c>(cells: &'c Cut, at: &Failure) -> Option<&'c Misquoted> {
    let merging = |m: &&Misquoted| merges(cells, m);
    let Some(line) = at.line else {
        let holds = |m: &&Misquoted| at.sought.is_none_or(|name| holds(cells, m, name));
        return cells.misquoted.iter().filter(merging).find(holds);
    };
    let on = |line: usize| cells.misquoted.iter().filter(move |m| cells.line_of(m) == line);
    on(line)
        .filter(|m| at.column.is_none_or(|c| m.field <= c))
        .find(merging)
        .or_else(|| on(line).find(|m| Some(m.field) == at.column))
        .or_else(|| at.header.filter(|&h| h != line).and_then(|h| on(h).find(merging)))
}

/// Whether the text `m` is read as holds `name` as a cell of its own (cells and rows it merged
/// included), ignoring blanks and ASCII case.
fn holds(cells: &Cut, m: &Misquoted, name: &str) -> bool {
    let read = cells.field(m.record, m.field).unwrap_or("");
    read.split([',', '\n', '\r']).any(|cell| cell.trim().trim_matches('"').trim().eq_ignore_ascii_case(name.trim()))
}

/// `text` for a message: on one line (line ends as `\n`, `\r`), and cut after 60 characters.
fn shown(text: &str) -> String {
    first_chars(&text.replace('\n', "\\n").replace('\r', "\\r"), 60)
}

/// `text`'s first `n` characters, and `…` when it has more.
pub(crate) fn first_chars(text: &str, n: usize) -> String {
    match text.char_indices().nth(n) {
        Some((cut_at, _)) => format!("{}…", &text[..cut_at]),
        None => text.to_string(),
    }
}

/// What the unbalanced quote `m` does to its row: where it is, where its quotes close, what is read.
pub fn describe(cells: &Cut, m: &Misquoted) -> String {
    describe_read(cells, m, None)
}

/// [`describe`], what a closed quote's cell is read as said as `read_as` when given (`` `Cx ` by
/// FLEE (corridor trims it to `Cx`) ``) in place of `` one value, `Cx ` ``.
fn describe_read(cells: &Cut, m: &Misquoted, read_as: Option<&str>) -> String {
    let (written, read) = (&cells.text[m.written.0..m.written.1], cells.field(m.record, m.field).unwrap_or(""));
    let last = cells.line_of(m) + written.trim_end_matches(['\n', '\r']).matches('\n').count();
    let hint =
        "(is a quote missing? a value with a comma is quoted whole, \"a, b\", and a quote within one doubled, \"\")";
    let (column, written, read) = (m.field + 1, shown(written), shown(read));
    if !m.closed {
        return format!(
            "unbalanced quotes: column {column}, `{written}`, opens a quote that is never closed, so the rest of the \
             file, to line {last}, is read as one value, `{read}` {hint}"
        );
    }
    let quoted = &cells.text[m.written.0..m.closed_at];
    let merged = if quoted.contains(['\n', '\r']) {
        format!(", and the lines to line {last} with it")
    } else if quoted.contains(',') && cells.field(m.record, m.field + 1).is_some() {
        ", and every column after it is shifted".to_string()
    } else if quoted.contains(',') {
        ", and its row is a cell shorter than written (no column after it to shift)".to_string()
    } else {
        String::new()
    };
    let value = read_as.map_or_else(|| format!("one value, `{read}`"), str::to_string);
    format!(
        "unbalanced quotes: column {column}, `{written}`, closes its quotes at `{}` and goes on, so it is read as \
         {value}{merged} {hint}",
        shown(quoted)
    )
}

/// The message for the error `failed` that the quote `m` led to: the quote first, then the error.
pub fn explained(cells: &Cut, m: &Misquoted, failed: &str) -> String {
    let failed = failed.replace('\n', "\\n").replace('\r', "\\r");
    format!("{}. Read so: {failed}", describe(cells, m))
}

/// The warning for the quote `m` of the file at `path`: at its line and column, `before`, its words,
/// then `then`.
pub fn warning(path: &Path, cells: &Cut, m: &Misquoted, before: &str, then: &str) -> String {
    warning_read_as(path, cells, m, None, before, then)
}

/// [`warning`], what the quote's cell is read as said as `read_as` when given ([`describe_read`]).
pub fn warning_read_as(
    path: &Path,
    cells: &Cut,
    m: &Misquoted,
    read_as: Option<&str>,
    before: &str,
    then: &str,
) -> String {
    let said = describe_read(cells, m, read_as);
    format!("{}:{}:{}: {before}{said}; {then}", path.display(), cells.line_of(m), m.field + 1)
}

/// The quotes of `cells` that ran cells or rows into one ([`merges`]), in file order: what a FLEE
/// folder that loads is warned of, as FLEE reads them too and goes on.
pub fn merging(cells: &Cut) -> impl Iterator<Item = &Misquoted> {
    cells.misquoted.iter().filter(|m| merges(cells, m))
}

/// Whether `m` stands in a comment row of a FLEE table (a row after the header whose first cell
/// starts with `#`, which FLEE skips, as corridor does) and runs no line into it: it changes nothing
/// read. A quote there that runs on past its line end takes the rows after it into the comment.
pub fn in_comment(cells: &Cut, m: &Misquoted) -> bool {
    let header = (0..cells.records.len()).find(|&r| cells.fields(r).any(|f| !f.trim().is_empty()));
    let comment =
        header.is_some_and(|h| h < m.record) && cells.field(m.record, 0).is_some_and(|f| f.trim().starts_with('#'));
    comment && m.closed && !cells.text[m.written.0..m.closed_at].contains(['\n', '\r'])
}

/// The file at `path` cut into cells, when it is text holding a quote (for a reader that kept no
/// [`Cut`]: the file is read again, for an error or a warning on its way out).
pub fn cut_file(path: &Path) -> Option<Cut> {
    cut_quoted(&crate::flee::files::read_input(path).ok()?)
}

/// `bytes` cut into cells, when they are text holding a quote (else there is no quote to say).
pub fn cut_quoted(bytes: &[u8]) -> Option<Cut> {
    let text = std::str::from_utf8(bytes).ok()?;
    text.contains('"').then(|| cut(text))
}

/// `e`, found reading the file at `path` (cut into `cells`), said as the unbalanced quote it comes
/// from ([`blame`]; `"Timbuktu,"Timbuktu"`: one field, `Timbuktu,Timbuktu"`, and the columns after
/// it shifted), which a field's own error (`unknown location type `0``) does not say. Errors with no
/// line, of other kinds or of other files, and errors no quote could have caused, are returned as
/// they are.
pub fn explain(path: &Path, cells: &Cut, e: ScenarioError) -> ScenarioError {
    let ScenarioError::Invalid { location, message } = &e else {
        return e;
    };
    let Some(line) = location.line.filter(|_| location.path == path) else {
        return e;
    };
    let at = Failure { line: Some(line), column: location.column.map(|c| c.saturating_sub(1)), ..Failure::default() };
    let Some(m) = blame(cells, &at) else {
        return e;
    };
    let failed = match &location.field {
        Some(f) => format!("field `{f}`: {message}"),
        None => message.clone(),
    };
    ScenarioError::invalid(InputLocation::at(path, line).with_column(m.field + 1), explained(cells, m, &failed))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A FLEE folder's conflicts.csv header is read apart from any table, and a name an unbalanced
    /// quote changed (`"A"x`, read as `Ax`) was reported as an unknown place: the file is read again
    /// for the quote in the error's cell, and a line without one keeps its error.
    #[test]
    fn an_error_in_a_file_read_apart_names_the_quote_in_its_cell() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("c.csv");
        std::fs::write(&path, "#Day,\"A\"x,B\n0,1,0\n").unwrap();
        let unknown = |line: usize| {
            let at = InputLocation::at(&path, line).with_column(2).with_field("Ax");
            let e = ScenarioError::invalid(at, "unknown place `Ax`");
            explain(&path, &cut_file(&path).unwrap(), e).to_string()
        };
        let e = unknown(1);
        assert!(e.contains("c.csv:1:2: unbalanced quotes: column 2, `\"A\"x`, closes its quotes at `\"A\"`"), "{e}");
        assert!(e.contains("read as one value, `Ax` (is a quote"), "no comma within: nothing shifted: {e}");
        assert!(e.ends_with("Read so: field `Ax`: unknown place `Ax`"), "{e}");
        assert!(unknown(2).ends_with("c.csv:2:2: field `Ax`: unknown place `Ax`"));
    }

    /// Review: the first misquoted cell of a line was blamed for its error, though a later one caused
    /// it (`"#"name1,"name2,"distance"`: `"#"name1`, read as `#name1`, holds no comma), and for an
    /// error naming no line the file's first, wherever it was (a harmless `#note,"about"x`).
    #[test]
    fn only_a_quote_that_could_have_caused_the_error_is_blamed() {
        let cells = cut("\"#\"name1,\"name2,\"distance\",x\n#note,\"about\"x\nA,\"B,\"5\nC,\"D\"x,\"1,\"2\n");
        let at = |line, column| blame(&cells, &Failure { line: Some(line), column, ..Failure::default() });
        let blamed = |m: Option<&Misquoted>| m.map(|m| (cells.line_of(m), m.field));
        // The cell that merged cells, not the first misquoted one.
        assert_eq!(blamed(at(1, Some(1))), Some((1, 1)));
        assert_eq!(blamed(at(1, None)), Some((1, 1)));
        // A misquoted cell that merged nothing, only for an error in that cell.
        assert_eq!(blamed(at(1, Some(0))), Some((1, 0)));
        assert_eq!(blamed(at(2, None)), None);
        assert_eq!(blamed(at(2, Some(1))), Some((2, 1)));
        // A merge after the error's cell did not shift it; one before did.
        assert_eq!(blamed(at(4, Some(0))), None);
        assert_eq!(blamed(at(4, Some(1))), Some((4, 1)));
        assert_eq!(blamed(at(4, Some(3))), Some((4, 2)));
        assert_eq!(blamed(at(3, Some(0))), None);
        // No line: a row not found, the merge whose text holds the name, else none.
        let sought = |name| blame(&cells, &Failure { sought: Some(name), ..Failure::default() });
        assert_eq!(blamed(sought("distance")), Some((1, 1)));
        assert_eq!(blamed(sought("b")), Some((3, 1)));
        assert_eq!(blamed(sought("about")), None);
        assert_eq!(blamed(sought("F")), None);
        // A header's merge, for a later row of its table.
        let header = blame(&cells, &Failure { line: Some(2), header: Some(1), ..Failure::default() });
        assert_eq!(blamed(header), Some((1, 1)));
    }

    /// A quote that merged lines, or was never closed, says how far it runs.
    #[test]
    fn quotes_over_line_ends_say_how_far_they_run() {
        let cells = cut("a,\"b\nc,\"d\ne\n");
        let m = merging(&cells).next().unwrap();
        assert!(describe(&cells, m).contains("`b\\nc,d`, and the lines to line 2 with it"), "{}", describe(&cells, m));
        let cells = cut("a,\"b\nc,d\n");
        let m = merging(&cells).next().unwrap();
        let said = describe(&cells, m);
        assert!(said.contains("opens a quote that is never closed, so the rest of the file, to line 2"), "{said}");
        let w = warning(Path::new("x.csv"), &cells, m, "", "then");
        assert!(w.starts_with("x.csv:1:2: unbalanced quotes: column 2") && w.ends_with("; then"), "{w}");
    }

    /// Review 2: the error's part ("Read so: …") kept its line ends, so the message ran over lines
    /// (a conflicts cell `"1\n6, 1"`); and a merging quote in a row's last column said "every column
    /// after it is shifted", though none follows.
    #[test]
    fn the_error_part_is_on_one_line_and_a_last_column_shifts_nothing() {
        let cells = cut("a,b\nx,\"1,\"2\n");
        let m = merging(&cells).next().unwrap();
        let said = explained(&cells, m, "`1\n6, 1` is not a number\r");
        assert!(!said.contains(['\n', '\r']), "{said}");
        assert!(said.ends_with("Read so: `1\\n6, 1` is not a number\\r"), "{said}");
        let cells = cut("a,b\nx,\"1,\"2\ny,\"1,\"2,z\n");
        let said: Vec<String> = merging(&cells).map(|m| describe(&cells, m)).collect();
        assert!(
            said[0].contains("`1,2`, and its row is a cell shorter than written (no column after it to shift) (is a"),
            "{said:?}"
        );
        assert!(said[1].contains("`1,2`, and every column after it is shifted"), "{said:?}");
    }

    /// Review 2: FLEE skips a `#` row after the header, so a quote there changes nothing read and
    /// gets no warning, unless it runs past its line end and takes the rows after it with it.
    #[test]
    fn a_quote_in_a_comment_row_is_no_matter_unless_it_takes_rows() {
        let cells = cut("\"#a\"x,b\n#note,\"x,\"y\nA,1\n#x,\"open\nB,2\n");
        let kept: Vec<(usize, bool)> = merging(&cells).map(|m| (cells.line_of(m), in_comment(&cells, m))).collect();
        assert_eq!(kept, [(2, true), (4, false)]);
        assert!(!in_comment(&cells, &cells.misquoted[0]), "the header is no comment");
    }
}
