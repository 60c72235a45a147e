//! `--set KEY=VALUE` on a FLEE input folder: overrides of `simsetting.yml`'s keys applied to its text
//! before it is read (`flee::settings_edit`), so an override meets exactly the checks the file does.

use crate::flee::{settings_edit, FleeSettings, SettingOverride, SettingsEditError};
use crate::flee_dir::{layout_of, load_flee, load_flee_with_settings, FleeScenario};
use crate::scenario::ScenarioError;
use std::path::Path;

/// Why a FLEE folder could not be loaded with overrides.
#[derive(Debug, thiserror::Error)]
pub enum FleeSetError {
    /// An override that is not `KEY=VALUE`, whose VALUE is not YAML, or whose KEY cannot be placed.
    #[error(transparent)]
    Edit(#[from] SettingsEditError),
    /// The folder with the overrides fails a check; lines of `simsetting.yml` are the file's own.
    #[error("the FLEE folder with overrides {overrides} is not valid")]
    Invalid {
        /// The overrides, as `KEY=VALUE, ...`.
        overrides: String,
        /// The check that failed.
        #[source]
        source: Box<ScenarioError>,
    },
    /// As `Invalid`, but an override added lines to the settings (or there is no file): `lines` says so.
    #[error("the FLEE folder with overrides {overrides} is not valid ({lines})")]
    InvalidRewritten {
        /// The overrides, as `KEY=VALUE, ...`.
        overrides: String,
        /// Whose lines the error's lines of `simsetting.yml` are.
        lines: String,
        /// The check that failed.
        #[source]
        source: Box<ScenarioError>,
    },
    /// A selector (`LIST[FIELD=VALUE]`) in a key: they pick entries of a scenario.toml's lists.
    #[error("`{0}`: a selector (LIST[FIELD=VALUE]) picks entries of a scenario.toml's lists; a FLEE folder's simsetting.yml is set by its keys' dotted paths (e.g. move_rules.max_move_speed=150)")]
    Selector(String),
    /// The folder does not load (no overrides involved: the folder itself, or its settings file).
    #[error(transparent)]
    Scenario(Box<ScenarioError>),
}

/// Parses `KEY=VALUE` overrides of a FLEE folder's settings.
pub fn parse_overrides(sets: &[String]) -> Result<Vec<SettingOverride>, FleeSetError> {
    if let Some(s) = sets.iter().find(|s| crate::overrides::split_key_value(s).is_some_and(|(k, _)| k.contains('['))) {
        return Err(FleeSetError::Selector(s.clone()));
    }
    Ok(sets.iter().map(|s| SettingOverride::parse(s)).collect::<Result<Vec<_>, _>>()?)
}

/// Loads a FLEE scenario folder with `overrides` applied to its `simsetting.yml` (to an empty one when
/// the folder has none, so that the overrides make the whole of it, FLEE's defaults otherwise). Without
/// overrides this is [`load_flee`]. The scenario's description names the overrides that take effect
/// (not those of keys corridor ignores, [`ignored_sets`]).
pub fn load_flee_with(dir: &Path, overrides: &[SettingOverride]) -> Result<FleeScenario, FleeSetError> {
    let scenario_err = |e: ScenarioError| FleeSetError::Scenario(Box::new(e));
    if overrides.is_empty() {
        return load_flee(dir).map_err(scenario_err);
    }
    let (layout, settings_path) = layout_of(dir).map_err(scenario_err)?;
    let text = match &layout.settings {
        Some(path) => crate::flee::files::read_input_text(path).map_err(|e| scenario_err(ScenarioError::Flee(e)))?,
        None => String::new(),
    };
    let edited = settings_edit::apply(&text, &settings_path, overrides)?;
    let listed = overrides.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let shown = settings_path.display().to_string();
    let lines = if layout.settings.is_none() {
        Some(format!(
            "{shown} does not exist: its lines are those of the settings the overrides make, FLEE's defaults otherwise"
        ))
    } else if edited.added.is_empty() {
        None
    } else {
        let (n, keys) = (edited.added.len(), edited.added.join(", "));
        let adds = if n == 1 { "adds a key" } else { "add keys" };
        Some(format!(
            "lines of {shown} are those of the settings as rewritten with the overrides, as {keys} {adds} the file \
             does not have"
        ))
    };
    let original = layout.settings.as_ref().map(|_| text.as_str());
    let invalid = |e: ScenarioError| {
        if let Some(at_override) = on_added_key(&e, &settings_path, &edited, original, overrides) {
            return at_override;
        }
        match &lines {
            None => FleeSetError::Invalid { overrides: listed.clone(), source: Box::new(e) },
            Some(lines) => {
                FleeSetError::InvalidRewritten { overrides: listed.clone(), lines: lines.clone(), source: Box::new(e) }
            }
        }
    };
    let settings =
        FleeSettings::from_yaml_str(&edited.text, &settings_path).map_err(|e| invalid(ScenarioError::Flee(e)))?;
    let mut flee = load_flee_with_settings(dir, &layout, &settings_path, settings).map_err(invalid)?;
    let given: Vec<String> = overrides.iter().map(ToString::to_string).collect();
    let (took, _) = split_ignored(&flee, &given);
    if !took.is_empty() {
        flee.scenario.description.push_str(&format!(", with {}", took.join(", ")));
    }
    // Warnings name lines of the settings too: say whose they are.
    if let Some(lines) = lines {
        if flee.warnings.iter().any(|w| w.contains(&format!("{shown}:"))) {
            flee.warnings.insert(0, format!("in these warnings, {lines}"));
        }
    }
    Ok(flee)
}

/// The error `e`, when it lies on a line of the rewritten settings (`edited`) where an override added
/// its key or section (a misspelt key, a value out of range), told at that override, with the line
/// of the section of the `original` text it went in (None: no file): the rewritten line is not the file's
/// (newcomer's walkthrough, session 29: `simsetting.yml:3` of a file of two lines).
fn on_added_key(
    e: &ScenarioError,
    file: &Path,
    edited: &settings_edit::EditedSettings,
    original: Option<&str>,
    overrides: &[SettingOverride],
) -> Option<FleeSetError> {
    let line = match e {
        ScenarioError::Flee(fe) => fe.location().filter(|at| at.path == file).and_then(|at| at.line)?,
        ScenarioError::Invalid { location: at, .. } => at.line.filter(|_| at.path == file)? as u64,
        ScenarioError::Io { .. } => return None,
    };
    // The last such override: later `--set`s win.
    let o = overrides.iter().rev().filter(|o| edited.added.contains(&o.path)).find(|o| {
        // On the line of a part of its key that the file lacks (the key, or its section).
        let written = original.map_or(0, |text| crate::flee::key_lines(text, &o.path).len());
        crate::flee::key_lines(&edited.text, &o.path).iter().skip(written).any(|&l| l == line)
    })?;
    let shown = e.to_string();
    let message = shown.strip_prefix(&format!("{}:{line}: ", file.display())).unwrap_or(&shown);
    let goes = match original {
        Some(text) => {
            let parts: Vec<&str> = o.path.split('.').map(str::trim).collect();
            crate::overrides::where_the_key_goes(file, &parts, &crate::flee::key_lines(text, &o.path))
        }
        None => format!("; {} does not exist: the overrides make the whole of it", file.display()),
    };
    Some(FleeSetError::Edit(SettingsEditError::Path { path: o.to_string(), message: format!("{message}{goes}") }))
}

/// The `sets` (`KEY=VALUE`, as given) that change nothing in a run of `flee` because corridor ignores
/// their key (`FleeScenario::ignored_keys`: not implemented, whatever the value), in their order. A set
/// of a mapping counts as ignored only when every key it set is. `flee` is the folder loaded with them.
pub fn ignored_sets(flee: &FleeScenario, sets: &[String]) -> Vec<String> {
    let under = |key: &str, path: &str| key == path || key.starts_with(&format!("{path}."));
    sets.iter()
        .filter(|s| {
            let Some((path, _)) = crate::overrides::split_key_value(s) else { return false };
            let path = path.trim();
            // Below an ignored key; or the key itself, or (a mapping set whole) every key it holds, ignored.
            if flee.ignored_keys.iter().any(|k| under(path, k)) {
                return true;
            }
            let mut set = flee.data.settings.explicit_keys.iter().filter(|k| under(&k.path, path)).peekable();
            let ignored = |p: &str| flee.ignored_keys.iter().any(|k| under(p, k) || under(k, p));
            set.peek().is_some() && set.all(|k| ignored(&k.path))
        })
        .cloned()
        .collect()
}

/// `sets` (as given) split into those that take effect in a run of `flee` and those corridor ignores
/// ([`ignored_sets`]), each in their order.
pub fn split_ignored(flee: &FleeScenario, sets: &[String]) -> (Vec<String>, Vec<String>) {
    let ignored = ignored_sets(flee, sets);
    (sets.iter().filter(|s| !ignored.contains(s)).cloned().collect(), ignored)
}
