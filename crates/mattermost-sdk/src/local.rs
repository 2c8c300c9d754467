//! Local mode (feature `unix`): a client for the server's local-mode Unix socket, what
//! `mmctl --local` uses.
//!
//! The users-API operations the server registers for local mode (`APILocal` in
//! `server/channels/api4/user_local.go`); every other route is a 404 on the socket:
//!
//! | method | path | operation |
//! |---|---|---|
//! | GET, POST, DELETE | `/users` | GetUsers, CreateUser, PermanentDeleteAllUsers (local only) |
//! | POST | `/users/ids` | GetUsersByIds |
//! | POST | `/users/password/reset/send` | SendPasswordResetEmail |
//! | GET | `/users/username/{username}`, `/users/email/{email}` | GetUserByUsername, GetUserByEmail |
//! | GET, PUT, DELETE | `/users/{user_id}` | GetUser, UpdateUser, DeleteUser |
//! | PUT | `/users/{user_id}/roles`, `/mfa`, `/active`, `/password` | UpdateUserRoles, UpdateUserMfa, UpdateUserActive, UpdateUserPassword |
//! | POST | `/users/{user_id}/convert_to_bot`, `/email/verify/member`, `/promote`, `/demote` | ConvertUserToBot, VerifyUserEmailWithoutToken, PromoteGuestToUser, DemoteUserToGuest |
//! | GET, POST | `/users/{user_id}/tokens` | GetUserAccessTokensForUser, CreateUserAccessToken |
//! | POST | `/users/tokens/revoke` | RevokeUserAccessToken |
//! | POST | `/users/migrate_auth/ldap`, `/users/migrate_auth/saml` | MigrateAuthToLdap, MigrateAuthToSaml |
//! | GET | `/users/{user_id}/uploads` | GetUploadsForUser |
//!
//! Outside the users API, `system_local.go` registers `GET /system/ping` among others.

use std::path::PathBuf;

use mattermost_sdk_hyper::HyperTransport;

use crate::{Client, Error};

/// The server's default local-mode socket (`ServiceSettings.LocalModeSocketLocation`).
pub const DEFAULT_LOCAL_SOCKET: &str = "/var/tmp/mattermost_local.socket";

/// A client for the server's local mode on the Unix socket at `socket_path` (feature `unix`).
///
/// With `ServiceSettings.EnableLocalMode` on, the server serves its API on that socket too.
/// There is no token and no login: whoever may open the socket file (its permissions decide)
/// acts with every permission, as `mmctl --local` does. Only the operations the server
/// registers for local mode answer (the others are 404; the [module docs](self) list them).
/// There is no current user, so `me` does not work: name users by ID.
///
/// The client is an ordinary [`Client`] over
/// [`HyperTransport::unix`](mattermost_sdk_hyper::HyperTransport::unix) with the base URL
/// `http://localhost` (local mode does not look at the host).
///
/// ```no_run
/// # async fn run() -> Result<(), mattermost_sdk::Error> {
/// use mattermost_sdk::local::{local_mode_client, DEFAULT_LOCAL_SOCKET};
///
/// let admin = local_mode_client(DEFAULT_LOCAL_SOCKET)?;
/// let user = admin.users().get("4xp9fdt77pncbef59f4k1qe83o").await?;
/// admin.users().with_id(&user).deactivate().await?;
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// None today (the socket is opened per request: a missing one is a
/// [`TransportErrorKind::Connect`](crate::TransportErrorKind::Connect) error then); the
/// `Result` leaves room for checks at build time.
pub fn local_mode_client(socket_path: impl Into<PathBuf>) -> Result<Client, Error> {
    Client::builder("http://localhost")
        .transport(HyperTransport::unix(socket_path))
        .build()
}
