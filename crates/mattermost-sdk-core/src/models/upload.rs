//! Resumable file uploads (`server/public/model/upload_session.go`). Timestamps are i64
//! milliseconds since the epoch; sizes and offsets are bytes.

use std::fmt;

use mattermost_sdk_derive::DeserializeExtra;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::JsonMap;

/// What an upload is for (`model.UploadType`): keeps values it does not know.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum UploadType {
    /// `attachment`: a file for a post.
    #[default]
    Attachment,
    /// `import`: a bulk-import archive.
    Import,
    /// Any other value the server sent.
    Unknown(String),
}

impl UploadType {
    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            UploadType::Attachment => "attachment",
            UploadType::Import => "import",
            UploadType::Unknown(s) => s,
        }
    }

    /// Parses a wire value; unknown ones become [`UploadType::Unknown`].
    pub fn from_name(s: &str) -> UploadType {
        match s {
            "attachment" => UploadType::Attachment,
            "import" => UploadType::Import,
            other => UploadType::Unknown(other.to_owned()),
        }
    }
}

impl fmt::Display for UploadType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for UploadType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for UploadType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|s| UploadType::from_name(&s))
    }
}

/// An upload in progress (`model.UploadSession`): `file_offset` of `file_size` bytes
/// received so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct UploadSession {
    /// The upload's ID.
    #[serde(default)]
    pub id: String,
    /// Attachment or import.
    #[serde(default, rename = "type")]
    pub upload_type: UploadType,
    /// Creation time, ms since the epoch.
    #[serde(default)]
    pub create_at: i64,
    /// The uploading user's ID.
    #[serde(default)]
    pub user_id: String,
    /// The channel an attachment is for (`omitempty`: absent for imports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// The file's name.
    #[serde(default)]
    pub filename: String,
    /// The file's size, bytes.
    #[serde(default)]
    pub file_size: i64,
    /// Bytes received so far; equal to `file_size` once done.
    #[serde(default)]
    pub file_offset: i64,
    /// Every field this type does not name (`remote_id`, `req_file_id`, ...).
    #[serde(flatten)]
    pub extra: JsonMap,
}
