//! What the page's address asks for: a share link (`#v1:...`) or a preset
//! (`?preset=NAME`), and the address of a share link for the current inputs.

use crate::inputs_codec;
use crate::state::Inputs;

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The value of query parameter `name`, if present.
pub fn query_param(name: &str) -> Option<String> {
    let search = location()?.search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then(|| decode_component(value))
    })
}

/// Percent-decoding for the small values the page reads (preset names).
fn decode_component(text: &str) -> String {
    js_sys::decode_uri_component(&text.replace('+', " ")).map(String::from).unwrap_or_else(|_| text.to_string())
}

/// The share link in the address, decoded (the browser inflates it);
/// `Some(Err)` when it cannot be opened.
pub async fn shared_inputs() -> Option<Result<Inputs, String>> {
    let hash = location()?.hash().ok()?;
    let fragment = hash.trim_start_matches('#');
    if fragment.is_empty() {
        return None;
    }
    Some(inputs_codec::decode(fragment).await.map_err(|e| e.to_string()))
}

/// The page's address without its query and fragment (a sandboxed frame's
/// origin is opaque, "null", so it is not built from the origin).
pub fn page_address() -> String {
    let href = location().and_then(|l| l.href().ok()).unwrap_or_default();
    let end = href.find(['?', '#']).unwrap_or(href.len());
    href[..end].to_string()
}

/// The address that opens exactly these inputs.
pub async fn share_url(inputs: &Inputs) -> String {
    format!("{}#{}", page_address(), inputs_codec::encode(inputs).await)
}

/// Drops a share link or preset from the address once the user has changed
/// what it opened, so that reloading shows their work, not the original.
pub fn forget_opened_state() {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let has_hash = location.hash().is_ok_and(|h| h.len() > 1);
    let search = location.search().unwrap_or_default();
    let kept: Vec<&str> = search.trim_start_matches('?').split('&').filter(|p| !p.is_empty() && !p.starts_with("preset=")).collect();
    if !has_hash && kept.len() == search.trim_start_matches('?').split('&').filter(|p| !p.is_empty()).count() {
        return;
    }
    let query = if kept.is_empty() { String::new() } else { format!("?{}", kept.join("&")) };
    let url = format!("{}{query}", location.pathname().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
