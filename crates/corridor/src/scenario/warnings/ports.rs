//! Warnings about ports and border cities: ports the institutions cannot work as written, and
//! travellers that a border city's move chance of 0 stops short of their goal.

use crate::institutions::layout::{km_between, others_reached, MEXICO};
use crate::policy::Param;
use crate::scenario::model::{PlaceKind, Scenario};

/// Ports the institutions cannot work as written (reviews of session 28): a port city outside Mexico
/// or a US side inside it (the institutions take a place whose country is `Mexico` for Mexico), and,
/// where someone may be sent on to another port, a port city from which no road leads to another
/// port's: nobody leaves its list for another port or goes on from it.
pub(super) fn ports_where_they_stand(s: &Scenario) -> Vec<String> {
    let Some(inst) = s.institutions.as_ref().filter(|i| !i.ports.is_empty()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, port) in inst.ports.iter().enumerate() {
        let (city, us) = (s.place(port.city), s.place(port.us_side));
        if city.country != MEXICO {
            out.push(format!(
                "port.{k}.city: port `{}`: `{}` is in `{}`, not {MEXICO}: raids, COMAR and humanitarian visas \
                 do not act there, and people ordered removed in absentia at an MPP hearing stay there for good",
                port.name, city.name, city.country
            ));
        }
        // Said once of a US side that several ports share (caravan-2018's `United States`).
        let first_with_it = inst.ports.iter().position(|q| q.us_side == port.us_side) == Some(k);
        if us.country == MEXICO && first_with_it {
            out.push(format!(
                "port.{k}.us_side: port `{}`: `{}`, its US side, is in {MEXICO}: people released there who \
                 miss their hearing are taken as ordered removed in {MEXICO} (they may go home, settle or \
                 register with IOM from there)",
                port.name, us.name
            ));
        }
    }
    // Sending on: leaving a list for another port, or going on from one on arriving.
    let p = &inst.params;
    let may = |q: Param| {
        p.base(q) > 0.0
            || p.ports_with_own(q).any(|(_, v)| v > 0.0)
            || p.policies.iter().any(|x| x.param == q && x.value > 0.0)
    };
    if inst.ports.len() > 1 && (may(Param::LeaveOtherPortDaily) || may(Param::OtherPortOnArrivalPerMonth)) {
        let cities: Vec<u32> = inst.ports.iter().map(|q| q.city.0).collect();
        let km = km_between(&crate::network::Network::new(s), &cities);
        for (k, port) in inst.ports.iter().enumerate() {
            if others_reached(&km, k).next().is_none() {
                out.push(format!(
                    "port.{k}.city: port `{}`: no road leads from `{}` to another port's city: nobody leaves \
                     its list for another port (`metering.other_port_daily`) or goes on from it \
                     (`metering.other_port_on_arrival_per_month_of_wait`)",
                    port.name,
                    s.place(port.city).name
                ));
            }
        }
    }
    out
}

/// With `border_city_movechance` at 0 (the default) nobody leaves a border city that is not their
/// goal: an inflow whose shortest road to a goal passes another border city stops there, for good
/// (session 28). Said once per inflow and goal, naming the first border city on the way.
pub(super) fn stopped_at_border_cities(s: &Scenario) -> Vec<String> {
    if s.movement.border_city_movechance > 0.0 || s.inflows.is_empty() {
        return Vec::new();
    }
    let net = crate::network::Network::new(s);
    let paths = net.paths_to_all(s.inflows.iter().flat_map(|f| f.goals.iter().map(|&(goal, _)| goal.0)));
    let mut out = Vec::new();
    for (k, f) in s.inflows.iter().enumerate() {
        for &(goal, _) in &f.goals {
            let to = &paths[&goal.0];
            let mut at = f.origin.0;
            let mut stop = None;
            while to.next[at as usize] != crate::population::NONE && stop.is_none() {
                at = to.next[at as usize];
                let place = &s.places[at as usize];
                stop = (at != goal.0 && place.kind == PlaceKind::BorderCity).then_some(place);
            }
            if let Some(b) = stop {
                out.push(format!(
                    "inflow.{k}.goals: inflow `{}`'s people heading for `{}` pass `{}`, a border city, on the \
                     shortest road: at `movement.border_city_movechance` = 0 (the default) nobody leaves a border \
                     city that is not their goal, so they stop there; set it above 0 to let them pass",
                    f.name,
                    s.place(goal).name,
                    b.name
                ));
            }
        }
    }
    out
}
