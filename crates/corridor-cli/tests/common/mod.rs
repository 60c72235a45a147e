//! What the CLI's test files share: where the repository and FLEE's reference folders are.

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
    Command::new(env!("CARGO_BIN_EXE_corridor")).args(args).output().expect("corridor runs")
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
