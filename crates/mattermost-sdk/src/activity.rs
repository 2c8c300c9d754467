//! The rest of what belongs to one user, on [`UserHandle`](crate::UserHandle)
//! (`client.user(id)`) and [`Users`](crate::Users): their channels, channel memberships and
//! team memberships across all teams, every team's unread counts, the posts around their
//! first unread post in a channel, post reminders, typing notices, unfinished uploads, and
//! the data retention policies of their teams and channels.
//!
//! Channel memberships and both policy lists are paged (`.all()`, `.pages()`, `.stream()`);
//! `all_channels()` is not (the server streams every channel in one answer). Timestamps are
//! i64 milliseconds since the epoch, except a reminder's `target_time`, in seconds.

use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::models::PostReminder;
use mattermost_sdk_core::{ChannelId, PostId, TeamId, UserId};

use crate::client::Call;
use crate::users::{user_ops, UserHandle, Users};
use crate::IdArg;

user_ops! {
    /// Lists every channel the user is in, in every team, direct and group messages
    /// included; optional `.include_deleted(..)`, `.last_delete_at(ms)`
    /// (`GET /api/v4/users/{user_id}/channels`, `GetChannelsForUser`).
    fn all_channels() -> GetChannelsForUser = |id| Ok(GetChannelsForUser::new(id));
    /// Lists the user's channel memberships in every team, with each team's names; paged:
    /// `.page()`, `.per_page()`, `.all()`
    /// (`GET /api/v4/users/{user_id}/channel_members`, `GetChannelMembersWithTeamDataForUser`).
    fn channel_memberships() -> GetChannelMembersWithTeamDataForUser =
        |id| Ok(GetChannelMembersWithTeamDataForUser::new(id));
    /// Lists the user's team memberships
    /// (`GET /api/v4/users/{user_id}/teams/members`, `GetTeamMembersForUser`).
    fn team_members() -> GetTeamMembersForUser = |id| Ok(GetTeamMembersForUser::new(id));
    /// The user's unread counts in each of their teams; optional `.exclude_team(..)`,
    /// `.include_collapsed_threads(..)`
    /// (`GET /api/v4/users/{user_id}/teams/unread`, `GetTeamsUnreadForUser`).
    fn teams_unread() -> GetTeamsUnreadForUser = |id| Ok(GetTeamsUnreadForUser::new(id));
    /// The posts around the user's first unread post in `channel`; optional
    /// `.limit_before(n)`, `.limit_after(n)`, `.skip_fetch_threads(..)`,
    /// `.collapsed_threads(..)`, `.collapsed_threads_extended(..)`
    /// (`GET /api/v4/users/{user_id}/channels/{channel_id}/posts/unread`,
    /// `GetPostsAroundLastUnread`).
    fn posts_around_last_unread(channel: impl IdArg<ChannelId>) -> GetPostsAroundLastUnread =
        |id| Ok(GetPostsAroundLastUnread::new(id, channel.into_id()?));
    /// Asks for a reminder about `post` at `target_time_secs` (seconds since the epoch);
    /// a second call replaces the first
    /// (`POST /api/v4/users/{user_id}/posts/{post_id}/reminder`, `SetPostReminder`).
    fn set_post_reminder(post: impl IdArg<PostId>, target_time_secs: i64) -> SetPostReminder =
        |id| Ok(SetPostReminder::new(id, post.into_id()?, PostReminder {
            target_time: target_time_secs,
            ..PostReminder::default()
        }));
    /// Tells `channel` that the user is typing; optional `.parent_id(post)` for a reply
    /// (`POST /api/v4/users/{user_id}/typing`, `PublishUserTyping`).
    fn publish_typing(channel: impl IdArg<ChannelId>) -> PublishUserTyping =
        |id| Ok(PublishUserTyping::new(id, channel.into_id()?));
    /// Lists the user's unfinished uploads; only the user themself may
    /// (`GET /api/v4/users/{user_id}/uploads`, `GetUploadsForUser`).
    fn uploads() -> GetUploadsForUser = |id| Ok(GetUploadsForUser::new(id));
    /// One page of the retention policies of the user's teams; paged: `.page()`,
    /// `.per_page()`, `.all()`
    /// (`GET /api/v4/users/{user_id}/data_retention/team_policies`, `GetTeamPoliciesForUser`).
    fn team_retention_policies() -> GetTeamPoliciesForUser =
        |id| Ok(GetTeamPoliciesForUser::new(id));
    /// One page of the retention policies of the user's channels; paged: `.page()`,
    /// `.per_page()`, `.all()`
    /// (`GET /api/v4/users/{user_id}/data_retention/channel_policies`,
    /// `GetChannelPoliciesForUser`).
    fn channel_retention_policies() -> GetChannelPoliciesForUser =
        |id| Ok(GetChannelPoliciesForUser::new(id));
}

/// Builder methods on a [`Call`] for an endpoint's optional parameters; ID parameters take
/// anything that names the ID, a bad one reported when the call is sent.
macro_rules! setters {
    ($ep:ty { $($(#[$doc:meta])* $name:ident : $kind:tt $ty:ty),* $(,)? }) => {
        impl Call<$ep> {
            $( setters!(@one $(#[$doc])* $name $kind $ty); )*
        }
    };
    (@one $(#[$doc:meta])* $name:ident id $ty:ty) => {
        $(#[$doc])*
        pub fn $name(self, value: impl IdArg<$ty>) -> Self {
            self.try_map(|ep| Ok(ep.$name(value.into_id()?)))
        }
    };
    (@one $(#[$doc:meta])* $name:ident value $ty:ty) => {
        $(#[$doc])*
        pub fn $name(self, value: $ty) -> Self {
            self.map(|ep| ep.$name(value))
        }
    };
}

setters!(GetChannelsForUser {
    /// Also lists archived channels.
    include_deleted: value bool,
    /// With `include_deleted`, only channels archived after `ms` (ms since the epoch; a
    /// negative value is a `BuildError` when sent).
    last_delete_at: value i64,
});
setters!(GetChannelMembersWithTeamDataForUser {
    /// The page, from 0.
    page: value u32,
    /// Memberships per page, 1 to 200.
    per_page: value u32,
});
setters!(GetTeamsUnreadForUser {
    /// Leaves this team out.
    exclude_team: id TeamId,
    /// Also counts unread followed threads.
    include_collapsed_threads: value bool,
});
setters!(GetPostsAroundLastUnread {
    /// Posts before the first unread one, 0 to 200 (server default 60).
    limit_before: value u32,
    /// Posts from the first unread one on, 1 to 200 (server default 60).
    limit_after: value u32,
    /// Leaves out the posts' threads.
    skip_fetch_threads: value bool,
    /// Root posts only (collapsed reply threads).
    collapsed_threads: value bool,
    /// With `collapsed_threads`, adds the participants' users.
    collapsed_threads_extended: value bool,
});
setters!(PublishUserTyping {
    /// The thread's root post, when typing a reply.
    parent_id: id PostId,
});
setters!(GetTeamPoliciesForUser {
    /// The page, from 0.
    page: value u32,
    /// Policies per page, 1 to 200.
    per_page: value u32,
});
setters!(GetChannelPoliciesForUser {
    /// The page, from 0.
    page: value u32,
    /// Policies per page, 1 to 200.
    per_page: value u32,
});
