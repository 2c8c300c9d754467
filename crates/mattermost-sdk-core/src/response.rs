//! Decoding responses: [`FromResponse`] and the output types of the combinators.

use bytes::Bytes;
use http::{HeaderMap, Response, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::DecodeError;

/// Turns a 2xx response into a value. Sees status, headers and body.
pub trait FromResponse: Sized {
    /// True if `resp` is an answer this type decodes; any other response becomes an
    /// [`ApiError`](crate::ApiError) before [`from_response`](Self::from_response) runs.
    /// By default a 2xx; an output whose answer is a redirect (the session cookie of
    /// `LoginByCwsToken`'s `302`) widens it.
    fn accepts(resp: &Response<Bytes>) -> bool {
        resp.status().is_success()
    }

    /// Decodes the response.
    fn from_response(resp: Response<Bytes>) -> Result<Self, DecodeError>;
}

/// Decodes JSON bodies into any deserializable type.
impl<T: DeserializeOwned> FromResponse for T {
    fn from_response(resp: Response<Bytes>) -> Result<Self, DecodeError> {
        decode_json(resp.status(), resp.body())
    }
}

/// Decodes `body` as JSON into `T`, with a [`DecodeError`] naming `T` on failure.
pub fn decode_json<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T, DecodeError> {
    serde_json::from_slice(body).map_err(|e| DecodeError::json::<T>(status, body, e))
}

/// The undecoded response: status, headers and bytes (the output of [`crate::raw`]).
///
/// `Debug` shows credential headers as `Sensitive` and the body as a redacted excerpt (JSON
/// string values as `"…"`), since a raw body may carry a secret (an MFA secret, a token).
#[derive(Clone)]
pub struct RawResponse {
    /// The status.
    pub status: StatusCode,
    /// All headers.
    pub headers: HeaderMap,
    /// The body bytes.
    pub body: Bytes,
}

impl std::fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field(
                "body",
                &format_args!(
                    "{} bytes: {}",
                    self.body.len(),
                    crate::error::excerpt(&self.body)
                ),
            )
            .finish()
    }
}

impl FromResponse for RawResponse {
    fn from_response(resp: Response<Bytes>) -> Result<Self, DecodeError> {
        let (mut parts, body) = resp.into_parts();
        // The login token and cookies must not show when the response is debug-printed.
        mark_sensitive_headers(&mut parts.headers);
        Ok(RawResponse {
            status: parts.status,
            headers: parts.headers,
            body,
        })
    }
}

/// The headers that carry a credential: the session token Mattermost answers a login with
/// (`Token`), `Authorization`, `Proxy-Authorization`, and the cookies (`MMAUTHTOKEN`).
pub const CREDENTIAL_HEADERS: &[&str] = &[
    "token",
    "authorization",
    "proxy-authorization",
    "set-cookie",
    "cookie",
];

/// Marks every [`CREDENTIAL_HEADERS`] value sensitive, so `Debug` of the map prints
/// `Sensitive` instead of the value. Every response that passes [`crate::check_status`]
/// (and so every decoded or raw response) is marked; call it on headers you print yourself.
pub fn mark_sensitive_headers(headers: &mut HeaderMap) {
    // One pass over the entries, comparing names (`HeaderName` equality of the standard ones
    // is a tag comparison), instead of a lookup per listed name: `entry()` parses and hashes
    // the name, and reserves room in an empty map. About 2 K instructions per response less.
    for (name, value) in headers.iter_mut() {
        if is_credential(name) {
            value.set_sensitive(true);
        }
    }
}

/// True for a name in [`CREDENTIAL_HEADERS`].
fn is_credential(name: &http::HeaderName) -> bool {
    use http::header::{AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION, SET_COOKIE};
    *name == AUTHORIZATION
        || *name == PROXY_AUTHORIZATION
        || *name == SET_COOKIE
        || *name == COOKIE
        || name.as_str() == "token"
}

/// A response whose body was ignored (the output of [`crate::ignore`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ignored;

impl FromResponse for Ignored {
    fn from_response(_: Response<Bytes>) -> Result<Self, DecodeError> {
        Ok(Ignored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    /// Every listed name is marked, every value of a repeated one too, nothing else.
    #[test]
    fn marks_exactly_the_credential_headers() {
        let mut h = HeaderMap::new();
        for name in CREDENTIAL_HEADERS {
            h.append(*name, HeaderValue::from_static("a"));
            h.append(*name, HeaderValue::from_static("b"));
        }
        h.append("x-request-id", HeaderValue::from_static("r"));
        h.append("content-type", HeaderValue::from_static("application/json"));
        h.append("x-token", HeaderValue::from_static("t"));
        mark_sensitive_headers(&mut h);
        for (name, value) in &h {
            let listed = CREDENTIAL_HEADERS.contains(&name.as_str());
            assert_eq!(value.is_sensitive(), listed, "{name}");
        }
        assert_eq!(h.iter().filter(|(_, v)| v.is_sensitive()).count(), 10);
        // An empty map stays without storage.
        let mut empty = HeaderMap::new();
        mark_sensitive_headers(&mut empty);
        assert_eq!(empty.capacity(), 0);
    }
}
