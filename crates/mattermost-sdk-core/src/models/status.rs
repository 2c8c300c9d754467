use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use mattermost_sdk_derive::DeserializeExtra;

use super::JsonMap;

/// A user's presence (`online`, `away`, `offline`, `dnd`); unknown values are kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StatusValue {
    /// `online`.
    Online,
    /// `away`.
    Away,
    /// `offline`.
    Offline,
    /// `dnd`: do not disturb.
    Dnd,
    /// Any other value the server sent.
    Unknown(String),
}

impl StatusValue {
    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            StatusValue::Online => "online",
            StatusValue::Away => "away",
            StatusValue::Offline => "offline",
            StatusValue::Dnd => "dnd",
            StatusValue::Unknown(s) => s,
        }
    }

    /// Parses a wire value; unknown ones become [`StatusValue::Unknown`].
    pub fn from_name(s: &str) -> StatusValue {
        match s {
            "online" => StatusValue::Online,
            "away" => StatusValue::Away,
            "offline" => StatusValue::Offline,
            "dnd" => StatusValue::Dnd,
            other => StatusValue::Unknown(other.to_owned()),
        }
    }

    /// True for the four values the server accepts when setting a status.
    pub fn is_settable(&self) -> bool {
        !matches!(self, StatusValue::Unknown(_))
    }
}

impl fmt::Display for StatusValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for StatusValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for StatusValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|s| StatusValue::from_name(&s))
    }
}

/// A user's status (`model.Status`).
#[derive(Debug, Clone, PartialEq, Serialize, DeserializeExtra)]
pub struct Status {
    /// The user's ID.
    #[serde(default)]
    pub user_id: String,
    /// The presence value.
    pub status: StatusValue,
    /// Whether the status was set by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual: Option<bool>,
    /// Last activity, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_activity_at: Option<i64>,
    /// When DND ends, seconds since the epoch (0: never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dnd_end_time: Option<i64>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}
