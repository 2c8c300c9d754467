//! The user's channels, channel memberships and unread counts: team-scoped ones on
//! [`UserTeamHandle`](crate::UserTeamHandle) (`client.user(id).team(team_id)`), per-channel
//! and per-post ones on [`UserHandle`](crate::UserHandle) taking the channel or post ID.

use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::{ChannelId, PostId, UserId};

use crate::client::Call;
use crate::users::{user_ops, UserHandle, Users};
use crate::IdArg;

crate::team::team_ops! {
    /// Lists the user's channels in the team; optional `.include_deleted(..)`,
    /// `.last_delete_at(ms)` (`GET /api/v4/users/{user_id}/teams/{team_id}/channels`,
    /// `GetChannelsForTeamForUser`).
    fn channels() -> GetChannelsForTeamForUser = |user, team| Ok(GetChannelsForTeamForUser::new(user, team));
    /// Lists the user's channel memberships in the team: read counts, last view, notify
    /// props (`GET /api/v4/users/{user_id}/teams/{team_id}/channels/members`,
    /// `GetChannelMembersForUser`).
    fn channel_members() -> GetChannelMembersForUser = |user, team| Ok(GetChannelMembersForUser::new(user, team));
    /// The user's unread posts and mentions in the team
    /// (`GET /api/v4/users/{user_id}/teams/{team_id}/unread`, `GetTeamUnread`).
    fn unread() -> GetTeamUnread = |user, team| Ok(GetTeamUnread::new(user, team));
}

user_ops! {
    /// The user's unread posts and mentions in one channel
    /// (`GET /api/v4/users/{user_id}/channels/{channel_id}/unread`, `GetChannelUnread`).
    fn channel_unread(channel: impl IdArg<ChannelId>) -> GetChannelUnread =
        |id| Ok(GetChannelUnread::new(id, channel.into_id()?));
    /// Marks the post's channel unread from the post on; optional
    /// `.collapsed_threads_supported(true)`
    /// (`POST /api/v4/users/{user_id}/posts/{post_id}/set_unread`, `SetPostUnread`).
    fn set_post_unread(post: impl IdArg<PostId>) -> SetPostUnread =
        |id| Ok(SetPostUnread::new(id, post.into_id()?));
    /// Acknowledges the post; the acknowledgement shows in the post's
    /// `metadata.acknowledgements` (`POST /api/v4/users/{user_id}/posts/{post_id}/ack`,
    /// `SaveAcknowledgementForPost`).
    fn acknowledge_post(post: impl IdArg<PostId>) -> SaveAcknowledgementForPost =
        |id| Ok(SaveAcknowledgementForPost::new(id, post.into_id()?));
    /// Removes the user's acknowledgement of the post, within 5 minutes of making it
    /// (`DELETE /api/v4/users/{user_id}/posts/{post_id}/ack`, `DeleteAcknowledgementForPost`).
    fn unacknowledge_post(post: impl IdArg<PostId>) -> DeleteAcknowledgementForPost =
        |id| Ok(DeleteAcknowledgementForPost::new(id, post.into_id()?));
}

impl Call<GetChannelsForTeamForUser> {
    /// Also lists archived channels.
    pub fn include_deleted(self, value: bool) -> Self {
        self.map(|ep| ep.include_deleted(value))
    }

    /// With `include_deleted`, only channels archived after `ms` (ms since the epoch).
    pub fn last_delete_at(self, ms: i64) -> Self {
        self.map(|ep| ep.last_delete_at(ms))
    }
}

impl Call<SetPostUnread> {
    /// Says the caller shows collapsed reply threads (only root posts count).
    pub fn collapsed_threads_supported(self, value: bool) -> Self {
        self.map(|ep| ep.collapsed_threads_supported(value))
    }
}
