//! The chains of small daily chances a waiting person meets, by where it waits, and `meet`: one look at
//! them on the agent's scheduled day, which also draws its next look (`schedule`).

use super::schedule::{self, Chain, DAY};
use super::{
    enforcement, humanitarian_visa, metering, mexico_asylum, mpp, us_detention, voluntary_return, Agent, DayInst, Tally,
};
use crate::policy::Param;

/// Where a person waits, which fixes the chain of chances it meets each day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waiting {
    /// On a port's waitlist: leave it (cross, go home, another port; one chance split three ways), IOM.
    List,
    /// In Mexico under MPP before the hearing: give up, IOM.
    Mpp,
    /// In Mexico after an in absentia order at an MPP hearing: leave (home, cross, settle), IOM.
    Ordered,
    /// In US detention before the hearing: parole.
    UsDetention,
    /// A pending COMAR applicant: abandon the claim.
    Comar,
    /// Free at a place in Mexico: raid, programme, COMAR, visa petition, IOM.
    Mexico,
    /// Free at a place outside Mexico with an IOM booth (Guatemala): IOM.
    Abroad,
}

/// The chances of chain `w` for agent `a` on `day` with hardship `x` at its place, in chain order.
/// `List`'s first three are one chance split three ways (see `total`).
fn chances(w: Waiting, a: &Agent<'_>, t: &DayInst<'_>, day: u32, x: f64) -> [f64; 5] {
    let iom = voluntary_return::chance(a, t, day, x);
    match w {
        Waiting::List => {
            let (cross, home, other) = metering::leave_chances(t, a.port(), day.saturating_sub(a.mark()));
            [cross, home, other, iom, 0.0]
        }
        Waiting::Mpp => [mpp::give_up_chance(t), iom, 0.0, 0.0, 0.0],
        Waiting::Ordered => [mpp::ordered_leave_chance(t), iom, 0.0, 0.0, 0.0],
        Waiting::UsDetention => [us_detention::parole_chance(t), 0.0, 0.0, 0.0, 0.0],
        Waiting::Comar => [mexico_asylum::abandon_chance(a, t), 0.0, 0.0, 0.0, 0.0],
        Waiting::Abroad => [iom, 0.0, 0.0, 0.0, 0.0],
        Waiting::Mexico => {
            let (programme, comar) = mexico_asylum::office_chances(a, t);
            [enforcement::raid_chance(a, t), programme, comar, humanitarian_visa::petition_chance(a, t), iom]
        }
    }
}

/// Probability that something in chain `w` happens on a day with chances `ps` (nondecreasing in each).
fn total(w: Waiting, ps: &[f64; 5]) -> f64 {
    match w {
        Waiting::List => schedule::combined(&[ps[0] + ps[1] + ps[2], ps[3]]),
        _ => schedule::combined(ps),
    }
}

/// A bound on chain `w`'s daily total over the window holding `day` (ending at `limit` at the latest),
/// with hardship at most `xb`: every chance is monotone in the day, so its larger end bounds it (the
/// last day when no chance falls with time).
fn window_bound(w: Waiting, a: &Agent<'_>, t: &DayInst<'_>, day: u32, limit: u32, xb: f64) -> f64 {
    let end = schedule::window_end(day, limit);
    if end <= day {
        return 1.0;
    }
    let last = chances(w, a, t, end - 1, xb);
    // A list's chances grow with time waited at the person's port's rates.
    let list_rising = || {
        let l = t.today.leaving_at(a.port());
        l.cross_growth >= 0.0 && l.home_growth >= 0.0
    };
    let rising = t.v(Param::IomGrowth) >= 0.0 && (w != Waiting::List || list_rising());
    if rising {
        return total(w, &last);
    }
    let first = chances(w, a, t, day - day % schedule::WINDOW, xb);
    let mut ps = [0.0; 5];
    for ((p, f), l) in ps.iter_mut().zip(first).zip(last) {
        *p = f.max(l);
    }
    total(w, &ps)
}

/// Runs chain `w`'s events for today's uniform.
fn act(w: Waiting, a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, chain: &mut Chain) {
    match w {
        Waiting::List => metering::waitlisted(a, t, tally, chain),
        Waiting::Mpp => mpp::wait(a, t, tally, chain),
        Waiting::Ordered => mpp::after_order(a, t, tally, chain),
        Waiting::UsDetention => us_detention::wait(a, t, tally, chain),
        Waiting::Comar => mexico_asylum::pending(a, t, tally, chain),
        Waiting::Abroad => voluntary_return::consider(a, t, tally, chain),
        Waiting::Mexico => {
            if enforcement::raid(a, t, tally, chain)
                || mexico_asylum::offices(a, t, tally, chain)
                || humanitarian_visa::petition(a, t, tally, chain)
            {
                return;
            }
            voluntary_return::consider(a, t, tally, chain);
        }
    }
}

/// Whether agent `a` (its `next` look `next`, at `place`) looks at its chances today.
#[inline]
pub fn due(t: &DayInst<'_>, next: u32, place: u32) -> bool {
    t.day >= next & DAY || t.today.redraw.get(place as usize).copied().unwrap_or(true)
}

/// Today's look at chain `w` (the caller checked `due`, `limit` is a day its state ends anyway). A fresh
/// look draws the first candidate day from today on; on a candidate day the day's uniform, scaled to
/// the window's bound, decides whether and what happens, and the next candidate is drawn from tomorrow.
pub fn meet(w: Waiting, a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, limit: u32) {
    let day = t.day;
    let place = a.place() as usize;
    let redraw = t.today.redraw.get(place).copied().unwrap_or(true);
    let x = t.today.hardship.get(place).copied().unwrap_or(1.0);
    let xb = t.today.hardship_bound.get(place).copied().unwrap_or(f64::INFINITY).max(x);
    let end = schedule::window_end(day, limit);
    let bound = window_bound(w, a, t, day, limit, xb);
    if redraw || a.next() != day | schedule::CANDIDATE {
        let next = schedule::draw(t.seed, a.id, day, end, bound);
        *a.next_mut() = next;
        if next != day | schedule::CANDIDATE {
            return;
        }
    }
    let u = schedule::look_uniform(t.seed, a.id, day) * bound;
    if u < total(w, &chances(w, a, t, day, x)) {
        act(w, a, t, tally, &mut Chain { u });
        *a.next_mut() = 0; // look afresh tomorrow, whatever changed
        return;
    }
    let start = day + 1;
    let bound = if start < end { bound } else { window_bound(w, a, t, start, limit, xb) };
    *a.next_mut() = schedule::draw(t.seed, a.id, start, schedule::window_end(start, limit), bound);
}
