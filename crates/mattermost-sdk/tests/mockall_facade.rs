//! A facade test written the way a mockall user writes one: `MockallTransport` (feature
//! `mockall` of the core crate, re-exported by the facade's `mockall` feature) with
//! `expect_send`, a predicate on the request, a call count and a sequence.

use std::future::ready;

use bytes::Bytes;
use mattermost_sdk::Client;
use mattermost_sdk_core::MockallTransport;
use mockall::Sequence;

const U: &str = "4xp9fdt77pncbef59f4k1qe83o";

fn json_response(status: u16, body: serde_json::Value) -> http::Response<Bytes> {
    http::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Bytes::from(body.to_string()))
        .unwrap()
}

#[tokio::test]
async fn get_then_deactivate_with_mockall() {
    let mut transport = MockallTransport::new();
    let mut seq = Sequence::new();
    transport
        .expect_send()
        .withf(|req| {
            req.method() == http::Method::GET
                && req.uri().path() == format!("/api/v4/users/{U}")
                && req.headers()["authorization"] == "Bearer t"
        })
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| {
            Box::pin(ready(Ok(json_response(
                200,
                serde_json::json!({"id": U, "username": "alice", "email": "a@x"}),
            ))))
        });
    transport
        .expect_send()
        .withf(|req| req.method() == http::Method::DELETE)
        .times(1)
        .in_sequence(&mut seq)
        .returning(|_| {
            Box::pin(ready(Ok(json_response(
                200,
                serde_json::json!({"status": "OK"}),
            ))))
        });

    let client = Client::builder("https://chat.example.com")
        .token("t")
        .transport(transport)
        .build()
        .unwrap();
    let user = client.users().get(U).await.unwrap();
    assert_eq!(user.username, "alice");
    client.user(&user).deactivate().await.unwrap();
    // mockall checks `times(1)` for both when the client (and its transport) drops.
}

#[tokio::test]
async fn a_404_from_mockall_is_a_typed_not_found() {
    let mut transport = MockallTransport::new();
    transport.expect_send().times(1).returning(|_| {
        Box::pin(ready(Ok(json_response(
            404,
            serde_json::json!({"id": "app.user.missing_account.const", "message": "Unable to find the user.", "status_code": 404}),
        ))))
    });
    let client = Client::builder("https://chat.example.com")
        .token("t")
        .transport(transport)
        .build()
        .unwrap();
    let err = client.users().get(U).await.unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(err.api_error_id(), Some("app.user.missing_account.const"));
}
