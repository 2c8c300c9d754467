//! Pieces every HTTP transport shares, so that reqwest, hyper and yours behave the same:
//! the defaults, a [`TransportConfig`], the body cap ([`BodyCollector`]), the default
//! `User-Agent`, and error messages that never contain request headers.

use std::error::Error as StdError;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http::header::{HeaderValue, USER_AGENT};
use http::Request;

use crate::error::{TransportError, TransportErrorKind};

pub use crate::origin_form::to_origin_form;

/// The default whole-request timeout: 30 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The default response body cap: 64 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// The `User-Agent` sent when the request has none: `mattermost-sdk/<version>`.
pub const USER_AGENT_VALUE: &str = concat!("mattermost-sdk/", env!("CARGO_PKG_VERSION"));

/// The settings every transport takes: timeout, body cap, redirects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransportConfig {
    /// The bound on a whole exchange: connect, send, every redirect hop, the whole body.
    pub timeout: Duration,
    /// The largest response body accepted, in bytes.
    pub max_body_bytes: usize,
    /// How many redirects to follow (`0`: every `3xx` is returned as is).
    pub max_redirects: usize,
}

impl Default for TransportConfig {
    fn default() -> Self {
        TransportConfig {
            timeout: DEFAULT_TIMEOUT,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_redirects: 0,
        }
    }
}

impl TransportConfig {
    /// The error for an exchange that did not finish within [`TransportConfig::timeout`].
    pub fn timeout_error(&self) -> TransportError {
        TransportError::new(
            TransportErrorKind::Timeout,
            format!("no complete response within {:?}", self.timeout),
        )
    }
}

/// Connection-pool limits, for the transports' constructors that take them
/// (`ReqwestTransport::with_pool`, `HyperTransport::with_connector_and_pool`).
///
/// [`Default`] is what reqwest and hyper-util do on their own: no limit on idle connections
/// per host, idle ones closed after 90 s. A burst of N requests in flight opens up to N
/// connections (HTTP/1.1); afterwards at most
/// [`max_idle_per_host`](Self::max_idle_per_host) of them are kept for reuse, each for at
/// most [`idle_timeout`](Self::idle_timeout).
///
/// ```
/// use std::time::Duration;
/// use mattermost_sdk_core::transport_support::PoolConfig;
///
/// let pool = PoolConfig::new()
///     .max_idle_per_host(16)
///     .idle_timeout(Some(Duration::from_secs(30)));
/// assert_eq!(pool.max_idle_per_host, 16);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct PoolConfig {
    /// The most idle (kept-alive, unused) connections kept per host; `0` closes every
    /// connection after its answer. Default: no limit.
    pub max_idle_per_host: usize,
    /// How long an idle connection is kept before it is closed; `None`: until the server
    /// closes it. Default: 90 s.
    pub idle_timeout: Option<Duration>,
}

/// The default [`PoolConfig::idle_timeout`]: 90 seconds (reqwest's and hyper-util's).
pub const DEFAULT_POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);

impl Default for PoolConfig {
    fn default() -> Self {
        PoolConfig {
            max_idle_per_host: usize::MAX,
            idle_timeout: Some(DEFAULT_POOL_IDLE_TIMEOUT),
        }
    }
}

impl PoolConfig {
    /// The defaults (see [`PoolConfig`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`PoolConfig::max_idle_per_host`].
    pub fn max_idle_per_host(mut self, max: usize) -> Self {
        self.max_idle_per_host = max;
        self
    }

    /// Sets [`PoolConfig::idle_timeout`].
    pub fn idle_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.idle_timeout = timeout;
        self
    }
}

/// Writes the setters every transport offers (`timeout`, `max_body_bytes`,
/// `follow_redirects`) inside an `impl` block of a type with a `config: TransportConfig` field.
#[macro_export]
macro_rules! transport_config_setters {
    () => {
        /// Sets the timeout for a whole exchange: connecting, sending, every redirect hop and
        /// reading the whole body. Default: 30 s
        /// ([`DEFAULT_TIMEOUT`](mattermost_sdk_core::transport_support::DEFAULT_TIMEOUT)).
        pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.config.timeout = timeout;
            self
        }

        /// Sets the largest response body accepted, in bytes. Default: 64 MiB
        /// ([`DEFAULT_MAX_BODY_BYTES`](mattermost_sdk_core::transport_support::DEFAULT_MAX_BODY_BYTES)).
        pub fn max_body_bytes(mut self, max: usize) -> Self {
            self.config.max_body_bytes = max;
            self
        }

        /// Follows up to `max_hops` redirects (`0`, the default, returns every `3xx` as is).
        ///
        /// See [`mattermost_sdk_core::redirect`] for the rules.
        pub fn follow_redirects(mut self, max_hops: usize) -> Self {
            self.config.max_redirects = max_hops;
            self
        }
    };
}

/// Writes the [`Transport`](crate::Transport) methods an HTTP transport shares, inside its
/// `impl Transport` block: `send` and `send_shared` as one exchange (default `User-Agent` and
/// `Accept-Encoding`, the redirect policy, the whole-exchange timeout of
/// [`TransportConfig::timeout`]), and `reads_extensions` answering `false`. The type needs a
/// `config: TransportConfig` field and a method
/// `fn send_once(&self, Request<Bytes>) -> impl Future<Output = Result<Response<Bytes>,
/// TransportError>> + Send + 'static` (one request, one response); the crate needs `tokio`
/// (its timer).
///
/// `send` is not an `async fn`: its future would keep a slot for the `req` argument beside
/// the edited request. The facade boxes this future once per request (`send_shared`, through
/// [`DynTransport::send_owned`](crate::DynTransport::send_owned)) and moves it into the box,
/// so it is kept compact.
#[macro_export]
macro_rules! http_transport_methods {
    () => {
        fn send(
            &self,
            req: ::http::Request<::bytes::Bytes>,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                ::http::Response<::bytes::Bytes>,
                $crate::TransportError,
            >,
        > + Send {
            $crate::http_transport_exchange!(self, req)
        }

        fn send_shared(
            self: ::std::sync::Arc<Self>,
            req: ::http::Request<::bytes::Bytes>,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                ::http::Response<::bytes::Bytes>,
                $crate::TransportError,
            >,
        > + Send
               + 'static
        where
            Self: Sized + 'static,
        {
            $crate::http_transport_exchange!(self, req)
        }

        /// `false`: this transport reads nothing from the request's extensions.
        fn reads_extensions(&self) -> bool {
            false
        }
    };
}

/// The body of [`http_transport_methods!`]'s `send` and `send_shared`: `$this` is the
/// transport (`&Self` or `Arc<Self>`). Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! http_transport_exchange {
    ($this:expr, $req:expr) => {{
        let mut req = $crate::transport_support::with_default_user_agent($req);
        $crate::transport_support::set_default_accept_encoding(&mut req);
        let this = $this;
        // The exchange is made inside the future: the timer (and reqwest, for a client with
        // a timeout of its own) needs the runtime, which only polling guarantees.
        async move {
            let timeout = this.config.timeout;
            // Without redirects (the default) the exchange is one `send_once`, awaited
            // directly. The redirect loop is boxed on its own.
            let result = if this.config.max_redirects == 0 {
                ::tokio::time::timeout(timeout, this.send_once(req)).await
            } else {
                let exchange =
                    $crate::redirect::follow(req, this.config.max_redirects, |r| this.send_once(r));
                ::tokio::time::timeout(timeout, ::std::boxed::Box::pin(exchange)).await
            };
            result.unwrap_or_else(|_| Err(this.config.timeout_error()))
        }
    }};
}

/// Adds `User-Agent: mattermost-sdk/<version>` unless the request has one.
pub fn set_default_user_agent(req: &mut Request<Bytes>) {
    if !req.headers().contains_key(USER_AGENT) {
        req.headers_mut()
            .insert(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE));
    }
}

/// [`set_default_user_agent`] by value, for use inside an `async fn`: binding the request to
/// a `mut` local there would store a second copy of it in the future.
pub fn with_default_user_agent(mut req: Request<Bytes>) -> Request<Bytes> {
    set_default_user_agent(&mut req);
    req
}

/// Collects a response body chunk by chunk, failing with
/// [`TransportErrorKind::BodyTooLarge`] as soon as the cap is passed (the rest is never read).
///
/// A body that arrives as one [`Bytes`] chunk (the usual case for API answers) is kept as is,
/// without a copy; see [`BodyCollector::push_bytes`].
#[derive(Debug)]
pub struct BodyCollector {
    cap: usize,
    /// The announced length, used to size the buffer once a second chunk arrives.
    hint: usize,
    /// The first chunk, while it is the only one.
    first: Option<Bytes>,
    buf: BytesMut,
}

impl BodyCollector {
    /// Starts a body capped at `cap` bytes; `announced` is the `Content-Length` (or size
    /// hint), rejected at once if it is over the cap.
    pub fn new(cap: usize, announced: Option<u64>) -> Result<Self, TransportError> {
        let hint = announced.unwrap_or(0);
        if hint > cap as u64 {
            return Err(too_large(cap, Some(hint)));
        }
        // `hint <= cap` here, so it fits in a usize.
        Ok(BodyCollector {
            cap,
            hint: hint as usize,
            first: None,
            buf: BytesMut::new(),
        })
    }

    fn len(&self) -> usize {
        self.first.as_ref().map_or(0, Bytes::len) + self.buf.len()
    }

    /// Fails if `more` bytes would pass the cap; otherwise makes `buf` the only holder of
    /// the body so far, sized for the announced length.
    fn make_room(&mut self, more: usize) -> Result<(), TransportError> {
        if more > self.cap - self.len() {
            return Err(too_large(self.cap, None));
        }
        if self.buf.is_empty() {
            let first = self.first.take();
            let have = first.as_ref().map_or(0, Bytes::len);
            self.buf.reserve(self.hint.max(have + more));
            if let Some(first) = first {
                self.buf.extend_from_slice(&first);
            }
        }
        Ok(())
    }

    /// Appends a chunk (copied), or fails if the body would pass the cap.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), TransportError> {
        self.make_room(chunk.len())?;
        self.buf.extend_from_slice(chunk);
        Ok(())
    }

    /// Appends a chunk the transport already owns, or fails if the body would pass the cap.
    /// The first chunk is kept without copying it; a second one starts a buffer.
    pub fn push_bytes(&mut self, chunk: Bytes) -> Result<(), TransportError> {
        if chunk.is_empty() {
            return Ok(());
        }
        if self.first.is_none() && self.buf.is_empty() {
            if chunk.len() > self.cap {
                return Err(too_large(self.cap, None));
            }
            self.first = Some(chunk);
            return Ok(());
        }
        self.push(&chunk)
    }

    /// The whole body.
    pub fn finish(self) -> Bytes {
        match self.first {
            Some(first) => first,
            None => self.buf.freeze(),
        }
    }
}

fn too_large(cap: usize, announced: Option<u64>) -> TransportError {
    let message = match announced {
        Some(len) => format!("the response announces {len} bytes, more than the cap of {cap}"),
        None => format!("the response body is larger than the cap of {cap} bytes"),
    };
    TransportError::new(TransportErrorKind::BodyTooLarge, message)
}

/// What a transport error of `kind` means, in one line, for its message: the backend's own
/// error goes into the source chain instead, so reports show each cause once.
pub fn kind_message(kind: TransportErrorKind) -> &'static str {
    match kind {
        TransportErrorKind::Timeout => "no complete response within the timeout",
        TransportErrorKind::Connect => "could not connect to the server",
        TransportErrorKind::Io => "the connection failed while sending or receiving",
        TransportErrorKind::BodyTooLarge => "the response body is larger than the cap",
        TransportErrorKind::Redirect => "a redirect was refused or could not be followed",
        _ => "the request could not be sent",
    }
}

/// An error and its causes as one line, each cause once. Use it only on errors that never
/// show request headers (reqwest's and hyper's do not).
pub fn describe_error(err: &(dyn StdError + 'static)) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

/// The `Accept-Encoding` both transports send unless the request has its own: the encodings
/// [`decode_content`] can decode.
pub const ACCEPT_ENCODING_VALUE: &str = "gzip";

/// Adds `Accept-Encoding: gzip` unless the request names its own encodings.
pub fn set_default_accept_encoding(req: &mut Request<Bytes>) {
    if !req.headers().contains_key(http::header::ACCEPT_ENCODING) {
        req.headers_mut().insert(
            http::header::ACCEPT_ENCODING,
            HeaderValue::from_static(ACCEPT_ENCODING_VALUE),
        );
    }
}

// Why not tower-http's `Decompression` (reqwest's `gzip` feature enables the same): it
// removes `Content-Encoding` (and `Content-Length`) from the answer and passes an encoding it
// does not know through as if it were identity, which fails two cases of the conformance kit
// (the encoding stays visible; an unknown one is an error naming it), and it matches only
// the exact value `gzip` (not `x-gzip`, not a list). As a tower layer it would also serve
// hyper only, so the two transports would decode differently. This function is shared by
// both, on flate2, after the capped collection.
/// Decodes a response body by its `Content-Encoding` (`gzip`, `x-gzip`, `identity`; a list
/// is undone last to first). The cap counts **decoded** bytes: a small gzip body that expands
/// past `cap` is [`TransportErrorKind::BodyTooLarge`]. Any other encoding is an error of
/// kind [`TransportErrorKind::Other`] naming it, and so is a corrupt gzip stream. The headers
/// are left as they came (`Content-Encoding` stays visible to the caller).
pub fn decode_content(
    headers: &http::HeaderMap,
    body: Bytes,
    cap: usize,
) -> Result<Bytes, TransportError> {
    let Some(value) = headers.get(http::header::CONTENT_ENCODING) else {
        return Ok(body);
    };
    let text = value.to_str().map_err(|_| {
        TransportError::new(
            TransportErrorKind::Other,
            "the response's Content-Encoding is not text",
        )
    })?;
    let mut body = body;
    for coding in text.rsplit(',').map(str::trim).filter(|c| !c.is_empty()) {
        if coding.eq_ignore_ascii_case("identity") {
            continue;
        }
        if !(coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip")) {
            return Err(TransportError::new(
                TransportErrorKind::Other,
                format!("the response body is in Content-Encoding {coding:?}, which this transport cannot decode (it asks for gzip)"),
            ));
        }
        if body.is_empty() {
            continue;
        }
        body = gunzip(&body, cap)?;
    }
    Ok(body)
}

fn gunzip(data: &[u8], cap: usize) -> Result<Bytes, TransportError> {
    use std::io::Read;
    let mut out = Vec::with_capacity(data.len().saturating_mul(4).min(cap));
    let limit = u64::try_from(cap).unwrap_or(u64::MAX).saturating_add(1);
    flate2::read::MultiGzDecoder::new(data)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| {
            TransportError::with_source(
                TransportErrorKind::Other,
                "could not decode the gzip response body",
                e,
            )
        })?;
    if out.len() > cap {
        return Err(TransportError::new(
            TransportErrorKind::BodyTooLarge,
            format!("the decoded response body is larger than the cap of {cap} bytes"),
        ));
    }
    Ok(Bytes::from(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_is_exact_and_an_announced_length_over_it_fails_at_once() {
        assert_eq!(
            BodyCollector::new(4, Some(5)).unwrap_err().kind(),
            TransportErrorKind::BodyTooLarge
        );
        let mut c = BodyCollector::new(4, Some(4)).unwrap();
        c.push(b"ab").unwrap();
        c.push(b"cd").unwrap();
        assert_eq!(
            c.push(b"e").unwrap_err().kind(),
            TransportErrorKind::BodyTooLarge
        );
        assert_eq!(c.finish(), Bytes::from_static(b"abcd"));
    }

    #[test]
    fn owned_chunks_are_capped_and_a_single_one_is_not_copied() {
        let one = Bytes::from(b"abcd".to_vec());
        let mut c = BodyCollector::new(4, Some(4)).unwrap();
        c.push_bytes(one.clone()).unwrap();
        let out = c.finish();
        assert_eq!(out, one);
        assert_eq!(
            out.as_ptr(),
            one.as_ptr(),
            "a single chunk is kept, not copied"
        );

        let mut c = BodyCollector::new(5, None).unwrap();
        c.push_bytes(Bytes::from_static(b"ab")).unwrap();
        c.push_bytes(Bytes::new()).unwrap();
        c.push(b"c").unwrap();
        c.push_bytes(Bytes::from_static(b"de")).unwrap();
        assert_eq!(
            c.push_bytes(Bytes::from_static(b"f")).unwrap_err().kind(),
            TransportErrorKind::BodyTooLarge
        );
        assert_eq!(c.finish(), Bytes::from_static(b"abcde"));

        let mut c = BodyCollector::new(3, None).unwrap();
        assert_eq!(
            c.push_bytes(Bytes::from_static(b"abcd"))
                .unwrap_err()
                .kind(),
            TransportErrorKind::BodyTooLarge
        );
        assert_eq!(BodyCollector::new(3, None).unwrap().finish(), Bytes::new());
    }

    #[test]
    fn user_agent_is_added_only_when_missing() {
        let mut req = Request::new(Bytes::new());
        set_default_user_agent(&mut req);
        assert_eq!(req.headers()[USER_AGENT], USER_AGENT_VALUE);
        let mut req = Request::builder()
            .header(USER_AGENT, "mine")
            .body(Bytes::new())
            .unwrap();
        set_default_user_agent(&mut req);
        assert_eq!(req.headers()[USER_AGENT], "mine");
    }
}
