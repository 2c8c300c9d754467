//! A user's custom profile attribute values, as
//! `server/channels/api4/custom_profile_attributes.go` serves them (with the feature flag
//! on and an Enterprise licence: [`FakeSettings::custom_profile_attributes`]).
//!
//! [`FakeSettings::custom_profile_attributes`]: super::admin::FakeSettings

#[allow(unused_imports)]
use super::*;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "users/{}/custom_profile_attributes", true, list_values),
    Route("PATCH", "users/{}/custom_profile_attributes", true, patch_values),
];

fn licensed(st: &State) -> Result<(), Fail> {
    if st.admin.settings.custom_profile_attributes {
        Ok(())
    } else {
        Err(Fail::new(
            StatusCode::FORBIDDEN,
            "api.custom_profile_attributes.license_error",
            "Your license does not support Custom Profile Attributes.",
        ))
    }
}

fn values_of(st: &State, user_id: &str) -> Map<String, Value> {
    st.admin
        .cpa_values
        .iter()
        .filter(|((u, _), _)| u == user_id)
        .map(|((_, f), v)| (f.clone(), v.clone()))
        .collect()
}

/// `GET /users/{id}/custom_profile_attributes`: licence (403), then the caller must be the
/// user, an admin or share a team with the user (403 otherwise: TestListCPAValues, "non
/// team member should NOT be able to list values"), then field ID → value as one object
/// (empty for a user without values).
fn list_values(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    licensed(st)?;
    let id = uid(ctx, &p[0])?;
    let me = ctx.auth.user_id.as_str();
    let shares_team = st
        .memberships
        .iter()
        .filter(|(_, u)| u == me)
        .any(|(t, _)| st.memberships.iter().any(|(t2, u2)| t2 == t && *u2 == id));
    if me != id && !ctx.auth.admin && !shares_team {
        return Err(Fail::forbidden(me, "view_members"));
    }
    Ok(json_reply(
        StatusCode::OK,
        &Value::Object(values_of(st, &id)),
    ))
}

/// `PATCH /users/{id}/custom_profile_attributes`: licence (403), the user themself or an
/// admin (403), the body must be one JSON object (400 `value`), admin-managed fields need an
/// admin (403), every field must exist (404) and take the value (text: a string, else 400).
/// Text values are stored trimmed, as the server sanitises them (TestPatchCPAValues:
/// `"  Field Value "` is stored as `"Field Value"`). Returns the values written.
fn patch_values(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    licensed(st)?;
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    let updates = match serde_json::from_slice::<Value>(ctx.body) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return Err(Fail::invalid_body("value").detail("the body is not a JSON object")),
        Err(e) => return Err(Fail::invalid_body("value").detail(e.to_string())),
    };
    if !ctx.auth.admin
        && updates.keys().any(|f| {
            st.admin
                .cpa_fields
                .get(f)
                .is_some_and(|(_, managed)| *managed)
        })
    {
        return Err(Fail::new(
            StatusCode::FORBIDDEN,
            "app.custom_profile_attributes.property_field_is_managed.app_error",
            "Cannot update value for an admin-managed property field.",
        ));
    }
    for (field, value) in &updates {
        let Some((kind, _)) = st.admin.cpa_fields.get(field) else {
            return Err(Fail::new(
                StatusCode::NOT_FOUND,
                "app.custom_profile_attributes.property_field_not_found.app_error",
                "Property field not found.",
            ));
        };
        if *kind == "text" && !value.is_string() {
            return Err(Fail::new(
                StatusCode::BAD_REQUEST,
                "app.custom_profile_attributes.validate_value.app_error",
                "Failed to validate property value.",
            ));
        }
    }
    let mut written = Map::new();
    for (field, value) in updates {
        let value = match value {
            Value::String(s) => Value::String(s.trim().to_owned()),
            other => other,
        };
        st.admin
            .cpa_values
            .insert((id.clone(), field.clone()), value.clone());
        written.insert(field, value);
    }
    Ok(json_reply(StatusCode::OK, &Value::Object(written)))
}
