//! Many shapes of one kind given to plotters as one element (a heat map's cells, a map's roads and
//! dots): plotters translates every point as it does a shape's own, and each shape is drawn as its
//! own element draws it, the same markup byte for byte, without plotters' work per element.

use plotters::element::{Drawable, PointCollection};
use plotters::style::ShapeStyle;
use plotters_backend::{BackendCoord, DrawingBackend, DrawingErrorKind};

type Drawn<DB> = Result<(), DrawingErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Rectangles from two opposite corners, drawn as plotters' `Rectangle` (without margins) draws them.
#[derive(Default)]
pub struct Rects {
    corners: Vec<(f64, f64)>,
    styles: Vec<ShapeStyle>,
}

impl Rects {
    pub fn push(&mut self, a: (f64, f64), b: (f64, f64), style: ShapeStyle) {
        self.corners.extend([a, b]);
        self.styles.push(style);
    }
}

impl<'a> PointCollection<'a, (f64, f64)> for &'a Rects {
    type Point = &'a (f64, f64);
    type IntoIter = &'a [(f64, f64)];
    fn point_iter(self) -> &'a [(f64, f64)] {
        &self.corners
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Rects {
    fn draw<I: Iterator<Item = BackendCoord>>(&self, mut points: I, backend: &mut DB, _: (u32, u32)) -> Drawn<DB> {
        for style in &self.styles {
            let (Some(a), Some(b)) = (points.next(), points.next()) else { break };
            let (a, b) = ((a.0.min(b.0), a.1.min(b.1)), (a.0.max(b.0), a.1.max(b.1)));
            backend.draw_rect(a, b, style, style.filled)?;
        }
        Ok(())
    }
}

/// Circles of a radius in pixels, drawn as plotters' `Circle` draws them.
#[derive(Default)]
pub struct Circles {
    centers: Vec<(f64, f64)>,
    shapes: Vec<(i32, ShapeStyle)>,
}

impl Circles {
    pub fn push(&mut self, center: (f64, f64), radius: i32, style: ShapeStyle) {
        self.centers.push(center);
        self.shapes.push((radius, style));
    }
}

impl<'a> PointCollection<'a, (f64, f64)> for &'a Circles {
    type Point = &'a (f64, f64);
    type IntoIter = &'a [(f64, f64)];
    fn point_iter(self) -> &'a [(f64, f64)] {
        &self.centers
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Circles {
    fn draw<I: Iterator<Item = BackendCoord>>(&self, points: I, backend: &mut DB, _: (u32, u32)) -> Drawn<DB> {
        for (center, (radius, style)) in points.zip(&self.shapes) {
            backend.draw_circle(center, (*radius).max(0) as u32, style, style.filled)?;
        }
        Ok(())
    }
}

/// Straight lines in one style, drawn as plotters' two-point `PathElement` draws them.
pub struct Lines {
    ends: Vec<(f64, f64)>,
    style: ShapeStyle,
}

impl Lines {
    pub fn new(style: ShapeStyle) -> Lines {
        Lines { ends: Vec::new(), style }
    }

    pub fn push(&mut self, a: (f64, f64), b: (f64, f64)) {
        self.ends.extend([a, b]);
    }
}

impl<'a> PointCollection<'a, (f64, f64)> for &'a Lines {
    type Point = &'a (f64, f64);
    type IntoIter = &'a [(f64, f64)];
    fn point_iter(self) -> &'a [(f64, f64)] {
        &self.ends
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Lines {
    fn draw<I: Iterator<Item = BackendCoord>>(&self, mut points: I, backend: &mut DB, _: (u32, u32)) -> Drawn<DB> {
        while let (Some(a), Some(b)) = (points.next(), points.next()) {
            backend.draw_path([a, b], &self.style)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::coord::types::RangedCoordf64;
    use plotters::prelude::*;

    /// The SVG of a chart over `0..10 × 0..10` drawn by `draw`.
    fn chart(
        draw: impl Fn(&mut ChartContext<'_, crate::svg::Svg<'_>, Cartesian2d<RangedCoordf64, RangedCoordf64>>),
    ) -> String {
        let mut buf = String::new();
        {
            let root = crate::svg::Svg::with_string(&mut buf, (300, 200)).into_drawing_area();
            let mut c = ChartBuilder::on(&root).margin(7).build_cartesian_2d(0f64..10.0, 0f64..10.0).unwrap();
            draw(&mut c);
            root.present().unwrap();
        }
        buf
    }

    #[test]
    fn batches_draw_what_their_shapes_draw_one_by_one() {
        // Uneven coordinates (so that plotters' rounding matters), corners in either order, points
        // outside the chart and a radius below zero.
        let rects = [((0.3, 9.7), (1.31, 8.2)), ((5.55, 0.1), (4.05, 3.33)), ((-1.0, 2.0), (11.0, 12.5))];
        let colors = [RGBColor(10, 20, 30).filled(), RGBColor(200, 100, 0).mix(0.45).filled(), BLUE.stroke_width(2)];
        let circles = [((2.22, 3.33), 4), ((7.77, 1.01), -3), ((9.99, 9.99), 40)];
        let roads = [((0.0, 0.0), (3.3, 2.6)), ((9.5, 0.5), (0.5, 9.5)), ((1.1, 1.1), (1.1, 1.1))];
        let gray = RGBColor(170, 170, 170).stroke_width(1);
        let one_by_one = chart(|c| {
            c.draw_series(rects.iter().zip(&colors).map(|(&(a, b), s)| Rectangle::new([a, b], *s))).unwrap();
            c.draw_series(circles.iter().zip(&colors).map(|(&(p, r), s)| Circle::new(p, r, *s))).unwrap();
            c.draw_series(roads.iter().map(|&(a, b)| PathElement::new(vec![a, b], gray))).unwrap();
        });
        let batched = chart(|c| {
            let mut r = Rects::default();
            rects.iter().zip(&colors).for_each(|(&(a, b), s)| r.push(a, b, *s));
            let mut k = Circles::default();
            circles.iter().zip(&colors).for_each(|(&(p, radius), s)| k.push(p, radius, *s));
            let mut l = Lines::new(gray);
            roads.iter().for_each(|&(a, b)| l.push(a, b));
            c.draw_series(std::iter::once(r)).unwrap();
            c.draw_series(std::iter::once(k)).unwrap();
            c.draw_series(std::iter::once(l)).unwrap();
        });
        assert_eq!(
            (one_by_one.matches("<rect").count(), one_by_one.matches("<circle").count()),
            (3, 3),
            "{one_by_one}"
        );
        assert_eq!(batched, one_by_one);
    }
}
