//! A YAML number: an unsigned or negative 64-bit integer, or a float.

use std::fmt;
use std::hash::{Hash, Hasher};

// Models serde_yaml 0.9 number.rs Number (what it holds, compares and prints).
#[derive(Clone)]
pub struct Number(N);

#[derive(Clone, Copy)]
enum N {
    PosInt(u64),
    /// Always below zero.
    NegInt(i64),
    Float(f64),
}

impl Number {
    pub fn is_i64(&self) -> bool {
        self.as_i64().is_some()
    }

    pub fn is_u64(&self) -> bool {
        matches!(self.0, N::PosInt(_))
    }

    pub fn is_f64(&self) -> bool {
        matches!(self.0, N::Float(_))
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            N::PosInt(n) => i64::try_from(n).ok(),
            N::NegInt(n) => Some(n),
            N::Float(_) => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self.0 {
            N::PosInt(n) => Some(n),
            N::NegInt(_) | N::Float(_) => None,
        }
    }

    /// Any number as a float (an integer rounded to the nearest one).
    pub fn as_f64(&self) -> Option<f64> {
        Some(match self.0 {
            N::PosInt(n) => n as f64,
            N::NegInt(n) => n as f64,
            N::Float(f) => f,
        })
    }

    pub fn is_nan(&self) -> bool {
        matches!(self.0, N::Float(f) if f.is_nan())
    }

    pub fn is_infinite(&self) -> bool {
        matches!(self.0, N::Float(f) if f.is_infinite())
    }

    pub fn is_finite(&self) -> bool {
        !matches!(self.0, N::Float(f) if !f.is_finite())
    }
}

/// An integer and a float are never equal (`1` is not `1.0`), as in
/// serde_yaml; YAML has one NaN, equal to itself.
impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        match (self.0, other.0) {
            (N::PosInt(a), N::PosInt(b)) => a == b,
            (N::NegInt(a), N::NegInt(b)) => a == b,
            (N::Float(a), N::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
            _ => false,
        }
    }
}

impl Eq for Number {}

/// Consistent with `eq`: `0.0` and `-0.0` hash alike, and so do all NaNs
/// (serde_yaml hashes every float alike, which makes a mapping of many float
/// keys slow to check for repeats).
impl Hash for Number {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self.0 {
            N::PosInt(n) => (0u8, n).hash(state),
            N::NegInt(n) => (1u8, n).hash(state),
            // Matches -0.0 too (float patterns compare with ==).
            N::Float(0.0) => (2u8, 0u64).hash(state),
            N::Float(f) if f.is_nan() => (3u8, 0u64).hash(state),
            N::Float(f) => (2u8, f.to_bits()).hash(state),
        }
    }
}

macro_rules! from_unsigned {
    ($($t:ty)*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                Number(N::PosInt(n as u64))
            }
        }
    )*};
}

macro_rules! from_signed {
    ($($t:ty)*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                // serde_yaml keeps zero and above as unsigned, so that `1` read
                // and `1i64` built compare equal.
                Number(if n < 0 { N::NegInt(n as i64) } else { N::PosInt(n as u64) })
            }
        }
    )*};
}

from_unsigned!(u8 u16 u32 u64 usize);
from_signed!(i8 i16 i32 i64 isize);

impl From<f64> for Number {
    fn from(f: f64) -> Number {
        // One NaN: its sign and payload are not kept (serde_yaml).
        Number(N::Float(if f.is_nan() { f64::NAN } else { f }))
    }
}

impl From<f32> for Number {
    fn from(f: f32) -> Number {
        Number::from(f64::from(f))
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            N::PosInt(n) => write!(f, "{n}"),
            N::NegInt(n) => write!(f, "{n}"),
            N::Float(x) if x.is_nan() => f.write_str(".nan"),
            N::Float(x) if x.is_infinite() => f.write_str(if x < 0.0 { "-.inf" } else { ".inf" }),
            // The shortest digits that read back as the same float, laid out
            // as ryu lays them out (`1e21`, `0.0001`, `1.0`): serde_yaml prints
            // with ryu. Rust's `{:e}` would need ryu's layout and tie rule on
            // top, and its float formatting (Grisu and Dragon) is bigger in
            // the wasm than ryu with its `small` tables.
            N::Float(x) => f.write_str(ryu::Buffer::new().format_finite(x)),
        }
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Number({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::Number;

    #[test]
    fn prints_floats_as_ryu_does() {
        let cases = [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (1.5, "1.5"),
            (-2.25, "-2.25"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e16"),
            (1.234e16, "1.234e16"),
            (1e21, "1e21"),
            (123456.789, "123456.789"),
            (0.001, "0.001"),
            (0.0001234, "0.0001234"),
            (0.00001, "0.00001"),
            (0.000001, "1e-6"),
            (1.5e-7, "1.5e-7"),
            (f64::MAX, "1.7976931348623157e308"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
            (5e-324, "5e-324"),
            (0.1 + 0.2, "0.30000000000000004"),
            // Exactly halfway in the last digit: ryu rounds to even, Rust's `{:e}` up.
            (606103501777597.0 + 0.25, "606103501777597.2"),
            (f64::INFINITY, ".inf"),
            (f64::NEG_INFINITY, "-.inf"),
            (f64::NAN, ".nan"),
        ];
        for (x, text) in cases {
            assert_eq!(Number::from(x).to_string(), text, "{x:e}");
        }
    }

    #[test]
    fn integers_and_floats_differ_and_nan_is_itself() {
        assert_eq!(Number::from(1u64), Number::from(1i64));
        assert_ne!(Number::from(1u64), Number::from(1.0));
        assert_eq!(Number::from(f64::NAN), Number::from(-f64::NAN));
        assert_eq!(Number::from(0.0), Number::from(-0.0));
        assert_eq!(Number::from(-3i8).as_i64(), Some(-3));
        assert_eq!(Number::from(u64::MAX).as_i64(), None);
        assert_eq!(Number::from(-1i64).to_string(), "-1");
    }
}
