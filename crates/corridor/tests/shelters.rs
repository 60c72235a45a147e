//! Dated shelter places (session 23): a `shelter.capacity` policy at a place changes its shelter
//! capacity on its dates, for IOM's hardship in the run and for the planners' figures; the places
//! table's `shelter_capacity` holds on the other days.

use crate::common;

use chrono::NaiveDate;
use common::{err, load, one_port_list, LOCATIONS, ROUTES, SCENARIO};
use corridor::policy::{Param, Policy};
use corridor::scenario::institutions::{Office, OfficeKind};
use corridor::scenario::PlaceId;
use corridor::Simulation;

/// `SCENARIO` with one `[[policy]]` of `shelter.capacity`, its `at` line given whole (or none).
fn with_policy(at: &str, value: &str) -> String {
    format!(
        "{SCENARIO}\n[[policy]]\nparameter = \"shelter.capacity\"\n{at}from = 2018-10-05\nto = 2018-10-12\nvalue = {value}\nsource = \"t\"\n"
    )
}

#[test]
fn a_shelter_policy_names_its_place_and_a_place_has_no_general_value() {
    // The policy starts on line 18, after SCENARIO and a blank line.
    let e = err(&with_policy("", "500"));
    assert!(e.starts_with("s/scenario.toml:18:1: field `at`: `shelter.capacity` is a place's"), "{e}");
    let e = err(&with_policy("at = \"Atlantis\"\n", "500"));
    assert!(e.starts_with("s/scenario.toml:20:6: field `at`: unknown place `Atlantis`"), "{e}");
    let e = err(&with_policy("at = \"B\"\n", "-500"));
    assert!(e.contains("field `value`: `shelter.capacity` = -500 must be a whole number of people"), "{e}");
    // Places are whole people, and no more than a billion (review of session 23: 0.4 showed as a capacity
    // of 0 and 1e300 as 9,223,372,036,854,775,807 in the report).
    for odd in ["0.4", "1e300", "inf"] {
        let e = err(&with_policy("at = \"B\"\n", odd));
        assert!(e.contains("must be a whole number of people, from 0 to 1,000,000,000"), "{odd}: {e}");
    }
    let e = err(&format!("{SCENARIO}\n[institutions.shelter]\ncapacity = 500\n"));
    assert!(
        e.starts_with("s/scenario.toml:19:1: field `shelter.capacity`: `shelter.capacity` is each place's own"),
        "{e}"
    );
    // A place on the way (review of session 23: the United States and the origins took shelter places),
    // and a port's name pointed to its city.
    let e = err(&with_policy("at = \"A\"\n", "500"));
    assert!(e.contains("field `at`: `A` is an origin place: shelter places are counted on the way"), "{e}");
    let e = err(&with_policy("at = \"D\"\n", "500"));
    assert!(e.contains("field `at`: `D` is a destination place"), "{e}");
    let port = "\n[[port]]\nname = \"P\"\ncity = \"C\"\nus_side = \"D\"\nsource = \"t\"\n";
    let e = err(&format!("{}{port}", with_policy("at = \"P\"\n", "500")));
    assert!(e.contains("field `at`: `P` is a port: a shelter is in a place, here the port's city `C`"), "{e}");
    // A port parameter's `at` names a port, not a place: the message says which kinds take one.
    let e = err(&format!(
        "{SCENARIO}\n[[policy]]\nparameter = \"iom.active\"\nat = \"B\"\nfrom = 2018-10-05\nvalue = true\nsource = \"t\"\n"
    ));
    assert!(e.contains("`iom.active` applies everywhere; `at` is only for per-port and per-place parameters"), "{e}");
}

#[test]
fn a_places_shelter_capacity_is_the_policys_on_its_dates_and_the_tables_on_the_others() {
    let s = load(&with_policy("at = \"B\"\n", "500"), LOCATIONS, ROUTES).expect("valid");
    let day = |d: u32| s.period.day_of(NaiveDate::from_ymd_opt(2018, 10, d).expect("a date")).expect("in the period");
    let b = 1;
    assert_eq!(s.places[b].shelter_capacity, None, "the table gives B none");
    assert_eq!(s.shelter_capacity_on(b, day(4)), None);
    assert_eq!(s.shelter_capacity_on(b, day(5)), Some(500.0));
    assert_eq!(s.shelter_capacity_on(b, day(11)), Some(500.0));
    assert_eq!(s.shelter_capacity_on(b, day(12)), None, "`to` is the first day no longer in force");
    assert_eq!(s.shelter_capacity_on(2, day(5)), None, "only at B");
    assert!(s.has_shelter(b) && !s.has_shelter(2));
    assert!(corridor::validate::places::watched_places(&s).contains(&b), "the planners watch B");
    // summary.json's policies give the place's index (in the places table) and no port.
    let sim = Simulation::new(&s, 1);
    let summary = sim.institutions().expect("institutions").summary();
    let policy = &summary["policies"][0];
    assert_eq!((policy["place"].as_u64(), policy["port"].is_null()), (Some(b as u64), true), "{policy}");
}

/// The built-in scenario's dated places: Tijuana had Benito Juárez's 3,000 from Nov 14 2018 [47][50]
/// until El Barretal (the table's 7,000 [55]) opened on Nov 29 [53]; Mexico City's stadium opened on
/// Nov 4 [36].
#[test]
fn caravan_2018_dates_tijuanas_and_mexico_citys_shelters() {
    let s = corridor::worlds::caravan_2018().expect("the built-in scenario loads");
    let place = |name: &str| s.places.iter().position(|p| p.name == name).expect("a place");
    let on = |y: i32, m: u32, d: u32| s.period.day_of(NaiveDate::from_ymd_opt(y, m, d).expect("a date")).expect("in");
    let (tijuana, mexico_city) = (place("Tijuana"), place("Mexico City"));
    assert_eq!(s.shelter_capacity_on(tijuana, on(2018, 11, 13)), None, "no figure before Benito Juárez");
    assert_eq!(s.shelter_capacity_on(tijuana, on(2018, 11, 20)), Some(3_000.0));
    assert_eq!(s.shelter_capacity_on(tijuana, on(2018, 11, 29)), Some(7_000.0));
    assert_eq!(s.shelter_capacity_on(tijuana, on(2019, 8, 1)), Some(7_000.0));
    assert_eq!(s.shelter_capacity_on(mexico_city, on(2018, 11, 3)), None);
    assert_eq!(s.shelter_capacity_on(mexico_city, on(2018, 11, 4)), Some(5_000.0));
}

/// IOM's hardship at a place is worked out from the shelter places of the day: 4,000 people wait at
/// a border city of 4,000 places (no overcrowding) until a policy cuts its places to 1,000 on days
/// 10–19 (four times over: hardship 1 + 3 × the weight).
#[test]
fn iom_hardship_follows_the_shelter_places_of_the_day() {
    let mut s = one_port_list(4_000, 0.0);
    s.places[1].shelter_capacity = Some(4_000);
    s.people_per_agent = 10;
    s.prefill = vec![(PlaceId(1), 400)]; // agents, of 10 people each
    s.period.days = 30;
    let inst = s.institutions.as_mut().expect("institutions");
    inst.offices.push(Office { kind: OfficeKind::Iom, place: PlaceId(1), source: String::new() });
    inst.params.set_all([
        (Param::IomActive, 1.0),
        (Param::IomHardship, 0.5),
        (Param::IomBaseDaily, 0.0),
        (Param::IomGrowth, 0.0),
    ]);
    inst.params.policies.push(Policy {
        name: "fewer places".into(),
        param: Param::ShelterCapacity,
        at: Some(1),
        from_day: 10,
        to_day: Some(20),
        value: 1_000.0,
        source: String::new(),
    });
    let mut sim = Simulation::new(&s, 3);
    for day in 0..s.period.days {
        sim.step();
        let sys = sim.institutions().expect("institutions");
        let (places, hardship) = (sys.today.shelter[1], sys.today.hardship[1]);
        let (expected_places, expected_hardship) = if (10..20).contains(&day) { (100.0, 2.5) } else { (400.0, 1.0) };
        assert_eq!(places, expected_places, "day {day}: shelter places in agents of 10 people");
        assert!((hardship - expected_hardship).abs() < 1e-9, "day {day}: hardship {hardship}");
    }
}

/// Planner's review of session 35: shelter places at an origin or a destination were taken from the
/// places table (the report listed the United States at 4,857% of 9,000 places), where the same places
/// as a policy are refused. The table refuses them too, at the cell.
#[test]
fn issue_session_35_shelter_places_at_an_origin_or_destination_are_refused_in_the_table() {
    let header = "#name,region,country,lat,lon,location_type,conflict_date,population,shelter_capacity\n";
    let rows =
        ["A,R,X,14.0,-90.0,origin,,1000,", "B,R,X,15.0,-91.0,town,,1000,", "C,R,Y,16.0,-92.0,border_city,,1000,"];
    let d = "D,R,Z,17.0,-93.0,destination,,0,";
    let table = |rows: [&str; 4]| format!("{header}{}\n", rows.join("\n"));
    assert!(load(SCENARIO, &table([rows[0], rows[1], rows[2], d]), ROUTES).is_ok());
    let with_at = |k: usize, places: &str| {
        let mut all = [rows[0], rows[1], rows[2], d].map(String::from);
        all[k].push_str(places);
        load(SCENARIO, &table(all.each_ref().map(String::as_str)), ROUTES).expect_err("refused")
    };
    let e = with_at(3, "9000");
    assert!(e.starts_with("s/locations.csv:5"), "{e}");
    assert!(
        e.contains("`shelter_capacity`: 9000 places at a destination place: shelter places are counted on the way"),
        "{e}"
    );
    let e = with_at(0, "3000");
    assert!(e.starts_with("s/locations.csv:2") && e.contains("3000 places at an origin place"), "{e}");
    // None, or 0, is no shelter.
    assert!(load(SCENARIO, &table([rows[0], rows[1], rows[2], &format!("{d}0")]), ROUTES).is_ok());
    let town = format!("{}500", rows[1]);
    assert!(load(SCENARIO, &table([rows[0], &town, rows[2], d]), ROUTES).is_ok(), "a town's places");
}
