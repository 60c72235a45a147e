//! The warnings for `--set`s of a base value that dated policies or the ports' own values override
//! on their dates: what the user set is not the value in force there.

use super::{key_parts, Override};
use crate::policy::Kind;
use crate::scenario::Scenario;

/// The overrides of an institution parameter's base value (`institutions.FAMILY.KEY`, or a port's
/// `capacity_per_day`, `metering` or `mpp`) that the scenario's dated `[[policy]]` entries override on
/// their dates: there the value set is not the one in force, however it was set. One message per
/// such override, naming the policies (`policy.N`, as `--set` numbers them) that win over it.
pub fn shadowed(scenario: &Scenario, overrides: &[Override]) -> Vec<String> {
    let Some(inst) = &scenario.institutions else {
        return Vec::new();
    };
    // The policies whose value the same command sets: a base value does not give way to them.
    let set_too: std::collections::HashSet<usize> = overrides
        .iter()
        .filter_map(|x| match key_parts(&x.path).as_slice() {
            ["policy", k, "value"] => k.parse::<usize>().ok().filter(|n| n.to_string() == *k),
            _ => None,
        })
        .collect();
    let mut warnings = Vec::new();
    for o in overrides {
        let Some((param, port)) = param_of(o) else { continue };
        // Only a value other than the one set is one that wins over it (review of session 21: policies
        // already of the value were listed, and one suggested as the set to make).
        let set_to = crate::scenario::institutions::param_value(param, &o.value).ok();
        let differs = |v: f64| set_to.is_none_or(|s| s != v);
        // A port's base value gives way to the policies in force at the port on some day: its own and
        // the general ones, the last in the file winning (policy researcher's review of session 32: a
        // general policy was named at a port whose own policy held every day, and the advice to set it
        // switched metering off at every port). A general base value gives way to every policy of the
        // parameter. Neither gives way to a policy whose value the same command sets.
        let deciding: Vec<usize> = match port {
            Some(_) => {
                let days = scenario.period.days;
                let change_days = inst.params.change_days(&[param], days);
                change_days.into_iter().filter_map(|d| inst.params.policy_in_force(param, port, d)).collect()
            }
            None => Vec::new(),
        };
        let winners: Vec<(usize, String)> = inst
            .params
            .policies
            .iter()
            .enumerate()
            .filter(|(k, q)| {
                q.param == param && (port.is_none() || deciding.contains(k)) && !set_too.contains(k) && differs(q.value)
            })
            .map(|(k, q)| {
                let to = q.to_day.map_or(String::new(), |t| format!(" to {}", scenario.period.date(t)));
                let value = param.value_text(q.value);
                (k, format!("policy.{k} ({}, from {}{to}: {value})", q.name, scenario.period.date(q.from_day)))
            })
            .collect();
        // A general base value also gives way to the ports' own (`[[port]]` fields).
        let field = crate::scenario::institutions::PORT_PARAMS.iter().find(|(_, p)| *p == param).map_or("", |(f, _)| f);
        let own: Vec<(u32, f64)> = if port.is_none() {
            inst.params.ports_with_own(param).filter(|&(_, v)| differs(v)).collect()
        } else {
            Vec::new()
        };
        // A switch is meant the same on every date and port: every winner set to it. A number may be
        // meant as a scale of what is there (a surge's 7 over a base of 2.8), so none is made up (policy
        // researcher's review of session 24: the example copied 2 into a surge of 7, and named one of
        // two metering policies, so the one that won at the port stayed; code review: and one port of two).
        let to = if param.kind() == Kind::Switch { param.value_text(set_to.unwrap_or(0.0)) } else { "N".into() };
        let name = param.name();
        let mut parts = Vec::new();
        let mut examples = Vec::new();
        // Whether some example is a set to make (not only a general policy's note).
        let mut sets_given = false;
        if !winners.is_empty() {
            let counted = if winners.len() == 1 {
                "1 policy sets it on its dates and wins there".to_string()
            } else {
                format!("{} policies set it on their dates and win there", winners.len())
            };
            let named: Vec<&str> = winners.iter().map(|(_, w)| w.as_str()).collect();
            parts.push(format!("{counted}: {}", named.join("; ")));
            // At a port, a general policy in force there is not the port's to set: its value is every
            // port's (review of session 32: the advice for `port.1.metering=false` switched metering
            // off at every port). A port's own [[policy]] is the way, said instead of a set.
            let general = |k: usize| port.is_some() && inst.params.policies[k].at.is_none();
            let sets: Vec<String> = winners
                .iter()
                .filter(|(k, _)| !general(*k))
                .map(|(k, _)| format!("--set policy.{k}.value={to}"))
                .collect();
            if !sets.is_empty() {
                sets_given = true;
                examples.push(sets.join(" "));
            }
            let shared: Vec<String> =
                winners.iter().filter(|(k, _)| general(*k)).map(|(k, _)| format!("policy.{k}")).collect();
            if let (false, Some(p)) = (shared.is_empty(), port) {
                let port_name = &inst.ports[p as usize].name;
                examples.push(format!(
                    "{} {} general (setting {} value changes every port): for this port alone, add a [[policy]] \
                     of {name} with `at = \"{port_name}\"` on {} dates (later in the file, a port's own wins)",
                    shared.join(", "),
                    if shared.len() == 1 { "is" } else { "are" },
                    if shared.len() == 1 { "its" } else { "their" },
                    if shared.len() == 1 { "its" } else { "their" },
                ));
            }
        }
        if !own.is_empty() {
            let names: Vec<String> = own
                .iter()
                .map(|&(k, v)| format!("{} ({})", inst.ports[k as usize].name, param.value_text(v)))
                .collect();
            let ports = match names.as_slice() {
                [one] => format!("the port {one} sets its own"),
                _ => format!("the ports {} set their own", names.join(", ")),
            };
            parts.push(format!("{ports} ([[port]] `{field}`), which wins there"));
            sets_given = true;
            examples
                .push(own.iter().map(|(k, _)| format!("--set port.{k}.{field}={to}")).collect::<Vec<_>>().join(" "));
        }
        if !examples.is_empty() {
            let how = match param.kind() {
                _ if !sets_given => "To change that too:",
                Kind::Switch => "To change those too, set them as well:",
                _ => "To change those too, set each to the value meant for it (N):",
            };
            warnings.push(format!(
                "--set {o} sets {name} only where nothing more specific does: {}. {how} {}",
                parts.join("; and "),
                examples.join(" and ")
            ));
        }
    }
    warnings
}

/// The overrides of an institution parameter that acts only while a switch is on (`Param::gate`:
/// `troops.apprehension_boost` needs `troops.active`; `courts.grant_mpp_factor` needs `mpp.active`)
/// when that switch is off on every day of the period (at the override's port, for a
/// port's), in `scenario` as changed: the set changes nothing, and says so (review of session 21:
/// compare said only that B's medians equal A's). Where the sets gave the scenario its institutions
/// (`brought_in`, [`institutions_added`]), the set changed that, and its own value nothing.
pub fn inactive(scenario: &Scenario, overrides: &[Override], brought_in: bool) -> Vec<String> {
    use crate::policy::Scope;
    let Some(inst) = &scenario.institutions else {
        return Vec::new();
    };
    let ports = inst.ports.len() as u32;
    let mut warnings = Vec::new();
    for o in overrides {
        let Some((param, port)) = param_of(o) else { continue };
        let nothing = if brought_in { "changes nothing itself" } else { "changes nothing" };
        if let Some(w) = decided_for_all(scenario, o, param, nothing) {
            warnings.push(w);
            continue;
        }
        let Some(switch) = param.gate() else { continue };
        // A port-scoped switch is on somewhere if on at the override's port, or (for a general set)
        // at any port, on any day.
        let at: Vec<Option<u32>> = match (switch.scope(), port) {
            (Scope::Port, Some(k)) => vec![Some(k)],
            (Scope::Port, None) => (0..ports).map(Some).collect(),
            _ => vec![None],
        };
        let days = scenario.period.days;
        if at.iter().any(|&k| inst.params.on_some_day(switch, k, days)) {
            continue;
        }
        let where_ = port.and_then(|k| inst.ports.get(k as usize)).map_or(String::new(), |p| format!(" at {}", p.name));
        warnings.push(format!(
            "--set {o} {nothing}: {} acts only while {} is on, and it is off on every day of the period{where_} \
             (switch it on too, e.g. --set institutions.{}=true, or with a policy)",
            param.name(),
            switch.name(),
            switch.name()
        ));
    }
    warnings
}

/// `crossing.on_arrival` set where it decides for no one (`Scenario::crossing_on_arrival_unread`).
fn decided_for_all(scenario: &Scenario, o: &Override, param: crate::policy::Param, nothing: &str) -> Option<String> {
    (param == crate::policy::Param::CrossOnArrival && scenario.crossing_on_arrival_unread()).then(|| {
        format!(
            "--set {o} {nothing}: crossing.on_arrival decides only for people of an inflow without its own \
             `cross_on_arrival`, and every inflow here sets one (set inflow.N.cross_on_arrival instead; \
             `corridor entries` numbers the inflows)"
        )
    })
}

/// The institution parameter an override sets, and its port for a port's own value
/// (`institutions.FAMILY.KEY`, or `port.N.FIELD` of `PORT_PARAMS`); None for any other key.
fn param_of(o: &Override) -> Option<(crate::policy::Param, Option<u32>)> {
    use crate::policy::Param;
    match key_parts(&o.path).as_slice() {
        ["institutions", family, key] => Param::parse(&format!("{family}.{key}")).map(|p| (p, None)),
        ["port", n, field] => crate::scenario::institutions::PORT_PARAMS
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, p)| (*p, n.parse::<u32>().ok())),
        _ => None,
    }
}

/// The ports where the overrides switched metering off on some day it was on (`base` is the
/// scenario without them), in words; None where they did not. A port without metering processes
/// everyone who presents on the day they arrive, which a user turning a list off may not expect.
pub fn metering_switched_off(base: &Scenario, changed: &Scenario) -> Option<String> {
    use crate::policy::Param;
    let (Some(a), Some(b)) = (&base.institutions, &changed.institutions) else {
        return None;
    };
    // Day by date, in the changed scenario's period (a --set of `start` moves every day's number).
    let base_day = |d: u32| base.period.day_of(changed.period.date(d));
    let off: Vec<String> = (0..b.ports.len().min(a.ports.len()))
        .filter_map(|k| {
            let port = Some(k as u32);
            let days: Vec<u32> = (0..changed.period.days)
                .filter(|&d| {
                    base_day(d).is_some_and(|bd| a.params.on(Param::MeteringActive, port, bd))
                        && !b.params.on(Param::MeteringActive, port, d)
                })
                .collect();
            let first = *days.first()?;
            let n = days.len();
            let plural = if n == 1 { "" } else { "s" };
            Some(format!("{} on {n} day{plural} from {}", b.ports[k].name, changed.period.date(first)))
        })
        .collect();
    (!off.is_empty()).then(|| {
        format!(
            "the --set switches metering off where it was on ({}): {} (docs/institutions.md); to keep a limit, \
             lower its capacity_per_day instead",
            off.join(", "),
            crate::institutions::metering::OFF_MEANS
        )
    })
}

/// The overrides that gave a scenario without institutions (`base`) institutions (`changed` has them),
/// in words; None otherwise. Every institution then runs at its default (a court backlog worked
/// through, queues.csv's rows, the report's charts), which no single key's warning says: a set of
/// `iom.base_daily` on demo was told it "changes nothing" (reproducibility audit of session 31).
pub fn institutions_added(base: &Scenario, changed: &Scenario, overrides: &[Override]) -> Option<String> {
    if base.institutions.is_some() || changed.institutions.is_none() {
        return None;
    }
    use crate::scenario::institutions::INSTITUTION_KEYS;
    let by: Vec<String> = overrides
        .iter()
        .filter(|o| INSTITUTION_KEYS.contains(&o.path.split(['.', '[']).next().unwrap_or("")))
        .map(|o| format!("--set {o}"))
        .collect();
    Some(format!(
        "{} gives the scenario institutions, which it had none of: each at its default (docs/institutions.md), \
         so a court backlog of 800,000 cases is worked through and queues.csv, waits_by_month.csv and the \
         report's charts of the queues appear; people meet an institution only where the scenario has its \
         entries ([[port]], [[office]], [[checkpoint]], [[hazard]])",
        if by.is_empty() { "the --set".to_string() } else { by.join(", ") }
    ))
}
