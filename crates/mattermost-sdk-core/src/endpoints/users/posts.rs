//! Posts and reactions of a user.

use crate::ids::{ChannelId, EmojiName, PostId, TeamId, UserId};
use crate::models::{PostList, StatusOk};

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
