//! The examples in the docs are real: the complete scenario in docs/scenario-format.md is the demo
//! scenario's file, and it loads and runs.

use crate::common;

use common::{record, repo_root};

fn toml_block(markdown: &str) -> String {
    let start = markdown.find("```toml\n").expect("a toml block") + "```toml\n".len();
    let end = start + markdown[start..].find("```").expect("closed block");
    markdown[start..end].to_string()
}

#[test]
fn scenario_format_example_is_the_demo_and_runs() {
    let root = repo_root();
    let doc = std::fs::read_to_string(root.join("docs/scenario-format.md")).expect("doc");
    let file = std::fs::read_to_string(root.join("scenarios/demo/scenario.toml")).expect("demo");
    assert_eq!(toml_block(&doc), file, "docs/scenario-format.md's example differs from scenarios/demo/scenario.toml");
    let s = corridor::load(&root.join("scenarios/demo")).expect("the example loads");
    assert_eq!(s.caravans.len(), 1);
    assert_eq!(s.inflows.len(), 1);
    let rec = record(&s, s.seed, 2);
    let last = rec.agents.last().copied().unwrap_or(0);
    assert!(last > 2000, "the example creates its caravan and flow: {last} agents");
}
