//! `summary.json`: the run's identity and totals (scenario, seed, days, agents, throughput, final
//! status counts). Everything but `wall_seconds`, `agent_steps_per_second` (worked out from it) and
//! `threads` is identical for any thread count.

use super::{write_atomic, OutputError};
use crate::observe::{DayObservation, RunInfo, RunSummary, Sink};
use crate::population::Status;
use serde_json::{json, Map, Value};
use std::path::PathBuf;

pub struct SummaryJson {
    path: PathBuf,
    info: Option<RunInfo>,
    /// Extra top-level sections added by other parts (institutions, validation).
    pub extra: Map<String, Value>,
    /// Whether the run's end holds the text for `commit` instead of writing it.
    hold: bool,
    /// The text the run's end made, while held.
    held: Option<String>,
}

impl SummaryJson {
    /// Written when the run ends.
    pub fn new(path: PathBuf) -> Self {
        SummaryJson { path, info: None, extra: Map::new(), hold: false, held: None }
    }

    /// Held when the run ends, and written by `commit`: the CLI writes it last, after every other
    /// output, so that a folder holds a whole run exactly when it holds that run's summary.json (scale
    /// review of session 35: a run stopped between two renames left a folder of several runs' files).
    pub fn held(path: PathBuf) -> Self {
        SummaryJson { hold: true, ..SummaryJson::new(path) }
    }

    /// Writes a held summary made at the run's end (nothing before the end, nor when not held).
    pub fn commit(&mut self) -> Result<(), OutputError> {
        match self.held.take() {
            Some(text) => write_atomic(&self.path, text.as_bytes()),
            None => Ok(()),
        }
    }
}

/// The summary as JSON.
pub fn summary_value(info: &RunInfo, s: &RunSummary) -> Value {
    let ppa = u64::from(info.people_per_agent);
    let finals: Map<String, Value> = Status::ALL
        .iter()
        .map(|st| (st.name().to_string(), json!(s.final_status_counts[*st as usize] * ppa)))
        .collect();
    let mut v = json!({
        "scenario": info.scenario,
        "seed": info.seed,
        "start": info.period.start.to_string(),
        "end": info.period.end().to_string(),
        "days": s.days,
        "people_per_agent": info.people_per_agent,
        "agents_created": s.agents_created,
        "people_created": s.agents_created * ppa,
        "agent_steps": s.agent_steps,
        "wall_seconds": (s.wall_seconds * 1e6).round() / 1e6,
        "agent_steps_per_second": if s.wall_seconds > 0.0 { (s.agent_steps as f64 / s.wall_seconds).round() } else { 0.0 },
        "threads": info.threads,
        "final_status_counts": finals,
    });
    if let (Some(hasten), Some(map)) = (info.hasten, v.as_object_mut()) {
        map.insert("hasten".into(), json!(hasten));
    }
    v
}

impl Sink for SummaryJson {
    fn begin(&mut self, info: &RunInfo) -> Result<(), OutputError> {
        self.info = Some(info.clone());
        Ok(())
    }

    fn day(&mut self, _obs: &DayObservation<'_>) -> Result<(), OutputError> {
        Ok(())
    }

    fn outcomes(&mut self, o: &crate::observe::Outcomes<'_>) -> Result<(), OutputError> {
        if let Some(v) = &o.institutions {
            self.extra.insert("institutions".into(), v.clone());
        }
        if !o.caravan_groups.is_empty() {
            let groups = serde_json::to_value(&o.caravan_groups).map_err(|e| OutputError::Other(e.to_string()))?;
            self.extra.insert("caravan_groups".into(), groups);
        }
        Ok(())
    }

    fn end(&mut self, s: &RunSummary) -> Result<(), OutputError> {
        let info = self.info.as_ref().ok_or_else(|| OutputError::Other("summary.json: end before begin".into()))?;
        let mut v = summary_value(info, s);
        if let Value::Object(map) = &mut v {
            for (k, x) in &self.extra {
                map.insert(k.clone(), x.clone());
            }
        }
        let mut text = serde_json::to_string_pretty(&v).map_err(|e| OutputError::Other(e.to_string()))?;
        text.push('\n');
        if self.hold {
            self.held = Some(text);
            Ok(())
        } else {
            write_atomic(&self.path, text.as_bytes())
        }
    }
}
