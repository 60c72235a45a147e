//! The report's text sections: the key figures (the planners' table of places is `places`) and the
//! scenario's observed figures against this run with the metric of each.

use crate::{argmax, esc, n, Sums};
use corridor::population::Status;
use corridor::scenario::{Observed, PlaceKind, Scenario};
use corridor::validate::{evaluate, places_of_kind, range_text, Recording, StatusSet, IN_BORDER_CITIES_NO_IN_ABSENTIA};
use std::fmt::Write as _;

/// What "people on the way" counts ([`corridor::validate::on_the_way`]), as the pages say it.
/// It follows "people on the way are those".
pub const ON_THE_WAY: &str = "on a road (status travelling, wherever the road leads), or free to move on (status \
at_place, or humanitarian_visa: visa holders keep it on the road) at a place they pass through: not an origin or \
conflict zone, a camp, a border city or a destination";

/// The caravans of a scenario: `[[caravan]]` entries that leave the same origin on the same day are
/// one caravan that splits on the way (caravan-2018's April caravan is two entries: those who stayed
/// in Mexico and those who went on to Tijuana).
pub fn caravan_count(scenario: &Scenario) -> usize {
    let mut starts: Vec<(usize, u32)> = scenario.caravans.iter().map(|c| (c.origin.index(), c.depart_day)).collect();
    starts.sort_unstable();
    starts.dedup();
    starts.len()
}

/// `count` and `noun`, plural unless one.
fn count_of(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}

/// The key figures of a run as an HTML list.
pub(crate) fn summary_html(scenario: &Scenario, rec: &Recording, sums: &Sums, on_way: &[f64]) -> String {
    let ppa = u64::from(scenario.people_per_agent);
    let created = rec.summary.as_ref().map_or(0, |s| s.agents_created * ppa);
    let (busy, busy_n) = argmax(on_way);
    let border = places_of_kind(scenario, PlaceKind::BorderCity);
    let waiting = sums.series(&border);
    let (wpeak_day, wpeak) = argmax(&waiting);
    let last = rec.days.saturating_sub(1);
    // Under FLEE's `hasten` a count is of agents, each standing for `hasten` people (the page's header
    // says so): the key figures name them as agents.
    let counted = crate::counted::Counted::of(scenario);
    let (who, who_first) = (counted.noun(), counted.noun_capital());
    let (caravans, entries) = (caravan_count(scenario), scenario.caravans.len());
    let split = if caravans == entries {
        String::new()
    } else {
        format!(
            " ({entries} <code>[[caravan]]</code> entries in the scenario: entries that leave the same place on the same day are one caravan that split on the way)"
        )
    };
    let mut s = String::from("<ul class=\"figs\">");
    // How they set out: in caravans and steady flows, placed before day 0 (FLEE's `insert_day0`: in
    // the camps), and (FLEE's worlds) spawned by FLEE's rules.
    let flee_spawns = scenario.scheduled_spawns.is_some();
    let flows = scenario.inflows.len();
    let prefilled = prefill_by_place(scenario);
    let prefilled_people: u64 = prefilled.iter().map(|p| p.1).sum();
    let mut how = Vec::new();
    if caravans + flows > 0 || (!flee_spawns && prefilled.is_empty()) {
        how.push(format!("{}{split} and {}", count_of(caravans, "caravan"), count_of(flows, "steady flow")));
    }
    if !prefilled.is_empty() {
        let all_camps = prefilled.iter().all(|(p, _)| scenario.places[*p].kind.is_camp());
        let (whereto, rule) = if all_camps && flee_spawns {
            ("straight into camps on day 0", " (FLEE's <code>insert_day0</code>, from the camps' day-0 data)")
        } else if all_camps {
            ("straight into camps before day 0", "")
        } else {
            ("at places before day 0", "")
        };
        const LISTED: usize = 8;
        let mut list: Vec<String> = prefilled
            .iter()
            .take(LISTED)
            .map(|(p, k)| format!("{} {}", esc(&scenario.places[*p].name), n(*k as f64)))
            .collect();
        if prefilled.len() > LISTED {
            list.push(format!("{} more places", prefilled.len() - LISTED));
        }
        how.push(format!("<b>{}</b> placed {whereto}{rule}: {}", n(prefilled_people as f64), list.join(", ")));
    }
    if flee_spawns {
        // Without caravans or flows, everyone else spawned.
        let spawned = if caravans + flows == 0 {
            format!("<b>{}</b> ", n(created.saturating_sub(prefilled_people) as f64))
        } else {
            String::new()
        };
        how.push(format!("{spawned}spawned in the conflict zones by FLEE's rules"));
    }
    let how = how.join("; ");
    let _ = write!(s, "<li><b>{}</b> {who} set out over the period: {how}.</li>", n(created as f64));
    let _ = write!(
        s,
        "<li>At most <b>{}</b> {who} were on the way at once, on {}. {who_first} on the way are those {ON_THE_WAY}.</li>",
        n(busy_n),
        scenario.period.date(busy as u32)
    );
    if !border.is_empty() {
        let _ = write!(
            s,
            "<li>{who_first} in the border cities peaked at <b>{}</b> on {}; <b>{}</b> at the end ({}).</li>",
            n(wpeak),
            scenario.period.date(wpeak_day as u32),
            n(*waiting.last().unwrap_or(&0.0)),
            scenario.period.end()
        );
        let mut cities: Vec<(String, f64)> = border
            .iter()
            .map(|&p| (scenario.places[p].name.clone(), sums.at(last as usize, p) as f64))
            .filter(|c| c.1 > 0.0)
            .collect();
        cities.sort_by(|a, b| b.1.total_cmp(&a.1));
        let list: Vec<String> = cities.iter().map(|(c, v)| format!("{} {}", esc(c), n(*v))).collect();
        let _ = write!(s, "<li>At the end, by city: {}.</li>", list.join("; "));
    }
    let finals: Vec<String> = Status::ALL
        .iter()
        .map(|st| (st, sums.by_status.get(last as usize * Status::COUNT + *st as usize).copied().unwrap_or(0)))
        .filter(|x| x.1 > 0)
        .map(|(st, v)| {
            let by_country =
                if *st == Status::Detained { detained_by_country(scenario, rec, last) } else { String::new() };
            format!("{} {}{by_country}", st.name(), n(v as f64))
        })
        .collect();
    let _ = write!(s, "<li>Statuses at the end: {}.</li>", finals.join("; "));
    if let Some(inst) = &scenario.institutions {
        let leave = inst.params.value(corridor::policy::Param::MppOrderedLeaveDaily, None, last);
        let mut limits = vec![format!(
            "people denied are removed only from US detention (counted as deported, not denied): the others \
             stay where they were; people ordered removed in absentia at an MPP hearing leave the Mexican \
             border city with a daily chance of {leave} (<code>mpp.ordered_leave_daily</code>, an assumption)"
        )];
        // Screened people are released, not detained, while US detention is full: said when it was on
        // any day, as the engine's own `us_detention` queue records it.
        limits.extend(crate::detention::full_text(scenario, rec));
        limits.push(
            "court outcomes (granted, denied, in absentia) are the hearings held within the period: cases whose \
             hearing falls later are undecided"
                .into(),
        );
        limits.push("every spread of <code>validate</code> and <code>compare</code> is random chance only".into());
        let doc = match corridor::worlds::builtin(&scenario.name).and_then(|b| b.doc) {
            Some((file, _)) => format!("docs/institutions.md and {file}, \u{201c}What is left\u{201d}"),
            None => "docs/institutions.md".into(),
        };
        let _ = write!(s, "<li>Limits to keep in mind when quoting these: {}. See {doc}.</li>", limits.join("; "));
    }
    s.push_str("</ul>");
    s
}

/// People placed before day 0 (`Scenario::prefill`, FLEE's `insert_day0`), by place: most first,
/// then in place order; in people.
fn prefill_by_place(scenario: &Scenario) -> Vec<(usize, u64)> {
    let ppa = u64::from(scenario.people_per_agent);
    let mut by_place: Vec<(usize, u64)> = Vec::new();
    for (p, k) in &scenario.prefill {
        match by_place.iter_mut().find(|x| x.0 == p.index()) {
            Some(x) => x.1 += k * ppa,
            None => by_place.push((p.index(), k * ppa)),
        }
    }
    by_place.retain(|x| x.1 > 0);
    by_place.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    by_place
}

/// People detained on `day` by the country holding them (`corridor::validate::detained_by_country`),
/// as ` (Mexico 2,070; United States 42,000)`; empty unless two countries or more hold some.
fn detained_by_country(scenario: &Scenario, rec: &Recording, day: u32) -> String {
    let held: Vec<String> = corridor::validate::detained_by_country(scenario, rec, day)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, v)| format!("{} {}", esc(&c), n(v as f64)))
        .collect();
    if held.len() < 2 {
        return String::new();
    }
    format!(" ({})", held.join("; "))
}

/// Names of `items` joined, or `none` when there are none.
fn names_or(items: impl IntoIterator<Item = String>, none: &str) -> String {
    let v: Vec<String> = items.into_iter().collect();
    if v.is_empty() {
        none.to_string()
    } else {
        v.join(", ")
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
    format!("<code>{}</code>: {}", esc(&o.metric), esc(&metric_what(scenario, o)))
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
    let what = match o.metric.as_str() {
        "peak_count" | "mean_count" | "end_count" => {
            let (how, when) = match o.metric.as_str() {
                "peak_count" => ("highest daily count", window),
                "mean_count" => ("mean daily count", window),
                _ => ("count", format!("on {}", date(o.to_day))),
            };
            if o.queues.is_empty() {
                format!("{how} of {who} {places} (statuses: {}), {when}", statuses("every status but travelling"))
            } else {
                format!("{how} of people waiting in {queues} (queues.csv waiting), {when}")
            }
        }
        "arrivals" => format!("arrivals of {who} {places}, {window}"),
        "entries" => format!("people entering {}, all places, {window}", statuses("any status")),
        "admitted" => format!("people admitted by {queues} (sum of queues.csv admitted), {window}"),
        "joined" => format!("people who joined {queues} (admitted + left + growth of waiting), {window}"),
        _ => window,
    };
    what
}

/// The scenario's observed figures evaluated on this run, as an HTML section (empty without any).
pub(crate) fn observed_html(scenario: &Scenario, rec: &Recording) -> String {
    if scenario.observed.is_empty() {
        return String::new();
    }
    let mut s = String::new();
    let _ = write!(
        s,
        "<h2>Observed figures, this run</h2><p>Each figure the scenario records from sources (its <code>[[observed]]</code> entries, with the metric each declares), against this one run (seed {seed}). One run can fall within a range that the median over seeds misses, or outside one that it meets: <code>corridor validate --replicates 20</code> runs 20 seeds and gives each figure's median and 5–95% range, and checks the median.",
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
    s.push_str("</p><table><tr><th>figure</th><th>metric</th><th>observed</th><th>this run</th><th>check</th><th>source</th></tr>");
    for o in &scenario.observed {
        let v = evaluate(o, rec);
        let ok = v >= o.low && v <= o.high;
        let _ = write!(
            s,
            "<tr><td>{}</td><td class=\"l\">{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td class=\"l\">{}</td></tr>",
            esc(&o.name),
            metric_text(scenario, o),
            esc(&range_text(o.low, o.high))
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
    use corridor::validate::on_the_way;

    #[test]
    fn entries_leaving_together_are_one_caravan() {
        let mut s = corridor::worlds::demo().unwrap();
        assert_eq!(caravan_count(&s), s.caravans.len());
        let mut split = s.caravans[0].clone();
        split.name = "the same caravan, the part that went on".into();
        s.caravans.push(split.clone());
        assert_eq!(caravan_count(&s), 1, "same origin, same day");
        split.depart_day += 1;
        s.caravans.push(split);
        assert_eq!(caravan_count(&s), 2, "a day later is another caravan");
        // The key figures count caravans that way, and name the entries when they differ.
        let rec = one_run(&s);
        let sums = Sums::of(&rec);
        let html = summary_html(&s, &rec, &sums, &corridor::validate::on_the_way(&s, &rec));
        assert!(html.contains(": 2 caravans (3 <code>[[caravan]]</code> entries"), "{html}");
        assert!(html.contains(ON_THE_WAY), "{html}");
        // A FLEE world says its people were spawned by FLEE's rules, not "0 caravans and 0 steady
        // flows" (FLEE-user review of session 12).
        s.caravans.clear();
        s.inflows.clear();
        s.scheduled_spawns =
            Some(corridor::scenario::ScheduledSpawns { per_day: vec![1; 3], decay: vec![1.0], decay_interval: 1 });
        let html = summary_html(&s, &rec, &sums, &[0.0]);
        // Without day-0 agents, everyone created spawned.
        let created = rec.summary.as_ref().unwrap().agents_created * u64::from(s.people_per_agent);
        let spawned = format!(
            "people set out over the period: <b>{}</b> spawned in the conflict zones by FLEE's rules.",
            n(created as f64)
        );
        assert!(html.contains(&spawned), "{html}");
    }

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
            let how = match o.metric.as_str() {
                "peak_count" => "highest",
                "mean_count" => "mean",
                "end_count" => "count",
                "arrivals" => "arrivals",
                "entries" => "entering",
                "admitted" => "admitted",
                _ => "joined",
            };
            assert!(text.contains(how), "{text}");
            assert!(html.contains(&text), "{text}");
        }
        // Another scenario has no such pointer.
        let demo = corridor::worlds::demo().unwrap();
        let html = observed_html(&demo, &one_run(&demo));
        assert!(!html.contains(file) && html.contains("corridor validate --replicates 20"), "{html}");
    }

    /// FLEE-user review: mali2012's key figures said all 8,996 people were "spawned in the conflict
    /// zones by FLEE's rules", though 1,081 were placed straight into camps on day 0 (`insert_day0`).
    #[test]
    fn people_placed_before_day0_are_told_apart_from_those_spawned() {
        let mut s = corridor::worlds::demo().unwrap();
        s.caravans.clear();
        s.inflows.clear();
        s.places[1].kind = PlaceKind::Camp;
        s.places[2].kind = PlaceKind::Camp;
        s.prefill = vec![(corridor::scenario::PlaceId(2), 30), (corridor::scenario::PlaceId(1), 70)];
        s.scheduled_spawns = Some(corridor::scenario::ScheduledSpawns {
            per_day: vec![0; s.period.days as usize],
            decay: Vec::new(),
            decay_interval: 0,
        });
        s.people_per_agent = 2;
        let rec = one_run(&s);
        let sums = Sums::of(&rec);
        let html = summary_html(&s, &rec, &sums, &on_the_way(&s, &rec));
        let created = rec.summary.as_ref().unwrap().agents_created * 2;
        assert_eq!(created, 200, "the day-0 agents, two people each");
        let (p1, p2) = (esc(&s.places[1].name), esc(&s.places[2].name));
        let placed = format!("<b>200</b> placed straight into camps on day 0 (FLEE's <code>insert_day0</code>, from the camps' day-0 data): {p1} 140, {p2} 60");
        assert!(html.contains(&placed), "{html}");
        assert!(html.contains("<b>0</b> spawned in the conflict zones by FLEE's rules"), "{html}");
        assert!(!html.contains("caravan"), "{html}");
        assert!(html.contains("people set out") && !html.contains("agents"), "{html}");
        // FLEE-user review: under `hasten` a count is of agents standing for `hasten` people each, and
        // the key figures say agents.
        s.flee = Some(corridor::scenario::FleeOrigin { hasten: 10 });
        let html = summary_html(&s, &rec, &sums, &on_the_way(&s, &rec));
        assert!(html.contains("<b>200</b> agents set out") && html.contains("Agents on the way are those"), "{html}");
        assert!(!html.contains("people set out"), "{html}");
    }
}
