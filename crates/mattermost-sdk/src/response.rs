//! [`Response`]: a decoded value together with the status and headers it came with.

use http::{HeaderMap, StatusCode};

/// A decoded value with the HTTP status and headers of its response.
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// The HTTP status.
    pub status: StatusCode,
    /// All response headers.
    pub headers: HeaderMap,
    /// The decoded value.
    pub value: T,
}

impl<T> Response<T> {
    /// The server's request ID (`X-Request-Id`), for support tickets and logs.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-request-id")
    }

    /// The `ETag` header, if any.
    pub fn etag(&self) -> Option<&str> {
        self.header("etag")
    }

    /// A header's value as text, if present and valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The value, dropping status and headers.
    pub fn into_value(self) -> T {
        self.value
    }

    /// Applies `f` to the value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            value: f(self.value),
        }
    }
}
