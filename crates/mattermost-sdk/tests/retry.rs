//! Retries over `MockTransport`: on by default, what is retried and what is not, the caps,
//! the switches, cancellation, and tower layers in front of a transport.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use mattermost_sdk::core::endpoints::users::{GetUsersByIds, UpdateUserPassword};
use mattermost_sdk::retry::{CallFacts, InstantSleeper, RetryConfig};
use mattermost_sdk::service::{ServiceTransport, TransportService};
use mattermost_sdk::{Client, Secret, TransportErrorKind, UserId};
use mattermost_sdk_core::http::Method;
use mattermost_sdk_mock::MockTransport;
use serde_json::json;

const U: &str = "u1u1u1u1u1u1u1u1u1u1u1u1u1";

fn user() -> serde_json::Value {
    json!({"id": U, "username": "alice"})
}

fn client(mock: &MockTransport, sleeper: &InstantSleeper) -> Client {
    Client::builder("https://chat.example.com")
        .token("tok")
        .transport(mock.clone())
        .retry(RetryConfig::default().sleeper(sleeper.clone()))
        .build()
        .unwrap()
}

/// What the server's limiter answers (`server/channels/app/ratelimit.go`).
fn limited(mock: &MockTransport, method: Method, path: &str, retry_after: &str) {
    mock.expect(method, path)
        .any_query()
        .response_header("retry-after", retry_after)
        .response_header("x-ratelimit-limit", "10")
        .response_header("x-ratelimit-remaining", "0")
        .response_header("x-ratelimit-reset", "1")
        .respond_bytes(429, "text/plain; charset=utf-8", "limit exceeded\n");
}

#[tokio::test]
async fn a_429_is_waited_out_for_retry_after_then_succeeds() {
    let mock = MockTransport::new();
    let sleeper = InstantSleeper::new();
    limited(&mock, Method::GET, "/api/v4/users/me", "1");
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_json(200, user());
    let me = client(&mock, &sleeper).me().await.unwrap();
    assert_eq!(me.id, U);
    assert_eq!(sleeper.waits(), [Duration::from_secs(1)]);
    assert_eq!(mock.request_count(), 2);
    mock.verify();
}

#[tokio::test]
async fn a_429_is_retried_even_for_an_operation_not_safe_to_repeat() {
    let mock = MockTransport::new();
    let sleeper = InstantSleeper::new();
    let path = format!("/api/v4/users/{U}/password");
    limited(&mock, Method::PUT, &path, "2");
    mock.expect(Method::PUT, &path)
        .respond_json(200, json!({"status": "OK"}));
    let ep = UpdateUserPassword::new(UserId::new(U).unwrap(), Secret::new("new-pw"))
        .current_password(Secret::new("old-pw"));
    client(&mock, &sleeper).call(ep).await.unwrap();
    assert_eq!(sleeper.waits(), [Duration::from_secs(2)]);
    mock.verify();
}

#[tokio::test]
async fn a_503_is_retried_only_for_an_operation_safe_to_repeat() {
    let mock = MockTransport::new();
    let sleeper = InstantSleeper::new();
    let c = client(&mock, &sleeper);
    // A POST that only reads (`getUsersByIds`): retried.
    mock.expect(Method::POST, "/api/v4/users/ids")
        .respond_status(503);
    mock.expect(Method::POST, "/api/v4/users/ids")
        .respond_json(200, json!([user()]));
    let got = c
        .call(GetUsersByIds::new(vec![UserId::new(U).unwrap()]))
        .await
        .unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(sleeper.waits().len(), 1);
    mock.checkpoint();
    // A PUT that checks the password it changes: not retried.
    let path = format!("/api/v4/users/{U}/password");
    mock.expect(Method::PUT, &path).respond_status(503);
    let ep = UpdateUserPassword::new(UserId::new(U).unwrap(), Secret::new("new-pw"))
        .current_password(Secret::new("old-pw"));
    let e = c.call(ep).await.unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(sleeper.waits().len(), 1, "no new wait");
    mock.verify();
}

#[tokio::test]
async fn transport_errors_never_sent_are_retried_for_any_operation_maybe_sent_only_when_safe() {
    let mock = MockTransport::new();
    let sleeper = InstantSleeper::new();
    let c = client(&mock, &sleeper);
    let path = format!("/api/v4/users/{U}/password");
    let ep = || {
        UpdateUserPassword::new(UserId::new(U).unwrap(), Secret::new("new-pw"))
            .current_password(Secret::new("old-pw"))
    };
    mock.expect(Method::PUT, &path)
        .respond_error(TransportErrorKind::Connect, "connection refused");
    mock.expect(Method::PUT, &path)
        .respond_json(200, json!({"status": "OK"}));
    c.call(ep()).await.unwrap();
    mock.checkpoint();
    mock.expect(Method::PUT, &path)
        .respond_error(TransportErrorKind::Timeout, "timed out");
    let e = c.call(ep()).await.unwrap_err();
    assert_eq!(e.transport_kind(), Some(TransportErrorKind::Timeout));
    mock.checkpoint();
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_error(TransportErrorKind::Io, "reset");
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_json(200, user());
    c.me().await.unwrap();
    mock.verify();
}

#[tokio::test]
async fn retry_after_beyond_the_cap_returns_the_typed_error_at_once() {
    let mock = MockTransport::new();
    let sleeper = InstantSleeper::new();
    let c = Client::builder("https://chat.example.com")
        .transport(mock.clone())
        .retry(
            RetryConfig::default()
                .max_delay(Duration::from_secs(5))
                .sleeper(sleeper.clone()),
        )
        .build()
        .unwrap();
    limited(&mock, Method::GET, "/api/v4/users/me", "3600");
    let e = c.me().await.unwrap_err();
    assert!(e.is_rate_limited());
    assert_eq!(e.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(e.rate_limit().map(|r| r.remaining), Some(0));
    assert!(sleeper.waits().is_empty());
    mock.verify();
}

#[tokio::test]
async fn attempts_are_capped() {
    let mock = MockTransport::new();
    let sleeper = InstantSleeper::new();
    let c = Client::builder("https://chat.example.com")
        .transport(mock.clone())
        .retry(
            RetryConfig::default()
                .max_attempts(3)
                .sleeper(sleeper.clone()),
        )
        .build()
        .unwrap();
    mock.expect(Method::GET, "/api/v4/users/me")
        .times(3)
        .response_header("retry-after", "1")
        .respond_bytes(429, "text/plain", "limit exceeded\n");
    let e = c.me().await.unwrap_err();
    assert!(e.is_rate_limited());
    assert_eq!(sleeper.waits(), [Duration::from_secs(1); 2]);
    mock.verify();
}

#[tokio::test]
async fn retries_switch_off_per_client_and_per_call() {
    let mock = MockTransport::new();
    let sleeper = InstantSleeper::new();
    limited(&mock, Method::GET, "/api/v4/users/me", "1");
    let e = client(&mock, &sleeper).me().no_retry().await.unwrap_err();
    assert!(e.is_rate_limited());
    mock.checkpoint();
    limited(&mock, Method::GET, "/api/v4/users/me", "1");
    let off = Client::builder("https://chat.example.com")
        .transport(mock.clone())
        .no_retry()
        .build()
        .unwrap();
    assert!(off.me().await.unwrap_err().is_rate_limited());
    assert!(sleeper.waits().is_empty());
    mock.verify();
}

/// Dropping the call's future stops the wait: no second request is ever sent.
#[tokio::test(start_paused = true)]
async fn dropping_the_future_stops_waiting() {
    let mock = MockTransport::new();
    limited(&mock, Method::GET, "/api/v4/users/me", "10");
    // The default sleeper (tokio's clock, paused here: no real wait).
    let c = Client::builder("https://chat.example.com")
        .transport(mock.clone())
        .build()
        .unwrap();
    let out = tokio::time::timeout(Duration::from_secs(5), c.me()).await;
    assert!(out.is_err(), "still waiting when dropped");
    tokio::time::sleep(Duration::from_secs(60)).await;
    assert_eq!(mock.request_count(), 1);
    mock.verify();
}

/// A tower layer (a concurrency limit, and one that reads the call's facts) in front of a
/// transport, through the adapters both ways.
#[tokio::test]
async fn tower_layers_wrap_a_transport_and_see_the_operation() {
    let mock = MockTransport::new();
    limited(&mock, Method::GET, "/api/v4/users/me", "1");
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_json(200, user());
    let seen: Arc<Mutex<Vec<(&'static str, bool)>>> = Arc::default();
    let log = Arc::clone(&seen);
    let svc = tower::ServiceBuilder::new()
        .concurrency_limit(2)
        .map_request(move |req: http::Request<bytes::Bytes>| {
            let facts = req.extensions().get::<CallFacts>().copied();
            let f = facts.expect("the facade put the call's facts in the extensions");
            log.lock()
                .unwrap()
                .push((f.endpoint.operation_id, f.endpoint.idempotent));
            req
        })
        .service(TransportService::new(mock.clone()));
    let sleeper = InstantSleeper::new();
    let c = Client::builder("https://chat.example.com")
        .transport(ServiceTransport::new(svc))
        .retry(RetryConfig::default().sleeper(sleeper.clone()))
        .build()
        .unwrap();
    c.me().await.unwrap();
    // The layers sit below the retry layer: they see each attempt.
    assert_eq!(
        *seen.lock().unwrap(),
        [("GetUser", true), ("GetUser", true)]
    );
    mock.verify();
}

/// After `X-RateLimit-Remaining: 0` (limit 10) the next requests are spaced about 100 ms
/// apart, never a whole `Reset`; an answer with room again ends the pacing.
#[tokio::test]
async fn remaining_zero_paces_the_next_requests() {
    let mock = MockTransport::new();
    let sleeper = InstantSleeper::new();
    let c = client(&mock, &sleeper);
    let empty = |mock: &MockTransport| {
        mock.expect(Method::GET, "/api/v4/users/me")
            .response_header("x-ratelimit-limit", "10")
            .response_header("x-ratelimit-remaining", "0")
            .response_header("x-ratelimit-reset", "60")
            .respond_json(200, user());
    };
    empty(&mock);
    empty(&mock);
    mock.expect(Method::GET, "/api/v4/users/me")
        .response_header("x-ratelimit-limit", "10")
        .response_header("x-ratelimit-remaining", "5")
        .response_header("x-ratelimit-reset", "1")
        .respond_json(200, user());
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_json(200, user());
    // A clone shares the pacing.
    let clone = c.clone();
    c.me().await.unwrap();
    assert!(
        sleeper.waits().is_empty(),
        "no pacing before the server says so"
    );
    clone.me().await.unwrap();
    c.me().await.unwrap();
    let waits = sleeper.waits();
    assert_eq!(waits.len(), 2, "{waits:?}");
    for w in &waits {
        assert!(
            *w <= Duration::from_millis(200),
            "about 1/limit, never Reset: {w:?}"
        );
        assert!(*w > Duration::ZERO);
    }
    c.me().await.unwrap();
    assert_eq!(sleeper.waits().len(), 2, "room again: no pacing");
    mock.verify();
}

/// A transport that declares it reads no extensions (as the HTTP transports do), recording
/// whether each request it got had any.
#[derive(Debug, Clone)]
struct NoExtensions {
    mock: MockTransport,
    had_extensions: Arc<Mutex<Vec<bool>>>,
}

impl mattermost_sdk::Transport for NoExtensions {
    async fn send(
        &self,
        req: http::Request<bytes::Bytes>,
    ) -> Result<http::Response<bytes::Bytes>, mattermost_sdk::TransportError> {
        self.had_extensions
            .lock()
            .unwrap()
            .push(!req.extensions().is_empty());
        self.mock.send(req).await
    }

    fn reads_extensions(&self) -> bool {
        false
    }
}

/// For a transport that reads no extensions the client puts none in the request (three
/// allocations per call saved), and its layers still know each call's facts: the operation's
/// retry safety and the call's `no_retry()`.
#[tokio::test]
async fn a_transport_that_reads_no_extensions_gets_none_and_the_facts_still_apply() {
    let mock = MockTransport::new();
    let t = NoExtensions {
        mock: mock.clone(),
        had_extensions: Arc::default(),
    };
    let sleeper = InstantSleeper::new();
    let c = Client::builder("https://chat.example.com")
        .token("tok")
        .transport(t.clone())
        .retry(RetryConfig::default().sleeper(sleeper.clone()))
        .build()
        .unwrap();
    // GetUser is safe to repeat: a 503 is retried.
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_status(503);
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_json(200, user());
    c.me().await.unwrap();
    // UpdateUserPassword is not: its 503 is returned at once.
    let path = format!("/api/v4/users/{U}/password");
    mock.expect(Method::PUT, &path).respond_status(503);
    let e = c
        .user(U)
        .update_password(Secret::new("n3w-passw0rd!"))
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(503));
    // `no_retry()` reaches the policy too.
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_status(503);
    let e = c.me().no_retry().await.unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(mock.request_count(), 4);
    assert_eq!(*t.had_extensions.lock().unwrap(), [false; 4]);
    mock.verify();
}
