//! Tests of the generators: known answers, stream independence, and the distributions drawn.

use super::*;

/// Known-answer vectors from Random123 (kat_vectors, philox4x32_10).
#[test]
fn philox_known_answers() {
    assert_eq!(philox4x32_10([0, 0, 0, 0], [0, 0]), [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
    assert_eq!(philox4x32_10([u32::MAX; 4], [u32::MAX; 2]), [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]);
    assert_eq!(
        philox4x32_10([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0]),
        [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]
    );
}

#[test]
fn stream_is_consecutive_blocks() {
    let key = [0xa409_3822, 0x299f_31d0];
    let mut s = Stream::new(0x299f_31d0_a409_3822, Purpose::Movement, 0, 9, 8);
    let first: Vec<u32> = (0..12).map(|_| s.next_u32()).collect();
    let ctr = |j: u32| [9, 8, Purpose::Movement as u32, j];
    let expect: Vec<u32> = (0..3).flat_map(|j| philox4x32_10(ctr(j), key)).collect();
    assert_eq!(first, expect);
}

#[test]
fn streams_differ_by_every_key_part() {
    let base = Stream::new(7, Purpose::Movement, 0, 1, 1).next_u32();
    assert_ne!(base, Stream::new(8, Purpose::Movement, 0, 1, 1).next_u32());
    assert_ne!(base, Stream::new(7, Purpose::Spawn, 0, 1, 1).next_u32());
    assert_ne!(base, Stream::new(7, Purpose::Movement, 1, 1, 1).next_u32());
    assert_ne!(base, Stream::new(7, Purpose::Movement, 0, 2, 1).next_u32());
    assert_ne!(base, Stream::new(7, Purpose::Movement, 0, 1, 2).next_u32());
}

#[test]
fn move_streams_are_uniform_independent_and_keyed() {
    // Words of neighbouring agents' streams: uniform in each of 16 bins and uncorrelated between
    // consecutive words of a stream and between neighbouring agents (the streams' hashed starts).
    let n = 100_000u32;
    let mut bins = [0u32; 16];
    let mut bins_third = [0u32; 16];
    let (mut same_stream, mut next_agent, mut next_output) = (0.0f64, 0.0f64, 0.0f64);
    let unit = |w: u32| f64::from(w) / 4_294_967_296.0 - 0.5;
    for i in 0..n {
        let mut s = MoveStream::new(11, i, 40);
        let mut t = MoveStream::new(11, i + 1, 40);
        let (a, b, c) = (s.next_u32(), s.next_u32(), t.next_u32());
        // The first two words come from the start hash, the third from the first SplitMix64 step.
        let third = s.next_u32();
        bins[(a >> 28) as usize] += 1;
        bins_third[(third >> 28) as usize] += 1;
        same_stream += unit(a) * unit(b);
        next_agent += unit(a) * unit(c);
        next_output += unit(a) * unit(third);
    }
    let expected = f64::from(n) / 16.0;
    for b in bins.into_iter().chain(bins_third) {
        assert!((f64::from(b) - expected).abs() < 5.0 * expected.sqrt(), "{bins:?} {bins_third:?}");
    }
    // Correlations: 1/12 is a variance of one; allow five standard errors (1/12/sqrt(n) each).
    let se = 1.0 / 12.0 / f64::from(n).sqrt();
    assert!((same_stream / f64::from(n)).abs() < 5.0 * se, "{same_stream}");
    assert!((next_agent / f64::from(n)).abs() < 5.0 * se, "{next_agent}");
    assert!((next_output / f64::from(n)).abs() < 5.0 * se, "{next_output}");
    let first = |seed, id, day| MoveStream::new(seed, id, day).next_u32();
    let a = first(7, 1, 1);
    assert_ne!(a, first(8, 1, 1));
    assert_ne!(a, first(7, 2, 1));
    assert_ne!(a, first(7, 1, 2));
    // The derived draws work on it as on a Philox stream.
    let mut s = MoveStream::new(3, 0, 0);
    let mean = (0..50_000).map(|_| Draw::uniform(&mut s)).sum::<f64>() / 50_000.0;
    assert!((mean - 0.5).abs() < 0.01, "{mean}");
}

#[test]
fn quick_uniform_is_uniform_and_keyed() {
    let n = 200_000u32;
    let mut sum = 0.0;
    let mut low = 0u32;
    for i in 0..n {
        let u = quick_uniform(7, Purpose::Institution, 3, i, i % 365);
        assert!((0.0..1.0).contains(&u));
        sum += u;
        low += u32::from(u < 0.001);
    }
    assert!((sum / f64::from(n) - 0.5).abs() < 0.004);
    // 200 expected below 0.001; allow five standard deviations.
    assert!((f64::from(low) - 200.0).abs() < 5.0 * 200f64.sqrt(), "{low}");
    let a = quick_uniform(7, Purpose::Institution, 3, 1, 1);
    assert_ne!(a, quick_uniform(8, Purpose::Institution, 3, 1, 1));
    assert_ne!(a, quick_uniform(7, Purpose::Institution, 4, 1, 1));
    assert_ne!(a, quick_uniform(7, Purpose::Spawn, 3, 1, 1));
    assert_ne!(a, quick_uniform(7, Purpose::Institution, 3, 2, 1));
    assert_ne!(a, quick_uniform(7, Purpose::Institution, 3, 1, 2));
}

#[test]
fn uniform_mean_and_range() {
    let mut s = Stream::new(1, Purpose::Movement, 0, 0, 0);
    let n = 200_000;
    let mut sum = 0.0;
    for _ in 0..n {
        let u = s.uniform();
        assert!((0.0..1.0).contains(&u));
        sum += u;
    }
    let mean = sum / f64::from(n);
    // Standard error is 1/sqrt(12 n) ≈ 0.00065; allow six of them.
    assert!((mean - 0.5).abs() < 0.004, "mean {mean}");
}

#[test]
fn pick_cumulative_follows_weights() {
    let cum = [1.0, 1.0, 4.0]; // weights 1, 0, 3
    let mut s = Stream::new(3, Purpose::Movement, 0, 0, 0);
    let mut hits = [0u32; 3];
    for _ in 0..40_000 {
        hits[s.pick_cumulative(&cum)] += 1;
    }
    assert_eq!(hits[1], 0);
    let share = f64::from(hits[2]) / 40_000.0;
    assert!((share - 0.75).abs() < 0.015, "share {share}");
}

/// A source that always gives the same word, to put a chosen draw into the table lookup.
struct Word(u32);

impl Draw for Word {
    fn next_u32(&mut self) -> u32 {
        self.0
    }
}

/// The table lookup counts thresholds above the draw; that must be the first day whose
/// threshold the draw reaches, for draws at and around every threshold.
#[test]
fn geometric_table_lookup_is_the_first_threshold_reached() {
    for p in [0.05, 0.3, 0.5, 0.9, 1.0] {
        let table = geometric_table(p);
        assert!(table.windows(2).all(|w| w[0] >= w[1]), "p {p}: thresholds never rise");
        let mut words: Vec<u32> = vec![0, 1, u32::MAX];
        for &t in &table {
            words.extend([t.saturating_sub(1), t, t.saturating_add(1)]);
        }
        for w in words {
            let first = table.iter().position(|&s| w >= s);
            let got = Word(w).geometric_days_by_table(&table, (1.0f64 - p).ln());
            match first {
                Some(k) => assert_eq!(got, k as u32, "p {p}, word {w}"),
                None => assert!(got >= GEOMETRIC_TABLE as u32, "p {p}, word {w}: past the table"),
            }
        }
    }
}

#[test]
fn geometric_by_table_and_by_log_agree() {
    for p in [0.05, 0.3, 0.9] {
        let ln = (1.0f64 - p).ln();
        let n = 40_000u32;
        let mut s = Stream::new(11, Purpose::Movement, 0, 0, 0);
        let table = geometric_table(p);
        let trials: u64 = (0..n).map(|_| u64::from(s.geometric_days_by_table(&table, ln))).sum();
        let logs: u64 = (0..n).map(|_| u64::from(s.geometric_days_ln(ln))).sum();
        let expect = (1.0 - p) / p;
        for total in [trials, logs] {
            let mean = total as f64 / f64::from(n);
            // Standard error sqrt(1-p)/p/sqrt(n); allow five.
            let tol = 5.0 * (1.0 - p).sqrt() / p / f64::from(n).sqrt();
            assert!((mean - expect).abs() < tol, "p {p}: mean {mean} expected {expect}");
        }
    }
}

#[test]
fn geometric_days_has_mean_of_failures() {
    let mut s = Stream::new(5, Purpose::Group, 0, 0, 0);
    let p = 0.1;
    let n = 50_000;
    let total: u64 = (0..n).map(|_| u64::from(s.geometric_days(p))).sum();
    let mean = total as f64 / f64::from(n);
    // Mean failures before first success = (1-p)/p = 9.
    assert!((mean - 9.0).abs() < 0.25, "mean {mean}");
}

/// The guided lookup gives the table's wait for every word: at both ends of every bucket, at and
/// around every threshold, and at random words, for chances whose thresholds share buckets (0.9), fill
/// the low buckets (0.05) or lie apart (0.3).
#[test]
fn geometric_guide_gives_the_table_wait() {
    let mut rng = Stream::new(5, Purpose::Movement, 0, 0, 0);
    for p in [0.05, 0.1, 0.3, 0.5, 0.9, 0.999] {
        let table = geometric_table(p);
        let guide = geometric_guide(&table);
        let ln = (1.0f64 - p).ln();
        let mut words: Vec<u32> =
            (0..GEOMETRIC_GUIDE as u32).flat_map(|b| [b << 24, (b << 24) | 0x00FF_FFFF]).collect();
        for &t in &table {
            words.extend([t.saturating_sub(1), t, t.saturating_add(1)]);
        }
        words.extend((0..20_000).map(|_| rng.next_u32()));
        let mut known = 0;
        for w in words {
            // Both draw the word (and the same again past the table).
            assert_eq!(
                Word(w).geometric_days_guided(&guide, &table, ln),
                Word(w).geometric_days_by_table(&table, ln),
                "p {p}, word {w:#x}"
            );
            known += usize::from(guide[(w >> 24) as usize] != GUIDE_SEARCH);
        }
        assert!(known > 0, "p {p}: the guide knows some buckets");
    }
}
