//! The files a command may write in its output folder, as they stood before it began: a failure
//! part-way removes those the command wrote (new, or replaced), so that none passes for a whole result.

use crate::Failure;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A file's identity, size and modification time. Outputs are written whole to a temporary file and
/// renamed over the name, so a file written since is a new file: on Unix its inode differs even when
/// its bytes and a coarse timestamp do not.
type Stamp = (u64, u64, Option<SystemTime>);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some((inode, meta.len(), meta.modified().ok()))
}

/// The SVG files in `out/plots` whose names (without `.svg`) the command writes (`ours`).
fn plots(out: &Path, ours: fn(&str) -> bool) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(out.join("plots")) else { return Vec::new() };
    let svg = |p: &Path| {
        p.extension().is_some_and(|x| x == "svg") && p.file_stem().and_then(|s| s.to_str()).is_some_and(ours)
    };
    entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| svg(p)).collect()
}

/// No chart: a command that writes none (validate).
pub fn no_plots(_: &str) -> bool {
    false
}

/// The outputs a command may write in `out`, stamped before it writes any.
pub struct OutputsBefore {
    out: PathBuf,
    names: Vec<&'static str>,
    plots: fn(&str) -> bool,
    files: Vec<(PathBuf, Option<Stamp>)>,
    had_plots_folder: bool,
}

impl OutputsBefore {
    /// `names` in `out`, and the charts in `out/plots` that `plots` says are the command's, as they are now.
    pub fn take(out: &Path, names: &[&'static str], plots: fn(&str) -> bool) -> OutputsBefore {
        let charts = self::plots(out, plots);
        let files = names.iter().map(|n| out.join(n)).chain(charts).map(|p| (p.clone(), stamp(&p))).collect();
        let had_plots_folder = out.join("plots").is_dir();
        OutputsBefore { out: out.to_path_buf(), names: names.to_vec(), plots, files, had_plots_folder }
    }

    /// The outputs written since [`OutputsBefore::take`]: new, or not as they were.
    pub fn written_since(&self) -> Vec<PathBuf> {
        let before = |p: &Path| self.files.iter().find(|(f, _)| f == p).and_then(|(_, s)| *s);
        let names = self.names.iter().map(|n| self.out.join(n));
        names
            .chain(plots(&self.out, self.plots))
            .filter(|p| stamp(p).is_some_and(|now| before(p) != Some(now)))
            .collect()
    }

    /// Removes the outputs written since, and a plots/ folder made since if that leaves it empty.
    /// Returns how many were written, and what could not be removed, and why.
    pub fn remove_written(&self) -> (usize, Vec<String>) {
        self.remove_written_but(|_| false)
    }

    /// [`OutputsBefore::remove_written`], keeping the files written since that `keep` names.
    pub fn remove_written_but(&self, keep: impl Fn(&Path) -> bool) -> (usize, Vec<String>) {
        let written: Vec<PathBuf> = self.written_since().into_iter().filter(|p| !keep(p)).collect();
        let failed: Vec<String> = written
            .iter()
            .filter_map(|p| std::fs::remove_file(p).err().map(|e| format!("{}: {e}", p.display())))
            .collect();
        if !self.had_plots_folder {
            // Left only if something else is in it.
            let _ = std::fs::remove_dir(self.out.join("plots"));
        }
        (written.len(), failed)
    }

    /// `failure`, saying after it that the outputs written since were removed (or could not be).
    pub fn discard(&self, failure: Failure) -> Failure {
        let (written, failed) = self.remove_written();
        let out = self.out.display();
        let note = if !failed.is_empty() {
            format!("these files in {out}, not a whole result, could not be removed: {}", failed.join("; "))
        } else if written == 0 {
            format!("no output was written in {out}")
        } else if written == 1 {
            format!("the file it had written in {out} was removed: it was not a whole result")
        } else {
            format!("the files it had written in {out} were removed: they were not a whole result")
        };
        Failure { error: anyhow::anyhow!("{:#}; {note}", failure.error), ..failure }
    }
}

/// Runs `write`, which writes a command's outputs (`names`, and the charts `plots` says are its) in
/// `out`; if it fails, removes those it wrote, saying so after the error.
pub fn whole(
    out: &Path,
    names: &[&'static str],
    plots: fn(&str) -> bool,
    write: impl FnOnce() -> Result<(), Failure>,
) -> Result<(), Failure> {
    let before = OutputsBefore::take(out, names, plots);
    write().map_err(|failure| before.discard(failure))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(stem: &str) -> bool {
        stem.starts_with("ours_")
    }

    /// Bad-input hunt of session 30: a failure part-way left the tables written before it.
    #[test]
    fn a_failure_removes_what_was_written_since_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir(out.join("plots")).unwrap();
        for f in ["kept.csv", "replaced.csv", "plots/ours_old.svg", "other.txt"] {
            std::fs::write(out.join(f), "before").unwrap();
        }
        let before = OutputsBefore::take(out, &["kept.csv", "replaced.csv", "new.csv", "absent.csv"], ours);
        assert!(before.written_since().is_empty());
        // The same bytes renamed over the name, as a rerun writes them: a new file all the same.
        std::fs::write(out.join("replaced.csv.tmp"), "before").unwrap();
        std::fs::rename(out.join("replaced.csv.tmp"), out.join("replaced.csv")).unwrap();
        for f in ["new.csv", "plots/ours_new.svg", "plots/theirs.svg", "other.txt"] {
            std::fs::write(out.join(f), "after").unwrap();
        }
        let failed = before.discard(Failure::other(anyhow::anyhow!("disk full")));
        let said = format!("{:#}", failed.error);
        assert!(said.starts_with("disk full; the files it had written in "), "{said}");
        assert!(said.ends_with(" were removed: they were not a whole result"), "{said}");
        let left = |f: &str| out.join(f).exists();
        assert!(!left("replaced.csv") && !left("new.csv") && !left("plots/ours_new.svg"));
        assert!(left("kept.csv") && left("plots/ours_old.svg"), "not written since: kept");
        assert!(left("other.txt") && left("plots/theirs.svg"), "not a name the command writes: kept");
        std::fs::remove_file(out.join("kept.csv")).unwrap();
        let one = OutputsBefore::take(out, &["kept.csv"], ours);
        std::fs::write(out.join("kept.csv"), "again").unwrap();
        let said = format!("{:#}", one.discard(Failure::other(anyhow::anyhow!("x"))).error);
        assert!(said.ends_with(" was removed: it was not a whole result"), "{said}");
        let none = OutputsBefore::take(out, &["kept.csv"], ours).discard(Failure::other(anyhow::anyhow!("x")));
        assert!(format!("{:#}", none.error).starts_with("x; no output was written in "));
    }

    /// Code review of session 30: an empty plots/ of the user's was removed on a failure.
    #[test]
    fn a_plots_folder_is_removed_only_if_made_since() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir(out.join("plots")).unwrap();
        let before = OutputsBefore::take(out, &["a.csv"], ours);
        std::fs::write(out.join("plots/ours_x.svg"), "x").unwrap();
        assert_eq!(before.remove_written(), (1, Vec::new()));
        assert!(out.join("plots").is_dir(), "there before: kept, empty");
        std::fs::remove_dir(out.join("plots")).unwrap();
        let before = OutputsBefore::take(out, &["a.csv"], ours);
        std::fs::create_dir(out.join("plots")).unwrap();
        std::fs::write(out.join("plots/ours_x.svg"), "x").unwrap();
        assert_eq!(before.remove_written(), (1, Vec::new()));
        assert!(!out.join("plots").exists(), "made since and left empty: removed");
    }
}
