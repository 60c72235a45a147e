//! FLEE's place scores, capacity factors, move chances and route weights: what the day's tables are
//! built from (`DayTables::update`), and what FLEE's live counts use in its own order.

use crate::network::RouteTable;
use crate::scenario::{MovementSettings, PlaceKind};

/// `x^e`, skipping the call for an exponent of 1 (FLEE's usual one; `powf(x, 1)` is `x` exactly).
#[inline]
fn pow(x: f64, e: f64) -> f64 {
    if e == 1.0 {
        x
    } else {
        x.powf(e)
    }
}

/// Whether a place of `capacity` has no limit for the capacity rules: its factor is always 1.
#[inline]
pub fn capacity_unlimited(capacity: f64, m: &MovementSettings) -> bool {
    capacity * m.capacity_scaling < 1.0
}

/// FLEE's capacity factor: 1 up to `buffer × cap`, falling linearly to 0 at `cap`.
#[inline]
pub fn capacity_factor(occupancy: f64, capacity: f64, m: &MovementSettings) -> f64 {
    let cap = capacity * m.capacity_scaling;
    if capacity_unlimited(capacity, m) || occupancy <= m.capacity_buffer * cap {
        return 1.0;
    }
    if occupancy >= cap {
        return 0.0;
    }
    1.0 - (occupancy - m.capacity_buffer * cap) / (cap * (1.0 - m.capacity_buffer))
}

/// FLEE's route weight (`moving.calculateLinkWeight`) before `weight_power`: the end's score over the
/// softened distance, times the end's capacity factor.
#[inline]
pub fn route_weight(end_score: f64, km: f64, cap_factor: f64, m: &MovementSettings) -> f64 {
    let w = (m.weight_softening + end_score) / pow(m.softening + km, m.distance_power) * cap_factor;
    pow(w, m.weight_power)
}

/// FLEE's weights of one place's routes `range`, written into `out` (one per route): `route_weight`
/// with each end's `score` and `factor(end)`, then, when `pruning_threshold` asks, routes far below
/// the best weigh 0. The day's tables and FLEE's live counts (`engine::flee_order`) both use it.
pub fn place_route_weights(
    routes: &RouteTable,
    range: std::ops::Range<usize>,
    score: &[f64],
    factor: impl Fn(usize) -> f64,
    m: &MovementSettings,
    out: &mut [f64],
) {
    let mut max_w: f64 = 0.0;
    for (w, r) in out.iter_mut().zip(range) {
        let end = routes.end(r as u32) as usize;
        *w = route_weight(score[end], routes.km[r], factor(end), m);
        max_w = max_w.max(*w);
    }
    if m.pruning_threshold >= 1.001 {
        for w in out.iter_mut() {
            if *w < max_w / m.pruning_threshold {
                *w = 0.0;
            }
        }
    }
}

/// A route's weight for a mover heading for a goal: 0 unless the route's end is closer to the goal
/// than here, and then at least a tiny weight, so a full camp ahead never strands a mover with a goal.
#[inline]
pub fn toward_goal(weight: f64, end_km: f64, here_km: f64) -> f64 {
    if end_km < here_km {
        weight.max(f64::MIN_POSITIVE)
    } else {
        0.0
    }
}

/// The weights of `place`'s routes (in order) for a mover heading for a goal whose distance from
/// each place is `km`: each `toward_goal`.
pub fn toward_goal_weights(routes: &RouteTable, place: u32, km: &[f64], weights: &mut [f64]) {
    let here = km[place as usize];
    for (w, r) in weights.iter_mut().zip(routes.routes_of(place)) {
        *w = toward_goal(*w, km[routes.end(r as u32) as usize], here);
    }
}

/// FLEE's location score (scoring.updateLocationScore, without the optional economic/food rules).
pub fn location_score(foreign: bool, camp: bool, conflict: f64, decay: f64, m: &MovementSettings) -> f64 {
    let mut score = 1.0;
    if foreign {
        score *= m.foreign_weight;
    }
    if camp {
        score *= m.camp_weight;
    }
    if conflict > 0.0 {
        // Every conflict zone's score, every day: mostly at full intensity and undecayed (1).
        score *= pow(m.conflict_weight, decay * conflict);
    }
    score
}

/// Daily chance of leaving a place with no route, by kind (FLEE's `movechance`, plus corridor kinds).
pub fn base_movechance(kind: PlaceKind, in_conflict: bool, m: &MovementSettings) -> f64 {
    if in_conflict {
        return m.conflict_movechance;
    }
    match kind {
        PlaceKind::ConflictZone => m.default_movechance,
        PlaceKind::Town | PlaceKind::FloodZone => m.default_movechance,
        PlaceKind::Camp => m.camp_movechance,
        PlaceKind::IdpCamp => m.idpcamp_movechance,
        PlaceKind::ForwardingHub | PlaceKind::Marker => 1.0,
        PlaceKind::Origin => m.origin_movechance,
        PlaceKind::BorderCity => m.border_city_movechance,
        PlaceKind::Destination => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity_factor_matches_flee() {
        let m = MovementSettings::default(); // buffer 0.9
        assert_eq!(capacity_factor(50.0, 100.0, &m), 1.0);
        assert_eq!(capacity_factor(90.0, 100.0, &m), 1.0);
        assert!((capacity_factor(95.0, 100.0, &m) - 0.5).abs() < 1e-12);
        assert_eq!(capacity_factor(100.0, 100.0, &m), 0.0);
        assert_eq!(capacity_factor(1e9, 0.0, &m), 1.0); // no capacity = unlimited
    }

    #[test]
    fn scores_follow_weights() {
        let m = MovementSettings { camp_weight: 5.0, foreign_weight: 2.0, conflict_weight: 0.25, ..Default::default() };
        assert_eq!(location_score(true, true, 0.0, 1.0, &m), 10.0);
        assert_eq!(location_score(false, false, 1.0, 1.0, &m), 0.25);
        assert_eq!(location_score(false, false, 1.0, 0.5, &m), 0.5);
        assert_eq!(location_score(false, true, 1.0, 1.0, &m), 1.25, "a camp in conflict");
    }
}
