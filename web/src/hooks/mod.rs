//! Small helpers the components share.

pub mod debouncer;
