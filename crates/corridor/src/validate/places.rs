//! People at, and arriving at, every place of a corridor scenario but its origins each day, over
//! replicates: each day's median and 5–95% range, written as `places.csv` by `validate`.

use super::{by_day_with, csv_number, groups_text, two_groups_of_many, Group, Recording, StatusSet};
use crate::scenario::{PlaceKind, Scenario};

/// The places of places.csv, in table order: every place but the origins (where everyone not yet
/// gone is counted: the figure would be the origin's people, not a planner's load).
pub fn listed_places(s: &Scenario) -> Vec<usize> {
    s.places.iter().enumerate().filter(|(_, p)| p.kind != PlaceKind::Origin).map(|(i, _)| i).collect()
}

/// The places the report's planners' table watches, in table order: border cities, camps and places
/// with shelter places (on some day: `Scenario::has_shelter`).
pub fn watched_places(s: &Scenario) -> Vec<usize> {
    let watched = |(i, p): &(usize, &crate::scenario::Place)| {
        p.kind == PlaceKind::BorderCity || p.kind.is_camp() || s.has_shelter(*i)
    };
    s.places.iter().enumerate().filter(watched).map(|(i, _)| i).collect()
}

/// One place in one run, each day: the people there (`StatusSet::ON_ROUTE`) and the arrivals
/// (`Recording::arrivals_on`: arrivals.csv's count).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlaceRun {
    pub people: Vec<f64>,
    pub arrivals: Vec<f64>,
}

/// Each of `places` in one run (`PlaceRun`).
pub fn place_series(rec: &Recording, places: &[usize]) -> Vec<PlaceRun> {
    places
        .iter()
        .map(|&p| PlaceRun {
            people: rec.series(&[p], &StatusSet::ON_ROUTE),
            arrivals: (0..rec.days).map(|d| rec.arrivals_on(d, &[p]) as f64).collect(),
        })
        .collect()
}

/// One place's people each day over replicates, and its arrivals.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceSpread {
    pub place: usize,
    pub median: Vec<f64>,
    pub p5: Vec<f64>,
    pub p95: Vec<f64>,
    /// Per day, the two groups the runs fall in (`two_groups`), if they do.
    pub groups: Vec<Option<[Group; 2]>>,
    /// The arrivals each day: median, 5th and 95th percentiles over the runs.
    pub arrivals: [Vec<f64>; 3],
}

/// The spread of each of `places` each day, from `per_run[run][k]`, `places[k]` in each run
/// (`place_series`): the median and 5–95% range as `by_day` gives them, of the people and of the
/// arrivals, and the people's groups as `two_groups`, from each day's values sorted once.
pub fn place_spreads(places: &[usize], per_run: &[Vec<PlaceRun>], min_gap: f64) -> Vec<PlaceSpread> {
    places
        .iter()
        .enumerate()
        .map(|(k, &place)| {
            let people: Vec<&[f64]> = per_run.iter().map(|r| r[k].people.as_slice()).collect();
            let mut groups = Vec::new();
            let (median, p5, p95) = by_day_with(&people, |v| groups.push(two_groups_of_many(v, min_gap)));
            let arrivals: Vec<&[f64]> = per_run.iter().map(|r| r[k].arrivals.as_slice()).collect();
            let (a50, a5, a95) = by_day_with(&arrivals, |_| {});
            PlaceSpread { place, median, p5, p95, groups, arrivals: [a50, a5, a95] }
        })
        .collect()
}

/// places.csv's header line.
pub const PLACES_HEADER: &str =
    "date,place,median,p5,p95,groups,arrivals_median,arrivals_p5,arrivals_p95,shelter_capacity";

/// `places.csv` (`PLACES_HEADER`), one row per listed place and day: the people there (`groups`: the
/// two groups the runs fall in that day, as validation.csv gives them, or empty), then the arrivals,
/// then the day's shelter places (`Scenario::shelter_capacity_on`; empty when none are known), to set
/// the people against: a planner's places short that day.
pub fn places_csv(s: &Scenario, spreads: &[PlaceSpread]) -> String {
    use crate::output::daily::csv_field;
    let mut out = format!("{PLACES_HEADER}\n");
    let days = spreads.iter().map(|p| p.median.len()).max().unwrap_or(0);
    let shelters: Vec<Vec<Option<f64>>> = spreads.iter().map(|p| s.shelter_places_by_day(p.place)).collect();
    for d in 0..days {
        let date = s.period.date(d as u32);
        for (p, shelter) in spreads.iter().zip(&shelters) {
            let name = csv_field(&s.places[p.place].name);
            let (m, lo, hi) = (csv_number(p.median[d]), csv_number(p.p5[d]), csv_number(p.p95[d]));
            let groups = p.groups[d].as_ref().map_or(String::new(), groups_text);
            let [a50, a5, a95] = p.arrivals.each_ref().map(|a| csv_number(a[d]));
            let shelter = shelter.get(d).copied().flatten().map_or(String::new(), csv_number);
            out.push_str(&format!("{date},{name},{m},{lo},{hi},{},{a50},{a5},{a95},{shelter}\n", csv_field(&groups)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreads_are_per_place_and_day_quantiles_of_the_runs() {
        let places = [3, 7];
        // Three runs, two places, two days; arrivals a tenth of the people.
        let per_run: Vec<Vec<PlaceRun>> =
            [[[10.0, 20.0], [1.0, 2.0]], [[30.0, 40.0], [3.0, 4.0]], [[20.0, 30.0], [5.0, 6.0]]]
                .iter()
                .map(|run| {
                    run.iter()
                        .map(|p| PlaceRun { people: p.to_vec(), arrivals: p.map(|x| x / 10.0).to_vec() })
                        .collect()
                })
                .collect();
        let s = place_spreads(&places, &per_run, 0.0);
        let close = |a: &[f64], b: [f64; 2]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9);
        assert_eq!((s[0].place, s[1].place), (3, 7));
        assert_eq!(s[0].median, [20.0, 30.0]);
        assert_eq!(s[1].median, [3.0, 4.0]);
        // p5 at position 0.1 of three sorted values, p95 at 1.9: 10 + 0.1 * 10, 3 + 0.9 * 2.
        assert!(close(&s[0].p5, [11.0, 21.0]), "{:?}", s[0].p5);
        assert!(close(&s[1].p95, [4.8, 5.8]), "{:?}", s[1].p95);
        assert!(close(&s[0].arrivals[0], [2.0, 3.0]) && close(&s[1].arrivals[2], [0.48, 0.58]), "{:?}", s[1].arrivals);
        assert_eq!(s[0].groups, [None, None], "three runs are too few for groups");
    }

    /// The groups column, which one run (as the CLI's places test runs) can never fill: ten runs that
    /// split on day 0 and not on day 1, and a split that counts for one figure but not for a place's
    /// hundreds of days.
    #[test]
    fn a_day_whose_runs_split_shows_its_two_groups_in_places_csv() {
        // Ten runs at one place: day 0 at 100..=104 or 200..=204, day 1 evenly 10, 20, ..., 100.
        let place = |people: Vec<f64>| vec![PlaceRun { arrivals: vec![1.0; people.len()], people }];
        let per_run: Vec<Vec<PlaceRun>> =
            (0..10).map(|r| place(vec![f64::from(r % 5 + 100 * (1 + r / 5)), f64::from(10 * (r + 1))])).collect();
        let spreads = place_spreads(&[1], &per_run, 0.0);
        let want = [Group { runs: 5, low: 100.0, high: 104.0 }, Group { runs: 5, low: 200.0, high: 204.0 }];
        assert_eq!(spreads[0].groups, [Some(want), None]);
        assert_eq!(place_spreads(&[1], &per_run, 100.0)[0].groups, [None, None], "a gap of 96 under 100");

        let mut s = crate::worlds::line_world(&["A", "Tijuana, BC"], 10.0, 1);
        s.period.start = chrono::NaiveDate::from_ymd_opt(2018, 11, 20).expect("date");
        // Medians between the 5th and 6th runs, p5 at position 0.45 and p95 at 8.55 of the ten.
        assert_eq!(
            places_csv(&s, &spreads),
            "date,place,median,p5,p95,groups,arrivals_median,arrivals_p5,arrivals_p95,shelter_capacity\n\
             2018-11-20,\"Tijuana, BC\",152,100.5,203.6,5 runs 100–104; 5 runs 200–204,1,1,1,\n\
             2018-11-21,\"Tijuana, BC\",55,14.5,95.5,,1,1,1,\n"
        );

        // Tijuana's list on Nov 27 2018 over 20 seeds: a gap of 32% of the range, two groups for a
        // figure (over a quarter of the range from 20 runs) but not for one of a place's many days.
        let tijuana = [
            3600.0, 3800.0, 4000.0, 4200.0, 4400.0, 4540.0, 5460.0, 5530.0, 5600.0, 5680.0, 5750.0, 5820.0, 5900.0,
            5980.0, 6050.0, 6120.0, 6200.0, 6280.0, 6380.0, 6470.0,
        ];
        assert!(super::super::two_groups(&tijuana, 0.0).is_some());
        let per_run: Vec<Vec<PlaceRun>> = tijuana.iter().map(|&x| place(vec![x])).collect();
        assert_eq!(place_spreads(&[1], &per_run, 0.0)[0].groups, [None]);
    }

    #[test]
    fn the_built_in_scenario_watches_its_border_cities_and_shelters() {
        let s = crate::worlds::caravan_2018().unwrap();
        let names: Vec<&str> = watched_places(&s).iter().map(|&p| s.places[p].name.as_str()).collect();
        assert!(names.contains(&"Tijuana") && names.contains(&"Mexico City"), "{names:?}");
        assert!(!names.contains(&"San Pedro Sula") && !names.contains(&"Tapachula"), "{names:?}");
    }

    /// Planner's review of session 21: places.csv covered the border cities and shelters, so "how many
    /// in Tapachula next week, and how sure" had no answer over the runs. It lists every place but the
    /// origins.
    #[test]
    fn places_csv_lists_every_place_but_the_origins() {
        let s = crate::worlds::caravan_2018().unwrap();
        let names: Vec<&str> = listed_places(&s).iter().map(|&p| s.places[p].name.as_str()).collect();
        assert!(names.contains(&"Tapachula") && names.contains(&"Tijuana"), "{names:?}");
        assert!(!names.contains(&"San Pedro Sula"), "{names:?}");
        let origins = s.places.iter().filter(|p| p.kind == PlaceKind::Origin).count();
        assert_eq!(names.len() + origins, s.places.len());
    }

    /// Session 23: each row gives the place's shelter places that day, dated where a policy dates them
    /// (Tijuana: none known before Nov 14 2018, Benito Juárez's 3,000 to Nov 28, El Barretal's 7,000
    /// from Nov 29), so that a planner sets the people against them.
    #[test]
    fn places_csv_gives_each_days_shelter_places() {
        let s = crate::worlds::caravan_2018().unwrap();
        let places = listed_places(&s);
        let days = s.period.days as usize;
        let run: Vec<PlaceRun> =
            places.iter().map(|_| PlaceRun { people: vec![0.0; days], arrivals: vec![0.0; days] }).collect();
        let csv = places_csv(&s, &place_spreads(&places, &[run], 0.0));
        let cell = |date: &str, place: &str| {
            let row = csv.lines().find(|l| l.starts_with(&format!("{date},{place},"))).expect("a row");
            row.rsplit(',').next().expect("a last cell").to_string()
        };
        assert_eq!(cell("2018-11-13", "Tijuana"), "");
        assert_eq!(cell("2018-11-14", "Tijuana"), "3000");
        assert_eq!(cell("2018-11-28", "Tijuana"), "3000");
        assert_eq!(cell("2018-11-29", "Tijuana"), "7000");
        assert_eq!(cell("2018-11-29", "Tapachula"), "", "no shelter places known");
    }
}
