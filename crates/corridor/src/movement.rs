//! FLEE's movement ruleset: one agent's (or group's) day of deciding and travelling, from the day's
//! tables (`movement::tables`) built from scores, capacity factors and route weights
//! (`movement::weights`). See docs/movement.md.

use crate::network::{Network, RouteHead};
use crate::population::{flags, NEVER, NONE};
use crate::rng::Draw;
use crate::scenario::MovementSettings;

/// A mover draws its wait at a place once (a geometric number of days, FLEE's distribution of
/// departure days) and sleeps until it ends. Below this daily chance the wait is drawn by inversion
/// (one logarithm); at or above it, from a per-place table of survival thresholds (a few comparisons),
/// except for a chance of 1, whose wait (0) the inversion gives without a draw.
pub const GEOMETRIC_BY_LOG_BELOW: f64 = 0.05;

mod counts;
mod tables;
mod weights;
pub use counts::{Counts, Snapshot};
pub use tables::{DayTables, Leave, PlaceState, WaitTable, ROAD_END_BY_TABLE};
pub use weights::{
    base_movechance, capacity_factor, capacity_unlimited, location_score, place_route_weights, route_weight,
    toward_goal, toward_goal_weights,
};

/// Where a mover is and what it intends: the fields the rules read and write.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mover {
    pub place: u32,
    pub link: u32,
    pub progress: f32,
    pub route: u32,
    pub hop: u16,
    pub goal_slot: u32,
    pub flags: u8,
    /// Day of the next decision to leave (see `Agents::wake`), or `NONE` if not drawn yet.
    pub wake: u32,
}

impl Mover {
    pub fn at(place: u32) -> Mover {
        Mover { place, link: NONE, progress: 0.0, route: NONE, hop: 0, goal_slot: NONE, flags: 0, wake: NONE }
    }

    #[inline]
    pub fn travelling(&self) -> bool {
        self.link != NONE
    }
}

/// What happened to a mover today.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayMoves {
    /// Whether the mover reached a place today.
    pub arrived: bool,
    /// Whether the mover left a place today.
    pub departed: bool,
    /// The first watched checkpoint passed today (a road completed or a place reached), if any.
    pub checkpoint: Option<Met>,
    /// The last road the mover went along today (the one it is on tonight, or the one into the last
    /// place it reached), if it went along one; not kept on a plain day (no institution reads it).
    pub road: Option<u32>,
}

/// A watched checkpoint met on the way: its index, and the place reached when it was met (the end of
/// the road it watches, or the place itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Met {
    pub checkpoint: u32,
    pub place: u32,
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
    pub fn met(&self, link: u32, place: u32) -> Option<Met> {
        if self.place.is_empty() {
            return None;
        }
        let l = self.link[link as usize];
        let checkpoint = if l != NONE { l } else { self.place[place as usize] };
        (checkpoint != NONE).then_some(Met { checkpoint, place })
    }
}

/// The day a wait of `wait` days counted from `from` ends (`NEVER` at the latest).
#[inline(always)]
fn wake_day(from: u32, wait: u32) -> u32 {
    from.saturating_add(wait).min(NEVER)
}

/// Everything the rules read on one day.
pub struct DayContext<'a> {
    pub net: &'a Network,
    pub tables: &'a DayTables,
    pub settings: &'a MovementSettings,
    /// Goal place of each goal slot.
    pub goal_places: &'a [u32],
    /// The day being simulated.
    pub day: u32,
    /// Checkpoints to report when passed (institutions); empty when there are none.
    pub watch: &'a Watch,
}

impl DayContext<'_> {
    /// FLEE's `evolve` for a mover at a place: maybe choose a route and step onto its next road.
    ///
    /// FLEE draws "leave today?" every day with the place's move chance p. Here the day of leaving is
    /// drawn once, as a geometric wait with the same p (identical in distribution, as the daily draws
    /// are independent), and the mover sleeps until then; `wake` is reset whenever p may change.
    ///
    /// Returns the end of the road taken (`DayTables::road_end`), or None if the mover stays. (A mover
    /// that has just arrived takes `evolve_on_arrival`, which knows how waits are drawn here before
    /// the place's record is read.)
    #[inline(always)]
    fn evolve<const PLAIN: bool, R: Draw, C: Counts>(&self, m: &mut Mover, rng: &mut R, counts: &mut C) -> Option<u32> {
        if self.at_goal::<PLAIN>(m) {
            m.wake = NEVER; // arrived: institutions take over from here
            return None;
        }
        if m.route != NONE {
            return self.take_next_step(m, counts);
        }
        // `wake + 1 <= day` wraps NONE to 0: no wait drawn yet, or it ended before today.
        if m.wake.wrapping_add(1) <= self.day {
            let here = &self.tables.leave[m.place as usize];
            let wait = here.draw_wait(&self.tables.waits, rng, here.by_table);
            if wait != 0 {
                m.wake = wake_day(self.day, wait);
                return None;
            }
        } else if m.wake != self.day {
            return None;
        }
        m.wake = NONE;
        self.choose_route::<PLAIN, R, C>(m, rng, counts)
    }

    /// The rest of `evolve` for a mover at a place that leaves today: it draws a route (from the
    /// day's tables, or as `counts` says) and steps onto its first road. Returns the road's end, or
    /// None if it stays (no route to draw, or the one drawn cannot be taken today).
    #[inline(always)]
    fn choose_route<const PLAIN: bool, R: Draw, C: Counts>(
        &self,
        m: &mut Mover,
        rng: &mut R,
        counts: &mut C,
    ) -> Option<u32> {
        let here = &self.tables.leave[m.place as usize];
        if here.routes == 0 {
            return None;
        }
        let range = here.first_route as usize..(here.first_route + here.routes) as usize;
        match counts.draw_route(self, m.place, m.goal_slot, rng) {
            Some(Some(r)) => {
                (m.route, m.hop) = (r as u32, 0);
                self.take_next_step(m, counts)
            }
            Some(None) => None,
            None => {
                let alias = if PLAIN || m.goal_slot == NONE {
                    &self.tables.route_alias
                } else {
                    if !self.tables.goal_closer[m.goal_slot as usize][m.place as usize] {
                        return None; // no road leads closer to the goal (e.g. all closed)
                    }
                    &self.tables.goal_alias[m.goal_slot as usize]
                };
                // The draw gives the route's first road and its end with the route
                // (`DayTables::set_first_steps`).
                let (j, [first_link, end]) = alias.draw_valued(range.start, range.len(), rng);
                (m.route, m.hop) = ((range.start + j) as u32, 0);
                self.take_first_step(m, counts, first_link, end)
            }
        }
    }

    /// `evolve` for a mover that has just reached a place (its wake day is NONE), with `tired` telling
    /// whether the day's distance is used up. A tired mover decides again from tomorrow: its wait there
    /// is drawn now, counted from tomorrow (the same geometric wait), so that it sleeps through the
    /// days it stays instead of waking tomorrow only to draw it. A mover on a route, or at its goal, is
    /// left to tomorrow's `evolve` when tired. Whether the mover goes on today is then one branch, taken
    /// rarely (not tired, and a wait of 0), instead of two coin flips: the wait is drawn the same way
    /// either way, only the day it counts from differs. `by_table`: whether waits here are drawn from a
    /// table, carried with the road's end (`DayTables::road_end`) so that the draw need not wait for the
    /// place's record.
    #[inline(always)]
    fn evolve_on_arrival<const PLAIN: bool, R: Draw, C: Counts>(
        &self,
        m: &mut Mover,
        rng: &mut R,
        counts: &mut C,
        by_table: bool,
        tired: bool,
    ) -> Option<u32> {
        debug_assert_eq!(m.wake, NONE);
        if m.route != NONE || self.at_goal::<PLAIN>(m) {
            if tired {
                return None;
            }
            return self.evolve::<PLAIN, R, C>(m, rng, counts);
        }
        let wait = self.tables.leave[m.place as usize].draw_wait(&self.tables.waits, rng, by_table);
        // The mover stays unless its wait, counted from tomorrow if tired, ends today. Asked of the wake
        // day so that it is one branch: written as `tired || wait != 0`, the compiler splits it in two,
        // and `tired` alone is a coin flip after a second road.
        let wake = wake_day(self.day.saturating_add(u32::from(tired)), wait);
        if wake != self.day {
            m.wake = wake;
            return None;
        }
        self.choose_route::<PLAIN, R, C>(m, rng, counts)
    }

    /// Whether the mover is at its goal (never on a plain day, which has no goals).
    #[inline(always)]
    fn at_goal<const PLAIN: bool>(&self, m: &Mover) -> bool {
        !PLAIN && m.goal_slot != NONE && self.goal_places[m.goal_slot as usize] == m.place
    }

    /// FLEE's `take_next_step`: the route's next road, unless it is gone (see `step_onto`). Returns
    /// the road's end, if the mover took it.
    #[inline(always)]
    fn take_next_step<C: Counts>(&self, m: &mut Mover, counts: &mut C) -> Option<u32> {
        let routes = &self.net.routes;
        let head = routes.heads[m.route as usize];
        let link = if m.hop == 0 {
            Some(head.first_link) // open: the table is rebuilt when roads close
        } else {
            self.net.open_link(m.place, routes.hops_of(m.route)[m.hop as usize])
        };
        self.step_onto(m, counts, head, link.map(|l| (l, self.road_end(l))))
    }

    /// Where road `link` leads, as the rules carry it (`DayTables::road_end`).
    #[inline(always)]
    fn road_end(&self, link: u32) -> u32 {
        self.tables.road_end(self.net, link)
    }

    /// `take_next_step` for a route drawn just now, whose first road `first_link` and that road's `end`
    /// came with the draw: what follows need not wait for the route's and the road's records.
    #[inline(always)]
    fn take_first_step<C: Counts>(&self, m: &mut Mover, counts: &mut C, first_link: u32, end: u32) -> Option<u32> {
        let head = self.net.routes.heads[m.route as usize];
        debug_assert!(m.hop == 0 && first_link == head.first_link && end == self.road_end(first_link));
        self.step_onto(m, counts, head, Some((first_link, end)))
    }

    /// The end of FLEE's `take_next_step`: the mover steps onto `road` (a link and its end) of the
    /// route with `head` (and `counts` learns that it left its place), or drops the route if the road
    /// is gone or the route's end camp is nearly full. Returns the road's end, if the mover took it.
    #[inline(always)]
    fn step_onto<C: Counts>(
        &self,
        m: &mut Mover,
        counts: &mut C,
        head: RouteHead,
        road: Option<(u32, u32)>,
    ) -> Option<u32> {
        let full = counts.full_camp(self.tables, head.end as usize);
        match road {
            Some((l, end)) if !full => {
                m.hop += 1;
                if u32::from(m.hop) == head.hops {
                    m.route = NONE;
                    m.hop = 0;
                }
                m.link = l;
                m.progress = 0.0;
                counts.left(m.place);
                Some(end)
            }
            _ => {
                m.route = NONE;
                m.hop = 0;
                None
            }
        }
    }

    /// One day for a mover (FLEE's `evolve` then `finish_travel`, with further hops while the day's
    /// distance allows). Returns what happened.
    #[inline]
    pub fn day<R: Draw>(&self, m: &mut Mover, rng: &mut R) -> DayMoves {
        self.day_with::<false, R>(m, rng)
    }

    /// Whether today's rules need none of the features a plain FLEE world lacks: goals, checkpoints,
    /// starting on foot, walking on some roads. Then [`DayContext::day_plain`] gives what `day` gives.
    pub fn plain(&self) -> bool {
        self.goal_places.is_empty() && self.watch.place.is_empty() && !self.settings.start_on_foot && !self.net.walking
    }

    /// [`DayContext::day`] for a plain day (see [`DayContext::plain`]; the caller checks it), compiled
    /// without the tests of those features: the agent pass of FLEE's worlds calls it for every mover.
    #[inline(always)]
    pub fn day_plain<R: Draw>(&self, m: &mut Mover, rng: &mut R) -> DayMoves {
        debug_assert!(self.plain() && m.goal_slot == NONE);
        self.day_with::<true, R>(m, rng)
    }

    #[inline(always)]
    fn day_with<const PLAIN: bool, R: Draw>(&self, m: &mut Mover, rng: &mut R) -> DayMoves {
        let mut out = DayMoves::default();
        if m.travelling() {
            let end = self.road_end(m.link);
            self.travel_with::<PLAIN, false, R, Snapshot>(m, rng, &mut Snapshot, &mut out, end);
        } else if let Some(end) = self.evolve::<PLAIN, R, Snapshot>(m, rng, &mut Snapshot) {
            out.departed = true;
            self.travel_with::<PLAIN, true, R, Snapshot>(m, rng, &mut Snapshot, &mut out, end);
        }
        out
    }

    /// FLEE's decision pass for a mover at a place (`Person.evolve`): whether it stepped onto a road.
    /// `PLAIN`: on a plain day (see `plain`), compiled without the tests of what such a day lacks.
    #[inline]
    pub fn leave<const PLAIN: bool, R: Draw, C: Counts>(&self, m: &mut Mover, rng: &mut R, counts: &mut C) -> bool {
        debug_assert!(!PLAIN || (self.plain() && m.goal_slot == NONE));
        !m.travelling() && self.evolve::<PLAIN, R, C>(m, rng, counts).is_some()
    }

    /// FLEE's travel pass for a mover on a road (`Person.finish_travel`), with further hops while the
    /// day's distance allows; arrivals and onward departures are added to `out`. `PLAIN` as for `leave`.
    #[inline(always)]
    pub fn travel<const PLAIN: bool, R: Draw, C: Counts>(
        &self,
        m: &mut Mover,
        rng: &mut R,
        counts: &mut C,
        out: &mut DayMoves,
    ) {
        debug_assert!(!PLAIN || (self.plain() && m.goal_slot == NONE));
        let end = self.road_end(m.link);
        self.travel_with::<PLAIN, false, R, C>(m, rng, counts, out, end);
    }

    /// `travel` for a mover on a road whose end (`DayTables::road_end`) is `end`; `FRESH`: the mover
    /// stepped onto it from a place today (see `hop`).
    #[inline(always)]
    fn travel_with<const PLAIN: bool, const FRESH: bool, R: Draw, C: Counts>(
        &self,
        m: &mut Mover,
        rng: &mut R,
        counts: &mut C,
        out: &mut DayMoves,
        mut end: u32,
    ) {
        let mut moved = 0.0f64;
        if FRESH {
            match self.hop::<PLAIN, true, R, C>(m, rng, counts, out, end, &mut moved) {
                Some(next) => end = next,
                None => return,
            }
        }
        // FLEE's recursion is bounded by the day's distance; the cap (64 roads a day, with the fresh
        // one) guards against zero-length roads.
        for _ in usize::from(FRESH)..64 {
            match self.hop::<PLAIN, false, R, C>(m, rng, counts, out, end, &mut moved) {
                Some(next) => end = next,
                None => return,
            }
        }
    }

    /// One road of `travel`: the mover goes along its road (whose end is `end`) with the day's distance
    /// so far `moved`; if it reaches the end, it decides there. Returns the end of the next road it
    /// took today, if any.
    ///
    /// `FRESH`: the mover stepped onto this road from a place today, so that it starts the road and the
    /// day at 0. Then reaching the end (`speed > km`) leaves distance over: the day's distance after
    /// it, `speed + (km - speed)`, is below `speed` (it is `km` exactly when `km >= speed / 2`, as
    /// the difference is then exact; at most `speed / 2` otherwise, as rounding keeps order). So the
    /// mover is never `tired` on arriving, and the compiler is told so: whether it goes on then
    /// depends on its wait alone, known early, rather than on the road's length read last.
    #[inline(always)]
    fn hop<const PLAIN: bool, const FRESH: bool, R: Draw, C: Counts>(
        &self,
        m: &mut Mover,
        rng: &mut R,
        counts: &mut C,
        out: &mut DayMoves,
        end: u32,
        moved: &mut f64,
    ) -> Option<u32> {
        debug_assert!(!FRESH || (*moved == 0.0 && m.progress == 0.0));
        let link_id = m.link;
        if !PLAIN {
            out.road = Some(link_id);
        }
        let link = &self.net.links[link_id as usize];
        let mut speed = link.speed;
        if !PLAIN && self.settings.start_on_foot && m.flags & flags::HAS_TRAVELLED == 0 {
            speed = self.settings.max_walk_speed;
        }
        if !PLAIN && link.walk_probability > 0.0 && rng.uniform() < link.walk_probability {
            speed = self.settings.max_walk_speed;
        }
        *moved = along_road(m, speed, link.km, *moved)?; // None: still on the road tonight
        m.flags |= flags::HAS_TRAVELLED;
        m.progress = 0.0;
        m.link = NONE;
        if m.flags & flags::BOUNCE != 0 {
            m.flags &= !flags::BOUNCE;
            m.place = link.from;
            counts.arrived(m.place);
            return None;
        }
        m.place = end & !ROAD_END_BY_TABLE;
        debug_assert_eq!(m.place, link.to);
        let by_table = end & ROAD_END_BY_TABLE != 0;
        counts.arrived(m.place);
        m.wake = NONE;
        out.arrived = true;
        if !PLAIN && out.checkpoint.is_none() {
            out.checkpoint = self.watch.met(link_id, m.place);
        }
        let tired = *moved >= speed;
        // Asserted as "not tired", what the branch below relies on (so also for a NaN distance).
        debug_assert!(!(FRESH && tired), "a fresh road's arrival leaves distance over");
        let tired = !FRESH && tired;
        self.evolve_on_arrival::<PLAIN, R, C>(m, rng, counts, by_table, tired)
    }
}

/// A day's `speed` along the mover's road of `km`, with `moved` km behind it today: the day's
/// distance once the road's end is reached, or None (the progress kept) if the end is not reached
/// today. FLEE's arithmetic: the distance counts the day's speed, less what the road's end left over.
#[inline(always)]
fn along_road(m: &mut Mover, speed: f64, km: f64, moved: f64) -> Option<f64> {
    let progress = f64::from(m.progress) + speed;
    if progress <= km {
        m.progress = progress as f32;
        return None;
    }
    Some(moved + speed + (km - progress))
}

#[cfg(test)]
mod tests {
    use super::{along_road, Mover};
    use proptest::prelude::*;

    /// `hop`'s arithmetic for a road taken fresh (progress and the day's distance 0): the day's
    /// distance after reaching the end, or None if the mover is still on the road.
    fn moved_after_fresh_road(speed: f64, km: f64) -> Option<f64> {
        along_road(&mut Mover::at(0), speed, km, 0.0)
    }

    proptest! {
        /// The claim `hop::<_, true, ..>` rests on: a fresh road's arrival is never tired.
        #[test]
        fn a_fresh_roads_arrival_leaves_distance_over(speed in 1e-9f64..1e9, km in 0.0f64..1e9, close in 0u32..3) {
            // Lengths just below the speed (a few units in the last place) are where rounding could
            // bite; draw them often.
            let km = if close == 0 { f64::from_bits(speed.to_bits() - (km.to_bits() % 4 + 1)) } else { km };
            if let Some(moved) = moved_after_fresh_road(speed, km) {
                prop_assert!(moved < speed, "speed {speed}, km {km}: moved {moved}");
            }
        }
    }

    #[test]
    fn a_fresh_road_at_the_edges() {
        for (speed, km) in
            [(200.0, 199.99999999999997), (200.0, 0.0), (1e-300, 0.0), (3.0, 1.0000000000000002), (f64::MAX, 1.0)]
        {
            let moved = moved_after_fresh_road(speed, km).expect("the end is reached");
            assert!(moved < speed, "speed {speed}, km {km}: moved {moved}");
        }
        assert_eq!(moved_after_fresh_road(200.0, 200.0), None, "a road as long as the day's distance is not reached");
    }
}
