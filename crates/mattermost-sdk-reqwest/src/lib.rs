//! # mattermost-sdk-reqwest
//!
//! [`ReqwestTransport`]: the default [`Transport`] of `mattermost-sdk`, built on
//! [`reqwest`] (keep-alive, HTTP/2 when the server offers it through ALPN).
//!
//! TLS is chosen by crate feature: `rustls` (the default: rustls with the Mozilla roots
//! compiled in), `rustls-native-roots` (rustls with the operating system's roots) or
//! `native-tls` (the platform's TLS library: OpenSSL on Linux, whose development headers the
//! build then needs). With no TLS feature only `http://` works. With several, reqwest's own
//! order applies (`native-tls` first); [`ReqwestTransport::from_client`] takes a client whose
//! backend you chose yourself.
//!
//! It behaves like every other transport of the SDK (one conformance suite checks them all):
//!
//! - the whole exchange, connect to last body byte, is bounded by a timeout (30 s by default);
//! - the response body is capped (64 MiB by default): a larger `Content-Length`, or a body that
//!   grows past the cap while it is read chunk by chunk, is a
//!   [`TransportErrorKind::BodyTooLarge`] error, without buffering the rest;
//! - the status, the HTTP version and all response headers (repeated ones too) are kept;
//! - redirects are not followed unless [`ReqwestTransport::follow_redirects`] says so, and then
//!   by the shared rules of [`mattermost_sdk_core::redirect`] (`Authorization` never crosses
//!   origins);
//! - failures map to a [`TransportErrorKind`]: timeouts, connection failures (refused, DNS,
//!   TLS), failures while sending or reading (a closed connection, a malformed answer),
//!   redirect problems; messages never contain request headers, so never the token;
//! - a request without `User-Agent` gets `mattermost-sdk/<version>`;
//! - the connection pool's limits (idle connections kept per host, how long they are kept)
//!   are set with a [`PoolConfig`] through [`ReqwestTransport::with_pool`]; by default every
//!   connection of a burst is kept, for 90 s.
//!
//! Sending needs a Tokio runtime (with the time driver), like `reqwest` itself.
//!
//! ```no_run
//! use std::time::Duration;
//!
//! use mattermost_sdk_core::endpoints::users::GetUser;
//! use mattermost_sdk_core::{build_request, parse_response, BaseUrl, Token, Transport, UserId};
//! use mattermost_sdk_reqwest::ReqwestTransport;
//!
//! # async fn run() -> Result<(), mattermost_sdk_core::Error> {
//! let transport = ReqwestTransport::new()
//!     .timeout(Duration::from_secs(10))
//!     .max_body_bytes(8 * 1024 * 1024);
//! let base = BaseUrl::parse("https://chat.example.com")?;
//! let token = Token::new("my-personal-access-token");
//! let req = build_request(&GetUser::new(UserId::me()), &base, Some(&token))?;
//! let me = parse_response::<GetUser>(transport.send(req).await?)?;
//! println!("{me:?}");
//! # Ok(())
//! # }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

use std::future::Future;

use bytes::Bytes;
use http::{Request, Response};
use mattermost_sdk_core::{Transport, TransportError, TransportErrorKind};

pub use reqwest;

use mattermost_sdk_core::transport_support::{decode_content, kind_message, BodyCollector};
pub use mattermost_sdk_core::transport_support::{
    PoolConfig, TransportConfig, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT, USER_AGENT_VALUE,
};

/// A [`Transport`] over a [`reqwest::Client`].
///
/// Configure it with the consuming setters [`timeout`](Self::timeout),
/// [`max_body_bytes`](Self::max_body_bytes) and [`follow_redirects`](Self::follow_redirects).
/// Cloning is cheap and shares the connection pool.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    config: TransportConfig,
}

impl ReqwestTransport {
    /// A transport over a new default client: the TLS backend of the crate features (rustls
    /// with the webpki roots by default), keep-alive,
    /// HTTP/2 when offered through ALPN, and reqwest's own redirect handling turned off.
    ///
    /// # Panics
    ///
    /// If the TLS backend cannot be initialized, like [`reqwest::Client::new`]; use
    /// [`try_new`](Self::try_new) to get an error instead.
    pub fn new() -> Self {
        match Self::try_new() {
            Ok(t) => t,
            Err(e) => panic!("could not build the reqwest client: {e}"),
        }
    }

    /// Like [`new`](Self::new), but returns an error (kind [`TransportErrorKind::Other`]) if
    /// the client cannot be built.
    pub fn try_new() -> Result<Self, TransportError> {
        Self::with_pool(PoolConfig::default())
    }

    /// Like [`try_new`](Self::try_new), with connection-pool limits: at most
    /// `pool.max_idle_per_host` idle connections kept per host (reqwest's
    /// `pool_max_idle_per_host`), each closed after `pool.idle_timeout` unused
    /// (`pool_idle_timeout`).
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use mattermost_sdk_reqwest::{PoolConfig, ReqwestTransport};
    ///
    /// let transport = ReqwestTransport::with_pool(
    ///     PoolConfig::new().max_idle_per_host(8).idle_timeout(Some(Duration::from_secs(30))),
    /// )?;
    /// # Ok::<(), mattermost_sdk_core::TransportError>(())
    /// ```
    pub fn with_pool(pool: PoolConfig) -> Result<Self, TransportError> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(pool.max_idle_per_host)
            .pool_idle_timeout(pool.idle_timeout)
            .build()
            .map_err(map_error)?;
        Ok(Self::from_client(client))
    }

    /// A transport over your own client (proxies, certificates, pool settings, ...).
    ///
    /// Give it `redirect(reqwest::redirect::Policy::none())`, or reqwest follows redirects
    /// by its own policy before this transport sees them. Its own timeout, if any, applies
    /// in addition to [`timeout`](Self::timeout).
    pub fn from_client(client: reqwest::Client) -> Self {
        ReqwestTransport {
            client,
            config: TransportConfig::default(),
        }
    }

    mattermost_sdk_core::transport_config_setters!();

    /// The underlying client.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// One request, one response: no redirect handling, no overall timeout.
    fn send_once(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send + 'static {
        // Handed to reqwest at once, so reqwest's (boxed) future owns the request and ours
        // does not carry it. `send_once` runs only inside `send`'s future, that is within the
        // runtime, which reqwest needs when its client has a timeout of its own.
        let pending = to_reqwest(req).map(|r| self.client.execute(r));
        let cap = self.config.max_body_bytes;
        async move {
            let mut resp = pending.map_err(map_error)?.await.map_err(map_error)?;
            let mut body = BodyCollector::new(cap, resp.content_length())?;
            let mut out = Response::new(Bytes::new());
            *out.status_mut() = resp.status();
            *out.version_mut() = resp.version();
            *out.headers_mut() = std::mem::take(resp.headers_mut());
            while let Some(chunk) = resp.chunk().await.map_err(map_error)? {
                body.push_bytes(chunk)?;
            }
            *out.body_mut() = decode_content(out.headers(), body.finish(), cap)?;
            Ok(out)
        }
    }
}

impl Default for ReqwestTransport {
    /// Same as [`ReqwestTransport::new`].
    fn default() -> Self {
        Self::new()
    }
}

impl Transport for ReqwestTransport {
    mattermost_sdk_core::http_transport_methods!();
}

/// `reqwest::Request::try_from(req)` without its detour through `Uri`'s `Display`, which
/// grows a `String` piece by piece: the URL text is assembled in one exactly sized buffer.
/// URIs the
/// URL parser rejects go through `try_from`, so errors are reqwest's own.
fn to_reqwest(req: Request<Bytes>) -> Result<reqwest::Request, reqwest::Error> {
    // Extensions are dropped on this path: reqwest reads none of a caller's (its own are
    // private types), and the facade's `CallFacts` would otherwise cost the slow path.
    {
        if let Ok(url) = reqwest::Url::parse(&uri_text(req.uri())) {
            let (parts, body) = req.into_parts();
            let mut out = reqwest::Request::new(parts.method, url);
            *out.headers_mut() = parts.headers;
            *out.version_mut() = parts.version;
            *out.body_mut() = Some(body.into());
            return Ok(out);
        }
    }
    reqwest::Request::try_from(req)
}

/// The URI as text, exactly as its `Display` writes it.
fn uri_text(uri: &http::Uri) -> String {
    let scheme = uri.scheme_str();
    let authority = uri.authority().map_or("", |a| a.as_str());
    let path = uri.path();
    let query = uri.query();
    let len = scheme.map_or(0, |s| s.len() + 3)
        + authority.len()
        + path.len()
        + query.map_or(0, |q| q.len() + 1);
    let mut out = String::with_capacity(len);
    if let Some(scheme) = scheme {
        out.push_str(scheme);
        out.push_str("://");
    }
    out.push_str(authority);
    out.push_str(path);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

/// Maps a reqwest error to a [`TransportError`]: a one-line message by kind, the reqwest
/// error (and its causes) as the source chain.
///
/// reqwest errors show the URL (ours carry no secrets) but never request headers.
fn map_error(err: reqwest::Error) -> TransportError {
    let kind = if err.is_timeout() {
        TransportErrorKind::Timeout
    } else if err.is_connect() {
        TransportErrorKind::Connect
    } else if err.is_body() || err.is_decode() || err.is_request() {
        TransportErrorKind::Io
    } else if err.is_redirect() {
        TransportErrorKind::Redirect
    } else {
        TransportErrorKind::Other
    };
    TransportError::with_source(kind, kind_message(kind), err)
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
        let t = Arc::new(ReqwestTransport::new());
        let fut = t.send_owned(Request::new(Bytes::new()));
        let size = std::mem::size_of_val(&*fut);
        assert!(
            size <= SMALL_BLOCK,
            "the boxed exchange is {size} bytes, over {SMALL_BLOCK}"
        );
    }

    #[test]
    fn defaults_and_setters() {
        let t = ReqwestTransport::default();
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
    }

    #[test]
    fn uri_text_is_the_uri_display() {
        for uri in [
            "https://chat.example.com/api/v4/users/me",
            "http://127.0.0.1:8065/api/v4/users?page=0&per_page=200",
            "https://h.example/",
            "https://h.example",
            "/api/v4/users/me?x=1",
            "*",
        ] {
            let uri: http::Uri = uri.parse().unwrap();
            let text = uri_text(&uri);
            assert_eq!(text, uri.to_string());
            assert_eq!(text.len(), text.capacity(), "{uri}: exactly sized");
        }
    }

    #[test]
    fn to_reqwest_matches_try_from() {
        let make = || {
            Request::put("https://chat.example.com/api/v4/users/me/patch?a=%20b")
                .header("authorization", "Bearer t")
                .header("content-type", "application/json")
                .body(Bytes::from_static(b"{}"))
                .unwrap()
        };
        let ours = to_reqwest(make()).unwrap();
        let theirs = reqwest::Request::try_from(make()).unwrap();
        assert_eq!(ours.method(), theirs.method());
        assert_eq!(ours.url(), theirs.url());
        assert_eq!(ours.headers(), theirs.headers());
        assert_eq!(ours.version(), theirs.version());
        assert_eq!(
            ours.body().and_then(|b| b.as_bytes()),
            theirs.body().and_then(|b| b.as_bytes())
        );
        let relative = Request::get("/api/v4/users/me").body(Bytes::new()).unwrap();
        assert!(to_reqwest(relative).is_err());
    }

    #[test]
    fn user_agent_names_the_sdk() {
        assert!(USER_AGENT_VALUE.starts_with("mattermost-sdk/"));
        assert!(http::HeaderValue::from_str(USER_AGENT_VALUE).is_ok());
    }

    #[tokio::test]
    async fn an_unsupported_scheme_is_an_error_not_a_panic() {
        let req = Request::get("ftp://127.0.0.1/x")
            .body(Bytes::new())
            .unwrap();
        let err = ReqwestTransport::new().send(req).await.unwrap_err();
        assert_ne!(err.kind(), TransportErrorKind::Timeout);
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
        let err = ReqwestTransport::new().send(req).await.unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Connect);
        assert!(!format!("{err} {err:?}").contains("very-secret-token"));
    }
}
