//! The rest of one user's lists and actions, on the state of `fake/channels.rs`: channels,
//! channel memberships and team memberships across teams, every team's unread counts, the
//! posts around the first unread post, post reminders, typing notices, uploads and data
//! retention policies. Permissions and error ids as in `server/channels/api4/channel.go`,
//! `user.go`, `team.go`, `post.go` and `data_retention.go` (checks: path IDs, then the
//! caller's permission, then the rows).

#[allow(unused_imports)]
use super::*;

use super::channels::{path_id, readable_post, unread_counts};

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "users/{}/channels", true, all_channels),
    Route("GET", "users/{}/channel_members", true, channel_memberships),
    Route("GET", "users/{}/teams/members", true, team_members),
    Route("GET", "users/{}/teams/unread", true, teams_unread),
    Route("GET", "users/{}/channels/{}/posts/unread", true, posts_around_last_unread),
    Route("POST", "users/{}/posts/{}/reminder", true, set_post_reminder),
    Route("POST", "users/{}/typing", true, publish_typing),
    Route("GET", "users/{}/uploads", true, uploads),
    Route("GET", "users/{}/data_retention/team_policies", true, team_policies),
    Route("GET", "users/{}/data_retention/channel_policies", true, channel_policies),
];

/// The teams `user` is in, sorted.
fn teams_of(st: &State, user: &str) -> Vec<String> {
    let mut teams: Vec<String> = st
        .memberships
        .iter()
        .filter(|(_, u)| u == user)
        .map(|(t, _)| t.clone())
        .collect();
    teams.sort();
    teams.dedup();
    teams
}

/// The channels `user` is in, in every team, sorted by ID (the store's order).
fn all_channels_of(st: &State, user: &str) -> Vec<String> {
    let mut channels: Vec<String> = teams_of(st, user)
        .iter()
        .flat_map(|t| st.channels_of(user, t))
        .collect();
    channels.sort();
    channels
}

/// `GET /users/{id}/channels`: every channel of the user, all teams (`getChannelsForUser`,
/// which streams the store's pages as one array). A negative `last_delete_at` is a 400. The
/// fake has no archived channels; a user with no channel gets `[]`.
fn all_channels(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let user = uid(ctx, &p[0])?;
    self_or_admin(ctx, &user, "edit_other_users")?;
    if ctx
        .query("last_delete_at")
        .and_then(|v| v.parse::<i64>().ok())
        .is_some_and(|v| v < 0)
    {
        return Err(Fail::invalid_url("last_delete_at"));
    }
    let channels: Vec<Value> = all_channels_of(st, &user)
        .iter()
        .filter_map(|c| st.channel_json(c))
        .map(Value::Object)
        .collect();
    Ok(json_reply(StatusCode::OK, &Value::Array(channels)))
}

/// `GET /users/{id}/channel_members`: the user's memberships with their team's names
/// (`model.ChannelMemberWithTeamData`), ordered by channel ID, paged as the store
/// (`LIMIT per_page OFFSET page*per_page`, default 60, at most 200).
fn channel_memberships(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let user = uid(ctx, &p[0])?;
    self_or_admin(ctx, &user, "edit_other_users")?;
    let (page, per_page) = paging(ctx, 60);
    let members: Vec<Value> = all_channels_of(st, &user)
        .iter()
        .filter_map(|c| {
            let mut m = st.channel_member_json(c, &user)?;
            let team = st.channel_team(c).and_then(|t| st.teams.get(t));
            let field = |k: &str| team.and_then(|t| t.get(k)).cloned();
            m.insert(
                "team_display_name".into(),
                field("display_name").unwrap_or_else(|| json!("")),
            );
            m.insert(
                "team_name".into(),
                field("name").unwrap_or_else(|| json!("")),
            );
            m.insert(
                "team_update_at".into(),
                field("update_at").unwrap_or_else(|| json!(0)),
            );
            Some(Value::Object(m))
        })
        .collect();
    Ok(json_reply(
        StatusCode::OK,
        &Value::Array(page_of(members, page, per_page)),
    ))
}

/// `GET /users/{id}/teams/members`: the user's team memberships (`model.TeamMember`).
/// Someone else's need `edit_other_users` or `read_other_users_teams` (admins here).
fn team_members(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let user = uid(ctx, &p[0])?;
    self_or_admin(ctx, &user, "read_other_users_teams")?;
    let members: Vec<Value> = teams_of(st, &user)
        .iter()
        .filter_map(|t| st.team_member_json(t, &user))
        .map(Value::Object)
        .collect();
    Ok(json_reply(StatusCode::OK, &Value::Array(members)))
}

/// `GET /users/{id}/teams/unread`: a `model.TeamUnread` per team of the user, summed over
/// the team's channels, but `exclude_team`. Thread counts stay 0 (no collapsed threads).
fn teams_unread(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let user = uid(ctx, &p[0])?;
    self_or_admin(ctx, &user, "manage_system")?;
    let exclude = ctx.query("exclude_team").unwrap_or("");
    let out: Vec<Value> = teams_of(st, &user)
        .into_iter()
        .filter(|t| t != exclude)
        .map(|team| {
            let (mut msgs, mut roots, mut mentions, mut root_mentions) = (0, 0, 0, 0);
            for c in st.channels_of(&user, &team) {
                let (m, r, n, nr) = unread_counts(st, &c, &user);
                msgs += m;
                roots += r;
                mentions += n;
                root_mentions += nr;
            }
            json!({
                "team_id": team, "msg_count": msgs, "mention_count": mentions,
                "mention_count_root": root_mentions, "msg_count_root": roots,
                "thread_count": 0, "thread_mention_count": 0, "thread_urgent_mention_count": 0,
            })
        })
        .collect();
    Ok(json_reply(StatusCode::OK, &Value::Array(out)))
}

/// A `limit_before` / `limit_after` as `web/params.go` reads it: missing, bad or negative is
/// 60, more than 200 is 200.
fn limit(ctx: &Ctx<'_>, name: &str) -> usize {
    match ctx.query(name).and_then(|v| v.parse::<i64>().ok()) {
        Some(n) if n >= 0 => n.min(200) as usize,
        _ => 60,
    }
}

/// `GET /users/{id}/channels/{channel_id}/posts/unread`: newest first, up to
/// `limit_after - 1` posts after the first unread one, that post, then up to `limit_before`
/// posts before it (`GetPostsForChannelAroundLastUnread`, `server/channels/app/post.go`).
/// Nothing unread: the channel's newest `limit_before` posts, with an `ETag`. A channel that
/// does not exist is a 404 `app.channel.get.existing.app_error`, one the caller cannot read a
/// 403 `read_channel_content`, `limit_after=0` a 400, a user outside the channel a 404
/// `app.channel.get_member.missing.app_error`. `collapsedThreads` and friends are accepted
/// and ignored: the fake lists every post.
fn posts_around_last_unread(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let user = uid(ctx, &p[0])?;
    let channel = path_id(&p[1], "channel_id")?;
    self_or_admin(ctx, &user, "edit_other_users")?;
    if st.channel_team(&channel).is_none() {
        return Err(Fail::new(
            StatusCode::NOT_FOUND,
            "app.channel.get.existing.app_error",
            "Unable to find the existing channel.",
        ));
    }
    if !ctx.auth.admin && !st.in_channel(&channel, &ctx.auth.user_id) {
        return Err(Fail::forbidden(&ctx.auth.user_id, "read_channel_content"));
    }
    let (before_n, after_n) = (limit(ctx, "limit_before"), limit(ctx, "limit_after"));
    if after_n == 0 {
        return Err(Fail::invalid_url("limit_after"));
    }
    if !st.in_channel(&channel, &user) {
        return Err(Fail::new(
            StatusCode::NOT_FOUND,
            "app.channel.get_member.missing.app_error",
            "No channel member found for that user ID and channel ID.",
        ));
    }
    let viewed = st.read_mark(&channel, &user).last_viewed_at;
    let posts: Vec<String> = st
        .posts_of(&channel)
        .iter()
        .filter_map(|x| str_field(x, "id").map(str::to_owned))
        .collect();
    let created = |id: &str| {
        st.posts
            .get(id)
            .and_then(|x| x.get("create_at"))
            .and_then(Value::as_i64)
            .unwrap_or(0)
    };
    // Oldest first: the slice of `posts` to answer, and whether it is the fallback.
    let first_unread = posts.iter().position(|id| created(id) > viewed);
    let (from, to) = match first_unread {
        Some(i) => (i.saturating_sub(before_n), (i + after_n).min(posts.len())),
        None => (posts.len().saturating_sub(before_n), posts.len()),
    };
    let window = &posts[from..to];
    let order: Vec<Value> = window.iter().rev().map(|id| json!(id)).collect();
    let map: Map<String, Value> = window
        .iter()
        .filter_map(|id| Some((id.clone(), Value::Object(st.post_json(id)?))))
        .collect();
    let next = posts.get(to).cloned().unwrap_or_default();
    let prev = from
        .checked_sub(1)
        .and_then(|i| posts.get(i).cloned())
        .unwrap_or_default();
    let body = json!({
        "order": order, "posts": map, "next_post_id": next, "prev_post_id": prev,
        "has_next": false,
    });
    if first_unread.is_none() {
        let last = posts.last().map_or(0, |id| created(id));
        return Ok(etag_reply(ctx, &format!("{channel}.{last}"), &body));
    }
    Ok(json_reply(StatusCode::OK, &body))
}

/// `POST /users/{id}/posts/{post_id}/reminder` (`model.PostReminder`): records the target
/// time (seconds since the epoch; missing is 0, as Go decodes it) for (post, user),
/// replacing an earlier one. A body that is not an object, or a `target_time` that is not an
/// integer, is a 400 naming `target_time`. Permissions as `set_unread`, with
/// `read_channel_content`.
fn set_post_reminder(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, post, _) = readable_post(st, ctx, p, "read_channel_content")?;
    let body = body_obj(ctx, "target_time")?;
    let target = match body.get("target_time") {
        None | Some(Value::Null) => 0,
        Some(v) => v
            .as_i64()
            .ok_or_else(|| Fail::invalid_body("target_time"))?,
    };
    st.chan.reminders.insert((post, user), target);
    Ok(status_ok())
}

/// A string field of a typing request: absent or `null` is empty, another type a 400.
fn typing_field<'a>(body: &'a Obj, key: &str) -> Result<&'a str, Fail> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(""),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(Fail::invalid_body("typing_request")),
    }
}

/// `POST /users/{id}/typing` (`model.TypingRequest`): records the notice. The caller must be
/// the user or an admin (`manage_system`); then the **user** needs `create_post` in the
/// channel (`HasPermissionToChannel`): a member, or a system admin for any channel ID. An
/// empty `channel_id` is a 403.
fn publish_typing(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let user = uid(ctx, &p[0])?;
    let body = body_obj(ctx, "typing_request")?;
    let channel = typing_field(&body, "channel_id")?.to_owned();
    let parent = typing_field(&body, "parent_id")?.to_owned();
    self_or_admin(ctx, &user, "manage_system")?;
    let may_post = !channel.is_empty() && (st.is_admin(&user) || st.in_channel(&channel, &user));
    if !may_post {
        return Err(Fail::forbidden(&ctx.auth.user_id, "create_post"));
    }
    st.chan.typing.push((user, channel, parent));
    Ok(status_ok())
}

/// `GET /users/{id}/uploads`: the user's upload sessions, oldest first. Anyone but the user
/// is a 403 `api.user.get_uploads_for_user.forbidden.app_error`, admins included; the
/// local-mode socket has no such check (`localGetUploadsForUser`).
fn uploads(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let user = uid(ctx, &p[0])?;
    if !ctx.local && user != ctx.auth.user_id {
        return Err(Fail::new(
            StatusCode::FORBIDDEN,
            "api.user.get_uploads_for_user.forbidden.app_error",
            "Failed to get uploads.",
        ));
    }
    let mut list: Vec<&Obj> = st
        .chan
        .uploads
        .values()
        .filter(|u| str_field(u, "user_id") == Some(user.as_str()))
        .collect();
    list.sort_by_key(|u| u.get("create_at").and_then(Value::as_i64).unwrap_or(0));
    let list: Vec<Value> = list.into_iter().cloned().map(Value::Object).collect();
    Ok(json_reply(StatusCode::OK, &Value::Array(list)))
}

/// One page of `rows` as a `RetentionPolicyFor*List`, after the common check (the user, or
/// `manage_system`).
fn policy_page(ctx: &Ctx<'_>, rows: Vec<Value>) -> Res {
    let (page, per_page) = paging(ctx, 60);
    let total = rows.len();
    Ok(json_reply(
        StatusCode::OK,
        &json!({"policies": page_of(rows, page, per_page), "total_count": total}),
    ))
}

/// `GET /users/{id}/data_retention/team_policies`: the policies of the user's teams, by team
/// ID; none unless the builder gave some (`team_retention_policy`).
fn team_policies(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let user = uid(ctx, &p[0])?;
    self_or_admin(ctx, &user, "manage_system")?;
    let rows = teams_of(st, &user)
        .into_iter()
        .filter_map(|t| {
            let days = *st.chan.team_policies.get(&t)?;
            Some(json!({"team_id": t, "post_duration": days}))
        })
        .collect();
    policy_page(ctx, rows)
}

/// `GET /users/{id}/data_retention/channel_policies`: the policies of the user's channels,
/// by channel ID; none unless the builder gave some (`channel_retention_policy`).
fn channel_policies(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let user = uid(ctx, &p[0])?;
    self_or_admin(ctx, &user, "manage_system")?;
    let rows = all_channels_of(st, &user)
        .into_iter()
        .filter_map(|c| {
            let days = *st.chan.channel_policies.get(&c)?;
            Some(json!({"channel_id": c, "post_duration": days}))
        })
        .collect();
    policy_page(ctx, rows)
}
