//! Preferences.

#[allow(unused_imports)]
use super::*;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "users/{}/preferences", true, get_preferences),
    Route("PUT", "users/{}/preferences", true, set_preferences),
    Route("POST", "users/{}/preferences/delete", true, delete_preferences),
    Route("GET", "users/{}/preferences/{}", true, preferences_by_category),
    Route("GET", "users/{}/preferences/{}/name/{}", true, preference_by_name),
];

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

pub(super) fn get_preferences(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    Ok(json_reply(StatusCode::OK, &prefs_json(st.prefs_of(&id))))
}

pub(super) fn set_preferences(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    for pref in parse_preferences(ctx, &id)? {
        st.upsert_pref(pref);
    }
    Ok(status_ok())
}

pub(super) fn delete_preferences(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
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

pub(super) fn preferences_by_category(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
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

pub(super) fn preference_by_name(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
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
