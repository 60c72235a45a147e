//! Tests of the row buffer: every number and text cell written as `write!` and the csv crate write
//! them, and the decimal day counter against `to_string`.

use super::*;

const EDGES: [u64; 16] = [
    0,
    1,
    9,
    10,
    11,
    99,
    100,
    101,
    999,
    1000,
    12_345,
    65_535,
    u32::MAX as u64,
    u32::MAX as u64 + 1,
    10_000_000_000_000_000_000,
    u64::MAX,
];

#[test]
fn decimal_digits_match_format() {
    let more = (0..=20).flat_map(|p| {
        let t = 10u64.checked_pow(p).unwrap_or(u64::MAX);
        [t.saturating_sub(1), t, t.saturating_add(1)]
    });
    for v in EDGES.into_iter().chain(more).chain(0..20_000) {
        let mut out = b"x".to_vec();
        push_u64(&mut out, v);
        assert_eq!(out, format!("x{v}").into_bytes(), "{v}");
        // In place, with the bytes around the number left alone.
        let mut buf = [b'#'; 2 + MAX_U64_DIGITS + 2];
        let end = put_u64(&mut buf, 2, v);
        let s = v.to_string();
        assert_eq!(end, 2 + s.len());
        assert_eq!(&buf[2..end], s.as_bytes());
        assert!(buf[..2].iter().chain(&buf[end..]).all(|&b| b == b'#'), "{v}");
    }
}

#[test]
fn four_digits_keep_their_leading_zeros() {
    for v in 0..10_000u32 {
        let mut buf = [b'#'; 6];
        put_four_digits(&mut buf, 1, v);
        assert_eq!(&buf, format!("#{v:04}#").as_bytes());
    }
}

#[test]
fn line_writes_what_format_writes() {
    let mut line = LineBuf::default();
    let mut want = String::new();
    for (k, v) in EDGES.into_iter().enumerate() {
        line.u64(v);
        line.byte(b',');
        let neg = -(v.min(i64::MAX as u64) as i64);
        line.i64(neg);
        line.bytes(b";x");
        want.push_str(&format!("{v},{neg};x"));
        if k == 5 {
            line.i64(i64::MIN);
            want.push_str(&i64::MIN.to_string());
        }
    }
    // Long enough to grow the buffer more than once.
    for _ in 0..100 {
        line.bytes(&[b'y'; 50]);
        want.push_str(&"y".repeat(50));
    }
    assert_eq!(line.as_bytes(), want.as_bytes());
    line.clear();
    line.u64(7);
    assert_eq!(line.as_bytes(), b"7");
}

#[test]
fn fixed_cells_write_text_and_comma() {
    let names = ["at_place", "", "crossed_between_ports"];
    let cells = FixedCells::new(names).expect("short names fit");
    let mut buf = [b'#'; 2 + CELL];
    for (i, n) in names.iter().enumerate() {
        let end = cells.put(&mut buf, 2, i);
        assert_eq!(&buf[2..end], format!("{n},").as_bytes());
    }
    assert!(FixedCells::new(["x".repeat(CELL - 1).as_str()]).is_none());
    assert!(FixedCells::new(["x".repeat(CELL - 2).as_str()]).is_some());
}

#[test]
fn small_numbers_write_digits_and_comma() {
    let small = SmallNumbers::default();
    let more = EDGES.into_iter().filter_map(|v| u32::try_from(v).ok());
    for v in (0..=SMALL as u32 + 10).chain(more).chain([u32::MAX]) {
        let mut buf = [b'#'; 1 + SmallNumbers::WIDTH];
        let end = small.put(&mut buf, 1, v);
        assert_eq!(&buf[1..end], format!("{v},").as_bytes(), "{v}");
        assert_eq!(buf[0], b'#');
    }
}

#[test]
fn counter_counts_in_decimal() {
    let mut c = DecimalCounter::default();
    let mut buf = [b'#'; DecimalCounter::WIDTH + 1];
    for v in 0..100_500u64 {
        assert_eq!(c.digits(), v.to_string().as_bytes());
        let end = c.put(&mut buf, 1);
        assert_eq!(&buf[1..end], format!("{v},").as_bytes());
        c.increment();
    }
}

#[test]
fn counter_grows_to_twenty_digits() {
    let mut c = DecimalCounter { cell: [0; CELL], digits: 19 };
    c.cell[..19].fill(b'9');
    c.cell[19] = b',';
    c.increment();
    assert_eq!(c.digits(), b"10000000000000000000");
    let mut buf = [0u8; DecimalCounter::WIDTH];
    let end = c.put(&mut buf, 0);
    assert_eq!(&buf[..end], b"10000000000000000000,");
}

#[test]
fn cells_write_text_and_comma() {
    let long = "a place with a name longer than thirty-two bytes, quoted";
    for names in [vec!["at_place", "", "crossed_between_ports"], vec!["Z1", long, "x"]] {
        let cells = Cells::new(names.iter().map(|s| s.as_bytes()));
        assert!(cells.width() > names.iter().map(|s| s.len()).max().unwrap());
        let mut buf = vec![b'#'; 3 + cells.width()];
        for (i, n) in names.iter().enumerate() {
            let end = cells.put(&mut buf, 3, i);
            assert_eq!(&buf[3..end], format!("{n},").as_bytes());
        }
    }
}
