//! People at the places planners watch (border cities, camps, places with shelter places) each day,
//! over replicates: each day's median and 5–95% range, written as `places.csv` by `validate`.

use super::{by_day_with, csv_number, groups_text, two_groups_of_many, Group, Recording, StatusSet};
use crate::scenario::{PlaceKind, Scenario};

/// The places planners watch, in table order: border cities, camps and places with shelter places.
pub fn watched_places(s: &Scenario) -> Vec<usize> {
    let watched = |p: &crate::scenario::Place| {
        p.kind == PlaceKind::BorderCity || p.kind.is_camp() || p.shelter_capacity.is_some_and(|c| c > 0)
    };
    s.places.iter().enumerate().filter(|(_, p)| watched(p)).map(|(i, _)| i).collect()
}

/// People on the route (`StatusSet::ON_ROUTE`) at each of `places` each day of one run.
pub fn place_series(rec: &Recording, places: &[usize]) -> Vec<Vec<f64>> {
    places.iter().map(|&p| rec.series(&[p], &StatusSet::ON_ROUTE)).collect()
}

/// One place's people each day over replicates.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceSpread {
    pub place: usize,
    pub median: Vec<f64>,
    pub p5: Vec<f64>,
    pub p95: Vec<f64>,
    /// Per day, the two groups the runs fall in (`two_groups`), if they do.
    pub groups: Vec<Option<[Group; 2]>>,
}

/// The spread of each of `places` each day, from `per_run[run][k]`, the series of `places[k]` in
/// each run (`place_series`): the median and 5–95% range as `by_day` gives them, and the groups as
/// `two_groups`, from each day's values sorted once.
pub fn place_spreads(places: &[usize], per_run: &[Vec<Vec<f64>>], min_gap: f64) -> Vec<PlaceSpread> {
    places
        .iter()
        .enumerate()
        .map(|(k, &place)| {
            let runs: Vec<&[f64]> = per_run.iter().map(|r| r[k].as_slice()).collect();
            let mut groups = Vec::new();
            let (median, p5, p95) = by_day_with(&runs, |v| groups.push(two_groups_of_many(v, min_gap)));
            PlaceSpread { place, median, p5, p95, groups }
        })
        .collect()
}

/// places.csv's header line.
pub const PLACES_HEADER: &str = "date,place,median,p5,p95,groups";

/// `places.csv`: `date,place,median,p5,p95,groups`, one row per watched place and day (`groups`: the
/// two groups the runs fall in that day, as validation.csv gives them, or empty).
pub fn places_csv(s: &Scenario, spreads: &[PlaceSpread]) -> String {
    use crate::output::daily::csv_field;
    let mut out = format!("{PLACES_HEADER}\n");
    let days = spreads.iter().map(|p| p.median.len()).max().unwrap_or(0);
    for d in 0..days {
        let date = s.period.date(d as u32);
        for p in spreads {
            let name = csv_field(&s.places[p.place].name);
            let (m, lo, hi) = (csv_number(p.median[d]), csv_number(p.p5[d]), csv_number(p.p95[d]));
            let groups = p.groups[d].as_ref().map_or(String::new(), groups_text);
            out.push_str(&format!("{date},{name},{m},{lo},{hi},{}\n", csv_field(&groups)));
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
        // Three runs, two places, two days.
        let per_run = vec![
            vec![vec![10.0, 20.0], vec![1.0, 2.0]],
            vec![vec![30.0, 40.0], vec![3.0, 4.0]],
            vec![vec![20.0, 30.0], vec![5.0, 6.0]],
        ];
        let s = place_spreads(&places, &per_run, 0.0);
        let close = |a: &[f64], b: [f64; 2]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9);
        assert_eq!((s[0].place, s[1].place), (3, 7));
        assert_eq!(s[0].median, [20.0, 30.0]);
        assert_eq!(s[1].median, [3.0, 4.0]);
        // p5 at position 0.1 of three sorted values, p95 at 1.9: 10 + 0.1 * 10, 3 + 0.9 * 2.
        assert!(close(&s[0].p5, [11.0, 21.0]), "{:?}", s[0].p5);
        assert!(close(&s[1].p95, [4.8, 5.8]), "{:?}", s[1].p95);
        assert_eq!(s[0].groups, [None, None], "three runs are too few for groups");
    }

    /// The groups column, which one run (as the CLI's places test runs) can never fill: ten runs that
    /// split on day 0 and not on day 1, and a split that counts for one figure but not for a place's
    /// hundreds of days.
    #[test]
    fn a_day_whose_runs_split_shows_its_two_groups_in_places_csv() {
        // Ten runs at one place: day 0 at 100..=104 or 200..=204, day 1 evenly 10, 20, ..., 100.
        let per_run: Vec<Vec<Vec<f64>>> =
            (0..10).map(|r| vec![vec![f64::from(r % 5 + 100 * (1 + r / 5)), f64::from(10 * (r + 1))]]).collect();
        let spreads = place_spreads(&[1], &per_run, 0.0);
        let want = [Group { runs: 5, low: 100.0, high: 104.0 }, Group { runs: 5, low: 200.0, high: 204.0 }];
        assert_eq!(spreads[0].groups, [Some(want), None]);
        assert_eq!(place_spreads(&[1], &per_run, 100.0)[0].groups, [None, None], "a gap of 96 under 100");

        let mut s = crate::worlds::line_world(&["A", "Tijuana, BC"], 10.0, 1);
        s.period.start = chrono::NaiveDate::from_ymd_opt(2018, 11, 20).expect("date");
        // Medians between the 5th and 6th runs, p5 at position 0.45 and p95 at 8.55 of the ten.
        assert_eq!(
            places_csv(&s, &spreads),
            "date,place,median,p5,p95,groups\n\
             2018-11-20,\"Tijuana, BC\",152,100.5,203.6,5 runs 100–104; 5 runs 200–204\n\
             2018-11-21,\"Tijuana, BC\",55,14.5,95.5,\n"
        );

        // Tijuana's list on Nov 27 2018 over 20 seeds: a gap of 32% of the range, two groups for a
        // figure (over a quarter of the range from 20 runs) but not for one of a place's many days.
        let tijuana = [
            3600.0, 3800.0, 4000.0, 4200.0, 4400.0, 4540.0, 5460.0, 5530.0, 5600.0, 5680.0, 5750.0, 5820.0, 5900.0,
            5980.0, 6050.0, 6120.0, 6200.0, 6280.0, 6380.0, 6470.0,
        ];
        assert!(super::super::two_groups(&tijuana, 0.0).is_some());
        let per_run: Vec<Vec<Vec<f64>>> = tijuana.iter().map(|&x| vec![vec![x]]).collect();
        assert_eq!(place_spreads(&[1], &per_run, 0.0)[0].groups, [None]);
    }

    #[test]
    fn the_built_in_scenario_watches_its_border_cities_and_shelters() {
        let s = crate::worlds::caravan_2018().unwrap();
        let names: Vec<&str> = watched_places(&s).iter().map(|&p| s.places[p].name.as_str()).collect();
        assert!(names.contains(&"Tijuana") && names.contains(&"Mexico City"), "{names:?}");
        assert!(!names.contains(&"San Pedro Sula"), "{names:?}");
    }
}
