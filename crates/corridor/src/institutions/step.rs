//! One agent's day with the institutions, inside the parallel pass: `pre` (before movement) for people
//! held or waiting in the system, `post` (after movement) for people on the move. Independent draws only;
//! a waiting person's small daily chances are met on its scheduled look days only (`chances`).

use super::chances::{self, Waiting};
use super::schedule::{self, Chain, DAY};
use super::{
    courts, enforcement, hazards, humanitarian_visa, iflags, metering, mexico_asylum, screening, voluntary_return,
    DayInst, Tally,
};
use crate::movement::Met;
use crate::population::{flags, Attributes, Status, NONE};
use crate::scenario::institutions::OfficeKind;

/// One agent's fields, borrowed from the pass's chunk: the chunk's slices and the agent's index.
/// Building it costs no bounds checks; each accessor checks only the field it reads.
pub struct Agent<'a> {
    pub id: u32,
    pub i: usize,
    /// Day the current status began.
    pub since: u32,
    pub group: u32,
    pub origin: u32,
    pub attrs: Attributes,
    pub places: &'a mut [u32],
    pub links: &'a mut [u32],
    pub progresses: &'a mut [f32],
    pub routes: &'a mut [u32],
    pub statuses: &'a mut [Status],
    pub flag_bits: &'a mut [u8],
    pub goals: &'a mut [u32],
    pub iflag_bits: &'a mut [u16],
    pub marks: &'a mut [u32],
    pub dues: &'a mut [u32],
    pub waits: &'a mut [u16],
    pub hearings: &'a mut [u16],
    pub ports: &'a mut [u8],
    pub nexts: &'a mut [u32],
}

macro_rules! field {
    ($name:ident, $name_mut:ident, $slice:ident, $t:ty) => {
        #[inline]
        pub fn $name(&self) -> $t {
            self.$slice[self.i]
        }
        #[inline]
        pub fn $name_mut(&mut self) -> &mut $t {
            &mut self.$slice[self.i]
        }
    };
}

impl Agent<'_> {
    field!(place, place_mut, places, u32);
    field!(link, link_mut, links, u32);
    field!(progress, progress_mut, progresses, f32);
    field!(route, route_mut, routes, u32);
    field!(status, status_mut, statuses, Status);
    field!(flags, flags_mut, flag_bits, u8);
    field!(goal, goal_mut, goals, u32);
    field!(iflags, iflags_mut, iflag_bits, u16);
    field!(mark, mark_mut, marks, u32);
    field!(due, due_mut, dues, u32);
    field!(waited, waited_mut, waits, u16);
    field!(to_hearing, to_hearing_mut, hearings, u16);
    field!(port, port_mut, ports, u8);
    field!(next, next_mut, nexts, u32);
}

impl Agent<'_> {
    /// Puts the agent at `place`, off any road and route.
    #[inline]
    pub fn stop_at(&mut self, place: u32) {
        *self.place_mut() = place;
        *self.link_mut() = NONE;
        *self.progress_mut() = 0.0;
        *self.route_mut() = NONE;
    }

    /// Sends the agent to its origin with `status` (deported, returned home).
    #[inline]
    pub fn send_home(&mut self, status: Status) {
        let origin = self.origin;
        self.stop_at(origin);
        *self.status_mut() = status;
    }

    /// Stops the agent following its group (it waits while the group may move on).
    #[inline]
    pub fn detach(&mut self) {
        if self.group != NONE {
            *self.flags_mut() |= flags::DETACHED;
        }
    }
}

/// Whether `pre` has anything to do for an agent in `status` at `place` (a cheap test before building
/// its view): a dated event is due, or a waiting person's look at its chances (`next`). Always inlined:
/// asked of every agent of every day, a call costs more than the test (caravan-2018's day loop: 18%).
#[inline(always)]
pub fn needs_pre(t: &DayInst<'_>, status: Status, iflags: u16, due: u32, next: u32, group: u32, place: u32) -> bool {
    let day = t.day;
    match status {
        Status::Waitlisted | Status::AsylumInMexico => chances::due(t, next, place),
        Status::MppInMexico => day >= due || chances::due(t, next, place),
        Status::Detained if iflags & iflags::US_DETAINED != 0 => day >= due || chances::due(t, next, place),
        Status::InAbsentia => t.layout.in_mexico[place as usize] && chances::due(t, next, place),
        Status::HumanitarianVisa | Status::InScreening | Status::ReleasedInUs | Status::Detained => day >= due,
        Status::AtOrigin | Status::Travelling | Status::AtPlace => group != NONE,
        _ => false,
    }
}

/// Whether `post` has anything to do for an agent in `status` with institution flags `iflags`, on road
/// `link` or at `place`, that moved with a group today (`attached`) or passed a checkpoint: mirrors
/// `post`'s tests, so that a person waiting at a place is looked at on its look days only.
#[allow(clippy::too_many_arguments)]
#[inline]
pub fn needs_post(
    t: &DayInst<'_>,
    status: Status,
    iflags: u16,
    link: u32,
    place: u32,
    next: u32,
    attached: Option<bool>,
    checkpoint: bool,
    hazardous_road: bool,
) -> bool {
    if !status.moves() || status == Status::AtOrigin || iflags & iflags::HOLD != 0 {
        return false;
    }
    if link != NONE || checkpoint || hazardous_road {
        return true;
    }
    if let Some(paused) = attached {
        return paused; // a paused caravan's members may use the offices where it stopped
    }
    let p = place as usize;
    t.layout.port_of_place[p] != super::layout::NO
        || ((t.layout.in_mexico[p] || t.layout.has_office(place, OfficeKind::Iom)) && chances::due(t, next, place))
}

/// Institution steps before movement. Returns true when the agent must not move today.
#[inline]
pub fn pre(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) -> bool {
    let day = t.day;
    match a.status() {
        Status::Waitlisted => wait(Waiting::List, a, t, tally, DAY),
        Status::InScreening if day >= *a.due_mut() => screening::screen(a, t, tally),
        Status::ReleasedInUs if day >= *a.due_mut() => courts::hearing(a, t, tally),
        Status::MppInMexico => {
            if day >= a.due() {
                courts::hearing(a, t, tally)
            } else {
                let due = a.due();
                wait(Waiting::Mpp, a, t, tally, due)
            }
        }
        Status::Detained if day >= *a.due_mut() => {
            if a.iflags() & iflags::US_DETAINED != 0 {
                courts::hearing(a, t, tally)
            } else {
                enforcement::deport(a, t, tally)
            }
        }
        Status::Detained if a.iflags() & iflags::US_DETAINED != 0 => {
            let due = a.due();
            wait(Waiting::UsDetention, a, t, tally, due)
        }
        Status::InAbsentia if t.layout.in_mexico[a.place() as usize] => wait(Waiting::Ordered, a, t, tally, DAY),
        Status::AsylumInMexico if a.iflags() & iflags::SETTLED != 0 => *a.next_mut() = DAY,
        Status::AsylumInMexico => wait(Waiting::Comar, a, t, tally, DAY),
        Status::HumanitarianVisa => humanitarian_visa::expiry(a, t, tally),
        Status::AtOrigin | Status::Travelling | Status::AtPlace => mexico_asylum::group_accepted(a, t, tally),
        _ => {}
    }
    a.iflags() & iflags::HOLD != 0
}

/// A waiting person's look at its chances, if today is its day; held people (waiting for a visa card or
/// an IOM return) meet none until their flags change.
#[inline]
fn wait(w: Waiting, a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, limit: u32) {
    if a.iflags() & iflags::HOLD != 0 {
        *a.next_mut() = DAY;
    } else if chances::due(t, a.next(), a.place()) {
        chances::meet(w, a, t, tally, limit);
    }
}

/// Institution steps after movement for agents still on the move. `attached` is the group the agent
/// moved with today, `checkpoint` the checkpoint it (or its group) passed, `road` the last road it went
/// along today (whose hazards it met: the one it is on tonight, or the one into where it is).
#[inline]
pub fn post(
    a: &mut Agent<'_>,
    t: &DayInst<'_>,
    tally: &mut Tally,
    attached: Option<u32>,
    checkpoint: Option<Met>,
    road: Option<u32>,
) -> Stop {
    let s = a.status();
    if !s.moves() || s == Status::AtOrigin || a.iflags() & iflags::HOLD != 0 {
        return Stop::No;
    }
    let road = if a.link() != NONE { Some(a.link()) } else { road };
    if road.is_some_and(|r| hazards::road(a, r, t, tally)) {
        return Stop::OnTheRoad;
    }
    if let Some(met) = checkpoint {
        // A caravan meets a checkpoint as one (its clash, its factor); a family's members one by one
        // (institutions review of session 31: families were given the caravans' rules).
        let caravan = attached.filter(|&g| t.caravan_member(g));
        if enforcement::checkpoint(a, t, tally, met, caravan) {
            return Stop::AtCheckpoint;
        }
    }
    if a.link() != NONE {
        return Stop::No;
    }
    if let Some(g) = attached {
        // A caravan stopped at a place: its members may use the offices there (visas, IOM booths).
        if t.groups.get(g as usize).is_some_and(|g| g.paused()) {
            paused_member(a, t, tally);
        }
        return Stop::No;
    }
    let place = a.place() as usize;
    let port = t.layout.port_of_place[place];
    if port != super::layout::NO && (a.goal() == NONE || t.goal_places[a.goal() as usize] == a.place()) {
        metering::arrive(a, t, tally, port);
        return Stop::No;
    }
    if !t.layout.in_mexico[place] {
        if t.layout.has_office(a.place(), OfficeKind::Iom) {
            wait(Waiting::Abroad, a, t, tally, DAY); // IOM booths outside Mexico (Guatemala)
        }
        return Stop::No;
    }
    wait(Waiting::Mexico, a, t, tally, DAY);
    Stop::No
}

/// Whether `post` stopped the agent's journey where the movement left it: on the road it ends the day
/// on (a hazard), or at the checkpoint it met (apprehended, or dead in a clash), short of any place
/// reached after it. Offices, ports and raids act where the journey ended, and say `No`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    No,
    OnTheRoad,
    AtCheckpoint,
}

/// A member of a paused caravan: petition for a humanitarian visa or register with IOM where there is
/// an office (leaving the caravan if it does). Mexican enforcement and COMAR act on the caravan as a
/// whole (checkpoints, the programme), not here.
/// Few people are in a paused caravan on any day, so they meet today's chances directly (one uniform
/// split along the chain) rather than on scheduled look days.
fn paused_member(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) {
    let mut chain = Chain { u: schedule::look_uniform(t.seed, a.id, t.day) };
    if t.layout.in_mexico[a.place() as usize] && humanitarian_visa::petition(a, t, tally, &mut chain) {
        return;
    }
    voluntary_return::consider(a, t, tally, &mut chain);
}
