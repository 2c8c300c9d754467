//! Issue 8, "Field reports": each case pinned by its example, and each kind by a test that
//! walks every endpoint of `endpoints::ALL` (through `endpoints::PROBES`, made from the same
//! list) or every model source file, so operations and models added later are checked too.

mod common;

use common::*;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::endpoints::{ALL, PROBES};
use mattermost_sdk_core::models::{MfaSecret, OAuthApp, Preference, Session, User, UserPatch};
use mattermost_sdk_core::{
    build_request, parse_response, BaseUrl, BuildError, EmojiName, Error, PreferenceCategory,
    PreferenceName, Raw, Token, UserId,
};
use serde_json::json;

/// A value that must never be printed.
const SECRET: &str = "JBSWY3DPEHPK3PXP";

fn shows(err: &Error) -> String {
    format!("{err} | {err:?} | {err:#?}")
}

// ---------------------------------------------------------------------------------------
// 1. Server string maps typed as free JSON
// ---------------------------------------------------------------------------------------

/// The example: `notify_props = {"email": true}` cannot reach the wire; strings can.
#[test]
fn case1_patch_notify_props_only_holds_strings() {
    // The server decodes `notify_props` as `model.StringMap` (`server/public/model/user.go`).
    let bad = serde_json::from_value::<UserPatch>(json!({"notify_props": {"email": true}}));
    assert!(bad.is_err(), "a bool in notify_props was accepted: {bad:?}");
    let patch: UserPatch =
        serde_json::from_value(json!({"notify_props": {"email": "true"}})).unwrap();
    let req = build(&PatchUser::new(uid(), patch));
    assert_eq!(
        json_body(&req),
        json!({"notify_props": {"email": "true"}}),
        "sent as strings"
    );
}

/// Every `StringMap` field of `model.User`, `model.UserPatch` and `model.Session` rejects a
/// non-string value, in a response as in a request.
#[test]
fn case1_every_server_string_map_is_typed_so() {
    for field in ["props", "notify_props", "timezone"] {
        let user = json!({"id": U, field: {"k": 1}});
        assert!(
            serde_json::from_value::<User>(user).is_err(),
            "User.{field} accepts a number"
        );
        let patch = json!({field: {"k": false}});
        assert!(
            serde_json::from_value::<UserPatch>(patch).is_err(),
            "UserPatch.{field} accepts a bool"
        );
    }
    let session = json!({"id": S, "props": {"os": {"name": "linux"}}});
    assert!(
        serde_json::from_value::<Session>(session).is_err(),
        "Session.props accepts an object"
    );
}

/// The kind, over every model file: a named field typed as free JSON (`JsonMap`/`Value`)
/// must be one the server holds as free JSON (`StringInterface`, `map[string]any`), and is
/// listed here with the Go type it rests on. A new model with a free-JSON field fails here
/// until someone checks its Go type.
#[test]
fn case1_free_json_fields_are_only_where_the_server_has_free_json() {
    // (model file, field): why it is free JSON on the server.
    const SERVER_FREE_JSON: &[(&str, &str, &str)] = &[
        (
            "post.rs",
            "props",
            "model.Post.Props is StringInterface (server/public/model/post.go)",
        ),
        (
            "post.rs",
            "data",
            "model.PostEmbed.Data is any (server/public/model/post_embed.go)",
        ),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/models");
    let mut bad = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            let line = line.trim();
            let Some(rest) = line.strip_prefix("pub ") else {
                continue;
            };
            let Some((name, ty)) = rest.split_once(':') else {
                continue;
            };
            let name = name.trim();
            if name == "extra" || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                continue;
            }
            let ty = ty.trim();
            let free = ty.contains("JsonMap")
                || ty.contains("serde_json::Value")
                || ty.starts_with("Value")
                || ty.contains("<Value>");
            let listed = SERVER_FREE_JSON
                .iter()
                .any(|(f, n, _)| *f == file && *n == name);
            if free && !listed {
                bad.push(format!("{file}: {name}:{ty}"));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "free-JSON fields the server types as string maps (or unchecked): {bad:#?}"
    );
}

// ---------------------------------------------------------------------------------------
// 2. `me` or an empty user ID inside a body
// ---------------------------------------------------------------------------------------

/// The example: `Preference { user_id: "me" }` never reaches the wire (the server compares
/// each preference's `user_id` with the path's user: `server/channels/app/preference.go`).
#[test]
fn case2_preferences_with_me_or_empty_user_fail_before_io() {
    for who in ["me", ""] {
        let prefs = vec![Preference::new(
            who,
            "display_settings",
            "use_military_time",
            "true",
        )];
        for path_user in [UserId::me(), uid()] {
            let put = try_build(&UpdatePreferences::new(path_user.clone(), prefs.clone()));
            let del = try_build(&DeletePreferences::new(path_user.clone(), prefs.clone()));
            for (op, got) in [("UpdatePreferences", put), ("DeletePreferences", del)] {
                match got {
                    Err(BuildError::InvalidParam { param, .. }) => {
                        assert!(param.contains("user_id"), "{op}: {param}")
                    }
                    Ok(req) => panic!(
                        "{op} with user_id {who:?} under {path_user} was built: {}",
                        String::from_utf8_lossy(req.body())
                    ),
                    Err(e) => panic!("{op}: unexpected error {e}"),
                }
            }
        }
    }
}

/// A preference for another user than the path's is refused before I/O, too.
#[test]
fn case2_preferences_of_another_user_fail_before_io() {
    let prefs = vec![Preference::new(U2, "display_settings", "x", "y")];
    assert!(try_build(&UpdatePreferences::new(uid(), prefs)).is_err());
}

/// The kind, over every endpoint: whatever JSON body an endpoint builds, a field that names
/// a user (`user_id`, `*_user_id`, `user_ids`, ...) holding `me` or `""` is a `BuildError`
/// from `build_request` (the check is in the one function every request goes through).
#[test]
fn case2_no_endpoint_sends_me_or_empty_as_a_user_in_a_body() {
    assert_eq!(PROBES.len(), ALL.len());
    for bad in ["me", ""] {
        for body in [
            json!({"user_id": bad}),
            json!([{"user_id": bad, "category": "c"}]),
            json!({"bot_user_id": bad}),
            json!({"user_ids": [U, bad]}),
            json!({"nested": {"creator_id": bad}}),
        ] {
            let err = mattermost_sdk_core::check_body_user_ids(body.to_string().as_bytes(), false);
            assert!(err.is_err(), "{body} passed");
            // An endpoint whose server fills a blank user in may send `""`, never `me`.
            let lenient =
                mattermost_sdk_core::check_body_user_ids(body.to_string().as_bytes(), true);
            assert_eq!(lenient.is_err(), bad == "me", "{body}");
        }
    }
    // Real IDs, and `me` in fields that do not name users, pass.
    mattermost_sdk_core::check_body_user_ids(
        json!({"user_id": U, "message": "me", "name": ""})
            .to_string()
            .as_bytes(),
        false,
    )
    .unwrap();
    // And the check sits in `build_request`, which every endpoint's request goes through:
    // an endpoint defined anywhere (here, outside the crate) cannot send `me` in a body.
    struct AnyEndpoint(&'static str);
    impl mattermost_sdk_core::Endpoint for AnyEndpoint {
        type Output = mattermost_sdk_core::Ignored;
        const INFO: mattermost_sdk_core::EndpointInfo = mattermost_sdk_core::EndpointInfo {
            operation_id: "AnyEndpoint",
            method: "PUT",
            path: "/users/{user_id}/anything",
            idempotent: true,
        };
        fn path(&self) -> Result<mattermost_sdk_core::EncodedPath, BuildError> {
            mattermost_sdk_core::PathBuilder::from_template(
                "/users/{user_id}/anything",
                &[&UserId::me()],
            )
        }
        fn body(&self) -> Result<mattermost_sdk_core::Body, BuildError> {
            mattermost_sdk_core::Body::json(&json!({"channel_id": C, "user_id": self.0}))
        }
    }
    assert!(try_build(&AnyEndpoint("me")).is_err());
    assert!(try_build(&AnyEndpoint("")).is_err());
    try_build(&AnyEndpoint(U)).unwrap();
}

// ---------------------------------------------------------------------------------------
// 3. Blank secrets read as present
// ---------------------------------------------------------------------------------------

/// The example: `GetSessions` answers with `"token": ""` (`session.Sanitize()` in
/// `server/public/model/session.go`); that is no token.
#[test]
fn case3_blank_session_token_is_none() {
    let resp = json_response(200, &json!([{"id": S, "user_id": U, "token": ""}]));
    let sessions = parse_response::<GetSessions>(resp).unwrap();
    assert_eq!(sessions[0].token, None);
    let s: Session = serde_json::from_value(json!({"id": S, "token": "abc"})).unwrap();
    assert_eq!(s.token.as_ref().map(Token::expose), Some("abc"));
}

#[test]
fn case3_blank_client_secret_is_none() {
    let app: OAuthApp =
        serde_json::from_value(json!({"id": "x", "name": "n", "client_secret": ""})).unwrap();
    assert_eq!(app.client_secret, None);
}

/// The kind, over every model file: each optional secret field reads a blank as absent.
#[test]
fn case3_every_optional_secret_field_reads_blank_as_none() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/models");
    let mut bad = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim();
            if t.starts_with("pub ")
                && (t.contains("Option<Secret>") || t.contains("Option<Token>"))
            {
                seen += 1;
                // The serde attribute sits in the lines just above the field.
                let attrs = lines[i.saturating_sub(6)..i].join("\n");
                if !attrs.contains("blank_is_none") {
                    bad.push(format!("{}: {t}", path.display()));
                }
            }
        }
    }
    assert!(seen >= 2, "the scan found no optional secret fields");
    assert!(
        bad.is_empty(),
        "blank secrets would read as present: {bad:#?}"
    );
}

// ---------------------------------------------------------------------------------------
// 4. Docs and checks that disagree with the server
// ---------------------------------------------------------------------------------------

/// `updateUserAuth` (`server/channels/api4/user.go`) answers 400
/// `api.user.update_user_auth.invalid_request` unless `auth_data` and `auth_service` are
/// both non-empty; `model.UserAuth` has no password. So an empty one fails before I/O.
#[test]
fn case4_update_user_auth_needs_auth_data_and_service() {
    let empty: mattermost_sdk_core::models::UserAuthData =
        serde_json::from_value(json!({"auth_service": ""})).unwrap();
    assert!(try_build(&UpdateUserAuth::new(uid(), empty)).is_err());
    let no_data: mattermost_sdk_core::models::UserAuthData =
        serde_json::from_value(json!({"auth_service": "ldap"})).unwrap();
    assert!(try_build(&UpdateUserAuth::new(uid(), no_data)).is_err());
    let ok: mattermost_sdk_core::models::UserAuthData =
        serde_json::from_value(json!({"auth_service": "ldap", "auth_data": "cn=a"})).unwrap();
    assert_eq!(
        json_body(&build(&UpdateUserAuth::new(uid(), ok))),
        json!({"auth_service": "ldap", "auth_data": "cn=a"})
    );
}

/// The example: the route matches preference names of `[A-Za-z0-9_]+` only, and
/// `Preference.IsValid` counts 32 bytes, not characters.
#[test]
fn case4_preference_segments_follow_the_route_and_byte_lengths() {
    assert!(PreferenceName::new("use_military_time").is_ok());
    assert!(PreferenceName::new("a-b").is_err(), "hyphen");
    assert!(PreferenceName::new("a b").is_err(), "space");
    assert!(PreferenceName::new("é").is_err(), "non-ASCII");
    assert!(PreferenceName::new("x".repeat(32)).is_ok());
    assert!(PreferenceName::new("x".repeat(33)).is_err());
    assert!(PreferenceCategory::new("display-settings").is_err());
    assert!(PreferenceCategory::new("ü".repeat(20)).is_err(), "40 bytes");
}

/// One path placeholder: the server's route pattern and length limit (bytes), and our
/// constructor for it.
struct Segment {
    placeholder: &'static str,
    /// Characters the route's regex accepts.
    allowed: fn(char) -> bool,
    /// Exact length in bytes (IDs) or the maximum.
    len: std::ops::RangeInclusive<usize>,
    /// True if the server also accepts `me` here.
    me: bool,
    /// True if ours must accept exactly the server's set; false for IDs, where ours is a
    /// subset (see `id_chars`).
    exact: bool,
    ours: fn(&str) -> bool,
}

fn id_chars(c: char) -> bool {
    // Route `[A-Za-z0-9]+`, then `model.IsValidId`: 26 letters or digits. The server thus
    // also admits upper case, which `model.NewId` never makes; our IDs take `[a-z0-9]` only,
    // a subset, so for IDs the test checks that we never accept what the server refuses.
    c.is_ascii_alphanumeric()
}

/// Every placeholder of every path in `ALL`, with the server's pattern
/// (`server/channels/api4/api.go`, `api4/preference.go`, `web/context.go`) and validation.
/// A new placeholder without a row here fails `case4_every_path_segment_matches_the_server`.
const SEGMENTS: &[Segment] = &[
    // `{username:[A-Za-z0-9\_\-\.]+}` (`api4/api.go`), then `RequireUsername`:
    // `model.IsValidUsername` (lower case, at most 64). Ours takes the handler's set: a
    // subset of the route's.
    Segment {
        placeholder: "username",
        allowed: |c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'),
        len: 1..=64,
        me: false,
        exact: false,
        ours: |s| Username::new(s).is_ok(),
    },
    // `{email:.+}` (`api4/api.go`), then `RequireEmail` (a valid address). Ours needs an `@`:
    // a subset.
    Segment {
        placeholder: "email",
        allowed: |c| c != '/',
        len: 1..=usize::MAX,
        me: false,
        exact: false,
        ours: |s| EmailAddress::new(s).is_ok(),
    },
    Segment {
        placeholder: "user_id",
        allowed: id_chars,
        len: 26..=26,
        me: true,
        exact: false,
        ours: |s| UserId::new(s).is_ok(),
    },
    Segment {
        placeholder: "team_id",
        allowed: id_chars,
        len: 26..=26,
        me: false,
        exact: false,
        ours: |s| mattermost_sdk_core::TeamId::new(s).is_ok(),
    },
    Segment {
        placeholder: "post_id",
        allowed: id_chars,
        len: 26..=26,
        me: false,
        exact: false,
        ours: |s| mattermost_sdk_core::PostId::new(s).is_ok(),
    },
    Segment {
        placeholder: "channel_id",
        allowed: id_chars,
        len: 26..=26,
        me: false,
        exact: false,
        ours: |s| mattermost_sdk_core::ChannelId::new(s).is_ok(),
    },
    Segment {
        placeholder: "session_id",
        allowed: id_chars,
        len: 26..=26,
        me: false,
        exact: false,
        ours: |s| mattermost_sdk_core::SessionId::new(s).is_ok(),
    },
    // `{token_id:[A-Za-z0-9]+}` (`api4/user.go` route), then `RequireTokenId`
    // (`model.IsValidId`): an ID.
    Segment {
        placeholder: "token_id",
        allowed: id_chars,
        len: 26..=26,
        me: false,
        exact: false,
        ours: |s| mattermost_sdk_core::TokenId::new(s).is_ok(),
    },
    Segment {
        placeholder: "app_id",
        allowed: id_chars,
        len: 26..=26,
        me: false,
        exact: false,
        ours: |s| mattermost_sdk_core::AppId::new(s).is_ok(),
    },
    // `{thread_id:[A-Za-z0-9]+}` (`api4/api.go` `UserThread`), then `RequireThreadId`
    // (`model.IsValidId`: 26 characters): a thread is named by its root post's ID.
    Segment {
        placeholder: "thread_id",
        allowed: id_chars,
        len: 26..=26,
        me: false,
        exact: false,
        ours: |s| mattermost_sdk_core::PostId::new(s).is_ok(),
    },
    // `{timestamp:[0-9]+}` (`api4/user.go`, thread read route), then `RequireTimestamp`
    // (`strconv.ParseInt(.., 10, 64)`). Ours is built from an i64 that is not negative: a
    // subset (digits only, and only values that fit an i64).
    Segment {
        placeholder: "timestamp",
        allowed: |c| c.is_ascii_digit(),
        len: 1..=usize::MAX,
        me: false,
        exact: false,
        ours: |s| {
            s.parse::<i64>()
                .ok()
                .and_then(|ms| EpochMillis::new(ms).ok())
                .is_some_and(|t| t.millis().to_string() == s)
        },
    },
    // `{category_id:[A-Za-z0-9_-]+}` (`server/channels/api4/channel.go`, sidebar category
    // routes), then `RequireCategoryId`: `model.IsValidCategoryId`, an ID or a match of
    // `(favorites|channels|direct_messages)_[a-z0-9]{26}_[a-z0-9]{26}`
    // (`server/public/model/channel_sidebar.go`). Ours takes the ID or exactly that form:
    // a subset.
    Segment {
        placeholder: "category_id",
        allowed: |c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'),
        len: 1..=usize::MAX,
        me: false,
        exact: false,
        ours: |s| SidebarCategoryId::new(s).is_ok(),
    },
    // `{category:[A-Za-z0-9_]+}`, `Preference.IsValid`: `len(o.Category) > 32`.
    Segment {
        placeholder: "category",
        allowed: |c| c.is_ascii_alphanumeric() || c == '_',
        len: 1..=32,
        me: false,
        exact: true,
        ours: |s| PreferenceCategory::new(s).is_ok(),
    },
    // `{preference_name:[A-Za-z0-9_]+}`, `Preference.IsValid`: `len(o.Name) > 32`.
    Segment {
        placeholder: "preference_name",
        allowed: |c| c.is_ascii_alphanumeric() || c == '_',
        len: 1..=32,
        me: false,
        exact: true,
        ours: |s| PreferenceName::new(s).is_ok(),
    },
    // `{emoji_name:[A-Za-z0-9\_\-\+]+}`, `RequireEmojiName`: `len(..) > EmojiNameMaxLength`
    // (64 bytes).
    Segment {
        placeholder: "emoji_name",
        allowed: |c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'),
        len: 1..=64,
        me: false,
        exact: true,
        ours: |s| EmojiName::new(s).is_ok(),
    },
];

fn server_accepts(seg: &Segment, s: &str) -> bool {
    (seg.me && s == "me") || (seg.len.contains(&s.len()) && s.chars().all(seg.allowed))
}

/// The kind: for every placeholder in every path of `ALL`, our type accepts exactly what the
/// server's route and validation accept, lengths counted in bytes.
#[test]
fn case4_every_path_segment_matches_the_server() {
    let mut samples: Vec<String> = vec![
        "me".into(),
        U.into(),
        U.to_uppercase(),
        format!("{U}x"),
        U[1..].into(),
        String::new(),
        ".".into(),
        "..".into(),
        "a_b".into(),
        "a-b".into(),
        "a+b".into(),
        "a.b".into(),
        "a b".into(),
        "a/b".into(),
        "a%2Fb".into(),
        "é".into(),
        "ü".repeat(16),
        "ü".repeat(17),
        "x".repeat(32),
        "x".repeat(33),
        "x".repeat(64),
        "x".repeat(65),
        "thumbsup".into(),
        "+1".into(),
    ];
    for c in (0x20u8..0x7f).map(char::from) {
        samples.push(format!("ab{c}"));
    }
    for info in ALL {
        let mut rest = info.path;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').unwrap() + open;
            let name = &rest[open + 1..close];
            rest = &rest[close + 1..];
            let seg = SEGMENTS
                .iter()
                .find(|s| s.placeholder == name)
                .unwrap_or_else(|| {
                    panic!(
                        "{}: no row for {{{name}}} in SEGMENTS; add the server's route pattern",
                        info.operation_id
                    )
                });
            for s in &samples {
                let (ours, server) = ((seg.ours)(s), server_accepts(seg, s));
                if seg.exact {
                    assert_eq!(ours, server, "{} {{{name}}} with {s:?}", info.operation_id);
                } else {
                    assert!(
                        !ours || server,
                        "{} {{{name}}} accepts {s:?}, which the server refuses",
                        info.operation_id
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// 5. A base URL that already ends in an API path
// ---------------------------------------------------------------------------------------

#[test]
fn case5_base_url_with_an_api_path_is_a_typed_error() {
    for url in [
        "https://host/api/v4/users",
        "https://host/api/v4/users/me",
        "https://host/chat/api/v4/users/",
        "https://host/api/v4/api/v4",
    ] {
        match BaseUrl::parse(url) {
            Err(BuildError::InvalidBaseUrl { reason, .. }) => {
                assert!(reason.contains("/api/v4"), "{url}: {reason}")
            }
            other => panic!("{url}: {other:?}"),
        }
    }
    // Still fine: the root, the API root, and a prefix.
    for url in [
        "https://host",
        "https://host/api/v4/",
        "https://host/chat",
        "https://host/apiary/v4x",
    ] {
        BaseUrl::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"));
    }
}

// ---------------------------------------------------------------------------------------
// 6. Secrets in errors
// ---------------------------------------------------------------------------------------

/// The example: a `GenerateMfaSecret` answer with a wrong `qr_code` type.
#[test]
fn case6_mfa_decode_error_does_not_quote_the_secret() {
    let resp = json_response(200, &json!({"secret": SECRET, "qr_code": []}));
    let err = parse_response::<GenerateMfaSecret>(resp).unwrap_err();
    assert!(matches!(err, Error::Decode(_)));
    assert!(!shows(&err).contains(SECRET), "{}", shows(&err));
    let _: Option<MfaSecret> = None;
}

/// The example: a 401 whose `detailed_error` is `token=<the token>`
/// (`server/channels/web/handlers.go`, developer mode).
#[test]
fn case6_session_expired_detail_is_not_printed() {
    let body = json!({
        "id": "api.context.session_expired.app_error",
        "message": "Invalid or expired session, please login again.",
        "detailed_error": format!("token={SECRET}"),
        "request_id": "r1",
        "status_code": 401
    });
    let err = parse_response::<GetUser>(json_response(401, &body)).unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(api.id(), Some("api.context.session_expired.app_error"));
    assert!(!shows(&err).contains(SECRET), "{}", shows(&err));
    assert!(
        shows(&err).contains("session_expired"),
        "the id is still shown"
    );
}

/// Bodies that carry `SECRET` in every place a secret could be, with types that no output
/// accepts, so every decoder fails on them.
fn secret_bodies() -> Vec<Vec<u8>> {
    let keys = [
        "id",
        "token",
        "secret",
        "password",
        "client_secret",
        "mfa_secret",
        "access_token",
        "status",
        "qr_code",
        "user_id",
        "order",
        "posts",
    ];
    let mut obj = serde_json::Map::new();
    for k in keys {
        obj.insert(k.into(), json!(SECRET));
    }
    let mut nested = serde_json::Map::new();
    for k in keys {
        nested.insert(k.into(), json!([SECRET, {"token": SECRET}]));
    }
    let mut out: Vec<Vec<u8>> = vec![
        serde_json::to_vec(&obj).unwrap(),
        serde_json::to_vec(&nested).unwrap(),
        serde_json::to_vec(&json!([obj, 1])).unwrap(),
        serde_json::to_vec(&json!([SECRET])).unwrap(),
        serde_json::to_vec(&json!(SECRET)).unwrap(),
        format!("token={SECRET} not json").into_bytes(),
        format!("{{\"secret\": \"{SECRET}").into_bytes(),
        format!("{{\"x\": 1, \"secret\": \"{SECRET}\", \"qr_code\": []}}").into_bytes(),
    ];
    // Also a long body whose secret sits past the first bytes.
    out.push(
        format!(
            "{{\"pad\": \"{}\", \"secret\": \"{SECRET}\"",
            "p".repeat(150)
        )
        .into_bytes(),
    );
    out
}

/// The kind: for every endpoint of `ALL`, no decode error and no API error built from any
/// response quotes a secret it carried, in `Display` or `Debug`; the 401 body included.
#[test]
fn case6_no_endpoint_error_quotes_a_response_secret() {
    for probe in PROBES {
        let op = probe.info.operation_id;
        for body in secret_bodies() {
            for status in [200u16, 400, 401, 403, 500] {
                let resp = response(
                    status,
                    &[("content-type", "application/json"), ("token", SECRET)],
                    body.clone(),
                );
                if let Err(err) = (probe.decode)(resp) {
                    let shown = shows(&err);
                    assert!(
                        !shown.contains(SECRET),
                        "{op} {status}: {shown}\nbody: {}",
                        String::from_utf8_lossy(&body)
                    );
                }
            }
        }
        let expired = json!({
            "id": "api.context.session_expired.app_error",
            "message": "Invalid or expired session, please login again.",
            "detailed_error": format!("token={SECRET}"),
            "status_code": 401,
            "params": {"token": SECRET}
        });
        let err = (probe.decode)(json_response(401, &expired)).unwrap_err();
        assert!(!shows(&err).contains(SECRET), "{op}: {}", shows(&err));
    }
}

// ---------------------------------------------------------------------------------------
// 7. Credential headers in `Debug`
// ---------------------------------------------------------------------------------------

/// The kind, over every endpoint: a raw response (status, headers, body) never shows a
/// credential header, nor a secret of its body, in `Debug`.
#[test]
fn case7_credential_headers_are_sensitive_for_every_endpoint() {
    for probe in PROBES {
        let op = probe.info.operation_id;
        let headers = [
            ("token", SECRET),
            ("authorization", &format!("Bearer {SECRET}") as &str),
            (
                "set-cookie",
                &format!("MMAUTHTOKEN={SECRET}; Path=/") as &str,
            ),
            ("cookie", &format!("MMAUTHTOKEN={SECRET}") as &str),
        ];
        let body = json!({"secret": SECRET, "token": SECRET, "qr_code": ""}).to_string();
        let shown = (probe.debug_raw)(response(200, &headers, body));
        assert!(!shown.contains(SECRET), "{op}: {shown}");
    }
    let mut h = mattermost_sdk_core::http::HeaderMap::new();
    for name in [
        "token",
        "authorization",
        "set-cookie",
        "cookie",
        "proxy-authorization",
    ] {
        h.insert(
            mattermost_sdk_core::http::HeaderName::from_static(name),
            SECRET.parse().unwrap(),
        );
    }
    mattermost_sdk_core::mark_sensitive_headers(&mut h);
    assert!(!format!("{h:?}").contains(SECRET));
    let _ = parse_response::<Raw<GetUser>>(response(200, &[], "{}")).unwrap();
}

// ---------------------------------------------------------------------------------------
// 8. Passwords in base-URL errors
// ---------------------------------------------------------------------------------------

#[test]
fn case8_no_part_of_a_userinfo_is_printed() {
    let pw_parts = ["pw#Hash1", "pw/Slash1", "pw?Query1", "p@ss#Hash1", "pw#a@b"];
    for pw in pw_parts {
        for url in [
            format!("http://alice:{pw}@host"),
            format!("http://alice:{pw}@host/chat"),
            format!("alice:{pw}@host"),
            format!("https://{pw}@host"),
        ] {
            let err = BaseUrl::parse(&url).unwrap_err();
            let shown = format!("{err} {err:?}");
            for part in ["alice", "pw", "Hash1", "Slash1", "Query1", "ss#"] {
                assert!(!shown.contains(part), "{url}: {shown}");
            }
        }
    }
}

#[test]
fn build_request_still_works_with_real_ids() {
    let req = build_request(&GetUser::new(uid()), &base(), None).unwrap();
    assert_eq!(req.uri(), &*format!("{ROOT}users/{U}"));
}
