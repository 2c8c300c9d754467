//! Sessions.

#[allow(unused_imports)]
use super::*;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("POST", "users/sessions/revoke/all", true, revoke_all_sessions_everyone),
    Route("GET", "users/{}/sessions", true, get_sessions),
    Route("POST", "users/{}/sessions/revoke", true, revoke_session),
    Route("POST", "users/{}/sessions/revoke/all", true, revoke_all_sessions),
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

/// `POST /users/sessions/revoke/all`: every session of every user (admins only). This is
/// where a client that forgets the user ID in `revoke_all_sessions` ends up.
pub(super) fn revoke_all_sessions_everyone(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    admin_only(ctx, "sysconsole_write_user_management_users")?;
    st.sessions.clear();
    Ok(status_ok())
}
