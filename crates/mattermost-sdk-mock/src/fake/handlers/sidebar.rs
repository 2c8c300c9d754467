//! A user's sidebar categories in a team (`users/{id}/teams/{team_id}/channels/categories...`),
//! after `server/channels/api4/channel_category.go` (handlers, permissions, error ids), the
//! app in `server/channels/app/channel_category.go` and the store in
//! `server/channels/store/sqlstore/channel_store_categories.go`.
//!
//! Per (user, team) the fake keeps the categories in sidebar order (a category's `sort_order`
//! is its position × 10, as the store renumbers them) with the channel IDs placed in each.
//! The three default categories (`favorites`, `channels`, `direct_messages`, IDs
//! `{type}_{user}_{team}`) are made the first time any sidebar operation touches a team
//! member's sidebar in that team, as the server does on team join or first read. Reading the
//! `channels` category lists first, by display name, every channel of the user in the team
//! that is in no category (`completePopulatingCategoryChannelsT`), so a deleted category's
//! channels fall back there. The fake has no direct or group messages, so the
//! `direct_messages` category lists none.
//!
//! Not modelled: favorites are not mirrored to `favorite_channel` preferences, and muting a
//! category does not change its channels' `notify_props` (the fake's channel members have
//! fixed notify props). Team membership is checked as in newer servers
//! (`channel_category_test.go` answers 403 to a user removed from the team): the caller must
//! have `view_team`, like the other team-scoped user routes.

#[allow(unused_imports)]
use super::*;

use super::directory::can_view_team;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "users/{}/teams/{}/channels/categories", true, get_categories),
    Route("POST", "users/{}/teams/{}/channels/categories", true, create_category),
    Route("PUT", "users/{}/teams/{}/channels/categories", true, update_categories),
    Route("GET", "users/{}/teams/{}/channels/categories/order", true, get_order),
    Route("PUT", "users/{}/teams/{}/channels/categories/order", true, update_order),
    Route("GET", "users/{}/teams/{}/channels/categories/{}", true, get_category),
    Route("PUT", "users/{}/teams/{}/channels/categories/{}", true, update_category),
    Route("DELETE", "users/{}/teams/{}/channels/categories/{}", true, delete_category),
];

/// One sidebar category (`model.SidebarCategory`) and the channels placed in it.
#[derive(Debug, Clone)]
pub(crate) struct Category {
    id: String,
    kind: String,
    display_name: String,
    sorting: String,
    muted: bool,
    collapsed: bool,
    /// Channel IDs placed in the category, in order (`SidebarChannels`).
    channels: Vec<String>,
}

/// Every user's sidebar: (user ID, team ID) → categories in sidebar order.
#[derive(Default)]
pub(crate) struct SidebarState {
    sidebars: BTreeMap<(String, String), Vec<Category>>,
}

use std::collections::BTreeMap;

const ERR_ID: &str = "app.channel.sidebar_categories.app_error";

fn sidebar_error(status: StatusCode) -> Fail {
    Fail::new(
        status,
        ERR_ID,
        "Unable to get or update sidebar categories.",
    )
}

/// `model.IsValidCategoryId`: an ID, or `{favorites|channels|direct_messages}_{id}_{id}`.
fn is_valid_category_id(s: &str) -> bool {
    is_valid_id(s)
        || ["favorites_", "channels_", "direct_messages_"]
            .iter()
            .any(|p| {
                s.strip_prefix(p).is_some_and(|rest| {
                    rest.len() == 53
                        && rest.as_bytes()[26] == b'_'
                        && is_valid_id(&rest[..26])
                        && is_valid_id(&rest[27..])
                })
            })
}

/// The user's categories in the team, made on first use for a member of the team
/// (`createInitialSidebarCategoriesT`); `None` for a user who is not in the team.
fn sidebar<'a>(st: &'a mut State, user: &str, team: &str) -> Option<&'a mut Vec<Category>> {
    if !st.in_team(team, user) {
        return None;
    }
    let key = (user.to_owned(), team.to_owned());
    Some(st.sidebar.sidebars.entry(key).or_insert_with(|| {
        [
            ("favorites", "Favorites", ""),
            ("channels", "Channels", ""),
            ("direct_messages", "Direct Messages", "recent"),
        ]
        .into_iter()
        .map(|(kind, name, sorting)| Category {
            id: format!("{kind}_{user}_{team}"),
            kind: kind.to_owned(),
            display_name: name.to_owned(),
            sorting: sorting.to_owned(),
            muted: false,
            collapsed: false,
            channels: Vec::new(),
        })
        .collect()
    }))
}

/// (user, team, position) of the category `id`, wherever it is.
fn locate(st: &State, id: &str) -> Option<(String, String, usize)> {
    st.sidebar.sidebars.iter().find_map(|((u, t), cats)| {
        cats.iter()
            .position(|c| c.id == id)
            .map(|i| (u.clone(), t.clone(), i))
    })
}

/// `SessionHasPermissionToCategory` (`server/channels/app/authorization.go`): an admin
/// (`edit_other_users`), or the category is the caller's, the path's user's and in the
/// path's team.
fn may_use_category(st: &State, ctx: &Ctx<'_>, user: &str, team: &str, id: &str) -> bool {
    if ctx.auth.admin {
        return true;
    }
    matches!(locate(st, id), Some((u, t, _)) if u == ctx.auth.user_id && u == user && t == team)
}

/// The category as the API shows it (`model.SidebarCategoryWithChannels`), `channels`
/// filled with the user's channels in no category first (`completePopulatingCategoryChannelsT`).
fn category_json(st: &State, user: &str, team: &str, index: usize, c: &Category) -> Value {
    let mut channels = c.channels.clone();
    if c.kind == "channels" {
        let placed: Vec<&String> = st
            .sidebar
            .sidebars
            .get(&(user.to_owned(), team.to_owned()))
            .map(|cats| cats.iter().flat_map(|c| c.channels.iter()).collect())
            .unwrap_or_default();
        let mut free: Vec<(String, String)> = st
            .channels_of(user, team)
            .into_iter()
            .filter(|id| !placed.contains(&id))
            .filter_map(|id| {
                let ch = st.channel_json(&id)?;
                let kind = str_field(&ch, "type").unwrap_or("O");
                let open = matches!(kind, "O" | "P");
                let live = ch.get("delete_at").and_then(Value::as_i64).unwrap_or(0) == 0;
                let name = str_field(&ch, "display_name").unwrap_or("").to_owned();
                (open && live).then_some((name, id))
            })
            .collect();
        free.sort();
        let mut all: Vec<String> = free.into_iter().map(|(_, id)| id).collect();
        all.extend(channels);
        channels = all;
    }
    json!({
        "id": c.id, "user_id": user, "team_id": team, "sort_order": index as i64 * 10,
        "sorting": c.sorting, "type": c.kind, "display_name": c.display_name,
        "muted": c.muted, "collapsed": c.collapsed, "channel_ids": channels,
    })
}

/// The path's user and team after the list handlers' checks: IDs (400), the user themself
/// or `edit_other_users` (403), then `view_team` (403). The user's sidebar in the team exists
/// afterwards (if they are in the team).
fn user_and_team(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Result<(String, String), Fail> {
    let user = uid(ctx, &p[0])?;
    if !is_valid_id(&p[1]) {
        return Err(Fail::invalid_url("team_id"));
    }
    let team = p[1].clone();
    self_or_admin(ctx, &user, "edit_other_users")?;
    can_view_team(st, ctx, &team)?;
    let _ = sidebar(st, &user, &team);
    Ok((user, team))
}

/// The path's user, team and category after the single-category handlers' checks: IDs
/// (400), `SessionHasPermissionToCategory` (403 `edit_other_users`), then `view_team`. The
/// path user's sidebar in the team is made first (the server makes it on team join).
fn user_team_category(
    st: &mut State,
    ctx: &Ctx<'_>,
    p: &[String],
) -> Result<(String, String, String), Fail> {
    let user = uid(ctx, &p[0])?;
    if !is_valid_id(&p[1]) {
        return Err(Fail::invalid_url("team_id"));
    }
    if !is_valid_category_id(&p[2]) {
        return Err(Fail::invalid_url("category_id"));
    }
    let (team, category) = (p[1].clone(), p[2].clone());
    let _ = sidebar(st, &user, &team);
    if !may_use_category(st, ctx, &user, &team, &category) {
        return Err(Fail::forbidden(&ctx.auth.user_id, "edit_other_users"));
    }
    can_view_team(st, ctx, &team)?;
    Ok((user, team, category))
}

/// `validateSidebarCategory`: keeps the channel IDs of the user's channels in the team, each
/// once (newer servers drop repeats: `TestValidateSidebarCategoryChannels`); no channel at
/// all for the user in the team is a 400 `api.invalid_channel`.
fn valid_channels(st: &State, user: &str, team: &str, ids: &[String]) -> Result<Vec<String>, Fail> {
    let mine = st.channels_of(user, team);
    if mine.is_empty() {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "api.invalid_channel",
            "Channel listed in the request is not valid.",
        ));
    }
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if mine.contains(id) && !out.contains(id) {
            out.push(id.clone());
        }
    }
    Ok(out)
}

/// A category from a request body (`model.SidebarCategoryWithChannels`), as far as the
/// handlers read it: (id, user_id, team_id, display_name, sorting, muted, collapsed,
/// channel_ids). A field of the wrong type is a decoding error: 400 `category`.
struct Incoming {
    id: String,
    user_id: String,
    team_id: String,
    display_name: String,
    sorting: String,
    muted: bool,
    collapsed: bool,
    channels: Vec<String>,
}

fn incoming(v: &Value) -> Result<Incoming, Fail> {
    let bad = || Fail::invalid_body("category");
    let obj = match v {
        Value::Object(m) => m.clone(),
        Value::Null => Obj::new(),
        _ => return Err(bad()),
    };
    let s = |k: &str| -> Result<String, Fail> {
        match obj.get(k) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(bad()),
        }
    };
    let b = |k: &str| -> Result<bool, Fail> {
        match obj.get(k) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(bad()),
        }
    };
    let channels = match obj.get("channel_ids") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| x.as_str().map(str::to_owned).ok_or_else(bad))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(bad()),
    };
    Ok(Incoming {
        id: s("id")?,
        user_id: s("user_id")?,
        team_id: s("team_id")?,
        display_name: s("display_name")?,
        sorting: s("sorting")?,
        muted: b("muted")?,
        collapsed: b("collapsed")?,
        channels,
    })
}

fn body_value(ctx: &Ctx<'_>) -> Result<Value, Fail> {
    serde_json::from_slice(ctx.body)
        .map_err(|e| Fail::invalid_body("category").detail(e.to_string()))
}

/// `GET .../channels/categories`: `model.OrderedSidebarCategories`. A user not in the team
/// (as an admin sees them) has none.
fn get_categories(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, team) = user_and_team(st, ctx, p)?;
    let key = (user.clone(), team.clone());
    let cats = st.sidebar.sidebars.get(&key).cloned().unwrap_or_default();
    let categories: Vec<Value> = cats
        .iter()
        .enumerate()
        .map(|(i, c)| category_json(st, &user, &team, i, c))
        .collect();
    let order: Vec<&str> = cats.iter().map(|c| c.id.as_str()).collect();
    Ok(json_reply(
        StatusCode::OK,
        &json!({"categories": categories, "order": order}),
    ))
}

/// `POST .../channels/categories`: a new custom category right after favorites (first if
/// favorites is not first); its channels leave the categories they were in
/// (`CreateSidebarCategory` in the store). The body's `user_id`/`team_id` must be the path's
/// (400 `category`). Answers with `channel_ids: null` when it has none (Go's nil slice).
fn create_category(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, team) = user_and_team(st, ctx, p)?;
    let body = incoming(&body_value(ctx)?)?;
    if body.user_id != user || body.team_id != team {
        return Err(Fail::invalid_body("category"));
    }
    let channels = valid_channels(st, &user, &team, &body.channels)?;
    let id = st.new_id();
    let Some(cats) = sidebar(st, &user, &team) else {
        return Err(sidebar_error(StatusCode::NOT_FOUND));
    };
    for c in cats.iter_mut() {
        c.channels.retain(|x| !channels.contains(x));
    }
    let at = usize::from(cats.first().is_some_and(|c| c.kind == "favorites"));
    let category = Category {
        id,
        kind: "custom".into(),
        display_name: body.display_name,
        sorting: body.sorting,
        muted: body.muted,
        collapsed: false,
        channels,
    };
    cats.insert(at, category.clone());
    let mut out = category_json(st, &user, &team, at, &category);
    if category.channels.is_empty() {
        out["channel_ids"] = Value::Null;
    }
    Ok(json_reply(StatusCode::OK, &out))
}

/// `UpdateSidebarCategories` in the store, for categories the handler has checked: keeps
/// `user_id`, `team_id`, `sort_order` and `type`; a category that is not custom keeps its
/// name; the direct-messages category keeps its channels and `muted`. Returns the updated
/// categories as the API shows them.
fn apply_updates(st: &mut State, updates: Vec<Incoming>) -> Vec<Value> {
    let mut done = Vec::new();
    for u in updates {
        let Some((cu, ct, i)) = locate(st, &u.id) else {
            continue;
        };
        let Some(cats) = st.sidebar.sidebars.get_mut(&(cu.clone(), ct.clone())) else {
            continue;
        };
        let c = &mut cats[i];
        if c.kind == "custom" {
            c.display_name = u.display_name;
        }
        c.sorting = u.sorting;
        c.collapsed = u.collapsed;
        if c.kind != "direct_messages" {
            c.channels = u.channels;
            c.muted = u.muted;
        }
        done.push((cu, ct, i));
    }
    done.into_iter()
        .filter_map(|(u, t, i)| {
            let c = st
                .sidebar
                .sidebars
                .get(&(u.clone(), t.clone()))?
                .get(i)?
                .clone();
            Some(category_json(st, &u, &t, i, &c))
        })
        .collect()
}

/// `PUT .../channels/categories`: several categories; one that is not the caller's in this
/// team is a 400 `category` (`SetInvalidParam`, not a 403).
fn update_categories(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, team) = user_and_team(st, ctx, p)?;
    let list = match body_value(ctx)? {
        Value::Array(a) => a,
        Value::Null => Vec::new(),
        _ => return Err(Fail::invalid_body("category")),
    };
    let mut updates = Vec::new();
    for v in &list {
        updates.push(incoming(v)?);
    }
    for u in &updates {
        if !may_use_category(st, ctx, &user, &team, &u.id) {
            return Err(Fail::invalid_body("category"));
        }
    }
    for u in &mut updates {
        u.channels = valid_channels(st, &user, &team, &u.channels)?;
    }
    let out = apply_updates(st, updates);
    Ok(json_reply(StatusCode::OK, &Value::Array(out)))
}

/// `GET .../channels/categories/order`: the category IDs in sidebar order.
fn get_order(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, team) = user_and_team(st, ctx, p)?;
    let order: Vec<String> = sidebar(st, &user, &team)
        .map(|cats| cats.iter().map(|c| c.id.clone()).collect())
        .unwrap_or_default();
    Ok(json_reply(StatusCode::OK, &json!(order)))
}

/// `PUT .../channels/categories/order`: a body that is not a string array reads as empty
/// (`model.ArrayFromJSON`); an ID that is not the caller's in this team is a 400 `category`;
/// a list of another length than the user's categories a 500, one leaving a category out a
/// 400 (`UpdateSidebarCategoryOrder` in the store). Answers with the order.
fn update_order(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, team) = user_and_team(st, ctx, p)?;
    let order: Vec<String> = serde_json::from_slice(ctx.body).unwrap_or_default();
    for id in &order {
        if !may_use_category(st, ctx, &user, &team, id) {
            return Err(Fail::invalid_body("category"));
        }
    }
    let Some(cats) = sidebar(st, &user, &team) else {
        return Err(sidebar_error(StatusCode::INTERNAL_SERVER_ERROR));
    };
    if order.len() != cats.len() {
        return Err(sidebar_error(StatusCode::INTERNAL_SERVER_ERROR));
    }
    if cats.iter().any(|c| !order.contains(&c.id)) {
        return Err(sidebar_error(StatusCode::BAD_REQUEST));
    }
    cats.sort_by_key(|c| order.iter().position(|x| *x == c.id));
    Ok(json_reply(StatusCode::OK, &json!(order)))
}

/// `GET .../channels/categories/{category_id}`: a category the caller may use but that does
/// not exist (an admin's guess) is a 404.
fn get_category(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (_, _, id) = user_team_category(st, ctx, p)?;
    let (u, t, i) = locate(st, &id).ok_or_else(|| sidebar_error(StatusCode::NOT_FOUND))?;
    let c = st.sidebar.sidebars[&(u.clone(), t.clone())][i].clone();
    Ok(json_reply(
        StatusCode::OK,
        &category_json(st, &u, &t, i, &c),
    ))
}

/// `PUT .../channels/categories/{category_id}`: the body's `user_id`/`team_id` must be the
/// path's (400 `category`); its `id` is replaced by the path's.
fn update_category(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (user, team, id) = user_team_category(st, ctx, p)?;
    let mut body = incoming(&body_value(ctx)?)?;
    if body.user_id != user || body.team_id != team {
        return Err(Fail::invalid_body("category"));
    }
    body.channels = valid_channels(st, &user, &team, &body.channels)?;
    body.id = id;
    let out = apply_updates(st, vec![body]);
    match out.into_iter().next() {
        Some(v) => Ok(json_reply(StatusCode::OK, &v)),
        None => Err(sidebar_error(StatusCode::INTERNAL_SERVER_ERROR)),
    }
}

/// `DELETE .../channels/categories/{category_id}`: only a custom category (400 otherwise);
/// its channels fall back to the default categories. A missing one is a 500 (the store's
/// lookup error is not an invalid-input one).
fn delete_category(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let (_, _, id) = user_team_category(st, ctx, p)?;
    let (u, t, i) =
        locate(st, &id).ok_or_else(|| sidebar_error(StatusCode::INTERNAL_SERVER_ERROR))?;
    let cats = st
        .sidebar
        .sidebars
        .get_mut(&(u, t))
        .ok_or_else(|| sidebar_error(StatusCode::INTERNAL_SERVER_ERROR))?;
    if cats[i].kind != "custom" {
        return Err(sidebar_error(StatusCode::BAD_REQUEST));
    }
    cats.remove(i);
    Ok(status_ok())
}
