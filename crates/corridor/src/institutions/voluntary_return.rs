//! IOM assisted voluntary return: registration at booths while the programme runs; the propensity grows
//! with time waiting and with hardship (overcrowded shelters); returns are paid from a budget (`settle`).

use super::{iflags, Agent, Counter, DayInst, Request, Tally, SUB_IOM};
use crate::engine::groups::GroupKind;
use crate::policy::Param;
use crate::population::Status;
use crate::rng::{quick_uniform, Purpose};
use crate::scenario::institutions::OfficeKind;

/// Daily chance to register after `days` waiting, at a place with hardship multiplier `hardship`.
pub fn propensity(t: &DayInst<'_>, days: u32, hardship: f64) -> f64 {
    (t.v(Param::IomBaseDaily) + t.v(Param::IomGrowth) * f64::from(days) / 30.0) * hardship
}

/// Someone waiting at a place with an IOM booth may register for assisted return.
pub fn consider(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) {
    if !t.on(Param::IomActive) || a.iflags() & iflags::HOLD != 0 || !t.layout.has_office(a.place(), OfficeKind::Iom) {
        return;
    }
    if t.on(Param::IomCaravanOnly) && !caravan_member(a.group, t) {
        return;
    }
    let days = t.day.saturating_sub(a.since);
    let hardship = t.today.hardship.get(a.place() as usize).copied().unwrap_or(1.0);
    // A small daily chance met by everyone waiting near a booth: one cheap draw each.
    if quick_uniform(t.seed, Purpose::Institution, SUB_IOM + 64, a.id, t.day) >= propensity(t, days, hardship) {
        return;
    }
    if a.status() == Status::Waitlisted {
        *a.status_mut() = Status::AtPlace; // gives up the number
    }
    *a.iflags_mut() |= iflags::HOLD_IOM;
    *a.mark_mut() = t.day;
    a.detach();
    tally.requests.push((a.id, Request::Iom));
    tally.count(Counter::IomRegistered);
}

/// Whether an agent belongs to a caravan (whether or not it still moves with it).
pub fn caravan_member(group: u32, t: &DayInst<'_>) -> bool {
    t.groups.get(group as usize).is_some_and(|g| matches!(g.kind, GroupKind::Caravan(_)))
}
