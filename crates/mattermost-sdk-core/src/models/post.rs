use std::collections::HashMap;

use serde::Serialize;

use mattermost_sdk_derive::DeserializeExtra;

use super::JsonMap;

/// A post (`model.Post`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct Post {
    /// The post's ID.
    #[serde(default)]
    pub id: String,
    /// Creation time, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_at: Option<i64>,
    /// Last update, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_at: Option<i64>,
    /// Deletion time, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_at: Option<i64>,
    /// The author's ID.
    #[serde(default)]
    pub user_id: String,
    /// The channel's ID.
    #[serde(default)]
    pub channel_id: String,
    /// The thread root's ID, empty for a root post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_id: Option<String>,
    /// The text.
    #[serde(default)]
    pub message: String,
    /// The post type (empty for a normal post).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub post_type: Option<String>,
    /// Free-form properties: `model.StringInterface` on the server
    /// (`server/public/model/post.go`), so any JSON, unlike the user's string maps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub props: Option<JsonMap>,
    /// Whether the post is pinned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_pinned: Option<bool>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// An ordered page of posts (`model.PostList`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct PostList {
    /// Post IDs in display order.
    #[serde(default)]
    pub order: Vec<String>,
    /// The posts by ID.
    #[serde(default)]
    pub posts: HashMap<String, Post>,
    /// The next post's ID, for paging.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_post_id: Option<String>,
    /// The previous post's ID, for paging.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_post_id: Option<String>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

impl PostList {
    /// The posts in `order`, skipping IDs with no post.
    pub fn ordered(&self) -> impl Iterator<Item = &Post> {
        self.order.iter().filter_map(|id| self.posts.get(id))
    }
}

/// A reminder about a post (`model.PostReminder`, `server/public/model/post.go`): the body
/// of `SetPostReminder`. `target_time` is in **seconds** since the epoch (the server formats
/// it with `time.Unix(target_time, 0)`, `SetPostReminder` in `server/channels/app/post.go`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct PostReminder {
    /// When to remind, seconds since the epoch.
    #[serde(default)]
    pub target_time: i64,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}
