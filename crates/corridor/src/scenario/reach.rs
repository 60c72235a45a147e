//! Checks that a scenario's caravans and inflows can get where they are sent: every goal and
//! itinerary place is reachable by road, and every pause lies on the caravan's road, in order.

use super::model::{PlaceId, Scenario};
use crate::network::Network;
use crate::population::NONE;

/// What cannot be reached, for the loader to turn into an error at the entry's field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreachable {
    /// Inflow `inflow`'s goal `goal` (a share above 0): no road leads there from the inflow's origin.
    InflowGoal { inflow: usize, goal: PlaceId },
    /// Caravan `caravan`'s itinerary place or goal `target` (`field`): no road from `from`.
    CaravanTarget { caravan: usize, field: &'static str, target: PlaceId, from: PlaceId },
    /// Caravan `caravan`'s itinerary starts at its origin (the caravan would disband there at once).
    ItineraryAtOrigin { caravan: usize },
    /// Caravan `caravan`'s pause `pause` is never taken: the caravan's road (its `stops`, the places it
    /// arrives at, in order, up to its destination) does not reach the pause's place after the
    /// pauses before it. A pause is taken on arriving at its place, so never at the origin or at the
    /// destination, where the caravan disbands.
    Pause { caravan: usize, pause: usize, stops: Vec<PlaceId> },
}

/// The first thing in `s` that cannot be reached, if any. Roads are taken as open: closures delay a
/// caravan on its road but do not change it (the engine follows the shortest road to each target,
/// over all roads, as here: `engine::groups::step_caravan`).
pub fn first_unreachable(s: &Scenario) -> Option<Unreachable> {
    let goals = s.inflows.iter().any(|f| !f.goals.is_empty());
    if s.caravans.is_empty() && !goals {
        return None;
    }
    let net = Network::new(s);
    for (inflow, f) in s.inflows.iter().enumerate() {
        for &(goal, share) in &f.goals {
            if share > 0.0 && net.paths_to(goal.0).km[f.origin.0 as usize].is_infinite() {
                return Some(Unreachable::InflowGoal { inflow, goal });
            }
        }
    }
    s.caravans.iter().enumerate().find_map(|(caravan, _)| caravan_problem(s, &net, caravan))
}

fn caravan_problem(s: &Scenario, net: &Network, caravan: usize) -> Option<Unreachable> {
    let c = &s.caravans[caravan];
    let mut targets: Vec<(PlaceId, &'static str)> = c.itinerary.iter().map(|&p| (p, "itinerary")).collect();
    if let Some(goal) = c.goal {
        if targets.last().map(|t| t.0) != Some(goal) {
            targets.push((goal, "goal"));
        }
    }
    if targets.first().is_some_and(|t| t.0 == c.origin) {
        return Some(Unreachable::ItineraryAtOrigin { caravan });
    }
    let (mut place, mut next_target, mut next_pause) = (c.origin, 0, 0);
    let mut stops = Vec::new();
    'walk: while let Some(&(target, field)) = targets.get(next_target) {
        let paths = net.paths_to(target.0);
        if paths.km[place.0 as usize].is_infinite() {
            return Some(Unreachable::CaravanTarget { caravan, field, target, from: place });
        }
        while place != target {
            let next = paths.next[place.0 as usize];
            debug_assert_ne!(next, NONE, "a reachable target has a next place");
            place = PlaceId(next);
            stops.push(place);
            // As `step_caravan` on arrival: targets met, then the destination, then a pause.
            while targets.get(next_target).is_some_and(|t| t.0 == place) {
                next_target += 1;
            }
            if next_target >= targets.len() {
                break 'walk;
            }
            if c.pauses.get(next_pause).is_some_and(|p| p.place == place) {
                next_pause += 1;
            }
        }
    }
    (next_pause < c.pauses.len()).then_some(Unreachable::Pause { caravan, pause: next_pause, stops })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Caravan, Makeup, Pause, PauseEnd};

    /// Places A–B–C–D on a line of 10 km roads, and E joined to nothing.
    fn world(itinerary: &[u32], goal: Option<u32>, pauses: &[u32]) -> Scenario {
        let mut s = crate::worlds::line_world(&["A", "B", "C", "D", "E"], 10.0, 1);
        s.routes.pop();
        s.caravans.push(Caravan {
            name: "k".into(),
            depart_day: 0,
            origin: PlaceId(0),
            home: None,
            people: 10,
            itinerary: itinerary.iter().map(|&p| PlaceId(p)).collect(),
            goal: goal.map(PlaceId),
            pauses: pauses.iter().map(|&p| Pause { place: PlaceId(p), end: PauseEnd::Days(1) }).collect(),
            speed_km_per_day: 10.0,
            straggle_rate: 0.0,
            makeup: Makeup::default(),
            source: String::new(),
        });
        s
    }

    #[test]
    fn a_caravan_on_its_road_passes() {
        assert_eq!(first_unreachable(&world(&[3], None, &[1, 2])), None);
        assert_eq!(first_unreachable(&world(&[2], Some(3), &[1, 2])), None, "a pause at an itinerary place");
    }

    #[test]
    fn pauses_off_the_road_out_of_order_or_at_the_ends_are_never_taken() {
        let pause = |s: &Scenario| match first_unreachable(s) {
            Some(Unreachable::Pause { pause, stops, .. }) => (pause, stops.iter().map(|p| p.0).collect::<Vec<_>>()),
            other => panic!("{other:?}"),
        };
        assert_eq!(pause(&world(&[2], None, &[1, 3])), (1, vec![1, 2]), "D lies past the destination C");
        assert_eq!(pause(&world(&[3], None, &[2, 1])), (1, vec![1, 2, 3]), "B comes before C");
        assert_eq!(pause(&world(&[3], None, &[0])), (0, vec![1, 2, 3]), "never at the origin");
        assert_eq!(pause(&world(&[3], None, &[3])), (0, vec![1, 2, 3]), "never at the destination");
    }

    #[test]
    fn unreachable_targets_and_an_itinerary_from_the_origin_are_found() {
        let found = first_unreachable(&world(&[2, 4], None, &[]));
        let want = Unreachable::CaravanTarget { caravan: 0, field: "itinerary", target: PlaceId(4), from: PlaceId(2) };
        assert_eq!(found, Some(want));
        let found = first_unreachable(&world(&[2], Some(4), &[]));
        assert!(matches!(found, Some(Unreachable::CaravanTarget { field: "goal", .. })), "{found:?}");
        assert_eq!(first_unreachable(&world(&[0, 2], None, &[])), Some(Unreachable::ItineraryAtOrigin { caravan: 0 }));
    }
}
