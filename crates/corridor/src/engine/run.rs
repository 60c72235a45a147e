//! A whole run: every remaining day stepped, each day's observation pushed to the sinks, then the
//! agents' outcomes and the run's summary.

use super::groups::GroupKind;
use super::Simulation;
use crate::observe::{CaravanGroup, Outcomes, RunSummary, Sink};
use crate::output::OutputError;
use crate::population::Status;
use std::time::Instant;

/// Progress of a run, reported after each day.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    pub day: u32,
    pub days: u32,
    pub agents: u64,
    pub agent_steps: u64,
    pub elapsed_seconds: f64,
}

impl Simulation<'_> {
    /// Runs every remaining day, pushing each day's observation to the sinks.
    pub fn run(
        &mut self,
        sinks: &mut [&mut dyn Sink],
        mut progress: impl FnMut(Progress),
    ) -> Result<RunSummary, OutputError> {
        let started = Instant::now();
        let info = self.info();
        for s in sinks.iter_mut() {
            s.begin(&info)?;
        }
        let days = self.scenario.period.days;
        let mut stepped = false;
        while self.day < days {
            let obs = self.step();
            stepped = true;
            let day = obs.day;
            for s in sinks.iter_mut() {
                s.day(&obs)?;
            }
            if let Some(inst) = &self.inst {
                let rows = inst.queue_rows();
                for s in sinks.iter_mut() {
                    s.queues(day, &rows)?;
                }
            }
            progress(Progress {
                day: self.day,
                days,
                agents: self.agents.len() as u64,
                agent_steps: self.agent_steps,
                elapsed_seconds: started.elapsed().as_secs_f64(),
            });
        }
        // The last day's totals by status (summed once, not every day: only the last is reported).
        let last = if stepped { crate::observe::status_totals(&self.counts) } else { [0; Status::COUNT] };
        let wall_seconds = started.elapsed().as_secs_f64();
        let summary = RunSummary {
            days,
            agents_created: self.agents.len() as u64,
            agent_steps: self.agent_steps,
            wall_seconds,
            final_status_counts: last,
        };
        let outcomes = Outcomes {
            agents: &self.agents,
            inst: self.inst.as_ref().map(|i| &i.agents),
            days,
            institutions: self.inst.as_ref().map(|i| i.summary()),
            iom_spent_usd: self.inst.as_ref().map(|i| i.iom_spent),
            totals: self.inst.as_ref().map(|i| i.totals()),
            queue_cohorts: self.inst.as_ref().map(|i| i.cohort_rows(&self.agents, self.day)).unwrap_or_default(),
            caravan_groups: self.caravan_groups(),
        };
        for s in sinks.iter_mut() {
            s.outcomes(&outcomes)?;
        }
        for s in sinks.iter_mut() {
            s.end(&summary)?;
        }
        Ok(summary)
    }
}

impl Simulation<'_> {
    /// The caravans' groups and their splits' that exist by now, with the entries they come from (a
    /// journalist's review of session 31: outcomes.csv's group numbers were mapped to caravans
    /// nowhere). A group's plan is its caravan's number, or, for a split, the plan its caravan's
    /// `SplitPlan` names.
    fn caravan_groups(&self) -> Vec<CaravanGroup> {
        let caravans = &self.scenario.caravans;
        // Each plan's entry: caravan k's own plan is k; its split j's is `plans[k].splits[j].plan`.
        let mut entries: Vec<Option<(usize, Option<usize>)>> = vec![None; self.plans.len()];
        for (k, plan) in self.plans.iter().take(caravans.len()).enumerate() {
            entries[k] = Some((k, None));
            for (j, x) in plan.splits.iter().enumerate() {
                entries[x.plan as usize] = Some((k, Some(j)));
            }
        }
        let of = |plan: u32| entries.get(plan as usize).copied().flatten();
        self.groups
            .iter()
            .enumerate()
            .filter_map(|(g, group)| match group.kind {
                GroupKind::Caravan(plan) => of(plan).map(|(k, split)| CaravanGroup {
                    group: g as u32,
                    entry: split.map_or_else(|| format!("caravan.{k}"), |j| format!("caravan.{k}.split.{j}")),
                    caravan: caravans[k].name.clone(),
                }),
                GroupKind::Family => None,
            })
            .collect()
    }
}
