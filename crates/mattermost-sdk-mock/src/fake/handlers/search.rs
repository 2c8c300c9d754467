//! Search and autocomplete (`POST /users/search`, `GET /users/autocomplete`), as
//! `searchUsers` and `autocompleteUsers` in `server/channels/api4/user.go`. Matching is by
//! prefix, case-insensitive, on username, nickname, first and last name (and email for
//! search: the fake shows emails and full names, the server's defaults).

use super::directory::{
    active, can_read_channel, can_view_team, channel_members, group_access, is_member,
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
    let in_group = match s("in_group_id").or(s("not_in_group_id")) {
        Some(g) => Some(group_access(st, ctx, g)?),
        None => None,
    };
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
    // One family of filters, by the priority of `App.SearchUsers`
    // (server/channels/app/user.go): in a channel, else not in a channel (of the team),
    // else not in a team, else in / not in a group, else in the team (or everywhere).
    enum Scope {
        InChannel(Vec<String>),
        NotInChannel(String, Vec<String>),
        NotInTeam(String),
        Group(Vec<String>, bool),
        Team(Option<String>),
    }
    let scope = if let Some(c) = s("in_channel_id") {
        Scope::InChannel(channel_members(st, c))
    } else if let Some(c) = s("not_in_channel_id") {
        Scope::NotInChannel(
            s("team_id").unwrap_or("").to_owned(),
            channel_members(st, c),
        )
    } else if let Some(t) = s("not_in_team_id") {
        Scope::NotInTeam(t.to_owned())
    } else if let Some(members) = in_group {
        Scope::Group(members, s("in_group_id").is_some())
    } else {
        Scope::Team(s("team_id").map(str::to_owned))
    };
    let in_scope = |u: &Obj| {
        let id = id_of(u);
        match &scope {
            Scope::InChannel(m) => m.iter().any(|x| x == id),
            Scope::NotInChannel(t, m) => is_member(st, t, id) && !m.iter().any(|x| x == id),
            Scope::NotInTeam(t) => !is_member(st, t, id),
            Scope::Group(m, inside) => m.iter().any(|x| x == id) == *inside,
            Scope::Team(t) => t.as_deref().is_none_or(|t| is_member(st, t, id)),
        }
    };
    let mut found: Vec<&Obj> = st
        .users
        .values()
        .filter(|u| b("allow_inactive") || active(u))
        .filter(|u| matches(u, term, true))
        .filter(|u| in_scope(u))
        .filter(|u| !b("without_team") || !st.memberships.iter().any(|(_, m)| m == id_of(u)))
        .filter(|u| role.is_none_or(|r| super::super::state::has_role(u, r)))
        .filter(|u| roles.is_empty() || roles.iter().any(|r| super::super::state::has_role(u, r)))
        .collect();
    found.sort_by(|a, b| str_field(a, "username").cmp(&str_field(b, "username")));
    found.truncate(limit as usize);
    // Sanitising: only admins see `auth_data` (TestSearchUsers, "LDAP authdata field is
    // returned appropriately"; `User.SanitizeProfile` in server/public/model/user.go).
    let admin = ctx.auth.admin;
    let list = found
        .into_iter()
        .map(|u| {
            let mut u = u.clone();
            if !admin {
                u.remove("auth_data");
            }
            Value::Object(u)
        })
        .collect();
    Ok(json_reply(StatusCode::OK, &Value::Array(list)))
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
