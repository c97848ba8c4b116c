//! A YAML document's value, as the core reads and builds manifests.
//!
//! The subset of serde_yaml 0.9's `Value` API the code uses, with its
//! semantics: accessors look through tags, `1` and `"1"` are different keys,
//! floats compare by value. Owning it keeps serde_yaml, deprecated by its
//! author, out of everything that ships (yaml/mod.rs).

use std::fmt;
use std::hash::{Hash, Hasher};

use super::{Mapping, Number};

pub type Sequence = Vec<Value>;

// Models serde_yaml 0.9 value/mod.rs Value
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Sequence(Sequence),
    Mapping(Mapping),
    /// `!name value`: a local tag, which serde_yaml keeps.
    Tagged(Box<TaggedValue>),
}

/// A local tag's name, shown with its `!`; `!x` and `x` are the same tag.
// Models serde_yaml 0.9 value/tagged.rs Tag
#[derive(Clone)]
pub struct Tag {
    string: String,
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct TaggedValue {
    pub tag: Tag,
    pub value: Value,
}

impl Tag {
    pub fn new(string: impl Into<String>) -> Tag {
        Tag { string: string.into() }
    }

    /// The name without its leading `!` (`!` alone stays `!`).
    fn name(&self) -> &str {
        match self.string.strip_prefix('!') {
            Some("") | None => &self.string,
            Some(name) => name,
        }
    }
}

impl PartialEq for Tag {
    fn eq(&self, other: &Tag) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Tag {}

impl Hash for Tag {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name().hash(state);
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "!{}", self.name())
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// What names an entry of a mapping (a key: `"name"`, a `Value`) or of a
/// sequence (a position), for `get`.
pub trait Index {
    /// Whether `key` is the mapping key this names.
    fn is_key(&self, key: &Value) -> bool;

    /// The sequence position this names, if any.
    fn position(&self) -> Option<usize> {
        None
    }
}

impl Index for str {
    fn is_key(&self, key: &Value) -> bool {
        matches!(key, Value::String(s) if s == self)
    }
}

impl Index for String {
    fn is_key(&self, key: &Value) -> bool {
        self.as_str().is_key(key)
    }
}

impl Index for Value {
    fn is_key(&self, key: &Value) -> bool {
        key == self
    }
}

/// A position in a sequence; in a mapping, the integer key.
impl Index for usize {
    fn is_key(&self, key: &Value) -> bool {
        matches!(key, Value::Number(n) if n.as_u64() == Some(*self as u64))
    }

    fn position(&self) -> Option<usize> {
        Some(*self)
    }
}

impl<T: Index + ?Sized> Index for &T {
    fn is_key(&self, key: &Value) -> bool {
        (**self).is_key(key)
    }

    fn position(&self) -> Option<usize> {
        (**self).position()
    }
}

impl Value {
    /// The entry `index` names in a mapping or sequence (through tags).
    pub fn get<I: Index>(&self, index: I) -> Option<&Value> {
        match self.untag_ref() {
            Value::Sequence(items) => index.position().and_then(|i| items.get(i)),
            Value::Mapping(mapping) => mapping.get(index),
            _ => None,
        }
    }

    pub fn get_mut<I: Index>(&mut self, index: I) -> Option<&mut Value> {
        match self.untag_mut() {
            Value::Sequence(items) => index.position().and_then(|i| items.get_mut(i)),
            Value::Mapping(mapping) => mapping.get_mut(index),
            _ => None,
        }
    }

    /// The value under its tags.
    pub fn untag_ref(&self) -> &Value {
        let mut value = self;
        while let Value::Tagged(tagged) = value {
            value = &tagged.value;
        }
        value
    }

    pub fn untag_mut(&mut self) -> &mut Value {
        let mut value = self;
        while let Value::Tagged(tagged) = value {
            value = &mut tagged.value;
        }
        value
    }

    pub fn is_null(&self) -> bool {
        matches!(self.untag_ref(), Value::Null)
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.untag_ref() {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<&Number> {
        match self.untag_ref() {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn is_number(&self) -> bool {
        self.as_number().is_some()
    }

    pub fn as_i64(&self) -> Option<i64> {
        self.as_number().and_then(Number::as_i64)
    }

    pub fn as_u64(&self) -> Option<u64> {
        self.as_number().and_then(Number::as_u64)
    }

    pub fn is_f64(&self) -> bool {
        self.as_number().is_some_and(Number::is_f64)
    }

    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().and_then(Number::as_f64)
    }

    pub fn is_string(&self) -> bool {
        self.as_str().is_some()
    }

    pub fn as_str(&self) -> Option<&str> {
        match self.untag_ref() {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_sequence(&self) -> bool {
        self.as_sequence().is_some()
    }

    pub fn as_sequence(&self) -> Option<&Sequence> {
        match self.untag_ref() {
            Value::Sequence(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_sequence_mut(&mut self) -> Option<&mut Sequence> {
        match self.untag_mut() {
            Value::Sequence(items) => Some(items),
            _ => None,
        }
    }

    pub fn is_mapping(&self) -> bool {
        self.as_mapping().is_some()
    }

    pub fn as_mapping(&self) -> Option<&Mapping> {
        match self.untag_ref() {
            Value::Mapping(mapping) => Some(mapping),
            _ => None,
        }
    }

    pub fn as_mapping_mut(&mut self) -> Option<&mut Mapping> {
        match self.untag_mut() {
            Value::Mapping(mapping) => Some(mapping),
            _ => None,
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<Mapping> for Value {
    fn from(mapping: Mapping) -> Value {
        Value::Mapping(mapping)
    }
}

impl From<Number> for Value {
    fn from(n: Number) -> Value {
        Value::Number(n)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::Sequence(items.into_iter().map(Into::into).collect())
    }
}

macro_rules! from_number {
    ($($t:ty)*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(n.into())
            }
        }
    )*};
}

from_number!(u8 u16 u32 u64 usize i8 i16 i32 i64 isize f32 f64);

impl<T: Into<Value>> FromIterator<T> for Value {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Value {
        Value::Sequence(iter.into_iter().map(Into::into).collect())
    }
}

/// serde_yaml's layout (`String("a")`, `Mapping {"k": Number(1)}`), which
/// test failures print.
impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("Null"),
            Value::Bool(b) => write!(f, "Bool({b})"),
            Value::Number(n) => write!(f, "Number({n})"),
            Value::String(s) => write!(f, "String({s:?})"),
            Value::Sequence(items) => {
                f.write_str("Sequence ")?;
                f.debug_list().entries(items).finish()
            }
            Value::Mapping(mapping) => fmt::Debug::fmt(mapping, f),
            Value::Tagged(tagged) => fmt::Debug::fmt(tagged, f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_look_through_tags_and_keys_keep_their_type() {
        let tagged = Value::Tagged(Box::new(TaggedValue { tag: Tag::new("x"), value: Value::from(3) }));
        assert_eq!((tagged.as_i64(), tagged.as_u64(), tagged.as_f64()), (Some(3), Some(3), Some(3.0)));
        assert_eq!(Tag::new("!x"), Tag::new("x"));
        assert_eq!(Tag::new("!").to_string(), "!!");
        let mut mapping = Mapping::new();
        mapping.insert(Value::from(1), Value::from("int"));
        mapping.insert(Value::from("1"), Value::from("string"));
        let value = Value::Mapping(mapping);
        assert_eq!(value.get("1").and_then(Value::as_str), Some("string"));
        assert_eq!(value.get(1).and_then(Value::as_str), Some("int"));
        assert_eq!(value.get(Value::from(1)).and_then(Value::as_str), Some("int"));
        let sequence = Value::from(vec!["a", "b"]);
        assert_eq!(sequence.get(1).and_then(Value::as_str), Some("b"));
        assert_eq!(sequence.get(2), None);
        assert_eq!(sequence.get("a"), None);
        assert_eq!(format!("{value:?}"), r#"Mapping {1: String("int"), "1": String("string")}"#);
    }
}
