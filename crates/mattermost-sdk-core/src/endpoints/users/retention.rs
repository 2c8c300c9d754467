//! The data retention policies that apply to the user's teams and channels
//! (`server/channels/api4/data_retention.go`). Both need the user themself or
//! `manage_system`, and a server with data retention (Enterprise): others answer 501.
//! Durations are whole days.

use crate::ids::UserId;
use crate::models::{RetentionPolicyForChannelList, RetentionPolicyForTeamList};

endpoint! {
    /// One page of the retention policies of the user's teams, with their `total_count`
    /// (`getTeamPoliciesForUser` in `server/channels/api4/data_retention.go`: the store
    /// reads `LIMIT per_page OFFSET page*per_page`). `page` from 0, `per_page` 1 to 200
    /// (server default 60).
    GET "/users/{user_id}/data_retention/team_policies" => GetTeamPoliciesForUser -> RetentionPolicyForTeamList {
        /// The user, or `me`.
        user_id: UserId,
    }
    optional {
        /// The page, from 0.
        page: u32,
        /// Policies per page, 1 to 200.
        per_page: u32,
    }
    path(user_id)
    query(|ep| super::page_query(ep.page, ep.per_page))
}

endpoint! {
    /// One page of the retention policies of the user's channels, with their `total_count`
    /// (`getChannelPoliciesForUser` in `server/channels/api4/data_retention.go`, paged as
    /// [`GetTeamPoliciesForUser`]).
    GET "/users/{user_id}/data_retention/channel_policies" => GetChannelPoliciesForUser -> RetentionPolicyForChannelList {
        /// The user, or `me`.
        user_id: UserId,
    }
    optional {
        /// The page, from 0.
        page: u32,
        /// Policies per page, 1 to 200.
        per_page: u32,
    }
    path(user_id)
    query(|ep| super::page_query(ep.page, ep.per_page))
}
