//! Arguments that become typed IDs: typed IDs themselves, strings (validated when the call
//! is sent, before any I/O) and, for users, a fetched [`User`].

use mattermost_sdk_core::models::{CreatedUserAccessToken, User, UserAccessToken};
use mattermost_sdk_core::{
    AppId, BuildError, ChannelId, GroupId, PostId, SessionId, TeamId, TokenId, UserId,
};

/// A value that names an ID of type `T`. Strings are validated; a bad one gives a
/// [`BuildError`] when the call is sent, before any I/O.
pub trait IdArg<T> {
    /// Converts into the typed ID.
    fn into_id(self) -> Result<T, BuildError>;
}

macro_rules! id_args {
    ($($t:ty),*) => {$(
        impl IdArg<$t> for $t {
            fn into_id(self) -> Result<$t, BuildError> {
                Ok(self)
            }
        }
        impl IdArg<$t> for &$t {
            fn into_id(self) -> Result<$t, BuildError> {
                Ok(self.clone())
            }
        }
        impl IdArg<$t> for &str {
            fn into_id(self) -> Result<$t, BuildError> {
                <$t>::new(self)
            }
        }
        impl IdArg<$t> for String {
            fn into_id(self) -> Result<$t, BuildError> {
                <$t>::new(self)
            }
        }
        impl IdArg<$t> for &String {
            fn into_id(self) -> Result<$t, BuildError> {
                <$t>::new(self.as_str())
            }
        }
    )*};
}

id_args!(UserId, TeamId, PostId, SessionId, ChannelId, AppId, GroupId, TokenId);

impl IdArg<UserId> for &User {
    fn into_id(self) -> Result<UserId, BuildError> {
        UserId::new(self.id.as_str())
    }
}

impl IdArg<TokenId> for &UserAccessToken {
    fn into_id(self) -> Result<TokenId, BuildError> {
        TokenId::new(self.id.as_str())
    }
}

impl IdArg<TokenId> for &CreatedUserAccessToken {
    fn into_id(self) -> Result<TokenId, BuildError> {
        TokenId::new(self.id.as_str())
    }
}
