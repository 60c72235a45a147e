//! Asylum in Mexico: COMAR applications (a queue served at a capacity behind a backlog, then recognised
//! or rejected) and the autumn-2018 programme that a caravan or a person may accept, staying put.

use super::schedule::Chain;
use super::{iflags, Agent, Counter, DayInst, Request, Tally};
use crate::policy::Param;
use crate::population::{flags, Status, NONE};
use crate::scenario::institutions::OfficeKind;

/// Daily chance that a pending applicant abandons the claim (0 once decided).
pub fn abandon_chance(a: &Agent<'_>, t: &DayInst<'_>) -> f64 {
    if a.iflags() & iflags::SETTLED != 0 {
        return 0.0;
    }
    t.v(Param::ComarAbandonDaily)
}

/// A pending applicant may abandon the claim (and move on): today's `chain`.
pub fn pending(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, chain: &mut Chain) {
    let p = abandon_chance(a, t);
    if p > 0.0 && chain.hit(p) {
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

/// Daily chances of accepting the programme and of applying to COMAR at the agent's place.
pub fn office_chances(a: &Agent<'_>, t: &DayInst<'_>) -> (f64, f64) {
    let place = a.place();
    let programme = t.on(Param::ProgrammeActive) && t.layout.has_office(place, OfficeKind::Programme);
    // Once: a rejected applicant, or one who abandoned the claim, goes on rather than applying again
    // (institutions review of session 31: each went back to the full daily chance, and every
    // application counted among the requests the scenario is calibrated on).
    let comar = t.layout.has_office(place, OfficeKind::Comar) && a.iflags() & iflags::COMAR_APPLIED == 0;
    (
        if programme { t.v(Param::ProgrammePersonDaily) } else { 0.0 },
        if comar { t.v(Param::ComarApplyDaily) } else { 0.0 },
    )
}

/// At a place with a programme office or COMAR: accept the programme, or apply for asylum (the next
/// chances of today's `chain`).
pub fn offices(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, chain: &mut Chain) -> bool {
    let (programme, comar) = office_chances(a, t);
    if programme > 0.0 && chain.hit(programme) {
        *a.status_mut() = Status::AsylumInMexico;
        *a.iflags_mut() |= iflags::SETTLED;
        tally.count(Counter::ProgrammePeople);
        return true;
    }
    if comar > 0.0 && chain.hit(comar) {
        a.detach();
        apply(a, t, tally);
        return true;
    }
    false
}

/// Agent `a` applies to COMAR today, once in its life (`iflags::COMAR_APPLIED`: at an office, or on
/// giving up MPP to settle in Mexico; both ways are open only to one who has not applied before).
pub fn apply(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) {
    debug_assert!(a.iflags() & iflags::COMAR_APPLIED == 0, "agent {} applies to COMAR again", a.id);
    *a.status_mut() = Status::AsylumInMexico;
    *a.iflags_mut() |= iflags::COMAR_APPLIED;
    *a.mark_mut() = t.day;
    tally.requests.push((a.id, Request::Comar));
    tally.count(Counter::ComarApplied);
}
