//! Personal access tokens and the session/device operations: the request each builds
//! (method, URI, body), what they reject before I/O, decoding the answers, and that the new
//! token string never shows in `Debug`, `Display` or an error.

mod common;

use common::*;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::http::header::CONTENT_TYPE;
use mattermost_sdk_core::models::{CreatedUserAccessToken, UserAccessToken};
use mattermost_sdk_core::paging::{PageRule, Paged};
use mattermost_sdk_core::{parse_response, BuildError, Endpoint, TokenId, UserId};
use serde_json::{json, Value};

/// A token ID.
const K: &str = "k8xq3nd1o7fybm5ujrq9wt4cse";
/// A new token string (a secret).
const SECRET_TOKEN: &str = "zq8sekretsekretsekret0042x";

fn kid() -> TokenId {
    TokenId::new(K).unwrap()
}

fn check<E: Endpoint>(ep: &E, method: &str, uri: &str, body: Option<Value>) {
    let req = build(ep);
    assert_eq!(req.method().as_str(), method, "{}", E::INFO.operation_id);
    assert_eq!(E::INFO.method, method);
    assert_eq!(
        req.uri().to_string(),
        format!("{ROOT}{}", ids(uri).replace("{K}", K))
    );
    match body {
        None => {
            assert!(req.body().is_empty());
            assert!(req.headers().get(CONTENT_TYPE).is_none());
        }
        Some(want) => assert_eq!(json_body(&req), want),
    }
}

fn invalid_param<E: Endpoint>(ep: &E) -> &'static str {
    match try_build(ep) {
        Err(BuildError::InvalidParam { param, .. }) => param,
        other => panic!(
            "{}: expected InvalidParam, got {other:?}",
            E::INFO.operation_id
        ),
    }
}

#[test]
fn token_requests() {
    check(
        &CreateUserAccessToken::new(uid(), "ci bot".into()),
        "POST",
        "users/{U}/tokens",
        Some(json!({"description": "ci bot"})),
    );
    check(
        &GetUserAccessTokensForUser::new(UserId::me())
            .page(1)
            .per_page(5),
        "GET",
        "users/me/tokens?page=1&per_page=5",
        None,
    );
    check(&GetUserAccessTokens::new(), "GET", "users/tokens", None);
    check(
        &GetUserAccessTokens::new().page(0).per_page(200),
        "GET",
        "users/tokens?page=0&per_page=200",
        None,
    );
    check(
        &GetUserAccessToken::new(kid()),
        "GET",
        "users/tokens/{K}",
        None,
    );
    for (ep_path, body) in [
        (
            "users/tokens/revoke",
            build(&RevokeUserAccessToken::new(kid())),
        ),
        (
            "users/tokens/disable",
            build(&DisableUserAccessToken::new(kid())),
        ),
        (
            "users/tokens/enable",
            build(&EnableUserAccessToken::new(kid())),
        ),
    ] {
        assert_eq!(body.method().as_str(), "POST");
        assert_eq!(body.uri().to_string(), format!("{ROOT}{ep_path}"));
        assert_eq!(json_body(&body), json!({"token_id": K}));
    }
    check(
        &SearchUserAccessTokens::new("alice".into()),
        "POST",
        "users/tokens/search",
        Some(json!({"term": "alice"})),
    );
}

#[test]
fn token_inputs_the_server_refuses_fail_before_io() {
    assert_eq!(
        invalid_param(&CreateUserAccessToken::new(uid(), String::new())),
        "description"
    );
    // 255 bytes pass, 256 do not (`len(t.Description) > 255`, in bytes: "é" is 2).
    assert!(try_build(&CreateUserAccessToken::new(uid(), "x".repeat(255))).is_ok());
    assert_eq!(
        invalid_param(&CreateUserAccessToken::new(uid(), "é".repeat(128))),
        "description"
    );
    assert_eq!(
        invalid_param(&SearchUserAccessTokens::new(String::new())),
        "term"
    );
    assert_eq!(
        invalid_param(&GetUserAccessTokens::new().per_page(201)),
        "per_page"
    );
    assert!(TokenId::new("me").is_err());
    assert!(TokenId::new("short").is_err());
}

#[test]
fn token_lists_stop_on_a_short_page() {
    assert_eq!(GetUserAccessTokens::RULE, PageRule::ShortPageEnds);
    assert_eq!(GetUserAccessTokensForUser::RULE, PageRule::ShortPageEnds);
    let t = UserAccessToken {
        id: K.into(),
        ..Default::default()
    };
    assert_eq!(GetUserAccessTokens::key(&t), K);
    let ep = GetUserAccessTokensForUser::new(uid()).at_page(3, 7);
    assert_eq!((ep.page, ep.per_page), (Some(3), Some(7)));
}

#[test]
fn decodes_a_created_token_and_keeps_it_secret() {
    let answer = json!({"id": K, "token": SECRET_TOKEN, "user_id": U, "description": "ci",
        "is_active": true, "new_field": 1});
    let created = parse_response::<CreateUserAccessToken>(json_response(200, &answer)).unwrap();
    assert_eq!(created.token.expose(), SECRET_TOKEN);
    assert_eq!(created.id, K);
    assert!(created.is_active);
    assert_eq!(created.extra["new_field"], 1);
    let shown = format!("{created:?}");
    assert!(!shown.contains(SECRET_TOKEN), "{shown}");
    assert!(shown.contains("redacted"));
}

/// A malformed create answer (wrong types, the secret inside) fails to decode without
/// quoting the token, in `Display` or `Debug`; so does an error answer carrying it.
#[test]
fn a_malformed_create_answer_does_not_quote_the_token() {
    let bodies = [
        json!({"id": K, "token": SECRET_TOKEN, "is_active": "yes"}),
        json!({"id": 5, "token": SECRET_TOKEN}),
        json!([{"token": SECRET_TOKEN}]),
        json!({"id": K}),
    ];
    for body in bodies {
        let err = parse_response::<CreateUserAccessToken>(json_response(200, &body)).unwrap_err();
        for shown in [format!("{err}"), format!("{err:?}")] {
            assert!(!shown.contains(SECRET_TOKEN), "{shown}");
        }
    }
    let raw = format!("{{\"token\": \"{SECRET_TOKEN}\", \"id\": ");
    let err = parse_response::<CreateUserAccessToken>(response(
        200,
        &[("content-type", "application/json")],
        raw.into_bytes(),
    ))
    .unwrap_err();
    assert!(!format!("{err} {err:?}").contains(SECRET_TOKEN));
    let api = json!({"id": "x", "message": "m", "detailed_error": format!("token={SECRET_TOKEN}"),
        "status_code": 500});
    let err = parse_response::<CreateUserAccessToken>(json_response(500, &api)).unwrap_err();
    assert!(!format!("{err} {err:?}").contains(SECRET_TOKEN));
}

#[test]
fn listed_tokens_read_a_blank_token_as_none() {
    let list = json!([{"id": K, "token": "", "user_id": U, "description": "d", "is_active": false},
        {"id": K, "user_id": U, "description": "d", "is_active": true}]);
    let got = parse_response::<GetUserAccessTokens>(json_response(200, &list)).unwrap();
    assert!(got.iter().all(|t| t.token.is_none()));
    assert!(!got[0].is_active && got[1].is_active);
    let one: UserAccessToken = serde_json::from_value(
        json!({"id": K, "token": SECRET_TOKEN, "user_id": U, "description": "", "is_active": true}),
    )
    .unwrap();
    assert!(!format!("{one:?}").contains(SECRET_TOKEN));
    // Serialized back: the secret goes out only where it came in.
    let back = serde_json::to_value(&one).unwrap();
    assert_eq!(back["token"], SECRET_TOKEN);
    let created: Result<CreatedUserAccessToken, _> =
        serde_json::from_value(json!({"id": K, "user_id": U}));
    assert!(
        created.is_err(),
        "a create answer without its token is an error"
    );
}

#[test]
fn session_and_device_requests() {
    check(
        &RevokeSessionsFromAllUsers::new(),
        "POST",
        "users/sessions/revoke/all",
        None,
    );
    check(
        &AttachDeviceExtraProps::new()
            .device_id("android:abc".into())
            .device_notification_disabled(true)
            .mobile_version("2.21.0".into()),
        "PUT",
        "users/sessions/device",
        // A string map: the flag is the STRING "true" (`handleDeviceProps`).
        Some(
            json!({"device_id": "android:abc", "deviceNotificationDisabled": "true",
            "mobileVersion": "2.21.0"}),
        ),
    );
    check(
        &AttachDeviceExtraProps::new().device_notification_disabled(false),
        "PUT",
        "users/sessions/device",
        Some(json!({"deviceNotificationDisabled": "false"})),
    );
    assert_eq!(invalid_param(&AttachDeviceExtraProps::new()), "device_id");
    assert_eq!(
        invalid_param(&AttachDeviceExtraProps::new().mobile_version("2.1".into())),
        "mobileVersion"
    );
}

#[test]
fn semver_as_blang_semver_parses_it() {
    for ok in [
        "0.0.0",
        "2.21.0",
        "1.2.3-beta.1",
        "1.2.3+build.5",
        "10.20.30-rc.1+b",
    ] {
        assert!(is_semver(ok), "{ok}");
    }
    for bad in [
        "", "1", "1.2", "01.2.3", "1.2.3-", "1.2.3-01", "v1.2.3", "1.2.3.4", "1.x.3",
    ] {
        assert!(!is_semver(bad), "{bad}");
    }
}
