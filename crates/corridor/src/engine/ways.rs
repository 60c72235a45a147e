//! The shortest ways the engine steers by, toward caravans' targets and movers' goals: over the roads
//! open today, found again whenever a closure shuts or reopens a road.

use crate::network::{Network, PathsTo};
use std::collections::HashMap;

/// Shortest-path tables toward every caravan target and goal place.
pub struct Ways {
    /// Toward each caravan target, as `goals` are toward goals (`today`).
    pub targets: HashMap<u32, PathsTo>,
    /// Toward each goal place, by goal slot: over the roads open today where they lead there, else
    /// (a way every closure shuts) over every road, `CUT_OFF` km farther, so that a mover or caravan
    /// cut off goes as far as the open roads take it toward the closure, and waits there; no way (next
    /// `NONE`, km infinite) only where no road at all leads there.
    pub goals: Vec<PathsTo>,
    /// The same over every road, closed ones too.
    all_targets: HashMap<u32, PathsTo>,
    all_goals: Vec<PathsTo>,
}

/// Added to a place's distance to a goal over every road where no open road leads there: more than
/// any way over open roads, so an open way is always nearer (km; assumption: longer than any road
/// network).
const CUT_OFF: f64 = 1e12;

/// The way to `all.target` today: over the open roads (`open`), and where they lead nowhere, over
/// every road (`all`), `CUT_OFF` km farther.
fn today(mut open: PathsTo, all: &PathsTo) -> PathsTo {
    for ((km, next), (&all_km, &all_next)) in open.km.iter_mut().zip(&mut open.next).zip(all.km.iter().zip(&all.next)) {
        if !km.is_finite() {
            (*km, *next) = (CUT_OFF + all_km, all_next);
        }
    }
    open
}

impl Ways {
    /// The ways over `net`'s roads as they are (all open before the first day's closures).
    pub fn new(net: &Network, targets: impl IntoIterator<Item = u32>, goal_places: &[u32]) -> Ways {
        let all_targets = net.paths_to_all(targets);
        let all_goals: Vec<PathsTo> = goal_places.iter().map(|&g| net.paths_to(g)).collect();
        Ways { targets: all_targets.clone(), goals: all_goals.clone(), all_targets, all_goals }
    }

    /// Finds the ways over the open roads again, after a closure shut or reopened one (code review of
    /// session 32: they were found once, over every road, so a caravan waited for good behind a road
    /// closed for good, and movers with a goal refused every detour).
    pub fn roads_changed(&mut self, net: &Network, goal_places: &[u32]) {
        for (target, paths) in &mut self.targets {
            *paths = today(net.open_paths_to(*target), &self.all_targets[target]);
        }
        for ((paths, all), &goal) in self.goals.iter_mut().zip(&self.all_goals).zip(goal_places) {
            *paths = today(net.open_paths_to(goal), all);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::population::Status;
    use crate::scenario::{Closure, ClosureTarget, Inflow, Makeup, PlaceId, Scenario};
    use crate::worlds::line_places::{A, B, C, D};
    use crate::Simulation;

    /// `caravan_line` (A — B — C — D, 100 km apart; a caravan of 5 at `speed` km a day for D) for
    /// `days` days, with a 300 km detour B — D when `detour`, and `closures`.
    fn world(days: u32, speed: f64, detour: bool, closures: Vec<Closure>) -> Scenario {
        let mut s = crate::worlds::caravan_line(5, speed);
        s.period.days = days;
        if detour {
            let mut road = s.routes[0].clone();
            (road.a, road.b, road.distance_km) = (PlaceId(B), PlaceId(D), 300.0);
            s.routes.push(road);
        }
        s.closures = closures;
        s
    }

    /// An inflow of 20 people setting out from `origin` on day 0 for D.
    fn twenty_bound_for_d(origin: u32) -> Inflow {
        Inflow {
            name: "f".into(),
            origin: PlaceId(origin),
            from_day: 0,
            to_day: 0,
            people_per_day: 20.0,
            goals: vec![(PlaceId(D), 1.0)],
            family_size: 1,
            makeup: Makeup::default(),
            cross_on_arrival: None,
            source: String::new(),
        }
    }

    fn link_closure(a: u32, b: u32, start: i64, end: Option<i64>) -> Closure {
        Closure { target: ClosureTarget::Link(PlaceId(a), PlaceId(b)), start, end }
    }

    /// Code review of session 32: the caravan's way was found once, over every road, so with B — C
    /// closed for good it waited at B to the end, though B — D was open. It takes the detour now.
    #[test]
    fn a_caravan_takes_an_open_detour_round_a_road_closed_for_good() {
        let s = world(12, 100.0, true, vec![link_closure(B, C, 0, None)]);
        let mut sim = Simulation::new(&s, 1);
        for _ in 0..12 {
            sim.step();
        }
        let g = &sim.groups()[0];
        assert!(!g.active, "it reached D and disbanded: at {} on {:?}", g.mover.place, g.mover.link);
        assert_eq!(g.mover.place, D);
        assert!(sim.agents().place.iter().all(|&p| p == D), "{:?}", sim.agents().place);
    }

    /// With no way open, the caravan waits where it stands for the road to reopen, then goes on.
    #[test]
    fn a_caravan_waits_while_every_way_is_shut_and_goes_on_when_one_reopens() {
        let s = world(10, 100.0, false, vec![link_closure(B, C, 0, Some(5))]);
        let mut sim = Simulation::new(&s, 1);
        let mut at = Vec::new();
        for _ in 0..10 {
            sim.step();
            let m = &sim.groups()[0].mover;
            at.push(if m.travelling() { None } else { Some(m.place) });
        }
        assert_eq!(at[1..5], [Some(B); 4], "{at:?}");
        assert_eq!(at.last(), Some(&Some(D)), "{at:?}");
    }

    /// Code review of session 32: a caravan on a road closed under it went on through it; it goes
    /// back to the road's start, as FLEE sends a mover, and its members with it.
    #[test]
    fn a_caravan_on_a_road_that_closes_goes_back_to_its_start() {
        // 60 km along A → B on day 0; A — B closes on day 1.
        let s = world(4, 60.0, false, vec![link_closure(A, B, 1, None)]);
        let mut sim = Simulation::new(&s, 1);
        sim.step();
        assert_eq!(sim.groups()[0].mover.link, sim.network().open_link(A, B).unwrap_or(u32::MAX));
        for _ in 0..3 {
            sim.step();
            let g = &sim.groups()[0];
            assert!(g.active && !g.mover.travelling(), "it waits, the way shut");
            assert_eq!(g.mover.place, A);
            assert!(sim.agents().place.iter().all(|&p| p == A), "{:?}", sim.agents().place);
            assert!(sim.agents().status.iter().all(|&s| s == Status::AtPlace));
        }
    }

    /// Final review of session 33: with every way to their goal shut, movers with a goal waited where
    /// they were (their origin); they go as far as the open roads take them, as before the ways were
    /// found over open roads, and wait at the closure.
    #[test]
    fn movers_cut_off_from_their_goal_walk_up_to_the_closure() {
        let mut s = world(30, 100.0, false, vec![link_closure(C, D, 0, None)]);
        s.caravans.clear();
        s.inflows.push(twenty_bound_for_d(A));
        let mut sim = Simulation::new(&s, 1);
        for _ in 0..30 {
            sim.step();
        }
        let at_c = sim.agents().place.iter().filter(|&&p| p == C).count();
        assert!(at_c >= 15, "{at_c} of 20 at C, by the closed road: {:?}", sim.agents().place);
    }

    /// Final review 2 of session 33: a caravan walking back along a road closed under it was turned
    /// again when the road closed a second time, and walked on through it to its end. It walks back,
    /// arrives at its start without counting an arrival, and waits there.
    #[test]
    fn a_caravan_walking_back_is_not_turned_again() {
        // 10 km a day: 50 km along A → B after day 4; closed on day 5, open on 6, closed from 7 on.
        let closures = vec![link_closure(A, B, 5, Some(6)), link_closure(A, B, 7, None)];
        let s = world(14, 10.0, false, closures);
        let mut sim = Simulation::new(&s, 1);
        let mut arrivals_at_a = 0;
        for _ in 0..14 {
            let obs = sim.step();
            arrivals_at_a += obs.arrivals[A as usize];
        }
        let g = &sim.groups()[0];
        assert!(g.active && !g.mover.travelling() && g.mover.place == A, "{:?}", g.mover.place);
        assert!(sim.agents().place.iter().all(|&p| p == A), "{:?}", sim.agents().place);
        assert_eq!(arrivals_at_a, 0, "walking back to its start is no arrival");
    }

    /// Code review of session 32: movers with a goal weighed roads by their distance to it over every
    /// road, so with B — C closed for good none took the open detour B — D. They do now.
    #[test]
    fn movers_with_a_goal_take_an_open_detour() {
        // The detour B — E — D (100 + 250 km) leaves B for a place farther from D than B by every road
        // (250 km against 200 through C), but nearer by the roads open (350 from B).
        let mut s = world(40, 100.0, false, vec![link_closure(B, C, 0, None)]);
        let mut e = s.places[0].clone();
        e.name = "E".into();
        s.places.push(e);
        for (a, b, km) in [(B, 4, 100.0), (4, D, 250.0)] {
            let mut road = s.routes[0].clone();
            (road.a, road.b, road.distance_km) = (PlaceId(a), PlaceId(b), km);
            s.routes.push(road);
        }
        s.caravans.clear();
        s.inflows.push(twenty_bound_for_d(B));
        let mut sim = Simulation::new(&s, 1);
        for _ in 0..40 {
            sim.step();
        }
        let at_d = sim.agents().place.iter().filter(|&&p| p == D).count();
        assert!(at_d >= 15, "{at_d} of 20 at D: {:?}", sim.agents().place);
    }
}
