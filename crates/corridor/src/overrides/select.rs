//! Selectors in `--set` keys: `policy[parameter=mpp.active].value=false` sets `value` in every
//! `[[policy]]` whose `parameter` is `mpp.active`, by expanding the key into one indexed key per entry.

use super::{Override, OverrideError};
use std::path::Path;

/// The characters of `text` outside a selector's `[...]`, with their byte offsets (the brackets and
/// what is between them left out).
pub fn outside_brackets(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut depth = 0usize;
    text.char_indices().filter(move |&(_, c)| match c {
        '[' => {
            depth += 1;
            false
        }
        ']' => {
            depth = depth.saturating_sub(1);
            false
        }
        _ => depth == 0,
    })
}

/// The parts of a dotted key, split at the dots outside `[...]`: `policy[parameter=mpp.active].value`
/// is `policy[parameter=mpp.active]` and `value`; a part in double quotes, as TOML writes a key with a
/// space, is read without them (`goals."Ciudad Juarez"`).
pub fn parts(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in outside_brackets(path).filter(|&(_, c)| c == '.') {
        out.push(unquoted(&path[start..i]));
        start = i + 1;
    }
    out.push(unquoted(&path[start..]));
    out
}

/// A key part, trimmed, without the double quotes around it if it has them (adversarial review of
/// session 22: `goals."Ciudad Juarez"` looked for a place named with the quotes).
pub fn unquoted(part: &str) -> &str {
    let part = part.trim();
    part.strip_prefix('"').and_then(|p| p.strip_suffix('"')).unwrap_or(part)
}

/// A key part `NAME[FIELD=VALUE]`, as (NAME, FIELD, VALUE), all trimmed and VALUE without quotes
/// around it; None for a plain part. The part is well formed (`check`).
fn selector(part: &str) -> Option<(&str, &str, &str)> {
    let (name, rest) = part.split_once('[')?;
    let (field, value) = rest.strip_suffix(']')?.split_once('=')?;
    let value = value.trim();
    let unquoted = ['"', '\''].iter().find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q)).unwrap_or(value);
    Some((name.trim(), field.trim(), unquoted.trim()))
}

/// Checks the selectors of a key's `parts`: each `NAME[FIELD=VALUE]` with all three given, one per
/// part, and followed by the key to set in the entries it selects. The message says what is wrong.
pub fn check(parts: &[&str]) -> Result<(), String> {
    for (i, part) in parts.iter().enumerate() {
        if !part.contains(['[', ']']) {
            continue;
        }
        let form = "a selector is LIST[FIELD=VALUE], e.g. policy[parameter=mpp.active]";
        let (name, rest) = part.split_once('[').ok_or_else(|| format!("`{part}`: {form}"))?;
        let inner = rest.strip_suffix(']').ok_or_else(|| format!("`{part}`: {form}, ending at `]`"))?;
        if inner.contains('[') {
            return Err(format!("`{part}`: one [FIELD=VALUE] per list (selectors do not chain); {form}"));
        }
        if inner.contains(']') {
            return Err(format!("`{part}`: a `]` too many; {form}"));
        }
        let Some((field, value)) = inner.split_once('=') else {
            return Err(format!("`{part}` needs FIELD=VALUE inside the brackets: {form}"));
        };
        if name.trim().is_empty() || field.trim().is_empty() || value.trim().is_empty() {
            return Err(format!("`{part}`: the list, the field and the value must all be given; {form}"));
        }
        if i + 1 == parts.len() {
            return Err(format!(
                "`{part}` picks entries of the list `{}`, not a value: name the key to set in them, `{part}.KEY=VALUE`",
                name.trim()
            ));
        }
    }
    Ok(())
}

/// A scenario file as `expand` reads it: its TOML parsed, with its path and text to name the lines of
/// the lists a selector looks in.
pub struct Written<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    /// The file's top-level table, as a value (`expand` walks it by reference).
    pub root: toml::Value,
}

impl Written<'_> {
    /// `path:line` of the dotted `key` where the file writes it (a list of tables: its first entry).
    fn at(&self, key: &[String]) -> Option<String> {
        let parts: Vec<&str> = key.iter().map(String::as_str).collect();
        let line = *super::lines_along(self.text, &parts).get(parts.len().checked_sub(1)?)?;
        Some(format!("{}:{line}", self.path.display()))
    }
}

/// The scenario `text` at `path` parsed, for `expand`.
pub fn root<'a>(path: &'a Path, text: &'a str) -> Result<Written<'a>, OverrideError> {
    let root: toml::Table = toml::from_str(text)
        .map_err(|e| OverrideError::Scenario(Box::new(crate::scenario::error::toml_error(path, text, &e))))?;
    Ok(Written { path, text, root: toml::Value::Table(root) })
}

/// Whether `o`'s key holds a selector (a parsed override's only brackets are its selectors').
pub fn has_selector(o: &Override) -> bool {
    o.path.contains('[')
}

/// The value of a list entry's field as a selector compares it: a string as it is, anything else as
/// TOML writes it (`7`, `true`, `2019-01-25`).
fn text(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `o` with each selector replaced by the index of every entry it selects in the scenario `file`: one
/// override per selected entry, in file order. An override without a selector comes back as it is; a
/// selector that selects nothing, or looks in what is not a list, is an error naming the file's line
/// of that list or key (or the file and the deepest part of the key it writes) and, for a list, the
/// values the field has.
pub fn expand(file: &Written<'_>, o: &Override) -> Result<Vec<Override>, OverrideError> {
    let parts = parts(&o.path);
    // Each key so far with what the file writes there (borrowed: a selector copies no entry).
    let mut keys: Vec<(Vec<String>, Option<&toml::Value>)> = vec![(Vec::new(), Some(&file.root))];
    for part in &parts {
        let mut next = Vec::new();
        for (key, at) in keys {
            match selector(part) {
                None => {
                    let inner = at.and_then(|v| match v {
                        toml::Value::Table(t) => t.get(*part),
                        toml::Value::Array(a) => part.parse::<usize>().ok().and_then(|i| a.get(i)),
                        _ => None,
                    });
                    next.push((extend(&key, part), inner));
                }
                Some((name, field, want)) => {
                    let list_key = extend(&key, name);
                    let here = list_key.join(".");
                    let fail = |message: String| OverrideError::Path { path: o.path.clone(), message };
                    let list = match at.and_then(|v| v.as_table()).and_then(|t| t.get(name)) {
                        Some(toml::Value::Array(a)) => a,
                        other => {
                            let what = match (other, file.at(&list_key)) {
                                (Some(v), Some(at)) => format!("`{here}` is a {} at {at}", v.type_str()),
                                _ => not_written(file, &list_key),
                            };
                            return Err(fail(format!("`{here}` is not a list of entries in the scenario: {what}")));
                        }
                    };
                    let mut found = false;
                    for (i, entry) in list.iter().enumerate() {
                        if entry.get(field).map(text).as_deref() == Some(want) {
                            found = true;
                            next.push((extend(&list_key, &i.to_string()), Some(entry)));
                        }
                    }
                    if !found {
                        let mut values: Vec<String> = list.iter().filter_map(|e| e.get(field)).map(text).collect();
                        values.sort();
                        values.dedup();
                        let has = if values.is_empty() {
                            format!("no entry of `{here}` has the field `{field}`")
                        } else {
                            format!("its `{field}` values are: {}", values.join(", "))
                        };
                        let starts = file.at(&list_key).map_or(String::new(), |at| format!(" (it starts at {at})"));
                        return Err(fail(format!("`{part}` selects no entry of `{here}`{starts}; {has}")));
                    }
                }
            }
        }
        keys = next;
    }
    Ok(keys.into_iter().map(|(key, _)| Override { path: key.join("."), value: o.value.clone() }).collect())
}

/// That the scenario `file` does not write `key`, with the line of the deepest part of it that it
/// writes, e.g. s.toml has no `caravan.0.stops` (`caravan.0` is at s.toml:14).
fn not_written(file: &Written<'_>, key: &[String]) -> String {
    let parts: Vec<&str> = key.iter().map(String::as_str).collect();
    let lines = super::lines_along(file.text, &parts);
    let within = match lines.last() {
        Some(line) => format!(" (`{}` is at {}:{line})", parts[..lines.len()].join("."), file.path.display()),
        None => String::new(),
    };
    format!("{} has no `{}`{within}", file.path.display(), key.join("."))
}

fn extend(key: &[String], part: &str) -> Vec<String> {
    let mut k = key.to_vec();
    k.push(part.to_string());
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"
[[policy]]
name = "MPP at A"
parameter = "mpp.active"
value = true
[[policy]]
name = "cut"
parameter = "metering.capacity_per_day"
value = 5
[[policy]]
name = "MPP at B"
parameter = "mpp.active"
value = true
[[caravan]]
name = "one"
[[caravan.pause]]
place = "X"
[[caravan.pause]]
place = "Y"
[[caravan]]
name = "two"
[[caravan.pause]]
place = "Y"
[port]
name = "X"
"#;

    fn expanded(set: &str) -> Result<Vec<String>, String> {
        let file = root(Path::new("s/scenario.toml"), TEXT).unwrap();
        let o = Override::parse(set).map_err(|e| e.to_string())?;
        expand(&file, &o).map(|v| v.iter().map(|o| o.to_string()).collect()).map_err(|e| e.to_string())
    }

    #[test]
    fn a_selector_sets_every_entry_whose_field_has_the_value() {
        assert_eq!(
            expanded("policy[parameter=mpp.active].value=false").unwrap(),
            ["policy.0.value=false", "policy.2.value=false"]
        );
        assert_eq!(expanded(" policy [ name = cut ] . value = 8").unwrap(), ["policy.1.value=8"]);
        assert_eq!(expanded("caravan[name=two].pause.0.place=Z").unwrap(), [r#"caravan.1.pause.0.place="Z""#]);
        assert_eq!(
            expanded("caravan.0.pause[place=Y].days=2").unwrap(),
            ["caravan.0.pause.1.days=2"],
            "a selector after an index"
        );
        assert_eq!(expanded("seed=3").unwrap(), ["seed=3"], "no selector: as it is");
    }

    #[test]
    fn a_selector_that_selects_nothing_names_the_values_there_are() {
        let e = expanded("policy[parameter=mpp.actve].value=false").unwrap_err();
        assert!(e.contains("selects no entry of `policy`"), "{e}");
        assert!(e.contains("metering.capacity_per_day, mpp.active"), "{e}");
        let e = expanded("port[name=X].mpp=false").unwrap_err();
        assert!(e.contains("`port` is not a list"), "{e}");
        let e = expanded("policy[at=X].value=1").unwrap_err();
        assert!(e.contains("no entry of `policy` has the field `at`"), "{e}");
    }

    /// Leftover: these errors named the `--set` key but not where in the scenario to look, as the
    /// other override errors do (`path:line`).
    #[test]
    fn a_selector_that_selects_nothing_or_no_list_names_the_files_line() {
        let line =
            |header: &str, n: usize| TEXT.lines().enumerate().filter(|(_, l)| *l == header).nth(n).unwrap().0 + 1;
        let (policy, pause_of_two) = (line("[[policy]]", 0), line("[[caravan.pause]]", 2));
        let (caravan, port) = (line("[[caravan]]", 0), line("[port]", 0));
        assert_eq!((policy, pause_of_two, caravan, port), (2, 22, 14, 24), "the lines of TEXT, counted by hand");
        let e = expanded("policy[parameter=mpp.actve].value=false").unwrap_err();
        assert!(
            e.contains("`policy[parameter=mpp.actve]` selects no entry of `policy` (it starts at s/scenario.toml:2);"),
            "{e}"
        );
        // A list of a list's entry: the entry's own (caravan 1's pauses, not caravan 0's).
        let e = expanded("caravan[name=two].pause[place=Q].days=1").unwrap_err();
        assert!(e.contains("selects no entry of `caravan.1.pause` (it starts at s/scenario.toml:22)"), "{e}");
        // A key that is not a list, where the file writes it; one the file lacks, and where its
        // written part is.
        let e = expanded("port[name=X].mpp=false").unwrap_err();
        assert!(
            e.contains("`port` is not a list of entries in the scenario: `port` is a table at s/scenario.toml:24"),
            "{e}"
        );
        let e = expanded("caravan.0.stops[place=X].days=1").unwrap_err();
        assert!(e.contains("s/scenario.toml has no `caravan.0.stops` (`caravan.0` is at s/scenario.toml:14)"), "{e}");
        let e = expanded("ports[name=X].mpp=false").unwrap_err();
        assert!(e.ends_with("`ports` is not a list of entries in the scenario: s/scenario.toml has no `ports`"), "{e}");
    }

    #[test]
    fn malformed_selectors_are_named_for_what_is_wrong() {
        let e = |set: &str| Override::parse(set).unwrap_err().to_string();
        assert!(e("policy[parameter].value=1").contains("needs FIELD=VALUE"), "{}", e("policy[parameter].value=1"));
        assert!(e("policy[=x].value=1").contains("must all be given"));
        assert!(e("policy[parameter=mpp.active]=1").contains("picks entries of the list `policy`, not a value"));
        assert!(e("policy[a=b][at=c].value=1").contains("do not chain"));
        assert!(e("policy[a=b.value=1").contains("without its `]`"));
        assert!(e("policy[a=b.value]x=1").contains("ending at `]`"));
        assert!(e("policy[parameter=mpp.active]].value=1").contains("a `]` too many"));
        assert!(e("seed[x=1]=2").contains("`seed[x=1].KEY=VALUE`"), "{}", e("seed[x=1]=2"));
        // A table of the scenario's CSV files is named as such, selector or not.
        assert!(e("locations[name=X].population=4").contains("corridor export"));
        // Quotes around the value, natural in TOML, are not part of it.
        assert_eq!(expanded(r#"policy[parameter="mpp.active"].value=false"#).unwrap().len(), 2);
        assert_eq!(expanded("policy[parameter='mpp.active'].value=false").unwrap().len(), 2);
    }

    #[test]
    fn keys_split_at_dots_outside_brackets() {
        assert_eq!(parts("policy[parameter=mpp.active].value"), ["policy[parameter=mpp.active]", "value"]);
        assert_eq!(parts("a.b.0.c"), ["a", "b", "0", "c"]);
    }
}
