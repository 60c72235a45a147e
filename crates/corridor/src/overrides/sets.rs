//! A command's `--set`s and what became of each: applied (a selector as the indexed keys it set),
//! ignored by corridor (a FLEE key it does not implement), beaten by `--seed`, a value the scenario has
//! already, or overridden by the other sets; one value for all.
//!
//! `run`, `validate`, `compare` and the report read the same value, so that none of them names a set
//! that did not take effect (session 17's read-through: each worked it out apart, and the report's
//! header named a `--set seed=7` that `--seed 1` had beaten).

use super::split_key_value;
use crate::entries::describe_sets;
use crate::Scenario;

/// What a run changed from its scenario's files. Empty (`Sets::default()`) for a run as written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sets {
    /// The `--set`s as given on the command line.
    pub given: Vec<String>,
    /// Those that took effect, as applied: each selector (`policy[parameter=mpp.active].value=false`)
    /// as the indexed keys of the entries it set (`policy.16.value=false`), which with the run's seed
    /// reproduce the run alone; a FLEE folder's as given.
    pub applied: Vec<String>,
    /// Given sets of keys corridor does not implement (a FLEE folder's: `flee_set::ignored_sets`):
    /// the run is as without them.
    pub ignored: Vec<String>,
    /// Given `seed=N` sets of another seed than the command's `--seed`, which wins over them.
    pub not_applied: Vec<String>,
    /// Sets that took, yet left the scenario as its files give it (values it has already):
    /// [`Sets::mark_already`] moves them here once the command has compared the two.
    pub already: Vec<String>,
    /// Sets that took, yet the run is the same without them, though not the scenario's own values:
    /// the other sets override them (a later set of the same key, or one that forces the value).
    pub overridden: Vec<String>,
    /// The sets that took as applied, when some of the given ones are `already` or `overridden`
    /// (`applied` keeps them all): what [`Sets::describe`] expands a selector into.
    pub took_applied: Option<Vec<String>>,
}

/// The value of a `seed=` set, if `set` is one.
fn seed_set(set: &str) -> Option<&str> {
    split_key_value(set).and_then(|(k, v)| (k == "seed").then_some(v))
}

impl Sets {
    /// `given`, applied as `applied` (in their order, less `ignored`), with the `seed=` sets that a
    /// command's `seed` (its `--seed`, if given) beats moved out of both into `not_applied`.
    pub fn new(given: Vec<String>, applied: Vec<String>, ignored: Vec<String>, seed: Option<u64>) -> Sets {
        let beaten = |s: &String| seed.is_some_and(|seed| seed_set(s).is_some_and(|v| v.parse::<u64>() != Ok(seed)));
        let not_applied = given.iter().filter(|s| beaten(s)).cloned().collect();
        let applied = applied.into_iter().filter(|s| !beaten(s)).collect();
        Sets { given, applied, ignored, not_applied, already: Vec::new(), overridden: Vec::new(), took_applied: None }
    }

    /// Says that the sets that took left the scenario as its files give it (the command loaded both
    /// and found them equal but for the description, which names the sets): each is then a value the
    /// scenario has already, and the run is the scenario's own (review of session 18: a FLEE folder's
    /// `--set move_rules.max_move_speed=200`, its own value, headed the report "Changed from the
    /// scenario").
    pub fn mark_already(&mut self) {
        self.already = self.took();
    }

    /// Says that each of `sets` (some that took) left the scenario as its files give it when applied
    /// alone (the command loaded it with each alone and compared): they are named apart like
    /// [`Sets::mark_already`]'s, while the rest stay changes.
    pub fn mark_already_each(&mut self, sets: &[String]) {
        let these = self.took_among(sets);
        self.already.extend(these);
    }

    /// Says that each of `sets` (some that took) leaves the run as it is when left out, though applied
    /// alone it changes the scenario: the other sets override it.
    pub fn mark_overridden(&mut self, sets: &[String]) {
        let these = self.took_among(sets);
        self.overridden.extend(these);
    }

    /// Those of `sets` that took, in the given order.
    fn took_among(&self, sets: &[String]) -> Vec<String> {
        self.took().into_iter().filter(|s| sets.contains(s)).collect()
    }

    /// The given sets that took effect: none of those set apart ([`Sets::set_apart`]).
    pub fn took(&self) -> Vec<String> {
        let apart = self.set_apart();
        self.given.iter().filter(|s| !apart.iter().any(|(_, list, _)| list.contains(s))).cloned().collect()
    }

    /// The sets that took no effect, by reason: the key that records them, the list, and the words
    /// that follow it (ignored by corridor, beaten by `--seed`, values the scenario has already,
    /// overridden by the other sets).
    fn set_apart(&self) -> [(&'static str, &[String], &'static str); 4] {
        [
            ("sets_ignored", &self.ignored, "ignored by corridor"),
            ("sets_not_applied", &self.not_applied, "not applied: --seed wins"),
            ("sets_already", &self.already, "as the scenario has it already"),
            ("sets_overridden", &self.overridden, "overridden by the other sets"),
        ]
    }

    /// Whether a `seed=` set was given (taking effect or not).
    pub fn sets_seed(&self) -> bool {
        self.given.iter().any(|s| seed_set(s).is_some())
    }

    /// Whether the run differs from its scenario as written: some set took effect.
    pub fn changed(&self) -> bool {
        !self.took().is_empty()
    }

    /// The given sets that took no effect, in words, one entry per reason: `X, Y ignored by corridor`
    /// (keys it does not implement), `seed=7 not applied: --seed wins`, `Z as the scenario has it
    /// already`, then `W overridden by the other sets`; empty when every set took.
    /// validate's closing line, compare's label for B and its note on an unchanged B say it so.
    pub fn without_effect(&self) -> Vec<String> {
        let apart = self.set_apart();
        apart
            .iter()
            .filter(|(_, list, _)| !list.is_empty())
            .map(|(_, list, said)| format!("{} {said}", list.join(", ")))
            .collect()
    }

    /// The sets that took effect in words, each with the entry it changed in `scenario`
    /// (`entries::describe_sets`); None when none took effect.
    pub fn describe(&self, scenario: &Scenario) -> Option<String> {
        let took = self.took();
        (!took.is_empty()).then(|| describe_sets(scenario, &took, self.took_applied.as_ref().unwrap_or(&self.applied)))
    }

    /// The sets as summary.json, validate.json and compare.json (B's) record them: `sets` (as given)
    /// and `sets_applied` always, `sets_ignored`, `sets_not_applied`, `sets_already` and
    /// `sets_overridden` when there is one.
    pub fn record(&self, into: &mut serde_json::Map<String, serde_json::Value>) {
        into.insert("sets".into(), serde_json::json!(self.given));
        into.insert("sets_applied".into(), serde_json::json!(self.applied));
        for (key, list, _) in self.set_apart() {
            if !list.is_empty() {
                into.insert(key.into(), serde_json::json!(list));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// Review 2 of session 20: a set the others override is named apart, worded and recorded as such,
    /// and no longer took (a change).
    #[test]
    fn an_overridden_set_is_named_apart() {
        let given = strings(&["move_rules.camp_weight=3", "move_rules.camp_weight=1", "move_rules.max_move_speed=9"]);
        let mut s = Sets::new(given.clone(), given.clone(), Vec::new(), None);
        s.mark_overridden(&given[..1]);
        s.mark_already_each(&given[1..2]);
        assert_eq!(s.took(), strings(&["move_rules.max_move_speed=9"]));
        assert_eq!(
            s.without_effect(),
            strings(&[
                "move_rules.camp_weight=1 as the scenario has it already",
                "move_rules.camp_weight=3 overridden by the other sets"
            ])
        );
        let mut record = serde_json::Map::new();
        s.record(&mut record);
        assert_eq!(record["sets_overridden"], serde_json::json!(["move_rules.camp_weight=3"]));
    }

    /// compare's hint to pair runs by `--seed` is left out when a `seed=` set was given, taking or not;
    /// a selector whose field holds `seed=` is not one (session 19's leftover: compare parsed the sets
    /// again for it).
    #[test]
    fn a_seed_set_is_told_from_a_selector_naming_seed() {
        let sets = |given: &[&str], seed| Sets::new(strings(given), strings(given), Vec::new(), seed);
        assert!(sets(&["caravan.0.size=300", "seed=7"], None).sets_seed());
        assert!(sets(&["seed=7"], Some(1)).sets_seed(), "beaten by --seed, but given");
        assert!(!sets(&["policy[name=seed=1].value=2", "caravan.0.size=300"], None).sets_seed());
    }

    /// Regression (session 17's read-through): `--set seed=7 --seed 1` ran seed 1, yet the report's
    /// header named seed=7 among the changes. A beaten seed set is neither applied nor taken.
    #[test]
    fn a_seed_set_that_seed_beats_did_not_take() {
        let given = strings(&["seed=7", "caravan.0.size=300"]);
        let s = Sets::new(given.clone(), given.clone(), Vec::new(), Some(1));
        assert_eq!(s.not_applied, strings(&["seed=7"]));
        assert_eq!(s.applied, strings(&["caravan.0.size=300"]));
        assert_eq!(s.took(), strings(&["caravan.0.size=300"]));
        // The same seed as --seed's, or no --seed: the set takes.
        for seed in [Some(7), None] {
            let s = Sets::new(given.clone(), given.clone(), Vec::new(), seed);
            assert!(s.not_applied.is_empty(), "{seed:?}");
            assert_eq!(s.took(), given, "{seed:?}");
        }
        // Only a beaten seed set: nothing changed.
        assert!(!Sets::new(strings(&["seed = 7"]), strings(&["seed=7"]), Vec::new(), Some(1)).changed());
    }

    #[test]
    fn ignored_sets_did_not_take_and_are_recorded_apart() {
        let given = strings(&["move_rules.max_move_speed=50", "spawn_rules.take_from_population=true"]);
        let s = Sets::new(given.clone(), given[..1].to_vec(), given[1..].to_vec(), None);
        assert_eq!(s.took(), given[..1].to_vec());
        let mut json = serde_json::Map::new();
        s.record(&mut json);
        assert_eq!(json["sets"], serde_json::json!(given));
        assert_eq!(json["sets_applied"], serde_json::json!(given[..1]));
        assert_eq!(json["sets_ignored"], serde_json::json!(given[1..]));
        assert!(!json.contains_key("sets_not_applied"), "{json:?}");
    }

    /// Both reasons a set takes no effect, each named once with its sets, ignored ones first.
    #[test]
    fn sets_without_effect_are_said_by_reason() {
        let given = strings(&["seed=7", "spawn_rules.take_from_population=true", "optimisations.hasten=2"]);
        let s = Sets::new(given.clone(), given.clone(), given[1..].to_vec(), Some(1));
        assert_eq!(
            s.without_effect(),
            strings(&[
                "spawn_rules.take_from_population=true, optimisations.hasten=2 ignored by corridor",
                "seed=7 not applied: --seed wins",
            ])
        );
        assert!(Sets::new(given[..1].to_vec(), given[..1].to_vec(), Vec::new(), None).without_effect().is_empty());
    }

    /// Review of session 18: a set of a value the scenario has already changed nothing, yet was
    /// said as a change. Marked, it is said apart and recorded as such.
    #[test]
    fn sets_of_values_the_scenario_has_already_changed_nothing() {
        let given = strings(&["move_rules.max_move_speed=200", "seed=7"]);
        let mut s = Sets::new(given.clone(), given.clone(), Vec::new(), Some(1));
        s.mark_already();
        assert!(!s.changed() && s.took().is_empty());
        assert_eq!(s.already, strings(&["move_rules.max_move_speed=200"]), "the beaten seed set is not among them");
        assert_eq!(
            s.without_effect(),
            strings(&[
                "seed=7 not applied: --seed wins",
                "move_rules.max_move_speed=200 as the scenario has it already"
            ])
        );
        let mut json = serde_json::Map::new();
        s.record(&mut json);
        assert_eq!(json["sets_already"], serde_json::json!(["move_rules.max_move_speed=200"]));
        assert_eq!(json["sets_applied"], serde_json::json!(["move_rules.max_move_speed=200"]), "as applied");
    }

    #[test]
    fn a_run_as_written_records_empty_lists_and_changed_nothing() {
        let s = Sets::default();
        assert!(!s.changed());
        let mut json = serde_json::Map::new();
        s.record(&mut json);
        assert_eq!(json["sets"], serde_json::json!([]));
        assert_eq!(json["sets_applied"], serde_json::json!([]));
        assert_eq!(json.len(), 2, "{json:?}");
    }
}
