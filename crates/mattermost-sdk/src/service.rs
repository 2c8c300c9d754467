//! [`Transport`] and [`tower::Service`] both ways, so any `tower` layer can wrap either
//! transport, and the retry layer the client puts in front of its transport.
//!
//! ```
//! # #[cfg(feature = "reqwest")] {
//! use mattermost_sdk::service::{ServiceTransport, TransportService};
//! use mattermost_sdk::reqwest_transport::ReqwestTransport;
//!
//! // A transport behind a tower layer (here: at most 8 requests in flight; needs tower's
//! // `limit` feature), used as the client's transport.
//! # fn layered() -> mattermost_sdk::Client {
//! let svc = tower::ServiceBuilder::new()
//!     // .concurrency_limit(8)
//!     .service(TransportService::new(ReqwestTransport::new()));
//! mattermost_sdk::Client::builder("https://chat.example.com")
//!     .transport(ServiceTransport::new(svc))
//!     .build()
//!     .unwrap()
//! # }
//! # }
//! ```
//!
//! A layer learns which operation a request is from its extensions:
//! `req.extensions().get::<CallFacts>()` (see [`CallFacts`]).

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{Request, Response};
use mattermost_sdk_core::{DynTransport, Transport, TransportError, TransportErrorKind};
use tower::retry::Retry;
use tower::{Service, ServiceExt};

use crate::retry::{CallFacts, RetryConfig, RetryPolicy, SleepFuture};
use crate::timeout::CallTimeout;

/// The future a [`TransportService`] returns: the transport's own (one allocation).
pub type TransportFuture = std::pin::Pin<
    Box<dyn Future<Output = Result<Response<Bytes>, TransportError>> + Send + 'static>,
>;

/// A [`Transport`] as a [`tower::Service`] (always ready; cheap to clone).
#[derive(Clone)]
pub struct TransportService {
    inner: Arc<dyn DynTransport>,
}

impl TransportService {
    /// Wraps `transport`.
    pub fn new(transport: impl Transport + 'static) -> Self {
        TransportService {
            inner: Arc::new(transport),
        }
    }

    /// Wraps an already shared transport.
    pub fn from_shared(transport: Arc<dyn DynTransport>) -> Self {
        TransportService { inner: transport }
    }
}

impl fmt::Debug for TransportService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TransportService")
            .field(&self.inner)
            .finish()
    }
}

impl Service<Request<Bytes>> for TransportService {
    type Response = Response<Bytes>;
    type Error = TransportError;
    type Future = TransportFuture;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request<Bytes>) -> Self::Future {
        Arc::clone(&self.inner).send_owned(req)
    }
}

/// A [`tower::Service`] (for example a [`TransportService`] behind layers) as a
/// [`Transport`], to give to [`ClientBuilder::transport`](crate::ClientBuilder::transport).
///
/// Each request is sent on a clone of the service (so layers that share state across clones,
/// such as `ConcurrencyLimit`, see every request). An error that is not a
/// [`TransportError`] (a layer's own, such as a timeout's `Elapsed`) becomes one of kind
/// [`TransportErrorKind::Other`] with the layer's error as its source.
pub struct ServiceTransport<S> {
    svc: Mutex<S>,
}

impl<S> ServiceTransport<S> {
    /// Wraps `svc`.
    pub fn new(svc: S) -> Self {
        ServiceTransport {
            svc: Mutex::new(svc),
        }
    }
}

impl<S> fmt::Debug for ServiceTransport<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceTransport")
            .field("service", &std::any::type_name::<S>())
            .finish()
    }
}

impl<S> Transport for ServiceTransport<S>
where
    S: Service<Request<Bytes>, Response = Response<Bytes>> + Clone + Send + 'static,
    S::Error: Into<Box<dyn StdError + Send + Sync>>,
    S::Future: Send,
{
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send {
        let svc = self.svc.lock().unwrap_or_else(|e| e.into_inner()).clone();
        async move { svc.oneshot(req).await.map_err(into_transport_error) }
    }
}

fn into_transport_error(e: impl Into<Box<dyn StdError + Send + Sync>>) -> TransportError {
    let e: Box<dyn StdError + Send + Sync> = e.into();
    match e.downcast::<TransportError>() {
        Ok(t) => *t,
        Err(other) => TransportError::with_source(
            TransportErrorKind::Other,
            format!("a tower layer refused the request: {other}"),
            other,
        ),
    }
}

/// The client's retry, timeout and tracing layers as a [`Transport`]: `tower::retry::Retry`
/// with a [`RetryPolicy`] in front of a [`CallTimeout`] (each attempt's timeout, see
/// [`crate::timeout`]) in front of a [`TransportService`], inside a `tracing` span per call.
/// [`ClientBuilder`] puts it in front of every client's transport; with
/// [`no_retry`](crate::ClientBuilder::no_retry) it makes one attempt (and still traces).
///
/// [`ClientBuilder`]: crate::ClientBuilder
#[derive(Clone)]
pub struct RetryTransport {
    svc: Retry<RetryPolicy, CallTimeout<TransportService>>,
    pacer: Arc<SharedPacer>,
    sleeper: Arc<dyn crate::retry::Sleeper>,
    version: Arc<VersionSeen>,
}

/// The server's version as the last answer stated it (`X-Version-Id`), shared by every clone
/// of a client ([`Client::server_version`](crate::Client::server_version)).
///
/// Cheap on every answer: the header's bytes are hashed (FNV-1a, a few ns for its ~30 bytes)
/// and compared with the hash of the value stored last, one atomic load; only a changed value
/// is parsed and stored, under a lock that readers of the version take, never the answers
/// that repeat it. An answer without the header (a proxy's own error page) changes nothing; a
/// header that is not a version is remembered as such, so it is not parsed again either.
#[derive(Debug, Default)]
pub(crate) struct VersionSeen {
    /// The hash of the header value stored last; 0 before any.
    key: std::sync::atomic::AtomicU64,
    /// The version parsed from it (`None` before any, or if it was not a version).
    value: std::sync::RwLock<Option<mattermost_sdk_core::ServerVersion>>,
}

impl VersionSeen {
    /// Learns from an answer's headers.
    pub(crate) fn observe(&self, headers: &http::HeaderMap) {
        use std::sync::atomic::Ordering;
        let Some(raw) = headers.get(mattermost_sdk_core::VERSION_HEADER) else {
            return;
        };
        // FNV-1a; `| 1` keeps 0 for "none yet".
        let key = raw
            .as_bytes()
            .iter()
            .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
            })
            | 1;
        if self.key.load(Ordering::Acquire) == key {
            return;
        }
        let parsed = raw
            .to_str()
            .ok()
            .and_then(mattermost_sdk_core::ServerVersion::parse);
        // Value and key change together under the lock, so two answers with different
        // versions racing here cannot leave one's key beside the other's value.
        let mut slot = self.value.write().unwrap_or_else(|e| e.into_inner());
        *slot = parsed;
        self.key.store(key, Ordering::Release);
    }

    /// The version stored last.
    pub(crate) fn get(&self) -> Option<mattermost_sdk_core::ServerVersion> {
        self.value.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Pacing after `X-RateLimit-Remaining: 0`: the server's limiter is GCRA
/// (`server/channels/app/ratelimit.go`), whose `X-RateLimit-Reset` is the time until the
/// bucket is full again, not until the next request is allowed. So rather than wait a whole
/// `Reset`, or send on and collect `429`s, requests are spaced `1 / X-RateLimit-Limit`
/// seconds apart until an answer shows room again (`Remaining > 0`). Shared by every clone of
/// a client.
#[derive(Debug, Default)]
struct Pacer {
    /// The spacing while the bucket is empty; `None` when there is room.
    spacing: Option<std::time::Duration>,
    /// When the next request may go.
    next: Option<std::time::Instant>,
}

/// A [`Pacer`] shared by a client's clones, with a flag read without the lock: while there
/// is room (nearly always) a request takes no lock to learn that it need not wait.
#[derive(Debug, Default)]
struct SharedPacer {
    /// Whether the pacer spaces requests now (`Pacer::spacing` is set); written under the lock.
    active: std::sync::atomic::AtomicBool,
    state: Mutex<Pacer>,
}

impl SharedPacer {
    /// The wait before a request may go now, reserving its slot; no lock while not pacing.
    fn reserve(&self) -> Option<std::time::Duration> {
        if !self.active.load(std::sync::atomic::Ordering::Acquire) {
            return None;
        }
        self.lock().reserve(std::time::Instant::now())
    }

    /// Learns from an answer's rate-limit headers.
    fn observe(&self, rl: mattermost_sdk_core::RateLimit) {
        let mut state = self.lock();
        state.observe(rl, std::time::Instant::now());
        self.active.store(
            state.spacing.is_some(),
            std::sync::atomic::Ordering::Release,
        );
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Pacer> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Pacer {
    /// The wait before a request may go now, reserving its slot.
    fn reserve(&mut self, now: std::time::Instant) -> Option<std::time::Duration> {
        let spacing = self.spacing?;
        let at = self.next.map_or(now, |n| n.max(now));
        self.next = Some(at + spacing);
        Some(at - now).filter(|w| !w.is_zero())
    }

    /// Learns from an answer's rate-limit headers (read by the caller, outside the lock).
    fn observe(&mut self, rl: mattermost_sdk_core::RateLimit, now: std::time::Instant) {
        if rl.remaining == 0 && rl.limit > 0 {
            let spacing =
                std::time::Duration::from_secs(1) / rl.limit.min(u64::from(u32::MAX)) as u32;
            if self.spacing.is_none() {
                self.next = Some(now + spacing);
            }
            self.spacing = Some(spacing);
        } else {
            self.spacing = None;
            self.next = None;
        }
    }
}

impl RetryTransport {
    /// `transport` with retries limited by `config`.
    pub fn new(transport: Arc<dyn DynTransport>, config: RetryConfig) -> Self {
        RetryTransport {
            pacer: Arc::default(),
            version: Arc::default(),
            sleeper: config.sleeper_handle(),
            svc: Retry::new(
                RetryPolicy::new(config),
                tower::Layer::layer(
                    &crate::timeout::CallTimeoutLayer::new(None),
                    TransportService::from_shared(transport),
                ),
            ),
        }
    }

    /// Bounds each attempt of every call by `timeout`, unless the call sets its own
    /// ([`Call::timeout`](crate::Call::timeout)); `None`: only per-call timeouts (and the
    /// transport's own bound). See [`crate::timeout`].
    pub fn default_timeout(mut self, timeout: Option<std::time::Duration>) -> Self {
        self.svc.get_mut().set_default_timeout(timeout);
        self
    }
}

impl RetryTransport {
    /// The server's version as the last answer through this transport stated it
    /// (`X-Version-Id`, see [`mattermost_sdk_core::server_version`]); `None` before any
    /// answer that carried it. Shared by clones.
    pub fn server_version(&self) -> Option<mattermost_sdk_core::ServerVersion> {
        self.version.get()
    }

    /// The shared record of the version, for the client that owns this transport.
    pub(crate) fn version_seen(&self) -> Arc<VersionSeen> {
        Arc::clone(&self.version)
    }
}

impl fmt::Debug for RetryTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryTransport")
            .field("transport", self.svc.get_ref().get_ref())
            .field("default_timeout", &self.svc.get_ref().default_timeout())
            .finish_non_exhaustive()
    }
}

impl Transport for RetryTransport {
    /// Sends `req` with retries, inside a `tracing` span per call (`mattermost_sdk.call`,
    /// at DEBUG): `operation_id`, `method`, `path` (the template, or for a raw request the
    /// path without its query), then `status`, `request_id`, `attempt` and `duration_ms`
    /// as they become known; each retry and its wait is an event in it. Neither headers,
    /// bodies nor queries are recorded, so never a token or a password.
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send {
        use tracing::Instrument;
        let (operation_id, path) = match req.extensions().get::<CallFacts>() {
            Some(f) => (f.endpoint.operation_id, f.endpoint.path),
            None => ("", ""),
        };
        let span = tracing::debug_span!(
            "mattermost_sdk.call",
            operation_id,
            method = %req.method(),
            path = if path.is_empty() { req.uri().path() } else { path },
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            attempt = 1u32,
            duration_ms = tracing::field::Empty,
        );
        let svc = self.svc.clone();
        let pacer = Arc::clone(&self.pacer);
        let version = Arc::clone(&self.version);
        let pause = pacer.reserve().map(|wait| (wait, self.sleeper.sleep(wait)));
        let record = span.clone();
        async move {
            // Nothing to record when no subscriber wants the span: no clock reads either.
            let started = (!record.is_disabled()).then(std::time::Instant::now);
            if let Some((wait, sleep)) = pause {
                tracing::debug!(
                    wait_ms = wait.as_millis() as u64,
                    "mattermost_sdk: pacing (X-RateLimit-Remaining: 0)"
                );
                sleep.await;
            }
            let out = svc.oneshot(req).await;
            if let Ok(resp) = &out {
                version.observe(resp.headers());
            }
            // The shared lock only for an answer that states its limits.
            if let Some(rl) = out
                .as_ref()
                .ok()
                .and_then(|r| mattermost_sdk_core::RateLimit::from_headers(r.headers()))
            {
                pacer.observe(rl);
            }
            if let Some(started) = started {
                record.record("duration_ms", started.elapsed().as_millis() as u64);
                if let Ok(resp) = &out {
                    record.record("status", resp.status().as_u16());
                    if let Some(id) = resp
                        .headers()
                        .get(&X_REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                    {
                        record.record("request_id", id);
                    }
                }
            }
            match &out {
                Ok(resp) => {
                    tracing::debug!(status = resp.status().as_u16(), "mattermost_sdk: answered")
                }
                Err(e) => tracing::debug!(kind = %e.kind(), "mattermost_sdk: transport error"),
            }
            out
        }
        .instrument(span)
    }
}

/// Built once: a `&str` key is parsed and validated on every lookup.
const X_REQUEST_ID: http::HeaderName = http::HeaderName::from_static("x-request-id");

// `SleepFuture` must be `Send` for the retry future to be.
const _: fn() = || {
    fn send<T: Send>() {}
    send::<SleepFuture>();
};
