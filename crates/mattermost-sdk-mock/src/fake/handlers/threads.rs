//! The threads a user follows in a team (`users/{id}/teams/{team_id}/threads/...`), after
//! the thread handlers of `server/channels/api4/user.go` and the app functions they call
//! (`server/channels/app/user.go`).
//!
//! A thread exists once its root post has a reply (`model.Thread`); its team is its
//! channel's. Memberships (following, last viewed) live here; replies, unread replies and
//! unread mentions (`@username` in a reply after the last view) are counted from the posts,
//! so they always reflect the post state. Reading a channel's posts is allowed to admins and
//! to members of the channel's team (channel membership is not modelled here).

#[allow(unused_imports)]
use super::*;

/// Thread memberships: (user ID, thread ID) → membership.
#[derive(Default)]
pub(crate) struct ThreadState {
    pub(crate) members: BTreeMap<(String, String), Membership>,
}

/// One user's membership of one thread (`model.ThreadMembership`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Membership {
    pub(crate) following: bool,
    /// Ms since the epoch.
    pub(crate) last_viewed: i64,
    /// Ms since the epoch.
    pub(crate) last_updated: i64,
}

use std::collections::BTreeMap;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "users/{}/teams/{}/threads", true, list_threads),
    Route("GET", "users/{}/teams/{}/threads/mention_counts", true, mention_counts),
    Route("PUT", "users/{}/teams/{}/threads/read", true, mark_all_read),
    Route("GET", "users/{}/teams/{}/threads/{}", true, get_thread),
    Route("PUT", "users/{}/teams/{}/threads/{}/following", true, follow),
    Route("DELETE", "users/{}/teams/{}/threads/{}/following", true, unfollow),
    Route("PUT", "users/{}/teams/{}/threads/{}/read/{}", true, mark_read),
    Route("POST", "users/{}/teams/{}/threads/{}/set_unread/{}", true, set_unread),
];

fn i64_field(obj: &Obj, key: &str) -> i64 {
    obj.get(key).and_then(Value::as_i64).unwrap_or(0)
}

/// The replies of `root`, oldest first (deleted ones left out unless `deleted`).
fn replies<'a>(st: &'a State, root: &str, deleted: bool) -> Vec<&'a Obj> {
    let mut out: Vec<&Obj> = st
        .posts
        .values()
        .filter(|p| str_field(p, "root_id") == Some(root))
        .filter(|p| deleted || i64_field(p, "delete_at") == 0)
        .collect();
    out.sort_by_key(|p| i64_field(p, "create_at"));
    out
}

/// The thread's team: its channel's, or `""` (a DM/GM or unknown channel).
fn thread_team<'a>(st: &'a State, root: &Obj) -> &'a str {
    let channel = str_field(root, "channel_id").unwrap_or("");
    st.channels.get(channel).map_or("", String::as_str)
}

/// Whether the thread exists: a root post with at least one reply.
fn is_thread(st: &State, id: &str) -> bool {
    st.posts.contains_key(id) && !replies(st, id, true).is_empty()
}

/// `model.ThreadResponse` for `user` and the thread `id` (which must exist).
fn thread_json(st: &State, user: &str, id: &str, m: Membership) -> Value {
    let Some(root) = st.posts.get(id) else {
        return Value::Null;
    };
    let all = replies(st, id, false);
    let mention = format!(
        "@{}",
        st.users
            .get(user)
            .and_then(|u| str_field(u, "username"))
            .unwrap_or("\u{0}")
    );
    let unread: Vec<&&Obj> = all
        .iter()
        .filter(|p| i64_field(p, "create_at") > m.last_viewed)
        .collect();
    let mut participants: Vec<&str> = Vec::new();
    for p in &all {
        let author = str_field(p, "user_id").unwrap_or("");
        if !participants.contains(&author) {
            participants.push(author);
        }
    }
    json!({
        "id": id,
        "reply_count": all.len(),
        "last_reply_at": all.last().map_or(0, |p| i64_field(p, "create_at")),
        "last_viewed_at": m.last_viewed,
        "participants": participants.iter().map(|u| json!({ "id": u })).collect::<Vec<_>>(),
        "post": Value::Object(root.clone()),
        "unread_replies": unread.len(),
        "unread_mentions": unread
            .iter()
            .filter(|p| str_field(p, "message").is_some_and(|t| t.contains(&mention)))
            .count(),
        "is_urgent": false,
        "delete_at": i64_field(root, "delete_at"),
    })
}

/// The path's user and team, checked as the handlers do: IDs (400), then
/// `SessionHasPermissionToUser` (403 `edit_other_users`).
fn user_team(ctx: &Ctx<'_>, p: &[String]) -> Result<(String, String), Fail> {
    let user = uid(ctx, &p[0])?;
    if !is_valid_id(&p[1]) {
        return Err(Fail::invalid_url("team_id"));
    }
    self_or_admin(ctx, &user, "edit_other_users")?;
    Ok((user, p[1].clone()))
}

/// `SessionHasPermissionToTeam(.., view_team)`: admins and team members.
fn view_team(st: &State, ctx: &Ctx<'_>, team: &str) -> Result<(), Fail> {
    let member = st
        .memberships
        .iter()
        .any(|(t, u)| t == team && *u == ctx.auth.user_id);
    if ctx.auth.admin || member {
        Ok(())
    } else {
        Err(Fail::forbidden(&ctx.auth.user_id, "view_team"))
    }
}

/// The thread ID (400), then `SessionHasPermissionToChannelByPost(.., read_channel_content)`:
/// an unknown post fails it for everyone but an admin.
fn thread_access(st: &State, ctx: &Ctx<'_>, raw: &str) -> Result<String, Fail> {
    if !is_valid_id(raw) {
        return Err(Fail::invalid_url("thread_id"));
    }
    let allowed = ctx.auth.admin
        || st.posts.get(raw).is_some_and(|root| {
            let team = thread_team(st, root);
            st.memberships
                .iter()
                .any(|(t, u)| t == team && *u == ctx.auth.user_id)
        });
    if allowed {
        Ok(raw.to_owned())
    } else {
        Err(Fail::forbidden(&ctx.auth.user_id, "read_channel_content"))
    }
}

fn membership_not_found() -> Fail {
    Fail::new(
        StatusCode::NOT_FOUND,
        "app.user.get_thread_membership_for_user.not_found",
        "Unable to find thread membership.",
    )
}

fn post_not_found() -> Fail {
    Fail::new(
        StatusCode::NOT_FOUND,
        "app.post.get.app_error",
        "Unable to get the post.",
    )
}

/// `GET .../threads`: followed threads, newest reply first, cut at `per_page`, with totals
/// (`getThreadsForUser`; store `GetThreadsForUser`, `GetTotalThreads`, ...).
fn list_threads(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, team) = user_team(ctx, p)?;
    view_team(st, ctx, &team)?;
    let since = match ctx.query("since").filter(|v| !v.is_empty()) {
        Some(v) => v.parse::<u64>().map_err(|_| Fail::invalid_body("since"))?,
        None => 0,
    };
    let before = ctx.query("before").filter(|v| !v.is_empty());
    let after = ctx.query("after").filter(|v| !v.is_empty());
    let flag = |name: &str| ctx.query(name) == Some("true");
    if before.is_some() && after.is_some() {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "api.getThreadsForUser.bad_params",
            "Before and after parameters to getThreadsForUser are mutually exclusive",
        ));
    }
    let (totals_only, threads_only) = (flag("totalsOnly"), flag("threadsOnly"));
    if totals_only && threads_only {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "api.getThreadsForUser.bad_only_params",
            "TotalsOnly and ThreadsOnly parameters to getThreadsForUser are mutually exclusive",
        ));
    }
    let (deleted, unread_only, exclude_direct) =
        (flag("deleted"), flag("unread"), flag("excludeDirect"));
    // `c.Params.PerPage`: 60 when unset, at most 200; the store takes 0 as 30.
    let (_, per_page) = paging(ctx, 60);
    let per_page = if per_page == 0 { 30 } else { per_page };

    // (thread ID, last reply at, membership) of every followed thread in scope.
    let mut rows: Vec<(String, i64, Membership)> = Vec::new();
    for ((u, id), m) in &st.threads.members {
        if *u != user || !m.following || !is_thread(st, id) {
            continue;
        }
        let Some(root) = st.posts.get(id) else {
            continue;
        };
        let t = thread_team(st, root);
        let in_scope = t == team || (!exclude_direct && t.is_empty());
        if !in_scope || (!deleted && i64_field(root, "delete_at") != 0) {
            continue;
        }
        let last = replies(st, id, false)
            .last()
            .map_or(0, |r| i64_field(r, "create_at"));
        rows.push((id.clone(), last, *m));
    }
    let is_unread = |r: &(String, i64, Membership)| r.2.last_viewed < r.1;
    let total_unread = rows.iter().filter(|r| is_unread(r)).count();
    let unread_mentions: i64 = rows
        .iter()
        .map(|(id, _, m)| {
            thread_json(st, &user, id, *m)["unread_mentions"]
                .as_i64()
                .unwrap_or(0)
        })
        .sum();
    let mut total = rows.len();
    if unread_only {
        total = total_unread;
    }

    let cursor = |id: &str| {
        if st.posts.contains_key(id) {
            replies(st, id, false)
                .last()
                .map_or(0, |r| i64_field(r, "create_at"))
        } else {
            i64::MIN
        }
    };
    let mut page: Vec<&(String, i64, Membership)> = rows
        .iter()
        .filter(|r| since == 0 || r.2.last_updated >= since as i64 || r.1 >= since as i64)
        .filter(|r| !unread_only || is_unread(r))
        .filter(|r| before.is_none_or(|b| r.1 < cursor(b)))
        .filter(|r| after.is_none_or(|a| r.1 > cursor(a)))
        .collect();
    if after.is_some() {
        page.sort_by_key(|r| r.1);
    } else {
        page.sort_by_key(|r| std::cmp::Reverse(r.1));
    }
    page.truncate(per_page);
    let threads: Vec<Value> = if totals_only {
        Vec::new()
    } else {
        page.iter()
            .map(|(id, _, m)| thread_json(st, &user, id, *m))
            .collect()
    };
    let n = |v: usize| if threads_only { 0 } else { v };
    Ok(json_reply(
        StatusCode::OK,
        &json!({
            "total": n(total),
            "total_unread_threads": n(total_unread),
            "total_unread_mentions": if threads_only { 0 } else { unread_mentions },
            "total_unread_urgent_mentions": 0,
            "threads": threads,
        }),
    ))
}

/// `GET .../threads/mention_counts`: in the spec, but no route on the server (the thread
/// route's `{thread_id:[A-Za-z0-9]+}` does not match `mention_counts`): 404.
fn mention_counts(_: &mut State, _: &Ctx<'_>, _: &[String]) -> Res {
    Err(Fail::no_route())
}

/// `PUT .../threads/read`: every followed thread of the team read now
/// (`updateReadStateAllThreadsByUser`, store `MarkAllAsReadByTeam`).
fn mark_all_read(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, team) = user_team(ctx, p)?;
    view_team(st, ctx, &team)?;
    let now = st.now();
    let ids: Vec<String> = st
        .threads
        .members
        .iter()
        .filter(|((u, id), m)| {
            *u == user
                && m.following
                && st
                    .posts
                    .get(id)
                    .is_some_and(|root| thread_team(st, root) == team)
        })
        .map(|((_, id), _)| id.clone())
        .collect();
    for id in ids {
        if let Some(m) = st.threads.members.get_mut(&(user.clone(), id)) {
            m.last_viewed = now;
            m.last_updated = now;
        }
    }
    Ok(status_ok())
}

/// `GET .../threads/{thread_id}`: needs a membership (followed or not).
fn get_thread(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, _) = user_team(ctx, p)?;
    let id = thread_access(st, ctx, &p[2])?;
    let m = *st
        .threads
        .members
        .get(&(user.clone(), id.clone()))
        .ok_or_else(membership_not_found)?;
    if !st.posts.contains_key(&id) {
        return Err(post_not_found());
    }
    Ok(json_reply(StatusCode::OK, &thread_json(st, &user, &id, m)))
}

/// `UpdateThreadFollowForUser`: following also marks the thread viewed now
/// (`UpdateViewedTimestamp: state` in `server/channels/app/user.go`).
fn set_following(st: &mut State, user: &str, id: &str, following: bool) {
    let now = st.now();
    let m = st
        .threads
        .members
        .entry((user.to_owned(), id.to_owned()))
        .or_insert(Membership {
            following,
            last_viewed: 0,
            last_updated: now,
        });
    m.following = following;
    m.last_updated = now;
    if following {
        m.last_viewed = now;
    }
}

/// `PUT .../threads/{thread_id}/following`.
fn follow(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, _) = user_team(ctx, p)?;
    let id = thread_access(st, ctx, &p[2])?;
    set_following(st, &user, &id, true);
    Ok(status_ok())
}

/// `DELETE .../threads/{thread_id}/following`.
fn unfollow(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, _) = user_team(ctx, p)?;
    let id = thread_access(st, ctx, &p[2])?;
    set_following(st, &user, &id, false);
    Ok(status_ok())
}

/// `App.UpdateThreadReadForUser`: needs a membership (404), sets the last view.
fn read_at(st: &mut State, user: &str, id: &str, timestamp: i64) -> Res {
    st.user(user)?;
    let now = st.now();
    let m = st
        .threads
        .members
        .get_mut(&(user.to_owned(), id.to_owned()))
        .ok_or_else(membership_not_found)?;
    m.last_viewed = timestamp;
    m.last_updated = now;
    let m = *m;
    if !st.posts.contains_key(id) {
        return Err(post_not_found());
    }
    Ok(json_reply(StatusCode::OK, &thread_json(st, user, id, m)))
}

/// `PUT .../threads/{thread_id}/read/{timestamp}`.
fn mark_read(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, _) = user_team(ctx, p)?;
    let timestamp: i64 = match p[3].parse() {
        Ok(t) if p[3].bytes().all(|b| b.is_ascii_digit()) => t,
        _ => return Err(Fail::invalid_url("timestamp")),
    };
    let id = thread_access(st, ctx, &p[2])?;
    read_at(st, &user, &id, timestamp)
}

/// `POST .../threads/{thread_id}/set_unread/{post_id}`: follows, then reads up to just before
/// the post (`post.CreateAt - 1`), which must be the root or one of its replies (400).
fn set_unread(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, _) = user_team(ctx, p)?;
    if !is_valid_id(&p[3]) {
        return Err(Fail::invalid_url("post_id"));
    }
    let id = thread_access(st, ctx, &p[2])?;
    set_following(st, &user, &id, true);
    let post = st.posts.get(&p[3]).ok_or_else(post_not_found)?;
    if str_field(post, "root_id") != Some(id.as_str()) && p[3] != id {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "app.user.update_thread_read_for_user_by_post.app_error",
            "Unable to update the thread read state by post.",
        ));
    }
    let at = i64_field(post, "create_at") - 1;
    read_at(st, &user, &id, at)
}
