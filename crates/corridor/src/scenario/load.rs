//! Turns a `scenario.toml` and its tables into a validated `Scenario`, checking every name, date and number.
//! Errors point at the file, line and field; misspelt keys are errors, never silent defaults.

use super::error::{InputLocation, Result, ScenarioError};
use super::geography::{read_closures, read_places, read_routes, PlaceIndex};
use super::model::*;
use super::raw::*;
use super::reach::{first_unreachable, Entry};
use crate::time::{Period, MAX_DAYS};
use chrono::NaiveDate;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

mod flows;
mod observed;

/// Resolves a place name met at a span of the scenario file, for a field.
type Resolve<'a> = dyn Fn(&str, Range<usize>, &str) -> Result<PlaceId> + 'a;

pub use super::checks::{
    check_flee_order, check_movement, check_route_count, check_weight_powers, makeup, queue_names,
};

/// Loads a scenario from a `scenario.toml` file, a folder holding one, or a FLEE input folder.
pub fn load(path: &Path) -> Result<Scenario> {
    if crate::flee_dir::is_flee_input(path) {
        return crate::flee_dir::load_flee_dir(path);
    }
    if path.is_dir() {
        let toml = path.join("scenario.toml");
        if toml.is_file() {
            return load_toml(&toml);
        }
        return Err(ScenarioError::invalid(
            InputLocation::file(path),
            format!(
                "not a scenario: a folder without a scenario.toml or FLEE's input_csv/locations.csv; {}",
                what_a_scenario_is()
            ),
        ));
    }
    if !path.exists() {
        return Err(ScenarioError::io(
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
        ));
    }
    if let Some(e) = not_a_scenario_file(path) {
        return Err(e);
    }
    load_toml(path)
}

/// The FLEE inputs folder (`input_csv/`) that folder `dir` holds beside a scenario.toml which reads none
/// of its tables: the folder runs as the scenario.toml, and those inputs go unread (bad-input review
/// of session 32: nothing said so). None when `dir` has no such pair, or its scenario.toml does not parse.
pub fn flee_inputs_beside(dir: &Path) -> Option<PathBuf> {
    let input_csv = dir.join("input_csv");
    if !dir.join("scenario.toml").is_file() || !input_csv.join("locations.csv").is_file() {
        return None;
    }
    // (`./input_csv/…` too: final review of session 33.)
    let under = |t: &str| {
        let p: PathBuf = Path::new(t).components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect();
        p.starts_with("input_csv")
    };
    let reads_them = raw_tables(&dir.join("scenario.toml"))?.paths().any(under);
    (!reads_them).then_some(input_csv)
}

/// The `[tables]` of the scenario.toml at `toml`, if it reads and parses.
fn raw_tables(toml: &Path) -> Option<RawTables> {
    let text = std::fs::read_to_string(toml).ok()?;
    toml::from_str::<RawScenario>(&text).ok().map(|raw| raw.tables)
}

/// The conflicts of a scenario's own conflict zones dated later than day 0 (`conflict_date`): each
/// starts as a town, as in FLEE, and its conflict begins on that day, as a scenario has no
/// conflicts.csv to begin it (bad-input review of session 32: the date was read and then unused).
fn dated_conflicts(places: &mut [Place]) -> Vec<ConflictChange> {
    let mut conflicts = Vec::new();
    for (i, p) in places.iter_mut().enumerate() {
        if let Some(day) = p.conflict_date.filter(|&d| d > 0 && p.kind == PlaceKind::ConflictZone) {
            p.kind = PlaceKind::Town;
            let day = u32::try_from(day).unwrap_or(u32::MAX);
            conflicts.push(ConflictChange { day, place: PlaceId(i as u32), intensity: 1.0 });
        }
    }
    conflicts.sort_by_key(|c| c.day);
    conflicts
}

/// The folders holding the tables a scenario.toml at `toml` reads (beside it or in folders below),
/// for a command that must not write its outputs among them; none when it does not parse.
pub fn table_folders(toml: &Path) -> Vec<PathBuf> {
    let dir = toml.parent().unwrap_or(Path::new("."));
    let Some(tables) = raw_tables(toml) else { return Vec::new() };
    tables.paths().filter_map(|t| dir.join(t).parent().map(Path::to_path_buf)).collect()
}

/// What a command takes as a scenario, for errors that say a path is not one.
fn what_a_scenario_is() -> String {
    let names: Vec<&str> = crate::worlds::BUILTINS.iter().map(|b| b.name).collect();
    format!(
        "a scenario is a .toml file (scenario.toml), a folder holding a scenario.toml, a FLEE input folder \
         (with input_csv/locations.csv) or a built-in scenario's name ({})",
        names.join(", ")
    )
}

/// The error for a file given as a scenario that is not a `.toml` file (a table, `locations.csv`,
/// whose first line read as TOML gave a TOML error), naming its folder where that is a scenario;
/// None for a `.toml` file.
pub fn not_a_scenario_file(path: &Path) -> Option<ScenarioError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext.eq_ignore_ascii_case("toml") {
        return None;
    }
    let what = if ext.is_empty() { "a file without the .toml extension".to_string() } else { format!("a .{ext} file") };
    // `scenarios/x/locations.csv`, or a FLEE folder's `input_csv/locations.csv`.
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).and_then(|d| {
        let up = d.parent().filter(|u| d.ends_with("input_csv") && crate::flee_dir::is_flee_input(u));
        up.or_else(|| (d.join("scenario.toml").is_file() || crate::flee_dir::is_flee_input(d)).then_some(d))
    });
    let hint = folder.map(|d| format!(" (the folder holding it, {}, is a scenario)", d.display())).unwrap_or_default();
    Some(ScenarioError::invalid(
        InputLocation::file(path),
        format!("not a scenario: {what}{hint}; {}", what_a_scenario_is()),
    ))
}

/// Where a scenario's files come from: the disk, or files built into the program.
pub trait FileSource {
    /// The bytes of `path`; None if there is no such file.
    fn read(&self, path: &Path) -> Option<std::io::Result<Vec<u8>>>;
}

/// Files on disk.
pub struct Disk;

impl FileSource for Disk {
    /// Anything at `path` is read: a folder or a link to nowhere there is an error naming the path,
    /// not taken for a missing file.
    fn read(&self, path: &Path) -> Option<std::io::Result<Vec<u8>>> {
        crate::flee::files::present(path).then(|| crate::flee::files::read_input(path))
    }
}

/// Files held in memory (e.g. the built-in scenario), by path.
pub struct InMemory<'a>(pub &'a [(&'a str, &'a str)]);

impl FileSource for InMemory<'_> {
    fn read(&self, path: &Path) -> Option<std::io::Result<Vec<u8>>> {
        self.0.iter().find(|(p, _)| Path::new(p) == path).map(|(_, text)| Ok(text.as_bytes().to_vec()))
    }
}

/// Loads a `scenario.toml`; its tables are read relative to its folder.
pub fn load_toml(path: &Path) -> Result<Scenario> {
    parse_toml(path, &read_text(path)?, &Disk)
}

/// The text of the file at `path`, which must be UTF-8: where it is not, the error names the line and
/// column of the first byte that is not.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = crate::flee::files::read_input(path).map_err(|e| ScenarioError::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| super::error::not_utf8(path, e.as_bytes(), e.utf8_error()))
}

/// Parses the text of a `scenario.toml` at `path`, reading its tables from `files`.
pub fn parse_toml(path: &Path, text: &str, files: &dyn FileSource) -> Result<Scenario> {
    let raw: RawScenario = toml::from_str(text).map_err(|e| super::error::toml_error(path, text, &e))?;
    // Every figure carries its source (code review of session 32: `source = ""` was taken), found in the
    // parsed file (a `source = ""` inside a multi-line string is no key: final review of session 33),
    // and said at its line when it is written on one of its own.
    let parsed: Option<toml::Table> = toml::from_str(text).ok();
    if parsed.as_ref().is_some_and(super::checks::has_empty_source) {
        let msg = "is empty: say where the figure comes from (a seed file such as seeds/001…, a published \
                   figure, or \"assumption: \" with the reason)";
        let at = super::checks::empty_source(text)
            .map_or_else(|| InputLocation::file(path), |at| InputLocation::from_offset(path, text, at));
        return Err(ScenarioError::invalid(at.with_field("source"), msg));
    }
    Builder { path, text, dir: path.parent().unwrap_or(Path::new(".")).to_path_buf(), files }.build(raw)
}

struct Builder<'a> {
    path: &'a Path,
    text: &'a str,
    dir: PathBuf,
    files: &'a dyn FileSource,
}

impl Builder<'_> {
    fn at(&self, span: Range<usize>) -> InputLocation {
        InputLocation::from_offset(self.path, self.text, span.start)
    }

    /// Where `field` is set in the entry whose header (`[[caravan]]`...) is at `span`: the line of its
    /// `key = ...` within the entry (up to the next entry), its header's line if none.
    fn at_field(&self, span: Range<usize>, field: &str) -> InputLocation {
        self.at_key(span, field, None)
    }

    /// `at_field`, where a field of a sub-table (`pause.until`) is looked for in the entry's sub-tables
    /// of that name (`[[caravan.pause]]`), in the `nth` one if given, and any other field at the entry's
    /// top level. The search ends at the next entry of the same kind (another `[[caravan]]`) or of another.
    fn at_key(&self, span: Range<usize>, field: &str, nth: Option<usize>) -> InputLocation {
        match self.key_offset(span.clone(), field, nth) {
            Some(offset) => InputLocation::from_offset(self.path, self.text, offset).with_field(field),
            None => self.at(span).with_field(field),
        }
    }

    /// Where the place `name` is written in the value of `field` of the entry at `span` (in its `nth`
    /// sub-table of the field's, as `at_key`): its quoted
    /// text after the key, up to the value's end (a list's `]`, or the line's end), so that a bad
    /// name in a list spread over lines is told at its own line (planner's review of session 24: an
    /// itinerary's entry was told at the `itinerary = [` line); the key's line if it is not found.
    fn at_value(&self, span: Range<usize>, field: &str, nth: Option<usize>, name: &str) -> InputLocation {
        let Some(key) = self.key_offset(span.clone(), field, nth) else {
            return self.at(span).with_field(field);
        };
        let rest = self.text.get(key..).unwrap_or("");
        let first_line = rest.find('\n').unwrap_or(rest.len());
        let end = if rest[..first_line].contains('[') { rest.find(']').unwrap_or(rest.len()) } else { first_line };
        let found = ['"', '\''].iter().find_map(|q| rest[..end].find(&format!("{q}{name}{q}")));
        InputLocation::from_offset(self.path, self.text, key + found.unwrap_or(0)).with_field(field)
    }

    /// Where `key` of the make-up table of the entry at `span` is written (`men`, `grounds.poverty`),
    /// else the key it is within (`grounds`), else the table itself (`[caravan.makeup]` or
    /// `makeup = {…}`): the table's line told a misspelt ground, 9 lines away (reference audit of
    /// session 31).
    fn at_makeup(&self, span: Range<usize>, key: Option<String>) -> InputLocation {
        let mut field = key.map_or_else(|| "makeup".to_string(), |k| format!("makeup.{k}"));
        loop {
            if let Some(offset) = self.key_offset(span.clone(), &field, None) {
                return InputLocation::from_offset(self.path, self.text, offset).with_field(&field);
            }
            match field.rsplit_once('.') {
                Some((within, _)) => field = within.to_string(),
                None => return self.at_field(span, "makeup"),
            }
        }
    }

    /// The offset of the line setting `field` (see `at_key`), if there is one.
    fn key_offset(&self, span: Range<usize>, field: &str, nth: Option<usize>) -> Option<usize> {
        let (sub, key) = match field.rsplit_once('.') {
            Some((sub, key)) => (Some(sub), key),
            None => (None, field),
        };
        let header = self.text.get(span.clone()).unwrap_or("");
        let entry = header.trim_matches(|c| c == '[' || c == ']').trim();
        // The sub-table the line is in (None: the entry's own keys), and how many of `sub` were opened.
        let (mut current, mut opened) = (None, 0);
        let mut offset = span.end;
        for line in self.text.get(span.end..).unwrap_or("").split_inclusive('\n') {
            let t = line.trim_start();
            if t.starts_with('[') {
                let table = t.trim_end().trim_matches(|c| c == '[' || c == ']').trim();
                let inner = table.strip_prefix(entry).and_then(|r| r.strip_prefix('.'));
                if entry.is_empty() || inner.is_none() {
                    break; // the next entry, of this kind or another
                }
                if inner == Some(field) && (sub.is_none() || nth.is_none()) {
                    // a field that is a sub-table of its own (`[caravan.makeup]`, `[caravan.makeup.grounds]`)
                    return Some(offset);
                }
                current = inner;
                opened += usize::from(current == sub);
            } else if t.strip_prefix(key).map(str::trim_start).is_some_and(|r| r.starts_with('=')) {
                let here = match sub {
                    None => current.is_none(),
                    Some(_) => current == sub && nth.is_none_or(|n| opened == n + 1),
                };
                if here {
                    return Some(offset);
                }
            }
            offset += line.len();
        }
        None
    }

    fn err(&self, span: Range<usize>, field: &str, msg: impl Into<String>) -> ScenarioError {
        ScenarioError::invalid(self.at_field(span, field), msg)
    }

    fn date(&self, raw: &RawDate, span: Range<usize>, field: &str) -> Result<NaiveDate> {
        raw.read().map_err(|why| self.err(span, field, why))
    }

    fn day(&self, period: &Period, raw: &RawDate, span: Range<usize>, field: &str) -> Result<u32> {
        let date = self.date(raw, span.clone(), field)?;
        period.day_of(date).ok_or_else(|| {
            self.err(span, field, format!("{date} is outside the scenario period {} to {}", period.start, period.end()))
        })
    }

    fn table(&self, s: &Spanned<String>) -> Result<(PathBuf, Vec<u8>)> {
        let p = self.dir.join(s.get_ref());
        match self.files.read(&p) {
            Some(Ok(bytes)) => Ok((p, bytes)),
            // At the key that names it (adversarial review of session 22: the error named the file alone).
            Some(Err(e)) => Err(self.err(
                s.span(),
                "tables",
                format!("table file `{}` ({}): cannot read: {e}", s.get_ref(), p.display()),
            )),
            None => Err(self.err(
                s.span(),
                "tables",
                format!("table file `{}` not found next to the scenario", s.get_ref()),
            )),
        }
    }

    fn build(&self, raw: RawScenario) -> Result<Scenario> {
        let start = self.date(raw.start.get_ref(), raw.start.span(), "start")?;
        let end = self.date(raw.end.get_ref(), raw.end.span(), "end")?;
        let period = Period::from_dates(start, end)
            .ok_or_else(|| self.err(raw.end.span(), "end", format!("{end} is before start {start}")))?;
        if period.days > MAX_DAYS {
            return Err(self.err(
                raw.end.span(),
                "end",
                format!("{start} to {end} is {} days: at most {MAX_DAYS} (1,000 years)", period.days),
            ));
        }
        let ppa = *raw.people_per_agent.get_ref();
        if ppa < 1 || ppa > i64::from(u32::MAX) {
            return Err(self.err(
                raw.people_per_agent.span(),
                "people_per_agent",
                format!("{ppa} must be a whole number from 1 to {}", u32::MAX),
            ));
        }
        let movement = raw.movement.as_ref().map(|m| m.get_ref().clone()).unwrap_or_default();
        // Points at a key's line inside [movement] (the table's start if not written).
        let movement_err = |key: &str, message: String| {
            let start = raw.movement.as_ref().map_or(0, |m| m.span().start);
            let rest = &self.text[start..];
            let section = rest.match_indices("\n[").map(|(i, _)| i).find(|&i| i > 0).unwrap_or(rest.len());
            let at = rest[..section]
                .match_indices(key)
                .find(|(i, _)| rest[..*i].ends_with('\n'))
                .map_or(start, |(i, _)| start + i);
            self.err(at..at, &format!("movement.{key}"), message)
        };
        if let Err((key, message)) = check_movement(&movement) {
            return Err(movement_err(key, message));
        }
        let (path, bytes) = self.table(&raw.tables.locations)?;
        let mut places = read_places(&path, &bytes)?;
        let conflicts = dated_conflicts(&mut places);
        let index = PlaceIndex::new(&places);
        let (path, bytes) = self.table(&raw.tables.routes)?;
        let routes = read_routes(&path, &bytes, &index)?;
        let checked = check_weight_powers(&movement, &routes, &places, &[])
            .and_then(|()| check_route_count(&movement, &routes, &places));
        if let Err((key, message)) = checked {
            return Err(movement_err(key, message));
        }
        let closures = match &raw.tables.closures {
            Some(c) => {
                let (path, bytes) = self.table(c)?;
                read_closures(&path, &bytes, &places, &index, &routes)?
            }
            None => Vec::new(),
        };
        let resolve = |name: &str, span: Range<usize>, field: &str| {
            index.resolve(name, || self.at_value(span, field, None, name))
        };
        let mut caravans = Vec::new();
        for c in &raw.caravans {
            let caravan = self.caravan(c.get_ref(), c.span(), &period, &resolve)?;
            if caravans.iter().any(|k: &Caravan| k.name == caravan.name) {
                let msg = format!("another [[caravan]] is named `{}` (observed figures name caravans)", caravan.name);
                return Err(self.err(c.span(), "name", msg));
            }
            caravans.push(caravan);
        }
        let mut inflows = Vec::new();
        for f in &raw.inflows {
            let inflow = self.inflow(f.get_ref(), f.span(), &period, &resolve)?;
            // Input review of session 32: a copied [[inflow]] block ran twice (6,900 people for 4,600).
            if inflows.iter().any(|k: &Inflow| k.name == inflow.name) {
                let msg = format!("another [[inflow]] is named `{}` (a copied entry would run twice)", inflow.name);
                return Err(self.err(f.span(), "name", msg));
            }
            inflows.push(inflow);
        }
        let mut observed = Vec::new();
        let caravan_names: Vec<&str> = caravans.iter().map(|c: &Caravan| c.name.as_str()).collect();
        for o in &raw.observed {
            let figure = self.observed(o.get_ref(), o.span(), &period, &resolve, &caravan_names)?;
            if observed.iter().any(|f: &Observed| f.name == figure.name) {
                return Err(self.err(
                    o.span(),
                    "name",
                    format!("another [[observed]] figure is named `{}`", figure.name),
                ));
            }
            observed.push(figure);
        }
        let observed_spans: Vec<Range<usize>> = raw.observed.iter().map(|o| o.span()).collect();
        let raw_inst = super::institutions::RawInstitutions {
            settings: raw.institutions,
            ports: raw.ports,
            checkpoints: raw.checkpoints,
            detention: raw.detention,
            offices: raw.offices,
            hazards: raw.hazards,
            policies: raw.policies,
        };
        let institutions = super::institutions::build(
            &raw_inst,
            &super::institutions::Ctx {
                path: self.path,
                text: self.text,
                period: &period,
                index: &index,
                places: &places,
                routes: &routes,
            },
        )?;
        for (o, span) in observed.iter().zip(observed_spans) {
            self.check_queues(o, span, institutions.as_ref())?;
        }
        let scenario = Scenario {
            name: raw.name,
            description: raw.description,
            period,
            seed: raw.seed,
            people_per_agent: ppa as u32,
            places,
            routes,
            closures,
            conflicts,
            movement,
            caravans,
            inflows,
            scheduled_spawns: None,
            prefill: Vec::new(),
            observed,
            institutions,
            flee: None,
        };
        if let Err(message) = check_flee_order(&scenario) {
            return Err(movement_err("capacity_counts", message));
        }
        self.check_agents(&scenario, &raw.caravans, &raw.inflows)?;
        self.check_reach(&scenario, &raw.caravans, &raw.inflows)?;
        Ok(scenario)
    }

    /// Refuses caravans and inflows sent where they cannot get (`reach::first_unreachable`).
    fn check_reach(
        &self,
        s: &Scenario,
        caravans: &[Spanned<RawCaravan>],
        inflows: &[Spanned<RawInflow>],
    ) -> Result<()> {
        let Some(problem) = first_unreachable(s) else {
            return Ok(());
        };
        let d = problem.describe(s);
        let span = match d.entry {
            Entry::Inflow(k) => inflows[k].span(),
            Entry::Caravan(k) => caravans[k].span(),
        };
        Err(ScenarioError::invalid(self.at_key(span, d.field, d.nth), d.message))
    }
}
