//! `corridor-report`: a self-contained `report.html` for a run (inline SVG and CSS, nothing loaded
//! from the network) and every plot as an SVG file beside it, plus the HTML page of a comparison.
//!
//! A report is a list of [`Plot`]s and text sections (the key figures and observed figures:
//! [`figures`]; people at border cities, shelters and camps: [`places`]; what its counts are:
//! [`counted`]). The standard plots ([`plots`]) come from a run's [`Recording`]; more drop in as [`Extra`] charts built from the run itself (the institution queues
//! by [`queue_extras`], wait-time distributions by the [`OutcomeCharts`] sink), never read back from
//! the output files.

pub mod charts;
pub mod compare;
pub mod counted;
mod date_axis;
pub mod detention;
mod events;
pub mod extras;
pub mod figures;
pub mod iom_budget;
pub mod observed;
pub mod places;
pub mod plots;
pub mod svg;
mod terms;
pub mod waits;

use corridor::output::{write_atomic, AtomicFile, OutputError};
use corridor::overrides::Sets;
use corridor::population::Status;
use corridor::scenario::Scenario;
use corridor::validate::{on_the_way, Recording, StatusSet};
use counted::{about_html, per_agent_html, Counted};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub use extras::{queue_extras, Extra, OutcomeCharts};
use plots::plots_of;
pub use plots::{extra_plots, standard_plots};

/// One plot of a report: its file name (without `.svg`), a caption and the SVG text.
#[derive(Clone, Debug)]
pub struct Plot {
    pub file: String,
    pub caption: String,
    pub svg: String,
}

/// The files a report wrote.
#[derive(Clone, Debug)]
pub struct Written {
    pub html: PathBuf,
    pub svgs: Vec<PathBuf>,
}

fn chart_err(e: charts::ChartError) -> OutputError {
    OutputError::Other(e.to_string())
}

/// `text` with its first letter in capitals (a heading or a sentence from a noun phrase).
pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// Escapes text for HTML.
/// `items` joined as a list in words: `a`, `a and b`, `a, b and c`.
pub(crate) fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The XML namespace attribute of a standalone SVG.
const XMLNS: &str = " xmlns=\"http://www.w3.org/2000/svg\"";

/// `svg` without its (first) XML namespace attribute, as the text before it and after it: inline SVG
/// in HTML does not need it, and the page then holds no address at all.
fn inline_svg(svg: &str) -> (&str, &str) {
    svg.split_once(XMLNS).unwrap_or((svg, ""))
}

pub const CSS: &str = "body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd}\
.meta{color:#666}table{border-collapse:collapse;margin:1em 0;font-size:.92em}\
td,th{border:1px solid #ddd;padding:.3em .6em;text-align:right}td:first-child,th:first-child{text-align:left}\
.out{color:#b00}td.l{text-align:left}.in{color:#070}figure{margin:1.5em 0}figcaption{color:#555;font-size:.9em}svg{max-width:100%;height:auto}\
ul.figs li{margin:.2em 0}dl.terms dt{font-weight:bold;margin-top:.4em}dl.terms dd{margin-left:1.5em}.changed{background:#fff4d6;border-left:4px solid #c80;padding:.5em .8em}";

/// A figure rounded to whole people, halves away from zero, as every page and the terminal give it:
/// to a millionth first, so that a median or percentile of whole counts that is a half by arithmetic
/// but 0.49999999999999 by floating point (65.49999999999999 for 65.5) rounds as the half it is, as
/// compare.csv's two decimals show it (review of session 21).
pub fn whole(x: f64) -> i64 {
    ((x * 1e6).round() / 1e6).round() as i64
}

/// Formats a count for text: `whole`, with thousands separated (`4,310`).
pub fn n(x: f64) -> String {
    let v = whole(x);
    let s = v.abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0 {
        format!("-{out}")
    } else {
        out
    }
}

pub(crate) fn argmax(v: &[f64]) -> (usize, f64) {
    v.iter().copied().enumerate().fold((0, f64::MIN), |a, (i, x)| if x > a.1 { (i, x) } else { a })
}

/// People on the route (every status but travelling and the journey's ends off it, as
/// [`StatusSet::ON_ROUTE`]) by day and place, and
/// people by day and status, each summed in one pass over the recording (the charts and key figures
/// read many series of them).
pub(crate) struct Sums {
    places: usize,
    pub days: usize,
    /// Index `day * places + place`.
    present: Vec<u64>,
    /// Index `day * Status::COUNT + status`.
    pub by_status: Vec<u64>,
}

impl Sums {
    fn of(rec: &Recording) -> Sums {
        let (places, days) = (rec.places(), rec.days as usize);
        let mut present = Vec::with_capacity(days * places);
        let mut by_status = vec![0u64; days * Status::COUNT];
        for (day, totals) in by_status.chunks_exact_mut(Status::COUNT).enumerate() {
            for place in 0..places {
                let mut here = 0;
                for (s, c) in rec.counts.row(day * places + place) {
                    totals[s] += c;
                    if StatusSet::ON_ROUTE.0 & (1 << s) != 0 {
                        here += c;
                    }
                }
                present.push(here);
            }
        }
        Sums { places, days, present, by_status }
    }

    /// People present at `place` at the end of `day` (0 past the recording).
    pub fn at(&self, day: usize, place: usize) -> u64 {
        if day < self.days {
            self.present[day * self.places + place]
        } else {
            0
        }
    }

    /// People present at `places` each day (what `Recording::series(places, ON_ROUTE)` gives).
    pub fn series(&self, places: &[usize]) -> Vec<f64> {
        (0..self.days).map(|d| places.iter().map(|&p| self.at(d, p)).sum::<u64>() as f64).collect()
    }

    /// People in `status` at the end of `day`, summed over places.
    pub fn status(&self, day: usize, status: Status) -> u64 {
        self.by_status.get(day * Status::COUNT + status as usize).copied().unwrap_or(0)
    }

    /// People in `status` each day, summed over places.
    fn status_series(&self, status: Status) -> Vec<f64> {
        (0..self.days).map(|d| self.status(d, status) as f64).collect()
    }
}

/// The court cases the scenario puts in the court queue besides its own people: its starting backlog
/// (`courts.backlog`), and whether it adds others on some day (`courts.background_cases_per_day`).
pub(crate) fn court_cases_besides_the_run(scenario: &Scenario) -> (f64, bool) {
    use corridor::policy::Param;
    let Some(inst) = &scenario.institutions else { return (0.0, false) };
    let p = &inst.params;
    let others = (0..scenario.period.days).any(|d| p.value(Param::CourtBackground, None, d) > 0.0);
    (p.value(Param::CourtBacklog, None, 0), others)
}

/// A queue's name as queues.csv gives it, with the Mexican city of a port's waitlist (US ports'
/// names, such as Hidalgo facing Reynosa, do not say where people wait): `waitlist:Hidalgo (Reynosa)`.
pub fn queue_label(scenario: &Scenario, queue: &str) -> String {
    // The court's cases are not all the run's people (journalist's review of session 35).
    if queue == "court" && court_cases_besides_the_run(scenario) != (0.0, false) {
        return "court (cases, not only the run's people)".to_string();
    }
    let port = queue.strip_prefix("waitlist:");
    let city = port.and_then(|name| {
        let inst = scenario.institutions.as_ref()?;
        let p = inst.ports.iter().find(|p| p.name == name)?;
        Some(scenario.places[p.city.index()].name.as_str())
    });
    match city {
        Some(city) => format!("{queue} ({city})"),
        None => queue.to_string(),
    }
}

/// The header's line on what the run changed from its scenario (`--set`), so that a page of a changed
/// run is not taken for one of the scenario as written, with the sets that changed nothing named apart
/// (ignored by corridor, beaten by `--seed`, values the scenario has already, or overridden by the
/// other sets); empty when no set was given.
fn changes_html(scenario: &Scenario, sets: &Sets) -> String {
    // Each kind of set that changed nothing: its heading, why, and the summary.json key that lists it.
    let apart: String = [
        (
            &sets.ignored,
            "Ignored by corridor",
            "keys corridor does not implement, so they change nothing in this run",
            "sets_ignored",
        ),
        (&sets.not_applied, "Not applied", "the run's <code>--seed</code> wins over it", "sets_not_applied"),
        (
            &sets.already,
            "Already so",
            "the scenario has these values already, so they change nothing in this run",
            "sets_already",
        ),
        (
            &sets.overridden,
            "Overridden",
            "the other sets override them, so they change nothing in this run",
            "sets_overridden",
        ),
    ]
    .iter()
    .filter(|(list, ..)| !list.is_empty())
    .map(|(list, heading, why, key)| {
        format!(" <b>{heading}:</b> {}: {why} (summary.json's <code>{key}</code>).", esc(&list.join(", ")))
    })
    .collect();
    match sets.describe(scenario) {
        Some(took) => format!(
            "<p class=\"changed\"><b>Changed from the scenario:</b> {}. Every figure and plot on this page is of \
             the changed run, not of {} as its files give it (<code>--set</code>; summary.json records the changes \
             in <code>sets</code> and <code>sets_applied</code>).{apart}</p>",
            esc(&took),
            esc(&scenario.name),
        ),
        None if apart.is_empty() => String::new(),
        None => format!(
            "<p class=\"changed\">{} The page is of {} as its files give it.</p>",
            apart.trim_start(),
            esc(&scenario.name)
        ),
    }
}

/// The whole page.
pub fn report_html(scenario: &Scenario, rec: &Recording, plots: &[Plot], sets: &Sets) -> String {
    let mut s = String::new();
    // The plots are most of the page: room for them at once, and each copied in once.
    s.reserve(plots.iter().map(|p| p.svg.len() + p.caption.len() + 2 * p.file.len() + 100).sum::<usize>() + 4000);
    let pushed: Result<(), std::convert::Infallible> =
        html_of(scenario, rec, plots, sets, &Sums::of(rec), &on_the_way(rec), &mut |t: &str| {
            s.push_str(t);
            Ok(())
        });
    match pushed {
        Ok(()) => s,
    }
}

/// [`report_html`] from the sums and the people on the way each day (the plots read them too), given
/// piece by piece to `out` (a page in memory, or its file: the plots need not be copied into one
/// string first).
fn html_of<E>(
    scenario: &Scenario,
    rec: &Recording,
    plots: &[Plot],
    sets: &Sets,
    sums: &Sums,
    on_way: &[f64],
    out: &mut dyn FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let mut s = String::new();
    let seed = rec.info.seed;
    let changed = changes_html(scenario, sets);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>corridor report: {name}{title_note}</title><style>{CSS}</style></head><body>\
<h1>corridor report: {name}</h1><p class=\"meta\">{desc}<br>{start} to {end} ({days} days), seed {seed}, {ppa}.<br>\
Every figure on this page is simulated, from this one run, unless it is marked observed; <code>corridor validate</code> \
gives the spread over many runs.</p>{changed}\
<h2>Key figures</h2>{summary}",
        name = esc(&scenario.name),
        title_note = if sets.changed() { " (changed)" } else { "" },
        desc = esc(&scenario.description),
        start = scenario.period.start,
        end = scenario.period.end(),
        days = scenario.period.days,
        ppa = per_agent_html(scenario),
        summary = figures::summary_html(scenario, rec, sums, on_way),
    );
    s.push_str(&places::places_html(scenario, rec, sums));
    s.push_str(&waits::waits_html(scenario, rec));
    s.push_str(&observed::observed_html(scenario, rec));
    s.push_str(&terms::terms_html(scenario, rec, sums));
    s.push_str("<h2>Plots</h2>");
    let counted = Counted::of(scenario);
    if counted.hasten.is_some() {
        let _ = write!(s, "<p>Every count in these plots is of agents{}.</p>", counted.each_stands_for());
    }
    for p in plots {
        let f = esc(&p.file);
        let _ = write!(s, "<figure id=\"{f}\">");
        out(&s)?;
        s.clear();
        // The plot goes out as it is, without its namespace (see `inline_svg`).
        let (before, after) = inline_svg(&p.svg);
        out(before)?;
        out(after)?;
        let _ =
            write!(s, "<figcaption>{cap} (<code>plots/{f}.svg</code>)</figcaption></figure>", cap = esc(&p.caption));
    }
    s.push_str(&about_html(scenario));
    s.push_str("</body></html>\n");
    out(&s)
}

/// Whether `file` (a name in plots/, without `.svg`) is one that `corridor run`'s report writes:
/// the only SVG files a later run may remove as stale.
pub fn is_report_plot(file: &str) -> bool {
    const FIXED: &[&str] = &[
        "people_by_place",
        "map_busiest_day",
        "map_end",
        "border_cities",
        "shelters",
        "statuses",
        "statuses_ended",
        "arrivals",
        "camps_all",
    ];
    const FAMILIES: &[&str] = &["camp_", "queues_", "outcomes_"];
    FIXED.contains(&file) || FAMILIES.iter().any(|f| file.starts_with(f))
}

/// Writes `report.html` and `plots/*.svg` into `dir`, each file whole or not at all. The page is
/// written to its file piece by piece, never whole in memory.
pub fn write_report(
    scenario: &Scenario,
    rec: &Recording,
    extras: &[Extra],
    sets: &Sets,
    dir: &Path,
) -> Result<Written, OutputError> {
    // Summed once for the plots and the page.
    let (sums, on_way) = (Sums::of(rec), on_the_way(rec));
    let mut plots = plots_of(scenario, rec, &sums, &on_way)?;
    plots.extend(extra_plots(scenario, extras)?);
    let svgs = write_svgs(dir, &plots)?;
    let html = dir.join("report.html");
    let mut file = AtomicFile::create(&html)?;
    html_of(scenario, rec, &plots, sets, &sums, &on_way, &mut |t: &str| file.write_all(t.as_bytes()))?;
    file.commit()?;
    Ok(Written { html, svgs })
}

/// Writes an HTML page and its plots as SVG files under `dir/plots`.
pub fn write_pages(dir: &Path, name: &str, html: &str, plots: &[Plot]) -> Result<Written, OutputError> {
    let svgs = write_svgs(dir, plots)?;
    let html_path = dir.join(name);
    write_atomic(&html_path, html.as_bytes())?;
    Ok(Written { html: html_path, svgs })
}

/// Writes each plot as an SVG file under `dir/plots`.
fn write_svgs(dir: &Path, plots: &[Plot]) -> Result<Vec<PathBuf>, OutputError> {
    let plot_dir = dir.join("plots");
    std::fs::create_dir_all(&plot_dir).map_err(|e| OutputError::io(&plot_dir, e))?;
    let mut svgs = Vec::new();
    for p in plots {
        let path = plot_dir.join(format!("{}.svg", p.file));
        write_atomic(&path, p.svg.as_bytes())?;
        svgs.push(path);
    }
    Ok(svgs)
}

/// One run of `s` with its own seed, recorded (for the tests of the report's sections).
#[cfg(test)]
pub(crate) fn one_run(s: &corridor::Scenario) -> corridor::validate::Recording {
    corridor::validate::run_replicates(s, s.seed, 1, |_, r| r.clone()).unwrap().remove(0)
}

#[cfg(test)]
mod tests;
