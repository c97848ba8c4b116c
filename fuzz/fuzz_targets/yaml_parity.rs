//! dsplay's YAML reader against serde_yaml's (libyaml's), on any text: the same
//! value whenever both read it, and what `yaml::to_string` writes reads back as
//! the same value. A text only one of them reads is not a failure here (run
//! with the `REFUSALS=1` environment variable to fail on those too): the ones
//! found so far are malformed tags and escapes that no manifest holds.
#![no_main]

use dsplay_core::yaml;
use libfuzzer_sys::fuzz_target;
use serde_yaml::Value;

#[path = "../../crates/dsplay-core/tests/oracle/mod.rs"]
mod oracle;
use oracle::to_serde_yaml as theirs;

/// Equality in which NaN equals NaN, and floats beyond `yaml::decimal`'s exact
/// range (over 19 significant digits, or exponents past ±22) may differ in
/// their last places.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_nan() && y.is_nan() => true,
        (Value::Number(x), Value::Number(y)) if x.is_f64() && y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
            x == y || ((x - y) / y).abs() < 1e-14
        }
        (Value::Tagged(x), Value::Tagged(y)) => x.tag == y.tag && same(&x.value, &y.value),
        (Value::Sequence(x), Value::Sequence(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Mapping(x), Value::Mapping(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((ka, va), (kb, vb))| same(ka, kb) && same(va, vb))
        }
        _ => a == b,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Documents are split before reading, as read_sources does.
    for document in dsplay_core::read::split_documents(text) {
        let ours = yaml::from_str(document.text);
        let serde_yamls = serde_yaml::from_str::<Value>(document.text);
        match (&ours, &serde_yamls) {
            (Ok(a), Ok(b)) => assert!(same(&theirs(a), b), "read differently:\n{:?}\nours {a:?}\nserde_yaml {b:?}", document.text),
            (Err(e), Ok(b)) if std::env::var_os("REFUSALS").is_some() => panic!("refused what serde_yaml reads: {e}\n{:?}\nserde_yaml {b:?}", document.text),
            _ => {}
        }
        if let Ok(value) = ours {
            let written = yaml::to_string(&value);
            match yaml::from_str(&written) {
                Ok(again) => assert!(same(&theirs(&again), &theirs(&value)), "wrote {written:?}, which reads as {again:?}, not {value:?}"),
                Err(e) => panic!("wrote unreadable YAML ({e}): {written:?} for {value:?}"),
            }
        }
    }
});
