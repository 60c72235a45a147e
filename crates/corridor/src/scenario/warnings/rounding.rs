//! Warnings of sizes that whole agents cannot hold: a caravan, or a part that splits off or joins it,
//! running over a tenth off its number of people at the scenario's people per agent.

use crate::engine::spawn::{agents_for, caravan_people};
use crate::scenario::model::Scenario;

/// Each caravan size, split and join that runs over a tenth off its people, with the number it runs as.
pub(super) fn sizes_off_by_a_tenth(s: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    let ppa = u64::from(s.people_per_agent);
    for (k, c) in s.caravans.iter().enumerate() {
        let people = caravan_people(c, s.people_per_agent);
        if people.abs_diff(c.people) * 10 > c.people {
            out.push(format!(
                "caravan.{k}.size: caravan `{}`: {} people run as {people} ({} agents of {ppa}), over a tenth off",
                c.name,
                c.people,
                people / ppa
            ));
        }
        // Its parts, as its size (planner's review of session 35: a split of 350 ran as 400 unsaid).
        let splits = c.splits.iter().enumerate().map(|(j, x)| ("split", j, x.people));
        for (what, j, wanted) in splits.chain(c.joins.iter().enumerate().map(|(j, x)| ("join", j, x.people))) {
            let runs = agents_for(wanted as f64, s.people_per_agent) * ppa;
            if runs.abs_diff(wanted) * 10 > wanted {
                out.push(format!(
                    "caravan.{k}.{what}.{j}.size: caravan `{}`: {wanted} people run as {runs} ({} agents of {ppa}), over \
                     a tenth off",
                    c.name,
                    runs / ppa
                ));
            }
        }
    }
    out
}
