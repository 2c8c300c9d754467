//! A user's presence status.

use serde::Serialize;

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::UserId;
use crate::models::{Status, StatusValue};

endpoint! {
    /// Gets the user's status.
    GET "/users/{user_id}/status" => GetUserStatus -> Status {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// Sets the user's status. The body's `user_id` must be the user's real ID even when
    /// the path says `me` (the server rejects the request otherwise), so it is a separate,
    /// required parameter here; the facade fills it in for you.
    PUT "/users/{user_id}/status" => UpdateUserStatus -> Status {
        /// The user in the path, or `me`.
        user_id: UserId,
        /// The user's real ID, for the body (never `me`).
        body_user_id: UserId,
        /// `online`, `away`, `offline` or `dnd`.
        status: StatusValue,
    }
    optional {
        /// When DND ends, seconds since the epoch (only with `dnd`).
        dnd_end_time: i64,
    }
    path(user_id)
    body(|ep| {
        #[derive(Serialize)]
        struct StatusBody<'a> {
            user_id: &'a str,
            status: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            dnd_end_time: Option<i64>,
        }
        if ep.body_user_id.is_me() {
            return Err(BuildError::InvalidParam { param: "user_id", reason: "the body needs the real user ID, not `me`".into() });
        }
        if !ep.user_id.is_me() && ep.user_id != ep.body_user_id {
            return Err(BuildError::InvalidParam { param: "user_id", reason: "the body's user ID must match the path's".into() });
        }
        if !ep.status.is_settable() {
            return Err(BuildError::InvalidParam { param: "status", reason: format!("{:?} is not one of online, away, offline, dnd", ep.status.as_str()) });
        }
        Body::json(&StatusBody { user_id: ep.body_user_id.as_str(), status: ep.status.as_str(), dnd_end_time: ep.dnd_end_time })
    })
}
