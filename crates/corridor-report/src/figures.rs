//! The report's key-figures section: how the run was set up and what it gave (the planners' table of
//! places is `places`; the observed figures and what each figure means, `observed`).

use crate::{argmax, esc, n, Sums};
use corridor::institutions::Counter;
use corridor::population::Status;
use corridor::scenario::{PlaceKind, Scenario};
use corridor::validate::{places_of_kind, Recording};
use std::fmt::Write as _;

/// What "people on the way" counts ([`corridor::validate::on_the_way`]), as the pages say it.
/// It follows "people on the way are those".
pub const ON_THE_WAY: &str = "on a road (status travelling, wherever the road leads), or free to move on (status \
at_place, or humanitarian_visa: visa holders keep it on the road) at a place they pass through: not an origin or \
conflict zone, a camp, a border city or a destination";

/// The caravans of a scenario: `[[caravan]]` entries that leave the same origin on the same day are
/// one caravan that splits on the way (caravan-2018's April caravan is two entries: those who stayed
/// in Mexico and those who went on to Tijuana).
pub fn caravan_count(scenario: &Scenario) -> usize {
    let mut starts: Vec<(usize, u32)> = scenario.caravans.iter().map(|c| (c.origin.index(), c.depart_day)).collect();
    starts.sort_unstable();
    starts.dedup();
    starts.len()
}

/// `count` and `noun`, plural unless one.
fn count_of(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}

/// The key figures of a run as an HTML list.
pub(crate) fn summary_html(scenario: &Scenario, rec: &Recording, sums: &Sums, on_way: &[f64]) -> String {
    let created = rec.people_created();
    let (busy, busy_n) = argmax(on_way);
    let border = places_of_kind(scenario, PlaceKind::BorderCity);
    let waiting = sums.series(&border);
    let (wpeak_day, wpeak) = argmax(&waiting);
    let last = rec.days.saturating_sub(1);
    // Under FLEE's `hasten` a count is of agents, each standing for `hasten` people (the page's header
    // says so): the key figures name them as agents.
    let counted = crate::counted::Counted::of(scenario);
    let (who, who_first) = (counted.noun(), counted.noun_capital());
    let (caravans, entries) = (caravan_count(scenario), scenario.caravans.len());
    let split = if caravans == entries {
        String::new()
    } else {
        format!(
            " ({entries} <code>[[caravan]]</code> entries in the scenario: entries that leave the same place on the same day are one caravan that split on the way)"
        )
    };
    let mut s = String::from("<ul class=\"figs\">");
    // How they set out: in caravans and steady flows, placed before day 0 (FLEE's `insert_day0`: in
    // the camps), and (FLEE's worlds) spawned by FLEE's rules.
    let flee_spawns = scenario.scheduled_spawns.is_some();
    let flows = scenario.inflows.len();
    let prefilled = prefill_by_place(scenario);
    let prefilled_people: u64 = prefilled.iter().map(|p| p.1).sum();
    let mut how = Vec::new();
    if caravans > 0 && flows > 0 && !flee_spawns {
        // How many in each, the flows' sizes being the scenario's (journalist's review of session 22:
        // "912,560 set out … 6 caravans and 27 steady flows" read as the caravans' count).
        // The caravans' people are the members the run created: people who joined a caravan on the way
        // are its (session 27: they were counted in the flows), and joiners a caravan never met (it
        // disbanded before) are no one (review of session 27).
        let people = |c| corridor::engine::spawn::caravan_people(c, scenario.people_per_agent);
        let set_out: u64 = scenario.caravans.iter().map(people).sum();
        let in_caravans: u64 = rec.caravan_members_by_status(rec.days.saturating_sub(1)).iter().sum();
        let joined = in_caravans.saturating_sub(set_out);
        let joined =
            if joined > 0 { format!(", {} of them joining on the way", n(joined as f64)) } else { String::new() };
        let in_flows = created.saturating_sub(in_caravans + prefilled_people);
        how.push(format!(
            "<b>{}</b> in {}{split}{joined} and <b>{}</b> in {}, their sizes as the scenario sets them",
            n(in_caravans as f64),
            count_of(caravans, "caravan"),
            n(in_flows as f64),
            count_of(flows, "steady flow")
        ));
    } else if caravans + flows > 0 || (!flee_spawns && prefilled.is_empty()) {
        how.push(format!("{}{split} and {}", count_of(caravans, "caravan"), count_of(flows, "steady flow")));
    }
    if !prefilled.is_empty() {
        let all_camps = prefilled.iter().all(|(p, _)| scenario.places[*p].kind.is_camp());
        let (whereto, rule) = if all_camps && flee_spawns {
            ("straight into camps on day 0", " (FLEE's <code>insert_day0</code>, from the camps' day-0 data)")
        } else if all_camps {
            ("straight into camps before day 0", "")
        } else {
            ("at places before day 0", "")
        };
        const LISTED: usize = 8;
        let mut list: Vec<String> = prefilled
            .iter()
            .take(LISTED)
            .map(|(p, k)| format!("{} {}", esc(&scenario.places[*p].name), n(*k as f64)))
            .collect();
        if prefilled.len() > LISTED {
            list.push(format!("{} more places", prefilled.len() - LISTED));
        }
        how.push(format!("<b>{}</b> placed {whereto}{rule}: {}", n(prefilled_people as f64), list.join(", ")));
    }
    if flee_spawns {
        // Without caravans or flows, everyone else spawned.
        let spawned = if caravans + flows == 0 {
            format!("<b>{}</b> ", n(created.saturating_sub(prefilled_people) as f64))
        } else {
            String::new()
        };
        how.push(format!("{spawned}spawned in the conflict zones by FLEE's rules"));
    }
    let how = how.join("; ");
    let _ = write!(s, "<li><b>{}</b> {who} set out over the period: {how}.</li>", n(created as f64));
    let _ = write!(
        s,
        "<li>At most <b>{}</b> {who} were on the way at once, on {}. {who_first} on the way are those {ON_THE_WAY}.</li>",
        n(busy_n),
        scenario.period.date(busy as u32)
    );
    if !border.is_empty() {
        let _ = write!(
            s,
            "<li>{who_first} in the border cities peaked at <b>{}</b> on {}; <b>{}</b> at the end ({}).</li>",
            n(wpeak),
            scenario.period.date(wpeak_day as u32),
            n(*waiting.last().unwrap_or(&0.0)),
            scenario.period.end()
        );
        let mut cities: Vec<(String, f64)> = border
            .iter()
            .map(|&p| (scenario.places[p].name.clone(), sums.at(last as usize, p) as f64))
            .filter(|c| c.1 > 0.0)
            .collect();
        cities.sort_by(|a, b| b.1.total_cmp(&a.1));
        let list: Vec<String> = cities.iter().map(|(c, v)| format!("{} {}", esc(c), n(*v))).collect();
        let _ = write!(s, "<li>At the end, by city: {}.</li>", list.join("; "));
    }
    let at_end = |st: Status| sums.status(last as usize, st);
    let listed = |ended: bool| status_list(ended, at_end, |st, v| by_country(scenario, rec, last, st, v));
    // Where people are on the last day, apart from the journeys ended by then (journalist's review of
    // session 25: one list mixed the people waiting under MPP that day with running totals).
    let _ = write!(
        s,
        "<li>On the last day, {who} by status: {}. Journeys ended by then (each counted once, in the status it \
         ended in): {}.</li>",
        listed(false),
        listed(true)
    );
    if let Some(line) = caravan_members_at_end(rec, last) {
        s.push_str(&line);
    }
    if let Some(returned) = rec.totals.as_ref().map(|t| t.get(Counter::MppReturned)).filter(|&r| r > 0) {
        let _ = write!(
            s,
            "<li><b>{}</b> returns to Mexico under MPP over the period (each return counted); <b>{}</b> people \
             waiting in Mexico under it on the last day (<code>mpp_in_mexico</code>).</li>",
            n(returned as f64),
            n(at_end(Status::MppInMexico) as f64)
        );
    }
    if let Some(inst) = &scenario.institutions {
        use corridor::policy::Param;
        let mut limits = Vec::new();
        // Courts and removals follow a port's screening: said only where people reach one (scenario
        // author's review of session 24: a scenario without ports was told of MPP hearings).
        if !inst.ports.is_empty() {
            limits.push(
                "people denied are removed only from US detention (counted as deported, not denied): the others \
                 stay where they were"
                    .to_string(),
            );
            let mpp =
                inst.params.first_day_on_at_a_port(Param::MppActive, inst.ports.len(), scenario.period.days).is_some();
            if mpp {
                let leave = inst.params.value(Param::MppOrderedLeaveDaily, None, last);
                limits.push(format!(
                    "people ordered removed in absentia at an MPP hearing leave the Mexican border city with a daily \
                     chance of {leave} (<code>mpp.ordered_leave_daily</code>, an assumption)"
                ));
            }
        }
        // Who crosses between ports uncaught rests on the catch chance, which no source measures where it
        // is the default (planner's review of session 32: the headline count was quoted without it).
        if !inst.ports.is_empty() {
            let catch = inst.params.value(Param::CrossApprehension, None, last);
            let source = if catch == Param::CrossApprehension.default_value() {
                Param::CrossApprehension.source().to_string()
            } else {
                "the scenario's value".to_string()
            };
            // Troops raise it while deployed (journalist's review of session 35: the line gave 0.5 where
            // caravan-2018's troops made it 0.65 for 14 of its 21 months).
            let days = scenario.period.days;
            let troops = inst.params.first_day_on(Param::TroopsActive, None, days).map(|from| {
                let boost = inst.params.value(Param::TroopsBoost, None, from);
                let raised = catch + (1.0 - catch) * boost;
                let until = match inst.params.first_day_off_after(Param::TroopsActive, &[None], from, days) {
                    Some(off) => format!(" to {}", scenario.period.date(off)),
                    None => String::new(),
                };
                format!(
                    ", raised to {} while troops are at the border (from {}{until}; <code>troops.apprehension_boost</code> \
                     {boost}, an assumption)",
                    (raised * 1e6).round() / 1e6,
                    scenario.period.date(from)
                )
            });
            limits.push(format!(
                "those who cross between ports are caught with a chance of {catch} (<code>crossing.apprehension</code>; \
                 {source}){}, so the number who crossed uncaught (<code>crossed_between_ports</code>) rests on it",
                troops.unwrap_or_default()
            ));
        }
        // Screened people are released, not detained, while US detention is full: said when it was on
        // any day, as the engine's own `us_detention` queue records it.
        limits.extend(crate::detention::full_text(scenario, rec));
        limits.extend(crate::iom_budget::iom_spent_text(scenario, rec));
        if !inst.ports.is_empty() {
            limits.push(
                "court outcomes (granted, denied, in absentia) are the hearings held within the period: cases whose \
                 hearing falls later are undecided"
                    .into(),
            );
        }
        limits.push("every spread of <code>validate</code> and <code>compare</code> is random chance only".into());
        let doc = match corridor::worlds::builtin(&scenario.name).and_then(|b| b.doc) {
            Some((file, _)) => format!("docs/institutions.md and {file}, \u{201c}What is left\u{201d}"),
            None => "docs/institutions.md".into(),
        };
        let _ = write!(s, "<li>Limits to keep in mind when quoting these: {}. See {doc}.</li>", limits.join("; "));
    }
    s.push_str("</ul>");
    s
}

/// People placed before day 0 (`Scenario::prefill`, FLEE's `insert_day0`), by place: most first,
/// then in place order; in people.
fn prefill_by_place(scenario: &Scenario) -> Vec<(usize, u64)> {
    let ppa = u64::from(scenario.people_per_agent);
    let mut by_place: Vec<(usize, u64)> = Vec::new();
    for (p, k) in &scenario.prefill {
        match by_place.iter_mut().find(|x| x.0 == p.index()) {
            Some(x) => x.1 += k * ppa,
            None => by_place.push((p.index(), k * ppa)),
        }
    }
    by_place.retain(|x| x.1 > 0);
    by_place.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    by_place
}

/// The statuses that end a journey (`ended`) or not, each held by anyone (`count`), as `name N`
/// followed by `extra(status, N)`, joined by "; ", or "none".
fn status_list(ended: bool, count: impl Fn(Status) -> u64, extra: impl Fn(Status, u64) -> String) -> String {
    let statuses = Status::ALL.into_iter().filter(|st| st.ends_journey() == ended);
    let items: Vec<String> = statuses
        .map(|st| (st, count(st)))
        .filter(|x| x.1 > 0)
        .map(|(st, v)| format!("{} {}{}", st.name(), n(v as f64), extra(st, v)))
        .collect();
    if items.is_empty() {
        "none".into()
    } else {
        items.join("; ")
    }
}

/// Who holds `count` people in status `st` on the last day, where two countries do: the detained by
/// the country of their centre, the deported by the country that deported them (Mexico's
/// deportations from its detention, the US's removals), said only when they add up to the count.
fn by_country(scenario: &Scenario, rec: &Recording, last: u32, st: Status, count: u64) -> String {
    match st {
        Status::Detained => detained_by_country(scenario, rec, last),
        Status::Deported => {
            let Some(t) = &rec.totals else { return String::new() };
            let mexico = t.get(Counter::Deported);
            let us = t.get(Counter::ScreenFailed)
                + t.get(Counter::RemovedAfterDenial)
                + t.get(Counter::OrderedCaughtRemoved)
                + t.get(Counter::OrderedPresentedRemoved);
            if mexico + us != count || mexico == 0 || us == 0 {
                return String::new();
            }
            format!(" ({} deported by Mexico; {} removed by the US)", n(mexico as f64), n(us as f64))
        }
        _ => String::new(),
    }
}

/// The caravans' members on the last day, by status (what the press counted of the caravans, apart
/// from the steady flows through the same places: journalist's review of session 25).
fn caravan_members_at_end(rec: &Recording, last: u32) -> Option<String> {
    if rec.caravans == 0 || rec.days == 0 {
        return None;
    }
    let by_status = rec.caravan_members_by_status(last);
    let members: u64 = by_status.iter().sum();
    let list = |ended: bool| status_list(ended, |st| by_status[st as usize], |_, _| String::new());
    Some(format!(
        "<li>Of them, the caravans' <b>{}</b> members on the last day: {}; journeys ended: {}.</li>",
        n(members as f64),
        list(false),
        list(true)
    ))
}

/// People detained on `day` by the country holding them (`corridor::validate::detained_by_country`),
/// as ` (Mexico 2,070; United States 42,000)`; empty unless two countries or more hold some.
fn detained_by_country(scenario: &Scenario, rec: &Recording, day: u32) -> String {
    let held: Vec<String> = corridor::validate::detained_by_country(scenario, rec, day)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, v)| format!("{} {}", esc(&c), n(v as f64)))
        .collect();
    if held.len() < 2 {
        return String::new();
    }
    format!(" ({})", held.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::one_run;
    use corridor::validate::on_the_way;

    #[test]
    fn entries_leaving_together_are_one_caravan() {
        let mut s = corridor::worlds::demo().unwrap();
        // Without the demo caravan's joiners and advance group, added below.
        s.caravans[0].joins.clear();
        s.caravans[0].splits.clear();
        assert_eq!(caravan_count(&s), s.caravans.len());
        let mut split = s.caravans[0].clone();
        split.name = "the same caravan, the part that went on".into();
        s.caravans.push(split.clone());
        assert_eq!(caravan_count(&s), 1, "same origin, same day");
        split.depart_day += 1;
        s.caravans.push(split);
        assert_eq!(caravan_count(&s), 2, "a day later is another caravan");
        // The key figures count caravans that way, and name the entries when they differ.
        let rec = one_run(&s);
        let sums = Sums::of(&rec);
        let html = summary_html(&s, &rec, &sums, &corridor::validate::on_the_way(&rec));
        assert!(html.contains("<b>6,000</b> in 2 caravans (3 <code>[[caravan]]</code> entries"), "{html}");
        // Each part's people (journalist's review of session 22): three entries of 2,000, the flow the rest.
        assert!(html.contains("and <b>2,300</b> in 1 steady flow, their sizes as the scenario sets them"), "{html}");
        assert!(html.contains(ON_THE_WAY), "{html}");
        // People who join a caravan on the way are its own, not the flow's (session 27), and only those
        // it took on: the demo caravan sets out from its pause at Mexico City (review of session 27).
        assert!(!html.contains("joining on the way"), "{html}");
        let mut joined = s.clone();
        let town = joined.caravans[0].pauses[0].place;
        let join = corridor::scenario::Join { place: town, people: 500, source: String::new() };
        joined.caravans[0].joins.push(join);
        let rec = one_run(&joined);
        let html = summary_html(&joined, &rec, &Sums::of(&rec), &corridor::validate::on_the_way(&rec));
        let want =
            "<b>6,500</b> in 2 caravans (3 <code>[[caravan]]</code> entries in the scenario: entries that leave \
                    the same place on the same day are one caravan that split on the way), 500 of them joining on the \
                    way and <b>2,300</b> in 1 steady flow";
        assert!(html.contains(want), "{html}");
        // A FLEE world says its people were spawned by FLEE's rules, not "0 caravans and 0 steady
        // flows" (FLEE-user review of session 12).
        s.caravans.clear();
        s.inflows.clear();
        s.scheduled_spawns =
            Some(corridor::scenario::ScheduledSpawns { per_day: vec![1; 3], decay: vec![1.0], decay_interval: 1 });
        let html = summary_html(&s, &rec, &sums, &[0.0]);
        // Without day-0 agents, everyone created spawned.
        let created = rec.summary.as_ref().unwrap().agents_created * u64::from(s.people_per_agent);
        let spawned = format!(
            "people set out over the period: <b>{}</b> spawned in the conflict zones by FLEE's rules.",
            n(created as f64)
        );
        assert!(html.contains(&spawned), "{html}");
    }

    /// FLEE-user review: mali2012's key figures said all 8,996 people were "spawned in the conflict
    /// zones by FLEE's rules", though 1,081 were placed straight into camps on day 0 (`insert_day0`).
    #[test]
    fn people_placed_before_day0_are_told_apart_from_those_spawned() {
        let mut s = corridor::worlds::demo().unwrap();
        s.caravans.clear();
        s.inflows.clear();
        s.places[1].kind = PlaceKind::Camp;
        s.places[2].kind = PlaceKind::Camp;
        s.prefill = vec![(corridor::scenario::PlaceId(2), 30), (corridor::scenario::PlaceId(1), 70)];
        s.scheduled_spawns = Some(corridor::scenario::ScheduledSpawns {
            per_day: vec![0; s.period.days as usize],
            decay: Vec::new(),
            decay_interval: 0,
        });
        s.people_per_agent = 2;
        let rec = one_run(&s);
        let sums = Sums::of(&rec);
        let html = summary_html(&s, &rec, &sums, &on_the_way(&rec));
        let created = rec.summary.as_ref().unwrap().agents_created * 2;
        assert_eq!(created, 200, "the day-0 agents, two people each");
        let (p1, p2) = (esc(&s.places[1].name), esc(&s.places[2].name));
        let placed = format!("<b>200</b> placed straight into camps on day 0 (FLEE's <code>insert_day0</code>, from the camps' day-0 data): {p1} 140, {p2} 60");
        assert!(html.contains(&placed), "{html}");
        assert!(html.contains("<b>0</b> spawned in the conflict zones by FLEE's rules"), "{html}");
        assert!(!html.contains("caravan"), "{html}");
        assert!(html.contains("people set out") && !html.contains("agents"), "{html}");
        // FLEE-user review: under `hasten` a count is of agents standing for `hasten` people each, and
        // the key figures say agents.
        s.flee = Some(corridor::scenario::FleeOrigin { hasten: 10 });
        let html = summary_html(&s, &rec, &sums, &on_the_way(&rec));
        assert!(html.contains("<b>200</b> agents set out") && html.contains("Agents on the way are those"), "{html}");
        assert!(!html.contains("people set out"), "{html}");
    }

    /// Scenario author's review of session 24: a scenario with institutions but no port was told of
    /// removals, MPP hearings and court outcomes among the key figures' limits.
    #[test]
    fn limits_about_ports_courts_and_mpp_need_ports_and_mpp() {
        use corridor::policy::Param;
        let s = corridor::worlds::bench_corridor_institutions(3, 4, 400, 30);
        let html = |s: &Scenario| {
            let rec = one_run(s);
            summary_html(s, &rec, &Sums::of(&rec), &on_the_way(&rec))
        };
        let with_ports = html(&s);
        for said in ["removed only from US detention", "in absentia at an MPP hearing", "court outcomes"] {
            assert!(with_ports.contains(said), "{said}: {with_ports}");
        }
        // Planner's review of session 32: the count crossed uncaught was quoted without the assumed
        // chance it rests on.
        let catch = "caught with a chance of 0.5 (<code>crossing.apprehension</code>; assumption: about half";
        assert!(with_ports.contains(catch), "{with_ports}");
        let mut set = s.clone();
        set.institutions.as_mut().unwrap().params.set(Param::CrossApprehension, 0.7);
        assert!(html(&set).contains("chance of 0.7 (<code>crossing.apprehension</code>; the scenario's value)"));
        // Journalist's review of session 35: troops raise the chance while deployed, and the line says so.
        // The bench world has troops from its first day (a policy); without them the line names none.
        assert!(with_ports.contains("raised to 0.65 while troops are at the border (from 2018-01-01;"), "{with_ports}");
        let mut troops = s.clone();
        let params = &mut troops.institutions.as_mut().unwrap().params;
        params.policies.retain(|q| q.param != Param::TroopsActive);
        assert!(!html(&troops).contains("troops"));
        let params = &mut troops.institutions.as_mut().unwrap().params;
        params.policies.push(corridor::policy::Policy {
            name: "troops".into(),
            param: Param::TroopsActive,
            at: None,
            from_day: 10,
            to_day: Some(20),
            value: 1.0,
            source: "test".into(),
        });
        let text = html(&troops);
        let said = format!(
            "raised to 0.65 while troops are at the border (from {} to {}; <code>troops.apprehension_boost</code> 0.3",
            troops.period.date(10),
            troops.period.date(20)
        );
        assert!(text.contains(&said), "{said}: {text}");
        let mut no_mpp = s.clone();
        no_mpp.institutions.as_mut().unwrap().params.policies.retain(|q| q.param != Param::MppActive);
        let text = html(&no_mpp);
        assert!(text.contains("removed only from US detention") && !text.contains("MPP"), "{text}");
        let mut no_ports = no_mpp.clone();
        no_ports.institutions.as_mut().unwrap().ports.clear();
        let text = html(&no_ports);
        for unsaid in ["US detention (counted", "court outcomes", "MPP", "crossing.apprehension"] {
            assert!(!text.contains(unsaid), "{unsaid}: {text}");
        }
        assert!(text.contains("every spread of"), "{text}");
    }

    /// Journalist's review of session 25: the statuses at the end mixed the people in a status that day
    /// with journeys ended, "deported" summed two countries' removals, the caravans' members were
    /// nowhere apart from the flows, and MPP's returns were only in summary.json.
    #[test]
    fn statuses_at_the_end_tell_stocks_from_ended_journeys_countries_and_caravan_members() {
        let s = corridor::worlds::bench_corridor_institutions(3, 4, 2_000, 90);
        let rec = one_run(&s);
        let html = summary_html(&s, &rec, &Sums::of(&rec), &on_the_way(&rec));
        let t = rec.totals.as_ref().expect("institutions' totals recorded");
        let last = rec.days - 1;
        let count = |st: Status| Sums::of(&rec).by_status[last as usize * Status::COUNT + st as usize];
        let (mexico, us) = (
            t.get(Counter::Deported),
            t.get(Counter::ScreenFailed)
                + t.get(Counter::RemovedAfterDenial)
                + t.get(Counter::OrderedCaughtRemoved)
                + t.get(Counter::OrderedPresentedRemoved),
        );
        assert!(mexico > 0 && us > 0, "both countries deport in this world: {mexico}, {us}");
        assert_eq!(mexico + us, count(Status::Deported), "every deported person is one of the two");
        let split = format!(
            "deported {} ({} deported by Mexico; {} removed by the US)",
            n((mexico + us) as f64),
            n(mexico as f64),
            n(us as f64)
        );
        let (stocks, ended) = html.split_once("Journeys ended by then").expect("two lists");
        assert!(ended.contains(&split), "{html}");
        assert!(!stocks.contains("deported ") && stocks.contains("On the last day, people by status:"), "{stocks}");
        let returned = t.get(Counter::MppReturned);
        assert!(returned > 0, "MPP returns people in this world");
        let mpp = format!("<b>{}</b> returns to Mexico under MPP over the period", n(returned as f64));
        assert!(html.contains(&mpp), "{html}");
        // The caravans' members, from their own counts: as many as the caravans' people, with those who
        // joined them (the demo caravan's 300 at Mexico City).
        for s in [s, corridor::worlds::demo().unwrap()] {
            let rec = one_run(&s);
            let html = summary_html(&s, &rec, &Sums::of(&rec), &on_the_way(&rec));
            let people = |c| {
                corridor::engine::spawn::caravan_agents_with_joiners(c, s.people_per_agent)
                    * u64::from(s.people_per_agent)
            };
            let members: u64 = s.caravans.iter().map(people).sum();
            let line = format!("the caravans' <b>{}</b> members on the last day", n(members as f64));
            assert_eq!(html.contains(&line), members > 0, "{members}: {html}");
            assert_eq!(html.contains("the caravans'"), members > 0, "{html}");
            // Each status's members, summed over caravans and places from the recording's own layout
            // (`((day × caravans + caravan) × places + place) × statuses + status`).
            let (last, places) = (rec.days as usize - 1, rec.places());
            let at =
                |c: usize, p: usize, st: Status| ((last * rec.caravans + c) * places + p) * Status::COUNT + st as usize;
            let members_in = |st: Status| -> u64 {
                (0..rec.caravans)
                    .flat_map(|c| (0..places).map(move |p| (c, p)))
                    .map(|(c, p)| rec.caravan_people(rec.caravan_counts[at(c, p, st)]))
                    .sum()
            };
            let item = html.split("members on the last day").nth(1).unwrap_or("");
            for st in Status::ALL.into_iter().filter(|&st| members_in(st) > 0) {
                assert!(item.contains(&format!("{} {}", st.name(), n(members_in(st) as f64))), "{st:?}: {item}");
            }
        }
    }
}
