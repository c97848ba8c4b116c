//! One validation error, printed the way the API server prints it.
//!
//! Models apimachinery/pkg/util/validation/field/errors.go (`Error.Error`,
//! `ErrorBody`, `Required`, `Forbidden`, `Invalid`, `NotSupported`,
//! `Duplicate`, `TooLong`): `<path>: <type>[: <bad value>][: <detail>]`.

/// One API-server validation error. `field` is the field path (e.g.
/// `spec.template.spec.tolerations[0].operator`), used to point at a line in the
/// user's YAML; `message` is the full text as the API server prints it, e.g.
/// `spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"`.
///
/// `field` equals the path the message starts with, except where upstream
/// names a path that does not exist in the YAML (template labels and
/// annotations are reported at `spec.template.labels`/`.annotations`; `field`
/// then names `spec.template.metadata.labels`/`.annotations`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    fn with_body(path: &str, body: &str) -> FieldError {
        FieldError {
            field: path.to_string(),
            message: format!("{path}: {body}"),
        }
    }

    fn with_detail(path: &str, head: &str, detail: &str) -> FieldError {
        if detail.is_empty() {
            FieldError::with_body(path, head)
        } else {
            FieldError::with_body(path, &format!("{head}: {detail}"))
        }
    }

    /// `field.Required`: the value is never printed.
    pub(crate) fn required(path: &str, detail: &str) -> FieldError {
        FieldError::with_detail(path, "Required value", detail)
    }

    /// `field.Forbidden`: the value is never printed.
    pub(crate) fn forbidden(path: &str, detail: &str) -> FieldError {
        FieldError::with_detail(path, "Forbidden", detail)
    }

    /// `field.Invalid`; `value` is already rendered (see `render`).
    pub(crate) fn invalid(path: &str, value: &str, detail: &str) -> FieldError {
        FieldError::with_detail(path, &format!("Invalid value: {value}"), detail)
    }

    /// `field.NotSupported`: the supported values are quoted with `strconv.Quote`
    /// (all of them are plain ASCII words here).
    pub(crate) fn not_supported(path: &str, value: &str, supported: &[&str]) -> FieldError {
        let quoted: Vec<String> = supported.iter().map(|s| format!("\"{s}\"")).collect();
        let detail = if quoted.is_empty() {
            String::new()
        } else {
            format!("supported values: {}", quoted.join(", "))
        };
        FieldError::with_detail(path, &format!("Unsupported value: {value}"), &detail)
    }

    /// `field.Duplicate`.
    pub(crate) fn duplicate(path: &str, value: &str) -> FieldError {
        FieldError::with_body(path, &format!("Duplicate value: {value}"))
    }

    /// `field.TooLong` (the value is never printed).
    pub(crate) fn too_long(path: &str, max_bytes: usize) -> FieldError {
        let unit = if max_bytes == 1 { "byte" } else { "bytes" };
        FieldError::with_detail(
            path,
            "Too long",
            &format!("may not be more than {max_bytes} {unit}"),
        )
    }
}

/// `ValidateNonnegativeField` (apimachinery/pkg/api/validation/generic.go).
pub(crate) fn nonnegative(value: i64, path: &str, errs: &mut Vec<FieldError>) {
    if value < 0 {
        errs.push(FieldError::invalid(
            path,
            &value.to_string(),
            "must be greater than or equal to 0",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_with_and_without_detail() {
        assert_eq!(
            FieldError::required("spec.a", "").message,
            "spec.a: Required value"
        );
        assert_eq!(
            FieldError::required("spec.a", "must be set").message,
            "spec.a: Required value: must be set"
        );
    }

    #[test]
    fn forbidden_invalid_not_supported_duplicate() {
        assert_eq!(FieldError::forbidden("x", "no").message, "x: Forbidden: no");
        assert_eq!(
            FieldError::invalid("x", "-1", "bad").message,
            "x: Invalid value: -1: bad"
        );
        let e = FieldError::not_supported("x", "\"Foo\"", &["A", "B"]);
        assert_eq!(
            e.message,
            "x: Unsupported value: \"Foo\": supported values: \"A\", \"B\""
        );
        assert_eq!(e.field, "x");
        assert_eq!(
            FieldError::duplicate("x", "\"a\"").message,
            "x: Duplicate value: \"a\""
        );
        assert_eq!(
            FieldError::too_long("x", 262144).message,
            "x: Too long: may not be more than 262144 bytes"
        );
    }

    #[test]
    fn nonnegative_field() {
        let mut errs = Vec::new();
        nonnegative(0, "spec.minReadySeconds", &mut errs);
        assert!(errs.is_empty());
        nonnegative(-1, "spec.minReadySeconds", &mut errs);
        assert_eq!(
            errs,
            vec![FieldError {
                field: "spec.minReadySeconds".into(),
                message:
                    "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"
                        .into()
            }]
        );
    }
}
