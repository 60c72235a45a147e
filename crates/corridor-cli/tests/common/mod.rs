//! What the CLI's test files share: where the repository and FLEE's reference folders are.

use std::path::{Path, PathBuf};

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `shared/reference/flee/<name>`, beside the repository checkout (as in CI).
pub fn flee_reference(name: &str) -> PathBuf {
    ["../shared", "../../shared"]
        .iter()
        .map(|up| repo().join(up).join("reference/flee").join(name))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| panic!("shared/reference/flee/{name} beside the repository"))
}
