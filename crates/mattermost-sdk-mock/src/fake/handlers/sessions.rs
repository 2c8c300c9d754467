//! Sessions.

#[allow(unused_imports)]
use super::*;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("POST", "users/sessions/revoke/all", true, revoke_all_sessions_everyone),
    Route("GET", "users/{}/sessions", true, get_sessions),
    Route("POST", "users/{}/sessions/revoke", true, revoke_session),
    Route("POST", "users/{}/sessions/revoke/all", true, revoke_all_sessions),
    Route("PUT", "users/sessions/device", true, attach_device),
];

/// `GET /users/{id}/sessions`. Like the server (`getSessions`), an unknown user is not an
/// error: an admin gets an empty list.
pub(super) fn get_sessions(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    let list: Vec<Value> = st
        .sessions
        .iter()
        .filter(|s| s.user_id == id)
        .map(|s| st.session_json(s))
        .collect();
    Ok(json_reply(StatusCode::OK, &Value::Array(list)))
}

/// `POST /users/{id}/sessions/revoke`, in the order of `revokeSession`
/// (server/channels/api4/user.go): permission (403), a non-empty `session_id` (400), the
/// session known (400 `app.session.get.app_error`: `App.GetSessionById` answers a missing
/// row with a 400, not a 404) and belonging to the path's user (400, `user_id`).
pub(super) fn revoke_session(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    let body = body_obj(ctx, "session_id")?;
    let sid = required_str(&body, "session_id")?;
    let session = st.sessions.iter().find(|s| s.id == sid).ok_or_else(|| {
        Fail::new(
            StatusCode::BAD_REQUEST,
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

/// `POST /users/{id}/sessions/revoke/all`. An unknown user has no sessions: 200, as on the
/// server.
pub(super) fn revoke_all_sessions(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.sessions.retain(|s| s.user_id != id);
    Ok(status_ok())
}

/// `POST /users/sessions/revoke/all` (`RevokeSessionsFromAllUsers`): every session of every
/// user, the caller's included; `manage_system` only (`revokeAllSessionsAllUsers`,
/// `server/channels/api4/user.go`). Personal access tokens keep working. This is also where
/// a client that forgets the user ID in `revoke_all_sessions` ends up.
pub(super) fn revoke_all_sessions_everyone(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    admin_only(ctx, "manage_system")?;
    st.sessions.clear();
    Ok(status_ok())
}

/// `PUT /users/sessions/device` (`handleDeviceProps`, `server/channels/api4/user.go`): the
/// body is read as a string map (`model.MapFromJSON`: a body with any non-string value reads
/// as empty, so nothing changes); `deviceNotificationDisabled` must be `"true"` or `"false"`
/// and `mobileVersion` semver (400 naming the field); a non-empty `device_id` ends the
/// caller's other sessions on that device and is attached to this one.
pub(super) fn attach_device(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let props: std::collections::BTreeMap<String, String> =
        serde_json::from_slice(ctx.body).unwrap_or_default();
    let get = |k: &str| props.get(k).map(String::as_str).filter(|v| !v.is_empty());
    let mut extra = Vec::new();
    if let Some(off) = get("deviceNotificationDisabled") {
        if off != "true" && off != "false" {
            return Err(Fail::invalid_body("deviceNotificationDisabled"));
        }
        extra.push(("deviceNotificationDisabled", off.to_owned()));
    }
    if let Some(v) = get("mobileVersion") {
        if !mattermost_sdk_core::endpoints::users::is_semver(v) {
            return Err(Fail::invalid_body("mobileVersion"));
        }
        extra.push(("mobileVersion", v.to_owned()));
    }
    let Some(sid) = ctx.auth.session_id.clone() else {
        // A personal access token's request: the fake keeps no session for it.
        return Ok(status_ok());
    };
    if let Some(device) = get("device_id") {
        let me = ctx.auth.user_id.clone();
        st.sessions
            .retain(|s| s.id == sid || s.user_id != me || s.device_id != device);
        if let Some(s) = st.sessions.iter_mut().find(|s| s.id == sid) {
            s.device_id = device.to_owned();
        }
    }
    if let Some(s) = st.sessions.iter_mut().find(|s| s.id == sid) {
        for (k, v) in extra {
            s.extra_props.insert(k.to_owned(), v);
        }
    }
    Ok(status_ok())
}
