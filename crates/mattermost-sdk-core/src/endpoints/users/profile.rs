//! Reading and changing a user's profile.

use serde_json::json;

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::UserId;
use crate::models::{StatusOk, User, UserPatch};

endpoint! {
    /// Gets a user by ID, or the authenticated user with [`UserId::me`].
    GET "/users/{user_id}" => GetUser -> User {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// Replaces a user's profile with `user` (all of it: fetch, modify, send back).
    /// Unknown fields in `user.extra` are sent as they came. The body's `id` must be the
    /// user in the path (unless the path is `me`).
    PUT "/users/{user_id}" => UpdateUser -> User {
        /// The user to update, or `me`.
        user_id: UserId,
        /// The full user, as fetched and modified.
        user: User,
    }
    path(user_id)
    body(|ep| {
        if !crate::is_valid_id(&ep.user.id) {
            return Err(BuildError::InvalidParam { param: "user.id", reason: "the full user with its real id is required (not empty, not `me`)".into() });
        }
        if !ep.user_id.is_me() && ep.user.id != ep.user_id.as_str() {
            return Err(BuildError::InvalidParam { param: "user.id", reason: format!("{:?} does not match the user in the path {:?}", ep.user.id, ep.user_id.as_str()) });
        }
        if ep.user.email.is_empty() || ep.user.username.is_empty() {
            return Err(BuildError::InvalidParam { param: "user", reason: "email and username are required".into() });
        }
        Body::json(&ep.user)
    })
}

endpoint! {
    /// Deactivates a user (the Perl client's `deactivate`). The user is kept, with `delete_at` set.
    ///
    /// With `.permanent(true)` the user is deleted for good instead, with their sessions,
    /// tokens, preferences, posts and files. The server allows that only when
    /// `ServiceSettings.EnableAPIUserDeletion` is on (401
    /// `api.user.delete_user.not_enabled.app_error` otherwise), and deleting a system admin
    /// needs `manage_system` (`deleteUser` in `server/channels/api4/user.go`).
    DELETE "/users/{user_id}" => DeleteUser -> StatusOk {
        /// The user to deactivate.
        user_id: UserId,
    }
    optional {
        /// `true` to delete the user permanently (sent as `permanent=true`).
        permanent: bool,
    }
    path(user_id)
    query(|ep| Ok(crate::query::Query::new().with_opt("permanent", ep.permanent)))
}

endpoint! {
    /// Changes only the fields set in the patch.
    PUT "/users/{user_id}/patch" => PatchUser -> User {
        /// The user to patch, or `me`.
        user_id: UserId,
        /// The fields to change.
        patch: UserPatch,
    }
    path(user_id)
    body(|ep| Body::json(&ep.patch))
}

endpoint! {
    /// Activates or deactivates a user.
    PUT "/users/{user_id}/active" => UpdateUserActive -> StatusOk {
        /// The user.
        user_id: UserId,
        /// `true` to activate, `false` to deactivate.
        active: bool,
    }
    path(user_id)
    body(|ep| Body::json(&json!({ "active": ep.active })))
}
