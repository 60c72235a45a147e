//! The warnings about a FLEE folder's CSV files as text: headers FLEE would take for rows, byte order
//! marks, and quotes that merge cells, each as FLEE's readers would meet them.

use crate::flee::csvread::{lone_mark, BYTE_ORDER_MARK};
use crate::flee::{FileCache, FleeScenarioData};
use crate::flee_dir::FleeLayout;
use crate::scenario::quotes::{self, Failure};
use std::path::Path;

/// A warning when the header of `path` (locations, routes or closures) does not start with `#`:
/// FLEE reads a line as a header only when its first cell does (InputGeography.py), and would take
/// this one for a row and stop on it (`int("population")`), where corridor reads it as the header.
/// So too after a byte order mark, which FLEE reads into the first cell (`\ufeff#name`), and which
/// the warning then names; or, alone on its line, as a row of one cell, `\ufeff`, which FLEE takes
/// for a place, route or closure and stops on (IndexError: it has no second cell).
pub(in crate::flee_dir) fn unmarked_header(path: &Path, bytes: &[u8], warnings: &mut Vec<String>) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    if text.starts_with('\u{feff}') {
        let into = if lone_mark(text.as_bytes()) {
            "a row of its own, `\\ufeff`, as nothing follows the mark on its line: it does not start with `#`, so \
             FLEE takes it for a row of the table and stops on it (IndexError: it has no second cell)"
                .to_string()
        } else {
            format!(
                "the header's first cell, `\\ufeff{}`: it does not start with `#`, so FLEE would take the header for \
                 a row and stop on it",
                first_cell(text)
            )
        };
        warnings.push(marked(path, &into));
        return;
    }
    let Some((i, first)) = text.lines().enumerate().find(|(_, l)| !l.trim().is_empty()) else { return };
    let cut = crate::scenario::cut::cut(first);
    let Some(cell) = cut.records.first().and_then(|_| cut.field(0, 0)) else { return };
    if !cell.starts_with('#') {
        let line = i + 1;
        warnings.push(format!(
            "{}:{line}:1: the header's first cell `{cell}` does not start with `#`: FLEE reads a line as a header \
             only then, and would take this one for a row and stop on it; corridor reads it as the header",
            path.display()
        ));
    }
}

/// The warning for `path`, which starts with a UTF-8 byte order mark: FLEE reads the mark into `into`
/// (its words for the cell, and what FLEE does then), where corridor reads past it.
fn marked(path: &Path, into: &str) -> String {
    format!(
        "{}:1:1: the file starts with a UTF-8 byte order mark, which FLEE (opening it as plain UTF-8) reads \
         into {into}; corridor reads past the mark",
        path.display()
    )
}

/// The first cell of `text` as Python's `csv` module reads it after a byte order mark (the mark
/// left out): up to the first comma or line end, quotes and all (a quote after the mark opens no
/// quoted cell).
fn first_cell(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split([',', '\n', '\r']).next().unwrap_or("")
}

/// The warnings about the folder's (`layout`'s, read into `data`) other CSV files that start with a
/// byte order mark where FLEE reads the mark into a cell it reads (locations, routes and closures
/// are `unmarked_header`'s): sim_period.csv's first key, the first camp name of
/// registration_corrections.csv, the first series name of data_layout.csv, and a series file's first
/// date. conflicts.csv's first cell (the day column's header) is never read, and simsetting.yml's
/// reader drops the mark, so FLEE reads those as corridor does.
pub(in crate::flee_dir) fn byte_order_marks(
    layout: &FleeLayout,
    data: &FleeScenarioData,
    files: &FileCache,
    warnings: &mut Vec<String>,
) {
    let marked_text = |path: &Path| {
        let bytes = files.read(path).ok()?;
        bytes.starts_with(BYTE_ORDER_MARK).then(|| String::from_utf8_lossy(&bytes[..]).into_owned())
    };
    // The first cell of FLEE's first row, as corridor reads it (past the mark), when that row has two
    // or more cells: FLEE skips a shorter row in these files, and reads a mark alone on its line as
    // a row of one cell (corridor's first row, after it, is FLEE's second).
    let pair = |text: &str| {
        if lone_mark(text.as_bytes()) {
            return None;
        }
        let cells = crate::scenario::cut::cut(text);
        let first = (!cells.records.is_empty() && cells.fields(0).count() > 1).then(|| cells.field(0, 0));
        first.flatten().map(str::to_string)
    };
    let period = layout.input_csv.join("sim_period.csv");
    if let Some(key) = marked_text(&period).as_deref().and_then(pair) {
        let then = match key.to_ascii_lowercase().as_str() {
            "startdate" => Some("finds no `StartDate` and stops on the empty date (ValueError)"),
            // run.py runs its duration argument's days when positive, else the file's `Length`.
            "length" => Some(
                "finds no `Length` (0 days) and simulates no day when run.py is given 0 days, as the reference \
                 runs were made; otherwise the days run.py is given",
            ),
            _ => None,
        };
        if let Some(then) = then {
            let into = format!("the first row's key, `\\ufeff{key}`: FLEE {then}");
            warnings.push(marked(&period, &into));
        }
    }
    let corrections = layout.input_csv.join("registration_corrections.csv");
    if let Some(text) = marked_text(&corrections).filter(|text| pair(text).is_some()) {
        let into = format!(
            "the first row's camp name, `\\ufeff{}`: FLEE finds no camp's series so named and stops (\"can't find \
             the header\")",
            first_cell(&text)
        );
        warnings.push(marked(&corrections, &into));
    }
    let layout_path = layout.source_data.join("data_layout.csv");
    if let Some(text) = marked_text(&layout_path) {
        let total_unread = data.settings.spawn_rules.sum_from_camps;
        let into = match pair(&text) {
            Some(name) if name.starts_with('#') => Some(format!(
                "the first row's name, `\\ufeff{name}`: FLEE does not skip it as a comment, and reads the file it \
                 names as a series (stopping if it cannot)"
            )),
            Some(name) if name == "total" && total_unread => None,
            Some(name) => Some(format!(
                "the first row's name, `\\ufeff{name}`: FLEE finds no series `{name}` when it looks one up (a \
                 camp's, or `total` without sum_from_camps) and stops"
            )),
            None => None,
        };
        if let Some(into) = into {
            warnings.push(marked(&layout_path, &into));
        }
    }
    for path in data.validation.marked_files().iter().filter(|(_, seen)| seen.mark_in_first_date).map(|(p, _)| p) {
        let Some(text) = marked_text(path) else { continue };
        let into = format!(
            "the first row's date, `\\ufeff{}`: FLEE cannot read it as a date and stops (ValueError)",
            first_cell(&text)
        );
        warnings.push(marked(path, &into));
    }
}

/// The warnings about the CSV files of the folder (`layout`, read into `data`) whose unbalanced quotes
/// ran cells or rows into one (`quotes::merging`; `"Length,"90`, read as one cell, `Length,90`): FLEE
/// reads every one of them with Python's `csv` module, which reads such a quote as corridor does, and
/// goes on without a word, so the folder loads, read otherwise than it was most likely meant. First,
/// for a period of 0 days, the warning that says so, naming the quote that hid the `Length` row when
/// one did (then not warned of again).
pub(in crate::flee_dir) fn quote_warnings(
    layout: &FleeLayout,
    data: &FleeScenarioData,
    files: &FileCache,
    warnings: &mut Vec<String>,
) {
    let cut = |path: &Path| quotes::cut_quoted(&files.read(path).ok()?);
    let period_path = layout.input_csv.join("sim_period.csv");
    // Cut once: for the period's warning, then with the other files.
    let mut period_cells = cut(&period_path);
    let mut hid_length = None;
    if data.period.length == 0 {
        // FLEE runs such a folder too (`python run.py … 0` then simulates no day), exit 0 and no word.
        let path = period_path.display();
        let end = "no day is simulated and out.csv holds only its header, though the camps' day-0 agents are \
                   created, as in FLEE";
        let cells = period_cells.as_ref().filter(|_| data.period.length_line.is_none());
        let sought = Failure { sought: Some("Length"), ..Failure::default() };
        let hidden = cells.and_then(|cells| Some((cells, quotes::blame(cells, &sought)?)));
        warnings.push(match (data.period.length_line, hidden) {
            (Some(line), _) => format!("{path}:{line}: `Length` is 0: {end}"),
            (None, Some((cells, m))) => {
                hid_length = Some((cells.line_of(m), m.field));
                let before = "no `Length` row is read, so the period is 0 days (FLEE's default), most likely \
                              because of this quote: ";
                quotes::warning(&period_path, cells, m, before, &format!("FLEE reads the file so too: {end}"))
            }
            (None, None) => format!("{path}: no `Length` row, so the period is 0 days (FLEE's default): {end}"),
        });
    }
    let input = ["locations", "routes", "closures", "conflicts", "sim_period", "registration_corrections"]
        .map(|f| layout.input_csv.join(format!("{f}.csv")))
        .into_iter();
    let source =
        std::iter::once(layout.source_data.join("data_layout.csv")).chain(data.validation.quoted_files().to_vec());
    // The tables FLEE reads skipping `#` rows (`InputGeography.py`): a quote in such a row is no matter.
    let tables = ["locations", "routes", "closures"].map(|f| layout.input_csv.join(format!("{f}.csv")));
    for path in input.chain(source) {
        let cells = if path == period_path { period_cells.take() } else { cut(&path) };
        let Some(cells) = cells else { continue };
        for m in quotes::merging(&cells) {
            if path == period_path && hid_length == Some((cells.line_of(m), m.field)) {
                continue;
            }
            if tables.contains(&path) && quotes::in_comment(&cells, m) {
                continue;
            }
            let then = "FLEE's reader (Python's csv module) reads it so too and goes on, and so does corridor";
            warnings.push(quotes::warning(&path, &cells, m, "", then));
        }
    }
}

/// The rows of `sim_period.csv` whose first cell is neither `StartDate` nor `Length` (any case): FLEE's
/// `read_period` reads those two and passes over the rest without a word, and so does corridor; a
/// misspelt `Lenght` left the period 0 days, told only as "no `Length` row" (input review of session 32).
pub(in crate::flee_dir) fn period_keys(path: &Path, files: &FileCache, warnings: &mut Vec<String>) {
    let Ok(bytes) = files.read(path) else { return };
    let Ok(text) = std::str::from_utf8(&bytes) else { return };
    let cells = crate::scenario::cut::cut(text);
    let mut seen: Vec<(String, usize)> = Vec::new();
    for r in 0..cells.records.len() {
        let key = cells.field(r, 0).unwrap_or("").trim();
        // A row a quote ran cells into is told of by the quote's warning.
        let quoted = cells.misquoted.iter().any(|m| m.record == r);
        // A `#` row is a comment to a reader (the other tables' headers start so): no misspelt key.
        let comment = key.starts_with('#');
        let line = cells.records[r].0;
        let lower = key.to_lowercase();
        if !quoted && ["startdate", "length"].contains(&lower.as_str()) {
            // A second row of a key, and cells past the value (bad-input review of session 32: `Length,90`
            // then `Length,80` ran 80 days without a word).
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == lower) {
                warnings.push(format!(
                    "{}:{line}: a second `{key}` row (the first is line {first}): FLEE reads the rows in order, so \
                     this later one counts, and so does corridor",
                    path.display()
                ));
            } else {
                seen.push((lower.clone(), line));
            }
            if let Some(i) = cells.fields(r).skip(2).position(|f| !f.trim().is_empty()) {
                warnings.push(format!(
                    "{}:{line}:{}: a cell past `{key}`'s value: FLEE reads the first two cells of the row and \
                     passes over the rest, and so does corridor",
                    path.display(),
                    i + 3
                ));
            }
        }
        if quoted || comment || key.is_empty() || ["startdate", "length"].contains(&lower.as_str()) {
            continue;
        }
        let hint = crate::suggest::closest(key, ["StartDate", "Length"])
            .map(|k| format!(" (did you mean `{k}`?)"))
            .unwrap_or_default();
        warnings.push(format!(
            "{}:{}: `{key}` is neither `StartDate` nor `Length`: FLEE reads only those two rows and passes over \
             this one, and so does corridor{hint}",
            path.display(),
            line
        ));
    }
}
