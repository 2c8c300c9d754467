//! The data retention policies that apply to a user's teams and channels
//! (`server/public/model/data_retention_policy.go`). Durations are whole days.

use mattermost_sdk_derive::DeserializeExtra;
use serde::Serialize;

use super::thread::null_is_empty;
use super::JsonMap;

/// The retention policy of one team (`model.RetentionPolicyForTeam`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct RetentionPolicyForTeam {
    /// The team's ID.
    #[serde(default)]
    pub team_id: String,
    /// How long posts are kept, in days (Go `PostDurationDays`, sent as `post_duration`).
    #[serde(default)]
    pub post_duration: i64,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// The retention policy of one channel (`model.RetentionPolicyForChannel`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct RetentionPolicyForChannel {
    /// The channel's ID.
    #[serde(default)]
    pub channel_id: String,
    /// How long posts are kept, in days (Go `PostDurationDays`, sent as `post_duration`).
    #[serde(default)]
    pub post_duration: i64,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// One page of team policies and how many there are in all
/// (`model.RetentionPolicyForTeamList`). The server sends `policies: null` for none: read
/// as empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct RetentionPolicyForTeamList {
    /// This page's policies.
    #[serde(default, deserialize_with = "null_is_empty")]
    pub policies: Vec<RetentionPolicyForTeam>,
    /// Policies over all pages.
    #[serde(default)]
    pub total_count: i64,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// One page of channel policies and how many there are in all
/// (`model.RetentionPolicyForChannelList`). The server sends `policies: null` for none: read
/// as empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct RetentionPolicyForChannelList {
    /// This page's policies.
    #[serde(default, deserialize_with = "null_is_empty")]
    pub policies: Vec<RetentionPolicyForChannel>,
    /// Policies over all pages.
    #[serde(default)]
    pub total_count: i64,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}
