//! Errors from reading and checking a scenario: each names the file, line, column or field, and what was expected.
//! Library code returns these; only the CLI turns them into an exit code.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in the input a problem is: a file, and the line, column and field when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputLocation {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub field: Option<String>,
}

impl InputLocation {
    pub fn file(path: &Path) -> Self {
        InputLocation { path: path.to_path_buf(), line: None, column: None, field: None }
    }

    pub fn at(path: &Path, line: usize) -> Self {
        InputLocation { line: Some(line), ..Self::file(path) }
    }

    pub fn with_column(mut self, column: usize) -> Self {
        self.column = Some(column);
        self
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The location of byte offset `offset` of `text`, the contents of `path`.
    pub fn from_offset(path: &Path, text: &str, offset: usize) -> Self {
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        Self::at(path, line).with_column(column)
    }
}

impl fmt::Display for InputLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        Ok(())
    }
}

/// A scenario that cannot be read or is not valid.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("{location}: {message}")]
    Invalid { location: InputLocation, message: String },
    /// A problem in a FLEE input file (the message names file, line and field).
    #[error(transparent)]
    Flee(#[from] crate::flee::FleeInputError),
    /// (The I/O error is in the message, not a `source`: shown as a chain, it would say it twice.)
    #[error("{}: cannot read: {cause}", path.display())]
    Io { path: PathBuf, cause: std::io::Error },
}

/// The error for `bytes` (of the file at `path`) that are not UTF-8 text (`e`): the line and column of
/// the first byte that is not.
pub fn not_utf8(path: &Path, bytes: &[u8], e: std::str::Utf8Error) -> ScenarioError {
    let good = &bytes[..e.valid_up_to()];
    let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    let byte = bytes[good.len()];
    let at = InputLocation::at(path, line).with_column(column);
    ScenarioError::invalid(at, format!("byte 0x{byte:02x} is not UTF-8 text: save the file as UTF-8"))
}

impl ScenarioError {
    pub fn invalid(location: InputLocation, message: impl Into<String>) -> Self {
        ScenarioError::Invalid { location, message: message.into() }
    }

    pub fn io(path: &Path, source: std::io::Error) -> Self {
        ScenarioError::Io { path: path.to_path_buf(), cause: source }
    }

    /// Where the problem is, when it is in the input.
    pub fn location(&self) -> Option<&InputLocation> {
        match self {
            ScenarioError::Invalid { location, .. } => Some(location),
            ScenarioError::Io { .. } | ScenarioError::Flee(_) => None,
        }
    }
}

pub type Result<T, E = ScenarioError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "a = 1\nbb = 2\n";
        let loc = InputLocation::from_offset(Path::new("s.toml"), text, 9);
        assert_eq!((loc.line, loc.column), (Some(2), Some(4)));
        assert_eq!(loc.to_string(), "s.toml:2:4");
        let loc = InputLocation::at(Path::new("r.csv"), 3).with_field("distance");
        assert_eq!(loc.to_string(), "r.csv:3: field `distance`");
    }
}
