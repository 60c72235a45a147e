//! What a valid scenario may still not mean as written: pauses the caravan reaches after their date,
//! places no road joins, caravans rounded to whole agents. Said as warnings, each under its `--set` key.

use super::model::{PlaceKind, Scenario};
use super::reach::pauses_too_early;
use crate::engine::spawn::caravan_agents;

/// The scenario's warnings, each as `key: message` (`caravan.2.pause.10.until: …`, `place Ensenada: …`).
pub fn warnings(s: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    for late in pauses_too_early(s) {
        let d = late.describe(s);
        out.push(format!("{}: {}", d.set_key(), d.message));
    }
    // A place no road joins: nobody reaches it on foot. Destinations are reached through the
    // institutions (a port's US side), so they need none.
    let mut joined = vec![false; s.places.len()];
    for r in &s.routes {
        joined[r.a.index()] = true;
        joined[r.b.index()] = true;
    }
    for (p, place) in s.places.iter().enumerate() {
        if !joined[p] && place.kind != PlaceKind::Destination && s.places.len() > 1 {
            out.push(format!(
                "place `{}`: no road in the routes table joins it, so nobody travels to or from it",
                place.name
            ));
        }
    }
    let ppa = u64::from(s.people_per_agent);
    for (k, c) in s.caravans.iter().enumerate() {
        let people = caravan_agents(c, s.people_per_agent) * ppa;
        if people.abs_diff(c.people) * 10 > c.people {
            out.push(format!(
                "caravan.{k}.size: caravan `{}`: {} people run as {people} ({} agents of {ppa}), over a tenth off",
                c.name,
                c.people,
                people / ppa
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roadless_places_and_rounded_caravans_are_warned_of_and_the_built_in_scenario_is_clean() {
        assert_eq!(warnings(&crate::worlds::caravan_2018().unwrap()), Vec::<String>::new());
        let mut s = crate::worlds::line_world(&["A", "B", "C"], 10.0, 1);
        s.routes.pop();
        let w = warnings(&s);
        assert_eq!(w, ["place `C`: no road in the routes table joins it, so nobody travels to or from it"]);
        // Planner review (session 14): a caravan of 15 ran as 20 people without a word.
        let mut s = crate::worlds::caravan_2018().unwrap();
        s.caravans[0].people = 15;
        let w = warnings(&s);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("caravan.0.size: caravan `April 2018 caravan (stayed in Mexico City)`: 15 people run as 20 (2 agents of 10)"), "{w:?}");
        s.caravans[0].people = 715;
        assert!(warnings(&s).is_empty(), "720 for 715 is within a tenth");
    }
}
