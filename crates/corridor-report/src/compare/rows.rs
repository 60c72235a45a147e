//! compare's table: a row per key figure with A's and B's spreads, what it counts and the pairs'
//! difference (`compare.csv`), and the notes on figures whose runs split.

use super::verdict::PairedT;
use super::Side;
use crate::counted::Counted;
use crate::n;
use corridor::scenario::Scenario;
use corridor::validate::Spread;
use std::fmt::Write as _;

/// A row of the comparison.
#[derive(Clone, Debug)]
pub struct Row {
    /// The figure's key (`corridor::validate::key_figures`): compare.csv's `figure`.
    pub figure: String,
    /// Its name as people read it, on compare.html and the terminal and in the split notes: the key,
    /// said as agents when both sides count agents (`shown_counted`).
    pub name: String,
    /// What the figure counts (`observed::figure_meaning`) in the scenario that has it, or in both:
    /// one text when they say the same, each side's (`A: …. B: …`) when not (one side counts agents,
    /// the other people, say, or their periods end on other days).
    pub meaning: String,
    pub a: Option<Spread>,
    pub b: Option<Spread>,
    /// The two groups A's and B's runs fall in, if they do (`corridor::validate::two_groups`).
    pub a_groups: Option<[corridor::validate::Group; 2]>,
    pub b_groups: Option<[corridor::validate::Group; 2]>,
    /// The spread of B − A over replicate pairs (B's run i less A's run i: the same seed when both
    /// scenarios have the same one, as with `--set`), when both sides have the figure.
    pub paired: Option<Spread>,
    /// The mean of those pairs' differences and its confidence interval, for the verdict.
    pub paired_t: Option<PairedT>,
}

impl Row {
    /// B's median less A's (`compare.csv`'s `difference`).
    pub fn difference(&self) -> Option<f64> {
        Some(self.b?.median - self.a?.median)
    }

    /// Whether A and B give this figure the same median: both have it and their medians agree, or
    /// neither has it (a figure on one side only is a difference: the final review of session 31 saw
    /// "B's medians equal A's" said of a B with court rows A lacked).
    pub fn same_medians(&self) -> bool {
        match (self.a, self.b) {
            (Some(a), Some(b)) => a.median == b.median,
            (None, None) => true,
            _ => false,
        }
    }

    /// The median of the pairs' differences (B's run i less A's run i): the change the table shows, as
    /// it lies within the pairs' 5–95% range, where B's median less A's need not (the runs that give
    /// the two medians are seldom a pair).
    pub fn change(&self) -> Option<f64> {
        self.paired.map(|p| p.median)
    }

    /// Whether B moved the figure `up`, `down`, not at all (`none`) or within run-to-run noise
    /// (`unclear`), by the paired-t interval (`PairedT::verdict`); empty with no pairs.
    pub fn verdict(&self) -> &'static str {
        self.paired_t.map_or("", |t| t.verdict())
    }
}

/// What a figure counts in A's scenario (`a`, None when A lacks the figure) and in B's: the one both
/// say, or each side's when they differ (FLEE-user review of session 18: a B counting people was said
/// to count A's agents).
fn meaning(a: Option<String>, b: Option<String>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if a != b => format!("A: {a}. B: {b}"),
        (Some(m), _) | (None, Some(m)) => m,
        (None, None) => String::new(),
    }
}

/// A figure's meaning in a side that counts as `counted`, when the sides count differently: a meaning
/// of agents says how many people each stands for, unless it says so already ("People created" does).
/// Review 2 of session 18: at `hasten` 5 against 2, "highest daily count of agents …" was one text for
/// both, as if agents of 5 and of 2 people were alike.
fn with_unit(meaning: String, counted: Counted, units_differ: bool) -> String {
    if units_differ && counted.hasten.is_some() && meaning.contains("agents") && !meaning.contains("each standing for")
    {
        meaning + &counted.each_stands_for()
    } else {
        meaning
    }
}

/// Every figure of A (in order), then those only B has; each with its meaning in the scenario of each
/// side that has it (`scenario_a`, `scenario_b`; `meaning`), which says each side's unit when the
/// sides count differently (by their people per agent, `Side::counted`, not by the meanings' texts).
pub fn rows(a: &Side, b: &Side, scenario_a: &Scenario, scenario_b: &Scenario) -> Vec<Row> {
    let shown = shown_counted(a, b);
    let units_differ = a.counted != b.counted;
    let mut names: Vec<String> = Vec::new();
    for side in [a, b] {
        for r in &side.replicates {
            for (f, _) in &r.figures {
                if !names.contains(f) {
                    names.push(f.clone());
                }
            }
        }
    }
    names
        .into_iter()
        .map(|f| {
            let (values_a, values_b) = (a.values(&f), b.values(&f));
            let ((in_a, a_groups), (in_b, b_groups)) = (a.figure(&values_a), b.figure(&values_b));
            let meant = |s: &Scenario, side: &Side, has: bool| {
                has.then(|| with_unit(crate::observed::figure_meaning(s, &f), side.counted, units_differ))
            };
            let meaning = meaning(meant(scenario_a, a, in_a.is_some()), meant(scenario_b, b, in_b.is_some()));
            let pairs: Vec<f64> = values_a.iter().zip(&values_b).filter_map(|(x, y)| Some((*y)? - (*x)?)).collect();
            let paired = (!pairs.is_empty()).then(|| Spread::of(&pairs));
            let paired_t = PairedT::of(&pairs);
            Row {
                a: in_a,
                b: in_b,
                a_groups,
                b_groups,
                paired,
                paired_t,
                meaning,
                name: shown.figure_name(&f),
                figure: f,
            }
        })
        .collect()
}

/// One line per figure whose runs fall in two groups (`corridor::validate::two_groups`), on either
/// side, with where its median lies (`corridor::validate::split_median`). Each names its figure as the
/// table does (`Row::name`).
pub fn split_notes(rows: &[Row]) -> Vec<String> {
    let mut notes = Vec::new();
    for r in rows {
        for (groups, label) in [(&r.a_groups, "A"), (&r.b_groups, "B")] {
            if let Some(g @ [low, high]) = groups {
                notes.push(format!(
                    "{}, {label}: runs fall in two groups, {} runs {}–{} and {} runs {}–{}; {}",
                    r.name,
                    low.runs,
                    n(low.low),
                    n(low.high),
                    high.runs,
                    n(high.low),
                    n(high.high),
                    corridor::validate::split_median(g)
                ));
            }
        }
    }
    notes
}

fn num(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| format!("{}", (v * 100.0).round() / 100.0))
}

/// `compare.csv`.
pub fn compare_csv(rows: &[Row]) -> String {
    use corridor::output::daily::csv_field;
    let mut s = String::from(
        "figure,a_median,a_p5,a_p95,b_median,b_p5,b_p95,difference,pair_difference_median,pair_difference_p5,pair_difference_p95,pair_difference_mean,pair_difference_mean_ci_low,pair_difference_mean_ci_high,verdict,meaning\n",
    );
    for r in rows {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            csv_field(&r.figure),
            num(r.a.map(|x| x.median)),
            num(r.a.map(|x| x.p5)),
            num(r.a.map(|x| x.p95)),
            num(r.b.map(|x| x.median)),
            num(r.b.map(|x| x.p5)),
            num(r.b.map(|x| x.p95)),
            num(r.difference()),
            num(r.change()),
            num(r.paired.map(|x| x.p5)),
            num(r.paired.map(|x| x.p95)),
            num(r.paired_t.map(|t| t.mean)),
            num(r.paired_t.and_then(|t| t.interval()).map(|(low, _)| low)),
            num(r.paired_t.and_then(|t| t.interval()).map(|(_, high)| high)),
            r.verdict(),
            csv_field(&r.meaning)
        );
    }
    s
}

/// The names of the table's figures say agents when both sides count agents, of as many people or not
/// (the meanings say how many; their keys, compare.csv's `figure`, stay as they are).
fn shown_counted(a: &Side, b: &Side) -> Counted {
    if a.counted.hasten.is_some() && b.counted.hasten.is_some() {
        a.counted
    } else {
        Counted::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{compare_html, Replicate};
    use chrono::NaiveDate;

    /// Final review of session 31: a figure on one side only is a difference, not an equal median.
    #[test]
    fn a_figure_on_one_side_only_is_not_the_same_median() {
        let spread = |median: f64| Some(corridor::validate::Spread { median, p5: median, p95: median });
        let row = |a, b| Row {
            figure: "f".into(),
            name: "f".into(),
            meaning: String::new(),
            a,
            b,
            a_groups: None,
            b_groups: None,
            paired: None,
            paired_t: None,
        };
        assert!(row(spread(3.0), spread(3.0)).same_medians() && row(None, None).same_medians());
        assert!(!row(spread(3.0), spread(4.0)).same_medians());
        assert!(!row(None, spread(0.0)).same_medians() && !row(spread(0.0), None).same_medians());
    }

    /// A side whose runs give the figure `key` the `values`, counting as `counted` says.
    fn side(key: &str, values: &[f64], counted: Counted) -> Side {
        Side {
            label: "x".into(),
            start: NaiveDate::from_ymd_opt(2018, 1, 1).unwrap(),
            waiting_at: "border cities",
            replicates: values
                .iter()
                .map(|&v| Replicate {
                    figures: vec![(key.into(), v)],
                    waiting: vec![],
                    on_way: vec![],
                    cohorts: vec![],
                })
                .collect(),
            seeds: String::new(),
            institutions: false,
            min_gap: 0.0,
            turn_backs: false,
            metering: Vec::new(),
            counted,
        }
    }

    /// Journalist review of session 17: "B − A" was B's median less A's, which can fall outside the
    /// pairs' 5–95% range printed beside it. The change shown is the pairs' median, within it.
    #[test]
    fn the_change_shown_lies_within_the_pairs_range() {
        let demo = corridor::worlds::demo().unwrap();
        let people = Counted::default();
        // Pairs differ by 1, 1, 0.5, 1 and 1; the medians by 0.5 (3 and 3.5).
        let (a, b) = (side("x", &[1.0, 2.0, 3.0, 4.0, 5.0], people), side("x", &[2.0, 3.0, 3.5, 5.0, 6.0], people));
        let row = &rows(&a, &b, &demo, &demo)[0];
        let pairs = row.paired.unwrap();
        assert_eq!(row.difference(), Some(0.5));
        assert!(pairs.p5 > 0.5, "the difference of medians lies outside the pairs' range here: {pairs:?}");
        let change = row.change().unwrap();
        // The pairs' median, 1, within their range (0.6 to 1) by being their median.
        assert_eq!(change, 1.0);
        let csv = compare_csv(std::slice::from_ref(row));
        assert_eq!(csv.lines().nth(1).unwrap().split(',').take(11).collect::<Vec<_>>()[7..], ["0.5", "1", "0.6", "1"]);
        let html = compare_html(&a, &b, std::slice::from_ref(row), &[], &[]);
        assert!(html.contains("<td>+1<br>") || html.contains("<td>+1</td>"), "compare.html shows the pairs' median");
    }

    /// Recheck of the reviews (session 14): compare gave a median between two groups of runs, which no
    /// run is near, with no word (validate named such figures).
    #[test]
    fn figures_whose_runs_split_are_named() {
        let split = [4100.0, 4150.0, 4120.0, 4130.0, 4140.0, 6000.0, 6100.0, 6050.0, 6070.0, 6080.0];
        let even: Vec<f64> = (1..=10).map(f64::from).collect();
        let (a, b) = (side("F", &split, Counted::default()), side("F", &even, Counted::default()));
        let s = corridor::worlds::demo().unwrap();
        let notes = split_notes(&rows(&a, &b, &s, &s));
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].starts_with("F, A: runs fall in two groups, 5 runs 4,100–4,150 and 5 runs 6,000–6,100"),
            "{notes:?}"
        );
    }

    /// Review of session 18's agents: under `hasten` the split notes named the figure by its key
    /// ("People in Bobo-Dioulasso at the end, B: …") under a table that says "Agents in …". They name
    /// it as the table does, in agents when both sides count agents, by its key when one counts people.
    #[test]
    fn split_notes_name_the_figure_as_the_table_does() {
        let key = "People in Bobo-Dioulasso at the end";
        let split = [4100.0, 4150.0, 4120.0, 4130.0, 4140.0, 6000.0, 6100.0, 6050.0, 6070.0, 6080.0];
        let even: Vec<f64> = (1..=10).map(f64::from).collect();
        let (agents, people) = (Counted { hasten: Some(10) }, Counted::default());
        let s = corridor::worlds::demo().unwrap();
        for (b_counts, name) in [(agents, "Agents in Bobo-Dioulasso at the end"), (people, key)] {
            let (a, b) = (side(key, &even, agents), side(key, &split, b_counts));
            let table = rows(&a, &b, &s, &s);
            assert_eq!(table[0].name, name);
            let notes = split_notes(&table);
            assert_eq!(notes.len(), 1, "{notes:?}");
            assert!(notes[0].starts_with(&format!("{name}, B: runs fall in two groups, 5 runs")), "{notes:?}");
            let page = compare_html(&a, &b, &table, &notes, &[]);
            assert!(page.contains(&format!("<td>{name}</td>")), "{page}");
            // B's median is marked in its cell, A's not (journalist's review of session 22).
            assert_eq!(page.matches("runs split in two: see the notes").count(), 1, "{page}");
            let (notes_at, table_at) =
                (page.find("<h3>Notes</h3>").unwrap(), page.find("<h2>Key figures</h2>").unwrap());
            assert!(notes_at < table_at, "the notes above the table");
            assert!(compare_csv(&table).contains(&format!("\n{key},")), "compare.csv keeps the key");
        }
    }

    /// FLEE-user review of session 18: comparing a FLEE folder under `hasten` (A, agents) with itself at
    /// `hasten` 1 (B, people), compare.csv's `meaning` said B's people were "agents …, each standing for
    /// 10 people", as every meaning came from A's scenario. Each side's is said when they differ.
    #[test]
    fn meanings_say_what_each_side_counts_when_the_units_differ() {
        let people = corridor::worlds::demo().unwrap();
        let mut agents = people.clone();
        agents.flee = Some(corridor::scenario::FleeOrigin { hasten: 10 });
        let (ten, one) = (Counted::of(&agents), Counted::of(&people));
        for key in ["People created", "Peak people in camps", "People in Tapachula at the end"] {
            let (a, b) = (side(key, &[1.0, 2.0], ten), side(key, &[10.0, 20.0], one));
            let mixed = &rows(&a, &b, &agents, &people)[0];
            let (in_a, in_b) =
                mixed.meaning.strip_prefix("A: ").and_then(|m| m.split_once(". B: ")).expect(&mixed.meaning);
            assert!(in_a.starts_with("agents ") || in_a.starts_with("highest daily count of agents"), "{in_a}");
            assert!(in_b.starts_with("people ") || in_b.starts_with("highest daily count of people"), "{in_b}");
            assert!(!in_b.contains("each standing for"), "{key}: {}", mixed.meaning);
            // Swapped: B's agents are not called people.
            let swapped = &rows(&b, &a, &people, &agents)[0];
            assert_eq!(swapped.meaning, format!("A: {in_b}. B: {in_a}"), "{key}");
            // Alike: one meaning, as before (without the unit, said once by the page's note).
            let alike = &rows(&a, &a, &agents, &agents)[0];
            assert!(in_a.starts_with(&alike.meaning) && !alike.meaning.starts_with("A: "), "{key}");
            assert_eq!(rows(&b, &b, &people, &people)[0].meaning, in_b, "{key}");
        }
        // Review 2 of session 18: agents of 5 people against agents of 2 are not alike either; each
        // side's meaning says its own.
        let (five, two) = (Counted { hasten: Some(5) }, Counted { hasten: Some(2) });
        let (mut at5, mut at2) = (agents.clone(), agents.clone());
        at5.flee = Some(corridor::scenario::FleeOrigin { hasten: 5 });
        at2.flee = Some(corridor::scenario::FleeOrigin { hasten: 2 });
        for key in ["People created", "Peak people in camps", "People in Tapachula at the end"] {
            let (a, b) = (side(key, &[1.0, 2.0], five), side(key, &[10.0, 20.0], two));
            let row = &rows(&a, &b, &at5, &at2)[0];
            let (in_a, in_b) = row.meaning.strip_prefix("A: ").and_then(|m| m.split_once(". B: ")).expect(&row.meaning);
            assert!(in_a.ends_with("each standing for 5 people"), "{key}: {}", row.meaning);
            assert!(in_b.ends_with("each standing for 2 people"), "{key}: {}", row.meaning);
            assert_eq!(row.name, key.replacen("People", "Agents", 1).replacen("Peak people", "Peak agents", 1));
        }
        // A figure only one side has takes that side's meaning.
        let (a, b) = (side("People created", &[1.0], ten), side("Peak people in camps", &[1.0], one));
        let table = rows(&a, &b, &agents, &people);
        assert!(
            table[0].meaning.starts_with("agents ") && table[1].meaning.starts_with("highest daily count of people")
        );
    }
}
