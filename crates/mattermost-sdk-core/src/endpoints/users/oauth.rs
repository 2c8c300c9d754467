//! OAuth apps a user has authorized.

use crate::ids::UserId;
use crate::models::OAuthApp;

endpoint! {
    /// Lists the OAuth apps the user has authorized (the Perl client's `get_authorised_apps`).
    GET "/users/{user_id}/oauth/apps/authorized" => GetAuthorizedOAuthAppsForUser -> Vec<OAuthApp> {
        /// The user, or `me`.
        user_id: UserId,
    }
    optional {
        /// The page, from 0.
        page: u32,
        /// Apps per page, at most 200.
        per_page: u32,
    }
    path(user_id)
    query(|ep| super::page_query(ep.page, ep.per_page))
}
