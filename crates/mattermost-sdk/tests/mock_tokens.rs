//! Personal access tokens and the session/device operations through the facade, against
//! `MockTransport` expectations: each facade method sends exactly its wire form and decodes
//! the answer.

// Page walks over exact mock expectations go one request at a time (`.read_ahead(0)`):
// a read-ahead walk may also ask for the page after the last one. Read-ahead walks are
// tested in `tests/read_ahead.rs`.

use mattermost_sdk::{BuildError, Client, Error};
use mattermost_sdk_core::http::Method;
use mattermost_sdk_mock::MockTransport;
use serde_json::{json, Value};

mod common;
use common::mock_client as client;

const U: &str = "u1u1u1u1u1u1u1u1u1u1u1u1u1";
const K: &str = "k1k1k1k1k1k1k1k1k1k1k1k1k1";
const NEW_TOKEN: &str = "n3wt0k3nn3wt0k3nn3wt0k3n1";

fn ok() -> Value {
    json!({"status": "OK"})
}

fn listed() -> Value {
    json!({"id": K, "token": "", "user_id": U, "description": "ci", "is_active": true})
}

#[tokio::test]
async fn a_users_tokens_on_both_handles() {
    let mock = MockTransport::new();
    let c = client(&mock);
    mock.expect(Method::POST, &format!("/api/v4/users/{U}/tokens"))
        .header("authorization", "Bearer tok")
        .json_body(json!({"description": "ci"}))
        .respond_json(
            200,
            json!({"id": K, "token": NEW_TOKEN, "user_id": U, "description": "ci", "is_active": true}),
        );
    let created = c.user(U).create_access_token("ci").await.unwrap();
    assert_eq!(created.token.expose(), NEW_TOKEN);
    assert!(!format!("{created:?}").contains(NEW_TOKEN));

    mock.expect(Method::GET, "/api/v4/users/me/tokens")
        .no_body()
        .respond_json(200, json!([listed()]));
    let mine = c.users().get_access_tokens("me").await.unwrap();
    assert_eq!(mine[0].id, K);
    assert!(mine[0].token.is_none());

    // .all(): a full page, then a short one ends the walk.
    mock.expect(Method::GET, &format!("/api/v4/users/{U}/tokens"))
        .query([("page", "0"), ("per_page", "1")])
        .respond_json(200, json!([listed()]));
    mock.expect(Method::GET, &format!("/api/v4/users/{U}/tokens"))
        .query([("page", "1"), ("per_page", "1")])
        .respond_json(200, json!([]));
    assert_eq!(
        c.user(U)
            .get_access_tokens()
            .per_page(1)
            .read_ahead(0)
            .all()
            .await
            .unwrap()
            .len(),
        1
    );

    // An empty description never leaves the client.
    let err = c.user(U).create_access_token("").await.unwrap_err();
    assert!(matches!(
        err,
        Error::Build(BuildError::InvalidParam {
            param: "description",
            ..
        })
    ));
    mock.verify();
}

#[tokio::test]
async fn token_id_operations_on_access_tokens() {
    let mock = MockTransport::new();
    let c = client(&mock);
    mock.expect(Method::GET, &format!("/api/v4/users/tokens/{K}"))
        .no_body()
        .respond_json(200, listed());
    assert_eq!(c.access_tokens().get(K).await.unwrap().description, "ci");
    for path in ["revoke", "disable", "enable"] {
        mock.expect(Method::POST, &format!("/api/v4/users/tokens/{path}"))
            .json_body(json!({"token_id": K}))
            .respond_json(200, ok());
    }
    c.access_tokens().revoke(K).await.unwrap();
    c.access_tokens().disable(K).await.unwrap();
    c.access_tokens().enable(K).await.unwrap();
    mock.expect(Method::POST, "/api/v4/users/tokens/search")
        .json_body(json!({"term": "alice"}))
        .respond_json(200, json!([listed()]));
    assert_eq!(c.access_tokens().search("alice").await.unwrap().len(), 1);
    mock.expect(Method::GET, "/api/v4/users/tokens")
        .query([("page", "2"), ("per_page", "10")])
        .respond_json(200, json!([]));
    assert!(c
        .access_tokens()
        .list()
        .page(2)
        .per_page(10)
        .await
        .unwrap()
        .is_empty());

    // Bad IDs and an empty term fail before any request.
    assert!(c.access_tokens().get("nope").await.is_err());
    assert!(c.access_tokens().search("").await.is_err());
    mock.verify();
}

#[tokio::test]
async fn sessions_of_everyone_and_the_device() {
    let mock = MockTransport::new();
    let c = client(&mock);
    mock.expect(Method::POST, "/api/v4/users/sessions/revoke/all")
        .no_body()
        .respond_json(200, ok());
    c.users().revoke_all_sessions_of_all_users().await.unwrap();
    mock.expect(Method::PUT, "/api/v4/users/sessions/device")
        .json_body(
            json!({"device_id": "apple:x1", "deviceNotificationDisabled": "false",
            "mobileVersion": "2.21.0"}),
        )
        .respond_json(200, ok());
    c.users()
        .attach_device()
        .device_id("apple:x1")
        .device_notification_disabled(false)
        .mobile_version("2.21.0")
        .await
        .unwrap();
    let err = c
        .users()
        .attach_device()
        .mobile_version("two")
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Build(BuildError::InvalidParam {
            param: "mobileVersion",
            ..
        })
    ));
    mock.verify();
}

/// The new token never shows: not in the created value's `Debug`, the response wrapper's,
/// the client built from it, the call's, nor any error from a malformed create answer
/// (Display or Debug), nor the `Debug` of the request the token authenticates.
#[tokio::test]
async fn the_new_token_never_shows() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let answer =
        json!({"id": K, "token": NEW_TOKEN, "user_id": U, "description": "ci", "is_active": true});
    mock.expect(Method::POST, &format!("/api/v4/users/{U}/tokens"))
        .respond_json(200, answer.clone());
    let resp = c
        .user(U)
        .create_access_token("ci")
        .with_response()
        .await
        .unwrap();
    let mut shown = vec![format!("{resp:?}"), format!("{:?}", resp.value)];
    let created = resp.value;
    let bot = Client::builder("https://chat.example.com")
        .token(created.token.clone())
        .transport(mock.clone())
        .build()
        .unwrap();
    shown.push(format!("{bot:?}"));
    let call = bot.me();
    shown.push(format!("{call:?}"));
    if let Ok(req) = call.request() {
        shown.push(format!("{req:?}"));
    }

    // Malformed create answers: wrong types, no id, a cut-off body, an error body.
    let malformed = [
        json!({"id": K, "token": NEW_TOKEN, "is_active": "yes"}),
        json!({"id": [NEW_TOKEN], "token": NEW_TOKEN}),
        json!([answer]),
        json!(NEW_TOKEN),
    ];
    for body in malformed {
        mock.expect(Method::POST, &format!("/api/v4/users/{U}/tokens"))
            .respond_json(200, body);
        let err = c.user(U).create_access_token("ci").await.unwrap_err();
        assert!(matches!(err, Error::Decode(_)), "{err:?}");
        shown.push(format!("{err}"));
        shown.push(format!("{err:?}"));
    }
    mock.expect(Method::POST, &format!("/api/v4/users/{U}/tokens"))
        .respond_bytes(
            200,
            "application/json",
            format!("{{\"token\":\"{NEW_TOKEN}\",\"id\":"),
        );
    let err = c.user(U).create_access_token("ci").await.unwrap_err();
    shown.push(format!("{err} {err:?}"));
    mock.expect(Method::POST, &format!("/api/v4/users/{U}/tokens"))
        .respond_json(
            500,
            json!({"id": "app.user_access_token.save.app_error", "message": "m",
                "detailed_error": format!("token={NEW_TOKEN}"), "status_code": 500}),
        );
    let err = c.user(U).create_access_token("ci").await.unwrap_err();
    shown.push(format!("{err} {err:?}"));

    for s in &shown {
        assert!(!s.contains(NEW_TOKEN), "the token shows in: {s}");
    }
    assert_eq!(created.token.expose(), NEW_TOKEN, "yet it is there to use");
    mock.verify();
}
