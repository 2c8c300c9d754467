//! Other ways to sign in: switching an account's sign-in method (`switchAccountType`), the
//! Customer Web Server's one-time login (`loginCWS`) and the mobile SSO code exchange
//! (`loginSSOCodeExchange`), all in `server/channels/api4/user.go`. None needs a session,
//! but a switch from SSO to email does.

use bytes::Bytes;
use http::header::{LOCATION, SET_COOKIE};
use http::Response;
use serde::Serialize;

use crate::body::Body;
use crate::error::{BuildError, DecodeError};
use crate::models::{FollowLink, SwitchRequest};
use crate::response::FromResponse;
use crate::secret::{Secret, Token};

#[allow(unused_imports)]
use crate::models::SsoCodeExchangeSession;

fn non_empty(param: &'static str, value: &str) -> Result<(), BuildError> {
    if value.is_empty() {
        return Err(BuildError::InvalidParam {
            param,
            reason: "empty".into(),
        });
    }
    Ok(())
}

endpoint! {
    /// Changes how a user signs in: email ↔ an SSO service, email ↔ LDAP (see
    /// [`SwitchRequest`] for the four switches and their fields). Answers with the link to
    /// follow next ([`FollowLink`]). A pair of services the server does not switch is a
    /// [`BuildError`] here (the server's 400 `switch_request`). Errors, from
    /// `server/channels/app/{oauth,ldap}.go`: 403
    /// `api.user.{email_to_oauth,oauth_to_email,email_to_ldap,ldap_to_email}.not_available.app_error`
    /// on a licensed server with `ExperimentalEnableAuthenticationTransfer` off; 403
    /// `api.user.auth_switch.not_available.{email_signup_disabled,login_disabled}.app_error`
    /// when email sign-up or sign-in is off (switches to email); 401 from the password and
    /// MFA checks; 401 without a session for SSO → email, 403
    /// `api.user.oauth_to_email.context.app_error` if the email is not the session's user;
    /// 501 where the server has no LDAP or the SSO service is not configured.
    POST "/users/login/switch" => SwitchAccountType -> FollowLink {
        /// The switch (passwords and MFA code redacted in `Debug`).
        request: SwitchRequest,
    }
    path()
    body(|ep| {
        if !ep.request.is_supported() {
            return Err(BuildError::InvalidParam {
                param: "switch_request",
                reason: format!(
                    "the server does not switch {} to {}: it switches email to saml, gitlab, google, office365, openid or ldap, and those to email",
                    ep.request.current_service.as_str(),
                    ep.request.new_service.as_str()
                ),
            });
        }
        Body::json(&ep.request)
    })
}

endpoint! {
    /// Logs in with a one-time token of the Customer Web Server (Mattermost Cloud's
    /// provisioning service), as a browser's form post does: the body is
    /// `application/x-www-form-urlencoded` `login_id=...&cws_token=...`, which `loginCWS`
    /// reads with `r.ParseForm()` (`server/channels/api4/user.go`).
    ///
    /// The answer is a `302 Found` to the site URL: on success it sets the session cookies
    /// (`MMAUTHTOKEN`, `MMUSERID`, `MMCSRF`; `AttachSessionCookies`,
    /// `server/channels/app/login.go`), read into [`CwsLogin`]. So this request is never
    /// redirected (`follow_redirects(false)`), and the `302` is its answer. A refused login
    /// (unknown login ID, a bot, a token used before or not the server's `CWS_CLOUD_TOKEN`)
    /// is the same `302` without the cookies: an [`ApiError`](crate::ApiError) with status
    /// 302. A server without a Cloud licence answers 401 `api.user.login_cws.license.error`.
    /// The token is single use (the server stores it once used).
    POST "/users/login/cws" => LoginByCwsToken -> CwsLogin {
        /// Username or email of the account.
        login_id: String,
        /// The one-time CWS token (redacted in `Debug`).
        cws_token: Token,
    }
    path()
    body(|ep| {
        #[derive(Serialize)]
        struct Form<'a> {
            login_id: &'a str,
            cws_token: &'a str,
        }
        non_empty("login_id", &ep.login_id)?;
        non_empty("cws_token", ep.cws_token.expose())?;
        Body::form(&Form { login_id: &ep.login_id, cws_token: ep.cws_token.expose() })
    })
    follow_redirects(false)
}

/// The session a CWS login created, read from the `Set-Cookie` headers of its `302`
/// (`AttachSessionCookies`, `server/channels/app/login.go`). The token works as any session
/// token: `Authorization: Bearer` (in the facade: a client built with `.token(..)`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CwsLogin {
    /// The session token (cookie `MMAUTHTOKEN`; redacted in `Debug`).
    pub token: Token,
    /// The user's ID (cookie `MMUSERID`), if sent.
    pub user_id: Option<String>,
    /// The session's CSRF token (cookie `MMCSRF`; redacted in `Debug`), if sent.
    pub csrf: Option<Secret>,
    /// Where the `302` leads (`Location`: the site URL, or a page below it).
    pub location: Option<String>,
}

/// The value of cookie `name` among the response's `Set-Cookie` headers, if set and not
/// blank: the text between `name=` and the first `;` (a quoted value loses its quotes).
pub fn set_cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers.get_all(SET_COOKIE).iter().find_map(|v| {
        let first = v.to_str().ok()?.split(';').next()?;
        let (k, val) = first.split_once('=')?;
        let val = val.trim().trim_matches('"');
        (k.trim() == name && !val.is_empty()).then(|| val.to_owned())
    })
}

/// The session cookie's name (`model.SessionCookieToken`, `server/public/model/session.go`).
pub const SESSION_COOKIE: &str = "MMAUTHTOKEN";

impl FromResponse for CwsLogin {
    /// A redirect that sets the session cookie (a redirect without it is a refused login),
    /// or a 2xx that does.
    fn accepts(resp: &Response<Bytes>) -> bool {
        (resp.status().is_redirection() || resp.status().is_success())
            && set_cookie_value(resp.headers(), SESSION_COOKIE).is_some()
    }

    fn from_response(resp: Response<Bytes>) -> Result<Self, DecodeError> {
        let headers = resp.headers();
        let token = set_cookie_value(headers, SESSION_COOKIE).ok_or_else(|| {
            DecodeError::other::<CwsLogin>(
                resp.status(),
                b"",
                "the response sets no MMAUTHTOKEN cookie",
            )
        })?;
        Ok(CwsLogin {
            token: Token::new(token),
            user_id: set_cookie_value(headers, "MMUSERID"),
            csrf: set_cookie_value(headers, "MMCSRF").map(Secret::new),
            location: headers
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        })
    }
}

#[allow(deprecated)]
mod code_exchange {
    use super::*;

    endpoint! {
        /// Exchanges the one-time `login_code` a mobile app got at the end of a SAML sign-in
        /// for a session ([`SsoCodeExchangeSession`]: token and CSRF token), proving it
        /// started that sign-in with `code_verifier` (PKCE: the server compares it, or its
        /// SHA-256 in unpadded base64url for method `S256`, with the challenge it stored) and
        /// `state`. Body: the JSON string map `loginSSOCodeExchange` reads
        /// (`server/channels/api4/user.go`). Errors: 400
        /// `api.oauth.get_access_token.bad_request.app_error` with the `MobileSSOCodeExchange`
        /// feature flag off, for an expired code, a state or verifier that does not match; 404
        /// `api.user.create_user.signup_link_invalid.app_error` for an unknown or used code.
        /// No session needed.
        ///
        /// Deprecated: Mattermost deprecated this operation in January 2026 (the spec marks it
        /// so); it remains while servers still serve it.
        #[deprecated(note = "deprecated by Mattermost since January 2026 (mobile SAML code exchange); kept while servers still serve it")]
        POST "/users/login/sso/code-exchange" => LoginSSOCodeExchange -> SsoCodeExchangeSession {
            /// The one-time code from the SSO redirect (redacted in `Debug`).
            login_code: Secret,
            /// The PKCE verifier the app generated (redacted in `Debug`).
            code_verifier: Secret,
            /// The `state` the app sent when it started the sign-in.
            state: String,
        }
        path()
        body(|ep| {
            non_empty("login_code", ep.login_code.expose())?;
            non_empty("code_verifier", ep.code_verifier.expose())?;
            non_empty("state", &ep.state)?;
            Body::json(&serde_json::json!({
                "login_code": ep.login_code.expose(),
                "code_verifier": ep.code_verifier.expose(),
                "state": ep.state,
            }))
        })
    }
}

#[allow(deprecated)]
pub use code_exchange::LoginSSOCodeExchange;
