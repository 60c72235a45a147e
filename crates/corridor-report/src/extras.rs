//! Extra charts built from the run itself, never read back from its output files: the institution
//! queues (one time chart per queues.csv column) and the distributions of outcomes.csv's day columns.
//!
//! - Queues: from the run's [`Recording`], one chart per numeric queues.csv column (`waiting`,
//!   `admitted`, `left`), one line per queue, split by scale when sizes differ widely.
//! - Outcomes: [`OutcomeCharts`] is a sink fed every agent's end state (the rows outcomes.csv gets);
//!   it counts each value of the day columns ([`DAY_COLUMNS`]) above zero, for a histogram each, in
//!   people (an outcomes.csv row is one agent, who stands for `people_per_agent` people), or in
//!   agents under FLEE's `hasten` (then every count is of agents: [`Counted`]).

use crate::charts::{self, Mark, Series, TimeChart};
use crate::counted::Counted;
use crate::{n, Plot};
use chrono::NaiveDate;
use corridor::observe::{DayObservation, Outcomes, RunInfo, Sink};
use corridor::output::outcomes::DAY_COLUMNS;
use corridor::output::OutputError;
use corridor::validate::Recording;
use std::collections::BTreeMap;

/// An extra chart.
#[derive(Clone, Debug, PartialEq)]
pub enum Extra {
    /// Lines over days: (label, value per day from the run's start).
    Lines { file: String, title: String, y_label: String, series: Vec<(String, Vec<f64>)> },
    /// A distribution: (value, how many have it), ascending by value; `y_label` says what they are
    /// (people, or agents); `note`, said after the title in the caption only (a chart's title that
    /// long was cut at both ends: journalist's review of session 25).
    Histogram { file: String, title: String, note: String, x_label: String, y_label: String, counts: Vec<(f64, u64)> },
}

impl Extra {
    pub fn plot(&self, start: NaiveDate) -> charts::Result<Plot> {
        self.plot_marked(start, &[], "")
    }

    /// The plot, a time chart with `marks` and `key` (the marks' key, appended to its caption).
    pub fn plot_marked(&self, start: NaiveDate, marks: &[Mark], key: &str) -> charts::Result<Plot> {
        match self {
            Extra::Lines { file, title, y_label, series } => Ok(Plot {
                file: file.clone(),
                caption: if key.is_empty() { title.clone() } else { format!("{title}.{key}") },
                svg: charts::time_chart(
                    &TimeChart {
                        title: title.clone(),
                        y_label: y_label.clone(),
                        start,
                        series: series.iter().map(|(l, v)| Series::new(l.clone(), v.clone())).collect(),
                        marks: marks.to_vec(),
                    },
                    (960, 420),
                )?,
            }),
            Extra::Histogram { file, title, note, x_label, y_label, counts } => Ok(Plot {
                file: file.clone(),
                caption: format!("{title}{note} ({} {y_label})", n(counts.iter().map(|c| c.1).sum::<u64>() as f64)),
                svg: charts::histogram(title, x_label, y_label, counts, 30, (960, 380))?,
            }),
        }
    }
}

/// A column's value in a recorded queue day.
type QueueValue = fn(&corridor::validate::QueueDay) -> u64;

/// The numeric columns of queues.csv, in column order, with their values in a recorded queue day.
const QUEUE_COLUMNS: [(&str, QueueValue); 3] =
    [("waiting", |q| q.waiting), ("admitted", |q| q.admitted), ("left", |q| q.left)];

/// Time charts of the institution queues (queues.csv's numbers) over `days` days: one chart per
/// column with a non-zero value, one line per queue, labelled `label(queue name)`; none without queues.
pub fn queue_extras(rec: &Recording, days: u32, label: impl Fn(&str) -> String) -> Vec<Extra> {
    let n = rec.queue_names.len();
    let mut out = Vec::new();
    if n == 0 || rec.queue_rows.is_empty() {
        return out;
    }
    for (column, value) in QUEUE_COLUMNS {
        let mut series: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        for (k, row) in rec.queue_rows.iter().enumerate() {
            let day = k / n;
            if day >= days as usize {
                continue;
            }
            series.entry(&rec.queue_names[k % n]).or_insert_with(|| vec![0.0; days as usize])[day] += value(row) as f64;
        }
        let series = series.into_iter().filter(|s| s.1.iter().any(|v| *v != 0.0)).map(|(l, v)| (label(l), v));
        let groups = by_scale(series.collect());
        let many = groups.len() > 1;
        for (k, group) in groups.into_iter().enumerate() {
            let part = match (many, k) {
                (false, _) => String::new(),
                (true, 0) => " (largest values)".to_string(),
                (true, k) => format!(" (smaller values, group {})", k + 1),
            };
            out.push(Extra::Lines {
                file: if k == 0 { format!("queues_{column}") } else { format!("queues_{column}_{}", k + 1) },
                title: format!("Queues: people {}{part}", column.replace('_', " ")),
                y_label: format!("people {}", column.replace('_', " ")),
                series: group,
            });
        }
    }
    out
}

/// Splits series so that each chart's lines are of a similar size: sorted by peak, a new group
/// starts when a series' peak is below a twentieth of its group's largest (a court backlog of
/// 800,000 would otherwise flatten waitlists of a few thousand).
fn by_scale(mut series: Vec<(String, Vec<f64>)>) -> Vec<Vec<(String, Vec<f64>)>> {
    let peak = |s: &(String, Vec<f64>)| s.1.iter().copied().fold(0.0, f64::max);
    series.sort_by(|a, b| peak(b).total_cmp(&peak(a)).then_with(|| a.0.cmp(&b.0)));
    let mut groups: Vec<Vec<(String, Vec<f64>)>> = Vec::new();
    let mut top = 0.0;
    for s in series {
        let p = peak(&s);
        match groups.last_mut() {
            Some(g) if p * 20.0 >= top => g.push(s),
            _ => {
                top = p;
                groups.push(vec![s]);
            }
        }
    }
    groups
}

/// A sink that counts, for each day column of outcomes.csv, how many people have each value above
/// zero (zero means the agent never went through that stage; an empty field is left out too). It
/// counts agents (outcomes.csv rows) and weighs each by the run's `people_per_agent` (from `begin`).
pub struct OutcomeCharts {
    /// Per day column: agents by value (index = days).
    counts: [Vec<u64>; 3],
    /// Rows seen (agents).
    rows: u64,
    /// People each agent stands for (the run's `people_per_agent`, 1 until `begin`).
    people_per_agent: u64,
}

impl Default for OutcomeCharts {
    fn default() -> Self {
        OutcomeCharts { counts: Default::default(), rows: 0, people_per_agent: 1 }
    }
}

impl OutcomeCharts {
    pub fn new() -> Self {
        OutcomeCharts::default()
    }

    /// A histogram for each day column with a value above zero, in column order, in people (agents
    /// when `counted` says the run's counts are: the rows are weighed the same, by `people_per_agent`).
    pub fn extras(&self, counted: Counted) -> Vec<Extra> {
        let ppa = self.people_per_agent;
        DAY_COLUMNS
            .iter()
            .zip(&self.counts)
            .filter(|(_, c)| self.rows > 0 && c.iter().any(|&k| k > 0))
            .map(|(name, c)| Extra::Histogram {
                file: format!("outcomes_{name}"),
                title: format!("Outcomes: {} (values above 0)", name.replace('_', " ")),
                note: note(name).into(),
                x_label: name.replace('_', " "),
                y_label: counted.noun().into(),
                counts: c.iter().enumerate().filter(|(_, &k)| k > 0).map(|(v, &k)| (v as f64, k * ppa)).collect(),
            })
            .collect()
    }
}

/// What a day column's histogram needs said beside it: the hearing dates are those booked, which a
/// court backlog puts past the run's end (journalist's review of session 22: caravan-2018's median of
/// 1,288 days in a 647-day run went unexplained).
fn note(column: &str) -> &'static str {
    match column {
        "days_to_hearing" => "; the dates booked on the court calendar, counted also where they fall after the run",
        _ => "",
    }
}

impl Sink for OutcomeCharts {
    fn begin(&mut self, info: &RunInfo) -> Result<(), OutputError> {
        self.people_per_agent = u64::from(info.people_per_agent);
        Ok(())
    }

    fn day(&mut self, _obs: &DayObservation<'_>) -> Result<(), OutputError> {
        Ok(())
    }

    fn outcomes(&mut self, o: &Outcomes<'_>) -> Result<(), OutputError> {
        // Inlined into the loop over a million agents (a call per agent cost as much as the counting).
        o.for_each_day_values(
            #[inline(always)]
            |values| {
                for (counts, v) in self.counts.iter_mut().zip(values) {
                    match v {
                        Some(v) if v > 0 => {
                            let v = v as usize;
                            if v >= counts.len() {
                                counts.resize(v + 1, 0);
                            }
                            counts[v] += 1;
                        }
                        _ => {}
                    }
                }
            },
        );
        self.rows += o.agents.len() as u64;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_split_and_histograms_draw() {
        let groups =
            by_scale(vec![("a".into(), vec![12.0, 0.0]), ("b".into(), vec![0.5, 0.0]), ("c".into(), vec![1.0, 3.0])]);
        let names: Vec<Vec<&str>> = groups.iter().map(|g| g.iter().map(|s| s.0.as_str()).collect()).collect();
        assert_eq!(names, vec![vec!["a", "c"], vec!["b"]]);
        let start = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
        let h = |y: &str| Extra::Histogram {
            file: "h".into(),
            title: "t".into(),
            note: String::new(),
            x_label: "d".into(),
            y_label: y.into(),
            counts: vec![(3.0, 2)],
        };
        let p = h("people").plot(start).unwrap();
        assert!(p.svg.contains("<svg") && p.caption.ends_with("(2 people)"), "{}", p.caption);
        let p = h("agents").plot(start).unwrap();
        assert!(
            p.caption.ends_with("(2 agents)") && p.svg.contains("agents") && !p.svg.contains("people"),
            "{}",
            p.svg
        );
    }

    #[test]
    fn outcome_histograms_count_people_not_agents() {
        // Agents (outcomes.csv rows) by value of each day column, as `outcomes` leaves them.
        let mut charts = OutcomeCharts::new();
        charts.counts = [vec![0, 3, 0, 4], vec![0, 0, 2], Vec::new()];
        charts.rows = 7;
        let info = |people_per_agent| RunInfo {
            scenario: "t".into(),
            seed: 1,
            period: corridor::time::Period { start: NaiveDate::from_ymd_opt(2018, 1, 1).unwrap(), days: 5 },
            people_per_agent,
            hasten: None,
            place_names: [].into(),
            threads: 1,
        };
        let histograms = |charts: &OutcomeCharts| -> Vec<Vec<(f64, u64)>> {
            charts
                .extras(Counted::default())
                .into_iter()
                .map(|x| match x {
                    Extra::Histogram { counts, .. } => counts,
                    other => panic!("not a histogram: {other:?}"),
                })
                .collect()
        };
        charts.begin(&info(1)).unwrap();
        let agents = histograms(&charts);
        assert_eq!(agents, vec![vec![(1.0, 3), (3.0, 4)], vec![(2.0, 2)]]);
        // With 10 people per agent each agent weighs 10, and the caption's total is people.
        charts.begin(&info(10)).unwrap();
        let people = histograms(&charts);
        for (a, p) in agents.iter().zip(&people) {
            let scaled: Vec<(f64, u64)> = a.iter().map(|&(v, k)| (v, k * 10)).collect();
            assert_eq!(p, &scaled);
        }
        let start = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
        let caption = charts.extras(Counted::default())[0].plot(start).unwrap().caption;
        assert!(caption.ends_with("(70 people)"), "{caption}");
        // The hearings' dates are those booked, past the run's end too (journalist's review, session 22).
        charts.counts[2] = vec![0, 0, 0, 5];
        let captions: Vec<String> =
            charts.extras(Counted::default()).iter().map(|x| x.plot(start).unwrap().caption).collect();
        assert!(captions[2].contains("days to hearing") && captions[2].contains("after the run"), "{captions:?}");
        assert!(!captions[0].contains("after the run"), "{captions:?}");
        // The note is the caption's, not the chart's title, which it made too long to show whole
        // (journalist's review of session 25).
        let svg = &charts.extras(Counted::default())[2].plot(start).unwrap().svg;
        assert!(svg.contains("Outcomes: days to hearing (values above 0)") && !svg.contains("after the run"));
        charts.counts[2].clear();
        // Under FLEE's `hasten` the same rows are agents, and the caption says so.
        let agents = charts.extras(Counted { hasten: Some(10) });
        assert_eq!(agents.len(), 2);
        let caption = agents[0].plot(start).unwrap().caption;
        assert!(caption.ends_with("(70 agents)"), "{caption}");
    }
}
