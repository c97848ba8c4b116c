//! Any text as a share link: decoding must never panic, never inflate past its
//! bound, and what decodes must encode and decode to the same inputs.
#![no_main]

use dsplay_core::share_link::{decode, encode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Both as given and as a v1 payload, so the fuzzer reaches the inflater.
    for candidate in [text.to_string(), format!("v1:{text}")] {
        if let Ok(inputs) = decode(&candidate) {
            assert!(inputs.daemon_set.len() + inputs.nodes.len() <= dsplay_core::share_link::MAX_DECODED_BYTES);
            assert_eq!(decode(&encode(&inputs)), Ok(inputs));
        }
    }
});
