//! Typed, line-aware access to `simsetting.yml` sections, with Python's conversions.
//! Every key read is recorded, so that keys FLEE never reads can be reported with their line.

use std::path::Path;

use saphyr::{AnnotatedMapping, MarkedYaml, Scalar, YamlData, YamlLoader};
use saphyr_parser::Parser;

use super::error::{FleeInputError, Location};
use super::yaml11;

/// An opaque YAML value, kept for settings FLEE stores but that we only pass along.
#[derive(Debug, Clone, PartialEq)]
pub enum YamlValue {
    /// `null`, `~` or empty.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    List(Vec<YamlValue>),
    /// A mapping, in file order, keys rendered as strings.
    Map(Vec<(String, YamlValue)>),
}

/// A key that the YAML file set explicitly: dotted path and 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplicitKey {
    /// e.g. `move_rules.max_move_speed`.
    pub path: String,
    /// Line of the key in the file.
    pub line: u64,
}

/// Parses YAML text as FLEE's reader, PyYAML's `safe_load`, reads it: scalars by YAML 1.1's rules
/// (`yaml11::scalar`), a key set twice keeping its last value (`yaml11::duplicate_keys` names them
/// for a warning); `None` for an empty document (all defaults, as `safe_load` returns `None`). A
/// second document is an error, as in PyYAML.
pub fn load<'a>(text: &'a str, path: &Path) -> Result<Option<MarkedYaml<'a>>, FleeInputError> {
    let at = |line: usize| Location::file(path).line(line as u64);
    let docs = documents(text)
        .map_err(|e| FleeInputError::Yaml { at: at(e.marker().line()), message: e.info().to_string() })?;
    let mut docs = docs.into_iter();
    let first = docs.next();
    if let Some(second) = docs.next() {
        // FLEE user's review of session 34: the first was read without a word.
        let message = "a second YAML document (after `---`): FLEE's reader, PyYAML's safe_load, stops on a \
                       file of more than one; keep one"
            .to_string();
        return Err(FleeInputError::Yaml { at: at(second.span.start.line()), message });
    }
    Ok(first)
}

/// The documents of `text`, read as PyYAML reads them (`load`; a `--set` value too: FLEE user's
/// review of session 34's diff, where `hasten=010` given so was 10 and written in the file 8).
pub fn documents(text: &str) -> Result<Vec<MarkedYaml<'_>>, saphyr::ScanError> {
    let mut loader: YamlLoader<'_, MarkedYaml<'_>> = YamlLoader::default();
    loader.early_parse(false);
    loader.allow_duplicate_keys(true);
    let scanned = Parser::new_from_str(text).load(&mut loader, true).err().or_else(|| loader.error().cloned());
    if let Some(e) = scanned {
        return Err(e);
    }
    Ok(loader.into_documents().into_iter().map(resolve).collect())
}

/// `node` with its scalars resolved as PyYAML resolves them, and its mappings' keys compared so
/// (`"b"` and `b` are one key, of which the last value holds).
fn resolve(mut node: MarkedYaml<'_>) -> MarkedYaml<'_> {
    node.data = match node.data {
        YamlData::Representation(text, style, tag) => YamlData::Value(yaml11::scalar(text, style, tag.as_deref())),
        YamlData::Sequence(items) => YamlData::Sequence(items.into_iter().map(resolve).collect()),
        YamlData::Mapping(map) => {
            // A key set again replaces the first, key and value, as the later one is what holds.
            let mut out = AnnotatedMapping::new();
            for (k, v) in map {
                let k = resolve(k);
                out.remove(&k);
                out.insert(k, resolve(v));
            }
            YamlData::Mapping(out)
        }
        other => other,
    };
    node
}

/// The line (from 1) of each leading part of the dotted `key` that the YAML `text` writes, as far as
/// it writes them (`move_rules`'s, then `move_rules.max_move_speed`'s); empty when `text` is not YAML.
pub fn key_lines(text: &str, key: &str) -> Vec<u64> {
    let Ok(Some(root)) = load(text, Path::new("")) else { return Vec::new() };
    let (mut lines, mut node) = (Vec::new(), &root);
    for part in key.split('.').map(str::trim) {
        let YamlData::Mapping(m) = &node.data else { break };
        let Some((k, v)) = m.iter().find(|(k, _)| key_text(k) == part) else { break };
        lines.push(line_of(k));
        node = v;
    }
    lines
}

fn line_of(node: &MarkedYaml<'_>) -> u64 {
    node.span.start.line() as u64
}

/// A mapping key as text (numbers and booleans as written by Rust).
pub(super) fn key_text(node: &MarkedYaml<'_>) -> String {
    match &node.data {
        YamlData::Value(Scalar::String(s)) => s.to_string(),
        YamlData::Value(Scalar::Integer(i)) => i.to_string(),
        YamlData::Value(Scalar::FloatingPoint(f)) => f.0.to_string(),
        YamlData::Value(Scalar::Boolean(b)) => b.to_string(),
        YamlData::Value(Scalar::Null) => "null".into(),
        other => format!("{other:?}"),
    }
}

/// What a node is, for messages (`integer 10`, `a list`).
pub(super) fn describe(node: &MarkedYaml<'_>) -> String {
    match &node.data {
        YamlData::Value(Scalar::Null) => "null".into(),
        YamlData::Value(Scalar::Boolean(b)) => format!("boolean {b}"),
        YamlData::Value(Scalar::Integer(i)) => format!("integer {i}"),
        YamlData::Value(Scalar::FloatingPoint(f)) => format!("number {}", f.0),
        YamlData::Value(Scalar::String(s)) => format!("string `{s}`"),
        YamlData::Sequence(_) => "a list".into(),
        YamlData::Mapping(_) => "a mapping".into(),
        _ => "an unsupported YAML node".into(),
    }
}

/// Converts any node to a [`YamlValue`].
pub fn to_value(node: &MarkedYaml<'_>) -> YamlValue {
    match &node.data {
        YamlData::Value(Scalar::Null) => YamlValue::Null,
        YamlData::Value(Scalar::Boolean(b)) => YamlValue::Bool(*b),
        YamlData::Value(Scalar::Integer(i)) => YamlValue::Int(*i),
        YamlData::Value(Scalar::FloatingPoint(f)) => YamlValue::Float(f.0),
        YamlData::Value(Scalar::String(s)) => YamlValue::Str(s.to_string()),
        YamlData::Sequence(v) => YamlValue::List(v.iter().map(to_value).collect()),
        YamlData::Mapping(m) => YamlValue::Map(m.iter().map(|(k, v)| (key_text(k), to_value(v))).collect()),
        _ => YamlValue::Str(describe(node)),
    }
}

/// One mapping (or the absent/null section FLEE treats as "all defaults").
pub struct Section<'n, 'p> {
    path: &'p Path,
    prefix: String,
    node: Option<&'n MarkedYaml<'n>>,
    used: Vec<&'static str>,
}

impl<'n, 'p> Section<'n, 'p> {
    /// The top-level section of a document (`None`: empty file).
    pub fn root(node: Option<&'n MarkedYaml<'n>>, path: &'p Path) -> Result<Section<'n, 'p>, FleeInputError> {
        Self::new(node, path, String::new())
    }

    fn new(
        node: Option<&'n MarkedYaml<'n>>,
        path: &'p Path,
        prefix: String,
    ) -> Result<Section<'n, 'p>, FleeInputError> {
        let node = match node {
            Some(n) if matches!(n.data, YamlData::Value(Scalar::Null)) => None,
            Some(n) if !matches!(n.data, YamlData::Mapping(_)) => {
                let field = if prefix.is_empty() { "(document)".into() } else { prefix.clone() };
                return Err(FleeInputError::invalid(
                    Location::file(path).line(line_of(n)).field(field),
                    "a mapping of keys to values",
                    describe(n),
                ));
            }
            other => other,
        };
        Ok(Section { path, prefix, node, used: Vec::new() })
    }

    fn full(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    /// The node of `key`, marking the key as known.
    pub fn get(&mut self, key: &'static str) -> Option<&'n MarkedYaml<'n>> {
        self.used.push(key);
        self.node_of(key)
    }

    /// The node of `key`, if the section sets it (the key is not marked as known).
    fn node_of(&self, key: &str) -> Option<&'n MarkedYaml<'n>> {
        let YamlData::Mapping(map) = &self.node?.data else {
            return None;
        };
        map.iter().find(|(k, _)| matches!(&k.data, YamlData::Value(Scalar::String(s)) if s == key)).map(|(_, v)| v)
    }

    /// The line of `key`'s value, if the section sets it (the key is not marked as known).
    pub fn line_of(&self, key: &str) -> Option<u64> {
        self.node_of(key).map(line_of)
    }

    /// An error at `key` of this section (its line when the file sets it, else the file), expecting
    /// `expected` and finding `found`: for a value read well but wrong with others.
    pub fn invalid(&self, key: &str, expected: impl Into<String>, found: impl Into<String>) -> FleeInputError {
        let mut at = Location::file(self.path);
        if let Some(line) = self.line_of(key) {
            at = at.line(line);
        }
        FleeInputError::invalid(at.field(self.full(key)), expected, found)
    }

    fn err(&self, key: &str, node: &MarkedYaml<'_>, expected: &str) -> FleeInputError {
        self.err_found(key, node, expected, describe(node))
    }

    /// `err` with what was found said as `found`.
    fn err_found(&self, key: &str, node: &MarkedYaml<'_>, expected: &str, found: String) -> FleeInputError {
        FleeInputError::invalid(Location::file(self.path).line(line_of(node)).field(self.full(key)), expected, found)
    }

    /// Python `float(value)`; numbers, booleans (YAML 1.1's yes/no/on/off too, as PyYAML reads them:
    /// `camp_weight: yes` is 1.0 in FLEE, FLEE user's review of session 24) and numeric strings.
    pub fn f64(&mut self, key: &'static str, default: f64) -> Result<f64, FleeInputError> {
        let Some(n) = self.get(key) else {
            return Ok(default);
        };
        match &n.data {
            YamlData::Value(Scalar::FloatingPoint(f)) => Ok(f.0),
            YamlData::Value(Scalar::Integer(i)) => Ok(*i as f64),
            YamlData::Value(Scalar::Boolean(b)) => Ok(f64::from(u8::from(*b))),
            YamlData::Value(Scalar::String(s)) => {
                super::csvread::py_float(s).ok_or_else(|| self.err(key, n, "a number"))
            }
            _ => Err(self.err(key, n, "a number")),
        }
    }

    /// Python `int(value)`: integers, booleans, floats truncated towards zero, integer strings.
    pub fn int(&mut self, key: &'static str, default: i64) -> Result<i64, FleeInputError> {
        let Some(n) = self.get(key) else {
            return Ok(default);
        };
        match &n.data {
            YamlData::Value(Scalar::Integer(i)) => Ok(*i),
            YamlData::Value(Scalar::Boolean(b)) => Ok(i64::from(*b)),
            YamlData::Value(Scalar::FloatingPoint(f)) if f.0.is_finite() => Ok(f.0.trunc() as i64),
            YamlData::Value(Scalar::String(s)) => {
                super::csvread::py_int(s).ok_or_else(|| self.err(key, n, "an integer"))
            }
            _ => Err(self.err(key, n, "an integer")),
        }
    }

    /// Python `bool(value)` for YAML booleans (including YAML 1.1's yes/no/on/off, which
    /// PyYAML reads as booleans), numbers and null. Other strings are rejected: Python
    /// would read any non-empty string, even `"false"`, as true.
    pub fn bool(&mut self, key: &'static str, default: bool) -> Result<bool, FleeInputError> {
        let Some(n) = self.get(key) else {
            return Ok(default);
        };
        match &n.data {
            YamlData::Value(Scalar::Boolean(b)) => Ok(*b),
            YamlData::Value(Scalar::Null) => Ok(false),
            YamlData::Value(Scalar::Integer(i)) => Ok(*i != 0),
            YamlData::Value(Scalar::FloatingPoint(f)) => Ok(f.0 != 0.0),
            // Quoted text, or a word YAML 1.1 does not read as a boolean: FLEE's bool() reads any
            // non-empty text as true, even "no" (FLEE user's review of session 34).
            YamlData::Value(Scalar::String(_)) => Err(self.err(
                key,
                n,
                "true or false (text, which FLEE's bool() reads as true unless empty, even a quoted \"no\" or \"false\", \
                 is refused)",
            )),
            _ => Err(self.err(key, n, "true or false")),
        }
    }

    /// A string value.
    pub fn string(&mut self, key: &'static str, default: &str) -> Result<String, FleeInputError> {
        let Some(n) = self.get(key) else {
            return Ok(default.to_string());
        };
        match to_value(n) {
            YamlValue::Str(s) => Ok(s),
            _ => Err(self.err(key, n, "a string")),
        }
    }

    /// One of `choices` (`None` when absent); anything else is an error naming the line.
    pub fn choice(
        &mut self,
        key: &'static str,
        choices: &[&'static str],
    ) -> Result<Option<&'static str>, FleeInputError> {
        let Some(n) = self.get(key) else {
            return Ok(None);
        };
        match to_value(n) {
            YamlValue::Str(s) => match choices.iter().find(|c| **c == s) {
                Some(c) => Ok(Some(*c)),
                None => Err(self.err(key, n, &format!("one of {}", choices.join(", ")))),
            },
            _ => Err(self.err(key, n, &format!("one of {}", choices.join(", ")))),
        }
    }

    /// Any value, kept as is (`None` when absent).
    pub fn value(&mut self, key: &'static str) -> Option<YamlValue> {
        self.get(key).map(to_value)
    }

    /// A list of numbers, or a mapping with keys 0..n-1 (FLEE indexes either with
    /// `[i]`); `None` when absent or null.
    pub fn f64_list(&mut self, key: &'static str) -> Result<Option<Vec<f64>>, FleeInputError> {
        let Some(n) = self.get(key) else {
            return Ok(None);
        };
        let expected = "a list of numbers (or a mapping 0: x, 1: y, ...)";
        let num = |v: &YamlValue| match v {
            YamlValue::Int(i) => Some(*i as f64),
            YamlValue::Float(f) => Some(*f),
            YamlValue::Str(s) => super::csvread::py_float(s),
            _ => None,
        };
        match to_value(n) {
            YamlValue::Null => Ok(None),
            // The item that is no number, by its place in the list (input review of session 32: `[1.0,
            // abc]` was told "found a list").
            YamlValue::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    num(v).ok_or_else(|| {
                        let item = match v {
                            YamlValue::Str(s) => format!("`{s}`"),
                            YamlValue::Bool(b) => format!("boolean {b}"),
                            YamlValue::Null => "null".into(),
                            YamlValue::List(_) => "a list".into(),
                            _ => "a mapping".into(),
                        };
                        self.err_found(key, n, expected, format!("a list whose item {} is {item}", i + 1))
                    })
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            YamlValue::Map(entries) => {
                let mut out = Vec::with_capacity(entries.len());
                for i in 0..entries.len() {
                    let v = entries.iter().find(|(k, _)| k == &i.to_string());
                    // A step missing from 0, 1, 2 … (FLEE user's review of session 24: `0: 1.0, 5: 0.5`
                    // was told as "found a mapping"): FLEE looks the steps up by number, and stops
                    // with a KeyError at the first missing one.
                    let Some((_, v)) = v else {
                        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
                        let found = format!(
                            "a mapping of keys {} without {i}: FLEE looks the steps up as 0, 1, 2 … and stops \
                             with a KeyError when it needs a missing one",
                            keys.join(", ")
                        );
                        return Err(self.err_found(key, n, expected, found));
                    };
                    out.push(num(v).ok_or_else(|| self.err(key, n, expected))?);
                }
                Ok(Some(out))
            }
            _ => Err(self.err(key, n, expected)),
        }
    }

    /// A nested section (absent or null: all defaults).
    pub fn sub(&mut self, key: &'static str) -> Result<Section<'n, 'p>, FleeInputError> {
        let node = self.get(key);
        Section::new(node, self.path, self.full(key))
    }

    /// Whether `key` is present with a non-null value (FLEE's `is not None`).
    pub fn present(&mut self, key: &'static str) -> bool {
        self.get(key).is_some_and(|n| !matches!(n.data, YamlData::Value(Scalar::Null)))
    }

    /// Where a key of another section belongs, when it is one corridor reads there (FLEE user's review of
    /// session 24: `max_move_speed` at the top level was "unknown", with no word of `move_rules`).
    fn elsewhere(&self, key: &str) -> Option<String> {
        let full = crate::flee_dir::SUPPORTED_SETTINGS
            .iter()
            .find(|path| path.rsplit_once('.').is_some_and(|(section, last)| last == key && section != self.prefix))?;
        Some(format!("it belongs in another section: `{full}`"))
    }

    /// Checks that every key in the mapping was read, and records the ones present.
    /// `hints` maps a wrong key to advice.
    pub fn finish(self, explicit: &mut Vec<ExplicitKey>, hints: &[(&str, &str)]) -> Result<(), FleeInputError> {
        let Some(YamlData::Mapping(map)) = self.node.map(|n| &n.data) else {
            return Ok(());
        };
        for (k, _) in map.iter() {
            let key = key_text(k);
            if !self.used.iter().any(|u| *u == key) {
                // Advice known for this key, else the key read here that it most likely misspells.
                let advice = hints.iter().find(|(h, _)| *h == key).map(|(_, advice)| advice.to_string());
                let hint = advice
                    .or_else(|| {
                        crate::suggest::closest(&key, self.used.iter().copied()).map(|k| format!("did you mean `{k}`?"))
                    })
                    .or_else(|| self.elsewhere(&key))
                    .map(|h| format!("; {h}"))
                    .unwrap_or_default();
                let field = if self.prefix.is_empty() { "(top level)".into() } else { self.prefix.clone() };
                return Err(FleeInputError::UnknownKey {
                    at: Location::file(self.path).line(line_of(k)).field(field),
                    key,
                    hint,
                });
            }
            explicit.push(ExplicitKey { path: self.full(&key), line: line_of(k) });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(text: &str) -> Result<crate::flee::FleeSettings, String> {
        crate::flee::FleeSettings::from_yaml_str(text, Path::new("s.yml")).map_err(|e| e.to_string())
    }

    /// FLEE user's review of session 34: four of FLEE's DFlee folders set a key twice, and corridor
    /// refused them; PyYAML keeps the last value, and so does corridor now (with a warning, from
    /// `yaml11::duplicate_keys`). Quoted or not, a key is one key.
    #[test]
    fn issue_session_34_a_key_set_twice_keeps_its_last_value() {
        let s = settings("move_rules:\n  max_move_speed: 100\n  \"max_move_speed\": 300\n").expect("read");
        assert_eq!(s.move_rules.max_move_speed, 300.0);
        assert_eq!(yaml11::duplicate_keys("move_rules:\n  max_move_speed: 100\n  \"max_move_speed\": 300\n").len(), 1);
    }

    /// FLEE user's review of session 34: YAML 1.2 read these otherwise than FLEE's PyYAML does.
    #[test]
    fn issue_session_34_settings_are_read_as_pyyaml_reads_them() {
        // Octal: 8 to FLEE, not 10.
        assert_eq!(settings("optimisations:\n  hasten: 010\n").expect("read").optimisations.hasten, 8);
        // A quoted "no" is text, which FLEE's bool() reads as true: refused, saying so.
        let e = settings("move_rules:\n  avoid_short_stints: \"no\"\n").expect_err("refused");
        assert!(e.contains("s.yml:2") && e.contains("avoid_short_stints") && e.contains("as true"), "{e}");
        // A quoted "yes" on a number is text, on which FLEE's float() stops.
        assert!(settings("move_rules:\n  camp_weight: \"yes\"\n").is_err());
        // `1e1` is text to PyYAML, a number to float() but not to int().
        assert_eq!(settings("move_rules:\n  camp_weight: 1e1\n").expect("read").move_rules.camp_weight, 10.0);
        assert!(settings("optimisations:\n  hasten: 1e1\n").is_err());
        // A second document: PyYAML's safe_load stops.
        let e = settings("move_rules:\n  camp_weight: 2\n---\nmove_rules:\n  camp_weight: 3\n").expect_err("two");
        assert!(e.contains("s.yml:4") && e.contains("second YAML document"), "{e}");
    }

    /// Input review of session 32: `conflict_spawn_decay: [1.0,abc]` was told "found a list", naming
    /// no item.
    #[test]
    fn a_list_item_that_is_no_number_is_named_by_its_place() {
        let text = "spawn_rules:\n  conflict_spawn_decay: [1.0, abc]\n";
        let e = crate::flee::FleeSettings::from_yaml_str(text, Path::new("s.yml")).expect_err("refused").to_string();
        assert!(e.contains("conflict_spawn_decay") && e.contains("a list whose item 2 is `abc`"), "{e}");
    }
}
