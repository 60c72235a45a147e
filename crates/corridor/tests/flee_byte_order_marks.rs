//! FLEE folders whose files start with a UTF-8 byte order mark: corridor reads past the mark, FLEE
//! (opening every file as plain UTF-8) reads it into the first cell. Each file is tried in turn.

use crate::common;

use corridor::flee_dir::load_flee;
use std::path::Path;

/// A copy of tiny_a2f (removed when the guard drops) whose `file` starts with a byte order mark, and
/// with `extra` files (path, text) written.
fn tiny_marked(file: &str, extra: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = common::copy_flee_reference("tiny_a2f", "bom");
    for (path, text) in extra {
        std::fs::write(tmp.path().join(path), text).expect("write");
    }
    let path = tmp.path().join(file);
    let text = std::fs::read(&path).expect("the file");
    std::fs::write(&path, [b"\xef\xbb\xbf".as_slice(), &text].concat()).expect("write");
    tmp
}

fn warnings(dir: &Path) -> Vec<String> {
    load_flee(dir).map(|f| f.warnings).map_err(|e| e.to_string()).expect("the folder loads")
}

/// Review of session 18: a byte order mark was read past in silence (only docs/flee-compat.md said
/// so), though FLEE, tried on each file of mali2012, stops on a marked locations, routes, closures,
/// sim_period, registration_corrections or series file. Each of those is warned of, naming the file
/// and what FLEE reads; conflicts.csv (whose first cell FLEE never reads), data_layout.csv's `total`
/// row (never looked up with sum_from_camps, the default) and simsetting.yml (PyYAML drops the mark)
/// run in FLEE as in corridor, and get no warning.
#[test]
fn a_byte_order_mark_is_warned_of_where_flee_reads_it_otherwise() {
    let corrections = [("input_csv/registration_corrections.csv", "\"E\",\"2010-01-11\",\"normalize\"\n")];
    for (file, said) in [
        ("input_csv/locations.csv", "the header's first cell, `\\ufeff#\"name\"`: it does not start with `#`"),
        ("input_csv/routes.csv", "the header's first cell, `\\ufeff#\"name1\"`: it does not start with `#`"),
        ("input_csv/closures.csv", "the header's first cell, `\\ufeff#closure_type`"),
        ("input_csv/sim_period.csv", "the first row's key, `\\ufeffStartDate`: FLEE finds no `StartDate` and stops"),
        ("input_csv/registration_corrections.csv", "the first row's camp name, `\\ufeff\"E\"`: FLEE finds no camp's"),
        ("source_data/D.csv", "the first row's date, `\\ufeff#Date`: FLEE cannot read it as a date and stops"),
    ] {
        let tmp = tiny_marked(file, &corrections);
        let w = warnings(tmp.path());
        let start = format!("{}:1:1: the file starts with a UTF-8 byte order mark", tmp.path().join(file).display());
        assert_eq!(w.len(), 1, "{file}: {w:?}");
        assert!(w[0].starts_with(&start) && w[0].contains(said), "{file}: {w:?}");
        assert!(w[0].ends_with("; corridor reads past the mark"), "{w:?}");
    }
    for file in ["input_csv/conflicts.csv", "source_data/data_layout.csv", "simsetting.yml"] {
        assert_eq!(warnings(tiny_marked(file, &[]).path()), Vec::<String>::new(), "{file}");
    }
    // A series looked up by name (a camp's) is not found by FLEE under the mark.
    let tmp = tiny_marked(
        "source_data/data_layout.csv",
        &[("source_data/data_layout.csv", "D,D.csv\ntotal,total.csv\nE,E.csv\nF,F.csv\n")],
    );
    let w = warnings(tmp.path());
    assert!(w.len() == 3 && w[0].contains("the first row's name, `\\ufeffD`: FLEE finds no series `D`"), "{w:?}");
    // And (session 33) that the first row, D's, is read as the total, and `total` as a camp.
    assert!(w[1].contains("data_layout.csv:1: the first series is `D`, not `total`"), "{w:?}");
    assert!(w[2].contains("data_layout.csv:2: `total` after the first row"), "{w:?}");
}

/// Review of session 19: a marked first row `Length` was said to make FLEE "simulate no day", true
/// only when run.py is given 0 days (its duration argument, when positive, is the days FLEE runs).
#[test]
fn a_marked_length_row_says_flee_runs_the_days_run_py_is_given() {
    let period = [("input_csv/sim_period.csv", "Length,90\nStartDate,2010-01-01\n")];
    let tmp = tiny_marked("input_csv/sim_period.csv", &period);
    let w = warnings(tmp.path());
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains(
            "the first row's key, `\\ufeffLength`: FLEE finds no `Length` (0 days) and simulates no day when run.py \
             is given 0 days, as the reference runs were made; otherwise the days run.py is given; corridor reads"
        ),
        "{w:?}"
    );
}

/// Review of session 19: the warnings judged corridor's first row, past a blank line, where FLEE
/// (tried on each) reads a mark alone on its line as a row of one cell: it skips that row in
/// sim_period.csv and in a series file, and runs; it takes it for a place or a route in
/// locations.csv and routes.csv, and stops (IndexError). A series file's first row with an empty
/// count (`#Date,`) is skipped by FLEE, the mark with it.
#[test]
fn a_byte_order_mark_is_judged_on_its_own_line() {
    let period = [("input_csv/sim_period.csv", "\nStartDate,2010-01-01\nLength,90\n")];
    assert_eq!(warnings(tiny_marked("input_csv/sim_period.csv", &period).path()), Vec::<String>::new());
    for series in ["\n#Date,n\n2010-01-01,2\n", "#Date,\n2010-01-01,2\n"] {
        let tmp = tiny_marked("source_data/D.csv", &[("source_data/D.csv", series)]);
        assert_eq!(warnings(tmp.path()), Vec::<String>::new(), "{series:?}");
    }
    let head = [
        ("input_csv/locations.csv", "#name,region,country,lat,lon,location_type,conflict_date,population\n"),
        ("input_csv/routes.csv", "#name1,name2,distance,forced_redirection\n"),
    ];
    for (file, header) in head {
        let text = std::fs::read_to_string(common::flee_reference("tiny_a2f").join(file)).expect("the file");
        let body: String = text.lines().skip(1).map(|l| format!("{l}\n")).collect();
        let tmp = tiny_marked(file, &[(file, &format!("\n{header}{body}"))]);
        let w = warnings(tmp.path());
        assert_eq!(w.len(), 1, "{file}: {w:?}");
        assert!(w[0].contains("into a row of its own, `\\ufeff`, as nothing follows the mark on its line"), "{w:?}");
    }
}
