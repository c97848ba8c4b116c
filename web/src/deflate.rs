//! Raw DEFLATE (RFC 1951) by the browser's own `CompressionStream` and
//! `DecompressionStream`, so that the page's wasm carries neither a compressor
//! nor an inflater: links and autosave are compressed and read back here.

use std::fmt;

use dsplay_core::share_link::{self, stored_deflate};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
export function deflateRaw(bytes) {
    const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer();
}
export async function inflateRaw(view, limit) {
    const bytes = view.slice(), chunks = [];
    let stream, total = 0;
    try {
        stream = new DecompressionStream("deflate-raw");
    } catch {
        throw "unsupported";
    }
    const writer = stream.writable.getWriter(), reader = stream.readable.getReader();
    (async () => {
        for (let at = 0; at < bytes.length; at += 1024) await writer.write(bytes.subarray(at, at + 1024));
        await writer.close();
    })().catch(() => {});
    for (;;) {
        const chunk = await reader.read().catch(() => {
            throw "damaged";
        });
        if (chunk.done) return new Blob(chunks).arrayBuffer();
        if ((total += chunk.value.length) > limit) {
            reader.cancel().catch(() => {});
            throw "too large";
        }
        chunks.push(chunk.value);
    }
}"#)]
extern "C" {
    /// Throws where the browser has no CompressionStream or no "deflate-raw"
    /// (before Chrome 103, Firefox 113, Safari 16.4). The Blob copies `bytes`
    /// out of the wasm memory before the call returns.
    #[wasm_bindgen(catch, js_name = deflateRaw)]
    fn deflate_raw_promise(bytes: &[u8]) -> Result<js_sys::Promise, JsValue>;

    /// Resolves to the inflated bytes (an ArrayBuffer); rejects with "too
    /// large", "damaged" or "unsupported". Copies `bytes` before it awaits,
    /// then feeds them 1 KiB at a time: Chromium inflates each written piece
    /// whole before it hands on any output (at most about 1 MiB for 1 KiB,
    /// DEFLATE's ratio being at most 1032 to 1), and the next piece only once
    /// that output is read; it stops reading, and cancels, past `limit`.
    #[wasm_bindgen(js_name = inflateRaw)]
    fn inflate_raw_promise(bytes: &[u8], limit: f64) -> js_sys::Promise;
}

/// `bytes` compressed as raw DEFLATE; stored uncompressed (a longer link that
/// opens all the same) where the browser cannot compress.
pub async fn deflate_raw(bytes: &[u8]) -> Vec<u8> {
    let Ok(promise) = deflate_raw_promise(bytes) else {
        return stored_deflate(bytes);
    };
    match JsFuture::from(promise).await {
        Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
        Err(_) => stored_deflate(bytes),
    }
}

/// Why `inflate_raw` gave no bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// The data inflates past the limit: the browser was stopped there.
    TooLarge { limit: usize },
    /// Not raw DEFLATE, truncated, or followed by other bytes.
    Damaged,
    /// The browser has no `DecompressionStream` for "deflate-raw" (before
    /// Chrome 103, Firefox 113, Safari 16.4). The page has no inflater of its own.
    Unsupported,
}

impl fmt::Display for InflateError {
    /// The core's words for the same refusals (`dsplay_core::share_link::decode`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InflateError::TooLarge { limit } => f.write_str(&share_link::too_large(*limit)),
            InflateError::Damaged => f.write_str(share_link::NOT_DEFLATE),
            InflateError::Unsupported => f.write_str(
                "this browser cannot decompress it (it has no DecompressionStream for raw DEFLATE): \
                 open the link in a newer browser (Chrome 103, Firefox 113, Safari 16.4 or later)",
            ),
        }
    }
}

/// `bytes` inflated as raw DEFLATE by the browser, refused as soon as the
/// output passes `limit` bytes: hostile data is never held whole, neither here
/// nor in the browser.
pub async fn inflate_raw(bytes: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    match JsFuture::from(inflate_raw_promise(bytes, limit as f64)).await {
        Ok(buffer) => Ok(js_sys::Uint8Array::new(&buffer).to_vec()),
        Err(reason) => Err(match reason.as_string().as_deref() {
            Some("too large") => InflateError::TooLarge { limit },
            Some("unsupported") => InflateError::Unsupported,
            _ => InflateError::Damaged,
        }),
    }
}
