//! Issue 2 for caravans: a caravan's goal, stops and pauses it cannot reach, pauses dated before it can
//! arrive, caravans under half an agent, and errors at a caravan's own lines and keys.

use crate::common;

use common::{err, load, LOCATIONS, ROUTES, SCENARIO};

/// Found by the scenario-author review (session 13): an inflow sent to a goal no road reaches sat at
/// its origin for the whole run, and a caravan's pause off its road (or listed out of order) was
/// never taken, with the pauses after it, all without a word.
#[test]
fn unreachable_goals_and_pauses_off_the_road_are_errors() {
    let isolated = format!("{LOCATIONS}E,R,Z,18.0,-94.0,destination,,0\n");
    let load_e = |toml: &str| load(toml, &isolated, ROUTES).expect_err("should be rejected");
    let e = load_e(&SCENARIO.replace("goals = { \"C\" = 1.0 }", "goals = { \"C\" = 0.5, \"E\" = 0.5 }"));
    assert!(e.starts_with("s/scenario.toml:15:1: field `goals`: inflow `f`: no road"), "{e}");
    assert!(e.contains("from its origin `A` to its goal `E`"), "{e}");
    let caravan = |itinerary: &str, pauses: &[&str]| {
        let mut k = format!(
            "{SCENARIO}\n[[caravan]]\nname = \"K\"\ndepart = 2018-10-02\norigin = \"A\"\nsize = 10\n\
             itinerary = [{itinerary}]\nspeed_km_per_day = 50.0\nsource = \"t\"\n"
        );
        for p in pauses {
            k.push_str(&format!("[[caravan.pause]]\nplace = \"{p}\"\ndays = 1\n"));
        }
        k
    };
    let e = load_e(&caravan("\"C\", \"E\"", &[]));
    assert!(e.contains("field `itinerary`: caravan `K`: no road in the routes table leads from `C` to `E`"), "{e}");
    let e = load_e(&caravan("\"A\", \"C\"", &[]));
    assert!(e.contains("field `itinerary`: caravan `K`: the itinerary starts at the origin `A`"), "{e}");
    // Out of order: C is reached after B; the error names the second pause's line.
    let e = load_e(&caravan("\"D\"", &["C", "B"]));
    assert!(
        e.starts_with("s/scenario.toml:30:1: field `pause.place`: caravan `K`: the pause at `B` is never taken"),
        "{e}"
    );
    assert!(e.contains("never taken: it is listed after the pause at `C`, which the road reaches later"), "{e}");
    assert!(e.contains("arrives at B, C, D, where it disbands"), "{e}");
    let e = load_e(&caravan("\"C\"", &["D"]));
    assert!(e.contains("the pause at `D` is never taken: `D` is not on the caravan's road"), "{e}");
    assert!(e.contains("arrives at B, C, where"), "{e}");
    let e = load_e(&caravan("\"C\"", &["C"]));
    assert!(e.contains("the pause at `C` is never taken: `C` is where the caravan disbands"), "{e}");
    load(&caravan("\"D\"", &["B", "C"]), &isolated, ROUTES).expect("pauses on the road, in order");
}

/// Found by the planner review (session 14): a caravan moved later with `--set caravan.N.depart=`
/// kept its pauses dated for the old departure, each then lasting a day, without a word (now a
/// warning naming each, `reach::pauses_too_early`: a pause dated no later than the day the caravan can
/// arrive); and a caravan smaller than half an agent ran as a whole agent (4 people as 10; with
/// people_per_agent = 100000, every caravan as 100,000 people), now an error.
#[test]
fn pauses_dated_before_the_caravan_can_arrive_are_named_and_caravans_under_half_an_agent_are_errors() {
    let caravan = |size: u32, until: &str| {
        format!(
            "{SCENARIO}\n[[caravan]]\nname = \"K\"\ndepart = 2018-10-05\norigin = \"A\"\nsize = {size}\n\
             itinerary = [\"C\"]\nspeed_km_per_day = 50.0\nsource = \"t\"\n\
             [[caravan.pause]]\nplace = \"B\"\nuntil = {until}\n"
        )
    };
    // A to B is 100 km: at 50 km a day, the caravan is there on Oct 6.
    let late = |until: &str| {
        let s = load(&caravan(10, until), LOCATIONS, ROUTES).expect("loads, with a warning");
        corridor::scenario::reach::pauses_too_early(&s).iter().map(|w| w.describe(&s).message).collect::<Vec<_>>()
    };
    let w = late("2018-10-03");
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("caravan `K`: the pause at `B` lasts until 2018-10-03, but the caravan cannot be there before 2018-10-06 (leaving 2018-10-05 at 50 km a day"), "{w:?}");
    assert_eq!(late("2018-10-06").len(), 1, "the arrival day");
    assert!(late("2018-10-07").is_empty(), "a pause until the day after the arrival");
    let with_ppa = |text: String| text.replace("end = 2018-10-31", "end = 2018-10-31\npeople_per_agent = 10");
    let e = err(&with_ppa(caravan(4, "2018-10-09")));
    assert!(
        e.contains("field `size`: caravan `K`: 4 people are fewer than half an agent (people_per_agent = 10)"),
        "{e}"
    );
    load(&with_ppa(caravan(5, "2018-10-09")), LOCATIONS, ROUTES).expect("half an agent runs as one");
}

/// Code review (session 14): an error in one `[[caravan]]` named a line of the next caravan (the
/// search for the field's line ran on into it), and a pause's error named the first pause at the same
/// place. Errors now stay within the entry, and name the pause by its place in the list.
#[test]
fn a_caravan_error_names_its_own_lines_when_another_caravan_follows() {
    let caravan = |name: &str, fields: &str, pauses: &[&str]| {
        let mut k = format!(
            "\n[[caravan]]\nname = \"{name}\"\ndepart = 2018-10-02\norigin = \"A\"\nsize = 10\n{fields}\
             speed_km_per_day = 50.0\nsource = \"t\"\n"
        );
        for p in pauses {
            k.push_str(&format!("[[caravan.pause]]\nplace = \"{p}\"\ndays = 1\n"));
        }
        k
    };
    let good = caravan("after", "itinerary = [\"D\"]\n", &[]);
    // Its goal is its origin; it has no itinerary, the caravan after it has one.
    let e = err(&format!("{SCENARIO}{}{good}", caravan("K", "goal = \"A\"\n", &[])));
    assert!(e.starts_with("s/scenario.toml:23:1: field `goal`: caravan `K`: the goal is the origin `A`"), "{e}");
    // An unknown place in the second pause is reported at the second pause's line (review of the
    // session-12-14 change: it named the first pause's).
    let e = err(&format!("{SCENARIO}{}{good}", caravan("K", "itinerary = [\"D\"]\n", &["B", "Nowhere"])));
    assert!(e.starts_with("s/scenario.toml:30:9: field `pause.place`: unknown place `Nowhere`"), "{e}");
    // Two pauses at B: the second is never taken, at its own line.
    let e = err(&format!("{SCENARIO}{}{good}", caravan("K", "itinerary = [\"D\"]\n", &["B", "B"])));
    assert!(
        e.starts_with("s/scenario.toml:30:1: field `pause.place`: caravan `K`: the pause at `B` is never taken"),
        "{e}"
    );
    // A second pause with two ends, at its own line too (review of sessions 14-15: the caravan's).
    let two_ends = caravan("K", "itinerary = [\"D\"]\n", &["B", "C"])
        .replacen("days = 1\n", "days = 1\nuntil = 2018-10-05\n", 2)
        .replacen("days = 1\nuntil = 2018-10-05\n", "days = 1\n", 1);
    let e = err(&format!("{SCENARIO}{two_ends}{good}"));
    assert!(
        e.starts_with("s/scenario.toml:30:1: field `pause`: caravan `K`: pause at `C` needs exactly one of"),
        "{e}"
    );
}

/// Planner's review of session 24: `days = 6.5` in a caravan's pause was told as field `days`, where
/// the loader's own messages name it `pause.days`; a caravan's or inflow's make-up, `makeup.KEY`.
#[test]
fn a_key_of_a_caravans_pause_or_make_up_is_named_with_its_table() {
    let caravan = |pause: &str| {
        format!(
            "{SCENARIO}\n[[caravan]]\nname = \"K\"\ndepart = 2018-10-05\norigin = \"A\"\nsize = 10\n\
             itinerary = [\"C\"]\nspeed_km_per_day = 50.0\nsource = \"t\"\n\
             [[caravan.pause]]\nplace = \"B\"\n{pause}\n"
        )
    };
    let e = err(&caravan("days = 6.5"));
    assert!(e.starts_with("s/scenario.toml:28:8: field `pause.days`: invalid type: floating point `6.5`"), "{e}");
    let e = err(&format!("{SCENARIO}[inflow.makeup]\nmen = \"half\"\n"));
    assert_eq!(e, "s/scenario.toml:18:7: field `makeup.men`: invalid type: string \"half\", expected a number");
    // A key under a list's own header keeps its name.
    let e = err(&SCENARIO.replace("people_per_day = 5.0", "people_per_day = \"five\""));
    assert_eq!(e, "s/scenario.toml:14:18: field `people_per_day`: invalid type: string \"five\", expected a number");
}

/// Session 27: a caravan's `[[caravan.split]]` off its road, where the caravan disbands, after a split
/// further on, bound for a goal no road reaches, taking more people than the caravan has, dated
/// outside the period or at a speed of 0, is an error at that split's own line; one dated before the
/// caravan can be there is warned of, as a pause.
#[test]
fn a_caravans_split_it_cannot_take_is_an_error_at_the_splits_line() {
    let isolated = format!("{LOCATIONS}E,R,Z,18.0,-94.0,destination,,0\n");
    // Caravan K leaves A on Oct 2 for C at 50 km a day: its road arrives at B (Oct 3), then C.
    let caravan = |splits: &[(&str, &str)]| {
        let mut k = format!(
            "{SCENARIO}\n[[caravan]]\nname = \"K\"\ndepart = 2018-10-02\norigin = \"A\"\nsize = 10\n\
             itinerary = [\"C\"]\nspeed_km_per_day = 50.0\nsource = \"t\"\n"
        );
        for (place, more) in splits {
            k.push_str(&format!("[[caravan.split]]\nplace = \"{place}\"\nsize = 4\nsource = \"s\"\n{more}"));
        }
        k
    };
    let load_e = |toml: String| load(&toml, &isolated, ROUTES).expect_err("should be rejected");
    let s = load(&caravan(&[("B", "goal = \"D\"\nuntil = 2018-10-05\n")]), &isolated, ROUTES).expect("on the road");
    assert_eq!(s.caravans[0].splits.len(), 1);
    assert!(corridor::scenario::reach::pauses_too_early(&s).is_empty());
    // The first split's lines are 26-29 (and a fifth, 30, when it has more), the second's from 30.
    let e = load_e(caravan(&[("B", ""), ("D", "")]));
    assert!(
        e.starts_with("s/scenario.toml:31:1: field `split.place`: caravan `K`: the split at `D` is never taken: `D` is not on the caravan's road, which arrives at B, C"),
        "{e}"
    );
    let e = load_e(caravan(&[("C", "")]));
    assert!(e.contains("the split at `C` is never taken: `C` is where the caravan disbands"), "{e}");
    let e = load_e(caravan(&[("B", ""), ("A", "")]));
    assert!(
        e.contains("the split at `A` is never taken: `A` is the caravan's origin, which it does not arrive at"),
        "{e}"
    );
    let e = load_e(caravan(&[("B", "goal = \"E\"\n")]));
    assert!(
        e.starts_with("s/scenario.toml:30:1: field `split.goal`: caravan `K`: the split at `B`: no road in the routes table leads from there to its goal `E`"),
        "{e}"
    );
    let e = load_e(caravan(&[("B", "speed_km_per_day = 0.0\n")]));
    assert!(e.contains("field `split.speed_km_per_day`: caravan `K`: split at `B`: 0 must be a number > 0"), "{e}");
    // Its own place as its goal: its members stay there.
    load(&caravan(&[("B", "goal = \"B\"\n")]), &isolated, ROUTES).expect("a split that stays");
    let e = load_e(caravan(&[("B", ""), ("B", ""), ("B", "")]));
    assert!(
        e.starts_with("s/scenario.toml:36:1: field `split.size`: caravan `K`: split at `B`: the splits up to this one take 12 people, more than the caravan's 10"),
        "{e}"
    );
    // With joiners the caravan has more to split (review of session 27): 12 of 10 + 5 who join at B.
    let joined =
        "[[caravan.join]]\nplace = \"B\"\nsize = 5\nsource = \"s\"\n[[caravan.pause]]\nplace = \"B\"\ndays = 0\n";
    load(&(caravan(&[("B", ""), ("B", ""), ("B", "")]) + joined), &isolated, ROUTES).expect("12 of 15");
    let e = load_e(caravan(&[("B", "")]).replace("size = 4", "size = 0"));
    assert!(e.contains("field `split.size`: caravan `K`: split at `B`: size = 0 must be > 0 people"), "{e}");
    let e = load_e(caravan(&[("Nowhere", "")]));
    assert!(e.starts_with("s/scenario.toml:27:9: field `split.place`: unknown place `Nowhere`"), "{e}");
    let e = load_e(caravan(&[("B", "until = 2018-12-05\n")]));
    assert!(
        e.starts_with("s/scenario.toml:30:1: field `split.until`: 2018-12-05 is outside the scenario period"),
        "{e}"
    );
    let e = load_e(caravan(&[("B", "leave = 2018-10-05\n")]));
    assert!(e.contains("unknown field `leave`"), "{e}");
    // Dated for the arrival day: it leaves the next day, with a warning under its `--set` key.
    let early = load(&caravan(&[("B", "until = 2018-10-03\n")]), &isolated, ROUTES).expect("loads, with a warning");
    let w: Vec<_> = corridor::scenario::reach::pauses_too_early(&early).iter().map(|w| w.describe(&early)).collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].set_key(), "caravan.0.split.0.until");
    assert!(
        w[0].message.starts_with(
            "caravan `K`: the split at `B` leaves on 2018-10-03, but the caravan cannot be there before 2018-10-03"
        ),
        "{w:?}"
    );
}

/// Session 27: a caravan's `[[caravan.join]]` off its road, where it disbands, or where it does not
/// pause (people join as it sets out from a pause: its review) is an error at the join's own line, as
/// a split's; its size must be above 0 and at least half an agent.
#[test]
fn a_caravans_join_it_cannot_take_is_an_error_at_the_joins_line() {
    let caravan = |place: &str, size: i64| {
        format!(
            "{SCENARIO}\n[[caravan]]\nname = \"K\"\ndepart = 2018-10-02\norigin = \"A\"\nsize = 10\n\
             itinerary = [\"C\"]\nspeed_km_per_day = 50.0\nsource = \"t\"\n\
             [[caravan.join]]\nplace = \"{place}\"\nsize = {size}\nsource = \"s\"\n\
             [[caravan.pause]]\nplace = \"B\"\ndays = 0\n"
        )
    };
    let s = load(&caravan("B", 5), LOCATIONS, ROUTES).expect("a join where the caravan pauses");
    assert_eq!(
        corridor::engine::spawn::planned_agents(&s),
        10 + 5 + corridor::engine::spawn::planned_agents(&load(SCENARIO, LOCATIONS, ROUTES).unwrap())
    );
    let e = err(&caravan("D", 5));
    assert!(
        e.starts_with("s/scenario.toml:27:1: field `join.place`: caravan `K`: the join at `D` is never taken: `D` is not on the caravan's road, which arrives at B, C"),
        "{e}"
    );
    let e = err(&caravan("C", 5));
    assert!(e.contains("the join at `C` is never taken: `C` is where the caravan disbands"), "{e}");
    let e = err(&caravan("B", 5).replace("[[caravan.pause]]\nplace = \"B\"\ndays = 0\n", ""));
    assert!(e.contains("the join at `B` is never taken: the caravan passes `B` without a pause"), "{e}");
    let e = err(&caravan("A", 5));
    assert!(
        e.contains("the join at `A` is never taken: `A` is the caravan's origin, which it does not arrive at"),
        "{e}"
    );
    let e = err(&caravan("B", 0));
    assert!(
        e.starts_with("s/scenario.toml:28:1: field `join.size`: caravan `K`: join at `B`: size = 0 must be > 0 people"),
        "{e}"
    );
    let with_ppa = caravan("B", 4).replace("end = 2018-10-31", "end = 2018-10-31\npeople_per_agent = 10");
    let e = err(&with_ppa);
    assert!(e.contains("field `join.size`: caravan `K`: join at `B`: 4 people are fewer than half an agent"), "{e}");
}
