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
    // base URL. Sized exactly when there is no query, so the `Bytes` below needs no shared
    // header (`PathAndQuery` keeps the buffer whole).
    let root = base.api_root_path();
    let extra = if query.is_empty() { 0 } else { 32 };
    let mut pq = String::with_capacity(root.len() + path.as_str().len() + extra);
    pq.push_str(root);
    pq.push_str(path.as_str());
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
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
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
    Ok(req)
}

/// `Bearer <token>`, marked sensitive, built in one exactly sized buffer.
fn bearer(token: &Token) -> Result<HeaderValue, BuildError> {
    let token = token.expose().as_bytes();
    let mut buf = Vec::with_capacity(b"Bearer ".len() + token.len());
    buf.extend_from_slice(b"Bearer ");
    buf.extend_from_slice(token);
    let mut value = HeaderValue::from_maybe_shared(Bytes::from(buf))
        .map_err(|_| BuildError::InvalidHeader("Authorization"))?;
    value.set_sensitive(true);
    Ok(value)
}

/// Turns a response into the endpoint's output: non-2xx becomes [`Error::Api`], a body that
/// does not decode becomes [`Error::Decode`]. Never panics.
pub fn parse_response<E: Endpoint + ?Sized>(resp: Response<Bytes>) -> Result<E::Output, Error> {
    decode_response(resp)
}

/// [`parse_response`] by output type: the status check, then [`FromResponse`].
pub fn decode_response<T: FromResponse>(resp: Response<Bytes>) -> Result<T, Error> {
    T::from_response(check_status(resp)?).map_err(Error::from)
}

/// Returns the response if its status is 2xx, else the [`ApiError`] it carries.
pub fn check_status(resp: Response<Bytes>) -> Result<Response<Bytes>, Error> {
    if resp.status().is_success() {
        Ok(resp)
    } else {
        let (parts, body) = resp.into_parts();
        Err(ApiError::from_parts(parts.status, &parts.headers, body).into())
    }
}
