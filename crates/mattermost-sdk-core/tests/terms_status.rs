//! Terms of service and custom status: the request each builds (method, URI, body), what
//! they refuse before I/O, and decoding the answers.

mod common;

use common::*;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::http::header::CONTENT_TYPE;
use mattermost_sdk_core::models::{rfc3339_unix_seconds, CustomStatus, UserTermsOfService};
use mattermost_sdk_core::{parse_response, BuildError, Endpoint, UserId};
use serde_json::{json, Value};

const TOS: &str = "t0s0t0s0t0s0t0s0t0s0t0s0t0";
/// Far enough ahead for every run of these tests.
const FUTURE: &str = "2099-01-01T00:00:00Z";

fn check<E: Endpoint>(ep: &E, method: &str, uri: &str, body: Option<Value>) {
    let req = build(ep);
    assert_eq!(req.method().as_str(), method, "{}", E::INFO.operation_id);
    assert_eq!(E::INFO.method, method);
    assert_eq!(req.uri().to_string(), format!("{ROOT}{}", ids(uri)));
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
fn terms_of_service_requests_send_what_the_server_reads() {
    check(
        &GetUserTermsOfService::new(UserId::me()),
        "GET",
        "users/me/terms_of_service",
        None,
    );
    // termsOfServiceId and a JSON boolean (saveUserTermsOfService), not the spec's
    // serviceTermsId and string.
    check(
        &RegisterTermsOfServiceAction::new(uid(), TOS.into(), true),
        "POST",
        "users/{U}/terms_of_service",
        Some(json!({"termsOfServiceId": TOS, "accepted": true})),
    );
    check(
        &RegisterTermsOfServiceAction::new(UserId::me(), TOS.into(), false),
        "POST",
        "users/me/terms_of_service",
        Some(json!({"termsOfServiceId": TOS, "accepted": false})),
    );
    assert_eq!(
        invalid_param(&RegisterTermsOfServiceAction::new(
            uid(),
            String::new(),
            true
        )),
        "termsOfServiceId"
    );
    let got: UserTermsOfService = parse_response::<GetUserTermsOfService>(json_response(
        200,
        &json!({"user_id": U, "terms_of_service_id": TOS, "create_at": 1_700_000_000_000_i64, "new": 1}),
    ))
    .unwrap();
    assert_eq!(
        (got.user_id.as_str(), got.terms_of_service_id.as_str()),
        (U, TOS)
    );
    assert_eq!(got.create_at, 1_700_000_000_000);
    assert_eq!(got.extra["new"], 1);
}

#[test]
fn custom_status_requests() {
    let cs = CustomStatus::new("palm_tree", "On holiday").until("date_and_time", FUTURE);
    let wire = json!({"emoji": "palm_tree", "text": "On holiday", "duration": "date_and_time", "expires_at": FUTURE});
    check(
        &UpdateUserCustomStatus::new(uid(), cs.clone()),
        "PUT",
        "users/{U}/status/custom",
        Some(wire.clone()),
    );
    check(
        &UnsetUserCustomStatus::new(UserId::me()),
        "DELETE",
        "users/me/status/custom",
        None,
    );
    check(
        &RemoveRecentCustomStatus::new(uid(), cs.clone()),
        "DELETE",
        "users/{U}/status/custom/recent",
        Some(wire.clone()),
    );
    check(
        &PostUserRecentCustomStatusDelete::new(uid(), cs),
        "POST",
        "users/{U}/status/custom/recent/delete",
        Some(wire),
    );
    // No expiry goes as Go's zero time, every field present (the server decodes a
    // time.Time; an empty string is a 400).
    check(
        &UpdateUserCustomStatus::new(uid(), CustomStatus::new("", "busy")),
        "PUT",
        "users/{U}/status/custom",
        Some(
            json!({"emoji": "", "text": "busy", "duration": "", "expires_at": "0001-01-01T00:00:00Z"}),
        ),
    );
    // Fields this SDK does not know go back as they came.
    let mut known: CustomStatus = serde_json::from_value(json!({
        "emoji": "x", "text": "y", "duration": "", "expires_at": "0001-01-01T00:00:00Z", "set_by": "plugin"
    }))
    .unwrap();
    assert_eq!(known.expires_at_unix(), None);
    known.text = "z".into();
    assert_eq!(
        json_body(&build(&PostUserRecentCustomStatusDelete::new(uid(), known)))["set_by"],
        "plugin"
    );
}

#[test]
fn custom_status_is_checked_as_the_server_checks_it() {
    let set = |cs: CustomStatus| invalid_param(&UpdateUserCustomStatus::new(uid(), cs));
    assert_eq!(set(CustomStatus::new("", "")), "custom_status");
    assert_eq!(
        set(CustomStatus::new("x", "").until("forever", FUTURE)),
        "custom_status"
    );
    // A duration needs an expiry, in the future.
    assert_eq!(
        set(CustomStatus::new("x", "").until("one_hour", "")),
        "custom_status"
    );
    assert_eq!(
        set(CustomStatus::new("x", "").until("one_hour", "2001-01-01T00:00:00Z")),
        "custom_status"
    );
    assert_eq!(
        set(CustomStatus::new("x", "").until("", "2001-01-01T00:00:00Z")),
        "custom_status"
    );
    assert_eq!(
        set(CustomStatus::new("x", "").until("", "tomorrow")),
        "custom_status"
    );
    for ok in [
        CustomStatus::new("x", ""),
        CustomStatus::new("", "y").until("", FUTURE),
        CustomStatus::new("x", "y").until("this_week", "2099-01-01T10:00:00.5+02:00"),
    ] {
        try_build(&UpdateUserCustomStatus::new(uid(), ok.clone()))
            .unwrap_or_else(|e| panic!("{ok:?}: {e}"));
    }
    let remove =
        |cs: CustomStatus| invalid_param(&PostUserRecentCustomStatusDelete::new(uid(), cs));
    assert_eq!(remove(CustomStatus::new("", "")), "recent_custom_status");
    assert_eq!(
        remove(CustomStatus::new("x", "").until("", "soon")),
        "recent_custom_status"
    );
    assert_eq!(
        invalid_param(&RemoveRecentCustomStatus::new(
            uid(),
            CustomStatus::new("", "")
        )),
        "recent_custom_status"
    );
    // A past expiry is fine in a recent status: the server only decodes it.
    try_build(&RemoveRecentCustomStatus::new(
        uid(),
        CustomStatus::new("x", "").until("one_hour", "2001-01-01T00:00:00Z"),
    ))
    .unwrap();
}

#[test]
fn rfc3339_reads_as_go_does() {
    assert_eq!(rfc3339_unix_seconds("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(
        rfc3339_unix_seconds("2000-03-01T00:00:00Z"),
        Some(951_868_800)
    );
    assert_eq!(
        rfc3339_unix_seconds("1970-01-01T02:00:00.123+02:00"),
        Some(0)
    );
    assert_eq!(rfc3339_unix_seconds("1969-12-31T23:00:00-01:00"), Some(0));
    for bad in [
        "",
        "2020-02-30T00:00:00Z",
        "2020-01-01 00:00:00Z",
        "2020-01-01T00:00:00",
        "2020-01-01T24:00:00Z",
        "2020-01-01T00:00:00.Z",
    ] {
        assert_eq!(rfc3339_unix_seconds(bad), None, "{bad}");
    }
}

#[test]
fn answers_decode() {
    for status_ok in [
        parse_response::<UpdateUserCustomStatus>(json_response(200, &json!({"status": "OK"})))
            .map(|s| s.status),
        parse_response::<UnsetUserCustomStatus>(json_response(200, &json!({"status": "OK"})))
            .map(|s| s.status),
        parse_response::<RegisterTermsOfServiceAction>(json_response(
            200,
            &json!({"status": "OK"}),
        ))
        .map(|s| s.status),
    ] {
        assert_eq!(status_ok.unwrap(), "OK");
    }
    let err = parse_response::<GetUserTermsOfService>(json_response(
        404,
        &json!({"id": "app.user_terms_of_service.get_by_user.no_rows.app_error", "message": "none", "status_code": 404}),
    ))
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("app.user_terms_of_service.get_by_user.no_rows.app_error"),
        "{err}"
    );
}
