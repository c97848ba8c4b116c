//! Autosave: the inputs in localStorage under a versioned key, validated on
//! load and ignored when invalid. When the browser refuses storage (a sandboxed
//! frame, private mode, a full quota) the page keeps working in memory.

use std::cell::Cell;
use std::future::Future;

use crate::deflate::InflateError;
use crate::inputs_codec::{self, DecodeError};
use crate::state::Inputs;

thread_local! {
    /// Counts saves and clears: a save whose compression finishes after a
    /// later save or clear began must not write (it would bring back older work).
    static LATEST: Cell<u64> = const { Cell::new(0) };
}

fn begin() -> u64 {
    LATEST.with(|latest| {
        latest.set(latest.get() + 1);
        latest.get()
    })
}

/// The key names the format's version: a later format takes a new key and
/// can still read this one.
pub const KEY: &str = "dsplay:v1";

fn local_storage() -> Result<web_sys::Storage, String> {
    let refused = "this browser refuses to store data for the page: your work is kept in memory only, until you close it";
    let window = web_sys::window().ok_or(refused)?;
    // Reading the property itself throws in some sandboxed frames.
    window.local_storage().ok().flatten().ok_or_else(|| refused.to_string())
}

/// The saved inputs, if any and if they are valid. Invalid ones are removed;
/// ones this browser cannot inflate are kept (a newer browser reads them).
pub async fn load() -> Option<Inputs> {
    let storage = local_storage().ok()?;
    let text = storage.get_item(KEY).ok().flatten()?;
    match inputs_codec::decode(&text).await {
        Ok(inputs) => Some(inputs),
        Err(DecodeError::Inflate(InflateError::Unsupported)) => None,
        Err(_) => {
            let _ = storage.remove_item(KEY);
            None
        }
    }
}

/// Saves the inputs; `Err` says why the browser would not. Superseded by a
/// later save or clear while it compresses, it writes nothing.
pub fn save(inputs: Inputs) -> impl Future<Output = Result<(), String>> {
    // Counted now, not when the future first runs: a clear between this call
    // and then must still win.
    let this = begin();
    async move {
        let storage = local_storage()?;
        let text = inputs_codec::encode(&inputs).await;
        if LATEST.with(Cell::get) != this {
            return Ok(());
        }
        storage.set_item(KEY, &text).map_err(|_| {
            "the browser's storage for this page is full or refused: your work is kept in memory only".to_string()
        })
    }
}

pub fn clear() {
    begin();
    if let Ok(storage) = local_storage() {
        let _ = storage.remove_item(KEY);
    }
}
