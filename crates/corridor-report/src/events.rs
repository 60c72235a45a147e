//! The scenario's policy switches as numbered marks on the report's time charts: each day a switch comes
//! on (at more ports, for a port's switch), and the captions' key to the numbers.

use crate::charts::Mark;
use corridor::policy::{Kind, Param, Scope};
use corridor::scenario::institutions::OfficeKind;
use corridor::scenario::Scenario;

/// A switch coming on within the period (not on its first day: a switch on from the start is no event):
/// a general switch each time it goes from off to on, a port's each day it comes on at ports where it
/// was off.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SwitchOn {
    pub day: u32,
    /// The first day it is off again (for a port's switch, at every one of `ports`).
    pub until: Option<u32>,
    pub name: &'static str,
    /// A port's switch: the ports it comes on at that day, and whether it was on at another before.
    pub ports: Vec<String>,
    pub more_ports: bool,
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

/// The office a switch needs to do anything, where it needs one (`OfficeKind::switch`).
fn office_of(p: Param) -> Option<OfficeKind> {
    OfficeKind::ALL.into_iter().find(|k| k.switch() == Some(p))
}

/// The switches that come on within the period, earliest first (session 26's review: only a switch's
/// first coming on was marked, at its first port): a port's switch only where there are ports, an
/// office's only where there is such an office.
pub(crate) fn switches_on(scenario: &Scenario) -> Vec<SwitchOn> {
    let Some(inst) = &scenario.institutions else {
        return Vec::new();
    };
    let (params, days) = (&inst.params, scenario.period.days);
    let mut on = Vec::new();
    for &p in Param::ALL.iter().filter(|p| p.kind() == Kind::Switch) {
        if office_of(p).is_some_and(|k| !inst.offices.iter().any(|o| o.kind == k)) {
            continue;
        }
        // Where the switch is read: each port for a port's switch, else one general state.
        let at: Vec<Option<u32>> = match p.scope() {
            Scope::Port => (0..inst.ports.len() as u32).map(Some).collect(),
            _ => vec![None],
        };
        let mut ever = at.iter().any(|&k| params.on(p, k, 0));
        for day in params.change_days(&[p], days).into_iter().filter(|&d| d > 0) {
            let came_on: Vec<Option<u32>> =
                at.iter().copied().filter(|&k| params.on(p, k, day) && !params.on(p, k, day - 1)).collect();
            if came_on.is_empty() {
                continue;
            }
            let ports = came_on.iter().flatten().map(|&k| inst.ports[k as usize].name.clone()).collect();
            let until = params.first_day_off_after(p, &came_on, day, days);
            on.push(SwitchOn { day, until, name: name(p), ports, more_ports: ever });
            ever = true;
        }
    }
    on.sort_by_key(|s| (s.day, s.name));
    on
}

/// The scenario's marks and their key, for the time charts and their captions.
pub(crate) fn marks_and_key(scenario: &Scenario) -> (Vec<Mark>, String) {
    let switches = switches_on(scenario);
    (marks(&switches), key(scenario, &switches))
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
            let at = match s.ports.len() {
                0 => String::new(),
                1..=3 => format!(" at {}", crate::and_list(&s.ports)),
                n if s.more_ports => format!(" at {n} more ports"),
                n => format!(" at {n} ports"),
            };
            let mut item = format!("{} {}{at} from {}", k + 1, s.name, date(s.day));
            if let Some(off) = s.until {
                item.push_str(&format!(" until {}", date(off)));
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
    /// come on as its policies date them; metering, on at San Ysidro from the first day, is marked when
    /// it comes on at the other ports, and MPP each time it reaches more ports (session 26's review).
    #[test]
    fn caravan_2018s_switches_are_marked_on_their_days() {
        let scenario = corridor::worlds::caravan_2018().expect("loads");
        let on = switches_on(&scenario);
        let key = key(&scenario, &on);
        let (_, list) = key.trim_end_matches('.').split_once("is): ").expect("a key");
        let items: Vec<&str> = list.split("; ").collect();
        assert_eq!(
            items,
            [
                "1 metering at 8 more ports from 2018-06-05",
                "2 the programme from 2018-10-26 until 2018-12-01",
                "3 troops at the border from 2018-10-29",
                "4 IOM returns from 2018-11-04",
                "5 the proclamation from 2018-11-09 until 2018-11-19",
                "6 humanitarian visas from 2019-01-17 until 2019-01-29",
                "7 MPP at San Ysidro from 2019-01-25",
                "8 MPP at Calexico and El Paso from 2019-03-15",
                "9 MPP at Laredo and Brownsville from 2019-07-08",
                "10 MPP at Eagle Pass from 2019-10-28",
            ]
        );
        assert_eq!(marks(&on).len(), 10);
        assert_eq!(marks(&on)[9], Mark { day: on[9].day, label: "10".into() });
    }

    /// A general switch off and on again is marked each time it comes on (session 26's review: troops
    /// back on in January went unmarked).
    #[test]
    fn a_switch_that_comes_on_again_is_marked_again() {
        let mut scenario = corridor::worlds::caravan_2018().expect("loads");
        let inst = scenario.institutions.as_mut().expect("institutions");
        let troops = inst.params.policies.iter().position(|q| q.param == Param::TroopsActive).expect("troops");
        let (from, to) = (inst.params.policies[troops].from_day, inst.params.policies[troops].from_day + 30);
        inst.params.policies[troops].to_day = Some(to);
        let mut again = inst.params.policies[troops].clone();
        (again.from_day, again.to_day) = (to + 10, None);
        inst.params.policies.push(again);
        let troops_on: Vec<(u32, Option<u32>)> = switches_on(&scenario)
            .iter()
            .filter(|s| s.name == "troops at the border")
            .map(|s| (s.day, s.until))
            .collect();
        assert_eq!(troops_on, [(from, Some(to)), (to + 10, None)]);
    }

    /// A switch on from the first day, and a world without institutions, mark nothing.
    #[test]
    fn no_marks_without_a_switch_coming_on() {
        let flee = corridor::worlds::line_world(&["A", "B"], 10.0, 1);
        assert!(switches_on(&flee).is_empty() && key(&flee, &[]).is_empty());
    }
}
