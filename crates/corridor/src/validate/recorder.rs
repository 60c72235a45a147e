//! The sink that keeps a whole run in memory (`Recording`), for the report, `validate` and `compare`:
//! every day's counts above zero, arrivals, entries, caravans, queues and the queues' cohorts.

use super::{QueueDay, Recording, StatusCounts};
use crate::observe::{DayObservation, RunInfo, RunSummary, Sink};
use crate::output::OutputError;
use crate::population::Status;

/// A sink that keeps every day's observation (the counts above zero only: for 60 days of the 200-place
/// bench world with 10^4 agents, 10,129 of 204,000 counts in 12,000 rows, ~225 KB, where all of them
/// would take 1.6 MB).
#[derive(Default)]
pub struct Recorder {
    rec: Option<Recording>,
}

impl Recorder {
    pub fn new() -> Self {
        Recorder::default()
    }

    /// The recording; None if the run never began.
    pub fn finish(self) -> Option<Recording> {
        self.rec
    }

    pub fn recording(&self) -> Option<&Recording> {
        self.rec.as_ref()
    }
}

impl Sink for Recorder {
    fn begin(&mut self, info: &RunInfo) -> Result<(), OutputError> {
        let days = info.period.days as usize;
        let places = info.place_names.len();
        self.rec = Some(Recording {
            info: info.clone(),
            days: 0,
            counts: StatusCounts::with_capacity(days * places),
            arrivals: Vec::with_capacity(days * places),
            entries: Vec::with_capacity(days * Status::COUNT),
            kinds: Vec::with_capacity(days * places),
            caravans: 0,
            caravan_counts: Vec::new(),
            caravan_arrivals: Vec::new(),
            queue_names: Vec::new(),
            queue_rows: Vec::new(),
            queue_cohorts: Vec::new(),
            iom_spent_usd: None,
            totals: None,
            summary: None,
        });
        Ok(())
    }

    fn queues(&mut self, _day: u32, rows: &[crate::institutions::report::QueueRow<'_>]) -> Result<(), OutputError> {
        let rec = self.rec.as_mut().ok_or_else(|| OutputError::Other("recorder: queues before begin".into()))?;
        if rec.queue_names.is_empty() {
            rec.queue_names = rows.iter().map(|r| r.queue.to_string()).collect();
        }
        // Queue rows are already in people.
        rec.queue_rows.extend(rows.iter().map(|r| QueueDay {
            waiting: r.waiting,
            admitted: r.admitted,
            left: r.left,
            room: r.room,
        }));
        Ok(())
    }

    fn day(&mut self, obs: &DayObservation<'_>) -> Result<(), OutputError> {
        let rec = self.rec.as_mut().ok_or_else(|| OutputError::Other("recorder: day before begin".into()))?;
        let ppa = u64::from(rec.info.people_per_agent);
        rec.counts.push_present(obs.counts, obs.present, ppa);
        rec.arrivals.extend(obs.arrivals.iter().map(|c| c * ppa));
        rec.entries.extend(obs.entries.iter().map(|c| c * ppa));
        rec.kinds.extend_from_slice(obs.kinds);
        let places = rec.info.place_names.len().max(1);
        rec.caravans = obs.caravan_arrivals.len() / places;
        // In agents, which u32 holds (`MAX_AGENTS`) and keeps the recording small; read in people
        // (scale review of session 35: kept in people, a caravan of 9e9 was cut at u32::MAX).
        let agents = |c: &u64| u32::try_from(*c).unwrap_or(u32::MAX);
        rec.caravan_counts.extend(obs.caravan_counts.iter().map(agents));
        rec.caravan_arrivals.extend(obs.caravan_arrivals.iter().map(agents));
        rec.days += 1;
        Ok(())
    }

    fn outcomes(&mut self, o: &crate::observe::Outcomes<'_>) -> Result<(), OutputError> {
        if let Some(rec) = self.rec.as_mut() {
            rec.queue_cohorts = o.queue_cohorts.clone();
            rec.iom_spent_usd = o.iom_spent_usd;
            rec.totals = o.totals.clone();
        }
        Ok(())
    }

    fn end(&mut self, summary: &RunSummary) -> Result<(), OutputError> {
        if let Some(rec) = self.rec.as_mut() {
            rec.summary = Some(summary.clone());
        }
        Ok(())
    }
}
