//! `metadata`, label maps and annotation maps.

use super::field_error::FieldError;
use super::label_syntax::{
    dns1123_label_errors, dns1123_subdomain_errors, label_key_errors, label_value_errors,
};
use super::render::go_quote;
use crate::model::{Labels, ObjectMeta};

const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;

/// Errors are appended in key order: Go walks the map in random order.
// Models apimachinery/pkg/apis/meta/v1/validation/validation.go ValidateLabelName
pub(crate) fn validate_label_name(key: &str, path: &str, errs: &mut Vec<FieldError>) {
    for msg in label_key_errors(key) {
        errs.push(FieldError::invalid(path, &go_quote(key), &msg));
    }
}

// Models apimachinery/pkg/apis/meta/v1/validation/validation.go ValidateLabels
pub(crate) fn validate_labels(labels: &Labels, path: &str, errs: &mut Vec<FieldError>) {
    for (key, value) in labels {
        validate_label_name(key, path, errs);
        for msg in label_value_errors(value) {
            errs.push(FieldError::invalid(path, &go_quote(value), &msg));
        }
    }
}

// Models apimachinery/pkg/api/validation/objectmeta.go ValidateAnnotations
pub(crate) fn validate_annotations(annotations: &Labels, path: &str, errs: &mut Vec<FieldError>) {
    let mut total: usize = 0;
    for (key, value) in annotations {
        // The rule is a qualified name, except that case does not matter.
        // Upstream lowercases with Unicode's rules; ASCII ones give the same
        // verdict, since any other letter fails the name's pattern either way
        // (and Unicode's case tables would add 25 KB to the page).
        for msg in label_key_errors(&key.to_ascii_lowercase()) {
            errs.push(FieldError::invalid(path, &go_quote(key), &msg));
        }
        total = total.saturating_add(key.len()).saturating_add(value.len());
    }
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        errs.push(FieldError::too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    }
}

/// The DaemonSet's own metadata. `generateName`, owner references, finalizers
/// and managed fields are not in the model; `generation` is set by the server
/// on create. An empty namespace is the one kubectl fills in from its context.
// Models apimachinery/pkg/api/validation/objectmeta.go ValidateObjectMetaAccessor
// (with pkg/apis/apps/validation/validation.go ValidateDaemonSetName = NameIsDNSSubdomain)
pub(crate) fn validate_object_meta(meta: &ObjectMeta, errs: &mut Vec<FieldError>) {
    if meta.name.is_empty() {
        errs.push(FieldError::required(
            "metadata.name",
            "name or generateName is required",
        ));
    } else {
        for msg in dns1123_subdomain_errors(&meta.name) {
            errs.push(FieldError::invalid(
                "metadata.name",
                &go_quote(&meta.name),
                &msg,
            ));
        }
    }
    if !meta.namespace.is_empty() {
        // ValidateNamespaceName = NameIsDNSLabel
        for msg in dns1123_label_errors(&meta.namespace) {
            errs.push(FieldError::invalid(
                "metadata.namespace",
                &go_quote(&meta.namespace),
                &msg,
            ));
        }
    }
    validate_labels(&meta.labels, "metadata.labels", errs);
    validate_annotations(&meta.annotations, "metadata.annotations", errs);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(errs: &[FieldError]) -> Vec<&str> {
        errs.iter().map(|e| e.message.as_str()).collect()
    }

    #[test]
    fn name_must_be_dns_subdomain() {
        let meta = ObjectMeta {
            name: "My_DS".into(),
            namespace: "default".into(),
            ..Default::default()
        };
        let mut errs = Vec::new();
        validate_object_meta(&meta, &mut errs);
        assert_eq!(
            messages(&errs),
            vec!["metadata.name: Invalid value: \"My_DS\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]
        );
        assert_eq!(errs[0].field, "metadata.name");
    }

    #[test]
    fn name_required() {
        let mut errs = Vec::new();
        validate_object_meta(&ObjectMeta::default(), &mut errs);
        assert_eq!(
            messages(&errs),
            vec!["metadata.name: Required value: name or generateName is required"]
        );
    }

    #[test]
    fn namespace_must_be_dns_label() {
        let meta = ObjectMeta {
            name: "ds".into(),
            namespace: "kube.system".into(),
            ..Default::default()
        };
        let mut errs = Vec::new();
        validate_object_meta(&meta, &mut errs);
        assert_eq!(
            messages(&errs),
            vec!["metadata.namespace: Invalid value: \"kube.system\": must not contain dots"]
        );
    }

    #[test]
    fn labels_key_then_value_in_key_order() {
        let mut labels = Labels::new();
        labels.insert("b".into(), "bad value".into());
        labels.insert("a b".into(), "ok".into());
        let mut errs = Vec::new();
        validate_labels(&labels, "metadata.labels", &mut errs);
        assert_eq!(
            messages(&errs),
            vec![
                "metadata.labels: Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            ]
        );
    }

    #[test]
    fn annotation_keys_are_case_insensitive_qualified_names() {
        let mut annotations = Labels::new();
        annotations.insert("Example.COM/Key".into(), "any value at all".into());
        annotations.insert(
            "deprecated.daemonset.template.generation".into(),
            "1".into(),
        );
        let mut errs = Vec::new();
        validate_annotations(&annotations, "metadata.annotations", &mut errs);
        assert!(errs.is_empty());
        annotations.insert("a/b/c".into(), String::new());
        validate_annotations(&annotations, "metadata.annotations", &mut errs);
        assert_eq!(errs.len(), 1);
        assert!(errs[0]
            .message
            .starts_with("metadata.annotations: Invalid value: \"a/b/c\": a valid label key must"));
    }

    #[test]
    fn annotations_total_size() {
        let mut annotations = Labels::new();
        annotations.insert("big".into(), "x".repeat(TOTAL_ANNOTATION_SIZE_LIMIT));
        let mut errs = Vec::new();
        validate_annotations(&annotations, "metadata.annotations", &mut errs);
        assert_eq!(
            messages(&errs),
            vec!["metadata.annotations: Too long: may not be more than 262144 bytes"]
        );
    }
}
