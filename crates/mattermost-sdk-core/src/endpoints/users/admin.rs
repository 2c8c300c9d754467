//! Administering a user: audits, conversion to a bot, guest demotion and promotion, groups,
//! the default profile image, failed login attempts, auth migration and (local mode only)
//! deleting every user. Permissions and error ids are those of
//! `server/channels/api4/user.go` (and `group.go` for groups).

use std::collections::BTreeMap;

use serde_json::json;

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::UserId;
use crate::models::{Audit, AuthService, Bot, Group, ProfileImage, StatusOk};
use crate::paging::Paged;

use super::page_query;

endpoint! {
    /// Lists the user's audit records, newest first. Paged: 0-based `page`, `per_page`
    /// (server default 60; above 200 the server clamps to 200, so this rejects it).
    /// Needs the user themself or `edit_other_users` (403 otherwise).
    GET "/users/{user_id}/audits" => GetUserAudits -> Vec<Audit> {
        /// The user, or `me`.
        user_id: UserId,
    }
    optional {
        /// The page, from 0.
        page: u32,
        /// Records per page, 1 to 200.
        per_page: u32,
    }
    path(user_id)
    query(|ep| page_query(ep.page, ep.per_page))
}

impl Paged for GetUserAudits {
    type Item = Audit;

    fn at_page(self, page: u32, per_page: u32) -> Self {
        self.page(page).per_page(per_page)
    }

    fn requested_per_page(&self) -> Option<u32> {
        self.per_page
    }

    // `GetAuditsPage` is a plain LIMIT/OFFSET query (`server/channels/app/audit.go`), so a
    // short page is the last.
    fn items(output: Vec<Audit>) -> Vec<Audit> {
        output
    }
}

endpoint! {
    /// Turns the user into a bot owned by themself; their sessions are revoked and any
    /// SSO link is cleared. Returns the new [`Bot`] (the spec says `StatusOK`; the server
    /// writes the bot, `convertUserToBot` in `server/channels/api4/user.go`). Needs
    /// `manage_system`.
    POST "/users/{user_id}/convert_to_bot" => ConvertUserToBot -> Bot {
        /// The user.
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// Demotes the user to a guest (`roles` becomes `system_guest`). Needs
    /// `demote_to_guest`, and a licence with guest accounts enabled (501 otherwise); a
    /// guest already is a 501 `api.user.demote_user_to_guest.already_guest.app_error`.
    POST "/users/{user_id}/demote" => DemoteUserToGuest -> StatusOk {
        /// The user.
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// Promotes a guest to a regular user (`system_guest` becomes `system_user`). Needs
    /// `promote_guest`; a user who is not a guest is a 501
    /// `api.user.promote_guest_to_user.no_guest.app_error`.
    POST "/users/{user_id}/promote" => PromoteGuestToUser -> StatusOk {
        /// The user.
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// Lists the groups the user is a member of. Needs an Enterprise licence with LDAP
    /// groups (403 `api.ldap_groups.license_error`), and the user themself or
    /// `manage_system` (`getGroupsByUserId` in `server/channels/api4/group.go`).
    GET "/users/{user_id}/groups" => GetGroupsByUserId -> Vec<Group> {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// Removes the user's uploaded profile image, so the generated default is shown again.
    /// Needs the user themself or `edit_other_users`.
    DELETE "/users/{user_id}/image" => SetDefaultProfileImage -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// Gets the generated default profile image (initials on a colour), whatever image the
    /// user uploaded: bytes and content type (`image/png`), unchanged.
    GET "/users/{user_id}/image/default" => GetDefaultProfileImage -> ProfileImage {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
    accept("image/*")
}

endpoint! {
    /// Resets the user's failed login attempts to 0, unlocking an account locked by
    /// `MaximumLoginAttempts`. Only for email and LDAP accounts (400
    /// `api.user.reset_password_failed_attempts.ldap_and_email_only.app_error` otherwise);
    /// needs `sysconsole_write_user_management_users` (403
    /// `api.user.reset_password_failed_attempts.permissions.app_error`).
    POST "/users/{user_id}/reset_failed_attempts" => ResetPasswordFailedAttempts -> StatusOk {
        /// The user.
        user_id: UserId,
    }
    path(user_id)
    operation_id("resetPasswordFailedAttempts")
}

/// The auth services `migrateAuthToLDAP` accepts as `from` (`server/channels/api4/user.go`).
const LDAP_FROM: &[AuthService] = &[
    AuthService::Email,
    AuthService::Gitlab,
    AuthService::Saml,
    AuthService::Google,
    AuthService::Office365,
];

/// The auth services `migrateAuthToSaml` accepts as `from` (`server/channels/api4/user.go`).
const SAML_FROM: &[AuthService] = &[
    AuthService::Email,
    AuthService::Gitlab,
    AuthService::Ldap,
    AuthService::Google,
    AuthService::Office365,
];

fn check_from(from: AuthService, allowed: &[AuthService], to: &str) -> Result<(), BuildError> {
    if allowed.contains(&from) {
        Ok(())
    } else {
        Err(BuildError::InvalidParam {
            param: "from",
            reason: format!(
                "the server does not migrate {} users to {to}",
                from.as_str()
            ),
        })
    }
}

endpoint! {
    /// Migrates every user of the `from` auth service to LDAP, matching them on the LDAP
    /// attribute `match_field`. Needs `manage_system` and an LDAP licence (501
    /// `api.admin.ldap.not_available.app_error` otherwise). `from` may not be `ldap`
    /// (rejected before I/O, as the handler does).
    POST "/users/migrate_auth/ldap" => MigrateAuthToLdap -> StatusOk {
        /// The auth service the users use now.
        from: AuthService,
        /// The LDAP attribute to match users on (`email`, `username`, ...).
        match_field: String,
        /// Migrate even users whose match is ambiguous.
        force: bool,
    }
    path()
    body(|ep| {
        check_from(ep.from, LDAP_FROM, "LDAP")?;
        Body::json(&json!({ "from": ep.from, "match_field": ep.match_field, "force": ep.force }))
    })
}

endpoint! {
    /// Migrates every user of the `from` auth service to SAML. `matches` maps each user's
    /// current login (email or auth data) to their SAML ID, unless `auto` lets the server
    /// match them. Needs `manage_system` and a SAML licence (501
    /// `api.admin.saml.not_available.app_error` otherwise). `from` may not be `saml`
    /// (rejected before I/O, as the handler does).
    POST "/users/migrate_auth/saml" => MigrateAuthToSaml -> StatusOk {
        /// The auth service the users use now.
        from: AuthService,
        /// Current login → SAML ID (a Go `map[string]string` on the server).
        matches: BTreeMap<String, String>,
        /// Let the server match the users itself.
        auto: bool,
    }
    path()
    body(|ep| {
        check_from(ep.from, SAML_FROM, "SAML")?;
        Body::json(&json!({ "from": ep.from, "matches": ep.matches, "auto": ep.auto }))
    })
}

endpoint! {
    /// Permanently deletes EVERY user, with their posts, sessions, tokens and files.
    ///
    /// Only the server's local-mode socket serves this route (`localPermanentDeleteAllUsers`,
    /// registered with `APILocal` in `server/channels/api4/user_local.go`); over HTTP(S) the
    /// server has no such route and answers 404 `api.context.404.app_error`. It is not on
    /// `client.users()`: see the facade's `client.local_mode()`.
    DELETE "/users" => PermanentDeleteAllUsers -> StatusOk {}
    path()
}
