//! Account flows without a session: password reset and email verification by emailed token,
//! an admin's verification of a user's email, and the legacy MFA check. Bodies and error ids
//! are those of `server/channels/api4/user.go` (`sendPasswordReset`, `resetPassword`,
//! `sendVerificationEmail`, `verifyUserEmail`, `verifyUserEmailWithoutToken`), which reads
//! each body as a string map (`model.MapFromJSON`).

use serde::Serialize;
use serde_json::json;

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::UserId;
use crate::models::{MfaRequired, StatusOk, User};
use crate::query::Query;
use crate::secret::{Secret, Token};

/// The length of the tokens the server emails (`model.TokenSize`,
/// `server/public/model/token.go`); `resetPassword` and `verifyUserEmail` refuse any other
/// length with a 400 before looking the token up.
pub const EMAILED_TOKEN_LEN: usize = 64;

fn check_email(email: &str) -> Result<(), BuildError> {
    if email.trim().is_empty() {
        return Err(BuildError::InvalidParam {
            param: "email",
            reason: "empty".into(),
        });
    }
    Ok(())
}

fn check_emailed_token(token: &Token) -> Result<(), BuildError> {
    if token.expose().len() != EMAILED_TOKEN_LEN {
        return Err(BuildError::InvalidParam {
            param: "token",
            reason: format!("an emailed token has {EMAILED_TOKEN_LEN} characters"),
        });
    }
    Ok(())
}

endpoint! {
    /// Emails the user with this address a link holding a one-use password reset token
    /// (valid one hour, `PasswordRecoverExpiryTime` in `server/channels/app/user.go`). An
    /// unknown address is not an error (200, nothing sent); an SSO account is a 400
    /// `api.user.send_password_reset.sso.app_error`. No session needed.
    POST "/users/password/reset/send" => SendPasswordResetEmail -> StatusOk {
        /// The account's email address (the server lower-cases it).
        email: String,
    }
    path()
    body(|ep| {
        check_email(&ep.email)?;
        Body::json(&json!({ "email": ep.email }))
    })
}

endpoint! {
    /// Sets a new password with the token of a reset email; the token is used up. A token
    /// that is not 64 characters is a 400 naming `token` (refused here before any I/O); an
    /// unknown one a 400 `api.user.reset_password.invalid_link.app_error`, an expired one
    /// (after one hour) a 400 `api.user.reset_password.link_expired.app_error`. No session
    /// needed.
    ///
    /// The body carries the token as `token`, which is what `resetPassword`
    /// (`server/channels/api4/user.go`) and `Client4.ResetPassword` send, and again as `code`,
    /// the name the spec (and servers before 5.x) use; the server reads the body as a string
    /// map and ignores the other key.
    POST "/users/password/reset" => ResetPassword -> StatusOk {
        /// The token from the reset email (redacted in `Debug`).
        token: Token,
        /// The new password (redacted in `Debug`).
        new_password: Secret,
    }
    path()
    body(|ep| {
        #[derive(Serialize)]
        struct ResetBody<'a> {
            token: &'a str,
            code: &'a str,
            new_password: &'a Secret,
        }
        check_emailed_token(&ep.token)?;
        if ep.new_password.expose().is_empty() {
            return Err(BuildError::InvalidParam { param: "new_password", reason: "empty".into() });
        }
        Body::json(&ResetBody { token: ep.token.expose(), code: ep.token.expose(), new_password: &ep.new_password })
    })
}

endpoint! {
    /// Emails the user with this address a link holding a one-use verification token (valid
    /// one hour). Always 200 for a well-formed address, known or not, so as not to reveal
    /// which accounts exist (`sendVerificationEmail` in `server/channels/api4/user.go`). No
    /// session needed.
    POST "/users/email/verify/send" => SendVerificationEmail -> StatusOk {
        /// The account's email address (the server lower-cases it).
        email: String,
    }
    optional {
        /// Where the emailed link leads after verifying (query `r`, which the handler reads).
        redirect: String,
    }
    path()
    query(|ep| Ok(Query::new().with_opt("r", ep.redirect.as_deref())))
    body(|ep| {
        check_email(&ep.email)?;
        Body::json(&json!({ "email": ep.email }))
    })
}

endpoint! {
    /// Verifies the user's email with the token of a verification email; the token is used
    /// up and the user's `email_verified` becomes `true`. A token that is not 64 characters
    /// is a 400 naming `token` (refused here before any I/O); an unknown, used or expired one
    /// a 400 `api.user.verify_email.bad_link.app_error`. No session needed.
    POST "/users/email/verify" => VerifyUserEmail -> StatusOk {
        /// The token from the verification email (redacted in `Debug`).
        token: Token,
    }
    path()
    body(|ep| {
        check_emailed_token(&ep.token)?;
        Body::json(&json!({ "token": ep.token.expose() }))
    })
}

endpoint! {
    /// Marks the user's email verified without a token. Needs `manage_system` (403
    /// otherwise); an unknown user is a 404. Returns the user as read before the change (the
    /// handler encodes the user it fetched first, so its `email_verified` is the old value).
    POST "/users/{user_id}/email/verify/member" => VerifyUserEmailWithoutToken -> User {
        /// The user.
        user_id: UserId,
    }
    path(user_id)
}

#[allow(deprecated)]
mod legacy_mfa {
    use super::*;

    endpoint! {
        /// Whether the account with this login ID needs an MFA code to log in
        /// (`{"mfa_required": bool}`). Needs no session.
        ///
        /// Deprecated: still in the spec, but current servers no longer register
        /// `POST /users/mfa` (404); older ones answer only with legacy MFA
        /// (`ServiceSettings.EnableMultifactorAuthentication` and the legacy check) switched on.
        /// Try the login and read `api.user.check_user_mfa.bad_code.app_error` instead.
        #[deprecated(note = "current Mattermost servers no longer register POST /users/mfa (404); older ones only with legacy MFA on: log in and handle the MFA error instead")]
        POST "/users/mfa" => CheckUserMfa -> MfaRequired {
            /// Username or email.
            login_id: String,
        }
        path()
        body(|ep| {
            if ep.login_id.is_empty() {
                return Err(BuildError::InvalidParam { param: "login_id", reason: "empty".into() });
            }
            Body::json(&json!({ "login_id": ep.login_id }))
        })
    }
}

#[allow(deprecated)]
pub use legacy_mfa::CheckUserMfa;
