//! What a valid scenario may still not mean as written: pauses the caravan reaches after their date,
//! places no road joins, caravans rounded to whole agents, detention too small to hold one agent. Said
//! as warnings, each under its `--set` key (the scenario keeps no file lines: the key names the entry).

use super::model::{PlaceKind, Scenario};
use super::reach::pauses_too_early;
use crate::engine::spawn::caravan_people;
use crate::policy::Param;

/// The scenario's warnings, each as `key: message` (`caravan.2.pause.10.until: …`, `place Ensenada: …`).
pub fn warnings(s: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    for late in pauses_too_early(s) {
        let d = late.describe(s);
        out.push(format!("{}: {}", d.set_key(), d.message));
    }
    // A place no road joins: nobody reaches it on foot. Destinations are reached through the
    // institutions (a port's US side), so they need none.
    let mut joined = vec![false; s.places.len()];
    for r in &s.routes {
        joined[r.a.index()] = true;
        joined[r.b.index()] = true;
    }
    for (p, place) in s.places.iter().enumerate() {
        if !joined[p] && place.kind != PlaceKind::Destination && s.places.len() > 1 {
            out.push(format!(
                "place `{}`: no road in the routes table joins it, so nobody travels to or from it",
                place.name
            ));
        }
    }
    // A closure from a day past the period closes nothing (a FLEE folder's is warned of at its cell).
    if s.flee.is_none() {
        for c in s.closures.iter().filter(|c| c.starts_after(s.period.days)) {
            out.push(format!(
                "closures.csv: the closure of {} from day {} starts after the period's last day ({}, {}): it \
                 closes nothing",
                c.target.describe(s),
                c.start,
                s.period.days.saturating_sub(1),
                s.period.end()
            ));
        }
    }
    let ppa = u64::from(s.people_per_agent);
    for (k, c) in s.caravans.iter().enumerate() {
        let people = caravan_people(c, s.people_per_agent);
        if people.abs_diff(c.people) * 10 > c.people {
            out.push(format!(
                "caravan.{k}.size: caravan `{}`: {} people run as {people} ({} agents of {ppa}), over a tenth off",
                c.name,
                c.people,
                people / ppa
            ));
        }
    }
    out.extend(itinerary_repeats(s));
    out.extend(detention_below_one_agent(s));
    out.extend(chances_over_one(s));
    out.extend(mpp_before_its_limit(s));
    out.extend(round_the_ports(s));
    out
}

/// Journeys and roads that reach a port's US side on foot: a caravan's stop or goal, an inflow's goal
/// there, or a road into it. People reach the US side only through the port (its list, screening,
/// MPP, courts), so on foot they go round all of it (scenario author's review of session 24: a goal
/// at McAllen walked 1,964 people past Hidalgo's list, and inflows bound there waited in Reynosa for
/// good, never joining it).
fn round_the_ports(s: &Scenario) -> Vec<String> {
    let Some(inst) = &s.institutions else {
        return Vec::new();
    };
    let port_of = |p: super::model::PlaceId| inst.ports.iter().find(|q| q.us_side == p);
    let said = |p: super::model::PlaceId, what: &str| {
        port_of(p).map(|q| {
            format!(
                "{what} `{}`, the US side of the port {}: people reach it only through the port, and on foot go \
                 round its list, screening and courts; name the port's city, `{}`",
                s.place(p).name,
                q.name,
                s.place(q.city).name
            )
        })
    };
    let mut out = Vec::new();
    for (k, c) in s.caravans.iter().enumerate() {
        let stops = c.itinerary.iter().map(|&p| ("itinerary", p)).chain(c.goal.map(|g| ("goal", g)));
        for (field, p) in stops {
            if let Some(w) = said(p, &format!("caravan `{}` goes to", c.name)) {
                out.push(format!("caravan.{k}.{field}: {w}"));
            }
        }
        for (j, pause) in c.pauses.iter().enumerate() {
            if let Some(w) = said(pause.place, &format!("caravan `{}` pauses at", c.name)) {
                out.push(format!("caravan.{k}.pause.{j}.place: {w}"));
            }
        }
    }
    for (k, f) in s.inflows.iter().enumerate() {
        for &(p, _) in &f.goals {
            if let Some(w) = said(p, &format!("inflow `{}` heads for", f.name)) {
                out.push(format!("inflow.{k}.goals: {w}"));
            }
        }
    }
    for r in &s.routes {
        for (end, other) in [(r.a, r.b), (r.b, r.a)] {
            if let Some(q) = port_of(end) {
                out.push(format!(
                    "routes.csv: the road {}–{} leads to `{}`, the US side of the port {}: people can walk round the \
                     port on it (a port's US side needs no road)",
                    s.place(other).name,
                    s.place(end).name,
                    s.place(end).name,
                    q.name
                ));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Ports where MPP is on before the dated daily limit the scenario gives it there starts: MPP returns
/// at no daily limit in between (policy researcher's review of session 24: `policy.16.from` moved
/// three months earlier left the phase-in's 20 a day at its date, unsaid). Ports with no dated limit
/// are not warned of: their limit is the base value on every day.
fn mpp_before_its_limit(s: &Scenario) -> Vec<String> {
    let Some(inst) = &s.institutions else {
        return Vec::new();
    };
    let params = &inst.params;
    let mut out = Vec::new();
    for (k, port) in inst.ports.iter().enumerate() {
        let at = Some(k as u32);
        let limits: Vec<(usize, &crate::policy::Policy)> =
            params.policies.iter().enumerate().filter(|(_, q)| q.param == Param::MppCapacity && q.at == at).collect();
        let Some(limit_from) = limits.iter().map(|(_, q)| q.from_day).min() else { continue };
        let Some(on) = (0..limit_from.min(s.period.days)).find(|&d| params.on(Param::MppActive, at, d)) else {
            continue;
        };
        let switch = params
            .policies
            .iter()
            .enumerate()
            .rev()
            .find(|(_, q)| q.param == Param::MppActive && q.in_force(on) && (q.at == at || q.at.is_none()));
        let key = switch.map_or(format!("port.{k}.mpp"), |(j, _)| format!("policy.{j}.from"));
        let (first, limit) = limits.iter().min_by_key(|(_, q)| q.from_day).expect("a limit");
        let before = params.value(Param::MppCapacity, at, on);
        let rate = if before >= Param::MppCapacity.default_value() {
            format!("with no daily limit (`mpp.capacity_per_day` is {before} there)")
        } else {
            format!("at {before} a day (`mpp.capacity_per_day` there)")
        };
        out.push(format!(
            "{key}: MPP is on at {} from {}, but its dated daily limit (policy.{first}, {} a day) starts on {}: in \
             between MPP returns people {rate}",
            port.name,
            s.period.date(on),
            limit.value,
            s.period.date(limit_from),
        ));
    }
    out
}

/// What a checkpoint's chance taken as 1 means: a caravan's members meet it times
/// `enforcement.caravan_factor` before it is capped (code review of session 24: the warning said a
/// larger scale changed nothing, where it still raised their chance).
const CHECKPOINT_TAKEN: &str = "everyone passing it outside a caravan is apprehended and a larger scale \
     changes nothing for them (a caravan member's chance, times enforcement.caravan_factor, may still rise)";

/// What the raids' chance taken as 1 means.
const RAID_TAKEN: &str = "a raid takes everyone exposed to it, and a larger scale changes nothing there";

/// Checkpoints' apprehension chances and the raids' daily chance that `enforcement.apprehension_scale`
/// takes past 1 on some day: they are read as 1, so a larger scale changes nothing there (policy
/// researcher's review of session 24: a surge scaled to 20 or 40 gave almost the same detentions, and
/// nothing said why).
fn chances_over_one(s: &Scenario) -> Vec<String> {
    let Some(inst) = &s.institutions else {
        return Vec::new();
    };
    let params = &inst.params;
    let scale = |d: u32| params.value(Param::ApprehensionScale, None, d);
    // Where the scale of a day comes from, as `--set` names it.
    let scale_key = |d: u32| {
        let policy = params
            .policies
            .iter()
            .enumerate()
            .rev()
            .find(|(_, q)| q.param == Param::ApprehensionScale && q.in_force(d));
        policy.map_or(format!("institutions.{}", Param::ApprehensionScale.name()), |(k, _)| format!("policy.{k}"))
    };
    // The days a chance times the day's scale is over 1: how many, the first, and its scale.
    let over = |chance: &dyn Fn(u32) -> f64| {
        let days: Vec<u32> = (0..s.period.days).filter(|&d| chance(d) * scale(d) > 1.0).collect();
        days.first().map(|&first| (days.len(), first))
    };
    let said = |what: String, chance: f64, (days, first): (usize, u32), who: &str| {
        format!(
            "{what} {chance} times the apprehension scale {} ({} on {}) is {} on {days} day(s) from {}: a chance \
             over 1 is taken as 1, so {who}",
            scale(first),
            scale_key(first),
            s.period.date(first),
            (chance * scale(first) * 1000.0).round() / 1000.0,
            s.period.date(first)
        )
    };
    let mut out = Vec::new();
    for (k, c) in inst.checkpoints.iter().enumerate() {
        if let Some(found) = over(&|_| c.apprehension) {
            out.push(format!(
                "checkpoint.{k}.apprehension: {}",
                said(format!("the apprehension chance of `{}`,", c.name), c.apprehension, found, CHECKPOINT_TAKEN)
            ));
        }
    }
    let raid = |d: u32| params.value(Param::RaidDaily, None, d);
    if let Some(found) = over(&raid) {
        out.push(format!(
            "institutions.{}: {}",
            Param::RaidDaily.name(),
            said("the raids' daily chance".to_string(), raid(found.1), found, RAID_TAKEN)
        ));
    }
    out
}

/// A caravan's itinerary that names a place twice (adversarial review of session 22: taken without a
/// word): the caravan goes back to it, which a slip of the pen also writes. Each repeat with the stop
/// before it at the same place (1-based), under the caravan's `itinerary` key.
fn itinerary_repeats(s: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    for (k, c) in s.caravans.iter().enumerate() {
        for (j, place) in c.itinerary.iter().enumerate() {
            if let Some(before) = c.itinerary[..j].iter().rposition(|p| p == place) {
                out.push(format!(
                    "caravan.{k}.itinerary: caravan `{}` goes to `{}` again (stops {} and {}): it turns back to it",
                    c.name,
                    s.place(*place).name,
                    before + 1,
                    j + 1
                ));
            }
        }
    }
    out
}

/// Detention whose capacity (people) is above 0 but below people_per_agent: the engine holds whole
/// agents (`institutions::settle`'s room, rounded down), so while it applies nobody is detained there
/// and everyone sent there is released instead. US detention's base value (on the days no policy sets
/// it), each `[[policy]]` value of `us_detention.capacity` in force on some day of the period (not one
/// a later policy overrides on every day, as `Params::value` takes the last), and each `[[detention]]`
/// centre. A capacity of 0 holds nobody as written, and is not warned of.
fn detention_below_one_agent(s: &Scenario) -> Vec<String> {
    let Some(inst) = &s.institutions else {
        return Vec::new();
    };
    let ppa = f64::from(s.people_per_agent);
    let small = |c: f64| c > 0.0 && c < ppa;
    let agent = s.agent_in_people();
    let why = |c: f64, what: &str| {
        format!("{c} people is below people_per_agent = {ppa}: the engine holds whole agents of {agent}, so {what}")
    };
    let us = "no one is detained in the US while it applies: people screened for detention are released instead";
    let mut out = Vec::new();
    let p = Param::UsDetentionCapacity;
    let policies: Vec<_> = inst.params.policies.iter().enumerate().filter(|(_, q)| q.param == p).collect();
    // The policy whose value holds each day (the last in force, as `Params::value` takes it: the
    // parameter is global, so no policy of it names a port), or None for the base value; worked out
    // once (review 2 of session 18: a value overridden on every day was warned of).
    let holds: Vec<Option<usize>> =
        (0..s.period.days).map(|d| policies.iter().rev().find(|(_, q)| q.in_force(d)).map(|&(k, _)| k)).collect();
    let base = inst.params.base(p);
    if small(base) && holds.contains(&None) {
        out.push(format!("institutions.{}: US detention's capacity of {}", p.name(), why(base, us)));
    }
    for &(k, q) in &policies {
        if !small(q.value) {
            continue;
        }
        let days: Vec<u32> = (0..s.period.days).filter(|&d| holds[d as usize] == Some(k)).collect();
        let (Some(&first), Some(&last)) = (days.first(), days.last()) else { continue };
        // The first and last days it is in force, both included (review 2 of session 18: "from X to Y"
        // named as Y the first day no longer in force).
        let when = if first == last {
            format!("on {} only", s.period.date(first))
        } else {
            format!("on {} days from {} through {}", days.len(), s.period.date(first), s.period.date(last))
        };
        out.push(format!(
            "policy.{k}.value: policy `{}` sets {} {when} (days in force); a capacity of {}",
            q.name,
            p.name(),
            why(q.value, us)
        ));
    }
    for (k, d) in inst.detention.iter().enumerate() {
        if small(d.capacity as f64) {
            let what = "no one is ever detained there: people apprehended for it are released instead";
            out.push(format!(
                "detention.{k}.capacity: detention centre `{}`'s capacity of {}",
                d.name,
                why(d.capacity as f64, what)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_itinerary_that_goes_back_to_a_place_is_warned_of() {
        let mut s = crate::worlds::demo().expect("demo");
        assert!(itinerary_repeats(&s).is_empty());
        let c = &mut s.caravans[0];
        let second = c.itinerary[1];
        c.itinerary.insert(3, second);
        let name = s.place(second).name.clone();
        let caravan = s.caravans[0].name.clone();
        assert_eq!(
            itinerary_repeats(&s),
            [format!(
                "caravan.0.itinerary: caravan `{caravan}` goes to `{name}` again (stops 2 and 4): it turns back to it"
            )]
        );
        assert!(warnings(&s).contains(&itinerary_repeats(&s)[0]));
    }

    #[test]
    fn roadless_places_and_rounded_caravans_are_warned_of_and_the_built_in_scenario_is_clean() {
        assert_eq!(warnings(&crate::worlds::caravan_2018().unwrap()), Vec::<String>::new());
        let mut s = crate::worlds::line_world(&["A", "B", "C"], 10.0, 1);
        s.routes.pop();
        let w = warnings(&s);
        assert_eq!(w, ["place `C`: no road in the routes table joins it, so nobody travels to or from it"]);
        // Planner review (session 14): a caravan of 15 ran as 20 people without a word.
        let mut s = crate::worlds::caravan_2018().unwrap();
        s.caravans[0].people = 15;
        let w = warnings(&s);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("caravan.0.size: caravan `April 2018 caravan (stayed in Mexico City)`: 15 people run as 20 (2 agents of 10)"), "{w:?}");
        s.caravans[0].people = 715;
        assert!(warnings(&s).is_empty(), "720 for 715 is within a tenth");
    }

    /// Review of session 21: a closure from a day past the period closed nothing without a word (an
    /// error for a while, which a period shortened by `--set end=` could not get past).
    #[test]
    fn a_closure_after_the_period_is_warned_of() {
        use crate::scenario::model::{Closure, ClosureTarget, PlaceId};
        let mut s = crate::worlds::line_world(&["A", "B"], 10.0, 1); // 10 days: 0 to 9
        let link = ClosureTarget::Link(PlaceId(0), PlaceId(1));
        s.closures = vec![Closure { target: link.clone(), start: 9, end: None }];
        assert!(warnings(&s).is_empty(), "day 9 is in the period");
        s.closures.push(Closure { target: link, start: 10, end: None });
        let w = warnings(&s);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with(
                "closures.csv: the closure of the road A–B from day 10 starts after the period's last day (9, "
            ),
            "{w:?}"
        );
    }

    /// Review of session 18: at 10 people per agent a US detention capacity of 5 holds no agent, and
    /// the report said it was "full on 647 days … (0 held against a capacity of 0)" with no warning.
    #[test]
    fn detention_too_small_to_hold_one_agent_is_warned_of_under_its_key() {
        use crate::policy::Policy;
        let base = crate::worlds::caravan_2018().unwrap();
        assert_eq!(base.people_per_agent, 10);
        let with = |f: &dyn Fn(&mut crate::scenario::Institutions)| {
            let mut s = base.clone();
            f(s.institutions.as_mut().unwrap());
            warnings(&s)
        };
        let w = with(&|i| i.params.set(Param::UsDetentionCapacity, 5.0));
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with("institutions.us_detention.capacity: US detention's capacity of 5 people is below people_per_agent = 10"),
            "{w:?}"
        );
        // Not for none at all (0 holds nobody as written), nor a capacity of one agent or more.
        for capacity in [0.0, 10.0, 35.0] {
            assert!(with(&|i| i.params.set(Param::UsDetentionCapacity, capacity)).is_empty(), "{capacity}");
        }
        // A dated policy's value, under the policy's key.
        let policy = |value: f64| Policy {
            name: "small".into(),
            param: Param::UsDetentionCapacity,
            at: None,
            from_day: 10,
            to_day: Some(20),
            value,
            source: String::new(),
        };
        let w = with(&|i| i.params.policies.push(policy(9.0)));
        let k = base.institutions.as_ref().unwrap().params.policies.len();
        assert_eq!(w.len(), 1, "{w:?}");
        let (start, last) = (base.period.date(10), base.period.date(19));
        assert!(
            w[0].starts_with(&format!(
                "policy.{k}.value: policy `small` sets us_detention.capacity on 10 days from {start} through {last} \
                 (days in force)"
            )),
            "{w:?}"
        );
        assert!(w[0].contains("a capacity of 9 people is below people_per_agent = 10"), "{w:?}");
        // Review 2 of session 18: a value a later policy overrides on every day is never in force.
        let later = Policy { from_day: 5, to_day: Some(30), ..policy(100.0) };
        assert!(with(&|i| {
            i.params.policies.push(policy(9.0));
            i.params.policies.push(later.clone());
        })
        .is_empty());
        // One that overrides it on some days leaves it the days it does not.
        let w = with(&|i| {
            i.params.policies.push(policy(9.0));
            i.params.policies.push(Policy { from_day: 15, to_day: Some(30), ..policy(100.0) });
        });
        assert_eq!(w.len(), 1, "{w:?}");
        let last = base.period.date(14);
        assert!(w[0].contains(&format!("on 5 days from {start} through {last} (days in force)")), "{w:?}");
        // At 1 person per agent, an agent is "1 person".
        let mut one = base.clone();
        one.people_per_agent = 1;
        one.institutions.as_mut().unwrap().params.set(Param::UsDetentionCapacity, 0.5);
        let w = warnings(&one);
        assert!(w.iter().any(|w| w.contains("whole agents of 1 person, so")), "{w:?}");
        assert!(!w.iter().any(|w| w.contains("1 people")), "{w:?}");
        // A base value no day keeps (a policy over the whole period) is not warned of.
        let whole = Policy { from_day: 0, to_day: None, ..policy(100.0) };
        assert!(with(&|i| {
            i.params.set(Param::UsDetentionCapacity, 5.0);
            i.params.policies.push(whole.clone());
        })
        .is_empty());
        // A Mexican detention centre: the same rounding (`Layout::centre_capacity`).
        let w = with(&|i| i.detention[1].capacity = 7);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("detention.1.capacity: detention centre `Acayucan`'s capacity of 7 people"), "{w:?}");
    }

    /// Policy researcher's review of session 24: a surge scaled to 40 took the Tenosique checkpoint's
    /// chance to 2.4, read as 1 without a word, so 20 and 40 gave almost the same detentions.
    #[test]
    fn a_scale_that_takes_a_chance_past_one_is_warned_of() {
        use crate::policy::Policy;
        let mut s = crate::worlds::caravan_2018().unwrap();
        let inst = s.institutions.as_mut().unwrap();
        let chance = inst.checkpoints[3].apprehension;
        // A surge from day 100 to day 109 that takes checkpoint 3 just past 1 and no other.
        let others = inst.checkpoints.iter().enumerate().filter(|(k, _)| *k != 3).map(|(_, c)| c.apprehension);
        assert!(others.clone().all(|c| c < chance), "checkpoint 3 has the largest chance");
        let scale = 1.0 / chance * 1.01;
        inst.params.policies.push(Policy {
            name: "surge".into(),
            param: Param::ApprehensionScale,
            at: None,
            from_day: 100,
            to_day: Some(110),
            value: scale,
            source: String::new(),
        });
        let k = inst.params.policies.len() - 1;
        let w: Vec<String> = warnings(&s).into_iter().filter(|w| w.contains("taken as 1")).collect();
        assert_eq!(w.len(), 1, "{w:?}");
        let day = s.period.date(100);
        assert!(w[0].starts_with("checkpoint.3.apprehension: the apprehension chance of `"), "{w:?}");
        assert!(w[0].contains(&format!("(policy.{k} on {day}) is 1.01 on 10 day(s) from {day}")), "{w:?}");
        assert!(w[0].ends_with(CHECKPOINT_TAKEN), "a caravan's members still meet a lower chance: {w:?}");
        // The raids' chance, from the base scale.
        let inst = s.institutions.as_mut().unwrap();
        inst.params.policies.pop();
        let raid = inst.params.base(Param::RaidDaily);
        inst.params.set(Param::ApprehensionScale, 2.0 / raid);
        let w: Vec<String> =
            warnings(&s).into_iter().filter(|w| w.starts_with("institutions.enforcement.raid")).collect();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("(institutions.enforcement.apprehension_scale on "), "{w:?}");
    }

    /// Policy researcher's review of session 24: MPP moved three months earlier at San Ysidro ran with
    /// no daily limit until the phase-in's 20 a day, unsaid.
    #[test]
    fn mpp_switched_on_before_its_dated_limit_is_warned_of() {
        let mut s = crate::worlds::caravan_2018().unwrap();
        assert!(mpp_before_its_limit(&s).is_empty(), "caravan-2018's MPP starts with its limits");
        let inst = s.institutions.as_mut().unwrap();
        let k = inst.params.policies.iter().position(|q| q.param == Param::MppActive && q.at == Some(0)).unwrap();
        let from = inst.params.policies[k].from_day;
        inst.params.policies[k].from_day = from - 90;
        let w = mpp_before_its_limit(&s);
        assert_eq!(w.len(), 1, "{w:?}");
        let (on, limit) = (s.period.date(from - 90), s.period.date(from));
        assert!(
            w[0].starts_with(&format!("policy.{k}.from: MPP is on at San Ysidro from {on}, but its dated daily limit")),
            "{w:?}"
        );
        assert!(
            w[0].contains(&format!("20 a day) starts on {limit}: in between MPP returns people with no daily limit")),
            "{w:?}"
        );
        assert!(warnings(&s).contains(&w[0]));
    }

    /// Scenario author's review of session 24: a caravan's goal at the US side of a port walked past
    /// the port on a road the author had drawn to it.
    #[test]
    fn a_journey_or_road_to_a_ports_us_side_is_warned_of() {
        use crate::scenario::model::Route;
        let base = crate::worlds::caravan_2018().unwrap();
        assert!(round_the_ports(&base).is_empty());
        let inst = base.institutions.as_ref().unwrap();
        let (us, city) = (inst.ports[0].us_side, inst.ports[0].city);
        let mut s = base.clone();
        s.caravans[2].goal = Some(us);
        let w = round_the_ports(&s);
        assert_eq!(w.len(), 1, "{w:?}");
        let (us_name, city_name) = (&s.place(us).name, &s.place(city).name);
        assert!(
            w[0].starts_with(&format!(
                "caravan.2.goal: caravan `{}` goes to `{us_name}`, the US side of the port San Ysidro",
                s.caravans[2].name
            )),
            "{w:?}"
        );
        assert!(w[0].ends_with(&format!("name the port's city, `{city_name}`")), "{w:?}");
        let mut s = base.clone();
        s.routes.push(Route { a: city, b: us, ..s.routes[0].clone() });
        let w = round_the_ports(&s);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with(&format!("routes.csv: the road {city_name}–{us_name} leads to `{us_name}`")), "{w:?}");
    }
}
