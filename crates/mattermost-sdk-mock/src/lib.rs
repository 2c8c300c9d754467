//! # mattermost-sdk-mock
//!
//! Test doubles for code built on `mattermost-sdk`, both implementing
//! [`Transport`](mattermost_sdk_core::Transport):
//!
//! - [`MockTransport`]: answers from expectations the test sets up (method, path, query,
//!   headers, body) and records every request; unmet expectations fail the test.
//! - [`FakeServer`] (module [`fake`]): a stateful, in-memory fake of the users API with starting
//!   data (an admin, two users, a deactivated user, teams, sessions, preferences, ...), auth,
//!   permissions and Mattermost-shaped errors. [`FakeServer::builder`] adds your own users,
//!   teams, channels, tokens and preferences, and answers routes the fake does not model from
//!   your closures. With the `serve` feature, `serve()` puts it behind a real loopback HTTP
//!   server, and `serve_unix()` on a Unix socket as the server's local mode.
//! - `conformance` (feature `conformance`): the transport conformance kit, the suite every
//!   transport of the SDK passes, to run against your own transport in one call.
//!
//! Neither needs an async runtime (the fake and the mock answer at once); only `serve` needs
//! Tokio.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod mock;
mod recorded;
mod util;

pub mod fake;

#[cfg(feature = "conformance")]
#[cfg_attr(docsrs, doc(cfg(feature = "conformance")))]
pub mod conformance;
#[cfg(feature = "serve")]
mod serve;

pub use fake::{FakeRateLimit, FakeRequest, FakeServer, FakeServerBuilder};
pub use mock::{Expect, IntoStatus, MockTransport};
pub use recorded::RecordedRequest;
#[cfg(feature = "serve")]
#[cfg_attr(docsrs, doc(cfg(feature = "serve")))]
pub use serve::{serve, ServeHandle, MAX_REQUEST_BODY};
#[cfg(all(unix, feature = "serve"))]
#[cfg_attr(docsrs, doc(cfg(all(unix, feature = "serve"))))]
pub use serve::{serve_unix, UnixServeHandle};
