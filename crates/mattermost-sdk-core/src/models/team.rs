use serde::Serialize;

use mattermost_sdk_derive::DeserializeExtra;

use super::JsonMap;

/// A team (`model.Team`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct Team {
    /// The team's ID.
    #[serde(default)]
    pub id: String,
    /// Creation time, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_at: Option<i64>,
    /// Last update, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_at: Option<i64>,
    /// Deletion time, ms; 0 when not deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_at: Option<i64>,
    /// The display name.
    #[serde(default)]
    pub display_name: String,
    /// The URL name.
    #[serde(default)]
    pub name: String,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The team's contact email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `O` for open, `I` for invite only.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub team_type: Option<String>,
    /// Whether anyone may join.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_open_invite: Option<bool>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}
