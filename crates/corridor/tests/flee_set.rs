//! `flee_set::load_flee_with`: a FLEE folder loaded with overrides of its simsetting.yml, which meet
//! the checks the file's own values do; errors say whose lines they name.

use crate::common;

use common::flee_reference;
use corridor::flee::SettingOverride;
use corridor::flee_dir::load_flee;
use corridor::flee_set::{load_flee_with, parse_overrides, FleeSetError};

fn sets(s: &[&str]) -> Vec<SettingOverride> {
    parse_overrides(&s.iter().map(|x| x.to_string()).collect::<Vec<_>>()).expect("KEY=VALUE")
}

#[test]
fn overrides_reach_the_scenario_and_its_description() {
    let mali = flee_reference("mali2012");
    let plain = load_flee(&mali).expect("mali2012 loads");
    let same = load_flee_with(&mali, &[]).expect("no overrides");
    assert_eq!(format!("{:?}", same.scenario), format!("{:?}", plain.scenario));
    let o = sets(&["move_rules.max_move_speed=150", "corridor.link_closures=flee", "optimisations.hasten=20"]);
    let f = load_flee_with(&mali, &o).expect("mali2012 with overrides");
    assert_eq!(f.scenario.movement.max_move_speed, 150.0);
    assert_eq!(f.scenario.movement.link_closures, corridor::scenario::LinkClosures::Flee);
    assert_eq!(f.data.settings.optimisations.hasten, 20);
    assert!(f.scenario.prefill.iter().map(|p| p.1).sum::<u64>() < plain.scenario.prefill.iter().map(|p| p.1).sum());
    assert!(f
        .scenario
        .description
        .ends_with(", with move_rules.max_move_speed=150, corridor.link_closures=flee, optimisations.hasten=20"));
}

#[test]
fn errors_say_whose_lines_they_name() {
    let mali = flee_reference("mali2012");
    // A value the file sets: the file's own line, no word of rewriting.
    let e = load_flee_with(&mali, &sets(&["move_rules.camp_weight=-2"])).expect_err("a negative weight");
    assert!(matches!(e, FleeSetError::Invalid { .. }), "{e}");
    // A key the file lacks: told at its override, with the line of its section (session 29).
    let e = load_flee_with(&mali, &sets(&["move_rules.max_move_speed=150", "spawn_rules.nope=1"])).expect_err("nope");
    assert!(matches!(e, FleeSetError::Edit(_)), "{e}");
    assert!(e.to_string().starts_with("override `spawn_rules.nope=1`: `spawn_rules`: unknown key `nope`"), "{e}");
    assert!(e.to_string().contains("; the key goes in `spawn_rules`, at "), "{e}");
    // Two sets of one key the file lacks: the last, whose value is taken, is blamed.
    let e = load_flee_with(&mali, &sets(&["spawn_rules.nope=1", "spawn_rules.nope=2"])).expect_err("nope");
    assert!(e.to_string().starts_with("override `spawn_rules.nope=2`:"), "{e}");
    // A key that leads through a number.
    let e = load_flee_with(&mali, &sets(&["move_rules.max_move_speed.x=1"])).expect_err("through a number");
    assert!(matches!(e, FleeSetError::Edit(_)), "{e}");
    // Warnings that name lines of the settings say whose lines those are when an override added one.
    let f = load_flee_with(&mali, &sets(&["move_rules.fixed_routes=true"])).expect("loads, with a warning");
    assert!(f.warnings[0].contains("as rewritten"), "{:?}", f.warnings);
    assert!(f.warnings.iter().any(|w| w.contains("`move_rules.fixed_routes` is not implemented")), "{:?}", f.warnings);
}

/// FLEE-user review: sets of keys corridor ignores (warned about on the terminal, with no effect on
/// out.csv) were recorded as applied. `ignored_sets` names them, from the keys the settings reader
/// found outside what corridor implements, whatever their value; `use_v1_rules`, applied, is not one.
#[test]
fn sets_of_keys_corridor_ignores_are_told_apart() {
    let mali = flee_reference("mali2012");
    let given: Vec<String> = [
        "move_rules.stay_close_to_home=true",
        "move_rules.max_move_speed=150",
        "spawn_rules.conflict_driven_spawning.spawn_mode=constant",
        "move_rules.use_v1_rules=true",
        "move_rules.avoid_short_stints=false",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let f = load_flee_with(&mali, &parse_overrides(&given).unwrap()).expect("mali2012 with overrides");
    let (applied, ignored) = corridor::flee_set::split_ignored(&f, &given);
    assert_eq!(
        ignored,
        [
            "move_rules.stay_close_to_home=true",
            "spawn_rules.conflict_driven_spawning.spawn_mode=constant",
            "move_rules.avoid_short_stints=false"
        ]
    );
    assert_eq!(applied, ["move_rules.max_move_speed=150", "move_rules.use_v1_rules=true"]);
    // The scenario's description (the report's subtitle) names the sets that took effect only.
    assert!(f.scenario.description.ends_with(", with move_rules.max_move_speed=150, move_rules.use_v1_rules=true"));
    // A mapping set whole is ignored only if every key in it is.
    let whole = |set: &str| {
        let given = vec![set.to_string()];
        let f = load_flee_with(&mali, &parse_overrides(&given).unwrap()).expect("loads");
        corridor::flee_set::ignored_sets(&f, &given)
    };
    assert_eq!(whole("spawn_rules.conflict_driven_spawning={spawn_mode: constant}").len(), 1);
    assert!(whole("move_rules={stay_close_to_home: true, max_move_speed: 150}").is_empty());
}
