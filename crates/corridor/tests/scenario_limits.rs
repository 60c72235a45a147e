//! Session 22's bad-input reviews (code and adversarial): numbers past their types' range, lists of
//! the wrong length, values out of range said as such, names without text, coordinates, closures.

use crate::common;

use common::{err, load, load_with, repo_root, LOCATIONS, ROUTES, SCENARIO};

/// The 1-based line of `name`'s scenario.toml that first holds `text` (errors are said at it).
fn line_of(name: &str, text: &str) -> usize {
    let toml = std::fs::read_to_string(repo_root().join("scenarios").join(name).join("scenario.toml")).expect("read");
    toml.lines().position(|l| l.contains(text)).expect("the scenario holds it") + 1
}

/// The repository's scenario `name` with its scenario.toml changed by `edit`, loaded with its own tables.
fn scenario_with(name: &str, edit: impl Fn(&str) -> String) -> Result<corridor::Scenario, String> {
    let dir = repo_root().join("scenarios").join(name);
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).expect("the scenario's files");
    let (toml, locations, routes) = (edit(&read("scenario.toml")), read("locations.csv"), read("routes.csv"));
    load(&toml, &locations, &routes)
}

/// Code review of session 22: numbers past u32's range were cut to their low bits. A family of 2^32
/// people became 0 ("no families"), refused now; a pause of 2^32 days became 0 (the caravan left at
/// once) and 2^32 − 1 days overflowed the day's sum: it is a pause no period outlasts.
#[test]
fn family_sizes_and_pauses_past_u32_are_not_cut_short() {
    let e = err(&SCENARIO.replace("people_per_day = 5.0", "people_per_day = 5.0\nfamily_size = 4294967296"));
    assert!(e.contains("s/scenario.toml:") && e.contains("family_size") && e.contains("4294967296"), "{e}");
    for days in ["4294967295", "4294967296"] {
        let s = scenario_with("demo", |t| t.replacen("until = 2018-11-09", &format!("days = {days}"), 1))
            .expect("a long pause loads");
        let mut sim = corridor::Simulation::new(&s, 1);
        let (mut in_mexico_city, mut days_run) = (0, 0);
        let city = s.places.iter().position(|p| p.name == "Mexico City").expect("Mexico City");
        while days_run < s.period.days {
            in_mexico_city = sim.step().count(city, corridor::population::Status::AtPlace);
            days_run += 1;
        }
        assert!(in_mexico_city > 1000, "the caravan stays paused to the end: {in_mexico_city} in Mexico City");
    }
}

/// Code review of session 22: a place's nearest detention centre is kept in a byte (255 for none), and
/// the 251st to 256th centres were stored as other centres or none. More than 250 are refused, at the
/// first one too many, as ports are.
#[test]
fn more_than_250_detention_centres_are_refused_at_the_first_too_many() {
    let centre = |k: usize| {
        format!("\n[[detention]]\nname = \"C{k}\"\nplace = \"Tapachula\"\ncapacity = 10\nsource = \"test\"\n")
    };
    let with =
        |n: usize| scenario_with("demo-institutions", |t| t.to_string() + &(0..n).map(centre).collect::<String>());
    assert!(with(249).is_ok(), "250 centres in all");
    let e = with(250).unwrap_err();
    assert!(e.contains("at most 250 detention centres") && e.contains("scenario.toml:"), "{e}");
}

/// Adversarial review of session 22: a checkpoint's or hazard's `route` of more than two items was cut
/// to its first two (`["Tecun Uman", "Tapachula", "Atlantis"]` ran as the two-place route). A route of
/// any other length than two is refused at its line; one of other types, as before.
#[test]
fn a_route_of_other_than_two_places_is_refused() {
    let route = r#"route = ["Tecun Uman", "Tapachula"]"#;
    for (changed, says) in [
        (r#"route = ["Tecun Uman", "Tapachula", "Atlantis"]"#, "this one has 3"),
        (r#"route = ["Tecun Uman"]"#, "this one has 1"),
        (r#"route = ["Tecun Uman", "Tapachula", 5, true]"#, "invalid type"),
    ] {
        let e = scenario_with("demo-institutions", |t| {
            assert!(t.contains(route));
            t.replacen(route, changed, 1)
        })
        .expect_err("refused");
        let at = format!("scenario.toml:{}:", line_of("demo-institutions", route));
        assert!(e.contains(&at) && e.contains(says), "{changed}: {e}");
    }
}

/// Adversarial review of session 22: a pause's `days = -3` or `daily_leave_chance = 1.5` was told it
/// "needs exactly one of" the three, which it had. Each is said to be out of its range, at its line.
#[test]
fn a_pause_value_out_of_range_is_said_so() {
    for (value, says) in [
        ("days = -3", "`days` = -3 must be 0 or more"),
        ("daily_leave_chance = 1.5", "`daily_leave_chance` = 1.5 must be in (0, 1]"),
        ("daily_leave_chance = 0.0", "`daily_leave_chance` = 0 must be in (0, 1]"),
    ] {
        let e = scenario_with("demo", |t| t.replacen("until = 2018-11-09", value, 1)).expect_err("refused");
        let at = format!("scenario.toml:{}:", line_of("demo", "until = 2018-11-09"));
        assert!(e.contains(&at) && e.contains(says) && !e.contains("exactly one"), "{e}");
    }
}

/// Adversarial review of session 22: a scenario's own closures table with `location,B,C,…` ran as a
/// closure of B alone. It is refused at the `name2` cell, saying what a `link` closure is for.
#[test]
fn a_second_place_for_a_location_closure_is_refused_in_a_scenarios_own_table() {
    let toml = SCENARIO.replace("routes = \"routes.csv\"", "routes = \"routes.csv\"\nclosures = \"closures.csv\"");
    let closures = |rows: &str| format!("#closure_type,name1,name2,closure_start,closure_end\n{rows}\n");
    let load = |rows: &str| load_with(&toml, LOCATIONS, ROUTES, &[("s/closures.csv", closures(rows).as_str())]);
    let e = load("location,B,C,3,5").expect_err("refused");
    assert!(e.contains("s/closures.csv:2") && e.contains("name2") && e.contains("`link` closure"), "{e}");
    assert!(load("location,B,,3,5").is_ok() && load("location,B,B,3,5").is_ok());
}

/// Input review of session 32: a `camp` closure of a town made it a camp when the closure ended,
/// without a word. A scenario's own table refuses it at `name1`; a camp closure of a camp is taken.
#[test]
fn a_camp_closure_of_a_place_that_is_no_camp_is_refused_in_a_scenarios_own_table() {
    let toml = SCENARIO.replace("routes = \"routes.csv\"", "routes = \"routes.csv\"\nclosures = \"closures.csv\"");
    let closures = |rows: &str| format!("#closure_type,name1,name2,closure_start,closure_end\n{rows}\n");
    let with_camp = LOCATIONS.replace("B,R,X,15.0,-91.0,town", "B,R,X,15.0,-91.0,camp");
    let load = |locations: &str, rows: &str| {
        load_with(&toml, locations, ROUTES, &[("s/closures.csv", closures(rows).as_str())])
    };
    let e = load(LOCATIONS, "camp,B,,3,5").expect_err("refused");
    assert!(e.contains("s/closures.csv:2:2") && e.contains("`B` is a `town`") && e.contains("`location`"), "{e}");
    let e = load(LOCATIONS, "idpcamp,B,,3,5").expect_err("refused");
    assert!(e.contains("not a `idpcamp`"), "{e}");
    assert!(load(&with_camp, "camp,B,,3,5").is_ok() && load(LOCATIONS, "location,B,,3,5").is_ok());
}

/// Input review of session 32: `country,X,X` shut every road inside X, and `country,X,Z` with no road
/// between the two closed nothing, without a word; a misspelt country had no did-you-mean. A
/// scenario's own table refuses the first two at `name2`; the third says what was meant.
#[test]
fn a_country_closure_needs_two_countries_a_road_joins() {
    let toml = SCENARIO.replace("routes = \"routes.csv\"", "routes = \"routes.csv\"\nclosures = \"closures.csv\"");
    let closures = |rows: &str| format!("#closure_type,name1,name2,closure_start,closure_end\n{rows}\n");
    let load = |rows: &str| load_with(&toml, LOCATIONS, ROUTES, &[("s/closures.csv", closures(rows).as_str())]);
    let e = load("country,X,X,3,5").expect_err("refused");
    assert!(e.contains("s/closures.csv:2:3") && e.contains("`X` twice"), "{e}");
    let e = load("country,X,Z,3,5").expect_err("refused");
    assert!(e.contains("s/closures.csv:2:3") && e.contains("no road joins `X` and `Z`"), "{e}");
    assert!(load("country,X,Y,3,5").is_ok() && load("country,Y,X,3,5").is_ok());
    let yonder = LOCATIONS.replace(",R,Y,", ",R,Yonder,");
    let rows = closures("country,X,Yondre,3,5");
    let e = load_with(&toml, &yonder, ROUTES, &[("s/closures.csv", rows.as_str())]).expect_err("refused");
    assert!(e.contains("no place is in country `Yondre` (did you mean `Yonder`?)"), "{e}");
}

/// Adversarial review of session 22: empty names (`[[port]] name = ""`, `--set name=`) and a latitude
/// of 932.5 were taken. A name needs text, and a coordinate is in degrees, each at its line.
#[test]
fn names_need_text_and_coordinates_are_degrees() {
    let e = err(&SCENARIO.replace("name = \"f\"", "name = \" \""));
    assert!(e.contains("s/scenario.toml:10:") && e.contains("a name must have text"), "{e}");
    let e = err(&SCENARIO.replace("name = \"t\"", "name = \"\""));
    assert!(e.contains("s/scenario.toml:1:") && e.contains("a name must have text"), "{e}");
    let e = load(SCENARIO, &LOCATIONS.replace("B,R,X,15.0,", "B,R,X,932.5,"), ROUTES).expect_err("refused");
    assert!(e.contains("s/locations.csv:3") && e.contains("932.5 is not a lat"), "{e}");
    let e = load(SCENARIO, &LOCATIONS.replace("-91.0", "-191.0"), ROUTES).expect_err("refused");
    assert!(e.contains("-191 is not a lon"), "{e}");
}

/// Adversarial review of session 22: an inflow's goal that is its own origin was taken, its share
/// never leaving. It is refused, naming the place.
#[test]
fn an_inflow_goal_that_is_its_origin_is_refused() {
    let e = err(&SCENARIO.replace(r#"goals = { "C" = 1.0 }"#, r#"goals = { "A" = 0.4, "C" = 0.6 }"#));
    assert!(e.contains("s/scenario.toml:15:") && e.contains("`A` is the inflow's origin"), "{e}");
    let zero = SCENARIO.replace(r#"goals = { "C" = 1.0 }"#, r#"goals = { "A" = 0.0, "C" = 1.0 }"#);
    assert!(load(&zero, LOCATIONS, ROUTES).is_ok(), "a share of 0 sends no one there");
}

/// Standards audit of session 35: a closures table with a `source` column, as the places and roads
/// tables have, was refused (`unknown column 'source'`), against the rule that every figure carries
/// its source. It is read (and not needed).
#[test]
fn issue_session_35_a_closures_table_may_give_each_rows_source() {
    let toml = SCENARIO.replace("routes = \"routes.csv\"", "routes = \"routes.csv\"\nclosures = \"closures.csv\"");
    let table = "#closure_type,name1,name2,closure_start,closure_end,source\nlink,A,B,3,5,\"assumption: a test\"\n";
    let s = load_with(&toml, LOCATIONS, ROUTES, &[("s/closures.csv", table)]).expect("read");
    assert_eq!(s.closures.len(), 1);
}

/// Standards audit of session 35: the same closure given twice (a copied row) was taken without a word
/// in a scenario's own table, where a road or a place given twice is an error. It is refused at the
/// second, naming the first.
#[test]
fn issue_session_35_the_same_closure_twice_is_refused() {
    let toml = SCENARIO.replace("routes = \"routes.csv\"", "routes = \"routes.csv\"\nclosures = \"closures.csv\"");
    let table = |rows: &str| format!("#closure_type,name1,name2,closure_start,closure_end\n{rows}\n");
    let load = |rows: &str| load_with(&toml, LOCATIONS, ROUTES, &[("s/closures.csv", table(rows).as_str())]);
    let e = load("link,A,B,3,5\nlocation,C,,1,2\nlink,A,B,3,5").expect_err("refused");
    assert!(e.starts_with("s/closures.csv:4:1: field `closure_type`: the same closure as line 2"), "{e}");
    assert!(load("link,A,B,3,5\nlink,A,B,6,8").is_ok(), "the same road closed twice, at other times");
}
