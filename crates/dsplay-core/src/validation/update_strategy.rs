//! `spec.updateStrategy`: the type, and maxUnavailable / maxSurge.

use super::field_error::{nonnegative, FieldError};
use super::render::{json_int_or_string, json_update_strategy};
use crate::model::{IntOrString, UpdateStrategy};

const PERCENT_MSG: &str = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/// `^[0-9]+%$`
// Models apimachinery/pkg/util/validation/validation.go IsValidPercent
fn is_valid_percent(s: &str) -> bool {
    s.strip_suffix('%')
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// The number of a valid percent string; Go's `strconv.Atoi` saturates on overflow.
// Models pkg/apis/apps/validation/validation.go getPercentValue
fn percent_value(s: &str) -> Option<i64> {
    if !is_valid_percent(s) {
        return None;
    }
    let digits = s.strip_suffix('%').unwrap_or("");
    Some(digits.bytes().fold(0i64, |n, b| {
        n.saturating_mul(10).saturating_add(i64::from(b - b'0'))
    }))
}

/// Whether the value counts as non-zero: a percent by its number, an integer by
/// itself, any other string by Go `strconv.Atoi` (`IntOrString.IntValue`), which
/// is non-zero exactly for `[+-]?[0-9]+` with a non-zero digit (it saturates on
/// overflow and gives 0 on a syntax error).
// Models pkg/apis/apps/validation/validation.go getIntOrPercentValue
fn is_non_zero(value: &IntOrString) -> bool {
    match value {
        IntOrString::Int(i) => *i != 0,
        IntOrString::Str(s) => match percent_value(s) {
            Some(p) => p != 0,
            None => {
                let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
                !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && digits.bytes().any(|b| b != b'0')
            }
        },
    }
}

// Models pkg/apis/apps/validation/validation.go ValidatePositiveIntOrPercent
fn validate_positive_int_or_percent(value: &IntOrString, path: &str, errs: &mut Vec<FieldError>) {
    match value {
        IntOrString::Str(s) => {
            if !is_valid_percent(s) {
                errs.push(FieldError::invalid(
                    path,
                    &json_int_or_string(value),
                    PERCENT_MSG,
                ));
            }
        }
        IntOrString::Int(i) => nonnegative(*i, path, errs),
    }
}

// Models pkg/apis/apps/validation/validation.go IsNotMoreThan100Percent
fn validate_not_more_than_100_percent(value: &IntOrString, path: &str, errs: &mut Vec<FieldError>) {
    if let IntOrString::Str(s) = value {
        if percent_value(s).is_some_and(|p| p > 100) {
            errs.push(FieldError::invalid(
                path,
                &json_int_or_string(value),
                "must not be greater than 100%",
            ));
        }
    }
}

// Models pkg/apis/apps/validation/validation.go ValidateRollingUpdateDaemonSet
fn validate_rolling_update(
    max_unavailable: &IntOrString,
    max_surge: &IntOrString,
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    let unavailable_path = format!("{path}.maxUnavailable");
    let surge_path = format!("{path}.maxSurge");
    validate_positive_int_or_percent(max_unavailable, &unavailable_path, errs);
    validate_positive_int_or_percent(max_surge, &surge_path, errs);
    validate_not_more_than_100_percent(max_unavailable, &unavailable_path, errs);
    validate_not_more_than_100_percent(max_surge, &surge_path, errs);
    match (is_non_zero(max_unavailable), is_non_zero(max_surge)) {
        (true, true) => errs.push(FieldError::invalid(
            &surge_path,
            &json_int_or_string(max_surge),
            "may not be set when maxUnavailable is non-zero",
        )),
        (false, false) => errs.push(FieldError::required(
            &unavailable_path,
            "cannot be 0 when maxSurge is 0",
        )),
        _ => {}
    }
}

/// An empty type, a missing `rollingUpdate` block and unset fields in it are
/// what `SetDefaults_DaemonSet` fills in (RollingUpdate, maxUnavailable 1,
/// maxSurge 0) before validation runs, so `rollingUpdate: Required value`
/// cannot happen here.
// Models pkg/apis/apps/validation/validation.go ValidateDaemonSetUpdateStrategy
pub(crate) fn validate_update_strategy(
    strategy: &UpdateStrategy,
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    match strategy.kind.as_str() {
        "OnDelete" => {}
        "RollingUpdate" | "" => {
            let rolling = strategy.rolling_update.as_ref();
            let one = IntOrString::Int(1);
            let zero = IntOrString::Int(0);
            let max_unavailable = rolling
                .and_then(|r| r.max_unavailable.as_ref())
                .unwrap_or(&one);
            let max_surge = rolling.and_then(|r| r.max_surge.as_ref()).unwrap_or(&zero);
            validate_rolling_update(
                max_unavailable,
                max_surge,
                &format!("{path}.rollingUpdate"),
                errs,
            );
        }
        _ => errs.push(FieldError::not_supported(
            path,
            &json_update_strategy(strategy),
            &["RollingUpdate", "OnDelete"],
        )),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::RollingUpdate;

    const PATH: &str = "spec.updateStrategy";

    pub(crate) fn rolling(
        max_unavailable: Option<IntOrString>,
        max_surge: Option<IntOrString>,
    ) -> UpdateStrategy {
        UpdateStrategy {
            kind: "RollingUpdate".into(),
            rolling_update: Some(RollingUpdate {
                max_unavailable,
                max_surge,
            }),
        }
    }

    fn validate(strategy: &UpdateStrategy) -> Vec<String> {
        let mut errs = Vec::new();
        validate_update_strategy(strategy, PATH, &mut errs);
        errs.into_iter().map(|e| e.message).collect()
    }

    fn int(i: i64) -> Option<IntOrString> {
        Some(IntOrString::Int(i))
    }

    fn text(s: &str) -> Option<IntOrString> {
        Some(IntOrString::Str(s.into()))
    }

    #[test]
    fn defaults_are_valid() {
        assert!(validate(&UpdateStrategy::default()).is_empty());
        assert!(validate(&UpdateStrategy {
            kind: "RollingUpdate".into(),
            rolling_update: None
        })
        .is_empty());
        assert!(validate(&UpdateStrategy {
            kind: String::new(),
            rolling_update: None
        })
        .is_empty());
        assert!(validate(&rolling(None, None)).is_empty());
        assert!(validate(&UpdateStrategy {
            kind: "OnDelete".into(),
            rolling_update: None
        })
        .is_empty());
        assert!(validate(&rolling(text("30%"), None)).is_empty());
        assert!(validate(&rolling(int(0), text("50%"))).is_empty());
    }

    #[test]
    fn unsupported_type() {
        assert_eq!(
            validate(&UpdateStrategy { kind: "Recreate".into(), rolling_update: None }),
            vec!["spec.updateStrategy: Unsupported value: {\"Type\":\"Recreate\",\"RollingUpdate\":null}: supported values: \"RollingUpdate\", \"OnDelete\""]
        );
    }

    #[test]
    fn negative_int() {
        assert_eq!(
            validate(&rolling(int(-1), None)),
            vec!["spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"]
        );
        assert_eq!(
            validate(&rolling(int(0), int(-2))),
            vec!["spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: -2: must be greater than or equal to 0"]
        );
    }

    #[test]
    fn bad_percent_also_counts_as_zero() {
        // Conformance case 108-validation-bad-percent.
        assert_eq!(
            validate(&rolling(text("abc"), None)),
            vec![
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"abc\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
            ]
        );
    }

    #[test]
    fn numeric_string_counts_by_its_number() {
        assert_eq!(
            validate(&rolling(text("5"), int(1))),
            vec![
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"5\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
                "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero",
            ]
        );
    }

    #[test]
    fn more_than_100_percent() {
        assert_eq!(
            validate(&rolling(text("150%"), None)),
            vec!["spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%"]
        );
        assert_eq!(
            validate(&rolling(int(0), text("99999999999999999999999%"))),
            vec!["spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"99999999999999999999999%\": must not be greater than 100%"]
        );
    }

    #[test]
    fn not_both_non_zero() {
        // Conformance case 105-validation-surge-and-unavailable.
        assert_eq!(
            validate(&rolling(int(1), int(1))),
            vec!["spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"]
        );
        assert_eq!(
            validate(&rolling(None, text("10%"))),
            vec!["spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"10%\": may not be set when maxUnavailable is non-zero"]
        );
    }

    #[test]
    fn not_both_zero() {
        // Conformance case 106-validation-both-zero.
        assert_eq!(
            validate(&rolling(int(0), int(0))),
            vec!["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"]
        );
        assert_eq!(
            validate(&rolling(text("0%"), text("0%"))),
            vec!["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"]
        );
    }
}
