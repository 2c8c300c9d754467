//! Personal access tokens: create and list a user's tokens, and the token-ID operations
//! (get, revoke, disable, enable, search, list all). Permissions and error ids are those of
//! `server/channels/api4/user.go` (`createUserAccessToken`, ...) and
//! `server/channels/app/session.go` (`CreateUserAccessToken`, ...).

use serde_json::json;

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::{TokenId, UserId};
use crate::models::{CreatedUserAccessToken, StatusOk, UserAccessToken};
use crate::paging::{PageRule, Paged};

use super::page_query;

/// `model.UserAccessToken.IsValid` refuses a description longer than 255 bytes
/// (`len(t.Description) > 255`, `server/public/model/user_access_token.go`); the handler
/// refuses an empty one (400 `description`).
fn check_description(description: &str) -> Result<(), BuildError> {
    if description.is_empty() {
        return Err(BuildError::InvalidParam {
            param: "description",
            reason: "the server needs a non-empty description".into(),
        });
    }
    if description.len() > 255 {
        return Err(BuildError::InvalidParam {
            param: "description",
            reason: format!("{} bytes; the server allows at most 255", description.len()),
        });
    }
    Ok(())
}

endpoint! {
    /// Creates a personal access token for the user and answers it, token string included:
    /// the only time the server shows it. Needs `create_user_access_token` and the user
    /// themself or `edit_other_users` (`manage_system` for a system admin's token); with
    /// `ServiceSettings.EnableUserAccessTokens` off the server answers 501
    /// `app.user_access_token.disabled` (bots excepted). The description must be 1 to 255
    /// bytes (checked before I/O).
    POST "/users/{user_id}/tokens" => CreateUserAccessToken -> CreatedUserAccessToken {
        /// The user, or `me`.
        user_id: UserId,
        /// What the token is for.
        description: String,
    }
    path(user_id)
    body(|ep| {
        check_description(&ep.description)?;
        Body::json(&json!({ "description": ep.description }))
    })
}

endpoint! {
    /// Lists the user's personal access tokens, token strings blanked. Paged: 0-based
    /// `page`, `per_page` (server default 60, at most 200). Needs `read_user_access_token`
    /// and the user themself or `edit_other_users`.
    GET "/users/{user_id}/tokens" => GetUserAccessTokensForUser -> Vec<UserAccessToken> {
        /// The user, or `me`.
        user_id: UserId,
    }
    optional {
        /// The page, from 0.
        page: u32,
        /// Tokens per page, 1 to 200.
        per_page: u32,
    }
    path(user_id)
    query(|ep| page_query(ep.page, ep.per_page))
}

endpoint! {
    /// Lists every personal access token of the server, token strings blanked. Paged:
    /// 0-based `page`, `per_page` (server default 60, at most 200). Needs `manage_system`.
    GET "/users/tokens" => GetUserAccessTokens -> Vec<UserAccessToken> {}
    optional {
        /// The page, from 0.
        page: u32,
        /// Tokens per page, 1 to 200.
        per_page: u32,
    }
    path()
    query(|ep| page_query(ep.page, ep.per_page))
}

/// Both token lists: `App.GetUserAccessTokens[ForUser]` pass `page*perPage` to the store as
/// a plain LIMIT/OFFSET (`server/channels/store/sqlstore/user_access_token_store.go`,
/// `GetAll`/`GetByUser`) and only blank the token strings after, so a short page is the last.
macro_rules! token_pages {
    ($($ep:ty),*) => {$(
        impl Paged for $ep {
            type Item = UserAccessToken;
            const RULE: PageRule = PageRule::ShortPageEnds;
            fn at_page(self, page: u32, per_page: u32) -> Self {
                self.page(page).per_page(per_page)
            }
            fn requested_per_page(&self) -> Option<u32> {
                self.per_page
            }
            fn items(output: Vec<UserAccessToken>) -> Vec<UserAccessToken> {
                output
            }
            fn key(item: &UserAccessToken) -> &str {
                &item.id
            }
        }
    )*};
}
token_pages!(GetUserAccessTokensForUser, GetUserAccessTokens);

endpoint! {
    /// Gets one personal access token by ID, token string blanked. Needs
    /// `read_user_access_token` and the owner themself or `edit_other_users`; an unknown ID
    /// is a 404 `app.user_access_token.get_by_user.app_error`.
    GET "/users/tokens/{token_id}" => GetUserAccessToken -> UserAccessToken {
        /// The token's ID.
        token_id: TokenId,
    }
    path(token_id)
}

/// The body of revoke, disable and enable: `{"token_id": ..}`, read by the server as a
/// string map (`model.MapFromJSON`).
fn token_id_body(id: &TokenId) -> Result<Body, BuildError> {
    Body::json(&json!({ "token_id": id }))
}

endpoint! {
    /// Revokes (deletes) a personal access token; any session made from it ends. Needs
    /// `revoke_user_access_token` and the owner themself or `edit_other_users`.
    POST "/users/tokens/revoke" => RevokeUserAccessToken -> StatusOk {
        /// The token's ID.
        token_id: TokenId,
    }
    path()
    body(|ep| token_id_body(&ep.token_id))
}

endpoint! {
    /// Disables a personal access token: it authenticates nothing (401
    /// `app.user_access_token.invalid_or_missing`) until enabled again. Needs
    /// `revoke_user_access_token` and the owner themself or `edit_other_users`.
    POST "/users/tokens/disable" => DisableUserAccessToken -> StatusOk {
        /// The token's ID.
        token_id: TokenId,
    }
    path()
    body(|ep| token_id_body(&ep.token_id))
}

endpoint! {
    /// Enables a disabled personal access token. Needs `create_user_access_token` and the
    /// owner themself or `edit_other_users`.
    POST "/users/tokens/enable" => EnableUserAccessToken -> StatusOk {
        /// The token's ID.
        token_id: TokenId,
    }
    path()
    body(|ep| token_id_body(&ep.token_id))
}

endpoint! {
    /// Finds personal access tokens whose ID, owner ID or owner username equals `term`
    /// (the store's `LIKE` without wildcards, special characters escaped:
    /// `user_access_token_store.go` `Search`), token strings blanked. Needs `manage_system`;
    /// an empty term is refused before I/O (the server answers 400 `term`).
    POST "/users/tokens/search" => SearchUserAccessTokens -> Vec<UserAccessToken> {
        /// A token ID, a user ID or a username.
        term: String,
    }
    path()
    body(|ep| {
        if ep.term.is_empty() {
            return Err(BuildError::InvalidParam { param: "term", reason: "the server needs a non-empty term".into() });
        }
        Body::json(&json!({ "term": ep.term }))
    })
}
