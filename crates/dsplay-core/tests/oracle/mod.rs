//! Our YAML value as serde_yaml's, for comparing what we read with what
//! serde_yaml reads. Shared by tests/yaml_parity.rs and the fuzz target
//! fuzz/fuzz_targets/yaml_parity.rs (which includes this file by path).

use dsplay_core::yaml;
use serde_yaml::Value;

/// `value` as serde_yaml's `Value`, entry order kept.
pub fn to_serde_yaml(value: &yaml::Value) -> Value {
    match value {
        yaml::Value::Null => Value::Null,
        yaml::Value::Bool(b) => Value::Bool(*b),
        yaml::Value::Number(n) => Value::Number(match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => u.into(),
            (None, Some(i), _) => i.into(),
            (None, None, f) => f.unwrap_or(f64::NAN).into(),
        }),
        yaml::Value::String(s) => Value::String(s.clone()),
        yaml::Value::Sequence(items) => Value::Sequence(items.iter().map(to_serde_yaml).collect()),
        yaml::Value::Mapping(m) => Value::Mapping(m.iter().map(|(k, v)| (to_serde_yaml(k), to_serde_yaml(v))).collect()),
        yaml::Value::Tagged(tagged) => Value::Tagged(Box::new(serde_yaml::value::TaggedValue {
            tag: serde_yaml::value::Tag::new(tagged.tag.to_string()),
            value: to_serde_yaml(&tagged.value),
        })),
    }
}
