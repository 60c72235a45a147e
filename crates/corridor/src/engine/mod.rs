//! The day loop: builds the world from a scenario and advances it one day at a time, in fixed phases
//! (conflicts, new agents, closures, tables, groups, the agent pass, tallies merged, the institutions'
//! sequential phase, observation).

mod awake;
pub(crate) mod events;
pub(crate) mod flee_order;
pub(crate) mod groups;
pub(crate) mod members;
pub(crate) mod pass;
mod regroup;
mod resting;
mod run;
mod sharing;
pub use sharing::Sharing;
pub mod spawn;
mod tally;
mod ways;

pub use run::Progress;

use crate::institutions::{settle::World, DayInst, Layout, System};
use crate::movement::{DayContext, DayTables, PlaceState, Watch};
use crate::network::Network;
use crate::observe::{DayObservation, RunInfo};
use crate::population::{Agents, Status, NONE};
use crate::scenario::{Pause, PauseEnd, Scenario};
use groups::{CaravanPlan, Group};
use pass::{ChangeCells, PassInputs, Tally};

/// A run in progress: the world and its agents.
pub struct Simulation<'s> {
    scenario: &'s Scenario,
    seed: u64,
    net: Network,
    agents: Agents,
    groups: Vec<Group>,
    plans: Vec<CaravanPlan>,
    straggle: Vec<f64>,
    goal_places: Vec<u32>,
    /// Shortest ways toward caravan targets and goal places, over the roads open today.
    ways: ways::Ways,
    state: PlaceState,
    /// Day each place's conflict began (FLEE's `time_of_conflict`; -1 before any).
    conflict_began: Vec<i64>,
    conflict_changed_today: bool,
    tables: DayTables,
    prev_movechance: Vec<f64>,
    changed: Vec<bool>,
    occupancy: Vec<u32>,
    counts: Vec<u64>,
    /// Per place, the statuses with agents today, as bits (see `observe::statuses_present`).
    present: Vec<u32>,
    arrivals: Vec<u64>,
    entries: [u64; Status::COUNT],
    tallies: Vec<Tally>,
    /// Per chunk, the agents the institutions' pass passes over (see `resting`).
    resting: Vec<resting::Resting>,
    sharing: Sharing,
    closed_today: Vec<u32>,
    spawn_cum: Vec<f64>,
    /// The guide to `spawn_cum`'s picks, kept while the table stands (`spawn::spawn_at_conflicts`).
    spawn_guide: crate::rng::guide::CumulativeGuide,
    day: u32,
    agent_steps: u64,
    /// The asylum and enforcement system (None = movement only).
    inst: Option<System>,
    /// Checkpoints the movement rules report (the institutions'; empty without them).
    watch: Watch,
    /// Per inflow: cumulative goal shares and the goal slots they pick (computed once).
    inflow_goals: Vec<(Vec<f64>, Vec<u32>)>,
    /// Per inflow: the families it has sent out so far (`spawn::families_today`).
    families_made: Vec<u64>,
    /// FLEE's running occupancy, when the scenario asks for FLEE-order capacity counts.
    live: Option<flee_order::Live>,
    /// Caravan members' own counts (for observed figures about caravans).
    members: members::CaravanMembers,
    /// Agents already in `counts` when the pass reports changes only (see `counts_by_change`).
    counted: usize,
}

/// Takes agents created since the last call (by spawning, or joining a caravan) into the running
/// `counts` (with the agents already in them, `counted`: movement-only runs, `counts_by_change`),
/// the caravan members' registry and the institutions' per-agent fields.
fn take_in_new_agents(
    agents: &Agents,
    groups: &[Group],
    counts: Option<(&mut Vec<u64>, &mut usize)>,
    members: &mut members::CaravanMembers,
    inst: Option<&mut System>,
) {
    if let Some((counts, counted)) = counts {
        for i in *counted..agents.len() {
            counts[agents.status[i].cell_at(agents.place[i])] += 1;
        }
        *counted = agents.len();
    }
    members.scan_new(agents, groups);
    if let Some(inst) = inst {
        inst.agents.grow(agents.len());
    }
}

impl<'s> Simulation<'s> {
    /// Builds the world for `scenario`, run with `seed` (usually the scenario's own).
    ///
    /// # Panics
    /// If the scenario would create more than `population::MAX_AGENTS` agents or lasts more than
    /// `time::MAX_DAYS` days. The loaders refuse such scenarios with an error at the field concerned;
    /// only one built in code can reach here (its agents' ids would otherwise wrap around).
    pub fn new(scenario: &'s Scenario, seed: u64) -> Simulation<'s> {
        let planned = spawn::planned_agents(scenario);
        assert!(planned <= crate::population::MAX_AGENTS, "{planned} agents: more than a run holds");
        assert!(scenario.period.days <= crate::time::MAX_DAYS, "{} days: more than a run lasts", scenario.period.days);
        let net = Network::new(scenario);
        let n = scenario.places.len();
        // Goal slots: every place some flow heads for.
        let mut goal_places: Vec<u32> = Vec::new();
        let slot_of = |p: u32, goal_places: &mut Vec<u32>| match goal_places.iter().position(|&g| g == p) {
            Some(i) => i as u32,
            None => {
                goal_places.push(p);
                (goal_places.len() - 1) as u32
            }
        };
        let mut plans = Vec::new();
        for c in &scenario.caravans {
            let targets: Vec<u32> = c.targets().iter().map(|p| p.0).collect();
            if let Some(&last) = targets.last() {
                slot_of(last, &mut goal_places);
            }
            let joins = c.joins.iter().map(|x| groups::JoinPlan {
                place: x.place.0,
                agents: spawn::agents_for(x.people as f64, scenario.people_per_agent),
            });
            plans.push(CaravanPlan {
                targets,
                pauses: c.pauses.clone(),
                speed_km_per_day: c.speed_km_per_day,
                straggle_rate: c.straggle_rate,
                splits: Vec::new(),
                joins: joins.collect(),
            });
        }
        // Each split's own plan, after the caravans': from its place to its goal, waiting there until
        // its day if it has one.
        for (k, c) in scenario.caravans.iter().enumerate() {
            for x in &c.splits {
                let goal_slot = x.goal.map_or(NONE, |g| slot_of(g.0, &mut goal_places));
                let plan = plans.len() as u32;
                plans[k].splits.push(groups::SplitPlan {
                    place: x.place.0,
                    agents: spawn::agents_for(x.people as f64, scenario.people_per_agent),
                    plan,
                    goal_slot,
                });
                let wait = x.until.map(|d| Pause { place: x.place, end: PauseEnd::OnDay(d) });
                plans.push(CaravanPlan {
                    targets: x.goal.map(|g| g.0).into_iter().collect(),
                    pauses: wait.into_iter().collect(),
                    speed_km_per_day: x.speed_km_per_day.unwrap_or(c.speed_km_per_day),
                    straggle_rate: c.straggle_rate,
                    splits: Vec::new(),
                    joins: Vec::new(),
                });
            }
        }
        for f in &scenario.inflows {
            for (g, _) in &f.goals {
                slot_of(g.0, &mut goal_places);
            }
        }
        if let Some(inst) = &scenario.institutions {
            for p in &inst.ports {
                slot_of(p.city.0, &mut goal_places);
            }
        }
        let ways = ways::Ways::new(&net, plans.iter().flat_map(|p| p.targets.iter().copied()), &goal_places);
        // Camps' capacities already less their day-0 agents, as FLEE's.
        let state = PlaceState::initial(scenario);
        let planned = planned as usize;
        let inst = scenario.institutions.as_ref().map(|inst| {
            let layout = Layout::new(scenario, inst, &net, |p| {
                goal_places.iter().position(|&g| g == p).map_or(NONE, |i| i as u32)
            });
            System::new(scenario, inst, layout, seed)
        });
        let mut sim = Simulation {
            scenario,
            seed,
            straggle: plans.iter().map(|p| p.straggle_rate).collect(),
            plans,
            net,
            agents: Agents::with_capacity(planned),
            groups: Vec::new(),
            goal_places,
            ways,
            state,
            conflict_began: vec![-1; n],
            conflict_changed_today: false,
            tables: DayTables::default(),
            prev_movechance: Vec::new(),
            changed: Vec::new(),
            occupancy: vec![0; n],
            counts: vec![0; n * Status::COUNT],
            present: vec![0; n],
            arrivals: vec![0; n],
            entries: [0; Status::COUNT],
            tallies: Vec::new(),
            sharing: Sharing::default(),
            resting: Vec::new(),
            closed_today: Vec::new(),
            spawn_cum: vec![0.0; n],
            spawn_guide: Default::default(),
            day: 0,
            agent_steps: 0,
            inst,
            watch: Watch::default(),
            inflow_goals: Vec::new(),
            families_made: vec![0; scenario.inflows.len()],
            live: None,
            members: members::CaravanMembers::new(scenario.caravans.len(), n),
            counted: 0,
        };
        if scenario.movement.capacity_counts == crate::scenario::CapacityCounts::FleeOrder {
            sim.live = Some(flee_order::Live::new(&sim.ways.goals));
        }
        sim.watch = sim.inst.as_ref().map(|i| i.layout.watch.clone()).unwrap_or_default();
        sim.inflow_goals = scenario
            .inflows
            .iter()
            .map(|f| {
                let cum = f
                    .goals
                    .iter()
                    .scan(0.0, |acc, g| {
                        *acc += g.1;
                        Some(*acc)
                    })
                    .collect();
                (cum, f.goals.iter().map(|g| sim.goal_slot(g.0 .0)).collect())
            })
            .collect();
        for (p, k) in &scenario.prefill {
            spawn::add_agents(
                &mut sim.agents,
                *k,
                p.0,
                Status::AtPlace,
                0,
                NONE,
                NONE,
                &Default::default(),
                Some(false),
                seed,
            );
            sim.occupancy[p.index()] += *k as u32;
        }
        sim
    }

    /// How the days' agent passes are shared among the pool's threads (by default only a pass worth
    /// waking them for). The results are the same; tests of that share always, or every other day.
    pub fn set_sharing(&mut self, sharing: Sharing) {
        self.sharing = sharing;
    }

    pub fn agents(&self) -> &Agents {
        &self.agents
    }

    /// The institutions' state (None when the scenario has none).
    pub fn institutions(&self) -> Option<&System> {
        self.inst.as_ref()
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    pub fn network(&self) -> &Network {
        &self.net
    }

    /// The next day to simulate.
    pub fn day(&self) -> u32 {
        self.day
    }

    pub fn info(&self) -> RunInfo {
        RunInfo {
            scenario: self.scenario.name.clone(),
            seed: self.seed,
            period: self.scenario.period,
            people_per_agent: self.scenario.people_per_agent,
            hasten: self.scenario.flee.as_ref().map(|f| f.hasten),
            place_names: self.scenario.places.iter().map(|p| p.name.clone()).collect(),
            threads: rayon::current_num_threads(),
        }
    }

    fn goal_slot(&self, place: u32) -> u32 {
        self.goal_places.iter().position(|&g| g == place).map_or(NONE, |i| i as u32)
    }

    /// Agents sleep until a departure day drawn from their place's move chance; where that chance
    /// changed today (a conflict, a camp closure), they draw again.
    fn forget_wakes_where_movechance_changed(&mut self) {
        let n = self.tables.movechance.len();
        self.changed.clear();
        self.changed.extend((0..n).map(|p| self.prev_movechance.get(p) != Some(&self.tables.movechance[p])));
        if self.changed.iter().any(|&c| c) {
            for i in 0..self.agents.len() {
                if self.agents.link[i] == NONE && self.changed[self.agents.place[i] as usize] {
                    self.agents.reset_wake(i);
                }
            }
            for g in &mut self.groups {
                if g.mover.link == NONE && self.changed[g.mover.place as usize] {
                    g.mover.wake = NONE;
                }
            }
        }
        self.prev_movechance.clone_from(&self.tables.movechance);
    }

    /// Whether the agent pass reports only changes of (place, status) today, and `counts` runs on
    /// from day to day: movement-only runs (snapshot or FLEE-order counts), where a sleeping agent is
    /// not visited at all. Otherwise (institutions) the pass counts every agent afresh.
    fn counts_by_change(&self) -> bool {
        self.inst.is_none()
    }

    /// Simulates one day and returns its observation.
    pub fn step(&mut self) -> DayObservation<'_> {
        let day = self.day;
        self.entries = [0; Status::COUNT];
        // 1. Conflicts switch on and off; decay factors move on (FLEE's order: conflicts, spawns, closures).
        self.conflict_changed_today =
            events::apply_conflicts(day, &self.scenario.conflicts, &mut self.state, &mut self.conflict_began);
        for p in 0..self.state.decay.len() {
            self.state.decay[p] = self.decay_factor(p, i64::from(day));
        }
        // 2. New agents.
        self.spawn(day);
        let counts = self.counts_by_change().then_some((&mut self.counts, &mut self.counted));
        take_in_new_agents(&self.agents, &self.groups, counts, &mut self.members, self.inst.as_mut());
        // 3. Closures: roads closed today send agents on them back at the end of the road; routes
        // movers hold in a table rebuilt today are carried over to it.
        let replaced =
            events::apply_closures(day, self.scenario, &mut self.net, &mut self.state, &mut self.closed_today);
        if let Some(old) = replaced {
            if let Some(inst) = &mut self.inst {
                inst.roads_changed(&self.net); // the ports someone may be sent on to, by open roads
            }
            self.ways.roads_changed(&self.net, &self.goal_places);
            if let Some(live) = &mut self.live {
                live.set_goals(&self.ways.goals);
            }
            let held = self.agents.route.iter_mut().chain(self.groups.iter_mut().map(|g| &mut g.mover.route));
            events::carry_held_routes(&old, &mut self.net.routes, held);
        }
        if !self.closed_today.is_empty() {
            let closed = &self.closed_today;
            for (i, l) in self.agents.link.iter().enumerate() {
                if *l != NONE && closed.contains(l) {
                    self.agents.flags[i] |= crate::population::flags::BOUNCE;
                }
            }
            for g in &mut self.groups {
                if g.mover.link != NONE && closed.contains(&g.mover.link) {
                    g.mover.flags |= crate::population::flags::BOUNCE;
                }
            }
        }
        // 4. Today's tables from yesterday's occupancy (a snapshot every mover shares).
        self.tables.update(&self.net, &self.state, &self.occupancy, &self.ways.goals, &self.scenario.movement);
        self.forget_wakes_where_movechance_changed();
        let ctx = DayContext {
            net: &self.net,
            tables: &self.tables,
            settings: &self.scenario.movement,
            goal_places: &self.goal_places,
            day,
            watch: &self.watch,
        };
        // 5. Groups move; institutions act on groups (e.g. a caravan accepting a programme).
        groups::step_groups(&mut self.groups, &self.plans, &self.ways, &ctx, self.seed, day);
        regroup::split_off(&mut self.groups, &self.plans, &mut self.agents, self.seed, day);
        let (s, plans) = (self.scenario, &self.plans);
        if regroup::join_caravans(s, &mut self.groups, plans, &mut self.agents, &mut self.entries, self.seed, day) > 0 {
            let counts = self.counts_by_change().then_some((&mut self.counts, &mut self.counted));
            take_in_new_agents(&self.agents, &self.groups, counts, &mut self.members, self.inst.as_mut());
        }
        if let Some(inst) = &mut self.inst {
            inst.before_pass(day, &mut self.groups, &self.occupancy);
        }
        // 6. Every agent's day (movement, and the institutions' per-agent steps).
        let (inst_agents, inst_day) = match &mut self.inst {
            Some(sys) => (
                Some(&mut sys.agents),
                Some(DayInst {
                    layout: &sys.layout,
                    today: &sys.today,
                    accepted: &sys.accepted,
                    accepted_day: &sys.accepted_day,
                    groups: &self.groups,
                    goal_places: &self.goal_places,
                    queues: sys.ids,
                    seed: self.seed,
                    day,
                }),
            ),
            None => (None, None),
        };
        let inputs =
            PassInputs { ctx, groups: &self.groups, straggle: &self.straggle, seed: self.seed, day, inst: inst_day };
        match &mut self.live {
            // FLEE-order counts: sequential, in agent order (no groups or institutions: checked on load).
            Some(live) => {
                live.start_day(&self.net, &self.occupancy, &self.state, &self.scenario.movement);
                flee_order::run_pass(&mut self.agents, &inputs.ctx, live, self.seed, &mut self.tallies);
            }
            None => {
                let (tallies, resting) = (&mut self.tallies, &mut self.resting);
                pass::run_pass(&mut self.agents, inst_agents, &inputs, tallies, resting, &mut self.sharing);
            }
        }
        // 7. Merge tallies in chunk order (changes wrap around: a chunk's count can fall below zero).
        let by_change = self.counts_by_change();
        if !by_change {
            self.counts.iter_mut().for_each(|c| *c = 0);
        }
        self.arrivals.iter_mut().for_each(|c| *c = 0);
        for t in &self.tallies {
            if by_change {
                ChangeCells::add_to(&mut self.counts, &t.counts);
            } else {
                for (a, b) in self.counts.iter_mut().zip(&t.counts) {
                    *a += b;
                }
            }
            for (a, b) in self.arrivals.iter_mut().zip(&t.arrivals) {
                *a += b;
            }
            for (a, b) in self.entries.iter_mut().zip(&t.entries) {
                *a += b;
            }
        }
        // 8. Institutions: capacity-limited services, in a fixed order (sequential).
        if let Some(inst) = &mut self.inst {
            let mut world =
                World { agents: &mut self.agents, counts: &mut self.counts, entries: &mut self.entries, day };
            inst.settle(&mut world, self.tallies.iter().map(|t| &t.inst));
        }
        // Each place's occupancy and statuses present, from its row, once for every reader.
        let rows = self.counts.as_chunks::<{ Status::COUNT }>().0;
        let places = rows.iter().zip(&mut self.occupancy).zip(&mut self.present);
        if by_change {
            // Movement only: agents are only ever in the three mobile statuses (`Status::is_mobile`,
            // the row's first cells), so the other fourteen need not be read.
            for ((row, occ), present) in places {
                debug_assert!(row[Status::AtPlace as usize + 1..].iter().all(|&c| c == 0));
                let bit = |s: Status| u32::from(row[s as usize] != 0) << s as u32;
                *occ = (row[Status::AtOrigin as usize] + row[Status::AtPlace as usize]) as u32;
                *present = bit(Status::AtOrigin) | bit(Status::Travelling) | bit(Status::AtPlace);
            }
        } else {
            let occupying: Vec<usize> =
                Status::ALL.iter().filter(|s| s.occupies_place()).map(|&s| s as usize).collect();
            for ((row, occ), present) in places {
                *occ = occupying.iter().map(|&s| row[s]).sum::<u64>() as u32;
                *present = crate::observe::statuses_present(row);
            }
        }
        debug_assert_eq!(
            self.counts.iter().sum::<u64>(),
            self.agents.len() as u64,
            "agents lost or duplicated on day {day}"
        );
        self.agent_steps += self.agents.len() as u64;
        self.day += 1;
        self.members.observe(&self.agents, self.tallies.iter().flat_map(|t| &t.member_arrivals));
        DayObservation {
            day,
            counts: &self.counts,
            present: &self.present,
            occupancy: &self.occupancy,
            arrivals: &self.arrivals,
            caravan_counts: &self.members.counts,
            caravan_arrivals: &self.members.arrivals,
            entries: &self.entries,
            agents: self.agents.len() as u64,
            kinds: &self.state.kind,
            idp_camps: &self.state.idp_camp,
        }
    }
}
