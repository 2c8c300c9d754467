//! `FakeServer::builder`: data a test adds is seen by the fake's operations, and added routes
//! and the fallback answer what the fake does not model.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use mattermost_sdk_mock::{fake, FakeServer};
use serde_json::{json, Value};

const DAVE: &str = "dave0000000000000000000001";
const ERIN: &str = "erin0000000000000000000001";
const DAVE_PAT: &str = "davetoken00000000000000001";
const ERIN_SESSION: &str = "erinsession000000000000001";
const TEAM: &str = "teamgamma00000000000000001";
const CHANNEL: &str = "chgamma0000000000000000001";

fn call(fake: &FakeServer, method: Method, path: &str, token: &str, body: &str) -> Response<Bytes> {
    let req = Request::builder()
        .method(method)
        .uri(format!("http://fake{path}"))
        .header("Authorization", format!("Bearer {token}"))
        .body(Bytes::from(body.to_owned()))
        .unwrap();
    fake.handle(req)
}

fn json_of(resp: &Response<Bytes>) -> Value {
    serde_json::from_slice(resp.body()).unwrap()
}

fn built() -> FakeServer {
    FakeServer::builder()
        .user(DAVE, "dave", "Dave-Passw0rd!", "system_admin system_user")
        .user_json(
            json!({"id": ERIN, "username": "erin", "nickname": "E", "x_custom": {"kept": true}}),
            "Erin-Passw0rd!",
        )
        .access_token(DAVE, DAVE_PAT)
        .session(ERIN, ERIN_SESSION)
        .team(TEAM, "gamma")
        .team_member(TEAM, ERIN)
        .channel(CHANNEL, TEAM)
        .preference(ERIN, "display_settings", "use_military_time", "true")
        .build()
}

#[test]
fn added_users_tokens_teams_and_preferences_are_seen_by_the_operations() {
    let fake = built();
    assert_eq!(fake.users().len(), 2, "the builder starts with no data");

    let me = call(&fake, Method::GET, "/api/v4/users/me", DAVE_PAT, "");
    assert_eq!(me.status(), StatusCode::OK);
    assert_eq!(json_of(&me)["username"], "dave");

    let erin = json_of(&call(
        &fake,
        Method::GET,
        "/api/v4/users/me",
        ERIN_SESSION,
        "",
    ));
    assert_eq!(erin["nickname"], "E");
    assert_eq!(erin["x_custom"], json!({"kept": true}));
    assert_eq!(erin["email"], "erin@example.com");

    let teams = json_of(&call(
        &fake,
        Method::GET,
        "/api/v4/users/me/teams",
        ERIN_SESSION,
        "",
    ));
    assert_eq!(teams.as_array().unwrap().len(), 1);
    assert_eq!(teams[0]["id"], TEAM);

    let prefs = call(
        &fake,
        Method::GET,
        "/api/v4/users/me/preferences/display_settings/name/use_military_time",
        ERIN_SESSION,
        "",
    );
    assert_eq!(json_of(&prefs)["value"], "true");

    // The session is a real one: it is listed and can be revoked, then stops working.
    let sessions = fake.sessions_of(ERIN);
    assert_eq!(sessions.len(), 1);
    let revoke_all = call(
        &fake,
        Method::POST,
        &format!("/api/v4/users/{ERIN}/sessions/revoke/all"),
        DAVE_PAT,
        "",
    );
    assert_eq!(revoke_all.status(), StatusCode::OK);
    let after = call(&fake, Method::GET, "/api/v4/users/me", ERIN_SESSION, "");
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
    assert!(fake.check_password(DAVE, "Dave-Passw0rd!"));
}

#[test]
fn default_data_can_be_combined_with_added_data() {
    let fake = FakeServer::builder()
        .with_default_data()
        .user(DAVE, "dave", "pw", "system_user")
        .team_member(fake::TEAM_ALPHA_ID, DAVE)
        .build();
    assert!(fake.user(fake::USER_ID).is_some());
    assert!(fake.user(DAVE).is_some());
    let teams = fake.teams_of(DAVE);
    assert_eq!(teams[0]["id"], fake::TEAM_ALPHA_ID);
}

#[test]
fn an_added_route_answers_what_the_fake_does_not_model() {
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    let fake = FakeServer::builder()
        .with_default_data()
        .route("GET", "/api/v4/channels/{channel_id}/stats", move |req| {
            counter.fetch_add(1, Ordering::SeqCst);
            let id = req.uri().path().split('/').nth(4).unwrap_or_default();
            let body = json!({"channel_id": id, "member_count": 3}).to_string();
            let mut resp = Response::new(Bytes::from(body));
            resp.headers_mut()
                .insert("content-type", "application/json".parse().unwrap());
            resp
        })
        .build();

    let resp = call(
        &fake,
        Method::GET,
        &format!("/api/v4/channels/{CHANNEL}/stats"),
        fake::USER_TOKEN,
        "",
    );
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(json_of(&resp)["channel_id"], CHANNEL);
    assert!(resp.headers().contains_key("x-request-id"));
    assert_eq!(seen.load(Ordering::SeqCst), 1);

    // Another method or path is not the added route.
    let post = call(
        &fake,
        Method::POST,
        "/api/v4/channels/x/stats",
        fake::USER_TOKEN,
        "",
    );
    assert_eq!(post.status(), StatusCode::NOT_FOUND);
    assert_eq!(seen.load(Ordering::SeqCst), 1);

    let log = fake.requests();
    assert_eq!(log[0].path, format!("/channels/{CHANNEL}/stats"));
    assert_eq!(log[0].status, StatusCode::OK);
    assert_eq!(log[1].status, StatusCode::NOT_FOUND);
}

#[test]
fn an_added_route_can_replace_a_modeled_one() {
    let fake = FakeServer::builder()
        .with_default_data()
        .route("GET", "/users/{user_id}/status", |_| {
            let mut resp = Response::new(Bytes::from_static(b"{}"));
            *resp.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
            resp
        })
        .build();
    let path = format!("/api/v4/users/{}/status", fake::USER_ID);
    let resp = call(&fake, Method::GET, &path, fake::USER_TOKEN, "");
    assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[test]
fn the_fallback_sees_every_unrouted_request_and_may_decline() {
    let fake = FakeServer::builder()
        .with_default_data()
        .fallback(|req| {
            if !req.uri().path().starts_with("/api/v4/emoji") {
                return None; // keep the fake's own 404
            }
            let body = format!(
                r#"{{"method":"{}","auth":"{}","body":"{}"}}"#,
                req.method(),
                req.headers()
                    .get("authorization")
                    .unwrap()
                    .to_str()
                    .unwrap(),
                String::from_utf8_lossy(req.body())
            );
            Some(Response::new(Bytes::from(body)))
        })
        .build();

    let resp = call(&fake, Method::POST, "/api/v4/emoji", fake::USER_TOKEN, "x");
    assert_eq!(resp.status(), StatusCode::OK);
    let got = json_of(&resp);
    assert_eq!(got["method"], "POST");
    assert_eq!(got["auth"], format!("Bearer {}", fake::USER_TOKEN));
    assert_eq!(got["body"], "x");

    let declined = call(
        &fake,
        Method::GET,
        "/api/v4/nothing/here",
        fake::USER_TOKEN,
        "",
    );
    assert_eq!(declined.status(), StatusCode::NOT_FOUND);
    assert_eq!(json_of(&declined)["id"], "api.context.404.app_error");

    // Modeled routes never reach the fallback, errors included.
    let me = call(&fake, Method::GET, "/api/v4/users/me", "not-a-token", "");
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
}
