//! Passwords and the authentication method.

use serde::Serialize;

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::UserId;
use crate::models::{StatusOk, UserAuthData};
use crate::secret::Secret;

endpoint! {
    /// Changes a user's password. Sends `current_password` (not `old_password`, which the
    /// server ignores) and `new_password`. Admins may omit the current password.
    PUT "/users/{user_id}/password" => UpdateUserPassword -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The new password.
        new_password: Secret,
    }
    optional {
        /// The current password (required unless an admin changes someone else's).
        current_password: Secret,
    }
    path(user_id)
    body(|ep| {
        #[derive(Serialize)]
        struct PasswordBody<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            current_password: Option<&'a Secret>,
            new_password: &'a Secret,
        }
        if ep.new_password.expose().is_empty() {
            return Err(BuildError::InvalidParam { param: "new_password", reason: "empty".into() });
        }
        Body::json(&PasswordBody { current_password: ep.current_password.as_ref(), new_password: &ep.new_password })
    })
}

endpoint! {
    /// Changes how a user authenticates (email/password, LDAP, SAML, ...). The body is the
    /// [`UserAuthData`] itself, always sent.
    PUT "/users/{user_id}/auth" => UpdateUserAuth -> UserAuthData {
        /// The user.
        user_id: UserId,
        /// The new authentication data.
        auth: UserAuthData,
    }
    path(user_id)
    body(|ep| Body::json(&ep.auth))
}
