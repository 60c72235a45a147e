//! The standard plots of a run's report, drawn from its recording: people (agents under FLEE's
//! `hasten`) by place, on the map, in the border cities and by status, and the arrivals.

use crate::charts::{self, MapPlace, Series, TimeChart};
use crate::counted::Counted;
use crate::events;
use crate::{argmax, chart_err, Extra, Plot, Sums};
use corridor::output::OutputError;
use corridor::population::Status;
use corridor::scenario::{PlaceKind, Scenario};
use corridor::validate::{on_the_way, places_of_kind, Recording};

const WIDE: (u32, u32) = (960, 420);

/// Places people visited (some count above zero), ordered south-east to north-west by latitude.
fn visited_places(scenario: &Scenario, sums: &Sums) -> Vec<usize> {
    let mut v: Vec<usize> = (0..scenario.places.len())
        .filter(|&p| scenario.places[p].kind != PlaceKind::Destination && (0..sums.days).any(|d| sums.at(d, p) > 0))
        .collect();
    v.sort_by(|a, b| scenario.places[*b].lat.total_cmp(&scenario.places[*a].lat));
    v
}

/// For each place with shelter places on some day (`Scenario::has_shelter`), in place order: the
/// people there each day, then its shelter places each day (thin; not a number on days none are
/// known, so that the line breaks there).
fn shelter_series(scenario: &Scenario, sums: &Sums, who: &str) -> Vec<Series> {
    let mut series = Vec::new();
    for p in (0..scenario.places.len()).filter(|&p| scenario.has_shelter(p)) {
        let name = &scenario.places[p].name;
        series.push(Series::new(format!("{name}: {who}"), sums.series(&[p])));
        let by_day = scenario.shelter_places_by_day(p);
        let places: Vec<f64> = (0..sums.days).map(|d| by_day.get(d).copied().flatten().unwrap_or(f64::NAN)).collect();
        // Places that still count on the last day are drawn to it: the scenario dates no closing
        // (journalist's review of session 25: the chart read as shelters open all through 2019).
        let open_at_end = places.last().is_some_and(|&v| v > 0.0);
        let label = if open_at_end { "shelter places (no closing date known)" } else { "shelter places" };
        series.push(Series { thin: true, ..Series::new(format!("{name}: {label}"), places) });
    }
    series
}

/// The standard plots of a run.
pub fn standard_plots(scenario: &Scenario, rec: &Recording) -> Result<Vec<Plot>, OutputError> {
    plots_of(scenario, rec, &Sums::of(rec), &on_the_way(rec))
}

/// [`standard_plots`] from the sums and the people on the way each day (the key figures read them too).
pub(crate) fn plots_of(
    scenario: &Scenario,
    rec: &Recording,
    sums: &Sums,
    on_way: &[f64],
) -> Result<Vec<Plot>, OutputError> {
    let start = scenario.period.start;
    let mut plots = Vec::new();
    // People, or under FLEE's `hasten` agents: every title, axis and caption says which.
    let counted = Counted::of(scenario);
    let (who, who_capital) = (counted.noun(), counted.noun_capital());
    let visited = visited_places(scenario, sums);
    // Policies coming on, marked on the time charts (journalist's review of session 25).
    let (marks, key) = events::marks_and_key(scenario);
    // 1. People by place over time along the route (heat map, north at the top).
    let rows: Vec<(String, Vec<f64>)> =
        visited.iter().map(|&p| (scenario.places[p].name.clone(), sums.series(&[p]))).collect();
    let h = (160 + 16 * rows.len() as u32).max(300);
    plots.push(Plot {
        file: "people_by_place".into(),
        caption: format!("{who_capital} at each place along the route, by week (darkest = most; places ordered north to south). Weekly maximum of the daily count; {who} on a road are not counted, nor those whose journey ended off the route (deported, returned home, dead or missing)."),
        svg: charts::heatmap(&format!("{who_capital} by place over time"), start, &rows, (960, h)).map_err(chart_err)?,
    });
    // 2. Route map on the busiest day on the way, and at the end.
    let (busy, _) = argmax(on_way);
    let roads: Vec<(usize, usize)> = scenario.routes.iter().map(|r| (r.a.index(), r.b.index())).collect();
    // Red: where people end up waiting, border cities (corridor) and camps (FLEE's worlds).
    let red = |k: PlaceKind| k == PlaceKind::BorderCity || k.is_camp();
    let has = |kind: fn(&PlaceKind) -> bool| scenario.places.iter().any(|p| kind(&p.kind));
    let red_kinds: Vec<&str> =
        [("border cities", has(|k| *k == PlaceKind::BorderCity)), ("camps", has(|k| k.is_camp()))]
            .into_iter()
            .filter_map(|(name, present)| present.then_some(name))
            .collect();
    let red_note = if red_kinds.is_empty() { String::new() } else { format!(" (red: {})", red_kinds.join(" and ")) };
    let busiest = format!("on the day with the most {who} on the way, as Key figures defines them");
    for (file, day, what) in
        [("map_busiest_day", busy as u32, busiest.as_str()), ("map_end", rec.days.saturating_sub(1), "on the last day")]
    {
        let places: Vec<MapPlace> = scenario
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| MapPlace {
                name: p.name.clone(),
                lat: p.lat,
                lon: p.lon,
                people: if p.kind == PlaceKind::Destination { 0.0 } else { sums.at(day as usize, i) as f64 },
                border: red(p.kind),
            })
            .collect();
        let date = scenario.period.date(day);
        plots.push(Plot {
            file: file.into(),
            caption: format!(
                "Route map {what} ({date}): roads from the routes table, circles sized by the {who} at each place{red_note}; {who} deported, returned home, or dead or missing are not drawn. Labels go to the busiest places first; one that would cover another is left out (daily.csv has every place)."
            ),
            svg: charts::route_map(&format!("{who_capital} along the route on {date}"), &places, &roads, (960, 680))
                .map_err(chart_err)?,
        });
    }
    // 3. People waiting in each border city.
    let border = places_of_kind(scenario, PlaceKind::BorderCity);
    if !border.is_empty() {
        let mut series: Vec<Series> = border
            .iter()
            .map(|&p| Series::new(scenario.places[p].name.clone(), sums.series(&[p])))
            .filter(|s| s.values.iter().any(|v| *v > 0.0))
            .collect();
        series.sort_by(|a, b| b.values.last().unwrap_or(&0.0).total_cmp(a.values.last().unwrap_or(&0.0)));
        plots.push(Plot {
            file: "border_cities".into(),
            caption: format!("{who_capital} in each Mexican border city (every status but travelling, deported, returned_home and dead_or_missing): those waiting to ask for asylum at the port, and, once institutions are modelled, also those on waitlists, returned under MPP, ordered removed in absentia after an MPP hearing they missed, or with asylum in Mexico there.{key}"),
            svg: charts::time_chart(
                &TimeChart {
                    title: format!("{who_capital} in border cities (all statuses on the route)"),
                    y_label: who.into(),
                    start,
                    series,
                    marks: marks.clone(),
                },
                WIDE,
            )
            .map_err(chart_err)?,
        });
    }
    // 3b. People at each place with shelter places, against the day's places (planners).
    let shelters = shelter_series(scenario, sums, who);
    if !shelters.is_empty() {
        plots.push(Plot {
            file: "shelters".into(),
            caption: format!(
                "{who_capital} at each place with shelter places (every status but travelling, deported, returned_home and \
                 dead_or_missing: everyone in the city, sheltered or not) against the day's shelter places (thin line: \
                 shelter_capacity of locations.csv, or a dated shelter.capacity policy's value; \
                 none drawn on days none are known). Where the thick line is above the thin one, the place holds more \
                 than its places; no one is turned away.{key}"
            ),
            svg: charts::time_chart(
                &TimeChart {
                    title: format!("{who_capital} against shelter places"),
                    y_label: who.into(),
                    start,
                    series: shelters,
                    marks: marks.clone(),
                },
                WIDE,
            )
            .map_err(chart_err)?,
        });
    }
    // 4. People by status over time: those still under way, and (running totals) journeys ended. A
    // world without institutions (FLEE's) has the journey's three statuses only (review of session 21:
    // mali2012's caption listed the asylum system's).
    let under_way = if scenario.institutions.is_some() {
        "in each status that is still under way, summed over places: on the journey (at origin, travelling, at a place) and waiting in the asylum system (detained, on a waitlist, in screening, under MPP, released in the US awaiting a hearing, with asylum or a visa in Mexico), and ordered removed in absentia (those in a Mexican border city may still leave it). The ends of journeys are in the next chart."
    } else {
        "in each status of the journey, summed over places: at origin (where they appeared), travelling (on a road) and at a place (a town or a camp)."
    };
    for (file, title, caption, ended) in [
        (
            "statuses",
            "by status, under way",
            under_way,
            false,
        ),
        (
            "statuses_ended",
            "whose journey ended",
            "in each status that ends a journey, summed over places: running totals that only grow (deported, crossed between ports, granted, denied, returned home, dead or missing). Deported counts Mexico's deportations and US removals: after failed screening, and of people denied in US detention.",
            true,
        ),
    ] {
        let series: Vec<Series> = Status::ALL
            .iter()
            .filter(|s| s.ends_journey() == ended)
            .map(|s| Series::new(s.name(), sums.status_series(*s)))
            .filter(|s| s.values.iter().any(|v| *v > 0.0))
            .collect();
        if series.is_empty() {
            continue;
        }
        plots.push(Plot {
            file: file.into(),
            caption: format!("{who_capital} {caption}{key}"),
            svg: charts::time_chart(
                &TimeChart {
                    title: format!("{who_capital} {title}"),
                    y_label: who.into(),
                    start,
                    series,
                    marks: marks.clone(),
                },
                WIDE,
            )
            .map_err(chart_err)?,
        });
    }
    // 5. Arrivals at border cities per day.
    if !border.is_empty() {
        let arrivals: Vec<f64> = (0..rec.days).map(|d| rec.arrivals_on(d, &border) as f64).collect();
        plots.push(Plot {
            file: "arrivals".into(),
            caption: format!("Arrivals at the border cities each day, all of them together in one bar a day: a caravan arriving together is a tall bar on the day it reaches one (arrivals.csv has them city by city; {one} counts once a day, at the last place reached, which it may have left again to spend the night on the road: the charts of {who} in the cities say who is there at night; moves by institutions, such as MPP returns, are not arrivals; arrivals are not {who}).", one = if counted.hasten.is_some() { "an agent" } else { "a person" }),
            svg: charts::bars("Arrivals at border cities", "arrivals per day", start, &arrivals, WIDE)
                .map_err(chart_err)?,
        });
    }
    Ok(plots)
}

/// Plots of extra charts (from institutions' tables).
pub fn extra_plots(scenario: &Scenario, extras: &[Extra]) -> Result<Vec<Plot>, OutputError> {
    let (marks, key) = events::marks_and_key(scenario);
    extras.iter().map(|x| x.plot_marked(scenario.period.start, &marks, &key).map_err(chart_err)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::one_run;

    /// Session 23 (planners: how many shelter places, where and when): the people at each place with
    /// shelter places against the day's places, dated where a policy dates them, with no line on days
    /// none are known.
    #[test]
    fn shelters_are_drawn_against_the_days_places() {
        let s = corridor::worlds::caravan_2018().unwrap();
        let rec = one_run(&s);
        let sums = Sums::of(&rec);
        let series = shelter_series(&s, &sums, "people");
        let labels: Vec<&str> = series.iter().map(|x| x.label.as_str()).collect();
        // Both still count on the last day, no closing being dated (journalist's review of session 25).
        let open = "shelter places (no closing date known)";
        assert_eq!(
            labels,
            ["Mexico City: people", &format!("Mexico City: {open}"), "Tijuana: people", &format!("Tijuana: {open}")]
        );
        let day =
            |m: u32, d: u32| s.period.day_of(chrono::NaiveDate::from_ymd_opt(2018, m, d).unwrap()).unwrap() as usize;
        let tijuana = s.places.iter().position(|p| p.name == "Tijuana").unwrap();
        assert_eq!(series[2].values, sums.series(&[tijuana]));
        let places = &series[3];
        assert!(places.thin && places.values[day(11, 13)].is_nan(), "none known before Benito Juárez");
        assert_eq!((places.values[day(11, 20)], places.values[day(12, 1)]), (3_000.0, 7_000.0));
        // A closing dated within the period: the line ends there, and the legend says no more.
        let mut closed = s.clone();
        closed.institutions.as_mut().unwrap().params.policies.push(corridor::policy::Policy {
            name: "El Barretal closes".into(),
            param: corridor::policy::Param::ShelterCapacity,
            at: Some(tijuana as u32),
            from_day: day(12, 31) as u32,
            to_day: None,
            value: 0.0,
            source: "test".into(),
        });
        let series_closed = shelter_series(&closed, &sums, "people");
        assert_eq!(series_closed[3].label, "Tijuana: shelter places");
        assert!(series_closed[3].values.last().unwrap().is_nan());
        let plots = standard_plots(&s, &rec).unwrap();
        let plot = plots.iter().find(|p| p.file == "shelters").expect("the shelters plot");
        assert!(plot.svg.contains("Tijuana: shelter places"), "its legend");
        // Captions are text, escaped into the page: the shelters' `<code>` tags were shown as written.
        assert!(plots.iter().all(|p| !p.caption.contains('<')), "{}", plot.caption);
        // The policies coming on are marked on the time charts, and their key is in the captions.
        assert!(plot.caption.ends_with("10 MPP at Eagle Pass from 2019-10-28."), "{}", plot.caption);
        let labels = plot.svg.matches("fill=\"#3C3C3C\">").count(); // MARK_COLOUR
        assert_eq!(labels, 10, "a label for each mark");
        // FLEE's worlds and scenarios without shelter places have none.
        let mut bare = s.clone();
        bare.places.iter_mut().for_each(|p| p.shelter_capacity = None);
        bare.institutions
            .as_mut()
            .unwrap()
            .params
            .policies
            .retain(|q| q.param != corridor::policy::Param::ShelterCapacity);
        assert!(shelter_series(&bare, &sums, "people").is_empty());
    }
}
