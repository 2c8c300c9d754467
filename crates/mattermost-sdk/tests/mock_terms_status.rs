//! Terms of service and custom status through the facade, against `MockTransport`
//! expectations: each facade method sends exactly its wire form and decodes the answer.

use mattermost_sdk::models::CustomStatus;
use mattermost_sdk::{BuildError, Error};
use mattermost_sdk_core::http::Method;
use mattermost_sdk_mock::MockTransport;
use serde_json::json;

mod common;
use common::mock_client as client;

const U: &str = "u1u1u1u1u1u1u1u1u1u1u1u1u1";
const TOS: &str = "t0s0t0s0t0s0t0s0t0s0t0s0t0";

#[tokio::test]
async fn terms_of_service() {
    let mock = MockTransport::new();
    let c = client(&mock);
    mock.expect(Method::GET, "/api/v4/users/me/terms_of_service")
        .no_body()
        .respond_json(
            200,
            json!({"user_id": U, "terms_of_service_id": TOS, "create_at": 5}),
        );
    let got = c.user("me").terms_of_service().await.unwrap();
    assert_eq!((got.terms_of_service_id.as_str(), got.create_at), (TOS, 5));

    mock.expect(Method::POST, &format!("/api/v4/users/{U}/terms_of_service"))
        .json_body(json!({"termsOfServiceId": TOS, "accepted": true}))
        .respond_json(200, json!({"status": "OK"}));
    c.users()
        .register_terms_of_service_action(U, TOS, true)
        .await
        .unwrap();
    mock.expect(Method::POST, "/api/v4/users/me/terms_of_service")
        .json_body(json!({"termsOfServiceId": TOS, "accepted": false}))
        .respond_json(200, json!({"status": "OK"}));
    c.user("me")
        .register_terms_of_service_action(TOS, false)
        .await
        .unwrap();

    let err = c
        .user("me")
        .register_terms_of_service_action("", true)
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Build(BuildError::InvalidParam {
            param: "termsOfServiceId",
            ..
        })
    ));
    mock.verify();
}

#[tokio::test]
async fn custom_status() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let cs =
        CustomStatus::new("calendar", "In a meeting").until("one_hour", "2099-05-01T10:00:00Z");
    let wire = json!({"emoji": "calendar", "text": "In a meeting", "duration": "one_hour", "expires_at": "2099-05-01T10:00:00Z"});
    let ok = json!({"status": "OK"});
    mock.expect(Method::PUT, &format!("/api/v4/users/{U}/status/custom"))
        .json_body(wire.clone())
        .respond_json(200, ok.clone());
    c.user(U).set_custom_status(cs.clone()).await.unwrap();
    mock.expect(Method::DELETE, "/api/v4/users/me/status/custom")
        .no_body()
        .respond_json(200, ok.clone());
    c.user("me").unset_custom_status().await.unwrap();
    mock.expect(
        Method::POST,
        &format!("/api/v4/users/{U}/status/custom/recent/delete"),
    )
    .json_body(wire.clone())
    .respond_json(200, ok.clone());
    c.users()
        .remove_recent_custom_status(U, cs.clone())
        .await
        .unwrap();
    mock.expect(
        Method::DELETE,
        &format!("/api/v4/users/{U}/status/custom/recent"),
    )
    .json_body(wire)
    .respond_json(200, ok);
    c.user(U)
        .remove_recent_custom_status_with_delete(cs)
        .await
        .unwrap();

    // Refused before I/O as the server would: a duration without an expiry, nothing set.
    for bad in [
        CustomStatus::new("x", "").until("one_hour", ""),
        CustomStatus::new("", ""),
    ] {
        let err = c.user(U).set_custom_status(bad).await.unwrap_err();
        assert!(
            matches!(
                err,
                Error::Build(BuildError::InvalidParam {
                    param: "custom_status",
                    ..
                })
            ),
            "{err:?}"
        );
    }
    mock.verify();
}
