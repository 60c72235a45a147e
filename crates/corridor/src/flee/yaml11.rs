//! `simsetting.yml`'s scalars as FLEE's reader, PyYAML's `safe_load`, reads them: YAML 1.1's implicit
//! types for plain scalars (`yes`/`no`/`on`/`off`, octal `010`, `0b11`, `1:30`, `1_000`), text for
//! quoted ones; and the keys a file sets twice, of which PyYAML keeps the last.

use std::borrow::Cow;
use std::collections::HashSet;

use saphyr::{Scalar, ScalarStyle, Tag};
use saphyr_parser::{Event, Parser};

/// The scalar PyYAML's `safe_load` gives for `text` written in `style` with `tag`: a quoted or block
/// scalar is text, a plain one is resolved by YAML 1.1's rules (FLEE user's review of session 34:
/// YAML 1.2 read `hasten: 010` as 10 where FLEE reads 8, and a quoted "no" as false where FLEE's
/// `bool("no")` is true).
pub fn scalar<'a>(text: Cow<'a, str>, style: ScalarStyle, tag: Option<&Tag>) -> Scalar<'a> {
    let core = tag.filter(|t| t.is_yaml_core_schema()).map(|t| t.suffix.as_str());
    match core {
        Some("str") => return Scalar::String(text),
        Some("int") => return int(&text).map_or(Scalar::String(text), Scalar::Integer),
        // PyYAML's float constructor reads what float() reads, base 60 too, whatever the implicit
        // pattern (`!!float 1e1` is 10.0).
        Some("float") => {
            return float(&text)
                .or_else(|| construct_float(&text))
                .map_or(Scalar::String(text), |f| Scalar::FloatingPoint(f.into()))
        }
        Some("bool") => return boolean(&text).map_or(Scalar::String(text), Scalar::Boolean),
        Some("null") => return Scalar::Null,
        _ => {}
    }
    if style != ScalarStyle::Plain || tag.is_some() {
        return Scalar::String(text);
    }
    if let Some(b) = boolean(&text) {
        Scalar::Boolean(b)
    } else if matches!(&*text, "" | "~" | "null" | "Null" | "NULL") {
        Scalar::Null
    } else if let Some(i) = int(&text) {
        Scalar::Integer(i)
    } else if let Some(f) = float(&text) {
        Scalar::FloatingPoint(f.into())
    } else {
        Scalar::String(text)
    }
}

/// YAML 1.1's booleans, as PyYAML lists them.
fn boolean(s: &str) -> Option<bool> {
    match s {
        "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => Some(true),
        "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

/// The sign of `s` and the rest.
fn signed(s: &str) -> (i64, &str) {
    match s.as_bytes().first() {
        Some(b'-') => (-1, &s[1..]),
        Some(b'+') => (1, &s[1..]),
        _ => (1, s),
    }
}

/// PyYAML's int: `[-+]?` then `0b[01_]+`, `0[0-7_]+` (octal), `0`, `[1-9][0-9_]*`, `0x[0-9a-fA-F_]+`,
/// or `[1-9][0-9_]*(:[0-5]?[0-9])+` (base 60); underscores dropped. None when not one, or past i64.
fn int(s: &str) -> Option<i64> {
    let (sign, body) = signed(s);
    let digits = |t: &str, radix: u32| {
        let clean: String = t.chars().filter(|&c| c != '_').collect();
        (!clean.is_empty() && t.chars().all(|c| c == '_' || c.is_digit(radix)))
            .then(|| i64::from_str_radix(&clean, radix).ok())
            .flatten()
    };
    let value = if let Some(b) = body.strip_prefix("0b") {
        digits(b, 2)?
    } else if let Some(x) = body.strip_prefix("0x") {
        digits(x, 16)?
    } else if body == "0" || (body.starts_with('0') && body.len() > 1 && body[1..].bytes().all(|b| b == b'_')) {
        0 // `0_` too: PyYAML drops the underscores and reads 0
    } else if let Some(o) = body.strip_prefix('0') {
        digits(o, 8)?
    } else if body.contains(':') {
        sexagesimal(body, |part| digits(part, 10).map(|v| v as f64))? as i64
    } else if body.starts_with(|c: char| c.is_ascii_digit()) {
        digits(body, 10)?
    } else {
        return None;
    };
    value.checked_mul(sign)
}

/// A base-60 number `a:b:c` (the first part digits, not from 0 for an integer's; the others 0–59),
/// each part read by `part`.
fn sexagesimal(body: &str, part: impl Fn(&str) -> Option<f64>) -> Option<f64> {
    sexagesimal_from(body, false, part)
}

fn sexagesimal_from(body: &str, zero_first: bool, part: impl Fn(&str) -> Option<f64>) -> Option<f64> {
    let mut parts = body.split(':');
    let first = parts.next().filter(|p| p.starts_with(|c: char| c.is_ascii_digit() && (zero_first || c != '0')))?;
    let mut value = part(first)?;
    for p in parts {
        let ok = (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit());
        let v: f64 = if ok { p.parse().ok()? } else { return None };
        if v >= 60.0 {
            return None;
        }
        value = value * 60.0 + v;
    }
    Some(value)
}

/// PyYAML's float: `[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?` (a dot needed, an exponent signed),
/// `\.[0-9_]+([eE][-+][0-9]+)?` (no sign), `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*` (base 60),
/// `[-+]?\.inf` and `\.nan`, in three casings; underscores dropped.
fn float(s: &str) -> Option<f64> {
    let (sign, body) = signed(s);
    let sign = sign as f64;
    if matches!(body, ".inf" | ".Inf" | ".INF") {
        return Some(sign * f64::INFINITY);
    }
    if matches!(s, ".nan" | ".NaN" | ".NAN") {
        return Some(f64::NAN);
    }
    let digits_ = |t: &str| t.chars().all(|c| c == '_' || c.is_ascii_digit());
    let clean = |t: &str| t.chars().filter(|&c| c != '_').collect::<String>();
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let exponent_ok = |e: &str| e.len() > 1 && e.starts_with(['-', '+']) && e[1..].bytes().all(|b| b.is_ascii_digit());
    if exponent.is_some_and(|e| !exponent_ok(e)) {
        return None;
    }
    let (whole, fraction) = mantissa.split_once('.')?;
    if !digits_(fraction) {
        return None;
    }
    let e = exponent.map_or(String::new(), |e| format!("e{e}"));
    if whole.contains(':') {
        if exponent.is_some() {
            return None;
        }
        let (head, last) = whole.rsplit_once(':')?;
        let last_ok = (1..=2).contains(&last.len())
            && last.bytes().all(|b| b.is_ascii_digit())
            && (last.len() == 1 || last.as_bytes()[0] <= b'5');
        let head = sexagesimal_from(head, true, |p| clean(p).parse().ok()).or_else(|| {
            (head.starts_with(|c: char| c.is_ascii_digit()) && digits_(head))
                .then(|| clean(head).parse().ok())
                .flatten()
        })?;
        let last: f64 = if last_ok { format!("{last}.{}0", clean(fraction)).parse().ok()? } else { return None };
        return Some(sign * (head * 60.0 + last));
    }
    let text = if whole.is_empty() {
        if s.len() != body.len() || !fraction.starts_with(|c: char| c.is_ascii_digit()) {
            return None; // `-.5` is text to PyYAML, and so are `.` alone and `._5`
        }
        format!("0.{}{e}", clean(fraction))
    } else {
        if !(whole.starts_with(|c: char| c.is_ascii_digit()) && digits_(whole)) {
            return None;
        }
        format!("{}.{}0{e}", clean(whole), clean(fraction))
    };
    text.parse::<f64>().ok().map(|v| sign * v)
}

/// PyYAML's float constructor on text of any form (an explicit `!!float`): underscores dropped, a
/// sign, `.inf`/`.nan`, base 60 by `:`, else what Rust's float parser (as Python's float()) reads.
fn construct_float(text: &str) -> Option<f64> {
    let clean: String = text.chars().filter(|&c| c != '_').collect::<String>().to_lowercase();
    let (sign, body) = signed(&clean);
    let sign = sign as f64;
    match body {
        ".inf" => return Some(sign * f64::INFINITY),
        ".nan" => return Some(f64::NAN),
        _ => {}
    }
    let value = if body.contains(':') {
        body.split(':').try_fold(0.0, |acc, p| p.parse::<f64>().ok().map(|v| acc * 60.0 + v))?
    } else {
        body.parse::<f64>().ok()?
    };
    Some(sign * value)
}

/// The keys `text` sets twice in one mapping, as (line of the later one, dotted path), in file order:
/// PyYAML keeps the last value without a word (four of FLEE's DFlee folders set
/// `flood_driven_spawning` twice), and corridor does so too, with a warning. Keys are compared as
/// PyYAML compares them, by their resolved value (`"b"` and `b` are one key).
pub fn duplicate_keys(text: &str) -> Vec<(u64, String)> {
    enum Frame {
        Map { seen: HashSet<String>, want_key: bool, key: String },
        Seq,
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut found = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { break };
        // A node starting where its mapping wants a key is that key; a scalar key is compared.
        let starts =
            matches!(event, Event::Scalar(..) | Event::Alias(_) | Event::MappingStart(..) | Event::SequenceStart(..));
        if let (Event::Scalar(v, style, _, tag), Some(Frame::Map { want_key: true, .. })) = (&event, stack.last()) {
            let id = format!("{:?}", scalar(v.clone(), *style, tag.as_deref()));
            let parents = stack[..stack.len() - 1].iter().filter_map(|f| match f {
                Frame::Map { key, .. } => Some(key.as_str()),
                Frame::Seq => None,
            });
            let dotted = parents.chain([v.as_ref()]).collect::<Vec<_>>().join(".");
            if let Some(Frame::Map { seen, key, .. }) = stack.last_mut() {
                if !seen.insert(id) {
                    found.push((span.start.line() as u64, dotted));
                }
                *key = v.to_string();
            }
        }
        if let (true, Some(Frame::Map { want_key, .. })) = (starts, stack.last_mut()) {
            *want_key = !*want_key;
        }
        match event {
            Event::MappingStart(..) => {
                stack.push(Frame::Map { seen: HashSet::new(), want_key: true, key: String::new() })
            }
            Event::SequenceStart(..) => stack.push(Frame::Seq),
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Scalar<'_> {
        scalar(Cow::Borrowed(s), ScalarStyle::Plain, None)
    }

    /// As PyYAML 6 reads them (`yaml.safe_load("k: ...")`), checked one by one against it.
    #[test]
    fn plain_scalars_resolve_as_pyyaml_resolves_them() {
        let i = |s: &str| match plain(s) {
            Scalar::Integer(v) => Some(v),
            _ => None,
        };
        let f = |s: &str| match plain(s) {
            Scalar::FloatingPoint(v) => Some(v.0),
            _ => None,
        };
        assert_eq!(
            [i("010"), i("0200"), i("0b11"), i("0x1F"), i("1:30"), i("10_000"), i("-7"), i("0")],
            [Some(8), Some(128), Some(3), Some(31), Some(90), Some(10_000), Some(-7), Some(0)]
        );
        assert_eq!([i("09"), i("0o10"), i("1e1"), i("1.5")], [None; 4], "text or a float");
        assert_eq!([f("1.5"), f("1.5e+1"), f(".5"), f("1.")], [Some(1.5), Some(15.0), Some(0.5), Some(1.0)]);
        assert_eq!([f("1e1"), f("1.5e1"), f("-.5"), f("0o10"), f("._5")], [None; 5], "text to PyYAML");
        // Review of session 34's diff: `0_` is 0, `01:30:00.5` 5400.5, `!!float 1e1` 10.0.
        assert_eq!((i("0_"), f("01:30:00.5")), (Some(0), Some(5400.5)));
        let tag = Tag { handle: "tag:yaml.org,2002:".into(), suffix: "float".into() };
        let tagged = scalar(Cow::Borrowed("1e1"), ScalarStyle::Plain, Some(&tag));
        assert!(matches!(tagged, Scalar::FloatingPoint(v) if v.0 == 10.0), "{tagged:?}");
        assert_eq!(f("-.inf"), Some(f64::NEG_INFINITY));
        assert_eq!(f("1:30.5"), Some(90.5));
        assert!(matches!(plain("yes"), Scalar::Boolean(true)) && matches!(plain("Off"), Scalar::Boolean(false)));
        assert!(matches!(plain("~"), Scalar::Null) && matches!(plain("null"), Scalar::Null));
        assert!(matches!(plain("y"), Scalar::String(_)), "PyYAML has no y/n");
        let quoted = scalar(Cow::Borrowed("no"), ScalarStyle::DoubleQuoted, None);
        assert!(matches!(quoted, Scalar::String(s) if s == "no"), "a quoted no is text");
    }

    #[test]
    fn keys_set_twice_are_found_with_their_path() {
        let text = "a: 1\nm:\n  b: 1\n  c: [1, 2]\n  \"b\": 2\na: 3\nx: {k: 1, k: 2}\n";
        assert_eq!(duplicate_keys(text), vec![(5, "m.b".to_string()), (6, "a".to_string()), (7, "x.k".to_string())]);
        assert!(duplicate_keys("a: {b: 1}\nc: {b: 2}\n").is_empty(), "one key in two mappings");
    }
}
