//! Charts drawn with plotters into SVG strings: time lines with optional spread bands, a heat map of
//! places over time, a route map from the places' coordinates, daily bars and histograms.
//! Every function returns the SVG text; the caller inlines it in HTML and writes it to a file.

use crate::date_axis::{date_label, date_ticks, DateAxis};
use chrono::NaiveDate;
use plotters::coord::combinators::BindKeyPoints;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A chart failed to draw (plotters' error, as text).
#[derive(Debug)]
pub struct ChartError(pub String);

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "chart: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

fn e<E: std::fmt::Display>(x: E) -> ChartError {
    ChartError(x.to_string())
}

pub type Result<T> = std::result::Result<T, ChartError>;

/// A qualitative palette (Tableau 10), readable on white.
pub const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

pub fn color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

const FONT: &str = "sans-serif";

/// One line of a time chart, with an optional band (e.g. 5–95% over replicates).
#[derive(Clone, Debug)]
pub struct Series {
    pub label: String,
    /// A value per day from the chart's start; a day that is not a number (NaN) has none, and the line
    /// breaks there.
    pub values: Vec<f64>,
    pub band: Option<(Vec<f64>, Vec<f64>)>,
    /// Dashed-looking thinner line (used for the second run of a comparison).
    pub thin: bool,
}

impl Series {
    pub fn new(label: impl Into<String>, values: Vec<f64>) -> Series {
        Series { label: label.into(), values, band: None, thin: false }
    }
}

/// A day marked on a time chart by a dashed line, labelled at its top (a policy coming on, `events.rs`).
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub day: u32,
    pub label: String,
}

/// A chart of values over days.
#[derive(Clone, Debug)]
pub struct TimeChart {
    pub title: String,
    pub y_label: String,
    pub start: NaiveDate,
    pub series: Vec<Series>,
    /// Days to mark, drawn under the lines.
    pub marks: Vec<Mark>,
}

/// Dark and dashed, apart from the mesh's grey lines.
const MARK_COLOUR: RGBColor = RGBColor(60, 60, 60);

/// The row (0 at the top) of each mark's label, so that labels of marks closer than `gap` days do not
/// overlap: each goes in the first row whose last label is at least `gap` days before it.
fn label_rows(marks: &[Mark], gap: u32) -> Vec<usize> {
    let mut last_in_row: Vec<u32> = Vec::new();
    marks
        .iter()
        .map(|m| match last_in_row.iter().position(|&d| m.day >= d.saturating_add(gap)) {
            Some(row) => {
                last_in_row[row] = m.day;
                row
            }
            None => {
                last_in_row.push(m.day);
                last_in_row.len() - 1
            }
        })
        .collect()
}

/// `format!("{v:.0}")`, without its exact-digits float formatting for whole numbers (people counts), which
/// print as the integer they are.
fn no_decimals(v: f64) -> String {
    // Whole, exactly an i64, and not -0 (which `{:.0}` prints with its sign).
    if v.fract() == 0.0 && v.abs() < 9e15 && !(v == 0.0 && v.is_sign_negative()) {
        (v as i64).to_string()
    } else {
        format!("{v:.0}")
    }
}

fn nice_max(m: f64) -> f64 {
    if m <= 0.0 || !m.is_finite() {
        1.0
    } else {
        m * 1.08
    }
}

/// Lines over time, with bands where given, and a legend.
pub fn time_chart(c: &TimeChart, size: (u32, u32)) -> Result<String> {
    let days = c.series.iter().map(|s| s.values.len()).max().unwrap_or(0).max(2);
    let ymax = c
        .series
        .iter()
        .flat_map(|s| s.values.iter().chain(s.band.iter().flat_map(|b| b.1.iter())))
        .copied()
        .fold(0.0, f64::max);
    svg(size, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(&c.title, (FONT, 18))
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(64)
            .build_cartesian_2d(DateAxis::new(c.start, days as u32, 1.0, (days - 1) as f64), 0f64..nice_max(ymax))
            .map_err(e)?;
        let start = c.start;
        chart
            .configure_mesh()
            .x_label_formatter(&|d| date_label(start, *d))
            .y_labels(8)
            .y_label_formatter(&|v| no_decimals(*v))
            .y_desc(c.y_label.as_str())
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(e)?;
        // Marks under the lines; their labels after the legend, which would hide an early one.
        let top = nice_max(ymax);
        for m in &c.marks {
            let x = m.day as f64;
            let line = DashedLineSeries::new([(x, 0.0), (x, top)], 5, 4, MARK_COLOUR.stroke_width(1));
            chart.draw_series(line).map_err(e)?;
        }
        for (i, s) in c.series.iter().enumerate() {
            let col = color(i);
            if let Some((lo, hi)) = &s.band {
                let mut pts: Vec<(f64, f64)> = hi.iter().enumerate().map(|(d, v)| (d as f64, *v)).collect();
                pts.extend(lo.iter().enumerate().rev().map(|(d, v)| (d as f64, *v)));
                chart.draw_series(std::iter::once(Polygon::new(pts, col.mix(0.18).filled()))).map_err(e)?;
            }
            let width = if s.thin { 1 } else { 2 };
            // One line for each run of days with a value; the legend names the series once.
            let points: Vec<(f64, f64)> = s.values.iter().enumerate().map(|(d, v)| (d as f64, *v)).collect();
            let mut runs = points.split(|(_, v)| !v.is_finite()).filter(|run| !run.is_empty());
            let Some(first) = runs.next() else { continue };
            // Past the palette's ten colours a line is dashed, so that no two lines look alike (the
            // statuses chart has eleven; a queue chart as many).
            if i >= PALETTE.len() {
                let dashed = |run: &[(f64, f64)]| DashedLineSeries::new(run.to_vec(), 7, 4, col.stroke_width(width));
                chart.draw_series(dashed(first)).map_err(e)?.label(s.label.as_str()).legend(move |(x, y)| {
                    plotters::element::DashedPathElement::new(vec![(x, y), (x + 18, y)], 5, 3, col.stroke_width(3))
                });
                for run in runs {
                    chart.draw_series(dashed(run)).map_err(e)?;
                }
                continue;
            }
            chart
                .draw_series(LineSeries::new(first.iter().copied(), col.stroke_width(width)))
                .map_err(e)?
                .label(s.label.as_str())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], col.stroke_width(3)));
            for run in runs {
                chart.draw_series(LineSeries::new(run.iter().copied(), col.stroke_width(width))).map_err(e)?;
            }
        }
        if c.series.len() > 1 || c.series.iter().any(|s| !s.label.is_empty()) {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperLeft)
                .background_style(WHITE.mix(0.85))
                .border_style(RGBColor(200, 200, 200))
                .label_font((FONT, 12))
                .draw()
                .map_err(e)?;
        }
        // Labels stacked where marks are closer than ~16 pixels.
        let gap = (16 * days).div_ceil(size.0.max(1) as usize) as u32;
        for (m, row) in c.marks.iter().zip(label_rows(&c.marks, gap.max(1))) {
            let style = (FONT, 12).into_font().color(&MARK_COLOUR).pos(Pos::new(HPos::Center, VPos::Center));
            let y = top * (1.0 - 0.05 * (row as f64 + 0.6));
            chart.draw_series(std::iter::once(Text::new(m.label.clone(), (m.day as f64, y), style))).map_err(e)?;
        }
        Ok(())
    })
}

/// An SVG of `size` on a white background, drawn by `draw`.
fn svg(
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<crate::svg::Svg<'_>, plotters::coord::Shift>) -> Result<()>,
) -> Result<String> {
    // Room for a typical chart (tens of kilobytes) without regrowing the text from the start.
    svg_with_room(size, 1 << 16, draw)
}

/// [`svg`] with room for `room` bytes of text: charts whose size grows with the data (a shape per
/// place, road or week) say about how much, so that their text is not copied as it grows (room not
/// written costs no memory).
fn svg_with_room(
    size: (u32, u32),
    room: usize,
    draw: impl FnOnce(&DrawingArea<crate::svg::Svg<'_>, plotters::coord::Shift>) -> Result<()>,
) -> Result<String> {
    let mut buf = String::with_capacity(room.max(1 << 16));
    {
        let root = crate::svg::Svg::with_string(&mut buf, size).into_drawing_area();
        root.fill(&WHITE).map_err(e)?;
        draw(&root)?;
        root.present().map_err(e)?;
    }
    Ok(buf)
}

/// Daily values as bars (e.g. arrivals per day).
pub fn bars(title: &str, y_label: &str, start: NaiveDate, values: &[f64], size: (u32, u32)) -> Result<String> {
    let days = values.len().max(2) as u32;
    let ymax = values.iter().copied().fold(0.0, f64::max);
    svg(size, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, (FONT, 18))
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(64)
            .build_cartesian_2d(
                (0u32..days).with_key_points(date_ticks(start, days).0).into_segmented(),
                0f64..nice_max(ymax),
            )
            .map_err(e)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_label_formatter(&|v| match v {
                SegmentValue::Exact(d) | SegmentValue::CenterOf(d) => date_label(start, f64::from(*d)),
                SegmentValue::Last => String::new(),
            })
            .y_label_formatter(&|v| no_decimals(*v))
            .y_desc(y_label)
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(e)?;
        // One rectangle per day, drawn in day order: plotters' Histogram aggregates through a HashMap
        // and draws in a random order, which would make the SVG differ from run to run.
        chart
            .draw_series(values.iter().enumerate().map(|(d, v)| {
                let d = d as u32;
                Rectangle::new([(SegmentValue::Exact(d), 0.0), (SegmentValue::Exact(d + 1), *v)], color(0).filled())
            }))
            .map_err(e)?;
        Ok(())
    })
}

/// A histogram of values (e.g. wait times in days) in `bins` equal bins from 0 to the largest value:
/// `values` are (value, how many times it occurs), counted as `y_label` says (people, agents).
pub fn histogram(
    title: &str,
    x_label: &str,
    y_label: &str,
    values: &[(f64, u64)],
    bins: usize,
    size: (u32, u32),
) -> Result<String> {
    let bins = bins.max(1);
    let max = values.iter().filter(|v| v.1 > 0).map(|v| v.0).fold(0.0, f64::max).max(1.0);
    let width = max / bins as f64;
    let mut counts = vec![0u32; bins];
    for &(v, k) in values {
        let b = ((v / width) as usize).min(bins - 1);
        counts[b] = counts[b].saturating_add(u32::try_from(k).unwrap_or(u32::MAX));
    }
    let top = counts.iter().copied().max().unwrap_or(0).max(1);
    svg(size, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, (FONT, 18))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..max, 0u32..top + top / 10 + 1)
            .map_err(e)?;
        chart
            .configure_mesh()
            // Whole days only: a tick between two (0.5 of a short run's axis) gets no label.
            .x_label_formatter(&|v| if v.fract() == 0.0 { no_decimals(*v) } else { String::new() })
            .x_desc(x_label)
            .y_desc(y_label)
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(e)?;
        chart
            .draw_series(counts.iter().enumerate().map(|(i, c)| {
                let x0 = i as f64 * width;
                Rectangle::new([(x0, 0), (x0 + width, *c)], color(0).filled())
            }))
            .map_err(e)?;
        Ok(())
    })
}

/// People by place over time as a heat map: one row per place (in the order given, first at the
/// top), one column per week; darker = more people (on a square-root scale).
pub fn heatmap(title: &str, start: NaiveDate, rows: &[(String, Vec<f64>)], size: (u32, u32)) -> Result<String> {
    let days = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    let weeks = days.div_ceil(7).max(1);
    let n = rows.len().max(1);
    let weekly: Vec<Vec<f64>> = rows
        .iter()
        .map(|(_, v)| {
            (0..weeks)
                .map(|w| {
                    let s = &v[(w * 7).min(v.len())..((w + 1) * 7).min(v.len())];
                    s.iter().copied().fold(0.0, f64::max)
                })
                .collect()
        })
        .collect();
    let max = weekly.iter().flatten().copied().fold(0.0, f64::max).max(1.0);
    let names: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    // A cell is a ~85-byte <rect>; a row's label and tick ~260 bytes.
    let room = (1 << 14) + rows.len() * (weeks * 90 + 260);
    svg_with_room(size, room, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, (FONT, 18))
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(150)
            .build_cartesian_2d(DateAxis::new(start, days as u32, 7.0, weeks as f64), -0.5f64..n as f64 - 0.5)
            .map_err(e)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_label_formatter(&|w| date_label(start, w * 7.0))
            .y_labels(n)
            .y_label_formatter(&|y| {
                let i = y.round();
                if (y - i).abs() > 1e-6 || i < 0.0 {
                    return String::new();
                }
                // Row 0 is drawn at the top.
                names.get(n - 1 - i as usize).cloned().unwrap_or_default()
            })
            .label_style((FONT, 11))
            .draw()
            .map_err(e)?;
        chart
            .draw_series(weekly.iter().enumerate().flat_map(|(r, row)| {
                let y = (n - 1 - r) as f64;
                row.iter().enumerate().filter(|(_, v)| **v > 0.0).map(move |(w, v)| {
                    let t = (v / max).sqrt();
                    let shade = RGBColor(
                        (255.0 - t * (255.0 - 120.0)) as u8,
                        (255.0 - t * 255.0) as u8,
                        (255.0 - t * (255.0 - 40.0)) as u8,
                    );
                    Rectangle::new([(w as f64, y - 0.5), (w as f64 + 1.0, y + 0.5)], shade.filled())
                })
            }))
            .map_err(e)?;
        Ok(())
    })
}

mod map;
pub use map::{route_map, MapPlace};

#[cfg(test)]
mod tests;
