//! Issue 2: bad input stops with a message naming the file, line (and column or field) and what was
//! expected; nothing panics, whatever the bytes.

use crate::common;

use corridor::scenario::{InMemory, ObservedRole};
use proptest::prelude::*;
use std::path::Path;

use common::{err, load, load_with, LOCATIONS, ROUTES, SCENARIO};

#[test]
fn the_valid_scenario_loads() {
    let s = load(SCENARIO, LOCATIONS, ROUTES).expect("valid");
    assert_eq!(s.period.days, 31);
    assert_eq!(s.inflows[0].goals.len(), 1);
}

#[test]
fn misspelt_key_is_an_error_with_line_and_column() {
    let e = err(&SCENARIO.replace("people_per_day", "people_per_dya"));
    assert!(
        e.starts_with(
            "s/scenario.toml:14:1: unknown field `people_per_dya` (did you mean `people_per_day`?), expected one of"
        ),
        "{e}"
    );
    let e = err(&format!("{SCENARIO}\n[movement]\nmax_move_sped = 3.0\n"));
    assert!(e.starts_with("s/scenario.toml:19:1: unknown field `max_move_sped`"), "{e}");
}

/// Scenario author's review of session 24: `[inflow]` for `[[inflow]]` was "invalid type: map,
/// expected a sequence" (or "duplicate key" after a `[[inflow]]`), saying neither what nor how.
#[test]
fn a_list_entry_written_with_one_bracket_says_two() {
    let one = SCENARIO.replace("[[inflow]]", "[inflow]");
    let e = err(&one);
    assert!(
        e.starts_with("s/scenario.toml:9:1:")
            && e.ends_with("an entry of the list `inflow` is written `[[inflow]]`, with two brackets"),
        "{e}"
    );
    let after = format!("{SCENARIO}\n[inflow]\nname = \"g\"\n");
    let e = err(&after);
    let want = "s/scenario.toml:18:2: duplicate key `inflow`: an entry of the list `inflow` is written \
                `[[inflow]]`, with two brackets";
    assert_eq!(e, want);
    // Session 25's read-through: toml's "duplicate key" named no key.
    let e = err(&SCENARIO.replace("end = 2018-10-31", "end = 2018-10-31\nend = 2018-10-30"));
    assert_eq!(e, "s/scenario.toml:4:1: duplicate key `end`: a table sets each key once (remove the other)");
}

/// Errors name the line of the field, not of the entry's header (scenario-author review of session 13).
#[test]
fn date_out_of_period_names_the_field() {
    let e = err(&SCENARIO.replace("to = 2018-10-10", "to = 2018-11-10"));
    assert!(
        e.contains(
            "s/scenario.toml:13:1: field `to`: 2018-11-10 is outside the scenario period 2018-10-01 to 2018-10-31"
        ),
        "{e}"
    );
    let e = err(&SCENARIO.replace("from = 2018-10-01", "from = \"2018-13-01\""));
    assert!(e.contains("field `from`: `2018-13-01` is not a date"), "{e}");
    // As docs/scenario-format.md says: a string may leave out leading zeros (planner's review of
    // session 24: it ran, undocumented).
    let short = load(&SCENARIO.replace("to = 2018-10-10", "to = \" 2018-10-9 \""), LOCATIONS, ROUTES).expect("loads");
    let full = load(&SCENARIO.replace("to = 2018-10-10", "to = 2018-10-09"), LOCATIONS, ROUTES).expect("loads");
    assert_eq!(short.inflows[0].to_day, full.inflows[0].to_day);
}

#[test]
fn unknown_place_in_a_flow_is_an_error() {
    let e = err(&SCENARIO.replace("origin = \"A\"", "origin = \"Atlantis\""));
    assert!(e.contains("s/scenario.toml:11:10: field `origin`: unknown place `Atlantis`"), "{e}");
}

#[test]
fn negative_numbers_are_errors() {
    let e = err(&SCENARIO.replace("people_per_day = 5.0", "people_per_day = -5.0"));
    assert!(e.contains("field `people_per_day`"), "{e}");
    let e = load(SCENARIO, &LOCATIONS.replace("border_city,,1000", "border_city,,-1000"), ROUTES).unwrap_err();
    assert_eq!(e, "s/locations.csv:4:8: field `population`: -1000 is negative");
    let e = load(SCENARIO, LOCATIONS, &ROUTES.replace("B,C,120", "B,C,-120")).unwrap_err();
    assert_eq!(e, "s/routes.csv:3:3: field `distance`: -120 is negative: expected a distance in km > 0");
    let e = err(&format!("{SCENARIO}\n[movement]\ncamp_movechance = 1.5\n"));
    assert!(e.contains("`camp_movechance` = 1.5 is not in [0, 1]"), "{e}");
    // Scenario author's review of session 24: a trillion shelter places passed here, where a policy
    // refused more than a billion.
    let mut lines = LOCATIONS.lines();
    let header = format!("{},shelter_capacity\n", lines.next().unwrap());
    let rows: String = lines.map(|l| format!("{l},\n")).collect();
    let locations = header + &rows.replace("border_city,,1000,\n", "border_city,,1000,1000000000000\n");
    let e = load(SCENARIO, &locations, ROUTES).unwrap_err();
    assert!(e.ends_with("field `shelter_capacity`: 1000000000000 places: at most 1,000,000,000"), "{e}");
    // Scenario author's review of session 24: `inf` people a day "must be >= 0"; 1e300 made
    // 18446744073709551615 agents; a capacity of 1e300 was written out in 301 digits.
    let e = err(&SCENARIO.replace("people_per_day = 5.0", "people_per_day = inf"));
    assert!(
        e.ends_with(
            "field `people_per_day`: inflow `f`: inf is not a finite number: it must be people a day, 0 or more"
        ),
        "{e}"
    );
    let e = err(&SCENARIO.replace("people_per_day = 5.0", "people_per_day = 1e300"));
    // Session 25's read-through: "(more than 2^64 here)" after "more than 2^64 agents" said nothing.
    let want = "s/scenario.toml:14:1: field `people_per_day`: the scenario would create more than 2^64 agents \
                (this figure alone more than 2^64), more than a run holds (4294967295): raise people_per_agent (1) \
                or lower this figure";
    assert_eq!(e, want);
    let e = err(&SCENARIO.replace(
        "people_per_day = 5.0",
        "people_per_day = 5.0
family_size = 1e300",
    ));
    assert!(e.contains("floating point `1e300`, expected"), "{e}");
}

/// Review of session 21 (bad input): a road of 1e308 km (two make an infinite way, reported as no way
/// at all) and movement powers of NaN or infinity (every weight NaN, the run going on without a word)
/// were taken; a population base of 0 was divided by.
#[test]
fn absurd_roads_and_powers_are_errors() {
    let e = load(SCENARIO, LOCATIONS, &ROUTES.replace("B,C,120", "B,C,1e308")).unwrap_err();
    assert_eq!(e, "s/routes.csv:3:3: field `distance`: 1e308 km: expected at most 100000 km (two and a half times round the Earth)");
    for (key, value) in [
        ("weight_power", "nan"),
        ("distance_power", "inf"),
        ("pruning_threshold", "nan"),
        ("movechance_pop_scale_factor", "-inf"),
    ] {
        let e = err(&format!("{SCENARIO}\n[movement]\n{key} = {value}\n"));
        assert!(
            e.contains(&format!("field `movement.{key}`: `{key}` = ")) && e.contains("must be a finite number"),
            "{e}"
        );
    }
    let e = err(&format!("{SCENARIO}\n[movement]\nmovechance_pop_base = 0.0\nmovechance_pop_scale_factor = 1.0\n"));
    assert!(e.contains("field `movement.movechance_pop_base`: `movechance_pop_base` = 0 must be > 0"), "{e}");
    // Bad-input hunt of session 30: a power that overflows a road's weight ran, its routes chosen evenly.
    let text = format!("{SCENARIO}\n[movement]\ndistance_power = 400.0\n");
    let line = text.lines().position(|l| l.starts_with("distance_power")).unwrap() + 1;
    let e = err(&text);
    assert!(e.starts_with(&format!("s/scenario.toml:{line}:1: field `movement.distance_power`: `distance_power` = 400 makes the distance term of the road ")), "{e}");
}

/// Review of session 21: figures calibrated to or read back from the inputs were counted as checks of
/// the model. `role` says which they are; a misspelt role is an error at its line.
#[test]
fn an_observed_figures_role_is_one_of_three() {
    let o = "\n[[observed]]\nname = \"q\"\nmetric = \"arrivals\"\nplace = \"C\"\ndate = 2018-10-05\nlow = 1\nrole = \"ROLE\"\nsource = \"t\"\n";
    for (role, want) in
        [("check", ObservedRole::Check), ("calibrated", ObservedRole::Calibrated), ("input", ObservedRole::Input)]
    {
        let s = load(&format!("{SCENARIO}{}", o.replace("ROLE", role)), LOCATIONS, ROUTES).expect("loads");
        assert_eq!(s.observed[0].role, want);
    }
    let s = load(&format!("{SCENARIO}{}", o.replace("role = \"ROLE\"\n", "")), LOCATIONS, ROUTES).expect("loads");
    assert_eq!(s.observed[0].role, ObservedRole::Check, "a check by default");
    let e = err(&format!("{SCENARIO}{}", o.replace("ROLE", "fitted")));
    assert!(e.contains("unknown variant `fitted`") && e.contains("`check`, `calibrated`, `input`"), "{e}");
}

/// Review of session 21 (bad input): an observed `value = -5` was taken (and could never be met),
/// where `reported = -4` was refused. Every bound is a count of 0 or more.
#[test]
fn an_observed_figures_bounds_are_counts() {
    let o = "\n[[observed]]\nname = \"q\"\nmetric = \"arrivals\"\nplace = \"C\"\ndate = 2018-10-05\nBOUNDS\nsource = \"t\"\n";
    for (bounds, field) in [
        ("value = -5", "value"),
        ("low = -1\nhigh = 3", "low"),
        ("high = -2", "high"),
        ("value = nan", "value"),
        ("low = inf", "low"),
    ] {
        let e = err(&format!("{SCENARIO}{}", o.replace("BOUNDS", bounds)));
        assert!(e.contains(&format!("field `{field}`")) && e.contains("is not a count of 0 or more"), "{bounds}: {e}");
    }
    assert!(load(&format!("{SCENARIO}{}", o.replace("BOUNDS", "low = 0\nhigh = 3")), LOCATIONS, ROUTES).is_ok());
    // Bad-input hunt of session 30: `low` above `high` was told of `value`, at the entry's first line.
    let text = format!("{SCENARIO}{}", o.replace("BOUNDS", "low = 6000\nhigh = 5000"));
    let line = text.lines().position(|l| l == "low = 6000").unwrap() + 1;
    let e = err(&text);
    assert!(
        e.starts_with(&format!("s/scenario.toml:{line}:1: field `low`: observed `q`: low = 6000 is above high = 5000")),
        "{e}"
    );
    for (bounds, said) in [
        ("value = 3\nlow = 1", "give `value` or a range (`low` and/or `high`), not both"),
        ("", "give `value`, or `low` and/or `high`"),
    ] {
        let e = err(&format!("{SCENARIO}{}", o.replace("BOUNDS", bounds)));
        assert!(e.contains(&format!("field `value`: observed `q`: {said}")), "{bounds}: {e}");
    }
}

/// A bad movement setting names the line of its key, not only the file.
#[test]
fn bad_movement_setting_names_its_line() {
    let e = err(&format!("{SCENARIO}\n[movement]\nmax_move_speed = 200.0\ncamp_movechance = 1.5\n"));
    assert!(e.starts_with("s/scenario.toml:20:1: field `movement.camp_movechance`: `camp_movechance` = 1.5"), "{e}");
}

#[test]
fn duplicate_place_and_malformed_rows() {
    let e = load(SCENARIO, &format!("{LOCATIONS}A,R,X,1,1,town,,1\n"), ROUTES).unwrap_err();
    assert_eq!(e, "s/locations.csv:6:1: field `name`: duplicate place `A` (first defined on line 2)");
    let e = load(SCENARIO, LOCATIONS, &format!("{ROUTES}C,A,12km\n")).unwrap_err();
    assert_eq!(e, "s/routes.csv:5:3: field `distance`: `12km` is not a number");
    let e = load(SCENARIO, LOCATIONS, "#name1,name2\nA,B\n").unwrap_err();
    assert_eq!(e, "s/routes.csv:1: missing required column `distance`");
}

/// Issue 5 (found by fuzzing FLEE folders): a period or a population beyond what a run can hold is
/// refused at its line, not left to exhaust memory.
#[test]
fn issue5_periods_and_populations_beyond_the_limits_are_errors() {
    let e = err(&SCENARIO.replace("end = 2018-10-31", "end = 3018-10-31"));
    let want = "s/scenario.toml:3:7: field `end`: 2018-10-01 to 3018-10-31 is 365273 days: at most 365250";
    assert!(e.starts_with(want), "{e}");
    // 365,250 days, the limit, load.
    let s = load(&SCENARIO.replace("end = 2018-10-31", "end = 3018-10-08"), LOCATIONS, ROUTES).expect("at the limit");
    assert_eq!(s.period.days, 365_250);
    let e = err(&SCENARIO.replace("people_per_day = 5.0", "people_per_day = 1e9"));
    let want = "s/scenario.toml:14:1: field `people_per_day`: the scenario would create 10000000000 agents \
                (all of them here), more than a run holds (4294967295): raise people_per_agent (1) or lower this \
                figure";
    assert_eq!(e, want);
    // The remedy the message gives: ten people per agent make a billion agents, which a run holds.
    let scaled = SCENARIO.replace("people_per_day = 5.0", "people_per_day = 1e9");
    let s = load(&scaled.replace("end = 2018-10-31", "end = 2018-10-31\npeople_per_agent = 10"), LOCATIONS, ROUTES)
        .expect("ten people per agent");
    assert_eq!(corridor::engine::spawn::planned_agents(&s), 1_000_000_000);
}

#[test]
fn makeup_shares_must_add_up() {
    let e = err(&format!("{SCENARIO}[inflow.makeup]\nmen = 0.5\nwomen = 0.6\n"));
    assert!(e.contains("men + women + children = 1.1, expected 1"), "{e}");
    // Planner's review of session 24: told at the entry's header, with the float's noise
    // (1.3499999999999999); now at the make-up's own table, as written.
    let e = err(&format!("{SCENARIO}[inflow.makeup]\nmen = 0.55\nwomen = 0.25\nchildren = 0.55\n"));
    assert!(
        e.starts_with("s/scenario.toml:17:1: field `makeup`: inflow `f`: men + women + children = 1.35, expected 1"),
        "{e}"
    );
}

/// Reference audit of session 31: a misspelt ground, a share out of range or grounds that do not add up
/// were told at the `[inflow.makeup]` line, not at the key's own.
#[test]
fn a_makeup_error_is_told_at_its_own_key() {
    let grounds =
        "[inflow.makeup]\nmen = 0.55\nwomen = 0.25\nchildren = 0.20\n[inflow.makeup.grounds]\nviolence = 0.5\n";
    let e = err(&format!("{SCENARIO}{grounds}povrty = 0.5\n"));
    assert!(
        e.starts_with("s/scenario.toml:23:1: field `makeup.grounds.povrty`: inflow `f`: unknown ground `povrty`"),
        "{e}"
    );
    let e = err(&format!("{SCENARIO}{grounds}poverty = 0.4\n"));
    assert!(e.starts_with("s/scenario.toml:21:1: field `makeup.grounds`: inflow `f`: grounds add up to 0.9"), "{e}");
    let e = err(&format!("{SCENARIO}[inflow.makeup]\nmen = 0.5\nvulnerable = 1.5\n"));
    assert!(e.starts_with("s/scenario.toml:19:1: field `makeup.vulnerable`: inflow `f`: `vulnerable` = 1.5"), "{e}");
}

/// Planner's review of session 24: `Juchitan` for `Juchitán` was an unknown place with no hint (where a
/// misspelt column had one), told at the `itinerary = [` line rather than the entry's own. Here a
/// misspelling within an edit (accents set aside: `suggest`'s tests).
#[test]
fn a_misspelt_place_is_told_at_its_own_line_with_the_place_meant() {
    let caravan = "\n[[caravan]]\nname = \"K\"\ndepart = 2018-10-02\norigin = \"A\"\nsize = 10\nitinerary = [\n  \"C\",\n  \"Oaxacca\",\n]\nspeed_km_per_day = 50.0\nsource = \"t\"\n";
    let locations = LOCATIONS.replace("\nB,", "\nOaxaca,");
    let routes = ROUTES.replace(",B,", ",Oaxaca,").replace("\nB,", "\nOaxaca,");
    let e = load(&format!("{SCENARIO}{caravan}"), &locations, &routes).expect_err("a misspelt place");
    assert!(
        e.starts_with("s/scenario.toml:25:3: field `itinerary`: unknown place `Oaxacca`: it is not in the locations table (did you mean `Oaxaca`?)"),
        "{e}"
    );
    // A name on the key's own line, at its column; no hint for a name nothing is near.
    let e = err(&SCENARIO.replace("goals = { \"C\" = 1.0 }", "goals = { \"Atlantis\" = 1.0 }"));
    assert!(e.starts_with("s/scenario.toml:15:11: field `goals`: unknown place `Atlantis`"), "{e}");
    assert!(!e.contains("did you mean"), "{e}");
}

#[test]
fn observed_queues_must_exist_and_fit_the_metric() {
    let fig = |metric: &str, extra: &str| {
        format!(
            "{SCENARIO}\n[[observed]]\nname = \"q\"\nmetric = \"{metric}\"\n{extra}\ndate = 2018-10-05\nlow = 1\nsource = \"t\"\n"
        )
    };
    let port = "\n[[port]]\nname = \"P\"\ncity = \"C\"\nus_side = \"D\"\nsource = \"t\"\n";
    // Without institutions there is no queue to measure.
    let e = err(&fig("end_count", "queue = \"court\""));
    assert!(e.contains("unknown queue `court`; the scenario's queues: none"), "{e}");
    let s = load(&format!("{}{port}", fig("end_count", "queue = [\"court\", \"waitlist:P\"]")), LOCATIONS, ROUTES)
        .expect("valid");
    assert_eq!(s.observed[0].queues, vec!["court".to_string(), "waitlist:P".to_string()]);
    let e = err(&format!("{}{port}", fig("admitted", "queue = \"waitlist:Q\"")));
    assert!(e.contains("unknown queue `waitlist:Q`; the scenario's queues: waitlist:P, comar"), "{e}");
    let e = err(&fig("joined", ""));
    assert!(e.contains("metric `joined` needs a `queue`"), "{e}");
    let e = err(&fig("arrivals", "queue = \"court\""));
    assert!(e.contains("metric `arrivals` does not take a `queue`"), "{e}");
    let e = err(&fig("end_count", "queue = \"court\"\nplace = \"C\""));
    assert!(e.contains("give either `queue`, or `place` and `statuses`"), "{e}");
}

#[test]
fn observed_caravans_must_exist_and_fit_the_metric() {
    let caravan = "\n[[caravan]]\nname = \"K\"\ndepart = 2018-10-02\norigin = \"A\"\nsize = 10\nitinerary = [\"C\"]\nspeed_km_per_day = 50.0\nsource = \"t\"\n";
    let fig = |metric: &str, extra: &str| {
        format!(
            "{SCENARIO}{caravan}\n[[observed]]\nname = \"q\"\nmetric = \"{metric}\"\n{extra}\ndate = 2018-10-05\nlow = 1\nsource = \"t\"\n"
        )
    };
    let s = load(&fig("end_count", "caravans = \"all\""), LOCATIONS, ROUTES).expect("valid");
    assert_eq!(s.observed[0].caravans, Some(vec![0]));
    let s = load(&fig("arrivals", "caravans = [\"K\"]"), LOCATIONS, ROUTES).expect("valid");
    assert_eq!(s.observed[0].caravans, Some(vec![0]));
    let e = err(&fig("end_count", "caravans = \"L\""));
    assert!(e.contains("unknown caravan `L`") && e.contains("caravans"), "{e}");
    // The error names the file and the figure's line.
    assert!(e.contains("scenario.toml:"), "{e}");
    let e = err(&fig("entries", "caravans = \"all\""));
    assert!(e.contains("`caravans` counts members at places"), "{e}");
}

/// Scenario-author review of session 13: each of these ran, silently giving wrong results.
#[test]
fn session_13_inputs_that_ran_wrongly_are_errors() {
    let port = |city: &str, us: &str| {
        format!("\n[[port]]\nname = \"P\"\ncity = \"{city}\"\nus_side = \"{us}\"\nsource = \"t\"\n")
    };
    // A port's US side in Mexico (people released there), or its city not a border city.
    let e = err(&format!("{SCENARIO}{}", port("C", "C")));
    assert!(e.contains("field `us_side`") && e.contains("`C` is not a destination place"), "{e}");
    let e = err(&format!("{SCENARIO}{}", port("B", "D")));
    assert!(e.contains("field `city`") && e.contains("`B` is not a border_city place"), "{e}");
    // people_per_agent wrapped round modulo 2^32 (4294967297 ran as 1).
    let e = err(&SCENARIO.replace("end = 2018-10-31", "end = 2018-10-31\npeople_per_agent = 4294967297"));
    assert!(e.contains("field `people_per_agent`") && e.contains("from 1 to 4294967295"), "{e}");
    // Two detention centres, caravans or observed figures of one name.
    let det = "\n[[detention]]\nname = \"D1\"\nplace = \"B\"\ncapacity = 5\nsource = \"t\"\n";
    let e = err(&format!("{SCENARIO}{}{det}{det}", port("C", "D")));
    assert!(e.contains("another [[detention]] is named `D1`"), "{e}");
    let k = "\n[[caravan]]\nname = \"K\"\ndepart = 2018-10-02\norigin = \"A\"\nsize = 10\nitinerary = [\"C\"]\nspeed_km_per_day = 50.0\nsource = \"t\"\n";
    let e = err(&format!("{SCENARIO}{k}{k}"));
    assert!(e.contains("another [[caravan]] is named `K`"), "{e}");
    let o = "\n[[observed]]\nname = \"q\"\nmetric = \"arrivals\"\nplace = \"C\"\ndate = 2018-10-05\nlow = 1\nsource = \"t\"\n";
    let e = err(&format!("{SCENARIO}{o}{o}"));
    assert!(e.contains("another [[observed]] figure is named `q`"), "{e}");
    // An endless caravan speed; a 0 km road.
    let e = err(&format!("{SCENARIO}{}", k.replace("50.0", "inf")));
    assert!(e.contains("field `speed_km_per_day`"), "{e}");
    let e = load(SCENARIO, LOCATIONS, &ROUTES.replace("A,B,100", "A,B,0")).expect_err("0 km");
    assert!(e.contains("routes.csv:2") && e.contains("field `distance`: 0 km"), "{e}");
    // true for a number; a policy whose exclusive end is its start.
    let policy = |value: &str, to: &str| {
        format!(
            "{SCENARIO}{}\n[[policy]]\nparameter = \"metering.capacity_per_day\"\nfrom = 2018-10-05\n{to}value = {value}\nsource = \"t\"\n",
            port("C", "D")
        )
    };
    let e = err(&policy("true", ""));
    assert!(e.contains("field `value`") && e.contains("is a number"), "{e}");
    let e = err(&policy("5", "to = 2018-10-05\n"));
    assert!(e.contains("field `to`") && e.contains("never apply"), "{e}");
    load(&policy("5", "to = 2018-10-06\n"), LOCATIONS, ROUTES).expect("a one-day policy");
    // A date of the wrong type says so in the user's terms (not "untagged enum RawDate").
    let e = err(&policy("5", "").replace("from = 2018-10-05", "from = 20181005"));
    assert!(e.contains("expected a date as YYYY-MM-DD, found `20181005`"), "{e}");
    // A checkpoint or hazard on a road that does not exist (nobody would ever pass it).
    let det = "\n[[detention]]\nname = \"D1\"\nplace = \"B\"\ncapacity = 5\nsource = \"t\"\n";
    let chk = |route: &str| {
        format!("{SCENARIO}{det}\n[[checkpoint]]\nname = \"K\"\nroute = {route}\napprehension = 0.1\ndetention = \"D1\"\nsource = \"t\"\n")
    };
    let e = err(&chk("[\"A\", \"C\"]"));
    assert!(e.contains("field `route`") && e.contains("no road joins `A` and `C`"), "{e}");
    load(&chk("[\"C\", \"B\"]"), LOCATIONS, ROUTES).expect("a road, either way round");
    let e = err(&format!("{SCENARIO}\n[[hazard]]\nroute = [\"A\", \"D\"]\nviolence = 0.1\nsource = \"t\"\n"));
    assert!(e.contains("no road joins `A` and `D`"), "{e}");
    // A link closure between places no road joins.
    let with_closures =
        SCENARIO.replace("routes = \"routes.csv\"", "routes = \"routes.csv\"\nclosures = \"closures.csv\"");
    let files =
        |closures: &str| load_with(&with_closures, LOCATIONS, ROUTES, &[("s/closures.csv", closures)]).map(|_| ());
    let head = "#closure_type,name1,name2,closure_start,closure_end\n";
    let e = files(&format!("{head}link,A,C,1,3\n")).expect_err("no road");
    assert!(e.starts_with("s/closures.csv:2:3: field `name2`: no road joins `A` and `C`"), "{e}");
    files(&format!("{head}link,B,A,1,3\n")).expect("a road");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any bytes as a table: an error or a scenario, never a panic.
    #[test]
    fn arbitrary_tables_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = load(SCENARIO, &text, ROUTES);
        let _ = load(SCENARIO, LOCATIONS, &text);
    }

    /// Any text as scenario.toml: an error or a scenario, never a panic.
    #[test]
    fn arbitrary_toml_never_panics(text in "\\PC{0,300}") {
        let _ = load(&text, LOCATIONS, ROUTES);
    }

    /// Any text as FLEE's simsetting.yml: an error or settings, never a panic.
    #[test]
    fn arbitrary_flee_settings_never_panic(text in "\\PC{0,200}", nested in "[a-z_:\n 0-9.,\\[\\]-]{0,120}") {
        let _ = corridor::flee::FleeSettings::from_yaml_str(&text, Path::new("simsetting.yml"));
        let _ = corridor::flee::FleeSettings::from_yaml_str(&format!("move_rules:\n  {nested}"), Path::new("simsetting.yml"));
    }

    /// Any `--set` text, selectors and brackets included, against a scenario that has lists: an error
    /// or a scenario, never a panic (session 15's selectors parse keys with brackets).
    #[test]
    fn arbitrary_overrides_never_panic(
        set in "[a-z0-9_=\\.\\[\\]\"' ]{0,40}",
        list in "(inflow|tables|name|goals|x)",
        field in "(name|origin|to|goals|)",
        value in "[a-zA-Z0-9 .\\[\\]\"=]{0,8}",
        key in "(people_per_day|name|to|goals.C|0|x)",
        new in "[a-z0-9\\[\\]\".-]{0,8}",
    ) {
        let files = [("s/locations.csv", LOCATIONS), ("s/routes.csv", ROUTES)];
        let selector = format!("{list}[{field}={value}].{key}={new}");
        for text in [set, selector] {
            if let Ok(o) = corridor::overrides::Override::parse(&text) {
                let _ = corridor::overrides::parse_with_overrides(Path::new("s/scenario.toml"), SCENARIO, &InMemory(&files), &[o]);
            }
        }
    }

    /// Valid files with one line damaged: still never a panic.
    #[test]
    fn damaged_scenarios_never_panic(line in 0usize..16, junk in "[a-z0-9=\\-\\.\"\\[\\] ]{0,30}") {
        let mut lines: Vec<String> = SCENARIO.lines().map(String::from).collect();
        lines[line] = junk;
        let _ = load(&lines.join("\n"), LOCATIONS, ROUTES);
    }
}

/// Scenario-author review of session 13: a scenario.toml that is not UTF-8 was refused without a line.
#[test]
fn a_scenario_file_that_is_not_utf8_names_the_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scenario.toml");
    std::fs::write(&path, b"name = \"t\"\ndescription = \"caf\xe9\"\n").unwrap();
    let e = corridor::scenario::load_toml(&path).unwrap_err().to_string();
    assert!(e.contains("scenario.toml:2:19: byte 0xe9 is not UTF-8"), "{e}");
}

/// Journalist review (session 14): a miss was sized only against the padded range's bound, and the
/// figure the source reported appeared nowhere. `reported` gives it beside a range.
#[test]
fn an_observed_figure_takes_the_reported_figure_beside_its_range() {
    let o = |tail: &str| {
        format!("{SCENARIO}\n[[observed]]\nname = \"q\"\nmetric = \"arrivals\"\nplace = \"C\"\ndate = 2018-10-05\n{tail}source = \"t\"\n")
    };
    let s = load(&o("low = 3840\nhigh = 5760\nreported = 4800\n"), LOCATIONS, ROUTES).expect("a range with its figure");
    assert_eq!(s.observed[0].reported, Some(4800.0));
    let s = load(&o("value = 12\n"), LOCATIONS, ROUTES).expect("a value");
    assert_eq!(s.observed[0].reported, Some(12.0), "a value is its own reported figure");
    let e = err(&o("value = 12\nreported = 10\n"));
    assert!(e.contains("field `reported`") && e.contains("a `value` is the figure"), "{e}");
    let e = err(&o("low = 1\nhigh = 5\nreported = -3\n"));
    assert!(e.contains("field `reported`") && e.contains("-3 is not a count"), "{e}");
}

/// Session 26: an inflow's `cross_on_arrival` is a share.
#[test]
fn an_inflows_cross_on_arrival_must_be_a_share() {
    let e = err(&SCENARIO.replace("people_per_day = 5.0", "people_per_day = 5.0\ncross_on_arrival = 1.5"));
    assert_eq!(e, "s/scenario.toml:15:1: field `cross_on_arrival`: inflow `f`: 1.5 must be a share from 0 to 1");
    let s = load(
        &SCENARIO.replace("people_per_day = 5.0", "people_per_day = 5.0\ncross_on_arrival = 1"),
        LOCATIONS,
        ROUTES,
    )
    .expect("1 is a share");
    assert_eq!(s.inflows[0].cross_on_arrival, Some(1.0));
    assert_eq!(load(SCENARIO, LOCATIONS, ROUTES).expect("valid").inflows[0].cross_on_arrival, None);
}
