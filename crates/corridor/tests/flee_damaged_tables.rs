//! Damaged FLEE input folders, by their shape: unbalanced quotes, missing columns or cells, columns out
//! of order, unfinished rows, bad settings and inputs that are no files: each refused, naming where.

use crate::common;

use common::damaged::{copy_tiny, error_with, load_and_run, warnings_with};
use corridor::flee_dir::load_flee;

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

/// `f`'s result, if it comes within a minute; a failure (not a hung test) if not.
#[cfg(unix)]
fn within_a_minute<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(f()));
    rx.recv_timeout(std::time::Duration::from_secs(60)).expect("no answer within a minute: reading a pipe or device?")
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
        // Within a minute: a read that waits for the pipe's writer fails the test, not hangs it.
        let path = dir.path().to_path_buf();
        let e = within_a_minute(move || corridor::load(&path).expect_err("refused").to_string());
        assert!(e.contains("scenario.toml:") && e.contains("not a regular file") && e.contains(table), "{e}");
    }
    let flee = common::copy_flee_reference("tiny_a2f", "dev-zero");
    let settings = flee.path().join("simsetting.yml");
    std::fs::remove_file(&settings).expect("removed");
    std::os::unix::fs::symlink("/dev/zero", &settings).expect("linked");
    let e = corridor::load(flee.path()).expect_err("refused").to_string();
    assert!(e.contains("simsetting.yml") && e.contains("not a regular file"), "{e}");
}
