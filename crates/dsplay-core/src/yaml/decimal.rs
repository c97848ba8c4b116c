//! Decimal text to `f64` without the standard library's parser, whose exact
//! algorithm carries a 10 KB table of powers of five into the wasm: YAML
//! floats are all but absent from Kubernetes manifests (no field is a float).
//!
//! Accepts what `str::parse::<f64>` accepts for finite decimals (`1`, `-1.5`,
//! `.5`, `1.`, `2e-3`, `1E+9`; no `inf`/`nan` words, no `_`). The result is
//! correctly rounded whenever the significant digits fit in 2^53 and the
//! exponent in ±22 (Clinger's fast path: one exact multiplication or
//! division), which covers every float a manifest plausibly holds; beyond
//! that it is within a few units in the last place.

const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22,
];

pub(super) fn decimal_to_f64(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, mut i) = match bytes.first()? {
        b'-' => (true, 1),
        b'+' => (false, 1),
        _ => (false, 0),
    };
    let mut mantissa: u64 = 0;
    let mut exponent: i64 = 0;
    let mut digits = 0;
    let take_digit = |d: u8, after_point: bool, mantissa: &mut u64, exponent: &mut i64| {
        if *mantissa < 1_000_000_000_000_000_000 {
            *mantissa = *mantissa * 10 + u64::from(d - b'0');
            if after_point {
                *exponent -= 1;
            }
        } else if !after_point {
            // Digits past 19 significant ones only scale the value.
            *exponent += 1;
        }
    };
    while let Some(&d @ b'0'..=b'9') = bytes.get(i) {
        take_digit(d, false, &mut mantissa, &mut exponent);
        digits += 1;
        i += 1;
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        while let Some(&d @ b'0'..=b'9') = bytes.get(i) {
            take_digit(d, true, &mut mantissa, &mut exponent);
            digits += 1;
            i += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        let exp_negative = match bytes.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut written: i64 = 0;
        while let Some(&d @ b'0'..=b'9') = bytes.get(i) {
            written = (written * 10 + i64::from(d - b'0')).min(100_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exponent += if exp_negative { -written } else { written };
    }
    if i != bytes.len() {
        return None;
    }
    let value = scale(mantissa as f64, exponent);
    Some(if negative { -value } else { value })
}

fn scale(mut value: f64, mut exponent: i64) -> f64 {
    if value == 0.0 {
        return 0.0;
    }
    while exponent > 22 {
        value *= 1e22;
        exponent -= 22;
        if value.is_infinite() {
            return value;
        }
    }
    while exponent < -22 {
        value /= 1e22;
        exponent += 22;
        if value == 0.0 {
            return value;
        }
    }
    if exponent >= 0 {
        value * EXACT_POWERS_OF_TEN[exponent as usize]
    } else {
        value / EXACT_POWERS_OF_TEN[(-exponent) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::decimal_to_f64;
    use proptest::prelude::*;

    #[test]
    fn reads_what_the_standard_parser_reads() {
        for text in ["0", "1", "-1.5", ".5", "1.", "2e-3", "1E+9", "0.1", "3.14159", "123456789012345", "1e22", "-0.0", "6.02e23", "1e400", "1e-400"] {
            let ours = decimal_to_f64(text).unwrap();
            let std: f64 = text.parse().unwrap();
            let close = ours == std || ((ours - std) / std).abs() < 1e-15;
            assert!(close, "{text}: {ours} against {std}");
        }
        for text in ["", ".", "-", "e5", "1e", "1e+", "1_000", "inf", "nan", "0x10", "1.2.3", "1 ", "+-1"] {
            assert_eq!(decimal_to_f64(text), None, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn the_fast_path_is_exact(int in 0u64..(1 << 53), point in 0usize..16, exp in -22i32..=22) {
            let digits = int.to_string();
            let point = point.min(digits.len());
            let text = format!("{}.{}e{exp}", &digits[..digits.len() - point], &digits[digits.len() - point..]);
            let std: f64 = text.parse().unwrap();
            let ours = decimal_to_f64(&text).unwrap();
            // Exact when the digits fit in 2^53 and the scaled exponent stays within ±22.
            if (exp - point as i32).abs() <= 22 {
                prop_assert_eq!(ours, std, "{}", text);
            } else {
                prop_assert!(((ours - std) / std).abs() < 1e-15 || ours == std, "{}", text);
            }
        }
    }
}
