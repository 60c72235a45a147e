//! Tests of what a caravan reaches and when: targets and pauses on its road, pauses dated before it can arrive.

use super::*;
use crate::scenario::{Caravan, Makeup, Pause, PauseEnd};

/// Places A–B–C–D on a line of 10 km roads, and E joined to nothing; a caravan from A at 10 km a day
/// leaving on day 0, with undated pauses (a day each) at `pauses`.
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
        splits: Vec::new(),
        joins: Vec::new(),
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
    assert_eq!(pause(&world(&[], None, &[1])), (0, vec![]), "no itinerary, no goal: it disbands at once");
}

#[test]
fn unreachable_targets_and_a_first_target_at_the_origin_are_found() {
    let found = first_unreachable(&world(&[2, 4], None, &[]));
    let want = Unreachable::CaravanTarget { caravan: 0, field: "itinerary", target: PlaceId(4), from: PlaceId(2) };
    assert_eq!(found, Some(want));
    let found = first_unreachable(&world(&[2], Some(4), &[]));
    assert!(matches!(found, Some(Unreachable::CaravanTarget { field: "goal", .. })), "{found:?}");
    let at_origin = |caravan, field| Some(Unreachable::TargetAtOrigin { caravan, field });
    assert_eq!(first_unreachable(&world(&[0, 2], None, &[])), at_origin(0, "itinerary"));
    assert_eq!(first_unreachable(&world(&[], Some(0), &[])), at_origin(0, "goal"), "code review, session 14");
}

/// Planner review (session 14): with its departure moved a week later, the main caravan's dated
/// pauses each lasted a day. The caravan reaches B on day 0 and C on day 1 (10 km roads at 10 km a
/// day, a day's stop at B): a pause at C dated day 1 or before would last a day.
#[test]
fn a_pause_dated_before_the_caravan_can_arrive_is_found_for_a_warning() {
    let dated = |until: u32, depart: u32| {
        let mut s = world(&[3], None, &[1, 2]);
        s.caravans[0].depart_day = depart;
        s.caravans[0].pauses[1].end = PauseEnd::OnDay(until);
        assert_eq!(first_unreachable(&s), None, "a warning, not an error");
        pauses_too_early(&s)
    };
    // Day 0: A to B (10 km, the whole day's distance) and a day's stop there; day 1: on to C.
    assert_eq!(dated(1, 0), [Unreachable::PauseTooEarly { caravan: 0, pause: 1, earliest: 1 }]);
    assert_eq!(dated(2, 0), [], "a pause until the day after the arrival");
    assert_eq!(dated(5, 5), [Unreachable::PauseTooEarly { caravan: 0, pause: 1, earliest: 6 }], "a later departure");
    assert_eq!(dated(7, 5), []);
}

/// Recheck of the reviews (session 14): a crawling caravan (1e-9 km a day) hung the load, stepping
/// the walk a day at a time, and a warning's date past the calendar's end panicked. The walk now
/// counts the days, and a caravan that cannot get there within the period is not warned of.
#[test]
fn a_crawling_caravan_is_walked_at_once_and_not_timed_past_the_period() {
    let mut s = world(&[3], None, &[1, 2]);
    s.caravans[0].speed_km_per_day = 1e-9;
    s.caravans[0].pauses[1].end = PauseEnd::OnDay(1);
    assert_eq!(first_unreachable(&s), None);
    assert_eq!(pauses_too_early(&s), [], "it never reaches C within the period");
    s.caravans[0].speed_km_per_day = 1e-300;
    assert_eq!(pauses_too_early(&s), []);
}

/// Bad-input review of session 32: a pause dated before its caravan departs passed without a word
/// when the caravan could not reach the place within the period (a late departure, a slow caravan).
/// It is warned of all the same, at the period's end as the earliest day said.
#[test]
fn a_pause_dated_before_its_caravan_departs_is_warned_of_even_beyond_the_run() {
    let mut s = world(&[3], None, &[1, 2]);
    s.caravans[0].speed_km_per_day = 1e-9;
    s.caravans[0].depart_day = 5;
    s.caravans[0].pauses[1].end = PauseEnd::OnDay(2);
    let days = s.period.days;
    assert_eq!(pauses_too_early(&s), [Unreachable::PauseTooEarly { caravan: 0, pause: 1, earliest: days }]);
    let said = crate::scenario::warnings::warnings(&s);
    assert!(said.iter().any(|w| w.contains("the pause at `C` lasts until")), "{said:?}");
}
