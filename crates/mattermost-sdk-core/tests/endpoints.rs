//! The wire form of every users endpoint: method, URI, headers and body of the built request,
//! and each endpoint's `INFO` against the SEED-MAP table.

mod common;

use common::*;
use mattermost_sdk_core::bytes::Bytes;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::endpoints::ALL;
use mattermost_sdk_core::http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use mattermost_sdk_core::http::Request;
use mattermost_sdk_core::models::{Preference, Role, StatusValue, User, UserAuthData, UserPatch};
use mattermost_sdk_core::{
    EmojiName, Endpoint, EndpointInfo, PreferenceCategory, PreferenceName, Secret, UserId,
};
use serde_json::{json, Value};

/// The SEED-MAP table (operationId, method, path template), plus `Login` and `Logout`.
const SEED: &[(&str, &str, &str)] = &[
    ("GetUser", "GET", "/users/{user_id}"),
    ("UpdateUser", "PUT", "/users/{user_id}"),
    ("GetTeamsForUser", "GET", "/users/{user_id}/teams"),
    ("DeleteUser", "DELETE", "/users/{user_id}"),
    ("PatchUser", "PUT", "/users/{user_id}/patch"),
    ("UpdateUserRoles", "PUT", "/users/{user_id}/roles"),
    ("GenerateMfaSecret", "POST", "/users/{user_id}/mfa/generate"),
    ("UpdateUserMfa", "PUT", "/users/{user_id}/mfa"),
    ("GetProfileImage", "GET", "/users/{user_id}/image"),
    ("SetProfileImage", "POST", "/users/{user_id}/image"),
    ("UpdateUserActive", "PUT", "/users/{user_id}/active"),
    ("UpdateUserPassword", "PUT", "/users/{user_id}/password"),
    ("UpdateUserAuth", "PUT", "/users/{user_id}/auth"),
    ("GetUserStatus", "GET", "/users/{user_id}/status"),
    ("UpdateUserStatus", "PUT", "/users/{user_id}/status"),
    ("GetSessions", "GET", "/users/{user_id}/sessions"),
    ("RevokeSession", "POST", "/users/{user_id}/sessions/revoke"),
    (
        "RevokeAllSessions",
        "POST",
        "/users/{user_id}/sessions/revoke/all",
    ),
    ("GetPreferences", "GET", "/users/{user_id}/preferences"),
    ("UpdatePreferences", "PUT", "/users/{user_id}/preferences"),
    (
        "DeletePreferences",
        "POST",
        "/users/{user_id}/preferences/delete",
    ),
    (
        "GetPreferencesByCategory",
        "GET",
        "/users/{user_id}/preferences/{category}",
    ),
    (
        "GetPreferencesByCategoryByName",
        "GET",
        "/users/{user_id}/preferences/{category}/name/{preference_name}",
    ),
    (
        "GetFlaggedPostsForUser",
        "GET",
        "/users/{user_id}/posts/flagged",
    ),
    (
        "DeleteReaction",
        "DELETE",
        "/users/{user_id}/posts/{post_id}/reactions/{emoji_name}",
    ),
    (
        "GetAuthorizedOAuthAppsForUser",
        "GET",
        "/users/{user_id}/oauth/apps/authorized",
    ),
    ("Login", "POST", "/users/login"),
    ("Logout", "POST", "/users/logout"),
];

fn seed_row(op: &str) -> EndpointInfo {
    let &(operation_id, method, path) = SEED
        .iter()
        .find(|r| r.0 == op)
        .unwrap_or_else(|| panic!("{op} is not a SEED-MAP operation"));
    // Retry safety is not a SEED-MAP fact; tests/resilience.rs checks it.
    let idempotent = mattermost_sdk_core::endpoints::ALL
        .iter()
        .find(|i| i.operation_id == op)
        .is_some_and(|i| i.idempotent);
    EndpointInfo {
        operation_id,
        method,
        path,
        idempotent,
    }
}

/// What the request body must be.
enum Expect {
    /// No bytes and no `Content-Type`.
    NoBody,
    /// `application/json` with this value.
    Json(Value),
    /// `multipart/form-data` with exactly one file part named `image`.
    Image {
        filename: &'static str,
        content_type: &'static str,
        data: &'static [u8],
    },
}
use Expect::*;

/// Checks everything about the request `ep` builds. `uri` is relative to the API root and may
/// contain the `{U}`-style ID placeholders of [`common::ids`].
fn check<E: Endpoint>(ep: &E, uri: &str, accept: &str, body: Expect) {
    let info = E::INFO;
    assert_eq!(info, seed_row(info.operation_id), "INFO vs SEED-MAP");
    let req = build(ep);

    assert_eq!(req.method().as_str(), info.method);
    let want = format!("{ROOT}{}", ids(uri));
    assert_eq!(req.uri().to_string(), want);
    assert_path_matches_template(req.uri().path(), info.path);

    let auth = req
        .headers()
        .get_all(AUTHORIZATION)
        .iter()
        .collect::<Vec<_>>();
    assert_eq!(auth.len(), 1);
    assert_eq!(auth[0], "Bearer tok");
    assert!(
        auth[0].is_sensitive(),
        "Authorization must be marked sensitive"
    );
    assert_eq!(req.headers().get(ACCEPT).unwrap(), accept);

    let content_type = req.headers().get(CONTENT_TYPE).map(|v| v.to_str().unwrap());
    match body {
        NoBody => {
            assert_eq!(
                content_type, None,
                "a body-less request has no Content-Type"
            );
            assert!(req.body().is_empty(), "a body-less request sends no bytes");
        }
        Json(want) => {
            assert_eq!(content_type, Some("application/json"));
            assert_eq!(json_body(&req), want);
        }
        Image {
            filename,
            content_type: part_type,
            data,
        } => {
            let parts = multipart_parts(&req);
            assert_eq!(parts.len(), 1, "exactly one part");
            let (headers, bytes) = &parts[0];
            assert_eq!(
                headers,
                &vec![
                    format!(
                        "Content-Disposition: form-data; name=\"image\"; filename=\"{filename}\""
                    ),
                    format!("Content-Type: {part_type}"),
                ]
            );
            assert_eq!(bytes.as_ref(), data, "the image bytes are sent unchanged");
        }
    }
}

/// The request path (`/api/v4/...`) follows the template: same literal segments, one
/// non-empty segment per placeholder.
fn assert_path_matches_template(path: &str, template: &str) {
    let path = path.strip_prefix("/api/v4").expect("path under /api/v4");
    let got: Vec<&str> = path.split('/').collect();
    let want: Vec<&str> = template.split('/').collect();
    assert_eq!(got.len(), want.len(), "{path} vs {template}");
    for (g, w) in got.iter().zip(&want) {
        if w.starts_with('{') {
            assert!(!g.is_empty(), "{path}: empty placeholder {w}");
        } else {
            assert_eq!(g, w, "{path} vs {template}");
        }
    }
}

/// Splits a `multipart/form-data` request into (header lines, bytes) per part, checking the
/// framing strictly against the boundary in the `Content-Type`.
fn multipart_parts(req: &Request<Bytes>) -> Vec<(Vec<String>, Bytes)> {
    let ct = req.headers().get(CONTENT_TYPE).unwrap().to_str().unwrap();
    let boundary = ct
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not multipart: {ct}"));
    assert!(
        !boundary.is_empty() && boundary.len() <= 70,
        "RFC 2046 boundary length"
    );
    let body = req.body().as_ref();
    let delim = format!("--{boundary}").into_bytes();
    let close = format!("\r\n--{boundary}--\r\n").into_bytes();
    let mid = format!("\r\n--{boundary}\r\n").into_bytes();
    assert!(body.starts_with(&delim), "body starts with the boundary");
    assert!(
        body.ends_with(&close),
        "body ends with the closing boundary"
    );
    let inner = &body[delim.len() + 2..body.len() - close.len()];
    assert_eq!(&body[delim.len()..delim.len() + 2], b"\r\n");

    let mut parts = Vec::new();
    for raw in split(inner, &mid) {
        let head_end = find(raw, b"\r\n\r\n").expect("part headers end");
        let headers = std::str::from_utf8(&raw[..head_end])
            .unwrap()
            .split("\r\n")
            .map(str::to_owned)
            .collect();
        parts.push((headers, Bytes::copy_from_slice(&raw[head_end + 4..])));
    }
    parts
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn split<'a>(mut hay: &'a [u8], sep: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    while let Some(i) = find(hay, sep) {
        out.push(&hay[..i]);
        hay = &hay[i + sep.len()..];
    }
    out.push(hay);
    out
}

/// The operationId of an endpoint value (to list which operations have a wire case).
fn op_of<E: Endpoint>(_: &E) -> &'static str {
    E::INFO.operation_id
}

/// One `#[test]` per row, plus `covered()` listing the operations the rows exercise.
macro_rules! wire {
    ($($test:ident: $ep:expr => $uri:literal, $body:expr $(, accept $acc:literal)?;)*) => {
        $(
            #[test]
            fn $test() {
                check(&$ep, $uri, wire!(@accept $($acc)?), $body);
            }
        )*
        fn covered() -> Vec<&'static str> {
            vec![$(op_of(&$ep)),*]
        }
    };
    (@accept) => { "application/json" };
    (@accept $acc:literal) => { $acc };
}

/// The first bytes of a PNG, with CR, LF, NUL, a `--` and non-UTF-8 bytes in them.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\r\n--\xff\xfe";

/// A full user as the server sends it, with fields this SDK does not know.
fn full_user_json() -> Value {
    json!({
        "id": U, "create_at": 1511983323413_i64, "update_at": 1700000000000_i64, "delete_at": 0,
        "username": "alice", "auth_data": "", "auth_service": "", "email": "alice@example.com",
        "email_verified": true, "nickname": "Al", "first_name": "Alice", "last_name": "Liddell",
        "position": "Engineer", "roles": "system_user", "locale": "en",
        "props": {"customStatus": ""},
        "notify_props": {"desktop": "mention", "email": "true", "mention_keys": ""},
        "timezone": {"useAutomaticTimezone": "true", "automaticTimezone": "Europe/Paris", "manualTimezone": ""},
        "disable_welcome_email": false, "remote_id": "", "x_future_field": {"nested": [1, 2]}
    })
}

fn full_user() -> User {
    serde_json::from_value(full_user_json()).unwrap()
}

fn prefs() -> Vec<Preference> {
    vec![
        Preference::new(U, "display_settings", "use_military_time", "true"),
        Preference::new(U, "flagged_post", P, "true"),
    ]
}

fn prefs_json() -> Value {
    json!([
        {"user_id": U, "category": "display_settings", "name": "use_military_time", "value": "true"},
        {"user_id": U, "category": "flagged_post", "name": P, "value": "true"},
    ])
}

fn cat() -> PreferenceCategory {
    PreferenceCategory::new("display_settings").unwrap()
}

wire! {
    login: Login::new("alice".into(), Secret::new("pw")).mfa_code("012345".into())
        => "users/login", Json(json!({"login_id": "alice", "password": "pw", "token": "012345"}));
    login_without_mfa: Login::new("alice@example.com".into(), Secret::new("pw"))
        => "users/login", Json(json!({"login_id": "alice@example.com", "password": "pw"}));
    logout: Logout::new() => "users/logout", NoBody;
    get_user: GetUser::new(uid()) => "users/{U}", NoBody;
    get_user_me: GetUser::new(UserId::me()) => "users/me", NoBody;
    update_user: UpdateUser::new(uid(), full_user()) => "users/{U}", Json(full_user_json());
    get_teams_for_user: GetTeamsForUser::new(uid()) => "users/{U}/teams", NoBody;
    delete_user: DeleteUser::new(uid()) => "users/{U}", NoBody;
    patch_user: PatchUser::new(uid(), UserPatch {
            nickname: Some("Al".into()),
            notify_props: Some([("push".to_owned(), "all".to_owned())].into()),
            ..UserPatch::default()
        }) => "users/{U}/patch", Json(json!({"nickname": "Al", "notify_props": {"push": "all"}}));
    update_user_roles: UpdateUserRoles::new(uid(), vec![Role::SystemUser, Role::SystemAdmin])
        => "users/{U}/roles", Json(json!({"roles": "system_user system_admin"}));
    generate_mfa_secret: GenerateMfaSecret::new(uid()) => "users/{U}/mfa/generate", NoBody;
    update_user_mfa: UpdateUserMfa::new(uid(), true).code("012345".into())
        => "users/{U}/mfa", Json(json!({"activate": true, "code": "012345"}));
    update_user_mfa_off: UpdateUserMfa::new(UserId::me(), false)
        => "users/me/mfa", Json(json!({"activate": false}));
    get_profile_image: GetProfileImage::new(uid()) => "users/{U}/image", NoBody, accept "image/*";
    set_profile_image: SetProfileImage::new(uid(), Bytes::from_static(PNG), "image/png".into())
            .filename("avatar.png".into())
        => "users/{U}/image", Image { filename: "avatar.png", content_type: "image/png", data: PNG };
    set_profile_image_default_name: SetProfileImage::new(uid(), Bytes::from_static(PNG), "image/jpeg".into())
        => "users/{U}/image", Image { filename: "image.jpeg", content_type: "image/jpeg", data: PNG };
    update_user_active: UpdateUserActive::new(uid(), false)
        => "users/{U}/active", Json(json!({"active": false}));
    update_user_password: UpdateUserPassword::new(uid(), Secret::new("new-pw"))
            .current_password(Secret::new("old-pw"))
        => "users/{U}/password", Json(json!({"current_password": "old-pw", "new_password": "new-pw"}));
    update_user_auth: UpdateUserAuth::new(uid(), UserAuthData {
            auth_data: Some("cn=alice".into()),
            auth_service: "ldap".into(),
            ..UserAuthData::default()
        }) => "users/{U}/auth", Json(json!({"auth_data": "cn=alice", "auth_service": "ldap"}));
    get_user_status: GetUserStatus::new(uid()) => "users/{U}/status", NoBody;
    update_user_status: UpdateUserStatus::new(UserId::me(), uid(), StatusValue::Dnd).dnd_end_time(1_700_000_000)
        => "users/me/status", Json(json!({"user_id": U, "status": "dnd", "dnd_end_time": 1_700_000_000}));
    get_sessions: GetSessions::new(uid()) => "users/{U}/sessions", NoBody;
    revoke_session: RevokeSession::new(uid(), sid())
        => "users/{U}/sessions/revoke", Json(json!({"session_id": S}));
    revoke_all_sessions: RevokeAllSessions::new(uid()) => "users/{U}/sessions/revoke/all", NoBody;
    get_preferences: GetPreferences::new(uid()) => "users/{U}/preferences", NoBody;
    update_preferences: UpdatePreferences::new(uid(), prefs()) => "users/{U}/preferences", Json(prefs_json());
    delete_preferences: DeletePreferences::new(uid(), prefs())
        => "users/{U}/preferences/delete", Json(prefs_json());
    get_preferences_by_category: GetPreferencesByCategory::new(uid(), cat())
        => "users/{U}/preferences/display_settings", NoBody;
    get_preferences_by_category_by_name: GetPreferencesByCategoryByName::new(
            uid(), cat(), PreferenceName::new("use_military_time").unwrap())
        => "users/{U}/preferences/display_settings/name/use_military_time", NoBody;
    get_flagged_posts_for_user: GetFlaggedPostsForUser::new(uid())
            .team_id(tid()).channel_id(cid()).page(2).per_page(50)
        => "users/{U}/posts/flagged?page=2&per_page=50&team_id={T}&channel_id={C}", NoBody;
    get_flagged_posts_for_user_no_query: GetFlaggedPostsForUser::new(UserId::me())
        => "users/me/posts/flagged", NoBody;
    delete_reaction: DeleteReaction::new(uid(), pid(), EmojiName::new("+1").unwrap())
        => "users/{U}/posts/{P}/reactions/%2B1", NoBody;
    get_authorized_oauth_apps_for_user: GetAuthorizedOAuthAppsForUser::new(uid()).page(0).per_page(200)
        => "users/{U}/oauth/apps/authorized?page=0&per_page=200", NoBody;
}

#[test]
fn every_seed_operation_has_a_wire_case() {
    let covered = covered();
    for (op, _, _) in SEED {
        assert!(covered.contains(op), "no wire case for {op}");
    }
}

#[test]
fn all_has_unique_operation_ids_and_every_seed_operation() {
    let mut ids: Vec<&str> = ALL.iter().map(|i| i.operation_id).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "duplicate operationId in ALL");
    for (op, _, _) in SEED {
        let listed = ALL.iter().find(|i| i.operation_id == *op);
        assert_eq!(listed, Some(&seed_row(op)), "{op} in ALL");
    }
}

#[test]
fn all_has_no_duplicate_method_and_path() {
    for (i, a) in ALL.iter().enumerate() {
        for b in &ALL[i + 1..] {
            assert!(
                (a.method, a.path) != (b.method, b.path),
                "{} and {} share {} {}",
                a.operation_id,
                b.operation_id,
                a.method,
                a.path
            );
        }
    }
}

#[test]
fn no_token_means_no_authorization_header() {
    let req = mattermost_sdk_core::build_request(&GetUser::new(uid()), &base(), None).unwrap();
    assert!(req.headers().get(AUTHORIZATION).is_none());
}

#[test]
fn multipart_boundary_never_occurs_in_the_image() {
    // The image contains the boundary the encoder tries first; it must pick another one.
    let first = format!("mattermost-sdk-boundary-{:016x}", 0x6d61_7474_6572_6d6f_u64);
    let mut data = b"\x89PNG\r\n--".to_vec();
    data.extend_from_slice(first.as_bytes());
    data.extend_from_slice(b"\r\n");
    let req = build(&SetProfileImage::new(
        uid(),
        Bytes::from(data.clone()),
        "image/png".into(),
    ));
    let ct = req.headers().get(CONTENT_TYPE).unwrap().to_str().unwrap();
    assert!(!ct.contains(&first), "{ct}");
    let parts = multipart_parts(&req);
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].1.as_ref(), &data[..]);
}

#[test]
fn multipart_filename_cannot_break_the_part_headers() {
    let req = build(
        &SetProfileImage::new(uid(), Bytes::from_static(PNG), "image/png".into())
            .filename("a\"b\r\nX-Evil: 1.png".into()),
    );
    let parts = multipart_parts(&req);
    assert_eq!(parts.len(), 1);
    assert_eq!(
        parts[0].0.len(),
        2,
        "still two header lines: {:?}",
        parts[0].0
    );
    assert!(parts[0].0[0].ends_with("filename=\"a\\\"b  X-Evil: 1.png\""));
}
