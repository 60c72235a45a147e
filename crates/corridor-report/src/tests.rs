//! Tests of the report page: rounding and numbers, inline SVG, a self-contained page, the header of a
//! changed run, waitlists by city, and what a FLEE folder's page says of its counts.

use super::*;

/// Review of session 21: compare.html showed a 95th percentile of [20, 20, 40, 70], 65.5 by
/// arithmetic and 65.49999999999999 in floating point, as 65, where compare.csv shows 65.5.
#[test]
fn a_half_lost_to_floating_point_rounds_as_a_half() {
    let pos: f64 = 0.95 * 3.0; // the 95th percentile's position among those four, 2.85
    let p95 = 40.0 + (pos - 2.0) * 30.0;
    assert!(p95 < 65.5, "the floating-point value falls short of the half: {p95}");
    assert_eq!(n(p95), "66");
    assert_eq!(
        (n(65.4), n(65.5), n(-2.5), n(1_234_567.0)),
        ("65".into(), "66".into(), "-3".into(), "1,234,567".into())
    );
}
use crate::one_run;

#[test]
fn numbers_have_thousands_separators() {
    assert_eq!(n(0.0), "0");
    assert_eq!(n(999.4), "999");
    assert_eq!(n(4500.0), "4,500");
    assert_eq!(n(1234567.0), "1,234,567");
    assert_eq!(n(-1200.0), "-1,200");
}

#[test]
fn inline_svg_drops_the_first_namespace_only() {
    let svg = format!("<svg a=\"1\"{XMLNS}>t{XMLNS}</svg>");
    assert_eq!(inline_svg(&svg), ("<svg a=\"1\"", &*format!(">t{XMLNS}</svg>")));
    assert_eq!(inline_svg("<svg>"), ("<svg>", ""));
}

#[test]
fn demo_report_is_self_contained() {
    let s = corridor::worlds::demo().unwrap();
    let recs = corridor::validate::run_replicates(&s, 1, 1, |_, r| r.clone()).unwrap();
    let plots = standard_plots(&s, &recs[0]).unwrap();
    assert!(plots.len() >= 5);
    let html = report_html(&s, &recs[0], &plots, &Sets::default());
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("@import"));
    assert!(html.contains("<svg"));
    // The page written piece by piece to its file is the page in memory, and each plot's file is its SVG.
    let dir = std::env::temp_dir().join(format!("corridor-report-{}", std::process::id()));
    let written = write_report(&s, &recs[0], &[], &Sets::default(), &dir).unwrap();
    assert_eq!(std::fs::read_to_string(&written.html).unwrap(), html);
    assert_eq!(written.svgs.len(), plots.len());
    for (path, p) in written.svgs.iter().zip(&plots) {
        assert_eq!(std::fs::read_to_string(path).unwrap(), p.svg);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// User review: the report of a run with `--set` (MPP off) looked like the scenario's own, as
/// nothing on the page named the change. Its header says it, the entries a selector set by name.
#[test]
fn a_changed_runs_header_names_its_sets_and_a_plain_one_says_nothing() {
    let s = corridor::worlds::caravan_2018().unwrap();
    assert_eq!(changes_html(&s, &Sets::default()), "");
    let selector = "policy[parameter=mpp.active].value=false".to_string();
    let applied: Vec<String> = s
        .institutions
        .as_ref()
        .unwrap()
        .params
        .policies
        .iter()
        .enumerate()
        .filter(|(_, p)| p.param == corridor::policy::Param::MppActive)
        .map(|(i, _)| format!("policy.{i}.value=false"))
        .collect();
    assert!(applied.len() > 1, "{applied:?}");
    let sets = Sets::new(vec![selector.clone()], applied.clone(), Vec::new(), None);
    let line = changes_html(&s, &sets);
    assert!(line.starts_with("<p class=\"changed\"><b>Changed from the scenario:</b> "), "{line}");
    assert!(line.contains(&esc(&selector)), "{line}");
    for key in &applied {
        assert!(line.contains(&esc(&corridor::entries::describe_set(&s, key))), "{line} lacks {key}");
    }
    // The whole page carries it in its header, before the key figures; a plain run's page has none.
    let demo = corridor::worlds::demo().unwrap();
    let rec = corridor::validate::run_replicates(&demo, 1, 1, |_, r| r.clone()).unwrap().remove(0);
    let set = vec!["caravan.0.size=1000".to_string()];
    let page = report_html(&demo, &rec, &[], &Sets::new(set.clone(), set, Vec::new(), None));
    let (head, _) = page.split_once("<h2>Key figures</h2>").unwrap();
    assert!(head.contains(&format!("caravan.0.size=1000 ({})", esc(&demo.caravans[0].name))), "{head}");
    assert!(head.contains("<title>corridor report: demo (changed)</title>"), "{head}");
    let plain = report_html(&demo, &rec, &[], &Sets::default());
    assert!(!plain.contains("Changed from the scenario") && !plain.contains("(changed)"), "{plain}");
}

/// Journalist review (session 14): `waitlist:Hidalgo` read as Ciudad Hidalgo, on the Guatemalan
/// border; the port's list is in Reynosa.
#[test]
fn waitlists_are_labelled_with_their_city() {
    let s = corridor::worlds::caravan_2018().unwrap();
    assert_eq!(queue_label(&s, "waitlist:Hidalgo"), "waitlist:Hidalgo (Reynosa)");
    assert_eq!(queue_label(&s, "waitlist:San Ysidro"), "waitlist:San Ysidro (Tijuana)");
    assert_eq!(queue_label(&s, "waitlist:Nowhere"), "waitlist:Nowhere");
    // Journalist's review of session 35: the court's 1,031,260 "people waiting" were mostly the
    // scenario's backlog and other cases; the label says they are cases.
    assert_eq!(queue_label(&s, "court"), "court (cases, not only the run's people)");
    let mut none = s.clone();
    let params = &mut none.institutions.as_mut().unwrap().params;
    params.set(corridor::policy::Param::CourtBacklog, 0.0);
    params.set(corridor::policy::Param::CourtBackground, 0.0);
    params.policies.retain(|p| p.param != corridor::policy::Param::CourtBackground);
    assert_eq!(queue_label(&none, "court"), "court");
}

/// FLEE-user review: mali2012 (`hasten: 10`) was said to have "1 person(s) per agent" and counts
/// "in people", though its counts are a tenth of the people, as FLEE's out.csv's; and its places
/// were said to come "each with its source", which FLEE's files have not.
#[test]
fn a_flee_folders_page_says_what_its_counts_are_and_that_its_files_give_no_source() {
    let mut s = corridor::worlds::demo().unwrap();
    let rec = one_run(&s);
    let page = |s: &Scenario| report_html(s, &rec, &[], &Sets::default());
    let plain = page(&s);
    assert!(plain.contains(&format!(", {} person(s) per agent.<br>", s.people_per_agent)), "{plain}");
    assert!(plain.contains("Counts are people at the end of each day.") && plain.contains("each with its source"));
    // The grain of a count when an agent stands for several people (journalist's review of session 22).
    let grain = format!("so counts move in steps of {}", s.people_per_agent);
    assert_eq!(plain.contains(&grain), s.people_per_agent > 1, "{plain}");
    let mut tens = s.clone();
    tens.people_per_agent = 10;
    assert!(page(&tens).contains("steps of 10, and a figure under 100 is a few agents' worth"));
    s.flee = Some(corridor::scenario::FleeOrigin { hasten: 1 });
    let flee = page(&s);
    assert!(flee.contains("person(s) per agent") && flee.contains("Counts are people"), "{flee}");
    assert!(!flee.contains("each with its source") && flee.contains("FLEE's files give no source"), "{flee}");
    s.flee = Some(corridor::scenario::FleeOrigin { hasten: 10 });
    let hasten = page(&s);
    assert!(!hasten.contains("person(s) per agent") && !hasten.contains("Counts are people"), "{hasten}");
    assert!(hasten.contains("1 agent per 10 people (FLEE's <code>optimisations.hasten: 10</code>)"), "{hasten}");
    assert!(hasten.contains("Counts are agents at the end of each day, not people"), "{hasten}");
    assert!(hasten.contains("multiply by 10 for people"), "{hasten}");
    // FLEE-user review of session 18: the plots still counted people. Their titles, axes and
    // captions say agents, and the page says once above them what an agent stands for.
    assert!(
        hasten.contains("<h2>Plots</h2><p>Every count in these plots is of agents, each standing for 10 people.</p>")
    );
    let plots = standard_plots(&s, &rec).unwrap();
    assert!(plots.len() >= 5);
    for p in &plots {
        assert!(!p.caption.to_lowercase().contains("people"), "{}", p.caption);
        assert!(!p.svg.to_lowercase().contains("people"), "{}: {}", p.file, p.svg);
        assert!(p.caption.contains("Agents") || p.caption.contains("agents"), "{}", p.caption);
    }
    s.flee = Some(corridor::scenario::FleeOrigin { hasten: 1 });
    assert!(!page(&s).contains("Every count in these plots"));
    for p in standard_plots(&s, &rec).unwrap() {
        assert!(!p.caption.contains("gents ") && !p.svg.contains("gents"), "{}", p.caption);
    }
}

/// FLEE-user review: sets corridor ignores (keys it does not implement) were announced as changes of
/// the run; they are named as ignored, and a run whose every set was ignored is not a changed one.
#[test]
fn ignored_sets_are_named_apart_and_do_not_make_a_changed_run() {
    let demo = corridor::worlds::demo().unwrap();
    let rec = one_run(&demo);
    let dropped = "move_rules.stay_close_to_home=true".to_string();
    let all_ignored = Sets::new(vec![dropped.clone()], Vec::new(), vec![dropped.clone()], None);
    let page = report_html(&demo, &rec, &[], &all_ignored);
    let (head, _) = page.split_once("<h2>Key figures</h2>").unwrap();
    assert!(!head.contains("Changed from the scenario") && !head.contains("(changed)"), "{head}");
    assert!(head.contains(&format!("<b>Ignored by corridor:</b> {}", esc(&dropped))), "{head}");
    let kept = "caravan.0.size=1000".to_string();
    let mixed = Sets::new(vec![kept.clone(), dropped.clone()], vec![kept.clone()], vec![dropped.clone()], None);
    let page = report_html(&demo, &rec, &[], &mixed);
    let (head, _) = page.split_once("<h2>Key figures</h2>").unwrap();
    let (changed, ignored) = head.split_once("<b>Ignored by corridor:</b>").expect("both named");
    assert!(changed.contains("Changed from the scenario") && head.contains("(changed)"), "{head}");
    assert!(changed.contains(&esc(&kept)) && !changed.contains(&esc(&dropped)), "{head}");
    assert!(ignored.contains(&esc(&dropped)), "{head}");
}

/// Review of session 18: a set of a value the scenario has already headed the page "Changed from
/// the scenario". Marked as such (`Sets::mark_already`), it is named apart and changes nothing.
#[test]
fn sets_of_values_the_scenario_has_already_do_not_make_a_changed_run() {
    let demo = corridor::worlds::demo().unwrap();
    let rec = one_run(&demo);
    let set = vec![format!("seed={}", demo.seed)];
    let mut sets = Sets::new(set.clone(), set.clone(), Vec::new(), None);
    sets.mark_already();
    let page = report_html(&demo, &rec, &[], &sets);
    let (head, _) = page.split_once("<h2>Key figures</h2>").unwrap();
    assert!(!head.contains("Changed from the scenario") && !head.contains("(changed)"), "{head}");
    assert!(head.contains(&format!("<b>Already so:</b> {}", esc(&set[0]))), "{head}");
}
