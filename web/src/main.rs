// Talc instead of Rust's default wasm allocator (dlmalloc): smaller and faster
// in WebAssembly. The page is single-threaded (no `atomics`).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    yew::Renderer::<dsplay_web::App>::new().render();
}
