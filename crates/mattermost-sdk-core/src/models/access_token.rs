//! Personal access tokens (`model.UserAccessToken`, `server/public/model/user_access_token.go`).

use serde::Serialize;

use mattermost_sdk_derive::DeserializeExtra;

use super::JsonMap;
use crate::secret::Token;

/// A personal access token as the server lists it: everything but the token string, which
/// the server blanks everywhere except in the answer to its creation
/// (`GetUserAccessToken(.., sanitize)`, `server/channels/app/session.go`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct UserAccessToken {
    /// The token's ID (26 characters), what the token-ID operations take.
    #[serde(default)]
    pub id: String,
    /// The token string, if the server sent it (it never does in lists; redacted in
    /// `Debug`). A blank value reads as `None`.
    #[serde(
        default,
        deserialize_with = "crate::secret::blank_is_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub token: Option<Token>,
    /// The owner's ID.
    #[serde(default)]
    pub user_id: String,
    /// What the token is for (at most 255 characters).
    #[serde(default)]
    pub description: String,
    /// False once disabled: the token then authenticates nothing until enabled again.
    #[serde(default)]
    pub is_active: bool,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A personal access token just created (`POST /users/{user_id}/tokens`): the only answer
/// that carries the token string. The [`Token`] is redacted in `Debug` and usable as is:
/// `Client::builder(url).token(created.token)`.
#[derive(Debug, Clone, PartialEq, Serialize, DeserializeExtra)]
pub struct CreatedUserAccessToken {
    /// The token's ID.
    #[serde(default)]
    pub id: String,
    /// The token string: shown once, keep it safe (redacted in `Debug`).
    pub token: Token,
    /// The owner's ID.
    #[serde(default)]
    pub user_id: String,
    /// What the token is for.
    #[serde(default)]
    pub description: String,
    /// True for a new token.
    #[serde(default)]
    pub is_active: bool,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}
