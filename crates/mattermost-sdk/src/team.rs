//! A handle bound to one user in one team ([`UserTeamHandle`]): the operations under
//! `/api/v4/users/{user_id}/teams/{team_id}/...` (channels, channel members, unread; sidebar
//! categories and threads live on the same handle).

use mattermost_sdk_core::{BuildError, TeamId, UserId};

use crate::client::{Call, Client};
use crate::users::UserHandle;
use crate::IdArg;

/// A user in a team: `client.user(id).team(team_id)`.
#[derive(Debug, Clone)]
pub struct UserTeamHandle {
    client: Client,
    user_id: Result<UserId, BuildError>,
    team_id: Result<TeamId, BuildError>,
}

impl UserHandle {
    /// The bound user in `team`: the operations under
    /// `/api/v4/users/{user_id}/teams/{team_id}/...`. A bad team ID is reported when a call
    /// is sent, before any I/O.
    pub fn team(&self, team: impl IdArg<TeamId>) -> UserTeamHandle {
        UserTeamHandle {
            client: self.client().clone(),
            user_id: self.id().cloned().map_err(Clone::clone),
            team_id: team.into_id(),
        }
    }
}

impl UserTeamHandle {
    /// The bound user's ID, or the error its conversion gave.
    pub fn user_id(&self) -> Result<&UserId, &BuildError> {
        self.user_id.as_ref()
    }

    /// The bound team's ID, or the error its conversion gave.
    pub fn team_id(&self) -> Result<&TeamId, &BuildError> {
        self.team_id.as_ref()
    }

    /// A call of the endpoint `make` builds from the bound user and team.
    pub(crate) fn call<E>(
        &self,
        make: impl FnOnce(UserId, TeamId) -> Result<E, BuildError>,
    ) -> Call<E>
    where
        E: mattermost_sdk_core::Endpoint + Send + Sync + 'static,
        E::Output: Send,
    {
        let ids = self
            .user_id
            .clone()
            .and_then(|u| Ok((u, self.team_id.clone()?)));
        Call::new(&self.client, ids.and_then(|(u, t)| make(u, t)))
    }
}

/// Writes operations on [`UserTeamHandle`] and registers them (as `TEAM_METHODS` of the
/// invoking module) for [`crate::registry`]: `fn name(args) -> Endpoint = |user, team| make;`.
macro_rules! team_ops {
    ($(
        $(#[$doc:meta])*
        fn $name:ident($($arg:ident : $aty:ty),*) -> $ep:ty = |$user:ident, $team:ident| $make:expr;
    )*) => {
        impl $crate::team::UserTeamHandle {
            $(
                $(#[$doc])*
                pub fn $name(&self $(, $arg: $aty)*) -> $crate::Call<$ep> {
                    self.call(|$user, $team| $make)
                }
            )*
        }

        /// The facade methods written by `team_ops!`, for [`crate::registry`].
        pub(crate) const TEAM_METHODS: &[crate::registry::FacadeMethod] = crate::registry::facade_methods![
            $(
                $ep => concat!("client.user(id).team(team_id).", stringify!($name), "(", stringify!($($arg),*), ")"),
            )*
        ];
    };
}

pub(crate) use team_ops;
