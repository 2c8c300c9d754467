//! MFA, password and authentication method.

#[allow(unused_imports)]
use super::*;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("POST", "users/{}/mfa/generate", true, generate_mfa_secret),
    Route("PUT", "users/{}/mfa", true, update_mfa),
    Route("PUT", "users/{}/password", true, update_password),
    Route("PUT", "users/{}/auth", true, update_auth),
];

pub(super) fn generate_mfa_secret(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    let secret = st.new_mfa_secret();
    st.mfa_secrets.insert(id, secret.clone());
    let mut resp = json_reply(
        StatusCode::OK,
        &json!({"secret": secret, "qr_code": base64(DEFAULT_PROFILE_IMAGE)}),
    );
    resp.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(resp)
}

/// `PUT /users/{id}/mfa`: `activate` must be a boolean; when activating, `code` must be a
/// string and equal to [`MFA_CODE`].
pub(super) fn update_mfa(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    let body = body_obj(ctx, "activate")?;
    let activate = body
        .get("activate")
        .and_then(Value::as_bool)
        .ok_or_else(|| Fail::invalid_body("activate"))?;
    if activate {
        let code = required_str(&body, "code")?;
        if code != MFA_CODE {
            return Err(Fail::new(
                StatusCode::UNAUTHORIZED,
                "mfa.activate.bad_token.app_error",
                "Invalid MFA token.",
            ));
        }
        if !st.mfa_secrets.contains_key(&id) {
            let secret = st.new_mfa_secret();
            st.mfa_secrets.insert(id.clone(), secret);
        }
    } else {
        st.mfa_secrets.remove(&id);
    }
    st.user_mut(&id)?
        .insert("mfa_active".into(), json!(activate));
    set_now(st, &id, "update_at");
    Ok(status_ok())
}

/// `PUT /users/{id}/password`, in the order of `updatePassword` (server/channels/api4/user.go)
/// and `App.UpdatePasswordAsUser`: changing one's own password needs a non-empty
/// `current_password` (not `old_password`; 400) that is right (400
/// `api.user.update_password.incorrect.app_error`); someone else's password needs an admin
/// and a known user (403 `api.user.update_password.context.app_error` otherwise). Then the new
/// password must satisfy the [`PasswordPolicy`](crate::fake::PasswordPolicy) (400).
pub(super) fn update_password(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let body = body_obj(ctx, "new_password")?;
    // A missing `new_password` is a client's wire bug: refused by name. An empty one goes to
    // the policy, as on the server.
    let new_password =
        str_field(&body, "new_password").ok_or_else(|| Fail::invalid_body("new_password"))?;
    if id == ctx.auth.user_id {
        let current = required_str(&body, "current_password")?;
        st.user(&id)?;
        if st.passwords.get(&id).map(String::as_str) != Some(current) {
            return Err(Fail::new(
                StatusCode::BAD_REQUEST,
                "api.user.update_password.incorrect.app_error",
                "The \"Current Password\" you entered is incorrect. Please check that Caps Lock is off and try again.",
            ));
        }
    } else if !ctx.auth.admin || !st.users.contains_key(&id) {
        return Err(Fail::new(
            StatusCode::FORBIDDEN,
            "api.user.update_password.context.app_error",
            "Update password failed because context user_id did not match props user_id.",
        ));
    }
    st.password_policy.fail(new_password)?;
    st.passwords.insert(id.clone(), new_password.to_owned());
    set_now(st, &id, "last_password_update");
    Ok(status_ok())
}

/// `PUT /users/{id}/auth` (admins only): `auth_data` and `auth_service` are required.
pub(super) fn update_auth(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    admin_only(ctx, "edit_other_users")?;
    let id = uid(ctx, &p[0])?;
    let body = body_obj(ctx, "user")?;
    let (Some(data), Some(service)) = (
        str_field(&body, "auth_data").filter(|s| !s.is_empty()),
        str_field(&body, "auth_service").filter(|s| !s.is_empty()),
    ) else {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "api.user.update_user_auth.invalid_request",
            "Invalid request: auth_data and auth_service are required.",
        ));
    };
    let user = st.user_mut(&id)?;
    user.insert("auth_data".into(), json!(data));
    user.insert("auth_service".into(), json!(service));
    set_now(st, &id, "update_at");
    Ok(json_reply(
        StatusCode::OK,
        &json!({"auth_data": data, "auth_service": service}),
    ))
}
