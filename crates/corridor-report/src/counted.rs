//! What the pages' counts are: people, or under FLEE's `hasten` agents standing for `hasten` people
//! each. Every label of a count on report.html, its plots and compare.html takes its noun from here.

use corridor::scenario::Scenario;

/// What a run's counts count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counted {
    /// `optimisations.hasten` of a FLEE folder that sets it above 1: every count is then of agents,
    /// each standing for `hasten` people (FLEE divides populations, camps' capacities and its data by
    /// it). None: counts are people.
    pub hasten: Option<u64>,
}

impl Counted {
    /// What `scenario`'s counts count.
    pub fn of(scenario: &Scenario) -> Counted {
        Counted { hasten: scenario.flee.as_ref().map(|f| f.hasten).filter(|&h| h > 1) }
    }

    /// The noun of a count: `people`, or `agents`.
    pub fn noun(self) -> &'static str {
        if self.hasten.is_some() {
            "agents"
        } else {
            "people"
        }
    }

    /// The noun with a capital, to start a sentence or a title: `People`, or `Agents`.
    pub fn noun_capital(self) -> &'static str {
        if self.hasten.is_some() {
            "Agents"
        } else {
            "People"
        }
    }

    /// Words on what an agent stands for, to follow the noun once in a section: `, each standing for 10
    /// people`; empty when counts are people.
    pub fn each_stands_for(self) -> String {
        self.hasten.map_or(String::new(), |h| format!(", each standing for {h} people"))
    }

    /// A key figure's name (`corridor::validate::key_figures`) as a page shows it: its leading
    /// "People" or "Peak people" said as agents when counts are. The name itself stays the key of
    /// compare.csv's `figure` column.
    pub fn figure_name(self, key: &str) -> String {
        if self.hasten.is_none() {
            return key.to_string();
        }
        if let Some(rest) = key.strip_prefix("People ") {
            format!("Agents {rest}")
        } else if let Some(rest) = key.strip_prefix("Peak people ") {
            format!("Peak agents {rest}")
        } else {
            key.to_string()
        }
    }
}

/// The header's words on what an agent and a count stand for: `N person(s) per agent`, or, in a FLEE
/// folder with `optimisations.hasten` above 1, that every count is of agents, each of which stands for
/// `hasten` people (FLEE divides populations, camps' capacities and its data by it, and its own out.csv
/// counts agents: corridor's outputs count the same).
pub(crate) fn per_agent_html(scenario: &Scenario) -> String {
    match Counted::of(scenario).hasten {
        Some(h) => format!(
            "1 agent per {h} people (FLEE's <code>optimisations.hasten: {h}</code>): FLEE divides populations, \
             camps' capacities and its data by {h}, so every count on this page, as in out.csv (FLEE's own counts \
             so too) and daily.csv, is of agents: 1/{h} of the people they stand for"
        ),
        _ => format!("{} person(s) per agent", scenario.people_per_agent),
    }
}

/// The closing paragraph: what the counts are (people, or under FLEE's `hasten` agents standing for
/// `hasten` people each) and where places, roads and flows come from (a corridor scenario's files
/// carry a source for each; a FLEE folder's carry none).
pub(crate) fn about_html(scenario: &Scenario) -> String {
    let counts = match Counted::of(scenario).hasten {
        Some(h) => format!(
            "Counts are agents at the end of each day, not people: under <code>optimisations.hasten: {h}</code> \
             each agent stands for {h} people, as in FLEE, whose out.csv counts agents against its data divided \
             by {h}; multiply by {h} for people."
        ),
        // The grain of a count (journalist's review of session 22: "Nogales 30" is three agents).
        _ if scenario.people_per_agent > 1 => {
            let ppa = scenario.people_per_agent;
            format!(
                "Counts are people at the end of each day. Each agent stands for {ppa} people, so counts move in \
                 steps of {ppa}, and a figure under {} is a few agents' worth.",
                crate::n(f64::from(ppa) * 10.0)
            )
        }
        _ => "Counts are people at the end of each day.".to_string(),
    };
    let sources = if scenario.flee.is_some() {
        "Places, roads, closures and conflicts come from the FLEE folder's <code>input_csv/</code>, the spawns, \
         the camps' day-0 agents and their observed data from <code>source_data/</code>, the settings from \
         <code>simsetting.yml</code>; FLEE's files give no source for any of them."
    } else {
        "Places, roads, flows and figures come from the scenario's files, each with its source or marked an \
         assumption."
    };
    let files = if scenario.flee.is_some() {
        "daily.csv, out.csv, summary.json"
    } else {
        "daily.csv, arrivals.csv, queues.csv, waits_by_month.csv with institutions, summary.json"
    };
    format!(
        "<h2>About these numbers</h2><p>One simulated run. {counts} {sources} The outputs beside this page \
         ({files}) hold the same numbers.</p>"
    )
}

/// What `c` counts, in words: `people`, or `agents, each standing for 10 people (FLEE's
/// optimisations.hasten: 10)`, the setting in `<code>` for a page (`code`).
fn counts_of(c: Counted, code: bool) -> String {
    let Some(h) = c.hasten else { return "people".to_string() };
    let setting = format!("optimisations.hasten: {h}");
    let setting = if code { format!("<code>{setting}</code>") } else { setting };
    format!("agents{} (FLEE's {setting})", c.each_stands_for())
}

/// compare.html's words on what A's and B's counts are, when either counts agents (empty when both
/// count people): the two alike, or each its own, as their counts are then not alike.
pub fn compare_note(a: Counted, b: Counted) -> String {
    let what = |c: Counted| counts_of(c, true);
    match (a.hasten, b.hasten) {
        (None, None) => String::new(),
        (Some(_), Some(_)) if a == b => format!("<p>Counts are {}, in A and B alike.</p>", what(a)),
        _ => format!(
            "<p>A counts {}; B counts {}. Their figures are not alike: a figure's name says agents only when both \
             sides count agents.</p>",
            what(a),
            what(b)
        ),
    }
}

/// The terminal's note on what A's and B's counts are, when they count differently (people against
/// agents, or agents of other `hasten`); None when alike. compare printed "People created 8996 89991
/// +80995" with no word that A's are agents of 10 people (review 2 of session 18).
pub fn units_note(a: Counted, b: Counted) -> Option<String> {
    let what = |c: Counted| counts_of(c, false);
    (a != b).then(|| {
        format!(
            "A counts {}; B counts {}: their figures are not alike, and B - A mixes the change's difference with \
             the units' (compare.csv's meaning says what each side counts)",
            what(a),
            what(b)
        )
    })
}

/// Plot axes' and titles' noun for two sides that count differently: each side's, as `people (A) or
/// agents of 10 people (B)`, or, both agents, `agents of 5 (A) or 2 (B) people`.
pub(crate) fn mixed_noun(a: Counted, b: Counted) -> String {
    match (a.hasten, b.hasten) {
        (Some(x), Some(y)) => format!("agents of {x} (A) or {y} (B) people"),
        _ => {
            let one = |c: Counted| c.hasten.map_or("people".to_string(), |h| format!("agents of {h} people"));
            format!("{} (A) or {} (B)", one(a), one(b))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_agents_only_under_hasten_and_keep_the_rest() {
        let (people, agents) = (Counted::default(), Counted { hasten: Some(10) });
        for key in ["Peak people in camps", "People in camps at the end", "People created", "Arrivals at camps"] {
            assert_eq!(people.figure_name(key), key);
        }
        assert_eq!(agents.figure_name("Peak people in camps"), "Peak agents in camps");
        assert_eq!(agents.figure_name("People in Peoplesville at the end"), "Agents in Peoplesville at the end");
        assert_eq!(agents.figure_name("People created"), "Agents created");
        assert_eq!(agents.figure_name("Arrivals at camps"), "Arrivals at camps");
        assert_eq!((people.noun(), agents.noun_capital()), ("people", "Agents"));
        assert_eq!(
            (people.each_stands_for(), agents.each_stands_for()),
            (String::new(), ", each standing for 10 people".into())
        );
        // A FLEE folder with hasten 1 counts people.
        let mut s = corridor::worlds::demo().unwrap();
        assert_eq!(Counted::of(&s), people);
        s.flee = Some(corridor::scenario::FleeOrigin { hasten: 1 });
        assert_eq!(Counted::of(&s), people);
        s.flee = Some(corridor::scenario::FleeOrigin { hasten: 10 });
        assert_eq!(Counted::of(&s), agents);
    }

    #[test]
    fn compare_says_what_each_side_counts() {
        let (people, ten, five) = (Counted::default(), Counted { hasten: Some(10) }, Counted { hasten: Some(5) });
        assert_eq!(compare_note(people, people), "");
        let alike = compare_note(ten, ten);
        assert!(alike.contains("Counts are agents, each standing for 10 people") && alike.contains("alike"), "{alike}");
        let mixed = compare_note(ten, people);
        assert!(mixed.contains("A counts agents, each standing for 10 people") && mixed.contains("B counts people"));
        assert!(compare_note(five, ten).contains("B counts agents, each standing for 10 people"));
        assert_eq!(units_note(people, people), None);
        assert_eq!(units_note(ten, ten), None);
        let mixed = units_note(ten, people).unwrap();
        assert!(
            mixed.starts_with("A counts agents, each standing for 10 people") && mixed.contains("; B counts people:")
        );
        let agents = units_note(five, ten).unwrap();
        assert!(
            agents.contains("A counts agents, each standing for 5 people")
                && agents.contains("B counts agents, each standing for 10 people")
        );
        assert_eq!(mixed_noun(people, ten), "people (A) or agents of 10 people (B)");
        assert_eq!(mixed_noun(five, ten), "agents of 5 (A) or 10 (B) people");
    }
}
