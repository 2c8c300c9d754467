//! Other ways to sign in, on [`Users`]: switching an account's sign-in method, the CWS
//! one-time login, and the (deprecated) mobile SSO code exchange.

use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::models::SwitchRequest;
use mattermost_sdk_core::{Secret, Token};

use crate::client::Call;
use crate::users::Users;

impl Users {
    /// `POST /users/login/switch`: changes how a user signs in (email ↔ SSO, email ↔ LDAP;
    /// see [`SwitchRequest`]'s constructors). Returns the [`FollowLink`] to send the user to
    /// next. Only the switch from SSO to email needs the user's session; the others check the
    /// password in the request. A pair of services the server does not switch fails before
    /// any I/O.
    ///
    /// [`FollowLink`]: mattermost_sdk_core::models::FollowLink
    pub fn switch_account_type(&self, request: SwitchRequest) -> Call<SwitchAccountType> {
        Call::new(self.client(), Ok(SwitchAccountType::new(request)))
    }

    /// `POST /users/login/cws`: logs in with a one-time token of the Customer Web Server
    /// (Mattermost Cloud). Returns the new session ([`CwsLogin`]: its `token`, the user's
    /// ID, the CSRF token), read from the session cookie of the server's `302`, which is
    /// not followed. This client keeps its own session; to use the new one, build a client
    /// with it (`Client::builder(url).token(login.token)`) or call
    /// [`Client::set_token`](crate::Client::set_token). A refused login is the server's
    /// `302` without the cookie: [`Error::Api`](crate::Error::Api) with status 302.
    pub fn login_by_cws_token(
        &self,
        login_id: impl Into<String>,
        cws_token: impl Into<Token>,
    ) -> Call<LoginByCwsToken> {
        Call::new(
            self.client(),
            Ok(LoginByCwsToken::new(login_id.into(), cws_token.into())),
        )
    }

    /// `POST /users/login/sso/code-exchange`: exchanges a mobile SAML sign-in's one-time
    /// `login_code`, with the PKCE `code_verifier` and the `state` the app started it with,
    /// for a session (token and CSRF token).
    #[deprecated(
        note = "deprecated by Mattermost since January 2026 (mobile SAML code exchange); kept while servers still serve it"
    )]
    #[allow(deprecated)]
    pub fn sso_code_exchange(
        &self,
        login_code: impl Into<Secret>,
        code_verifier: impl Into<Secret>,
        state: impl Into<String>,
    ) -> Call<LoginSSOCodeExchange> {
        Call::new(
            self.client(),
            Ok(LoginSSOCodeExchange::new(
                login_code.into(),
                code_verifier.into(),
                state.into(),
            )),
        )
    }
}

#[allow(deprecated)]
pub(crate) const SIGNIN_METHODS: &[crate::registry::FacadeMethod] = crate::registry::facade_methods![
    SwitchAccountType => "client.users().switch_account_type(SwitchRequest)",
    LoginByCwsToken => "client.users().login_by_cws_token(login_id, cws_token)",
    LoginSSOCodeExchange => "client.users().sso_code_exchange(login_code, code_verifier, state) (deprecated)",
];
