//! Login, logout and ping.

#[allow(unused_imports)]
use super::*;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "system/ping", false, ping),
    Route("POST", "users/login", false, login),
    Route("POST", "users/logout", false, logout),
];

/// `ServiceSettings.MaximumLoginAttempts` (the server's default).
const MAX_LOGIN_ATTEMPTS: i64 = 10;

pub(super) fn ping(_: &mut State, _: &Ctx<'_>, _: &[String]) -> Res {
    Ok(status_ok())
}

pub(super) fn login(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let invalid = || {
        Fail::new(
            StatusCode::UNAUTHORIZED,
            "api.user.login.invalid_credentials_email_username",
            "Enter a valid email or username and/or password.",
        )
    };
    // `login` reads the body with `model.MapFromJSON` (server/channels/api4/user.go): any
    // value that is not a string (`"ldap_only": true`) empties the whole map, so the
    // password is blank. `ldap_only` itself is not modelled (the fake has no LDAP).
    let body = super::account::string_map(ctx);
    let field = |k: &str| body.get(k).map(String::as_str);
    let login_id = field("login_id").unwrap_or("");
    let password = field("password").unwrap_or("");
    if password.is_empty() {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "api.user.login.blank_pwd.app_error",
            "Password field must not be blank",
        ));
    }
    let id = st
        .users
        .values()
        .find(|u| {
            [str_field(u, "username"), str_field(u, "email")]
                .into_iter()
                .flatten()
                .any(|v| !login_id.is_empty() && v.eq_ignore_ascii_case(login_id))
        })
        .and_then(|u| str_field(u, "id"))
        .map(str::to_owned)
        .ok_or_else(invalid)?;
    // A user converted to a bot cannot log in (`App.AuthenticateUserForLogin`,
    // server/channels/app/login.go; TestConvertUserToBot).
    if st
        .user(&id)?
        .get("is_bot")
        .and_then(Value::as_bool)
        .unwrap_or(false)
    {
        return Err(Fail::new(
            StatusCode::UNAUTHORIZED,
            "api.user.login.bot_login_forbidden.app_error",
            "Bot login is forbidden.",
        ));
    }
    if !st.is_active(&id) {
        return Err(Fail::new(
            StatusCode::UNAUTHORIZED,
            "api.user.login.inactive.app_error",
            "Login failed because your account has been deactivated. Please contact an administrator.",
        ));
    }
    // The server's `checkUserLoginAttempts` then `checkUserPassword`: after
    // `ServiceSettings.MaximumLoginAttempts` (10) failures even the right password is
    // refused until an admin resets the count (`POST /users/{id}/reset_failed_attempts`);
    // a failure adds one, a success resets it.
    let failed = st
        .user(&id)?
        .get("failed_attempts")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    if failed >= MAX_LOGIN_ATTEMPTS {
        return Err(Fail::new(
            StatusCode::UNAUTHORIZED,
            "api.user.check_user_login_attempts.too_many.app_error",
            "Your account is locked because of too many failed password attempts. Please reset your password.",
        ));
    }
    if st.passwords.get(&id).map(String::as_str) != Some(password) {
        st.user_mut(&id)?
            .insert("failed_attempts".into(), json!(failed + 1));
        return Err(invalid());
    }
    if failed > 0 {
        st.user_mut(&id)?.insert("failed_attempts".into(), json!(0));
    }
    let user = st.user(&id)?.clone();
    check_mfa_code(&user, field("token").unwrap_or(""))?;
    let device = field("device_id").unwrap_or("").to_owned();
    let token = st.add_session(&id, &device, "fake");
    let mut resp = json_reply(StatusCode::OK, &Value::Object(user));
    if let Ok(v) = HeaderValue::try_from(token) {
        resp.headers_mut().insert("token", v);
    }
    Ok(resp)
}

pub(super) fn logout(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    if let Some(sid) = &ctx.auth.session_id {
        st.sessions.retain(|s| &s.id != sid);
    }
    Ok(status_ok())
}

/// `App.CheckUserMfa` (server/channels/app/authentication.go), for a user with MFA on: a
/// code that is not six digits (or an eight-digit scratch code) fails validation (400); a
/// well-formed wrong code is a 401. A user without MFA passes whatever the code.
pub(super) fn check_mfa_code(
    user: &serde_json::Map<String, Value>,
    code: &str,
) -> Result<(), Fail> {
    if user.get("mfa_active").and_then(Value::as_bool) != Some(true) {
        return Ok(());
    }
    if !is_well_formed_mfa_code(code) {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "mfa.validate_token.authenticate.app_error",
            "Error trying to authenticate MFA token.",
        ));
    }
    if code.trim() != MFA_CODE {
        return Err(Fail::new(
            StatusCode::UNAUTHORIZED,
            "api.user.check_user_mfa.bad_code.app_error",
            "Invalid MFA token.",
        ));
    }
    Ok(())
}
