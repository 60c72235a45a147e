//! A scenario's numbered entries as `--set` names them (`caravan.2`, `caravan.2.pause.0`, `port.0`,
//! `policy.16`...), each with what it is: for `corridor entries` and for labelling a `--set`.

use crate::overrides::{select, Override};
use crate::scenario::{PauseEnd, Scenario};

/// One entry: its `--set` prefix and a line saying what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    /// The entry's own name, where it has one (a caravan's, a port's, a policy's...).
    pub name: Option<String>,
    /// What it is, in a line (its name first, between backquotes, where it has one).
    pub what: String,
}

/// Every numbered entry of `s`, in file order within each kind.
pub fn entries(s: &Scenario) -> Vec<Entry> {
    let name = |p: crate::scenario::PlaceId| s.places[p.index()].name.as_str();
    let date = |d: u32| s.period.date(d);
    let mut out = Vec::new();
    let mut push =
        |key: String, name: Option<&str>, what: String| out.push(Entry { key, name: name.map(String::from), what });
    for (i, c) in s.caravans.iter().enumerate() {
        push(
            format!("caravan.{i}"),
            Some(&c.name),
            format!("`{}`: {} people from {} on {}", c.name, c.people, name(c.origin), date(c.depart_day)),
        );
        for (j, p) in c.pauses.iter().enumerate() {
            let end = match p.end {
                PauseEnd::OnDay(d) => format!("until {}", date(d)),
                PauseEnd::Days(1) => "1 day".to_string(),
                PauseEnd::Days(n) => format!("{n} days"),
                PauseEnd::DailyChance(q) => format!("leaving with a daily chance of {q}"),
            };
            push(format!("caravan.{i}.pause.{j}"), None, format!("pause at {}, {end}", name(p.place)));
        }
        for (j, x) in c.splits.iter().enumerate() {
            let leaves = x.until.map_or("the next day".to_string(), |d| format!("on {}", date(d)));
            let goes = match x.goal {
                None => "its members go on alone".to_string(),
                Some(g) if g == x.place => "its members stay there".to_string(),
                Some(g) => format!("for {}", name(g)),
            };
            let goes = match x.speed_km_per_day {
                Some(v) => format!("{goes}, at {v} km a day"),
                None => goes,
            };
            let what = format!("split at {}: {} people, leaving {leaves}; {goes}", name(x.place), x.people);
            push(format!("caravan.{i}.split.{j}"), None, what);
        }
        for (j, x) in c.joins.iter().enumerate() {
            let what =
                format!("join at {}: {} people join as it sets out from its pause there", name(x.place), x.people);
            push(format!("caravan.{i}.join.{j}"), None, what);
        }
    }
    for (i, f) in s.inflows.iter().enumerate() {
        // What its people do on reaching a border city, where they decided as they set out (session 26).
        let decided = match f.cross_on_arrival {
            None => String::new(),
            Some(1.0) => "; they cross between ports".to_string(),
            Some(0.0) => "; they ask at the port".to_string(),
            Some(share) => format!("; {}% cross between ports, the others ask at the port", 100.0 * share),
        };
        let what = format!(
            "`{}`: {} people a day from {}, {} to {}{decided}",
            f.name,
            f.people_per_day,
            name(f.origin),
            date(f.from_day),
            date(f.to_day)
        );
        push(format!("inflow.{i}"), Some(&f.name), what);
    }
    for (i, o) in s.observed.iter().enumerate() {
        push(format!("observed.{i}"), Some(&o.name), format!("`{}` ({})", o.name, o.metric));
    }
    let Some(inst) = &s.institutions else {
        return out;
    };
    for (i, p) in inst.ports.iter().enumerate() {
        push(format!("port.{i}"), Some(&p.name), format!("`{}`: {} to {}", p.name, name(p.city), name(p.us_side)));
    }
    for (i, c) in inst.checkpoints.iter().enumerate() {
        push(format!("checkpoint.{i}"), Some(&c.name), format!("`{}`", c.name));
    }
    for (i, d) in inst.detention.iter().enumerate() {
        push(
            format!("detention.{i}"),
            Some(&d.name),
            format!("`{}` at {}, {} places", d.name, name(d.place), d.capacity),
        );
    }
    for (i, o) in inst.offices.iter().enumerate() {
        push(format!("office.{i}"), None, format!("{} at {}", o.kind.name(), name(o.place)));
    }
    for (i, h) in inst.hazards.iter().enumerate() {
        let on = match (&h.route, &h.country) {
            (Some((a, b)), _) => format!("road {}–{}", name(*a), name(*b)),
            (None, Some(c)) => format!("roads in {c}"),
            (None, None) => "every road".into(),
        };
        push(format!("hazard.{i}"), None, on);
    }
    for (i, p) in inst.params.policies.iter().enumerate() {
        let at = match (p.at, p.param.scope()) {
            (Some(k), crate::policy::Scope::Port) => format!(" at {}", inst.ports[k as usize].name),
            (Some(k), _) => format!(" at {}", name(crate::scenario::PlaceId(k))),
            (None, _) => String::new(),
        };
        // `to` as the file gives it: the first day the policy is no longer in force.
        let to = p.to_day.map_or(String::new(), |d| format!(", to {} (not in force from then)", date(d)));
        // A switch as the file writes it (and a selector matches it): true or false.
        let value = match p.param.kind() {
            // Shelter places of 0 are none known, as a blank in the places table.
            crate::policy::Kind::People if p.value == 0.0 => "0 (none known)".to_string(),
            _ => p.param.value_text(p.value),
        };
        let what = format!("`{}`: {}{at} = {value} from {}{to}", p.name, p.param.name(), date(p.from_day));
        push(format!("policy.{i}"), Some(&p.name), what);
    }
    out
}

/// `KEY=VALUE` (a `--set`) with what the entry its key starts with is, the longest such entry:
/// `policy.16.value=false (MPP at San Ysidro)`, `caravan.2.pause.9.until=… (pause at Mexico City, …)`.
pub fn describe_set(s: &Scenario, set: &str) -> String {
    let key: Vec<&str> = set.split('=').next().unwrap_or(set).split('.').map(str::trim).collect();
    let key = key.join(".");
    let within = |e: &&Entry| key == e.key || key.starts_with(&format!("{}.", e.key));
    let all = entries(s);
    let Some(e) = all.iter().filter(within).max_by_key(|e| e.key.len()) else {
        return set.to_string();
    };
    let what = e.name.as_deref().unwrap_or(&e.what);
    format!("{set} ({what})")
}

/// A command's `--set`s in words, each with what its entry is ([`describe_set`]), then, where a
/// selector stands for the indexed keys of the entries it set, the sets as applied:
/// `policy[parameter=mpp.active].value=false, that is policy.16.value=false (MPP at San Ysidro), …`.
/// Only a selector's: a plain `--set` comes back as TOML writes it (`name=foo` as `name="foo"`), the
/// same key, which "that is" would show as expanded. Empty without sets. The report's header,
/// `validate` and compare's label for B say a run's changes this way.
pub fn describe_sets(s: &Scenario, sets: &[String], applied: &[String]) -> String {
    let named = |v: &[String]| v.iter().map(|x| describe_set(s, x)).collect::<Vec<_>>().join(", ");
    let mut text = named(sets);
    let selects = |x: &String| Override::parse(x).is_ok_and(|o| select::has_selector(&o));
    if sets.iter().any(selects) && applied != sets && !applied.is_empty() {
        text.push_str(", that is ");
        text.push_str(&named(applied));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Session 17: the report's header said ", that is name=\"foo\"" of `--set name=foo`, as compare's
    /// label had (fixed there in session 17): "that is" is a selector's expansion only.
    #[test]
    fn only_a_selector_is_described_as_the_sets_it_stands_for() {
        let s = crate::worlds::demo().expect("demo");
        let plain = describe_sets(&s, &["name=foo".into()], &["name=\"foo\"".into()]);
        assert_eq!(plain, "name=foo");
        let selector = "caravan[name=x].size=5".to_string();
        let text = describe_sets(&s, std::slice::from_ref(&selector), &["caravan.0.size=5".into()]);
        assert_eq!(text, format!("{selector}, that is caravan.0.size=5 ({})", s.caravans[0].name));
    }

    #[test]
    fn the_built_in_scenario_lists_its_entries_by_set_name() {
        let s = crate::worlds::demo().expect("demo");
        let all = entries(&s);
        let keys: Vec<&str> = all.iter().map(|e| e.key.as_str()).collect();
        assert!(keys.contains(&"caravan.0"), "{keys:?}");
        let c = &s.caravans[0];
        assert!(all[0].what.starts_with(&format!("`{}`: {} people", c.name, c.people)), "{:?}", all[0]);
        assert_eq!(describe_set(&s, "caravan.0.size=5"), format!("caravan.0.size=5 ({})", c.name));
        assert_eq!(describe_set(&s, " caravan . 0 .size=5"), format!(" caravan . 0 .size=5 ({})", c.name));
        // A pause is named as a pause, not as its caravan (code review, session 14).
        let pause = describe_set(&s, "caravan.0.pause.0.days=3");
        assert!(pause.starts_with("caravan.0.pause.0.days=3 (pause at "), "{pause}");
        assert_eq!(describe_set(&s, "caravan.01.size=5"), "caravan.01.size=5", "not caravan.0");
        assert_eq!(describe_set(&s, "caravan.99.size=5"), "caravan.99.size=5", "no such entry");
        assert_eq!(describe_set(&s, "seed=3"), "seed=3");
    }

    /// Session 26: an inflow's entry says what its people decided as they set out.
    #[test]
    fn an_inflows_entry_says_whether_its_people_cross_or_ask_at_the_port() {
        let s = crate::worlds::caravan_2018().expect("caravan-2018");
        let inflows: Vec<String> =
            entries(&s).into_iter().filter(|e| e.key.starts_with("inflow.")).map(|e| e.what).collect();
        assert!(inflows[0].ends_with("2018-04-01 to 2018-09-30; they cross between ports"), "{}", inflows[0]);
        assert!(inflows.iter().any(|w| w.ends_with("; they ask at the port")), "{inflows:?}");
        let mut some = s.clone();
        some.inflows[0].cross_on_arrival = Some(0.25);
        let first = entries(&some).into_iter().find(|e| e.key == "inflow.0").expect("inflow.0").what;
        assert!(first.ends_with("; 25% cross between ports, the others ask at the port"), "{first}");
        some.inflows[0].cross_on_arrival = None;
        let first = entries(&some).into_iter().find(|e| e.key == "inflow.0").expect("inflow.0").what;
        assert!(first.ends_with("2018-09-30"), "{first}");
    }

    #[test]
    fn sets_are_described_with_the_entries_a_selector_set() {
        let s = crate::worlds::demo().expect("demo");
        let name = &s.caravans[0].name;
        assert_eq!(describe_sets(&s, &[], &[]), "");
        let one = vec!["caravan.0.size=5".to_string()];
        assert_eq!(describe_sets(&s, &one, &one), format!("caravan.0.size=5 ({name})"));
        let selector = vec!["caravan[name=x].size=5".to_string()];
        assert_eq!(
            describe_sets(&s, &selector, &one),
            format!("caravan[name=x].size=5, that is caravan.0.size=5 ({name})")
        );
    }
}
