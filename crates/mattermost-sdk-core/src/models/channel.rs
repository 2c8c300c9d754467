//! Channels, channel members and unread counts (`server/public/model/channel.go`,
//! `channel_member.go`, `team_member.go`). Timestamps are i64 milliseconds since the epoch.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use mattermost_sdk_derive::DeserializeExtra;

use super::{JsonMap, StringMap};

/// A channel's `type` (`model.ChannelType`): keeps values it does not know.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ChannelType {
    /// `O`: public (open).
    #[default]
    Open,
    /// `P`: private.
    Private,
    /// `D`: a direct message between two users.
    Direct,
    /// `G`: a group message.
    Group,
    /// Any other value the server sent.
    Unknown(String),
}

impl ChannelType {
    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            ChannelType::Open => "O",
            ChannelType::Private => "P",
            ChannelType::Direct => "D",
            ChannelType::Group => "G",
            ChannelType::Unknown(s) => s,
        }
    }

    /// Parses a wire value; unknown ones become [`ChannelType::Unknown`].
    pub fn from_name(s: &str) -> ChannelType {
        match s {
            "O" => ChannelType::Open,
            "P" => ChannelType::Private,
            "D" => ChannelType::Direct,
            "G" => ChannelType::Group,
            other => ChannelType::Unknown(other.to_owned()),
        }
    }
}

impl fmt::Display for ChannelType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ChannelType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ChannelType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|s| ChannelType::from_name(&s))
    }
}

/// A channel (`model.Channel`). Fields the server may leave out are `Option`s; every
/// other field survives in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct Channel {
    /// The channel's ID.
    #[serde(default)]
    pub id: String,
    /// Creation time, ms since the epoch.
    #[serde(default)]
    pub create_at: i64,
    /// Last update, ms since the epoch.
    #[serde(default)]
    pub update_at: i64,
    /// Archival time, ms since the epoch; 0 when not archived.
    #[serde(default)]
    pub delete_at: i64,
    /// The team's ID; empty for direct and group messages.
    #[serde(default)]
    pub team_id: String,
    /// Open, private, direct or group.
    #[serde(default, rename = "type")]
    pub channel_type: ChannelType,
    /// The display name.
    #[serde(default)]
    pub display_name: String,
    /// The URL name.
    #[serde(default)]
    pub name: String,
    /// The header.
    #[serde(default)]
    pub header: String,
    /// The purpose.
    #[serde(default)]
    pub purpose: String,
    /// Time of the last post, ms since the epoch.
    #[serde(default)]
    pub last_post_at: i64,
    /// Posts in the channel.
    #[serde(default)]
    pub total_msg_count: i64,
    /// Root posts (not replies) in the channel.
    #[serde(default)]
    pub total_msg_count_root: i64,
    /// The creator's user ID.
    #[serde(default)]
    pub creator_id: String,
    /// Time of the last root post, ms since the epoch.
    #[serde(default)]
    pub last_root_post_at: i64,
    /// Every field this type does not name (`scheme_id`, `props`, `policy_id`, ...).
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A user's membership of a channel (`model.ChannelMember`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct ChannelMember {
    /// The channel's ID.
    #[serde(default)]
    pub channel_id: String,
    /// The user's ID.
    #[serde(default)]
    pub user_id: String,
    /// Space-separated channel roles.
    #[serde(default)]
    pub roles: String,
    /// When the user last viewed the channel, ms since the epoch.
    #[serde(default)]
    pub last_viewed_at: i64,
    /// Posts the user has read (the channel's `total_msg_count` at their last view).
    #[serde(default)]
    pub msg_count: i64,
    /// Unread mentions.
    #[serde(default)]
    pub mention_count: i64,
    /// Unread mentions in root posts.
    #[serde(default)]
    pub mention_count_root: i64,
    /// Unread urgent mentions.
    #[serde(default)]
    pub urgent_mention_count: i64,
    /// Root posts the user has read.
    #[serde(default)]
    pub msg_count_root: i64,
    /// Notification settings (`model.StringMap`).
    #[serde(default)]
    pub notify_props: StringMap,
    /// Last update of the membership, ms since the epoch.
    #[serde(default)]
    pub last_update_at: i64,
    /// Every field this type does not name (`scheme_*`, `explicit_roles`, ...).
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A user's unread counts in one channel (`model.ChannelUnread`): `msg_count` here is the
/// number of *unread* posts (the channel's total minus the member's read count).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct ChannelUnread {
    /// The channel's team.
    #[serde(default)]
    pub team_id: String,
    /// The channel.
    #[serde(default)]
    pub channel_id: String,
    /// Unread posts.
    #[serde(default)]
    pub msg_count: i64,
    /// Unread mentions.
    #[serde(default)]
    pub mention_count: i64,
    /// Unread mentions in root posts.
    #[serde(default)]
    pub mention_count_root: i64,
    /// Unread urgent mentions (absent, so 0, on older servers).
    #[serde(default)]
    pub urgent_mention_count: i64,
    /// Unread root posts.
    #[serde(default)]
    pub msg_count_root: i64,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// The member's state after marking a post unread (`model.ChannelUnreadAt`): `msg_count`
/// is the number of posts still read, `last_viewed_at` (ms since the epoch) is just before
/// the post.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct ChannelUnreadAt {
    /// The channel's team.
    #[serde(default)]
    pub team_id: String,
    /// The user.
    #[serde(default)]
    pub user_id: String,
    /// The channel.
    #[serde(default)]
    pub channel_id: String,
    /// Posts still read.
    #[serde(default)]
    pub msg_count: i64,
    /// Unread mentions.
    #[serde(default)]
    pub mention_count: i64,
    /// Unread mentions in root posts.
    #[serde(default)]
    pub mention_count_root: i64,
    /// Unread urgent mentions.
    #[serde(default)]
    pub urgent_mention_count: i64,
    /// Root posts still read.
    #[serde(default)]
    pub msg_count_root: i64,
    /// The new last view, ms since the epoch.
    #[serde(default)]
    pub last_viewed_at: i64,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A user's unread counts in one team (`model.TeamUnread`), summed over their channels.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct TeamUnread {
    /// The team.
    #[serde(default)]
    pub team_id: String,
    /// Unread posts.
    #[serde(default)]
    pub msg_count: i64,
    /// Unread mentions.
    #[serde(default)]
    pub mention_count: i64,
    /// Unread mentions in root posts.
    #[serde(default)]
    pub mention_count_root: i64,
    /// Unread root posts.
    #[serde(default)]
    pub msg_count_root: i64,
    /// Unread followed threads (collapsed threads only).
    #[serde(default)]
    pub thread_count: i64,
    /// Unread mentions in followed threads.
    #[serde(default)]
    pub thread_mention_count: i64,
    /// Unread urgent mentions in followed threads.
    #[serde(default)]
    pub thread_urgent_mention_count: i64,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A user's acknowledgement of a post (`model.PostAcknowledgement`,
/// `server/public/model/post_acknowledgement.go`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct PostAcknowledgement {
    /// The user who acknowledged.
    #[serde(default)]
    pub user_id: String,
    /// The post.
    #[serde(default)]
    pub post_id: String,
    /// When, ms since the epoch (0 once removed, on servers that keep the row).
    #[serde(default)]
    pub acknowledged_at: i64,
    /// The post's channel (absent on older servers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// Every field this type does not name (`remote_id`, ...).
    #[serde(flatten)]
    pub extra: JsonMap,
}
