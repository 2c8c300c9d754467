//! Personal access tokens. Checks in the order of `server/channels/api4/user.go`
//! (`createUserAccessToken`, `getUserAccessTokensForUser`, ...); errors of
//! `server/channels/app/session.go`.

#[allow(unused_imports)]
use super::*;

use super::super::state::{has_role, PersonalToken};

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("POST", "users/{}/tokens", true, create_token),
    Route("GET", "users/{}/tokens", true, tokens_for_user),
    Route("GET", "users/tokens", true, all_tokens),
    Route("POST", "users/tokens/search", true, search_tokens),
    Route("GET", "users/tokens/{}", true, get_token),
    Route("POST", "users/tokens/revoke", true, revoke_token),
    Route("POST", "users/tokens/disable", true, disable_token),
    Route("POST", "users/tokens/enable", true, enable_token),
];

/// The caller holds the token permissions (`create_user_access_token`,
/// `read_user_access_token`, `revoke_user_access_token`): a system admin, or a user with the
/// `system_user_access_token` role, which grants them (`server/public/model/role.go`).
fn token_permission(st: &State, ctx: &Ctx<'_>, permission: &str) -> Result<(), Fail> {
    let holder = ctx.auth.admin
        || st
            .users
            .get(&ctx.auth.user_id)
            .is_some_and(|u| has_role(u, "system_user_access_token"));
    if holder {
        Ok(())
    } else {
        Err(Fail::forbidden(&ctx.auth.user_id, permission))
    }
}

/// `SessionHasPermissionToUserOrBot`: the user themself, or `edit_other_users` (admins).
fn to_user(ctx: &Ctx<'_>, user_id: &str) -> Result<(), Fail> {
    self_or_admin(ctx, user_id, "edit_other_users")
}

/// `POST /users/{id}/tokens`: user known (404), body (400 `description`), permission,
/// the user themself or `edit_other_users`, `manage_system` for an admin's token, then
/// `EnableUserAccessTokens` (501, bots excepted).
fn create_token(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let user = st.user(&id)?;
    let (target_admin, bot) = (
        has_role(user, "system_admin"),
        user.get("is_bot").and_then(Value::as_bool).unwrap_or(false),
    );
    let body = body_obj(ctx, "user_access_token")?;
    let description = required_str(&body, "description")?.to_owned();
    if description.len() > 255 {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "model.user_access_token.is_valid.description.app_error",
            "Invalid description, must be 255 or less characters.",
        ));
    }
    token_permission(st, ctx, "create_user_access_token")?;
    to_user(ctx, &id)?;
    if target_admin && !ctx.auth.admin {
        return Err(Fail::forbidden(&ctx.auth.user_id, "manage_system"));
    }
    if !st.admin.settings.enable_user_access_tokens && !bot {
        return Err(Fail::new(
            StatusCode::NOT_IMPLEMENTED,
            "app.user_access_token.disabled",
            "Personal access tokens are disabled on this server. Please contact your system administrator for details.",
        ));
    }
    let token = st.new_token();
    let token_id = st.add_personal_token(None, &id, &token, &description);
    Ok(json_reply(
        StatusCode::OK,
        &json!({
            "id": token_id,
            "token": token,
            "user_id": id,
            "description": description,
            "is_active": true,
        }),
    ))
}

fn listed<'a>(tokens: impl Iterator<Item = &'a PersonalToken>) -> Value {
    Value::Array(tokens.map(PersonalToken::to_json).collect())
}

/// `GET /users/{id}/tokens`: `page`/`per_page` as a LIMIT/OFFSET, oldest first.
fn tokens_for_user(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    token_permission(st, ctx, "read_user_access_token")?;
    to_user(ctx, &id)?;
    let (page, per_page) = paging(ctx, 60);
    let mine: Vec<&PersonalToken> = st
        .personal_tokens
        .iter()
        .filter(|t| t.user_id == id)
        .collect();
    Ok(json_reply(
        StatusCode::OK,
        &listed(page_of(mine, page, per_page).into_iter()),
    ))
}

/// `GET /users/tokens`: every token, `manage_system` only.
fn all_tokens(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    admin_only(ctx, "manage_system")?;
    let (page, per_page) = paging(ctx, 60);
    let all: Vec<&PersonalToken> = st.personal_tokens.iter().collect();
    Ok(json_reply(
        StatusCode::OK,
        &listed(page_of(all, page, per_page).into_iter()),
    ))
}

/// `POST /users/tokens/search`: `manage_system`, a non-empty `term` (400), then the tokens
/// whose ID, owner ID or owner username equals it (a `LIKE` without wildcards).
fn search_tokens(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    admin_only(ctx, "manage_system")?;
    let body = body_obj(ctx, "user_access_token_search")?;
    let term = str_field(&body, "term")
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Fail::invalid_body("term"))?;
    let hits = st.personal_tokens.iter().filter(|t| {
        t.id == term
            || t.user_id == term
            || st
                .users
                .get(&t.user_id)
                .is_some_and(|u| str_field(u, "username") == Some(term))
    });
    Ok(json_reply(StatusCode::OK, &listed(hits)))
}

/// 404 `app.user_access_token.get_by_user.app_error` (`App.GetUserAccessToken`).
fn token_not_found() -> Fail {
    Fail::new(
        StatusCode::NOT_FOUND,
        "app.user_access_token.get_by_user.app_error",
        "Unable to get user access tokens by user.",
    )
}

fn find(st: &State, id: &str) -> Result<usize, Fail> {
    st.personal_tokens
        .iter()
        .position(|t| t.id == id)
        .ok_or_else(token_not_found)
}

/// `GET /users/tokens/{token_id}`: route `[A-Za-z0-9]+`, then `RequireTokenId` (a valid
/// ID, 400), permission, the token (404), its owner or `edit_other_users`.
fn get_token(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    if !is_valid_id(&p[0]) {
        return Err(Fail::invalid_url("token_id"));
    }
    token_permission(st, ctx, "read_user_access_token")?;
    let t = &st.personal_tokens[find(st, &p[0])?];
    to_user(ctx, &t.user_id)?;
    Ok(json_reply(StatusCode::OK, &t.to_json()))
}

/// Revoke, disable and enable: `token_id` from a string-map body, the permission, the token
/// (404), its owner or `edit_other_users`. Like the handlers, a missing `token_id` sets the
/// 400 but the lookup of `""` still runs and fails with the 404 (the handlers do not
/// return after `SetInvalidParam`); the fake answers the 400.
fn token_op(st: &mut State, ctx: &Ctx<'_>, permission: &str) -> Result<usize, Fail> {
    let body = body_obj(ctx, "token_id")?;
    let id = required_str(&body, "token_id")?;
    token_permission(st, ctx, permission)?;
    let i = find(st, id)?;
    to_user(ctx, &st.personal_tokens[i].user_id)?;
    Ok(i)
}

/// `POST /users/tokens/revoke`: the token is deleted.
fn revoke_token(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let i = token_op(st, ctx, "revoke_user_access_token")?;
    st.personal_tokens.remove(i);
    Ok(status_ok())
}

/// `POST /users/tokens/disable` (permission `revoke_user_access_token`).
fn disable_token(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let i = token_op(st, ctx, "revoke_user_access_token")?;
    st.personal_tokens[i].is_active = false;
    Ok(status_ok())
}

/// `POST /users/tokens/enable` (permission `create_user_access_token`).
fn enable_token(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let i = token_op(st, ctx, "create_user_access_token")?;
    st.personal_tokens[i].is_active = true;
    Ok(status_ok())
}
