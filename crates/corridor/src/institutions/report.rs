//! What the institutions report: one row per queue and day (for queues.csv), and the run's event
//! totals per institution with p50/p90 waits per queue (for summary.json). Counts are people (agents
//! × scale), except the caravans the programme accepted; totals count events, not distinct people.

use super::counters::Totals;
use super::state::System;
use super::Counter;
use serde_json::{json, Map, Value};

/// One queue on one day, in people.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueRow<'a> {
    pub queue: &'a str,
    pub waiting: u64,
    pub admitted: u64,
    pub left: u64,
    /// The most it may hold today, in people: the engine's room in whole agents
    /// (`System::room_agents`: a detention centre's capacity, US detention's under the day's
    /// `us_detention.capacity`, each rounded down to whole agents) × people_per_agent, so below the
    /// capacity set where that is not a multiple of people_per_agent; None for a queue with no such
    /// limit. Not a queues.csv column: the report reads it from the run.
    pub room: Option<u64>,
}

impl System {
    /// Today's rows, in queue order (waitlists, comar, visas, IOM, court, detention centres, US detention).
    pub fn queue_rows(&self) -> Vec<QueueRow<'_>> {
        let ppa = self.ppa as u64;
        let court = self.ids.court();
        self.queues
            .iter()
            .enumerate()
            .map(|(q, x)| {
                if q == court {
                    QueueRow {
                        queue: &x.name,
                        waiting: self.courts.waiting().round() as u64,
                        admitted: self.heard_today.round() as u64,
                        left: 0,
                        room: None,
                    }
                } else {
                    QueueRow {
                        queue: &x.name,
                        waiting: x.waiting * ppa,
                        admitted: x.admitted * ppa,
                        left: x.left * ppa,
                        // Saturating: a capacity near u64::MAX people wrapped to a small room (code
                        // review of session 32: "US detention was full on 607 days").
                        room: self.room_agents(q).map(|r| r.saturating_mul(ppa)),
                    }
                }
            })
            .collect()
    }

    /// The run's event totals so far, in people (see `Totals`).
    pub fn totals(&self) -> Totals {
        Totals::of(&self.counters, self.ppa as u64)
    }

    /// Event totals by institution (in people: an agent's event counts `people_per_agent`, each time
    /// it happens; caravans for `programme.caravans_accepted`) and wait percentiles by queue, for
    /// summary.json.
    pub fn summary(&self) -> Value {
        let ppa = self.ppa as u64;
        let counted = self.totals();
        let mut totals = Map::new();
        for &c in Counter::ALL {
            let entry = totals.entry(c.institution()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = entry {
                m.insert(c.event().into(), json!(counted.get(c)));
            }
        }
        let court = self.ids.court();
        let mut queues = Map::new();
        for (q, x) in self.queues.iter().enumerate() {
            let (waiting, admitted, left) = if q == court {
                (self.courts.waiting().round() as u64, self.courts.heard_total().round() as u64, 0)
            } else {
                (x.waiting * ppa, x.admitted_total * ppa, x.left_total * ppa)
            };
            queues.insert(
                x.name.clone(),
                json!({
                    "waiting_at_end": waiting,
                    "admitted": admitted,
                    "left": left,
                    "wait_p50_days": x.wait_quantile(0.5),
                    "wait_p90_days": x.wait_quantile(0.9),
                }),
            );
        }
        json!({
            "totals": totals,
            "queues": queues,
            "iom_spent_usd": self.iom_spent.round(),
            "court_backlog_people_at_end": self.courts.waiting().round(),
            "policies": self.params.policies.iter().map(|p| json!({
                "name": p.name,
                "parameter": p.param.name(),
                "port": (p.param.scope() == crate::policy::Scope::Port).then_some(p.at).flatten(),
                "place": (p.param.scope() == crate::policy::Scope::Place).then_some(p.at).flatten(),
                "from_day": p.from_day,
                "to_day": p.to_day,
                "value": p.value,
                "source": p.source,
            })).collect::<Vec<_>>(),
        })
    }
}
