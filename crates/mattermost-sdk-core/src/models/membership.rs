//! A user's team memberships and channel memberships across teams
//! (`server/public/model/team_member.go`, `channel_member.go`). Timestamps are i64
//! milliseconds since the epoch.

use serde::{Deserialize, Serialize};

use super::{ChannelMember, JsonMap};

/// A user's membership of a team (`model.TeamMember`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamMember {
    /// The team's ID.
    #[serde(default)]
    pub team_id: String,
    /// The user's ID.
    #[serde(default)]
    pub user_id: String,
    /// Space-separated team roles (`team_user`, `team_admin`, ...).
    #[serde(default)]
    pub roles: String,
    /// When the user left the team, ms since the epoch; 0 while a member.
    #[serde(default)]
    pub delete_at: i64,
    /// The member is a guest under the team's scheme.
    #[serde(default)]
    pub scheme_guest: bool,
    /// The member is a user under the team's scheme.
    #[serde(default)]
    pub scheme_user: bool,
    /// The member is an admin under the team's scheme.
    #[serde(default)]
    pub scheme_admin: bool,
    /// Roles given explicitly, beyond the scheme's.
    #[serde(default)]
    pub explicit_roles: String,
    /// When the user joined, ms since the epoch (absent, so 0, on older servers).
    #[serde(default)]
    pub create_at: i64,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A channel membership with its team's names (`model.ChannelMemberWithTeamData`): the
/// [`ChannelMember`] fields, flattened, then the team's display name, name and last update.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChannelMemberWithTeamData {
    /// The membership (its unknown fields are kept in its own `extra`).
    #[serde(flatten)]
    pub member: ChannelMember,
    /// The team's display name (empty for direct and group messages).
    #[serde(default)]
    pub team_display_name: String,
    /// The team's URL name (empty for direct and group messages).
    #[serde(default)]
    pub team_name: String,
    /// The team's last update, ms since the epoch.
    #[serde(default)]
    pub team_update_at: i64,
}
