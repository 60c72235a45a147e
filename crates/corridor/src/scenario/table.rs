//! Reads CSV tables by column name (never by position), keeping each row's line for error messages.
//! Accepts FLEE's conventions: a header that may start with `#`, quoted names, `#` comment lines.

use super::cut::{cut, Cut, Misquoted};
use super::error::{InputLocation, Result, ScenarioError};
use super::quotes;
use std::path::{Path, PathBuf};

mod row;

pub use row::Row;

/// One column a table may have: its canonical name, accepted aliases and whether it must be present.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
    /// Read past a table's `extra_from` only from a header cell written exactly as `name`: one naming
    /// it otherwise (`Max_Move_Speed`) is an extra column, as FLEE keys attributes by the header as written.
    pub exact: bool,
}

impl Column {
    pub const fn required(name: &'static str) -> Self {
        Column { name, aliases: &[], required: true, exact: false }
    }
    pub const fn optional(name: &'static str) -> Self {
        Column { name, aliases: &[], required: false, exact: false }
    }
    pub const fn aka(mut self, aliases: &'static [&'static str]) -> Self {
        self.aliases = aliases;
        self
    }
    pub const fn exact(mut self) -> Self {
        self.exact = true;
        self
    }
}

/// A table read from a file: its path and rows, each with its line number.
#[derive(Debug)]
pub struct Table {
    pub path: PathBuf,
    /// For each column of the spec, its index in the file (None if absent).
    index: Vec<Option<usize>>,
    names: Vec<&'static str>,
    /// The file's records (header, comments and blank ones included).
    cells: Cut,
    /// The records that are rows, in file order.
    rows: Vec<usize>,
    /// Cells in the header line.
    header_width: usize,
    /// The header's record.
    header: usize,
}

/// A column a table accepted without knowing it (see `Table::parse_extra`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtraColumn {
    /// Line of the header.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The header, normalised (lower case, no `#`), or as written for a column dropped for its name.
    pub name: String,
}

/// The known column name or alias closest to header `h`, within two edits (a misspelling, not a new
/// column).
fn misspelt_known(h: &str, spec: &[Column]) -> Option<&'static str> {
    crate::suggest::closest(h, spec.iter().flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied())))
}

/// Why [`Table::parse_columns`] refused a file.
#[derive(Debug)]
pub enum TableError {
    /// The header at `location` (with no unbalanced quote) lacks `column`, which the spec requires.
    MissingColumn { location: InputLocation, column: &'static str },
    /// Anything else, as it is reported.
    Other(ScenarioError),
}

impl From<ScenarioError> for TableError {
    fn from(e: ScenarioError) -> Self {
        TableError::Other(e)
    }
}

impl From<TableError> for ScenarioError {
    fn from(e: TableError) -> Self {
        match e {
            TableError::MissingColumn { location, column } => ScenarioError::invalid(location, missing_column(column)),
            TableError::Other(e) => e,
        }
    }
}

/// The words for a header without the required `column`.
pub fn missing_column(column: &str) -> String {
    format!("missing required column `{column}`")
}

/// A header's cell as a column name: lower case, without `#`, quotes or blanks around it.
pub fn normalise_header(h: &str) -> String {
    h.trim().trim_start_matches('#').trim().trim_matches('"').trim_start_matches('#').trim().to_ascii_lowercase()
}

/// The record of `cells` that is the header: the first that is not blank, unless it is a `#` line (a
/// comment, perhaps, as FLEE skips every `#` line; bad-input review of session 32: `# my world` above
/// the header was read as the header). Then it is the one of the leading `#` lines, and the line after
/// them, whose cells name the most columns of `spec`, the first of them on a tie (final review of
/// session 33: `# population, from GeoNames` above `name,population` was taken for the header, and a
/// header without `#` after a comment was not looked for). With none naming a column, the first is
/// the header, and its unknown column the error.
fn header_record(cells: &Cut, spec: &[Column]) -> Option<usize> {
    let blank = |r: &usize| cells.fields(*r).all(|f| f.trim().is_empty());
    let marked = |r: &usize| cells.field(*r, 0).is_some_and(|f| f.trim().starts_with('#'));
    let known = |h: &str| spec.iter().any(|c| c.name == h || c.aliases.contains(&h));
    let named = |r: &usize| cells.fields(*r).map(normalise_header).filter(|h| known(h)).count();
    let mut lines = (0..cells.records.len()).filter(|r| !blank(r));
    let first = lines.next()?;
    if !marked(&first) {
        return Some(first);
    }
    let (mut best, mut most) = (first, named(&first));
    for r in lines {
        let n = named(&r);
        if n > most {
            (best, most) = (r, n);
        }
        if !marked(&r) {
            break;
        }
    }
    Some(best)
}

impl Table {
    /// Parses `bytes` as the contents of `path`.
    /// A row with a value past the header's last column is an error (a comma in a value that needed
    /// quotes shifts every cell after it); empty cells there are not.
    pub fn parse(path: &Path, bytes: &[u8], spec: &[Column]) -> Result<Table> {
        let (table, _) = Self::parse_extra(path, bytes, spec, usize::MAX)?;
        let width = table.header_width;
        // The header's columns up to its last name: a header ending in a comma names no column more.
        let names: Vec<String> = table.cells.fields(table.header).map(normalise_header).collect();
        let named = names.iter().rposition(|h| !h.is_empty()).map_or(0, |i| i + 1);
        for &r in &table.rows {
            // A row that ends before the header's last column lost its last cells, or had one cut off:
            // empty cells are written as commas (planner's review of session 24: a row cut after
            // `origin` loaded, its population, shelter places and source read as none).
            let fields = table.cells.fields(r).count();
            let line = table.cells.records[r].0;
            // A quote that ran cells into one is what the later error explains (`quotes::blame`).
            let quote = || quotes::blame(&table.cells, &quotes::Failure { line: Some(line), ..Default::default() });
            if fields < named && quote().is_none() {
                let missing: Vec<&str> =
                    names[fields..named].iter().filter(|h| !h.is_empty()).map(String::as_str).collect();
                let msg = format!(
                    "this row has {fields} of the header's {named} columns (no {}): write an empty cell as a comma \
                     (`a,,c`)",
                    missing.join(", ")
                );
                return Err(ScenarioError::invalid(InputLocation::at(path, line).with_column(fields + 1), msg));
            }
            if let Some(i) = table.cells.fields(r).skip(width).position(|f| !f.trim().is_empty()) {
                let line = table.cells.records[r].0;
                let msg = format!(
                    "this row has a value in column {}, past the header's {width} columns: a value with a comma \
                     needs quotes (\"a, b\")",
                    width + i + 1
                );
                return Err(ScenarioError::invalid(InputLocation::at(path, line).with_column(width + i + 1), msg));
            }
        }
        Ok(table)
    }

    /// As `parse`, but an unknown column at position `extra_from` (0-based) or later is returned,
    /// with its line, 1-based column and header, instead of being an error, unless its header is a likely
    /// misspelling of a known column (within two edits), which stays an error.
    pub fn parse_extra(
        path: &Path,
        bytes: &[u8],
        spec: &[Column],
        extra_from: usize,
    ) -> Result<(Table, Vec<ExtraColumn>)> {
        Self::columns(path, bytes, spec, extra_from, true).map_err(ScenarioError::from)
    }

    /// [`parse_extra`](Self::parse_extra) as a FLEE folder's tables are read, with a missing required
    /// column told apart from other errors, for a reader that says why the column is required. A quote
    /// never closed is not refused: the rest of the file is read into its cell, as Python's `csv`
    /// module reads it for FLEE (the loader warns of it, `quotes::merging`).
    pub fn parse_columns(
        path: &Path,
        bytes: &[u8],
        spec: &[Column],
        extra_from: usize,
    ) -> Result<(Table, Vec<ExtraColumn>), TableError> {
        Self::columns(path, bytes, spec, extra_from, false)
    }

    /// [`parse_columns`](Self::parse_columns), refusing a quote never closed when `refuse_unclosed`
    /// (a scenario's own tables: the rest of the file in one cell is never what was meant).
    fn columns(
        path: &Path,
        bytes: &[u8],
        spec: &[Column],
        extra_from: usize,
        refuse_unclosed: bool,
    ) -> Result<(Table, Vec<ExtraColumn>), TableError> {
        let mut extras = Vec::new();
        // Fields are trimmed where they are read (`Row::text`, the header's names, the checks below)
        // rather than by the reader, which would rebuild every record.
        let cells = match std::str::from_utf8(bytes) {
            Ok(text) => cut(text),
            Err(e) => return Err(super::error::not_utf8(path, bytes, e).into()),
        };
        if let Some(line) = cells.unclosed_quote.filter(|_| refuse_unclosed) {
            let msg =
                "a quote (\") opens a field on this line and is never closed: the rest of the file was read into it";
            return Err(ScenarioError::invalid(InputLocation::at(path, line), msg).into());
        }
        // A quote closed on a later line took the rows between into one cell (input review of session
        // 32: a source's missing closing quote swallowed the next place without a word).
        // (A cell quoted whole may hold a line break: only a quote with text after its closing one is
        // misquoted.)
        let across = |m: &&Misquoted| m.closed && cells.text[m.written.0..m.closed_at].contains(['\n', '\r']);
        if let Some(m) = refuse_unclosed.then(|| cells.misquoted.iter().find(across)).flatten() {
            let to = cells.text[..m.closed_at].lines().count();
            let msg = format!(
                "a quote (\") opens a field on this line and is closed only on line {to}, with text after it: the \
                 lines between were read into one cell (is a closing quote missing on this line?)"
            );
            let at = InputLocation::at(path, cells.line_of(m)).with_column(m.field + 1);
            return Err(ScenarioError::invalid(at, msg).into());
        }
        let header = header_record(&cells, spec);
        let mut rows = Vec::new();
        for r in header.map_or(0, |h| h + 1)..cells.records.len() {
            let first = cells.field(r, 0).unwrap_or("").trim();
            if first.starts_with('#') || cells.fields(r).all(|f| f.trim().is_empty()) {
                continue;
            }
            rows.push(r);
        }
        let Some(header) = header else {
            return Err(ScenarioError::invalid(
                InputLocation::file(path),
                "the table is empty: expected a header line naming its columns",
            )
            .into());
        };
        let hline = cells.records[header].0;
        // An error in the header, said as the unbalanced quote it comes from when one could have caused it.
        let refuse = |at: InputLocation, message: String| -> TableError {
            quotes::explain(path, &cells, ScenarioError::invalid(at, message)).into()
        };
        let mut index = vec![None; spec.len()];
        for (i, raw) in cells.fields(header).enumerate() {
            let h = normalise_header(raw);
            if h.is_empty() {
                // A scenario's own column without a name whose rows hold values: they would be dropped
                // without a word (bad-input review of session 32: `population,,source` lost the
                // shelter places). A FLEE folder's are read by position, as FLEE reads them.
                let valued = |r: &usize| cells.field(*r, i).is_some_and(|f| !f.trim().is_empty());
                if let Some(&r) = rows.iter().find(|r| refuse_unclosed && valued(r)) {
                    let msg = format!(
                        "column {} has no name, but line {} has a value in it: name the column, or remove it",
                        i + 1,
                        cells.records[r].0
                    );
                    return Err(refuse(InputLocation::at(path, hline).with_column(i + 1), msg));
                }
                continue;
            }
            let found = spec.iter().position(|c| c.name == h || c.aliases.contains(&h.as_str()));
            let at = InputLocation::at(path, hline).with_column(i + 1);
            // Past `extra_from`, a column read only under its exact name is, under another, an extra one
            // (never parsed, and no second of the column it resembles).
            if found.is_some_and(|k| i >= extra_from && spec[k].exact && raw != spec[k].name) {
                extras.push(ExtraColumn { line: hline, column: i + 1, name: raw.to_string() });
                continue;
            }
            match found {
                Some(k) if index[k].is_some() => return Err(refuse(at, format!("column `{h}` appears twice"))),
                Some(k) => index[k] = Some(i),
                None => {
                    // Past `extra_from`, a name of three letters or fewer is an attribute of its own
                    // (bad-input review of session 32: FLEE's `id` and `gdp` were refused as `x` and `pop`).
                    let misspelt = misspelt_known(&h, spec).filter(|_| i < extra_from || h.chars().count() > 3);
                    if i >= extra_from && misspelt.is_none() {
                        extras.push(ExtraColumn { line: hline, column: i + 1, name: h });
                        continue;
                    }
                    let mut hint = misspelt.map(|k| format!(" (did you mean `{k}`?)")).unwrap_or_default();
                    // A whole header read as one column: separated by semicolons, as a spreadsheet set to
                    // a decimal comma saves "CSV" (planner's review of session 24).
                    if cells.fields(header).count() == 1 && h.contains(';') {
                        hint =
                            " (the header has semicolons and no comma: the table must be separated by commas)".into();
                    }
                    let known: Vec<&str> = spec.iter().map(|c| c.name).collect();
                    let message = format!("unknown column `{h}`{hint}; expected columns: {}", known.join(", "));
                    return Err(refuse(at, message));
                }
            }
        }
        if let Some(c) = spec.iter().zip(&index).find_map(|(c, at)| (c.required && at.is_none()).then_some(c)) {
            let location = InputLocation::at(path, hline);
            // A header whose quotes ran names into one is reported as such.
            if quotes::blame(&cells, &quotes::Failure { line: Some(hline), ..Default::default() }).is_some() {
                return Err(refuse(location, missing_column(c.name)));
            }
            return Err(TableError::MissingColumn { location, column: c.name });
        }
        let names = spec.iter().map(|c| c.name).collect();
        let header_width = cells.fields(header).count();
        Ok((Table { path: path.to_path_buf(), index, names, cells, rows, header_width, header }, extras))
    }

    /// `e`, found reading this table, said as the unbalanced quote it comes from, where one could have
    /// caused it (`quotes::explain`). Other errors are returned as they are.
    pub fn explain_quotes(&self, e: ScenarioError) -> ScenarioError {
        quotes::explain(&self.path, &self.cells, e)
    }

    /// The unbalanced quotes in `column`'s cells of the rows that ran nothing into one (`"C"x`, read as
    /// `Cx`; `quotes::merges` says which do, and the loader warns of those), each with its row.
    pub fn quoted_cells(&self, column: &str) -> Vec<(Row<'_>, &Misquoted)> {
        let Some(i) = self.column_index(column) else { return Vec::new() };
        let in_cell = |row: Row<'_>, m: &Misquoted| m.record == row.record && m.field == i;
        let quoted = |row| self.cells.misquoted.iter().filter(move |m| in_cell(row, m)).map(move |m| (row, m));
        self.rows().flat_map(quoted).filter(|(_, m)| !quotes::merges(&self.cells, m)).collect()
    }

    /// The words for the quote `m` of this table (`quotes::warning`): at its line and column, what its
    /// cell is read as said as `read_as` when given (`quotes::warning_read_as`), then `then`.
    pub fn quote_warning(&self, m: &Misquoted, read_as: Option<&str>, then: &str) -> String {
        quotes::warning_read_as(&self.path, &self.cells, m, read_as, "", then)
    }

    /// The text within the quotes of `m` (`C` of `"C"x`), a doubled quote read as one.
    pub fn quoted_text(&self, m: &Misquoted) -> String {
        let quoted = &self.cells.text[m.written.0..m.closed_at];
        quoted.strip_prefix('"').unwrap_or(quoted).strip_suffix('"').unwrap_or(quoted).replace("\"\"", "\"")
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(|&record| Row { table: self, line: self.cells.records[record].0, record })
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Cells in the header line (empty ones included).
    pub fn header_width(&self) -> usize {
        self.header_width
    }

    /// The header's line (1-based), for errors about the columns.
    pub fn header_line(&self) -> usize {
        self.cells.records[self.header].0
    }

    /// The header's cell of the 0-based column `i`, as the reader reads it (see [`normalise_header`]).
    pub fn header_cell(&self, i: usize) -> &str {
        self.cells.field(self.header, i).unwrap_or("")
    }

    /// The known column at 0-based position `i` of the header, if one is there.
    pub fn column_at(&self, i: usize) -> Option<&'static str> {
        self.index.iter().position(|&at| at == Some(i)).map(|k| self.names[k])
    }

    fn column_index(&self, column: &str) -> Option<usize> {
        let k = self.names.iter().position(|n| *n == column)?;
        self.index[k]
    }
}

#[cfg(test)]
mod tests;
