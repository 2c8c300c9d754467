//! The transport conformance kit (feature `conformance`): the suite every transport of the
//! SDK passes, to run against your own [`Transport`] in one call.
//!
//! A transport is the SDK's only I/O: it gets a complete [`http::Request<Bytes>`] and returns
//! the complete [`http::Response<Bytes>`]. The kit starts real servers on `127.0.0.1` (some of
//! them misbehaving on purpose) and checks that your transport:
//!
//! - keeps the status, the HTTP version and **all** response headers, repeated ones too
//!   (`Set-Cookie`, `X-Request-Id`, ...), and sends every request header, repeated ones too;
//! - sends the method, the request target (path and query as given) and the body byte for byte
//!   (JSON and multipart), and keeps a caller's own `User-Agent`;
//! - bounds the whole exchange by its **timeout** (a server that never answers, a body that
//!   stalls): [`TransportErrorKind::Timeout`];
//! - **caps the response body**: a larger `Content-Length`, or a chunked body that grows past
//!   the cap, is [`TransportErrorKind::BodyTooLarge`] without reading the rest; a body exactly
//!   at the cap passes; a `HEAD` answer's length is not a body;
//! - maps failures to **typed kinds**: a refused connection is
//!   [`Connect`](TransportErrorKind::Connect); a hang-up before or during the answer, or an
//!   answer that is not HTTP, is [`Io`](TransportErrorKind::Io); too many redirects is
//!   [`Redirect`](TransportErrorKind::Redirect); and no error message contains the token;
//! - returns a redirect as-is unless told to follow it, and never sends `Authorization` (or
//!   `Cookie`) **across origins** when it follows one; `303` turns into a bodiless `GET`,
//!   `307` repeats the method and body;
//! - sends `Accept-Encoding: gzip` and decodes a gzip answer, keeping its `Content-Encoding`
//!   header; the body cap counts **decoded** bytes (a small gzip body that expands past it is
//!   [`BodyTooLarge`](TransportErrorKind::BodyTooLarge)); a body in an encoding it cannot
//!   decode is an error that names the encoding
//!   ([`decode_content`](mattermost_sdk_core::transport_support::decode_content) does all of
//!   it);
//! - works end to end against the served [`FakeServer`](crate::FakeServer) (login, read,
//!   patch, a 70 KB binary upload and download, a typed 404).
//!
//! # What a transport receives
//!
//! [`build_request`](mattermost_sdk_core::build_request) makes requests in **absolute form**:
//! the URI has scheme, authority, path and query (`https://chat.example.com/api/v4/users/me`),
//! and there is no `Host` header. That is what hyper-util's pooled client, reqwest and most
//! HTTP clients want. hyper's low-level connection API (`hyper::client::conn::http1`) instead
//! sends the URI exactly as given, so it needs **origin form** (`/api/v4/users/me`) plus a
//! `Host` header: [`mattermost_sdk_core::transport_support::to_origin_form`] does that
//! conversion.
//!
//! # Running it
//!
//! Give [`Kit::new`] a function that builds your transport from a [`Config`] (timeout, body
//! cap, redirects to follow), then [`Kit::run`] it inside a Tokio runtime. Each case runs on
//! its own task; the [`Report`] lists what passed and what failed, and
//! [`Report::assert_passed`] fails your test with every failure at once.
//!
//! ```no_run
//! use mattermost_sdk_mock::conformance::{Config, Kit};
//! # #[derive(Debug)] struct MyTransport;
//! # impl MyTransport { fn new(_: std::time::Duration, _: usize) -> Self { MyTransport } }
//! # impl mattermost_sdk_core::Transport for MyTransport {
//! #     async fn send(&self, _: http::Request<bytes::Bytes>)
//! #         -> Result<http::Response<bytes::Bytes>, mattermost_sdk_core::TransportError> { todo!() }
//! # }
//!
//! #[tokio::test]
//! async fn my_transport_conforms() {
//!     Kit::new(|cfg: Config| MyTransport::new(cfg.timeout, cfg.max_body_bytes))
//!         // It never follows redirects: check that it returns them as they are.
//!         .without_redirects()
//!         .run()
//!         .await
//!         .assert_passed();
//! }
//! ```

mod cases;
pub mod servers;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use mattermost_sdk_core::{Transport, TransportErrorKind};

/// How the kit configures the transport under test for one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// The whole exchange's time limit (10 s, or 300 ms in the timeout cases).
    pub timeout: Duration,
    /// The response-body cap in bytes (1 MiB, or 1024 in the cap cases).
    pub max_body_bytes: usize,
    /// How many redirects to follow (0: return a 3xx as it is).
    pub max_redirects: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            timeout: Duration::from_secs(10),
            max_body_bytes: 1 << 20,
            max_redirects: 0,
        }
    }
}

type Make<T> = dyn Fn(Config) -> T + Send + Sync;
type MakeH2c<T> = dyn Fn() -> T + Send + Sync;

/// The kit, configured for one transport type. See the [module docs](self).
pub struct Kit<T> {
    inner: Arc<Inner<T>>,
}

pub(crate) struct Inner<T> {
    make: Box<Make<T>>,
    h2c: Option<Box<MakeH2c<T>>>,
    follows_redirects: bool,
    user_agent_prefix: Option<String>,
}

impl<T> Inner<T> {
    pub(crate) fn make(&self, cfg: Config) -> T {
        (self.make)(cfg)
    }
}

impl<T> fmt::Debug for Kit<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Kit")
            .field("transport", &std::any::type_name::<T>())
            .field("h2c", &self.inner.h2c.is_some())
            .field("follows_redirects", &self.inner.follows_redirects)
            .field("user_agent_prefix", &self.inner.user_agent_prefix)
            .finish()
    }
}

impl<T: Transport + 'static> Kit<T> {
    /// A kit for transports built by `make` from a [`Config`]. By default the kit expects the
    /// transport to follow redirects when `max_redirects > 0`; see
    /// [`without_redirects`](Self::without_redirects).
    pub fn new(make: impl Fn(Config) -> T + Send + Sync + 'static) -> Self {
        Kit {
            inner: Arc::new(Inner {
                make: Box::new(make),
                h2c: None,
                follows_redirects: true,
                user_agent_prefix: None,
            }),
        }
    }

    fn with(self, f: impl FnOnce(&mut Inner<T>)) -> Self {
        let mut inner = Arc::try_unwrap(self.inner)
            .unwrap_or_else(|_| unreachable!("a Kit is the only owner until run"));
        f(&mut inner);
        Kit {
            inner: Arc::new(inner),
        }
    }

    /// Also checks HTTP/2 with prior knowledge (h2c): `make` builds a transport that speaks
    /// HTTP/2 to a cleartext server (version, repeated headers and body kept).
    pub fn http2_prior_knowledge(self, make: impl Fn() -> T + Send + Sync + 'static) -> Self {
        self.with(|i| i.h2c = Some(Box::new(make)))
    }

    /// The transport never follows redirects: the redirect cases check that every 3xx comes
    /// back as it is (and so no credentials cross origins) instead of how they are followed.
    pub fn without_redirects(self) -> Self {
        self.with(|i| i.follows_redirects = false)
    }

    /// Requests without a `User-Agent` must get one starting with `prefix` (the SDK's own
    /// transports send `mattermost-sdk/<version>`).
    pub fn default_user_agent(self, prefix: impl Into<String>) -> Self {
        let prefix = prefix.into();
        self.with(|i| i.user_agent_prefix = Some(prefix))
    }

    /// Runs every case, each on its own Tokio task (a panic fails that case only), one after
    /// the other. Must be called inside a Tokio runtime with I/O and time enabled.
    pub async fn run(self) -> Report {
        let mut report = Report::default();
        for (name, case) in cases::all::<T>() {
            match case.applies(&self.inner) {
                Applies::Yes => {}
                Applies::No(why) => {
                    report.skipped.push((name, why));
                    continue;
                }
            }
            let task = tokio::spawn((case.run)(Arc::clone(&self.inner)));
            match task.await {
                Ok(()) => report.passed.push(name),
                Err(e) => report.failed.push((name, panic_message(e))),
            }
        }
        report
    }
}

/// Whether a case applies to a kit.
pub(crate) enum Applies {
    Yes,
    No(&'static str),
}

type CaseFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// One case: a name, when it applies, and the check.
pub(crate) struct Case<T> {
    pub(crate) run: fn(Arc<Inner<T>>) -> CaseFuture,
    pub(crate) needs: Needs,
}

/// What a case needs from the kit.
#[derive(Clone, Copy)]
pub(crate) enum Needs {
    Nothing,
    H2c,
    FollowsRedirects,
}

impl<T> Case<T> {
    fn applies(&self, inner: &Inner<T>) -> Applies {
        match self.needs {
            Needs::Nothing => Applies::Yes,
            Needs::H2c if inner.h2c.is_none() => {
                Applies::No("no HTTP/2 transport given (Kit::http2_prior_knowledge)")
            }
            Needs::FollowsRedirects if !inner.follows_redirects => {
                Applies::No("the transport does not follow redirects")
            }
            _ => Applies::Yes,
        }
    }
}

fn panic_message(e: tokio::task::JoinError) -> String {
    match e.try_into_panic() {
        Ok(payload) => payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "a panic without a message".to_owned()),
        Err(e) => e.to_string(),
    }
}

/// What a [`Kit::run`] found: the cases that passed, failed (with the failure) or did not
/// apply (with the reason).
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Names of the cases that passed.
    pub passed: Vec<&'static str>,
    /// Names and failure messages of the cases that failed.
    pub failed: Vec<(&'static str, String)>,
    /// Names of the cases that did not apply, and why.
    pub skipped: Vec<(&'static str, &'static str)>,
}

impl Report {
    /// True if no case failed.
    pub fn is_ok(&self) -> bool {
        self.failed.is_empty()
    }

    /// Panics, listing every failed case, unless all passed.
    ///
    /// # Panics
    ///
    /// If any case failed.
    pub fn assert_passed(&self) {
        if !self.is_ok() {
            panic!("{self}");
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "transport conformance: {} passed, {} failed, {} skipped",
            self.passed.len(),
            self.failed.len(),
            self.skipped.len()
        )?;
        for (name, why) in &self.failed {
            writeln!(f, "  FAILED {name}: {why}")?;
        }
        for (name, why) in &self.skipped {
            writeln!(f, "  skipped {name}: {why}")?;
        }
        Ok(())
    }
}

/// Asserts a transport error has `kind` and does not contain `secret`.
pub(crate) fn assert_kind(
    result: Result<http::Response<bytes::Bytes>, mattermost_sdk_core::TransportError>,
    kind: TransportErrorKind,
    secret: &str,
) {
    match result {
        Ok(resp) => panic!("expected a {kind} error, got a {} response", resp.status()),
        Err(err) => {
            assert_eq!(err.kind(), kind, "{err}");
            assert!(
                !format!("{err} {err:?}").contains(secret),
                "the token leaked: {err}"
            );
        }
    }
}
