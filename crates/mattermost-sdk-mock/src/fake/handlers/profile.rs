//! The user itself: get, update, patch, deactivate, teams, roles, active.

#[allow(unused_imports)]
use super::*;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "users/{}", true, get_user),
    Route("PUT", "users/{}", true, update_user),
    Route("DELETE", "users/{}", true, deactivate),
    Route("GET", "users/{}/teams", true, get_teams),
    Route("PUT", "users/{}/patch", true, patch_user),
    Route("PUT", "users/{}/roles", true, update_roles),
    Route("PUT", "users/{}/active", true, update_active),
];

/// `GET /users/{id}`. Like the server (`getUser` + `User.Etag`), the answer carries an
/// `ETag` that changes with `update_at`; a request whose `If-None-Match` equals it gets a
/// 304 with no body.
pub(super) fn get_user(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let user = st.user(&id)?;
    Ok(etag_reply(
        ctx,
        &user_etag(user),
        &Value::Object(user.clone()),
    ))
}

/// Fields a client cannot set through `PUT /users/{id}` or `/patch`.
const PROTECTED: &[&str] = &[
    "id",
    "create_at",
    "update_at",
    "delete_at",
    "roles",
    "auth_data",
    "auth_service",
    "email_verified",
    "mfa_active",
    "mfa_secret",
    "last_password_update",
    "last_picture_update",
    "failed_attempts",
    "is_bot",
    "last_activity_at",
];

/// Validates `body` against the stored user `old` and builds the new user: `body` itself
/// (`replace`, for PUT) or `old` with `body`'s fields laid over it (patch).
fn merged_user(
    st: &mut State,
    ctx: &Ctx<'_>,
    id: &str,
    mut body: Obj,
    replace: bool,
) -> Result<Obj, Fail> {
    let old = st.user(id)?.clone();
    for key in ["props", "notify_props", "timezone"] {
        if body
            .get(key)
            .is_some_and(|v| !v.is_object() && !v.is_null())
        {
            return Err(Fail::invalid_body("user").detail(format!("{key} must be an object")));
        }
    }
    // `User.PreUpdate` (server/public/model/user.go) cleans names silently instead of
    // refusing them: block-listed Unicode is dropped, the username and email are lowercased.
    for key in ["username", "first_name", "last_name", "nickname"] {
        if let Some(Value::String(v)) = body.get_mut(key) {
            *v = sanitize_unicode(v);
        }
    }
    for key in ["username", "email"] {
        if let Some(Value::String(v)) = body.get_mut(key) {
            *v = v.to_lowercase();
        }
    }
    let others = || {
        st.users
            .iter()
            .filter(move |(k, _)| k.as_str() != id)
            .map(|(_, u)| u)
    };
    if replace || body.contains_key("username") {
        let name = str_field(&body, "username").unwrap_or("");
        let valid = (1..=64).contains(&name.len())
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        if !valid {
            return Err(Fail::new(
                StatusCode::BAD_REQUEST,
                "model.user.is_valid.username.app_error",
                "Invalid username.",
            ));
        }
        if others().any(|u| str_field(u, "username") == Some(name)) {
            return Err(Fail::new(
                StatusCode::BAD_REQUEST,
                "app.user.save.username_exists.app_error",
                "An account with that username already exists.",
            ));
        }
    }
    if replace || body.contains_key("email") {
        let email = str_field(&body, "email").unwrap_or("");
        if !email.contains('@') {
            return Err(Fail::new(
                StatusCode::BAD_REQUEST,
                "model.user.is_valid.email.app_error",
                "Invalid email.",
            ));
        }
        if others().any(|u| str_field(u, "email").is_some_and(|e| e.eq_ignore_ascii_case(email))) {
            return Err(Fail::new(
                StatusCode::BAD_REQUEST,
                "app.user.save.email_exists.app_error",
                "An account with that email already exists.",
            ));
        }
        // Changing one's own email needs the password, as on the real server.
        if ctx.auth.user_id == id && str_field(&old, "email") != Some(email) {
            let given =
                str_field(&body, "password").ok_or_else(|| Fail::invalid_body("password"))?;
            if st.passwords.get(id).map(String::as_str) != Some(given) {
                return Err(Fail::new(
                    StatusCode::UNAUTHORIZED,
                    "api.user.check_user_password.invalid.app_error",
                    "Login failed because of invalid password.",
                ));
            }
        }
    }
    body.remove("password");
    let mut user = if replace {
        body
    } else {
        let mut u = old.clone();
        u.extend(body);
        u
    };
    for key in PROTECTED {
        match old.get(*key) {
            Some(v) => user.insert((*key).to_owned(), v.clone()),
            None => user.remove(*key),
        };
    }
    // `User.IsValid`: the timezone map, as JSON, is at most 256 characters.
    if let Some(tz) = user.get("timezone").filter(|v| v.is_object()) {
        if tz.to_string().chars().count() > 256 {
            return Err(Fail::new(
                StatusCode::BAD_REQUEST,
                "model.user.is_valid.timezone_limit.app_error",
                "Invalid timezone: too long.",
            ));
        }
    }
    user.insert("update_at".into(), json!(st.now()));
    Ok(user)
}

/// `PUT /users/{id}`. Unlike the real server, fields the fake does not know are stored and
/// returned, so a test can see that a client's get → modify → update keeps them.
pub(super) fn update_user(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let body = body_obj(ctx, "user")?;
    if str_field(&body, "id") != Some(id.as_str()) {
        return Err(Fail::invalid_body("user_id"));
    }
    self_or_admin(ctx, &id, "edit_other_users")?;
    let user = merged_user(st, ctx, &id, body, true)?;
    st.put_user(id, user.clone());
    Ok(json_reply(StatusCode::OK, &Value::Object(user)))
}

/// `PUT /users/{id}/patch`: every field given except server-controlled ones is applied.
pub(super) fn patch_user(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let body = body_obj(ctx, "user")?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    let user = merged_user(st, ctx, &id, body, false)?;
    st.put_user(id, user.clone());
    Ok(json_reply(StatusCode::OK, &Value::Object(user)))
}

/// `DELETE /users/{id}`: deactivates. Self-deactivation is allowed (the server's
/// `EnableUserDeactivation` on). A system admin can only be deleted by an admin. With
/// `permanent=true` the user is deleted for good ([`admin::permanent_delete`]) when
/// `ServiceSettings.EnableAPIUserDeletion` is on ([`FakeSettings`](admin::FakeSettings));
/// otherwise 401 `api.user.delete_user.not_enabled.app_error`, as `deleteUser` in
/// `server/channels/api4/user.go` answers.
pub(super) fn deactivate(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    if st.is_admin(&id) && !ctx.auth.admin {
        return Err(Fail::forbidden(&ctx.auth.user_id, "manage_system"));
    }
    st.user(&id)?;
    if ctx.query("permanent") == Some("true") {
        if !st.admin.settings.enable_api_user_deletion {
            return Err(Fail::new(
                StatusCode::UNAUTHORIZED,
                "api.user.delete_user.not_enabled.app_error",
                "Permanent user deletion feature is not enabled. Please contact your System Administrator.",
            ));
        }
        super::admin::permanent_delete(st, &id);
        return Ok(status_ok());
    }
    st.deactivate(&id);
    Ok(status_ok())
}

pub(super) fn get_teams(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "sysconsole_read_user_management_users")?;
    st.user(&id)?;
    let teams: Vec<Value> = st
        .memberships
        .iter()
        .filter(|(_, u)| *u == id)
        .filter_map(|(t, _)| st.teams.get(t))
        .filter(|t| t.get("delete_at").and_then(Value::as_i64).unwrap_or(0) == 0)
        .map(|t| Value::Object(t.clone()))
        .collect();
    Ok(json_reply(StatusCode::OK, &Value::Array(teams)))
}

/// `PUT /users/{id}/roles`, in the order of `updateUserRoles` (server/channels/api4/user.go)
/// and `App.UpdateUserRoles`: `roles` must be one space-separated string of valid role names
/// (400 `api.context.invalid_body_param.app_error`; `system_admin` alone is refused too),
/// the caller an admin (403), the user known (400 `app.user.missing_account.const`: the app
/// turns the lookup's 404 into a 400) and every role a real one (400
/// `app.role.check_roles_exist.role_not_found`, see [`BUILT_IN_ROLES`]). Stricter than the
/// server in one point: an empty `roles` string is refused (the server would store it).
pub(super) fn update_roles(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let body = body_obj(ctx, "roles")?;
    let roles = str_field(&body, "roles").ok_or_else(|| Fail::invalid_body("roles"))?;
    let names: Vec<&str> = roles.split_whitespace().collect();
    let valid = !names.is_empty()
        && names != ["system_admin"]
        && names.iter().all(|r| is_valid_role_name(r));
    if !valid {
        return Err(Fail::invalid_body("roles"));
    }
    admin_only(ctx, "manage_roles")?;
    if !st.users.contains_key(&id) {
        let mut fail = Fail::user_not_found();
        fail.status = StatusCode::BAD_REQUEST;
        return Err(fail);
    }
    if let Some(unknown) = names.iter().find(|n| !BUILT_IN_ROLES.contains(n)) {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "app.role.check_roles_exist.role_not_found",
            "The provided role does not exist",
        )
        .detail(format!("role={unknown}")));
    }
    let joined = names.join(" ");
    st.user_mut(&id)?.insert("roles".into(), json!(joined));
    set_now(st, &id, "update_at");
    Ok(status_ok())
}

pub(super) fn update_active(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let body = body_obj(ctx, "active")?;
    let active = body
        .get("active")
        .and_then(Value::as_bool)
        .ok_or_else(|| Fail::invalid_body("active"))?;
    let self_deactivate = !active && id == ctx.auth.user_id;
    if !self_deactivate && !ctx.auth.admin {
        return Err(Fail::new(
            StatusCode::FORBIDDEN,
            "api.user.update_active.permissions.app_error",
            "You do not have the appropriate permissions.",
        ));
    }
    st.user(&id)?;
    if active {
        st.activate(&id);
    } else {
        st.deactivate(&id);
    }
    Ok(status_ok())
}
