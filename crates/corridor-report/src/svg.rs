//! A plotters drawing backend writing SVG text into a `String`: the same markup, byte for byte, as
//! plotters' own `SVGBackend`, written straight into the buffer (that one formats every attribute
//! into its own string first, and a report draws thousands of shapes).

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontStyle,
    FontTransform,
};
use std::fmt::Write as _;

/// The backend; `present` (or dropping it) closes the `<svg>` element.
pub struct Svg<'a> {
    buf: &'a mut String,
    size: (u32, u32),
    open: bool,
    /// The last opacity written and its text (charts use a handful of opacities).
    alpha: (f64, String),
    /// The last font size written and its text.
    font_size: (f64, String),
}

impl<'a> Svg<'a> {
    pub fn with_string(buf: &'a mut String, size: (u32, u32)) -> Self {
        let (w, h) = size;
        let _ = writeln!(
            buf,
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">"
        );
        Svg { buf, size, open: true, alpha: (1.0, "1".into()), font_size: (f64::NAN, String::new()) }
    }

    /// ` name="value"` for an integer (what `{}` prints); `open` is ` name="`. Inlined, so that `open` is
    /// a copy of known length rather than a `memcpy` call.
    #[inline(always)]
    fn int(&mut self, open: &str, v: impl Into<i64>) {
        self.buf.push_str(open);
        push_int(self.buf, v.into());
        self.buf.push('"');
    }

    /// ` opacity="alpha"` (what `{}` prints for the f64).
    fn opacity(&mut self, alpha: f64) {
        if alpha.to_bits() != self.alpha.0.to_bits() {
            self.alpha = (alpha, alpha.to_string());
        }
        self.buf.push_str(" opacity=\"");
        self.buf.push_str(&self.alpha.1);
        self.buf.push('"');
    }

    /// ` name="value"` for a value that needs no escaping (numbers, colours, keywords).
    fn attr(&mut self, name: &str, value: impl std::fmt::Display) {
        let _ = write!(self.buf, " {name}=\"{value}\"");
    }

    fn escaped(&mut self, value: &str) {
        for c in value.chars() {
            match c {
                '<' => self.buf.push_str("&lt;"),
                '>' => self.buf.push_str("&gt;"),
                '&' => self.buf.push_str("&amp;"),
                '"' => self.buf.push_str("&quot;"),
                '\'' => self.buf.push_str("&apos;"),
                other => self.buf.push(other),
            }
        }
    }

    /// A filled shape without an outline, or an outline without a fill.
    #[inline(always)]
    fn fill_or_stroke(&mut self, c: BackendColor, fill: bool) {
        if fill {
            self.color(" fill=\"#", c);
            self.buf.push_str(" stroke=\"none\"");
        } else {
            self.buf.push_str(" fill=\"none\"");
            self.color(" stroke=\"#", c);
        }
    }

    /// ` name="#RRGGBB"`; `open` is ` name="#`.
    #[inline(always)]
    fn color(&mut self, open: &str, c: BackendColor) {
        let (r, g, b) = c.rgb;
        self.buf.push_str(open);
        for v in [r, g, b] {
            let i = 2 * usize::from(v);
            self.buf.push_str(&HEX_PAIRS[i..i + 2]);
        }
        self.buf.push('"');
    }

    fn points(&mut self, path: impl IntoIterator<Item = BackendCoord>) {
        self.buf.push_str(" points=\"");
        for (x, y) in path {
            push_int(self.buf, x.into());
            self.buf.push(',');
            push_int(self.buf, y.into());
            self.buf.push(' ');
        }
        self.buf.push('"');
    }
}

/// "00", "01", …, "FF": the two upper-case hex digits of every byte, as text made at compile time.
const HEX_PAIRS: &str = {
    const fn digits() -> [u8; 512] {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut b = [0u8; 512];
        let mut i = 0;
        while i < 256 {
            b[2 * i] = HEX[i >> 4];
            b[2 * i + 1] = HEX[i & 15];
            i += 1;
        }
        b
    }
    const DIGITS: [u8; 512] = digits();
    match std::str::from_utf8(&DIGITS) {
        Ok(s) => s,
        Err(_) => panic!("ASCII digits are UTF-8"),
    }
};

/// Appends `v` in decimal (what `{}` prints), a digit at a time (a `push` of an ASCII char is a store).
fn push_int(buf: &mut String, v: i64) {
    if v < 0 {
        buf.push('-');
    }
    push_unsigned(buf, v.unsigned_abs());
}

fn push_unsigned(buf: &mut String, n: u64) {
    let digit = |d: u64| char::from(b'0' + d as u8);
    if n >= 1000 {
        push_unsigned(buf, n / 1000);
        let r = n % 1000;
        buf.push(digit(r / 100));
        buf.push(digit(r / 10 % 10));
        buf.push(digit(r % 10));
    } else if n >= 100 {
        buf.push(digit(n / 100));
        buf.push(digit(n / 10 % 10));
        buf.push(digit(n % 10));
    } else if n >= 10 {
        buf.push(digit(n / 10));
        buf.push(digit(n % 10));
    } else {
        buf.push(digit(n));
    }
}

type Result = std::result::Result<(), DrawingErrorKind<std::io::Error>>;

impl DrawingBackend for Svg<'_> {
    type ErrorType = std::io::Error;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }

    fn present(&mut self) -> Result {
        if self.open {
            self.buf.push_str("</svg>\n");
            self.open = false;
        }
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.buf.push_str("<rect");
        self.int(" x=\"", point.0);
        self.int(" y=\"", point.1);
        self.buf.push_str(" width=\"1\" height=\"1\" stroke=\"none\"");
        self.opacity(color.alpha);
        self.color(" fill=\"#", color);
        self.buf.push_str("/>\n");
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.buf.push_str("<line");
        self.opacity(c.alpha);
        self.color(" stroke=\"#", c);
        self.int(" stroke-width=\"", style.stroke_width());
        self.int(" x1=\"", from.0);
        self.int(" y1=\"", from.1);
        self.int(" x2=\"", to.0);
        self.int(" y2=\"", to.1);
        self.buf.push_str("/>\n");
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, style: &S, fill: bool) -> Result {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.buf.push_str("<rect");
        self.int(" x=\"", ul.0);
        self.int(" y=\"", ul.1);
        self.int(" width=\"", br.0 - ul.0);
        self.int(" height=\"", br.1 - ul.1);
        self.opacity(c.alpha);
        self.fill_or_stroke(c, fill);
        self.buf.push_str("/>\n");
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.buf.push_str("<polyline fill=\"none\"");
        self.opacity(c.alpha);
        self.color(" stroke=\"#", c);
        self.int(" stroke-width=\"", style.stroke_width());
        self.points(path);
        self.buf.push_str("/>\n");
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.buf.push_str("<polygon");
        self.opacity(c.alpha);
        self.color(" fill=\"#", c);
        self.points(path);
        self.buf.push_str("/>\n");
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.buf.push_str("<circle");
        self.int(" cx=\"", center.0);
        self.int(" cy=\"", center.1);
        self.int(" r=\"", radius);
        self.opacity(c.alpha);
        self.fill_or_stroke(c, fill);
        self.int(" stroke-width=\"", style.stroke_width());
        self.buf.push_str("/>\n");
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let (x0, y0) = pos;
        let anchor = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "middle",
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        self.buf.push_str("<text");
        self.int(" x=\"", x0);
        self.int(" y=\"", y0);
        for (name, value) in [("dy", dy), ("text-anchor", anchor)] {
            self.buf.push(' ');
            self.buf.push_str(name);
            self.buf.push_str("=\"");
            self.buf.push_str(value);
            self.buf.push('"');
        }
        self.buf.push_str(" font-family=\"");
        self.escaped(style.family().as_str());
        self.buf.push('"');
        let size = style.size() / 1.24;
        if size.to_bits() != self.font_size.0.to_bits() {
            self.font_size = (size, size.to_string());
        }
        self.buf.push_str(" font-size=\"");
        self.buf.push_str(&self.font_size.1);
        self.buf.push('"');
        self.opacity(c.alpha);
        self.color(" fill=\"#", c);
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => self.buf.push_str(" font-weight=\"bold\""),
            other => {
                self.buf.push_str(" font-style=\"");
                self.escaped(other.as_str());
                self.buf.push('"');
            }
        }
        match style.transform() {
            FontTransform::Rotate90 => self.attr("transform", format_args!("rotate(90, {x0}, {y0})")),
            FontTransform::Rotate180 => self.attr("transform", format_args!("rotate(180, {x0}, {y0})")),
            FontTransform::Rotate270 => self.attr("transform", format_args!("rotate(270, {x0}, {y0})")),
            _ => {}
        }
        self.buf.push_str(">\n");
        self.escaped(text);
        self.buf.push_str("\n</text>\n");
        Ok(())
    }
}

impl Drop for Svg<'_> {
    fn drop(&mut self) {
        let _ = self.present();
    }
}

#[cfg(test)]
mod tests {
    use super::Svg;
    use plotters::prelude::*;
    use plotters::style::FontStyle;

    #[test]
    fn integers_print_as_display_does() {
        let edges = [0i64, 7, -7, 10, -10, 959, 123_456, i64::from(i32::MIN), i64::from(i32::MAX), i64::MIN, i64::MAX];
        let powers = (0..19).flat_map(|p| {
            let t = 10i64.pow(p);
            [t - 1, t, t + 1, -t, t / 1000 * 1001]
        });
        for v in edges.into_iter().chain(powers).chain(-2000..2000) {
            let mut s = String::new();
            super::push_int(&mut s, v);
            assert_eq!(s, v.to_string());
        }
    }

    /// Every kind of shape, drawn by both backends: the same text.
    #[test]
    fn same_markup_as_plotters_svg_backend() {
        fn draw<DB: DrawingBackend>(root: DrawingArea<DB, plotters::coord::Shift>) {
            root.fill(&WHITE).unwrap();
            let mut chart = ChartBuilder::on(&root)
                .caption("A <title> & 'quotes' — Tapachula→Tijuana", ("sans-serif", 18))
                .margin(10)
                .x_label_area_size(30)
                .y_label_area_size(40)
                .build_cartesian_2d(0f64..10.0, 0f64..5.0)
                .unwrap();
            chart.configure_mesh().y_desc("people").x_desc("days").draw().unwrap();
            chart
                .draw_series(LineSeries::new((0..10).map(|x| (x as f64, x as f64 / 2.0)), RED.stroke_width(2)))
                .unwrap();
            chart
                .draw_series(std::iter::once(Polygon::new(
                    vec![(1.0, 1.0), (2.0, 3.0), (3.0, 1.0)],
                    BLUE.mix(0.2).filled(),
                )))
                .unwrap();
            chart
                .draw_series([
                    Circle::new((5.0, 2.0), 7, GREEN.filled()),
                    Circle::new((6.0, 2.0), 4, BLACK.stroke_width(2)),
                ])
                .unwrap();
            chart
                .draw_series([
                    Rectangle::new([(1.0, 1.0), (2.0, 2.0)], CYAN.filled()),
                    Rectangle::new([(3.0, 3.0), (4.0, 4.5)], MAGENTA),
                ])
                .unwrap();
            chart
                .draw_series(std::iter::once(Text::new(
                    "a <b>",
                    (7.0, 4.0),
                    ("serif", 11).into_font().style(FontStyle::Bold),
                )))
                .unwrap();
            chart
                .draw_series(std::iter::once(Text::new(
                    "i",
                    (7.0, 3.0),
                    ("serif", 11).into_font().style(FontStyle::Italic),
                )))
                .unwrap();
            root.draw_pixel((3, 4), &RED).unwrap();
            root.present().unwrap();
        }
        let (mut theirs, mut ours) = (String::new(), String::new());
        draw(SVGBackend::with_string(&mut theirs, (400, 300)).into_drawing_area());
        draw(Svg::with_string(&mut ours, (400, 300)).into_drawing_area());
        assert!(theirs.contains("<polygon") && theirs.contains("<circle") && theirs.contains("font-style"));
        assert_eq!(ours, theirs);
    }
}
