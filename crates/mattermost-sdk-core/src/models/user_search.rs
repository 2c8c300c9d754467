use std::fmt;

use serde::Serialize;

use mattermost_sdk_derive::DeserializeExtra;

use super::{JsonMap, Role, User};
use crate::ids::{ChannelId, GroupId, TeamId};

/// The body of `POST /users/search` (`model.UserSearch`,
/// `server/public/model/user_search.go`). Only `term` is required; unset fields are omitted
/// (the server reads a missing field as its zero value, which is what it would be).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct UserSearch {
    /// What to look for in usernames, names, nicknames (and emails, for admins or when the
    /// server shows emails). Must not be empty.
    pub term: String,
    /// Only members of this team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<TeamId>,
    /// Only users not in this team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_in_team_id: Option<TeamId>,
    /// Only members of this channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_channel_id: Option<ChannelId>,
    /// Only users not in this channel (needs `team_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_in_channel_id: Option<ChannelId>,
    /// Only members of this group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_group_id: Option<GroupId>,
    /// Only users not in this group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_in_group_id: Option<GroupId>,
    /// Only users allowed by the team's or channel's group constraint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_constrained: Option<bool>,
    /// Include deactivated users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_inactive: Option<bool>,
    /// Only users in no team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub without_team: Option<bool>,
    /// Most results: 1 to 1000 (`model.UserSearchMaxLimit`); unset or 0 means 100
    /// (`model.UserSearchDefaultLimit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only users with this system role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Only users with any of these system roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<Role>>,
    /// Only users with any of these channel roles (with `in_channel_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_roles: Option<Vec<Role>>,
    /// Only users with any of these team roles (with `team_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_roles: Option<Vec<Role>>,
    /// Any other field, sent as given.
    #[serde(flatten)]
    pub extra: JsonMap,
}

impl UserSearch {
    /// A search for `term` with no other filter.
    pub fn new(term: impl Into<String>) -> Self {
        UserSearch {
            term: term.into(),
            ..UserSearch::default()
        }
    }
}

/// The answer of `GET /users/autocomplete` (`model.UserAutocomplete`): the matching users
/// and, when asked with `in_channel`, the team's matching users outside that channel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct UserAutocomplete {
    /// The matches (in the channel, when asked with `in_channel`).
    #[serde(default)]
    pub users: Vec<User>,
    /// With `in_channel`: matches in the team but not in the channel (omitted otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_channel: Option<Vec<User>>,
    /// Every field this type does not name (newer servers add `agents`).
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// The `sort` of `GET /users`. Each one is only allowed with certain filters (see
/// `GetUsers`); the server rejects the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserSort {
    /// `last_activity_at`: most recently active first; only with `in_team` alone.
    LastActivityAt,
    /// `create_at`: newest first; only with `in_team` alone.
    CreateAt,
    /// `status`: online first; only with `in_channel`.
    Status,
    /// `admin`: channel admins first; only with `in_channel`.
    Admin,
    /// `display_name`: only with `in_group` alone.
    DisplayName,
}

impl UserSort {
    /// The wire value.
    pub fn as_str(&self) -> &'static str {
        match self {
            UserSort::LastActivityAt => "last_activity_at",
            UserSort::CreateAt => "create_at",
            UserSort::Status => "status",
            UserSort::Admin => "admin",
            UserSort::DisplayName => "display_name",
        }
    }
}

impl fmt::Display for UserSort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for UserSearch {
    fn from(term: &str) -> Self {
        UserSearch::new(term)
    }
}

impl From<String> for UserSearch {
    fn from(term: String) -> Self {
        UserSearch::new(term)
    }
}
