//! A user's system roles.

use serde_json::json;

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::UserId;
use crate::models::{Role, StatusOk};

endpoint! {
    /// Replaces a user's system roles. Sent as ONE space-separated string
    /// (`{"roles": "system_user system_admin"}`), as the server expects.
    PUT "/users/{user_id}/roles" => UpdateUserRoles -> StatusOk {
        /// The user.
        user_id: UserId,
        /// The complete new set of roles.
        roles: Vec<Role>,
    }
    path(user_id)
    body(|ep| Body::json(&json!({ "roles": roles_string(&ep.roles)? })))
}

/// Joins roles into the server's space-separated form, rejecting empty or blank names.
pub(crate) fn roles_string(roles: &[Role]) -> Result<String, BuildError> {
    if roles.is_empty() {
        return Err(BuildError::InvalidParam {
            param: "roles",
            reason: "at least one role is required".into(),
        });
    }
    let mut out = String::new();
    for role in roles {
        let name = role.as_str();
        if name.is_empty() || name.chars().any(char::is_whitespace) {
            return Err(BuildError::InvalidParam {
                param: "roles",
                reason: format!("{name:?} is not a role name"),
            });
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(name);
    }
    if out == "system_admin" {
        // The server's `IsValidUserRoles` rejects `system_admin` alone "to prevent mistakes".
        return Err(BuildError::InvalidParam {
            param: "roles",
            reason: "system_admin alone is rejected by the server; add system_user".into(),
        });
    }
    Ok(out)
}
