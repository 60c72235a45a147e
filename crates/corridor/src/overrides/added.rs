//! Errors about a `--set` key the scenario file lacks, which is checked in a rewritten copy of the
//! file: told at the override when they are its own, not at a line of the copy the file does not have.

use super::{key_parts, lines_along, where_the_key_goes, Override, OverrideError};
use crate::scenario::ScenarioError;
use std::path::Path;

/// The error `e` of the `rewritten` scenario (`original` with the overrides applied: each as typed,
/// with the indexed keys it stands for; `added` naming the keys the file lacks) told at the override
/// it is about, if any, and the selector it came from: on the line of a part of its key
/// that the file lacks (a misspelt key or table, a value out of range), or on its entry's line about
/// a field on its key's path (`makeup` of `caravan.0.makeup.grounds.race`). The last such override
/// is blamed, as later `--set`s win. Newcomer's walkthrough (session 29): `scenario.toml:1466:1`,
/// a line of the copy, read as the file's own, whose line 1466 was another entry.
pub(super) fn at_override(
    e: &ScenarioError,
    path: &Path,
    original: &str,
    rewritten: &str,
    typed: &[(Override, Vec<Override>)],
    added: &[&str],
) -> Option<OverrideError> {
    let ScenarioError::Invalid { location, message } = e else { return None };
    let line = location.line.filter(|_| location.path == path)?;
    let field = location.field.as_deref();
    let each = typed.iter().rev().flat_map(|(t, keys)| keys.iter().rev().map(move |o| (t, o)));
    let (typed, o) = each.filter(|(_, o)| added.contains(&o.path.as_str())).find(|(_, o)| {
        let parts = key_parts(&o.path);
        let lines = lines_along(rewritten, &parts);
        let written = lines_along(original, &parts).len();
        let on_added_part = lines.iter().skip(written).any(|&l| l == line);
        let on_its_entry = field.and_then(|f| f.split('.').next()).is_some_and(|first| {
            (1..parts.len())
                .any(|j| parts[j] == first && (lines.get(j - 1) == Some(&line) || lines.get(j) == Some(&line)))
        });
        on_added_part || on_its_entry
    })?;
    let field = field.map(|f| format!("field `{f}`: ")).unwrap_or_default();
    let parts = key_parts(&o.path);
    let goes = where_the_key_goes(path, &parts, &lines_along(original, &parts));
    // A selector's entry, said as typed too (`policy[name=…]` is `policy.17`).
    let path = if typed == o { o.to_string() } else { format!("{o}`, from `{typed}") };
    Some(OverrideError::Path { path, message: format!("{field}{message}{goes}") })
}

#[cfg(test)]
mod tests {
    use super::super::{builtin_with_overrides, parse_with_overrides, Override, OverrideError};
    use std::path::Path;

    const FILES: &[(&str, &str)] = &[
        ("s/scenario.toml", ""),
        ("s/locations.csv", "name,location_type\nA,town\nB,town\n"),
        ("s/routes.csv", "name1,name2,distance\nA,B,10\n"),
    ];
    /// A scenario whose line 7 opens `[movement]`, which sets only the speed.
    const TEXT: &str = "name = \"t\"\nstart = 2018-01-01\nend = 2018-01-10\n[tables]\nlocations = \"locations.csv\"\nroutes = \"routes.csv\"\n[movement]\nmax_move_speed = 100.0\n";

    fn set(sets: &[&str]) -> OverrideError {
        let o: Vec<Override> = sets.iter().map(|t| Override::parse(t).unwrap()).collect();
        parse_with_overrides(Path::new("s/scenario.toml"), TEXT, &crate::scenario::InMemory(FILES), &o).unwrap_err()
    }

    /// Newcomer's walkthrough (session 29): `--set movement.max_move_sped=100` was told at
    /// `scenario.toml:1466:1`, a line of the rewritten copy; the file's line 1466 was another entry.
    #[test]
    fn an_error_on_a_key_the_file_lacks_is_told_at_its_override() {
        let e = set(&["movement.max_walk_speed=-1"]).to_string();
        assert!(e.starts_with("override `movement.max_walk_speed=-1`: field `movement.max_walk_speed`"), "{e}");
        assert!(e.ends_with("; the key goes in `movement`, at s/scenario.toml:7"), "{e}");
        let e = set(&["movement.max_move_sped=100"]).to_string();
        assert!(e.starts_with("override `movement.max_move_sped=100`: unknown field `max_move_sped`"), "{e}");
        // A misspelt table, and a table the file lacks under one it has.
        let e = set(&["movment.max_walk_speed=1"]).to_string();
        assert!(e.starts_with("override `movment.max_walk_speed=1`: unknown field `movment`"), "{e}");
        assert!(e.ends_with("; not in s/scenario.toml"), "{e}");
        let e = set(&["movement.foo.bar=1"]).to_string();
        assert!(e.starts_with("override `movement.foo.bar=1`: unknown field `foo`"), "{e}");
        // A top-level key.
        assert!(set(&["seed=-1"]).to_string().starts_with("override `seed=-1`:"));
    }

    /// The review of session 29: two `--set`s of one key blamed the first, whose value was not applied.
    #[test]
    fn the_last_of_two_sets_of_a_key_is_blamed() {
        let e = set(&["movement.max_walk_speed=-1", "movement.max_walk_speed=-2"]).to_string();
        assert!(
            e.starts_with("override `movement.max_walk_speed=-2`:") && e.contains("-2 must be a finite number > 0"),
            "{e}"
        );
        // Only the key the file lacks, whatever the order.
        let e = set(&["movement.max_walk_speed=-1", "seed=5"]).to_string();
        assert!(e.starts_with("override `movement.max_walk_speed=-1`:") && !e.contains("seed"), "{e}");
    }

    /// The error of the built-in caravan-2018 with `set`.
    fn in_caravan_2018(set: &str) -> String {
        let o = [Override::parse(set).unwrap()];
        builtin_with_overrides(&crate::worlds::CARAVAN_2018, &o).unwrap_err().to_string()
    }

    /// The review of session 29: a selector's error named only the entry it picked.
    #[test]
    fn a_selectors_error_says_the_selector_too() {
        let e = in_caravan_2018("policy[name=MPP at Calexico].valu=1");
        assert!(e.starts_with("override `policy."), "{e}");
        assert!(e.contains(".valu=1`, from `policy[name=MPP at Calexico].valu=1`: unknown field `valu`"), "{e}");
    }

    /// An error off the added key's lines (here at `end`, which the new `start` passes) keeps saying
    /// that its lines are the rewritten copy's.
    #[test]
    fn an_error_elsewhere_says_its_lines_are_the_rewritten_copys() {
        let text = "name = \"t\"\nend = 2018-01-05\n[tables]\nlocations = \"locations.csv\"\nroutes = \"routes.csv\"\n";
        let o = [Override::parse("start=2018-01-10").unwrap()];
        let e = parse_with_overrides(Path::new("s/scenario.toml"), text, &crate::scenario::InMemory(FILES), &o);
        let e = e.unwrap_err();
        assert!(matches!(e, OverrideError::InvalidRewritten { .. }) && e.to_string().contains("rewritten"), "{e}");
    }

    /// A value out of range checked at its entry's line about a field on the key's path: `makeup` of
    /// `caravan.0.makeup.grounds.race` (the review of session 29: it was told at line 18, a comment).
    #[test]
    fn an_entrys_error_about_a_field_on_the_path_is_the_overrides() {
        let e = in_caravan_2018("caravan.0.makeup.grounds.race=-1");
        assert!(e.starts_with("override `caravan.0.makeup.grounds.race=-1`: field `makeup.grounds.race`:"), "{e}");
        assert!(e.contains("`race` = -1 is not a share in [0, 1]; the key goes in `caravan.0.makeup.grounds`"), "{e}");
    }
}
