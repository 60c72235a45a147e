//! The key figures' word on a full US detention, read from the engine's own `us_detention` queue:
//! the people it held at each day's end against the most the engine let it hold that day.

use crate::n;
use corridor::scenario::checks::US_DETENTION_QUEUE;
use corridor::scenario::Scenario;
use corridor::validate::Recording;

/// A day on which US detention was full: the people it held at the end of the day (queues.csv's
/// `waiting`) had reached the most the engine let it hold that day (`room`, in people).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FullDay {
    pub day: u32,
    pub held: u64,
    pub room: u64,
}

/// The days US detention was full, in day order, as the run's `us_detention` queue records them
/// (none in a run without that queue).
fn full_days(rec: &Recording) -> Vec<FullDay> {
    let Some(q) = rec.queue_named(US_DETENTION_QUEUE) else {
        return Vec::new();
    };
    (0..rec.days)
        .filter_map(|day| {
            let row = rec.queue(day, q);
            let room = row.room?;
            (row.waiting >= room).then_some(FullDay { day, held: row.waiting, room })
        })
        .collect()
}

/// The limit the key figures name when US detention was full on any day (screened people are then
/// released, not detained), with the first such day's numbers; None when it never was. The room is
/// the day's `us_detention.capacity` in whole agents: where that is less than the capacity set, both
/// are said (review of session 18: a capacity of 35 at 10 people per agent was said to be 30, and one
/// of 5 to be 0).
pub fn full_text(scenario: &Scenario, rec: &Recording) -> Option<String> {
    let days = full_days(rec);
    let first = days.first()?;
    let capacity = scenario.institutions.as_ref().map_or(first.room as f64, |inst| {
        inst.params.value(corridor::policy::Param::UsDetentionCapacity, None, first.day)
    });
    let held = n(first.held as f64);
    let ppa = scenario.agent_in_people();
    let shown = if capacity.fract() == 0.0 { n(capacity) } else { capacity.to_string() };
    let against = if capacity == first.room as f64 {
        format!("{held} held against a capacity of {shown} that day")
    } else if first.room == 0 && first.held == 0 {
        format!("{held} held: its capacity that day, {shown}, is less than one agent of {ppa}, so none fits")
    } else if first.room == 0 {
        // People detained before the capacity fell stay until their hearing or parole (review 2 of
        // session 18: "18,120 held: … so none fits" read as if none were held).
        format!(
            "{held} held: its capacity that day, {shown}, is less than one agent of {ppa}, so no more fit: those \
             held stay, but no one is added"
        )
    } else {
        format!(
            "{held} held against room for {} that day: a capacity of {shown}, in whole agents of {ppa}",
            n(first.room as f64)
        )
    };
    Some(format!(
        "US detention was full on {} days from {} ({against}): people screened while it is full are released \
         instead of detained",
        days.len(),
        scenario.period.date(first.day),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::one_run;
    use corridor::policy::{Param, Policy};

    /// demo-institutions with everyone screened detained, each held 30 days.
    fn detaining_all() -> Scenario {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/demo-institutions");
        let mut s = corridor::load(std::path::Path::new(dir)).unwrap();
        let inst = s.institutions.as_mut().unwrap();
        inst.params.set(Param::DetainShare, 1.0);
        inst.params.set(Param::CourtDetainedDays, 30.0);
        s
    }

    /// Review of session 16: the report said US detention was full only when it was on the last day; a
    /// run in which it filled and emptied again said nothing of the people released meanwhile.
    #[test]
    fn the_key_figures_say_when_us_detention_was_full_on_any_day() {
        let mut s = detaining_all();
        assert_eq!(full_text(&s, &one_run(&s)), None, "never full at the default capacity");
        // Room for 30 people until day 120; room for all after it: full for a while, not at the end.
        s.institutions.as_mut().unwrap().params.policies.push(Policy {
            name: "a small detention".into(),
            param: Param::UsDetentionCapacity,
            at: None,
            from_day: 0,
            to_day: Some(120),
            value: 30.0,
            source: String::new(),
        });
        let rec = one_run(&s);
        let text = full_text(&s, &rec).expect("full on some days");
        assert!(text.starts_with("US detention was full on ") && text.contains(" days from 2018-"), "{text}");
        let days = full_days(&rec);
        assert!(days.iter().all(|d| d.day <= 120 && d.room == 30), "{days:?}");
        let last = rec.days - 1;
        assert!(!days.iter().any(|d| d.day == last), "not full at the end");
    }

    /// Review of session 18: the statement re-derived the engine's rule from the people detained in the
    /// US by country, and could disagree with the engine. It reads the `us_detention` queue's own rows:
    /// changed rows change it, whatever the statuses say.
    #[test]
    fn the_statement_follows_the_us_detention_queue_not_the_statuses() {
        let mut s = detaining_all();
        let inst = s.institutions.as_mut().unwrap();
        inst.params.set(Param::UsDetentionCapacity, 30.0);
        s.people_per_agent = 1;
        let mut rec = one_run(&s);
        let q = rec.queue_named(US_DETENTION_QUEUE).unwrap();
        let days = full_days(&rec);
        assert!(days.len() > 10, "{days:?}");
        for d in &days {
            let row = rec.queue(d.day, q);
            assert_eq!((row.waiting, row.room), (d.held, Some(30)));
            // The queue's people held are the people detained at the ports' US side.
            let held: u64 = corridor::validate::detained_by_country(&s, &rec, d.day)
                .into_iter()
                .filter(|(country, _)| country == "United States")
                .map(|(_, k)| k)
                .sum();
            assert_eq!(held, d.held, "day {}", d.day);
        }
        let first = days[0];
        let expected = format!(
            "US detention was full on {} days from {} ({} held against a capacity of 30 that day)",
            days.len(),
            s.period.date(first.day),
            first.held
        );
        assert!(full_text(&s, &rec).unwrap().starts_with(&expected), "{:?}", full_text(&s, &rec));
        // The queue's first full day no longer full, and room for 29 on the next: the statement says so.
        let n = rec.queue_names.len();
        rec.queue_rows[first.day as usize * n + q].waiting = 29;
        let second = days[1];
        rec.queue_rows[second.day as usize * n + q].room = Some(second.held - 1);
        let text = full_text(&s, &rec).unwrap();
        let expected = format!(
            "US detention was full on {} days from {} ({} held against room for {} that day: a capacity of 30, in \
             whole agents of 1 person)",
            days.len() - 1,
            s.period.date(second.day),
            second.held,
            second.held - 1
        );
        assert!(text.starts_with(&expected), "{text}");
        // Without the queue (no institutions recorded), nothing is said.
        rec.queue_names.clear();
        assert_eq!(full_text(&s, &rec), None);
    }

    /// Review of session 18: at 10 people per agent, `--set institutions.us_detention.capacity=35` was
    /// said to be "a capacity of 30", and a capacity of 5, "full on 647 days (0 held against a capacity
    /// of 0)": the room is in whole agents. Where it falls short of the capacity set, both are said.
    #[test]
    fn a_capacity_not_in_whole_agents_is_said_with_the_room_it_leaves() {
        let mut s = detaining_all();
        s.people_per_agent = 10;
        let said = |s: &Scenario, capacity: f64| {
            let mut s = s.clone();
            s.institutions.as_mut().unwrap().params.set(Param::UsDetentionCapacity, capacity);
            let rec = one_run(&s);
            (full_text(&s, &rec).expect("full on some days"), full_days(&rec))
        };
        let (text, days) = said(&s, 35.0);
        assert!(days.iter().all(|d| d.room == 30), "{days:?}");
        let room = " held against room for 30 that day: a capacity of 35, in whole agents of 10 people)";
        assert!(text.contains(room) && !text.contains("a capacity of 30"), "{text}");
        let (text, days) = said(&s, 5.0);
        assert!(days.iter().all(|d| d.room == 0 && d.held == 0), "{days:?}");
        let none = "(0 held: its capacity that day, 5, is less than one agent of 10 people, so none fits)";
        assert!(text.contains(none) && !text.contains("a capacity of 0"), "{text}");
        // A capacity below one agent from a day people are already held: they stay, none is added.
        let rec = one_run(&s);
        let q = rec.queue_named(US_DETENTION_QUEUE).unwrap();
        let day = (0..rec.days).find(|&d| rec.queue(d, q).waiting > 0).expect("someone detained");
        let mut fell = s.clone();
        fell.institutions.as_mut().unwrap().params.policies.push(Policy {
            name: "a capacity below one agent".into(),
            param: Param::UsDetentionCapacity,
            at: None,
            from_day: day + 1,
            to_day: None,
            value: 5.0,
            source: String::new(),
        });
        let rec = one_run(&fell);
        let first = full_days(&rec)[0];
        assert!(first.room == 0 && first.held > 0, "{first:?}");
        let text = full_text(&fell, &rec).unwrap();
        let stay = "is less than one agent of 10 people, so no more fit: those held stay, but no one is added)";
        assert!(text.contains(stay) && !text.contains("none fits"), "{text}");
        // A capacity of whole agents is said as it is.
        let (text, _) = said(&s, 30.0);
        assert!(text.contains(" held against a capacity of 30 that day)"), "{text}");
    }
}
