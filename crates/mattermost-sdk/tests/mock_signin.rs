//! The sign-in flows through the facade against `MockTransport` expectations: each facade
//! method sends exactly its wire form (the CWS login as a form) and decodes the answer (the
//! CWS login's `302` and its cookies); and `Client::server_version` follows `X-Version-Id`.
#![allow(deprecated)] // sso_code_exchange is deprecated but still served

use bytes::Bytes;
use http::{Method, Response};
use mattermost_sdk::models::{AuthService, SwitchRequest};
use mattermost_sdk::{Client, Error};
use mattermost_sdk_mock::MockTransport;
use serde_json::json;

const U: &str = "u1u1u1u1u1u1u1u1u1u1u1u1u1";

fn client(mock: &MockTransport) -> Client {
    Client::builder("https://chat.example.com")
        .transport(mock.clone())
        .no_retry()
        .build()
        .unwrap()
}

#[tokio::test]
async fn switch_account_type_sends_the_switch_request() {
    let mock = MockTransport::new();
    let c = client(&mock);
    mock.expect(Method::POST, "/api/v4/users/login/switch")
        .json_body(json!({"current_service": "email", "new_service": "saml",
                          "email": "a@example.com", "password": "Passw0rd!", "mfa_code": "123456"}))
        .respond_json(200, json!({"follow_link": "https://chat.example.com/login/sso/saml?action=email_to_sso&email_token=t"}));
    let link = c
        .users()
        .switch_account_type(
            SwitchRequest::email_to_sso("a@example.com", "Passw0rd!", AuthService::Saml)
                .mfa_code("123456"),
        )
        .await
        .unwrap();
    assert!(link.follow_link.contains("/login/sso/saml"));
    mock.expect(Method::POST, "/api/v4/users/login/switch")
        .json_body(json!({"current_service": "gitlab", "new_service": "email",
                          "email": "a@example.com", "new_password": "N3w-Passw0rd!"}))
        .respond_json(200, json!({"follow_link": "/login?extra=signin_change"}));
    let link = c
        .users()
        .switch_account_type(SwitchRequest::sso_to_email(
            AuthService::Gitlab,
            "a@example.com",
            "N3w-Passw0rd!",
        ))
        .await
        .unwrap();
    assert_eq!(link.follow_link, "/login?extra=signin_change");
    // A pair the server does not switch: refused before any I/O (no expectation is left).
    let mut odd = SwitchRequest::ldap_to_email("pw", "a@example.com", "pw2");
    odd.new_service = AuthService::Saml;
    let err = c.users().switch_account_type(odd).await.unwrap_err();
    assert!(matches!(err, Error::Build(_)), "{err:?}");
    mock.verify();
}

fn found(cookies: &[&str]) -> Response<Bytes> {
    let mut b = Response::builder()
        .status(302)
        .header("location", "https://chat.example.com")
        .header("x-version-id", "10.11.0.16000.abc.true");
    for c in cookies {
        b = b.header("set-cookie", *c);
    }
    b.body(Bytes::new()).unwrap()
}

#[tokio::test]
async fn cws_login_posts_a_form_and_returns_the_cookie_session() {
    let mock = MockTransport::new();
    let c = client(&mock);
    mock.expect(Method::POST, "/api/v4/users/login/cws")
        .header("content-type", "application/x-www-form-urlencoded")
        .body_bytes("login_id=alice%40example.com&cws_token=one-time+token")
        .respond(found(&[
            "MMAUTHTOKEN=newsessiontoken; Path=/; HttpOnly",
            &format!("MMUSERID={U}; Path=/"),
            "MMCSRF=csrftoken; Path=/",
        ]));
    let login = c
        .users()
        .login_by_cws_token("alice@example.com", "one-time token")
        .await
        .unwrap();
    assert_eq!(login.token.expose(), "newsessiontoken");
    assert_eq!(login.user_id.as_deref(), Some(U));
    assert_eq!(login.location.as_deref(), Some("https://chat.example.com"));
    // The token builds a client of its own.
    let theirs = Client::builder("https://chat.example.com")
        .token(login.token.clone())
        .transport(mock.clone())
        .build()
        .unwrap();
    mock.expect(Method::GET, "/api/v4/users/me")
        .header("authorization", "Bearer newsessiontoken")
        .respond_json(200, json!({"id": U, "username": "alice"}));
    assert_eq!(theirs.me().await.unwrap().id.as_str(), U);

    // A refused login: the same 302 without the cookie, as an API error with status 302.
    mock.expect(Method::POST, "/api/v4/users/login/cws")
        .respond(found(&[]));
    let err = c
        .users()
        .login_by_cws_token("alice", "used-token")
        .await
        .unwrap_err();
    match &err {
        Error::Api(e) => assert_eq!(e.status.as_u16(), 302),
        other => panic!("{other:?}"),
    }
    assert!(!format!("{err} {err:?}").contains("used-token"));
    // with_response takes the same path.
    mock.expect(Method::POST, "/api/v4/users/login/cws")
        .respond(found(&["MMAUTHTOKEN=second; Path=/"]));
    let resp = c
        .users()
        .login_by_cws_token("alice", "t2")
        .with_response()
        .await
        .unwrap();
    assert_eq!(
        (resp.status.as_u16(), resp.value.token.expose()),
        (302, "second")
    );
    mock.verify();
}

#[tokio::test]
async fn sso_code_exchange_returns_the_session() {
    let mock = MockTransport::new();
    let c = client(&mock);
    mock.expect(Method::POST, "/api/v4/users/login/sso/code-exchange")
        .json_body(json!({"login_code": "code", "code_verifier": "verifier", "state": "st"}))
        .respond_json(200, json!({"token": "sessiontoken", "csrf": "csrf"}));
    let session = c
        .users()
        .sso_code_exchange("code", "verifier", "st")
        .await
        .unwrap();
    assert_eq!(session.token.expose(), "sessiontoken");
    assert!(!format!("{session:?}").contains("sessiontoken"));
    mock.verify();
}

#[tokio::test]
async fn server_version_follows_the_last_answer_and_is_shared_by_clones() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let other = c.clone();
    assert_eq!(c.server_version(), None, "nothing answered yet");
    let answer = |version: Option<&str>, status: u16| {
        let mut b = Response::builder()
            .status(status)
            .header("content-type", "application/json");
        if let Some(v) = version {
            b = b.header("x-version-id", v);
        }
        let body = if status == 200 {
            json!({"id": U, "username": "alice"})
        } else {
            json!({"id": "api.context.session_expired.app_error", "status_code": status, "message": "x"})
        };
        b.body(Bytes::from(body.to_string())).unwrap()
    };
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond(answer(Some("10.11.0.16000.abc.true"), 200));
    c.me().await.unwrap();
    let v = other.server_version().expect("a clone sees it");
    assert_eq!((v.triple(), v.build.as_str()), ((10, 11, 0), "16000"));
    // An answer without the header leaves it; an error answer with one updates it.
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond(answer(None, 200));
    c.me().await.unwrap();
    assert_eq!(c.server_version().unwrap().raw, "10.11.0.16000.abc.true");
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond(answer(Some("11.0.2.17000.def.false"), 401));
    assert!(other.me().await.is_err());
    assert_eq!(c.server_version().unwrap().triple(), (11, 0, 2));
    // The same value again changes nothing; a value that is not a version reads as none.
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond(answer(Some("11.0.2.17000.def.false"), 200));
    c.me().await.unwrap();
    assert_eq!(c.server_version().unwrap().triple(), (11, 0, 2));
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond(answer(Some("not-a-version"), 200));
    c.me().await.unwrap();
    assert_eq!(c.server_version(), None);
    // A raw request's answer counts too.
    mock.expect(Method::GET, "/api/v4/system/ping")
        .respond(answer(Some("9.5.1.dev.x.false"), 200));
    let req = http::Request::get("/api/v4/system/ping")
        .body(Bytes::new())
        .unwrap();
    c.send_raw(req).await.unwrap();
    assert_eq!(other.server_version().unwrap().triple(), (9, 5, 1));
    mock.verify();
}
