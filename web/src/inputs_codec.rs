//! The user's inputs as text and back: one format for share links and for
//! autosave, so both are versioned and validated the same way.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use dsplay_core::model::Node;
use dsplay_core::node_edit::nodes_to_yaml;
use dsplay_core::read::{read_sources, Source};
use dsplay_core::share_link::{self, SharedInputs};
use dsplay_core::Severity;

use crate::deflate::{inflate_raw, InflateError};
use crate::state::Inputs;

/// `v1:...`, the text of a share link's fragment. Asynchronous: the browser
/// compresses it (`crate::deflate`).
pub async fn encode(inputs: &Inputs) -> String {
    let document = share_link::document(&SharedInputs {
        daemon_set: inputs.yaml.clone(),
        nodes: nodes_text(&inputs.nodes),
        selected: inputs.selected.clone(),
    });
    share_link::link(&crate::deflate::deflate_raw(document.as_bytes()).await)
}

thread_local! {
    /// The last node list written, and its text.
    static LAST_NODES: RefCell<Option<(Rc<Vec<Node>>, Rc<str>)>> = const { RefCell::new(None) };
}

/// The node list as YAML, written again only when the list changed: autosave
/// encodes the inputs after every edit of the DaemonSet, and writing 5,000
/// nodes took a good part of the 124 ms that blocked the page.
fn nodes_text(nodes: &Rc<Vec<Node>>) -> String {
    LAST_NODES.with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some((cached, text)) if Rc::ptr_eq(cached, nodes) => text.to_string(),
            _ => {
                let text: Rc<str> = nodes_to_yaml(nodes).into();
                *last = Some((nodes.clone(), text.clone()));
                text.to_string()
            }
        }
    })
}

/// Why a link or a saved copy did not open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The browser did not inflate it: too large, damaged, or no way to try.
    Inflate(InflateError),
    /// Not a link dsplay can open, or damaged: the message says how.
    Invalid(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Inflate(error) => error.fmt(f),
            DecodeError::Invalid(message) => f.write_str(message),
        }
    }
}

/// The inputs a link (or a saved copy) holds, or why it cannot be opened: the
/// core's `share_link::decode` with the browser's bounded inflate in the
/// middle (`crate::deflate`), so the page links no inflater.
pub async fn decode(text: &str) -> Result<Inputs, DecodeError> {
    let deflated = share_link::payload(text).map_err(DecodeError::Invalid)?;
    let document = inflate_raw(&deflated, share_link::MAX_DECODED_BYTES).await.map_err(DecodeError::Inflate)?;
    share_link::inputs_from_document(document).and_then(read_inputs).map_err(DecodeError::Invalid)
}

/// The inputs a link's text holds, once its node list reads.
fn read_inputs(shared: SharedInputs) -> Result<Inputs, String> {
    let read = read_sources(&[Source { name: "nodes", text: &shared.nodes }]);
    if read.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err("this link is damaged: its node list does not read".into());
    }
    Ok(Inputs { yaml: shared.daemon_set, nodes: Rc::new(read.cluster.nodes), selected: shared.selected })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Natively, with the core's inflate where the page has the browser's
    /// (web/tests/saving.rs runs the page's own `decode` in Chromium).
    #[test]
    fn inputs_round_trip_through_a_link() {
        let inputs = Inputs::default();
        assert!(!inputs.nodes.is_empty());
        let text = share_link::document(&SharedInputs {
            daemon_set: inputs.yaml.clone(),
            nodes: nodes_text(&inputs.nodes),
            selected: inputs.selected.clone(),
        });
        let shared = share_link::decode(&share_link::link(&share_link::stored_deflate(text.as_bytes()))).unwrap();
        assert_eq!(read_inputs(shared), Ok(inputs));
    }

    #[test]
    fn a_node_list_that_does_not_read_is_refused() {
        let shared = SharedInputs { daemon_set: "kind: DaemonSet\n".into(), nodes: "items: [".into(), selected: None };
        assert_eq!(read_inputs(shared), Err("this link is damaged: its node list does not read".into()));
    }
}
