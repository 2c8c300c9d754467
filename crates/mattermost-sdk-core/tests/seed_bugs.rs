//! One test per wire-level bug of the Perl client (SEED-MAP, "Mistakes in the Perl client"),
//! pinning down that ours does not repeat it.

mod common;

use common::*;
use mattermost_sdk_core::bytes::Bytes;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::http::header::CONTENT_TYPE;
use mattermost_sdk_core::models::{Role, StatusValue, UserAuthData};
use mattermost_sdk_core::{
    ignore, parse_response, raw, ApiErrorBody, BuildError, Error, Secret, UserId,
};
use serde_json::json;

#[test]
fn update_roles_sends_one_space_separated_string() {
    let roles = vec![
        Role::SystemUser,
        Role::SystemAdmin,
        Role::Other("custom_role".into()),
    ];
    let body = json_body(&build(&UpdateUserRoles::new(uid(), roles)));
    assert_eq!(
        body,
        json!({"roles": "system_user system_admin custom_role"})
    );
    assert!(body["roles"].is_string(), "not an array");
}

#[test]
fn update_auth_always_sends_body() {
    // The auth data is always sent as a JSON body. (Email login cannot be set through this
    // operation: the server requires both fields, see `field_reports.rs` case 4.)
    for auth in [
        UserAuthData {
            auth_service: "ldap".into(),
            auth_data: Some("cn=alice".into()),
            ..UserAuthData::default()
        },
        UserAuthData {
            auth_service: "saml".into(),
            auth_data: Some("alice@idp".into()),
            ..UserAuthData::default()
        },
    ] {
        let req = build(&UpdateUserAuth::new(uid(), auth.clone()));
        assert_eq!(req.headers().get(CONTENT_TYPE).unwrap(), "application/json");
        assert!(!req.body().is_empty());
        let body = json_body(&req);
        assert_eq!(body["auth_service"], json!(auth.auth_service));
        assert_eq!(body["auth_data"], json!(auth.auth_data));
    }
}

#[test]
fn revoke_all_sessions_has_user_id_in_path() {
    for (user, seg) in [(uid(), U), (UserId::me(), "me")] {
        let req = build(&RevokeAllSessions::new(user));
        assert_eq!(
            req.uri().path(),
            format!("/api/v4/users/{seg}/sessions/revoke/all")
        );
    }
}

#[test]
fn deactivate_validates_the_id() {
    // A DeleteUser can only hold a UserId, and an invalid one cannot even be constructed.
    for bad in [
        "../x",
        "",
        "..",
        "x",
        "4XP9FDT77PNCBEF59F4K1QE83O",
        "4xp9fdt77pncbef59f4k1qe83o/",
    ] {
        match UserId::new(bad) {
            Err(BuildError::InvalidId { kind, value }) => {
                assert_eq!(kind, "user ID");
                assert_eq!(value, bad);
            }
            other => panic!("{bad:?} was accepted: {other:?}"),
        }
    }
    let req = build(&DeleteUser::new(uid()));
    assert_eq!(req.method(), "DELETE");
    assert_eq!(req.uri().path(), format!("/api/v4/users/{U}"));
}

#[test]
fn set_status_sends_user_id_and_rejects_me_in_body() {
    let req = build(&UpdateUserStatus::new(
        UserId::me(),
        uid(),
        StatusValue::Away,
    ));
    assert_eq!(req.uri().path(), "/api/v4/users/me/status");
    assert_eq!(json_body(&req), json!({"user_id": U, "status": "away"}));

    let err = try_build(&UpdateUserStatus::new(
        UserId::me(),
        UserId::me(),
        StatusValue::Online,
    ))
    .unwrap_err();
    assert!(
        matches!(
            err,
            BuildError::InvalidParam {
                param: "user_id",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn update_password_sends_current_password() {
    let req = build(
        &UpdateUserPassword::new(uid(), Secret::new("new")).current_password(Secret::new("old")),
    );
    let body = json_body(&req);
    assert_eq!(
        body,
        json!({"current_password": "old", "new_password": "new"})
    );
    assert!(body.get("old_password").is_none());
}

#[test]
fn update_mfa_sends_code_as_string() {
    // Leading zeros are what a number would lose.
    let req = build(&UpdateUserMfa::new(uid(), true).code("000123".into()));
    let body = json_body(&req);
    assert!(body["code"].is_string(), "{body}");
    assert_eq!(body["code"], "000123");
}

#[test]
fn errors_are_errors_not_responses() {
    let mm = json!({
        "id": "app.user.missing_account.const", "message": "Unable to find the user.",
        "detailed_error": "", "request_id": "8w1ypb9nrtnuxcfnxkcgzbrpgy", "status_code": 404
    });
    for status in [300, 304, 400, 401, 403, 404, 429, 500, 502, 503] {
        let got = parse_response::<GetUser>(json_response(status, &mm));
        match got {
            Err(Error::Api(e)) => {
                assert_eq!(e.status.as_u16(), status);
                assert!(matches!(e.body, ApiErrorBody::Mattermost(_)));
            }
            other => panic!("{status} gave {other:?}"),
        }
        // The combinators check the status too.
        let raw_result = parse_response::<mattermost_sdk_core::Raw<GetUser>>(response(
            status,
            &[],
            Bytes::from_static(b"{}"),
        ));
        assert!(matches!(raw_result, Err(Error::Api(_))), "raw {status}");
        let ignored =
            parse_response::<mattermost_sdk_core::Ignore<DeleteUser>>(response(status, &[], ""));
        assert!(matches!(ignored, Err(Error::Api(_))), "ignore {status}");
    }
    // The combinator constructors are the same types.
    let _: mattermost_sdk_core::Raw<GetUser> = raw(GetUser::new(uid()));
    let _: mattermost_sdk_core::Ignore<DeleteUser> = ignore(DeleteUser::new(uid()));
}
