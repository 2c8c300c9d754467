//! Personal access tokens: the token-ID handle [`AccessTokens`] (`client.access_tokens()`,
//! `/users/tokens/...`) and a user's tokens on [`UserHandle`]/[`Users`]
//! (`client.user(id).get_access_tokens()`, `client.user(id).create_access_token(..)`).
//!
//! Naming: `access_tokens()` is only ever the handle (on [`Client`], as `users()` is the
//! handle of `/users`); listing one user's tokens is `get_access_tokens()`, as listing their
//! sessions is `get_sessions()`.

use mattermost_sdk_core::endpoints::users::{
    CreateUserAccessToken, DisableUserAccessToken, EnableUserAccessToken, GetUserAccessToken,
    GetUserAccessTokens, GetUserAccessTokensForUser, RevokeUserAccessToken, SearchUserAccessTokens,
};
use mattermost_sdk_core::{TokenId, UserId};

use crate::client::{Call, Client};
use crate::registry::{facade_methods, FacadeMethod};
use crate::users::{UserHandle, Users};
use crate::IdArg;

crate::users::user_ops! {
    /// Lists the user's personal access tokens, token strings blanked; optional `.page()`,
    /// `.per_page()`, or `.all()` for every page (`GET /api/v4/users/{user_id}/tokens`,
    /// `GetUserAccessTokensForUser`).
    fn get_access_tokens() -> GetUserAccessTokensForUser = |id| Ok(GetUserAccessTokensForUser::new(id));
    /// Creates a personal access token; the answer's `token` is the secret, shown this once
    /// and usable as is: `Client::builder(url).token(created.token)`
    /// (`POST /api/v4/users/{user_id}/tokens`, `CreateUserAccessToken`). The description
    /// must be 1 to 255 bytes.
    fn create_access_token(description: impl Into<String>) -> CreateUserAccessToken =
        |id| Ok(CreateUserAccessToken::new(id, description.into()));
}

/// The token-ID operations: `client.access_tokens()` (`/users/tokens/...`). One user's
/// tokens are listed by `client.user(id).get_access_tokens()` and created by
/// `client.user(id).create_access_token(..)`.
#[derive(Debug, Clone)]
pub struct AccessTokens {
    client: Client,
}

impl AccessTokens {
    /// Gets one token by ID, token string blanked (`GET /api/v4/users/tokens/{token_id}`,
    /// `GetUserAccessToken`).
    pub fn get(&self, token_id: impl IdArg<TokenId>) -> Call<GetUserAccessToken> {
        Call::new(
            &self.client,
            token_id.into_id().map(GetUserAccessToken::new),
        )
    }

    /// Revokes (deletes) a token (`POST /api/v4/users/tokens/revoke`,
    /// `RevokeUserAccessToken`).
    pub fn revoke(&self, token_id: impl IdArg<TokenId>) -> Call<RevokeUserAccessToken> {
        Call::new(
            &self.client,
            token_id.into_id().map(RevokeUserAccessToken::new),
        )
    }

    /// Disables a token until [`AccessTokens::enable`] (`POST /api/v4/users/tokens/disable`,
    /// `DisableUserAccessToken`).
    pub fn disable(&self, token_id: impl IdArg<TokenId>) -> Call<DisableUserAccessToken> {
        Call::new(
            &self.client,
            token_id.into_id().map(DisableUserAccessToken::new),
        )
    }

    /// Enables a disabled token (`POST /api/v4/users/tokens/enable`,
    /// `EnableUserAccessToken`).
    pub fn enable(&self, token_id: impl IdArg<TokenId>) -> Call<EnableUserAccessToken> {
        Call::new(
            &self.client,
            token_id.into_id().map(EnableUserAccessToken::new),
        )
    }

    /// Finds the tokens whose ID, owner ID or owner username equals `term`
    /// (`POST /api/v4/users/tokens/search`, `SearchUserAccessTokens`). An empty term is
    /// refused before sending.
    pub fn search(&self, term: impl Into<String>) -> Call<SearchUserAccessTokens> {
        Call::new(&self.client, Ok(SearchUserAccessTokens::new(term.into())))
    }

    /// Lists every token of the server; optional `.page()`, `.per_page()`, or `.all()`
    /// (`GET /api/v4/users/tokens`, `GetUserAccessTokens`).
    pub fn list(&self) -> Call<GetUserAccessTokens> {
        Call::new(&self.client, Ok(GetUserAccessTokens::new()))
    }
}

impl Client {
    /// The personal access tokens by token ID; see [`AccessTokens`].
    pub fn access_tokens(&self) -> AccessTokens {
        AccessTokens {
            client: self.clone(),
        }
    }
}

macro_rules! page_setters {
    ($($ep:ty),*) => {$(
        impl Call<$ep> {
            /// Sets the optional `page` (from 0).
            pub fn page(self, page: u32) -> Self {
                self.map(|ep| ep.page(page))
            }

            /// Sets the optional `per_page` (1 to 200).
            pub fn per_page(self, per_page: u32) -> Self {
                self.map(|ep| ep.per_page(per_page))
            }
        }
    )*};
}
page_setters!(GetUserAccessTokensForUser, GetUserAccessTokens);

/// Facade methods of this module not written by `user_ops!`.
pub(crate) const OTHER_METHODS: &[FacadeMethod] = facade_methods![
    GetUserAccessToken => "client.access_tokens().get(token_id)",
    RevokeUserAccessToken => "client.access_tokens().revoke(token_id)",
    DisableUserAccessToken => "client.access_tokens().disable(token_id)",
    EnableUserAccessToken => "client.access_tokens().enable(token_id)",
    SearchUserAccessTokens => "client.access_tokens().search(term)",
    GetUserAccessTokens => "client.access_tokens().list()",
];
