//! Damaged FLEE input folders, by their values: counts and periods past the limits (issue 5), fuzzed
//! cells, odd awareness levels; a clear error naming the file or a run, never a panic.

use crate::common;

use std::path::Path;

use common::damaged::{copy_tiny, error_with, load_and_run, warnings_with, FILES};
use corridor::flee_dir::load_flee;
use corridor::population::MAX_AGENTS;
use corridor::Simulation;
use proptest::prelude::*;

/// Cell values a damaged file may hold: empty, signs, huge and tiny numbers, names, dates.
const JUNK: [&str; 30] = [
    "",
    "-1",
    "0",
    "1.5",
    "1e308",
    "-1e308",
    "nan",
    "inf",
    "-inf",
    "1e-320",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999999999",
    "100000000000",
    "A",
    "Z",
    "\"\"",
    "x,y",
    "2010-13-45",
    "2010-01-01",
    "9999-12-31",
    "camp",
    "town",
    "conflict_zone",
    "forwarding_hub",
    "é",
    "#",
    "  ",
];

/// Replaces cell `cell` (modulo the row's cells) of line `line` (modulo the lines) of `file` by `junk`.
fn damage(dir: &Path, file: &str, line: usize, cell: usize, junk: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let i = line % lines.len();
    let sep = if file.ends_with(".yml") { ':' } else { ',' };
    let mut cells: Vec<&str> = lines[i].split(sep).collect();
    let j = cell % cells.len();
    cells[j] = junk;
    let joined = cells.join(if sep == ':' { ": " } else { "," });
    lines[i] = joined;
    std::fs::write(&path, lines.join("\n")).expect("write");
}

#[test]
fn the_undamaged_copy_loads_and_runs() {
    let tmp = copy_tiny();
    load_and_run(tmp.path()).expect("tiny_a2f loads");
}

/// Found by fuzzing `corridor run`: a camp count of 4,294,967,296 made FLEE's data-driven spawning
/// plan 859 million agents (counts are divided by `hasten`, 5 here), and the run was killed for want
/// of memory. A count of a hundred billion (twenty billion agents) is more than a run can hold (agent
/// ids are `u32`s): a clear error.
#[test]
fn issue5_a_camp_count_beyond_the_agent_limit_is_an_error() {
    let msg = error_with("source_data/E.csv", "2010-01-11,50", "2010-01-11,100000000000");
    assert!(msg.contains("data_layout.csv") && msg.contains("`E`"), "{msg}");
    assert!(msg.contains("4294967295"), "{msg}");
    assert!(msg.contains("2010-01-11"), "{msg}");
}

/// Found by fuzzing `corridor run`: a `Length` of 4,294,967,295 days asked for 103 GB of per-day tables.
#[test]
fn issue5_a_period_beyond_the_day_limit_is_an_error() {
    let msg = error_with("input_csv/sim_period.csv", "Length,90", "Length,4294967295");
    assert!(msg.contains("sim_period.csv:2") && msg.contains("Length"), "{msg}");
}

/// FLEE's own burundi input has conflict columns for places not in its locations.csv, all 0: FLEE
/// never looks them up, corridor warns and skips them. A column that would switch a conflict on
/// stops the run (FLEE prints an error and ignores it).
#[test]
fn issue5_a_conflict_column_for_an_unknown_place_is_skipped_while_it_stays_zero() {
    let with_column = |value: &str| {
        let tmp = copy_tiny();
        let path = tmp.path().join("input_csv/conflicts.csv");
        let text = std::fs::read_to_string(&path).expect("read");
        let mut lines = text.lines();
        let mut out = format!("{}, Atlantis\n", lines.next().expect("a header"));
        for (day, line) in lines.enumerate() {
            out.push_str(&format!("{line}, {}\n", if day == 20 { value } else { "0" }));
        }
        std::fs::write(&path, out).expect("write");
        load_flee(tmp.path()).map(|f| f.warnings).map_err(|e| e.to_string())
    };
    let warnings = with_column("0").expect("a column of zeros loads");
    assert!(warnings.iter().any(|w| w.contains("unknown place `Atlantis`") && w.contains("ignored")), "{warnings:?}");
    let e = with_column("1").expect_err("a conflict at an unknown place");
    assert!(e.contains("conflicts.csv:1:9: field `Atlantis`: unknown place `Atlantis`"), "{e}");
}

/// Found by the FLEE-user review: a conflicts.csv with fewer day rows than the period ran to the end
/// with its last row's conflicts held, exit 0 and no word. FLEE reads day t from row t and stops with
/// an IndexError on the first day past the table: the folder is refused at the table's last row.
#[test]
fn a_conflicts_table_shorter_than_the_period_is_an_error() {
    let tmp = copy_tiny();
    let path = tmp.path().join("input_csv/conflicts.csv");
    let text = std::fs::read_to_string(&path).expect("read");
    let short: String = text.lines().take(51).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, short).expect("write");
    let e = load_and_run(tmp.path()).expect_err("50 days of conflicts for a 90-day period");
    assert!(e.contains("conflicts.csv:51: expected a row for each of the 90 days of the period"), "{e}");
    assert!(e.contains("IndexError on day 50"), "{e}");
    // Rows past the period's end are fine (tiny_a2f has 100 for 90 days), and so is exactly one per day.
    let exact: String = text.lines().take(91).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, exact).expect("write");
    load_and_run(tmp.path()).expect("one row per day");
}

/// Found by the FLEE-user review: `Length,0` ran with exit 0 and no word, writing an out.csv of only its
/// header while creating the camps' day-0 agents. FLEE does the same, so it is a warning at the row.
#[test]
fn a_zero_length_period_is_warned_about() {
    let w = warnings_with("input_csv/sim_period.csv", "Length,90", "Length,0").join("\n");
    assert!(w.contains("sim_period.csv:2: `Length` is 0: no day is simulated"), "{w}");
    assert_eq!(w.lines().count(), 1, "{w}");
    let w = warnings_with("input_csv/sim_period.csv", "Length,90", "").join("\n");
    assert!(w.contains("sim_period.csv: no `Length` row, so the period is 0 days"), "{w}");
    assert!(warnings_with("input_csv/sim_period.csv", "Length,90", "Length,89").is_empty());
}

/// Found by the FLEE-user review: `awareness_level: -1` ran as 0, every agent frozen, with no word.
/// FLEE special-cases only 0 and weighs one-hop routes below it, as for 1 (measured on mali2012: the
/// same out.csv as level 1, seed for seed): corridor runs it as 1, with a warning at the line. A level
/// above 4 ran as 4, silently; FLEE weighs longer routes, which corridor does not: an error at the line.
#[test]
fn awareness_levels_outside_0_to_4_run_as_flee_or_are_refused() {
    let with_level = |level: &str| {
        let tmp = copy_tiny();
        let yml = format!("optimisations:\n  hasten: 5\nmove_rules:\n  awareness_level: {level}\n");
        std::fs::write(tmp.path().join("simsetting.yml"), yml).expect("write");
        load_flee(tmp.path()).map_err(|e| e.to_string())
    };
    let f = with_level("-1").expect("a negative level loads");
    assert_eq!(f.scenario.movement.awareness_level, 1);
    let w = f.warnings.join("\n");
    assert!(w.contains("simsetting.yml:4: `move_rules.awareness_level` is -1, below 0"), "{w}");
    for level in ["0", "1", "4"] {
        let f = with_level(level).expect("loads");
        assert!(f.warnings.is_empty(), "{level}: {:?}", f.warnings);
        assert_eq!(f.scenario.movement.awareness_level.to_string(), level);
    }
    let e = with_level("7").expect_err("a level above 4");
    assert!(
        e.contains("simsetting.yml:4: field `move_rules.awareness_level`: `awareness_level` = 7 is above 4"),
        "{e}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// One to three cells damaged anywhere in the folder: an error or a run, never a panic.
    #[test]
    fn damaged_flee_folders_never_panic(
        damages in proptest::collection::vec((0..FILES.len(), 0usize..200, 0usize..10, 0..JUNK.len()), 1..4)
    ) {
        let tmp = copy_tiny();
        for (file, line, cell, junk) in damages {
            damage(tmp.path(), FILES[file], line, cell, JUNK[junk]);
        }
        let _ = load_and_run(tmp.path());
    }
}

/// A scenario built in code past the agent limit (the loaders refuse one from files) stops at once
/// with the reason, before any storage is reserved, instead of wrapping the agents' ids around.
#[test]
#[should_panic(expected = "agents: more than a run holds")]
fn issue5_a_simulation_past_the_agent_limit_panics_at_construction() {
    let s = corridor::worlds::bench_corridor(4, 3, MAX_AGENTS + 1, 2, corridor::worlds::BenchWorkload::Corridor);
    let _ = Simulation::new(&s, 1);
}

/// FLEE user's review of session 24: FLEE's own `conflict_input/NAME` folders, which ship without
/// their source data, stopped at "source_data/data_layout.csv: cannot read file" without saying where
/// it was looked for, nor why, nor how FLEE's run.py is given it.
#[test]
fn an_input_folder_without_source_data_says_where_it_was_looked_for() {
    let flee = common::copy_flee_reference("tiny_a2f", "no-source-data");
    std::fs::remove_dir_all(flee.path().join("source_data")).expect("removed");
    let input = flee.path().join("input_csv");
    for given in [flee.path().to_path_buf(), input.clone()] {
        let e = corridor::load(&given).expect_err("no source data").to_string();
        let layout = flee.path().join("source_data").join("data_layout.csv");
        assert!(e.starts_with(&format!("{}: no such file: FLEE's source data", layout.display())), "{e}");
        assert!(e.contains(&format!("beside the input folder {}", input.display())), "{e}");
        assert!(e.contains("conflict_validation/NAME... folder as source_data/"), "{e}");
    }
}

/// FLEE user's review of session 24: FLEE's DFlee folders set a key twice, which FLEE's reader takes
/// (the last value wins) and corridor refused, saying so. Session 34's review: refusing FLEE's own
/// folders is no way to read them; the last value holds, as in FLEE, with a warning at its line.
#[test]
fn a_key_set_twice_in_simsetting_yml_keeps_its_last_value_with_a_warning() {
    let flee = common::copy_flee_reference("tiny_a2f", "yaml-twice");
    let settings = flee.path().join("simsetting.yml");
    std::fs::write(&settings, "move_rules:\n  max_move_speed: 200\n  max_move_speed: 300\n").expect("written");
    let f = corridor::flee_dir::load_flee(flee.path()).expect("loads, as FLEE does");
    assert_eq!(f.scenario.movement.max_move_speed, 300.0);
    let said = format!("{}:3: `move_rules.max_move_speed` is set again here", settings.display());
    assert!(f.warnings.iter().any(|w| w.starts_with(&said) && w.contains("PyYAML")), "{:?}", f.warnings);
}

/// FLEE user's review of session 24: a location type FLEE cannot parse either (`kamp`) was refused
/// without saying what FLEE does with it or which words FLEE reads.
#[test]
fn an_unknown_location_type_says_what_flee_reads() {
    let flee = common::copy_flee_reference("tiny_a2f", "kamp");
    let locations = flee.path().join("input_csv").join("locations.csv");
    let text = std::fs::read_to_string(&locations).expect("locations.csv");
    let camp = text.lines().position(|l| l.contains(",\"camp\",")).expect("a camp");
    let damaged = text.replacen(",\"camp\",", ",\"kamp\",", 1);
    std::fs::write(&locations, damaged).expect("written");
    let e = corridor::load(flee.path()).expect_err("kamp").to_string();
    assert!(e.contains(&format!("locations.csv:{}:", camp + 1)) && e.contains("unknown location type `kamp`"), "{e}");
    assert!(e.contains("FLEE cannot parse it either") && e.contains("`camp` (with `idp`), `conflict`"), "{e}");
}

/// FLEE user's review of session 24: a camp typed `destination` (corridor's own type) in a FLEE folder
/// left out.csv without a word; FLEE cannot parse the type.
#[test]
fn corridors_own_location_types_in_a_flee_folder_are_warned_of() {
    let flee = common::copy_flee_reference("tiny_a2f", "own-kind");
    let locations = flee.path().join("input_csv").join("locations.csv");
    let text = std::fs::read_to_string(&locations).expect("locations.csv");
    assert!(load_flee(flee.path()).expect("loads").warnings.iter().all(|w| !w.contains("corridor's own type")));
    let camp = text.lines().position(|l| l.contains(",\"camp\",")).expect("a camp");
    std::fs::write(&locations, text.replacen(",\"camp\",", ",\"destination\",", 1)).expect("written");
    let warnings = load_flee(flee.path()).expect("loads").warnings;
    let w: Vec<&String> = warnings.iter().filter(|w| w.contains("corridor's own type `destination`")).collect();
    assert_eq!(w.len(), 1, "{warnings:?}");
    assert!(w[0].contains(&format!("locations.csv:{}: field `location_type`", camp + 1)), "{w:?}");
    assert!(w[0].contains("FLEE cannot parse it"), "{w:?}");
}

/// FLEE user's review of session 24: a key of another section (`max_move_speed` at the top level, or
/// `movement`, scenario.toml's section) was "unknown" with no word of where it belongs.
#[test]
fn a_setting_in_the_wrong_section_says_where_it_belongs() {
    let flee = common::copy_flee_reference("tiny_a2f", "wrong-section");
    let settings = flee.path().join("simsetting.yml");
    for (text, hint) in [
        ("max_move_speed: 150\n", "it belongs in another section: `move_rules.max_move_speed`"),
        ("spawn_rules:\n  max_move_speed: 150\n", "it belongs in another section: `move_rules.max_move_speed`"),
        ("movement:\n  max_move_speed: 150\n", "a FLEE folder's movement settings are under `move_rules`"),
    ] {
        std::fs::write(&settings, text).expect("written");
        let e = corridor::load(flee.path()).expect_err("a key out of place").to_string();
        assert!(e.contains(hint), "{text}: {e}");
    }
}
