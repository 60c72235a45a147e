//! Which scenario a command runs: a path on disk, the name of a built-in scenario, or (no argument)
//! the built-in caravan-2018 scenario; with `--set KEY=VALUE` overrides applied.

use crate::Failure;
use corridor::flee_dir::{self, FleeScenario};
use corridor::flee_set::{load_flee_with, parse_overrides};
use corridor::overrides::{
    builtin_with_overrides, expand_selectors, load_with_overrides, select, shadowed, toml_file, Override,
};
use corridor::{worlds, Scenario};
use std::path::Path;

/// Loads the FLEE input folder `dir` with `sets` applied to its simsetting.yml, printing its warnings.
/// Any problem with the input exits with code 2.
pub fn flee(dir: &Path, sets: &[String]) -> Result<FleeScenario, Failure> {
    let overrides = parse_overrides(sets).map_err(Failure::input)?;
    let flee = load_flee_with(dir, &overrides).map_err(Failure::input)?;
    for w in &flee.warnings {
        eprintln!("warning: {w}");
    }
    Ok(flee)
}

/// Loads `arg` (a path, or the name of a built-in scenario when no such path exists; the default
/// built-in scenario when None) with `sets` applied (to simsetting.yml, for a FLEE folder). Any
/// problem with the input exits with code 2.
pub fn scenario(arg: Option<&Path>, sets: &[String]) -> Result<Scenario, Failure> {
    // A FLEE folder is read here, with or without overrides, so that its warnings are shown.
    if let Some(dir) = arg.filter(|p| flee_dir::is_flee_input(p)) {
        return flee(dir, sets).map(|f| f.scenario);
    }
    let overrides = sets.iter().map(|s| Override::parse(s)).collect::<Result<Vec<_>, _>>().map_err(Failure::input)?;
    let builtin = match arg {
        None => Some(worlds::CARAVAN_2018),
        Some(p) if !p.exists() => {
            let found = p.to_str().and_then(worlds::builtin);
            if found.is_none() {
                let names: Vec<&str> = worlds::BUILTINS.iter().map(|b| b.name).collect();
                return Err(Failure::input(anyhow::anyhow!(
                    "{}: no such file or folder, nor a built-in scenario (built in: {})",
                    p.display(),
                    names.join(", ")
                )));
            }
            found
        }
        Some(_) => None,
    };
    let scenario = match (builtin, arg) {
        (Some(b), _) => builtin_with_overrides(&b, &overrides).map_err(Failure::input)?,
        (None, Some(p)) => load_with_overrides(p, &overrides).map_err(Failure::input)?,
        (None, None) => unreachable!("no argument means the default built-in scenario"),
    };
    // The keys as set, each selector as the entries it selected (the warnings name `port.0`, `policy.29`).
    let set = if overrides.iter().any(select::has_selector) {
        let (file, text) = match (builtin, arg) {
            (Some(b), _) => (b.path().to_path_buf(), b.text().to_string()),
            (None, Some(p)) => {
                let file = toml_file(p);
                let text = corridor::scenario::load::read_text(&file).map_err(Failure::input)?;
                (file, text)
            }
            (None, None) => unreachable!("no argument means the default built-in scenario"),
        };
        expand_selectors(&file, &text, &overrides).map_err(Failure::input)?
    } else {
        overrides
    };
    for w in shadowed(&scenario, &set) {
        eprintln!("warning: {w}");
    }
    for w in corridor::scenario::warnings::warnings(&scenario) {
        eprintln!("warning: {w}");
    }
    Ok(scenario)
}
