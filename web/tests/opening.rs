//! How the page opens a link or saved work, in headless Chromium: the
//! browser's bounded inflate (`deflate::inflate_raw`), the page's `decode`, and
//! the state the page opens on (`Opening`), worked out before the first render:
//! `cargo test --target wasm32-unknown-unknown -p dsplay-web --test opening`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{fresh_root, one, text};
use dsplay_core::share_link::{self, MAX_DECODED_BYTES};
use dsplay_web::app::{App, AppProps, Opening};
use dsplay_web::deflate::{deflate_raw, inflate_raw, InflateError};
use dsplay_web::inputs_codec::{self, DecodeError};
use dsplay_web::page_options::PageOptions;
use dsplay_web::state::Inputs;
use dsplay_web::storage;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlTextAreaElement;

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
const Decompression = globalThis.DecompressionStream;
export function withoutDecompressionStream(hidden) {
    globalThis.DecompressionStream = hidden ? undefined : Decompression;
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
    /// Takes `DecompressionStream` away (as in a browser before it), or puts it back.
    #[wasm_bindgen(js_name = withoutDecompressionStream)]
    fn without_decompression_stream(hidden: bool);
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
    let refusal = inputs_codec::decode(&link).await;
    let fed = written_since_counting() as usize;
    assert_eq!(refusal, Err(DecodeError::Inflate(InflateError::TooLarge { limit: MAX_DECODED_BYTES })));
    let message = refusal.unwrap_err().to_string();
    assert_eq!(message, "this link holds more than 4096 KiB: too large to open");
    assert_eq!(message, share_link::too_large(MAX_DECODED_BYTES));
    // 4 MiB at DEFLATE's best ratio (1032 to 1) takes about 4 KiB of input.
    assert!(fed < 16 << 10, "{fed} of {} bytes fed to the inflater", bomb.len());
}

#[wasm_bindgen_test]
async fn a_link_round_trips_whether_compressed_or_stored() {
    let preset = dsplay_core::presets::preset("cordoned").unwrap();
    let inputs = Inputs { selected: Some("kube-system/node-local-dns".into()), ..Inputs::from_preset(preset) };
    let link = inputs_codec::encode(&inputs).await;
    assert_eq!(inputs_codec::decode(&link).await, Ok(inputs.clone()));
    assert_eq!(inputs_codec::decode(&format!("#{link}")).await, Ok(inputs.clone()));
    // A link made where the browser cannot compress (stored blocks).
    let document = share_link::document(&share_link::decode(&link).unwrap());
    let stored = share_link::link(&share_link::stored_deflate(document.as_bytes()));
    assert_ne!(stored, link);
    assert_eq!(inputs_codec::decode(&stored).await, Ok(inputs));
}

#[wasm_bindgen_test]
async fn the_page_refuses_a_link_with_the_core_s_words() {
    for link in ["v2:abc", "v1:***", "v1:AAAA", "v1:not-a-real-link", ""] {
        let page = inputs_codec::decode(link).await.map_err(|e| e.to_string());
        let core = share_link::decode(link).map(|_| ());
        assert_eq!(page.map(|_| ()), core, "{link}");
    }
}

/// Puts `address` (a query and fragment) in the test page's own address
/// while `run` runs, then puts the old one back.
async fn at_address<F: std::future::Future<Output = Opening>>(address: &str, run: impl FnOnce() -> F) -> Opening {
    let window = web_sys::window().unwrap();
    let history = window.history().unwrap();
    let before = window.location().href().unwrap();
    let path = window.location().pathname().unwrap();
    history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{address}"))).unwrap();
    let opening = run().await;
    history.replace_state_with_url(&JsValue::NULL, "", Some(&before)).unwrap();
    opening
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn the_page_opens_a_link_then_a_preset_then_saved_work() {
    local_storage().clear().unwrap();
    let options = PageOptions::default();
    let saved = Inputs { yaml: "# saved\n".into(), ..Inputs::default() };
    storage::save(saved.clone()).await.unwrap();
    let shared = Inputs { yaml: "# shared\n".into(), ..Inputs::default() };
    let link = inputs_codec::encode(&shared).await;

    let opened = |inputs: &Inputs| Opening { inputs: Some(inputs.clone()), notice: None };
    assert_eq!(at_address(&format!("?preset=ssd#{link}"), || Opening::from_address(&options)).await, opened(&shared));
    let ssd = Inputs::from_preset(dsplay_core::presets::preset("ssd").unwrap());
    assert_eq!(at_address("?preset=ssd", || Opening::from_address(&options)).await, opened(&ssd));
    assert_eq!(at_address("", || Opening::from_address(&options)).await, opened(&saved));
    // Embedded, a frame shows its own scenario, not the saved work.
    let embedded = PageOptions { embed: true, ..options };
    assert_eq!(at_address("", || Opening::from_address(&embedded)).await, Opening::default());
    storage::clear();
    assert_eq!(at_address("", || Opening::from_address(&options)).await, Opening::default());
}

#[wasm_bindgen_test]
async fn a_damaged_link_opens_the_default_preset_with_a_notice() {
    local_storage().clear().unwrap();
    let options = PageOptions::default();
    let opening = at_address("#v1:not-a-real-link", || Opening::from_address(&options)).await;
    let notice = "The link could not be opened: this link is damaged: its data does not decompress.";
    assert_eq!(opening, Opening { inputs: None, notice: Some(notice.into()) });
}

#[wasm_bindgen_test]
async fn invalid_saved_work_is_removed() {
    local_storage().clear().unwrap();
    local_storage().set_item(storage::KEY, "v1:AAAA").unwrap();
    assert_eq!(storage::load().await, None);
    assert_eq!(local_storage().get_item(storage::KEY).unwrap(), None);
    // Inflated, but not a document of the page's.
    local_storage().set_item(storage::KEY, &share_link::link(&deflate_raw(b"v: 2\n").await)).unwrap();
    assert_eq!(storage::load().await, None);
    assert_eq!(local_storage().get_item(storage::KEY).unwrap(), None);
}

/// Where the browser cannot inflate, a link says so and saved work is kept
/// for a browser that can.
#[wasm_bindgen_test]
async fn a_browser_without_decompression_stream_says_so_and_keeps_saved_work() {
    local_storage().clear().unwrap();
    let inputs = Inputs { yaml: "# kept\n".into(), ..Inputs::default() };
    let link = inputs_codec::encode(&inputs).await;
    local_storage().set_item(storage::KEY, &link).unwrap();
    without_decompression_stream(true);
    let refusal = inputs_codec::decode(&link).await;
    let loaded = storage::load().await;
    without_decompression_stream(false);
    assert_eq!(refusal, Err(DecodeError::Inflate(InflateError::Unsupported)));
    assert!(refusal.unwrap_err().to_string().contains("DecompressionStream"));
    assert_eq!(loaded, None);
    assert_eq!(local_storage().get_item(storage::KEY).unwrap(), Some(link));
    assert_eq!(storage::load().await, Some(inputs));
    local_storage().clear().unwrap();
}

/// The page's first render is already the opened state, with its notice.
#[wasm_bindgen_test]
async fn the_app_renders_what_it_opens_on() {
    let root = fresh_root();
    let inputs = Inputs { yaml: "# opened\n".into(), ..Inputs::default() };
    let opening = Opening { inputs: Some(inputs), notice: Some("The link could not be opened: x.".into()) };
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { opening }).render();
    yew::scheduler::flush().await;
    let editor: HtmlTextAreaElement = wasm_bindgen::JsCast::dyn_into(one(&root, "[data-testid=yaml-editor]")).unwrap();
    assert_eq!(editor.value(), "# opened\n");
    assert!(text(&root, "[data-testid=notice]").starts_with("The link could not be opened: x."));
    handle.destroy();
    yew::scheduler::flush().await;
    root.remove();
}
