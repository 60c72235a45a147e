//! FLEE's validation data (`source_data/data_layout.csv` + series files) and the daily
//! spawn demand that `runscripts/run.py` derives from it, with FLEE's exact quirks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::csvread::{explain_quotes, parse_rows, TextSeen};
use super::error::{FleeInputError, Location};
use super::files::FileCache;
use super::period::{RegistrationCorrection, RegistrationCorrections};
use super::series::Series;
use super::settings::FleeSettings;

/// The settings that change how validation data is read and turned into spawn demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidationOptions {
    /// `optimisations.hasten`: counts are divided by it.
    pub hasten: i64,
    /// `spawn_rules.empty_camps_on_day0`: subtract day-0 values from every series.
    pub start_empty: bool,
    /// `spawn_rules.sum_from_camps`: demand from the camp series, not from `total`.
    pub sum_from_camps: bool,
    /// `spawn_rules.insert_day0`: camps are pre-filled on day 0 and nothing spawns that day.
    pub insert_day0: bool,
}

impl ValidationOptions {
    /// The options as set by a parsed `simsetting.yml`.
    pub fn from_settings(s: &FleeSettings) -> Self {
        ValidationOptions {
            hasten: s.optimisations.hasten,
            start_empty: s.spawn_rules.empty_camps_on_day0,
            sum_from_camps: s.spawn_rules.sum_from_camps,
            insert_day0: s.spawn_rules.insert_day0,
        }
    }
}

impl Default for ValidationOptions {
    /// FLEE's code defaults.
    fn default() -> Self {
        ValidationOptions { hasten: 1, start_empty: false, sum_from_camps: true, insert_day0: true }
    }
}

/// Spawn demand and bookkeeping for one day, as `spawning.spawn_daily_displaced` returns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SpawnDay {
    /// New agents to spawn in conflict zones that day.
    pub new_agents: i64,
    /// Running sum of the daily differences (`raw UNHCR refugee count` column).
    pub raw_count: i64,
    /// Demand owed because totals fell (`refugee_debt` column).
    pub debt: i64,
}

/// The name of cell `i` of a `data_layout.csv` row (`name,file[,file…]`), for messages.
fn layout_field(i: usize) -> Option<String> {
    Some(if i == 0 { "name" } else { "file" }.to_string())
}

/// The validation tables of one scenario, after registration corrections and after
/// FLEE's day-0 bookkeeping (`day0pops`).
#[derive(Debug, Clone)]
pub struct ValidationData {
    layout_path: PathBuf,
    names: Vec<String>,
    /// The line of `data_layout.csv` that names each series.
    layout_lines: Vec<u64>,
    /// The series files read that held a double quote, each once, in the order `data_layout.csv`
    /// names them: the loader's quote warnings read these again, not every file.
    quoted_files: Vec<PathBuf>,
    /// The series files read whose first rows FLEE reads otherwise (a mark read into the first date, a
    /// header read as a count: `Series::read_noting_quotes`), each once, in `data_layout.csv` order.
    marked_files: Vec<(PathBuf, TextSeen)>,
    series: Vec<Series>,
    options: ValidationOptions,
    /// FLEE's `day0pops`, filled as its two day-0 calls leave it.
    day0pops: HashMap<String, i64>,
    /// The day-0 difference from FLEE's first and second day-0 call.
    day0_diff: (i64, i64),
}

impl ValidationData {
    /// Reads `<source_dir>/data_layout.csv` and every file it names (rows `name,file
    /// [,extra files added with FLEE's AddCSVTables]`; rows with fewer than two cells or
    /// a first cell starting with `#` are skipped), applies `corrections` in order, then
    /// runs FLEE's day-0 bookkeeping. An error an unbalanced quote in `data_layout.csv` or the
    /// corrections led to (a file name run into the next, a row skipped) names the quote.
    /// The files are read through `files`.
    pub fn load(
        files: &FileCache,
        source_dir: &Path,
        start: NaiveDate,
        options: ValidationOptions,
        corrections: Option<&RegistrationCorrections>,
    ) -> Result<Self, FleeInputError> {
        Self::load_unexplained(files, source_dir, start, options, corrections).map_err(|e| {
            let e = explain_quotes(&source_dir.join("data_layout.csv"), e, None, layout_field);
            match corrections {
                Some(c) => explain_quotes(&c.path, e, None, super::period::correction_field),
                None => e,
            }
        })
    }

    /// [`load`](Self::load), its errors as found.
    fn load_unexplained(
        files: &FileCache,
        source_dir: &Path,
        start: NaiveDate,
        options: ValidationOptions,
        corrections: Option<&RegistrationCorrections>,
    ) -> Result<Self, FleeInputError> {
        let layout_path = source_dir.join("data_layout.csv");
        let mut names = Vec::new();
        let mut layout_lines = Vec::new();
        let mut series = Vec::new();
        let (mut quoted_files, mut marked_files) = (Vec::new(), Vec::new());
        // The files already read (a layout may name hundreds, and may name one twice).
        let mut seen = std::collections::HashSet::new();
        for row in parse_rows(&files.bytes(&layout_path)?, &layout_path)? {
            if row.cells.len() < 2 {
                continue;
            }
            let name = &row.cells[0];
            if name.is_empty() {
                return Err(FleeInputError::invalid(
                    Location::file(&layout_path).line(row.line).field("name"),
                    "a series name",
                    "an empty cell",
                ));
            }
            if name.starts_with('#') {
                continue;
            }
            // A missing file is reported at the data_layout.csv line that names it.
            // `column`: the file's cell in the row, where a quote that changed its name would be.
            let mut read = |file: &str, column: usize| {
                let path = source_dir.join(file);
                let (series, text) =
                    Series::read_noting_quotes(files, &path, start, options.hasten).map_err(|e| match e {
                        FleeInputError::Io { cause: source, .. } => FleeInputError::invalid(
                            Location::file(&layout_path).line(row.line).field(name.clone()).column(column),
                            format!("a readable series file {}", path.display()),
                            source.to_string(),
                        ),
                        other => other,
                    })?;
                // Each file once, whichever rows name it.
                let noted = text.first_row_noted() || text.date_back.is_some() || text.negative.is_some();
                if (text.quoted || noted) && seen.insert(path.clone()) {
                    if noted {
                        marked_files.push((path.clone(), text));
                    }
                    if text.quoted {
                        quoted_files.push(path);
                    }
                }
                Ok::<_, FleeInputError>(series)
            };
            // A file of no dated count (every row skipped, as when an unbalanced quote ran a row's two
            // cells into one) is blamed at that file, whichever cell of the row names it.
            let no_dated_count = |path: &Path, expected: String| {
                let e = FleeInputError::invalid(Location::file(path), expected, "none");
                explain_quotes(path, e, None, super::series::field)
            };
            let first_path = source_dir.join(&row.cells[1]);
            let mut total = read(&row.cells[1], 1)?;
            let mut empty_file = total.points.is_empty().then(|| first_path.clone());
            for (column, extra) in row.cells.iter().enumerate().skip(2) {
                let other = read(extra, column)?;
                if other.points.is_empty() {
                    empty_file.get_or_insert_with(|| source_dir.join(extra));
                }
                total = total.add_flee(&other).ok_or_else(|| {
                    let expected = format!(
                        "at least one dated count, to add the other files of {}:{}'s `{name}` row to (FLEE stops \
                         with an IndexError in AddCSVTables)",
                        layout_path.display(),
                        row.line
                    );
                    // The file that left the sum empty: the first with no dated count (review of session
                    // 19: a middle file a quote emptied was blamed on the row's first, which was fine).
                    no_dated_count(empty_file.as_deref().unwrap_or(&first_path), expected)
                })?;
            }
            if total.points.is_empty() {
                let path = empty_file.unwrap_or(first_path);
                let expected = "at least one dated count (FLEE exits: \"Unable to load validation CSV data\")";
                return Err(no_dated_count(&path, expected.to_string()));
            }
            names.push(name.clone());
            layout_lines.push(row.line);
            series.push(total);
        }
        let mut data = ValidationData {
            layout_path,
            names,
            layout_lines,
            quoted_files,
            marked_files,
            series,
            options,
            day0pops: HashMap::new(),
            day0_diff: (0, 0),
        };
        if let Some(list) = corrections {
            for c in &list.rows {
                data.correct(c, &list.path, start)?;
            }
        }
        // run.py calls get_daily_difference(0) twice on day 0 (spawning.py:168-169).
        let first = data.day0_call()?;
        let second = data.day0_call()?;
        data.day0_diff = (first, second);
        Ok(data)
    }

    /// The series names in `data_layout.csv` order (the first is normally `total`).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// `data_layout.csv`, the file that names the series.
    pub fn layout_path(&self) -> &Path {
        &self.layout_path
    }

    /// The series names in `data_layout.csv` order, each with the line that names it.
    pub fn names_with_lines(&self) -> impl Iterator<Item = (&str, u64)> {
        self.names.iter().map(String::as_str).zip(self.layout_lines.iter().copied())
    }

    /// The series files read that held a double quote, each once, in the order `data_layout.csv`
    /// names them.
    pub fn quoted_files(&self) -> &[PathBuf] {
        &self.quoted_files
    }

    /// The series files read whose first rows FLEE reads otherwise, or whose dates repeat or go back,
    /// with what was seen of each (a mark read into the first date, a header read as a count, a date on
    /// or before the one before it), each once, in `data_layout.csv` order.
    pub fn marked_files(&self) -> &[(PathBuf, TextSeen)] {
        &self.marked_files
    }

    /// `data_layout.csv`, the file that names the series, and the line that names series `name`.
    pub fn layout_line(&self, name: &str) -> (&Path, Option<u64>) {
        (&self.layout_path, self.index(name).map(|i| self.layout_lines[i]))
    }

    /// The series whose rise on `day` (its value on day 0) adds most to that day's spawn demand:
    /// `total` when demand comes from it alone, else the camp series that rose most.
    pub fn largest_rise(&self, day: i64) -> Option<&str> {
        if !self.options.sum_from_camps {
            return Some("total");
        }
        let rise = |i: usize| {
            let now = self.field_at(i, day).unwrap_or(0);
            now.saturating_sub(if day > 0 { self.field_at(i, day - 1).unwrap_or(0) } else { 0 })
        };
        (1..self.names.len()).max_by_key(|&i| rise(i)).map(|i| self.names[i].as_str())
    }

    /// FLEE's `correctLevel1Registrations` (`handle_refugee_data.py:62-90`).
    fn correct(&mut self, c: &RegistrationCorrection, path: &Path, start: NaiveDate) -> Result<(), FleeInputError> {
        // The row's cells (`correction_field`), for what is wrong with the name, or with the date given
        // the series, shown as file:line:column.
        let cell = |column: usize, field: &str| Location::file(path).line(c.line).field(field).cell(column);
        let date_cell = || cell(1, "date");
        if self.names.is_empty() {
            return Err(self.no_series());
        }
        let idx = self.index(&c.name).ok_or_else(|| {
            FleeInputError::invalid(cell(0, "name"), "a name listed in data_layout.csv", format!("`{}`", c.name))
        })?;
        let days = (c.date - start).num_days();
        if days < 0 {
            return Ok(());
        }
        let mut matched = false;
        let s = &mut self.series[idx];
        for i in 0..s.points.len() {
            if s.points[i].0 as i64 == days && i > 0 {
                let first_level_2 = s.points[i].1;
                let last_level_1 = s.points[i - 1].1;
                if last_level_1 < 1.0 {
                    return Err(FleeInputError::invalid(
                        date_cell(),
                        format!("a value of `{}`'s series of at least 1 before the correction date", c.name),
                        format!("{last_level_1}"),
                    ));
                }
                s.scale_before(i, first_level_2 / last_level_1);
                matched = true;
            }
        }
        if !matched {
            return Err(FleeInputError::invalid(
                date_cell(),
                format!(
                    "a date that is a dated point (not the first) of `{}`'s series (FLEE crashes otherwise)",
                    c.name
                ),
                c.date.to_string(),
            ));
        }
        Ok(())
    }

    /// The position of series `name` in [`names`](Self::names), for [`field_at`](Self::field_at);
    /// None when there is no such series (then `field(name, …)` gives the error).
    pub fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The error for a series `name` that is not there (what `field(name, …)` gives).
    pub fn missing(&self, name: &str) -> FleeInputError {
        if self.names.is_empty() {
            return self.no_series();
        }
        // A row whose name is this one with spaces around it (FLEE reads names as written, and stops
        // as corridor does), or one a misspelling away (for names of five letters or more: two edits
        // turn a short name into another camp's): said with its line (review of session 19).
        let padded = self.names.iter().position(|n| n.trim() == name);
        let near = padded.or_else(|| {
            if name.chars().count() < 5 {
                return None;
            }
            let known = crate::suggest::closest(name, self.names.iter().map(String::as_str))?;
            self.index(known)
        });
        let found = near.map_or_else(
            || "none".to_string(),
            |i| {
                let (n, line) = (&self.names[i], self.layout_lines[i]);
                let how = if padded.is_some() { "with spaces around it, as FLEE reads it too" } else { "misspelt?" };
                format!("none; line {line} names `{n}` ({how})")
            },
        );
        let e = FleeInputError::invalid(
            Location::file(&self.layout_path).field(name.to_string()),
            format!("a row for `{name}`"),
            found,
        );
        // The row may be there, its cells run into one by an unbalanced quote (and so skipped).
        explain_quotes(&self.layout_path, e, None, layout_field)
    }

    /// `data_layout.csv` names no series (empty, or only comments and short rows): the first series
    /// asked for (a correction's, a camp's) is missing, and the error is this file's, not that row's.
    /// FLEE stops at the first lookup ("can't find the header ... in the header list").
    fn no_series(&self) -> FleeInputError {
        FleeInputError::invalid(
            Location::file(&self.layout_path).line(1),
            "series rows `name,file` (`total` and one per camp; FLEE stops at the first series it needs)",
            "none: the file lists no series",
        )
    }

    /// Interpolated value with no day-0 offset.
    fn raw(&self, name: &str, day: i64) -> Result<i64, FleeInputError> {
        let i = self.index(name).ok_or_else(|| self.missing(name))?;
        self.raw_at(i, day)
    }

    fn raw_at(&self, i: usize, day: i64) -> Result<i64, FleeInputError> {
        self.series[i].interpolated(day).ok_or_else(|| self.missing(&self.names[i]))
    }

    /// FLEE's `get_field(name, day)`: the interpolated, truncated value, less the day-0
    /// value when `empty_camps_on_day0` is set. This is the `<camp> data` column.
    pub fn field(&self, name: &str, day: i64) -> Result<i64, FleeInputError> {
        let i = self.index(name).ok_or_else(|| self.missing(name))?;
        self.field_at(i, day)
    }

    /// [`field`](Self::field) of the series at position `i` of [`names`](Self::names) (no name lookup).
    pub fn field_at(&self, i: usize, day: i64) -> Result<i64, FleeInputError> {
        let off = if self.options.start_empty { self.day0pops.get(&self.names[i]).copied().unwrap_or(0) } else { 0 };
        Ok(self.raw_at(i, day)? - off)
    }

    /// One call of `get_daily_difference(0)` (`DataTable.py:345-374`), updating `day0pops`.
    fn day0_call(&mut self) -> Result<i64, FleeInputError> {
        let mut new = 0;
        self.day0pops.insert("total".into(), 0);
        for name in self.names.clone() {
            let pop = self.field(&name, 0)?;
            if self.day0pops.get(&name).copied().unwrap_or(0) == 0 {
                self.day0pops.insert(name.clone(), pop);
            }
            if self.options.sum_from_camps {
                new += pop;
                *self.day0pops.entry("total".into()).or_insert(0) += pop;
            }
        }
        if !self.options.sum_from_camps {
            new = self.field("total", 0)?;
            self.day0pops.insert("total".into(), new);
        }
        Ok(if self.options.start_empty { 0 } else { new })
    }

    /// FLEE's `get_daily_difference(day)`. Day 0 (quirk): the sum of *every* series'
    /// day-0 value, `total` included. Later days: the change since the day before,
    /// summed over every series but the first (normally `total`), or of `total` alone
    /// when `sum_from_camps` is off.
    pub fn daily_difference(&self, day: i64) -> Result<i64, FleeInputError> {
        if day == 0 {
            return Ok(self.day0_diff.1);
        }
        if self.options.sum_from_camps {
            let mut new = 0;
            for i in 1..self.names.len() {
                new += self.field_at(i, day)? - self.field_at(i, day - 1)?;
            }
            Ok(new)
        } else {
            Ok(self.field("total", day)? - self.field("total", day - 1)?)
        }
    }

    /// Agents FLEE places in `camp` before day 0 from data (`spawning.add_initial_refugees`):
    /// its day-0 value when `insert_day0` is set, 0 when `empty_camps_on_day0` is set.
    /// (A location's `initial_idps` attribute adds to this; that is geography, not data.)
    pub fn day0_insertions(&self, camp: &str) -> Result<i64, FleeInputError> {
        if self.options.start_empty || !self.options.insert_day0 {
            return Ok(0);
        }
        self.raw(camp, 0)
    }

    /// Σ over `camps` of `<camp> data` on `day` (`refugees in camps (UNHCR)` when the raw
    /// count is positive).
    pub fn camps_total(&self, camps: &[String], day: i64) -> Result<i64, FleeInputError> {
        camps.iter().map(|c| self.field(c, day)).sum()
    }

    /// The data-driven spawn schedule for days `0..days` (`spawning.py:160-190`): demand =
    /// daily difference minus the carried debt; nothing spawns on day 0 when
    /// `insert_day0`; a negative demand becomes the new debt, and any non-negative
    /// demand clears it. Not used by FLEE's conflict- or flood-driven spawning modes.
    pub fn spawn_schedule(&self, days: u32) -> Result<Vec<SpawnDay>, FleeInputError> {
        let mut out = Vec::with_capacity(days as usize);
        let (mut raw, mut debt) = (0i64, 0i64);
        for t in 0..i64::from(days) {
            let diff = self.daily_difference(t)?;
            let mut new = if t == 0 { self.day0_diff.0 } else { diff } - debt;
            raw += diff;
            if self.options.insert_day0 && t == 0 {
                new = 0;
            }
            if new < 0 {
                debt = -new;
                new = 0;
            } else if debt > 0 {
                debt = 0;
            }
            out.push(SpawnDay { new_agents: new, raw_count: raw, debt });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
