//! Groups that move as one: caravans (itinerary, pauses, votes to leave, stragglers) and families
//! (one FLEE decision for all members). Members copy their group's position in the agent pass.

use crate::movement::{DayContext, Met, Mover};
use crate::network::PathsTo;
use crate::population::{Status, NONE};
use crate::rng::{Purpose, Stream};
use crate::scenario::{Pause, PauseEnd};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq)]
pub enum GroupKind {
    Family,
    /// A caravan, with the index of its scenario entry.
    Caravan(u32),
}

/// A caravan's plan: where it goes, how fast, where it stops.
#[derive(Clone, Debug)]
pub struct CaravanPlan {
    /// Places to reach in order; the last is the destination.
    pub targets: Vec<u32>,
    pub pauses: Vec<Pause>,
    pub speed_km_per_day: f64,
    pub straggle_rate: f64,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub kind: GroupKind,
    pub mover: Mover,
    pub status: Status,
    /// False once the group has dissolved (members then move on their own).
    pub active: bool,
    /// Caravans: index of the next target and of the next pause; whether paused and since when.
    pub next_target: u32,
    pub next_pause: u32,
    pub paused_since: Option<u32>,
    /// Whether the group reached a place today (its members count as arrivals), set by the group step.
    pub arrived_today: bool,
    /// The first watched checkpoint the group passed today, if any (set by the group step).
    pub checkpoint_today: Option<Met>,
    /// The last road the group went along today, if any (set by the group step).
    pub road_today: Option<u32>,
}

impl Group {
    pub fn new(kind: GroupKind, place: u32, goal_slot: u32) -> Group {
        let mut mover = Mover::at(place);
        mover.goal_slot = goal_slot;
        Group {
            kind,
            mover,
            status: Status::AtOrigin,
            active: true,
            next_target: 0,
            next_pause: 0,
            paused_since: None,
            arrived_today: false,
            checkpoint_today: None,
            road_today: None,
        }
    }

    /// Whether a caravan is waiting at a pause (stragglers may catch up).
    pub fn paused(&self) -> bool {
        self.paused_since.is_some()
    }

    /// Whether the group is a caravan (not a family).
    pub fn is_caravan(&self) -> bool {
        matches!(self.kind, GroupKind::Caravan(_))
    }
}

/// Moves every active group one day, in id order (few groups; sequential and deterministic).
pub fn step_groups(
    groups: &mut [Group],
    plans: &[CaravanPlan],
    paths: &HashMap<u32, PathsTo>,
    ctx: &DayContext<'_>,
    seed: u64,
    day: u32,
) {
    for (id, g) in groups.iter_mut().enumerate() {
        g.arrived_today = false;
        g.checkpoint_today = None;
        g.road_today = None;
        if !g.active {
            continue;
        }
        match g.kind {
            GroupKind::Family => {
                let mut rng = Stream::new(seed, Purpose::Movement, 1, id as u32, day);
                let moves = ctx.day(&mut g.mover, &mut rng);
                g.arrived_today = moves.arrived;
                g.checkpoint_today = moves.checkpoint;
                g.road_today = moves.road;
                if moves.departed || moves.arrived || g.mover.travelling() {
                    g.status = if g.mover.travelling() { Status::Travelling } else { Status::AtPlace };
                }
                let at_goal = g.mover.goal_slot != NONE
                    && !g.mover.travelling()
                    && ctx.goal_places[g.mover.goal_slot as usize] == g.mover.place;
                if at_goal {
                    g.active = false;
                }
            }
            GroupKind::Caravan(c) => {
                let mut rng = Stream::new(seed, Purpose::Group, 0, id as u32, day);
                step_caravan(g, &plans[c as usize], paths, ctx, &mut rng, day);
            }
        }
    }
}

fn step_caravan(
    g: &mut Group,
    plan: &CaravanPlan,
    paths: &HashMap<u32, PathsTo>,
    ctx: &DayContext<'_>,
    rng: &mut Stream,
    day: u32,
) {
    let net = ctx.net;
    if let Some(since) = g.paused_since {
        let pause = &plan.pauses[g.next_pause as usize];
        let leave = match pause.end {
            PauseEnd::OnDay(d) => day >= d,
            PauseEnd::Days(n) => day >= since.saturating_add(n),
            PauseEnd::DailyChance(q) => rng.chance(q),
        };
        if !leave {
            return;
        }
        g.paused_since = None;
        g.next_pause += 1;
    }
    let mut budget = plan.speed_km_per_day;
    let m = &mut g.mover;
    for _ in 0..1024 {
        if m.travelling() {
            let link_id = m.link;
            g.road_today = Some(link_id);
            let link = &net.links[link_id as usize];
            let remaining = link.km - f64::from(m.progress);
            if budget < remaining {
                m.progress += budget as f32;
                g.status = Status::Travelling;
                return;
            }
            budget -= remaining;
            m.link = NONE;
            m.progress = 0.0;
            m.place = link.to;
            g.arrived_today = true;
            if g.checkpoint_today.is_none() {
                g.checkpoint_today = ctx.watch.met(link_id, m.place);
            }
            g.status = Status::AtPlace;
            while plan.targets.get(g.next_target as usize) == Some(&m.place) {
                g.next_target += 1;
            }
            if g.next_target as usize >= plan.targets.len() {
                g.active = false; // reached its destination: the caravan disbands
                return;
            }
            if plan.pauses.get(g.next_pause as usize).is_some_and(|p| p.place.0 == m.place) {
                g.paused_since = Some(day);
                return;
            }
        }
        let Some(&target) = plan.targets.get(g.next_target as usize) else {
            g.active = false;
            return;
        };
        let next = paths.get(&target).map_or(NONE, |p| p.next[m.place as usize]);
        if next == NONE {
            g.active = false; // the destination cannot be reached: members go on alone
            return;
        }
        match net.open_link(m.place, next) {
            Some(l) => {
                m.link = l;
                m.progress = 0.0;
                g.status = Status::Travelling;
            }
            None => return, // the road is closed today: wait
        }
    }
}
