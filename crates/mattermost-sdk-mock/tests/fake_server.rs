//! `FakeServer` at the HTTP level: every seed operation's happy path (built with core's
//! endpoints), auth, errors, and the Perl client's wire bugs (built by hand).

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::models::{Preference, Role, StatusValue, User, UserAuthData, UserPatch};
use mattermost_sdk_core::{
    build_request, is_valid_id, parse_response, BaseUrl, ChannelId, DynTransport, EmojiName,
    Endpoint, Error, PostId, PreferenceCategory, PreferenceName, Secret, SessionId, TeamId, Token,
    UserId,
};
use mattermost_sdk_mock::fake::{self, FakeServer};
use serde_json::{json, Value};

// ------------------------------------------------------------------ helpers

fn base() -> BaseUrl {
    BaseUrl::parse("https://fake.example.com").unwrap()
}

fn uid(s: &str) -> UserId {
    UserId::new(s).unwrap()
}

/// Sends an endpoint with `token` and decodes the answer.
fn call<E: Endpoint>(fake: &FakeServer, token: &str, ep: E) -> Result<E::Output, Error> {
    let req = build_request(&ep, &base(), Some(&Token::new(token))).unwrap();
    parse_response::<E>(fake.handle(req))
}

/// Sends a hand-built request (JSON body if `body` is given).
fn raw(
    fake: &FakeServer,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Response<Bytes> {
    let mut b = Request::builder()
        .method(method)
        .uri(format!("https://fake.example.com/api/v4{path}"));
    if let Some(t) = token {
        b = b.header("Authorization", format!("Bearer {t}"));
    }
    let bytes = match body {
        Some(v) => {
            b = b.header("Content-Type", "application/json");
            Bytes::from(v.to_string())
        }
        None => Bytes::new(),
    };
    fake.handle(b.body(bytes).unwrap())
}

fn body(resp: &Response<Bytes>) -> Value {
    serde_json::from_slice(resp.body()).unwrap_or(Value::Null)
}

/// Asserts a Mattermost-shaped error with `status` and error `id`; returns the body.
#[track_caller]
fn assert_error(resp: &Response<Bytes>, status: u16, id: &str) -> Value {
    let v = body(resp);
    assert_eq!(resp.status().as_u16(), status, "{v}");
    assert_eq!(v["id"], id, "{v}");
    assert_eq!(v["status_code"], status, "{v}");
    assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
    assert!(v["detailed_error"].is_string(), "{v}");
    let rid = v["request_id"].as_str().unwrap_or("");
    assert!(!rid.is_empty(), "{v}");
    assert_eq!(resp.headers()["x-request-id"], rid);
    v
}

#[track_caller]
fn assert_bad_body(resp: &Response<Bytes>, field: &str) {
    let v = assert_error(resp, 400, "api.context.invalid_body_param.app_error");
    assert!(v["message"].as_str().unwrap().contains(field), "{v}");
}

#[track_caller]
fn api_status(err: Error) -> u16 {
    match err {
        Error::Api(e) => e.status.as_u16(),
        other => panic!("not an API error: {other:?}"),
    }
}

fn run<F: Future>(fut: F) -> F::Output {
    match pin!(fut).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("the fake's future was not ready"),
    }
}

// ------------------------------------------------------------------ seed data

#[test]
fn seed_ids_and_tokens_have_the_mattermost_shape() {
    for id in fake::ALL_FIXTURE_IDS {
        assert!(is_valid_id(id), "{id}");
    }
    for t in fake::ALL_FIXTURE_TOKENS {
        assert!(is_valid_id(t), "{t}");
    }
    let f = FakeServer::new();
    assert_eq!(f.users().len(), 4);
    assert!(f.user(fake::ADMIN_ID).unwrap()["roles"]
        .as_str()
        .unwrap()
        .contains("system_admin"));
    assert_eq!(f.user(fake::MFA_USER_ID).unwrap()["mfa_active"], true);
    assert_eq!(f.user(fake::USER_ID).unwrap()["mfa_active"], false);
    assert!(
        f.user(fake::DEACTIVATED_USER_ID).unwrap()["delete_at"]
            .as_i64()
            .unwrap()
            > 0
    );
    assert_eq!(f.teams_of(fake::USER_ID).len(), 2);
    assert!(f.token_is_valid(fake::ADMIN_PERSONAL_TOKEN));
    assert!(FakeServer::empty().users().is_empty());
    // Generated IDs and tokens are 26 characters too.
    let id = f.add_user("dave", "Dave-Passw0rd!", "system_user");
    assert!(is_valid_id(&id), "{id}");
    let token = f.create_session(&id).unwrap();
    assert!(is_valid_id(&token), "{token}");
    assert!(f.create_session(fake::DEACTIVATED_USER_ID).is_none());
}

// ------------------------------------------------------------------ login, logout, auth

#[test]
fn login_returns_the_user_and_a_token_header() {
    let f = FakeServer::new();
    let resp = call(
        &f,
        "",
        Login::new(fake::USER_LOGIN.into(), Secret::new(fake::USER_PASSWORD)),
    )
    .unwrap();
    assert_eq!(resp.user.id, fake::USER_ID);
    assert!(is_valid_id(resp.token.expose()));
    assert!(f.token_is_valid(resp.token.expose()));
    let me: User = call(&f, resp.token.expose(), GetUser::new(UserId::me())).unwrap();
    assert_eq!(me.username, fake::USER_LOGIN);
    assert_eq!(f.sessions_of(fake::USER_ID).len(), 3);

    // By email, case-insensitively; the raw answer has the header.
    let r = raw(
        &f,
        Method::POST,
        "/users/login",
        None,
        Some(json!({"login_id": "ALICE@example.com", "password": fake::USER_PASSWORD})),
    );
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("token").is_some());
}

#[test]
fn login_failures() {
    let f = FakeServer::new();
    let login = |body: Value| raw(&f, Method::POST, "/users/login", None, Some(body));
    let r = login(json!({"login_id": fake::USER_LOGIN, "password": "wrong"}));
    assert_error(&r, 401, "api.user.login.invalid_credentials_email_username");
    assert!(r.headers().get("token").is_none());
    assert_error(
        &login(json!({"login_id": "nobody", "password": "x"})),
        401,
        "api.user.login.invalid_credentials_email_username",
    );
    assert_error(
        &login(json!({"login_id": fake::USER_LOGIN})),
        400,
        "api.user.login.blank_pwd.app_error",
    );
    assert_error(
        &login(
            json!({"login_id": fake::DEACTIVATED_LOGIN, "password": fake::DEACTIVATED_PASSWORD}),
        ),
        401,
        "api.user.login.inactive.app_error",
    );
    // MFA: the code goes in `token`. No code (or a malformed one) fails validation: 400, as
    // in the server's TestUserLoginMFAFlow; a well-formed wrong code is a 401.
    assert_error(
        &login(json!({"login_id": fake::MFA_USER_LOGIN, "password": fake::MFA_USER_PASSWORD})),
        400,
        "mfa.validate_token.authenticate.app_error",
    );
    assert_error(
        &login(
            json!({"login_id": fake::MFA_USER_LOGIN, "password": fake::MFA_USER_PASSWORD, "token": "000000"}),
        ),
        401,
        "api.user.check_user_mfa.bad_code.app_error",
    );
    let ok = call(
        &f,
        "",
        Login::new(
            fake::MFA_USER_LOGIN.into(),
            Secret::new(fake::MFA_USER_PASSWORD),
        )
        .mfa_code(Secret::new(fake::MFA_CODE)),
    )
    .unwrap();
    assert_eq!(ok.user.id, fake::MFA_USER_ID);
}

#[test]
fn logout_ends_the_session() {
    let f = FakeServer::new();
    let ok = call(&f, fake::USER_TOKEN, Logout::new()).unwrap();
    assert!(ok.is_ok());
    assert!(!f.token_is_valid(fake::USER_TOKEN));
    assert_error(
        &raw(&f, Method::GET, "/users/me", Some(fake::USER_TOKEN), None),
        401,
        "api.context.session_expired.app_error",
    );
    assert!(f.token_is_valid(fake::USER_MOBILE_TOKEN));
    // Without a session it still answers OK.
    assert_eq!(
        raw(&f, Method::POST, "/users/logout", None, None).status(),
        200
    );
}

#[test]
fn no_or_bad_token_is_401_with_the_mattermost_body() {
    let f = FakeServer::new();
    for token in [None, Some("nosuchtoken000000000000001"), Some("")] {
        let r = raw(&f, Method::GET, "/users/me", token, None);
        let v = assert_error(&r, 401, "api.context.session_expired.app_error");
        assert_eq!(
            v["message"],
            "Invalid or expired session, please login again."
        );
        assert_eq!(v["detailed_error"], "");
        assert_eq!(r.headers()["content-type"], "application/json");
    }
    // Other schemes are not accepted; `Token <t>` is.
    let basic = Request::get("http://h/api/v4/users/me")
        .header("Authorization", format!("Basic {}", fake::USER_TOKEN));
    assert_eq!(f.handle(basic.body(Bytes::new()).unwrap()).status(), 401);
    let tok = Request::get("http://h/api/v4/users/me")
        .header("Authorization", format!("Token {}", fake::USER_TOKEN));
    assert_eq!(f.handle(tok.body(Bytes::new()).unwrap()).status(), 200);
    // A personal access token works like a session.
    let me: User = call(&f, fake::ADMIN_PERSONAL_TOKEN, GetUser::new(UserId::me())).unwrap();
    assert_eq!(me.id, fake::ADMIN_ID);
    // Errors decode as core's ApiError.
    let err = parse_response::<GetUser>(raw(&f, Method::GET, "/users/me", None, None)).unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(api.id(), Some("api.context.session_expired.app_error"));
    assert!(api.request_id.is_some());
}

#[test]
fn unknown_users_routes_and_bad_ids() {
    let f = FakeServer::new();
    let t = Some(fake::ADMIN_TOKEN);
    assert_error(
        &raw(
            &f,
            Method::GET,
            "/users/zzzzzzzzzzzzzzzzzzzzzzzzzz",
            t,
            None,
        ),
        404,
        "app.user.missing_account.const",
    );
    assert_error(
        &raw(
            &f,
            Method::GET,
            "/users/zzzzzzzzzzzzzzzzzzzzzzzzzz/teams",
            t,
            None,
        ),
        404,
        "app.user.missing_account.const",
    );
    for bad in ["not-an-id", "UPPERCASEUPPERCASEUPPERCAS", "short", "%2E%2E"] {
        let v = assert_error(
            &raw(&f, Method::GET, &format!("/users/{bad}"), t, None),
            400,
            "api.context.invalid_url_param.app_error",
        );
        assert!(v["message"].as_str().unwrap().contains("user_id"), "{v}");
    }
    assert_error(
        &raw(&f, Method::GET, "/nothing/here", t, None),
        404,
        "api.context.404.app_error",
    );
    assert_error(
        &raw(&f, Method::PATCH, "/users/me", t, None),
        405,
        "api.context.405.app_error",
    );
    // Routing happens before auth, auth before validation.
    assert_eq!(
        raw(&f, Method::GET, "/nothing/here", None, None).status(),
        404
    );
    assert_eq!(
        raw(&f, Method::GET, "/users/not-an-id", None, None).status(),
        401
    );
    // Any host and a prefix before /api/v4 are fine.
    let r = Request::get("http://other:8065/chat/api/v4/users/me")
        .header("Authorization", format!("Bearer {}", fake::USER_TOKEN))
        .body(Bytes::new())
        .unwrap();
    assert_eq!(f.handle(r).status(), 200);
}

// ------------------------------------------------------------------ seed operations

#[test]
fn get_and_update_keep_unknown_fields() {
    let f = FakeServer::new();
    let mut user: User = call(&f, fake::USER_TOKEN, GetUser::new(UserId::me())).unwrap();
    assert_eq!(user.id, fake::USER_ID);
    let admin_view: User = call(&f, fake::ADMIN_TOKEN, GetUser::new(uid(fake::USER_ID))).unwrap();
    assert_eq!(admin_view, user);

    user.nickname = Some("ally".into());
    user.roles = Some("system_admin system_user".into()); // ignored: roles are server-controlled
    user.extra
        .insert("future_field".into(), json!({"kept": true}));
    let updated: User = call(
        &f,
        fake::USER_TOKEN,
        UpdateUser::new(uid(fake::USER_ID), user),
    )
    .unwrap();
    assert_eq!(updated.nickname.as_deref(), Some("ally"));
    assert_eq!(updated.roles.as_deref(), Some("system_user"));
    assert_eq!(updated.extra["future_field"], json!({"kept": true}));
    let again: User = call(&f, fake::USER_TOKEN, GetUser::new(uid(fake::USER_ID))).unwrap();
    assert_eq!(again.extra["future_field"], json!({"kept": true}));
    assert_eq!(f.user(fake::USER_ID).unwrap()["future_field"]["kept"], true);
    assert!(f.user(fake::USER_ID).unwrap().get("password").is_none());
}

#[test]
fn update_checks_id_email_password_and_permissions() {
    let f = FakeServer::new();
    let user = f.user(fake::USER_ID).unwrap();
    let put = |token: &str, path_id: &str, body: Value| {
        raw(
            &f,
            Method::PUT,
            &format!("/users/{path_id}"),
            Some(token),
            Some(body),
        )
    };
    // The body's id must be the path's user.
    let mut other = user.clone();
    other["id"] = json!(fake::ADMIN_ID);
    assert_bad_body(&put(fake::USER_TOKEN, fake::USER_ID, other), "user_id");
    // Not someone else's.
    let admin = f.user(fake::ADMIN_ID).unwrap();
    assert_error(
        &put(fake::USER_TOKEN, fake::ADMIN_ID, admin),
        403,
        "api.context.permissions.app_error",
    );
    // A new email needs the password.
    let mut new_email = user.clone();
    new_email["email"] = json!("alice2@example.com");
    assert_bad_body(
        &put(fake::USER_TOKEN, fake::USER_ID, new_email.clone()),
        "password",
    );
    new_email["password"] = json!(fake::USER_PASSWORD);
    let r = put(fake::USER_TOKEN, fake::USER_ID, new_email);
    assert_eq!(r.status(), 200, "{}", body(&r));
    assert!(body(&r).get("password").is_none());
    // Username taken.
    let mut taken = f.user(fake::USER_ID).unwrap();
    taken["username"] = json!(fake::ADMIN_LOGIN);
    assert_error(
        &put(fake::USER_TOKEN, fake::USER_ID, taken),
        400,
        "app.user.save.username_exists.app_error",
    );
    // Not JSON.
    let r = raw(
        &f,
        Method::PUT,
        &format!("/users/{}", fake::USER_ID),
        Some(fake::USER_TOKEN),
        None,
    );
    assert_bad_body(&r, "user");
}

#[test]
fn patch_applies_given_fields() {
    let f = FakeServer::new();
    let mut patch = UserPatch {
        nickname: Some("al".into()),
        position: Some("Tester".into()),
        ..Default::default()
    };
    patch.extra.insert("custom_thing".into(), json!(7));
    let u: User = call(&f, fake::USER_TOKEN, PatchUser::new(UserId::me(), patch)).unwrap();
    assert_eq!(
        (u.nickname.as_deref(), u.position.as_deref()),
        (Some("al"), Some("Tester"))
    );
    assert_eq!(u.first_name.as_deref(), Some("Alice"));
    assert_eq!(u.extra["custom_thing"], 7);
    // An admin may patch others; a user may not.
    let p = UserPatch {
        nickname: Some("boss".into()),
        ..Default::default()
    };
    assert!(call(
        &f,
        fake::ADMIN_TOKEN,
        PatchUser::new(uid(fake::USER_ID), p.clone())
    )
    .is_ok());
    assert_eq!(
        api_status(call(&f, fake::USER_TOKEN, PatchUser::new(uid(fake::ADMIN_ID), p)).unwrap_err()),
        403
    );
    // props must be an object.
    let r = raw(
        &f,
        Method::PUT,
        "/users/me/patch",
        Some(fake::USER_TOKEN),
        Some(json!({"props": "x"})),
    );
    assert_bad_body(&r, "user");
}

#[test]
fn teams_of_a_user() {
    let f = FakeServer::new();
    let teams = call(&f, fake::USER_TOKEN, GetTeamsForUser::new(UserId::me())).unwrap();
    let mut names: Vec<_> = teams.iter().map(|t| t.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["alpha", "beta"]);
    assert_eq!(
        call(
            &f,
            fake::ADMIN_TOKEN,
            GetTeamsForUser::new(uid(fake::MFA_USER_ID))
        )
        .unwrap()
        .len(),
        1
    );
    assert_eq!(
        api_status(
            call(
                &f,
                fake::USER_TOKEN,
                GetTeamsForUser::new(uid(fake::ADMIN_ID))
            )
            .unwrap_err()
        ),
        403
    );
}

#[test]
fn deactivate_ends_sessions_and_logins() {
    let f = FakeServer::new();
    assert!(
        call(&f, fake::ADMIN_TOKEN, DeleteUser::new(uid(fake::USER_ID)))
            .unwrap()
            .is_ok()
    );
    assert!(
        f.user(fake::USER_ID).unwrap()["delete_at"]
            .as_i64()
            .unwrap()
            > 0
    );
    assert!(f.sessions_of(fake::USER_ID).is_empty());
    assert!(!f.token_is_valid(fake::USER_TOKEN));
    assert_eq!(f.status_of(fake::USER_ID)["status"], "offline");
    let r = raw(
        &f,
        Method::POST,
        "/users/login",
        None,
        Some(json!({"login_id": fake::USER_LOGIN, "password": fake::USER_PASSWORD})),
    );
    assert_error(&r, 401, "api.user.login.inactive.app_error");
    // A user may not deactivate others; may deactivate themselves.
    assert_eq!(
        api_status(
            call(
                &f,
                fake::MFA_USER_TOKEN,
                DeleteUser::new(uid(fake::ADMIN_ID))
            )
            .unwrap_err()
        ),
        403
    );
    assert!(call(&f, fake::MFA_USER_TOKEN, DeleteUser::new(UserId::me())).is_ok());
    // Permanent deletion is off.
    let r = raw(
        &f,
        Method::DELETE,
        &format!("/users/{}?permanent=true", fake::DEACTIVATED_USER_ID),
        Some(fake::ADMIN_TOKEN),
        None,
    );
    assert_error(&r, 401, "api.user.delete_user.not_enabled.app_error");
}

#[test]
fn update_roles_is_admin_only() {
    let f = FakeServer::new();
    let ep = || {
        UpdateUserRoles::new(
            uid(fake::USER_ID),
            vec![Role::SystemUser, Role::SystemAdmin],
        )
    };
    assert_eq!(
        api_status(call(&f, fake::USER_TOKEN, ep()).unwrap_err()),
        403
    );
    assert!(call(&f, fake::ADMIN_TOKEN, ep()).unwrap().is_ok());
    assert_eq!(
        f.user(fake::USER_ID).unwrap()["roles"],
        "system_user system_admin"
    );
    // Now alice is an admin and may read the admin's sessions.
    assert!(call(&f, fake::USER_TOKEN, GetSessions::new(uid(fake::ADMIN_ID))).is_ok());
    for bad in [
        json!({"roles": ""}),
        json!({"roles": "system_admin"}),
        json!({"roles": "Bad Role!"}),
        json!({}),
    ] {
        let r = raw(
            &f,
            Method::PUT,
            &format!("/users/{}/roles", fake::MFA_USER_ID),
            Some(fake::ADMIN_TOKEN),
            Some(bad),
        );
        assert_bad_body(&r, "roles");
    }
}

#[test]
fn mfa_generate_activate_and_deactivate() {
    let f = FakeServer::new();
    let secret = call(&f, fake::USER_TOKEN, GenerateMfaSecret::new(UserId::me())).unwrap();
    assert_eq!(secret.secret.expose().len(), 32);
    assert!(
        secret.qr_code.starts_with("iVBORw0KGgo"),
        "{}",
        secret.qr_code
    );
    let bad = call(
        &f,
        fake::USER_TOKEN,
        UpdateUserMfa::new(UserId::me(), true).code("999999".into()),
    )
    .unwrap_err();
    assert_eq!(api_status(bad), 401);
    assert!(call(
        &f,
        fake::USER_TOKEN,
        UpdateUserMfa::new(UserId::me(), true).code(fake::MFA_CODE.into())
    )
    .is_ok());
    assert_eq!(f.user(fake::USER_ID).unwrap()["mfa_active"], true);
    let r = raw(
        &f,
        Method::POST,
        "/users/login",
        None,
        Some(json!({"login_id": fake::USER_LOGIN, "password": fake::USER_PASSWORD})),
    );
    // No MFA code: 400 `mfa.validate_token.authenticate.app_error`, as on the server.
    assert_eq!(r.status(), 400);
    assert!(call(
        &f,
        fake::USER_TOKEN,
        UpdateUserMfa::new(UserId::me(), false)
    )
    .is_ok());
    assert_eq!(f.user(fake::USER_ID).unwrap()["mfa_active"], false);
    // Admins may turn off others' MFA; users may not touch others'.
    assert!(call(
        &f,
        fake::ADMIN_TOKEN,
        UpdateUserMfa::new(uid(fake::MFA_USER_ID), false)
    )
    .is_ok());
    assert_eq!(
        api_status(
            call(
                &f,
                fake::USER_TOKEN,
                GenerateMfaSecret::new(uid(fake::ADMIN_ID))
            )
            .unwrap_err()
        ),
        403
    );
    assert_bad_body(
        &raw(
            &f,
            Method::PUT,
            "/users/me/mfa",
            Some(fake::USER_TOKEN),
            Some(json!({"activate": "yes"})),
        ),
        "activate",
    );
}

#[test]
fn profile_image_round_trip_and_default() {
    let f = FakeServer::new();
    let gif = Bytes::from_static(b"GIF89a\x01\x00\x01\x00fake-image-bytes");
    let ep = SetProfileImage::new(UserId::me(), gif.clone(), "image/gif".into());
    assert!(call(&f, fake::USER_TOKEN, ep).unwrap().is_ok());
    assert_eq!(
        f.profile_image(fake::USER_ID),
        Some(("image/gif".into(), gif.clone()))
    );
    let img = call(
        &f,
        fake::ADMIN_TOKEN,
        GetProfileImage::new(uid(fake::USER_ID)),
    )
    .unwrap();
    assert_eq!(img.bytes, gif);
    assert_eq!(img.content_type.as_deref(), Some("image/gif"));
    assert!(
        f.user(fake::USER_ID).unwrap()["last_picture_update"]
            .as_i64()
            .unwrap()
            > 0
    );

    let default = call(
        &f,
        fake::USER_TOKEN,
        GetProfileImage::new(uid(fake::MFA_USER_ID)),
    )
    .unwrap();
    assert_eq!(&default.bytes[..], fake::DEFAULT_PROFILE_IMAGE);
    assert_eq!(default.content_type.as_deref(), Some("image/png"));

    // Not someone else's; not without multipart; not without a part named `image`.
    let ep = SetProfileImage::new(uid(fake::ADMIN_ID), gif.clone(), "image/gif".into());
    assert_eq!(api_status(call(&f, fake::USER_TOKEN, ep).unwrap_err()), 403);
    let r = raw(
        &f,
        Method::POST,
        "/users/me/image",
        Some(fake::USER_TOKEN),
        Some(json!({"image": "x"})),
    );
    assert_error(&r, 400, "api.user.upload_profile_user.parse.app_error");
    let form = mattermost_sdk_core::Multipart::new().file("picture", "a.png", "image/png", gif);
    let boundary = form.boundary();
    let r = Request::post("http://h/api/v4/users/me/image")
        .header("Authorization", format!("Bearer {}", fake::USER_TOKEN))
        .header(
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(form.encode(&boundary))
        .unwrap();
    assert_error(
        &f.handle(r),
        400,
        "api.user.upload_profile_user.no_file.app_error",
    );
}

#[test]
fn update_active_status() {
    let f = FakeServer::new();
    assert!(call(
        &f,
        fake::ADMIN_TOKEN,
        UpdateUserActive::new(uid(fake::MFA_USER_ID), false)
    )
    .is_ok());
    assert!(!f.token_is_valid(fake::MFA_USER_TOKEN));
    assert!(call(
        &f,
        fake::ADMIN_TOKEN,
        UpdateUserActive::new(uid(fake::MFA_USER_ID), true)
    )
    .is_ok());
    assert_eq!(f.user(fake::MFA_USER_ID).unwrap()["delete_at"], 0);
    let r = raw(
        &f,
        Method::PUT,
        &format!("/users/{}/active", fake::DEACTIVATED_USER_ID),
        Some(fake::USER_TOKEN),
        Some(json!({"active": true})),
    );
    assert_error(&r, 403, "api.user.update_active.permissions.app_error");
    assert_bad_body(
        &raw(
            &f,
            Method::PUT,
            "/users/me/active",
            Some(fake::USER_TOKEN),
            Some(json!({"active": "false"})),
        ),
        "active",
    );
    assert!(call(
        &f,
        fake::USER_TOKEN,
        UpdateUserActive::new(UserId::me(), false)
    )
    .is_ok());
    assert!(!f.token_is_valid(fake::USER_TOKEN));
}

#[test]
fn update_password() {
    let f = FakeServer::new();
    let ep = UpdateUserPassword::new(UserId::me(), Secret::new("N3w-Passw0rd!"))
        .current_password(Secret::new(fake::USER_PASSWORD));
    assert!(call(&f, fake::USER_TOKEN, ep).unwrap().is_ok());
    assert!(f.check_password(fake::USER_ID, "N3w-Passw0rd!"));
    let wrong = UpdateUserPassword::new(UserId::me(), Secret::new("Other-Passw0rd!"))
        .current_password(Secret::new("nope"));
    assert_eq!(
        api_status(call(&f, fake::USER_TOKEN, wrong).unwrap_err()),
        400
    );
    // Admins change others' passwords without the current one; users cannot.
    assert!(call(
        &f,
        fake::ADMIN_TOKEN,
        UpdateUserPassword::new(uid(fake::USER_ID), Secret::new("Admin-Set-1!"))
    )
    .is_ok());
    assert!(f.check_password(fake::USER_ID, "Admin-Set-1!"));
    let r = call(
        &f,
        fake::USER_TOKEN,
        UpdateUserPassword::new(uid(fake::MFA_USER_ID), Secret::new("Whatever-1!")),
    );
    assert_eq!(api_status(r.unwrap_err()), 403);
    let short = UpdateUserPassword::new(UserId::me(), Secret::new("short"))
        .current_password(Secret::new("Admin-Set-1!"));
    assert_eq!(
        api_status(call(&f, fake::USER_TOKEN, short).unwrap_err()),
        400
    );
}

#[test]
fn update_authentication_method_is_admin_only() {
    let f = FakeServer::new();
    let auth = UserAuthData {
        auth_data: Some("alice-ldap".into()),
        auth_service: "ldap".into(),
        ..Default::default()
    };
    assert_eq!(
        api_status(
            call(
                &f,
                fake::USER_TOKEN,
                UpdateUserAuth::new(UserId::me(), auth.clone())
            )
            .unwrap_err()
        ),
        403
    );
    let out = call(
        &f,
        fake::ADMIN_TOKEN,
        UpdateUserAuth::new(uid(fake::USER_ID), auth),
    )
    .unwrap();
    assert_eq!(
        (out.auth_service.as_str(), out.auth_data.as_deref()),
        ("ldap", Some("alice-ldap"))
    );
    assert_eq!(f.user(fake::USER_ID).unwrap()["auth_service"], "ldap");
}

#[test]
fn get_and_set_status() {
    let f = FakeServer::new();
    let s = call(
        &f,
        fake::USER_TOKEN,
        GetUserStatus::new(uid(fake::ADMIN_ID)),
    )
    .unwrap();
    assert_eq!(s.status, StatusValue::Online);
    let ep = UpdateUserStatus::new(UserId::me(), uid(fake::USER_ID), StatusValue::Dnd)
        .dnd_end_time(1_800_000_000);
    let s = call(&f, fake::USER_TOKEN, ep).unwrap();
    assert_eq!(
        (s.status, s.user_id.as_str(), s.dnd_end_time),
        (StatusValue::Dnd, fake::USER_ID, Some(1_800_000_000))
    );
    let s = call(
        &f,
        fake::ADMIN_TOKEN,
        GetUserStatus::new(uid(fake::USER_ID)),
    )
    .unwrap();
    assert_eq!((s.status, s.manual), (StatusValue::Dnd, Some(true)));
    // Admins may set others'; users may not.
    let ep = UpdateUserStatus::new(uid(fake::USER_ID), uid(fake::USER_ID), StatusValue::Away);
    assert!(call(&f, fake::ADMIN_TOKEN, ep).is_ok());
    let ep = UpdateUserStatus::new(uid(fake::ADMIN_ID), uid(fake::ADMIN_ID), StatusValue::Away);
    assert_eq!(api_status(call(&f, fake::USER_TOKEN, ep).unwrap_err()), 403);
    let bad = json!({"user_id": fake::USER_ID, "status": "sleeping"});
    assert_bad_body(
        &raw(
            &f,
            Method::PUT,
            "/users/me/status",
            Some(fake::USER_TOKEN),
            Some(bad),
        ),
        "status",
    );
}

#[test]
fn sessions_list_and_revoke() {
    let f = FakeServer::new();
    let sessions = call(&f, fake::USER_TOKEN, GetSessions::new(UserId::me())).unwrap();
    assert_eq!(sessions.len(), 2);
    assert!(sessions
        .iter()
        .all(|s| s.token.as_ref().is_none_or(|t| t.expose().is_empty())));
    let raw_list = body(&raw(
        &f,
        Method::GET,
        "/users/me/sessions",
        Some(fake::USER_TOKEN),
        None,
    ));
    assert!(!raw_list.to_string().contains(fake::USER_TOKEN));
    assert_eq!(
        api_status(call(&f, fake::USER_TOKEN, GetSessions::new(uid(fake::ADMIN_ID))).unwrap_err()),
        403
    );

    let sid = SessionId::new(fake::USER_MOBILE_SESSION_ID).unwrap();
    assert!(
        call(&f, fake::USER_TOKEN, RevokeSession::new(UserId::me(), sid))
            .unwrap()
            .is_ok()
    );
    assert!(!f.token_is_valid(fake::USER_MOBILE_TOKEN));
    assert!(f.token_is_valid(fake::USER_TOKEN));
    // Someone else's session through my path; an unknown session.
    let admin_sid = SessionId::new(fake::ADMIN_SESSION_ID).unwrap();
    let r = call(
        &f,
        fake::USER_TOKEN,
        RevokeSession::new(UserId::me(), admin_sid),
    );
    assert_eq!(api_status(r.unwrap_err()), 400);
    let r = call(
        &f,
        fake::USER_TOKEN,
        RevokeSession::new(
            UserId::me(),
            SessionId::new("zzzzzzzzzzzzzzzzzzzzzzzzzz").unwrap(),
        ),
    );
    // The server's TestRevokeSessions: an unknown session ID is a 400, not a 404.
    assert_eq!(api_status(r.unwrap_err()), 400);

    assert!(call(
        &f,
        fake::ADMIN_TOKEN,
        RevokeAllSessions::new(uid(fake::USER_ID))
    )
    .unwrap()
    .is_ok());
    assert!(f.sessions_of(fake::USER_ID).is_empty());
    assert!(f.token_is_valid(fake::ADMIN_TOKEN));
}

#[test]
fn preferences_crud() {
    let f = FakeServer::new();
    let all = call(&f, fake::USER_TOKEN, GetPreferences::new(UserId::me())).unwrap();
    assert!(all.len() >= 3);
    let p = Preference::new(
        fake::USER_ID,
        "display_settings",
        "use_military_time",
        "true",
    );
    assert!(call(
        &f,
        fake::USER_TOKEN,
        UpdatePreferences::new(UserId::me(), vec![p.clone()])
    )
    .unwrap()
    .is_ok());
    let cat = PreferenceCategory::new("display_settings").unwrap();
    let list = call(
        &f,
        fake::USER_TOKEN,
        GetPreferencesByCategory::new(UserId::me(), cat.clone()),
    )
    .unwrap();
    assert_eq!(list.len(), 2);
    let name = PreferenceName::new("use_military_time").unwrap();
    let one = call(
        &f,
        fake::USER_TOKEN,
        GetPreferencesByCategoryByName::new(UserId::me(), cat.clone(), name.clone()),
    )
    .unwrap();
    assert_eq!(one, p);
    assert!(call(
        &f,
        fake::USER_TOKEN,
        DeletePreferences::new(UserId::me(), vec![p])
    )
    .unwrap()
    .is_ok());
    let err = call(
        &f,
        fake::USER_TOKEN,
        GetPreferencesByCategoryByName::new(UserId::me(), cat, name),
    )
    .unwrap_err();
    // A missing preference by name is a 400 on the server (TestGetPreferenceByCategoryAndName).
    assert_eq!(api_status(err), 400);
    let err = call(
        &f,
        fake::USER_TOKEN,
        GetPreferencesByCategory::new(UserId::me(), PreferenceCategory::new("nothing").unwrap()),
    );
    assert_eq!(api_status(err.unwrap_err()), 404);
    // Preferences of another user in my body: 403. A value that is not a string: 400.
    let theirs = Preference::new(fake::ADMIN_ID, "display_settings", "x", "y");
    assert_eq!(
        api_status(
            call(
                &f,
                fake::USER_TOKEN,
                UpdatePreferences::new(UserId::me(), vec![theirs])
            )
            .unwrap_err()
        ),
        403
    );
    let bad = json!([{"user_id": fake::USER_ID, "category": "display_settings", "name": "x", "value": true}]);
    assert_bad_body(
        &raw(
            &f,
            Method::PUT,
            "/users/me/preferences",
            Some(fake::USER_TOKEN),
            Some(bad),
        ),
        "preferences",
    );
    assert_bad_body(
        &raw(
            &f,
            Method::PUT,
            "/users/me/preferences",
            Some(fake::USER_TOKEN),
            Some(json!({})),
        ),
        "preferences",
    );
    assert_eq!(f.preferences_of(fake::USER_ID).len(), all.len() - 1);
}

#[test]
fn flagged_posts_are_a_post_list() {
    let f = FakeServer::new();
    let list = call(
        &f,
        fake::USER_TOKEN,
        GetFlaggedPostsForUser::new(UserId::me()),
    )
    .unwrap();
    assert_eq!(list.order, [fake::FLAGGED_POST_ID]);
    assert_eq!(
        list.posts[fake::FLAGGED_POST_ID].channel_id,
        fake::CHANNEL_ALPHA_ID
    );
    let r = raw(
        &f,
        Method::GET,
        "/users/me/posts/flagged?page=0&per_page=60",
        Some(fake::USER_TOKEN),
        None,
    );
    assert!(body(&r).is_object());
    let beta =
        GetFlaggedPostsForUser::new(UserId::me()).team_id(TeamId::new(fake::TEAM_BETA_ID).unwrap());
    assert!(call(&f, fake::USER_TOKEN, beta).unwrap().order.is_empty());
    let alpha = GetFlaggedPostsForUser::new(UserId::me())
        .channel_id(ChannelId::new(fake::CHANNEL_ALPHA_ID).unwrap());
    assert_eq!(call(&f, fake::USER_TOKEN, alpha).unwrap().order.len(), 1);
    let page1 = GetFlaggedPostsForUser::new(UserId::me())
        .page(1)
        .per_page(60);
    assert!(call(&f, fake::USER_TOKEN, page1).unwrap().order.is_empty());
    assert!(call(
        &f,
        fake::ADMIN_TOKEN,
        GetFlaggedPostsForUser::new(UserId::me())
    )
    .unwrap()
    .order
    .is_empty());
    let r = raw(
        &f,
        Method::GET,
        "/users/me/posts/flagged?team_id=nope",
        Some(fake::USER_TOKEN),
        None,
    );
    assert_error(&r, 400, "api.context.invalid_url_param.app_error");
}

#[test]
fn remove_reaction() {
    let f = FakeServer::new();
    assert_eq!(f.reactions_on(fake::REACTION_POST_ID).len(), 2);
    let post = PostId::new(fake::REACTION_POST_ID).unwrap();
    let ep = DeleteReaction::new(
        UserId::me(),
        post.clone(),
        EmojiName::new(fake::REACTION_EMOJI).unwrap(),
    );
    assert!(call(&f, fake::USER_TOKEN, ep).unwrap().is_ok());
    // `+1` is percent-encoded in the path.
    let ep = DeleteReaction::new(
        uid(fake::USER_ID),
        post.clone(),
        EmojiName::new("+1").unwrap(),
    );
    assert!(build_request(&ep, &base(), None)
        .unwrap()
        .uri()
        .path()
        .ends_with("/reactions/%2B1"));
    assert!(call(&f, fake::USER_TOKEN, ep).unwrap().is_ok());
    assert!(f.reactions_on(fake::REACTION_POST_ID).is_empty());
    // Someone else's reaction, an unknown post, a bad post ID or emoji name.
    let ep = DeleteReaction::new(uid(fake::ADMIN_ID), post, EmojiName::new("smile").unwrap());
    assert_eq!(api_status(call(&f, fake::USER_TOKEN, ep).unwrap_err()), 403);
    let ep = DeleteReaction::new(
        UserId::me(),
        PostId::new("zzzzzzzzzzzzzzzzzzzzzzzzzz").unwrap(),
        EmojiName::new("smile").unwrap(),
    );
    // A user deleting a reaction on an unknown post is refused by the channel permission
    // check first: 403, as in the server's TestDeleteReaction.
    assert_eq!(api_status(call(&f, fake::USER_TOKEN, ep).unwrap_err()), 403);
    let r = raw(
        &f,
        Method::DELETE,
        "/users/me/posts/bad/reactions/smile",
        Some(fake::USER_TOKEN),
        None,
    );
    assert!(
        assert_error(&r, 400, "api.context.invalid_url_param.app_error")["message"]
            .as_str()
            .unwrap()
            .contains("post_id")
    );
    let r = raw(
        &f,
        Method::DELETE,
        &format!("/users/me/posts/{}/reactions/a%20b", fake::REACTION_POST_ID),
        Some(fake::USER_TOKEN),
        None,
    );
    assert!(
        assert_error(&r, 400, "api.context.invalid_url_param.app_error")["message"]
            .as_str()
            .unwrap()
            .contains("emoji_name")
    );
}

#[test]
fn authorized_oauth_apps() {
    let f = FakeServer::new();
    let apps = call(
        &f,
        fake::USER_TOKEN,
        GetAuthorizedOAuthAppsForUser::new(UserId::me()),
    )
    .unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(
        (apps[0].id.as_str(), apps[0].name.as_str()),
        (fake::OAUTH_APP_ID, "Fake CI")
    );
    assert!(apps[0]
        .client_secret
        .as_ref()
        .is_none_or(|s| s.expose().is_empty()));
    let paged = GetAuthorizedOAuthAppsForUser::new(UserId::me())
        .page(1)
        .per_page(1);
    assert!(call(&f, fake::USER_TOKEN, paged).unwrap().is_empty());
    let other = GetAuthorizedOAuthAppsForUser::new(uid(fake::ADMIN_ID));
    assert_eq!(
        api_status(call(&f, fake::USER_TOKEN, other).unwrap_err()),
        403
    );
}

// ------------------------------------------------------------------ the Perl client's wire bugs

#[test]
fn perl_bug_update_roles_as_an_array() {
    let f = FakeServer::new();
    let r = raw(
        &f,
        Method::PUT,
        &format!("/users/{}/roles", fake::USER_ID),
        Some(fake::ADMIN_TOKEN),
        Some(json!({"roles": ["system_user", "system_admin"]})),
    );
    assert_bad_body(&r, "roles");
    assert_eq!(f.user(fake::USER_ID).unwrap()["roles"], "system_user");
}

#[test]
fn perl_bug_update_authentication_method_without_a_body() {
    let f = FakeServer::new();
    let r = raw(
        &f,
        Method::PUT,
        &format!("/users/{}/auth", fake::USER_ID),
        Some(fake::ADMIN_TOKEN),
        None,
    );
    assert_bad_body(&r, "user");
    let r = raw(
        &f,
        Method::PUT,
        &format!("/users/{}/auth", fake::USER_ID),
        Some(fake::ADMIN_TOKEN),
        Some(json!({})),
    );
    assert_error(&r, 400, "api.user.update_user_auth.invalid_request");
}

#[test]
fn perl_bug_revoke_all_sessions_without_the_user_id() {
    let f = FakeServer::new();
    // No ID at all: the all-users endpoint, which a user may not call.
    let r = raw(
        &f,
        Method::POST,
        "/users/sessions/revoke/all",
        Some(fake::USER_TOKEN),
        None,
    );
    assert_error(&r, 403, "api.context.permissions.app_error");
    assert_eq!(f.sessions_of(fake::USER_ID).len(), 2);
    // An empty ID segment.
    let r = raw(
        &f,
        Method::POST,
        "/users//sessions/revoke/all",
        Some(fake::USER_TOKEN),
        None,
    );
    assert_error(&r, 400, "api.context.invalid_url_param.app_error");
    // For an admin the missing ID revokes everyone's sessions: visible in the state.
    let r = raw(
        &f,
        Method::POST,
        "/users/sessions/revoke/all",
        Some(fake::ADMIN_TOKEN),
        None,
    );
    assert_eq!(r.status(), 200);
    assert!(f.sessions_of(fake::USER_ID).is_empty() && f.sessions_of(fake::ADMIN_ID).is_empty());
}

#[test]
fn perl_bug_deactivate_without_an_id_check() {
    let f = FakeServer::new();
    for bad in ["not-an-id", "ME", "fakeuser00000000000000000"] {
        let r = raw(
            &f,
            Method::DELETE,
            &format!("/users/{bad}"),
            Some(fake::ADMIN_TOKEN),
            None,
        );
        assert_error(&r, 400, "api.context.invalid_url_param.app_error");
    }
    assert_eq!(f.user(fake::USER_ID).unwrap()["delete_at"], 0);
}

#[test]
fn perl_bug_set_status_without_user_id() {
    let f = FakeServer::new();
    let put = |body: Value| {
        raw(
            &f,
            Method::PUT,
            "/users/me/status",
            Some(fake::USER_TOKEN),
            Some(body),
        )
    };
    assert_bad_body(&put(json!({"status": "online"})), "user_id");
    assert_bad_body(
        &put(json!({"user_id": "me", "status": "online"})),
        "user_id",
    );
    assert_bad_body(
        &put(json!({"user_id": fake::ADMIN_ID, "status": "online"})),
        "user_id",
    );
    assert_eq!(
        put(json!({"user_id": fake::USER_ID, "status": "online"})).status(),
        200
    );
}

#[test]
fn perl_bug_update_password_with_old_password() {
    let f = FakeServer::new();
    let put = |body: Value| {
        raw(
            &f,
            Method::PUT,
            "/users/me/password",
            Some(fake::USER_TOKEN),
            Some(body),
        )
    };
    assert_bad_body(
        &put(json!({"old_password": fake::USER_PASSWORD, "new_password": "N3w-Passw0rd!"})),
        "current_password",
    );
    assert_bad_body(
        &put(json!({"current_password": fake::USER_PASSWORD})),
        "new_password",
    );
    assert!(f.check_password(fake::USER_ID, fake::USER_PASSWORD));
}

#[test]
fn perl_bug_update_mfa_with_a_numeric_code() {
    let f = FakeServer::new();
    let r = raw(
        &f,
        Method::PUT,
        "/users/me/mfa",
        Some(fake::USER_TOKEN),
        Some(json!({"activate": true, "code": 123456})),
    );
    assert_bad_body(&r, "code");
    assert_eq!(f.user(fake::USER_ID).unwrap()["mfa_active"], false);
}

#[test]
fn perl_bug_errors_are_errors_not_values() {
    let f = FakeServer::new();
    let err = call(
        &f,
        fake::ADMIN_TOKEN,
        GetUser::new(uid("zzzzzzzzzzzzzzzzzzzzzzzzzz")),
    )
    .unwrap_err();
    assert_eq!(
        err.as_api().and_then(|e| e.id()),
        Some("app.user.missing_account.const")
    );
}

// ------------------------------------------------------------------ the fake as a transport

#[test]
fn the_request_log_keeps_each_query() {
    // A routed request, an unrouted one, an added route and an injected fault: each logs
    // its query as sent, decodable pair by pair.
    let f = FakeServer::builder()
        .with_default_data()
        .route("GET", "/custom", |_| Response::new(Bytes::new()))
        .build();
    let page = GetUsers::new().page(2).per_page(50);
    call(&f, fake::ADMIN_TOKEN, page).unwrap();
    raw(&f, Method::GET, "/nowhere?x=a%2Bb+c&flag", None, None);
    raw(&f, Method::GET, "/custom?n=1&n=2", None, None);
    f.fail_next(1, StatusCode::SERVICE_UNAVAILABLE, None);
    raw(&f, Method::GET, "/users/me?token=qs-secret-1", None, None);
    raw(&f, Method::GET, "/users/me", Some(fake::USER_TOKEN), None);

    let log = f.requests();
    assert_eq!(log.len(), 5);
    assert_eq!(log[0].path, "/users");
    assert_eq!(log[0].raw_query.as_deref(), Some("page=2&per_page=50"));
    assert_eq!(log[0].query("page").as_deref(), Some("2"));
    assert_eq!(log[0].query("per_page").as_deref(), Some("50"));
    assert_eq!(log[0].query("in_team"), None);

    assert_eq!(log[1].status, StatusCode::NOT_FOUND);
    assert_eq!(
        log[1].query_pairs(),
        vec![
            ("x".to_owned(), "a+b c".to_owned()),
            ("flag".to_owned(), String::new())
        ]
    );
    assert_eq!(
        (log[2].path.as_str(), log[2].status),
        ("/custom", StatusCode::OK)
    );
    assert_eq!(log[2].query("n").as_deref(), Some("1"));
    assert_eq!(log[2].query_pairs().len(), 2);
    assert_eq!(log[3].status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(log[3].query("token").as_deref(), Some("qs-secret-1"));
    // No `?` at all is `None`, not `Some("")`.
    assert_eq!(log[4].raw_query, None);
    assert!(log[4].query_pairs().is_empty());

    // Debug shows the query with secret-looking values redacted.
    let dbg = format!("{log:?}");
    assert!(
        dbg.contains("per_page=50") && dbg.contains("token=<redacted>"),
        "{dbg}"
    );
    assert!(!dbg.contains("qs-secret-1"), "{dbg}");
}

#[test]
fn transport_clones_share_state_and_log_requests() {
    let f = FakeServer::new();
    let t: Arc<dyn DynTransport> = Arc::new(f.clone());
    let req = build_request(
        &GetUser::new(UserId::me()),
        &base(),
        Some(&Token::new(fake::USER_TOKEN)),
    )
    .unwrap();
    let resp = run(t.send_dyn(req)).unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    raw(&f, Method::GET, "/users/me", None, None);
    let log = f.requests();
    assert_eq!(log.len(), 2);
    assert_eq!(
        (log[0].method.clone(), log[0].path.as_str(), log[0].status),
        (Method::GET, "/users/me", StatusCode::OK)
    );
    assert_eq!(log[1].status, StatusCode::UNAUTHORIZED);
    f.clear_requests();
    assert!(f.requests().is_empty());
    let dbg = format!("{f:?}");
    assert!(
        !dbg.contains(fake::USER_TOKEN) && !dbg.contains(fake::USER_PASSWORD),
        "{dbg}"
    );
}
