//! Sign-in flows: the body of `POST /users/login/switch` ([`SwitchRequest`], after
//! `model.SwitchRequest` in `server/public/model/switch_request.go`) and its answer
//! ([`FollowLink`]), and the session a mobile SSO code exchange returns
//! ([`SsoCodeExchangeSession`]).

use mattermost_sdk_derive::DeserializeExtra;
use serde::{Deserialize, Serialize};

use super::{AuthService, JsonMap};
use crate::secret::{Secret, Token};

/// A request to change how a user signs in (`model.SwitchRequest`,
/// `server/public/model/switch_request.go`). The server makes four switches, chosen by
/// `current_service` → `new_service` (`switchAccountType` in
/// `server/channels/api4/user.go`); build one with its constructor:
///
/// | constructor | switch | fields |
/// |---|---|---|
/// | [`email_to_sso`](Self::email_to_sso) | `email` → `saml`, `gitlab`, `google`, `office365`, `openid` | `email`, `password` (+ `mfa_code`) |
/// | [`sso_to_email`](Self::sso_to_email) | one of those → `email` (needs the user's session) | `email`, `new_password` |
/// | [`email_to_ldap`](Self::email_to_ldap) | `email` → `ldap` | `email`, `password` (+ `mfa_code`), `ldap_id`, `new_password` (the LDAP password) |
/// | [`ldap_to_email`](Self::ldap_to_email) | `ldap` → `email` | `password` (the LDAP password, + `mfa_code`), `email`, `new_password` |
///
/// The Go struct has no `omitempty`; a field left `None` here is not sent, which the
/// server's JSON decoder reads as `""`, as it would an empty string. Passwords and the MFA
/// code are [`Secret`]s: redacted in `Debug`, never in an error. It also decodes (a blank
/// secret reads as `None`), for a test or proxy that reads such a body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SwitchRequest {
    /// The sign-in method the account has now.
    pub current_service: AuthService,
    /// The sign-in method to switch to.
    pub new_service: AuthService,
    /// The account's email address.
    #[serde(default)]
    pub email: String,
    /// The current password: the email password, or for `ldap` → `email` the LDAP password.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::secret::blank_is_none"
    )]
    pub password: Option<Secret>,
    /// The new password: the email password to set, or for `email` → `ldap` the LDAP
    /// password.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::secret::blank_is_none"
    )]
    pub new_password: Option<Secret>,
    /// The current MFA code, for an account with MFA (checked with `password`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::secret::blank_is_none"
    )]
    pub mfa_code: Option<Secret>,
    /// The LDAP login ID to bind the account to (`ldap_id` on the wire; `email` → `ldap`).
    #[serde(rename = "ldap_id", default, skip_serializing_if = "Option::is_none")]
    pub ldap_login_id: Option<String>,
}

impl SwitchRequest {
    /// `email` → an SSO service (`saml`, `gitlab`, `google`, `office365`, `openid`): checks
    /// the email password, then answers with the link that starts the SSO sign-in. Add
    /// [`mfa_code`](Self::mfa_code) for an account with MFA.
    pub fn email_to_sso(
        email: impl Into<String>,
        password: impl Into<Secret>,
        new_service: AuthService,
    ) -> Self {
        SwitchRequest {
            current_service: AuthService::Email,
            new_service,
            email: email.into(),
            password: Some(password.into()),
            new_password: None,
            mfa_code: None,
            ldap_login_id: None,
        }
    }

    /// An SSO service → `email`: sets `new_password` as the email password of the
    /// session's own account (`email` must be that account's), ends its sessions, and
    /// answers `/login?extra=signin_change`. Needs the user's session.
    pub fn sso_to_email(
        current_service: AuthService,
        email: impl Into<String>,
        new_password: impl Into<Secret>,
    ) -> Self {
        SwitchRequest {
            current_service,
            new_service: AuthService::Email,
            email: email.into(),
            password: None,
            new_password: Some(new_password.into()),
            mfa_code: None,
            ldap_login_id: None,
        }
    }

    /// `email` → `ldap`: checks the email password, ends the account's sessions, binds the
    /// account to LDAP login `ldap_login_id` checked with `ldap_password`.
    pub fn email_to_ldap(
        email: impl Into<String>,
        password: impl Into<Secret>,
        ldap_login_id: impl Into<String>,
        ldap_password: impl Into<Secret>,
    ) -> Self {
        SwitchRequest {
            current_service: AuthService::Email,
            new_service: AuthService::Ldap,
            email: email.into(),
            password: Some(password.into()),
            new_password: Some(ldap_password.into()),
            mfa_code: None,
            ldap_login_id: Some(ldap_login_id.into()),
        }
    }

    /// `ldap` → `email`: checks the LDAP password, then sets `new_password` as the email
    /// password.
    pub fn ldap_to_email(
        ldap_password: impl Into<Secret>,
        email: impl Into<String>,
        new_password: impl Into<Secret>,
    ) -> Self {
        SwitchRequest {
            current_service: AuthService::Ldap,
            new_service: AuthService::Email,
            email: email.into(),
            password: Some(ldap_password.into()),
            new_password: Some(new_password.into()),
            mfa_code: None,
            ldap_login_id: None,
        }
    }

    /// Adds the current MFA code (checked with `password`).
    pub fn mfa_code(mut self, code: impl Into<Secret>) -> Self {
        self.mfa_code = Some(code.into());
        self
    }

    /// True if the server makes this switch: one of the four of `model.SwitchRequest`'s
    /// `EmailToOAuth`, `OAuthToEmail`, `EmailToLdap`, `LdapToEmail`
    /// (`server/public/model/switch_request.go`); any other pair is a 400 `switch_request`.
    pub fn is_supported(&self) -> bool {
        use AuthService::*;
        let sso = |s: AuthService| matches!(s, Saml | Gitlab | Google | Office365 | Openid);
        match (self.current_service, self.new_service) {
            (Email, to) => sso(to) || to == Ldap,
            (from, Email) => sso(from) || from == Ldap,
            _ => false,
        }
    }
}

/// The answer to `POST /users/login/switch`: `{"follow_link": "..."}`, where to send the
/// user next (`switchAccountType` writes `model.MapToJSON`, `server/channels/api4/user.go`).
/// For a switch to SSO it is the provider's sign-in URL (for SAML
/// `{SiteURL}/login/sso/saml?action=email_to_sso&email_token=...`); for a switch to email or
/// LDAP `/login?extra=signin_change`.
#[derive(Debug, Clone, PartialEq, Serialize, DeserializeExtra)]
pub struct FollowLink {
    /// The link (absolute, or a path below the site URL).
    pub follow_link: String,
    /// Any other fields.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// The session a mobile SSO code exchange creates (`POST /users/login/sso/code-exchange`):
/// `{"token": "...", "csrf": "..."}` (`loginSSOCodeExchange`,
/// `server/channels/api4/user.go`). Both are secrets, redacted in `Debug`; give the token to
/// a client (`Client::builder(url).token(..)` in the facade), as any session token.
#[derive(Debug, Clone, PartialEq, Serialize, DeserializeExtra)]
pub struct SsoCodeExchangeSession {
    /// The new session's token (redacted in `Debug`).
    pub token: Token,
    /// The session's CSRF token, for cookie-authenticated requests (`Session.GetCSRF()`;
    /// redacted in `Debug`; `None` if blank).
    #[serde(default, deserialize_with = "crate::secret::blank_is_none")]
    pub csrf: Option<Secret>,
    /// Any other fields.
    #[serde(flatten)]
    pub extra: JsonMap,
}
