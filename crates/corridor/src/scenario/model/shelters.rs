//! A scenario's shelter places by place and day: the places table's `shelter_capacity`, changed on
//! the dates of `shelter.capacity` policies. The report, places.csv and the plots read them here.

use super::Scenario;
use crate::policy::Param;

impl Scenario {
    /// Place `place`'s shelter places on `day`: its `shelter_capacity`, or the value of a dated
    /// `shelter.capacity` policy at the place in force then; None when none are known (blank or 0).
    pub fn shelter_capacity_on(&self, place: usize, day: u32) -> Option<f64> {
        let dated = self
            .institutions
            .as_ref()
            .and_then(|inst| inst.params.dated_value(Param::ShelterCapacity, Some(place as u32), day));
        let people = dated.unwrap_or_else(|| self.places[place].shelter_capacity.map_or(0.0, |c| c as f64));
        (people > 0.0).then_some(people)
    }

    /// `shelter_capacity_on` for each day of the period.
    pub fn shelter_places_by_day(&self, place: usize) -> Vec<Option<f64>> {
        (0..self.period.days).map(|d| self.shelter_capacity_on(place, d)).collect()
    }

    /// Whether place `place` has shelter places on some day (`shelter_capacity_on`).
    pub fn has_shelter(&self, place: usize) -> bool {
        self.places[place].shelter_capacity.is_some_and(|c| c > 0) || self.shelter_policies(place).any(|v| v > 0.0)
    }

    /// The values that dated `shelter.capacity` policies give place `place`, in file order: its own,
    /// and any that names no place (only code builds one), as `Params::dated_value` reads them.
    pub fn shelter_policies(&self, place: usize) -> impl Iterator<Item = f64> + '_ {
        let policies = self.institutions.iter().flat_map(|inst| &inst.params.policies);
        let here = move |at: Option<u32>| at.is_none_or(|k| k == place as u32);
        policies.filter(move |q| q.param == Param::ShelterCapacity && here(q.at)).map(|q| q.value)
    }
}
