use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::Response;
use serde::{Deserialize, Serialize};

use mattermost_sdk_derive::DeserializeExtra;

use super::JsonMap;
use crate::error::DecodeError;
use crate::response::FromResponse;
use crate::secret::Secret;

/// A user preference (`model.Preference`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preference {
    /// The owner's ID.
    #[serde(default)]
    pub user_id: String,
    /// The category.
    #[serde(default)]
    pub category: String,
    /// The name within the category.
    #[serde(default)]
    pub name: String,
    /// The value (always a string on the wire).
    #[serde(default)]
    pub value: String,
}

impl Preference {
    /// A preference for `user_id`.
    pub fn new(
        user_id: impl Into<String>,
        category: impl Into<String>,
        name: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        Preference {
            user_id: user_id.into(),
            category: category.into(),
            name: name.into(),
            value: value.into(),
        }
    }
}

/// The answer of the legacy MFA check (`POST /users/mfa`): whether the account needs an MFA
/// code to log in (`map[string]bool{"mfa_required": ..}` in `checkUserMfa`,
/// `server/channels/api4/user.go` of the servers that still register it).
#[derive(Debug, Clone, PartialEq, Serialize, DeserializeExtra)]
pub struct MfaRequired {
    /// `true` if a login needs an MFA code.
    pub mfa_required: bool,
    /// Any other fields.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// `{"status": "OK"}`, the answer of many write operations.
#[derive(Debug, Clone, PartialEq, Serialize, DeserializeExtra)]
pub struct StatusOk {
    /// Usually `OK`.
    pub status: String,
    /// Any other fields.
    #[serde(flatten)]
    pub extra: JsonMap,
}

impl StatusOk {
    /// True if `status` is `OK` (case-insensitive).
    pub fn is_ok(&self) -> bool {
        self.status.eq_ignore_ascii_case("ok")
    }
}

/// An OAuth 2.0 app (`model.OAuthApp`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct OAuthApp {
    /// The app's ID (its client ID).
    #[serde(default)]
    pub id: String,
    /// The creator's ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<String>,
    /// Creation time, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_at: Option<i64>,
    /// Last update, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_at: Option<i64>,
    /// The client secret, when the server sends it (redacted in `Debug`); the server blanks
    /// it for anyone but the app's owner (`OAuthApp.Sanitize()`), and a blank reads as `None`.
    #[serde(
        default,
        deserialize_with = "crate::secret::blank_is_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub client_secret: Option<Secret>,
    /// The name.
    #[serde(default)]
    pub name: String,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The icon URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_url: Option<String>,
    /// Allowed callback URLs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_urls: Option<Vec<String>>,
    /// The homepage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    /// Whether the app is trusted (no consent screen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_trusted: Option<bool>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A freshly generated MFA secret.
#[derive(Debug, Clone, PartialEq, Serialize, DeserializeExtra)]
pub struct MfaSecret {
    /// The TOTP secret (redacted in `Debug`).
    pub secret: Secret,
    /// A base64-encoded PNG of the QR code.
    #[serde(default)]
    pub qr_code: String,
    /// Any other fields.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A profile image: the bytes and the content type the server declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileImage {
    /// The `Content-Type` of the response (`image/png`, ...), if any.
    pub content_type: Option<String>,
    /// The image bytes, exactly as received.
    pub bytes: Bytes,
}

impl FromResponse for ProfileImage {
    fn from_response(resp: Response<Bytes>) -> Result<Self, DecodeError> {
        let (parts, bytes) = resp.into_parts();
        let content_type = parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(ProfileImage {
            content_type,
            bytes,
        })
    }
}
