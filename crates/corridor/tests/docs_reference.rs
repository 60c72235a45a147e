//! The reference pages list what the program has: every institution event of summary.json's totals
//! in docs/outputs.md, every parameter in docs/institutions.md. A new counter or parameter without
//! its line in the docs fails here.

use corridor::institutions::Counter;
use corridor::policy::Param;

fn doc(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Scenario-author review of session 13: none of the ~50 event names of `institutions.totals` was
/// documented.
#[test]
fn every_institution_event_is_documented() {
    let outputs = doc("outputs.md");
    for c in Counter::ALL {
        let (institution, event) = (c.institution(), c.event());
        // Listed alone (`institution.event`) or in a row of several (`a.x`, `a.y`).
        let listed = outputs.contains(&format!("`{institution}.{event}`"));
        assert!(listed, "docs/outputs.md does not list `{institution}.{event}`");
    }
}

#[test]
fn every_parameter_is_documented() {
    let institutions = doc("institutions.md");
    for p in Param::ALL {
        assert!(institutions.contains(&format!("| `{}` |", p.name())), "docs/institutions.md lacks `{}`", p.name());
    }
}

/// Code review, session 15: docs/report.md listed 12 of compare_waits_by_month.csv's 19 columns.
/// Every column of the three waits tables is in the docs (compare's as its header line).
#[test]
fn every_column_of_the_waits_tables_is_documented() {
    use corridor::output::waits_by_month::HEADER as RUN;
    use corridor::validate::waits::{COMPARE_HEADER, HEADER as SPREAD};
    let outputs = doc("outputs.md");
    let report = doc("report.md");
    // run's table: one row per column in outputs.md's table.
    for column in RUN.trim_end().split(',') {
        assert!(outputs.contains(&format!("`{column}`")), "docs/outputs.md lacks waits_by_month.csv's `{column}`");
    }
    assert!(
        report.contains(&format!("`{COMPARE_HEADER}`")),
        "docs/report.md lacks compare_waits_by_month.csv's header"
    );
    // validate's: each quantity of run's table with its statistic, then the run counts.
    for column in SPREAD.split(',').skip(2) {
        let quantity = ["_median", "_p5", "_p95"].iter().find_map(|s| column.strip_suffix(s)).unwrap_or(column);
        assert!(
            outputs.contains(&format!("`{quantity}`")),
            "docs/outputs.md does not describe waits_by_month_spread.csv's `{column}`"
        );
    }
}
