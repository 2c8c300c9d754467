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
    /// `inner.reads_extensions_dyn()`, asked once.
    reads_extensions: bool,
    /// The call's facts, for a transport that reads extensions (see
    /// [`Transport::reads_extensions`]): put into each attempt's request unless it has its
    /// own. Set on the client's per-call copy only.
    facts: Option<CallFacts>,
}

impl TransportService {
    /// Wraps `transport`.
    pub fn new(transport: impl Transport + 'static) -> Self {
        Self::from_shared(Arc::new(transport))
    }

    /// Wraps an already shared transport.
    pub fn from_shared(transport: Arc<dyn DynTransport>) -> Self {
        TransportService {
            reads_extensions: transport.reads_extensions_dyn(),
            inner: transport,
            facts: None,
        }
    }

    /// This service for one call whose facts are `facts`: they go into each attempt's
    /// extensions if the transport reads extensions, and nowhere otherwise.
    fn for_call(&self, facts: Option<CallFacts>) -> Self {
        TransportService {
            inner: Arc::clone(&self.inner),
            reads_extensions: self.reads_extensions,
            facts: facts.filter(|_| self.reads_extensions),
        }
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

    fn call(&mut self, mut req: Request<Bytes>) -> Self::Future {
        if let Some(facts) = self.facts {
            if req.extensions().get::<CallFacts>().is_none() {
                req.extensions_mut().insert(facts);
            }
        }
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
/// The client hands each call's [`CallFacts`] to it directly ([`RetryTransport::call`]);
/// they reach the request's extensions only for a transport that reads them
/// ([`Transport::reads_extensions`]: a mock, a tower stack), not for the HTTP transports.
/// A request sent through it as a plain [`Transport`] may carry them in its extensions.
///
/// [`ClientBuilder`]: crate::ClientBuilder
#[derive(Clone)]
pub struct RetryTransport {
    /// The policy every call starts from (its attempt count 1).
    policy: RetryPolicy,
    /// The transport as a service, without per-call facts.
    inner: TransportService,
    /// Each attempt's bound unless the call sets its own.
    default_timeout: Option<std::time::Duration>,
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
        let Some(raw) = headers.get(&mattermost_sdk_core::VERSION_HEADER) else {
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
            policy: RetryPolicy::new(config),
            inner: TransportService::from_shared(transport),
            default_timeout: None,
        }
    }

    /// Bounds each attempt of every call by `timeout`, unless the call sets its own
    /// ([`Call::timeout`](crate::Call::timeout)); `None`: only per-call timeouts (and the
    /// transport's own bound). See [`crate::timeout`].
    pub fn default_timeout(mut self, timeout: Option<std::time::Duration>) -> Self {
        self.default_timeout = timeout;
        self
    }

    /// Sends `req`, one call with the facts `facts` (the operation, its retry safety and the
    /// call's options; `None`: a hand-made request, whose extensions are read instead), with
    /// retries, pacing and a `tracing` span as [`Transport::send`] describes. The future is
    /// a named type, so the client holds it without a box of its own.
    pub fn call(&self, req: Request<Bytes>, facts: Option<CallFacts>) -> RetryFuture {
        let facts = facts.or_else(|| req.extensions().get::<CallFacts>().copied());
        let (operation_id, path) = match &facts {
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
        // Nothing to record when no subscriber wants the span: no clock reads either.
        let started = (!span.is_disabled()).then(std::time::Instant::now);
        let pause = self.pacer.reserve().map(|wait| {
            span.in_scope(|| {
                tracing::debug!(
                    wait_ms = wait.as_millis() as u64,
                    "mattermost_sdk: pacing (X-RateLimit-Remaining: 0)"
                )
            });
            self.sleeper.sleep(wait)
        });
        // This call's layers: the policy and the attempt timeout know its facts without
        // reading (or allocating) the request's extensions.
        let timeout = facts
            .and_then(|f| f.options.timeout)
            .or(self.default_timeout);
        let svc = Retry::new(
            self.policy.for_call(facts),
            tower::Layer::layer(
                &crate::timeout::CallTimeoutLayer::new(timeout),
                self.inner.for_call(facts),
            ),
        );
        RetryFuture {
            pause,
            call: svc.oneshot(req),
            span,
            started,
            pacer: Arc::clone(&self.pacer),
            version: Arc::clone(&self.version),
        }
    }
}

pin_project_lite::pin_project! {
    /// The future of one call through a [`RetryTransport`] ([`RetryTransport::call`]): the
    /// pacing wait, if any, then the attempts; it runs inside the call's span and, when
    /// done, records the answer's version, rate limits, status and request ID.
    #[must_use = "futures do nothing unless polled"]
    pub struct RetryFuture {
        pause: Option<SleepFuture>,
        #[pin]
        call: tower::util::Oneshot<
            Retry<RetryPolicy, CallTimeout<TransportService>>,
            Request<Bytes>,
        >,
        span: tracing::Span,
        started: Option<std::time::Instant>,
        pacer: Arc<SharedPacer>,
        version: Arc<VersionSeen>,
    }
}

impl fmt::Debug for RetryFuture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryFuture")
            .field("pacing", &self.pause.is_some())
            .finish_non_exhaustive()
    }
}

impl Future for RetryFuture {
    type Output = Result<Response<Bytes>, TransportError>;

    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let _entered = this.span.enter();
        if let Some(pause) = this.pause {
            std::task::ready!(pause.as_mut().poll(cx));
            *this.pause = None;
        }
        let out = std::task::ready!(this.call.poll(cx));
        if let Ok(resp) = &out {
            this.version.observe(resp.headers());
            // The shared lock only for an answer that states its limits.
            if let Some(rl) = mattermost_sdk_core::RateLimit::from_headers(resp.headers()) {
                this.pacer.observe(rl);
            }
        }
        if let Some(started) = *this.started {
            let record = &*this.span;
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
        Poll::Ready(out)
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
            .field("transport", &self.inner)
            .field("default_timeout", &self.default_timeout)
            .finish_non_exhaustive()
    }
}

impl Transport for RetryTransport {
    /// Sends `req` with retries, inside a `tracing` span per call (`mattermost_sdk.call`,
    /// at DEBUG): `operation_id`, `method`, `path` (the template, or for a raw request the
    /// path without its query), then `status`, `request_id`, `attempt` and `duration_ms`
    /// as they become known; each retry and its wait is an event in it. Neither headers,
    /// bodies nor queries are recorded, so never a token or a password. The call's facts
    /// are read from the request's extensions ([`CallFacts`]), if there.
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send {
        self.call(req, None)
    }

    fn reads_extensions(&self) -> bool {
        true
    }
}

/// Built once: a `&str` key is parsed and validated on every lookup.
const X_REQUEST_ID: http::HeaderName = http::HeaderName::from_static("x-request-id");

// `SleepFuture` must be `Send` for the retry future to be.
const _: fn() = || {
    fn send<T: Send>() {}
    send::<SleepFuture>();
};
