//! Models of the user administration operations: audits, bots, groups, custom profile
//! attribute values and the auth migration bodies.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use mattermost_sdk_derive::DeserializeExtra;

use super::JsonMap;

/// One audit record of a user (`model.Audit`, `server/public/model/audit.go`): every field
/// is sent by the server, none is `omitempty`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct Audit {
    /// The record's ID.
    #[serde(default)]
    pub id: String,
    /// When it happened, milliseconds since the epoch.
    #[serde(default)]
    pub create_at: i64,
    /// The user it is about.
    #[serde(default)]
    pub user_id: String,
    /// What happened: the API path or action name (`/users/login`, ...).
    #[serde(default)]
    pub action: String,
    /// Free-form details (`success`, `attempt - login_id=...`, ...).
    #[serde(default)]
    pub extra_info: String,
    /// The client's IP address.
    #[serde(default)]
    pub ip_address: String,
    /// The session it happened in, if any (empty otherwise).
    #[serde(default)]
    pub session_id: String,
    /// Every field this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A bot account (`model.Bot`, `server/public/model/bot.go`): the answer of
/// `ConvertUserToBot`. The bot's `user_id` is the converted user's ID.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct Bot {
    /// The bot's user ID (the same as the user it was made from).
    #[serde(default)]
    pub user_id: String,
    /// The username.
    #[serde(default)]
    pub username: String,
    /// The display name (`omitempty` on the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The description (`omitempty` on the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The owner's user ID (for a converted user: the user itself).
    #[serde(default)]
    pub owner_id: String,
    /// Last icon change, ms (`omitempty` on the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_icon_update: Option<i64>,
    /// Creation time, ms.
    #[serde(default)]
    pub create_at: i64,
    /// Last update, ms.
    #[serde(default)]
    pub update_at: i64,
    /// Deletion time, ms; 0 when not deleted.
    #[serde(default)]
    pub delete_at: i64,
    /// Every field this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A user group (`model.Group`, `server/public/model/group.go`): LDAP-synced (`source`
/// `ldap`), custom, or from a plugin (`plugin_...`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct Group {
    /// The group's ID.
    #[serde(default)]
    pub id: String,
    /// The mention name (`*string`, `omitempty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The display name.
    #[serde(default)]
    pub display_name: String,
    /// The description.
    #[serde(default)]
    pub description: String,
    /// `ldap`, `custom` or `plugin_<id>`.
    #[serde(default)]
    pub source: String,
    /// The ID at the source (LDAP); `null` for custom groups (`*string` without
    /// `omitempty`, so it is kept as `null` when sent back).
    #[serde(default)]
    pub remote_id: Option<String>,
    /// Creation time, ms.
    #[serde(default)]
    pub create_at: i64,
    /// Last update, ms.
    #[serde(default)]
    pub update_at: i64,
    /// Deletion time, ms; 0 when not deleted.
    #[serde(default)]
    pub delete_at: i64,
    /// Whether the group is linked to teams or channels.
    #[serde(default)]
    pub has_syncables: bool,
    /// Number of members, when the server counted them (`omitempty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_count: Option<i64>,
    /// Whether the group can be @-mentioned.
    #[serde(default)]
    pub allow_reference: bool,
    /// Members in a channel, when asked for (`omitempty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_member_count: Option<i64>,
    /// Distinct timezones of those channel members, when asked for (`omitempty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_member_timezones_count: Option<i64>,
    /// Member user IDs, when the server fills them (`null` otherwise).
    #[serde(default)]
    pub member_ids: Option<Vec<String>>,
    /// Every field this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A user's custom profile attribute values: field ID → value, as the server sends and takes
/// them (`map[string]json.RawMessage` in `listCPAValues` / `patchCPAValuesForUser`,
/// `server/channels/api4/custom_profile_attributes.go`). A value is whatever JSON the field
/// type holds: a string for text, date, select and user fields, an array of strings for
/// multiselect and multiuser fields; so it stays a [`serde_json::Value`].
pub type CpaValues = BTreeMap<String, serde_json::Value>;

/// The auth service users are migrated from, as `MigrateAuthToLdap` / `MigrateAuthToSaml`
/// take it (`from`). Email login is `email` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthService {
    /// Email and password.
    Email,
    /// GitLab SSO.
    Gitlab,
    /// LDAP (only as a source for SAML).
    Ldap,
    /// SAML (only as a source for LDAP).
    Saml,
    /// Google SSO.
    Google,
    /// Office 365 SSO.
    Office365,
    /// OpenID Connect SSO (`model.ServiceOpenid`, `server/public/model/config.go`): a target
    /// of [`SwitchRequest`](crate::models::SwitchRequest), not of the migrations.
    Openid,
}

impl AuthService {
    /// The wire name (`email`, `gitlab`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            AuthService::Email => "email",
            AuthService::Gitlab => "gitlab",
            AuthService::Ldap => "ldap",
            AuthService::Saml => "saml",
            AuthService::Google => "google",
            AuthService::Office365 => "office365",
            AuthService::Openid => "openid",
        }
    }
}
