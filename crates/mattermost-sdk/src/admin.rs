//! User administration on [`UserHandle`] and [`Users`] (audits, bot conversion, guest
//! demotion and promotion, groups, default image, failed attempts, custom profile
//! attributes, permanent deletion), the auth migrations on [`Users`], and the local-mode
//! handle [`LocalMode`].

use std::collections::BTreeMap;

use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::models::{AuthService, CpaValues};

use crate::client::{Call, Client};
use crate::users::{UserHandle, Users};
use crate::IdArg;
use mattermost_sdk_core::UserId;

crate::users::user_ops! {
    /// Lists the user's audit records, newest first; optional `.page()`, `.per_page()`,
    /// or `.all()` for every page (`GET /api/v4/users/{user_id}/audits`, `GetUserAudits`).
    fn audits() -> GetUserAudits = |id| Ok(GetUserAudits::new(id));
    /// Converts the user into a bot and returns the [`Bot`](crate::models::Bot)
    /// (`POST /api/v4/users/{user_id}/convert_to_bot`, `ConvertUserToBot`).
    fn convert_to_bot() -> ConvertUserToBot = |id| Ok(ConvertUserToBot::new(id));
    /// Demotes the user to a guest (`POST /api/v4/users/{user_id}/demote`,
    /// `DemoteUserToGuest`).
    fn demote_to_guest() -> DemoteUserToGuest = |id| Ok(DemoteUserToGuest::new(id));
    /// Promotes a guest to a regular user (`POST /api/v4/users/{user_id}/promote`,
    /// `PromoteGuestToUser`).
    fn promote_to_user() -> PromoteGuestToUser = |id| Ok(PromoteGuestToUser::new(id));
    /// Lists the groups the user belongs to (`GET /api/v4/users/{user_id}/groups`,
    /// `GetGroupsByUserId`).
    fn groups() -> GetGroupsByUserId = |id| Ok(GetGroupsByUserId::new(id));
    /// Removes the uploaded profile image, back to the generated default
    /// (`DELETE /api/v4/users/{user_id}/image`, `SetDefaultProfileImage`).
    fn set_default_profile_image() -> SetDefaultProfileImage = |id| Ok(SetDefaultProfileImage::new(id));
    /// Gets the generated default profile image, bytes and content type
    /// (`GET /api/v4/users/{user_id}/image/default`, `GetDefaultProfileImage`).
    fn get_default_profile_image() -> GetDefaultProfileImage = |id| Ok(GetDefaultProfileImage::new(id));
    /// Resets the failed login attempts to 0
    /// (`POST /api/v4/users/{user_id}/reset_failed_attempts`, `resetPasswordFailedAttempts`).
    fn reset_failed_attempts() -> ResetPasswordFailedAttempts = |id| Ok(ResetPasswordFailedAttempts::new(id));
    /// Lists the user's custom profile attribute values, field ID → value
    /// (`GET /api/v4/users/{user_id}/custom_profile_attributes`, `ListCPAValues`).
    fn custom_profile_attributes() -> ListCPAValues = |id| Ok(ListCPAValues::new(id));
    /// Sets some custom profile attribute values, field ID → value, and returns those written
    /// (`PATCH /api/v4/users/{user_id}/custom_profile_attributes`, `PatchCPAValuesForUser`).
    fn patch_custom_profile_attributes(values: CpaValues) -> PatchCPAValuesForUser =
        |id| Ok(PatchCPAValuesForUser::new(id, values));
    /// Deletes the user for good, with everything they own; the server allows it only with
    /// `ServiceSettings.EnableAPIUserDeletion` on (`DELETE /api/v4/users/{user_id}?permanent=true`,
    /// `DeleteUser`).
    fn delete_permanently() -> DeleteUser = |id| Ok(DeleteUser::new(id).permanent(true));
}

impl Users {
    /// Migrates every user of the `from` auth service to LDAP, matched on `match_field`;
    /// `force` also migrates ambiguous matches (`POST /api/v4/users/migrate_auth/ldap`,
    /// `MigrateAuthToLdap`). `from` may not be [`AuthService::Ldap`] (a [`BuildError`]
    /// before I/O, as the server rejects it).
    ///
    /// [`BuildError`]: crate::BuildError
    pub fn migrate_auth_to_ldap(
        &self,
        from: AuthService,
        match_field: impl Into<String>,
        force: bool,
    ) -> Call<MigrateAuthToLdap> {
        Call::new(
            self.client(),
            Ok(MigrateAuthToLdap::new(from, match_field.into(), force)),
        )
    }

    /// Migrates every user of the `from` auth service to SAML; `matches` maps current logins
    /// to SAML IDs, `auto` lets the server match them (`POST /api/v4/users/migrate_auth/saml`,
    /// `MigrateAuthToSaml`). `from` may not be [`AuthService::Saml`].
    pub fn migrate_auth_to_saml(
        &self,
        from: AuthService,
        matches: impl IntoIterator<Item = (String, String)>,
        auto: bool,
    ) -> Call<MigrateAuthToSaml> {
        let matches: BTreeMap<String, String> = matches.into_iter().collect();
        Call::new(
            self.client(),
            Ok(MigrateAuthToSaml::new(from, matches, auto)),
        )
    }
}

/// Operations the server serves only on its local-mode Unix socket
/// (`ServiceSettings.EnableLocalMode`, `APILocal` routes in `server/channels/api4/*_local.go`),
/// where every request runs with full rights and no token. Over HTTP(S) the server has no
/// such routes and answers 404 `api.context.404.app_error`. Reach it with
/// [`Client::local_mode`], on a client whose transport talks to the socket.
#[derive(Debug, Clone)]
pub struct LocalMode {
    client: Client,
}

impl LocalMode {
    /// Permanently deletes EVERY user, with their posts, sessions, tokens and files
    /// (`DELETE /api/v4/users`, `PermanentDeleteAllUsers`). Only works over the local-mode
    /// socket (`localPermanentDeleteAllUsers`, `server/channels/api4/user_local.go`); over
    /// HTTP(S) the server answers 404.
    pub fn permanent_delete_all_users(&self) -> Call<PermanentDeleteAllUsers> {
        Call::new(&self.client, Ok(PermanentDeleteAllUsers::new()))
    }
}

impl Client {
    /// The operations only the server's local-mode socket serves; see [`LocalMode`].
    pub fn local_mode(&self) -> LocalMode {
        LocalMode {
            client: self.clone(),
        }
    }
}

impl Call<GetUserAudits> {
    /// Sets the optional `page` (from 0).
    pub fn page(self, page: u32) -> Self {
        self.map(|ep| ep.page(page))
    }

    /// Sets the optional `per_page` (1 to 200).
    pub fn per_page(self, per_page: u32) -> Self {
        self.map(|ep| ep.per_page(per_page))
    }
}

/// Facade methods of this module not written by `user_ops!`.
pub(crate) const OTHER_METHODS: &[crate::registry::FacadeMethod] = crate::registry::facade_methods![
    MigrateAuthToLdap => "client.users().migrate_auth_to_ldap(from, match_field, force)",
    MigrateAuthToSaml => "client.users().migrate_auth_to_saml(from, matches, auto)",
    PermanentDeleteAllUsers => "client.local_mode().permanent_delete_all_users()",
];
