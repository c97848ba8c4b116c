use std::fmt;

/// A `resource.Quantity`, held as thousandths of its base unit (millicores for
/// cpu, milli-bytes for memory) so that `500m` and `8Gi` compare exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quantity {
    pub millis: i128,
}

impl Quantity {
    pub const ZERO: Quantity = Quantity { millis: 0 };

    /// The quantity as the API prints it for `resource`: binary suffixes for
    /// byte amounts (`8Gi`), the canonical form otherwise.
    pub fn text_for(self, resource: &str) -> String {
        let bytes = matches!(resource, "memory" | "ephemeral-storage" | "storage") || resource.starts_with("hugepages-");
        if bytes && self.millis % 1000 == 0 && self.millis != 0 {
            let units = self.millis / 1000;
            for (suffix, shift) in [("Ei", 60), ("Pi", 50), ("Ti", 40), ("Gi", 30), ("Mi", 20), ("Ki", 10)] {
                if units % (1i128 << shift) == 0 {
                    return format!("{}{suffix}", units >> shift);
                }
            }
        }
        self.to_string()
    }

    pub fn from_units(units: i64) -> Quantity {
        Quantity { millis: i128::from(units) * 1000 }
    }

    /// Parses Kubernetes quantity syntax: `4`, `500m`, `1.5`, `8Gi`, `1e3`, `100M`.
    /// Models k8s.io/apimachinery/pkg/api/resource/quantity.go ParseQuantity
    /// (fractions below a milli-unit round up, as the API server does).
    pub fn parse(text: &str) -> Option<Quantity> {
        let text = text.trim();
        let (sign, rest) = match text.as_bytes().first()? {
            b'-' => (-1i128, &text[1..]),
            b'+' => (1, &text[1..]),
            _ => (1, text),
        };
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, suffix) = rest.split_at(number_end);
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return None;
        }
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        // Scale as (numerator * 1000) / denominator, with numerator built from the digits.
        let digits: String = [whole, fraction].concat();
        if digits.len() > 30 {
            return None;
        }
        let mut mantissa: i128 = digits.parse().ok()?;
        let mut denominator: i128 = 10i128.checked_pow(fraction.len() as u32)?;
        let (multiplier, divisor): (i128, i128) = match suffix {
            "" => (1, 1),
            "m" => (1, 1000),
            "n" => (1, 1_000_000_000),
            "u" => (1, 1_000_000),
            "k" => (1_000, 1),
            "M" => (1_000_000, 1),
            "G" => (1_000_000_000, 1),
            "T" => (1_000_000_000_000, 1),
            "P" => (1_000_000_000_000_000, 1),
            "E" => (1_000_000_000_000_000_000, 1),
            "Ki" => (1 << 10, 1),
            "Mi" => (1 << 20, 1),
            "Gi" => (1 << 30, 1),
            "Ti" => (1 << 40, 1),
            "Pi" => (1 << 50, 1),
            "Ei" => (1 << 60, 1),
            _ => {
                let exponent = suffix.strip_prefix(['e', 'E'])?;
                let exponent: i32 = exponent.parse().ok()?;
                if !(-18..=18).contains(&exponent) {
                    return None;
                }
                if exponent >= 0 {
                    (10i128.pow(exponent as u32), 1)
                } else {
                    (1, 10i128.pow((-exponent) as u32))
                }
            }
        };
        mantissa = mantissa.checked_mul(multiplier)?.checked_mul(1000)?;
        denominator = denominator.checked_mul(divisor)?;
        let millis = (mantissa + denominator - 1) / denominator;
        Some(Quantity { millis: sign * millis })
    }

    pub fn saturating_add(self, other: Quantity) -> Quantity {
        Quantity { millis: self.millis.saturating_add(other.millis) }
    }
}

impl fmt::Display for Quantity {
    /// Whole units when exact, else millis (`500m`), as kubectl shows cpu.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.millis % 1000 == 0 {
            write!(f, "{}", self.millis / 1000)
        } else {
            write!(f, "{}m", self.millis)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_amounts_print_with_binary_suffixes() {
        let q = |text| Quantity::parse(text).unwrap();
        assert_eq!(q("8Gi").text_for("memory"), "8Gi");
        assert_eq!(q("1024Ti").text_for("ephemeral-storage"), "1Pi");
        assert_eq!(q("1536Mi").text_for("hugepages-2Mi"), "1536Mi");
        assert_eq!(q("8Gi").text_for("pods"), "8589934592");
        assert_eq!(q("500m").text_for("cpu"), "500m");
    }

    #[test]
    fn parses_the_forms_kubernetes_accepts() {
        assert_eq!(Quantity::parse("4"), Some(Quantity::from_units(4)));
        assert_eq!(Quantity::parse("500m").unwrap().millis, 500);
        assert_eq!(Quantity::parse("1.5").unwrap().millis, 1500);
        assert_eq!(Quantity::parse("8Gi").unwrap().millis, 8 * (1i128 << 30) * 1000);
        assert_eq!(Quantity::parse("100M").unwrap().millis, 100_000_000_000);
        assert_eq!(Quantity::parse("1e3").unwrap().millis, 1_000_000);
        assert_eq!(Quantity::parse("0.1m").unwrap().millis, 1, "rounds up below a milli");
    }

    #[test]
    fn rejects_what_kubernetes_rejects() {
        for bad in ["", "abc", "1.2.3", "5X", ".", "1e99", "m"] {
            assert_eq!(Quantity::parse(bad), None, "{bad:?}");
        }
    }
}
