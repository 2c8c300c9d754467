//! The administration operations through the facade, against `MockTransport` expectations:
//! each facade method sends exactly its wire form and decodes the answer.

// Page walks over exact mock expectations go one request at a time (`.read_ahead(0)`):
// a read-ahead walk may also ask for the page after the last one. Read-ahead walks are
// tested in `tests/read_ahead.rs`.

use mattermost_sdk::models::{AuthService, CpaValues};
use mattermost_sdk::{BuildError, Error};
use mattermost_sdk_core::http::Method;
use mattermost_sdk_mock::MockTransport;
use serde_json::{json, Value};

mod common;
use common::mock_client as client;

const U: &str = "u1u1u1u1u1u1u1u1u1u1u1u1u1";
const UPATH: &str = "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1";
const FIELD: &str = "f1f1f1f1f1f1f1f1f1f1f1f1f1";

fn ok() -> Value {
    json!({"status": "OK"})
}

/// Expects `method path` without body (and without query), answers `answer`.
fn expect(mock: &MockTransport, method: Method, path: &str, answer: Value) {
    mock.expect(method, path)
        .header("authorization", "Bearer tok")
        .no_body()
        .respond_json(200, answer);
}

#[tokio::test]
async fn audits_on_both_handles_and_paged() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let audit = json!({"id": "a", "create_at": 2, "user_id": U, "action": "/api/v4/users/login",
        "extra_info": "success", "ip_address": "127.0.0.1", "session_id": ""});
    expect(
        &mock,
        Method::GET,
        &format!("{UPATH}/audits"),
        json!([audit]),
    );
    let got = c.user(U).audits().await.unwrap();
    assert_eq!(got[0].extra_info, "success");

    mock.expect(Method::GET, &format!("{UPATH}/audits"))
        .query([("page", "1"), ("per_page", "10")])
        .no_body()
        .respond_json(200, json!([]));
    assert!(c
        .users()
        .audits(U)
        .page(1)
        .per_page(10)
        .await
        .unwrap()
        .is_empty());

    // .all(): a full page, then a short one ends the walk.
    mock.expect(Method::GET, &format!("{UPATH}/audits"))
        .query([("page", "0"), ("per_page", "1")])
        .respond_json(200, json!([audit]));
    mock.expect(Method::GET, &format!("{UPATH}/audits"))
        .query([("page", "1"), ("per_page", "1")])
        .respond_json(200, json!([]));
    assert_eq!(
        c.user(U)
            .audits()
            .per_page(1)
            .read_ahead(0)
            .all()
            .await
            .unwrap()
            .len(),
        1
    );
    mock.verify();
}

#[tokio::test]
async fn convert_to_bot_returns_the_bot() {
    let mock = MockTransport::new();
    let bot = json!({"user_id": U, "username": "alice", "display_name": "alice", "owner_id": U,
        "create_at": 1, "update_at": 1, "delete_at": 0});
    expect(&mock, Method::POST, &format!("{UPATH}/convert_to_bot"), bot);
    let got = client(&mock).users().convert_to_bot(U).await.unwrap();
    assert_eq!(got.user_id, U);
    assert_eq!(got.owner_id, U);
    mock.verify();
}

#[tokio::test]
async fn status_ok_operations() {
    let mock = MockTransport::new();
    let c = client(&mock);
    expect(&mock, Method::POST, &format!("{UPATH}/demote"), ok());
    assert!(c.user(U).demote_to_guest().await.unwrap().is_ok());
    expect(&mock, Method::POST, &format!("{UPATH}/promote"), ok());
    assert!(c.users().promote_to_user(U).await.unwrap().is_ok());
    expect(&mock, Method::DELETE, &format!("{UPATH}/image"), ok());
    assert!(c.user(U).set_default_profile_image().await.unwrap().is_ok());
    expect(
        &mock,
        Method::POST,
        &format!("{UPATH}/reset_failed_attempts"),
        ok(),
    );
    assert!(c.users().reset_failed_attempts(U).await.unwrap().is_ok());
    mock.expect(Method::DELETE, UPATH)
        .query([("permanent", "true")])
        .no_body()
        .respond_json(200, ok());
    assert!(c.user(U).delete_permanently().await.unwrap().is_ok());
    mock.verify();
}

#[tokio::test]
async fn groups_and_default_image() {
    let mock = MockTransport::new();
    let c = client(&mock);
    expect(
        &mock,
        Method::GET,
        &format!("{UPATH}/groups"),
        json!([{"id": FIELD, "display_name": "Devs", "source": "ldap", "remote_id": "cn=devs"}]),
    );
    let groups = c.user(U).groups().await.unwrap();
    assert_eq!(groups[0].remote_id.as_deref(), Some("cn=devs"));

    mock.expect(Method::GET, &format!("{UPATH}/image/default"))
        .header("accept", "image/*")
        .respond_bytes(200, "image/png", &b"\x89PNG"[..]);
    let img = c.users().get_default_profile_image(U).await.unwrap();
    assert_eq!(img.content_type.as_deref(), Some("image/png"));
    assert_eq!(&img.bytes[..], b"\x89PNG");
    mock.verify();
}

#[tokio::test]
async fn custom_profile_attributes() {
    let mock = MockTransport::new();
    let c = client(&mock);
    expect(
        &mock,
        Method::GET,
        &format!("{UPATH}/custom_profile_attributes"),
        json!({FIELD: "Engineering"}),
    );
    let values = c.user(U).custom_profile_attributes().await.unwrap();
    assert_eq!(values[FIELD], json!("Engineering"));

    mock.expect(Method::PATCH, &format!("{UPATH}/custom_profile_attributes"))
        .json_body(json!({FIELD: "Sales"}))
        .respond_json(200, json!({FIELD: "Sales"}));
    let mut patch = CpaValues::new();
    patch.insert(FIELD.into(), json!("Sales"));
    let written = c
        .users()
        .patch_custom_profile_attributes(U, patch)
        .await
        .unwrap();
    assert_eq!(written[FIELD], json!("Sales"));
    mock.verify();
}

#[tokio::test]
async fn auth_migrations() {
    let mock = MockTransport::new();
    let c = client(&mock);
    mock.expect(Method::POST, "/api/v4/users/migrate_auth/ldap")
        .json_body(json!({"from": "email", "match_field": "username", "force": true}))
        .respond_json(200, ok());
    c.users()
        .migrate_auth_to_ldap(AuthService::Email, "username", true)
        .await
        .unwrap();
    mock.expect(Method::POST, "/api/v4/users/migrate_auth/saml")
        .json_body(json!({"from": "ldap", "matches": {"a@example.com": "a"}, "auto": false}))
        .respond_json(200, ok());
    c.users()
        .migrate_auth_to_saml(
            AuthService::Ldap,
            [("a@example.com".to_owned(), "a".to_owned())],
            false,
        )
        .await
        .unwrap();
    mock.verify();

    // A source the server refuses never leaves the client.
    let err = c
        .users()
        .migrate_auth_to_ldap(AuthService::Ldap, "email", false)
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Build(BuildError::InvalidParam { param: "from", .. })
    ));
    assert_eq!(mock.request_count(), 2);
}

#[tokio::test]
async fn local_mode_delete_all_users() {
    let mock = MockTransport::new();
    expect(&mock, Method::DELETE, "/api/v4/users", ok());
    assert!(client(&mock)
        .local_mode()
        .permanent_delete_all_users()
        .await
        .unwrap()
        .is_ok());
    mock.verify();
}

#[tokio::test]
async fn a_bad_user_id_is_refused_before_io() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let err = c.user("not-an-id").convert_to_bot().await.unwrap_err();
    assert!(matches!(err, Error::Build(_)), "{err:?}");
    let err = c.users().delete_permanently("short").await.unwrap_err();
    assert!(matches!(err, Error::Build(_)), "{err:?}");
    assert_eq!(mock.request_count(), 0);
}

#[test]
fn every_admin_method_is_registered() {
    use mattermost_sdk::registry::methods_for;
    for (op, call) in [
        ("GetUserAudits", "client.user(id).audits()"),
        ("GetUserAudits", "client.users().audits(user)"),
        ("ConvertUserToBot", "client.user(id).convert_to_bot()"),
        ("DemoteUserToGuest", "client.users().demote_to_guest(user)"),
        ("PromoteGuestToUser", "client.user(id).promote_to_user()"),
        ("GetGroupsByUserId", "client.user(id).groups()"),
        (
            "SetDefaultProfileImage",
            "client.user(id).set_default_profile_image()",
        ),
        (
            "GetDefaultProfileImage",
            "client.user(id).get_default_profile_image()",
        ),
        (
            "resetPasswordFailedAttempts",
            "client.user(id).reset_failed_attempts()",
        ),
        (
            "ListCPAValues",
            "client.user(id).custom_profile_attributes()",
        ),
        (
            "PatchCPAValuesForUser",
            "client.user(id).patch_custom_profile_attributes(values)",
        ),
        ("DeleteUser", "client.user(id).delete_permanently()"),
        (
            "MigrateAuthToLdap",
            "client.users().migrate_auth_to_ldap(from, match_field, force)",
        ),
        (
            "MigrateAuthToSaml",
            "client.users().migrate_auth_to_saml(from, matches, auto)",
        ),
        (
            "PermanentDeleteAllUsers",
            "client.local_mode().permanent_delete_all_users()",
        ),
    ] {
        assert!(
            methods_for(op).any(|m| m.call == call),
            "{op}: {call} is not registered; have {:?}",
            methods_for(op).map(|m| m.call).collect::<Vec<_>>()
        );
    }
}
