//! Errors keep their headers (rate limits, `Retry-After`, request id) and say what they are
//! (`is_rate_limited`, `is_session_expired`); every endpoint states whether it is safe to
//! repeat.

use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderMap, Response, StatusCode};
use mattermost_sdk_core::endpoints::{users::GetUser, ALL};
use mattermost_sdk_core::{
    check_status, parse_response, retry_after_from, Error, RateLimit, UserId, SESSION_EXPIRED_ID,
};

fn answer(status: u16, headers: &[(&str, &str)], body: &'static [u8]) -> Response<Bytes> {
    let mut b = Response::builder().status(status);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(Bytes::from_static(body)).unwrap()
}

fn err_of(resp: Response<Bytes>) -> Error {
    parse_response::<GetUser>(resp).unwrap_err()
}

/// The server's limiter answer (`server/channels/app/ratelimit.go`: `http.Error(w,
/// "limit exceeded", 429)` after `setRateLimitHeaders`).
fn limited() -> Response<Bytes> {
    answer(
        429,
        &[
            ("content-type", "text/plain; charset=utf-8"),
            ("x-ratelimit-limit", "11"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1"),
            ("retry-after", "1"),
            ("x-request-id", "req123"),
        ],
        b"limit exceeded\n",
    )
}

#[test]
fn a_429_keeps_its_headers_and_says_it_is_rate_limited() {
    let e = err_of(limited());
    assert!(e.is_rate_limited());
    assert!(!e.is_session_expired());
    assert_eq!(e.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(e.retry_after(), Some(Duration::from_secs(1)));
    let r = e.rate_limit().expect("the triple");
    assert_eq!(
        (r.limit, r.remaining, r.reset),
        (11, 0, Duration::from_secs(1))
    );
    assert_eq!(e.request_id(), Some("req123"));
    let h = e.headers().expect("headers kept");
    assert_eq!(h["content-type"], "text/plain; charset=utf-8");
}

#[test]
fn retry_after_reads_seconds_and_http_dates() {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480); // Wed, 21 Oct 2015 07:28:00 GMT
    let mut h = HeaderMap::new();
    h.insert(
        "retry-after",
        "Wed, 21 Oct 2015 07:28:30 GMT".parse().unwrap(),
    );
    assert_eq!(retry_after_from(&h, now), Some(Duration::from_secs(30)));
    // A date in the past is no wait at all.
    h.insert(
        "retry-after",
        "Wed, 21 Oct 2015 07:27:00 GMT".parse().unwrap(),
    );
    assert_eq!(retry_after_from(&h, now), Some(Duration::ZERO));
    h.insert("retry-after", " 7 ".parse().unwrap());
    assert_eq!(retry_after_from(&h, now), Some(Duration::from_secs(7)));
    h.insert("retry-after", "soon".parse().unwrap());
    assert_eq!(retry_after_from(&h, now), None);
    assert_eq!(retry_after_from(&HeaderMap::new(), now), None);
}

#[test]
fn rate_limit_needs_all_three_integers() {
    let mut h = HeaderMap::new();
    h.insert("x-ratelimit-limit", "10".parse().unwrap());
    h.insert("x-ratelimit-remaining", "3".parse().unwrap());
    assert_eq!(RateLimit::from_headers(&h), None);
    h.insert("x-ratelimit-reset", "x".parse().unwrap());
    assert_eq!(RateLimit::from_headers(&h), None);
    h.insert("x-ratelimit-reset", "4".parse().unwrap());
    let r = RateLimit::from_headers(&h).unwrap();
    assert_eq!(
        (r.limit, r.remaining, r.reset),
        (10, 3, Duration::from_secs(4))
    );
}

#[test]
fn session_expired_is_decided_by_the_error_id_not_the_message() {
    let body = br#"{"id":"api.context.session_expired.app_error","message":"Ungueltige Sitzung","detailed_error":"token=abc","request_id":"r9","status_code":401}"#;
    let e = err_of(answer(401, &[], body));
    assert!(e.is_session_expired());
    assert!(e.is_unauthorized());
    assert_eq!(e.api_error_id(), Some(SESSION_EXPIRED_ID));
    // No header: the body's request id.
    assert_eq!(e.request_id(), Some("r9"));
    // The message alone does not make an expired session.
    let other = br#"{"id":"api.context.invalid_token.error","message":"Invalid or expired session, please login again.","status_code":401}"#;
    let e = err_of(answer(401, &[], other));
    assert!(!e.is_session_expired());
    assert!(!e.is_rate_limited());
}

#[test]
fn credential_headers_of_an_error_stay_redacted_in_debug() {
    let resp = answer(
        401,
        &[
            ("token", "sekrit-token-value"),
            ("set-cookie", "MMAUTHTOKEN=sekrit-cookie"),
        ],
        b"{}",
    );
    let e = check_status(resp).unwrap_err();
    let h = e.headers().unwrap();
    assert_eq!(h["token"], "sekrit-token-value", "kept for programs");
    let shown = format!("{e:?}");
    assert!(!shown.contains("sekrit"), "{shown}");
    assert!(shown.contains("set-cookie"), "{shown}");
}

#[test]
fn other_errors_have_no_headers() {
    let e: Error = mattermost_sdk_core::BuildError::invalid_id("user ID", "x").into();
    assert!(e.headers().is_none() && e.retry_after().is_none() && e.rate_limit().is_none());
    assert!(!e.is_rate_limited() && !e.is_session_expired());
    let _ = UserId::me();
}

/// Retry safety: reads are safe, the POST reads are marked safe after their handlers, and
/// the PUTs that cannot be repeated are marked unsafe.
#[test]
fn every_endpoint_states_its_retry_safety() {
    let safe = |op: &str| {
        ALL.iter()
            .find(|i| i.operation_id == op)
            .unwrap_or_else(|| panic!("{op} not in ALL"))
            .idempotent
    };
    for op in [
        "GetUsersByIds",
        "GetUsersByUsernames",
        "SearchUsers",
        "GetUsersStatusesByIds",
        "GetUsersByGroupChannelIds",
        "AutocompleteUsers",
        "GetUser",
        "UpdateUser",
        "DeleteUser",
    ] {
        assert!(safe(op), "{op} should be safe to repeat");
    }
    for op in [
        "UpdateUserPassword",
        "UpdateUserMfa",
        "CreateUser",
        "Login",
        "RevokeSession",
        "PatchCPAValuesForUser",
    ] {
        assert!(!safe(op), "{op} should not be repeated");
    }
    for info in ALL {
        if info.method == "GET" {
            assert!(info.idempotent, "{} is a GET", info.operation_id);
        }
    }
}
