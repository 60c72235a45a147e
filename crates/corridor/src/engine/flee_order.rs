//! FLEE-order capacity counts (`capacity_counts = "flee_order"`, docs/flee-compat.md (a)): one
//! sequential pass of decisions then one of journeys, in agent order, with FLEE's running occupancy.
//!
//! FLEE's `Ecosystem.evolve` runs `Person.evolve` for every agent in list order, then
//! `Person.finish_travel` for every agent; `handle_travel` decrements the place left and increments
//! the place reached at once, and every route choice (`moving.calculateLinkWeight`) and "camp nearly
//! full" check (`check_dest_is_full_camp`) reads those live counts. This module does the same. Each
//! agent keeps its own random stream, so where no capacity is near its limit the result is the same,
//! draw for draw, as the snapshot mode's; it is independent of the thread count because it is
//! sequential.

use super::awake::{awake_bits, blocks, not_none_bits, set_bits};
use super::pass::{ChangeCells, Tally};
use crate::movement::{
    capacity_factor, capacity_unlimited, place_route_weights, toward_goal_weights, Counts, DayContext, DayMoves,
    DayTables, Mover, PlaceState,
};
use crate::network::{Network, PathsTo};
use crate::population::{Agents, Status, NONE};
use crate::rng::{Draw, MoveStream};
use crate::scenario::MovementSettings;

/// FLEE's running occupancy of places during one day, with each place's capacity factor kept current.
#[derive(Clone, Debug, Default)]
pub struct Live {
    /// Agents at each place now (not on roads).
    occ: Vec<i64>,
    /// Capacity for the capacity factor, in people (< 1 = unlimited).
    capacity: Vec<f64>,
    /// The people an agent stands for (`PlaceState::people_per_agent`): `occ` times this is weighed
    /// against `capacity`.
    people_per_agent: f64,
    /// Each place's capacity factor now, and as the day's tables have it (the morning's).
    factor: Vec<f64>,
    morning: Vec<f64>,
    /// Per place, how many of its routes end where the factor is not the morning's: while 0, the day's
    /// tables give its routes' weights exactly.
    stale: Vec<u32>,
    /// Per place, the places with a route ending there (once per route), for the route table
    /// `ends_built_for` (a `Network::routes_version`).
    route_origins: Vec<Vec<u32>>,
    ends_built_for: Option<u32>,
    /// Whether each place is a camp today.
    camp: Vec<bool>,
    settings: MovementSettings,
    /// Per goal slot, each place's distance to the goal (the goal tables' filter).
    goal_km: Vec<Vec<f64>>,
    weights: Vec<f64>,
    /// The day's leavers and their streams (a buffer kept from day to day).
    departed: Vec<(usize, MoveStream)>,
}

impl Live {
    /// Running counts for a world whose goal slots head for `goals`.
    pub fn new(goals: &[PathsTo]) -> Live {
        let mut live = Live::default();
        live.set_goals(goals);
        live
    }

    /// Heads the goal slots for `goals` again (their ways changed with the roads open).
    pub fn set_goals(&mut self, goals: &[PathsTo]) {
        self.goal_km = goals.iter().map(|g| g.km.clone()).collect();
    }

    /// Starts the day from the morning's counts (those the snapshot tables were built from).
    pub fn start_day(&mut self, net: &Network, occupancy: &[u32], state: &PlaceState, m: &MovementSettings) {
        if self.ends_built_for != Some(net.routes_version) {
            self.route_origins.clear();
            self.route_origins.resize(net.places(), Vec::new());
            for p in 0..net.places() as u32 {
                for r in net.routes.routes_of(p) {
                    self.route_origins[net.routes.end(r as u32) as usize].push(p);
                }
            }
            self.ends_built_for = Some(net.routes_version);
        }
        self.occ.clear();
        self.occ.extend(occupancy.iter().map(|&o| i64::from(o)));
        self.capacity.clone_from(&state.capacity);
        self.people_per_agent = state.people_per_agent;
        self.camp.clear();
        self.camp.extend_from_slice(&state.camp);
        self.settings.clone_from(m);
        self.factor.clear();
        self.factor.extend(
            self.occ.iter().zip(&self.capacity).map(|(&o, &c)| capacity_factor(o as f64 * self.people_per_agent, c, m)),
        );
        self.morning.clone_from(&self.factor);
        self.stale.clear();
        self.stale.resize(self.occ.len(), 0);
    }

    /// The capacity factor of `place` now.
    #[inline]
    pub fn factor(&self, place: usize) -> f64 {
        self.factor[place]
    }

    /// Moves `place`'s count by `by` and its capacity factor with it.
    #[inline(always)]
    fn count(&mut self, place: usize, by: i64) {
        self.occ[place] += by;
        if capacity_unlimited(self.capacity[place], &self.settings) {
            return; // the factor stays 1, the morning's
        }
        let morning = self.morning[place];
        let differed = self.factor[place] != morning;
        let factor =
            capacity_factor(self.occ[place] as f64 * self.people_per_agent, self.capacity[place], &self.settings);
        self.factor[place] = factor;
        let differs = factor != morning;
        if differs != differed {
            self.flip(place, differs);
        }
    }

    /// `place`'s factor now `differs` from the morning's, or no longer: the places with routes ending
    /// there learn it (rare next to the counts: only when a factor leaves or regains its morning value).
    #[inline(never)]
    fn flip(&mut self, place: usize, differs: bool) {
        for &origin in &self.route_origins[place] {
            let stale = &mut self.stale[origin as usize];
            *stale = if differs { *stale + 1 } else { *stale - 1 };
        }
    }

    /// `Counts::draw_route` where some route of `place` ends at a factor that moved since the
    /// morning: the weights afresh from the live factors.
    #[inline(never)]
    fn draw_live_route<R: Draw>(
        &mut self,
        ctx: &DayContext<'_>,
        place: u32,
        goal_slot: u32,
        rng: &mut R,
    ) -> Option<Option<usize>> {
        let routes = &ctx.net.routes;
        let range = routes.routes_of(place);
        let t: &DayTables = ctx.tables;
        let mut weights = std::mem::take(&mut self.weights);
        weights.clear();
        weights.resize(range.len(), 0.0);
        place_route_weights(routes, range.clone(), &t.score, |end| self.factor(end), &self.settings, &mut weights);
        self.weights = weights;
        if goal_slot != NONE {
            // As the goal tables: only roads that bring the mover closer, each with a tiny floor.
            toward_goal_weights(routes, place, &self.goal_km[goal_slot as usize], &mut self.weights);
            if self.weights.iter().sum::<f64>() <= 0.0 {
                return Some(None);
            }
        }
        let total: f64 = self.weights.iter().sum();
        let len = self.weights.len();
        if len == 0 {
            return Some(None);
        }
        let j = if total > 0.0 && total.is_finite() {
            let u = rng.uniform() * total;
            let mut acc = 0.0;
            let mut pick = len - 1;
            for (j, w) in self.weights.iter().enumerate() {
                acc += w;
                if u < acc {
                    pick = j;
                    break;
                }
            }
            pick
        } else {
            // FLEE's `normalizeWeights`: all weights zero = equal weights.
            rng.below_with_rest(len as u32).0 as usize
        };
        Some(Some(range.start + j))
    }
}

impl Counts for Live {
    #[inline(always)]
    fn draw_route<R: Draw>(
        &mut self,
        ctx: &DayContext<'_>,
        place: u32,
        goal_slot: u32,
        rng: &mut R,
    ) -> Option<Option<usize>> {
        // Where no end's factor moved since the morning the day's tables are exact: use them.
        if self.stale[place as usize] == 0 {
            debug_assert!(ctx.net.routes.routes_of(place).all(|r| {
                let end = ctx.net.routes.end(r as u32) as usize;
                self.factor(end) == ctx.tables.cap_factor[end]
            }));
            return None;
        }
        self.draw_live_route(ctx, place, goal_slot, rng)
    }

    #[inline]
    fn full_camp(&self, _: &DayTables, end: usize) -> bool {
        self.camp[end] && self.factor(end) < 0.5
    }

    #[inline]
    fn left(&mut self, place: u32) {
        self.count(place as usize, -1);
    }

    #[inline]
    fn arrived(&mut self, place: u32) {
        self.count(place as usize, 1);
    }
}

fn mover(a: &Agents, i: usize) -> Mover {
    Mover {
        place: a.place[i],
        link: a.link[i],
        progress: a.progress[i],
        route: a.route[i],
        hop: a.hop[i],
        goal_slot: a.goal[i],
        flags: a.flags[i],
        wake: a.wake[i],
    }
}

fn store(a: &mut Agents, i: usize, m: &Mover) {
    a.place[i] = m.place;
    a.link[i] = m.link;
    a.progress[i] = m.progress;
    a.route[i] = m.route;
    a.hop[i] = m.hop;
    a.flags[i] = m.flags;
    a.wake[i] = m.wake;
}

/// Runs the day for all agents in FLEE's order and fills `tallies` (one tally, of the day's changes of
/// (place, status), as the movement-only pass's: the engine keeps the running counts). Needs a
/// scenario without groups or institutions (checked when the scenario is loaded).
///
/// Only the agents the rules act on are visited, in agent order: for decisions, those awake at a place
/// (or on a route); for journeys, those on a road once the decisions are made. A sleeping agent's day
/// draws nothing and changes nothing, so skipping it leaves the order of everything else as FLEE's.
pub fn run_pass(agents: &mut Agents, ctx: &DayContext<'_>, live: &mut Live, seed: u64, tallies: &mut Vec<Tally>) {
    // FLEE's worlds have plain days (no goals, checkpoints or walking): the rules compiled without them.
    if ctx.plain() {
        run_pass_with::<true>(agents, ctx, live, seed, tallies);
    } else {
        run_pass_with::<false>(agents, ctx, live, seed, tallies);
    }
}

fn run_pass_with<const PLAIN: bool>(
    agents: &mut Agents,
    ctx: &DayContext<'_>,
    live: &mut Live,
    seed: u64,
    tallies: &mut Vec<Tally>,
) {
    let day = ctx.day;
    let n = agents.len();
    // Decisions, in agent order: the departed keep their stream for their journey.
    let mut departed = std::mem::take(&mut live.departed);
    departed.clear();
    for block in blocks(n) {
        // A mover on a route decides whatever its wake day says (the rules give it none).
        let visit = awake_bits(&agents.wake[block.clone()], day) | not_none_bits(&agents.route[block.clone()]);
        for i in set_bits(visit).map(|j| block.start + j) {
            if !agents.status[i].is_mobile() || agents.link[i] != NONE {
                continue;
            }
            let mut m = mover(agents, i);
            let mut rng = MoveStream::new(seed, i as u32, day);
            let left = ctx.leave::<PLAIN, _, _>(&mut m, &mut rng, live);
            debug_assert_eq!(m.place, agents.place[i], "a decision steps onto a road, it does not move");
            store(agents, i, &m);
            if left {
                departed.push((i, rng));
            }
        }
    }
    // Journeys, in agent order (those on a road since before today, and today's leavers).
    tallies.truncate(1);
    tallies.resize_with(1, Tally::default);
    let tally = &mut tallies[0];
    let places = ctx.net.places();
    tally.reset(places * ChangeCells::STRIDE, places);
    let mut next = departed.drain(..).peekable();
    for block in blocks(n) {
        for i in set_bits(not_none_bits(&agents.link[block.clone()])).map(|j| block.start + j) {
            let before = agents.status[i];
            let mut out = DayMoves::default();
            let rng = if next.peek().is_some_and(|(k, _)| *k == i) {
                out.departed = true;
                next.next().map(|(_, r)| r)
            } else {
                before.is_mobile().then(|| MoveStream::new(seed, i as u32, day))
            };
            let Some(mut rng) = rng else {
                continue;
            };
            let cell_before = ChangeCells::of(agents.place[i], before);
            let mut m = mover(agents, i);
            ctx.travel::<PLAIN, _, _>(&mut m, &mut rng, live, &mut out);
            store(agents, i, &m);
            let now = if m.link != NONE { Status::Travelling } else { Status::AtPlace };
            agents.status[i] = now;
            if out.arrived {
                tally.arrivals[m.place as usize] += 1;
            }
            if now != before {
                agents.since[i] = day;
                tally.entries[now as usize] += 1;
            }
            tally.moved(cell_before, ChangeCells::of(m.place, now));
        }
    }
    debug_assert!(next.peek().is_none(), "every leaver is on a road");
    drop(next);
    live.departed = departed;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::movement::Watch;
    use crate::scenario::{CapacityCounts, Inflow, PlaceId, PlaceKind, Scenario};
    use crate::worlds::line_world;
    use crate::Simulation;

    const S: u32 = 0;
    const H: u32 = 1;
    const C: u32 = 2;

    /// S — H — C, 10 km apart; C a camp for 100 (FLEE's defaults: buffer 0.9, so its capacity factor
    /// is 1 up to 90 and falls linearly to 0 at 100; about 0.4 at 96).
    fn camp_for_100() -> Scenario {
        let mut s = line_world(&["S", "H", "C"], 10.0, 1);
        s.places[2].kind = PlaceKind::Camp;
        s.places[2].population = 100;
        s
    }

    /// FLEE's running counts move a camp's capacity factor with each arrival and departure at once.
    /// While C's factor is the morning's the day's tables are exact and H (the one place with a route
    /// ending at C) draws from them; once it moved, H draws from live weights, and when it is back
    /// H uses the tables again. At 96 of 100 C is "nearly full" (factor below a half), and full (factor
    /// 0) the live weights never pick the road to C, where the morning's tables would.
    #[test]
    fn live_counts_move_a_camps_factor_at_once_and_the_routes_ending_there_weigh_it() {
        let s = camp_for_100();
        let net = Network::new(&s);
        let state = PlaceState::initial(&s);
        let occupancy = [0, 0, 90];
        let mut tables = DayTables::default();
        tables.update(&net, &state, &occupancy, &[], &s.movement);
        let mut live = Live::new(&[]);
        live.start_day(&net, &occupancy, &state, &s.movement);
        let watch = Watch::default();
        let ctx =
            DayContext { net: &net, tables: &tables, settings: &s.movement, goal_places: &[], day: 0, watch: &watch };
        let mut rng = MoveStream::new(1, 0, 0);

        assert_eq!(live.factor(C as usize), 1.0, "90 of 100: within the buffer");
        assert_eq!(live.draw_route(&ctx, H, NONE, &mut rng), None, "the morning's tables are exact");
        live.arrived(C);
        assert!(live.factor(C as usize) < 1.0, "91 of 100");
        assert!(!live.full_camp(&tables, C as usize), "91 of 100 is not nearly full");
        assert!(live.draw_route(&ctx, H, NONE, &mut rng).is_some(), "H's routes end at a factor that moved");
        assert_eq!(live.draw_route(&ctx, S, NONE, &mut rng), None, "no route of S ends at C");
        live.left(C);
        assert_eq!(live.factor(C as usize), 1.0, "back to 90");
        assert_eq!(live.draw_route(&ctx, H, NONE, &mut rng), None, "C's factor is the morning's again");

        for _ in 0..6 {
            live.arrived(C);
        }
        assert!(live.full_camp(&tables, C as usize), "96 of 100");
        assert!(!tables.full_camp[C as usize], "the morning's tables saw 90");
        for _ in 0..4 {
            live.arrived(C);
        }
        assert_eq!(live.factor(C as usize), 0.0, "100 of 100");
        let routes = &net.routes;
        for k in 0..200 {
            let mut rng = MoveStream::new(1, k, 0);
            let Some(Some(r)) = live.draw_route(&ctx, H, NONE, &mut rng) else {
                panic!("H has routes to draw from");
            };
            assert_eq!(routes.end(r as u32), S, "draw {k} went to the full camp");
        }
    }

    /// FLEE's order: all decisions, then every journey in agent order, each arrival counted at once.
    /// Fifteen agents leave S on day 0 for a camp for 10 (the only route worth taking is S → H → C,
    /// H weighing nothing): agents 0 to 9 travel first and fill C, so 10 to 14 find it full at H and
    /// stop there (`flee_compat` counts them; here, which agents they are).
    #[test]
    fn in_flee_order_the_first_agents_in_agent_order_take_a_camps_last_places() {
        let mut s = line_world(&["S", "H", "C"], 10.0, 2);
        s.period.days = 1;
        s.places[1].country = "Y".into();
        s.places[1].foreign = true;
        s.places[2].kind = PlaceKind::Camp;
        s.places[2].population = 10;
        s.movement.foreign_weight = 0.0;
        s.movement.camp_movechance = 0.0;
        s.movement.default_movechance = 1.0;
        s.movement.capacity_counts = CapacityCounts::FleeOrder;
        s.inflows.push(Inflow::steady("fifteen", PlaceId(S), 0, 0, 15.0));
        let mut sim = Simulation::new(&s, 1);
        sim.step();
        let a = sim.agents();
        let want: Vec<u32> = (0..15).map(|i| if i < 10 { C } else { H }).collect();
        assert_eq!(a.place, want);
        assert!(a.link.iter().all(|&l| l == NONE), "nobody is left on a road");
    }

    /// With goals (not a plain day) and no capacity anywhere, FLEE's order gives every agent the day
    /// the snapshot's parallel pass gives it, draw for draw: each agent keeps its own stream, and
    /// nothing it reads depends on who went before.
    #[test]
    fn with_goals_and_no_capacity_flee_order_moves_every_agent_as_the_snapshot_does() {
        let world = |counts: CapacityCounts| {
            let mut s = line_world(&["A", "B", "C", "D", "E"], 100.0, 2);
            s.period.days = 15;
            s.movement.max_move_speed = 60.0;
            s.movement.capacity_counts = counts;
            s.inflows.push(Inflow {
                goals: vec![(PlaceId(3), 0.7), (PlaceId(4), 0.3)],
                ..Inflow::steady("goals", PlaceId(0), 0, 4, 20.0)
            });
            s
        };
        let (flee, snap) = (world(CapacityCounts::FleeOrder), world(CapacityCounts::Snapshot));
        let (mut f, mut n) = (Simulation::new(&flee, 7), Simulation::new(&snap, 7));
        let mut travelled = 0;
        for day in 0..flee.period.days {
            f.step();
            n.step();
            let (a, b) = (f.agents(), n.agents());
            assert_eq!(a.place, b.place, "places on day {day}");
            assert_eq!(a.link, b.link, "roads on day {day}");
            assert_eq!(a.progress, b.progress, "progress on day {day}");
            assert_eq!(a.status, b.status, "statuses on day {day}");
            travelled += a.link.iter().filter(|&&l| l != NONE).count();
        }
        assert!(travelled > 0, "some agents were on a road at the end of some day");
        assert!(f.agents().place.iter().any(|&p| p >= 3), "some reached a goal");
    }
}
