use serde::Serialize;

use mattermost_sdk_derive::DeserializeExtra;

use super::{JsonMap, StringMap};
use crate::secret::Token;

/// A login session (`model.Session`). The server usually blanks the token.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct Session {
    /// The session's ID.
    #[serde(default)]
    pub id: String,
    /// The session token, when the server sends it (redacted in `Debug`). The server blanks
    /// it in lists (`session.Sanitize()`); a blank token reads as `None`.
    #[serde(
        default,
        deserialize_with = "crate::secret::blank_is_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub token: Option<Token>,
    /// Creation time, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_at: Option<i64>,
    /// Expiry, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
    /// Last activity, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_activity_at: Option<i64>,
    /// The owner's ID.
    #[serde(default)]
    pub user_id: String,
    /// The mobile device ID, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    /// Space-separated roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<String>,
    /// Whether it is an OAuth session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_oauth: Option<bool>,
    /// Properties (`platform`, `os`, `browser`, ...): a `model.StringMap` on the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub props: Option<StringMap>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}
