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

/// A session, personal access or bot token, sent as `Authorization: Bearer <token>`.
///
/// Keeps its `Authorization` value once built (marked sensitive, in a reference-counted
/// buffer), so requests made with the same token share it instead of allocating it each.
#[derive(Clone)]
pub struct Token {
    value: String,
    bearer: std::sync::OnceLock<http::HeaderValue>,
}

impl Token {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Token {
            value: value.into(),
            bearer: std::sync::OnceLock::new(),
        }
    }

    /// The secret itself. Handle with care: do not log it.
    pub fn expose(&self) -> &str {
        &self.value
    }

    /// `Bearer <token>`, marked sensitive; built on first use, then a reference-counted
    /// clone (no allocation). `None` if the token is not a valid header value.
    pub(crate) fn bearer(&self) -> Option<http::HeaderValue> {
        if let Some(v) = self.bearer.get() {
            return Some(v.clone());
        }
        let token = self.value.as_bytes();
        // One byte of slack: a buffer whose length is not its capacity becomes a `Bytes`
        // with its shared header at once, so every later clone only counts a reference
        // (an exactly sized one would allocate that header on its first clone).
        let mut buf = Vec::with_capacity(b"Bearer ".len() + token.len() + 1);
        buf.extend_from_slice(b"Bearer ");
        buf.extend_from_slice(token);
        let mut value = http::HeaderValue::from_maybe_shared(bytes::Bytes::from(buf)).ok()?;
        value.set_sensitive(true);
        Some(self.bearer.get_or_init(|| value).clone())
    }
}

impl PartialEq for Token {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Token {}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl From<String> for Token {
    fn from(value: String) -> Self {
        Token::new(value)
    }
}

impl From<&str> for Token {
    fn from(value: &str) -> Self {
        Token::new(value)
    }
}

impl Serialize for Token {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.value)
    }
}

impl<'de> Deserialize<'de> for Token {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Token::new)
    }
}
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
