//! Typed IDs, validated at construction, and other typed path segments.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::BuildError;
use crate::path::{check_segment, PathSegment};

/// True when `s` is a Mattermost ID: 26 characters of `[a-z0-9]`.
pub fn is_valid_id(s: &str) -> bool {
    s.len() == 26
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Validates and wraps an ID.
            pub fn new(value: impl Into<String>) -> Result<Self, BuildError> {
                let value = value.into();
                if is_valid_id(&value) {
                    Ok($name(value))
                } else {
                    Err(BuildError::invalid_id($kind, &value))
                }
            }

            /// The ID as a string.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({:?})"), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = BuildError;
            fn from_str(s: &str) -> Result<Self, BuildError> {
                $name::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = BuildError;
            fn try_from(s: &str) -> Result<Self, BuildError> {
                $name::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = BuildError;
            fn try_from(s: String) -> Result<Self, BuildError> {
                $name::new(s)
            }
        }

        impl TryFrom<&String> for $name {
            type Error = BuildError;
            fn try_from(s: &String) -> Result<Self, BuildError> {
                $name::new(s.as_str())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PathSegment for $name {
            fn segment(&self) -> Result<&str, BuildError> {
                Ok(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::new(s).map_err(serde::de::Error::custom)
            }
        }
    };
}

id_type!(
    /// A team ID.
    TeamId, "team ID"
);
id_type!(
    /// A post ID.
    PostId, "post ID"
);
id_type!(
    /// A session ID.
    SessionId, "session ID"
);
id_type!(
    /// A channel ID.
    ChannelId, "channel ID"
);
id_type!(
    /// An OAuth app ID.
    AppId, "OAuth app ID"
);
id_type!(
    /// A user group ID (LDAP-synced or custom group).
    GroupId, "group ID"
);
id_type!(
    /// A personal access token's ID (not the token itself: the ID is no secret). The route
    /// is `{token_id:[A-Za-z0-9]+}` (`server/channels/api4/api.go`); the server makes every
    /// token ID with `model.NewId`, 26 characters of `[a-z0-9]`.
    TokenId, "token ID"
);

/// A user ID, or the `me` alias for the authenticated user.
///
/// `me` is a static string: [`UserId::me`] allocates nothing.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserId(std::borrow::Cow<'static, str>);

impl UserId {
    /// The literal `me`: whoever the token belongs to.
    pub fn me() -> Self {
        UserId(std::borrow::Cow::Borrowed("me"))
    }

    /// Validates and wraps a user ID; `me` is accepted.
    pub fn new(value: impl Into<String>) -> Result<Self, BuildError> {
        let value = value.into();
        if value == "me" {
            Ok(UserId::me())
        } else if is_valid_id(&value) {
            Ok(UserId(std::borrow::Cow::Owned(value)))
        } else {
            Err(BuildError::invalid_id("user ID", &value))
        }
    }

    /// True for the `me` alias.
    pub fn is_me(&self) -> bool {
        self.0 == "me"
    }

    /// The ID as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UserId({:?})", &*self.0)
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for UserId {
    type Err = BuildError;
    fn from_str(s: &str) -> Result<Self, BuildError> {
        UserId::new(s)
    }
}

impl TryFrom<&str> for UserId {
    type Error = BuildError;
    fn try_from(s: &str) -> Result<Self, BuildError> {
        UserId::new(s)
    }
}

impl TryFrom<String> for UserId {
    type Error = BuildError;
    fn try_from(s: String) -> Result<Self, BuildError> {
        UserId::new(s)
    }
}

impl TryFrom<&String> for UserId {
    type Error = BuildError;
    fn try_from(s: &String) -> Result<Self, BuildError> {
        UserId::new(s.as_str())
    }
}

impl AsRef<str> for UserId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PathSegment for UserId {
    fn segment(&self) -> Result<&str, BuildError> {
        Ok(&*self.0)
    }
}

impl Serialize for UserId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for UserId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        UserId::new(s).map_err(serde::de::Error::custom)
    }
}

macro_rules! name_segment {
    ($(#[$doc:meta])* $name:ident, $what:literal, $max:expr, $allowed:expr, $set:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            #[doc = concat!("Validates and wraps the value: 1 to ", stringify!($max), " bytes of `", $set, "`, the server's route pattern.")]
            pub fn new(value: impl Into<String>) -> Result<Self, BuildError> {
                let value = value.into();
                check_segment($what, &value)?;
                // Bytes, as the server counts them (`len(..)` in Go).
                if value.len() > $max {
                    return Err(BuildError::InvalidSegment { what: $what, reason: concat!("longer than ", stringify!($max), " bytes") });
                }
                let allowed: fn(u8) -> bool = $allowed;
                if !value.bytes().all(allowed) {
                    return Err(BuildError::InvalidSegment { what: $what, reason: concat!("only `", $set, "` is allowed") });
                }
                Ok($name(value))
            }

            /// The value as a string (not encoded).
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = BuildError;
            fn try_from(s: &str) -> Result<Self, BuildError> {
                $name::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = BuildError;
            fn try_from(s: String) -> Result<Self, BuildError> {
                $name::new(s)
            }
        }

        impl PathSegment for $name {
            fn segment(&self) -> Result<&str, BuildError> {
                Ok(&self.0)
            }
        }
    };
}

// Route patterns from `server/channels/api4/api.go` and `api4/preference.go`; lengths from
// `web/context.go` (`RequireEmojiName`: `EmojiNameMaxLength`, 64) and `model.Preference.IsValid`
// (`len(o.Category) > 32`, `len(o.Name) > 32`), all in bytes.
name_segment!(
    /// An emoji name as used in reaction paths (`thumbsup`, `+1`, a custom emoji's name).
    EmojiName, "emoji name", 64,
    |b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+'), "[A-Za-z0-9_+-]"
);
name_segment!(
    /// A preference category (`display_settings`, `flagged_post`, ...).
    PreferenceCategory, "preference category", 32,
    |b| b.is_ascii_alphanumeric() || b == b'_', "[A-Za-z0-9_]"
);
name_segment!(
    /// A preference name within its category.
    PreferenceName, "preference name", 32,
    |b| b.is_ascii_alphanumeric() || b == b'_', "[A-Za-z0-9_]"
);
