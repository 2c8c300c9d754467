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
//! ## Resilience
//!
//! A client built the plain way survives a real server: it retries, paces itself, bounds
//! calls in time, asks for gzip, and says what went wrong in typed errors that keep the
//! answer's headers.
//!
//! - **Retries** ([`retry`], on by default): 4 attempts, backoff from 250 ms doubling with
//!   jitter, at most 30 s per wait and 60 s of waiting per call ([`retry::RetryConfig`]).
//!   `429` is retried for any operation after its `Retry-After` (a `Retry-After` beyond the
//!   per-wait cap returns the error at once); a failure to connect for any operation (nothing
//!   was sent); `502`/`503`/`504`, timeouts and dropped connections only for operations safe
//!   to repeat, a fact each endpoint states from its server handler
//!   ([`EndpointInfo::idempotent`]: a `GetUsersByIds` POST is a read, a repeated
//!   `UpdateUserPassword` is not). Off for a client with [`ClientBuilder::no_retry`], for one
//!   call with [`Call::no_retry`]. Waits go through an injectable clock
//!   ([`retry::RetryConfig::sleeper`], [`retry::InstantSleeper`] in tests); dropping the
//!   call's future stops the wait.
//! - **Pacing**: after an answer with `X-RateLimit-Remaining: 0` the client (all its clones)
//!   spaces its next requests `1 / X-RateLimit-Limit` seconds apart until an answer shows
//!   room again, instead of collecting `429`s; it never waits a whole `X-RateLimit-Reset`
//!   (the server's limiter is GCRA: that is the time until the bucket is full again).
//! - **Timeouts** ([`timeout`]): [`Call::timeout`] for one call, [`ClientBuilder::timeout`]
//!   for all; each bounds every attempt, and a timed-out attempt is retried like a dropped
//!   connection (safe operations only). The error says [`Error::is_timeout`]. Without them,
//!   the transport's whole-exchange timeout (30 s) applies.
//! - **Expired sessions** (opt-in, [`ClientBuilder::renew_expired_sessions`], for clients
//!   built with `.login(..)`): on `api.context.session_expired.app_error` the client logs in
//!   again once, however many calls are in flight, and sends each waiting call again on the
//!   new session. **Mind**: the server answers `session_expired` for a *revoked* session or
//!   token too, so with this on a re-login undoes an administrator's revocation for as long
//!   as the password stays valid. Without it, [`Error::is_session_expired`] tells.
//! - **Errors keep the headers** of every non-2xx answer: [`Error::retry_after`],
//!   [`Error::rate_limit`] (`X-RateLimit-Limit/Remaining/Reset`), [`Error::request_id`],
//!   [`Error::headers`]; [`Error::is_rate_limited`].
//! - **Connection pools**: `ReqwestTransport::with_pool(PoolConfig)` and
//!   `HyperTransport::with_connector_and_pool(connector, PoolConfig)` cap the idle
//!   connections kept per host and how long they are kept (the defaults keep every one of a
//!   burst for 90 s).
//! - **Compression**: both transports ask for gzip and decode it; the body cap counts decoded
//!   bytes; `Content-Encoding` stays visible on the answer.
//! - **Tracing**: one `tracing` span per call, `mattermost_sdk.call` at DEBUG, with
//!   `operation_id`, `method`, `path` (the template, such as `/users/{user_id}`), `status`,
//!   `request_id`, `attempt` and `duration_ms`; each retry and each pacing wait is an event
//!   in it. Never a header, body or query, so never a token or password.
//! - **Your own layers**: [`service::TransportService`] and [`service::ServiceTransport`]
//!   put any `tower` layer in front of a transport; a layer reads the operation and the
//!   call's options from the request's extensions ([`retry::CallFacts`]).
//!
//! ```no_run
//! # #[cfg(feature = "reqwest")]
//! # async fn demo() -> mattermost_sdk::Result<()> {
//! use std::time::Duration;
//! use mattermost_sdk::reqwest_transport::{PoolConfig, ReqwestTransport};
//! use mattermost_sdk::retry::RetryConfig;
//! use mattermost_sdk::Client;
//!
//! let client = Client::builder("https://chat.example.com")
//!     .transport(ReqwestTransport::with_pool(PoolConfig::new().max_idle_per_host(16))?)
//!     .retry(RetryConfig::default().max_attempts(3))
//!     .timeout(Duration::from_secs(10))
//!     .login("alice", "password")
//!     .renew_expired_sessions()
//!     .await?;
//! // This call: two seconds per attempt, and no retry.
//! match client.me().timeout(Duration::from_secs(2)).no_retry().await {
//!     Ok(me) => println!("{}", me.username),
//!     Err(e) if e.is_rate_limited() => println!("come back in {:?}", e.retry_after()),
//!     Err(e) if e.is_timeout() => println!("no answer in time"),
//!     Err(e) => return Err(e),
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
// issue 12, users 3 of 3: memberships, reminders, typing, uploads, retention policies
mod activity;
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
// sidebar categories (issue 12)
mod sidebar;
// sign-in flows (issue 11)
mod signin;
mod team;
mod terms_status;
mod threads;
pub mod timeout;
mod tokens;
mod users;

pub use admin::LocalMode;
pub use args::IdArg;
pub use client::{BoxFuture, Call, CallFuture, Client, ClientBuilder, LoginOptions};
pub use directory::Batch;
pub use lookup::{UserLoader, DEFAULT_MAX_BATCHES_IN_FLIGHT, MAX_LOOKUP_BATCH};
pub use paging::{PageWalk, DEFAULT_READ_AHEAD};
pub use response::Response;
pub use team::UserTeamHandle;
// sidebar categories (issue 12)
pub use sidebar::SidebarCategoryHandle;
pub use threads::ThreadHandle;
pub use tokens::AccessTokens;
pub use users::{UserHandle, Users};

pub use mattermost_sdk_core as core;
/// A sidebar category's ID, as the facade's sidebar methods take it (re-exported from core).
pub use mattermost_sdk_core::endpoints::users::SidebarCategoryId;
pub use mattermost_sdk_core::endpoints::users::{CwsLogin, LoginResponse};
pub use mattermost_sdk_core::models;
pub use mattermost_sdk_core::{
    ApiError, ApiErrorBody, BaseUrl, BuildError, ChannelId, DecodeError, DynTransport, Endpoint,
    EndpointInfo, Error, GroupId, MattermostError, PostId, RateLimit, Result, Secret,
    ServerVersion, SessionId, StatusCode, TeamId, Token, TokenId, Transport, TransportError,
    TransportErrorKind, UserId,
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
