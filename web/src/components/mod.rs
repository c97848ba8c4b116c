//! The pieces of the page, each small and driven by props and callbacks.

pub mod editor;
pub mod node_card;
pub mod node_list;
pub mod status_line;
