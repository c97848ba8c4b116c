//! How the page opens a link or saved work, in headless Chromium: the
//! browser's bounded inflate (`deflate::inflate_raw`):
//! `cargo test --target wasm32-unknown-unknown -p dsplay-web --test opening`.
#![cfg(target_arch = "wasm32")]

use dsplay_core::share_link::{self, MAX_DECODED_BYTES};
use dsplay_web::deflate::{deflate_raw, inflate_raw, InflateError};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function zerosDeflated(size) {
    // Streamed, so that the test never holds `size` bytes itself.
    const chunk = new Uint8Array(65536);
    let left = size;
    const zeros = new ReadableStream({
        pull(controller) {
            if (left <= 0) return controller.close();
            controller.enqueue(chunk.subarray(0, Math.min(left, chunk.length)));
            left -= chunk.length;
        },
    });
    return new Response(zeros.pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer();
}
let fed = 0;
const write = WritableStreamDefaultWriter.prototype.write;
export function countWrites() {
    fed = 0;
    WritableStreamDefaultWriter.prototype.write = function (chunk) {
        fed += chunk.byteLength;
        return write.call(this, chunk);
    };
}
export function writtenSinceCounting() {
    WritableStreamDefaultWriter.prototype.write = write;
    return fed;
}
"#)]
extern "C" {
    /// `size` zero bytes compressed by the browser as raw DEFLATE (an ArrayBuffer).
    #[wasm_bindgen(js_name = zerosDeflated)]
    fn zeros_deflated(size: f64) -> js_sys::Promise;
    /// Counts the bytes written to any stream from now on (the inflater's input).
    #[wasm_bindgen(js_name = countWrites)]
    fn count_writes();
    /// Stops counting, and says how many bytes were written since `count_writes`.
    #[wasm_bindgen(js_name = writtenSinceCounting)]
    fn written_since_counting() -> f64;
}

/// `len` bytes of text that compresses, but not to nothing.
fn sample(len: usize) -> Vec<u8> {
    (0..len).map(|i| b"abcdefghij\n"[(i * 7 + i / 13) % 11]).collect()
}

#[wasm_bindgen_test]
async fn bytes_inflate_up_to_the_limit_and_not_one_byte_more() {
    let bytes = sample(1000);
    let compressed = deflate_raw(&bytes).await;
    assert!(compressed.len() < bytes.len(), "{} bytes", compressed.len());
    for deflated in [compressed, share_link::stored_deflate(&bytes)] {
        assert_eq!(inflate_raw(&deflated, 1000).await, Ok(bytes.clone()));
        assert_eq!(inflate_raw(&deflated, 999).await, Err(InflateError::TooLarge { limit: 999 }));
    }
    assert_eq!(inflate_raw(&share_link::stored_deflate(b""), 0).await, Ok(vec![]));
}

#[wasm_bindgen_test]
async fn what_is_not_whole_raw_deflate_is_damaged() {
    let deflated = deflate_raw(&sample(1000)).await;
    let truncated = &deflated[..deflated.len() - 4];
    let with_junk = [&deflated[..], &b"junk"[..]].concat();
    // 0xff: a final block of the reserved type 3.
    for bytes in [&[0xff, 0x00, 0x01][..], truncated, &with_junk[..], &[][..]] {
        assert_eq!(inflate_raw(bytes, MAX_DECODED_BYTES).await, Err(InflateError::Damaged), "{bytes:?}");
    }
    assert_eq!(InflateError::Damaged.to_string(), share_link::NOT_DEFLATE);
}

/// A link of about 1 MB that inflates to 1 GiB: refused with the core's
/// message once the browser has inflated past the limit, having read only
/// the first few KiB of the link (the rest is never inflated, so never held).
#[wasm_bindgen_test]
async fn a_link_that_inflates_to_a_gigabyte_is_refused_after_a_few_kib_of_it() {
    let bomb = js_sys::Uint8Array::new(&JsFuture::from(zeros_deflated((1u64 << 30) as f64)).await.unwrap()).to_vec();
    assert!(bomb.len() > 512 << 10, "{} bytes", bomb.len());
    let link = share_link::link(&bomb);
    count_writes();
    let refusal = inflate_raw(&share_link::payload(&link).unwrap(), MAX_DECODED_BYTES).await;
    let fed = written_since_counting() as usize;
    assert_eq!(refusal, Err(InflateError::TooLarge { limit: MAX_DECODED_BYTES }));
    let message = refusal.unwrap_err().to_string();
    assert_eq!(message, "this link holds more than 4096 KiB: too large to open");
    assert_eq!(message, share_link::too_large(MAX_DECODED_BYTES));
    // 4 MiB at DEFLATE's best ratio (1032 to 1) takes about 4 KiB of input.
    assert!(fed < 16 << 10, "{fed} of {} bytes fed to the inflater", bomb.len());
}
