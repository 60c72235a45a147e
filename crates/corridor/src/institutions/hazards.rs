//! Hazards on the road: per-route daily rates of violence, kidnapping and accidents, each leaving the
//! person dead or missing. Rates come from `[[hazard]]` entries, scaled by `hazards.scale`.

use super::{Agent, Counter, DayInst, Tally, SUB_HAZARDS};
use crate::policy::Param;
use crate::population::{Status, NONE};
use crate::rng::{Purpose, Stream};

/// A day's travel along `road` (the road the agent is on tonight, or the one it took into where it
/// is); returns true when the agent did not survive it.
pub fn road(a: &mut Agent<'_>, road: u32, t: &DayInst<'_>, tally: &mut Tally) -> bool {
    let Some(rates) = t.layout.link_hazard.get(road as usize) else {
        return false;
    };
    let scale = t.v(Param::HazardScale);
    let total: f64 = rates.iter().sum::<f64>() * scale;
    if total <= 0.0 {
        return false;
    }
    let mut rng = Stream::new(t.seed, Purpose::Institution, SUB_HAZARDS, a.id, t.day);
    let u = rng.uniform();
    if u >= total {
        return false;
    }
    // Rates adding up to more than 1 split the deaths in their proportion (robustness review of
    // session 34: at 0.6 each, the accident's share was none), taken from the rates before the scale,
    // which may make their sum infinite (scale review of session 35: at 6e307 every death was an
    // accident); below 1 the split is the scaled rates'.
    let (u, scale) = if total > 1.0 { (u * rates.iter().sum::<f64>(), 1.0) } else { (u, scale) };
    let counter = if u < rates[0] * scale {
        Counter::HazardViolence
    } else if u < (rates[0] + rates[1]) * scale {
        Counter::HazardKidnapping
    } else {
        Counter::HazardAccident
    };
    tally.count(counter);
    // Lost on the road, before its end: recorded at its start, as one still on it tonight is.
    *a.place_mut() = t.layout.link_from[road as usize];
    *a.status_mut() = Status::DeadOrMissing;
    *a.link_mut() = NONE;
    *a.progress_mut() = 0.0;
    true
}
