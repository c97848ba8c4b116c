//! Raw DEFLATE (RFC 1951) by the browser's own `CompressionStream`, so that the
//! page's wasm carries no compressor: links and autosave compress here, and are
//! read back by the core's bounded inflate (`dsplay_core::share_link::decode`).

use dsplay_core::share_link::stored_deflate;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
export function deflateRaw(bytes) {
    const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer();
}"#)]
extern "C" {
    /// Throws where the browser has no CompressionStream or no "deflate-raw"
    /// (before Chrome 103, Firefox 113, Safari 16.4). The Blob copies `bytes`
    /// out of the wasm memory before the call returns.
    #[wasm_bindgen(catch, js_name = deflateRaw)]
    fn deflate_raw_promise(bytes: &[u8]) -> Result<js_sys::Promise, JsValue>;
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
