//! [`RecordedRequest`]: a request as a transport received it, with test helpers.

use std::fmt;

use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::{HeaderMap, Method, Request, Uri};
use serde_json::Value;

use crate::util::{self, RedactedHeaders};

/// One request a [`MockTransport`](crate::MockTransport) received.
///
/// `Debug` shows the method, URI, headers with `Authorization` (and other secrets) redacted,
/// and the body's length only, since bodies may carry passwords.
#[derive(Clone)]
pub struct RecordedRequest {
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
}

impl RecordedRequest {
    /// Records `req` (cheap: the body is reference-counted).
    pub fn new(req: &Request<Bytes>) -> Self {
        RecordedRequest {
            method: req.method().clone(),
            uri: req.uri().clone(),
            headers: req.headers().clone(),
            body: req.body().clone(),
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The full URI as sent (`https://host/api/v4/users/me?page=0`).
    pub fn uri(&self) -> &Uri {
        &self.uri
    }

    /// The URI's path, still percent-encoded (`/api/v4/users/me`).
    pub fn path(&self) -> &str {
        self.uri.path()
    }

    /// The path from `/api/v4` on, without it and without any base URL prefix (`/users/me`).
    pub fn api_path(&self) -> &str {
        util::api_relative(self.uri.path())
    }

    /// The decoded query parameters in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        util::query_pairs(self.uri.query())
    }

    /// The first value of the query parameter `name`, decoded.
    pub fn query(&self, name: &str) -> Option<String> {
        util::query_value(self.uri.query(), name)
    }

    /// All headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The first value of header `name`, if present and valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `Content-Type` header, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.header(CONTENT_TYPE.as_str())
    }

    /// The body bytes.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The body parsed as JSON.
    pub fn json(&self) -> Result<Value, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }

    /// The request as an [`http::Request`] again.
    pub fn to_http(&self) -> Request<Bytes> {
        let mut req = Request::new(self.body.clone());
        *req.method_mut() = self.method.clone();
        *req.uri_mut() = self.uri.clone();
        *req.headers_mut() = self.headers.clone();
        req
    }

    /// One line for messages: method, path, redacted query, content type and body size.
    pub(crate) fn describe(&self) -> String {
        let mut s = format!("{} {}", self.method, self.path());
        let pairs = self.query_pairs();
        if !pairs.is_empty() {
            s.push('?');
            s.push_str(&util::describe_query(&pairs));
        }
        if self.body.is_empty() {
            s.push_str(" (no body");
        } else {
            s.push_str(&format!(" ({} bytes", self.body.len()));
        }
        if let Some(ct) = self.content_type() {
            s.push_str(&format!(", content-type {ct}"));
        }
        s.push(')');
        if let Ok(v) = self.json() {
            s.push_str(&format!(
                " json {}",
                util::truncate(&util::redact_json(&v).to_string(), 300)
            ));
        }
        s
    }
}

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("path", &self.uri.path())
            .field("query", &util::describe_query(&self.query_pairs()))
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_describe_hide_secrets() {
        let req = Request::builder()
            .method(Method::PUT)
            .uri("https://h/api/v4/users/me/password?token=qs-secret")
            .header("Authorization", "Bearer sekrit-token")
            .header("Content-Type", "application/json")
            .body(Bytes::from_static(br#"{"new_password":"hunter22"}"#))
            .unwrap();
        let r = RecordedRequest::new(&req);
        for text in [format!("{r:?}"), r.describe()] {
            assert!(!text.contains("sekrit-token"), "{text}");
            assert!(!text.contains("hunter22"), "{text}");
            assert!(!text.contains("qs-secret"), "{text}");
        }
        assert_eq!(r.api_path(), "/users/me/password");
        assert_eq!(r.json().unwrap()["new_password"], "hunter22");
        assert_eq!(r.to_http().headers().len(), 2);
    }
}
