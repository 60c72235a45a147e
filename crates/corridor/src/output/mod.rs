//! Output sinks the engine pushes to (daily.csv, arrivals.csv, queues.csv, waits_by_month.csv, outcomes.csv,
//! summary.json, a FLEE folder's out.csv), and whole-or-nothing file writing: every file is written
//! under a temporary name and renamed only when complete.

pub mod arrivals;
pub mod caravans;
pub mod daily;
pub mod flee_out;
pub mod outcomes;
pub mod queues;
pub(crate) mod rowbuf;
pub mod summary;
pub mod waits_by_month;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub use arrivals::ArrivalsCsv;
pub use caravans::CaravansCsv;
pub use daily::DailyCsv;
pub use flee_out::FleeOutCsv;
pub use outcomes::OutcomesCsv;
pub use queues::QueuesCsv;
pub use summary::SummaryJson;
pub use waits_by_month::WaitsByMonthCsv;

/// A failure to write an output.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// (The I/O error is in the message, not a `source`: shown as a chain, it would say it twice.)
    #[error("{}: cannot write: {cause}", path.display())]
    Io { path: PathBuf, cause: std::io::Error },
    #[error("{0}")]
    Other(String),
}

impl OutputError {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        OutputError::Io { path: path.to_path_buf(), cause: source }
    }
}

/// A file written under a temporary name in its final folder and renamed into place by `commit`.
/// Dropped without `commit` (an error, a panic), it removes the temporary file: no truncated output
/// ever carries the real name.
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    pub fn create(path: &Path) -> Result<AtomicFile, OutputError> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.partial-{}", std::process::id()));
        let file = File::create(&tmp).map_err(|e| OutputError::io(&tmp, e))?;
        Ok(AtomicFile { path: path.to_path_buf(), tmp, writer: Some(BufWriter::with_capacity(1 << 16, file)) })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The writer, for `write!`; errors name the final path.
    pub fn writer(&mut self) -> &mut BufWriter<File> {
        self.writer.as_mut().expect("writer is present until commit")
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), OutputError> {
        match self.writer().write_all(bytes) {
            Ok(()) => Ok(()),
            Err(e) => Err(OutputError::io(&self.path, e)),
        }
    }

    /// Flushes and renames the file to its real name. The rename is what keeps a truncated file from
    /// carrying the real name if the run stops; the file is not synced to disk (outputs are results to
    /// recompute, not records to survive a power cut, and a sync per file cost a run of 10^5 agents
    /// about a sixth of its wall time).
    ///
    /// An older file under the real name (a rerun into the same folder) is removed first, so the
    /// rename goes to a free name: on ext4 a rename that *replaces* a file forces the new file's
    /// data to be written out at once (`auto_da_alloc`), which cost a 10^4-agent run about 7% of its
    /// CPU time. Between the removal and the rename the real name is absent, never truncated: the
    /// guarantee (whole or not at all) holds at every instant.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let writer = self.writer.take().expect("commit once");
        // Taken, the writer no longer tells `drop` to remove the temporary file: a failed flush does
        // (scale review of session 35: a full disk left `.map_end.svg.partial-PID` behind).
        if let Err(e) = writer.into_inner() {
            let _ = std::fs::remove_file(&self.tmp);
            return Err(OutputError::io(&self.path, e.into_error()));
        }
        let renamed = remove_if_file(&self.path).and_then(|()| std::fs::rename(&self.tmp, &self.path));
        renamed.map_err(|e| {
            let _ = std::fs::remove_file(&self.tmp);
            OutputError::io(&self.path, e)
        })
    }
}

/// Whether `dir` holds a corridor run's outputs (its summary.json and daily.csv).
pub fn holds_run(dir: &Path) -> bool {
    dir.join("summary.json").is_file() && dir.join("daily.csv").is_file()
}

/// Removes the temporary files (`.NAME.partial-PID`, see `AtomicFile`) that runs killed before they
/// could clean up left in `folder`: those of a process that no longer runs. Where whether a process
/// runs cannot be told (no `/proc`), none is removed. Returns how many were.
pub fn remove_abandoned_partials(folder: &Path) -> usize {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return 0;
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().filter(|n| n.starts_with('.')).and_then(|n| n.rsplit_once(".partial-")) else {
            continue;
        };
        let abandoned =
            pid.1.parse::<u32>().is_ok_and(|pid| pid != std::process::id() && !proc.join(pid.to_string()).exists());
        if abandoned && entry.file_type().is_ok_and(|t| t.is_file()) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Removes the file (or link) at `path`; a missing path is fine, and a folder is left for the
/// rename to refuse with its own error.
fn remove_if_file(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if path.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` to `path` whole or not at all.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncommitted_files_leave_nothing_behind() {
        let dir = std::env::temp_dir().join(format!("corridor-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x.csv");
        {
            let mut f = AtomicFile::create(&path).unwrap();
            f.write_all(b"half").unwrap();
        }
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        write_atomic(&path, b"whole").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"whole");
        // A rerun replaces the older file (removed first, then renamed into the free name).
        write_atomic(&path, b"again").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"again");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        // A folder under the real name is not removed: the write fails, naming the path, and
        // leaves no temporary file.
        let folder = dir.join("taken");
        std::fs::create_dir(&folder).unwrap();
        let err = write_atomic(&folder, b"x").unwrap_err();
        assert!(err.to_string().contains("taken"), "{err}");
        assert!(folder.is_dir());
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Scenario-author review of session 13: a killed run left `.daily.csv.partial-PID` files that no
    /// later run removed.
    #[test]
    fn temporary_files_of_runs_that_are_gone_are_removed() {
        if !Path::new("/proc/self").exists() {
            return; // no way to tell a running process here: nothing is removed
        }
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join(".daily.csv.partial-4294967"); // above any Linux pid_max
        let ours = dir.path().join(format!(".queues.csv.partial-{}", std::process::id()));
        let output = dir.path().join("daily.csv");
        for f in [&gone, &ours, &output] {
            std::fs::write(f, "x").unwrap();
        }
        assert_eq!(remove_abandoned_partials(dir.path()), 1);
        assert!(!gone.exists() && ours.exists() && output.exists());
    }
}
