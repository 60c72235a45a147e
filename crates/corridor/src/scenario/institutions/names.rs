//! The names an `[institutions.*]` table and a parameter may have, and the hints for misspelt ones:
//! what the scenario loader checks a table's or a key's name against.

use crate::policy::{Param, Scope};

/// The family of parameter `name`: what comes before its first dot (`metering` of
/// `metering.capacity_per_day`).
pub(super) fn family_of(name: &str) -> &str {
    name.split_once('.').map_or(name, |(f, _)| f)
}

/// The families of the institution parameters, each once: what may follow `[institutions.`.
fn families() -> impl Iterator<Item = &'static str> + Clone {
    let family = |p: &Param| family_of(p.name());
    Param::ALL
        .iter()
        .enumerate()
        .filter(move |&(i, p)| Param::ALL[..i].iter().all(|q| family(q) != family(p)))
        .map(move |(_, p)| family(p))
}

/// Checks the name of an `[institutions.NAME]` table, even an empty one, which would otherwise pass
/// unseen and make the scenario one with institutions (reference audit of session 31:
/// `[institutions.meterin]`); a table of parameters that are each place's own (`shelter`) can hold
/// none, so it is refused `empty` as well (final review of session 31; a key in it is told at the
/// key's line).
pub(super) fn check_table(name: &str, empty: bool) -> Result<(), String> {
    let params = || Param::ALL.iter().filter(move |p| family_of(p.name()) == name);
    if params().next().is_none() {
        return Err(format!("unknown institution table `[institutions.{name}]`{}", hint(name, families())));
    }
    if empty && params().all(|p| p.scope() == Scope::Place) {
        return Err(format!(
            "`[institutions.{name}]` can hold no key: its parameters are each place's own (set them in the places \
             table, e.g. `shelter_capacity`, or date a change at a place with a [[policy]] and `at`)"
        ));
    }
    Ok(())
}

/// After an unknown parameter's name: the known one it most likely misspells, or where the list is
/// (scenario author's review of session 24: `mpp.activ` had no hint, where a misspelt column had one).
pub(super) fn param_hint(name: &str) -> String {
    hint(name, Param::ALL.iter().map(|p| p.name()))
}

/// After an unknown name: the one of `known` it most likely misspells, or where the list is.
fn hint<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    match crate::suggest::closest(name, known) {
        Some(known) => format!(" (did you mean `{known}`?)"),
        None => " (see docs/institutions.md for the list)".to_string(),
    }
}
