//! Errors: one [`Error`] type with four kinds, each with its own detail type.

use std::fmt;

use bytes::Bytes;
use http::StatusCode;
use serde::Serialize;

use mattermost_sdk_derive::DeserializeExtra;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when calling the API: the one type to match on.
///
/// Common questions have predicates, so checking for a 404 needs no `http` import:
/// [`Error::status`], [`Error::is_not_found`], [`Error::is_unauthorized`],
/// [`Error::is_forbidden`], [`Error::api_error_id`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be built; nothing was sent.
    #[error(transparent)]
    Build(#[from] BuildError),
    /// The request could not be delivered or its response could not be read.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The server answered with a non-2xx status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The server answered 2xx but the body is not what the endpoint returns.
    #[error(transparent)]
    Decode(Box<DecodeError>),
}

impl From<serde_json::Error> for BuildError {
    fn from(e: serde_json::Error) -> Self {
        BuildError::Json(std::sync::Arc::new(e))
    }
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Error::Decode(Box::new(e))
    }
}

impl Error {
    /// The HTTP status of the response, for [`Error::Api`] and [`Error::Decode`].
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// The API error, if the server answered with a non-2xx status.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// True if the server answered `404 Not Found`.
    pub fn is_not_found(&self) -> bool {
        self.api_status() == Some(StatusCode::NOT_FOUND)
    }

    /// True if the server answered `401 Unauthorized` (no, an expired or a revoked session or
    /// token; Mattermost says `api.context.session_expired.app_error` for all of them).
    pub fn is_unauthorized(&self) -> bool {
        self.api_status() == Some(StatusCode::UNAUTHORIZED)
    }

    /// True if the server answered `403 Forbidden` (authenticated, but not allowed).
    pub fn is_forbidden(&self) -> bool {
        self.api_status() == Some(StatusCode::FORBIDDEN)
    }

    /// Mattermost's error id (`app.user.missing_account.const`, ...), if the server answered
    /// non-2xx with its error JSON. Match on this rather than on the message, which is
    /// translated.
    pub fn api_error_id(&self) -> Option<&str> {
        self.as_api().and_then(ApiError::id)
    }

    /// True if the server (or a proxy) answered `429 Too Many Requests`. See
    /// [`Error::retry_after`] and [`Error::rate_limit`].
    pub fn is_rate_limited(&self) -> bool {
        self.as_api().is_some_and(ApiError::is_rate_limited)
    }

    /// True if the server answered with the error id [`SESSION_EXPIRED_ID`]
    /// (`api.context.session_expired.app_error`): the session or token is expired, revoked
    /// or unknown. Decided by the error id, never by the (translated) message.
    pub fn is_session_expired(&self) -> bool {
        self.as_api().is_some_and(ApiError::is_session_expired)
    }

    /// The headers of a non-2xx answer.
    pub fn headers(&self) -> Option<&http::HeaderMap> {
        self.as_api().map(ApiError::headers)
    }

    /// `Retry-After` of a non-2xx answer, as a wait (see [`ApiError::retry_after`]).
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        self.as_api().and_then(ApiError::retry_after)
    }

    /// The rate-limit triple of a non-2xx answer (see [`RateLimit`]).
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.as_api().and_then(ApiError::rate_limit)
    }

    /// The server's request id of a non-2xx answer (see [`ApiError::request_id`]).
    pub fn request_id(&self) -> Option<&str> {
        self.as_api().and_then(ApiError::request_id)
    }

    /// True if no complete answer came in time: the call's timeout
    /// (`Call::timeout` / `ClientBuilder::timeout` in the facade) or the transport's own
    /// whole-exchange timeout passed. A transport error of kind
    /// [`TransportErrorKind::Timeout`].
    pub fn is_timeout(&self) -> bool {
        self.transport_kind() == Some(TransportErrorKind::Timeout)
    }

    /// The transport error's kind, if the request failed below HTTP.
    pub fn transport_kind(&self) -> Option<TransportErrorKind> {
        match self {
            Error::Transport(e) => Some(e.kind()),
            _ => None,
        }
    }

    fn api_status(&self) -> Option<StatusCode> {
        self.as_api().map(|e| e.status)
    }
}

/// A request that could not be built from its inputs. Raised before any I/O.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A typed ID was not 26 lowercase base32 characters (or `me` for users).
    #[error("invalid {kind}: {value:?}{} ({len} bytes) is not 26 characters of [a-z0-9]", if *len > value.len() { "…" } else { "" })]
    InvalidId {
        /// Which kind of ID (`user ID`, `team ID`, ...).
        kind: &'static str,
        /// The rejected input, cut to at most [`BuildError::QUOTE_MAX`] bytes (a huge input
        /// does not make a huge message).
        value: String,
        /// The length of the whole rejected input, in bytes.
        len: usize,
    },
    /// A path segment was empty, `.` or `..`, or otherwise unusable.
    #[error("invalid path segment for {what}: {reason}")]
    InvalidSegment {
        /// What the segment names (`emoji name`, `preference category`, ...).
        what: &'static str,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// The base URL was not an absolute `http(s)` URL without query, fragment or credentials.
    #[error("invalid base URL {url:?}: {reason}")]
    InvalidBaseUrl {
        /// The rejected URL.
        url: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A parameter value was outside what the API accepts.
    #[error("invalid {param}: {reason}")]
    InvalidParam {
        /// The parameter's name.
        param: &'static str,
        /// Why it was rejected.
        reason: String,
    },
    /// A path template and its arguments did not match (a bug in an endpoint definition).
    #[error("path template {template:?} needs {expected} segments, got {got}")]
    Template {
        /// The template.
        template: &'static str,
        /// Placeholders in the template.
        expected: usize,
        /// Segments supplied.
        got: usize,
    },
    /// The body could not be serialized.
    #[error("could not serialize the request body: {0}")]
    Json(std::sync::Arc<serde_json::Error>),
    /// A header value (for example the token) contained bytes HTTP does not allow.
    #[error("invalid header value for {0}")]
    InvalidHeader(&'static str),
    /// The final URI was rejected by `http`.
    #[error("invalid request URI: {0}")]
    InvalidUri(String),
}

impl BuildError {
    /// The most bytes of a rejected input an error quotes.
    pub const QUOTE_MAX: usize = 40;

    /// An [`BuildError::InvalidId`] for `value`, quoting at most [`BuildError::QUOTE_MAX`]
    /// bytes of it (cut at a character boundary) and giving its length.
    pub fn invalid_id(kind: &'static str, value: &str) -> Self {
        let mut cut = value.len().min(Self::QUOTE_MAX);
        while !value.is_char_boundary(cut) {
            cut -= 1;
        }
        BuildError::InvalidId {
            kind,
            value: value[..cut].to_owned(),
            len: value.len(),
        }
    }
}

/// What kind of transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The request or response took longer than the configured timeout.
    Timeout,
    /// No connection could be made (refused, DNS, TLS handshake).
    Connect,
    /// The connection failed while sending or receiving.
    Io,
    /// The response body was larger than the configured cap.
    BodyTooLarge,
    /// A redirect was refused or could not be followed.
    Redirect,
    /// Anything else.
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::Connect => "connect",
            TransportErrorKind::Io => "i/o",
            TransportErrorKind::BodyTooLarge => "body too large",
            TransportErrorKind::Redirect => "redirect",
            TransportErrorKind::Other => "other",
        })
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A failure below HTTP semantics, the same type for every transport.
///
/// Its message says what happened in one line; the backend's error, and its causes, are the
/// [`source`](std::error::Error::source) chain.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<BoxError>,
}

impl TransportError {
    /// A new error of `kind` with a human-readable message.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// A new error of `kind` wrapping `source`.
    pub fn with_source(
        kind: TransportErrorKind,
        message: impl Into<String>,
        source: impl Into<BoxError>,
    ) -> Self {
        TransportError {
            kind,
            message: message.into(),
            source: Some(source.into()),
        }
    }

    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// True for [`TransportErrorKind::Timeout`].
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// One line: what happened, in this crate's words. The causes (the backend's errors) are
/// left to [`std::error::Error::source`], so reporters such as `anyhow` show each once.
impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "transport error ({}): {}", self.kind, self.message)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Mattermost's error body (`model.AppError` as JSON).
///
/// `detailed_error` can carry a secret: for an invalid or expired session the server sends
/// `token=<the token sent>` (`server/channels/web/handlers.go`, when developer mode is on).
/// It is kept for programs to read but never printed: `Debug` redacts it and the string
/// values of `extra`, and [`ApiError`]'s `Display` leaves it out.
#[derive(Clone, Default, PartialEq, Serialize, DeserializeExtra)]
#[non_exhaustive]
pub struct MattermostError {
    /// The translation ID, e.g. `api.context.session_expired.app_error`.
    #[serde(default)]
    pub id: String,
    /// The human-readable message.
    #[serde(default)]
    pub message: String,
    /// Extra detail, often empty; may quote the token sent, so never printed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detailed_error: String,
    /// The server's request ID.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub request_id: String,
    /// The status code as the server saw it.
    #[serde(default)]
    pub status_code: i64,
    /// Any other fields.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl fmt::Debug for MattermostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let detail = if self.detailed_error.is_empty() {
            ""
        } else {
            REDACTED
        };
        let extra = serde_json::Value::Object(self.extra.clone());
        f.debug_struct("MattermostError")
            .field("id", &shown_id(&self.id))
            .field("message", &self.message)
            .field("detailed_error", &detail)
            .field("request_id", &self.request_id)
            .field("status_code", &self.status_code)
            .field("extra", &format_args!("{}", redacted_json(&extra)))
            .finish()
    }
}

/// The body of an error response, as well as it could be understood. `Debug` shows the
/// shape of a JSON body with its string values redacted, and only the length of a raw one.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum ApiErrorBody {
    /// Mattermost's own error JSON.
    Mattermost(MattermostError),
    /// Some other JSON value.
    Json(serde_json::Value),
    /// Not JSON (for example an HTML page from a proxy); the raw bytes.
    Raw(Bytes),
}

impl fmt::Debug for ApiErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiErrorBody::Mattermost(e) => f.debug_tuple("Mattermost").field(e).finish(),
            ApiErrorBody::Json(v) => f
                .debug_tuple("Json")
                .field(&format_args!("{}", redacted_json(v)))
                .finish(),
            ApiErrorBody::Raw(b) => f
                .debug_tuple("Raw")
                .field(&format_args!("<{} bytes>", b.len()))
                .finish(),
        }
    }
}

/// A non-2xx answer from the server.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The body, parsed as far as possible.
    pub body: ApiErrorBody,
    /// The `X-Request-Id` response header, if any.
    pub request_id: Option<String>,
    /// Every response header, repeated ones too. Credential headers (`Authorization`,
    /// `Token`, `Set-Cookie`, ...) are marked sensitive, so `Debug` shows them as `Sensitive`
    /// (see [`crate::mark_sensitive_headers`]).
    pub headers: http::HeaderMap,
}

/// Mattermost's error id for an expired, revoked or unknown session or token
/// (`server/channels/app/session.go`, `server/channels/web/handlers.go`).
pub const SESSION_EXPIRED_ID: &str = "api.context.session_expired.app_error";

/// The rate-limit headers of an answer: `X-RateLimit-Limit`, `X-RateLimit-Remaining`,
/// `X-RateLimit-Reset`, as the server's limiter writes them (`server/channels/app/ratelimit.go`,
/// the `throttled` library's `HTTPRateLimiter`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// `X-RateLimit-Limit`: the burst size, in requests (the server's `MaxBurst + 1`).
    pub limit: u64,
    /// `X-RateLimit-Remaining`: requests left in the burst before the server answers 429.
    pub remaining: u64,
    /// `X-RateLimit-Reset`: the time until the bucket is full again (whole seconds). Not the
    /// time until the next request is allowed: that is `Retry-After` on a 429.
    pub reset: std::time::Duration,
}

impl RateLimit {
    /// Reads the triple from `headers`; `None` unless all three are there and are integers.
    pub fn from_headers(headers: &http::HeaderMap) -> Option<RateLimit> {
        // Names built once: a `&str` key is parsed and validated on every lookup, and this
        // runs on every answer (the client's pacing reads it).
        const LIMIT: http::HeaderName = http::HeaderName::from_static("x-ratelimit-limit");
        const REMAINING: http::HeaderName = http::HeaderName::from_static("x-ratelimit-remaining");
        const RESET: http::HeaderName = http::HeaderName::from_static("x-ratelimit-reset");
        let num = |name: &http::HeaderName| -> Option<u64> {
            headers.get(name)?.to_str().ok()?.trim().parse().ok()
        };
        Some(RateLimit {
            limit: num(&LIMIT)?,
            remaining: num(&REMAINING)?,
            reset: std::time::Duration::from_secs(num(&RESET)?),
        })
    }
}

/// `Retry-After` of `headers` as a wait: delay-seconds, or an HTTP date measured from `now`
/// (a date in the past is a zero wait). `None` if absent or unreadable (RFC 9110 §10.2.3).
pub fn retry_after_from(
    headers: &http::HeaderMap,
    now: std::time::SystemTime,
) -> Option<std::time::Duration> {
    let v = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(std::time::Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(now).unwrap_or_default())
}

impl ApiError {
    /// Builds an API error from a status, headers and raw body.
    pub fn from_parts(status: StatusCode, headers: &http::HeaderMap, body: Bytes) -> Self {
        Self::from_owned_parts(status, headers.clone(), body)
    }

    /// [`ApiError::from_parts`] taking the headers by value (no copy).
    pub fn from_owned_parts(status: StatusCode, headers: http::HeaderMap, body: Bytes) -> Self {
        let request_id = headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = match serde_json::from_slice::<serde_json::Value>(&body) {
            Ok(value) => match serde_json::from_value::<MattermostError>(value.clone()) {
                Ok(e) if !e.id.is_empty() || !e.message.is_empty() => ApiErrorBody::Mattermost(e),
                _ => ApiErrorBody::Json(value),
            },
            Err(_) => ApiErrorBody::Raw(body),
        };
        ApiError {
            status,
            body,
            request_id,
            headers,
        }
    }

    /// The response headers (credential headers marked sensitive).
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }

    /// The server's request id: the `X-Request-Id` header, else the body's `request_id`.
    pub fn request_id(&self) -> Option<&str> {
        match (&self.request_id, &self.body) {
            (Some(id), _) => Some(id),
            (None, ApiErrorBody::Mattermost(e)) if !e.request_id.is_empty() => Some(&e.request_id),
            _ => None,
        }
    }

    /// How long the server asks to wait before trying again (`Retry-After`: seconds, or an
    /// HTTP date measured from now). Mattermost sends it with every 429
    /// (`server/channels/app/ratelimit.go`).
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        retry_after_from(&self.headers, std::time::SystemTime::now())
    }

    /// The `X-RateLimit-Limit/Remaining/Reset` triple, if the answer carried all three.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        RateLimit::from_headers(&self.headers)
    }

    /// True for `429 Too Many Requests` (the server's rate limiter, or a proxy's).
    pub fn is_rate_limited(&self) -> bool {
        self.status == StatusCode::TOO_MANY_REQUESTS
    }

    /// True if the error id is [`SESSION_EXPIRED_ID`]: the session or token is expired,
    /// revoked or unknown (the server does not tell these apart).
    pub fn is_session_expired(&self) -> bool {
        self.id() == Some(SESSION_EXPIRED_ID)
    }

    /// Mattermost's error ID (`api.user.get.app_error`, ...), if the body had one.
    pub fn id(&self) -> Option<&str> {
        match &self.body {
            ApiErrorBody::Mattermost(e) if !e.id.is_empty() => Some(&e.id),
            _ => None,
        }
    }

    /// Mattermost's error message, if the body had one.
    pub fn message(&self) -> Option<&str> {
        match &self.body {
            ApiErrorBody::Mattermost(e) if !e.message.is_empty() => Some(&e.message),
            _ => None,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "API error {}", self.status)?;
        match &self.body {
            // `detailed_error` is left out: it can quote the token (see `MattermostError`).
            ApiErrorBody::Mattermost(e) => write!(f, ": {} ({})", e.message, shown_id(&e.id))?,
            ApiErrorBody::Json(v) => write!(f, ": {}", excerpt(v.to_string().as_bytes()))?,
            ApiErrorBody::Raw(b) => write!(f, ": {}", excerpt(b))?,
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// A 2xx answer whose body did not decode into the endpoint's output type.
///
/// Neither the excerpt nor the reason quotes a string value of the body: a response may carry
/// a secret (an MFA secret, a token, an OAuth client secret), so string values show as `"…"`
/// and only the body's shape, numbers and field names remain.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[error("could not decode {type_name} from a {status} response: {reason}; body starts {excerpt:?}")]
pub struct DecodeError {
    /// The Rust type that was being decoded.
    pub type_name: &'static str,
    /// The HTTP status of the response.
    pub status: StatusCode,
    /// The first bytes of the body with every string value redacted (see the type's docs).
    pub excerpt: String,
    /// What went wrong, with quoted values redacted.
    pub reason: String,
    /// The underlying JSON error, kept only when its message quotes no value of the body.
    #[source]
    pub source: Option<serde_json::Error>,
}

impl DecodeError {
    /// A decode error for `T` from a JSON error.
    pub fn json<T>(status: StatusCode, body: &[u8], err: serde_json::Error) -> Self {
        let message = err.to_string();
        let reason = redact_quoted(&message);
        let source = (reason == message).then_some(err);
        DecodeError {
            type_name: std::any::type_name::<T>(),
            status,
            excerpt: excerpt(body),
            reason,
            source,
        }
    }

    /// A decode error for `T` with a reason.
    pub fn other<T>(status: StatusCode, body: &[u8], reason: impl Into<String>) -> Self {
        DecodeError {
            type_name: std::any::type_name::<T>(),
            status,
            excerpt: excerpt(body),
            reason: redact_quoted(&reason.into()),
            source: None,
        }
    }
}

/// An error id as shown: a translation id (`api.context.session_expired.app_error`) as is,
/// anything else (which is not Mattermost's and may be anything) redacted.
fn shown_id(id: &str) -> &str {
    let translation = id.contains('.')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_'));
    if translation || id.is_empty() {
        id
    } else {
        REDACTED
    }
}

/// What a redacted value shows.
const REDACTED: &str = "<redacted>";

/// The first 200 bytes of a body as text, with every JSON string value replaced by `"…"`
/// (field names are kept); a body that is not JSON shows only its length.
pub(crate) fn excerpt(body: &[u8]) -> String {
    const MAX: usize = 200;
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    if !matches!(start.map(|i| body[i]), Some(b'{' | b'[' | b'"')) {
        return if body.is_empty() {
            String::new()
        } else {
            format!("<{} bytes, not JSON>", body.len())
        };
    }
    let mut s = redact_strings(&body[..body.len().min(MAX)]);
    if body.len() > MAX {
        s.push('…');
    }
    s
}

/// `v` as JSON with its string values redacted.
pub(crate) fn redacted_json(v: &serde_json::Value) -> String {
    redact_strings(v.to_string().as_bytes())
}

/// JSON-ish text with each string that is not an object key replaced by `"…"`. Works on a
/// cut body too: an unterminated string shows as `"…`.
fn redact_strings(text: &[u8]) -> String {
    let mut out = String::with_capacity(text.len().min(256));
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if b != b'"' {
            let next = text[i..]
                .iter()
                .position(|&c| c == b'"')
                .map_or(text.len(), |p| i + p);
            out.push_str(&String::from_utf8_lossy(&text[i..next]));
            i = next;
            continue;
        }
        // A string: find its end, honouring escapes.
        let mut j = i + 1;
        while j < text.len() && text[j] != b'"' {
            j += if text[j] == b'\\' { 2 } else { 1 };
        }
        if j >= text.len() {
            out.push_str("\"…");
            break;
        }
        let after = text[j + 1..].iter().find(|c| !c.is_ascii_whitespace());
        if after == Some(&b':') {
            out.push_str(&String::from_utf8_lossy(&text[i..=j]));
        } else {
            out.push_str("\"…\"");
        }
        i = j + 1;
    }
    out
}

/// A message with each `"quoted"` part, and a `` `value` `` after "variant", replaced by `"…"`:
/// serde quotes the offending value (`invalid type: string "…", expected i64`).
fn redact_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find(['"', '`']) {
        let quote = rest.as_bytes()[open];
        out.push_str(&rest[..open]);
        let tail = &rest[open + 1..];
        let Some(close) = tail.find(char::from(quote)) else {
            out.push_str("\"…");
            return out;
        };
        // Backticks name fields (kept) except after "variant", where they quote a value.
        if quote == b'`' && !out.ends_with("variant ") {
            out.push_str(&rest[open..open + close + 2]);
        } else {
            out.push_str("\"…\"");
        }
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    out
}
