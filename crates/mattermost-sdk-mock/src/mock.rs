//! [`MockTransport`]: a [`Transport`] answering from queued expectations.

use std::fmt;
use std::future::{ready, Future};
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use http::{HeaderMap, Method, Request, Response, StatusCode};
use mattermost_sdk_core::{Transport, TransportError, TransportErrorKind};
use serde_json::Value;

use crate::recorded::RecordedRequest;
use crate::util;

/// A [`Transport`] that answers requests from expectations set up by the test, and records
/// every request it receives.
///
/// ```
/// use mattermost_sdk_mock::MockTransport;
/// use mattermost_sdk_core::http::Method;
/// use serde_json::json;
///
/// let mock = MockTransport::new();
/// mock.expect(Method::GET, "/api/v4/users/me")
///     .header("authorization", "Bearer t")
///     .respond_json(200, json!({"id": "u1", "username": "alice"}));
/// // ... hand `mock.clone()` to the client under test and run it ...
/// # mock.checkpoint_unchecked();
/// ```
///
/// # Matching
///
/// A request is answered by the **first pending** expectation that matches it; an expectation
/// stays pending until it has been used [`times`](Expect::times) times (once by default).
/// An expectation matches when all of these hold:
///
/// - the method is equal;
/// - the path is equal, segment by segment after percent-decoding. Both sides are compared
///   from `/api/v4` on, so `/api/v4/users/me`, `/users/me` and a request to
///   `https://host/chat/api/v4/users/me` all match each other;
/// - the query: with no query matcher the request must have **no** query at all (this catches
///   stray parameters); [`query`](Expect::query) compares the decoded pairs as a set (order does
///   not matter, nothing may be missing or extra); [`any_query`](Expect::any_query) accepts any.
///   A `?a=1&b=2` suffix on the expectation's path is the same as `.query([("a","1"),("b","2")])`;
/// - every [`header`](Expect::header) is present with that value;
/// - the body matcher, if any: [`json_body`](Expect::json_body) (parsed JSON equality, key order
///   and whitespace do not matter, and the `Content-Type` must be `application/json`),
///   [`body_bytes`](Expect::body_bytes) (exact bytes) or [`no_body`](Expect::no_body) (no bytes
///   and no `Content-Type`). Without a body matcher any body is accepted;
/// - every [`matching`](Expect::matching) predicate returns true (predicates run last, only
///   when everything above matches).
///
/// A request no pending expectation matches gets `Err(TransportError)` of kind `Other`,
/// whose message names the request (method, path, query, body size; never the
/// `Authorization` value, and JSON bodies with passwords and tokens redacted) and lists,
/// for every pending expectation, everything that did not match: method, path, query, each
/// header (by name only: header values are never shown), body (content type and JSON with the
/// same redaction) and, when all of those match, each predicate. For example:
///
/// ```text
/// MockTransport: unexpected request PUT /api/v4/users/me/patch (16 bytes, content-type application/json) json {"nickname":"x"}; pending expectations:
///   - GET /api/v4/users/me [no query] [header authorization: <redacted>], responds 200 with 0 bytes (called 0 of 1 times)
///     differs in 3 places: method differs (expected GET, got PUT); path differs (expected /api/v4/users/me, got /api/v4/users/me/patch); header authorization missing or different
/// ```
///
/// # Verification
///
/// [`verify`](MockTransport::verify) panics if an expectation was not used as often as
/// expected or if an unexpected request was made. When the last clone of a mock is dropped
/// and the thread is not already panicking, the same check runs and panics (like `mockito`),
/// so a forgotten call fails the test. [`checkpoint`](MockTransport::checkpoint) verifies and
/// then forgets all expectations, so a test can proceed in phases.
#[derive(Clone, Default)]
pub struct MockTransport {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    state: Mutex<MockState>,
}

#[derive(Default)]
struct MockState {
    expectations: Vec<Expectation>,
    requests: Vec<RecordedRequest>,
    unexpected: Vec<String>,
}

impl MockState {
    fn failure_report(&self) -> Option<String> {
        let unmet: Vec<String> = self
            .expectations
            .iter()
            .filter(|e| e.calls < e.times)
            .map(|e| format!("  - {}", e.describe()))
            .collect();
        if unmet.is_empty() && self.unexpected.is_empty() {
            return None;
        }
        let mut msg = String::from("MockTransport verification failed");
        if !unmet.is_empty() {
            msg.push_str(&format!(
                "; unmet expectations ({}):\n{}",
                unmet.len(),
                unmet.join("\n")
            ));
        }
        if !self.unexpected.is_empty() {
            msg.push_str(&format!(
                "\nunexpected requests ({}):\n  - {}",
                self.unexpected.len(),
                self.unexpected.join("\n  - ")
            ));
        }
        Some(msg)
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let state = self.state.get_mut().unwrap_or_else(|e| e.into_inner());
        if let Some(report) = state.failure_report() {
            panic!(
                "{report}\n(MockTransport dropped with unmet expectations or unexpected requests)"
            );
        }
    }
}

impl MockTransport {
    /// A mock with no expectations.
    pub fn new() -> Self {
        MockTransport::default()
    }

    fn lock(&self) -> MutexGuard<'_, MockState> {
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts an expectation for `method` and `path` (see the type docs for how paths and
    /// queries are compared). Finish it with one of the `respond_*` methods; until then
    /// nothing is registered.
    pub fn expect(&self, method: Method, path: &str) -> Expect {
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path, None),
        };
        let mut query_match = QueryMatch::Exact(Vec::new());
        if let Some(q) = query {
            let mut pairs = util::query_pairs(Some(q));
            pairs.sort();
            query_match = QueryMatch::Exact(pairs);
        }
        Expect {
            mock: self.clone(),
            exp: Expectation {
                method,
                path: util::segments(util::api_relative(path)),
                path_display: path.to_owned(),
                query: query_match,
                headers: Vec::new(),
                body: BodyMatch::Any,
                predicates: Vec::new(),
                response: MockResponse::Error(TransportErrorKind::Other, String::new()),
                times: 1,
                calls: 0,
            },
            response_headers: HeaderMap::new(),
        }
    }

    /// Every request received so far, matched or not, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    /// The most recent request, if any.
    pub fn last_request(&self) -> Option<RecordedRequest> {
        self.lock().requests.last().cloned()
    }

    /// How many requests were received.
    pub fn request_count(&self) -> usize {
        self.lock().requests.len()
    }

    /// Descriptions of the expectations not yet used as often as expected.
    pub fn pending(&self) -> Vec<String> {
        self.lock()
            .expectations
            .iter()
            .filter(|e| e.calls < e.times)
            .map(Expectation::describe)
            .collect()
    }

    /// Checks that every expectation was used as often as expected and no unexpected request
    /// was made; returns the failure report otherwise.
    pub fn try_verify(&self) -> Result<(), String> {
        match self.lock().failure_report() {
            Some(report) => Err(report),
            None => Ok(()),
        }
    }

    /// Like [`try_verify`](Self::try_verify) but panics with the report.
    #[track_caller]
    pub fn verify(&self) {
        if let Err(report) = self.try_verify() {
            panic!("{report}");
        }
    }

    /// Verifies (panicking on failure), then forgets every expectation and unexpected
    /// request. Recorded requests are kept.
    #[track_caller]
    pub fn checkpoint(&self) {
        self.verify();
        self.checkpoint_unchecked();
    }

    /// Forgets every expectation and unexpected request without verifying them (for tests
    /// that deliberately leave expectations unused). Recorded requests are kept.
    pub fn checkpoint_unchecked(&self) {
        let mut st = self.lock();
        st.expectations.clear();
        st.unexpected.clear();
    }

    fn answer(&self, req: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
        let recorded = RecordedRequest::new(&req);
        let mut st = self.lock();
        st.requests.push(recorded.clone());
        let found = st
            .expectations
            .iter_mut()
            .find(|e| e.calls < e.times && e.matches(&recorded));
        if let Some(exp) = found {
            exp.calls += 1;
            return exp.response.build();
        }
        let mut msg = format!("MockTransport: unexpected request {}", recorded.describe());
        let pending: Vec<String> = st
            .expectations
            .iter()
            .filter(|e| e.calls < e.times)
            .map(|e| {
                let why = e.mismatches(&recorded);
                // Predicates run only once everything else matches (see `mismatches`).
                let ran = why.iter().any(|w| w.starts_with("predicate "));
                let skipped = if e.predicates.is_empty() || ran {
                    ""
                } else {
                    " (predicates not run)"
                };
                format!(
                    "  - {}\n    differs in {} place{}: {}{skipped}",
                    e.describe(),
                    why.len(),
                    if why.len() == 1 { "" } else { "s" },
                    why.join("; ")
                )
            })
            .collect();
        if pending.is_empty() {
            msg.push_str("; no pending expectations");
        } else {
            msg.push_str(&format!("; pending expectations:\n{}", pending.join("\n")));
        }
        st.unexpected.push(recorded.describe());
        Err(TransportError::new(TransportErrorKind::Other, msg))
    }
}

impl Transport for MockTransport {
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send {
        ready(self.answer(req))
    }
}

impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let st = self.lock();
        let exps: Vec<String> = st.expectations.iter().map(Expectation::describe).collect();
        f.debug_struct("MockTransport")
            .field("expectations", &exps)
            .field("requests", &st.requests.len())
            .field("unexpected", &st.unexpected.len())
            .finish()
    }
}

/// Converts a status argument of the `respond_*` methods: a `u16` or a [`StatusCode`].
pub trait IntoStatus {
    /// The status code. Panics on a number outside 100..=999 (a bug in the test).
    fn into_status(self) -> StatusCode;
}

impl IntoStatus for StatusCode {
    fn into_status(self) -> StatusCode {
        self
    }
}

impl IntoStatus for u16 {
    #[track_caller]
    fn into_status(self) -> StatusCode {
        match StatusCode::from_u16(self) {
            Ok(s) => s,
            Err(_) => panic!("MockTransport: {self} is not a valid HTTP status"),
        }
    }
}

type Predicate = Arc<dyn Fn(&RecordedRequest) -> bool + Send + Sync>;

enum QueryMatch {
    Any,
    Exact(Vec<(String, String)>),
}

enum BodyMatch {
    Any,
    NoBody,
    Json(Value),
    Bytes(Bytes),
}

enum MockResponse {
    Http {
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
    },
    Error(TransportErrorKind, String),
}

impl MockResponse {
    fn build(&self) -> Result<Response<Bytes>, TransportError> {
        match self {
            MockResponse::Http {
                status,
                headers,
                body,
            } => {
                let mut resp = Response::new(body.clone());
                *resp.status_mut() = *status;
                *resp.headers_mut() = headers.clone();
                Ok(resp)
            }
            MockResponse::Error(kind, msg) => Err(TransportError::new(*kind, msg.clone())),
        }
    }

    fn describe(&self) -> String {
        match self {
            MockResponse::Http { status, body, .. } => {
                format!("responds {} with {} bytes", status.as_u16(), body.len())
            }
            MockResponse::Error(kind, _) => format!("fails with a {kind} transport error"),
        }
    }
}

struct Expectation {
    method: Method,
    path: Vec<String>,
    path_display: String,
    query: QueryMatch,
    headers: Vec<(String, String)>,
    body: BodyMatch,
    predicates: Vec<(String, Predicate)>,
    response: MockResponse,
    times: usize,
    calls: usize,
}

/// Where [`Expectation::differences`] reports: every difference, formatted (for the error
/// message), or only whether there is one, stopping at the first without formatting it (for
/// matching).
enum Differences {
    All(Vec<String>),
    First(bool),
}

impl Differences {
    /// Records a difference (`message` is called only when collecting them all); returns
    /// whether to look for more.
    fn push(&mut self, message: impl FnOnce() -> String) -> bool {
        match self {
            Differences::All(why) => {
                why.push(message());
                true
            }
            Differences::First(found) => {
                *found = true;
                false
            }
        }
    }

    /// Whether nothing was recorded yet.
    fn is_empty(&self) -> bool {
        match self {
            Differences::All(why) => why.is_empty(),
            Differences::First(found) => !found,
        }
    }
}

impl Expectation {
    /// Whether `req` matches: stops at the first difference and formats nothing (this runs
    /// for every pending expectation on every request).
    fn matches(&self, req: &RecordedRequest) -> bool {
        let mut out = Differences::First(false);
        self.differences(req, &mut out);
        out.is_empty()
    }

    /// Every way `req` differs from this expectation, for the error message; empty if it
    /// matches.
    fn mismatches(&self, req: &RecordedRequest) -> Vec<String> {
        let mut out = Differences::All(Vec::new());
        self.differences(req, &mut out);
        match out {
            Differences::All(why) => why,
            Differences::First(_) => Vec::new(),
        }
    }

    /// Reports how `req` differs from this expectation to `out`, in the order method, path,
    /// query, headers, body, predicates, until `out` has enough. Predicates run only when
    /// everything else matches (they are written for the expected request and may assume
    /// its shape). No message carries a header value, and query and JSON values under
    /// secret-looking names are redacted.
    fn differences(&self, req: &RecordedRequest, out: &mut Differences) {
        if req.method() != self.method
            && !out.push(|| {
                format!(
                    "method differs (expected {}, got {})",
                    self.method,
                    req.method()
                )
            })
        {
            return;
        }
        if util::segments(req.api_path()) != self.path
            && !out.push(|| {
                format!(
                    "path differs (expected {}, got {})",
                    self.path_display,
                    req.path()
                )
            })
        {
            return;
        }
        if let QueryMatch::Exact(expected) = &self.query {
            let mut got = req.query_pairs();
            got.sort();
            if &got != expected
                && !out.push(|| {
                    format!(
                        "query differs (expected {:?}, got {:?})",
                        util::describe_query(expected),
                        util::describe_query(&got)
                    )
                })
            {
                return;
            }
        }
        for (name, value) in &self.headers {
            let present = req
                .headers()
                .get_all(name.as_str())
                .iter()
                .any(|v| v.as_bytes() == value.as_bytes());
            if !present && !out.push(|| format!("header {name} missing or different")) {
                return;
            }
        }
        if !self.body_differences(req, out) || !out.is_empty() {
            return;
        }
        for (label, pred) in &self.predicates {
            if !pred(req) && !out.push(|| format!("predicate {label:?} returned false")) {
                return;
            }
        }
    }

    /// Reports how `req`'s body differs from the body matcher, if it does; false once `out`
    /// has enough.
    fn body_differences(&self, req: &RecordedRequest, out: &mut Differences) -> bool {
        match &self.body {
            BodyMatch::Any => true,
            BodyMatch::NoBody => {
                if req.body().is_empty() && req.content_type().is_none() {
                    return true;
                }
                out.push(|| {
                    format!(
                        "expected no body and no content-type, got {} bytes, content-type {:?}",
                        req.body().len(),
                        req.content_type()
                    )
                })
            }
            BodyMatch::Json(expected) => {
                let ct = req.content_type().unwrap_or("");
                if !ct.to_ascii_lowercase().starts_with("application/json")
                    && !out.push(|| format!("expected content-type application/json, got {ct:?}"))
                {
                    return false;
                }
                match req.json() {
                    Ok(got) if &got == expected => true,
                    Ok(got) => out.push(|| {
                        format!(
                            "json body differs (got {})",
                            util::truncate(&util::redact_json(&got).to_string(), 300)
                        )
                    }),
                    Err(e) => out.push(|| format!("body is not JSON ({e})")),
                }
            }
            BodyMatch::Bytes(expected) => {
                if req.body() == expected {
                    return true;
                }
                out.push(|| {
                    format!(
                        "body bytes differ (expected {} bytes, got {})",
                        expected.len(),
                        req.body().len()
                    )
                })
            }
        }
    }

    fn describe(&self) -> String {
        let mut s = format!("{} {}", self.method, self.path_display);
        match &self.query {
            QueryMatch::Any => s.push_str(" [any query]"),
            QueryMatch::Exact(p) if p.is_empty() => s.push_str(" [no query]"),
            QueryMatch::Exact(p) => s.push_str(&format!(" [query {}]", util::describe_query(p))),
        }
        for (name, value) in &self.headers {
            let shown = if util::is_sensitive_name(name) {
                "<redacted>"
            } else {
                value
            };
            s.push_str(&format!(" [header {name}: {shown}]"));
        }
        match &self.body {
            BodyMatch::Any => {}
            BodyMatch::NoBody => s.push_str(" [no body]"),
            BodyMatch::Json(v) => s.push_str(&format!(
                " [json {}]",
                util::truncate(&util::redact_json(v).to_string(), 300)
            )),
            BodyMatch::Bytes(b) => s.push_str(&format!(" [{} body bytes]", b.len())),
        }
        for (label, _) in &self.predicates {
            s.push_str(&format!(" [predicate {label:?}]"));
        }
        s.push_str(&format!(
            ", {} (called {} of {} times)",
            self.response.describe(),
            self.calls,
            self.times
        ));
        s
    }
}

/// An expectation being set up by [`MockTransport::expect`]. Add matchers, then finish with
/// a `respond_*` method, which registers it.
#[must_use = "an expectation is registered only by one of the respond_* methods"]
pub struct Expect {
    mock: MockTransport,
    exp: Expectation,
    response_headers: HeaderMap,
}

impl Expect {
    /// The request's query must be exactly these pairs (decoded), in any order.
    pub fn query<I, K, V>(mut self, pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        let mut pairs: Vec<(String, String)> = pairs
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        pairs.sort();
        self.exp.query = QueryMatch::Exact(pairs);
        self
    }

    /// Accept any query string (or none).
    pub fn any_query(mut self) -> Self {
        self.exp.query = QueryMatch::Any;
        self
    }

    /// Header `name` must be present with exactly `value` (one of its values, if repeated).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.exp
            .headers
            .push((name.to_ascii_lowercase(), value.to_owned()));
        self
    }

    /// The body must be JSON equal to `value` (compared parsed), sent as `application/json`.
    pub fn json_body(mut self, value: Value) -> Self {
        self.exp.body = BodyMatch::Json(value);
        self
    }

    /// The body must be exactly these bytes.
    pub fn body_bytes(mut self, bytes: impl Into<Bytes>) -> Self {
        self.exp.body = BodyMatch::Bytes(bytes.into());
        self
    }

    /// The request must have no body and no `Content-Type`.
    pub fn no_body(mut self) -> Self {
        self.exp.body = BodyMatch::NoBody;
        self
    }

    /// The request must also satisfy `pred`; `label` names it in messages. The predicate runs
    /// only on requests that match every other part of the expectation (so it may assume the
    /// expected method, path and body), while the mock is locked, so it must not call methods
    /// of this mock.
    pub fn matching(
        mut self,
        label: impl Into<String>,
        pred: impl Fn(&RecordedRequest) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.exp.predicates.push((label.into(), Arc::new(pred)));
        self
    }

    /// The expectation answers `n` requests (default 1) and must be used exactly `n` times.
    #[track_caller]
    pub fn times(mut self, n: usize) -> Self {
        assert!(n >= 1, "MockTransport: times(n) needs n >= 1");
        self.exp.times = n;
        self
    }

    /// Adds a header to the response (for example `Token` for a login, or `X-Request-Id`).
    /// Invalid names or values panic, as they are bugs in the test.
    #[track_caller]
    pub fn response_header(mut self, name: &str, value: &str) -> Self {
        let name = HeaderName::try_from(name)
            .unwrap_or_else(|_| panic!("MockTransport: invalid header name {name:?}"));
        let value = HeaderValue::try_from(value)
            .unwrap_or_else(|_| panic!("MockTransport: invalid value for header {name}"));
        self.response_headers.append(name, value);
        self
    }

    fn register(mut self, response: MockResponse) {
        self.exp.response = response;
        self.mock.lock().expectations.push(self.exp);
    }

    fn respond_http(mut self, status: StatusCode, content_type: Option<&str>, body: Bytes) {
        if let Some(ct) = content_type {
            if let Ok(v) = HeaderValue::try_from(ct) {
                self.response_headers.insert(CONTENT_TYPE, v);
            }
        }
        let headers = std::mem::take(&mut self.response_headers);
        self.register(MockResponse::Http {
            status,
            headers,
            body,
        });
    }

    /// Responds with `status` and `value` as JSON (`Content-Type: application/json`).
    #[track_caller]
    pub fn respond_json(self, status: impl IntoStatus, value: Value) {
        let body = Bytes::from(value.to_string());
        self.respond_http(status.into_status(), Some("application/json"), body);
    }

    /// Responds with `status` and no body.
    #[track_caller]
    pub fn respond_status(self, status: impl IntoStatus) {
        self.respond_http(status.into_status(), None, Bytes::new());
    }

    /// Responds with `status`, a `Content-Type` and raw bytes.
    #[track_caller]
    pub fn respond_bytes(
        self,
        status: impl IntoStatus,
        content_type: &str,
        body: impl Into<Bytes>,
    ) {
        self.respond_http(status.into_status(), Some(content_type), body.into());
    }

    /// Responds with this exact response (headers added with
    /// [`response_header`](Self::response_header) are appended to it).
    pub fn respond(mut self, response: Response<Bytes>) {
        let (parts, body) = response.into_parts();
        let mut headers = parts.headers;
        for (name, value) in std::mem::take(&mut self.response_headers) {
            if let Some(name) = name {
                headers.append(name, value);
            }
        }
        self.register(MockResponse::Http {
            status: parts.status,
            headers,
            body,
        });
    }

    /// Fails the request with a [`TransportError`] of `kind`.
    pub fn respond_error(self, kind: TransportErrorKind, message: impl Into<String>) {
        self.register(MockResponse::Error(kind, message.into()));
    }
}

impl fmt::Debug for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Expect").field(&self.exp.describe()).finish()
    }
}
