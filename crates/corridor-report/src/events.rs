//! The scenario's policy switches as numbered marks on the report's time charts: the day each switch
//! first comes on (at its first port, for a port's switch), and the captions' key to the numbers.

use crate::charts::Mark;
use corridor::policy::{Kind, Param, Scope};
use corridor::scenario::institutions::OfficeKind;
use corridor::scenario::Scenario;

/// A switch coming on within the period (not on its first day: a switch on from the start is no event).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SwitchOn {
    pub day: u32,
    /// The first day it is off again, for a general switch.
    pub until: Option<u32>,
    pub name: &'static str,
    /// A port's switch: `day` is when it comes on at its first port.
    pub at_a_port: bool,
}

/// The switch's name as the key says it.
fn name(p: Param) -> &'static str {
    match p {
        Param::MeteringActive => "metering",
        Param::TroopsActive => "troops at the border",
        Param::Proclamation => "the proclamation",
        Param::MppActive => "MPP",
        Param::EnforcementActive => "Mexican enforcement",
        Param::ProgrammeActive => "the programme",
        Param::VisaActive => "humanitarian visas",
        Param::IomActive => "IOM returns",
        other => other.name(),
    }
}

/// The office a switch needs to do anything, where it needs one (as the Terms section reads them).
fn office_of(p: Param) -> Option<OfficeKind> {
    match p {
        Param::ProgrammeActive => Some(OfficeKind::Programme),
        Param::VisaActive => Some(OfficeKind::HumanitarianVisa),
        Param::IomActive => Some(OfficeKind::Iom),
        _ => None,
    }
}

/// The switches that come on within the period, earliest first: a port's switch only where there are
/// ports, an office's only where there is such an office.
pub(crate) fn switches_on(scenario: &Scenario) -> Vec<SwitchOn> {
    let Some(inst) = &scenario.institutions else {
        return Vec::new();
    };
    let (params, ports, days) = (&inst.params, inst.ports.len(), scenario.period.days);
    let mut on = Vec::new();
    for &p in Param::ALL.iter().filter(|p| p.kind() == Kind::Switch) {
        if office_of(p).is_some_and(|k| !inst.offices.iter().any(|o| o.kind == k)) {
            continue;
        }
        let at_a_port = p.scope() == Scope::Port;
        let first =
            if at_a_port { params.first_day_on_at_a_port(p, ports, days) } else { params.first_day_on(p, None, days) };
        let Some(day) = first.filter(|&d| d > 0) else { continue };
        let until = if at_a_port { None } else { params.first_day_off_after(p, day, days) };
        on.push(SwitchOn { day, until, name: name(p), at_a_port });
    }
    on.sort_by_key(|s| (s.day, s.name));
    on
}

/// The marks to draw, numbered from 1 in the order of `switches`.
pub(crate) fn marks(switches: &[SwitchOn]) -> Vec<Mark> {
    switches.iter().enumerate().map(|(k, s)| Mark { day: s.day, label: (k + 1).to_string() }).collect()
}

/// The captions' key to the marks, as a sentence to append; empty without marks.
pub(crate) fn key(scenario: &Scenario, switches: &[SwitchOn]) -> String {
    if switches.is_empty() {
        return String::new();
    }
    let date = |d: u32| scenario.period.date(d).to_string();
    let items: Vec<String> = switches
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let mut item = format!("{} {} from {}", k + 1, s.name, date(s.day));
            if let Some(off) = s.until {
                item.push_str(&format!(" until {}", date(off)));
            }
            if s.at_a_port {
                item.push_str(" (at its first port)");
            }
            item
        })
        .collect();
    format!(" Numbered dashed lines: policies coming on (Terms says what each is): {}.", items.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Journalist's review of session 25: the charts showed no policy dates. caravan-2018's switches
    /// come on as its policies date them; metering, on at San Ysidro from the first day, is no event.
    #[test]
    fn caravan_2018s_switches_are_marked_on_their_days() {
        let scenario = corridor::worlds::caravan_2018().expect("loads");
        let on = switches_on(&scenario);
        let dated: Vec<(String, &str, Option<String>)> = on
            .iter()
            .map(|s| {
                (scenario.period.date(s.day).to_string(), s.name, s.until.map(|d| scenario.period.date(d).to_string()))
            })
            .collect();
        let owned = |d: &str, n: &'static str, u: Option<&str>| (d.to_string(), n, u.map(str::to_string));
        assert_eq!(
            dated,
            [
                owned("2018-10-26", "the programme", Some("2018-12-01")),
                owned("2018-10-29", "troops at the border", None),
                owned("2018-11-04", "IOM returns", None),
                owned("2018-11-09", "the proclamation", Some("2018-11-19")),
                owned("2019-01-17", "humanitarian visas", Some("2019-01-29")),
                owned("2019-01-25", "MPP", None),
            ]
        );
        assert!(on.iter().all(|s| s.at_a_port == (s.name == "MPP")));
        let key = key(&scenario, &on);
        assert!(key.contains("1 the programme from 2018-10-26 until 2018-12-01; 2 troops"), "{key}");
        assert!(key.ends_with("6 MPP from 2019-01-25 (at its first port)."), "{key}");
        assert_eq!(marks(&on).iter().map(|m| m.label.as_str()).collect::<Vec<_>>(), ["1", "2", "3", "4", "5", "6"]);
    }

    /// A switch on from the first day, and a world without institutions, mark nothing.
    #[test]
    fn no_marks_without_a_switch_coming_on() {
        let flee = corridor::worlds::line_world(&["A", "B"], 10.0, 1);
        assert!(switches_on(&flee).is_empty() && key(&flee, &[]).is_empty());
    }
}
