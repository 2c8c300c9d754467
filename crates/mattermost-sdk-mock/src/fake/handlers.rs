//! One function per operation. Checks run in the real server's order where it matters:
//! path IDs (400), then body shape (400), then permissions (403), then existence (404).

use bytes::Bytes;
use http::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE, ETAG};
use http::StatusCode;
use mattermost_sdk_core::is_valid_id;
use serde_json::{json, Map, Value};

use super::multipart;
use super::reply::{bytes_reply, json_reply, status_ok, Fail, Reply};
use super::routes::Ctx;
use super::seed::{DEFAULT_PROFILE_IMAGE, MFA_CODE};
use super::state::{status_json, Obj, Pref, State};

type Res = Result<Reply, Fail>;

// ---------------------------------------------------------------- helpers

/// The path's user: `me` is the caller; anything else must be a valid ID.
fn uid(ctx: &Ctx<'_>, raw: &str) -> Result<String, Fail> {
    if raw == "me" && !ctx.auth.user_id.is_empty() {
        Ok(ctx.auth.user_id.clone())
    } else if is_valid_id(raw) {
        Ok(raw.to_owned())
    } else {
        Err(Fail::invalid_url("user_id"))
    }
}

/// The caller must be `id` or an admin.
fn self_or_admin(ctx: &Ctx<'_>, id: &str, permission: &str) -> Result<(), Fail> {
    if ctx.auth.user_id == id || ctx.auth.admin {
        Ok(())
    } else {
        Err(Fail::forbidden(&ctx.auth.user_id, permission))
    }
}

/// The caller must be an admin.
fn admin_only(ctx: &Ctx<'_>, permission: &str) -> Result<(), Fail> {
    if ctx.auth.admin {
        Ok(())
    } else {
        Err(Fail::forbidden(&ctx.auth.user_id, permission))
    }
}

/// The body as a JSON object; `param` names it in the 400 error.
fn body_obj(ctx: &Ctx<'_>, param: &str) -> Result<Obj, Fail> {
    match serde_json::from_slice::<Value>(ctx.body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Fail::invalid_body(param).detail("the body is not a JSON object")),
        Err(e) => Err(Fail::invalid_body(param).detail(e.to_string())),
    }
}

/// A string field (absent, null or another type: `None`).
fn str_field<'a>(obj: &'a Obj, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

/// A non-empty string field, or a 400 naming it.
fn required_str<'a>(obj: &'a Obj, key: &str) -> Result<&'a str, Fail> {
    str_field(obj, key)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Fail::invalid_body(key))
}

/// `page` and `per_page` as the server reads them: bad values fall back to the defaults,
/// `per_page` is capped at 200.
fn paging(ctx: &Ctx<'_>, default_per_page: usize) -> (usize, usize) {
    let page = ctx.query("page").and_then(|v| v.parse().ok()).unwrap_or(0);
    let per_page = ctx
        .query("per_page")
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_per_page)
        .min(mattermost_sdk_core::MAX_PER_PAGE as usize);
    (page, per_page)
}

fn page_of<T>(items: Vec<T>, page: usize, per_page: usize) -> Vec<T> {
    items
        .into_iter()
        .skip(page.saturating_mul(per_page))
        .take(per_page)
        .collect()
}

fn set_now(st: &mut State, id: &str, field: &str) {
    let now = st.now();
    if let Some(u) = st.users.get_mut(id) {
        u.insert(field.to_owned(), json!(now));
        if field != "update_at" {
            u.insert("update_at".to_owned(), json!(now));
        }
    }
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

// ---------------------------------------------------------------- login and logout

pub(crate) fn ping(_: &mut State, _: &Ctx<'_>, _: &[String]) -> Res {
    Ok(status_ok())
}

pub(crate) fn login(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let invalid = || {
        Fail::new(
            StatusCode::UNAUTHORIZED,
            "api.user.login.invalid_credentials_email_username",
            "Enter a valid email or username and/or password.",
        )
    };
    let body = body_obj(ctx, "login_id").unwrap_or_default();
    let login_id = str_field(&body, "login_id").unwrap_or("");
    let password = str_field(&body, "password").unwrap_or("");
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
    if !st.is_active(&id) {
        return Err(Fail::new(
            StatusCode::UNAUTHORIZED,
            "api.user.login.inactive.app_error",
            "Login failed because your account has been deactivated. Please contact an administrator.",
        ));
    }
    if st.passwords.get(&id).map(String::as_str) != Some(password) {
        return Err(invalid());
    }
    let user = st.user(&id)?.clone();
    if user.get("mfa_active").and_then(Value::as_bool) == Some(true) {
        match str_field(&body, "token").unwrap_or("") {
            "" => {
                return Err(Fail::new(
                    StatusCode::UNAUTHORIZED,
                    "mfa.validate_token.authenticate.app_error",
                    "Error trying to authenticate MFA token.",
                ))
            }
            code if code != MFA_CODE => {
                return Err(Fail::new(
                    StatusCode::UNAUTHORIZED,
                    "api.user.check_user_mfa.bad_code.app_error",
                    "Invalid MFA token.",
                ))
            }
            _ => {}
        }
    }
    let device = str_field(&body, "device_id").unwrap_or("").to_owned();
    let token = st.add_session(&id, &device, "fake");
    let mut resp = json_reply(StatusCode::OK, &Value::Object(user));
    if let Ok(v) = HeaderValue::try_from(token) {
        resp.headers_mut().insert("token", v);
    }
    Ok(resp)
}

pub(crate) fn logout(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    if let Some(sid) = &ctx.auth.session_id {
        st.sessions.retain(|s| &s.id != sid);
    }
    Ok(status_ok())
}

// ---------------------------------------------------------------- the user itself

pub(crate) fn get_user(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    Ok(json_reply(
        StatusCode::OK,
        &Value::Object(st.user(&id)?.clone()),
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
    user.insert("update_at".into(), json!(st.now()));
    Ok(user)
}

/// `PUT /users/{id}`. Unlike the real server, fields the fake does not know are stored and
/// returned, so a test can see that a client's get → modify → update keeps them.
pub(crate) fn update_user(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let body = body_obj(ctx, "user")?;
    if str_field(&body, "id") != Some(id.as_str()) {
        return Err(Fail::invalid_body("user_id"));
    }
    self_or_admin(ctx, &id, "edit_other_users")?;
    let user = merged_user(st, ctx, &id, body, true)?;
    st.users.insert(id, user.clone());
    Ok(json_reply(StatusCode::OK, &Value::Object(user)))
}

/// `PUT /users/{id}/patch`: every field given except server-controlled ones is applied.
pub(crate) fn patch_user(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let body = body_obj(ctx, "user")?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    let user = merged_user(st, ctx, &id, body, false)?;
    st.users.insert(id, user.clone());
    Ok(json_reply(StatusCode::OK, &Value::Object(user)))
}

/// `DELETE /users/{id}`: deactivates. Self-deactivation is allowed (the server's
/// `EnableUserDeactivation` on); `permanent=true` is refused as on a default server.
pub(crate) fn deactivate(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    if ctx.query("permanent") == Some("true") {
        return Err(Fail::new(
            StatusCode::UNAUTHORIZED,
            "api.user.delete_user.not_enabled.app_error",
            "Permanent user deletion feature is not enabled. Please contact your System Administrator.",
        ));
    }
    st.deactivate(&id);
    Ok(status_ok())
}

pub(crate) fn get_teams(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
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

/// `PUT /users/{id}/roles`: `roles` must be one space-separated string of role names
/// (stricter than the server, which would accept an empty string).
pub(crate) fn update_roles(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let body = body_obj(ctx, "roles")?;
    let roles = str_field(&body, "roles").ok_or_else(|| Fail::invalid_body("roles"))?;
    let names: Vec<&str> = roles.split_whitespace().collect();
    let valid = !names.is_empty()
        && names != ["system_admin"]
        && names.iter().all(|r| {
            r.len() <= 64
                && r.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        });
    if !valid {
        return Err(Fail::invalid_body("roles"));
    }
    admin_only(ctx, "manage_roles")?;
    let joined = names.join(" ");
    st.user_mut(&id)?.insert("roles".into(), json!(joined));
    set_now(st, &id, "update_at");
    Ok(status_ok())
}

pub(crate) fn update_active(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
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

// ---------------------------------------------------------------- MFA, password, auth

pub(crate) fn generate_mfa_secret(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
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
pub(crate) fn update_mfa(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
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
pub(crate) fn update_password(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
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
pub(crate) fn update_auth(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
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

// ---------------------------------------------------------------- image

pub(crate) fn get_image(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let user = st.user(&id)?;
    let etag = user
        .get("last_picture_update")
        .and_then(Value::as_i64)
        .unwrap_or(0)
        .to_string();
    let mut resp = match st.images.get(&id) {
        Some((ct, bytes)) => bytes_reply(StatusCode::OK, ct, bytes.clone()),
        None => bytes_reply(
            StatusCode::OK,
            "image/png",
            Bytes::from_static(DEFAULT_PROFILE_IMAGE),
        ),
    };
    resp.headers_mut().insert(
        CACHE_CONTROL,
        HeaderValue::from_static("max-age=86400, private"),
    );
    if let Ok(v) = HeaderValue::try_from(etag) {
        resp.headers_mut().insert(ETAG, v);
    }
    Ok(resp)
}

/// `POST /users/{id}/image`: a `multipart/form-data` body with a file part named `image`.
/// The bytes and the part's content type are stored as given.
pub(crate) fn set_image(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    let parse_error = |detail: String| {
        Fail::new(
            StatusCode::BAD_REQUEST,
            "api.user.upload_profile_user.parse.app_error",
            "Could not parse multipart form.",
        )
        .detail(detail)
    };
    let ct = ctx
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !ct.to_ascii_lowercase().starts_with("multipart/form-data") {
        return Err(parse_error(format!(
            "content type {ct:?} is not multipart/form-data"
        )));
    }
    let parts = multipart::parse(ct, ctx.body.clone()).map_err(parse_error)?;
    let image = parts
        .into_iter()
        .find(|part| part.name.as_deref() == Some("image") && part.filename.is_some())
        .ok_or_else(|| {
            Fail::new(
                StatusCode::BAD_REQUEST,
                "api.user.upload_profile_user.no_file.app_error",
                "No file under 'image' in request.",
            )
        })?;
    if image.data.is_empty() {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "api.user.upload_profile_user.decode.app_error",
            "Could not decode profile image.",
        ));
    }
    let ct = image
        .content_type
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    st.images.insert(id.clone(), (ct, image.data));
    set_now(st, &id, "last_picture_update");
    Ok(status_ok())
}

// ---------------------------------------------------------------- status

pub(crate) fn get_status(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    st.user(&id)?;
    Ok(json_reply(StatusCode::OK, &st.status_of(&id)))
}

/// `PUT /users/{id}/status`: the body's `user_id` must be the path's user (the real ID, even
/// when the path says `me`); `status` is one of `online`, `away`, `offline`, `dnd`.
pub(crate) fn set_status(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let body = body_obj(ctx, "status")?;
    if str_field(&body, "user_id") != Some(id.as_str()) {
        return Err(Fail::invalid_body("user_id"));
    }
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    let status = str_field(&body, "status").unwrap_or("");
    if !["online", "away", "offline", "dnd"].contains(&status) {
        return Err(Fail::invalid_body("status"));
    }
    let dnd_end_time = match body.get("dnd_end_time") {
        None | Some(Value::Null) => 0,
        Some(v) => v.as_i64().ok_or_else(|| {
            Fail::invalid_body("status").detail("dnd_end_time must be an integer")
        })?,
    };
    let now = st.now();
    let value = status_json(
        &id,
        status,
        true,
        now,
        if status == "dnd" { dnd_end_time } else { 0 },
    );
    st.statuses.insert(id, value.clone());
    Ok(json_reply(StatusCode::OK, &value))
}

// ---------------------------------------------------------------- sessions

pub(crate) fn get_sessions(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    let list: Vec<Value> = st
        .sessions
        .iter()
        .filter(|s| s.user_id == id)
        .map(|s| st.session_json(s))
        .collect();
    Ok(json_reply(StatusCode::OK, &Value::Array(list)))
}

pub(crate) fn revoke_session(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    let body = body_obj(ctx, "session_id")?;
    let sid = required_str(&body, "session_id")?;
    let session = st.sessions.iter().find(|s| s.id == sid).ok_or_else(|| {
        Fail::new(
            StatusCode::NOT_FOUND,
            "app.session.get.app_error",
            "Unable to find the session.",
        )
    })?;
    if session.user_id != id {
        return Err(Fail::invalid_url("user_id"));
    }
    st.sessions.retain(|s| s.id != sid);
    Ok(status_ok())
}

pub(crate) fn revoke_all_sessions(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    st.sessions.retain(|s| s.user_id != id);
    Ok(status_ok())
}

/// `POST /users/sessions/revoke/all`: every session of every user (admins only). This is
/// where a client that forgets the user ID in `revoke_all_sessions` ends up.
pub(crate) fn revoke_all_sessions_everyone(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    admin_only(ctx, "sysconsole_write_user_management_users")?;
    st.sessions.clear();
    Ok(status_ok())
}

// ---------------------------------------------------------------- preferences

/// A body of preferences: a JSON array (at most 100) of objects whose fields are strings
/// and whose `user_id` is the path's user (else 403, as on the server).
fn parse_preferences(ctx: &Ctx<'_>, id: &str) -> Result<Vec<Pref>, Fail> {
    let bad = |detail: &str| Fail::invalid_body("preferences").detail(detail.to_owned());
    let value: Value = serde_json::from_slice(ctx.body).map_err(|e| bad(&e.to_string()))?;
    let items = value
        .as_array()
        .ok_or_else(|| bad("the body is not a JSON array"))?;
    if items.len() > 100 {
        return Err(bad("more than 100 preferences"));
    }
    let mut prefs = Vec::with_capacity(items.len());
    for item in items {
        let obj = item
            .as_object()
            .ok_or_else(|| bad("a preference is not an object"))?;
        let field = |key: &str| match obj.get(key) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(bad(&format!("{key} must be a string"))),
        };
        let pref = Pref {
            user_id: field("user_id")?,
            category: field("category")?,
            name: field("name")?,
            value: field("value")?,
        };
        if pref.category.is_empty()
            || pref.category.chars().count() > 32
            || pref.name.chars().count() > 32
        {
            return Err(bad("invalid category or name"));
        }
        if pref.user_id != id {
            return Err(Fail::forbidden(&ctx.auth.user_id, "edit_other_users"));
        }
        prefs.push(pref);
    }
    Ok(prefs)
}

fn prefs_json<'a>(prefs: impl Iterator<Item = &'a Pref>) -> Value {
    Value::Array(prefs.map(Pref::to_json).collect())
}

pub(crate) fn get_preferences(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    Ok(json_reply(StatusCode::OK, &prefs_json(st.prefs_of(&id))))
}

pub(crate) fn set_preferences(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    for pref in parse_preferences(ctx, &id)? {
        st.upsert_pref(pref);
    }
    Ok(status_ok())
}

pub(crate) fn delete_preferences(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    let gone = parse_preferences(ctx, &id)?;
    st.preferences.retain(|p| {
        !gone
            .iter()
            .any(|g| g.user_id == p.user_id && g.category == p.category && g.name == p.name)
    });
    Ok(status_ok())
}

pub(crate) fn preferences_by_category(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    let found: Vec<&Pref> = st.prefs_of(&id).filter(|x| x.category == p[1]).collect();
    if found.is_empty() {
        return Err(Fail::new(
            StatusCode::NOT_FOUND,
            "api.preference.preferences_category.get.app_error",
            "Unable to find preferences for this category.",
        ));
    }
    Ok(json_reply(StatusCode::OK, &prefs_json(found.into_iter())))
}

pub(crate) fn preference_by_name(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    let found = st
        .prefs_of(&id)
        .find(|x| x.category == p[1] && x.name == p[2])
        .ok_or_else(|| {
            Fail::new(
                StatusCode::NOT_FOUND,
                "app.preference.get.app_error",
                "Unable to find preference.",
            )
        })?;
    Ok(json_reply(StatusCode::OK, &found.to_json()))
}

// ---------------------------------------------------------------- posts, reactions, apps

/// `GET /users/{id}/posts/flagged`: a `PostList` object (not an array). Flags are the
/// user's `flagged_post` preferences, as on the server; `channel_id` wins over `team_id`.
pub(crate) fn flagged_posts(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    for param in ["team_id", "channel_id"] {
        if ctx
            .query(param)
            .is_some_and(|v| !v.is_empty() && !is_valid_id(v))
        {
            return Err(Fail::invalid_url(param));
        }
    }
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    let (page, per_page) = paging(ctx, 60);
    let channel = ctx.query("channel_id").filter(|v| !v.is_empty());
    let team = ctx.query("team_id").filter(|v| !v.is_empty());
    let mut posts: Vec<&Obj> = st
        .prefs_of(&id)
        .filter(|x| x.category == "flagged_post" && x.value == "true")
        .filter_map(|x| st.posts.get(&x.name))
        .filter(|post| post.get("delete_at").and_then(Value::as_i64).unwrap_or(0) == 0)
        .filter(|post| {
            let ch = str_field(post, "channel_id").unwrap_or("");
            match (channel, team) {
                (Some(c), _) => ch == c,
                (None, Some(t)) => st.channels.get(ch).is_some_and(|pt| pt == t),
                (None, None) => true,
            }
        })
        .collect();
    posts.sort_by_key(|post| {
        std::cmp::Reverse(post.get("create_at").and_then(Value::as_i64).unwrap_or(0))
    });
    let total = posts.len();
    let page_posts = page_of(posts, page, per_page);
    let order: Vec<Value> = page_posts
        .iter()
        .filter_map(|post| post.get("id").cloned())
        .collect();
    let map: Map<String, Value> = page_posts
        .iter()
        .filter_map(|post| {
            Some((
                str_field(post, "id")?.to_owned(),
                Value::Object((*post).clone()),
            ))
        })
        .collect();
    Ok(json_reply(
        StatusCode::OK,
        &json!({
            "order": order,
            "posts": map,
            "next_post_id": "",
            "prev_post_id": "",
            "has_next": total > (page + 1).saturating_mul(per_page),
        }),
    ))
}

fn valid_emoji_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_+-".contains(&b))
}

/// `DELETE /users/{id}/posts/{post_id}/reactions/{emoji_name}`. Removing a reaction that does
/// not exist succeeds, as on the server; an unknown post is a 404.
pub(crate) fn remove_reaction(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    if !is_valid_id(&p[1]) {
        return Err(Fail::invalid_url("post_id"));
    }
    if !valid_emoji_name(&p[2]) {
        return Err(Fail::invalid_url("emoji_name"));
    }
    self_or_admin(ctx, &id, "remove_others_reactions")?;
    st.user(&id)?;
    if !st.posts.contains_key(&p[1]) {
        return Err(Fail::new(
            StatusCode::NOT_FOUND,
            "app.post.get.app_error",
            "Unable to get the post.",
        ));
    }
    st.reactions
        .retain(|r| !(r.user_id == id && r.post_id == p[1] && r.emoji_name == p[2]));
    Ok(status_ok())
}

/// `GET /users/{id}/oauth/apps/authorized`: the apps named by the user's `oauth_app`
/// preferences, client secrets blanked.
pub(crate) fn authorized_apps(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    let (page, per_page) = paging(ctx, 60);
    let apps: Vec<Value> = st
        .prefs_of(&id)
        .filter(|x| x.category == "oauth_app")
        .filter_map(|x| st.oauth_apps.get(&x.name))
        .map(|app| {
            let mut app = app.clone();
            app.insert("client_secret".into(), json!(""));
            Value::Object(app)
        })
        .collect();
    Ok(json_reply(
        StatusCode::OK,
        &Value::Array(page_of(apps, page, per_page)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_known_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
