//! MPP ("Remain in Mexico"): where active at a port, screened asylum seekers are returned to the Mexican
//! border city with a hearing date, unless exempt (vulnerable; fear of Mexico); they may give up waiting.

use super::schedule::Chain;
use super::{crossing, iflags, voluntary_return, Agent, Counter, DayInst, Tally, SUB_MPP};
use crate::policy::Param;
use crate::population::Status;
use crate::rng::{Purpose, Stream};

/// Who is returned under MPP, given the port's switch and the exemptions in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    NotActive,
    ExemptVulnerable,
    ExemptFear,
    /// Would be returned, but the port has returned its daily number already: processed as without MPP.
    OverCapacity,
    Return,
}

/// A port's MPP places for today, in agents, and the capacity they were last refilled with.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Credit {
    pub left: f64,
    pub per_day: f64,
}

/// Starts a day: today's capacity in agents plus what is kept of the places left over. Unused places
/// do not carry over, but the fraction of an agent's does; and while the capacity stays under one
/// agent a day (and above 0), a place made up over several days waits for its agent (one at most).
/// Policy researcher's review of session 34: the fraction was dropped whenever a whole place went
/// unused, so at 100 people to an agent (0.2 agents a day) a place built over five days was lost unless
/// a return came that very day, and MPP returned 36% fewer than at 10. (Diff review of session 34: a
/// whole place is kept only so, not from a day of more capacity, nor onto a day of none.)
pub fn refill(credit: &mut Credit, per_day: f64) {
    let left = credit.left.max(0.0);
    let fractions = per_day > 0.0 && per_day < 1.0 && credit.per_day < 1.0;
    let kept = if fractions { left.min(1.0) } else { left.fract() };
    *credit = Credit { left: kept + per_day, per_day };
}

/// Takes one agent's place in today's MPP returns at a port, if there is one.
pub fn take_slot(credit: &mut Credit) -> bool {
    if credit.left >= 1.0 {
        credit.left -= 1.0;
        true
    } else {
        false
    }
}

pub fn decide(port_active: bool, vulnerable: bool, fear: bool, t: &super::Today) -> Decision {
    let g = |p: Param| t.global[p as usize] >= 0.5;
    if !port_active {
        Decision::NotActive
    } else if vulnerable && g(Param::MppExemptVulnerable) {
        Decision::ExemptVulnerable
    } else if fear && g(Param::MppExemptFear) {
        Decision::ExemptFear
    } else {
        Decision::Return
    }
}

/// Daily chance of giving up MPP.
pub fn give_up_chance(t: &DayInst<'_>) -> f64 {
    t.v(Param::MppGiveUpDaily)
}

/// Daily chance that a person ordered removed in absentia (after a missed MPP hearing) leaves the
/// border city.
pub fn ordered_leave_chance(t: &DayInst<'_>) -> f64 {
    t.v(Param::MppOrderedLeaveDaily)
}

/// How a person leaving MPP's border city goes, and the counters that say so.
struct Leaving {
    home: Counter,
    cross: Counter,
    settle: Counter,
}

/// Giving up MPP before the hearing.
const GIVING_UP: Leaving =
    Leaving { home: Counter::MppGaveUpHome, cross: Counter::MppGaveUpCross, settle: Counter::MppGaveUpSettle };

/// Leaving after an in absentia order.
const AFTER_ORDER: Leaving =
    Leaving { home: Counter::OrderedLeftHome, cross: Counter::OrderedLeftCross, settle: Counter::OrderedLeftSettle };

/// A day waiting in Mexico for the hearing: perhaps give up (home, cross, settle), or ask IOM to return
/// (today's `chain`; a full stream picks how it gives up).
pub fn wait(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, chain: &mut Chain) {
    leave_or_iom(a, t, tally, chain, give_up_chance(t), &GIVING_UP);
}

/// A day in the border city after an in absentia order: perhaps leave it (home, cross, settle in
/// Mexico, by the shares of MPP's give-ups; caught crossing, removed under the order), or ask IOM to
/// return.
pub fn after_order(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, chain: &mut Chain) {
    leave_or_iom(a, t, tally, chain, ordered_leave_chance(t), &AFTER_ORDER);
}

/// Today's `chain` for a person in MPP's border city: leave with daily chance `p` (as `how` says), or
/// else perhaps ask IOM to return.
fn leave_or_iom(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, chain: &mut Chain, p: f64, how: &Leaving) {
    if chain.hit(p) {
        leave(a, t, tally, how);
    } else {
        voluntary_return::consider(a, t, tally, chain);
    }
}

/// Leaves the border city: home (`mpp.give_up_home_share`), across the border between ports
/// (`mpp.give_up_cross_share`) or to settle in Mexico (the rest; they apply to COMAR). One who has
/// applied to COMAR before cannot settle so again: it goes home or across, in those shares'
/// proportion, or stays where both are 0 (review of session 31: set `at_place` in the port's city,
/// it presented at the port again the same day, and was returned under MPP again).
fn leave(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, counters: &Leaving) {
    let u = Stream::new(t.seed, Purpose::Institution, SUB_MPP, a.id, t.day).uniform();
    let home = t.v(Param::MppGiveUpHome);
    let cross = t.v(Param::MppGiveUpCross);
    let u = if a.iflags() & iflags::COMAR_APPLIED == 0 {
        u
    } else if home + cross > 0.0 {
        u * (home + cross).min(1.0)
    } else {
        return;
    };
    if u < home {
        tally.count(counters.home);
        a.send_home(Status::ReturnedHome);
    } else if u < home + cross {
        tally.count(counters.cross);
        // Caught, one under an order is removed under it (`crossing::attempt`).
        crossing::attempt(a, t, tally);
    } else {
        tally.count(counters.settle);
        super::mexico_asylum::apply(a, t, tally);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_capacity_is_never_exceeded_and_does_not_carry_over() {
        // 2.5 agents a day: 2, 3, 2, 3... returns on busy days; an idle day does not bank places.
        let mut credit = Credit::default();
        let mut taken = Vec::new();
        for _ in 0..4 {
            refill(&mut credit, 2.5);
            let mut n = 0;
            while take_slot(&mut credit) {
                n += 1;
            }
            taken.push(n);
        }
        assert_eq!(taken, vec![2, 3, 2, 3]);
        refill(&mut credit, 2.0); // an idle day: nothing taken
        refill(&mut credit, 2.0);
        let mut n = 0;
        while take_slot(&mut credit) {
            n += 1;
        }
        assert_eq!(n, 2);
        refill(&mut credit, 0.0);
        assert!(!take_slot(&mut credit));
    }

    /// Policy researcher's review of session 34: at 0.2 agents a day, a place made up over five days was
    /// lost if no return came on the fifth; and 1.5 a day left unused dropped its half place too.
    #[test]
    fn issue_session_34_a_fraction_and_a_place_made_up_over_days_carry_over() {
        let mut credit = Credit::default();
        for _ in 0..9 {
            refill(&mut credit, 0.2);
        }
        assert!(take_slot(&mut credit), "a place made up over five days waits for its agent");
        assert!(!take_slot(&mut credit), "one place at most");
        let mut credit = Credit::default();
        refill(&mut credit, 1.5); // 1.5: unused
        refill(&mut credit, 1.5); // the half place carries: 2.0
        assert!(take_slot(&mut credit) && take_slot(&mut credit));
        assert!(!take_slot(&mut credit));
        // Diff review of session 34: a place left from a day of more capacity, or kept onto a day of
        // none, returned people where MPP's capacity was 0.
        let mut credit = Credit::default();
        refill(&mut credit, 0.5);
        refill(&mut credit, 0.5); // a place made up of two halves
        refill(&mut credit, 0.0);
        assert!(!take_slot(&mut credit), "no return on a day of no capacity");
        let mut credit = Credit::default();
        refill(&mut credit, 20.0); // unused
        refill(&mut credit, 0.5);
        assert!(!take_slot(&mut credit), "no place carried from a day of 20");
    }
}
