//! Posts and reactions of a user.

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::{ChannelId, EmojiName, PostId, TeamId, UserId};
use crate::models::{PostList, PostReminder, StatusOk};
use crate::query::Query;

endpoint! {
    /// Lists the posts the user flagged (saved), optionally in one team or channel. The server
    /// returns one `PostList` object (the spec wrongly says an array).
    GET "/users/{user_id}/posts/flagged" => GetFlaggedPostsForUser -> PostList {
        /// The user, or `me`.
        user_id: UserId,
    }
    optional {
        /// Only posts in this team.
        team_id: TeamId,
        /// Only posts in this channel.
        channel_id: ChannelId,
        /// The page, from 0.
        page: u32,
        /// Posts per page, at most 200.
        per_page: u32,
    }
    path(user_id)
    query(|ep| {
        let mut q = super::page_query(ep.page, ep.per_page)?;
        q.push_opt("team_id", ep.team_id.as_ref()).push_opt("channel_id", ep.channel_id.as_ref());
        Ok(q)
    })
}

endpoint! {
    /// Removes the user's reaction `emoji_name` from a post.
    DELETE "/users/{user_id}/posts/{post_id}/reactions/{emoji_name}" => DeleteReaction -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The post.
        post_id: PostId,
        /// The emoji (`thumbsup`, `+1`, a custom emoji's name).
        emoji_name: EmojiName,
    }
    path(user_id, post_id, emoji_name)
}

// issue 12, users 3 of 3: posts around the last unread one, reminders

/// `value` if it lies in `range`, else a [`BuildError::InvalidParam`] naming `param`.
fn limit(
    param: &'static str,
    value: Option<u32>,
    range: std::ops::RangeInclusive<u32>,
) -> Result<Option<u32>, BuildError> {
    match value {
        Some(n) if !range.contains(&n) => Err(BuildError::InvalidParam {
            param,
            reason: format!("{n} is not between {} and {}", range.start(), range.end()),
        }),
        other => Ok(other),
    }
}

endpoint! {
    /// The posts around the user's first unread post in the channel, newest first: up to
    /// `limit_after - 1` posts after it, the unread post, then up to `limit_before` posts
    /// before it (`getPostsForChannelAroundLastUnread` in `server/channels/api4/post.go`,
    /// `GetPostsForChannelAroundLastUnread` in `app/post.go`). With nothing unread the server
    /// answers the channel's newest `limit_before` posts instead (with an `ETag`).
    /// `next_post_id` / `prev_post_id` name the posts just outside the list. Needs the user
    /// themself or `edit_other_users`, then a channel that exists (404
    /// `app.channel.get.existing.app_error`) and that the caller may read (403
    /// `read_channel_content`). `limit_before` is 0 to 200 and `limit_after` 1 to 200
    /// (server defaults 60; the server answers 400 to `limit_after=0`): other values are a
    /// [`BuildError`].
    GET "/users/{user_id}/channels/{channel_id}/posts/unread" => GetPostsAroundLastUnread -> PostList {
        /// The user, or `me`.
        user_id: UserId,
        /// The channel.
        channel_id: ChannelId,
    }
    optional {
        /// Posts before the first unread one, 0 to 200.
        limit_before: u32,
        /// Posts from the first unread one on (itself included), 1 to 200.
        limit_after: u32,
        /// Leave out the threads of the posts (`skipFetchThreads`).
        skip_fetch_threads: bool,
        /// Root posts only, as collapsed reply threads show them (`collapsedThreads`).
        collapsed_threads: bool,
        /// With `collapsed_threads`, add the participants' users (`collapsedThreadsExtended`).
        collapsed_threads_extended: bool,
    }
    path(user_id, channel_id)
    query(|ep| Ok(Query::new()
        .with_opt("limit_before", limit("limit_before", ep.limit_before, 0..=crate::MAX_PER_PAGE)?)
        .with_opt("limit_after", limit("limit_after", ep.limit_after, 1..=crate::MAX_PER_PAGE)?)
        .with_opt("skipFetchThreads", ep.skip_fetch_threads)
        .with_opt("collapsedThreads", ep.collapsed_threads)
        .with_opt("collapsedThreadsExtended", ep.collapsed_threads_extended)))
}

endpoint! {
    /// Asks for a reminder about the post at `target_time` (**seconds** since the epoch);
    /// setting one again replaces it (`setPostReminder` in `server/channels/api4/post.go`,
    /// `SetPostReminder` in `app/post.go`, which also sends the user an ephemeral
    /// confirmation). Needs the user themself or `edit_other_users`, then
    /// `read_channel_content` on the post's channel (older servers: `read_channel`). A body
    /// the server cannot decode is a 400 naming `target_time`.
    POST "/users/{user_id}/posts/{post_id}/reminder" => SetPostReminder -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The post.
        post_id: PostId,
        /// When to remind.
        reminder: PostReminder,
    }
    path(user_id, post_id)
    body(|ep| Body::json(&ep.reminder))
}
