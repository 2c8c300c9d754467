//! Status.

#[allow(unused_imports)]
use super::*;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "users/{}/status", true, get_status),
    Route("PUT", "users/{}/status", true, set_status),
];

pub(super) fn get_status(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    st.user(&id)?;
    Ok(json_reply(StatusCode::OK, &st.status_of(&id)))
}

/// `PUT /users/{id}/status`: the body's `user_id` must be the path's user (the real ID, even
/// when the path says `me`); `status` is one of `online`, `away`, `offline`, `dnd`.
pub(super) fn set_status(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
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
