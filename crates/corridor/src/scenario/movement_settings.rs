//! The movement rules' settings of a validated scenario: FLEE's `move_rules` with FLEE's code defaults,
//! plus corridor's own, and the switches that choose between FLEE's behaviour and corridor's.

use serde::{Deserialize, Serialize};

/// The movement rules' parameters: FLEE's `move_rules` with FLEE's code defaults, plus corridor's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MovementSettings {
    pub max_move_speed: f64,
    pub max_walk_speed: f64,
    pub foreign_weight: f64,
    pub camp_weight: f64,
    pub conflict_weight: f64,
    pub conflict_movechance: f64,
    pub camp_movechance: f64,
    pub idpcamp_movechance: f64,
    pub default_movechance: f64,
    pub awareness_level: u32,
    pub capacity_buffer: f64,
    pub capacity_scaling: f64,
    pub start_on_foot: bool,
    /// FLEE's `DistanceSoftening` (YAML `softening`).
    pub softening: f64,
    pub weight_softening: f64,
    pub weight_power: f64,
    pub distance_power: f64,
    pub movechance_pop_base: f64,
    pub movechance_pop_scale_factor: f64,
    pub pruning_threshold: f64,
    /// Corridor: daily chance of leaving an origin city once there.
    pub origin_movechance: f64,
    /// Corridor: daily chance of leaving a border city by road (people there mostly wait).
    pub border_city_movechance: f64,
    /// Corridor: agents with a goal only take roads that bring them closer to it.
    pub goal_directed: bool,
    /// Which occupancy the capacity rules read (docs/flee-compat.md (a)).
    pub capacity_counts: CapacityCounts,
    /// What a `link` closure closes (docs/flee-compat.md (d)).
    pub link_closures: LinkClosures,
    /// What routes.csv's `forced_redirection` column does (docs/flee-compat.md (e)).
    pub forced_redirection: ForcedRedirection,
}

/// What routes.csv's `forced_redirection` column does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForcedRedirection {
    /// Nothing: every road is added once (corridor).
    #[default]
    Ignored,
    /// FLEE's reader: a road with value 1 is added twice, doubling its weight in route choice.
    Flee,
}

/// Which occupancy FLEE's capacity factor and "camp nearly full" check read during a day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapacityCounts {
    /// The morning's counts, shared by every mover (parallel; corridor's default for its scenarios).
    #[default]
    Snapshot,
    /// FLEE's running counts: all decisions in agent order, then all journeys in agent order, each
    /// departure and arrival counted at once (sequential).
    FleeOrder,
}

/// What a `link` closure of closures.csv closes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkClosures {
    /// Both directions of the road between the two places (corridor).
    #[default]
    BothDirections,
    /// FLEE's behaviour: only name2 → name1, and only when FLEE's identity comparison of names can
    /// match (single-character names); otherwise nothing.
    Flee,
}

impl Default for MovementSettings {
    /// FLEE's code defaults (SimulationSettings.py at 02cd2cb; shared/reference/flee/RULES.md).
    fn default() -> Self {
        MovementSettings {
            max_move_speed: 360.0,
            max_walk_speed: 35.0,
            foreign_weight: 1.0,
            camp_weight: 1.0,
            conflict_weight: 1.0 / 10f64.sqrt(),
            conflict_movechance: 1.0,
            camp_movechance: 0.001,
            idpcamp_movechance: 0.1,
            default_movechance: 0.3,
            awareness_level: 1,
            capacity_buffer: 0.9,
            capacity_scaling: 1.0,
            start_on_foot: false,
            softening: 10.0,
            weight_softening: 0.0,
            weight_power: 1.0,
            distance_power: 1.0,
            movechance_pop_base: 10000.0,
            movechance_pop_scale_factor: 0.0,
            pruning_threshold: 1.0,
            origin_movechance: 1.0,
            border_city_movechance: 0.0,
            goal_directed: true,
            capacity_counts: CapacityCounts::Snapshot,
            link_closures: LinkClosures::BothDirections,
            forced_redirection: ForcedRedirection::Ignored,
        }
    }
}
