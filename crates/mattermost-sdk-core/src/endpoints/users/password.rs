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
    // Safe to repeat? not repeatable: `updatePassword` (`server/channels/api4/user.go`) checks
    // `current_password`, which the first request already changed.
    idempotent(false)
}

endpoint! {
    /// Moves a user to an external authentication service (LDAP, SAML, GitLab, ...). The body
    /// is the [`UserAuthData`]; both `auth_data` and `auth_service` must be non-empty, as the
    /// server's `updateUserAuth` (`server/channels/api4/user.go`) requires, or the request is
    /// refused before any I/O. System admins only.
    PUT "/users/{user_id}/auth" => UpdateUserAuth -> UserAuthData {
        /// The user.
        user_id: UserId,
        /// The new authentication data.
        auth: UserAuthData,
    }
    path(user_id)
    body(|ep| {
        if ep.auth.auth_data.as_deref().is_none_or(str::is_empty) {
            return Err(BuildError::InvalidParam { param: "auth_data", reason: "the server requires the user's external ID (`auth_data`)".into() });
        }
        if ep.auth.auth_service.is_empty() {
            return Err(BuildError::InvalidParam { param: "auth_service", reason: "the server requires the service (`auth_service`); it cannot switch a user back to email login".into() });
        }
        Body::json(&ep.auth)
    })
}
