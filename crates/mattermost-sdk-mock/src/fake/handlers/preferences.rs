//! Preferences.

#[allow(unused_imports)]
use super::*;

// None of these handlers checks that the path's user exists: like the server's, they read
// or write rows by user ID, so an admin asking about an unknown user gets empty answers.
#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "users/{}/preferences", true, get_preferences),
    Route("PUT", "users/{}/preferences", true, set_preferences),
    Route("POST", "users/{}/preferences/delete", true, delete_preferences),
    Route("GET", "users/{}/preferences/{}", true, preferences_by_category),
    Route("GET", "users/{}/preferences/{}/name/{}", true, preference_by_name),
];

/// Why a list of preferences is read: to save it (validated as the store validates it) or to
/// delete it (only the owner is checked).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Save,
    Delete,
}

/// A body of preferences, checked in the server's order (`updatePreferences` /
/// `deletePreferences` in server/channels/api4/preference.go, then `App.UpdatePreferences` /
/// `App.DeletePreferences`, then `Preference.IsValid` in server/public/model/preference.go):
/// a JSON array of 1 to 100 objects whose fields are strings (400
/// `api.context.invalid_body_param.app_error`); a flagged post must exist (400); every
/// `user_id` is the path's user (403 `api.preference.update_preferences.set.app_error`, or
/// `api.preference.delete_preferences.delete.app_error`); and, to save, each preference is
/// valid (400 `model.preference.is_valid.{id,category,name,value,theme,limit_visible_dms_gms}.app_error`).
fn parse_preferences(
    st: &State,
    ctx: &Ctx<'_>,
    id: &str,
    purpose: Purpose,
) -> Result<Vec<Pref>, Fail> {
    let bad = |detail: &str| Fail::invalid_body("preferences").detail(detail.to_owned());
    let value: Value = serde_json::from_slice(ctx.body).map_err(|e| bad(&e.to_string()))?;
    let items = value
        .as_array()
        .ok_or_else(|| bad("the body is not a JSON array"))?;
    if items.is_empty() || items.len() > 100 {
        return Err(bad("between 1 and 100 preferences are needed"));
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
        prefs.push(Pref {
            user_id: field("user_id")?,
            category: field("category")?,
            name: field("name")?,
            value: field("value")?,
        });
    }
    if purpose == Purpose::Save {
        for pref in &prefs {
            if pref.category == "flagged_post" && !st.posts.contains_key(&pref.name) {
                return Err(Fail::invalid_body("preference.name"));
            }
        }
    }
    if prefs.iter().any(|pref| pref.user_id != id) {
        let (err_id, message) = match purpose {
            Purpose::Save => (
                "api.preference.update_preferences.set.app_error",
                "Unable to set user preferences.",
            ),
            Purpose::Delete => (
                "api.preference.delete_preferences.delete.app_error",
                "Unable to delete user preferences.",
            ),
        };
        return Err(
            Fail::new(StatusCode::FORBIDDEN, err_id, message).detail(format!("userId={id}"))
        );
    }
    if purpose == Purpose::Save {
        for pref in &prefs {
            validate(pref)?;
        }
    }
    Ok(prefs)
}

/// `Preference.IsValid` (server/public/model/preference.go).
fn validate(pref: &Pref) -> Result<(), Fail> {
    let invalid = |what: &'static str, message: &str| {
        Fail::new(StatusCode::BAD_REQUEST, what, message.to_owned())
    };
    if !is_valid_id(&pref.user_id) {
        return Err(invalid(
            "model.preference.is_valid.id.app_error",
            "Invalid user id.",
        ));
    }
    if pref.category.is_empty() || pref.category.len() > 32 {
        return Err(invalid(
            "model.preference.is_valid.category.app_error",
            "Invalid category.",
        ));
    }
    if pref.name.len() > 32 {
        return Err(invalid(
            "model.preference.is_valid.name.app_error",
            "Invalid name.",
        ));
    }
    if pref.value.chars().count() > 20_000 {
        return Err(invalid(
            "model.preference.is_valid.value.app_error",
            "Value is too long.",
        ));
    }
    if pref.category == "theme"
        && serde_json::from_str::<std::collections::HashMap<String, String>>(&pref.value).is_err()
    {
        return Err(invalid(
            "model.preference.is_valid.theme.app_error",
            "Invalid theme.",
        ));
    }
    if pref.category == "sidebar_settings" && pref.name == "limit_visible_dms_gms" {
        let ok = pref
            .value
            .parse::<i64>()
            .is_ok_and(|n| (1..=40).contains(&n));
        if !ok {
            return Err(invalid(
                "model.preference.is_valid.limit_visible_dms_gms.app_error",
                "Invalid value for limit_visible_dms_gms.",
            ));
        }
    }
    Ok(())
}

fn prefs_json<'a>(prefs: impl Iterator<Item = &'a Pref>) -> Value {
    Value::Array(prefs.map(Pref::to_json).collect())
}

pub(super) fn get_preferences(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    Ok(json_reply(StatusCode::OK, &prefs_json(st.prefs_of(&id))))
}

pub(super) fn set_preferences(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    for pref in parse_preferences(st, ctx, &id, Purpose::Save)? {
        st.upsert_pref(pref);
    }
    Ok(status_ok())
}

pub(super) fn delete_preferences(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    let gone = parse_preferences(st, ctx, &id, Purpose::Delete)?;
    st.preferences.retain(|p| {
        !gone
            .iter()
            .any(|g| g.user_id == p.user_id && g.category == p.category && g.name == p.name)
    });
    Ok(status_ok())
}

pub(super) fn preferences_by_category(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
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

pub(super) fn preference_by_name(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    let found = st
        .prefs_of(&id)
        .find(|x| x.category == p[1] && x.name == p[2])
        .ok_or_else(|| {
            // `App.GetPreferenceByCategoryAndNameForUser` answers a missing row with a 400.
            Fail::new(
                StatusCode::BAD_REQUEST,
                "app.preference.get.app_error",
                "Unable to find preference.",
            )
        })?;
    Ok(json_reply(StatusCode::OK, &found.to_json()))
}
