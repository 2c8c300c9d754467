//! Sessions of every user and the session's mobile device, on [`Users`]
//! (`/users/sessions/...`). A user's own sessions are on [`UserHandle`](crate::UserHandle).

use mattermost_sdk_core::endpoints::users::{AttachDeviceExtraProps, RevokeSessionsFromAllUsers};

use crate::client::Call;
use crate::registry::{facade_methods, FacadeMethod};
use crate::users::Users;

/// The facade methods of this module, for [`crate::registry`].
pub(crate) const SESSION_METHODS: &[FacadeMethod] = facade_methods![
    RevokeSessionsFromAllUsers => "client.users().revoke_all_sessions_of_all_users()",
    AttachDeviceExtraProps => "client.users().attach_device()",
];

impl Users {
    /// Revokes every session of every user, the caller's included; personal access tokens
    /// keep working (`POST /api/v4/users/sessions/revoke/all`, `RevokeSessionsFromAllUsers`).
    /// Needs `manage_system`.
    pub fn revoke_all_sessions_of_all_users(&self) -> Call<RevokeSessionsFromAllUsers> {
        Call::new(self.client(), Ok(RevokeSessionsFromAllUsers::new()))
    }

    /// Attaches the calling session's mobile device and its properties; set at least one of
    /// `.device_id(..)`, `.device_notification_disabled(..)`, `.mobile_version(..)` (semver)
    /// (`PUT /api/v4/users/sessions/device`, `AttachDeviceExtraProps`).
    pub fn attach_device(&self) -> Call<AttachDeviceExtraProps> {
        Call::new(self.client(), Ok(AttachDeviceExtraProps::new()))
    }
}

impl Call<AttachDeviceExtraProps> {
    /// Sets the mobile device ID (`android:<id>` or `apple:<id>`).
    pub fn device_id(self, id: impl Into<String>) -> Self {
        self.map(|ep| ep.device_id(id.into()))
    }

    /// Sets whether the device has notifications off (sent as `"true"`/`"false"`).
    pub fn device_notification_disabled(self, off: bool) -> Self {
        self.map(|ep| ep.device_notification_disabled(off))
    }

    /// Sets the mobile app's version (semver, checked before sending).
    pub fn mobile_version(self, version: impl Into<String>) -> Self {
        self.map(|ep| ep.mobile_version(version.into()))
    }
}
