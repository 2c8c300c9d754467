use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use mattermost_sdk_derive::DeserializeExtra;

use super::{JsonMap, StringMap};

/// A Mattermost user (`model.User`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct User {
    /// The user's ID.
    #[serde(default)]
    pub id: String,
    /// Creation time, milliseconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_at: Option<i64>,
    /// Last update time, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_at: Option<i64>,
    /// Deactivation time, ms; 0 when active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_at: Option<i64>,
    /// The username.
    #[serde(default)]
    pub username: String,
    /// The external auth data (LDAP/SAML ID), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_data: Option<String>,
    /// The auth service (`""`, `email`, `gitlab`, `ldap`, `saml`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_service: Option<String>,
    /// The email address.
    #[serde(default)]
    pub email: String,
    /// Whether the email is verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
    /// The nickname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// The first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// The position (job title).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Space-separated role names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<String>,
    /// Free-form properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub props: Option<StringMap>,
    /// Notification settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_props: Option<StringMap>,
    /// Last password change, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_password_update: Option<i64>,
    /// Last profile picture change, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_picture_update: Option<i64>,
    /// Failed login attempts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_attempts: Option<i64>,
    /// The locale (`en`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Timezone settings (`useAutomaticTimezone`, `automaticTimezone`, `manualTimezone`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<StringMap>,
    /// Whether MFA is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_active: Option<bool>,
    /// Whether the user is a bot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_bot: Option<bool>,
    /// Last activity, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_activity_at: Option<i64>,
    /// Every field this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: JsonMap,
}

impl User {
    /// True if the user is deactivated (`delete_at` > 0).
    pub fn is_deactivated(&self) -> bool {
        self.delete_at.unwrap_or(0) > 0
    }

    /// The user's roles, parsed from the space-separated `roles` string.
    pub fn role_list(&self) -> Vec<Role> {
        self.roles
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .map(Role::from_name)
            .collect()
    }
}

/// The body of `PATCH`-style updates: every field optional, absent fields untouched.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct UserPatch {
    /// New email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// New username.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// New first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// New last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// New nickname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// New locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// New position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// New timezone settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<StringMap>,
    /// New props (replaces the map).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub props: Option<StringMap>,
    /// New notification settings (replaces the map).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_props: Option<StringMap>,
    /// Any other patchable field the server knows.
    #[serde(flatten)]
    pub extra: JsonMap,
}

impl UserPatch {
    /// True if the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        self == &UserPatch::default()
    }
}

/// A system role, as used in a user's `roles` string.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Role {
    /// `system_user`: every user.
    SystemUser,
    /// `system_admin`.
    SystemAdmin,
    /// `system_guest`.
    SystemGuest,
    /// `system_user_manager`.
    SystemUserManager,
    /// `system_read_only_admin`.
    SystemReadOnlyAdmin,
    /// `system_manager`.
    SystemManager,
    /// `system_user_access_token`: may create personal access tokens.
    SystemUserAccessToken,
    /// `system_post_all`.
    SystemPostAll,
    /// `system_post_all_public`.
    SystemPostAllPublic,
    /// Any other role name.
    Other(String),
}

impl Role {
    /// The role's wire name.
    pub fn as_str(&self) -> &str {
        match self {
            Role::SystemUser => "system_user",
            Role::SystemAdmin => "system_admin",
            Role::SystemGuest => "system_guest",
            Role::SystemUserManager => "system_user_manager",
            Role::SystemReadOnlyAdmin => "system_read_only_admin",
            Role::SystemManager => "system_manager",
            Role::SystemUserAccessToken => "system_user_access_token",
            Role::SystemPostAll => "system_post_all",
            Role::SystemPostAllPublic => "system_post_all_public",
            Role::Other(s) => s,
        }
    }

    /// Parses a wire name; unknown names become [`Role::Other`].
    pub fn from_name(name: &str) -> Role {
        match name {
            "system_user" => Role::SystemUser,
            "system_admin" => Role::SystemAdmin,
            "system_guest" => Role::SystemGuest,
            "system_user_manager" => Role::SystemUserManager,
            "system_read_only_admin" => Role::SystemReadOnlyAdmin,
            "system_manager" => Role::SystemManager,
            "system_user_access_token" => Role::SystemUserAccessToken,
            "system_post_all" => Role::SystemPostAll,
            "system_post_all_public" => Role::SystemPostAllPublic,
            other => Role::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Role::from_name(s))
    }
}

impl From<&str> for Role {
    fn from(s: &str) -> Self {
        Role::from_name(s)
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|s| Role::from_name(&s))
    }
}

/// The body of `PUT /users/{user_id}/auth` (`model.UserAuth`, `server/public/model/user.go`):
/// the external ID and the service that authenticates the user. It is also what the
/// operation answers.
///
/// The server's handler (`updateUserAuth`, `server/channels/api4/user.go`) answers 400
/// `api.user.update_user_auth.invalid_request` unless both `auth_data` and `auth_service`
/// are non-empty, so this operation moves a user to an external service (LDAP, SAML, GitLab,
/// ...); it cannot move a user back to email and password, and `model.UserAuth` has no
/// password field. [`UpdateUserAuth`](crate::endpoints::users::UpdateUserAuth) refuses an
/// empty `auth_data` or `auth_service` before any I/O.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct UserAuthData {
    /// The user's ID at the external service (an LDAP DN or attribute, a SAML ID, ...);
    /// required, at most 128 bytes (`UserAuthDataMaxLength`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_data: Option<String>,
    /// The service: `ldap`, `saml`, `gitlab`, `google`, `office365`, `openid`; required.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub auth_service: String,
    /// Any other fields.
    #[serde(flatten)]
    pub extra: JsonMap,
}
