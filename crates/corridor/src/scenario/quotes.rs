//! Says an unbalanced quote (`"a,"b` for `"a","b"`) as the cause of the error it led to in a table.
//! The words are `Cut::unbalanced`'s, shared with the FLEE readers' `csvread::explain_quotes`.

use super::cut::{cut, Cut};
use super::error::{InputLocation, ScenarioError};
use std::path::Path;

/// `e`, found reading the file at `path` (cut into `cells`), said as the unbalanced quote it comes
/// from when it is at a line whose record has a quoted field with text after its closing quote
/// (`"Timbuktu,"Timbuktu"`: one field, `Timbuktu,Timbuktu"`, and the columns after it shifted),
/// which a field's own error (`unknown location type `0``) does not say. Other errors, and errors
/// of other files, are returned as they are.
pub fn explain(path: &Path, cells: &Cut, e: ScenarioError) -> ScenarioError {
    let ScenarioError::Invalid { location, message } = &e else {
        return e;
    };
    let Some(line) = location.line.filter(|_| location.path == path) else {
        return e;
    };
    let Some(m) = cells.misquoted_at(line) else {
        return e;
    };
    let failed = match &location.field {
        Some(f) => format!("field `{f}`: {message}"),
        None => message.clone(),
    };
    ScenarioError::invalid(InputLocation::at(path, line).with_column(m.field + 1), cells.unbalanced(m, &failed))
}

/// [`explain`] for `e`, found in the file at `path` read otherwise than as a [`Table`](super::table::Table)
/// (a FLEE folder's conflicts.csv header, whose names the loader looks up): the file is read again.
pub fn explain_file_quotes(path: &Path, e: ScenarioError) -> ScenarioError {
    match std::fs::read(path).ok().and_then(|bytes| String::from_utf8(bytes).ok()) {
        Some(text) if text.contains('"') => explain(path, &cut(&text), e),
        _ => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A FLEE folder's conflicts.csv header is read apart from any table, and a name an unbalanced
    /// quote changed (`"A"x`, read as `Ax`) was reported as an unknown place: the file is read again
    /// for the quote, and a line without one keeps its error.
    #[test]
    fn an_error_in_a_file_read_apart_names_its_unbalanced_quote() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("c.csv");
        std::fs::write(&path, "#Day,\"A\"x,B\n0,1,0\n").unwrap();
        let unknown = |line: usize| {
            let at = InputLocation::at(&path, line).with_field("Ax");
            explain_file_quotes(&path, ScenarioError::invalid(at, "unknown place `Ax`")).to_string()
        };
        let e = unknown(1);
        assert!(e.contains("c.csv:1:2: unbalanced quotes: column 2, `\"A\"x`, closes its quotes at `\"A\"`"), "{e}");
        assert!(e.contains("read as one value, `Ax` (is a quote"), "no comma within: nothing shifted: {e}");
        assert!(e.ends_with("Read so: field `Ax`: unknown place `Ax`"), "{e}");
        assert!(unknown(2).ends_with("c.csv:2: field `Ax`: unknown place `Ax`"));
    }
}
