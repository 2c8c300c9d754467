//! User administration: audits, bot conversion, guest demotion and promotion, groups, the
//! default profile image, failed login attempts, auth migration, permanent deletion; and
//! the fake's server settings ([`FakeSettings`]). Checks in the order of
//! `server/channels/api4/user.go` (and `group.go` for groups).

#[allow(unused_imports)]
use super::*;

use std::collections::BTreeMap;

use super::super::state::has_role;
use super::super::FakeServer;

#[rustfmt::skip]
pub(in super::super) static ROUTES: &[Route] = &[
    Route("GET", "users/{}/audits", true, get_audits),
    Route("POST", "users/{}/convert_to_bot", true, convert_to_bot),
    Route("POST", "users/{}/demote", true, demote),
    Route("POST", "users/{}/promote", true, promote),
    Route("GET", "users/{}/groups", true, get_groups),
    Route("DELETE", "users/{}/image", true, set_default_image),
    Route("GET", "users/{}/image/default", true, get_default_image),
    Route("POST", "users/{}/reset_failed_attempts", true, reset_failed_attempts),
    Route("POST", "users/migrate_auth/ldap", true, migrate_to_ldap),
    Route("POST", "users/migrate_auth/saml", true, migrate_to_saml),
    Route("DELETE", "users", false, delete_all_users_over_tcp),
];

/// An LDAP group ("developers") whose members are alice and bob.
pub const GROUP_ID: &str = "fakegroupdevelopers0000001";
/// A custom profile attribute field (text, "Department"); alice's value is `Engineering`.
pub const CPA_FIELD_ID: &str = "fakecpafielddepartment0001";
/// An admin-managed custom profile attribute field (text): only admins may set it.
pub const CPA_MANAGED_FIELD_ID: &str = "fakecpafieldmanaged0000001";

/// The server settings and licence features the fake models, as
/// [`FakeServer::settings`] reads them and [`FakeServer::configure`] changes them.
///
/// The fake has no LDAP or SAML: `POST /users/migrate_auth/{ldap,saml}` always answer as a
/// server without those licence features (501).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FakeSettings {
    /// `ServiceSettings.EnableAPIUserDeletion`: whether `DELETE /users/{id}?permanent=true`
    /// deletes (otherwise 401 `api.user.delete_user.not_enabled.app_error`). Off by default,
    /// as on the server.
    pub enable_api_user_deletion: bool,
    /// A licence with guest accounts and `GuestAccountsSettings.Enable` on: needed by
    /// `POST /users/{id}/demote` (403 "Guest accounts are disabled" otherwise, as
    /// TestDemoteUserToGuest in server/channels/api4/user_test.go expects of a licence
    /// without the feature). On by default.
    pub guest_accounts: bool,
    /// A licence with LDAP groups: needed by `GET /users/{id}/groups` (403
    /// `api.ldap_groups.license_error` otherwise). On by default.
    pub ldap_groups: bool,
    /// An Enterprise licence and the `CustomProfileAttributes` feature flag: needed by
    /// `/users/{id}/custom_profile_attributes` (403
    /// `api.custom_profile_attributes.license_error` otherwise). On by default.
    pub custom_profile_attributes: bool,
    /// `TeamSettings.RestrictCreationToDomains`: comma-separated domains an email account
    /// created through `POST /users` must be at (400
    /// `api.user.create_user.accepted_domain.app_error` otherwise; LDAP and SAML accounts
    /// are exempt), and that `GET /users/invalid_emails` measures emails against. Empty: no
    /// restriction. `example.com` by default, where every fixture user is.
    pub restrict_creation_to_domains: String,
    /// `ServiceSettings.EnableUserAccessTokens`: whether personal access tokens can be
    /// created (501 `app.user_access_token.disabled` otherwise) and authenticate (401
    /// otherwise); bots' tokens work either way (`server/channels/app/session.go`). On by
    /// default in the fake (off in a fresh server's config).
    pub enable_user_access_tokens: bool,
    /// A server that still registers the legacy `POST /users/mfa` (`CheckUserMfa`), with
    /// MFA on: it then answers `{"mfa_required": bool}` per user. Off by default: current
    /// servers do not register the route (404 `api.context.404.app_error`).
    pub legacy_mfa: bool,
    /// `TeamSettings.EnableCustomUserStatuses`: whether `/users/{id}/status/custom...`
    /// works (501 `api.custom_status.disabled` otherwise, `server/channels/api4/status.go`).
    /// On by default, as on the server.
    pub enable_custom_user_statuses: bool,
    // sign-in flows (issue 11): `handlers/signin.rs`
    /// `ServiceSettings.ExperimentalEnableAuthenticationTransfer`: whether
    /// `POST /users/login/switch` switches sign-in methods on this (licensed) server (403
    /// `api.user.{email_to_oauth,oauth_to_email,email_to_ldap,ldap_to_email}.not_available.app_error`
    /// otherwise, `server/channels/app/{oauth,ldap}.go`). On by default, as on the server.
    pub enable_authentication_transfer: bool,
    /// `EmailSettings.EnableSignUpWithEmail`: a switch to email needs it (403
    /// `api.user.auth_switch.not_available.email_signup_disabled.app_error`). On by default.
    pub enable_sign_up_with_email: bool,
    /// `EmailSettings.EnableSignInWithEmail`: with
    /// [`enable_sign_in_with_username`](Self::enable_sign_in_with_username) off too, a switch
    /// to email is a 403 `api.user.auth_switch.not_available.login_disabled.app_error`. On by
    /// default.
    pub enable_sign_in_with_email: bool,
    /// `EmailSettings.EnableSignInWithUsername`. On by default.
    pub enable_sign_in_with_username: bool,
    /// `GitLabSettings.Enable`: a switch from email to `gitlab` answers the provider's
    /// sign-in link (501 `api.user.authorize_oauth_user.unsupported.app_error` otherwise; the
    /// fake has no Google, Office 365 or OpenID provider). Off by default, as on the server.
    pub enable_gitlab: bool,
    /// A Cloud licence: `POST /users/login/cws` needs it (401
    /// `api.user.login_cws.license.error` otherwise). Off by default.
    pub cloud_license: bool,
    /// The server's `CWS_CLOUD_TOKEN` environment variable: the one-time token
    /// `POST /users/login/cws` accepts (once). `None` by default.
    pub cws_cloud_token: Option<mattermost_sdk_core::Token>,
    /// The `MobileSSOCodeExchange` feature flag: `POST /users/login/sso/code-exchange` needs
    /// it (400 `api.oauth.get_access_token.bad_request.app_error` otherwise). On by default,
    /// as in the server's feature flag defaults (`server/public/model/feature_flags.go`).
    pub mobile_sso_code_exchange: bool,
    /// `ServiceSettings.SiteURL`: where the CWS login redirects and what the SAML switch link
    /// starts with. `http://localhost:8065` by default.
    pub site_url: String,
}

impl Default for FakeSettings {
    fn default() -> Self {
        FakeSettings {
            enable_api_user_deletion: false,
            guest_accounts: true,
            ldap_groups: true,
            custom_profile_attributes: true,
            restrict_creation_to_domains: "example.com".to_owned(),
            enable_user_access_tokens: true,
            legacy_mfa: false,
            enable_custom_user_statuses: true,
            enable_authentication_transfer: true,
            enable_sign_up_with_email: true,
            enable_sign_in_with_email: true,
            enable_sign_in_with_username: true,
            enable_gitlab: false,
            cloud_license: false,
            cws_cloud_token: None,
            mobile_sso_code_exchange: true,
            site_url: "http://localhost:8065".to_owned(),
        }
    }
}

/// The fake's administration data: settings, bots, audits, groups, custom profile
/// attributes.
#[derive(Default)]
pub(crate) struct AdminState {
    pub(crate) settings: FakeSettings,
    /// Bot user ID → bot object.
    pub(crate) bots: BTreeMap<String, Obj>,
    /// Audit records, oldest first.
    pub(crate) audits: Vec<Obj>,
    /// Group ID → (group object, member user IDs).
    pub(crate) groups: BTreeMap<String, (Obj, Vec<String>)>,
    /// Custom profile attribute fields: field ID → (type, admin-managed).
    pub(crate) cpa_fields: BTreeMap<String, (&'static str, bool)>,
    /// (user ID, field ID) → value.
    pub(crate) cpa_values: BTreeMap<(String, String), Value>,
}

impl FakeServer {
    /// The fake's server settings (see [`FakeSettings`]).
    pub fn settings(&self) -> FakeSettings {
        self.lock().admin.settings.clone()
    }

    /// Changes the fake's server settings:
    /// `fake.configure(|s| s.enable_api_user_deletion = true)`.
    pub fn configure(&self, change: impl FnOnce(&mut FakeSettings)) {
        change(&mut self.lock().admin.settings);
    }

    /// The audit records of `user_id`, newest first, as `GET /users/{id}/audits` lists them.
    pub fn audits_of(&self, user_id: &str) -> Vec<Value> {
        let st = self.lock();
        audits_of(&st, user_id)
    }

    /// The bot made from `user_id` by `convert_to_bot`, if any.
    pub fn bot(&self, user_id: &str) -> Option<Value> {
        self.lock()
            .admin
            .bots
            .get(user_id)
            .cloned()
            .map(Value::Object)
    }
}

/// Fixtures: two audit records of alice, one LDAP group (alice and bob), two custom
/// profile attribute fields and alice's value of the first.
pub(crate) fn seed(st: &mut State) {
    use super::super::seed::{MFA_USER_ID, USER_ID, USER_SESSION_ID};
    add_audit(
        st,
        USER_ID,
        "/api/v4/users/login",
        "attempt - login_id=alice",
        "",
    );
    add_audit(
        st,
        USER_ID,
        "/api/v4/users/login",
        "success",
        USER_SESSION_ID,
    );
    let at = st.now();
    let group = json!({
        "id": GROUP_ID,
        "name": "developers",
        "display_name": "Developers",
        "description": "Everyone who writes code",
        "source": "ldap",
        "remote_id": "cn=developers,ou=groups,dc=example,dc=com",
        "create_at": at,
        "update_at": at,
        "delete_at": 0,
        "has_syncables": false,
        "allow_reference": true,
        "member_ids": null,
    });
    if let Value::Object(g) = group {
        st.admin.groups.insert(
            GROUP_ID.to_owned(),
            (g, vec![USER_ID.to_owned(), MFA_USER_ID.to_owned()]),
        );
    }
    st.admin
        .cpa_fields
        .insert(CPA_FIELD_ID.to_owned(), ("text", false));
    st.admin
        .cpa_fields
        .insert(CPA_MANAGED_FIELD_ID.to_owned(), ("text", true));
    st.admin.cpa_values.insert(
        (USER_ID.to_owned(), CPA_FIELD_ID.to_owned()),
        json!("Engineering"),
    );
}

/// Records an audit, as the server's `c.LogAudit` does.
pub(crate) fn add_audit(st: &mut State, user_id: &str, action: &str, extra: &str, session: &str) {
    let id = st.new_id();
    let at = st.now();
    if let Value::Object(a) = json!({
        "id": id,
        "create_at": at,
        "user_id": user_id,
        "action": action,
        "extra_info": extra,
        "ip_address": "127.0.0.1",
        "session_id": session,
    }) {
        st.admin.audits.push(a);
    }
}

fn audits_of(st: &State, user_id: &str) -> Vec<Value> {
    st.admin
        .audits
        .iter()
        .rev()
        .filter(|a| str_field(a, "user_id") == Some(user_id))
        .cloned()
        .map(Value::Object)
        .collect()
}

/// `GET /users/{id}/audits`: the user themself or an admin; newest first, paged. An unknown
/// user has no audits (an empty list, not a 404: the handler only looks the user up for
/// its audit record).
fn get_audits(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    let (page, per_page) = paging(ctx, 60);
    let items = page_of(audits_of(st, &id), page, per_page);
    Ok(json_reply(StatusCode::OK, &Value::Array(items)))
}

/// `POST /users/{id}/convert_to_bot`: the user is looked up first (404), then
/// `manage_system` (403). Clears SSO auth, makes the bot (owned by the user), marks the user
/// `is_bot` and revokes their sessions. Converting a bot again fails as the server's
/// duplicate insert does (500 `app.bot.createbot.internal_error`).
fn convert_to_bot(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let user = st.user(&id)?.clone();
    admin_only(ctx, "manage_system")?;
    if st.admin.bots.contains_key(&id) {
        return Err(Fail::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "app.bot.createbot.internal_error",
            "Unable to save bot.",
        ));
    }
    let now = st.now();
    let username = str_field(&user, "username").unwrap_or("").to_owned();
    let bot = json!({
        "user_id": id,
        "username": username,
        "display_name": username,
        "owner_id": id,
        "create_at": now,
        "update_at": now,
        "delete_at": 0,
    });
    let u = st.user_mut(&id)?;
    if str_field(u, "auth_service").is_some_and(|s| !s.is_empty()) {
        u.insert("auth_service".into(), json!(""));
        u.insert("auth_data".into(), json!(""));
    }
    u.insert("is_bot".into(), json!(true));
    u.insert("update_at".into(), json!(now));
    if let Value::Object(b) = bot.clone() {
        st.admin.bots.insert(id.clone(), b);
    }
    st.sessions.retain(|s| s.user_id != id);
    Ok(json_reply(StatusCode::OK, &bot))
}

/// `POST /users/{id}/demote`: licence and setting (403, see
/// [`FakeSettings::guest_accounts`]), `demote_to_guest` (403), user (404), already a guest
/// (501); then `roles` is exactly `system_guest`, as the store sets it.
fn demote(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    if !st.admin.settings.guest_accounts {
        return Err(Fail::new(
            StatusCode::FORBIDDEN,
            "api.team.demote_user_to_guest.license.error",
            "Guest accounts are disabled.",
        ));
    }
    admin_only(ctx, "demote_to_guest")?;
    let user = st.user(&id)?;
    if has_role(user, "system_guest") {
        return Err(Fail::new(
            StatusCode::NOT_IMPLEMENTED,
            "api.user.demote_user_to_guest.already_guest.app_error",
            "Unable to convert the user to guest because is already a guest.",
        ));
    }
    st.user_mut(&id)?
        .insert("roles".into(), json!("system_guest"));
    set_now(st, &id, "update_at");
    Ok(status_ok())
}

/// `POST /users/{id}/promote`: `promote_guest` (403), user (404), not a guest (501); then
/// `system_guest` becomes `system_user` in `roles`, other roles kept.
fn promote(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    admin_only(ctx, "promote_guest")?;
    let user = st.user(&id)?;
    if !has_role(user, "system_guest") {
        return Err(Fail::new(
            StatusCode::NOT_IMPLEMENTED,
            "api.user.promote_guest_to_user.no_guest.app_error",
            "Unable to convert the guest to regular user because is not a guest.",
        ));
    }
    let roles: Vec<&str> = str_field(user, "roles")
        .unwrap_or("")
        .split_whitespace()
        .map(|r| {
            if r == "system_guest" {
                "system_user"
            } else {
                r
            }
        })
        .collect();
    let roles = roles.join(" ");
    st.user_mut(&id)?.insert("roles".into(), json!(roles));
    set_now(st, &id, "update_at");
    Ok(status_ok())
}

/// `GET /users/{id}/groups`: the user themself or `manage_system` (403), the LDAP groups
/// licence feature (403); the groups the user is a member of (none for an unknown user).
fn get_groups(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    if ctx.auth.user_id != id && !ctx.auth.admin {
        return Err(Fail::forbidden(&ctx.auth.user_id, "manage_system"));
    }
    if !st.admin.settings.ldap_groups {
        return Err(Fail::new(
            StatusCode::FORBIDDEN,
            "api.ldap_groups.license_error",
            "your license does not support ldap groups",
        ));
    }
    let groups: Vec<Value> = st
        .admin
        .groups
        .values()
        .filter(|(_, members)| members.contains(&id))
        .map(|(g, _)| Value::Object(g.clone()))
        .collect();
    Ok(json_reply(StatusCode::OK, &Value::Array(groups)))
}

/// `DELETE /users/{id}/image`: the user themself or an admin (403), user (404); the
/// uploaded image is dropped and `last_picture_update` becomes minus the time, as the
/// server's `ResetLastPictureUpdate` sets it.
fn set_default_image(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    st.images.remove(&id);
    let now = st.now();
    let u = st.user_mut(&id)?;
    u.insert("last_picture_update".into(), json!(-now));
    u.insert("update_at".into(), json!(now));
    let session = ctx.auth.session_id.clone().unwrap_or_default();
    add_audit(st, &ctx.auth.user_id, "/api/v4/users/image", "", &session);
    Ok(status_ok())
}

/// `GET /users/{id}/image/default`: the generated image ([`DEFAULT_PROFILE_IMAGE`] here),
/// whatever was uploaded; anyone signed in may read it; an unknown user is a 404.
fn get_default_image(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    st.user(&id)?;
    let mut resp = bytes_reply(
        StatusCode::OK,
        "image/png",
        Bytes::from_static(DEFAULT_PROFILE_IMAGE),
    );
    resp.headers_mut().insert(
        CACHE_CONTROL,
        HeaderValue::from_static("max-age=86400, private"),
    );
    Ok(resp)
}

/// `POST /users/{id}/reset_failed_attempts`: admins only (403 with the handler's own id),
/// user (404), email or LDAP accounts only (400); sets `failed_attempts` to 0.
fn reset_failed_attempts(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    if !ctx.auth.admin {
        return Err(Fail::new(
            StatusCode::FORBIDDEN,
            "api.user.reset_password_failed_attempts.permissions.app_error",
            "You do not have the appropriate permissions.",
        ));
    }
    let user = st.user(&id)?;
    let service = str_field(user, "auth_service").unwrap_or("");
    if !service.is_empty() && service != "ldap" {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "api.user.reset_password_failed_attempts.ldap_and_email_only.app_error",
            "Failed attempts can only be reset for email and LDAP accounts.",
        ));
    }
    st.user_mut(&id)?.insert("failed_attempts".into(), json!(0));
    Ok(status_ok())
}

/// The body checks of `migrateAuthToLDAP` / `migrateAuthToSaml`, then `manage_system`, then
/// the licence, which the fake never has (501 `api.admin.{ldap,saml}.not_available.app_error`).
fn migrate(ctx: &Ctx<'_>, target: &str) -> Res {
    let props: Obj = serde_json::from_slice(ctx.body).unwrap_or_default();
    let from = props
        .get("from")
        .and_then(Value::as_str)
        .ok_or_else(|| Fail::invalid_body("from"))?;
    let allowed: &[&str] = if target == "ldap" {
        &["email", "gitlab", "saml", "google", "office365"]
    } else {
        &["email", "gitlab", "ldap", "google", "office365"]
    };
    if !allowed.contains(&from) {
        return Err(Fail::invalid_body("from"));
    }
    if target == "ldap" {
        if !props.get("force").is_some_and(Value::is_boolean) {
            return Err(Fail::invalid_body("force"));
        }
        if !props.get("match_field").is_some_and(Value::is_string) {
            return Err(Fail::invalid_body("match_field"));
        }
    } else {
        if !props.get("auto").is_some_and(Value::is_boolean) {
            return Err(Fail::invalid_body("auto"));
        }
        if !props.get("matches").is_some_and(Value::is_object) {
            return Err(Fail::invalid_body("matches"));
        }
    }
    admin_only(ctx, "manage_system")?;
    let (id, message) = if target == "ldap" {
        (
            "api.admin.ldap.not_available.app_error",
            "LDAP is not available.",
        )
    } else {
        (
            "api.admin.saml.not_available.app_error",
            "SAML 2.0 is not configured or supported on this server.",
        )
    };
    Err(Fail::new(StatusCode::NOT_IMPLEMENTED, id, message))
}

fn migrate_to_ldap(_: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    migrate(ctx, "ldap")
}

fn migrate_to_saml(_: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    migrate(ctx, "saml")
}

/// `DELETE /users` over HTTP: the server registers it only on its local-mode socket
/// (`server/channels/api4/user_local.go`), so over TCP its catch-all `/api/v4/{anything}`
/// route answers 404 `api.context.404.app_error` (`server/channels/api4/api.go`), whatever
/// other methods `/users` has. On the local-mode socket (`serve_unix`) it deletes every user
/// for good, as `localPermanentDeleteAllUsers` does, and answers `{"status":"OK"}`.
fn delete_all_users_over_tcp(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    if !ctx.local {
        return Err(Fail::no_route());
    }
    let ids: Vec<String> = st.users.keys().cloned().collect();
    for id in ids {
        permanent_delete(st, &id);
    }
    Ok(status_ok())
}

/// Deletes a user for good, as the server's `PermanentDeleteUser` does: the user, their
/// password, MFA secret, sessions, personal tokens, preferences, status, image, reactions,
/// posts, memberships, bot, audits, group memberships and attribute values.
pub(crate) fn permanent_delete(st: &mut State, id: &str) {
    st.remove_user(id);
    st.passwords.remove(id);
    st.mfa_secrets.remove(id);
    st.sessions.retain(|s| s.user_id != id);
    st.personal_tokens.retain(|t| t.user_id != id);
    st.preferences.retain(|p| p.user_id != id);
    st.statuses.remove(id);
    st.images.remove(id);
    st.reactions.retain(|r| r.user_id != id);
    st.posts
        .retain(|_, p| p.get("user_id").and_then(Value::as_str) != Some(id));
    st.memberships.retain(|(_, u)| u != id);
    st.admin.bots.remove(id);
    st.admin
        .audits
        .retain(|a| a.get("user_id").and_then(Value::as_str) != Some(id));
    for (_, members) in st.admin.groups.values_mut() {
        members.retain(|m| m != id);
    }
    st.admin.cpa_values.retain(|(u, _), _| u != id);
}
