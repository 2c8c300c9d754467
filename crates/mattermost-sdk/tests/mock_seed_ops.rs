//! Every seed operation through the facade, against `MockTransport` expectations: the
//! facade sends exactly the SEED-MAP wire form and decodes the answer.

// Page walks over exact mock expectations go one request at a time (`.read_ahead(0)`):
// a read-ahead walk may also ask for the page after the last one. Read-ahead walks are
// tested in `tests/read_ahead.rs`.

use mattermost_sdk::models::{Preference, Role, StatusValue, User, UserAuthData, UserPatch};
use mattermost_sdk::{Client, Error, Secret};
use mattermost_sdk_core::http::Method;
use mattermost_sdk_mock::MockTransport;
use serde_json::{json, Value};

mod common;
use common::mock_client as client;

const U: &str = "u1u1u1u1u1u1u1u1u1u1u1u1u1";
const POST: &str = "p1p1p1p1p1p1p1p1p1p1p1p1p1";
const SESSION: &str = "s1s1s1s1s1s1s1s1s1s1s1s1s1";
const TEAM: &str = "t1t1t1t1t1t1t1t1t1t1t1t1t1";

fn user_json() -> Value {
    json!({"id": U, "username": "alice", "email": "alice@example.com", "roles": "system_user",
           "notify_props": {"email": "true"}, "future_field": {"kept": true}})
}

fn ok() -> Value {
    json!({"status": "OK"})
}

/// Runs one operation: expects `method path` with `body` (None = no body, no Content-Type),
/// answers `answer`, and checks the result is Ok.
macro_rules! op {
    ($name:ident: $method:ident $path:literal, body: $body:expr, answer: $answer:expr, |$c:ident| $call:expr) => {
        #[tokio::test]
        async fn $name() {
            let mock = MockTransport::new();
            let exp = mock
                .expect(Method::$method, $path)
                .header("authorization", "Bearer tok");
            let body: Option<Value> = $body;
            let exp = match body {
                Some(b) => exp.json_body(b),
                None => exp.no_body(),
            };
            exp.respond_json(200, $answer);
            let $c = client(&mock);
            let out = $call.await;
            assert!(out.is_ok(), "{:?}", out.err());
            mock.verify();
        }
    };
}

op!(get: GET "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1", body: None, answer: user_json(),
    |c| c.users().get(U));
op!(get_me: GET "/api/v4/users/me", body: None, answer: user_json(), |c| c.me());
op!(teams: GET "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/teams", body: None,
    answer: json!([{"id": TEAM, "name": "t", "display_name": "T"}]), |c| c.user(U).teams());
op!(deactivate: DELETE "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1", body: None, answer: ok(),
    |c| c.users().deactivate(U));
op!(patch: PUT "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/patch",
    body: Some(json!({"nickname": "al"})), answer: user_json(),
    |c| c.user(U).patch(UserPatch { nickname: Some("al".into()), ..Default::default() }));
op!(update_roles: PUT "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/roles",
    body: Some(json!({"roles": "system_user system_admin"})), answer: ok(),
    |c| c.users().update_roles(U, [Role::SystemUser, Role::SystemAdmin]));
op!(generate_mfa_secret: POST "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/mfa/generate", body: None,
    answer: json!({"secret": "S3CR3T", "qr_code": "iVBORw0KGgo="}), |c| c.user(U).generate_mfa_secret());
op!(update_mfa: PUT "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/mfa",
    body: Some(json!({"activate": true, "code": "123456"})), answer: ok(),
    |c| c.user(U).update_mfa(true).code("123456"));
op!(update_active_status: PUT "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/active",
    body: Some(json!({"active": false})), answer: ok(), |c| c.users().update_active_status(U, false));
op!(update_password: PUT "/api/v4/users/me/password",
    body: Some(json!({"current_password": "old", "new_password": "new"})), answer: ok(),
    |c| c.user("me").update_password("new").current_password(Secret::new("old")));
op!(update_authentication_method: PUT "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/auth",
    body: Some(json!({"auth_service": "ldap", "auth_data": "alice"})),
    answer: json!({"auth_service": "ldap", "auth_data": "alice"}),
    |c| c.users().update_authentication_method(U, UserAuthData {
        auth_service: "ldap".into(), auth_data: Some("alice".into()), ..Default::default() }));
op!(get_status: GET "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/status", body: None,
    answer: json!({"user_id": U, "status": "away"}), |c| c.user(U).get_status());
op!(set_status: PUT "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/status",
    body: Some(json!({"user_id": U, "status": "dnd", "dnd_end_time": 1700000000})),
    answer: json!({"user_id": U, "status": "dnd"}),
    |c| c.users().set_status(U, StatusValue::Dnd).dnd_end_time(1_700_000_000));
op!(get_sessions: GET "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/sessions", body: None,
    answer: json!([{"id": SESSION, "user_id": U}]), |c| c.user(U).get_sessions());
op!(revoke_session: POST "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/sessions/revoke",
    body: Some(json!({"session_id": SESSION})), answer: ok(), |c| c.user(U).revoke_session(SESSION));
op!(revoke_all_sessions: POST "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/sessions/revoke/all",
    body: None, answer: ok(), |c| c.users().revoke_all_sessions(U));
op!(get_preferences: GET "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/preferences", body: None,
    answer: json!([{"user_id": U, "category": "c", "name": "n", "value": "v"}]),
    |c| c.user(U).get_preferences());
op!(set_preferences: PUT "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/preferences",
    body: Some(json!([{"user_id": U, "category": "display_settings", "name": "use_military_time", "value": "true"}])),
    answer: ok(),
    |c| c.user(U).set_preferences([Preference::new(U, "display_settings", "use_military_time", "true")]));
op!(delete_preferences: POST "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/preferences/delete",
    body: Some(json!([{"user_id": U, "category": "c", "name": "n", "value": ""}])), answer: ok(),
    |c| c.users().delete_preferences(U, [Preference::new(U, "c", "n", "")]));
op!(list_preferences_by_category: GET "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/preferences/display_settings",
    body: None, answer: json!([]), |c| c.user(U).list_preferences_by_category("display_settings"));
op!(get_preference_by_category_and_name:
    GET "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/preferences/display_settings/name/use_military_time",
    body: None, answer: json!({"user_id": U, "category": "display_settings", "name": "use_military_time", "value": "true"}),
    |c| c.users().get_preference_by_category_and_name(U, "display_settings", "use_military_time"));
op!(get_flagged_posts: GET "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/posts/flagged?team_id=t1t1t1t1t1t1t1t1t1t1t1t1t1&page=1&per_page=60",
    body: None, answer: json!({"order": [POST], "posts": {POST: {"id": POST, "message": "hi"}}}),
    |c| c.user(U).get_flagged_posts().team_id(TEAM).page(1).per_page(60));
op!(remove_reaction: DELETE "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/posts/p1p1p1p1p1p1p1p1p1p1p1p1p1/reactions/+1",
    body: None, answer: ok(), |c| c.users().remove_reaction(U, POST, "+1"));
op!(get_authorized_apps: GET "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/oauth/apps/authorized?page=0&per_page=10",
    body: None, answer: json!([{"id": "a1", "name": "App"}]),
    |c| c.user(U).get_authorized_apps().page(0).per_page(10));
op!(get_authorised_apps_alias: GET "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/oauth/apps/authorized",
    body: None, answer: json!([]), |c| c.users().get_authorised_apps(U));

#[tokio::test]
async fn update_sends_the_full_user_with_unknown_fields() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, &format!("/api/v4/users/{U}"))
        .respond_json(200, user_json());
    let mut sent = user_json();
    sent["nickname"] = json!("ally");
    mock.expect(Method::PUT, &format!("/api/v4/users/{U}"))
        .json_body(sent.clone())
        .respond_json(200, sent);
    let c = client(&mock);
    let mut user: User = c.users().get(U).await.unwrap();
    user.nickname = Some("ally".into());
    let handle = c.user(&user);
    let updated = handle.update(user.clone()).await.unwrap();
    assert_eq!(updated.extra["future_field"], json!({"kept": true}));
    mock.verify();
}

#[tokio::test]
async fn profile_image_round_trip_keeps_bytes_and_type() {
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0fake";
    let mock = MockTransport::new();
    mock.expect(Method::POST, &format!("/api/v4/users/{U}/image"))
        .matching("multipart part `image` with the bytes", move |r| {
            let ct = r.content_type().unwrap_or("");
            let body = r.body();
            ct.starts_with("multipart/form-data; boundary=")
                && body.windows(png.len()).any(|w| w == png)
                && String::from_utf8_lossy(body).contains("name=\"image\"")
                && String::from_utf8_lossy(body).contains("Content-Type: image/png")
        })
        .respond_json(200, ok());
    mock.expect(Method::GET, &format!("/api/v4/users/{U}/image"))
        .respond_bytes(200, "image/png", png.to_vec());
    let c = client(&mock);
    c.user(U)
        .set_profile_image(png.to_vec(), "image/png")
        .await
        .unwrap();
    let img = c.user(U).get_profile_image().await.unwrap();
    assert_eq!(img.bytes.as_ref(), png);
    assert_eq!(img.content_type.as_deref(), Some("image/png"));
    mock.verify();
}

#[tokio::test]
async fn set_status_for_me_fills_the_real_id_from_login() {
    let mock = MockTransport::new();
    mock.expect(Method::POST, "/api/v4/users/login")
        .json_body(json!({"login_id": "alice", "password": "pw"}))
        .response_header("Token", "sess-token")
        .respond_json(200, user_json());
    mock.expect(Method::PUT, "/api/v4/users/me/status")
        .header("authorization", "Bearer sess-token")
        .json_body(json!({"user_id": U, "status": "online"}))
        .respond_json(200, json!({"user_id": U, "status": "online"}));
    let c = Client::builder("https://chat.example.com")
        .login("alice", "pw")
        .transport(mock.clone())
        .await
        .unwrap();
    assert_eq!(c.user_id().unwrap().as_str(), U);
    let status = c.user("me").set_status(StatusValue::Online).await.unwrap();
    assert_eq!(status.status, StatusValue::Online);
    mock.verify();
}

#[tokio::test]
async fn set_status_for_me_with_a_token_fetches_me_once() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_json(200, user_json());
    mock.expect(Method::PUT, "/api/v4/users/me/status")
        .json_body(json!({"user_id": U, "status": "away"}))
        .times(2)
        .respond_json(200, json!({"user_id": U, "status": "away"}));
    let c = client(&mock);
    c.users().set_status("me", StatusValue::Away).await.unwrap();
    c.users().set_status("me", StatusValue::Away).await.unwrap();
    mock.verify();
}

#[tokio::test]
async fn login_with_mfa_sends_the_code_as_token() {
    let mock = MockTransport::new();
    mock.expect(Method::POST, "/api/v4/users/login")
        .json_body(json!({"login_id": "alice", "password": "pw", "token": "123456"}))
        .response_header("Token", "t2")
        .respond_json(200, user_json());
    mock.expect(Method::POST, "/api/v4/users/logout")
        .header("authorization", "Bearer t2")
        .respond_json(200, ok());
    let c = Client::builder("https://chat.example.com")
        .login_with_mfa("alice", "pw", "123456")
        .transport(mock.clone())
        .await
        .unwrap();
    assert!(c.is_authenticated());
    c.logout().await.unwrap();
    assert!(!c.is_authenticated());
    mock.verify();
}

#[tokio::test]
async fn api_errors_are_errors_with_the_mattermost_body() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, &format!("/api/v4/users/{U}"))
        .respond_json(
            404,
            json!({"id": "app.user.missing_account.const", "message": "Unable to find the user.",
               "detailed_error": "", "request_id": "r1", "status_code": 404}),
        );
    let c = client(&mock);
    let err = c.users().get(U).await.unwrap_err();
    let api = err.as_api().expect("an API error");
    assert_eq!(api.status.as_u16(), 404);
    assert_eq!(api.id(), Some("app.user.missing_account.const"));
    mock.verify();
}

#[tokio::test]
async fn bad_ids_fail_before_any_request() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let err = c.users().get("not-an-id").await.unwrap_err();
    assert!(matches!(err, Error::Build(_)), "{err:?}");
    let err = c.user(U).remove_reaction(POST, "..").await.unwrap_err();
    assert!(matches!(err, Error::Build(_)), "{err:?}");
    let err = c
        .user(U)
        .get_flagged_posts()
        .per_page(500)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Build(_)), "{err:?}");
    let err = c.users().revoke_session(U, "x").await.unwrap_err();
    assert!(matches!(err, Error::Build(_)), "{err:?}");
    assert_eq!(mock.request_count(), 0);
}

#[tokio::test]
async fn with_response_exposes_status_headers_and_request_id() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/users/me")
        .response_header("X-Request-Id", "req-42")
        .response_header("ETag", "\"v1\"")
        .respond_json(200, user_json());
    let c = client(&mock);
    let resp = c.me().with_response().await.unwrap();
    assert_eq!(resp.status.as_u16(), 200);
    assert_eq!(resp.request_id(), Some("req-42"));
    assert_eq!(resp.etag(), Some("\"v1\""));
    assert_eq!(resp.value.username, "alice");
    mock.verify();
}

#[tokio::test]
async fn endpoint_is_the_pure_value_and_send_raw_sends_any_request() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/system/ping")
        .respond_json(200, json!({"status": "OK"}));
    let c = client(&mock);
    let call = c.user(U).get_flagged_posts().page(2);
    let ep = call.endpoint().unwrap();
    assert_eq!(ep.page, Some(2));
    let req = call.request().unwrap();
    assert_eq!(req.uri().query(), Some("page=2"));
    let raw = mattermost_sdk_core::http::Request::get("/api/v4/system/ping")
        .body(bytes::Bytes::new())
        .unwrap();
    let resp = c.send_raw(raw).await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let sent = mock.last_request().unwrap();
    assert_eq!(
        sent.uri().to_string(),
        "https://chat.example.com/api/v4/system/ping"
    );
    assert_eq!(sent.header("authorization"), Some("Bearer tok"));
    mock.verify();
}

#[test]
fn bad_base_urls_are_rejected_when_building() {
    for url in ["ftp://x", "not a url", "https://host/?q=1"] {
        let err = Client::builder(url)
            .token("t")
            .transport(MockTransport::new())
            .build();
        assert!(matches!(err, Err(Error::Build(_))), "{url}");
    }
    let err = Client::builder("https://host").login("a", "b").build();
    assert!(matches!(err, Err(Error::Build(_))));
}

#[tokio::test]
async fn secrets_never_show_in_debug_or_errors() {
    let mock = MockTransport::new();
    mock.expect(Method::POST, "/api/v4/users/login")
        .respond_json(401, json!({"id": "api.user.login.invalid_credentials", "message": "Enter a valid email or username and/or password.", "status_code": 401}));
    let builder = Client::builder("https://chat.example.com")
        .login("alice", "hunter2-password")
        .transport(mock.clone());
    let dbg = format!("{builder:?}");
    assert!(!dbg.contains("hunter2-password"), "{dbg}");
    let err = builder.await.unwrap_err();
    for text in [format!("{err}"), format!("{err:?}")] {
        assert!(!text.contains("hunter2-password"), "{text}");
    }
    let c = Client::builder("https://chat.example.com")
        .token("secret-token-value")
        .transport(mock.clone())
        .build()
        .unwrap();
    let dbg = format!("{c:?}");
    assert!(!dbg.contains("secret-token-value"), "{dbg}");
    let call = c
        .user("me")
        .update_password("n3w-pa55")
        .current_password(Secret::new("0ld-pa55"));
    let dbg = format!("{call:?}");
    assert!(
        !dbg.contains("n3w-pa55") && !dbg.contains("0ld-pa55"),
        "{dbg}"
    );
    mock.verify();
}

fn apps(n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| json!({"id": format!("app{i}"), "name": "A"}))
            .collect(),
    )
}

#[tokio::test]
async fn all_walks_pages_until_a_short_one() {
    let mock = MockTransport::new();
    let path = format!("/api/v4/users/{U}/oauth/apps/authorized");
    mock.expect(Method::GET, &format!("{path}?page=0&per_page=2"))
        .respond_json(200, apps(2));
    mock.expect(Method::GET, &format!("{path}?page=1&per_page=2"))
        .respond_json(200, apps(2));
    mock.expect(Method::GET, &format!("{path}?page=2&per_page=2"))
        .respond_json(200, apps(1));
    let c = client(&mock);
    let all = c
        .user(U)
        .get_authorized_apps()
        .per_page(2)
        .read_ahead(0)
        .all()
        .await
        .unwrap();
    assert_eq!(all.len(), 5);
    mock.verify();
}

#[tokio::test]
async fn all_on_post_lists_keeps_the_display_order() {
    let mock = MockTransport::new();
    mock.expect(
        Method::GET,
        &format!("/api/v4/users/{U}/posts/flagged?page=0&per_page=200"),
    )
    .respond_json(
        200,
        json!({"order": ["b", "a"], "posts": {"a": {"id": "a"}, "b": {"id": "b"}}}),
    );
    // Flagged posts end on an empty page (the handler filters after the cut).
    mock.expect(
        Method::GET,
        &format!("/api/v4/users/{U}/posts/flagged?page=1&per_page=200"),
    )
    .respond_json(200, json!({"order": [], "posts": {}}));
    let c = client(&mock);
    let posts = c
        .user(U)
        .get_flagged_posts()
        .read_ahead(0)
        .all()
        .await
        .unwrap();
    let ids: Vec<_> = posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["b", "a"]);
    mock.verify();
}

#[tokio::test]
async fn all_stops_when_the_server_ignores_per_page() {
    let mock = MockTransport::new();
    let path = format!("/api/v4/users/{U}/oauth/apps/authorized");
    // Asked for 2, got 3: asking for page 1 would only repeat or skip; stop instead.
    mock.expect(Method::GET, &format!("{path}?page=0&per_page=2"))
        .respond_json(200, apps(3));
    let c = client(&mock);
    let all = c
        .user(U)
        .get_authorized_apps()
        .per_page(2)
        .read_ahead(0)
        .all()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    mock.verify();
}

/// A `PostList` of posts with these IDs, in this order.
fn post_list(ids: &[&str]) -> serde_json::Value {
    let posts: serde_json::Map<String, serde_json::Value> = ids
        .iter()
        .map(|id| (id.to_string(), json!({"id": id})))
        .collect();
    json!({"order": ids, "posts": posts})
}

/// Runs `get_flagged_posts().per_page(2).all()` against a mock answering each `(page, ids)`
/// once; returns the post IDs `.all()` gave and how many requests it sent. Without
/// read-ahead, so the requests are exactly the pager's (read-ahead walks of the same
/// pages: `tests/read_ahead.rs`).
async fn flagged_all(pages: &[(u32, &[&str])]) -> (Vec<String>, usize) {
    let mock = MockTransport::new();
    let path = format!("/api/v4/users/{U}/posts/flagged");
    for (page, ids) in pages {
        mock.expect(Method::GET, &format!("{path}?page={page}&per_page=2"))
            .respond_json(200, post_list(ids));
    }
    let c = client(&mock);
    let posts = c
        .user(U)
        .get_flagged_posts()
        .per_page(2)
        .read_ahead(0)
        .all()
        .await
        .unwrap();
    mock.verify();
    let requests = mock.requests().len();
    (posts.into_iter().map(|p| p.id).collect(), requests)
}

/// Field case (`server/channels/api4/post.go` `getFlaggedPostsForUser`): the handler drops
/// posts from channels the caller can no longer read after the page was cut, so page 0 holds
/// one post although more follow. Right: `[A, B, C]`, stopping on the empty page.
#[tokio::test]
async fn flagged_posts_all_reads_past_a_page_shortened_by_filtering() {
    let (ids, requests) = flagged_all(&[(0, &["A"]), (1, &["B", "C"]), (2, &[])]).await;
    assert_eq!(ids, ["A", "B", "C"]);
    assert_eq!(requests, 3);
}

/// Field case: the handler passes `page` to the store as a row offset, so page 1 answers
/// `[B, C]` and page 2 `[C]`. Right: `[A, B, C]` in order, in `ceil(3 / 2) + 1` requests
/// (the pager steps `page` by `per_page` once it sees the overlap).
#[tokio::test]
async fn flagged_posts_all_handles_page_as_row_offset() {
    let (ids, requests) = flagged_all(&[(0, &["A", "B"]), (1, &["B", "C"]), (3, &[])]).await;
    assert_eq!(ids, ["A", "B", "C"]);
    assert_eq!(requests, 3);
}
