//! YAML text to `serde_yaml::Value` and back.
//!
//! The value type stays serde_yaml's, which the whole core is written against;
//! reading and writing text are done here, so that the page's wasm carries
//! neither libyaml's parser nor its emitter (15 KB of the gzipped wasm, and
//! unsafe-libyaml is a C translation full of `unsafe`). Reading follows
//! serde_yaml 0.9's rules (the same values, the same limits; its own words for
//! duplicate keys and limits, libyaml's for syntax),
//! which `tests/yaml_parity.rs` checks against serde_yaml itself.

mod decimal;
mod emit;
mod mapping;
mod number;
mod parse;
mod reader;
mod value;

pub use emit::to_string;
pub use mapping::Mapping;
pub use number::Number;
pub use parse::{from_str, SyntaxError};
pub use value::{Index, Sequence, Tag, TaggedValue, Value};
