//! The agent pass: every agent's day, data-parallel over fixed chunks of agents. Each chunk writes only
//! its own agents and its own tallies, so results are identical for any number of threads.

use super::awake::{awake_bits, blocks, not_none_bits, set_bits, AWAKE_BLOCK};
use super::groups::{Group, GroupKind};
use super::resting::Resting;
use super::sharing::Sharing;
pub use super::tally::{ChangeCells, Tally};
use crate::institutions::{self, step, step::Stop, DayInst, InstAgents};
use crate::movement::{DayContext, Met, Mover};
use crate::population::{flags, Agents, Status, NONE};
use crate::rng::{MoveStream, Purpose, Stream};
use chunks::{chunks, Chunk};
use rayon::prelude::*;

mod chunks;

/// Agents per chunk: fixed, so the split (and thus every tally) never depends on the thread count.
pub const CHUNK: usize = 32 * 1024;

/// Inputs shared by all chunks.
pub struct PassInputs<'a> {
    pub ctx: DayContext<'a>,
    pub groups: &'a [Group],
    /// Straggle rate of each caravan plan (indexed as `GroupKind::Caravan`: caravans, then splits).
    pub straggle: &'a [f64],
    pub seed: u64,
    pub day: u32,
    /// The institutions' view of the day (None = movement only).
    pub inst: Option<DayInst<'a>>,
}

/// Runs the day for all agents and fills `tallies` (one per chunk, resized as needed); with the
/// institutions, `resting` keeps each chunk's agents the pass passes over from day to day. The chunks
/// are shared among the pool's threads where `sharing` says it pays, else run one after another on
/// this one: the results are the same.
pub fn run_pass(
    agents: &mut Agents,
    inst_agents: Option<&mut InstAgents>,
    inputs: &PassInputs<'_>,
    tallies: &mut Vec<Tally>,
    resting: &mut Vec<Resting>,
    sharing: &mut Sharing,
) {
    let n = agents.len();
    let queues = inputs.inst.as_ref().map(|t| t.queues.len());
    let places = inputs.ctx.net.places();
    let cells = places * if queues.is_some() { Status::COUNT } else { ChangeCells::STRIDE };
    let chunks_n = n.div_ceil(CHUNK);
    tallies.resize_with(chunks_n.max(1), Tally::default);
    resting.resize_with(chunks_n.max(1), Resting::default);
    let chunks = chunks(agents, inst_agents);
    if chunks.is_empty() {
        tallies[0].reset(cells, places);
        if let Some(q) = queues {
            tallies[0].inst.reset(q);
        }
        return;
    }
    let threads = rayon::current_num_threads();
    let parallel = sharing.parallel(threads);
    // Each chunk's time, for the next day's choice: needed only if there is something to share.
    let timed = chunks.len() > 1 && threads > 1;
    let one = |((chunk, tally), resting): ((Chunk<'_>, &mut Tally), &mut Resting)| {
        tally.reset(cells, places);
        if let Some(q) = queues {
            tally.inst.reset(q);
        }
        let started = timed.then(std::time::Instant::now);
        run_chunk(chunk, inputs, tally, resting);
        tally.elapsed_ns = started.map_or(0, |t| u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX));
    };
    if parallel {
        chunks.into_par_iter().zip(tallies.par_iter_mut()).zip(resting.par_iter_mut()).for_each(one);
    } else {
        chunks.into_iter().zip(tallies.iter_mut()).zip(resting.iter_mut()).for_each(one);
    }
    sharing.saw(tallies);
}

/// The institutions' view of agent `i` of chunk `c` (always inlined: built in place, not copied).
#[inline(always)]
fn agent<'c>(c: &'c mut Chunk<'_>, i: usize) -> Option<step::Agent<'c>> {
    let ic = c.inst.as_mut()?;
    Some(step::Agent {
        id: (c.start + i) as u32,
        i,
        since: c.since[i],
        group: c.group[i],
        origin: c.origin[i],
        attrs: c.attrs[i],
        places: c.place,
        links: c.link,
        progresses: c.progress,
        routes: c.route,
        statuses: c.status,
        flag_bits: c.flags,
        goals: c.goal,
        iflag_bits: ic.flags,
        marks: ic.mark,
        dues: ic.due,
        waits: ic.waited,
        hearings: ic.to_hearing,
        ports: ic.port,
        nexts: ic.next,
    })
}

/// Whether agent `i` has a quiet day with the institutions on: it does not move (asleep alone at a
/// place, held, or in a status that does not move) and no institution step is due, so the day changes
/// nothing but its count.
#[inline]
fn quiet(c: &Chunk<'_>, t: &DayInst<'_>, i: usize) -> bool {
    let Some(ic) = &c.inst else {
        return false;
    };
    let (status, place, group) = (c.status[i], c.place[i], c.group[i]);
    if step::needs_pre(t, status, ic.flags[i], ic.due[i], ic.next[i], group, place) {
        return false;
    }
    if !status.moves() {
        return true;
    }
    if group != NONE || c.link[i] != NONE {
        return false;
    }
    let flags = ic.flags[i];
    if flags & institutions::iflags::HOLD != 0 {
        return true;
    }
    let wake = c.wake[i];
    wake != NONE && wake > t.day && !step::needs_post(t, status, flags, NONE, place, ic.next[i], None, false, false)
}

fn run_chunk(c: Chunk<'_>, inp: &PassInputs<'_>, tally: &mut Tally, resting: &mut Resting) {
    match &inp.inst {
        Some(t) => run_agents(c, inp, tally, resting, |c, i| quiet(c, t, i)),
        None if inp.ctx.plain() && inp.groups.is_empty() => run_chunk_movement_only::<true>(c, inp, tally),
        None => run_chunk_movement_only::<false>(c, inp, tally),
    }
}

/// Every agent's day with the institutions on; `skip` tells a quiet agent (its day changes nothing but
/// its count). A quiet agent whose journey has ended, or who waits in the US for a hearing on a later
/// day, rests (`resting`): it is counted where it is without a visit, for good or until that day.
#[inline(always)]
fn run_agents(
    mut c: Chunk<'_>,
    inp: &PassInputs<'_>,
    tally: &mut Tally,
    resting: &mut Resting,
    skip: impl Fn(&Chunk<'_>, usize) -> bool,
) {
    let n = c.place.len();
    resting.start_day(n, tally.counts.len(), inp.day);
    tally.counts.copy_from_slice(resting.counts());
    for b in 0..n.div_ceil(AWAKE_BLOCK) {
        for i in set_bits(resting.awake(b, n)).map(|j| b * AWAKE_BLOCK + j) {
            run_agent(&mut c, i, inp, tally, resting, &skip);
        }
    }
}

/// One agent's day with the institutions on (see `run_agents`).
#[inline(always)]
fn run_agent(
    c: &mut Chunk<'_>,
    i: usize,
    inp: &PassInputs<'_>,
    tally: &mut Tally,
    resting: &mut Resting,
    skip: &impl Fn(&Chunk<'_>, usize) -> bool,
) {
    if skip(c, i) {
        let status = c.status[i];
        let cell = status.cell_at(c.place[i]);
        tally.counts[cell] += 1;
        if status.ends_journey() {
            resting.settle(i, cell);
        } else if status == Status::ReleasedInUs {
            // Nothing happens to it before its hearing (`step::needs_pre`), booked once on release.
            let hearing = c.inst.as_ref().map_or(0, |ic| ic.due[i]);
            if hearing > inp.day.saturating_add(1) {
                resting.sleep(i, cell, hearing);
            }
        }
        return;
    }
    let before = c.status[i];
    let (place_before, goal_before) = (c.place[i], c.goal[i]);
    let mut hold = false;
    let mut held_before = false;
    // The institution fields that decide queue membership, as the day began.
    let mut member_before = (0, 0);
    if let Some(t) = &inp.inst {
        if let Some(ic) = &c.inst {
            member_before = (ic.flags[i], ic.port[i]);
            held_before = ic.flags[i] & institutions::iflags::HOLD != 0;
            hold = held_before;
            if step::needs_pre(t, before, ic.flags[i], ic.due[i], ic.next[i], c.group[i], place_before) {
                if let Some(mut a) = agent(c, i) {
                    hold = step::pre(&mut a, t, &mut tally.inst);
                }
            }
        }
    }
    let moving = c.status[i];
    // Fast path: an agent alone at a place, asleep until a later day, does not move today.
    let unchanged = moving == before && c.place[i] == place_before && c.goal[i] == goal_before;
    let asleep = unchanged && c.wake[i] != NONE && c.wake[i] > inp.day && c.link[i] == NONE && c.group[i] == NONE;
    // Sent on to another port where it stands (it left a list for one): it sets out today, whatever
    // the place's move chance (`sent_on`).
    let sent = sent_on(c, i, place_before, goal_before);
    if sent {
        c.wake[i] = inp.day;
    }
    let mut went = if moving.moves() && !hold && !asleep {
        move_agent::<false>(c, i, inp, tally, moving, unchanged || sent)
    } else {
        Went::default()
    };
    let (attached_to, checkpoint) = (went.attached_to, went.checkpoint);
    if let Some(t) = &inp.inst {
        let (status_mid, place_mid, goal_mid) = (c.status[i], c.place[i], c.goal[i]);
        let changed = status_mid != before || place_mid != place_before || goal_mid != goal_before;
        let post = !hold
            && c.inst.as_mut().is_some_and(|ic| {
                if changed {
                    ic.next[i] = 0; // somewhere else or someone else now: look at its chances afresh
                }
                step::needs_post(
                    t,
                    status_mid,
                    ic.flags[i],
                    c.link[i],
                    place_mid,
                    ic.next[i],
                    attached_to.map(|g| inp.groups[g as usize].paused()),
                    checkpoint.is_some(),
                    went.road.is_some_and(|r| t.layout.hazardous(r)),
                )
            });
        if post {
            let at_place = c.link[i] == NONE;
            if let Some(mut a) = agent(c, i) {
                match step::post(&mut a, t, &mut tally.inst, attached_to, checkpoint, went.road) {
                    Stop::AtCheckpoint => went.stopped_at_checkpoint(c.status[i], tally),
                    Stop::OnTheRoad => went.lost_on_the_road(at_place, tally),
                    Stop::No => {}
                }
            }
        }
        if held_before && c.status[i] != before {
            if let Some(ic) = c.inst.as_mut() {
                // Served elsewhere (a hearing, a visa's end): off the list, IOM's counted (review, s. 34).
                if ic.flags[i] & institutions::iflags::HOLD_IOM != 0 {
                    tally.inst.count(institutions::Counter::IomWithdrawn);
                }
                ic.flags[i] &= !institutions::iflags::HOLD;
            }
        }
        let moved_on = c.status[i] != status_mid || c.place[i] != place_mid || c.goal[i] != goal_mid;
        if moved_on {
            // Sent on to another port on arriving: it sets out tomorrow. Otherwise it decides afresh
            // where it is now.
            c.wake[i] = if sent_on(c, i, place_mid, goal_mid) { inp.day + 1 } else { NONE };
        }
        if let Some(ic) = c.inst.as_mut() {
            let member_after = (ic.flags[i], ic.port[i]);
            if moved_on || member_after.0 != member_before.0 || (changed && !post) {
                ic.next[i] = 0;
            }
            if let Some(q) = t.queues.of(before, member_before.0, member_before.1) {
                // Out of the queue, or back in it with a new place (a person who left a queue and
                // joined it again today: every join marks the day, and its old place was marked on
                // an earlier one): the old place is left. No rule does so today (a COMAR applicant,
                // the one case, applies once since session 31); the check keeps the count right if
                // one comes to.
                let out = t.queues.of(c.status[i], member_after.0, member_after.1) != Some(q);
                if out || ic.mark[i] == inp.day {
                    tally.inst.left[q] += 1;
                }
            }
        }
    }
    let now = c.status[i];
    if now != before {
        c.since[i] = inp.day;
        tally.entries[now as usize] += 1;
    }
    tally.counts[now.cell_at(c.place[i])] += 1;
    went.note_member(c.flags[i], c.start + i, tally);
}

/// Whether the institutions sent agent `i` on to another port where it stands (a list left for
/// another port, or another port chosen on arriving): its goal is no longer `goal_was`, at the same
/// place `place_was`. Such a person has decided to go and sets out at once (with its caravan, if one
/// still carries it): a border city's move chance is for those passing through (0 by default, which
/// would keep it there for good).
#[inline]
fn sent_on(c: &Chunk<'_>, i: usize, place_was: u32, goal_was: u32) -> bool {
    c.goal[i] != goal_was && c.place[i] == place_was && c.status[i] == Status::AtPlace
}

/// `run_chunk` without institutions (FLEE's runs): nothing changes an agent before or after its
/// movement, so a sleeping agent is not touched beyond its wake day, and only changes of (place,
/// status) are tallied.
///
/// (It stays in this file with `move_agent`: moved to a submodule of its own, the same source compiled
/// to 4% more instructions in the pass, callgrind at 10⁵ agents.)
fn run_chunk_movement_only<const PLAIN: bool>(mut c: Chunk<'_>, inp: &PassInputs<'_>, tally: &mut Tally) {
    let day = inp.day;
    let n = c.place.len();
    // Every field has one entry per agent of the chunk: said once, so that a single check of `i`
    // below covers every field's index (the compiler drops the per-field bounds checks).
    let same = |len: usize| len == n;
    assert!(
        same(c.link.len())
            && same(c.progress.len())
            && same(c.route.len())
            && same(c.hop.len())
            && same(c.status.len())
            && same(c.since.len())
            && same(c.flags.len())
            && same(c.wake.len())
            && same(c.group.len())
            && same(c.goal.len()),
        "chunk fields of unequal length"
    );
    let grouped = !inp.groups.is_empty();
    for block in blocks(n) {
        let mut awake = awake_bits(&c.wake[block.clone()], day);
        if grouped {
            awake |= not_none_bits(&c.group[block.clone()]); // groups move their members, awake or not
        }
        for i in set_bits(awake).map(|j| block.start + j) {
            if i >= n {
                break; // never: the block lies within the chunk
            }
            let before = c.status[i];
            if !before.is_mobile() {
                continue;
            }
            let cell_before = ChangeCells::of(c.place[i], before);
            let went = move_agent::<PLAIN>(&mut c, i, inp, tally, before, true);
            if !PLAIN {
                went.note_member(c.flags[i], c.start + i, tally); // a plain day has no groups, so no caravans
            }
            let now = c.status[i];
            if now != before {
                c.since[i] = day;
                tally.entries[now as usize] += 1;
            }
            tally.moved(cell_before, ChangeCells::of(c.place[i], now));
        }
    }
    debug_assert!((0..n).all(|i| c.wake[i] == NONE || c.link[i] == NONE), "an agent sleeps on a road");
}

/// What an agent's movement did today, for what the institutions do next and for the arrivals.
#[derive(Clone, Copy, Debug, Default)]
struct Went {
    /// The group it travelled with.
    attached_to: Option<u32>,
    /// The first watched checkpoint it passed, and where.
    checkpoint: Option<Met>,
    /// The place its arrival today was tallied at (the last place it reached), if it reached one.
    arrived_at: Option<u32>,
    /// The last road it went along today, if any (`DayMoves::road`).
    road: Option<u32>,
}

impl Went {
    /// Stopped at the checkpoint it met (`status` after it: apprehended, or dead in a clash, recorded
    /// there by `enforcement::checkpoint`): it did not go on past it, so its arrival, if it reached a
    /// place beyond, is the checkpoint's place, and none if it died there (people lost on the way
    /// are not arrivals).
    fn stopped_at_checkpoint(&mut self, status: Status, tally: &mut Tally) {
        let (Some(met), Some(at)) = (self.checkpoint, self.arrived_at) else { return };
        let died = status == Status::DeadOrMissing;
        tally.arrivals[at as usize] -= 1;
        self.arrived_at = (!died).then_some(met.place);
        if let Some(p) = self.arrived_at {
            tally.arrivals[p as usize] += 1;
        }
    }

    /// Lost on the road it went along today (a hazard), having reached its end (`at_place`): it died on
    /// the way there, so it did not arrive. One lost on the road it is on tonight keeps the arrival at
    /// the road's start, reached before.
    fn lost_on_the_road(&mut self, at_place: bool, tally: &mut Tally) {
        if let Some(at) = self.arrived_at.filter(|_| at_place) {
            tally.arrivals[at as usize] -= 1;
            self.arrived_at = None;
        }
    }

    /// Notes a caravan member's arrival (`flags` has `CARAVAN_MEMBER`) for the members' own counts.
    #[inline(always)]
    fn note_member(&self, flags: u8, id: usize, tally: &mut Tally) {
        if let Some(place) = self.arrived_at.filter(|_| flags & flags::CARAVAN_MEMBER != 0) {
            tally.member_arrivals.push((id as u32, place));
        }
    }
}

/// One mobile agent's movement today: with its group, or by the movement rules (`PLAIN`: on a plain
/// day, see `DayContext::plain`, with no groups). Returns what it did (`Went`).
#[inline(always)]
fn move_agent<const PLAIN: bool>(
    c: &mut Chunk<'_>,
    i: usize,
    inp: &PassInputs<'_>,
    tally: &mut Tally,
    moving: Status,
    unchanged: bool,
) -> Went {
    let mut attached_to = None;
    let mut arrived_at = None;
    let checkpoint;
    let road;
    let id = (c.start + i) as u32;
    // A plain day has no groups (see `run_chunk`): the compiler drops the group's part.
    let g = if PLAIN { NONE } else { c.group[i] };
    let group = (g != NONE)
        .then(|| &inp.groups[g as usize])
        // A group that disbanded today on reaching its destination still carries its members there.
        .filter(|grp| grp.active || grp.arrived_today);
    let attached = group.is_some() && c.flags[i] & flags::DETACHED == 0;
    let rejoin = match group {
        Some(grp) if !attached => grp.paused() && c.link[i] == NONE && grp.mover.place == c.place[i],
        _ => false,
    };
    if attached || rejoin {
        let grp = group.expect("attached implies a group");
        // A member takes its caravan's bounce too, for the day it goes on alone (code review of
        // session 32: one set by a closure while attached stayed, and sent it back from a later road).
        c.flags[i] = (c.flags[i] & !(flags::DETACHED | flags::BOUNCE)) | (grp.mover.flags & flags::BOUNCE);
        c.place[i] = grp.mover.place;
        c.link[i] = grp.mover.link;
        c.progress[i] = grp.mover.progress;
        c.route[i] = NONE;
        c.wake[i] = NONE;
        if moving != Status::HumanitarianVisa {
            c.status[i] = grp.status;
        }
        attached_to = Some(g);
        // A straggler rejoining its caravan where it waited had its own day: the caravan's road,
        // checkpoint and arrival today are not its (review of session 21).
        checkpoint = if attached { grp.checkpoint_today } else { None };
        road = if attached { grp.road_today } else { None };
        if attached && grp.arrived_today {
            tally.arrivals[grp.mover.place as usize] += 1;
            arrived_at = Some(grp.mover.place);
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
        if !unchanged {
            c.wake[i] = NONE; // the institutions moved it: decide afresh where it is now
        }
        let mut m = Mover {
            place: c.place[i],
            link: c.link[i],
            progress: c.progress[i],
            route: c.route[i],
            hop: c.hop[i],
            goal_slot: if PLAIN { NONE } else { c.goal[i] },
            flags: c.flags[i],
            wake: c.wake[i],
        };
        let mut rng = MoveStream::new(inp.seed, id, inp.day);
        let moves = if PLAIN { inp.ctx.day_plain(&mut m, &mut rng) } else { inp.ctx.day(&mut m, &mut rng) };
        c.place[i] = m.place;
        c.link[i] = m.link;
        c.progress[i] = m.progress;
        c.route[i] = m.route;
        c.hop[i] = m.hop;
        c.flags[i] = m.flags;
        c.wake[i] = m.wake;
        checkpoint = moves.checkpoint;
        road = moves.road;
        if moving == Status::HumanitarianVisa {
            // Visa holders keep their status while they travel.
        } else if m.link != NONE {
            c.status[i] = Status::Travelling;
        } else if moves.departed || moves.arrived || moving == Status::Travelling {
            c.status[i] = Status::AtPlace;
        }
        if moves.arrived {
            tally.arrivals[m.place as usize] += 1;
            arrived_at = Some(m.place);
        }
    }
    Went { attached_to, checkpoint, arrived_at, road }
}
