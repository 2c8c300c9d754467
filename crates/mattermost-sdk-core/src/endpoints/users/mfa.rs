//! Multi-factor authentication.

use serde::Serialize;

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::UserId;
use crate::models::{MfaSecret, StatusOk};

endpoint! {
    /// Generates a new MFA secret and QR code for the user.
    POST "/users/{user_id}/mfa/generate" => GenerateMfaSecret -> MfaSecret {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// Turns MFA on or off. Activating needs a code from the authenticator; deactivating
    /// needs one when MFA is active. The code is sent as a string, as the server expects.
    PUT "/users/{user_id}/mfa" => UpdateUserMfa -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// `true` to activate.
        activate: bool,
    }
    optional {
        /// The current code from the authenticator app (digits, sent as a string).
        code: String,
    }
    path(user_id)
    body(|ep| {
        #[derive(Serialize)]
        struct MfaBody<'a> {
            activate: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            code: Option<&'a str>,
        }
        let code = ep.code.as_deref();
        if let Some(c) = code {
            if c.is_empty() || !c.bytes().all(|b| b.is_ascii_digit()) {
                return Err(BuildError::InvalidParam { param: "code", reason: "an MFA code is digits only".into() });
            }
        } else if ep.activate {
            return Err(BuildError::InvalidParam { param: "code", reason: "activating MFA needs a code".into() });
        }
        Body::json(&MfaBody { activate: ep.activate, code })
    })
    // Safe to repeat? not repeatable: `updateUserMfa` (`server/channels/api4/user.go`) activates with a
    // one-time code, and a second activation fails.
    idempotent(false)
}
