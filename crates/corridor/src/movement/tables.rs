//! The day's tables the movement rules read: move chances and geometric-wait tables, scores, capacity
//! factors, route weights and their alias tables per place and per goal, updated once a day.

use super::{
    base_movechance, capacity_factor, location_score, place_route_weights, toward_goal_weights, GEOMETRIC_BY_LOG_BELOW,
};
use crate::alias::AliasTables;
use crate::network::{Network, PathsTo};
use crate::scenario::{MovementSettings, PlaceKind};

/// The state of places and routes the rules read on one day, computed once per day (a snapshot:
/// all movers see the same counts; FLEE's sequential updates are a documented difference).
#[derive(Clone, Debug, Default)]
pub struct DayTables {
    pub movechance: Vec<f64>,
    /// Per place, what a mover there reads to decide whether and where to leave.
    pub leave: Vec<Leave>,
    /// The wait tables `Leave::wait` points to, one per move chance (see `intern_wait`).
    pub waits: Vec<WaitTable>,
    pub score: Vec<f64>,
    pub cap_factor: Vec<f64>,
    /// Camps (today) whose capacity factor is below 0.5: routes ending there are dropped (FLEE).
    pub full_camp: Vec<bool>,
    /// Alias tables of the route weights, one segment per place (aligned with the route table).
    pub route_alias: AliasTables,
    /// Per goal slot and place, whether some road from the place brings a mover closer to the goal.
    pub goal_closer: Vec<Vec<bool>>,
    /// Alias tables per goal slot, keeping only routes that bring the mover closer (`toward_goal`).
    pub goal_alias: Vec<AliasTables>,
    weights: Vec<f64>,
    scratch: Vec<f64>,
    /// The values of one place's alias tables' entries (`set_first_steps`).
    first_steps: Vec<crate::alias::Value>,
    /// Per place, whether its score or capacity factor changed today (its routes' weights with it).
    end_changed: Vec<bool>,
    /// The route table version and number of goals the route tables were last built for.
    routes_built_for: Option<(u32, usize)>,
}

/// What a mover at a place reads to decide whether and where to leave, side by side (one record, one
/// bounds check, one cache line).
#[derive(Clone, Copy, Debug)]
pub struct Leave {
    /// `ln(1 - movechance)`, for drawing a geometric wait by inversion.
    pub ln_stay: f64,
    /// Whether the wait is drawn from the table `DayTables::waits[wait]` (move chance at least
    /// `GEOMETRIC_BY_LOG_BELOW`, and below 1).
    pub by_table: bool,
    /// The place's wait table in `DayTables::waits` (places with the same move chance share one).
    pub wait: u32,
    /// The move chance `ln_stay`, `by_table` and `wait` were built for (NaN: none yet), so they are
    /// rebuilt only on a change.
    pub built_for: f64,
    /// The place's routes in the network's route table: `first_route..first_route + routes`.
    pub first_route: u32,
    pub routes: u32,
}

impl Leave {
    /// Days until a mover here leaves (0 = today): a geometric wait with the place's move chance.
    /// `by_table` is the place's own (`Leave::by_table`), from a caller that may have it before this
    /// record (`DayTables::road_end`).
    #[inline(always)]
    pub fn draw_wait<R: crate::rng::Draw>(&self, waits: &[WaitTable], rng: &mut R, by_table: bool) -> u32 {
        debug_assert_eq!(by_table, self.by_table);
        if by_table {
            // With one table in use (FLEE's worlds: every town has the same move chance) its address
            // is known before this place's record is: the lookup need not wait for `wait`.
            debug_assert!((self.wait as usize) < waits.len());
            let table = if waits.len() == 1 { &waits[0] } else { &waits[self.wait as usize] };
            rng.geometric_days_guided(&table.guide, &table.survive, self.ln_stay)
        } else {
            rng.geometric_days_ln(self.ln_stay)
        }
    }
}

impl Default for Leave {
    fn default() -> Self {
        Leave { ln_stay: 0.0, by_table: false, wait: 0, built_for: f64::NAN, first_route: 0, routes: 0 }
    }
}

/// The tables of one move chance's geometric wait: survival thresholds (see
/// `Stream::geometric_days_by_table`) and the waits they give by a word's top byte
/// (`rng::geometric_guide`). A few hundred bytes, shared by the places with that chance, so that the
/// lookups of a day stay in the first-level cache.
#[derive(Clone, Debug)]
pub struct WaitTable {
    pub survive: [u32; crate::rng::GEOMETRIC_TABLE],
    pub guide: [u8; crate::rng::GEOMETRIC_GUIDE],
    /// The move chance the table is for.
    movechance: f64,
}

impl WaitTable {
    fn new(movechance: f64) -> WaitTable {
        let survive = crate::rng::geometric_table(movechance);
        WaitTable { survive, guide: crate::rng::geometric_guide(&survive), movechance }
    }
}

/// The bit of a road's end (`DayTables::road_end`) that says waits there are drawn from a table.
pub const ROAD_END_BY_TABLE: u32 = 1 << 31;

/// The index in `waits` of the wait table for `movechance`, added if no place has used it yet.
fn intern_wait(waits: &mut Vec<WaitTable>, movechance: f64) -> u32 {
    match waits.iter().position(|w| w.movechance.to_bits() == movechance.to_bits()) {
        Some(k) => k as u32,
        None => {
            waits.push(WaitTable::new(movechance));
            (waits.len() - 1) as u32
        }
    }
}

/// Per-place inputs to a day's tables that change during a run.
#[derive(Clone, Debug)]
pub struct PlaceState {
    /// The kind now, which sets the move chance (a camp closure turns a camp into a town for a while; a
    /// conflict makes any place a conflict zone while it lasts).
    pub kind: Vec<PlaceKind>,
    /// Whether the place is a camp now (FLEE's `camp`): its score has the camp weight and a route to it
    /// is dropped when it is nearly full. Only camp closures change it: a camp in conflict stays one.
    pub camp: Vec<bool>,
    /// Whether the place is an IDP camp now (FLEE's `idpcamp`, the places its `numIDPs` counts): as
    /// `camp`, only camp closures change it (`events::apply_closures`, FLEE's close and open_camp).
    pub idp_camp: Vec<bool>,
    pub foreign: Vec<bool>,
    /// Conflict intensity now (0 = none).
    pub conflict: Vec<f64>,
    /// Conflict decay multiplier now (FLEE's `conflict_spawn_decay` factor).
    pub decay: Vec<f64>,
    /// Residents (FLEE's `pop`): 0 for a place that starts as a camp, whose number is its capacity.
    pub population: Vec<f64>,
    /// Capacity in people (< 1 = unlimited), which sizes a place for the move chance's population factor.
    pub capacity: Vec<f64>,
    /// The people an agent stands for: the agents at a place times this are weighed against its
    /// capacity in people (planner's review of session 35: weighed as agents, a camp of 500 filled to
    /// 4,750 at 10 people to an agent; a capacity cut to agents first made a small one unlimited, diff
    /// review). 1 in a FLEE folder, whose capacities FLEE has divided by `hasten`.
    pub people_per_agent: f64,
}

impl PlaceState {
    /// The places as the scenario gives them, before day 0: conflict zones at full intensity, camps'
    /// capacities less their day-0 agents (`Scenario::capacities_in_use`).
    pub fn initial(scenario: &crate::scenario::Scenario) -> PlaceState {
        let places = &scenario.places;
        PlaceState {
            kind: places.iter().map(|p| p.kind).collect(),
            camp: places.iter().map(|p| p.kind.is_camp()).collect(),
            idp_camp: places.iter().map(|p| p.kind == PlaceKind::IdpCamp).collect(),
            foreign: places.iter().map(|p| p.foreign).collect(),
            conflict: places.iter().map(|p| if p.kind == PlaceKind::ConflictZone { 1.0 } else { 0.0 }).collect(),
            decay: vec![1.0; places.len()],
            // FLEE keeps a camp's number as its capacity alone, its population 0 (`addLocation`): a camp
            // in conflict spawns nobody, and the move chance's population factor reads the capacity
            // left after the day-0 fill (FLEE-user review of session 32).
            population: places.iter().map(|p| if p.kind.is_camp() { 0.0 } else { p.population as f64 }).collect(),
            people_per_agent: f64::from(scenario.people_per_agent.max(1)),
            capacity: scenario.capacities_in_use(),
        }
    }
}

impl DayTables {
    /// Recomputes the tables from the places' state, today's occupancy and the open routes.
    #[allow(clippy::needless_range_loop)] // `p` indexes a dozen parallel per-place arrays
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
        self.leave.resize(n, Leave::default());
        if self.waits.len() > n {
            // More tables than places: move chances have changed often. Build the ones in use again.
            self.waits.clear();
            self.leave.iter_mut().for_each(|leave| leave.built_for = f64::NAN);
        }
        self.score.resize(n, 0.0);
        self.cap_factor.resize(n, 1.0);
        self.full_camp.resize(n, false);
        self.end_changed.clear();
        self.end_changed.resize(n, false);
        // Whether some place now draws its waits differently (the road ends in the alias values say).
        let mut modes_changed = false;
        // Every per-place table cut to `n` entries, once: `p < n` below then needs no check per table.
        let (kind, camp, foreign) = (&state.kind[..n], &state.camp[..n], &state.foreign[..n]);
        let (conflict, decay) = (&state.conflict[..n], &state.decay[..n]);
        let (population, capacity, occupancy) = (&state.population[..n], &state.capacity[..n], &occupancy[..n]);
        let people_per_agent = state.people_per_agent;
        let place_start = &net.routes.place_start[..=n];
        let (movechance, leaves) = (&mut self.movechance[..n], &mut self.leave[..n]);
        let (scores, cap_factors) = (&mut self.score[..n], &mut self.cap_factor[..n]);
        let (end_changed, full_camp) = (&mut self.end_changed[..n], &mut self.full_camp[..n]);
        for p in 0..n {
            let mut mc = base_movechance(kind[p], conflict[p] > 0.0, m);
            if m.movechance_pop_scale_factor != 0.0 {
                let size = population[p].max(capacity[p]);
                mc *= (size / m.movechance_pop_base).powf(m.movechance_pop_scale_factor);
            }
            movechance[p] = mc;
            let leave = &mut leaves[p];
            // The wait's logarithm and table depend on the move chance alone: kept while it stands.
            if leave.built_for.to_bits() != mc.to_bits() {
                leave.ln_stay = (1.0 - mc.clamp(0.0, 1.0)).ln();
                // A certain departure (chance 1) needs no draw: by inversion, ln(0) = -inf gives 0 at once.
                let by_table = (GEOMETRIC_BY_LOG_BELOW..1.0).contains(&mc);
                modes_changed |= by_table != leave.by_table;
                leave.by_table = by_table;
                if leave.by_table {
                    leave.wait = intern_wait(&mut self.waits, mc);
                }
                leave.built_for = mc;
            }
            // The place's routes (`RouteTable::routes_of`).
            (leave.first_route, leave.routes) = (place_start[p], place_start[p + 1].saturating_sub(place_start[p]));
            let score = location_score(foreign[p], camp[p], conflict[p], decay[p], m);
            let cap_factor = capacity_factor(f64::from(occupancy[p]) * people_per_agent, capacity[p], m);
            // `|` and `&`, not `||` and `&&`: plain compares, both evaluated, without a branch each.
            end_changed[p] =
                (score.to_bits() != scores[p].to_bits()) | (cap_factor.to_bits() != cap_factors[p].to_bits());
            scores[p] = score;
            cap_factors[p] = cap_factor;
            full_camp[p] = camp[p] & (cap_factor < 0.5);
        }
        // The route weights and their tables depend on the scores, capacity factors, routes and goals
        // alone: a place's stand while none of its routes' ends changed, and all stand while the
        // routes and goals are those they were built for.
        let built_for = Some((net.routes_version, goals.len()));
        let all = self.routes_built_for != built_for;
        if !all && !modes_changed && !self.end_changed.contains(&true) {
            return;
        }
        self.routes_built_for = built_for;
        let routes = &net.routes;
        if all {
            self.weights.clear();
            self.weights.resize(routes.len(), 0.0);
            self.route_alias.reset(routes.len());
            self.goal_closer.clear();
            self.goal_closer.resize(goals.len(), vec![false; n]);
            self.goal_alias.clear();
            self.goal_alias.resize_with(goals.len(), AliasTables::default);
            for alias in &mut self.goal_alias {
                alias.reset(routes.len());
            }
        }
        for p in 0..n as u32 {
            let range = routes.routes_of(p);
            if !all && !range.clone().any(|r| self.end_changed[routes.end(r as u32) as usize]) {
                // Every table of this place stands (a table is one place's segment), and so do the
                // values of its entries unless a road's end now draws its waits differently.
                if modes_changed {
                    self.set_first_steps(net, range, goals.len());
                }
                continue;
            }
            let factor = |end: usize| self.cap_factor[end];
            place_route_weights(routes, range.clone(), &self.score, factor, m, &mut self.weights[range.clone()]);
            self.route_alias.build(range.start, &self.weights[range.clone()]);
            for (slot, paths) in goals.iter().enumerate() {
                self.scratch.clear();
                self.scratch.extend_from_slice(&self.weights[range.clone()]);
                toward_goal_weights(routes, p, &paths.km, &mut self.scratch);
                self.goal_closer[slot][p as usize] = self.scratch.iter().any(|&w| w > 0.0);
                self.goal_alias[slot].build(range.start, &self.scratch);
            }
            self.set_first_steps(net, range, goals.len());
        }
    }

    /// Gives the entries of the alias tables of one place's routes `range` (built) their values: the
    /// route's first road and that road's end (`DayTables::road_end`), so that a draw gives what the
    /// mover reads next with the route.
    fn set_first_steps(&mut self, net: &Network, range: std::ops::Range<usize>, goals: usize) {
        self.first_steps.clear();
        for r in range.clone() {
            let first = net.routes.heads[r].first_link;
            self.first_steps.push([first, self.road_end(net, first)]);
        }
        self.route_alias.set_values(range.start, &self.first_steps);
        for slot in 0..goals {
            self.goal_alias[slot].set_values(range.start, &self.first_steps);
        }
    }

    /// Where road `link` leads, with `ROAD_END_BY_TABLE` set if a wait there is drawn from a table:
    /// the rules carry it from the road's choice to the arrival, so that how the wait is drawn is known
    /// before the place's record is read.
    #[inline(always)]
    pub fn road_end(&self, net: &Network, link: u32) -> u32 {
        let to = net.links[link as usize].to;
        debug_assert!(to < ROAD_END_BY_TABLE);
        to | if self.leave[to as usize].by_table { ROAD_END_BY_TABLE } else { 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worlds::line_world;

    /// Six places in a line, 10 km apart (routes of up to two roads), of `kind(p)`, without conflict,
    /// each with `population` and `capacity`.
    fn six_places(kind: impl Fn(usize) -> PlaceKind, population: f64, capacity: f64) -> (Network, PlaceState) {
        let names = ["A", "B", "C", "D", "E", "F"];
        let net = Network::new(&line_world(&names, 10.0, 2));
        let n = names.len();
        let state = PlaceState {
            kind: (0..n).map(&kind).collect(),
            camp: (0..n).map(|p| kind(p).is_camp()).collect(),
            idp_camp: (0..n).map(|p| kind(p) == PlaceKind::IdpCamp).collect(),
            foreign: vec![false; n],
            conflict: vec![0.0; n],
            decay: vec![1.0; n],
            population: vec![population; n],
            capacity: vec![capacity; n],
            people_per_agent: 1.0,
        };
        (net, state)
    }

    /// Tables updated day after day, where only some places' ends change (camps filling), are the
    /// tables built afresh from the same day's state: the places left standing are the right ones.
    #[test]
    fn an_update_rebuilds_what_a_fresh_build_gives() {
        let kind = |p: usize| if p % 2 == 1 { PlaceKind::Camp } else { PlaceKind::Town };
        let (net, mut state) = six_places(kind, 0.0, 100.0);
        let n = state.kind.len();
        let goals = vec![net.paths_to(5), net.paths_to(0)];
        let m = MovementSettings { pruning_threshold: 2.0, ..Default::default() };
        let mut kept = DayTables::default();
        // Day by day only one camp's occupancy moves (through the capacity buffer and past it), and a
        // town's conflict or its decay changes on some days (its score with them).
        for day in 0..12u32 {
            let mut occupancy = vec![10u32; n];
            occupancy[(day as usize % 3) * 2 + 1] = 80 + 5 * day;
            match day % 4 {
                1 => state.conflict[2] = 0.5 + f64::from(day),
                2 => state.decay[2] = 1.0 / f64::from(day),
                3 => state.conflict[2] = 0.0,
                _ => {}
            }
            kept.update(&net, &state, &occupancy, &goals, &m);
            let mut fresh = DayTables::default();
            fresh.update(&net, &state, &occupancy, &goals, &m);
            assert_eq!(kept.score, fresh.score, "day {day}");
            assert_eq!(kept.weights, fresh.weights, "day {day}");
            assert!(kept.route_alias.same_tables(&fresh.route_alias), "day {day}");
            assert!(kept.goal_alias.iter().zip(&fresh.goal_alias).all(|(k, f)| k.same_tables(f)), "day {day}");
            assert_eq!(kept.goal_closer, fresh.goal_closer, "day {day}");
            assert_eq!(kept.full_camp, fresh.full_camp, "day {day}");
        }
    }

    /// A town that comes into conflict draws its waits differently from then on (chance 1, no
    /// table), while its score stays (a conflict weight of 1): the road ends the alias tables carry
    /// (`road_end`) follow, although no place's weights change.
    #[test]
    fn road_ends_follow_a_change_of_wait_draws_alone() {
        let (net, mut state) = six_places(|_| PlaceKind::Town, 1000.0, 100.0);
        let n = state.kind.len();
        let goals = vec![net.paths_to(5)];
        let m = MovementSettings { conflict_weight: 1.0, ..Default::default() };
        let mut kept = DayTables::default();
        for day in 0..4u32 {
            state.conflict[2] = if day % 2 == 1 { 1.0 } else { 0.0 };
            let occupancy = vec![10u32; n];
            kept.update(&net, &state, &occupancy, &goals, &m);
            let mut fresh = DayTables::default();
            fresh.update(&net, &state, &occupancy, &goals, &m);
            assert_eq!(kept.leave[2].by_table, day % 2 == 0, "day {day}");
            assert_eq!(kept.score, fresh.score, "day {day}: the score stands");
            assert!(kept.route_alias.same_tables(&fresh.route_alias), "day {day}");
            assert!(kept.goal_alias[0].same_tables(&fresh.goal_alias[0]), "day {day}");
        }
    }

    /// Places with the same move chance share one wait table; each place's table is the one its move
    /// chance gives; and move chances that change every day (scaled by a changing population) do not
    /// pile up tables: there are never more than twice as many as places.
    #[test]
    fn wait_tables_are_shared_right_and_bounded() {
        let (net, mut state) = six_places(|_| PlaceKind::Town, 1000.0, 0.0);
        let n = state.kind.len();
        let occupancy = vec![0u32; n];
        let mut tables = DayTables::default();
        tables.update(&net, &state, &occupancy, &[], &MovementSettings::default());
        assert_eq!(tables.waits.len(), 1, "six towns, one move chance");
        let m = MovementSettings { movechance_pop_scale_factor: 0.5, ..Default::default() };
        for day in 0..40u32 {
            for (p, pop) in state.population.iter_mut().enumerate() {
                *pop = 5000.0 + f64::from(day * 97 + p as u32 * (day % 3) * 31);
                // places differ on most days
            }
            tables.update(&net, &state, &occupancy, &[], &m);
            assert!(tables.waits.len() <= 2 * n, "day {day}: {} tables", tables.waits.len());
            for p in 0..n {
                let leave = &tables.leave[p];
                assert!(leave.by_table, "day {day}, place {p}");
                let want = WaitTable::new(tables.movechance[p]);
                let got = &tables.waits[leave.wait as usize];
                assert_eq!((got.survive, got.guide), (want.survive, want.guide), "day {day}, place {p}");
            }
        }
    }
}
