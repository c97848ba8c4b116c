//! Share links: the whole playground state in the URL, so a link opens exactly
//! what its author saw. `v1:` then base64url of raw-DEFLATEd YAML:
//!
//! ```yaml
//! v: 1
//! daemonSet: "<the editor text>"
//! nodes: "<the node list, as kubectl get nodes -o yaml prints it>"
//! selected: "<namespace/name, when the editor holds several DaemonSets>"
//! ```
//!
//! Versioned: a later version keeps decoding every earlier one (tests hold a
//! real v1 link). Decoding is bounded: a link never inflates past
//! `MAX_DECODED_BYTES`, whatever it claims.

use crate::yaml::{Mapping, Value};

/// A decoded link never exceeds this (the editor's own input cap).
pub const MAX_DECODED_BYTES: usize = crate::read::MAX_SOURCE_BYTES;

/// What a link carries: the user's inputs, as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SharedInputs {
    pub daemon_set: String,
    pub nodes: String,
    pub selected: Option<String>,
}

const PREFIX_V1: &str = "v1:";

/// The link for `inputs`, compressed here with miniz_oxide. The page does not
/// call it: it compresses `document` with the browser's own CompressionStream
/// and passes the result to `link`, so its wasm carries no compressor.
pub fn encode(inputs: &SharedInputs) -> String {
    link(&miniz_oxide::deflate::compress_to_vec(document(inputs).as_bytes(), 9))
}

/// The YAML text a link carries, before it is compressed.
pub fn document(inputs: &SharedInputs) -> String {
    let mut map = Mapping::new();
    map.insert("v".into(), Value::Number(1.into()));
    map.insert("daemonSet".into(), Value::String(inputs.daemon_set.clone()));
    map.insert("nodes".into(), Value::String(inputs.nodes.clone()));
    if let Some(selected) = &inputs.selected {
        map.insert("selected".into(), Value::String(selected.clone()));
    }
    crate::yaml::to_string(&Value::Mapping(map))
}

/// The link for a `document` compressed as raw DEFLATE (RFC 1951).
pub fn link(deflated: &[u8]) -> String {
    format!("{PREFIX_V1}{}", base64url_encode(deflated))
}

/// Raw DEFLATE without compression: stored blocks of at most 65,535 bytes
/// (RFC 1951 section 3.2.4). A link made this way is longer but opens like any
/// other; the page uses it where the browser has no CompressionStream.
pub fn stored_deflate(bytes: &[u8]) -> Vec<u8> {
    const MAX_BLOCK: usize = 0xFFFF;
    let mut out = Vec::with_capacity(bytes.len() + 5 * (bytes.len() / MAX_BLOCK + 1));
    let mut blocks = bytes.chunks(MAX_BLOCK).peekable();
    if blocks.peek().is_none() {
        // An empty input is one empty final block.
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(block) = blocks.next() {
        let last = blocks.peek().is_none();
        // BFINAL, then BTYPE 00 (stored); the rest of the header byte is padding.
        out.push(u8::from(last));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out
}

/// Decodes a link's fragment (with or without the leading `#`): `payload`,
/// bounded inflate, `inputs_from_document`. The page does not call it: the
/// browser inflates `payload` (its own `DecompressionStream`, bounded the same
/// way), so its wasm carries no inflater either.
pub fn decode(fragment: &str) -> Result<SharedInputs, String> {
    let compressed = payload(fragment)?;
    let document = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_DECODED_BYTES).map_err(|e| {
        if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
            too_large(MAX_DECODED_BYTES)
        } else {
            NOT_DEFLATE.to_string()
        }
    })?;
    inputs_from_document(document)
}

/// The raw DEFLATE bytes a link's fragment carries (with or without the
/// leading `#`), still compressed.
pub fn payload(fragment: &str) -> Result<Vec<u8>, String> {
    let fragment = fragment.trim_start_matches('#');
    let Some(payload) = fragment.strip_prefix(PREFIX_V1) else {
        return Err("this link was not made by dsplay (or by a newer version of it)".into());
    };
    base64url_decode(payload).ok_or_else(|| "this link is damaged: it is not valid base64url".into())
}

/// Why a link was refused whose data inflates past `limit` bytes.
pub fn too_large(limit: usize) -> String {
    format!("this link holds more than {} KiB: too large to open", limit / 1024)
}

/// Why a link was refused whose data is not raw DEFLATE.
pub const NOT_DEFLATE: &str = "this link is damaged: its data does not decompress";

/// The inputs in a link's document, once inflated (at most `MAX_DECODED_BYTES`
/// of it: the caller bounds the inflate).
pub fn inputs_from_document(document: Vec<u8>) -> Result<SharedInputs, String> {
    let text = String::from_utf8(document).map_err(|_| "this link is damaged: it is not text".to_string())?;
    let value: Value = crate::yaml::from_str(&text).map_err(|e| format!("this link is damaged: {e}"))?;
    let text_of = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
    if value.get("v").and_then(Value::as_i64) != Some(1) {
        return Err("this link's version is not one dsplay knows".into());
    }
    Ok(SharedInputs {
        daemon_set: text_of("daemonSet").ok_or("this link is damaged: it has no DaemonSet")?,
        nodes: text_of("nodes").unwrap_or_default(),
        selected: text_of("selected"),
    })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 section 5), as URLs want it.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A single leftover character carries fewer than 8 bits: not valid base64.
    (bits < 6).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> SharedInputs {
        SharedInputs {
            daemon_set: "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\n".into(),
            nodes: "apiVersion: v1\nkind: List\nitems: []\n".into(),
            selected: Some("default/x".into()),
        }
    }

    #[test]
    fn round_trips() {
        let link = encode(&sample());
        assert!(link.starts_with("v1:"));
        assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_:".contains(&b)));
        assert_eq!(decode(&link), Ok(sample()));
        assert_eq!(decode(&format!("#{link}")), Ok(sample()));
    }

    /// A link in the first version's format (made here by an independent raw
    /// DEFLATE encoder, Python's zlib): later versions must keep opening it.
    #[test]
    fn a_v1_link_from_the_first_release_still_opens() {
        let v1 = "v1:ZYyxCgJBDET7_Yr8wXFtaks7wUYsgpmDxdvsYeJxoP67sRAEu-HNm1mZxqKC1u2AYHoWIlnqETev3Tjz4sM6Jr1WU6bdV03SEKISwvQwaWDaXsW6wv9vfh721T_jGmgpns7FMeMSyEoxyX2OYStv";
        let decoded = decode(v1).unwrap();
        assert_eq!(decoded, sample());
    }

    #[test]
    fn damaged_and_foreign_links_get_a_message() {
        assert!(decode("v2:abc").unwrap_err().contains("not made by dsplay"));
        assert!(decode("v1:***").unwrap_err().contains("base64url"));
        assert!(decode("v1:AAAA").unwrap_err().contains("damaged"));
        assert!(decode("").is_err());
    }

    #[test]
    fn a_link_that_inflates_to_gigabytes_is_refused() {
        // 64 MiB of zeros deflates to about 64 KiB of link.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b'a'; 64 << 20], 9);
        let err = decode(&format!("v1:{}", base64url_encode(&bomb))).unwrap_err();
        assert_eq!(err, "this link holds more than 4096 KiB: too large to open");
        assert_eq!(err, too_large(MAX_DECODED_BYTES));
    }

    #[test]
    fn the_inflate_bound_is_inclusive() {
        let at_limit = miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_DECODED_BYTES], 9);
        let over = miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_DECODED_BYTES + 1], 9);
        // Spaces are an empty YAML document: read, then refused for its version.
        assert!(decode(&link(&at_limit)).unwrap_err().contains("version"));
        assert_eq!(decode(&link(&over)), Err(too_large(MAX_DECODED_BYTES)));
    }

    #[test]
    fn the_payload_is_the_deflated_bytes_after_the_prefix() {
        let deflated = [0x4b, 0x04, 0x00, 0xff, 0x01];
        assert_eq!(payload(&link(&deflated)), Ok(deflated.to_vec()));
        assert_eq!(payload(&format!("#{}", link(&deflated))), Ok(deflated.to_vec()));
        assert_eq!(payload("v1:"), Ok(vec![]));
        assert_eq!(payload("v2:abc"), Err("this link was not made by dsplay (or by a newer version of it)".into()));
        assert_eq!(payload("v1:***"), Err("this link is damaged: it is not valid base64url".into()));
    }

    #[test]
    fn a_document_gives_its_inputs_or_says_what_is_wrong() {
        assert_eq!(inputs_from_document(document(&sample()).into_bytes()), Ok(sample()));
        let minimal = inputs_from_document(b"v: 1\ndaemonSet: x\n".to_vec()).unwrap();
        assert_eq!(minimal, SharedInputs { daemon_set: "x".into(), nodes: String::new(), selected: None });
        let refusal = |text: &[u8]| inputs_from_document(text.to_vec()).unwrap_err();
        assert_eq!(refusal(b"\xff\xfe"), "this link is damaged: it is not text");
        assert_eq!(refusal(b"v: 2\ndaemonSet: x\n"), "this link's version is not one dsplay knows");
        assert_eq!(refusal(b"daemonSet: x\n"), "this link's version is not one dsplay knows");
        assert_eq!(refusal(b"v: 1\nnodes: x\n"), "this link is damaged: it has no DaemonSet");
        assert!(refusal(b"v: [1\n").starts_with("this link is damaged: "), "{}", refusal(b"v: [1\n"));
    }

    /// `decode` is the pieces with miniz_oxide's inflate between them: what
    /// the page does with the browser's.
    #[test]
    fn decode_is_payload_inflate_and_document() {
        let links = [encode(&sample()), link(&stored_deflate(b"v: 1\n")), "v1:AAAA".into(), "v2:x".into(), "v1:***".into(), String::new()];
        for link in links {
            let pieces = payload(&link).and_then(|deflated| {
                let document = miniz_oxide::inflate::decompress_to_vec(&deflated).map_err(|_| NOT_DEFLATE.to_string())?;
                inputs_from_document(document)
            });
            assert_eq!(decode(&link), pieces, "{link}");
        }
        assert_eq!(decode("v1:AAAA"), Err("this link is damaged: its data does not decompress".into()));
    }

    #[test]
    fn stored_blocks_open_like_compressed_ones() {
        let inputs = SharedInputs { daemon_set: "x".repeat(200_000), ..sample() };
        let stored = link(&stored_deflate(document(&inputs).as_bytes()));
        assert!(stored.len() > encode(&inputs).len());
        assert_eq!(decode(&stored), Ok(inputs));
        // Exactly one block, and no block at all (an empty document).
        let inflate = |bytes: &[u8]| miniz_oxide::inflate::decompress_to_vec(&stored_deflate(bytes)).ok();
        assert_eq!(inflate(&[7; 0xFFFF]), Some(vec![7; 0xFFFF]));
        assert_eq!(inflate(b""), Some(vec![]));
    }

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        for (plain, encoded) in [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64url_encode(plain.as_bytes()), encoded);
            assert_eq!(base64url_decode(encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url_decode("Z"), None);
    }
}
