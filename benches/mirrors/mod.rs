//! Copies of the decoded models with serde's own derive, for the decoding benchmarks:
//!
//! - `plain`: the same fields **without** unknown-field capture (serde skips unknown keys
//!   with `IgnoredAny`): the limit for a typed decode, what `parse_response` is held to;
//! - `flatten`: the same fields with `#[serde(flatten)] extra` under serde's derive, which
//!   buffers unknown fields in its `Content` before building the map: how the models decoded
//!   before `mattermost_sdk_derive::DeserializeExtra`.
//!
//! Both are written once by `mirrors!`, with the same names in each module, so nested types
//! (a post's metadata, its files, ...) resolve to their own side's copy. Field names, types
//! and attributes follow `crates/mattermost-sdk-core/src/models/{user,post,channel}.rs`.

// Only decoded, never read.
#![allow(dead_code)]

/// Writes every struct twice: in `plain` as listed, in `flatten` with a flattened `extra`.
macro_rules! mirrors {
    ($( $name:ident { $( $(#[$m:meta])* $f:ident : $t:ty, )* } )*) => {
        pub(crate) mod plain {
            use std::collections::HashMap;

            use mattermost_sdk_core::models::{PostEmbedType, PriorityLevel, StringMap};
            use serde::Deserialize;

            $(
                #[derive(Deserialize)]
                pub(crate) struct $name { $( $(#[$m])* $f: $t, )* }
            )*
        }
        pub(crate) mod flatten {
            use std::collections::HashMap;

            use mattermost_sdk_core::models::{JsonMap, PostEmbedType, PriorityLevel, StringMap};
            use serde::Deserialize;

            $(
                #[derive(Deserialize)]
                pub(crate) struct $name {
                    $( $(#[$m])* $f: $t, )*
                    #[serde(flatten)]
                    extra: JsonMap,
                }
            )*
        }
    };
}

mirrors! {
    User {
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
    }
    Post {
        #[serde(default)] id: String,
        #[serde(default)] create_at: Option<i64>,
        #[serde(default)] update_at: Option<i64>,
        #[serde(default)] delete_at: Option<i64>,
        #[serde(default)] user_id: String,
        #[serde(default)] channel_id: String,
        #[serde(default)] root_id: Option<String>,
        #[serde(default)] message: String,
        #[serde(default, rename = "type")] post_type: Option<String>,
        #[serde(default)] props: Option<serde_json::Map<String, serde_json::Value>>,
        #[serde(default)] is_pinned: Option<bool>,
        #[serde(default)] edit_at: Option<i64>,
        #[serde(default)] original_id: Option<String>,
        #[serde(default)] message_source: Option<String>,
        #[serde(default)] hashtags: Option<String>,
        #[serde(default)] file_ids: Option<Vec<String>>,
        #[serde(default)] pending_post_id: Option<String>,
        #[serde(default)] has_reactions: Option<bool>,
        #[serde(default)] remote_id: Option<String>,
        #[serde(default)] reply_count: Option<i64>,
        #[serde(default)] last_reply_at: Option<i64>,
        #[serde(default)] participants: Option<Vec<User>>,
        #[serde(default)] is_following: Option<bool>,
        #[serde(default)] metadata: Option<PostMetadata>,
    }
    PostMetadata {
        #[serde(default)] embeds: Option<Vec<PostEmbed>>,
        #[serde(default)] emojis: Option<Vec<Emoji>>,
        #[serde(default)] files: Option<Vec<FileInfo>>,
        #[serde(default)] images: Option<HashMap<String, PostImage>>,
        #[serde(default)] reactions: Option<Vec<Reaction>>,
        #[serde(default)] priority: Option<PostPriority>,
        #[serde(default)] acknowledgements: Option<Vec<PostAcknowledgement>>,
        #[serde(default)] expire_at: Option<i64>,
    }
    PostEmbed {
        #[serde(default, rename = "type")] embed_type: PostEmbedType,
        #[serde(default)] url: Option<String>,
        #[serde(default)] data: Option<serde_json::Value>,
    }
    PostImage {
        #[serde(default)] width: Option<i64>,
        #[serde(default)] height: Option<i64>,
        #[serde(default)] format: Option<String>,
        #[serde(default)] frame_count: Option<i64>,
    }
    Emoji {
        #[serde(default)] id: String,
        #[serde(default)] create_at: Option<i64>,
        #[serde(default)] update_at: Option<i64>,
        #[serde(default)] delete_at: Option<i64>,
        #[serde(default)] creator_id: Option<String>,
        #[serde(default)] name: String,
        #[serde(default)] description: Option<String>,
    }
    FileInfo {
        #[serde(default)] id: String,
        #[serde(default)] user_id: Option<String>,
        #[serde(default)] post_id: Option<String>,
        #[serde(default)] channel_id: Option<String>,
        #[serde(default)] create_at: Option<i64>,
        #[serde(default)] update_at: Option<i64>,
        #[serde(default)] delete_at: Option<i64>,
        #[serde(default)] name: String,
        #[serde(default)] extension: Option<String>,
        #[serde(default)] size: Option<i64>,
        #[serde(default)] mime_type: Option<String>,
        #[serde(default)] width: Option<i64>,
        #[serde(default)] height: Option<i64>,
        #[serde(default)] has_preview_image: Option<bool>,
        #[serde(default)] mini_preview: Option<String>,
        #[serde(default)] remote_id: Option<String>,
        #[serde(default)] archived: Option<bool>,
        #[serde(default)] extra_info: Option<String>,
    }
    Reaction {
        #[serde(default)] user_id: String,
        #[serde(default)] post_id: String,
        #[serde(default)] emoji_name: String,
        #[serde(default)] create_at: Option<i64>,
        #[serde(default)] update_at: Option<i64>,
        #[serde(default)] delete_at: Option<i64>,
        #[serde(default)] remote_id: Option<String>,
        #[serde(default)] channel_id: Option<String>,
    }
    PostPriority {
        #[serde(default)] priority: Option<PriorityLevel>,
        #[serde(default)] requested_ack: Option<bool>,
        #[serde(default)] persistent_notifications: Option<bool>,
        #[serde(default, rename = "PostId")] post_id: Option<String>,
        #[serde(default, rename = "ChannelId")] channel_id: Option<String>,
    }
    PostAcknowledgement {
        #[serde(default)] user_id: String,
        #[serde(default)] post_id: String,
        #[serde(default)] acknowledged_at: i64,
        #[serde(default)] channel_id: Option<String>,
    }
    PostList {
        #[serde(default)] order: Vec<String>,
        #[serde(default)] posts: HashMap<String, Post>,
        #[serde(default)] next_post_id: Option<String>,
        #[serde(default)] prev_post_id: Option<String>,
    }
}

pub(crate) use flatten::{PostList as PostListFlatten, User as UserFlatten};
pub(crate) use plain::{PostList as PostListPlain, User as UserPlain};
