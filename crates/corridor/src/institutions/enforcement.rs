//! Mexican enforcement: checkpoints and cordons (an apprehension chance per pass), raids at places,
//! clashes with caravans (injury, death), detention with a capacity and deportation after a delay.

use super::schedule::Chain;
use super::{layout::NO, Agent, Counter, DayInst, Request, Tally, SUB_CLASH, SUB_ENFORCEMENT};
use crate::movement::Met;
use crate::policy::Param;
use crate::population::Status;
use crate::rng::{Purpose, Stream};

/// Whether enforcement may stop this agent today (visa holders and asylum seekers in Mexico may not).
fn exposed(a: &Agent<'_>, t: &DayInst<'_>) -> bool {
    t.on(Param::EnforcementActive) && !matches!(a.status(), Status::HumanitarianVisa | Status::AsylumInMexico)
}

/// The agent passed checkpoint `cp` today, alone or with its caravan `group`. Returns true when it was
/// apprehended, killed or otherwise taken out of today's remaining steps.
pub fn checkpoint(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, met: Met, group: Option<u32>) -> bool {
    let cp = met.checkpoint;
    if !exposed(a, t) {
        return false;
    }
    let mut rng = Stream::new(t.seed, Purpose::Institution, SUB_ENFORCEMENT, a.id, t.day);
    let mut p = t.layout.checkpoint_p[cp as usize] * t.v(Param::ApprehensionScale);
    if let Some(g) = group {
        // One draw per caravan and day: every member sees the same clash.
        let mut crowd = Stream::new(t.seed, Purpose::Institution, SUB_CLASH, g, t.day);
        if crowd.chance(t.v(Param::ClashChance)) {
            tally.count(Counter::Clashes);
            if rng.chance(t.v(Param::ClashDeath)) {
                tally.count(Counter::ClashDead);
                // Recorded where the clash was, not at a place the caravan went on to.
                *a.place_mut() = met.place;
                *a.status_mut() = Status::DeadOrMissing;
                *a.link_mut() = crate::population::NONE;
                return true;
            }
            if rng.chance(t.v(Param::ClashInjury)) {
                tally.count(Counter::ClashInjured);
            }
        }
        p *= t.v(Param::CaravanFactor);
    }
    if rng.chance(p.min(1.0)) {
        tally.count(Counter::Apprehended);
        let centre = t.layout.checkpoint_centre[cp as usize];
        a.detach();
        tally.requests.push((a.id, Request::Apprehended { centre, at: met.place }));
        return true;
    }
    false
}

/// Daily chance that a raid catches the agent at its place (0 where no raid reaches).
pub fn raid_chance(a: &Agent<'_>, t: &DayInst<'_>) -> f64 {
    if t.layout.raid_centre[a.place() as usize] == NO || !exposed(a, t) {
        return 0.0;
    }
    (t.v(Param::RaidDaily) * t.v(Param::ApprehensionScale)).min(1.0)
}

/// A day at a place in Mexico: a raid may catch the agent (the next chance of today's `chain`).
pub fn raid(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally, chain: &mut Chain) -> bool {
    let p = raid_chance(a, t);
    if p > 0.0 && chain.hit(p) {
        let centre = t.layout.raid_centre[a.place() as usize];
        tally.count(Counter::Raided);
        tally.count(Counter::Apprehended);
        a.detach();
        tally.requests.push((a.id, Request::Apprehended { centre, at: a.place() }));
        return true;
    }
    false
}

/// Processing done: a detained person is deported to the country of origin, leaving the centre that
/// held it (its `port` while detained in Mexico).
pub fn deport(a: &mut Agent<'_>, t: &DayInst<'_>, tally: &mut Tally) {
    let centre = usize::from(a.port());
    debug_assert!(centre < t.queues.centres, "agent {} is detained in Mexico by no centre", a.id);
    if centre < t.queues.centres {
        tally.left[t.queues.centre(centre)] += 1;
    }
    tally.count(Counter::Deported);
    a.send_home(Status::Deported);
}
