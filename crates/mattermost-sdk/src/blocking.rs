//! A blocking client for scripts and CLIs that are not async (feature `blocking`).
//!
//! The same operations as the async facade, with no `async`: build a
//! [`blocking::Client`](Client), reach any operation the usual way, and finish the call with
//! [`.wait()`](Wait::wait) instead of `.await` ([`Call::wait_all`] for every page of a paged
//! call, [`Call::wait_with_response`] for the status and headers too):
//!
//! ```no_run
//! use mattermost_sdk::blocking::{Client, Wait};
//!
//! # fn main() -> mattermost_sdk::Result<()> {
//! let client = Client::builder("https://chat.example.com").token("my-token").build()?;
//! let me = client.me().wait()?;
//! let teams = client.user(&me).teams().wait()?;
//! let everyone = client.users().list().wait_all()?;
//! println!("{} is in {} teams; {} users", me.username, teams.len(), everyone.len());
//! # Ok(()) }
//! ```
//!
//! Calls run on one runtime the crate keeps for this (a multi-threaded tokio runtime with one
//! worker thread, made on first use), so the transport's connection pool is shared by every
//! blocking call of the process. Calling `.wait()` from inside an async runtime would block
//! one of its threads: it panics instead, with a message saying so. In async code, `.await`
//! the call.

use std::future::{Future, IntoFuture};
use std::ops::Deref;
use std::sync::OnceLock;

use mattermost_sdk_core::models::{StatusOk, User};
use mattermost_sdk_core::paging::Paged;
use mattermost_sdk_core::{Endpoint, Error, Secret, Token, Transport};

use crate::client::Call;
use crate::response::Response;

/// The runtime every blocking call runs on.
fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("mattermost-sdk-blocking")
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("mattermost_sdk::blocking: cannot start a runtime: {e}"))
    })
}

/// Runs `fut` to completion on the blocking runtime.
///
/// # Panics
///
/// Inside an async runtime (where blocking would stall its thread), with a message saying so.
pub fn block_on<F: Future>(fut: F) -> F::Output {
    if tokio::runtime::Handle::try_current().is_ok() {
        panic!(
            "mattermost_sdk::blocking: `.wait()` was called inside an async runtime, where it \
             would block one of the runtime's threads; `.await` the call instead (or run the \
             blocking code in `tokio::task::spawn_blocking`)"
        );
    }
    runtime().block_on(fut)
}

/// Finishes a call without `async`: what `.await` does, blocking the current thread.
/// Implemented for every call (anything `IntoFuture`).
pub trait Wait: IntoFuture + Sized {
    /// Sends the call and blocks until its answer (see [`block_on`] for the panic).
    fn wait(self) -> Self::Output {
        block_on(self.into_future())
    }
}

impl<T: IntoFuture> Wait for T {}

impl<E> Call<E>
where
    E: Endpoint + Send + Sync + 'static,
    E::Output: Send,
{
    /// [`Call::with_response`], blocking (feature `blocking`).
    pub fn wait_with_response(self) -> Result<Response<E::Output>, Error> {
        block_on(self.with_response())
    }
}

impl<E> Call<E>
where
    E: Paged + Send + Sync + 'static,
    E::Output: Send,
    E::Item: Send + 'static,
{
    /// [`Call::all`], blocking (feature `blocking`): every page's items, in order.
    pub fn wait_all(self) -> Result<Vec<E::Item>, Error> {
        block_on(self.all())
    }
}

/// A blocking Mattermost client: the async [`crate::Client`] (every handle and operation,
/// reached through `Deref`) plus a builder, login and logout that block. Finish calls with
/// [`Wait::wait`].
#[derive(Debug, Clone)]
pub struct Client {
    inner: crate::Client,
}

impl Client {
    /// Starts building a blocking client for the server at `base_url`; see
    /// [`crate::Client::builder`].
    pub fn builder(base_url: impl AsRef<str>) -> ClientBuilder {
        ClientBuilder {
            inner: crate::Client::builder(base_url),
        }
    }

    /// Wraps an async client (they share the session and the transport).
    pub fn from_async(client: crate::Client) -> Self {
        Client { inner: client }
    }

    /// The async client behind this one.
    pub fn as_async(&self) -> &crate::Client {
        &self.inner
    }

    /// The server's version as the last answer stated it; see
    /// [`crate::Client::server_version`] (no I/O).
    pub fn server_version(&self) -> Option<mattermost_sdk_core::ServerVersion> {
        self.inner.server_version()
    }

    /// Logs in (blocking); see [`crate::Client::login`].
    pub fn login(
        &self,
        login_id: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Result<User, Error> {
        let (client, login_id, password) = (self.inner.clone(), login_id.into(), password.into());
        block_on(async move { client.login(login_id, password).await })
    }

    /// Logs out (blocking); see [`crate::Client::logout`].
    pub fn logout(&self) -> Result<StatusOk, Error> {
        let client = self.inner.clone();
        block_on(async move { client.logout().await })
    }

    /// Sends any endpoint (blocking); see [`crate::Client::execute`].
    pub fn execute<E>(&self, ep: E) -> Result<E::Output, Error>
    where
        E: Endpoint + Send + Sync + 'static,
        E::Output: Send,
    {
        self.inner.call(ep).wait()
    }
}

impl Deref for Client {
    type Target = crate::Client;

    fn deref(&self) -> &crate::Client {
        &self.inner
    }
}

/// Builds a blocking [`Client`]: the async builder's options, with a blocking `build`.
#[derive(Debug)]
pub struct ClientBuilder {
    inner: crate::ClientBuilder,
}

impl ClientBuilder {
    /// Authenticates with a known token; see [`crate::ClientBuilder::token`].
    pub fn token(self, token: impl Into<Token>) -> Self {
        ClientBuilder {
            inner: self.inner.token(token),
        }
    }

    /// Logs in with a login ID and password when built; see [`crate::ClientBuilder::login`].
    pub fn login(self, login_id: impl Into<String>, password: impl Into<Secret>) -> Self {
        ClientBuilder {
            inner: self.inner.login(login_id, password),
        }
    }

    /// Uses `transport` instead of the default; see [`crate::ClientBuilder::transport`].
    pub fn transport(self, transport: impl Transport + 'static) -> Self {
        ClientBuilder {
            inner: self.inner.transport(transport),
        }
    }

    /// Builds the client, logging in first if `.login(..)` was given (blocking).
    pub fn build(self) -> Result<Client, Error> {
        let inner = self.inner;
        Ok(Client {
            inner: block_on(async move { inner.await })?,
        })
    }
}
