//! From the absolute-form request [`build_request`](crate::build_request) makes to the
//! origin-form request hyper's low-level client connection wants.

use http::header::{HeaderValue, HOST};
use http::uri::{PathAndQuery, Uri};
use http::Request;

use crate::error::{TransportError, TransportErrorKind};

/// Turns an absolute-form request (`GET https://chat.example.com:8065/api/v4/users/me`) into
/// origin form (`GET /api/v4/users/me` with `Host: chat.example.com:8065`).
///
/// Requests from [`build_request`](crate::build_request) carry the whole URL in the URI and no
/// `Host` header, which is what pooled clients (hyper-util's, reqwest) want: they pick the
/// connection from the URI and write the `Host` header themselves. hyper's low-level
/// `hyper::client::conn::http1::SendRequest` sends the URI exactly as given and adds no
/// `Host`, so a transport built on it calls this first (and connects to the authority the
/// original URI names, which it should read before converting).
///
/// A `Host` header already on the request is kept; user information (`user:pass@`) never goes
/// into it. A request that is already in origin form is returned unchanged if it has a `Host`
/// header.
///
/// # Errors
///
/// [`TransportErrorKind::Other`] if the URI has no authority and the request no `Host` header,
/// or the authority is not a valid header value.
///
/// ```
/// use mattermost_sdk_core::http::Request;
/// use mattermost_sdk_core::transport_support::to_origin_form;
///
/// let req = Request::get("http://localhost:8065/api/v4/users/me?a=1").body(()).unwrap();
/// let req = to_origin_form(req).unwrap();
/// assert_eq!(req.uri(), "/api/v4/users/me?a=1");
/// assert_eq!(req.headers()["host"], "localhost:8065");
/// ```
pub fn to_origin_form<B>(mut req: Request<B>) -> Result<Request<B>, TransportError> {
    if !req.headers().contains_key(HOST) {
        let authority = req.uri().authority().ok_or_else(|| {
            TransportError::new(
                TransportErrorKind::Other,
                "the request URI has no authority and the request no Host header",
            )
        })?;
        // `Authority::as_str` includes user information; `Host` never does.
        let host = authority
            .as_str()
            .rsplit_once('@')
            .map_or(authority.as_str(), |(_, host)| host);
        let value = HeaderValue::from_str(host).map_err(|_| {
            TransportError::new(
                TransportErrorKind::Other,
                "the URI's authority is not a valid Host",
            )
        })?;
        req.headers_mut().insert(HOST, value);
    }
    let path = req
        .uri()
        .path_and_query()
        .cloned()
        .unwrap_or_else(|| PathAndQuery::from_static("/"));
    *req.uri_mut() = Uri::from(path);
    Ok(req)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(uri: &str) -> Request<()> {
        Request::get(uri).body(()).unwrap()
    }

    #[test]
    fn keeps_path_query_and_port() {
        let req = to_origin_form(get(
            "https://chat.example.com/api/v4/users?page=2&per_page=5",
        ))
        .unwrap();
        assert_eq!(req.uri(), "/api/v4/users?page=2&per_page=5");
        assert_eq!(req.uri().scheme(), None);
        assert_eq!(req.headers()[HOST], "chat.example.com");

        let req = to_origin_form(get("http://[::1]:8065/api/v4/system/ping")).unwrap();
        assert_eq!(req.uri(), "/api/v4/system/ping");
        assert_eq!(req.headers()[HOST], "[::1]:8065");
    }

    #[test]
    fn user_information_never_reaches_host() {
        let req = to_origin_form(get("http://user:secret@example.com:81/x")).unwrap();
        assert_eq!(req.headers()[HOST], "example.com:81");
        assert_eq!(req.uri(), "/x");
    }

    #[test]
    fn an_existing_host_is_kept_and_an_authority_is_needed() {
        let mut req = get("http://example.com/x");
        req.headers_mut()
            .insert(HOST, HeaderValue::from_static("virtual.example.org"));
        let req = to_origin_form(req).unwrap();
        assert_eq!(req.headers()[HOST], "virtual.example.org");
        assert_eq!(req.headers().get_all(HOST).iter().count(), 1);

        let err = to_origin_form(get("/api/v4/users/me")).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Other);

        let mut req = get("/api/v4/users/me");
        req.headers_mut()
            .insert(HOST, HeaderValue::from_static("example.com"));
        assert_eq!(to_origin_form(req).unwrap().uri(), "/api/v4/users/me");
    }

    #[test]
    fn an_empty_path_becomes_slash() {
        let req = to_origin_form(get("http://example.com")).unwrap();
        assert_eq!(req.uri(), "/");
    }
}
