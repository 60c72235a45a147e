//! MPP ("Remain in Mexico"): where active at a port, screened asylum seekers are returned to the Mexican
//! border city with a hearing date, unless exempt (vulnerable; fear of Mexico); they may give up waiting.

use super::schedule::Chain;
use super::{crossing, voluntary_return, Agent, Counter, DayInst, Request, Tally, SUB_MPP};
use crate::policy::Param;
use crate::population::Status;
use crate::rng::{Purpose, Stream};

/// Who is returned under MPP, given the port's switch and the exemptions in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    NotActive,
    ExemptVulnerable,
    ExemptFear,
    Return,
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

/// A day waiting in Mexico for the hearing: perhaps give up (home, cross, settle), or ask IOM to return
/// (today's `chain`; a full stream picks how it gives up).
pub fn wait(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, chain: &mut Chain) {
    if !chain.hit(give_up_chance(t)) {
        voluntary_return::consider(a, t, tally, chain);
        return;
    }
    let u = Stream::new(t.seed, Purpose::Institution, SUB_MPP, a.id, t.day).uniform();
    let home = t.v(Param::MppGiveUpHome);
    let cross = t.v(Param::MppGiveUpCross);
    if u < home {
        tally.count(Counter::MppGaveUpHome);
        a.send_home(Status::ReturnedHome);
    } else if u < home + cross {
        tally.count(Counter::MppGaveUpCross);
        crossing::attempt(a, t, tally);
    } else {
        tally.count(Counter::MppGaveUpSettle);
        *a.status_mut() = Status::AsylumInMexico;
        *a.mark_mut() = t.day;
        tally.requests.push((a.id, Request::Comar));
        tally.count(Counter::ComarApplied);
    }
}
