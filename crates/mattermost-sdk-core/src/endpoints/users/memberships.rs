//! The user's memberships across all teams: every channel, every channel membership (with
//! its team's names), every team membership and the unread counts of every team
//! (`server/channels/api4/channel.go`, `user.go`, `team.go`). Timestamps are i64
//! milliseconds since the epoch.

use crate::error::BuildError;
use crate::ids::{TeamId, UserId};
use crate::models::{Channel, ChannelMemberWithTeamData, TeamMember, TeamUnread};
use crate::query::Query;

endpoint! {
    /// Lists every channel the user is a member of, in every team, direct and group
    /// messages included (`getChannelsForUser` in `server/channels/api4/channel.go`). Needs
    /// the user themself or `edit_other_users`. Not paged: the handler reads the store 100
    /// channels at a time (by `from_channel_id`) and streams them all as one array. A
    /// negative `last_delete_at` is a 400 on the server and a [`BuildError`] here.
    GET "/users/{user_id}/channels" => GetChannelsForUser -> Vec<Channel> {
        /// The user, or `me`.
        user_id: UserId,
    }
    optional {
        /// Also list archived channels.
        include_deleted: bool,
        /// With `include_deleted`, only channels archived after this time (ms since the
        /// epoch, not negative).
        last_delete_at: i64,
    }
    path(user_id)
    query(|ep| {
        if let Some(ms) = ep.last_delete_at.filter(|ms| *ms < 0) {
            return Err(BuildError::InvalidParam {
                param: "last_delete_at",
                reason: format!("{ms} is negative"),
            });
        }
        Ok(Query::new()
            .with_opt("include_deleted", ep.include_deleted)
            .with_opt("last_delete_at", ep.last_delete_at))
    })
}

endpoint! {
    /// Lists the user's channel memberships in every team, each with its team's display
    /// name, name and last update, ordered by channel ID (`getChannelMembersForUser` in
    /// `server/channels/api4/user.go`; `GetMembersForUserWithPagination` in
    /// `server/channels/store/sqlstore/channel_store.go` cuts with `LIMIT`/`OFFSET`). Needs
    /// the user themself or `edit_other_users`. Newer servers with attribute-based channel
    /// read access leave out, after the cut, the channels the caller may not read, so pages
    /// can be short. Paged: `page` from 0, `per_page` 1 to 200 (server default 60).
    GET "/users/{user_id}/channel_members" => GetChannelMembersWithTeamDataForUser -> Vec<ChannelMemberWithTeamData> {
        /// The user, or `me`.
        user_id: UserId,
    }
    optional {
        /// The page, from 0.
        page: u32,
        /// Memberships per page, 1 to 200.
        per_page: u32,
    }
    path(user_id)
    query(|ep| super::page_query(ep.page, ep.per_page))
}

endpoint! {
    /// Lists the user's team memberships (`getTeamMembersForUser` in
    /// `server/channels/api4/team.go`). Needs the user themself, `edit_other_users` or
    /// `read_other_users_teams` (403 otherwise), then that the caller may see the user
    /// (403 `view_members`).
    GET "/users/{user_id}/teams/members" => GetTeamMembersForUser -> Vec<TeamMember> {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// The user's unread posts and mentions in each of their teams (`getTeamsUnreadForUser`
    /// in `server/channels/api4/team.go`). Needs the user themself or `manage_system`. The
    /// spec marks `exclude_team` required, but the handler reads it as optional (no team is
    /// left out without it): optional here, as on the server.
    GET "/users/{user_id}/teams/unread" => GetTeamsUnreadForUser -> Vec<TeamUnread> {
        /// The user, or `me`.
        user_id: UserId,
    }
    optional {
        /// Leave this team out.
        exclude_team: TeamId,
        /// Also count unread followed threads (`thread_count`, `thread_mention_count`).
        include_collapsed_threads: bool,
    }
    path(user_id)
    query(|ep| Ok(Query::new()
        .with_opt("exclude_team", ep.exclude_team.as_ref())
        .with_opt("include_collapsed_threads", ep.include_collapsed_threads)))
}
