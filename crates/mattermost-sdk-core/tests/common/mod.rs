//! Helpers shared by the core's pure test suites: fixed IDs, the base URL, request building
//! and response construction. Nothing here does I/O.
#![allow(dead_code)]

use mattermost_sdk_core::bytes::Bytes;
use mattermost_sdk_core::http::{Request, Response, StatusCode};
use mattermost_sdk_core::{
    build_request, BaseUrl, BuildError, ChannelId, Endpoint, PostId, SessionId, TeamId, Token,
    UserId,
};

/// A user ID (26 characters of `[a-z0-9]`).
pub(crate) const U: &str = "4xp9fdt77pncbef59f4k1qe83o";
/// A second user ID.
pub(crate) const U2: &str = "9rt5n8ccobd6zbfwswzk5mw7sh";
/// A team ID.
pub(crate) const T: &str = "h3f3bh7tb3ye9mzq5aqw5ruz6e";
/// A channel ID.
pub(crate) const C: &str = "dx1xsdjifby7fy8q3fnbfp3srw";
/// A post ID.
pub(crate) const P: &str = "kc6n5ro6xpnxtbwoyz6tpzcnpe";
/// A session ID.
pub(crate) const S: &str = "q7uhyjbbbfdd9c8cpdnr7dq3ka";

/// The base every test builds against.
pub(crate) const BASE: &str = "https://chat.example.com";
/// The API root derived from [`BASE`].
pub(crate) const ROOT: &str = "https://chat.example.com/api/v4/";

pub(crate) fn uid() -> UserId {
    UserId::new(U).unwrap()
}
pub(crate) fn uid2() -> UserId {
    UserId::new(U2).unwrap()
}
pub(crate) fn tid() -> TeamId {
    TeamId::new(T).unwrap()
}
pub(crate) fn cid() -> ChannelId {
    ChannelId::new(C).unwrap()
}
pub(crate) fn pid() -> PostId {
    PostId::new(P).unwrap()
}
pub(crate) fn sid() -> SessionId {
    SessionId::new(S).unwrap()
}

pub(crate) fn base() -> BaseUrl {
    BaseUrl::parse(BASE).unwrap()
}

/// Builds `ep` against [`BASE`] with the token `tok`.
pub(crate) fn try_build<E: Endpoint>(ep: &E) -> Result<Request<Bytes>, BuildError> {
    build_request(ep, &base(), Some(&Token::new("tok")))
}

/// Builds `ep`, panicking (in the test) with the build error if it fails.
pub(crate) fn build<E: Endpoint>(ep: &E) -> Request<Bytes> {
    try_build(ep).unwrap_or_else(|e| panic!("{} did not build: {e}", E::INFO.operation_id))
}

/// The JSON body of a built request.
pub(crate) fn json_body(req: &Request<Bytes>) -> serde_json::Value {
    serde_json::from_slice(req.body()).expect("the body is JSON")
}

/// A response with `status`, the given headers and `body`.
pub(crate) fn response(
    status: u16,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
) -> Response<Bytes> {
    let mut b = Response::builder().status(StatusCode::from_u16(status).unwrap());
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(body.into()).unwrap()
}

/// A JSON response with `status`.
pub(crate) fn json_response(status: u16, body: &serde_json::Value) -> Response<Bytes> {
    response(
        status,
        &[("content-type", "application/json")],
        serde_json::to_vec(body).unwrap(),
    )
}

/// Replaces `{U}`, `{U2}`, `{T}`, `{C}`, `{P}`, `{S}` in `s` with the fixed IDs.
pub(crate) fn ids(s: &str) -> String {
    s.replace("{U2}", U2)
        .replace("{U}", U)
        .replace("{T}", T)
        .replace("{C}", C)
        .replace("{P}", P)
        .replace("{S}", S)
}
