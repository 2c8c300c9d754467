//! A user's team memberships and channel memberships across teams
//! (`server/public/model/team_member.go`, `channel_member.go`). Timestamps are i64
//! milliseconds since the epoch.

use mattermost_sdk_derive::DeserializeExtra;
use serde::{Deserialize, Serialize};

use super::{ChannelMember, JsonMap};

/// A user's membership of a team (`model.TeamMember`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
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
///
/// Decoded in one pass as a [`ChannelMember`] (whose `extra` catches the three team fields,
/// which are then taken out of it), not through serde's flatten, which buffers the whole
/// object first.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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

impl<'de> Deserialize<'de> for ChannelMemberWithTeamData {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        fn take<T: serde::de::DeserializeOwned + Default, E: Error>(
            extra: &mut JsonMap,
            key: &'static str,
        ) -> Result<T, E> {
            match extra.remove(key) {
                None => Ok(T::default()),
                Some(v) => serde_json::from_value(v)
                    .map_err(|_| E::custom(format_args!("invalid type for field `{key}`"))),
            }
        }
        let mut member = ChannelMember::deserialize(deserializer)?;
        Ok(ChannelMemberWithTeamData {
            team_display_name: take(&mut member.extra, "team_display_name")?,
            team_name: take(&mut member.extra, "team_name")?,
            team_update_at: take(&mut member.extra, "team_update_at")?,
            member,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_with_team_data_takes_its_fields_and_keeps_unknown_ones() {
        let wire = serde_json::json!({
            "channel_id": "c1", "user_id": "u1", "roles": "channel_user",
            "msg_count": 3, "team_display_name": "Alpha", "team_name": "alpha",
            "team_update_at": 1700000000000i64, "future_field": {"x": [1, 2]}
        });
        let got: ChannelMemberWithTeamData = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(got.team_display_name, "Alpha");
        assert_eq!(got.team_name, "alpha");
        assert_eq!(got.team_update_at, 1_700_000_000_000);
        assert_eq!(got.member.channel_id, "c1");
        assert!(!got.member.extra.contains_key("team_name"));
        assert_eq!(
            got.member.extra["future_field"],
            serde_json::json!({"x": [1, 2]})
        );
        let back = serde_json::to_value(&got).unwrap();
        for key in [
            "team_display_name",
            "team_name",
            "team_update_at",
            "future_field",
            "channel_id",
        ] {
            assert_eq!(back[key], wire[key], "{key}");
        }
        // Missing team fields default, as serde's derive with `default` did.
        let bare: ChannelMemberWithTeamData =
            serde_json::from_value(serde_json::json!({"channel_id": "c1", "user_id": "u1"}))
                .unwrap();
        assert_eq!(bare.team_name, "");
        // A wrong type is an error naming the field, never quoting the value.
        let err = serde_json::from_value::<ChannelMemberWithTeamData>(
            serde_json::json!({"channel_id": "c1", "user_id": "u1", "team_name": 7}),
        )
        .unwrap_err();
        assert!(err.to_string().contains("team_name"), "{err}");
    }
}
