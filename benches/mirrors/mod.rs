//! Copies of the decoded models with serde's own derive, for the decoding benchmarks:
//!
//! - `*Plain`: the same fields **without** unknown-field capture (serde skips unknown keys
//!   with `IgnoredAny`): the limit for a typed decode, what `parse_response` is held to;
//! - `*Flatten`: the same fields with `#[serde(flatten)] extra` under serde's derive, which
//!   buffers unknown fields in its `Content` before building the map: how the models decoded
//!   before `mattermost_sdk_derive::DeserializeExtra`.
//!
//! Field names, types and attributes follow `crates/mattermost-sdk-core/src/models/{user,post}.rs`.

// Only decoded, never read.
#![allow(dead_code)]

use std::collections::HashMap;

use mattermost_sdk_core::models::{JsonMap, StringMap};
use serde::Deserialize;

/// Defines `$plain` and `$flat` with the same fields; `$flat` adds the flattened `extra`.
macro_rules! mirrors {
    ($plain:ident, $flat:ident { $( $(#[$m:meta])* $f:ident : $t:ty, )* }) => {
        #[derive(Deserialize)]
        pub(crate) struct $plain { $( $(#[$m])* $f: $t, )* }
        #[derive(Deserialize)]
        pub(crate) struct $flat {
            $( $(#[$m])* $f: $t, )*
            #[serde(flatten)]
            extra: JsonMap,
        }
    };
}

mirrors!(UserPlain, UserFlatten {
    #[serde(default)] id: String,
    #[serde(default)] create_at: Option<i64>,
    #[serde(default)] update_at: Option<i64>,
    #[serde(default)] delete_at: Option<i64>,
    #[serde(default)] username: String,
    #[serde(default)] auth_data: Option<String>,
    #[serde(default)] auth_service: Option<String>,
    #[serde(default)] email: String,
    #[serde(default)] email_verified: Option<bool>,
    #[serde(default)] nickname: Option<String>,
    #[serde(default)] first_name: Option<String>,
    #[serde(default)] last_name: Option<String>,
    #[serde(default)] position: Option<String>,
    #[serde(default)] roles: Option<String>,
    #[serde(default)] props: Option<StringMap>,
    #[serde(default)] notify_props: Option<StringMap>,
    #[serde(default)] last_password_update: Option<i64>,
    #[serde(default)] last_picture_update: Option<i64>,
    #[serde(default)] failed_attempts: Option<i64>,
    #[serde(default)] locale: Option<String>,
    #[serde(default)] timezone: Option<StringMap>,
    #[serde(default)] mfa_active: Option<bool>,
    #[serde(default)] is_bot: Option<bool>,
    #[serde(default)] last_activity_at: Option<i64>,
});

mirrors!(PostPlain, PostFlatten {
    #[serde(default)] id: String,
    #[serde(default)] create_at: Option<i64>,
    #[serde(default)] update_at: Option<i64>,
    #[serde(default)] delete_at: Option<i64>,
    #[serde(default)] user_id: String,
    #[serde(default)] channel_id: String,
    #[serde(default)] root_id: Option<String>,
    #[serde(default)] message: String,
    #[serde(default, rename = "type")] post_type: Option<String>,
    #[serde(default)] props: Option<JsonMap>,
    #[serde(default)] is_pinned: Option<bool>,
});

/// `PostList` without unknown-field capture, its posts too.
#[derive(Deserialize)]
pub(crate) struct PostListPlain {
    #[serde(default)]
    order: Vec<String>,
    #[serde(default)]
    posts: HashMap<String, PostPlain>,
    #[serde(default)]
    next_post_id: Option<String>,
    #[serde(default)]
    prev_post_id: Option<String>,
}

/// `PostList` as serde's derive decoded it with `#[serde(flatten)]`, its posts too.
#[derive(Deserialize)]
pub(crate) struct PostListFlatten {
    #[serde(default)]
    order: Vec<String>,
    #[serde(default)]
    posts: HashMap<String, PostFlatten>,
    #[serde(default)]
    next_post_id: Option<String>,
    #[serde(default)]
    prev_post_id: Option<String>,
    #[serde(flatten)]
    extra: JsonMap,
}
