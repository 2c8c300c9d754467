//! # mattermost-sdk
//!
//! A typed client for the Mattermost REST API v4: every operation of the users API as a typed
//! call, correct on the wire, with a fake server to test against.
//!
//! ## Connecting: a token or a login
//!
//! ```no_run
//! # async fn demo() -> mattermost_sdk::Result<()> {
//! use mattermost_sdk::Client;
//!
//! // A personal access token or a bot token ...
//! let client = Client::builder("https://chat.example.com").token("my-token").build()?;
//! // ... or a login: the session token comes from the server's `Token` header.
//! let client = Client::builder("https://chat.example.com")
//!     .login("alice", "password")
//!     .await?;
//! let me = client.me().await?;
//! println!("signed in as {}", me.username);
//! # Ok(()) }
//! ```
//!
//! The base URL may be `https://host`, `https://host/` or `https://host/api/v4/`, or a server
//! installed under a prefix (`https://host/chat`). `Client` is cheap to clone: clones share the
//! transport and the session.
//!
//! ## Where operations live: handles that mirror the path
//!
//! | path | handle | examples |
//! |---|---|---|
//! | `/users`, `/users/search`, `/users/username/{name}`, ... | [`Client::users`] → [`Users`] | `list()`, `get_by_username(..)`, `get_by_usernames(..)`, `search(..)`, `create(..)`, `stats()` |
//! | `/users/{user_id}/...` | [`Client::user`] → [`UserHandle`] | `get()`, `patch(..)`, `deactivate()`, `revoke_all_sessions()`, `audits()` |
//! | `/users/{user_id}/...`, user first | [`Users`] too | `users().deactivate(user)` = `user(user).deactivate()` |
//!
//! `client.user(..)` takes a typed ID, a string (checked when the call is sent), `"me"`, or a
//! fetched [`models::User`]. `ENDPOINTS.md` lists every operation with its facade method.
//!
//! ## Calls
//!
//! Every operation returns a call builder ([`Call`]): optional parameters are methods, `.await`
//! sends it, `.with_response()` also gives the status and headers, `.endpoint()` gives the pure
//! value without sending anything. A call owns a clone of the client, so its future is
//! `Send + 'static` and goes straight into `tokio::spawn`. `client.execute(&endpoint)` runs any
//! endpoint value of [`core::endpoints`]; `client.send_raw(request)` any request.
//!
//! ## Errors
//!
//! One [`Error`] type (`#[non_exhaustive]`): a bad ID or parameter is [`Error::Build`] before
//! any I/O; a non-2xx answer is [`Error::Api`] with Mattermost's error body; failures below
//! HTTP are [`Error::Transport`] with a kind; a 2xx body that does not decode is
//! [`Error::Decode`]. Match with the predicates:
//!
//! ```no_run
//! # async fn demo(client: mattermost_sdk::Client) -> mattermost_sdk::Result<()> {
//! match client.users().get_by_username("nobody").await {
//!     Ok(user) => println!("found {}", user.id),
//!     Err(e) if e.is_not_found() => println!("no such user"),
//!     Err(e) if e.is_forbidden() => println!("not allowed"),
//!     Err(e) => return Err(e),
//! }
//! # Ok(()) }
//! ```
//!
//! `api_error_id()` gives Mattermost's error id (stable, unlike the translated message).
//! Secrets (passwords, tokens, MFA secrets) never appear in `Debug`, `Display` or error text.
//!
//! ## Paging
//!
//! Paged operations give `.all()`, `.pages()` and `.stream()` (a `futures` stream), each
//! following the operation's stop rule from its server handler; `per_page` above 200 (the
//! server's cap) is a typed error.
//!
//! ```no_run
//! # async fn demo(client: mattermost_sdk::Client) -> mattermost_sdk::Result<()> {
//! use futures_util::TryStreamExt;
//! let mut users = client.users().list().in_team("4xp9fdt77pncbef59f4k1qe83o").stream();
//! while let Some(user) = users.try_next().await? {
//!     println!("{}", user.username);
//! }
//! # Ok(()) }
//! ```
//!
//! ## Testing code that uses the client
//!
//! - `mattermost_sdk_mock::MockTransport`: expectations per request (method, path, query,
//!   JSON body) with canned answers, and the requests it saw.
//! - `mattermost_sdk_mock::FakeServer`: a stateful fake of the users API (users, sessions,
//!   preferences, ...; permissions and error ids as the server's), used directly as a
//!   transport or served on loopback; seed it with `FakeServer::builder()` and add routes it
//!   does not model.
//! - `MockallTransport` (feature `mockall`): a mockall-generated mock of [`Transport`].
//!
//! ## Features and transports
//!
//! `reqwest` (default) is the transport `Client::builder` uses; `hyper` re-exports the hyper
//! transport for your own stack (`.transport(..)` takes any [`Transport`]); TLS through
//! `rustls` (default), `rustls-native-roots` or `native-tls`; `unix` for local mode over the
//! server's socket (`mattermost_sdk::local`); `blocking` for code that is not async
//! (`mattermost_sdk::blocking`); `mockall` for `MockallTransport`.
//!
//! Three layers, each usable on its own: the pure endpoint values of
//! [`mattermost_sdk_core`] (re-exported as [`core`]), the transports, and this facade.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod account;
mod admin;
mod args;
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;
mod channels;
mod client;
mod directory;
#[cfg(all(unix, feature = "unix"))]
#[cfg_attr(docsrs, doc(cfg(all(unix, feature = "unix"))))]
pub mod local;
mod lookup;
mod paging;
pub mod registry;
mod response;
pub mod retry;
pub mod service;
mod sessions;
mod team;
mod terms_status;
mod threads;
mod tokens;
mod users;

pub use admin::LocalMode;
pub use args::IdArg;
pub use client::{BoxFuture, Call, CallFuture, Client, ClientBuilder, LoginOptions};
pub use directory::Batch;
pub use lookup::{UserLoader, MAX_LOOKUP_BATCH};
pub use paging::{PageWalk, DEFAULT_READ_AHEAD};
pub use response::Response;
pub use team::UserTeamHandle;
pub use threads::ThreadHandle;
pub use tokens::AccessTokens;
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
