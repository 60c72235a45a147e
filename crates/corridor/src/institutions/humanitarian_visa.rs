//! Humanitarian visas at Mexico's southern border: petitions at an office while the programme is open,
//! issued at a capacity per day (in `settle`), valid for a year; holders travel and are not apprehended.

use super::{iflags, Agent, Counter, DayInst, Request, Tally, SUB_VISA};
use crate::policy::Param;
use crate::population::{Status, NONE};
use crate::rng::{quick_uniform, Purpose};
use crate::scenario::institutions::OfficeKind;

/// At a visa office while petitions are open: petition (once) and wait for the card.
pub fn petition(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) -> bool {
    if !t.on(Param::VisaActive)
        || a.iflags() & iflags::PETITIONED != 0
        || a.status() == Status::HumanitarianVisa
        || !t.layout.has_office(a.place(), OfficeKind::HumanitarianVisa)
    {
        return false;
    }
    // A small daily chance met every day by everyone near an office: one cheap draw.
    if quick_uniform(t.seed, Purpose::Institution, SUB_VISA + 64, a.id, t.day) >= t.v(Param::VisaPetitionDaily) {
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
