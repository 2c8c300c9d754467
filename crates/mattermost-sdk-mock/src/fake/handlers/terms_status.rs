//! A user's terms of service and custom status (`server/channels/api4/user.go`
//! `getUserTermsOfService`/`saveUserTermsOfService`, `server/channels/api4/status.go`
//! `updateUserCustomStatus`/`removeUserCustomStatus`/`removeUserRecentCustomStatus`).

#[allow(unused_imports)]
use super::*;

use mattermost_sdk_core::endpoints::users::check_custom_status;
use mattermost_sdk_core::models::{CustomStatus, CUSTOM_STATUS_TEXT_MAX_CHARS};

/// The ID of the fake's one terms of service, the only ID `RegisterTermsOfServiceAction`
/// accepts (others: 404 `app.terms_of_service.get.no_rows.app_error`).
pub const TERMS_OF_SERVICE_ID: &str = "faketermsofservice00000001";

/// The preference that holds a user's recent custom statuses, a JSON array, newest first
/// (`model.PreferenceCategoryCustomStatus`, `PreferenceNameRecentCustomStatuses`).
const RECENT: (&str, &str) = ("custom_status", "recent_custom_statuses");

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "users/{}/terms_of_service", true, get_terms),
    Route("POST", "users/{}/terms_of_service", true, save_terms),
    Route("PUT", "users/{}/status/custom", true, set_custom_status),
    Route("DELETE", "users/{}/status/custom", true, unset_custom_status),
    Route("DELETE", "users/{}/status/custom/recent", true, remove_recent),
    Route("POST", "users/{}/status/custom/recent/delete", true, remove_recent),
];

/// `GET /users/{id}/terms_of_service`: the SESSION's user's acceptance, whatever the path
/// (`getUserTermsOfService`); 404 `app.user_terms_of_service.get_by_user.no_rows.app_error`
/// when none.
pub(super) fn get_terms(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let me = &ctx.auth.user_id;
    let (terms_id, at) = st.user_terms.get(me).ok_or_else(|| {
        Fail::new(
            StatusCode::NOT_FOUND,
            "app.user_terms_of_service.get_by_user.no_rows.app_error",
            "No terms of service acceptance found for this user.",
        )
    })?;
    Ok(json_reply(
        StatusCode::OK,
        &json!({"user_id": me, "terms_of_service_id": terms_id, "create_at": at}),
    ))
}

/// `POST /users/{id}/terms_of_service` (`saveUserTermsOfService`): the body read as a map of
/// JSON values; `termsOfServiceId` must be a string and `accepted` a boolean (400 naming
/// the field otherwise); the terms must exist (404); accepting records it for the
/// session's user, declining deletes that record.
pub(super) fn save_terms(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let body: Obj = serde_json::from_slice(ctx.body).unwrap_or_default();
    let terms_id = str_field(&body, "termsOfServiceId")
        .ok_or_else(|| Fail::invalid_body("termsOfServiceId"))?
        .to_owned();
    let accepted = body
        .get("accepted")
        .and_then(Value::as_bool)
        .ok_or_else(|| Fail::invalid_body("accepted"))?;
    if terms_id != TERMS_OF_SERVICE_ID {
        return Err(Fail::new(
            StatusCode::NOT_FOUND,
            "app.terms_of_service.get.no_rows.app_error",
            "Terms of service not found.",
        ));
    }
    let me = ctx.auth.user_id.clone();
    if accepted {
        let now = st.now();
        st.user_terms.insert(me, (terms_id, now));
    } else if st.user_terms.get(&me).is_some_and(|(t, _)| *t == terms_id) {
        st.user_terms.remove(&me);
    }
    Ok(status_ok())
}

/// 501 `api.custom_status.disabled` when `TeamSettings.EnableCustomUserStatuses` is off.
fn custom_statuses_enabled(st: &State) -> Result<(), Fail> {
    if st.admin.settings.enable_custom_user_statuses {
        Ok(())
    } else {
        Err(Fail::new(
            StatusCode::NOT_IMPLEMENTED,
            "api.custom_status.disabled",
            "Custom status feature has been disabled.",
        ))
    }
}

/// The body as a `model.CustomStatus`; a body that does not decode (or an `expires_at` that
/// is not RFC 3339) is a 400 naming `param`.
fn custom_status_body(ctx: &Ctx<'_>, param: &str) -> Result<CustomStatus, Fail> {
    let cs: CustomStatus = serde_json::from_slice(ctx.body)
        .map_err(|e| Fail::invalid_body(param).detail(e.to_string()))?;
    if cs.expires_at_unix().is_none()
        && !cs.expires_at.is_empty()
        && cs.expires_at != mattermost_sdk_core::models::GO_ZERO_TIME
    {
        return Err(Fail::invalid_body(param).detail("expires_at is not an RFC 3339 time"));
    }
    Ok(cs)
}

/// Wall-clock seconds since the epoch: expiry times are checked against real time, as the
/// server checks them.
fn wall_clock() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A custom status as Go's `json.Marshal` writes it: the four fields, in order, a blank
/// expiry as Go's zero time.
fn go_json(cs: &CustomStatus) -> String {
    serde_json::to_string(&CustomStatus {
        extra: Default::default(),
        ..cs.clone()
    })
    .unwrap_or_default()
}

/// A user's recent custom statuses (the preference's JSON array).
fn recent_of(st: &State, id: &str) -> Option<Vec<CustomStatus>> {
    st.prefs_of(id)
        .find(|p| p.category == RECENT.0 && p.name == RECENT.1)
        .map(|p| serde_json::from_str(&p.value).unwrap_or_default())
}

fn save_recent(st: &mut State, id: &str, list: &[CustomStatus]) {
    let value = format!(
        "[{}]",
        list.iter().map(go_json).collect::<Vec<_>>().join(",")
    );
    st.upsert_pref(Pref {
        user_id: id.to_owned(),
        category: RECENT.0.to_owned(),
        name: RECENT.1.to_owned(),
        value,
    });
}

/// Sets `props.customStatus` of user `id` to `value` and bumps `update_at` (`UpdateUser`).
fn set_prop(st: &mut State, id: &str, value: String) -> Result<(), Fail> {
    let user = st.user_mut(id)?;
    let props = user
        .entry("props")
        .or_insert_with(|| Value::Object(Obj::new()));
    if !props.is_object() {
        *props = Value::Object(Obj::new());
    }
    if let Value::Object(m) = props {
        m.insert("customStatus".to_owned(), Value::String(value));
    }
    set_now(st, id, "update_at");
    Ok(())
}

/// `PUT /users/{id}/status/custom` (`updateUserCustomStatus`, then `CustomStatus.PreSave`
/// and `App.SetCustomStatus`): checks as the server's (400 `custom_status`), then the user
/// themself or an admin (403 `edit_other_users`); the text is cut to 100 characters, a blank
/// duration with an expiry becomes `date_and_time`; stored as a JSON string in
/// `props.customStatus`, and put first in the recent list (one per text, at most five).
pub(super) fn set_custom_status(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    custom_statuses_enabled(st)?;
    let mut cs = custom_status_body(ctx, "custom_status")?;
    check_custom_status(&cs, wall_clock())
        .map_err(|e| Fail::invalid_body("custom_status").detail(e.to_string()))?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    if cs.duration.is_empty() && cs.expires_at_unix().is_some() {
        cs.duration = "date_and_time".to_owned();
    }
    if cs.text.chars().count() > CUSTOM_STATUS_TEXT_MAX_CHARS {
        cs.text = cs.text.chars().take(CUSTOM_STATUS_TEXT_MAX_CHARS).collect();
    }
    set_prop(st, &id, go_json(&cs))?;
    let mut recent = recent_of(st, &id).unwrap_or_default();
    recent.retain(|r| r.text != cs.text);
    recent.insert(0, cs);
    recent.truncate(5);
    save_recent(st, &id, &recent);
    Ok(status_ok())
}

/// `DELETE /users/{id}/status/custom` (`removeUserCustomStatus`, `User.ClearCustomStatus`):
/// `props.customStatus` becomes `""`; the recent list stays.
pub(super) fn unset_custom_status(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    custom_statuses_enabled(st)?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    set_prop(st, &id, String::new())?;
    Ok(status_ok())
}

/// `DELETE /users/{id}/status/custom/recent` and `POST .../recent/delete`
/// (`removeUserRecentCustomStatus`, `App.RemoveRecentCustomStatus`): a body that does not
/// decode is a 400 `recent_custom_status`; then the user themself or an admin; no recent
/// list: 400 `app.preference.get.app_error`; a status not in the list (compared as Go's
/// JSON, so the same four fields): 400
/// `api.custom_status.recent_custom_statuses.delete.app_error`.
pub(super) fn remove_recent(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    custom_statuses_enabled(st)?;
    let cs = custom_status_body(ctx, "recent_custom_status")?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    let Some(mut recent) = recent_of(st, &id) else {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "app.preference.get.app_error",
            "Unable to find preference.",
        ));
    };
    let wanted = go_json(&cs);
    if (cs.emoji.is_empty() && cs.text.is_empty()) || !recent.iter().any(|r| go_json(r) == wanted) {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "api.custom_status.recent_custom_statuses.delete.app_error",
            "Failed to delete the recent custom status.",
        ));
    }
    recent.retain(|r| go_json(r) != wanted);
    save_recent(st, &id, &recent);
    Ok(status_ok())
}
