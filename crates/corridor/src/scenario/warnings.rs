//! What a valid scenario may still not mean as written: pauses the caravan reaches after their date,
//! places no road joins, caravans rounded to whole agents, detention too small to hold one agent. Said
//! as warnings, each under its `--set` key (the scenario keeps no file lines: the key names the entry).

use super::model::{PlaceKind, Scenario};
use super::reach::pauses_too_early;
use crate::policy::Param;
use ports::{ports_where_they_stand, stopped_at_border_cities};

mod figures;
mod placement;
mod policies;
mod ports;

/// Days at the period's end with no one setting out from which it is warned of: a season's pause, not
/// a period run on past the flows (assumption).
const QUIET_END_DAYS: u32 = 90;

/// The warning for a scenario of its own whose inflows and caravans all set out more than
/// `QUIET_END_DAYS` before the period's last day, if it is one.
fn no_one_sets_out_at_the_end(s: &Scenario) -> Option<String> {
    let flows = s.inflows.iter().map(|f| f.to_day);
    let last = flows.chain(s.caravans.iter().map(|c| c.depart_day)).max()?;
    let end = s.period.days.checked_sub(1)?;
    (s.flee.is_none() && end.saturating_sub(last) > QUIET_END_DAYS).then(|| {
        format!(
            "end: no one sets out after {} (the last inflow's or caravan's day), {} days before the period's last \
             day, {}: the figures after it show the flows' end, not a decline",
            s.period.date(last),
            end - last,
            s.period.end()
        )
    })
}

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
            // A name another place has but for case and accents is most likely a copy of its row
            // (input review of session 32: `tapachula` beside `Tapachula` was told only as roadless).
            let copy = s
                .places
                .iter()
                .find(|q| q.name != place.name && crate::suggest::same_place_name(&q.name, &place.name))
                .map(|q| format!(" (the same name as `{}` but for case or accents: a copy of its row?)", q.name))
                .unwrap_or_default();
            out.push(format!(
                "place `{}`: no road in the routes table joins it, so nobody travels to or from it{copy}",
                place.name
            ));
        }
    }
    // A country no other place has, a misspelling away from `Mexico`, the name the institutions act
    // by (input review of session 32: Tapachula in `Mexcio` met no Mexican institution, without a
    // word). Only near `Mexico`: countries one letter apart are real too (Iran, Iraq; Gambia, Zambia).
    let mut held: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for place in &s.places {
        *held.entry(place.country.as_str()).or_default() += 1;
    }
    let mexico = crate::institutions::layout::MEXICO;
    let mexico_held = held.get(mexico).is_some_and(|&n| n > 1);
    for place in s.places.iter().filter(|p| mexico_held && held[p.country.as_str()] == 1) {
        if let Some(meant) = crate::suggest::closest_place(&place.country, [mexico]) {
            out.push(format!(
                "place `{}`: no other place is in country `{}`: did you mean `{meant}`?",
                place.name, place.country
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
    // A period running on long after anyone sets out (planner's review of session 32: caravan-2018
    // run to mid-2020 showed the flows' end as a decline, without a word).
    if let Some(w) = no_one_sets_out_at_the_end(s) {
        out.push(w);
    }
    // A conflict dated past the period never begins (its place stays a town throughout).
    if s.flee.is_none() {
        for c in s.conflicts.iter().filter(|c| c.day >= s.period.days) {
            let place = &s.places[c.place.index()];
            // The day as written (final review of session 33: a day past u32 was shown as 4294967295).
            let day = place.conflict_date.map_or_else(|| c.day.to_string(), |d| d.to_string());
            out.push(format!(
                "place `{}`: its conflict_date in the locations table, day {day}, is after the period's last day \
                 ({}): its conflict never begins, and it is a town throughout",
                place.name,
                s.period.days.saturating_sub(1)
            ));
        }
    }
    out.extend(figures::sizes_off_by_a_tenth(s));
    out.extend(figures::reported_outside_the_range(s));
    out.extend(figures::families_that_cannot_form(s));
    out.extend(itinerary_repeats(s));
    out.extend(detention_below_one_agent(s));
    out.extend(chances_over_one(s));
    out.extend(mpp_before_its_limit(s));
    out.extend(round_the_ports(s));
    out.extend(ports_where_they_stand(s));
    out.extend(stopped_at_border_cities(s));
    out.extend(offices_and_their_switches(s));
    out.extend(arrival_decisions(s));
    out.extend(policies::never_in_force(s));
    out.extend(placement::mexican_institutions_at_destinations(s));
    out
}

/// Where the flows' decision to cross between ports or ask at the port (`cross_on_arrival`) means
/// nothing, and where `crossing.on_arrival` decides for no one (session 26's review): an inflow's
/// `cross_on_arrival` in a scenario without ports, and a policy on `crossing.on_arrival` where every
/// inflow decides for itself and no one else arrives from a flow.
fn arrival_decisions(s: &Scenario) -> Vec<String> {
    let ports = s.institutions.as_ref().map_or(0, |i| i.ports.len());
    let mut out = Vec::new();
    if ports == 0 {
        for (k, f) in s.inflows.iter().enumerate().filter(|(_, f)| f.cross_on_arrival.is_some()) {
            out.push(format!(
                "inflow.{k}.cross_on_arrival: inflow `{}`: its people decide whether to cross between ports, but \
                 the scenario has no [[port]]: the decision changes nothing",
                f.name
            ));
        }
        return out;
    }
    if !s.crossing_on_arrival_unread() {
        return out;
    }
    let policies = s.institutions.iter().flat_map(|i| i.params.policies.iter().enumerate());
    for (k, q) in policies.filter(|(_, q)| q.param == Param::CrossOnArrival) {
        out.push(format!(
            "policy.{k}: policy `{}` sets crossing.on_arrival, which decides only for people of an inflow without \
             its own `cross_on_arrival`, and every inflow here sets one: it changes nothing",
            q.name
        ));
    }
    out
}

/// Offices whose switch is off on every day of the period, and switches on some day with no office of
/// their kind: either way nobody is served there (scenario author's review of session 24: a visa
/// office with `humanitarian_visa.active` never on took nobody, unsaid). One line per switch, naming
/// its offices; the base value suggested only where no policy decides the value (code review of
/// session 25: a switch turned off on purpose for a what-if gave a line per office). COMAR has no switch.
fn offices_and_their_switches(s: &Scenario) -> Vec<String> {
    use super::institutions::OfficeKind;
    let Some(inst) = &s.institutions else {
        return Vec::new();
    };
    let params = &inst.params;
    let switches = OfficeKind::ALL.into_iter().filter_map(|k| Some((k, k.switch()?)));
    let mut out = Vec::new();
    for (kind, switch) in switches {
        let offices: Vec<(usize, &str)> = inst
            .offices
            .iter()
            .enumerate()
            .filter(|(_, o)| o.kind == kind)
            .map(|(k, o)| (k, s.place(o.place).name.as_str()))
            .collect();
        let days = s.period.days;
        match params.first_day_on(switch, None, days) {
            None if !offices.is_empty() => {
                let keys: Vec<String> = offices.iter().map(|(k, _)| format!("office.{k}.kind")).collect();
                let places: Vec<String> = offices.iter().map(|(_, p)| format!("`{p}`")).collect();
                let base_decides = params
                    .change_days(&[switch], days)
                    .iter()
                    .any(|&d| params.policy_in_force(switch, None, d).is_none());
                // Said as what follows, not as a mistake to undo: switching a programme off is a what-if
                // (policy researcher's review of session 30).
                let how = if base_decides {
                    format!(
                        "if they should serve, set `institutions.{}=true` or date a `[[policy]]` that switches it on",
                        switch.name()
                    )
                } else {
                    "its `[[policy]]` entries keep it off".to_string()
                };
                out.push(format!(
                    "{}: the `{}` office{} at {} serve{} nobody: `{}` is off on every day of the period ({how})",
                    keys.join(", "),
                    kind.name(),
                    if offices.len() == 1 { "" } else { "s" },
                    places.join(", "),
                    if offices.len() == 1 { "s" } else { "" },
                    switch.name()
                ));
            }
            Some(first) if offices.is_empty() => {
                let key = match params.policy_in_force(switch, None, first) {
                    Some(k) => format!("policy.{k}"),
                    None => format!("institutions.{}", switch.name()),
                };
                out.push(format!(
                    "{key}: `{}` is on from {}, but no `[[office]]` is of kind `{}`: nobody can use it (its offices \
                     are where people take it up)",
                    switch.name(),
                    s.period.date(first),
                    kind.name()
                ));
            }
            _ => {}
        }
    }
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
        for (j, x) in c.splits.iter().enumerate() {
            let what = format!("caravan `{}`'s split at `{}` goes to", c.name, s.place(x.place).name);
            if let Some(w) = x.goal.and_then(|g| said(g, &what)) {
                out.push(format!("caravan.{k}.split.{j}.goal: {w}"));
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
        // The port's earliest dated limit.
        let limits = params.policies.iter().enumerate().filter(|(_, q)| q.param == Param::MppCapacity && q.at == at);
        let Some((first, limit)) = limits.min_by_key(|(_, q)| q.from_day) else { continue };
        let limit_from = limit.from_day;
        let Some(on) = params.first_day_on(Param::MppActive, at, limit_from.min(s.period.days)) else {
            continue;
        };
        // The key that switched MPP on there: a policy, the port's own `mpp`, or the general switch
        // (policy researcher's review of session 30: `--set institutions.mpp.active=true` was warned
        // of under `port.N.mpp`, which nobody had set).
        let own = params.ports_with_own(Param::MppActive).any(|(p, _)| p == k as u32);
        let key = match params.policy_in_force(Param::MppActive, at, on) {
            Some(j) => format!("policy.{j}.from"),
            None if own => format!("port.{k}.mpp"),
            None => format!("institutions.{}", Param::MppActive.name()),
        };
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
    // Each day's scale, worked out once for every chance below.
    let scales: Vec<f64> = (0..s.period.days).map(|d| params.value(Param::ApprehensionScale, None, d)).collect();
    let scale = |d: u32| scales[d as usize];
    // Where the scale of a day comes from, as `--set` names it.
    let scale_key = |d: u32| match params.policy_in_force(Param::ApprehensionScale, None, d) {
        Some(k) => format!("policy.{k}"),
        None => format!("institutions.{}", Param::ApprehensionScale.name()),
    };
    // The days a chance times the day's scale is over 1: how many, and the first.
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
    let holds: Vec<Option<usize>> = (0..s.period.days).map(|d| inst.params.policy_in_force(p, None, d)).collect();
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
mod tests;
