//! The user's channels, channel memberships and unread counts, on the state of
//! `fake/channels.rs`. Permissions and error ids as in `server/channels/api4/channel.go`,
//! `team.go` and `post.go` (checks: path IDs, then `edit_other_users`, then the team or
//! channel permission, then the rows).

#[allow(unused_imports)]
use super::*;

use super::directory::{can_read_channel, can_view_team};

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "users/{}/teams/{}/channels", true, channels_for_team),
    Route("GET", "users/{}/teams/{}/channels/members", true, channel_members_for_team),
    Route("GET", "users/{}/teams/{}/unread", true, team_unread),
    Route("GET", "users/{}/channels/{}/unread", true, channel_unread),
    Route("POST", "users/{}/posts/{}/set_unread", true, set_post_unread),
    Route("POST", "users/{}/posts/{}/ack", true, acknowledge_post),
    Route("DELETE", "users/{}/posts/{}/ack", true, unacknowledge_post),
];

/// A path ID other than the user: 26 characters of `[a-z0-9]`, else a 400 naming `param`.
pub(super) fn path_id(raw: &str, param: &str) -> Result<String, Fail> {
    if is_valid_id(raw) {
        Ok(raw.to_owned())
    } else {
        Err(Fail::invalid_url(param))
    }
}

/// The user and team of `/users/{user_id}/teams/{team_id}/...` after the handlers' common
/// checks: `edit_other_users` (`SessionHasPermissionToUser`), then `view_team`.
fn user_in_team(st: &State, ctx: &Ctx<'_>, p: &[String]) -> Result<(String, String), Fail> {
    let user = uid(ctx, &p[0])?;
    let team = path_id(&p[1], "team_id")?;
    self_or_admin(ctx, &user, "edit_other_users")?;
    can_view_team(st, ctx, &team)?;
    Ok((user, team))
}

/// `GET /users/{id}/teams/{team_id}/channels`: the user's channels in the team. No channel
/// at all is a 404 `app.channel.get_channels.not_found.app_error` (the store's not-found
/// for zero rows, `GetChannelsForTeamForUser` in `server/channels/app/channel.go`); a
/// negative `last_delete_at` is a 400. The fake has no archived channels.
fn channels_for_team(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, team) = user_in_team(st, ctx, p)?;
    if ctx
        .query("last_delete_at")
        .and_then(|v| v.parse::<i64>().ok())
        .is_some_and(|v| v < 0)
    {
        return Err(Fail::invalid_url("last_delete_at"));
    }
    let channels: Vec<Value> = st
        .channels_of(&user, &team)
        .iter()
        .filter_map(|c| st.channel_json(c))
        .map(Value::Object)
        .collect();
    if channels.is_empty() {
        return Err(Fail::new(
            StatusCode::NOT_FOUND,
            "app.channel.get_channels.not_found.app_error",
            "No channels were found.",
        ));
    }
    let etag = channels
        .iter()
        .map(|c| format!("{}.{}", c["id"].as_str().unwrap_or(""), c["last_post_at"]))
        .collect::<Vec<_>>()
        .join(".");
    Ok(etag_reply(ctx, &etag, &Value::Array(channels)))
}

/// `GET /users/{id}/teams/{team_id}/channels/members`: the user's memberships in the team's
/// channels (empty when none).
fn channel_members_for_team(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, team) = user_in_team(st, ctx, p)?;
    let members: Vec<Value> = st
        .channels_of(&user, &team)
        .iter()
        .filter_map(|c| st.channel_member_json(c, &user))
        .map(Value::Object)
        .collect();
    Ok(json_reply(StatusCode::OK, &Value::Array(members)))
}

/// (unread posts, unread root posts, mentions, root mentions) of `user` in `channel`.
pub(super) fn unread_counts(st: &State, channel: &str, user: &str) -> (i64, i64, i64, i64) {
    let read = st.read_mark(channel, user);
    let ch = st.channel_json(channel).unwrap_or_default();
    let total = ch
        .get("total_msg_count")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let roots = ch
        .get("total_msg_count_root")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    (
        (total - read.msg_count).max(0),
        (roots - read.msg_count_root).max(0),
        read.mention_count,
        read.mention_count_root,
    )
}

/// `GET /users/{id}/teams/{team_id}/unread`: sums over the user's channels in the team
/// (`model.TeamUnread`); the thread counts stay 0 (no collapsed threads here).
fn team_unread(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, team) = user_in_team(st, ctx, p)?;
    let (mut msgs, mut roots, mut mentions, mut root_mentions) = (0, 0, 0, 0);
    for c in st.channels_of(&user, &team) {
        let (m, r, n, nr) = unread_counts(st, &c, &user);
        msgs += m;
        roots += r;
        mentions += n;
        root_mentions += nr;
    }
    Ok(json_reply(
        StatusCode::OK,
        &json!({
            "team_id": team, "msg_count": msgs, "mention_count": mentions,
            "mention_count_root": root_mentions, "msg_count_root": roots,
            "thread_count": 0, "thread_mention_count": 0, "thread_urgent_mention_count": 0,
        }),
    ))
}

/// `GET /users/{id}/channels/{channel_id}/unread` (`model.ChannelUnread`). A user who is
/// not a member (or a channel that does not exist, for an admin) is a 404
/// `app.channel.get_unread.app_error` (`GetChannelUnread`, `server/channels/app/channel.go`).
fn channel_unread(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let user = uid(ctx, &p[0])?;
    let channel = path_id(&p[1], "channel_id")?;
    self_or_admin(ctx, &user, "edit_other_users")?;
    can_read_channel(st, ctx, &channel)?;
    if !st.in_channel(&channel, &user) {
        return Err(Fail::new(
            StatusCode::NOT_FOUND,
            "app.channel.get_unread.app_error",
            "Unable to get the channel unread messages.",
        ));
    }
    let (msgs, roots, mentions, root_mentions) = unread_counts(st, &channel, &user);
    Ok(json_reply(
        StatusCode::OK,
        &json!({
            "team_id": st.channel_team(&channel).unwrap_or(""), "channel_id": channel,
            "msg_count": msgs, "mention_count": mentions, "mention_count_root": root_mentions,
            "urgent_mention_count": 0, "msg_count_root": roots,
        }),
    ))
}

/// `POST /users/{id}/posts/{post_id}/set_unread` (`model.ChannelUnreadAt`): the post's
/// channel becomes unread from the post on (`MarkChannelAsUnreadFromPost`). A post the
/// caller cannot read (or that does not exist) is a 403 `read_channel` for a non-admin
/// (`SessionHasPermissionToChannelByPost`); for an admin a missing post is a 404
/// `app.post.get.app_error` and a user outside the channel a 404
/// `app.channel.get_member.missing.app_error`. The body (`collapsed_threads_supported`) is
/// accepted and ignored: the fake counts every post.
fn set_post_unread(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, post, channel) = readable_post(st, ctx, p, "read_channel")?;
    if !st.in_channel(&channel, &user) {
        return Err(Fail::new(
            StatusCode::NOT_FOUND,
            "app.channel.get_member.missing.app_error",
            "No channel member found for that user ID and channel ID.",
        ));
    }
    let at = st
        .posts
        .get(&post)
        .and_then(|x| x.get("create_at"))
        .and_then(Value::as_i64)
        .unwrap_or(0);
    st.mark_channel_unread_from(&channel, &user, at);
    let read = st.read_mark(&channel, &user);
    Ok(json_reply(
        StatusCode::OK,
        &json!({
            "team_id": st.channel_team(&channel).unwrap_or(""), "user_id": user,
            "channel_id": channel, "msg_count": read.msg_count,
            "mention_count": read.mention_count, "mention_count_root": read.mention_count_root,
            "urgent_mention_count": 0, "msg_count_root": read.msg_count_root,
            "last_viewed_at": read.last_viewed_at,
        }),
    ))
}

/// `/users/{user_id}/posts/{post_id}/...`: the path IDs (post first, as the handlers'
/// `RequirePostId().RequireUserId()`), `edit_other_users`, then `permission` on the post's
/// channel. A missing post is a 403 for a non-admin (the channel check fails first) and a
/// 404 `app.post.get.app_error` for an admin. Returns (user, post, channel).
pub(super) fn readable_post(
    st: &State,
    ctx: &Ctx<'_>,
    p: &[String],
    permission: &str,
) -> Result<(String, String, String), Fail> {
    let post = path_id(&p[1], "post_id")?;
    let user = uid(ctx, &p[0])?;
    self_or_admin(ctx, &user, "edit_other_users")?;
    let channel = st
        .posts
        .get(&post)
        .filter(|x| x.get("delete_at").and_then(Value::as_i64).unwrap_or(0) == 0)
        .and_then(|x| str_field(x, "channel_id"))
        .map(str::to_owned);
    match channel {
        Some(c) => {
            if ctx.auth.admin || st.in_channel(&c, &ctx.auth.user_id) {
                Ok((user, post, c))
            } else {
                Err(Fail::forbidden(&ctx.auth.user_id, permission))
            }
        }
        None if ctx.auth.admin => Err(Fail::new(
            StatusCode::NOT_FOUND,
            "app.post.get.app_error",
            "Unable to get the post.",
        )),
        None => Err(Fail::forbidden(&ctx.auth.user_id, permission)),
    }
}

/// `POST /users/{id}/posts/{post_id}/ack` (`model.PostAcknowledgement`): saves (or renews)
/// the acknowledgement; the post then lists it in `metadata.acknowledgements`. The fake's
/// licence is Professional or better, so the 501 of an unlicensed server never happens.
fn acknowledge_post(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, post, channel) = readable_post(st, ctx, p, "read_channel_content")?;
    let now = st.now();
    st.chan.acks.insert((post.clone(), user.clone()), now);
    Ok(json_reply(
        StatusCode::OK,
        &json!({"user_id": user, "post_id": post, "acknowledged_at": now, "channel_id": channel}),
    ))
}

/// `DELETE /users/{id}/posts/{post_id}/ack`: none is a 404
/// `app.acknowledgement.get.app_error`; one older than 5 minutes (of the fake's clock, which
/// moves one second per timestamp it hands out) a 403
/// `api.acknowledgement.delete.deadline.app_error` (`app/post_acknowledgements.go`).
fn unacknowledge_post(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, post, _) = readable_post(st, ctx, p, "read_channel_content")?;
    let key = (post, user);
    let Some(at) = st.chan.acks.get(&key).copied() else {
        return Err(Fail::new(
            StatusCode::NOT_FOUND,
            "app.acknowledgement.get.app_error",
            "Unable to get the acknowledgement.",
        ));
    };
    if st.now() - at > 5 * 60 * 1000 {
        return Err(Fail::new(
            StatusCode::FORBIDDEN,
            "api.acknowledgement.delete.deadline.app_error",
            "Acknowledgements can only be removed within 5 minutes.",
        ));
    }
    st.chan.acks.remove(&key);
    Ok(status_ok())
}
