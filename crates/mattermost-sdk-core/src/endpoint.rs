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
    let has = |pat: &[u8]| memchr::memmem::find(body, pat).is_some();
    if !has(b"\"me\"") && (blank_ok || !has(b"\"\"")) {
        return Ok(());
    }
    // One streaming pass over the body (a user from the server has many `""` fields, so
    // this runs for most bodies that carry a user): keys are compared as they come, only
    // the values of keys that name a user are looked at, nothing is built. Reparsing into a
    // `serde_json::Value` took about two thirds of `build_request(UpdateUser)` (the codec
    // bench: 20–33 µs, against 2.2 µs to serialize the user).
    let refused = std::cell::RefCell::new(None);
    let mut de = serde_json::Deserializer::from_slice(body);
    let walk = BodyWalk {
        blank_ok,
        user: None,
        refused: &refused,
    };
    // A syntax error (a body this check does not apply to) refuses nothing.
    let _ = serde::de::DeserializeSeed::deserialize(walk, &mut de);
    match refused.into_inner() {
        Some((key, value)) => Err(BuildError::InvalidParam {
            param: "user_id",
            reason: format!(
                "the body field `{key}` is {value:?}; a body needs the user's real 26-character ID"
            ),
        }),
        None => Ok(()),
    }
}

/// Walks any JSON value; inside the value of a key that names a user (`user`), a string
/// (or a string in an array) that is `me`, or `""` unless `blank_ok`, is refused.
struct BodyWalk<'k, 'r> {
    blank_ok: bool,
    user: Option<&'k str>,
    /// The first refused field and value; the walk then stops with an error.
    refused: &'r std::cell::RefCell<Option<(String, String)>>,
}

impl BodyWalk<'_, '_> {
    fn check<E: serde::de::Error>(&self, s: &str) -> Result<(), E> {
        match self.user {
            Some(key) if s == "me" || (!self.blank_ok && s.is_empty()) => {
                *self.refused.borrow_mut() = Some((key.to_owned(), s.to_owned()));
                Err(E::custom("refused"))
            }
            _ => Ok(()),
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for BodyWalk<'_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for BodyWalk<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<(), E> {
        self.check(s)
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // An array keeps its key: `user_ids: ["me"]` is refused too.
        while seq
            .next_element_seed(BodyWalk {
                blank_ok: self.blank_ok,
                user: self.user,
                refused: self.refused,
            })?
            .is_some()
        {}
        Ok(())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let user = names_a_user(&key).then_some(&*key);
            map.next_value_seed(BodyWalk {
                blank_ok: self.blank_ok,
                user,
                refused: self.refused,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::check_body_user_ids;

    fn refused(body: &str) -> Option<String> {
        check_body_user_ids(body.as_bytes(), false)
            .err()
            .map(|e| e.to_string())
    }

    #[test]
    fn the_streaming_walk_refuses_what_the_value_walk_refused_and_only_that() {
        let u = "k3j5m1n8b0v2c4x6z9a7s5d3f1";
        // Refused, with the field and the value named.
        let e = refused(r#"{"a":1,"user_id":"me"}"#).expect("me refused");
        assert!(e.contains("`user_id` is \"me\""), "{e}");
        // An escaped key is the key it decodes to.
        assert!(refused(r#"{"user\u005fid":"me"}"#).is_some());
        // Arrays under a user key, objects in arrays, deep nesting.
        assert!(refused(&format!(r#"{{"user_ids":["{u}",""]}}"#)).is_some());
        assert!(refused(r#"[{"x":[{"owner_id":""}]}]"#).is_some());
        assert!(refused(r#"{"channel":{"creator_id":"me","name":"n"}}"#).is_some());
        // Not refused: `me` and `""` outside user fields, even with user-like text around;
        // a user key whose value is an object (its own keys decide); numbers, nulls.
        for ok in [
            format!(r#"{{"user_id":"{u}","message":"me","nickname":"","props":{{"x":""}}}}"#),
            r#"{"message":"\"user_id\":\"me\"","n":null,"f":1.5,"b":true}"#.to_owned(),
            format!(r#"{{"user_id":{{"id":"{u}","name":"me"}}}}"#),
            // Not JSON: nothing to refuse (a refused value before a syntax error is still
            // refused: the walk stops at the first of the two).
            "me".to_owned(),
            format!(r#"{{"user_id":"{u}","#),
        ] {
            assert_eq!(refused(&ok), None, "{ok}");
        }
        // `""` is allowed where the endpoint says the server fills it in; `me` never.
        assert!(check_body_user_ids(br#"{"user_id":""}"#, true).is_ok());
        assert!(check_body_user_ids(br#"{"user_id":"me"}"#, true).is_err());
    }
}
