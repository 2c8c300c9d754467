//! A user's sessions.

use serde_json::json;

use crate::body::Body;
use crate::ids::{SessionId, UserId};
use crate::models::{Session, StatusOk};

endpoint! {
    /// Lists the user's sessions.
    GET "/users/{user_id}/sessions" => GetSessions -> Vec<Session> {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// Revokes one session of the user.
    POST "/users/{user_id}/sessions/revoke" => RevokeSession -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The session to revoke.
        session_id: SessionId,
    }
    path(user_id)
    body(|ep| Body::json(&json!({ "session_id": ep.session_id })))
}

endpoint! {
    /// Revokes every session of the user (the user ID is in the path, as it must be).
    POST "/users/{user_id}/sessions/revoke/all" => RevokeAllSessions -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}
