//! The road network: places and directed links in compressed adjacency, the routes an agent can see
//! (FLEE's awareness), and shortest-path tables toward goals.

use crate::population::NONE;
use crate::scenario::{ForcedRedirection, MovementSettings, Place, PlaceKind, Route, Scenario};
use std::collections::{BinaryHeap, HashMap};

/// One direction of a road.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub from: u32,
    pub to: u32,
    pub km: f64,
    /// Speed on this road (km a day): its own, or else the scenario's `max_move_speed`.
    pub speed: f64,
    pub walk_probability: f64,
}

/// Routes an agent at each place can choose: paths of up to `awareness` hops over open links,
/// markers passed through but not counted, never revisiting a place (FLEE's `calculateLinkWeight`).
#[derive(Clone, Debug, Default)]
pub struct RouteTable {
    /// Routes of place p are `place_start[p]..place_start[p + 1]`.
    pub place_start: Vec<u32>,
    /// Hops of route r (the places after the starting place) are `hops[hop_start[r]..hop_start[r + 1]]`.
    pub hop_start: Vec<u32>,
    pub hops: Vec<u32>,
    /// Total km of route r.
    pub km: Vec<f64>,
    /// The link from the starting place to the first hop of route r.
    pub first_link: Vec<u32>,
    /// What a mover stepping onto route r reads, in one place (derived from the fields above).
    pub heads: Vec<RouteHead>,
}

/// The first link, final place and number of hops of a route, side by side for the movement rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RouteHead {
    pub first_link: u32,
    pub end: u32,
    pub hops: u32,
}

impl RouteTable {
    pub fn len(&self) -> usize {
        self.km.len()
    }

    pub fn is_empty(&self) -> bool {
        self.km.is_empty()
    }

    pub fn routes_of(&self, place: u32) -> std::ops::Range<usize> {
        self.place_start[place as usize] as usize..self.place_start[place as usize + 1] as usize
    }

    pub fn hops_of(&self, route: u32) -> &[u32] {
        &self.hops[self.hop_start[route as usize] as usize..self.hop_start[route as usize + 1] as usize]
    }

    /// The route's final place.
    pub fn end(&self, route: u32) -> u32 {
        self.heads[route as usize].end
    }

    /// Copies route `route` of `from` (a table this one replaced) to the end of this table, beyond
    /// every place's routes, so that a mover holding it goes on as planned: FLEE's movers keep the
    /// route they chose, and a road of it that has closed stops them when they reach it. Such a
    /// route is never drawn. Returns its index here.
    pub fn carry(&mut self, from: &RouteTable, route: u32) -> u32 {
        let r = route as usize;
        let new = self.km.len() as u32;
        self.hops.extend_from_slice(from.hops_of(route));
        self.hop_start.push(self.hops.len() as u32);
        self.km.push(from.km[r]);
        self.first_link.push(from.first_link[r]);
        self.heads.push(from.heads[r]);
        new
    }
}

/// Shortest road distances toward one target, and the next place on a shortest path.
#[derive(Clone, Debug)]
pub struct PathsTo {
    pub target: u32,
    pub km: Vec<f64>,
    /// The next place from p on a shortest path to the target (`NONE` at the target or if unreachable).
    pub next: Vec<u32>,
}

/// The network of a scenario.
#[derive(Clone, Debug)]
pub struct Network {
    pub kinds: Vec<PlaceKind>,
    pub links: Vec<Link>,
    /// Outgoing links of place p are `out_links[out_start[p]..out_start[p + 1]]`, in table order.
    pub out_start: Vec<u32>,
    pub out_links: Vec<u32>,
    /// Whether each link is open today.
    pub open: Vec<bool>,
    pub routes: RouteTable,
    /// Counts rebuilds of `routes` (a closure opens or shuts a road), so tables built from the route
    /// table know when it changed.
    pub routes_version: u32,
    pub awareness: u32,
    /// Whether some road has a chance of walking on it (FLEE 3's `walk_probability`).
    pub walking: bool,
}

/// The most memory a network's route table may take: a route costs about 69 bytes with the movement
/// rules' tables, and 4 more for each road it passes (a network of 26 places each joined to every
/// other, at awareness level 4, lists 8.3 million routes of about 4 roads and peaked at 692 MB: 84
/// bytes a route). Robustness review of
/// session 34: 30 such places needed over 1 GB and the run died of it, while loading, with no word.
pub const MAX_ROUTE_BYTES: u64 = 700_000_000;
/// Bytes of a route besides its roads (`MAX_ROUTE_BYTES`).
pub const ROUTE_BYTES: u64 = 69;
/// The most work the walk may do: each step of the search (listed as a route or passing through a
/// marker) counts the places it compares its next ones with (the path so far): paths through markers
/// list no route but are walked all the same (diff review of session 34: a dense mesh of markers
/// would be walked for ever).
pub const MAX_WALKED: u64 = 200_000_000;
/// The most roads a route may pass (through markers): an agent's position on its route is 16 bits,
/// and the walks that list routes recurse a step a road, so far fewer are allowed.
pub const MAX_ROUTE_ROADS: u64 = 10_000;

/// What listing a network's routes would take (`count_routes`), counted until past a limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RouteSize {
    pub routes: u64,
    /// The routes' memory: `ROUTE_BYTES` each and 4 a road.
    pub bytes: u64,
    /// The walk's work: its steps, each counting the length of the path it extends.
    pub walked: u64,
    /// The most roads a route passes.
    pub longest: u64,
}

impl RouteSize {
    /// Whether listing the routes stays within the limits: memory, paths walked, and roads a route
    /// passes (an agent's position on its route is 16 bits).
    pub fn fits(&self) -> bool {
        self.bytes <= MAX_ROUTE_BYTES && self.walked <= MAX_WALKED && self.longest <= MAX_ROUTE_ROADS
    }
}

/// What `Network::new` would take to list the routes of these roads (all open) up to `awareness`
/// roads, counted without listing them, and stopped once past a limit (`RouteSize::fits`).
pub fn count_routes(movement: &MovementSettings, routes: &[Route], places: &[Place]) -> RouteSize {
    let mut out: Vec<Vec<u32>> = vec![Vec::new(); places.len()];
    for r in routes {
        let twice = movement.forced_redirection == ForcedRedirection::Flee && r.forced_redirection == 1;
        for _ in 0..if twice { 2 } else { 1 } {
            out[r.a.index()].push(r.b.0);
            out[r.b.index()].push(r.a.0);
        }
    }
    let marker: Vec<bool> = places.iter().map(|p| p.kind == PlaceKind::Marker).collect();
    let walk = Walk { out: &out, marker: &marker, awareness: movement.awareness_level };
    let (mut size, mut chain) = (RouteSize::default(), Vec::new());
    for p in 0..places.len() as u32 {
        if movement.awareness_level == 0 || !size.fits() {
            break;
        }
        chain.clear();
        chain.push(p);
        for &to in &out[p as usize] {
            walk.explore(to, 1, &mut chain, &mut size);
        }
    }
    size
}

/// `Network::explore`'s walk, counting the routes instead of listing them.
struct Walk<'a> {
    out: &'a [Vec<u32>],
    marker: &'a [bool],
    awareness: u32,
}

impl Walk<'_> {
    fn explore(&self, to: u32, mut step: u32, chain: &mut Vec<u32>, size: &mut RouteSize) {
        if !size.fits() {
            return;
        }
        size.walked += chain.len() as u64;
        chain.push(to);
        if chain.len() as u64 - 1 > MAX_ROUTE_ROADS {
            size.longest = chain.len() as u64 - 1; // no deeper: the walk recurses a step a road
            chain.pop();
            return;
        }
        if self.marker[to as usize] {
            step -= 1;
        } else {
            let roads = chain.len() as u64 - 1;
            size.routes += 1;
            size.bytes += ROUTE_BYTES + 4 * roads;
            size.longest = size.longest.max(roads);
        }
        if self.awareness > step {
            for &next in &self.out[to as usize] {
                if !chain[..chain.len() - 1].contains(&next) {
                    self.explore(next, step + 1, chain, size);
                }
            }
        }
        chain.pop();
    }
}

impl Network {
    /// Builds the network from the scenario's routes: route i gives links 2i (a→b) and 2i+1 (b→a)
    /// (unless `forced_redirection = "flee"` adds a road twice: then the pair repeats).
    pub fn new(scenario: &Scenario) -> Network {
        let n = scenario.places.len();
        let mut links = Vec::with_capacity(scenario.routes.len() * 2);
        // FLEE's reader adds a road with forced_redirection 1 twice (docs/flee-compat.md (e)).
        let twice = |r: &crate::scenario::Route| {
            scenario.movement.forced_redirection == crate::scenario::ForcedRedirection::Flee
                && r.forced_redirection == 1
        };
        for r in scenario.routes.iter().flat_map(|r| std::iter::repeat_n(r, if twice(r) { 2 } else { 1 })) {
            let walk = r.walk_probability.unwrap_or(0.0);
            links.push(Link {
                from: r.a.0,
                to: r.b.0,
                km: r.distance_km,
                speed: r.max_move_speed.unwrap_or(scenario.movement.max_move_speed),
                walk_probability: walk,
            });
            links.push(Link {
                from: r.b.0,
                to: r.a.0,
                km: r.distance_km,
                speed: r.max_move_speed.unwrap_or(scenario.movement.max_move_speed),
                walk_probability: walk,
            });
        }
        let mut out_start = vec![0u32; n + 1];
        for l in &links {
            out_start[l.from as usize + 1] += 1;
        }
        for p in 0..n {
            out_start[p + 1] += out_start[p];
        }
        let mut fill = out_start.clone();
        let mut out_links = vec![0u32; links.len()];
        // FLEE adds a route's link to both ends in table order; keep that order per place.
        for (i, l) in links.iter().enumerate() {
            let slot = &mut fill[l.from as usize];
            out_links[*slot as usize] = i as u32;
            *slot += 1;
        }
        let walking = links.iter().any(|l| l.walk_probability > 0.0);
        let mut net = Network {
            walking,
            kinds: scenario.places.iter().map(|p| p.kind).collect(),
            open: vec![true; links.len()],
            links,
            out_start,
            out_links,
            routes: RouteTable::default(),
            routes_version: 0,
            awareness: scenario.movement.awareness_level,
        };
        net.rebuild_routes();
        net
    }

    pub fn places(&self) -> usize {
        self.kinds.len()
    }

    pub fn out(&self, place: u32) -> &[u32] {
        &self.out_links[self.out_start[place as usize] as usize..self.out_start[place as usize + 1] as usize]
    }

    /// The link the other way along link `l`'s road: route i gives links 2i (a→b) and 2i + 1 (b→a)
    /// (`Network::new`).
    pub fn reverse(l: u32) -> u32 {
        l ^ 1
    }

    /// The open link from `from` to `to`, if any.
    pub fn open_link(&self, from: u32, to: u32) -> Option<u32> {
        self.out(from).iter().copied().find(|&l| self.open[l as usize] && self.links[l as usize].to == to)
    }

    /// Recomputes the route table from the links open now (call after closures change), and returns
    /// the table it replaces: movers on one of its routes keep it (`RouteTable::carry`).
    pub fn rebuild_routes(&mut self) -> RouteTable {
        let mut t =
            RouteTable { place_start: Vec::with_capacity(self.places() + 1), hop_start: vec![0], ..Default::default() };
        let mut chain = Vec::new();
        for p in 0..self.places() as u32 {
            t.place_start.push(t.km.len() as u32);
            if self.awareness == 0 {
                continue;
            }
            chain.clear();
            chain.push(p);
            for &l in self.out(p) {
                if self.open[l as usize] {
                    let before = t.km.len();
                    self.explore(l, 0.0, 1, &mut chain, &mut t);
                    t.first_link.resize(t.km.len().max(before), l);
                }
            }
        }
        t.place_start.push(t.km.len() as u32);
        t.heads = (0..t.km.len())
            .map(|r| {
                let (a, b) = (t.hop_start[r] as usize, t.hop_start[r + 1] as usize);
                RouteHead { first_link: t.first_link[r], end: t.hops[b - 1], hops: (b - a) as u32 }
            })
            .collect();
        self.routes_version = self.routes_version.wrapping_add(1);
        std::mem::replace(&mut self.routes, t)
    }

    fn explore(&self, link: u32, prior_km: f64, mut step: u32, chain: &mut Vec<u32>, t: &mut RouteTable) {
        let l = &self.links[link as usize];
        let km = prior_km + l.km;
        chain.push(l.to);
        if self.kinds[l.to as usize] != PlaceKind::Marker {
            t.hops.extend_from_slice(&chain[1..]);
            t.hop_start.push(t.hops.len() as u32);
            t.km.push(km);
        } else {
            step -= 1;
        }
        if self.awareness > step {
            for &next in self.out(l.to) {
                let to = self.links[next as usize].to;
                // FLEE skips links back into the chain before this place.
                if self.open[next as usize] && !chain[..chain.len() - 1].contains(&to) {
                    self.explore(next, km, step + 1, chain, t);
                }
            }
        }
        chain.pop();
    }

    /// Shortest road distances to `target` over all links (open or not), by Dijkstra. Of equal
    /// paths the one through the lower-numbered next place is taken. A place's next place is always
    /// one settled before it, so following `next` from any place ends at `target`, also where a
    /// road adds nothing to a distance (a road of 1e-20 km after thousands of km).
    pub fn paths_to(&self, target: u32) -> PathsTo {
        self.paths_to_over(target, false)
    }

    /// `paths_to` over the roads open today only (`INFINITY` where only closed roads lead).
    pub fn open_paths_to(&self, target: u32) -> PathsTo {
        self.paths_to_over(target, true)
    }

    fn paths_to_over(&self, target: u32, open_only: bool) -> PathsTo {
        let n = self.places();
        let mut km = vec![f64::INFINITY; n];
        let mut next = vec![NONE; n];
        let mut settled = vec![false; n];
        let mut heap = BinaryHeap::new();
        km[target as usize] = 0.0;
        heap.push(HeapItem(0.0, target));
        while let Some(HeapItem(d, p)) = heap.pop() {
            if settled[p as usize] {
                continue; // a stale entry: `p` was settled by a shorter (or equal) one
            }
            settled[p as usize] = true;
            // Links are two-way, so walk p's outgoing links backwards: q = link.to can reach p.
            for &l in self.out(p) {
                let q = self.links[l as usize].to;
                if settled[q as usize] {
                    continue; // its path is final: a way through p is no shorter
                }
                // The road q → p, which a one-way closure (`link_closures = "flee"`) may shut while
                // p → q stays open (code review of session 32: this looked at p → q).
                if open_only && !self.open[Network::reverse(l) as usize] {
                    continue;
                }
                let nd = d + self.links[l as usize].km;
                if nd < km[q as usize] || (nd == km[q as usize] && p < next[q as usize]) {
                    km[q as usize] = nd;
                    next[q as usize] = p;
                    heap.push(HeapItem(nd, q));
                }
            }
        }
        PathsTo { target, km, next }
    }

    /// Distance tables toward each of `targets` (deduplicated), keyed by target place.
    pub fn paths_to_all(&self, targets: impl IntoIterator<Item = u32>) -> HashMap<u32, PathsTo> {
        let mut out = HashMap::new();
        for t in targets {
            out.entry(t).or_insert_with(|| self.paths_to(t));
        }
        out
    }
}

#[derive(PartialEq)]
struct HeapItem(f64, u32);
impl Eq for HeapItem {}
impl Ord for HeapItem {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.0.total_cmp(&self.0).then_with(|| other.1.cmp(&self.1))
    }
}
impl PartialOrd for HeapItem {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worlds::line_world;

    /// `count_routes` walks as `Network::explore` lists (diff review of session 34: nothing checked
    /// it): the same routes and roads, at every awareness level, through markers, with roads added
    /// twice, on the built-in scenarios and a world of markers.
    #[test]
    fn counted_routes_are_the_routes_listed() {
        let mut worlds = vec![crate::worlds::demo().unwrap(), crate::worlds::caravan_2018().unwrap()];
        let mut marked = line_world(&["A", "M1", "M2", "B", "C", "D"], 10.0, 1);
        marked.places[1].kind = PlaceKind::Marker;
        marked.places[2].kind = PlaceKind::Marker;
        let (a, d) = (marked.routes[0].a, marked.places.len() as u32 - 1);
        let mut twice = marked.routes[0].clone();
        (twice.b, twice.forced_redirection) = (crate::scenario::PlaceId(d), 1);
        marked.routes.push(twice);
        marked.movement.forced_redirection = ForcedRedirection::Flee;
        assert_eq!(marked.routes.last().map(|r| r.a), Some(a));
        worlds.push(marked);
        for mut s in worlds {
            for level in 1..=3 {
                s.movement.awareness_level = level;
                let net = Network::new(&s);
                let size = count_routes(&s.movement, &s.routes, &s.places);
                let roads: u64 = (0..net.routes.km.len() as u32).map(|r| net.routes.hops_of(r).len() as u64).sum();
                assert_eq!(size.routes, net.routes.km.len() as u64, "{} at level {level}", s.name);
                assert_eq!(size.bytes, ROUTE_BYTES * size.routes + 4 * roads, "{} at level {level}", s.name);
            }
        }
    }

    #[test]
    fn awareness_one_sees_neighbours() {
        // A - B - C, 10 km each.
        let s = line_world(&["A", "B", "C"], 10.0, 1);
        let net = Network::new(&s);
        let rb: Vec<_> = net.routes.routes_of(1).map(|r| net.routes.hops_of(r as u32).to_vec()).collect();
        assert_eq!(rb, vec![vec![0], vec![2]]);
    }

    #[test]
    fn awareness_two_sees_two_hops_without_loops() {
        let s = line_world(&["A", "B", "C", "D"], 10.0, 2);
        let net = Network::new(&s);
        let ra: Vec<_> =
            net.routes.routes_of(0).map(|r| (net.routes.hops_of(r as u32).to_vec(), net.routes.km[r])).collect();
        assert_eq!(ra, vec![(vec![1], 10.0), (vec![1, 2], 20.0)]);
    }

    #[test]
    fn closed_links_leave_the_route_table() {
        let s = line_world(&["A", "B", "C"], 10.0, 1);
        let mut net = Network::new(&s);
        let l = net.open_link(1, 2).unwrap();
        net.open[l as usize] = false;
        net.rebuild_routes();
        assert_eq!(net.routes.routes_of(1).len(), 1);
        assert!(net.open_link(1, 2).is_none());
    }

    #[test]
    fn shortest_paths_point_the_way() {
        let s = line_world(&["A", "B", "C", "D"], 10.0, 1);
        let net = Network::new(&s);
        let p = net.paths_to(3);
        assert_eq!(p.km, vec![30.0, 20.0, 10.0, 0.0]);
        assert_eq!(p.next[0], 1);
        assert_eq!(p.next[3], NONE);
    }

    /// Review of session 21: a road of 1e-20 km after 4,000 km adds nothing to a distance, and the
    /// tie between its two ends made each the other's next place; following the way to a caravan's
    /// goal then went round for ever (the loader filled the memory).
    #[test]
    fn the_way_to_a_target_ends_there_when_a_road_adds_nothing() {
        let mut s = line_world(&["A", "B", "T"], 4000.0, 1);
        s.routes[0].distance_km = 1e-20; // A - B; B - T is 4,000 km
        let net = Network::new(&s);
        let p = net.paths_to(2);
        assert_eq!(p.km, vec![4000.0, 4000.0, 0.0]);
        let mut at = 0;
        for _ in 0..3 {
            if at != 2 {
                at = p.next[at as usize];
            }
        }
        assert_eq!(at, 2, "the way from A ends at T: {:?}", p.next);
    }
}
