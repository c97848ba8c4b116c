//! dsplay's YAML reader against serde_yaml's (libyaml's), on any text: the same
//! value whenever both read it, and what `yaml::to_string` writes reads back as
//! the same value. Texts only one of them reads are not failures: saphyr-parser
//! is stricter than libyaml about the indentation of lines that continue a
//! quoted scalar or a flow collection (README, "Faithfulness"), and libyaml
//! refuses tabs and some layouts the YAML spec allows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_yaml::Value;

/// Equality in which NaN equals NaN.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_nan() && y.is_nan() => true,
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
        let ours = dsplay_core::yaml::from_str(document.text);
        let theirs = serde_yaml::from_str::<Value>(document.text);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert!(same(a, b), "read differently:\n{:?}\nours {a:?}\nserde_yaml {b:?}", document.text),
            _ => {}
        }
        if let Ok(value) = ours {
            let written = dsplay_core::yaml::to_string(&value);
            match dsplay_core::yaml::from_str(&written) {
                Ok(again) => assert!(same(&again, &value), "wrote {written:?}, which reads as {again:?}, not {value:?}"),
                Err(e) => panic!("wrote unreadable YAML ({e}): {written:?} for {value:?}"),
            }
        }
    }
});
