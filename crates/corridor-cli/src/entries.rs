//! `corridor entries [SCENARIO]`: list a scenario's numbered entries as `--set` names them, and
//! `corridor export NAME DIR`: write a built-in scenario's files, to copy and edit.

use crate::{pick, Failure};
use clap::Args;
use corridor::output::write_atomic;
use std::path::PathBuf;

#[derive(Args)]
pub struct EntriesArgs {
    /// A scenario.toml, a folder holding one, or a built-in scenario's name (caravan-2018, demo).
    /// Default: caravan-2018.
    pub scenario: Option<PathBuf>,
}

pub fn entries(args: EntriesArgs) -> Result<(), Failure> {
    let s = pick::scenario(args.scenario.as_deref(), &mut pick::Said::default())?;
    let all = corridor::entries::entries(&s);
    let w = all.iter().map(|e| e.key.len()).max().unwrap_or(0);
    for e in &all {
        println!("{:w$}  {}", e.key, e.what);
    }
    if all.is_empty() {
        println!("{} has no numbered entries (caravans, inflows, observed figures, institutions)", s.name);
    }
    Ok(())
}

#[derive(Args)]
pub struct ExportArgs {
    /// The built-in scenario (caravan-2018, demo).
    pub name: String,
    /// Folder to write its scenario.toml and tables into (created if missing; existing files are not
    /// overwritten).
    pub dir: PathBuf,
}

pub fn export(args: ExportArgs) -> Result<(), Failure> {
    let names: Vec<&str> = corridor::worlds::BUILTINS.iter().map(|b| b.name).collect();
    let b = corridor::worlds::builtin(&args.name).ok_or_else(|| {
        Failure::input(anyhow::anyhow!("no built-in scenario `{}` (built in: {})", args.name, names.join(", ")))
    })?;
    let files: Vec<(PathBuf, &str)> = b
        .files
        .iter()
        .map(|(path, text)| (args.dir.join(std::path::Path::new(path).file_name().unwrap_or_default()), *text))
        .collect();
    if let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(Failure::input(anyhow::anyhow!(
            "{} exists: export writes its files only where none of them is yet, and overwrites nothing",
            path.display()
        )));
    }
    if args.dir.exists() && !args.dir.is_dir() {
        return Err(Failure::input(anyhow::anyhow!("{} is a file: give export a folder", args.dir.display())));
    }
    std::fs::create_dir_all(&args.dir)
        .map_err(|e| Failure::other(anyhow::anyhow!("cannot create {}: {e}", args.dir.display())))?;
    for (path, text) in &files {
        write_atomic(path, text.as_bytes()).map_err(Failure::other)?;
    }
    println!(
        "wrote {} files of {} to {}: edit them, then `corridor run {}`",
        files.len(),
        b.name,
        args.dir.display(),
        args.dir.display()
    );
    Ok(())
}
