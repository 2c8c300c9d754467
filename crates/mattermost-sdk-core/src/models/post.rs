use std::collections::HashMap;

use serde::Serialize;

use mattermost_sdk_derive::DeserializeExtra;

use super::{JsonMap, PostAcknowledgement, User};

/// A post (`model.Post`, `server/public/model/post.go`). Every field the server sends is
/// named; `props` (Go `StringInterface`) and embed `data` (Go `any`) stay free-form JSON.
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
    /// Last edit of the message, ms since the epoch (0: never edited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit_at: Option<i64>,
    /// The post this one is an edited copy of (set on the old versions an edit keeps), else
    /// empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_id: Option<String>,
    /// The message as the author wrote it, when the server changed `message` for display (an
    /// image proxy rewriting links); absent otherwise (`omitempty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_source: Option<String>,
    /// The message's hashtags, space-separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hashtags: Option<String>,
    /// The IDs of the attached files (at most 10; `model.StringArray`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_ids: Option<Vec<String>>,
    /// The client's own ID for the post while it is being created (deduplicates retries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_post_id: Option<String>,
    /// Whether the post has reactions (`omitempty`: absent when false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_reactions: Option<bool>,
    /// The shared-channel remote the post came from (Go `*string`, `omitempty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_id: Option<String>,
    /// Number of replies in the thread (set by the server when it sends a root post).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_count: Option<i64>,
    /// Time of the thread's last reply, ms since the epoch (0: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_reply_at: Option<i64>,
    /// The users who replied in the thread (Go `[]*User`, no `omitempty`: the server writes
    /// `null` for none, which reads as `None`, and `None` is written as `null`).
    #[serde(default)]
    pub participants: Option<Vec<User>>,
    /// Whether the caller follows the thread (root posts with collapsed threads; Go `*bool`,
    /// `omitempty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_following: Option<bool>,
    /// What the server adds for display: embeds, custom emojis, files, image sizes,
    /// reactions, priority, acknowledgements (Go `*PostMetadata`, `omitempty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<PostMetadata>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// What the server attaches to a post it sends (`model.PostMetadata`,
/// `server/public/model/post_metadata.go`). Every list is `omitempty`: absent when empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct PostMetadata {
    /// What to render for links in the message: OpenGraph data, images, attachments,
    /// permalinks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embeds: Option<Vec<PostEmbed>>,
    /// The custom emojis used in the message or in reactions to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emojis: Option<Vec<Emoji>>,
    /// The attached files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<FileInfo>>,
    /// Sizes of the external images in the post (not the attached files), by image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub images: Option<HashMap<String, PostImage>>,
    /// The reactions to the post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reactions: Option<Vec<Reaction>>,
    /// The post's priority, if one was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<PostPriority>,
    /// The users' acknowledgements of the post (when it requested them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledgements: Option<Vec<PostAcknowledgement>>,
    /// When a burn-on-read post expires, ms since the epoch (`omitempty`: absent for 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_at: Option<i64>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

wire_enum! {
    /// What a post embed is (`model.PostEmbedType`, `server/public/model/post_embed.go`).
    PostEmbedType {
        /// `image`: a link to an image.
        #[default]
        Image = "image",
        /// `message_attachment`: the post's message attachments (`props.attachments`).
        MessageAttachment = "message_attachment",
        /// `opengraph`: a link with OpenGraph data in `data`.
        Opengraph = "opengraph",
        /// `link`: a link without preview data.
        Link = "link",
        /// `permalink`: a link to another post, previewed in `data`.
        Permalink = "permalink",
        /// `boards`: a link to a board.
        Boards = "boards",
    }
}

/// Something to render for a link in a post (`model.PostEmbed`,
/// `server/public/model/post_embed.go`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct PostEmbed {
    /// What kind of embed.
    #[serde(default, rename = "type")]
    pub embed_type: PostEmbedType,
    /// The embedded content's URL (image and OpenGraph embeds; `omitempty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The embed's data: OpenGraph fields or a permalink's preview. Go's `any`, so any JSON
    /// (`omitempty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// Size and format of an external image in a post (`model.PostImage`,
/// `server/public/model/post_metadata.go`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct PostImage {
    /// Width, pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<i64>,
    /// Height, pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<i64>,
    /// The format's name as Go's `image` package gives it: `png`, `gif`, `jpeg`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Number of frames of an animated GIF, 0 for other formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frame_count: Option<i64>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A custom emoji (`model.Emoji`, `server/public/model/emoji.go`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct Emoji {
    /// The emoji's ID.
    #[serde(default)]
    pub id: String,
    /// Creation time, ms since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_at: Option<i64>,
    /// Last update, ms since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_at: Option<i64>,
    /// Deletion time, ms since the epoch (0: not deleted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_at: Option<i64>,
    /// The ID of the user who made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<String>,
    /// The name used in `:name:` (at most 64 characters).
    #[serde(default)]
    pub name: String,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A file's record (`model.FileInfo`, `server/public/model/file_info.go`): a post's
/// attachment in [`PostMetadata::files`]. The server never sends the file's storage paths.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct FileInfo {
    /// The file's ID.
    #[serde(default)]
    pub id: String,
    /// The uploader's ID (`CreatorId` on the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The post it is attached to (`omitempty`: absent before it is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_id: Option<String>,
    /// The post's channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// Upload time, ms since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_at: Option<i64>,
    /// Last update, ms since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_at: Option<i64>,
    /// Deletion time, ms since the epoch (0: not deleted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_at: Option<i64>,
    /// The file name.
    #[serde(default)]
    pub name: String,
    /// The extension, without the dot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// Size, bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// The MIME type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    /// Width of an image, pixels (`omitempty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<i64>,
    /// Height of an image, pixels (`omitempty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<i64>,
    /// Whether a preview image exists (`omitempty`: absent when false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_preview_image: Option<bool>,
    /// A tiny preview image, base64 (Go `*[]byte`, no `omitempty`: `null` reads as `None`,
    /// and `None` is written as `null`).
    #[serde(default)]
    pub mini_preview: Option<String>,
    /// The shared-channel remote the file came from (Go `*string`; `None` is written as `null`, as the server writes nil).
    #[serde(default)]
    pub remote_id: Option<String>,
    /// Whether the file's content is no longer accessible (beyond the plan's history limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// Extra information set by the server (`omitempty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_info: Option<String>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A user's emoji reaction to a post (`model.Reaction`, `server/public/model/reaction.go`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct Reaction {
    /// The reacting user.
    #[serde(default)]
    pub user_id: String,
    /// The post.
    #[serde(default)]
    pub post_id: String,
    /// The emoji's name, without colons (`+1`, `tada`, or a custom emoji's name).
    #[serde(default)]
    pub emoji_name: String,
    /// When, ms since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_at: Option<i64>,
    /// Last update, ms since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_at: Option<i64>,
    /// Removal time, ms since the epoch (0: not removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_at: Option<i64>,
    /// The shared-channel remote the reaction came from (Go `*string`; `None` is written as `null`, as the server writes nil).
    #[serde(default)]
    pub remote_id: Option<String>,
    /// The post's channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

wire_enum! {
    /// A post's priority label (`PostPriority.Priority`, `server/public/model/post.go`; the
    /// server names `urgent`, the web app also sends `important`).
    PriorityLevel {
        /// `""`: standard priority.
        #[default]
        Standard = "",
        /// `important`.
        Important = "important",
        /// `urgent`: may request acknowledgements and persistent notifications.
        Urgent = "urgent",
    }
}

/// A post's priority settings (`model.PostPriority`, `server/public/model/post.go`). The
/// first three fields are Go pointers without `omitempty`: `null` and absent read as `None`,
/// and `None` is written as `null`, as the server writes nil.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct PostPriority {
    /// The label.
    #[serde(default)]
    pub priority: Option<PriorityLevel>,
    /// Whether readers are asked to acknowledge the post.
    #[serde(default)]
    pub requested_ack: Option<bool>,
    /// Whether mentioned users are notified again until they read it.
    #[serde(default)]
    pub persistent_notifications: Option<bool>,
    /// The post's ID: the server's `PostId` with no JSON name, so the key is `PostId`
    /// (`omitempty`; set in some answers).
    #[serde(default, rename = "PostId", skip_serializing_if = "Option::is_none")]
    pub post_id: Option<String>,
    /// The post's channel: key `ChannelId`, like `post_id`.
    #[serde(default, rename = "ChannelId", skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
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
