//! A user's sidebar categories in a team
//! (`/users/{user_id}/teams/{team_id}/channels/categories[/order|/{category_id}]`), from the
//! handlers in `server/channels/api4/channel_category.go` (routes in `api4/channel.go`), the
//! app in `server/channels/app/channel_category.go` and the store in
//! `server/channels/store/sqlstore/channel_store_categories.go` (mattermost/mattermost).
//!
//! Every user has three categories per team, made by the server the first time they are
//! read: `favorites` (sort order 0), `channels` (10) and `direct_messages` (20, sorted by
//! recency), with IDs `{type}_{user_id}_{team_id}`. The `channels` and `direct_messages`
//! categories also list every channel (public/private in the team, or direct/group) that is
//! in no category, first and by display name. A created category is `custom` and goes right
//! after favorites (first, if favorites is not first). Only custom categories can be deleted
//! (400 `app.channel.sidebar_categories.app_error` otherwise); their channels then fall back to
//! `channels` or `direct_messages`.
//!
//! Permissions: the user themself or `edit_other_users` (403); for a category ID, the
//! category must be the caller's own in that team (403, or 400 `category` inside a body).
//! Channel IDs of channels the user is not a member of are silently dropped.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Serialize, Serializer};

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::{is_valid_id, TeamId, UserId};
use crate::models::{OrderedSidebarCategories, SidebarCategoryWithChannels, StatusOk};
use crate::path::{check_segment, PathSegment};

/// A sidebar category's ID: a Mattermost ID (26 characters of `[a-z0-9]`, a custom
/// category), or `{favorites|channels|direct_messages}_{user_id}_{team_id}` (one the server
/// made). The server's route takes `[A-Za-z0-9_-]+` and `model.IsValidCategoryId` then
/// checks one of these two forms (`server/public/model/channel_sidebar.go`, route in
/// `server/channels/api4/channel.go`); anything else is a 400 `category_id` there and a
/// [`BuildError`] here.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SidebarCategoryId(String);

impl SidebarCategoryId {
    /// Validates and wraps a category ID.
    pub fn new(value: impl Into<String>) -> Result<Self, BuildError> {
        let value = value.into();
        check_segment("sidebar category ID", &value)?;
        if is_valid_id(&value) || is_default_category_id(&value) {
            Ok(SidebarCategoryId(value))
        } else {
            Err(BuildError::invalid_id("sidebar category ID", &value))
        }
    }

    /// The ID as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `{favorites|channels|direct_messages}_{26 [a-z0-9]}_{26 [a-z0-9]}`.
fn is_default_category_id(s: &str) -> bool {
    ["favorites_", "channels_", "direct_messages_"]
        .iter()
        .any(|prefix| {
            s.strip_prefix(prefix).is_some_and(|rest| {
                rest.len() == 53
                    && rest.as_bytes()[26] == b'_'
                    && is_valid_id(&rest[..26])
                    && is_valid_id(&rest[27..])
            })
        })
}

impl fmt::Debug for SidebarCategoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SidebarCategoryId({:?})", self.0)
    }
}

impl fmt::Display for SidebarCategoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for SidebarCategoryId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for SidebarCategoryId {
    type Error = BuildError;
    fn try_from(s: &str) -> Result<Self, BuildError> {
        SidebarCategoryId::new(s)
    }
}

impl TryFrom<String> for SidebarCategoryId {
    type Error = BuildError;
    fn try_from(s: String) -> Result<Self, BuildError> {
        SidebarCategoryId::new(s)
    }
}

impl PathSegment for SidebarCategoryId {
    fn segment(&self) -> Result<&str, BuildError> {
        Ok(&self.0)
    }
}

impl Serialize for SidebarCategoryId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

fn invalid(param: &'static str, reason: impl Into<String>) -> BuildError {
    BuildError::InvalidParam {
        param,
        reason: reason.into(),
    }
}

/// The category as the server must receive it for the path's user and team: a blank
/// `user_id` or `team_id` is filled in from the path; one that differs is refused (the
/// handlers answer 400 `category`). With `me` in the path the category must name the user
/// (the server compares it with the session's user, which the client does not know).
fn for_path(
    category: &SidebarCategoryWithChannels,
    user: &UserId,
    team: &TeamId,
) -> Result<SidebarCategoryWithChannels, BuildError> {
    let mut out = category.clone();
    if out.user_id.is_empty() {
        if user.is_me() {
            return Err(invalid(
                "category.user_id",
                "with `me` in the path, set the category's user_id to your own user ID: the \
                 server compares it with the session's user",
            ));
        }
        out.user_id = user.as_str().to_owned();
    } else if !user.is_me() && out.user_id != user.as_str() {
        return Err(invalid(
            "category.user_id",
            format!(
                "{:?} is not the path's user {user}; the server answers 400",
                out.user_id
            ),
        ));
    }
    if out.team_id.is_empty() {
        out.team_id = team.as_str().to_owned();
    } else if out.team_id != team.as_str() {
        return Err(invalid(
            "category.team_id",
            format!(
                "{:?} is not the path's team {team}; the server answers 400",
                out.team_id
            ),
        ));
    }
    Ok(out)
}

endpoint! {
    /// The user's categories in the team, in sidebar order, with their channel IDs; the
    /// server makes the three default categories on first read. The spec declares an array;
    /// the server writes one `model.OrderedSidebarCategories` object
    /// (`getCategoriesForTeamForUser`).
    GET "/users/{user_id}/teams/{team_id}/channels/categories" => GetSidebarCategoriesForTeamForUser -> OrderedSidebarCategories {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
    }
    path(user_id, team_id)
}

endpoint! {
    /// Creates a custom category (whatever `type` says) named `display_name`, with `sorting`,
    /// `muted` and `channel_ids` from the body; its channels leave the categories they were
    /// in. It goes right after favorites; the answer holds its new ID and sort order
    /// (`createCategoryForTeamForUser`, `CreateSidebarCategory` in the store). A blank
    /// `user_id`/`team_id` is filled in from the path; others must match it (checked before
    /// I/O).
    POST "/users/{user_id}/teams/{team_id}/channels/categories" => CreateSidebarCategoryForTeamForUser -> SidebarCategoryWithChannels {
        /// The user, or `me` (then the category's `user_id` must be set).
        user_id: UserId,
        /// The team.
        team_id: TeamId,
        /// The category to make.
        category: SidebarCategoryWithChannels,
    }
    path(user_id, team_id)
    body(|ep| Body::json(&for_path(&ep.category, &ep.user_id, &ep.team_id)?))
}

endpoint! {
    /// Updates several categories at once (each named by its `id`, which must be the user's
    /// in this team: 400 `category` otherwise) and answers with them as stored. Moving a
    /// channel between categories takes both in the list. What the server keeps unchanged:
    /// see [`SidebarCategoryWithChannels`]. The spec declares one category as the answer;
    /// the server writes the array (`updateCategoriesForTeamForUser`).
    PUT "/users/{user_id}/teams/{team_id}/channels/categories" => UpdateSidebarCategoriesForTeamForUser -> Vec<SidebarCategoryWithChannels> {
        /// The user, or `me` (then each category's `user_id` must be set).
        user_id: UserId,
        /// The team.
        team_id: TeamId,
        /// The categories to update.
        categories: Vec<SidebarCategoryWithChannels>,
    }
    path(user_id, team_id)
    body(|ep| {
        let mut out = Vec::with_capacity(ep.categories.len());
        for c in &ep.categories {
            SidebarCategoryId::new(c.id.as_str()).map_err(|e| invalid("categories.id", e.to_string()))?;
            out.push(for_path(c, &ep.user_id, &ep.team_id)?);
        }
        Body::json(&out)
    })
}

endpoint! {
    /// The IDs of the user's categories in the team, in sidebar order
    /// (`getCategoryOrderForTeamForUser`).
    GET "/users/{user_id}/teams/{team_id}/channels/categories/order" => GetSidebarCategoryOrderForTeamForUser -> Vec<String> {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
    }
    path(user_id, team_id)
}

endpoint! {
    /// Sets the order of the user's categories in the team and answers with it. The list
    /// must hold every one of the user's categories in the team once: an ID that is not
    /// theirs is a 400 `category`, one left out a 500 (the store's size check,
    /// `UpdateSidebarCategoryOrder`). An empty list or a repeated ID is refused before I/O.
    PUT "/users/{user_id}/teams/{team_id}/channels/categories/order" => UpdateSidebarCategoryOrderForTeamForUser -> Vec<String> {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
        /// Every category ID, in the new order.
        order: Vec<SidebarCategoryId>,
    }
    path(user_id, team_id)
    body(|ep| {
        if ep.order.is_empty() {
            return Err(invalid("order", "list every category of the user in the team"));
        }
        let mut seen = BTreeSet::new();
        for id in &ep.order {
            if !seen.insert(id) {
                return Err(invalid("order", format!("{id} is listed twice")));
            }
        }
        Body::json(&ep.order)
    })
}

endpoint! {
    /// One category with its channel IDs (`getCategoryForTeamForUser`). A category that is
    /// not the caller's own in this team is a 403.
    GET "/users/{user_id}/teams/{team_id}/channels/categories/{category_id}" => GetSidebarCategoryForTeamForUser -> SidebarCategoryWithChannels {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
        /// The category.
        category_id: SidebarCategoryId,
    }
    path(user_id, team_id, category_id)
}

endpoint! {
    /// Updates one category and answers with it as stored (the server takes the ID from the
    /// path; what it keeps unchanged: see [`SidebarCategoryWithChannels`]). Muting a category
    /// mutes its channels (`updateCategoryForTeamForUser`). A blank `user_id`/`team_id` is
    /// filled in from the path; others must match it (checked before I/O).
    PUT "/users/{user_id}/teams/{team_id}/channels/categories/{category_id}" => UpdateSidebarCategoryForTeamForUser -> SidebarCategoryWithChannels {
        /// The user, or `me` (then the category's `user_id` must be set).
        user_id: UserId,
        /// The team.
        team_id: TeamId,
        /// The category.
        category_id: SidebarCategoryId,
        /// The category's new state.
        category: SidebarCategoryWithChannels,
    }
    path(user_id, team_id, category_id)
    body(|ep| {
        let mut c = for_path(&ep.category, &ep.user_id, &ep.team_id)?;
        c.id = ep.category_id.as_str().to_owned();
        Body::json(&c)
    })
}

endpoint! {
    /// Deletes a custom category; its channels go back to the `channels` or
    /// `direct_messages` category. Deleting one of the three default categories is a 400
    /// `app.channel.sidebar_categories.app_error` (`deleteCategoryForTeamForUser`,
    /// `DeleteSidebarCategory` in the store).
    DELETE "/users/{user_id}/teams/{team_id}/channels/categories/{category_id}" => RemoveSidebarCategoryForTeamForUser -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
        /// The category.
        category_id: SidebarCategoryId,
    }
    path(user_id, team_id, category_id)
}
