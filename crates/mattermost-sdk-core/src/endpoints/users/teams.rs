//! The teams a user belongs to.

use crate::ids::UserId;
use crate::models::Team;

endpoint! {
    /// Lists the teams the user is a member of.
    GET "/users/{user_id}/teams" => GetTeamsForUser -> Vec<Team> {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}
