//! caravans.csv and caravan_arrivals.csv: the caravan members' counts that `validate`'s caravan figures
//! read, so that a reader can recompute them from a run (journalist's review of session 35: 16 of
//! caravan-2018's 36 observed figures could not be).

use crate::common;

use common::{corridor, s, tmp};
use std::collections::HashMap;

/// The rows of a CSV file as maps from column to cell.
fn rows(path: &std::path::Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).expect("a table");
    let header = reader.headers().expect("a header").clone();
    reader
        .records()
        .map(|r| header.iter().map(String::from).zip(r.expect("a row").iter().map(String::from)).collect())
        .collect()
}

/// Seed 1's caravan figures, from validate with one replicate, are what the run's tables give: the
/// members in Mexicali on Nov 19 2018 (an end count: every status but travelling) and those reaching
/// Tijuana by Nov 28 2018 (arrivals from Nov 10).
#[test]
fn issue_session_35_the_caravan_figures_are_recomputed_from_the_caravan_tables() {
    let dir = tmp("caravan-tables");
    let (run, val) = (dir.path().join("run"), dir.path().join("validate"));
    let out = corridor(&["run", "--seed", "1", "--threads", "1", "--quiet", "--no-report", "--out", s(&run)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = corridor(&["validate", "--seed", "1", "--replicates", "1", "--threads", "1", "--out", s(&val)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let figures = rows(&val.join("validation.csv"));
    let median = |name: &str| -> u64 {
        let row = figures.iter().find(|r| r["figure"] == name).unwrap_or_else(|| panic!("no figure {name}"));
        row["median"].parse::<f64>().expect("a number") as u64
    };
    let members = rows(&run.join("caravans.csv"));
    let in_mexicali: u64 = members
        .iter()
        .filter(|r| r["date"] == "2018-11-19" && r["place"] == "Mexicali" && r["status"] != "travelling")
        .map(|r| r["count"].parse::<u64>().expect("a count"))
        .sum();
    assert_eq!(in_mexicali, median("Caravan members in Mexicali (Nov 19 2018)"));
    assert!(in_mexicali > 1_000, "{in_mexicali}");
    let arrivals = rows(&run.join("caravan_arrivals.csv"));
    let window = "2018-11-10".to_string()..="2018-11-28".to_string();
    let reaching: u64 = arrivals
        .iter()
        .filter(|r| window.contains(&r["date"]) && r["place"] == "Tijuana")
        .map(|r| r["arrivals"].parse::<u64>().expect("a count"))
        .sum();
    assert_eq!(reaching, median("Caravan members reaching Tijuana by Nov 28 2018"));
}
