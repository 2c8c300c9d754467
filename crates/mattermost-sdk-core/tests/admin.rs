//! The administration endpoints: the request each builds (method, URI, headers, body), what
//! they reject before I/O, and decoding the server's answers.

mod common;

use std::collections::BTreeMap;

use common::*;
use mattermost_sdk_core::bytes::Bytes;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::endpoints::ALL;
use mattermost_sdk_core::http::header::{ACCEPT, CONTENT_TYPE};
use mattermost_sdk_core::models::{AuthService, Bot, CpaValues, Group};
use mattermost_sdk_core::paging::Paged;
use mattermost_sdk_core::{parse_response, BuildError, Endpoint, Error, UserId};
use serde_json::{json, Value};

/// Builds `ep` and checks method, URI (relative to the API root, `{U}` placeholders),
/// `Accept`, and the JSON body (`None`: no body and no `Content-Type`).
fn check<E: Endpoint>(ep: &E, method: &str, uri: &str, accept: &str, body: Option<Value>) {
    let req = build(ep);
    assert_eq!(req.method().as_str(), method, "{}", E::INFO.operation_id);
    assert_eq!(E::INFO.method, method);
    assert_eq!(req.uri().to_string(), format!("{ROOT}{}", ids(uri)));
    assert_eq!(req.headers().get(ACCEPT).unwrap(), accept);
    match body {
        None => {
            assert!(
                req.body().is_empty(),
                "{} sends no body",
                E::INFO.operation_id
            );
            assert!(req.headers().get(CONTENT_TYPE).is_none());
        }
        Some(want) => {
            assert_eq!(req.headers().get(CONTENT_TYPE).unwrap(), "application/json");
            assert_eq!(json_body(&req), want);
        }
    }
}

#[test]
fn per_user_requests() {
    let j = "application/json";
    check(
        &GetUserAudits::new(uid()),
        "GET",
        "users/{U}/audits",
        j,
        None,
    );
    check(
        &GetUserAudits::new(UserId::me()).page(2).per_page(50),
        "GET",
        "users/me/audits?page=2&per_page=50",
        j,
        None,
    );
    check(
        &ConvertUserToBot::new(uid()),
        "POST",
        "users/{U}/convert_to_bot",
        j,
        None,
    );
    check(
        &DemoteUserToGuest::new(uid()),
        "POST",
        "users/{U}/demote",
        j,
        None,
    );
    check(
        &PromoteGuestToUser::new(uid()),
        "POST",
        "users/{U}/promote",
        j,
        None,
    );
    check(
        &GetGroupsByUserId::new(uid()),
        "GET",
        "users/{U}/groups",
        j,
        None,
    );
    check(
        &SetDefaultProfileImage::new(uid()),
        "DELETE",
        "users/{U}/image",
        j,
        None,
    );
    check(
        &GetDefaultProfileImage::new(uid()),
        "GET",
        "users/{U}/image/default",
        "image/*",
        None,
    );
    check(
        &ResetPasswordFailedAttempts::new(uid()),
        "POST",
        "users/{U}/reset_failed_attempts",
        j,
        None,
    );
    check(
        &ListCPAValues::new(uid()),
        "GET",
        "users/{U}/custom_profile_attributes",
        j,
        None,
    );
    let mut values = CpaValues::new();
    values.insert("fieldone0000000000000000001".into(), json!("Engineering"));
    values.insert("fieldtwo0000000000000000001".into(), json!(["a", "b"]));
    check(
        &PatchCPAValuesForUser::new(uid(), values),
        "PATCH",
        "users/{U}/custom_profile_attributes",
        j,
        // One object, field ID -> value, as patchCPAValuesForUser decodes it.
        Some(
            json!({"fieldone0000000000000000001": "Engineering", "fieldtwo0000000000000000001": ["a", "b"]}),
        ),
    );
}

#[test]
fn delete_user_permanent_is_a_query_flag() {
    check(
        &DeleteUser::new(uid()),
        "DELETE",
        "users/{U}",
        "application/json",
        None,
    );
    check(
        &DeleteUser::new(uid()).permanent(true),
        "DELETE",
        "users/{U}?permanent=true",
        "application/json",
        None,
    );
    check(
        &DeleteUser::new(uid()).permanent(false),
        "DELETE",
        "users/{U}?permanent=false",
        "application/json",
        None,
    );
}

#[test]
fn collection_requests() {
    let j = "application/json";
    check(
        &MigrateAuthToLdap::new(AuthService::Email, "email".into(), false),
        "POST",
        "users/migrate_auth/ldap",
        j,
        Some(json!({"from": "email", "match_field": "email", "force": false})),
    );
    let matches: BTreeMap<String, String> =
        [("alice@example.com".to_owned(), "alice.saml".to_owned())].into();
    check(
        &MigrateAuthToSaml::new(AuthService::Gitlab, matches, true),
        "POST",
        "users/migrate_auth/saml",
        j,
        Some(
            json!({"from": "gitlab", "matches": {"alice@example.com": "alice.saml"}, "auto": true}),
        ),
    );
    check(&PermanentDeleteAllUsers::new(), "DELETE", "users", j, None);
}

#[test]
fn operation_ids_follow_the_spec() {
    // The spec spells this one in lower camel case; the struct keeps Rust's style.
    assert_eq!(
        ResetPasswordFailedAttempts::INFO.operation_id,
        "resetPasswordFailedAttempts"
    );
    assert_eq!(
        ResetPasswordFailedAttempts::INFO.path,
        "/users/{user_id}/reset_failed_attempts"
    );
    assert_eq!(ListCPAValues::INFO.operation_id, "ListCPAValues");
    assert_eq!(PermanentDeleteAllUsers::INFO.path, "/users");
    for op in [
        "GetUserAudits",
        "ConvertUserToBot",
        "DemoteUserToGuest",
        "PromoteGuestToUser",
        "GetGroupsByUserId",
        "SetDefaultProfileImage",
        "GetDefaultProfileImage",
        "resetPasswordFailedAttempts",
        "ListCPAValues",
        "PatchCPAValuesForUser",
        "MigrateAuthToLdap",
        "MigrateAuthToSaml",
        "PermanentDeleteAllUsers",
    ] {
        assert!(
            ALL.iter().any(|i| i.operation_id == op),
            "{op} is not in ALL"
        );
    }
}

#[test]
fn migration_sources_the_server_refuses_fail_before_io() {
    // migrateAuthToLDAP accepts email, gitlab, saml, google, office365; migrateAuthToSaml
    // email, gitlab, ldap, google, office365 (server/channels/api4/user.go).
    let to_ldap = try_build(&MigrateAuthToLdap::new(
        AuthService::Ldap,
        "email".into(),
        true,
    ));
    assert!(matches!(
        to_ldap,
        Err(BuildError::InvalidParam { param: "from", .. })
    ));
    let to_saml = try_build(&MigrateAuthToSaml::new(
        AuthService::Saml,
        BTreeMap::new(),
        true,
    ));
    assert!(matches!(
        to_saml,
        Err(BuildError::InvalidParam { param: "from", .. })
    ));
    for from in [
        AuthService::Saml,
        AuthService::Office365,
        AuthService::Google,
    ] {
        assert!(try_build(&MigrateAuthToLdap::new(from, "email".into(), true)).is_ok());
    }
    for from in [AuthService::Ldap, AuthService::Email, AuthService::Gitlab] {
        assert!(try_build(&MigrateAuthToSaml::new(from, BTreeMap::new(), false)).is_ok());
    }
}

#[test]
fn audits_per_page_is_bounded_and_paged() {
    for n in [0, 201] {
        let err = try_build(&GetUserAudits::new(uid()).per_page(n)).unwrap_err();
        assert!(
            matches!(
                err,
                BuildError::InvalidParam {
                    param: "per_page",
                    ..
                }
            ),
            "{n}"
        );
    }
    let ep = GetUserAudits::new(uid()).per_page(20).at_page(3, 20);
    assert_eq!(ep.page, Some(3));
    assert_eq!(ep.requested_per_page(), Some(20));
}

#[test]
fn decodes_a_bot_from_convert_to_bot() {
    // What convertUserToBot writes: model.Bot (display_name, description and
    // last_icon_update are omitempty).
    let body = json!({
        "user_id": U, "username": "alice", "display_name": "alice", "owner_id": U,
        "create_at": 1700000001000_i64, "update_at": 1700000001000_i64, "delete_at": 0,
        "future_field": {"x": 1}
    });
    let bot: Bot = parse_response::<ConvertUserToBot>(json_response(200, &body)).unwrap();
    assert_eq!(bot.user_id, U);
    assert_eq!(bot.owner_id, U);
    assert_eq!(bot.display_name.as_deref(), Some("alice"));
    assert_eq!(bot.description, None);
    assert_eq!(bot.extra["future_field"], json!({"x": 1}));
    // Sent back, omitempty fields stay absent and unknown ones survive.
    let back = serde_json::to_value(&bot).unwrap();
    assert!(back.get("description").is_none());
    assert_eq!(back["future_field"], json!({"x": 1}));
}

#[test]
fn decodes_groups_with_null_remote_id() {
    let body = json!([{
        "id": U2, "name": "devs", "display_name": "Devs", "description": "", "source": "custom",
        "remote_id": null, "create_at": 1, "update_at": 2, "delete_at": 0,
        "has_syncables": false, "allow_reference": true, "member_ids": null, "member_count": 3
    }]);
    let groups: Vec<Group> =
        parse_response::<GetGroupsByUserId>(json_response(200, &body)).unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].remote_id, None);
    assert_eq!(groups[0].member_count, Some(3));
    assert_eq!(groups[0].name.as_deref(), Some("devs"));
    // remote_id has no omitempty on the server: it goes back as null, not absent.
    let back = serde_json::to_value(&groups[0]).unwrap();
    assert_eq!(back["remote_id"], Value::Null);
    assert!(back.get("channel_member_count").is_none());
}

#[test]
fn decodes_audits_and_cpa_values() {
    let body = json!([{"id": U2, "create_at": 5, "user_id": U, "action": "/api/v4/users/login",
        "extra_info": "success", "ip_address": "127.0.0.1", "session_id": S}]);
    let audits = parse_response::<GetUserAudits>(json_response(200, &body)).unwrap();
    assert_eq!(audits[0].action, "/api/v4/users/login");
    assert_eq!(audits[0].session_id, S);
    assert_eq!(GetUserAudits::items(audits).len(), 1);

    // listCPAValues encodes a map of field ID to raw JSON value.
    let body = json!({"fieldone0000000000000000001": "x", "fieldtwo0000000000000000001": ["a"]});
    let values = parse_response::<ListCPAValues>(json_response(200, &body)).unwrap();
    assert_eq!(values["fieldtwo0000000000000000001"], json!(["a"]));
    assert_eq!(values.len(), 2);
}

#[test]
fn default_image_keeps_bytes_and_type() {
    let resp = response(
        200,
        &[("content-type", "image/png")],
        Bytes::from_static(b"\x89PNG"),
    );
    let img = parse_response::<GetDefaultProfileImage>(resp).unwrap();
    assert_eq!(img.content_type.as_deref(), Some("image/png"));
    assert_eq!(&img.bytes[..], b"\x89PNG");
}

#[test]
fn permanent_deletion_refused_keeps_the_error_id() {
    let body = json!({"id": "api.user.delete_user.not_enabled.app_error", "message": "m",
        "detailed_error": "", "request_id": "r", "status_code": 401});
    let err = parse_response::<DeleteUser>(json_response(401, &body)).unwrap_err();
    match err {
        Error::Api(e) => {
            assert_eq!(e.status, 401);
            assert_eq!(e.id(), Some("api.user.delete_user.not_enabled.app_error"));
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}
