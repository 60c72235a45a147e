//! The files a command may write in its output folder, as they stood before it began: a failure
//! part-way removes those the command wrote (new, or replaced), so that none passes for a whole result.

use crate::Failure;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A file's size and modification time: a file written since differs in one or the other (outputs
/// are written whole to a temporary file and renamed over the name, so a replaced file is new).
type Stamp = (u64, Option<SystemTime>);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    Some((meta.len(), meta.modified().ok()))
}

/// The SVG files in `out/plots` (reports' and comparisons' charts).
fn plots(out: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(out.join("plots")) else { return Vec::new() };
    entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "svg")).collect()
}

/// The outputs a command may write in `out`, stamped before it writes any.
pub struct OutputsBefore {
    out: PathBuf,
    names: Vec<&'static str>,
    files: Vec<(PathBuf, Option<Stamp>)>,
}

impl OutputsBefore {
    /// `names` in `out`, and the SVGs in `out/plots`, as they are now.
    pub fn take(out: &Path, names: &[&'static str]) -> OutputsBefore {
        let files = names.iter().map(|n| out.join(n)).chain(plots(out)).map(|p| (p.clone(), stamp(&p))).collect();
        OutputsBefore { out: out.to_path_buf(), names: names.to_vec(), files }
    }

    /// The outputs written since [`OutputsBefore::take`]: new, or not as they were.
    pub fn written_since(&self) -> Vec<PathBuf> {
        let before = |p: &Path| self.files.iter().find(|(f, _)| f == p).and_then(|(_, s)| *s);
        self.names
            .iter()
            .map(|n| self.out.join(n))
            .chain(plots(&self.out))
            .filter(|p| stamp(p).is_some_and(|now| before(p) != Some(now)))
            .collect()
    }

    /// `failure`, saying after it that the outputs written since were removed (or could not be).
    pub fn discard(&self, failure: Failure) -> Failure {
        let written = self.written_since();
        let note = match written.iter().find_map(|p| std::fs::remove_file(p).err().map(|e| (p, e))) {
            Some((p, e)) => format!("cannot remove {}, which is not a whole result: {e}", p.display()),
            None if written.is_empty() => format!("no output was written in {}", self.out.display()),
            None if written.len() == 1 => {
                format!("the file it had written in {} was removed: it was not a whole result", self.out.display())
            }
            None => {
                format!("the files it had written in {} were removed: they were not a whole result", self.out.display())
            }
        };
        // Left only if something else is in it.
        let _ = std::fs::remove_dir(self.out.join("plots"));
        Failure { error: anyhow::anyhow!("{:#}; {note}", failure.error), ..failure }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bad-input hunt of session 30: a failure part-way left the tables written before it.
    #[test]
    fn a_failure_removes_what_was_written_since_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir(out.join("plots")).unwrap();
        for f in ["kept.csv", "replaced.csv", "plots/old.svg", "other.txt"] {
            std::fs::write(out.join(f), "before").unwrap();
        }
        let before = OutputsBefore::take(out, &["kept.csv", "replaced.csv", "new.csv", "absent.csv"]);
        assert!(before.written_since().is_empty());
        std::fs::write(out.join("replaced.csv.tmp"), "after, longer").unwrap();
        std::fs::rename(out.join("replaced.csv.tmp"), out.join("replaced.csv")).unwrap();
        for f in ["new.csv", "plots/new.svg", "other.txt"] {
            std::fs::write(out.join(f), "after").unwrap();
        }
        let failed = before.discard(Failure::other(anyhow::anyhow!("disk full")));
        let said = format!("{:#}", failed.error);
        assert!(said.starts_with("disk full; the files it had written in "), "{said}");
        assert!(said.ends_with(" were removed: they were not a whole result"), "{said}");
        let left = |f: &str| out.join(f).exists();
        assert!(!left("replaced.csv") && !left("new.csv") && !left("plots/new.svg"));
        assert!(left("kept.csv") && left("plots/old.svg"), "not written since: kept");
        std::fs::remove_file(out.join("kept.csv")).unwrap();
        let one = OutputsBefore::take(out, &["kept.csv"]);
        std::fs::write(out.join("kept.csv"), "again").unwrap();
        let said = format!("{:#}", one.discard(Failure::other(anyhow::anyhow!("x"))).error);
        assert!(said.ends_with(" was removed: it was not a whole result"), "{said}");
        assert!(left("other.txt"), "not a name the command writes: kept");
        let none = OutputsBefore::take(out, &["kept.csv"]).discard(Failure::other(anyhow::anyhow!("x")));
        assert!(format!("{:#}", none.error).starts_with("x; no output was written in "));
    }
}
