//! Redirect following shared by every transport, so they all behave the same.
//!
//! Pure logic, no I/O and no runtime: [`next_request`] computes the request a redirect leads
//! to, and [`follow`] drives any "send once" function through a chain of redirects.
//!
//! The rules (the same as browsers and `reqwest`'s default policy):
//!
//! - `301`, `302` and `303` turn the request into a `GET` without a body (a `GET` or `HEAD`
//!   keeps its method), and drop the body's headers (`Content-Type`, `Content-Length`, ...);
//! - `307` and `308` keep the method and the body;
//! - a relative `Location` is resolved against the current URL, and its fragment is dropped;
//! - when the new URL's origin (scheme, host, port) differs from the current one,
//!   `Authorization`, `Cookie` and `Proxy-Authorization` are removed, so credentials never
//!   reach another origin (and, once removed, never come back on a later hop);
//! - a redirect without a `Location`, or any other `3xx`, is not followed: the response is
//!   returned as is;
//! - a `Location` that is not a valid `http`/`https` URL, or that carries credentials, or a
//!   chain longer than the allowed number of hops, is a [`TransportErrorKind::Redirect`] error.
//!
//! ```
//! use bytes::Bytes;
//! use http::{header, HeaderValue, Method, Request, StatusCode};
//! use mattermost_sdk_core::redirect::next_request;
//!
//! let req = Request::post("https://a.example/api/v4/users")
//!     .header(header::AUTHORIZATION, "Bearer secret")
//!     .body(Bytes::from_static(b"{}"))
//!     .unwrap();
//! let location = HeaderValue::from_static("https://b.example/elsewhere");
//! let next = next_request(&req, StatusCode::SEE_OTHER, Some(&location)).unwrap().unwrap();
//! assert_eq!(next.method(), Method::GET);
//! assert_eq!(next.uri(), "https://b.example/elsewhere");
//! assert!(next.headers().get(header::AUTHORIZATION).is_none());
//! assert!(next.body().is_empty());
//! ```

use std::future::Future;

use bytes::Bytes;
use http::header::{
    HeaderValue, AUTHORIZATION, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, HOST,
    LOCATION, PROXY_AUTHORIZATION, TRANSFER_ENCODING,
};
use http::{Method, Request, Response, StatusCode};

use crate::error::{TransportError, TransportErrorKind};

/// A request extension that says "do not follow a redirect": [`follow`] sends a request
/// carrying it once and returns its `3xx` as is, whatever `max_hops` says.
/// [`build_request`](crate::build_request) adds it for an endpoint whose redirect is its
/// answer ([`Endpoint::FOLLOWS_REDIRECTS`](crate::Endpoint::FOLLOWS_REDIRECTS) false: the
/// `302` of `LoginByCwsToken` carries the session cookie, and following it would lose it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoRedirects;

/// Headers that carry credentials and are removed when a redirect changes origin.
const CREDENTIAL_HEADERS: [http::HeaderName; 3] = [AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION];

/// Headers that describe the body and are removed when a redirect drops it.
const BODY_HEADERS: [http::HeaderName; 4] = [
    CONTENT_TYPE,
    CONTENT_LENGTH,
    CONTENT_ENCODING,
    TRANSFER_ENCODING,
];

fn redirect_error(message: impl Into<String>) -> TransportError {
    TransportError::new(TransportErrorKind::Redirect, message)
}

/// Copies a request: method, URI, version, headers and body (extensions are not copied).
///
/// Cheap: the body is a reference-counted [`Bytes`].
pub fn clone_request(req: &Request<Bytes>) -> Request<Bytes> {
    let mut out = Request::new(req.body().clone());
    *out.method_mut() = req.method().clone();
    *out.uri_mut() = req.uri().clone();
    *out.version_mut() = req.version();
    *out.headers_mut() = req.headers().clone();
    out
}

/// The request that a redirect response leads to, if it should be followed.
///
/// `current` is the request that received the response, `status` and `location` come from
/// the response. Returns `Ok(None)` when the response is not a followable redirect (not
/// `301`/`302`/`303`/`307`/`308`, or no `Location`), and an error of kind
/// [`TransportErrorKind::Redirect`] when `Location` cannot be followed. See the
/// [module documentation](self) for the rules.
pub fn next_request(
    current: &Request<Bytes>,
    status: StatusCode,
    location: Option<&HeaderValue>,
) -> Result<Option<Request<Bytes>>, TransportError> {
    let drops_body = match status {
        StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND | StatusCode::SEE_OTHER => true,
        StatusCode::TEMPORARY_REDIRECT | StatusCode::PERMANENT_REDIRECT => false,
        _ => return Ok(None),
    };
    let Some(location) = location else {
        return Ok(None);
    };
    let location = location
        .to_str()
        .map_err(|_| redirect_error(format!("{status} with a Location that is not ASCII text")))?;
    let base = url::Url::parse(&current.uri().to_string())
        .map_err(|e| redirect_error(format!("the request URL is not absolute: {e}")))?;
    let mut target = base
        .join(location)
        .map_err(|e| redirect_error(format!("invalid Location {location:?}: {e}")))?;
    if target.scheme() != "http" && target.scheme() != "https" {
        return Err(redirect_error(format!(
            "refusing to follow a redirect to the {:?} scheme",
            target.scheme()
        )));
    }
    if !target.username().is_empty() || target.password().is_some() {
        return Err(redirect_error(
            "refusing to follow a redirect to a URL with credentials",
        ));
    }
    target.set_fragment(None);
    let uri = http::Uri::try_from(target.as_str())
        .map_err(|e| redirect_error(format!("invalid Location {location:?}: {e}")))?;

    let mut next = clone_request(current);
    *next.uri_mut() = uri;
    // The transport sets `Host` for the new authority.
    next.headers_mut().remove(HOST);
    if base.origin() != target.origin() {
        for name in &CREDENTIAL_HEADERS {
            next.headers_mut().remove(name);
        }
    }
    if drops_body {
        if current.method() != Method::GET && current.method() != Method::HEAD {
            *next.method_mut() = Method::GET;
        }
        *next.body_mut() = Bytes::new();
        for name in &BODY_HEADERS {
            next.headers_mut().remove(name);
        }
    }
    Ok(Some(next))
}

/// Sends `req` with `send_once`, following up to `max_hops` redirects.
///
/// With `max_hops == 0`, or for a request carrying [`NoRedirects`] in its extensions, no
/// redirect is followed and a `3xx` is returned as is. When the
/// response after `max_hops` redirects is still a redirect, the result is an error of kind
/// [`TransportErrorKind::Redirect`]. Errors from `send_once` are returned unchanged.
pub async fn follow<F, Fut>(
    req: Request<Bytes>,
    max_hops: usize,
    mut send_once: F,
) -> Result<Response<Bytes>, TransportError>
where
    F: FnMut(Request<Bytes>) -> Fut,
    Fut: Future<Output = Result<Response<Bytes>, TransportError>>,
{
    if max_hops == 0 || req.extensions().get::<NoRedirects>().is_some() {
        return send_once(req).await;
    }
    let mut current = req;
    let mut hops = 0usize;
    loop {
        let resp = send_once(clone_request(&current)).await?;
        match next_request(&current, resp.status(), resp.headers().get(LOCATION))? {
            None => return Ok(resp),
            Some(_) if hops >= max_hops => {
                return Err(redirect_error(format!(
                    "too many redirects (more than {max_hops})"
                )));
            }
            Some(next) => {
                hops += 1;
                current = next;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    fn req(method: Method, uri: &str) -> Request<Bytes> {
        Request::builder()
            .method(method)
            .uri(uri)
            .header(AUTHORIZATION, "Bearer secret-token")
            .header(COOKIE, "MMAUTHTOKEN=secret-token")
            .header(CONTENT_TYPE, "application/json")
            .header(HOST, "a.example")
            .header("x-custom", "kept")
            .body(Bytes::from_static(b"{\"a\":1}"))
            .unwrap()
    }

    fn next(r: &Request<Bytes>, status: u16, loc: &str) -> Request<Bytes> {
        let loc = HeaderValue::from_str(loc).unwrap();
        next_request(r, StatusCode::from_u16(status).unwrap(), Some(&loc))
            .unwrap()
            .expect("a followable redirect")
    }

    fn redirect_err(r: &Request<Bytes>, loc: &[u8]) -> TransportError {
        let loc = HeaderValue::from_bytes(loc).unwrap();
        next_request(r, StatusCode::FOUND, Some(&loc)).unwrap_err()
    }

    #[test]
    fn see_other_found_and_moved_turn_post_into_get_without_body() {
        for status in [301, 302, 303] {
            let n = next(&req(Method::POST, "http://a.example/x"), status, "/y");
            assert_eq!(n.method(), Method::GET, "{status}");
            assert!(n.body().is_empty(), "{status}");
            assert!(n.headers().get(CONTENT_TYPE).is_none(), "{status}");
            assert_eq!(n.headers()["x-custom"], "kept");
        }
    }

    #[test]
    fn get_and_head_keep_their_method() {
        for m in [Method::GET, Method::HEAD] {
            let n = next(&req(m.clone(), "http://a.example/x"), 302, "/y");
            assert_eq!(n.method(), m);
            assert!(n.body().is_empty());
        }
    }

    #[test]
    fn temporary_and_permanent_keep_method_and_body() {
        for status in [307, 308] {
            let n = next(&req(Method::PUT, "http://a.example/x"), status, "/y");
            assert_eq!(n.method(), Method::PUT);
            assert_eq!(n.body().as_ref(), b"{\"a\":1}");
            assert_eq!(n.headers()[CONTENT_TYPE], "application/json");
        }
    }

    #[test]
    fn relative_locations_are_resolved_and_fragments_dropped() {
        let r = req(Method::GET, "http://a.example:8065/api/v4/users/me?x=1");
        let cases = [
            ("/login", "http://a.example:8065/login"),
            ("teams", "http://a.example:8065/api/v4/users/teams"),
            ("../x?y=2#frag", "http://a.example:8065/api/v4/x?y=2"),
            ("//b.example/p", "http://b.example/p"),
            ("https://c.example/q", "https://c.example/q"),
        ];
        for (loc, want) in cases {
            assert_eq!(next(&r, 302, loc).uri(), want, "{loc}");
        }
    }

    #[test]
    fn same_origin_keeps_credentials() {
        let n = next(
            &req(Method::GET, "http://a.example/x"),
            307,
            "http://A.EXAMPLE:80/y",
        );
        assert_eq!(n.headers()[AUTHORIZATION], "Bearer secret-token");
        assert_eq!(n.headers()[COOKIE], "MMAUTHTOKEN=secret-token");
        assert!(n.headers().get(HOST).is_none());
    }

    #[test]
    fn cross_origin_strips_credentials() {
        let r = req(Method::GET, "http://a.example:8065/x");
        for loc in [
            "http://b.example:8065/x",
            "http://a.example:8066/x",
            "https://a.example:8065/x",
        ] {
            let n = next(&r, 307, loc);
            assert!(n.headers().get(AUTHORIZATION).is_none(), "{loc}");
            assert!(n.headers().get(COOKIE).is_none(), "{loc}");
            assert_eq!(n.headers()["x-custom"], "kept");
        }
    }

    #[test]
    fn other_statuses_and_missing_location_are_not_followed() {
        let r = req(Method::GET, "http://a.example/x");
        let loc = HeaderValue::from_static("/y");
        for status in [200u16, 300, 304, 305, 404] {
            let status = StatusCode::from_u16(status).unwrap();
            assert!(next_request(&r, status, Some(&loc)).unwrap().is_none());
        }
        assert!(next_request(&r, StatusCode::FOUND, None).unwrap().is_none());
    }

    #[test]
    fn unfollowable_locations_are_redirect_errors() {
        let r = req(Method::GET, "http://a.example/x");
        for loc in [
            &b"ftp://a.example/f"[..],
            b"http://user:pw@a.example/",
            b"http://[::1",
            b"\xff",
        ] {
            let e = redirect_err(&r, loc);
            assert_eq!(e.kind(), TransportErrorKind::Redirect);
            assert!(!e.to_string().contains("secret-token"));
        }
    }

    /// Polls a future that never waits (the fake sender below is synchronous).
    fn block_on<F: Future>(fut: F) -> F::Output {
        let mut fut = pin!(fut);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
                return out;
            }
        }
    }

    /// A sender that answers `/hopN` with a redirect to `/hop{N+1}` until `/hop{last}`.
    fn chain(
        last: usize,
        seen: &RefCell<Vec<Request<Bytes>>>,
        req: Request<Bytes>,
    ) -> Result<Response<Bytes>, TransportError> {
        let n: usize = req.uri().path().trim_start_matches("/hop").parse().unwrap();
        seen.borrow_mut().push(req);
        let mut resp = Response::new(Bytes::from_static(b"body"));
        if n < last {
            *resp.status_mut() = StatusCode::FOUND;
            let loc = HeaderValue::from_str(&format!("/hop{}", n + 1)).unwrap();
            resp.headers_mut().insert(LOCATION, loc);
        }
        Ok(resp)
    }

    #[test]
    fn follow_stops_at_the_final_response() {
        let seen = RefCell::new(Vec::new());
        let first = req(Method::POST, "http://a.example/hop0");
        let resp = block_on(follow(first, 5, |r| std::future::ready(chain(3, &seen, r)))).unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        let seen = seen.into_inner();
        assert_eq!(seen.len(), 4);
        assert_eq!(seen[0].method(), Method::POST);
        assert_eq!(seen[3].method(), Method::GET);
        assert_eq!(seen[3].uri(), "http://a.example/hop3");
    }

    #[test]
    fn follow_with_zero_hops_returns_the_redirect() {
        let seen = RefCell::new(Vec::new());
        let first = req(Method::GET, "http://a.example/hop0");
        let resp = block_on(follow(first, 0, |r| std::future::ready(chain(3, &seen, r)))).unwrap();
        assert_eq!(resp.status(), StatusCode::FOUND);
        assert_eq!(seen.borrow().len(), 1);
    }

    #[test]
    fn follow_fails_after_too_many_hops() {
        let seen = RefCell::new(Vec::new());
        let first = req(Method::GET, "http://a.example/hop0");
        let err = block_on(follow(first, 2, |r| std::future::ready(chain(9, &seen, r))));
        assert_eq!(err.unwrap_err().kind(), TransportErrorKind::Redirect);
        assert_eq!(seen.borrow().len(), 3);
        // Exactly enough hops is fine.
        let seen = RefCell::new(Vec::new());
        let first = req(Method::GET, "http://a.example/hop0");
        let ok = block_on(follow(first, 2, |r| std::future::ready(chain(2, &seen, r))));
        assert_eq!(ok.unwrap().status(), StatusCode::OK);
    }
}
