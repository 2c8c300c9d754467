//! Logging in and out.

use bytes::Bytes;
use http::Response;
use serde::Serialize;

use crate::body::Body;
use crate::error::{BuildError, DecodeError};
use crate::models::{StatusOk, User};
use crate::response::{decode_json, FromResponse};
use crate::secret::{Secret, Token};

endpoint! {
    /// Logs in with a login ID (username or email) and password, plus an MFA code if the
    /// user has MFA. The session token comes back in the `Token` response header.
    POST "/users/login" => Login -> LoginResponse {
        /// Username or email.
        login_id: String,
        /// The password.
        password: Secret,
    }
    optional {
        /// The current MFA code (sent as `token`; redacted in `Debug`).
        mfa_code: Secret,
        /// `true`: authenticate against LDAP only. Sent as the string `"true"` (the server
        /// reads the body as a string map, `model.MapFromJSON` in `login`,
        /// `server/channels/api4/user.go`, and drops the whole body if any value is not a
        /// string); `false` sends nothing, which the server reads the same way.
        ldap_only: bool,
        /// The mobile device ID to attach to the new session (`device_id`; the server
        /// revokes the user's other sessions with the same device ID).
        device_id: String,
    }
    path()
    body(|ep| {
        #[derive(Serialize)]
        struct LoginBody<'a> {
            login_id: &'a str,
            password: &'a Secret,
            #[serde(skip_serializing_if = "Option::is_none")]
            token: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            device_id: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            ldap_only: Option<&'static str>,
        }
        if ep.login_id.is_empty() {
            return Err(BuildError::InvalidParam { param: "login_id", reason: "empty".into() });
        }
        Body::json(&LoginBody { login_id: &ep.login_id, password: &ep.password, token: ep.mfa_code.as_ref().map(Secret::expose), device_id: ep.device_id.as_deref().filter(|d| !d.is_empty()), ldap_only: (ep.ldap_only == Some(true)).then_some("true") })
    })
}

endpoint! {
    /// Ends the current session; its token stops working.
    POST "/users/logout" => Logout -> StatusOk {}
    path()
}

/// What a successful login returns: the user and the session token.
#[derive(Debug, Clone)]
pub struct LoginResponse {
    /// The logged-in user.
    pub user: User,
    /// The session token from the `Token` header (redacted in `Debug`).
    pub token: Token,
}

impl FromResponse for LoginResponse {
    fn from_response(resp: Response<Bytes>) -> Result<Self, DecodeError> {
        let status = resp.status();
        let token = resp
            .headers()
            .get("token")
            .and_then(|v| v.to_str().ok())
            .filter(|t| !t.is_empty())
            .map(Token::new);
        let user: User = decode_json(status, resp.body())?;
        let token = token.ok_or_else(|| {
            DecodeError::other::<LoginResponse>(status, b"", "the response has no Token header")
        })?;
        Ok(LoginResponse { user, token })
    }
}
