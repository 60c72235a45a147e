//! One agent's day with the institutions, inside the parallel pass: `pre` (before movement) for people
//! held or waiting in the system, `post` (after movement) for people on the move. Independent draws only.

use super::{
    courts, enforcement, hazards, humanitarian_visa, iflags, metering, mexico_asylum, mpp, screening, voluntary_return,
    DayInst, Tally,
};
use crate::population::{flags, Attributes, Status, NONE};

/// One agent's fields, borrowed from the pass's chunk.
pub struct Agent<'a> {
    pub id: u32,
    pub place: &'a mut u32,
    pub link: &'a mut u32,
    pub progress: &'a mut f32,
    pub route: &'a mut u32,
    pub status: &'a mut Status,
    /// Day the current status began.
    pub since: u32,
    pub flags: &'a mut u8,
    pub goal: &'a mut u32,
    pub group: u32,
    pub origin: u32,
    pub attrs: Attributes,
    pub iflags: &'a mut u16,
    pub mark: &'a mut u32,
    pub due: &'a mut u32,
    pub waited: &'a mut u16,
    pub to_hearing: &'a mut u16,
    pub port: &'a mut u8,
}

impl Agent<'_> {
    /// Puts the agent at `place`, off any road and route.
    #[inline]
    pub fn stop_at(&mut self, place: u32) {
        *self.place = place;
        *self.link = NONE;
        *self.progress = 0.0;
        *self.route = NONE;
    }

    /// Sends the agent to its origin with `status` (deported, returned home).
    #[inline]
    pub fn send_home(&mut self, status: Status) {
        let origin = self.origin;
        self.stop_at(origin);
        *self.status = status;
    }

    /// Stops the agent following its group (it waits while the group may move on).
    #[inline]
    pub fn detach(&mut self) {
        if self.group != NONE {
            *self.flags |= flags::DETACHED;
        }
    }
}

/// Institution steps before movement. Returns true when the agent must not move today.
#[inline]
pub fn pre(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) -> bool {
    let day = t.day;
    match *a.status {
        Status::Waitlisted => metering::waitlisted(a, t, tally),
        Status::InScreening if day >= *a.due => screening::screen(a, t, tally),
        Status::ReleasedInUs if day >= *a.due => courts::hearing(a, t, tally),
        Status::MppInMexico => {
            if day >= *a.due {
                courts::hearing(a, t, tally)
            } else {
                mpp::wait(a, t, tally)
            }
        }
        Status::Detained if day >= *a.due => {
            if *a.iflags & iflags::US_DETAINED != 0 {
                courts::hearing(a, t, tally)
            } else {
                enforcement::deport(a, t, tally)
            }
        }
        Status::AsylumInMexico => mexico_asylum::pending(a, t, tally),
        Status::HumanitarianVisa => humanitarian_visa::expiry(a, t, tally),
        Status::AtOrigin | Status::Travelling | Status::AtPlace => mexico_asylum::group_accepted(a, t, tally),
        _ => {}
    }
    *a.iflags & iflags::HOLD != 0
}

/// Institution steps after movement for agents still on the move. `attached` is the group the agent
/// moved with today, `checkpoint` the checkpoint it (or its group) passed.
#[inline]
pub fn post(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, attached: Option<u32>, checkpoint: Option<u32>) {
    let s = *a.status;
    if !s.is_mobile() || s == Status::AtOrigin || *a.iflags & iflags::HOLD != 0 {
        return;
    }
    if *a.link != NONE && hazards::road(a, t, tally) {
        return;
    }
    if let Some(cp) = checkpoint {
        if enforcement::checkpoint(a, t, tally, cp, attached) {
            return;
        }
    }
    if *a.link != NONE || attached.is_some() {
        return;
    }
    let place = *a.place as usize;
    let port = t.layout.port_of_place[place];
    if port != super::layout::NO && (*a.goal == NONE || t.goal_places[*a.goal as usize] == *a.place) {
        metering::arrive(a, t, tally, port);
        return;
    }
    if !t.layout.in_mexico[place] {
        return;
    }
    if enforcement::raid(a, t, tally) || mexico_asylum::offices(a, t, tally) || humanitarian_visa::petition(a, t, tally)
    {
        return;
    }
    voluntary_return::consider(a, t, tally);
}
