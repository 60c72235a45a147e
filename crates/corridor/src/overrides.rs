//! Changing a scenario from the command line: `KEY=VALUE` overrides applied to the parsed TOML of a
//! `scenario.toml` before it is validated, so an override meets exactly the checks the file does.
//!
//! KEY is a dotted path of table keys (`movement.max_move_speed`, `seed`); a number picks an entry of
//! an array of tables (`caravan.2.size`, `caravan.2.pause.0.until`). VALUE is read as a TOML value
//! (`150`, `true`, `2018-11-16`, `"text"`, `[1, 2]`); a bare word that is not TOML is taken as a string.
//! Missing tables on the way are created; a key the scenario format does not know is an error when
//! the result is validated.

use crate::scenario::{parse_toml, FileSource, Scenario, ScenarioError};
use std::path::Path;

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
    #[error("the scenario with overrides {overrides} is not valid (lines are those of the scenario as rewritten with the overrides)")]
    Invalid {
        overrides: String,
        #[source]
        source: Box<ScenarioError>,
    },
    #[error(transparent)]
    Scenario(Box<ScenarioError>),
    #[error("{0}: not a scenario.toml, overrides need one")]
    NotToml(String),
}

impl Override {
    /// Parses `KEY=VALUE`.
    pub fn parse(text: &str) -> Result<Override, OverrideError> {
        let (k, v) = text.split_once('=').ok_or_else(|| OverrideError::Syntax(text.to_string()))?;
        let path = k.trim();
        if path.is_empty() || path.split('.').any(|s| s.trim().is_empty()) {
            return Err(OverrideError::Syntax(text.to_string()));
        }
        let v = v.trim();
        let value = match toml::from_str::<toml::Table>(&format!("v = {v}")) {
            Ok(mut t) => t.remove("v").expect("the key just parsed"),
            Err(_) => toml::Value::String(v.to_string()),
        };
        Ok(Override { path: path.to_string(), value })
    }
}

impl std::fmt::Display for Override {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.path, self.value)
    }
}

/// Sets `o.path` to `o.value` in `table`. On error the table is left as it was.
pub fn apply(table: &mut toml::Table, o: &Override) -> Result<(), OverrideError> {
    let parts: Vec<&str> = o.path.split('.').map(str::trim).collect();
    let mut copy = table.clone();
    set_in_table(&mut copy, &parts, 0, &o.value)
        .map_err(|message| OverrideError::Path { path: o.path.clone(), message })?;
    *table = copy;
    Ok(())
}

fn set_in_table(t: &mut toml::Table, parts: &[&str], i: usize, value: &toml::Value) -> Result<(), String> {
    if i + 1 == parts.len() {
        t.insert(parts[i].to_string(), value.clone());
        return Ok(());
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
                .map_err(|_| format!("`{walked}` is a list: expected an index 0..{len}, found `{part}`"))?;
            let slot =
                a.get_mut(idx).ok_or_else(|| format!("`{walked}` has {len} entries; index {idx} is out of range"))?;
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

/// Parses the scenario `text` at `path` with `overrides` applied, reading tables from `files`.
pub fn parse_with_overrides(
    path: &Path,
    text: &str,
    files: &dyn FileSource,
    overrides: &[Override],
) -> Result<Scenario, OverrideError> {
    let listed = overrides.iter().map(|o| o.to_string()).collect::<Vec<_>>().join(", ");
    let invalid = |e: ScenarioError| OverrideError::Invalid { overrides: listed.clone(), source: Box::new(e) };
    if overrides.is_empty() {
        return parse_toml(path, text, files).map_err(|e| OverrideError::Scenario(Box::new(e)));
    }
    let mut table: toml::Table = toml::from_str(text).map_err(|e| {
        invalid(ScenarioError::invalid(crate::scenario::InputLocation::file(path), e.message().trim().to_string()))
    })?;
    for o in overrides {
        apply(&mut table, o)?;
    }
    let text =
        toml::to_string(&table).map_err(|e| OverrideError::Path { path: listed.clone(), message: e.to_string() })?;
    parse_toml(path, &text, files).map_err(invalid)
}

/// Loads a scenario from disk (a `scenario.toml` or a folder holding one) with `overrides` applied.
/// Without overrides this is `crate::load`, which also reads FLEE input folders.
pub fn load_with_overrides(path: &Path, overrides: &[Override]) -> Result<Scenario, OverrideError> {
    let invalid = |e: ScenarioError| OverrideError::Scenario(Box::new(e));
    if overrides.is_empty() {
        return crate::load(path).map_err(invalid);
    }
    let file = if path.is_dir() { path.join("scenario.toml") } else { path.to_path_buf() };
    if !file.is_file() {
        return Err(OverrideError::NotToml(path.display().to_string()));
    }
    let text = std::fs::read_to_string(&file).map_err(|e| invalid(ScenarioError::io(&file, e)))?;
    parse_with_overrides(&file, &text, &crate::scenario::Disk, overrides)
}

/// Parses a built-in scenario with `overrides` applied.
pub fn builtin_with_overrides(b: &crate::worlds::Builtin, overrides: &[Override]) -> Result<Scenario, OverrideError> {
    parse_with_overrides(b.path(), b.text(), &crate::scenario::InMemory(b.files), overrides)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> toml::Table {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn values_parse_as_toml() {
        let o = Override::parse("movement.max_move_speed=150").unwrap();
        assert_eq!(o.path, "movement.max_move_speed");
        assert_eq!(o.value, toml::Value::Integer(150));
        assert_eq!(Override::parse("a = 1.5").unwrap().value, toml::Value::Float(1.5));
        assert_eq!(Override::parse("name=plain words").unwrap().value, toml::Value::String("plain words".into()));
        assert!(matches!(Override::parse("x.until=2018-11-16").unwrap().value, toml::Value::Datetime(_)));
        assert!(Override::parse("no-equals").is_err());
        assert!(Override::parse("a..b=1").is_err());
    }

    #[test]
    fn paths_walk_tables_and_arrays() {
        let mut t = table("seed = 1\n[movement]\nx = 1\n[[caravan]]\nsize = 5\n[[caravan]]\nsize = 6\n");
        apply(&mut t, &Override::parse("seed=7").unwrap()).unwrap();
        apply(&mut t, &Override::parse("movement.x=2").unwrap()).unwrap();
        apply(&mut t, &Override::parse("caravan.1.size=60").unwrap()).unwrap();
        apply(&mut t, &Override::parse("new.deep.key=true").unwrap()).unwrap();
        assert_eq!(t["seed"].as_integer(), Some(7));
        assert_eq!(t["movement"]["x"].as_integer(), Some(2));
        assert_eq!(t["caravan"][1]["size"].as_integer(), Some(60));
        assert_eq!(t["caravan"][0]["size"].as_integer(), Some(5));
        assert_eq!(t["new"]["deep"]["key"].as_bool(), Some(true));
        let e = apply(&mut t, &Override::parse("caravan.5.size=1").unwrap()).unwrap_err();
        assert!(e.to_string().contains("out of range"), "{e}");
        let e = apply(&mut t, &Override::parse("caravan.size=1").unwrap()).unwrap_err();
        assert!(e.to_string().contains("a list"), "{e}");
        let e = apply(&mut t, &Override::parse("seed.x=1").unwrap()).unwrap_err();
        assert!(e.to_string().contains("not a table"), "{e}");
        // The table survives errors.
        assert_eq!(t["seed"].as_integer(), Some(7));
    }

    #[test]
    fn overrides_are_validated_like_the_file() {
        let files: &[(&str, &str)] = &[
            ("s/scenario.toml", ""),
            ("s/locations.csv", "name,location_type\nA,town\nB,town\n"),
            ("s/routes.csv", "name1,name2,distance\nA,B,10\n"),
        ];
        let text = "name = \"t\"\nstart = 2018-01-01\nend = 2018-01-10\n[tables]\nlocations = \"locations.csv\"\nroutes = \"routes.csv\"\n";
        let path = Path::new("s/scenario.toml");
        let src = crate::scenario::InMemory(files);
        let s = parse_with_overrides(
            path,
            text,
            &src,
            &[Override::parse("seed=7").unwrap(), Override::parse("movement.max_move_speed=150").unwrap()],
        )
        .unwrap();
        assert_eq!(s.seed, 7);
        assert_eq!(s.movement.max_move_speed, 150.0);
        let e = parse_with_overrides(path, text, &src, &[Override::parse("movement.nope=1").unwrap()]).unwrap_err();
        assert!(e.to_string().contains("nope"), "{e}");
        let e = parse_with_overrides(path, text, &src, &[Override::parse("movement.max_move_speed=-1").unwrap()])
            .unwrap_err();
        assert!(e.to_string().contains("max_move_speed"), "{e}");
    }
}
