//! Number formatting and rounding exactly as FLEE's Python/NumPy code prints them.
//! `py_float_repr` is Python's `repr(float)`; `np_round` is NumPy 2's `round(x, n)`.

use crate::output::rowbuf::{put_four_digits, put_u64, LineBuf, MAX_U64_DIGITS};

/// Python's `repr(x)` / `str(x)` for a float: shortest round-trip digits, fixed notation
/// for exponents -4..16, otherwise `1e-05` / `1e+16` style; always a `.0` when integral.
pub fn py_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let mut four = [0u8; FOUR_DECIMALS_ROOM];
    if let Some(n) = put_four_decimals(&mut four, x) {
        return four[..n].iter().map(|&b| char::from(b)).collect();
    }
    if (1e-4..1e16).contains(&x.abs()) {
        // Fixed notation: Rust's `{}` prints the same shortest round-trip digits, without the
        // ".0" of an integral value.
        let mut s = format!("{x}");
        if !s.contains('.') {
            s.push_str(".0");
        }
        return s;
    }
    py_float_repr_by_exponent(x)
}

/// Appends [`py_float_repr`]`(x)` to `line` (out.csv's daily total error, and its camps' errors that
/// [`put_ten_thousandths`] leaves: mostly zero or four-decimal values, written here digit by digit,
/// without a `String` of their own).
#[inline]
pub fn put_py_float_repr(line: &mut LineBuf, x: f64) {
    if x == 0.0 {
        return line.bytes(if x.is_sign_negative() { b"-0.0" } else { b"0.0" });
    }
    match put_four_decimals(line.room(FOUR_DECIMALS_ROOM), x) {
        Some(n) => line.advance(n),
        None => line.bytes(py_float_repr(x).as_bytes()),
    }
}

/// Below this magnitude a multiple of 1e-4 prints as its four-decimal text (see [`put_four_decimals`]).
const FOUR_DECIMALS_BELOW: f64 = 1e9;

/// Room [`put_four_decimals`] needs: a sign, the whole part, a point and four decimals.
const FOUR_DECIMALS_ROOM: usize = 1 + MAX_U64_DIGITS + 1 + 4;

/// The fast path of [`py_float_repr`] for the values [`np_round`]`(·, 4)` gives (out.csv's errors):
/// when `x` is the double nearest to m·10⁻⁴ for a whole m ≠ 0 and |x| < 1e9, writes that decimal at the
/// start of `out` (trailing zeros dropped, `.0` when whole) and returns its length; otherwise None.
///
/// Why the text is the shortest round-trip one that Python and Rust print: m·10⁻⁴ rounds to x, so it
/// round-trips; any other decimal with no more significant digits, near enough to x to round to it,
/// would have its last digit at or above that of m·10⁻⁴ and so differ from it by at least 10⁻⁴,
/// while doubles below 1e9 are less than 2.4e-7 apart.
#[inline]
fn put_four_decimals(out: &mut [u8], x: f64) -> Option<usize> {
    let a = x.abs();
    if !a.is_finite() || a >= FOUR_DECIMALS_BELOW {
        return None;
    }
    // m = `(a * 1e4).round()` (half away from zero), without libm's `round` (a call on the baseline
    // x86-64 target): below 1e13 the whole part is exact as an integer and `y - whole` is exact.
    let y = a * 1e4;
    let whole = y as u64;
    let m = whole + u64::from(y - whole as f64 >= 0.5);
    if m == 0 || m as f64 / 1e4 != a {
        return None;
    }
    Some(put_ten_thousandths_of(out, x < 0.0, m))
}

/// Appends [`py_float_repr`]`(m / 10⁴)` for a whole `m ≥ 0` (what `np_round(·, 4)` has before its
/// division) from `m` itself, without working it out again from the quotient as
/// [`put_py_float_repr`] does; false (nothing written) from `m = 10¹³` on. Why the text is the same:
/// below 10¹³ the quotient is below 1e9 and [`put_four_decimals`] recovers `m` from it exactly
/// (`quotient · 10⁴` is within 10¹³ · 2⁻⁵² of `m`), then checks that it is the quotient's.
#[inline]
pub fn put_ten_thousandths(line: &mut LineBuf, m: f64) -> bool {
    if !(0.0..1e13).contains(&m) {
        return false;
    }
    if m == 0.0 {
        line.bytes(b"0.0");
        return true;
    }
    let n = put_ten_thousandths_of(line.room(FOUR_DECIMALS_ROOM), false, m as u64);
    line.advance(n);
    true
}

/// Writes `m / 10⁴` (m ≥ 1, below 10¹³) as its decimal, after a minus sign if `negative`, at the start
/// of `out` (trailing zeros dropped, `.0` when whole), and returns its length.
#[inline]
fn put_ten_thousandths_of(out: &mut [u8], negative: bool, m: u64) -> usize {
    let out = &mut out[..FOUR_DECIMALS_ROOM];
    let mut pos = 0;
    if negative {
        out[0] = b'-';
        pos = 1;
    }
    pos = put_u64(out, pos, m / 10_000);
    out[pos] = b'.';
    pos += 1;
    let frac = (m % 10_000) as u32;
    if frac == 0 {
        out[pos] = b'0';
        return pos + 1;
    }
    // All four decimals (leading zeros included), then the trailing zeros dropped, counted without
    // a branch.
    put_four_digits(out, pos, frac);
    let trailing = [10, 100, 1000].iter().map(|&d| usize::from(frac.is_multiple_of(d))).sum::<usize>();
    pos + 4 - trailing
}

/// `py_float_repr` of a finite, non-zero `x` through its exponent form (any magnitude).
fn py_float_repr_by_exponent(x: f64) -> String {
    // Rust's `{:e}` gives the shortest round-trip digits, e.g. "3.2372936e-4".
    let e = format!("{x:e}");
    let (mantissa, exp) = e.split_once('e').unwrap_or((e.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let n = digits.len() as i32;
    if (-4..16).contains(&exp) {
        if exp < 0 {
            let zeros = "0".repeat((-exp - 1) as usize);
            format!("{sign}0.{zeros}{digits}")
        } else if exp + 1 >= n {
            let zeros = "0".repeat((exp + 1 - n) as usize);
            format!("{sign}{digits}{zeros}.0")
        } else {
            let (a, b) = digits.split_at((exp + 1) as usize);
            format!("{sign}{a}.{b}")
        }
    } else {
        let (a, b) = digits.split_at(1);
        let frac = if b.is_empty() { String::new() } else { format!(".{b}") };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{a}{frac}e{esign}{:02}", exp.abs())
    }
}

/// NumPy's `round(x, decimals)` for float64 (decimals ≥ 0): `rint(x * 10^d) / 10^d`,
/// halves to even. Differs from Python's correctly rounded `round` in rare cases.
#[inline]
pub fn np_round(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    rint(x * f) / f
}

/// `np_round(x, 4)` before its division: the whole number of ten-thousandths (`np_round(x, 4)` is
/// this divided by 10⁴).
#[inline]
pub fn np_round4_units(x: f64) -> f64 {
    rint(x * 10f64.powi(4))
}

/// `y.round_ties_even()` (C's `rint`) without libm's call (there is no rounding instruction on the
/// baseline x86-64 target): below 2^52 in magnitude the whole part is exact as an integer and so is
/// the rest; from 2^52 on every double is whole, its own rounding (as are NaN and the infinities).
#[inline]
fn rint(y: f64) -> f64 {
    let a = y.abs();
    if a >= 4_503_599_627_370_496.0 || a.is_nan() {
        return y;
    }
    let whole = a as u64;
    let rest = a - whole as f64;
    let up = rest > 0.5 || (rest == 0.5 && whole & 1 == 1);
    ((whole + u64::from(up)) as f64).copysign(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_notation_shortcut_agrees_with_the_exponent_form() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut values = vec![1e-4, 1e16, 9_999_999_999_999_998.0, 0.1, 1.0, 0.0011, 123.5, 1e15, 2.5e-4];
        for _ in 0..20_000 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let bits = state >> 11;
            // Magnitudes from 1e-6 to 1e18, and rounded decimals like out.csv's errors.
            let x = (bits as f64 / (1u64 << 53) as f64) * 10f64.powi((state % 25) as i32 - 6);
            values.push(x);
            values.push(np_round(x, 4));
            values.push(-x);
        }
        for x in values {
            if x != 0.0 && x.is_finite() {
                assert_eq!(py_float_repr(x), py_float_repr_by_exponent(x), "{x:e}");
            }
        }
    }

    #[test]
    fn four_decimal_path_agrees_with_the_exponent_form() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut values: Vec<f64> = (0..2_000_000u64).map(|m| m as f64 / 1e4).collect();
        for _ in 0..200_000 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let m = (state >> 11) % 10_000_000_000_000;
            values.push(m as f64 / 1e4);
            // Near the bound, and values that are not multiples of 1e-4 (the slow path).
            values.push((FOUR_DECIMALS_BELOW - (m % 1_000_000) as f64 / 1e4).max(0.0));
            values.push(np_round((state >> 20) as f64 / 7.0 / 1e6, 4));
            values.push((state >> 11) as f64 / (1u64 << 53) as f64);
        }
        values.extend([1e-4, 5e-5, 0.00015, 0.1, 0.2, 0.3, 1.0, 24.0, 99_999.999_9, 999_999_999.999_9, 1e9, 1e9 + 0.5]);
        values.extend([f64::MIN_POSITIVE, 5e-324, f64::MAX, 1e16, 1.5e-7]);
        for x in values {
            for x in [x, -x] {
                if x != 0.0 {
                    let want = py_float_repr_by_exponent(x);
                    assert_eq!(py_float_repr(x), want, "{x:e}");
                    let mut line = LineBuf::default();
                    line.bytes(b"ab");
                    put_py_float_repr(&mut line, x);
                    assert_eq!(line.as_bytes(), format!("ab{want}").as_bytes(), "{x:e}");
                }
            }
        }
    }

    #[test]
    fn special_values_in_a_line() {
        for x in [0.0, -0.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut line = LineBuf::default();
            put_py_float_repr(&mut line, x);
            assert_eq!(line.as_bytes(), py_float_repr(x).as_bytes());
        }
        assert_eq!(py_float_repr(-0.0), "-0.0");
        assert_eq!(py_float_repr(f64::NEG_INFINITY), "-inf");
    }

    #[test]
    fn matches_python_repr() {
        let cases = [
            (0.0003237293622531564, "0.0003237293622531564"),
            (0.4, "0.4"),
            (1.0, "1.0"),
            (200.0, "200.0"),
            (0.31622776601667585, "0.31622776601667585"),
            (1e-5, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1e16, "1e+16"),
            (1234567890123456.0, "1234567890123456.0"),
            (-2.5, "-2.5"),
            (0.0001, "0.0001"),
            (10000.0, "10000.0"),
            (0.5714285714285714, "0.5714285714285714"),
        ];
        for (x, want) in cases {
            assert_eq!(py_float_repr(x), want, "{x}");
        }
    }

    /// `rint` is `round_ties_even`, bit for bit: halves either way, signed zeros, the edge at 2^52,
    /// huge values, NaN and the infinities, and random doubles of every magnitude.
    #[test]
    fn rint_is_round_ties_even() {
        let two52 = 4_503_599_627_370_496.0f64;
        let mut values = vec![0.0, 0.5, 1.5, 2.5, 0.49999999999999994, two52, two52 - 0.5, two52 - 1.5, two52 + 1.0];
        values.extend([1e300, f64::MAX, f64::MIN_POSITIVE, 5e-324, f64::NAN, f64::INFINITY, 0.00005 * 1e4]);
        values.extend((0..4000).map(|k| f64::from(k) * 0.25));
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            values.push(f64::from_bits(state));
            values.push((state >> 11) as f64 / (1u64 << 53) as f64 * 10f64.powi((state % 40) as i32 - 10));
        }
        for x in values {
            for y in [x, -x] {
                assert_eq!(rint(y).to_bits(), y.round_ties_even().to_bits(), "{y:e}");
            }
        }
    }

    #[test]
    fn numpy_rounding() {
        assert_eq!(10f64.powi(4), 1e4, "np_round takes 10^4 as powi gives it");
        assert_eq!(np_round(0.66666666, 4), 0.6667);
        // 0.00005 * 1e4 is exactly 0.5 in binary64, and rint rounds it to even: NumPy
        // gives 0.0 where Python's own round() gives 0.0001.
        assert_eq!(np_round(0.00005, 4), 0.0);
        assert_eq!(np_round(2.5, 0), 2.0);
        assert_eq!(py_float_repr(np_round(1.0 / 24.0, 4)), "0.0417");
    }
}
