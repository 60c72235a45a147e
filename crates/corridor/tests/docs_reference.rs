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
