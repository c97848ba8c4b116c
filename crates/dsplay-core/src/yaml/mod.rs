//! YAML: the project's own value type, text to a `Value` and back.
//!
//! `Value` mirrors the part of serde_yaml 0.9's `Value` the core uses, with
//! its semantics; reading and writing text are done here too, so that
//! serde_yaml (deprecated by its author) is in nothing that ships: the page's
//! wasm carries neither libyaml's parser and emitter (15 KB of the gzipped
//! wasm, and unsafe-libyaml is a C translation full of `unsafe`) nor
//! serde_yaml's value code and indexmap. Reading follows serde_yaml 0.9's
//! rules (the same values, the same limits; its own words for duplicate keys
//! and limits, libyaml's for syntax), which `tests/yaml_parity.rs` checks
//! against serde_yaml itself, a dev-dependency only.

mod decimal;
mod emit;
mod mapping;
mod number;
mod parse;
mod reader;
mod unique_keys;
mod value;

pub use emit::to_string;
pub use mapping::Mapping;
pub use number::Number;
pub use parse::{from_str, SyntaxError};
pub use value::{Index, Sequence, Tag, TaggedValue, Value};
