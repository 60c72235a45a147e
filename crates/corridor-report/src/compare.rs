//! Two scenarios side by side over replicates: `compare.csv` (each key figure's median and 5–95%
//! range in A and B, and their differences) and `compare.html` with plots.

use crate::charts::{self, Series, TimeChart};
use crate::counted::{compare_note, Counted};
use crate::{esc, n, Plot, CSS};
use chrono::NaiveDate;
use corridor::scenario::{PlaceKind, Scenario};
use corridor::validate::{by_day, camp_places, key_figures, on_the_way, places_of_kind, Recording, Spread, StatusSet};
use std::fmt::Write as _;

mod rows;
mod verdict;
pub use rows::{compare_csv, rows, split_notes, Row};
pub use verdict::{verdict_words, PairedT};

/// Where a scenario's people end up waiting, as its comparison plots them: the border cities, or
/// (a world without them, as FLEE's) the camps; and what to call them.
pub fn waiting_places(scenario: &Scenario) -> (Vec<usize>, &'static str) {
    let border = places_of_kind(scenario, PlaceKind::BorderCity);
    let camps = camp_places(scenario);
    if border.is_empty() && !camps.is_empty() {
        (camps, "camps")
    } else {
        (border, "border cities")
    }
}

/// What a comparison keeps of each replicate.
#[derive(Clone, Debug)]
pub struct Replicate {
    pub figures: Vec<(String, f64)>,
    /// People where they end up waiting (`waiting_places`), per day.
    pub waiting: Vec<f64>,
    /// People on the way, per day.
    pub on_way: Vec<f64>,
    /// The queues' joiners by month (waits_by_month.csv's rows; empty without institutions).
    pub cohorts: Vec<corridor::institutions::cohorts::CohortRow>,
}

impl Replicate {
    pub fn of(scenario: &Scenario, rec: &Recording) -> Replicate {
        let (places, _) = waiting_places(scenario);
        Replicate {
            figures: key_figures(scenario, rec),
            waiting: if places.is_empty() {
                vec![0.0; rec.days as usize]
            } else {
                rec.series(&places, &StatusSet::ON_ROUTE)
            },
            on_way: on_the_way(rec),
            cohorts: rec.queue_cohorts.clone(),
        }
    }
}

/// One side of a comparison.
#[derive(Clone, Debug)]
pub struct Side {
    pub label: String,
    pub start: NaiveDate,
    /// What its people waiting are (`waiting_places`).
    pub waiting_at: &'static str,
    pub replicates: Vec<Replicate>,
    /// The seeds of its runs, in words (`1–10`).
    pub seeds: String,
    /// Whether its scenario has institutions (then `limits` apply to what a difference shows).
    pub institutions: bool,
    /// Whether its ports turn people without a number back on some day (`metering.turn_back_chance`),
    /// a calibrated chance through which metering moves crossings between ports (`limits`).
    pub turn_backs: bool,
    /// Each port's name and whether metering is on there each day from `start`: where A's and B's
    /// differ (`metering_differs`), `limits` says what metering off means.
    pub metering: Vec<(String, Vec<bool>)>,
    /// The least gap between two groups of its runs (`corridor::validate::min_group_gap`).
    pub min_gap: f64,
    /// What its counts count: people, or under FLEE's `hasten` agents (`Counted::of` its scenario).
    pub counted: Counted,
}

/// What a difference between scenarios with institutions can and cannot show (compare.html).
pub fn limits(turn_backs: bool, metering_changed: bool) -> Vec<String> {
    let mut limits = vec![
        "Court outcomes (granted, denied, in absentia) are the hearings held within the period. Where the general calendar's backlog puts hearings past the period's end (years, in caravan-2018), a change that moves cases off MPP's own docket (heard `courts.mpp_hearing_days` after the return) onto the general calendar moves their outcomes past the end too, where they are not counted, while those it moves into US detention are heard on the detained docket (`courts.detained_hearing_days` after detention) and, if denied, removed (counted as deported, not denied); and MPP cases have their own no-show rate and may be granted less often (`courts.no_show_mpp`, `courts.grant_mpp_factor`), so their outcomes differ as well as their dates.".to_string(),
        "People's choices (to set out, where to go, to join or leave a list, to cross between ports) do not respond to a policy or to a list's length, only to time waited and, for IOM returns, to crowding (the two exceptions, off by default: `crossing.on_arrival_per_month_of_wait` makes arrivals cross more often at a port whose list promises a long wait, and `metering.other_port_on_arrival_per_month_of_wait` sends them on to a port whose list promises a shorter one): the government policies a scenario dates (metering, MPP, troops, the proclamation...) do not change how many set out or the daily rate of any choice (only a `[[policy]]` on a choice's own parameter does, such as caravan-2018's on leaving Ciudad Juárez's list). They change what the institutions do to the people who come, and so which choices they face: without MPP nobody waits in Mexico under it, so nobody gives it up, and returns home and crossings between ports fall by those who did.".to_string(),
    ];
    // Only where the change touches metering (planner's review of session 32: the paragraph stood in
    // every comparison, as if metering had been switched off in each).
    if metering_changed {
        limits.push(format!("Metering off: {}.", corridor::institutions::metering::OFF_MEANS));
    }
    if turn_backs {
        limits.push(
            "Ports turn people who come without a number back (metering.turn_back_chance: no source measures it, \
             so a scenario calibrates or assumes it), and those turned back try again another day. Only those who \
             set out undecided (caravan members, and flows without cross_on_arrival) decide again at each try \
             whether to cross between ports: where most come so, a change to metering moves crossings between ports \
             largely through that chance; people who decided as they set out only wait longer to join a list."
                .to_string(),
        );
    }
    limits
}

/// Whether metering differs between A and B at a port both have (by name) on a date both run (final
/// reviews of session 33: sides of other periods differed by their length, or their start, alone).
pub fn metering_differs(a: &Side, b: &Side) -> bool {
    let shift = (b.start - a.start).num_days();
    a.metering.iter().any(|(port, on_a)| {
        let Some((_, on_b)) = b.metering.iter().find(|(other, _)| other == port) else { return false };
        let on_b_at = |i: usize| usize::try_from(i as i64 - shift).ok().and_then(|j| on_b.get(j));
        on_a.iter().enumerate().any(|(i, on)| on_b_at(i).is_some_and(|other| other != on))
    })
}

impl Side {
    /// The figure `name` in each replicate (None where a replicate lacks it).
    pub fn values(&self, name: &str) -> Vec<Option<f64>> {
        self.replicates.iter().map(|r| r.figures.iter().find(|f| f.0 == name).map(|f| f.1)).collect()
    }

    /// Figure `name` over this side's runs, from its values in each (`values`): its spread, and the
    /// two groups the runs fall in, if they do (`two_groups`).
    fn figure(&self, values: &[Option<f64>]) -> (Option<Spread>, Option<[corridor::validate::Group; 2]>) {
        let v: Vec<f64> = values.iter().flatten().copied().collect();
        ((!v.is_empty()).then(|| Spread::of(&v)), corridor::validate::two_groups(&v, self.min_gap))
    }

    /// Median and 5–95% band per day of a series.
    fn band(&self, pick: impl Fn(&Replicate) -> &Vec<f64>) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
        let runs: Vec<&[f64]> = self.replicates.iter().map(|r| pick(r).as_slice()).collect();
        by_day(&runs)
    }
}

/// The file names (without `.svg`) of compare's charts, as `compare_plots` writes them.
pub const COMPARE_PLOTS: [&str; 2] = ["compare_border", "compare_on_way"];

/// Whether a chart's file name (without `.svg`) is one of compare's (`COMPARE_PLOTS`).
pub fn is_compare_plot(stem: &str) -> bool {
    COMPARE_PLOTS.contains(&stem)
}

/// The comparison's plots: people in border cities and people on the way, A and B, with bands.
pub fn compare_plots(a: &Side, b: &Side) -> Result<Vec<Plot>, charts::ChartError> {
    let mut plots = Vec::new();
    let (who, who_capital) = nouns(a, b);
    let on_way_means = format!(" {who_capital} on the way are those {}.", crate::figures::ON_THE_WAY);
    let waiting = if a.waiting_at == b.waiting_at {
        format!("{who_capital} in {} (all statuses on the route)", a.waiting_at)
    } else {
        format!("{who_capital} in border cities or camps")
    };
    let on_way = format!("{who_capital} on the way");
    for (file, title, means, pick) in [
        (COMPARE_PLOTS[0], waiting.as_str(), "", (|r: &Replicate| &r.waiting) as fn(&Replicate) -> &Vec<f64>),
        (COMPARE_PLOTS[1], on_way.as_str(), on_way_means.as_str(), |r: &Replicate| &r.on_way),
    ] {
        let series: Vec<Series> = [a, b]
            .iter()
            .enumerate()
            .map(|(i, side)| {
                let (med, lo, hi) = side.band(pick);
                Series {
                    band: Some((lo, hi)),
                    thin: i == 1,
                    ..Series::new(format!("{} (median, 5–95%)", legend_label(&side.label)), med)
                }
            })
            .collect();
        plots.push(Plot {
            file: file.into(),
            caption: format!("{title}: median over replicates, shaded 5–95% range; A and B.{means}"),
            svg: charts::time_chart(
                &TimeChart { title: title.into(), y_label: who.clone(), start: a.start, series, marks: Vec::new() },
                (960, 420),
            )?,
        });
    }
    Ok(plots)
}

/// The noun of the comparison's counts, plain and with a capital: people; agents when both sides count
/// agents of as many people (FLEE's `hasten`); each side's when they count differently (people against
/// agents, or agents of other `hasten`: review 2 of session 18, agents of 5 and of 2 people were both
/// "agents"; `compare_note` says which).
fn nouns(a: &Side, b: &Side) -> (String, String) {
    if a.counted == b.counted {
        return (a.counted.noun().into(), a.counted.noun_capital().into());
    }
    let who = crate::counted::mixed_noun(a.counted, b.counted);
    let capital = crate::capitalised(&who);
    (who, capital)
}

/// A side's label as a plot's legend shows it: at most 70 characters (a B with several `--set`s would
/// run off the plot), the rest as "…"; the page above the plots gives it whole.
fn legend_label(label: &str) -> String {
    const MAX: usize = 70;
    if label.chars().count() <= MAX {
        return label.to_string();
    }
    let kept: String = label.chars().take(MAX - 1).collect();
    format!("{kept}…")
}

/// compare.html's title element, by which a later compare knows the page as one of its own.
pub const COMPARE_TITLE: &str = "<title>corridor comparison</title>";

/// `compare.html`: the key figures' table (`rows`), the notes on figures whose runs split (`notes`, as
/// `split_notes` gives them, once for the page and the terminal) and the `plots`.
pub fn compare_html(a: &Side, b: &Side, rows: &[Row], notes: &[String], plots: &[Plot]) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">{COMPARE_TITLE}<style>{CSS}</style></head><body>\
<h1>corridor comparison</h1><p class=\"meta\">{}<br>{}<br>{} and {} replicates; seeds: A {}, B {}.</p>",
        esc(&a.label),
        esc(&b.label),
        a.replicates.len(),
        b.replicates.len(),
        esc(&a.seeds),
        esc(&b.seeds)
    );
    s.push_str(&compare_note(a.counted, b.counted));
    // What the differences can show, and the notes (split runs, few replicates, other periods), before
    // the table a reader quotes from (journalist's review of session 22: they came after its 90 rows).
    if a.institutions || b.institutions {
        s.push_str("<h3>What these differences can and cannot show</h3><ul>");
        for limit in limits(a.turn_backs || b.turn_backs, metering_differs(a, b)) {
            let _ = write!(s, "<li>{}</li>", esc(&limit));
        }
        s.push_str("</ul><p>See docs/institutions.md.</p>");
    }
    if !notes.is_empty() {
        s.push_str("<h3>Notes</h3><ul>");
        for note in notes {
            let _ = write!(s, "<li>{}</li>", esc(note));
        }
        s.push_str("</ul>");
    }
    s.push_str("<h2>Key figures</h2><p>B − A is the median over pairs of runs of B's i-th run minus A's i-th run, which share their seed when A and B start from one (otherwise the pairs are independent runs, and the range is wider than the change's own); under it, the 5–95% range of those differences. It need not equal B's median less A's (compare.csv gives both): the runs that give the two medians are seldom a pair. Every range is the spread over seeds: random chance only, not what is uncertain in the inputs.");
    // What a range of so many runs holds (statistician's review of session 25).
    let runs = a.replicates.len().min(b.replicates.len());
    match corridor::validate::range_coverage_words(runs, "a 5–95% range") {
        Some(words) => {
            let _ = write!(s, " {words}.</p>");
        }
        None => s.push_str(" One run gives no range.</p>"),
    }
    let _ = write!(s, "<p>Under B − A, the {}.</p>", esc(&verdict_words(runs)));
    s.push_str("<table><tr><th>figure</th><th>A median</th><th>A 5–95%</th><th>B median</th><th>B 5–95%</th><th>B − A</th><th>what it counts</th></tr>");
    let cell =
        |x: Option<Spread>| x.map_or(("".into(), "".into()), |v| (n(v.median), format!("{}–{}", n(v.p5), n(v.p95))));
    // A median of runs that split in two is marked where it stands (journalist's review of session
    // 22: the warning was only in the notes); the notes give the groups.
    let split = |groups: &Option<_>, median: String| match groups {
        Some(_) => format!("{median}<br><small>runs split in two: see the notes</small>"),
        None => median,
    };
    for r in rows {
        let (am, ar) = cell(r.a);
        let (bm, br) = cell(r.b);
        let (am, bm) = (split(&r.a_groups, am), split(&r.b_groups, bm));
        // Signed as it rounds (review of session 30: 0.3 was `+0`).
        let signed = |d: f64| if crate::whole(d) > 0 { format!("+{}", n(d)) } else { n(d) };
        let mut d = r.change().map_or(String::new(), signed);
        if let Some(p) = r.paired.filter(|p| p.p5 != p.p95) {
            let _ = write!(d, "<br><small>{} to {}</small>", signed(p.p5), signed(p.p95));
        }
        if let Some(t) = r.paired_t {
            let interval =
                t.interval().map_or(String::new(), |(low, high)| format!(": mean {} to {}", signed(low), signed(high)));
            let _ = write!(d, "<br><small>{}{interval}</small>", r.verdict());
        }
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{am}</td><td>{ar}</td><td>{bm}</td><td>{br}</td><td>{d}</td><td class=\"meaning\">{}</td></tr>",
            esc(&r.name),
            esc(&r.meaning)
        );
    }
    s.push_str("</table>");
    s.push_str("<h2>Plots</h2>");
    for p in plots {
        let _ = write!(
            s,
            "<figure>{}<figcaption>{} (<code>plots/{}.svg</code>)</figcaption></figure>",
            p.svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1),
            esc(&p.caption),
            esc(&p.file)
        );
    }
    s.push_str("</body></html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use corridor::validate::run_replicates;

    /// FLEE-user review of session 12: on a FLEE folder compare.html plotted "People in border
    /// cities", a world without any, as a flat line. A world without border cities plots its camps.
    #[test]
    fn a_world_without_border_cities_compares_its_camps() {
        let mut s = corridor::worlds::demo().unwrap();
        let side = |s: &Scenario| {
            let reps = run_replicates(s, s.seed, 1, |_, rec| Replicate::of(s, rec)).unwrap();
            let seeds = String::from("1");
            let institutions = s.institutions.is_some();
            Side {
                label: "A".into(),
                start: s.period.start,
                waiting_at: waiting_places(s).1,
                replicates: reps,
                seeds,
                institutions,
                min_gap: 0.0,
                turn_backs: false,
                metering: Vec::new(),
                counted: Counted::of(s),
            }
        };
        let border = side(&s);
        assert_eq!(border.waiting_at, "border cities");
        for p in &mut s.places {
            if p.kind == PlaceKind::BorderCity {
                p.kind = PlaceKind::Camp;
            }
        }
        let camps = side(&s);
        assert_eq!(camps.waiting_at, "camps");
        // The same places, so the same series, now under the camps' name.
        assert_eq!(camps.replicates[0].waiting, border.replicates[0].waiting);
        assert!(camps.replicates[0].waiting.iter().any(|&v| v > 0.0));
        let plots = compare_plots(&camps, &camps).unwrap();
        assert!(plots[0].caption.starts_with("People in camps (all statuses on the route):"), "{}", plots[0].caption);
        let mixed = compare_plots(&border, &camps).unwrap();
        assert!(mixed[0].caption.starts_with("People in border cities or camps:"), "{}", mixed[0].caption);
    }

    /// FLEE-user review of session 18: compare.html of FLEE folders under `hasten` named its figures
    /// and axes in people. Both sides in agents: agents, the keys kept in compare.csv; one side each:
    /// the names kept, the axes say both, and the page says which side counts what.
    #[test]
    fn the_comparison_names_agents_only_when_both_sides_count_them() {
        let side = |hasten: Option<u64>| Side {
            label: "x".into(),
            start: NaiveDate::from_ymd_opt(2012, 1, 1).unwrap(),
            waiting_at: "camps",
            institutions: false,
            min_gap: 0.0,
            turn_backs: false,
            metering: Vec::new(),
            counted: Counted { hasten },
            replicates: vec![Replicate {
                figures: vec![("Peak people in camps".into(), 3.0)],
                waiting: vec![1.0, 2.0],
                on_way: vec![0.0, 1.0],
                cohorts: Vec::new(),
            }],
            seeds: "1".into(),
        };
        let s = corridor::worlds::demo().unwrap();
        let page = |a: &Side, b: &Side| {
            let table = rows(a, b, &s, &s);
            let plots = compare_plots(a, b).unwrap();
            assert!(compare_csv(&table).contains("\nPeak people in camps,"), "the key stays");
            (compare_html(a, b, &table, &[], &plots), plots)
        };
        let (agents, plots) = page(&side(Some(10)), &side(Some(10)));
        assert!(agents.contains("<td>Peak agents in camps</td>") && agents.contains("each standing for 10 people"));
        assert!(plots.iter().all(|p| p.caption.starts_with("Agents ") && p.svg.contains(">\nagents\n<")));
        let (mixed, plots) = page(&side(Some(10)), &side(None));
        assert!(mixed.contains("<td>Peak people in camps</td>") && mixed.contains("B counts people"), "{mixed}");
        let each = "Agents of 10 people (A) or people (B) ";
        assert!(plots.iter().all(|p| p.caption.starts_with(each)), "{:?}", plots[0].caption);
        // Review 2 of session 18: agents of 10 and of 2 people are not alike: the axes say each side's.
        let (two, plots) = page(&side(Some(10)), &side(Some(2)));
        assert!(two.contains("<td>Peak agents in camps</td>") && two.contains("B counts agents, each standing for 2"));
        let each = "Agents of 10 (A) or 2 (B) people ";
        assert!(plots.iter().all(|p| p.caption.starts_with(each)), "{:?}", plots[0].caption);
        assert!(plots.iter().all(|p| p.svg.contains(">\nagents of 10 (A) or 2 (B) people\n<")), "{}", plots[0].svg);
        let (people, plots) = page(&side(None), &side(None));
        assert!(people.contains("<td>Peak people in camps</td>") && !people.contains("agents"), "{people}");
        assert!(plots.iter().all(|p| p.caption.starts_with("People ") && !p.svg.contains("agents")));
    }

    /// Policy-researcher review of session 13: a B with six `--set`s had a 174-character legend, cut
    /// off by the plot's edge.
    #[test]
    fn long_labels_are_shortened_in_legends_only() {
        assert_eq!(legend_label("A = caravan-2018"), "A = caravan-2018");
        let long = format!("B = caravan-2018 with {}", "policy.16.value=false, ".repeat(6));
        let shown = legend_label(&long);
        assert_eq!(shown.chars().count(), 70);
        assert!(shown.ends_with('…') && long.starts_with(shown.trim_end_matches('…')));
    }
}
