//! IOM assisted voluntary return: registration at booths while the programme runs; the propensity grows
//! with time waiting and with hardship (overcrowded shelters); returns are paid from a budget (`settle`),
//! and booths register only while it pays for more returns than are registered.

use super::schedule::Chain;
use super::{iflags, Agent, Counter, DayInst, Request, Tally};
use crate::policy::Param;
use crate::population::Status;
use crate::scenario::institutions::OfficeKind;

/// The returns a `budget` of which `spent` is gone still pays for at `cost` a return (in the unit
/// `cost` is for: an agent in the engine), rounded down; None when returns cost nothing.
pub fn returns_payable(budget: f64, spent: f64, cost: f64) -> Option<u64> {
    (cost > 0.0).then(|| ((budget - spent).max(0.0) / cost).floor() as u64)
}

/// Daily chance to register after `days` waiting, at a place with hardship multiplier `hardship`.
pub fn propensity(t: &DayInst<'_>, days: u32, hardship: f64) -> f64 {
    (t.v(Param::IomBaseDaily) + t.v(Param::IomGrowth) * f64::from(days) / 30.0) * hardship
}

/// The agent's chance to register on `day` at hardship `hardship` (0 without an open booth here).
pub fn chance(a: &Agent<'_>, t: &DayInst<'_>, day: u32, hardship: f64) -> f64 {
    if !t.on(Param::IomActive)
        || !t.today.iom_open
        || a.iflags() & iflags::HOLD != 0
        || !t.layout.has_office(a.place(), OfficeKind::Iom)
    {
        return 0.0;
    }
    if t.on(Param::IomCaravanOnly) && !t.caravan_member(a.group) {
        return 0.0;
    }
    propensity(t, day.saturating_sub(a.since), hardship)
}

/// Someone waiting at a place with an IOM booth may register for assisted return (the next chance of
/// today's `chain`).
pub fn consider(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, chain: &mut Chain) {
    let hardship = t.today.hardship.get(a.place() as usize).copied().unwrap_or(1.0);
    let p = chance(a, t, t.day, hardship);
    if p <= 0.0 || !chain.hit(p) {
        return;
    }
    if a.status() == Status::Waitlisted {
        // Gives up the number: its days on the list count (planner's review of session 31: they were
        // lost, as only the called and those leaving the list otherwise had theirs counted).
        super::metering::count_wait(a, t.day);
        *a.status_mut() = Status::AtPlace;
        // Counted as a way off the list (planner's review of session 32: joined − called − left did
        // not come to those waiting, as these had no event).
        tally.count(Counter::LeftForIom);
    }
    *a.iflags_mut() |= iflags::HOLD_IOM;
    *a.mark_mut() = t.day;
    a.detach();
    tally.requests.push((a.id, Request::Iom));
    tally.count(Counter::IomRegistered);
}
