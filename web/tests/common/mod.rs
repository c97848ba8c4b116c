//! What the component tests share: a fresh place to render, and DOM queries.
#![allow(dead_code)]

use wasm_bindgen::JsCast;
use web_sys::Element;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh div in the page, for a page that starts afresh: no work saved
/// by an earlier test (the app autosaves in localStorage).
pub fn fresh_root() -> Element {
    if let Ok(Some(storage)) = web_sys::window().unwrap().local_storage() {
        storage.clear().unwrap();
    }
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

/// Renders the whole app into a fresh div and waits until it is drawn.
pub async fn render_app() -> Element {
    let root = fresh_root();
    yew::Renderer::<dsplay_web::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

pub fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}"))
}

pub fn text(root: &Element, selector: &str) -> String {
    one(root, selector).text_content().unwrap_or_default()
}
