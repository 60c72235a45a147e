//! Loads a FLEE input folder unchanged (input_csv/ with locations, routes, closures, conflicts and
//! sim_period; source_data/; simsetting.yml) into a `Scenario` that runs FLEE's ruleset.

use crate::engine::spawn::planned_agents;
use crate::flee::{FileCache, FleeInputError, FleeScenarioData, FleeSettings, SpawnDay};
use crate::population::MAX_AGENTS;
use crate::scenario::error::Result;
use crate::scenario::geography::{
    read_flee_closures, read_flee_places, read_flee_routes, ClosureNotes, FleePlaces, FleeRoutes, PlaceIndex,
};
use crate::scenario::{
    CapacityCounts, ConflictChange, InputLocation, MovementSettings, Place, PlaceId, PlaceKind, Route, Scenario,
    ScenarioError, ScheduledSpawns,
};
use crate::time::Period;
use std::path::{Path, PathBuf};

mod conflicts;
mod first_rows;
mod notes;

/// The files of a FLEE scenario folder.
#[derive(Clone, Debug)]
pub struct FleeLayout {
    /// The scenario folder: `dir`, or the parent of an input_csv folder given itself.
    pub base: PathBuf,
    pub input_csv: PathBuf,
    pub source_data: PathBuf,
    /// `simsetting.yml`, when present (else FLEE's defaults).
    pub settings: Option<PathBuf>,
}

impl FleeLayout {
    /// Finds the layout of `dir`: a scenario folder holding `input_csv/` (and `source_data/`,
    /// `simsetting.yml`), or an input_csv folder itself (its siblings then hold the rest).
    pub fn of(dir: &Path) -> Option<FleeLayout> {
        let (input_csv, base) = if dir.join("input_csv").join("locations.csv").is_file() {
            (dir.join("input_csv"), dir.to_path_buf())
        } else if dir.join("locations.csv").is_file() {
            // The parent as given (`m1` of `m1/input_csv`, `.` of `input_csv`, `..` of `.`), so that
            // warnings name its files as the others (final review of session 33: some were absolute),
            // where it is the parent on disk; else (a link to an input folder elsewhere: final review 2)
            // the parent found on disk.
            let on_disk = std::fs::canonicalize(dir).ok().and_then(|d| d.parent().map(Path::to_path_buf));
            let as_given = match dir.file_name() {
                Some(_) => dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf(),
                None if dir == Path::new(".") => PathBuf::from(".."),
                None => dir.join(".."),
            };
            let same = on_disk.as_ref().is_some_and(|d| std::fs::canonicalize(&as_given).is_ok_and(|g| &g == d));
            let parent = if same { Some(as_given) } else { on_disk };
            (dir.to_path_buf(), parent.unwrap_or_else(|| dir.join("..")))
        } else {
            return None;
        };
        let settings = base.join("simsetting.yml");
        Some(FleeLayout {
            base: base.clone(),
            input_csv,
            source_data: base.join("source_data"),
            settings: crate::flee::files::present(&settings).then_some(settings),
        })
    }
}

/// Whether `dir` looks like a FLEE input folder.
pub fn is_flee_dir(dir: &Path) -> bool {
    FleeLayout::of(dir).is_some()
}

/// Whether `path` is read as a FLEE input folder: a folder holding FLEE's inputs and no scenario.toml
/// (which, if present, is the scenario).
pub fn is_flee_input(path: &Path) -> bool {
    path.is_dir() && !path.join("scenario.toml").is_file() && is_flee_dir(path)
}

/// The move_rules, spawn_rules and optimisations keys corridor implements; other keys set in the
/// file are reported as warnings (`FleeScenario::warnings`).
pub const SUPPORTED_SETTINGS: &[&str] = &[
    // Of FLEE's output switches only this one: the column it adds to out.csv. The others write files
    // corridor does not (agents.out, links, ...): ignored, and warned of unless off.
    "log_levels.idp_totals",
    "move_rules.max_move_speed",
    "move_rules.max_walk_speed",
    "move_rules.foreign_weight",
    "move_rules.camp_weight",
    "move_rules.conflict_weight",
    "move_rules.conflict_movechance",
    "move_rules.camp_movechance",
    "move_rules.idpcamp_movechance",
    "move_rules.default_movechance",
    "move_rules.awareness_level",
    "move_rules.capacity_buffer",
    "move_rules.capacity_scaling",
    "move_rules.start_on_foot",
    "move_rules.softening",
    "move_rules.weight_softening",
    "move_rules.weight_power",
    "move_rules.distance_power",
    "move_rules.movechance_pop_base",
    "move_rules.movechance_pop_scale_factor",
    "move_rules.pruning_threshold",
    "move_rules.use_v1_rules",
    "spawn_rules.insert_day0",
    "spawn_rules.empty_camps_on_day0",
    "spawn_rules.sum_from_camps",
    "spawn_rules.conflict_spawn_decay",
    "spawn_rules.conflict_spawn_decay_interval",
    "spawn_rules.take_from_population",
    "optimisations.hasten",
    "corridor.capacity_counts",
    "corridor.link_closures",
    "corridor.forced_redirection",
];

/// A FLEE scenario: the runnable scenario plus FLEE's validation data, for `out.csv` and ARD.
#[derive(Clone, Debug)]
pub struct FleeScenario {
    pub scenario: Scenario,
    pub data: FleeScenarioData,
    /// FLEE's spawn demand per day (new agents, raw count, debt).
    pub schedule: Vec<SpawnDay>,
    /// Camps in table order (FLEE's `get_camp_names`), the columns of `out.csv`.
    pub camps: Vec<PlaceId>,
    /// Settings in the file that corridor does not implement (ignored, with their line).
    pub warnings: Vec<String>,
    /// The dotted paths of the keys set in simsetting.yml (or by `--set`) that corridor ignores: outside
    /// [`SUPPORTED_SETTINGS`], whatever their value
    /// (`flee_set::ignored_sets` reads them).
    pub ignored_keys: Vec<String>,
}

fn flee_err(e: FleeInputError) -> ScenarioError {
    ScenarioError::Flee(e)
}

fn read(files: &FileCache, path: &Path) -> Result<std::rc::Rc<[u8]>> {
    files.read(path).map_err(|e| ScenarioError::io(path, e))
}

/// locations.csv attributes (columns after the eighth) that FLEE's kernel reads at 02cd2cb:
/// `capacity_per_day` (flee.py:1768), `conflict_intensity` (flee.py:466), `initial_idps`
/// (spawning.py:100), `deactivation_probability` (flee.py:1811, with camps_are_sicks) and
/// `farmer_fraction` (flee.py:97, with farming).
pub const FLEE_RULE_ATTRIBUTES: &[&str] =
    &["capacity_per_day", "conflict_intensity", "initial_idps", "deactivation_probability", "farmer_fraction"];

/// The capacity counts of a FLEE folder that does not choose (docs/flee-compat.md (a) says why).
pub const FLEE_DEFAULT_CAPACITY_COUNTS: CapacityCounts = CapacityCounts::Snapshot;

/// FLEE's `awareness_level` as corridor's. FLEE special-cases only 0 (`moving.selectRoute`); below 0 it
/// weighs one-hop routes, as for 1 (`calculateLinkWeight` goes a hop further only while the level
/// exceeds the hops so far), but none through a marker (where its hop count drops to 0); a negative
/// level runs as 1, markers included (with a warning saying so: `load_flee`). Levels above 4
/// are kept, for `check_movement` to refuse: they were clamped to 4, silently.
fn flee_awareness(level: i64) -> u32 {
    if level < 0 {
        1
    } else {
        u32::try_from(level).unwrap_or(u32::MAX)
    }
}

/// FLEE's movement settings as corridor's.
pub fn movement_from(s: &FleeSettings) -> MovementSettings {
    let m = &s.move_rules;
    MovementSettings {
        max_move_speed: m.max_move_speed,
        max_walk_speed: m.max_walk_speed,
        foreign_weight: m.foreign_weight,
        camp_weight: m.camp_weight,
        conflict_weight: m.conflict_weight,
        conflict_movechance: m.conflict_movechance,
        camp_movechance: m.camp_movechance,
        idpcamp_movechance: m.idpcamp_movechance,
        default_movechance: m.default_movechance,
        awareness_level: flee_awareness(m.awareness_level),
        capacity_buffer: m.capacity_buffer,
        capacity_scaling: m.capacity_scaling,
        start_on_foot: m.start_on_foot,
        softening: m.softening,
        weight_softening: m.weight_softening,
        weight_power: m.weight_power,
        distance_power: m.distance_power,
        movechance_pop_base: m.movechance_pop_base,
        movechance_pop_scale_factor: m.movechance_pop_scale_factor,
        pruning_threshold: m.pruning_threshold,
        goal_directed: false,
        capacity_counts: s.corridor.capacity_counts.unwrap_or(FLEE_DEFAULT_CAPACITY_COUNTS),
        link_closures: s.corridor.link_closures,
        forced_redirection: s.corridor.forced_redirection,
        ..MovementSettings::default()
    }
}

/// The layout of a FLEE folder, and the settings file messages name (`simsetting.yml` in `dir` when
/// there is none).
pub fn layout_of(dir: &Path) -> Result<(FleeLayout, PathBuf)> {
    let layout = FleeLayout::of(dir).ok_or_else(|| {
        ScenarioError::invalid(InputLocation::file(dir), "not a FLEE input folder: no input_csv/locations.csv")
    })?;
    let settings_path = layout.settings.clone().unwrap_or_else(|| dir.join("simsetting.yml"));
    Ok((layout, settings_path))
}

/// Loads a FLEE scenario folder.
pub fn load_flee(dir: &Path) -> Result<FleeScenario> {
    let (layout, settings_path) = layout_of(dir)?;
    let settings = match &layout.settings {
        Some(path) => FleeSettings::from_yaml_file(path).map_err(flee_err)?,
        None => FleeSettings::default(),
    };
    load_flee_with_settings(dir, &layout, &settings_path, settings)
}

/// Loads the FLEE folder `dir` (of `layout`) with its settings already read (from `settings_path`, which
/// messages name): `load_flee` reads them from the folder, `flee_set::load_flee_with` with overrides.
pub fn load_flee_with_settings(
    dir: &Path,
    layout: &FleeLayout,
    settings_path: &Path,
    settings: FleeSettings,
) -> Result<FleeScenario> {
    // Each file once, for the readers and the warnings alike.
    let files = &FileCache::default();
    let data = FleeScenarioData::read_with_settings(files, &layout.input_csv, &layout.source_data, settings)
        .map_err(flee_err)?;
    let settings = &data.settings;
    let (mut warnings, ignored_keys) = notes::settings_warnings(settings, settings_path);
    let hasten = settings.optimisations.hasten.max(1) as u64;

    let loc_path = layout.input_csv.join("locations.csv");
    let loc_bytes = read(files, &loc_path)?;
    notes::unmarked_header(&loc_path, &loc_bytes, &mut warnings);
    let FleePlaces {
        mut places,
        lines: place_lines,
        extras,
        misquoted_names,
        padded_names: padded_places,
        padded_countries,
        flee_names,
    } = read_flee_places(&loc_path, &loc_bytes)?;
    notes::location_warnings(&loc_path, extras, &mut warnings);
    notes::corridor_kind_warnings(&loc_path, &places, &place_lines, &mut warnings);
    notes::padded_country_warnings(padded_countries, &mut warnings);
    warnings.extend(misquoted_names.iter().map(|m| m.said.clone()));
    // (A conflict type's empty conflict_date, on which FLEE's int() stops, is refused as the table is
    // read: `geography::places_of`.)
    notes::dated_conflict_types(&loc_path, &places, &place_lines, &mut warnings);
    // Conflict zones dated past the period's last day, for a warning once conflicts.csv is read.
    let days = data.period.length;
    let dated_late: Vec<(usize, i64)> = places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PlaceKind::ConflictZone && days > 0)
        .filter_map(|(i, p)| p.conflict_date.filter(|&d| d >= i64::from(days)).map(|d| (i, d)))
        .collect();
    for p in places.iter_mut() {
        p.population /= hasten; // FLEE: int(pop) // PopulationScaleDownFactor, for towns and camps
        if p.kind == PlaceKind::ConflictZone && p.conflict_date.is_some_and(|d| d > 0) {
            p.kind = PlaceKind::Town; // FLEE: a conflict dated later starts as a town
        }
    }
    let index = PlaceIndex::new(&places).with_misquoted(&misquoted_names);
    let routes_path = layout.input_csv.join("routes.csv");
    let routes_bytes = read(files, &routes_path)?;
    notes::unmarked_header(&routes_path, &routes_bytes, &mut warnings);
    let FleeRoutes { routes, extras: route_extras, zero_km, blank_attributes, padded_names, flee_links } =
        read_flee_routes(&routes_path, &routes_bytes, &index)?;
    notes::route_warnings(&routes_path, &routes, route_extras, zero_km, layout, &mut warnings);
    notes::doubled_road_warning(&routes_path, &routes, &places, &data.settings, &mut warnings);
    notes::blank_attribute_warnings(blank_attributes, &mut warnings);
    let link_stop = notes::flee_link_stop(&flee_links, &flee_names);
    // Each padded place with whether it is a camp (FLEE looks up a camp's series under its name).
    let padded_places = padded_places.into_iter().map(|(i, at, name)| (at, name, places[i].kind == PlaceKind::Camp));
    let padded_places = padded_places.collect();
    notes::padded_name_warnings(padded_places, link_stop.as_ref(), &routes_path, &mut warnings);
    notes::padded_route_warnings(padded_names, &flee_names, link_stop.as_ref(), &mut warnings);
    let closures_path = layout.input_csv.join("closures.csv");
    let mut closure_notes = ClosureNotes::default();
    let closures = if crate::flee::files::present(&closures_path) {
        let text = read(files, &closures_path)?;
        notes::unmarked_header(&closures_path, &text, &mut warnings);
        read_flee_closures(&closures_path, &text, &places, &index, &routes, data.period.length, &mut closure_notes)?
    } else {
        // FLEE's run.py opens it without looking (review of session 21: FileNotFoundError, exit 1).
        warnings.push(format!(
            "{}: no such file: FLEE's run.py opens it and stops (FileNotFoundError, exit 1); corridor runs the \
             folder without closures (a header line alone is a file of none)",
            closures_path.display()
        ));
        Vec::new()
    };
    notes::closure_warnings(&closures_path, closure_notes, &data.settings, &mut warnings);
    if layout.settings.is_none() {
        // FLEE-user review of session 30: a misnamed settings file (simsetting.yaml) ran silently on the
        // defaults, losing the folder's `hasten`.
        warnings.push(format!(
            "{}: no such file: FLEE's run.py is given one and stops without it (FileNotFoundError); corridor runs \
             the folder on FLEE's code defaults (as it does, without this warning, for an empty file)",
            settings_path.display()
        ));
    }
    // An older FLEE's settings table, which this FLEE (and corridor) does not read (bad-input review
    // of session 32: `MaxMoveSpeed,100` there was ignored without a word).
    for old in [layout.base.join("simsetting.csv"), layout.input_csv.join("simsetting.csv")] {
        if old.is_file() {
            warnings.push(format!(
                "{}: an older FLEE's settings table: the FLEE corridor follows reads simsetting.yml only, and so \
                 does corridor, so its values are not used (write them in simsetting.yml: docs/flee-compat.md)",
                old.display()
            ));
        }
    }
    let period = Period { start: data.period.start_date, days: data.period.length };
    notes::byte_order_marks(layout, &data, files, &mut warnings);
    first_rows::unskipped_headers(&data, &mut warnings);
    first_rows::blank_period_line(files, &layout.input_csv.join("sim_period.csv"), &mut warnings);
    // FLEE reads conflicts.csv only without flood-driven spawning (InputGeography.py, review of session 19).
    let conflicts_path = layout.input_csv.join("conflicts.csv");
    if data.settings.spawn_rules.flood_driven_spawning.is_none() {
        first_rows::blank_conflicts_header(files, &conflicts_path, &mut warnings);
    }
    notes::quote_warnings(layout, &data, files, &mut warnings);
    notes::period_keys(&layout.input_csv.join("sim_period.csv"), files, &mut warnings);
    notes::layout_warnings(&data.validation, &places, &mut warnings);
    let conflicts = conflicts::conflict_changes(&data, &index, &conflicts_path, files, period.days, &mut warnings)?;
    conflicts::warn_dated_late(&places, &place_lines, &loc_path, &dated_late, &conflicts, days, &mut warnings);

    let schedule = data.validation.spawn_schedule(period.days).map_err(flee_err)?;
    let camps: Vec<PlaceId> =
        places.iter().enumerate().filter(|(_, p)| p.kind.is_camp()).map(|(i, _)| PlaceId(i as u32)).collect();
    let mut prefill = Vec::new();
    for &c in &camps {
        let name = &places[c.index()].name;
        let n = data.validation.day0_insertions(name).map_err(flee_err)?;
        if n > 0 {
            prefill.push((c, n as u64));
        }
    }
    if !routes.is_empty() {
        for c in unreached_camps(&places, &routes, &conflicts, &prefill) {
            warnings.push(format!(
                "{}:{}: camp `{}`: no route joins it to a place agents appear at (a conflict zone in the period, \
                 or another camp holding day-0 agents), so no agent can arrive there (FLEE runs such a folder \
                 without a word)",
                loc_path.display(),
                place_lines[c],
                places[c].name
            ));
        }
    }
    let scenario = Scenario {
        // The folder's own name, also when given as `.` or `..`.
        name: std::fs::canonicalize(&layout.base)
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "flee".to_string()),
        description: format!("FLEE input folder {}", dir.display()),
        period,
        seed: 1,
        people_per_agent: 1,
        places,
        routes,
        closures,
        conflicts,
        movement: movement_from(settings),
        caravans: Vec::new(),
        inflows: Vec::new(),
        scheduled_spawns: Some(ScheduledSpawns {
            per_day: schedule.iter().map(|d| d.new_agents.max(0) as u64).collect(),
            decay: settings.spawn_rules.conflict_spawn_decay.clone().unwrap_or_default(),
            // At least 1 where a decay list uses it (`FleeSettings::decay_interval`); past u32's range,
            // an interval no period reaches the end of, as u32::MAX days is.
            decay_interval: u32::try_from(settings.spawn_rules.conflict_spawn_decay_interval.max(1))
                .unwrap_or(u32::MAX),
        }),
        prefill,
        observed: Vec::new(),
        institutions: None,
        flee: Some(crate::scenario::FleeOrigin { hasten }),
    };
    check_agents(&scenario, &data, &schedule)?;
    if let Some((day, n)) = crate::engine::spawn::day_without_spawn_place(&scenario) {
        // At the day's row of conflicts.csv, when the table has one.
        let row = data.conflicts.lines.get(day as usize);
        return Err(ScenarioError::invalid(
            row.map_or(InputLocation::file(&conflicts_path), |&l| InputLocation::at(&conflicts_path, l as usize)),
            format!(
                "on day {day} ({}) no conflict zone has a spawn weight (population × conflict intensity), with \
                 {n} agents to appear that day: FLEE stops there too (`assert spawn_weight_total > 0`, asked every \
                 day, even with no agent to place). Give a conflict zone a population in locations.csv, or a \
                 conflict on that day in conflicts.csv",
                scenario.period.date(day)
            ),
        ));
    }
    let movement = &scenario.movement;
    use crate::scenario::load::{check_movement, check_route_count, check_weight_powers};
    let checked = check_movement(movement)
        .and_then(|()| check_weight_powers(movement, &scenario.routes, &scenario.places, &scenario.conflicts))
        .and_then(|()| check_route_count(movement, &scenario.routes, &scenario.places));
    if let Err((key, message)) = checked {
        let path = format!("move_rules.{key}");
        let at = match data.settings.line_of(&path) {
            Some(l) => InputLocation::at(settings_path, l as usize),
            None => InputLocation::file(settings_path),
        };
        return Err(ScenarioError::invalid(at.with_field(path), message));
    }
    Ok(FleeScenario { scenario, data, schedule, camps, warnings, ignored_keys })
}

/// The camps (indices, in table order) that routes, closures aside, join to no place where agents
/// appear: a conflict zone at the start, one conflicts.csv switches on in the period, or another camp
/// filled on day 0.
fn unreached_camps(
    places: &[Place],
    routes: &[Route],
    conflicts: &[ConflictChange],
    prefill: &[(PlaceId, u64)],
) -> Vec<usize> {
    // The places joined by routes, as sets (union-find with path halving).
    let mut parent: Vec<usize> = (0..places.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for r in routes {
        let (a, b) = (root(&mut parent, r.a.index()), root(&mut parent, r.b.index()));
        parent[a] = b;
    }
    let mut source = vec![false; places.len()];
    for (i, p) in places.iter().enumerate() {
        source[i] = p.kind == PlaceKind::ConflictZone;
    }
    for c in conflicts.iter().filter(|c| c.intensity > 0.0) {
        source[c.place.index()] = true;
    }
    for &(camp, n) in prefill {
        source[camp.index()] |= n > 0;
    }
    // Sources per set.
    let mut sources = vec![0usize; places.len()];
    for i in 0..places.len() {
        if source[i] {
            sources[root(&mut parent, i)] += 1;
        }
    }
    (0..places.len())
        .filter(|&i| places[i].kind.is_camp())
        .filter(|&i| sources[root(&mut parent, i)] == usize::from(source[i]))
        .collect()
}

/// Refuses a folder whose data would make FLEE's spawning create more agents than a run holds
/// (`MAX_AGENTS`; a FLEE agent is one person), naming the series that rose most on the busiest day,
/// or the camp filled with most people on day 0.
fn check_agents(scenario: &Scenario, data: &FleeScenarioData, schedule: &[SpawnDay]) -> Result<()> {
    let planned = planned_agents(scenario);
    if planned <= MAX_AGENTS {
        return Ok(());
    }
    let v = &data.validation;
    // More agents than a run holds come from a spawning day or a camp's day-0 filling (or both).
    let busiest = (0..schedule.len()).max_by_key(|&d| schedule[d].new_agents).unwrap_or(0);
    let spawned = schedule.get(busiest).map_or(0, |d| d.new_agents.max(0) as u64);
    let (series, what) = match scenario.prefill.iter().max_by_key(|p| p.1) {
        Some(&(camp, n)) if n >= spawned => {
            (scenario.places[camp.index()].name.clone(), format!("the most at once: {n} in this camp on day 0"))
        }
        _ => {
            let date = scenario.period.date(busiest as u32);
            let name = v.largest_rise(busiest as i64).unwrap_or("total").to_string();
            (name, format!("the most on one day: {spawned} on {date} (day {busiest}), mostly from this series' rise"))
        }
    };
    let (layout, line) = v.layout_line(&series);
    let at = line.map_or_else(|| InputLocation::file(layout), |l| InputLocation::at(layout, l as usize));
    Err(ScenarioError::invalid(
        at.with_field(series),
        format!(
            "FLEE's data-driven spawning would create {planned} agents, more than a run holds ({MAX_AGENTS}; \
             one agent per person in FLEE's inputs); {what}"
        ),
    ))
}

/// Loads a FLEE folder as a plain scenario.
pub fn load_flee_dir(dir: &Path) -> Result<Scenario> {
    load_flee(dir).map(|f| f.scenario)
}
