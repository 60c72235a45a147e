//! The report's terms: what the statuses the run used mean, and the institutions and policies its
//! scenario has (journalist's review of session 25: MPP, metering, credible fear and COMAR went unexplained).

use crate::{esc, n, Sums};
use corridor::policy::{Param, Params, Scope};
use corridor::population::Status;
use corridor::scenario::institutions::OfficeKind;
use corridor::scenario::Scenario;
use corridor::validate::Recording;
use std::fmt::Write as _;

/// `text` as HTML, its `backquoted` parts as code.
fn with_code(text: &str) -> String {
    let mut out = String::new();
    for (k, part) in text.split('`').enumerate() {
        if k % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", esc(part));
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

/// When switch `p` is on in the scenario, as a term's ending: "; on from DATE in this scenario", at
/// the first port that has it for a port's switch, and "until DATE" where a general switch is off again
/// within the period (caravan-2018's proclamation, blocked by a court), or a port's switch is off at
/// every port from that day to the end (policy researcher's review of session 34); None when it never
/// is on.
fn on_when(scenario: &Scenario, params: &Params, p: Param, ports: usize) -> Option<String> {
    let days = scenario.period.days;
    let date = |d: u32| scenario.period.date(d).to_string();
    if p.scope() == Scope::Port {
        let first = params.first_day_on_at_a_port(p, ports, days)?;
        // Where it came on first, when other ports came on later (journalist's review of session 35:
        // metering "on from 2018-03-25" was so at San Ysidro alone, the other ports from June).
        let names = scenario.institutions.as_ref().map(|i| &i.ports[..]).unwrap_or_default();
        let on_first: Vec<&str> = (0..ports as u32)
            .filter(|&k| params.first_day_on(p, Some(k), days) == Some(first))
            .filter_map(|k| names.get(k as usize).map(|port| port.name.as_str()))
            .collect();
        let later = (0..ports as u32).any(|k| params.first_day_on(p, Some(k), days).is_some_and(|d| d > first));
        let at = if later { format!(" at {}, at other ports later,", on_first.join(", ")) } else { String::new() };
        return Some(match params.last_day_off_at_every_port(p, ports, days) {
            Some(off) => format!("; on from {}{at} until {} (at every port) in this scenario", date(first), date(off)),
            None => format!("; on from {}{at} in this scenario", date(first)),
        });
    }
    let first = params.first_day_on(p, None, days)?;
    Some(match params.first_day_off_after(p, &[None], first, days) {
        Some(off) => format!("; on from {} until {} in this scenario", date(first), date(off)),
        None => format!("; on from {} in this scenario", date(first)),
    })
}

/// The institutions' and policies' terms the scenario uses, each as (term, meaning in HTML): a dated
/// switch's with the days it is on (`on_when`), an office's only where its switch is on some day.
fn institution_terms(scenario: &Scenario) -> Vec<(&'static str, String)> {
    let Some(inst) = &scenario.institutions else {
        return Vec::new();
    };
    let (params, ports) = (&inst.params, inst.ports.len());
    let when = |p: Param| on_when(scenario, params, p, ports);
    let office = |k: OfficeKind| inst.offices.iter().any(|o| o.kind == k);
    let mut terms = Vec::new();
    if ports > 0 {
        if let Some(on) = when(Param::MeteringActive) {
            terms.push((
                "Metering",
                format!(
                    "US ports of entry taking in only so many asylum seekers a day: the others are turned back, or \
                     wait in the Mexican border city on a list (the \u{201c}number ledger\u{201d}, seeds/001) until \
                     their number is called (status <code>waitlisted</code>){on}"
                ),
            ));
        }
        terms.push((
            "Credible-fear screening",
            "the first interview of someone who asks for asylum at the border: those who pass are released to await \
             a court hearing (\u{201c}catch and release\u{201d}) or detained, those who fail are removed (seeds/000)"
                .to_string(),
        ));
        // Cases, not the run's people: the scenario's backlog and other cases are in the queue too
        // (journalist's review of session 35: 1,031,260 "people waiting" where the run created 929,930).
        let (backlog, others) = crate::court_cases_besides_the_run(scenario);
        let mut counted = Vec::new();
        if backlog > 0.0 {
            counted
                .push(format!("the {} of the scenario's starting backlog (<code>courts.backlog</code>)", n(backlog)));
        }
        if others {
            counted.push(
                "the other new cases the scenario adds each day (<code>courts.background_cases_per_day</code>)".into(),
            );
        }
        let besides = if counted.is_empty() {
            String::new()
        } else {
            format!(". The court queue counts cases: {} besides the run's people", counted.join(" and "))
        };
        terms.push((
            "Immigration court backlog",
            format!(
                "the US immigration courts' cases waiting for a hearing: more than 800,000 by January 2019, most \
                 waiting nearly two years (seeds/001){besides}; this run's median wait for a hearing is \
                 summary.json's <code>court</code> <code>wait_p50_days</code>, and a decision after the period's \
                 end is not in any count"
            ),
        ));
        if let Some(on) = when(Param::TroopsActive) {
            terms.push((
                "Troops",
                format!(
                    "US troops sent to the border (National Guard and active duty, seeds/002): while they are there, \
                     more of those who cross between ports are caught (<code>troops.apprehension_boost</code>){on}"
                ),
            ));
        }
        if let Some(on) = when(Param::MppActive) {
            terms.push((
                "MPP",
                format!(
                    "the Migrant Protection Protocols (\u{201c}Remain in Mexico\u{201d}): asylum seekers who came \
                     through Mexico are returned there to await their US court hearings, vulnerable people and those \
                     who fear return to Mexico exempt (seeds/001){on}"
                ),
            ));
        }
        // Between ports: only where there are ports to cross between.
        if let Some(on) = when(Param::Proclamation) {
            terms.push((
                "Proclamation",
                format!(
                    "the US presidential proclamation of 9 November 2018: people who enter between ports of entry \
                     are ineligible for asylum (seeds/000){on}"
                ),
            ));
        }
    }
    if office(OfficeKind::Comar) {
        terms.push((
            "COMAR",
            "the Comisi\u{f3}n Mexicana de Ayuda a Refugiados, Mexico's refugee agency, where people ask for asylum \
             in Mexico (seeds/003; status <code>asylum_in_mexico</code>)"
                .to_string(),
        ));
    }
    let switched = |k: OfficeKind| if office(k) { when(k.switch()?) } else { None };
    if let Some(on) = switched(OfficeKind::Programme) {
        terms.push((
            "The programme",
            format!(
                "\u{201c}Est\u{e1}s en tu casa\u{201d} (\u{201c}you are at home\u{201d}), Mexico's offer of autumn \
                 2018 to caravans in the south: asylum with jobs, education and healthcare for those who stay \
                 (seeds/000){on}"
            ),
        ));
    }
    if let Some(on) = switched(OfficeKind::HumanitarianVisa) {
        terms.push((
            "Humanitarian visa",
            format!("a Mexican visa petitioned at the southern border, for a year's stay (seeds/001); its holders may travel{on}"),
        ));
    }
    if let Some(on) = switched(OfficeKind::Iom) {
        terms.push((
            "IOM",
            format!(
                "the International Organization for Migration, the UN migration agency: its assisted voluntary \
                 return pays people's way home from its registration booths (seeds/004){on}"
            ),
        ));
    }
    terms
}

/// The terms section: the scenario's institutions and policies, what a caravan and an agent are, then
/// the statuses that hold anyone on some day of the run.
pub(crate) fn terms_html(scenario: &Scenario, rec: &Recording, sums: &Sums) -> String {
    let used = |st: Status| (0..rec.days as usize).any(|d| sums.status(d, st) > 0);
    let mut s = String::from("<h2>Terms</h2><dl class=\"terms\">");
    for (term, meaning) in institution_terms(scenario) {
        let _ = write!(s, "<dt>{term}</dt><dd>{meaning}.</dd>");
    }
    if !scenario.caravans.is_empty() {
        s.push_str(
            "<dt>Caravan</dt><dd>a large group that leaves one place on one day and travels together (a \
             <code>[[caravan]]</code> entry); the others travel on their own, in the scenario's steady flows.</dd>",
        );
    }
    if scenario.people_per_agent > 1 {
        let ppa = scenario.people_per_agent;
        let _ = write!(
            s,
            "<dt>Agent</dt><dd>the model's unit: each stands for {ppa} people, so counts move in steps of {ppa} and a \
             figure under {} is a few agents' worth.</dd>",
            n(f64::from(ppa) * 10.0)
        );
    }
    s.push_str("</dl>");
    let statuses: Vec<Status> = Status::ALL.into_iter().filter(|&st| used(st)).collect();
    if !statuses.is_empty() {
        s.push_str("<p>Statuses (the <code>status</code> column of daily.csv) anyone held in this run:</p>");
        s.push_str("<dl class=\"terms\">");
        for st in statuses {
            let _ = write!(s, "<dt><code>{}</code></dt><dd>{}.</dd>", st.name(), with_code(st.meaning()));
        }
        s.push_str("</dl>");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::one_run;

    /// Journalist's review of session 25: report.html never said what MPP, metering, credible fear or
    /// COMAR are, nor what the status names mean.
    #[test]
    fn the_terms_name_the_scenarios_institutions_and_the_statuses_used() {
        let s = corridor::worlds::bench_corridor_institutions(3, 4, 2_000, 90);
        let rec = one_run(&s);
        let html = terms_html(&s, &rec, &Sums::of(&rec));
        for term in
            ["Metering", "Credible-fear screening", "Migrant Protection Protocols", "International Organization"]
        {
            assert!(html.contains(term), "{term}: {html}");
        }
        // A dated switch says when it is on; a general one, until when, if it goes off again.
        let start = s.period.date(0).to_string();
        assert!(html.contains(&format!("(seeds/001); on from {start} in this scenario.</dd>")), "{html}");
        let mut blocked = s.clone();
        let inst = blocked.institutions.as_mut().unwrap();
        inst.params.policies.push(corridor::policy::Policy {
            name: "blocked".into(),
            param: Param::Proclamation,
            at: None,
            from_day: 30,
            to_day: None,
            value: 0.0,
            source: "test".into(),
        });
        let until = terms_html(&blocked, &rec, &Sums::of(&rec));
        let on = format!("(seeds/000); on from {start} until {} in this scenario.</dd>", s.period.date(30));
        assert!(until.contains(&on), "{until}");
        assert!(html.contains("(seeds/000); on from") && !html.contains(&on), "{html}");
        // Each status held on some day is explained as docs/outputs.md does; the others are left out.
        let sums = Sums::of(&rec);
        let mut listed = 0;
        for st in Status::ALL {
            let used = (0..rec.days as usize).any(|d| sums.by_status[d * Status::COUNT + st as usize] > 0);
            let entry = format!("<dt><code>{}</code></dt><dd>{}.</dd>", st.name(), with_code(st.meaning()));
            assert_eq!(html.contains(&entry), used, "{entry}: {html}");
            listed += usize::from(used);
        }
        assert!(listed > 5, "{html}");
        assert!(html.contains("<code>mpp.ordered_leave_daily</code>") || !html.contains("in_absentia"), "{html}");
        let plain = corridor::worlds::demo().unwrap();
        assert!(plain.institutions.is_none());
        let rec = one_run(&plain);
        let html = terms_html(&plain, &rec, &Sums::of(&rec));
        assert!(!html.contains("MPP") && !html.contains("Metering"), "{html}");
        assert!(html.contains("<code>at_origin</code>") || html.contains("<code>at_place</code>"), "{html}");
    }

    /// Journalist's review of session 35: the court term quoted "nearly two years" for people who were
    /// mostly the scenario's backlog, troops (a chart's marker) had no term, and a port's switch was dated
    /// by its first port without naming it.
    #[test]
    fn issue_session_35_the_court_troops_and_a_ports_first_switch_are_told() {
        let s = corridor::worlds::caravan_2018().unwrap();
        let terms = institution_terms(&s);
        let text = |name: &str| terms.iter().find(|t| t.0 == name).map(|t| t.1.clone()).unwrap_or_default();
        let court = text("Immigration court backlog");
        assert!(court.contains("more than 800,000 by January 2019"), "{court}");
        assert!(court.contains("the 700,000 of the scenario's starting backlog"), "{court}");
        assert!(court.contains("<code>courts.background_cases_per_day</code>) besides the run's people"), "{court}");
        // Diff review: with no backlog it said "the 0 of the scenario's starting backlog".
        let mut none = s.clone();
        none.institutions.as_mut().unwrap().params.set(Param::CourtBacklog, 0.0);
        let terms = institution_terms(&none);
        let court = terms.iter().find(|t| t.0 == "Immigration court backlog").map(|t| t.1.clone()).unwrap_or_default();
        assert!(court.contains("counts cases: the other new cases the scenario adds each day"), "{court}");
        assert!(!court.contains("starting backlog"), "{court}");
        assert!(text("Troops").contains("on from 2018-10-29 in this scenario"), "{}", text("Troops"));
        let metering = text("Metering");
        assert!(
            metering.contains("on from 2018-03-25 at San Ysidro, at other ports later, in this scenario"),
            "{metering}"
        );
        let mpp = text("MPP");
        assert!(mpp.contains("at San Ysidro, at other ports later,"), "{mpp}");
    }
}
