//! Views of parsed settings: FLEE's stderr print-out (checked against `settings-resolved.txt`),
//! the conflict decay lookup, and the explicitly set keys a caller does not support.

use super::pyfmt::py_float_repr;
use super::settings::{ExplicitKey, FleeSettings, MoveRules, SpawnRules, YamlValue, FLEE3_SWITCHES};

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// Python `repr` of a YAML value as PyYAML would have loaded it.
pub fn py_value_repr(v: &YamlValue) -> String {
    match v {
        YamlValue::Null => "None".into(),
        YamlValue::Bool(b) => py_bool(*b).into(),
        YamlValue::Int(i) => i.to_string(),
        YamlValue::Float(f) => py_float_repr(*f),
        YamlValue::Str(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        YamlValue::List(items) => {
            let inner: Vec<String> = items.iter().map(py_value_repr).collect();
            format!("[{}]", inner.join(", "))
        }
        YamlValue::Map(entries) => {
            let inner: Vec<String> = entries.iter().map(|(k, v)| format!("'{k}': {}", py_value_repr(v))).collect();
            format!("{{{}}}", inner.join(", "))
        }
    }
}

impl MoveRules {
    /// FLEE's `SimulationSettings.move_rules` dict as Python prints it, keys in FLEE's
    /// insertion order. `flood_spawning` is whether flood-driven spawning is on (it also
    /// sets `FloodRulesEnabled`).
    pub fn flee_repr(&self, flood_spawning: bool) -> String {
        let f = |x: f64| py_float_repr(x);
        let b = py_bool;
        let mut items: Vec<(String, String)> = Vec::new();
        let mut push = |k: &str, v: String| items.push((k.to_string(), v));
        let fr = self.flood_rules.as_ref();
        push("FloodRulesEnabled", b(flood_spawning || fr.is_some()).into());
        push("FloodForecaster", b(fr.is_some_and(|r| r.flood_forecaster)).into());
        push("flood_forecaster_timescale", "0".into());
        let speed = if self.use_v1_rules { "200".into() } else { f(self.max_move_speed) };
        push("MaxMoveSpeed", speed);
        push("MaxWalkSpeed", f(self.max_walk_speed));
        push("MaxCrossingSpeed", f(self.max_crossing_speed));
        push("ForeignWeight", f(self.foreign_weight));
        push("CampWeight", f(self.camp_weight));
        push("ConflictWeight", f(self.conflict_weight));
        push("ConflictMoveChance", f(self.conflict_movechance));
        push("CampMoveChance", f(self.camp_movechance));
        push("IDPCampMoveChance", f(self.idpcamp_movechance));
        push("DefaultMoveChance", f(self.default_movechance));
        push("AwarenessLevel", self.awareness_level.to_string());
        push("CapacityBuffer", f(self.capacity_buffer));
        push("CapacityScaling", f(self.capacity_scaling));
        push("AvoidShortStints", b(self.avoid_short_stints).into());
        push("StartOnFoot", b(self.start_on_foot).into());
        push("DistanceSoftening", f(self.softening));
        push("WeightSoftening", f(self.weight_softening));
        push("WeightPower", f(self.weight_power));
        push("DistancePower", f(self.distance_power));
        push("StayCloseToHome", b(self.stay_close_to_home).into());
        push("HomeDistancePower", f(self.home_distance_power));
        push("UsePopForLocWeight", b(self.use_pop_for_loc_weight).into());
        push("PopPowerForLocWeight", f(self.pop_power_for_loc_weight));
        push("MovechancePopBase", f(self.movechance_pop_base));
        push("MovechancePopScaleFactor", f(self.movechance_pop_scale_factor));
        push("PruningThreshold", f(self.pruning_threshold));
        for (name, on) in FLEE3_SWITCHES.iter().zip(self.flee3_switches) {
            push(name, b(on).into());
        }
        push("ReligionBaseRate", f(1.0 / self.avg_religion_fraction));
        push("FixedRoutes", b(self.fixed_routes).into());
        push("TwoSystemDecisionMaking", f(self.two_system_decision_making));
        push("UseEconomicPull", f(self.use_economic_pull));
        push("HarvestMonths", py_value_repr(&self.harvest_months));
        push("FleeWhenStarving", b(self.flee_when_starving).into());
        push("AvoidFoodDeprivedLocations", b(self.avoid_food_deprived_locations).into());
        if let Some(r) = fr {
            let opt = |v: &Option<YamlValue>| v.as_ref().map_or("None".into(), py_value_repr);
            push("FloodMovechances", opt(&r.flood_movechances));
            push("FloodLocWeights", opt(&r.flood_loc_weights));
            push("FloodLinkWeights", opt(&r.flood_link_weights));
            push("FloodForecasterTimescale", r.flood_forecaster_timescale.to_string());
            push("FloodForecasterWeights", opt(&r.flood_forecaster_weights));
            push("FloodForecasterEndTime", r.flood_forecaster_end_time.to_string());
            push("FloodAwarenessWeights", opt(&r.flood_awareness_weights));
        }
        let inner: Vec<String> = items.iter().map(|(k, v)| format!("'{k}': {v}")).collect();
        format!("{{{}}}", inner.join(", "))
    }
}

impl SpawnRules {
    /// FLEE's stderr line `Spawn decay set to: <list or None>, with interval <n>`
    /// (decay values printed as floats).
    pub fn flee_decay_line(&self) -> String {
        let decay = match &self.conflict_spawn_decay {
            None => "None".to_string(),
            Some(v) => {
                let items: Vec<String> = v.iter().map(|x| py_float_repr(*x)).collect();
                format!("[{}]", items.join(", "))
            }
        };
        format!("Spawn decay set to: {decay}, with interval {}", self.conflict_spawn_decay_interval)
    }
}

impl FleeSettings {
    /// The line of the file that sets the dotted key `path`, if the file sets it.
    pub fn line_of(&self, path: &str) -> Option<u64> {
        self.explicit_keys.iter().find(|k| k.path == path).map(|k| k.line)
    }

    /// Keys set in the file that are not covered by `supported` (entries are dotted key
    /// paths; an entry also covers every key below it, e.g. `log_levels`).
    pub fn keys_outside<'s>(&'s self, supported: &[&str]) -> Vec<&'s ExplicitKey> {
        self.explicit_keys
            .iter()
            .filter(|k| {
                !supported.iter().any(|s| {
                    k.path == *s || k.path.starts_with(&format!("{s}.")) || s.starts_with(&format!("{}.", k.path))
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::flee::error::FleeInputError;
    use crate::flee::settings::FleeSettings;
    use std::path::Path;

    fn parse(text: &str) -> Result<FleeSettings, FleeInputError> {
        FleeSettings::from_yaml_str(text, Path::new("sim.yml"))
    }

    #[test]
    fn empty_file_means_code_defaults() {
        let s = parse("").unwrap();
        assert_eq!(s, FleeSettings::default());
        assert_eq!(s.move_rules.conflict_weight, 0.31622776601667585);
        assert_eq!(s.move_rules.max_move_speed, 360.0);
        assert_eq!(s.move_rules.capacity_buffer, 0.9);
        assert_eq!(s.optimisations.hasten, 1);
        assert_eq!(s.spawn_rules.conflict_spawn_decay, None);
        assert!(s.spawn_rules.insert_day0);
        assert!(!s.spawn_rules.camps_are_sinks);
        assert!(s.explicit_keys.is_empty());
        assert_eq!(parse("# only a comment\n").unwrap(), s);
        assert_eq!(parse("move_rules:\nlog_levels: ~\n").unwrap().move_rules, s.move_rules);
    }

    #[test]
    fn unknown_keys_name_file_line_and_key() {
        let e = parse("move_rules:\n  max_move_speed: 200\n  max_mvoe_speed: 3\n").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("sim.yml:3"), "{msg}");
        assert!(msg.contains("max_mvoe_speed"), "{msg}");
        assert!(parse("bogus: 1\n").unwrap_err().to_string().contains("sim.yml:1"));
        let msg = parse("spawn_rules:\n  camps_are_sinks: true\n").unwrap_err().to_string();
        assert!(msg.contains("camps_are_sicks"), "{msg}");
        let s = parse("spawn_rules:\n  camps_are_sicks: yes\n").unwrap();
        assert!(s.spawn_rules.camps_are_sinks);
    }

    /// A misspelt key named only the key: the key it most likely stands for, in the same section, is
    /// now suggested; a key close to none gets no hint, and a known mistake keeps its own advice.
    #[test]
    fn a_misspelt_key_gets_a_did_you_mean_hint() {
        let msg = parse("move_rules:\n  camp_wieght: 5\n").unwrap_err().to_string();
        assert_eq!(
            msg,
            "sim.yml:2: `move_rules`: unknown key `camp_wieght` (FLEE does not read it; did you mean `camp_weight`?)"
        );
        let msg = parse("move_rule:\n  camp_weight: 5\n").unwrap_err().to_string();
        assert!(msg.ends_with("unknown key `move_rule` (FLEE does not read it; did you mean `move_rules`?)"), "{msg}");
        let msg = parse("optimisations:\n  Hasten: 2\n").unwrap_err().to_string();
        assert!(msg.ends_with("(FLEE does not read it; did you mean `hasten`?)"), "{msg}");
        let msg = parse("move_rules:\n  walking_speed: 5\n").unwrap_err().to_string();
        assert!(msg.ends_with("unknown key `walking_speed` (FLEE does not read it)"), "{msg}");
        let msg = parse("spawn_rules:\n  camps_are_sinks: true\n").unwrap_err().to_string();
        assert!(msg.contains("misspelt key `camps_are_sicks`") && !msg.contains("did you mean"), "{msg}");
        // Adversarial review of session 22: `--set seed=3` on a FLEE folder did not point to --seed.
        let msg = parse("seed: 3\n").unwrap_err().to_string();
        assert!(msg.contains("unknown key `seed`") && msg.contains("--seed N"), "{msg}");
    }

    #[test]
    fn types_are_checked_with_lines() {
        let msg = parse("optimisations:\n  hasten: fast\n").unwrap_err().to_string();
        assert!(msg.contains("sim.yml:2") && msg.contains("optimisations.hasten"), "{msg}");
        let msg = parse("spawn_rules:\n  insert_day0: 'false'\n").unwrap_err().to_string();
        assert!(msg.contains("insert_day0"), "{msg}");
        assert!(parse("move_rules: [1, 2]\n").is_err());
        assert!(parse("a: [\n").unwrap_err().to_string().contains("sim.yml"));
        assert!(parse("optimisations:\n  hasten: 0\n").is_err());
    }

    /// Code review of session 22: an interval of 0 or below was read as 1 (FLEE stops on 0 with a
    /// ZeroDivisionError, and picks factors from the list's end on a negative one). With a decay list
    /// it is refused at its line; without one FLEE never uses it.
    #[test]
    fn a_decay_interval_below_1_is_refused_where_a_decay_list_uses_it() {
        for bad in ["0", "-30"] {
            let text =
                format!("spawn_rules:\n  conflict_spawn_decay: [1, 0.5]\n  conflict_spawn_decay_interval: {bad}\n");
            let e = parse(&text).unwrap_err().to_string();
            assert!(e.contains(":3") && e.contains("spawn_rules.conflict_spawn_decay_interval"), "{e}");
            assert!(e.contains("at least 1") && e.contains(bad), "{e}");
        }
        let unused = parse("spawn_rules:\n  conflict_spawn_decay_interval: 0\n").unwrap();
        assert_eq!(unused.spawn_rules.conflict_spawn_decay_interval, 0);
    }

    #[test]
    fn python_conversions_and_overrides() {
        let s = parse(
            "move_rules:\n  awareness_level: 2.9\n  max_move_speed: 150\n  use_v1_rules: True\n\
             spawn_rules:\n  conflict_spawn_decay: {0: 1, 1: 0.5}\n  conflict_driven_spawning:\n    spawn_mode: pop_ratio\n",
        )
        .unwrap();
        assert_eq!(s.move_rules.awareness_level, 2);
        assert_eq!(s.move_rules.max_move_speed, 200.0); // use_v1_rules wins
        assert_eq!(s.move_rules.camp_weight, 2.0);
        assert_eq!(s.spawn_rules.conflict_spawn_decay, Some(vec![1.0, 0.5]));
        let c = s.spawn_rules.conflict_driven_spawning.clone().unwrap();
        assert_eq!((c.spawn_mode.as_str(), c.displaced_per_conflict_day), ("pop_ratio", 0.01));
        let outside: Vec<&str> = s
            .keys_outside(&["move_rules", "spawn_rules.conflict_spawn_decay"])
            .iter()
            .map(|k| k.path.as_str())
            .collect();
        assert_eq!(
            outside,
            vec!["spawn_rules.conflict_driven_spawning.spawn_mode", "spawn_rules.conflict_driven_spawning"]
        );
    }

    #[test]
    fn flood_and_conflict_modes_exclusive() {
        let msg = parse("spawn_rules:\n  flood_zone_spawning_only: true\n").unwrap_err().to_string();
        assert!(msg.contains("conflict_zone_spawning_only"), "{msg}");
        // FLEE-user review: the message named the file but not the line, as other settings messages do.
        assert!(msg.starts_with("sim.yml:2: `spawn_rules.flood_zone_spawning_only`"), "{msg}");
        let y = "spawn_rules:\n  conflict_zone_spawning_only: false\n  flood_zone_spawning_only: true\n  flood_driven_spawn_mode:\n    spawn_mode: constant\n";
        assert!(parse(y).is_err()); // needs take_from_population
        let s = parse(&format!("{y}  take_from_population: true\n")).unwrap();
        assert!(s.spawn_rules.flood_driven_spawning.is_some());
    }

    /// FLEE user's review of session 24: `camp_weight: yes` was refused, where PyYAML reads `yes` as
    /// true and FLEE's `float(True)` is 1.0; numbers and integers read YAML 1.1's yes/no/on/off so.
    #[test]
    fn yaml_1_1_booleans_are_numbers_as_python_reads_them() {
        let s =
            parse("move_rules:\n  camp_weight: yes\n  conflict_weight: off\noptimisations:\n  hasten: On\n").unwrap();
        assert_eq!((s.move_rules.camp_weight, s.move_rules.conflict_weight, s.optimisations.hasten), (1.0, 0.0, 1));
        let e = parse("move_rules:\n  camp_weight: maybe\n").unwrap_err().to_string();
        assert!(e.contains("expected a number, found string `maybe`"), "{e}");
    }

    /// FLEE user's review of session 24: `conflict_spawn_decay` as a mapping with a gap was told as
    /// "found a mapping"; one numbered 0, 1, 2 … reads as the list.
    #[test]
    fn a_decay_mapping_with_a_gap_names_the_missing_step() {
        let s = parse("spawn_rules:\n  conflict_spawn_decay:\n    0: 1.0\n    1: 0.5\n").unwrap();
        assert_eq!(s.spawn_rules.conflict_spawn_decay, Some(vec![1.0, 0.5]));
        let e = parse("spawn_rules:\n  conflict_spawn_decay:\n    0: 1.0\n    5: 0.5\n").unwrap_err().to_string();
        assert!(e.contains("found a mapping of keys 0, 5 without 1: FLEE looks the steps up as 0, 1, 2"), "{e}");
    }
}
