//! Retries: on by default, with caps, as a [`tower::retry::Policy`] around the transport.
//!
//! What is retried (the Mattermost knowledge is which operations are safe to repeat, and how
//! the server states its limits):
//!
//! - `429 Too Many Requests`, for any operation: the server's limiter answers before the
//!   handler runs (`server/channels/app/ratelimit.go`), so nothing happened. The wait is the
//!   answer's `Retry-After`; a `Retry-After` longer than [`RetryConfig::max_delay`] is not
//!   waited for: the call returns the typed error ([`Error::is_rate_limited`],
//!   [`Error::retry_after`]) at once.
//! - a transport error of kind [`TransportErrorKind::Connect`], for any operation: the
//!   request was never sent.
//! - `502`, `503`, `504`, and transport errors after the request may have reached the server
//!   (timeouts, broken connections), only for operations whose
//!   [`EndpointInfo::idempotent`] is true.
//!
//! Without `Retry-After` the wait is a capped exponential backoff with jitter. Every wait goes
//! through a [`Sleeper`], so tests (yours too, over `MockTransport`) can use
//! [`InstantSleeper`] and never really sleep. Dropping the call's future stops the wait.
//!
//! [`Error::is_rate_limited`]: mattermost_sdk_core::Error::is_rate_limited
//! [`Error::retry_after`]: mattermost_sdk_core::Error::retry_after

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use mattermost_sdk_core::{retry_after_from, EndpointInfo, TransportError, TransportErrorKind};

/// A future that completes after a wait (what a [`Sleeper`] returns).
pub type SleepFuture = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// Waits: the clock of the retry layer, injectable so tests never really sleep.
pub trait Sleeper: Send + Sync + fmt::Debug + 'static {
    /// A future that completes after `wait`.
    fn sleep(&self, wait: Duration) -> SleepFuture;
}

/// The default [`Sleeper`]: `tokio::time::sleep` (so a paused tokio clock applies too).
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, wait: Duration) -> SleepFuture {
        Box::pin(tokio::time::sleep(wait))
    }
}

/// A [`Sleeper`] that does not wait: it records each wait asked for and completes at once.
/// For tests of retrying code.
#[derive(Debug, Clone, Default)]
pub struct InstantSleeper {
    waits: Arc<Mutex<Vec<Duration>>>,
}

impl InstantSleeper {
    /// A new sleeper with no waits recorded.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every wait asked for so far, in order.
    pub fn waits(&self) -> Vec<Duration> {
        self.waits.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Sleeper for InstantSleeper {
    fn sleep(&self, wait: Duration) -> SleepFuture {
        self.waits
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(wait);
        Box::pin(std::future::ready(()))
    }
}

/// The retry limits. [`Default`]: 4 attempts, backoff from 250 ms, at most 30 s per wait and
/// 60 s of waiting per call, with jitter, on [`TokioSleeper`].
#[derive(Clone)]
pub struct RetryConfig {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_total_wait: Duration,
    jitter: bool,
    sleeper: Arc<dyn Sleeper>,
}

impl fmt::Debug for RetryConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryConfig")
            .field("max_attempts", &self.max_attempts)
            .field("base_delay", &self.base_delay)
            .field("max_delay", &self.max_delay)
            .field("max_total_wait", &self.max_total_wait)
            .field("jitter", &self.jitter)
            .field("sleeper", &self.sleeper)
            .finish()
    }
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 4,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(30),
            max_total_wait: Duration::from_secs(60),
            jitter: true,
            sleeper: Arc::new(TokioSleeper),
        }
    }
}

impl RetryConfig {
    /// Attempts per call, the first included (so `1` never retries). At least 1.
    pub fn max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// The first backoff wait (doubled per retry) when the answer gives no `Retry-After`.
    pub fn base_delay(mut self, d: Duration) -> Self {
        self.base_delay = d;
        self
    }

    /// The longest single wait. A `Retry-After` above it is not waited for: the call
    /// returns the error at once.
    pub fn max_delay(mut self, d: Duration) -> Self {
        self.max_delay = d;
        self
    }

    /// The most waiting per call, all retries together; a wait that would pass it is not
    /// made and the call returns its last answer.
    pub fn max_total_wait(mut self, d: Duration) -> Self {
        self.max_total_wait = d;
        self
    }

    /// Randomizes each backoff wait within `[wait/2, wait]` (on by default). Waits from
    /// `Retry-After` are never randomized.
    pub fn jitter(mut self, on: bool) -> Self {
        self.jitter = on;
        self
    }

    /// Waits through `sleeper` (for example an [`InstantSleeper`] in tests).
    pub fn sleeper(mut self, sleeper: impl Sleeper) -> Self {
        self.sleeper = Arc::new(sleeper);
        self
    }

    /// The sleeper, shared (for the pacing in front of the retries).
    pub(crate) fn sleeper_handle(&self) -> Arc<dyn Sleeper> {
        Arc::clone(&self.sleeper)
    }

    /// The backoff wait before retry number `retry` (1-based), before jitter.
    fn backoff(&self, retry: u32) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.base_delay
            .checked_mul(factor)
            .unwrap_or(self.max_delay)
            .min(self.max_delay)
    }
}

/// Per-call options, which the facade puts in each request's extensions (inside
/// [`CallFacts`]) so every layer can read them. Set with [`Call::no_retry`](crate::Call::no_retry)
/// and [`Call::timeout`](crate::Call::timeout).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallOptions {
    /// Whether the retry layer may repeat this call (default `true`).
    pub retry: bool,
    /// The bound on each attempt of this call (see [`crate::timeout`]); `None` (the
    /// default) leaves it to the client's default
    /// ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout)), if any.
    pub timeout: Option<Duration>,
}

impl Default for CallOptions {
    fn default() -> Self {
        CallOptions {
            retry: true,
            timeout: None,
        }
    }
}

/// What the facade tells the layers about a request, in its extensions:
/// `req.extensions().get::<CallFacts>()`. The endpoint's facts (operationId, method, path
/// template, retry safety) and the call's options. A request sent with
/// [`Client::send_raw`](crate::Client::send_raw) has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallFacts {
    /// The endpoint's static facts.
    pub endpoint: EndpointInfo,
    /// The call's options.
    pub options: CallOptions,
}

impl CallFacts {
    /// Facts for an endpoint with `options`.
    pub fn new(endpoint: EndpointInfo, options: CallOptions) -> Self {
        CallFacts { endpoint, options }
    }
}

/// Why a retry is made: for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    RateLimited,
    Unavailable(StatusCode),
    NotSent,
    MaybeSent(TransportErrorKind),
}

/// The retry policy: a [`tower::retry::Policy`] over the transport's requests. One clone per
/// call holds that call's count of attempts and of time waited.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    config: Arc<RetryConfig>,
    attempt: u32,
    waited: Duration,
    /// The call's facts: given by the client for its calls
    /// ([`RetryTransport::call`](crate::service::RetryTransport::call)), or taken from the
    /// request when they were its only extension (then kept here rather than in the copy of
    /// the request, whose extensions would cost three allocations per call). The layer below
    /// puts them into a request sent again, for a transport that reads extensions.
    facts: Option<CallFacts>,
    /// The request's headers, when they are few (as every facade request's are): kept here,
    /// each a reference-counted clone, rather than in a copy of its `HeaderMap` (two
    /// allocations per call on the happy path), and put into the copy only when it is sent
    /// again.
    headers: Option<FewHeaders>,
}

/// Most headers [`RetryPolicy`] keeps without a `HeaderMap`: the facade's `Accept`,
/// `Authorization` and `Content-Type` or `Content-Length`, with one to spare.
const FEW_HEADERS: usize = 4;

/// Up to [`FEW_HEADERS`] header entries in order, duplicates included.
type FewHeaders = [Option<(http::HeaderName, http::HeaderValue)>; FEW_HEADERS];

/// `headers` as [`FewHeaders`], or `None` if there are more.
fn few_headers(headers: &http::HeaderMap) -> Option<FewHeaders> {
    if headers.len() > FEW_HEADERS {
        return None;
    }
    let mut few = FewHeaders::default();
    for (slot, (name, value)) in few.iter_mut().zip(headers) {
        *slot = Some((name.clone(), value.clone()));
    }
    Some(few)
}

impl RetryPolicy {
    /// A policy with `config`'s limits.
    pub fn new(config: RetryConfig) -> Self {
        RetryPolicy {
            config: Arc::new(config),
            attempt: 1,
            waited: Duration::ZERO,
            facts: None,
            headers: None,
        }
    }

    /// A fresh policy (attempt 1) for one call with the facts `facts`.
    pub(crate) fn for_call(&self, facts: Option<CallFacts>) -> Self {
        RetryPolicy {
            config: Arc::clone(&self.config),
            attempt: 1,
            waited: Duration::ZERO,
            facts,
            headers: None,
        }
    }

    /// The call's facts: given for the call, kept by
    /// [`clone_request`](tower::retry::Policy::clone_request), or in the request's
    /// extensions.
    fn facts<'a>(&'a self, req: &'a Request<Bytes>) -> Option<&'a CallFacts> {
        self.facts
            .as_ref()
            .or_else(|| req.extensions().get::<CallFacts>())
    }

    /// The wait before the next attempt, or `None` to return `result` as it is. Pure but
    /// for the jitter and the clock `now` (for a `Retry-After` date).
    fn decide(
        &self,
        req: &Request<Bytes>,
        result: &Result<Response<Bytes>, TransportError>,
        now: SystemTime,
    ) -> Option<(Duration, Reason)> {
        let (enabled, idempotent) = match self.facts(req) {
            Some(f) => (f.options.retry, f.endpoint.idempotent),
            // A hand-made request: RFC 9110's idempotent methods.
            None => (
                true,
                matches!(
                    *req.method(),
                    Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
                ),
            ),
        };
        if !enabled || self.attempt >= self.config.max_attempts {
            return None;
        }
        let (told, reason) = match result {
            Ok(resp) => {
                let status = resp.status();
                let reason = if status == StatusCode::TOO_MANY_REQUESTS {
                    Reason::RateLimited
                } else if idempotent && matches!(status.as_u16(), 502..=504) {
                    Reason::Unavailable(status)
                } else {
                    return None;
                };
                (retry_after_from(resp.headers(), now), reason)
            }
            Err(e) => match e.kind() {
                TransportErrorKind::Connect => (None, Reason::NotSent),
                kind @ (TransportErrorKind::Timeout | TransportErrorKind::Io) if idempotent => {
                    (None, Reason::MaybeSent(kind))
                }
                _ => return None,
            },
        };
        let wait = match told {
            // Beyond the cap: return the typed error at once rather than wait that long.
            Some(w) if w > self.config.max_delay => return None,
            Some(w) => w,
            None => {
                let full = self.config.backoff(self.attempt);
                if self.config.jitter && !full.is_zero() {
                    let half = full / 2;
                    half + full.mul_f64(fastrand::f64()) / 2
                } else {
                    full
                }
            }
        };
        if self.waited + wait > self.config.max_total_wait {
            return None;
        }
        Some((wait, reason))
    }
}

impl tower::retry::Policy<Request<Bytes>, Response<Bytes>, TransportError> for RetryPolicy {
    type Future = SleepFuture;

    fn retry(
        &mut self,
        req: &mut Request<Bytes>,
        result: &mut Result<Response<Bytes>, TransportError>,
    ) -> Option<Self::Future> {
        let (wait, reason) = self.decide(req, result, SystemTime::now())?;
        // The copy is sent again: the headers kept aside go back into it (the call's facts
        // are put into its extensions below, by `TransportService`, where they are read).
        if let Some(few) = self.headers.take() {
            let map = req.headers_mut();
            for (name, value) in few.into_iter().flatten() {
                map.append(name, value);
            }
        }
        let operation = self.facts(req).map_or("", |f| f.endpoint.operation_id);
        let status = result.as_ref().map_or(0, |r| r.status().as_u16());
        tracing::debug!(
            operation_id = operation,
            attempt = self.attempt,
            status,
            wait_ms = wait.as_millis() as u64,
            reason = ?reason,
            "mattermost_sdk: retrying after a wait"
        );
        self.attempt += 1;
        self.waited += wait;
        tracing::Span::current().record("attempt", self.attempt);
        Some(self.config.sleeper.sleep(wait))
    }

    fn clone_request(&mut self, req: &Request<Bytes>) -> Option<Request<Bytes>> {
        if self.attempt >= self.config.max_attempts
            || self.facts(req).is_some_and(|f| !f.options.retry)
        {
            return None;
        }
        // Method, URI, version and body (reference-counted); the headers kept aside when
        // they are few (see `headers`).
        let mut copy = Request::new(req.body().clone());
        *copy.method_mut() = req.method().clone();
        *copy.uri_mut() = req.uri().clone();
        *copy.version_mut() = req.version();
        self.headers = few_headers(req.headers());
        if self.headers.is_none() {
            *copy.headers_mut() = req.headers().clone();
        }
        match req.extensions().get::<CallFacts>() {
            // The client's calls carry none: their facts are already here.
            None if req.extensions().is_empty() => {}
            // Only the facts: keep them here (see `facts`).
            Some(facts) if req.extensions().len() == 1 => self.facts = Some(*facts),
            _ => *copy.extensions_mut() = req.extensions().clone(),
        }
        Some(copy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> RetryConfig {
        RetryConfig::default()
            .jitter(false)
            .sleeper(InstantSleeper::new())
    }

    fn req(method: Method, idempotent: bool, retry: bool) -> Request<Bytes> {
        let mut r = Request::new(Bytes::from_static(b"{}"));
        *r.method_mut() = method.clone();
        *r.uri_mut() = "http://h/api/v4/users/me?x=1".parse().unwrap();
        let h = r.headers_mut();
        h.insert(http::header::ACCEPT, "application/json".parse().unwrap());
        h.append("x-twice", "1".parse().unwrap());
        h.append("x-twice", "2".parse().unwrap());
        r.extensions_mut().insert(CallFacts::new(
            EndpointInfo {
                operation_id: "Op",
                method: "POST",
                path: "/x",
                idempotent,
            },
            CallOptions {
                retry,
                ..CallOptions::default()
            },
        ));
        r
    }

    fn status(code: u16, retry_after: Option<&str>) -> Result<Response<Bytes>, TransportError> {
        let mut b = Response::builder().status(code);
        if let Some(v) = retry_after {
            b = b.header("retry-after", v);
        }
        Ok(b.body(Bytes::new()).unwrap())
    }

    fn err(kind: TransportErrorKind) -> Result<Response<Bytes>, TransportError> {
        Err(TransportError::new(kind, "x"))
    }

    fn wait(
        p: &RetryPolicy,
        r: &Request<Bytes>,
        res: &Result<Response<Bytes>, TransportError>,
    ) -> Option<Duration> {
        p.decide(r, res, SystemTime::now()).map(|(w, _)| w)
    }

    #[test]
    fn a_429_is_retried_for_any_operation_after_retry_after() {
        let p = RetryPolicy::new(cfg());
        let post = req(Method::POST, false, true);
        assert_eq!(
            wait(&p, &post, &status(429, Some("3"))),
            Some(Duration::from_secs(3))
        );
        // No Retry-After: the backoff.
        assert_eq!(
            wait(&p, &post, &status(429, None)),
            Some(Duration::from_millis(250))
        );
    }

    #[test]
    fn retry_after_beyond_the_cap_is_not_waited_for() {
        let p = RetryPolicy::new(cfg().max_delay(Duration::from_secs(5)));
        assert_eq!(
            wait(&p, &req(Method::GET, true, true), &status(429, Some("6"))),
            None
        );
    }

    #[test]
    fn gateway_errors_and_maybe_sent_errors_only_for_safe_operations() {
        let p = RetryPolicy::new(cfg());
        let safe = req(Method::POST, true, true);
        let unsafe_ = req(Method::PUT, false, true);
        for r in [
            status(502, None),
            status(503, None),
            status(504, None),
            err(TransportErrorKind::Timeout),
            err(TransportErrorKind::Io),
        ] {
            assert!(wait(&p, &safe, &r).is_some());
            assert!(wait(&p, &unsafe_, &r).is_none());
        }
        // Never sent: any operation.
        assert!(wait(&p, &unsafe_, &err(TransportErrorKind::Connect)).is_some());
        // Not retried at all.
        for r in [
            status(500, None),
            status(404, None),
            status(200, None),
            err(TransportErrorKind::BodyTooLarge),
        ] {
            assert!(wait(&p, &safe, &r).is_none());
        }
    }

    #[test]
    fn the_copy_keeps_the_calls_facts_for_the_next_attempt_and_other_extensions_always() {
        use tower::retry::Policy;
        let mut p = RetryPolicy::new(cfg());
        let r = req(Method::GET, true, true);
        let mut copy = p.clone_request(&r).unwrap();
        // Kept by the policy, not copied (no allocation on the happy path) ...
        assert!(copy.extensions().is_empty());
        assert!(copy.headers().is_empty());
        let mut result = status(503, None);
        assert!(p.retry(&mut copy, &mut result).is_some());
        // ... kept for the attempts (`TransportService` puts them into the copy for a
        // transport that reads extensions) ...
        assert_eq!(p.facts.as_ref(), r.extensions().get::<CallFacts>());
        assert!(copy.extensions().is_empty());
        // ... and the headers put back when the copy is sent again.
        assert_eq!(copy.headers(), r.headers());
        assert_eq!(copy.uri(), r.uri());
        assert_eq!(copy.method(), r.method());
        // A request with extensions of its own keeps them all.
        let mut p = RetryPolicy::new(cfg());
        let mut r = req(Method::GET, true, true);
        r.extensions_mut().insert(7u32);
        let copy = p.clone_request(&r).unwrap();
        assert_eq!(copy.extensions().get::<u32>(), Some(&7));
        assert!(copy.extensions().get::<CallFacts>().is_some());
    }

    #[test]
    fn a_request_with_many_headers_is_copied_whole() {
        use tower::retry::Policy;
        let mut p = RetryPolicy::new(cfg());
        let mut r = req(Method::GET, true, true);
        for name in ["x-a", "x-b", "x-c"] {
            r.headers_mut().insert(name, "v".parse().unwrap());
        }
        assert!(r.headers().len() > FEW_HEADERS);
        let mut copy = p.clone_request(&r).unwrap();
        assert_eq!(copy.headers(), r.headers());
        let mut result = status(503, None);
        assert!(p.retry(&mut copy, &mut result).is_some());
        assert_eq!(copy.headers(), r.headers(), "nothing added twice");
    }

    #[test]
    fn switched_off_per_call() {
        let mut p = RetryPolicy::new(cfg());
        let off = req(Method::GET, true, false);
        assert_eq!(wait(&p, &off, &status(429, Some("1"))), None);
        use tower::retry::Policy;
        assert!(
            p.clone_request(&off).is_none(),
            "no copy kept when it cannot be used"
        );
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_and_the_attempts_and_total_are_capped() {
        let c = cfg()
            .base_delay(Duration::from_secs(1))
            .max_delay(Duration::from_secs(5));
        assert_eq!(
            (1..=5).map(|n| c.backoff(n).as_secs()).collect::<Vec<_>>(),
            [1, 2, 4, 5, 5]
        );
        let mut p = RetryPolicy::new(cfg().max_attempts(2));
        let r = req(Method::GET, true, true);
        assert!(wait(&p, &r, &status(503, None)).is_some());
        p.attempt = 2;
        assert!(wait(&p, &r, &status(503, None)).is_none());
        let mut p = RetryPolicy::new(cfg().max_total_wait(Duration::from_secs(10)));
        p.waited = Duration::from_secs(8);
        assert!(wait(&p, &r, &status(429, Some("3"))).is_none());
        assert!(wait(&p, &r, &status(429, Some("2"))).is_some());
    }

    #[test]
    fn jitter_stays_within_half_and_full() {
        let p = RetryPolicy::new(RetryConfig::default().base_delay(Duration::from_millis(400)));
        let r = req(Method::GET, true, true);
        for _ in 0..100 {
            let w = wait(&p, &r, &status(503, None)).unwrap();
            assert!(
                w >= Duration::from_millis(200) && w <= Duration::from_millis(400),
                "{w:?}"
            );
        }
    }
}
