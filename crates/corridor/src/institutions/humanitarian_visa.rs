//! Humanitarian visas at Mexico's southern border: petitions at an office while the programme is open,
//! issued at a capacity per day (in `settle`), valid for a year; holders travel and are not apprehended.

use super::schedule::Chain;
use super::{iflags, Agent, Counter, DayInst, Request, Tally};
use crate::policy::Param;
use crate::population::{Status, NONE};
use crate::scenario::institutions::OfficeKind;

/// Daily chance of petitioning at the agent's place (0 without an open office, or once petitioned).
pub fn petition_chance(a: &Agent<'_>, t: &DayInst<'_>) -> f64 {
    if !t.on(Param::VisaActive)
        || a.iflags() & iflags::PETITIONED != 0
        || a.status() == Status::HumanitarianVisa
        || !t.layout.has_office(a.place(), OfficeKind::HumanitarianVisa)
    {
        return 0.0;
    }
    t.v(Param::VisaPetitionDaily)
}

/// At a visa office while petitions are open: petition (once) and wait for the card (the next chance
/// of today's `chain`).
pub fn petition(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, chain: &mut Chain) -> bool {
    let p = petition_chance(a, t);
    if p <= 0.0 || !chain.hit(p) {
        return false;
    }
    *a.iflags_mut() |= iflags::PETITIONED | iflags::HOLD_VISA;
    *a.mark_mut() = t.day;
    a.detach();
    tally.requests.push((a.id, Request::Visa));
    tally.count(Counter::VisaPetitions);
    true
}

/// A holder's visa runs out: back to an ordinary traveller's status.
pub fn expiry(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) {
    if t.day >= a.due() {
        tally.count(Counter::VisaExpired);
        *a.status_mut() = if a.link() != NONE { Status::Travelling } else { Status::AtPlace };
    }
}
