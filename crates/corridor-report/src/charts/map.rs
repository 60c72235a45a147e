//! The route map: roads as lines, places as dots and circles sized by people, with labels placed so
//! that none covers another (a label with no free spot beside its place is left out).

use super::{color, e, no_decimals, svg_with_room, Result, FONT};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A place on the route map.
#[derive(Clone, Debug)]
pub struct MapPlace {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub people: f64,
    /// Border cities are drawn in another colour.
    pub border: bool,
}

/// Label text size in pixels, and the width of one character at that size (an average for a
/// sans-serif font: the SVG is drawn by the reader's browser, whose font is not known here).
const LABEL_PX: i32 = 11;
const CHAR_PX: f64 = 6.2;

/// The route network from coordinates: roads as lines, places as dots, and circles sized by people
/// (area proportional to the count). Places with at least 2% of the busiest place's people, and every
/// border city, are labelled with their name and count, busiest first, where the label fits.
pub fn route_map(title: &str, places: &[MapPlace], roads: &[(usize, usize)], size: (u32, u32)) -> Result<String> {
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in places {
        x0 = x0.min(p.lon);
        x1 = x1.max(p.lon);
        y0 = y0.min(p.lat);
        y1 = y1.max(p.lat);
    }
    if places.is_empty() {
        (x0, x1, y0, y1) = (0.0, 1.0, 0.0, 1.0);
    }
    let pad_x = ((x1 - x0) * 0.05).max(0.5);
    let pad_y = ((y1 - y0) * 0.06).max(0.5);
    let max = places.iter().map(|p| p.people).fold(0.0, f64::max).max(1.0);
    // A road is a ~110-byte <polyline>; a place up to two ~110-byte <circle>s and a ~170-byte label.
    let room = (1 << 15) + roads.len() * 120 + places.len() * 400;
    svg_with_room(size, room, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, (FONT, 18))
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(40)
            .build_cartesian_2d(x0 - pad_x..x1 + pad_x, y0 - pad_y..y1 + pad_y)
            .map_err(e)?;
        chart
            .configure_mesh()
            .x_desc("longitude")
            .y_desc("latitude")
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(e)?;
        chart
            .draw_series(roads.iter().filter_map(|&(a, b)| {
                let (pa, pb) = (places.get(a)?, places.get(b)?);
                Some(PathElement::new(
                    vec![(pa.lon, pa.lat), (pb.lon, pb.lat)],
                    RGBColor(170, 170, 170).stroke_width(1),
                ))
            }))
            .map_err(e)?;
        chart
            .draw_series(places.iter().map(|p| Circle::new((p.lon, p.lat), 2, RGBColor(90, 90, 90).filled())))
            .map_err(e)?;
        chart
            .draw_series(places.iter().filter(|p| p.people > 0.0).map(|p| {
                let r = (p.people / max).sqrt() * 34.0 + 3.0;
                let c = if p.border { color(3) } else { color(0) };
                Circle::new((p.lon, p.lat), r as i32, c.mix(0.45).filled())
            }))
            .map_err(e)?;
        let mut labelled: Vec<(usize, &MapPlace)> =
            places.iter().enumerate().filter(|(_, p)| p.people >= max * 0.02 || p.border).collect();
        labelled.sort_by(|a, b| b.1.people.total_cmp(&a.1.people).then(a.0.cmp(&b.0)));
        let texts: Vec<String> = labelled
            .iter()
            .map(|(_, p)| if p.people > 0.0 { format!("{} {}", p.name, no_decimals(p.people)) } else { p.name.clone() })
            .collect();
        let dots: Vec<(i32, i32)> = places.iter().map(|p| chart.backend_coord(&(p.lon, p.lat))).collect();
        let anchors = labelled.iter().map(|&(i, _)| dots[i]);
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        let area = Boxed { x0: xs.start, y0: ys.start, x1: xs.end, y1: ys.end };
        let wanted: Vec<Label> = texts
            .iter()
            .zip(anchors)
            .map(|(t, at)| Label { at, width: (t.chars().count() as f64 * CHAR_PX).ceil() as i32 })
            .collect();
        let style = TextStyle::from((FONT, LABEL_PX).into_font())
            .color(&RGBColor(40, 40, 40))
            .pos(Pos::new(HPos::Left, VPos::Top));
        for (text, spot) in texts.into_iter().zip(place_labels(&wanted, &dots, area)) {
            if let Some(b) = spot {
                root.draw(&Text::new(text, (b.x0, b.y0), style.clone())).map_err(e)?;
            }
        }
        Ok(())
    })
}

/// A box in pixels, `x1` and `y1` excluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Boxed {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl Boxed {
    fn overlaps(&self, o: &Boxed) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn inside(&self, o: &Boxed) -> bool {
        self.x0 >= o.x0 && self.y0 >= o.y0 && self.x1 <= o.x1 && self.y1 <= o.y1
    }
}

/// A label to place: the pixel of its place's dot, and its text's width.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Label {
    pub at: (i32, i32),
    pub width: i32,
}

/// Places labels in the order given (the first has the first pick): each takes the first of right,
/// left, above, below and the four corners of its dot where it stays inside `area` and covers no label
/// placed before it, a spot that covers no other place's dot (`dots`) before one that does; a label
/// with no such spot gets `None`.
pub(crate) fn place_labels(labels: &[Label], dots: &[(i32, i32)], area: Boxed) -> Vec<Option<Boxed>> {
    const GAP: i32 = 4;
    let h = LABEL_PX + 2;
    let mut taken: Vec<Boxed> = Vec::with_capacity(labels.len());
    labels
        .iter()
        .map(|l| {
            let (x, y) = l.at;
            let w = l.width;
            let spots = [
                (x + GAP, y - h / 2),
                (x - GAP - w, y - h / 2),
                (x - w / 2, y - GAP - h),
                (x - w / 2, y + GAP),
                (x + GAP, y - GAP - h),
                (x + GAP, y + GAP),
                (x - GAP - w, y - GAP - h),
                (x - GAP - w, y + GAP),
            ]
            .map(|(bx, by)| Boxed { x0: bx, y0: by, x1: bx + w, y1: by + h });
            let fits = |b: &Boxed| b.inside(&area) && !taken.iter().any(|t| t.overlaps(b));
            let clear = |b: &Boxed| !dots.iter().any(|&(dx, dy)| (dx, dy) != l.at && b.overlaps(&dot_box(dx, dy)));
            let free = spots.iter().find(|b| fits(b) && clear(b)).or_else(|| spots.iter().find(|b| fits(b))).copied();
            if let Some(b) = free {
                taken.push(b);
            }
            free
        })
        .collect()
}

/// The pixels a place's dot covers (radius 2).
fn dot_box(x: i32, y: i32) -> Boxed {
    Boxed { x0: x - 2, y0: y - 2, x1: x + 3, y1: y + 3 }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: Boxed = Boxed { x0: 0, y0: 0, x1: 400, y1: 300 };

    #[test]
    fn crowded_labels_never_cover_one_another() {
        // Twenty places within 30 pixels of each other, in a tight cluster, with long names.
        let labels: Vec<Label> =
            (0..20).map(|k| Label { at: (200 + (k * 7) % 30, 150 + (k * 11) % 30), width: 90 }).collect();
        let dots: Vec<(i32, i32)> = labels.iter().map(|l| l.at).collect();
        let spots = place_labels(&labels, &dots, AREA);
        let placed: Vec<Boxed> = spots.iter().flatten().copied().collect();
        for (i, a) in placed.iter().enumerate() {
            assert!(a.inside(&AREA));
            for b in &placed[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} covers {b:?}");
            }
        }
        assert!(spots[0].is_some(), "the first label always has a spot in an empty area");
        assert!(placed.len() < labels.len(), "some of a crowded cluster's labels are left out");
    }

    #[test]
    fn a_label_goes_left_of_its_dot_at_the_right_edge_and_clear_of_other_dots() {
        let at_edge = Label { at: (395, 100), width: 60 };
        assert_eq!(place_labels(&[at_edge], &[], AREA)[0], Some(Boxed { x0: 331, y0: 94, x1: 391, y1: 107 }));
        // A dot just right of the place: the label goes left of it rather than over the dot.
        let spot = place_labels(&[Label { at: (100, 100), width: 60 }], &[(100, 100), (130, 101)], AREA)[0];
        assert_eq!(spot.map(|b| b.x1), Some(96));
    }
}
