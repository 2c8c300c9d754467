//! Secrets: tokens and passwords that never show in `Debug` or `Display`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! secret_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            /// Wraps a secret value.
            pub fn new(value: impl Into<String>) -> Self {
                $name(value.into())
            }

            /// The secret itself. Handle with care: do not log it.
            pub fn expose(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(<redacted>)"))
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                $name(value)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                $name(value.to_owned())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map($name)
            }
        }
    };
}

secret_type!(
    /// A session, personal access or bot token, sent as `Authorization: Bearer <token>`.
    Token
);
secret_type!(
    /// A password or another secret string (MFA secret, OAuth client secret).
    Secret
);

/// `deserialize_with` for every optional secret field: a missing, `null` or blank value is
/// `None`. The server blanks secrets it will not show rather than omitting them
/// (`Session.Sanitize()` sets `token` to `""`, `server/public/model/session.go`), and a blank
/// secret is no secret.
pub(crate) fn blank_is_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: From<String>,
{
    let value = Option::<String>::deserialize(d)?;
    Ok(value.filter(|s| !s.is_empty()).map(T::from))
}
