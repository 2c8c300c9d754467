use std::collections::BTreeMap;

use serde::Serialize;

use mattermost_sdk_derive::DeserializeExtra;

use super::JsonMap;
use crate::secret::Secret;

/// The body of `POST /users` (`CreateUser`): the fields of `model.User`
/// (`server/public/model/user.go`) a client sets when creating an account. Fields left
/// `None` are omitted and the server fills its defaults. The password is a [`Secret`]: it is
/// sent, but never shown by `Debug`.
///
/// `props`, `notify_props` and `timezone` are Go `StringMap`s (string to string).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct NewUser {
    /// The username: 1 to 64 characters of `a-z 0-9 . - _`, unique.
    pub username: String,
    /// The email address, unique.
    pub email: String,
    /// The password (for email login; omit for LDAP, SAML or OAuth accounts). A blank one
    /// reads as `None`.
    #[serde(
        default,
        deserialize_with = "crate::secret::blank_is_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub password: Option<Secret>,
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
    /// The locale (`en`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The external auth data (LDAP or SAML ID), with `auth_service`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_data: Option<String>,
    /// The auth service (`""`/`email`, `gitlab`, `ldap`, `saml`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_service: Option<String>,
    /// Free-form properties (Go `StringMap`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub props: Option<BTreeMap<String, String>>,
    /// Notification settings (Go `StringMap`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_props: Option<BTreeMap<String, String>>,
    /// Timezone settings (Go `StringMap`: `useAutomaticTimezone`, `automaticTimezone`,
    /// `manualTimezone`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<BTreeMap<String, String>>,
    /// Any other `model.User` field, sent as given.
    #[serde(flatten)]
    pub extra: JsonMap,
}

impl NewUser {
    /// A user with a username, an email and a password (email login).
    pub fn new(
        username: impl Into<String>,
        email: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Self {
        NewUser {
            username: username.into(),
            email: email.into(),
            password: Some(password.into()),
            ..NewUser::default()
        }
    }
}
