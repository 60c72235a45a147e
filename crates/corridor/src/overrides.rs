//! Changing a scenario from the command line: `KEY=VALUE` overrides applied to the parsed TOML of a
//! `scenario.toml` before it is validated, so an override meets exactly the checks the file does.
//!
//! KEY is a dotted path of table keys (`movement.max_move_speed`, `seed`); a number picks an entry of
//! an array of tables (`caravan.2.size`, `caravan.2.pause.0.until`). VALUE is read as a TOML value
//! (`150`, `true`, `2018-11-16`, `"text"`, `[1, 2]`); a bare word that is not TOML is taken as a string.
//! Missing tables on the way are created; a key the scenario format does not know is an error when
//! the result is validated. A key the file already sets has its value replaced where it stands, so an
//! error still names the file's own line.

use crate::scenario::error::{CARAVAN_LISTS, LISTS};
use crate::scenario::{parse_toml, FileSource, Scenario, ScenarioError};
use std::path::Path;

pub mod select;
mod sets;
mod shadowed;

pub use sets::Sets;
pub use shadowed::{inactive, institutions_added, metering_switched_off, shadowed};

/// One `KEY=VALUE` override.
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    pub path: String,
    pub value: toml::Value,
}

/// Why an override could not be applied.
#[derive(Debug, thiserror::Error)]
pub enum OverrideError {
    #[error("`{0}` is not KEY=VALUE")]
    Syntax(String),
    #[error("override `{path}`: {message}")]
    Path { path: String, message: String },
    #[error("the scenario with overrides {overrides} is not valid")]
    Invalid {
        overrides: String,
        #[source]
        source: Box<ScenarioError>,
    },
    #[error("the scenario with overrides {overrides} is not valid (lines are those of the scenario as rewritten with the overrides, as the file does not set {keys} on one line: absent, a table, or a value over several lines{found})")]
    InvalidRewritten {
        overrides: String,
        keys: String,
        /// Where in the file `keys` would go: `; policy.16 is at scenario.toml:1409`.
        found: String,
        #[source]
        source: Box<ScenarioError>,
    },
    #[error(transparent)]
    Scenario(Box<ScenarioError>),
    #[error("{0}: not a scenario.toml, overrides need one")]
    NotToml(String),
}

/// The parts of a dotted key with no selectors left (`policy.16.value`, as `expand_each` leaves
/// them): split at every dot and trimmed. (`select::parts` splits a key that may hold selectors.)
fn key_parts(key: &str) -> Vec<&str> {
    key.split('.').map(select::unquoted).collect()
}

/// The most parts a `--set` key may have: a scenario's or FLEE's settings' keys have a few, and
/// thousands overflowed the stack of the readers that nest a table per part.
pub const MAX_KEY_PARTS: usize = 32;

/// A key of `parts` parts longer than `MAX_KEY_PARTS`, as an error names it (its first 80 characters)
/// and what is wrong (`usual`: how many parts such keys have); None for a key of fewer.
pub fn too_long(path: &str, parts: usize, usual: &str) -> Option<(String, String)> {
    let shortened = crate::scenario::quotes::first_chars(path, 80);
    (parts > MAX_KEY_PARTS).then(|| (shortened, format!("a key of {parts} parts: at most {MAX_KEY_PARTS} ({usual})")))
}

/// `KEY=VALUE` as its dotted KEY and its VALUE's text, both trimmed; None if there is no `=` or
/// KEY has an empty part. (Scenario files' and FLEE settings' overrides read VALUE each their way.)
pub fn split_key_value(text: &str) -> Option<(&str, &str)> {
    // The first `=` outside a selector's brackets (`policy[parameter=mpp.active].value=false`).
    let (at, _) = select::outside_brackets(text).find(|&(_, c)| c == '=')?;
    let (path, v) = (text[..at].trim(), &text[at + 1..]);
    (!path.is_empty() && select::parts(path).iter().all(|s| !s.is_empty())).then_some((path, v.trim()))
}

impl Override {
    /// Parses `KEY=VALUE`.
    pub fn parse(text: &str) -> Result<Override, OverrideError> {
        let (path, v) =
            split_key_value(text).ok_or_else(|| match text.matches('[').count() > text.matches(']').count() {
                true => OverrideError::Path {
                    path: text.to_string(),
                    message:
                        "a `[` without its `]`: a selector is LIST[FIELD=VALUE], e.g. policy[parameter=mpp.active]"
                            .into(),
                },
                false => OverrideError::Syntax(text.to_string()),
            })?;
        let parts = select::parts(path);
        if let Some((path, message)) = too_long(path, parts.len(), "a scenario's keys have a few") {
            return Err(OverrideError::Path { path, message });
        }
        select::check(&parts).map_err(|message| OverrideError::Path { path: path.to_string(), message })?;
        let first = parts.first().map_or(path, |p| p.split('[').next().unwrap_or(p)).trim();
        if ["locations", "routes", "closures", "location", "route"].contains(&first) {
            return Err(OverrideError::Path {
                path: path.to_string(),
                message: "a table's values (locations.csv, routes.csv, closures.csv) are not keys of scenario.toml, \
                          so --set cannot change them: write the scenario's files with `corridor export NAME DIR` \
                          (or copy its folder), edit the table, and run that folder"
                    .into(),
            });
        }
        let value = match toml::from_str::<toml::Table>(&format!("v = {v}")) {
            Ok(mut t) => t.remove("v").expect("the key just parsed"),
            // A whole number past TOML's integers was read as text, and refused as "a string" (code
            // review of session 32: `--set seed=9223372036854775808`).
            Err(_) if is_whole_number(v) => {
                return Err(OverrideError::Path {
                    path: path.to_string(),
                    message: format!(
                        "`{v}` is a whole number larger than --set carries (at most 9223372036854775807); a seed \
                         that large goes with --seed"
                    ),
                })
            }
            // A number past f64's range (`1e400`) was refused as "a string" (bad-input review of
            // session 32).
            Err(_)
                if v.trim().parse::<f64>().is_ok_and(f64::is_infinite) && !v.trim().to_lowercase().contains("inf") =>
            {
                return Err(OverrideError::Path {
                    path: path.to_string(),
                    message: format!("`{v}` is a number past the largest --set carries (about 1.8e308)"),
                })
            }
            Err(_) => toml::Value::String(v.to_string()),
        };
        Ok(Override { path: path.to_string(), value })
    }
}

/// Whether `v` is written as a whole number: digits, after an optional sign.
fn is_whole_number(v: &str) -> bool {
    let digits = v.trim().trim_start_matches(['+', '-']);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

impl std::fmt::Display for Override {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.value {
            // In exponent form where plain digits would run long (bad-input review of session 32:
            // `people_per_day=1e300` was said with 301 digits).
            toml::Value::Float(x) if x != 0.0 && !(1e-6..1e15).contains(&x.abs()) => {
                write!(f, "{}={}", self.path, crate::scenario::checks::shown(x))
            }
            _ => write!(f, "{}={}", self.path, self.value),
        }
    }
}

/// Sets `o.path` to `o.value` in `table`. On error the table is left as it was.
pub fn apply(table: &mut toml::Table, o: &Override) -> Result<(), OverrideError> {
    let parts = key_parts(&o.path);
    let mut copy = table.clone();
    set_in_table(&mut copy, &parts, 0, &o.value)
        .map_err(|message| OverrideError::Path { path: o.path.clone(), message })?;
    *table = copy;
    Ok(())
}

/// The keys of a caravan's pause of which it takes exactly one: how the pause ends.
const PAUSE_ENDS: [&str; 3] = ["until", "days", "daily_leave_chance"];

fn set_in_table(t: &mut toml::Table, parts: &[&str], i: usize, value: &toml::Value) -> Result<(), String> {
    if i + 1 == parts.len() {
        // A pause ends one way: setting one of its ends replaces the others (scenario author's review
        // of session 24: `caravan.2.pause.9.days=3` on a pause dated `until` was refused as having two).
        let in_pause = i >= 2 && parts[i - 2] == "pause" && parts[i - 1].parse::<usize>().is_ok();
        if in_pause && PAUSE_ENDS.contains(&parts[i]) {
            t.retain(|k, _| !PAUSE_ENDS.contains(&k));
        }
        t.insert(parts[i].to_string(), value.clone());
        return Ok(());
    }
    // An entry of a list the file does not have (`observed.0.low` with no [[observed]]): it would be
    // made a table keyed "0", refused later as "invalid type: map, expected a sequence" (adversarial
    // review of session 22). Said as what it is.
    if !t.contains_key(parts[i]) && parts[i + 1].parse::<usize>().is_ok() {
        let list = parts[..=i].join(".");
        // A name that is no list there is a misspelling, not a list to write (input review of session
        // 32: `caravn.0.size` advised writing [[caravn]] entries).
        let known: &[&str] = match (i, parts[0]) {
            (0, _) => &LISTS,
            (2, "caravan") => &CARAVAN_LISTS,
            _ => &[],
        };
        if !known.is_empty() && !known.contains(&parts[i]) {
            let hint = crate::suggest::closest(parts[i], known.iter().copied())
                .map(|k| format!("did you mean `{k}`? "))
                .unwrap_or_default();
            let of = if i == 0 { "a scenario's" } else { "a caravan's" };
            return Err(format!("`{list}` names no list of entries: {hint}({of} lists: {})", known.join(", ")));
        }
        // The file's header for such entries names no entry numbers: [[caravan.pause]] under its caravan.
        let header: Vec<&str> = parts[..=i].iter().copied().filter(|p| p.parse::<usize>().is_err()).collect();
        return Err(format!(
            "`{list}` is not in the scenario, so `{list}.{}` names no entry: --set changes the entries the file \
             has (write [[{}]] entries in it)",
            parts[i + 1],
            header.join(".")
        ));
    }
    let next = t.entry(parts[i].to_string()).or_insert_with(|| toml::Value::Table(toml::Table::new()));
    set_in_value(next, parts, i + 1, value)
}

/// Sets `parts[i..]` inside `v`, which sits at `parts[..i]`.
fn set_in_value(v: &mut toml::Value, parts: &[&str], i: usize, value: &toml::Value) -> Result<(), String> {
    let walked = parts[..i].join(".");
    match v {
        toml::Value::Table(t) => set_in_table(t, parts, i, value),
        toml::Value::Array(a) => {
            let part = parts[i];
            let len = a.len();
            let idx: usize = part
                .parse()
                .map_err(|_| format!("`{walked}` is a list: expected {}, found `{part}`", index_words(len)))?;
            let slot = a.get_mut(idx).ok_or_else(|| {
                let has = if len == 1 { "1 entry".to_string() } else { format!("{len} entries") };
                format!("`{walked}` has {has}; index {idx} is out of range: expected {}", index_words(len))
            })?;
            if i + 1 == parts.len() {
                *slot = value.clone();
                Ok(())
            } else {
                set_in_value(slot, parts, i + 1, value)
            }
        }
        other => Err(format!("`{walked}` is a {}, not a table", other.type_str())),
    }
}

/// Refuses an override that would replace a table (`[institutions.mpp]`) or a list of entries
/// (`[[caravan]]`, one of its entries) with a value: --set changes values within them. (Such a value
/// written in place made the rewritten file invalid, said at a line of the user's file.)
fn whole_entries_not_replaced(path: &Path, text: &str, table: &toml::Table, o: &Override) -> Result<(), OverrideError> {
    let parts = key_parts(&o.path);
    let mut at: Option<&toml::Value> = None;
    for (k, part) in parts.iter().enumerate() {
        let next = match (k, at) {
            (0, _) => table.get(*part),
            (_, Some(toml::Value::Table(t))) => t.get(*part),
            (_, Some(toml::Value::Array(a))) => part.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        };
        match next {
            Some(v) => at = Some(v),
            None => return Ok(()), // a key the file lacks: added, or refused where it cannot go
        }
    }
    let key = &o.path;
    let message = match at {
        Some(toml::Value::Array(a)) if a.iter().any(toml::Value::is_table) => format!(
            "`{key}` is a list of entries ([[{key}]] in the file): --set changes a value within one, e.g. `{key}.0.KEY=VALUE`"
        ),
        Some(toml::Value::Table(_)) => {
            format!("`{key}` is a table (an entry, or a [section]): --set changes a value within it, `{key}.KEY=VALUE`")
        }
        _ => return Ok(()),
    };
    // Where the file writes it (its first entry, for a list).
    let line = lines_along(text, &parts).get(parts.len() - 1).copied();
    let message = match line {
        Some(l) => format!("{message} (written at {}:{l})", path.display()),
        None => message,
    };
    Err(OverrideError::Path { path: key.clone(), message })
}

/// The indexes a list of `len` entries takes, in words a user reads right (`an index from 0 to 8`,
/// not the half-open `0..9`).
pub(crate) fn index_words(len: usize) -> String {
    match len {
        0 => "no index (the list is empty)".into(),
        1 => "the index 0 (the list has one entry)".into(),
        _ => format!("an index from 0 to {}", len - 1),
    }
}

/// Each override with the indexed keys it stands for: a selector's entries in the scenario `text` at
/// `path` (`select::expand`), any other override itself.
pub fn expand_each(
    path: &Path,
    text: &str,
    overrides: &[Override],
) -> Result<Vec<(Override, Vec<Override>)>, OverrideError> {
    if !overrides.iter().any(select::has_selector) {
        return Ok(overrides.iter().map(|o| (o.clone(), vec![o.clone()])).collect());
    }
    let file = select::root(path, text)?;
    overrides.iter().map(|o| Ok((o.clone(), select::expand(&file, o)?))).collect()
}

/// The `scenario.toml` a scenario path names and its text, for overrides (which need one).
pub fn scenario_toml(path: &Path) -> Result<(std::path::PathBuf, String), OverrideError> {
    let file = toml_file(path);
    if !file.is_file() {
        return Err(OverrideError::NotToml(path.display().to_string()));
    }
    if let Some(e) = crate::scenario::load::not_a_scenario_file(&file) {
        return Err(OverrideError::Scenario(Box::new(e)));
    }
    let text = crate::scenario::load::read_text(&file).map_err(|e| OverrideError::Scenario(Box::new(e)))?;
    Ok((file, text))
}

/// The `scenario.toml` a scenario path names (the path, or the file in the folder).
pub fn toml_file(path: &Path) -> std::path::PathBuf {
    if path.is_dir() {
        path.join("scenario.toml")
    } else {
        path.to_path_buf()
    }
}

/// Parses the scenario `text` at `path` with `overrides` applied, reading tables from `files`.
pub fn parse_with_overrides(
    path: &Path,
    text: &str,
    files: &dyn FileSource,
    overrides: &[Override],
) -> Result<Scenario, OverrideError> {
    if overrides.is_empty() {
        return parse_toml(path, text, files).map_err(|e| OverrideError::Scenario(Box::new(e)));
    }
    let (original, typed) = (text, expand_each(path, text, overrides)?);
    let expanded: Vec<Override> = typed.iter().flat_map(|(_, keys)| keys.iter().cloned()).collect();
    let overrides = expanded.as_slice();
    if let Ok(table) = toml::from_str::<toml::Table>(text) {
        for o in overrides {
            whole_entries_not_replaced(path, text, &table, o)?;
        }
    }
    let listed = overrides.iter().map(|o| o.to_string()).collect::<Vec<_>>().join(", ");
    // Every key already in the file: its value replaced in place, every line where it was.
    if let Some(text) = overrides.iter().try_fold(text.to_string(), |t, o| splice(&t, o)) {
        let invalid = |e: ScenarioError| OverrideError::Invalid { overrides: listed.clone(), source: Box::new(e) };
        return parse_toml(path, &text, files).map_err(invalid);
    }
    // A key the file lacks: the parsed table, changed and written out again.
    let added: Vec<&str> = overrides.iter().filter(|o| splice(text, o).is_none()).map(|o| o.path.as_str()).collect();
    // Where the added keys' entries are in the file, worked out only for an error.
    let found = || {
        let mut places: Vec<String> = Vec::new();
        for (entry, line) in added.iter().filter_map(|key| written_at(text, key)) {
            let place = format!("`{entry}` is at {}:{line}", path.display());
            if !places.contains(&place) {
                places.push(place);
            }
        }
        if places.is_empty() {
            String::new()
        } else {
            format!("; {}", places.join(", "))
        }
    };
    let invalid = |e: ScenarioError| OverrideError::InvalidRewritten {
        overrides: listed.clone(),
        keys: added.join(", "),
        found: found(),
        source: Box::new(e),
    };
    let mut table: toml::Table =
        toml::from_str(text).map_err(|e| invalid(crate::scenario::error::toml_error(path, text, &e)))?;
    for o in overrides {
        apply(&mut table, o)?;
    }
    let text =
        toml::to_string(&table).map_err(|e| OverrideError::Path { path: listed.clone(), message: e.to_string() })?;
    parse_toml(path, &text, files).map_err(|e| match added::at_override(&e, path, original, &text, &typed, &added) {
        Some(at_override) => at_override,
        None => invalid(e),
    })
}

/// The deepest part of the dotted `key` that the scenario `text` writes, and the line where it
/// starts (`policy.16` of `policy.16.valu`): where a key the file lacks would go.
fn written_at(text: &str, key: &str) -> Option<(String, usize)> {
    let parts = key_parts(key);
    deepest_written(&parts, &lines_along(text, &parts))
}

/// Of a key of `parts` that a file lacks, the deepest leading part the file writes, and its line, by
/// `lines` (those of the leading parts it writes, in order: `lines_along`, `flee::key_lines`).
fn deepest_written<L: Copy>(parts: &[&str], lines: &[L]) -> Option<(String, L)> {
    let deepest = lines.len().min(parts.len().saturating_sub(1));
    Some((parts[..deepest].join("."), *lines.get(deepest.checked_sub(1)?)?))
}

/// How an error told at a `--set` whose key of `parts` the file at `file` lacks ends: where the key
/// goes in the file, by the lines of the leading parts the file writes (`lines`), or that it has none.
pub(crate) fn where_the_key_goes<L: Copy + std::fmt::Display>(file: &Path, parts: &[&str], lines: &[L]) -> String {
    match deepest_written(parts, lines) {
        Some((entry, line)) => format!("; the key goes in `{entry}`, at {}:{line}", file.display()),
        None => format!("; not in {}", file.display()),
    }
}

/// The line (from 1) where the scenario `text` writes each leading part of the key `parts`, as far
/// as it writes them: for `policy.16.value`, those of `policy` (its first `[[policy]]`), `policy.16`
/// (its own header) and `policy.16.value`. Empty when `text` is not TOML.
fn lines_along(text: &str, parts: &[&str]) -> Vec<usize> {
    use toml::de::{DeTable, DeValue};
    let Ok(root) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let mut at = None;
    for (i, part) in parts.iter().enumerate() {
        let found = match at.map(toml::Spanned::get_ref) {
            _ if i == 0 => root.get_ref().iter().find(|(k, _)| k.get_ref().as_ref() == *part).map(|(_, v)| v),
            Some(DeValue::Table(t)) => t.iter().find(|(k, _)| k.get_ref().as_ref() == *part).map(|(_, v)| v),
            Some(DeValue::Array(a)) => part.parse::<usize>().ok().and_then(|n| a.get(n)),
            _ => None,
        };
        let Some(v) = found else {
            break;
        };
        lines.push(crate::scenario::error::line_at(text, v.span().start));
        at = Some(v);
    }
    lines
}

/// `text` with the value of `o.path` replaced by `o.value` where it is written, when the file sets
/// that key to a value on one line and the new value is written on one line too: then every line
/// keeps its number. None otherwise (the key is absent, or a table, or spans lines).
fn splice(text: &str, o: &Override) -> Option<String> {
    use toml::de::{DeTable, DeValue};
    let root = DeTable::parse(text).ok()?;
    let mut parts = key_parts(&o.path).into_iter();
    let first = parts.next()?;
    let mut at = root.get_ref().iter().find(|(k, _)| k.get_ref().as_ref() == first).map(|(_, v)| v)?;
    for part in parts {
        at = match at.get_ref() {
            DeValue::Table(t) => t.iter().find(|(k, _)| k.get_ref().as_ref() == part).map(|(_, v)| v)?,
            DeValue::Array(a) => a.get(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    if matches!(at.get_ref(), DeValue::Table(_)) {
        return None;
    }
    let span = at.span();
    let new = o.value.to_string();
    if text.get(span.clone())?.contains('\n') || new.contains('\n') {
        return None;
    }
    Some(format!("{}{new}{}", &text[..span.start], &text[span.end..]))
}

/// Loads a scenario from disk (a `scenario.toml` or a folder holding one) with `overrides` applied.
/// Without overrides this is `crate::load`, which also reads FLEE input folders.
pub fn load_with_overrides(path: &Path, overrides: &[Override]) -> Result<Scenario, OverrideError> {
    if overrides.is_empty() {
        return crate::load(path).map_err(|e| OverrideError::Scenario(Box::new(e)));
    }
    let (file, text) = scenario_toml(path)?;
    parse_with_overrides(&file, &text, &crate::scenario::Disk, overrides)
}

/// Parses a built-in scenario with `overrides` applied.
pub fn builtin_with_overrides(b: &crate::worlds::Builtin, overrides: &[Override]) -> Result<Scenario, OverrideError> {
    parse_with_overrides(b.path(), b.text(), &crate::scenario::InMemory(b.files), overrides)
}

mod added;
#[cfg(test)]
mod tests;
