//! Links and autosave, compressed by the browser's CompressionStream and read
//! back through its DecompressionStream (bounded), in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown -p dsplay-web --test saving`.
#![cfg(target_arch = "wasm32")]

use dsplay_core::share_link;
use dsplay_web::state::Inputs;
use dsplay_web::{deflate, inputs_codec, storage};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn saved() -> Option<String> {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item(storage::KEY).unwrap()
}

#[wasm_bindgen_test]
async fn a_link_made_by_the_browser_opens_the_same_inputs() {
    let inputs = Inputs::default();
    let link = inputs_codec::encode(&inputs).await;
    assert!(link.starts_with("v1:"), "{link}");
    assert_eq!(inputs_codec::decode(&link).await, Ok(inputs));
}

#[wasm_bindgen_test]
async fn the_browser_compresses_better_than_stored_blocks() {
    let text = "node-exporter ".repeat(1000);
    let deflated = deflate::deflate_raw(text.as_bytes()).await;
    assert!(deflated.len() < text.len() / 10, "{} bytes", deflated.len());
    let link = share_link::link(&deflated);
    // Not a link's document, so the page refuses it, but only once it inflated it.
    let refusal = inputs_codec::decode(&link).await.unwrap_err().to_string();
    assert!(refusal.contains("version"), "{refusal}");
}

#[wasm_bindgen_test]
async fn a_save_is_loaded_back() {
    storage::clear();
    let inputs = Inputs::default();
    storage::save(inputs.clone()).await.unwrap();
    assert!(saved().is_some_and(|text| text.starts_with("v1:")));
    assert_eq!(storage::load().await, Some(inputs));
    storage::clear();
}

#[wasm_bindgen_test]
async fn a_clear_wins_over_a_save_still_compressing() {
    storage::clear();
    let pending = storage::save(Inputs::default());
    // Reset while the save compresses: the old work must not come back.
    storage::clear();
    pending.await.unwrap();
    assert_eq!(saved(), None);
}

#[wasm_bindgen_test]
async fn the_later_of_two_saves_is_the_one_kept() {
    storage::clear();
    let older = Inputs { yaml: "# older\n".into(), ..Inputs::default() };
    let newer = Inputs { yaml: "# newer\n".into(), ..Inputs::default() };
    let first = storage::save(older);
    let second = storage::save(newer.clone());
    second.await.unwrap();
    first.await.unwrap();
    assert_eq!(storage::load().await.map(|i| i.yaml), Some(newer.yaml));
    storage::clear();
}
