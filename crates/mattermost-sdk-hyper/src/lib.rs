//! # mattermost-sdk-hyper
//!
//! [`HyperTransport`]: a [`Transport`] for `mattermost-sdk` over hyper-util's pooled
//! [`Client`], generic over the connector, for applications that build their own hyper stack
//! (custom DNS, proxies, Unix sockets, TLS setups, ...).
//!
//! - [`HyperTransport::new`]: plain HTTP over [`HttpConnector`];
//! - `HyperTransport::https()` (crate feature `rustls`): HTTPS and HTTP through hyper-rustls
//!   (ring, webpki roots, HTTP/2 when offered through ALPN);
//! - `HyperTransport::https_native_roots()` (feature `rustls-native-roots`): the same with the
//!   operating system's root certificates;
//! - `HyperTransport::https_native_tls()` (feature `native-tls`): HTTPS through hyper-tls, the
//!   platform's TLS library (OpenSSL on Linux; building needs its development headers);
//! - `HyperTransport::unix(path)` (feature `unix`): the server's local-mode Unix socket, what
//!   `mmctl --local` uses (module `unix`);
//! - [`HyperTransport::with_connector`]: any hyper-util connector;
//! - [`HyperTransport::from_client`]: a client you configured yourself.
//!
//! It behaves like every other transport of the SDK (one conformance suite checks them all):
//!
//! - the whole exchange, connect to last body byte, is bounded by a timeout (30 s by default);
//! - the response body is capped (64 MiB by default): a larger `Content-Length`, or a body that
//!   grows past the cap while it is read frame by frame, is a
//!   [`TransportErrorKind::BodyTooLarge`] error, without buffering the rest;
//! - the status, the HTTP version and all response headers (repeated ones too) are kept;
//! - redirects are not followed unless [`HyperTransport::follow_redirects`] says so, and then
//!   by the shared rules of [`mattermost_sdk_core::redirect`] (`Authorization` never crosses
//!   origins);
//! - failures map to a [`TransportErrorKind`]: timeouts, connection failures (refused, DNS,
//!   TLS), failures while sending or reading (a closed connection, a malformed answer),
//!   redirect problems; messages never contain request headers, so never the token;
//! - a request without `User-Agent` gets `mattermost-sdk/<version>`;
//! - the connection pool's limits (idle connections kept per host, how long they are kept)
//!   are set with a [`PoolConfig`] through [`HyperTransport::with_connector_and_pool`]; by default every
//!   connection of a burst is kept, for 90 s.
//!
//! Building and sending need a Tokio runtime (with the time driver).
//!
//! ```no_run
//! use std::time::Duration;
//!
//! use mattermost_sdk_core::endpoints::users::GetUser;
//! use mattermost_sdk_core::{build_request, parse_response, BaseUrl, Token, Transport, UserId};
//! use mattermost_sdk_hyper::HyperTransport;
//!
//! # async fn run() -> Result<(), mattermost_sdk_core::Error> {
//! let transport = HyperTransport::new()
//!     .timeout(Duration::from_secs(10))
//!     .follow_redirects(5);
//! let base = BaseUrl::parse("http://localhost:8065")?;
//! let token = Token::new("my-personal-access-token");
//! let req = build_request(&GetUser::new(UserId::me()), &base, Some(&token))?;
//! let me = parse_response::<GetUser>(transport.send(req).await?)?;
//! println!("{me:?}");
//! # Ok(())
//! # }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Full};
use hyper::body::Body as _;
use hyper_util::client::legacy::connect::{Connect, HttpConnector};
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use mattermost_sdk_core::{Transport, TransportError, TransportErrorKind};

pub use hyper_util;

#[cfg(any(feature = "rustls", feature = "rustls-native-roots"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "rustls", feature = "rustls-native-roots")))
)]
pub use hyper_rustls;

#[cfg(feature = "native-tls")]
#[cfg_attr(docsrs, doc(cfg(feature = "native-tls")))]
pub use hyper_tls;

#[cfg(all(unix, feature = "unix"))]
#[cfg_attr(docsrs, doc(cfg(all(unix, feature = "unix"))))]
pub mod unix;
#[cfg(all(unix, feature = "unix"))]
pub use unix::UnixConnector;

use mattermost_sdk_core::transport_support::{decode_content, kind_message, BodyCollector};
pub use mattermost_sdk_core::transport_support::{
    PoolConfig, TransportConfig, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT, USER_AGENT_VALUE,
};

/// The hyper-util client type this transport drives.
pub type HyperClient<C> = Client<C, Full<Bytes>>;

/// A [`Transport`] over hyper-util's pooled client with connector `C`.
///
/// Configure it with the consuming setters [`timeout`](Self::timeout),
/// [`max_body_bytes`](Self::max_body_bytes) and [`follow_redirects`](Self::follow_redirects).
/// Cloning is cheap and shares the connection pool.
#[derive(Clone)]
pub struct HyperTransport<C = HttpConnector> {
    client: HyperClient<C>,
    config: TransportConfig,
}

impl<C> fmt::Debug for HyperTransport<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperTransport")
            .field("connector", &std::any::type_name::<C>())
            .field("config", &self.config)
            .finish()
    }
}

impl HyperTransport<HttpConnector> {
    /// A plain-HTTP transport (no TLS) over a new pooled client with [`HttpConnector`].
    ///
    /// An `https://` URL fails with [`TransportErrorKind::Connect`]; for HTTPS use
    /// `HyperTransport::https()` (feature `rustls`) or [`with_connector`](Self::with_connector).
    pub fn new() -> Self {
        let mut http = HttpConnector::new();
        http.set_nodelay(true);
        Self::with_connector(http)
    }
}

impl Default for HyperTransport<HttpConnector> {
    /// Same as [`HyperTransport::new`].
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(feature = "rustls")]
#[cfg_attr(docsrs, doc(cfg(feature = "rustls")))]
impl HyperTransport<hyper_rustls::HttpsConnector<HttpConnector>> {
    /// An HTTPS (and plain HTTP) transport through hyper-rustls: the ring crypto provider,
    /// the Mozilla (webpki) roots, HTTP/2 when the server offers it through ALPN.
    ///
    /// # Panics
    ///
    /// Never in practice: the ring provider supports rustls' default protocol versions.
    pub fn https() -> Self {
        let provider = rustls::crypto::ring::default_provider();
        let connector = match hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(provider)
        {
            Ok(builder) => builder
                .https_or_http()
                .enable_http1()
                .enable_http2()
                .build(),
            Err(e) => panic!("the ring provider rejected rustls' default protocol versions: {e}"),
        };
        Self::with_connector(connector)
    }
}

#[cfg(feature = "rustls-native-roots")]
#[cfg_attr(docsrs, doc(cfg(feature = "rustls-native-roots")))]
impl HyperTransport<hyper_rustls::HttpsConnector<HttpConnector>> {
    /// Like `https()`, but trusting the operating system's root certificates (read once,
    /// here) instead of the compiled-in Mozilla roots.
    ///
    /// # Errors
    ///
    /// [`TransportErrorKind::Other`] if the system's certificate store cannot be read or holds
    /// no usable root.
    pub fn https_native_roots() -> Result<Self, TransportError> {
        let provider = rustls::crypto::ring::default_provider();
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_native_roots(provider)
            .map_err(|e| {
                TransportError::with_source(
                    TransportErrorKind::Other,
                    "could not load the system's root certificates",
                    e,
                )
            })?
            .https_or_http()
            .enable_http1()
            .enable_http2()
            .build();
        Ok(Self::with_connector(connector))
    }
}

#[cfg(feature = "native-tls")]
#[cfg_attr(docsrs, doc(cfg(feature = "native-tls")))]
impl HyperTransport<hyper_tls::HttpsConnector<HttpConnector>> {
    /// An HTTPS (and plain HTTP) transport through hyper-tls: the platform's TLS library
    /// (OpenSSL on Linux, Secure Transport on macOS, SChannel on Windows) with the system's
    /// roots. HTTP/1.1 only (hyper-tls negotiates no ALPN by default).
    pub fn https_native_tls() -> Self {
        let mut http = HttpConnector::new();
        http.set_nodelay(true);
        http.enforce_http(false);
        Self::with_connector(hyper_tls::HttpsConnector::new_with_connector(http))
    }
}

impl<C> HyperTransport<C>
where
    C: Connect + Clone + Send + Sync + 'static,
{
    /// A transport over a new pooled client (Tokio executor and timer) with `connector`.
    pub fn with_connector(connector: C) -> Self {
        Self::with_connector_and_pool(connector, PoolConfig::default())
    }

    /// Like [`with_connector`](Self::with_connector), with connection-pool limits: at most
    /// `pool.max_idle_per_host` idle connections kept per host (hyper-util's
    /// `pool_max_idle_per_host`), each closed after `pool.idle_timeout` unused
    /// (`pool_idle_timeout`).
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use mattermost_sdk_hyper::hyper_util::client::legacy::connect::HttpConnector;
    /// use mattermost_sdk_hyper::{HyperTransport, PoolConfig};
    ///
    /// # async fn run() {
    /// let transport = HyperTransport::with_connector_and_pool(
    ///     HttpConnector::new(),
    ///     PoolConfig::new().max_idle_per_host(8).idle_timeout(Some(Duration::from_secs(30))),
    /// );
    /// # }
    /// ```
    pub fn with_connector_and_pool(connector: C, pool: PoolConfig) -> Self {
        let client = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .pool_max_idle_per_host(pool.max_idle_per_host)
            .pool_idle_timeout(pool.idle_timeout)
            .build(connector);
        Self::from_client(client)
    }

    /// A transport over a client you built yourself.
    pub fn from_client(client: HyperClient<C>) -> Self {
        HyperTransport {
            client,
            config: TransportConfig::default(),
        }
    }

    mattermost_sdk_core::transport_config_setters!();

    /// The underlying client.
    pub fn client(&self) -> &HyperClient<C> {
        &self.client
    }

    /// One request, one response: no redirect handling, no overall timeout.
    ///
    /// The request goes to hyper at once (hyper's own future owns it; nothing is sent before
    /// the first poll), so the future returned here does not carry it.
    fn send_once(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send + 'static {
        let response = self.client.request(req.map(Full::new));
        let cap = self.config.max_body_bytes;
        async move {
            let (parts, mut body) = response.await.map_err(map_client_error)?.into_parts();
            let mut collected = BodyCollector::new(cap, body.size_hint().exact())?;
            while let Some(frame) = body.frame().await {
                if let Ok(data) = frame.map_err(map_body_error)?.into_data() {
                    collected.push_bytes(data)?;
                }
            }
            let body = decode_content(&parts.headers, collected.finish(), cap)?;
            Ok(Response::from_parts(parts, body))
        }
    }
}

impl<C> Transport for HyperTransport<C>
where
    C: Connect + Clone + Send + Sync + 'static,
{
    mattermost_sdk_core::http_transport_methods!();
}

/// Whether `err` or one of its causes is a hyper timeout or an I/O timeout.
fn is_timeout(err: &(dyn StdError + 'static)) -> bool {
    let mut current = Some(err);
    while let Some(e) = current {
        if e.downcast_ref::<hyper::Error>()
            .is_some_and(hyper::Error::is_timeout)
            || e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
        {
            return true;
        }
        current = e.source();
    }
    false
}

/// Maps an error of the client (before the response head arrived).
fn map_client_error(err: hyper_util::client::legacy::Error) -> TransportError {
    let kind = if err.is_connect() {
        TransportErrorKind::Connect
    } else if is_timeout(&err) {
        TransportErrorKind::Timeout
    } else if err.source().is_some_and(|s| s.is::<hyper::Error>()) {
        // The connection failed or closed while the request was sent or the head awaited.
        TransportErrorKind::Io
    } else {
        // The request itself was unusable (relative URI, unsupported version, ...).
        TransportErrorKind::Other
    };
    TransportError::with_source(kind, kind_message(kind), err)
}

/// Maps an error while reading the body.
fn map_body_error(err: hyper::Error) -> TransportError {
    let kind = if is_timeout(&err) {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Io
    };
    let message = match kind {
        TransportErrorKind::Timeout => kind_message(kind),
        _ => "the connection failed while reading the response body",
    };
    TransportError::with_source(kind, message, err)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// The future the facade boxes on every request (`DynTransport::send_owned`, through
    /// `send_shared`) stays compact: it was 1080 (reqwest) and 928 (hyper) bytes while it
    /// kept a second slot for the request. 1024 keeps it within glibc's per-thread cache of
    /// small blocks (chunks up to 1032 bytes). Measured on this test's (debug) build, whose
    /// futures are not smaller than the release build's.
    #[tokio::test]
    async fn the_boxed_exchange_fits_the_allocators_small_block_cache() {
        use mattermost_sdk_core::DynTransport;
        use std::sync::Arc;
        const SMALL_BLOCK: usize = 1024;
        let t = Arc::new(HyperTransport::new());
        let fut = t.send_owned(Request::new(Bytes::new()));
        let size = std::mem::size_of_val(&*fut);
        assert!(
            size <= SMALL_BLOCK,
            "the boxed exchange is {size} bytes, over {SMALL_BLOCK}"
        );
    }

    #[test]
    fn defaults_and_setters() {
        let t = HyperTransport::default();
        assert_eq!(t.config.timeout, DEFAULT_TIMEOUT);
        assert_eq!(t.config.max_body_bytes, DEFAULT_MAX_BODY_BYTES);
        assert_eq!(t.config.max_redirects, 0);
        let t = t
            .timeout(Duration::from_millis(5))
            .max_body_bytes(10)
            .follow_redirects(3);
        assert_eq!(t.config.timeout, Duration::from_millis(5));
        assert_eq!(t.config.max_body_bytes, 10);
        assert_eq!(t.config.max_redirects, 3);
        assert!(format!("{t:?}").contains("HttpConnector"));
    }

    #[tokio::test]
    async fn a_relative_uri_is_an_error_not_a_panic() {
        let req = Request::get("/api/v4/users/me").body(Bytes::new()).unwrap();
        let err = HyperTransport::new().send(req).await.unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Other);
    }

    #[tokio::test]
    async fn https_needs_a_tls_connector() {
        let req = Request::get("https://127.0.0.1:1/x")
            .body(Bytes::new())
            .unwrap();
        let err = HyperTransport::new().send(req).await.unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Connect);
    }

    #[tokio::test]
    async fn error_messages_never_contain_request_headers() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let req = Request::get(format!("http://127.0.0.1:{port}/api/v4/users/me"))
            .header("authorization", "Bearer very-secret-token")
            .body(Bytes::new())
            .unwrap();
        let err = HyperTransport::new().send(req).await.unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Connect);
        assert!(!format!("{err} {err:?}").contains("very-secret-token"));
    }

    #[cfg(feature = "rustls-native-roots")]
    #[test]
    fn native_roots_build_or_fail_with_a_typed_error() {
        match HyperTransport::https_native_roots() {
            Ok(t) => assert!(format!("{t:?}").contains("HttpsConnector")),
            Err(e) => assert_eq!(e.kind(), TransportErrorKind::Other),
        }
    }

    #[cfg(feature = "native-tls")]
    #[tokio::test]
    async fn native_tls_transport_builds_and_speaks_plain_http_too() {
        let t = HyperTransport::https_native_tls();
        assert!(format!("{t:?}").contains("hyper_tls"));
        let req = Request::get("http://127.0.0.1:1/x")
            .body(Bytes::new())
            .unwrap();
        let err = t.send(req).await.unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Connect);
    }

    #[cfg(feature = "rustls")]
    #[tokio::test]
    async fn https_transport_builds() {
        let t = HyperTransport::https().timeout(Duration::from_secs(1));
        assert!(format!("{t:?}").contains("HttpsConnector"));
    }
}
