//! The fake's directory areas at the HTTP level, with hand-built requests: route
//! precedence (`users/stats` over `users/{id}`), anonymous sign-up, and the handler checks a
//! client would never send (so the facade tests cannot reach them).

use bytes::Bytes;
use http::{Method, Request, StatusCode};
use mattermost_sdk_mock::fake::{self, FakeServer};
use serde_json::{json, Value};

fn send(
    fake: &FakeServer,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut b = Request::builder()
        .method(method)
        .uri(format!("https://fake.example.com/api/v4/{path}"));
    if let Some(t) = token {
        b = b.header("authorization", format!("Bearer {t}"));
    }
    let body = body.map(|v| Bytes::from(v.to_string())).unwrap_or_default();
    let resp = fake.handle(b.body(body).unwrap());
    let status = resp.status();
    (
        status,
        serde_json::from_slice(resp.body()).unwrap_or(Value::Null),
    )
}

#[test]
fn literal_routes_win_over_the_user_id_route() {
    let fake = FakeServer::new();
    let (s, v) = send(
        &fake,
        Method::GET,
        "users/stats",
        Some(fake::USER_TOKEN),
        None,
    );
    assert_eq!(s, StatusCode::OK);
    assert!(v["total_users_count"].as_i64().is_some(), "{v}");
    let (s, v) = send(
        &fake,
        Method::GET,
        "users/known",
        Some(fake::USER_TOKEN),
        None,
    );
    assert_eq!(s, StatusCode::OK);
    assert!(v.is_array());
    let (s, v) = send(
        &fake,
        Method::GET,
        "users/username/alice",
        Some(fake::USER_TOKEN),
        None,
    );
    assert_eq!((s, v["id"].as_str()), (StatusCode::OK, Some(fake::USER_ID)));
    // A user ID still reaches GetUser.
    let (s, v) = send(
        &fake,
        Method::GET,
        &format!("users/{}", fake::USER_ID),
        Some(fake::USER_TOKEN),
        None,
    );
    assert_eq!((s, v["username"].as_str()), (StatusCode::OK, Some("alice")));
}

#[test]
fn sign_up_is_anonymous_but_closed_and_listing_needs_a_session() {
    let fake = FakeServer::new();
    let body = json!({"username": "zed", "email": "zed@example.com", "password": "Zed-Passw0rd!"});
    let (s, v) = send(&fake, Method::POST, "users", None, Some(body));
    assert_eq!(
        (s, v["id"].as_str()),
        (
            StatusCode::FORBIDDEN,
            Some("api.user.create_user.no_open_server")
        )
    );
    let (s, v) = send(&fake, Method::GET, "users", None, None);
    assert_eq!(
        (s, v["id"].as_str()),
        (
            StatusCode::UNAUTHORIZED,
            Some("api.context.session_expired.app_error")
        )
    );
}

#[test]
fn checks_the_client_never_lets_through() {
    let fake = FakeServer::new();
    let t = Some(fake::ADMIN_TOKEN);
    let cases: &[(Method, &str, Option<Value>, u16, &str)] = &[
        (
            Method::POST,
            "users/ids",
            Some(json!([])),
            400,
            "api.context.invalid_body_param.app_error",
        ),
        (
            Method::POST,
            "users/usernames",
            Some(json!({"not": "a list"})),
            400,
            "api.context.invalid_body_param.app_error",
        ),
        (
            Method::POST,
            "users/status/ids",
            Some(json!(["me"])),
            400,
            "api.context.invalid_body_param.app_error",
        ),
        (
            Method::POST,
            "users/group_channels",
            Some(json!([])),
            400,
            "api.context.invalid_body_param.app_error",
        ),
        (
            Method::POST,
            "users/search",
            Some(json!({"term": ""})),
            400,
            "api.context.invalid_body_param.app_error",
        ),
        (
            Method::POST,
            "users/search",
            Some(json!({"term": "a", "limit": 1001})),
            400,
            "api.context.invalid_body_param.app_error",
        ),
        (
            Method::GET,
            "users?not_in_channel=fakechannelalpha0000000001",
            None,
            400,
            "api.context.invalid_url_param.app_error",
        ),
        (
            Method::GET,
            "users?sort=status",
            None,
            400,
            "api.context.invalid_url_param.app_error",
        ),
        (
            Method::GET,
            "users?sort=bogus",
            None,
            400,
            "api.context.invalid_url_param.app_error",
        ),
        (
            Method::GET,
            "users?active=true&inactive=true",
            None,
            400,
            "api.context.invalid_url_param.app_error",
        ),
        (
            Method::GET,
            "users?roles=Bad%20Role",
            None,
            400,
            "api.context.invalid_body_param.app_error",
        ),
        (
            Method::GET,
            "users/username/Not%20Valid",
            None,
            400,
            "api.context.invalid_url_param.app_error",
        ),
        (
            Method::GET,
            "users/email/nobody",
            None,
            400,
            "api.context.invalid_url_param.app_error",
        ),
        (
            Method::GET,
            "users/stats/filtered?team_roles=BAD&in_team=faketeamalpha0000000000001",
            None,
            400,
            "api.context.invalid_body_param.app_error",
        ),
        (
            Method::GET,
            "users/autocomplete?name=a&in_channel=fakechannelalpha0000000001",
            None,
            500,
            "api.user.autocomplete_users.missing_team_id.app_error",
        ),
        (
            Method::GET,
            "users?in_channel=zzzzzzzzzzzzzzzzzzzzzzzzzz",
            None,
            404,
            "app.channel.get.existing.app_error",
        ),
    ];
    for (method, path, body, status, id) in cases {
        let (s, v) = send(&fake, method.clone(), path, t, body.clone());
        assert_eq!(
            (s.as_u16(), v["id"].as_str()),
            (*status, Some(*id)),
            "{method} {path}"
        );
    }
}

#[test]
fn per_page_is_clamped_not_refused() {
    let fake = FakeServer::new();
    for i in 0..205 {
        fake.add_user(&format!("bulk{i:03}"), "Bulk-Passw0rd!", "system_user");
    }
    let (s, v) = send(
        &fake,
        Method::GET,
        "users?per_page=500",
        Some(fake::ADMIN_TOKEN),
        None,
    );
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().map(Vec::len), Some(200));
    let (_, v) = send(
        &fake,
        Method::GET,
        "users?per_page=200&page=1",
        Some(fake::ADMIN_TOKEN),
        None,
    );
    assert_eq!(v.as_array().map(Vec::len), Some(fake.users().len() - 200));
}
