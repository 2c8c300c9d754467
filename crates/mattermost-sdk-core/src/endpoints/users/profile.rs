//! Reading and changing a user's profile.

use crate::ids::UserId;
use crate::models::User;

endpoint! {
    /// Gets a user by ID, or the authenticated user with [`UserId::me`].
    GET "/users/{user_id}" => GetUser -> User {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}
