//! `caravans.csv` and `caravan_arrivals.csv`: caravan members only, what the press counted of a
//! caravan: each day, by caravan, place and status, and their arrivals. See docs/outputs.md.

use super::daily::csv_field;
use super::{AtomicFile, OutputError};
use crate::observe::{DayObservation, RunInfo, RunSummary, Sink};
use crate::population::Status;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The two tables of caravan members (journalist's review of session 35: 16 of caravan-2018's 36
/// observed figures count caravan members, which no output could recompute).
pub struct CaravansCsv {
    members_path: PathBuf,
    arrivals_path: PathBuf,
    /// The caravans' names as CSV fields, in `Scenario::caravans` order.
    caravans: Vec<String>,
    files: Option<(AtomicFile, AtomicFile)>,
    info: Option<RunInfo>,
    places: Vec<String>,
    rows: String,
}

impl CaravansCsv {
    /// Writes `caravans.csv` and `caravan_arrivals.csv` in `folder`, for caravans named `caravans`.
    pub fn new(folder: &std::path::Path, caravans: impl IntoIterator<Item = String>) -> Self {
        CaravansCsv {
            members_path: folder.join("caravans.csv"),
            arrivals_path: folder.join("caravan_arrivals.csv"),
            caravans: caravans.into_iter().map(|n| csv_field(&n).into_owned()).collect(),
            files: None,
            info: None,
            places: Vec::new(),
            rows: String::new(),
        }
    }
}

impl Sink for CaravansCsv {
    fn begin(&mut self, info: &RunInfo) -> Result<(), OutputError> {
        let mut members = AtomicFile::create(&self.members_path)?;
        members.write_all(b"date,caravan,place,status,count\n")?;
        let mut arrivals = AtomicFile::create(&self.arrivals_path)?;
        arrivals.write_all(b"date,caravan,place,arrivals\n")?;
        self.files = Some((members, arrivals));
        self.places = info.place_names.iter().map(|n| csv_field(n).into_owned()).collect();
        self.info = Some(info.clone());
        Ok(())
    }

    fn day(&mut self, obs: &DayObservation<'_>) -> Result<(), OutputError> {
        let (Some((members, arrivals)), Some(info)) = (self.files.as_mut(), self.info.as_ref()) else {
            return Err(OutputError::Other("caravans.csv: day before begin".into()));
        };
        let (date, ppa, n) = (info.period.date(obs.day), u64::from(info.people_per_agent), self.places.len());
        // In people, every non-zero cell: `((caravan × places + place) × statuses + status)`.
        self.rows.clear();
        let cells = obs.caravan_counts.chunks_exact(Status::COUNT).enumerate();
        for (row, counts) in cells.filter(|(_, c)| c.iter().any(|&v| v > 0)) {
            let (caravan, place) = (&self.caravans[row / n], &self.places[row % n]);
            for (status, &agents) in Status::ALL.iter().zip(counts).filter(|(_, &a)| a > 0) {
                let _ = writeln!(self.rows, "{date},{caravan},{place},{},{}", status.name(), agents * ppa);
            }
        }
        members.write_all(self.rows.as_bytes())?;
        self.rows.clear();
        for (row, &agents) in obs.caravan_arrivals.iter().enumerate().filter(|(_, &a)| a > 0) {
            let (caravan, place) = (&self.caravans[row / n], &self.places[row % n]);
            let _ = writeln!(self.rows, "{date},{caravan},{place},{}", agents * ppa);
        }
        arrivals.write_all(self.rows.as_bytes())
    }

    fn end(&mut self, _summary: &RunSummary) -> Result<(), OutputError> {
        match self.files.take() {
            Some((members, arrivals)) => {
                members.commit()?;
                arrivals.commit()
            }
            None => Ok(()),
        }
    }
}
