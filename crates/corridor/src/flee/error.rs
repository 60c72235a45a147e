//! The one error type for reading FLEE's input files.
//! Every message names the file, the line (1-based) and the field where they are known.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in an input file a problem sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file (as given by the caller, not canonicalised).
    pub path: PathBuf,
    /// 1-based line number, when known.
    pub line: Option<u64>,
    /// Column name, YAML key path or field, when known.
    /// (A `Box<str>`, and `column` a `u32`, keep the error small enough to return cheaply.)
    pub field: Option<Box<str>>,
    /// The 0-based cell of the line the error is about, when `field` does not name it (a row's
    /// label, `StartDate`, or a cell's value): where an unbalanced quote is looked for.
    pub column: Option<Cell>,
}

/// The cell of a [`Location`]'s line an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// Its 0-based index in the line.
    pub index: u32,
    /// Whether the message shows it (1-based, `file:line:column`): set by [`Location::cell`].
    pub shown: bool,
}

impl Location {
    /// A location in `path` with no line or field yet.
    pub fn file(path: &Path) -> Self {
        Location { path: path.to_path_buf(), line: None, field: None, column: None }
    }

    /// The same location at `line`.
    pub fn line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// The same location, naming `field`.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into().into_boxed_str());
        self
    }

    /// The same location, about the line's 0-based cell `column`.
    pub fn column(mut self, column: usize) -> Self {
        self.column = u32::try_from(column).ok().map(|index| Cell { index, shown: false });
        self
    }

    /// The same location, at the line's 0-based cell `column`, shown as `file:line:column` (1-based):
    /// for an error about a cell its field does not name (a correction's date, found wrong for the
    /// series it names).
    pub fn cell(self, column: usize) -> Self {
        let column = u32::try_from(column).ok().map(|index| Cell { index, shown: true });
        Location { column, ..self }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(cell) = self.column.filter(|c| c.shown && self.line.is_some()) {
            write!(f, ":{}", u64::from(cell.index) + 1)?;
        }
        if let Some(field) = &self.field {
            write!(f, ": `{field}`")?;
        }
        Ok(())
    }
}

/// Anything wrong with a FLEE input file.
#[derive(Debug, thiserror::Error)]
pub enum FleeInputError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read file: {cause}", path = path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying I/O error (in the message, not a `source`: shown as a chain, it would
        /// say it twice).
        cause: std::io::Error,
    },
    /// A value, row or structure is not what FLEE expects.
    #[error("{at}: expected {expected}, found {found}")]
    Invalid {
        /// Where.
        at: Location,
        /// What FLEE expects there.
        expected: String,
        /// What the file has.
        found: String,
    },
    /// A YAML key that FLEE itself does not read (FLEE would ignore it silently).
    #[error("{at}: unknown key `{key}` (FLEE does not read it{hint})")]
    UnknownKey {
        /// Where (field = the enclosing section).
        at: Location,
        /// The key as written.
        key: String,
        /// Extra advice, starting with "; " when present.
        hint: String,
    },
    /// A quoted cell that closes its quotes and goes on (`"a,"b`, read as one cell, `a,b`), found as
    /// the cause of another error: the message says where it is, and then that error.
    #[error("{at}: {message}")]
    UnbalancedQuote {
        /// The cell's file, line and (when the reader names it) field.
        at: Location,
        /// The quote, what is read, and the error it led to.
        message: String,
    },
    /// No `data_layout.csv` where FLEE's source data is looked for (`source_data/` beside the input
    /// folder): FLEE's own `conflict_input/NAME` folders ship without it (FLEE user's review of
    /// session 24: "cannot read file" did not say where it was looked for, nor why).
    #[error(
        "{at}: no such file: FLEE's source data (data_layout.csv and the camps' series, FLEE's run.py's \
         second argument) is read from `source_data/` beside the input folder {input_csv}; FLEE's own \
         conflict_input/NAME folders have none: make a folder with the inputs as input_csv/ and FLEE's \
         conflict_validation/NAME... folder as source_data/ (docs/flee-compat.md)",
        input_csv = input_csv.display()
    )]
    NoSourceData {
        /// The data_layout.csv looked for.
        at: Location,
        /// The input folder it was looked for beside.
        input_csv: PathBuf,
    },
    /// The YAML text does not parse.
    #[error("{at}: YAML syntax error: {message}")]
    Yaml {
        /// Where.
        at: Location,
        /// The parser's message.
        message: String,
    },
}

impl FleeInputError {
    /// An [`FleeInputError::Invalid`] error.
    pub fn invalid(at: Location, expected: impl Into<String>, found: impl Into<String>) -> Self {
        FleeInputError::Invalid { at, expected: expected.into(), found: found.into() }
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        FleeInputError::Io { path: path.to_path_buf(), cause: source }
    }

    /// The location of the error, when it has one.
    pub fn location(&self) -> Option<&Location> {
        match self {
            FleeInputError::Io { .. } => None,
            FleeInputError::Invalid { at, .. }
            | FleeInputError::UnknownKey { at, .. }
            | FleeInputError::UnbalancedQuote { at, .. }
            | FleeInputError::Yaml { at, .. }
            | FleeInputError::NoSourceData { at, .. } => Some(at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_field() {
        let at = Location::file(Path::new("a/b.csv")).line(7).field("Length");
        let e = FleeInputError::invalid(at, "an integer", "`x`");
        assert_eq!(e.to_string(), "a/b.csv:7: `Length`: expected an integer, found `x`");
    }
}
