//! Search and autocomplete (`POST /users/search`, `GET /users/autocomplete`), as
//! `searchUsers` and `autocompleteUsers` in `server/channels/api4/user.go`. Matching is by
//! prefix, case-insensitive, on username, nickname, first and last name (and email for
//! search: the fake shows emails and full names, the server's defaults).

use super::directory::{
    active, can_read_channel, can_view_team, channel_members, is_member, no_group,
};
#[allow(unused_imports)]
use super::*;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("POST", "users/search", true, search),
    Route("GET", "users/autocomplete", true, autocomplete),
];

/// `model.UserSearchMaxLimit` and `UserSearchDefaultLimit`.
const MAX_LIMIT: i64 = 1000;
const DEFAULT_LIMIT: i64 = 100;

fn matches(u: &Obj, term: &str, emails: bool) -> bool {
    let term = term.trim_start_matches('@').to_lowercase();
    let mut fields = vec!["username", "nickname", "first_name", "last_name"];
    if emails {
        fields.push("email");
    }
    let full = format!(
        "{} {}",
        str_field(u, "first_name").unwrap_or(""),
        str_field(u, "last_name").unwrap_or("")
    );
    fields
        .iter()
        .filter_map(|k| str_field(u, k))
        .chain(std::iter::once(full.as_str()))
        .any(|v| v.to_lowercase().starts_with(&term))
}

fn id_of(u: &Obj) -> &str {
    str_field(u, "id").unwrap_or("")
}

pub(super) fn search(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let body = body_obj(ctx, "props")?;
    let s = |k: &str| str_field(&body, k).filter(|v| !v.is_empty());
    let b = |k: &str| body.get(k).and_then(Value::as_bool).unwrap_or(false);
    let mut limit = body.get("limit").and_then(Value::as_i64).unwrap_or(0);
    if limit == 0 {
        limit = DEFAULT_LIMIT;
    }
    let term = s("term").ok_or_else(|| Fail::invalid_body("term"))?;
    if s("team_id").is_none() && s("not_in_channel_id").is_some() {
        return Err(Fail::invalid_body("team_id"));
    }
    if s("in_group_id").is_some() || s("not_in_group_id").is_some() {
        return Err(no_group());
    }
    if let Some(ch) = s("in_channel_id") {
        can_read_channel(st, ctx, ch)?;
    }
    if let Some(ch) = s("not_in_channel_id") {
        can_read_channel(st, ctx, ch)?;
    }
    if let Some(t) = s("team_id") {
        can_view_team(st, ctx, t)?;
    }
    if let Some(t) = s("not_in_team_id") {
        can_view_team(st, ctx, t)?;
    }
    if limit <= 0 || limit > MAX_LIMIT {
        return Err(Fail::invalid_body("limit"));
    }
    let roles: Vec<String> = match body.get("roles") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    };
    let role = s("role");
    let in_channel = s("in_channel_id").map(|c| channel_members(st, c));
    let not_in_channel = s("not_in_channel_id").map(|c| channel_members(st, c));
    let mut found: Vec<&Obj> = st
        .users
        .values()
        .filter(|u| b("allow_inactive") || active(u))
        .filter(|u| matches(u, term, true))
        .filter(|u| s("team_id").is_none_or(|t| is_member(st, t, id_of(u))))
        .filter(|u| s("not_in_team_id").is_none_or(|t| !is_member(st, t, id_of(u))))
        .filter(|u| {
            in_channel
                .as_ref()
                .is_none_or(|m| m.iter().any(|x| x == id_of(u)))
        })
        .filter(|u| {
            not_in_channel
                .as_ref()
                .is_none_or(|m| !m.iter().any(|x| x == id_of(u)))
        })
        .filter(|u| !b("without_team") || !st.memberships.iter().any(|(_, m)| m == id_of(u)))
        .filter(|u| role.is_none_or(|r| super::super::state::has_role(u, r)))
        .filter(|u| roles.is_empty() || roles.iter().any(|r| super::super::state::has_role(u, r)))
        .collect();
    found.sort_by(|a, b| str_field(a, "username").cmp(&str_field(b, "username")));
    found.truncate(limit as usize);
    Ok(json_reply(
        StatusCode::OK,
        &Value::Array(found.into_iter().cloned().map(Value::Object).collect()),
    ))
}

pub(super) fn autocomplete(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let channel = ctx.query("in_channel").filter(|v| !v.is_empty());
    let team = ctx.query("in_team").filter(|v| !v.is_empty());
    let name = ctx.query("name").unwrap_or("");
    let limit = match ctx.query("limit") {
        None | Some("") => DEFAULT_LIMIT,
        Some(v) => v.parse::<i64>().unwrap_or(0).min(MAX_LIMIT),
    };
    if let Some(ch) = channel {
        can_read_channel(st, ctx, ch)?;
    }
    if let Some(t) = team {
        can_view_team(st, ctx, t)?;
    }
    let pick = |filter: &dyn Fn(&Obj) -> bool| -> Vec<Value> {
        let mut v: Vec<&Obj> = st
            .users
            .values()
            .filter(|u| active(u) && matches(u, name, false) && filter(u))
            .collect();
        v.sort_by(|a, b| str_field(a, "username").cmp(&str_field(b, "username")));
        v.truncate(limit.max(0) as usize);
        v.into_iter().cloned().map(Value::Object).collect()
    };
    let answer = match (channel, team) {
        (Some(ch), None) => {
            return Err(Fail::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "api.user.autocomplete_users.missing_team_id.app_error",
                "Team id parameter is required to autocomplete by channel.",
            )
            .detail(format!("channelId={ch}")))
        }
        (Some(ch), Some(t)) => {
            let inside = channel_members(st, ch);
            let users = pick(&|u| inside.iter().any(|m| m == id_of(u)));
            let out =
                pick(&|u| is_member(st, t, id_of(u)) && !inside.iter().any(|m| m == id_of(u)));
            json!({"users": users, "out_of_channel": out})
        }
        (None, Some(t)) => json!({"users": pick(&|u| is_member(st, t, id_of(u)))}),
        (None, None) => json!({"users": pick(&|_| true)}),
    };
    Ok(json_reply(StatusCode::OK, &answer))
}
