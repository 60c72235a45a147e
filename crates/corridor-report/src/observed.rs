//! What the run's figures mean in words (the key figures and the scenario's observed figures), and
//! the report's section that sets this run against each observed figure with its metric.

use crate::figures::ON_THE_WAY;
use crate::{esc, n};
use corridor::population::Status;
use corridor::scenario::{Metric, Observed, Scenario};
use corridor::validate::{
    evaluate, range_text_with, FigureCheck, Recording, StatusSet, IN_BORDER_CITIES_NO_IN_ABSENTIA,
};
use std::fmt::Write as _;

/// Names of `items` joined, or `none` when there are none.
fn names_or(items: impl IntoIterator<Item = String>, none: &str) -> String {
    let v: Vec<String> = items.into_iter().collect();
    if v.is_empty() {
        none.to_string()
    } else {
        v.join(", ")
    }
}

/// What a queue's `admitted` counts (docs/outputs.md, queues.csv).
fn admitted_meaning(queue: &str) -> String {
    if let Some(port) = queue.strip_prefix("waitlist:") {
        return format!("people called to {port} from its list");
    }
    if let Some(centre) = queue.strip_prefix("detention:") {
        return format!("people taken into detention at {centre}");
    }
    use corridor::scenario::checks::{IOM_QUEUE, US_DETENTION_QUEUE};
    match queue {
        "comar" => "COMAR applications decided".into(),
        "humanitarian_visa" => "humanitarian visa cards issued".into(),
        IOM_QUEUE => "people IOM returned home (assisted voluntary return)".into(),
        "court" => "court hearings held".into(),
        US_DETENTION_QUEUE => "people taken into US detention".into(),
        other => format!("people served by the queue {other}"),
    }
}

/// For a court's outcome (granted, denied, in absentia), what such a count can show: only the
/// hearings held within the period (compare.csv's `meaning`, as compare.html's limits).
fn court_outcome(status: &str) -> String {
    const WITHIN: &str = ": only hearings held within the period count, so a change that moves hearings past \
                          its end (off MPP's docket, say) lowers it: those cases are undecided within the period";
    match status {
        "denied" => format!("{WITHIN}; people denied in US detention are removed, so counted as deported, not here"),
        "granted" | "in_absentia" => WITHIN.to_string(),
        "deported" => ": Mexico's deportations and US removals (after failed screening, of people denied in US \
                       detention, of people under an in absentia order caught crossing)"
            .to_string(),
        _ => String::new(),
    }
}

/// What a key figure of `corridor::validate::key_figures` named `name` counts, in words, for the tables
/// of `compare` (its name alone does not say the metric, or that an arrival is counted each time).
pub fn figure_meaning(scenario: &Scenario, name: &str) -> String {
    if let Some(o) = scenario.observed.iter().find(|o| o.name == name) {
        return format!("{}: {} (observed figure)", o.metric, metric_what(scenario, o));
    }
    let present = StatusSet::ON_ROUTE_WORDS;
    let end = scenario.period.date(scenario.period.days.saturating_sub(1));
    // People, or under FLEE's `hasten` agents (FLEE's worlds have no institutions, so only the figures
    // of the journey can count agents).
    let counted = crate::counted::Counted::of(scenario);
    let who = counted.noun();
    let fixed = match name {
        "People created" => Some(match counted.hasten {
            Some(_) => format!("agents the scenario created over the run{}", counted.each_stands_for()),
            None => "people the scenario created over the run (agents × people per agent)".into(),
        }),
        "Peak people in border cities" => {
            Some(format!("highest daily count of {who} in the border cities ({present})"))
        }
        "Peak people in camps" => Some(format!("highest daily count of {who} in the camps ({present})")),
        "Arrivals at border cities" => Some(
            "arrivals at border cities over the run: each arrival counts, so someone who comes back counts again"
                .into(),
        ),
        "Peak people on the way" => Some(format!("highest daily count of {who} on the way: those {ON_THE_WAY}")),
        corridor::validate::APPREHENDED_IN_MEXICO => Some(
            "people apprehended in Mexico over the run, at checkpoints and in raids (summary.json's \
             enforcement.apprehended): each apprehension counts"
                .into(),
        ),
        corridor::validate::LET_GO_FOR_WANT_OF_ROOM => Some(
            "people apprehended in Mexico whom a full detention centre could not take, let go where they were \
             caught (enforcement.released_detention_full): a limit of the centres' capacity"
                .into(),
        ),
        corridor::validate::NOT_RETURNED_UNDER_MPP => Some(
            "people MPP would have returned to Mexico but for a port's daily limit (mpp.capacity_per_day), \
             processed as where MPP is off instead, detained or released in the US \
             (mpp.not_returned_over_capacity)"
                .into(),
        ),
        IN_BORDER_CITIES_NO_IN_ABSENTIA => Some(format!(
            "people in the border cities on {end} ({present}) but those ordered removed in absentia, who \
             leave the city with the daily chance mpp.ordered_leave_daily (an assumption)"
        )),
        _ => None,
    };
    if let Some(meaning) = fixed {
        return meaning;
    }
    // The figures named after a status or a place (no fixed offsets: a name cut short cannot panic).
    if let Some(status) = name.strip_prefix("Entries into ").and_then(|n| n.strip_suffix(" over the run")) {
        return format!(
            "people entering status {status} over the run, all places: someone who enters it twice counts twice{}",
            court_outcome(status)
        );
    }
    if let Some(queue) =
        name.strip_prefix(corridor::validate::ADMITTED_FROM).and_then(|n| n.strip_suffix(" over the run"))
    {
        return format!("{} over the run (queues.csv's admitted, summed)", admitted_meaning(queue));
    }
    if let Some(place) = name.strip_prefix("Peak people in ") {
        return format!("highest daily count of {who} at {place} ({present})");
    }
    let Some(rest) = name.strip_prefix("People ").and_then(|n| n.strip_suffix(" at the end")) else {
        return String::new();
    };
    if let Some(country) = rest.strip_prefix("detained in ") {
        let us_detention = scenario
            .institutions
            .as_ref()
            .is_some_and(|inst| inst.ports.iter().any(|p| scenario.places[p.us_side.index()].country == country));
        let pinned = if us_detention {
            ": US detention holds people until their hearing on the detained docket \
             (courts.detained_hearing_days after detention) or their parole (us_detention.parole_daily)"
        } else {
            ""
        };
        return format!("people detained at places in {country} on {end}{pinned}");
    }
    if Status::ALL.iter().any(|s| s.name() == rest) {
        return format!("{who} in status {rest}, all places, on {end}{}", court_outcome(rest));
    }
    let place = rest.strip_prefix("in ").unwrap_or(rest);
    format!("{who} at {place} ({present}) on {end}")
}

/// What an `[[observed]]` figure measures, as HTML: its metric, then `metric_what`.
pub fn metric_text(scenario: &Scenario, o: &Observed) -> String {
    format!("<code>{}</code>: {}", o.metric, esc(&metric_what(scenario, o)))
}

/// What an `[[observed]]` figure measures, in words: whom it counts, where and when (the rules of
/// `corridor::validate::evaluate`).
fn metric_what(scenario: &Scenario, o: &Observed) -> String {
    let date = |d: u32| scenario.period.date(d);
    let window = if o.from_day == o.to_day {
        format!("on {}", date(o.to_day))
    } else {
        format!("{} to {}", date(o.from_day), date(o.to_day))
    };
    let places = if o.places.is_empty() {
        "at all places".to_string()
    } else {
        format!("at {}", names_or(o.places.iter().map(|p| scenario.places[p.index()].name.clone()), ""))
    };
    let who = match &o.caravans {
        Some(c) if c.len() == scenario.caravans.len() => "caravan members".to_string(),
        Some(c) => format!(
            "members of {}",
            names_or(c.iter().filter_map(|&i| scenario.caravans.get(i as usize)).map(|c| c.name.clone()), "no caravan")
        ),
        None => "people".to_string(),
    };
    let statuses = |default: &str| names_or(o.statuses.iter().cloned(), default);
    let queues = format!(
        "{} {}",
        if o.queues.len() == 1 { "queue" } else { "queues" },
        names_or(o.queues.iter().cloned(), "none")
    );
    let what = match o.metric {
        Metric::PeakCount | Metric::MeanCount | Metric::EndCount => {
            let (how, when) = match o.metric {
                Metric::PeakCount => ("highest daily count", window),
                Metric::MeanCount => ("mean daily count", window),
                _ => ("count", format!("on {}", date(o.to_day))),
            };
            if o.queues.is_empty() {
                format!("{how} of {who} {places} (statuses: {}), {when}", statuses("every status but travelling"))
            } else {
                format!("{how} of people waiting in {queues} (queues.csv waiting), {when}")
            }
        }
        // Each arrival counts, as for the key figure of arrivals at border cities (planner's review of
        // session 31: a figure of caravan members "reaching" places read as people).
        Metric::Arrivals => {
            format!("arrivals of {who} {places}, {window}: each arrival counts, so someone who comes back counts again")
        }
        Metric::Entries => format!("people entering {}, all places, {window}", statuses("any status")),
        Metric::Admitted => format!("people admitted by {queues} (sum of queues.csv admitted), {window}"),
        Metric::Joined => format!("people who joined {queues} (admitted + left + growth of waiting), {window}"),
        Metric::Ard => window,
    };
    what
}

/// An observed range of counts as the page writes numbers (`5,225–7,837`, `>= 300`; journalist's
/// review of session 22: the page's ranges lacked the separators its other numbers have).
fn counts_range(low: f64, high: f64) -> String {
    range_text_with(low, high, n)
}

/// The scenario's observed figures evaluated on this run, as an HTML section (empty without any).
pub(crate) fn observed_html(scenario: &Scenario, rec: &Recording) -> String {
    if scenario.observed.is_empty() {
        return String::new();
    }
    let mut s = String::new();
    let _ = write!(
        s,
        "<h2>Observed figures, this run</h2><p>Each figure the scenario records from sources (its <code>[[observed]]</code> entries, with the metric each declares), against this one run (seed {seed}). One run can fall within a range that the median over seeds misses, or outside one that it meets: <code>corridor validate --replicates 20</code> runs 20 seeds and gives each figure's median and 5–95% range, and checks the median. A figure's role says what it can show: a <i>check</i> is one no parameter was fitted to; a <i>calibrated</i> figure is one a parameter was fitted to, and an <i>input</i> one the scenario's own inputs give back (a caravan's size counted at its start): within their ranges, only checks can say the model is right, and only as far as they were not looked at in building it (a check is not held out: a scenario's docs say which shaped its design).",
        seed = rec.info.seed
    );
    if let Some(b) = corridor::worlds::builtin(&scenario.name) {
        if let Some((file, section)) = b.doc {
            // A copy under the same name, edited or run with `--set`, is not the scenario the document explains.
            let same = b.scenario().is_ok_and(|built_in| built_in == *scenario);
            let which = if same { "" } else { ", of which this scenario is a changed copy," };
            let _ = write!(
                s,
                " Why figures of the built-in {} scenario{which} fall outside their ranges is explained in <code>{}</code> of corridor's source (section \u{201c}{}\u{201d}).",
                esc(&scenario.name),
                esc(file),
                esc(section)
            );
        }
    }
    s.push_str(" Each figure's source is the scenario's <code>source</code> text; its <code>[n]</code> references are listed in the scenario's <code>SOURCES.md</code> (for a built-in scenario, <code>corridor export NAME DIR</code> writes it with the scenario's files).");
    // How close, said once above the rows (journalist's review of session 22: no tally on the page).
    let checks: Vec<FigureCheck> =
        scenario.observed.iter().map(|o| FigureCheck::new(o, vec![evaluate(o, rec)])).collect();
    let within = checks.iter().filter(|c| c.within).count();
    let by_role = corridor::validate::within_by_role(&checks);
    let by_role = if by_role.is_empty() { String::new() } else { format!(" ({by_role})") };
    let _ = write!(
        s,
        "</p><p><b>In this run {within} of {} figures fall within their observed ranges{by_role}.</b> Where a random choice splits the runs in two (validate names such figures' groups), one run stands for its own group only.",
        checks.len()
    );
    s.push_str("</p><table><tr><th>figure</th><th>role</th><th>metric</th><th>observed</th><th>this run</th><th>check</th><th>source</th></tr>");
    // Each figure evaluated once, for the tally and its row.
    for c in &checks {
        let (o, v, ok) = (&c.observed, c.spread.median, c.within);
        let _ = write!(
            s,
            "<tr><td>{}</td><td class=\"l\">{}</td><td class=\"l\">{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td class=\"l\">{}</td></tr>",
            esc(&o.name),
            o.role.name(),
            metric_text(scenario, o),
            esc(&counts_range(o.low, o.high))
                + &o.reported.filter(|_| o.low != o.high).map_or(String::new(), |r| format!(" (reported {})", n(r))),
            n(v),
            if ok { "in" } else { "out" },
            if ok { "within" } else { "outside" },
            esc(&o.source)
        );
    }
    s.push_str("</table>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::one_run;

    /// Review of session 15: "MPP off" took every court outcome to 0, and compare.csv's meaning said
    /// only "people in status denied". A court outcome's meaning now says what it can show.
    #[test]
    fn court_outcomes_say_they_count_the_hearings_within_the_period() {
        let s = corridor::worlds::caravan_2018().unwrap();
        for name in ["People denied at the end", "Entries into granted over the run", "People in_absentia at the end"] {
            assert!(figure_meaning(&s, name).contains("undecided within the period"), "{name}");
        }
        assert!(!figure_meaning(&s, "People waitlisted at the end").contains("within the period"));
    }

    /// FLEE-user review of session 18: compare.csv's meanings of a FLEE folder's figures under
    /// `hasten` counted "people" though its counts are agents.
    #[test]
    fn meanings_under_hasten_count_agents() {
        let mut s = corridor::worlds::demo().unwrap();
        let names = ["People created", "Peak people in camps", "Peak people on the way", "People at_place at the end"];
        let names = names.into_iter().chain(["Peak people in Tapachula", "People in camps at the end"]);
        let names: Vec<&str> = names.collect();
        for name in &names {
            let m = figure_meaning(&s, name);
            assert!(m.starts_with("people ") || m.starts_with("highest daily count of people "), "{m}");
        }
        s.flee = Some(corridor::scenario::FleeOrigin { hasten: 10 });
        for name in &names {
            let m = figure_meaning(&s, name);
            assert!(m.starts_with("agents ") || m.starts_with("highest daily count of agents "), "{m}");
            assert!(!m.contains("people") || m.ends_with("each standing for 10 people"), "{m}");
        }
    }

    #[test]
    fn observed_rows_say_their_metric_and_point_to_the_spread() {
        let s = corridor::worlds::caravan_2018().unwrap();
        let rec = one_run(&s);
        let html = observed_html(&s, &rec);
        assert!(html.contains(&format!("seed {}", rec.info.seed)), "{html}");
        assert!(html.contains("corridor validate --replicates 20"));
        // The tally above the rows (journalist's review of session 22), as the rows' verdicts add up.
        let within = html.matches("<td class=\"in\">within</td>").count();
        let tally = format!("In this run {within} of {} figures fall within their observed ranges (", s.observed.len());
        assert!(html.contains(&tally) && html.contains(" checks"), "{tally}");
        assert!(html.contains("<td>5,225–7,837 (reported 6,531)</td>"), "ranges as the page writes numbers");
        assert_eq!(
            (counts_range(300.0, f64::INFINITY), counts_range(1200.0, 1200.0)),
            (">= 300".into(), "1,200".into())
        );
        let (file, section) = corridor::worlds::CARAVAN_2018.doc.unwrap();
        assert!(html.contains(file) && html.contains(section), "the built-in scenario points to its doc");
        for o in &s.observed {
            let text = metric_text(&s, o);
            assert!(text.starts_with(&format!("<code>{}</code>: ", o.metric)), "{text}");
            assert!(text.contains(&s.period.date(o.to_day).to_string()), "{text}");
            for name in o.statuses.iter().chain(&o.queues) {
                assert!(text.contains(&esc(name)), "{text} lacks {name}");
            }
            for p in &o.places {
                assert!(text.contains(&esc(&s.places[p.index()].name)), "{text}");
            }
            let how = match o.metric {
                Metric::PeakCount => "highest",
                Metric::MeanCount => "mean",
                Metric::EndCount => "count",
                Metric::Arrivals => "arrivals",
                Metric::Entries => "entering",
                Metric::Admitted => "admitted",
                Metric::Joined | Metric::Ard => "joined",
            };
            assert!(text.contains(how), "{text}");
            assert!(html.contains(&text), "{text}");
        }
        // Another scenario has no such pointer.
        let demo = corridor::worlds::demo().unwrap();
        let html = observed_html(&demo, &one_run(&demo));
        assert!(!html.contains(file) && html.contains("corridor validate --replicates 20"), "{html}");
    }
}
