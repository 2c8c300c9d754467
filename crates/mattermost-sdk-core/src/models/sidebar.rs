//! A user's sidebar categories in a team, typed after `server/public/model/channel_sidebar.go`
//! (`SidebarCategory`, `SidebarCategoryWithChannels`, `OrderedSidebarCategories`,
//! `SidebarCategoryType`, `SidebarCategorySorting`).

use mattermost_sdk_derive::DeserializeExtra;
use serde::{Deserialize, Deserializer, Serialize};

use super::JsonMap;

wire_enum! {
    /// What a sidebar category is (`model.SidebarCategoryType`). Every user has one
    /// `favorites`, one `channels` and one `direct_messages` category per team, made by the
    /// server; the categories the user makes are `custom`, and only those can be renamed or
    /// deleted.
    SidebarCategoryType {
        /// `custom`: made by the user. The default, as the server makes every category it is
        /// asked to create custom.
        #[default]
        Custom = "custom",
        /// `favorites`: the user's favourite channels.
        Favorites = "favorites",
        /// `channels`: public and private channels not in another category.
        Channels = "channels",
        /// `direct_messages`: direct and group messages not in another category.
        DirectMessages = "direct_messages",
    }
}

wire_enum! {
    /// How a category sorts its channels (`model.SidebarCategorySorting`).
    SidebarCategorySorting {
        /// `""`: the default (manual for every category but direct messages).
        #[default]
        Default = "",
        /// `manual`: in the order of `channel_ids`.
        Manual = "manual",
        /// `recent`: by most recent post (the server's default for direct messages).
        Recent = "recent",
        /// `alpha`: by display name.
        Alphabetical = "alpha",
    }
}

/// `channel_ids` as the server writes it: Go's nil slice is `null` (a category made with
/// no channels), which is no channel.
fn null_is_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
}

/// A sidebar category with the IDs of its channels (`model.SidebarCategoryWithChannels`:
/// `SidebarCategory` plus `channel_ids`), what every sidebar operation reads and writes.
///
/// `user_id` and `team_id` must be the path's user and team when sent (the server answers 400
/// `category` otherwise); the endpoints fill them in when blank. The server keeps `user_id`,
/// `team_id`, `sort_order` and `type` as it has them on update, the `display_name` of a
/// category that is not custom, and the channels and `muted` of the direct-messages category
/// (`UpdateSidebarCategories` in `server/channels/store/sqlstore/channel_store_categories.go`).
/// Unknown fields are kept in `extra`, so get → modify → update loses nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct SidebarCategoryWithChannels {
    /// The category's ID: a 26-character ID for a custom category,
    /// `{type}_{user_id}_{team_id}` for the three the server makes.
    #[serde(default)]
    pub id: String,
    /// The user whose sidebar it is.
    #[serde(default)]
    pub user_id: String,
    /// The team.
    #[serde(default)]
    pub team_id: String,
    /// Position among the user's categories in the team: 0, 10, 20, ... (read-only).
    #[serde(default)]
    pub sort_order: i64,
    /// How the category sorts its channels.
    #[serde(default)]
    pub sorting: SidebarCategorySorting,
    /// Custom, favorites, channels or direct messages (read-only).
    #[serde(default, rename = "type")]
    pub category_type: SidebarCategoryType,
    /// The name shown (only a custom category's can change).
    #[serde(default)]
    pub display_name: String,
    /// Muted: muting a category mutes its channels (not the direct-messages category).
    #[serde(default)]
    pub muted: bool,
    /// Collapsed in the sidebar.
    #[serde(default)]
    pub collapsed: bool,
    /// The IDs of the category's channels, in order. The server drops IDs of channels the
    /// user is not a member of in the team (`validateSidebarCategoryChannels`,
    /// `server/channels/api4/channel_category.go`).
    #[serde(default, rename = "channel_ids", deserialize_with = "null_is_empty")]
    pub channel_ids: Vec<String>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

impl SidebarCategoryWithChannels {
    /// A new custom category named `display_name` holding `channel_ids`, to create with
    /// `CreateSidebarCategoryForTeamForUser` (the user and team come from the path).
    pub fn custom(
        display_name: impl Into<String>,
        channel_ids: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        SidebarCategoryWithChannels {
            display_name: display_name.into(),
            channel_ids: channel_ids.into_iter().map(Into::into).collect(),
            ..SidebarCategoryWithChannels::default()
        }
    }
}

/// A user's categories in a team, in sidebar order (`model.OrderedSidebarCategories`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct OrderedSidebarCategories {
    /// The categories, in `order`'s order, each with its channel IDs.
    #[serde(default, deserialize_with = "null_is_empty_categories")]
    pub categories: Vec<SidebarCategoryWithChannels>,
    /// The category IDs in sidebar order.
    #[serde(default, deserialize_with = "null_is_empty")]
    pub order: Vec<String>,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

fn null_is_empty_categories<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<SidebarCategoryWithChannels>, D::Error> {
    Ok(Option::<Vec<SidebarCategoryWithChannels>>::deserialize(d)?.unwrap_or_default())
}

impl OrderedSidebarCategories {
    /// The first category of type `kind`, if any.
    pub fn of_type(&self, kind: &SidebarCategoryType) -> Option<&SidebarCategoryWithChannels> {
        self.categories.iter().find(|c| &c.category_type == kind)
    }

    /// The category with ID `id`, if any.
    pub fn get(&self, id: &str) -> Option<&SidebarCategoryWithChannels> {
        self.categories.iter().find(|c| c.id == id)
    }
}
