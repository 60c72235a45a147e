//! The agent pass: every agent's day, data-parallel over fixed chunks of agents. Each chunk writes only
//! its own agents and its own tallies, so results are identical for any number of threads.

use super::groups::{Group, GroupKind};
use crate::movement::{DayContext, Mover};
use crate::population::{flags, Agents, Status, NONE};
use crate::rng::{Purpose, Stream};
use rayon::prelude::*;

/// Agents per chunk: fixed, so the split (and thus every tally) never depends on the thread count.
pub const CHUNK: usize = 32 * 1024;

/// Tallies of one chunk for one day.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub counts: Vec<u64>,
    pub arrivals: Vec<u64>,
    pub entries: [u64; Status::COUNT],
}

impl Tally {
    fn reset(&mut self, cells: usize, places: usize) {
        self.counts.clear();
        self.counts.resize(cells, 0);
        self.arrivals.clear();
        self.arrivals.resize(places, 0);
        self.entries = [0; Status::COUNT];
    }
}

struct Chunk<'a> {
    start: usize,
    place: &'a mut [u32],
    link: &'a mut [u32],
    progress: &'a mut [f32],
    route: &'a mut [u32],
    hop: &'a mut [u8],
    status: &'a mut [Status],
    since: &'a mut [u32],
    flags: &'a mut [u8],
    wake: &'a mut [u32],
    group: &'a [u32],
    goal: &'a [u32],
}

/// Inputs shared by all chunks.
pub struct PassInputs<'a> {
    pub ctx: DayContext<'a>,
    pub groups: &'a [Group],
    /// Straggle rate of each caravan (indexed by caravan number).
    pub straggle: &'a [f64],
    pub seed: u64,
    pub day: u32,
}

/// Runs the day for all agents and fills `tallies` (one per chunk, resized as needed).
pub fn run_pass(agents: &mut Agents, inputs: &PassInputs<'_>, tallies: &mut Vec<Tally>) {
    let n = agents.len();
    let places = inputs.ctx.net.places();
    let cells = places * Status::COUNT;
    let chunks_n = n.div_ceil(CHUNK);
    tallies.resize_with(chunks_n.max(1), Tally::default);
    let chunks: Vec<Chunk<'_>> = agents
        .place
        .chunks_mut(CHUNK)
        .zip(agents.link.chunks_mut(CHUNK))
        .zip(agents.progress.chunks_mut(CHUNK))
        .zip(agents.route.chunks_mut(CHUNK))
        .zip(agents.hop.chunks_mut(CHUNK))
        .zip(agents.status.chunks_mut(CHUNK))
        .zip(agents.since.chunks_mut(CHUNK))
        .zip(agents.flags.chunks_mut(CHUNK))
        .zip(agents.wake.chunks_mut(CHUNK))
        .zip(agents.group.chunks(CHUNK))
        .zip(agents.goal.chunks(CHUNK))
        .enumerate()
        .map(|(k, ((((((((((place, link), progress), route), hop), status), since), flags), wake), group), goal))| {
            Chunk { start: k * CHUNK, place, link, progress, route, hop, status, since, flags, wake, group, goal }
        })
        .collect();
    if chunks.is_empty() {
        tallies[0].reset(cells, places);
        return;
    }
    chunks.into_par_iter().zip(tallies.par_iter_mut()).for_each(|(chunk, tally)| {
        tally.reset(cells, places);
        run_chunk(chunk, inputs, tally);
    });
}

fn run_chunk(c: Chunk<'_>, inp: &PassInputs<'_>, tally: &mut Tally) {
    for i in 0..c.place.len() {
        let before = c.status[i];
        // Fast path: an agent alone at a place, asleep until a later day, changes nothing today.
        let asleep = c.wake[i] != NONE && c.wake[i] > inp.day && c.link[i] == NONE && c.group[i] == NONE;
        if before.is_mobile() && !asleep {
            let id = (c.start + i) as u32;
            let g = c.group[i];
            let group = (g != NONE)
                .then(|| &inp.groups[g as usize])
                // A group that disbanded today on reaching its destination still carries its members there.
                .filter(|grp| grp.active || grp.arrivals_today > 0);
            let attached = group.is_some() && c.flags[i] & flags::DETACHED == 0;
            let rejoin = match group {
                Some(grp) if !attached => grp.paused() && c.link[i] == NONE && grp.mover.place == c.place[i],
                _ => false,
            };
            if attached || rejoin {
                let grp = group.expect("attached implies a group");
                c.flags[i] &= !flags::DETACHED;
                c.place[i] = grp.mover.place;
                c.link[i] = grp.mover.link;
                c.progress[i] = grp.mover.progress;
                c.route[i] = NONE;
                c.wake[i] = NONE;
                c.status[i] = grp.status;
                if grp.arrivals_today > 0 {
                    tally.arrivals[grp.mover.place as usize] += 1;
                }
                if let GroupKind::Caravan(k) = grp.kind {
                    let rate = inp.straggle[k as usize];
                    if rate > 0.0 && !grp.paused() && grp.mover.link != NONE {
                        let mut rng = Stream::new(inp.seed, Purpose::Group, 1, id, inp.day);
                        if rng.chance(rate) {
                            c.flags[i] |= flags::DETACHED;
                        }
                    }
                }
            } else {
                let mut m = Mover {
                    place: c.place[i],
                    link: c.link[i],
                    progress: c.progress[i],
                    route: c.route[i],
                    hop: c.hop[i],
                    goal_slot: c.goal[i],
                    flags: c.flags[i],
                    wake: c.wake[i],
                };
                let mut rng = Stream::new(inp.seed, Purpose::Movement, 0, id, inp.day);
                let moves = inp.ctx.day(&mut m, &mut rng);
                c.place[i] = m.place;
                c.link[i] = m.link;
                c.progress[i] = m.progress;
                c.route[i] = m.route;
                c.hop[i] = m.hop;
                c.flags[i] = m.flags;
                c.wake[i] = m.wake;
                if m.link != NONE {
                    c.status[i] = Status::Travelling;
                } else if moves.departed || moves.arrivals > 0 || before == Status::Travelling {
                    c.status[i] = Status::AtPlace;
                }
                if moves.arrivals > 0 {
                    tally.arrivals[m.place as usize] += 1;
                }
            }
        }
        let now = c.status[i];
        if now != before {
            c.since[i] = inp.day;
            tally.entries[now as usize] += 1;
        }
        tally.counts[c.place[i] as usize * Status::COUNT + now as usize] += 1;
    }
}
