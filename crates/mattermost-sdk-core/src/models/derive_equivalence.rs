//! `#[derive(DeserializeExtra)]` decodes exactly like serde's own derive.
//!
//! Under `cfg(test)` the derive emits, beside each model, a copy with serde's derive
//! (`__serde_reference`). Every model is decoded both ways from the same bytes, and from the
//! same `serde_json::Value`: both succeed with equal values (`PartialEq`, `extra` included),
//! or both fail with the same error category and message (so the same redaction applies in
//! `DecodeError`). Inputs: hand-picked cases per model, then random objects built from each
//! model's own field names, unknown names, duplicates and values of every JSON type; random
//! bytes too (neither may panic).

use proptest::prelude::*;
use serde_json::{json, Value};

use super::*;
use crate::MattermostError;

/// Decodes `bytes` and `value` both ways as `T` and fails on any difference.
fn same<T>(
    bytes: &[u8],
    fast: fn(&[u8]) -> serde_json::Result<T>,
    reference: fn(&[u8]) -> serde_json::Result<T>,
) -> Result<(), String>
where
    T: PartialEq + std::fmt::Debug,
{
    match (fast(bytes), reference(bytes)) {
        (Ok(a), Ok(b)) if a == b => Ok(()),
        (Err(a), Err(b)) if a.classify() == b.classify() && a.to_string() == b.to_string() => {
            Ok(())
        }
        (a, b) => Err(format!(
            "{}: DeserializeExtra gave {a:?}, serde's derive {b:?}, on {}",
            std::any::type_name::<T>(),
            String::from_utf8_lossy(bytes)
        )),
    }
}

/// Calls `$body` with, for each model, its name, its wire field names and a checker
/// `fn(&[u8]) -> Result<(), String>` (bytes and the `Value` they parse to, if any).
macro_rules! for_each_model {
    ($f:ident; $( $t:ty ),* $(,)?) => {{
        $(
            {
                fn check(bytes: &[u8]) -> Result<(), String> {
                    same::<$t>(bytes, |b| serde_json::from_slice(b), <$t>::__serde_reference)?;
                    if let Ok(v) = serde_json::from_slice::<Value>(bytes) {
                        let fast = serde_json::from_value::<$t>(v.clone());
                        let reference = <$t>::__serde_reference_de(v);
                        match (fast, reference) {
                            (Ok(a), Ok(b)) if a == b => {}
                            (Err(a), Err(b)) if a.to_string() == b.to_string() => {}
                            (a, b) => return Err(format!(
                                "{} from a Value: {a:?} vs {b:?}", stringify!($t)
                            )),
                        }
                    }
                    Ok(())
                }
                $f(stringify!($t), <$t>::__serde_reference_fields(), check);
            }
        )*
    }};
}

macro_rules! all_models {
    ($f:ident) => {
        for_each_model!($f;
            UserAccessToken, CreatedUserAccessToken, Audit, Bot, Group, Channel, ChannelMember,
            ChannelUnread, ChannelUnreadAt, TeamUnread, PostAcknowledgement, CustomStatus,
            UserTermsOfService, MfaRequired, StatusOk, OAuthApp, MfaSecret, NewUser, Post,
            PostList, Session, UsersStats, Status, Team, ThreadResponse, Threads, User,
            UserPatch, UserAuthData, UserSearch, UserAutocomplete, MattermostError,
            FollowLink, SsoCodeExchangeSession, TeamMember, PostReminder, RetentionPolicyForTeam, RetentionPolicyForChannel, RetentionPolicyForTeamList, RetentionPolicyForChannelList, SidebarCategoryWithChannels, OrderedSidebarCategories, UploadSession,
            PostMetadata, PostEmbed, PostImage, Emoji, FileInfo, Reaction, PostPriority,
        )
    };
}

/// Every struct deriving `DeserializeExtra` in core's sources is in `all_models!`.
#[test]
fn every_fast_model_is_checked() {
    let mut listed = Vec::new();
    let mut collect =
        |name: &'static str, _: &'static [&'static str], _: fn(&[u8]) -> Result<(), String>| {
            listed.push(name.to_owned());
        };
    all_models!(collect);
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read source");
                let mut derives_fast = false;
                for line in text.lines() {
                    let line = line.trim();
                    if line.starts_with("#[derive(") && line.contains("DeserializeExtra") {
                        derives_fast = true;
                    } else if let Some(rest) = line.strip_prefix("pub struct ") {
                        if derives_fast {
                            found.push(rest.split([' ', '{', '<']).next().unwrap_or("").to_owned());
                        }
                        derives_fast = false;
                    } else if !line.starts_with("#[")
                        && !line.starts_with("///")
                        && !line.is_empty()
                    {
                        derives_fast = false;
                    }
                }
            }
        }
    }
    found.sort();
    listed.sort();
    assert!(found.len() >= 32, "the scan found only {found:?}");
    let missing: Vec<_> = found.iter().filter(|n| !listed.contains(n)).collect();
    assert!(
        missing.is_empty(),
        "add {missing:?} to all_models! in derive_equivalence.rs"
    );
}

/// Hand-picked cases: realistic bodies, every kind of failure serde's derive reports.
#[test]
fn both_derives_agree_on_targeted_inputs() {
    let user = json!({
        "id": "u1", "create_at": 1, "update_at": 2, "delete_at": 0, "username": "alice",
        "auth_data": "", "auth_service": "", "email": "a@example.com", "email_verified": true,
        "props": {"customStatus": "{\"emoji\":\"x\"}"}, "notify_props": {"desktop": "mention"},
        "timezone": {"useAutomaticTimezone": "true"}, "locale": "en", "mfa_active": false,
        "disable_welcome_email": false, "last_login": 5, "remote_id": null,
        "future": {"nested": [1, 2.5, "x", null, {"a": true}]}
    })
    .to_string();
    let post = json!({
        "id": "p1", "type": "", "props": {"a": [1]}, "reply_count": 3,
        "post_type": "kept in extra", "is_pinned": false, "participants": null,
        "metadata": {
            "files": [{"id": "f", "mini_preview": null, "remote_id": "", "x": 1}],
            "embeds": [{"type": "future_kind", "data": {"k": [null]}}, {"url": null}],
            "images": {"https://i.example.com/a.png": {"width": 1, "frame_count": 0}},
            "reactions": [{"emoji_name": "+1", "remote_id": null}],
            "emojis": [{"id": "e", "name": "parrot"}], "expire_at": 5,
            "priority": {"priority": "urgent", "requested_ack": null, "PostId": "p1"},
            "acknowledgements": [{"user_id": "u", "acknowledged_at": 1}], "x_meta": true
        }
    });
    let post_list = json!({
        "order": ["p1"], "posts": {"p1": post}, "next_post_id": "", "has_next": false
    })
    .to_string();
    let cases: Vec<String> = vec![
        user,
        post.to_string(),
        post_list,
        r#"{}"#.into(),
        r#"{"id":"a","id":"b"}"#.into(),                 // duplicate known field
        r#"{"zz":1,"zz":2}"#.into(),                     // duplicate unknown field: last wins
        r#"{"id":1}"#.into(),                            // wrong type
        r#"{"status":"online"}"#.into(),
        r#"{"status":null}"#.into(),
        r#"{"token":"abc","secret":"s3cret","mfa_required":true}"#.into(),
        r#"{"token":"","client_secret":"","id":"x"}"#.into(), // blank secrets read as None
        r#"{"token":null,"client_secret":null}"#.into(),
        r#"{"threads":null,"total":3}"#.into(),          // deserialize_with on Threads
        r#"{"threads":[{"id":"t"}],"total":-1}"#.into(),
        r#"{"props":{"a":1}}"#.into(),                   // a string map with a number
        r#"{"create_at":18446744073709551615}"#.into(),  // u64 into i64
        r#"{"create_at":1.5}"#.into(),
        r#"{"a\u0062c":1,"i\u0064":"escaped key"}"#.into(), // keys through visit_str
        r#"[]"#.into(),
        r#"["u1"]"#.into(),
        r#""a string""#.into(),
        r#"null"#.into(),
        r#"3"#.into(),
        r#"{"id":"a""#.into(),                           // truncated
        r#"{"id":"a"} trailing"#.into(),
        r#"{"id":"a",}"#.into(),
        r#"{"x":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#.into(),
        "{\"id\":\"\u{fffd}\"}".into(),
    ];
    let mut failures = Vec::new();
    let mut run =
        |_: &'static str, _: &'static [&'static str], check: fn(&[u8]) -> Result<(), String>| {
            for case in &cases {
                if let Err(e) = check(case.as_bytes()) {
                    failures.push(e);
                }
            }
            if let Err(e) = check(b"{\"id\":\"\xff\"}") {
                failures.push(e);
            }
        };
    all_models!(run);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Any JSON value, shallow.
fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        "[a-z0-9 ]{0,6}".prop_map(Value::from),
        Just(Value::from("")),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,3}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            // String maps, so `props`/`notify_props`/`timezone` sometimes decode.
            prop::collection::btree_map("[a-z]{1,3}", "[a-z]{0,3}", 0..3).prop_map(|m| json!(m)),
        ]
    })
}

/// A JSON object text with keys drawn from `fields` and a few unknown ones (repeats
/// possible), values of any type.
fn object_text(fields: &'static [&'static str]) -> impl Strategy<Value = String> {
    let key = prop_oneof![
        3 => prop::sample::select(fields.to_vec()).prop_map(str::to_owned),
        1 => "[a-z_]{1,8}",
        1 => Just("extra".to_owned()),
    ];
    prop::collection::vec((key, any_value()), 0..8).prop_map(|pairs| {
        let body: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}:{v}", Value::from(k.as_str())))
            .collect();
        format!("{{{}}}", body.join(","))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Random objects made of each model's own field names: same value or same error.
    #[test]
    fn both_derives_agree_on_random_objects(seed in any::<u64>()) {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
        let mut failures = Vec::new();
        let mut run = |_: &'static str, fields: &'static [&'static str], check: fn(&[u8]) -> Result<(), String>| {
            let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &{
                let mut s = [0u8; 32];
                s[..8].copy_from_slice(&seed.to_le_bytes());
                s
            });
            let mut runner = TestRunner::new_with_rng(Config::default(), rng);
            let strategy = object_text(fields);
            for _ in 0..8 {
                let Ok(tree) = strategy.new_tree(&mut runner) else { continue };
                let text = tree.current();
                if let Err(e) = check(text.as_bytes()) {
                    failures.push(e);
                }
            }
        };
        all_models!(run);
        prop_assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Arbitrary bytes: neither decoder panics, and they agree.
    #[test]
    fn both_derives_agree_on_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let mut failures = Vec::new();
        let mut run = |_: &'static str, _: &'static [&'static str], check: fn(&[u8]) -> Result<(), String>| {
            let mut text = b"{".to_vec();
            text.extend_from_slice(&bytes);
            for input in [&bytes[..], &text[..]] {
                if let Err(e) = check(input) {
                    failures.push(e);
                }
            }
        };
        all_models!(run);
        prop_assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
