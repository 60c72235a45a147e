//! `simsetting.yml` parsed into typed settings with FLEE's code defaults
//! (`flee/SimulationSettings.py`, `ReadFromYML`); keys FLEE never reads are errors.

use std::path::Path;

use super::error::{FleeInputError, Location};
use super::yaml::{load, Section};
pub use super::yaml::{ExplicitKey, YamlValue};

/// FLEE's `SimulationSettings.sqrt_ten`; the default conflict weight is 1 / this.
pub const FLEE_SQRT_TEN: f64 = 3.16227766017;

/// `log_levels:` (FLEE's output switches).
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub struct LogLevels {
    pub agent: i64,
    pub link: i64,
    pub camp: i64,
    pub init: i64,
    pub conflict: i64,
    pub idp_totals: i64,
    /// `location` or `region`.
    pub granularity: String,
}

/// `spawn_rules.conflict_driven_spawning:` (any non-null mapping turns it on).
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictDrivenSpawning {
    /// `constant` (default), `pop_ratio` or `poisson` (case-insensitive in FLEE).
    pub spawn_mode: String,
    /// Per conflict day: 500 by default (truncated to an integer), 0.01 for `pop_ratio`.
    pub displaced_per_conflict_day: f64,
}

/// `spawn_rules.flood_driven_spawn_mode:` (read only with `flood_zone_spawning_only`).
#[derive(Debug, Clone, PartialEq)]
pub struct FloodDrivenSpawning {
    /// `pop_ratio` (default), `constant` or `poisson`.
    pub spawn_mode: String,
    /// Per flood level (a list, default depends on the mode).
    pub displaced_per_flood_day: YamlValue,
}

/// `spawn_rules:`.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub struct SpawnRules {
    pub take_from_population: bool,
    /// `insert_day0` (default true).
    pub insert_day0: bool,
    pub empty_camps_on_day0: bool,
    /// Default true.
    pub conflict_zone_spawning_only: bool,
    pub flood_zone_spawning_only: bool,
    /// FLEE reads this from the misspelt key `camps_are_sicks` (SimulationSettings.py:147).
    pub camps_are_sinks: bool,
    pub read_from_agents_csv_file: bool,
    /// Default true.
    pub sum_from_camps: bool,
    pub starvation_driven_spawning: bool,
    pub conflict_driven_spawning: Option<ConflictDrivenSpawning>,
    pub flood_driven_spawning: Option<FloodDrivenSpawning>,
    /// Default 3.0.
    pub average_social_connectivity: f64,
    /// `None` (default): no decay. An empty list also means no decay.
    pub conflict_spawn_decay: Option<Vec<f64>>,
    /// Days per step of `conflict_spawn_decay` (default 30).
    pub conflict_spawn_decay_interval: i64,
}

/// `move_rules.flood_rules:` (DFlee).
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub struct FloodRules {
    pub max_flood_level: i64,
    pub flood_movechances: Option<YamlValue>,
    pub flood_loc_weights: Option<YamlValue>,
    pub flood_link_weights: Option<YamlValue>,
    pub flood_forecaster: bool,
    pub flood_forecaster_timescale: i64,
    pub flood_forecaster_weights: Option<YamlValue>,
    pub flood_forecaster_end_time: i64,
    pub flood_awareness_weights: Option<YamlValue>,
}

/// `move_rules:`. Field names are the YAML keys (snake_case of FLEE's CamelCase keys for
/// the eight Flee 3.0 switches, which FLEE reads in CamelCase).
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub struct MoveRules {
    pub max_move_speed: f64,
    pub max_walk_speed: f64,
    pub max_crossing_speed: f64,
    pub foreign_weight: f64,
    pub camp_weight: f64,
    pub conflict_weight: f64,
    pub conflict_movechance: f64,
    pub camp_movechance: f64,
    pub idpcamp_movechance: f64,
    pub default_movechance: f64,
    pub awareness_level: i64,
    pub capacity_buffer: f64,
    pub capacity_scaling: f64,
    pub avoid_short_stints: bool,
    pub start_on_foot: bool,
    /// When set, FLEE overrides speed 200, camp weight 2, conflict weight 0.25.
    pub use_v1_rules: bool,
    /// YAML `softening` (FLEE's DistanceSoftening).
    pub softening: f64,
    pub weight_softening: f64,
    pub weight_power: f64,
    pub distance_power: f64,
    pub stay_close_to_home: bool,
    pub home_distance_power: f64,
    pub use_pop_for_loc_weight: bool,
    pub pop_power_for_loc_weight: f64,
    pub movechance_pop_base: f64,
    pub movechance_pop_scale_factor: f64,
    pub pruning_threshold: f64,
    /// `WomenAvoidHazards` … `MatchConflictEthnicity`, in FLEE's order.
    pub flee3_switches: [bool; 8],
    /// FLEE's ReligionBaseRate is 1 / this.
    pub avg_religion_fraction: f64,
    pub fixed_routes: bool,
    pub two_system_decision_making: f64,
    pub use_economic_pull: f64,
    pub harvest_months: YamlValue,
    pub flee_when_starving: bool,
    pub avoid_food_deprived_locations: bool,
    pub flood_rules: Option<FloodRules>,
}

/// The YAML keys of [`MoveRules::flee3_switches`], in order.
pub const FLEE3_SWITCHES: [&str; 8] = [
    "WomenAvoidHazards",
    "ChildrenAvoidHazards",
    "ElderlyAvoidHazards",
    "BoysTakeRisk",
    "MatchCampReligion",
    "MatchCampEthnicity",
    "MatchTownEthnicity",
    "MatchConflictEthnicity",
];

/// `optimisations:`.
#[derive(Debug, Clone, PartialEq)]
pub struct Optimisations {
    /// Populations, capacities and data are divided by this (default 1).
    pub hasten: i64,
}

/// `corridor:`: corridor-only switches for FLEE's behaviour where corridor departs from it on purpose
/// (docs/flee-compat.md). FLEE ignores this top-level key, so a folder that sets it still runs in FLEE.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorridorSwitches {
    /// `capacity_counts`: `snapshot` or `flee_order` (`None`: the FLEE-folder default).
    pub capacity_counts: Option<crate::scenario::CapacityCounts>,
    /// `link_closures`: `both_directions` (default) or `flee`.
    pub link_closures: crate::scenario::LinkClosures,
    /// `forced_redirection`: `ignored` (default) or `flee`.
    pub forced_redirection: crate::scenario::ForcedRedirection,
}

/// Everything FLEE reads from `simsetting.yml`, defaults applied.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub struct FleeSettings {
    /// Top-level `number_of_steps` (-1 default; FLEE's run.py ignores it).
    pub number_of_steps: f64,
    /// run.py overrides both file names with `<input_csv>/conflicts.csv` and `flood_level.csv`.
    pub conflict_input_file: String,
    pub flood_level_input_file: String,
    pub default_conflict_intensity: i64,
    pub log_levels: LogLevels,
    pub spawn_rules: SpawnRules,
    pub move_rules: MoveRules,
    pub optimisations: Optimisations,
    /// corridor's own switches (`corridor:`), not read by FLEE.
    pub corridor: CorridorSwitches,
    /// Keys the file set, with lines, so a caller can warn about unimplemented ones.
    pub explicit_keys: Vec<ExplicitKey>,
    /// What was read as FLEE reads it but deserves a word, by line: a key set twice (the last value
    /// holds), a whole number written with a fraction (truncated).
    pub read_notes: Vec<(u64, String)>,
}

impl Default for FleeSettings {
    /// FLEE's code defaults (an empty `simsetting.yml`).
    fn default() -> Self {
        match Self::from_yaml_str("", Path::new("<defaults>")) {
            Ok(s) => s,
            Err(e) => unreachable!("defaults must parse: {e}"),
        }
    }
}

const HINTS: &[(&str, &str)] = &[
    (
        "camps_are_sinks",
        "FLEE reads this setting from the misspelt key `camps_are_sicks` (SimulationSettings.py:147) and silently ignores `camps_are_sinks`",
    ),
    // (`--set seed=3` on a FLEE folder: adversarial review of session 22.)
    ("seed", "a run's seed is given with --seed N (FLEE's runs are seeded from outside its settings)"),
    // A scenario.toml section's name (FLEE user's review of session 24).
    ("movement", "`movement` is a scenario.toml section; a FLEE folder's movement settings are under `move_rules`"),
];

impl FleeSettings {
    /// Reads and parses a `simsetting.yml` file.
    pub fn from_yaml_file(path: &Path) -> Result<Self, FleeInputError> {
        let text = super::files::read_input_text(path)?;
        Self::from_yaml_str(&text, path)
    }

    /// Parses YAML text; `path` names the file in error messages.
    pub fn from_yaml_str(text: &str, path: &Path) -> Result<Self, FleeInputError> {
        let doc = load(text, path)?;
        let mut keys = Vec::new();
        let mut root = Section::root(doc.as_ref(), path)?;
        let number_of_steps = root.f64("number_of_steps", -1.0)?;
        let conflict_input_file = root.string("conflict_input_file", "")?;
        let flood_level_input_file = root.string("flood_level_input_file", "")?;
        let default_conflict_intensity = root.int("default_conflict_intensity", 1)?;

        let mut ll = root.sub("log_levels")?;
        let log_levels = LogLevels {
            agent: ll.int("agent", 0)?,
            link: ll.int("link", 0)?,
            camp: ll.int("camp", 0)?,
            init: ll.int("init", 0)?,
            conflict: ll.int("conflict", 0)?,
            idp_totals: ll.int("idp_totals", 0)?,
            granularity: ll.string("granularity", "location")?,
        };
        ll.finish(&mut keys, HINTS)?;

        let spawn_rules = Self::spawn_rules(&mut root, &mut keys)?;
        let move_rules = Self::move_rules(&mut root, &mut keys)?;

        let mut opt = root.sub("optimisations")?;
        let hasten = opt.int("hasten", 1)?;
        let hasten_node = opt.get("hasten");
        let hasten_line = hasten_node.map(|n| n.span.start.line() as u64);
        let mut read_notes: Vec<(u64, String)> = super::yaml11::duplicate_keys(text)
            .into_iter()
            .map(|(line, key)| {
                let said = format!(
                    "`{key}` is set again here: FLEE's reader, PyYAML, keeps this last value without a word, and so does \
                     corridor; remove the other"
                );
                (line, said)
            })
            .collect();
        if let Some(YamlValue::Float(f)) = hasten_node.map(super::yaml::to_value) {
            if f.fract() != 0.0 {
                // FLEE user's review of session 33: truncated without a word.
                let said = format!(
                    "`optimisations.hasten` is {f}: FLEE reads it with int(), as {hasten}, and so does corridor"
                );
                read_notes.push((hasten_line.unwrap_or(0), said));
            }
        }
        opt.finish(&mut keys, HINTS)?;
        if hasten < 1 {
            let mut at = Location::file(path).field("optimisations.hasten");
            at.line = hasten_line;
            return Err(FleeInputError::invalid(at, "an integer of at least 1", hasten.to_string()));
        }
        let corridor = Self::corridor(&mut root, &mut keys)?;
        root.finish(&mut keys, HINTS)?;
        Ok(FleeSettings {
            number_of_steps,
            conflict_input_file,
            flood_level_input_file,
            default_conflict_intensity,
            log_levels,
            spawn_rules,
            move_rules,
            optimisations: Optimisations { hasten },
            corridor,
            explicit_keys: keys,
            read_notes,
        })
    }

    fn corridor(root: &mut Section<'_, '_>, keys: &mut Vec<ExplicitKey>) -> Result<CorridorSwitches, FleeInputError> {
        use crate::scenario::{CapacityCounts, ForcedRedirection, LinkClosures};
        let mut c = root.sub("corridor")?;
        let capacity_counts = c.choice("capacity_counts", &["snapshot", "flee_order"])?.map(|v| match v {
            "flee_order" => CapacityCounts::FleeOrder,
            _ => CapacityCounts::Snapshot,
        });
        let link_closures = match c.choice("link_closures", &["both_directions", "flee"])? {
            Some("flee") => LinkClosures::Flee,
            _ => LinkClosures::BothDirections,
        };
        let forced_redirection = match c.choice("forced_redirection", &["ignored", "flee"])? {
            Some("flee") => ForcedRedirection::Flee,
            _ => ForcedRedirection::Ignored,
        };
        c.finish(keys, HINTS)?;
        Ok(CorridorSwitches { capacity_counts, link_closures, forced_redirection })
    }

    fn spawn_rules(root: &mut Section<'_, '_>, keys: &mut Vec<ExplicitKey>) -> Result<SpawnRules, FleeInputError> {
        let mut s = root.sub("spawn_rules")?;
        let take_from_population = s.bool("take_from_population", false)?;
        let conflict_zone_spawning_only = s.bool("conflict_zone_spawning_only", true)?;
        let flood_zone_spawning_only = s.bool("flood_zone_spawning_only", false)?;
        if conflict_zone_spawning_only && flood_zone_spawning_only {
            return Err(s.invalid(
                "flood_zone_spawning_only",
                "conflict_zone_spawning_only: false when flood_zone_spawning_only is true (FLEE exits)",
                "both true",
            ));
        }
        let mut c = s.sub("conflict_driven_spawning")?;
        let conflict_on = s.present("conflict_driven_spawning");
        let mode = c.string("spawn_mode", "constant")?;
        let conflict = if mode == "pop_ratio" {
            c.f64("displaced_per_conflict_day", 0.01)?
        } else {
            c.int("displaced_per_conflict_day", 500)? as f64
        };
        c.finish(keys, HINTS)?;
        let conflict_driven_spawning = (conflict_on && !flood_zone_spawning_only)
            .then_some(ConflictDrivenSpawning { spawn_mode: mode, displaced_per_conflict_day: conflict });
        let mut f = s.sub("flood_driven_spawn_mode")?;
        let flood_on = s.present("flood_driven_spawn_mode") && flood_zone_spawning_only;
        let fmode = f.string("spawn_mode", "pop_ratio")?;
        let fdefault = if fmode == "pop_ratio" {
            YamlValue::List([0.0, 0.1, 0.2, 0.5, 0.9].map(YamlValue::Float).to_vec())
        } else {
            YamlValue::List([0, 100, 200, 300, 500].map(YamlValue::Int).to_vec())
        };
        let per_day = f.value("displaced_per_flood_day").unwrap_or(fdefault);
        f.int("flood_forecaster_timescale", 0)?; // read only when a forecaster is on: never
        f.finish(keys, HINTS)?;
        if flood_on && !take_from_population {
            return Err(s.invalid(
                "take_from_population",
                "true when flood-driven spawning is on (FLEE exits)",
                "false",
            ));
        }
        let conflict_spawn_decay = s.f64_list("conflict_spawn_decay")?;
        let decay_listed = conflict_spawn_decay.as_ref().is_some_and(|d| !d.is_empty());
        // Multipliers of a day's new agents: a negative, NaN or infinite one would make the spawn weights
        // so (and the folder be refused later for want of a spawn weight, naming conflicts.csv).
        if let Some(bad) = conflict_spawn_decay.iter().flatten().find(|v| !v.is_finite() || **v < 0.0) {
            let expected = "multipliers of a day's new agents: finite numbers >= 0";
            return Err(s.invalid("conflict_spawn_decay", expected, format!("{bad}")));
        }
        let rules = SpawnRules {
            take_from_population,
            insert_day0: s.bool("insert_day0", true)?,
            empty_camps_on_day0: s.bool("empty_camps_on_day0", false)?,
            conflict_zone_spawning_only,
            flood_zone_spawning_only,
            camps_are_sinks: s.bool("camps_are_sicks", false)?,
            read_from_agents_csv_file: s.bool("read_from_agents_csv_file", false)?,
            sum_from_camps: s.bool("sum_from_camps", true)?,
            starvation_driven_spawning: s.bool("starvation_driven_spawning", false)?,
            conflict_driven_spawning,
            flood_driven_spawning: flood_on
                .then_some(FloodDrivenSpawning { spawn_mode: fmode, displaced_per_flood_day: per_day }),
            average_social_connectivity: s.f64("average_social_connectivity", 3.0)?,
            conflict_spawn_decay,
            conflict_spawn_decay_interval: Self::decay_interval(&mut s, decay_listed)?,
        };
        s.finish(keys, HINTS)?;
        Ok(rules)
    }

    /// `spawn_rules.conflict_spawn_decay_interval`: FLEE divides the days since a conflict by it to
    /// pick a factor of the decay list (`get_conflict_decay`), so with a list (`decay_listed`) 0 stops
    /// FLEE (ZeroDivisionError) and a negative one picks factors from the list's end: both refused at
    /// their line. Unused without a list, any integer is read as FLEE reads it.
    fn decay_interval(s: &mut Section<'_, '_>, decay_listed: bool) -> Result<i64, FleeInputError> {
        let interval = s.int("conflict_spawn_decay_interval", 30)?;
        if decay_listed && interval < 1 {
            let expected = "an integer of at least 1 (FLEE divides the days since a conflict by it)";
            return Err(s.invalid("conflict_spawn_decay_interval", expected, interval.to_string()));
        }
        Ok(interval)
    }

    fn move_rules(root: &mut Section<'_, '_>, keys: &mut Vec<ExplicitKey>) -> Result<MoveRules, FleeInputError> {
        let mut m = root.sub("move_rules")?;
        let mut switches = [false; 8];
        for (i, name) in FLEE3_SWITCHES.iter().enumerate() {
            switches[i] = m.bool(name, false)?;
        }
        let mut r = MoveRules {
            max_move_speed: m.f64("max_move_speed", 360.0)?,
            max_walk_speed: m.f64("max_walk_speed", 35.0)?,
            max_crossing_speed: m.f64("max_crossing_speed", 20.0)?,
            foreign_weight: m.f64("foreign_weight", 1.0)?,
            camp_weight: m.f64("camp_weight", 1.0)?,
            conflict_weight: m.f64("conflict_weight", 1.0 / FLEE_SQRT_TEN)?,
            conflict_movechance: m.f64("conflict_movechance", 1.0)?,
            camp_movechance: m.f64("camp_movechance", 0.001)?,
            idpcamp_movechance: m.f64("idpcamp_movechance", 0.1)?,
            default_movechance: m.f64("default_movechance", 0.3)?,
            awareness_level: m.int("awareness_level", 1)?,
            capacity_buffer: m.f64("capacity_buffer", 0.9)?,
            capacity_scaling: m.f64("capacity_scaling", 1.0)?,
            avoid_short_stints: m.bool("avoid_short_stints", false)?,
            start_on_foot: m.bool("start_on_foot", false)?,
            use_v1_rules: m.bool("use_v1_rules", false)?,
            softening: m.f64("softening", 10.0)?,
            weight_softening: m.f64("weight_softening", 0.0)?,
            weight_power: m.f64("weight_power", 1.0)?,
            distance_power: m.f64("distance_power", 1.0)?,
            stay_close_to_home: m.bool("stay_close_to_home", false)?,
            home_distance_power: m.f64("home_distance_power", 0.5)?,
            use_pop_for_loc_weight: m.bool("use_pop_for_loc_weight", false)?,
            pop_power_for_loc_weight: m.f64("pop_power_for_loc_weight", 0.1)?,
            movechance_pop_base: m.f64("movechance_pop_base", 10000.0)?,
            movechance_pop_scale_factor: m.f64("movechance_pop_scale_factor", 0.0)?,
            pruning_threshold: m.f64("pruning_threshold", 1.0)?,
            flee3_switches: switches,
            avg_religion_fraction: m.f64("avg_religion_fraction", 0.25)?,
            fixed_routes: m.bool("fixed_routes", false)?,
            two_system_decision_making: m.f64("two_system_decision_making", 0.0)?,
            use_economic_pull: m.f64("use_economic_pull", 0.0)?,
            harvest_months: m.value("harvest_months").unwrap_or(YamlValue::List(Vec::new())),
            flee_when_starving: m.bool("flee_when_starving", false)?,
            avoid_food_deprived_locations: m.bool("avoid_food_deprived_locations", false)?,
            flood_rules: None,
        };
        if m.present("flood_rules") {
            let mut f = m.sub("flood_rules")?;
            r.flood_rules = Some(FloodRules {
                max_flood_level: f.int("max_flood_level", -1)?,
                flood_movechances: f.value("flood_movechances"),
                flood_loc_weights: f.value("flood_loc_weights"),
                flood_link_weights: f.value("flood_link_weights"),
                flood_forecaster: f.bool("flood_forecaster", false)?,
                flood_forecaster_timescale: f.int("flood_forecaster_timescale", 0)?,
                flood_forecaster_weights: f.value("flood_forecaster_weights"),
                flood_forecaster_end_time: f.int("flood_forecaster_end_time", 0)?,
                flood_awareness_weights: f.value("flood_awareness_weights"),
            });
            f.finish(keys, HINTS)?;
        } else {
            m.sub("flood_rules")?.finish(keys, HINTS)?;
        }
        m.finish(keys, HINTS)?;
        if r.use_v1_rules {
            r.max_move_speed = 200.0;
            r.start_on_foot = false;
            r.avoid_short_stints = false;
            r.camp_weight = 2.0;
            r.conflict_weight = 0.25;
        }
        Ok(r)
    }
}
