//! The dsplay playground: a DaemonSet's YAML beside a list of nodes, and where the
//! DaemonSet controller would put its pods, simulated in the browser by dsplay-core.
//!
//! Organised like yew's `examples/function_todomvc`: `state` holds the state and
//! its reducer, `components` the small pieces of the page, `app` wires them.

pub mod app;
pub mod flow;
pub mod class_list;
pub mod components;
pub mod deflate;
pub mod hooks;
pub mod inputs_codec;
pub mod location;
pub mod page_options;
pub mod perf;
pub mod state;
pub mod storage;

pub use app::App;
