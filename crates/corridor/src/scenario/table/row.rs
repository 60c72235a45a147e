//! One row of a `Table`: its cells by column name, as text or numbers, each accessor's error naming
//! the file, line and column.

use super::Table;
use crate::scenario::error::{InputLocation, Result, ScenarioError};

/// One row of a table; accessors report errors with the file, line and column name.
#[derive(Clone, Copy)]
pub struct Row<'t> {
    pub(super) table: &'t Table,
    pub line: usize,
    pub(super) record: usize,
}

impl<'t> Row<'t> {
    /// Where `column` of this row is, for error messages.
    pub fn location(&self, column: &str) -> InputLocation {
        let loc = InputLocation::at(&self.table.path, self.line).with_field(column);
        match self.table.column_index(column) {
            Some(i) => loc.with_column(i + 1),
            None => loc,
        }
    }

    pub fn error(&self, column: &str, message: impl Into<String>) -> ScenarioError {
        ScenarioError::invalid(self.location(column), message)
    }

    /// Cells in this row's record (empty ones included), as a CSV reader splits it.
    pub fn cells(&self) -> usize {
        self.table.cells.fields(self.record).count()
    }

    /// The 0-based position of the first cell at `from` or after with text in it, if any.
    pub fn nonempty_past(&self, from: usize) -> Option<usize> {
        self.table.cells.fields(self.record).skip(from).position(|f| !f.trim().is_empty()).map(|i| from + i)
    }

    /// `column`'s cell as the CSV reader (Python's `csv` module too) reads it: untrimmed, quotes removed.
    pub fn cell(&self, column: &str) -> Option<&'t str> {
        self.table.column_index(column).and_then(|i| self.table.cells.field(self.record, i))
    }

    /// Whether `column`'s cell has text with spaces (or tabs) around it, which `text` trims.
    pub fn padded(&self, column: &str) -> bool {
        let raw = self.table.column_index(column).and_then(|i| self.table.cells.field(self.record, i));
        raw.is_some_and(|raw| !raw.trim().is_empty() && raw.trim() != raw)
    }

    /// Whether the row has a cell for `column` with no text in it (empty, spaces, or `""`).
    pub fn is_blank(&self, column: &str) -> bool {
        let raw = self.table.column_index(column).and_then(|i| self.table.cells.field(self.record, i));
        raw.is_some() && self.text(column).is_none()
    }

    /// The trimmed text of `column`, with a pair of quotes around it removed (` "A"`, a quoted cell after
    /// a blank, which a CSV reader leaves quoted); None if absent or empty. A quote at one end only is
    /// text: the cut has unquoted every quoted cell, so `Tecun "Uman"` (written `"Tecun ""Uman"""`) and
    /// FLEE's `E "x"` keep theirs (standards audit of session 35: both lost their last quote).
    pub fn text(&self, column: &str) -> Option<&'t str> {
        let i = self.table.column_index(column)?;
        let raw = self.table.cells.field(self.record, i)?;
        // Most cells start and end with a visible ASCII character other than a quote: nothing to trim.
        let plain = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic() && *b != b'"');
        if plain(raw.as_bytes().first()) && plain(raw.as_bytes().last()) {
            return Some(raw);
        }
        let t = raw.trim();
        let v = t.strip_prefix('"').and_then(|x| x.strip_suffix('"')).map_or(t, str::trim);
        (!v.is_empty()).then_some(v)
    }

    pub fn required_text(&self, column: &str) -> Result<&'t str> {
        self.text(column).ok_or_else(|| self.error(column, "is empty: a value is required"))
    }

    pub fn optional_f64(&self, column: &str) -> Result<Option<f64>> {
        match self.text(column) {
            None => Ok(None),
            Some(t) => match t.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(Some(v)),
                Ok(v) if v.is_infinite() && spelt_in_digits(t) => {
                    Err(self.error(column, format!("`{t}` is out of range: a number is at most about 1.8e308 in size")))
                }
                _ => Err(self.error(column, format!("`{t}` is not a number"))),
            },
        }
    }

    pub fn required_f64(&self, column: &str) -> Result<f64> {
        self.optional_f64(column)?.ok_or_else(|| self.error(column, "is empty: a number is required"))
    }

    /// A whole number, also accepting FLEE's `12.0` style.
    pub fn optional_i64(&self, column: &str) -> Result<Option<i64>> {
        match self.text(column) {
            None => Ok(None),
            Some(t) => {
                if let Ok(v) = t.parse::<i64>() {
                    return Ok(Some(v));
                }
                match t.parse::<f64>() {
                    Ok(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < 9e15 => Ok(Some(v as i64)),
                    Ok(v) if (v.is_finite() && v.fract() == 0.0) || (v.is_infinite() && spelt_in_digits(t)) => {
                        Err(self.error(column, format!("`{t}` is too large a whole number")))
                    }
                    _ => Err(self.error(column, format!("`{t}` is not a whole number"))),
                }
            }
        }
    }

    /// A day number counted from the period's start (`optional_i64`): a date written there, where
    /// FLEE counts days (closures.csv, `conflict_date`), is said to be one (adversarial review of
    /// session 22).
    pub fn optional_day(&self, column: &str) -> Result<Option<i64>> {
        self.optional_i64(column).map_err(|e| match self.text(column) {
            Some(t) if chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok() => self.error(
                column,
                format!("`{t}` is a date: a day number is expected, counted from the period's start (day 0)"),
            ),
            _ => e,
        })
    }
}

/// Whether `text` is a number in digits (an infinity from parsing it is an overflow), not `inf` or
/// `infinity` spelt out.
fn spelt_in_digits(text: &str) -> bool {
    !text.to_ascii_lowercase().contains("inf")
}
