//! Asylum in Mexico: COMAR applications (a queue served at a capacity behind a backlog, then recognised
//! or rejected) and the autumn-2018 programme that a caravan or a person may accept, staying put.

use super::{iflags, Agent, Counter, DayInst, Request, Tally, SUB_COMAR, SUB_PROGRAMME};
use crate::policy::Param;
use crate::population::{flags, Status, NONE};
use crate::rng::{quick_uniform, Purpose, Stream};
use crate::scenario::institutions::OfficeKind;

/// A pending applicant may abandon the claim (and move on).
pub fn pending(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) {
    if a.iflags() & iflags::SETTLED != 0 {
        return;
    }
    let mut rng = Stream::new(t.seed, Purpose::Institution, SUB_COMAR, a.id, t.day);
    if rng.chance(t.v(Param::ComarAbandonDaily)) {
        tally.count(Counter::ComarAbandoned);
        *a.status_mut() = Status::AtPlace;
    }
}

/// A member of a caravan that accepted the programme today stays where the caravan stopped.
pub fn group_accepted(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) {
    let g = a.group;
    if g == NONE || a.flags() & flags::DETACHED != 0 || !t.accepted[g as usize] {
        return;
    }
    let grp = &t.groups[g as usize];
    if grp.active || t.day != t.accepted_day[g as usize] {
        return;
    }
    a.stop_at(grp.mover.place);
    *a.status_mut() = Status::AsylumInMexico;
    *a.iflags_mut() |= iflags::SETTLED;
    tally.count(Counter::ProgrammePeople);
}

/// At a place with a programme office or COMAR: accept the programme, or apply for asylum.
pub fn offices(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) -> bool {
    let place = a.place();
    let programme = t.on(Param::ProgrammeActive) && t.layout.has_office(place, OfficeKind::Programme);
    let comar = t.layout.has_office(place, OfficeKind::Comar);
    if !programme && !comar {
        return false;
    }
    // Small daily chances met every day by everyone near an office: one cheap draw each.
    let draw = |sub: u32| quick_uniform(t.seed, Purpose::Institution, sub + 64, a.id, t.day);
    if programme && draw(SUB_PROGRAMME) < t.v(Param::ProgrammePersonDaily) {
        *a.status_mut() = Status::AsylumInMexico;
        *a.iflags_mut() |= iflags::SETTLED;
        tally.count(Counter::ProgrammePeople);
        return true;
    }
    if comar && draw(SUB_COMAR) < t.v(Param::ComarApplyDaily) {
        *a.status_mut() = Status::AsylumInMexico;
        *a.mark_mut() = t.day;
        a.detach();
        tally.requests.push((a.id, Request::Comar));
        tally.count(Counter::ComarApplied);
        return true;
    }
    false
}
