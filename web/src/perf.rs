//! Performance marks on the browser's timeline (`performance.mark`), read by
//! `scripts/bench-page` and shown by the browser's profiler:
//!
//! - `dsplay:first-render`: the page's first render is in the document;
//! - `dsplay:edit`: the editor hands its text to the reducer (after the pause
//!   in typing, or at once with Ctrl/Cmd+Enter);
//! - `dsplay:rendered`: a render of the page, with every component under it,
//!   is in the document (after each change of the state).
//!
//! A mark costs about a microsecond; the page never reads them back.

/// Puts a mark named `name` on the timeline, when the page has one.
pub fn mark(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}
