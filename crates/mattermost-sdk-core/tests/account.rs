//! The account-flow endpoints (password reset, email verification, the deprecated MFA check)
//! and the login options: the request each builds, what they reject before I/O, decoding,
//! and that none of their secrets shows in `Debug` or in errors.
#![allow(deprecated)] // CheckUserMfa is deprecated but still built and tested

mod common;

use common::*;
use mattermost_sdk_core::bytes::Bytes;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::http::header::{ACCEPT, CONTENT_TYPE};
use mattermost_sdk_core::{parse_response, BuildError, Endpoint, Secret, Token};
use serde_json::{json, Value};

const TOKEN64: &str = "abcdefghij0123456789abcdefghij0123456789abcdefghij0123456789wxyz";

fn check<E: Endpoint>(ep: &E, uri: &str, body: Option<Value>) {
    let req = build(ep);
    assert_eq!(req.method().as_str(), "POST");
    assert_eq!(E::INFO.method, "POST");
    assert_eq!(req.uri().to_string(), format!("{ROOT}{}", ids(uri)));
    assert_eq!(req.headers().get(ACCEPT).unwrap(), "application/json");
    match body {
        None => assert!(req.body().is_empty()),
        Some(want) => {
            assert_eq!(req.headers().get(CONTENT_TYPE).unwrap(), "application/json");
            assert_eq!(json_body(&req), want);
        }
    }
}

#[test]
fn requests() {
    assert_eq!(TOKEN64.len(), EMAILED_TOKEN_LEN);
    check(
        &SendPasswordResetEmail::new("a@example.com".into()),
        "users/password/reset/send",
        Some(json!({"email": "a@example.com"})),
    );
    // `token` is what `resetPassword` (server/channels/api4/user.go) reads; `code` is the
    // spec's name for the same value.
    check(
        &ResetPassword::new(Token::new(TOKEN64), Secret::new("N3w-Passw0rd!")),
        "users/password/reset",
        Some(json!({"token": TOKEN64, "code": TOKEN64, "new_password": "N3w-Passw0rd!"})),
    );
    check(
        &SendVerificationEmail::new("a@example.com".into()),
        "users/email/verify/send",
        Some(json!({"email": "a@example.com"})),
    );
    check(
        &SendVerificationEmail::new("a@example.com".into()).redirect("/welcome".into()),
        "users/email/verify/send?r=%2Fwelcome",
        Some(json!({"email": "a@example.com"})),
    );
    check(
        &VerifyUserEmail::new(Token::new(TOKEN64)),
        "users/email/verify",
        Some(json!({"token": TOKEN64})),
    );
    check(
        &VerifyUserEmailWithoutToken::new(uid()),
        "users/{U}/email/verify/member",
        None,
    );
    check(
        &CheckUserMfa::new("alice".into()),
        "users/mfa",
        Some(json!({"login_id": "alice"})),
    );
}

#[test]
fn login_options_go_as_strings() {
    let ep = Login::new("alice".into(), Secret::new("pw"));
    assert_eq!(
        json_body(&build(&ep)),
        json!({"login_id": "alice", "password": "pw"})
    );
    let ep = Login::new("alice".into(), Secret::new("pw"))
        .ldap_only(true)
        .device_id("android:abc".into())
        .mfa_code(Secret::new("123456"));
    // Every value a string: the server reads the body with `model.MapFromJSON` and drops the
    // whole body when any value is not a string.
    let body = json_body(&build(&ep));
    assert_eq!(
        body,
        json!({"login_id": "alice", "password": "pw", "token": "123456",
               "device_id": "android:abc", "ldap_only": "true"})
    );
    assert!(body.as_object().unwrap().values().all(Value::is_string));
    let off = Login::new("alice".into(), Secret::new("pw")).ldap_only(false);
    assert!(json_body(&build(&off)).get("ldap_only").is_none());
}

#[test]
fn refused_before_io() {
    let param = |e: BuildError| match e {
        BuildError::InvalidParam { param, .. } => param,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        param(try_build(&SendPasswordResetEmail::new(" ".into())).unwrap_err()),
        "email"
    );
    assert_eq!(
        param(try_build(&SendVerificationEmail::new(String::new())).unwrap_err()),
        "email"
    );
    assert_eq!(
        param(try_build(&ResetPassword::new(Token::new("short"), Secret::new("x"))).unwrap_err()),
        "token"
    );
    assert_eq!(
        param(try_build(&ResetPassword::new(Token::new(TOKEN64), Secret::new(""))).unwrap_err()),
        "new_password"
    );
    assert_eq!(
        param(try_build(&VerifyUserEmail::new(Token::new("x".repeat(65)))).unwrap_err()),
        "token"
    );
    assert_eq!(
        param(try_build(&CheckUserMfa::new(String::new())).unwrap_err()),
        "login_id"
    );
}

#[test]
fn decoding() {
    let resp = |v: Value| {
        mattermost_sdk_core::http::Response::builder()
            .status(200)
            .body(Bytes::from(v.to_string()))
            .unwrap()
    };
    let ok = parse_response::<ResetPassword>(resp(json!({"status": "OK"}))).unwrap();
    assert!(ok.is_ok());
    let mfa = parse_response::<CheckUserMfa>(resp(json!({"mfa_required": true}))).unwrap();
    assert!(mfa.mfa_required);
    let user = parse_response::<VerifyUserEmailWithoutToken>(resp(
        json!({"id": "u1u1u1u1u1u1u1u1u1u1u1u1u1", "username": "a", "email_verified": false}),
    ))
    .unwrap();
    assert_eq!(user.username, "a");
    let err = parse_response::<VerifyUserEmail>(
        mattermost_sdk_core::http::Response::builder()
            .status(400)
            .body(Bytes::from(
                json!({"id": "api.user.verify_email.bad_link.app_error", "message": "Bad verify email link.", "status_code": 400}).to_string(),
            ))
            .unwrap(),
    )
    .unwrap_err();
    assert!(format!("{err}").contains("bad_link"));
}

/// No secret of these operations (password, reset or verification token, MFA code) shows in
/// `Debug` of the endpoint, or in the error of a refused build.
#[test]
fn secrets_never_show() {
    let pw = "Sup3r-S3cret-Passw0rd";
    let eps: Vec<String> = vec![
        format!(
            "{:?}",
            ResetPassword::new(Token::new(TOKEN64), Secret::new(pw))
        ),
        format!("{:?}", VerifyUserEmail::new(Token::new(TOKEN64))),
        format!(
            "{:?}",
            Login::new("alice".into(), Secret::new(pw))
                .mfa_code(Secret::new("987654"))
                .ldap_only(true)
        ),
    ];
    for d in &eps {
        assert!(
            !d.contains(pw) && !d.contains(TOKEN64) && !d.contains("987654"),
            "{d}"
        );
    }
    let short = "short-secret-token";
    let errs = [
        try_build(&ResetPassword::new(Token::new(short), Secret::new(pw))).unwrap_err(),
        try_build(&VerifyUserEmail::new(Token::new(short))).unwrap_err(),
    ];
    for e in errs {
        let (d, s) = (format!("{e:?}"), e.to_string());
        assert!(!d.contains(short) && !s.contains(short), "{d} / {s}");
    }
}
