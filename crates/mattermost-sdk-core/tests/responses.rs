//! Decoding responses: every model from realistic server JSON, error bodies, malformed
//! bodies, and the `raw` / `ignore` / `json` combinators.

// `json!` of a post with every field nests deeper than the default limit.
#![recursion_limit = "256"]

mod common;

use common::*;
use mattermost_sdk_core::bytes::Bytes;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::http::Request;
use mattermost_sdk_core::models::{StatusValue, User};
use mattermost_sdk_core::{
    ignore, json, parse_response, raw, ApiErrorBody, Endpoint, Error, Ignored, MattermostError,
    Secret, UserId,
};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------
// Realistic bodies, shaped like the server's model JSON (server/public/model/*.go).

fn user_json() -> Value {
    json!({
        "id": U,
        "create_at": 1511983323413_i64,
        "update_at": 1700000000000_i64,
        "delete_at": 0,
        "username": "alice",
        "auth_data": "",
        "auth_service": "",
        "email": "alice@example.com",
        "email_verified": true,
        "nickname": "",
        "first_name": "Alice",
        "last_name": "Liddell",
        "position": "Engineer",
        "roles": "system_user system_admin",
        "props": {
            "customStatus": "{\"emoji\":\"calendar\",\"text\":\"In a meeting\",\"duration\":\"one_hour\"}",
            "last_search_pointer": "3"
        },
        "notify_props": {
            "auto_responder_active": "false", "auto_responder_message": "Hello, I am out of office.",
            "channel": "true", "comments": "never", "desktop": "mention", "desktop_sound": "true",
            "desktop_threads": "all", "email": "true", "email_threads": "all", "first_name": "false",
            "mention_keys": "", "push": "mention", "push_status": "away", "push_threads": "all"
        },
        "last_password_update": 1511983323413_i64,
        "last_picture_update": 1650000000000_i64,
        "locale": "en",
        "timezone": {"automaticTimezone": "Europe/Paris", "manualTimezone": "", "useAutomaticTimezone": "true"},
        "mfa_active": false,
        "last_activity_at": 1700000100000_i64,
        "is_bot": false,
        // Fields this SDK does not name: they must survive a round trip.
        "disable_welcome_email": false,
        "remote_id": "",
        "terms_of_service_id": "z4h6qn8b7iykxrgbm5s8ffswbw",
        "terms_of_service_create_at": 1600000000000_i64,
        "last_login": 1700000000001_i64,
        "x_future": {"nested": [1, 2.5, null, "s"]}
    })
}

fn status_json(status: &str) -> Value {
    json!({
        "user_id": U, "status": status, "manual": true,
        "last_activity_at": 1700000100000_i64, "dnd_end_time": 0, "active_channel": C
    })
}

fn team_json() -> Value {
    json!({
        "id": T, "create_at": 1511983323413_i64, "update_at": 1511983323413_i64, "delete_at": 0,
        "display_name": "Engineering", "name": "engineering", "description": "",
        "email": "admin@example.com", "type": "O", "company_name": "", "allowed_domains": "",
        "invite_id": "ox8sfd3f3tnefmoppe5edc6wqo", "allow_open_invite": true,
        "last_team_icon_update": 0, "scheme_id": null, "group_constrained": null,
        "policy_id": null, "cloud_limits_archived": false
    })
}

fn session_json() -> Value {
    json!({
        "id": S, "token": "", "create_at": 1700000000000_i64, "expires_at": 1702592000000_i64,
        "last_activity_at": 1700000100000_i64, "user_id": U, "device_id": "",
        "roles": "system_user", "is_oauth": false, "expired_notify": false,
        "props": {"browser": "Firefox/119.0", "csrf": "xqh4srm7jpbufmm3jb6zfr9jqe", "is_guest": "false",
                  "os": "Linux", "platform": "Linux", "type": "UserAccessToken"},
        "team_members": [], "local": false
    })
}

fn post_json(id: &str, message: &str) -> Value {
    json!({
        "id": id, "create_at": 1700000000000_i64, "update_at": 1700000000000_i64, "edit_at": 0,
        "delete_at": 0, "is_pinned": false, "user_id": U, "channel_id": C, "root_id": "",
        "original_id": "", "message": message, "type": "", "props": {"disable_group_highlight": true},
        "hashtags": "", "pending_post_id": "", "reply_count": 0, "last_reply_at": 0,
        "participants": null, "metadata": {}
    })
}

fn post_list_json() -> Value {
    let p2 = "w8q3d5rpkiy4ubh63c1ftf1ter";
    json!({
        "order": [P, p2],
        "posts": {P: post_json(P, "first"), p2: post_json(p2, "second")},
        "next_post_id": "", "prev_post_id": "", "has_next": false,
        "first_inaccessible_post_time": 0
    })
}

fn preference_json() -> Value {
    json!({"user_id": U, "category": "display_settings", "name": "use_military_time", "value": "true"})
}

fn oauth_app_json() -> Value {
    json!({
        "id": "hzsrwfy1nfbo7ys9n6tw3mbjzy", "creator_id": U, "create_at": 1600000000000_i64,
        "update_at": 1600000000000_i64, "client_secret": "", "name": "Zapier",
        "description": "Automation", "icon_url": "https://example.com/icon.png",
        "callback_urls": ["https://example.com/callback"], "homepage": "https://example.com",
        "is_trusted": false, "mattermost_app_id": ""
    })
}

fn mattermost_error_json() -> Value {
    json!({
        "id": "api.context.session_expired.app_error",
        "message": "Invalid or expired session, please login again.",
        "detailed_error": "token=... Error: invalid session",
        "request_id": "8w1ypb9nrtnuxcfnxkcgzbrpgy",
        "status_code": 401,
        "is_oauth": false
    })
}

// ---------------------------------------------------------------------------------------

fn ok<E: Endpoint>(resp: impl FnOnce() -> mattermost_sdk_core::http::Response<Bytes>) -> E::Output
where
    E::Output: std::fmt::Debug,
{
    parse_response::<E>(resp()).unwrap_or_else(|e| panic!("{}: {e}", E::INFO.operation_id))
}

/// Decodes `body` as `E`'s 200 response and checks that re-encoding gives the same JSON.
fn round_trip<E: Endpoint>(body: Value) -> E::Output
where
    E::Output: Serialize + std::fmt::Debug,
{
    let out = ok::<E>(|| json_response(200, &body));
    // A blank optional secret reads as none and is not sent back (issue 8, case 3).
    fn strip_blank_secrets(v: &mut Value) {
        match v {
            Value::Object(m) => {
                m.retain(|k, v| !(matches!(k.as_str(), "token" | "client_secret") && v == ""));
                m.values_mut().for_each(strip_blank_secrets);
            }
            Value::Array(a) => a.iter_mut().for_each(strip_blank_secrets),
            _ => {}
        }
    }
    let mut body = body;
    strip_blank_secrets(&mut body);
    assert_eq!(
        serde_json::to_value(&out).unwrap(),
        body,
        "{} did not round-trip",
        E::INFO.operation_id
    );
    out
}

#[test]
fn user_keeps_unknown_fields_through_decode_and_encode() {
    let user = round_trip::<GetUser>(user_json());
    assert_eq!(user.id, U);
    assert_eq!(user.username, "alice");
    assert_eq!(user.role_list().len(), 2);
    assert!(!user.is_deactivated());
    assert_eq!(user.extra["last_login"], json!(1700000000001_i64));
    assert_eq!(
        user.extra["x_future"],
        json!({"nested": [1, 2.5, null, "s"]})
    );
    let back = serde_json::to_value(&user).unwrap();
    assert!(back["props"].is_object() && back["notify_props"].is_object());
    assert_eq!(back["props"]["last_search_pointer"], "3");

    // The same through the other User-returning endpoints.
    round_trip::<UpdateUser>(user_json());
    round_trip::<PatchUser>(user_json());
}

#[test]
fn user_with_nulls_and_missing_fields_decodes() {
    let body = json!({"id": U, "username": "bot", "email": "", "timezone": null, "props": null,
                      "auth_data": null, "is_bot": true, "bot_description": "A bot"});
    let user = ok::<GetUser>(|| json_response(200, &body));
    assert_eq!(user.timezone, None);
    assert_eq!(user.is_bot, Some(true));
    assert_eq!(user.extra["bot_description"], "A bot");
}

#[test]
fn status_keeps_an_unknown_value() {
    let status = round_trip::<GetUserStatus>(status_json("busy"));
    assert_eq!(status.status, StatusValue::Unknown("busy".into()));
    assert_eq!(status.extra["active_channel"], C);
    let status = round_trip::<UpdateUserStatus>(status_json("dnd"));
    assert_eq!(status.status, StatusValue::Dnd);
}

#[test]
fn status_ok_decodes_for_every_status_ok_endpoint() {
    macro_rules! status_ok {
        ($($ty:ty),*) => {$(
            let s = round_trip::<$ty>(json!({"status": "OK"}));
            assert!(s.is_ok());
        )*};
    }
    status_ok!(
        DeleteUser,
        UpdateUserRoles,
        UpdateUserMfa,
        SetProfileImage,
        UpdateUserActive,
        UpdateUserPassword,
        RevokeSession,
        RevokeAllSessions,
        UpdatePreferences,
        DeletePreferences,
        DeleteReaction,
        Logout
    );
}

#[test]
fn every_json_model_decodes_from_server_json() {
    let teams = round_trip::<GetTeamsForUser>(json!([team_json()]));
    assert_eq!(teams[0].team_type.as_deref(), Some("O"));
    assert_eq!(teams[0].extra["invite_id"], "ox8sfd3f3tnefmoppe5edc6wqo");

    // The server blanks the token (`"token": ""`); a blank secret reads as none and is not
    // sent back (issue 8, case 3), so the round trip is exact without it.
    let sessions = ok::<GetSessions>(|| json_response(200, &json!([session_json()])));
    assert_eq!(sessions[0].token, None);
    let mut without_token = session_json();
    without_token.as_object_mut().unwrap().remove("token");
    let sessions = round_trip::<GetSessions>(json!([without_token]));
    assert_eq!(sessions[0].id, S);
    assert_eq!(sessions[0].extra["team_members"], json!([]));

    let prefs = round_trip::<GetPreferences>(json!([preference_json()]));
    assert_eq!(prefs[0].value, "true");
    round_trip::<GetPreferencesByCategory>(json!([preference_json()]));
    let pref = round_trip::<GetPreferencesByCategoryByName>(preference_json());
    assert_eq!(pref.name, "use_military_time");

    let apps = round_trip::<GetAuthorizedOAuthAppsForUser>(json!([oauth_app_json()]));
    assert_eq!(apps[0].name, "Zapier");

    let mfa = round_trip::<GenerateMfaSecret>(
        json!({"secret": "JBSWY3DPEHPK3PXP", "qr_code": "iVBORw0KGgoAAAANSUhEUgAA"}),
    );
    assert_eq!(mfa.secret.expose(), "JBSWY3DPEHPK3PXP");

    let auth =
        round_trip::<UpdateUserAuth>(json!({"auth_data": "cn=alice", "auth_service": "ldap"}));
    assert_eq!(auth.auth_service, "ldap");

    assert!(round_trip::<GetTeamsForUser>(json!([])).is_empty());
    assert!(round_trip::<GetSessions>(json!([])).is_empty());
}

#[test]
fn flagged_posts_are_one_post_list_object() {
    let list = round_trip::<GetFlaggedPostsForUser>(post_list_json());
    let messages: Vec<&str> = list.ordered().map(|p| p.message.as_str()).collect();
    assert_eq!(messages, ["first", "second"]);
    assert_eq!(list.extra["has_next"], false);
    // What the spec claims (an array) is not what the server sends: a decode error, not a panic.
    let err = parse_response::<GetFlaggedPostsForUser>(json_response(200, &json!([]))).unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
}

/// A post carrying every field `model.Post` and its metadata send (server/public/model/post.go,
/// post_metadata.go, post_embed.go, file_info.go, reaction.go, emoji.go,
/// post_acknowledgement.go), each nested object with an unknown field too.
fn full_post_json() -> Value {
    let p2 = "w8q3d5rpkiy4ubh63c1ftf1ter";
    json!({
        "id": P, "create_at": 1700000000000_i64, "update_at": 1700000000500_i64,
        "edit_at": 1700000000400_i64, "delete_at": 0, "is_pinned": true, "user_id": U,
        "channel_id": C, "root_id": p2, "original_id": "", "message": "see ![x](https://i.example.com/a.png)",
        "message_source": "see ![x](https://example.com/a.png)", "type": "",
        "props": {"attachments": [{"text": "t", "fields": [{"title": "a", "value": 1}]}], "from_bot": "true"},
        "hashtags": "#deploy", "file_ids": ["f1", "f2"], "pending_post_id": "pending1",
        "has_reactions": true, "remote_id": "r1", "reply_count": 4, "last_reply_at": 1700000000600_i64,
        "participants": [user_json()], "is_following": true,
        "metadata": {
            "embeds": [
                {"type": "opengraph", "url": "https://example.com", "data": {"title": "Ex", "images": [{"url": "u", "width": 1}]}},
                {"type": "permalink", "data": {"post_id": p2, "post": {"id": p2}}},
                {"type": "a_future_embed", "url": "https://f.example.com", "x_embed": [1]}
            ],
            "emojis": [{"id": "e1", "create_at": 1, "update_at": 2, "delete_at": 0, "creator_id": U,
                        "name": "partyparrot", "description": "", "x_emoji": true}],
            "files": [{"id": "f1", "user_id": U, "post_id": P, "channel_id": C, "create_at": 1,
                       "update_at": 2, "delete_at": 0, "name": "a.png", "extension": "png", "size": 123,
                       "mime_type": "image/png", "width": 10, "height": 20, "has_preview_image": true,
                       "mini_preview": "AAEC", "remote_id": null, "archived": false,
                       "extra_info": "i", "x_file": {"k": "v"}},
                      {"id": "f2", "user_id": U, "channel_id": C, "name": "b.log", "mini_preview": null,
                       "remote_id": "", "archived": true}],
            "images": {"https://i.example.com/a.png": {"width": 640, "height": 480, "format": "png",
                                                       "frame_count": 0, "x_image": 1.5}},
            "reactions": [{"user_id": U, "post_id": P, "emoji_name": "+1", "create_at": 3,
                           "update_at": 3, "delete_at": 0, "remote_id": "", "channel_id": C,
                           "x_reaction": null}],
            "priority": {"priority": "urgent", "requested_ack": true, "persistent_notifications": null,
                         "PostId": P, "ChannelId": C, "x_priority": "y"},
            "acknowledgements": [{"user_id": U, "post_id": P, "acknowledged_at": 5, "channel_id": C,
                                  "remote_id": ""}],
            "expire_at": 1700000900000_i64,
            "x_metadata": {"deep": [null, true]}
        },
        "x_post_field": {"nested": [1, 2.5, "s"]}
    })
}

#[test]
fn post_with_every_field_and_unknown_ones_round_trips() {
    use mattermost_sdk_core::models::{PostEmbedType, PriorityLevel};
    let p2 = "w8q3d5rpkiy4ubh63c1ftf1ter";
    let body = json!({
        "order": [P, p2], "posts": {P: full_post_json(), p2: post_json(p2, "root")},
        "next_post_id": "", "prev_post_id": "", "has_next": false, "first_inaccessible_post_time": 0
    });
    let list = round_trip::<GetFlaggedPostsForUser>(body);
    let post = &list.posts[P];
    // Everything named is typed: only the unknown key is left in each `extra`.
    assert_eq!(post.extra.keys().collect::<Vec<_>>(), ["x_post_field"]);
    assert_eq!(post.edit_at, Some(1700000000400));
    assert_eq!(post.participants.as_ref().unwrap()[0].username, "alice");
    let meta = post.metadata.as_ref().unwrap();
    assert_eq!(meta.extra.keys().collect::<Vec<_>>(), ["x_metadata"]);
    let embeds = meta.embeds.as_ref().unwrap();
    assert_eq!(embeds[0].embed_type, PostEmbedType::Opengraph);
    assert_eq!(
        embeds[2].embed_type,
        PostEmbedType::Unknown("a_future_embed".into())
    );
    assert_eq!(embeds[2].extra["x_embed"], json!([1]));
    let files = meta.files.as_ref().unwrap();
    assert_eq!(
        (files[0].size, files[0].remote_id.as_deref()),
        (Some(123), None)
    );
    assert_eq!(files[1].remote_id.as_deref(), Some(""));
    assert_eq!(
        meta.images.as_ref().unwrap()["https://i.example.com/a.png"].width,
        Some(640)
    );
    assert_eq!(meta.reactions.as_ref().unwrap()[0].emoji_name, "+1");
    assert!(meta.reactions.as_ref().unwrap()[0].extra["x_reaction"].is_null());
    let priority = meta.priority.as_ref().unwrap();
    assert_eq!(priority.priority, Some(PriorityLevel::Urgent));
    assert_eq!(priority.post_id.as_deref(), Some(P));
    assert_eq!(meta.emojis.as_ref().unwrap()[0].name, "partyparrot");
    assert_eq!(
        meta.acknowledgements.as_ref().unwrap()[0].acknowledged_at,
        5
    );
    // A modified copy keeps every other field.
    let mut edited = post.clone();
    edited.message = "edited".into();
    let mut expected = full_post_json();
    expected["message"] = json!("edited");
    assert_eq!(serde_json::to_value(&edited).unwrap(), expected);
}

#[test]
fn profile_image_keeps_bytes_and_content_type() {
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe{";
    let img = ok::<GetProfileImage>(|| response(200, &[("content-type", "image/png")], png));
    assert_eq!(img.content_type.as_deref(), Some("image/png"));
    assert_eq!(img.bytes.as_ref(), png);
    let img = ok::<GetProfileImage>(|| response(200, &[], Bytes::new()));
    assert_eq!(img.content_type, None);
    assert!(img.bytes.is_empty());
    let err = parse_response::<GetProfileImage>(response(404, &[], "not found")).unwrap_err();
    assert!(matches!(err, Error::Api(_)));
}

#[test]
fn login_reads_the_token_header() {
    let body = serde_json::to_vec(&user_json()).unwrap();
    let login = ok::<Login>(|| response(200, &[("Token", "sessiontoken123")], body.clone()));
    assert_eq!(login.token.expose(), "sessiontoken123");
    assert_eq!(login.user.id, U);

    for headers in [&[][..], &[("token", "")][..]] {
        let err = parse_response::<Login>(response(200, headers, body.clone())).unwrap_err();
        match err {
            Error::Decode(d) => {
                assert!(d.type_name.contains("LoginResponse"), "{}", d.type_name);
                assert!(d.reason.contains("Token"), "{}", d.reason);
            }
            other => panic!("{other:?}"),
        }
    }
    let err = parse_response::<Login>(response(200, &[("token", "t")], "")).unwrap_err();
    assert!(matches!(err, Error::Decode(_)));
}

#[test]
fn mattermost_error_bodies_are_understood() {
    let resp = response(
        401,
        &[
            ("content-type", "application/json"),
            ("x-request-id", "8w1ypb9nrtnuxcfnxkcgzbrpgy"),
        ],
        serde_json::to_vec(&mattermost_error_json()).unwrap(),
    );
    let err = parse_response::<GetUser>(resp).unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    let api = err.as_api().expect("an API error");
    assert_eq!(
        api.request_id.as_deref(),
        Some("8w1ypb9nrtnuxcfnxkcgzbrpgy")
    );
    assert_eq!(api.id(), Some("api.context.session_expired.app_error"));
    assert_eq!(
        api.message(),
        Some("Invalid or expired session, please login again.")
    );
    match &api.body {
        ApiErrorBody::Mattermost(MattermostError {
            id,
            message,
            detailed_error,
            request_id,
            status_code,
            extra,
            ..
        }) => {
            assert_eq!(id, "api.context.session_expired.app_error");
            assert!(message.starts_with("Invalid or expired session"));
            assert_eq!(detailed_error, "token=... Error: invalid session");
            assert_eq!(request_id, "8w1ypb9nrtnuxcfnxkcgzbrpgy");
            assert_eq!(*status_code, 401);
            assert_eq!(extra["is_oauth"], false);
        }
        other => panic!("{other:?}"),
    }
    let shown = err.to_string();
    assert!(shown.contains("401") && shown.contains("api.context.session_expired.app_error"));
}

#[test]
fn other_json_error_bodies_are_kept_as_json() {
    for body in [
        json!({"error": "rate limited"}),
        json!({"id": 5}),
        json!({"id": "", "message": ""}),
        json!([1, 2]),
        json!("oops"),
        json!(null),
    ] {
        let err = parse_response::<GetUser>(json_response(429, &body)).unwrap_err();
        match &err.as_api().expect("API error").body {
            ApiErrorBody::Json(v) => assert_eq!(v, &body),
            other => panic!("{body} gave {other:?}"),
        }
    }
}

#[test]
fn non_json_error_bodies_are_kept_as_bytes() {
    let html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
    let err = parse_response::<GetUser>(response(502, &[("content-type", "text/html")], html))
        .unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(api.status.as_u16(), 502);
    assert_eq!(api.body, ApiErrorBody::Raw(Bytes::from(html)));
    assert_eq!(api.id(), None);
    assert!(err.to_string().contains("502 Bad Gateway"));

    for body in [&b""[..], b"\xff\xfe\x00garbage", b"{\"id\": \"x\""] {
        let err = parse_response::<GetUser>(response(500, &[], Bytes::copy_from_slice(body)))
            .unwrap_err();
        assert_eq!(
            err.as_api().unwrap().body,
            ApiErrorBody::Raw(Bytes::copy_from_slice(body))
        );
        let _ = err.to_string();
    }
}

#[test]
fn malformed_json_on_success_is_a_decode_error_naming_type_status_and_excerpt() {
    let body = r#"{"id": "4xp9fdt77pncbef59f4k1qe83o", "username": 42}"#;
    let err = parse_response::<GetUser>(response(200, &[], body)).unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert!(d.type_name.ends_with("User"), "{}", d.type_name);
    assert_eq!(d.status.as_u16(), 200);
    // String values are redacted (a response may carry a secret; issue 8, case 6); the shape,
    // field names and numbers remain.
    assert_eq!(d.excerpt, r#"{"id": "…", "username": 42}"#);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    let shown = err.to_string();
    assert!(shown.contains("User") && shown.contains("200") && shown.contains("username"));
    assert!(std::error::Error::source(&**d).is_some());

    // A long body is cut; a cut inside a multi-byte character does not panic.
    let long = format!("[{}", "é".repeat(500));
    let err = parse_response::<GetTeamsForUser>(response(201, &[], long)).unwrap_err();
    let Error::Decode(d) = err else { panic!() };
    assert!(d.excerpt.chars().count() < 150, "{}", d.excerpt);
    assert!(d.excerpt.ends_with('…'));
    assert_eq!(d.status.as_u16(), 201);
}

#[test]
fn empty_bodies_on_success_are_decode_errors() {
    macro_rules! empty_is_decode {
        ($($ty:ty),*) => {$(
            for status in [200, 201, 204] {
                let got = parse_response::<$ty>(response(status, &[], Bytes::new()));
                assert!(matches!(got, Err(Error::Decode(_))), "{} {status}: {got:?}", stringify!($ty));
            }
        )*};
    }
    empty_is_decode!(
        GetUser,
        GetUserStatus,
        DeleteUser,
        GetTeamsForUser,
        GetSessions,
        GetFlaggedPostsForUser,
        GenerateMfaSecret,
        Login
    );
}

// ---------------------------------------------------------------------------------------
// Combinators.

/// The caller's own view of a user.
#[derive(Debug, Deserialize, PartialEq)]
struct MyUser {
    id: String,
    username: String,
    #[serde(default)]
    last_login: Option<i64>,
}

fn same_request(a: &Request<Bytes>, b: &Request<Bytes>) {
    assert_eq!(a.method(), b.method());
    assert_eq!(a.uri(), b.uri());
    assert_eq!(a.headers(), b.headers());
    assert_eq!(a.body(), b.body());
}

fn json_of<T: DeserializeOwned, E: Endpoint>(ep: E) -> mattermost_sdk_core::Json<E, T> {
    json::<T, E>(ep)
}

#[test]
fn combinators_build_the_inner_request() {
    let get = GetUser::new(uid());
    let plain = build(&get);
    same_request(&build(&raw(get.clone())), &plain);
    same_request(&build(&ignore(get.clone())), &plain);
    same_request(&build(&json_of::<MyUser, _>(get.clone())), &plain);
    assert_eq!(
        <mattermost_sdk_core::Raw<GetUser> as Endpoint>::INFO,
        GetUser::INFO
    );

    let image = SetProfileImage::new(
        UserId::me(),
        Bytes::from_static(b"GIF89a"),
        "image/gif".into(),
    );
    same_request(&build(&raw(image.clone())), &build(&image));
    same_request(&build(&ignore(image.clone())), &build(&image));
    let pw = UpdateUserPassword::new(uid(), Secret::new("n")).current_password(Secret::new("o"));
    same_request(&build(&ignore(pw.clone())), &build(&pw));

    let avatar = GetProfileImage::new(uid());
    same_request(&build(&raw(avatar.clone())), &build(&avatar));
    // `json` asks for JSON, whatever the inner endpoint would accept.
    let as_json = build(&json_of::<Value, _>(avatar));
    assert_eq!(as_json.headers()["accept"], "application/json");

    // Build errors of the inner endpoint come through.
    let bad = UpdateUserRoles::new(uid(), vec![]);
    assert!(try_build(&raw(bad.clone())).is_err());
    assert!(try_build(&ignore(bad.clone())).is_err());
    assert!(try_build(&json_of::<Value, _>(bad)).is_err());
}

#[test]
fn raw_keeps_status_headers_and_bytes() {
    let body: &[u8] = b"\xffnot json";
    let r = parse_response::<mattermost_sdk_core::Raw<GetUser>>(response(
        203,
        &[
            ("x-custom", "1"),
            ("x-custom", "2"),
            ("content-type", "text/plain"),
        ],
        body,
    ))
    .unwrap();
    assert_eq!(r.status.as_u16(), 203);
    assert_eq!(r.body.as_ref(), body);
    let all: Vec<_> = r.headers.get_all("x-custom").iter().collect();
    assert_eq!(all, ["1", "2"]);
}

#[test]
fn ignore_checks_only_the_status() {
    for body in [&b""[..], b"garbage", b"{\"status\":\"OK\"}"] {
        let got = parse_response::<mattermost_sdk_core::Ignore<DeleteUser>>(response(
            200,
            &[],
            Bytes::copy_from_slice(body),
        ));
        assert_eq!(got.unwrap(), Ignored);
    }
    let got = parse_response::<mattermost_sdk_core::Ignore<DeleteUser>>(json_response(
        403,
        &mattermost_error_json(),
    ));
    assert!(matches!(got, Err(Error::Api(_))));
}

#[test]
fn json_decodes_into_the_callers_type() {
    type MyGet = mattermost_sdk_core::Json<GetUser, MyUser>;
    let me = parse_response::<MyGet>(json_response(200, &user_json())).unwrap();
    assert_eq!(
        me,
        MyUser {
            id: U.into(),
            username: "alice".into(),
            last_login: Some(1700000000001),
        }
    );
    let err = parse_response::<MyGet>(json_response(200, &json!({"id": U}))).unwrap_err();
    let Error::Decode(d) = err else { panic!() };
    assert!(d.type_name.ends_with("MyUser"), "{}", d.type_name);
    let err = parse_response::<MyGet>(json_response(404, &mattermost_error_json())).unwrap_err();
    assert!(matches!(err, Error::Api(_)));
    // Any JSON as a Value.
    let v = parse_response::<mattermost_sdk_core::Json<GetUser, Value>>(json_response(
        200,
        &user_json(),
    ))
    .unwrap();
    assert_eq!(v, user_json());
}

// ---------------------------------------------------------------------------------------

proptest! {
    #[test]
    fn any_bytes_with_any_status_never_panic(
        status in 100u16..=999,
        body in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..512),
            "\\{\"(id|message|status|username)\": ?(\"[a-z ]{0,5}\"|[0-9]{1,3}|null|\\[\\]|\\{\\})\\}"
                .prop_map(String::into_bytes),
        ],
    ) {
        let resp = || response(status, &[("token", "t")], body.clone());
        let got = parse_response::<GetUser>(resp());
        if !(200..300).contains(&status) {
            prop_assert!(matches!(got, Err(Error::Api(_))), "{:?}", got);
        } else if got.is_ok() {
            prop_assert!(serde_json::from_slice::<User>(&body).is_ok());
        }
        if let Err(e) = &got {
            let _ = (e.to_string(), format!("{e:?}"));
        }
        let _ = parse_response::<Login>(resp()).map_err(|e| e.to_string());
        let _ = parse_response::<GetProfileImage>(resp());
        let _ = parse_response::<GetTeamsForUser>(resp()).map_err(|e| e.to_string());
        let _ = parse_response::<GetUserStatus>(resp()).map_err(|e| e.to_string());
        let _ = parse_response::<mattermost_sdk_core::Raw<GetUser>>(resp());
    }
}
