//! MPP ("Remain in Mexico"): where active at a port, screened asylum seekers are returned to the Mexican
//! border city with a hearing date, unless exempt (vulnerable; fear of Mexico); they may give up waiting.

use super::{crossing, iflags, voluntary_return, Agent, Counter, DayInst, Request, Tally, SUB_MPP};
use crate::policy::Param;
use crate::population::Status;
use crate::rng::{quick_uniform, Purpose, Stream};

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

/// A day waiting in Mexico for the hearing: perhaps give up (home, cross, settle), or ask IOM to return.
pub fn wait(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) {
    if a.iflags() & iflags::HOLD != 0 {
        return;
    }
    // Everyone in MPP meets this small chance every day: one cheap draw; a full stream after a hit.
    if quick_uniform(t.seed, Purpose::Institution, SUB_MPP + 64, a.id, t.day) >= t.v(Param::MppGiveUpDaily) {
        voluntary_return::consider(a, t, tally);
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
