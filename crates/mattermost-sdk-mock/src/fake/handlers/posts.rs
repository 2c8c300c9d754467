//! Flagged posts, reactions and authorized OAuth apps.

#[allow(unused_imports)]
use super::*;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "users/{}/posts/flagged", true, flagged_posts),
    Route("DELETE", "users/{}/posts/{}/reactions/{}", true, remove_reaction),
    Route("GET", "users/{}/oauth/apps/authorized", true, authorized_apps),
];

/// `GET /users/{id}/posts/flagged`: a `PostList` object (not an array). Flags are the
/// user's `flagged_post` preferences, as on the server; `channel_id` wins over `team_id`.
pub(super) fn flagged_posts(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    for param in ["team_id", "channel_id"] {
        if ctx
            .query(param)
            .is_some_and(|v| !v.is_empty() && !is_valid_id(v))
        {
            return Err(Fail::invalid_url(param));
        }
    }
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    let (page, per_page) = paging(ctx, 60);
    let channel = ctx.query("channel_id").filter(|v| !v.is_empty());
    let team = ctx.query("team_id").filter(|v| !v.is_empty());
    let mut posts: Vec<&Obj> = st
        .prefs_of(&id)
        .filter(|x| x.category == "flagged_post" && x.value == "true")
        .filter_map(|x| st.posts.get(&x.name))
        .filter(|post| post.get("delete_at").and_then(Value::as_i64).unwrap_or(0) == 0)
        .filter(|post| {
            let ch = str_field(post, "channel_id").unwrap_or("");
            match (channel, team) {
                (Some(c), _) => ch == c,
                (None, Some(t)) => st.channels.get(ch).is_some_and(|pt| pt == t),
                (None, None) => true,
            }
        })
        .collect();
    posts.sort_by_key(|post| {
        std::cmp::Reverse(post.get("create_at").and_then(Value::as_i64).unwrap_or(0))
    });
    let total = posts.len();
    let page_posts = page_of(posts, page, per_page);
    let order: Vec<Value> = page_posts
        .iter()
        .filter_map(|post| post.get("id").cloned())
        .collect();
    let map: Map<String, Value> = page_posts
        .iter()
        .filter_map(|post| {
            Some((
                str_field(post, "id")?.to_owned(),
                // With the acknowledgements the state holds (`fake/channels.rs`).
                Value::Object(
                    str_field(post, "id")
                        .and_then(|id| st.post_json(id))
                        .unwrap_or_else(|| (*post).clone()),
                ),
            ))
        })
        .collect();
    Ok(json_reply(
        StatusCode::OK,
        &json!({
            "order": order,
            "posts": map,
            "next_post_id": "",
            "prev_post_id": "",
            "has_next": total > (page + 1).saturating_mul(per_page),
        }),
    ))
}

fn valid_emoji_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_+-".contains(&b))
}

/// `DELETE /users/{id}/posts/{post_id}/reactions/{emoji_name}`. Removing a reaction that does
/// not exist succeeds, as on the server; an unknown post is a 403 for a user and a 404 for an
/// admin (`deleteReaction` in server/channels/api4/reaction.go).
pub(super) fn remove_reaction(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    if !is_valid_id(&p[1]) {
        return Err(Fail::invalid_url("post_id"));
    }
    if !valid_emoji_name(&p[2]) {
        return Err(Fail::invalid_url("emoji_name"));
    }
    self_or_admin(ctx, &id, "remove_others_reactions")?;
    st.user(&id)?;
    if !st.posts.contains_key(&p[1]) {
        // `deleteReaction` checks the permission on the post's channel first: for a post
        // that does not exist that check fails, so a user gets a 403; an admin's
        // system-wide permission passes it and the app's lookup answers 404.
        if !ctx.auth.admin {
            return Err(Fail::forbidden(&ctx.auth.user_id, "remove_reaction"));
        }
        return Err(Fail::new(
            StatusCode::NOT_FOUND,
            "app.post.get.app_error",
            "Unable to get the post.",
        ));
    }
    st.reactions
        .retain(|r| !(r.user_id == id && r.post_id == p[1] && r.emoji_name == p[2]));
    Ok(status_ok())
}

/// `GET /users/{id}/oauth/apps/authorized`: the apps named by the user's `oauth_app`
/// preferences, client secrets blanked.
pub(super) fn authorized_apps(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    let (page, per_page) = paging(ctx, 60);
    let apps: Vec<Value> = st
        .prefs_of(&id)
        .filter(|x| x.category == "oauth_app")
        .filter_map(|x| st.oauth_apps.get(&x.name))
        .map(|app| {
            let mut app = app.clone();
            app.insert("client_secret".into(), json!(""));
            Value::Object(app)
        })
        .collect();
    Ok(json_reply(
        StatusCode::OK,
        &Value::Array(page_of(apps, page, per_page)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_known_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
