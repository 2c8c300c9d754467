//! Arguments that become typed IDs: typed IDs themselves, strings (validated when the call
//! is sent, before any I/O) and a fetched model that carries the ID (a [`User`] for a
//! `UserId`, a [`Session`] for a `SessionId`, …).

use mattermost_sdk_core::models::{
    Channel, CreatedUserAccessToken, OAuthApp, Post, Session, Team, User, UserAccessToken,
};
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

/// A fetched model names its own ID: `revoke_session(&session)`, `revoke(&token)`.
macro_rules! model_ids {
    ($($model:ty => $t:ty),* $(,)?) => {$(
        impl IdArg<$t> for &$model {
            fn into_id(self) -> Result<$t, BuildError> {
                <$t>::new(self.id.as_str())
            }
        }
    )*};
}

model_ids!(
    User => UserId,
    UserAccessToken => TokenId,
    CreatedUserAccessToken => TokenId,
    Session => SessionId,
    Team => TeamId,
    Channel => ChannelId,
    Post => PostId,
    OAuthApp => AppId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetched_models_name_their_ids() {
        let id = "s1s1s1s1s1s1s1s1s1s1s1s1s1";
        let session = Session {
            id: id.into(),
            ..Session::default()
        };
        let got: SessionId = (&session).into_id().unwrap();
        assert_eq!(got.as_str(), id);
        let team = Team {
            id: "t1t1t1t1t1t1t1t1t1t1t1t1t1".into(),
            ..Team::default()
        };
        assert_eq!(
            IdArg::<TeamId>::into_id(&team).unwrap().as_str(),
            "t1t1t1t1t1t1t1t1t1t1t1t1t1"
        );
        // A model with an ID the server would not send is a typed error, not a request.
        let bad = Post {
            id: "not an id".into(),
            ..Post::default()
        };
        assert!(matches!(
            IdArg::<PostId>::into_id(&bad),
            Err(BuildError::InvalidId { .. })
        ));
    }
}
