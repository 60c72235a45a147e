//! US detention of people who passed screening: held until their hearing on the detained docket
//! (`courts`), unless paroled first (a daily chance; the parole itself is settled in `settle`).

use super::schedule::Chain;
use super::{Agent, DayInst, Request, Tally};
use crate::policy::Param;

/// Daily chance that a person held in US detention is paroled to wait for a hearing in the US.
pub fn parole_chance(t: &DayInst<'_>) -> f64 {
    t.v(Param::UsParoleDaily)
}

/// A day in US detention before the hearing: perhaps paroled (today's `chain`). The person stays
/// detained until the sequential phase releases it and gives back its detained docket's slot.
pub fn wait(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, chain: &mut Chain) {
    if chain.hit(parole_chance(t)) {
        tally.requests.push((a.id, Request::Paroled));
    }
}
