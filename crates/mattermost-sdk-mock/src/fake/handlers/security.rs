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

/// `PUT /users/{id}/password`: `new_password` is required; changing one's own password
/// needs `current_password` (not `old_password`); admins may change others' without it.
pub(super) fn update_password(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let body = body_obj(ctx, "new_password")?;
    st.user(&id)?;
    let new_password = required_str(&body, "new_password")?;
    if id == ctx.auth.user_id {
        let current = required_str(&body, "current_password")?;
        if st.passwords.get(&id).map(String::as_str) != Some(current) {
            return Err(Fail::new(
                StatusCode::BAD_REQUEST,
                "api.user.update_password.incorrect.app_error",
                "The \"Current Password\" you entered is incorrect. Please check that Caps Lock is off and try again.",
            ));
        }
    } else if !ctx.auth.admin {
        return Err(Fail::new(
            StatusCode::FORBIDDEN,
            "api.user.update_password.context.app_error",
            "Update password failed because context user_id did not match props user_id.",
        ));
    }
    if new_password.chars().count() < 8 {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "model.user.is_valid.pwd.app_error",
            "Your password must contain at least 8 characters.",
        ));
    }
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
