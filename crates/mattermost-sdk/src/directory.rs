//! The user directory on [`Users`]: list, find, create, search and count users
//! (`/users`, `/users/ids`, `/users/usernames`, `/users/search`, `/users/stats`, ...), and
//! [`Batch`], the call that splits a long list across requests.

use std::fmt;
use std::future::IntoFuture;

use bytes::Bytes;
use mattermost_sdk_core::batch::Batched;
use mattermost_sdk_core::endpoints::users::{
    AutocompleteUsers, CreateUser, EmailAddress, GetKnownUsers, GetTotalUsersStats,
    GetTotalUsersStatsFiltered, GetUserByEmail, GetUserByUsername, GetUsers,
    GetUsersByGroupChannelIds, GetUsersByIds, GetUsersByUsernames, GetUsersStatusesByIds,
    GetUsersWithInvalidEmails, SearchUsers, Username,
};
use mattermost_sdk_core::models::{NewUser, Role, UserSearch, UserSort};
use mattermost_sdk_core::{BuildError, ChannelId, Error, GroupId, TeamId, UserId};

use crate::client::{BoxFuture, Call, Client};
use crate::registry::{facade_methods, FacadeMethod};
use crate::users::Users;
use crate::IdArg;

/// The facade methods of this module, for [`crate::registry`].
pub(crate) const DIRECTORY_METHODS: &[FacadeMethod] = facade_methods![
    GetUsers => "client.users().list()",
    CreateUser => "client.users().create(user)",
    AutocompleteUsers => "client.users().autocomplete(name)",
    GetUserByUsername => "client.users().get_by_username(username)",
    GetUserByEmail => "client.users().get_by_email(email)",
    GetUsersByIds => "client.users().get_by_ids(ids)",
    GetUsersByUsernames => "client.users().get_by_usernames(usernames)",
    GetUsersByGroupChannelIds => "client.users().get_by_group_channel_ids(channel_ids)",
    GetKnownUsers => "client.users().known()",
    SearchUsers => "client.users().search(search)",
    GetTotalUsersStats => "client.users().stats()",
    GetTotalUsersStatsFiltered => "client.users().stats_filtered()",
    GetUsersStatusesByIds => "client.users().statuses(ids)",
    GetUsersWithInvalidEmails => "client.users().invalid_emails()",
];

/// Collects IDs given as anything that names one; the first bad one is the error.
fn collect_ids<T, A: IdArg<T>>(items: impl IntoIterator<Item = A>) -> Result<Vec<T>, BuildError> {
    items.into_iter().map(IdArg::into_id).collect()
}

/// Replaces every `me` in a list of user IDs with the real ID.
fn fill_me(ids: &mut [UserId], me: &UserId) {
    for id in ids.iter_mut().filter(|id| id.is_me()) {
        *id = me.clone();
    }
}

impl Users {
    /// Lists users, one page (`GET /api/v4/users`, `GetUsers`); `.all()` walks every page.
    /// Filters: `.in_team()`, `.not_in_team()`, `.in_channel()`, `.not_in_channel()`,
    /// `.in_group()`, `.not_in_group()`, `.group_constrained()`, `.without_team()`,
    /// `.active()`, `.inactive()`, `.role()`, `.roles()`, `.team_roles()`,
    /// `.channel_roles()`, `.sort()`, `.page()`, `.per_page()`. The server applies ONE
    /// filter family, in the priority order documented on [`GetUsers`], and ignores the
    /// rest; the combinations it refuses are refused before sending.
    pub fn list(&self) -> Call<GetUsers> {
        Call::new(self.client(), Ok(GetUsers::new()))
    }

    /// Creates a user (`POST /api/v4/users`, `CreateUser`); answers the new user. Add
    /// `.invite_token(t)` (an email invitation) or `.invite_id(iid)` (a team invite) to sign
    /// up into a team.
    pub fn create(&self, user: NewUser) -> Call<CreateUser> {
        Call::new(self.client(), Ok(CreateUser::new(user)))
    }

    /// Suggests users starting with `name` (`GET /api/v4/users/autocomplete`,
    /// `AutocompleteUsers`); optional `.in_team()`, `.in_channel()` (needs `.in_team()`),
    /// `.limit()` (default 100, clamped to 1000 by the server).
    pub fn autocomplete(&self, name: impl Into<String>) -> Call<AutocompleteUsers> {
        Call::new(self.client(), Ok(AutocompleteUsers::new(name.into())))
    }

    /// Gets a user by username (`GET /api/v4/users/username/{username}`,
    /// `GetUserByUsername`). A malformed username is refused before sending.
    pub fn get_by_username(&self, username: impl Into<String>) -> Call<GetUserByUsername> {
        let ep = Username::new(username).map(GetUserByUsername::new);
        Call::new(self.client(), ep)
    }

    /// Gets a user by email (`GET /api/v4/users/email/{email}`, `GetUserByEmail`).
    pub fn get_by_email(&self, email: impl Into<String>) -> Call<GetUserByEmail> {
        let ep = EmailAddress::new(email).map(GetUserByEmail::new);
        Call::new(self.client(), ep)
    }

    /// Gets users by ID (`POST /api/v4/users/ids`, `GetUsersByIds`); unknown IDs are left
    /// out. `me` is replaced by the logged-in user's ID. Repeated IDs are sent once; more
    /// than 1000 are split into several requests and the answers concatenated in order.
    /// Optional `.since(ms)`.
    pub fn get_by_ids<A: IdArg<UserId>>(
        &self,
        ids: impl IntoIterator<Item = A>,
    ) -> Batch<GetUsersByIds> {
        let batch = Batch::new(self.client(), collect_ids(ids).map(GetUsersByIds::new));
        match batch.endpoint() {
            Ok(ep) if ep.user_ids.iter().any(UserId::is_me) => {
                batch.resolving_me(|ep, me| fill_me(&mut ep.user_ids, &me))
            }
            _ => batch,
        }
    }

    /// Gets users by username in one call (`POST /api/v4/users/usernames`,
    /// `GetUsersByUsernames`); unknown usernames are left out. Repeated names are sent
    /// once; more than 1000 are split into several requests, answers concatenated in order.
    pub fn get_by_usernames<S: Into<String>>(
        &self,
        usernames: impl IntoIterator<Item = S>,
    ) -> Batch<GetUsersByUsernames> {
        let names = usernames.into_iter().map(Into::into).collect();
        Batch::new(self.client(), Ok(GetUsersByUsernames::new(names)))
    }

    /// The members of group message channels, by channel ID
    /// (`POST /api/v4/users/group_channels`, `GetUsersByGroupChannelIds`); split like
    /// [`Users::get_by_ids`], the maps merged.
    pub fn get_by_group_channel_ids<A: IdArg<ChannelId>>(
        &self,
        channel_ids: impl IntoIterator<Item = A>,
    ) -> Batch<GetUsersByGroupChannelIds> {
        let ep = collect_ids(channel_ids).map(GetUsersByGroupChannelIds::new);
        Batch::new(self.client(), ep)
    }

    /// The IDs of the users the caller shares a channel with (`GET /api/v4/users/known`,
    /// `GetKnownUsers`).
    pub fn known(&self) -> Call<GetKnownUsers> {
        Call::new(self.client(), Ok(GetKnownUsers::new()))
    }

    /// Searches users (`POST /api/v4/users/search`, `SearchUsers`): a term (`"ali"`) or a
    /// full [`UserSearch`]. An empty term is refused before sending.
    pub fn search(&self, search: impl Into<UserSearch>) -> Call<SearchUsers> {
        Call::new(self.client(), Ok(SearchUsers::new(search.into())))
    }

    /// How many users the caller may see (`GET /api/v4/users/stats`, `GetTotalUsersStats`).
    pub fn stats(&self) -> Call<GetTotalUsersStats> {
        Call::new(self.client(), Ok(GetTotalUsersStats::new()))
    }

    /// Counts users by filter (`GET /api/v4/users/stats/filtered`,
    /// `GetTotalUsersStatsFiltered`): `.in_team()`, `.in_channel()`, `.include_deleted()`,
    /// `.include_bots()`, `.include_remote_users()`, `.roles()`, `.team_roles()`,
    /// `.channel_roles()`.
    pub fn stats_filtered(&self) -> Call<GetTotalUsersStatsFiltered> {
        Call::new(self.client(), Ok(GetTotalUsersStatsFiltered::new()))
    }

    /// The statuses of users (`POST /api/v4/users/status/ids`, `GetUsersStatusesByIds`);
    /// `me` is replaced by the logged-in user's ID; split like [`Users::get_by_ids`].
    pub fn statuses<A: IdArg<UserId>>(
        &self,
        ids: impl IntoIterator<Item = A>,
    ) -> Batch<GetUsersStatusesByIds> {
        let batch = Batch::new(
            self.client(),
            collect_ids(ids).map(GetUsersStatusesByIds::new),
        );
        match batch.endpoint() {
            Ok(ep) if ep.user_ids.iter().any(UserId::is_me) => {
                batch.resolving_me(|ep, me| fill_me(&mut ep.user_ids, &me))
            }
            _ => batch,
        }
    }

    /// Users whose email is outside the allowed domains, one page
    /// (`GET /api/v4/users/invalid_emails`, `GetUsersWithInvalidEmails`); `.page()`,
    /// `.per_page()`, `.all()`.
    pub fn invalid_emails(&self) -> Call<GetUsersWithInvalidEmails> {
        Call::new(self.client(), Ok(GetUsersWithInvalidEmails::new()))
    }
}

/// Builder methods for optional parameters: `id` ones take anything naming the ID (a bad
/// one is reported on send), `roles` ones any iterator of roles.
macro_rules! setters {
    ($ep:ty { $($name:ident : $kind:tt $ty:ty),* $(,)? }) => {
        impl Call<$ep> {
            $( setters!(@one $name $kind $ty); )*
        }
    };
    (@one $name:ident id $ty:ty) => {
        #[doc = concat!("Sets `", stringify!($name), "`.")]
        pub fn $name(self, value: impl IdArg<$ty>) -> Self {
            self.try_map(|ep| Ok(ep.$name(value.into_id()?)))
        }
    };
    (@one $name:ident value $ty:ty) => {
        #[doc = concat!("Sets `", stringify!($name), "`.")]
        pub fn $name(self, value: $ty) -> Self {
            self.map(|ep| ep.$name(value))
        }
    };
    (@one $name:ident into $ty:ty) => {
        #[doc = concat!("Sets `", stringify!($name), "`.")]
        pub fn $name(self, value: impl Into<$ty>) -> Self {
            self.map(|ep| ep.$name(value.into()))
        }
    };
    (@one $name:ident roles $ty:ty) => {
        #[doc = concat!("Sets `", stringify!($name), "` (sent comma-separated).")]
        pub fn $name(self, value: impl IntoIterator<Item = $ty>) -> Self {
            let roles = value.into_iter().collect();
            self.map(|ep| ep.$name(roles))
        }
    };
}

setters!(GetUsers {
    in_team: id TeamId,
    not_in_team: id TeamId,
    in_channel: id ChannelId,
    not_in_channel: id ChannelId,
    in_group: id GroupId,
    not_in_group: id GroupId,
    group_constrained: value bool,
    without_team: value bool,
    active: value bool,
    inactive: value bool,
    role: into Role,
    roles: roles Role,
    team_roles: roles Role,
    channel_roles: roles Role,
    sort: value UserSort,
    page: value u32,
    per_page: value u32,
});
setters!(CreateUser {
    invite_token: into String,
    invite_id: into String,
    redirect: into String,
});
setters!(AutocompleteUsers {
    in_team: id TeamId,
    in_channel: id ChannelId,
    limit: value u32,
});
setters!(GetTotalUsersStatsFiltered {
    in_team: id TeamId,
    in_channel: id ChannelId,
    include_deleted: value bool,
    include_bots: value bool,
    include_remote_users: value bool,
    roles: roles Role,
    team_roles: roles Role,
    channel_roles: roles Role,
});
setters!(GetUsersWithInvalidEmails {
    page: value u32,
    per_page: value u32,
});

/// A call whose list is split into requests of at most 1000 items
/// ([`Batched`](mattermost_sdk_core::batch::Batched)), sent one after the other; the answers
/// are merged in order. `.await` it like a [`Call`]. Repeated items are sent once.
#[must_use = "a Batch does nothing until it is awaited"]
pub struct Batch<E> {
    client: Client,
    ep: Result<E, BuildError>,
    resolve_me: Option<fn(&mut E, UserId)>,
}

impl<E: fmt::Debug> fmt::Debug for Batch<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Batch").field("endpoint", &self.ep).finish()
    }
}

impl<E> Batch<E>
where
    E: Batched + Clone + Send + Sync + 'static,
    E::Output: Send,
{
    pub(crate) fn new(client: &Client, ep: Result<E, BuildError>) -> Self {
        Batch {
            client: client.clone(),
            ep,
            resolve_me: None,
        }
    }

    fn resolving_me(mut self, fill: fn(&mut E, UserId)) -> Self {
        self.resolve_me = Some(fill);
        self
    }

    /// The whole endpoint, before splitting, or the error that stops it.
    pub fn endpoint(&self) -> Result<&E, &BuildError> {
        self.ep.as_ref()
    }

    /// Changes the endpoint (for optional parameters without a builder method).
    pub fn map(mut self, f: impl FnOnce(E) -> E) -> Self {
        self.ep = self.ep.map(f);
        self
    }

    /// The requests this batch will send, in order (pure; `me` not yet resolved).
    pub fn requests(&self) -> Result<Vec<http::Request<Bytes>>, BuildError> {
        let ep = self.ep.clone()?;
        ep.dedup()
            .split()
            .iter()
            .map(|part| self.client.build_request(part))
            .collect()
    }

    /// Sends every chunk in order and merges the answers (what `.await` does). Every chunk
    /// is built before the first is sent, so bad input fails before any I/O.
    pub async fn send(self) -> Result<E::Output, Error> {
        let mut ep = self.ep?;
        if let Some(fill) = self.resolve_me {
            let id = self.client.resolve_me().await?;
            fill(&mut ep, id);
        }
        let parts = ep.dedup().split();
        for part in &parts {
            part.path()?;
            part.query()?;
            part.body()?;
        }
        let mut outputs = Vec::with_capacity(parts.len());
        for part in &parts {
            outputs.push(self.client.execute(part).await?);
        }
        Ok(E::merge(outputs))
    }
}

impl Batch<GetUsersByIds> {
    /// Only users updated after `since`, ms since the epoch.
    pub fn since(self, since: i64) -> Self {
        self.map(|ep| ep.since(since))
    }
}

impl<E> IntoFuture for Batch<E>
where
    E: Batched + Clone + Send + Sync + 'static,
    E::Output: Send,
{
    type Output = Result<E::Output, Error>;
    type IntoFuture = BoxFuture<'static, Result<E::Output, Error>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
