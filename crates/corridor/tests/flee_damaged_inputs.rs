//! Damaged FLEE input folders: a clear error naming the file, or a scenario that runs, never a panic
//! or an allocation the machine cannot make (issue 5: `corridor run DIR` loads FLEE's folders).

mod common;

use std::path::Path;

use corridor::flee_dir::load_flee;
use corridor::population::MAX_AGENTS;
use corridor::time::MAX_DAYS;
use corridor::Simulation;
use proptest::prelude::*;

/// tiny_a2f's input files, as paths inside its folder.
const FILES: [&str; 9] = [
    "input_csv/locations.csv",
    "input_csv/routes.csv",
    "input_csv/sim_period.csv",
    "input_csv/conflicts.csv",
    "input_csv/closures.csv",
    "source_data/data_layout.csv",
    "source_data/E.csv",
    "source_data/total.csv",
    "simsetting.yml",
];

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

/// A copy of tiny_a2f's inputs in a temporary folder (removed when the guard drops).
fn copy_tiny() -> tempfile::TempDir {
    let src = common::flee_reference("tiny_a2f");
    let tmp = tempfile::Builder::new().prefix("corridor-damaged-").tempdir().expect("temp dir");
    for file in FILES.iter().copied().chain(["source_data/D.csv", "source_data/F.csv"]) {
        let to = tmp.path().join(file);
        std::fs::create_dir_all(to.parent().expect("a parent")).expect("folder");
        std::fs::copy(src.join(file), to).expect("copy");
    }
    tmp
}

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

/// Loads `dir`; when it loads, checks the limits and runs its first days.
fn load_and_run(dir: &Path) -> Result<(), String> {
    let flee = load_flee(dir).map_err(|e| e.to_string())?;
    let s = &flee.scenario;
    assert!(s.period.days <= MAX_DAYS, "a period of {} days loaded", s.period.days);
    let planned = corridor::engine::spawn::planned_agents(s);
    assert!(planned <= MAX_AGENTS, "{planned} agents loaded");
    // Millions of agents are a valid (if slow) scenario: run only the small ones.
    if planned <= 100_000 {
        let mut sim = Simulation::new(s, 1);
        for _ in 0..s.period.days.min(12) {
            sim.step();
        }
    }
    Ok(())
}

/// The error from tiny_a2f with `from` replaced by `to` in `file`.
fn error_with(file: &str, from: &str, to: &str) -> String {
    let tmp = copy_tiny();
    let path = tmp.path().join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replace(from, to)).expect("write");
    load_and_run(tmp.path()).expect_err("the damaged folder should be refused")
}

/// The warnings of tiny_a2f with `from` replaced by `to` in `file` (the folder must load and run).
fn warnings_with(file: &str, from: &str, to: &str) -> Vec<String> {
    let tmp = copy_tiny();
    let path = tmp.path().join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replace(from, to)).expect("write");
    load_and_run(tmp.path()).expect("the folder loads and runs");
    load_flee(tmp.path()).expect("loads").warnings
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

/// Found by the FLEE-user review: a routes.csv of only its header ran with exit 0 and no word, no
/// agent ever moving (FLEE runs too, printing an empty-route warning per agent and day). One warning
/// says so; the camps it leaves unreached are not listed one by one.
#[test]
fn a_routes_table_without_routes_is_warned_about() {
    let w = warnings_with("input_csv/routes.csv", "\"A\",\"B\",100,0\n", "").join("\n");
    assert!(w.is_empty(), "one route fewer, every camp still reached: {w}");
    let tmp = copy_tiny();
    std::fs::write(tmp.path().join("input_csv/routes.csv"), "#\"name1\",\"name2\",\"distance\",forced_redirection\n")
        .expect("write");
    load_and_run(tmp.path()).expect("runs, as in FLEE");
    let w = load_flee(tmp.path()).expect("loads").warnings;
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].ends_with("routes.csv: no route below the header: no agent can move and no camp can be reached (FLEE runs such a folder too, warning of an empty route for every agent every day)"), "{w:?}");
}

/// Found by the FLEE-user review: a camp left without routes (mali2012's Mentao) ran with exit 0 and no
/// word, its column of out.csv at 0 while its data rose (FLEE's own car input has one: Bili). Each camp
/// that no route joins to where agents appear gets a warning at its line of locations.csv.
#[test]
fn a_camp_no_route_reaches_is_warned_about() {
    let tmp = copy_tiny();
    let path = tmp.path().join("input_csv/routes.csv");
    let text = std::fs::read_to_string(&path).expect("read");
    let cut: String = text.lines().filter(|l| !l.contains("\"F\"")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, cut).expect("write");
    load_and_run(tmp.path()).expect("runs, as in FLEE");
    let w = load_flee(tmp.path()).expect("loads").warnings;
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("locations.csv:8: camp `F`: no route joins it to a place agents appear at"), "{w:?}");
    // E and F joined only to each other: F is reached by E's day-0 agent (6 / hasten 5 = 1); E, with no
    // other camp's agents or conflict zone in reach, is not.
    let (e, f) = ("\"E\"", "\"F\"");
    let pair: String = text
        .lines()
        .filter(|l| (l.contains(e) && l.contains(f)) || !(l.contains(e) || l.contains(f)))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, pair).expect("write");
    let w = load_flee(tmp.path()).expect("loads").warnings;
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("locations.csv:7: camp `E`: no route joins it"), "{w:?}");
}

/// Found by the FLEE-user review: a conflict_date past the period's end (400 for 300 days) ran with no
/// word, the user expecting no conflict there. FLEE's run.py takes conflicts' days from conflicts.csv
/// (conflict_date > 0 only makes the place start as a town), as corridor does: the warning says when, if
/// ever, conflicts.csv starts the conflict.
#[test]
fn a_conflict_date_past_the_period_is_warned_about() {
    let b = "\"B\",\"AB\",\"ABC\",1.0,1.0,\"conflict_zone\",";
    let w = warnings_with("input_csv/locations.csv", &format!("{b}10,"), &format!("{b}90,")).join("\n");
    assert!(w.contains("locations.csv:3: field `conflict_date`: 90 is past the period's last day (89): conflicts.csv starts a conflict there on day 0 all the same"), "{w}");
    assert_eq!(w.lines().count(), 1, "{w}");
    assert!(warnings_with("input_csv/locations.csv", &format!("{b}10,"), &format!("{b}89,")).is_empty());
    // No conflict in conflicts.csv either: a town throughout.
    let tmp = copy_tiny();
    let loc = tmp.path().join("input_csv/locations.csv");
    let text = std::fs::read_to_string(&loc).expect("read");
    std::fs::write(&loc, text.replace(&format!("{b}10,"), &format!("{b}400,"))).expect("write");
    let conflicts = tmp.path().join("input_csv/conflicts.csv");
    let text = std::fs::read_to_string(&conflicts).expect("read");
    let zeroed: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut cells: Vec<&str> = l.split(',').collect();
            if i > 0 {
                // A stays in conflict throughout, so that the day's agents have a place to appear.
                (cells[1], cells[2]) = (" 1", " 0");
            }
            format!("{}\n", cells.join(","))
        })
        .collect();
    std::fs::write(&conflicts, zeroed).expect("write");
    let w = load_flee(tmp.path()).expect("loads").warnings.join("\n");
    assert!(w.contains("locations.csv:3: field `conflict_date`: 400 is past the period's last day (89): conflicts.csv starts no conflict there in the period either: `B` is a town throughout"), "{w}");
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

/// Found by the FLEE-user review (session 13): FLEE compares closures.csv's names as written, so a
/// padded ` ABC` matches no country and FLEE ignores the row; corridor trims it and closes the border.
/// The difference now gets a warning at the padded cell, and a clean row gets none.
#[test]
fn issue5_a_padded_closure_name_is_applied_with_a_warning() {
    let closures = "input_csv/closures.csv";
    let padded = warnings_with(closures, "country,ABC,DEF", "country, ABC,DEF ");
    let at = |column: &str| {
        padded.iter().filter(|w| w.contains(column) && w.contains("FLEE compares it as written")).count()
    };
    assert_eq!((at("closures.csv:2:2: field `name1`"), at("closures.csv:2:3: field `name2`")), (1, 1), "{padded:?}");
    let clean = warnings_with(closures, "country,ABC,DEF", "country,ABC,DEF");
    assert!(!clean.iter().any(|w| w.contains("as written")), "{clean:?}");
}

/// User review: a locations.csv row with an unbalanced quote, `"B,"AB",…` for `"B","AB",…`, was
/// reported as "field `location_type`: unknown location type `0`": the right line, but the wrong
/// field and cause (the reader takes `"B,"AB"` as one value, and the columns after it move left). The
/// error now names the quote, with the field error it led to.
#[test]
fn an_unbalanced_quote_in_locations_is_reported_as_such() {
    let e = error_with("input_csv/locations.csv", "\"B\",\"AB\"", "\"B,\"AB\"");
    assert!(
        e.contains(
            "input_csv/locations.csv:3:1: unbalanced quotes: column 1, `\"B,\"AB\"`, closes its quotes at `\"B,\"`"
        ),
        "{e}"
    );
    assert!(e.contains("read as one value, `B,AB\"`"), "{e}");
    // The shifted row is one cell short of FLEE's eight.
    assert!(e.contains("Read so: field `population`: missing: the row has 7 cells"), "{e}");
    // Text after a closing quote is read (as FLEE's Python reader does); only an error explains it.
    let w = warnings_with("input_csv/locations.csv", "\"C\",\"C\",\"ABC\"", "\"C\" ,\"C\",\"ABC\"");
    assert!(w.iter().all(|w| !w.contains("quote")), "{w:?}");
}

/// User review: a conflicts.csv name changed by an unbalanced quote (`"A"x`, read as `Ax`) was
/// reported as an unknown place, not as the quote.
#[test]
fn an_unbalanced_quote_in_a_conflicts_name_is_reported_as_such() {
    let e = error_with("input_csv/conflicts.csv", "#Day, A,", "#Day,\"A\"x,");
    assert!(e.contains("conflicts.csv:1:2: unbalanced quotes: column 2, `\"A\"x`"), "{e}");
    assert!(e.contains("Read so: field `Ax`: unknown place `Ax`"), "{e}");
}

/// Found by the FLEE-user review: a locations.csv without its `conflict_date` column loaded (every late
/// conflict zone then started on day 0), and one without `population` left every camp without its
/// capacity. FLEE reads the first eight columns of every row by position: each is required.
#[test]
fn a_locations_table_without_one_of_flee_s_eight_columns_is_an_error() {
    let drop_column = |k: usize| {
        let tmp = copy_tiny();
        let path = tmp.path().join("input_csv/locations.csv");
        let text = std::fs::read_to_string(&path).expect("read");
        let out: String = text
            .lines()
            .map(|l| {
                let mut cells: Vec<&str> = l.split(',').collect();
                cells.remove(k);
                format!("{}\n", cells.join(","))
            })
            .collect();
        std::fs::write(&path, out).expect("write");
        load_and_run(tmp.path()).expect_err("a FLEE column is missing")
    };
    let e = drop_column(6);
    assert!(e.contains("locations.csv:1: missing required column `conflict_date`"), "{e}");
    assert!(e.contains("by position"), "{e}");
    let e = drop_column(7);
    assert!(e.contains("locations.csv:1: missing required column `population`"), "{e}");
}

/// Found by the FLEE-user review: a locations row of 6 cells was accepted (FLEE stops with an
/// IndexError on it), and so was a routes row with a fifth value under no header (FLEE stores it as
/// an attribute named by the header, and stops).
#[test]
fn a_flee_row_short_of_cells_or_past_the_header_is_an_error() {
    let e = error_with(
        "input_csv/locations.csv",
        "\"B\",\"AB\",\"ABC\",1.0,1.0,\"conflict_zone\",10,1000000000",
        "\"B\",\"AB\",\"ABC\",1.0,1.0,\"conflict_zone\"",
    );
    assert!(e.contains("locations.csv:3:7: field `conflict_date`: missing: the row has 6 cells"), "{e}");
    let e = error_with(
        "input_csv/locations.csv",
        "\"B\",\"AB\",\"ABC\",1.0,1.0,\"conflict_zone\",10,1000000000",
        "\"B\",\"AB\",\"ABC\",1.0,1.0,\"conflict_zone\",10,1000000000,x",
    );
    assert!(e.contains("locations.csv:3:9: this row has 9 cells, more than the header's 8 columns"), "{e}");
    let e = error_with("input_csv/routes.csv", "\"A\",\"B\",100,0", "\"A\",\"B\",100,0,7");
    assert!(e.contains("routes.csv:2:5: this row has 5 cells, more than the header's 4 columns"), "{e}");
    let e = error_with("input_csv/routes.csv", "\"A\",\"B\",100,0", "\"A\",\"B\"");
    assert!(e.contains("routes.csv:2:3: field `distance`: missing: the row has 2 cells"), "{e}");
    // FLEE's `forced_redirection` is read only when the row has it (its car input has rows without).
    let w = warnings_with("input_csv/routes.csv", "\"A\",\"B\",100,0", "\"A\",\"B\",100");
    assert!(w.is_empty(), "{w:?}");
}

/// Found by the FLEE-user review: `country,ABC,DEF,5` (no end) was read as "never reopens"; FLEE reads
/// the end as `int(link[4])` and stops on a missing or empty cell. A value past the fifth FLEE ignores:
/// a warning.
#[test]
fn a_flee_closure_without_its_end_is_an_error() {
    let e = error_with("input_csv/closures.csv", "country,ABC,DEF,5,8", "country,ABC,DEF,5");
    assert!(e.contains("closures.csv:2:5: field `closure_end`: missing: the row has 4 cells"), "{e}");
    let e = error_with("input_csv/closures.csv", "country,ABC,DEF,5,8", "country,ABC,DEF,5,");
    assert!(e.contains("closures.csv:2:5: field `closure_end`: is empty"), "{e}");
    let e = error_with("input_csv/closures.csv", ",closure_end", "");
    assert!(e.contains("closures.csv:1: missing required column `closure_end`"), "{e}");
    let w = warnings_with("input_csv/closures.csv", "country,ABC,DEF,5,8", "country,ABC,DEF,5,8,9").join("\n");
    assert!(w.contains("closures.csv:2:6: a value past the header's columns"), "{w}");
    assert_eq!(w.lines().count(), 1, "{w}");
    // A named column there: FLEE skips the header and ignores the cells, so it loads with a warning.
    let w = warnings_with("input_csv/closures.csv", "closure_end", "closure_end,note").join("\n");
    assert!(w.contains("closures.csv:1:6: column `note` is ignored by FLEE"), "{w}");
}

/// Left by the FLEE-user review: a locations, routes or closures header with FLEE's columns in another
/// order loaded by name, where FLEE reads them by position (here populations as conflict dates).
#[test]
fn flee_columns_out_of_flees_order_are_an_error() {
    let e = error_with("input_csv/locations.csv", r#""conflict_date","population""#, r#""population","conflict_date""#);
    assert!(
        e.contains("locations.csv:1:7: column 7 is `population`, where FLEE reads `conflict_date` by position"),
        "{e}"
    );
    let e = error_with("input_csv/routes.csv", r#""name2","distance""#, r#""distance","name2""#);
    assert!(e.contains("routes.csv:1:2: column 2 is `distance`, where FLEE reads `name2` by position"), "{e}");
    let e = error_with("input_csv/closures.csv", "closure_start,closure_end", "closure_end,closure_start");
    assert!(e.contains("closures.csv:1:4: column 4 is `closure_end`, where FLEE reads `closure_start`"), "{e}");
}

/// Left by the FLEE-user review: a conflict zone without a conflict_date loaded as one from day 0, where
/// FLEE's `int(loc[6])` stops on the empty cell.
#[test]
fn a_flee_conflict_zone_without_a_date_is_an_error() {
    let e = error_with(
        "input_csv/locations.csv",
        r#""A","AB","ABC",1.0,1.0,"conflict_zone",0,"#,
        r#""A","AB","ABC",1.0,1.0,"conflict_zone",,"#,
    );
    assert!(e.contains("locations.csv:2:") && e.contains("field `conflict_date`"), "{e}");
    assert!(e.contains("`A` is a conflict zone without a conflict_date"), "{e}");
}

/// Found by the FLEE-user review: docs/scenario-format.md says a FLEE folder's road of 0 km runs with a
/// warning, but there was none.
#[test]
fn a_flee_road_of_zero_km_is_warned_about() {
    let w = warnings_with("input_csv/routes.csv", "\"A\",\"B\",100,0", "\"A\",\"B\",0,0").join("\n");
    assert!(w.contains("routes.csv:2:3: field `distance`: a road of 0 km"), "{w}");
    assert_eq!(w.lines().count(), 1, "{w}");
}

/// Found by the FLEE-user review: two settings messages named no line, where the others do: the
/// warning for `take_from_population: True` (not even the file) and the error for
/// `flood_zone_spawning_only: True` (beside `conflict_zone_spawning_only`'s default, true).
#[test]
fn spawn_rule_messages_name_the_file_and_line() {
    let with_rule = |rule: &str| {
        let tmp = copy_tiny();
        let yml = format!("optimisations:\n  hasten: 5\nspawn_rules:\n  {rule}: True\n");
        std::fs::write(tmp.path().join("simsetting.yml"), yml).expect("write");
        load_flee(tmp.path()).map_err(|e| e.to_string())
    };
    let w = with_rule("take_from_population").expect("loads").warnings.join("\n");
    assert!(w.contains("simsetting.yml:4: spawn_rules.take_from_population is not implemented"), "{w}");
    let e = with_rule("flood_zone_spawning_only").expect_err("both spawning-only rules true");
    assert!(e.contains("simsetting.yml:4:") && e.contains("spawn_rules.flood_zone_spawning_only"), "{e}");
}

/// Adversarial review of session 22: a table at `/dev/zero` (or a simsetting.yml linked to it) was
/// read until the memory ran out, and a named pipe waited for a writer forever. Both are refused
/// before they are opened, naming the file (for a scenario's table, the scenario.toml line naming it).
#[cfg(unix)]
#[test]
fn a_device_or_named_pipe_for_an_input_is_refused_not_read_forever() {
    let dir = tempfile::tempdir().expect("temp dir");
    let demo = common::repo_root().join("scenarios/demo");
    for f in ["scenario.toml", "locations.csv", "routes.csv"] {
        std::fs::copy(demo.join(f), dir.path().join(f)).expect("copied");
    }
    let toml = dir.path().join("scenario.toml");
    let text = std::fs::read_to_string(&toml).expect("scenario.toml");
    let status = std::process::Command::new("mkfifo").arg(dir.path().join("pipe.csv")).status().expect("mkfifo");
    assert!(status.success());
    for table in ["/dev/zero", "pipe.csv"] {
        let changed = text.replace("routes = \"routes.csv\"", &format!("routes = \"{table}\""));
        assert_ne!(changed, text);
        std::fs::write(&toml, changed).expect("written");
        let e = corridor::load(dir.path()).expect_err("refused").to_string();
        assert!(e.contains("scenario.toml:") && e.contains("not a regular file") && e.contains(table), "{e}");
    }
    let flee = common::copy_flee_reference("tiny_a2f", "dev-zero");
    let settings = flee.path().join("simsetting.yml");
    std::fs::remove_file(&settings).expect("removed");
    std::os::unix::fs::symlink("/dev/zero", &settings).expect("linked");
    let e = corridor::load(flee.path()).expect_err("refused").to_string();
    assert!(e.contains("simsetting.yml") && e.contains("not a regular file"), "{e}");
}

/// Adversarial review of session 22: `location,C,D,…` ran as `location,C,…` without a word, where a
/// `link` closure was most likely meant. FLEE reads only `name1` for a `location`, `camp` or `idpcamp`
/// closure, and so does corridor, with a warning at the `name2` cell (none when it repeats `name1`).
#[test]
fn a_second_place_for_a_location_closure_is_warned_of() {
    let closure = "country,ABC,DEF,5,8";
    let w = warnings_with("input_csv/closures.csv", closure, &format!("{closure}\nlocation,C,D,3,5"));
    assert!(w.iter().any(|w| w.contains("closures.csv:3") && w.contains("FLEE reads only `name1`")), "{w:?}");
    let w = warnings_with("input_csv/closures.csv", closure, &format!("{closure}\nlocation,C,C,3,5"));
    assert!(!w.iter().any(|w| w.contains("reads only `name1`")), "{w:?}");
}
