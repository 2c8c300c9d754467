//! Holder package for the workspace's integration tests (`tests/`), benchmarks (`benches/`)
//! and examples (`examples/`). It is not published and exports nothing.
