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

/// Every parameter has its row, and the row gives its source as the code does (reference audit of
/// session 31: two rows had grown longer than the code's text, which the report shows).
#[test]
fn every_parameter_is_documented() {
    let institutions = doc("institutions.md");
    for p in Param::ALL {
        let start = format!("| `{}` |", p.name());
        let row = institutions.lines().find(|l| l.starts_with(&start));
        let row = row.unwrap_or_else(|| panic!("docs/institutions.md lacks `{}`", p.name()));
        assert!(
            row.ends_with(&format!("| {} |", p.source())),
            "docs/institutions.md's source of `{}` is not the code's: {row}",
            p.name()
        );
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
    // validate's: its own header (`waits_csv` writes it, and a unit test beside it checks every row as
    // wide), whole, as outputs.md's line for it. (Leftover: each column's quantity was looked for, a
    // column of run's table documented above, so a column added to this table alone passed undocumented.)
    assert!(
        outputs.contains(&format!("`{SPREAD}`")),
        "docs/outputs.md lacks waits_by_month_spread.csv's header `{SPREAD}`"
    );
}

/// User review: docs/institutions.md called `scenarios/demo-institutions` "the built-in example",
/// but `corridor run demo-institutions` answers "no built-in scenario". A scenario folder the docs
/// call built-in (after "built-in", in the same sentence) is one of the program's built-in scenarios.
#[test]
fn a_scenario_folder_the_docs_call_built_in_is_built_in() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut pages = vec![root.join("README.md")];
    for e in std::fs::read_dir(root.join("docs")).expect("docs") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "md") {
            pages.push(p);
        }
    }
    let builtins: Vec<&str> = corridor::worlds::BUILTINS.iter().map(|b| b.name).collect();
    let mut checked = 0;
    for page in pages {
        let text = std::fs::read_to_string(&page).expect("page").replace('\n', " ");
        for (at, _) in text.match_indices("built-in") {
            let rest = &text[at..];
            // The sentence: up to a full stop followed by a blank (not `scenario.toml`'s).
            let end = rest.find(". ").unwrap_or(rest.len());
            for (k, _) in rest[..end].match_indices("`scenarios/") {
                let name: String = rest[k + "`scenarios/".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                assert!(
                    builtins.contains(&name.as_str()),
                    "{} calls `scenarios/{name}` built-in; the built-in scenarios are {builtins:?}",
                    page.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 2, "the README and docs/caravan-2018.md name the built-in caravan-2018's folder");
}

/// Policy researcher's review of session 24: the parameter table gave the engine's defaults, and
/// someone "doubling the default 1" of `enforcement.apprehension_scale` cut caravan-2018's 2.8. The
/// table gives caravan-2018's value beside each default: its base, the ports with their own, and
/// how many dated policies set it; and each one's scope (session 28 made six of them a port's own).
#[test]
fn the_parameter_table_gives_each_default_and_caravan_2018s_value() {
    use corridor::policy::Scope;
    let institutions = doc("institutions.md");
    let s = corridor::worlds::caravan_2018().expect("caravan-2018");
    let params = &s.institutions.as_ref().expect("institutions").params;
    let mut wrong = Vec::new();
    for &p in Param::ALL {
        let row = institutions.lines().find(|l| l.starts_with(&format!("| `{}` |", p.name())));
        let cells: Vec<&str> = row.map(|r| r.split(" | ").collect()).unwrap_or_default();
        let mut value = match p.scope() {
            Scope::Place => "each place's own".to_string(),
            _ => params.base(p).to_string(),
        };
        let own = params.ports_with_own(p).count();
        if own > 0 {
            value.push_str(&format!("; own at {own} port{}", if own == 1 { "" } else { "s" }));
        }
        let dated = params.policies.iter().filter(|q| q.param == p).count();
        if dated > 0 {
            value.push_str(&format!("; {dated} polic{}", if dated == 1 { "y" } else { "ies" }));
        }
        let default = p.default_value();
        let default_listed = cells.get(1).and_then(|c| c.parse::<f64>().ok()) == Some(default);
        let scope = match p.scope() {
            Scope::Global => "global",
            Scope::Port => "port",
            Scope::Place => "place",
        };
        if !default_listed || cells.get(3) != Some(&scope) || cells.get(4) != Some(&value.as_str()) {
            wrong.push(format!("`{}`: default {default}, {scope}, caravan-2018 {value}: {cells:?}", p.name()));
        }
    }
    assert!(wrong.is_empty(), "docs/institutions.md's parameter table:\n{}", wrong.join("\n"));
}

/// Every status's meaning, as the report's terms give it (`Status::meaning`), is docs/outputs.md's
/// table row for it (journalist's review of session 25: the report used the names unexplained).
#[test]
fn every_status_means_what_outputs_md_says() {
    let outputs = doc("outputs.md");
    for s in corridor::population::Status::ALL {
        let row = format!("| `{}` | {} |", s.name(), s.meaning());
        assert!(outputs.contains(&row), "docs/outputs.md lacks the row {row}");
    }
}
