//! Metering at US ports of entry: arriving people join the port's FIFO waitlist (the "number ledger")
//! or present directly when metering is off; people on a list may leave it (cross, go home, other port).

use super::schedule::Chain;
use super::{
    crossing, iflags, screening, voluntary_return, Agent, Counter, DayInst, Request, Tally, SUB_METERING,
    SUB_OTHER_PORT,
};
use crate::policy::Param;
use crate::population::{flags, Status};
use crate::rng::{Purpose, Stream};

/// What switching metering off at a port means, for the warnings and notes that say so.
pub const OFF_MEANS: &str =
    "a port without metering processes everyone who presents on the day they arrive, with no daily limit";

/// An agent reaches the border city of port `port` (its goal): cross at once, be turned back, put its
/// name on the list (metering on) or present at the port (metering off). Caravan members and the rest
/// choose to cross on arrival with their own chances (`crossing.on_arrival_caravan`, `crossing.on_arrival`),
/// raised by `crossing.on_arrival_per_month_of_wait` for each month the list's length promises; people
/// of an inflow with `cross_on_arrival` set out having decided (`flags::ARRIVAL_DECIDED`), the
/// month's rise still raising the chance of those who came to ask at the port. With metering on, a long
/// wait may send it on to another port first (`other_port_on_arrival`; once in its journey).
pub fn arrive(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, port: u8) {
    *a.port_mut() = port;
    let k = usize::from(port);
    let mut rng = Stream::new(t.seed, Purpose::Institution, SUB_METERING, a.id, t.day);
    let decided = (a.flags() & flags::ARRIVAL_DECIDED != 0).then_some(a.flags() & flags::CROSSES_ON_ARRIVAL != 0);
    if rng.chance(cross_on_arrival(t, t.caravan_member(a.group), decided, k)) {
        crossing::attempt(a, t, tally);
        return;
    }
    if t.today.metering[k] {
        if let Some(j) = (a.iflags() & iflags::SENT_ON == 0).then(|| other_port_on_arrival(t, k, &mut rng)).flatten() {
            tally.count(Counter::OtherPortOnArrival);
            *a.iflags_mut() |= iflags::SENT_ON;
            *a.goal_mut() = t.layout.ports[j].slot;
            return; // sets out for port j's city, and arrives there afresh
        }
        if rng.chance(t.today.turn_back[k]) {
            tally.count(Counter::TurnedBack);
            return; // stays in the city and tries again another day
        }
        *a.status_mut() = Status::Waitlisted;
        *a.mark_mut() = t.day;
        tally.requests.push((a.id, Request::Join(port)));
        tally.count(Counter::Joined);
    } else {
        tally.count(Counter::Presented);
        screening::start(a, t);
    }
}

/// The chance that someone arriving at port `k` (a caravan member or not; `decided`, whether one who set
/// out having decided will cross) crosses between ports at once: the base chance (1 or 0 for one who
/// decided), plus `crossing.on_arrival_per_month_of_wait` per month of the wait the list promises
/// (`Today::expected_months`); at most 1.
pub fn cross_on_arrival(t: &DayInst<'_>, caravan: bool, decided: Option<bool>, k: usize) -> f64 {
    let base = match decided {
        Some(crosses) => f64::from(u8::from(crosses)),
        None => t.v(if caravan { Param::CrossOnArrivalCaravan } else { Param::CrossOnArrival }),
    };
    let per_month = t.v(Param::CrossOnArrivalPerMonth);
    if per_month == 0.0 {
        return base; // also for an endless wait (a port with no capacity): 0 × ∞ is no chance
    }
    let months = t.today.expected_months.get(k).copied().unwrap_or(0.0);
    (base + per_month * months).min(1.0)
}

/// The port an arrival at port `k` (metering on) heads for instead of asking there, if any: with the
/// chance `metering.other_port_on_arrival_per_month_of_wait` for each month of the wait `k`'s list
/// promises (`Today::expected_months`, at most 1), the port a road leads to whose list promises the
/// shortest wait as the day begins (the nearest of equals), if it is shorter than `k`'s. Without a
/// response set, or without a wait, nothing is drawn, so a run is the same as one without the rule.
pub fn other_port_on_arrival(t: &DayInst<'_>, k: usize, rng: &mut Stream) -> Option<usize> {
    let per_month = t.v(Param::OtherPortOnArrivalPerMonth);
    let months = t.today.expected_months.get(k).copied().unwrap_or(0.0);
    if per_month == 0.0 || months == 0.0 {
        return None;
    }
    let wait = |j: usize| t.today.expected_months[j];
    let km = |j: usize| t.layout.port_km[k][j];
    let j = t.layout.other_ports(k).min_by(|&a, &b| wait(a).total_cmp(&wait(b)).then(km(a).total_cmp(&km(b))))?;
    // Only a shorter wait draws anyone (two endless ones, at ports with no capacity, are equal).
    if wait(j) >= months {
        return None;
    }
    rng.chance((per_month * months).min(1.0)).then_some(j)
}

/// Daily chances of leaving port `port`'s list after `days` on it: (cross, go home, another port), as
/// set at that port today (`Today::leaving`).
pub fn leave_chances(t: &DayInst<'_>, port: u8, days: u32) -> (f64, f64, f64) {
    let months = f64::from(days) / 30.0;
    let l = t.today.leaving_at(port);
    let cross = (l.cross + l.cross_growth * months).min(l.cross_max);
    let home = l.home + l.home_growth * months;
    let reaches = t.layout.reaches_other_port.get(usize::from(port)).copied().unwrap_or(false);
    let other = if reaches { l.other_port } else { 0.0 };
    (cross, home, other)
}

/// Adds agent `a`'s stretch on its list, from the day it joined (`mark`) to `day`, to its days
/// waitlisted, as it leaves the list uncalled (the called are counted as they are served).
pub fn count_wait(a: &mut Agent<'_>, day: u32) {
    *a.waited_mut() = super::add_days(a.waited(), day.saturating_sub(a.mark()));
}

/// A day on a waitlist: perhaps leave it, perhaps register for assisted return (today's `chain`:
/// one chance of leaving, split three ways, then IOM).
pub fn waitlisted(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, chain: &mut Chain) {
    let days = t.day.saturating_sub(a.mark());
    let (cross, home, other) = leave_chances(t, a.port(), days);
    // Chances adding up to more than 1 split those who leave in their proportion (robustness review
    // of session 34: at 0.6 each, none went to another port); below 1 the split is the chances'.
    let u = chain.u * (cross + home + other).max(1.0);
    if !chain.hit(cross + home + other) {
        voluntary_return::consider(a, t, tally, chain);
        return;
    }
    count_wait(a, t.day);
    if u < cross {
        tally.count(Counter::LeftCross);
        crossing::attempt(a, t, tally);
    } else if u < cross + home {
        tally.count(Counter::LeftHome);
        a.send_home(Status::ReturnedHome);
    } else {
        // One of the other ports a road leads to, at random (`leave_chances` gives this branch no
        // chance where there is none).
        let here = usize::from(a.port());
        let others = t.layout.other_ports(here).count() as u32;
        debug_assert!(others > 0, "`leave_chances` gives this branch a chance only where a port is reached");
        let mut rng = Stream::new(t.seed, Purpose::Institution, SUB_OTHER_PORT, a.id, t.day);
        let pick = rng.below(others.max(1)) as usize;
        let k = t.layout.other_ports(here).nth(pick).unwrap_or(here);
        tally.count(Counter::LeftOtherPort);
        *a.goal_mut() = t.layout.ports[k].slot;
        *a.status_mut() = Status::AtPlace;
    }
}
