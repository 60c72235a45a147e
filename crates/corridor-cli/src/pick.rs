//! Which scenario a command runs: a path on disk, the name of a built-in scenario, or (no argument)
//! the built-in caravan-2018 scenario; with `--set KEY=VALUE` overrides applied.

use crate::Failure;
use corridor::overrides::{builtin_with_overrides, load_with_overrides, shadowed, Override};
use corridor::{worlds, Scenario};
use std::path::Path;

/// Loads `arg` (a path, or the name of a built-in scenario when no such path exists; the default
/// built-in scenario when None) with `sets` applied. Any problem with the input exits with code 2.
pub fn scenario(arg: Option<&Path>, sets: &[String]) -> Result<Scenario, Failure> {
    let overrides = sets.iter().map(|s| Override::parse(s)).collect::<Result<Vec<_>, _>>().map_err(Failure::input)?;
    let builtin = match arg {
        None => Some(worlds::CARAVAN_2018),
        Some(p) if !p.exists() => p.to_str().and_then(worlds::builtin),
        Some(_) => None,
    };
    let scenario = match (builtin, arg) {
        (Some(b), _) => builtin_with_overrides(&b, &overrides).map_err(Failure::input)?,
        (None, Some(p)) => load_with_overrides(p, &overrides).map_err(Failure::input)?,
        (None, None) => unreachable!("no argument means the default built-in scenario"),
    };
    for w in shadowed(&scenario, &overrides) {
        eprintln!("warning: {w}");
    }
    Ok(scenario)
}
