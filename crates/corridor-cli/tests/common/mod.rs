//! What the CLI's test files share: where the repository and FLEE's reference folders are.

pub mod cmd;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `shared/reference/flee/<name>`, beside the repository checkout (as in CI).
#[allow(dead_code)] // not every test file runs a FLEE folder
pub fn flee_reference(name: &str) -> PathBuf {
    ["../shared", "../../shared"]
        .iter()
        .map(|up| repo().join(up).join("reference/flee").join(name))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| panic!("shared/reference/flee/{name} beside the repository"))
}

/// `corridor ARGS`, run to its end.
#[allow(dead_code)] // not every test file runs the command this way
pub fn corridor(args: &[&str]) -> Output {
    command().args(args).output().expect("corridor runs")
}

/// The `corridor` binary as a `Command`, to be given its arguments, folder or environment.
#[allow(dead_code)]
pub fn command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corridor"))
}

/// A fresh folder named after the test file's `tag`, removed when the guard drops.
#[allow(dead_code)]
pub fn tmp(tag: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(&format!("corridor-{tag}-")).tempdir().expect("tmp dir")
}

/// `p` as an argument.
#[allow(dead_code)]
pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A copy of the FLEE folder `from` in `to`: its input_csv/ and source_data/, and its simsetting.yml
/// as `settings` makes it (None: no file).
#[allow(dead_code)]
pub fn copy_flee(from: &Path, to: &Path, settings: Option<&dyn Fn(String) -> String>) {
    for sub in ["input_csv", "source_data"] {
        std::fs::create_dir_all(to.join(sub)).expect("folder");
        for file in std::fs::read_dir(from.join(sub)).expect("reference folder") {
            let file = file.expect("entry").path();
            std::fs::copy(&file, to.join(sub).join(file.file_name().expect("name"))).expect("copied");
        }
    }
    if let Some(edit) = settings {
        let text = std::fs::read_to_string(from.join("simsetting.yml")).expect("simsetting.yml");
        std::fs::write(to.join("simsetting.yml"), edit(text)).expect("written");
    }
}
