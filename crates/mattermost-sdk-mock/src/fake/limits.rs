//! The fake's rate limiter (like the server's) and fault injection.
//!
//! The limiter follows `server/channels/app/ratelimit.go`: GCRA (the `throttled` library)
//! per token (`VaryByUser`; requests without a token share one bucket), with `PerSec` and
//! `MaxBurst`; every answer carries `X-RateLimit-Limit` (`MaxBurst + 1`),
//! `X-RateLimit-Remaining` and `X-RateLimit-Reset` (seconds until the bucket is full again,
//! rounded up), and a refused request gets `429`, `Retry-After` (seconds, rounded up) and the
//! plain-text body `limit exceeded` (Go's `http.Error`), before any handler runs.

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderMap, Method, Request, Response, StatusCode};

use super::{FakeRequest, FakeServer};

/// The fake's rate limit: `per_sec` requests a second with bursts of `max_burst` more, per
/// token, as the server's `RateLimitSettings` (`PerSec`, `MaxBurst`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FakeRateLimit {
    /// Sustained requests per second (at least 1).
    pub per_sec: u32,
    /// Extra requests allowed at once.
    pub max_burst: u32,
}

/// A GCRA limiter as `throttled.GCRARateLimiter`.
#[derive(Debug)]
struct Gcra {
    interval: Duration,
    tolerance: Duration,
    limit: u64,
    tats: HashMap<String, Instant>,
}

/// What one check decided: the headers every answer carries, and the wait if refused.
struct Verdict {
    headers: HeaderMap,
    retry_after: Option<Duration>,
}

impl Gcra {
    fn new(q: FakeRateLimit) -> Self {
        let interval = Duration::from_secs(1) / q.per_sec.max(1);
        Gcra {
            interval,
            tolerance: interval * (q.max_burst + 1),
            limit: u64::from(q.max_burst) + 1,
            tats: HashMap::new(),
        }
    }

    fn check(&mut self, key: &str, now: Instant) -> Verdict {
        let tat = self.tats.get(key).copied().unwrap_or(now).max(now);
        let new_tat = tat + self.interval;
        let limited = new_tat.duration_since(now) > self.tolerance;
        let (ttl, retry_after) = if limited {
            let wait = new_tat.duration_since(now) - self.tolerance;
            (tat.duration_since(now), Some(wait))
        } else {
            self.tats.insert(key.to_owned(), new_tat);
            (new_tat.duration_since(now), None)
        };
        let remaining = self.tolerance.checked_sub(ttl).map_or(0, |next| {
            (next.as_nanos() / self.interval.as_nanos()) as u64
        });
        let mut headers = HeaderMap::new();
        let secs = |d: Duration| d.as_secs() + u64::from(d.subsec_nanos() > 0);
        headers.insert("x-ratelimit-limit", HeaderValue::from(self.limit));
        headers.insert("x-ratelimit-remaining", HeaderValue::from(remaining));
        headers.insert("x-ratelimit-reset", HeaderValue::from(secs(ttl)));
        if let Some(wait) = retry_after {
            headers.insert(RETRY_AFTER, HeaderValue::from(secs(wait)));
        }
        Verdict {
            headers,
            retry_after,
        }
    }
}

/// One injected fault: answer `status` (with `Retry-After` if given) to the next `left`
/// requests.
#[derive(Debug, Clone)]
struct Fault {
    status: StatusCode,
    retry_after: Option<u64>,
    left: usize,
}

/// The limiter and the faults, kept in the fake's state.
#[derive(Debug, Default)]
pub(crate) struct Resilience {
    limiter: Option<Gcra>,
    faults: VecDeque<Fault>,
    /// With `Some(secs)`: the first request of each (method, path) is answered `429` with
    /// `Retry-After: secs`.
    first_of_each_kind: Option<u64>,
    seen_kinds: HashSet<(Method, String)>,
    delays: VecDeque<Duration>,
    /// How many of the next requests the served fake drops (closes the connection without
    /// answering).
    drops: usize,
}

/// What the limiter and the faults decided about a request.
pub(super) enum Intercept {
    /// On to the handlers; these headers go on the answer.
    Pass(HeaderMap),
    /// Answered here.
    Stop(Response<Bytes>),
}

/// The server's 429: `http.Error(w, "limit exceeded", 429)`.
fn limited_reply(mut headers: HeaderMap) -> Response<Bytes> {
    let mut resp = Response::new(Bytes::from_static(b"limit exceeded\n"));
    *resp.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    *resp.headers_mut() = headers;
    resp
}

/// The limiter's key: the token (`Authorization: Bearer|Token`, else the `MMAUTHTOKEN`
/// cookie), or `""` for requests without one.
fn key_of(headers: &HeaderMap) -> String {
    if let Some(v) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) {
        let v = v.trim();
        for scheme in [
            "Bearer ", "BEARER ", "bearer ", "Token ", "TOKEN ", "token ",
        ] {
            if let Some(t) = v.strip_prefix(scheme) {
                return t.trim().to_owned();
            }
        }
    }
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("MMAUTHTOKEN="))
        .map(str::to_owned)
        .unwrap_or_default()
}

impl FakeServer {
    /// Turns on a rate limiter like the server's (see the module docs of `limits.rs`:
    /// GCRA per token, the same headers and plain-text `429`); `None` turns it off.
    pub fn set_rate_limit(&self, limit: Option<FakeRateLimit>) {
        self.lock().resilience.limiter = limit.map(Gcra::new);
    }

    /// Answers the next `n` requests (any route) with `status` and a plain-text body,
    /// before any handler runs; with `retry_after` (seconds), with that `Retry-After`.
    /// Several calls queue up in order.
    pub fn fail_next(&self, n: usize, status: StatusCode, retry_after: Option<u64>) {
        if n > 0 {
            self.lock().resilience.faults.push_back(Fault {
                status,
                retry_after,
                left: n,
            });
        }
    }

    /// Answers the first request of each kind (method and path) with `429`,
    /// `Retry-After: retry_after_secs` and the server's plain-text `limit exceeded`;
    /// later requests of that kind pass. `None` turns it off and forgets the kinds seen.
    pub fn rate_limit_first_of_each_kind(&self, retry_after_secs: Option<u64>) {
        let mut st = self.lock();
        st.resilience.first_of_each_kind = retry_after_secs;
        st.resilience.seen_kinds.clear();
    }

    /// Delays the answers to the next `n` requests by `delay` each (the served fake only:
    /// [`serve`](crate::serve) waits before answering; the in-memory transport does not).
    pub fn delay_next(&self, n: usize, delay: Duration) {
        let mut st = self.lock();
        st.resilience.delays.extend(std::iter::repeat_n(delay, n));
    }

    /// Drops the next `n` requests: the served fake ([`serve`](crate::serve)) reads the
    /// request, then closes the connection without answering, as a crashed server or a proxy
    /// that gave up would. The handlers never run, so nothing changes. The in-memory
    /// transport does not drop requests (it has no connection to close); the dropped ones
    /// are not in [`requests`](Self::requests).
    pub fn drop_next(&self, n: usize) {
        self.lock().resilience.drops += n;
    }

    /// True if the request being served now is to be dropped (see
    /// [`drop_next`](Self::drop_next)).
    #[cfg(feature = "serve")]
    pub(crate) fn take_drop(&self) -> bool {
        let mut st = self.lock();
        let drops = &mut st.resilience.drops;
        let dropped = *drops > 0;
        *drops = drops.saturating_sub(1);
        dropped
    }

    /// The delay for the request being served now, if one was queued with
    /// [`delay_next`](Self::delay_next).
    #[cfg(feature = "serve")]
    pub(crate) fn take_delay(&self) -> Option<Duration> {
        self.lock().resilience.delays.pop_front()
    }

    /// Runs the limiter and the faults: the answer if the request stops here, else the
    /// rate-limit headers to add to the handler's answer.
    pub(super) fn intercept(&self, req: &Request<Bytes>) -> Intercept {
        let mut st = self.lock();
        let path = crate::util::api_relative(req.uri().path()).to_owned();
        let r = &mut st.resilience;
        let mut stop = None;
        let mut pass_headers = HeaderMap::new();
        if let Some(gcra) = r.limiter.as_mut() {
            let verdict = gcra.check(&key_of(req.headers()), Instant::now());
            match verdict.retry_after {
                Some(_) => stop = Some(limited_reply(verdict.headers)),
                None => pass_headers = verdict.headers,
            }
        }
        if stop.is_none() {
            if let Some(secs) = r.first_of_each_kind {
                if r.seen_kinds.insert((req.method().clone(), path)) {
                    let mut h = HeaderMap::new();
                    h.insert(RETRY_AFTER, HeaderValue::from(secs));
                    stop = Some(limited_reply(h));
                }
            }
        }
        if stop.is_none() {
            if let Some(fault) = r.faults.front_mut() {
                let mut resp = Response::new(Bytes::from_static(b"injected fault\n"));
                *resp.status_mut() = fault.status;
                resp.headers_mut().insert(
                    CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=utf-8"),
                );
                if let Some(secs) = fault.retry_after {
                    resp.headers_mut()
                        .insert(RETRY_AFTER, HeaderValue::from(secs));
                }
                fault.left -= 1;
                if fault.left == 0 {
                    r.faults.pop_front();
                }
                stop = Some(resp);
            }
        }
        match stop {
            Some(mut resp) => {
                let request_id = st.new_request_id();
                if let Ok(v) = HeaderValue::try_from(request_id.as_str()) {
                    resp.headers_mut().insert("x-request-id", v);
                }
                st.log.push(FakeRequest::new(
                    req.method().clone(),
                    req.uri(),
                    resp.status(),
                ));
                Intercept::Stop(resp)
            }
            None => Intercept::Pass(pass_headers),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gcra_allows_a_burst_then_refuses_with_the_servers_headers() {
        let mut g = Gcra::new(FakeRateLimit {
            per_sec: 10,
            max_burst: 2,
        });
        let t0 = Instant::now();
        let mut remaining = Vec::new();
        for _ in 0..3 {
            let v = g.check("tok", t0);
            assert!(v.retry_after.is_none());
            remaining.push(
                v.headers["x-ratelimit-remaining"]
                    .to_str()
                    .unwrap()
                    .to_owned(),
            );
            assert_eq!(v.headers["x-ratelimit-limit"], "3");
        }
        assert_eq!(remaining, ["2", "1", "0"]);
        let refused = g.check("tok", t0);
        assert_eq!(refused.retry_after, Some(Duration::from_millis(100)));
        assert_eq!(refused.headers[RETRY_AFTER], "1");
        // Another token has its own bucket.
        assert!(g.check("other", t0).retry_after.is_none());
        // One interval later, one more request passes.
        assert!(g
            .check("tok", t0 + Duration::from_millis(100))
            .retry_after
            .is_none());
    }

    #[test]
    fn the_key_is_the_token() {
        let mut h = HeaderMap::new();
        assert_eq!(key_of(&h), "");
        h.insert(AUTHORIZATION, HeaderValue::from_static("Bearer abc"));
        assert_eq!(key_of(&h), "abc");
    }
}
