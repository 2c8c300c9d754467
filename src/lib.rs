//! Holder package for the workspace's integration tests (`tests/`), benchmarks (`benches/`)
//! and examples (`examples/`). It is not published and exports nothing.
//!
//! It also compiles the README's Rust snippets as doctests (`cargo test --workspace` runs
//! them), so the README cannot drift from the API.

/// The workspace README; its Rust code blocks are this item's doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
