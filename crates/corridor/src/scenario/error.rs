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
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        Self::at(path, line_at(text, offset)).with_column(column)
    }
}

/// The line (from 1) of byte offset `offset` of `text`.
pub fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
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
    let (line, column, byte) = crate::flee::files::not_utf8_at(bytes, e);
    let at = InputLocation::at(path, line).with_column(column);
    ScenarioError::invalid(at, format!("byte 0x{byte:02x} is not UTF-8 text: save the file as UTF-8"))
}

/// The error for `e`, from parsing the TOML `text` of the file at `path`: at its line and column,
/// naming the key when the span lies in a `key = value` line's value, and saying what was expected in
/// words rather than Rust's type names (`expected u64` → `expected a whole number of 0 or more`).
pub fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> ScenarioError {
    let Some(span) = e.span() else {
        return ScenarioError::invalid(InputLocation::file(path), plain_expected(e.message().trim()));
    };
    let mut at = InputLocation::from_offset(path, text, span.start);
    let start = span.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    // The key is the last one before the value: `days` in `pause = { at = "X", days = 1.5 }`; under a
    // list's own sub-table (`[[caravan.pause]]`, `[inflow.makeup]`) named as the loader names it,
    // `pause.days` (planner's review of session 24: `days = 6.5` was told as `days`).
    let mut upto = &text[line_start..start];
    // At a key of an inline table, past a value (`{ "A" = 0.2, "A" = 0.1 }`: a duplicate key): the
    // field is the table's key, not the one before (input review of session 32: `Mexicali` was named
    // for `goals`).
    if upto.rsplit_once('=').is_some_and(|(_, after)| after.contains([',', '{'])) {
        if let Some(brace) = upto.rfind('{') {
            upto = &upto[..brace];
        }
    }
    if let Some((before, _)) = upto.rsplit_once('=') {
        let key = before.rsplit([',', '{']).next().unwrap_or(before).trim().trim_matches('"');
        if !key.is_empty() && !key.starts_with('[') && !key.starts_with('#') {
            let sub = sub_table(&text[..line_start]).filter(|_| !before.contains('{'));
            at = at.with_field(sub.map_or(key.to_string(), |t| format!("{t}.{key}")));
        }
    }
    let mut message = with_hint(&short_floats(&plain_expected(e.message().trim())));
    // A field narrower than its type (review of session 32: `awareness_level = -1` was told "from 0 to
    // 4294967295", where levels above 4 are refused too).
    if at.field.as_deref().is_some_and(|f| f.ends_with("awareness_level")) {
        message = message.replace("from 0 to 4294967295", "from 0 to 4");
    }
    // The value as written, for the parser's own words on a value it cannot read.
    let value = text[line_start..].lines().next().and_then(|l| l.split_once('=')).map(|(_, v)| v.trim());
    if let Some(plain) = value.and_then(|v| plain_syntax(&message, v)) {
        message = plain;
    }
    // toml's "duplicate key" named no key (session 25's read-through).
    if message == "duplicate key" {
        message = match duplicated_key(&text[start..]) {
            Some(key) => format!("duplicate key `{key}`"),
            None => message,
        };
    }
    // A table where a list of them is read: `[office]` for `[[office]]` (scenario author's review of
    // session 24: "invalid type: map, expected a sequence" said neither).
    let line = text[line_start..].lines().next().unwrap_or("").trim();
    let single = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')).filter(|l| !l.starts_with('['));
    let double = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")).map(str::trim);
    let listed = |name: &str| {
        LISTS.contains(&name) || name.strip_prefix("caravan.").is_some_and(|sub| CARAVAN_LISTS.contains(&sub))
    };
    if let Some(name) = single.map(str::trim).filter(|name| listed(name)) {
        message.push_str(&format!(": an entry of the list `{name}` is written `[[{name}]]`, with two brackets"));
    } else if let Some(name) = double.filter(|name| !listed(name) && message.starts_with("invalid type: map")) {
        // A table written as a list's entry (input review of session 32: `[[caravan.makeup]]` was told
        // "invalid type: map, expected a number", naming nothing).
        message.push_str(&format!(": `{name}` is a table, written `[{name}]`, with one bracket"));
    } else if message.starts_with("duplicate key `") {
        message.push_str(": a table sets each key once (remove the other)");
    }
    ScenarioError::invalid(at, message)
}

/// `message` with the name it most likely misspells, for serde's "unknown field `X`, expected one of
/// `a`, `b`…" and "unknown variant …" (input review of session 32: `max_move_sped` was told the 26
/// names it could be, `calibratd` the three roles, with no hint which).
fn with_hint(message: &str) -> String {
    let Some(rest) = ["unknown field `", "unknown variant `"].iter().find_map(|m| message.strip_prefix(m)) else {
        return message.to_string();
    };
    let Some((name, expected)) = rest.split_once('`') else { return message.to_string() };
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match crate::suggest::closest(name, known.iter().copied()) {
        Some(meant) => {
            let head = &message[..message.len() - expected.len()];
            format!("{head} (did you mean `{meant}`?){expected}")
        }
        None => message.to_string(),
    }
}

/// The lists of entries a scenario.toml may hold (`[[caravan]]`…), and those of a caravan's entry.
pub(crate) const LISTS: [&str; 9] =
    ["caravan", "inflow", "observed", "port", "checkpoint", "detention", "office", "hazard", "policy"];
pub(crate) const CARAVAN_LISTS: [&str; 3] = ["pause", "split", "join"];

/// The key or table a "duplicate key" span starts at: `seed` in `seed = 2`, `inflow` in `inflow]`.
fn duplicated_key(from: &str) -> Option<&str> {
    let line = from.lines().next()?;
    let key = line.split_once('=').map_or(line, |(key, _)| key);
    let key = key.trim().trim_matches(|c| c == '[' || c == ']' || c == '"').trim();
    (!key.is_empty()).then_some(key)
}

/// The sub-table of a list entry the text before a line ends in, as a field's prefix: `pause` under
/// `[[caravan.pause]]`, `makeup` under `[caravan.makeup]`; None under any other header.
fn sub_table(before: &str) -> Option<&str> {
    const WITH_SUB_TABLES: [&str; 2] = ["caravan", "inflow"];
    let header = before.lines().rev().map(str::trim).find(|l| l.starts_with('['))?;
    let name = header.trim_start_matches('[').split(']').next()?.trim();
    let (list, sub) = name.split_once('.')?;
    (WITH_SUB_TABLES.contains(&list.trim()) && !sub.contains('.')).then(|| sub.trim())
}

/// `message` with each ``floating point `X` `` that serde wrote out in full (`1e300` as 301 digits)
/// given as its shortest form (`1e300`: scenario author's review of session 24).
fn short_floats(message: &str) -> String {
    const MARK: &str = "floating point `";
    let Some(at) = message.find(MARK) else { return message.to_string() };
    let start = at + MARK.len();
    let Some(len) = message[start..].find('`') else { return message.to_string() };
    let text = &message[start..start + len];
    match text.parse::<f64>() {
        Ok(x) if text.len() > 20 => format!("{}{x:e}{}", &message[..start], &message[start + len..]),
        _ => message.to_string(),
    }
}

/// `message` with serde's Rust type names said in words.
fn plain_expected(message: &str) -> String {
    const WORDS: [(&str, &str); 10] = [
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected u16", "expected a whole number from 0 to 65535"),
        ("expected u32", "expected a whole number from 0 to 4294967295"),
        ("expected u64", "expected a whole number of 0 or more"),
        ("expected usize", "expected a whole number of 0 or more"),
        ("expected i32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected f32", "expected a number"),
        ("expected f64", "expected a number"),
        ("expected a boolean", "expected true or false"),
    ];
    let mut out = message.to_string();
    for (rust, words) in WORDS {
        if let Some(i) = out.find(rust) {
            let end = i + rust.len();
            // Only the whole type name (`expected u32` in `expected u32`, not in `expected u320`).
            if !out[end..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                out.replace_range(i..end, words);
            }
        }
    }
    out
}

/// The TOML parser's words for a value it cannot read, in plain words about `value` as written
/// (newcomer's walkthrough, session 29: `seed = 300.0.0` was "invalid float, expected nothing", and
/// `seed = 3 4` "string values must be quoted, expected literal string"). None for other messages.
fn plain_syntax(message: &str, value: &str) -> Option<String> {
    let value = value.split(" #").next().unwrap_or(value).trim();
    let shown = crate::scenario::quotes::first_chars(value, 40);
    if ["invalid float", "invalid integer", "invalid number"].iter().any(|m| message.starts_with(m)) {
        return Some(format!("`{shown}` is not a number"));
    }
    if message.starts_with("string values must be quoted") {
        return Some(format!(
            "`{shown}` is not one value: a key takes one number, date, `true` or `false`, or text in quotes"
        ));
    }
    // An integer beyond 64 bits is read as an i128, and the type's name leaked (bad-input hunt of
    // session 30: `seed = 18446744073709551616`).
    if let Some((_, expected)) =
        message.strip_prefix("invalid type: integer `").and_then(|m| m.split_once("` as i128, "))
    {
        let size = if shown.starts_with('-') { "too far below 0" } else { "too large" };
        // A whole number past 64 bits where any number goes: written as a float, it is read.
        let hint =
            if expected == "expected a number" { " (write so large a number with an exponent, like 1e20)" } else { "" };
        return Some(format!("`{shown}` is {size} for 64 bits: {expected}{hint}"));
    }
    if message.starts_with("invalid basic string") {
        return Some(format!("`{shown}`: text opened with `\"` is closed with `\"` on the same line"));
    }
    None
}

impl ScenarioError {
    pub fn invalid(location: InputLocation, message: impl Into<String>) -> Self {
        ScenarioError::Invalid { location, message: message.into() }
    }

    /// The same problem at `location` (found by a check that knew less of where it stood).
    pub fn at(self, location: InputLocation) -> Self {
        match self {
            ScenarioError::Invalid { message, .. } => ScenarioError::Invalid { location, message },
            other => other,
        }
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

    /// Found by the scenario-author review (session 13): type errors said "expected i64" and named no key.
    #[test]
    fn toml_type_errors_name_the_key_and_say_what_was_expected_in_words() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Pause {
            at: String,
            days: u32,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Raw {
            seed: u64,
            size: Option<i64>,
            speed: Option<f64>,
            pause: Option<Pause>,
        }
        let error = |text: &str| {
            let e = toml::from_str::<Raw>(text).expect_err("a type error");
            toml_error(Path::new("s.toml"), text, &e).to_string()
        };
        assert_eq!(
            error("seed = 1.5\n"),
            "s.toml:1:8: field `seed`: invalid type: floating point `1.5`, expected a whole number of 0 or more"
        );
        assert_eq!(
            error("seed = 1\nsize = \"x\"\n"),
            "s.toml:2:8: field `size`: invalid type: string \"x\", expected a whole number"
        );
        assert_eq!(
            error("seed = 1\nspeed = true\n"),
            "s.toml:2:9: field `speed`: invalid type: boolean `true`, expected a number"
        );
        let e = error("seed = 1\npause = { at = \"X\", days = -1 }\n");
        assert!(
            e.starts_with("s.toml:2:28: field `days`: invalid value: integer `-1`, expected a whole number from 0 to"),
            "{e}"
        );
        assert_eq!(plain_expected("expected u320"), "expected u320", "only whole type names");
        assert_eq!(
            error("seed = 18446744073709551616\n"),
            "s.toml:1:8: field `seed`: `18446744073709551616` is too large for 64 bits: expected a whole number of 0 or more"
        );
        assert_eq!(
            error("seed = -18446744073709551616\n"),
            "s.toml:1:8: field `seed`: `-18446744073709551616` is too far below 0 for 64 bits: expected a whole number of 0 or more"
        );
        assert_eq!(
            error("seed = 1\nspeed = 99999999999999999999\n"),
            "s.toml:2:9: field `speed`: `99999999999999999999` is too large for 64 bits: expected a number (write so large a number with an exponent, like 1e20)"
        );
    }

    /// Newcomer's walkthrough (session 29): the parser's words on a value it cannot read.
    #[test]
    fn values_toml_cannot_read_are_said_in_plain_words() {
        let error = |text: &str| {
            let e = toml::from_str::<toml::Table>(text).expect_err("a syntax error");
            toml_error(Path::new("s.toml"), text, &e).to_string()
        };
        assert!(
            error("seed = 300.0.0\n").ends_with("field `seed`: `300.0.0` is not a number"),
            "{}",
            error("seed = 300.0.0\n")
        );
        let e = error("seed = 3 4 # two\n");
        assert!(e.ends_with("field `seed`: `3 4` is not one value: a key takes one number, date, `true` or `false`, or text in quotes"), "{e}");
        let e = error("name = \"abc\n");
        assert!(
            e.ends_with("field `name`: `\"abc`: text opened with `\"` is closed with `\"` on the same line"),
            "{e}"
        );
        // Other messages are left as they were.
        assert!(error("seed 3\n").contains("expected `=`"));
    }
}
