//! A run's key figures for comparisons and reports: the places where people wait (border cities,
//! camps), people on the way, and the figures `compare` sets side by side.

use super::{evaluate, Recording, StatusSet};
use crate::population::Status;
use crate::scenario::{PlaceKind, Scenario};

/// The camps (FLEE's camps and IDP camps) of locations.csv, by index: out.csv's columns, on every day
/// (a camp a closure makes a town for a while stays one of them, as in FLEE's out.csv, while people
/// there are on the way then: `on_the_way` judges each day's kind).
pub fn camp_places(scenario: &Scenario) -> Vec<usize> {
    scenario.places.iter().enumerate().filter(|(_, p)| p.kind.is_camp()).map(|(i, _)| i).collect()
}

/// Places of a kind, by index.
pub fn places_of_kind(scenario: &Scenario, kind: PlaceKind) -> Vec<usize> {
    scenario.places.iter().enumerate().filter(|(_, p)| p.kind == kind).map(|(i, _)| i).collect()
}

/// Key figures of one run, by name, for comparisons and summaries: the scenario's observed figures,
/// then people created, people in border cities (peak, end, arrivals, end and peak by city, and with
/// institutions the end without those ordered removed in absentia), people in camps (peak, end, and end
/// and peak by camp), people on the way (peak), people in each status at the end (the three of the
/// journey only, without institutions), and with institutions people detained by country at the end
/// and the entries into each status of the asylum system over the run.
pub fn key_figures(scenario: &Scenario, rec: &Recording) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = scenario.observed.iter().map(|o| (o.name.clone(), evaluate(o, rec))).collect();
    let border = places_of_kind(scenario, PlaceKind::BorderCity);
    out.push(("People created".into(), rec.people_created() as f64));
    places_figures(&mut out, scenario, rec, &border, "border cities", true);
    if scenario.institutions.is_some() && !border.is_empty() && rec.days > 0 {
        let mut waiting = StatusSet::ON_ROUTE;
        waiting.0 &= !(1 << Status::InAbsentia as u32);
        let n = rec.count_in(rec.days - 1, &border, &waiting);
        out.push((IN_BORDER_CITIES_NO_IN_ABSENTIA.into(), n as f64));
    }
    places_figures(&mut out, scenario, rec, &camp_places(scenario), "camps", false);
    let on_way = on_the_way(rec);
    out.push(("Peak people on the way".into(), on_way.iter().copied().fold(0.0, f64::max)));
    // Without institutions people are only ever at their origin, on a road or at a place.
    let statuses: &[Status] = if scenario.institutions.is_some() {
        &Status::ALL
    } else {
        &[Status::AtOrigin, Status::Travelling, Status::AtPlace]
    };
    if rec.days > 0 {
        for &s in statuses {
            let v: u64 = (0..rec.places()).map(|p| rec.count(rec.days - 1, p, s)).sum();
            out.push((format!("People {} at the end", s.name()), v as f64));
        }
        let held = detained_by_country(scenario, rec, rec.days - 1);
        out.extend(held.into_iter().map(|(c, n)| (format!("People detained in {c} at the end"), n as f64)));
    }
    if scenario.institutions.is_some() {
        let journey = [Status::AtOrigin, Status::Travelling, Status::AtPlace];
        for &s in Status::ALL.iter().filter(|s| !journey.contains(s)) {
            let n: u64 = (0..rec.days).map(|d| rec.entries_on(d, s)).sum();
            out.push((format!("Entries into {} over the run", s.name()), n as f64));
        }
        // What each queue served over the run (queues.csv's `admitted`): IOM's returns, COMAR's
        // decisions, the lists' calls (policy researcher's review of session 24: compare had IOM's
        // returns only in a window of dates, and `returned_home` mixes them with people going home alone).
        for (q, name) in rec.queue_names.iter().enumerate() {
            out.push((format!("{ADMITTED_FROM}{name} over the run"), rec.admitted_over_run(q) as f64));
        }
        // Where a capacity, not a choice, limits what a policy does (policy researcher's review of
        // session 32: doubling enforcement added few deportations, and nothing showed that Mexico's
        // detention centres were full; nor MPP's daily limit at a port).
        if let Some(totals) = &rec.totals {
            use crate::institutions::Counter;
            for (c, name) in [
                (Counter::Apprehended, APPREHENDED_IN_MEXICO),
                (Counter::ReleasedFull, LET_GO_FOR_WANT_OF_ROOM),
                (Counter::MppOverCapacity, NOT_RETURNED_UNDER_MPP),
            ] {
                out.push((name.into(), totals.get(c) as f64));
            }
        }
    }
    out
}

/// The key figures of the events a capacity turned away over the run, and of the apprehensions that
/// met it (summary.json's `enforcement.apprehended`, `enforcement.released_detention_full` and
/// `mpp.not_returned_over_capacity`).
pub const APPREHENDED_IN_MEXICO: &str = "Apprehended in Mexico over the run";
pub const LET_GO_FOR_WANT_OF_ROOM: &str = "Let go for want of room in detention in Mexico over the run";
pub const NOT_RETURNED_UNDER_MPP: &str = "Not returned under MPP for its daily limit over the run";

/// The start of the key figures of what each queue served over the run: `Admitted from iom_return
/// over the run`.
pub const ADMITTED_FROM: &str = "Admitted from ";

/// The key figure of the people in the border cities at the end but those ordered removed in
/// absentia, who leave only slowly in the model (`mpp.ordered_leave_daily`, an assumption).
pub const IN_BORDER_CITIES_NO_IN_ABSENTIA: &str = "People in border cities at the end, in absentia not counted";

/// People detained on `day` by the country that holds them (Mexico's INM centres, US detention at the
/// ports' US side), for each country with a detention centre or a port's US side, in that order, none
/// left out: the status alone lumps both countries together.
pub fn detained_by_country(scenario: &Scenario, rec: &Recording, day: u32) -> Vec<(String, u64)> {
    let Some(inst) = &scenario.institutions else {
        return Vec::new();
    };
    let holding = inst.detention.iter().map(|d| d.place).chain(inst.ports.iter().map(|p| p.us_side));
    let mut countries: Vec<&str> = Vec::new();
    for place in holding {
        let country = scenario.places[place.index()].country.as_str();
        if !countries.contains(&country) {
            countries.push(country);
        }
    }
    countries
        .into_iter()
        .map(|c| {
            let n: u64 = (scenario.places.iter().enumerate())
                .filter(|(_, place)| place.country == c)
                .map(|(p, _)| rec.count(day, p, Status::Detained))
                .sum();
            (c.to_string(), n)
        })
        .collect()
}

/// The key figures of the people present at `places`, called `what` (border cities, camps): the peak
/// and the end of all of them, the arrivals there if `arrivals`, then each place at the end. None
/// without such places or days.
fn places_figures(
    out: &mut Vec<(String, f64)>,
    scenario: &Scenario,
    rec: &Recording,
    places: &[usize],
    what: &str,
    arrivals: bool,
) {
    if places.is_empty() || rec.days == 0 {
        return;
    }
    let present = rec.series(places, &StatusSet::ON_ROUTE);
    out.push((format!("Peak people in {what}"), present.iter().copied().fold(0.0, f64::max)));
    out.push((format!("People in {what} at the end"), *present.last().unwrap_or(&0.0)));
    if arrivals {
        let n: u64 = (0..rec.days).map(|d| rec.arrivals_on(d, places)).sum();
        out.push((format!("Arrivals at {what}"), n as f64));
    }
    // Each place's series once: its last day, then (after every place's) its peak.
    let series: Vec<Vec<f64>> = places.iter().map(|&p| rec.series(&[p], &StatusSet::ON_ROUTE)).collect();
    for (&p, s) in places.iter().zip(&series) {
        out.push((format!("People in {} at the end", scenario.places[p].name), *s.last().unwrap_or(&0.0)));
    }
    for (&p, s) in places.iter().zip(&series) {
        out.push((format!("Peak people in {}", scenario.places[p].name), s.iter().copied().fold(0.0, f64::max)));
    }
}

/// People on the way each day: on a road (status `travelling`, wherever the road leads), or free to
/// move on (status `at_place`, or `humanitarian_visa`: visa holders travel with it, on a road too, where
/// they are counted at the road's start) at a place people pass through: not an origin or conflict
/// zone (where they start), a camp or IDP camp (where FLEE's movers stay), a border city or a
/// destination. Other statuses at such places (detained, asylum in Mexico...) are not on the way.
/// A place's kind is the one the run gave it that day (`Recording::kind`): conflicts.csv makes a town
/// a conflict zone (a FLEE folder's conflict zone dated later starts as a town) and a conflict zone a
/// town again; a camp closure makes a camp a town until it reopens.
pub fn on_the_way(rec: &Recording) -> Vec<f64> {
    let passing = |kind: PlaceKind| {
        !matches!(kind, PlaceKind::Origin | PlaceKind::ConflictZone | PlaceKind::BorderCity | PlaceKind::Destination)
            && !kind.is_camp()
    };
    (0..rec.days)
        .map(|d| {
            let travelling: u64 = (0..rec.places()).map(|p| rec.count(d, p, Status::Travelling)).sum();
            let at_towns: u64 = (0..rec.places())
                .filter(|&p| passing(rec.kind(d, p)))
                .map(|p| rec.count(d, p, Status::AtPlace) + rec.count(d, p, Status::HumanitarianVisa))
                .sum();
            (travelling + at_towns) as f64
        })
        .collect()
}
