//! Credible-fear screening: pass probability by protection ground; those who fail are removed, those who
//! pass are (in `settle`) returned under MPP, detained, or released to wait in the US.

use super::{iflags, Agent, Counter, DayInst, Request, Tally, SUB_SCREENING};
use crate::policy::Param;
use crate::population::Status;
use crate::rng::{Purpose, Stream};

/// Hands the agent (whose `port` is set) to US officers for screening.
pub fn start(a: &mut Agent<'_>, t: &DayInst<'_>) {
    let us = t.layout.ports[usize::from(a.port())].us_side;
    a.stop_at(us);
    *a.status_mut() = Status::InScreening;
    *a.due_mut() = t.day + t.v(Param::ScreeningDays).round() as u32;
}

/// The screening's outcome on its due day.
pub fn screen(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) {
    if a.iflags() & iflags::ORDERED != 0 {
        // Under an in absentia order, at a port (called from a list, or presenting): removed under it,
        // not screened afresh (diff review of session 34: such people were returned under MPP again,
        // with a new case).
        tally.count(Counter::OrderedPresentedRemoved);
        a.send_home(Status::Deported);
        return;
    }
    let mut rng = Stream::new(t.seed, Purpose::Institution, SUB_SCREENING, a.id, t.day);
    let p = if a.attrs.ground().is_protected() { t.v(Param::PassProtected) } else { t.v(Param::PassUnprotected) };
    if rng.chance(p) {
        tally.count(Counter::ScreenPassed);
        tally.requests.push((a.id, Request::Screened));
    } else {
        tally.count(Counter::ScreenFailed);
        a.send_home(Status::Deported);
    }
}
