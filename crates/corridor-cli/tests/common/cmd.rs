//! For the end-to-end files: a fresh folder by name (kept when a test fails, to look at), and a run
//! that must succeed (the binary's `Command` is `common::command`).
#![allow(dead_code)] // not every test file uses every helper

use std::path::PathBuf;
use std::process::Command;

/// A fresh, empty folder `corridor-cli-NAME-PID` in the temporary folder.
pub fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("corridor-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs `cmd`, which must succeed; returns its standard output.
pub fn ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{:?} failed: {}", cmd, String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}
