//! The account flows and login options through the facade, against `MockTransport`
//! expectations: each facade method sends exactly its wire form and decodes the answer.
#![allow(deprecated)] // check_mfa is deprecated but still served by older servers

use mattermost_sdk::{Client, LoginOptions};
use mattermost_sdk_core::http::Method;
use mattermost_sdk_mock::MockTransport;
use serde_json::json;

const U: &str = "u1u1u1u1u1u1u1u1u1u1u1u1u1";
const TOKEN64: &str = "abcdefghij0123456789abcdefghij0123456789abcdefghij0123456789wxyz";

fn client(mock: &MockTransport) -> Client {
    Client::builder("https://chat.example.com")
        .transport(mock.clone())
        .build()
        .unwrap()
}

#[tokio::test]
async fn password_reset_and_verification_flows() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let ok = json!({"status": "OK"});
    mock.expect(Method::POST, "/api/v4/users/password/reset/send")
        .json_body(json!({"email": "a@example.com"}))
        .respond_json(200, ok.clone());
    assert!(c
        .users()
        .send_password_reset_email("a@example.com")
        .await
        .unwrap()
        .is_ok());
    mock.expect(Method::POST, "/api/v4/users/password/reset")
        .json_body(json!({"token": TOKEN64, "code": TOKEN64, "new_password": "N3w-Passw0rd!"}))
        .respond_json(200, ok.clone());
    c.users()
        .reset_password(TOKEN64, "N3w-Passw0rd!")
        .await
        .unwrap();
    mock.expect(Method::POST, "/api/v4/users/email/verify/send")
        .query([("r", "/welcome")])
        .json_body(json!({"email": "a@example.com"}))
        .respond_json(200, ok.clone());
    c.users()
        .send_verification_email("a@example.com")
        .redirect("/welcome")
        .await
        .unwrap();
    mock.expect(Method::POST, "/api/v4/users/email/verify")
        .json_body(json!({"token": TOKEN64}))
        .respond_json(200, ok.clone());
    c.users().verify_email(TOKEN64).await.unwrap();
    mock.expect(
        Method::POST,
        &format!("/api/v4/users/{U}/email/verify/member"),
    )
    .no_body()
    .respond_json(
        200,
        json!({"id": U, "username": "a", "email_verified": false}),
    );
    let user = c.user(U).mark_email_verified().await.unwrap();
    assert_eq!(user.id.as_str(), U);
    mock.expect(
        Method::POST,
        &format!("/api/v4/users/{U}/email/verify/member"),
    )
    .no_body()
    .respond_json(200, json!({"id": U, "username": "a"}));
    c.users().mark_email_verified(U).await.unwrap();
    mock.expect(Method::POST, "/api/v4/users/mfa")
        .json_body(json!({"login_id": "alice"}))
        .respond_json(200, json!({"mfa_required": true}));
    assert!(c.users().check_mfa("alice").await.unwrap().mfa_required);
    mock.verify();
}

#[tokio::test]
async fn a_short_token_is_refused_before_io() {
    let mock = MockTransport::new();
    let c = client(&mock);
    assert!(c.users().verify_email("short").await.is_err());
    assert!(c.users().reset_password("short", "pw").await.is_err());
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn login_options_are_sent_as_strings() {
    let mock = MockTransport::new();
    let user = json!({"id": U, "username": "alice"});
    let answer = |mock: &MockTransport, body: serde_json::Value| {
        mock.expect(Method::POST, "/api/v4/users/login")
            .json_body(body)
            .respond(
                mattermost_sdk_core::http::Response::builder()
                    .status(200)
                    .header("token", "sessiontoken")
                    .body(mattermost_sdk_core::bytes::Bytes::from(user.to_string()))
                    .unwrap(),
            );
    };
    let c = client(&mock);
    answer(
        &mock,
        json!({"login_id": "alice", "password": "pw", "ldap_only": "true", "device_id": "apple:xyz"}),
    );
    let u = c
        .login_with_options(
            "alice",
            "pw",
            LoginOptions::new().ldap_only(true).device_id("apple:xyz"),
        )
        .await
        .unwrap();
    assert_eq!(u.username, "alice");
    answer(
        &mock,
        json!({"login_id": "alice", "password": "pw", "token": "123456", "ldap_only": "true"}),
    );
    let c2 = Client::builder("https://chat.example.com")
        .transport(mock.clone())
        .login_with_options(
            "alice",
            "pw",
            LoginOptions::new().mfa_code("123456").ldap_only(true),
        )
        .await
        .unwrap();
    assert_eq!(c2.user_id().unwrap().as_str(), U);
    mock.verify();
}
