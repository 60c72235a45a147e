//! Number formatting and rounding exactly as FLEE's Python/NumPy code prints them.
//! `py_float_repr` is Python's `repr(float)`; `np_round` is NumPy 2's `round(x, n)`.

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
    if (1e-4..1e16).contains(&x.abs()) {
        // Fixed notation: Rust's `{}` prints the same shortest round-trip digits, without the
        // ".0" of an integral value (out.csv prints thousands of errors a run).
        let mut s = format!("{x}");
        if !s.contains('.') {
            s.push_str(".0");
        }
        return s;
    }
    py_float_repr_by_exponent(x)
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
pub fn np_round(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round_ties_even() / f
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

    #[test]
    fn numpy_rounding() {
        assert_eq!(np_round(0.66666666, 4), 0.6667);
        // 0.00005 * 1e4 is exactly 0.5 in binary64, and rint rounds it to even: NumPy
        // gives 0.0 where Python's own round() gives 0.0001.
        assert_eq!(np_round(0.00005, 4), 0.0);
        assert_eq!(np_round(2.5, 0), 2.0);
        assert_eq!(py_float_repr(np_round(1.0 / 24.0, 4)), "0.0417");
    }
}
