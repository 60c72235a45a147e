//! Crossing between ports of entry: the Border Patrol catches some (more with troops and barriers, a
//! dated policy); the caught go to screening; after the proclamation entrants are ineligible for asylum.

use super::{iflags, screening, Agent, Counter, DayInst, Tally, SUB_CROSSING};
use crate::policy::Param;
use crate::population::Status;
use crate::rng::{Purpose, Stream};

/// Chance of being caught crossing today: the base chance, raised by troops when deployed.
pub fn apprehension(t: &DayInst<'_>) -> f64 {
    let base = t.v(Param::CrossApprehension);
    if t.on(Param::TroopsActive) {
        base + (1.0 - base) * t.v(Param::TroopsBoost)
    } else {
        base
    }
}

/// An agent (whose `port` is set) crosses between ports today: caught, it goes to screening (or, under
/// an in absentia order, is removed); else it is on the US side.
pub fn attempt(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) {
    tally.count(Counter::CrossAttempts);
    *a.iflags_mut() |= iflags::TRIED_CROSSING;
    if t.on(Param::Proclamation) {
        *a.iflags_mut() |= iflags::INELIGIBLE;
        tally.count(Counter::CrossIneligible);
    }
    let mut rng = Stream::new(t.seed, Purpose::Institution, SUB_CROSSING, a.id, t.day);
    if rng.chance(apprehension(t)) {
        tally.count(Counter::CrossCaught);
        if a.iflags() & iflags::ORDERED != 0 {
            // Under an in absentia order: removed under it (reinstated, INA § 241(a)(5)), not screened
            // afresh, whether it crossed on leaving the border city or later.
            tally.count(Counter::OrderedCaughtRemoved);
            a.send_home(Status::Deported);
        } else {
            screening::start(a, t);
        }
    } else {
        tally.count(Counter::CrossEvaded);
        let us = t.layout.ports[usize::from(a.port())].us_side;
        a.stop_at(us);
        *a.status_mut() = Status::CrossedBetweenPorts;
    }
}
