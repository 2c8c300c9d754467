//! The user's channels, channel memberships and unread counts, in a team and per channel
//! (`server/channels/api4/channel.go`, `team.go`, `post.go`). Timestamps are i64
//! milliseconds since the epoch.

use serde_json::json;

use crate::body::Body;
use crate::ids::{ChannelId, PostId, TeamId, UserId};
use crate::models::{
    Channel, ChannelMember, ChannelUnread, ChannelUnreadAt, PostAcknowledgement, StatusOk,
    TeamUnread,
};
use crate::query::Query;

endpoint! {
    /// Lists the channels the user is a member of in the team (not paged). Needs the user
    /// themself or `edit_other_users`, then `view_team` (403 otherwise);
    /// `getChannelsForTeamForUser` in `server/channels/api4/channel.go`. A negative
    /// `last_delete_at` is a 400. Answers with an `ETag`.
    GET "/users/{user_id}/teams/{team_id}/channels" => GetChannelsForTeamForUser -> Vec<Channel> {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
    }
    optional {
        /// Also list archived channels.
        include_deleted: bool,
        /// With `include_deleted`, only channels archived after this time (ms since the epoch).
        last_delete_at: i64,
    }
    path(user_id, team_id)
    query(|ep| Ok(Query::new()
        .with_opt("include_deleted", ep.include_deleted)
        .with_opt("last_delete_at", ep.last_delete_at)))
}

endpoint! {
    /// Lists the user's channel memberships in the team (not paged): what they have read
    /// and their notification settings. Needs the user themself or `edit_other_users`, then
    /// `view_team` (`getChannelMembersForTeamForUser` in `server/channels/api4/channel.go`).
    GET "/users/{user_id}/teams/{team_id}/channels/members" => GetChannelMembersForUser -> Vec<ChannelMember> {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
    }
    path(user_id, team_id)
}

endpoint! {
    /// The user's unread posts and mentions in the team, summed over their channels.
    /// Needs the user themself or `edit_other_users`, then `view_team` (`getTeamUnread` in
    /// `server/channels/api4/team.go`).
    GET "/users/{user_id}/teams/{team_id}/unread" => GetTeamUnread -> TeamUnread {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
    }
    path(user_id, team_id)
}

endpoint! {
    /// The user's unread posts and mentions in one channel. Needs the user themself or
    /// `edit_other_users`, then `read_channel` on the channel (`getChannelUnread` in
    /// `server/channels/api4/channel.go`).
    GET "/users/{user_id}/channels/{channel_id}/unread" => GetChannelUnread -> ChannelUnread {
        /// The user, or `me`.
        user_id: UserId,
        /// The channel.
        channel_id: ChannelId,
    }
    path(user_id, channel_id)
}

endpoint! {
    /// Marks the post's channel unread for the user from the post on: the post and every
    /// later one become unread (`setPostUnread` in `server/channels/api4/post.go`,
    /// `MarkChannelAsUnreadFromPost` in `app/channel.go`). Needs the user themself or
    /// `edit_other_users`, then `read_channel` on the post's channel. Optional
    /// `collapsed_threads_supported` (sent as the JSON body; older server versions'
    /// `setPostUnread` read no body and ignore it): with it, only root posts count.
    POST "/users/{user_id}/posts/{post_id}/set_unread" => SetPostUnread -> ChannelUnreadAt {
        /// The user, or `me`.
        user_id: UserId,
        /// The first post to mark unread.
        post_id: PostId,
    }
    optional {
        /// The caller shows collapsed reply threads.
        collapsed_threads_supported: bool,
    }
    path(user_id, post_id)
    body(|ep| match ep.collapsed_threads_supported {
        Some(v) => Body::json(&json!({ "collapsed_threads_supported": v })),
        None => Ok(Body::Empty),
    })
}

endpoint! {
    /// Acknowledges the post (a post whose sender asked for acknowledgements); the
    /// acknowledgement then shows in the post's `metadata.acknowledgements`. Needs a
    /// Professional licence (501 otherwise), the user themself or `edit_other_users`, then
    /// `read_channel_content` on the post's channel (`acknowledgePost` in
    /// `server/channels/api4/post.go`; older versions check `read_channel` and no licence).
    POST "/users/{user_id}/posts/{post_id}/ack" => SaveAcknowledgementForPost -> PostAcknowledgement {
        /// The user, or `me`.
        user_id: UserId,
        /// The post.
        post_id: PostId,
    }
    path(user_id, post_id)
}

endpoint! {
    /// Removes the user's acknowledgement of the post, within 5 minutes of making it (403
    /// `api.acknowledgement.delete.deadline.app_error` after; 404
    /// `app.acknowledgement.get.app_error` when there is none). Permissions as
    /// [`SaveAcknowledgementForPost`] (`unacknowledgePost` in `server/channels/api4/post.go`,
    /// `DeleteAcknowledgementForPost` in `app/post_acknowledgements.go`).
    DELETE "/users/{user_id}/posts/{post_id}/ack" => DeleteAcknowledgementForPost -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The post.
        post_id: PostId,
    }
    path(user_id, post_id)
}
