//! People at the places planners watch (border cities, camps, places with shelter places) each day,
//! over replicates: each day's median and 5–95% range, written as `places.csv` by `validate`.

use super::{csv_number, each_day_sorted, groups_text, two_groups_of_many, Group, Recording, Spread, StatusSet};
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
            let (mut median, mut p5, mut p95, mut groups) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            each_day_sorted(&runs, |v| {
                let s = Spread::of_sorted(v);
                median.push(s.median);
                p5.push(s.p5);
                p95.push(s.p95);
                groups.push(two_groups_of_many(v, min_gap));
            });
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
        use super::super::quantile;
        assert_eq!((s[0].place, s[1].place), (3, 7));
        assert_eq!(s[0].median, [20.0, 30.0]);
        assert_eq!(s[1].median, [3.0, 4.0]);
        assert_eq!(s[0].p5, [quantile(&[10.0, 30.0, 20.0], 0.05), quantile(&[20.0, 40.0, 30.0], 0.05)]);
        assert_eq!(s[1].p95, [quantile(&[1.0, 3.0, 5.0], 0.95), quantile(&[2.0, 4.0, 6.0], 0.95)]);
    }

    #[test]
    fn the_built_in_scenario_watches_its_border_cities_and_shelters() {
        let s = crate::worlds::caravan_2018().unwrap();
        let names: Vec<&str> = watched_places(&s).iter().map(|&p| s.places[p].name.as_str()).collect();
        assert!(names.contains(&"Tijuana") && names.contains(&"Mexico City"), "{names:?}");
        assert!(!names.contains(&"San Pedro Sula"), "{names:?}");
    }
}
