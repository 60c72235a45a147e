//! Dated changes to the world: closures of borders, places, roads and camps (FLEE's closures.csv),
//! and conflicts switching on and off (FLEE's conflicts.csv); the routes movers hold across a closure.

use crate::movement::PlaceState;
use crate::network::{Network, RouteTable};
use crate::population::NONE;
use crate::scenario::{Closure, ClosureTarget, ConflictChange, LinkClosures, PlaceKind, Scenario};

/// Whether FLEE's `_remove_link_1way` can match a link to `name` read from closures.csv: it compares
/// names with `is not` (object identity), which holds only for the strings CPython caches, the
/// one-character Latin-1 ones (docs/flee-compat.md (d)).
pub fn flee_name_identity_matches(name: &str) -> bool {
    let mut chars = name.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if (c as u32) < 0x100)
}

/// Which links a closure closes: both directions, or with `link_closures = "flee"` FLEE's one
/// direction name2 → name1 of a `link` closure, and none unless FLEE's name comparison matches.
pub fn closure_links(c: &Closure, scenario: &Scenario, net: &Network) -> Vec<u32> {
    let country = |p: u32| scenario.places[p as usize].country.as_str();
    let flee_links = scenario.movement.link_closures == LinkClosures::Flee;
    net.links
        .iter()
        .enumerate()
        .filter(|(_, l)| match &c.target {
            ClosureTarget::Border { country_a, country_b } => {
                let (f, t) = (country(l.from), country(l.to));
                (f == country_a && t == country_b) || (f == country_b && t == country_a)
            }
            ClosureTarget::Place(p) => l.from == p.0 || l.to == p.0,
            ClosureTarget::Link(a, b) if flee_links => {
                // close_link(name1, name2) → _remove_link_1way(startpoint = name2, endpoint = name1).
                l.from == b.0 && l.to == a.0 && flee_name_identity_matches(&scenario.places[a.index()].name)
            }
            ClosureTarget::Link(a, b) => (l.from == a.0 && l.to == b.0) || (l.from == b.0 && l.to == a.0),
            ClosureTarget::Camp(_) | ClosureTarget::IdpCamp(_) | ClosureTarget::ForcedRedirection(..) => false,
        })
        .map(|(i, _)| i as u32)
        .collect()
}

/// Applies the closures that start or end on `day`: `closed_today` gets the links closed today
/// (agents on them go back at the end of the road). When the set of open links changed, the route
/// table is rebuilt, and the one it replaced is returned (routes movers still hold are carried over).
pub fn apply_closures(
    day: u32,
    scenario: &Scenario,
    net: &mut Network,
    state: &mut PlaceState,
    closed_today: &mut Vec<u32>,
) -> Option<RouteTable> {
    closed_today.clear();
    let mut changed = false;
    let day = i64::from(day);
    let both_ways = scenario.movement.link_closures == LinkClosures::BothDirections;
    // As FLEE (`Ecosystem.enact_border_closures`): closures in file order, each closing on its start
    // day and then reopening on its end day, so that one starting and ending on the same day closes
    // and reopens at once.
    for c in &scenario.closures {
        let opening = c.end == Some(day);
        let closing = c.start == day;
        if !opening && !closing {
            continue;
        }
        // FLEE's open_camp makes the place a camp of the closure's kind, whatever it was.
        let camp = match c.target {
            ClosureTarget::Camp(p) => Some((p, PlaceKind::Camp)),
            ClosureTarget::IdpCamp(p) => Some((p, PlaceKind::IdpCamp)),
            _ => None,
        };
        match camp {
            Some((p, reopened)) => {
                let p = p.index();
                (state.kind[p], state.camp[p]) = if opening { (reopened, true) } else { (PlaceKind::Town, false) };
                // FLEE's close_camp clears `idpcamp`; its open_camp sets it for an IDP camp and leaves it
                // as it was otherwise (a `camp` closure ending while an `idpcamp` one reopened the place
                // leaves an IDP camp: review of session 22). Closed and reopened the same day: cleared first.
                let was = state.idp_camp[p] && !closing;
                state.idp_camp[p] = opening && (was || reopened == PlaceKind::IdpCamp);
            }
            _ => {
                // With `link` closures both ways (corridor's rule), a road one of them shuts stays shut
                // while another closure of it lasts, and the other way round (FLEE-user review of
                // session 30: a link closure ending reopened a road across a border still closed), a
                // closure starting and ending today too. Those roads are found once, when first asked.
                let mut held: Option<Vec<u32>> = None;
                for l in closure_links(c, scenario, net) {
                    if opening && !net.open[l as usize] {
                        // (A scenario's own closures hold whatever `link_closures` says: review of session 33.)
                        let holds = both_ways || scenario.flee.is_none();
                        if holds && held.get_or_insert_with(|| shut_by_others(c, day, scenario, net)).contains(&l) {
                            continue;
                        }
                        // Its end, or its start and end today: a road another closure had shut reopens then,
                        // as in FLEE's close-then-open, where no link closure holds it (above).
                        net.open[l as usize] = true;
                        changed = true;
                    } else if closing && !opening && net.open[l as usize] {
                        net.open[l as usize] = false;
                        closed_today.push(l);
                        changed = true;
                    }
                }
            }
        }
    }
    changed.then(|| net.rebuild_routes())
}

/// The links shut by closures other than `c` lasting on `day` (begun, not yet ended), where `c` or the
/// other is a `link` closure, or of any kind in a scenario's own table: in a FLEE folder, closures of
/// borders and places reopen what they closed whatever else closed it, as in FLEE; corridor's own
/// rule is that a shut road stays shut while any closure of it lasts (bad-input review of session 32:
/// a short `country` closure inside a long one reopened the border at its end).
fn shut_by_others(c: &Closure, day: i64, scenario: &Scenario, net: &Network) -> Vec<u32> {
    let is_link = |c: &Closure| matches!(c.target, ClosureTarget::Link(..));
    let lasting = |o: &Closure| o.start <= day && o.end.is_none_or(|end| day < end);
    let own = scenario.flee.is_none();
    scenario
        .closures
        .iter()
        .filter(|o| !std::ptr::eq(*o, c) && lasting(o) && (own || is_link(c) || is_link(o)))
        .flat_map(|o| closure_links(o, scenario, net))
        .collect()
}

/// Applies the conflict events of `day`: intensity > 0 makes the place a conflict zone whose conflict
/// began today (FLEE's `add_conflict_zone`); 0 ends it and the place becomes a town
/// (`remove_conflict_zone`). Neither changes whether it is a camp (`PlaceState::camp`), as in FLEE.
/// Returns whether any event happened. (Which changes of a conflicts.csv table become events follows
/// FLEE and is decided when the table is read: see `flee_dir`.)
pub fn apply_conflicts(day: u32, changes: &[ConflictChange], state: &mut PlaceState, began: &mut [i64]) -> bool {
    let mut any = false;
    for c in changes.iter().filter(|c| c.day == day) {
        let p = c.place.index();
        any = true;
        state.kind[p] = kind_after(c);
        if c.intensity > 0.0 {
            state.conflict[p] = c.intensity;
            began[p] = i64::from(day);
        } else {
            state.conflict[p] = 0.0;
        }
    }
    any
}

/// The kind of `c`'s place from `c`'s day on: a conflict zone while it has a conflict, a town after.
fn kind_after(c: &ConflictChange) -> PlaceKind {
    if c.intensity > 0.0 {
        PlaceKind::ConflictZone
    } else {
        PlaceKind::Town
    }
}

/// After the route table was rebuilt (replacing `old`), the routes movers hold (`held`: agents' and
/// groups' route fields) are copied into the new table `routes` (`RouteTable::carry`), once each,
/// and the fields updated: a route index of the old table means nothing in the new one.
pub fn carry_held_routes<'a>(old: &RouteTable, routes: &mut RouteTable, held: impl Iterator<Item = &'a mut u32>) {
    let mut moved = vec![NONE; old.len()];
    for route in held.filter(|r| **r != NONE) {
        let r = *route as usize;
        if moved[r] == NONE {
            moved[r] = routes.carry(old, *route);
        }
        *route = moved[r];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::PlaceId;
    use crate::worlds::line_world;

    /// FLEE-user review of session 13: FLEE closes and then reopens a closure whose start and end are
    /// the same day, so a road stays open and a camp closure leaves a camp of the closure's kind; the
    /// road stayed closed for good here, and the camp a town.
    #[test]
    fn a_closure_that_starts_and_ends_on_one_day_closes_and_reopens() {
        let mut s = line_world(&["A", "B", "C"], 10.0, 1);
        s.places[2].kind = PlaceKind::Camp;
        s.closures.push(Closure { target: ClosureTarget::Place(PlaceId(1)), start: 5, end: Some(5) });
        s.closures.push(Closure { target: ClosureTarget::IdpCamp(PlaceId(2)), start: 5, end: Some(5) });
        let mut net = Network::new(&s);
        let mut state = PlaceState::initial(&s);
        let mut closed = Vec::new();
        assert!(apply_closures(5, &s, &mut net, &mut state, &mut closed).is_none(), "no road changed");
        assert!(closed.is_empty() && net.open.iter().all(|&o| o));
        assert_eq!((state.kind[2], state.camp[2], state.idp_camp[2]), (PlaceKind::IdpCamp, true, true));
    }

    /// Review of session 21: FLEE's `total IDPs` column (its `numIDPs`) counts the places that are IDP
    /// camps that day; corridor counted those of locations.csv. A `camp` closure of an IDP camp makes it
    /// a town and then a plain camp; a conflict there leaves it an IDP camp, as in FLEE.
    #[test]
    fn an_idp_camp_is_one_until_a_camp_closure_and_through_a_conflict() {
        let mut s = line_world(&["A", "B", "C"], 10.0, 1);
        s.places[1].kind = PlaceKind::IdpCamp;
        s.places[2].kind = PlaceKind::IdpCamp;
        s.closures.push(Closure { target: ClosureTarget::Camp(PlaceId(1)), start: 2, end: Some(4) });
        let (mut net, mut state, mut closed) = (Network::new(&s), PlaceState::initial(&s), Vec::new());
        assert_eq!(state.idp_camp, [false, true, true]);
        apply_closures(2, &s, &mut net, &mut state, &mut closed);
        assert_eq!((state.kind[1], state.idp_camp[1]), (PlaceKind::Town, false));
        apply_closures(4, &s, &mut net, &mut state, &mut closed);
        assert_eq!((state.kind[1], state.camp[1], state.idp_camp[1]), (PlaceKind::Camp, true, false));
        let mut began = vec![-1; 3];
        apply_conflicts(5, &[ConflictChange { day: 5, place: PlaceId(2), intensity: 1.0 }], &mut state, &mut began);
        assert_eq!((state.kind[2], state.idp_camp[2]), (PlaceKind::ConflictZone, true));
    }

    /// Review of session 22: FLEE's open_camp(IDP=False) leaves `idpcamp` as it is. A `camp` closure
    /// (days 2-6) around an `idpcamp` one (3-5) of an IDP camp: FLEE's total IDPs counts the place again
    /// from day 5, also after the `camp` closure's end (tried in FLEE: C2's count on days 6-8); a
    /// `camp` closure opening and closing the same day clears the flag first.
    #[test]
    fn a_camp_closure_ending_leaves_an_idp_camp_one() {
        let mut s = line_world(&["A", "B"], 10.0, 1);
        s.places[1].kind = PlaceKind::IdpCamp;
        s.closures.push(Closure { target: ClosureTarget::Camp(PlaceId(1)), start: 2, end: Some(6) });
        s.closures.push(Closure { target: ClosureTarget::IdpCamp(PlaceId(1)), start: 3, end: Some(5) });
        let (mut net, mut state, mut closed) = (Network::new(&s), PlaceState::initial(&s), Vec::new());
        let mut flags = Vec::new();
        for day in 0..8 {
            apply_closures(day, &s, &mut net, &mut state, &mut closed);
            flags.push(state.idp_camp[1]);
        }
        assert_eq!(flags, [true, true, false, false, false, true, true, true]);
        assert_eq!(state.kind[1], PlaceKind::Camp, "reopened as the `camp` closure's kind");
        let mut s = line_world(&["A", "B"], 10.0, 1);
        s.places[1].kind = PlaceKind::IdpCamp;
        s.closures.push(Closure { target: ClosureTarget::Camp(PlaceId(1)), start: 4, end: Some(4) });
        let (mut net, mut state, mut closed) = (Network::new(&s), PlaceState::initial(&s), Vec::new());
        apply_closures(4, &s, &mut net, &mut state, &mut closed);
        assert!(!state.idp_camp[1], "closed (cleared) and reopened as a plain camp the same day");
    }

    /// FLEE-user review of session 30: with `link` closures both ways, a link closure (days 0-5) ending
    /// inside a border closure (0-90) reopened the road across the closed border, and a border closure
    /// ending (5-8) reopened a road a link closure (0-90) still shut. Each now stays shut while the
    /// other lasts; FLEE's own mode keeps FLEE's events.
    #[test]
    fn a_road_stays_shut_while_any_closure_of_it_lasts() {
        let mut s = line_world(&["A", "B", "C"], 10.0, 1);
        s.places[2].country = "Other".into();
        let border = |start, end| Closure {
            target: ClosureTarget::Border { country_a: s.places[1].country.clone(), country_b: "Other".into() },
            start,
            end: Some(end),
        };
        let link = |start, end| Closure { target: ClosureTarget::Link(PlaceId(1), PlaceId(2)), start, end: Some(end) };
        let open_on = |s: &Scenario, days: std::ops::Range<u32>| {
            let (mut net, mut state, mut closed) = (Network::new(s), PlaceState::initial(s), Vec::new());
            let bc = net.links.iter().position(|l| l.from == 1 && l.to == 2).unwrap();
            days.map(|d| {
                apply_closures(d, s, &mut net, &mut state, &mut closed);
                net.open[bc]
            })
            .collect::<Vec<bool>>()
        };
        let mut both = s.clone();
        both.closures = vec![border(0, 90), link(0, 5)];
        assert!(open_on(&both, 0..12).iter().all(|o| !o), "shut by the border after the link closure ends");
        both.closures = vec![border(5, 8), link(0, 90)];
        assert!(open_on(&both, 0..12).iter().all(|o| !o), "shut by the link closure after the border reopens");
        // A closure starting and ending on one day (review of session 30: it reopened the road).
        both.closures = vec![border(0, 90), link(3, 3)];
        assert!(open_on(&both, 0..12).iter().all(|o| !o), "a same-day link closure leaves the border shut");
        both.closures = vec![link(0, 20), link(5, 5)];
        assert!(open_on(&both, 0..12).iter().all(|o| !o), "a same-day link closure leaves the other shut");
        both.closures = vec![link(3, 3), border(0, 90)];
        assert!(open_on(&both, 0..12).iter().all(|o| !o), "in either order");
        both.closures = vec![border(0, 3), link(0, 5)];
        assert_eq!(open_on(&both, 0..7), [false, false, false, false, false, true, true], "open once both end");
        // Two border-like closures in a FLEE folder: as FLEE, the first to end reopens the road.
        let mut places = s.clone();
        places.closures =
            vec![border(0, 90), Closure { target: ClosureTarget::Place(PlaceId(2)), start: 0, end: Some(5) }];
        places.flee = Some(crate::scenario::FleeOrigin { hasten: 1 });
        assert!(open_on(&places, 0..7)[5], "FLEE's rule for its own closures");
        // In a scenario's own table the road stays shut while either lasts (bad-input review of
        // session 32: a short country closure inside a long one reopened the border at its end).
        places.flee = None;
        assert!(open_on(&places, 0..12).iter().all(|o| !o), "shut by the border after the place reopens");
        places.closures = vec![border(0, 90), border(3, 6)];
        assert!(open_on(&places, 0..12).iter().all(|o| !o), "a border closure nested in another");
        // ... with FLEE's one-way link closures too (final review of session 33: the hold ran only for
        // corridor's two-way rule).
        places.movement.link_closures = crate::scenario::LinkClosures::Flee;
        assert!(open_on(&places, 0..12).iter().all(|o| !o), "nested, under link_closures = flee");
    }

    /// FLEE-user review of session 13: FLEE's open_camp makes the place a camp of the closure's kind,
    /// whatever it was before (a `camp` closure of a town opens a camp there when it ends).
    #[test]
    fn a_camp_closure_reopens_a_camp_of_its_own_kind() {
        let mut s = line_world(&["A", "B"], 10.0, 1);
        s.closures.push(Closure { target: ClosureTarget::Camp(PlaceId(1)), start: 2, end: Some(4) });
        let (mut net, mut state, mut closed) = (Network::new(&s), PlaceState::initial(&s), Vec::new());
        apply_closures(2, &s, &mut net, &mut state, &mut closed);
        assert_eq!((state.kind[1], state.camp[1]), (PlaceKind::Town, false));
        apply_closures(4, &s, &mut net, &mut state, &mut closed);
        assert_eq!((state.kind[1], state.camp[1]), (PlaceKind::Camp, true));
    }

    /// FLEE-user review of session 13: a camp named in conflicts.csv stays a camp in FLEE (its score
    /// keeps the camp weight) while it is a conflict zone and after; it became a town here.
    #[test]
    fn a_camp_in_conflict_stays_a_camp() {
        let mut s = line_world(&["A", "B"], 10.0, 1);
        s.places[1].kind = PlaceKind::Camp;
        let mut state = PlaceState::initial(&s);
        let mut began = vec![-1; 2];
        let on = ConflictChange { day: 3, place: PlaceId(1), intensity: 1.0 };
        let off = ConflictChange { day: 6, place: PlaceId(1), intensity: 0.0 };
        apply_conflicts(3, &[on.clone(), off.clone()], &mut state, &mut began);
        assert_eq!((state.kind[1], state.camp[1], state.conflict[1]), (PlaceKind::ConflictZone, true, 1.0));
        apply_conflicts(6, &[on, off], &mut state, &mut began);
        assert_eq!((state.kind[1], state.camp[1], state.conflict[1]), (PlaceKind::Town, true, 0.0));
    }
}
