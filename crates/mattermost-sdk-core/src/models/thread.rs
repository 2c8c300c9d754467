//! Collapsed reply threads, as the user follows them (`server/public/model/thread.go`).

use serde::{Deserialize, Serialize};

use mattermost_sdk_derive::DeserializeExtra;

use super::{JsonMap, Post, User};

/// One followed thread as the user sees it (`model.ThreadResponse`).
///
/// Timestamps are i64 milliseconds since the Unix epoch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct ThreadResponse {
    /// The thread's ID: the ID of its root post (`json:"id"`).
    #[serde(default)]
    pub id: String,
    /// Replies to the root post, deleted ones excluded.
    #[serde(default)]
    pub reply_count: i64,
    /// When the last reply was posted, ms since the epoch.
    #[serde(default)]
    pub last_reply_at: i64,
    /// When the user last viewed the thread, ms since the epoch.
    #[serde(default)]
    pub last_viewed_at: i64,
    /// The users who replied, oldest first; only `id` is set unless `extended` was asked
    /// for (`[]*User` on the server).
    #[serde(default)]
    pub participants: Vec<User>,
    /// The root post (`*Post`: `null` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<Post>,
    /// Replies posted after `last_viewed_at`.
    #[serde(default)]
    pub unread_replies: i64,
    /// Mentions of the user in those replies.
    #[serde(default)]
    pub unread_mentions: i64,
    /// Whether the root post has urgent priority (servers with post priority only).
    #[serde(default)]
    pub is_urgent: bool,
    /// When the root post was deleted, ms since the epoch; 0 if not.
    #[serde(default)]
    pub delete_at: i64,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A page of the user's followed threads with the totals (`model.Threads`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct Threads {
    /// Followed threads in the team (and in DMs/GMs), all pages together; with `unread`
    /// it equals `total_unread_threads`.
    #[serde(default)]
    pub total: i64,
    /// Followed threads with unread replies.
    #[serde(default)]
    pub total_unread_threads: i64,
    /// Unread mentions over all followed threads.
    #[serde(default)]
    pub total_unread_mentions: i64,
    /// Unread urgent mentions (servers with post priority only).
    #[serde(default)]
    pub total_unread_urgent_mentions: i64,
    /// This page's threads (`null` on the server with `totalsOnly`: read as empty).
    #[serde(default, deserialize_with = "null_is_empty")]
    pub threads: Vec<ThreadResponse>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

pub(crate) fn null_is_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}
