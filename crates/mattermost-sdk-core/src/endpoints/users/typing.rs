//! Telling the channel that the user is typing (`publishUserTyping` in
//! `server/channels/api4/user.go`).

use serde_json::json;

use crate::body::Body;
use crate::ids::{ChannelId, PostId, UserId};
use crate::models::StatusOk;

endpoint! {
    /// Publishes a `typing` websocket event for the user in the channel (or, with
    /// `parent_id`, in that thread). Needs the caller to be the user or to have
    /// `manage_system`, then the **user** to have `create_post` in the channel (403
    /// otherwise, an empty `channel_id` included). A body the server cannot decode is a 400
    /// `typing_request`. Safe to repeat.
    POST "/users/{user_id}/typing" => PublishUserTyping -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The channel.
        channel_id: ChannelId,
    }
    optional {
        /// The thread's root post, when typing a reply.
        parent_id: PostId,
    }
    path(user_id)
    body(|ep| Body::json(&match &ep.parent_id {
        Some(parent) => json!({ "channel_id": ep.channel_id, "parent_id": parent }),
        None => json!({ "channel_id": ep.channel_id }),
    }))
    idempotent(true)
}
