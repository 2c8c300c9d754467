//! A user's sidebar categories in a team: list, create, update several, read and set the
//! order on [`UserTeamHandle`] (`client.user(id).team(team_id)`), and one category on
//! [`SidebarCategoryHandle`] (`.sidebar_category(category_id)`): `get`, `update`, `remove`.
//!
//! The server makes three categories per user and team (`favorites`, `channels`,
//! `direct_messages`); the user's own are `custom`, and only those can be renamed or removed.
//! A category sent for a path user given as `me` must carry the user's real ID in `user_id`
//! (the server compares them); otherwise a blank `user_id`/`team_id` is filled in from the
//! path. See `mattermost_sdk_core::endpoints::users` (`sidebar.rs`) for each operation's rules.

use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::models::SidebarCategoryWithChannels;
use mattermost_sdk_core::BuildError;

use crate::client::Call;
use crate::team::UserTeamHandle;
use crate::IdArg;

crate::team::team_ops! {
    /// The user's categories in the team, in sidebar order, with their channel IDs
    /// ([`OrderedSidebarCategories`](crate::models::OrderedSidebarCategories);
    /// `GET /api/v4/users/{user_id}/teams/{team_id}/channels/categories`,
    /// `GetSidebarCategoriesForTeamForUser`).
    fn sidebar_categories() -> GetSidebarCategoriesForTeamForUser =
        |user, team| Ok(GetSidebarCategoriesForTeamForUser::new(user, team));
    /// Creates a custom category, placed right after favorites, and answers with it (its new
    /// ID and sort order); its channels leave their categories. Build one with
    /// [`SidebarCategoryWithChannels::custom`]
    /// (`POST /api/v4/users/{user_id}/teams/{team_id}/channels/categories`,
    /// `CreateSidebarCategoryForTeamForUser`).
    fn create_sidebar_category(category: SidebarCategoryWithChannels) -> CreateSidebarCategoryForTeamForUser =
        |user, team| Ok(CreateSidebarCategoryForTeamForUser::new(user, team, category));
    /// Updates several categories at once (each named by its `id`; moving a channel takes
    /// both categories) and answers with them as stored
    /// (`PUT /api/v4/users/{user_id}/teams/{team_id}/channels/categories`,
    /// `UpdateSidebarCategoriesForTeamForUser`).
    fn update_sidebar_categories(categories: impl IntoIterator<Item = SidebarCategoryWithChannels>) -> UpdateSidebarCategoriesForTeamForUser =
        |user, team| Ok(UpdateSidebarCategoriesForTeamForUser::new(user, team, categories.into_iter().collect()));
    /// The user's category IDs in the team, in sidebar order
    /// (`GET /api/v4/users/{user_id}/teams/{team_id}/channels/categories/order`,
    /// `GetSidebarCategoryOrderForTeamForUser`).
    fn sidebar_category_order() -> GetSidebarCategoryOrderForTeamForUser =
        |user, team| Ok(GetSidebarCategoryOrderForTeamForUser::new(user, team));
    /// Sets the order of the user's categories in the team: every one of them, once (an
    /// empty list, a repeated or malformed ID is a [`BuildError`] before I/O)
    /// (`PUT /api/v4/users/{user_id}/teams/{team_id}/channels/categories/order`,
    /// `UpdateSidebarCategoryOrderForTeamForUser`).
    fn set_sidebar_category_order(order: impl IntoIterator<Item = impl IdArg<SidebarCategoryId>>) -> UpdateSidebarCategoryOrderForTeamForUser =
        |user, team| Ok(UpdateSidebarCategoryOrderForTeamForUser::new(
            user,
            team,
            order.into_iter().map(IdArg::into_id).collect::<Result<_, _>>()?,
        ));
}

/// One sidebar category of a user in a team:
/// `client.user(id).team(team_id).sidebar_category(category_id)`.
#[derive(Debug, Clone)]
pub struct SidebarCategoryHandle {
    team: UserTeamHandle,
    category: Result<SidebarCategoryId, BuildError>,
}

impl UserTeamHandle {
    /// One sidebar category (a custom category's ID, or `{type}_{user_id}_{team_id}` for the
    /// three the server makes; a category itself will do): `get`, `update`, `remove`. A bad ID
    /// is reported when a call is sent, before any I/O.
    pub fn sidebar_category(
        &self,
        category: impl IdArg<SidebarCategoryId>,
    ) -> SidebarCategoryHandle {
        SidebarCategoryHandle {
            team: self.clone(),
            category: category.into_id(),
        }
    }
}

impl SidebarCategoryHandle {
    /// The category's ID, or the error its conversion gave.
    pub fn id(&self) -> Result<&SidebarCategoryId, &BuildError> {
        self.category.as_ref()
    }

    /// The handle of the user and team above this category.
    pub fn team(&self) -> &UserTeamHandle {
        &self.team
    }
}

/// Writes the operations of [`SidebarCategoryHandle`] and registers them.
macro_rules! category_ops {
    ($(
        $(#[$doc:meta])*
        fn $name:ident($($arg:ident : $aty:ty),*) -> $ep:ty = |$u:ident, $t:ident, $c:ident| $make:expr;
    )*) => {
        impl SidebarCategoryHandle {
            $(
                $(#[$doc])*
                pub fn $name(&self $(, $arg: $aty)*) -> Call<$ep> {
                    let category = self.category.clone();
                    self.team.call(|$u, $t| {
                        let $c = category?;
                        $make
                    })
                }
            )*
        }

        /// The facade methods on [`SidebarCategoryHandle`], for [`crate::registry`].
        pub(crate) const CATEGORY_METHODS: &[crate::registry::FacadeMethod] = crate::registry::facade_methods![
            $( $ep => concat!("client.user(id).team(team_id).sidebar_category(category_id).", stringify!($name), "(", stringify!($($arg),*), ")"), )*
        ];
    };
}

category_ops! {
    /// The category with its channel IDs
    /// (`GET /api/v4/users/{user_id}/teams/{team_id}/channels/categories/{category_id}`,
    /// `GetSidebarCategoryForTeamForUser`).
    fn get() -> GetSidebarCategoryForTeamForUser =
        |u, t, c| Ok(GetSidebarCategoryForTeamForUser::new(u, t, c));
    /// Updates the category (the server keeps a default category's name, and the
    /// direct-messages category's channels and mute) and answers with it as stored
    /// (`PUT /api/v4/users/{user_id}/teams/{team_id}/channels/categories/{category_id}`,
    /// `UpdateSidebarCategoryForTeamForUser`).
    fn update(category: SidebarCategoryWithChannels) -> UpdateSidebarCategoryForTeamForUser =
        |u, t, c| Ok(UpdateSidebarCategoryForTeamForUser::new(u, t, c, category));
    /// Removes a custom category; its channels go back to the `channels` or
    /// `direct_messages` category (a default category is a 400)
    /// (`DELETE /api/v4/users/{user_id}/teams/{team_id}/channels/categories/{category_id}`,
    /// `RemoveSidebarCategoryForTeamForUser`).
    fn remove() -> RemoveSidebarCategoryForTeamForUser =
        |u, t, c| Ok(RemoveSidebarCategoryForTeamForUser::new(u, t, c));
}

impl IdArg<SidebarCategoryId> for SidebarCategoryId {
    fn into_id(self) -> Result<SidebarCategoryId, BuildError> {
        Ok(self)
    }
}

impl IdArg<SidebarCategoryId> for &SidebarCategoryId {
    fn into_id(self) -> Result<SidebarCategoryId, BuildError> {
        Ok(self.clone())
    }
}

impl IdArg<SidebarCategoryId> for &str {
    fn into_id(self) -> Result<SidebarCategoryId, BuildError> {
        SidebarCategoryId::new(self)
    }
}

impl IdArg<SidebarCategoryId> for String {
    fn into_id(self) -> Result<SidebarCategoryId, BuildError> {
        SidebarCategoryId::new(self)
    }
}

impl IdArg<SidebarCategoryId> for &String {
    fn into_id(self) -> Result<SidebarCategoryId, BuildError> {
        SidebarCategoryId::new(self.as_str())
    }
}

/// A category names itself by its `id`.
impl IdArg<SidebarCategoryId> for &SidebarCategoryWithChannels {
    fn into_id(self) -> Result<SidebarCategoryId, BuildError> {
        SidebarCategoryId::new(self.id.as_str())
    }
}
