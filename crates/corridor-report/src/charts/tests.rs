//! Tests of the charts: SVG out, number formats, dashed lines past the palette, stacked mark labels.

use super::*;

#[test]
fn no_decimals_prints_as_format_does() {
    let mut values = vec![0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 1e15, 9e15, 9.5e15, 1e300, f64::MAX, f64::NAN, f64::INFINITY];
    values.extend((0..3000).map(|i| i as f64 * 0.25 - 100.0));
    values.extend((0..60).map(|p| 2f64.powi(p) + 1.0));
    for v in values {
        for v in [v, -v] {
            assert_eq!(no_decimals(v), format!("{v:.0}"), "{v:e}");
        }
    }
}

#[test]
fn lines_past_the_palette_are_dashed() {
    let start = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
    let chart = |n: usize| TimeChart {
        title: "t".into(),
        y_label: "people".into(),
        start,
        series: (0..n).map(|k| Series::new(format!("s{k}"), vec![k as f64, k as f64 + 1.0, 2.0])).collect(),
        marks: Vec::new(),
    };
    let dashes = |svg: &str| svg.matches("<polyline").count();
    let (ten, twelve) = (time_chart(&chart(10), (600, 300)).unwrap(), time_chart(&chart(12), (600, 300)).unwrap());
    // Ten solid lines; two more drawn (and in the legend) as dashes: many short segments each.
    assert!(dashes(&twelve) > dashes(&ten) + 4, "{} against {}", dashes(&twelve), dashes(&ten));
    assert!(twelve.contains("s11"), "the eleventh and twelfth are in the legend");
}

#[test]
fn label_rows_stack_only_marks_closer_than_the_gap() {
    let marks: Vec<Mark> = [10, 12, 13, 40, 41, 90].iter().map(|&day| Mark { day, label: String::new() }).collect();
    // 12 is within 5 days of 10 (row 1), 13 within 5 of 10 and 12 (row 2); 40 starts row 0 again.
    assert_eq!(label_rows(&marks, 5), [0, 1, 2, 0, 1, 0]);
    assert_eq!(label_rows(&marks, 1), [0, 0, 0, 0, 0, 0]);
}

#[test]
fn charts_are_svg() {
    let start = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
    let c = TimeChart {
        title: "t".into(),
        y_label: "people".into(),
        start,
        series: vec![Series {
            band: Some((vec![0.0, 1.0, 1.0], vec![2.0, 3.0, 4.0])),
            ..Series::new("a", vec![1.0, 2.0, 3.0])
        }],
        marks: Vec::new(),
    };
    for svg in [
        time_chart(&c, (400, 300)).unwrap(),
        bars("b", "people", start, &[1.0, 0.0, 5.0], (400, 300)).unwrap(),
        histogram("h", "days", "people", &[(1.0, 1), (2.0, 1), (2.5, 1), (10.0, 1)], 5, (400, 300)).unwrap(),
        heatmap("m", start, &[("A".into(), vec![0.0; 10]), ("B".into(), vec![3.0; 10])], (400, 300)).unwrap(),
        route_map(
            "r",
            &[
                MapPlace { name: "A".into(), lat: 14.0, lon: -90.0, people: 10.0, border: false },
                MapPlace { name: "B".into(), lat: 32.0, lon: -117.0, people: 0.0, border: true },
            ],
            &[(0, 1)],
            (400, 300),
        )
        .unwrap(),
    ] {
        assert!(svg.starts_with("<svg"), "{}", &svg[..40.min(svg.len())]);
        assert!(svg.trim_end().ends_with("</svg>"));
    }
}
