//! Tokens and passwords never show in `Debug` output or error messages.
#![allow(deprecated)] // LoginSSOCodeExchange is deprecated but its secrets are checked

mod common;

use common::*;
use mattermost_sdk_core::bytes::Bytes;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::http::header::AUTHORIZATION;
use mattermost_sdk_core::models::{
    AuthService, MfaSecret, OAuthApp, Session, SsoCodeExchangeSession, SwitchRequest,
};
use mattermost_sdk_core::{
    build_request, parse_response, raw, BaseUrl, Error, Raw, Secret, Token, UserId,
};
use serde_json::json;

/// A value that must never be printed.
const SECRET: &str = "Sup3rS3cretValue";

fn assert_hidden(what: &str, shown: &str) {
    assert!(!shown.contains(SECRET), "{what} shows the secret: {shown}");
}

fn assert_debug_hidden(what: &str, value: &impl std::fmt::Debug) {
    assert_hidden(what, &format!("{value:?}"));
    assert_hidden(what, &format!("{value:#?}"));
}

#[test]
fn debug_never_shows_secrets() {
    assert_debug_hidden("Token", &Token::new(SECRET));
    assert_debug_hidden("Secret", &Secret::new(SECRET));
    assert_eq!(format!("{:?}", Token::new(SECRET)), "Token(<redacted>)");
    assert_eq!(format!("{:?}", Secret::new(SECRET)), "Secret(<redacted>)");

    assert_debug_hidden("Login", &Login::new("alice".into(), Secret::new(SECRET)));
    assert_debug_hidden(
        "UpdateUserPassword",
        &UpdateUserPassword::new(uid(), Secret::new(SECRET)).current_password(Secret::new(SECRET)),
    );

    let session: Session =
        serde_json::from_value(json!({"id": S, "user_id": U, "token": SECRET})).unwrap();
    assert_eq!(session.token.as_ref().map(Token::expose), Some(SECRET));
    assert_debug_hidden("Session", &session);

    let mfa: MfaSecret = serde_json::from_value(json!({"secret": SECRET, "qr_code": ""})).unwrap();
    assert_debug_hidden("MfaSecret", &mfa);
    let app: OAuthApp =
        serde_json::from_value(json!({"id": "x", "name": "n", "client_secret": SECRET})).unwrap();
    assert_debug_hidden("OAuthApp", &app);

    // Sign-in flows (issue 11): the passwords and MFA code of a switch, the CWS token, the
    // code exchange's code and verifier, and the sessions they answer with.
    for request in [
        SwitchRequest::email_to_sso("a@x.io", SECRET, AuthService::Saml).mfa_code(SECRET),
        SwitchRequest::sso_to_email(AuthService::Gitlab, "a@x.io", SECRET),
        SwitchRequest::email_to_ldap("a@x.io", SECRET, "ldap", SECRET),
        SwitchRequest::ldap_to_email(SECRET, "a@x.io", SECRET),
    ] {
        assert_debug_hidden("SwitchRequest", &request);
        assert_debug_hidden("SwitchAccountType", &SwitchAccountType::new(request));
    }
    assert_debug_hidden(
        "LoginByCwsToken",
        &LoginByCwsToken::new("alice".into(), Token::new(SECRET)),
    );
    assert_debug_hidden(
        "LoginSSOCodeExchange",
        &LoginSSOCodeExchange::new(Secret::new(SECRET), Secret::new(SECRET), "state".into()),
    );
    let sso: SsoCodeExchangeSession =
        serde_json::from_value(json!({"token": SECRET, "csrf": SECRET})).unwrap();
    assert_debug_hidden("SsoCodeExchangeSession", &sso);
    let cws = parse_response::<LoginByCwsToken>(response(
        302,
        &[
            (
                "set-cookie",
                &format!("MMAUTHTOKEN={SECRET}; Path=/") as &str,
            ),
            ("set-cookie", &format!("MMCSRF={SECRET}; Path=/") as &str),
        ],
        "",
    ))
    .unwrap();
    assert_eq!(cws.token.expose(), SECRET);
    assert_debug_hidden("CwsLogin", &cws);
    let raw_cws = parse_response::<Raw<Logout>>(response(
        200,
        &[(
            "set-cookie",
            &format!("MMAUTHTOKEN={SECRET}; Path=/") as &str,
        )],
        "",
    ))
    .unwrap();
    assert_debug_hidden("RawResponse with the CWS cookie", &raw_cws);
}

#[test]
fn login_response_hides_its_token() {
    let user =
        serde_json::to_vec(&json!({"id": U, "username": "alice", "email": "a@x.io"})).unwrap();
    let resp = || response(200, &[("Token", SECRET)], user.clone());
    let login = parse_response::<Login>(resp()).unwrap();
    assert_eq!(login.token.expose(), SECRET);
    assert_debug_hidden("LoginResponse", &login);
    let raw_login = parse_response::<Raw<Login>>(resp()).unwrap();
    assert_eq!(
        raw_login.headers["token"], SECRET,
        "the value is still there"
    );
    assert_debug_hidden("RawResponse of a login", &raw_login);

    // A login whose body does not decode: the error does not carry the header's token.
    let err = parse_response::<Login>(response(200, &[("Token", SECRET)], "{oops")).unwrap_err();
    assert_hidden("login decode error", &err.to_string());
    assert_debug_hidden("login decode error", &err);
}

#[test]
fn the_authorization_header_is_sensitive() {
    let base = base();
    let token = Token::new(SECRET);
    let req = build_request(&GetUser::new(UserId::me()), &base, Some(&token)).unwrap();
    let auth = &req.headers()[AUTHORIZATION];
    assert_eq!(auth, &format!("Bearer {SECRET}"));
    assert!(auth.is_sensitive());
    assert_debug_hidden("request", &req);
    assert_debug_hidden("request headers", req.headers());
}

/// Every error built from secret-carrying inputs: neither `Display` nor `Debug` shows them.
#[test]
fn errors_from_secret_inputs_never_show_them() {
    let mut errors: Vec<(&str, Error)> = Vec::new();
    for url in [
        format!("https://alice:{SECRET}@chat.example.com"),
        format!("https://{SECRET}@chat.example.com/"),
        format!("ftp://alice:{SECRET}@chat.example.com/x"),
        format!("https://alice:{SECRET}@chat.example.com/?q=1"),
        format!("https://alice:{SECRET}@"),
    ] {
        errors.push(("base URL", BaseUrl::parse(&url).unwrap_err().into()));
    }
    let token = Token::new(format!("{SECRET}\r\nX: y"));
    errors.push((
        "token header",
        build_request(&GetUser::new(uid()), &base(), Some(&token))
            .unwrap_err()
            .into(),
    ));
    errors.push((
        "login",
        try_build(&Login::new(String::new(), Secret::new(SECRET)).mfa_code("1".into()))
            .unwrap_err()
            .into(),
    ));
    errors.push((
        "password",
        try_build(
            &UpdateUserPassword::new(uid(), Secret::new("")).current_password(Secret::new(SECRET)),
        )
        .unwrap_err()
        .into(),
    ));
    errors.push((
        "mfa code",
        try_build(&UpdateUserMfa::new(uid(), true).code(format!("{SECRET}1")))
            .unwrap_err()
            .into(),
    ));
    errors.push((
        "image",
        try_build(&SetProfileImage::new(
            uid(),
            Bytes::from_static(SECRET.as_bytes()),
            "text/plain".into(),
        ))
        .unwrap_err()
        .into(),
    ));
    // Sign-in flows: a refused switch (its passwords), a CWS login without login ID (its
    // token), a code exchange without state (its code and verifier), and the CWS login's
    // refusal, a 302 whose cookie header is there but blank.
    let mut wrong = SwitchRequest::email_to_ldap("a@x.io", SECRET, SECRET, SECRET).mfa_code(SECRET);
    wrong.new_service = AuthService::Gitlab;
    wrong.current_service = AuthService::Google;
    errors.push((
        "switch",
        try_build(&SwitchAccountType::new(wrong))
            .unwrap_err()
            .into(),
    ));
    errors.push((
        "cws login",
        try_build(&LoginByCwsToken::new(String::new(), Token::new(SECRET)))
            .unwrap_err()
            .into(),
    ));
    errors.push((
        "sso code exchange",
        try_build(&LoginSSOCodeExchange::new(
            Secret::new(SECRET),
            Secret::new(SECRET),
            String::new(),
        ))
        .unwrap_err()
        .into(),
    ));
    errors.push((
        "cws refused",
        parse_response::<LoginByCwsToken>(response(
            302,
            &[("set-cookie", "MMAUTHTOKEN=; Path=/"), ("x-note", "none")],
            format!("token={SECRET}"),
        ))
        .unwrap_err(),
    ));
    for (what, err) in &errors {
        assert_hidden(what, &err.to_string());
        assert_debug_hidden(what, err);
    }
}

#[test]
fn base_url_errors_still_say_which_host() {
    let err = BaseUrl::parse(&format!("https://alice:{SECRET}@chat.example.com/x")).unwrap_err();
    let shown = err.to_string();
    assert!(shown.contains("chat.example.com/x"), "{shown}");
    assert!(!shown.contains("alice"), "{shown}");
}

#[test]
fn raw_hides_set_cookie_too() {
    let r = parse_response::<Raw<GetUser>>(response(
        200,
        &[(
            "set-cookie",
            &format!("MMAUTHTOKEN={SECRET}; Path=/; HttpOnly"),
        )],
        "{}",
    ))
    .unwrap();
    assert_debug_hidden("RawResponse with Set-Cookie", &r);
    let _ = raw(GetUser::new(uid()));
}
