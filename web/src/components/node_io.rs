//! The browser glue behind the node tools: reading an uploaded file as UTF-8
//! text, downloading a text as a file (a Blob URL and `<a download>`), and
//! copying to the clipboard. Every JavaScript call that may throw is made so
//! that it returns an error instead: nothing here can take the page down.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::js_sys::{Array, Function, Reflect, Uint8Array};
use web_sys::{Blob, BlobPropertyBag, File, FileReader, HtmlAnchorElement, Url};
use yew::Callback;

/// Reads `file` and emits its text, or a message saying why it has none.
pub fn read_text_file(file: &File, done: Callback<Result<String, String>>) {
    let name = file.name();
    let Ok(reader) = FileReader::new() else {
        done.emit(Err(format!(
            "could not read {name}: this browser has no FileReader"
        )));
        return;
    };
    let onloadend = {
        let reader = reader.clone();
        let done = done.clone();
        let name = name.clone();
        Closure::<dyn FnMut(JsValue)>::once_into_js(move |_: JsValue| {
            done.emit(file_text(&name, &reader))
        })
    };
    reader.set_onloadend(Some(onloadend.unchecked_ref()));
    if reader.read_as_array_buffer(file).is_err() {
        reader.set_onloadend(None);
        done.emit(Err(format!("could not read {name}")));
    }
}

/// The text the reader read, checked to be UTF-8.
fn file_text(name: &str, reader: &FileReader) -> Result<String, String> {
    if reader.error().is_some() {
        return Err(format!(
            "could not read {name}: the browser refused to read the file"
        ));
    }
    let buffer = reader
        .result()
        .map_err(|_| format!("could not read {name}"))?;
    if !buffer.is_object() {
        return Err(format!("could not read {name}"));
    }
    let bytes = Uint8Array::new(&buffer).to_vec();
    utf8_text(name, bytes)
}

/// `bytes` as text, or where the first byte that is not UTF-8 is.
pub fn utf8_text(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text)),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let before = error.as_bytes().get(..at).unwrap_or_default();
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            Err(format!(
                "{name} is not UTF-8 text (byte {at}, line {line}, is not UTF-8): \
                 save it as UTF-8, as `kubectl get nodes -o yaml` writes it, and try again"
            ))
        }
    }
}

/// Offers `text` as a download called `file_name`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let failed = |_| format!("could not download {file_name}: copy the text instead");
    let window = web_sys::window().ok_or_else(|| failed(JsValue::NULL))?;
    let document = window.document().ok_or_else(|| failed(JsValue::NULL))?;
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        Blob::new_with_str_sequence_and_options(&Array::of1(&JsValue::from_str(text)), &options)
            .map_err(failed)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| failed(JsValue::NULL))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoked a little later: revoking at once may cancel the download.
    let revoke = Closure::<dyn FnMut(JsValue)>::once_into_js(move |_: JsValue| {
        let _ = Url::revoke_object_url(&url);
    });
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    Ok(())
}

/// Copies `text` with `navigator.clipboard.writeText`; emits whether it worked
/// (it does not over plain http, nor without the user's permission).
pub fn copy_text(text: &str, done: Callback<bool>) {
    let started = (|| -> Result<(), JsValue> {
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let clipboard = Reflect::get(
            &Reflect::get(&window, &"navigator".into())?,
            &"clipboard".into(),
        )?;
        if !clipboard.is_object() {
            return Err(JsValue::NULL);
        }
        let write_text: Function = Reflect::get(&clipboard, &"writeText".into())?.dyn_into()?;
        let promise = write_text.call1(&clipboard, &JsValue::from_str(text))?;
        let then: Function = Reflect::get(&promise, &"then".into())?.dyn_into()?;
        let resolved = {
            let done = done.clone();
            Closure::<dyn FnMut(JsValue)>::once_into_js(move |_: JsValue| done.emit(true))
        };
        let rejected = {
            let done = done.clone();
            Closure::<dyn FnMut(JsValue)>::once_into_js(move |_: JsValue| done.emit(false))
        };
        then.call2(&promise, &resolved, &rejected)?;
        Ok(())
    })();
    if started.is_err() {
        done.emit(false);
    }
}
