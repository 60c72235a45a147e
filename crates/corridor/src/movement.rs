//! FLEE's movement ruleset: move chance by place type, location scores, capacity factor, route weights,
//! and one agent's (or group's) day of deciding and travelling. See docs/movement.md.

use crate::network::{Network, PathsTo};
use crate::population::{flags, NONE};
use crate::rng::Stream;
use crate::scenario::{MovementSettings, PlaceKind};

/// Where a mover is and what it intends: the fields the rules read and write.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mover {
    pub place: u32,
    pub link: u32,
    pub progress: f32,
    pub route: u32,
    pub hop: u8,
    pub goal_slot: u32,
    pub flags: u8,
}

impl Mover {
    pub fn at(place: u32) -> Mover {
        Mover {
            place,
            link: NONE,
            progress: 0.0,
            route: NONE,
            hop: 0,
            goal_slot: NONE,
            flags: 0,
        }
    }

    #[inline]
    pub fn travelling(&self) -> bool {
        self.link != NONE
    }
}

/// What happened to a mover today.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayMoves {
    /// Places reached today (each counted once per arrival).
    pub arrivals: u8,
    /// Whether the mover left a place today.
    pub departed: bool,
    /// The first watched checkpoint passed today (a road completed or a place reached), if any.
    pub checkpoint: Option<u32>,
}

/// Checkpoints the movement rules watch for: per place and per directed link, a checkpoint index or
/// `NONE`. Empty tables (the default) watch nothing and cost nothing.
#[derive(Clone, Debug, Default)]
pub struct Watch {
    pub place: Vec<u32>,
    pub link: Vec<u32>,
}

impl Watch {
    /// The checkpoint met on completing `link` into `place`, if any.
    #[inline]
    pub fn met(&self, link: u32, place: u32) -> Option<u32> {
        if self.place.is_empty() {
            return None;
        }
        let l = self.link[link as usize];
        if l != NONE {
            return Some(l);
        }
        let p = self.place[place as usize];
        (p != NONE).then_some(p)
    }
}

/// The state of places and routes the rules read on one day, computed once per day (a snapshot:
/// all movers see the same counts; FLEE's sequential updates are a documented difference).
#[derive(Clone, Debug, Default)]
pub struct DayTables {
    pub movechance: Vec<f64>,
    pub score: Vec<f64>,
    pub cap_factor: Vec<f64>,
    /// Cumulative route weights, aligned with the network's route table.
    pub route_cum: Vec<f64>,
    /// Per goal slot, cumulative weights keeping only routes that bring the mover closer to the goal.
    pub goal_cum: Vec<Vec<f64>>,
}

/// Per-place inputs to a day's tables that change during a run.
#[derive(Clone, Debug)]
pub struct PlaceState {
    /// The kind now (a camp closure turns a camp into a town for a while).
    pub kind: Vec<PlaceKind>,
    pub foreign: Vec<bool>,
    /// Conflict intensity now (0 = none).
    pub conflict: Vec<f64>,
    /// Conflict decay multiplier now (FLEE's `conflict_spawn_decay` factor).
    pub decay: Vec<f64>,
    pub population: Vec<f64>,
    /// Capacity for FLEE's capacity factor (< 1 = unlimited).
    pub capacity: Vec<f64>,
}

/// FLEE's capacity factor: 1 up to `buffer × cap`, falling linearly to 0 at `cap`.
#[inline]
pub fn capacity_factor(occupancy: f64, capacity: f64, m: &MovementSettings) -> f64 {
    let cap = capacity * m.capacity_scaling;
    if cap < 1.0 || occupancy <= m.capacity_buffer * cap {
        return 1.0;
    }
    if occupancy >= cap {
        return 0.0;
    }
    1.0 - (occupancy - m.capacity_buffer * cap) / (cap * (1.0 - m.capacity_buffer))
}

/// FLEE's location score (scoring.updateLocationScore, without the optional economic/food rules).
pub fn location_score(
    foreign: bool,
    kind: PlaceKind,
    conflict: f64,
    decay: f64,
    m: &MovementSettings,
) -> f64 {
    let mut score = 1.0;
    if foreign {
        score *= m.foreign_weight;
    }
    if kind.is_camp() {
        score *= m.camp_weight;
    }
    if conflict > 0.0 {
        score *= m.conflict_weight.powf(decay * conflict);
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

impl DayTables {
    /// Recomputes the tables from the places' state, today's occupancy and the open routes.
    pub fn update(
        &mut self,
        net: &Network,
        state: &PlaceState,
        occupancy: &[u32],
        goals: &[PathsTo],
        m: &MovementSettings,
    ) {
        let n = net.places();
        self.movechance.resize(n, 0.0);
        self.score.resize(n, 0.0);
        self.cap_factor.resize(n, 1.0);
        for p in 0..n {
            let kind = state.kind[p];
            let mut mc = base_movechance(kind, state.conflict[p] > 0.0, m);
            if m.movechance_pop_scale_factor != 0.0 {
                let size = state.population[p].max(state.capacity[p]);
                mc *= (size / m.movechance_pop_base).powf(m.movechance_pop_scale_factor);
            }
            self.movechance[p] = mc;
            self.score[p] =
                location_score(state.foreign[p], kind, state.conflict[p], state.decay[p], m);
            self.cap_factor[p] = capacity_factor(f64::from(occupancy[p]), state.capacity[p], m);
        }
        let routes = &net.routes;
        self.route_cum.clear();
        self.route_cum.resize(routes.len(), 0.0);
        let pruning = m.pruning_threshold >= 1.001;
        for p in 0..n as u32 {
            let range = routes.routes_of(p);
            let mut max_w: f64 = 0.0;
            for r in range.clone() {
                let end = routes.end(r as u32) as usize;
                let w = (m.weight_softening + self.score[end])
                    / (m.softening + routes.km[r]).powf(m.distance_power)
                    * self.cap_factor[end];
                let w = w.powf(m.weight_power);
                self.route_cum[r] = w;
                max_w = max_w.max(w);
            }
            if pruning {
                for r in range.clone() {
                    if self.route_cum[r] < max_w / m.pruning_threshold {
                        self.route_cum[r] = 0.0;
                    }
                }
            }
            let mut acc = 0.0;
            for r in range {
                acc += self.route_cum[r];
                self.route_cum[r] = acc;
            }
        }
        self.goal_cum.resize(goals.len(), Vec::new());
        for (slot, paths) in goals.iter().enumerate() {
            let cum = &mut self.goal_cum[slot];
            cum.clear();
            cum.resize(routes.len(), 0.0);
            for p in 0..n as u32 {
                let here = paths.km[p as usize];
                let mut acc = 0.0;
                let mut prev = 0.0;
                for r in routes.routes_of(p) {
                    let w = self.route_cum[r] - prev;
                    prev = self.route_cum[r];
                    if paths.km[routes.end(r as u32) as usize] < here {
                        acc += w.max(f64::MIN_POSITIVE);
                    }
                    cum[r] = acc;
                }
            }
        }
    }
}

/// Everything the rules read on one day.
pub struct DayContext<'a> {
    pub net: &'a Network,
    pub tables: &'a DayTables,
    pub settings: &'a MovementSettings,
    /// Goal place of each goal slot.
    pub goal_places: &'a [u32],
    /// Checkpoints to report when passed (institutions); empty when there are none.
    pub watch: &'a Watch,
}

impl DayContext<'_> {
    /// FLEE's `evolve` for a mover at a place: maybe choose a route and step onto its next road.
    #[inline]
    fn evolve(&self, m: &mut Mover, rng: &mut Stream) -> bool {
        let p = m.place as usize;
        if m.goal_slot != NONE && self.goal_places[m.goal_slot as usize] == m.place {
            return false; // arrived: institutions take over from here
        }
        if m.route == NONE {
            let mc = self.tables.movechance[p];
            if !rng.chance(mc) {
                return false;
            }
            let range = self.net.routes.routes_of(m.place);
            if range.is_empty() {
                return false;
            }
            let cum = if m.goal_slot == NONE {
                &self.tables.route_cum[range.clone()]
            } else {
                let c = &self.tables.goal_cum[m.goal_slot as usize][range.clone()];
                if c[c.len() - 1] <= 0.0 {
                    return false; // no road leads closer to the goal (e.g. all closed)
                }
                c
            };
            m.route = (range.start + rng.pick_cumulative(cum)) as u32;
            m.hop = 0;
        }
        self.take_next_step(m)
    }

    /// FLEE's `take_next_step`: drop the route if its end camp is nearly full or the road is gone.
    #[inline]
    fn take_next_step(&self, m: &mut Mover) -> bool {
        let routes = &self.net.routes;
        let hops = routes.hops_of(m.route);
        let end = hops[hops.len() - 1] as usize;
        let next = hops[m.hop as usize];
        let link = self.net.open_link(m.place, next);
        let full = self.net.kinds[end].is_camp() && self.tables.cap_factor[end] < 0.5;
        match link {
            Some(l) if !full => {
                m.hop += 1;
                if m.hop as usize == hops.len() {
                    m.route = NONE;
                    m.hop = 0;
                }
                m.link = l;
                m.progress = 0.0;
                true
            }
            _ => {
                m.route = NONE;
                m.hop = 0;
                false
            }
        }
    }

    /// One day for a mover (FLEE's `evolve` then `finish_travel`, with further hops while the day's
    /// distance allows). Returns what happened.
    #[inline]
    pub fn day(&self, m: &mut Mover, rng: &mut Stream) -> DayMoves {
        let mut out = DayMoves::default();
        if !m.travelling() {
            if !self.evolve(m, rng) {
                return out;
            }
            out.departed = true;
        }
        let mut moved = 0.0f64;
        // FLEE's recursion is bounded by the day's distance; the cap guards against zero-length roads.
        for _ in 0..64 {
            let link_id = m.link;
            let link = &self.net.links[link_id as usize];
            let mut speed = link.speed.unwrap_or(self.settings.max_move_speed);
            if self.settings.start_on_foot && m.flags & flags::HAS_TRAVELLED == 0 {
                speed = self.settings.max_walk_speed;
            }
            if link.walk_probability > 0.0 && rng.uniform() < link.walk_probability {
                speed = self.settings.max_walk_speed;
            }
            let progress = f64::from(m.progress) + speed;
            moved += speed;
            if progress <= link.km {
                m.progress = progress as f32;
                return out;
            }
            moved += link.km - progress;
            m.flags |= flags::HAS_TRAVELLED;
            m.progress = 0.0;
            m.link = NONE;
            if m.flags & flags::BOUNCE != 0 {
                m.flags &= !flags::BOUNCE;
                m.place = link.from;
                return out;
            }
            m.place = link.to;
            out.arrivals = out.arrivals.saturating_add(1);
            if out.checkpoint.is_none() {
                out.checkpoint = self.watch.met(link_id, m.place);
            }
            if moved >= speed || !self.evolve(m, rng) {
                return out;
            }
        }
        out
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
        let m = MovementSettings {
            camp_weight: 5.0,
            foreign_weight: 2.0,
            conflict_weight: 0.25,
            ..Default::default()
        };
        assert_eq!(location_score(true, PlaceKind::Camp, 0.0, 1.0, &m), 10.0);
        assert_eq!(
            location_score(false, PlaceKind::ConflictZone, 1.0, 1.0, &m),
            0.25
        );
        assert_eq!(
            location_score(false, PlaceKind::ConflictZone, 1.0, 0.5, &m),
            0.5
        );
    }
}
