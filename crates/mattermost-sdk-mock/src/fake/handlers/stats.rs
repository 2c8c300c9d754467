//! User counts (`GET /users/stats`, `GET /users/stats/filtered`), as
//! `getTotalUsersStats` and `getFilteredUsersStats` in `server/channels/api4/user.go`.

use super::directory::{active, channel_members, clean_role_names, flag, is_bot, is_member, q};
#[allow(unused_imports)]
use super::*;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "users/stats", true, stats),
    Route("GET", "users/stats/filtered", true, stats_filtered),
];

/// Active users, bots included: `App.GetTotalUsersStats` counts with
/// `IncludeBotAccounts: true` (server/channels/app/user.go; TestGetTotalUsersStat compares
/// with that count).
pub(super) fn stats(st: &mut State, _: &Ctx<'_>, _: &[String]) -> Res {
    let n = st.users.values().filter(|u| active(u)).count();
    Ok(json_reply(StatusCode::OK, &json!({"total_users_count": n})))
}

/// Role names are checked before the permission, as the handler does.
pub(super) fn stats_filtered(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let team = q(ctx, "in_team");
    let channel = q(ctx, "in_channel");
    let roles = match q(ctx, "roles") {
        Some(raw) => clean_role_names(raw).ok_or_else(|| Fail::invalid_body("roles"))?,
        None => Vec::new(),
    };
    let channel_roles = match (q(ctx, "channel_roles"), channel) {
        (Some(raw), Some(_)) => {
            clean_role_names(raw).ok_or_else(|| Fail::invalid_body("channelRoles"))?
        }
        _ => Vec::new(),
    };
    let team_roles = match (q(ctx, "team_roles"), team) {
        (Some(raw), Some(_)) => {
            clean_role_names(raw).ok_or_else(|| Fail::invalid_body("teamRoles"))?
        }
        _ => Vec::new(),
    };
    admin_only(ctx, "sysconsole_read_user_management_users")?;
    let (deleted, bots) = (flag(ctx, "include_deleted"), flag(ctx, "include_bots"));
    let inside = channel.map(|c| channel_members(st, c));
    let n = st
        .users
        .values()
        .filter(|u| deleted || active(u))
        .filter(|u| bots || !is_bot(u))
        .filter(|u| team.is_none_or(|t| is_member(st, t, str_field(u, "id").unwrap_or(""))))
        .filter(|u| {
            inside
                .as_ref()
                .is_none_or(|m| m.iter().any(|x| Some(x.as_str()) == str_field(u, "id")))
        })
        .filter(|u| roles.is_empty() || roles.iter().any(|r| super::super::state::has_role(u, r)))
        // Every member of the fake is a plain team_user / channel_user.
        .filter(|_| team_roles.is_empty() || team_roles.iter().any(|r| r == "team_user"))
        .filter(|_| channel_roles.is_empty() || channel_roles.iter().any(|r| r == "channel_user"))
        .count();
    Ok(json_reply(StatusCode::OK, &json!({"total_users_count": n})))
}
