//! Operations as values: the [`Endpoint`] trait, request building and response parsing.

use bytes::Bytes;
use http::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE};
use http::uri::{self, PathAndQuery};
use http::{HeaderMap, Method, Request, Response, Uri};

use crate::base_url::BaseUrl;
use crate::body::Body;
use crate::error::{ApiError, BuildError, Error};
use crate::path::EncodedPath;
use crate::query::Query;
use crate::response::FromResponse;
use crate::secret::Token;

/// Static facts about an endpoint, taken from the API spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointInfo {
    /// The spec's operationId (`GetUser`).
    pub operation_id: &'static str,
    /// The HTTP method (`GET`).
    pub method: &'static str,
    /// The path template below `/api/v4` (`/users/{user_id}`).
    pub path: &'static str,
    /// True if sending the request twice has the effect of sending it once, so a retry
    /// after a `502`/`503`/`504` or a failure after the request may have reached the server
    /// is safe. Decided from the server's handler: by default from the method (`GET`,
    /// `HEAD`, `PUT`, `DELETE` yes; `POST`, `PATCH` no), overridden with the `endpoint!`
    /// macro's `idempotent(..)` clause where the handler says otherwise (a POST that only
    /// reads, such as `GetUsersByIds`; a PUT that checks a value it changes, such as
    /// `UpdateUserPassword`).
    pub idempotent: bool,
}

/// One API operation as a value. Building it does no I/O.
pub trait Endpoint {
    /// What a 2xx response decodes into.
    type Output: FromResponse;

    /// The operation's operationId, method and path template.
    const INFO: EndpointInfo;

    /// The HTTP method.
    fn method(&self) -> Method {
        Method::from_bytes(Self::INFO.method.as_bytes()).unwrap_or(Method::GET)
    }

    /// The path below `/api/v4/`, encoded.
    fn path(&self) -> Result<EncodedPath, BuildError>;

    /// Query parameters.
    fn query(&self) -> Result<Query, BuildError> {
        Ok(Query::default())
    }

    /// The request body.
    fn body(&self) -> Result<Body, BuildError> {
        Ok(Body::Empty)
    }

    /// The `Accept` header to send.
    fn accept(&self) -> &'static str {
        "application/json"
    }

    /// True if a field of the JSON body that names a user may be `""`, because the server
    /// fills it in from the session. `me` is refused in a body regardless; see
    /// [`check_body_user_ids`]. Set with the `endpoint!` macro's optional
    /// `user_ids_may_be_blank(true)` clause.
    const BODY_USER_IDS_MAY_BE_BLANK: bool = false;

    /// False for an operation whose redirect is its answer (`LoginByCwsToken`: a `302`
    /// carrying the session cookie): [`build_request`] then puts
    /// [`NoRedirects`](crate::redirect::NoRedirects) into the request's extensions, and
    /// [`redirect::follow`](crate::redirect::follow) (which every transport of this workspace
    /// uses) sends it once, whatever the transport's redirect setting. Set with the
    /// `endpoint!` macro's `follow_redirects(false)` clause.
    const FOLLOWS_REDIRECTS: bool = true;
}

impl<E: Endpoint + ?Sized> Endpoint for &E {
    type Output = E::Output;
    const INFO: EndpointInfo = E::INFO;
    fn method(&self) -> Method {
        (**self).method()
    }
    fn path(&self) -> Result<EncodedPath, BuildError> {
        (**self).path()
    }
    fn query(&self) -> Result<Query, BuildError> {
        (**self).query()
    }
    fn body(&self) -> Result<Body, BuildError> {
        (**self).body()
    }
    fn accept(&self) -> &'static str {
        (**self).accept()
    }
    const BODY_USER_IDS_MAY_BE_BLANK: bool = E::BODY_USER_IDS_MAY_BE_BLANK;
    const FOLLOWS_REDIRECTS: bool = E::FOLLOWS_REDIRECTS;
}

/// Builds the HTTP request for `ep` against `base`, with `Authorization: Bearer` if `auth`
/// is given. Pure: no I/O.
pub fn build_request<E: Endpoint + ?Sized>(
    ep: &E,
    base: &BaseUrl,
    auth: Option<&Token>,
) -> Result<Request<Bytes>, BuildError> {
    let path = ep.path()?;
    let query = ep.query()?;
    let body = ep.body()?;

    // Only the path and query are new text: the scheme and authority were parsed with the
    // base URL. The root is put in front of the path in the path's own buffer (the builder
    // reserves room), which is not exactly sized, so the `Bytes` below gets its shared
    // header now and the retry layer's copy of the URI only counts a reference.
    let root = base.api_root_path();
    let mut pq = path.into_string();
    pq.insert_str(0, root);
    if !query.is_empty() {
        pq.push('?');
        query.encode_into(&mut pq);
    }
    let invalid = |e: http::Error| BuildError::InvalidUri(e.to_string());
    let mut parts = uri::Parts::default();
    parts.scheme = Some(base.scheme().clone());
    parts.authority = Some(base.authority().clone());
    parts.path_and_query =
        Some(PathAndQuery::from_maybe_shared(Bytes::from(pq)).map_err(|e| invalid(e.into()))?);
    let uri = Uri::from_parts(parts).map_err(|e| invalid(e.into()))?;

    // `new()` reserves room for 6 headers on the first insert: ours plus the `User-Agent` and
    // `Host` a transport adds, so the map never grows (a tight capacity of 3 did).
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static(ep.accept()));
    if let Some(token) = auth {
        headers.insert(AUTHORIZATION, bearer(token)?);
    }
    let method = ep.method();
    let bytes = match body {
        Body::Empty => {
            // Go's net/http (and so the server's own Client4) sends `Content-Length: 0` on a
            // bodiless POST, PUT or PATCH; some proxies refuse such requests without it
            // (411 Length Required). A static value: no allocation.
            if method == Method::POST || method == Method::PUT || method == Method::PATCH {
                headers.insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
            }
            Bytes::new()
        }
        Body::Json(b) => {
            check_body_user_ids(&b, E::BODY_USER_IDS_MAY_BE_BLANK)?;
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            b
        }
        Body::Form(b) => {
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            );
            b
        }
        Body::Multipart(form) => {
            let boundary = form.boundary();
            let ct = HeaderValue::try_from(format!("multipart/form-data; boundary={boundary}"))
                .map_err(|_| BuildError::InvalidHeader("Content-Type"))?;
            headers.insert(CONTENT_TYPE, ct);
            form.encode(&boundary)
        }
    };
    // Filled in place rather than through `Request::builder()`, which moves the whole
    // request head through every step.
    let mut req = Request::new(bytes);
    *req.method_mut() = method;
    *req.uri_mut() = uri;
    *req.headers_mut() = headers;
    if !E::FOLLOWS_REDIRECTS {
        req.extensions_mut().insert(crate::redirect::NoRedirects);
    }
    Ok(req)
}

/// `Bearer <token>`, marked sensitive: the token's own, built once per token.
fn bearer(token: &Token) -> Result<HeaderValue, BuildError> {
    token
        .bearer()
        .ok_or(BuildError::InvalidHeader("Authorization"))
}

/// Turns a response into the endpoint's output: non-2xx becomes [`Error::Api`], a body that
/// does not decode becomes [`Error::Decode`]. Never panics.
pub fn parse_response<E: Endpoint + ?Sized>(resp: Response<Bytes>) -> Result<E::Output, Error> {
    decode_response(resp)
}

/// [`parse_response`] by output type: the status check ([`check_status_for`]), then
/// [`FromResponse`].
pub fn decode_response<T: FromResponse>(resp: Response<Bytes>) -> Result<T, Error> {
    T::from_response(check_status_for::<T>(resp)?).map_err(Error::from)
}

/// [`check_status`] for output type `T`: a response that [`FromResponse::accepts`] (for most
/// outputs: a 2xx) passes, any other becomes the [`ApiError`] it carries. Credential headers
/// are marked sensitive either way.
pub fn check_status_for<T: FromResponse>(
    mut resp: Response<Bytes>,
) -> Result<Response<Bytes>, Error> {
    crate::response::mark_sensitive_headers(resp.headers_mut());
    if T::accepts(&resp) {
        Ok(resp)
    } else {
        let (parts, body) = resp.into_parts();
        Err(ApiError::from_owned_parts(parts.status, parts.headers, body).into())
    }
}

/// Returns the response if its status is 2xx, else the [`ApiError`] it carries. Either way
/// its credential headers are marked sensitive first ([`crate::mark_sensitive_headers`]).
pub fn check_status(mut resp: Response<Bytes>) -> Result<Response<Bytes>, Error> {
    crate::response::mark_sensitive_headers(resp.headers_mut());
    if resp.status().is_success() {
        Ok(resp)
    } else {
        let (parts, body) = resp.into_parts();
        Err(ApiError::from_owned_parts(parts.status, parts.headers, body).into())
    }
}

/// True for a JSON field name that names a user: `user_id`, `*_user_id`, `user_ids`,
/// `*_user_ids`, `creator_id`, `owner_id`.
fn names_a_user(key: &str) -> bool {
    key == "user_id"
        || key.ends_with("_user_id")
        || key == "user_ids"
        || key.ends_with("_user_ids")
        || key == "creator_id"
        || key == "owner_id"
}

/// Refuses a JSON body in which a field that names a user holds `me`, or `""` unless
/// `blank_ok` (see [`Endpoint::BODY_USER_IDS_MAY_BE_BLANK`]).
///
/// `me` is an alias of the path only: in a body the server compares the real ID with the
/// session's or the path's user and answers 403 (`server/channels/app/preference.go` for
/// preferences, `api4/status.go` for statuses), so such a body can only fail. Every request
/// built by [`build_request`] goes through this check, whatever its endpoint; the facade
/// fills in the real ID where it knows it (`set_status`, `set_preferences`, ...).
pub fn check_body_user_ids(body: &[u8], blank_ok: bool) -> Result<(), BuildError> {
    // Cheap first: a body without `"me"` (or `""`) anywhere cannot fail.
    let has = |pat: &[u8]| body.windows(pat.len()).any(|w| w == pat);
    if !has(b"\"me\"") && (blank_ok || !has(b"\"\"")) {
        return Ok(());
    }
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Ok(());
    };
    fn walk(v: &serde_json::Value, blank_ok: bool) -> Result<(), BuildError> {
        use serde_json::Value;
        let bad = |key: &str, s: &str| BuildError::InvalidParam {
            param: "user_id",
            reason: format!(
                "the body field `{key}` is {s:?}; a body needs the user's real 26-character ID"
            ),
        };
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    if names_a_user(k) {
                        let strings: Vec<&str> = match v {
                            Value::String(s) => vec![s.as_str()],
                            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                            _ => Vec::new(),
                        };
                        let refused = |s: &&str| *s == "me" || (!blank_ok && s.is_empty());
                        if let Some(s) = strings.into_iter().find(refused) {
                            return Err(bad(k, s));
                        }
                    }
                    walk(v, blank_ok)?;
                }
                Ok(())
            }
            Value::Array(items) => items.iter().try_for_each(|v| walk(v, blank_ok)),
            _ => Ok(()),
        }
    }
    walk(&value, blank_ok)
}
