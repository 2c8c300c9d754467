//! Local mode: the server's API on its Unix socket (`mmctl --local`), as the fake plays it
//! when served with `serve_unix`.
//!
//! The server registers a separate, smaller router for local mode: only handlers wrapped in
//! `APILocal` (`server/channels/api4/*_local.go`) answer there, everything else is a 404, and
//! every request runs as a local session with every permission and no user
//! (`Session{Local: true}`): no token is read, and `me` names nobody.

use http::Method;

use super::routes::Auth;

/// Marks a request that arrived on the local-mode socket. Only `serve_unix` inserts it (the
/// type is private), so no other request can claim local mode.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LocalMode;

/// The users-API and system routes the server registers with `APILocal`, in the fake's route
/// syntax (below `/api/v4/`, `{}` for a parameter). From `server/channels/api4/user_local.go`
/// (`InitUserLocal`) and `system_local.go` (`InitSystemLocal`, the ping). Routes the fake does
/// not model are listed too, so an added one is local exactly when the server's is.
pub(crate) const LOCAL_ROUTES: &[(&str, &str)] = &[
    ("GET", "users"),
    ("DELETE", "users"),
    ("POST", "users"),
    ("POST", "users/password/reset/send"),
    ("POST", "users/ids"),
    ("GET", "users/{}"),
    ("PUT", "users/{}"),
    ("DELETE", "users/{}"),
    ("PUT", "users/{}/roles"),
    ("PUT", "users/{}/mfa"),
    ("PUT", "users/{}/active"),
    ("PUT", "users/{}/password"),
    ("POST", "users/{}/convert_to_bot"),
    ("POST", "users/{}/email/verify/member"),
    ("POST", "users/{}/promote"),
    ("POST", "users/{}/demote"),
    ("GET", "users/username/{}"),
    ("GET", "users/email/{}"),
    ("POST", "users/tokens/revoke"),
    ("GET", "users/{}/tokens"),
    ("POST", "users/{}/tokens"),
    ("POST", "users/migrate_auth/ldap"),
    ("POST", "users/migrate_auth/saml"),
    ("GET", "users/{}/uploads"),
    ("GET", "system/ping"),
];

/// True if the server answers `method` on the route `pattern` in local mode.
pub(crate) fn allows(method: &Method, pattern: &str) -> bool {
    LOCAL_ROUTES
        .iter()
        .any(|(m, p)| *m == method.as_str() && *p == pattern)
}

/// The caller in local mode: no user, every permission.
pub(crate) fn auth() -> Auth {
    Auth {
        user_id: String::new(),
        session_id: None,
        admin: true,
    }
}
