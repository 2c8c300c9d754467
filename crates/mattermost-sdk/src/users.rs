//! The users resource ([`Users`]) and a handle bound to one user ([`UserHandle`]).
//!
//! Every operation of the Perl `WebService::Mattermost` User resource
//! (`WebService::Mattermost::V4::API::Resource::User`) exists on both, with the Perl name: on [`Users`] it takes the user first (`users.teams(id)`), on
//! [`UserHandle`] the user is already bound (`client.user(id).teams()`).

use bytes::Bytes;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::models::{Preference, Role, StatusValue, User, UserAuthData, UserPatch};
use mattermost_sdk_core::{
    BuildError, ChannelId, EmojiName, PostId, PreferenceCategory, PreferenceName, Secret,
    SessionId, TeamId, UserId,
};

use crate::client::{Call, Client};
use crate::IdArg;

/// The users resource: `client.users()`. The Perl client's `$resource->id(...)` is
/// [`Users::with_id`], which gives the same handle as [`Client::user`].
#[derive(Debug, Clone)]
pub struct Users {
    client: Client,
}

/// A handle bound to one user: `client.user(id)` or `client.user(&user)`.
#[derive(Debug, Clone)]
pub struct UserHandle {
    client: Client,
    id: Result<UserId, BuildError>,
}

impl Users {
    pub(crate) fn new(client: &Client) -> Self {
        Users {
            client: client.clone(),
        }
    }

    /// The client this resource calls through (for the facade's other modules).
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// A handle with `user` as its default user (the Perl client's `$resource->id(...)`).
    pub fn with_id(&self, user: impl IdArg<UserId>) -> UserHandle {
        self.client.user(user)
    }

    /// The Perl client's `get_authorised_apps`: see [`Users::get_authorized_apps`].
    pub fn get_authorised_apps(
        &self,
        user: impl IdArg<UserId>,
    ) -> Call<GetAuthorizedOAuthAppsForUser> {
        self.with_id(user).get_authorized_apps()
    }

    /// Saves the user's preferences; see [`UserHandle::set_preferences`].
    pub fn set_preferences(
        &self,
        user: impl IdArg<UserId>,
        preferences: impl IntoIterator<Item = Preference>,
    ) -> Call<UpdatePreferences> {
        self.with_id(user).set_preferences(preferences)
    }

    /// Deletes the user's preferences; see [`UserHandle::delete_preferences`].
    pub fn delete_preferences(
        &self,
        user: impl IdArg<UserId>,
        preferences: impl IntoIterator<Item = Preference>,
    ) -> Call<DeletePreferences> {
        self.with_id(user).delete_preferences(preferences)
    }

    /// Sets the user's status; see [`UserHandle::set_status`].
    pub fn set_status(
        &self,
        user: impl IdArg<UserId>,
        status: StatusValue,
    ) -> Call<UpdateUserStatus> {
        self.with_id(user).set_status(status)
    }
}

impl UserHandle {
    pub(crate) fn new(client: &Client, id: Result<UserId, BuildError>) -> Self {
        UserHandle {
            client: client.clone(),
            id,
        }
    }

    /// The bound user's ID, or the error its conversion gave.
    pub fn id(&self) -> Result<&UserId, &BuildError> {
        self.id.as_ref()
    }

    /// The client this handle calls through (for the facade's other modules).
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    pub(crate) fn call<E>(&self, make: impl FnOnce(UserId) -> Result<E, BuildError>) -> Call<E>
    where
        E: mattermost_sdk_core::Endpoint + Send + Sync + 'static,
        E::Output: Send,
    {
        let id = self.id.clone();
        Call::new(&self.client, id.and_then(make))
    }

    /// The Perl client's `get_authorised_apps`: an alias of [`UserHandle::get_authorized_apps`].
    pub fn get_authorised_apps(&self) -> Call<GetAuthorizedOAuthAppsForUser> {
        self.get_authorized_apps()
    }

    /// Sets the user's status (`online`, `away`, `offline`, `dnd`). The body's `user_id` is
    /// filled with the real ID; for `me` it is the user of the session the call is sent with
    /// (known after a login, else fetched once with that session's token).
    /// Optional: `.dnd_end_time(..)`.
    pub fn set_status(&self, status: StatusValue) -> Call<UpdateUserStatus> {
        let call = self.call(|id| Ok(UpdateUserStatus::new(id.clone(), id, status)));
        match call.endpoint() {
            Ok(ep) if ep.body_user_id.is_me() => call.resolving_me(|ep, id| ep.body_user_id = id),
            _ => call,
        }
    }

    /// Saves preferences (`PUT /api/v4/users/{user_id}/preferences`, `UpdatePreferences`).
    /// A preference whose `user_id` is `me` or empty gets the real ID: the bound user's, or
    /// for `me` the session's user (the server refuses any other, `app/preference.go`).
    pub fn set_preferences(
        &self,
        preferences: impl IntoIterator<Item = Preference>,
    ) -> Call<UpdatePreferences> {
        let call = self.call(|id| {
            Ok(UpdatePreferences::new(
                id,
                preferences.into_iter().collect(),
            ))
        });
        fill_preference_users(call)
    }

    /// Deletes preferences (`POST /api/v4/users/{user_id}/preferences/delete`,
    /// `DeletePreferences`); `me` or empty `user_id`s are filled as in
    /// [`UserHandle::set_preferences`].
    pub fn delete_preferences(
        &self,
        preferences: impl IntoIterator<Item = Preference>,
    ) -> Call<DeletePreferences> {
        let call = self.call(|id| {
            Ok(DeletePreferences::new(
                id,
                preferences.into_iter().collect(),
            ))
        });
        fill_preference_users(call)
    }
}

/// The endpoints whose body is a list of preferences for the path's user.
trait PreferenceBody {
    fn parts(&mut self) -> (&UserId, &mut Vec<Preference>);
}

impl PreferenceBody for UpdatePreferences {
    fn parts(&mut self) -> (&UserId, &mut Vec<Preference>) {
        (&self.user_id, &mut self.preferences)
    }
}

impl PreferenceBody for DeletePreferences {
    fn parts(&mut self) -> (&UserId, &mut Vec<Preference>) {
        (&self.user_id, &mut self.preferences)
    }
}

/// True for a preference `user_id` that stands for "the user in the path".
fn is_placeholder(user_id: &str) -> bool {
    user_id.is_empty() || user_id == "me"
}

/// Fills each `me` or empty preference `user_id` of the call's endpoint with the real ID:
/// the path's user if it is an ID, else (path `me`) the session's user, resolved when sent.
fn fill_preference_users<E>(call: Call<E>) -> Call<E>
where
    E: mattermost_sdk_core::Endpoint + PreferenceBody + Send + Sync + 'static,
    E::Output: Send,
{
    let mut needs_me = false;
    let call = call.map(|mut ep| {
        let (path_user, prefs) = ep.parts();
        let path_user = path_user.clone();
        for p in prefs.iter_mut().filter(|p| is_placeholder(&p.user_id)) {
            if path_user.is_me() {
                needs_me = true;
            } else {
                p.user_id = path_user.as_str().to_owned();
            }
        }
        ep
    });
    if !needs_me {
        return call;
    }
    call.resolving_me(|ep, id| {
        let (_, prefs) = ep.parts();
        for p in prefs.iter_mut().filter(|p| is_placeholder(&p.user_id)) {
            p.user_id = id.as_str().to_owned();
        }
    })
}

/// Writes each per-user operation twice: on [`UserHandle`] (user bound) and on [`Users`]
/// (user as first argument), both returning the same [`Call`].
macro_rules! user_ops {
    ($(
        $(#[$doc:meta])*
        fn $name:ident($($arg:ident : $aty:ty),*) -> $ep:ty = |$id:ident| $make:expr;
    )*) => {
        impl UserHandle {
            $(
                $(#[$doc])*
                pub fn $name(&self $(, $arg: $aty)*) -> Call<$ep> {
                    self.call(|$id| $make)
                }
            )*
        }

        impl Users {
            $(
                $(#[$doc])*
                pub fn $name(&self, user: impl IdArg<UserId> $(, $arg: $aty)*) -> Call<$ep> {
                    self.with_id(user).$name($($arg),*)
                }
            )*
        }

        /// The facade methods written by `user_ops!`, for [`crate::registry`].
        pub(crate) const USER_METHODS: &[crate::registry::FacadeMethod] = crate::registry::facade_methods![
            $(
                $ep => concat!("client.user(id).", stringify!($name), "(", stringify!($($arg),*), ")"),
                $ep => concat!("client.users().", stringify!($name), "(", stringify!(user $(, $arg)*), ")"),
            )*
        ];
    };
}

#[allow(unused_imports)] // used by the other facade modules as they come
pub(crate) use user_ops;

user_ops! {
    /// Gets the user (`GET /api/v4/users/{user_id}`, `GetUser`).
    fn get() -> GetUser = |id| Ok(GetUser::new(id));
    /// Replaces the user's profile with `user`, as fetched and modified; unknown fields
    /// are sent back unchanged (`PUT /api/v4/users/{user_id}`, `UpdateUser`).
    fn update(user: User) -> UpdateUser = |id| Ok(UpdateUser::new(id, user));
    /// Lists the user's teams (`GET /api/v4/users/{user_id}/teams`, `GetTeamsForUser`).
    fn teams() -> GetTeamsForUser = |id| Ok(GetTeamsForUser::new(id));
    /// Deactivates the user (`DELETE /api/v4/users/{user_id}`, `DeleteUser`).
    fn deactivate() -> DeleteUser = |id| Ok(DeleteUser::new(id));
    /// Changes the fields set in `patch` (`PUT /api/v4/users/{user_id}/patch`, `PatchUser`).
    fn patch(patch: UserPatch) -> PatchUser = |id| Ok(PatchUser::new(id, patch));
    /// Replaces the user's system roles, sent as one space-separated string
    /// (`PUT /api/v4/users/{user_id}/roles`, `UpdateUserRoles`).
    fn update_roles(roles: impl IntoIterator<Item = Role>) -> UpdateUserRoles =
        |id| Ok(UpdateUserRoles::new(id, roles.into_iter().collect()));
    /// Generates an MFA secret and QR code (`POST /api/v4/users/{user_id}/mfa/generate`,
    /// `GenerateMfaSecret`).
    fn generate_mfa_secret() -> GenerateMfaSecret = |id| Ok(GenerateMfaSecret::new(id));
    /// Turns MFA on or off; add `.code("123456")` (`PUT /api/v4/users/{user_id}/mfa`,
    /// `UpdateUserMfa`).
    fn update_mfa(activate: bool) -> UpdateUserMfa = |id| Ok(UpdateUserMfa::new(id, activate));
    /// Gets the profile image, bytes and content type (`GET /api/v4/users/{user_id}/image`,
    /// `GetProfileImage`).
    fn get_profile_image() -> GetProfileImage = |id| Ok(GetProfileImage::new(id));
    /// Sets the profile image from bytes and their content type
    /// (`POST /api/v4/users/{user_id}/image`, `SetProfileImage`).
    fn set_profile_image(image: impl Into<Bytes>, content_type: impl Into<String>) -> SetProfileImage =
        |id| Ok(SetProfileImage::new(id, image.into(), content_type.into()));
    /// Activates or deactivates the user (`PUT /api/v4/users/{user_id}/active`,
    /// `UpdateUserActive`).
    fn update_active_status(active: bool) -> UpdateUserActive = |id| Ok(UpdateUserActive::new(id, active));
    /// Changes the password; add `.current_password(..)` unless you are an admin changing
    /// someone else's (`PUT /api/v4/users/{user_id}/password`, `UpdateUserPassword`).
    fn update_password(new_password: impl Into<Secret>) -> UpdateUserPassword =
        |id| Ok(UpdateUserPassword::new(id, new_password.into()));
    /// Changes how the user authenticates (`PUT /api/v4/users/{user_id}/auth`,
    /// `UpdateUserAuth`).
    fn update_authentication_method(auth: UserAuthData) -> UpdateUserAuth =
        |id| Ok(UpdateUserAuth::new(id, auth));
    /// Gets the user's status (`GET /api/v4/users/{user_id}/status`, `GetUserStatus`).
    fn get_status() -> GetUserStatus = |id| Ok(GetUserStatus::new(id));
    /// Lists the user's sessions (`GET /api/v4/users/{user_id}/sessions`, `GetSessions`).
    fn get_sessions() -> GetSessions = |id| Ok(GetSessions::new(id));
    /// Revokes one session (`POST /api/v4/users/{user_id}/sessions/revoke`, `RevokeSession`).
    fn revoke_session(session: impl IdArg<SessionId>) -> RevokeSession =
        |id| Ok(RevokeSession::new(id, session.into_id()?));
    /// Revokes every session of the user (`POST /api/v4/users/{user_id}/sessions/revoke/all`,
    /// `RevokeAllSessions`).
    fn revoke_all_sessions() -> RevokeAllSessions = |id| Ok(RevokeAllSessions::new(id));
    /// Lists all preferences (`GET /api/v4/users/{user_id}/preferences`, `GetPreferences`).
    fn get_preferences() -> GetPreferences = |id| Ok(GetPreferences::new(id));
    /// Lists preferences in a category (`GET /api/v4/users/{user_id}/preferences/{category}`,
    /// `GetPreferencesByCategory`).
    fn list_preferences_by_category(category: &str) -> GetPreferencesByCategory =
        |id| Ok(GetPreferencesByCategory::new(id, PreferenceCategory::new(category)?));
    /// Gets one preference
    /// (`GET /api/v4/users/{user_id}/preferences/{category}/name/{preference_name}`,
    /// `GetPreferencesByCategoryByName`).
    fn get_preference_by_category_and_name(category: &str, name: &str) -> GetPreferencesByCategoryByName =
        |id| Ok(GetPreferencesByCategoryByName::new(id, PreferenceCategory::new(category)?, PreferenceName::new(name)?));
    /// Lists flagged posts; optional `.team_id()`, `.channel_id()`, `.page()`, `.per_page()`
    /// (`GET /api/v4/users/{user_id}/posts/flagged`, `GetFlaggedPostsForUser`).
    fn get_flagged_posts() -> GetFlaggedPostsForUser = |id| Ok(GetFlaggedPostsForUser::new(id));
    /// Removes the user's reaction from a post
    /// (`DELETE /api/v4/users/{user_id}/posts/{post_id}/reactions/{emoji_name}`, `DeleteReaction`).
    fn remove_reaction(post: impl IdArg<PostId>, emoji_name: &str) -> DeleteReaction =
        |id| Ok(DeleteReaction::new(id, post.into_id()?, EmojiName::new(emoji_name)?));
    /// Lists the OAuth apps the user authorized; optional `.page()`, `.per_page()`
    /// (`GET /api/v4/users/{user_id}/oauth/apps/authorized`, `GetAuthorizedOAuthAppsForUser`).
    fn get_authorized_apps() -> GetAuthorizedOAuthAppsForUser =
        |id| Ok(GetAuthorizedOAuthAppsForUser::new(id));
}

/// Builder methods on a [`Call`] for an endpoint's optional parameters. ID parameters
/// take anything that names the ID; a bad one is reported when the call is sent.
macro_rules! call_setters {
    ($ep:ty { $($name:ident : $kind:tt $ty:ty),* $(,)? }) => {
        impl Call<$ep> {
            $( call_setters!(@one $name $kind $ty); )*
        }
    };
    (@one $name:ident id $ty:ty) => {
        #[doc = concat!("Sets the optional `", stringify!($name), "`.")]
        pub fn $name(self, value: impl IdArg<$ty>) -> Self {
            self.try_map(|ep| Ok(ep.$name(value.into_id()?)))
        }
    };
    (@one $name:ident value $ty:ty) => {
        #[doc = concat!("Sets the optional `", stringify!($name), "`.")]
        pub fn $name(self, value: $ty) -> Self {
            self.map(|ep| ep.$name(value))
        }
    };
    (@one $name:ident into $ty:ty) => {
        #[doc = concat!("Sets the optional `", stringify!($name), "`.")]
        pub fn $name(self, value: impl Into<$ty>) -> Self {
            self.map(|ep| ep.$name(value.into()))
        }
    };
}

call_setters!(GetFlaggedPostsForUser {
    team_id: id TeamId,
    channel_id: id ChannelId,
    page: value u32,
    per_page: value u32,
});
call_setters!(GetAuthorizedOAuthAppsForUser { page: value u32, per_page: value u32 });
call_setters!(UpdateUserMfa { code: into String });
call_setters!(UpdateUserPassword { current_password: into Secret });
call_setters!(UpdateUserStatus { dnd_end_time: value i64 });
call_setters!(SetProfileImage { filename: into String });
