//! `MockTransport`: matching, recording, error messages and verification.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use bytes::Bytes;
use http::{Method, Request, Response};
use mattermost_sdk_core::endpoints::users::{GetUser, UpdateUserRoles};
use mattermost_sdk_core::models::{Role, StatusOk, User};
use mattermost_sdk_core::{
    build_request, parse_response, BaseUrl, DynTransport, Token, Transport, TransportError,
    TransportErrorKind, UserId,
};
use mattermost_sdk_mock::MockTransport;
use serde_json::json;

const U: &str = "u1u1u1u1u1u1u1u1u1u1u1u1u1";

/// Runs a future that is ready at once (the mock never waits).
fn now<F: Future>(fut: F) -> F::Output {
    match pin!(fut).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("the mock's future was not ready"),
    }
}

fn send(mock: &MockTransport, req: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
    now(mock.send(req))
}

fn req(method: Method, uri: &str) -> http::request::Builder {
    Request::builder().method(method).uri(uri)
}

fn json_req(method: Method, uri: &str, body: &str) -> Request<Bytes> {
    req(method, uri)
        .header("content-type", "application/json")
        .body(Bytes::from(body.to_owned()))
        .unwrap()
}

fn empty(method: Method, uri: &str) -> Request<Bytes> {
    req(method, uri).body(Bytes::new()).unwrap()
}

#[test]
fn answers_a_matching_request_and_records_it() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/users/me")
        .header("authorization", "Bearer t")
        .respond_json(200, json!({"id": U, "username": "alice"}));
    let resp = send(
        &mock,
        req(Method::GET, "https://chat.example.com/api/v4/users/me")
            .header("Authorization", "Bearer t")
            .body(Bytes::new())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/json");
    let v: serde_json::Value = serde_json::from_slice(resp.body()).unwrap();
    assert_eq!(v["username"], "alice");
    assert_eq!(mock.request_count(), 1);
    let last = mock.last_request().unwrap();
    assert_eq!(last.method(), Method::GET);
    assert_eq!(last.api_path(), "/users/me");
    assert_eq!(last.header("authorization"), Some("Bearer t"));
    mock.verify();
}

#[test]
fn works_with_core_endpoints_and_a_prefixed_base_url() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/users/me")
        .no_body()
        .respond_json(200, json!({"id": U, "username": "alice"}));
    mock.expect(Method::PUT, &format!("/api/v4/users/{U}/roles"))
        .json_body(json!({"roles": "system_user system_admin"}))
        .respond_json(200, json!({"status": "OK"}));
    let base = BaseUrl::parse("https://host/chat").unwrap();
    let token = Token::new("t");
    let r = build_request(&GetUser::new(UserId::me()), &base, Some(&token)).unwrap();
    let user: User = parse_response::<GetUser>(send(&mock, r).unwrap()).unwrap();
    assert_eq!(user.username, "alice");
    let ep = UpdateUserRoles::new(
        UserId::new(U).unwrap(),
        vec![Role::SystemUser, Role::SystemAdmin],
    );
    let r = build_request(&ep, &base, Some(&token)).unwrap();
    let ok: StatusOk = parse_response::<UpdateUserRoles>(send(&mock, r).unwrap()).unwrap();
    assert!(ok.is_ok());
    mock.verify();
}

#[test]
fn query_is_compared_as_a_set() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/users/me/posts/flagged")
        .query([("per_page", "60"), ("page", "0")])
        .times(2)
        .respond_status(200);
    // Order does not matter.
    assert!(send(
        &mock,
        empty(
            Method::GET,
            "http://h/api/v4/users/me/posts/flagged?page=0&per_page=60"
        )
    )
    .is_ok());
    assert!(send(
        &mock,
        empty(
            Method::GET,
            "http://h/api/v4/users/me/posts/flagged?per_page=60&page=0"
        )
    )
    .is_ok());
    mock.verify();

    mock.expect(
        Method::GET,
        "/api/v4/users/me/posts/flagged?page=0&per_page=60",
    )
    .respond_status(200);
    // Missing or extra pairs do not match.
    let err = send(
        &mock,
        empty(Method::GET, "http://h/api/v4/users/me/posts/flagged?page=0"),
    )
    .unwrap_err();
    assert!(err.message().contains("query differs"), "{}", err.message());
    let err = send(
        &mock,
        empty(
            Method::GET,
            "http://h/api/v4/users/me/posts/flagged?page=0&per_page=60&x=1",
        ),
    )
    .unwrap_err();
    assert!(err.message().contains("query differs"), "{}", err.message());
    // Percent-encoding is decoded before comparing.
    assert!(send(
        &mock,
        empty(
            Method::GET,
            "http://h/api/v4/users/me/posts/flagged?page=%30&per_page=60"
        )
    )
    .is_ok());
    mock.checkpoint_unchecked();
}

#[test]
fn no_query_matcher_means_no_query_and_any_query_means_any() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_status(200);
    assert!(send(&mock, empty(Method::GET, "http://h/api/v4/users/me?page=0")).is_err());
    assert!(send(&mock, empty(Method::GET, "http://h/api/v4/users/me")).is_ok());
    mock.expect(Method::GET, "/api/v4/users/me")
        .any_query()
        .times(2)
        .respond_status(200);
    assert!(send(&mock, empty(Method::GET, "http://h/api/v4/users/me?page=0")).is_ok());
    assert!(send(&mock, empty(Method::GET, "http://h/api/v4/users/me")).is_ok());
    mock.checkpoint_unchecked();
}

#[test]
fn json_bodies_are_compared_semantically() {
    let mock = MockTransport::new();
    mock.expect(Method::PUT, "/api/v4/users/me/status")
        .json_body(json!({"user_id": U, "status": "online", "extra": [1, 2]}))
        .respond_json(200, json!({}));
    let body = format!("{{ \"extra\" : [1,2],\n \"status\":\"online\", \"user_id\": \"{U}\" }}");
    assert!(send(
        &mock,
        json_req(Method::PUT, "http://h/api/v4/users/me/status", &body)
    )
    .is_ok());
    mock.verify();

    mock.expect(Method::PUT, "/api/v4/users/me/status")
        .json_body(json!({"status": "online"}))
        .respond_status(200);
    let err = send(
        &mock,
        json_req(
            Method::PUT,
            "http://h/api/v4/users/me/status",
            r#"{"status":"away"}"#,
        ),
    )
    .unwrap_err();
    assert!(
        err.message().contains("json body differs"),
        "{}",
        err.message()
    );
    // A JSON body needs a JSON content type.
    let no_ct = req(Method::PUT, "http://h/api/v4/users/me/status")
        .body(Bytes::from_static(br#"{"status":"online"}"#));
    let err = send(&mock, no_ct.unwrap()).unwrap_err();
    assert!(err.message().contains("content-type"), "{}", err.message());
    mock.checkpoint_unchecked();
}

#[test]
fn no_body_rejects_bytes_and_content_type() {
    let mock = MockTransport::new();
    mock.expect(Method::POST, "/api/v4/users/me/sessions/revoke/all")
        .no_body()
        .respond_status(200);
    let with_body = json_req(
        Method::POST,
        "http://h/api/v4/users/me/sessions/revoke/all",
        "{}",
    );
    assert!(send(&mock, with_body).is_err());
    let with_ct = req(Method::POST, "http://h/api/v4/users/me/sessions/revoke/all")
        .header("content-type", "application/json")
        .body(Bytes::new())
        .unwrap();
    assert!(send(&mock, with_ct).is_err());
    assert!(send(
        &mock,
        empty(Method::POST, "http://h/api/v4/users/me/sessions/revoke/all")
    )
    .is_ok());
    mock.checkpoint_unchecked();
}

#[test]
fn body_bytes_headers_and_predicates() {
    let mock = MockTransport::new();
    mock.expect(Method::POST, "/api/v4/users/me/image")
        .header("x-test", "1")
        .body_bytes(&b"raw"[..])
        .matching("has a content type", |r| r.content_type().is_some())
        .respond_status(200);
    let good = || {
        req(Method::POST, "http://h/api/v4/users/me/image")
            .header("x-test", "1")
            .header("content-type", "application/octet-stream")
            .body(Bytes::from_static(b"raw"))
            .unwrap()
    };
    let mut no_header = good();
    no_header.headers_mut().remove("x-test");
    let err = send(&mock, no_header).unwrap_err();
    assert!(err.message().contains("header x-test"), "{}", err.message());
    let mut no_ct = good();
    no_ct.headers_mut().remove("content-type");
    let err = send(&mock, no_ct).unwrap_err();
    assert!(
        err.message().contains("has a content type"),
        "{}",
        err.message()
    );
    assert!(send(&mock, good()).is_ok());
    mock.checkpoint_unchecked();
}

#[test]
fn paths_are_compared_decoded_segment_by_segment() {
    let mock = MockTransport::new();
    mock.expect(
        Method::DELETE,
        &format!("/api/v4/users/{U}/posts/{U}/reactions/+1"),
    )
    .respond_status(200);
    let uri = format!("http://h/api/v4/users/{U}/posts/{U}/reactions/%2B1");
    assert!(send(&mock, empty(Method::DELETE, &uri)).is_ok());
    mock.verify();
}

#[test]
fn responses_of_every_kind() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/a")
        .respond_bytes(200, "image/png", &b"\x89PNG"[..]);
    mock.expect(Method::GET, "/b")
        .response_header("Token", "abc")
        .response_header("X-Request-Id", "r1")
        .respond_status(201);
    mock.expect(Method::GET, "/c")
        .response_header("X-Extra", "yes")
        .respond(
            Response::builder()
                .status(418)
                .header("x-own", "1")
                .body(Bytes::from_static(b"tea"))
                .unwrap(),
        );
    mock.expect(Method::GET, "/d")
        .respond_error(TransportErrorKind::Timeout, "too slow");

    let a = send(&mock, empty(Method::GET, "http://h/api/v4/a")).unwrap();
    assert_eq!(
        (
            a.status().as_u16(),
            a.headers()["content-type"].to_str().unwrap()
        ),
        (200, "image/png")
    );
    assert_eq!(&a.body()[..], b"\x89PNG");
    let b = send(&mock, empty(Method::GET, "http://h/api/v4/b")).unwrap();
    assert_eq!(b.status(), 201);
    assert_eq!(b.headers()["token"], "abc");
    assert_eq!(b.headers()["x-request-id"], "r1");
    assert!(b.body().is_empty());
    let c = send(&mock, empty(Method::GET, "http://h/api/v4/c")).unwrap();
    assert_eq!(c.status(), 418);
    assert_eq!(
        (
            c.headers()["x-own"].to_str().unwrap(),
            c.headers()["x-extra"].to_str().unwrap()
        ),
        ("1", "yes")
    );
    let d = send(&mock, empty(Method::GET, "http://h/api/v4/d")).unwrap_err();
    assert_eq!(d.kind(), TransportErrorKind::Timeout);
    assert_eq!(d.message(), "too slow");
    mock.verify();
}

#[test]
fn first_pending_match_wins_and_times_limits_use() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/users/me")
        .times(2)
        .respond_json(200, json!({"n": 1}));
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_json(200, json!({"n": 2}));
    let n = |r: Response<Bytes>| {
        serde_json::from_slice::<serde_json::Value>(r.body()).unwrap()["n"].clone()
    };
    assert_eq!(
        n(send(&mock, empty(Method::GET, "http://h/api/v4/users/me")).unwrap()),
        1
    );
    assert_eq!(
        n(send(&mock, empty(Method::GET, "http://h/api/v4/users/me")).unwrap()),
        1
    );
    assert_eq!(
        n(send(&mock, empty(Method::GET, "http://h/api/v4/users/me")).unwrap()),
        2
    );
    let err = send(&mock, empty(Method::GET, "http://h/api/v4/users/me")).unwrap_err();
    assert!(
        err.message().contains("no pending expectations"),
        "{}",
        err.message()
    );
    assert_eq!(mock.requests().len(), 4);
    assert!(mock
        .try_verify()
        .unwrap_err()
        .contains("unexpected requests (1)"));
    mock.checkpoint_unchecked();
    mock.verify();
}

#[test]
fn unexpected_request_error_describes_it_without_secrets() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/users/me/teams")
        .header("authorization", "Bearer expected-secret-token")
        .respond_status(200);
    let r = req(Method::PUT, "https://h/api/v4/users/me/password?page=3")
        .header("Authorization", "Bearer sekrit-token-123")
        .header("content-type", "application/json")
        .body(Bytes::from_static(
            br#"{"current_password":"hunter22","new_password":"hunter33"}"#,
        ))
        .unwrap();
    let err = send(&mock, r).unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Other);
    let text = format!("{err} {err:?}");
    for needle in [
        "PUT",
        "/api/v4/users/me/password",
        "page=3",
        "GET /api/v4/users/me/teams",
        "method differs",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from {text}");
    }
    for secret in [
        "sekrit-token-123",
        "expected-secret-token",
        "hunter22",
        "hunter33",
    ] {
        assert!(!text.contains(secret), "{secret:?} leaked in {text}");
    }
    let dbg = format!("{mock:?} {:?}", mock.requests());
    for secret in ["sekrit-token-123", "expected-secret-token", "hunter22"] {
        assert!(!dbg.contains(secret), "{secret:?} leaked in {dbg}");
    }
    let report = mock.try_verify().unwrap_err();
    assert!(
        !report.contains("sekrit-token-123") && !report.contains("expected-secret-token"),
        "{report}"
    );
    mock.checkpoint_unchecked();
}

#[test]
fn a_mismatch_lists_every_difference_without_secrets() {
    let mock = MockTransport::new();
    mock.expect(Method::PUT, "/api/v4/users/me/password")
        .header("authorization", "Bearer expected-secret-token")
        .json_body(json!({"current_password": "old-pw-1", "new_password": "new-pw-2"}))
        .respond_status(200);
    // Same method, path and query; a different token and a different new password.
    let r = req(Method::PUT, "https://h/api/v4/users/me/password")
        .header("Authorization", "Bearer sent-secret-token")
        .header("content-type", "application/json")
        .body(Bytes::from_static(
            br#"{"current_password":"old-pw-1","new_password":"typo-pw-3"}"#,
        ))
        .unwrap();
    let err = send(&mock, r).unwrap_err();
    let text = format!("{err} {err:?}");
    for needle in [
        "differs in 2 places",
        "header authorization missing or different",
        "json body differs",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from {text}");
    }
    for absent in ["method differs", "path differs", "query differs"] {
        assert!(!text.contains(absent), "{absent:?} in {text}");
    }
    for secret in [
        "expected-secret-token",
        "sent-secret-token",
        "old-pw-1",
        "new-pw-2",
        "typo-pw-3",
    ] {
        assert!(!text.contains(secret), "{secret:?} leaked in {text}");
    }

    // Method, path and query at once, each with what was expected and what came.
    mock.checkpoint_unchecked();
    mock.expect(Method::GET, "/api/v4/users/me?page=0")
        .matching("never run", |_| {
            panic!("a predicate ran on a mismatched request")
        })
        .respond_status(200);
    let err = send(
        &mock,
        empty(
            Method::POST,
            "https://h/api/v4/users/me/teams?page=1&token=qs-secret",
        ),
    )
    .unwrap_err();
    let text = err.message().to_owned();
    for needle in [
        "differs in 3 places",
        "method differs (expected GET, got POST)",
        "path differs (expected /api/v4/users/me, got /api/v4/users/me/teams)",
        r#"query differs (expected "page=0", got "page=1&token=<redacted>")"#,
        "(predicates not run)",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from {text}");
    }
    assert!(!text.contains("qs-secret"), "{text}");
    mock.checkpoint_unchecked();
}

#[test]
fn checkpoint_verifies_then_starts_over() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_status(200);
    send(&mock, empty(Method::GET, "http://h/api/v4/users/me")).unwrap();
    mock.checkpoint();
    assert!(mock.pending().is_empty());
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_status(204);
    assert_eq!(mock.pending().len(), 1);
    assert_eq!(
        send(&mock, empty(Method::GET, "http://h/api/v4/users/me"))
            .unwrap()
            .status(),
        204
    );
    assert_eq!(mock.requests().len(), 2);
}

#[test]
fn clones_share_state_and_only_the_last_drop_checks() {
    let mock = MockTransport::new();
    let clone = mock.clone();
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_status(200);
    drop(mock); // not the last clone: no check, no panic
    send(&clone, empty(Method::GET, "http://h/api/v4/users/me")).unwrap();
    assert_eq!(clone.request_count(), 1);
}

#[test]
fn usable_as_a_dyn_transport() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_status(200);
    let t: Arc<dyn DynTransport> = Arc::new(mock.clone());
    let resp = now(t.send_dyn(empty(Method::GET, "http://h/api/v4/users/me"))).unwrap();
    assert_eq!(resp.status(), 200);
    mock.verify();
}

#[test]
#[should_panic(expected = "unmet expectations")]
fn dropping_with_an_unused_expectation_panics() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_status(200);
}

#[test]
#[should_panic(expected = "unexpected requests")]
fn dropping_after_an_unexpected_request_panics() {
    let mock = MockTransport::new();
    let _ = send(&mock, empty(Method::GET, "http://h/api/v4/users/me"));
}

#[test]
#[should_panic(expected = "called 1 of 2 times")]
fn verify_panics_when_called_too_few_times() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/users/me")
        .times(2)
        .respond_status(200);
    send(&mock, empty(Method::GET, "http://h/api/v4/users/me")).unwrap();
    mock.verify();
}
