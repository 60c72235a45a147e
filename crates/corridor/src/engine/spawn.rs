//! Creates agents: caravans on their departure day, steady inflows (with families as groups), FLEE's
//! data-driven spawns over conflict zones, and day-0 prefills. Attributes come from the flow's make-up.

use super::groups::{Group, GroupKind};
use super::Simulation;
use crate::movement::PlaceState;
use crate::population::{Agents, Status, NONE};
use crate::rng::blocks::{FirstBlocks, LongStream};
use crate::rng::guide::CumulativeGuide;
use crate::rng::{Draw, Purpose, Stream};
use crate::scenario::{Caravan, Inflow, Makeup, Scenario, ScheduledSpawns};

mod attributes;
pub use attributes::{draw_attributes, AttributeDraw};

/// Agents a flow of `people` makes, given people per agent (rounded to nearest, at least 1 if people > 0).
pub fn agents_for(people: f64, people_per_agent: u32) -> u64 {
    let a = (people / f64::from(people_per_agent)).round() as u64;
    if a == 0 && people > 0.0 {
        1
    } else {
        a
    }
}

/// Agents an inflow creates on `day`: cumulative rounding, so fractions add up exactly over time.
pub fn inflow_agents_on(rate_agents_per_day: f64, from_day: u32, day: u32) -> u64 {
    let k = f64::from(day - from_day);
    ((k + 1.0) * rate_agents_per_day).round() as u64 - (k * rate_agents_per_day).round() as u64
}

/// The most agents the scenario can create (to reserve storage once, before the day loop), saturating
/// at `u64::MAX`. The loaders refuse scenarios above `population::MAX_AGENTS`.
pub fn planned_agents(s: &Scenario) -> u64 {
    let ppa = s.people_per_agent;
    let caravans = s.caravans.iter().map(|c| caravan_agents_with_joiners(c, ppa));
    let inflows = s.inflows.iter().map(|f| inflow_agents(f, ppa));
    let scheduled = s.scheduled_spawns.iter().flat_map(|x| x.per_day.iter().copied());
    let prefill = s.prefill.iter().map(|p| p.1);
    caravans.chain(inflows).chain(scheduled).chain(prefill).fold(0, u64::saturating_add)
}

/// The first day on which FLEE's spawning has nowhere to place agents, with the number it has to place
/// (0 or more): no conflict zone has a weight (population × intensity × decay, as `spawn` computes it).
/// FLEE stops there (`flee.py`'s `pick_spawn_locations`: `assert spawn_weight_total > 0`, which
/// `spawning.py` calls every day, with no agent to place too: FLEE-user review of session 32); the
/// loader refuses such a folder.
pub fn day_without_spawn_place(s: &Scenario) -> Option<(u32, u64)> {
    let sched = s.scheduled_spawns.as_ref()?;
    let mut state = PlaceState::initial(s);
    let mut began = vec![-1; s.places.len()];
    for (day, &n) in (0u32..).zip(&sched.per_day) {
        let changed = super::events::apply_conflicts(day, &s.conflicts, &mut state, &mut began);
        let on = weights_day(day, changed);
        let total: f64 = (0..s.places.len()).map(|p| spawn_weight(&state, &began, sched, p, on)).sum();
        if total <= 0.0 || total.is_nan() {
            return Some((day, n));
        }
    }
    None
}

/// The day whose conflicts weigh FLEE's spawning on `day`: weights refreshed yesterday, or today if a
/// conflict changed today (`changed`).
fn weights_day(day: u32, changed: bool) -> i64 {
    if changed {
        i64::from(day)
    } else {
        (i64::from(day) - 1).max(0)
    }
}

/// Place `p`'s weight in FLEE's conflict-driven spawning, with the decay of `on`: population × conflict
/// intensity × decay (`began`: the day each place's conflict began), 0 out of conflict.
fn spawn_weight(state: &PlaceState, began: &[i64], sched: &ScheduledSpawns, p: usize, on: i64) -> f64 {
    if state.conflict[p] > 0.0 {
        state.population[p] * state.conflict[p] * sched.decay_factor(began[p], on)
    } else {
        0.0
    }
}

/// A flow's families: the agents of one family (`family_size` people over `people_per_agent`, rounded,
/// at least one), and the families it should have sent out by the end of `day`, so that its agents in
/// families are `in_families` of its agents by the cumulative rounding its agents follow (planner's
/// review of session 35: the size was taken in agents, 40 people to a family at 10 to an agent; diff
/// reviews: a draw per unit left each day's last agents alone, 46% where 0.5 was asked). A day sends
/// out as many of those still due as its agents hold; the rest wait for a later day.
fn families_through(f: &Inflow, people_per_agent: u32, day: u32) -> (u64, u64) {
    let ppa = f64::from(people_per_agent.max(1));
    let members = (f64::from(f.family_size) / ppa).round().max(1.0);
    if f.family_size <= 1 || f.makeup.in_families <= 0.0 {
        return (members as u64, 0);
    }
    // As `inflow_agents_on` rounds them (a review of session 35: `days × ppd / ppa` differed by one).
    let agents = (f64::from(day - f.from_day + 1) * (f.people_per_day / ppa)).round();
    (members as u64, (agents * f.makeup.in_families / members).floor() as u64)
}

/// The families flow `f` sends out on `day`, a day of `n` agents, having sent out `made` before: those
/// still due (`families_through`), as many as the day's agents hold; with the agents of one family.
pub fn families_today(f: &Inflow, people_per_agent: u32, day: u32, n: u64, made: u64) -> (u64, u64) {
    let (members, due) = families_through(f, people_per_agent, day);
    (members, due.saturating_sub(made).min(n / members))
}

/// The agents a caravan starts with.
pub fn caravan_agents(c: &Caravan, people_per_agent: u32) -> u64 {
    agents_for(c.people as f64, people_per_agent)
}

/// The agents a caravan creates: those it starts with and those who join it on the way.
pub fn caravan_agents_with_joiners(c: &Caravan, people_per_agent: u32) -> u64 {
    let joiners = c.joins.iter().map(|x| agents_for(x.people as f64, people_per_agent));
    joiners.fold(caravan_agents(c, people_per_agent), u64::saturating_add)
}

/// The people a caravan's agents stand for (its size, rounded to whole agents).
pub fn caravan_people(c: &Caravan, people_per_agent: u32) -> u64 {
    caravan_agents(c, people_per_agent) * u64::from(people_per_agent)
}

/// Whether `people` (a caravan, or a part that splits off or joins it) are fewer than half an agent:
/// they would run as one agent, over twice their number.
pub fn under_half_an_agent(people: u64, people_per_agent: u32) -> bool {
    agents_for(people as f64, people_per_agent) * u64::from(people_per_agent) > 2 * people
}

/// Marks each of an inflow's new agents (`flags`, with their `groups`) as having decided, as it sets
/// out, whether to cross between ports on reaching a border city: with chance `share` it will (the
/// inflow's `cross_on_arrival`). A family decides once for all its members, who are created together
/// (session 26's review: members of one family decided apart).
fn decide_arrival(flags: &mut [u8], groups: &[u32], share: f64, mut rng: Stream) {
    use crate::population::flags::{ARRIVAL_DECIDED, CROSSES_ON_ARRIVAL};
    let mut last: Option<(u32, bool)> = None;
    for (f, &g) in flags.iter_mut().zip(groups) {
        let crosses = match last {
            Some((family, crosses)) if g != NONE && g == family => crosses,
            _ => rng.chance(share),
        };
        last = Some((g, crosses));
        *f |= ARRIVAL_DECIDED | if crosses { CROSSES_ON_ARRIVAL } else { 0 };
    }
}

/// The agents an inflow creates over its days (saturating at `u64::MAX`).
pub fn inflow_agents(f: &Inflow, people_per_agent: u32) -> u64 {
    let rate = f.people_per_day / f64::from(people_per_agent);
    (f.from_day..=f.to_day).map(|d| inflow_agents_on(rate, f.from_day, d)).fold(0, u64::saturating_add)
}

/// Adds `n` members of caravan `c` at `place` (as it sets out, or joining it on the way), in its group
/// `group` heading for goal slot `slot`: with its make-up, flagged `CARAVAN_MEMBER`, from its `home` (or
/// its origin).
pub(super) fn add_caravan_members(
    agents: &mut Agents,
    c: &Caravan,
    n: u64,
    place: u32,
    (group, slot): (u32, u32),
    day: u32,
    seed: u64,
) {
    let first = agents.len();
    add_agents(agents, n, place, Status::AtOrigin, day, group, slot, &c.makeup, None, seed);
    let members = first..agents.len();
    agents.flags[members.clone()].iter_mut().for_each(|f| *f |= crate::population::flags::CARAVAN_MEMBER);
    agents.origin[members].fill(c.home.unwrap_or(c.origin).0);
}

/// Adds `n` agents at `place`, in `group` (or none), with attributes from `makeup`.
#[allow(clippy::too_many_arguments)]
pub fn add_agents(
    agents: &mut Agents,
    n: u64,
    place: u32,
    status: Status,
    day: u32,
    group: u32,
    goal_slot: u32,
    makeup: &Makeup,
    family: Option<bool>,
    seed: u64,
) {
    let first = agents.len() as u32;
    // Each agent's stream is (seed, Spawn, 0, agent id, day); `FirstBlocks` makes their first blocks.
    let attributes = AttributeDraw::new(makeup);
    if n <= 16 {
        // Inflows add agents one or a family at a time.
        for k in 0..n as u32 {
            let mut rng = Stream::new(seed, Purpose::Spawn, 0, first + k, day);
            agents.push(place, status, day, group, goal_slot, attributes.draw_in(family, &mut rng));
        }
    } else {
        let blocks = FirstBlocks::new(seed, Purpose::Spawn, 0, day);
        agents.push_many_with(n as usize, status, day, group, goal_slot, |k| {
            (place, attributes.draw_in(family, &mut blocks.stream(first + k as u32)))
        });
    }
}

/// Adds `n` agents (no group, no goal, not in a family), the k-th at `place(k)` (called in order),
/// with attributes from `makeup`: the same agents as `add_agents` one place at a time, added in bulk.
pub fn add_agents_at(
    agents: &mut Agents,
    n: usize,
    mut place: impl FnMut(usize) -> u32,
    status: Status,
    day: u32,
    makeup: &Makeup,
    seed: u64,
) {
    let first = agents.len() as u32;
    let blocks = FirstBlocks::new(seed, Purpose::Spawn, 0, day);
    let attributes = AttributeDraw::new(makeup);
    agents.push_many_with(n, status, day, NONE, NONE, |k| {
        let p = place(k);
        (p, attributes.draw(false, &mut blocks.stream(first + k as u32)))
    });
}

/// Creates a family group at `place` heading to `goal_slot` (members are added by the caller); returns
/// the group id.
pub fn add_family(groups: &mut Vec<Group>, place: u32, goal_slot: u32) -> u32 {
    groups.push(Group::new(GroupKind::Family, place, goal_slot));
    (groups.len() - 1) as u32
}

/// FLEE's spawn location: an active conflict zone drawn in proportion to population × intensity × decay.
pub fn pick_spawn_place<D: Draw>(weights_cum: &[f64], rng: &mut D) -> Option<u32> {
    let total = *weights_cum.last()?;
    if total <= 0.0 {
        return None;
    }
    Some(rng.pick_cumulative(weights_cum) as u32)
}

/// FLEE's data-driven spawning: adds up to `n` agents on `day` (default make-up, no group), each at a
/// place drawn from the cumulative weights `cum`, and counts them into `occupancy`; returns how many
/// (none when all weights are 0). The places come from one shared stream (one word each), each
/// agent's attributes from its own: the streams are independent, so this is the order-free
/// equivalent of one agent at a time. `guide` is kept by the caller from day to day: it is built
/// again only when `cum` changed (`CumulativeGuide::update`).
pub fn spawn_at_conflicts(
    agents: &mut Agents,
    occupancy: &mut [u32],
    cum: &[f64],
    guide: &mut CumulativeGuide,
    n: u64,
    day: u32,
    seed: u64,
) -> usize {
    let mut rng = LongStream::new(seed, Purpose::Spawn, 2, 0, day);
    let makeup = &Makeup::default();
    let bits = guide_bits(cum.len());
    if n >= 1 << (bits - 2) && guide.update(cum, bits) {
        let pick = |_| {
            let p = guide.pick(cum, rng.next_u32());
            occupancy[p] += 1;
            p as u32
        };
        add_agents_at(agents, n as usize, pick, Status::AtOrigin, day, makeup, seed);
        n as usize
    } else {
        let places: Vec<u32> = (0..n).map_while(|_| pick_spawn_place(cum, &mut rng)).collect();
        let at = |k: usize| {
            occupancy[places[k] as usize] += 1;
            places[k]
        };
        add_agents_at(agents, places.len(), at, Status::AtOrigin, day, makeup, seed);
        places.len()
    }
}

/// Buckets (as a power of two) of the guide to a spawn table of `places` entries: about eight per
/// entry, so that nearly every bucket holds no step of the table, at most 4096 (16 KiB).
fn guide_bits(places: usize) -> u32 {
    (usize::BITS - (8 * places).leading_zeros()).clamp(6, 12)
}

/// Today's arrivals of new agents, as a phase of the day loop.
impl Simulation<'_> {
    /// FLEE's conflict decay multiplier for `place` on `day` (`get_location_conflict_decay`): the
    /// `decay` list indexed by whole intervals since the conflict began, the last entry beyond it.
    pub(super) fn decay_factor(&self, place: usize, day: i64) -> f64 {
        self.scenario.scheduled_spawns.as_ref().map_or(1.0, |s| s.decay_factor(self.conflict_began[place], day))
    }

    /// Creates today's new agents and groups, and adds how many entered each status to `entries`.
    #[inline(never)] // once a day; keeps the phase apart in profiles
    pub(super) fn spawn(&mut self, day: u32) {
        let s = self.scenario;
        let ppa = s.people_per_agent;
        let before = self.agents.len();
        for (k, c) in s.caravans.iter().enumerate() {
            if c.depart_day != day {
                continue;
            }
            let last = self.plans[k].targets.last().copied();
            let slot = last.map_or(NONE, |p| self.goal_slot(p));
            let mut g = Group::new(GroupKind::Caravan(k as u32), c.origin.0, slot);
            if self.plans[k].targets.is_empty() {
                g.active = false;
            }
            self.groups.push(g);
            let gid = (self.groups.len() - 1) as u32;
            // Its splits' groups, right after it, without members until it reaches them.
            for x in &self.plans[k].splits {
                let mut part = Group::new(GroupKind::Caravan(x.plan), x.place, slot);
                part.active = false;
                self.groups.push(part);
            }
            let n = agents_for(c.people as f64, ppa);
            add_caravan_members(&mut self.agents, c, n, c.origin.0, (gid, slot), day, self.seed);
        }
        for (k, f) in s.inflows.iter().enumerate() {
            if day < f.from_day || day > f.to_day {
                continue;
            }
            let n = inflow_agents_on(f.people_per_day / f64::from(ppa), f.from_day, day);
            let mut rng = Stream::new(self.seed, Purpose::Spawn, 1, k as u32, day);
            let (goal_cum, goal_slots) = &self.inflow_goals[k];
            let (family_size, mut families) = families_today(f, ppa, day, n, self.families_made[k]);
            self.families_made[k] += families;
            let first = self.agents.len();
            let mut left = n;
            while left > 0 {
                let goal = if goal_cum.is_empty() { NONE } else { goal_slots[rng.pick_cumulative(goal_cum)] };
                // The day's families first, then its people on their own.
                let family = families > 0 && left >= family_size;
                if family {
                    families -= 1;
                    let gid = add_family(&mut self.groups, f.origin.0, goal);
                    add_agents(
                        &mut self.agents,
                        family_size,
                        f.origin.0,
                        Status::AtOrigin,
                        day,
                        gid,
                        goal,
                        &f.makeup,
                        Some(true),
                        self.seed,
                    );
                    left -= family_size;
                } else {
                    add_agents(
                        &mut self.agents,
                        1,
                        f.origin.0,
                        Status::AtOrigin,
                        day,
                        NONE,
                        goal,
                        &f.makeup,
                        Some(false),
                        self.seed,
                    );
                    left -= 1;
                }
            }
            if let Some(share) = f.cross_on_arrival {
                let rng = Stream::new(self.seed, Purpose::Spawn, 3, k as u32, day);
                decide_arrival(&mut self.agents.flags[first..], &self.agents.group[first..], share, rng);
            }
        }
        // Today's entries and occupancy (FLEE's spawns below count theirs as they place them).
        for i in before..self.agents.len() {
            self.entries[self.agents.status[i] as usize] += 1;
            self.occupancy[self.agents.place[i] as usize] += 1;
        }
        if let Some(sched) = &s.scheduled_spawns {
            let n = sched.per_day.get(day as usize).copied().unwrap_or(0);
            if n > 0 {
                let on = weights_day(day, self.conflict_changed_today);
                let mut acc = 0.0;
                for p in 0..self.spawn_cum.len() {
                    acc += spawn_weight(&self.state, &self.conflict_began, sched, p, on);
                    self.spawn_cum[p] = acc;
                }
                let created = spawn_at_conflicts(
                    &mut self.agents,
                    &mut self.occupancy,
                    &self.spawn_cum,
                    &mut self.spawn_guide,
                    n,
                    day,
                    self.seed,
                );
                self.entries[Status::AtOrigin as usize] += created as u64;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FLEE's `get_conflict_decay`: the factor of whole intervals since the conflict began, the last
    /// once the list runs out, 1 without a list (session 22: this was tested only on a copy of the
    /// rule the engine did not run, `FleeSettings::conflict_decay`, now gone).
    #[test]
    fn conflict_decay_steps_by_whole_intervals_and_keeps_the_last_factor() {
        let s = ScheduledSpawns { per_day: Vec::new(), decay: vec![1.0, 0.5, 0.25], decay_interval: 30 };
        let at = |since: i64| s.decay_factor(-1, since - 1);
        assert_eq!([at(0), at(29), at(30), at(59), at(60), at(900)], [1.0, 1.0, 0.5, 0.5, 0.25, 0.25]);
        assert_eq!(s.decay_factor(10, 5), 1.0, "before the conflict began");
        let none = ScheduledSpawns { decay: Vec::new(), ..s.clone() };
        assert_eq!(none.decay_factor(-1, 100), 1.0);
    }

    #[test]
    fn inflow_rounding_adds_up() {
        let rate = 2.37;
        let total: u64 = (10..110).map(|d| inflow_agents_on(rate, 10, d)).sum();
        assert_eq!(total, (100.0f64 * rate).round() as u64);
    }

    /// FLEE's spawning one agent at a time, as it was written before the batch: each place by
    /// `pick_cumulative` on the day's place stream, each agent's attributes from a fresh stream.
    fn spawn_one_at_a_time(agents: &mut Agents, cum: &[f64], n: u64, day: u32, seed: u64) {
        let mut places = Stream::new(seed, Purpose::Spawn, 2, 0, day);
        for _ in 0..n {
            let Some(p) = pick_spawn_place(cum, &mut places) else { return };
            let mut rng = Stream::new(seed, Purpose::Spawn, 0, agents.len() as u32, day);
            let attrs = draw_attributes(&Makeup::default(), false, &mut rng);
            agents.push(p, Status::AtOrigin, day, NONE, NONE, attrs);
        }
    }

    #[test]
    fn batch_spawning_makes_the_agents_of_one_at_a_time() {
        // Conflict zones among places without weight, as in FLEE's spawn table.
        let mut cum = Vec::new();
        let mut acc = 0.0;
        for p in 0..200 {
            if p % 5 == 0 {
                acc += 50_000.0 + 100.0 * f64::from(p);
            }
            cum.push(acc);
        }
        // Enough agents for the guide table, too few for it, and a table with no weight at all.
        for (cum, n) in [(cum.clone(), 3000), (cum, 7), (vec![0.0; 10], 50)] {
            let (mut batch, mut single) = (Agents::default(), Agents::default());
            // A few agents already there (where the table has weight), so that ids do not start at 0.
            for a in [&mut batch, &mut single] {
                spawn_one_at_a_time(a, &cum, 3, 1, 42);
            }
            let before = single.len();
            let mut occupancy = vec![0u32; cum.len()];
            let made = spawn_at_conflicts(&mut batch, &mut occupancy, &cum, &mut Default::default(), n, 2, 42);
            spawn_one_at_a_time(&mut single, &cum, n, 2, 42);
            assert_eq!(made, single.len() - before);
            assert_eq!(made, if cum[cum.len() - 1] > 0.0 { n as usize } else { 0 });
            assert_eq!(batch.place, single.place);
            assert_eq!(batch.origin, single.origin);
            assert_eq!(batch.attrs, single.attrs);
            assert_eq!(batch.born, single.born);
            assert_eq!(batch.status, single.status);
            let mut counted = vec![0u32; cum.len()];
            single.place[before..].iter().for_each(|&p| counted[p as usize] += 1);
            assert_eq!(occupancy, counted);
        }
    }

    #[test]
    fn attributes_follow_makeup() {
        let m = Makeup { men: 0.75, women: 0.15, children: 0.1, vulnerable: 0.09, ..Makeup::default() };
        let (mut men, mut kids, mut vul) = (0, 0, 0);
        let n = 20_000;
        for i in 0..n {
            let a = draw_attributes(&m, false, &mut Stream::new(9, Purpose::Spawn, 0, i, 0));
            men += u32::from(!a.female() && !a.child());
            kids += u32::from(a.child());
            vul += u32::from(!a.child() && a.vulnerable());
        }
        let f = |x: u32| f64::from(x) / f64::from(n);
        assert!((f(men) - 0.75).abs() < 0.015, "men {}", f(men));
        assert!((f(kids) - 0.10).abs() < 0.01);
        assert!((f(vul) - 0.09).abs() < 0.01, "vulnerable {}", f(vul));
    }
}
