//! Which scenario a command runs: a path on disk, the name of a built-in scenario, or (no argument)
//! the built-in caravan-2018 scenario; with `--set KEY=VALUE` overrides applied.

use crate::Failure;
use corridor::flee_dir::{self, FleeScenario};
use corridor::flee_set::{load_flee_with, parse_overrides};
use corridor::overrides::{
    builtin_with_overrides, expand_each, load_with_overrides, scenario_toml, select, shadowed, Override, OverrideError,
    Sets,
};
use corridor::{worlds, Scenario};
use std::collections::HashSet;
use std::path::Path;

/// What loading tells the user on stderr (warnings, notes), each line once: `compare` loads A, then B
/// (often A's files again, with its sets), and would otherwise print A's warnings twice.
#[derive(Default)]
pub struct Said {
    lines: HashSet<String>,
    /// Print nothing: a second load made only to compare with (see [`load`]).
    quiet: bool,
}

impl Said {
    /// One that prints nothing, for a load made only to compare with.
    fn quiet() -> Said {
        Said { quiet: true, ..Said::default() }
    }

    /// Prints `line` on stderr unless it was printed already.
    pub fn say(&mut self, line: String) {
        let line = crate::one_line(&line);
        if !self.quiet && !self.lines.contains(&line) {
            eprintln!("{line}");
            self.lines.insert(line);
        }
    }
}

/// Loads the FLEE input folder `dir` with `sets` applied to its simsetting.yml, printing its warnings.
/// Any problem with the input exits with code 2.
fn flee(dir: &Path, sets: &[String], said: &mut Said) -> Result<FleeScenario, Failure> {
    let overrides = parse_overrides(sets).map_err(Failure::input)?;
    let flee = load_flee_with(dir, &overrides).map_err(Failure::input)?;
    for w in &flee.warnings {
        said.say(format!("warning: {w}"));
    }
    Ok(flee)
}

/// Loads `arg` (a FLEE input folder, a path, or the name of a built-in scenario when no such path
/// exists; the default built-in scenario when None) as written, without `--set`s. Any problem with
/// the input exits with code 2.
pub fn scenario(arg: Option<&Path>, said: &mut Said) -> Result<Scenario, Failure> {
    load(arg, &[], None, said).map(|(loaded, _)| loaded.into_scenario())
}

/// A scenario as loaded: ours, or a FLEE input folder (which also gets FLEE's `out.csv`).
pub enum Loaded {
    Corridor(Box<Scenario>),
    Flee(Box<FleeScenario>),
}

impl Loaded {
    pub fn scenario(&self) -> &Scenario {
        match self {
            Loaded::Corridor(s) => s,
            Loaded::Flee(f) => &f.scenario,
        }
    }

    fn scenario_mut(&mut self) -> &mut Scenario {
        match self {
            Loaded::Corridor(s) => s,
            Loaded::Flee(f) => &mut f.scenario,
        }
    }

    pub fn into_scenario(self) -> Scenario {
        match self {
            Loaded::Corridor(s) => *s,
            Loaded::Flee(f) => f.scenario,
        }
    }
}

/// Loads `arg` (a FLEE input folder, a scenario file or folder, a built-in scenario's name, or None:
/// the built-in caravan-2018) with `sets` applied, and what became of each set (applied, ignored by
/// corridor, beaten by the command's `--seed` and warned of on stderr, a value the scenario has
/// already, or overridden by the other sets): the one account of them that the command's records
/// and the report share. Any problem with the input exits with code 2.
pub fn load(
    arg: Option<&Path>,
    sets: &[String],
    seed: Option<u64>,
    said: &mut Said,
) -> Result<(Loaded, Sets), Failure> {
    let (mut loaded, applied, ignored) = load_with(arg, sets, said)?;
    let mut sets = Sets::new(sets.to_vec(), applied, ignored, seed);
    // Sets of values the scenario has already change nothing: loaded again without the sets that
    // took (keeping those that take no effect anyway), the scenario runs alike, and the run is said
    // as the scenario's own, its description unchanged. A scenario that does not load without them
    // was changed by them (review of session 19: a set that mends a file's bad value). When it does not
    // run alike, each of several sets is judged on its own (`set_apart_each`).
    if sets.changed() {
        let took = sets.took();
        let others: Vec<String> = sets.given.iter().filter(|s| !took.contains(s)).cloned().collect();
        if let Ok((base, ..)) = load_with(arg, &others, &mut Said::quiet()) {
            if same_run(&base, &loaded, seed) {
                // Together they change nothing; one of several may alone (`policy.12.value=false`
                // then `=true`): a later set of its key overrides it, and it is said so, not as a
                // value the scenario has already (review of session 21).
                let overridden: Vec<String> = if took.len() > 1 {
                    took.iter().filter(|set| !already_alone(arg, seed, &others, set, &base)).cloned().collect()
                } else {
                    Vec::new()
                };
                let already: Vec<String> = took.iter().filter(|s| !overridden.contains(s)).cloned().collect();
                sets.mark_already_each(&already);
                sets.mark_overridden(&overridden);
                loaded.scenario_mut().description = base.scenario().description.clone();
            } else if took.len() > 1 {
                set_apart_each(arg, seed, (&took, &others), &base, &mut loaded, &mut sets);
            }
        }
    }
    if let Some(seed) = seed {
        for s in &sets.not_applied {
            said.say(format!("warning: --set {s} has no effect: --seed {seed} wins over it (seed {seed} is used)"));
        }
    }
    Ok((loaded, sets))
}

/// Of several sets that took and together change the run (`loaded`; `base` is the scenario without
/// them), sets apart those the run is the same without, first to last (an earlier set is the one a
/// later one of its key overrides), each left out of those kept, so that the sets kept still make the
/// run: a value the scenario has already when, applied alone, it leaves `base`'s run as it is
/// (session 19's leftover), else overridden by the others (review of session 20: a value that another
/// set forces, as `use_v1_rules` forces `camp_weight`, or one a later set of the same key overrides).
/// (`took`, `others`: the sets that took, and those that take no effect anyway, as `load` found them.)
fn set_apart_each(
    arg: Option<&Path>,
    seed: Option<u64>,
    (took, others): (&[String], &[String]),
    base: &Loaded,
    loaded: &mut Loaded,
    sets: &mut Sets,
) {
    let (mut kept, mut already, mut overridden) = (sets.given.clone(), Vec::new(), Vec::new());
    for set in took {
        let without: Vec<String> = kept.iter().filter(|s| *s != set).cloned().collect();
        if !runs_as(arg, seed, &without, loaded) {
            continue;
        }
        kept = without;
        let list = if already_alone(arg, seed, others, set, base) { &mut already } else { &mut overridden };
        list.push(set.clone());
    }
    if already.is_empty() && overridden.is_empty() {
        return;
    }
    sets.mark_already_each(&already);
    sets.mark_overridden(&overridden);
    // The sets left, loaded alone: a selector among them is described by its own entries, not those
    // of the sets set apart (review 3 of session 20), and a FLEE folder's description names them alone
    // (`flee_set` writes it).
    if let Ok((left, applied, _)) = load_with(arg, &sets.took(), &mut Said::quiet()) {
        sets.took_applied = Some(applied);
        loaded.scenario_mut().description = left.scenario().description.clone();
    }
}

/// Whether `set`, applied alone beside the sets that take no effect anyway (`others`), leaves `base`'s
/// run as it is: a value the scenario has already (else another set overrides it).
fn already_alone(arg: Option<&Path>, seed: Option<u64>, others: &[String], set: &String, base: &Loaded) -> bool {
    let alone: Vec<String> = others.iter().chain([set]).cloned().collect();
    runs_as(arg, seed, &alone, base)
}

/// Whether `arg` loaded with `given` runs as `run` does (`same_run`); false where it does not load.
fn runs_as(arg: Option<&Path>, seed: Option<u64>, given: &[String], run: &Loaded) -> bool {
    load_with(arg, given, &mut Said::quiet()).is_ok_and(|(one, ..)| same_run(run, &one, seed))
}

/// `arg` loaded with `sets` (see [`load`]), and the sets as applied and those corridor ignores.
fn load_with(
    arg: Option<&Path>,
    sets: &[String],
    said: &mut Said,
) -> Result<(Loaded, Vec<String>, Vec<String>), Failure> {
    Ok(match arg {
        Some(dir) if flee_dir::is_flee_input(dir) => {
            let f = flee(dir, sets, said)?;
            let (applied, ignored) = corridor::flee_set::split_ignored(&f, sets);
            (Loaded::Flee(Box::new(f)), applied, ignored)
        }
        _ => {
            let (s, applied) = corridor_scenario(arg, sets, said)?;
            (Loaded::Corridor(Box::new(s)), applied, Vec::new())
        }
    })
}

/// Whether `a` and `b`, the same files loaded with and without sets, run alike: a FLEE folder's
/// settings have the same values (whichever keys the file or a set wrote), a scenario of corridor's
/// own is the same, its seed the command's `seed` when given (which wins over the file's and sets').
fn same_run(a: &Loaded, b: &Loaded, seed: Option<u64>) -> bool {
    match (a, b) {
        (Loaded::Flee(a), Loaded::Flee(b)) => {
            let values = |s: &corridor::flee::FleeSettings| corridor::flee::FleeSettings {
                explicit_keys: Vec::new(),
                ..s.clone()
            };
            values(&a.data.settings) == values(&b.data.settings)
        }
        (Loaded::Corridor(a), Loaded::Corridor(b)) => {
            let seeded = |s: &Scenario| Scenario { seed: seed.unwrap_or(s.seed), ..s.clone() };
            seeded(a) == seeded(b)
        }
        _ => false,
    }
}

/// A scenario of corridor's own (a path, a built-in scenario's name, or None: the built-in
/// caravan-2018) with `sets` applied, and the sets as applied: each selector
/// (`policy[parameter=mpp.active].value`) as the indexed keys of the entries it selected, which a
/// note on stderr names. [`load`] reads a FLEE folder before it gets here.
fn corridor_scenario(arg: Option<&Path>, sets: &[String], said: &mut Said) -> Result<(Scenario, Vec<String>), Failure> {
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
    // Each selector as the indexed keys of the entries it selects in the file as written (the
    // loader, the warnings and summary.json see those keys: `port.0`, `policy.29`).
    let mut set = Vec::new();
    let mut selected_by = Vec::new();
    if overrides.iter().any(select::has_selector) {
        let (file, text) = match (builtin, arg) {
            (Some(b), _) => (b.path().to_path_buf(), b.text().to_string()),
            (None, Some(p)) => scenario_toml(p).map_err(Failure::input)?,
            (None, None) => unreachable!("no argument means the default built-in scenario"),
        };
        let expanded = expand_each(&file, &text, &overrides).map_err(|e| match builtin {
            Some(b) => in_builtin(&b, e),
            None => Failure::input(e),
        })?;
        for (o, keys) in expanded {
            set.extend(keys.iter().cloned());
            if select::has_selector(&o) {
                selected_by.push((o, keys));
            }
        }
    } else {
        set = overrides.clone();
    }
    let loaded = match (builtin, arg) {
        (Some(b), _) => builtin_with_overrides(&b, &set).map_err(|e| in_builtin(&b, e)),
        (None, Some(p)) => load_with_overrides(p, &set).map_err(Failure::input),
        (None, None) => unreachable!("no argument means the default built-in scenario"),
    };
    // An error names the entries' keys: say which selector stood for them (review of session 29).
    if loaded.is_err() {
        for (o, keys) in &selected_by {
            let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
            said.say(format!("note: --set {o} stands for {}", keys.join(", ")));
        }
    }
    let scenario = loaded?;
    if let Some(input_csv) = arg.and_then(corridor::scenario::load::flee_inputs_beside) {
        said.say(format!(
            "note: {} holds FLEE's inputs ({}) beside a scenario.toml that reads none of them: it runs as the \
             scenario.toml; to run the FLEE inputs, give {}",
            arg.map_or_else(String::new, |p| p.display().to_string()),
            input_csv.display(),
            input_csv.display()
        ));
    }
    for (o, keys) in &selected_by {
        let named: Vec<String> =
            keys.iter().map(|e| corridor::entries::describe_set(&scenario, &e.to_string())).collect();
        let entries = if named.len() == 1 { "entry" } else { "entries" };
        said.say(format!("note: --set {o} sets {} {entries}: {}", named.len(), named.join("; ")));
    }
    // The scenario as written, for what the sets changed in the institutions (loaded again only when
    // the changed one has them).
    let base = (!set.is_empty() && scenario.institutions.is_some())
        .then(|| match (builtin, arg) {
            (Some(b), _) => b.scenario().ok(),
            (None, Some(p)) => corridor::load(p).ok(),
            (None, None) => None,
        })
        .flatten();
    let added = base.as_ref().and_then(|b| corridor::overrides::institutions_added(b, &scenario, &set));
    // Where the sets brought the institutions in, a set's own value may still change nothing.
    let inactive = corridor::overrides::inactive(&scenario, &set, added.is_some());
    for w in added.into_iter().chain(shadowed(&scenario, &set)).chain(inactive) {
        said.say(format!("warning: {w}"));
    }
    if let Some(w) = base.and_then(|base| corridor::overrides::metering_switched_off(&base, &scenario)) {
        said.say(format!("warning: {w}"));
    }
    for w in corridor::scenario::warnings::warnings(&scenario) {
        said.say(format!("warning: {w}"));
    }
    Ok((scenario, set.iter().map(|o| o.to_string()).collect()))
}

/// The failure `e` of overrides to the built-in scenario `b`, whose lines are named by its path in
/// corridor's source, which a user working elsewhere does not have: with a note of how to read it.
fn in_builtin(b: &worlds::Builtin, e: OverrideError) -> Failure {
    let note = format!(
        "{} is the built-in scenario `{}`; `corridor export {} DIR` writes its files to read",
        b.path().display(),
        b.name,
        b.name
    );
    Failure { notes: vec![note], ..Failure::input(e) }
}
