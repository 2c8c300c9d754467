//! # mattermost-sdk
//!
//! A typed client for the Mattermost REST API v4.
//!
//! ```no_run
//! # async fn demo() -> Result<(), mattermost_sdk::Error> {
//! use mattermost_sdk::Client;
//!
//! let client = Client::builder("https://chat.example.com").token("my-token").build()?;
//! let me = client.me().await?;
//! let teams = client.user(&me).teams().await?;
//! println!("{} is in {} teams", me.username, teams.len());
//! # Ok(()) }
//! ```
//!
//! Three layers, each usable on its own: the pure endpoint values of
//! [`mattermost_sdk_core`] (re-exported as [`core`]), pluggable transports (reqwest by default,
//! hyper, the mock crate's `MockTransport` and `FakeServer`, or yours), and this facade.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod admin;
mod args;
mod client;
mod directory;
#[cfg(all(unix, feature = "unix"))]
#[cfg_attr(docsrs, doc(cfg(all(unix, feature = "unix"))))]
pub mod local;
mod paging;
pub mod registry;
mod response;
pub mod retry;
pub mod service;
mod users;

pub use admin::LocalMode;
pub use args::IdArg;
pub use client::{BoxFuture, Call, CallFuture, Client, ClientBuilder};
pub use directory::Batch;
pub use response::Response;
pub use users::{UserHandle, Users};

pub use mattermost_sdk_core as core;
pub use mattermost_sdk_core::endpoints::users::LoginResponse;
pub use mattermost_sdk_core::models;
pub use mattermost_sdk_core::{
    ApiError, ApiErrorBody, BaseUrl, BuildError, ChannelId, DecodeError, DynTransport, Endpoint,
    EndpointInfo, Error, GroupId, MattermostError, PostId, RateLimit, Result, Secret, SessionId,
    StatusCode, TeamId, Token, Transport, TransportError, TransportErrorKind, UserId,
};

/// A `mockall`-generated mock of [`Transport`] (feature `mockall`).
#[cfg(feature = "mockall")]
pub use mattermost_sdk_core::MockallTransport;

/// The reqwest transport (feature `reqwest`, on by default).
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub use mattermost_sdk_reqwest as reqwest_transport;

/// The hyper transport (feature `hyper`).
#[cfg(feature = "hyper")]
#[cfg_attr(docsrs, doc(cfg(feature = "hyper")))]
pub use mattermost_sdk_hyper as hyper_transport;
