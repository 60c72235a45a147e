//! `corridor run`'s outputs against each other: the report's word on a full US detention against
//! queues.csv's `us_detention` rows, its counts labelled agents under FLEE's `hasten` (people
//! otherwise), and outcomes.csv's crossing flag against summary.json's crossing totals.

use crate::common;

use common::{corridor, repo, s, tmp};
use std::path::Path;

/// `corridor run ARGS --out OUT`, which must succeed.
fn run(args: &[&str], out: &Path) {
    let mut all = vec!["run"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", s(out)]);
    let done = corridor(&all);
    assert!(done.status.success(), "{all:?}: {}", String::from_utf8_lossy(&done.stderr));
}

/// A run's outcomes.csv: its header and rows of cells.
struct Outcomes {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Outcomes {
    fn read(out: &Path) -> Outcomes {
        let text = std::fs::read_to_string(out.join("outcomes.csv")).unwrap();
        let mut lines = text.lines().map(|l| l.split(',').map(String::from).collect::<Vec<_>>());
        let header = lines.next().unwrap();
        Outcomes { header, rows: lines.collect() }
    }

    /// The index of column `name`.
    fn col(&self, name: &str) -> usize {
        self.header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} in {:?}", self.header))
    }
}

/// A run's summary.json.
fn summary_of(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap()
}

/// Review of session 18: the report's "US detention was full" re-derived the engine's rule from the
/// people detained by country. Run with room for 30 and everyone screened detained, its statement is
/// what queues.csv's `us_detention` rows give: the days held reached 30, the first, and its count.
#[test]
fn us_detention_full_is_what_queues_csv_says() {
    let out = tmp("report-detention");
    let scenario = repo().join("scenarios/demo-institutions");
    let sets = [
        "--set",
        "institutions.screening.detain_share=1.0",
        "--set",
        "institutions.us_detention.capacity=30",
        "--set",
        "institutions.courts.detained_hearing_days=30",
    ];
    let mut args = vec![s(&scenario)];
    args.extend_from_slice(&sets);
    run(&args, out.path());
    let queues = std::fs::read_to_string(out.path().join("queues.csv")).unwrap();
    // (date, waiting) of us_detention on each day the 30 places were taken (one person per agent).
    let full: Vec<(&str, u64)> = queues
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|f| f[1] == "us_detention")
        .map(|f| (f[0], f[2].parse::<u64>().unwrap()))
        .filter(|&(_, held)| held >= 30)
        .collect();
    let days = queues.lines().filter(|l| l.contains(",us_detention,")).count();
    assert!(full.len() > 10 && full.len() < days, "full on some days, not all: {} of {days}", full.len());
    let (first, held) = full[0];
    let said = format!(
        "US detention was full on {} days from {first} ({held} held against a capacity of 30 that day)",
        full.len()
    );
    let html = std::fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(html.contains(&said), "{said} not in the report: {:?}", html.find("US detention was full"));
}

/// Walkthrough of session 30: outcomes.csv's flag was named `crossed_between_ports`, like the status
/// of those who got in unseen, but marks everyone who tried, caught or not (2.6 times as many people
/// on caravan-2018). Now `tried_crossing_between_ports`: every person who got in has it, it counts
/// no more people than summary.json's attempts, and some who have it were caught and screened.
#[test]
fn outcomes_crossing_flag_counts_who_tried_not_who_got_in() {
    let out = tmp("outcomes-crossing");
    run(&[s(&repo().join("scenarios/demo-institutions")), "--seed", "1"], out.path());
    let o = Outcomes::read(out.path());
    let (status, tried) = (o.col("status"), o.col("tried_crossing_between_ports"));
    assert!(
        !o.header.iter().any(|h| h == "crossed_between_ports"),
        "the status's name is not a column: {:?}",
        o.header
    );
    let rows = &o.rows;
    let got_in = rows.iter().filter(|r| r[status] == "crossed_between_ports").count();
    let flagged: Vec<&Vec<String>> = rows.iter().filter(|r| r[tried] == "1").collect();
    assert!(got_in > 0 && rows.iter().all(|r| r[status] != "crossed_between_ports" || r[tried] == "1"));
    let caught = flagged.iter().filter(|r| r[status] != "crossed_between_ports").count();
    let summary = summary_of(out.path());
    let crossing = &summary["institutions"]["totals"]["crossing"];
    assert_eq!(crossing["evaded"].as_u64(), Some(got_in as u64), "one person per agent in this scenario");
    let attempts = crossing["attempts"].as_u64().unwrap();
    assert!(
        caught > 0 && flagged.len() as u64 <= attempts,
        "{caught} caught, {} flagged, {attempts} attempts",
        flagged.len()
    );
}

/// Planner's review of session 31: `days_waitlisted` left out the stretch of people still on a list at
/// the end (20,030 of 21,000 on caravan-2018 showed 0). Now it counts to the end of the run, within
/// the days in the system.
#[test]
fn outcomes_count_the_days_of_people_still_on_a_list() {
    let out = tmp("outcomes-waitlisted");
    run(&[s(&repo().join("scenarios/caravan-2018")), "--seed", "1"], out.path());
    let o = Outcomes::read(out.path());
    let (status, waited, in_system) = (o.col("status"), o.col("days_waitlisted"), o.col("days_in_system"));
    let rows = &o.rows;
    let days = |r: &Vec<String>, c: usize| r[c].parse::<u32>().unwrap();
    let waiting: Vec<&Vec<String>> = rows.iter().filter(|r| r[status] == "waitlisted").collect();
    assert!(waiting.len() > 1_000, "{} still waiting", waiting.len());
    assert!(waiting.iter().all(|r| days(r, waited) >= 1), "everyone still waiting has waited");
    assert!(
        rows.iter().all(|r| days(r, waited) <= days(r, in_system)),
        "no one waited longer than they were in the system"
    );
}

/// Journalist's review of session 31: outcomes.csv's `group` numbers were mapped to caravans nowhere
/// (the reviewer guessed them from sizes), and nothing said who was returned under MPP. summary.json's
/// `caravan_groups` names each caravan's groups; `returned_under_mpp` flags the people.
#[test]
fn outcomes_groups_are_named_and_mpp_returns_flagged() {
    let out = tmp("outcomes-groups");
    run(&[s(&repo().join("scenarios/caravan-2018")), "--seed", "1"], out.path());
    let summary = summary_of(out.path());
    let groups = summary["caravan_groups"].as_array().expect("caravan_groups");
    let name_of: std::collections::HashMap<u64, &str> =
        groups.iter().map(|g| (g["group"].as_u64().unwrap(), g["caravan"].as_str().unwrap())).collect();
    let o = Outcomes::read(out.path());
    let (group, mpp) = (o.col("group"), o.col("returned_under_mpp"));
    let mut members: std::collections::HashMap<&str, u64> = Default::default();
    let mut flagged = 0u64;
    for r in &o.rows {
        if let Ok(g) = r[group].parse::<u64>() {
            *members.entry(name_of.get(&g).copied().unwrap_or("a family")).or_default() += 1;
        }
        flagged += u64::from(r[mpp] == "1");
    }
    // Every caravan's members, with its joiners, in agents of `people_per_agent` people.
    let s = corridor::worlds::caravan_2018().unwrap();
    for c in &s.caravans {
        let people = c.people + c.joins.iter().map(|j| j.people).sum::<u64>();
        let agents = corridor::engine::spawn::agents_for(people as f64, s.people_per_agent);
        assert_eq!(members.get(c.name.as_str()).copied(), Some(agents), "{}", c.name);
    }
    assert!(!members.contains_key("a family"), "caravan-2018 has no families");
    // Each person once, however often returned: no more than the returns, and some.
    let returns = summary["institutions"]["totals"]["mpp"]["returned_to_mexico"].as_u64().unwrap();
    let people = flagged * s.people_per_agent as u64;
    assert!(people > 0 && people <= returns, "{people} people flagged, {returns} returns");
}

/// Text of an SVG or HTML page without its tags: the words a reader sees.
fn words(markup: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// `html` between `from` and the next `to` after it.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("{from} in the page"));
    let rest = &html[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

/// FLEE-user review of session 18: under `hasten` the header, key figures and closing paragraph said
/// agents, but the camps' table, the plots and the outcomes' histogram still counted "people". Run
/// on tiny_a2f (`hasten: 5`) every one of them says agents, the table's text and the plots once
/// each that an agent stands for 5 people; with `--set optimisations.hasten=1` they say people.
#[test]
fn under_hasten_every_count_of_the_report_is_of_agents() {
    let out = tmp("report-hasten");
    let folder = common::flee_reference("tiny_a2f");
    for (hasten, who, other) in [("5", "agents", "people"), ("1", "people", "agents")] {
        let dir = out.path().join(hasten);
        let set = format!("optimisations.hasten={hasten}");
        run(&[s(&folder), "--set", &set], &dir);
        let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
        let capital = if who == "agents" { "Agents" } else { "People" };
        let camps = between(&html, &format!("<h2>{capital} in camps</h2>"), "<h2>Plots</h2>");
        let header: Vec<&str> = camps.split("<th>").skip(1).map(|c| c.split('<').next().unwrap()).collect();
        assert_eq!(header[2], format!("peak {who}"));
        assert!(header[4].starts_with(&format!("{who} on ")), "{header:?}");
        assert!(!header.iter().any(|h| h.contains(other)), "{header:?}");
        let counts = between(camps, "<p>", "</p>");
        let stands = "each standing for 5 people";
        assert_eq!(counts.matches(stands).count(), usize::from(hasten == "5"), "{counts}");
        let plain = counts.replace(stands, "");
        assert!(plain.contains(&format!("the most {who} present")) && !plain.contains(other), "{counts}");
        // Every plot: its title, axes and caption on the page, and its SVG file.
        let plots = between(&html, "<h2>Plots</h2>", "<h2>About");
        assert_eq!(plots.matches(stands).count(), usize::from(hasten == "5"), "said once above the plots");
        // (people_by_place is a file's name, a key that stays.)
        let seen = words(&plots.replace(stands, "").replace("people_by_place", ""));
        assert!(!seen.to_lowercase().contains(other), "{other} in the plots: {seen}");
        assert!(seen.contains(&format!("{capital} by place over time")), "{seen}");
        let outcomes = between(plots, "<figure id=\"outcomes_days_in_system\">", "</figure>");
        assert!(words(outcomes).contains(&format!(" {who})")), "{outcomes}");
        for file in std::fs::read_dir(dir.join("plots")).unwrap() {
            let svg = std::fs::read_to_string(file.unwrap().path()).unwrap();
            assert!(!words(&svg).to_lowercase().contains(other), "{other} in {svg}");
        }
    }
}

/// The same review: compare.html of a FLEE folder under `hasten` named its figures "Peak people in
/// camps". The page says agents and what they stand for; compare.csv keeps the figures' names, its
/// keys, and says agents only in its `meaning`.
#[test]
fn a_comparison_under_hasten_names_agents_and_keeps_its_keys() {
    let out = tmp("compare-hasten");
    let folder = common::flee_reference("tiny_a2f");
    let done = corridor(&["compare", s(&folder), "--replicates", "2", "--out", s(out.path())]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let html = std::fs::read_to_string(out.path().join("compare.html")).unwrap();
    assert!(html.contains("<p>Counts are agents, each standing for 5 people"), "{html}");
    assert!(html.contains("<td>Peak agents in camps</td>") && !html.contains("Peak people"), "{html}");
    assert!(!words(&html).to_lowercase().replace("5 people", "").contains("people"), "{}", words(&html));
    let csv = std::fs::read_to_string(out.path().join("compare.csv")).unwrap();
    let row = csv.lines().find(|l| l.starts_with("Peak people in camps,")).expect("the key kept");
    assert!(row.ends_with("highest daily count of agents in the camps (every status but travelling and the ends off the route: deported, returned_home, dead_or_missing)\""), "{row}");
}
