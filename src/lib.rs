//! Holder package for the workspace's integration tests (`tests/`) and benchmarks
//! (`benches/`). It is not published and exports nothing. The tour example lives in the facade
//! crate (`crates/mattermost-sdk/examples/`), so `cargo run --example tour` builds only the
//! SDK's own dependencies, not this package's (criterion, the spec tool, ...).
//!
//! It also compiles the README's Rust snippets as doctests (`cargo test --workspace` runs
//! them), so the README cannot drift from the API.

/// The workspace README; its Rust code blocks are this item's doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
