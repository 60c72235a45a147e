//! `KEY=VALUE` overrides of `simsetting.yml`, applied to its YAML text before it is read: a value the
//! file sets is replaced where it stands (every line keeps its number); a missing key is added.

use std::path::Path;

use saphyr::{MarkedYaml, Scalar, YamlData};

use super::error::FleeInputError;
use super::yaml::{describe, key_text, load, to_value, YamlValue};

/// One `KEY=VALUE` override of the settings. KEY is a dotted path of keys as the settings reader names
/// them (`move_rules.max_move_speed`; a number picks a list entry); VALUE is read as YAML (`150`,
/// `true`, `flee_order`, `[1.0, 0.5]`; nothing is null).
#[derive(Clone, Debug, PartialEq)]
pub struct SettingOverride {
    /// The dotted key path.
    pub path: String,
    /// The value, as YAML reads it.
    pub value: YamlValue,
    /// VALUE as given.
    pub text: String,
}

/// Why overrides could not be applied to the settings' text.
#[derive(Debug, thiserror::Error)]
pub enum SettingsEditError {
    /// Not `KEY=VALUE`.
    #[error("`{0}` is not KEY=VALUE")]
    Syntax(String),
    /// VALUE is not a YAML value.
    #[error("override `{path}`: `{text}` is not a YAML value: {message}")]
    Value {
        /// KEY.
        path: String,
        /// VALUE.
        text: String,
        /// Why.
        message: String,
    },
    /// KEY leads through a value that is not a mapping, or past the end of a list.
    #[error("override `{path}`: {message}")]
    Path {
        /// KEY.
        path: String,
        /// Why.
        message: String,
    },
    /// The settings file itself does not parse.
    #[error(transparent)]
    Settings(FleeInputError),
}

impl SettingOverride {
    /// Parses `KEY=VALUE`.
    pub fn parse(text: &str) -> Result<SettingOverride, SettingsEditError> {
        let (path, v) =
            crate::overrides::split_key_value(text).ok_or_else(|| SettingsEditError::Syntax(text.to_string()))?;
        let usual = "simsetting.yml's keys have two or three";
        let parts: Vec<&str> = path.split('.').map(str::trim).collect();
        if let Some((path, message)) = crate::overrides::too_long(path, parts.len(), usual) {
            return Err(SettingsEditError::Path { path, message });
        }
        let bad = |message: String| SettingsEditError::Value { path: path.to_string(), text: v.to_string(), message };
        let docs = super::yaml::documents(v).map_err(|e| bad(e.info().to_string()))?;
        if docs.len() > 1 {
            return Err(bad("it holds more than one YAML document".into()));
        }
        let value = match docs.first() {
            None => YamlValue::Null,
            Some(node) => {
                plain(node).map_err(bad)?;
                to_value(node)
            }
        };
        Ok(SettingOverride { path: parts.join("."), value, text: v.into() })
    }
}

impl std::fmt::Display for SettingOverride {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.path, self.text)
    }
}

/// Scalars, lists and mappings only: no tags or aliases.
fn plain(node: &MarkedYaml<'_>) -> Result<(), String> {
    match &node.data {
        YamlData::Value(_) => Ok(()),
        YamlData::Sequence(items) => items.iter().try_for_each(plain),
        YamlData::Mapping(m) => m.iter().try_for_each(|(k, v)| plain(k).and_then(|()| plain(v))),
        _ => Err("tags and aliases are not supported".into()),
    }
}

/// The settings' text with overrides applied.
#[derive(Clone, Debug, PartialEq)]
pub struct EditedSettings {
    /// The YAML text.
    pub text: String,
    /// The keys of the overrides that added lines, moving the lines after them (empty: every line
    /// of the file is where it was).
    pub added: Vec<String>,
}

/// Applies `overrides` in order to the settings `text` (of the file at `path`, for messages). A key
/// the text sets has its value replaced where it is written, padded with the newlines it replaces;
/// a missing key is added to its mapping (the deepest the text has on its path): on a line of its own
/// after the mapping's last entry, inside the braces of a flow mapping, or in place of a null value.
/// Values are written in YAML's flow style.
pub fn apply(text: &str, path: &Path, overrides: &[SettingOverride]) -> Result<EditedSettings, SettingsEditError> {
    load(text, path).map_err(SettingsEditError::Settings)?;
    let mut edited = EditedSettings { text: text.to_string(), added: Vec::new() };
    for o in overrides {
        let (text, added_lines) = apply_one(&edited.text, path, o)?;
        edited.text = text;
        if added_lines {
            edited.added.push(o.path.clone());
        }
    }
    Ok(edited)
}

/// One override: the new text, and whether it added lines.
fn apply_one(text: &str, path: &Path, o: &SettingOverride) -> Result<(String, bool), SettingsEditError> {
    let err = |message: String| SettingsEditError::Path { path: o.path.clone(), message };
    let doc = load(text, path).map_err(|e| err(format!("the settings as rewritten do not parse: {e}")))?;
    let parts: Vec<&str> = o.path.split('.').collect();
    // A key the file sets twice (PyYAML keeps the last): which one a --set would replace is a guess,
    // and the text between them is no value (FLEE user's review of session 34's diff: it was cut out).
    let twice = super::yaml11::duplicate_keys(text);
    if let Some((line, key)) = twice.iter().find(|(_, k)| o.path == *k || o.path.starts_with(&format!("{k}."))) {
        return Err(err(format!(
            "`{key}` is set twice in {} (again at line {line}; FLEE's reader keeps the last): remove one before \
             setting it with --set",
            path.display()
        )));
    }
    let chars: Vec<char> = text.chars().collect();
    let t = Chars(&chars);
    let Some(root) = doc else {
        // No document (an empty file, or comments only): the key is added after the text.
        let entry = format!("{}: {}\n", render_str(parts[0]), render(&nested(&parts[1..], &o.value)));
        let sep = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
        return Ok((format!("{text}{sep}{entry}"), true));
    };
    let (mut node, mut key) = (&root, None);
    for (i, part) in parts.iter().enumerate() {
        let walked = || if i == 0 { "the settings".to_string() } else { format!("`{}`", parts[..i].join(".")) };
        // Where the file writes what the path reached so far (for an error: formatted only then).
        let here = node;
        let at = || format!("{}:{}", path.display(), here.span.start.line());
        match &node.data {
            YamlData::Mapping(m) => match m.iter().find(|(k, _)| key_text(k) == *part) {
                Some((k, v)) => (node, key) = (v, Some(k)),
                None => {
                    let entry = format!("{}: {}", render_str(part), render(&nested(&parts[i + 1..], &o.value)));
                    return t
                        .add_entry(node, &entry)
                        .ok_or_else(|| err(format!("cannot add a key to {} as written ({})", walked(), at())));
                }
            },
            YamlData::Sequence(items) => {
                let len = items.len();
                let idx: usize = part.parse().map_err(|_| {
                    let expected = crate::overrides::index_words(len);
                    err(format!("{} is a list: expected {expected}, found `{part}` ({})", walked(), at()))
                })?;
                node = items.get(idx).ok_or_else(|| {
                    let expected = crate::overrides::index_words(len);
                    err(format!(
                        "{} has {len} entries; index {idx} is out of range: expected {expected} ({})",
                        walked(),
                        at()
                    ))
                })?;
                key = None;
            }
            // A null section is FLEE's "all defaults": it becomes a mapping holding the key.
            YamlData::Value(Scalar::Null) => {
                return t
                    .replace(node, key, &render(&nested(&parts[i..], &o.value)))
                    .map(|t| (t, false))
                    .ok_or_else(|| err(format!("cannot set a value in {} as written ({})", walked(), at())));
            }
            _ => return Err(err(format!("{} is {}, not a mapping ({})", walked(), describe(node), at()))),
        }
    }
    t.replace(node, key, &render(&o.value))
        .map(|t| (t, false))
        .ok_or_else(|| err("cannot replace its value as written".into()))
}

/// `value` under the keys `parts` (`a.b` = 1 gives `{a: {b: 1}}`).
fn nested(parts: &[&str], value: &YamlValue) -> YamlValue {
    match parts.split_first() {
        None => value.clone(),
        Some((first, rest)) => YamlValue::Map(vec![(first.to_string(), nested(rest, value))]),
    }
}

/// A value in YAML's flow style, on one line; it reads back as the same value.
fn render(v: &YamlValue) -> String {
    match v {
        YamlValue::Null => "null".into(),
        YamlValue::Bool(b) => b.to_string(),
        YamlValue::Int(i) => i.to_string(),
        YamlValue::Float(f) if f.is_nan() => ".nan".into(),
        YamlValue::Float(f) if f.is_infinite() => if *f > 0.0 { ".inf" } else { "-.inf" }.into(),
        YamlValue::Float(f) => yaml11_float(*f),
        YamlValue::Str(s) => render_str(s),
        YamlValue::List(items) => format!("[{}]", items.iter().map(render).collect::<Vec<_>>().join(", ")),
        YamlValue::Map(entries) => {
            let entries: Vec<String> =
                entries.iter().map(|(k, v)| format!("{}: {}", render_str(k), render(v))).collect();
            format!("{{{}}}", entries.join(", "))
        }
    }
}

/// A float as YAML 1.1 reads it back as a float: a dot in the mantissa and a signed exponent (the review
/// of session 34's diff: `1e16`, as Rust writes it, is text to PyYAML).
fn yaml11_float(f: f64) -> String {
    let text = format!("{f:?}");
    let Some((mantissa, exponent)) = text.split_once('e') else { return text };
    let mantissa = if mantissa.contains('.') { mantissa.to_string() } else { format!("{mantissa}.0") };
    let exponent = if exponent.starts_with('-') { exponent.to_string() } else { format!("+{exponent}") };
    format!("{mantissa}e{exponent}")
}

/// A string: plain when it is a word YAML reads back as that string, else double-quoted.
fn render_str(s: &str) -> String {
    let word = s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "_-./".contains(c));
    let reads_back = || {
        super::yaml::documents(s)
            .ok()
            .and_then(|d| d.first().map(to_value))
            .is_some_and(|v| v == YamlValue::Str(s.to_string()))
    };
    if word && reads_back() {
        return s.to_string();
    }
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            c if c.is_control() => q.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// The text as characters: saphyr's markers count characters, not bytes.
struct Chars<'a>(&'a [char]);

impl Chars<'_> {
    fn get(&self, i: usize) -> Option<char> {
        self.0.get(i).copied()
    }

    /// The text with `start..end` replaced by `new`.
    fn splice(&self, start: usize, end: usize, new: &str) -> String {
        self.0[..start].iter().chain(new.chars().collect::<Vec<_>>().iter()).chain(&self.0[end..]).collect()
    }

    /// Just after the `:` that follows a mapping key.
    fn after_colon(&self, key: &MarkedYaml<'_>) -> Option<usize> {
        let mut i = key.span.end.index();
        while matches!(self.get(i), Some(' ' | '\t')) {
            i += 1;
        }
        (self.get(i)? == ':').then_some(i + 1)
    }

    /// Whether a collection is written in flow style (`[...]`, `{...}`); its end marker is then at the
    /// closing bracket.
    fn is_flow(&self, node: &MarkedYaml<'_>) -> bool {
        let (open, close) = match node.data {
            YamlData::Sequence(_) => ('[', ']'),
            YamlData::Mapping(_) => ('{', '}'),
            _ => return false,
        };
        self.get(node.span.start.index()) == Some(open) && self.get(node.span.end.index()) == Some(close)
    }

    /// Where a node's text ends: after a flow collection's closing bracket, after a block
    /// collection's last entry (its end marker lies at the next token).
    fn end(&self, node: &MarkedYaml<'_>) -> Option<usize> {
        if self.is_flow(node) {
            return Some(node.span.end.index() + 1);
        }
        match &node.data {
            YamlData::Sequence(items) => items.last().map_or(Some(node.span.end.index()), |n| self.end(n)),
            YamlData::Mapping(m) => match m.iter().next_back() {
                Some((k, v)) => Some(self.after_colon(k)?.max(self.end(v)?)),
                None => Some(node.span.end.index()),
            },
            _ => {
                // A block scalar ends at the next token: leave that line's indentation.
                let (start, mut end) = (node.span.start.index(), node.span.end.index());
                let mut j = end;
                while j > start && matches!(self.get(j - 1), Some(' ' | '\t')) {
                    j -= 1;
                }
                if j > start && self.get(j - 1) == Some('\n') {
                    end = j;
                }
                Some(end)
            }
        }
    }

    /// The text with `node` (the value of `key` in a mapping, else a list entry or the document)
    /// written as `new`, followed by as many newlines as the old value spanned, so that every line
    /// after it keeps its number.
    fn replace(&self, node: &MarkedYaml<'_>, key: Option<&MarkedYaml<'_>>, new: &str) -> Option<String> {
        let (start, new) = match key {
            Some(k) => (self.after_colon(k)?, format!(" {new}")),
            None => (node.span.start.index(), new.to_string()),
        };
        let end = self.end(node)?.max(start);
        let newlines = self.0[start..end].iter().filter(|c| **c == '\n').count();
        Some(self.splice(start, end, &format!("{new}{}", "\n".repeat(newlines))))
    }

    /// The text with `entry` (`key: value`) added to `map`, and whether that added a line.
    fn add_entry(&self, map: &MarkedYaml<'_>, entry: &str) -> Option<(String, bool)> {
        let YamlData::Mapping(m) = &map.data else { return None };
        let last = m.iter().next_back();
        if self.is_flow(map) {
            return Some(match last {
                Some((k, v)) => {
                    let at = self.end(v)?.max(self.after_colon(k)?);
                    (self.splice(at, at, &format!(", {entry}")), false)
                }
                None => {
                    let at = map.span.end.index();
                    (self.splice(at, at, entry), false)
                }
            });
        }
        // A block mapping: a line of its own after the last entry's, indented as the first key.
        let (first, _) = m.iter().next()?;
        let key_at = first.span.start.index();
        let line_start = self.0[..key_at].iter().rposition(|c| *c == '\n').map_or(0, |i| i + 1);
        let indent: String = self.0[line_start..key_at].iter().collect();
        if indent.chars().any(|c| c != ' ') {
            return None;
        }
        let end = self.end(map)?;
        let at = if end > 0 && self.get(end - 1) == Some('\n') {
            end
        } else {
            self.0[end..].iter().position(|c| *c == '\n').map_or(self.0.len(), |i| end + i + 1)
        };
        let sep = if at > 0 && self.get(at - 1) != Some('\n') { "\n" } else { "" };
        Some((self.splice(at, at, &format!("{sep}{indent}{entry}\n")), true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flee::FleeSettings;
    use saphyr::LoadableYamlNode;

    /// Review of session 34's diff: Rust writes 1e16, which YAML 1.1 reads as text.
    #[test]
    fn issue_session_34_floats_are_written_as_yaml_11_reads_them() {
        assert_eq!([yaml11_float(1e16), yaml11_float(1e-7), yaml11_float(0.5)], ["1.0e+16", "1.0e-7", "0.5"]);
        let back = super::super::yaml::documents("k: 1.0e+16").expect("parses");
        assert!(matches!(to_value(&back[0]), YamlValue::Map(m) if m[0].1 == YamlValue::Float(1e16)));
    }

    fn set(text: &str, sets: &[&str]) -> Result<EditedSettings, SettingsEditError> {
        let o: Vec<SettingOverride> = sets.iter().map(|s| SettingOverride::parse(s).unwrap()).collect();
        apply(text, Path::new("simsetting.yml"), &o)
    }

    fn settings(text: &str) -> FleeSettings {
        FleeSettings::from_yaml_str(text, Path::new("simsetting.yml")).unwrap()
    }

    const FILE: &str = "# é: a comment\nspawn_rules:\n  conflict_spawn_decay:\n    - 1.0\n    - 0.5  # half\n  insert_day0: True\nmove_rules:\n  max_move_speed: 200.0   # km a day\n  camp_weight: 5.0\noptimisations: {hasten: 10}\n";

    #[test]
    fn values_read_as_yaml() {
        let v = |t: &str| SettingOverride::parse(t).unwrap().value;
        assert_eq!(v("move_rules.max_move_speed=150"), YamlValue::Int(150));
        assert_eq!(v("a=150.5"), YamlValue::Float(150.5));
        assert_eq!(v("a = true"), YamlValue::Bool(true));
        assert_eq!(v("corridor.capacity_counts=flee_order"), YamlValue::Str("flee_order".into()));
        assert_eq!(v("a=[1.0, 0.5]"), YamlValue::List(vec![YamlValue::Float(1.0), YamlValue::Float(0.5)]));
        assert_eq!(v("a="), YamlValue::Null);
        let o = SettingOverride::parse(" move_rules . max_move_speed = 150 ").unwrap();
        assert_eq!(o.to_string(), "move_rules.max_move_speed=150");
        assert!(matches!(SettingOverride::parse("no-equals"), Err(SettingsEditError::Syntax(_))));
        assert!(matches!(SettingOverride::parse("a..b=1"), Err(SettingsEditError::Syntax(_))));
        assert!(matches!(SettingOverride::parse("a=[1,"), Err(SettingsEditError::Value { .. })));
        assert!(matches!(SettingOverride::parse("a=*x"), Err(SettingsEditError::Value { .. })));
    }

    /// Every value is written back in flow style and reads back as itself.
    #[test]
    fn written_values_read_back_the_same() {
        use YamlValue::*;
        let values = [
            Null,
            Bool(false),
            Int(-3),
            Float(150.0),
            Float(0.1),
            Float(1e-7),
            Float(f64::INFINITY),
            Str("flee_order".into()),
            Str("true".into()),
            Str("1_000".into()),
            Str("a: b, \"c\" # d\\\n\té".into()),
            Str(String::new()),
            List(vec![Int(1), Str("x y".into())]),
            Map(vec![("0".into(), Float(1.0)), ("key".into(), List(Vec::new()))]),
        ];
        for v in values {
            let text = render(&v);
            assert!(!text.contains('\n'), "{text}");
            let back = MarkedYaml::load_from_str(&text).unwrap();
            assert_eq!(to_value(&back[0]), v, "{text}");
        }
        assert_eq!(render_str("flee_order"), "flee_order");
        assert_eq!(render_str("True"), "\"True\"");
    }

    #[test]
    fn a_value_the_file_sets_is_replaced_where_it_stands() {
        let e = set(FILE, &["move_rules.max_move_speed=150", "optimisations.hasten=2"]).unwrap();
        assert_eq!(
            e.text,
            FILE.replacen("max_move_speed: 200.0", "max_move_speed: 150", 1).replacen("hasten: 10", "hasten: 2", 1)
        );
        assert!(e.added.is_empty());
        // A list over three lines becomes one, and the two lines it leaves stay, blank.
        let e = set(FILE, &["spawn_rules.conflict_spawn_decay=[1.0, 0.25]", "spawn_rules.insert_day0=false"]).unwrap();
        assert_eq!(e.text.lines().count(), FILE.lines().count());
        assert!(
            e.text.contains("  conflict_spawn_decay: [1.0, 0.25]\n\n  # half\n  insert_day0: false\n"),
            "{}",
            e.text
        );
        let s = settings(&e.text);
        assert_eq!(s.spawn_rules.conflict_spawn_decay, Some(vec![1.0, 0.25]));
        assert!(!s.spawn_rules.insert_day0);
        // A list entry, by its index.
        let e = set(FILE, &["spawn_rules.conflict_spawn_decay.1=0.75"]).unwrap();
        assert_eq!(e.text, FILE.replacen("- 0.5", "- 0.75", 1));
        // A whole section.
        let e = set(FILE, &["move_rules={max_move_speed: 100}"]).unwrap();
        assert_eq!(e.text.lines().count(), FILE.lines().count());
        assert_eq!(settings(&e.text).move_rules.max_move_speed, 100.0);
        assert_eq!(settings(&e.text).move_rules.camp_weight, 1.0);
        // A block scalar, indicator and all; the next key keeps its line and indentation.
        let text = "a:\n  s: |\n    x\n    y\n  t: 1\n";
        assert_eq!(set(text, &["a.s=z"]).unwrap().text, "a:\n  s: z\n\n\n  t: 1\n");
    }

    #[test]
    fn a_missing_key_is_added_in_its_section() {
        // After the last entry of a block section, indented as its keys; lines after it move.
        let e = set(FILE, &["move_rules.max_walk_speed=20"]).unwrap();
        assert_eq!(e.text, FILE.replacen("camp_weight: 5.0\n", "camp_weight: 5.0\n  max_walk_speed: 20\n", 1));
        assert_eq!(e.added, ["move_rules.max_walk_speed"]);
        // Inside a flow mapping's braces, and a new section at the end: no line moves.
        let e = set(FILE, &["optimisations.nope=1", "corridor.capacity_counts=flee_order"]).unwrap();
        assert_eq!(
            e.text,
            FILE.replacen("{hasten: 10}", "{hasten: 10, nope: 1}", 1) + "corridor: {capacity_counts: flee_order}\n"
        );
        assert_eq!(e.added, ["corridor.capacity_counts"]);
        // In place of a null section; and after a last line without its newline.
        let e = set("move_rules:\nlog_levels: ~  # none", &["move_rules.camp_weight=2", "log_levels.agent=1", "a.b=1"])
            .unwrap();
        assert_eq!(e.text, "move_rules: {camp_weight: 2}\nlog_levels: {agent: 1}  # none\na: {b: 1}\n");
        assert_eq!(e.added, ["a.b"]);
        // No document at all: the overrides make the whole text.
        for text in ["", "# only a comment"] {
            let e = set(text, &["move_rules.max_move_speed=150", "move_rules.camp_weight=2"]).unwrap();
            let s = settings(&e.text);
            assert_eq!((s.move_rules.max_move_speed, s.move_rules.camp_weight), (150.0, 2.0), "{}", e.text);
            assert!(e.text.starts_with(text));
        }
    }

    #[test]
    fn a_key_that_cannot_be_placed_is_an_error() {
        let message = |sets: &[&str]| set(FILE, sets).unwrap_err().to_string();
        assert!(message(&["optimisations.hasten.x=1"]).contains("`optimisations.hasten` is integer 10, not a mapping"));
        assert!(message(&["spawn_rules.conflict_spawn_decay.5=1"]).contains("index 5 is out of range"));
        // Said from first to last (the user review read `0..2` as including 2).
        let e = message(&["spawn_rules.conflict_spawn_decay.x=1"]);
        assert!(e.contains("a list: expected an index from 0 to 1, found `x`"), "{e}");
        assert!(message(&["a=1", "a.b=1"]).contains("`a` is integer 1, not a mapping"));
        let e = set("a: [1\n", &["a=1"]).unwrap_err();
        assert!(e.to_string().starts_with("simsetting.yml:"), "{e}");
    }
}
