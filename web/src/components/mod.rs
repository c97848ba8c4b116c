//! The pieces of the page. Each takes the state handle, reads what it shows
//! and dispatches `state::Action`s; none holds state the reducer should own.

pub mod cluster_view;
pub mod editor;
pub mod flow_compare;
pub mod flow_diagram;
pub mod flow_player;
pub mod kubectl_pods;
pub mod kubectl_views;
pub mod node_card;
pub mod node_io;
pub mod node_tools;
pub mod pod_manifest;
pub mod status_line;
pub mod toolbar;
pub mod yaml_highlight;
