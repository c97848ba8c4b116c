// Talc instead of Rust's default wasm allocator (dlmalloc): smaller and faster
// in WebAssembly. The page is single-threaded (no `atomics`).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use dsplay_web::app::{App, AppProps, Opening};
use dsplay_web::page_options::PageOptions;

/// Renders the page once its opening state is known: a link or saved work is
/// inflated by the browser first (asynchronously), so the default preset never
/// shows before it. With neither, the future is ready at once.
fn main() {
    wasm_bindgen_futures::spawn_local(async {
        let opening = Opening::from_address(&PageOptions::from_address()).await;
        yew::Renderer::<App>::with_props(AppProps { opening }).render();
    });
}
