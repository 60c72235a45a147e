//! Tests of the planners' table: who is listed, each row's figures, and what the text says a
//! capacity does in the scenario at hand.

use super::*;
use crate::one_run;

#[test]
fn planners_table_has_peaks_ends_and_shelters_in_people() {
    let mut s = corridor::worlds::demo().unwrap();
    s.people_per_agent = 4;
    // A town with 0 shelter places is not watched (code review of session 22: the expected list
    // took any shelter capacity, and the demo had none of 0 to tell).
    let zero = s.places.iter().position(|p| p.kind == PlaceKind::Town && p.shelter_capacity.is_none()).unwrap();
    s.places[zero].shelter_capacity = Some(0);
    let rec = one_run(&s);
    let rows = place_loads(&s, &Sums::of(&rec));
    let expected: Vec<usize> = (0..s.places.len())
        .filter(|&p| {
            let place = &s.places[p];
            place.shelter_capacity.is_some_and(|c| c > 0) || place.kind == PlaceKind::BorderCity || place.kind.is_camp()
        })
        .collect();
    assert!(rows.iter().all(|r| r.place != zero), "a town of 0 shelter places is not watched");
    let mut listed: Vec<usize> = rows.iter().map(|r| r.place).collect();
    listed.sort_unstable();
    assert_eq!(listed, expected);
    assert!(rows.windows(2).all(|w| w[0].peak >= w[1].peak), "most crowded first");
    for r in &rows {
        // The recording's own series of people on the route.
        let series = rec.series(&[r.place], &StatusSet::ON_ROUTE);
        let peak = series.iter().copied().fold(0.0, f64::max);
        assert_eq!(r.peak as f64, peak);
        assert_eq!(series.iter().position(|&v| v == peak), Some(r.peak_day as usize));
        assert_eq!(r.end as f64, *series.last().unwrap());
        // The demo has no camp: a place's capacity here is its shelter places.
        assert_eq!(r.shelter, s.places[r.place].shelter_capacity.map(|c| c as f64));
        assert_eq!(r.peak % 4, 0, "people, four per agent");
    }
    assert!(rows.iter().any(|r| r.peak > 0), "the demo reaches its border cities");
    let html = places_html(&s, &rec, &Sums::of(&rec));
    let top = &rows[0];
    assert!(html.contains(&format!("<td>{}</td>", n(top.peak as f64))), "{html}");
    // Who makes the peak (planner review, session 14): the largest status at the peak, first.
    let (largest, count) = Status::ALL
        .iter()
        .map(|&st| (st, rec.count(top.peak_day, top.place, st)))
        .filter(|x| StatusSet::ON_ROUTE.contains(x.0))
        .min_by_key(|x| std::cmp::Reverse(x.1)) // the first of equals, as the table's stable sort
        .unwrap();
    assert!(html.contains(&format!("<td class=\"l\">{} {}", largest.name(), n(count as f64))), "{html}");
    // Without shelters nor border cities there is no table.
    without_shelters_or_border_cities(&mut s);
    assert_eq!(places_html(&s, &rec, &Sums::of(&rec)), "");
    // A camp is listed, with its capacity (FLEE's population column) when it has one.
    s.places[1].kind = PlaceKind::Camp;
    s.places[1].population = 250;
    let rows = place_loads(&s, &Sums::of(&rec));
    assert_eq!(rows.iter().map(|r| (r.place, r.shelter)).collect::<Vec<_>>(), vec![(1, Some(250.0))]);
    s.places[1].population = 0;
    assert_eq!(place_loads(&s, &Sums::of(&rec))[0].shelter, None, "0 is no capacity given");
}

/// User review: the planners' table of a FLEE folder (mali2012's camps) and of the demo (no
/// institutions) said that a capacity turns no one away and only raises IOM's hardship, naming El
/// Barretal, MPP and in absentia: false for FLEE's camps, whose capacity steers movers away, and for
/// a scenario without IOM. The heading and text follow what the scenario has.
#[test]
fn the_places_text_says_what_a_capacity_does_in_this_scenario() {
    let intro = |s: &Scenario| {
        let rec = one_run(s);
        let rows = place_loads(s, &Sums::of(&rec));
        places_intro(s, &rows, dated_shelters(s, &rows))
    };
    // caravan-2018: shelters with institutions and MPP.
    let caravan = corridor::worlds::caravan_2018().unwrap();
    let (heading, text) = intro(&caravan);
    assert_eq!(heading, "People at border cities and shelters");
    assert!(text.starts_with("<p>Each place with a shelter capacity (<code>shelter_capacity</code> in "), "{text}");
    assert!(text.contains(" policy) and each border city: "), "{text}");
    // Its shelters are dated (Tijuana's Benito Juárez, then El Barretal): the capacity is that of the day.
    assert!(text.contains("A shelter capacity is that of the day"), "{text}");
    assert!(text.contains("and the fullest day"), "{text}");
    assert!(text.contains(SHELTER_RAISES_IOM_HARDSHIP), "{text}");
    assert!(text.contains("ordered removed in absentia at an MPP hearing"), "{text}");
    assert!(!text.contains(CAMP_CAPACITY_SHAPES_MOVEMENT) && !text.contains("Barretal"), "{text}");
    // MPP never on: no in absentia orders to speak of.
    let mut no_mpp = caravan.clone();
    let inst = no_mpp.institutions.as_mut().unwrap();
    inst.params.policies.retain(|p| p.param != corridor::policy::Param::MppActive);
    inst.params.set(corridor::policy::Param::MppActive, 0.0);
    assert!(has_mpp(&caravan) && !has_mpp(&no_mpp));
    let (_, text) = intro(&no_mpp);
    assert!(text.contains(SHELTER_RAISES_IOM_HARDSHIP) && !text.contains("absentia"), "{text}");
    // The demo: shelters, no institutions; a shelter capacity changes nothing in the run.
    let mut demo = corridor::worlds::demo().unwrap();
    assert!(demo.institutions.is_none() && demo.places.iter().any(|p| p.shelter_capacity.is_some()));
    let (heading, text) = intro(&demo);
    assert_eq!(heading, "People at border cities and shelters");
    assert!(text.contains(SHELTER_CHANGES_NOTHING), "{text}");
    assert!(text.contains("A shelter capacity is one figure for the whole run"), "no policy dates one: {text}");
    // Nor a fullest day: with capacities that do not change it is the peak's (review of session 23).
    assert!(!text.contains("fullest"), "{text}");
    let rec = one_run(&demo);
    assert!(!places_html(&demo, &rec, &Sums::of(&rec)).contains("<th>fullest</th>"));
    for absent in [SHELTER_RAISES_IOM_HARDSHIP, "MPP", "absentia", CAMP_CAPACITY_SHAPES_MOVEMENT] {
        assert!(!text.contains(absent), "{absent} in {text}");
    }
    // Camps alone, as in a FLEE folder: the capacity shapes movement, and nothing of shelters.
    without_shelters_or_border_cities(&mut demo);
    demo.places[4].kind = PlaceKind::Camp;
    demo.places[4].population = 250;
    let (heading, text) = intro(&demo);
    assert_eq!(heading, "People in camps");
    assert!(text.starts_with("<p>Each camp: "), "{text}");
    assert!(text.contains(CAMP_CAPACITY_SHAPES_MOVEMENT), "{text}");
    assert!(text.contains("the peak as a share of the camp's capacity"), "{text}");
    for absent in ["IOM", "MPP", "absentia", "shelter"] {
        assert!(!text.contains(absent), "{absent} in {text}");
    }
    // Under FLEE's `hasten` the counts are agents, and the text says once what one stands for.
    demo.flee = Some(corridor::scenario::FleeOrigin { hasten: 10 });
    let (heading, text) = intro(&demo);
    assert_eq!(heading, "Agents in camps");
    assert!(text.starts_with("<p>Each camp: the most agents present at the end of a day (daily.csv's counts, in agents, each standing for 10 people, of every status but travelling, as agents on a road"), "{text}");
    assert_eq!(text.matches("people").count(), 3, "once in the counts, twice of movers: {text}");
    let rec = one_run(&demo);
    let html = places_html(&demo, &rec, &Sums::of(&rec));
    let end = demo.period.date(demo.period.days - 1);
    assert!(html.contains(&format!("<th>peak agents</th><th>peak on</th><th>agents on {end}</th>")), "{html}");
    // A camp without a capacity (0: none given) has no factor to speak of.
    demo.flee = None;
    demo.places[4].population = 0;
    let (_, text) = intro(&demo);
    assert!(!text.contains(CAMP_CAPACITY_SHAPES_MOVEMENT) && !text.contains("share of"), "{text}");
}

/// Session 23: a shelter opened, or its places changed, on a date (a `shelter.capacity` policy at the place) is
/// set against the peak with the places of the peak's day, and a place with no places in its
/// table but a dated shelter is watched.
#[test]
fn a_dated_shelter_counts_on_its_dates() {
    use corridor::policy::{Param, Policy};
    let mut s = corridor::worlds::demo().unwrap();
    s.institutions = Some(corridor::scenario::institutions::Institutions::empty());
    let rec = one_run(&s);
    let sums = Sums::of(&rec);
    let top = place_loads(&s, &sums)[0].clone();
    let base = s.places[top.place].shelter_capacity.map(|c| c as f64);
    let dated = |from_day: u32, to_day: u32, at: usize| Policy {
        name: "opened".into(),
        param: Param::ShelterCapacity,
        at: Some(at as u32),
        from_day,
        to_day: Some(to_day),
        value: 12_345.0,
        source: String::new(),
    };
    let with = |s: &Scenario, p: Policy| {
        let mut s = s.clone();
        s.institutions.as_mut().unwrap().params.policies.push(p);
        s
    };
    let row = |s: &Scenario, place: usize| place_loads(s, &sums).into_iter().find(|r| r.place == place);
    // On the peak's day the policy's places; off it, the table's.
    let on = with(&s, dated(top.peak_day, top.peak_day + 1, top.place));
    assert_eq!(row(&on, top.place).unwrap().shelter, Some(12_345.0));
    let html = places_html(&on, &rec, &sums);
    assert!(html.contains("<td>12,345</td>") && html.contains("A shelter capacity is that of the day"), "{html}");
    // Few places on another day than the peak's: the table's capacity there, and that day the fullest.
    let other = (0..top.peak_day).rev().find(|&d| sums.at(d as usize, top.place) > 0).expect("people before the peak");
    let few = with(&s, Policy { value: 1.0, ..dated(other, other + 1, top.place) });
    let r = row(&few, top.place).unwrap();
    assert_eq!(r.shelter, base);
    assert_eq!(r.fullest, Some((other, sums.at(other as usize, top.place) as f64)));
    let html = places_html(&few, &rec, &sums);
    assert!(html.contains(&format!("% on {}</td>", s.period.date(other))), "{html}");
    // The demo's institutions (made here) have no IOM booth: its shelter capacity changes nothing in the
    // run, whatever policy dates it (review of session 23: the page said it raised IOM's hardship).
    assert!(!crate::iom_budget::iom_acts(&few));
    assert!(html.contains(SHELTER_CHANGES_NOTHING) && !html.contains(SHELTER_RAISES_IOM_HARDSHIP), "{html}");
    // A town with neither shelter places nor a place in the table is watched once a policy gives it some.
    let town = s.places.iter().position(|p| p.kind == PlaceKind::Town && p.shelter_capacity.is_none()).unwrap();
    assert!(row(&s, town).is_none());
    let opened = with(&s, dated(0, s.period.days, town));
    assert_eq!(row(&opened, town).expect("watched").shelter, Some(12_345.0));
}

/// `s` with no shelter places and its border cities made towns, as a FLEE world has (camps are
/// then the only places with a capacity).
fn without_shelters_or_border_cities(s: &mut Scenario) {
    for p in &mut s.places {
        p.shelter_capacity = None;
        if p.kind == PlaceKind::BorderCity {
            p.kind = PlaceKind::Town;
        }
    }
}

/// FLEE-user review: mali2012's table gave Mangaize its capacity as written (343, peak 73%), but
/// the engine, as FLEE, lowers it by the camp's day-0 agents (to 256: 98%, refusing movers). The
/// table shows the capacity the engine uses, and says so.
#[test]
fn a_camps_capacity_is_the_one_the_engine_uses_less_its_day0_agents() {
    let mut s = corridor::worlds::demo().unwrap();
    without_shelters_or_border_cities(&mut s);
    s.places[1].kind = PlaceKind::Camp;
    s.places[1].population = 343;
    let rec = one_run(&s);
    let text = places_html(&s, &rec, &Sums::of(&rec));
    assert!(!text.contains(CAMP_CAPACITY_LESS_DAY0), "no day-0 agents, nothing lowered: {text}");
    s.prefill = vec![(corridor::scenario::PlaceId(1), 87)];
    let rec = one_run(&s);
    let sums = Sums::of(&rec);
    let rows = place_loads(&s, &sums);
    let row = rows.iter().find(|r| r.place == 1).unwrap();
    assert_eq!(row.shelter, Some(256.0));
    assert_eq!(row.shelter, Some(s.capacities_in_use()[1]));
    let html = places_html(&s, &rec, &sums);
    assert!(html.contains(CAMP_CAPACITY_LESS_DAY0), "{html}");
    assert!(html.contains("<td>256</td>") && !html.contains("<td>343</td>"), "{html}");
    let share = format!("<td>{:.0}%</td>", 100.0 * row.peak as f64 / 256.0);
    assert!(html.contains(&share), "{share} in {html}");
}

/// Planner's review of session 24: a new caravan's 10,270 at Tapachula, more than at any border city,
/// were in no table, as the table listed only border cities, camps and places with shelter places;
/// and the table, one run's, did not say so nor where the runs' spread is.
#[test]
fn the_most_crowded_unwatched_places_follow_and_the_table_says_it_is_one_run() {
    let s = corridor::worlds::caravan_2018().unwrap();
    let rec = one_run(&s);
    let sums = Sums::of(&rec);
    let watched = corridor::validate::places::watched_places(&s);
    let others = other_places(&s, &sums);
    assert_eq!(others.len(), OTHER_PLACES, "caravan-2018 has more than {OTHER_PLACES} crowded towns");
    assert!(others.windows(2).all(|w| w[0].peak >= w[1].peak), "most crowded first");
    for r in &others {
        let kind = s.places[r.place].kind;
        assert!(!watched.contains(&r.place) && kind != PlaceKind::Origin && kind != PlaceKind::Destination, "{kind:?}");
        let series = rec.series(&[r.place], &StatusSet::ON_ROUTE);
        assert_eq!(r.peak as f64, series.iter().copied().fold(0.0, f64::max));
        assert_eq!(r.shelter, None);
    }
    // No place left out was more crowded than the least of those listed.
    let least = others.last().unwrap().peak;
    for p in (0..s.places.len()).filter(|p| !watched.contains(p) && !others.iter().any(|r| r.place == *p)) {
        let kind = s.places[p].kind;
        if kind == PlaceKind::Town {
            let peak = rec.series(&[p], &StatusSet::ON_ROUTE).iter().copied().fold(0.0, f64::max);
            assert!(peak as u64 <= least, "{} ({peak}) left out", s.places[p].name);
        }
    }
    let html = places_html(&s, &rec, &sums);
    let (table, after) = html.split_once("Other places where most people were at once").expect("the other places' row");
    for r in &others {
        let name = format!("<td>{}</td>", esc(&s.places[r.place].name));
        assert!(after.contains(&name) && !table.contains(&name), "{name} below the row");
    }
    assert!(html.contains("One run (seed 1)") && html.contains("<code>places.csv</code>"), "{html}");
    // Planner's review of session 24: shelters known to open but not to close count to the end, named.
    let last = s.period.days - 1;
    let standing: Vec<String> = watched
        .iter()
        .filter_map(|&p| s.shelter_capacity_on(p, last).map(|c| format!("{} ({})", s.places[p].name, crate::n(c))))
        .collect();
    assert!(!standing.is_empty(), "caravan-2018's shelters stand to the end");
    let note = html.split("On the run's last day, ").nth(1).expect("the note").split(" still count").next().unwrap();
    for place in &standing {
        assert!(note.contains(place.as_str()), "{place} in {note}");
    }
}

/// Code review of session 24: the note's command validated the built-in scenario whatever the report's,
/// and spoke of caravans in worlds without one.
#[test]
fn the_one_run_note_names_the_scenario_as_validate_takes_it() {
    let s = corridor::worlds::caravan_2018().unwrap();
    assert!(one_run_note(&s, 3).contains("<code>corridor validate caravan-2018 --replicates 20</code> writes"));
    assert!(one_run_note(&s, 3).starts_with("<p>One run (seed 3)") && one_run_note(&s, 3).contains("caravan"));
    let mut own = s.clone();
    own.name = "my caravans".into();
    assert!(one_run_note(&own, 1)
        .contains("corridor validate FOLDER --replicates 20</code> (FOLDER: the scenario's folder)"));
    let line = corridor::worlds::line_world(&["A", "B"], 10.0, 1);
    assert!(line.caravans.is_empty() && !one_run_note(&line, 1).contains("caravan"));
}
