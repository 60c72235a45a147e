//! The settings that keep FLEE's behaviour where corridor departs from it on purpose
//! (docs/flee-compat.md, "Deliberate differences"): each on a world small enough to check by hand,
//! FLEE's behaviour against corridor's.

use crate::common;

use common::record;
use corridor::flee_dir::load_flee;
use corridor::scenario::{
    parse_toml, CapacityCounts, Closure, ClosureTarget, ForcedRedirection, InMemory, Inflow, LinkClosures, PlaceId,
    PlaceKind, Scenario,
};
use corridor::worlds::line_world;
use std::path::{Path, PathBuf};

/// S — H — C, 10 km apart. 15 agents appear at S on day 0; with awareness 2 the only route worth
/// taking is S → H → C (H is foreign and `foreign_weight` is 0, so a stop at H weighs nothing), and
/// at 360 km a day all go the whole way on day 0 unless C is full. C is a camp for 10 agents that
/// nobody leaves; everyone leaves the towns.
fn camp_world(capacity: u64, counts: CapacityCounts) -> Scenario {
    let mut s = line_world(&["S", "H", "C"], 10.0, 2);
    s.period.days = 2;
    s.places[1].country = "Y".into();
    s.places[1].foreign = true;
    s.places[2].kind = PlaceKind::Camp;
    s.places[2].population = capacity;
    s.movement.foreign_weight = 0.0;
    s.movement.camp_movechance = 0.0;
    s.movement.default_movechance = 1.0; // everyone leaves S on day 0
    s.movement.capacity_counts = counts;
    s.inflows.push(Inflow::steady("fifteen", PlaceId(0), 0, 0, 15.0));
    s
}

/// (a) FLEE's order: agents travel one after another and each arrival counts at once, so the 11th
/// finds C full (10 of 10, capacity factor 0 < 0.5) at H and drops its route there: 10 in C, 5 stay
/// at H. The snapshot sees C empty all day: all 15 reach it.
#[test]
fn flee_order_fills_a_camp_to_capacity_snapshot_overfills_it() {
    let flee = record(&camp_world(10, CapacityCounts::FleeOrder), 1, 2);
    assert_eq!((flee.at_place(0, 0), flee.at_place(0, 1), flee.at_place(0, 2)), (0, 5, 10));
    let snap = record(&camp_world(10, CapacityCounts::Snapshot), 1, 2);
    assert_eq!((snap.at_place(0, 0), snap.at_place(0, 1), snap.at_place(0, 2)), (0, 0, 15));
}

/// Where no camp comes near its capacity the two modes agree draw for draw (each agent keeps its own
/// random stream), and FLEE's order gives the same result on any number of threads.
#[test]
fn flee_order_equals_snapshot_below_capacity_and_ignores_threads() {
    let flee = record(&camp_world(1000, CapacityCounts::FleeOrder), 1, 1);
    let snap = record(&camp_world(1000, CapacityCounts::Snapshot), 1, 2);
    assert_eq!(flee.counts, snap.counts);
    assert_eq!(flee.at_place(1, 2), 15);
    let a = record(&camp_world(10, CapacityCounts::FleeOrder), 3, 1);
    let b = record(&camp_world(10, CapacityCounts::FleeOrder), 3, 3);
    assert_eq!(a.counts, b.counts);
}

/// A — B, 10 km; 10 agents appear at A on day 0 and all leave it; B is a camp nobody leaves. One
/// `link` closure from day 0 with (name1, name2) as given.
fn closure_world(names: [&str; 2], closure: (usize, usize), links: LinkClosures) -> Scenario {
    let mut s = line_world(&names, 10.0, 1);
    s.period.days = 1;
    s.places[1].kind = PlaceKind::Camp;
    s.movement.camp_movechance = 0.0;
    s.movement.default_movechance = 1.0;
    s.movement.link_closures = links;
    s.closures.push(Closure {
        target: ClosureTarget::Link(PlaceId(closure.0 as u32), PlaceId(closure.1 as u32)),
        start: 0,
        end: None,
    });
    s.inflows.push(Inflow::steady("ten", PlaceId(0), 0, 0, 10.0));
    s
}

fn reach_b(names: [&str; 2], closure: (usize, usize), links: LinkClosures) -> u64 {
    record(&closure_world(names, closure, links), 1, 2).at_place(0, 1)
}

/// (d) corridor closes both directions. FLEE closes only name2 → name1, and only when its identity
/// comparison of names matches (one-character names): `link,A,B` leaves A → B open, `link,B,A` shuts
/// it, and with the names `Aa`, `Bb` nothing is closed at all.
#[test]
fn flee_link_closures_close_one_direction_of_one_letter_names_only() {
    use LinkClosures::{BothDirections, Flee};
    assert_eq!(reach_b(["A", "B"], (0, 1), BothDirections), 0);
    assert_eq!(reach_b(["A", "B"], (1, 0), BothDirections), 0);
    assert_eq!(reach_b(["A", "B"], (0, 1), Flee), 10, "closes B → A only");
    assert_eq!(reach_b(["A", "B"], (1, 0), Flee), 0, "closes A → B");
    assert_eq!(reach_b(["Aa", "Bb"], (1, 0), Flee), 10, "FLEE matches no multi-letter name");
    assert_eq!(reach_b(["Aa", "Bb"], (1, 0), BothDirections), 0);
}

fn edit(path: PathBuf, f: impl Fn(&str) -> String) {
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, f(&text)).expect("write");
}

/// The `corridor:` section of simsetting.yml chooses the modes; FLEE ignores that top-level key.
/// Without it a FLEE folder uses the snapshot and both-direction closures.
#[test]
fn simsetting_corridor_section_sets_the_modes_and_rejects_mistakes() {
    let tmp = common::copy_flee_reference("tiny_a2f", "fleecompat-modes");
    let dir = tmp.path();
    let plain = load_flee(dir).expect("loads");
    assert_eq!(plain.scenario.movement.capacity_counts, CapacityCounts::Snapshot);
    assert_eq!(plain.scenario.movement.link_closures, LinkClosures::BothDirections);
    let yml = dir.join("simsetting.yml");
    assert_eq!(plain.scenario.movement.forced_redirection, ForcedRedirection::Ignored);
    edit(yml.clone(), |t| {
        format!("{t}corridor:\n  capacity_counts: flee_order\n  link_closures: flee\n  forced_redirection: flee\n")
    });
    let f = load_flee(dir).expect("loads");
    assert_eq!(f.scenario.movement.capacity_counts, CapacityCounts::FleeOrder);
    assert_eq!(f.scenario.movement.link_closures, LinkClosures::Flee);
    assert_eq!(f.scenario.movement.forced_redirection, ForcedRedirection::Flee);
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
    edit(yml.clone(), |t| t.replace("flee_order", "fifo"));
    let e = load_flee(dir).expect_err("bad value").to_string();
    assert!(e.contains("simsetting.yml:5") && e.contains("corridor.capacity_counts"), "{e}");
    edit(yml, |t| t.replace("capacity_counts: fifo", "capacity_count: flee_order"));
    let e = load_flee(dir).expect_err("unknown key").to_string();
    assert!(e.contains("simsetting.yml:5") && e.contains("capacity_count"), "{e}");
}

/// (f) FLEE keeps locations.csv columns after the eighth as attributes: corridor accepts them with a
/// warning naming file, line and column (saying whether FLEE's rules read them); a misspelt known
/// column is still an error.
#[test]
fn extra_location_columns_are_accepted_with_a_warning_misspellings_are_not() {
    let tmp = common::copy_flee_reference("tiny_a2f", "fleecompat-columns");
    let dir = tmp.path();
    let loc = dir.join("input_csv/locations.csv");
    let add = |extra: &'static str| {
        move |t: &str| {
            t.lines()
                .enumerate()
                .map(|(i, l)| if i == 0 { format!("{l},{extra}\n") } else { format!("{l},0,x\n") })
                .collect::<String>()
        }
    };
    let original = std::fs::read_to_string(&loc).expect("read");
    edit(loc.clone(), add("capacity_per_day,notes"));
    let f = load_flee(dir).expect("extra columns load");
    let w = f.warnings.join("\n");
    assert!(
        w.contains("locations.csv:1:9: column `capacity_per_day` is a location attribute FLEE's rules read"),
        "{w}"
    );
    assert!(w.contains("locations.csv:1:10: column `notes` is kept by FLEE"), "{w}");
    std::fs::write(&loc, &original).expect("write");
    edit(loc, add("populaton,notes"));
    let e = load_flee(dir).expect_err("misspelt").to_string();
    assert!(e.contains("locations.csv:1:9") && e.contains("unknown column `populaton`"), "{e}");
}

/// FLEE-order counts run agents one by one: a scenario with groups or institutions is refused,
/// naming the key's line.
#[test]
fn flee_order_refuses_groups_naming_the_line() {
    let toml = r#"name = "t"
start = 2018-10-01
end = 2018-10-31

[tables]
locations = "locations.csv"
routes = "routes.csv"

[movement]
capacity_counts = "flee_order"

[[caravan]]
name = "c"
origin = "A"
depart = 2018-10-02
size = 100
itinerary = ["B"]
speed_km_per_day = 30.0
source = "assumption: test"
"#;
    let locations = "#name,location_type,population\nA,town,10\nB,town,10\n";
    let routes = "#name1,name2,distance\nA,B,100\n";
    let files = [("s/scenario.toml", toml), ("s/locations.csv", locations), ("s/routes.csv", routes)];
    let e = parse_toml(Path::new("s/scenario.toml"), toml, &InMemory(&files)).expect_err("refused").to_string();
    assert!(e.starts_with("s/scenario.toml:10:1: field `movement.capacity_counts`"), "{e}");
    assert!(e.contains("caravans"), "{e}");
    let ok = toml.split("[[caravan]]").next().expect("head");
    let files = [("s/scenario.toml", ok), ("s/locations.csv", locations), ("s/routes.csv", routes)];
    let s = parse_toml(Path::new("s/scenario.toml"), ok, &InMemory(&files)).expect("no groups: accepted");
    assert_eq!(s.movement.capacity_counts, CapacityCounts::FleeOrder);
}

/// B — A — C, 10 km each; 3,000 agents leave A on day 0 for camp B or camp C (equal scores and
/// distances), and stay. A–B has `forced_redirection` 1. corridor ignores the column: B gets half
/// (1,500 ± 27, one standard deviation); FLEE's reader adds A–B twice: B gets two thirds (2,000 ± 26).
#[test]
fn flee_forced_redirection_doubles_the_weight_of_value_1_roads() {
    let arrivals_at_b = |mode: ForcedRedirection| {
        let mut s = line_world(&["B", "A", "C"], 10.0, 1);
        s.period.days = 1;
        for camp in [0, 2] {
            s.places[camp].kind = PlaceKind::Camp;
        }
        s.routes[0].forced_redirection = 1;
        s.movement.camp_movechance = 0.0;
        s.movement.default_movechance = 1.0;
        s.movement.forced_redirection = mode;
        s.inflows.push(Inflow::steady("many", PlaceId(1), 0, 0, 3000.0));
        let r = record(&s, 1, 2);
        assert_eq!(r.at_place(0, 0) + r.at_place(0, 2), 3000, "everyone reached a camp");
        r.at_place(0, 0) as f64
    };
    let ignored = arrivals_at_b(ForcedRedirection::Ignored);
    assert!((ignored - 1500.0).abs() < 4.0 * 27.4, "{ignored}");
    let flee = arrivals_at_b(ForcedRedirection::Flee);
    assert!((flee - 2000.0).abs() < 4.0 * 25.8, "{flee}");
}
