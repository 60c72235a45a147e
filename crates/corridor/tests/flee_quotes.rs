//! Unbalanced quotes in a FLEE folder's CSV files (`"a,"b` for `"a","b"`). FLEE reads every one of
//! them with Python's csv module, which runs the quoted cell and what follows it into one cell and goes
//! on without a word; corridor reads them so too, and says so: a warning at the quote when the folder
//! loads, the quote named first in an error it led to, and no quote named in an error none could
//! have caused.

use crate::common;

use corridor::flee_dir::load_flee;
use std::path::Path;

/// A copy of tiny_a2f (removed when the guard drops) with, in each `(file, from, to)`, `from` replaced
/// by `to` (`from` empty: `to` appended).
fn tiny_with(edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let tmp = common::copy_flee_reference("tiny_a2f", "quotes");
    for (file, from, to) in edits {
        let path = tmp.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(text.contains(from), "{file} has no `{from}`");
        let text = if from.is_empty() { format!("{text}{to}") } else { text.replace(from, to) };
        std::fs::write(&path, text).expect("write");
    }
    tmp
}

fn warnings(dir: &Path) -> Vec<String> {
    load_flee(dir).map(|f| f.warnings).map_err(|e| e.to_string()).expect("the folder loads")
}

fn error(dir: &Path) -> String {
    load_flee(dir).err().map(|e| e.to_string()).expect("the folder is refused")
}

/// Review: sim_period.csv's `"Length,"90` (one cell, `Length,90`, so no `Length` row) ran 0 days with
/// exit 0, the warning saying there was no `Length` row though there is one. FLEE reads it so too (a
/// 0-day run): the warning now names the quote as the likely cause, once.
#[test]
fn a_quote_that_hides_the_length_row_is_named_by_the_period_warning() {
    let tmp = tiny_with(&[("input_csv/sim_period.csv", "Length,90", "\"Length,\"90")]);
    let w = warnings(tmp.path());
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains(
            "sim_period.csv:2:1: no `Length` row is read, so the period is 0 days (FLEE's default), most likely \
             because of this quote: unbalanced quotes: column 1, `\"Length,\"90`"
        ),
        "{w:?}"
    );
    assert!(w[0].ends_with("no day is simulated and out.csv holds only its header, though the camps' day-0 agents are created, as in FLEE"), "{w:?}");
    assert_eq!(load_flee(tmp.path()).unwrap().scenario.period.days, 0);
}

/// Review: data_layout.csv's `"total,"total.csv` (one cell: the row is skipped, as FLEE skips it) and a
/// series row run into one cell (skipped) loaded with no word. A quote that ran cells into one is
/// now warned of at its file, line and column; one that ran nothing together (`"E"x`) is not.
#[test]
fn quotes_that_ran_cells_into_one_are_warned_of_where_the_folder_loads() {
    let tmp = tiny_with(&[
        ("source_data/data_layout.csv", "total,total.csv", "\"total,\"total.csv"),
        ("source_data/E.csv", "2010-01-11,50", "\"2010-01-11,\"50"),
        ("input_csv/locations.csv", "\"E\",\"EF\"", "\"E\",\"EF\"x"),
    ]);
    let w = warnings(tmp.path());
    // The quote's, E.csv's, and (session 33) that the first row read, D's, is taken for the total.
    assert_eq!(w.len(), 3, "{w:?}");
    assert!(w.iter().any(|w| w.contains("data_layout.csv:2: the first series is `D`, not `total`")), "{w:?}");
    let w: Vec<&String> = w.iter().filter(|w| !w.contains("not `total`")).collect();
    assert!(
        w[0].contains(
            "data_layout.csv:1:1: unbalanced quotes: column 1, `\"total,\"total.csv`, closes its quotes at \
             `\"total,\"` and goes on, so it is read as one value, `total,total.csv`, and its row is a cell \
             shorter than written (no column after it to shift)"
        ),
        "{w:?}"
    );
    assert!(w[0].ends_with("; FLEE's reader (Python's csv module) reads it so too and goes on, and so does corridor"));
    assert!(w[1].contains("E.csv:3:1: unbalanced quotes: column 1, `\"2010-01-11,\"50`"), "{w:?}");
    // A quote never closed runs to the end of the file; FLEE reads the rest into its cell too.
    let tmp = tiny_with(&[("source_data/E.csv", "2010-04-01,2000", "2010-04-01,\"2000")]);
    let w = warnings(tmp.path());
    assert!(w.len() == 1 && w[0].contains("E.csv:5:2: unbalanced quotes: column 2, `\"2000\\n`"), "{w:?}");
    assert!(w[0].contains("opens a quote that is never closed, so the rest of the file, to line 5"), "{w:?}");
}

/// FLEE's own folders quote their cells, balanced, or with text after a closing quote that runs no
/// cells together: no warning.
#[test]
fn reference_folders_get_no_quote_warning() {
    for name in ["tiny_a2f", "mali2012"] {
        let w = warnings(&common::flee_reference(name));
        assert!(w.iter().all(|w| !w.contains("unbalanced")), "{name}: {w:?}");
    }
}

/// Review: an error with no line (a row looked for, not found) blamed the file's first misquoted cell,
/// wherever it was and whatever it held: a camp without a row in data_layout.csv was reported as a
/// harmless comment's `"about"x`. Only a quote that ran the name into another cell is named.
#[test]
fn a_missing_row_blames_only_a_quote_that_merged_its_name() {
    let plain = "data_layout.csv: `F`: expected a row for `F`, found none";
    for extra in ["#note,\"about\"x\n", "X,\"X.csv\"x\n", "G,\"F.csv,\"x\n"] {
        let tmp = tiny_with(&[("source_data/data_layout.csv", "F,F.csv\n", extra)]);
        std::fs::copy(tmp.path().join("source_data/F.csv"), tmp.path().join("source_data/X.csvx")).expect("copy");
        std::fs::copy(tmp.path().join("source_data/F.csv"), tmp.path().join("source_data/F.csv,x")).expect("copy");
        let e = error(tmp.path());
        assert!(e.ends_with(plain), "{extra:?}: {e}");
        assert!(!e.contains("unbalanced"), "{extra:?}: {e}");
    }
    let tmp = tiny_with(&[("source_data/data_layout.csv", "F,F.csv", "\"F,\"F.csv")]);
    let e = error(tmp.path());
    assert!(e.contains("data_layout.csv:4: `name`: unbalanced quotes: column 1, `\"F,\"F.csv`"), "{e}");
    assert!(e.ends_with("Read so: `F`: expected a row for `F`, found none"), "{e}");
}

/// docs/flee-compat.md (f): FLEE keeps routes.csv's columns after the fourth as link attributes, and its
/// kernel reads two of them (`Person.finish_travel`, flee.py:312 and 318): `max_move_speed`, a link's
/// speed, and `walk_probability`. corridor applies them as FLEE does, under the names FLEE reads; one
/// named otherwise (`Max_Move_Speed`), which FLEE keeps and never reads, is warned of and ignored.
#[test]
fn link_attributes_apply_as_flee_reads_them() {
    let routes = "input_csv/routes.csv";
    let speeds = |header: &str| {
        let mut edits = vec![(routes, "forced_redirection\n", format!("forced_redirection,{header}\n"))];
        edits.extend(["100,0\n", "200,0\n", "75,0\n"].map(|r| (routes, r, r.replace('\n', ",1\n"))));
        let edits: Vec<(&str, &str, &str)> = edits.iter().map(|(f, a, b)| (*f, *a, b.as_str())).collect();
        let tmp = tiny_with(&edits);
        let f = load_flee(tmp.path()).expect("loads");
        (f.scenario.routes.iter().map(|r| r.max_move_speed).collect::<Vec<_>>(), f.warnings)
    };
    let (read, w) = speeds("max_move_speed");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(&read[..4], [Some(1.0), Some(1.0), Some(1.0), None]);
    let (read, w) = speeds("Max_Move_Speed");
    assert!(read.iter().all(Option::is_none), "{read:?}");
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].ends_with(
            "routes.csv:1:5: column `Max_Move_Speed` is kept by FLEE as a link attribute under that name, and FLEE \
             reads `max_move_speed` only from a column named exactly so; ignored, as in FLEE"
        ),
        "{w:?}"
    );
}

/// Review 2: a link attribute named otherwise than FLEE reads it, said to be ignored, was still parsed
/// under corridor's name (`Max_Move_Speed` of `abc`: "not a number", where FLEE runs), and beside the
/// exact name it was "column appears twice" (FLEE reads the exact one). It is never parsed now.
#[test]
fn a_misnamed_link_attribute_is_not_read_at_all() {
    let routes = "input_csv/routes.csv";
    let tmp = tiny_with(&[
        (routes, "forced_redirection\n", "forced_redirection,Max_Move_Speed, walk_probability\n"),
        (routes, "100,0\n", "100,0,abc,2\n"),
    ]);
    let w = warnings(tmp.path());
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains("routes.csv:1:5: column `Max_Move_Speed` is kept by FLEE"), "{w:?}");
    assert!(w[1].contains("routes.csv:1:6: column ` walk_probability` is kept by FLEE"), "{w:?}");
    let tmp = tiny_with(&[
        (routes, "forced_redirection\n", "forced_redirection,max_move_speed,Max_Move_Speed\n"),
        (routes, "100,0\n", "100,0,2,abc\n"),
    ]);
    let f = load_flee(tmp.path()).expect("loads");
    assert_eq!(f.scenario.routes[0].max_move_speed, Some(2.0));
    assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
    assert!(f.warnings[0].contains("routes.csv:1:6: column `Max_Move_Speed` is kept by FLEE"), "{:?}", f.warnings);
}

/// Review 2: a quote never closed in locations.csv, routes.csv or closures.csv was refused (no column
/// named), where FLEE runs: Python's csv module reads the rest of the file into its cell (routes'
/// last `"0`: `int("0\n")` is 0). It loads, read so, with a warning at the quote; a value then invalid
/// is the usual error, the quote named first. A quote in a `#` row FLEE skips gets no warning.
#[test]
fn a_quote_never_closed_in_a_flee_table_reads_as_python_reads_it() {
    let routes = "input_csv/routes.csv";
    let plain = load_flee(&common::flee_reference("tiny_a2f")).expect("loads");
    let tmp = tiny_with(&[(routes, "\"E\",\"F\",310,0", "\"E\",\"F\",310,\"0")]);
    let f = load_flee(tmp.path()).expect("loads");
    assert_eq!(f.scenario.routes.len(), plain.scenario.routes.len());
    assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
    assert!(
        f.warnings[0]
            .contains("routes.csv:10:4: unbalanced quotes: column 4, `\"0\\n`, opens a quote that is never closed"),
        "{:?}",
        f.warnings
    );
    let tmp = tiny_with(&[(routes, "\"E\",\"F\",310,0", "\"E\",\"F\",310,\"0x")]);
    let e = error(tmp.path());
    assert!(e.contains("routes.csv:10:4: unbalanced quotes: column 4, `\"0x\\n`"), "{e}");
    assert!(e.ends_with("Read so: field `forced_redirection`: `0x` is not a whole number"), "{e}");
    let tmp = tiny_with(&[("input_csv/closures.csv", "", "#note,\"x,\"y\n")]);
    let w = warnings(tmp.path());
    assert!(w.iter().all(|w| !w.contains("unbalanced")), "{w:?}");
}

/// Review 2: an empty `max_move_speed` or `walk_probability` cell ran with the default speed, where
/// FLEE stops (`float("")`) when an agent travels the link: warned of at the cell. A row without the
/// cell (FLEE: no attribute, the default) is not.
#[test]
fn an_empty_link_attribute_cell_is_warned_of() {
    let routes = "input_csv/routes.csv";
    let tmp = tiny_with(&[
        (routes, "forced_redirection\n", "forced_redirection,max_move_speed,walk_probability\n"),
        (routes, "100,0\n", "100,0,,\"\"\n"),
    ]);
    let f = load_flee(tmp.path()).expect("loads");
    assert_eq!((f.scenario.routes[0].max_move_speed, f.scenario.routes[0].walk_probability), (None, None));
    let blank: Vec<&String> = f.warnings.iter().filter(|w| w.contains("an empty cell: FLEE reads it")).collect();
    assert_eq!(blank.len(), 2, "{:?}", f.warnings);
    assert!(blank[0].contains("routes.csv:2:5: field `max_move_speed`"), "{blank:?}");
    assert!(blank[1].contains("routes.csv:2:6: field `walk_probability`"), "{blank:?}");
    let short = tiny_with(&[(routes, "forced_redirection\n", "forced_redirection,max_move_speed\n")]);
    let w = warnings(short.path());
    assert!(!w.iter().any(|w| w.contains("an empty cell")), "{w:?}");
}

/// Review of session 18: a series file named in data_layout.csv's third cell or later whose every
/// row an unbalanced quote ran into one cell (`"2010-01-01,"5`: no dated count) left the row's sum
/// empty, and the error blamed the first file, with no quote; a first file so emptied, with others
/// after it, was an error at data_layout.csv naming no quote either. The file with no dated count
/// is blamed, and its quote named, whichever cell names it (FLEE exits: "Unable to load validation
/// CSV data", or stops in AddCSVTables for an empty first file).
#[test]
fn a_series_file_a_quote_emptied_is_named_whichever_cell_names_it() {
    let merged = "#Date,n\n\"2010-01-01,\"5\n\"2010-01-11,\"7\n";
    for (row, said) in [
        ("D,D.csv,E2.csv", "Read so: expected at least one dated count (FLEE exits: \"Unable to load validation"),
        ("D,D.csv,E.csv,E2.csv", "Read so: expected at least one dated count (FLEE exits"),
        ("D,E2.csv,D.csv", "Read so: expected at least one dated count, to add the other files of"),
        // Review of session 19: a middle file emptied the sum, and the next file's addition blamed the
        // row's first file, which was fine.
        ("D,D.csv,E2.csv,E.csv", "Read so: expected at least one dated count, to add the other files of"),
    ] {
        let tmp = tiny_with(&[("source_data/E2.csv", "", merged), ("source_data/data_layout.csv", "D,D.csv", row)]);
        let e = error(tmp.path());
        let quote = "E2.csv:2: `date`: unbalanced quotes: column 1, `\"2010-01-01,\"5`";
        assert!(e.contains(quote) && e.contains(said), "{row}: {e}");
    }
}
